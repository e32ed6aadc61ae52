"""The typer-free fast path for plain `ask`: what it takes, what it leaves to typer, same output."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jmsummit.cli import fastpath
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.output.formats import Format, Lang
from jmsummit.search import cache


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (
            ["ask", "谁主办了峰会"],
            {},
            fastpath.AskCall(("谁主办了峰会",), None, None, False, False, True),
        ),
        (
            ["ask", "Who", "hosted?", "--json", "--explain", "--no-cache"],
            {},
            fastpath.AskCall(("Who", "hosted?"), None, None, True, True, False),
        ),
        (
            ["ask", "-f", "csv", "hosts", "--lang=en"],
            {},
            fastpath.AskCall(("hosts",), Format.CSV, Lang.EN, False, False, True),
        ),
        (
            ["ask", "hosts", "--format=table", "--format", "tsv"],
            {"JMSUMMIT_LANG": "zh"},
            fastpath.AskCall(("hosts",), Format.TSV, None, False, False, True),
        ),
        (
            ["ask", "hosts", "--lang", "both"],
            {"JMSUMMIT_LANG": "zh"},
            fastpath.AskCall(("hosts",), None, Lang.BOTH, False, False, True),
        ),
        (
            ["ask", "hosts", "--lang", "EN", "--format", "JSON"],
            {},
            fastpath.AskCall(("hosts",), Format.JSON, Lang.EN, False, False, True),
        ),
    ],
)
def test_parse_takes_plain_ask_calls(
    argv: list[str], environ: Mapping[str, str], expected: fastpath.AskCall
) -> None:
    """Plain ask calls parse as typer would: last value wins, any case; no --lang is None.

    Without --lang, JMSUMMIT_LANG is resolved later, in launch.run, on both paths.
    """
    assert fastpath.parse(argv, environ) == expected


@pytest.mark.parametrize(
    ("argv", "environ"),
    [
        ([], {}),
        (["ask"], {}),
        (["ask", "-"], {}),
        (["search", "机场"], {}),
        (["--version"], {}),
        (["ask", "hosts", "--help"], {}),
        (["ask", "hosts", "--facts", "dir"], {}),
        (["ask", "hosts", "--debug"], {}),
        (["ask", "hosts", "--format"], {}),
        (["ask", "hosts", "--format", "xml"], {}),
        (["ask", "hosts", "--format="], {}),
        (["ask", "hosts", "-fjson"], {}),
        (["ask", "hosts", "--lang="], {}),
        (["ask", "--", "-5"], {}),
        (["ask", "hosts", "--jso"], {}),
    ],
)
def test_parse_leaves_the_rest_to_typer(argv: list[str], environ: Mapping[str, str]) -> None:
    """Help, other commands, batches, bad values and unknown flags are typer's to handle."""
    assert fastpath.parse(argv, environ) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "谁主办了峰会", "--json"],
        ["ask", "Who", "organized", "the", "summit?", "--format", "plain", "--lang", "en"],
        ["ask", "签约投资总额", "-f", "csv"],
        ["ask", "主辦單位是誰", "--format=tsv", "--explain"],
        ["ask", "天气怎么样", "--json"],
        ["ask", "天气怎么样"],
        ["ask", "hosts", "--format", "jsonl", "--no-cache"],
        ["ask", "机场", "--format", "table", "--explain"],
        ["ask", "Who is the mayor of Wuhan?", "--explain"],
        ["ask", "多少天", "--format", "CSV", "--lang", "En"],
        ["ask", "多少天", "--format", "csv", "--json"],
    ],
)
def test_fast_path_prints_what_typer_prints(
    argv: list[str], warm_cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """For every call the fast path takes, stdout, stderr and exit code equal the typer app's."""
    env = Environment(
        environ={cache.CACHE_ENV: str(warm_cache_dir), "COLUMNS": "100", "NO_COLOR": "1"}
    )
    code = fastpath.run(argv, env)
    fast = capsys.readouterr()
    slow = CliRunner().invoke(app, argv, obj=env)
    assert code is not None
    assert (int(code), fast.out, fast.err) == (slow.exit_code, slow.stdout, slow.stderr)


def test_fast_path_options_are_typers() -> None:
    """Every option the fast path takes is one typer's `ask` declares, of the same kind."""
    import typer.main

    ask = typer.main.get_command(app).commands["ask"]  # type: ignore[attr-defined]
    options = [p for p in ask.params if p.param_type_name == "option"]
    flags = {name for p in options if p.is_flag for name in p.opts}
    valued = {name for p in options if not p.is_flag for name in p.opts}
    assert flags >= fastpath.FLAGS
    assert valued >= fastpath.VALUED
    lang = next(p for p in options if "--lang" in p.opts)
    assert lang.envvar is None  # JMSUMMIT_LANG is read in launch.run, for both paths
    fmt = next(p for p in options if "--format" in p.opts)
    assert set(fmt.type.choices) == {f.value for f in Format}
    assert not fmt.type.case_sensitive
