"""`jmsummit timeline`: every dated fact in date order, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jmsummit.base.factbase import FactBase
from jmsummit.output import cjk, timeline
from jmsummit.output.formats import Format
from tests.test_layout import at
from tests.test_render import COUNT, DATES, START, check_golden, render

MONTH = START._replace(
    id="dates.venue-construction-start",
    value="2017-03",
    title="会展中心开工时间",
    title_en="Construction began",
)
YEAR = START._replace(id="dates.summit-year", value="2017", title="峰会举办的年份", title_en="Year")
EVENTS = timeline.events([START, COUNT, DATES, MONTH, YEAR])


def test_events_are_dated_facts_in_date_order() -> None:
    """Year, then month, then the range and the day starting with it; undated facts left out."""
    assert [f.id for f in EVENTS] == [
        "dates.summit-year",
        "dates.venue-construction-start",
        "event.dates",
        "event.start-date",
    ]


def test_json_shape() -> None:
    """JSON: {"events": [{"date" or "start"/"end", "id", "title": {"zh", "en"}}]}."""
    out, _ = render(lambda r: r.timeline(EVENTS, Format.JSON))
    data = json.loads(out)["events"]
    assert data[0] == {
        "date": "2017",
        "id": "dates.summit-year",
        "title": {"zh": YEAR.title, "en": "Year"},
    }
    assert data[1]["date"] == "2017-03"
    assert {k: data[2][k] for k in ("start", "end")} == {"start": "2017-11-19", "end": "2017-11-21"}
    assert "date" not in data[2]


def test_plain_and_csv() -> None:
    """Plain: one line an event (date, id, title); CSV: a header then date,start,end,id,…."""
    plain, _ = render(lambda r: r.timeline(EVENTS, Format.PLAIN))
    assert plain.splitlines()[2].startswith("2017-11-19 – 2017-11-21  event.dates  ")
    csv_out, _ = render(lambda r: r.timeline(EVENTS, Format.CSV))
    assert csv_out.splitlines()[0] == "date,start,end,id,title_zh,title_en"
    assert csv_out.splitlines()[3].startswith(",2017-11-19,2017-11-21,event.dates,")


@pytest.mark.parametrize("width", (40, 60, 80, 120))
def test_drawing_fits_and_matches_golden(width: int) -> None:
    """The terminal timeline fits every width and matches tests/golden/width/timeline-N.txt."""
    out, _ = render(lambda r: r.timeline(EVENTS, Format.TABLE), env=at(width))
    assert all(cjk.cell_width(line.rstrip()) <= width for line in out.splitlines())
    assert out.index("dates.summit-year") < out.index("event.start-date")
    check_golden(f"width/timeline-{width}.txt", out)


def test_real_base_timeline(real_base: FactBase) -> None:
    """The real base's timeline holds every fact of the dates category that has a date value."""
    ids = [f.id for f in timeline.events(real_base.facts)]
    assert "dates.summit-dates" in ids and "dates.venue-construction-start" in ids
    assert ids.index("dates.venue-construction-start") < ids.index("dates.summit-start")


def test_cli_timeline_json(tmp_path: Path) -> None:
    """`jmsummit timeline --json` through the CLI prints the events object, exit 0."""
    from typer.testing import CliRunner

    from jmsummit.cli.app import app
    from jmsummit.environment import Environment

    env = Environment(environ={"JMSUMMIT_CACHE_DIR": str(tmp_path)})
    result = CliRunner().invoke(app, ["timeline", "--json"], obj=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"][0]["id"] == "dates.summit-year"
