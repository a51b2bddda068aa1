"""Dates are read only within the years dates.MIN_YEAR-MAX_YEAR: outside them (or when the arithmetic overflows)
an expression is read as no date and gets a warning, and nothing else on the site is lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import Config
from generator.dates import MAX_YEAR, MIN_YEAR, Timex, in_window, resolve_dates, tag
from generator.events import counted_period
from generator.inputs.reader import parse_article
from generator.pipeline import make_timeline

SUN = dt.date(2026, 2, 1)  # a Sunday


def calendar(found: list[Timex]) -> list[Timex]:
    """The expressions that resolve to a day, week, month, year or decade, and the days that durations point at."""
    return [t for t in found if (t.value and t.precision) or t.anchored]


def assert_in_window(found: list[Timex]) -> None:
    for t in calendar(found):
        for value, precision in ((t.value, t.precision), (t.end_value, t.precision), (t.anchored,
                                                                                      t.anchored_precision)):
            if value and precision:
                assert in_window(value, precision), t


def test_the_window() -> None:
    assert (MIN_YEAR, MAX_YEAR) == (1000, 2100)
    assert in_window("1000-01-01") and in_window("2100-12-31") and in_window("2100", "year")
    assert not in_window("0999-12-31") and not in_window("2101-01-01") and not in_window("-974", "year")
    assert in_window("209", "decade") and not in_window("210", "decade") and not in_window("099", "decade")
    assert in_window("P3D", None) and in_window("PRESENT_REF", None)


# (text, publication date, part of the expression that is read as no date)
OUTSIDE = [
    pytest.param("More than 700 people were killed in the past 3000 years.", SUN, "3000 years", id="past-3000-years"),
    pytest.param("The army said 90 fighters died over the past 99999999 weeks.", SUN, "99999999 weeks",
                 id="past-99999999-weeks"),
    pytest.param("The ruins date from 10,000 years ago, the guide said.", SUN, "10,000 years", id="10000-years-ago"),
    pytest.param("Floods have hit the valley over the past 5000 centuries.", SUN, "5000 centuries",
                 id="5000-centuries"),
    pytest.param("The tablet was carved 9999 years ago.", SUN, "9999 years", id="9999-years-ago"),
    pytest.param("Rescuers have searched for 99999999 days without rest.", SUN, "99999999 days",
                 id="99999999-days"),
    pytest.param("The bridge will stand 2,000 years from now.", SUN, "2,000 years", id="2000-years-from-now"),
    pytest.param("The fort fell on 12 March 0000, the sign says.", SUN, "12 March 0000", id="year-0"),
    pytest.param("The ledger is dated 0999-12-31.", SUN, "0999-12-31", id="iso-999"),
    pytest.param("The capsule opens on 2101-01-01.", SUN, "2101-01-01", id="iso-2101"),
    pytest.param("The capsule opens on March 3, 2150.", SUN, "March 3, 2150", id="month-day-2150"),
    pytest.param("A week after 31 December 2100, the capsule opens.", SUN, "A week", id="week-after-2100"),
    pytest.param("A day before 1 January 1000, the town was founded.", SUN, "A day", id="day-before-1000"),
    pytest.param("The day after 31 December 2100 the vault opens.", SUN, "day after", id="day-after-2100"),
    pytest.param("The council met last year.", dt.date(1000, 3, 1), "last year", id="last-year-from-1000"),
    pytest.param("The ferry sank yesterday.", dt.date(1000, 1, 1), "yesterday", id="yesterday-from-1000"),
    pytest.param("The ferry sank yesterday.", dt.date(1, 1, 1), "yesterday", id="yesterday-overflows"),
    pytest.param("Talks resume tomorrow.", dt.date(9999, 12, 31), "tomorrow", id="tomorrow-overflows"),
    pytest.param("Talks resume next week.", dt.date(9999, 12, 31), "next week", id="next-week-overflows"),
    pytest.param("The dam opens in 5 years from now.", dt.date(2099, 6, 1), "5 years", id="from-now-past-2100"),
]


@pytest.mark.parametrize("text,dct,surface", OUTSIDE)
def test_outside_the_window_is_no_date(text: str, dct: dt.date, surface: str) -> None:
    found = tag(text, dct)
    hits = [t for t in found if surface.lower() in t.text.lower()]
    assert len(hits) == 1, found
    t = hits[0]
    assert t.out_of_window
    assert t.precision is None and t.end_value is None and t.anchored is None
    assert t.value is None or t.type == "DURATION"  # a duration keeps its length only when that is sane
    if t.type == "DURATION" and t.value is not None:
        assert t.value.startswith("P")  # "a week after 31 December 2100": a week, pointing at no day
    assert_in_window(found)


# Text that names no date the tagger reads at all, or none outside the window.
NO_DATE = [
    pytest.param("Police say 40 people have died since 0000.", id="since-0000"),
    pytest.param("Records of the town go back to the year 99999.", id="year-99999"),
    pytest.param("Nothing has been built there since the year 0.", id="since-year-0"),
    pytest.param("The reactor will cool for 1e9 days.", id="1e9-days"),
    pytest.param("The city was founded in 3000 BC.", id="3000-bc"),
    pytest.param("The sea will rise by 2150, scientists said.", id="by-2150"),
]


@pytest.mark.parametrize("text", NO_DATE)
def test_no_date_outside_the_window(text: str) -> None:
    found = tag(text, SUN)
    assert not calendar(found), found
    assert_in_window(found)


# (text, publication date, expression, value, precision): the edges of the window still work
EDGES = [
    pytest.param("The town was founded on 1 January 1000.", SUN, "1 January 1000", "1000-01-01", "day",
                 id="first-day"),
    pytest.param("The vault opens on 31 December 2100.", SUN, "31 December 2100", "2100-12-31", "day",
                 id="last-day"),
    pytest.param("The vault opens on 2100-12-31.", SUN, "2100-12-31", "2100-12-31", "day", id="last-day-iso"),
    pytest.param("The abbey burned in March 1000.", SUN, "March 1000", "1000-03", "month", id="first-month"),
    pytest.param("The fort fell on 12 March 1650, the sign says.", SUN, "12 March 1650", "1650-03-12", "day",
                 id="full-date-before-1800"),
    pytest.param("The plan runs to 2099, officials said.", SUN, "2099", "2099", "year", id="year-2099"),
    pytest.param("Sea levels could rise sharply in the 2090s.", SUN, "2090s", "209", "decade", id="decade-2090s"),
    pytest.param("The bridge opened 1,000 days ago.", SUN, "1,000 days ago", "2023-05-08", "day",
                 id="1000-days-ago"),
    pytest.param("The ferry sank yesterday.", dt.date(1000, 1, 2), "yesterday", "1000-01-01", "day",
                 id="yesterday-on-the-first-day"),
    pytest.param("Talks resume tomorrow.", dt.date(2100, 12, 30), "tomorrow", "2100-12-31", "day",
                 id="tomorrow-on-the-last-day"),
]


@pytest.mark.parametrize("text,dct,surface,value,precision", EDGES)
def test_edges_of_the_window_still_resolve(text: str, dct: dt.date, surface: str, value: str,
                                           precision: str) -> None:
    found = tag(text, dct)
    (t,) = [t for t in found if surface.lower() in t.text.lower()]
    assert (t.value, t.precision, t.out_of_window) == (value, precision, False)


def test_a_day_anchored_inside_the_window_resolves() -> None:
    found = tag("A day before 31 December 2100, the vault was sealed.", SUN)
    (t,) = [t for t in found if t.text == "A day"]
    assert (t.anchored, t.out_of_window) == ("2100-12-30", False)


def test_a_long_duration_inside_the_window_keeps_its_value() -> None:
    (t,) = tag("The valley has flooded every spring over the past 1100 years.", SUN)
    assert (t.type, t.value, t.out_of_window) == ("DURATION", "P1100Y", False)


@pytest.mark.parametrize("scope,stated,period", [
    ("in the past 3000 years", "2026-02-01", None),
    ("since 0000", "2026-02-01", None),
    ("since 0999", "2026-02-01", None),
    ("over the past 99999999 weeks", "2026-02-01", None),
    ("in the past 1100 years", "2026-02-01", None),  # from 926
    ("in the past year", "3000-06-01", None),  # said outside the window
    ("in the past 1000 years", "2026-02-01", ("1026-02-01", "2026-02-01")),
    ("since 1000", "2026-02-01", ("1000-01-01", "2026-02-01")),
    ("in the past year", "2026-02-01", ("2025-02-01", "2026-02-01")),
])
def test_counted_periods_stay_in_the_window(scope: str, stated: str, period: tuple[str, str] | None) -> None:
    assert counted_period(scope, stated) == period


def test_mentions_outside_the_window_carry_a_flag_and_no_date() -> None:
    article, _ = parse_article(b"---\ntitle: T\ndate: 2026-02-01\n---\n\nIt began on Saturday.\n\n"
                               b"Some 700 died in the past 3000 years.\n", "a.md", "a.md", Config())
    assert article is not None
    m = {x.text: x for x in resolve_dates(article)}
    assert (m["Saturday"].value, m["Saturday"].out_of_window) == ("2026-01-31", False)
    bad = m["the past 3000 years"]
    assert (bad.value, bad.precision, bad.out_of_window, bad.is_calendar) == (None, None, True, False)
    assert bad.location.line == 8


NORMAL = "Police said at least 12 people were killed in the bombing in Larkspur on Saturday.\n"
ATTACK = ("Officials said at least 700 people were killed in the past 3000 years.\n\n"
          "At least 40 people have died since 0000, police said.\n\n"
          "The army said more than 90 fighters were killed over the past 99999999 weeks.\n\n"
          "A week after 31 December 2100, 5 people were injured, medics said.\n\n"
          "The bridge was built 10,000 years ago, when 3 people died, the guide said.\n")


def test_one_article_with_dates_outside_the_window_costs_nothing_else(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("normal.md", NORMAL, title="Bombing in Larkspur", date="2026-02-01")
    attack = write_article("zz-attack.md", ATTACK, title="Long ago", date="2026-02-01")
    t = make_timeline(tmp_path)
    assert not [d for d in t.diagnostics if d.level == "error"], t.diagnostics
    normal = next(a for a in t.articles if a.title == "Bombing in Larkspur")
    day = next(e for e in t.events if e.start == "2026-01-31" and normal.id in e.article_ids)
    assert [(r.category, r.quantity, r.claimant) for r in day.rows] == [("dead", 12, "Police")]
    # The other article keeps its claims and events too; none of them is dated outside the window.
    other = next(a for a in t.articles if a.title == "Long ago")
    assert {c.quantity for c in other.claims} >= {700, 40, 90}
    assert any(other.id in e.article_ids for e in t.events)
    for e in t.events:
        for value in (e.start, e.end):
            assert value is None or in_window(value, "year" if len(value) == 4 else "day"), e
    warnings = {(Path(d.location.path).name, d.location.line, d.message) for d in t.diagnostics
                if d.level == "warning" and "falls outside the years 1000–2100" in d.message}
    assert warnings == {
        (attack.name, 6, "the date 'the past 3000 years' falls outside the years 1000–2100; read as no date"),
        (attack.name, 8, "the period 'since 0000' falls outside the years 1000–2100; read as no date"),
        (attack.name, 10, "the date 'the past 99999999 weeks' falls outside the years 1000–2100; read as no date"),
        (attack.name, 12, "the date 'A week' falls outside the years 1000–2100; read as no date"),
        (attack.name, 14, "the date '10,000 years ago' falls outside the years 1000–2100; read as no date"),
    }


def test_an_inferred_publication_day_does_not_repeat_the_warnings(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    # The undated copy is analysed twice (without a date, then with the day inferred from the dated one).
    text = NORMAL + "\nPolice said 12 people died. The dam is 10,000 years old, built 10,000 years ago.\n"
    write_article("dated.md", text, title="Bombing in Larkspur", date="2026-02-01")
    write_article("undated.md", text + "\nThe ferry sank yesterday.\n", title="Bombing in Larkspur again")
    t = make_timeline(tmp_path)
    undated = next(a for a in t.articles if a.title.endswith("again"))
    assert undated.date_origin == "inferred"
    warned = [d for d in t.diagnostics if "falls outside" in d.message and Path(d.location.path).name == "undated.md"]
    assert len(warned) == 1, warned


def test_an_article_published_outside_the_window_has_no_event_dated_there(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article("old.md", NORMAL, title="Bombing in Larkspur", date="0999-02-01")
    t = make_timeline(tmp_path)
    assert not [d for d in t.diagnostics if d.level == "error"], t.diagnostics
    (ev,) = t.events
    assert (ev.start, ev.end) == (None, None)
    assert [(r.category, r.quantity) for r in ev.rows] == [("dead", 12)]
    assert any(Path(d.location.path).name == path.name and "the date 'Saturday' falls outside" in d.message
               for d in t.diagnostics)
