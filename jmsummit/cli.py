"""Command-line parsing (typer): options in, a call to `commands`, an exit code out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import commands
from .environment import Environment, silence_stdout
from .errors import ExitCode, JmsummitError, QueryError
from .factbase import Options
from .render import Format, Lang, Renderer, default_format

app = typer.Typer(
    name="jmsummit",
    help=(
        "Answers about the 2017 China New-Type City Forum Jingmen Summit "
        "(2017中国新型城市论坛荆门峰会), in Chinese or English.\n\n"
        "\b\nExamples:\n"
        '  jmsummit ask "谁主办了峰会"\n'
        '  jmsummit ask "What was the total investment?" --json\n'
        "  jmsummit search 机场\n"
        "  jmsummit            (an interactive prompt, on a terminal)"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Optional[...] rather than "X | None": typer evaluates these annotations at run time on 3.9-style.
FactsOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--facts",
        metavar="DIR",
        help="Also load the facts in DIR (repeatable); adds to the bundled base.",
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the index cache.")
]
FormatOption = Annotated[
    Optional[Format],  # noqa: UP045
    typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, else plain]."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
LangOption = Annotated[
    Lang, typer.Option("--lang", envvar="JMSUMMIT_LANG", help="Language of human-readable output.")
]
CategoryOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--category", "-c", help="Only facts of this category (see `categories`)."),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show the traceback of internal errors.")
]


def _run(ctx: typer.Context, lang: Lang, debug: bool, body: Callable[[Renderer], ExitCode]) -> None:
    """Run a command body; turn every error into a message and a documented exit code."""
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_system()
    renderer = Renderer(env, sys.stdout, sys.stderr, lang)
    try:
        code = body(renderer)
    except JmsummitError as error:
        renderer.message(f"jmsummit: {error.message}")
        code = error.exit_code
    except KeyboardInterrupt:
        renderer.message("jmsummit: interrupted")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head -1): stop quietly, as a filter should.
        silence_stdout()
        code = ExitCode.OK
    except Exception as error:
        if debug or env.debug:
            raise
        renderer.message(
            f"jmsummit: internal error: {type(error).__name__}: {error} "
            "(run with --debug or JMSUMMIT_DEBUG=1 for the traceback)"
        )
        code = ExitCode.INTERNAL
    raise typer.Exit(int(code))


def _format(fmt: Format | None, as_json: bool, renderer: Renderer) -> Format:
    if as_json:
        return Format.JSON
    return fmt or default_format(renderer.env)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help="The question; '-' or none (with piped input) reads one per line."),
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show why the top match won.")] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.BOTH,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Answer a question in Chinese or English.

    \b
    Examples:
      jmsummit ask 谁主办了这次峰会？
      jmsummit ask "Who organized the summit?" --lang en
      jmsummit ask 签约投资总额 --json | jq .results[0].value
      printf '主办单位\\nhosts\\n' | jmsummit ask - --json
    """
    options = Options(tuple(facts or ()), not no_cache)

    def body(renderer: Renderer) -> ExitCode:
        words = question or []
        if words in ([], ["-"]):
            if words == [] and renderer.env.stdin_isatty:
                raise QueryError("no question given; try: jmsummit ask 谁主办了峰会")
            batch_json = as_json or fmt in (Format.JSON, Format.JSONL)
            return commands.ask_batch(renderer, options, commands.stdin_stream(), batch_json)
        return commands.ask(
            renderer, options, " ".join(words), _format(fmt, as_json, renderer), explain
        )

    _run(ctx, lang, debug, body)


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N results.")] = 10,
    category: CategoryOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.BOTH,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """List every fact matching TERMS, best first.

    \b
    Examples:
      jmsummit search 分论坛
      jmsummit search investment --limit 3
      jmsummit search 村 --category towns --json | jq -r '.results[].id'
    """
    options = Options(tuple(facts or ()), not no_cache)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.search(
            r, options, " ".join(terms), _format(fmt, as_json, r), limit, category
        ),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    category: CategoryOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.BOTH,
    facts: FactsOption = None,
    debug: DebugOption = False,
) -> None:
    """Browse the whole fact base, grouped by category.

    \b
    Examples:
      jmsummit list
      jmsummit list --category forums --lang zh
      jmsummit list --format csv > facts.csv
    """
    options = Options(tuple(facts or ()))
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.list_facts(r, options, _format(fmt, as_json, r), category),
    )


@app.command()
def show(
    ctx: typer.Context,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="A fact id, e.g. organizers.hosts.")],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.BOTH,
    facts: FactsOption = None,
    debug: DebugOption = False,
) -> None:
    """Print one fact in full: both languages, value, aliases, source.

    \b
    Examples:
      jmsummit show agreements.total-investment
      jmsummit show organizers.hosts --json | jq .answer.zh
    """
    options = Options(tuple(facts or ()))
    _run(ctx, lang, debug, lambda r: commands.show(r, options, fact_id, _format(fmt, as_json, r)))


@app.command()
def categories(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    facts: FactsOption = None,
    debug: DebugOption = False,
) -> None:
    """List the categories with their fact counts.

    \b
    Examples:
      jmsummit categories
      jmsummit categories --json | jq '.categories[] | select(.facts > 10)'
    """
    options = Options(tuple(facts or ()))
    _run(ctx, Lang.BOTH, debug, lambda r: commands.categories(r, options, _format(fmt, as_json, r)))


@app.command("validate")
def validate_(
    ctx: typer.Context,
    source: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--source", metavar="FILE", help="Check every evidence phrase against FILE."),
    ] = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
) -> None:
    """Check the fact base (and, with --source, its evidence); exit 0 if valid, 2 if not.

    \b
    Examples:
      jmsummit validate
      jmsummit validate --facts ./my-facts
      jmsummit validate --source ../shared/source/000_b851dac7d4cc0232.txt
    """
    options = Options(tuple(facts or ()))
    _run(ctx, Lang.BOTH, debug, lambda r: commands.run_validate(r, options, source))


def _version(value: bool) -> None:
    if value:
        env = Environment.from_system()
        try:
            line = commands.version_line(Options(), dict(env.environ))
        except JmsummitError as error:
            line = f"jmsummit (fact base unreadable: {error.message})"
        typer.echo(line)
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show versions and exit."
        ),
    ] = False,
) -> None:
    """Answers about the 2017 Jingmen Summit. Run a command, or nothing for a prompt."""
    if ctx.invoked_subcommand is not None:
        return
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_system()
    if not (env.stdin_isatty and env.stdout_isatty):
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    from .prompt import interact

    _run(ctx, Lang.BOTH, False, lambda r: interact(r, Options()))
