"""The TIMEX3 tagger: find the temporal expressions of a text and resolve them against its publication date.

Cheap patterns find and resolve almost everything (patterns.PATTERNS, one resolver each in resolvers.RESOLVERS);
the expressions counted from another date in the text come last (anaphors), and whatever resolves outside the
years MIN_YEAR-MAX_YEAR is kept as an expression with no date (window).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from generator.dates.anaphors import resolve_anaphors
from generator.dates.patterns import CASE_SPECIALS, LOWER_PATTERNS, PATTERNS
from generator.dates.resolvers import KIND_TYPE, RESOLVERS
from generator.dates.timex import Timex
from generator.dates.window import to_window
from generator.vocabulary import Precision, TimexType


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """Find temporal expressions in text and resolve them against the publication date (None: undated)."""
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already tagged
    low = text.lower()
    lowered = len(low) == len(text) and not any(c in text for c in CASE_SPECIALS)
    for kind, pat in PATTERNS:
        source = text
        if lowered and kind in LOWER_PATTERNS:
            pat, source = LOWER_PATTERNS[kind], low  # the same matches (spans, and groups but for their case)
        added = _tag_kind(kind, pat.finditer(source), text, dct, taken)
        found.extend(added)
        if added:
            # A pattern's own matches never overlap (finditer), and each expression lies inside its match, so its
            # spans are checked against the earlier patterns' only and merged in once the pattern is done: one
            # sorted merge per pattern instead of an insertion into the middle of a long list per expression.
            taken = sorted(taken + [(tx.start, tx.end) for tx in added])  # two sorted runs (almost): a linear merge
    found.sort(key=lambda t: (t.start, t.end))
    return [to_window(tx) for tx in resolve_anaphors(found, text)]  # "a week after 31 December 2100"


def _is_free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether the span s-e overlaps none of the sorted, non-overlapping spans taken."""
    i = bisect.bisect_left(taken, (s, s))
    if i < len(taken) and taken[i][0] < e:
        return False
    return not (i > 0 and taken[i - 1][1] > s)


def _tag_kind(kind: str, matches: Iterator[re.Match[str]], text: str, dct: dt.date | None,
              taken: list[tuple[int, int]]) -> list[Timex]:
    """The expressions one pattern's matches resolve to, where the earlier patterns left the text free."""
    added: list[Timex] = []
    for m in matches:
        if not _is_free(taken, *m.span()):
            continue
        tx = _resolve(kind, m, text, dct)
        if tx is None:
            continue
        tx = to_window(tx)  # before the anaphors, so that a date outside the window anchors none of them
        if kind == "yearrange":  # TimeML tags "2009-2010" as two years; the first keeps the range's end
            added.append(Timex(m.start("y2"), m.end("y2"), m.group("y2"), TimexType.DATE, tx.end_value,
                               Precision.YEAR, range_end=True))
            tx = replace(tx, end=m.end("y"), text=m.group("y"))
        added.append(tx)
    return added


def _resolve(kind: str, m: re.Match[str], text: str, dct: dt.date | None) -> Timex | None:
    """The resolver of the kind's answer; an expression whose arithmetic overflows is kept with no date."""
    try:
        return RESOLVERS[kind](m, text, dct)
    except (OverflowError, ValueError):  # "99999999 days ago", a year 0: no calendar date
        return _unreadable(kind, m, text)


def _unreadable(kind: str, m: re.Match[str], text: str) -> Timex:
    """An expression whose arithmetic overflows ("99999999 days ago", a year 0): the extent it would have, no date."""
    try:
        tx = RESOLVERS[kind](m, text, None)  # the same extent, without resolving against the publication date
    except (OverflowError, ValueError):
        tx = None
    if tx is None:
        tx = Timex(m.start(), m.end(), text[m.start(): m.end()], KIND_TYPE.get(kind, TimexType.DATE), None)
    return replace(tx, value=None, precision=None, end_value=None, anchored=None, anchored_precision=None,
                   out_of_window=True)
