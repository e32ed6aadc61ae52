"""What a search reports: the kind of question, ranked matches, and whether to trust them.

Plain data, so the output layer can show results without importing the engine; NamedTuples,
which cost a fraction of a frozen dataclass to define on every cold start (see base/models.py).
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from ..base.models import Fact

SEARCH_FLOOR = 25.0  # `search` lists matches down to this score


class QuestionType(str, Enum):
    """What a question asks for, in either language."""

    WHEN = "when"
    WHO = "who"
    WHERE = "where"
    HOW_MANY = "how-many"
    HOW_MUCH = "how-much"
    WHICH = "which"
    WHY = "why"
    YES_NO = "yes-no"
    OTHER = "other"


class Reason(NamedTuple):
    """One query term that matched, and the field it matched in."""

    field: str
    term: str


class Explanation(NamedTuple):
    """The parts of a score, for --explain: each a share (0-1) or a factor."""

    coverage: float  # how much of the question (IDF-weighted) the fact covers, field-trusted
    precision: float  # how fully the question covers the fact's best title or alias
    fit: float  # question-type factor: >1 suits (a date for "when"), <1 misfits
    checks: tuple[str, ...] = ()  # the confidence checks it passed, in words (answers only)


class Match(NamedTuple):
    """A fact, how well it answers the query (0-100), and why."""

    fact: Fact
    score: float
    reasons: tuple[Reason, ...]
    explain: Explanation | None = None


class Result(NamedTuple):
    """Everything a search produced: ranked matches and whether to trust the first."""

    query: str
    question_type: QuestionType
    matches: tuple[Match, ...]
    confident: bool
    doubt: str = ""  # why the best match is not the answer, when it is not

    @classmethod
    def empty(cls, query: str) -> Result:
        """The result of a question with nothing to search for (a blank batch line)."""
        return cls(query, QuestionType.OTHER, (), False)

    def answers(self, see_also: int = 2) -> tuple[Match, ...]:
        """The confident answer and up to `see_also` related facts; () when unsure."""
        if not self.confident:
            return ()
        related = [m for m in self.matches[1 : 1 + see_also] if m.score >= SEARCH_FLOOR]
        return (self.matches[0], *related)

    def found(self) -> tuple[Match, ...]:
        """Every match scoring at least SEARCH_FLOOR, for `search`."""
        return tuple(m for m in self.matches if m.score >= SEARCH_FLOOR)
