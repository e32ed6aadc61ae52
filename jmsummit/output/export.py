"""The whole fact base as an SQLite database or as JSONL, written atomically.

The database has typed columns and an FTS5 table, ready for `sqlite3`,
`sqlite-utils` and `datasette`:

  facts(id, category, title_zh, title_en, answer_zh, answer_en, value_kind, value_text,
        value_int, value_date, value_start, value_end, value_amount, value_unit, value_cny,
        value_json, paragraph, file)
  entities(id, kind, name_zh, name_en, paragraph, file)
  fact_entities(fact_id, entity_id)             -- which facts name which entities
  aliases(owner, owner_id, alias)               -- owner: 'fact' or 'entity'
  sources(fact_id, paragraph, main)             -- main = 1 for the main paragraph
  evidence(fact_id, phrase)
  categories(name, description_zh, description_en, facts)
  facts_fts(id UNINDEXED, title, answer, aliases, entities)   -- FTS5, unicode61

In facts_fts a Chinese run of characters is one token, so a short name such as 华大
is found through the `entities` column (each entity's names and aliases, apart).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..base.factbase import FactBase
from ..base.models import DateRange, Fact, Money
from .contract import SCHEMA, full_fact_record, value_record

_TABLES = """
CREATE TABLE facts (
    id TEXT PRIMARY KEY, category TEXT NOT NULL,
    title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
    answer_zh TEXT NOT NULL, answer_en TEXT NOT NULL,
    value_kind TEXT NOT NULL, value_text TEXT, value_int INTEGER, value_date TEXT,
    value_start TEXT, value_end TEXT, value_amount REAL, value_unit TEXT, value_cny INTEGER,
    value_json TEXT, paragraph INTEGER NOT NULL, file TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
    paragraph INTEGER NOT NULL, file TEXT NOT NULL
);
CREATE TABLE fact_entities (
    fact_id TEXT NOT NULL REFERENCES facts(id), entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (fact_id, entity_id)
);
CREATE TABLE aliases (owner TEXT NOT NULL, owner_id TEXT NOT NULL, alias TEXT NOT NULL);
CREATE TABLE sources (
    fact_id TEXT NOT NULL REFERENCES facts(id), paragraph INTEGER NOT NULL, main INTEGER NOT NULL
);
CREATE TABLE evidence (fact_id TEXT NOT NULL REFERENCES facts(id), phrase TEXT NOT NULL);
CREATE TABLE categories (
    name TEXT PRIMARY KEY, description_zh TEXT, description_en TEXT, facts INTEGER NOT NULL
);
CREATE VIRTUAL TABLE facts_fts USING fts5(id UNINDEXED, title, answer, aliases, entities);
"""


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, moved over it only when the block succeeds."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temporary, 0o666 & ~umask)  # as a plain open() would have made it
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_sqlite(base: FactBase, path: Path) -> None:
    """The whole base as an SQLite database at `path` (replaced atomically)."""
    with atomic(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                connection.executescript(_TABLES)
                _fill(connection, base)
        finally:
            connection.close()


def _fill(db: sqlite3.Connection, base: FactBase) -> None:
    for entity in base.entities:
        db.execute(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
            (entity.id, entity.kind.value, entity.name, entity.name_en, entity.paragraph,
             entity.file),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO aliases VALUES ('entity', ?, ?)", [(entity.id, a) for a in entity.aliases]
        )
    for fact in base.facts:
        db.execute(f"INSERT INTO facts VALUES ({', '.join('?' * 18)})", _fact_row(fact))
        db.executemany(
            "INSERT INTO fact_entities VALUES (?, ?)", [(fact.id, e.id) for e in fact.entities]
        )
        db.executemany(
            "INSERT INTO aliases VALUES ('fact', ?, ?)", [(fact.id, a) for a in fact.aliases]
        )
        db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?)",
            [(fact.id, n, int(n == fact.source.paragraph)) for n in fact.source.paragraphs],
        )
        db.executemany(
            "INSERT INTO evidence VALUES (?, ?)", [(fact.id, p) for p in fact.source.evidence]
        )
        names = " | ".join(name for e in fact.entities for name in e.names)
        db.execute(
            "INSERT INTO facts_fts VALUES (?, ?, ?, ?, ?)",
            (fact.id, f"{fact.title} | {fact.title_en}", f"{fact.answer} | {fact.answer_en}",
             " | ".join(fact.aliases), names),
        )  # fmt: skip
    for name, count in base.categories().items():
        category = base.category(name)
        db.execute(
            "INSERT INTO categories VALUES (?, ?, ?, ?)",
            (name, category.description or None, category.description_en or None, count),
        )


def _fact_row(fact: Fact) -> tuple[Any, ...]:
    value = fact.value
    text = value if isinstance(value, str) else None
    integer = value if isinstance(value, int) and not isinstance(value, bool) else None
    day = value.isoformat() if isinstance(value, dt.date) else None
    start = value.start.isoformat() if isinstance(value, DateRange) else None
    end = value.end.isoformat() if isinstance(value, DateRange) else None
    money = value if isinstance(value, Money) else None
    record = value_record(value)
    return (
        fact.id, fact.category, fact.title, fact.title_en, fact.answer, fact.answer_en,
        fact.value_kind.value, text, integer, day, start, end,
        money.amount if money else None, money.unit if money else None,
        money.cny if money else None,
        None if record is None else json.dumps(record, ensure_ascii=False),
        fact.source.paragraph, fact.file,
    )  # fmt: skip


def write_jsonl(base: FactBase, stream: IO[str]) -> None:
    """One fact a line, as `show --format jsonl` prints it."""
    for fact in base.facts:
        record = {"schema": SCHEMA, **full_fact_record(fact)}
        stream.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


def write_jsonl_file(base: FactBase, path: Path) -> None:
    """The JSONL export at `path` (replaced atomically)."""
    with atomic(path) as temporary, temporary.open("w", encoding="utf-8") as stream:
        write_jsonl(base, stream)
