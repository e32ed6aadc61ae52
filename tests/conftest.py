"""Shared fixtures: the real index built once per session, a warm cache, a clean environment."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jmsummit.base import files, loader
from jmsummit.base.factbase import FactBase
from jmsummit.base.options import Options
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.search import cache, opener
from jmsummit.search.index import Index

Invoke = Callable[..., Result]

# Settings that would change what the tool prints; tests set the ones they need.
_OUTSIDE_SETTINGS = (
    "JMSUMMIT_FACTS",
    "JMSUMMIT_LANG",
    "JMSUMMIT_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
)


@pytest.fixture(scope="session")
def session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Make a cache directory private to this test session."""
    return tmp_path_factory.mktemp("jmsummit-cache")


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(session_cache_dir: Path) -> Iterator[None]:
    """Keep every test away from ~/.cache and from the caller's JMSUMMIT_* settings."""
    with pytest.MonkeyPatch.context() as patch:
        for name in _OUTSIDE_SETTINGS:
            patch.delenv(name, raising=False)
        patch.setenv(cache.CACHE_ENV, str(session_cache_dir))
        yield


@pytest.fixture(scope="session")
def real_base() -> FactBase:
    """Load the bundled fact base once."""
    return loader.load([files.bundled_facts_dir()])


@pytest.fixture(scope="session")
def real_index(session_cache_dir: Path) -> Index:
    """Build the bundled base's index once (the session's cache starts empty, and gets it)."""
    builds: list[tuple[int, int]] = []
    environ = {cache.CACHE_ENV: str(session_cache_dir)}
    index = opener.open_index(Options(), environ, lambda *done_total: builds.append(done_total))
    assert builds, "the session cache directory should start empty"
    return index


@pytest.fixture(scope="session")
def warm_cache_dir(session_cache_dir: Path, real_index: Index) -> Path:
    """Return the session cache directory, which holds the real index under its current key."""
    return session_cache_dir


@pytest.fixture
def invoke(warm_cache_dir: Path) -> Invoke:
    """Run the app with an injected, non-interactive Environment and a warm private cache.

    Used by the CLI wiring tests (test_cli, test_pipelines).
    """

    def run(
        args: Sequence[str],
        input: str | bytes | None = None,
        environ: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        stdin_isatty: bool = False,
    ) -> Result:
        obj = Environment(
            stdin_isatty=stdin_isatty,
            stdout_isatty=False,
            environ={
                cache.CACHE_ENV: str(warm_cache_dir),
                "COLUMNS": "100",
                "NO_COLOR": "1",
                **(environ or {}),
            },
        )
        return CliRunner().invoke(app, list(args), input=input, obj=obj, env=env)

    return run
