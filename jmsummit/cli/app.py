"""Command-line parsing (typer): options in, a call to `commands`, an exit code out.

Each command imports `commands` (and with it the engine and the renderer) only when
it runs, so `--help` and usage errors cost no more than typer itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import __version__
from ..base.options import Options
from ..environment import Environment
from ..errors import ExitCode, JmsummitError, UsageError
from ..output.formats import Format, Lang
from . import completion, launch
from .choices import Output

if TYPE_CHECKING:
    from ..output.render import Renderer

app = typer.Typer(
    name="jmsummit",
    help=(
        "Answers about the 2017 China New-Type City Forum Jingmen Summit "
        "(2017中国新型城市论坛荆门峰会), in Chinese or English.\n\n"
        "\b\nExamples:\n"
        '  jmsummit ask "谁主办了峰会"\n'
        '  jmsummit ask "What was the total investment?" --json\n'
        "  jmsummit search 机场\n"
        "  jmsummit browse     (full screen: type to search, see each fact)\n"
        "  jmsummit            (an interactive prompt, on a terminal)"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    cls=completion.Group,  # --show-completion / --install-completion [SHELL]
    add_completion=False,
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
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format [default: table on a terminal, else plain].",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
# Not typer's envvar: a bad JMSUMMIT_LANG warns and falls back (launch.run), it does not exit 2.
LangOption = Annotated[
    Optional[Lang],  # noqa: UP045
    typer.Option(
        "--lang",
        case_sensitive=False,
        show_default=False,
        help="Language of human-readable output [default: JMSUMMIT_LANG, else both].",
    ),
]
FieldsOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--fields",
        metavar="F1,F2",
        help="Only these fields, in this order (dotted paths, e.g. id,answer.en,value.cny), "
        "for json, jsonl, csv and tsv; `jmsummit schema` lists them.",
    ),
]
CategoryOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--category",
        "-c",
        metavar="NAME",
        autocompletion=completion.categories,
        help="Only facts of this category (see `categories`).",
    ),
]
NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Never page output taller than the terminal.")
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show the traceback of internal errors.")
]


def _options(ctx: typer.Context, facts: list[Path] | None, no_cache: bool = False) -> Options:
    """Where the facts are and whether to cache, from the command's options and the global ones.

    `jmsummit --facts DIR ask ...` loads DIR as `jmsummit ask ... --facts DIR` does: the
    options given before the command apply to it (directories in the order given).
    """
    above = _above(ctx)
    directories = [*(Path(d) for d in above.get("facts") or ()), *(facts or ())]
    return Options(tuple(directories), not (no_cache or above.get("no_cache")))


def _above(ctx: typer.Context) -> dict[str, Any]:
    """The global options (given before the command), as click keeps them: unconverted."""
    return ctx.parent.params if ctx.parent is not None else {}


def _run(
    ctx: typer.Context, lang: Lang | None, debug: bool, body: launch.Body, page: bool = False
) -> None:
    """Run a command body in the injected (or the real) environment; exit with its code.

    A command's own --lang wins over one given before the command.
    """
    above = _above(ctx).get("lang")
    if lang is None and above:
        lang = Lang(str(above).lower())
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_system()
    if page:
        from .pager import wanted

        page = wanted(env, no_pager=False)
    raise typer.Exit(int(launch.run(env, lang, debug, body, page)))


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
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,  # accepted everywhere; an answer is never paged
) -> None:
    """Answer a question in Chinese or English.

    \b
    Examples:
      jmsummit ask 谁主办了这次峰会？
      jmsummit ask "Who organized the summit?" --lang en
      jmsummit ask 签约投资总额 --json | jq '.results[0].value'
      printf '主办单位\\nhosts\\n' | jmsummit ask - --json
    """
    from . import commands

    options = _options(ctx, facts, no_cache)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.ask(r, options, question or [], Output(fmt, as_json, fields), explain),
    )


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N results.")] = 10,
    category: CategoryOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List every fact matching TERMS, best first.

    \b
    Examples:
      jmsummit search 分论坛
      jmsummit search investment --limit 3
      jmsummit search 村 --category towns --json | jq -r '.results[].id'
    """
    from . import commands

    options = _options(ctx, facts, no_cache)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.search(
            r, options, " ".join(terms), Output(fmt, as_json, fields), limit, category
        ),
        page=not no_pager,
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    category: CategoryOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Browse the whole fact base, grouped by category.

    \b
    Examples:
      jmsummit list
      jmsummit list --category forums --lang zh
      jmsummit list --format csv > facts.csv
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.list_facts(r, options, Output(fmt, as_json, fields), category),
        page=not no_pager,
    )


@app.command()
def show(
    ctx: typer.Context,
    fact_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            autocompletion=completion.fact_ids,
            help="A fact id, e.g. organizers.hosts.",
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Print one fact in full: both languages, value, aliases, source.

    \b
    Examples:
      jmsummit show agreements.total-investment
      jmsummit show organizers.hosts --json | jq '.answer.zh'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.show(r, options, fact_id, Output(fmt, as_json, fields)),
        page=not no_pager,
    )


@app.command()
def categories(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List the categories with their fact counts and descriptions.

    \b
    Examples:
      jmsummit categories
      jmsummit categories --json | jq '.categories[] | select(.facts > 10)'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.categories(r, options, Output(fmt, as_json, fields)),
        page=not no_pager,
    )


@app.command()
def timeline(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Every dated fact in date order: days, ranges, months and years.

    \b
    Examples:
      jmsummit timeline
      jmsummit timeline --lang en --format plain
      jmsummit timeline --json | jq -r '.events[] | "\\(.date // .start)\\t\\(.id)"'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.timeline(r, options, Output(fmt, as_json)),
        page=not no_pager,
    )


@app.command()
def entities(
    ctx: typer.Context,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=completion.kinds,
            help="Only entities of this kind (organization, person …).",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List the entities the facts name: organisations, people, places, projects.

    \b
    Examples:
      jmsummit entities
      jmsummit entities --kind person --lang en
      jmsummit entities --json | jq -r '.entities[] | "\\(.id)\\t\\(.name.en)"'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.entities(r, options, Output(fmt, as_json, fields), kind),
        page=not no_pager,
    )


@app.command()
def about(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(
            autocompletion=completion.entities,
            help="An entity id, or any of its names or aliases, in either language.",
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    debug: DebugOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one entity (names, kind, aliases) and every fact about it.

    \b
    Examples:
      jmsummit about 华大
      jmsummit about "Zhang Yitao" --lang en
      jmsummit about jianke yuan
      jmsummit about UN-Habitat --json | jq -r '.facts[].id'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(
        ctx,
        lang,
        debug,
        lambda r: commands.about(r, options, " ".join(name), Output(fmt, as_json, fields)),
        page=not no_pager,
    )


@app.command()
def browse(
    ctx: typer.Context,
    lang: LangOption = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Browse the whole base full-screen: type to search, see the selected fact.

    Results update on every key (the scores of `search`); an empty field lists every
    fact. Keys: arrows move, Enter opens, Tab switches between the field and the list,
    F2 (Ctrl-T) changes the language, F3 (Ctrl-G) the category, Esc clears or leaves.
    Needs a terminal.

    \b
    Examples:
      jmsummit browse
      jmsummit browse --lang en
    """
    options = _options(ctx, facts, no_cache)

    def body(renderer: Renderer) -> ExitCode:
        env = renderer.env
        if not (env.stdin_isatty and env.stdout_isatty):
            raise UsageError(
                "browse is full-screen and needs a terminal on stdin and stdout; "
                "try `jmsummit search WORDS` or `jmsummit list`"
            )
        from .browse import browse as run_browser  # prompt_toolkit: for browse only

        return run_browser(renderer, options)

    _run(ctx, lang, debug, body)


@app.command("schema")
def schema_(
    ctx: typer.Context,
    command: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="ask, search, list, show, categories, entities or about; none: all."),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="The schema of one JSONL line instead.")
    ] = False,
    batch: Annotated[
        bool, typer.Option("--batch", help="The schema of one line of a batch (ask -).")
    ] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's JSON or JSONL output.

    \b
    Examples:
      jmsummit schema ask
      jmsummit schema list --jsonl
      jmsummit schema | jq '."$defs" | keys'
    """
    from . import commands

    _run(ctx, Lang.BOTH, False, lambda r: commands.print_schema(r, command, jsonl, batch))


@app.command()
def export(
    ctx: typer.Context,
    sqlite: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--sqlite", metavar="FILE", help="Write an SQLite database to FILE."),
    ] = None,
    jsonl: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--jsonl", metavar="FILE", help="Write one fact a line to FILE ('-': stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    facts: FactsOption = None,
    debug: DebugOption = False,
) -> None:
    """Export the whole fact base: SQLite (tables, links, FTS5) or JSONL.

    \b
    Examples:
      jmsummit export --sqlite facts.db
      sqlite3 facts.db "SELECT id FROM facts_fts WHERE facts_fts MATCH '华大'"
      jmsummit export --jsonl - | jq -r '.id'
    """
    from . import commands

    options = _options(ctx, facts)
    _run(ctx, Lang.BOTH, debug, lambda r: commands.export(r, options, sqlite, jsonl, force))


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
    from . import commands

    options = _options(ctx, facts)
    _run(ctx, Lang.BOTH, debug, lambda r: commands.run_validate(r, options, source))


@app.command("help")
def help_(
    ctx: typer.Context,
    topic: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[TOPIC]",
            autocompletion=completion.topics,
            help="json, csv, exit-codes, config, facts, completion, or a command; none: list.",
        ),
    ] = None,
) -> None:
    """Read a topic offline (the JSON contract, exit codes, configuration …) or a command's help.

    \b
    Examples:
      jmsummit help
      jmsummit help exit-codes
      jmsummit help json | less
    """
    from .topics import TOPICS, text

    group = ctx.parent.command if ctx.parent else None
    if topic is None:
        width = max(map(len, TOPICS))
        lines = [f"  {name:<{width}}  {line}" for name, line in TOPICS.items()]
        typer.echo("Topics (jmsummit help TOPIC):\n" + "\n".join(lines))
        typer.echo("\nCommands: jmsummit help COMMAND, or jmsummit COMMAND --help.")
    elif topic in TOPICS:
        typer.echo(text(topic), nl=False)
    elif isinstance(group, typer.core.TyperGroup) and (command := group.get_command(ctx, topic)):
        typer.echo(command.get_help(typer.Context(command, info_name=topic, parent=ctx.parent)))
    else:
        raise typer.BadParameter(
            f"no topic '{topic}'; topics: {', '.join(TOPICS)} (or a command name)",
            param_hint="TOPIC",
        )


def _version(value: bool) -> None:
    if value:
        from . import commands

        env = Environment.from_system()
        try:
            line = commands.version_line(Options(), dict(env.environ))
        except JmsummitError as error:
            line = f"jmsummit {__version__} (fact base unreadable: {error.message})"
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
    install_completion: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=completion.install,
            autocompletion=completion.shells,
            is_eager=True,
            expose_value=False,
            help="Install completion for SHELL (bash, zsh, fish, powershell) "
            "[default: this shell].",
        ),
    ] = None,
    show_completion: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=completion.show,
            autocompletion=completion.shells,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for SHELL [default: this shell].",
        ),
    ] = None,
    lang: LangOption = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Answers about the 2017 Jingmen Summit. Run a command, or nothing for a prompt.

    --lang, --facts and --no-cache here apply to the command, or to the prompt.
    """
    if ctx.invoked_subcommand is not None:
        return
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_system()
    if not (env.stdin_isatty and env.stdout_isatty):
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    from .prompt import interact

    options = _options(ctx, facts, no_cache)
    _run(ctx, lang, False, lambda r: interact(r, options))
