"""Entry point: `jmsummit` and `python -m jmsummit`."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI; a reader that goes away (| head -1) ends it quietly."""
    from .cli import fastpath
    from .environment import Environment, silence_stdout

    try:
        code = fastpath.run(sys.argv[1:], Environment.from_system())
        if code is not None:
            sys.exit(int(code))
        from .cli.app import app

        app()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("jmsummit: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
