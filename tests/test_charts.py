"""The figures-over-time chart (generator.site.charts): drawn only with enough points, the same bytes every
time, escaped, accessible, and valid XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.models import FigurePoint
from generator.site.charts import MARKS, MIN_POINTS, chart_svg, nice_step

SVG = "{http://www.w3.org/2000/svg}"


def pts(*spec: tuple[str, int, str | None]) -> list[FigurePoint]:
    return [FigurePoint(day, q, who, f"{q:,}") for day, q, who in spec]


THREE = pts(("2023-06-14", 79, "Coast guard"), ("2023-06-16", 82, None), ("2023-06-20", 600, "Relief agency"))
CASES = [
    pytest.param(THREE[:2], False, id="two-points-no-chart"),
    pytest.param(THREE, True, id="three-points"),
    pytest.param([*THREE, FigurePoint("2023-06-21", 2900, "Relief agency", "at least 2,900")], True, id="four"),
    pytest.param(pts(*[("2023-06-14", 5, "Same day")] * 3), True, id="one-day"),
    pytest.param(pts(*[(f"2023-07-{d:02d}", d, f"C{d % 9}") for d in range(1, 31)]), True, id="thirty-nine-shapes"),
]


def parse(svg: str) -> ET.Element:
    """The <svg> inside the <figure>, parsed as XML (so the text is well-formed)."""
    root = ET.fromstring(svg)
    assert root.tag == "figure"
    return root.find(f"{SVG}svg")  # type: ignore[return-value]


@pytest.mark.parametrize("points, drawn", CASES)
def test_chart_table(points: list[FigurePoint], drawn: bool) -> None:
    svg = chart_svg(points, "dead", "1")
    assert bool(svg) == drawn == (len(points) >= MIN_POINTS)
    if not drawn:
        return
    assert svg == chart_svg(list(reversed(points)), "dead", "1")  # deterministic, whatever the input order
    assert "\n\n" not in svg and not re.search(r"^\s", svg, re.M)  # one raw HTML block for Markdown
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "tl-chart-1-title" and root.get("aria-describedby") == "tl-chart-1-desc"
    assert root.find(f"{SVG}title").text == "dead: figures over time"  # type: ignore[union-attr]
    assert f"{len(points)} figures" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    marks = root.find(f"{SVG}g[@class='tl-chart-marks']")
    assert marks is not None and len(marks) == len(points)  # one mark per figure, each with a tooltip
    assert "currentColor" in svg and not re.search(r"#[0-9a-f]{3,6}\b", svg, re.I)  # no fixed colours
    assert not re.search(r"\d\.\d\d", re.sub(r'opacity="[\d.]+"', "", svg))  # coordinates: one decimal, always


def test_days_are_ordered_left_to_right_with_labels() -> None:
    root = parse(chart_svg(list(reversed(THREE)), "dead", "1"))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle" and t.get("font-style") is None]
    assert [t.text for t in labels] == ["14 Jun 2023", "16 Jun", "20 Jun"]
    xs = [float(t.get("x") or 0) for t in labels]
    assert xs == sorted(xs)
    figures = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end" and t.get("x") == "56"]
    assert figures == ["0", "200", "400", "600", "800"]


def test_claimant_text_is_escaped() -> None:
    points = pts(("2023-06-14", 1, "<script>alert(1)</script>"), ("2023-06-15", 2, "Tom & Jerry"),
                 ("2023-06-16", 3, 'say "x"'))
    svg = chart_svg(points, "<b>dead</b>", "1")
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg and "Tom &amp; Jerry" in svg
    root = parse(svg)
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text and ("Tom" in t.text or "script" in t.text)]
    assert legend == ["<script>alert(1)</script>", "Tom & Jerry"]
    assert all("script" not in str(v) for el in root.iter() for v in el.attrib.values())  # no content in attributes


def test_claimants_get_distinct_marks() -> None:
    points = pts(*[("2023-06-14", i + 1, f"Claimant {i}") for i in range(len(MARKS))])
    root = parse(chart_svg(points, "dead", "1"))
    marks = root.find(f"{SVG}g[@class='tl-chart-marks']")
    assert marks is not None
    # the element, whether it is filled, its corners (triangle, diamond) and its strokes (cross, plus)
    drawn = {(g[1].tag, g[1].get("fill"), len((g[1].get("points") or "").split()),
              re.sub(r"[\d.]+", "", g[1].get("d") or "")) for g in marks}
    assert len(drawn) == len(MARKS)


@pytest.mark.parametrize("value, step", [(1, 1), (4, 1), (5, 2), (12, 5), (40, 10), (600, 200), (2900, 1000),
                                         (99_000, 25_000)])
def test_nice_step(value: int, step: int) -> None:
    assert nice_step(value) == step
