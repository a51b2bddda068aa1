"""The demo site as a reader meets it: served under a sub-path the way GitHub project pages serve it.

Every page loads with no console error, no failed request and no request to another host; a crawl of every
page finds each link, stylesheet, script and image under the sub-path (and each #anchor on its page); a
missing address gets the 404 page, styled, with links that stay under the sub-path; the header's search finds a
claimant through Pagefind's index; axe-core finds no critical or serious violation on any page type, in the
light and the dark scheme.
Page types are the site's top-level folders, so pages a later change adds are covered without editing this.
Skipped, with the reason, without Playwright or Chromium (tests.test_browser.browser).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import SUB_PATH, _QuietServer, _SubPathHandler, browser, page_urls  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
SERIOUS = ("critical", "serious")
NOT_PAGES = {"assets", "search", "data", "pagefind"}  # top-level folders of files, not of pages
THEME_CREDIT = "https://squidfunk.github.io/mkdocs-material/"  # the footer's "Made with Material": a plain link


class _PagesHandler(_SubPathHandler):
    """Like GitHub Pages: a missing address under the sub-path gets the site's 404.html, with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        missing = Path(str(self.directory)) / "404.html"
        if code != 404 or not self.path.startswith(SUB_PATH) or not missing.is_file():
            super().send_error(code, message, explain)
            return
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def build_demo(site: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The demo content built into site; no GitHub Actions variables (they would set the site's url)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "GITHUB_REPOSITORY")}
    return subprocess.run([sys.executable, "-m", "generator", "build", "--content", "content", "--site-dir", str(site)],
                          cwd=REPO, capture_output=True, text=True, timeout=300, env={**env, **(env_extra or {})})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site") / "site"
    result = build_demo(root)
    assert (root / "index.html").is_file(), result.stderr[-3000:]
    return root


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served like GitHub project pages on 127.0.0.1, under SUB_PATH: its address."""
    import threading

    server = _QuietServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base(site: Path) -> Any:
    with served(site) as address:
        yield address


def page_types(site: Path, base: str) -> dict[str, str]:
    """{page type: one URL of it}: the home page, each top-level page (timeline/), the first page of each
    folder of pages (events/x/), a missing address (the 404 page) and the home page with search results open."""
    types = {"home": base}
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_PAGES):
        if (folder / "index.html").is_file():
            types[folder.name] = f"{base}{folder.name}/"
        else:
            first = sorted(folder.glob("*/index.html"))
            if first:
                types[folder.name] = f"{base}{folder.name}/{first[0].parent.name}/"
    types["404"] = f"{base}events/no-such-event/"
    types["search"] = base + "#search"
    return types


# --- loading every page ----------------------------------------------------------------------------------------


class Watch:
    """What one page asks for and says while it loads: console errors, failed requests, other hosts."""

    def __init__(self, page: Any, host: str) -> None:
        self.problems: list[str] = []
        self.host = host
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("request", self._request)
        page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
                and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def _console(self, message: Any) -> None:
        # A missing address is served the 404 page with status 404, which Chromium logs against the document.
        if message.type == "error" and not (message.location.get("url") == self.page.url and "404" in message.text):
            self.problems.append(f"console: {message.text} ({message.location.get('url')})")

    def _request(self, request: Any) -> None:
        if urllib.parse.urlsplit(request.url).netloc != self.host:
            self.problems.append(f"outside request: {request.url}")


def test_every_page_loads_with_no_error_and_no_request_to_another_host(site: Path, base: str, browser: Any) -> None:
    context = browser.new_context(service_workers="block")
    problems: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        watch = Watch(page, urllib.parse.urlsplit(base).netloc)
        urls = page_urls(site, base)
        assert len(urls) > 10 and any("/events/" in u for u in urls)
        for url in urls:
            watch.problems = []
            response = page.goto(url, wait_until="networkidle")
            assert response is not None and response.status == 200, url
            if watch.problems:
                problems[url] = watch.problems
    finally:
        context.close()
    assert not problems, problems


# --- the 404 page under a sub-path -----------------------------------------------------------------------------

MISSING = ["events/no-such-event/", "no-such-page", "articles/gone/deeper/", "timeline/nope.html"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_address_gets_the_404_page_styled_with_links_under_the_sub_path(
        site: Path, base: str, browser: Any, missing: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    try:
        page = context.new_page()
        watch = Watch(page, urllib.parse.urlsplit(base).netloc)
        response = page.goto(base + missing, wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.locator("h1").first.text_content() == "404 - Not found"
        # The theme's stylesheet applies: a sticky header, small icons, the page font not the browser's serif.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        tallest = page.evaluate("Math.max(...[...document.querySelectorAll('svg, img')].map("
                                "e => e.getBoundingClientRect().height))")
        assert 0 < tallest <= 48, tallest  # unstyled, the theme's logo and icons fill the page's width
        assert "serif" not in page.evaluate("getComputedStyle(document.body).fontFamily").split(",")[0]
        hrefs = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
        outside = [h for h in hrefs if not h.startswith(base) and h != THEME_CREDIT]
        assert not outside, outside
        assert not watch.problems, watch.problems
        page.locator(".md-content a", has_text="timeline").click()
        page.wait_for_load_state()
        assert page.url == base + "timeline/"
    finally:
        context.close()
    if width == 1280 and missing == MISSING[0] and os.environ.get("SHOTS_DIR"):
        shoot(browser, base + missing, Path(os.environ["SHOTS_DIR"]))


def shoot(browser: Any, url: str, out: Path) -> None:
    """Screenshots of the 404 page for the issue's closing note (SHOTS_DIR=folder)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, width in (("404-desktop.png", 1280), ("404-mobile.png", 390)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(out / name), full_page=True)
        finally:
            context.close()


# --- the crawl -------------------------------------------------------------------------------------------------


class Refs(HTMLParser):
    """The addresses a page links to (a, area) and the ones it loads (link, script, img, source ...), and its ids."""

    LOADS = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "video": "src",
             "audio": "src", "embed": "src", "object": "data", "use": "href", "image": "href"}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("a", "area") and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and a.get("rel") in ("alternate", "canonical") and "href" in a:
            self.links.append(a["href"])  # named, not fetched by the browser
        elif tag in self.LOADS and self.LOADS[tag] in a:
            self.loads.append(a[self.LOADS[tag]])


def source_urls(site: Path) -> set[str]:
    """The articles' own addresses (links to them are allowed; nothing may load from them)."""
    data = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    return {a["url"] for a in data["articles"] if a.get("url")}


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 (127.0.0.1 only)
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_a_crawl_from_the_home_page_finds_every_page_and_no_broken_link_asset_or_outside_request(
        site: Path, base: str) -> None:
    allowed = source_urls(site) | {THEME_CREDIT}
    ids: dict[str, set[str]] = {}
    broken: list[str] = []
    queue, seen = [base], {base}
    status: dict[str, int] = {}
    anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        code, body = fetch(url)
        status[url] = code
        refs = Refs()
        refs.feed(body.decode("utf-8"))
        ids[url] = refs.ids
        for kind, targets in (("link", refs.links), ("asset", refs.loads)):
            for ref in targets:
                target, _, fragment = urllib.parse.urljoin(url, ref).partition("#")
                if not target.startswith(base):
                    if kind == "asset" or target not in allowed:
                        broken.append(f"{url}: {kind} outside the site: {ref}")
                    continue
                if target not in status:
                    status[target] = fetch(target)[0]
                if status[target] != 200:
                    broken.append(f"{url}: {kind} {ref} -> HTTP {status[target]}")
                elif target.endswith("/") and target not in seen:
                    seen.add(target)
                    queue.append(target)
                if fragment:
                    anchors.append((url, target, urllib.parse.unquote(fragment)))
    broken += [f"{url}: no #{frag} on {target}" for url, target, frag in anchors
               if target in ids and frag not in ids[target]]
    assert not broken, "\n".join(broken[:50])
    every = set(page_urls(site, base)) - {base + "404.html"}
    # The pages at old addresses (content/redirects.yml: e.g. an event that has no page now) are linked from
    # nowhere: each sends the reader to a page the crawl reached, to an anchor that page has.
    moved = {url for url in every if b'http-equiv="refresh"' in fetch(url)[1]}
    for url in moved:
        ref = fetch(url)[1].decode("utf-8").split('http-equiv="refresh" content="0; url=')[1].split('"')[0]
        target, _, fragment = urllib.parse.urljoin(url, html.unescape(ref)).partition("#")
        assert target in seen and (not fragment or fragment in ids[target]), (url, ref)
    assert every - moved <= seen, sorted(every - moved - seen)  # every page can be reached from the home page


# --- search ----------------------------------------------------------------------------------------------------

META = "(document.querySelector('.md-search-result__meta') || {}).textContent || ''"


def claimants(site: Path) -> list[str]:
    """The demo's claimants, most figures first."""
    with (site / "data" / "claims.csv").open(encoding="utf-8") as f:
        counted = Counter(r["claimant"] for r in csv.DictReader(f) if r["claimant"])
    return [name for name, _ in counted.most_common()]


def open_search(page: Any, base: str, query: str) -> list[str]:
    """Type a query in Material's search box on the home page; the result links."""
    page.goto(base, wait_until="networkidle")
    page.wait_for_function(f"() => /type to start/i.test({META})", timeout=30_000)
    box = page.locator("input[data-md-component='search-query']")
    if page.viewport_size["width"] < 960:  # narrower, the header has a search button instead of the field
        page.locator(".md-header label[for='__search']").first.dispatch_event("click")
        page.wait_for_timeout(300)
    box.focus()
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => /matching/i.test({META})", timeout=30_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


def test_search_finds_a_claimant(site: Path, base: str, browser: Any) -> None:
    """Through Pagefind's index (generator.site.search): its script, WebAssembly, the index chunks of the words
    and a fragment per result; the theme's settings file holds no documents."""
    name = claimants(site)[0]
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("requestfinished", lambda r: asked.append(r.url.removeprefix(base)))
        links = open_search(page, base, name)
        assert links, f"no result for {name!r}"
        searched = [url for url in asked if url.startswith("pagefind/")]
        assert {"pagefind/pagefind.js", "pagefind/wasm.en.pagefind"} <= set(searched), asked
        assert any(u.startswith("pagefind/index/") for u in searched), asked
        assert 1 <= sum(u.startswith("pagefind/fragment/") for u in searched) <= 20, asked
        assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
        page.goto(links[0])
        assert name.lower() in page.locator(".md-content").inner_text().lower(), (name, links[0])
    finally:
        context.close()


def test_search_finds_through_an_index_in_parts(site: Path, base: str, browser: Any,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    """The demo built with its index in parts of 8 pages (generator.site.search, TIMELINE_SEARCH_PAGES): the
    worker merges every part, and a query finds as many pages as one index finds."""
    parted = tmp_path_factory.mktemp("parted") / "site"
    result = build_demo(parted, {"TIMELINE_SEARCH_PAGES": "8"})
    parts = json.loads((parted / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert len(parts["pagefind_parts"]) >= 2, result.stderr[-3000:]
    name = claimants(site)[0]
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        open_search(page, base, name)
        whole = page.evaluate(META)
        asked: list[str] = []
        page.on("requestfinished", lambda r: asked.append(r.url))
        with served(parted) as parted_base:
            assert open_search(page, parted_base, name)
            # as many pages found (the theme lists ten at a time, and each part ranks by its own word counts)
            assert page.evaluate(META) == whole and "matching documents" in whole, (page.evaluate(META), whole)
        for part in parts["pagefind_parts"]:
            assert any(f"pagefind/{part}pagefind-entry.json" in url for url in asked), (part, asked)
        assert not [url for url in asked if "/part-" in url and ("wasm" in url or url.endswith(".js"))], asked
    finally:
        context.close()


# --- accessibility ---------------------------------------------------------------------------------------------


# Tables wider than the page that a keyboard cannot scroll (assets/a11y.js gives them a tab stop).
UNREACHABLE_SCROLL = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1 && w.tabIndex !== 0).map(w => w.textContent.slice(0, 80))"""


@functools.cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """axe-core's critical and serious violations on the page as it is now: 'rule (impact): element'."""
    page.add_script_tag(content=axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {' '.join(map(str, n['target']))}: {n.get('failureSummary', '')[:200]}"
            for v in result["violations"] if v["impact"] in SERIOUS for n in v["nodes"]]


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 1280), ("light", 390)])
def test_no_critical_or_serious_axe_violation_on_any_page_type(site: Path, base: str, browser: Any,
                                                               scheme: str, width: int) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800},
                                  service_workers="block")
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for kind, url in page_types(site, base).items():
            if kind == "search":
                open_search(page, base, claimants(site)[0])
                page.locator(".md-search-result__link").first.hover()  # a result under the pointer, highlighted
            else:
                page.goto(url, wait_until="networkidle")
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected, kind
            found[kind] = axe_violations(page) + [f"a table scrolls sideways but takes no focus: {w}" for w in
                                                  page.evaluate(UNREACHABLE_SCROLL)]
    finally:
        context.close()
    assert {"home", "events", "articles", "404", "search"} <= set(found), found.keys()
    bad = {kind: v for kind, v in found.items() if v}
    assert not bad, "\n".join(f"{kind}: {line}" for kind, lines in bad.items() for line in lines)
