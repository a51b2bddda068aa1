"""Incidents: articles that name the same places and people within a few days of each other, and report the same
kind of incident (or the same figures), are about one incident."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator import rules
from generator.models import Article
from generator.text import slugify

WINDOW_DAYS = 4
NAME_OVERLAP = 0.3  # weighted Dice overlap of names that makes two articles one incident
TOPIC_SIMILARITY = 0.2  # cosine of content words: a flood report and a raid report never merge

# Capitalised words that name no place, person or group: pronouns, titles, institutions, months and weekdays.
STOP_NAMES = frozenset(rules.rule("events", "stop_names").words) | {
    name.lower() for kind in ("months", "weekdays") for name in rules.rule("calendar", kind).table}
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]{2,}")
_WORD = re.compile(r"[a-z]{4,}")
_STOP_WORDS = frozenset(rules.rule("events", "topic_stop_words").words)


def names(a: Article) -> Counter[str]:
    """Capitalised words that are not just starting a sentence: places, people, groups."""
    counts: Counter[str] = Counter()
    for text in (a.title, a.body[:6000]):
        for m in _NAME.finditer(text):
            before = text[max(0, m.start() - 3): m.start()].rstrip(" \"“‘'(")
            if not before or before[-1] in ".!?:\n":
                continue
            low = re.sub(r"['’]s?$", "", m.group(0).lower())
            if low not in STOP_NAMES and len(low) > 2:
                counts[low] += 1
    return counts


def topic(a: Article) -> Counter[str]:
    """Content-word counts of an article: what kind of incident it reports (floods, raids, protests)."""
    words = _WORD.findall((a.title + " " + a.body[:6000]).lower())
    return Counter(w.rstrip("s") for w in words if w not in _STOP_WORDS)


def _cosine(x: Counter[str], y: Counter[str], norm_x: float, norm_y: float) -> float:
    if len(y) < len(x):
        x, y = y, x
    dot = sum(v * y[k] for k, v in x.items() if k in y)
    return dot / (norm_x * norm_y) if norm_x and norm_y else 0.0


def _top(counts: Counter[str], k: int = 15) -> set[str]:
    ranked = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return set(ranked[:k])


def _figures(a: Article) -> set[tuple[str, int]]:
    return {(c.category, c.quantity) for c in a.claims if c.quantity is not None and c.quantity >= 3}


class _Sets:
    """Disjoint sets of article ids (union-find); a set is named by its smallest id."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@dataclass
class _Profiles:
    """What two articles are compared by: their names (weighted by rarity), figures and topic words."""

    names: dict[str, set[str]]
    weight: dict[str, float]
    mass: dict[str, float]
    figures: dict[str, set[tuple[str, int]]]
    topics: dict[str, Counter[str]]
    norms: dict[str, float]

    def score(self, x: Article, y: Article) -> float:
        """How surely x and y report one incident; 0 when they do not."""
        nx, ny = self.names[x.id], self.names[y.id]
        # Shared names weighted by rarity: "Aleppo" in many articles counts less than a village named in two.
        shared = sum(self.weight[w] for w in nx & ny)
        overlap = 2 * shared / max(1e-9, self.mass[x.id] + self.mass[y.id])
        shared_figs = len(self.figures[x.id] & self.figures[y.id])
        if overlap == 0 or _cosine(self.topics[x.id], self.topics[y.id], self.norms[x.id],
                                   self.norms[y.id]) < TOPIC_SIMILARITY:
            return 0.0
        if overlap >= NAME_OVERLAP or (shared_figs >= 1 and overlap >= NAME_OVERLAP / 2) \
                or (shared_figs >= 2 and overlap >= NAME_OVERLAP / 4):
            return overlap + 0.25 * shared_figs
        return 0.0


def _profiles(articles: list[Article]) -> _Profiles:
    counted = {a.id: names(a) for a in articles}
    df: Counter[str] = Counter()
    for c in counted.values():
        df.update(c.keys())
    # A name found in many articles of a large corpus (a country, a recurring spokesman) says little about
    # which incident an article reports; in a small corpus about one story, shared names are the signal.
    limit = max(5, len(articles) // 100)
    weight = {w: min(1.0, limit / n) for w, n in df.items()}
    top = {aid: _top(c) for aid, c in counted.items()}
    topics = {a.id: topic(a) for a in articles}
    return _Profiles(names=top, weight=weight, mass={aid: sum(weight[w] for w in n) for aid, n in top.items()},
                     figures={a.id: _figures(a) for a in articles}, topics=topics,
                     norms={aid: sum(v * v for v in t.values()) ** 0.5 for aid, t in topics.items()})


def cluster_incidents(articles: list[Article]) -> dict[str, str]:
    """Union articles that share names and dates or figures; return article id -> incident id."""
    sets = _Sets(a.id for a in articles)
    profiles = _profiles(articles)
    days = {a.id: dt.date.fromisoformat(a.published_day) for a in articles if a.published_day}
    dated = sorted((a for a in articles if a.id in days), key=lambda a: (days[a.id], a.id))
    undated = [a for a in articles if a.id not in days]
    _join_dated(dated, days, sets, profiles)
    _join_undated(undated, dated, sets, profiles)
    return {a.id: sets.find(a.id) for a in articles}


def _join_dated(dated: list[Article], days: dict[str, dt.date], sets: _Sets, profiles: _Profiles) -> None:
    """Dated articles join when they are alike and published within WINDOW_DAYS of each other (read in day order,
    so each is compared only with the few of its window)."""
    for i, x in enumerate(dated):
        for y in dated[i + 1:]:
            if (days[y.id] - days[x.id]).days > WINDOW_DAYS:
                break
            if sets.find(x.id) != sets.find(y.id) and profiles.score(x, y) > 0:
                sets.union(x.id, y.id)


def _join_undated(undated: list[Article], dated: list[Article], sets: _Sets, profiles: _Profiles) -> None:
    """Undated articles join each other when alike; then each group joins the dated incident it is most like."""
    for i, u in enumerate(undated):
        for y in undated[i + 1:]:
            if sets.find(u.id) != sets.find(y.id) and profiles.score(u, y) > 0:
                sets.union(u.id, y.id)
    groups: dict[str, list[Article]] = defaultdict(list)
    for u in undated:
        groups[sets.find(u.id)].append(u)
    for members in groups.values():
        # A group of undated articles joins one dated incident at most: it must not bridge two.
        best = max(((profiles.score(u, y), sets.find(y.id)) for u in members for y in dated), default=(0.0, ""))
        if best[0] > 0:
            sets.union(members[0].id, best[1])


def incident_slug(arts: list[Article]) -> str:
    """The incident's most-named name, as the end of its events' ids."""
    counts: Counter[str] = Counter()
    for a in arts:
        counts.update(names(a).keys())
    if not counts:
        return slugify(arts[0].title)[:24] or "event"
    return slugify(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]) or "event"
