"""Rendering: golden outputs per command and format, the JSON contract, terminal safety.

The golden tests render hand-built facts and results, so they pin the output
layer only: edits to facts/ or to the engine's scoring do not move them.
Regenerate with `UPDATE_GOLDEN=1 uv run pytest tests/test_render.py`, then read the diff.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from jmsummit.base.models import Category, DateRange, Entity, EntityKind, Fact, Money, Source
from jmsummit.environment import Environment
from jmsummit.output.contract import COLUMNS, fact_record
from jmsummit.output.formats import Format, Lang, default_format
from jmsummit.output.render import Renderer
from jmsummit.output.text import safe
from jmsummit.search import engine
from jmsummit.search.engine import Match, Reason, Result
from jmsummit.search.index import Index
from jmsummit.search.results import Explanation, QuestionType

GOLDEN = Path(__file__).resolve().parent / "golden"
ENV = Environment(stdout_isatty=False, environ={"COLUMNS": "100", "NO_COLOR": "1"})


def check_golden(name: str, text: str) -> None:
    """Compare `text` with tests/golden/<name>; with UPDATE_GOLDEN=1, (re)write it instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.is_file(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_bytes().decode("utf-8")


def render(
    draw: Callable[[Renderer], object], lang: Lang = Lang.BOTH, env: Environment = ENV
) -> tuple[str, str]:
    """Run `draw` on a Renderer over string buffers; return (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    draw(Renderer(env, out, err, lang))
    return out.getvalue(), err.getvalue()


# -- hand-built facts and results ----------------------------------------------------

CCUD = Entity(
    id="organization.ccud",
    kind=EntityKind.ORGANIZATION,
    name="国家发展和改革委员会城市和小城镇改革发展中心",
    name_en="China Center for Urban Development (CCUD)",
    aliases=("CCUD", "城市中心"),
    paragraph=12,
    file="facts/entities.toml",
)
JINGMEN_GOVERNMENT = Entity(
    id="organization.jingmen-government",
    kind=EntityKind.ORGANIZATION,
    name="荆门市人民政府",
    name_en="Jingmen Municipal People's Government",
    aliases=("荆门市政府",),
    paragraph=12,
    file="facts/entities.toml",
)
HOSTS = Fact(
    id="organizers.hosts",
    category="organizers",
    title="峰会的主办单位（主办方）",
    title_en="Hosts (organizers) of the summit",
    answer="荆门峰会由国家发展和改革委员会城市和小城镇改革发展中心与荆门市人民政府共同主办。",
    answer_en="The summit was co-hosted by the China Center for Urban Development and the "
    "Jingmen Municipal People's Government.",
    value=("国家发展和改革委员会城市和小城镇改革发展中心", "荆门市人民政府"),
    aliases=("主办", "主办单位", "hosts"),
    source=Source(12, ("荆门市人民政府联合主办",)),
    file="facts/organizers.toml",
    entities=(CCUD, JINGMEN_GOVERNMENT),
)
COMMITTEE = Fact(
    id="organizers.organizing-committee",
    category="organizers",
    title="峰会组委会的构成",
    title_en="Structure of the summit organizing committee",
    answer="组委会采用“一室六部”的架构，即一个办公室加六个工作部。",
    answer_en='The committee was structured as "one office, six departments"\t(一室六部).',
    value="一室六部",
    aliases=("组委会",),
    source=Source(29, ("一室六部",)),
    file="facts/organizers.toml",
)
DATES = Fact(
    id="event.dates",
    category="event",
    title="峰会的举办时间",
    title_en="Dates of the summit",
    answer="峰会于2017年11月19日至21日举行。",
    answer_en="The summit took place from 19 to 21 November 2017.",
    value=DateRange(dt.date(2017, 11, 19), dt.date(2017, 11, 21)),
    aliases=("时间", "when"),
    source=Source(2, ("11月19日至21日",)),
    file="facts/event.toml",
)
START = Fact(
    id="event.start-date",
    category="event",
    title="峰会的开幕日期",
    title_en="Opening day of the summit",
    answer="峰会于2017年11月19日开幕。",
    answer_en="The summit opened on 19 November 2017.",
    value=dt.date(2017, 11, 19),
    aliases=(),
    source=Source(2, ("11月19日",)),
    file="facts/event.toml",
)
INVESTMENT = Fact(
    id="agreements.total-investment",
    category="agreements",
    title="签约项目的投资总额",
    title_en="Total investment of the signed projects",
    answer="峰会期间签约项目投资总额达123.3亿元。",
    answer_en="The projects signed during the summit totalled 12.33 billion yuan.",
    value=Money(123.3, "亿元", 12_330_000_000),
    aliases=("投资总额", "investment"),
    source=Source(20, ("123.3亿元",)),
    file="facts/agreements.toml",
)
COUNT = Fact(
    id="agreements.count",
    category="agreements",
    title="签约协议的数量",
    title_en="Number of agreements signed",
    answer="峰会期间共签约16个项目。",
    answer_en="16 agreements were signed.",
    value=16,
    aliases=(),
    source=Source(20, ("16个",)),
    file="facts/agreements.toml",
)
ON_SITE = Fact(
    id="organizers.committee-on-site",
    category="organizers",
    title="组委会负责人的现场工作",
    title_en="How the organizing committee heads worked on site",
    answer="各位负责人亲自带队进驻现场。",
    answer_en="The heads personally led their teams on site.",
    value=None,
    aliases=("驻扎现场",),
    source=Source(29, ("带队驻扎现场", "统筹协调")),
    file="facts/organizers.toml",
)

ASKED = Result(
    query="谁主办了峰会",
    question_type=QuestionType.WHO,
    matches=(
        Match(
            HOSTS,
            100.0,
            (Reason("title", "主办"), Reason("alias", "峰会")),
            Explanation(0.95, 0.8, 1.1, ("scores at least the threshold of 55",)),
        ),
        Match(COMMITTEE, 41.5, (Reason("title", "峰会"),)),
        Match(DATES, 20.0, (Reason("answer", "峰会"),)),
    ),
    confident=True,
)
UNSURE = Result(
    query="天气怎么样",
    question_type=QuestionType.OTHER,
    matches=(Match(DATES, 40.0, (Reason("alias", "时间"),)), Match(START, 31.8, ())),
    confident=False,
    doubt="scores under the threshold of 55",
)
SEARCHED = Result(
    query="投资",
    question_type=QuestionType.OTHER,
    matches=(
        Match(INVESTMENT, 90.9, (Reason("alias", "投资"),)),
        Match(COUNT, 27.9, (Reason("category", "agreements"),)),
        Match(DATES, 10.0, ()),
    ),
    confident=True,
)
EMPTY_SEARCH = Result("xyzzy", QuestionType.OTHER, (), False)
ORGANIZERS = [HOSTS, COMMITTEE, ON_SITE]
COUNTS = [
    (Category("organizers", "主办、支持和组织峰会的单位", "Who hosted, supported and ran it"), 10),
    (Category("event"), 21),
    (Category("agreements", "签约的协议", "The agreements signed"), 5),
]
REGISTRY = [(CCUD, 2), (JINGMEN_GOVERNMENT, 3)]

FORMATS = list(Format)
TEXT_FORMATS = [Format.TABLE, Format.PLAIN]

CASES: dict[str, Callable[[Renderer], object]] = {}
for _fmt in FORMATS:
    CASES[f"ask-{_fmt.value}"] = lambda r, f=_fmt: r.ask(ASKED, f)
    CASES[f"search-{_fmt.value}"] = lambda r, f=_fmt: r.search(SEARCHED, SEARCHED.found(), f)
    CASES[f"list-{_fmt.value}"] = lambda r, f=_fmt: r.facts(ORGANIZERS, f)
    CASES[f"show-{_fmt.value}"] = lambda r, f=_fmt: r.fact(INVESTMENT, f)
    CASES[f"categories-{_fmt.value}"] = lambda r, f=_fmt: r.categories(COUNTS, f)
    CASES[f"entities-{_fmt.value}"] = lambda r, f=_fmt: r.entities(REGISTRY, f)
    CASES[f"about-{_fmt.value}"] = lambda r, f=_fmt: r.about(CCUD, [HOSTS], f)
for _fmt in (Format.TABLE, Format.PLAIN, Format.JSON, Format.CSV):
    CASES[f"ask-none-{_fmt.value}"] = lambda r, f=_fmt: r.ask(UNSURE, f)
for _fmt in TEXT_FORMATS:
    CASES[f"ask-explain-{_fmt.value}"] = lambda r, f=_fmt: r.ask(ASKED, f, explain=True)
    CASES[f"ask-none-explain-{_fmt.value}"] = lambda r, f=_fmt: r.ask(UNSURE, f, explain=True)
    CASES[f"search-none-{_fmt.value}"] = lambda r, f=_fmt: r.search(EMPTY_SEARCH, (), f)
    CASES[f"show-value-none-{_fmt.value}"] = lambda r, f=_fmt: r.fact(ON_SITE, f)
    CASES[f"show-dates-{_fmt.value}"] = lambda r, f=_fmt: r.fact(DATES, f)
CASES["list-table-two-categories"] = lambda r: r.facts([DATES, START, *ORGANIZERS], Format.TABLE)
CASES["batch-json"] = lambda r: [
    r.batch_line(x, Format.JSONL) for x in (ASKED, UNSURE, EMPTY_SEARCH)
]


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    """Output (stdout, then any stderr) matches tests/golden/<name>.txt byte for byte."""
    out, err = render(CASES[name])
    assert out or err
    check_golden(f"{name}.txt", out + (f"--- stderr ---\n{err}" if err else ""))


@pytest.mark.parametrize(("lang", "name"), [(Lang.ZH, "zh"), (Lang.EN, "en")])
def test_golden_single_language(lang: Lang, name: str) -> None:
    """--lang zh / en tables show one language only, as pinned in the golden files."""
    out, _ = render(lambda r: r.ask(ASKED, Format.TABLE), lang=lang)
    check_golden(f"ask-table-{name}.txt", out)
    assert (HOSTS.answer in out) is (lang is Lang.ZH)
    assert ("co-hosted" in out) is (lang is Lang.EN)


def test_no_answer_goes_to_stderr() -> None:
    """With no confident answer, stdout stays empty and stderr says so, with suggestions."""
    out, err = render(lambda r: r.ask(UNSURE, Format.PLAIN))
    assert out == ""
    assert err.startswith("no confident answer for '天气怎么样'")
    assert "event.dates (40)" in err


def test_explain_says_why_there_is_no_answer() -> None:
    """With --explain, a question with no answer gets a "why not" line on stderr, only then."""
    out, err = render(lambda r: r.ask(UNSURE, Format.PLAIN, explain=True))
    assert out == ""
    assert err.splitlines()[-1] == "why not: event.dates scores under the threshold of 55"
    _, quiet = render(lambda r: r.ask(UNSURE, Format.PLAIN))
    assert "why not" not in quiet


def test_text_output_has_no_escape_sequences() -> None:
    """With NO_COLOR, table output carries no ANSI escape sequences at all."""
    for name in ("ask-table", "search-table", "list-table", "show-table", "categories-table"):
        out, _ = render(CASES[name])
        assert "\x1b" not in out, name


# -- TSV: tab-separated, one record per line -------------------------------------------


@pytest.mark.parametrize(
    ("name", "draw", "columns"),
    [
        ("ask", lambda r: r.ask(ASKED, Format.TSV), COLUMNS["ask"]),
        ("list", lambda r: r.facts(ORGANIZERS, Format.TSV), COLUMNS["list"]),
        ("show", lambda r: r.fact(COMMITTEE, Format.TSV), COLUMNS["show"]),
        (
            "categories",
            lambda r: r.categories(COUNTS, Format.TSV),
            COLUMNS["categories"],
        ),
    ],
    ids=["ask", "list", "show", "categories"],
)
def test_tsv_is_tab_separated(
    name: str, draw: Callable[[Renderer], object], columns: tuple[str, ...]
) -> None:
    """TSV output is a header and rows with exactly one tab between cells."""
    out, _ = render(draw)
    lines = out.splitlines()
    assert lines[0].split("\t") == list(columns)
    assert len(lines) > 1
    assert all(len(line.split("\t")) == len(columns) for line in lines)


def test_tsv_rows_one_line_each() -> None:
    """A TSV cell's own tabs and newlines never split its record."""
    out, _ = render(lambda r: r.facts([COMMITTEE], Format.TSV))
    assert len(out.splitlines()) == 2
    assert "一室六部" in out


def test_batch_line_is_tab_separated() -> None:
    """A plain batch line is query, id, answer, score separated by tabs."""
    out, _ = render(lambda r: [r.batch_line(x, Format.PLAIN) for x in (ASKED, UNSURE)])
    first, second = out.splitlines()
    assert first.split("\t") == [
        "谁主办了峰会",
        HOSTS.id,
        f"{HOSTS.answer} {HOSTS.answer_en}",
        "100",
    ]
    assert second.split("\t") == ["天气怎么样", "", "", ""]


def test_batch_plain_one_line_per_result() -> None:
    """Plain batch output is one line per question, starting with the question."""
    out, _ = render(
        lambda r: [r.batch_line(x, Format.PLAIN) for x in (ASKED, UNSURE, EMPTY_SEARCH)]
    )
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["谁主办了峰会", "天气怎么样", "xyzzy"]
    assert HOSTS.id in lines[0]


# -- the JSON contract ---------------------------------------------------------------

RESULT_KEYS = {
    "rank",
    "role",
    "id",
    "category",
    "title",
    "answer",
    "value",
    "source",
    "entities",
    "score",
    "matched",
}


def json_of(draw: Callable[[Renderer], object]) -> dict[str, object]:
    """Render to JSON and parse it."""
    out, _ = render(draw)
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_json_contract_real_answer(real_index: Index) -> None:
    """The ask JSON on the real base has exactly the documented keys at every level."""
    result = engine.search(real_index, "谁主办了峰会", limit=10)
    data = json_of(lambda r: r.ask(result, Format.JSON))
    assert set(data) == {"schema", "query", "results", "suggestions"}
    assert data["query"] == "谁主办了峰会"
    assert data["suggestions"] == []
    results = data["results"]
    assert isinstance(results, list)
    assert results[0]["id"] == "organizers.hosts"
    for item in results:
        assert set(item) == RESULT_KEYS
        assert set(item["title"]) == {"zh", "en"}
        assert set(item["answer"]) == {"zh", "en"}
        assert set(item["source"]) == {"paragraph", "also", "evidence"}
        assert isinstance(item["source"]["paragraph"], int)
        assert all(isinstance(e, str) for e in item["source"]["evidence"])
        assert isinstance(item["score"], (int, float))
        assert 0 <= item["score"] <= 100
        assert item["matched"]
        for reason in item["matched"]:
            assert set(reason) == {"field", "term"}


def test_json_contract_no_answer(real_index: Index) -> None:
    """A question without an answer gives results [] and id/title/score suggestions."""
    result = engine.search(real_index, "天气怎么样", limit=10)
    data = json_of(lambda r: r.ask(result, Format.JSON))
    assert set(data) == {"schema", "query", "results", "suggestions"}
    assert data["results"] == []
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"id", "title", "score"}
        assert set(suggestion["title"]) == {"zh", "en"}


def test_json_value_types() -> None:
    """Values are JSON-typed: dates ISO strings, ranges and money objects, numbers numbers."""
    assert fact_record(START)["value"] == "2017-11-19"
    assert fact_record(DATES)["value"] == {"start": "2017-11-19", "end": "2017-11-21"}
    assert fact_record(INVESTMENT)["value"] == {
        "amount": 123.3,
        "unit": "亿元",
        "cny": 12_330_000_000,
    }
    assert fact_record(COUNT)["value"] == 16
    assert fact_record(HOSTS)["value"] == list(HOSTS.value)  # type: ignore[arg-type]
    assert fact_record(ON_SITE)["value"] is None
    data = json_of(lambda r: r.ask(SEARCHED, Format.JSON))
    money = data["results"][0]["value"]
    assert isinstance(money["amount"], float)
    assert isinstance(money["cny"], int)
    assert not isinstance(money["cny"], bool)


def test_json_value_types_real_base(real_index: Index) -> None:
    """Every real fact's JSON value has one of the documented shapes."""
    for fact in real_index.facts:
        value = json.loads(json.dumps(fact_record(fact), ensure_ascii=False))["value"]
        if isinstance(value, dict) and set(value) == {"start", "end"}:
            assert dt.date.fromisoformat(value["start"]) <= dt.date.fromisoformat(value["end"])
        elif isinstance(value, dict):
            assert set(value) == {"amount", "unit", "cny"}, fact.id
            assert isinstance(value["amount"], (int, float)) and isinstance(value["cny"], int)
        elif isinstance(value, str) and isinstance(fact.value, dt.date):
            assert dt.date.fromisoformat(value) == fact.value
        else:
            assert value is None or isinstance(value, (str, int, list)), fact.id
            assert not isinstance(value, bool), fact.id
    dates = next(f for f in real_index.facts if f.id == "dates.summit-dates")
    assert fact_record(dates)["value"] == {"start": "2017-11-19", "end": "2017-11-21"}


def test_jsonl_one_object_per_line() -> None:
    """JSONL output is one parseable result object per line."""
    out, _ = render(lambda r: r.ask(ASKED, Format.JSONL))
    lines = out.splitlines()
    assert len(lines) == len(ASKED.answers()) == 2
    assert [json.loads(line)["id"] for line in lines] == [HOSTS.id, COMMITTEE.id]
    assert all(set(json.loads(line)) == {"schema", *RESULT_KEYS} for line in lines)


# -- safety: fact text cannot drive the terminal ----------------------------------------

HOSTILE = (
    "A [bold]x[/] B [link=https://example.com]x[/link] C \x1b[2J D \x1b]0;title\x07 E \x9b31m F"
)
EVIL = Fact(
    id="evil.markup",
    category="evil",
    title="标题 [bold]x[/]",
    title_en="Title \x1b[31mred",
    answer=HOSTILE,
    answer_en=HOSTILE,
    value="v\x1b[2Jv",
    aliases=("[bold]x[/]",),
    source=Source(1, ("[link=https://example.com]x[/link]",)),
    file="evil.toml",
)
EVIL_RESULT = Result(
    "evil", QuestionType.OTHER, (Match(EVIL, 99.0, (Reason("answer", "x"),)),), True
)
WIDE = Environment(stdout_isatty=False, environ={"COLUMNS": "400", "NO_COLOR": "1"})
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.PLAIN, Format.CSV, Format.TSV])
@pytest.mark.parametrize("color", ["NO_COLOR", "FORCE_COLOR"])
def test_hostile_text_rendered_literally(fmt: Format, color: str) -> None:
    """Markup and control sequences in fact text print literally, never as raw controls."""
    env = Environment(stdout_isatty=False, environ={"COLUMNS": "400", color: "1"})
    for draw in (
        lambda r: r.ask(EVIL_RESULT, fmt),
        lambda r: r.search(EVIL_RESULT, EVIL_RESULT.found(), fmt),
        lambda r: r.fact(EVIL, fmt),
        lambda r: r.facts([EVIL], fmt),
    ):
        out, err = render(draw, env=env)
        if color == "NO_COLOR":
            for char in RAW_CONTROLS:
                assert char not in out
        else:  # rich may style the table itself, but the data's own controls stay escaped
            assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
            assert "\x9b" not in out
        assert err == ""
    out, _ = render(lambda r: r.ask(EVIL_RESULT, fmt), env=WIDE)
    assert "[bold]x[/]" in out
    assert "[link=https://example.com]x[/link]" in out
    assert "\\x1b[2J" in out
    assert "\\x1b]0;title\\x07" in out
    assert "\\x9b31m" in out


def test_hostile_text_in_show_table() -> None:
    """The show panel prints the hostile title, value and aliases literally."""
    out, _ = render(lambda r: r.fact(EVIL, Format.TABLE), env=WIDE)
    assert "Title \\x1b[31mred" in out
    assert "v\\x1b[2Jv" in out
    assert "[bold]x[/]" in out
    assert not any(char in out for char in RAW_CONTROLS)


def test_hostile_text_in_messages() -> None:
    """A hostile query echoed on stderr is escaped too."""
    result = Result("q\x1b[2J\x9b", QuestionType.OTHER, (), False)
    _, err = render(lambda r: r.ask(result, Format.PLAIN))
    assert not any(char in err for char in RAW_CONTROLS)
    assert err.count("\n") == 1


@pytest.mark.parametrize("fmt", [Format.JSON, Format.JSONL])
def test_hostile_text_json_round_trips(fmt: Format) -> None:
    """JSON output carries the exact hostile strings, recoverable by a JSON parser."""
    out, _ = render(lambda r: r.ask(EVIL_RESULT, fmt))
    record = json.loads(out) if fmt is Format.JSON else json.loads(out.splitlines()[0])
    item = record["results"][0] if fmt is Format.JSON else record
    assert item["answer"] == {"zh": HOSTILE, "en": HOSTILE}
    assert item["title"]["en"] == EVIL.title_en
    assert item["value"] == EVIL.value
    assert "\x1b" not in out  # JSON escapes C0 controls itself


def test_json_output_has_no_raw_c1_controls() -> None:
    """JSON output escapes C1 controls (U+0080..U+009F) as well as C0 ones."""
    out, _ = render(lambda r: r.ask(EVIL_RESULT, Format.JSON))
    assert "\x9b" not in out


INVISIBLE = "\u202e \u202d \u2066 \u2069 \u200b \u200f \u2028 \u2029 \ufeff \U000e0041"
SPOOF = EVIL._replace(
    title="报告\u202egnp.exe", title_en=f"Title {INVISIBLE}", answer_en=f"A {INVISIBLE}"
)
SPOOF_RESULT = Result(
    "q\u202e\u200b", QuestionType.OTHER, (Match(SPOOF, 99.0, (Reason("answer", "x"),)),), True
)


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.PLAIN, Format.CSV, Format.TSV])
def test_invisible_and_bidi_characters_shown_escaped(fmt: Format) -> None:
    """Bidi overrides, zero-width and separator characters print as visible escapes."""
    for draw in (
        lambda r: r.ask(SPOOF_RESULT, fmt),
        lambda r: r.search(SPOOF_RESULT, SPOOF_RESULT.found(), fmt),
        lambda r: r.fact(SPOOF, fmt),
        lambda r: r.facts([SPOOF], fmt),
    ):
        out, err = render(draw, env=WIDE)
        assert not any(char in out + err for char in INVISIBLE if char != " ")
    out, _ = render(lambda r: r.fact(SPOOF, fmt), env=WIDE)
    assert "报告\\u202egnp.exe" in out
    assert "\\u2028 \\u2029" in out
    assert "\\U000e0041" in out


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.PLAIN, Format.JSON])
def test_undecodable_file_name_is_escaped(fmt: Format) -> None:
    """A fact file path with an undecodable byte (a lone surrogate) prints as an escape."""
    fact = EVIL._replace(file="sur\udcffdir/extra.toml")
    out, _ = render(lambda r: r.fact(fact, fmt), env=WIDE)
    out.encode("utf-8")  # strict: a raw surrogate would raise here
    assert "sur\\udcffdir" in out or fmt is Format.JSON


def test_batch_json_line_with_c1_control_parses() -> None:
    """A batch question holding a C1 control gives a JSONL line a parser accepts."""
    result = Result("q\x9b\u202e", QuestionType.OTHER, (), False)
    out, _ = render(lambda r: r.batch_line(result, Format.JSONL))
    assert json.loads(out)["query"] == "q\x9b\u202e"
    assert "\x9b" not in out


def test_invisible_characters_in_json_unchanged() -> None:
    """JSON carries invisible characters as they are: a parser gets the exact text back."""
    out, _ = render(lambda r: r.fact(SPOOF, Format.JSON))
    assert json.loads(out)["title"]["zh"] == "报告\u202egnp.exe"


def test_safe_covers_every_format_and_separator_character() -> None:
    """safe() escapes every Cf, Zl and Zp character this Python's unicodedata knows."""
    import unicodedata

    hidden = [
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp")
    ]
    assert [char for char in hidden if safe(char) == char] == []
    assert safe("主办 a-b") == "主办 a-b"


def test_build_bar_waits_then_draws_and_clears() -> None:
    """The bar stays hidden for a quick build, draws once a build runs long, then clears."""
    from rich.console import Console

    from jmsummit.output.progress import BuildBar

    now = [0.0]
    out = io.StringIO()
    made: list[Console] = []

    def console() -> Console:
        made.append(Console(file=out, force_terminal=True, width=80))
        return made[-1]

    bar = BuildBar(console, after=1.0, clock=lambda: now[0])
    bar(0, 500)
    assert not bar.drawing and made == []  # under a second: no bar, not even a console
    now[0] = 1.5
    bar(250, 500)
    assert bar.drawing
    bar(500, 500)
    assert not bar.drawing
    assert "indexing facts" in out.getvalue()


def test_build_bar_closes_when_the_build_fails() -> None:
    """Leaving the context on an error takes the bar down (the cursor comes back)."""
    from rich.console import Console

    from jmsummit.output.progress import BuildBar

    out = io.StringIO()
    bar = BuildBar(lambda: Console(file=out, force_terminal=True), after=0, clock=lambda: 5.0)
    with pytest.raises(KeyboardInterrupt), bar:
        bar(0, 500)
        assert bar.drawing
        raise KeyboardInterrupt
    assert not bar.drawing
    assert "\x1b[?25h" in out.getvalue()  # show-cursor


def test_build_progress_only_on_a_terminal() -> None:
    """Piped stderr never draws a bar; a terminal's stderr does."""
    piped = Renderer(Environment(), io.StringIO(), io.StringIO()).build_progress()
    piped(0, 10)
    assert not piped.drawing
    tty = Renderer(Environment(stderr_isatty=True), io.StringIO(), io.StringIO()).build_progress()
    assert tty.enabled and not piped.enabled


@pytest.mark.parametrize(
    ("stdout_isatty", "environ", "expected"),
    [
        (True, {}, Format.TABLE),
        (True, {"TERM": "dumb"}, Format.PLAIN),
        (False, {}, Format.PLAIN),
    ],
)
def test_default_format(stdout_isatty: bool, environ: dict[str, str], expected: Format) -> None:
    """Tables on a terminal that can draw them; plain text when piped or on TERM=dumb."""
    assert default_format(Environment(stdout_isatty=stdout_isatty, environ=environ)) is expected
