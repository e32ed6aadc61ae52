"""Ctrl-C during start-up: SIGINT at random small delays, never a traceback (issue 17, C10).

    uv run python bench/interrupt.py [--runs 30] [--seed 1] [--max-delay 0.09]

Each run starts `jmsummit ask 主办单位` and sends SIGINT after a random delay in the first
tens of milliseconds, while the interpreter and the tool are still importing. A run passes
when it exits 130 with exactly `jmsummit: interrupted` on stderr, or finished before the
signal (0), or died of the signal before Python installed its handler (-2, nothing printed).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "jmsummit"


def one_run(delay: float, environ: dict[str, str]) -> tuple[int, str]:
    """Start the tool, interrupt it after `delay` seconds; (exit code, stderr)."""
    process = subprocess.Popen(
        [str(SCRIPT), "ask", "主办单位"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environ,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode("utf-8", errors="replace")


def main() -> int:
    """Run the loop and print one line per failure and a summary; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.09)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    outcomes: dict[int, int] = {}
    failures = 0
    with tempfile.TemporaryDirectory() as cache:
        environ = {**os.environ, "JMSUMMIT_CACHE_DIR": cache}
        for _ in range(args.runs):
            delay = rng.uniform(0, args.max_delay)
            code, err = one_run(delay, environ)
            outcomes[code] = outcomes.get(code, 0) + 1
            good = (code == 130 and err == "jmsummit: interrupted\n") or (
                code in (0, -signal.SIGINT) and err == ""
            )
            if not good:
                failures += 1
                print(f"delay {delay * 1000:.1f} ms: exit {code}, stderr {err[-300:]!r}")
    print(f"{args.runs} runs, {failures} failures; exit codes: {dict(sorted(outcomes.items()))}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
