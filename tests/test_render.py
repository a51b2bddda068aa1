"""Rendering (generator.site.render) against golden pages, escaping, determinism, and the JSON/CSV export."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import markdown
import pytest

from generator.events.pages import event_page, has_page
from generator.pipeline import make_timeline
from generator.site.export import CSV_FIELDS, to_csv, to_json
from generator.site.render import cell, human_date, md, render_pages, safe_url

REPO = Path(__file__).resolve().parent.parent
GOLDEN_CONTENT = Path("tests/fixtures/golden_content")  # relative to the repository, so paths in pages are too
GOLDEN_DIR = REPO / "tests" / "golden"

# page in the rendered site -> golden file
GOLDEN_PAGES = {
    "index.md": "index.md",
    "timeline.md": "timeline.md",
    "sources.md": "sources.md",
    "events/2025-10-11-larkspur-collapse.md": "event-2025-10-11-larkspur.md",
    "articles/millrace-bridge-collapses-in-larkspur-during-evening-rush.md": "article-millrace-bridge.md",
}
GOLDEN_PARAMS = [pytest.param(page, id=page) for page in sorted(GOLDEN_PAGES)]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def render_golden_corpus() -> dict[str, str]:
    return render_pages(make_timeline(GOLDEN_CONTENT), Path("templates"))


@pytest.mark.parametrize("page", GOLDEN_PARAMS)
def test_golden_pages(page: str, in_repo: Path, update_golden: bool) -> None:
    pages = render_golden_corpus()
    assert page in pages, sorted(pages)
    golden = GOLDEN_DIR / GOLDEN_PAGES[page]
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {golden.relative_to(REPO)}: read the diff before committing it")
    assert golden.exists(), f"{golden} is missing: run pytest --update-golden and read the result"
    assert pages[page] == golden.read_text(encoding="utf-8"), (
        f"{page} differs from {golden.relative_to(REPO)}; if the change is intended, run pytest --update-golden "
        "and review the diff")


def test_golden_corpus_has_the_expected_shape(in_repo: Path) -> None:
    """Independent of the golden files: the facts the golden pages are meant to show."""
    t = make_timeline(GOLDEN_CONTENT)
    main = next(e for e in t.events if e.id == "2025-10-11-larkspur-collapse")
    assert main.curated and main.title == "Millrace bridge collapse"
    dead = {(r.quantity, r.claimant): r.status for r in main.rows if r.category == "dead"}
    assert dead == {(11, "Mayor Tomas Ellery"): "contested", (7, "Larkspur fire service"): "contested"}
    assert [e.start for e in t.events if e.background] == ["1931"]
    assert list(t.inferred.values()) == ["2025-10-11"]


def test_every_page_links_to_existing_pages(in_repo: Path) -> None:
    import re

    pages = render_golden_corpus()
    for name, text in pages.items():
        if not name.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)#?\s]+)(?:[#?][^)]*)?\)", text):  # without #anchor or ?query
            if target.startswith(("http://", "https://")):
                continue
            resolved = (Path(name).parent / target).as_posix()
            parts: list[str] = []
            for part in resolved.split("/"):
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            assert "/".join(parts) in pages, f"{name} links to missing {target}"


def test_every_event_and_article_has_a_place(in_repo: Path) -> None:
    """Each article has a page; each event its own page, or (generator/events/pages.py) an entry with its id on
    its one article's page."""
    t = make_timeline(GOLDEN_CONTENT)
    pages = render_pages(t, Path("templates"))
    for e in t.events:
        path, _, anchor = event_page(e).partition("#")
        assert path in pages, e.id
        assert (f'id="{anchor}"' in pages[path]) if anchor else has_page(e), e.id
    assert any(not has_page(e) for e in t.events) and any(has_page(e) for e in t.events)
    assert not [p for p in pages if p.startswith("events/") and not has_page(next(
        e for e in t.events if f"events/{e.id}.md" == p))]
    assert {f"articles/{a.id}.md" for a in t.articles} <= set(pages)
    assert {"index.md", "timeline.md", "sources.md", "report.md", "claims.md", "claimants/index.md",
            "assets/site.css", "assets/site.js", "data/timeline.json",
            "data/claims.csv", "data/claims.json"} <= set(pages)
    slugs = {r.claimant: r for e in t.events for r in e.all_rows()}
    assert len([p for p in pages if p.startswith("claimants/") and p != "claimants/index.md"]) >= len(slugs) > 0


def test_sources_are_listed_newest_first(in_repo: Path) -> None:
    t = make_timeline(GOLDEN_CONTENT)
    text = render_pages(t, Path("templates"))["sources.md"]
    assert "newest first" in text
    listed = [line for line in text.splitlines() if line.startswith("<tr><td>") and "articles/" in line]
    by_title = {a.title: a.published for a in t.articles}
    order = [next(by_title[title] for title in by_title if f">{title}</a>" in line) for line in listed]
    assert len(order) == len(t.articles)
    dated = [p for p in order if p is not None]
    assert dated == sorted(dated, reverse=True)
    assert order[len(dated):] == [None] * (len(order) - len(dated))


def test_rendering_is_deterministic(in_repo: Path) -> None:
    first = render_golden_corpus()
    second = render_golden_corpus()
    assert first == second
    assert list(first) == list(second)


# --- escaping -----------------------------------------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script> | pipes | *stars*"


def to_html(markdown_text: str) -> str:
    """Markdown to HTML with the extensions mkdocs.yml enables, as MkDocs would."""
    return markdown.markdown(markdown_text, extensions=["tables", "attr_list", "md_in_html", "toc"])


def test_markup_in_articles_is_escaped_everywhere(tmp_path: Path, write_article, in_repo: Path) -> None:  # type: ignore[no-untyped-def]
    write_article("hostile.md",
                  "Attackers wrote <script>alert(1)</script> on the wall of the Larkspur depot on Saturday.\n\n"
                  "| pipes | in | text | and *stars* and _under_ and [a link](javascript:alert(1)).\n\n"
                  "# not a heading\n\n"
                  "<img src=x onerror=alert(2)> At least 3 people were killed <b>there</b>, police said.\n",
                  title=HOSTILE_TITLE, date="2025-10-12", source="<i>Outlet</i> | *x*",
                  url="javascript:alert(3)", author="<script>bad()</script>")
    t = make_timeline(tmp_path)
    pages = render_pages(t, Path("templates"))
    article_pages = [k for k in pages if k.startswith("articles/")]
    assert len(article_pages) == 1
    for name, text in pages.items():
        if not name.endswith(".md"):
            continue
        # the only script element is our JSON-LD, whose JSON cannot contain '<'
        text = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", text)
        assert "<script" not in text.lower(), name
        page_html = to_html(text).lower()
        for bad in ("<script", "<img", "<b>", "<i>", 'href="javascript:', "not a heading</h1>"):
            assert bad not in page_html, (name, bad)
    article = pages[article_pages[0]]
    assert article.splitlines()[:3] == ["---", 'title: "&lt;script&gt;alert(1)&lt;/script&gt; | pipes | *stars*"',
                                        "---"]
    assert article.splitlines()[4] == r"# &lt;script&gt;alert(1)&lt;/script&gt; \| pipes \| \*stars\*"
    article_html = to_html(article)
    assert "<h1" in article_html and "&lt;script&gt;alert(1)&lt;/script&gt; | pipes | *stars*</h1>" in article_html
    assert "# not a heading" in article_html
    # the pipes do not break the sources table: its row has four cells
    sources_html = to_html(pages["sources.md"])
    row = next(r for r in sources_html.split("<tr>") if "alert(1)" in r)
    assert row.count("<td") == 4
    # the data export keeps the text as written
    data = json.loads(pages["data/timeline.json"])
    assert data["articles"][0]["title"] == HOSTILE_TITLE


PLAIN_TEXTS = [
    pytest.param("<b>bold</b>", id="html"),
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("a | b", id="pipe"),
    pytest.param("*x* _y_ `z` **w**", id="emphasis-and-code"),
    pytest.param("# heading", id="heading"),
    pytest.param("- item", id="bullet"),
    pytest.param("+ item", id="plus-bullet"),
    pytest.param("> quote", id="blockquote"),
    pytest.param("[t](http://example.org)", id="link"),
    pytest.param("back\\slash", id="backslash"),
    pytest.param("{: .cls } attr", id="attr-list"),
    pytest.param("a & b < c", id="ampersand"),
    pytest.param("1. item", id="number-dot"),
    pytest.param("= sign", id="equals"),
    pytest.param("~30 people", id="tilde"),
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_md_text_renders_as_written(text: str) -> None:
    """Whatever the text, md() makes Markdown that shows exactly that text (HTML-escaped) in one paragraph."""
    assert to_html(md(text)) == f"<p>{html.escape(text, quote=False)}</p>"


@pytest.mark.parametrize("text", ["a | b", "<b>x</b> | *y*", "back\\slash |"])
def test_cell_text_stays_in_one_cell(text: str) -> None:
    table = f"| A | B |\n|---|---|\n| {cell(text)} | end |\n"
    page = to_html(table)
    assert f"<td>{html.escape(text, quote=False)}</td>" in page
    assert "<td>end</td>" in page


def test_cell_is_one_line() -> None:
    assert cell("two\nlines |  here") == r"two lines \| here"


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a", "https://example.org/a"),
    ("http://example.org/a?b=c", "http://example.org/a?b=c"),
    ("javascript:alert(1)", None),
    ("https://example.org/a b", None),
    ('https://example.org/"onmouseover', None),
    (None, None),
])
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize("value, precision, weekday, expected", [
    ("2026-01-31", "day", False, "31 Jan 2026"),
    ("2026-01-31", "day", True, "Saturday 31 January 2026"),
    ("2026-01-31T22:15:00", "day", False, "31 Jan 2026"),
    ("2025-03", "month", False, "March 2025"),
    ("1948", "year", False, "1948"),
    ("199", "decade", False, "1990s"),
    ("2026-01-26", "week", False, "week of 26 Jan 2026"),
    (None, "day", False, "undated"),
])
def test_human_date(value: str | None, precision: str, weekday: bool, expected: str) -> None:
    assert human_date(value, precision, weekday) == expected


# --- export -------------------------------------------------------------------------------------

def test_export_json_fields(in_repo: Path) -> None:
    t = make_timeline(GOLDEN_CONTENT)
    data = json.loads(to_json(t))
    assert data["schema_version"] == 1
    assert len(data["articles"]) == 3
    for a in data["articles"]:
        assert {"id", "path", "published", "source", "title", "date_origin", "inferred_day", "extra"} <= set(a)
        assert (GOLDEN_CONTENT / a["path"]).exists()  # relative to the content folder
    by_id = {a["id"]: a for a in data["articles"]}
    courier = by_id["millrace-bridge-collapses-in-larkspur-during-evening-rush"]
    assert (courier["published"], courier["source"], courier["date_origin"]) == (
        "2025-10-12T08:05:00", "Larkspur Courier", "front-matter")
    assert courier["extra"] == {"tags": ["Larkspur", "bridges"]}
    vigil = by_id["vigil-on-the-millrace-embankment"]
    assert (vigil["published"], vigil["inferred_day"]) == (None, "2025-10-11")

    claims = []
    for e in data["events"]:
        assert {"id", "start", "end", "precision", "background", "curated", "articles", "claims"} <= set(e)
        for c in e["claims"]:
            assert {"article", "quantity", "category", "claimant", "qualifier", "status", "quote", "line",
                    "sources"} <= set(c)
            assert c["article"] in by_id
            assert c["status"] in ("single", "corroborated", "contested")
            claims.append((e["id"], c["article"], c["category"], c["quantity"], c["qualifier"], c["claimant"],
                           c["status"]))
    assert ("2025-10-11-larkspur-collapse", "larkspur-bridge-divers-recover-more-bodies", "dead", 11, None,
            "Mayor Tomas Ellery", "contested") in claims
    assert ("2025-10-11-larkspur-collapse", "vigil-on-the-millrace-embankment", "dead", 7, "at least",
            "Larkspur fire service", "contested") in claims
    background = [e for e in data["events"] if e["background"]]
    assert [(e["start"], e["end"], e["precision"]) for e in background] == [("1931", "1931", "year")]

    assert data["mentions"]
    for m in data["mentions"]:
        assert {"article", "text", "value", "start", "end", "type"} <= set(m)
        assert m["article"] in by_id
    assert {"article": "millrace-bridge-collapses-in-larkspur-during-evening-rush", "text": "1931",
            "value": "1931"}.items() <= next(m for m in data["mentions"] if m["text"] == "1931").items()


def test_export_json_is_stable(in_repo: Path) -> None:
    assert to_json(make_timeline(GOLDEN_CONTENT)) == to_json(make_timeline(GOLDEN_CONTENT))


def test_export_csv(in_repo: Path) -> None:
    t = make_timeline(GOLDEN_CONTENT)
    rows = list(csv.DictReader(io.StringIO(to_csv(t))))
    assert rows and list(rows[0]) == CSV_FIELDS
    n_claims = sum(len(r.claims) for e in t.events for r in e.rows)
    assert len(rows) == n_claims
    mayor = [r for r in rows if r["claimant"] == "Mayor Tomas Ellery"]
    assert len(mayor) == 1
    assert (mayor[0]["quantity"], mayor[0]["status"], mayor[0]["spread_min"], mayor[0]["spread_max"],
            mayor[0]["event_id"]) == ("11", "contested", "7", "11", "2025-10-11-larkspur-collapse")


def test_each_vague_amount_is_its_own_list_line(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("one.md", "Dozens of people were injured in the Harlow market fire on Saturday, the fire service "
                            "said.\n\nHundreds of people were injured in the Harlow market fire on Saturday, "
                            "residents said.\n", title="Harlow market fire", date="2026-04-05")
    t = make_timeline(tmp_path)
    pages = render_pages(t, Path(__file__).resolve().parent.parent / "templates")
    (page,) = [v for k, v in pages.items() if k.startswith("events/") and "Vague amounts" in v]
    section = page[page.index("### Vague amounts"):].split("\n#", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("<li>")]
    assert len(items) == 2 and all(line.count("<strong>") == 1 and line.endswith("</li>") for line in items), section


def test_an_event_without_figures_is_an_entry_on_each_of_its_articles_pages(
        tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    """Two articles report that a road reopened, with no figure: no page of its own (generator/events/pages.py);
    each article's page has its entry, naming the other, and every link to it leads to the first one's entry."""
    text = ("The main bridge in Harlow reopened to traffic on Tuesday, the transport office said. "
            "Traders welcomed the news.\n")
    write_article("a.md", text, title="Harlow bridge reopens", date="2026-04-08", source="Valley Courier")
    write_article("b.md", text.replace("Traders", "Drivers"), title="Traffic returns to Harlow bridge",
                  date="2026-04-08", source="Plainsview Gazette")
    t = make_timeline(tmp_path)
    (e,) = [e for e in t.events if len(e.article_ids) == 2]
    assert not e.rows and not has_page(e)
    pages = render_pages(t, Path(__file__).resolve().parent.parent / "templates")
    assert f"events/{e.id}.md" not in pages
    first, second = e.article_ids
    for here, other in ((first, second), (second, first)):
        page = pages[f"articles/{here}.md"]
        (entry,) = [line for line in page.splitlines() if f'<li id="event-{e.id}">' in line]
        assert f'also reported by <a href="../{other}/#event-{e.id}">' in entry, entry
    # The timeline links the first article's entry.
    assert f"articles/{first}/#event-{e.id}" in pages["timeline.md"] or \
        f"articles/{first}.md#event-{e.id}" in pages["timeline.md"], pages["timeline.md"][:2000]
