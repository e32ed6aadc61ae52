"""Run one command body: the renderer in, every error out as a message and an exit code.

Shared by the typer CLI (cli.py) and the typer-free fast path (fastpath.py), so both
report errors, broken pipes and interrupts the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from ..environment import Environment, silence
from ..errors import ExitCode, JmsummitError
from ..output.formats import Lang
from .choices import env_lang

if TYPE_CHECKING:
    from ..output.render import Renderer

Body = Callable[["Renderer"], ExitCode]


def run(
    env: Environment, lang: Lang | None, debug: bool, body: Body, page: bool = False
) -> ExitCode:
    """Run `body` with a renderer on the process's stdout and stderr; never raises.

    Without --lang (`lang` None), JMSUMMIT_LANG chooses; a bad value warns and gives both.
    With `page`, stdout is collected and shown through the pager when it is taller
    than the screen (see pager.py).
    """
    warning = None
    if lang is None:
        lang, warning = env_lang(env.environ)
    if not page:
        return _run(env, lang, debug, body, sys.stdout, warning)
    from . import pager

    buffer = pager.Buffer()
    try:
        return _run(env, lang, debug, body, buffer, warning)
    finally:
        try:
            pager.show(buffer.getvalue(), env, sys.stdout)
        except BrokenPipeError:
            silence(sys.stdout)


def _run(
    env: Environment, lang: Lang, debug: bool, body: Body, out: TextIO, warning: str | None
) -> ExitCode:
    from ..output.render import Renderer  # imports the engine: not for --help

    renderer = Renderer(env, out, sys.stderr, lang)
    try:
        if warning:
            renderer.message(warning)
        return body(renderer)
    except JmsummitError as error:
        renderer.message(f"jmsummit: {error.message}")
        return error.exit_code
    except KeyboardInterrupt:
        renderer.message("jmsummit: interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head -1): stop quietly, as a filter should.
        silence(sys.stdout)
        return ExitCode.OK
    except Exception as error:
        if debug or env.debug:
            raise
        renderer.message(
            f"jmsummit: internal error: {type(error).__name__}: {error} "
            "(run with --debug or JMSUMMIT_DEBUG=1 for the traceback)"
        )
        return ExitCode.INTERNAL
