"""The process's streams and environment: encodings, closed or full streams, start-up Ctrl-C.

These run the tool in real subprocesses, because what they test is what Python sets up
before any jmsummit code runs: stream encodings, closed descriptors, $HOME.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jmsummit.cli import commands
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import ExitCode
from jmsummit.search import cache
from jmsummit.search.normalize import MAX_QUERY_CHARS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX descriptors and /dev/full")

TOOL_SETTINGS = ("JMSUMMIT_FACTS", "JMSUMMIT_LANG", "JMSUMMIT_DEBUG", "NO_COLOR", "FORCE_COLOR")
ASK = ["ask", "主办单位"]
NO_ANSWER = ["ask", "Who is the mayor of Wuhan?"]


@pytest.fixture
def tool(warm_cache_dir: Path) -> Callable[..., subprocess.CompletedProcess[bytes]]:
    """Run `python -m jmsummit ARGS` with a warm private cache and extra environment."""

    def run(
        args: list[str],
        extra: dict[str, str] | None = None,
        close: tuple[int, ...] = (),
        **popen: object,
    ) -> subprocess.CompletedProcess[bytes]:
        environ = {k: v for k, v in os.environ.items() if k not in TOOL_SETTINGS}
        environ.update({cache.CACHE_ENV: str(warm_cache_dir), **(extra or {})})
        popen.setdefault("stdout", subprocess.PIPE)
        popen.setdefault("stderr", subprocess.PIPE)

        def close_descriptors() -> None:
            for number in close:
                os.close(number)

        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            [sys.executable, "-m", "jmsummit", *args],
            env=environ,
            preexec_fn=close_descriptors if close else None,
            timeout=60,
            check=False,
            **popen,
        )

    return run


Tool = Callable[..., subprocess.CompletedProcess[bytes]]


# -- C3: stdout that is not UTF-8 --------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gbk"])
def test_json_stays_valid_on_a_non_utf8_stdout(tool: Tool, encoding: str) -> None:
    """JSON is ASCII-escaped on a stdout that is not UTF-8, and parses to the same text."""
    done = tool([*ASK, "--json"], {"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    record = json.loads(done.stdout)
    assert record["query"] == "主办单位"
    assert record["results"][0]["id"] == "organizers.hosts"


@pytest.mark.parametrize(
    ("fmt", "encoding"), [("plain", "ascii"), ("table", "gbk"), ("csv", "ascii"), ("tsv", "gbk")]
)
def test_text_formats_escape_what_stdout_cannot_hold(tool: Tool, fmt: str, encoding: str) -> None:
    """Text the stream's encoding cannot hold (Chinese in ASCII, ¶ in GBK) is escaped."""
    done = tool([*ASK, "--format", fmt], {"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode(encoding)
    assert "organizers.hosts" in text or "China Center" in text
    if encoding == "ascii":
        assert "\\u4e3b" in text or "\\u56fd" in text


def test_batch_replacement_character_on_gbk(tool: Tool) -> None:
    """An undecodable input byte (U+FFFD, which GBK lacks) does not stop a GBK batch."""
    done = tool(
        ["ask", "-"], {"PYTHONIOENCODING": "gbk"}, input=b"\xff\n\xe4\xb8\xbb\xe5\x8a\x9e\n"
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.decode("gbk").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("\\ufffd")


# -- C4: a fact directory whose name is not UTF-8 ------------------------------------------


@pytest.mark.parametrize("fmt", ["plain", "table", "json"])
def test_non_utf8_directory_name(tool: Tool, tmp_path: Path, fmt: str) -> None:
    """A fact directory named with a byte that is not UTF-8 loads and prints escaped."""
    directory = os.fsdecode(bytes(tmp_path) + b"/sur\xffdir")
    os.mkdir(directory)
    Path(directory, "extra.toml").write_text(
        '[[fact]]\nid = "extra.x"\ncategory = "extra"\ntitle = "测试"\ntitle_en = "t"\n'
        'answer = "测试"\nanswer_en = "t"\nsource = { paragraph = 2, evidence = ["x"] }\n',
        "utf-8",
    )
    done = tool(
        ["show", "extra.x", "--facts", directory, "--format", fmt],
        {"PYTHONIOENCODING": "utf-8:strict"},
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    if fmt == "json":
        assert json.loads(text)["id"] == "extra.x"
    else:
        assert "sur\\udcffdir" in text


# -- C6: closed stdin or stdout ----------------------------------------------------------


@pytest.mark.parametrize("args", [ASK, ["--help"]])
def test_closed_stdout(tool: Tool, args: list[str]) -> None:
    """With stdout closed (>&-): one line on stderr and exit 74, for any command."""
    done = tool(args, close=(1,), stdout=None)
    assert done.returncode == 74
    assert done.stderr == b"jmsummit: cannot write output: standard output is closed\n"


def test_closed_stdin(tool: Tool) -> None:
    """`ask -` with stdin closed (<&-) is unreadable input: one line, exit 2."""
    done = tool(["ask", "-"], close=(0,), stdin=None)
    assert done.returncode == 2
    assert done.stderr == b"jmsummit: cannot read standard input: it is closed\n"


# -- C8: a full stdout -----------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["--version"], ASK])
def test_full_stdout(tool: Tool, args: list[str]) -> None:
    """Output into /dev/full: one line naming the cause, exit 74, no traceback."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        done = tool(args, stdout=full)
    assert done.returncode == 74
    assert done.stderr == b"jmsummit: cannot write output: No space left on device\n"


# -- C9: stderr closed, full, or a broken pipe ----------------------------------------------


def _broken_pipe() -> int:
    """The write end of a pipe whose reader is already gone."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize(
    ("stderr", "args", "code"),
    [
        ("closed", ["ask", "   "], 2),
        ("full", ["ask", "   "], 2),
        ("broken pipe", ["ask", "   "], 2),
        ("closed", NO_ANSWER, 1),
        ("broken pipe", NO_ANSWER, 1),
        ("full", ["ask", "--bogus"], 2),
        ("broken pipe", ["validate", "--facts", "/nowhere"], 2),
    ],
)
def test_unwritable_stderr_keeps_the_exit_code(
    tool: Tool, stderr: str, args: list[str], code: int
) -> None:
    """A message that cannot reach stderr changes nothing: same exit code, nothing raised."""
    if stderr == "closed":
        done = tool(args, close=(2,), stderr=None)
    elif stderr == "full":
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        with open("/dev/full", "wb") as full:
            done = tool(args, stderr=full)
    else:
        write = _broken_pipe()
        try:
            done = tool(args, stderr=write)
        finally:
            os.close(write)
    assert done.returncode == code


# -- C10: Ctrl-C while the tool is still importing -----------------------------------------

INTERRUPT_AT_IMPORT = """
import sys

AT = sys.argv[1]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == AT:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["jmsummit", "ask", "主办单位"]
from jmsummit.__main__ import main
main()
"""


@pytest.mark.parametrize(
    "module",
    [
        "jmsummit.environment",
        "jmsummit.cli.fastpath",
        "jmsummit.cli.commands",
        "jmsummit.search.engine",
    ],
)
def test_ctrl_c_during_start_up_imports(tool: Tool, warm_cache_dir: Path, module: str) -> None:
    """Ctrl-C arriving while a start-up import runs exits 130 with the one line, no traceback.

    The interrupt is raised at a chosen import, not by a timed signal: the same moment
    every run. bench/interrupt.py sends real SIGINTs at random moments.
    """
    environ = {k: v for k, v in os.environ.items() if k not in TOOL_SETTINGS}
    environ[cache.CACHE_ENV] = str(warm_cache_dir)
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT_IMPORT, module],
        env=environ,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == b"jmsummit: interrupted\n"
    assert done.returncode == 130


# -- C5: no $HOME and no passwd entry --------------------------------------------------------


def test_no_home_answers_without_a_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When no cache directory can be named (Path.home() fails), ask still answers."""

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", homeless)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*ASK, "--json"], obj=Environment(environ={}))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["id"] == "organizers.hosts"
    assert list(tmp_path.iterdir()) == []


# -- C11: one endless stdin line -----------------------------------------------------------


class EndlessLine:
    """A binary stream of one line of 'a' that never ends; refuses unbounded reads."""

    def __init__(self, length: int) -> None:
        self.left = length
        self.largest = 0

    def read1(self, size: int = -1) -> bytes:
        """Up to `size` bytes of the line; an unbounded read would hold it all in memory."""
        assert 0 < size <= 1 << 16, f"unbounded read: read1({size})"
        chunk = min(size, self.left)
        self.left -= chunk
        self.largest = max(self.largest, chunk)
        return b"a" * chunk


def test_long_stdin_line_read_in_bounded_pieces() -> None:
    """A 200 MB line is read in bounded pieces and cut to MAX_QUERY_CHARS."""
    stream = EndlessLine(200 * 1024 * 1024)
    lines = list(commands._lines(stream))  # type: ignore[arg-type]
    assert lines == ["a" * MAX_QUERY_CHARS]
    assert stream.left == 0
    assert stream.largest <= 1 << 16


def test_sigterm_while_opening_the_index_exits_through_python() -> None:
    """SIGTERM raises SystemExit(143) while the index opens, so a build cleans up.

    The previous handler is back afterwards.
    """
    import signal

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped, commands._terminable():
        os.kill(os.getpid(), signal.SIGTERM)
    assert stopped.value.code == ExitCode.TERMINATED == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before
