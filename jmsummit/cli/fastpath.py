"""`jmsummit ask QUESTION [options]` and `--help` without importing typer: the common calls.

Importing typer costs about as much as the rest of a cold `ask` put together, and
scripts call `ask` in loops. This module recognises only the plainest form of
that call; anything else (`--facts`, a batch, a bad value, an unknown or
bundled flag, `--`) returns None and goes to the typer app, which stays the one
source of truth for parsing, help and usage errors. `jmsummit [COMMAND] --help` prints
typer's own text, rendered ahead of time (helptext.py). tests/test_fastpath.py holds
the two paths to identical output and exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..base.options import Options
from ..environment import Environment
from ..errors import ExitCode
from ..output.formats import Format, Lang

FLAGS = frozenset({"--json", "--explain", "--no-cache"})
VALUED = frozenset({"--format", "-f", "--lang"})  # options that take a value
HELP = frozenset({"--help", "-h"})
HELP_COLUMNS = 80  # click wraps help to min(terminal columns, 80) - 2: the same from 80 up


# A NamedTuple, not a dataclass: it costs a fifth as much to define, on every cold start.
class AskCall(NamedTuple):
    """A parsed plain `ask` call."""

    words: tuple[str, ...]
    fmt: Format | None
    lang: Lang | None  # None: JMSUMMIT_LANG decides, in launch.run (as for typer)
    as_json: bool
    explain: bool
    use_cache: bool


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> AskCall | None:
    """The call `argv` makes, if it is a plain `ask QUESTION`; None for typer to handle.

    `environ` is not read here: JMSUMMIT_LANG is resolved in launch.run on both paths.
    """
    if len(argv) < 2 or argv[0] != "ask":
        return None
    words: list[str] = []
    flags: set[str] = set()
    values: dict[str, str] = {}
    rest = iter(argv[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if not arg.startswith("-"):
            words.append(arg)
        elif arg in FLAGS:
            flags.add(arg)
        elif name in VALUED and name.startswith("--") and equals:
            values[name] = value
        elif arg in VALUED:
            following = next(rest, None)
            if following is None:
                return None
            values["--format" if arg == "-f" else arg] = following
        else:
            return None
    return _call(words, flags, values)


def _call(words: list[str], flags: set[str], values: dict[str, str]) -> AskCall | None:
    """Check the option values as typer would (any case); None when one is not a valid choice."""
    fmt_text = values.get("--format")
    lang_text = values.get("--lang")
    fmt_text = None if fmt_text is None else fmt_text.lower()
    lang_text = None if lang_text is None else lang_text.lower()
    if not words or fmt_text not in (None, *(f.value for f in Format)):
        return None
    if lang_text not in (None, *(lang.value for lang in Lang)):
        return None
    return AskCall(
        words=tuple(words),
        fmt=None if fmt_text is None else Format(fmt_text),
        lang=None if lang_text is None else Lang(lang_text),
        as_json="--json" in flags,
        explain="--explain" in flags,
        use_cache="--no-cache" not in flags,
    )


def run(argv: Sequence[str], env: Environment) -> ExitCode | None:
    """Answer a plain `ask` call and return its exit code; None when typer must handle argv."""
    call = parse(argv, env.environ)
    if call is None:
        return None
    from . import commands, launch
    from .choices import Output

    options = Options(use_cache=call.use_cache)
    out = Output(call.fmt, call.as_json)
    return launch.run(
        env, call.lang, False, lambda r: commands.ask(r, options, call.words, out, call.explain)
    )


def help_text(argv: Sequence[str], env: Environment) -> str | None:
    """What typer prints for `jmsummit --help` or `jmsummit COMMAND --help`; None: ask typer.

    The text was rendered by typer for the console script `jmsummit` on a terminal of 80
    columns or more, writing UTF-8; in any other case (`python -m jmsummit` names itself
    in the usage line, a narrow terminal wraps differently) typer renders it.
    """
    if not 1 <= len(argv) <= 2 or argv[-1] not in HELP or not env.utf8_stdout:
        return None
    main = sys.modules.get("__main__")
    if os.path.basename(sys.argv[0]) != "jmsummit" or getattr(main, "__package__", None):
        return None  # click's program name is not `jmsummit`
    import shutil  # what click measures the terminal with

    if shutil.get_terminal_size().columns < HELP_COLUMNS:
        return None
    from .helptext import TEXTS

    return TEXTS.get(argv[0] if len(argv) == 2 else "")
