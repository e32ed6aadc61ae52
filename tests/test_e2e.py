"""End to end: the installed entry points in real subprocesses, and the built wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / ("jmsummit.exe" if os.name == "nt" else "jmsummit")
TOOL_SETTINGS = ("JMSUMMIT_FACTS", "JMSUMMIT_LANG", "JMSUMMIT_DEBUG", "NO_COLOR", "FORCE_COLOR")


def tool_env(cache_dir: Path) -> dict[str, str]:
    """Return os.environ minus the tool's settings, with a private cache."""
    environ = {k: v for k, v in os.environ.items() if k not in TOOL_SETTINGS}
    environ["JMSUMMIT_CACHE_DIR"] = str(cache_dir)
    return environ


def run(command: list[str], cache_dir: Path) -> subprocess.CompletedProcess[bytes]:
    """Run a command to completion with the tool's environment."""
    return subprocess.run(
        command, env=tool_env(cache_dir), capture_output=True, timeout=60, check=False
    )


def test_module_ask_json(tmp_path: Path) -> None:
    """`python -m jmsummit ask 谁主办了峰会 --json` answers and fills the private cache."""
    cache_dir = tmp_path / "cache"
    done = run([sys.executable, "-m", "jmsummit", "ask", "谁主办了峰会", "--json"], cache_dir)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["results"][0]["id"] == "organizers.hosts"
    assert any(cache_dir.iterdir())
    assert done.stderr == b""


def test_console_script(tmp_path: Path) -> None:
    """The `jmsummit` console script answers in English, and exits 1 on no answer."""
    if not SCRIPT.exists():
        pytest.skip(f"no console script at {SCRIPT}")
    cache_dir = tmp_path / "cache"
    done = run([str(SCRIPT), "ask", "Who hosted the summit?", "--lang", "en"], cache_dir)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert "co-hosted" in done.stdout.decode("utf-8")
    missing = run([str(SCRIPT), "ask", "What is the capital of France?"], cache_dir)
    assert missing.returncode == 1
    assert missing.stdout == b""
    assert b"no confident answer" in missing.stderr


def read_one_line_then_close(command: list[str], cache_dir: Path) -> tuple[bytes, str, int]:
    """Start `command`, read one line of its stdout, close the pipe; (line, stderr, exit code)."""
    with subprocess.Popen(
        command, env=tool_env(cache_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode("utf-8", errors="replace")
        code = process.wait(timeout=60)
    return first, stderr, code


# jsonl is ~90 kB written line by line: more than a pipe holds, so the writer must hit EPIPE.
@pytest.mark.parametrize("fmt", ["plain", "jsonl", "json", "table"])
def test_reader_closing_pipe_early(tmp_path: Path, fmt: str) -> None:
    """`jmsummit list | head -1`: a reader that leaves early causes no traceback or warning."""
    command = [sys.executable, "-m", "jmsummit", "list", "--format", fmt]
    first, stderr, code = read_one_line_then_close(command, tmp_path / "cache")
    assert first.strip()
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    assert "BrokenPipeError" not in stderr
    assert stderr == ""
    assert code in (0, 1), code  # see test_reader_closing_pipe_exit_code


def test_reader_closing_pipe_exit_code(tmp_path: Path) -> None:
    """A reader leaving early ends the tool quietly with exit 0, as __main__ intends."""
    command = [sys.executable, "-m", "jmsummit", "list", "--format", "jsonl"]
    _, _, code = read_one_line_then_close(command, tmp_path / "cache")
    assert code == 0


def test_wheel_carries_every_fact_file(tmp_path: Path) -> None:
    """The built wheel contains jmsummit/facts/<name>.toml for every facts/*.toml."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    done = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(REPO)],
        capture_output=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    if done.returncode != 0:
        pytest.skip(f"uv build failed (offline?): {done.stderr.decode(errors='replace')[-300:]}")
    wheels = list(tmp_path.glob("jmsummit-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    expected = {f"jmsummit/facts/{path.name}" for path in (REPO / "facts").glob("*.toml")}
    assert expected
    assert expected <= names, sorted(expected - names)
    assert "jmsummit/__main__.py" in names
