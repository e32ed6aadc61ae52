"""Property and fuzz tests: arbitrary queries via the CLI, mutated fact files via the loader."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jmsummit.base import files, loader
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import FactBaseError
from jmsummit.search import cache

DOCUMENTED_EXIT_CODES = {0, 1, 2}

# Text that stresses the CLI: combining marks, right-to-left, emoji, controls, markup.
HOSTILE = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            ["\u0301", "\u202e", "\U0001f600", "\x1b", "\x9b", "[/]", "[bold]", "\x00"]
        ),
    ),
    max_size=40,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=HOSTILE)
def test_any_query_gives_parseable_json_and_a_documented_exit_code(
    query: str, warm_cache_dir: Path
) -> None:
    """`ask QUERY --json` never crashes: JSON parses (or usage error 2), documented exit code."""
    assume(query != "-")  # '-' is documented to mean: read the questions from stdin
    obj = Environment(environ={cache.CACHE_ENV: str(warm_cache_dir)})
    result = CliRunner().invoke(app, ["ask", "--json", "--", query], obj=obj)
    assert result.exit_code in DOCUMENTED_EXIT_CODES, result.output
    assert "Traceback" not in result.output
    if result.exit_code != 2:
        assert isinstance(json.loads(result.stdout)["results"], list)


def _mutations(text: str, rng: random.Random, count: int) -> list[str]:
    """Copies of `text` with a few characters deleted, duplicated or replaced."""
    pool = [*'="[]{},.#\n\\ abc0123', "\x00", "é", "主"]
    variants = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(chars))
            action = rng.choice(("delete", "duplicate", "replace"))
            if action == "delete":
                del chars[at]
            elif action == "duplicate":
                chars.insert(at, chars[at])
            else:
                chars[at] = rng.choice(pool)
        variants.append("".join(chars))
    return variants


@pytest.mark.parametrize("name", ["organizers.toml", "agreements.toml", "event.toml"])
def test_mutated_fact_files_load_or_fail_with_one_line(name: str, tmp_path: Path) -> None:
    """Each mutated real fact file loads, or raises FactBaseError with one line naming it."""
    original = (files.bundled_facts_dir() / name).read_text("utf-8")
    rng = random.Random(name)
    for number, variant in enumerate(_mutations(original, rng, 40)):
        path = tmp_path / f"{number:02d}.toml"
        path.write_text(variant, "utf-8")
        try:
            loader.load_file(path)
        except FactBaseError as error:
            assert "\n" not in error.message
            assert str(path) in error.message
