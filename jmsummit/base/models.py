"""Typed, immutable domain records: facts, their values and sources."""

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


# A month known only to the month is kept as its "YYYY-MM" string.
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
    """Where in the article a fact is stated."""

    paragraph: int
    evidence: tuple[str, ...]


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

    @property
    def value_kind(self) -> ValueKind:
        """Classify the typed value for question-type matching."""
        return value_kind(self.value)


def value_kind(value: Value | None) -> ValueKind:
    """The kind of a typed value (a "YYYY-MM" month string counts as a date)."""
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
    """True for a "YYYY-MM" string."""
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()
