"""Events: grouping articles into incidents and dated events, claim rows and their status (generator.events).

The corpora are invented: a raid on the Redcliff border post in Kestrel province, claimed by the Free Hills
Movement, and an unrelated flood in Port Amber.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from generator.claims import extract_claims
from generator.config import Config
from generator.dates import resolve_dates
from generator.events import counted_period, infer_publication_dates, merge_events, sentence_headline
from generator.models import Article, ClaimRow, Event, Location, Timeline
from generator.pipeline import make_timeline
from generator.site.export import timeline_data
from generator.site.render import history_label, published_label, render_pages

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

HERALD = ("At least 12 soldiers were killed when gunmen stormed the Redcliff border post in Kestrel on Saturday, "
          "the provincial police said.\n\nResidents of Redcliff said the shooting went on for hours.\n")
TIMES = ("Gunmen attacked the Redcliff border post in Kestrel province on Saturday night.\n\n"
         "At least 12 soldiers were killed in the attack, the provincial police said.\n\n"
         "Kestrel has been tense since the Redcliff crossing was closed.\n")


def timeline(path: Path) -> Timeline:
    t = make_timeline(path)
    assert [d for d in t.diagnostics if d.level == "error"] == [], t.diagnostics
    return t


def day_event(t: Timeline, day: str) -> Event:
    found = [e for e in t.events if e.start == day and e.precision == "day"]
    assert len(found) == 1, [(e.id, e.start) for e in t.events]
    return found[0]


def rows(e: Event, category: str) -> list[ClaimRow]:
    return [r for r in e.rows if r.category == category]


def article_id(t: Timeline, name: str) -> str:
    (a,) = [a for a in t.articles if Path(a.path).name == name]
    return a.id


def test_identical_claims_from_two_articles_are_one_corroborated_row(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08T09:30:00",
                  source="Kestrel Herald")
    write_article("times.md", TIMES, title="Twelve soldiers killed at Redcliff", date="2026-03-08",
                  source="Valley Times")
    t = timeline(tmp_path)
    herald, times = article_id(t, "herald.md"), article_id(t, "times.md")
    ev = day_event(t, "2026-03-07")
    (row,) = rows(ev, "security personnel killed")
    assert (row.quantity, row.qualifier, row.claimant) == (12, "at least", "Police")
    assert sorted(row.article_ids) == sorted([herald, times])
    assert row.status == "corroborated"
    assert row.spread is None
    assert {herald, times} <= set(ev.article_ids)
    assert all(c.status == "corroborated" and sorted(c.sources) == sorted([herald, times]) for c in row.claims)
    # one incident, one event per day: the two reports are not split
    assert len({e.incident for e in t.events}) == 1
    assert [e.start for e in t.events if not e.background] == ["2026-03-07"]


def test_single_report_is_single_source(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    t = timeline(tmp_path)
    (row,) = rows(day_event(t, "2026-03-07"), "security personnel killed")
    assert row.status == "single"


def test_different_figures_from_different_claimants_are_contested(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08", source="Kestrel Herald")
    write_article("times.md", TIMES, title="Twelve soldiers killed at Redcliff", date="2026-03-08",
                  source="Valley Times")
    write_article("claim.md", "The Free Hills Movement claimed that 40 soldiers were killed in the raid on the "
                              "Redcliff border post in Kestrel on Saturday.\n",
                  title="Free Hills Movement says 40 soldiers died at Redcliff", date="2026-03-08",
                  source="Hill Post")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-07")
    by_claimant = {r.claimant: r for r in rows(ev, "security personnel killed")}
    assert set(by_claimant) == {"Police", "Free Hills Movement"}
    police, fhm = by_claimant["Police"], by_claimant["Free Hills Movement"]
    assert (police.quantity, fhm.quantity) == (12, 40)
    assert police.status == fhm.status == "contested"
    assert police.spread == fhm.spread == "12–40"
    assert len(police.article_ids) == 2 and fhm.article_ids == [article_id(t, "claim.md")]


def test_same_claimant_with_two_figures_is_a_revision_not_a_conflict(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("first.md", "At least 12 soldiers were killed in the Redcliff raid in Kestrel on Saturday, the "
                              "provincial police said.\n", title="Redcliff raid toll", date="2026-03-08")
    write_article("second.md", "At least 14 soldiers were killed in the Redcliff raid in Kestrel on Saturday, the "
                               "provincial police said.\n", title="Redcliff raid toll rises", date="2026-03-09")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-07")
    (row,) = rows(ev, "security personnel killed")
    assert (row.quantity, row.status) == (14, "single")
    assert [(h.quantity, h.status) for h in row.history] == [(12, "revised")]
    assert history_label(row) == "at least 12, then at least 14"
    page = render_pages(t, TEMPLATES)[f"events/{ev.id}.md"]
    assert "at least 12, then at least 14" in page and "### Earlier figures" in page
    exported = {c["quantity"]: c for c in timeline_data(t)["events"][[e.id for e in t.events].index(ev.id)]["claims"]}
    assert exported[12]["status"] == "revised" and exported[12]["revised_to"] == row.id
    assert exported[14]["history"] == [12]


@pytest.mark.parametrize(("second", "second_day", "current"), [
    ("At least 9 soldiers", "2026-03-09", 9),  # said a day later: the later statement wins, even if lower
    ("At least 12 soldiers", "2026-03-08", 12),  # said the same day: the higher figure is taken as the later
])
def test_revision_order_follows_when_it_was_said(tmp_path: Path, write_article, second: str, second_day: str,
                                                 current: int) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", "At least 10 soldiers were killed in the Redcliff raid in Kestrel on Saturday, the "
                          "provincial police said.\n", title="Redcliff raid toll", date="2026-03-08")
    write_article("b.md", f"{second} were killed in the Redcliff raid in Kestrel on Saturday, the "
                          "provincial police said.\n", title="Redcliff raid toll again", date=second_day)
    (row,) = rows(day_event(timeline(tmp_path), "2026-03-07"), "security personnel killed")
    assert row.quantity == current and [h.quantity for h in row.history] == [{9: 10, 12: 10}[current]]


def test_different_claimants_disagreeing_stay_contested_beside_a_revision(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", "At least 12 soldiers were killed in the Redcliff raid in Kestrel on Saturday, the "
                          "provincial police said.\n", title="Redcliff raid toll", date="2026-03-08")
    write_article("b.md", "At least 14 soldiers were killed in the Redcliff raid in Kestrel on Saturday, the "
                          "provincial police said. The Kestrel Front said it killed 40 soldiers in the raid.\n",
                  title="Redcliff raid toll rises", date="2026-03-09")
    ev = day_event(timeline(tmp_path), "2026-03-07")
    got = {(r.claimant, r.quantity): r.status for r in rows(ev, "security personnel killed")}
    assert got == {("Police", 14): "contested", ("Kestrel Front", 40): "contested"}


def test_vague_amounts_are_kept_apart_with_bounds(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", "The Kestrel Front said dozens of soldiers were killed in the Redcliff raid in Kestrel on "
                          "Saturday. The provincial police said 12 soldiers were killed in the raid.\n",
                  title="Redcliff raid toll", date="2026-03-08")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-07")
    assert [(r.quantity, r.claimant) for r in rows(ev, "security personnel killed")] == [(12, "Police")]
    (vague,) = ev.vague_rows
    assert (vague.figure_text, vague.claimant, vague.bounds, vague.status) == ("dozens", "Kestrel Front", (24, 99),
                                                                                 "contested")
    data = timeline_data(t)["events"][[e.id for e in t.events].index(ev.id)]
    assert [c["quantity"] for c in data["claims"]] == [12]
    assert [(c["figure"], c["bounds"]) for c in data["vague_claims"]] == [("dozens", [24, 99])]
    page = render_pages(t, TEMPLATES)[f"events/{ev.id}.md"]
    front = '<a href="../../claimants/kestrel-front/">Kestrel Front</a>'
    assert "### Vague amounts" in page
    assert f"<li>{front}, security personnel killed: <strong>dozens</strong> (24 to 99" in page


def test_year_only_mention_is_a_background_event(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("times.md", TIMES + "\nThe border dispute over Redcliff dates back to 1998.\n\n"
                                      "Kestrel voted on a new governor in 2026.\n",
                  title="Twelve soldiers killed at Redcliff", date="2026-03-08")
    t = timeline(tmp_path)
    background = [e for e in t.events if e.background]
    assert [(e.start, e.end, e.precision) for e in background] == [("1998", "1998", "year")]
    assert background[0].id.startswith("1998-")
    assert background[0].rows == []
    chronology = [e for e in t.events if not e.background]
    assert [e.start for e in chronology] == ["2026-03-07"]
    assert any("1998" in sentence for _, sentence in background[0].context)


def test_month_only_mention_is_background_too(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("times.md", TIMES + "\nThe crossing at Redcliff was closed in March 2024.\n",
                  title="Twelve soldiers killed at Redcliff", date="2026-03-08")
    t = timeline(tmp_path)
    (month,) = [e for e in t.events if e.precision == "month"]
    assert month.background and month.start == "2024-03"


def test_undated_article_with_the_same_figures_joins_the_dated_event(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08", source="Kestrel Herald")
    write_article("times.md", TIMES, title="Twelve soldiers killed at Redcliff", date="2026-03-08")
    undated = write_article("clipping.txt", "Redcliff border post attack: police give toll\n\n"
                            "At least 12 soldiers were killed when gunmen stormed the Redcliff border post in "
                            "Kestrel, the provincial police said.\n")
    t = timeline(tmp_path)
    clip = article_id(t, "clipping.txt")
    (a,) = [x for x in t.articles if x.id == clip]
    # Same claimant, category and figure as both dated articles: it gets their publication day, marked inferred.
    assert (a.published, a.published_day, a.date_origin) == (None, "2026-03-08", "inferred")
    assert sorted(a.inferred_from) == sorted(article_id(t, n) for n in ("herald.md", "times.md"))
    ev = day_event(t, "2026-03-07")
    assert clip in ev.article_ids
    (row,) = rows(ev, "security personnel killed")
    assert clip in row.article_ids and len(row.article_ids) == 3
    assert not [e for e in t.events if e.start is None]
    warned = [d for d in t.diagnostics if d.level == "warning" and "inferred as 2026-03-08" in d.message]
    assert len(warned) == 1 and (tmp_path.parent / warned[0].location.path).resolve() == undated.resolve()
    assert "herald.md" in warned[0].message and "1 of the same claims" in warned[0].message
    assert not [d for d in t.diagnostics if d.location == warned[0].location and "no publication date" in d.message]
    assert published_label(a) == "undated (inferred: 8 Mar 2026)"
    assert timeline_data(t)["articles"][t.articles.index(a)]["published_inferred"] == "2026-03-08"


def test_inferred_date_resolves_the_undated_articles_relative_dates(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    write_article("clip.txt", "Redcliff toll\n\nAt least 12 soldiers were killed when gunmen stormed the Redcliff "
                              "border post in Kestrel on Saturday, the provincial police said. On Friday, 3 people "
                              "were injured in Kestrel, the provincial police said.\n")
    t = timeline(tmp_path)
    (clip,) = [a for a in t.articles if a.path.endswith("clip.txt")]
    assert clip.date_origin == "inferred"
    assert {m.text: m.value for m in clip.mentions} == {"Saturday": "2026-03-07", "Friday": "2026-03-06"}
    assert [c.date for c in clip.claims] == ["2026-03-07", "2026-03-06"]


def test_undated_article_sharing_only_a_place_is_placed_not_dated(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    write_article("times.md", TIMES, title="Twelve soldiers killed at Redcliff", date="2026-03-08")
    write_article("clip.txt", "Redcliff mourns\n\nShops in Redcliff and across Kestrel stayed shut as the border post "
                              "attack was mourned, and residents of Redcliff gathered near the Kestrel police "
                              "station.\n")
    t = timeline(tmp_path)
    (clip,) = [a for a in t.articles if a.path.endswith("clip.txt")]
    assert clip.date_origin == "none" and clip.published_day is None  # no shared claim or text: no date guessed
    assert "inferred" not in published_label(clip, t.inferred.get(clip.id))


def test_undated_article_about_nothing_known_stays_undated(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    write_article("orchard.txt", "Orchard growers count losses\n\nApple growers in Greenvale said 300 trees "
                                 "were lost to frost.\n")
    t = timeline(tmp_path)
    orchard = article_id(t, "orchard.txt")
    assert orchard not in t.inferred
    undated_events = [e for e in t.events if e.start is None]
    assert len(undated_events) <= 1
    for e in t.events:
        if orchard in e.article_ids:
            assert e.start is None and not e.background


def test_unrelated_incidents_never_share_an_event(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08", source="Kestrel Herald")
    write_article("times.md", TIMES, title="Twelve soldiers killed at Redcliff", date="2026-03-08")
    write_article("flood.md", "Floodwater swept through the harbour district of Port Amber on Sunday, and at least "
                              "12 people were killed, the mayor said.\n\nFishing boats in Port Amber were torn "
                              "from their moorings.\n", title="Floods sweep Port Amber", date="2026-07-20",
                  source="Harbour Gazette")
    write_article("flood2.md", "At least 12 people were killed by the floods in Port Amber on Sunday, the mayor "
                               "said.\n", title="Port Amber mourns flood dead", date="2026-07-21")
    t = timeline(tmp_path)
    kestrel = {article_id(t, "herald.md"), article_id(t, "times.md")}
    amber = {article_id(t, "flood.md"), article_id(t, "flood2.md")}
    for e in t.events:
        ids = set(e.article_ids)
        assert not (ids & kestrel and ids & amber), (e.id, e.article_ids)
    incidents = {e.incident for e in t.events}
    assert len(incidents) == 2
    flood_day = day_event(t, "2026-07-19")
    (row,) = rows(flood_day, "dead")
    assert set(row.article_ids) == amber and row.status == "corroborated"


def test_same_day_in_two_unrelated_places_are_separate(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    write_article("flood.md", "Floodwater swept through the harbour district of Port Amber on Saturday, and at "
                              "least 12 people were killed, the mayor said.\n", title="Floods sweep Port Amber",
                  date="2026-03-08")
    t = timeline(tmp_path)
    days = [e for e in t.events if e.start == "2026-03-07"]
    assert len(days) == 2
    assert len({e.incident for e in days}) == 2
    assert len({e.id for e in t.events}) == len(t.events)


CURATED = """---
title: "Twelve soldiers killed at Redcliff"
date: 2026-03-08
source: Valley Times
events:
  - title: "Gunmen overrun the Redcliff border post"
    date: 2026-03-07
    claims:
      - claimant: Kestrel provincial police
        category: security personnel killed
        quantity: 12
        qualifier: at least
        scope: in one night
        quote: "At least 12 soldiers were killed in the attack."
      - {claimant: Free Hills Movement, category: militants killed, quantity: 3, qualifier: at least,
         quote: "We lost at least three of our men."}
      - {claimant: Free Hills Movement, category: militants killed, quantity: a handful,
         quote: "A handful of our men fell."}
---

"""


def test_curated_event_title_wins_and_claims_are_marked(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("times.md", CURATED + TIMES)
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-07")
    assert ev.curated is True
    assert ev.title == "Gunmen overrun the Redcliff border post"
    (killed,) = rows(ev, "security personnel killed")
    assert killed.curated is True
    assert (killed.quantity, killed.qualifier, killed.scope) == (12, "at least", "in one night")
    assert killed.claimant == "Kestrel provincial police"
    assert len(killed.article_ids) == 2  # the curated claim marks the extracted row; both reports stay
    (militants,) = rows(ev, "militants killed")
    assert (militants.quantity, militants.qualifier, militants.claimant, militants.curated) == (
        3, "at least", "Free Hills Movement", True)
    assert militants.claims[0].quote == "We lost at least three of our men."
    # the non-numeric curated figure is reported on the claim's own line and left out
    bad = [d for d in t.diagnostics if "non-numeric figure" in d.message]
    assert len(bad) == 1
    assert bad[0].level == "warning"
    assert Path(bad[0].location.path).name == "times.md" and bad[0].location.line == 17
    assert "a handful" in bad[0].message
    assert all(r.quantity is not None for r in ev.rows)


def test_curated_event_on_a_day_no_text_names(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    front = ('---\ntitle: "Kestrel roundup"\ndate: 2026-03-20\nevents:\n  - title: "Talks open in Kestrel"\n'
             '    date: 2026-03-15\n---\n\n')
    write_article("roundup.md", front + "Delegates from Redcliff met officials in Kestrel.\n")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-15")
    assert ev.curated and ev.title == "Talks open in Kestrel" and ev.rows == []


# The event starts on line 5 of the file; its first claim is on line 8.
@pytest.mark.parametrize("event_yaml, message, line", [
    ('  - title: "No date"\n    claims: []\n', "has no readable date", 5),
    ('  - title: "Bad date"\n    date: someday\n', "has no readable date", 5),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead}\n', "has no figure", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead, quantity: ""}\n', "has no figure", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead, figure: many}\n',
     "non-numeric figure 'many'", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead, quantity: true}\n',
     "non-numeric figure", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead, quantity: 3}\n'
     '      - {category: dead, quantity: -3}\n', "negative figure", 9),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {quantity: 4}\n', "has no category", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - {category: dead, quantity: 4, qualifier: roughly}\n',
     "unknown qualifier 'roughly'", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims:\n      - just a string\n', "must be a mapping", 8),
    ('  - title: "T"\n    date: 2026-03-07\n    claims: not a list\n', "must be a list", 5),
], ids=["no-date", "bad-date", "no-quantity", "empty-quantity", "words-for-figure", "boolean-figure",
        "negative-figure", "no-category", "unknown-qualifier", "claim-not-mapping", "claims-not-list"])
def test_curated_mistakes_are_warnings(tmp_path: Path, write_article, event_yaml: str, message: str,  # type: ignore[no-untyped-def]
                                       line: int) -> None:
    write_article("c.md", f"---\ntitle: T\ndate: 2026-03-08\nevents:\n{event_yaml}---\n\nBody text here.\n")
    t = timeline(tmp_path)
    hits = [d for d in t.diagnostics if message in d.message]
    assert len(hits) == 1, [str(d) for d in t.diagnostics]
    assert hits[0].level == "warning" and hits[0].location.line == line


def test_claims_go_to_the_day_their_sentence_names(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("week.md", "Gunmen attacked the Redcliff border post in Kestrel on Saturday.\n\n"
                             "On Friday, 3 civilians were killed at a market in Redcliff, police said.\n\n"
                             "At least 12 soldiers were killed in Saturday's attack, police said.\n",
                  title="A week of violence in Redcliff", date="2026-03-08")
    t = timeline(tmp_path)
    friday = day_event(t, "2026-03-06")
    saturday = day_event(t, "2026-03-07")
    assert [r.category for r in friday.rows] == ["civilians killed"]
    assert [(r.category, r.quantity) for r in saturday.rows] == [("security personnel killed", 12)]


def test_event_ids_are_unique_and_events_sorted(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("times.md", TIMES + "\nThe dispute dates back to 1998.\n", title="Twelve soldiers killed",
                  date="2026-03-08")
    write_article("flood.md", "Floodwater swept through Port Amber on Sunday, and 12 people were killed.\n",
                  title="Floods sweep Port Amber", date="2026-07-20")
    write_article("undated.txt", "Orchard news\n\nApple growers in Greenvale said 300 trees were lost.\n")
    t = timeline(tmp_path)
    ids = [e.id for e in t.events]
    assert len(ids) == len(set(ids))
    starts = [e.start for e in t.events]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated)
    assert starts[len(dated):] == [None] * (len(starts) - len(dated))  # undated last


def test_aliases_of_one_actor_corroborate_each_other(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("one.md", "At least 9 militants were killed near the Redcliff border post in Kestrel on "
                            "Saturday, the army said.\n", title="Nine militants killed near Redcliff",
                  date="2026-03-08")
    write_article("two.md", "The military said at least 9 militants were killed near the Redcliff border post in "
                            "Kestrel on Saturday.\n", title="Kestrel: military reports Redcliff clash",
                  date="2026-03-08")
    t = timeline(tmp_path)
    (row,) = rows(day_event(t, "2026-03-07"), "militants killed")
    assert (row.quantity, row.claimant, row.status, len(row.article_ids)) == (9, "Military", "corroborated", 2)


def test_a_claim_stated_before_the_main_day_stays_on_the_day_it_was_stated(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    body = ("Gunmen stormed the Redcliff border post in Kestrel on Saturday, the provincial police said.\n\n"
            "The army had said on Friday that it killed 23 fighters near Redcliff in two raids.\n")
    write_article("herald.md", body, title="Redcliff post stormed", date="2026-03-08", source="Kestrel Herald")
    t = timeline(tmp_path)
    friday = day_event(t, "2026-03-06")
    assert [(r.category, r.quantity) for r in friday.rows] == [("militants killed", 23)]
    assert rows(day_event(t, "2026-03-07"), "militants killed") == []


def test_a_count_over_the_past_year_does_not_contest_the_days_figures(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("herald.md", HERALD, title="Redcliff post overrun", date="2026-03-08", source="Kestrel Herald")
    yearly = "\nThe army said 300 soldiers had been killed in the province in the past year.\n"
    write_article("times.md", TIMES + yearly,
                  title="Twelve soldiers killed at Redcliff", date="2026-03-08", source="Valley Times")
    t = timeline(tmp_path)
    by_figure = {r.quantity: r for r in rows(day_event(t, "2026-03-07"), "security personnel killed")}
    assert list(by_figure) == [12]
    assert by_figure[12].status == "corroborated" and by_figure[12].spread is None
    (period,) = [e for e in t.events if e.precision == "period"]
    (yearly_row,) = period.rows
    assert (yearly_row.quantity, yearly_row.status, yearly_row.scope) == (300, "single", "in the past year")


@pytest.mark.parametrize(("scope", "stated", "period"), [
    ("in the past year", "2026-02-01", ("2025-02-01", "2026-02-01")),
    ("over the last three months", "2026-02-01", ("2025-11-03", "2026-02-01")),
    ("in the past 2 weeks", "2026-02-01", ("2026-01-18", "2026-02-01")),
    ("in the past decade", "2024-02-29", ("2014-02-28", "2024-02-29")),
    ("since 2019", "2026-02-01", ("2019-01-01", "2026-02-01")),
    ("since March", "2026-02-01", ("2025-03-01", "2026-02-01")),
    ("so far this year", "2026-05-10", ("2026-01-01", "2026-05-10")),
    ("over roughly 40 hours", "2026-02-01", None),  # hours and days stay on the day's event
    ("in the past year", None, None),  # undated: no period to place it on
])
def test_counted_period(scope: str, stated: str | None, period: tuple[str, str] | None) -> None:
    assert counted_period(scope, stated) == period


def test_a_count_over_the_past_year_gets_its_own_period_event(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", HERALD + "\nThe provincial police said 240 militants were killed in Kestrel in the past "
                                   "year.\n", title="Redcliff post overrun", date="2026-03-08")
    t = timeline(tmp_path)
    (period,) = [e for e in t.events if e.precision == "period"]
    assert (period.start, period.end, period.background) == ("2025-03-08", "2026-03-08", True)
    assert [(r.quantity, r.category) for r in period.rows] == [(240, "militants killed")]
    assert period.title == "Police say 240 militants killed in the past year"
    assert [r.quantity for r in day_event(t, "2026-03-07").rows] == [12]


@pytest.mark.parametrize(("sentence", "must", "title"), [
    ("Meanwhile, the border post at Redcliff reopened on Monday, officials said.", None,
     "The border post at Redcliff reopened on Monday"),
    ("Since the ceasefire of 1994, the Kestrel Front has rearmed twice, most recently in 2009.", "1994",
     "Ceasefire of 1994"),
    ("Since the ceasefire of 1994, the Kestrel Front has rearmed twice, most recently in 2009.", "2009",
     "Most recently in 2009"),
    ("Floodwater, which rose overnight, swept through the harbour district of Port Amber; boats sank.", None,
     "Floodwater swept through the harbour district of Port Amber"),
    ("Security forces killed at least 40 militants over two days of raids following a string of attacks on "
     "police posts across the province, the governor said on Sunday.", None,
     "Security forces killed at least 40 militants over two days of raids"),
])
def test_sentence_headline(sentence: str, must: str | None, title: str) -> None:
    assert sentence_headline(sentence, must) == title


def test_event_known_only_from_figures_is_titled_by_its_claim(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", "Kestrel roundup. The provincial police said on Friday that 4 militants were killed in a "
                          "raid near Redcliff on Thursday.\n",
                  title="Kestrel weekly roundup of news, sport, and weather.",
                  date="2026-03-08")
    t = timeline(tmp_path)
    assert day_event(t, "2026-03-05").title == "Police say 4 militants killed"


def test_subevents_nest_under_the_day(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", "Gunmen struck across Kestrel on Saturday.\n\nFighters stormed the prison in Millbrook and "
                          "freed 20 inmates, the provincial police said.\n\nIn Redcliff, attackers threw grenades "
                          "at a police vehicle, killing two police officers, the provincial police said.\n\n"
                          "Fighters stormed the prison in Millbrook again at dawn.\n",
                  title="Gunmen strike across Kestrel", date="2026-03-08")
    t = timeline(tmp_path)
    ev = day_event(t, "2026-03-07")
    assert [sv.title for sv in ev.subevents] == ["Raid on the prison in Millbrook",
                                                 "Grenade attack on the vehicle in Redcliff"]
    prison, grenade = ev.subevents
    assert len(prison.sentences) == 2
    figures = {r.id: (r.quantity, r.category) for r in ev.all_rows()}
    assert [figures[i] for i in prison.row_ids] == [(20, "inmates freed")]
    assert [figures[i] for i in grenade.row_ids] == [(2, "security personnel killed")]
    page = render_pages(t, TEMPLATES)[f"events/{ev.id}.md"]
    assert "## Parts of this day" in page and "### Raid on the prison in Millbrook" in page
    assert not [e for e in t.events if e.precision != "day" and e.subevents]


def test_a_day_with_one_incident_has_no_subevents(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("a.md", HERALD, title="Redcliff post overrun", date="2026-03-08")
    assert day_event(timeline(tmp_path), "2026-03-07").subevents == []


def analysed_article(name: str, body: str, title: str, day: str | None,
                     curated_events: list[dict[str, object]] | None = None) -> Article:
    """An article as the events stage receives it: dates resolved and claims extracted (no reader, no pipeline)."""
    path = f"content/{name}"
    a = Article(id=name.split(".")[0], path=path, location=Location(path, 1), title=title, body=body, body_line=1,
                published=day, published_day=day, date_origin="front-matter" if day else "none", file=name,
                curated_events=curated_events or [])
    with_mentions = replace(a, mentions=resolve_dates(a))
    return replace(with_mentions, claims=extract_claims(with_mentions, with_mentions.mentions, Config()))


def test_the_events_stage_changes_none_of_the_articles_and_claims_it_is_given() -> None:
    curated = {"title": "Gunmen overrun the Redcliff border post", "date": "2026-03-07", "_line": 5,
               "claims": [{"claimant": "Kestrel provincial police", "category": "security personnel killed",
                           "quantity": 12, "qualifier": "at least", "scope": "in one night"}]}
    articles = [
        analysed_article("herald.md", HERALD, "Redcliff post overrun", "2026-03-08"),
        analysed_article("times.md", TIMES, "Twelve soldiers killed at Redcliff", "2026-03-08", [curated]),
        analysed_article("claim.md", "The Free Hills Movement claimed that 40 soldiers were killed in the raid on the "
                                     "Redcliff border post in Kestrel on Saturday.\n",
                         "Free Hills Movement says 40 soldiers died at Redcliff", "2026-03-08"),
        analysed_article("later.md", "At least 14 soldiers were killed in the Redcliff raid in Kestrel on Saturday, "
                                     "the provincial police said.\n", "Redcliff raid toll rises", "2026-03-09"),
        analysed_article("clipping.txt", "At least 12 soldiers were killed when gunmen stormed the Redcliff border "
                                         "post in Kestrel, the provincial police said.\n", "Redcliff toll", None),
    ]
    before = copy.deepcopy(articles)
    dated, inferred_ids, _ = infer_publication_dates(articles)
    assert articles == before  # the undated clipping is not dated in place: a copy is
    assert inferred_ids == ["clipping"]
    assert [a is b for a, b in zip(articles, dated, strict=True)] == [True, True, True, True, False]
    assert (dated[-1].published_day, dated[-1].date_origin, articles[-1].published_day) == ("2026-03-08", "inferred",
                                                                                           None)
    before = copy.deepcopy(dated)
    events, _, _, _ = merge_events(dated, Config())
    assert dated == before  # statuses, sources, harmonised claimants and curated marks are on the rows' copies
    placed = [(r, c) for e in events for r in e.all_rows() for c in r.claims]
    statuses = {r.status for r, _ in placed}
    # the extracted claims the curated one confirms are marked curated and take its claimant, on the copies
    assert {"contested", "revised"} <= statuses and any(c.curated and c.quote in TIMES for _, c in placed)
    own_claims = {id(c) for a in dated for c in a.claims}
    assert placed and not [c for _, c in placed if id(c) in own_claims]
    assert all(c.status == r.status for r, c in placed)


# Two attacks one armed group claims, in two towns weeks apart, are two incidents; reports of one town's attack
# join, also when they spell the town two ways or the wire names itself in a dateline.
GROUP_ATTACK = ("{town_cap}, {date} (Meridian Wire) - Gunmen of the Crimson Ridge Brigade stormed a police post "
                "in {town} on {weekday}, killing {n} officers, the provincial police chief said.\n\n"
                "The Crimson Ridge Brigade said in a statement that its fighters had attacked the post in {town}. "
                "Residents of {town} said the shooting lasted two hours.\n")


def group_attack(town: str, date: str, weekday: str, n: int) -> str:
    return GROUP_ATTACK.format(town=town, town_cap=town.upper(), date=date, weekday=weekday, n=n)


@pytest.mark.parametrize(("second", "together"), [
    # another town, five weeks later: the group's name is all they share
    (("Tessaly", "April 19", "Saturday", 6, "2026-04-19"), False),
    # the same town, five weeks later: the same story's anniversary of a kind, still one place
    (("Harnow", "April 19", "Saturday", 6, "2026-04-19"), True),
    # the same town spelled another way two days later
    (("Harnowe", "March 16", "Monday", 9, "2026-03-16"), True),
    # another town the same week: two attacks
    (("Tessaly", "March 17", "Tuesday", 6, "2026-03-17"), False),
])
def test_a_group_s_attacks_in_two_towns_are_two_incidents(tmp_path: Path, write_article, second, together) -> None:  # type: ignore[no-untyped-def]
    write_article("one.md", group_attack("Harnow", "March 14", "Saturday", 9), title="Police post attacked",
                  date="2026-03-14", source="Meridian Wire")
    town, date, weekday, n, published = second
    write_article("two.md", group_attack(town, date, weekday, n), title="Gunmen attack police post",
                  date=published, source="Meridian Wire")
    t = timeline(tmp_path)
    incident = {aid: e.incident for e in t.events for aid in e.article_ids}
    assert (incident[article_id(t, "one.md")] == incident[article_id(t, "two.md")]) is together


@pytest.mark.parametrize("claimant, verb", [
    ("Hospital officials", "say"),  # a plural noun at the end of the name
    ("Police", "say"),  # a plural without -s
    ("Local organisers", "say"),
    ("Interior ministry", "says"),
    ("Reuters", "says"),  # a name ending in s that is no plural noun of the list
    ("Doctors Without Borders", "says"),  # the plural inside a name: its last word decides
    ("Chief Minister Sarfraz Bugti", "says"),
])
def test_a_claimant_named_by_a_plural_says_say(claimant: str, verb: str) -> None:
    from generator.events.titles import says

    assert says(claimant) == verb
