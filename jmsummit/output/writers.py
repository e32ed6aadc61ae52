"""One writer per output format; a command declares its records once, as a View.

A View holds what a command prints in every format: the JSON document and the
records inside it (json, jsonl; flattened into one row each for csv, tsv), and how
it reads to a person (plain lines, rich tables). Each writer takes a View, the
chosen --fields and a Sink (the Renderer: the streams, escaping and rich), so a new
command gets every format by building one View; no method decides the format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from . import fields as paths
from .contract import SCHEMA, JsonValue
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


class View(NamedTuple):
    """What one command prints, declared once for every format.

    `document` is the JSON object around the records; `key` names the array in it that
    holds `records` (None: the one record is the document). `columns` are the default
    CSV/TSV columns (dotted paths into a record, or into `context`, the fields every
    row shares, like ask's query). `plain` yields text lines, `table` rich renderables.
    """

    document: Mapping[str, JsonValue]
    key: str | None
    records: Sequence[Mapping[str, JsonValue]]
    columns: Sequence[str]
    context: Mapping[str, JsonValue] = {}  # one shared empty mapping: nothing writes it
    plain: Callable[[], Iterable[str]] = _nothing
    table: Callable[[], Iterable[RenderableType]] = lambda: ()


class Writer(Protocol):
    """Writes a View in one format."""

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Write `view` to `sink`, only the `chosen` fields of each record if any."""


def _record(view: View, record: Mapping[str, JsonValue], chosen: Sequence[str]) -> JsonValue:
    """A record as JSON: whole, or its chosen fields (which may name the view's context)."""
    if not chosen:
        return dict(record)
    return paths.select({**view.context, **record}, chosen)


class JsonWriter:
    """The whole document, indented."""

    indent: int | None = 2

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Write the document with its records in place."""
        sink.json(document(view, chosen), self.indent)


class JsonlWriter:
    """One record a line, each with the schema version."""

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Write each record on its own line."""
        for record in view.records:
            sink.json({"schema": SCHEMA, **_record(view, record, chosen)}, None)


class FlatWriter:
    """A header and one row a record, as CSV or TSV: plain-text cells, formulas neutralised."""

    def __init__(self, fmt: Format) -> None:
        self.fmt = fmt

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Write the columns and the rows."""
        columns = tuple(chosen) or tuple(view.columns)
        sink.rows(columns, flat_rows(view.records, columns, view.context), self.fmt)


def flat_rows(
    records: Iterable[Mapping[str, JsonValue]],
    columns: Sequence[str],
    context: Mapping[str, JsonValue],
) -> Iterable[list[str]]:
    """One row of neutralised plain-text cells per record."""
    for record in records:
        row = {**context, **record}
        yield [paths.neutralise(paths.cell(paths.get(row, column))) for column in columns]


class PlainWriter:
    """Unwrapped, colourless lines."""

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Write the view's plain lines."""
        for text in view.plain():
            sink.line(text)


class TableWriter:
    """Rich tables and panels."""

    def write(self, view: View, sink: Sink, chosen: Sequence[str] = ()) -> None:
        """Draw the view's renderables."""
        for renderable in view.table():
            sink.draw(renderable)


def document(view: View, chosen: Sequence[str] = ()) -> dict[str, JsonValue]:
    """The JSON document of a view, with the schema version and its records in place."""
    if view.key is None:
        record = view.records[0] if view.records else {}
        return {"schema": SCHEMA, **_record(view, record, chosen)}
    data: dict[str, JsonValue] = {"schema": SCHEMA, **view.document}
    data[view.key] = [_record(view, record, chosen) for record in view.records]
    return data


WRITERS: dict[Format, Writer] = {
    Format.JSON: JsonWriter(),
    Format.JSONL: JsonlWriter(),
    Format.CSV: FlatWriter(Format.CSV),
    Format.TSV: FlatWriter(Format.TSV),
    Format.PLAIN: PlainWriter(),
    Format.TABLE: TableWriter(),
}


def write(view: View, fmt: Format, sink: Sink, chosen: Sequence[str] = ()) -> None:
    """Write `view` in `fmt` (with only the `chosen` fields, for json, jsonl, csv, tsv)."""
    WRITERS[fmt].write(view, sink, chosen)
