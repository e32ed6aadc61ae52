"""`jmsummit ask QUESTION [options]` without importing typer: the common call, made cheap.

Importing typer costs about as much as the rest of a cold `ask` put together, and
scripts call `ask` in loops. This module recognises only the plainest form of
that call; anything else (help, `--facts`, a batch, a bad value, an unknown or
bundled flag, `--`) returns None and goes to the typer app, which stays the one
source of truth for parsing, help and usage errors. tests/test_fastpath.py holds
the two paths to identical output and exit codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..base.options import Options
from ..environment import Environment
from ..errors import ExitCode
from ..output.formats import Format, Lang

LANG_ENV = "JMSUMMIT_LANG"  # the envvar typer reads for --lang
FLAGS = frozenset({"--json", "--explain", "--no-cache"})
VALUED = frozenset({"--format", "-f", "--lang"})  # options that take a value


# A NamedTuple, not a dataclass: it costs a fifth as much to define, on every cold start.
class AskCall(NamedTuple):
    """A parsed plain `ask` call."""

    words: tuple[str, ...]
    fmt: Format | None
    lang: Lang
    as_json: bool
    explain: bool
    use_cache: bool


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> AskCall | None:
    """The call `argv` makes, if it is a plain `ask QUESTION`; None for typer to handle."""
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
    return _call(words, flags, values, environ)


def _call(
    words: list[str], flags: set[str], values: dict[str, str], environ: Mapping[str, str]
) -> AskCall | None:
    """Check the option values as typer would; None when any is not a valid choice."""
    fmt_text = values.get("--format")
    # Like click: an empty JMSUMMIT_LANG counts as unset, an empty --lang= as a bad value.
    lang_text = values.get("--lang", environ.get(LANG_ENV) or Lang.BOTH.value)
    if not words or fmt_text not in (None, *(f.value for f in Format)):
        return None
    if lang_text not in {lang.value for lang in Lang}:
        return None
    return AskCall(
        words=tuple(words),
        fmt=None if fmt_text is None else Format(fmt_text),
        lang=Lang(lang_text),
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

    options = Options(use_cache=call.use_cache)
    return launch.run(
        env,
        call.lang,
        False,
        lambda r: commands.ask(r, options, call.words, call.fmt, call.as_json, call.explain),
    )
