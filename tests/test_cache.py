"""The index cache: round trips, and every kind of damage or planting means 'rebuild'.

Each finding of the reliability probe has a test here: S1 (a planted file runs nothing
and changes no answer), S2 (directory modes), S3 (FIFOs, devices, symlinks), W1 (an edit
that keeps size and mtime), W2 (pruning removes only our own files) and W6 (the key
covers code and libraries).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from jmsummit.base import files
from jmsummit.base.factbase import FactBase
from jmsummit.base.options import Options
from jmsummit.search import build, cache, engine, opener, records, vocabulary
from jmsummit.search import index as store
from jmsummit.search.index import Index

FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"
KEY = "test key"
BASE = "0000base"
HOSTS = "organizers.hosts"


def cache_file(directory: Path) -> Path:
    """Return the one index file in `directory` (whatever its name)."""
    found = list(directory.glob("index-*.sqlite"))
    assert len(found) == 1, found
    return found[0]


def top(index: Index, question: str = "谁主办了峰会") -> str:
    """The id of the best match for a question."""
    return engine.search(index, question, limit=3).matches[0].fact.id


def write(directory: Path, facts: tuple[object, ...], key: str = KEY) -> sqlite3.Connection:
    """Write an index of `facts` into `directory` (made private first) and return it."""
    assert cache.usable_dir(directory) == (True, "")
    db = cache.write(directory, key, BASE, facts)  # type: ignore[arg-type]
    assert db is not None
    return db


@pytest.fixture(scope="module")
def all_facts(real_index: Index) -> tuple[object, ...]:
    """The bundled facts, as the index holds them."""
    return real_index.facts


def test_round_trip(tmp_path: Path, real_index: Index, all_facts: tuple[object, ...]) -> None:
    """What write stores, read returns: the same facts, postings and answers."""
    write(tmp_path, all_facts)
    db = cache.read(tmp_path, KEY, BASE)
    assert db is not None
    loaded = Index(db)
    assert loaded.facts == real_index.facts
    assert loaded.postings_table() == real_index.postings_table()
    assert engine.search(loaded, "谁主办了峰会") == engine.search(real_index, "谁主办了峰会")


def test_reader_cannot_write(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """A cached index is opened read-only: a write through it fails."""
    write(tmp_path, all_facts)
    db = cache.read(tmp_path, KEY, BASE)
    assert db is not None
    with pytest.raises(sqlite3.Error):
        db.execute("DELETE FROM facts")


def test_no_pickle_or_marshal_in_the_package() -> None:
    """No module of the package mentions pickle or marshal (S1: data, not code)."""
    package = Path(cache.__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "pickle" not in text and "marshal" not in text, path


def test_write_leaves_only_the_index(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """Writing leaves one file, named after the base and the key, and no temporary file."""
    write(tmp_path / "a" / "b", all_facts)
    names = [p.name for p in (tmp_path / "a" / "b").iterdir()]
    assert names == [cache.file_name(KEY, BASE)]


def test_missing_file_reads_none(tmp_path: Path) -> None:
    """No cache file, no index."""
    assert cache.read(tmp_path, KEY, BASE) is None
    assert cache.read(tmp_path / "absent", KEY, BASE) is None


def test_file_of_another_key_reads_none(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """A cache file holding another key's index is not taken, whatever its name."""
    write(tmp_path / "mine", all_facts)
    write(tmp_path / "theirs", all_facts, key="other")
    shutil.copyfile(cache_file(tmp_path / "theirs"), cache_file(tmp_path / "mine"))
    assert cache.read(tmp_path / "mine", KEY, BASE) is None


@pytest.mark.parametrize("damage", ["random", "truncated", "empty", "flipped"])
def test_damaged_file_reads_none_or_recovers(
    tmp_path: Path, all_facts: tuple[object, ...], damage: str
) -> None:
    """Random, truncated, empty or bit-flipped files are never trusted: none, or a rebuild."""
    write(tmp_path, all_facts)
    path = cache_file(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "random":
        data = bytearray(random.Random(7).randbytes(len(data)))
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = bytearray()
    else:
        for at in random.Random(3).sample(range(4096, len(data)), 200):
            data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    path.chmod(0o600)
    db = cache.read(tmp_path, KEY, BASE)
    if db is None:
        return

    def recover() -> sqlite3.Connection:
        fresh = sqlite3.connect("", isolation_level=None)
        build.write(fresh, all_facts)  # type: ignore[arg-type]
        return fresh

    try:
        index = Index(db, recover)
    except store.DamagedIndex:
        return
    assert top(index) == HOSTS
    assert index.facts == all_facts


HOSTILE = {
    "record of the wrong shape": "UPDATE facts SET record = '[1, 2, 3]'",
    "record with a non-text title": "UPDATE facts SET record = json_set(record, '$[2]', 7)",
    "record nested deeply": "UPDATE facts SET record = '" + "[" * 100_000 + "'",
    "NaN weights": "UPDATE entries SET weights = 'nan' || substr(weights, instr(weights, ' '))",
    "a weight too few": "UPDATE entries SET weights = substr(weights, instr(weights, ' ') + 1)",
    "weights as a number": "UPDATE entries SET weights = 7",
    "traits of no known kind": "UPDATE entries SET traits = 7",
    "traits as text": "UPDATE entries SET traits = 'who'",
    "a missing entry row": "DELETE FROM entries WHERE number > 5",
    "postings naming a fact that is not there": (
        "UPDATE terms SET postings = x'F8FFFF0F' || postings"
    ),
    "postings naming no field": "UPDATE terms SET postings = x'07000000' || postings",
    "postings with a wrong checksum": "UPDATE terms SET crc = crc + 1",
    "a record edited, its checksum not (checksum)": (
        "UPDATE facts SET record = replace(record, '共同主办', '某某主办')"
    ),
    "an entry edited, its checksum not (checksum)": "UPDATE entries SET phrases = 'z:峰会'",
    "postings of odd length": "UPDATE terms SET postings = x'00' || postings",
    "postings as text": "UPDATE terms SET postings = 'hello'",
    "a missing fact row": "DELETE FROM facts WHERE number < 50",
    "a dense row a byte too long": "UPDATE terms SET postings = postings || x'00' WHERE holders",
    "a dense row naming no field": (
        "UPDATE terms SET postings = x'07' || substr(postings, 2) WHERE holders"
    ),
    "a dense row naming no fact": (
        "UPDATE terms SET postings = zeroblob(length(postings)) WHERE holders"
    ),
    "postings of no known form": "UPDATE terms SET holders = -1",
    "postings with a count as text": "UPDATE terms SET holders = 'many'",
    "postings with a fractional count": "UPDATE terms SET holders = holders + 0.5 WHERE holders",
    "a dense row held by more facts than there are": (
        "UPDATE terms SET holders = 10000000 WHERE holders"
    ),
    "packed postings read as dense, and dense as packed": (
        "UPDATE terms SET holders = CASE WHEN holders THEN 0 ELSE 1 END"
    ),
    "a traits column a byte short": "UPDATE columns SET data = substr(data, 2)",
    "traits no writer makes": "UPDATE columns SET data = x'FFFF' || substr(data, 3)",
    "a date with no precision": "UPDATE columns SET data = x'0300' || substr(data, 3)",
    "an entry's traits, a date with no precision": "UPDATE entries SET traits = 3",
    "a missing traits column": "DELETE FROM columns",
    "a traits column as text": "UPDATE columns SET data = 'who'",
}


def test_a_forged_count_within_bounds_misranks_but_crashes_nothing(
    tmp_path: Path, facts_copy: Path
) -> None:
    """A dense row's count, forged within its bounds with its checksum, is not recounted.

    It changes weights, as a forged posting would; every question set still runs.
    """
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    opener.open_index(Options(), environ).close()
    with sqlite3.connect(cache_file(tmp_path / "cache")) as db:
        db.create_function("postings_crc", 2, store.postings_crc)
        db.execute("UPDATE terms SET holders = 1 WHERE holders")
        db.execute("UPDATE terms SET crc = postings_crc(postings, holders)")
    index = opener.open_index(Options(), environ)
    assert index.count("z:峰会") == 1  # read as stored, not recounted
    for question in ("谁主办了峰会", "Who organized the summit?", "huada jiyin", "天气"):
        engine.search(index, question, limit=10)


@pytest.mark.parametrize(
    "value",
    ['["huadajiyin"]', '["huadajiyin", "organization.nobody"]', "[7, 8]", '{"a": 1}'],
)
def test_hostile_pinyin_names_are_rebuilt(tmp_path: Path, facts_copy: Path, value: str) -> None:
    """Pinyin names of entities of no known form are refused when a pinyin question reads them."""
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    opener.open_index(Options(), environ).close()
    path = cache_file(tmp_path / "cache")
    hostile = path.stat().st_ino
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE name = 'entity_pinyin'", (value,))
    index = opener.open_index(Options(), environ)
    assert top(index, "zhuban danwei shi shei") == HOSTS
    assert cache_file(tmp_path / "cache").stat().st_ino != hostile  # found, and replaced


@pytest.mark.parametrize("change", sorted(HOSTILE))
def test_hostile_records_are_rebuilt(
    tmp_path: Path, facts_copy: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A well-formed index file holding values its writer would not write is rebuilt (S1)."""
    monkeypatch.setattr(store, "_FEW_TRAITS", 0)  # read the traits column for every question
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    opener.open_index(Options(), environ).close()
    path = cache_file(tmp_path / "cache")
    hostile = path.stat().st_ino
    with sqlite3.connect(path) as db:
        db.create_function("crc32", 1, zlib.crc32)
        db.create_function("postings_crc", 2, store.postings_crc)
        db.create_function("text_crc", 1, store.text_crc)
        db.create_function("entry_crc", 4, store.entry_crc)
        db.execute(HOSTILE[change])
        if "checksum" not in change:  # a forger would fix the checksums: the checks must hold
            db.execute(
                "UPDATE terms SET crc = postings_crc(postings, holders)"
                " WHERE typeof(postings) = 'blob' AND typeof(holders) IN ('integer', 'real')"
            )
            db.execute("UPDATE facts SET crc = text_crc(record)")
            db.execute("UPDATE entries SET crc = entry_crc(traits, phrases, words, weights)")
            db.execute("UPDATE columns SET crc = crc32(data) WHERE typeof(data) = 'blob'")
    index = opener.open_index(Options(), environ)
    assert top(index) == HOSTS
    assert cache_file(tmp_path / "cache").stat().st_ino != hostile  # found, and replaced
    fresh = opener.open_index(Options(), environ)
    assert top(fresh) == HOSTS
    assert fresh.facts == index.facts


def test_hostile_schema_is_refused(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """An index file with an extra view or trigger (code SQLite would run) is not opened."""
    write(tmp_path, all_facts)
    path = cache_file(tmp_path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE VIEW v AS SELECT load_extension('/tmp/x')")
    assert cache.read(tmp_path, KEY, BASE) is None


def test_planted_pickle_runs_nothing(tmp_path: Path, facts_copy: Path) -> None:
    """S1: a pickle planted under any cache file name runs nothing and changes no answer."""
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    marker = tmp_path / "pwned"
    payload = (
        b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    )  # pickle protocol 0: os.system("touch ...")
    environ = {cache.CACHE_ENV: str(directory)}
    key = cache.cache_key(files.fact_files(files.directories(Options(), environ)))
    base = cache.base_id(files.directories(Options(), environ))
    for name in (cache.file_name(key, base), "index-00000000.pickle"):
        (directory / name).write_bytes(b"jmsummit-index\n00000000\n" + payload)
        (directory / name).chmod(0o600)
    assert top(opener.open_index(Options(), environ)) == HOSTS
    assert not marker.exists()
    assert (directory / "index-00000000.pickle").exists()  # not SQLite: never opened or removed


def test_directory_created_private_under_any_umask(tmp_path: Path) -> None:
    """S2: the cache directory and the parents it makes are 0700 even under umask 000."""
    old = os.umask(0)
    try:
        assert cache.usable_dir(tmp_path / "a" / "b") == (True, "")
    finally:
        os.umask(old)
    for path in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757, 0o1777])
def test_shared_directory_is_not_used(tmp_path: Path, facts_copy: Path, mode: int) -> None:
    """S2: an existing directory others can write to is not used: a warning, an answer."""
    directory = tmp_path / "shared"
    directory.mkdir()
    directory.chmod(mode)
    warnings: list[str] = []
    index = opener.open_index(Options(), {cache.CACHE_ENV: str(directory)}, None, warnings)
    assert top(index) == HOSTS
    assert len(warnings) == 1 and "writable by other users" in warnings[0]
    assert list(directory.iterdir()) == []


def test_directory_of_another_user_is_not_used(
    tmp_path: Path, facts_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """S1: a directory owned by someone else is neither read nor written, with a warning."""
    directory = tmp_path / "theirs"
    directory.mkdir(mode=0o700)
    real_uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real_uid + 1)
    warnings: list[str] = []
    index = opener.open_index(Options(), {cache.CACHE_ENV: str(directory)}, None, warnings)
    assert top(index) == HOSTS
    assert len(warnings) == 1 and f"belongs to uid {real_uid}" in warnings[0]
    assert list(directory.iterdir()) == []


def test_file_of_another_user_is_not_read(
    tmp_path: Path, all_facts: tuple[object, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache file not owned by the user (or writable by others) is not opened."""
    write(tmp_path, all_facts)
    path = cache_file(tmp_path)
    path.chmod(0o622)
    assert cache.read(tmp_path, KEY, BASE) is None
    path.chmod(0o600)
    real_uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real_uid + 1)
    assert cache.read(tmp_path, KEY, BASE) is None


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "symlink to an index", "dir"])
def test_planted_special_file_is_ignored(tmp_path: Path, facts_copy: Path, kind: str) -> None:
    """S3: a FIFO, device link, symlink or directory under the file's name: no hang, an answer."""
    directory = tmp_path / "cache"
    environ = {cache.CACHE_ENV: str(directory)}
    opener.open_index(Options(), environ).close()
    path = cache_file(directory)
    real = tmp_path / "elsewhere.sqlite"
    shutil.move(path, real)
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "dir":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero" if "zero" in kind else real)
    assert cache.read(directory, *_key_and_base(environ)) is None
    assert top(opener.open_index(Options(), environ)) == HOSTS


def _key_and_base(environ: dict[str, str]) -> tuple[str, str]:
    directories = files.directories(Options(), environ)
    return cache.cache_key(files.fact_files(directories)), cache.base_id(directories)


def test_key_follows_the_building_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """W6: the key holds a checksum of the loader and search code: edit one, rebuild."""
    checksum = cache._code()
    assert len(checksum) == 8 and checksum == cache._code()
    assert checksum in cache.cache_key([])
    monkeypatch.setattr(cache, "_CODE_DIRS", ("base",))
    assert cache._code() != checksum
    monkeypatch.setattr(cache, "_CODE_DIRS", ("no-such-directory",))
    assert cache._code() == "-"


def test_key_follows_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    """W6: the installed versions of pypinyin, opencc and rapidfuzz are part of the key."""
    import pypinyin

    libraries = cache._libraries()
    assert f"pypinyin={pypinyin.__version__}" in libraries
    assert "opencc=" in libraries and "rapidfuzz=" in libraries and "?" not in libraries
    assert libraries in cache.cache_key([])


@pytest.mark.parametrize("how", ["touch -r", "cp -p"])
def test_same_size_and_mtime_edit_is_noticed(tmp_path: Path, facts_copy: Path, how: str) -> None:
    """W1: an edit that keeps the size and restores the mtime still gets the new answer."""
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    opener.open_index(Options(), environ).close()
    target = facts_copy / "organizers.toml"
    before = target.stat()
    text = target.read_text("utf-8")
    assert "共同主办。" in text
    edited = text.replace("共同主办。", "共同举办。", 1)  # same length in UTF-8
    if how == "touch -r":
        target.write_text(edited, encoding="utf-8")
    else:
        staged = tmp_path / "staged.toml"
        staged.write_text(edited, encoding="utf-8")
        shutil.copy2(staged, target)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = target.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    index = opener.open_index(Options(), environ)
    hosts = next(f for f in index.facts if f.id == HOSTS)
    assert "共同举办" in hosts.answer


def test_unwritable_directory(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """A cache directory under a regular file is not usable, and write returns None."""
    blocker = tmp_path / "file"
    blocker.write_text("I am a file", encoding="utf-8")
    assert cache.usable_dir(blocker / "cache") == (False, "")
    assert cache.write(blocker / "cache", KEY, BASE, all_facts) is None  # type: ignore[arg-type]
    assert cache.read(blocker / "cache", KEY, BASE) is None


@pytest.fixture
def facts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Copy part of facts/ (small, so quick to index) and make it the bundled base."""
    copy = tmp_path / "facts"
    copy.mkdir()
    for name in ("organizers.toml", "event.toml", "entities.toml", "categories.toml"):
        shutil.copy2(FACTS_DIR / name, copy / name)
    monkeypatch.setattr(files, "bundled_facts_dir", lambda: copy)
    yield copy


def test_open_index_with_unwritable_cache_still_answers(tmp_path: Path, facts_copy: Path) -> None:
    """open_index builds and answers when the cache directory cannot be created."""
    blocker = tmp_path / "file"
    blocker.write_text("I am a file", encoding="utf-8")
    warnings: list[str] = []
    environ = {cache.CACHE_ENV: str(blocker / "cache")}
    assert top(opener.open_index(Options(), environ, None, warnings)) == HOSTS
    assert warnings == []


def test_racing_writes_leave_readable_file(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """Threads writing the same key at once leave one whole, readable file."""
    assert cache.usable_dir(tmp_path) == (True, "")
    barrier = threading.Barrier(3)
    outcomes: list[bool] = []

    def writer() -> None:
        barrier.wait()
        for _ in range(2):
            db = cache.write(tmp_path, KEY, BASE, all_facts)  # type: ignore[arg-type]
            outcomes.append(db is not None)

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [True] * 6
    db = cache.read(tmp_path, KEY, BASE)
    assert db is not None
    assert Index(db).facts == all_facts
    assert [p.name for p in tmp_path.iterdir()] == [cache_file(tmp_path).name]


def test_open_index_uses_then_invalidates_cache(tmp_path: Path, facts_copy: Path) -> None:
    """A second open reads the cache; touching a fact file forces a rebuild."""
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    builds: list[int] = []

    def progress(done: int, total: int) -> None:
        if done == 0:
            builds.append(total)

    first = opener.open_index(Options(), environ, progress)
    assert len(builds) == 1
    second = opener.open_index(Options(), environ, progress)
    assert len(builds) == 1
    assert second.facts == first.facts
    os.utime(facts_copy / "organizers.toml")
    opener.open_index(Options(), environ, progress)
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").iterdir())) == 1  # the new index replaced the old


def test_no_cache_option_writes_nothing(tmp_path: Path, facts_copy: Path) -> None:
    """Options(use_cache=False) neither reads nor writes the cache directory."""
    directory = tmp_path / "cache"
    index = opener.open_index(Options(use_cache=False), {cache.CACHE_ENV: str(directory)})
    assert top(index) == HOSTS
    assert not directory.exists()


def test_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JMSUMMIT_CACHE_DIR beats XDG_CACHE_HOME, which beats ~/.cache; no home, no cache."""
    explicit = cache.cache_dir({cache.CACHE_ENV: str(tmp_path / "x"), "XDG_CACHE_HOME": "/xdg"})
    assert explicit == tmp_path / "x"
    assert cache.cache_dir({"XDG_CACHE_HOME": "/xdg"}) == Path("/xdg/jmsummit")
    assert cache.cache_dir({}) == Path.home() / ".cache" / "jmsummit"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir({}) is None


def _plant(directory: Path, name: str, content: bytes, age: float = 0) -> Path:
    path = directory / name
    path.write_bytes(content)
    if age:
        old = time.time() - age
        os.utime(path, (old, old))
    return path


def test_prune_removes_only_its_own_files(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """W2: files with our names but other content, and other names, survive a write."""
    assert cache.usable_dir(tmp_path) == (True, "")
    month = 40 * 24 * 3600
    survivors = [
        _plant(tmp_path, "index-embeddings.pickle", b"my precious model", month),
        _plant(tmp_path, ".index-notes.tmp", b"notes", month),
        _plant(tmp_path, "index-0000base-11111111.sqlite", b"not ours at all" * 10, month),
        _plant(tmp_path, "notes.txt", b"x", month),
    ]
    ours = _plant(tmp_path, ".index-1-abc.tmp", cache_file_bytes(all_facts, tmp_path), month)
    ours.chmod(0o600)
    write(tmp_path, all_facts)
    assert all(path.exists() for path in survivors)
    assert not ours.exists()  # a killed writer's leftover, with our header


def cache_file_bytes(facts: tuple[object, ...], scratch: Path) -> bytes:
    """The bytes of a real index file, written in a scratch directory."""
    write(scratch / "scratch", facts, key="scratch")
    return cache_file(scratch / "scratch").read_bytes()


def test_prune_keeps_the_newest_few(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """W2: of our own index files, the KEEP most recently used stay; the same base's old goes."""
    write(tmp_path, all_facts, key="old of this base")
    old_of_base = cache_file(tmp_path)
    template = old_of_base.read_bytes()
    others = []
    for number in range(cache.KEEP + 3):
        others.append(_plant(tmp_path, f"index-{number:08x}-00000000.sqlite", template, number))
        others[-1].chmod(0o600)
    write(tmp_path, all_facts)
    assert not old_of_base.exists()
    kept = sorted(p.name for p in tmp_path.glob("index-*.sqlite"))
    assert len(kept) == cache.KEEP
    assert cache.file_name(KEY, BASE) in kept
    assert [p.exists() for p in others] == [True] * (cache.KEEP - 1) + [False] * 4


def test_read_refreshes_an_old_mtime(tmp_path: Path, all_facts: tuple[object, ...]) -> None:
    """Reading an index marks it as used (its mtime), which is what pruning orders by."""
    write(tmp_path, all_facts)
    path = cache_file(tmp_path)
    old = time.time() - 3 * 24 * 3600
    os.utime(path, (old, old))
    assert cache.read(tmp_path, KEY, BASE) is not None
    assert path.stat().st_mtime > old + 60


def test_fact_records_round_trip(real_base: FactBase) -> None:
    """Every bundled fact comes back from its index record unchanged (source.also too)."""
    for fact in real_base.facts:
        assert records.fact_from_json(records.fact_to_json(fact)) == fact


def test_key_covers_the_word_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Editing a vocabulary file changes the code checksum in the cache key."""
    before = cache._code()
    copy = tmp_path / "vocab"
    copy.mkdir()
    for path in vocabulary.files():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "en_stopwords.txt").write_text("changed\n", "utf-8")
    monkeypatch.setattr(vocabulary, "DIRECTORY", copy)
    assert cache._code() != before


def test_entries_a_full_cache_drops_are_read_again(
    real_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the entry cache starts again, every entry asked for is held, not just the new ones."""
    monkeypatch.setattr(store, "_ENTRY_CACHE", 3)
    real_index.load([0, 1])
    assert len(real_index.traits([1, 2, 3])) == 3  # 1 was held before the cache started again
