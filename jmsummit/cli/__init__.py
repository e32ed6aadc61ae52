"""The command line: the only layer that parses arguments or touches the process.

Holds the typer app (`app`), the typer-free fast path for plain `ask` (`fastpath`),
the error boundary that maps errors to exit codes (`launch`), what each command does
(`commands`) and the interactive prompt (`prompt`). May import every layer below.
Nothing here imports typer at package import: `fastpath` must stay typer-free.
"""
