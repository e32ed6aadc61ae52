"""The pager: output taller than the terminal goes through $JMSUMMIT_PAGER, $PAGER or less -R.

Only on a terminal (stdout a TTY, TERM not dumb) and without --no-pager; the command's
output is collected first, then shown directly when it fits the screen.
"""

from __future__ import annotations

import io
import shlex
import shutil
import subprocess
from typing import TextIO

from ..environment import Environment

DEFAULT = "less -R"


class Buffer(io.StringIO):
    """Collected output that rich takes for a terminal (colour, the terminal's width)."""

    def isatty(self) -> bool:
        """Say yes: the text is headed for a terminal, through the pager."""
        return True


def wanted(env: Environment, no_pager: bool) -> bool:
    """Whether to page: a terminal that can draw, and no --no-pager."""
    return not no_pager and env.stdout_isatty and env.environ.get("TERM") != "dumb"


def command(env: Environment) -> list[str]:
    """The pager's argv: $JMSUMMIT_PAGER, else $PAGER, else less -R ([] for none or cat)."""
    chosen = env.environ.get("JMSUMMIT_PAGER") or env.environ.get("PAGER") or DEFAULT
    try:
        argv = shlex.split(chosen)
    except ValueError:
        argv = shlex.split(DEFAULT)
    return [] if argv in ([], ["cat"]) else argv


def show(text: str, env: Environment, out: TextIO, height: int | None = None) -> None:
    """Write `text` to `out`, through the pager when it is taller than the screen."""
    rows = height or shutil.get_terminal_size((80, 24)).lines
    argv = command(env)
    if text.count("\n") < rows or not argv:
        out.write(text)
        out.flush()
        return
    environ = dict(env.environ)
    if argv[0] == "less" and "LESS" not in environ:
        environ["LESS"] = "FRX"  # leave at the end, keep colours, no screen clearing
    out.flush()
    try:
        subprocess.run(argv, input=text.encode("utf-8", "replace"), env=environ, check=False)
    except OSError:  # no such pager: show it all the same
        out.write(text)
        out.flush()
    except KeyboardInterrupt:  # Ctrl-C in the pager ends the paging, not with a traceback
        pass
