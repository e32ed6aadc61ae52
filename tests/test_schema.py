"""The published JSON Schema: valid itself, and every command's JSON and JSONL output obeys it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.output import schema
from jmsummit.search import cache

# Every command on every path: answered, unanswered, found, nothing found, each value shape.
CALLS = [
    ["ask", "谁主办了峰会"],
    ["ask", "签约投资总额"],
    ["ask", "峰会什么时候举行"],
    ["ask", "Who is the mayor of Wuhan?"],
    ["ask", "谁主办了峰会", "--explain"],
    ["search", "高铁"],
    ["search", "xyzzy"],
    ["search", "村", "--category", "towns"],
    ["list"],
    ["list", "--category", "dates"],
    ["show", "agreements.total-investment"],
    ["show", "dates.summit-dates"],
    ["show", "organizers.hosts"],
    ["categories"],
    ["entities"],
    ["entities", "--kind", "person"],
    ["about", "华大"],
    ["about", "Zhang Yitao"],
]


def run(args: list[str], cache_dir: Path, input: str | None = None) -> tuple[int, str]:
    """Exit code and stdout of a CLI call."""
    env = Environment(environ={cache.CACHE_ENV: str(cache_dir)})
    result = CliRunner().invoke(app, args, obj=env, input=input)
    return result.exit_code, result.stdout


def validator(command: str, jsonl: bool = False) -> jsonschema.Draft202012Validator:
    """A validator for one command's document (or line) schema."""
    return jsonschema.Draft202012Validator(schema.schema(command, jsonl))


def test_the_schemas_are_valid_draft_2020_12() -> None:
    """Every printed schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(schema.schema())
    for command in schema.COMMANDS:
        jsonschema.Draft202012Validator.check_schema(schema.schema(command))
        jsonschema.Draft202012Validator.check_schema(schema.schema(command, jsonl=True))


@pytest.mark.parametrize("args", CALLS, ids=[" ".join(a) for a in CALLS])
def test_json_output_obeys_the_schema(args: list[str], warm_cache_dir: Path) -> None:
    """The --json document of each call validates against its command's schema."""
    code, out = run([*args, "--json"], warm_cache_dir)
    assert code in (0, 1)
    data: Any = json.loads(out)
    assert data["schema"] == "jmsummit/1"
    validator(args[0]).validate(data)


@pytest.mark.parametrize("args", CALLS, ids=[" ".join(a) for a in CALLS])
def test_jsonl_output_obeys_the_schema(args: list[str], warm_cache_dir: Path) -> None:
    """Every --format jsonl line of each call validates against its command's line schema."""
    code, out = run([*args, "--format", "jsonl"], warm_cache_dir)
    assert code in (0, 1)
    check = validator(args[0], jsonl=True)
    for line in out.splitlines():
        check.validate(json.loads(line))


def test_batch_lines_obey_the_schema(warm_cache_dir: Path) -> None:
    """Each batch line (answered, unanswered, blank) validates against the batch line schema."""
    _, out = run(["ask", "-", "--json"], warm_cache_dir, input="主办单位\n天气怎么样\n\n")
    lines = out.splitlines()
    assert len(lines) == 3
    check = validator("ask-batch", jsonl=True)
    for line in lines:
        check.validate(json.loads(line))


def test_schema_rejects_what_the_contract_forbids(warm_cache_dir: Path) -> None:
    """The schema is strict: an unknown key, a bad role or NaN-free numbers are checked."""
    _, out = run(["ask", "谁主办了峰会", "--json"], warm_cache_dir)
    data = json.loads(out)
    check = validator("ask")
    data["results"][0]["role"] = "best"
    assert not check.is_valid(data)
    data["results"][0]["role"] = "answer"
    data["results"][0]["extra"] = 1
    assert not check.is_valid(data)


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["schema", "ask"], "jmsummit ask: the JSON document, jmsummit/1"),
        (["schema", "LIST", "--jsonl"], "jmsummit list: one JSONL line, jmsummit/1"),
        (["schema", "--batch"], "jmsummit ask-batch: one JSONL line, jmsummit/1"),
    ],
)
def test_schema_command(args: list[str], title: str, warm_cache_dir: Path) -> None:
    """`jmsummit schema COMMAND` prints that command's schema (any case)."""
    code, out = run(args, warm_cache_dir)
    assert code == 0
    printed = json.loads(out)
    assert printed["title"] == title
    assert printed["$schema"] == schema.DRAFT


def test_schema_command_unknown(warm_cache_dir: Path) -> None:
    """An unknown command name is exit 2."""
    code, out = run(["schema", "timeline"], warm_cache_dir)
    assert (code, out) == (2, "")
