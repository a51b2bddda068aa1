"""Expressions counted from another date in the text: "the next day", "a day before the raid", "two weeks later".

Their resolvers leave them a mod such as +1day or -2week; here each is pointed at a nearby resolved day, never at
the publication date: the day named right after it ("a day before the Saturday raids"), else the last day named
before it (or, for "a day before the governor's remarks", the last day that dated a statement).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.dates.context import after_speech_noun
from generator.dates.timex import Timex, with_offset
from generator.vocabulary import Precision, TimexType

_OFFSET = re.compile(r"([+-])(\d+)(\w+)")  # "+1day", "-2week"


def _is_day(tx: Timex) -> bool:
    return tx.precision == Precision.DAY and bool(tx.value) and len(tx.value or "") >= 10


def _following_day(found: list[Timex], i: int, text: str) -> Timex | None:
    """The day named right after found[i], with at most one word between ("a day before the Saturday raids")."""
    tx = found[i]
    for t in found[i + 1:]:
        if t.start - tx.end > 25:
            return None  # sorted by start: none further on is near enough
        if t.precision == Precision.DAY and t.value:
            return t if re.match(r"\s*(?:the\s+)?\S*\s*$", text[tx.end:t.start]) else None
    return None


def _anchor(found: list[Timex], i: int, text: str, last_day: Timex | None, last_stated: Timex | None) -> Timex | None:
    """The day found[i] is counted from: the day right after it, else the last day named before it (the last
    stated one after "a day before the governor's remarks"), if no more than 1500 characters back."""
    tx = found[i]
    following = _following_day(found, i, text)
    if following is not None:
        return following
    prior = last_day
    if after_speech_noun(text[tx.end: tx.end + 60]) and last_stated is not None:
        prior = last_stated
    if prior is not None and tx.start - prior.end < 1500:
        return prior
    return None


def _counted(tx: Timex, anchor: Timex | None, step: re.Match[str]) -> Timex:
    """tx with its mod spent: pointed at the anchor's day shifted by the step, or left without a day."""
    tx = replace(tx, mod=None)
    if anchor is None or anchor.value is None:
        return tx
    sign, n, unit = (1 if step[1] == "+" else -1), int(step[2]), step[3]
    try:
        return with_offset(tx, dt.date.fromisoformat(anchor.value[:10]), sign * n, unit)
    except (OverflowError, ValueError):  # "a week after 31 December 9999"
        if tx.type == TimexType.DURATION:
            return replace(tx, out_of_window=True)
        return replace(tx, out_of_window=True, value=None, precision=None)


def resolve_anaphors(found: list[Timex], text: str) -> list[Timex]:
    """The expressions of `found` (sorted by start), those counted from another date pointed at it."""
    # The last day named before each expression (and the last one that dates a statement) are carried along, not
    # looked up again in the whole list. The expressions before it are taken as resolved here (a resolved "the
    # next day" anchors "the day after" that follows it), those after it as they were tagged.
    out: list[Timex] = []
    last_day: Timex | None = None
    last_stated: Timex | None = None
    for i, tx in enumerate(found):
        if i and _is_day(out[i - 1]):
            last_day = out[i - 1]
            if last_day.stated:
                last_stated = last_day
        step = _OFFSET.match(tx.mod) if tx.mod and tx.mod[0] in "+-" else None
        if step is None or (tx.value is not None and tx.type != TimexType.DURATION):
            out.append(tx)
            continue
        out.append(_counted(tx, _anchor(found, i, text, last_day, last_stated), step))
    return out
