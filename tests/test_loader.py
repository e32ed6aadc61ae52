"""The loader: every kind of bad fact file fails with a FactBaseError that says where and why."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from jmsummit.base import article, files, loader, readers, tomlfile
from jmsummit.base.factbase import FactBase
from jmsummit.base.models import DateRange, Money, ValueKind
from jmsummit.errors import FactBaseError

FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"

# A valid fact, as TOML right-hand sides; tests override or drop fields.
_GOOD_FIELDS = {
    "id": '"demo.hosts"',
    "category": '"demo"',
    "title": '"峰会的主办单位"',
    "title_en": '"Hosts of the summit"',
    "answer": '"峰会由甲和乙共同主办。"',
    "answer_en": '"The summit was co-hosted by A and B."',
    "source": '{ paragraph = 12, evidence = ["联合主办"] }',
}


def fact_block(**fields: str | None) -> str:
    """One [[fact]] table: the good fields, with `fields` replacing (None drops) or adding."""
    merged = {**_GOOD_FIELDS, **fields}
    body = "".join(f"{key} = {value}\n" for key, value in merged.items() if value is not None)
    return "[[fact]]\n" + body


def write_facts(directory: Path, name: str, *blocks: str, preamble: str = "# test facts\n") -> Path:
    """Write a fact file made of `blocks` into `directory` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(preamble + "\n".join(blocks), encoding="utf-8")
    return path


def line_of(path: Path, prefix: str, occurrence: int = 1) -> int:
    """Return the 1-based number of the `occurrence`-th line of `path` starting with `prefix`."""
    seen = 0
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.startswith(prefix):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{prefix!r} not in {path}")


def load_error(path: Path) -> FactBaseError:
    """Return the FactBaseError that loading the directory of `path` raises."""
    with pytest.raises(FactBaseError) as caught:
        loader.load([path.parent])
    return caught.value


# -- the helper itself -----------------------------------------------------------


def test_fixture_fact_is_valid(tmp_path: Path) -> None:
    """The helper's good fact loads, so every failure below is due to its one change."""
    path = write_facts(tmp_path, "demo.toml", fact_block(), fact_block(id='"demo.other"'))
    base = loader.load([tmp_path])
    assert [f.id for f in base.facts] == ["demo.hosts", "demo.other"]
    assert base.facts[0].source.paragraph == 12
    assert base.facts[0].file == str(path)


# -- one test per kind of bad input ------------------------------------------------


def test_malformed_toml_names_line_and_column(tmp_path: Path) -> None:
    """Broken TOML syntax is reported as file:line:column with 'malformed TOML'."""
    path = write_facts(tmp_path, "demo.toml", fact_block(title='"unterminated'))
    error = load_error(path)
    line = line_of(path, "title =")
    assert re.match(rf"{re.escape(str(path))}:{line}:\d+: malformed TOML", str(error)), str(error)
    assert error.location.line == line
    assert error.location.column is not None


def test_missing_field(tmp_path: Path) -> None:
    """A missing required field is named, with the fact id and the fact's line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(answer_en=None))
    error = load_error(path)
    assert str(path) in str(error)
    assert error.location.line == line_of(path, "[[fact]]")
    assert error.fact_id == "demo.hosts"
    assert "fact 'demo.hosts'" in str(error)
    assert "missing field 'answer_en'" in str(error)


def test_wrongly_typed_field(tmp_path: Path) -> None:
    """A field of the wrong type is named with its line and the type found."""
    path = write_facts(tmp_path, "demo.toml", fact_block(title_en="42"))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'title_en =')}: ")
    assert "fact 'demo.hosts'" in str(error)
    assert "field 'title_en'" in str(error)
    assert "must be a string, not an integer" in str(error)


def test_unknown_field(tmp_path: Path) -> None:
    """A field the schema does not know is rejected, naming it and its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(colour='"red"'))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'colour =')}: ")
    assert error.field == "colour"
    assert "fact 'demo.hosts'" in str(error)
    assert "unknown field" in str(error)


def test_unknown_source_field(tmp_path: Path) -> None:
    """An unknown key inside the source table is named as source.<key>."""
    source = '{ paragraph = 12, evidence = ["x"], page = 3 }'
    path = write_facts(tmp_path, "demo.toml", fact_block(source=source))
    error = load_error(path)
    assert error.field == "source.page"
    assert f":{line_of(path, 'source =')}: " in str(error)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    """A top-level key other than [[fact]] is named with its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(), preamble="# facts\nversion = 2\n")
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'version =')}: ")
    assert "unknown top-level key 'version'" in str(error)


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    """The same id in two files fails, naming both files, the id and the second line."""
    first = write_facts(tmp_path, "a.toml", fact_block())
    second = write_facts(tmp_path, "b.toml", fact_block(), preamble="# b\n# more\n")
    error = load_error(second)
    message = str(error)
    assert str(first) in message
    assert message.startswith(f"{second}:{line_of(second, 'id =')}: ")
    assert "fact 'demo.hosts'" in message
    assert "duplicate id" in message


def test_duplicate_id_across_directories(tmp_path: Path) -> None:
    """An extra directory cannot redefine an id another directory holds."""
    first = write_facts(tmp_path / "one", "demo.toml", fact_block())
    second = write_facts(tmp_path / "two", "demo.toml", fact_block())
    with pytest.raises(FactBaseError) as caught:
        loader.load([first.parent, second.parent])
    assert str(first) in str(caught.value)
    assert str(second) in str(caught.value)


def test_empty_answer(tmp_path: Path) -> None:
    """A blank answer is rejected, naming the field and its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(answer='"   "'))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'answer =')}: ")
    assert "field 'answer'" in str(error)
    assert "must not be empty" in str(error)


@pytest.mark.parametrize("paragraph", [0, -1, article.PARAGRAPHS + 1])
def test_paragraph_out_of_range(tmp_path: Path, paragraph: int) -> None:
    """A source paragraph outside 1..PARAGRAPHS is rejected as out of range."""
    source = f'{{ paragraph = {paragraph}, evidence = ["x"] }}'
    path = write_facts(tmp_path, "demo.toml", fact_block(source=source))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'source =')}: ")
    assert "field 'source.paragraph'" in str(error)
    assert f"{paragraph} is out of range 1..{article.PARAGRAPHS}" in str(error)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("true", "booleans are not a supported value"),
        ('["a", 1]', "an array is not a supported value"),
        ("1.5", "a float is not a supported value"),
        ("2017-11-19T10:00:00", "a date-time is not a supported value"),
        ("{ start = 2017-11-19 }", "a table value must be {start, end} or {amount, unit, cny}"),
        ("{ amount = 1, unit = 2, cny = 3 }", "money needs a number amount"),
        ('{ start = "a", end = "b" }', "range start and end must be dates"),
        ("{ start = 2017-11-21, end = 2017-11-19 }", "range ends before it starts"),
    ],
    ids=[
        "bool",
        "mixed-array",
        "float",
        "datetime",
        "wrong-table",
        "money-types",
        "range-text",
        "range-backwards",
    ],
)
def test_bad_value_shapes(tmp_path: Path, value: str, problem: str) -> None:
    """Each unsupported value shape is rejected, naming the value field and its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(value=value))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'value =')}: ")
    assert "field 'value'" in str(error)
    assert problem in str(error)


def test_non_utf8_bytes(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported at their line and column, with the byte."""
    path = tmp_path / "demo.toml"
    text = "# facts\n" + fact_block()
    path.write_bytes(text.encode("utf-8").replace(b'"Hosts of', b'"Ho\xffsts of'))
    error = load_error(path)
    line = line_of_bytes(path, b"title_en =")
    column = path.read_bytes().splitlines()[line - 1].index(b"\xff") + 1
    assert str(error).startswith(f"{path}:{line}:{column}: ")
    assert "not UTF-8 (byte 0xff)" in str(error)


def line_of_bytes(path: Path, prefix: bytes) -> int:
    """Return the 1-based number of the first line of `path` starting with `prefix`."""
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} not in {path}")


def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission fails with 'cannot read file' naming it."""
    path = write_facts(tmp_path, "demo.toml", fact_block())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that can read a mode-000 file")
        error = load_error(path)
        assert str(error).startswith(f"{path}: cannot read file")
    finally:
        path.chmod(0o644)


def test_read_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS error while reading (here simulated, so it also runs as root) names the file."""
    path = write_facts(tmp_path, "demo.toml", fact_block())

    real_open = os.open

    def refuse(name: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    error = load_error(path)
    assert str(error) == f"{path}: cannot read file: Permission denied"


def test_too_large_file(tmp_path: Path) -> None:
    """A file over MAX_FILE_BYTES is refused before parsing, naming the limit."""
    block = fact_block()
    padding = "#" * (tomlfile.MAX_FILE_BYTES - len(block.encode()) + 10) + "\n"
    path = write_facts(tmp_path, "demo.toml", block, preamble=padding)
    assert path.stat().st_size > tomlfile.MAX_FILE_BYTES
    error = load_error(path)
    assert str(error).startswith(f"{path}: file is ")
    assert f"the limit is {tomlfile.MAX_FILE_BYTES:,}" in str(error)


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    """A 4 GB sparse file is refused from its size alone: the error comes before any read."""
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(4 * 1024**3)
    error = load_error(path)
    assert str(error) == f"{path}: file is 4,294,967,296 bytes; the limit is 2,000,000"


def test_fifo_named_toml_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO named *.toml is reported as not a regular file; opening it does not block."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    with pytest.raises(FactBaseError) as caught:
        tomlfile.parse(path)
    assert str(caught.value) == f"{path}: not a regular file"


def test_version_hash_refuses_a_huge_file(tmp_path: Path) -> None:
    """The content hash (--version) reads a fact file through the same bounded read."""
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(3 * tomlfile.MAX_FILE_BYTES)
    with pytest.raises(FactBaseError, match="the limit is"):
        files.content_hash([files.stat_file(path)])


def test_deeply_nested_toml_is_malformed_with_its_line(tmp_path: Path) -> None:
    """600 levels of nested arrays: a one-line 'nested too deeply' error at its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(), "x = " + "[" * 600 + "]" * 600)
    error = load_error(path)
    assert str(error) == (
        f"{path}:{line_of(path, 'x =')}: malformed TOML: arrays or tables nested too deeply"
    )


def test_deeply_nested_inline_tables(tmp_path: Path) -> None:
    """600 levels of inline tables fail the same way, brackets in strings not counted."""
    text = 'y = "[[[[[[" # {{{{\nx = ' + "{b=" * 600 + "1" + "}" * 600
    path = write_facts(tmp_path, "demo.toml", text)
    assert str(load_error(path)).startswith(f"{path}:{line_of(path, 'x =')}: malformed TOML")


def test_integer_with_too_many_digits(tmp_path: Path) -> None:
    """A 4,301-digit integer is malformed TOML at its line, not an internal ValueError."""
    value = '{ amount = 1.0, unit = "元", cny = ' + "9" * 4301 + " }"
    path = write_facts(tmp_path, "demo.toml", fact_block(value=value))
    error = load_error(path)
    assert str(error) == (
        f"{path}:{line_of(path, 'value =')}: malformed TOML: a number with too many digits"
    )


def test_file_at_size_limit_loads(tmp_path: Path) -> None:
    """A file of exactly MAX_FILE_BYTES is still accepted."""
    block = fact_block()
    padding = "#" * (tomlfile.MAX_FILE_BYTES - len(block.encode()) - 1) + "\n"
    path = write_facts(tmp_path, "demo.toml", block, preamble=padding)
    assert path.stat().st_size == tomlfile.MAX_FILE_BYTES
    assert [f.id for f in loader.load([tmp_path]).facts] == ["demo.hosts"]


def test_too_many_aliases(tmp_path: Path) -> None:
    """More than MAX_ITEMS aliases is rejected, naming the field and the limit."""
    aliases = "[" + ", ".join(f'"alias{i}"' for i in range(readers.MAX_ITEMS + 1)) + "]"
    path = write_facts(tmp_path, "demo.toml", fact_block(aliases=aliases))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'aliases =')}: ")
    assert "field 'aliases'" in str(error)
    assert f"the limit is {readers.MAX_ITEMS}" in str(error)


def test_max_aliases_accepted(tmp_path: Path) -> None:
    """Exactly MAX_ITEMS aliases load."""
    aliases = "[" + ", ".join(f'"alias{i}"' for i in range(readers.MAX_ITEMS)) + "]"
    write_facts(tmp_path, "demo.toml", fact_block(aliases=aliases))
    assert len(loader.load([tmp_path]).facts[0].aliases) == readers.MAX_ITEMS


MANY = ", ".join(['"甲"'] * 201)
LONG = "甲" * 5001


@pytest.mark.parametrize(
    ("field", "fields"),
    [
        ("source.evidence", {"source": f"{{ paragraph = 12, evidence = [{MANY}] }}"}),
        ("source.evidence", {"source": f'{{ paragraph = 12, evidence = ["{LONG}"] }}'}),
        ("value", {"value": f"[{MANY}]"}),
        ("value", {"value": f'["{LONG}"]'}),
        ("value", {"value": f'"{LONG}"'}),
        ("value", {"value": f'{{ amount = 1.0, unit = "{LONG}", cny = 1 }}'}),
    ],
)
def test_evidence_and_value_limits(tmp_path: Path, field: str, fields: dict[str, str]) -> None:
    """Evidence phrases, list values, string values and units obey the count and length limits."""
    path = write_facts(tmp_path, "demo.toml", fact_block(**fields))
    error = load_error(path)
    key = field.split(".")[0]
    assert str(error).startswith(f"{path}:{line_of(path, key + ' =')}: fact 'demo.hosts': ")
    assert f"field {field!r}" in str(error)
    assert "the limit is" in str(error)


def test_symlinked_subdirectory_is_followed(tmp_path: Path) -> None:
    """A symbolic link to a directory of facts is walked: its facts load."""
    write_facts(tmp_path / "elsewhere" / "sub", "demo.toml", fact_block())
    own = fact_block(id='"other.fact"', category='"other"')
    write_facts(tmp_path / "base" / "own", "other.toml", own)
    (tmp_path / "base" / "linked").symlink_to(tmp_path / "elsewhere" / "sub")
    base = loader.load([tmp_path / "base"])
    assert sorted(f.id for f in base.facts) == ["demo.hosts", "other.fact"]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    """A link back to an enclosing directory does not hang or load a fact twice."""
    write_facts(tmp_path / "base" / "sub", "demo.toml", fact_block())
    (tmp_path / "base" / "sub" / "loop").symlink_to(tmp_path / "base")
    (tmp_path / "base" / "self").symlink_to(".")
    assert [f.id for f in loader.load([tmp_path / "base"]).facts] == ["demo.hosts"]


@pytest.mark.parametrize("name", ["dangling.toml", "dangling-dir"])
def test_broken_symlink_is_an_error(tmp_path: Path, name: str) -> None:
    """A broken link (to a fact file or to a directory) is reported, never skipped."""
    write_facts(tmp_path, "demo.toml", fact_block())
    (tmp_path / name).symlink_to(tmp_path / "nowhere")
    error = load_error(tmp_path / "demo.toml")
    assert str(error).startswith(f"{tmp_path / name}: broken symbolic link")


def test_unreadable_subdirectory_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subdirectory that cannot be listed (simulated, so it runs as root) is named."""
    write_facts(tmp_path, "demo.toml", fact_block())
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def refuse(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    error = load_error(tmp_path / "demo.toml")
    assert str(error) == f"{locked}: cannot read directory: Permission denied"


def test_fifo_in_fact_directory_is_an_error(tmp_path: Path) -> None:
    """A FIFO named *.toml in a fact directory is named, not skipped."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    write_facts(tmp_path, "demo.toml", fact_block())
    os.mkfifo(tmp_path / "pipe.toml")
    assert "not a regular file" in str(load_error(tmp_path / "demo.toml"))


def test_missing_directory(tmp_path: Path) -> None:
    """A fact directory that does not exist is named in the error."""
    missing = tmp_path / "nowhere"
    with pytest.raises(FactBaseError) as caught:
        loader.load([missing])
    assert str(caught.value) == f"{missing}: fact directory does not exist"


def test_empty_directory(tmp_path: Path) -> None:
    """A fact directory with no *.toml files is named in the error."""
    (tmp_path / "notes.txt").write_text("not a fact file", encoding="utf-8")
    with pytest.raises(FactBaseError) as caught:
        loader.load([tmp_path])
    assert str(caught.value) == f"{tmp_path}: fact directory holds no *.toml files"


def test_bad_id_pattern(tmp_path: Path) -> None:
    """An id that is not 'category.slug' is rejected at its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(id='"Demo Hosts"'))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'id =')}: ")
    assert "field 'id'" in str(error)


def test_id_outside_its_category(tmp_path: Path) -> None:
    """An id whose first part is not the fact's category is rejected at its line."""
    path = write_facts(tmp_path, "demo.toml", fact_block(id='"other.hosts"'))
    error = load_error(path)
    assert str(error).startswith(f"{path}:{line_of(path, 'id =')}: ")
    assert "must start with its category, 'demo.'" in str(error)


def test_directory_that_is_a_file(tmp_path: Path) -> None:
    """A fact "directory" that is a file says so, rather than that it does not exist."""
    path = tmp_path / "facts.toml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(FactBaseError) as caught:
        loader.load([path])
    assert str(caught.value) == f"{path}: not a directory (give the directory that holds it)"


def test_line_numbers_after_commented_fact_header(tmp_path: Path) -> None:
    """An error in the second fact points at its own line even when headers carry comments."""
    first = fact_block().replace("[[fact]]", "[[fact]]  # first", 1)
    second = fact_block(id='"demo.second"', title_en="42").replace(
        "[[fact]]", "[[fact]]  # second", 1
    )
    path = write_facts(tmp_path, "demo.toml", first, second)
    error = load_error(path)
    assert error.fact_id == "demo.second"
    assert error.location.line == line_of(path, "title_en =", occurrence=2)


# -- the bundled base ----------------------------------------------------------------


def test_bundled_base_loads(real_base: FactBase) -> None:
    """The bundled base holds at least 100 facts, each with zh and en title and answer."""
    assert len(real_base.facts) >= 100
    for fact in real_base.facts:
        for text in (fact.title, fact.title_en, fact.answer, fact.answer_en):
            assert text.strip(), fact.id


def test_bundled_ids_unique(real_base: FactBase) -> None:
    """No two bundled facts share an id."""
    ids = [fact.id for fact in real_base.facts]
    assert len(ids) == len(set(ids))


def test_bundled_file_names_match_categories(real_base: FactBase) -> None:
    """Every bundled fact sits in the file named after its category; the registry apart."""
    mismatched = [f.id for f in real_base.facts if Path(f.file).stem != f.category]
    assert mismatched == []
    registry = {"entities.toml", "categories.toml"}
    assert {Path(f.file).name for f in real_base.facts} | registry == {
        p.name for p in FACTS_DIR.glob("*.toml")
    }
    assert {Path(e.file).name for e in real_base.entities} == {"entities.toml"}
    assert [c.name for c in real_base.declared] == list(real_base.categories())


def test_bundled_base_has_the_five_design_categories(real_base: FactBase) -> None:
    """dates, organizers, forums, honors and agreements exist, each described in both languages."""
    for name in ("dates", "organizers", "forums", "honors", "agreements"):
        category = real_base.category(name)
        assert category.description and category.description_en, name
        assert real_base.categories()[name] > 0


def test_every_dated_fact_is_in_dates(real_base: FactBase) -> None:
    """A fact whose value is a date, a range, a month or a year is in the dates category."""
    dated = {f.id for f in real_base.facts if f.value_kind is ValueKind.DATE}
    assert dated
    assert all(fact_id.startswith("dates.") for fact_id in dated)


def test_bundled_values_typed(real_base: FactBase) -> None:
    """Values come out typed: the event dates a DateRange, the total investment Money."""
    dates = real_base.by_id("dates.summit-dates")
    assert dates is not None
    assert isinstance(dates.value, DateRange)
    assert dates.value.start <= dates.value.end
    assert dates.value.start.year == 2017
    assert isinstance(dates.value.start, dt.date)
    money = real_base.by_id("agreements.total-investment")
    assert money is not None
    assert isinstance(money.value, Money)
    assert money.value.cny == 12_330_000_000


def test_former_id_of_two_facts_is_refused(tmp_path: Path) -> None:
    """A former id may name one fact only, and never a fact that has that id now."""
    path = write_facts(
        tmp_path,
        "demo.toml",
        fact_block(),
        fact_block(id='"demo.other"', former_ids='["demo.hosts"]'),
    )
    error = load_error(path)
    assert (error.fact_id, error.field) == ("demo.other", "former_ids")
    assert "also fact 'demo.hosts'" in error.problem


def test_rtoml_reads_every_fact_file_as_tomllib_does(tmp_path: Path) -> None:
    """The fast parser and the standard one agree on the bundled files and a synthetic base.

    Dates, money, lists, inline tables, escapes and multi-line strings are all in them.
    """
    import sys

    import rtoml

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import synth

    synth.write(300, tmp_path)
    paths = [*files.fact_files([files.bundled_facts_dir()]), *sorted(tmp_path.glob("*.toml"))]
    assert len(paths) > 10
    for path in paths:
        text = path.read_text("utf-8")
        assert rtoml.loads(text) == tomllib.loads(text), path


def test_a_text_rtoml_refuses_gets_tomllibs_message(tmp_path: Path) -> None:
    """Malformed TOML is reported with tomllib's words, line and column."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[[fact]]\nid = "x"\ntitle = "unclosed\n', encoding="utf-8")
    with pytest.raises(FactBaseError) as caught:
        tomlfile.parse(bad)
    assert caught.value.location.line == 3
    assert "malformed TOML" in str(caught.value)
