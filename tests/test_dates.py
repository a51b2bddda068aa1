"""Temporal expressions, publication dates and datelines (generator.dates), and the `dates` command."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest

from generator import cli
from generator.config import Config
from generator.dates import Timex, find_dateline, parse_publication_date, resolve_dates, tag
from generator.inputs.reader import parse_article

SUN = dt.date(2026, 2, 1)  # a Sunday
THU = dt.date(2026, 2, 5)  # a Thursday


def only(found: list[Timex], surface: str) -> Timex:
    """The one expression whose text contains `surface` (case-insensitive)."""
    hits = [t for t in found if surface.lower() in t.text.lower()]
    assert len(hits) == 1, f"expected one expression containing {surface!r}, got {found!r}"
    return hits[0]


# (text, publication date, expression to look at, value, precision)
RESOLVED = [
    pytest.param("The minister visited the flooded district on Sunday.", SUN, "Sunday", "2026-02-01", "day",
                 id="same-weekday-is-publication-day"),
    pytest.param("Soldiers said late on Saturday that the bridge had fallen.", SUN, "Saturday", "2026-01-31",
                 "day", id="late-on-saturday"),
    pytest.param("Earlier on Saturday, gunmen fired on the checkpoint at Millbrook.", SUN, "Saturday",
                 "2026-01-31", "day", id="earlier-on-saturday"),
    pytest.param("Schools in Millbrook stayed shut today.", SUN, "today", "2026-02-01", "day", id="today"),
    pytest.param("The ferry sank yesterday off the coast.", SUN, "yesterday", "2026-01-31", "day",
                 id="yesterday"),
    pytest.param("Ferries resume tomorrow, the port office said.", SUN, "tomorrow", "2026-02-02", "day",
                 id="tomorrow"),
    pytest.param("The governor spoke to reporters on Tuesday. A day before the governor's remarks, police sealed "
                 "the bridge.", THU, "a day", "2026-02-02", "day", id="a-day-before-remarks"),
    pytest.param("Police reached Millbrook on March 3, a day before the march.", dt.date(2026, 3, 10),
                 "a day", "2026-03-02", "day", id="a-day-before-named-date"),
    pytest.param("The march set off on March 3. The next day, police blocked the road.", dt.date(2026, 3, 10),
                 "next day", "2026-03-04", "day", id="the-next-day"),
    pytest.param("The levee broke on January 31.", SUN, "January 31", "2026-01-31", "day", id="month-day"),
    pytest.param("The levee broke on 31 Jan 2026.", SUN, "31 Jan 2026", "2026-01-31", "day",
                 id="day-month-year"),
    pytest.param("The levee broke on Jan. 31, witnesses said.", SUN, "Jan. 31", "2026-01-31", "day",
                 id="abbreviated-month"),
    pytest.param("The treaty was signed on March 12th, 2025 in Eastport.", SUN, "March 12th, 2025",
                 "2025-03-12", "day", id="ordinal-with-year"),
    pytest.param("The fire started on December 28 near the docks.", dt.date(2026, 1, 5), "December 28",
                 "2025-12-28", "day", id="no-year-previous-year"),
    pytest.param("The new dam opened in March 2025.", SUN, "March 2025", "2025-03", "month",
                 id="month-year"),
    pytest.param("The dispute over the valley began in 1948.", SUN, "1948", "1948", "year", id="year"),
    pytest.param("The two leaders will meet on Monday in Eastport.", SUN, "Monday", "2026-02-02", "day",
                 id="future-next-monday"),
    pytest.param("The council will vote on Friday.", SUN, "Friday", "2026-02-06", "day",
                 id="future-friday-after-sunday"),
    pytest.param("The council voted on Friday.", SUN, "Friday", "2026-01-30", "day", id="past-friday"),
    pytest.param("The shop next to the mosque was hit on Saturday.", SUN, "Saturday", "2026-01-31", "day",
                 id="next-to-is-not-future"),
    pytest.param("Residents said they will never forget what happened on Saturday.", SUN, "Saturday",
                 "2026-01-31", "day", id="future-verb-in-other-clause"),
]


@pytest.mark.parametrize("text, dct, surface, value, precision", RESOLVED)
def test_tag_resolves(text: str, dct: dt.date, surface: str, value: str, precision: str) -> None:
    tx = only(tag(text, dct), surface)
    # "a day before X" is the TimeML duration "a day" (P1D); the day it points at is `anchored`
    assert (tx.anchored or tx.value, tx.anchored_precision or tx.precision) == (value, precision)
    assert text[tx.start:tx.end] == tx.text


def test_tag_late_on_saturday_keeps_modifier_and_speech() -> None:
    tx = only(tag("The army said in a statement late on Saturday that 40 were dead.", SUN), "Saturday")
    assert tx.mod == "END"
    assert tx.stated is True  # the day it was said


def test_tag_said_on_sunday_is_stated_but_struck_on_saturday_is_not() -> None:
    found = tag("The mayor said on Sunday that the storm struck on Saturday.", SUN)
    assert only(found, "Sunday").stated is True
    assert only(found, "Saturday").stated is False
    assert only(found, "Saturday").value == "2026-01-31"


def test_tag_every_friday_is_a_set_not_a_date() -> None:
    tx = only(tag("Protests are held in the square every Friday.", SUN), "Friday")
    assert (tx.type, tx.value) == ("SET", "P1W")


def test_tag_every_day_is_a_set() -> None:
    tx = only(tag("Patrols now pass the square every day.", SUN), "every day")
    assert (tx.type, tx.value, tx.precision) == ("SET", "P1D", None)


def test_tag_weekday_range_resolves_both_days() -> None:
    found = tag("Raids took place on Friday and Saturday across the valley.", SUN)
    assert only(found, "Friday").value == "2026-01-30"
    assert only(found, "Saturday").value == "2026-01-31"


def test_tag_same_weekday_resolved_from_article_published_after_midnight() -> None:
    raw = (b"---\ntitle: Night raid\ndate: 2026-02-01T00:57:25\n---\n\n"
           b"The army said late on Saturday that the raid on the Millbrook depot had been repelled.\n")
    article, _ = parse_article(raw, "content/night.md", "night.md", Config())
    assert article is not None
    mentions = resolve_dates(article)
    sat = [m for m in mentions if m.text == "Saturday"]
    assert len(sat) == 1
    assert (sat[0].value, sat[0].precision, sat[0].mod) == ("2026-01-31", "day", "END")
    assert sat[0].location.path == "content/night.md"


# Undated articles: relative expressions cannot be resolved, absolute ones still are.
UNDATED = [
    pytest.param("The shelling stopped on Saturday.", "Saturday", None, id="weekday"),
    pytest.param("The shelling stopped yesterday.", "yesterday", None, id="yesterday"),
    pytest.param("The shelling stopped on January 31.", "January 31", None, id="month-day-no-year"),
    pytest.param("The dispute over the valley began in 1948.", "1948", "1948", id="year"),
    pytest.param("The shelling stopped on 31 Jan 2026.", "31 Jan 2026", "2026-01-31", id="full-date"),
    pytest.param("The dam opened in March 2025.", "March 2025", "2025-03", id="month-year"),
]


@pytest.mark.parametrize("text, surface, value", UNDATED)
def test_tag_undated(text: str, surface: str, value: str | None) -> None:
    tx = only(tag(text, None), surface)
    assert tx.value == value
    if value is None:
        assert tx.precision is None


# Numbers and words that look like dates but are not.
NOT_DATES = [
    pytest.param("The repairs cost $27 after the storm.", "27", id="money"),
    pytest.param("About 2,000 people marched through Eastport on Sunday.", "2,000", id="thousands"),
    pytest.param("Some 2000 people marched through Eastport on Sunday.", "2000", id="count-like-a-year"),
    pytest.param("Officials said more rain may fall on Sunday.", "may", id="may-the-verb"),
    pytest.param("We did not expect the river to rise so fast.", "We", id="we"),
    pytest.param("Turnout reached 44% in the valley.", "44", id="percentage"),
]


@pytest.mark.parametrize("text, surface", NOT_DATES)
def test_tag_ignores_non_dates(text: str, surface: str) -> None:
    start = text.index(surface)
    end = start + len(surface)
    overlapping = [t for t in tag(text, SUN) if t.start < end and start < t.end]
    assert overlapping == []


def test_tag_offsets_are_sorted_and_disjoint() -> None:
    text = ("On Saturday, 31 Jan 2026, gunmen struck; the next day police arrived. The dispute began in 1948 "
            "and talks will resume on Monday.")
    found = tag(text, SUN)
    assert len(found) >= 4
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


# --- publication dates -------------------------------------------------------------------------

PUBLICATION = [
    pytest.param("2026-02-01T00:57:25", "2026-02-01T00:57:25", id="iso-datetime"),
    pytest.param("2026-02-01", "2026-02-01", id="iso-date"),
    pytest.param("2026-01-31 22:15", "2026-01-31T22:15:00", id="iso-space-no-seconds"),
    pytest.param("March 12th, 2025 3:40 PM PKT", "2025-03-12T15:40:00", id="ordinal-pm-zone"),
    pytest.param("July 4th, 2023 9:45 PM EDT", "2023-07-04T21:45:00", id="july-edt"),
    pytest.param("3 Mar 2024 10:15 am", "2024-03-03T10:15:00", id="day-month-am"),
    pytest.param("1 Feb 2026", "2026-02-01", id="day-month-year-no-time"),
    pytest.param("  2026-02-01  ", "2026-02-01", id="surrounding-spaces"),
    pytest.param("2026-02-30", None, id="impossible-day"),
    pytest.param("yesterday", None, id="relative-word"),
    pytest.param("Sunday", None, id="weekday-only"),
    pytest.param("garbage", None, id="garbage"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize("raw, expected", PUBLICATION)
def test_parse_publication_date(raw: str, expected: str | None) -> None:
    assert parse_publication_date(raw) == expected


DATELINES = [
    pytest.param(["Title", "World | 3 Mar 2024 10:15 am", "Body text about the harbour."],
                 set(), (1, "2024-03-03T10:15:00"), id="pipe-dateline"),
    pytest.param(["Flood warning", "", "Eastport, 14 June 2025", "Body text."], set(), (2, "2025-06-14"),
                 id="place-comma-date"),
    pytest.param(["Flood warning", "Body text with no date in it at all."], set(), None, id="none"),
    pytest.param(["Title", "The flood of 3 Mar 2024 10:15 am was the worst anyone here can remember, residents "
                           "of the old harbour district told reporters on the quay."], set(), None,
                 id="date-inside-long-sentence-is-not-a-dateline"),
    pytest.param(["Harbour | 3 Mar 2024 10:15 am", "Body."], {0}, None, id="skipped-line"),
]


@pytest.mark.parametrize("lines, skip, expected", DATELINES)
def test_find_dateline(lines: list[str], skip: set[int], expected: tuple[int, str] | None) -> None:
    assert find_dateline(lines, skip=skip) == expected


# --- the `dates` command -----------------------------------------------------------------------

def run_dates_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str,
                  *args: str) -> tuple[int, list[dict[str, object]], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = cli.main(["dates", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_cli_dates_prints_one_json_object_per_expression(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = "Officials said on Sunday that the depot was hit late on Saturday. The feud dates to 1948.\n"
    code, rows, _ = run_dates_cli(monkeypatch, capsys, text, "--dct", "2026-02-01")
    assert code == 0
    assert [(r["text"], r["value"]) for r in rows] == [("Sunday", "2026-02-01"), ("Saturday", "2026-01-31"),
                                                       ("1948", "1948")]
    for r in rows:
        assert set(r) == {"start", "end", "text", "type", "value"}
        assert text[r["start"]:r["end"]] == r["text"]  # type: ignore[misc]
        assert r["type"] == "DATE"


def test_cli_dates_without_dct_leaves_relative_dates_unresolved(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run_dates_cli(monkeypatch, capsys, "It rained on Saturday and on 31 Jan 2026.")
    assert code == 0
    assert [(r["text"], r["value"]) for r in rows] == [("Saturday", None), ("31 Jan 2026", "2026-01-31")]


def test_cli_dates_rejects_a_bad_dct(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, err = run_dates_cli(monkeypatch, capsys, "on Saturday", "--dct", "2026-13-01")
    assert code == 1
    assert rows == []
    assert "--dct" in err


def test_dates_batch_writes_one_line_per_document(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]

    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc": "a", "dct": "2026-02-01", "text": "The dam broke on Saturday."}) + "\n\n"
                    + json.dumps({"doc": "b", "dct": None, "text": "Talks lasted three days."}) + "\n"
                    + "not json\n", encoding="utf-8")
    assert cli.main(["dates", "--batch", str(docs)]) == 1  # the bad line is reported, the others written
    captured = capsys.readouterr()
    out = [json.loads(line) for line in captured.out.splitlines()]
    assert out == [
        {"doc": "a", "timexes": [{"start": 17, "end": 25, "text": "Saturday", "type": "DATE", "value": "2026-01-31"}]},
        {"doc": "b", "timexes": [{"start": 13, "end": 23, "text": "three days", "type": "DURATION", "value": "P3D"}]},
    ]
    assert re.search(r"docs\.jsonl:4: error: JSONDecodeError", captured.err)


# TimeML conventions found on TempEval-3 (our own sentences): (text, publication date, [(text, type, value)])
MAR22 = dt.date(2013, 3, 22)  # a Friday


@pytest.mark.parametrize("text, dct, expected", [
    ("The rains came a month earlier than usual.", MAR22, [("a month", "DURATION", "P1M")]),
    ("The dam will be finished eight years from now.", MAR22,
     [("eight years", "DURATION", "P8Y"), ("now", "DATE", "PRESENT_REF")]),
    ("It could be the worst flood in a decade.", MAR22, [("a decade", "DURATION", "P10Y")]),
    ("The storm of 1987-88 and the drought of 2009-2010, officials said.", MAR22,
     [("1987", "DATE", "1987"), ("88", "DATE", "1988"), ("2009", "DATE", "2009"), ("2010", "DATE", "2010")]),
    ("The ferry left minutes before the storm hit.", MAR22, [("minutes", "DURATION", "PXM")]),
    ("Vaccines are offered to children 6 months and older.", MAR22, []),
    ("The nurse, aged 2 years when the war began, remembers it.", MAR22, []),
    ("The village flooded last summer.", MAR22, [("last summer", "DATE", "2012-SU")]),
    ("Repairs will start this winter.", dt.date(2013, 10, 2), [("this winter", "DATE", "2013-WI")]),
    ("Industry grew through the 20th century.", MAR22, [("the 20th century", "DATE", "19")]),
    ("Spending rose this fiscal year.", MAR22, [("this fiscal year", "DATE", "2013")]),
    ("The report is due to be published in May.", MAR22, [("May", "DATE", "2013-05")]),
    ("The programme runs through June.", MAR22, [("June", "DATE", "2013-06")]),
    ("The match was postponed until Saturday.", MAR22, [("Saturday", "DATE", "2013-03-23")]),
    ("The match was played on Saturday.", MAR22, [("Saturday", "DATE", "2013-03-16")]),
], ids=["a-month-earlier", "years-from-now", "decade", "year-ranges", "bare-minutes-before", "age-and-older",
        "aged", "last-summer", "this-winter", "century", "fiscal-year", "passive-future", "through-month",
        "until-weekday", "past-weekday"])
def test_timeml_conventions(text: str, dct: dt.date, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in tag(text, dct)] == expected


def test_a_range_of_years_is_one_mention_on_the_timeline() -> None:
    raw = b"---\ntitle: Drought\ndate: 2013-03-22\n---\n\nThe drought of 2009-2010 emptied the reservoir.\n"
    article, _ = parse_article(raw, "content/d.md", "d.md", Config())
    assert article is not None
    mentions = resolve_dates(article)
    assert [(m.text, m.value, m.end_value) for m in mentions] == [("2009", "2009", "2010")]


# The table of resolvers: one per kind of expression, each with its example (published Sunday 2026-02-01):
# (text, expression to look at, TIMEX3 type, value, precision).
RESOLVER_EXAMPLES = [
    pytest.param("The levee broke on 12 March 2025.", "12 March 2025", "DATE", "2025-03-12", "day", id="full_date"),
    pytest.param("The fire started on December 28.", "December 28", "DATE", "2025-12-28", "day", id="day_month"),
    pytest.param("Talks ran January 3-5 in Eastport.", "January 3-5", "DATE", "2026-01-03", "day",
                 id="day_month_range"),
    pytest.param("The dam opened in late March 2025.", "March 2025", "DATE", "2025-03", "month", id="month_year"),
    pytest.param("The dam opened last March.", "last March", "DATE", "2025-03", "month", id="month"),
    pytest.param("Shelling resumed on Saturday night.", "Saturday", "TIME", "2026-01-31TNI", "day", id="weekday"),
    pytest.param("Police sealed the square last night.", "last night", "TIME", "2026-01-31TNI", "day",
                 id="deictic"),
    pytest.param("The council met last week.", "last week", "DATE", "2026-W04", "week", id="unit_relative"),
    pytest.param("The ferry sank three days ago.", "three days ago", "DATE", "2026-01-29", "day",
                 id="counted_back"),
    pytest.param("The ferry sank seventeen days ago.", "seventeen days ago", "DATE", "2026-01-15", "day",
                 id="counted_back-number-words-of-numbers.yml"),
    pytest.param("The march set off on January 3. The next day, police blocked the road.", "next day", "DATE",
                 "2026-01-04", "day", id="anaphor"),
    pytest.param("The valley emptied in the 1990s.", "1990s", "DATE", "199", "decade", id="decade"),
    pytest.param("The fort dates from the 18th century.", "century", "DATE", "17", None, id="century"),
    pytest.param("Harvests failed last summer.", "summer", "DATE", "2025-SU", None, id="season"),
    pytest.param("The drought lasted from 2009-2010.", "2009", "DATE", "2009", "year", id="year_range"),
    pytest.param("The dispute began in 1948.", "1948", "DATE", "1948", "year", id="year"),
    pytest.param("The ferry sails daily.", "daily", "SET", "P1D", None, id="repeated"),
    pytest.param("The siege lasted about ninety minutes.", "ninety minutes", "DURATION", "PT90M", None,
                 id="duration"),
    pytest.param("The feud had simmered for years.", "years", "DURATION", "PXY", None, id="vague_duration"),
    pytest.param("The bridge is currently closed.", "currently", "DATE", "PRESENT_REF", None, id="reference"),
]


@pytest.mark.parametrize("text, surface, typ, value, precision", RESOLVER_EXAMPLES)
def test_each_resolver_of_the_table(text: str, surface: str, typ: str, value: str, precision: str | None) -> None:
    tx = only(tag(text, SUN), surface)
    assert (tx.type, tx.value, tx.precision) == (typ, value, precision)


def test_every_pattern_has_a_resolver_with_an_example() -> None:
    from generator.dates.patterns import PATTERNS
    from generator.dates.resolvers import RESOLVERS

    assert [kind for kind, _ in PATTERNS] == list(RESOLVERS)
    for kind, resolver in RESOLVERS.items():
        assert resolver.__doc__ and '"' in resolver.__doc__, f"{kind}: {resolver.__name__} needs a docstring example"


def test_month_and_weekday_names_come_from_the_calendar_rules() -> None:
    from generator import rules

    for name, number in rules.rule("calendar", "months").table.items():
        tx = only(tag(f"The dam opened in {name} 2025.", SUN), name)
        assert tx.value == f"2025-{number:02d}"
    for name, number in rules.rule("calendar", "month_abbreviations").table.items():
        tx = only(tag(f"The dam opened on 3 {name}. 2025.", SUN), name)
        assert tx.value == f"2025-{number:02d}-03"
    for name, number in rules.rule("calendar", "weekdays").table.items():
        tx = only(tag(f"The council voted on {name}.", SUN), name)
        assert dt.date.fromisoformat(tx.value or "").weekday() == number
