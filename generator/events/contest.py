"""Contested, agreeing or corroborated: the status of the current rows of one count, and why.

Two rows contest each other only when they count the same thing (one category, one subgroup, one period, one part
of the happening: the caller groups them so) and
- they come from different claimants: an unattributed figure equal to a named claimant's figure is a report of
  that claim, not a rival; a claimant's own earlier figures are history (rows._fold_revisions), never rivals;
- their figures cannot both hold, read with their qualifiers: "at least 107" and "over 116" agree, "about 2,000"
  and "2,100" agree (rules/qualifiers.yml `agreement`);
- and, for a running toll of victims (the dead, the injured, the bodies recovered ...), the later figure is not
  simply higher: a toll that rises from one source to the next is the count growing, not a dispute. A later lower
  figure, or two different ones on the same day, is a dispute.
"""

from __future__ import annotations

import re
from collections import defaultdict

from generator import memos, rules
from generator.claims.claimants import same_claimant
from generator.models import ClaimRow, figure_label
from generator.vocabulary import Category, Status

# How far a qualified figure reaches, as factors of the figure: "at least 500" is 500 to 750, "about 2,000" is
# 1,800 to 2,200.
_REACH: dict[str, tuple[float, float]] = {
    q: (float(low), float(high)) for q, (low, high) in rules.rule("qualifiers", "agreement").table.items()}
# Tolls of a happening's victims, which grow as bodies are found and the injured counted. Figures of the sides'
# losses (militants, soldiers, civilians killed in fighting) come from the parties: a higher later figure from
# another side is a dispute, not an update.
_RUNNING = frozenset({Category.DEAD, Category.INJURED, Category.BODIES_RECOVERED, Category.MISSING,
                      Category.RESCUED, Category.DISPLACED})
_INCREMENT_RULES = (rules.rule("events", "increment_before"), rules.rule("events", "increment_after"))
_BEFORE, _AFTER = (rule.alternation() for rule in _INCREMENT_RULES)
# Every match of _INCREMENTED holds one of these words (when both rules are word lists): in an ASCII sentence,
# ignoring case is lower-casing, so a sentence without any of them has no increment, found without the pattern.
_INCREMENT_WORDS = tuple(dict.fromkeys(w.lower() for rule in _INCREMENT_RULES for w in rule.terms)) \
    if not any(rule.pattern for rule in _INCREMENT_RULES) else None
_PAIRWISE_LIMIT = 300  # larger groups (a long table of unattributed figures) compare by exact bounds only


def is_increment(r: ClaimRow) -> bool:
    """Whether every report gives the figure as an increment ("three more bodies", "another 12"), not a total."""
    if not r.claims or not r.figure_text:
        return False
    return all(r.figure_text.lower() in _incremented(c.quote) for c in r.claims)


_INCREMENTED = re.compile(rf"(?<!\w)(?:{_BEFORE})\s+([\w,.-]+)|([\w,.-]+)\s+(?:{_AFTER})(?!\w)", re.IGNORECASE)


@memos.memo(4096)
def _incremented(quote: str) -> frozenset[str]:
    """The figures a sentence gives as increments, read once per sentence (a long one holds thousands)."""
    if _INCREMENT_WORDS is not None and quote.isascii():
        low = quote.lower()
        if not any(w in low for w in _INCREMENT_WORDS):
            return frozenset()  # most sentences: the pattern, slow where it starts with a figure, is not run
    return frozenset((m.group(1) or m.group(2)).lower().rstrip(",.") for m in _INCREMENTED.finditer(quote))


def reach(r: ClaimRow) -> tuple[float, float] | None:
    """The least and most a row's figure can mean with its qualifier ("at least 500": 500 to 750)."""
    b = r.bounds
    if b is None:
        return None
    low, high = _REACH.get(r.qualifier or "", (1.0, 1.0))
    return b[0] * low, b[1] * high


def stated(r: ClaimRow) -> str:
    """The first day a row's figure was stated (its reports' stated_on), "" when none is known."""
    return min((c.stated_on or "" for c in r.claims), default="")


def set_statuses(rows: list[ClaimRow], named: set[tuple[str, int | None, int | None]] | None = None) -> None:
    """Contested, corroborated or single for the current rows of one count, with each contested row's spread and
    each row's `why` for readers. `named` holds the (category, figure, upper) a named claimant gives anywhere in
    the event (whatever subgroup it was read with): an unattributed figure among them repeats that claim."""
    named = named if named is not None else named_figures(rows)
    # Echoes of a named claim and increments ("three more bodies") are nobody's rival.
    echoes = {id(r) for r in rows if (r.claimant is None and r.quantity is not None
                                      and (r.category, r.quantity, r.upper) in named) or is_increment(r)}
    rivals: dict[int, list[ClaimRow]] = {id(r): [] for r in rows}
    agreeing: dict[int, list[ClaimRow]] = {id(r): [] for r in rows}
    if len(rows) <= _PAIRWISE_LIMIT:
        known = {id(r): (reach(r), stated(r)) for r in rows}  # read once per row, not once per pair
        for i, r in enumerate(rows):
            for o in rows[i + 1:]:
                verdict = _compare(r, o, echoes, known)
                if verdict == Status.CONTESTED:
                    rivals[id(r)].append(o)
                    rivals[id(o)].append(r)
                elif verdict == Status.CORROBORATED:
                    agreeing[id(r)].append(o)
                    agreeing[id(o)].append(r)
    disputed: set[int] = set()  # rows with a rival, named (rivals) or not (a long table's ranking)
    if len(rows) > _PAIRWISE_LIMIT:  # any other claimant's figure entirely above or below, without every pair
        fast = _Rivals(rows)
        disputed = {id(r) for r in rows if (b := r.bounds) and id(r) not in echoes and fast.disagree(r, b)}
    disputed |= {i for i, found in rivals.items() if found}
    contested = [r for r in rows if id(r) in disputed]
    exact = [x for r in contested if r.quantity is not None for x in (r.quantity, r.upper) if x is not None]
    for r in rows:
        if id(r) in disputed:
            r.status = Status.CONTESTED
            r.spread_range = (min(exact), max(exact)) if len(set(exact)) > 1 else None
            r.spread = f"{min(exact):,}–{max(exact):,}" if r.spread_range else None
            r.why = "disputed by " + _named(rivals[id(r)]) if rivals[id(r)] else "disputed by another claimant's figure"
        elif len(r.article_ids) > 1 or agreeing[id(r)] or id(r) in echoes:
            r.status = Status.CORROBORATED
            r.why = "agrees, within the qualifiers, with " + _named(agreeing[id(r)]) if agreeing[id(r)] else ""
        else:
            r.status = Status.SINGLE
        for c in r.claims:
            c.status = r.status
            c.sources = r.article_ids


def named_figures(rows: list[ClaimRow]) -> set[tuple[str, int | None, int | None]]:
    """The figures named claimants give, by category: an unattributed report of one of them repeats that claim."""
    return {(r.category, r.quantity, r.upper) for r in rows if r.claimant and r.quantity is not None}


Known = dict[int, tuple[tuple[float, float] | None, str]]  # id(row) -> (reach, first day stated)


def _compare(r: ClaimRow, o: ClaimRow, echoes: set[int], known: Known | None = None) -> str | None:
    """CONTESTED when r and o dispute one count, CORROBORATED when different claimants' figures agree (exactly or
    within their qualifiers), None when they say nothing of each other."""
    if id(r) in echoes or id(o) in echoes:
        return None
    if r.claimant is not None and o.claimant is not None and same_claimant(r.claimant, o.claimant):
        return None
    (a, day_r), (b, day_o) = (known[id(x)] if known else (reach(x), stated(x)) for x in (r, o))
    if a is None or b is None:
        return None
    if a[0] <= b[1] and b[0] <= a[1]:
        return Status.CORROBORATED
    if r.category in _RUNNING and day_r and day_o and day_r != day_o:
        (first, first_day), (later, later_day) = sorted(((a, day_r), (b, day_o)), key=lambda x: x[1])
        if later[0] > first[1]:
            return None  # the toll rose from one report to the next
    return Status.CONTESTED


WHY_NAMES = 4  # a why names this many other figures and counts the rest: it stays short on a long table


def _named(rows: list[ClaimRow]) -> str:
    """"Chief Minister Sarfraz Bugti: 145 (2026-02-01); the BLA: 84 (2026-02-01)", and "and 9 more"."""
    shown = "; ".join(_said(o) for o in rows[:WHY_NAMES])
    return shown + (f"; and {len(rows) - WHY_NAMES} more" if len(rows) > WHY_NAMES else "")


def _said(r: ClaimRow) -> str:
    """"Chief Minister Sarfraz Bugti: 145 (1 Feb 2026)", for the why of another row."""
    who = r.claimant or "a report without a source"
    day = stated(r)
    return f"{who}: {figure_label(r)}" + (f" ({day})" if day else "")


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
