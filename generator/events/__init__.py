"""Events stage: articles about one incident are grouped, and their dates and claims become dated events.

1. Articles that name the same places and people within a few days of each other (or report the same
   figures) form an incident.
2. Each article has a main day: the day its text talks about most, or its publication day. Claims go
   to the day their own sentence names, else to the article's main day. Undated articles take the
   main day of the dated articles they share an incident with, and a warning says so.
3. Every resolved date in the text adds to the event of that day (or month, year: background).
4. Within an event, the same claim from several articles is one row (corroborated); different
   figures for one category from different claimants are contested.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from generator.claims import (
    QUALIFIER_VOCABULARY,
    SUBGROUPS,
    claim_id,
    match_actor,
    split_sentences,
    strip_asides,
)
from generator.claims.claimants import claimant_tokens, same_claimant
from generator.config import Config
from generator.dates import MAX_YEAR, MIN_YEAR, in_window, parse_publication_date
from generator.diagnostics import Code
from generator.models import Article, Claim, ClaimRow, Diagnostic, Event, Location, SubEvent
from generator.text import clean_inline, slugify

CATEGORY_ORDER = [
    "militants killed", "security personnel killed", "civilians killed", "hostages killed", "dead",
    "injured", "inmates freed", "hostages held", "rescued", "missing", "displaced", "bodies recovered",
    "arrested", "crowd size",
]
_STOP_NAMES = {
    "the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "this", "that", "but", "and", "as",
    "for", "with", "after", "before", "since", "during", "while", "according", "meanwhile", "however", "its",
    "his", "her", "their", "there", "some", "many", "most", "one", "two", "three", "earlier", "later", "also",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mr", "mrs", "ms", "dr", "breaking", "update", "news", "share", "read", "if", "when", "what", "who",
    "prime", "minister", "president", "chief", "security", "police", "army", "military", "government",
}
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]{2,}")
WINDOW_DAYS = 4
NAME_OVERLAP = 0.3  # weighted Dice overlap of names that makes two articles one incident
TOPIC_SIMILARITY = 0.2  # cosine of content words: a flood report and a raid report never merge


def merge_events(articles: list[Article], config: Config) -> tuple[list[Event], dict[str, str], list[Diagnostic]]:
    """Group the articles' mentions and claims into dated events; return events, inferred days, diagnostics."""
    diags: list[Diagnostic] = []
    incidents = cluster_incidents(articles)
    by_id = {a.id: a for a in articles}
    main_day = {a.id: _main_day(a) for a in articles}

    for a in articles:
        if a.date_origin == "inferred" and a.inferred_from and not _own_days(a):
            # Nothing in its text names a day: it sits where the articles it was dated from put the same claims.
            main_day[a.id] = main_day.get(a.inferred_from[0]) or a.published_day
    inferred: dict[str, str] = {a.id: day for a in articles if a.date_origin == "inferred" and (day := main_day[a.id])}
    members: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        members[incidents[a.id]].append(a.id)
    for ids in members.values():
        dated_days = [d for i in ids if by_id[i].published_day and (d := main_day[i])]
        for i in ids:
            if by_id[i].published_day is None:
                if dated_days:
                    day = sorted(Counter(dated_days).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                    main_day[i] = day
                    inferred[i] = day
                    dated_paths = [by_id[j].path for j in ids if j != i and by_id[j].published_day]
                    others = ", ".join(dated_paths[:3]) + (f" and {len(dated_paths) - 3} more"
                                                           if len(dated_paths) > 3 else "")
                    diags.append(Diagnostic(by_id[i].location, "warning",
                                            f"undated article placed on {day} with {others}, which report the "
                                            "same incident; check and add a date to its front matter",
                                            Code.UNDATED_PLACED))
                else:
                    main_day[i] = None

    buckets: dict[tuple[str, str], Event] = {}
    slugs = {inc: _incident_slug([by_id[i] for i in ids]) for inc, ids in members.items()}
    # Per event: the (article, sentence) pairs of its context and its claim rows by everything but the claimant,
    # looked up instead of searched for in lists that grow with a long article.
    context_seen: dict[int, set[tuple[str, str]]] = defaultdict(set)
    warned: set[tuple[Location, str | None]] = set()  # periods outside the window, warned about once
    row_index: dict[int, dict[tuple[Any, ...], list[ClaimRow]]] = defaultdict(dict)

    def bucket(inc: str, value: str | None, precision: str, end: str | None = None) -> Event:
        if value and precision == "day":
            value = value[:10]  # "2026-02-02TEV" (Monday evening) belongs to the day's event
        if value and not (in_window(value, "day" if precision == "period" else precision) and in_window(end)):
            value, end = None, None  # a publication day outside the window (the reader warns): undated reports
        key = (inc, f"{value}/{end}" if precision == "period" else value or "undated")
        ev = buckets.get(key)
        if ev is None:
            start, stop = _span(value, precision, end)
            ev = Event(id="", title="", start=start, end=stop, precision=precision if value else "unknown",
                       incident=inc, background=bool(value) and precision in ("year", "month", "decade", "period"))
            buckets[key] = ev
        return ev

    for a in articles:
        inc = incidents[a.id]
        sentences = split_sentences(a.body)
        sentence_starts = [x.start for x in sentences]
        for m in a.mentions:
            if not m.is_calendar:
                continue
            if m.precision == "year" and a.published_day and m.value == a.published_day[:4]:
                continue  # "in 2026" in a 2026 article is not background history
            ev = bucket(inc, m.value, m.precision or "day", m.end_value)
            _add_article(ev, a.id)
            k = bisect.bisect_right(sentence_starts, m.start) - 1
            sentence = sentences[k].text.strip() if k >= 0 and m.start < sentences[k].start + len(sentences[k].text) \
                else ""
            if sentence and (a.id, sentence) not in context_seen[id(ev)]:
                context_seen[id(ev)].add((a.id, sentence))
                ev.context.append((a.id, sentence))
        for c in a.claims:
            claim_day = c.date or main_day[a.id]
            if claim_day and c.stated_on and c.stated_on < claim_day:
                claim_day = c.stated_on  # "the military had said on Friday it killed 41": not about a later day
            period, outside = _period_in_window(c.scope, c.stated_on or a.published_day) if not c.date \
                else (None, False)
            if outside and (c.location, c.scope) not in warned and not any(
                    m.out_of_window and m.location == c.location and m.text in str(c.scope) for m in a.mentions):
                warned.add((c.location, c.scope))  # (the dates stage has warned about "the past 3000 years")
                diags.append(Diagnostic(c.location, "warning", f"the period '{c.scope}' falls outside the years "
                                                               f"{MIN_YEAR}–{MAX_YEAR}; read as no date",
                                                               Code.DATE_OUT_OF_WINDOW))
            # "700 killed in the past year" counts a year, not the day: it gets an event spanning that year.
            ev = bucket(inc, period[0], "period", period[1]) if period else bucket(inc, claim_day, "day")
            _add_article(ev, a.id)
            _add_claim(ev, c, row_index[id(ev)])
        if main_day[a.id]:
            _add_article(bucket(inc, main_day[a.id], "day"), a.id)
    for a in articles:  # after every extracted claim is in place, so file order does not matter
        for ce in a.curated_events:
            _apply_curated(ce, a, incidents[a.id], bucket, diags, config)

    events = list(buckets.values())
    for ev in events:
        _title_event(ev, by_id, main_day)
        ev.id = _event_id(ev, slugs[ev.incident])
        _finish_rows(ev, by_id)
        if ev.precision == "day" and ev.start:
            ev.subevents = find_subevents(ev, [by_id[i] for i in ev.article_ids if main_day.get(i) == ev.start],
                                          slugs[ev.incident])
    events.sort(key=lambda e: (e.start is None, e.start or "", e.end or "", e.id))
    seen: Counter[str] = Counter()
    for ev in events:
        seen[ev.id] += 1
        if seen[ev.id] > 1:
            ev.id = f"{ev.id}-{seen[ev.id]}"
    return events, inferred, diags


# --- inferred publication dates ----------------------------------------------------------------

SHARED_TEXT = 0.3  # share of an undated article's sentences found word for word in a dated one: a copy


def _claim_keys(a: Article) -> set[tuple[str, int, str]]:
    """Attributed exact figures: (category, figure, claimant) that say which news cycle an article belongs to."""
    return {(c.category, c.quantity, c.claimant) for c in a.claims
            if c.quantity is not None and c.claimant and not c.curated}


def _sentence_keys(a: Article) -> set[str]:
    return {" ".join(re.findall(r"\w+", s.text.lower())) for s in split_sentences(a.body)
            if len(s.text.split()) >= 8}


def infer_publication_dates(articles: list[Article]) -> tuple[list[Article], list[Diagnostic]]:
    """Give an undated article the day of the dated articles that report its claims or its text; say so.

    Same claimant, category and figure (or the same sentences) means the same news cycle, so the earliest
    such article's day is the best guess of when it was written, and its 'on Saturday' and 'yesterday' can
    then be resolved. The guess is shown as inferred on the site and named in a warning, never used silently.
    """
    dated = sorted((a for a in articles if a.published_day and a.date_origin != "inferred"),
                   key=lambda a: (a.published_day or "", a.path))
    if not dated:
        return [], []
    # Indexes from a claim's (category, figure) and from a sentence to the dated articles that have them, so
    # each undated article is compared with the few candidates that share something, not with every article.
    by_figure: dict[tuple[str, int], list[tuple[Article, str]]] = defaultdict(list)
    by_sentence: dict[str, list[Article]] = defaultdict(list)
    order = {d.id: k for k, d in enumerate(dated)}
    for d in dated:
        for cat, figure, who in _claim_keys(d):
            by_figure[(cat, figure)].append((d, who))
        for key in _sentence_keys(d):
            by_sentence[key].append(d)
    changed: list[Article] = []
    diags: list[Diagnostic] = []
    for a in articles:
        if a.published_day:
            continue
        mine, my_sentences = _claim_keys(a), _sentence_keys(a)
        shared: dict[str, set[tuple[str, int, str]]] = defaultdict(set)
        by_id: dict[str, Article] = {}
        for k in mine:
            for d, who in by_figure.get(k[:2], []):
                if same_claimant(k[2], who):
                    shared[d.id].add(k)
                    by_id[d.id] = d
        copies: Counter[str] = Counter()
        for key in my_sentences:
            for d in by_sentence.get(key, []):
                copies[d.id] += 1
                by_id[d.id] = d
        matches: list[tuple[int, Article, str]] = []
        for did in sorted(by_id, key=order.__getitem__):
            d = by_id[did]
            copied = copies[did] / len(my_sentences) if my_sentences else 0.0
            if shared[did]:
                cat, figure, who = sorted(shared[did])[0]
                n = len(shared[did])
                matches.append((n, d, f"{n} of the same claims ({who} {figure} {cat}" + (", …)" if n > 1 else ")")))
            elif copied >= SHARED_TEXT:
                matches.append((1, d, f"{copied:.0%} of its sentences word for word"))
        if not matches:
            continue
        best = max(n for n, _, _ in matches)
        top = [(d, why) for n, d, why in matches if n == best]  # dated is in day order: the first is the earliest
        source, why = top[0]
        a.published_day = source.published_day
        a.date_origin = "inferred"
        a.inferred_from = [d.id for d, _ in top]
        changed.append(a)
        diags.append(Diagnostic(a.location, "warning",
                                f"undated: publication date inferred as {source.published_day} from {source.path}, "
                                f"which reports {why}; its relative dates are resolved against that day; "
                                "add a date to its front matter to confirm or correct it", Code.DATE_INFERRED))
    return changed, diags


# --- incidents ---------------------------------------------------------------------------------

def _names(a: Article) -> Counter[str]:
    """Capitalised words that are not just starting a sentence: places, people, groups."""
    counts: Counter[str] = Counter()
    for text in (a.title, a.body[:6000]):
        for m in _NAME.finditer(text):
            before = text[max(0, m.start() - 3): m.start()].rstrip(" \"“‘'(")
            if not before or before[-1] in ".!?:\n":
                continue
            low = re.sub(r"['’]s?$", "", m.group(0).lower())
            if low not in _STOP_NAMES and len(low) > 2:
                counts[low] += 1
    return counts


_WORD = re.compile(r"[a-z]{4,}")
_STOP_WORDS = frozenset("""
that this with from have were been their they said says after before about also into over than which would
could there where while when what more most some other only then them these those very will just such being
because since under between during against among through across around including reported according told
""".split())


def _topic(a: Article) -> Counter[str]:
    """Content-word counts of an article: what kind of incident it reports (floods, raids, protests)."""
    words = _WORD.findall((a.title + " " + a.body[:6000]).lower())
    return Counter(w.rstrip("s") for w in words if w not in _STOP_WORDS)


def _cosine(x: Counter[str], y: Counter[str], norm_x: float, norm_y: float) -> float:
    if len(y) < len(x):
        x, y = y, x
    dot = sum(v * y[k] for k, v in x.items() if k in y)
    return dot / (norm_x * norm_y) if norm_x and norm_y else 0.0


def _top(counts: Counter[str], common: set[str], k: int = 15) -> set[str]:
    ranked = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if w not in common]
    return set(ranked[:k])


def _figures(a: Article) -> set[tuple[str, int]]:
    return {(c.category, c.quantity) for c in a.claims if c.quantity is not None and c.quantity >= 3}


def cluster_incidents(articles: list[Article]) -> dict[str, str]:
    """Union articles that share names and dates or figures; return article id -> incident id."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    counted = {a.id: _names(a) for a in articles}
    df: Counter[str] = Counter()
    for c in counted.values():
        df.update(c.keys())
    # A name found in many articles of a large corpus (a country, a recurring spokesman) says little about
    # which incident an article reports; in a small corpus about one story, shared names are the signal.
    limit = max(5, len(articles) // 100)
    weight = {w: min(1.0, limit / n) for w, n in df.items()}
    names = {aid: _top(c, set()) for aid, c in counted.items()}
    mass = {aid: sum(weight[w] for w in n) for aid, n in names.items()}
    figs = {a.id: _figures(a) for a in articles}
    topics = {a.id: _topic(a) for a in articles}
    norms = {aid: sum(v * v for v in t.values()) ** 0.5 for aid, t in topics.items()}
    days = {a.id: dt.date.fromisoformat(a.published_day) if a.published_day else None for a in articles}
    dated = sorted((a for a in articles if days[a.id]), key=lambda a: (days[a.id], a.id))
    undated = [a for a in articles if not days[a.id]]

    def score(x: Article, y: Article) -> float:
        nx, ny = names[x.id], names[y.id]
        # Shared names weighted by rarity: "Aleppo" in many articles counts less than a village named in two.
        shared = sum(weight[w] for w in nx & ny)
        overlap = 2 * shared / max(1e-9, mass[x.id] + mass[y.id])
        shared_figs = len(figs[x.id] & figs[y.id])
        if overlap == 0 or _cosine(topics[x.id], topics[y.id], norms[x.id], norms[y.id]) < TOPIC_SIMILARITY:
            return 0.0
        if overlap >= NAME_OVERLAP or (shared_figs >= 1 and overlap >= NAME_OVERLAP / 2) \
                or (shared_figs >= 2 and overlap >= NAME_OVERLAP / 4):
            return overlap + 0.25 * shared_figs
        return 0.0

    for i, x in enumerate(dated):
        for y in dated[i + 1:]:
            if (days[y.id] - days[x.id]).days > WINDOW_DAYS:  # type: ignore[operator]
                break
            if find(x.id) != find(y.id) and score(x, y) > 0:
                union(x.id, y.id)
    for i, u in enumerate(undated):
        for y in undated[i + 1:]:
            if find(u.id) != find(y.id) and score(u, y) > 0:
                union(u.id, y.id)
    groups: dict[str, list[Article]] = defaultdict(list)
    for u in undated:
        groups[find(u.id)].append(u)
    for members in groups.values():
        # A group of undated articles joins one dated incident at most: it must not bridge two.
        best = max(((score(u, y), find(y.id)) for u in members for y in dated), default=(0.0, ""))
        if best[0] > 0:
            union(members[0].id, best[1])
    return {a.id: find(a.id) for a in articles}


def _incident_slug(arts: list[Article]) -> str:
    counts: Counter[str] = Counter()
    for a in arts:
        counts.update(_names(a).keys())
    if not counts:
        return slugify(arts[0].title)[:24] or "event"
    return slugify(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]) or "event"


# --- days --------------------------------------------------------------------------------------

def _own_days(a: Article) -> list[str]:
    """Past days the article's text talks about (not when something was said)."""
    limit = a.published_day or "9999-12-31"
    return [m.value[:10] for m in a.mentions
            if m.precision == "day" and m.value and len(m.value) >= 10 and not m.stated and m.value[:10] <= limit]


def _main_day(a: Article) -> str | None:
    """The day an article is about: its most-mentioned past day, else its publication day."""
    days = _own_days(a)
    if days:
        counts = Counter(days)
        best = max(counts.values())
        return next(d for d in days if counts[d] == best)
    return a.published_day


_UNIT_DAYS = {"week": 7, "month": 30, "year": 365, "decade": 3652}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def counted_period(scope: str | None, stated: str | None) -> tuple[str, str] | None:
    """The days a count over a long period covers: 'in the past year' said on 2026-02-01 -> 2025-02-01..2026-02-01.

    None when the scope names no period, or one that reaches outside the years MIN_YEAR-MAX_YEAR ("in the past
    3000 years", "since 0000", "over the past 99999999 weeks").
    """
    return _period_in_window(scope, stated)[0]


def _period_in_window(scope: str | None, stated: str | None) -> tuple[tuple[str, str] | None, bool]:
    """counted_period, and whether the scope named a period that is outside the window (or beyond dt.date)."""
    try:
        period = _counted_period(scope, stated)
    except (OverflowError, ValueError):  # "over the past 99999999 weeks", "since 0000"
        return None, True
    if period and not (in_window(period[0]) and in_window(period[1])):
        return None, True
    return period, False


def _counted_period(scope: str | None, stated: str | None) -> tuple[str, str] | None:
    if not scope or not stated:
        return None
    try:
        said = dt.date.fromisoformat(stated[:10])
    except ValueError:
        return None
    text = str(scope).lower()
    m = re.search(r"\b(?:past|last|previous)\s+(?:(?:roughly|about|nearly|some|around)\s+)?(\d+|[a-z]+)?\s*"
                  r"(week|month|year|decade)s?\b", text)
    if m:
        n = int(m.group(1)) if (m.group(1) or "").isdigit() else _NUMBER_WORDS.get(m.group(1) or "a")
        if not n:
            return None
        if m.group(2) == "year" or m.group(2) == "decade":
            years = n * (10 if m.group(2) == "decade" else 1)
            start = said.replace(year=said.year - years) if not (said.month == 2 and said.day == 29) \
                else said.replace(year=said.year - years, day=28)
        else:
            start = said - dt.timedelta(days=n * _UNIT_DAYS[m.group(2)])
        return start.isoformat(), said.isoformat()
    m = re.search(r"\bsince\s+(?:(" + "|".join(_MONTHS) + r")\s*,?\s*)?(\d{4})?", text)
    if m and (m.group(1) or m.group(2)):
        year = int(m.group(2)) if m.group(2) else said.year
        month = _MONTHS.index(m.group(1)) + 1 if m.group(1) else 1
        if m.group(1) and not m.group(2) and month > said.month:
            year -= 1  # "since March" said in January: last March
        start = dt.date(year, month, 1)
        return (start.isoformat(), said.isoformat()) if start < said else None
    if "so far this year" in text:
        return f"{said.year}-01-01", said.isoformat()
    if "so far this month" in text:
        return said.replace(day=1).isoformat(), said.isoformat()
    return None


def _span(value: str | None, precision: str, end: str | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if precision == "week" and "-W" in value:
        y, w = int(value[:4]), int(value[6:8])
        monday = dt.date.fromisocalendar(y, w, 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if precision == "decade":
        return f"{value}0", f"{value}9"
    v = value[:10]
    return v, (end[:10] if end else v)


# --- claims ------------------------------------------------------------------------------------

def _add_article(ev: Event, article_id: str) -> None:
    if article_id not in ev.article_ids:
        ev.article_ids.append(article_id)


def _add_claim(ev: Event, c: Claim, index: dict[tuple[Any, ...], list[ClaimRow]] | None = None) -> None:
    """Add c to the first row of ev that is the same claim, or as a new row. `index` (the event's rows by
    _claim_key, kept by the caller while only this function adds rows) saves reading every row."""
    candidates = ev.rows if index is None else index.get(_claim_key(c), [])
    for row in candidates:
        if _same_claim(row, c):
            if not any(x.article_id == c.article_id for x in row.claims):
                row.claims.append(c)
            elif c.curated:
                row.curated = True
            return
    row = ClaimRow(id=c.id, category=c.category, quantity=c.quantity, qualifier=c.qualifier,
                   claimant=c.claimant, scope=c.scope, figure_text=c.figure_text, vague=c.vague,
                   claims=[c], curated=c.curated, upper=c.upper)
    ev.rows.append(row)
    if index is not None:
        index.setdefault(_claim_key(row), []).append(row)


def _claim_key(x: Claim | ClaimRow) -> tuple[Any, ...]:
    """What _same_claim compares, but for the claimant: equal for any row and claim that are the same claim."""
    return (x.category, x.quantity, x.qualifier, x.upper, x.figure_text.lower() if x.quantity is None else None,
            _subgroup(x.scope))


def _same_claim(row: ClaimRow, c: Claim) -> bool:
    return (row.category == c.category and row.quantity == c.quantity and row.qualifier == c.qualifier
            and row.upper == c.upper
            and (row.quantity is not None or row.figure_text.lower() == c.figure_text.lower())
            and same_claimant(row.claimant, c.claimant) and _subgroup(row.scope) == _subgroup(c.scope))


def _subgroup(scope: str | None) -> str:
    if not scope:
        return ""
    first = str(scope).split(",")[0].strip().lower()
    return first if first in set(SUBGROUPS.values()) else ""


def _long_period(scope: str | None) -> bool:
    """'in the past year', 'since 2019': a count over a longer period, not a rival of the day's figures."""
    return bool(scope) and bool(re.search(r"\b(?:weeks?|months?|years?|decades?|since)\b", str(scope), re.I))


def _finish_rows(ev: Event, by_id: dict[str, Article]) -> None:
    """Canonical claimant names, revisions as history, corroborated/contested status, vague amounts apart."""
    canonical = _canonical_claimants({r.claimant for r in ev.rows if r.claimant})
    for r in ev.rows:
        if r.claimant:
            r.claimant = canonical[r.claimant]
    merged: list[ClaimRow] = []
    first: dict[tuple[Any, ...], ClaimRow] = {}  # the first merged row with each key: equal fields, same claimant
    for r in ev.rows:
        key = (_claim_key(r), r.claimant)
        target = first.get(key)
        if target is None:
            merged.append(r)
            first[key] = r
        else:
            target.claims.extend(c for c in r.claims if c.article_id not in target.article_ids)
            target.curated = target.curated or r.curated
    for r in merged:
        for c in r.claims:
            c.claimant = r.claimant if (c.claimant or r.claimant) and same_claimant(c.claimant, r.claimant) \
                else c.claimant
    groups: dict[tuple[str, str, bool], list[ClaimRow]] = defaultdict(list)
    for r in merged:
        groups[(r.category, _subgroup(r.scope), _long_period(r.scope))].append(r)
    current: list[ClaimRow] = []
    for rows in groups.values():
        rows = _fold_revisions(rows, by_id)
        current.extend(rows)
        contested: list[ClaimRow] = []
        rivals = _Rivals(rows)
        for r in rows:
            b = r.bounds
            disagree = bool(b) and rivals.disagree(r, b)  # type: ignore[arg-type]
            agree = rivals.agree(r)
            if disagree:
                r.status = "contested"
                contested.append(r)
            elif len(r.article_ids) > 1 or agree:
                r.status = "corroborated"
            else:
                r.status = "single"
            for c in r.claims:
                c.status = r.status
                c.sources = r.article_ids
        # One spread per category: the range of exact figures in dispute ("dozens" has no number to show).
        exact = [x for r in contested if r.quantity is not None for x in (r.quantity, r.upper) if x is not None]
        for r in contested:
            r.spread = f"{min(exact)}–{max(exact)}" if len(set(exact)) > 1 else None
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    current.sort(key=lambda r: (order.get(r.category, len(order)), r.category, _subgroup(r.scope),
                                -(r.quantity if r.quantity is not None else -1), r.claimant or "", r.id))
    # A vague amount cannot be compared or added up like a figure; it is listed under the table with its bounds.
    ev.rows = [r for r in current if r.quantity is not None]
    ev.vague_rows = [r for r in current if r.quantity is None]


def _canonical_claimants(names: set[str]) -> dict[str, str]:
    """Each claimant's canonical name: the longest of the names it is the same claimant as (same_claimant).

    Only names with the same last word can be the same claimant, and with more than that word they must share
    another word, or be that word alone; so each name is compared with the best of a few groups, not with all.
    """
    def rank(n: str) -> tuple[int, int, str]:
        return len(claimant_tokens(n)), len(n), n

    tokens = {n: claimant_tokens(n) for n in names}
    best: dict[Any, str] = {}  # group -> its best name

    def offer(group: Any, n: str) -> None:
        if group not in best or rank(n) > rank(best[group]):
            best[group] = n

    for n, t in tokens.items():
        if not t:
            continue
        head = t[-1]
        offer(("head", head), n)
        others = set(t) - {head}
        if not others:
            offer(("alone", head), n)
        for w in others:
            offer(("pair", head, w), n)
    out = {}
    for n, t in tokens.items():
        if not t:
            out[n] = n  # no words to compare: the same claimant as itself only
            continue
        head = t[-1]
        others = set(t) - {head}
        if not others:  # the head word alone is the same claimant as every name with that head word
            out[n] = best[("head", head)]
            continue
        candidates = [n, *(best[("pair", head, w)] for w in others)]
        if ("alone", head) in best:
            candidates.append(best[("alone", head)])
        out[n] = max(candidates, key=rank)
    return out


class _Rivals:
    """For each row of a category, whether another claimant's row disagrees with it (bounds that do not overlap)
    or agrees (the same figure), without comparing every pair of rows.

    Rows of one claimant name are rivals of a row or not all together (same_claimant of the two names), so each
    name is kept once, with the lowest upper and the highest lower bound of its rows, ranked by those; a row
    reads down the ranking past the names of its own claimant only.
    """

    def __init__(self, rows: list[ClaimRow]) -> None:
        lowest: dict[str | None, int] = {}
        highest: dict[str | None, int] = {}
        for r in rows:
            b = r.bounds
            if b:
                lowest[r.claimant] = min(b[1], lowest.get(r.claimant, b[1]))
                highest[r.claimant] = max(b[0], highest.get(r.claimant, b[0]))
        self.by_upper = sorted(lowest.items(), key=lambda kv: kv[1])
        self.by_lower = sorted(highest.items(), key=lambda kv: -kv[1])
        self.by_figure: dict[tuple[int, int | None], dict[str | None, None]] = defaultdict(dict)
        for r in rows:
            if r.quantity is not None:
                self.by_figure[(r.quantity, r.upper)][r.claimant] = None

    @staticmethod
    def _rival(name: str | None, r: ClaimRow) -> bool:
        return not same_claimant(name, r.claimant)  # r's own name (and r itself) is never a rival

    def disagree(self, r: ClaimRow, b: tuple[int, int]) -> bool:
        for name, upper in self.by_upper:
            if upper >= b[0]:
                break
            if self._rival(name, r):
                return True  # a figure entirely below r's
        for name, lower in self.by_lower:
            if lower <= b[1]:
                break
            if self._rival(name, r):
                return True  # entirely above it
        return False

    def agree(self, r: ClaimRow) -> bool:
        if r.quantity is None:
            return False
        return any(self._rival(name, r) for name in self.by_figure.get((r.quantity, r.upper), ()))


def _fold_revisions(rows: list[ClaimRow], by_id: dict[str, Article]) -> list[ClaimRow]:
    """A claimant who gives several figures for one count has revised it: keep the latest, the rest as history.

    Latest means stated last (the day the sentence says it was said, else the article's publication), then
    published last; on the same day the higher figure, as tolls are revised upwards far more often than down.
    """
    by_claimant: dict[str, list[ClaimRow]] = defaultdict(list)
    out: list[ClaimRow] = []
    for r in rows:
        if r.claimant and r.quantity is not None:
            by_claimant[r.claimant].append(r)
        else:
            out.append(r)  # unattributed figures may come from anyone: never a revision of each other
    for own in by_claimant.values():
        if len({(r.quantity, r.upper) for r in own}) < 2:
            out.extend(own)
            continue

        def when(r: ClaimRow) -> tuple[str, str, int]:
            stated = max((c.stated_on or "") for c in r.claims)
            published = max((by_id[c.article_id].published or "") if c.article_id in by_id else ""
                            for c in r.claims)
            return stated, published, r.quantity or 0

        own.sort(key=lambda r: (when(r), r.id))
        latest = own[-1]
        keep = [r for r in own if (r.quantity, r.upper) == (latest.quantity, latest.upper)]
        for r in keep:
            r.history = [o for o in own if (o.quantity, o.upper) != (latest.quantity, latest.upper)]
            for o in r.history:
                o.status = "revised"
                for c in o.claims:
                    c.status = "revised"
                    c.sources = o.article_ids
        out.extend(keep)
    return out


# --- sub-events --------------------------------------------------------------------------------

_ACTS = [  # what was done, as a verb or a noun, and the name a sub-event gets for it
    (r"grenades?|grenade attack", "Grenade attack"), (r"suicide (?:attack|bombing|bomber)s?", "Suicide attack"),
    (r"bomb(?:ing|ings|s)?|blasts?|explosions?|explosives?|IEDs?", "Bombing"), (r"ambush(?:ed|es)?", "Ambush"),
    (r"stormed|storming|raid(?:ed|s)?|overran|overrun", "Raid"),
    (r"set (?:ablaze|on fire)|torched|burn(?:ed|t)", "Arson"),
    (r"attack(?:ed|s)?|struck|hit|targeted|assault(?:ed)?|opened fire|shot at|fired (?:at|on)", "Attack"),
    (r"abduct(?:ed|ion)|kidnapp(?:ed|ing)|hijack(?:ed|ing)", "Abduction"),
]
_ACT_RE = re.compile(r"\b(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(_ACTS)) + r")\b", re.I)
_TARGETS = ("prison", "jail", "police station", "police post", "checkpoint", "paramilitary post", "post", "camp",
            "base", "convoy", "vehicle", "bus", "train", "railway", "station", "bank", "market", "mosque", "church",
            "temple", "school", "hospital", "office", "compound", "headquarters", "hotel", "airport", "port",
            "bridge", "village", "town", "border post", "garrison", "barracks", "embassy", "courthouse")
_TARGET_RE = re.compile(r"\b(?:a|an|the|two|three|several)?\s*(?:[\w-]+\s+){0,2}?(?P<t>" + "|".join(
    sorted(map(re.escape, _TARGETS), key=len, reverse=True)) + r")s?\b", re.I)
_PLACE_RE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)\s+(?:the\s+)?"
                       r"(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
MAX_SUBEVENTS = 8


def find_subevents(ev: Event, articles: list[Article], region_name: str = "") -> list[SubEvent]:
    """The distinct attacks, raids and blasts the day's articles report, each with its sentences and figures."""
    found: dict[tuple[str, str], SubEvent] = {}
    listed: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # the sentences of each part, as a set
    region = f"{ev.title} {region_name}".lower()
    for a in articles:
        other_days = sorted({m.start for m in a.mentions
                             if m.precision == "day" and m.value and m.value[:10] != ev.start})
        for sent in split_sentences(a.body):
            k = bisect.bisect_left(other_days, sent.start)
            if k < len(other_days) and other_days[k] < sent.start + len(sent.text):
                continue  # the sentence is about another day
            text = sent.text.strip()
            act = _ACT_RE.search(text)
            if not act:
                continue
            target = _TARGET_RE.search(text, act.start() - 40 if act.start() > 40 else 0)
            place = _PLACE_RE.search(text)
            if place and place.group("p").split()[0] in _STOP_TITLE_WORDS:
                place = None  # "in March", "at The ...": not a place
            if target and not place and target.group("t").lower() in ("town", "village", "post", "station"):
                target = None  # "struck 12 towns": too general to be one part of the day
            if place and place.group("p").lower() in region:
                place = None  # "attacks in Balochistan" is the whole day's event, not a part of it
            if not target and not place:
                continue
            kind = next(_ACTS[i][1] for i in range(len(_ACTS)) if act.group(f"a{i}"))
            t = target.group("t").lower() if target else ""
            p = place.group("p") if place else ""
            key = (t, p)
            if key not in found:
                what = f"{kind} {'at' if kind == 'Arson' else 'on'} the {t}" if t else kind
                found[key] = SubEvent(title=f"{what} in {p}" if p else what, sentences=[])
            if (a.id, text) not in listed[key]:
                listed[key].add((a.id, text))
                found[key].sentences.append((a.id, text))
    # A target without a place, or the same place named with and without a target, is one part of the day.
    placed = {t for t, p in found if p}
    subevents = [sv for (t, p), sv in found.items() if p or t not in placed]
    # Each part's claim rows: those with a claim quoting one of its sentences, in the order of ev.all_rows().
    parts_of: dict[str, list[int]] = defaultdict(list)
    for k, sv in enumerate(subevents):
        for quote in dict.fromkeys(s for _, s in sv.sentences):
            parts_of[quote].append(k)
        sv.row_ids = []
    for r in ev.all_rows():
        for k in sorted({k for c in r.claims for k in parts_of.get(c.quote, ())}):
            subevents[k].row_ids.append(r.id)
    # Parts reported by more sentences first; a day with one part has nothing to nest.
    subevents.sort(key=lambda sv: (-len(sv.sentences), sv.title))
    return subevents[:MAX_SUBEVENTS] if len(subevents) > 1 else []


_STOP_TITLE_WORDS = {"The", "A", "An", "This", "That", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday",
                     "Thursday", "Friday", "January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"}


# --- titles and ids ----------------------------------------------------------------------------

def _title_event(ev: Event, by_id: dict[str, Article], main_day: dict[str, str | None]) -> None:
    if ev.title:
        return
    if ev.start is None:
        ev.title = "Undated reports: " + by_id[ev.article_ids[0]].title if ev.article_ids else "Undated reports"
        return
    anchored = [i for i in ev.article_ids if main_day.get(i) == ev.start and ev.precision == "day"]
    # A real headline of an article about the day reads best; a claim or a sentence is made into one otherwise.
    headlines = [i for i in anchored if _is_headline(by_id[i].title)]
    if headlines:
        best = max(headlines, key=lambda i: (by_id[i].date_origin not in ("inferred", "none"),
                                             sum(1 for r in ev.rows for c in r.claims if c.article_id == i),
                                             -ev.article_ids.index(i)))
        ev.title = _headline(by_id[best].title)
    elif ev.rows and (ev.precision in ("day", "period") or not ev.context):
        ev.title = claim_headline(ev.rows[0])
    elif ev.context:
        year = ev.start[:4] if ev.precision in ("year", "decade", "month") else None
        ev.title = sentence_headline(ev.context[0][1], year)
    else:
        ev.title = sentence_headline(by_id[ev.article_ids[0]].title)
    if ev.context:
        ev.summary = ev.context[0][1]


_NOUN_PHRASE = {"dead": "{n} dead", "injured": "{n} injured", "crowd size": "crowd of {n}", "missing": "{n} missing",
                "displaced": "{n} displaced", "arrested": "{n} arrested", "rescued": "{n} rescued"}


def claim_headline(r: ClaimRow) -> str:
    """'Military says 41 militants killed': who claims what, for an event known only from its figures."""
    n = f"{r.qualifier + ' ' if r.qualifier else ''}{r.quantity:,}" if r.quantity is not None else r.figure_text
    if r.upper is not None:
        n += f" to {r.upper:,}"
    # The category may be an editor's text ({braces} and all): it is never a format string.
    what = _NOUN_PHRASE[r.category].format(n=n) if r.category in _NOUN_PHRASE else f"{n} {r.category}"
    if r.scope and _long_period(r.scope):
        what += " " + str(r.scope)
    if r.claimant:
        return f"{r.claimant} says {what}"
    return what[0].upper() + what[1:]


def _is_headline(title: str) -> bool:
    """A title, not a first sentence standing in for one: short and not ending in a full stop."""
    words = title.split()
    return 2 <= len(words) <= 16 and not title.rstrip().endswith((".", "…")) and "," not in title[:-1] \
        or (len(words) <= 12 and not title.rstrip().endswith("."))


_CLAUSE_CUT = re.compile(r"\s*[;:–—]\s*|,\s+(?=(?:which|who|whose|when|while|as|after|before|and|but|"
                         r"resulting|leaving|killing|saying|although|though|where)\b)")
_LEAD = re.compile(r"^(?:(?:meanwhile|however|also|separately|earlier|later|then|but|and|so)\s*,?\s+)+", re.I)
_ASIDE = re.compile(r",\s*(?:he|she|they|it|officials|police)\s+(?:said|says|added|told \w+)\s*,|\s*\([^)]*\)"
                    r"|,\s*(?:which|who|whose)\b[^,;]*,")
_WEAK_END = re.compile(r"\s+(?:the|a|an|of|in|on|at|to|for|and|or|but|with|by|from|as|its|their|his|her)$", re.I)
HEADLINE_WORDS = 14


_TRAILING_ATTRIBUTION = re.compile(r",\s*(?:[\w'’.-]+\s+){0,7}(?:said|says|told \w+|added|reported|announced)"
                                   r"(?:\s+(?:on|late on|early on)\s+\w+)?$", re.I)
_CUT_WORDS = re.compile(r"^(?:following|after|before|as|amid|while|during|including|with|across|which|who|"
                        r"and|but|advocating|leaving|resulting)$", re.I)


def sentence_headline(sentence: str, must: str | None = None) -> str:
    """A headline from a sentence: its main clause (the one naming `must`), asides dropped, at most ~14 words.

    A long sentence is read once (its clauses and parts, and where each year is named in them, are kept); each
    headline then reads only the first and last words of the clause it comes from.
    """
    text, clauses = _headline_pieces(sentence)
    if must:  # a sentence about two dates: the part that names this event's year
        if _YEAR_LIKE.fullmatch(must):
            first_part, first_clause = _headline_years(sentence)
            clause = first_part.get(must) or first_clause.get(must) or (clauses[0] if clauses else text)
        else:
            parts = [p.strip() for c in clauses for p in c.split(", ")]
            clause = next((p for p in parts if must in p and len(p.split()) >= 4),
                          next((c for c in clauses if must in c), clauses[0] if clauses else text))
    else:
        clause = clauses[0] if clauses else text
    lo, hi = 0, len(clause)
    if must and _names_year(clause, must, 0, hi):
        first = _FIRST_WORD.match(clause)
        since = _SINCE.match(clause) if first and first.group(1).lower() in ("since", "in", "on", "by", "after") \
            else None
        if since:
            lo = since.end()
    lead = _LEAD_AT.match(clause, lo)
    if lead:
        lo = lead.end()
    while lo < hi and clause[lo].isspace():
        lo += 1
    while hi > lo and clause[hi - 1].isspace():
        hi -= 1
    runs = []  # the first HEADLINE_WORDS + 1 words: enough to know whether the clause is longer than a headline
    for run in _WORD_RUN.finditer(clause, lo, hi):
        runs.append(run)
        if len(runs) > HEADLINE_WORDS:
            break
    words = [w.group(0) for w in runs]
    if len(runs) > HEADLINE_WORDS:
        cut = next((k for k in range(6, HEADLINE_WORDS + 1) if _CUT_WORDS.match(words[k])
                    and not (must and _names_year(clause, must, runs[k].start(), hi))), None)
        if cut:
            words = words[:cut]
        else:
            # Keep the subject and the end of the predicate, where the verb and the date usually sit.
            head: list[str] = []
            for w in words[:7]:
                if len(head) >= 3 and (_CUT_WORDS.match(w) or w.lower().endswith("ing")):
                    break
                head.append(w)
            words = [*head, "…", *_last_words(clause, lo, hi, 5)]
    out = _WEAK_END.sub("", " ".join(words).strip(" ,"))
    return out[:1].upper() + out[1:] if out else sentence[:90]


_YEAR_LIKE = re.compile(r"\d{4}")  # what `must` is: an event's year
_FOUR_DIGITS = re.compile(r"(?=(\d{4}))")
_FIRST_WORD = re.compile(r"\s*(\S+)")
_WORD_RUN = re.compile(r"\S+")
_SINCE = re.compile(r"^(?:since|in|on|by|after)\s+(?:its|their|his|her|the)?\s*", re.I)
_LEAD_AT = re.compile(_LEAD.pattern.removeprefix("^"), re.I)  # _LEAD where a clause starts further on


@lru_cache(maxsize=64)
def _headline_pieces(sentence: str) -> tuple[str, tuple[str, ...]]:
    """A sentence without its asides and trailing attribution, and its clauses."""
    text = strip_asides(sentence.strip().rstrip(".!?"), _aside_at)  # _ASIDE.sub("", ...), in one pass
    text = _TRAILING_ATTRIBUTION.sub("", text)
    return text, tuple(c.strip() for c in _CLAUSE_CUT.split(text) if c and c.strip())


# _ASIDE's alternatives that start with a comma: ", he said," and ", which ... ," (up to the next comma, if no ';')
_ASIDE_SAID = re.compile(r",\s*(?:he|she|they|it|officials|police)\s+(?:said|says|added|told \w+)\s*,")
_ASIDE_WHICH = re.compile(r",\s*(?:which|who|whose)\b")


def _aside_at(text: str, c: int) -> int | None:
    """Where a match of _ASIDE at the comma c ends, or None."""
    m = _ASIDE_SAID.match(text, c)
    if m:
        return m.end()
    m = _ASIDE_WHICH.match(text, c)
    if not m:
        return None
    after = text.find(",", m.end())
    return after + 1 if after != -1 and text.find(";", m.end(), after) == -1 else None


@lru_cache(maxsize=64)
def _headline_years(sentence: str) -> tuple[dict[str, str], dict[str, str]]:
    """For each year named in a sentence: the first part (between ', ') of four words or more, and the first
    clause, that name it."""
    _text, clauses = _headline_pieces(sentence)
    first_part: dict[str, str] = {}
    first_clause: dict[str, str] = {}
    for c in clauses:
        for y in _years_in(c):
            first_clause.setdefault(y, c)
        for p in c.split(", "):
            p = p.strip()
            if len(p.split()) >= 4:
                for y in _years_in(p):
                    first_part.setdefault(y, p)
    return first_part, first_clause


def _years_in(text: str) -> dict[str, int]:
    """Every four-digit string in text and where it last starts."""
    return {m.group(1): m.start() for m in _FOUR_DIGITS.finditer(text)}


@lru_cache(maxsize=64)
def _last_year_at(clause: str) -> dict[str, int]:
    return _years_in(clause)


def _names_year(clause: str, must: str, lo: int, hi: int) -> bool:
    """Whether must is in " ".join(clause[lo:hi].split()); for a year, from where it is last named."""
    if not _YEAR_LIKE.fullmatch(must):
        return must in " ".join(clause[lo:hi].split())
    if hi - lo < 500:
        return must in clause[lo:hi]
    at = _last_year_at(clause).get(must)
    return at is not None and lo <= at and at + len(must) <= hi


def _last_words(text: str, lo: int, hi: int, n: int) -> list[str]:
    """text[lo:hi].split()[-n:], reading from the end."""
    out: list[str] = []
    j = hi
    while len(out) < n and j > lo:
        while j > lo and text[j - 1].isspace():
            j -= 1
        e = j
        while j > lo and not text[j - 1].isspace():
            j -= 1
        if e > j:
            out.append(text[j:e])
    return out[::-1]


def _headline(title: str) -> str:
    return re.sub(r"^(?:breaking|update|live|watch|exclusive)\s*[:|-]\s*", "", title, flags=re.IGNORECASE)


def _event_id(ev: Event, slug: str) -> str:
    if ev.start is None:
        return f"undated-{slug}"
    label = {"year": ev.start[:4], "month": ev.start[:7], "decade": ev.start[:3] + "0s"}.get(ev.precision, ev.start)
    if ev.precision == "week":
        label = f"week-of-{ev.start}"
    if ev.precision == "period":
        label = f"{ev.start}-to-{ev.end}"
    return f"{label}-{slug}"


# --- curated events ----------------------------------------------------------------------------

def _apply_curated(ce: dict[str, Any], a: Article, inc: str, bucket: Any, diags: list[Diagnostic],
                   config: Config) -> None:
    """An editor's event from front matter: its title wins, its claims mark or add rows."""
    loc = Location(a.path, int(ce.get("_line", 1)))
    raw_date = ce.get("date")
    parsed = parse_publication_date(str(raw_date)) if raw_date else None
    day = parsed[:10] if parsed else None
    if day is None:
        diags.append(Diagnostic(loc, "warning", f"curated event '{ce.get('title', '?')}' has no readable date; "
                                                "ignored", Code.CURATED_INVALID))
        return
    if not in_window(day):
        diags.append(Diagnostic(loc, "warning", f"curated event '{ce.get('title', '?')}' has the date {day}, outside "
                                                f"the years {MIN_YEAR}–{MAX_YEAR}; ignored", Code.CURATED_INVALID))
        return
    ev: Event = bucket(inc, day, "day")
    _add_article(ev, a.id)
    if ce.get("title"):
        ev.title = _one_line(ce["title"])
        ev.curated = True
    claims = ce.get("claims") or []
    if not isinstance(claims, list):
        diags.append(Diagnostic(loc, "warning", "curated 'claims' must be a list; ignored", Code.CURATED_INVALID))
        return
    claim_lines = ce.get("_claim_lines") or []
    for k, item in enumerate(claims):
        claim = _curated_claim(item, a, Location(a.path, claim_lines[k] if k < len(claim_lines) else loc.line), diags)
        if claim is None:
            continue
        # The editor's "army" matches the registry's "Military" in extracted rows; the editor's words are shown.
        actor = match_actor(claim.claimant, config.actors) if claim.claimant else None
        match = next((r for r in ev.rows if r.category == claim.category and r.quantity == claim.quantity
                      and (r.claimant is None or same_claimant(r.claimant, claim.claimant)
                           or (actor is not None and same_claimant(r.claimant, actor)))), None)
        if match is not None:
            match.curated = True
            match.claimant, match.qualifier = claim.claimant, claim.qualifier
            match.scope = claim.scope or match.scope
            for c in match.claims:
                c.curated = True
                c.claimant, c.qualifier = claim.claimant, claim.qualifier
            if not any(c.article_id == a.id for c in match.claims):
                match.claims.append(claim)
        else:
            _add_claim(ev, claim)


def _one_line(value: Any) -> str:
    return clean_inline(str(value))


def _curated_claim(item: Any, a: Article, loc: Location, diags: list[Diagnostic]) -> Claim | None:
    if not isinstance(item, dict):
        diags.append(Diagnostic(loc, "warning", f"curated claim must be a mapping, got {item!r}; ignored",
                                Code.CURATED_INVALID))
        return None
    category = str(item.get("category") or "").strip().lower()
    if not category:
        diags.append(Diagnostic(loc, "warning", "curated claim has no category; ignored", Code.CURATED_INVALID))
        return None
    raw_q = item.get("quantity", item.get("figure"))
    quantity: int | None
    if raw_q is None or raw_q == "":
        diags.append(Diagnostic(loc, "warning", f"curated claim '{category}' has no figure (quantity: N); ignored",
                                Code.CURATED_INVALID))
        return None
    try:
        if isinstance(raw_q, bool):
            raise ValueError
        quantity = int(str(raw_q).replace(",", "").strip())
    except ValueError:
        diags.append(Diagnostic(loc, "warning", f"curated claim '{category}' has a non-numeric figure "
                                                f"'{_one_line(raw_q)[:40]}' (write a whole number); ignored",
                                                Code.CURATED_INVALID))
        return None
    if quantity < 0:
        diags.append(Diagnostic(loc, "warning", f"curated claim '{category}' has a negative figure; ignored",
                                Code.CURATED_INVALID))
        return None
    qualifier = item.get("qualifier")
    if qualifier is not None and str(qualifier).lower() not in QUALIFIER_VOCABULARY:
        diags.append(Diagnostic(loc, "warning", f"unknown qualifier '{qualifier}' (use one of "
                                                f"{', '.join(QUALIFIER_VOCABULARY)}); dropped", Code.CURATED_INVALID))
        qualifier = None
    claimant = _one_line(item["claimant"]) if item.get("claimant") else None
    quote = _one_line(item.get("quote") or "")
    scope = _one_line(item["scope"]) if item.get("scope") not in (None, "") else None
    return Claim(id=claim_id(a.file or a.path, f"curated|{category}|{quantity}|{claimant}|{qualifier}|{scope}"),
                 article_id=a.id, category=category,
                 quantity=quantity, qualifier=str(qualifier).lower() if qualifier else None, claimant=claimant,
                 quote=quote, location=loc, figure_text=str(quantity), scope=scope, curated=True,
                 stated_on=a.published_day)

