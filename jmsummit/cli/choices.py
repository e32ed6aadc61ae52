"""What the output options mean together: format, --json, --fields, language, category.

Conflicting or inapplicable combinations are usage errors (exit 2) that name both
options; nothing is silently dropped. Light (no typer, no rich): the fast path uses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..environment import Environment
from ..errors import UsageError
from ..output import fields as paths
from ..output.contract import FIELDS
from ..output.formats import Format, Lang, default_format

LANG_ENV = "JMSUMMIT_LANG"
RECORD_FORMATS = (Format.JSON, Format.JSONL, Format.CSV, Format.TSV)
BATCH_FORMATS = (Format.PLAIN, Format.TSV, Format.CSV, Format.JSON, Format.JSONL)


def env_lang(environ: Mapping[str, str]) -> tuple[Lang, str | None]:
    """JMSUMMIT_LANG (any case), or `both`; a bad value gives `both` and a warning line."""
    raw = environ.get(LANG_ENV, "").strip()
    if not raw:
        return Lang.BOTH, None
    try:
        return Lang(raw.lower()), None
    except ValueError:
        allowed = ", ".join(lang.value for lang in Lang)
        return Lang.BOTH, (
            f"jmsummit: warning: ignoring {LANG_ENV}={raw!r} "
            f"(allowed: {allowed}, any case); using both"
        )


class Output(NamedTuple):
    """The output options as given: --format, --json, --fields."""

    fmt: Format | None = None
    as_json: bool = False
    fields: str | None = None

    def _given(self) -> Format | None:
        """--format or --json; both only when they agree."""
        if self.as_json and self.fmt is not None and self.fmt is not Format.JSON:
            raise UsageError(
                f"--json and --format {self.fmt.value} conflict; give one of them "
                "(--json is short for --format json)"
            )
        return Format.JSON if self.as_json else self.fmt

    def format(self, env: Environment) -> Format:
        """The format: --json or --format, else a table on a terminal and plain text off one."""
        return self._given() or default_format(env)

    def batch_format(self) -> Format:
        """The format of a batch (ask -): plain unless asked; json and jsonl both one a line."""
        fmt = self._given() or Format.PLAIN
        if fmt not in BATCH_FORMATS:
            allowed = ", ".join(f.value for f in BATCH_FORMATS)
            raise UsageError(
                f"--format {fmt.value} does not apply to a batch (ask -, one question a line); "
                f"use one of {allowed}"
            )
        return fmt

    def chosen(self, command: str, fmt: Format) -> tuple[str, ...]:
        """The fields --fields names (checked against the command's), or () for all."""
        if self.fields is None:
            return ()
        if fmt not in RECORD_FORMATS:
            given = self.fmt is not None
            raise UsageError(
                f"--fields and --format {fmt.value} do not go together: --fields selects "
                "fields of json, jsonl, csv and tsv output"
                + ("" if given else "; add --json or --format jsonl|csv|tsv")
            )
        chosen = paths.parse(self.fields)
        valid = FIELDS[command]
        bad = paths.unknown(chosen, valid)
        if bad or not chosen:
            what = f"unknown field {', '.join(map(repr, bad))}" if bad else "no field given"
            raise UsageError(f"--fields: {what} for {command}; valid fields: {', '.join(valid)}")
        return chosen


def category(given: str | None, known: Sequence[str]) -> str | None:
    """--category folded to lower case; an unknown one is a usage error listing the known."""
    if given is None:
        return None
    name = given.strip().lower()
    if name not in known:
        raise UsageError(f"no category {given!r}; categories: {', '.join(known)}")
    return name
