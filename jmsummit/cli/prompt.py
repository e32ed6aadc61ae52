"""The interactive prompt: a question a line, answers as tables, history on the arrows."""

from __future__ import annotations

import contextlib

from ..base.options import Options
from ..errors import ExitCode, QueryError
from ..output.formats import Format
from ..output.render import Renderer
from ..search import engine
from . import commands

QUIT_WORDS = frozenset({"exit", "quit", ":q", "退出"})


def interact(renderer: Renderer, options: Options) -> ExitCode:
    """Answer questions until Ctrl-D or exit/quit; Ctrl-C leaves with 130."""
    # Importing readline gives input() history and line editing (absent on Windows).
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
    index = commands.open_index(options, renderer)
    renderer.message("jmsummit: ask about the 2017 Jingmen Summit (Ctrl-D or 'exit' to leave)")
    while True:
        try:
            line = input("jmsummit> ")
        except EOFError:
            return ExitCode.OK
        if line.strip().lower() in QUIT_WORDS:
            return ExitCode.OK
        try:
            renderer.ask(engine.search(index, line, limit=10), Format.TABLE)
        except QueryError:
            continue
