"""The visual timeline as inline SVG, drawn at build time: incidents are lanes, events are marks on one date axis.

Every mark is a link (`<a>`) to its event page, with a `<title>` that is both its tooltip and its accessible
name; an event with contested figures is a diamond instead of a circle (and coloured: shape first, colour
second), and the legend says so. Where a lane holds more marks than its width can show, its events are grouped
per day, week, month or year, one mark with the count per group, linking to where those events are listed:
so a page stays small with thousands of events. Background history (dated years earlier) and undated events
are left off the axis: they would squash it into a dot; the page lists them apart.

Raw HTML links are not rewritten by MkDocs (only Markdown links are), so every href is the final relative URL
from the page the SVG sits on (`page_url`). Text from the content is XML-escaped. Colours are `currentColor`
and CSS classes (templates/assets/timeline.css), so the picture follows the light and dark schemes. Each
positioned element carries its x in `transform="translate(x y)"`, which templates/assets/timeline.js rescales
to zoom the time axis without stretching the text.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from generator.escape import xml
from generator.events.pages import event_page
from generator.models import Event, Incident, Timeline
from generator.site.charts import CHAR_WIDTH, num
from generator.text import shorten

WIDTH = 680  # the SVG's own width; narrower screens scroll it sideways in its container
LABEL_WIDTH = 168  # the lane labels' column
X0, RIGHT, INSET = LABEL_WIDTH + 12, 14, 10  # the plot starts at X0; marks are kept INSET off its ends
BARE_X0 = 12  # where the plot starts in a picture of one unlabelled lane (an incident page's own)
AXIS, LANE, LEGEND = 34, 30, 40  # heights: the axis labels on top, each lane, the legend below
MAX_LANES = 24  # incidents with a lane of their own; the rest share one lane
TOTAL_MARKS = 480  # marks on one SVG at most (about 200 bytes each) ...
LANE_MIN_MARKS = 16  # ... but every lane may show this many
MIN_SPACING = 4.0  # px per mark on average: denser lanes are grouped
GROUP_SPACE = 24  # px per mark on average in a lane with groups: their boxes are about 20 px wide
MAX_TICKS = 80  # ticks on the axis at most, those shown only when zoomed in included
LEVELS = ("day", "week", "month", "quarter", "year")  # the groupings tried, finest first
OTHER_EVENTS, OTHER_INCIDENTS = "Other events", "Other incidents"
CIRCLE, DIAMOND = '<circle r="5"/>', '<path d="M0 -7L7 0L0 7L-7 0Z"/>'


@dataclass(frozen=True)
class Lane:
    """One row of the picture: its label, where the label links (None: no link) and its events in date order.
    `listing` is the page (and fragment) listing the lane's events, where a mark of several events links."""

    title: str
    href: str | None
    events: list[Event]
    listing: Callable[[dt.date], str]


@dataclass(frozen=True)
class Bucket:
    """Events of one lane shown as one mark: one event, or several grouped by day, week, month or year."""

    first: dt.date
    last: dt.date
    events: list[Event]


def page_url(target: str, here: str, directory_urls: bool = True) -> str:
    """The relative URL, as the built site has it, of the page made from `target` ('events/x.md#frag'), seen
    from the page made from `here` ('timeline.md'): '../events/x/#frag' with directory URLs."""
    path, _, frag = target.partition("#")

    def url(md: str) -> str:
        stem = md.removesuffix(".md")
        if not directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[:-len("index")]
        return stem + "/"

    to, at = url(path), url(here)
    base = at.rstrip("/") if at.endswith("/") else posixpath.dirname(at)
    rel = _relative(to.rstrip("/"), base)
    if to.endswith("/") or not to:
        rel = "./" if rel == "." else rel + "/"
    if to == at and frag:
        return "#" + frag
    return rel + ("#" + frag if frag else "")


def _relative(to: str, base: str) -> str:
    """posixpath.relpath for the site's own clean relative paths ('a/b', '' for the root), without its
    os.getcwd() and normalisation: the pages ask for some 75,000 links per 1,000 articles."""
    to_parts = to.split("/") if to else []
    base_parts = base.split("/") if base else []
    common = 0
    for a, b in zip(to_parts, base_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def event_day(e: Event) -> dt.date | None:
    """The day an event is drawn on: its start (a month or a year at its first day); None when undated."""
    s = e.start or ""
    try:
        if len(s) >= 10:
            return dt.date.fromisoformat(s[:10])
        if len(s) == 7:
            return dt.date(int(s[:4]), int(s[5:7]), 1)
        if len(s) == 4:
            return dt.date(int(s), 1, 1)
    except ValueError:
        return None
    return None


def charted(events: list[Event]) -> list[Event]:
    """The events on the axis, in date order: dated and not background history."""
    dated = [e for e in events if not e.background and event_day(e) is not None]
    return sorted(dated, key=lambda e: (event_day(e) or dt.date.min, e.id))


def group_start(day: dt.date, level: str) -> dt.date:
    """The first day of the group `day` falls in: itself, its week's Monday, its month's, quarter's or year's first
    day."""
    if level == "week":
        return day - dt.timedelta(days=day.weekday())
    if level == "month":
        return day.replace(day=1)
    if level == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if level == "year":
        return day.replace(month=1, day=1)
    return day


def buckets_of(events: list[Event], limit: int, room: int) -> tuple[list[Bucket], str]:
    """The lane's marks: the finest grouping (per day, else week, month, quarter, year) with at most `limit` marks,
    and at most `room` when some mark is a group (its box with the count is wider than a dot)."""
    for level in LEVELS:
        groups: dict[dt.date, list[Event]] = {}
        for e in events:
            groups.setdefault(group_start(event_day(e) or dt.date.min, level), []).append(e)
        fits = len(groups) <= (limit if len(groups) == len(events) else min(limit, room))
        if fits or level == LEVELS[-1]:
            out = [Bucket(event_day(evs[0]) or k, event_day(evs[-1]) or k, evs) for k, evs in groups.items()]
            return out, level
    raise AssertionError("unreachable: the last level always returns")


def lane_limits(needs: list[int], plot: float) -> list[int]:
    """How many marks each lane may show: the SVG's budget shared out, lanes that need fewer marks (one per day)
    leaving the rest to the busier ones; never fewer than LANE_MIN_MARKS, nor more than the width holds."""
    cap = int(plot / MIN_SPACING)
    limits = [0] * len(needs)
    budget = TOTAL_MARKS
    order = sorted(range(len(needs)), key=lambda i: (needs[i], i))
    for done, i in enumerate(order):
        share = max(LANE_MIN_MARKS, budget // (len(needs) - done))
        limits[i] = min(cap, share)
        budget -= min(needs[i], limits[i])
    return limits


def day_count(events: list[Event]) -> int:
    return len({event_day(e) for e in events})


def short_date(day: dt.date, year: bool = True) -> str:
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if year else "")


def ticks(first: dt.date, last: dt.date, x_of: Callable[[dt.date], float],
          plot: float) -> tuple[list[tuple[float, str, bool]], int]:
    """Axis ticks (x, label, shown at first): days, Mondays, months or years by the span; one in `step` is shown
    at first (64 px apart or more), the others when the script zooms in (up to MAX_TICKS in all); and the step."""
    span = (last - first).days
    unit = "day" if span <= 20 else "week" if span <= 120 else "month" if span <= 1100 else "year"
    cands, day = [], group_start(first, unit)
    while day <= last:
        if day >= first:
            cands.append(day)
        day = _next(day, unit)
    cands = cands or [first]
    step = math.ceil(len(cands) / max(2, int(plot // 64)))
    out: list[tuple[float, str, bool]] = []
    year, shown_year = 0, 0
    for i, d in enumerate(cands):
        major = i % step == 0
        if not major and len(cands) > MAX_TICKS:
            continue
        with_year = d.year != (shown_year if major else year)  # the year where it changes, in either view
        if unit == "year":
            label = str(d.year)
        elif unit == "month":
            label = d.strftime("%b") + (f" {d.year}" if with_year else "")
        else:
            label = short_date(d, with_year)
        year, shown_year = d.year, d.year if major else shown_year
        out.append((x_of(d), label, major))
    return out, step


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=1)
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day.replace(year=day.year + 1)


def x_scale(events: list[Event], x0: float) -> Callable[[dt.date], float]:
    """Day -> x on the plot, by calendar distance between the first and last event (one day: the middle)."""
    days = [d for e in events if (d := event_day(e)) is not None]
    first, last = min(days).toordinal(), max(days).toordinal()
    plot = WIDTH - RIGHT - x0
    span = plot - 2 * INSET
    if first == last:
        return lambda day: x0 + plot / 2
    return lambda day: x0 + INSET + (day.toordinal() - first) * span / (last - first)


def claims_label(events: list[Event]) -> str:
    n = sum(len(e.rows) for e in events)
    return f"{n} claim{'s' if n != 1 else ''}"


def is_contested(e: Event) -> bool:
    return any(r.status == "contested" for r in e.rows)


def date_range(first: dt.date, last: dt.date) -> str:
    """'3 Feb 2024', '1–28 Jan 2024', '28 Jan – 3 Feb 2024' or '30 Dec 2023 – 2 Jan 2024'."""
    if first == last:
        return short_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{short_date(last)}"
    return f"{short_date(first, first.year != last.year)} – {short_date(last)}"


def mark(b: Bucket, href: str, x: float) -> str:
    """One mark: an event (circle; diamond when contested) or a group (a box with the count)."""
    contested = sum(1 for e in b.events if is_contested(e))
    cls = "tl-mark tl-contested" if contested else "tl-mark"
    if len(b.events) == 1:
        e = b.events[0]
        tip = f"{shorten(e.title, 80)}, {short_date(b.first)}, {claims_label([e])}"
        tip += ", contested figures" if contested else ""
        shape = DIAMOND if contested else CIRCLE
    else:
        tip = (f"{len(b.events)} events, {date_range(b.first, b.last)}, {claims_label(b.events)}"
               + (f", {contested} contested" if contested else ""))
        count = len(b.events)
        shape = box(count)
        if contested:  # not by colour alone: a diamond on the box's corner
            shape += f'<path d="M{num(4 + len(str(count)) * 3.25)} -9l4 -4l4 4l-4 4Z"/>'
        cls += " tl-group"
    return (f'<a class="{cls}" href="{xml(href)}" transform="translate({num(x)} 0)">'
            f'<title>{xml(tip)}</title>{shape}</a>')


def box(count: int) -> str:
    """The box of a group mark, wide enough for its count, and the count."""
    w = 8 + len(str(count)) * 6.5
    return f'<rect x="{num(-w / 2)}" y="-8" width="{num(w)}" height="16" rx="3"/><text y="4">{count}</text>'


def lane_svg(lane: Lane, index: int, limit: int, here: str, x_of: Callable[[dt.date], float],
             x0: int) -> tuple[str, set[str]]:
    """One lane as a <g>: its rule, its label (a link when it has one; none when the plot starts at the left)
    and its marks; and the groupings used."""
    name = shorten(lane.title, int((LABEL_WIDTH - 8) / CHAR_WIDTH))
    label = f'<text x="0" y="4">{xml(name)}</text>'
    if name != lane.title:
        label = f"<title>{xml(lane.title)}</title>{label}"
    if lane.href is not None:
        label = f'<a class="tl-lane-label" href="{xml(lane.href)}">{label}</a>'
    out = [f'<g class="tl-lane" transform="translate(0 {AXIS + index * LANE + LANE // 2})">',
           f'<path class="tl-rule" d="M{x0} 0H{WIDTH - RIGHT}"/>', *([label] if x0 == X0 else [])]
    buckets, level = buckets_of(lane.events, limit, int((WIDTH - RIGHT - x0) // GROUP_SPACE))
    for b in buckets:
        single = len(b.events) == 1
        target = event_page(b.events[0]) if single else lane.listing(b.first)
        out.append(mark(b, page_url(target, here), x_of(b.first + (b.last - b.first) / 2)))
    out.append("</g>")
    return "\n".join(out), {level} if any(len(b.events) > 1 for b in buckets) else set()


def legend(y: int, grouped: set[str]) -> str:
    """What the marks mean, below the lanes: circle, diamond, and the count box when some lane is grouped."""
    items = [f'<g class="tl-key" transform="translate(8 0)">{CIRCLE}</g><text x="20" y="4">one event</text>',
             f'<g class="tl-key tl-contested" transform="translate(112 0)">{DIAMOND}</g>'
             '<text x="124" y="4">contested figures (diamond)</text>']
    if grouped:
        used = [level for level in LEVELS if level in grouped]
        by = ", ".join(used[:-1]) + " or " + used[-1] if len(used) > 1 else used[0]
        items.append(f'<g class="tl-key tl-group" transform="translate(330 0)">{box(12)}</g>'
                     f'<text x="346" y="4">events grouped by {by}</text>')
    return f'<g class="tl-legend" transform="translate(0 {y})">{"".join(items)}</g>'


def lanes_svg(lanes: list[Lane], here: str, key: str, caption: str, x0: int = X0) -> str:
    """The picture: a <figure> with the SVG in a keyboard-scrollable box, and a caption; "" with nothing to draw.
    One line per element and no blank line, so Python-Markdown passes the block through untouched."""
    events = [e for lane in lanes for e in lane.events]
    if not events:
        return ""
    plot = WIDTH - RIGHT - x0
    x_of, limits = x_scale(events, x0), lane_limits([day_count(lane.events) for lane in lanes], plot)
    days = [d for e in events if (d := event_day(e)) is not None]
    height = AXIS + len(lanes) * LANE + LEGEND
    bottom = AXIS + len(lanes) * LANE
    title = (f"Timeline of {len(events)} event{'s' if len(events) != 1 else ''} from {short_date(min(days))} "
             f"to {short_date(max(days))}" + (f", in {len(lanes)} lanes" if len(lanes) > 1 else ""))
    axis, step = ticks(min(days), max(days), x_of, plot)
    out = [f'<figure class="tl-lanes" id="tl-lanes-{key}">',
           # out of the search index: its labels repeat the event titles the page lists below it
           f'<div class="tl-lanes-scroll" role="region" tabindex="0" aria-label="{xml(title)}" data-search-exclude="">',
           f'<svg xmlns="http://www.w3.org/2000/svg" class="tl-lanes-svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="group" aria-labelledby="tl-lanes-{key}-title" '
           f'data-x0="{x0}" data-plot="{plot}" data-right="{RIGHT}" data-axis="{AXIS}" data-lane="{LANE}" '
           f'data-step="{step}" font-size="12" fill="currentColor">',
           f'<title id="tl-lanes-{key}-title">{xml(title)}</title>',
           '<g class="tl-axis">']
    for x, label, major in axis:
        half = len(label) * CHAR_WIDTH / 2  # a label near either end starts or ends at its tick, in the picture
        anchor = "end" if x + half > WIDTH else "start" if x - half < 0 else "middle"
        out.append(f'<g class="tl-tick{"" if major else " tl-minor"}" transform="translate({num(x)} 0)">'
                   f'<text y="14" text-anchor="{anchor}">{xml(label)}</text><line y1="20" y2="{bottom}"/></g>')
    out.append("</g>")
    grouped: set[str] = set()
    for i, lane in enumerate(lanes):
        svg, levels = lane_svg(lane, i, limits[i], here, x_of, x0)
        out.append(svg)
        grouped |= levels
    out += [legend(bottom + LEGEND // 2, grouped), "</svg>", "</div>",
            f"<figcaption>{xml(caption)}</figcaption>", "</figure>"]
    return "\n".join(out)


def incident_listing(inc_id: str) -> Callable[[dt.date], str]:
    """Where an incident's grouped marks link: the day-by-day list of its page."""
    return lambda _day: f"incidents/{inc_id}.md#day-by-day"


def incident_lanes(t: Timeline, incident_of: dict[str, Incident], here: str,
                   listing: Callable[[dt.date], str]) -> tuple[list[Lane], int]:
    """The timeline page's lanes: the MAX_LANES incidents with most events on the axis (in date order), the
    rest in "Other incidents", events of no incident in "Other events"; and how many incidents share a lane."""
    events = charted(t.events)
    mine: dict[str, list[Event]] = {}
    loose: list[Event] = []
    for e in events:
        inc = incident_of.get(e.id)
        if inc is None:
            loose.append(e)
        else:
            mine.setdefault(inc.id, []).append(e)
    ranked = sorted((inc for inc in t.incidents if inc.id in mine), key=lambda inc: (-len(mine[inc.id]), inc.id))
    kept = {inc.id for inc in ranked[:MAX_LANES]}
    lanes = [Lane(inc.title, page_url(f"incidents/{inc.id}.md", here), mine[inc.id],
                  incident_listing(inc.id))
             for inc in t.incidents if inc.id in kept]
    rest = [inc for inc in ranked if inc.id not in kept]
    if rest:
        lanes.append(Lane(OTHER_INCIDENTS, None, charted([e for inc in rest for e in mine[inc.id]]), listing))
    if loose:
        lanes.append(Lane(OTHER_EVENTS, None, loose, listing))
    return lanes, len(rest)


def timeline_svg(t: Timeline, incident_of: dict[str, Incident], listing: Callable[[dt.date], str],
                 here: str = "timeline.md") -> str:
    """The timeline page's picture: one lane per incident. `listing(day)` is the page and fragment that lists
    a day's events ('timeline.md#day-2026-01-31'), where the marks of grouped events link."""
    lanes, shared = incident_lanes(t, incident_of, here, listing)
    caption = ("Each line is an incident, each mark an event; a mark links to its event page, a label to its "
               "incident. Background history and undated reports are listed below, not drawn.")
    if shared:
        caption += (f" The {MAX_LANES} incidents with the most events have a line of their own; the other "
                    f"{shared} share the line “{OTHER_INCIDENTS}”.")
    return lanes_svg(lanes, here, "all", caption)


def incident_svg(inc: Incident, events: list[Event], here: str) -> str:
    """An incident page's picture: its events on one lane, with the incident's own date axis."""
    lane = Lane(inc.title, None, charted(events), incident_listing(inc.id))
    caption = ("Each mark is an event of this incident and links to its page. Background history is listed "
               "below, not drawn.")
    return lanes_svg([lane], here, "incident", caption, BARE_X0) if lane.events else ""
