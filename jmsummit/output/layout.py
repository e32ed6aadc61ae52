"""Width-aware layouts for a terminal: tables that fit, stacked records, cards.

Every cell is broken into lines here (`cjk.wrap`: whole words and numbers,
Chinese line-breaking rules) before rich draws it, so rich never folds a word
or drops a wide character. A table whose columns cannot all fit — or any table
narrower than STACK_BELOW cells — becomes a stacked layout: one record per
block, its key on the first line and each other column as "label: value".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from . import cjk, highlight
from .text import safe

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

STACK_BELOW = 80  # narrower than this, records are stacked, not tabled
MIN_TEXT_COLUMN = 10  # a wrapping column narrower than this is not worth drawing
HIGHLIGHT = "bold yellow"


class Column(NamedTuple):
    """A column of a record table."""

    header: str
    style: str = ""
    right: bool = False  # right-justified (numbers)
    wrap: bool = True  # False: a cell is never broken (ids, scores)


class Records(NamedTuple):
    """Rows under named columns; the first column is each record's key."""

    columns: tuple[Column, ...]
    rows: Sequence[tuple[str, ...]] = ()
    title: str | None = None


def styled(text: str, lines: Sequence[tuple[int, int]], marks: Sequence[tuple[int, int]]) -> Text:
    """The lines of `text` (offsets from `cjk.wrap_spans`) joined by newlines, marks styled."""
    from rich.text import Text

    out = Text()
    for number, (start, end) in enumerate(lines):
        if number:
            out.append("\n")
        piece = Text(text[start:end])
        for mark_start, mark_end in marks:
            if mark_end > start and mark_start < end:
                piece.stylize(HIGHLIGHT, max(mark_start, start) - start, min(mark_end, end) - start)
        out.append_text(piece)
    return out


def wrapped(text: str, width: int, terms: Sequence[str] = (), style: str = "") -> Text:
    """`text` (made safe) broken to `width` cells, with whole-word highlights of `terms`."""
    text = safe(text)
    out = styled(text, cjk.wrap_spans(text, width), highlight.spans(text, terms) if terms else [])
    if style:
        out.stylize(style)
    return out


def column_widths(records: Records, width: int) -> list[int] | None:
    """Widths that fit the table in `width` cells (borders included), or None."""
    columns = records.columns
    natural, minimum = [], []
    for index, column in enumerate(columns):
        cells = [safe(row[index]) for row in records.rows]
        widest = max([cjk.cell_width(line) for c in cells for line in c.split("\n")] or [0])
        head = cjk.cell_width(column.header)
        natural.append(max(widest, head))
        if column.wrap:
            pieces = max([cjk.widest_piece(c) for c in cells] or [0])
            minimum.append(max(pieces, head, min(natural[-1], MIN_TEXT_COLUMN)))
        else:
            minimum.append(natural[-1])
    room = width - (3 * len(columns) + 1)  # a border and two spaces of padding a column
    if sum(natural) <= room:
        return natural
    if sum(minimum) > room:
        return None
    # Water-filling: a column that wants less than a fair share of the room left gets all
    # it wants (whole short titles), the rest share what remains equally.
    extra = room - sum(minimum)
    widths = list(minimum)
    hungry = sorted(
        (i for i in range(len(widths)) if natural[i] > minimum[i]),
        key=lambda i: natural[i] - minimum[i],
    )
    while hungry:
        share = extra // len(hungry)
        index = hungry[0]
        want = natural[index] - widths[index]
        if want <= share:
            widths[index] += want
            extra -= want
            hungry.pop(0)
            continue
        for number, index in enumerate(hungry):
            widths[index] += share + (1 if number < extra % len(hungry) else 0)
        break
    return widths


def records(records: Records, width: int) -> RenderableType:
    """A table when it fits (and the terminal is at least STACK_BELOW wide), else stacked."""
    widths = column_widths(records, width) if width >= STACK_BELOW else None
    if widths is None:
        return stacked(records, width)
    return table(records, widths)


def table(records: Records, widths: Sequence[int]) -> RenderableType:
    """A rich table with fixed column widths and pre-broken cells."""
    from rich.table import Table

    title = wrapped(records.title, sum(widths) + 3 * len(widths) + 1) if records.title else None
    grid = Table(title=title, title_justify="left")
    for column, column_width in zip(records.columns, widths, strict=True):
        grid.add_column(
            column.header,
            style=column.style,
            justify="right" if column.right else "left",
            width=column_width,
            no_wrap=True,
        )
    for row in records.rows:
        grid.add_row(*(wrapped(cell, w) for cell, w in zip(row, widths, strict=True)))
    return grid


def stacked(records: Records, width: int) -> RenderableType:
    """One block per record: the key, then "label: value" lines with a hanging indent."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    if records.title:
        parts.append(wrapped(records.title, width, style="bold"))
    labels = [column.header + ":" for column in records.columns[1:]]
    label_width = max([cjk.cell_width(label) for label in labels] or [0])
    value_width = width - 2 - label_width - 1
    beside = value_width >= MIN_TEXT_COLUMN
    for number, row in enumerate(records.rows):
        if number or records.title:
            parts.append(Text(""))
        key_style = records.columns[0].style + " bold"
        parts.append(wrapped(row[0], width, style=key_style.strip()))
        for column, label, cell in zip(records.columns[1:], labels, row[1:], strict=True):
            if not cell:
                continue
            label_text = Text("  " + label + " " * (label_width - cjk.cell_width(label)), "dim")
            if beside:
                body = wrapped(cell, value_width, style=column.style)
                pad = " " * (2 + label_width + 1)
                lines = body.split("\n")
                block = Text()
                for line_number, line in enumerate(lines):
                    if line_number:
                        block.append("\n" + pad)
                    else:
                        block.append_text(label_text)
                        block.append(" ")
                    block.append_text(line)
                parts.append(block)
            else:
                parts.append(label_text)
                body = wrapped(cell, width - 4, style=column.style)
                parts.append(_indent(body, 4))
    return Group(*parts)


def bulleted(mark: str, text: str, width: int) -> Text:
    """`mark` then `text` broken to the width, continuation lines under the text."""
    from rich.text import Text

    indent = cjk.cell_width(mark)
    body = _indent(wrapped(text, max(width - indent, MIN_TEXT_COLUMN)), indent)
    out = Text(mark, style="green")
    out.append_text(body[indent:])
    return out


def _indent(body: Text, cells: int) -> Text:
    from rich.text import Text

    out = Text()
    for number, line in enumerate(body.split("\n")):
        if number:
            out.append("\n")
        out.append(" " * cells)
        out.append_text(line)
    return out


def card(
    title: str,
    fields: Sequence[tuple[str, str, Sequence[str]]],
    width: int,
    footer: str = "",
) -> RenderableType:
    """A bordered panel of label/value rows; `fields` are (label, text, terms to highlight).

    The title is cut with "…" when it does not fit on the top border.
    """
    from rich.panel import Panel
    from rich.text import Text

    inner = max(width - 4, 8)  # two border cells and a space of padding each side
    label_width = max([cjk.cell_width(label) for label, _, _ in fields] or [0])
    value_width = inner - label_width - 1
    beside = value_width >= MIN_TEXT_COLUMN
    body = Text()
    for number, (label, text, terms) in enumerate(fields):
        if number:
            body.append("\n")
        label_text = Text(safe(label) + " " * (label_width - cjk.cell_width(label)), style="dim")
        if beside:
            value = wrapped(text, value_width, terms)
            for line_number, line in enumerate(value.split("\n")):
                if line_number:
                    body.append("\n" + " " * (label_width + 1))
                else:
                    body.append_text(label_text)
                    body.append(" ")
                body.append_text(line)
        else:
            body.append_text(label_text)
            body.append("\n")
            body.append_text(wrapped(text, inner, terms))
    if footer:
        body.append("\n")
        body.append_text(wrapped(footer, inner, style="dim"))
    heading = Text(cjk.truncate(safe(title), max(width - 6, 1)), style="bold")
    return Panel(body, title=heading, title_align="left", width=width)
