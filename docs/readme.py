"""What README.md's cog blocks print: real `--help`, JSON and error output, accuracy tables.

`uv run cog -r README.md` regenerates README; `uv run cog --check README.md` (in .ci/run)
fails when README and the real commands disagree. Everything here is deterministic: a
fixed width, no colour, no settings from the caller's environment, a private cache
directory, and no timings (the speed tables come from bench/speed.md, which
bench/speed.py writes; cog only copies it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cog  # type: ignore[import-not-found]
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jmsummit.cli import topics  # noqa: E402
from jmsummit.cli.app import app  # noqa: E402
from jmsummit.environment import Environment  # noqa: E402

_CACHE = tempfile.mkdtemp(prefix="jmsummit-readme-")
_SETTINGS = {"JMSUMMIT_CACHE_DIR": _CACHE, "COLUMNS": "80", "NO_COLOR": "1"}
# Outside settings that would change the output; removed while a command runs.
_CLEARED = ("JMSUMMIT_FACTS", "JMSUMMIT_LANG", "JMSUMMIT_DEBUG", "FORCE_COLOR", "TERM")


def _invoke(args: Sequence[str]) -> Any:
    env: dict[str, str | None] = {name: None for name in _CLEARED}
    env.update(_SETTINGS)
    obj = Environment(environ=dict(_SETTINGS))
    return CliRunner().invoke(app, list(args), obj=obj, env=env, prog_name="jmsummit")


def _block(language: str, text: str) -> None:
    cog.outl(f"```{language}")
    cog.out(text if text.endswith("\n") else text + "\n")
    cog.outl("```")


def topic(name: str) -> None:
    """A help topic's text, as `jmsummit help NAME` prints it."""
    cog.out(topics.text(name))


def help_texts(commands: Sequence[str]) -> None:
    """Each command's `--help`, folded in a <details> block."""
    for command in commands:
        result = _invoke([command, "--help"])
        assert result.exit_code == 0, result.output
        cog.outl(f"<details><summary><code>jmsummit {command} --help</code></summary>\n")
        _block("text", result.stdout.rstrip() + "\n")
        cog.outl("\n</details>")


def console(args: Sequence[str], *, stderr: bool = False, jq: Sequence[Any] = ()) -> None:
    """`$ jmsummit ARGS` and what it prints (stderr instead, or one JSON path as jq -r would)."""
    result = _invoke(args)
    shown = " ".join(a if a.isascii() and " " not in a and "?" not in a else f'"{a}"' for a in args)
    if jq:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in jq)
        value: Any = json.loads(result.stdout)
        for step in jq:
            value = value[step]
        _block("console", f"$ jmsummit {shown} | jq '{path}'\n{json.dumps(value)}\n")
        return
    _block("console", f"$ jmsummit {shown}\n" + (result.stderr if stderr else result.stdout))


def _cut(value: Any, depth: int = 0) -> Any:
    """Long strings and arrays shortened (marked …), so an example shows shape, not bulk."""
    if isinstance(value, str) and len(value) > 40:
        return value[:28] + "…"
    if isinstance(value, list):
        kept = [_cut(v, depth + 1) for v in value[:2]]
        return [*kept, "…"] if len(value) > 2 else kept
    if isinstance(value, dict):
        return {k: _cut(v, depth + 1) for k, v in value.items()}
    return value


def _dump(value: Any, indent: int = 0) -> str:
    """JSON with small objects and arrays on one line, larger ones one item a line."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= 92 or not isinstance(value, (dict, list)):
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {_dump(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{_dump(v, indent + 2)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def json_example(args: Sequence[str]) -> None:
    """A command's real JSON, strings over 40 characters and arrays over 2 items cut (…)."""
    result = _invoke([*args, "--json"])
    _block("json", _dump(_cut(json.loads(result.stdout))) + "\n")


def accuracy(flag: str) -> None:
    """A table bench/accuracy.py prints (it builds its own index in memory: no cache)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "accuracy.py"), flag],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    cog.out(done.stdout)


def include(path: str) -> None:
    """A file of the repository, as it is (bench/speed.md)."""
    cog.out((ROOT / path).read_text("utf-8"))
