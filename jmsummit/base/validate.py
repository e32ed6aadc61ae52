"""Whole-base checks beyond loading: evidence against the article, completeness."""

from __future__ import annotations

from dataclasses import dataclass

from .article import paragraphs
from .factbase import FactBase


@dataclass(frozen=True)
class Report:
    """What `validate` found: counts for the summary, and problems (empty = valid)."""

    facts: int
    categories: dict[str, int]
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check(base: FactBase, source_text: str | None = None) -> Report:
    """Check the loaded base; with the article's text, check every evidence phrase too."""
    problems: list[str] = []
    if source_text is not None:
        problems.extend(_evidence_problems(base, source_text))
    return Report(len(base.facts), base.categories(), tuple(problems))


def _evidence_problems(base: FactBase, source_text: str) -> list[str]:
    """One message per evidence phrase not found verbatim in its paragraph."""
    lines = paragraphs(source_text)
    problems = []
    for fact in base.facts:
        number = fact.source.paragraph
        paragraph = lines[number - 1] if number <= len(lines) else ""
        for phrase in fact.source.evidence:
            if phrase in paragraph:
                continue
            elsewhere = phrase in source_text
            where = "found elsewhere in the article" if elsewhere else "not in the article"
            problems.append(
                f"{fact.file}: fact {fact.id!r}: field 'source.evidence': "
                f"{phrase!r} is not in paragraph {number} ({where})"
            )
    return problems
