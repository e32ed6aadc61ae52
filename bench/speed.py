"""Cold-start ratios, batch throughput, peak memory and the scale curve of jmsummit.

Usage: uv run python bench/speed.py [--runs N] [--scale 1000,10000] [--markdown FILE]
Prints markdown and writes it to bench/speed.md too (--markdown FILE: elsewhere; '': nowhere),
which README includes with cog: README never re-runs this slow, noisy benchmark.
Every ratio compares medians measured side by side, interleaved, in one run, against
`python -c "import json"` run by the same interpreter. Standard library only.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import TextIO

HERE = Path(__file__).resolve().parent
# The bundled base's size, counted from its files (a [[fact]] header a fact).
BUNDLED = sum(
    line.strip() == "[[fact]]"
    for path in (HERE.parent / "facts").glob("*.toml")
    for line in path.read_text("utf-8").splitlines()
)
PYTHON = sys.executable
QUESTION = "谁主办了峰会"
TARGETS = {"ask --json": 3.0, "ask --format table": 4.5, "--help": 4.0}


def jmsummit(*args: str) -> list[str]:
    """The installed console script (what users run)."""
    script = Path(sysconfig.get_path("scripts")) / "jmsummit"
    return [str(script), *args]


def timed(command: list[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    """Wall time of one run, in seconds; the command must succeed."""
    start = time.perf_counter()
    subprocess.run(command, env=env, input=stdin, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def cold_start(env: dict[str, str], runs: int) -> None:
    """Median wall times and ratios to the bare interpreter, interleaved."""
    commands = {
        'python -c "import json"': [PYTHON, "-c", "import json"],
        "ask --json": jmsummit("ask", QUESTION, "--json"),
        "ask --format table": jmsummit("ask", QUESTION, "--format", "table"),
        "--help": jmsummit("--help"),
    }
    for command in commands.values():  # warm-up: page cache, bytecode, index cache
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    base = statistics.median(samples['python -c "import json"'])
    print("| command | median | ratio | target |\n|---|---:|---:|---:|")
    for name, values in samples.items():
        median = statistics.median(values)
        target = f"≤ {TARGETS[name]:g}×" if name in TARGETS else ""
        print(f"| `{name}` | {median * 1000:.0f} ms | {median / base:.2f}× | {target} |")


def batch(env: dict[str, str], questions: int = 1000) -> None:
    """Questions a second through one `ask - --json` process (median of 3)."""
    lines = [QUESTION, "Who organized the summit?", "huada jiyin", "签约投资总额", "天气怎么样"]
    stdin = "\n".join(lines[i % len(lines)] for i in range(questions)).encode() + b"\n"
    command = jmsummit("ask", "-", "--json")
    subprocess.run(command, env=env, input=stdin, stdout=subprocess.DEVNULL)
    seconds = statistics.median(_batch_time(command, env, stdin) for _ in range(3))
    print(
        f"\n- batch: {questions} questions in {seconds:.2f} s "
        f"({questions / seconds:.0f}/s; target ≤ 2 s)"
    )


def _batch_time(command: list[str], env: dict[str, str], stdin: bytes) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, input=stdin, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_rss(env: dict[str, str]) -> None:
    """Peak resident memory of one cold `ask`, via a wrapper process's child rusage."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [PYTHON, "-c", probe, *jmsummit("ask", QUESTION, "--json")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"- peak RSS of one cold ask: {int(out.stdout) / 1024:.0f} MB (target ≤ 80 MB)")


def tui_free(env: dict[str, str]) -> None:
    """Whether commands other than browse load its TUI library (they must not)."""
    print()
    for name, args in {"ask --json": ["ask", QUESTION, "--json"], "--help": ["--help"]}.items():
        out = subprocess.run(
            [PYTHON, "-X", "importtime", "-m", "jmsummit", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        loaded = "prompt_toolkit" in out.stderr
        print(f"`{name}` imports prompt_toolkit (browse's library): {'YES' if loaded else 'no'}")


def _measured(
    command: list[str], env: dict[str, str], stdin: bytes | None = None
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run, via wait4 on the child."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    if stdin:
        child.stdin.write(stdin)  # type: ignore[union-attr]
    child.stdin.close()  # type: ignore[union-attr]
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def scale(env: dict[str, str], sizes: list[int], runs: int, questions: int) -> None:
    """First build, index size, cold ask, per-question batch time and peak RSS per base size.

    Sizes count synthetic facts added to the bundled ones (0 = the bundled base alone).
    Per question = (batch of `questions` - batch of none) / `questions`, medians of 3.
    """
    sys.path.insert(0, str(HERE))
    import synth

    mix = [QUESTION, "Who organized the summit?", "huada jiyin", "签约投资总额", "天气怎么样"]
    batch = ("\n".join(mix[i % len(mix)] for i in range(questions)) + "\n").encode()
    print(
        "\n| facts | first build | build RSS (largest process) | index on disk"
        " | cold ask (cached) | ÷ json | per question (batch) | RSS ask / batch |"
        "\n|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            run_env = {**env, "JMSUMMIT_CACHE_DIR": str(Path(tmp) / "cache")}
            if size:
                facts = Path(tmp) / "facts"
                synth.write(size, facts)
                run_env["JMSUMMIT_FACTS"] = str(facts)
            ask = jmsummit("ask", QUESTION, "--json")
            build, build_rss = _measured(ask, run_env)
            on_disk = sum(p.stat().st_size for p in (Path(tmp) / "cache").iterdir())
            base, cold, rss = [], [], 0.0
            for _ in range(runs):
                base.append(_measured([PYTHON, "-c", "import json"], run_env)[0])
                seconds, rss = _measured(ask, run_env)
                cold.append(seconds)
            stream = jmsummit("ask", "-", "--json")
            empty = statistics.median(_measured(stream, run_env, b"")[0] for _ in range(3))
            full = [_measured(stream, run_env, batch) for _ in range(3)]
            per = (statistics.median(t for t, _ in full) - empty) / questions
            batch_rss = max(r for _, r in full)
            ratio = statistics.median(cold) / statistics.median(base)
            print(
                f"| {size + BUNDLED:,} | {build:.1f} s | {build_rss:.0f} MB"
                f" | {on_disk / 1e6:.1f} MB"
                f" | {statistics.median(cold) * 1000:.0f} ms | {ratio:.2f}×"
                f" | {per * 1000:.2f} ms | {rss:.0f} / {batch_rss:.0f} MB |",
                flush=True,
            )


class _Tee:
    """Standard output that also goes to a file."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def main() -> None:
    """Run every measurement; print markdown for the README and write it to bench/speed.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", default="0,1000,10000,100000")
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--only-scale", action="store_true")
    parser.add_argument("--markdown", default=str(HERE / "speed.md"), metavar="FILE")
    args = parser.parse_args()
    if not args.markdown:
        measure(args)
        return
    copy, stdout = io.StringIO(), sys.stdout
    sys.stdout = _Tee(stdout, copy)  # type: ignore[assignment]
    try:
        measure(args)
    finally:
        sys.stdout = stdout
    Path(args.markdown).write_text(copy.getvalue(), encoding="utf-8")  # only a finished run


def measure(args: argparse.Namespace) -> None:
    """Every measurement the arguments ask for, printed as markdown."""
    # Installed packages normally carry bytecode; make sure this environment's do.
    compileall.compile_path(quiet=2)
    compileall.compile_dir(str(HERE.parent / "jmsummit"), quiet=2)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "JMSUMMIT_CACHE_DIR": cache, "COLUMNS": "100"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}\n"
        )
        if not args.only_scale:
            cold_start(env, args.runs)
            batch(env)
            peak_rss(env)
            tui_free(env)
        if args.scale:
            sizes = [int(s) for s in args.scale.split(",")]
            scale(env, sizes, max(3, args.runs // 3), args.questions)


if __name__ == "__main__":
    main()
