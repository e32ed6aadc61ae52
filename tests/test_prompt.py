"""The interactive prompt, driven by injected input: commands, questions, numbers, keys."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jmsummit.base.options import Options
from jmsummit.cli import prompt
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import ExitCode
from jmsummit.output.formats import Lang
from jmsummit.output.render import Renderer
from jmsummit.search import cache
from jmsummit.search.index import Index


def env_for(cache_dir: Path, **extra: str) -> Environment:
    """A terminal-less environment using the session's warm cache, 100 columns, no colour."""
    environ = {cache.CACHE_ENV: str(cache_dir), "COLUMNS": "100", "NO_COLOR": "1", **extra}
    return Environment(environ=environ)


def run(cache_dir: Path, lines: list[str | BaseException], **extra: str) -> tuple[str, str, int]:
    """Run the prompt on `lines` (a line, or an exception input() raises); (out, err, code)."""
    feed: Iterator[str | BaseException] = iter([*lines, EOFError()])

    def read(_: str) -> str:
        item = next(feed)
        if isinstance(item, BaseException):
            raise item
        return item

    out, err = io.StringIO(), io.StringIO()
    renderer = Renderer(env_for(cache_dir, **extra), out, err)
    code = prompt.interact(renderer, Options(), read)
    return out.getvalue(), err.getvalue(), int(code)


@pytest.fixture
def session(warm_cache_dir: Path, real_index: Index) -> prompt.Session:
    """A prompt session over the real index, writing into string buffers."""
    renderer = Renderer(env_for(warm_cache_dir), io.StringIO(), io.StringIO())
    return prompt.Session(renderer, Options(), real_index)


def test_help_is_a_command_not_a_question(warm_cache_dir: Path) -> None:
    """B2: `help` and `?` list the commands and never print an answer panel."""
    out, _, code = run(warm_cache_dir, ["help", "?", "/help"])
    assert out.count("show ID") == 3
    assert "╭" not in out and "Significance" not in out
    assert code == 0


def test_anything_else_is_a_question(warm_cache_dir: Path) -> None:
    """A line that is not a command is answered, with see-also rows numbered."""
    out, _, _ = run(warm_cache_dir, ["谁主办了峰会"])
    assert "organizers.hosts" in out
    assert "主办" in out


def test_numbered_suggestion_opens_a_fact(warm_cache_dir: Path) -> None:
    """With no confident answer the nearest facts are numbered; typing 1 shows the first."""
    out, err, _ = run(warm_cache_dir, ["Who is the mayor of Wuhan?", "1"])
    assert "did you mean (type a number to open one):" in err
    first = err.split("  1) ")[1].split()[0]
    assert f"─ {first} ─" in out  # show's panel, titled with the id


def test_search_numbers_its_results_and_a_bad_number_is_refused(warm_cache_dir: Path) -> None:
    """`search` lists numbered results; a number past the list says so, without an answer."""
    out, err, _ = run(warm_cache_dir, ["search 分论坛", "99"])
    assert "  1) forums." in err
    assert "no such choice" in err
    assert out == ""


def test_show_about_list_lang(warm_cache_dir: Path) -> None:
    """The commands show ID, about NAME, list CATEGORY and lang en work."""
    out, err, _ = run(
        warm_cache_dir,
        ["show organizers.hosts", "about 华大", "list honors", "lang en", "主办单位"],
    )
    assert "─ organizers.hosts ─" in out
    assert "BGI Genomics" in out
    assert "honors (" in out
    assert "answers in: en" in err
    last_panel = out.rsplit("╭", 1)[1]
    assert "answer" in last_panel and "答案" not in last_panel


def test_unknown_show_id_suggests_ids(warm_cache_dir: Path) -> None:
    """`show total-investment` is not an id: ids containing it are offered, numbered."""
    _, err, _ = run(warm_cache_dir, ["show total-investment"])
    assert "no fact with id 'total-investment'" in err
    assert "1) agreements.total-investment" in err


def test_ctrl_c_cancels_the_line_and_ctrl_d_leaves_on_a_new_line(warm_cache_dir: Path) -> None:
    """B9: Ctrl-C keeps the prompt (the next line is still answered); Ctrl-D exits 0 cleanly."""
    out, err, code = run(warm_cache_dir, [KeyboardInterrupt(), "show dates.summit-dates"])
    assert code == ExitCode.OK
    assert "─ dates.summit-dates ─" in out
    assert err.endswith("\n\n")  # the newline Ctrl-D leaves, after the last message
    assert "interrupted" not in err


def test_quit_words_leave(warm_cache_dir: Path) -> None:
    """`quit` leaves at once: the lines after it are never read."""
    out, _, code = run(warm_cache_dir, ["quit", "show dates.summit-dates"])
    assert code == 0
    assert "dates.summit-dates" not in out


def test_tab_completes_commands_ids_names_and_languages(session: prompt.Session) -> None:
    """Completion offers commands first, then fact ids, entity names, categories, languages."""
    assert prompt.completions(session, "se", "se") == ["search"]
    assert "organizers.hosts" in prompt.completions(session, "show organizers.h", "organizers.h")
    assert "BGI Genomics" in prompt.completions(session, "about BG", "BG")
    assert prompt.completions(session, "list hon", "hon") == ["honors"]
    assert prompt.completions(session, "lang e", "e") == ["en"]
    assert prompt.completions(session, "谁主办 ", "") == []


def test_history_path_follows_xdg_state_home(tmp_path: Path) -> None:
    """History goes to $XDG_STATE_HOME/jmsummit/history, else ~/.local/state/jmsummit/history."""
    assert prompt.history_path({"XDG_STATE_HOME": str(tmp_path)}) == (
        tmp_path / "jmsummit" / "history"
    )
    assert prompt.history_path({"HOME": "/h"}) == Path("/h/.local/state/jmsummit/history")
    assert prompt.history_path({"XDG_STATE_HOME": "relative", "HOME": "/h"}) == Path(
        "/h/.local/state/jmsummit/history"
    )
    assert prompt.history_path({}) is None


def test_history_persists_bounded_and_skips_an_unwritable_place(tmp_path: Path) -> None:
    """History is written and read back, bounded to HISTORY_LENGTH; a bad path is no error."""
    readline = pytest.importorskip("readline")
    path = tmp_path / "state" / "jmsummit" / "history"
    readline.clear_history()
    readline.add_history("谁主办了峰会")
    assert prompt.History(readline, path).save()
    readline.clear_history()
    prompt.History(readline, path).load()
    assert readline.get_history_item(readline.get_current_history_length()) == "谁主办了峰会"
    assert readline.get_history_length() == prompt.HISTORY_LENGTH
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not prompt.History(readline, blocker / "jmsummit" / "history").save()
    readline.clear_history()


def test_global_lang_option_opens_the_prompt_in_english(
    warm_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jmsummit --lang en` reaches the prompt: its renderer starts in English."""
    seen: list[Lang] = []

    def fake(renderer: Renderer, options: Options) -> ExitCode:
        seen.append(renderer.lang)
        assert not options.use_cache
        return ExitCode.OK

    monkeypatch.setattr(prompt, "interact", fake)
    env = Environment(stdin_isatty=True, stdout_isatty=True, environ={})
    result = CliRunner().invoke(app, ["--lang", "en", "--no-cache"], obj=env)
    assert result.exit_code == 0
    assert seen == [Lang.EN]


def test_narrow_prompt_wraps_at_word_boundaries(warm_cache_dir: Path) -> None:
    """At 40 columns the banner and help wrap between words, every line within the width."""
    out, err, _ = run(warm_cache_dir, ["help"], COLUMNS="40")
    lines = [*out.splitlines(), *err.splitlines()]
    assert all(len(line) <= 40 for line in lines)
    words = {"leaves", "completes", "numbered", "category"}
    assert words <= {word.strip("(),.") for line in lines for word in line.split()}


def test_see_also_is_listed_once(warm_cache_dir: Path) -> None:
    """After an answer the see-also facts appear once, numbered, not also in a table."""
    out, err, _ = run(warm_cache_dir, ["谁主办了峰会"])
    assert "see also (type a number to open one)" in err
    assert "see also" not in out


def test_number_like_lines_never_crash_the_prompt(warm_cache_dir: Path) -> None:
    """Superscripts and endless digits are questions, not choices; the prompt goes on."""
    _, err, code = run(warm_cache_dir, ["²", "9" * 5000, "2017", "quit"])
    assert code == 0
    assert "internal error" not in err
