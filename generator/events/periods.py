"""Periods: the days a count over a long period covers ("700 killed in the past year"), and the span of an event."""

from __future__ import annotations

import datetime as dt
import re

from generator import rules
from generator.dates import in_window
from generator.vocabulary import Precision

_UNIT_DAYS: dict[str, int] = rules.rule("events", "period_units").table  # week: 7, month: 30, ...
_NUMBER_WORDS: dict[str, int] = rules.rule("numbers", "units").table  # one: 1 ... nineteen: 19
_MONTHS = {name.lower(): n for name, n in rules.rule("calendar", "months").table.items()}  # january: 1, ...
_PAST = re.compile(r"\b(?:past|last|previous)\s+(?:(?:roughly|about|nearly|some|around)\s+)?(\d+|[a-z]+)?\s*"
                   r"(" + "|".join(_UNIT_DAYS) + r")s?\b")
_SINCE = re.compile(r"\bsince\s+(?:(" + "|".join(_MONTHS) + r")\s*,?\s*)?(\d{4})?")
_LONG_PERIOD = rules.rule("events", "long_period").regex()


def counted_period(scope: str | None, stated: str | None) -> tuple[str, str] | None:
    """The days a count over a long period covers: 'in the past year' said on 2026-02-01 -> 2025-02-01..2026-02-01.

    None when the scope names no period, or one that reaches outside the years MIN_YEAR-MAX_YEAR ("in the past
    3000 years", "since 0000", "over the past 99999999 weeks").
    """
    return period_in_window(scope, stated)[0]


def period_in_window(scope: str | None, stated: str | None) -> tuple[tuple[str, str] | None, bool]:
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
    m = _PAST.search(text)
    if m:
        return _past(said, m.group(1), m.group(2))
    m = _SINCE.search(text)
    if m and (m.group(1) or m.group(2)):
        return _since(said, m.group(1), m.group(2))
    if "so far this year" in text:
        return f"{said.year}-01-01", said.isoformat()
    if "so far this month" in text:
        return said.replace(day=1).isoformat(), said.isoformat()
    return None


def _past(said: dt.date, count: str | None, unit: str) -> tuple[str, str] | None:
    """'the past two years' said on `said`: from that day two years back, to it."""
    # "the past year", "a month", "an hour": one; "the past few weeks" names no number and so no period.
    if count is None or count in ("a", "an"):
        n: int | None = 1
    else:
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
    if not n:
        return None
    if unit in ("year", "decade"):
        years = n * (10 if unit == "decade" else 1)
        start = said.replace(year=said.year - years) if not (said.month == 2 and said.day == 29) \
            else said.replace(year=said.year - years, day=28)
    else:
        start = said - dt.timedelta(days=n * _UNIT_DAYS[unit])
    return start.isoformat(), said.isoformat()


def _since(said: dt.date, month_name: str | None, year_text: str | None) -> tuple[str, str] | None:
    """'since March 2019', 'since 2019', 'since March': from the first of that month (or year) to `said`."""
    year = int(year_text) if year_text else said.year
    month = _MONTHS[month_name] if month_name else 1
    if month_name and not year_text and month > said.month:
        year -= 1  # "since March" said in January: last March
    start = dt.date(year, month, 1)
    return (start.isoformat(), said.isoformat()) if start < said else None


def long_period(scope: str | None) -> bool:
    """'in the past year', 'since 2019': a count over a longer period, not a rival of the day's figures."""
    return bool(scope) and bool(_LONG_PERIOD.search(str(scope)))


def span(value: str | None, precision: str, end: str | None) -> tuple[str | None, str | None]:
    """The first and last day of an event from its date value: a week's Monday to Sunday, a decade's years."""
    if value is None:
        return None, None
    if precision == Precision.WEEK and "-W" in value:
        y, w = int(value[:4]), int(value[6:8])
        monday = dt.date.fromisocalendar(y, w, 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if precision == Precision.DECADE:
        return f"{value}0", f"{value}9"
    v = value[:10]
    return v, (end[:10] if end else v)
