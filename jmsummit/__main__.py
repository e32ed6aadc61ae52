"""Entry point: `jmsummit` and `python -m jmsummit`."""

from __future__ import annotations

import gc
import sys

# Nothing is imported before main's `try`: Ctrl-C in the first milliseconds, while the
# imports run, must end as "interrupted" (130) like any other, not as a traceback.


def main() -> None:
    """Run the CLI; every outcome is a documented exit code with at most one line on stderr.

    The cyclic garbage collector is off while the modules load, which make many long-lived
    objects and no garbage (measured: a cold `ask` 6%, a table 7% faster), and for the rest
    of a one-answer process; the typer app (batch, the prompt) turns it back on.
    """
    gc.disable()
    try:
        code = _run(sys.argv[1:])
    except KeyboardInterrupt:
        code = _interrupted()
    except BrokenPipeError:  # the reader went away (| head -1): stop quietly
        from .environment import silence

        silence(sys.stdout)
        code = 0
    sys.exit(code)


def _run(argv: list[str]) -> int:
    """Check the streams, then answer through the fast path or the typer app."""
    from .environment import Environment, guard_streams, say
    from .errors import ExitCode

    if not guard_streams():
        say(sys.stderr, "jmsummit: cannot write output: standard output is closed")
        return ExitCode.OUTPUT
    from .cli import fastpath

    env = Environment.from_system()
    code = fastpath.run(argv, env)
    if code is None:
        return _typer(fastpath.help_text(argv, env))
    _leave(int(code))
    return int(code)  # the flush failed: the ordinary exit reports it


def _typer(help_text: str | None) -> int:
    """Run the typer app, or print the help it would print (`help_text`, rendered ahead).

    Help or version text that cannot be written is an output error.
    """
    from .environment import say, silence
    from .errors import ExitCode

    try:
        if help_text is not None:
            sys.stdout.write(help_text)
            sys.stdout.flush()
            return ExitCode.OK
        from .cli.app import app

        gc.enable()
        app()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else ExitCode.OK
    except BrokenPipeError:
        raise
    except OSError as error:  # --help or --version into a full disk
        silence(sys.stdout)
        say(sys.stderr, f"jmsummit: cannot write output: {error.strerror or error}")
        return ExitCode.OUTPUT
    return ExitCode.OK


def _interrupted() -> int:
    """Report Ctrl-C, even when it came before the output modules were imported."""
    try:
        sys.stderr.write("jmsummit: interrupted\n")
        sys.stderr.flush()
    except Exception:  # stderr is gone: the exit code still says it
        pass
    return 130


def _leave(code: int) -> None:
    """Flush the answer, then exit without interpreter teardown; return if the flush fails.

    Freeing every module and object at exit costs about a tenth of a cold `ask`
    (measured: 3.6x -> 3.2x `python -c "import json"`), and nothing needs it: the index
    is opened read-only and any cache file is complete before the answer is printed.
    """
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        raise
    except OSError:
        return
    os._exit(code)


if __name__ == "__main__":
    main()
