"""The typer-free fast path for plain `ask`: what it takes, what it leaves to typer, same output."""

from __future__ import annotations

import os
import subprocess
import sys
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


# -- --help, rendered ahead of time ------------------------------------------------------

HELPTEXT = Path(fastpath.__file__).with_name("helptext.py")
HELPTEXT_HEADER = '''"""typer's `--help` for `jmsummit` and each command, rendered in advance.

fastpath.help_text prints these without importing typer, which costs more than the rest
of a `--help`. Generated, do not edit: tests/test_fastpath.py holds each equal to what
typer prints (as `jmsummit`, 80 columns); `UPDATE_GOLDEN=1 uv run pytest
tests/test_fastpath.py` rewrites this file from the typer app.
"""

TEXTS: dict[str, str] = {
'''


def _typer_help(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """What typer prints for `jmsummit --help` and each `jmsummit COMMAND --help`.

    Run as the real program runs, not through CliRunner, which forces 80-column wrapping
    where a terminal of 80 columns gets click's 78.
    """
    import typer.main

    monkeypatch.setenv("COLUMNS", "80")
    names = ["", *typer.main.get_command(app).commands]  # type: ignore[attr-defined]
    texts = {}
    for name in names:
        with pytest.raises(SystemExit) as done:
            app([name, "--help"] if name else ["--help"], prog_name="jmsummit")
        assert done.value.code == 0, name
        texts[name] = capsys.readouterr().out
    return texts


def _source(texts: Mapping[str, str]) -> str:
    """helptext.py holding `texts`: one triple-quoted string each, backslashes escaped."""
    items = "".join(
        f'    "{name}": """\\\n{text.replace(chr(92), chr(92) * 2)}""",\n'
        for name, text in texts.items()
    )
    return HELPTEXT_HEADER + items + "}\n"


def test_help_texts_are_typers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """helptext.py holds exactly what typer prints for each --help (UPDATE_GOLDEN=1 rewrites it)."""
    from jmsummit.cli.helptext import TEXTS

    texts = _typer_help(capsys, monkeypatch)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        HELPTEXT.write_text(_source(texts), encoding="utf-8")
        return
    assert texts == TEXTS, "run UPDATE_GOLDEN=1 uv run pytest tests/test_fastpath.py"
    assert HELPTEXT.read_text(encoding="utf-8") == _source(texts)


@pytest.fixture
def as_console_script(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as the `jmsummit` script (click's program name) on an 80-column terminal."""
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/jmsummit"])
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.usefixtures("as_console_script")
@pytest.mark.parametrize(
    ("argv", "name"),
    [(["--help"], ""), (["-h"], ""), (["ask", "--help"], "ask"), (["help", "-h"], "help")],
)
def test_help_is_served_from_the_rendered_text(argv: list[str], name: str) -> None:
    """`jmsummit --help` and `jmsummit COMMAND --help` (or -h): typer's text."""
    from jmsummit.cli.helptext import TEXTS

    assert fastpath.help_text(argv, Environment()) == TEXTS[name]


@pytest.mark.usefixtures("as_console_script")
@pytest.mark.parametrize(
    "argv",
    [[], ["ask"], ["ask", "hosts", "--help"], ["--help", "ask"], ["nope", "--help"], ["-h", "-h"]],
)
def test_other_calls_are_not_help(argv: list[str]) -> None:
    """Help with arguments, an unknown command, or no --help at all: typer's to handle."""
    assert fastpath.help_text(argv, Environment()) is None


@pytest.mark.usefixtures("as_console_script")
def test_help_is_typers_where_it_would_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    """A narrow terminal, a stdout that is not UTF-8, `python -m jmsummit`: typer renders it."""
    assert fastpath.help_text(["--help"], Environment(stdout_encoding="ascii")) is None
    monkeypatch.setenv("COLUMNS", "79")
    assert fastpath.help_text(["--help"], Environment()) is None
    monkeypatch.setenv("COLUMNS", "200")
    assert fastpath.help_text(["--help"], Environment()) is not None
    monkeypatch.setattr(sys.modules["__main__"], "__package__", "jmsummit", raising=False)
    assert fastpath.help_text(["--help"], Environment()) is None
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)
    monkeypatch.setattr(sys, "argv", ["/usr/bin/python3"])
    assert fastpath.help_text(["--help"], Environment()) is None


# -- what a start imports ----------------------------------------------------------------

# Runs the console script's main as `jmsummit ARGS` and lists, on stderr, which of the
# costly packages were imported by the time the process ends (os._exit or SystemExit).
IMPORTS_PROBE = """
import os, sys

COSTLY = ("typer", "click", "rich", "dataclasses", "inspect", "opencc", "pypinyin")
sys.argv = ["jmsummit", *sys.argv[1:]]
exit_now = os._exit


def report():
    sys.stderr.write(" ".join(m for m in COSTLY if m in sys.modules) + "\\n")
    sys.stderr.flush()


os._exit = lambda code: (report(), exit_now(code))
from jmsummit.__main__ import main

try:
    main()
finally:
    report()
"""


@pytest.mark.parametrize(
    ("argv", "imported"),
    [
        (["ask", "主办单位", "--json"], ""),
        (["ask", "主办单位", "--format", "plain"], ""),
        (["ask", "主办单位", "--format", "table"], "rich dataclasses inspect"),  # rich's own
        (["--help"], ""),
        (["search", "--help"], ""),
    ],
)
def test_start_imports_only_what_it_uses(
    warm_cache_dir: Path, argv: list[str], imported: str
) -> None:
    """A plain ask and --help import neither typer nor click, nor dataclasses, OpenCC, pypinyin.

    Each costs a cold start several milliseconds (python -X importtime): the records are
    NamedTuples, help text is rendered in advance, rich loads only to draw a table.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JMSUMMIT_")}
    environ.update({cache.CACHE_ENV: str(warm_cache_dir), "COLUMNS": "80"})
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_PROBE, *argv],
        env=environ,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines()[-1] == imported
