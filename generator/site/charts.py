"""Figures over time as inline SVG, drawn at build time: no script, no random ids, the same bytes every build.

One chart per count of an incident (a CategorySummary with MIN_POINTS dated figures or more): the day each
figure was stated on the horizontal axis, the figure on the vertical one, one mark per figure. Claimants
are told apart by the shape of their marks and a legend, never by colour alone; everything is drawn in
`currentColor`, so the chart follows the theme's light or dark text colour.

The SVG sits in a `<figure>`, a block Python-Markdown passes through untouched as long as it holds no blank
line; text from the content (claimants, categories) is XML-escaped and never put in an attribute.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from generator.escape import xml
from generator.models import FigurePoint
from generator.text import shorten

MIN_POINTS = 3  # fewer dated figures make no trend: the summary lines say it all
WIDTH, HEIGHT = 640, 280  # plot area and axes; the legend adds rows below
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 44
LEGEND_ROW = 20
INSET = 16
CHAR_WIDTH = 6.6  # average width of a character at font-size 12, for laying out the legend
# Marks per claimant, in order of first appearance: ten told apart by shape and fill; more repeat them (the
# legend, the tooltips and the table below still name every claimant).
MARKS = (("circle", True), ("square", True), ("triangle", True), ("diamond", True), ("cross", False),
         ("circle", False), ("square", False), ("triangle", False), ("diamond", False), ("plus", False))
UNSOURCED = "reported without a source"


def num(x: float) -> str:
    """A coordinate with fixed formatting (one decimal, no '-0.0'), so the bytes never vary."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def nice_step(value: int, ticks: int = 4) -> int:
    """The step between the figure ticks: 1, 2, 2.5 or 5 times a power of ten (whole numbers only), so that
    `ticks` steps reach value."""
    need = max(1, math.ceil(value / ticks))
    power = 10 ** math.floor(math.log10(need))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= need and (step * power) == int(step * power):
            return int(step * power)
    return 10 * power


def short_day(day: str) -> str:
    """'2023-06-14' -> '14 Jun'; the year is added to the first tick and where it changes."""
    d = dt.date.fromisoformat(day)
    return f"{d.day} {d.strftime('%b')}"


def claimant_name(claimant: str | None) -> str:
    return claimant if claimant is not None else UNSOURCED


def mark(index: int, x: float, y: float) -> str:
    """The mark of the index-th claimant, centred on (x, y)."""
    kind, filled = MARKS[index % len(MARKS)]
    style = f'fill="{"currentColor" if filled else "none"}" stroke="currentColor" stroke-width="1.5"'
    r = 4.5
    if kind == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {style}/>'
    if kind == "square":
        return f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}" {style}/>'
    if kind == "cross":
        d = f"M{num(x - r)} {num(y - r)}L{num(x + r)} {num(y + r)}M{num(x - r)} {num(y + r)}L{num(x + r)} {num(y - r)}"
        return f'<path d="{d}" fill="none" stroke="currentColor" stroke-width="2"/>'
    if kind == "plus":
        d = f"M{num(x - r - 1)} {num(y)}H{num(x + r + 1)}M{num(x)} {num(y - r - 1)}V{num(y + r + 1)}"
        return f'<path d="{d}" fill="none" stroke="currentColor" stroke-width="2"/>'
    if kind == "triangle":
        pts = [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)]
    else:  # diamond
        pts = [(x, y - r - 1.5), (x + r + 1.5, y), (x, y + r + 1.5), (x - r - 1.5, y)]
    return f'<polygon points="{" ".join(f"{num(a)},{num(b)}" for a, b in pts)}" {style}/>'


def _x_scale(days: list[str]) -> tuple[dict[str, float], list[str]]:
    """Each distinct day -> x, by calendar distance; and the days that get a tick label (at most seven)."""
    ordinals = {d: dt.date.fromisoformat(d).toordinal() for d in days}
    first, last = min(ordinals.values()), max(ordinals.values())
    start, span = LEFT + INSET, WIDTH - LEFT - RIGHT - 2 * INSET  # marks kept off the axis line
    pos = {d: start + (span / 2 if last == first else (o - first) * span / (last - first)) for d, o in ordinals.items()}
    distinct = sorted(ordinals)
    step = max(1, math.ceil(len(distinct) / 7))
    ticks = distinct[::step]
    if distinct[-1] not in ticks:
        ticks = [*ticks[:-1], distinct[-1]] if len(ticks) > 1 and step > 1 else [*ticks, distinct[-1]]
    return pos, ticks


def _axes(top: int, ticks: list[str], pos: dict[str, float], y_of: Callable[[float], float]) -> list[str]:
    """Axis lines, the figure ticks (five, from 0) and the day ticks with their labels."""
    base = HEIGHT - BOTTOM
    out = ['<g class="tl-chart-axes" fill="none" stroke="currentColor" stroke-opacity="0.35">',
           f'<path d="M{LEFT} {TOP}V{base}H{WIDTH - RIGHT}"/>']
    for i in range(1, 5):
        y = y_of(top * i / 4)
        out.append(f'<path d="M{LEFT} {num(y)}H{WIDTH - RIGHT}" stroke-dasharray="2 4"/>')
    out.append("</g>")
    out.append('<g class="tl-chart-labels" fill="currentColor" font-size="12">')
    for i in range(5):
        value = top * i // 4
        out.append(f'<text x="{LEFT - 8}" y="{num(y_of(value) + 4)}" text-anchor="end">{value:,}</text>')
    year = ""
    for day in ticks:
        label = short_day(day) + (f" {day[:4]}" if day[:4] != year else "")
        year = day[:4]
        out.append(f'<text x="{num(pos[day])}" y="{base + 18}" text-anchor="middle">{xml(label)}</text>')
    out.append(f'<text x="{num((LEFT + WIDTH - RIGHT) / 2)}" y="{base + 36}" text-anchor="middle" '
               f'font-style="italic">day stated</text>')
    out.append("</g>")
    return out


def _legend(claimants: list[str | None]) -> tuple[list[str], int]:
    """The legend below the plot: a mark and a name per claimant, wrapped into rows; (elements, its height)."""
    out = ['<g class="tl-chart-legend" fill="currentColor" font-size="12">']
    x, row = float(LEFT), 0
    for i, claimant in enumerate(claimants):
        name = shorten(claimant_name(claimant), 48)
        width = 22 + len(name) * CHAR_WIDTH + 18
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = float(LEFT), row + 1
        y = HEIGHT + 8 + row * LEGEND_ROW
        out.append(mark(i, x + 6, y - 4))
        out.append(f'<text x="{num(x + 18)}" y="{num(y)}">{xml(name)}</text>')
        x += width
    out.append("</g>")
    return out, (row + 1) * LEGEND_ROW + 12


def chart_svg(points: list[FigurePoint], category: str, key: str) -> str:
    """The chart of one count as an SVG inside a <figure> (one line per element, no blank line); "" when the
    count has fewer than MIN_POINTS dated figures. `key` makes the ids of its title and description unique on
    the page (a number or a fixed word, never content)."""
    points = sorted(points, key=lambda p: (p.day, p.quantity, p.claimant or ""))
    if len(points) < MIN_POINTS:
        return ""
    claimants = list(dict.fromkeys(p.claimant for p in points))
    top = 4 * nice_step(max(p.quantity for p in points))
    base = HEIGHT - BOTTOM

    def y_of(value: float) -> float:
        return base - value * (base - TOP) / top

    pos, ticks = _x_scale([p.day for p in points])
    legend, legend_height = _legend(claimants)
    height = HEIGHT + legend_height
    first, last = points[0], points[-1]
    desc = (f"{len(points)} figures for {category} stated by {len(claimants)} "
            f"claimant{'s' if len(claimants) != 1 else ''} between {first.day} and {last.day}; "
            f"the table below lists them.")
    out = ['<figure class="tl-chart">',
           f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
           f'height="{height}" role="img" aria-labelledby="tl-chart-{key}-title" '
           f'aria-describedby="tl-chart-{key}-desc" class="tl-chart-svg">',
           f'<title id="tl-chart-{key}-title">{xml(category)}: figures over time</title>',
           f'<desc id="tl-chart-{key}-desc">{xml(desc)}</desc>',
           *_axes(top, ticks, pos, y_of)]
    out.append('<g class="tl-chart-lines" fill="none" stroke="currentColor" stroke-opacity="0.5">')
    for i, claimant in enumerate(claimants):  # each claimant's own figures joined: their revisions
        mine = [p for p in points if p.claimant == claimant]
        if len(mine) > 1:
            dash = ' stroke-dasharray="5 3"' if i % 2 else ""
            path = "L".join(f"{num(pos[p.day])} {num(y_of(p.quantity))}" for p in mine)
            out.append(f'<path d="M{path}"{dash}/>')
    out.append("</g>")
    out.append('<g class="tl-chart-marks">')
    for p in points:
        x, y = pos[p.day], y_of(p.quantity)
        tip = f"{claimant_name(p.claimant)}: {p.label}, stated {p.day}"
        out.append(f'<g><title>{xml(tip)}</title>{mark(claimants.index(p.claimant), x, y)}</g>')
    out.append("</g>")
    if len(points) <= 12:  # the figure beside each mark, while there is room for it
        out.append('<g class="tl-chart-values" fill="currentColor" font-size="11">')
        for p in points:  # right of the mark, or left of it near the right edge
            x = pos[p.day]
            place = f'x="{num(x + 8)}"' if x < WIDTH - RIGHT - 48 else f'x="{num(x - 8)}" text-anchor="end"'
            out.append(f'<text {place} y="{num(y_of(p.quantity) - 6)}">{p.quantity:,}</text>')
        out.append("</g>")
    out += [*legend, "</svg>", "</figure>"]
    return "\n".join(out)
