"""The timeline page and, for a long chronology, one page per month: no page lists thousands of events.

Up to PAGINATE_AT dated events, timeline.md lists every day as before. Beyond that it keeps the picture
(generator/site/lanes.py) and a list of months, and each month gets a page timeline/<YYYY-MM>.md with that
month's days and events. Month pages are never in the nav (mkdocs.yml lists the nav by hand).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, Template

from generator.models import Event, Incident, Timeline
from generator.site.lanes import event_day, timeline_svg
from generator.site.packed import Text
from generator.site.rendermemo import PageMemo

PAGINATE_AT = 300  # dated events on one timeline page at most (about 500 bytes of HTML each)
INCIDENT_LIST_AT = 150  # an incident page lists this many dated events by day; more: by month, when months have pages

DayGroup = tuple[str, str, list[Event]]  # (year, label, events) as render._by_day makes them


def month_key(day: str) -> str:
    """'2026-01-31' -> '2026-01': the month page a day's events are listed on."""
    return day[:7]


def month_label(key: str) -> str:
    """'2026-01' -> 'January 2026'."""
    return f"{dt.date(2000, int(key[5:7]), 1).strftime('%B')} {int(key[:4])}"


def day_anchor(day: dt.date | str) -> str:
    """The id of a day's heading in the lists: 'day-2026-01-31' (set in the template, stable across builds)."""
    return f"day-{day.isoformat() if isinstance(day, dt.date) else day}"


def listing(paginated: bool) -> Callable[[dt.date], str]:
    """Where a day's events are listed: its heading on timeline.md, or on its month's page."""
    if paginated:
        return lambda day: f"timeline/{day.isoformat()[:7]}.md#{day_anchor(day)}"
    return lambda day: f"timeline.md#{day_anchor(day)}"


def by_month(days: list[DayGroup]) -> list[tuple[str, list[DayGroup]]]:
    """The day groups split by month, in order: [('2026-01', [...]), ...]. A week's group goes with the month of
    its Monday, as its heading does."""
    out: dict[str, list[DayGroup]] = {}
    for group in days:
        day = event_day(group[2][0])
        out.setdefault((day or dt.date.min).isoformat()[:7], []).append(group)
    return list(out.items())


def incident_months(events: list[Event], paginated: bool) -> list[tuple[str, str, int]]:
    """An incident page's dated events counted per month, [('2024-01', 'January 2024', 64), ...], when they are too
    many to list by day and the months have pages to list them; else [] (the page lists them by day)."""
    days = [d for e in events if not e.background and (d := event_day(e)) is not None]
    if not paginated or len(days) <= INCIDENT_LIST_AT:
        return []
    counts: dict[str, int] = {}
    for d in sorted(days):
        counts[d.isoformat()[:7]] = counts.get(d.isoformat()[:7], 0) + 1
    return [(key, month_label(key), n) for key, n in counts.items()]


def render_timeline(env: Environment, ctx: dict[str, Any], t: Timeline, incident_of: dict[str, Incident],
                    days: list[DayGroup], background: list[Event], undated: list[Event],
                    memo: PageMemo | None = None) -> dict[str, Text]:
    """timeline.md, and the month pages when the chronology has more than PAGINATE_AT events. With a memo, a month
    page whose events and neighbours are the same is the last build's (an edit reaches a month or two)."""
    count = sum(len(evs) for _, _, evs in days)
    paginated = count > PAGINATE_AT  # render.render_pages decides the same for the incident pages
    months = by_month(days) if paginated else []
    svg = timeline_svg(t, incident_of, listing(paginated))
    pages: dict[str, Text] = {"timeline.md": env.get_template("timeline.md.j2").render(
        **ctx, anchor=_anchor, days=days, background=background, undated_events=undated, lanes=svg, count=count,
        months=[(key, month_label(key), sum(len(evs) for _, _, evs in groups)) for key, groups in months])}
    month_tpl = env.get_template("timeline-month.md.j2")
    for i, (key, groups) in enumerate(months):
        before = months[i - 1][0] if i > 0 else None
        after = months[i + 1][0] if i + 1 < len(months) else None
        here = f"timeline/{key}.md"
        draw = functools.partial(_draw_month, month_tpl, key, groups, before, after)
        if memo is None:
            pages[here] = draw(ctx)
        else:  # its inputs: the days' headings and their events (the events by digest), and the neighbours
            pages[here] = memo.render(here, draw, before, after, tuple((y, label) for y, label, _ in groups),
                                      each=[e for _, _, evs in groups for e in evs])
    return pages


def _anchor(e: Event) -> str:
    return day_anchor(event_day(e) or str(e.start))


def _draw_month(tpl: Template, key: str, groups: list[DayGroup], before: str | None, after: str | None,
                ctx: dict[str, Any]) -> str:
    return tpl.render(**ctx, anchor=_anchor, days=groups, key=key, label=month_label(key), before=before,
                      after=after, month_label=month_label)
