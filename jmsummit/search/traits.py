"""What the scorer knows of a fact without reading its record, packed into one integer.

Whether a fact suits the kind of question asked (a date for "when", a figure for
"how many", a title that says "who") is known at build time. The index stores it
as an integer beside the fact's phrases, so ranking thousands of candidates that
tie on the question's words never decodes a fact it will not show.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from ..base.models import DateRange, Fact, ValueKind
from . import vocabulary
from .normalize import stem
from .results import QuestionType

# A date value says a range of days, a day, a month ("YYYY-MM") or a year: "" for no date.
PRECISIONS = ("", "range", "day", "month", "year")
_KINDS = tuple(ValueKind)
_QUESTIONS = tuple(QuestionType)
# Bits: value kind (3), date precision (3), "people" category (1), question types (one each).
_PRECISION_SHIFT = 3
_PEOPLE_BIT = 1 << 6
_QUESTIONS_SHIFT = 7
LIMIT = 1 << (_QUESTIONS_SHIFT + len(_QUESTIONS))  # every code is below this
assert len(_KINDS) <= 8 and len(PRECISIONS) <= 8


class Traits(NamedTuple):
    """The properties of a fact that say which kinds of question it answers."""

    value_kind: ValueKind
    precision: str  # of a date value: one of PRECISIONS ("" when the value is not a date)
    title_kinds: frozenset[QuestionType]  # question types the English title says it answers
    people: bool  # in the "people" category: it answers "who"


def of(fact: Fact) -> Traits:
    """A fact's traits."""
    kind = fact.value_kind
    return Traits(
        kind,
        date_precision(fact.value) if kind is ValueKind.DATE else "",
        title_kinds(fact.title_en),
        fact.category == "people",
    )


def title_kinds(title_en: str) -> frozenset[QuestionType]:
    """The question types an English title says its fact answers."""
    words = {stem(w) for w in title_en.casefold().replace(",", " ").split()}
    return frozenset(kind for kind, cues in _title_cues().items() if words & cues)


@cache
def _title_cues() -> dict[QuestionType, frozenset[str]]:
    """English title words (stemmed) that mark a fact as answering who / where / when ..."""
    return {
        QuestionType(kind): frozenset(stem(word) for word in words.split())
        for kind, words in vocabulary.rules("title_cues.txt")
    }


def date_precision(value: object) -> str:
    """Whether a date value is a range of days, a day, a month ("YYYY-MM") or a year."""
    if isinstance(value, DateRange):
        return "range"
    if isinstance(value, str):
        return "month" if len(value) == 7 else "year"
    return "day"


def encode(traits: Traits) -> int:
    """The traits as one integer below LIMIT."""
    questions = sum(1 << i for i, kind in enumerate(_QUESTIONS) if kind in traits.title_kinds)
    return (
        _KINDS.index(traits.value_kind)
        | PRECISIONS.index(traits.precision) << _PRECISION_SHIFT
        | (_PEOPLE_BIT if traits.people else 0)
        | questions << _QUESTIONS_SHIFT
    )


def decode(code: object) -> Traits:
    """The traits an integer encodes; ValueError for anything `encode` never writes."""
    if type(code) is not int or not 0 <= code < LIMIT:
        raise ValueError("traits are not a code")
    kind, precision = code & 7, code >> _PRECISION_SHIFT & 7
    if kind >= len(_KINDS) or precision >= len(PRECISIONS):
        raise ValueError("traits name an unknown kind")
    if (_KINDS[kind] is ValueKind.DATE) != bool(precision):  # a date, and a date only, has one
        raise ValueError("traits give a precision to what is not a date, or none to a date")
    questions = code >> _QUESTIONS_SHIFT
    return Traits(
        _KINDS[kind],
        PRECISIONS[precision],
        frozenset(q for i, q in enumerate(_QUESTIONS) if questions >> i & 1),
        bool(code & _PEOPLE_BIT),
    )
