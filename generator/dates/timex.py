"""The Timex record (a temporal expression found in a text) and the TIMEX3 values the resolvers write.

TIMEX3 is the TimeML annotation the TempEval corpus uses: a DATE is 2026-01-31, 2026-W05, 2026-01, 2026,
the decade 197 or the season 2026-SU; a DURATION is P3D or PT5H; a SET is P1W ("every Monday").
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace

from generator.dates.patterns import UNIT_CODES
from generator.vocabulary import Precision, TimexType


@dataclass
class Timex:
    """A temporal expression found in a text: offsets, TIMEX3 type and value, calendar precision."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None = None
    mod: str | None = None
    stated: bool = False  # "said on Sunday": the day something was said, not the day it happened
    end_value: str | None = None
    # "a month earlier" is a DURATION in TimeML (value P1M), but the timeline needs the day it points at:
    anchored: str | None = None
    anchored_precision: str | None = None
    range_end: bool = False  # the "2010" of "2009-2010": TimeML tags it apart, the timeline keeps one range
    out_of_window: bool = False  # it would resolve outside MIN_YEAR-MAX_YEAR (or overflow): read as no date


def week_value(d: dt.date) -> str:
    """The ISO week of a day: 2026-02-01 -> "2026-W05" (the year padded: 0999-W01)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def shift_month(d: dt.date, months: int) -> tuple[int, int]:
    """(year, month) of the month `months` after d's: (2026-01-15, -2) -> (2025, 11)."""
    idx = d.year * 12 + d.month - 1 + months
    return idx // 12, idx % 12 + 1


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The day, or None when there is no such day (31 April, a year 0)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _unit_stems(codes: dict[str, str]) -> dict[str, str]:
    """The stem the written forms of each unit share, with the unit's code: "century", "centuries" -> "centur"."""
    forms: dict[tuple[str, str], list[str]] = {}
    for form, code in codes.items():
        forms.setdefault((code, form[:2]), []).append(form)  # "minute" and "month" are both M
    return {os.path.commonprefix(group): code for (code, _), group in forms.items()}


# A unit is known by its stem, so that a form duration_units does not spell keeps its unit's code: "weekend" is a
# week, "centurieſ" (which a pattern that ignores case reads as "centuries") a century.
_UNIT_STEMS = _unit_stems(UNIT_CODES)


def unit_code(unit: str) -> str:
    """The TIMEX3 code of a unit as written: "days" -> "D", "Minutes" -> "M", "weekend" -> "W"; otherwise "D"."""
    u = unit.lower()
    for stem, code in _UNIT_STEMS.items():
        if u.startswith(stem):
            return code
    return "D"


def duration_value(n: float, unit: str) -> str:
    """TIMEX3 duration: P3D, PT5H, P10Y for a decade (as the TempEval annotators write it)."""
    code = unit_code(unit)
    amount = int(n) if float(n).is_integer() else n
    if code == "DE":
        return f"P{int(n * 10) if float(n * 10).is_integer() else n * 10}Y"
    if code == "CE":
        return f"P{int(n * 100)}Y"
    if code in ("H", "S") or (code == "M" and unit.lower().startswith("minute")):
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


def offset_value(base: dt.date, n: int, unit: str) -> tuple[str | None, str | None]:
    """(value, precision) of base shifted by n units: (2026-02-01, -1, "week") -> ("2026-W04", "week").

    Units other than days (and parts of a day), weeks, months and years give (None, None).
    """
    if unit.startswith("day") or unit in ("morning", "evening", "night"):
        return (base + dt.timedelta(days=n)).isoformat(), Precision.DAY
    if unit.startswith("week"):
        return week_value(base + dt.timedelta(weeks=n)), Precision.WEEK
    if unit.startswith("month"):
        y, mo = shift_month(base, n)
        return f"{y:04d}-{mo:02d}", Precision.MONTH
    if unit.startswith("year"):
        return f"{base.year + n:04d}", Precision.YEAR
    return None, None


def with_offset(tx: Timex, base: dt.date, n: int, unit: str) -> Timex:
    """tx pointed at base shifted by n units: a duration keeps its length and is `anchored` there
    ("a day before 3 March" stays P1D, anchored 2026-03-02); any other expression takes the day as its value."""
    value, precision = offset_value(base, n, unit)
    if tx.type == TimexType.DURATION:
        return replace(tx, anchored=value, anchored_precision=precision)
    if value is not None:
        return replace(tx, value=value, precision=precision)
    return tx
