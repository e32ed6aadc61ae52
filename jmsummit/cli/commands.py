"""What each command does, between parsing (cli) and drawing (render).

Each function takes parsed arguments and a Renderer, calls the loader or
the engine, hands the data to the renderer and returns an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .. import __version__
from ..base import files
from ..base.options import Options
from ..errors import (
    ExitCode,
    InputError,
    QueryError,
    UnknownEntityError,
    UnknownFactError,
    UsageError,
)
from ..output.formats import Format
from ..output.render import Renderer
from . import choices
from .choices import Output

if TYPE_CHECKING:
    from ..base.factbase import FactBase
from ..search import engine, opener
from ..search.index import Index
from ..search.normalize import MAX_QUERY_CHARS
from ..search.results import Result


def open_index(options: Options, renderer: Renderer) -> Index:
    """The index; a first build that takes a while shows a progress bar on a terminal."""
    warnings: list[str] = []
    with renderer.build_progress() as progress, _terminable():
        index = opener.open_index(options, renderer.env.environ, progress, warnings)
    for warning in warnings:
        renderer.message(f"jmsummit: {warning}")
    return index


@contextmanager
def _terminable() -> Iterator[None]:
    """SIGTERM (kill, a supervisor's stop) ends the process through Python, exit 143.

    Not at once, as by default: a build stopped so removes its half-written cache file
    and ends its worker processes, as after Ctrl-C. (Off the main thread, nothing changes.)
    """
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(ExitCode.TERMINATED)


def ask(
    renderer: Renderer,
    options: Options,
    words: Sequence[str],
    out: Output,
    explain: bool,
) -> ExitCode:
    """Answer the question in `words`, or, for none or '-', one question per stdin line."""
    if list(words) in ([], ["-"]):
        if not words and renderer.env.stdin_isatty:
            raise QueryError("no question given; try: jmsummit ask 谁主办了峰会")
        fmt = out.batch_format()
        if explain:
            raise UsageError(
                "--explain does not apply to a batch (ask -, one question a line); "
                "ask one question to see why it got its answer"
            )
        return ask_batch(renderer, options, stdin_stream(), fmt, out.chosen("ask", fmt))
    fmt = out.format(renderer.env)
    return ask_one(renderer, options, " ".join(words), fmt, explain, out.chosen("ask", fmt))


def ask_one(
    renderer: Renderer,
    options: Options,
    question: str,
    fmt: Format,
    explain: bool,
    fields: Sequence[str] = (),
) -> ExitCode:
    """Answer one question."""
    result = engine.search(open_index(options, renderer), question, limit=10)
    renderer.ask(result, fmt, explain, fields)
    return ExitCode.OK if result.confident else ExitCode.NO_ANSWER


def ask_batch(
    renderer: Renderer,
    options: Options,
    stream: BinaryIO,
    fmt: Format = Format.PLAIN,
    fields: Sequence[str] = (),
) -> ExitCode:
    """Answer one question per input line, one output line each, flushed as it goes.

    A blank line gets its (empty) output line but does not by itself make the exit code 1:
    that is for a question that got no confident answer.
    """
    index = open_index(options, renderer)
    unanswered = 0
    first = True
    for question in _lines(stream):
        try:
            result = engine.search(index, question, limit=3)
        except QueryError:  # a blank line: answer it with nothing, keep the lines aligned
            result = Result.empty(question)
        else:
            unanswered += not result.confident
        renderer.batch_line(result, fmt, fields, header=first)
        first = False
    return ExitCode.NO_ANSWER if unanswered else ExitCode.OK


# Bytes of a line kept for its question: MAX_QUERY_CHARS characters of up to 4 UTF-8 bytes.
# The engine cuts the question at MAX_QUERY_CHARS; the rest of a longer line is skipped.
MAX_LINE_BYTES = 4 * MAX_QUERY_CHARS


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Input lines (ended by LF, CR or CRLF) decoded as UTF-8, as they arrive.

    Undecodable bytes become U+FFFD and the batch goes on; a line longer than
    MAX_LINE_BYTES keeps its first MAX_LINE_BYTES bytes, so memory stays bounded.
    """
    read = getattr(stream, "read1", None) or stream.read
    pending = b""
    skipping = False  # the rest of an over-long line
    after_cr = False  # the last chunk ended in CR: a leading LF is its CRLF's
    try:
        while chunk := read(65536):
            if after_cr and chunk.startswith(b"\n"):
                chunk = chunk[1:]
            after_cr = chunk.endswith(b"\r")
            parts = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            for part in parts[:-1]:
                if not skipping:
                    pending += part
                yield _decode(pending)
                pending, skipping = b"", False
            if not skipping:
                pending += parts[-1]
                if len(pending) > MAX_LINE_BYTES:
                    pending, skipping = pending[:MAX_LINE_BYTES], True
        if pending or skipping:
            yield _decode(pending)
    except OSError as error:
        raise InputError(f"cannot read standard input: {error.strerror}") from None


def _decode(line: bytes) -> str:
    """One input line as text, cut to the question length the engine keeps."""
    return line.decode("utf-8", errors="replace")[:MAX_QUERY_CHARS]


def search(
    renderer: Renderer,
    options: Options,
    terms: str,
    out: Output,
    limit: int,
    category: str | None,
) -> ExitCode:
    """List the facts matching `terms`, ranked."""
    fmt = out.format(renderer.env)
    fields = out.chosen("search", fmt)
    index = open_index(options, renderer)
    category = choices.category(category, sorted(set(index.categories)))
    result = engine.search(index, terms, limit=limit, category=category)
    found = result.found()[:limit]
    renderer.search(result, found, fmt, fields)
    return ExitCode.OK if found else ExitCode.NO_ANSWER


def list_facts(renderer: Renderer, options: Options, out: Output, category: str | None) -> ExitCode:
    """Browse the base, grouped by category."""
    fmt = out.format(renderer.env)
    fields = out.chosen("list", fmt)
    base = _load_base(renderer, options)
    order = {name: rank for rank, name in enumerate(base.categories())}
    category = choices.category(category, list(order))
    facts = sorted(
        (f for f in base.facts if category in (None, f.category)), key=lambda f: order[f.category]
    )
    renderer.facts(facts, fmt, fields)
    return ExitCode.OK


def show(renderer: Renderer, options: Options, fact_id: str, out: Output) -> ExitCode:
    """One fact in full."""
    fmt = out.format(renderer.env)
    fields = out.chosen("show", fmt)
    base = _load_base(renderer, options)
    fact = base.by_id(fact_id)
    if fact is None:
        raise UnknownFactError(f"no fact with id {fact_id!r}{_near_ids(base, fact_id)}")
    if fact.id != fact_id:  # a former id: say where the fact is now, so scripts can follow
        renderer.message(f"jmsummit: {fact_id} is now {fact.id}")
    renderer.fact(fact, fmt, fields)
    return ExitCode.OK


def _near_ids(base: FactBase, wanted: str) -> str:
    """The ids nearest a mistyped one, as "; did you mean: …", or a pointer to search."""
    from ..search import lookup

    near = lookup.nearest_fact_ids(base, wanted)
    return f"; did you mean: {', '.join(near)}" if near else "; try `jmsummit search`"


def timeline(renderer: Renderer, options: Options, out: Output) -> ExitCode:
    """Every dated fact, in date order."""
    from ..output.timeline import events

    base = _load_base(renderer, options)
    renderer.timeline(events(base.facts), out.format(renderer.env))
    return ExitCode.OK


def categories(renderer: Renderer, options: Options, out: Output) -> ExitCode:
    """Categories, their fact counts and descriptions."""
    fmt = out.format(renderer.env)
    fields = out.chosen("categories", fmt)
    base = _load_base(renderer, options)
    counts = base.categories().items()
    renderer.categories([(base.category(n), c) for n, c in counts], fmt, fields)
    return ExitCode.OK


def entities(renderer: Renderer, options: Options, out: Output, kind: str | None) -> ExitCode:
    """The entity registry (of one kind, if given), with how many facts name each."""
    fmt = out.format(renderer.env)
    fields = out.chosen("entities", fmt)
    base = _load_base(renderer, options)
    kinds = sorted({entity.kind.value for entity in base.entities})
    if kind is not None and kind.lower() not in kinds:
        raise UsageError(f"no entity kind {kind!r} (kinds: {', '.join(kinds)})")
    chosen = [e for e in base.entities if kind is None or e.kind.value == kind.lower()]
    renderer.entities([(entity, len(base.about(entity))) for entity in chosen], fmt, fields)
    return ExitCode.OK


def about(renderer: Renderer, options: Options, name: str, out: Output) -> ExitCode:
    """An entity, found by id, name, alias, pinyin or a near spelling, and its facts."""
    from ..search import lookup

    fmt = out.format(renderer.env)
    fields = out.chosen("about", fmt)
    base = _load_base(renderer, options)
    found = lookup.find(base.entities, name)
    if found.entity is None:
        nearest = ", ".join(f"{e.id} ({e.name} / {e.name_en})" for e, _ in found.suggestions)
        hint = f"; did you mean: {nearest}" if nearest else "; see `jmsummit entities`"
        raise UnknownEntityError(f"no entity {name!r}{hint}")
    renderer.about(found.entity, base.about(found.entity), fmt, fields)
    return ExitCode.OK


def run_validate(renderer: Renderer, options: Options, source: Path | None) -> ExitCode:
    """Load and check the base (and evidence, against --source); summary on stdout."""
    from ..base import loader, validate
    from ..base.article import PARAGRAPHS, paragraphs

    text = None
    if source is not None:
        try:
            text = source.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{source}: cannot read the source article: {error}") from None
    dirs = files.directories(options, renderer.env.environ)
    base = loader.load(dirs, len(paragraphs(text)) if text else PARAGRAPHS)
    report = validate.check(base, text)
    for problem in report.problems:
        renderer.message(problem)
    verdict = "valid" if report.valid else f"INVALID: {len(report.problems)} problem(s)"
    renderer.lines(
        [
            f"{verdict}: {report.facts} facts in {len(report.categories)} categories and "
            f"{report.entities} entities, each named one way in Chinese and English"
            + (f"; evidence checked against {source}" if source else ""),
            *(f"  {name:<16} {count:>4}" for name, count in report.categories.items()),
        ]
    )
    return ExitCode.OK if report.valid else ExitCode.USAGE


def export(
    renderer: Renderer,
    options: Options,
    sqlite: Path | None,
    jsonl: Path | None,
    force: bool,
) -> ExitCode:
    """Write the whole base to an SQLite database or a JSONL file (atomically)."""
    from ..output import export as exporter

    if (sqlite is None) == (jsonl is None):
        raise UsageError("give one of --sqlite FILE and --jsonl FILE")
    base = _load_base(renderer, options)
    if jsonl is not None and str(jsonl) == "-":
        exporter.write_jsonl(base, renderer.out)
        return ExitCode.OK
    target = sqlite or jsonl
    assert target is not None  # one of the two, checked above
    if target.exists() and not force:
        raise UsageError(f"{target} exists; add --force to replace it")
    if target.is_dir() or not target.parent.is_dir():
        raise UsageError(f"{target}: not a file in an existing directory")
    try:
        if sqlite is not None:
            exporter.write_sqlite(base, sqlite)
        else:
            exporter.write_jsonl_file(base, target)
    except OSError as error:
        raise InputError(f"{target}: cannot write: {error.strerror}") from None
    kind = "SQLite database" if sqlite is not None else "JSONL file"
    renderer.message(f"jmsummit: wrote {len(base.facts)} facts to {kind} {target}")
    return ExitCode.OK


def print_schema(renderer: Renderer, command: str | None, jsonl: bool, batch: bool) -> ExitCode:
    """The JSON Schema of a command's output (of one JSONL or batch line), or of all."""
    from ..output import schema

    if batch:
        if command not in (None, "ask"):
            raise UsageError(f"--batch and {command!r} do not go together: only ask has a batch")
        command, jsonl = "ask-batch", True
    elif command is not None and command.lower() not in schema.COMMANDS:
        raise UsageError(f"no command {command!r}; one of: {', '.join(schema.COMMANDS)}")
    elif jsonl and command is None:
        raise UsageError("--jsonl needs a COMMAND: which command's lines?")
    renderer.json(schema.schema(command and command.lower(), jsonl), 2)
    return ExitCode.OK


def version_line(options: Options, environ: dict[str, str]) -> str:
    """The tool's version and the fact base's content hash."""
    paths = files.fact_files(files.directories(options, environ))
    stats = [files.stat_file(path) for path in paths]
    return f"jmsummit {__version__} (fact base {files.content_hash(stats)}, {len(stats)} files)"


def _load_base(renderer: Renderer, options: Options) -> FactBase:
    """The loaded fact base, without an index: for list, show, categories."""
    from ..base import loader  # tomllib and validation: `ask` from a fresh cache needs neither

    return loader.load_base(options, renderer.env.environ)


def stdin_stream() -> BinaryIO:
    """Standard input as bytes (so bad UTF-8 can be replaced, not fatal)."""
    if sys.stdin is None:  # started with <&-
        raise InputError("cannot read standard input: it is closed")
    stream: BinaryIO = sys.stdin.buffer
    return stream
