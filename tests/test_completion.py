"""Issue 15 item 8: shell completion of ids, categories, entities and kinds.

newcomer.md: completion covered only commands and enums, and `--show-completion zsh`
printed the detected shell's script.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jmsummit.base.models import EntityKind
from jmsummit.cli import completion
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_MARK = {
    "bash": "complete -o default -F _jmsummit_completion jmsummit",
    "zsh": "#compdef jmsummit",
    "fish": "complete --command jmsummit",
}


def run(args: Sequence[str], environ: Mapping[str, str] | None = None) -> Result:
    """Run the app with an injected environment (JMSUMMIT_FACTS and the like)."""
    obj = Environment(environ=dict(environ or {}))
    return CliRunner().invoke(app, list(args), obj=obj)


def complete(
    words: str, environ: Mapping[str, str] | None = None, shell: str = "bash"
) -> list[str]:
    """What the shell would be offered for the last word of `words` (bash: values only)."""
    env = {"_JMSUMMIT_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
    if shell == "bash":
        parts = words.split(" ")
        env = {
            "_JMSUMMIT_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        }
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    obj = Environment(environ=dict(environ or {}))
    result = CliRunner().invoke(app, [], env=env, obj=obj, prog_name="jmsummit")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stdout.splitlines() if line]


# -- --show-completion SHELL ----------------------------------------------------------------


@pytest.mark.parametrize("shell", sorted(SCRIPT_MARK))
def test_show_completion_respects_the_shell_given(shell: str) -> None:
    """`--show-completion zsh` prints zsh's script (and so for each shell), not the detected one."""
    for args in (["--show-completion", shell], [f"--show-completion={shell}"]):
        result = run(args)
        assert result.exit_code == 0, result.output
        assert SCRIPT_MARK[shell] in result.stdout
        assert all(mark not in result.stdout for s, mark in SCRIPT_MARK.items() if s != shell)


def test_show_completion_without_a_shell_uses_the_detected_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without SHELL, the shell jmsummit runs under is detected, as typer did."""
    monkeypatch.setattr(completion, "_detected_shell", lambda: "fish")
    result = run(["--show-completion"])
    assert result.exit_code == 0, result.output
    assert SCRIPT_MARK["fish"] in result.stdout


def test_show_completion_of_an_unknown_or_undetected_shell_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A shell typer has no script for, or none detected: exit 2 listing the shells."""
    bad = run(["--show-completion", "tcsh"])
    assert bad.exit_code == ExitCode.USAGE
    assert "'tcsh'; give one of: bash, zsh, fish, powershell, pwsh" in bad.stderr
    monkeypatch.setattr(completion, "_detected_shell", lambda: "")
    undetected = run(["--show-completion"])
    assert undetected.exit_code == ExitCode.USAGE
    assert "none detected" in undetected.stderr


def test_install_completion_writes_the_given_shells_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--install-completion fish` installs fish's script under $HOME, whatever the shell."""
    monkeypatch.setenv("HOME", str(tmp_path))
    result = run(["--install-completion", "fish"])
    assert result.exit_code == 0, result.output
    installed = tmp_path / ".config/fish/completions/jmsummit.fish"
    assert SCRIPT_MARK["fish"] in installed.read_text("utf-8")


def test_with_shell_fills_in_only_a_missing_root_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detected shell goes in only after a root completion option given no value."""
    monkeypatch.setattr(completion, "_detected_shell", lambda: "zsh")
    assert completion.with_shell(["--show-completion"]) == ["--show-completion", "zsh"]
    assert completion.with_shell(["--show-completion", "-h"])[1] == "zsh"
    assert completion.with_shell(["--show-completion", "fish"]) == ["--show-completion", "fish"]
    assert completion.with_shell(["ask", "--show-completion"]) == ["ask", "--show-completion"]


# -- completing values ------------------------------------------------------------------------


def test_completes_fact_ids_for_show() -> None:
    """`show agreements.<TAB>` offers exactly the agreements facts."""
    offered = complete("jmsummit show agreements.")
    assert "agreements.total-investment" in offered
    assert offered and all(value.startswith("agreements.") for value in offered)


def test_completes_categories_after_category_options() -> None:
    """`--category` and `-c` offer category names, on list and on search."""
    assert complete("jmsummit list --category fo") == ["forums"]
    assert complete("jmsummit search 村 -c to") == ["towns"]
    assert {"dates", "organizers", "forums", "honors", "agreements"} <= set(
        complete("jmsummit list --category ")
    )


def test_completes_entity_kinds() -> None:
    """`entities --kind p` offers the kinds starting with p; the empty word, all of them."""
    assert complete("jmsummit entities --kind p") == ["person", "place", "project", "program"]
    assert set(complete("jmsummit entities --kind ")) == {kind.value for kind in EntityKind}


def test_completes_entity_ids_names_and_aliases_for_about() -> None:
    """`about` offers entity ids and Chinese and English names and aliases."""
    assert complete("jmsummit about organization.bg") == ["organization.bgi"]
    assert {"BGI Genomics", "BGI"} <= set(complete("jmsummit about BG"))
    assert "华大" in complete("jmsummit about 华")


def test_completes_enum_options() -> None:
    """--format and --lang complete too (typer does these from the enums)."""
    assert complete("jmsummit ask x --format js") == ["json", "jsonl"]
    assert complete("jmsummit ask x --lang e") == ["en"]


def test_zsh_and_fish_show_what_each_id_is() -> None:
    """The zsh and fish formats carry each value with its description (the fact's English title)."""
    zsh = "\n".join(complete("jmsummit show agreements.total", shell="zsh"))
    assert '"agreements.total-investment":"Total investment' in zsh
    fish = complete("jmsummit show agreements.total", shell="fish")
    assert fish == ["agreements.total-investment\tTotal investment of the signed agreements"]


def test_completion_reads_facts_named_on_the_command_line_and_in_the_environment(
    tmp_path: Path,
) -> None:
    """An extra directory's fact ids are offered, from --facts or from JMSUMMIT_FACTS."""
    directory = tmp_path / "extra"
    directory.mkdir()
    (directory / "extra.toml").write_text(
        '[[fact]]\nid = "extra.parking"\ncategory = "extra"\ntitle = "停车场"\n'
        'title_en = "Parking"\nanswer = "停车位很多。"\nanswer_en = "Many."\n'
        'source = { paragraph = 2, evidence = ["11月19日至21日"] }\n',
        encoding="utf-8",
    )
    assert complete(f"jmsummit show --facts {directory} extra.") == ["extra.parking"]
    assert complete("jmsummit show extra.", {"JMSUMMIT_FACTS": str(directory)}) == ["extra.parking"]
    assert complete("jmsummit show extra.") == []


def test_a_broken_fact_base_gives_no_suggestions_and_no_traceback(tmp_path: Path) -> None:
    """Malformed TOML, a missing directory: nothing offered, exit 0, nothing on stderr."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.toml").write_text("[[fact]\nid = ", encoding="utf-8")
    for environ in ({"JMSUMMIT_FACTS": str(broken)}, {"JMSUMMIT_FACTS": str(tmp_path / "no")}):
        assert complete("jmsummit show org", environ) == []
        assert complete("jmsummit about 华", environ) == []
        assert complete("jmsummit list -c fo", environ) == []
    assert complete(f"jmsummit show --facts {broken} org") == []


def test_completion_in_a_real_process_is_quiet_on_a_broken_base(tmp_path: Path) -> None:
    """The real entry point, as the shell runs it: exit 0, empty stdout and stderr."""
    (tmp_path / "bad.toml").write_text("= nonsense", encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "JMSUMMIT_FACTS": str(tmp_path),
        "JMSUMMIT_CACHE_DIR": str(tmp_path / "cache"),
        "_JMSUMMIT_COMPLETE": "complete_bash",
        "COMP_WORDS": "jmsummit show org",
        "COMP_CWORD": "2",
    }
    code = "import sys; sys.argv[0] = 'jmsummit'; from jmsummit.__main__ import main; main()"

    def shell_asks(environ: dict[str, str]) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60
        )
        return done.returncode, done.stdout.strip(), done.stderr

    assert shell_asks(env) == (0, "", "")
    del env["JMSUMMIT_FACTS"]
    code_, offered, errors = shell_asks(env)
    assert (code_, errors) == (0, "")
    assert "organizers.hosts" in offered.splitlines()
