"""CLI wiring through typer's CliRunner: exit codes, formats, batch mode, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jmsummit import __version__
from jmsummit.output.formats import Format
from jmsummit.search import cache, engine
from jmsummit.search.index import Index

Invoke = Callable[..., Result]
COMMANDS = ("ask", "search", "list", "show", "categories", "entities", "about", "validate")
ALL_FORMATS = [f.value for f in Format]


def write_fact_dir(directory: Path, fact_id: str = "extra.note", broken: bool = False) -> Path:
    """Write a fact directory with one extra fact (if `broken`, one with an empty answer)."""
    directory.mkdir(parents=True, exist_ok=True)
    answer = '""' if broken else '"额外的事实。"'
    (directory / "extra.toml").write_text(
        "[[fact]]\n"
        f'id = "{fact_id}"\n'
        f'category = "{fact_id.split(".")[0]}"\n'
        'title = "额外事实"\n'
        'title_en = "An extra fact"\n'
        f"answer = {answer}\n"
        'answer_en = "An extra fact."\n'
        'source = { paragraph = 1, evidence = ["x"] }\n',
        encoding="utf-8",
    )
    return directory


# -- exit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_ask_answered_every_format(invoke: Invoke, fmt: str) -> None:
    """Asking an answerable question exits 0 in every format and prints the answer."""
    result = invoke(["ask", "谁主办了峰会", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "organizers.hosts" in result.stdout or "共同主办" in result.stdout


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_ask_unanswered_every_format(invoke: Invoke, fmt: str) -> None:
    """Asking an unanswerable question exits 1 in every format, saying so on stderr."""
    result = invoke(["ask", "天气怎么样", "--format", fmt])
    assert result.exit_code == 1, result.output
    assert "no confident answer" in result.stderr
    assert "organizers.hosts" not in result.stdout


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "机场"], "infrastructure.zhanghe-airport"),
        (["list"], "organizers.hosts"),
        (["show", "agreements.total-investment"], "agreements.total-investment"),
        (["categories"], "organizers"),
        (["entities"], "organization.bgi"),
        (["about", "华大"], "agreements.partners"),
    ],
)
def test_browse_commands_every_format(
    invoke: Invoke, args: list[str], expected: str, fmt: str
) -> None:
    """The browse commands (search, list, show, categories) exit 0 in every format, with results."""
    result = invoke([*args, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("华大", "organization.bgi"),
        ("BGI", "organization.bgi"),
        ("张依涛", "person.zhang-yitao"),
        ("Zhang Yitao", "person.zhang-yitao"),
        ("jianke yuan", "organization.ibr"),
        ("住建部", "organization.mohurd"),
        ("UN-Habitat", "organization.un-habitat"),
    ],
)
def test_about_finds_the_entity_and_its_facts(invoke: Invoke, name: str, entity_id: str) -> None:
    """`about` takes a name, alias or pinyin, and prints the card and every fact about it."""
    result = invoke(["about", *name.split(), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["entity"]["id"] == entity_id
    assert set(data["entity"]) == {"id", "kind", "name", "aliases"}
    assert data["facts"]
    assert all(entity_id in {e["id"] for e in fact["entities"]} for fact in data["facts"])


def test_about_unknown_name_suggests_and_exits_1(invoke: Invoke) -> None:
    """A name that matches no entity: nothing on stdout, 'did you mean' on stderr, exit 1."""
    result = invoke(["about", "Zhang"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no entity 'Zhang'; did you mean: person.zhang-yitao" in result.stderr


def test_entities_kind_filters_and_unknown_kind_is_usage(invoke: Invoke) -> None:
    """--kind person lists only people; an unknown kind is a usage error naming the kinds."""
    people = json.loads(invoke(["entities", "--kind", "person", "--json"]).stdout)["entities"]
    assert people and {e["kind"] for e in people} == {"person"}
    assert all(e["facts"] > 0 for e in people)
    result = invoke(["entities", "--kind", "company"])
    assert result.exit_code == 2
    assert "no entity kind 'company'" in result.stderr and "person" in result.stderr


def test_list_dates_lists_every_dated_fact(invoke: Invoke) -> None:
    """`list --category dates` holds the summit's days, its start and end, the month work began."""
    facts = json.loads(invoke(["list", "--category", "dates", "--json"]).stdout)["facts"]
    ids = {f["id"] for f in facts}
    assert {"dates.summit-dates", "dates.summit-start", "dates.venue-construction-start"} <= ids
    assert all(f["category"] == "dates" for f in facts)


def test_categories_are_described_in_both_languages(invoke: Invoke) -> None:
    """Each bundled category has a description in Chinese and English."""
    data = json.loads(invoke(["categories", "--json"]).stdout)["categories"]
    assert all(c["description"]["zh"] and c["description"]["en"] for c in data)
    assert {"dates", "organizers", "forums", "honors", "agreements"} <= {
        c["category"] for c in data
    }


def test_ask_explain_says_why_not(invoke: Invoke) -> None:
    """With --explain, no answer: exit 1, no results, and the failed check on stderr."""
    result = invoke(["ask", "Who is the mayor of Wuhan?", "--explain", "--json"])
    assert result.exit_code == 1
    assert '"results": []' in result.stdout
    assert "why not: people.zhang-yitao does not mention wuhan (武汉)" in result.stderr


@pytest.mark.parametrize("command", [["search", "荆门"], ["list"]])
def test_unknown_category_is_one_usage_error(invoke: Invoke, command: list[str]) -> None:
    """B8: an unknown --category exits 2 with one stderr line listing the categories."""
    result = invoke([*command, "--category", "no-such", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert "no category 'no-such'; categories: " in result.stderr
    assert "forums" in result.stderr


def test_category_folds_case(invoke: Invoke) -> None:
    """B8: `list -c Forums` lists the forums category, as `-c forums` does."""
    upper = invoke(["list", "-c", "Forums", "--format", "tsv"])
    lower = invoke(["list", "-c", "forums", "--format", "tsv"])
    assert upper.exit_code == 0
    assert upper.stdout == lower.stdout
    assert "forums." in upper.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["ask", "谁主办了峰会", "--explain"], 0),
        (["search", "机场", "--limit", "1", "--category", "infrastructure"], 0),
        (["search", "xyzzyqwertz"], 1),
        (["search", "机场", "--category", "no-such-category"], 2),
        (["list", "--category", "organizers"], 0),
        (["list", "--category", "no-such-category"], 2),
        (["show", "no.such-fact"], 1),
        (["ask", ""], 2),
        (["ask", "   "], 2),
        (["search", ""], 2),
        (["search"], 2),
        (["show"], 2),
        (["ask", "谁主办了峰会", "--format", "xml"], 2),
        (["list", "--format", "xml"], 2),
        (["ask", "谁主办了峰会", "--lang", "fr"], 2),
        (["search", "机场", "--limit", "0"], 2),
        (["no-such-command"], 2),
        (["ask", "谁主办了峰会", "--no-such-option"], 2),
    ],
)
def test_exit_codes(invoke: Invoke, args: list[str], code: int) -> None:
    """Each command exits as documented: 0 found, 1 nothing found or unknown id, 2 usage error."""
    result = invoke(args)
    assert result.exit_code == code, result.output
    if code == 2:
        assert result.stderr.strip()
    if code == 0:
        assert result.stdout.strip()


def test_unknown_id_message(invoke: Invoke) -> None:
    """Showing an unknown id says so on stderr in one line, nothing on stdout."""
    result = invoke(["show", "no.such-fact"])
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "jmsummit: no fact with id 'no.such-fact'; try `jmsummit search`"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "谁主办了峰会"],
        ["search", "机场"],
        ["list"],
        ["show", "organizers.hosts"],
        ["categories"],
        ["validate"],
    ],
)
def test_missing_fact_dir_is_usage_error(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    """--facts naming a missing directory exits 2 with a one-line message naming it."""
    missing = tmp_path / "missing"
    result = invoke([*args, "--facts", str(missing)])
    assert result.exit_code == 2, result.output
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_validate_broken_dir(invoke: Invoke, tmp_path: Path) -> None:
    """Validating a directory with a broken fact exits 2 naming file, fact and field."""
    broken = write_fact_dir(tmp_path / "broken", broken=True)
    result = invoke(["validate", "--facts", str(broken)])
    assert result.exit_code == 2, result.output
    assert str(broken / "extra.toml") in result.stderr
    assert "'extra.note'" in result.stderr
    assert "'answer'" in result.stderr


def test_validate_bundled(invoke: Invoke) -> None:
    """Validating the bundled base exits 0 and reports it valid with its categories."""
    result = invoke(["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid: ")
    assert "organizers" in result.stdout


def test_extra_fact_dir_adds_facts(invoke: Invoke, tmp_path: Path) -> None:
    """--facts adds a directory's facts to the bundled ones."""
    extra = write_fact_dir(tmp_path / "extra")
    shown = invoke(["show", "extra.note", "--facts", str(extra), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["answer"]["en"] == "An extra fact."
    assert invoke(["show", "organizers.hosts", "--facts", str(extra)]).exit_code == 0


def test_global_options_apply_to_the_command(invoke: Invoke, tmp_path: Path) -> None:
    """--facts, --lang and --no-cache given before the command apply to it, as after it."""
    extra = write_fact_dir(tmp_path / "extra")
    shown = invoke(["--facts", str(extra), "--no-cache", "show", "extra.note", "--json"])
    assert shown.exit_code == 0, shown.output
    asked = invoke(["--facts", str(extra), "ask", "extra note", "--json"])
    assert json.loads(asked.stdout)["results"][0]["id"] == "extra.note"
    english = invoke(["--lang", "en", "ask", "谁主办了峰会"])
    assert english.exit_code == 0, english.output
    assert "主办" not in english.stdout and "co-hosted" in english.stdout
    # The command's own --lang wins.
    assert "主办" in invoke(["--lang", "en", "ask", "谁主办了峰会", "--lang", "zh"]).stdout


def test_facts_env_var_adds_facts(invoke: Invoke, tmp_path: Path) -> None:
    """JMSUMMIT_FACTS (from the injected environment) adds a directory too."""
    extra = write_fact_dir(tmp_path / "extra")
    result = invoke(["show", "extra.note"], environ={"JMSUMMIT_FACTS": str(extra)})
    assert result.exit_code == 0, result.output
    assert invoke(["show", "extra.note"]).exit_code == 1


def test_duplicate_id_in_extra_dir(invoke: Invoke, tmp_path: Path) -> None:
    """An extra directory redefining a bundled id is a usage error naming both files."""
    extra = write_fact_dir(tmp_path / "extra", fact_id="organizers.hosts")
    result = invoke(["list", "--facts", str(extra)])
    assert result.exit_code == 2, result.output
    assert "duplicate id" in result.stderr
    assert "organizers.toml" in result.stderr


# -- JSON -----------------------------------------------------------------------------------


def test_ask_json_answer(invoke: Invoke) -> None:
    """The output of ask --json parses and its first result is organizers.hosts."""
    result = invoke(["ask", "谁主办了峰会", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["query"] == "谁主办了峰会"
    assert data["results"][0]["id"] == "organizers.hosts"
    assert data["suggestions"] == []


def test_ask_json_no_answer(invoke: Invoke) -> None:
    """An unanswerable question gives valid JSON with "results": []."""
    result = invoke(["ask", "天气怎么样", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["results"] == []
    assert isinstance(data["suggestions"], list)


def test_question_words_are_joined(invoke: Invoke) -> None:
    """An unquoted multi-word question is joined with spaces."""
    result = invoke(["ask", "Who", "hosted", "the", "summit?", "--json"])
    assert json.loads(result.stdout)["query"] == "Who hosted the summit?"


def test_search_json_category_filter(invoke: Invoke) -> None:
    """A search with --json --category returns only that category's facts, at most --limit."""
    result = invoke(["search", "峰会", "--category", "organizers", "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["results"]
    assert 1 <= len(results) <= 3
    assert {r["category"] for r in results} == {"organizers"}


def test_list_json_category(invoke: Invoke) -> None:
    """Listing with --category --json gives exactly that category's facts."""
    result = invoke(["list", "--category", "organizers", "--json"])
    facts = json.loads(result.stdout)["facts"]
    assert facts
    assert {f["category"] for f in facts} == {"organizers"}


def test_categories_json_counts(invoke: Invoke, real_index: Index) -> None:
    """The counts of categories --json add up to the number of facts."""
    data = json.loads(invoke(["categories", "--json"]).stdout)
    assert sum(c["facts"] for c in data["categories"]) == len(real_index.facts)


# -- batch mode -----------------------------------------------------------------------------

BATCH = "主办单位\nhosts\n\n天气怎么样\n"


def test_batch_json(invoke: Invoke) -> None:
    """Batch mode (ask - --json) writes one JSON line per input line, in order."""
    result = invoke(["ask", "-", "--json"], input=BATCH)
    lines = result.stdout.splitlines()
    assert len(lines) == 4, result.output
    records = [json.loads(line) for line in lines]
    assert [r["query"] for r in records] == ["主办单位", "hosts", "", "天气怎么样"]
    assert records[0]["results"][0]["id"] == "organizers.hosts"
    assert records[1]["results"][0]["id"] == "organizers.hosts"
    assert records[2]["results"] == []
    assert records[3]["results"] == []
    assert result.exit_code == 1


def test_batch_plain_lines_in_order(invoke: Invoke) -> None:
    """Batch mode (ask -) writes one line per input line, in order, question first."""
    result = invoke(["ask", "-"], input=BATCH)
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 4, result.output
    assert lines[0].startswith("主办单位") and "organizers.hosts" in lines[0]
    assert lines[1].startswith("hosts") and "organizers.hosts" in lines[1]
    assert lines[2].strip() == ""
    assert lines[3].strip() == "天气怎么样"


def test_batch_plain_is_tab_separated(invoke: Invoke) -> None:
    """Plain batch lines are question, id, answer, score separated by tabs."""
    result = invoke(["ask", "-"], input=BATCH)
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [len(row) for row in rows] == [4, 4, 4, 4]
    assert [row[0] for row in rows] == ["主办单位", "hosts", "", "天气怎么样"]
    assert rows[0][1] == "organizers.hosts"


def test_batch_without_dash_reads_piped_stdin(invoke: Invoke) -> None:
    """Asking with no question and a non-tty stdin reads questions from stdin."""
    result = invoke(["ask", "--json"], input="hosts\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["id"] == "organizers.hosts"


def test_batch_all_answered_exits_zero(invoke: Invoke) -> None:
    """A batch in which every question is answered exits 0."""
    result = invoke(["ask", "-", "--format", "jsonl"], input="主办单位\r\nhosts\r\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["query"] for line in result.stdout.splitlines()] == [
        "主办单位",
        "hosts",
    ]


def test_batch_survives_invalid_utf8(invoke: Invoke) -> None:
    """Undecodable bytes in one input line do not stop the batch."""
    data = b"\xff\xfe\xfa\n" + "主办单位\n".encode() + b"host\xc3s\n" + b"hosts\n"
    result = invoke(["ask", "-", "--json"], input=data)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 4, result.output
    assert "\ufffd" in records[0]["query"]
    assert records[1]["results"][0]["id"] == "organizers.hosts"
    assert records[3]["results"][0]["id"] == "organizers.hosts"
    assert "Traceback" not in result.output


def test_ask_without_question_on_tty_is_usage_error(invoke: Invoke) -> None:
    """Asking with no question on an interactive stdin exits 2 with a hint."""
    result = invoke(["ask"], stdin_isatty=True)
    assert result.exit_code == 2
    assert "no question given" in result.stderr


# -- global behaviour -------------------------------------------------------------------------


def test_version(invoke: Invoke) -> None:
    """--version prints the tool version and the fact base's file count."""
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"jmsummit {__version__} (fact base ")
    assert "files)" in result.stdout


def test_no_arguments_non_tty(invoke: Invoke) -> None:
    """No arguments and no terminal: help on stderr and exit 2."""
    result = invoke([])
    assert result.exit_code == 2
    assert "Usage" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(invoke: Invoke, command: str | None) -> None:
    """Every command's --help exits 0 and shows examples."""
    result = invoke([command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_lang_env_var(invoke: Invoke) -> None:
    """JMSUMMIT_LANG=en makes human-readable output English only."""
    result = invoke(["ask", "谁主办了峰会"], environ={"JMSUMMIT_LANG": "en"})
    assert result.exit_code == 0
    assert "co-hosted" in result.stdout
    assert "共同主办" not in result.stdout


def test_lang_option_overrides_env(invoke: Invoke) -> None:
    """--lang zh wins over JMSUMMIT_LANG=en."""
    result = invoke(["ask", "谁主办了峰会", "--lang", "zh"], environ={"JMSUMMIT_LANG": "en"})
    assert "共同主办" in result.stdout
    assert "co-hosted" not in result.stdout


def test_no_cache_leaves_cache_dir_untouched(invoke: Invoke, tmp_path: Path) -> None:
    """Asking with --no-cache answers without creating the cache directory."""
    directory = tmp_path / "cache"
    result = invoke(["ask", "hosts", "--no-cache"], environ={cache.CACHE_ENV: str(directory)})
    assert result.exit_code == 0
    assert not directory.exists()


def test_cache_written_to_injected_dir(invoke: Invoke, tmp_path: Path) -> None:
    """Without --no-cache, the index is cached in the injected JMSUMMIT_CACHE_DIR."""
    directory = tmp_path / "cache"
    assert invoke(["ask", "hosts"], environ={cache.CACHE_ENV: str(directory)}).exit_code == 0
    assert any(directory.iterdir())


def test_internal_error(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception exits 70 with one line mentioning --debug and no traceback."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(engine, "search", boom)
    result = invoke(["ask", "谁主办了峰会"])
    assert result.exit_code == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "RuntimeError: kaboom" in lines[0]
    assert "--debug" in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_internal_error_with_debug_raises(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --debug the internal error propagates (for its traceback)."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(engine, "search", boom)
    result = invoke(["ask", "谁主办了峰会", "--debug"])
    assert isinstance(result.exception, RuntimeError)
    result = invoke(["ask", "谁主办了峰会"], environ={"JMSUMMIT_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)


def test_keyboard_interrupt_exits_130(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a command exits 130 with a one-line message."""

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "search", interrupt)
    result = invoke(["ask", "谁主办了峰会"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "jmsummit: interrupted"


def test_validate_never_valid_with_a_skipped_path(invoke: Invoke, tmp_path: Path) -> None:
    """`validate` with a broken link in the fact directory exits 2 and never says valid."""
    facts = write_fact_dir(tmp_path / "facts")
    (facts / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    result = invoke(["validate", "--facts", str(facts)])
    assert result.exit_code == 2
    assert "valid" not in result.stdout
    assert f"{facts / 'dangling.toml'}: broken symbolic link" in result.stderr


def test_show_follows_a_former_id_and_suggests_near_ones(invoke: Invoke) -> None:
    """A renamed fact's old id still shows it (saying where it is now); a typo gets near ids."""
    moved = invoke(["show", "event.dates", "--json"])
    assert moved.exit_code == 0
    assert json.loads(moved.stdout)["id"] == "dates.summit-dates"
    assert "event.dates is now dates.summit-dates" in moved.stderr
    typo = invoke(["show", "agreements.totl-investment"])
    assert typo.exit_code == 1
    assert "did you mean: agreements.total-investment" in typo.stderr
