"""Building the index from the fact files, file by file.

The loader's checks still hold, and the index equals one built from the base held at once.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from jmsummit.base import files, loader
from jmsummit.base.models import Fact, ValueKind
from jmsummit.errors import FactBaseError
from jmsummit.search import build, traits, workers
from jmsummit.search import index as store
from jmsummit.search.normalize import tokenize
from jmsummit.search.results import QuestionType
from tests.test_entities import entity_block
from tests.test_loader import fact_block, line_of, write_facts

BUNDLED = [files.bundled_facts_dir()]


def build_error(directory: Path) -> FactBaseError:
    """The FactBaseError that building from `directory`, file by file, raises."""
    with pytest.raises(FactBaseError) as caught:
        build.write(sqlite3.connect(""), loader.plan([directory]))
    return caught.value


def planned_facts(directory: Path) -> list[Fact]:
    """The facts of `directory` as a build reads them, file by file."""
    plan = loader.plan([directory])
    return [fact for path in plan.paths for fact in loader.read_file(path, plan).facts]


def test_build_refuses_a_duplicate_id_across_files_as_load_does(tmp_path: Path) -> None:
    """The second file's definition is named with its line, and the first file too."""
    first = write_facts(tmp_path, "a.toml", fact_block())
    second = write_facts(tmp_path, "b.toml", fact_block(), preamble="# b\n# more\n")
    error = build_error(tmp_path)
    assert str(error).startswith(f"{second}:{line_of(second, 'id =')}: ")
    assert str(first) in str(error)
    with pytest.raises(FactBaseError) as loaded:
        loader.load([tmp_path])
    assert str(error) == str(loaded.value)


def test_build_refuses_a_duplicate_id_within_one_file(tmp_path: Path) -> None:
    """Two facts with one id in the same file are refused, with load()'s message."""
    path = write_facts(tmp_path, "a.toml", fact_block(), fact_block())
    error = build_error(tmp_path)
    assert str(error).startswith(f"{path}:{line_of(path, 'id =')}: ")
    assert "duplicate id" in str(error)
    with pytest.raises(FactBaseError) as loaded:
        loader.load([tmp_path])
    assert str(error) == str(loaded.value)


def test_build_resolves_entities_declared_in_a_later_file(tmp_path: Path) -> None:
    """A fact may name an entity that a file read after it declares."""
    write_facts(tmp_path, "a.toml", fact_block(entities='["organization.bgi"]'))
    write_facts(tmp_path, "z.toml", entity_block())
    (fact,) = planned_facts(tmp_path)
    assert [e.name_en for e in fact.entities] == ["BGI Genomics"]


def test_build_finds_an_entity_table_spelt_with_an_escape(tmp_path: Path) -> None:
    """A file that spells `entity` only through a \\u escape is still read for entities."""
    write_facts(tmp_path, "a.toml", fact_block(entities='["organization.bgi"]'))
    spelt = entity_block().replace("[[entity]]", '[["\\u0065ntity"]]')
    assert "entity" not in spelt.replace("[[", "").split("]]")[0]
    write_facts(tmp_path, "z.toml", spelt)
    (fact,) = planned_facts(tmp_path)
    assert [e.id for e in fact.entities] == ["organization.bgi"]


def test_build_refuses_an_unknown_entity_at_its_line(tmp_path: Path) -> None:
    """An entity id no file declares fails at the fact's `entities` line, as in load()."""
    path = write_facts(tmp_path, "a.toml", fact_block(entities='["organization.nobody"]'))
    error = build_error(tmp_path)
    assert error.location.line == line_of(path, "entities")
    assert (error.fact_id, error.field) == ("demo.hosts", "entities")


def test_build_reports_progress_in_bytes(tmp_path: Path) -> None:
    """Progress goes from 0 to the base's size in bytes, once before each file and at the end."""
    write_facts(tmp_path, "a.toml", fact_block())
    write_facts(tmp_path, "b.toml", fact_block(id='"demo.other"'))
    size = sum(p.stat().st_size for p in tmp_path.iterdir())
    calls: list[tuple[int, int]] = []
    build.write(
        sqlite3.connect(""), loader.plan([tmp_path]), progress=lambda d, t: calls.append((d, t))
    )
    assert calls[0] == (0, size) and calls[-1] == (size, size) and len(calls) == 3


def _tables(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the index's tables, in key order."""
    return {
        t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("meta", "terms", "facts", "entries")
    }


def test_an_index_built_file_by_file_equals_one_built_from_a_tuple() -> None:
    """Every table is the same whether the files were read one by one or held (the bundled base)."""
    streamed, held = sqlite3.connect(""), sqlite3.connect("")
    build.write(streamed, loader.plan(BUNDLED))
    build.write(held, loader.load(BUNDLED).facts)
    assert _tables(streamed) == _tables(held)
    assert len(_tables(held)["facts"]) == len(loader.load(BUNDLED).facts)


def test_common_terms_are_dense_rows_that_say_what_packed_postings_say() -> None:
    """A term in one fact in 8 or more is a row of a byte a fact, read as its postings read."""
    db = sqlite3.connect("")
    build.write(db, loader.plan(BUNDLED))
    index = store.Index(db)
    size = index.size
    rows = index.postings_table()
    dense = {term for term, (_, holders) in rows.items() if holders}
    assert "z:峰会" in dense and "z:城" in dense
    for term, (blob, holders) in rows.items():
        postings = index.postings(term)
        assert isinstance(postings, store.Dense) == bool(holders)
        assert (index.count(term) * store.DENSE_SHARE >= size) == bool(holders), term
        if holders:  # the stored count is the row's: the reader does not count it again
            assert holders == len(blob) - blob.count(0), term
        else:
            packed = memoryview(blob).cast(store.UINT)
            row = store.Dense(store.dense_row(packed, size), len(packed))
            assert list(store.pairs(row)) == list(store.pairs(packed))
            assert [index.field_of(term, n) for n in range(size)] == [
                store.Field(row.fields[n] - 1) if row.fields[n] else None for n in range(size)
            ]


def test_spelling_by_word_equals_lazy_pinyin() -> None:
    """The build's cached spelling gives lazy_pinyin's syllables for every run of the base."""
    spell = build.speller()
    texts = [t for fact in loader.load(BUNDLED).facts for _, t in build.fields_of(fact)]
    runs = {run for text in texts for run in tokenize(text).han}
    runs |= {"重庆银行行长", "长江", "音乐乐队", "〇一二", "\uf900\u4e00", "什么时候"}
    assert len(runs) > 1000
    for run in runs:
        expected = tuple(s for s in lazy_pinyin(run, style=Style.NORMAL) if s.isalpha())
        assert spell(run) == expected, run


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan of two files or more is built by two worker processes, weights and all."""
    monkeypatch.setattr(build, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(build, "PARALLEL_WEIGHTS", 0)
    monkeypatch.setattr(build, "_workers", lambda plan: 2 if len(plan.paths) > 1 else 0)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_an_index_built_by_workers_equals_one_built_here(
    in_workers: None, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    """Built file by file in two worker processes, every table is the same as a serial build.

    Forked workers (Linux, one thread) or spawned ones (elsewhere, or with a progress bar's
    thread running) alike.
    """
    monkeypatch.setattr(workers, "start_method", lambda: start)
    plan = loader.plan(BUNDLED)
    assert len(plan.paths) > 2
    parallel, serial = sqlite3.connect(""), sqlite3.connect("")
    build.write(parallel, plan)
    build.write(serial, loader.load(BUNDLED).facts)
    assert _tables(parallel) == _tables(serial)


def test_a_wrong_guess_of_a_files_fact_count_is_renumbered(
    tmp_path: Path, in_workers: None
) -> None:
    """A `[[fact]]` line in a multi-line string misleads the workers: the facts are renumbered.

    The build then equals a serial build.
    """
    misleading = '"""The summit was co-hosted by A and B.\n[[fact]]\n"""'
    first = write_facts(tmp_path, "a.toml", fact_block(answer_en=misleading))
    write_facts(tmp_path, "b.toml", fact_block(id='"demo.second"'))
    write_facts(tmp_path, "c.toml", fact_block(id='"demo.third"'))
    assert build._headers(first) == 2
    parallel, serial = sqlite3.connect(""), sqlite3.connect("")
    build.write(parallel, loader.plan([tmp_path]))
    build.write(serial, loader.load([tmp_path]).facts)
    assert _tables(parallel) == _tables(serial)
    assert [row[0] for row in _tables(parallel)["facts"]] == [0, 1, 2]


def test_a_workers_error_is_the_one_a_serial_build_raises(tmp_path: Path, in_workers: None) -> None:
    """A bad fact read in a worker process is reported with its file, line, fact and field."""
    write_facts(tmp_path, "a.toml", fact_block())
    path = write_facts(tmp_path, "b.toml", fact_block(id='"demo.other"', entities='["x.nobody"]'))
    with pytest.raises(FactBaseError) as caught:
        build.write(sqlite3.connect(""), loader.plan([tmp_path]))
    assert caught.value.location.line == line_of(path, "entities")
    assert (caught.value.fact_id, caught.value.field) == ("demo.other", "entities")
    assert str(caught.value) == str(build_error(tmp_path))


def test_workers_refuse_a_duplicate_id_across_files(tmp_path: Path, in_workers: None) -> None:
    """Ids are checked across files in the building process, as the stream checks them."""
    write_facts(tmp_path, "a.toml", fact_block())
    write_facts(tmp_path, "b.toml", fact_block(), preamble="# b\n# more\n")
    with pytest.raises(FactBaseError) as caught:
        build.write(sqlite3.connect(""), loader.plan([tmp_path]))
    assert str(caught.value) == str(build_error(tmp_path))
    assert "duplicate id" in str(caught.value)


def test_workers_are_spawned_while_another_thread_runs() -> None:
    """A fork copies locks other threads may hold (the progress bar's refresher): spawn then."""
    import threading

    if sys.platform != "linux":
        pytest.skip("workers are always spawned off Linux")
    if threading.active_count() == 1:
        assert workers.start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def test_a_build_whose_workers_cannot_start_is_made_here(
    in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No /dev/shm, no semaphores: the pool cannot be made, and the build runs serially."""
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    parallel, serial = sqlite3.connect(""), sqlite3.connect("")
    build.write(parallel, loader.plan(BUNDLED))
    build.write(serial, loader.load(BUNDLED).facts)
    assert _tables(parallel) == _tables(serial)


_PARENT = os.getpid()


def _nothing() -> None:
    """A worker's set-up that sets nothing up."""


def _square_unless_a_worker(state: None, number: int) -> int:
    """A call that kills any worker process that runs it (as the OOM killer would)."""
    if os.getpid() != _PARENT:
        os._exit(1)
    return number * number


def test_calls_a_broken_pool_drops_are_made_here() -> None:
    """A worker killed mid-build: the calls not yet done run in this process, in order."""
    calls = [(n,) for n in range(9)]
    squares = list(workers.in_order(2, _nothing, (), _square_unless_a_worker, calls))
    assert squares == [n * n for n in range(9)]


def test_errors_are_met_in_loads_order(tmp_path: Path, in_workers: None) -> None:
    """A file's category names are checked before its facts, by load, stream and a build."""
    declared = '[[category]]\nname = "extra"\ndescription = "x"\ndescription_en = "x"\n\n'
    write_facts(tmp_path, "a.toml", fact_block(), preamble=declared)
    bad = fact_block(id='"demo.other"', entities='["x.nobody"]')
    write_facts(tmp_path, "b.toml", bad, preamble=declared)
    with pytest.raises(FactBaseError) as loaded:
        loader.load([tmp_path])
    with pytest.raises(FactBaseError) as built:
        build.write(sqlite3.connect(""), loader.plan([tmp_path]))
    assert "declared twice" in str(loaded.value)
    assert str(built.value) == str(loaded.value) == str(build_error(tmp_path))


def test_headers_are_counted_in_files_with_crlf_line_ends(tmp_path: Path) -> None:
    """Windows line ends do not hide a file's [[fact]] headers from the numbering guess."""
    path = write_facts(tmp_path, "a.toml", fact_block(), fact_block(id='"demo.other"'))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert build._headers(path) == 2


def test_traits_read_back_as_written() -> None:
    """Every fact's traits survive their integer code; a code no writer makes is refused."""
    for fact in loader.load(BUNDLED).facts:
        found = traits.of(fact)
        assert traits.decode(traits.encode(found)) == found
    everything = traits.Traits(ValueKind.LIST, "", frozenset(QuestionType), people=True)
    assert traits.decode(traits.encode(everything)) == everything
    date, text = list(ValueKind).index(ValueKind.DATE), list(ValueKind).index(ValueKind.TEXT)
    for bad in (-1, traits.LIMIT, 6, 5 << 3, "1", 1.0, True, date, text | 1 << 3):
        with pytest.raises(ValueError):
            traits.decode(bad)
