"""A seeded fuzz run of the whole CLI in subprocesses.

It mutates fact files and queries, and draws environment variables and stream encodings.
Every run must end with a documented exit code (0, 1, 2, 74), no traceback and no internal
error; JSON output, when a command answered, must parse. tests/test_clifuzz.py runs a small
fixed sample in CI; the long run is one command:

    uv run python tests/clifuzz.py --runs 2000 --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENTED = {0, 1, 2, 74}
ENCODINGS = ["utf-8", "ascii", "latin-1", "gbk", "utf-8:strict", "cp1252"]
# Characters that have broken things before: controls, bidi, separators, surrogate-ish,
# markup, TOML syntax, digits (long integers), brackets (deep nesting).
POOL = [
    *'="[]{},.#\n\\ abc0123-',
    "\x00",
    "\x1b",
    "\x9b",
    "\u202e",
    "\u200b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "é",
    "主",
    "办",
    "¶",
    "\U0001f600",
    "[bold]",
    "[/]",
    "9" * 50,
    "[" * 40,
    "{a=" * 20,
]
QUERIES = ["主办单位", "谁主办了峰会", "hosts", "zhuban", "投资总额", "Who is the mayor of Wuhan?"]
FACT = """[[fact]]
id = "fuzz.x"
category = "fuzz"
title = "测试标题"
title_en = "A test title"
answer = "测试答案。"
answer_en = "A test answer."
value = ["甲", "乙"]
aliases = ["测试", "test"]
source = { paragraph = 2, evidence = ["测试"] }
"""


@dataclass
class Case:
    """One run: arguments, environment changes, stdin, and a fact file to write (or None)."""

    args: list[str]
    environ: dict[str, str] = field(default_factory=dict)
    drop: list[str] = field(default_factory=list)
    stdin: bytes = b""
    fact_text: str | None = None


def mutate(text: str, rng: random.Random) -> str:
    """`text` with a few pieces deleted, duplicated or replaced by hostile ones."""
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(chars))
        action = rng.choice(("delete", "duplicate", "replace", "insert"))
        if action == "delete":
            del chars[at]
        elif action == "duplicate":
            chars.insert(at, chars[at])
        elif action == "replace":
            chars[at] = rng.choice(POOL)
        else:
            chars.insert(at, rng.choice(POOL))
    return "".join(chars)


def query(rng: random.Random) -> str:
    """A real question, mutated half the time."""
    text = rng.choice(QUERIES)
    return mutate(text, rng).replace("\x00", "") if rng.random() < 0.5 else text


def make_case(rng: random.Random) -> Case:
    """A random command, format, environment and input."""
    fmt = ["--format", rng.choice(["table", "plain", "json", "jsonl", "csv", "tsv"])]
    command = rng.choice(["ask", "ask", "batch", "search", "list", "show", "validate", "about"])
    case = Case([])
    if command == "ask":
        case.args = ["ask", *fmt, "--", query(rng)]
    elif command == "batch":
        lines = [query(rng) for _ in range(rng.randint(1, 4))]
        case.args = ["ask", "-", *rng.choice([[], ["--json"]])]
        case.stdin = "\n".join(lines).encode("utf-8", "surrogatepass") + rng.choice(
            [b"", b"\n", b"\xff\xfe\n"]
        )
    elif command == "search":
        case.args = ["search", *fmt, "--", query(rng)]
    elif command == "about":
        case.args = ["about", *fmt, "--", query(rng)]
    else:
        case.fact_text = mutate(FACT, rng) if rng.random() < 0.8 else FACT
        case.args = {
            "list": ["list", "--category", "fuzz", *fmt],
            "show": ["show", "fuzz.x", *fmt],
            "validate": ["validate"],
        }[command]
    case.environ["PYTHONIOENCODING"] = rng.choice(ENCODINGS)
    for name, values in {
        "LC_ALL": ["C", "POSIX", "C.UTF-8"],
        "COLUMNS": ["5", "40", "abc", "100000", ""],
        "NO_COLOR": ["1"],
        "FORCE_COLOR": ["1"],
        "TERM": ["dumb", "xterm-256color"],
        "JMSUMMIT_LANG": ["zh", "en", "both", "xx"],
    }.items():
        if rng.random() < 0.3:
            case.environ[name] = rng.choice(values)
    if rng.random() < 0.2:
        case.drop = ["HOME", "XDG_CACHE_HOME"]
    return case


def run_case(case: Case, cache_dir: Path, work: Path) -> str | None:
    """Run one case; None when it behaved, else a one-line description of what went wrong."""
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("JMSUMMIT_") and k not in case.drop
    }
    environ.update({"JMSUMMIT_CACHE_DIR": str(cache_dir), **case.environ})
    args = list(case.args)
    if case.fact_text is not None:
        facts = Path(tempfile.mkdtemp(dir=work))
        (facts / "fuzz.toml").write_text(case.fact_text, "utf-8", errors="surrogatepass")
        args += ["--facts", str(facts)]
    done = subprocess.run(
        [sys.executable, "-m", "jmsummit", *args],
        input=case.stdin,
        env=environ,
        capture_output=True,
        timeout=120,
        check=False,
    )
    err = done.stderr.decode("utf-8", "replace")
    problem = None
    if done.returncode not in DOCUMENTED:
        problem = f"exit {done.returncode}"
    elif "Traceback" in err or "internal error" in err:
        problem = "traceback or internal error"
    elif done.returncode in (0, 1) and {"--json", "json", "jsonl"} & set(args):
        problem = _bad_json(done.stdout, case.environ["PYTHONIOENCODING"])
    return None if problem is None else f"{problem}: {args!r} {case.environ!r}: {err[-300:]!r}"


def _bad_json(stdout: bytes, encoding: str) -> str | None:
    """None when every JSON document (one, or one a line) parses; else why not."""
    try:
        text = stdout.decode(encoding.split(":")[0])
        if text.lstrip().startswith("{\n"):
            json.loads(text)
        else:
            for line in text.splitlines():
                json.loads(line)
    except ValueError as error:
        return f"invalid JSON ({error})"
    return None


def fuzz(seed: int, runs: int, cache_dir: Path, workers: int = 4) -> list[str]:
    """Run `runs` seeded cases (in parallel); every failure's description."""
    rng = random.Random(seed)
    cases = [make_case(rng) for _ in range(runs)]
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(workers) as pool:
        results = pool.map(lambda case: run_case(case, cache_dir, Path(work)), cases)
        return [problem for problem in results if problem is not None]


def main() -> int:
    """The long run: print each failure, then a count; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        failures = fuzz(args.seed, args.runs, Path(cache), args.workers)
    for failure in failures:
        print(failure)
    print(f"{args.runs} runs (seed {args.seed}), {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
