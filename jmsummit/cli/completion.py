"""Shell completion: what to offer for ids, categories, entities and kinds; choosing the shell.

Each completer reads the fact files the command line so far names (`--facts`, plus
JMSUMMIT_FACTS and the bundled base) with the loader alone — no index, no cache, about
30 ms — and offers nothing at all when anything goes wrong: a broken fact base, an
unreadable directory or a bug here must never put a traceback under the user's prompt.

typer 0.28 makes `--show-completion` and `--install-completion` plain flags when it can
detect the shell, so `--show-completion zsh` printed the detected shell's script. Here both
take an optional SHELL: given, it is used; left out, the shell is detected as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from ..base.models import EntityKind
from ..base.options import Options
from ..environment import Environment

if TYPE_CHECKING:
    from ..base.factbase import FactBase

Item = tuple[str, str]  # (value, help): zsh and fish show the help beside the value
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
SHELL_OPTIONS = ("--show-completion", "--install-completion")


def _load(ctx: typer.Context) -> FactBase:
    """The fact base this command line would use (raises when it cannot be read)."""
    from ..base import loader

    root = ctx.find_root().obj
    environ: Mapping[str, str] = root.environ if isinstance(root, Environment) else os.environ
    extra = ctx.params.get("facts") or ()
    return loader.load_base(Options(tuple(Path(d) for d in extra)), environ)


def _quietly(produce: Callable[[FactBase], Iterable[Item]]) -> Callable[..., list[Item]]:
    """A typer autocompletion callback offering `produce(base)`, or nothing on any failure."""

    def complete(ctx: typer.Context, incomplete: str) -> list[Item]:
        try:
            return [item for item in produce(_load(ctx)) if item[0].startswith(incomplete)]
        except Exception:  # a broken base, a bad --facts, anything: no suggestions
            return []

    return complete


def _fact_ids(base: FactBase) -> Iterable[Item]:
    return ((fact.id, fact.title_en) for fact in base.facts)


def _categories(base: FactBase) -> Iterable[Item]:
    return (
        (name, f"{count} facts: {base.category(name).description_en}".rstrip(": "))
        for name, count in base.categories().items()
    )


def _entities(base: FactBase) -> Iterable[Item]:
    seen: set[str] = set()
    for entity in base.entities:
        for value, description in (
            (entity.id, entity.name_en),
            (entity.name, entity.id),
            (entity.name_en, entity.id),
            *((alias, entity.id) for alias in entity.aliases),
        ):
            if value not in seen:
                seen.add(value)
                yield value, description


fact_ids = _quietly(_fact_ids)
categories = _quietly(_categories)
entities = _quietly(_entities)


def kinds(incomplete: str) -> list[Item]:
    """Entity kinds (fixed: no fact file can add one)."""
    return [(kind.value, "entity kind") for kind in EntityKind if kind.value.startswith(incomplete)]


def topics(incomplete: str) -> list[Item]:
    """Help topics."""
    from .topics import TOPICS

    return [(name, line) for name, line in TOPICS.items() if name.startswith(incomplete)]


def shells(incomplete: str) -> list[str]:
    """The shells typer has completion scripts for."""
    return [shell for shell in SHELLS if shell.startswith(incomplete)]


def _detected_shell() -> str:
    """The shell this process runs under (typer's detection), or "" when it cannot tell."""
    try:
        from typer._completion_shared import _get_shell_name

        return _get_shell_name() or ""
    except Exception:  # detection is best effort: no shell is a usage error, not a crash
        return ""


def with_shell(args: Sequence[str]) -> list[str]:
    """`args` with the detected shell after a root completion option that was given none."""
    out = list(args)
    for i, arg in enumerate(out):
        if not arg.startswith("-"):  # the command: root options end here
            break
        following = out[i + 1] if i + 1 < len(out) else None
        if arg in SHELL_OPTIONS and (following is None or following.startswith("-")):
            out.insert(i + 1, _detected_shell())
            break
    return out


class Group(TyperGroup):
    """typer's group, with `--show-completion [SHELL]` and `--install-completion [SHELL]`."""

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        """Register typer's shell formats (`add_completion=False` skips that)."""
        from typer._completion_classes import completion_init

        completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Fill in the detected shell when a completion option came without one."""
        if not ctx.resilient_parsing:
            args = with_shell(args)
        return super().parse_args(ctx, args)


def _shell(value: str) -> str:
    if value not in SHELLS:
        found = f"'{value}'" if value else "none detected"
        raise typer.BadParameter(f"{found}; give one of: {', '.join(SHELLS)}")
    return value


def show(ctx: typer.Context, value: str | None) -> None:
    """Print the completion script for SHELL, then exit."""
    if value is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    prog = ctx.find_root().info_name or "jmsummit"
    var = "_{}_COMPLETE".format(prog.replace("-", "_").upper())
    typer.echo(get_completion_script(prog_name=prog, complete_var=var, shell=_shell(value)))
    raise typer.Exit()


def install(ctx: typer.Context, value: str | None) -> None:
    """Install the completion script for SHELL in the shell's start-up files, then exit."""
    if value is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import install as typer_install

    shell, path = typer_install(shell=_shell(value))
    typer.echo(f"{shell} completion installed in {path}")
    typer.echo("Completion will take effect once you restart the terminal")
    raise typer.Exit()
