"""What each command does, between parsing (cli) and drawing (render).

Each function takes parsed arguments and a Renderer, calls the loader or
the engine, hands the data to the renderer and returns an exit code.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
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
from ..output.formats import Format, chosen_format
from ..output.render import Renderer

if TYPE_CHECKING:
    from ..base.factbase import FactBase
from ..search import cache, engine, opener
from ..search.index import Index
from ..search.normalize import MAX_QUERY_CHARS
from ..search.results import Result


def open_index(options: Options, renderer: Renderer) -> Index:
    """The index; a first build that takes a while shows a progress bar on a terminal."""
    options, environ = _without_homeless_cache(options, renderer.env.environ)
    with renderer.build_progress() as progress:
        return opener.open_index(options, environ, progress)


def _without_homeless_cache(
    options: Options, environ: Mapping[str, str]
) -> tuple[Options, Mapping[str, str]]:
    """No cache when no cache directory can be named (no $HOME and no passwd entry).

    The cache is never required. The opener names the directory even with the cache
    off, so it gets a placeholder it will never touch (use_cache is False).
    """
    try:
        cache.cache_dir(environ)
    except (RuntimeError, KeyError, OSError):  # Path.home(): RuntimeError, KeyError on 3.10
        return dataclasses.replace(options, use_cache=False), {
            **environ,
            cache.CACHE_ENV: os.devnull,
        }
    return options, environ


def ask(
    renderer: Renderer,
    options: Options,
    words: Sequence[str],
    fmt: Format | None,
    as_json: bool,
    explain: bool,
) -> ExitCode:
    """Answer the question in `words`, or, for none or '-', one question per stdin line."""
    if list(words) in ([], ["-"]):
        if not words and renderer.env.stdin_isatty:
            raise QueryError("no question given; try: jmsummit ask 谁主办了峰会")
        batch_json = as_json or fmt in (Format.JSON, Format.JSONL)
        return ask_batch(renderer, options, stdin_stream(), batch_json)
    chosen = chosen_format(fmt, as_json, renderer.env)
    return ask_one(renderer, options, " ".join(words), chosen, explain)


def ask_one(
    renderer: Renderer, options: Options, question: str, fmt: Format, explain: bool
) -> ExitCode:
    """Answer one question."""
    result = engine.search(open_index(options, renderer), question, limit=10)
    renderer.ask(result, fmt, explain)
    return ExitCode.OK if result.confident else ExitCode.NO_ANSWER


def ask_batch(renderer: Renderer, options: Options, stream: BinaryIO, as_json: bool) -> ExitCode:
    """Answer one question per input line, one output line each, flushed as it goes."""
    index = open_index(options, renderer)
    unanswered = 0
    for question in _lines(stream):
        try:
            result = engine.search(index, question, limit=3)
        except QueryError:  # a blank line: answer it with nothing, keep the lines aligned
            result = Result.empty(question)
        renderer.batch_line(result, as_json)
        unanswered += not result.confident
    return ExitCode.NO_ANSWER if unanswered else ExitCode.OK


# Bytes of a line kept for its question: MAX_QUERY_CHARS characters of up to 4 UTF-8 bytes.
# The engine cuts the question at MAX_QUERY_CHARS; the rest of a longer line is skipped.
LINE_BYTES = 4 * MAX_QUERY_CHARS
_SKIP_CHUNK = 1 << 16


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Input lines decoded as UTF-8; undecodable bytes become U+FFFD and the batch goes on.

    A line is cut to MAX_QUERY_CHARS while it is read: at most LINE_BYTES are kept and the
    rest is read in chunks and dropped, so a 200 MB line without a newline costs no more
    memory than a short one.
    """
    try:
        while raw := stream.readline(LINE_BYTES):
            if not raw.endswith(b"\n"):
                _skip_rest_of_line(stream)
            yield raw.decode("utf-8", errors="replace").rstrip("\r\n")[:MAX_QUERY_CHARS]
    except OSError as error:
        raise InputError(f"cannot read standard input: {error.strerror}") from None


def _skip_rest_of_line(stream: BinaryIO) -> None:
    """Read and drop the stream up to and including the next newline (or to its end)."""
    while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def search(
    renderer: Renderer,
    options: Options,
    terms: str,
    fmt: Format,
    limit: int,
    category: str | None,
) -> ExitCode:
    """List the facts matching `terms`, ranked."""
    index = open_index(options, renderer)
    if category is not None and category not in index.categories:
        renderer.message(f"no category {category!r}; see `jmsummit categories`")
    result = engine.search(index, terms, limit=limit, category=category)
    found = result.found()[:limit]
    renderer.search(result, found, fmt)
    return ExitCode.OK if found else ExitCode.NO_ANSWER


def list_facts(renderer: Renderer, options: Options, fmt: Format, category: str | None) -> ExitCode:
    """Browse the base, grouped by category."""
    base = _load_base(renderer, options)
    order = {name: rank for rank, name in enumerate(base.categories())}
    facts = sorted(
        (f for f in base.facts if category in (None, f.category)), key=lambda f: order[f.category]
    )
    renderer.facts(facts, fmt)
    if not facts:
        renderer.message(f"no category {category!r}; see `jmsummit categories`")
    return ExitCode.OK if facts else ExitCode.NO_ANSWER


def show(renderer: Renderer, options: Options, fact_id: str, fmt: Format) -> ExitCode:
    """One fact in full."""
    base = _load_base(renderer, options)
    fact = base.by_id(fact_id)
    if fact is None:
        raise UnknownFactError(f"no fact with id {fact_id!r}; try `jmsummit search`")
    renderer.fact(fact, fmt)
    return ExitCode.OK


def timeline(renderer: Renderer, options: Options, fmt: Format) -> ExitCode:
    """Every dated fact, in date order."""
    from ..output.timeline import events

    base = _load_base(renderer, options)
    renderer.timeline(events(base.facts), fmt)
    return ExitCode.OK


def categories(renderer: Renderer, options: Options, fmt: Format) -> ExitCode:
    """Categories, their fact counts and descriptions."""
    base = _load_base(renderer, options)
    renderer.categories([(base.category(n), c) for n, c in base.categories().items()], fmt)
    return ExitCode.OK


def entities(renderer: Renderer, options: Options, fmt: Format, kind: str | None) -> ExitCode:
    """The entity registry (of one kind, if given), with how many facts name each."""
    base = _load_base(renderer, options)
    kinds = sorted({entity.kind.value for entity in base.entities})
    if kind is not None and kind.lower() not in kinds:
        raise UsageError(f"no entity kind {kind!r} (kinds: {', '.join(kinds)})")
    chosen = [e for e in base.entities if kind is None or e.kind.value == kind.lower()]
    renderer.entities([(entity, len(base.about(entity))) for entity in chosen], fmt)
    return ExitCode.OK


def about(renderer: Renderer, options: Options, name: str, fmt: Format) -> ExitCode:
    """An entity, found by id, name, alias, pinyin or a near spelling, and its facts."""
    from ..search import entity_lookup

    base = _load_base(renderer, options)
    found = entity_lookup.find(base.entities, name)
    if found.entity is None:
        nearest = ", ".join(f"{e.id} ({e.name} / {e.name_en})" for e, _ in found.suggestions)
        hint = f"; did you mean: {nearest}" if nearest else "; see `jmsummit entities`"
        raise UnknownEntityError(f"no entity {name!r}{hint}")
    renderer.about(found.entity, base.about(found.entity), fmt)
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
