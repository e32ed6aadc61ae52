"""Validate one table of a fact file — a [[fact]], an [[entity]] or a [[category]].

Each reader turns one parsed table into one immutable record, or raises a
FactBaseError naming the file, the line, the record's id and the field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from ..errors import FactBaseError, Location
from .models import Category, DateRange, Entity, EntityKind, Fact, Money, Source, Value
from .tomlfile import TomlFile

MAX_ITEMS = 200  # entries of any array: aliases, entities, evidence phrases, list values
MAX_TEXT_CHARS = 5_000  # characters of any string
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
CATEGORY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INT64 = range(-(2**63), 2**63)  # TOML's integers; JSON readers (jq, JavaScript) need no more


class _TableReader:
    """What every table reader shares: where the table is, and typed field access."""

    table = ""
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def __init__(self, file: TomlFile, start: int | None, raw: Mapping[str, Any]) -> None:
        self.file = file
        self.start = start
        self.raw = raw
        record_id = raw.get("id", raw.get("name"))
        self.record_id = record_id if isinstance(record_id, str) else None

    def location(self, field: str | None) -> Location:
        """Where `field` of this table is (the table's header line when None)."""
        line = self.file.key_line(field.split(".")[0], self.start) if field else self.start
        return Location(self.file.path, line)

    def fail(self, field: str | None, problem: str) -> FactBaseError:
        """An error located at `field` of this table."""
        where = self.location(field)
        if self.table == "entity":
            return FactBaseError(where, problem, entity_id=self.record_id, field=field)
        return FactBaseError(where, problem, fact_id=self.record_id, field=field)

    def check_keys(self) -> None:
        """No unknown field, and every required one present."""
        allowed = self.required + self.optional
        for key in self.raw:
            if key not in allowed:
                raise self.fail(key, f"unknown field (allowed: {', '.join(allowed)})")
        for key in self.required:
            if key not in self.raw:
                raise self.fail(None, f"missing field {key!r}")

    def text_field(self, name: str) -> str:
        """A required non-empty string field."""
        value = self.raw[name]
        if not isinstance(value, str):
            raise self.fail(name, f"must be a string, not {toml_type(value)}")
        if not value.strip():
            raise self.fail(name, "must not be empty")
        self.check_length(name, value)
        return value.strip()

    def check_length(self, name: str, value: str) -> None:
        """Refuse a string over MAX_TEXT_CHARS: every later step's cost grows with it."""
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(name, f"is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")

    def check_items(self, name: str, items: list[str]) -> None:
        """Refuse an array of over MAX_ITEMS strings, or one holding an over-long string."""
        if len(items) > MAX_ITEMS:
            raise self.fail(name, f"has {len(items):,} entries; the limit is {MAX_ITEMS}")
        longest = max(items, key=len, default="")
        if len(longest) > MAX_TEXT_CHARS:
            raise self.fail(
                name,
                f"has an entry of {len(longest):,} characters; the limit is {MAX_TEXT_CHARS:,}",
            )

    def string_list(self, name: str) -> tuple[str, ...]:
        """An optional array of non-empty, reasonably short strings."""
        raw = self.raw.get(name, [])
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            raise self.fail(name, "must be an array of strings")
        self.check_items(name, raw)
        if any(not a.strip() for a in raw):
            raise self.fail(name, "entries must not be empty")
        return tuple(a.strip() for a in raw)

    def int64(self, field: str, value: int) -> int:
        """An integer within TOML's (and JSON readers') 64-bit range."""
        if value not in INT64:
            raise self.fail(field, "integer is outside the 64-bit range TOML allows")
        return value

    def paragraph(self, field: str, raw: object, paragraphs: int) -> int:
        """A source paragraph number within the article."""
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise self.fail(field, "must be an integer")
        if not 1 <= raw <= paragraphs:
            raise self.fail(field, f"{raw} is out of range 1..{paragraphs}")
        return raw


class CategoryReader(_TableReader):
    """A [[category]]: a name and its description in both languages."""

    table = "category"
    required = ("name", "description", "description_en")

    def read(self) -> Category:
        """Check every field and build the Category."""
        self.check_keys()
        name = self.text_field("name")
        if not CATEGORY_PATTERN.match(name):
            raise self.fail("name", "category must be lowercase a-z, 0-9 and '-'")
        return Category(name, self.text_field("description"), self.text_field("description_en"))


class EntityReader(_TableReader):
    """An [[entity]]: id, kind, its names in both languages, aliases, source paragraph."""

    table = "entity"
    required = ("id", "kind", "name", "name_en", "paragraph")
    optional = ("aliases",)

    def __init__(
        self, file: TomlFile, start: int | None, raw: Mapping[str, Any], paragraphs: int
    ) -> None:
        super().__init__(file, start, raw)
        self.paragraphs = paragraphs

    def read(self) -> Entity:
        """Check every field and build the Entity."""
        self.check_keys()
        entity_id = self.text_field("id")
        kinds = [kind.value for kind in EntityKind]
        kind = self.text_field("kind")
        if kind not in kinds:
            raise self.fail("kind", f"unknown kind {kind!r} (allowed: {', '.join(kinds)})")
        if not ID_PATTERN.match(entity_id) or not entity_id.startswith(kind + "."):
            raise self.fail("id", f"id must look like '{kind}.slug' (lowercase a-z, 0-9, '-')")
        return Entity(
            id=entity_id,
            kind=EntityKind(kind),
            name=self.text_field("name"),
            name_en=self.text_field("name_en"),
            aliases=self.string_list("aliases"),
            paragraph=self.paragraph("paragraph", self.raw["paragraph"], self.paragraphs),
            file=str(self.file.path),
        )


class FactReader(_TableReader):
    """A [[fact]]; its `entities` are resolved against the registry as it is read."""

    table = "fact"
    required = ("id", "category", "title", "title_en", "answer", "answer_en", "source")
    optional = ("value", "aliases", "entities", "former_ids")
    text_fields = ("title", "title_en", "answer", "answer_en")

    def __init__(
        self,
        file: TomlFile,
        start: int | None,
        raw: Mapping[str, Any],
        paragraphs: int,
        registry: Mapping[str, Entity],
    ) -> None:
        super().__init__(file, start, raw)
        self.paragraphs = paragraphs
        self.registry = registry

    def read(self) -> Fact:
        """Check every field and build the Fact."""
        self.check_keys()
        fact_id = self.text_field("id")
        if not ID_PATTERN.match(fact_id):
            raise self.fail("id", "id must look like 'category.slug' (lowercase a-z, 0-9, '-')")
        category = self.text_field("category")
        if not CATEGORY_PATTERN.match(category):
            raise self.fail("category", "category must be lowercase a-z, 0-9 and '-'")
        if not fact_id.startswith(category + "."):
            raise self.fail("id", f"id must start with its category, {category + '.'!r}")
        texts = {name: self.text_field(name) for name in self.text_fields}
        return Fact(
            id=fact_id,
            category=category,
            title=texts["title"],
            title_en=texts["title_en"],
            answer=texts["answer"],
            answer_en=texts["answer_en"],
            value=self.value(),
            aliases=self.string_list("aliases"),
            source=self.source(),
            file=str(self.file.path),
            entities=self.entities(),
            former_ids=self.former_ids(),
        )

    def former_ids(self) -> tuple[str, ...]:
        """Ids the fact had before a rename or a merge, each shaped like an id."""
        ids = self.string_list("former_ids")
        if not all(ID_PATTERN.match(former) for former in ids):
            raise self.fail("former_ids", "entries must look like 'category.slug'")
        return ids

    def entities(self) -> tuple[Entity, ...]:
        """The registry's entities this fact names, each once."""
        ids = self.string_list("entities")
        for entity_id in ids:
            if entity_id not in self.registry:
                raise self.fail("entities", f"no entity with id {entity_id!r}")
        if len(set(ids)) != len(ids):
            raise self.fail("entities", "lists an entity twice")
        return tuple(self.registry[entity_id] for entity_id in ids)

    def source(self) -> Source:
        """The source table: a paragraph in range and verbatim evidence phrases."""
        raw = self.raw["source"]
        if not isinstance(raw, dict):
            raise self.fail("source", f"must be a table, not {toml_type(raw)}")
        extra = sorted(set(raw) - {"paragraph", "evidence", "also"})
        if extra:
            raise self.fail(
                f"source.{extra[0]}", "unknown field (allowed: paragraph, evidence, also)"
            )
        paragraph = self.paragraph("source.paragraph", raw.get("paragraph"), self.paragraphs)
        also = raw.get("also", [])
        if not isinstance(also, list) or len(also) > self.paragraphs:
            raise self.fail("source.also", "must be an array of paragraph numbers")
        others = tuple(self.paragraph("source.also", number, self.paragraphs) for number in also)
        if len({paragraph, *others}) != 1 + len(others):
            raise self.fail("source.also", "names a paragraph twice")
        evidence = raw.get("evidence")
        if (
            not isinstance(evidence, list)
            or not evidence
            or not all(isinstance(e, str) and e.strip() for e in evidence)
        ):
            raise self.fail("source.evidence", "must be a non-empty array of non-empty strings")
        self.check_items("source.evidence", evidence)
        return Source(paragraph, tuple(evidence), others)

    def value(self) -> Value | None:
        """The optional typed value, in one of the documented shapes."""
        if "value" not in self.raw:
            return None
        raw = self.raw["value"]
        if isinstance(raw, bool):
            raise self.fail("value", "booleans are not a supported value")
        if isinstance(raw, int):
            return self.int64("value", raw)
        if isinstance(raw, str):
            self.check_length("value", raw)
            return raw
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
            self.check_items("value", raw)
            return tuple(raw)
        if isinstance(raw, dict):
            return self.table_value(raw)
        raise self.fail(
            "value",
            f"{toml_type(raw)} is not a supported value "
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
            self.check_length("value", unit)
            if isinstance(amount, float) and not math.isfinite(amount):
                raise self.fail("value.amount", f"{amount} is not a finite number")
            if isinstance(amount, int):
                self.int64("value.amount", amount)
            return Money(float(amount), unit, self.int64("value.cny", cny))
        raise self.fail("value", "a table value must be {start, end} or {amount, unit, cny}")


def toml_type(value: object) -> str:
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
