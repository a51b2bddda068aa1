"""Dates as the pages print them: '31 Jan 2026', 'March 2024', '2 Mar 2024 to 4 Mar 2024'."""

from __future__ import annotations

import datetime as dt


def human_date(value: str | None, precision: str = "day", weekday: bool = False) -> str:
    """'2026-01-31' -> '31 Jan 2026' (or 'Saturday 31 January 2026'); coarser precisions as such."""
    if not value:
        return "undated"
    if precision == "decade":
        return f"{value[:3]}0s"
    if precision == "year" or len(value) == 4:
        return value[:4]
    if precision == "month" or len(value) == 7:
        try:
            return dt.date(int(value[:4]), int(value[5:7]), 1).strftime("%B %Y")
        except ValueError:
            return value
    if precision == "week":
        return "week of " + human_date(value[:10])
    try:
        d = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    if weekday:
        return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"
    return f"{d.day} {d.strftime('%b %Y')}"


def day_span(start: str | None, end: str | None) -> str:
    """'2 Mar 2024' or '2 Mar 2024 to 4 Mar 2024': the first and last day of an incident."""
    if end and end != start:
        return f"{human_date(start)} to {human_date(end)}"
    return human_date(start)
