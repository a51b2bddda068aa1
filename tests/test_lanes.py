"""The visual timeline (generator.site.lanes) and the month pages of a long chronology (generator.site.months):
lanes per incident, marks in date order, contested events told apart by shape, grouping when dense with the
size bounded, escaping, relative links that resolve from the page the picture sits on, the same bytes every time.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import random
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.models import ClaimRow, Event, Incident, Timeline
from generator.site.lanes import (
    GROUP_SPACE,
    LANE_MIN_MARKS,
    MAX_LANES,
    OTHER_EVENTS,
    OTHER_INCIDENTS,
    TOTAL_MARKS,
    WIDTH,
    X0,
    incident_svg,
    page_url,
    timeline_svg,
)
from generator.site.months import PAGINATE_AT, listing, render_timeline
from generator.site.render import _by_day, incident_of_event, make_env, render_pages
from tests.incident_data import INCIDENT_ID, incident_timeline
from tests.test_render import to_html

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[1]
FIRST = dt.date(2024, 1, 1)


def row(status: str) -> ClaimRow:
    return ClaimRow(id=f"r-{status}", category="dead", quantity=5, qualifier=None, claimant="Police", scope=None,
                    figure_text="5", vague=False, claims=[], status=status)


def event(n: int, inc: str, day: dt.date, contested: bool = False, title: str = "",
          background: bool = False, start: str | None = "") -> Event:
    when = day.isoformat() if start == "" else start
    return Event(id=f"e{n:05d}", title=title or f"Event {n}", start=when, end=when, precision="day", incident=inc,
                 background=background, rows=[row("contested" if contested else "single"), row("single")])


def timeline(sizes: list[int], loose: int = 0, span: int = 60, contested_every: int = 0,
             title: str = "Incident {i}") -> Timeline:
    """Incidents of the given sizes, their events spread over `span` days; `loose` events of no incident."""
    events, incidents = [], []
    n = 0
    for i, size in enumerate(sizes):
        ids = []
        for k in range(size):
            day = FIRST + dt.timedelta(days=(i * 3 + k * span // max(size, 1)) % span)
            events.append(event(n, f"inc{i:03d}", day, bool(contested_every) and n % contested_every == 0))
            ids.append(events[-1].id)
            n += 1
        incidents.append(Incident(f"inc{i:03d}", title.format(i=i), None, None, ids, [], []))
    for k in range(loose):
        events.append(event(n, "", FIRST + dt.timedelta(days=k % span)))
        n += 1
    return Timeline("T", "", [], events, [], incidents=incidents)


def picture(t: Timeline, paginated: bool = False) -> str:
    return timeline_svg(t, incident_of_event(t), listing(paginated))


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed: nothing from the content broke out of its element
    assert root.tag == "figure"
    return root.find(f"div/{SVG}svg")  # type: ignore[return-value]


def lane_titles(svg: ET.Element) -> list[str]:
    """Each lane's full title: the <title> of a shortened label, else its text."""
    out = []
    for lane in svg.iter(f"{SVG}g"):
        if lane.get("class") == "tl-lane":
            label = lane.find(f"{SVG}a[@class='tl-lane-label']")
            label = lane if label is None else label
            title = label.find(f"{SVG}title")
            out.append((label.find(f"{SVG}text") if title is None else title).text or "")  # type: ignore[union-attr]
    return out


def marks(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG}a") if "tl-mark" in (a.get("class") or "")]


def x_of(a: ET.Element) -> float:
    return float(re.match(r"translate\(([-\d.]+) ", a.get("transform") or "").group(1))  # type: ignore[union-attr]


def count_of(a: ET.Element) -> int:
    """How many events a mark stands for: the number in its box, else one."""
    text = a.find(f"{SVG}text")
    return int(text.text or "0") if text is not None else 1


@pytest.mark.parametrize("target, here, directory_urls, expected", [
    ("events/x.md", "timeline.md", True, "../events/x/"),
    ("events/x.md", "incidents/y.md", True, "../../events/x/"),
    ("incidents/y.md", "timeline.md", True, "../incidents/y/"),
    ("incidents/y.md#day-by-day", "incidents/y.md", True, "#day-by-day"),
    ("timeline/2024-01.md#day-2024-01-02", "timeline.md", True, "2024-01/#day-2024-01-02"),
    ("timeline.md#day-2024-01-02", "incidents/y.md", True, "../../timeline/#day-2024-01-02"),
    ("timeline.md", "timeline/2024-01.md", True, "../"),
    ("index.md", "timeline.md", True, "../"),
    ("events/x.md", "index.md", True, "events/x/"),
    ("events/x.md", "timeline.md", False, "events/x.html"),
    ("events/x.md", "incidents/y.md", False, "../events/x.html"),
])
def test_page_url_resolves_to_the_target_from_the_page(target: str, here: str, directory_urls: bool,
                                                        expected: str) -> None:
    href = page_url(target, here, directory_urls)
    assert href == expected
    # Resolved from the page's own address under a sub-path, the link reaches the target's address.
    def address(md: str) -> str:
        return urllib.parse.urljoin("http://h/sub/", page_url(md, "index.md", directory_urls))
    resolved = urllib.parse.urljoin(address(here), href)
    assert resolved == address(target.partition("#")[0]) + ("#" + target.partition("#")[2] if "#" in target else "")


def test_the_site_uses_directory_urls_as_the_links_assume() -> None:
    """Raw SVG links are not rewritten by MkDocs: lanes.page_url's default must match mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert config.get("use_directory_urls", True) is True


@pytest.mark.parametrize("sizes, loose, lanes, shared", [
    ([3], 0, ["Incident 0"], 0),
    ([2, 5, 1], 0, ["Incident 0", "Incident 1", "Incident 2"], 0),
    ([2, 2], 3, ["Incident 0", "Incident 1", OTHER_EVENTS], 0),
    ([], 4, [OTHER_EVENTS], 0),
    # More incidents than lanes: the largest keep a lane (in date order), the rest share one.
    ([1] * 5 + [9] * MAX_LANES, 0, [f"Incident {i}" for i in range(5, 5 + MAX_LANES)] + [OTHER_INCIDENTS], 5),
    ([4] * (MAX_LANES + 2), 2, [f"Incident {i}" for i in range(MAX_LANES)] + [OTHER_INCIDENTS, OTHER_EVENTS], 2),
])
def test_lanes(sizes: list[int], loose: int, lanes: list[str], shared: int) -> None:
    t = timeline(sizes, loose)
    svg = picture(t)
    root = parse(svg)
    assert lane_titles(root) == lanes
    assert sum(count_of(a) for a in marks(root)) == sum(sizes) + loose  # every event is drawn, once
    caption = ET.fromstring(svg).find("figcaption").text or ""  # type: ignore[union-attr]
    assert (f"the other {shared} share" in caption) == bool(shared)
    labels = [a.get("href") for a in root.iter(f"{SVG}a") if a.get("class") == "tl-lane-label"]
    assert labels == [f"../incidents/{inc.id}/" for inc in t.incidents if inc.title in lanes]


@pytest.mark.parametrize("sizes, span", [([12], 40), ([5, 7, 3], 300), ([40], 900), ([30], 2000)])
def test_marks_run_left_to_right_in_date_order(sizes: list[int], span: int) -> None:
    t = timeline(sizes, span=span)
    root = parse(picture(t))
    for lane in (g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-lane"):
        lane_marks = [a for a in lane.iter(f"{SVG}a") if "tl-mark" in (a.get("class") or "")]
        days = [re.search(r"(\d+ \w{3} \d{4})", a.find(f"{SVG}title").text).group(1)  # type: ignore[union-attr]
                for a in lane_marks]
        order = [dt.datetime.strptime(d, "%d %b %Y").date() for d in days]
        xs = [x_of(a) for a in lane_marks]
        assert order == sorted(order) and xs == sorted(xs)
        assert all(X0 <= x <= WIDTH for x in xs)
        assert len(set(xs)) == len(xs)  # one mark per day at most
    ticks = [float(re.match(r"translate\(([\d.]+)", g.get("transform") or "").group(1))  # type: ignore[union-attr]
             for g in root.iter(f"{SVG}g") if g.get("class") == "tl-tick"]
    assert len(ticks) >= 2 and ticks == sorted(ticks)


@pytest.mark.parametrize("contested", [True, False])
def test_contested_events_are_diamonds_and_the_legend_says_so(contested: bool) -> None:
    t = Timeline("T", "", [], [event(1, "a", FIRST, contested)], [],
                 incidents=[Incident("a", "A", None, None, ["e00001"], [], [])])
    root = parse(picture(t))
    (a,) = marks(root)
    assert ("tl-contested" in (a.get("class") or "")) == contested
    shape = a[1]
    assert shape.tag == (f"{SVG}path" if contested else f"{SVG}circle")  # told apart by shape, not colour alone
    assert ("contested figures" in (a.find(f"{SVG}title").text or "")) == contested  # type: ignore[union-attr]
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-legend")
    assert "contested figures (diamond)" in "".join(legend.itertext())


@pytest.mark.parametrize("sizes, loose, span, grouped, max_bytes", [
    ([20], 0, 60, False, 8_000),
    ([400], 0, 60, True, 40_000),  # several events a day: one mark per day with its count
    ([1500], 0, 700, True, 40_000),
    ([60] * 30 + [50], 150, 730, True, 120_000),  # ~2,000 events in 31 incidents
])
def test_dense_lanes_are_grouped_and_the_size_stays_bounded(sizes: list[int], loose: int, span: int,
                                                            grouped: bool, max_bytes: int) -> None:
    t = timeline(sizes, loose, span=span, contested_every=7)
    svg = picture(t)
    root = parse(svg)
    found = marks(root)
    assert len(svg.encode()) < max_bytes
    lanes = len(lane_titles(root))
    assert len(found) <= max(TOTAL_MARKS, lanes * LANE_MIN_MARKS)  # lanes beyond the budget get their minimum
    assert any("tl-group" in (a.get("class") or "") for a in found) == grouped
    assert sum(count_of(a) for a in found) == sum(sizes) + loose  # grouping loses no event
    for lane in (g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-lane"):  # boxes have room, on average
        in_lane = [a for a in lane.iter(f"{SVG}a") if "tl-mark" in (a.get("class") or "")]
        if any("tl-group" in (a.get("class") or "") for a in in_lane):
            assert len(in_lane) * GROUP_SPACE <= WIDTH - X0
    for a in found:
        if "tl-group" in (a.get("class") or ""):
            assert re.search(r"^\d+ events, \d+.* \d{4}, \d+ claims", a.find(f"{SVG}title").text)
            assert re.match(r"\.\./incidents/inc\d+/#day-by-day$|#day-2\d{3}-\d\d-\d\d$", a.get("href", ""))


HOSTILE = ['</title><script>alert(1)</script>', '" onmouseover="alert(1)', "<svg onload=alert(1)>", "A & B <i>"]


@pytest.mark.parametrize("title", HOSTILE)
def test_titles_from_the_content_are_escaped(title: str) -> None:
    t = Timeline("T", "", [], [event(1, "a", FIRST, title=title)], [],
                 incidents=[Incident("a", title, None, None, ["e00001"], [], [])])
    for svg in (picture(t), incident_svg(t.incidents[0], t.events, "incidents/a.md")):
        root = parse(svg)
        assert not [el for el in root.iter() if el.tag.endswith(("script", "}svg")) and el is not root]
        assert not [el for el in root.iter() if any(k.startswith("on") for k in el.attrib)]
        assert title in "".join(root.itertext())  # shown as written


def test_links_are_right_from_both_page_kinds() -> None:
    t = timeline([300], loose=0, span=30)  # grouped: its groups link to the incident's day list
    inc = t.incidents[0]
    from_timeline = [a.get("href") for a in marks(parse(picture(t)))]
    from_incident = [a.get("href") for a in marks(parse(incident_svg(inc, t.events, f"incidents/{inc.id}.md")))]
    assert set(from_timeline) == {f"../incidents/{inc.id}/#day-by-day"}
    assert set(from_incident) == {"#day-by-day"}
    t = timeline([3], loose=0)
    assert [a.get("href") for a in marks(parse(picture(t)))] == [f"../events/{e.id}/" for e in t.events]
    inc = t.incidents[0]
    assert ([a.get("href") for a in marks(parse(incident_svg(inc, t.events, f"incidents/{inc.id}.md")))]
            == [f"../../events/{e.id}/" for e in t.events])


@pytest.mark.parametrize("paginated, prefix", [(False, "#day-2024-"), (True, "2024-")])
def test_groups_outside_incidents_link_to_their_day_in_the_list(paginated: bool, prefix: str) -> None:
    t = timeline([], loose=600, span=90)
    hrefs = [a.get("href") or "" for a in marks(parse(picture(t, paginated)))]
    assert hrefs and all(re.match(prefix + r"\d\d(/#day-2024-\d\d-\d\d)?", h) for h in hrefs)


def test_background_and_undated_events_stay_off_the_axis() -> None:
    events = [event(1, "a", FIRST), event(2, "a", FIRST, background=True, start="1948"),
              event(3, "a", FIRST, start=None), event(4, "a", FIRST + dt.timedelta(days=3))]
    inc = Incident("a", "A", None, None, [e.id for e in events], [], [])
    t = Timeline("T", "", [], events, [], incidents=[inc])
    for svg in (picture(t), incident_svg(inc, events, "incidents/a.md")):
        assert [a.get("href", "").rsplit("/", 2)[-2] for a in marks(parse(svg))] == ["e00001", "e00004"]
    assert incident_svg(inc, events[1:3], "incidents/a.md") == ""  # nothing to draw: no picture


def test_the_picture_is_the_same_whatever_the_order() -> None:
    t = timeline([7, 30, 2], loose=5, span=200, contested_every=3)
    svg = picture(t)
    shuffled = list(t.events)
    random.Random(1).shuffle(shuffled)
    assert picture(Timeline("T", "", [], shuffled, [], incidents=t.incidents)) == svg
    assert "\n\n" not in svg and not re.search(r"^\s", svg, re.M)  # one raw HTML block for Markdown
    assert not re.search(r"#[0-9a-f]{3,6}\b", svg, re.I)  # colours from the theme, never fixed


@pytest.mark.parametrize("events, months", [(PAGINATE_AT, 0), (PAGINATE_AT + 1, 3), (900, 3)])
def test_a_long_chronology_gets_month_pages(events: int, months: int) -> None:
    t = timeline([], loose=events, span=90)
    chronology = sorted(t.events, key=lambda e: (e.start or "", e.id))
    env = make_env(ROOT / "templates")
    ctx = dict(t=t, by_id={}, published=str, incident_of=incident_of_event(t))
    pages = render_timeline(env, ctx, t, incident_of_event(t), _by_day(chronology), [], [])
    month_pages = sorted(p for p in pages if p.startswith("timeline/"))
    assert len(month_pages) == months
    listed = [m for p in (month_pages or ["timeline.md"])
              for m in re.findall(r'<li><a href="\.\./(?:\.\./)?events/(e\d+)/"', pages[p])]
    assert sorted(listed) == sorted(e.id for e in t.events)  # each event listed once, on one page
    if months:
        assert not re.search(r'<li><a href="\.\./events/', pages["timeline.md"])
        for p in month_pages:  # each month links back to the list of months
            assert "](../timeline.md)" in pages[p] and posixpath.basename(p)[:7] in pages["timeline.md"]
    # Every day heading a grouped mark links to exists, with that id, on the page it names.
    hrefs = set(re.findall(r'href="((?:\d{4}-\d\d/)?#day-[^"]*)"', pages["timeline.md"]))
    assert hrefs
    for href in hrefs:
        path, _, frag = href.partition("#")
        assert "{ #" + frag + " }" in pages[f"timeline/{path[:7]}.md" if path else "timeline.md"], href


@pytest.mark.parametrize("page, key", [("timeline.md", "all"), (f"incidents/{INCIDENT_ID}.md", "incident")])
def test_the_picture_passes_through_markdown_intact(page: str, key: str) -> None:
    """On the rendered pages the SVG is one raw HTML block: not wrapped in <p>, nothing escaped or rewritten."""
    text = render_pages(incident_timeline(), ROOT / "templates")[page]
    start = text.index(f'<figure class="tl-lanes" id="tl-lanes-{key}">')
    svg = text[start:text.index("</figure>", start) + len("</figure>")]
    html = to_html(text.split("---\n", 2)[2] if text.startswith("---") else text)
    assert svg in html and len(marks(parse(svg))) >= 2
