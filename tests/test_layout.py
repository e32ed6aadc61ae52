"""Layout at a terminal: tables that fit every width, Chinese line breaking, highlighting.

Golden files in tests/golden/width/ pin ask, search, list, show, about and categories at
40, 60, 80, 120 and 200 columns (regenerate with UPDATE_GOLDEN=1, then read the diffs).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from jmsummit.base.factbase import FactBase
from jmsummit.environment import Environment
from jmsummit.output import cjk, highlight, layout
from jmsummit.output.formats import Format, Lang
from jmsummit.output.render import Renderer
from tests.test_render import (
    ASKED,
    CCUD,
    COUNTS,
    HOSTS,
    INVESTMENT,
    ORGANIZERS,
    SEARCHED,
    check_golden,
    render,
)

WIDTHS = (40, 60, 80, 120, 200)
CASES: dict[str, Callable[[Renderer], object]] = {
    "ask": lambda r: r.ask(ASKED, Format.TABLE),
    "search": lambda r: r.search(SEARCHED, SEARCHED.found(), Format.TABLE),
    "list": lambda r: r.facts(ORGANIZERS, Format.TABLE),
    "show": lambda r: r.fact(HOSTS, Format.TABLE),
    "about": lambda r: r.about(CCUD, [HOSTS, INVESTMENT], Format.TABLE),
    "categories": lambda r: r.categories(COUNTS, Format.TABLE),
}
_BOX = re.compile(r"[│┃║╭╮╰╯─━┏┓┗┛┡┩└┘┌┐┳┻╇┴┬├┤┼ ]+")


def at(width: int) -> Environment:
    """A non-TTY environment `width` columns wide, without colour."""
    return Environment(environ={"COLUMNS": str(width), "NO_COLOR": "1"})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_width(name: str, width: int) -> None:
    """Each table command's output at each width matches tests/golden/width/ byte for byte."""
    out, _ = render(CASES[name], env=at(width))
    assert out
    check_golden(f"width/{name}-{width}.txt", out)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_line_fits_and_no_word_is_split(name: str, width: int) -> None:
    """No line is wider than the terminal; every English word shows whole on some line."""
    out, _ = render(CASES[name], env=at(width))
    lines = out.splitlines()
    assert all(cjk.cell_width(line.rstrip()) <= width for line in lines)
    words = {w for line in lines for w in _BOX.split(line) if w}
    shown = {"list": ORGANIZERS, "show": [HOSTS], "about": [HOSTS, INVESTMENT]}.get(name, [])
    for fact in shown:
        for word in fact.title_en.split():
            assert word in words, (word, width)


@pytest.mark.parametrize("width", (40, 60))
def test_narrow_terminals_stack_records(width: int) -> None:
    """Below 80 columns a list is one block per fact with label: value lines, no grid."""
    out, _ = render(CASES["list"], env=at(width))
    assert "┃" not in out
    assert "  title: Hosts (organizers) of the" in out
    assert "\norganizers.hosts\n" in out


def test_wide_terminals_draw_a_table() -> None:
    """At 120 columns the list is a table with a header row."""
    out, _ = render(CASES["list"], env=at(120))
    assert "┃ id" in out


@pytest.mark.parametrize("width", (40, 60, 80, 120))
def test_whole_real_base_fits(real_base: FactBase, width: int) -> None:
    """Every fact of the real base, listed and shown, fits the width with no Chinese title lost."""
    facts = list(real_base.facts)
    out, _ = render(lambda r: r.facts(facts, Format.TABLE), env=at(width))
    assert all(cjk.cell_width(line.rstrip()) <= width for line in out.splitlines())
    han = "".join(re.findall(r"[\u4e00-\u9fff]", out))
    for fact in facts:
        for char in set(re.findall(r"[\u4e00-\u9fff]", fact.title)):
            assert char in han
    shown, _ = render(lambda r: r.fact(facts[0], Format.TABLE), env=at(width))
    assert all(cjk.cell_width(line.rstrip()) <= width for line in shown.splitlines())


def test_panel_title_that_does_not_fit_ends_in_an_ellipsis() -> None:
    """At 40 columns the answer panel's long title is cut and ends in "…"; at 120 it is whole."""
    narrow, _ = render(CASES["ask"], env=at(40))
    assert narrow.splitlines()[0].split("─ ", 1)[1].split(" ─")[0].endswith("…")
    wide, _ = render(CASES["ask"], env=at(120))
    assert "Hosts (organizers) of the summit ─" in wide


def test_single_language_at_forty_columns() -> None:
    """--lang en at 40 columns stacks see-also rows with the English title only."""
    out, _ = render(CASES["ask"], lang=Lang.EN, env=at(40))
    assert "标题" not in out
    assert "title: Structure of the summit" in out


# -- line breaking ------------------------------------------------------------


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(
    real_base: FactBase,
) -> None:
    """Every real answer at widths 6-40: kinsoku holds and digit runs are never split."""
    for fact in real_base.facts:
        for text in (fact.answer, fact.title, fact.answer_en):
            numbers = re.findall(r"\d+(?:\.\d+)?", text)
            for width in range(6 if text is not fact.answer_en else 18, 41, 3):
                lines = cjk.wrap(text, width)
                assert all(cjk.cell_width(line) <= width for line in lines)
                for line in lines[1:]:
                    assert line[0] not in cjk.NO_START, (text, width, lines)
                for line in lines[:-1]:
                    assert line[-1] not in cjk.NO_END, (text, width, lines)
                joined = "\n".join(lines)
                for number in numbers:
                    assert number in joined, (number, width, lines)


def test_wrap_keeps_words_and_breaks_long_ids_after_separators() -> None:
    """English wraps at spaces; an id wider than the line breaks after '.' or '-'."""
    assert cjk.wrap("The summit was co-hosted by the China Center", 12) == [
        "The summit",
        "was",
        "co-hosted by",
        "the China",
        "Center",
    ]
    assert cjk.wrap("organizers.supporter-eco-city-committee", 20) == [
        "organizers.",
        "supporter-eco-city-",
        "committee",
    ]


def test_wrap_chinese_examples_from_the_trial() -> None:
    """B13: "。" never alone at a line start, "（荆门站" not split from its bracket, 108项 whole."""
    assert cjk.wrap("会展中心由深圳建科院设计。", 12) == ["会展中心由深", "圳建科院设", "计。"]
    assert cjk.wrap("城市论坛（荆门站）分论坛", 10) == ["城市论坛", "（荆门站）", "分论坛"]
    assert cjk.wrap("共采用108项绿色技术", 8) == ["共采用", "108项绿", "色技术"]


def test_truncate_marks_the_cut() -> None:
    """A title cut to fit ends in "…", on a whole word where one ends near the cut."""
    assert cjk.truncate("Hosts (organizers) of the summit", 20) == "Hosts (organizers)…"
    assert cjk.truncate("峰会的主办单位", 9) == "峰会的主…"
    assert cjk.truncate("short", 20) == "short"


# -- highlighting -------------------------------------------------------------


def test_highlight_marks_whole_words_only() -> None:
    """B14: a stem marks the whole word it starts; never a fragment inside a word."""
    text = "The Center was designed by the recentered designers"
    marked = [text[s:e] for s, e in highlight.spans(text, ["cent", "design"])]
    assert marked == ["Center", "designed", "designers"]


def test_highlight_marks_whole_chinese_terms_only() -> None:
    """A single character (会 in 委员会) is never marked; touching terms merge into one."""
    text = "国家发展和改革委员会与荆门峰会由两家共同主办"
    marked = [text[s:e] for s, e in highlight.spans(text, ["会", "峰会", "主办", "共同"])]
    assert marked == ["峰会", "共同主办"]


def test_highlight_in_a_drawn_answer() -> None:
    """With colour on, the answer panel styles the matched term 主办 and not a lone 会."""
    env = Environment(environ={"COLUMNS": "100", "FORCE_COLOR": "1"})
    out, _ = render(CASES["ask"], env=env)
    assert "\x1b[1;33m主办\x1b[0m" in out
    assert "\x1b[1;33m会\x1b[0m" not in out


def test_column_widths_prefer_whole_short_columns() -> None:
    """A short Chinese column keeps its natural width; the long English one wraps."""
    records = layout.Records(
        (layout.Column("id", wrap=False), layout.Column("标题"), layout.Column("title")),
        [("a.b", "峰会组委会的构成", "Structure of the summit organizing committee " * 2)],
    )
    widths = layout.column_widths(records, 80)
    assert widths is not None
    assert widths[1] == 16
    assert sum(widths) + 10 == 80


# -- --explain for people --------------------------------------------------------


def test_explain_has_score_parts_and_checks_in_words(real_index: object) -> None:
    """The engine explains an answer: coverage, title precision, type fit, checks passed."""
    from jmsummit.search import engine
    from jmsummit.search.index import Index

    assert isinstance(real_index, Index)
    result = engine.search(real_index, "峰会什么时候举行", limit=10)
    top = result.matches[0]
    assert top.explain is not None
    assert 0 < top.explain.coverage <= 1 and 0 <= top.explain.precision <= 1
    assert top.explain.fit > 1  # a date for a "when" question
    assert any("'when'" in check for check in top.explain.checks)
    assert result.matches[1].explain is not None and not result.matches[1].explain.checks


def test_explain_in_json_is_an_object_on_the_answer(real_index: object) -> None:
    """`ask --explain --json` keeps the explanation: results[0].explain, additive."""
    import json

    from jmsummit.search import engine
    from jmsummit.search.index import Index

    assert isinstance(real_index, Index)
    result = engine.search(real_index, "谁主办了峰会", limit=10)
    out, _ = render(lambda r: r.ask(result, Format.JSON, explain=True))
    first = json.loads(out)["results"][0]
    assert first["id"] == "organizers.hosts"
    assert {"coverage", "title_precision", "question_type_fit", "checks", "parts"} <= set(
        first["explain"]
    )
    assert first["explain"]["question_type"] == "who"
    plain, _ = render(lambda r: r.ask(result, Format.JSON))
    assert "explain" not in json.loads(plain)["results"][0]
    words, _ = render(lambda r: r.ask(result, Format.PLAIN, explain=True))
    assert "coverage " in words and "passed: scores at least the threshold" in words
