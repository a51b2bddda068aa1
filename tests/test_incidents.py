"""Incidents as the unit: filing claims under the happening they count, "contested" that means a real
disagreement, incident ids from the happening, the incidents' settings and export.

The stories are invented: an earthquake in the Harrow valley, a ferry lost off Calder Point, strikes in Vennor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import IncidentSettings, load_config
from generator.events.contest import _compare, is_increment, reach, set_statuses
from generator.events.filing import is_running_toll
from generator.models import Claim, ClaimRow, Location
from generator.pipeline import make_timeline
from generator.site.export import timeline_data
from generator.vocabulary import Status


def row(quantity: int, claimant: str | None, stated: str = "2026-05-02", qualifier: str | None = None,
        category: str = "dead", upper: int | None = None, rid: str = "") -> ClaimRow:
    claim = Claim(id=rid or f"{claimant}-{quantity}", article_id=f"a-{claimant}-{stated}", category=category,
                  quantity=quantity, qualifier=qualifier, claimant=claimant, quote="", location=Location("x.md", 1),
                  figure_text=str(quantity), stated_on=stated, upper=upper)
    return ClaimRow(id=claim.id, category=category, quantity=quantity, qualifier=qualifier, claimant=claimant,
                    scope=None, figure_text=str(quantity), vague=False, claims=[claim], upper=upper)


@pytest.mark.parametrize(("first", "second", "verdict"), [
    # different claimants, figures that cannot both hold: a dispute
    (row(92, "the army", category="militants killed"), row(145, "the governor", category="militants killed"),
     Status.CONTESTED),
    # read with their qualifiers they agree: "at least 107" and "more than 116"; "about 2,000" and 2,100
    (row(107, "the broadcaster", qualifier="at least"), row(116, "the police", qualifier="more than"),
     Status.CORROBORATED),
    (row(2000, "the ministry", qualifier="about"), row(2100, "the red cross"), Status.CORROBORATED),
    # a floor is the count so far: "at least 500" does not reach "almost 2,000"
    (row(500, "the red cross", qualifier="at least"), row(2000, "the ministry", qualifier="nearly"),
     Status.CONTESTED),
    # one claimant's two figures are its history, never a dispute
    (row(12, "the police", "2026-05-01"), row(27, "the police", "2026-05-02"), None),
    # a toll of victims that rises from one source to the next is the count growing
    (row(107, "the broadcaster", "2026-05-01"), row(160, "the district office", "2026-05-03"), None),
    # a later lower figure for the same toll is a dispute
    (row(150, "the hospital", "2026-05-01", category="injured"),
     row(28, "the relief office", "2026-05-02", category="injured"), Status.CONTESTED),
    # the sides' figures of their losses contest whatever their days
    (row(15, "the army", "2026-05-01", category="security personnel killed"),
     row(84, "the rebels", "2026-05-02", category="security personnel killed"), Status.CONTESTED),
    # a range reaches its upper end: 471 against "between 100 and 300"
    (row(471, "the ministry"), row(100, "the intelligence report", upper=300), Status.CONTESTED),
    (row(250, "the ministry"), row(100, "the intelligence report", upper=300), Status.CORROBORATED),
])
def test_two_rows_of_one_count(first: ClaimRow, second: ClaimRow, verdict: str | None) -> None:
    assert _compare(first, second, set()) == verdict
    assert _compare(second, first, set()) == verdict


@pytest.mark.parametrize(("quote", "figure", "increment"), [
    ("Divers found three more bodies on Monday.", "three", True),
    ("Another 12 people were rescued overnight.", "12", True),
    ("A further 40 were hurt in the second blast.", "40", True),
    ("Three bodies were found on Monday.", "Three", False),
    ("The toll rose to 40, officials said; 12 more are missing.", "40", False),
])
def test_an_increment_contests_no_total(quote: str, figure: str, increment: bool) -> None:
    r = row(3, None, category="bodies recovered")
    r.figure_text = figure
    r.claims[0].quote = quote
    total = row(78, "the coast guard", category="bodies recovered")
    assert is_increment(r) == increment
    set_statuses([r, total])
    assert (total.status == Status.CONTESTED) == (not increment)


@pytest.mark.parametrize(("qualifier", "figure", "expected"), [
    (None, 40, (40, 40)), ("at least", 500, (500, 750)), ("more than", 100, (100, 150)),
    ("about", 2000, (1800, 2200)), ("nearly", 50, (45, 50)), ("up to", 600, (0, 600)),
])
def test_reach_of_a_qualified_figure(qualifier: str | None, figure: int, expected: tuple[int, int]) -> None:
    got = reach(row(figure, "x", qualifier=qualifier))
    assert got is not None and (round(got[0]), round(got[1])) == expected


def test_an_unattributed_figure_a_claimant_gives_repeats_that_claim_and_the_why_names_the_rivals() -> None:
    cat = "security personnel killed"
    army, governor, report = row(15, "the army", category=cat), row(17, "the governor", category=cat), \
        row(17, None, category=cat)
    rebels = row(84, "the rebels", "2026-05-03", category=cat)
    group = [army, governor, report, rebels]
    set_statuses(group)
    assert report.status == Status.CORROBORATED  # it repeats the governor's 17, it disputes no one itself
    assert [r.status for r in (army, governor, rebels)] == [Status.CONTESTED] * 3
    assert army.spread == "15–84"
    assert army.why == "disputed by the governor: 17 (2026-05-02); the rebels: 84 (2026-05-03)"
    about, close = row(2000, "the ministry", qualifier="about"), row(2100, "the red cross")
    set_statuses([about, close])
    assert about.status == close.status == Status.CORROBORATED
    assert about.why == "agrees, within the qualifiers, with the red cross: 2100 (2026-05-02)".replace("2100", "2,100")


@pytest.mark.parametrize(("sentence", "category", "running"), [
    ("The death toll from the quake rose to 41 on Tuesday.", "dead", True),
    ("So far 12 bodies have been recovered from the river.", "bodies recovered", True),
    ("To date, 300 people have been treated for their injuries.", "injured", True),
    ("Two more bodies were found, bringing the total to 31.", "bodies recovered", True),
    ("Officials lowered the toll to about 300.", "dead", True),
    ("Gunmen killed six guards at the depot on Monday.", "dead", False),
    ("Police have arrested nine men so far.", "arrested", False),  # arrests are their own happening
    ("About 4,000 people have marched so far.", "crowd size", False),
])
def test_running_toll(sentence: str, category: str, running: bool) -> None:
    claim = Claim(id="c", article_id="a", category=category, quantity=1, qualifier=None, claimant=None,
                  quote=sentence, location=Location("x.md", 1))
    assert is_running_toll(claim) == running


def quake_story(write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("first.md", "A strong earthquake struck the Harrow valley on Saturday, flattening homes in "
                              "Dunmere.\n\nAt least 40 people were killed in the quake, the regional governor "
                              "said.\n", title="Earthquake hits the Harrow valley", date="2026-05-03",
                  author="Petra Quill", source="Valley Post")
    write_article("second.md", "Rescuers in Dunmere kept digging through the rubble of Saturday's earthquake.\n\n"
                               "The death toll rose to 95 on Monday, the regional governor said.\n\n"
                               "About 300 people were injured in the earthquake, the Red Cross said.\n",
                  title="Harrow valley earthquake toll climbs", date="2026-05-05", author="Petra Quill",
                  source="Valley Post")
    write_article("third.md", "Police in Dunmere arrested four builders on Wednesday over homes that fell in "
                              "the earthquake in the Harrow valley.\n\nRescuers said the earthquake toll stands "
                              "at 95.\n", title="Builders held after Harrow valley earthquake",
                  date="2026-05-06", author="Petra Quill", source="Harrow Daily")


def test_a_running_toll_is_filed_under_the_happening_with_the_day_it_was_stated(tmp_path: Path,
                                                                                write_article) -> None:  # type: ignore[no-untyped-def]
    quake_story(write_article)
    t = make_timeline(tmp_path)
    assert len(t.incidents) == 1
    (inc,) = t.incidents
    assert inc.id == "2026-05-02-dunmere-earthquake"  # the happening's day, place and kind
    assert "quill" not in inc.id and all("quill" not in e.id for e in t.events)  # never the byline
    saturday = next(e for e in t.events if e.start == "2026-05-02" and e.precision == "day")
    dead = {(r.quantity, r.claimant) for r in saturday.rows if r.category == "dead"}
    assert {q for q, _ in dead} | {h.quantity for r in saturday.rows for h in r.history} >= {40, 95}
    stated = {c.stated_on for r in saturday.all_rows() for c in r.claims if c.quantity == 95}
    assert "2026-05-04" in stated  # "rose to 95 on Monday" keeps Monday as when it was said
    wednesday = next(e for e in t.events if e.start == "2026-05-06" and e.precision == "day")
    assert [(r.category, r.quantity) for r in wednesday.rows] == [("arrested", 4)]  # an arrest is its own event
    assert {e.id for e in t.events if e.incident == inc.id} == set(inc.event_ids)


def test_the_export_has_the_incidents_and_when_each_claim_was_stated(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    quake_story(write_article)
    data = timeline_data(make_timeline(tmp_path))
    (inc,) = data["incidents"]
    assert set(inc) >= {"id", "title", "start", "end", "events", "articles", "summary", "place", "kind"}
    assert (inc["place"], inc["kind"], inc["start"]) == ("Dunmere", "earthquake", "2026-05-02")
    dead = next(s for s in inc["summary"] if s["category"] == "dead")
    governor = [c for c in dead["claimants"] if c["claimant"] and "governor" in c["claimant"].lower()]
    assert [(c["quantity"], c["history"]) for c in governor] == [(95, [40])]
    assert all("stated_on" in c for e in data["events"] for c in e["claims"])


def test_a_part_of_the_day_contests_nothing_outside_its_part(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("wire.md", "Gunmen attacked towns across Vennor province on Saturday.\n\n"
                             "Fighters raided the prison in Ashby, freeing inmates.\n\n"
                             "In Corrin, attackers threw a grenade at a police vehicle, killing two policemen.\n\n"
                             "The army said 15 security personnel were killed in the attacks.\n",
                  title="Attacks across Vennor", date="2026-03-08")
    t = make_timeline(tmp_path)
    (day,) = [e for e in t.events if e.start == "2026-03-07" and e.precision == "day"]
    security = {r.quantity: r for r in day.rows if r.category == "security personnel killed"}
    assert security[2].part and "Corrin" in security[2].part
    assert security[2].status != Status.CONTESTED and security[15].status != Status.CONTESTED


@pytest.mark.parametrize(("yaml_text", "expected", "warning"), [
    ("incidents:\n  window_days: 3\n  story_days: 30\n", {"window_days": 3, "story_days": 30}, None),
    ("incidents:\n  name_overlap: 0.5\n", {"name_overlap": 0.5}, None),
    ("incidents:\n  window_days: -2\n", {}, "incidents window_days must be a whole number from 0 to 366"),
    ("incidents:\n  story_days: 2.5\n", {}, "incidents story_days must be a whole number"),
    ("incidents:\n  windw_days: 3\n", {}, "unknown incidents setting 'windw_days'"),
    ("incidents: 7\n", {}, "incidents must be a mapping"),
])
def test_incident_settings_in_timeline_yml(tmp_path: Path, yaml_text: str, expected: dict[str, float],
                                           warning: str | None) -> None:
    settings = tmp_path / "timeline.yml"
    settings.write_text(yaml_text, encoding="utf-8")
    config, diags = load_config(settings)
    for key, value in {**IncidentSettings().__dict__, **expected}.items():
        assert getattr(config.incidents, key) == value
    if warning:
        assert any(warning in d.message and d.location.line >= 1 for d in diags), diags
    else:
        assert diags == []
