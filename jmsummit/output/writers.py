"""One writer per output format; a command declares its records once, as a View.

A View holds what a command prints in every format: the JSON document and the
records inside it (json, jsonl), the columns and rows of a flat table (csv, tsv),
and how it reads to a person (plain lines, rich tables). Each writer takes a View
and a Sink (the Renderer: the streams, escaping and rich), so a new command gets
every format by building one View; no method decides the format itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .contract import JsonValue
from .formats import Format

if TYPE_CHECKING:
    from rich.console import RenderableType


class Sink(Protocol):
    """Where writers put text: the Renderer's stdout, escaped as each format needs."""

    def line(self, text: str) -> None:
        """One line of plain text."""

    def json(self, data: JsonValue, indent: int | None) -> None:
        """One JSON document (indent None: on one line)."""

    def rows(self, columns: Sequence[str], rows: Iterable[Sequence[str]], fmt: Format) -> None:
        """A header and rows as CSV or TSV."""

    def draw(self, renderable: RenderableType) -> None:
        """A rich renderable."""


def _nothing() -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class View:
    """What one command prints, declared once for every format.

    `document` is the JSON object; `key` names the array in it that holds `records`
    (None: the document is the one record). `columns` and `rows` are the flat table.
    `plain` yields text lines, `table` yields rich renderables.
    """

    document: Mapping[str, JsonValue]
    key: str | None
    records: Sequence[Mapping[str, JsonValue]]
    columns: Sequence[str]
    rows: Callable[[], Iterable[Sequence[str]]]
    plain: Callable[[], Iterable[str]] = _nothing
    table: Callable[[], Iterable[RenderableType]] = field(default=lambda: ())


class Writer(Protocol):
    """Writes a View in one format."""

    def write(self, view: View, sink: Sink) -> None:
        """Write `view` to `sink`."""


class JsonWriter:
    """The whole document, indented."""

    indent: int | None = 2

    def write(self, view: View, sink: Sink) -> None:
        """Write the document with its records in place."""
        sink.json(document(view), self.indent)


class JsonlWriter:
    """One record a line."""

    def write(self, view: View, sink: Sink) -> None:
        """Write each record on its own line."""
        for record in view.records:
            sink.json(dict(record), None)


class FlatWriter:
    """A header and one row a record, as CSV or TSV."""

    def __init__(self, fmt: Format) -> None:
        self.fmt = fmt

    def write(self, view: View, sink: Sink) -> None:
        """Write the columns and the rows."""
        sink.rows(view.columns, view.rows(), self.fmt)


class PlainWriter:
    """Unwrapped, colourless lines."""

    def write(self, view: View, sink: Sink) -> None:
        """Write the view's plain lines."""
        for text in view.plain():
            sink.line(text)


class TableWriter:
    """Rich tables and panels."""

    def write(self, view: View, sink: Sink) -> None:
        """Draw the view's renderables."""
        for renderable in view.table():
            sink.draw(renderable)


def document(view: View) -> dict[str, JsonValue]:
    """The JSON document of a view, its records in place."""
    if view.key is None:
        return dict(view.records[0]) if view.records else dict(view.document)
    data = dict(view.document)
    data[view.key] = [dict(record) for record in view.records]
    return data


WRITERS: dict[Format, Writer] = {
    Format.JSON: JsonWriter(),
    Format.JSONL: JsonlWriter(),
    Format.CSV: FlatWriter(Format.CSV),
    Format.TSV: FlatWriter(Format.TSV),
    Format.PLAIN: PlainWriter(),
    Format.TABLE: TableWriter(),
}


def write(view: View, fmt: Format, sink: Sink) -> None:
    """Write `view` in `fmt`."""
    WRITERS[fmt].write(view, sink)
