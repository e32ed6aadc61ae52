"""Make a synthetic fact base of N facts in the real schema, from the real base's vocabulary.

Usage: uv run python bench/synth.py N OUTDIR   (writes OUTDIR/synth-NNN.toml, 1,000 facts a file)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from jmsummit.base import files, loader

PER_FILE = 1_000


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these texts)."""
    return json.dumps(text, ensure_ascii=False)


def write(count: int, out: Path, seed: int = 2017) -> None:
    """Write `count` synthetic facts under `out`."""
    facts = loader.load([files.bundled_facts_dir()]).facts
    rng = random.Random(seed)
    zh_words = sorted({a for f in facts for a in f.aliases if not a.isascii()})
    en_words = sorted({w for f in facts for w in f.answer_en.split() if w.isalpha()})
    out.mkdir(parents=True, exist_ok=True)
    for first in range(0, count, PER_FILE):
        lines = []
        for number in range(first, min(count, first + PER_FILE)):
            template = rng.choice(facts)
            zh = "".join(rng.sample(zh_words, 3))
            en = " ".join(rng.sample(en_words, 6))
            aliases = [*rng.sample(zh_words, 4), " ".join(rng.sample(en_words, 2))]
            lines += [
                "[[fact]]",
                f'id = "synth{number // PER_FILE}.f{number:06d}"',
                f'category = "synth{number // PER_FILE}"',
                f"title = {_toml_string(zh)}",
                f"title_en = {_toml_string(en)}",
                f"answer = {_toml_string(zh + template.answer[:40])}",
                f"answer_en = {_toml_string(en + ' ' + template.answer_en[:80])}",
                f"aliases = [{', '.join(map(_toml_string, aliases))}]",
                f"source = {{ paragraph = {template.source.paragraph}, evidence = ["
                f"{_toml_string(template.source.evidence[0])}] }}",
                "",
            ]
        (out / f"synth-{first // PER_FILE:03d}.toml").write_text("\n".join(lines), "utf-8")


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
