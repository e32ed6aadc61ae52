"""Entry point: `jmsummit` and `python -m jmsummit`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the CLI; a reader that goes away (| head -1) ends it quietly."""
    from .cli import app

    try:
        app()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush cannot raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("jmsummit: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
