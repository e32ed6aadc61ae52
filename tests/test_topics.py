"""Issue 15 item 8: `jmsummit help TOPIC`, the offline documentation README shares.

newcomer.md (e): no man page or offline help topics; the JSON contract, exit codes,
configuration and fact format were only in the README.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jmsummit.cli import topics
from jmsummit.cli.app import app
from jmsummit.environment import Environment
from jmsummit.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent


def run(args: Sequence[str]) -> Result:
    """Run the app with an empty injected environment."""
    return CliRunner().invoke(app, list(args), obj=Environment())


# -- help topics ------------------------------------------------------------------------------


def test_help_lists_the_topics() -> None:
    """`jmsummit help` lists every topic with its line."""
    result = run(["help"])
    assert result.exit_code == 0
    for name, line in topics.TOPICS.items():
        assert re.search(rf"^  {re.escape(name)} +{re.escape(line)}$", result.stdout, re.M)


@pytest.mark.parametrize("name", list(topics.TOPICS))
def test_help_topic_prints_the_packaged_text(name: str) -> None:
    """`jmsummit help TOPIC` prints the topic's file, which README holds verbatim."""
    result = run(["help", name])
    assert result.exit_code == 0
    assert result.stdout == topics.text(name)
    assert len(result.stdout) > 200
    assert topics.text(name) in (ROOT / "README.md").read_text("utf-8")


def test_exit_codes_topic_names_every_exit_code() -> None:
    """Every ExitCode has a row in the exit-codes topic, and no row is stale."""
    rows = {int(m) for m in re.findall(r"^\| (\d+) \|", topics.text("exit-codes"), re.M)}
    assert rows == {int(code) for code in ExitCode}


def test_help_command_prints_that_commands_help() -> None:
    """`jmsummit help show` is `jmsummit show --help`."""
    assert run(["help", "show"]).stdout == run(["show", "--help"]).stdout


def test_help_unknown_topic_is_a_usage_error() -> None:
    """An unknown topic: exit 2 listing the topics."""
    result = run(["help", "nope"])
    assert result.exit_code == ExitCode.USAGE
    assert "no topic 'nope'; topics: json, csv, exit-codes" in result.stderr


def test_json_topic_keys_match_real_output() -> None:
    """The keys the json topic promises for an ask result are the keys ask prints."""
    data = json.loads(run(["ask", "谁主办了峰会", "--json"]).stdout)
    text = topics.text("json")
    for key in ("role", "rank", "source", "entities", "value", "suggestions", "schema"):
        assert f"`{key}`" in text
        assert key in data or key in data["results"][0]


def test_completes_topics() -> None:
    """`help exit<TAB>` offers exit-codes; the empty word, every topic."""
    from jmsummit.cli import completion

    assert completion.topics("exit") == [("exit-codes", topics.TOPICS["exit-codes"])]
    assert [name for name, _ in completion.topics("")] == list(topics.TOPICS)
