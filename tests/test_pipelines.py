"""Issue 15, "In pipelines": options that mean what they say, roles, --fields, flat CSV.

Each test names the review finding it pins (newcomer.md B3-B15, reliability.md S4, W4, W5).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jmsummit import __version__
from jmsummit.cli.app import app
from jmsummit.cli.commands import _lines
from jmsummit.output import fields
from jmsummit.output.contract import FIELDS

Invoke = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent


def write_facts(directory: Path, body: str) -> Path:
    """A fact directory holding one file with `body`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "extra.toml").write_text(body, encoding="utf-8")
    return directory


def fact_toml(
    title_en: str = "Parking spaces", answer: str = "停车位很多。", value: str = "value = 1"
) -> str:
    """One extra fact, with the fields a test wants to plant."""
    return (
        "[[fact]]\n"
        'id = "extra.parking"\n'
        'category = "extra"\n'
        'title = "停车场的车位数量"\n'
        f"title_en = {json.dumps(title_en)}\n"
        f"answer = {json.dumps(answer, ensure_ascii=False)}\n"
        'answer_en = "There are many parking spaces."\n'
        f"{value}\n"
        'source = { paragraph = 2, evidence = ["11月19日至21日"] }\n'
    )


def csv_rows(text: str) -> list[list[str]]:
    """Parse CSV text."""
    return list(csv.reader(io.StringIO(text)))


# -- B3: a directory given twice ---------------------------------------------------------


def test_b3_directory_given_twice_is_loaded_once(invoke: Invoke, tmp_path: Path) -> None:
    """B3: --facts D --facts ./D, and D in JMSUMMIT_FACTS too, load D once: no duplicate id."""
    directory = write_facts(tmp_path / "f", fact_toml())
    twice = invoke(["validate", "--facts", str(directory), "--facts", f"{tmp_path}/./f"])
    assert twice.exit_code == 0, twice.output
    both = invoke(
        ["list", "-c", "extra", "--facts", str(directory), "--format", "tsv"],
        environ={"JMSUMMIT_FACTS": str(directory)},
    )
    assert both.exit_code == 0, both.output
    assert both.stdout.count("extra.parking") == 1


# -- B4: conflicting or inapplicable options -----------------------------------------------


@pytest.mark.parametrize("command", [["ask", "多少天"], ["search", "高铁"], ["list"]])
def test_b4_json_and_other_format_conflict(invoke: Invoke, command: list[str]) -> None:
    """B4: --json with --format csv is exit 2 naming both options, nothing on stdout."""
    result = invoke([*command, "--format", "csv", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--json and --format csv conflict" in result.stderr


def test_b4_json_and_format_json_agree(invoke: Invoke) -> None:
    """--json with --format json is no conflict."""
    result = invoke(["ask", "多少天", "--format", "json", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_b4_batch_csv_and_tsv_have_one_header(invoke: Invoke, fmt: str) -> None:
    """B4: a batch in csv or tsv is a header and one row per question, the answer's."""
    result = invoke(["ask", "-", "--format", fmt], input="主办单位\n天气怎么样\n签约投资总额\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows[0][:4] == ["query", "rank", "role", "id"]
    assert [row[0] for row in rows[1:]] == ["主办单位", "天气怎么样", "签约投资总额"]
    assert [row[2] for row in rows[1:]] == ["answer", "", "answer"]
    assert rows[3][3] == "agreements.total-investment"
    assert result.exit_code == 1  # 天气怎么样 has no answer


@pytest.mark.parametrize(
    ("extra", "named"),
    [(["--format", "table"], "--format table"), (["--explain"], "--explain")],
)
def test_b4_batch_refuses_table_and_explain(invoke: Invoke, extra: list[str], named: str) -> None:
    """B4: --format table and --explain do not apply to a batch: exit 2, saying so."""
    result = invoke(["ask", "-", *extra], input="主办单位\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert named in result.stderr
    assert "batch" in result.stderr


# -- B5: show --lang --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["plain", "table"])
def test_b5_show_honours_lang(invoke: Invoke, fmt: str) -> None:
    """B5: `show --lang en` prints the English title and answer only; --lang zh the Chinese."""
    english = invoke(["show", "dates.summit-dates", "--lang", "en", "--format", fmt])
    assert english.exit_code == 0
    assert "answer" in english.stdout
    assert "答案" not in english.stdout
    assert "标题" not in english.stdout
    chinese = invoke(["show", "dates.summit-dates", "--lang", "zh", "--format", fmt])
    assert "答案" in chinese.stdout
    assert "title " not in chinese.stdout
    assert "The summit" not in chinese.stdout


# -- B6: choices in any case; a bad environment value ---------------------------------------


def test_b6_choices_any_case(invoke: Invoke) -> None:
    """B6: --lang EN and --format JSON are accepted, as en and json."""
    result = invoke(["ask", "多少天", "--lang", "EN", "--format", "JSON"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["role"] == "answer"


def test_b6_env_lang_any_case(invoke: Invoke) -> None:
    """B6: JMSUMMIT_LANG=EN gives English-only output, no warning."""
    result = invoke(["ask", "谁主办了峰会", "--format", "plain"], environ={"JMSUMMIT_LANG": "EN"})
    assert result.exit_code == 0
    assert "co-hosted" in result.stdout
    assert "共同主办" not in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("command", [["list"], ["ask", "谁主办了峰会"], ["categories"]])
def test_b6_bad_env_lang_warns_and_uses_both(invoke: Invoke, command: list[str]) -> None:
    """B6: a bad JMSUMMIT_LANG is one warning line naming it and the allowed values; exit 0."""
    result = invoke([*command, "--format", "plain"], environ={"JMSUMMIT_LANG": "fr"})
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "jmsummit: warning: ignoring JMSUMMIT_LANG='fr' (allowed: zh, en, both, any case); "
        "using both"
    ]
    assert result.stdout


def test_b6_bad_lang_option_is_a_usage_error(invoke: Invoke) -> None:
    """A bad --lang on the command line is still exit 2 (only the environment falls back)."""
    assert invoke(["list", "--lang", "fr"]).exit_code == 2


# -- B7: --version --------------------------------------------------------------------------


def test_b7_version_when_the_base_is_unreadable(tmp_path: Path) -> None:
    """B7: --version prints the version even when the fact base cannot be read."""
    result = CliRunner().invoke(
        app, ["--version"], env={"JMSUMMIT_FACTS": str(tmp_path / "nonexistent")}
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(f"jmsummit {__version__} (fact base unreadable: ")


def test_b7_version_with_the_hash() -> None:
    """--version prints the version and the fact base's hash when it can read it."""
    result = CliRunner().invoke(app, ["--version"])
    assert re.fullmatch(
        rf"jmsummit {re.escape(__version__)} \(fact base [0-9a-f]{{12}}, \d+ files\)\n",
        result.stdout,
    )


# -- B11: examples that work in zsh ------------------------------------------------------------

UNQUOTED_JQ = re.compile(r"\bjq (?:-[a-z]+ )*(?![\"'])\S*[\[\]\*?]")


def test_b11_jq_filters_are_quoted_in_readme_and_help(invoke: Invoke) -> None:
    """B11: no README or --help example passes jq an unquoted filter zsh would glob."""
    readme = (ROOT / "README.md").read_text("utf-8")
    assert not UNQUOTED_JQ.findall(readme)
    for command in ("ask", "search", "list", "show", "categories", "entities", "about"):
        assert not UNQUOTED_JQ.findall(invoke([command, "--help"]).stdout), command
    assert UNQUOTED_JQ.findall("jmsummit ask x --json | jq .results[0].id")


# -- B15 and flat CSV: numbers as JSON writes them, no JSON in cells ---------------------------


def test_b15_csv_score_is_written_as_json_writes_it(invoke: Invoke) -> None:
    """B15: the CSV score reads as the JSON score does (99.0, not 99 beside 82.1)."""
    data = json.loads(invoke(["search", "投资", "--json"]).stdout)
    rows = csv_rows(invoke(["search", "投资", "--format", "csv"]).stdout)
    score = rows[0].index("score")
    assert [row[score] for row in rows[1:]] == [repr(r["score"]) for r in data["results"]]


def test_csv_cells_hold_no_json(invoke: Invoke) -> None:
    """CSV of the whole base: money in amount, unit, cny columns; no cell is JSON text."""
    rows = csv_rows(invoke(["list", "--format", "csv"]).stdout)
    header, body = rows[0], rows[1:]
    assert not [cell for row in body for cell in row if cell[:1] in ("[", "{")]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    money = by_id["agreements.total-investment"]
    assert (money["value.amount"], money["value.unit"], money["value.cny"]) == (
        "123.3",
        "亿元",
        "12330000000",
    )
    assert by_id["dates.summit-dates"]["value"] == "2017-11-19/2017-11-21"


# -- S4: formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_s4_formula_cells_are_neutralised(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    """S4: a cell starting with = + - @ gets a leading ' in csv and tsv; numbers do not."""
    evil = fact_toml(
        title_en='=HYPERLINK("http://evil.example","click")',
        answer="+cmd|' /C calc'!A0",
        value='value = "@SUM(A1:A9)"',
    )
    directory = write_facts(tmp_path / "csv", evil)
    result = invoke(["list", "--facts", str(directory), "-c", "extra", "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["title.en"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["answer.zh"] == "'+cmd|' /C calc'!A0"
    assert row["value"] == "'@SUM(A1:A9)"
    assert not [c for c in rows[1] if c[:1] in ("=", "+", "-", "@")]


def test_s4_neutralise_rule() -> None:
    """The OWASP rule: = + - @ tab CR at the start get a quote; plain and negative numbers not."""
    assert [fields.neutralise(c) for c in ("=1+1", "-2+3", "@A1", "\tx", "\rx", "-5", "a=b")] == [
        "'=1+1",
        "'-2+3",
        "'@A1",
        "'\tx",
        "'\rx",
        "-5",
        "a=b",
    ]


# -- W4: numbers JSON cannot carry -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ('value = { amount = nan, unit = "亿元", cny = 0 }', "value.amount"),
        ('value = { amount = inf, unit = "亿元", cny = 0 }', "value.amount"),
        ('value = { amount = -inf, unit = "亿元", cny = 0 }', "value.amount"),
        ('value = { amount = 1.0, unit = "元", cny = 9223372036854775808 }', "value.cny"),
        ("value = 9223372036854775808", "value"),
        ("value = -9223372036854775809", "value"),
    ],
)
def test_w4_loader_rejects_non_finite_and_huge_numbers(
    invoke: Invoke, tmp_path: Path, value: str, field: str
) -> None:
    """W4: nan, inf and integers outside 64 bits are refused at file:line, fact, field; exit 2."""
    directory = write_facts(tmp_path / "n", fact_toml(value=value))
    result = invoke(["validate", "--facts", str(directory)])
    assert result.exit_code == 2
    assert f"extra.toml:8: fact 'extra.parking': field '{field}': " in result.stderr


def test_w4_largest_int64_is_accepted(invoke: Invoke, tmp_path: Path) -> None:
    """The largest 64-bit integer is still a valid value."""
    directory = write_facts(tmp_path / "ok", fact_toml(value="value = 9223372036854775807"))
    assert invoke(["validate", "--facts", str(directory)]).exit_code == 0


def test_w4_huge_integer_literal_is_malformed_toml(invoke: Invoke, tmp_path: Path) -> None:
    """C2: a 4,301-digit integer is a located 'malformed TOML' error (2), not an internal one."""
    directory = write_facts(tmp_path / "b", fact_toml(value="value = " + "9" * 4301))
    result = invoke(["validate", "--facts", str(directory)])
    assert result.exit_code == 2
    assert "malformed TOML" in result.stderr


# -- W5: line endings and blank lines in a batch ------------------------------------------------


@pytest.mark.parametrize("end", [b"\n", b"\r", b"\r\n"])
def test_w5_every_line_ending_ends_a_question(invoke: Invoke, end: bytes) -> None:
    """W5: LF, CR and CRLF each end a question: three questions, three lines, in order."""
    questions = ["主办单位", "签约投资总额", "谁主办了峰会"]
    data = end.join(q.encode() for q in questions) + end
    result = invoke(["ask", "-", "--json"], input=data)
    lines = result.stdout.splitlines()
    assert [json.loads(line)["query"] for line in lines] == questions
    assert result.exit_code == 0


def test_w5_lines_split_across_reads() -> None:
    """A CRLF split between two reads is one line end; a last line without one still counts."""

    class Chunks(io.RawIOBase):
        def __init__(self, chunks: list[bytes]) -> None:
            self.chunks = chunks

        def read1(self, size: int = -1) -> bytes:
            return self.chunks.pop(0) if self.chunks else b""

    stream = Chunks([b"a\r", b"\nb\rc", b"\r\n\nd"])
    assert list(_lines(stream)) == ["a", "b", "c", "", "d"]  # type: ignore[arg-type]


def test_w5_blank_line_keeps_its_row_without_failing(invoke: Invoke) -> None:
    """A blank line keeps its (empty) output row but does not by itself make exit 1."""
    result = invoke(["ask", "-"], input="主办单位\n\n签约投资总额\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1] == "\t\t\t"
    assert result.exit_code == 0


# -- roles: which row is the answer -------------------------------------------------------------


def test_role_marks_exactly_one_answer(invoke: Invoke) -> None:
    """`ask 谁主办了峰会 --json | jq '.results[] | select(.role == "answer")'` is one result."""
    data = json.loads(invoke(["ask", "谁主办了峰会", "--json"]).stdout)
    answers = [r for r in data["results"] if r["role"] == "answer"]
    assert len(answers) == 1
    assert answers[0]["id"] == "organizers.hosts"
    assert {r["role"] for r in data["results"][1:]} <= {"related"}
    assert len(data["results"]) > 1


def test_role_in_csv_rows(invoke: Invoke) -> None:
    """The CSV rows of an ask carry the same role marker; a search's rows are all 'match'."""
    rows = csv_rows(invoke(["ask", "谁主办了峰会", "--format", "csv"]).stdout)
    role = rows[0].index("role")
    assert [row[role] for row in rows[1:]][:2] == ["answer", "related"]
    searched = csv_rows(invoke(["search", "投资", "--format", "csv"]).stdout)
    assert {row[role] for row in searched[1:]} == {"match"}


# -- --fields ------------------------------------------------------------------------------------


def test_fields_select_and_order_json(invoke: Invoke) -> None:
    """--fields id,answer.en,value keeps only those, nested as before (jq paths still work)."""
    data = json.loads(
        invoke(["ask", "签约投资总额", "--json", "--fields", "id,answer.en,value.cny"]).stdout
    )
    top = data["results"][0]
    assert list(top) == ["id", "answer", "value"]
    assert list(top["answer"]) == ["en"]
    assert top["value"] == {"cny": 12330000000}
    assert data["schema"] == "jmsummit/1"


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "dates.summit-dates"],
        ["search", "投资"],
        ["about", "华大"],
        ["ask", "多少天"],
    ],
)
def test_fields_csv_columns(invoke: Invoke, command: list[str]) -> None:
    """--fields chooses the CSV columns, in order, for every record-printing command."""
    result = invoke([*command, "--format", "csv", "--fields", "category,id,source.paragraph"])
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert rows[0] == ["category", "id", "source.paragraph"]
    assert all(row[2].isdigit() for row in rows[1:])


@pytest.mark.parametrize(
    ("command", "good"),
    [(["categories"], "category,facts"), (["entities"], "id,name.en")],
)
def test_fields_jsonl_of_categories_and_entities(
    invoke: Invoke, command: list[str], good: str
) -> None:
    """--fields works on categories and entities too, with their own fields."""
    result = invoke([*command, "--format", "jsonl", "--fields", good])
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert set(first) == {"schema", good.split(",")[0], good.split(",")[1].split(".")[0]}


def test_fields_unknown_is_a_usage_error_listing_valid(invoke: Invoke) -> None:
    """An unknown field is exit 2, naming it and listing the valid ones."""
    result = invoke(["list", "--json", "--fields", "id,answer.fr"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field 'answer.fr'" in result.stderr
    assert ", ".join(FIELDS["list"]) in result.stderr


def test_fields_with_plain_is_a_usage_error(invoke: Invoke) -> None:
    """--fields with a human format is exit 2, naming both options."""
    result = invoke(["list", "--format", "plain", "--fields", "id"])
    assert result.exit_code == 2
    assert "--fields and --format plain" in result.stderr
