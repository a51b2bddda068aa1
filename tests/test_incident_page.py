"""The incident page, the event page's parts and the home page's incidents, from a hand-built incident
(tests/incident_data.py): golden pages, escaping, the chart passed through Markdown intact, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.models import Timeline
from generator.site.charts import chart_svg
from generator.site.render import render_pages
from tests.incident_data import INCIDENT_ID, incident_timeline
from tests.test_render import GOLDEN_DIR, REPO, to_html

PAGE = f"incidents/{INCIDENT_ID}.md"
GOLDEN_PAGES = {
    PAGE: "incident-orrin-vale.md",
    "events/2024-03-02-orrin-vale.md": "event-orrin-vale-parts.md",
    "index.md": "index-incidents.md",
}


def render(t: Timeline | None = None) -> dict[str, str]:
    return render_pages(t or incident_timeline(), REPO / "templates")


def body(page: str) -> str:
    """The page without its front matter, as Markdown reads it."""
    return page.split("---\n", 2)[2]


@pytest.mark.parametrize("page", sorted(GOLDEN_PAGES))
def test_golden_incident_pages(page: str, update_golden: bool) -> None:
    text = render()[page]
    golden = GOLDEN_DIR / GOLDEN_PAGES[page]
    if update_golden:
        golden.write_text(text, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {golden.relative_to(REPO)}: read the diff before committing it")
    assert text == golden.read_text(encoding="utf-8"), f"{page} differs from {golden.name} (--update-golden)"


def test_summary_box_says_who_claims_what() -> None:
    text = render()[PAGE]
    box = text[text.index("## Who claims what"):text.index("## Day by day")]
    rescue = '<a href="../../claimants/orrin-vale-rescue-service/">Orrin Vale rescue service</a>'
    assert f"<li><strong>{rescue}</strong>: <strong>40</strong>, stated 5 Mar 2024" in box
    assert "revised: at least 12, then 31, then 40" in box  # the history, oldest first
    assert ('<li><strong><a href="../../claimants/unattributed/">Reported without a source</a></strong>: '
            "<strong>about 9</strong>") in box
    assert '<span class="tl-status tl-contested">contested</span> Orrin Vale rescue service says 40' in box
    assert '<a href="../../articles/toll-rises-in-orrin-vale/">Riverside Post</a>' in box
    assert "Head teacher" not in box  # a part's figure is listed under its part, not with the totals
    parts = text[text.index("## Parts"):text.index("## Articles")]
    assert "### Flooding of the school" in parts
    assert '<a href="../../claimants/head-teacher/">Head teacher</a>: <strong>4</strong> dead' in parts


def test_the_chart_passes_through_markdown_intact() -> None:
    t = incident_timeline()
    text = render(t)[PAGE]
    svg = chart_svg(t.incidents[0].summary[0].points, "dead", "1")
    assert svg and svg in text
    page_html = to_html(body(text))
    assert svg in page_html  # a raw block: not wrapped in <p>, nothing escaped or turned into Markdown
    assert page_html.count('class="tl-chart-svg"') == 1  # "missing" has one figure: no chart
    table = page_html[page_html.index(svg) + len(svg):]
    assert "<th>Day stated</th>" in table and "<td>5 Mar 2024</td>" in table


def test_content_in_the_incident_page_is_escaped() -> None:
    hostile = "<script>alert(1)</script> & *Co*"
    text = render(incident_timeline(claimant=hostile))[PAGE]
    page_html = to_html(body(text))
    assert "<script" not in page_html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *Co*</text>" in page_html  # the legend, XML-escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <em>Co</em>" not in page_html


def test_event_page_links_its_incident_and_keeps_parts_apart() -> None:
    text = render()["events/2024-03-02-orrin-vale.md"]
    assert f'<a href="../../incidents/{INCIDENT_ID}/">Orrin Vale dam breach</a>' in text
    table = text[text.index("## Claims"):text.index("## Parts of this day")]
    assert "Head teacher" not in table
    assert "contested</span>: Orrin Vale rescue service says 40, the river authority 18" in table


def test_home_page_lists_incidents_and_labels_key_figures() -> None:
    text = render()["index.md"]
    assert (f'<tr><td>2 Mar 2024 to 4 Mar 2024</td><td><a href="incidents/{INCIDENT_ID}/">Orrin Vale dam breach</a>'
            "</td><td>dead: 18 to 40 (2 claimants, disputed); missing: about 9</td><td>3</td></tr>") in text
    assert "| Category | Figure | Claimed by | Incident | Event | Reports | Status |" in text


def test_incident_pages_link_to_existing_pages_and_stay_out_of_the_nav() -> None:
    pages = render()
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", pages[PAGE]):
        assert (Path("incidents") / target).resolve().relative_to(Path.cwd().resolve()).as_posix() in pages, target
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("nav:")[1].split("\n\n")[0]
    assert "incidents/" not in nav


def test_no_incidents_no_incident_section() -> None:
    t = incident_timeline()
    t.incidents = []
    pages = render(t)
    assert "## Incidents" not in pages["index.md"] and not any(p.startswith("incidents/") for p in pages)
    assert "| Category | Figure | Claimed by | Event | Reports | Status |" in pages["index.md"]


def test_no_parts_no_link_to_them() -> None:
    """MkDocs in strict mode fails on a link to a missing anchor: the summary names Parts only when there are."""
    t = incident_timeline()
    t.events[0].subevents, t.events[0].rows = [], t.events[0].rows[:2]
    text = render(t)[PAGE]
    assert "## Parts" not in text and "#parts" not in text
