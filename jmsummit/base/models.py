"""Typed, immutable domain records: facts, their values and sources, entities, categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class DateRange:
    """A span of days, both ends included."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Money:
    """An amount as the article states it, plus the same in yuan."""

    amount: float
    unit: str
    cny: int


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


@dataclass(frozen=True)
class Source:
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


@dataclass(frozen=True)
class Entity:
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


@dataclass(frozen=True)
class Category:
    """A group of facts, described in both languages."""

    name: str
    description: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Fact:
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
