"""Load fact files into validated, immutable records. Never prints."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import FactBaseError, Location
from . import article
from .factbase import FactBase
from .files import FactFile, directories, fact_files, stat_file
from .models import DateRange, Fact, Money, Source, Value
from .options import Options

MAX_FILE_BYTES = 2_000_000
MAX_ALIASES = 200
MAX_TEXT_CHARS = 5_000

REQUIRED = ("id", "category", "title", "title_en", "answer", "answer_en", "source")
OPTIONAL = ("value", "aliases")
TEXT_FIELDS = ("title", "title_en", "answer", "answer_en")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
CATEGORY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def load(directories: Sequence[Path], paragraphs: int = article.PARAGRAPHS) -> FactBase:
    """Load and validate every fact file under `directories`."""
    facts: list[Fact] = []
    files: list[FactFile] = []
    seen: dict[str, Fact] = {}
    for path in fact_files(directories):
        files.append(stat_file(path))
        for fact in load_file(path, paragraphs):
            if fact.id in seen:
                first = seen[fact.id].file
                raise FactBaseError(
                    Location(path, _fact_lines(path.read_text("utf-8")).get(fact.id)),
                    f"duplicate id, first defined in {first}",
                    fact_id=fact.id,
                    field="id",
                )
            seen[fact.id] = fact
            facts.append(fact)
    return FactBase(tuple(facts), tuple(files))


def load_base(options: Options, environ: Mapping[str, str]) -> FactBase:
    """Load and validate the facts these options and this environment name."""
    return load(directories(options, environ))


def load_file(path: Path, paragraphs: int = article.PARAGRAPHS) -> list[Fact]:
    """Parse one fact file into facts, or raise FactBaseError naming the spot."""
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
    unknown = sorted(set(document) - {"fact"})
    if unknown:
        raise FactBaseError(
            Location(path, _key_line(text, unknown[0], 1)),
            f"unknown top-level key {unknown[0]!r} (expected only [[fact]] tables)",
        )
    entries = document.get("fact")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise FactBaseError(Location(path, 1), "expected an array of [[fact]] tables")
    starts = _fact_starts(text)
    return [
        _FactReader(path, text, starts[i] if i < len(starts) else None, entry, paragraphs).read()
        for i, entry in enumerate(entries)
    ]


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


def _fact_starts(text: str) -> list[int]:
    """Line numbers of each [[fact]] header, in order."""
    return [number for number, line in enumerate(text.splitlines(), 1) if _is_fact_header(line)]


def _is_fact_header(line: str) -> bool:
    """True for a `[[fact]]` line, spaces and a trailing comment allowed."""
    return line.split("#", 1)[0].replace(" ", "").strip() == "[[fact]]"


def _fact_lines(text: str) -> dict[str, int]:
    """Fact id to the line of its `id = "..."`, for duplicate reports."""
    pattern = re.compile(r"""^\s*id\s*=\s*["']([^"']+)["']""")
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = pattern.match(line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def _key_line(text: str, key: str, start: int | None) -> int | None:
    """Line assigning `key` within the fact that begins at `start`; else `start`."""
    first = start or 1
    assigns = re.compile(
        rf"^\s*{re.escape(key)}\s*=|\{{\s*{re.escape(key)}\s*=|,\s*{re.escape(key)}\s*="
    )
    for number, line in enumerate(text.splitlines()[first - 1 :], first):
        if number > first and _is_fact_header(line):
            break
        if assigns.search(line):
            return number
    return start


class _FactReader:
    """Validates one [[fact]] table; every error names file, line, id and field."""

    def __init__(
        self, path: Path, text: str, start: int | None, raw: Mapping[str, Any], paragraphs: int
    ) -> None:
        self.path = path
        self.text = text
        self.start = start
        self.raw = raw
        self.paragraphs = paragraphs
        fact_id = raw.get("id")
        self.fact_id = fact_id if isinstance(fact_id, str) else None

    def fail(self, field: str | None, problem: str) -> FactBaseError:
        """An error located at `field` of this fact."""
        line = _key_line(self.text, field.split(".")[0], self.start) if field else self.start
        return FactBaseError(Location(self.path, line), problem, fact_id=self.fact_id, field=field)

    def read(self) -> Fact:
        """Check every field and build the Fact."""
        for key in self.raw:
            if key not in REQUIRED and key not in OPTIONAL:
                raise self.fail(key, f"unknown field (allowed: {', '.join(REQUIRED + OPTIONAL)})")
        for key in REQUIRED:
            if key not in self.raw:
                raise self.fail(None, f"missing field {key!r}")
        fact_id = self.text_field("id")
        if not ID_PATTERN.match(fact_id):
            raise self.fail("id", "id must look like 'category.slug' (lowercase a-z, 0-9, '-')")
        category = self.text_field("category")
        if not CATEGORY_PATTERN.match(category):
            raise self.fail("category", "category must be lowercase a-z, 0-9 and '-'")
        if not fact_id.startswith(category + "."):
            raise self.fail("id", f"id must start with its category, {category + '.'!r}")
        texts = {name: self.text_field(name) for name in TEXT_FIELDS}
        return Fact(
            id=fact_id,
            category=category,
            title=texts["title"],
            title_en=texts["title_en"],
            answer=texts["answer"],
            answer_en=texts["answer_en"],
            value=self.value(),
            aliases=self.aliases(),
            source=self.source(),
            file=str(self.path),
        )

    def text_field(self, name: str) -> str:
        """A required non-empty string field."""
        value = self.raw[name]
        if not isinstance(value, str):
            raise self.fail(name, f"must be a string, not {_toml_type(value)}")
        if not value.strip():
            raise self.fail(name, "must not be empty")
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(name, f"is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        return value.strip()

    def aliases(self) -> tuple[str, ...]:
        """The optional list of alias strings."""
        raw = self.raw.get("aliases", [])
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            raise self.fail("aliases", "must be an array of strings")
        if len(raw) > MAX_ALIASES:
            raise self.fail("aliases", f"has {len(raw):,} entries; the limit is {MAX_ALIASES}")
        if any(not a.strip() or len(a) > MAX_TEXT_CHARS for a in raw):
            raise self.fail("aliases", "entries must be non-empty and reasonably short")
        return tuple(a.strip() for a in raw)

    def source(self) -> Source:
        """The source table: a paragraph in range and verbatim evidence phrases."""
        raw = self.raw["source"]
        if not isinstance(raw, dict):
            raise self.fail("source", f"must be a table, not {_toml_type(raw)}")
        extra = sorted(set(raw) - {"paragraph", "evidence"})
        if extra:
            raise self.fail(f"source.{extra[0]}", "unknown field (allowed: paragraph, evidence)")
        paragraph = raw.get("paragraph")
        if not isinstance(paragraph, int) or isinstance(paragraph, bool):
            raise self.fail("source.paragraph", "must be an integer")
        if not 1 <= paragraph <= self.paragraphs:
            raise self.fail("source.paragraph", f"{paragraph} is out of range 1..{self.paragraphs}")
        evidence = raw.get("evidence")
        if (
            not isinstance(evidence, list)
            or not evidence
            or not all(isinstance(e, str) and e.strip() for e in evidence)
        ):
            raise self.fail("source.evidence", "must be a non-empty array of non-empty strings")
        return Source(paragraph, tuple(evidence))

    def value(self) -> Value | None:
        """The optional typed value, in one of the documented shapes."""
        if "value" not in self.raw:
            return None
        raw = self.raw["value"]
        if isinstance(raw, bool):
            raise self.fail("value", "booleans are not a supported value")
        if isinstance(raw, (str, int)):
            return raw
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
            return tuple(raw)
        if isinstance(raw, dict):
            return self.table_value(raw)
        raise self.fail(
            "value",
            f"{_toml_type(raw)} is not a supported value "
            "(string, integer, date, array of strings, {start, end} or {amount, unit, cny})",
        )

    def table_value(self, raw: Mapping[str, Any]) -> Value:
        """A {start, end} range or an {amount, unit, cny} money table."""
        if set(raw) == {"start", "end"}:
            start, end = raw["start"], raw["end"]
            if not all(
                isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in (start, end)
            ):
                raise self.fail("value", "range start and end must be dates")
            if end < start:
                raise self.fail("value", "range ends before it starts")
            return DateRange(start, end)
        if set(raw) == {"amount", "unit", "cny"}:
            amount, unit, cny = raw["amount"], raw["unit"], raw["cny"]
            if (
                not isinstance(amount, (int, float))
                or isinstance(amount, bool)
                or not isinstance(unit, str)
                or not isinstance(cny, int)
                or isinstance(cny, bool)
            ):
                raise self.fail(
                    "value", "money needs a number amount, a string unit, an integer cny"
                )
            return Money(float(amount), unit, cny)
        raise self.fail("value", "a table value must be {start, end} or {amount, unit, cny}")


def _toml_type(value: object) -> str:
    """A TOML-ish name for a parsed value's type, for messages."""
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
        dt.datetime: "a date-time",
        dt.date: "a date",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)
