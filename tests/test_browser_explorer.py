"""The claims explorer and the claimant pages in a real browser, served under a sub-path (tests/test_browser.py).

The demo site is built once; each test serves it under /sub/path/ and drives headless Chromium: the explorer's
filters and their state in the URL, the full table without JavaScript, a claimant cell's link, and claim rows
that fit a 390 px phone screen. The payload site (hostile text in every field) is filtered in the explorer too,
since the filtered rows are made by our script from claims.json and not by the site generator.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.site.claims import ROWS_PER_PAGE
from generator.site.datafiles import COMPRESS_ENV
from tests import test_browser
from tests.test_browser import SUB_PATH, Detector, PayloadSite, report
from tests.test_build_e2e import REPO, run_generator

# The fixtures of tests/test_browser.py, found by their names in this module: Chromium, the sub-path server and
# the payload site (built again for this module: module-scoped fixtures are not shared between files).
browser = test_browser.browser
serve = test_browser.serve
payload_site = test_browser.payload_site

PHONE = {"width": 390, "height": 844}
ROWS = ".tl-claims-explorer table tbody tr"
COUNT = "#tl-explorer .tl-count"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's demo content, built once for the module."""
    site = tmp_path_factory.mktemp("explorer") / "site"
    result = run_generator("build", "--content", "content", "--site-dir", str(site))
    assert (site / "claims" / "index.html").is_file(), result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of 120 articles (benchmarks/make_corpus.py): about 500 claim rows, two explorer pages."""
    root = tmp_path_factory.mktemp("explorer-pages")
    made = subprocess.run([sys.executable, "benchmarks/make_corpus.py", "120", str(root / "content")], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    result = run_generator("build", "--content", str(root / "content"), "--site-dir", str(root / "site"))
    assert (root / "site" / "claims" / "2" / "index.html").is_file(), result.stderr[-3000:]
    assert not (root / "site" / "claims" / "3").exists()
    return root / "site"


def claims_of(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    claims: list[dict[str, Any]] = data["claims"]
    return claims


class Watched:
    """A browser context whose pages' console errors and uncaught exceptions are kept."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(service_workers="block", **options)
        self.context.set_default_timeout(20_000)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"exception {e}"))

    def open_explorer(self, url: str) -> str:
        """Load an explorer page and wait for its script to count the claims; the count line."""
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(f"() => /of \\d+ claims/.test((document.querySelector('{COUNT}') || {{}})"
                                    ".textContent || '')")
        return str(self.page.text_content(COUNT))


@pytest.fixture
def watched(browser: Any) -> Iterator[Any]:
    made: list[Watched] = []

    def make(**options: Any) -> Watched:
        made.append(Watched(browser, **options))
        return made[-1]

    yield make
    for w in made:
        w.context.close()


def test_choosing_contested_shows_only_contested_rows_and_keeps_the_filter_in_the_url(
        demo_site: Path, serve: Any, watched: Any) -> None:
    claims = claims_of(demo_site)
    contested = [c for c in claims if c["t"] == "contested"]
    assert 0 < len(contested) < len(claims)
    base = serve(demo_site)
    w = watched()
    assert w.open_explorer(base + "claims/").startswith(f"{len(claims)} of {len(claims)} claims")
    assert w.page.locator(ROWS).count() == len(claims)  # one page on the demo: the static table is all of it
    w.page.select_option("#tl-filter-status", "contested")
    w.page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent.startsWith('{len(contested)} of')")
    assert w.page.text_content(COUNT) == f"{len(contested)} of {len(claims)} claims"
    rows = w.page.locator(ROWS)
    assert rows.count() == len(contested)
    assert rows.locator("td:nth-child(7) .tl-status.tl-contested").count() == len(contested)
    assert urllib.parse.urlsplit(w.page.url).query == "status=contested"
    # Shared: the same URL opened anew shows the same view, and one more filter narrows it.
    category = contested[0]["c"]
    both = [c for c in contested if c["c"] == category]
    query = urllib.parse.urlencode({"category": category, "status": "contested"})
    assert w.open_explorer(f"{base}claims/?{query}") == f"{len(both)} of {len(claims)} claims"
    assert w.page.locator(ROWS).count() == len(both)
    assert w.page.input_value("#tl-filter-category") == category
    assert w.page.input_value("#tl-filter-status") == "contested"
    assert {t.strip() for t in w.page.locator(f"{ROWS} td:nth-child(3)").all_text_contents()} == {category}
    w.page.click("text=Clear filters")
    w.page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent.startsWith('{len(claims)} of')")
    assert urllib.parse.urlsplit(w.page.url).query == ""
    assert w.page.locator(ROWS).count() == len(claims)
    assert not w.errors, w.errors


@pytest.fixture(scope="module")
def gzipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built as a large site publishes its data: claims.json.gz (generator/site/datafiles.py)."""
    site = tmp_path_factory.mktemp("explorer-gz") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(COMPRESS_ENV, "1")
        result = run_generator("build", "--content", "content", "--site-dir", str(site))
    assert (site / "data" / "claims.json.gz").is_file(), result.stderr[-3000:]
    assert not (site / "data" / "claims.json").exists()
    return site


@pytest.mark.parametrize("server", ["gzip file", "gzip encoding"])
def test_the_explorer_reads_claims_json_gz(gzipped_site: Path, serve: Any, watched: Any, server: str) -> None:
    """GitHub Pages (and the test server) serve a .gz as a gzip file; a server that declares gzip as the response's
    encoding hands the browser the JSON itself. The filters work either way."""
    claims = json.loads(gzip.decompress((gzipped_site / "data" / "claims.json.gz").read_bytes()))["claims"]
    contested = [c for c in claims if c["t"] == "contested"]
    assert 0 < len(contested) < len(claims)
    base = serve(gzipped_site)
    w = watched()
    if server == "gzip encoding":
        plain = gzip.decompress((gzipped_site / "data" / "claims.json.gz").read_bytes())
        w.page.route("**/data/claims.json.gz", lambda route: route.fulfill(
            status=200, body=plain, headers={"Content-Type": "application/json"}))
    assert w.open_explorer(f"{base}claims/?status=contested") == f"{len(contested)} of {len(claims)} claims"
    assert w.page.locator(ROWS).count() == len(contested)
    assert not w.errors, w.errors


def test_a_claimant_filter_from_the_url_and_its_links_stay_under_the_sub_path(
        demo_site: Path, serve: Any, watched: Any) -> None:
    claims = claims_of(demo_site)
    slug = max({c["s"] for c in claims}, key=lambda s: sum(c["s"] == s for c in claims))
    mine = [c for c in claims if c["s"] == slug]
    base = serve(demo_site)
    w = watched()
    assert w.open_explorer(f"{base}claims/?claimant={slug}") == f"{len(mine)} of {len(claims)} claims"
    hrefs = w.page.eval_on_selector_all(f"{ROWS} a", "els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(base) for h in hrefs), hrefs[:5]
    assert {h for h in hrefs if "/claimants/" in h} == {f"{base}claimants/{slug}/"}
    for kind in ("events", "articles", "claimants"):  # each kind of link leads to a page that exists
        href = next(h for h in hrefs if f"/{kind}/" in h)
        assert w.page.request.get(href).status == 200, href
    assert not w.errors, w.errors


@pytest.mark.parametrize("which", ["demo_site", "paginated_site"])
def test_without_javascript_the_explorer_is_the_full_table(which: str, request: pytest.FixtureRequest, serve: Any,
                                                           watched: Any) -> None:
    site = request.getfixturevalue(which)
    claims = claims_of(site)
    base = serve(site)
    w = watched(java_script_enabled=False)
    pages = sorted(p.parent for p in (site / "claims").rglob("index.html"))
    rows = []
    for folder in pages:
        w.page.goto(base + folder.relative_to(site).as_posix() + "/")
        rows += w.page.eval_on_selector_all(f"{ROWS} td:nth-child(8) a:last-child", "els => els.map(e => e.href)")
        assert not w.page.locator("#tl-explorer").is_visible()  # no dead filter form without the script
        assert w.page.locator(".tl-pages").count() == (2 if len(pages) > 1 else 0)
    # every claim row once, on one of the pages: the last source of each row is its own claim's anchor
    assert sorted(r.rsplit("#claim-", 1)[1] for r in rows) == sorted(c["r"][-1][1] for c in claims)
    assert len(pages) == (1 if which == "demo_site" else 2)


def test_on_any_page_the_filters_search_every_claim(paginated_site: Path, serve: Any, watched: Any) -> None:
    claims = claims_of(paginated_site)
    contested = [c for c in claims if c["t"] == "contested"]
    base = serve(paginated_site)
    w = watched()
    shown = min(len(contested), ROWS_PER_PAGE)  # the script adds a page's worth at a time, as the pages hold
    count = w.open_explorer(base + "claims/2/?status=contested")
    assert count.startswith(f"{len(contested)} of {len(claims)} claims"), count
    assert w.page.locator(ROWS).count() == shown
    assert w.page.locator(".tl-pages").evaluate_all("els => els.every(e => e.hidden)")  # pages mean nothing now
    w.page.select_option("#tl-filter-status", "")
    w.page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent.startsWith('{len(claims)} of')")
    own = (paginated_site / "claims" / "2" / "index.html").read_text(encoding="utf-8").count("<tr>") - 1
    assert w.page.locator(ROWS).count() == own  # back to the page's own rows
    assert w.page.locator(".tl-pages").first.is_visible()
    assert not w.errors, w.errors


def test_a_claimant_cell_leads_to_the_page_of_that_claimants_figures(demo_site: Path, serve: Any,
                                                                      watched: Any) -> None:
    claims = claims_of(demo_site)
    event = next(e for e in {c["e"] for c in claims} if (demo_site / "events" / e / "index.html").is_file())
    base = serve(demo_site)
    w = watched()
    w.page.goto(f"{base}events/{event}/")
    cell = w.page.locator(".tl-claims-event table tbody tr td:nth-child(3) a").first
    name = cell.text_content().strip()
    cell.click()
    w.page.wait_for_load_state("load")
    assert w.page.url.startswith(base + "claimants/"), w.page.url
    slug = w.page.url[len(base + "claimants/"):].strip("/")
    mine = [c for c in claims if c["s"] == slug]
    assert w.page.locator("h1").first.text_content().strip().removesuffix("¶").strip() in (
        name, "Figures reported without a source")
    assert w.page.locator(".tl-claims-claimant table tbody tr").count() == len(mine) > 0
    figures = w.page.locator(".tl-claims-claimant table tbody td:nth-child(5)").all_text_contents()
    assert sorted(f.strip() for f in figures) == sorted(c["f"] for c in mine)
    # ... and from there to the explorer, filtered to that claimant.
    w.page.click("text=claims explorer")
    w.page.wait_for_function(f"() => /of \\d+ claims/.test((document.querySelector('{COUNT}') || "
                             "{}).textContent || '')")
    assert w.page.text_content(COUNT) == f"{len(mine)} of {len(claims)} claims"
    assert urllib.parse.urlsplit(w.page.url).query == f"claimant={slug}"
    assert not w.errors, w.errors


# Runs in the page: how a claim table sits in a phone's width.
FIT_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('.tl-claims, .tl-claims *, #tl-explorer *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) wide.push(el.tagName + '.' + el.className + ' ' +
      Math.round(box.left) + '..' + Math.round(box.right));
  }
  const tables = [...document.querySelectorAll('.tl-claims table')];
  const rows = tables.flatMap(t => [...t.tBodies[0].rows]).map(r => r.scrollWidth);
  const wraps = [...document.querySelectorAll('.tl-claims .md-typeset__scrollwrap, .tl-claims .md-typeset__table')]
    .map(w => [w.scrollWidth, w.clientWidth]);
  const firstRow = tables.length ? tables[0].tBodies[0].rows[0] : null;
  const cells = firstRow ? [...firstRow.cells].filter(c => getComputedStyle(c).display !== 'none')
    .map(c => [c.getBoundingClientRect().top, getComputedStyle(c, '::before').content]) : [];
  return {width, page: document.documentElement.scrollWidth, wide: wide.slice(0, 5), rows, wraps, cells,
          tables: tables.length};
}
"""


@pytest.mark.parametrize("path", [
    pytest.param("events/2026-01-31-balochistan-raid/", id="event"),
    pytest.param("claims/", id="explorer"),
    pytest.param("claims/?status=contested", id="explorer-filtered"),
    pytest.param("claimants/pakistan-military/", id="claimant"),
    pytest.param("", id="home"),
])
def test_a_claim_row_fits_a_phone_as_label_and_value_pairs(path: str, demo_site: Path, serve: Any,
                                                            watched: Any) -> None:
    base = serve(demo_site)
    w = watched(viewport=PHONE)
    if path.startswith("claims/"):
        w.open_explorer(base + path)
    else:
        w.page.goto(base + path, wait_until="load")
        w.page.wait_for_timeout(300)
    fit = w.page.evaluate(FIT_JS)
    assert fit["tables"] > 0 and fit["rows"], fit
    assert fit["page"] <= fit["width"] == PHONE["width"], fit
    assert not fit["wide"], fit
    assert max(fit["rows"]) <= fit["width"], fit
    assert all(scroll <= client for scroll, client in fit["wraps"]), fit
    # Stacked: each cell of a row on a line of its own, under the one before, with its column's name as label.
    tops = [top for top, _ in fit["cells"]]
    assert tops == sorted(tops) and len(set(tops)) == len(tops) > 2, fit
    assert all(label not in ("none", "normal", '""') for _, label in fit["cells"]), fit
    assert not w.errors, w.errors


def test_filtered_rows_of_hostile_claims_are_text(payload_site: PayloadSite, browser: Any, serve: Any) -> None:
    """The explorer's own rows, made by its script from claims.json, on the payload site: nothing runs, no
    element is made from the claims' text (the Detector of tests/test_browser.py)."""
    claims = claims_of(payload_site.site)
    base = serve(payload_site.site)
    detector = Detector(browser, search=False)
    found = []
    try:
        for query in ("status=single", "claimant=a", "status=contested"):
            url = f"{base}claims/?{query}"
            start = len(detector.dialogs)
            found += detector.visit(url)
            detector.page.wait_for_function(f"() => /of \\d+ claims/.test((document.querySelector('{COUNT}') || "
                                            "{}).textContent || '')")
            detector.page.wait_for_timeout(300)
            found += detector.scan(url) + detector.dialogs_since(start, "dialog")
            rows = detector.page.locator(ROWS).count()
            assert rows > 0 or query == "status=contested", query
            text = detector.page.text_content(COUNT) or ""
            assert text.endswith(f"of {len(claims)} claims") or "first" in text, text
    finally:
        detector.close()
    assert not found, report(found, payload_site.corpus, base)
    assert SUB_PATH in base


@pytest.mark.parametrize("width", [1280, 800])
def test_the_explorer_table_fits_a_desktop_without_sideways_scrolling(width: int, demo_site: Path, serve: Any,
                                                                      watched: Any) -> None:
    base = serve(demo_site)
    w = watched(viewport={"width": width, "height": 900})
    w.open_explorer(base + "claims/?status=contested")
    sizes = w.page.evaluate("() => [...document.querySelectorAll('.tl-claims .md-typeset__scrollwrap')]"
                            ".map(x => [x.scrollWidth, x.clientWidth])")
    assert sizes and all(scroll <= client for scroll, client in sizes), sizes
    assert w.page.locator(f"{ROWS} td:nth-child(8) a").first.is_visible()  # the last column, Source
    assert not w.errors, w.errors


def test_a_full_explorer_page_stays_under_300_kb(paginated_site: Path) -> None:
    """A page of ROWS_PER_PAGE claims (the most a page holds: generator/site/claims.py, paginate), theme included,
    under the site's limit for any page (the claimant pages hold the same rows with one column fewer). The pages
    built hold fewer rows: a full one is measured from the largest, at its bytes per row."""
    pages = [p.read_text(encoding="utf-8") for p in sorted((paginated_site / "claims").rglob("index.html"))]
    assert len(pages) >= 2
    largest = max(pages, key=len)
    rows = re.findall(r"<tr><td>.*?</tr>", largest, re.S)
    assert 0 < len(rows) <= ROWS_PER_PAGE
    per_row = sum(len(r.encode("utf-8")) for r in rows) / len(rows)
    full = len(largest.encode("utf-8")) + (ROWS_PER_PAGE - len(rows)) * per_row
    assert full < 300_000, (len(rows), per_row)
