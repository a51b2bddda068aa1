"""The years a date in the text may have, and what falls outside them.

A resolved calendar date outside MIN_YEAR-MAX_YEAR (a mention's value or end, an event's start or end, a
claim's day, a counted period) is read as no date, with a warning. Nothing before the year 1000 or after 2100
belongs on a news timeline, and it keeps the date arithmetic within what dt.date can do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from generator.dates.timex import Timex
from generator.vocabulary import Precision, TimexType

MIN_YEAR = 1000
MAX_YEAR = 2100

_YEAR_AT_START = re.compile(r"(-?\d+)(?:-|T|$)")
_SEASON_VALUE = re.compile(r"-?\d+-(?:SP|SU|FA|WI)$")
_DURATION_VALUE = re.compile(r"P(T?)([0-9.eE+]+|inf)([YMWDHS])")
# How many of each TIMEX3 duration unit make a year, to compare a length of time with the window.
_PER_YEAR = {("", "Y"): 1.0, ("", "M"): 12.0, ("", "W"): 365.25 / 7, ("", "D"): 365.25, ("T", "H"): 365.25 * 24,
             ("T", "M"): 365.25 * 24 * 60, ("T", "S"): 365.25 * 24 * 3600}


def in_window(value: str | None, precision: str | None = "day") -> bool:
    """Whether a calendar value (2026-01-31, 2026-W05, 2026-01, 2026, the decade 197, the season 2026-SU) lies in
    the years MIN_YEAR to MAX_YEAR. Other values (durations, PRESENT_REF, centuries) are not calendar dates: True."""
    if not value:
        return True
    if precision == Precision.DECADE:
        try:
            decade = int(value)
        except ValueError:
            return False
        return MIN_YEAR <= decade * 10 and decade * 10 + 9 <= MAX_YEAR
    if precision is None and not _SEASON_VALUE.match(value):
        return True
    m = _YEAR_AT_START.match(value)
    return m is None or MIN_YEAR <= int(m.group(1)) <= MAX_YEAR


def duration_in_window(value: str | None) -> bool:
    """Whether a TIMEX3 duration (P3D, PT5H, P10Y) is no longer than the window: "over the past 99999999 weeks"
    is not a length of time to put on a timeline."""
    m = _DURATION_VALUE.fullmatch(value or "")
    if not m:
        return True  # PX (vague) or not a duration
    try:
        amount = float(m.group(2))
    except ValueError:
        return True
    per_year = _PER_YEAR.get((m.group(1), m.group(3)))
    return per_year is None or amount / per_year <= MAX_YEAR - MIN_YEAR


def to_window(tx: Timex) -> Timex:
    """tx, or a copy read as no date when what it resolves to lies outside the window (out_of_window set)."""
    changes: dict[str, Any] = {}
    if tx.type in (TimexType.DATE, TimexType.TIME) and not (in_window(tx.value, tx.precision)
                                                             and in_window(tx.end_value, tx.precision or "day")):
        changes.update(value=None, precision=None, end_value=None, out_of_window=True)
    if tx.type == TimexType.DURATION and not duration_in_window(tx.value):
        changes.update(value=None, out_of_window=True)
    if tx.anchored and not in_window(tx.anchored, tx.anchored_precision):
        changes.update(anchored=None, anchored_precision=None, out_of_window=True)
    return replace(tx, **changes) if changes else tx
