"""Exports that drop into a spreadsheet or a validator: claims.csv's typed columns, timeline.json against its
shipped JSON Schema, and the JSON-LD of article and event pages (generator/site/export.py, schema.py, render.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from benchmarks import quality
from generator.models import Article, Event, Location, Timeline
from generator.pipeline import make_timeline
from generator.site import export
from generator.site.export import (
    BOOL_FIELDS,
    CSV_FIELDS,
    DATE_FIELDS,
    DATETIME_FIELDS,
    INT_FIELDS,
    first_day,
    last_day,
    timeline_data,
    to_csv,
    to_json,
)
from generator.site.render import article_ld, event_ld, render_pages
from generator.site.schema import schema_json, timeline_schema

REPO = Path(__file__).resolve().parent.parent
NEWS = quality.SHARED / "eval" / "news" / "content"
CORPORA = [pytest.param(REPO / "content", id="demo"),
           pytest.param(NEWS, id="news", marks=pytest.mark.skipif(not NEWS.is_dir(), reason=f"{NEWS} is missing"))]
# The line in README.md ("Exports") that reads claims.csv with its types.
PANDAS_READ = ('pd.read_csv("claims.csv", parse_dates=["event_start", "event_end", "published_date", "stated_on", '
               '"published_time"])')


@pytest.fixture(scope="module")
def timelines() -> dict[Path, Timeline]:
    return {}


def _timeline(cache: dict[Path, Timeline], content: Path) -> Timeline:
    if content not in cache:
        cache[content] = make_timeline(content)
    return cache[content]


def _rows(t: Timeline) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(t))))


def _typed(field: str, value: str) -> bool:
    """The value reads as the column's type the way pandas infers it (empty: missing)."""
    if value == "":
        return field not in BOOL_FIELDS and field != "line"
    if field in INT_FIELDS:
        return re.fullmatch(r"-?\d+", value) is not None
    if field in DATE_FIELDS:
        return len(value) == 10 and dt.date.fromisoformat(value).isoformat() == value
    if field in DATETIME_FIELDS:
        return "T" in value and dt.datetime.fromisoformat(value) is not None
    if field in BOOL_FIELDS:
        return value in ("true", "false")
    return True


@pytest.mark.parametrize("content", CORPORA)
def test_csv_columns_are_typed(timelines: dict[Path, Timeline], content: Path) -> None:
    t = _timeline(timelines, content)
    text = to_csv(t)
    assert text.splitlines()[0].split(",") == CSV_FIELDS
    rows = _rows(t)
    assert rows
    for field in CSV_FIELDS:
        bad = [r[field] for r in rows if not _typed(field, r[field])]
        assert not bad, (field, bad[:5])
    events = {e.id: e for e in t.events}
    incidents = {i.id: i.title for i in t.incidents}
    for r in rows:
        assert r["event_title"] == events[r["event_id"]].title
        assert r["incident_title"] == incidents[r["incident_id"]] and r["incident_title"]
        assert r["published_date"] == (r["published_time"][:10] or r["published_date"])
        # a vague amount has no quantity; an exact figure has one
        assert (r["vague"] == "true") == (r["quantity"] == "")
        if r["spread_min"]:
            assert int(r["spread_min"]) < int(r["spread_max"]) and r["status"] == "contested"


def test_csv_fills_the_new_columns(timelines: dict[Path, Timeline]) -> None:
    """The demo has contested figures, vague amounts, times of publication and stated days: each new column
    carries values, not only blanks."""
    rows = _rows(_timeline(timelines, REPO / "content"))
    for field in ("spread_min", "spread_max", "published_date", "published_time", "stated_on", "event_title",
                  "incident_title"):
        assert any(r[field] for r in rows), field
    assert {r["vague"] for r in rows} == {"true", "false"}
    contested = next(r for r in rows if r["claim_id"] == "ef22c9cd48")  # the military's 92 against Bugti's 145
    assert (contested["quantity"], contested["spread_min"], contested["spread_max"], contested["status"]) == (
        "92", "92", "145", "contested")


def test_csv_opens_in_pandas_typed(timelines: dict[Path, Timeline], tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    (tmp_path / "claims.csv").write_text(to_csv(_timeline(timelines, REPO / "content")), encoding="utf-8")
    frame = pd.read_csv(tmp_path / "claims.csv", parse_dates=[*DATE_FIELDS, *DATETIME_FIELDS])  # PANDAS_READ
    for field in DATE_FIELDS + DATETIME_FIELDS:
        assert pd.api.types.is_datetime64_any_dtype(frame[field]), field
    for field in INT_FIELDS:
        assert pd.api.types.is_numeric_dtype(frame[field]), field
    for field in BOOL_FIELDS:
        assert pd.api.types.is_bool_dtype(frame[field]), field


def test_readme_states_the_pandas_line() -> None:
    assert PANDAS_READ.endswith(f"parse_dates={json.dumps([*DATE_FIELDS, *DATETIME_FIELDS])})")
    assert PANDAS_READ in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value, first, last", [
    ("2026-01-31", "2026-01-31", "2026-01-31"), ("1948", "1948-01-01", "1948-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"), ("2026-02-01T10:15:00", "2026-02-01", "2026-02-01"),
    (None, "", ""), ("2026-SU", "", ""),
])
def test_days_of_a_date_value(value: str | None, first: str, last: str) -> None:
    assert (first_day(value), last_day(value)) == (first, last)


@pytest.mark.parametrize("content", CORPORA)
def test_timeline_json_follows_its_schema(timelines: dict[Path, Timeline], content: Path) -> None:
    schema = timeline_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(timeline_data(_timeline(timelines, content)), default=str))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors[:5]


@pytest.mark.parametrize("compact, layout", [(False, {"indent": 1}), (True, {"separators": (",", ":")})],
                         ids=["indented", "compact"])
@pytest.mark.parametrize("content", CORPORA)
def test_timeline_json_written_in_pieces_is_what_json_dumps_writes(timelines: dict[Path, Timeline], content: Path,
                                                                  compact: bool, layout: dict[str, Any]) -> None:
    """to_json encodes piece by piece (less memory: benchmarks/bench_memory.py; the compact text item by item, with
    the C encoder); the text must not change."""
    t = _timeline(timelines, content)
    assert to_json(t, compact=compact) == json.dumps(timeline_data(t), ensure_ascii=False, default=str,
                                                     allow_nan=False, **layout) + "\n"


@pytest.mark.parametrize("data", [
    {"schema_version": 1},
    {"articles": [], "events": [], "title": ""},
    {"articles": [{"id": "a", "title": "Ünïcode \u2028 \"quoted\" </script>", "n": 1.5, "none": None}], "x": [[]]},
    {"events": [1, "two", [3], {"four": [True, False]}], "title": "t", "diagnostics": [{"line": 0}]},
    {"mentions": [{"value": dt.date(2026, 3, 4)}]},  # default=str, as the export's encoder does
], ids=["scalar", "empty lists", "text", "mixed items", "default=str"])
def test_compact_json_item_by_item_is_json_dumps(data: dict[str, Any]) -> None:
    text = io.StringIO()
    export.write_compact_json(data, text)
    assert text.getvalue() == json.dumps(data, ensure_ascii=False, default=str, allow_nan=False,
                                                    separators=(",", ":")) + "\n"


def _first_claim(data: dict[str, Any]) -> dict[str, Any]:
    return next(c for e in data["events"] for c in e["claims"])


# Each change makes the export invalid: the schema is strict, not a formality.
BROKEN = [
    ("unknown top-level key", lambda d: d.update(extra=1)),
    ("unknown claim key", lambda d: _first_claim(d).update(colour="red")),
    ("quantity as text", lambda d: _first_claim(d).update(quantity="92")),
    ("missing stated_on", lambda d: _first_claim(d).pop("stated_on")),
    ("stated_on not a day", lambda d: _first_claim(d).update(stated_on="31 Jan")),
    ("unknown status", lambda d: _first_claim(d).update(status="maybe")),
    ("published as free text", lambda d: d["articles"][0].update(published="February 1")),
]


@pytest.mark.parametrize("change", [c[1] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_schema_rejects_a_changed_export(timelines: dict[Path, Timeline], change: Any) -> None:
    data = json.loads(json.dumps(timeline_data(_timeline(timelines, REPO / "content")), default=str))
    change(data)
    assert not jsonschema.Draft202012Validator(timeline_schema()).is_valid(data)


def test_schema_is_shipped_beside_the_export(timelines: dict[Path, Timeline]) -> None:
    pages = render_pages(_timeline(timelines, REPO / "content"), REPO / "templates")
    assert pages["data/timeline.schema.json"] == schema_json()
    assert json.loads(pages["data/timeline.schema.json"])["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _ld(script: str) -> dict[str, Any]:
    found = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', script)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


ARTICLE = Article(id="army-says-92", path="a.md", location=Location("a.md", 1), title="Army says 92", body="",
                  body_line=1, published="2026-02-01", published_day="2026-02-01", url="https://example.org/n/92")


@pytest.mark.parametrize("site_url, url", [("", "./"), ("https://example.org/sub/",
                                                        "https://example.org/sub/articles/army-says-92/")])
def test_news_article_url_is_the_page_and_is_based_on_the_original(site_url: str, url: str) -> None:
    data = _ld(article_ld(ARTICLE, site_url))
    assert (data["url"], data["isBasedOn"]) == (url, "https://example.org/n/92")


def test_news_article_without_a_safe_original_has_no_is_based_on() -> None:
    a = replace(ARTICLE, url="javascript:alert(1)")
    assert "isBasedOn" not in _ld(article_ld(a))


EVENT = Event(id="2026-01-31-quetta-raid", title="Raid", start="2026-01-31", end="2026-01-31", precision="day",
              incident="2026-01-31-quetta-raid", background=False)


@pytest.mark.parametrize("places, location", [
    ({"2026-01-31-quetta-raid": "Quetta"}, {"@type": "Place", "name": "Quetta"}),
    ({"2026-01-31-quetta-raid": None}, None),  # unknown: left out, never invented
    ({}, None),
    ({"2026-01-31-quetta-raid": "</script><b>x"}, {"@type": "Place", "name": "</script><b>x"}),
])
def test_event_location_is_the_incident_place(places: dict[str, str | None], location: dict[str, str] | None) -> None:
    script = event_ld(EVENT, places)
    assert script.count("</script>") == 1
    assert _ld(script).get("location") == location
