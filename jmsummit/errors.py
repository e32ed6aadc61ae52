"""The one exception hierarchy, and the exit codes the CLI maps it to."""

from __future__ import annotations

from enum import IntEnum
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    NO_ANSWER = 1
    USAGE = 2
    INTERNAL = 70
    OUTPUT = 74  # sysexits' EX_IOERR: stdout closed or cannot be written (a full disk)
    INTERRUPTED = 130
    TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process the signal killed


class JmsummitError(Exception):
    """Base of every error the tool reports to the user as one line."""

    exit_code: ExitCode = ExitCode.USAGE

    @property
    def message(self) -> str:
        """The one-line message shown on stderr."""
        return str(self)


class Location(NamedTuple):
    """Where in a fact file a problem sits; every part is optional."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class FactBaseError(JmsummitError):
    """A fact file or directory is unusable: names file:line:col, fact or entity id, field."""

    def __init__(
        self,
        location: Location,
        problem: str,
        *,
        fact_id: str | None = None,
        field: str | None = None,
        entity_id: str | None = None,
    ) -> None:
        self.location = location
        self.problem = problem
        self.fact_id = fact_id
        self.field = field
        self.entity_id = entity_id
        super().__init__(self._compose())

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt whole when sent from a build's worker process (keywords and all)."""
        rebuild = partial(
            type(self), fact_id=self.fact_id, field=self.field, entity_id=self.entity_id
        )
        return (rebuild, (self.location, self.problem))

    def _compose(self) -> str:
        where = [str(self.location)]
        if self.fact_id is not None:
            where.append(f"fact {self.fact_id!r}")
        if self.entity_id is not None:
            where.append(f"entity {self.entity_id!r}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{': '.join(where)}: {self.problem}"


class UsageError(JmsummitError):
    """An option value the command cannot use (exit 2, like a parsing error)."""


class QueryError(JmsummitError):
    """The question itself cannot be used (empty, blank)."""


class UnknownFactError(JmsummitError):
    """`show` was given an id the fact base does not hold."""

    exit_code = ExitCode.NO_ANSWER


class UnknownEntityError(JmsummitError):
    """`about` was given a name no entity has, nor anything close to one."""

    exit_code = ExitCode.NO_ANSWER


class InputError(JmsummitError):
    """Standard input or a named input file cannot be read."""


class OutputError(JmsummitError):
    """Standard output cannot be written (closed, a full disk, an I/O error)."""

    exit_code = ExitCode.OUTPUT
