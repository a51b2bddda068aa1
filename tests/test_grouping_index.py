"""The blocking indexes of event grouping (generator/events/blocking.py) find every pair the all-pairs comparison
found: the index tables, then cluster_incidents and the inferred publication dates against the all-pairs code
they replaced (kept here as the reference), on invented stories with undated articles, articles that belong to
no incident and ties in day order."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter, defaultdict
from dataclasses import replace

import pytest

from generator.claims.claimants import same_claimant
from generator.config import IncidentSettings
from generator.dates import resolve_dates
from generator.events import incidents, inference
from generator.events.blocking import DayIndex, Postings, PrefixIndex, name_prefix
from generator.models import Article, Claim, Location


@pytest.mark.parametrize(("filed", "keys", "lo", "hi", "expected"), [
    ({0: "ab", 1: "b", 2: "bc", 3: "c"}, "b", 0, 4, {0, 1, 2}),
    ({0: "ab", 1: "b", 2: "bc", 3: "c"}, "b", 1, 2, {1}),  # hi is left out
    ({0: "ab", 1: "b", 2: "bc", 3: "c"}, "ac", 1, 4, {2, 3}),
    ({0: "ab", 1: "b", 2: "bc", 3: "c"}, "z", 0, 4, set()),  # a key no position has
    ({0: "ab", 1: "b", 2: "bc", 3: "c"}, "abc", 2, 2, set()),  # an empty range
    ({}, "a", 0, 9, set()),
])
def test_postings_between(filed: dict[int, str], keys: str, lo: int, hi: int, expected: set[int]) -> None:
    postings = Postings()
    for position, its_keys in filed.items():
        postings.add(position, its_keys)
    assert postings.between(keys, lo, hi) == expected
    assert sum(postings.count(k) for k in set(keys)) == sum(its_keys.count(k) for k in set(keys)
                                                            for its_keys in filed.values())


def overlap(x: set[str], y: set[str], weight: dict[str, float]) -> float:
    """_Profiles.overlap: shared weight against the two masses."""
    return 2 * sum(weight[w] for w in x & y) / max(1e-9, sum(weight[w] for w in x) + sum(weight[w] for w in y))


def random_names(seed: int, n: int) -> tuple[list[set[str]], dict[str, float]]:
    """n name sets over a small vocabulary with weights from 0.05 to 1, as rarity gives them."""
    rng = random.Random(seed)
    vocabulary = [f"n{k}" for k in range(30)]
    weight = {w: rng.choice((0.05, 0.1, 0.25, 0.5, 1.0)) for w in vocabulary}
    return [set(rng.sample(vocabulary, rng.randint(0, 8))) for _ in range(n)], weight


@pytest.mark.parametrize("threshold", [0.0, 0.075, 0.15, 0.3, 0.6, 1.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_prefix_index_proposes_every_pair_that_reaches_the_overlap(threshold: float, seed: int) -> None:
    names, weight = random_names(seed, 60)
    rarity = Counter(w for n in names for w in n)
    index = PrefixIndex.of(names, weight, rarity, threshold)
    passing = {(i, j) for i, j in itertools.combinations(range(len(names)), 2)
               if overlap(names[i], names[j], weight) >= threshold and names[i] & names[j]}
    proposed = {(i, j) for i in range(len(names)) for j in index.partners(i, i + 1, len(names))}
    assert passing <= proposed
    assert all(names[i] & names[j] for i, j in proposed)  # a proposal shares a name
    outside = {(i, j) for j in range(len(names)) for i in index.partners_of(names[j])}
    assert {(i, j) for i, j in passing} <= outside | {(j, i) for i, j in outside}
    if threshold >= 0.3:  # the index is a filter: at a real threshold it proposes fewer than all sharing pairs
        sharing = {(i, j) for i, j in itertools.combinations(range(len(names)), 2) if names[i] & names[j]}
        assert len(proposed) < len(sharing)


@pytest.mark.parametrize(("names", "weight", "rarity", "threshold", "prefix"), [
    # ranked by rarity, then by spelling; the names left weigh under the need t * mass / (2 - t)
    ({"a", "b", "c"}, {"a": 1.0, "b": 1.0, "c": 1.0}, {"a": 1, "b": 1, "c": 9}, 0.3, ["a", "b", "c"]),
    ({"a", "b", "c"}, {"a": 1.0, "b": 0.2, "c": 0.2}, {"a": 1, "b": 5, "c": 9}, 0.3, ["a", "b"]),
    ({"b", "a"}, {"a": 1.0, "b": 1.0}, {"a": 3, "b": 3}, 1.0, ["a"]),  # a tie in rarity: by spelling
    ({"a", "b"}, {"a": 1.0, "b": 1.0}, {"a": 3, "b": 3}, 0.0, ["a", "b"]),  # no threshold: every name
    (set(), {}, {}, 0.3, []),  # an article without names shares none
])
def test_name_prefix(names: set[str], weight: dict[str, float], rarity: dict[str, int], threshold: float,
                     prefix: list[str]) -> None:
    assert name_prefix(names, weight, rarity, threshold) == prefix


@pytest.mark.parametrize(("named", "days", "position", "lo", "hi", "expected"), [
    # position 0 names the 1st; 1 is about it (its publication day); 2 names the 2nd that 0 is about
    ([{"d1"}, set(), {"d2"}, set()], [{"d1", "d2"}, {"d1"}, {"d2"}, {"d3"}], 0, 0, 4, {1, 2}),
    ([{"d1"}, set(), {"d2"}, set()], [{"d1", "d2"}, {"d1"}, {"d2"}, {"d3"}], 0, 2, 4, {2}),
    ([{"d1"}, set(), {"d2"}, set()], [{"d1", "d2"}, {"d1"}, {"d2"}, {"d3"}], 3, 0, 4, set()),  # shares no day
    ([set(), set()], [{"d1"}, {"d1"}], 0, 0, 2, set()),  # published the same day, naming none: no strong link
])
def test_the_day_index_finds_exactly_the_pairs_with_a_day_one_names_and_the_other_is_about(
        named: list[set[str]], days: list[set[str]], position: int, lo: int, hi: int, expected: set[int]) -> None:
    assert DayIndex(named, days).partners(position, lo, hi) == expected
    brute = {j for j in range(lo, hi) if j != position and (named[position] & days[j] or days[position] & named[j])}
    assert brute == expected


TOWNS = ["Tarrow", "Kelby", "Marsden", "Orvale", "Dunmere", "Pellan", "Quenby", "Rosslin"]
PEOPLE = ["Amira Varga", "Tomas Okafor", "Lena Haddad", "Dario Moreau"]
KINDS = ["gunmen attacked the market", "floods swept through the valley", "protesters marched on the square"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(k: int, rng: random.Random, start: dt.date) -> Article:
    """An invented report: a town, a kind, a spokesperson, a day; some undated, some with no names at all."""
    town, kind, person = rng.choice(TOWNS), rng.choice(KINDS), rng.choice(PEOPLE)
    day = start + dt.timedelta(days=rng.choice((0, 0, 1, 3, 9, 30, 80)))
    happened = day - dt.timedelta(days=rng.choice((0, 1, 2)))
    published = None if rng.random() < 0.2 else day.isoformat()
    if rng.random() < 0.1:  # in no incident: nothing capitalised after the sentence start
        title, body = "a report", "there was nothing to report from anywhere that week.\n"
    else:
        title = f"{town.title()} report"
        body = (f"In {town}, {kind} on {WEEKDAYS[happened.weekday()]}, {happened:%B} {happened.day}, said "
                f"{person} of the {rng.choice(['Kestrel', 'Harrow'])} council. Residents of {town} spoke to "
                f"{rng.choice(PEOPLE)}.\n\nThe toll in {town} rose, {person} said.\n")
    path = f"content/s{k:03d}.md"
    a = Article(id=f"s{k:03d}", path=path, location=Location(path, 1), title=title, body=body, body_line=1,
                published=published, published_day=published, date_origin="front-matter" if published else "none")
    figure = rng.choice((None, 5, 12, 12, 40))
    claims = [] if figure is None else [Claim(
        id=f"{a.id}-c", article_id=a.id, category="dead", quantity=figure, qualifier=None,
        claimant=rng.choice(("police", "the police", "the health ministry")), quote=body.split(".")[0],
        location=a.location, figure_text=str(figure))]
    return replace(a, mentions=resolve_dates(a), claims=claims)


def stories(seed: int, n: int) -> list[Article]:
    rng = random.Random(seed)
    return [story(k, rng, dt.date(2026, 3, 2) + dt.timedelta(days=rng.choice((0, 0, 7, 40, 120)))) for k in range(n)]


def all_pairs_clusters(articles: list[Article], settings: IncidentSettings) -> dict[str, str]:
    """cluster_incidents before the indexes: each dated article scored against every later one of its window
    that shares a name of weight >= 0.1, every undated pair, and each undated group against every dated article."""
    sets = incidents._Sets(a.id for a in articles)
    profiles = incidents._profiles(articles, settings)
    days = {a.id: dt.date.fromisoformat(a.published_day) for a in articles if a.published_day}
    dated = sorted((a for a in articles if a.id in days), key=lambda a: (days[a.id], a.id))
    undated = [a for a in articles if a.id not in days]
    horizon = max(settings.story_days, settings.window_days)
    for i, x in enumerate(dated):
        for y in dated[i + 1:]:
            gap = (days[y.id] - days[x.id]).days
            shares = any(profiles.weight[w] >= 0.1 for w in profiles.names[x.id] & profiles.names[y.id])
            if gap <= horizon and shares and profiles.score(x, y, gap) > 0:
                sets.union(x.id, y.id)
    for i, u in enumerate(undated):
        for y in undated[i + 1:]:
            if profiles.score(u, y) > 0:
                sets.union(u.id, y.id)
    groups: dict[str, list[Article]] = defaultdict(list)
    for u in undated:
        groups[sets.find(u.id)].append(u)
    for members in groups.values():
        best = max(((profiles.score(u, y), sets.find(y.id)) for u in members for y in dated), default=(0.0, ""))
        if best[0] > 0:
            sets.union(members[0].id, best[1])
    return {a.id: sets.find(a.id) for a in articles}


@pytest.mark.parametrize("settings", [
    IncidentSettings(),
    IncidentSettings(window_days=0, story_days=0),  # only same-day pairs
    IncidentSettings(window_days=30, story_days=200, name_overlap=0.1),
    IncidentSettings(name_overlap=0.0, topic_similarity=0.0),  # any shared name may join
    IncidentSettings(name_overlap=1.0, topic_similarity=0.0),
])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cluster_incidents_makes_the_incidents_of_the_all_pairs_comparison(settings: IncidentSettings,
                                                                           seed: int) -> None:
    articles = stories(seed, 70)
    assert any(not a.published_day for a in articles) and any(a.title == "a report" for a in articles)
    expected = all_pairs_clusters(articles, settings)
    assert incidents.cluster_incidents(articles, settings) == expected
    assert incidents.cluster_incidents(list(reversed(articles)), settings) == expected  # file order: no matter
    assert len(set(expected.values())) not in (1, len(articles))  # the stories make some incidents, not one


def all_pairs_sources(a: Article, dated: list[Article]) -> tuple[list[Article], str] | None:
    """inference._best_sources before the indexes: every dated article compared with the undated one."""
    mine, my_sentences = inference._claim_keys(a), inference._sentence_keys(a)
    matches = []
    for d in dated:
        shared = {k for k in mine for cat, figure, who in inference._claim_keys(d)
                  if (cat, figure) == k[:2] and same_claimant(k[2], who)}
        copied = len(my_sentences & inference._sentence_keys(d)) / len(my_sentences) if my_sentences else 0.0
        if shared:
            cat, figure, who = sorted(shared)[0]
            n = len(shared)
            matches.append((n, d, f"{n} of the same claims ({who} {figure} {cat}" + (", …)" if n > 1 else ")")))
        elif copied >= inference.SHARED_TEXT:
            matches.append((1, d, f"{copied:.0%} of its sentences word for word"))
    if not matches:
        return None
    best = max(n for n, _, _ in matches)
    top = [(d, why) for n, d, why in matches if n == best]
    return [d for d, _ in top], top[0][1]


COMMON = "The ministry gave no further details."  # under 8 words: never counted as copied
LONG = "Officials said they would publish a full account of the events of the week soon."
COPIED = [f"Witness number {k} told reporters that the crowd had gathered near the old station." for k in range(10)]


def claim(a: Article, quantity: int, claimant: str, category: str = "dead") -> Claim:
    return Claim(id=f"{a.id}-{quantity}-{claimant}", article_id=a.id, category=category, quantity=quantity,
                 qualifier=None, claimant=claimant, quote="", location=a.location, figure_text=str(quantity))


def plain(name: str, day: str | None, sentences: list[str], figures: list[tuple[int, str]]) -> Article:
    path = f"content/{name}.md"
    a = Article(id=name, path=path, location=Location(path, 1), title=name, body=" ".join(sentences), body_line=1,
                published=day, published_day=day, date_origin="front-matter" if day else "none")
    return replace(a, claims=[claim(a, q, who) for q, who in figures])


DATED = [
    plain("d1", "2026-03-02", [COMMON, *COPIED[:3]], [(12, "police"), (40, "the health ministry")]),
    plain("d2", "2026-03-01", [COMMON, LONG, *COPIED[3:5]], [(12, "the police")]),
    plain("d3", "2026-03-01", [COMMON], [(12, "Police"), (40, "health ministry")]),  # a tie in day: by path
    plain("d4", "2026-03-05", [COMMON, *COPIED[:10]], []),
    plain("d5", "2026-03-09", [LONG], [(12, "the army")]),  # another claimant: no match
]


@pytest.mark.parametrize(("undated", "sources"), [
    (plain("u1", None, [COMMON], [(12, "police")]), ["d2", "d3", "d1"]),  # one claim: every article giving it
    (plain("u2", None, [COMMON], [(12, "police"), (40, "the health ministry")]), ["d3", "d1"]),  # two beat one
    (plain("u3", None, COPIED[:10], []), ["d1", "d4"]),  # 3 of 10 sentences copied is enough, 2 of 10 not
    (plain("u4", None, COPIED[3:10], []), ["d4"]),  # 2 of 7 (d2) is not 30%, 7 of 7 is
    (plain("u5", None, [COMMON], []), None),  # one common short sentence: too short to count
    (plain("u8", None, [COMMON, LONG], []), ["d2", "d5"]),  # one long sentence of one: copied
    (plain("u6", None, [COMMON, "No dated article holds this sentence in any of its words."], [(99, "police")]),
     None),  # a figure nobody gives, a sentence nobody wrote
    (plain("u7", None, [], [(12, "the army"), (12, "police")]), ["d2", "d3", "d1", "d5"]),
])
def test_inferred_sources_are_those_of_the_all_pairs_comparison(undated: Article, sources: list[str] | None) -> None:
    dated = sorted(DATED, key=lambda a: (a.published_day or "", a.path))
    found = inference._best_sources(undated, inference._index_dated(dated))
    expected = all_pairs_sources(undated, dated)
    assert found == expected
    assert (found and [d.id for d in found[0]]) == (sources or None)
    out, ids, _ = inference.infer_publication_dates([*DATED, undated])
    assert ids == ([undated.id] if sources else [])
