"""A bounded, seeded fuzz run of the whole CLI (tests/clifuzz.py holds the generator)."""

from __future__ import annotations

import random
from pathlib import Path

import clifuzz  # tests/clifuzz.py: pytest puts this directory on sys.path

RUNS = 40  # about 10 s on two cores; `uv run python tests/clifuzz.py --runs 2000` for more


def test_fuzzed_cli_runs_end_in_documented_ways(warm_cache_dir: Path) -> None:
    """Mutated facts, hostile queries, random settings and encodings: no run misbehaves."""
    failures = clifuzz.fuzz(seed=17, runs=RUNS, cache_dir=warm_cache_dir)
    assert failures == []


def test_fuzz_cases_are_reproducible() -> None:
    """The same seed gives the same cases, so a CI failure can be replayed."""
    first = [clifuzz.make_case(random.Random(5)) for _ in range(3)]
    again = [clifuzz.make_case(random.Random(5)) for _ in range(3)]
    assert first == again
    assert len({repr(case.args) for case in first}) > 1 or first[0].fact_text is not None
