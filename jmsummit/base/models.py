"""Typed, immutable domain records: facts, their values and sources, entities, categories.

The records are NamedTuples, not frozen dataclasses: every cold `ask` defines them, and
importing dataclasses (which imports inspect, ast and dis) and defining a frozen dataclass
cost several times as much (measured with -X importtime). DateRange and Money, which
can be a fact's value, are small __slots__ classes (immutable to the type checker) instead:
a value can also be a tuple of strings, told apart with isinstance(value, tuple).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Final, NamedTuple


class DateRange:
    """A span of days, both ends included."""

    __slots__ = ("end", "start")

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start: Final = start
        self.end: Final = end

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DateRange):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"DateRange(start={self.start!r}, end={self.end!r})"


class Money:
    """An amount as the article states it, plus the same in yuan."""

    __slots__ = ("amount", "cny", "unit")

    def __init__(self, amount: float, unit: str, cny: int) -> None:
        self.amount: Final = amount
        self.unit: Final = unit
        self.cny: Final = cny

    def _key(self) -> tuple[float, str, int]:
        return (self.amount, self.unit, self.cny)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Money(amount={self.amount!r}, unit={self.unit!r}, cny={self.cny!r})"


# A month or a year known only to the month or year is kept as a "YYYY-MM" or "YYYY" string.
Value = str | int | dt.date | DateRange | Money | tuple[str, ...]


class ValueKind(str, Enum):
    """What sort of answer a fact's value gives; matched against question types."""

    NONE = "none"
    TEXT = "text"
    COUNT = "count"
    DATE = "date"
    MONEY = "money"
    LIST = "list"


class Source(NamedTuple):
    """Where in the article a fact is stated: its main paragraph, and any others it draws on."""

    paragraph: int
    evidence: tuple[str, ...]  # phrases found verbatim in one of the paragraphs
    also: tuple[int, ...] = ()  # further paragraphs, for a fact gathered from several

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """Every paragraph the fact comes from, the main one first."""
        return (self.paragraph, *self.also)


class EntityKind(str, Enum):
    """What sort of thing an entity is; an entity id starts with its kind."""

    ORGANIZATION = "organization"
    PERSON = "person"
    PLACE = "place"
    VENUE = "venue"
    PROJECT = "project"
    PROGRAM = "program"
    HONOR = "honor"
    EVENT = "event"
    DOCUMENT = "document"


class Entity(NamedTuple):
    """A named thing the article mentions, with the one spelling of its name per language."""

    id: str
    kind: EntityKind
    name: str  # Chinese, as the article writes it
    name_en: str  # the established English name, or the one translation used everywhere
    aliases: tuple[str, ...]  # short forms and abbreviations, in either language
    paragraph: int  # where the article names it
    file: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that refers to this entity: name, English name, aliases."""
        return (self.name, self.name_en, *self.aliases)


class Category(NamedTuple):
    """A group of facts, described in both languages."""

    name: str
    description: str = ""
    description_en: str = ""


class Fact(NamedTuple):
    """One answer to one question, in Chinese and English."""

    id: str
    category: str
    title: str
    title_en: str
    answer: str
    answer_en: str
    value: Value | None
    aliases: tuple[str, ...]
    source: Source
    file: str
    entities: tuple[Entity, ...] = ()  # what the fact is about, from the registry
    former_ids: tuple[str, ...] = ()  # ids it had before a rename or merge: scripts keep working

    @property
    def value_kind(self) -> ValueKind:
        """Classify the typed value for question-type matching."""
        return value_kind(self.value)


def value_kind(value: Value | None) -> ValueKind:
    """The kind of a typed value (a "YYYY-MM" month or "YYYY" year string is a date)."""
    if value is None:
        return ValueKind.NONE
    if isinstance(value, bool):
        return ValueKind.TEXT
    if isinstance(value, int):
        return ValueKind.COUNT
    if isinstance(value, (dt.date, DateRange)):
        return ValueKind.DATE
    if isinstance(value, Money):
        return ValueKind.MONEY
    if isinstance(value, tuple):
        return ValueKind.LIST
    if _is_month(value):
        return ValueKind.DATE
    return ValueKind.TEXT


def _is_month(text: str) -> bool:
    """True for a "YYYY-MM" month or a "YYYY" year string."""
    if len(text) == 4:
        return text.isascii() and text.isdigit()
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()
