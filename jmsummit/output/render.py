"""The only module that draws tables (rich) or writes JSON, CSV and TSV.

Every string from the data passes through `safe()` before it reaches a
terminal or a line-based format, and rich only ever receives `Text` objects,
never markup, so fact text cannot style, link or take over the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from ..base.models import Category, Entity, Fact
from ..environment import Environment, say, silence
from ..errors import OutputError
from ..search.results import Match, Result
from . import layout, writers
from .contract import (
    COLUMNS,
    JsonValue,
    category_record,
    entity_record,
    explain_parts,
    explain_record,
    fact_record,
    full_fact_record,
    result_record,
)
from .formats import Format, Lang
from .progress import BuildBar
from .text import json_safe, one_line, pick, safe, value_text
from .writers import View

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class Renderer:
    """Writes results to stdout and messages to stderr in the chosen format."""

    def __init__(self, env: Environment, out: TextIO, err: TextIO, lang: Lang = Lang.BOTH) -> None:
        self.env = env
        self.out = out
        self.err = err
        self.lang = lang

    # -- messages -------------------------------------------------------------

    def message(self, text: str) -> None:
        """One line on stderr, if stderr can be written: the exit code tells the rest."""
        say(self.err, one_line(text))

    def build_progress(self) -> BuildBar:
        """A progress bar for a first index build: drawn on an interactive stderr only."""
        return BuildBar(lambda: self._console(self.err), enabled=self.env.stderr_isatty)

    # -- ask / search ---------------------------------------------------------

    def ask(
        self, result: Result, fmt: Format, explain: bool = False, fields: Sequence[str] = ()
    ) -> None:
        """The answer to one question (plus see-also rows), or the did-you-mean list."""
        answers = result.answers()

        def plain() -> Iterator[str]:
            if answers:
                top = answers[0].fact
                yield pick(self.lang, top.answer, top.answer_en, " ")
                if explain:
                    yield self._explain_line(answers[0], result.question_type.value)

        def table() -> Iterator[RenderableType]:
            if answers:  # no answer: stdout stays empty; the did-you-mean line is on stderr
                yield self._ask_table(answers, explain, result.question_type.value)

        # The answer keeps its explanation in JSON too.
        why = (
            explain_record(answers[0], result.question_type.value) if explain and answers else None
        )
        self.emit(self._results_view(result, answers, True, plain, table, why), fmt, fields)
        if not answers:
            self._did_you_mean(result)
            if explain and result.doubt:
                self.message(f"why not: {result.matches[0].fact.id} {result.doubt}")

    def search(
        self, result: Result, found: tuple[Match, ...], fmt: Format, fields: Sequence[str] = ()
    ) -> None:
        """Every match of a search, best first."""

        def plain() -> Iterator[str]:
            for match in found:
                fact = match.fact
                yield f"{fact.id}  {pick(self.lang, fact.title, fact.title_en)}  ({match.score:g})"

        def table() -> Iterator[RenderableType]:
            yield self._fact_table(found, scores=True)

        self.emit(self._results_view(result, found, False, plain, table), fmt, fields)
        if not found:
            self.message(f"nothing found for {result.query!r}")

    def batch_line(
        self, result: Result, fmt: Format, fields: Sequence[str] = (), header: bool = False
    ) -> None:
        """One line per question in batch mode (plus a header first, for csv and tsv).

        json and jsonl: the ask object on one line; csv and tsv: the answer's row (only the
        query when there is none); plain: query, id, answer and score, tab-separated.
        """
        answers = result.answers()
        if fmt in (Format.JSON, Format.JSONL):
            self._json(writers.document(self._results_view(result, answers, True), fields), None)
        elif fmt in (Format.CSV, Format.TSV):
            view = self._results_view(result, answers[:1], True)
            records = view.records or [{}]
            columns = tuple(fields) or tuple(view.columns)
            rows = writers.flat_rows(records, columns, view.context)
            self._rows(columns, rows, fmt, header=header)
        else:
            top = answers[0] if answers else None
            cells = [result.query, top.fact.id if top else "", ""]
            if top:
                cells[2] = pick(self.lang, top.fact.answer, top.fact.answer_en, " ")
            cells.append(f"{top.score:g}" if top else "")
            self._cells(cells)

    # -- list / show / categories ----------------------------------------------

    def facts(self, facts: Sequence[Fact], fmt: Format, fields: Sequence[str] = ()) -> None:
        """The whole base (or one category), grouped by category."""

        def table() -> Iterator[RenderableType]:
            for category in dict.fromkeys(f.category for f in facts):
                group = [f for f in facts if f.category == category]
                yield self._fact_table(group, scores=False, title=f"{category} ({len(group)})")

        self.emit(
            View(
                document={"facts": []},
                key="facts",
                records=[fact_record(f) for f in facts],
                columns=COLUMNS["list"],
                plain=lambda: self._fact_lines(facts),
                table=table,
            ),
            fmt,
            fields,
        )

    def fact(self, fact: Fact, fmt: Format, fields: Sequence[str] = ()) -> None:
        """One fact in full."""
        self.emit(
            View(
                document={},
                key=None,
                records=[full_fact_record(fact)],
                columns=COLUMNS["show"],
                plain=lambda: (f"{label}: {text}" for label, text in _fact_fields(fact, self.lang)),
                table=lambda: [self._fact_panel(fact)],
            ),
            fmt,
            fields,
        )

    def categories(
        self, categories: Sequence[tuple[Category, int]], fmt: Format, fields: Sequence[str] = ()
    ) -> None:
        """Categories with their fact counts and descriptions."""

        def plain() -> Iterator[str]:
            for category, count in categories:
                description = self._description(category)
                yield f"{category.name}  {count}  {description}".rstrip()

        def table() -> Iterator[RenderableType]:
            total = sum(count for _, count in categories)
            heads = (
                layout.Column("category", wrap=False),
                layout.Column("facts", right=True, wrap=False),
                layout.Column("description"),
            )
            cells = [(c.name, str(n), self._description(c)) for c, n in categories]
            yield layout.records(layout.Records(heads, cells, f"{total} facts"), self._width())

        self.emit(
            View(
                document={"categories": []},
                key="categories",
                records=[category_record(c, n) for c, n in categories],
                columns=COLUMNS["categories"],
                plain=plain,
                table=table,
            ),
            fmt,
            fields,
        )

    def entities(
        self, entities: Sequence[tuple[Entity, int]], fmt: Format, fields: Sequence[str] = ()
    ) -> None:
        """The entity registry: each entity's id, kind, names and how many facts name it."""

        def table() -> Iterator[RenderableType]:
            heads = [layout.Column("id", "cyan", wrap=False)]
            if self.lang is not Lang.EN:
                heads.append(layout.Column("名称"))
            if self.lang is not Lang.ZH:
                heads.append(layout.Column("name"))
            heads.append(layout.Column("facts", right=True, wrap=False))
            cells = [
                (
                    entity.id,
                    *([entity.name] if self.lang is not Lang.EN else []),
                    *([entity.name_en] if self.lang is not Lang.ZH else []),
                    str(count),
                )
                for entity, count in entities
            ]
            table = layout.Records(tuple(heads), cells, f"{len(entities)} entities")
            yield layout.records(table, self._width())

        self.emit(
            View(
                document={"entities": []},
                key="entities",
                records=[{**entity_record(e), "facts": n} for e, n in entities],
                columns=COLUMNS["entities"],
                plain=lambda: (
                    f"{e.id}  {pick(self.lang, e.name, e.name_en)}" for e, _ in entities
                ),
                table=table,
            ),
            fmt,
            fields,
        )

    def about(
        self, entity: Entity, facts: Sequence[Fact], fmt: Format, fields: Sequence[str] = ()
    ) -> None:
        """An entity card and every fact about it."""

        def plain() -> Iterator[str]:
            yield from (f"{label}: {text}" for label, text in _entity_fields(entity, self.lang))
            yield from self._fact_lines(facts)

        def table() -> Iterator[RenderableType]:
            yield self._entity_panel(entity)
            yield self._fact_table(facts, scores=False, title=f"facts ({len(facts)})")

        self.emit(
            View(
                document={"entity": entity_record(entity), "facts": []},
                key="facts",
                records=[fact_record(f) for f in facts],
                columns=COLUMNS["about"],
                plain=plain,
                table=table,
            ),
            fmt,
            fields,
        )

    def emit(self, view: View, fmt: Format, fields: Sequence[str] = ()) -> None:
        """Write a view in a format (only the chosen fields): where the format is chosen."""
        writers.write(view, fmt, self, fields)

    # -- the Sink the writers use -------------------------------------------------

    def line(self, text: str) -> None:
        """One line of text, on one line."""
        self._line(text)

    def json(self, data: JsonValue, indent: int | None) -> None:
        """One JSON document."""
        self._json(data, indent)

    def rows(self, columns: Sequence[str], rows: Iterable[Sequence[str]], fmt: Format) -> None:
        """A CSV or TSV table."""
        self._rows(columns, rows, fmt)

    def draw(self, renderable: RenderableType) -> None:
        """A rich renderable."""
        self._print(renderable)

    def timeline(self, facts: Sequence[Fact], fmt: Format) -> None:
        """Every dated fact in date order (`facts` already sorted: timeline.events)."""
        from . import timeline

        if fmt is Format.TABLE:
            self._print(timeline.drawing(facts, self.lang, self._width()))
        elif fmt is Format.PLAIN:
            for fact in facts:
                title = pick(self.lang, fact.title, fact.title_en)
                self._line(f"{timeline.when_text(fact)}  {fact.id}  {title}")
        elif fmt is Format.JSON:
            self._json({"events": [timeline.record(f) for f in facts]})
        elif fmt is Format.JSONL:
            for fact in facts:
                self._json(timeline.record(fact), indent=None)
        else:
            self._rows(timeline.DATE_COLUMNS, (timeline.row(f) for f in facts), fmt)

    def lines(self, lines: Iterable[str]) -> None:
        """Plain report lines on stdout (validate's summary)."""
        for line in lines:
            self._line(line)

    # -- helpers: streams ------------------------------------------------------

    def _line(self, text: str) -> None:
        self._write(one_line(text))

    def _cells(self, cells: Iterable[str]) -> None:
        """One tab-separated line; tabs and breaks inside cells become spaces."""
        self._write("\t".join(one_line(cell) for cell in cells))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a failed write to stdout (a full disk, an I/O error) into an OutputError.

        A reader that went away (BrokenPipeError) is not an error: it passes through.
        """
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as error:
            silence(self.out)  # what is still buffered goes nowhere, not into a second error
            raise OutputError(f"cannot write output: {error.strerror or error}") from None

    def _write(self, line: str) -> None:
        with self._writing():
            self.out.write(line + "\n")
            self.out.flush()

    def _json(self, data: JsonValue, indent: int | None = 2) -> None:
        """JSON; ASCII-escaped when stdout is not UTF-8, so it stays valid in any encoding."""
        text = json.dumps(data, ensure_ascii=not self.env.utf8_stdout, indent=indent)
        self._write(json_safe(text))

    def _results_view(
        self,
        result: Result,
        matches: tuple[Match, ...],
        answered: bool,
        plain: Callable[[], Iterable[str]] = lambda: (),
        table: Callable[[], Iterable[RenderableType]] = lambda: (),
        explain: JsonValue = None,
    ) -> View:
        """The view of an ask or a search: the result object and one row per match."""
        record = result_record(result, matches, answered)
        if explain is not None:  # on the answer, the first result
            record["results"][0]["explain"] = explain
        return View(
            document=record,
            key="results",
            records=record["results"],
            columns=COLUMNS["ask"],
            context={"query": result.query},
            plain=plain,
            table=table,
        )

    def _fact_lines(self, facts: Sequence[Fact]) -> Iterator[str]:
        for fact in facts:
            yield f"{fact.id}  {pick(self.lang, fact.title, fact.title_en)}"

    def _rows(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[str]],
        fmt: Format,
        header: bool = True,
    ) -> None:
        if fmt is Format.TSV:
            if header:
                self._cells(columns)
            for row in rows:
                self._cells(row)
            return
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if header:
            writer.writerow(columns)
        writer.writerows([safe(cell) for cell in row] for row in rows)
        with self._writing():
            self.out.write(buffer.getvalue())
            self.out.flush()

    def _did_you_mean(self, result: Result) -> None:
        near = ", ".join(f"{m.fact.id} ({m.score:g})" for m in result.matches[:3])
        hint = f"; did you mean: {near}" if near else ""
        self.message(f"no confident answer for {result.query!r}{hint}")

    @staticmethod
    def _explain_line(match: Match, kind: str) -> str:
        parts = "; ".join(f"{part} {value}" for part, value, _ in explain_parts(match, kind))
        checks = "; ".join(match.explain.checks) if match.explain else ""
        line = f"why: {match.fact.id} scored {match.score:g}"
        terms = ", ".join(f"{r.term} [{r.field}]" for r in match.reasons)
        line += f" ({parts})" if parts else f" on {terms}"
        return line + (f"; passed: {checks}" if checks else "")

    # -- helpers: rich ---------------------------------------------------------

    def _console(self, file: TextIO | None = None) -> Console:
        from rich.console import Console

        color = self.env.color
        return Console(
            file=file or self.out,
            force_terminal=True if color else None,
            no_color=color is False,
            color_system=None if color is False else "auto",
            width=self.env.width or (None if self.env.stdout_isatty else 100),
            highlight=False,
            emoji=False,
            markup=False,
        )

    def _print(self, renderable: RenderableType) -> None:
        with self._writing():
            self._console().print(renderable)
            self.out.flush()

    @staticmethod
    def _text(text: str, style: str = "") -> Text:
        from rich.text import Text

        return Text(safe(text), style=style)

    def _width(self) -> int:
        """The width tables and cards are laid out for (the console's)."""
        return self._console().width

    def _ask_table(self, answers: tuple[Match, ...], explain: bool, kind: str) -> RenderableType:
        from rich.console import Group

        top = answers[0]
        width = self._width()
        parts: list[RenderableType] = [
            layout.card(
                pick(self.lang, top.fact.title, top.fact.title_en),
                self._answer_fields(top.fact, [r.term for r in top.reasons]),
                width,
                footer=f"score {top.score:g} · {top.fact.id}",
            )
        ]
        if explain:
            parts.append(self._explain_table(top, kind))
        if len(answers) > 1:
            parts.append(self._fact_table(answers[1:], scores=True, title="see also"))
        return Group(*parts)

    def _answer_fields(
        self, fact: Fact, terms: Sequence[str]
    ) -> list[tuple[str, str, Sequence[str]]]:
        """The answer card's rows: answer(s) highlighted, value, source."""
        rows: list[tuple[str, str, Sequence[str]]] = []
        if self.lang is not Lang.EN:
            rows.append(("答案", fact.answer, terms))
        if self.lang is not Lang.ZH:
            rows.append(("answer", fact.answer_en, terms))
        if fact.value is not None:
            rows.append(("value", value_text(fact.value), ()))
        source = " ".join(f"¶{n}" for n in fact.source.paragraphs)
        source += " · " + " · ".join(fact.source.evidence)
        rows.append(("source", source, ()))
        return rows

    def _fact_panel(self, fact: Fact) -> RenderableType:
        return self._card(_fact_fields(fact, self.lang), fact.id)

    def _description(self, category: Category) -> str:
        """A category's description in the chosen language(s); "" when it has none."""
        if not (category.description or category.description_en):
            return ""
        return pick(self.lang, category.description, category.description_en)

    def _entity_panel(self, entity: Entity) -> RenderableType:
        return self._card(
            _entity_fields(entity, self.lang), pick(self.lang, entity.name, entity.name_en)
        )

    def _card(self, fields: list[tuple[str, str]], title: str) -> RenderableType:
        """A panel of label: text rows (show's fact, about's entity)."""
        return layout.card(title, [(label, text, ()) for label, text in fields], self._width())

    def _fact_table(
        self, items: Sequence[Fact] | Sequence[Match], scores: bool, title: str | None = None
    ) -> RenderableType:
        columns = [layout.Column("id", "cyan", wrap=False)]
        if self.lang is not Lang.EN:
            columns.append(layout.Column("标题"))
        if self.lang is not Lang.ZH:
            columns.append(layout.Column("title"))
        if scores:
            columns.append(layout.Column("score", right=True, wrap=False))
        rows = []
        for item in items:
            fact = item.fact if isinstance(item, Match) else item
            row = [fact.id]
            if self.lang is not Lang.EN:
                row.append(fact.title)
            if self.lang is not Lang.ZH:
                row.append(fact.title_en)
            if isinstance(item, Match):
                row.append(f"{item.score:g}")
            rows.append(tuple(row))
        return layout.records(layout.Records(tuple(columns), rows, title), self._width())

    def _explain_table(self, match: Match, kind: str) -> RenderableType:
        from rich.console import Group

        columns = (
            layout.Column("part", wrap=False),
            layout.Column("value", right=True, wrap=False),
            layout.Column("what it means"),
        )
        parts = explain_parts(match, kind)
        if not parts:  # a hand-built match: the matched terms are all there is
            parts = [(r.field, r.term, "matched") for r in match.reasons]
        width = self._width()
        drawn: list[RenderableType] = [
            layout.records(layout.Records(columns, parts, "why this answer"), width)
        ]
        if match.explain and match.explain.checks:
            drawn.append(self._text("checks passed", "bold"))
            for check in match.explain.checks:
                drawn.append(layout.bulleted("✓ ", check, width))
        return Group(*drawn)


def _fact_fields(fact: Fact, lang: Lang = Lang.BOTH) -> list[tuple[str, str]]:
    """Label/text pairs for showing one fact in full, in the chosen language(s)."""
    skip = (
        {"title", "answer"} if lang is Lang.ZH else {"标题", "答案"} if lang is Lang.EN else set()
    )
    fields = [
        ("id", fact.id),
        ("category", fact.category),
        ("标题", fact.title),
        ("title", fact.title_en),
        ("答案", fact.answer),
        ("answer", fact.answer_en),
        ("value", value_text(fact.value)),
        ("aliases", " | ".join(fact.aliases)),
        ("entities", " | ".join(e.id for e in fact.entities)),
        ("source", "paragraph " + ", ".join(map(str, fact.source.paragraphs))),
        ("evidence", " | ".join(fact.source.evidence)),
        ("file", fact.file),
    ]
    return [(label, text) for label, text in fields if label not in skip]


def _entity_fields(entity: Entity, lang: Lang = Lang.BOTH) -> list[tuple[str, str]]:
    """Label/text pairs for an entity card, its name in the chosen language(s)."""
    return [
        ("id", entity.id),
        ("kind", entity.kind.value),
        *([("名称", entity.name)] if lang is not Lang.EN else []),
        *([("name", entity.name_en)] if lang is not Lang.ZH else []),
        ("aliases", " | ".join(entity.aliases)),
        ("source", f"paragraph {entity.paragraph}"),
    ]
