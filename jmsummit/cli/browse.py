"""`jmsummit browse`: a full-screen, type-ahead browser over the whole fact base.

Built on prompt_toolkit (full screen), which only this module imports, and only
`jmsummit browse` imports this module: every other command starts without it.

`State` holds what the browser shows (the query, the category, the language, the
ranked rows, the selection) and knows nothing of the terminal; `build()` makes the
prompt_toolkit Application that draws a State and turns keys and clicks into calls
on it. Results come from `engine.search` with the same scores as `jmsummit search`;
an empty field lists every fact in base order. Every piece of fact text passes
through `safe()` and is handed to prompt_toolkit as plain (style, text) fragments,
never as markup, so `[bold]` or an ESC in a fact shows as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app, set_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Point
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import (
    BufferControl,
    ConditionalContainer,
    FormattedTextControl,
    HSplit,
    Layout,
    VSplit,
    Window,
)
from prompt_toolkit.layout.mouse_handlers import MouseHandlers
from prompt_toolkit.layout.screen import Screen, WritePosition
from prompt_toolkit.mouse_events import MouseEvent, MouseEventType
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.styles import Style

from ..base.models import Fact
from ..base.options import Options
from ..environment import Environment
from ..errors import ExitCode, QueryError
from ..output import cjk
from ..output.formats import Lang
from ..output.render import Renderer
from ..output.text import one_line, pick, safe, value_text
from ..search import engine
from ..search.index import Index
from . import commands

LANG_CYCLE = (Lang.ZH, Lang.EN, Lang.BOTH)
# Below this many columns the preview pane is hidden: the list alone, Enter opens a fact.
PREVIEW_MIN_COLUMNS = 60
STYLE = {
    "header": "reverse",
    "header.key": "reverse bold",
    "prompt": "bold",
    "selected": "reverse",
    "score": "ansicyan",
    "dim": "ansibrightblack",
    "label": "bold",
    "title": "bold",
    "message": "italic",
    "footer": "reverse",
}


@dataclass(frozen=True)
class Row:
    """One line of the results list: a fact and its score (None: the empty field's listing)."""

    fact: Fact
    score: float | None


class State:
    """What the browser shows, and every change a key or a click can make to it."""

    def __init__(self, index: Index, lang: Lang) -> None:
        self.index = index
        self.facts = index.facts  # base order
        self.categories = tuple(dict.fromkeys(fact.category for fact in self.facts))
        self.lang = lang
        self.query = ""
        self.category: str | None = None  # None: every category
        self.rows: tuple[Row, ...] = ()
        self.selected = 0
        self.message = ""
        self.opened = False  # the selected fact full-screen
        self.scroll = 0  # first preview line shown
        self.refresh()

    # -- what is shown -----------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the rows for the query and category; the first row is selected."""
        self.selected, self.scroll, self.message = 0, 0, ""
        text = self.query.strip()
        if not text:
            self.rows = tuple(
                Row(f, None) for f in self.facts if self.category in (None, f.category)
            )
        else:
            try:
                result = engine.search(self.index, text, None, self.category)
            except QueryError as error:  # a query of nothing searchable
                self.rows, self.message = (), error.message
                return
            self.rows = tuple(Row(m.fact, m.score) for m in result.found())
        if not self.rows:
            where = f" in {self.category}" if self.category else ""
            self.message = (
                f"no fact matches {one_line(text)!r}{where}" if text else f"no facts{where}"
            )

    @property
    def fact(self) -> Fact | None:
        """The selected fact, if any."""
        return self.rows[self.selected].fact if self.rows else None

    # -- changes -------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """The search field changed: rank again."""
        if text != self.query:
            self.query = text
            self.refresh()

    def move(self, delta: int) -> None:
        """Move the selection by `delta` rows, staying inside the list."""
        self.select(self.selected + delta)

    def select(self, number: int) -> None:
        """Select row `number` (clamped to the list)."""
        if self.rows:
            self.selected = max(0, min(len(self.rows) - 1, number))
            self.scroll = 0

    def cycle_category(self, step: int = 1) -> None:
        """The next (or previous) category filter; after the last comes every category."""
        names: list[str | None] = [None, *self.categories]
        self.category = names[(names.index(self.category) + step) % len(names)]
        self.refresh()

    def cycle_lang(self) -> None:
        """The next language: zh, then en, then both, then zh again."""
        self.lang = LANG_CYCLE[(LANG_CYCLE.index(self.lang) + 1) % len(LANG_CYCLE)]

    def open(self) -> None:
        """Show the selected fact full-screen (nothing when the list is empty)."""
        if self.fact is not None:
            self.opened, self.scroll = True, 0

    def close(self) -> None:
        """Back to the list."""
        self.opened, self.scroll = False, 0

    def scroll_by(self, delta: int, lines: int) -> None:
        """Scroll the preview of `lines` lines by `delta`."""
        self.scroll = max(0, min(max(lines - 1, 0), self.scroll + delta))


# -- text ---------------------------------------------------------------------------


def preview_lines(fact: Fact, lang: Lang, width: int) -> list[tuple[str, str]]:
    """The fact in full as (style, line) pairs at most `width` cells wide, text made safe."""
    width = max(width, 10)
    lines: list[tuple[str, str]] = []

    def add(text: str, style: str = "", indent: str = "", lead: str = "") -> None:
        for number, piece in enumerate(cjk.wrap(one_line(text), width - len(indent))):
            lines.append((style, (indent if number else lead) + piece))

    def labelled(label: str, text: str) -> None:
        if text:
            add(f"{label}: {text}", indent="  ")

    add(f"{fact.id} · {fact.category}", "class:dim")
    both = lang is Lang.BOTH
    titles = (fact.title, fact.title_en) if both else (pick(lang, fact.title, fact.title_en),)
    answers = (fact.answer, fact.answer_en) if both else (pick(lang, fact.answer, fact.answer_en),)
    for title in titles:
        add(title, "class:title")
    lines.append(("", ""))
    for answer in answers:
        add(answer)
        lines.append(("", ""))
    labelled("value", value_text(fact.value))
    paragraphs = ", ".join(f"¶{n}" for n in fact.source.paragraphs)
    labelled("source", paragraphs)
    for phrase in fact.source.evidence:
        add(f"“{phrase}”", "class:dim", indent="   ", lead="  ")
    labelled(
        "entities",
        "; ".join(pick(lang, e.name, e.name_en) for e in fact.entities),
    )
    labelled("aliases", ", ".join(fact.aliases))
    return lines


def list_line(row: Row, width: int) -> str:
    """A results-list line: the fact id, and its score when there is a query."""
    score = "" if row.score is None else f"{row.score:5.1f}"
    room = width - len(score) - 2
    return f" {cjk.truncate(safe(row.fact.id), room):<{room}}{score} "


# -- the application -------------------------------------------------------------------


class Browser:
    """The prompt_toolkit application over a State: layout, keys, mouse."""

    def __init__(
        self,
        state: State,
        color: bool = True,
        input: Input | None = None,
        output: Output | None = None,
    ) -> None:
        self.state = state
        self.buffer = Buffer(multiline=False, on_text_changed=self._typed)
        self.search_window = Window(BufferControl(self.buffer), height=1)
        self.list_control = FormattedTextControl(
            self._list_fragments,
            focusable=True,
            show_cursor=False,
            get_cursor_position=lambda: Point(0, self.state.selected),
        )
        self.list_window = Window(
            self.list_control, width=self._list_width, always_hide_cursor=True
        )
        self.preview_window = Window(
            FormattedTextControl(self._preview_fragments, show_cursor=False),
            always_hide_cursor=True,
        )
        listing = VSplit(
            [
                self.list_window,
                ConditionalContainer(
                    VSplit([Window(width=1, char="│", style="class:dim"), self.preview_window]),
                    filter=Condition(self._wide),
                ),
            ]
        )
        opened = Window(
            FormattedTextControl(self._preview_fragments, show_cursor=False),
            always_hide_cursor=True,
        )
        self.opened_filter = Condition(lambda: self.state.opened)
        body = HSplit(
            [
                Window(FormattedTextControl(self._header), height=1, style="class:header"),
                VSplit(
                    [
                        Window(FormattedTextControl([("class:prompt", " search> ")]), width=9),
                        self.search_window,
                    ],
                    height=1,
                ),
                Window(height=1, char="─", style="class:dim"),
                ConditionalContainer(listing, filter=~self.opened_filter),
                ConditionalContainer(opened, filter=self.opened_filter),
                Window(FormattedTextControl(self._footer), height=1, style="class:footer"),
            ]
        )
        self.app: Application[ExitCode] = Application(
            layout=Layout(body, focused_element=self.search_window),
            key_bindings=self._keys(),
            style=Style.from_dict(STYLE),
            full_screen=True,
            mouse_support=True,
            color_depth=None if color else ColorDepth.DEPTH_1_BIT,
            input=input,
            output=output,
        )

    # -- geometry ------------------------------------------------------------------------

    def _columns(self) -> int:
        return get_app().output.get_size().columns

    def _wide(self) -> bool:
        return self._columns() >= PREVIEW_MIN_COLUMNS

    def _list_width(self) -> int:
        columns = self._columns()
        return max(24, min(48, columns * 9 // 20)) if self._wide() else columns

    def _preview_width(self) -> int:
        columns = self._columns()
        return columns - 2 if self.state.opened else columns - self._list_width() - 2

    # -- drawing -------------------------------------------------------------------------

    def _header(self) -> StyleAndTextTuples:
        state = self.state
        count = f"{len(state.rows)} of {len(state.facts)} facts "
        category = f" category: {state.category or 'all'} "
        lang = f" lang: {state.lang.value} "
        title = " jmsummit browse "
        used = len(title) + len(category) + len(lang) + len(count)
        if used > self._columns():  # narrow: the filters matter, the title and count do not
            title, count, used = "", "", len(category) + len(lang)
        gap = " " * max(1, self._columns() - used)
        return [
            ("class:header", title),
            ("class:header.key", category, self._click(lambda: state.cycle_category())),
            ("class:header.key", lang, self._click(state.cycle_lang)),
            ("class:header", gap + count),
        ]

    def _list_fragments(self) -> StyleAndTextTuples:
        state = self.state
        width = self._list_width()
        if not state.rows:
            return [("class:message", "\n".join(cjk.wrap(" " + state.message, width)))]
        fragments: StyleAndTextTuples = []
        for number, row in enumerate(state.rows):
            style = "class:selected" if number == state.selected else ""
            fragments.append((style, list_line(row, width), self._row_click(number)))
            fragments.append(("", "\n"))
        fragments.pop()
        return fragments

    def _preview_fragments(self) -> StyleAndTextTuples:
        state = self.state
        fact = state.fact
        if fact is None:
            hint = "type fewer or other words; Esc clears the field, F3 changes the category"
            return [("class:message", "\n".join(cjk.wrap(" " + hint, self._preview_width())))]
        lines = preview_lines(fact, state.lang, self._preview_width())
        state.scroll = min(state.scroll, max(len(lines) - 1, 0))
        fragments: StyleAndTextTuples = []
        for style, line in lines[state.scroll :]:
            fragments.append((style, " " + line, self._scroll_wheel(len(lines))))
            fragments.append(("", "\n"))
        return fragments[:-1]

    def _footer(self) -> StyleAndTextTuples:
        if self.state.opened:
            keys = " ↑↓ scroll  Enter/Esc/q back  F2 lang  Ctrl-C quit"
            short = " ↑↓ Esc:back F2:lang ^C:quit"
        elif self.app.layout.has_focus(self.list_window):
            keys = " ↑↓ move  Enter open  Tab/ search  F2 lang  F3 category  q/Esc quit"
            short = " ↑↓ Enter Tab F2:lang F3:cat q:quit"
        else:
            keys = " ↑↓ move  Enter open  Tab list  F2 lang  F3 category  Esc clear/quit"
            short = " ↑↓ Enter Tab F2:lang F3:cat Esc:quit"
        fits = len(keys) <= self._columns()  # narrow terminals get the keys without words
        return [("class:footer", keys if fits else cjk.truncate(short, self._columns()))]

    # -- mouse ---------------------------------------------------------------------------

    def _click(self, action: Callable[[], None]) -> Callable[[MouseEvent], None]:
        def handler(event: MouseEvent) -> None:
            if event.event_type is MouseEventType.MOUSE_UP:
                action()

        return handler

    def _row_click(self, number: int) -> Callable[[MouseEvent], None]:
        def handler(event: MouseEvent) -> None:
            if event.event_type is MouseEventType.MOUSE_UP:
                if number == self.state.selected:
                    self.state.open()
                else:
                    self.state.select(number)
            elif event.event_type is MouseEventType.SCROLL_DOWN:
                self.state.move(1)
            elif event.event_type is MouseEventType.SCROLL_UP:
                self.state.move(-1)

        return handler

    def _scroll_wheel(self, lines: int) -> Callable[[MouseEvent], None]:
        def handler(event: MouseEvent) -> None:
            if event.event_type is MouseEventType.SCROLL_DOWN:
                self.state.scroll_by(3, lines)
            elif event.event_type is MouseEventType.SCROLL_UP:
                self.state.scroll_by(-3, lines)

        return handler

    # -- keys ----------------------------------------------------------------------------

    def _typed(self, buffer: Buffer) -> None:
        self.state.set_query(buffer.text)

    def _keys(self) -> KeyBindings:
        keys = KeyBindings()
        state = self.state
        opened = Condition(lambda: state.opened)
        listed = ~opened
        in_list = Condition(lambda: self.app.layout.has_focus(self.list_window)) & listed
        not_typing = opened | in_list

        def page() -> int:
            info = self.list_window.render_info
            return max(1, (info.window_height if info else 10) - 1)

        def preview_length() -> int:
            fact = state.fact
            return len(preview_lines(fact, state.lang, self._preview_width())) if fact else 0

        @keys.add("c-c")
        @keys.add("c-q")
        def _quit(event: KeyPressEvent) -> None:
            event.app.exit(result=ExitCode.OK)

        @keys.add("escape", eager=True)
        def _escape(event: KeyPressEvent) -> None:
            if state.opened:
                state.close()
            elif self.app.layout.has_focus(self.search_window) and self.buffer.text:
                self.buffer.reset()
            else:
                event.app.exit(result=ExitCode.OK)

        @keys.add("q", filter=not_typing)
        def _q(event: KeyPressEvent) -> None:
            if state.opened:
                state.close()
            else:
                event.app.exit(result=ExitCode.OK)

        @keys.add("enter", filter=listed)
        def _open(event: KeyPressEvent) -> None:
            state.open()

        @keys.add("enter", filter=opened)
        def _back(event: KeyPressEvent) -> None:
            state.close()

        moves = {"up": -1, "down": 1, "c-p": -1, "c-n": 1}
        for key, delta in moves.items():
            keys.add(key, filter=listed)(lambda event, d=delta: state.move(d))
        keys.add("pageup", filter=listed)(lambda event: state.move(-page()))
        keys.add("pagedown", filter=listed)(lambda event: state.move(page()))
        for key, delta in {"k": -1, "j": 1}.items():
            keys.add(key, filter=in_list)(lambda event, d=delta: state.move(d))
        keys.add("home", filter=in_list)(lambda event: state.select(0))
        keys.add("end", filter=in_list)(lambda event: state.select(len(state.rows) - 1))

        scrolls = {"up": -1, "down": 1, "k": -1, "j": 1, "pageup": -10, "pagedown": 10}
        for key, delta in scrolls.items():
            keys.add(key, filter=opened)(
                lambda event, d=delta: state.scroll_by(d, preview_length())
            )
        keys.add("home", filter=opened)(lambda event: state.scroll_by(-state.scroll, 1))

        @keys.add("tab", filter=listed)
        @keys.add("s-tab", filter=listed)
        def _focus(event: KeyPressEvent) -> None:
            if event.app.layout.has_focus(self.search_window):
                event.app.layout.focus(self.list_window)
            else:
                event.app.layout.focus(self.search_window)

        @keys.add("/", filter=in_list)
        def _search(event: KeyPressEvent) -> None:
            event.app.layout.focus(self.search_window)

        for key in ("f2", "c-t"):
            keys.add(key)(lambda event: state.cycle_lang())
        keys.add("l", filter=not_typing)(lambda event: state.cycle_lang())
        for key in ("f3", "c-g"):
            keys.add(key, filter=listed)(lambda event: state.cycle_category(1))
        keys.add("f4", filter=listed)(lambda event: state.cycle_category(-1))
        keys.add("c", filter=in_list)(lambda event: state.cycle_category(1))
        return keys


def screen_text(browser: Browser, width: int, height: int) -> str:
    """The browser drawn on a width × height screen, as plain text (tests, the README)."""
    screen = Screen(initial_width=width, initial_height=height)
    browser.app.render_counter += 1  # controls cache their text per render: draw afresh
    with set_app(browser.app):
        browser.app.layout.container.write_to_screen(
            screen, MouseHandlers(), WritePosition(0, 0, width, height), "", True, None
        )
        screen.draw_all_floats()
    rows = []
    for y in range(height):
        cells = screen.data_buffer[y]
        rows.append("".join(cells[x].char for x in range(width)).rstrip())
    return "\n".join(rows)


def wants_color(env: Environment) -> bool:
    """False when NO_COLOR (or TERM=dumb) asks for none: then one-bit colour, attributes only."""
    return env.color is not False


def browse(renderer: Renderer, options: Options) -> ExitCode:
    """Open the browser on the terminal; the exit code when it is left."""
    index = commands.open_index(options, renderer)
    browser = Browser(State(index, renderer.lang), color=wants_color(renderer.env))
    return browser.app.run() or ExitCode.OK
