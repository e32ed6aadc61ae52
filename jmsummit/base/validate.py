"""Whole-base checks beyond loading: names against the registry, evidence against the article."""

from __future__ import annotations

from dataclasses import dataclass

from .article import paragraphs
from .entities import NameFinder, english_forms, uses_english_name
from .factbase import FactBase
from .models import Entity, Fact


@dataclass(frozen=True)
class Report:
    """What `validate` found: counts for the summary, and problems (empty = valid)."""

    facts: int
    entities: int
    categories: dict[str, int]
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check(base: FactBase, source_text: str | None = None) -> Report:
    """Check the loaded base; with the article's text, check every evidence phrase too."""
    problems = naming_problems(base)
    if source_text is not None:
        problems.extend(_evidence_problems(base, source_text))
    return Report(len(base.facts), len(base.entities), base.categories(), tuple(problems))


def naming_problems(base: FactBase) -> list[str]:
    """Names that break the registry's rules, one message each.

    A fact whose Chinese text names an entity must list it in `entities` and spell it
    in English the registry's way; every entity must be listed by some fact.
    """
    finder = NameFinder(base.entities)
    problems: list[str] = []
    listed: set[Entity] = set()
    for fact in base.facts:
        listed.update(fact.entities)
        english = f"{fact.title_en}\n{fact.answer_en}"
        for spelling, entity in dict.fromkeys(finder.find(_chinese_text(fact))):
            where = f"{fact.file}: fact {fact.id!r}: entity {entity.id!r}"
            if entity not in fact.entities:
                problems.append(
                    f"{where}: field 'entities': names {spelling!r} but does not list it"
                )
            if not uses_english_name(entity, english):
                forms = " / ".join(repr(form) for form in english_forms(entity))
                problems.append(
                    f"{where}: field 'answer_en': names {spelling!r}, but the English text "
                    f"uses none of {forms}"
                )
    for entity in base.entities:
        if entity not in listed:
            problems.append(f"{entity.file}: entity {entity.id!r}: no fact lists it")
    return problems


def _chinese_text(fact: Fact) -> str:
    """The Chinese prose of a fact: title, answer and string values (not search aliases)."""
    values = fact.value if isinstance(fact.value, tuple) else (fact.value,)
    strings = [v for v in values if isinstance(v, str)]
    return "\n".join([fact.title, fact.answer, *strings])


def _evidence_problems(base: FactBase, source_text: str) -> list[str]:
    """One message per evidence phrase not found verbatim in the fact's paragraphs."""
    lines = paragraphs(source_text)
    problems = []
    for fact in base.facts:
        numbers = fact.source.paragraphs
        cited = [lines[n - 1] for n in numbers if n <= len(lines)]
        number = ", ".join(map(str, numbers))
        for phrase in fact.source.evidence:
            if any(phrase in paragraph for paragraph in cited):
                continue
            elsewhere = phrase in source_text
            where = "found elsewhere in the article" if elsewhere else "not in the article"
            problems.append(
                f"{fact.file}: fact {fact.id!r}: field 'source.evidence': "
                f"{phrase!r} is not in paragraph {number} ({where})"
            )
    return problems
