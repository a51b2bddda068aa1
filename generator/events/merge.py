"""Merging: the articles' dates and claims become the dated events of their incidents.

merge_events reads the articles and returns new Events; it changes no Article and no Claim it is given (the
events' rows hold copies of the claims, which carry their status and sources).

The incidents are found over all the articles (clustering); then each incident's events are made from its own
articles alone, and put in the order one pass over all the articles would make them. In `mkdocs serve`, which
holds what it built (generator/heldfiles.py), an incident whose articles, days, names and settings are the same
keeps the last build's events, objects and all: a save regroups the incident it touches, and the pages of the
others find their events' digests by identity (generator/digests.py).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator import heldfiles
from generator.claims import split_sentences
from generator.config import Config
from generator.dates import MAX_YEAR, MIN_YEAR
from generator.diagnostics import Code
from generator.digests import digest, held_digest
from generator.events.buckets import EventBuckets
from generator.events.curated import apply_curated
from generator.events.days import place_articles
from generator.events.filing import Reporting, article_day, filing_day, happening_days
from generator.events.incidents import cluster_incidents, incident_slug, names
from generator.events.periods import period_in_window
from generator.events.rows import finish_rows, mark_parts, restatus
from generator.events.subevents import find_subevents
from generator.events.summaries import build_incidents, incident_name, place_and_kind
from generator.events.titles import event_title
from generator.models import Article, Diagnostic, Event, Incident, Location
from generator.vocabulary import Precision


def merge_events(articles: list[Article], config: Config
                 ) -> tuple[list[Event], dict[str, str], list[Diagnostic], list[Incident]]:
    """Group the articles' mentions and claims into dated events; return events, inferred days, diagnostics and
    the incidents they make up."""
    with _collector_paused():
        return _merge(articles, config)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while grouping: grouping makes many small objects and few cycles, and each
    full collection it set off went through every article, mention and claim of the build again (about a tenth
    of grouping's time at 1,000 articles). Whatever cycles it leaves are collected after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _merge(articles: list[Article], config: Config
           ) -> tuple[list[Event], dict[str, str], list[Diagnostic], list[Incident]]:
    article_names = {a.id: names(a) for a in articles}  # read once: for the incidents and for their slugs
    clusters = cluster_incidents(articles, config.incidents, article_names)
    by_id = {a.id: a for a in articles}
    members: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        members[clusters[a.id]].append(a.id)
    main_day, inferred, diags = place_articles(articles, members)
    happening = happening_days(members, by_id, main_day)
    # Each incident is named from its happening: its day, place and kind ("2023-06-14-pylos-shipwreck").
    place_kind = {c: place_and_kind([by_id[i] for i in ids]) for c, ids in members.items()}
    # ... and its most-named name, the fallback
    regions = {c: incident_slug([by_id[i] for i in ids], article_names) for c, ids in members.items()}
    slugs = {c: incident_name(*place_kind[c], fallback=regions[c]) for c in members}
    keys = _incident_ids({c: f"{happening[c] or 'undated'}-{slugs[c]}" for c in members})
    happening = {keys[c]: day for c, day in happening.items()}
    settings = digest(config) if heldfiles.holding() else None
    groups = [_group_of(Incoming(keys[c], [by_id[i] for i in ids], main_day, happening[keys[c]], slugs[c],
                                 regions[c]), config, settings) for c, ids in members.items()]
    made, found = in_pass_order(groups, [a.id for a in articles])
    events = _number_ids(made)
    reported = {g.incident: g.reported for g in groups}  # per incident, the days its articles are about
    return events, inferred, diags + found, build_incidents(events, {keys[c]: place_kind[c] for c in members},
                                                           happening, reported)


def in_pass_order(groups: list[Group], article_ids: list[str]) -> tuple[list[Event], list[Diagnostic]]:
    """The incidents' events in the order one pass over all the articles (in file order) makes them: an event's
    number among events of the same name (-2) follows it, as when every incident shared one EventBuckets; and
    their warnings in the order that pass finds them."""
    order = {aid: n for n, aid in enumerate(article_ids)}
    made = sorted((((step, order[aid], n), ev) for g in groups for (step, aid, n), ev in g.events),
                  key=lambda made: made[0])
    found = sorted((((step, order[aid]), ds) for g in groups for (step, aid), ds in g.diags), key=lambda f: f[0])
    return [ev for _, ev in made], [d for _, ds in found for d in ds]


@dataclass(frozen=True)
class Incoming:
    """What grouping one incident reads: its key, its articles (in file order) and what was worked out for them."""

    incident: str
    articles: list[Article]
    main_day: dict[str, str | None]  # every article's (the incident's are read)
    happening: str | None
    slug: str
    region: str


@dataclass(frozen=True)
class Group:
    """One incident's events, finished but not numbered, each with when it was made (EventBuckets.made), and its
    warnings by the step that found them. Held between serve builds (_group_of): never changed once made."""

    incident: str
    events: list[tuple[tuple[int, str, int], Event]]
    diags: list[tuple[tuple[int, str], list[Diagnostic]]]
    reported: set[str]


def _group_of(x: Incoming, config: Config, settings: bytes | None) -> Group:
    """The incident's Group: in `mkdocs serve` (settings: the digest of the config while the process holds what it
    built), the last build's when its articles, their days, its names and the settings are the same, so a save
    regroups the incident it touches and the pages of the others find their events' digests by identity; else
    grouped now."""
    if settings is None:
        return _group(x, config)
    key = "incident\0" + digest((x.incident, x.happening, x.slug, x.region, settings,
                                  [(a.id, held_digest(a), x.main_day[a.id]) for a in x.articles])).hex()
    group = heldfiles.entry(key)
    if group is None:
        group = _group(x, config)
        heldfiles.keep_entry(key, group)
    return group


def _group(x: Incoming, config: Config) -> Group:
    """Every article of the incident adds its dates and claims to the incident's events, then its curated events
    (after every extracted claim is in place, so file order does not matter); the events are finished."""
    buckets = EventBuckets()
    warned: set[tuple[Location, str | None]] = set()  # periods outside the window, warned about once
    reported: set[str] = set()
    diags: list[tuple[tuple[int, str], list[Diagnostic]]] = []
    inc = x.incident
    for a in x.articles:
        buckets.making = (0, a.id)
        _add_mentions(a, inc, buckets)
        diags.append(((0, a.id), _add_claims(a, inc, x.main_day[a.id], x.happening, buckets, warned, config)))
        day = article_day(a, x.main_day[a.id], x.happening, config.incidents)
        if day:
            buckets.add_article(buckets.get(inc, day, Precision.DAY), a.id)
            reported.add(day)
    for a in x.articles:
        buckets.making = (1, a.id)
        diags.append(((1, a.id), [d for ce in a.curated_events for d in apply_curated(ce, a, inc, buckets, config)]))
    made = buckets.made()
    by_id = {a.id: a for a in x.articles}
    for _, ev in made:
        _finish_event(ev, by_id, x.main_day, x.slug, x.region)
    return Group(inc, made, [(step, ds) for step, ds in diags if ds], reported)


def _incident_ids(wanted: dict[str, str]) -> dict[str, str]:
    """Unique incident ids: a second incident with the same day and name is numbered."""
    seen: Counter[str] = Counter()
    out = {}
    for c in sorted(wanted, key=lambda c: (wanted[c], c)):
        seen[wanted[c]] += 1
        out[c] = wanted[c] if seen[wanted[c]] == 1 else f"{wanted[c]}-{seen[wanted[c]]}"
    return out


def _add_mentions(a: Article, inc: str, buckets: EventBuckets) -> None:
    """Every resolved date in the text adds the article, and the sentence naming it, to the event of that date."""
    sentences = split_sentences(a.body)
    sentence_starts = [x.start for x in sentences]
    for m in a.mentions:
        if not m.is_calendar or m.stated:
            continue  # "said on Sunday" dates a statement: a reporting day never makes an event by itself
        if m.precision == Precision.YEAR and a.published_day and m.value == a.published_day[:4]:
            continue  # "in 2026" in a 2026 article is not background history
        ev = buckets.get(inc, m.value, m.precision or Precision.DAY, m.end_value)
        buckets.add_article(ev, a.id)
        k = bisect.bisect_right(sentence_starts, m.start) - 1
        sentence = sentences[k].text.strip() if k >= 0 and m.start < sentences[k].start + len(sentences[k].text) \
            else ""
        if sentence:
            buckets.add_context(ev, a.id, sentence)


def _add_claims(a: Article, inc: str, main_day: str | None, happening: str | None, buckets: EventBuckets,
                warned: set[tuple[Location, str | None]], config: Config) -> list[Diagnostic]:
    """Each claim goes under the happening it counts (filing.py); a count over a long period to an event spanning
    that period. Returns the warnings about periods outside the years of the window."""
    diags = []
    reporting = Reporting.of(a)
    for extracted in a.claims:
        claim_day, c = filing_day(extracted, reporting, main_day, happening, config.incidents)
        period, outside = period_in_window(c.scope, c.stated_on or a.published_day) if not c.date else (None, False)
        if outside and (c.location, c.scope) not in warned and not any(
                m.out_of_window and m.location == c.location and m.text in str(c.scope) for m in a.mentions):
            warned.add((c.location, c.scope))  # (the dates stage has warned about "the past 3000 years")
            diags.append(Diagnostic(c.location, "warning", f"the period '{c.scope}' falls outside the years "
                                                           f"{MIN_YEAR}–{MAX_YEAR}; read as no date",
                                    Code.DATE_OUT_OF_WINDOW))
        # "700 killed in the past year" counts a year, not the day: it gets an event spanning that year.
        ev = buckets.get(inc, period[0], Precision.PERIOD, period[1]) if period \
            else buckets.get(inc, claim_day, Precision.DAY)
        buckets.add_article(ev, a.id)
        buckets.add_claim(ev, c)
    return diags


def _finish_event(ev: Event, by_id: dict[str, Article], main_day: dict[str, str | None], slug: str,
                  region: str) -> None:
    """Title (from the rows as they were added), id, the finished claim rows, and the parts of a day."""
    if not ev.title:
        ev.title = event_title(ev, by_id, main_day)
        if ev.start is not None and ev.context:
            ev.summary = ev.context[0][1]
    ev.id = event_id(ev, slug)
    ev.rows, ev.vague_rows = finish_rows(ev.rows, by_id)
    if ev.precision == Precision.DAY and ev.start:
        ev.subevents = find_subevents(ev, [by_id[i] for i in ev.article_ids if main_day.get(i) == ev.start], region)
        if mark_parts(ev):
            restatus(ev.rows)  # a part's figures are compared within their part only


def event_id(ev: Event, slug: str) -> str:
    """The event's page name: its date (or period) and its incident's slug."""
    if ev.start is None:
        return f"undated-{slug}"
    labels: dict[str, str] = {Precision.YEAR: ev.start[:4], Precision.MONTH: ev.start[:7],
                              Precision.DECADE: ev.start[:3] + "0s"}
    label = labels.get(ev.precision, ev.start)
    if ev.precision == Precision.WEEK:
        label = f"week-of-{ev.start}"
    if ev.precision == Precision.PERIOD:
        label = f"{ev.start}-to-{ev.end}"
    return f"{label}-{slug}"


def _number_ids(events: list[Event]) -> list[Event]:
    """The events in date order, a second event with the same id numbered: 2026-02-01-quetta-2 (a numbered copy:
    the events given may be the last build's, shared)."""
    events = sorted(events, key=lambda e: (e.start is None, e.start or "", e.end or "", e.id))
    seen: Counter[str] = Counter()
    out = []
    for ev in events:
        seen[ev.id] += 1
        out.append(replace(ev, id=f"{ev.id}-{seen[ev.id]}") if seen[ev.id] > 1 else ev)
    return out
