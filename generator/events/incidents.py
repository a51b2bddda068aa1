"""Incidents: articles that name the same places and people within a few days of each other, and report the same
kind of incident (or the same figures), are about one incident."""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import heldfiles, memos, rules
from generator.config import IncidentSettings
from generator.events.blocking import DayIndex, Postings, PrefixIndex
from generator.events.days import own_days
from generator.models import Article
from generator.text import slugify

# Capitalised words that name no place, person or group: pronouns, titles, institutions, months and weekdays.
STOP_NAMES = frozenset(rules.rule("events", "stop_names").words) | {
    name.lower() for kind in ("months", "weekdays") for name in rules.rule("calendar", kind).table}
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]{2,}")
_WORD = re.compile(r"[a-z]{4,}")
_STOP_WORDS = frozenset(rules.rule("events", "topic_stop_words").words)
_POSSESSIVE = re.compile(r"['’]s?$")


def names(a: Article) -> Counter[str]:
    """Capitalised words that are not just starting a sentence: places, people, groups. The words of the
    article's own outlet ("VARNETH, March 14 (Meridian Wire)") say nothing about what it reports."""
    return Counter(dict(_names_in(a.source, a.title, a.body)))


@heldfiles.by_text  # the same articles are grouped again on every save in `mkdocs serve`
def _names_in(source: str | None, title: str, body: str) -> tuple[tuple[str, int], ...]:
    own = {w.lower() for w in _NAME.findall(source or "")}
    counts: Counter[str] = Counter()
    for text in (title, body[:6000]):
        for m in _NAME.finditer(text):
            before = text[max(0, m.start() - 3): m.start()].rstrip(" \"“‘'(")
            if not before or before[-1] in ".!?:\n":
                continue
            low = m.group(0).lower()
            if low[-1] in "s'’":  # _POSSESSIVE can only match then: most names are read without it
                low = _POSSESSIVE.sub("", low)
            if low not in STOP_NAMES and len(low) > 2 and low not in own:
                counts[low] += 1
    return tuple(counts.items())


def topic(a: Article) -> Counter[str]:
    """Content-word counts of an article: what kind of incident it reports (floods, raids, protests)."""
    return Counter(dict(_topic_of(a.title, a.body)))


@heldfiles.by_text
def _topic_of(title: str, body: str) -> tuple[tuple[str, int], ...]:
    words = _WORD.findall((title + " " + body[:6000]).lower())
    return tuple(Counter([w.rstrip("s") for w in words if w not in _STOP_WORDS]).items())


def _cosine(x: Counter[str], y: Counter[str], norm_x: float, norm_y: float) -> float:
    # Counts are ints: their products sum to the same dot product in any order, so the set intersection is exact.
    dot = sum(x[k] * y[k] for k in x.keys() & y.keys())
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
    leads: dict[str, str]  # the rare name an article names most (its town, its ship), when one stands out
    named: dict[str, set[str]]  # past days the text names (not when something was said)
    days: dict[str, set[str]]  # those, else the publication day
    settings: IncidentSettings

    def score(self, x: Article, y: Article, gap: int | None = None) -> float:
        """How surely x and y report one incident when published `gap` days apart (None: one is undated); 0 when
        they do not.

        Within settings.window_days shared names join by themselves, or fewer shared names with shared figures or
        a day both articles place the happening on ("the quake on Saturday", "the June 14 sinking"). Up to
        settings.story_days apart, only the strong links join: such a day, or names and topic that agree more.
        """
        overlap = self.overlap(x, y)
        s = self.settings
        shared_figs = len(self.figures[x.id] & self.figures[y.id])
        same_day = bool(self.named[x.id] & self.days[y.id] or self.days[x.id] & self.named[y.id])
        if not self.may_link(overlap, shared_figs, same_day, gap):
            return 0.0
        cosine = _cosine(self.topics[x.id], self.topics[y.id], self.norms[x.id], self.norms[y.id])
        if cosine < s.topic_similarity:
            return 0.0
        # Articles each mostly about a name the other never gives are about two places (or ships, or camps).
        apart = self.apart(x, y)
        # A day both place the happening on is a strong link, with some names, or fewer names and a shared figure.
        strong = same_day and not apart and (overlap >= s.name_overlap / 2
                                             or (shared_figs >= 1 and overlap >= s.name_overlap / 4))
        near = (gap is None or gap <= s.window_days) and not apart
        if near and (overlap >= s.name_overlap or (shared_figs >= 1 and overlap >= s.name_overlap / 2)
                     or (shared_figs >= 2 and overlap >= s.name_overlap / 4)) or strong:
            return overlap + 0.25 * shared_figs + 0.25 * same_day
        if gap is not None and gap <= s.story_days and overlap >= s.name_overlap \
                and cosine >= 1.5 * s.topic_similarity and not apart:
            return overlap
        return 0.0

    def may_link(self, overlap: float, shared_figs: int, same_day: bool, gap: int | None) -> bool:
        """What every link of score needs, read off its branches before the costly topic and spelling tests: some
        names (half of name_overlap, or a quarter with a shared figure) and, beyond the window, a day both place
        the happening on or names enough for a story. The indexes of _join_dated rely on it."""
        s = self.settings
        if overlap == 0 or not (overlap >= s.name_overlap / 2 or (shared_figs >= 1 and overlap >= s.name_overlap / 4)):
            return False
        beyond = gap is not None and gap > s.window_days
        return not beyond or same_day or (gap is not None and gap <= s.story_days and overlap >= s.name_overlap)

    def overlap(self, x: Article, y: Article) -> float:
        """Shared names weighted by rarity: "Aleppo" in many articles counts less than a village named in two."""
        shared = sum(self.weight[w] for w in self.names[x.id] & self.names[y.id])
        return 2 * shared / max(1e-9, self.mass[x.id] + self.mass[y.id])

    def apart(self, x: Article, y: Article) -> bool:
        """Each article is mostly about a name the other never gives: weeks apart, two attacks by one group in
        two towns ("the raid in Marn" and, a month later, "the bombing in Tarrin") are two incidents."""
        lx, ly = self.leads.get(x.id), self.leads.get(y.id)
        return bool(lx and ly and not _spelled_in(lx, self.names[y.id]) and not _spelled_in(ly, self.names[x.id]))


def _spelled_in(name: str, others: set[str]) -> bool:
    """The name, or a spelling of it ("Hasakah" for "Hasaka", "Kefraya" for "Kafraya"), is among the others."""
    if name in others:
        return True
    return any(w[:1] == name[:1] and _alike(name, w) for w in others)


@memos.memo(65536)
def _alike(name: str, other: str) -> bool:
    """Spelled alike; asked again for the same two names by many pairs of articles, so remembered."""
    return difflib.SequenceMatcher(None, name, other).ratio() >= 0.75


def _lead(counts: Counter[str], weight: dict[str, float]) -> str | None:
    """The rare name an article gives most often, when it gives it at least twice and more than any other."""
    ranked = sorted(((n, w) for w, n in counts.items() if weight[w] >= 0.5), key=lambda nw: (-nw[0], nw[1]))
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def _profiles(articles: list[Article], settings: IncidentSettings,
              read_names: Mapping[str, Counter[str]] | None = None) -> _Profiles:
    counted = {a.id: read_names[a.id] if read_names is not None else names(a) for a in articles}
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
                     leads={aid: lead for aid, c in counted.items() if (lead := _lead(c, weight))},
                     figures={a.id: _figures(a) for a in articles}, topics=topics,
                     norms={aid: sum(v * v for v in t.values()) ** 0.5 for aid, t in topics.items()},
                     named=(named := {a.id: set(own_days(a)) for a in articles}),
                     days={a.id: named[a.id] or ({a.published_day} if a.published_day else set()) for a in articles},
                     settings=settings)


def cluster_incidents(articles: list[Article], settings: IncidentSettings | None = None,
                      read_names: Mapping[str, Counter[str]] | None = None) -> dict[str, str]:
    """Union articles that share names and dates or figures; return article id -> incident id (the smallest
    article id of the incident). `read_names` holds each article's names() when the caller has read them already."""
    sets = _Sets(a.id for a in articles)
    profiles = _profiles(articles, settings or IncidentSettings(), read_names)
    days = {a.id: dt.date.fromisoformat(a.published_day) for a in articles if a.published_day}
    dated = sorted((a for a in articles if a.id in days), key=lambda a: (days[a.id], a.id))
    undated = [a for a in articles if a.id not in days]
    # One order of the names for every prefix (blocking.PrefixIndex): fewest articles first, so the lists are short.
    rarity = Counter(w for a in articles for w in profiles.names[a.id])
    _join_dated(dated, days, sets, profiles, rarity)
    _join_undated(undated, dated, sets, profiles, rarity)
    return {a.id: sets.find(a.id) for a in articles}


class _LinkIndex:
    """Articles (by position) that may link (_Profiles.may_link): a pair needs half of name_overlap, found by the
    prefixes of their names (blocking.PrefixIndex), or a quarter of it and a shared figure, found by figure."""

    def __init__(self, arts: list[Article], profiles: _Profiles, rarity: Counter[str]) -> None:
        self.profiles, self.size = profiles, len(arts)
        self.figures = [profiles.figures[a.id] for a in arts]
        self.by_names = PrefixIndex.of([profiles.names[a.id] for a in arts], profiles.weight, rarity,
                                       profiles.settings.name_overlap / 2)
        self.by_figure = Postings()
        for k, figures in enumerate(self.figures):
            self.by_figure.add(k, figures)

    def partners(self, position: int, lo: int, hi: int) -> set[int]:
        found = self.by_names.partners(position, lo, hi) | self.by_figure.between(self.figures[position], lo, hi)
        return found - {position}

    def partners_of(self, a: Article) -> set[int]:
        """The positions that may link with an article not in the index."""
        return self.by_names.partners_of(self.profiles.names[a.id]) | self.by_figure.between(
            self.profiles.figures[a.id], 0, self.size)


def _join_dated(dated: list[Article], days: dict[str, dt.date], sets: _Sets, profiles: _Profiles,
                rarity: Counter[str]) -> None:
    """Dated articles join when they are alike for their distance in days.

    Read in day order, each article is compared with the later ones of its story window that may link with it
    (_Profiles.may_link), looked up in indexes: within window_days by names or figure (_LinkIndex); further
    apart, by names that can overlap name_overlap, or by a day one names and the other is about. Each index
    finds every pair that can pass its test (blocking.py), so the pairs compared are fewer but those that join
    are the same as when every pair of the window was scored.
    """
    s = profiles.settings
    horizon = max(s.story_days, s.window_days)
    ordinals = [days[a.id].toordinal() for a in dated]
    names = [profiles.names[a.id] for a in dated]
    near = _LinkIndex(dated, profiles, rarity)
    far = PrefixIndex.of(names, profiles.weight, rarity, s.name_overlap)
    by_day = DayIndex([profiles.named[a.id] for a in dated], [profiles.days[a.id] for a in dated])
    for i, x in enumerate(dated):
        near_end = bisect.bisect_right(ordinals, ordinals[i] + s.window_days)
        end = bisect.bisect_right(ordinals, ordinals[i] + horizon)
        found = near.partners(i, i + 1, near_end) | far.partners(i, near_end, end) | by_day.partners(i, near_end, end)
        for j in sorted(found):
            y = dated[j]
            # A name in most articles proposes no pair (it adds little overlap): the rule of the pairs compared.
            if not any(profiles.weight[w] >= 0.1 for w in names[i] & names[j]):
                continue
            if sets.find(x.id) != sets.find(y.id) and profiles.score(x, y, ordinals[j] - ordinals[i]) > 0:
                sets.union(x.id, y.id)


def _join_undated(undated: list[Article], dated: list[Article], sets: _Sets, profiles: _Profiles,
                  rarity: Counter[str]) -> None:
    """Undated articles join each other when alike; then each group joins the dated incident it is most like.

    Only the pairs a _LinkIndex finds may score (_Profiles.may_link), so comparing those alone gives the groups
    and the best incident that comparing all pairs gives."""
    among = _LinkIndex(undated, profiles, rarity)
    for i, u in enumerate(undated):
        for j in sorted(among.partners(i, i + 1, len(undated))):
            y = undated[j]
            if sets.find(u.id) != sets.find(y.id) and profiles.score(u, y) > 0:
                sets.union(u.id, y.id)
    groups: dict[str, list[Article]] = defaultdict(list)
    for u in undated:
        groups[sets.find(u.id)].append(u)
    to_dated = _LinkIndex(dated, profiles, rarity)
    for members in groups.values():
        # A group of undated articles joins one dated incident at most: it must not bridge two.
        best = max(((profiles.score(u, dated[j]), sets.find(dated[j].id)) for u in members
                    for j in sorted(to_dated.partners_of(u))), default=(0.0, ""))
        if best[0] > 0:
            sets.union(members[0].id, best[1])


def incident_slug(arts: list[Article], read_names: Mapping[str, Counter[str]] | None = None) -> str:
    """The incident's most-named name, as the end of its events' ids (read_names: each article's names(), if read)."""
    counts: Counter[str] = Counter()
    for a in arts:
        counts.update((read_names[a.id] if read_names is not None else names(a)).keys())
    if not counts:
        return slugify(arts[0].title)[:24] or "event"
    return slugify(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]) or "event"
