"""The pager: only on a terminal, only for output taller than the screen, never when piped."""

from __future__ import annotations

import io
from pathlib import Path

from jmsummit.cli import pager
from jmsummit.environment import Environment

TALL = "".join(f"line {n}\n" for n in range(100))


def test_pages_only_on_a_terminal_without_no_pager() -> None:
    """A TTY pages; a pipe, TERM=dumb or --no-pager does not."""
    tty = Environment(stdout_isatty=True)
    assert pager.wanted(tty, no_pager=False)
    assert not pager.wanted(tty, no_pager=True)
    assert not pager.wanted(Environment(stdout_isatty=False), no_pager=False)
    assert not pager.wanted(Environment(stdout_isatty=True, environ={"TERM": "dumb"}), False)


def test_pager_command_order() -> None:
    """$JMSUMMIT_PAGER wins over $PAGER, which wins over less -R; cat means none."""
    both = {"JMSUMMIT_PAGER": "most -s", "PAGER": "more"}
    assert pager.command(Environment(environ=both)) == ["most", "-s"]
    assert pager.command(Environment(environ={"PAGER": "more"})) == ["more"]
    assert pager.command(Environment()) == ["less", "-R"]
    assert pager.command(Environment(environ={"PAGER": "cat"})) == []


def test_short_output_is_written_directly() -> None:
    """Output shorter than the screen never starts the pager."""
    out = io.StringIO()
    env = Environment(environ={"JMSUMMIT_PAGER": "false-pager-that-does-not-exist"})
    pager.show("a\nb\n", env, out, height=24)
    assert out.getvalue() == "a\nb\n"


def test_tall_output_goes_through_the_pager(tmp_path: Path) -> None:
    """Output taller than the screen is piped into the pager command, whole."""
    target = tmp_path / "paged.txt"
    env = Environment(
        environ={"JMSUMMIT_PAGER": f"sh -c 'cat > {target}'", "PATH": "/usr/bin:/bin"}
    )
    out = io.StringIO()
    pager.show(TALL, env, out, height=24)
    assert out.getvalue() == ""
    assert target.read_text() == TALL


def test_missing_pager_still_shows_the_output() -> None:
    """A pager that cannot be started is skipped: the text goes to stdout."""
    out = io.StringIO()
    env = Environment(environ={"PAGER": "/nonexistent/pager"})
    pager.show(TALL, env, out, height=24)
    assert out.getvalue() == TALL


def test_buffer_passes_for_a_terminal() -> None:
    """The collecting buffer says it is a TTY, so rich keeps colours and the terminal width."""
    assert pager.Buffer().isatty()
