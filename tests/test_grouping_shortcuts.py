"""The shortcuts that make grouping cheaper find what the plain code finds.

Grouping reads each article's kinds of happening by looking its words up (not with the case-blind pattern),
skips the increments pattern for sentences without an increment word, reads a sentence's act, target and place
once whatever the day's region, and remembers per-article readings by text. Each test compares a shortcut with
the code it replaces, on sentences of our own and on random ones.
"""

from __future__ import annotations

import gc
import random
from collections import Counter
from dataclasses import replace

import pytest

from generator.config import Config
from generator.dates import resolve_dates
from generator.events import contest, incidents, merge, subevents, summaries
from generator.events.merge import merge_events
from generator.models import Article, Location


def kinds_reference(title: str, text: str) -> dict[str, bool]:
    """place_and_kind's kinds as they were read before: every match of the case-blind pattern."""
    in_title: dict[str, bool] = {}
    for m in summaries._KIND_RE.finditer(text):
        kind = str(summaries._KINDS.table[m.group(0).lower()])
        in_title[kind] = in_title.get(kind, False) or m.start() < len(title)
    return in_title


KIND_TEXTS = [
    ("Quake kills 12", "The QUAKE struck at dawn; aftershocks and a second tremor followed."),
    ("Floods in the valley", "Flooding, floods and a flood-hit town: the FLOODS receded."),
    ("", "quake2 and _flood and flood_ are not words of the table; quake-prone is."),
    ("Earthquakes", "earthquakes, an earthquake's toll, Protest/protests, strikes3, airstrike."),
    ("Café blast", "The blast at the café: an explosion, then the fire."),  # not ASCII: the pattern reads it
    ("Ship sinking", "The sinking of the ſhip; a ﬁre; the quake."),
    ("No kind at all", "The council met on Tuesday to discuss the budget."),
    ("Riot\nand raid", "riots"),
]


def random_texts(seed: int, n: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pieces = [*summaries._KIND_OF, "Quake", "FLOOD", "x", "_", "9", "-", " ", ".", "\n", "'s", "é", "ſ"]
    out = []
    for _ in range(n):
        title = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        out.append((title, f"{title}\n{body}"))
    return out


def test_the_kind_words_are_plain_words() -> None:
    """The shipped table takes the shortcut (a kind word with a space or a hyphen would not)."""
    assert summaries._PLAIN_KINDS


@pytest.mark.parametrize("plain", [True, False])
@pytest.mark.parametrize(("title", "body"), KIND_TEXTS)
def test_kinds_named_finds_what_the_pattern_finds(title: str, body: str, plain: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summaries, "_PLAIN_KINDS", plain)
    text = f"{title}\n{body}"
    assert summaries._kinds_named(title, text) == kinds_reference(title, text)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kinds_named_on_random_texts(seed: int) -> None:
    texts = random_texts(seed, 400)
    assert any(kinds_reference(t, x) for t, x in texts)
    for title, text in texts:
        assert summaries._kinds_named(title, text) == kinds_reference(title, text), (title, text)


def increments_reference(quote: str) -> frozenset[str]:
    return frozenset((m.group(1) or m.group(2)).lower().rstrip(",.") for m in contest._INCREMENTED.finditer(quote))


@pytest.mark.parametrize(("quote", "found"), [
    ("Divers found three more bodies on Monday.", {"three"}),
    ("ANOTHER 12 people were rescued overnight.", {"12"}),
    ("A further 40 were hurt; two additional victims died.", {"40", "two"}),
    ("The toll rose to 40 on Monday.", set()),
    ("Furthermore, 12 died.", set()),  # "further" inside a word is no increment
    ("Über 12 more were found.", {"12"}),  # not ASCII: the pattern reads it
    ("", set()),
])
def test_increments_with_and_without_the_word_check(quote: str, found: set[str]) -> None:
    assert contest._incremented.__wrapped__(quote) == increments_reference(quote) == found


def part_reference(text: str, region: str) -> tuple[tuple[str, str], str] | None:
    """subevents._part_of as it was before the sentence's reading was remembered apart from the region."""
    act = subevents._ACT_RE.search(text)
    if not act:
        return None
    target = subevents._TARGET_RE.search(text, act.start() - 40 if act.start() > 40 else 0)
    place = subevents._PLACE_RE.search(text)
    if place and place.group("p").split()[0] in subevents._NOT_PLACES:
        place = None
    if target and not place and target.group("t").lower() in subevents._GENERAL_TARGETS:
        target = None
    if place and place.group("p").lower() in region:
        place = None
    if not target and not place:
        return None
    act_key, _, kind = next(subevents._ACTS[i] for i in range(len(subevents._ACTS)) if act.group(f"a{i}"))
    t = target.group("t").lower() if target else ""
    p = place.group("p") if place else ""
    what = f"{kind} {'at' if act_key == 'arson' else 'on'} the {t}" if t else kind
    return (t, p), f"{what} in {p}" if p else what


SENTENCES = [
    "Gunmen stormed the prison in Mastung overnight.",
    "Militants attacked a police station near Turbat.",
    "Attackers struck 12 towns across Balochistan.",  # a general target, no place: no part
    "Attacks in Balochistan killed 30.",  # the region itself
    "A suicide bomber struck the convoy.",
    "Protesters set the office ablaze in March.",  # "in March" is no place
    "The council met on Tuesday.",  # no act
    "Rebels abducted two engineers at the Kelby bridge.",
]


@pytest.mark.parametrize("region", ["", "attacks balochistan", "raid on the prison mastung", "turbat kelby"])
@pytest.mark.parametrize("text", SENTENCES)
def test_part_of_the_day_as_before(text: str, region: str) -> None:
    assert subevents._part_of(text, region) == part_reference(text, region)


def article(aid: str, title: str, body: str, source: str | None = None) -> Article:
    path = f"content/{aid}.md"
    a = Article(id=aid, path=path, location=Location(path, 1), title=title, body=body, body_line=1,
                published="2026-03-02", published_day="2026-03-02", source=source, date_origin="front-matter")
    return replace(a, mentions=resolve_dates(a))


def test_remembered_readings_are_fresh_copies() -> None:
    """names and topic hand out a new Counter each time: a caller that changes one changes no later reading."""
    a = article("a1", "Floods in Harrow", "Water rose in Harrow on Saturday, Amira Varga said. Floods hit Kelby.",
                source="Harrow Post")
    for read in (incidents.names, incidents.topic):
        first = read(a)
        assert first
        first.clear()
        assert read(a) == read(replace(a, id="a2")) != Counter()


def test_names_read_once_give_the_same_incidents_and_slugs() -> None:
    arts = [article("a1", "Floods in Harrow", "Water rose in Harrow on Saturday, Amira Varga said."),
            article("a2", "Harrow flood", "The flood in Harrow killed 4, the Kelby council said."),
            article("a3", "Protest in Vennor", "Thousands marched in Vennor, Tomas Okafor said.")]
    named = {a.id: incidents.names(a) for a in arts}
    assert incidents.cluster_incidents(arts, None, named) == incidents.cluster_incidents(arts)
    assert incidents.incident_slug(arts[:2], named) == incidents.incident_slug(arts[:2]) == "harrow"
    events, _, _, found = merge_events(arts, Config())
    assert {i.id for i in found} == {"2026-02-28-harrow-flood", "2026-03-02-vennor-protest"}  # "on Saturday"
    assert all(e.id for e in events)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("fails", [False, True])
def test_grouping_pauses_the_cycle_collector_and_gives_it_back(enabled: bool, fails: bool,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def grouping(articles: list[Article], config: Config) -> tuple[list, dict, list, list]:
        seen.append(gc.isenabled())
        if fails:
            raise ValueError("a bug on odd input")
        return [], {}, [], []

    monkeypatch.setattr(merge, "_merge", grouping)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        if fails:
            with pytest.raises(ValueError):
                merge.merge_events([], Config())
        else:
            assert merge.merge_events([], Config()) == ([], {}, [], [])
        assert gc.isenabled() == enabled  # as it was before grouping, also when grouping fails
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False]
