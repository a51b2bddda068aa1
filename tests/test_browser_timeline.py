"""The visual timeline in a real browser: the demo site served under a sub-path, its picture's links followed,
the zoom and filter script tried, and the picture read with JavaScript off and on a phone-wide screen.

Uses the browser and server fixtures of tests/test_browser.py (skipped with the reason when Playwright or
Chromium is missing).
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import browser, serve  # noqa: F401 (fixtures, used by name)
from tests.test_build_e2e import run_generator

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built once for this module."""
    site = tmp_path_factory.mktemp("timeline") / "site"
    result = run_generator("build", "--content", str(REPO / "content"), "--site-dir", str(site))
    assert (site / "timeline" / "index.html").is_file(), result.stderr[-3000:]
    return site


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, list[str]]]:  # noqa: F811 (the fixture imported above)
    """A page with JavaScript on, and the problems it meets: console errors, uncaught errors, and requests to
    another host than the test server's."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("request", lambda r: problems.append(f"outside request: {r.url}")
            if urllib.parse.urlsplit(r.url).hostname != "127.0.0.1" else None)
    try:
        yield page, problems
    finally:
        context.close()


def titles(site: Path) -> dict[str, str]:
    """Page path under the site -> the title its <h1> shows (events and incidents, from data/timeline.json)."""
    data = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    out = {f"events/{e['id']}/": e["title"] for e in data["events"]}
    out.update({f"incidents/{i['id']}/": i["title"] for i in data["incidents"]})
    return out


def heading(page: Any) -> str:
    """The page's <h1> as read, without its permalink sign."""
    return str(page.locator("h1").first.inner_text()).rstrip("¶").strip()


def follow(page: Any, link: Any, base: str) -> tuple[int, str]:
    """Click a link of the picture; the status of the page it lands on and its path under the site."""
    with page.expect_navigation() as nav:
        link.click()
    response = nav.value
    assert response is not None
    return response.status, page.url[len(base):]


@pytest.mark.parametrize("start", ["timeline/", "incidents/2026-01-31-balochistan-raid/"])
def test_marks_and_lane_labels_land_on_their_pages(demo_site: Path, serve: Any,  # noqa: F811
                                                   watched: tuple[Any, list[str]], start: str) -> None:
    page, problems = watched
    base = serve(demo_site)
    shown = titles(demo_site)
    page.goto(base + start)
    marks = page.locator("figure.tl-lanes svg a.tl-mark")
    assert marks.count() >= 3
    for i in (0, marks.count() - 1):  # the first and the last mark
        page.goto(base + start)
        status, path = follow(page, page.locator("figure.tl-lanes svg a.tl-mark").nth(i), base)
        assert status == 200, path
        if "#event-" in path:  # an event without a page: its entry on its article's page (generator/events/pages.py)
            assert path.startswith("articles/"), path
            event = path.partition("#event-")[2]
            assert shown[f"events/{event}/"] in page.locator(f"li[id='event-{event}']").inner_text()
        else:
            assert path.startswith("events/"), path
            assert heading(page) == shown[path]
    page.goto(base + start)
    labels = page.locator("figure.tl-lanes svg a.tl-lane-label")
    if start == "timeline/":  # the incident page's own lane is not a link to itself
        status, path = follow(page, labels.first, base)
        assert status == 200 and path.startswith("incidents/"), path
        assert heading(page) == shown[path]
    else:
        assert labels.count() == 0
    assert not problems, problems


def test_zoom_and_the_contested_filter_change_the_picture(demo_site: Path, serve: Any,  # noqa: F811
                                                          watched: tuple[Any, list[str]]) -> None:
    page, problems = watched
    base = serve(demo_site)
    page.goto(base + "timeline/")
    svg = page.locator("figure.tl-lanes svg.tl-lanes-svg")
    width = float(svg.get_attribute("width") or 0)
    last = page.locator("a.tl-mark").last
    x_before = last.bounding_box()["x"]
    page.get_by_role("button", name="Zoom in").click()
    assert float(svg.get_attribute("width") or 0) > 1.5 * width
    page.locator(".tl-lanes-scroll").evaluate("box => { box.scrollLeft = 0; }")
    assert last.bounding_box()["x"] > x_before + 100  # the time axis widened: the last mark moved right
    page.get_by_role("button", name="Zoom out").click()
    assert float(svg.get_attribute("width") or 0) == width
    contested, plain = page.locator("a.tl-mark.tl-contested"), page.locator("a.tl-mark:not(.tl-contested)")
    assert contested.count() >= 1 and plain.count() >= 1
    page.get_by_label("contested figures only").check()
    assert contested.first.is_visible() and not plain.first.is_visible()
    page.get_by_label("contested figures only").uncheck()
    assert plain.first.is_visible()
    page.goto(base + "sources/")  # a page without a picture: the script adds nothing there
    assert page.locator(".tl-lanes-controls").count() == 0
    assert not problems, problems


def test_the_picture_reads_without_javascript(demo_site: Path, browser: Any, serve: Any) -> None:  # noqa: F811
    base = serve(demo_site)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in ("timeline/", "incidents/2026-01-31-balochistan-raid/"):
            page.goto(base + path)
            svg = page.locator("figure.tl-lanes svg.tl-lanes-svg")
            box = svg.bounding_box()
            assert svg.is_visible() and box is not None and box["width"] > 500 and box["height"] > 80, (path, box)
            assert page.locator(".tl-lanes-controls").count() == 0  # no script, no controls: the picture alone
            marks = page.locator("a.tl-mark")
            assert marks.count() >= 3 and all(marks.nth(i).is_visible() for i in range(marks.count()))
            assert "contested figures" in page.locator("g.tl-legend").text_content()
    finally:
        context.close()


def test_on_a_phone_the_picture_scrolls_in_its_own_box(demo_site: Path, browser: Any, serve: Any) -> None:  # noqa: F811
    base = serve(demo_site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base + "timeline/")
        box = page.locator(".tl-lanes-scroll")
        assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
        assert box.get_attribute("aria-label")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the picture scrolls sideways in its box ...
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # ... not the page
    finally:
        context.close()



@pytest.fixture(scope="module")
def two_incidents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content and the golden pages' articles (another incident) built together: two lanes."""
    root = tmp_path_factory.mktemp("two")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "tests" / "fixtures" / "golden_content", root / "content" / "larkspur")
    result = run_generator("build", "--content", str(root / "content"), "--site-dir", str(root / "site"))
    assert (root / "site" / "timeline" / "index.html").is_file(), result.stderr[-3000:]
    return root / "site"


def test_one_line_can_be_shown_alone(two_incidents: Path, serve: Any,  # noqa: F811
                                     watched: tuple[Any, list[str]]) -> None:
    page, problems = watched
    page.goto(serve(two_incidents) + "timeline/")
    lanes = page.locator("svg.tl-lanes-svg g.tl-lane")
    assert lanes.count() == 2
    height = float(page.locator("svg.tl-lanes-svg").get_attribute("height") or 0)
    menu = page.get_by_label("Show one line")
    menu.select_option(label="Larkspur collapse")
    assert [lanes.nth(i).is_visible() for i in range(2)].count(True) == 1
    assert page.locator("g.tl-lane:visible").get_by_text("Larkspur collapse").count() == 1
    assert float(page.locator("svg.tl-lanes-svg").get_attribute("height") or 0) < height  # the gap closes
    menu.select_option(label="All lines")
    assert all(lanes.nth(i).is_visible() for i in range(2))
    assert not problems, problems
