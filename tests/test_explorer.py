"""The claims explorer, data/claims.json and the claimant pages (generator.site.claims), without a browser."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import markdown
import pytest

from generator.escape import cell, html_text, md
from generator.models import Claim, ClaimRow, Event, Location, Timeline
from generator.pipeline import make_timeline
from generator.site import claims
from generator.site.claims import claimant_slugs, page_paths, pager, paginate, row_stated_on
from generator.site.export import claim_rows
from generator.site.render import human_date, render_pages

REPO = Path(__file__).resolve().parent.parent
GOLDEN_CONTENT = Path("tests/fixtures/golden_content")
# The golden corpus (one event with parts, no incident page) and the demo (incidents, contested rows, history).
CORPORA = [pytest.param(GOLDEN_CONTENT, id="golden"), pytest.param(Path("content"), id="demo")]
HOSTILE = "<img src=x onerror=alert(1)>](javascript:alert(2)) | *b* {: onclick=x } `c`"
RECORD_KEYS = {"id", "i", "e", "c", "f", "q", "n", "s", "o", "t", "p", "w", "r"}


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def golden(content: Path = GOLDEN_CONTENT) -> Timeline:
    return make_timeline(content)


def timeline_of(names: list[str | None]) -> Timeline:
    """A timeline of one event with one row per claimant name."""
    rows = []
    for n, name in enumerate(names):
        c = Claim(id=f"c{n}", article_id="a", category="dead", quantity=n + 1, qualifier=None, claimant=name,
                  quote="q", location=Location("a.md", 1), figure_text=str(n + 1))
        rows.append(ClaimRow(id=f"c{n}", category="dead", quantity=n + 1, qualifier=None, claimant=name, scope=None,
                             figure_text=str(n + 1), vague=False, claims=[c]))
    event = Event(id="2026-01-01-x", title="X", start="2026-01-01", end="2026-01-01", precision="day", incident="x",
                  background=False, rows=rows)
    return Timeline(title="t", description="d", articles=[], events=[event], diagnostics=[])


def resolve(page: str, target: str) -> str:
    """A relative link of a page as the path of the page it names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def links(text: str) -> list[str]:
    """Markdown link targets of a page, without their #anchor or ?query."""
    return re.findall(r"\]\(([^)#?\s]+)(?:[#?][^)]*)?\)", text)


def html_rows(text: str) -> list[str]:
    """The rows of the tables a page emits as raw HTML (one <tr> a line)."""
    return re.findall(r"^<tr><td>.*</td></tr>$", text, re.M)


def page_of(here: str, href: str) -> str:
    """The page (its .md path) a final relative URL of a raw HTML link names, seen from the page made of `here`:
    '../events/x/' from 'claims.md' (built as claims/) is 'events/x.md'; the one section URL these tables link,
    'claimants/', is its index page."""
    stem = here.removesuffix(".md")
    base = stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0].split("?")[0]))
    return "claimants/index.md" if target == "claimants" else target + ".md"


def html_links(here: str, text: str) -> list[str]:
    """The pages the raw HTML links of a text name."""
    return [page_of(here, h) for h in re.findall(r'<a href="([^"]+)"', text)]


# --- slugs ---------------------------------------------------------------------------------------------------

SLUG_CASES = [
    (["Police"], {"Police": "police"}),
    ([None, "Unattributed"], {None: "unattributed", "Unattributed": "unattributed-2"}),
    (["police", "Police"], {"Police": "police", "police": "police-2"}),  # sorted order decides who gets -2
    (["Police", "Police 2", "police"], {"Police": "police", "Police 2": "police-2", "police": "police-3"}),
    (["Index"], {"Index": "index-2"}),  # claimants/index.md is the claimants index
    (["Ministère de l'Intérieur"], {"Ministère de l'Intérieur": "ministere-de-l-interieur"}),
    (["???", "مسؤول"], {"???": "claimant", "مسؤول": "claimant-2"}),
    ([HOSTILE], {HOSTILE: "img-src-x-onerror-alert-1-javascript-alert-2-b-onclick-x-c"}),
    (["a/../../b"], {"a/../../b": "a-b"}),
]


@pytest.mark.parametrize(("names", "expected"), SLUG_CASES, ids=[str(i) for i in range(len(SLUG_CASES))])
def test_claimant_slugs_are_ascii_unique_and_numbered_in_sorted_order(names: list[str | None],
                                                                       expected: dict[str | None, str]) -> None:
    slugs = claimant_slugs(timeline_of(names))
    assert slugs == expected
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs.values())
    assert slugs == claimant_slugs(timeline_of(list(reversed(names))))  # input order does not matter


def test_a_new_claimant_that_sorts_last_renames_no_page() -> None:
    names: list[str | None] = ["Police", "police", "Army", None]
    before = claimant_slugs(timeline_of(names))
    after = claimant_slugs(timeline_of([*names, "zzz police"]))
    assert {k: after[k] for k in before} == before


# --- pagination ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "per_page", "sizes"), [
    (0, 3, [0]), (1, 3, [1]), (3, 3, [3]), (4, 3, [3, 1]), (6, 3, [3, 3]), (7, 3, [3, 3, 1]),
])
def test_paginate_boundaries(count: int, per_page: int, sizes: list[int]) -> None:
    pages = paginate(list(range(count)), per_page)
    assert [len(p) for p in pages] == sizes
    assert [x for p in pages for x in p] == list(range(count))


def _keys(count: int, prefix: str = "row") -> list[str]:
    return [f"{prefix}-{n}" for n in range(count)]


@pytest.mark.parametrize("per_page", [1, 2, 3, 10, 400])
@pytest.mark.parametrize("count", [0, 1, 7, 399, 400, 401, 5000])
def test_paginate_by_key_keeps_every_item_once_in_pages_of_half_to_all_of_per_page(count: int,
                                                                                   per_page: int) -> None:
    items = _keys(count)
    pages = paginate(items, per_page, key=str)
    assert [x for p in pages for x in p] == items
    assert all(len(p) <= per_page for p in pages)
    assert all(len(p) >= max(1, per_page // 2) for p in pages[:-1])
    # A page ends early only after an item whose key allows it, the same in every build.
    chance = max(1, per_page // 4)
    assert all(claims._ends_page(p[-1], chance) for p in pages[:-1] if len(p) < per_page)
    assert paginate(items, per_page, key=str) == pages


def test_an_inserted_row_changes_its_own_page_not_those_after_it() -> None:
    """A claim added in `mkdocs serve` redraws one page of the explorer (generator/site/claims.py, paginate). Counted
    from the start, every page after the new row would change."""
    items = _keys(6000)
    before = paginate(items, 400, key=str)
    assert 15 <= len(before) <= 30
    changed_by_key, changed_by_count = [], []
    for n, at in enumerate(range(50, 6000, 150)):
        after_items = [*items[:at], f"new-{n}", *items[at:]]
        after = paginate(after_items, 400, key=str)
        changed_by_key.append(sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after)))
        counted = paginate(after_items, 400)
        changed_by_count.append(sum(a != b for a, b in zip(paginate(items, 400), counted, strict=False)))
    # Mostly the one page that holds the new row; a page that was cut at its most rows passes one on. A new row
    # whose key ends a page (one in per_page // 4) splits its page and so numbers the pages after it anew: rare.
    assert sorted(changed_by_key)[len(changed_by_key) * 9 // 10] <= 2, changed_by_key
    assert sum(n > 4 for n in changed_by_key) <= 2, changed_by_key
    assert sum(changed_by_count) > 4 * sum(changed_by_key), (changed_by_count, changed_by_key)


@pytest.mark.parametrize(("first", "count", "current", "paths", "shown"), [
    ("claims.md", 1, 0, ["claims.md"], ""),
    ("claims.md", 3, 0, ["claims.md", "claims/2.md", "claims/3.md"],
     "Page 1 of 3: **1** · [2](claims/2.md) · [3](claims/3.md)"),
    ("claims.md", 3, 2, ["claims.md", "claims/2.md", "claims/3.md"],
     "Page 3 of 3: [1](../claims.md) · [2](2.md) · **3**"),
    ("claimants/police.md", 2, 1, ["claimants/police.md", "claimants/police/2.md"],
     "Page 2 of 2: [1](../police.md) · **2**"),
])
def test_page_paths_and_pager_links(first: str, count: int, current: int, paths: list[str], shown: str) -> None:
    assert page_paths(first, count) == paths
    text = pager(paths, current)
    assert text == shown
    assert {resolve(paths[current], t) for t in links(text)} <= set(paths)


@pytest.mark.parametrize("per_page", [1, 2, 5, 10_000])
@pytest.mark.parametrize("content", CORPORA)
def test_explorer_and_claimant_pages_paginate_and_keep_every_row_once(
        per_page: int, content: Path, in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims, "ROWS_PER_PAGE", per_page)
    t = golden(content)
    pages = render_pages(t, Path("templates"))
    rows = list(claim_rows(t))
    explorer = ["claims.md"] + sorted((p for p in pages if re.fullmatch(r"claims/\d+\.md", p)),
                                      key=lambda p: int(p[7:-3]))
    assert explorer == page_paths("claims.md", len(explorer))  # numbered without a gap
    # pages of up to per_page rows, all but the last at least half full (paginate)
    assert -(-len(rows) // per_page) <= len(explorer) <= max(1, -(-len(rows) // max(1, per_page // 2)))
    anchors = [a for p in explorer for row in html_rows(pages[p])
               for a in re.findall(r'#claim-([0-9a-f]+)">[^<]*</a></td></tr>$', row)]
    assert len(anchors) == len(rows)  # one row a claim row, each on one page: the last source of each row
    assert all(len(html_rows(pages[p])) <= per_page for p in explorer)
    for slug in set(claimant_slugs(t).values()):
        mine = [r for _, r in rows if claimant_slugs(t)[r.claimant] == slug]
        own = [p for p in pages if p == f"claimants/{slug}.md" or re.fullmatch(rf"claimants/{slug}/\d+\.md", p)]
        assert sorted(own) == sorted(page_paths(f"claimants/{slug}.md", len(own)))
        assert sum(len(html_rows(pages[p])) for p in own) == len(mine)
        assert all(len(html_rows(pages[p])) <= per_page for p in own)
    for name, text in pages.items():
        if name.endswith(".md"):
            missing = [t for t in links(text) if not t.startswith("http") and resolve(name, t) not in pages]
            missing += [t for t in html_links(name, "\n".join(html_rows(text))) if t not in pages]
            assert not missing, (name, missing)


# --- claims.json ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", CORPORA)
def test_claims_json_has_one_record_per_claim_row_in_event_date_order(content: Path, in_repo: Path) -> None:
    t = golden(content)
    data = json.loads(render_pages(t, Path("templates"))["data/claims.json"])
    rows = list(claim_rows(t))
    assert len(data["claims"]) == len(rows) >= 5
    assert all(set(c) == RECORD_KEYS for c in data["claims"])
    events = {e.id: e for e in t.events}
    order = [(events[c["e"]].start is None, events[c["e"]].start or "", c["e"]) for c in data["claims"]]
    assert order == sorted(order)
    by_row = {r.id: (e, r) for e, r in rows}
    assert len(by_row) == len(rows) == len({c["id"] for c in data["claims"]})  # row ids are unique
    slugs = claimant_slugs(t)
    for c in data["claims"]:
        e, r = by_row[c["id"]]
        assert (c["e"], c["c"], c["n"], c["s"], c["t"]) == (e.id, r.category, r.claimant, slugs[r.claimant], r.status)
        assert c["o"] == row_stated_on(r) and c["w"] == r.why
        assert c["r"] == [[x.article_id, x.id] for x in r.claims]
        assert all(a in data["articles"] for a, _ in c["r"])
        assert c["i"] is None or c["i"] in {i for i, _ in data["incidents"]}
        assert data["events"][c["e"]] == [e.title, e.start, e.precision]
    assert {s for s, _ in data["statuses"]} == {c["t"] for c in data["claims"]}
    assert set(data["categories"]) == {c["c"] for c in data["claims"]}


@pytest.mark.parametrize("content", CORPORA)
def test_a_hostile_claimant_is_data_in_json_and_text_on_every_page(content: Path, in_repo: Path) -> None:
    t = golden(content)
    for e in t.events:
        for r in e.all_rows():
            r.claimant = HOSTILE
            for c in r.claims:
                c.claimant = HOSTILE
    pages = render_pages(t, Path("templates"))
    data = json.loads(pages["data/claims.json"])
    assert {c["n"] for c in data["claims"]} == {HOSTILE}
    slug = claimant_slugs(t)[HOSTILE]
    kinds = ["claims.md", f"claimants/{slug}.md", "claimants/index.md", "index.md",
             next(f"events/{e.id}.md" for e in t.events if e.rows),
             next(f"articles/{r.claims[0].article_id}.md" for _, r in claim_rows(t))]
    for name in kinds:
        html = markdown.markdown(pages[name], extensions=["tables", "attr_list", "md_in_html", "toc"])
        assert "<img" not in html and "javascript:" not in re.sub(r">[^<]*<", "><", html), name
        assert "onclick=" not in re.sub(r">[^<]*<", "><", html), name
        if name in ("claims.md", "claimants/index.md") or name.startswith(("events/", "articles/")):  # raw HTML:
            # final URLs, HTML-escaped
            assert f'<a href="{claims.page_url(f"claimants/{slug}.md", name)}">{html_text(HOSTILE)}</a>' in pages[name]
        elif name != f"claimants/{slug}.md":  # shown as text, as a link to the claimant's page
            assert f"[{cell(HOSTILE)}](../claimants/{slug}.md)" in pages[name] or \
                f"[{cell(HOSTILE)}](claimants/{slug}.md)" in pages[name], name
    assert f"# {md(HOSTILE)}" in pages[f"claimants/{slug}.md"]


# --- claimant links ------------------------------------------------------------------------------------------

# page kind -> (pages of that kind, the Markdown the claimant cells are in)
LINKED = [
    pytest.param("events/", r"^<tr><td>.*</td></tr>$", id="event claims tables"),
    pytest.param("claims.md", r"^<tr><td>.*</td></tr>$", id="explorer"),
    pytest.param("index.md", r"^\| .*\|$", id="home key figures"),
    pytest.param("articles/", r"^<li><span id=\"claim-.*$", id="article claims"),
    pytest.param("incidents/", r"^<li><strong>.*$", id="incident who claims what"),
    pytest.param("claimants/index.md", r"^<tr><td>.*$", id="claimants index"),
]


@pytest.mark.parametrize(("prefix", "line"), LINKED)
@pytest.mark.parametrize("content", CORPORA)
def test_every_claimant_cell_links_to_an_existing_claimant_page(prefix: str, line: str, content: Path,
                                                                in_repo: Path) -> None:
    t = golden(content)
    pages = render_pages(t, Path("templates"))
    slugs = claimant_slugs(t)
    shown = {cell(n or "unattributed") for n in slugs} | {cell(n) for n in slugs if n} | {
        "Reported without a source"}
    checked = 0
    for name in [p for p in pages if p.startswith(prefix) and p.endswith(".md")]:
        for text in re.findall(line, pages[name], re.M):
            if text.startswith("|---") or "| Category |" in text or "| Claimant |" in text:
                continue
            found = [resolve(name, target) for _, target in
                     re.findall(r"\[([^\]]*)\]\(((?:\.\./)*claimants/[^)]+\.md)\)", text)]
            found += [target for href in re.findall(r'<a href="([^"]+)"', text)
                      if (target := page_of(name, href)).startswith("claimants/")]
            named = [s for s in shown if f"[{s}](" in text or f"**{s}**" in text or f">{html_text(s)}<" in text]
            if not named and not found:
                continue
            assert found, f"{name}: a claimant is not linked: {text[:200]}"
            for target in found:
                assert target in pages, (name, target)
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("content", CORPORA)
def test_the_claimant_page_lists_every_figure_of_its_claimant_in_date_order(content: Path, in_repo: Path) -> None:
    t = golden(content)
    pages = render_pages(t, Path("templates"))
    for name, slug in claimant_slugs(t).items():
        text = pages[f"claimants/{slug}.md"]
        rows = [r for _, r in claim_rows(t) if r.claimant == name]
        table = html_rows(text)
        days = sorted((row_stated_on(r) for r in rows), key=lambda d: (d is None, d or ""))
        assert [ln.split("</td>")[0].removeprefix("<tr><td>") for ln in table] == [human_date(d) for d in days], slug
        assert sorted(re.findall(r'#claim-(\w+)">[^<]*</a></td></tr>$', "\n".join(table), re.M)) == sorted(
            r.claims[-1].id for r in rows)
        assert f'<a href="{slug}/">{html_text(name or "unattributed")}</a>' in pages["claimants/index.md"]
