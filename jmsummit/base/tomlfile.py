"""One fact file as text and parsed TOML, and the line of each table and key in it.

tomllib reports no positions for valid documents, so lines are found in the text:
the N-th `[[fact]]` header is the N-th table of that array, and a key's line is the
first line assigning it after its table's header.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FactBaseError, Location

MAX_FILE_BYTES = 2_000_000
TABLES = ("fact", "entity", "category")  # the arrays of tables a fact file may hold
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class TomlFile:
    """A parsed fact file: its path, its text, and the parsed document."""

    path: Path
    text: str
    document: dict[str, Any]

    def tables(self, name: str) -> list[tuple[int | None, dict[str, Any]]]:
        """Each `[[name]]` table with the line of its header (None if it cannot be found)."""
        entries = self.document.get(name, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise FactBaseError(
                Location(self.path, self.key_line(name, 1)),
                f"expected an array of [[{name}]] tables",
            )
        starts = self.header_lines(name)
        return [(starts[i] if i < len(starts) else None, e) for i, e in enumerate(entries)]

    def header_lines(self, name: str) -> list[int]:
        """Line numbers of each `[[name]]` header, in order."""
        return [
            number
            for number, line in enumerate(self.text.splitlines(), 1)
            if (match := _HEADER.match(line)) and match[1] == name
        ]

    def key_line(self, key: str, start: int | None) -> int | None:
        """Line assigning `key` within the table that begins at `start`; else `start`."""
        first = start or 1
        assigns = re.compile(
            rf"^\s*{re.escape(key)}\s*=|\{{\s*{re.escape(key)}\s*=|,\s*{re.escape(key)}\s*="
        )
        for number, line in enumerate(self.text.splitlines()[first - 1 :], first):
            if number > first and _HEADER.match(line):
                break
            if assigns.search(line):
                return number
        return start

    def id_line(self, table: str, record_id: str) -> int | None:
        """The line of `id = "record_id"` in a `[[table]]`, for duplicate reports."""
        for start, raw in self.tables(table):
            if raw.get("id") == record_id:
                return self.key_line("id", start)
        return None


def parse(path: Path) -> TomlFile:
    """Read and parse one fact file, or raise FactBaseError naming the spot."""
    # Imported here: a cache hit never parses TOML, and start-up time matters.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    text = _read_text(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_position(error)
        problem = _TOML_POSITION.sub("", str(error)).strip()
        raise FactBaseError(Location(path, line, column), f"malformed TOML: {problem}") from None
    except (ValueError, RecursionError) as error:  # a 4,300-digit integer, deep nesting
        raise FactBaseError(Location(path), f"malformed TOML: {error}") from None
    parsed = TomlFile(path, text, document)
    unknown = sorted(set(document) - set(TABLES))
    if unknown:
        raise FactBaseError(
            Location(path, parsed.key_line(unknown[0], 1)),
            f"unknown top-level key {unknown[0]!r} "
            "(expected only [[fact]], [[entity]] and [[category]] tables)",
        )
    return parsed


def _read_text(path: Path) -> str:
    """Read a fact file as UTF-8, with size and encoding checks."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FactBaseError(Location(path), f"cannot read file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise FactBaseError(
            Location(path),
            f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise FactBaseError(
            Location(path, line, column), f"not UTF-8 (byte 0x{data[error.start]:02x})"
        ) from None


def _toml_position(error: Exception) -> tuple[int | None, int | None]:
    """Line and column of a TOML error, from attributes or the message."""
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    match = _TOML_POSITION.search(str(error))
    return (int(match[1]), int(match[2])) if match else (None, None)
