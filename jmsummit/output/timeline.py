"""The timeline: every dated fact in date order, as records and as a terminal drawing.

A fact is dated when its value is a day, a range of days, a month ("2017-03") or a
year ("2017"). Events sort by their first day (a month by its first, a year by
1 January), then the vaguer one first, then by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..base.models import DateRange, Fact, ValueKind
from . import cjk, layout
from .contract import JsonValue
from .formats import Lang
from .text import pick, safe

if TYPE_CHECKING:
    from rich.console import RenderableType

DATE_COLUMNS = ("date", "start", "end", "id", "title_zh", "title_en")


def _first_day(value: object) -> tuple[dt.date, int]:
    """The day an event starts and its precision (0 year, 1 month, 2 day) for sorting."""
    if isinstance(value, DateRange):
        return value.start, 2
    if isinstance(value, dt.date):
        return value, 2
    text = str(value)
    if len(text) == 4:
        return dt.date(int(text), 1, 1), 0
    return dt.date(int(text[:4]), int(text[5:7]), 1), 1


def events(facts: Iterable[Fact]) -> list[Fact]:
    """The dated facts, in date order."""
    dated = [f for f in facts if f.value is not None and f.value_kind is ValueKind.DATE]
    return sorted(dated, key=lambda f: (*_first_day(f.value), f.id))


def when(fact: Fact) -> dict[str, str]:
    """{"date": …} for a day, month or year; {"start": …, "end": …} for a range."""
    value = fact.value
    if isinstance(value, DateRange):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return {"date": str(value)}


def when_text(fact: Fact) -> str:
    """The date as people read it: 2017-11-19, 2017-11-19 – 2017-11-21, 2017-03, 2017."""
    dates = when(fact)
    return dates.get("date") or f"{dates['start']} – {dates['end']}"


def record(fact: Fact) -> JsonValue:
    """One event of the JSON timeline."""
    return {**when(fact), "id": fact.id, "title": {"zh": fact.title, "en": fact.title_en}}


def row(fact: Fact) -> list[str]:
    """One event as CSV/TSV cells (DATE_COLUMNS)."""
    dates = when(fact)
    return [
        dates.get("date", ""),
        dates.get("start", ""),
        dates.get("end", ""),
        fact.id,
        fact.title,
        fact.title_en,
    ]


def drawing(facts: Sequence[Fact], lang: Lang, width: int) -> RenderableType:
    """A vertical timeline: the date, a dot on a line, the title and (dim) the id.

    Narrower than 60 cells, the date goes above its event instead of beside it.
    """
    from rich.console import Group
    from rich.text import Text

    beside = width >= 60
    date_width = max([cjk.cell_width(when_text(f)) for f in facts] or [0]) if beside else 0
    indent = date_width + 3 if beside else 2
    text_width = max(width - indent, 10)
    parts: list[RenderableType] = [Text(f"timeline ({len(facts)} dated facts)", style="bold")]
    for number, fact in enumerate(facts):
        date = when_text(fact)
        title = layout.wrapped(pick(lang, fact.title, fact.title_en), text_width)
        lines = [*title.split("\n"), Text(safe(fact.id), style="cyan dim")]
        block = Text()
        if not beside:
            block.append(date, style="bold green")
            block.append("\n")
        for line_number, line in enumerate(lines):
            if line_number:
                block.append("\n")
            if beside:
                block.append(
                    date.ljust(date_width) if line_number == 0 else " " * date_width,
                    style="bold green",
                )
                block.append(" ● " if line_number == 0 else " │ ", style="yellow")
            else:
                block.append("● " if line_number == 0 else "│ ", style="yellow")
            block.append_text(line)
        if number < len(facts) - 1:
            block.append("\n" + (" " * date_width + " │" if beside else "│"), style="yellow")
        parts.append(block)
    return Group(*parts)
