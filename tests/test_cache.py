"""The index cache: round trips, and every kind of damage means 'rebuild', never a crash."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import random
import shutil
import threading
import time
from pathlib import Path

import pytest

from jmsummit.base import files
from jmsummit.base.options import Options
from jmsummit.search import cache, engine, opener
from jmsummit.search.index import Index

FACTS_DIR = Path(__file__).resolve().parent.parent / "facts"
KEY = hashlib.sha256(b"test key").hexdigest()


def cache_file(directory: Path) -> Path:
    """Return the one index file `write` left in `directory` (whatever its name)."""
    files = list(directory.glob("index-*"))
    assert len(files) == 1, files
    return files[0]


def test_round_trip(tmp_path: Path, real_index: Index) -> None:
    """What write stores, read returns, equal and still searchable."""
    assert cache.write(tmp_path, KEY, real_index) is True
    loaded = cache.read(tmp_path, KEY)
    assert isinstance(loaded, Index)
    assert loaded.facts == real_index.facts
    assert loaded.postings == real_index.postings
    assert engine.search(loaded, "谁主办了峰会") == engine.search(real_index, "谁主办了峰会")


def test_write_creates_directory(tmp_path: Path, real_index: Index) -> None:
    """Writing makes missing parent directories and leaves no temporary file."""
    directory = tmp_path / "a" / "b"
    assert cache.write(directory, KEY, real_index)
    assert cache_file(directory).is_file()
    assert [p.name for p in directory.iterdir()] == [cache_file(directory).name]


def test_missing_file_reads_none(tmp_path: Path) -> None:
    """No cache file, no index."""
    assert cache.read(tmp_path, KEY) is None
    assert cache.read(tmp_path / "absent", KEY) is None


def test_stale_key_reads_none(tmp_path: Path, real_index: Index) -> None:
    """A different key (another fact base state) finds nothing."""
    cache.write(tmp_path, KEY, real_index)
    assert cache.read(tmp_path, hashlib.sha256(b"other").hexdigest()) is None


def test_file_of_another_key_reads_none(tmp_path: Path, real_index: Index) -> None:
    """A cache file holding another key's index is not taken, whatever its name."""
    other = hashlib.sha256(b"other").hexdigest()
    cache.write(tmp_path / "mine", KEY, real_index)
    cache.write(tmp_path / "theirs", other, real_index)
    shutil.copyfile(cache_file(tmp_path / "theirs"), cache_file(tmp_path / "mine"))
    assert cache.read(tmp_path / "mine", KEY) is None
    assert cache.read(tmp_path / "mine", other) is None


def test_corrupt_file_reads_none(tmp_path: Path, real_index: Index) -> None:
    """Random bytes in place of the cache file read as no cache."""
    cache.write(tmp_path, KEY, real_index)
    path = cache_file(tmp_path)
    path.write_bytes(random.Random(7).randbytes(4096))
    assert cache.read(tmp_path, KEY) is None


def test_truncated_file_reads_none(tmp_path: Path, real_index: Index) -> None:
    """A half-written (truncated) cache file reads as no cache."""
    cache.write(tmp_path, KEY, real_index)
    path = cache_file(tmp_path)
    data = path.read_bytes()
    for size in (0, 10, len(data) // 2, len(data) - 1):
        path.write_bytes(data[:size])
        assert cache.read(tmp_path, KEY) is None, size


def test_altered_payload_reads_none(tmp_path: Path, real_index: Index) -> None:
    """A valid header over a changed payload fails the digest check."""
    cache.write(tmp_path, KEY, real_index)
    path = cache_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.read(tmp_path, KEY) is None


def test_whole_file_without_an_index_reads_none(tmp_path: Path) -> None:
    """A well-formed file whose payload is not an Index reads as no cache."""
    assert cache.write(tmp_path, KEY, "not an index")  # type: ignore[arg-type]
    assert cache.read(tmp_path, KEY) is None


def test_entries_of_another_shape_read_none(tmp_path: Path, real_index: Index) -> None:
    """An index whose fact entries no longer unpickle (a changed class) reads as no cache."""
    broken = dataclasses.replace(real_index, entries=(b"not a pickle",) * real_index.size)
    assert cache.write(tmp_path, KEY, broken)
    assert cache.read(tmp_path, KEY) is None


def test_index_missing_a_field_reads_none(tmp_path: Path, real_index: Index) -> None:
    """An index pickled by older code, without a field this code has, reads as no cache."""
    old = pickle.loads(pickle.dumps(real_index))
    del old.__dict__["pinyin_cues"]
    assert cache.write(tmp_path, KEY, old)
    assert cache.read(tmp_path, KEY) is None


def test_key_follows_the_building_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key holds a checksum of the modules a build depends on: edit one, rebuild."""
    checksum = cache._builder()
    assert len(checksum) == 8 and checksum == cache._builder()
    assert checksum in cache.cache_key([])
    monkeypatch.setattr(cache, "_BUILDERS", ("base/models.py",))
    assert cache._builder() != checksum
    monkeypatch.setattr(cache, "_BUILDERS", ("no-such-module.py",))
    assert cache._builder() == "-"


def test_pickled_index_leaves_out_decoded_entries(real_index: Index) -> None:
    """Facts decoded by earlier queries are not written into the cache again."""
    real_index.fact(0)
    clone = pickle.loads(pickle.dumps(real_index))
    assert clone.postings == real_index.postings
    assert not clone._decoded


def test_unwritable_directory(tmp_path: Path, real_index: Index) -> None:
    """A cache directory under a regular file makes write return False, not raise."""
    blocker = tmp_path / "file"
    blocker.write_text("I am a file", encoding="utf-8")
    assert cache.write(blocker / "cache", KEY, real_index) is False
    assert cache.read(blocker / "cache", KEY) is None


@pytest.fixture
def facts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy part of facts/ (small, so quick to index) and make it the bundled base."""
    copy = tmp_path / "facts"
    copy.mkdir()
    for name in ("organizers.toml", "event.toml", "entities.toml", "categories.toml"):
        shutil.copy2(FACTS_DIR / name, copy / name)
    monkeypatch.setattr(files, "bundled_facts_dir", lambda: copy)
    return copy


def test_open_index_with_unwritable_cache_still_answers(tmp_path: Path, facts_copy: Path) -> None:
    """open_index builds and answers when the cache directory cannot be created."""
    blocker = tmp_path / "file"
    blocker.write_text("I am a file", encoding="utf-8")
    environ = {cache.CACHE_ENV: str(blocker / "cache")}
    index = opener.open_index(Options(), environ)
    assert engine.search(index, "谁主办了峰会").matches[0].fact.id == "organizers.hosts"


def test_racing_writes_leave_readable_file(tmp_path: Path, real_index: Index) -> None:
    """Threads writing the same key at once leave one whole, readable file."""
    barrier = threading.Barrier(4)
    outcomes: list[bool] = []

    def writer() -> None:
        barrier.wait()
        for _ in range(3):
            outcomes.append(cache.write(tmp_path, KEY, real_index))

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [True] * 12
    loaded = cache.read(tmp_path, KEY)
    assert loaded is not None
    assert loaded.facts == real_index.facts
    assert [p.name for p in tmp_path.iterdir()] == [cache_file(tmp_path).name]


def test_open_index_uses_then_invalidates_cache(tmp_path: Path, facts_copy: Path) -> None:
    """A second open reads the cache; changing a fact file's mtime forces a rebuild."""
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

    target = facts_copy / "organizers.toml"
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    opener.open_index(Options(), environ, progress)
    assert len(builds) == 2


def test_open_index_sees_edited_fact(tmp_path: Path, facts_copy: Path) -> None:
    """After a fact file is edited, the index answers with the new text, not the cached one."""
    environ = {cache.CACHE_ENV: str(tmp_path / "cache")}
    opener.open_index(Options(), environ)
    target = facts_copy / "organizers.toml"
    stat = target.stat()
    text = target.read_text("utf-8")
    assert "共同主办。" in text
    target.write_text(text.replace("共同主办。", "共同主办（已修改）。", 1), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    index = opener.open_index(Options(), environ)
    hosts = next(f for f in index.facts if f.id == "organizers.hosts")
    assert "已修改" in hosts.answer


def test_no_cache_option_writes_nothing(tmp_path: Path, facts_copy: Path) -> None:
    """Options(use_cache=False) neither reads nor writes the cache directory."""
    directory = tmp_path / "cache"
    opener.open_index(Options(use_cache=False), {cache.CACHE_ENV: str(directory)})
    assert not directory.exists()


def test_cache_dir_precedence(tmp_path: Path) -> None:
    """JMSUMMIT_CACHE_DIR beats XDG_CACHE_HOME, which beats ~/.cache."""
    explicit = cache.cache_dir({cache.CACHE_ENV: str(tmp_path / "x"), "XDG_CACHE_HOME": "/xdg"})
    assert explicit == tmp_path / "x"
    assert cache.cache_dir({"XDG_CACHE_HOME": "/xdg"}) == Path("/xdg/jmsummit")
    assert cache.cache_dir({}) == Path.home() / ".cache" / "jmsummit"


def test_write_prunes_long_unused_index_files(tmp_path: Path, real_index: Index) -> None:
    """A write removes index and temporary files unused for STALE_AFTER, and only those."""
    old = time.time() - cache.STALE_AFTER - 60
    stale = tmp_path / "index-00000000.pickle"
    leftover = tmp_path / ".index-abc.tmp"
    recent = tmp_path / "index-11111111.pickle"
    unrelated = tmp_path / "notes.txt"
    for path in (stale, leftover, recent, unrelated):
        path.write_bytes(b"x")
    for path in (stale, leftover, unrelated):
        os.utime(path, (old, old))
    assert cache.write(tmp_path, "key", real_index)
    assert not stale.exists() and not leftover.exists()
    assert recent.exists() and unrelated.exists()
    assert len(list(tmp_path.glob("index-*.pickle"))) == 2  # the recent one and the new one


def test_read_refreshes_an_old_mtime(tmp_path: Path, real_index: Index) -> None:
    """Reading an index marks it as used, so a write for another key does not prune it."""
    assert cache.write(tmp_path, "key", real_index)
    path = cache_file(tmp_path)
    old = time.time() - cache.STALE_AFTER - 60
    os.utime(path, (old, old))
    assert cache.read(tmp_path, "key") is not None
    assert path.stat().st_mtime > old + 60
    assert cache.write(tmp_path, "other key", real_index)
    assert path.exists()
