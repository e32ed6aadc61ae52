"""Entry point: `jmsummit` and `python -m jmsummit`."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI; a reader that goes away (| head -1) ends it quietly."""
    from .cli import app
    from .environment import silence_stdout

    try:
        app()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("jmsummit: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
