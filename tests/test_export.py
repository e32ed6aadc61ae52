"""`jmsummit export`: SQLite with typed columns and FTS5, and JSONL; atomic, never clobbers."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from jmsummit.base.factbase import FactBase
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.output import export, schema


def run(args: list[str]) -> Result:
    """Run the CLI with a clean injected environment."""
    return CliRunner().invoke(app, args, obj=Environment())


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled base exported once."""
    path = tmp_path_factory.mktemp("export") / "facts.db"
    result = run(["export", "--sqlite", str(path)])
    assert result.exit_code == 0, result.output
    return path


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a query on the exported database."""
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_sqlite_holds_the_whole_base(database: Path, real_base: FactBase) -> None:
    """Every fact, entity, link, alias, source and category is in its table."""
    assert query(database, "SELECT count(*) FROM facts") == [(len(real_base.facts),)]
    assert query(database, "SELECT count(*) FROM entities") == [(len(real_base.entities),)]
    links = sum(len(f.entities) for f in real_base.facts)
    assert query(database, "SELECT count(*) FROM fact_entities") == [(links,)]
    aliases = sum(len(f.aliases) for f in real_base.facts)
    assert query(database, "SELECT count(*) FROM aliases WHERE owner = 'fact'") == [(aliases,)]
    sources = sum(len(f.source.paragraphs) for f in real_base.facts)
    assert query(database, "SELECT count(*) FROM sources") == [(sources,)]
    assert query(database, "SELECT count(*) FROM categories") == [(len(real_base.categories()),)]


def test_sqlite_columns_are_typed(database: Path) -> None:
    """Money is a real amount and an integer cny; a range has ISO dates; counts are integers."""
    assert query(
        database,
        "SELECT value_amount, value_unit, value_cny, typeof(value_cny) FROM facts "
        "WHERE id = 'agreements.total-investment'",
    ) == [(123.3, "亿元", 12330000000, "integer")]
    assert query(
        database, "SELECT value_start, value_end FROM facts WHERE id = 'dates.summit-dates'"
    ) == [("2017-11-19", "2017-11-21")]
    assert query(database, "SELECT typeof(value_int) FROM facts WHERE value_kind = 'count'")


@pytest.mark.parametrize("term", ["华大", "BGI", "bgi"])
def test_fts5_finds_bgi(database: Path, term: str) -> None:
    """The FTS5 table finds the BGI facts by its Chinese short name and its English name."""
    rows = query(database, f"SELECT id FROM facts_fts WHERE facts_fts MATCH '{term}'")
    assert ("agreements.partners",) in rows


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 command")
def test_opens_in_the_sqlite3_shell(database: Path) -> None:
    """The sqlite3 command-line shell opens the file and runs an FTS5 query on it."""
    out = subprocess.run(
        ["sqlite3", str(database), "SELECT id FROM facts_fts WHERE facts_fts MATCH '华大'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "agreements.partners" in out


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """An existing file is kept (exit 2) unless --force; with --force it is replaced."""
    target = tmp_path / "facts.db"
    target.write_text("keep me")
    refused = run(["export", "--sqlite", str(target)])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text() == "keep me"
    forced = run(["export", "--sqlite", str(target), "--force"])
    assert forced.exit_code == 0
    assert query(target, "SELECT count(*) FROM facts")[0][0] > 100


def test_failed_write_leaves_nothing(tmp_path: Path, real_base: FactBase) -> None:
    """A write that fails midway leaves neither the target nor a temporary file."""
    target = tmp_path / "facts.db"

    class Boom(Exception):
        pass

    with pytest.raises(Boom), export.atomic(target) as temporary:
        temporary.write_text("half")
        raise Boom
    assert list(tmp_path.iterdir()) == []


def test_jsonl_export(tmp_path: Path, real_base: FactBase) -> None:
    """--jsonl writes one fact a line (to a file, or to stdout with '-')."""
    target = tmp_path / "facts.jsonl"
    assert run(["export", "--jsonl", str(target)]).exit_code == 0
    lines = target.read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f.id for f in real_base.facts]
    check = jsonschema.Draft202012Validator(schema.schema("show", jsonl=True))
    for line in lines:
        check.validate(json.loads(line))
    streamed = run(["export", "--jsonl", "-"])
    assert streamed.stdout.splitlines() == lines


def test_export_needs_one_target() -> None:
    """Neither or both of --sqlite and --jsonl is a usage error."""
    assert run(["export"]).exit_code == 2
    assert run(["export", "--sqlite", "a", "--jsonl", "b"]).exit_code == 2
