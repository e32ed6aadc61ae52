"""The interactive prompt: commands, questions, numbered suggestions, completion, history.

A line is a command when its first word is one (help, ?, show, search, about, list,
lang, quit) or a number picking one of the last numbered choices; anything else is
a question for the engine, so `help` never reaches it. Ctrl-C cancels the line and
keeps the prompt; Ctrl-D leaves on a new line. History persists in
$XDG_STATE_HOME/jmsummit/history (default ~/.local/state/jmsummit/history), bounded,
and is not written where it cannot be.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..base.options import Options
from ..errors import ExitCode, QueryError
from ..output import cjk
from ..output.formats import Format, Lang
from ..output.render import Renderer
from ..output.text import pick
from ..search import engine
from . import commands

if TYPE_CHECKING:
    from ..base.factbase import FactBase
    from ..base.models import Fact
    from ..search.index import Index

QUIT_WORDS = frozenset({"exit", "quit", "q", ":q", "退出"})
COMMANDS = ("help", "?", "show", "search", "about", "list", "lang", "quit", "exit")
HISTORY_LENGTH = 1000
HELP = """\
Ask a question in Chinese or English, or type a command:
  help, ?              this help
  show ID              one fact in full (Tab completes ids)
  search WORDS         every matching fact, numbered
  about NAME           an entity and every fact about it (Tab completes names)
  list [CATEGORY]      the whole base, or one category
  lang zh|en|both      the language of answers
  1, 2, …              open a numbered suggestion
  quit, exit, Ctrl-D   leave (Ctrl-C cancels the line)"""

Reader = Callable[[str], str]


def history_path(environ: Mapping[str, str]) -> Path | None:
    """$XDG_STATE_HOME/jmsummit/history, else ~/.local/state/jmsummit/history; None if no home."""
    state = environ.get("XDG_STATE_HOME", "")
    if state and os.path.isabs(state):
        return Path(state) / "jmsummit" / "history"
    home = environ.get("HOME", "")
    if not home:
        return None
    return Path(home) / ".local" / "state" / "jmsummit" / "history"


class Session:
    """The prompt's state: the index, the fact base, the last numbered choices."""

    def __init__(self, renderer: Renderer, options: Options, index: Index) -> None:
        self.renderer = renderer
        self.options = options
        self.index = index
        self.choices: list[str] = []  # fact ids the numbers 1, 2, … open
        self._base: FactBase | None = None

    @property
    def width(self) -> int:
        """The terminal's width (COLUMNS when set), for wrapping at word boundaries."""
        return self.renderer.env.width or shutil.get_terminal_size((100, 24)).columns

    def wrapped(self, text: str, indent: int = 0) -> list[str]:
        """`text` wrapped to the terminal at word boundaries (never mid-word), indented after."""
        pieces = cjk.wrap(text, max(self.width - indent - 1, 10))
        return [(" " * indent if row else "") + piece for row, piece in enumerate(pieces)]

    def help_lines(self) -> list[str]:
        """HELP as it fits: two columns when they fit, else each command over its meaning."""
        if self.width > max(map(len, HELP.splitlines())):
            return HELP.splitlines()
        lines: list[str] = []
        for line in HELP.splitlines():
            command, _, meaning = line.strip().partition("   ")
            if not line.startswith("  "):
                lines.extend(self.wrapped(line))
                continue
            lines.append("  " + command)
            width = max(self.width - 7, 10)
            lines.extend("      " + piece for piece in cjk.wrap(meaning.strip(), width))
        return lines

    def say(self, text: str) -> None:
        """A message on stderr, wrapped to the terminal."""
        for line in self.wrapped(text):
            self.renderer.message(line)

    @property
    def base(self) -> FactBase:
        """The fact base (loaded on first use: a question needs only the index)."""
        if self._base is None:
            from ..base import loader

            self._base = loader.load_base(self.options, self.renderer.env.environ)
        return self._base

    def handle(self, line: str) -> bool:
        """Carry out one line; False when it asks to leave."""
        text = line.strip()
        if not text:
            return True
        word, _, rest = text.partition(" ")
        command, rest = word.lower().lstrip("/"), rest.strip()
        if command in QUIT_WORDS:
            return False
        if command in ("help", "?", "？"):
            self.renderer.lines(self.help_lines())  # on stdout: it is what was asked for
        elif text.isdecimal() and text.isascii() and len(text) <= 3:  # a choice; 2017 asks
            self._pick(int(text))
        elif command == "show" and rest:
            self._show(rest)
        elif command == "search" and rest:
            self._search(rest)
        elif command == "about" and rest:
            self._about(rest)
        elif command == "list" and len(rest.split()) <= 1:
            self._list(rest or None)
        elif command == "lang" and rest.lower() in {lang.value for lang in Lang}:
            self.renderer.lang = Lang(rest.lower())
            self.renderer.message(f"answers in: {self.renderer.lang.value}")
        elif command in ("show", "search", "about", "lang"):
            self.renderer.message(f"usage: {_usage(command)} (type help for more)")
        else:
            self._ask(text)
        return True

    # -- commands --------------------------------------------------------------

    def _ask(self, question: str) -> None:
        try:
            result = engine.search(self.index, question, limit=10)
        except QueryError as error:
            self.renderer.message(error.message)
            return
        answers = result.answers()
        if answers:  # the answer drawn alone: its see-also rows follow, numbered to open
            self.renderer.ask(result._replace(matches=answers[:1]), Format.TABLE)
            self._number([m.fact for m in answers[1:]], "see also")
            return
        self.renderer.message(f"no confident answer for {question!r}")
        self._number([m.fact for m in result.matches[:3]], "did you mean")

    def _search(self, words: str) -> None:
        try:
            result = engine.search(self.index, words, limit=10)
        except QueryError as error:
            self.renderer.message(error.message)
            return
        found = result.found()
        if not found:
            self.renderer.message(f"nothing found for {words!r}")
            return
        self._number([m.fact for m in found], "found")

    def _show(self, fact_id: str) -> None:
        fact = self.base.by_id(fact_id)
        if fact is None:
            from ..search import lookup

            near = [self.base.by_id(known) for known in lookup.nearest_fact_ids(self.base, fact_id)]
            self.renderer.message(f"no fact with id {fact_id!r}")
            self._number([fact for fact in near if fact is not None], "did you mean")
            return
        self.renderer.fact(fact, Format.TABLE)

    def _about(self, name: str) -> None:
        from ..search import lookup

        found = lookup.find(self.base.entities, name)
        if found.entity is None:
            near = ", ".join(f"{e.name} / {e.name_en}" for e, _ in found.suggestions)
            self.renderer.message(
                f"no entity {name!r}" + (f"; did you mean: {near}" if near else "")
            )
            return
        facts = self.base.about(found.entity)
        self.renderer.about(found.entity, facts, Format.TABLE)
        self.choices = [f.id for f in facts]

    def _list(self, category: str | None) -> None:
        facts = [f for f in self.base.facts if category in (None, f.category)]
        if not facts:
            names = ", ".join(self.base.categories())
            self.renderer.message(f"no category {category!r} (categories: {names})")
            return
        self.renderer.facts(facts, Format.TABLE)
        self.choices = [f.id for f in facts]

    def _pick(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self.renderer.message("no such choice" if self.choices else "nothing to choose from")
            return
        self._show(self.choices[number - 1])

    def _number(self, facts: Sequence[Fact], heading: str) -> None:
        """List facts as numbered choices on stderr; the numbers open them."""
        self.choices = [fact.id for fact in facts]
        if not facts:
            return
        lang = self.renderer.lang
        self.say(f"{heading} (type a number to open one):")
        for number, fact in enumerate(facts, 1):
            mark = f"  {number}) "
            line = f"{fact.id}  {pick(lang, fact.title, fact.title_en)}"
            for row, piece in enumerate(cjk.wrap(line, max(self.width - len(mark) - 1, 10))):
                self.renderer.message((mark if row == 0 else " " * len(mark)) + piece)


def _usage(command: str) -> str:
    return {
        "show": "show ID",
        "search": "search WORDS",
        "about": "about NAME",
        "lang": "lang zh|en|both",
    }[command]


def completions(session: Session, line: str, text: str) -> list[str]:
    """What Tab may complete `text` to, given the line typed so far."""
    words = line[: len(line) - len(text)].split()
    if not words:
        options: Sequence[str] = COMMANDS
    elif words[0] == "show":
        options = [fact.id for fact in session.base.facts]
    elif words[0] == "about":
        options = sorted(
            {name for e in session.base.entities for name in (e.id, e.name, e.name_en)}
        )
    elif words[0] == "list":
        options = list(session.base.categories())
    elif words[0] == "lang":
        options = [lang.value for lang in Lang]
    else:
        return []
    folded = text.casefold()
    return [option for option in options if option.casefold().startswith(folded)]


class History:
    """Readline history kept in a file between runs (bounded; skipped when unwritable)."""

    def __init__(self, readline: ModuleType | None, path: Path | None) -> None:
        self.readline = readline
        self.path = path

    def load(self) -> None:
        """Read the history file, if there is one."""
        if self.readline is None or self.path is None:
            return
        self.readline.set_history_length(HISTORY_LENGTH)
        with contextlib.suppress(OSError):
            self.readline.read_history_file(str(self.path))

    def save(self) -> bool:
        """Write the last HISTORY_LENGTH lines; False (and nothing raised) when it cannot."""
        if self.readline is None or self.path is None:
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(str(self.path))
        except OSError:
            return False
        return True


def _readline() -> ModuleType | None:
    """The readline module (line editing, history, Tab), when the platform has one."""
    try:
        import readline
    except ImportError:
        return None
    return readline


def interact(renderer: Renderer, options: Options, read: Reader | None = None) -> ExitCode:
    """Answer lines until Ctrl-D or quit; `read` replaces input() in tests."""
    readline = _readline() if read is None else None
    index = commands.open_index(options, renderer)
    session = Session(renderer, options, index)
    history = History(readline, history_path(renderer.env.environ))
    if readline is not None:
        readline.set_completer_delims(" \t\n")

        def complete(text: str, state: int) -> str | None:
            found = completions(session, readline.get_line_buffer(), text)
            return found[state] if state < len(found) else None

        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")
        history.load()
    session.say("jmsummit: ask about the 2017 Jingmen Summit; help lists commands, Ctrl-D leaves")
    reader = read or input
    try:
        while True:
            try:
                line = reader("jmsummit> ")
            except KeyboardInterrupt:  # Ctrl-C: drop the line, keep the prompt
                renderer.message("")
                continue
            except EOFError:  # Ctrl-D: leave on a new line, not glued to the prompt
                renderer.message("")
                return ExitCode.OK
            try:
                if not session.handle(line):
                    return ExitCode.OK
            except KeyboardInterrupt:  # Ctrl-C while answering: back to the prompt
                renderer.message("^C")
    finally:
        history.save()
