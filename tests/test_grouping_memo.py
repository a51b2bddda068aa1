"""Grouping one incident at a time, and in `mkdocs serve` keeping each incident's events while its articles are
the same (generator/events/merge.py: _group_of): after any sequence of edits, what grouping returns is what
grouping everything afresh returns, value for value and in the same order."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import pytest

from benchmarks.make_corpus import write_corpus
from generator import heldfiles
from generator.config import Config
from generator.diagnostics import Code
from generator.digests import pickled
from generator.events.merge import Group, _number_ids, in_pass_order, merge_events
from generator.models import Article, Diagnostic, Event, Location
from generator.pipeline import extract_content

Edit = Callable[[list[Article], random.Random], list[Article]]


def retitle(arts: list[Article], rng: random.Random) -> list[Article]:
    k = rng.randrange(len(arts))
    return [*arts[:k], replace(arts[k], title=arts[k].title + " (updated)"), *arts[k + 1:]]


def drop_a_claim(arts: list[Article], rng: random.Random) -> list[Article]:
    k = rng.choice([n for n, a in enumerate(arts) if a.claims] or [0])
    return [*arts[:k], replace(arts[k], claims=arts[k].claims[1:]), *arts[k + 1:]]


def drop_the_dates(arts: list[Article], rng: random.Random) -> list[Article]:
    """An article that no longer names a day: its events move, and maybe the incident's happening."""
    k = rng.randrange(len(arts))
    return [*arts[:k], replace(arts[k], mentions=[]), *arts[k + 1:]]


def undate(arts: list[Article], rng: random.Random) -> list[Article]:
    """The publication date taken out: the article is placed on its incident's day, with a warning."""
    k = rng.randrange(len(arts))
    return [*arts[:k], replace(arts[k], published=None, published_day=None, date_origin="none"), *arts[k + 1:]]


def delete(arts: list[Article], rng: random.Random) -> list[Article]:
    return [a for n, a in enumerate(arts) if n != rng.randrange(len(arts))] if len(arts) > 4 else arts


EDITS: list[Edit] = [retitle, drop_a_claim, drop_the_dates, undate, delete]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    content = tmp_path_factory.mktemp("grouping") / "content"
    write_corpus(40, content, seed=5)
    return extract_content(content, Config()).articles


@pytest.mark.parametrize("seed", range(4))
def test_grouping_held_between_builds_is_grouping_afresh(articles: list[Article], seed: int) -> None:
    rng = random.Random(seed)
    states = [articles]
    for _ in range(8):
        states.append(rng.choice(EDITS)(states[-1], rng))
    config = Config()
    afresh = [pickled(merge_events(s, config)) for s in states]  # nothing held: every incident grouped now
    heldfiles.hold()
    try:
        kept = 0
        last: list[object] = []
        for n, state in enumerate(states):
            heldfiles.new_build()
            got = merge_events(state, config)
            assert pickled(got) == afresh[n], f"after {n} edits"
            kept += sum(any(e is old for old in last) for e in got[0])
            last = list(got[0])
        assert kept > 0  # the memo was used: events of unchanged incidents are the last build's objects
    finally:
        heldfiles.hold(False)


def test_incidents_grouped_apart_come_in_the_order_one_pass_over_the_articles_makes_them() -> None:
    """Incident "b" has the first article, but its event of 2 Jan is made by a later one than incident "a"'s of
    the same day and name: "a"'s comes first, and is the one without a number. Warnings in file order too."""
    def event(inc: str) -> Event:
        return Event(id="2026-01-02-quake", title=inc, start="2026-01-02", end="2026-01-02", precision="day",
                     incident=inc, background=False)

    def warning(text: str) -> Diagnostic:
        return Diagnostic(Location("x.md", 1), "warning", text, Code.UNDATED)

    b_first, b_late, a_event = event("b"), event("b"), event("a")
    groups = [Group("b", [((0, "art1", 0), b_first), ((0, "art3", 1), b_late)], [((1, "art1"), [warning("1")]),
                                                                                 ((0, "art3"), [warning("3")])],
                    set()),
              Group("a", [((0, "art2", 0), a_event)], [((0, "art2"), [warning("2")])], set())]
    events, found = in_pass_order(groups, ["art1", "art2", "art3"])
    assert [e is x for e, x in zip(events, [b_first, a_event, b_late], strict=True)] == [True] * 3
    assert [d.message for d in found] == ["2", "3", "1"]  # the curated pass (1) after every article's first
    numbered = _number_ids(events)
    assert [(e.title, e.id) for e in numbered] == [("b", "2026-01-02-quake"), ("a", "2026-01-02-quake-2"),
                                                   ("b", "2026-01-02-quake-3")]


def test_a_renumbered_event_is_a_copy_the_last_build_keeps_as_it_was(articles: list[Article]) -> None:
    """Numbering makes a copy rather than changing an event the memo holds for the next build."""
    a = Event(id="2026-01-02-x", title="A", start="2026-01-02", end="2026-01-02", precision="day", incident="i1",
              background=False)
    b = replace(a, title="B", incident="i2")
    first, second = _number_ids([a, b])
    assert (first, second.id, b.id) == (a, "2026-01-02-x-2", "2026-01-02-x") and second is not b
