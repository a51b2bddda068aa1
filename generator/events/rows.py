"""Claim rows: the same claim from several articles is one row of an event's table; each row gets its status.

Within an event, the same claim (category, figure, qualifier, claimant) reported by several articles is one row:
corroborated. Different figures for one category from different claimants are contested. One claimant's
several figures for one count are a revision: the latest is the row, the earlier ones its history.

The rows hold copies of the articles' claims (add_claim makes them), and every status, source list and harmonised
claimant name is set on those copies: the articles' own claims are never changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from generator.claims import SUBGROUPS
from generator.claims.claimants import claimant_tokens, same_claimant
from generator.claims.people import names_people
from generator.events.contest import named_figures, set_statuses
from generator.events.periods import long_period
from generator.models import Article, Claim, ClaimRow, Event
from generator.vocabulary import Category, Status

CATEGORY_ORDER: list[str] = [
    Category.MILITANTS_KILLED, Category.SECURITY_KILLED, Category.CIVILIANS_KILLED, Category.HOSTAGES_KILLED,
    Category.DEAD, Category.INJURED, Category.INMATES_FREED, Category.HOSTAGES_HELD, Category.RESCUED,
    Category.MISSING, Category.DISPLACED, Category.BODIES_RECOVERED, Category.ARRESTED, Category.CROWD_SIZE,
]
_SUBGROUP_NAMES = frozenset(SUBGROUPS.values())

RowIndex = dict[tuple[Any, ...], list[ClaimRow]]  # an event's rows by claim_key


def add_claim(ev: Event, c: Claim, index: RowIndex | None = None) -> None:
    """Add a copy of c to the first row of ev that is the same claim, or as a new row.

    `index` (the event's rows by claim_key, kept by the caller while only this function adds rows) saves reading
    every row.
    """
    candidates = ev.rows if index is None else index.get(_claim_key(c), [])
    for row in candidates:
        if _same_claim(row, c):
            if not any(x.article_id == c.article_id for x in row.claims):
                row.claims.append(replace(c))
            elif c.curated:
                row.curated = True
            return
    row = ClaimRow(id=c.id, category=c.category, quantity=c.quantity, qualifier=c.qualifier,
                   claimant=c.claimant, scope=c.scope, figure_text=c.figure_text, vague=c.vague,
                   claims=[replace(c)], curated=c.curated, upper=c.upper)
    ev.rows.append(row)
    if index is not None:
        index.setdefault(_claim_key(row), []).append(row)


def _claim_key(x: Claim | ClaimRow) -> tuple[Any, ...]:
    """What _same_claim compares, but for the claimant: equal for any row and claim that are the same claim."""
    return (x.category, x.quantity, x.qualifier, x.upper, x.figure_text.lower() if x.quantity is None else None,
            subgroup(x.scope))


def _same_claim(row: ClaimRow, c: Claim) -> bool:
    return (row.category == c.category and row.quantity == c.quantity and row.qualifier == c.qualifier
            and row.upper == c.upper
            and (row.quantity is not None or row.figure_text.lower() == c.figure_text.lower())
            and same_claimant(row.claimant, c.claimant) and subgroup(row.scope) == subgroup(c.scope))


def subgroup(scope: str | None) -> str:
    """The group a figure counts within its category ("women", "children", or the people a part of a total names:
    "Pakistanis", "rescue worker"), as its scope names it first; a period ("over the past two days") is none."""
    if not scope:
        return ""
    first = str(scope).split(",")[0].strip()
    return first.lower() if first.lower() in _SUBGROUP_NAMES or names_people(first) else ""


def finish_rows(rows: list[ClaimRow], by_id: dict[str, Article]) -> tuple[list[ClaimRow], list[ClaimRow]]:
    """An event's rows as its tables show them: canonical claimant names, revisions as history, each row's status.

    Returns the exact figures (the claims table) and the vague amounts, which are listed apart.
    """
    merged = _merge_by_claimant(rows)
    current: list[ClaimRow] = []
    groups: dict[tuple[str, str, bool], list[ClaimRow]] = defaultdict(list)
    for r in merged:
        groups[(r.category, subgroup(r.scope), long_period(r.scope))].append(r)
    named = named_figures(merged)
    for group in groups.values():
        group = _fold_revisions(group, by_id)
        current.extend(group)
        set_statuses(group, named)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    current.sort(key=lambda r: (order.get(r.category, len(order)), r.category, subgroup(r.scope),
                                -(r.quantity if r.quantity is not None else -1), r.claimant or "", r.id))
    # A vague amount cannot be compared or added up like a figure; it is listed under the table with its bounds.
    return [r for r in current if r.quantity is not None], [r for r in current if r.quantity is None]


def mark_parts(ev: Event) -> bool:
    """Set `part` on the rows whose every report quotes a sentence of one part of the day (when the day has
    several parts): two police killed in one grenade attack count that attack, not the day. True if any was set."""
    marked = False
    for sv in ev.subevents:
        sentences = {text for _, text in sv.sentences}
        for r in ev.rows:
            if r.id in sv.row_ids and r.part is None and all(c.quote in sentences for c in r.claims):
                r.part = sv.title
                marked = True
    return marked


def restatus(rows: list[ClaimRow]) -> None:
    """The statuses again, for rows grouped by count and by the part of the happening they count."""
    groups: dict[tuple[str, str, bool, str], list[ClaimRow]] = defaultdict(list)
    for r in rows:
        groups[(r.category, subgroup(r.scope), long_period(r.scope), r.part or "")].append(r)
    named = named_figures([r for r in rows if r.part is None])
    for group in groups.values():
        for r in group:
            r.why, r.spread, r.spread_range = "", None, None
        set_statuses(group, named)


def _merge_by_claimant(rows: list[ClaimRow]) -> list[ClaimRow]:
    """Rows whose claimants turn out to be one (the canonical name) become one row; each claim of a row takes
    the row's claimant name when it is the same claimant."""
    canonical = _canonical_claimants({r.claimant for r in rows if r.claimant})
    for r in rows:
        if r.claimant:
            r.claimant = canonical[r.claimant]
    merged: list[ClaimRow] = []
    first: dict[tuple[Any, ...], ClaimRow] = {}  # the first merged row with each key: equal fields, same claimant
    for r in rows:
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
    return merged


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
                o.status = Status.REVISED
                for c in o.claims:
                    c.status = Status.REVISED
                    c.sources = o.article_ids
        out.extend(keep)
    return out
