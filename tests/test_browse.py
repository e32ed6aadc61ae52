"""`jmsummit browse`, driven headless: keys through a pipe, the screen drawn at 80×24.

Every key is written to a prompt_toolkit pipe input before the application starts; the
application reads them in order and stops at the quitting key. After each key the test
records the state and the screen as text, so nothing depends on timing.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import ColorDepth, DummyOutput
from typer.testing import CliRunner

from jmsummit.base.models import Fact
from jmsummit.cli import browse
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import ExitCode
from jmsummit.output.formats import Lang
from jmsummit.search.index import Index

ENTER, TAB, CTRL_C, CTRL_T, CTRL_G = "\r", "\t", "\x03", "\x14", "\x07"
DOWN, F2, F3 = "\x1b[B", "\x1bOQ", "\x1bOR"


class Terminal(DummyOutput):
    """An output that draws nothing and says it is `columns` × `rows`."""

    def __init__(self, columns: int = 80, rows: int = 24) -> None:
        self.size = Size(rows=rows, columns=columns)

    def get_size(self) -> Size:
        """The pretended terminal size."""
        return self.size


@dataclass(frozen=True)
class Frame:
    """What the browser showed after one key."""

    query: str
    ids: tuple[str, ...]
    selected: str | None
    scores: tuple[float | None, ...]
    opened: bool
    lang: Lang
    category: str | None
    message: str
    screen: str


def drive(
    index: Index,
    keys: str,
    lang: Lang = Lang.BOTH,
    columns: int = 80,
    rows: int = 24,
    facts: tuple[Fact, ...] | None = None,
) -> tuple[list[Frame], ExitCode | None]:
    """Run the browser on `keys` (which must end by quitting); the frames and the result."""
    frames: list[Frame] = []

    async def main() -> ExitCode | None:
        with create_pipe_input() as pipe:
            state = browse.State(index, lang)
            if facts is not None:
                state.facts = facts
                state.refresh()
            browser = browse.Browser(state, color=False, input=pipe, output=Terminal(columns, rows))

            def record(_: object) -> None:
                frames.append(
                    Frame(
                        state.query,
                        tuple(row.fact.id for row in state.rows),
                        state.fact.id if state.fact else None,
                        tuple(row.score for row in state.rows),
                        state.opened,
                        state.lang,
                        state.category,
                        state.message,
                        browse.screen_text(browser, columns, rows),
                    )
                )

            browser.app.key_processor.after_key_press += record
            pipe.send_text(keys)
            return await asyncio.wait_for(browser.app.run_async(), timeout=60)

    return frames, asyncio.run(main())


def test_typing_zhuban_finds_the_hosts_first_and_previews_them(real_index: Index) -> None:
    """Typing `zhuban` ranks organizers.hosts first, with search's score, and previews it."""
    frames, code = drive(real_index, "zhuban" + CTRL_C)
    typed = frames[5]
    assert typed.query == "zhuban"
    assert typed.ids[0] == "organizers.hosts" and typed.selected == "organizers.hosts"
    from jmsummit.search import engine

    expected = engine.search(real_index, "zhuban", 10).found()
    assert typed.scores[: len(expected)] == tuple(m.score for m in expected)
    assert "主办单位" in typed.screen and "Hosts" in typed.screen
    assert "search> zhuban" in typed.screen
    assert code is ExitCode.OK


def test_every_keystroke_updates_the_results(real_index: Index) -> None:
    """Each typed letter ranks again: the list after `zhu` differs from the whole base."""
    frames, _ = drive(real_index, "zhu" + CTRL_C)
    assert [f.query for f in frames[:3]] == ["z", "zh", "zhu"]
    assert len(frames[2].ids) < len(real_index.facts)
    assert frames[2].ids[0] == "organizers.hosts"


def test_an_empty_field_lists_every_fact_in_base_order(real_index: Index) -> None:
    """Before any typing (and after clearing) the list is the whole base, unscored."""
    frames, _ = drive(real_index, "z\x7f" + CTRL_C)  # a letter, then Backspace
    cleared = frames[1]
    assert cleared.ids == tuple(f.id for f in real_index.facts)
    assert set(cleared.scores) == {None}


def test_open_toggle_language_filter_and_quit(real_index: Index) -> None:
    """Enter opens the hosts' fact; Ctrl-T and F2 cycle the language; F3 filters; Ctrl-C quits."""
    keys = "zhuban" + ENTER + CTRL_T + F2 + ENTER + F3 + F3 + CTRL_C
    frames, code = drive(real_index, keys, lang=Lang.BOTH)
    opened, to_zh, to_en, back, first_category, second_category = frames[6:12]
    assert opened.opened and opened.selected == "organizers.hosts"
    zh, en = "峰会的主办单位", "Hosts (organizers)"  # the two titles
    assert zh in opened.screen and en in opened.screen
    assert to_zh.lang is Lang.ZH and zh in to_zh.screen and en not in to_zh.screen
    assert to_en.lang is Lang.EN and en in to_en.screen and zh not in to_en.screen
    assert not back.opened
    categories = list(dict.fromkeys(f.category for f in real_index.facts))
    assert first_category.category == categories[0]
    assert second_category.category == categories[1]
    assert all(i.startswith(categories[1] + ".") for i in second_category.ids)
    assert f"category: {categories[1]}" in second_category.screen
    assert code is ExitCode.OK


def test_a_category_keeps_the_query_and_its_scores(real_index: Index) -> None:
    """Filtering by organizers with `zhuban` typed keeps only organizers facts, hosts first."""
    categories = list(dict.fromkeys(f.category for f in real_index.facts))
    steps = categories.index("organizers") + 1
    frames, _ = drive(real_index, "zhuban" + CTRL_G * steps + CTRL_C)
    filtered = frames[5 + steps]
    assert filtered.category == "organizers"
    assert filtered.ids[0] == "organizers.hosts"
    assert all(i.startswith("organizers.") for i in filtered.ids)


def test_arrows_tab_and_q(real_index: Index) -> None:
    """Down selects the next row; Tab moves to the list, where q quits (and is not typed)."""
    frames, code = drive(real_index, DOWN + TAB + "j" + "q")
    ids = tuple(f.id for f in real_index.facts)
    assert frames[0].selected == ids[1]
    assert frames[2].selected == ids[2] and frames[2].query == ""
    assert "q/Esc quit" in frames[2].screen
    assert code is ExitCode.OK and len(frames) == 4


def test_no_match_shows_an_empty_list_and_a_message(real_index: Index) -> None:
    """A query nothing matches: no rows, a message, Enter does nothing, no crash."""
    frames, code = drive(real_index, "qqxxzzvv" + ENTER + CTRL_C)
    nothing = frames[7]
    assert nothing.ids == () and nothing.selected is None
    assert "no fact matches 'qqxxzzvv'" in nothing.message
    assert "no fact matches" in nothing.screen
    assert not frames[8].opened
    assert code is ExitCode.OK


def test_fact_text_is_shown_literally(real_index: Index) -> None:
    """Markup and an ESC in fact text appear as written: `[bold]` stays, ESC shows as \\x1b."""
    hosts = next(f for f in real_index.facts if f.id == "organizers.hosts")
    odd = hosts._replace(
        title_en="[bold]Hosts[/bold] \x1b[31mred", answer_en="<b>x</b> \x1b]0;t\x07"
    )
    frames, _ = drive(real_index, ENTER + CTRL_C, facts=(odd,))
    screen = frames[0].screen
    assert "[bold]Hosts[/bold] \\x1b[31mred" in screen
    assert "<b>x</b> \\x1b]0;t\\x07" in screen
    assert "\x1b" not in screen


def test_the_screen_fits_80_by_24(real_index: Index) -> None:
    """At 80×24 every line fits, the keys are in the footer and the preview is beside the list."""
    frames, _ = drive(real_index, "zhuban" + CTRL_C)
    lines = frames[5].screen.split("\n")
    assert len(lines) == 24
    from jmsummit.output.cjk import cell_width

    assert max(cell_width(line) for line in lines) <= 80
    assert "Enter open" in lines[-1] and "F3 category" in lines[-1] and "Esc" in lines[-1]
    assert "│" in lines[5]


def test_narrow_terminals_hide_the_preview(real_index: Index) -> None:
    """Below 60 columns the list takes the width; Enter still opens the fact."""
    frames, _ = drive(real_index, "zhuban" + ENTER + CTRL_C, columns=50)
    assert "│" not in frames[5].screen and "organizers.hosts" in frames[5].screen
    assert frames[6].opened and "主办单位" in frames[6].screen


def test_browse_off_a_terminal_is_a_usage_error() -> None:
    """Without a terminal: one line on stderr and exit 2, and prompt_toolkit is never loaded."""
    result = CliRunner().invoke(app, ["browse"], obj=Environment())
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0]


@pytest.mark.parametrize("argv", [["ask", "主办", "--json"], ["--help"], ["search", "hosts"]])
def test_other_commands_never_import_prompt_toolkit(argv: list[str]) -> None:
    """Only browse imports prompt_toolkit: other commands start as fast as before."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jmsummit", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    imported = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert any("jmsummit.cli" in line for line in imported)  # the probe sees the imports
    assert not [line for line in imported if "prompt_toolkit" in line]


def test_mouse_click_selects_then_opens(real_index: Index) -> None:
    """A click (SGR mouse report) on the third row selects it; a second click opens it."""
    click = "\x1b[<0;4;6M\x1b[<0;4;6m"  # press and release at column 4, row 6 (1-based)
    frames, _ = drive(real_index, click + click + CTRL_C)
    third = real_index.facts[2].id
    assert frames[1].selected == third and not frames[1].opened
    assert frames[3].selected == third and frames[3].opened


def test_no_color_means_one_bit_colour(real_index: Index) -> None:
    """NO_COLOR (as Environment.color reads it) draws in one-bit colour: attributes, no hues."""
    assert browse.wants_color(Environment(environ={"NO_COLOR": "1"})) is False
    assert browse.wants_color(Environment(environ={})) is True
    state = browse.State(real_index, Lang.BOTH)
    plain = browse.Browser(state, color=False, output=Terminal())
    assert plain.app.color_depth is ColorDepth.DEPTH_1_BIT


def test_the_readme_capture_is_the_real_screen(real_index: Index) -> None:
    """README's browse capture is what typing `zhuban` draws at 80×24, line for line."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    after = readme.split("Typing `zhuban` at 80×24", 1)[1]
    capture = after.split("```text\n", 1)[1].split("\n```", 1)[0]
    frames, _ = drive(real_index, "zhuban" + CTRL_C)
    assert capture == frames[5].screen
