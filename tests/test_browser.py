"""The built site in a real browser: no script from content runs on any page, whatever the content holds.

A site is built from tests/payloads.py (hostile text in every field a content folder carries: file and
folder names, front matter, curated events and claims, the text, review.yml, actors.yml, timeline.yml),
served over HTTP on 127.0.0.1 under a sub-path, and every .html page is loaded in headless Chromium
(Debian's, driven by Playwright) with a dialog handler. Each page's DOM is searched for event-handler
attributes, script URLs (javascript:, data:, vbscript:), script elements that call alert and elements
carrying a payload token; every link with a script URL is clicked; the Material search box is given payload
queries. Each failure names the page, the element and the payload and field it came from (by its token).

Without Playwright or Chromium the browser tests are skipped with the reason; the check that the corpus
reaches the pages at all runs without a browser. CHROMIUM=/path/to/chromium picks another browser binary.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.payloads import BY_NAME, SHOWN_FIELDS, TOKEN, Corpus, write_corpus, write_review
from tests.test_build_e2e import run_generator
from tests.test_editors import BLAST, project

SUB_PATH = "/sub/path/"
SETTLE_MS = 150  # after the load event: toggle, focus and late error events

# Runs in the page: everything in the DOM that could run script, or that a payload put there.
SCAN_JS = r"""
() => {
  const TOKEN = /xq[a-z]{3}/;
  const SCHEME = /^(javascript|data|vbscript):/i;
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href',
                             'ping', 'cite', 'codebase', 'lowsrc', 'dynsrc', 'manifest', 'icon']);
  // elements no template makes from content: one that carries a token was made by a payload
  const TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img',
                        'image', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta',
                        'video', 'audio', 'source', 'details', 'marquee', 'template', 'noscript', 'portal']);
  const TEXT_TAGS = new Set(['script', 'style']);  // their text is code; other elements' text is just text
  // attributes that hold page names made from titles (links, heading anchors, the table of contents) or
  // text (a shortened title's full text): a token there is text in its place, not a new attribute
  const TEXT_ATTRS = new Set(['href', 'id', 'for', 'name', 'title', 'alt', 'value', 'placeholder']);
  const out = [];
  // the text around an element: names the payload when the value lost its token ([x](javascript:alert('TOK')))
  const context = (el, open) => {
    let text = open + (el.textContent || '');
    for (let n = el.nextSibling; n && text.length < 300; n = n.nextSibling) text += n.textContent || '';
    if (!TOKEN.test(text) && el.parentElement) text = el.parentElement.textContent || '';
    return text.slice(0, 600);
  };
  const all = document.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const tag = el.tagName.toLowerCase();
    const names = el.getAttributeNames();
    const open = ('<' + tag + names.map((n) => ' ' + n + '="' + el.getAttribute(n) + '"').join('')).slice(0, 300) + '>';
    for (const name of names) {
      const value = el.getAttribute(name) || '';
      const lname = name.toLowerCase();
      const url = value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\ufeff]/g, '');
      if (lname.startsWith('on')) {
        out.push({kind: 'event handler', tag, attr: name, value, context: context(el, open)});
      } else if ((URL_ATTRS.has(lname) && SCHEME.test(url)) || lname === 'srcdoc' ||
                 (tag === 'meta' && lname === 'content' && el.hasAttribute('http-equiv') &&  // a refresh;
                  /url=['"]?(javascript|data|vbscript):/i.test(url))) {  // other metas' content is text
        out.push({kind: 'script url', tag, attr: name, value, index: i, context: context(el, open)});
      } else if (!TEXT_ATTRS.has(lname) && !lname.startsWith('aria-') && TOKEN.test(value) && !TAGS.has(tag)) {
        out.push({kind: 'element from content', tag, attr: name, value});  // style=, class=, title= ...
      }
    }
    const ld = tag === 'script' && (el.getAttribute('type') || '').toLowerCase() === 'application/ld+json';
    // the theme's <meta name="description" content="..."> and the link-preview cards of overrides/main.html
    // (og:title, twitter:description ...) hold the page's title and description as text
    const card = /^(description|twitter:[a-z]+)$/.test(el.getAttribute('name') || '') ||
                 /^og:[a-z_]+$/.test(el.getAttribute('property') || '');
    const described = tag === 'meta' && names.length === 2 && names.includes('content') && card;
    const text = TEXT_TAGS.has(tag) ? el.textContent.slice(0, 2000) : '';
    if (tag === 'script' && !ld && /alert|prompt|confirm/.test(text) && TOKEN.test(text)) {
      out.push({kind: 'script element', tag, attr: '', value: text.slice(0, 200)});
    } else if (TAGS.has(tag) && !ld && !described && (TOKEN.test(open) || TOKEN.test(text))) {
      out.push({kind: 'element from content', tag, attr: '', value: (open + ' ' + text.trim()).slice(0, 400)});
    }
  }
  // the templates write one heading 1 per page and no rules: more come from Markdown in content
  const content = document.querySelector('.md-content');
  if (content) {
    const h1 = content.querySelectorAll('h1');
    for (let k = 1; k < h1.length; k++) {
      out.push({kind: 'element from content', tag: 'h1', attr: '', value: '<h1> ' + h1[k].textContent.slice(0, 300)});
    }
    for (const hr of content.querySelectorAll('hr')) {
      const before = hr.previousElementSibling ? hr.previousElementSibling.textContent.slice(-300) : '';
      out.push({kind: 'element from content', tag: 'hr', attr: '', value: '<hr> after ' + before});
    }
  }
  return out;
}
"""
RAW_SCRIPT = re.compile(r"<script(?![^>]*ld\+json)[^>]*>[^<]*(?:alert|prompt|confirm)\s*[(`]", re.I)


# --- browser and server --------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The Chromium binary: $CHROMIUM, else Debian's chromium (or another Chromium or Chrome on PATH)."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium under Playwright; the test is skipped (with the reason) when either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"Playwright for Python is not installed ({exc}); install requirements-dev.lock")
    exe = chromium_path()
    if exe is None:
        chosen = f" (CHROMIUM={os.environ['CHROMIUM']} is not an executable)" if os.environ.get("CHROMIUM") else ""
        pytest.skip(f"Chromium is not installed{chosen}: apt-get install chromium, or set CHROMIUM=/path/to/chromium")
    with sync_playwright() as p:
        # Only 127.0.0.1 resolves: the theme's web fonts and any link a payload holds go nowhere.
        b = p.chromium.launch(executable_path=exe, args=[
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--disable-dev-shm-usage"])
        try:
            yield b
        finally:
            b.close()


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under SUB_PATH, as GitHub project pages would; anything else is a 404."""

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.urlsplit(path).path
        if not clean.startswith(SUB_PATH):
            return os.path.join(str(self.directory), "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser drops connections it no longer needs (an aborted fetch): not a test failure


class Served:
    """A folder served over HTTP on 127.0.0.1 (a free port) under SUB_PATH, in a thread."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_SubPathHandler, directory=str(root))
        self.server = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{SUB_PATH}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def serve() -> Iterator[Any]:
    """serve(folder) -> base URL; every server is shut down after the test."""
    servers: list[Served] = []

    def start(root: Path) -> str:
        servers.append(Served(root))
        return servers[-1].base

    yield start
    for s in servers:
        s.close()


def page_urls(site: Path, base: str) -> list[str]:
    """Every .html page of a site as a URL, directory pages as the directory (how the site links them)."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        rel = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
        urls.append(base + urllib.parse.quote(rel))
    return urls


# --- the detector --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing on one page that ran, or could run, script."""

    page: str
    kind: str  # dialog, dialog on click, event handler, script url, script element, element from content,
    # raw script, load error
    where: str  # the element and attribute
    value: str
    context: str = ""  # the text around the element, when the value alone names no payload

    def origin(self, corpus: Corpus) -> str:
        """The placement(s) the finding comes from: by the token in its value, else by the text around it."""
        if TOKEN.search(self.value) or not self.context:
            return corpus.describe(self.value)
        return "near " + corpus.describe(self.context)

    def tokens(self) -> list[str]:
        return list(dict.fromkeys(TOKEN.findall(self.value) or TOKEN.findall(self.context)))


@dataclass
class Detector:
    """One browser page that visits URLs and reports what ran or could run there.

    With search=False the search index is not fetched: every page would fetch and parse it again for a
    search nobody types there (test_search_... types them).
    """

    browser: Any
    search: bool = True
    dialogs: list[tuple[str, str, str]] = field(default_factory=list)
    current: str = ""

    def __post_init__(self) -> None:
        self.context = self.browser.new_context(service_workers="block")
        self.context.set_default_timeout(30_000)
        if not self.search:
            self.context.route("**/search/search_index.json", lambda route: route.abort())
        self.context.on("page", self._watch)
        self.page = self.context.new_page()

    def _watch(self, page: Any) -> None:  # every page of the context, popups too
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append((self.current, dialog.type, dialog.message))
        try:
            dialog.dismiss()
        except Exception:  # noqa: BLE001 (the page may be gone already)
            pass

    def close(self) -> None:
        self.context.close()

    def dialogs_since(self, start: int, kind: str) -> list[Finding]:
        return [Finding(url, kind, f"{typ}()", msg) for url, typ, msg in self.dialogs[start:]]

    def goto(self, url: str) -> tuple[list[Finding], str]:
        """Load a page and let it settle; (load problems and dialogs, the raw HTML served)."""
        self.current = url
        start = len(self.dialogs)
        try:
            response = self.page.goto(url, wait_until="load")
            raw = response.text() if response is not None else ""
        except Exception as exc:  # noqa: BLE001 (reported as a finding: the page must load)
            return [Finding(url, "load error", "page", str(exc).splitlines()[0])], ""
        self.page.wait_for_timeout(SETTLE_MS)
        return self.dialogs_since(start, "dialog"), raw

    def scan(self, url: str, items: list[dict[str, Any]] | None = None) -> list[Finding]:
        """Everything on the page as it is now (after goto, or after typing in it)."""
        found = []
        for item in self.page.evaluate(SCAN_JS) if items is None else items:
            where = item["tag"] + (f"[{item['attr']}]" if item["attr"] else "")
            found.append(Finding(url, item["kind"], where, item["value"], item.get("context", "")))
        return found

    def visit(self, url: str) -> list[Finding]:
        """Load a page, search its DOM and its raw HTML, click each link with a script URL."""
        found, raw = self.goto(url)
        if found and found[0].kind == "load error":
            return found
        items = self.page.evaluate(SCAN_JS)
        found += self.scan(url, items)
        for m in RAW_SCRIPT.finditer(raw):
            found.append(Finding(url, "raw script", "html source", raw[m.start(): m.end() + 60]))
        links = [it["index"] for it in items if it["kind"] == "script url" and it["tag"] in ("a", "area")]
        for index in links:
            if self.page.url != url:
                self.goto(url)
            start = len(self.dialogs)
            try:
                self.page.evaluate("i => document.querySelectorAll('*')[i].click()", index)
                self.page.wait_for_timeout(300)
            except Exception:  # noqa: BLE001 (a click that navigates away ends the evaluation)
                pass
            found += self.dialogs_since(start, "dialog on click")
        return found


def report(findings: list[Finding], corpus: Corpus | None, base: str, limit: int = 400) -> str:
    """One line per distinct (kind, element, value), with the pages it is on, and a count per payload/field."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.kind, f.where, f.value, f.origin(corpus) if corpus else ""), []).append(f)
    lines = []
    for (kind, where, value, origin), group in sorted(groups.items(),
                                                      key=lambda kv: (kv[0][0], kv[1][0].page, kv[0][1])):
        pages = list(dict.fromkeys(f.page[len(base):] or "/" for f in group))
        shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more pages" if len(pages) > 3 else "")
        lines.append(f"- {kind}: {where} = {value[:160]!r} on {shown}" + (f"\n    <- {origin}" if origin else ""))
    out = lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])
    if corpus is not None:
        by_origin: dict[str, int] = {}
        for f in findings:
            for tok in f.tokens():
                p = corpus.placements.get(tok)
                if p is not None:
                    key = f"{p.payload} in {p.field}"
                    by_origin[key] = by_origin.get(key, 0) + 1
        if by_origin:
            out.append("by payload and field: " + "; ".join(f"{k} ({n})" for k, n in sorted(by_origin.items())))
    return f"{len(findings)} findings, {len(groups)} distinct:\n" + "\n".join(out)


# --- the payload site ----------------------------------------------------------------------------------------


@dataclass
class PayloadSite:
    root: Path
    corpus: Corpus
    site: Path
    build_stderr: str
    seconds: float


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> PayloadSite:
    """The payload corpus built once: read it (export) for the claim ids, write review.yml, build the site."""
    started = time.perf_counter()
    root = project(tmp_path_factory.mktemp("payload-site"), {})
    corpus = write_corpus(root)
    config = ["--config", str(root / "mkdocs.yml")]
    export = run_generator("export", "--content", str(corpus.content), *config, "-o", str(root / "export.json"))
    assert (root / "export.json").is_file(), export.stderr[-5000:]
    write_review(corpus, json.loads((root / "export.json").read_text(encoding="utf-8")))
    result = run_generator("build", "--content", str(corpus.content), "--site-dir", str(root / "site"), *config)
    # Errors in the input (a binary file) make the exit code 1, but the site must be built.
    problems = "\n".join(dict.fromkeys(ln for ln in result.stderr.splitlines()
                                       if re.search(r"^mkdocs: |: error: |Traceback", ln)))
    assert (root / "site" / "index.html").is_file() and "built " in result.stderr, \
        "the payload site was not built:\n" + problems[-8000:]
    assert "Traceback" not in result.stderr, result.stderr[-8000:]
    return PayloadSite(root, corpus, root / "site", result.stderr, time.perf_counter() - started)


@dataclass
class Scan:
    base: str
    pages: list[str]
    findings: list[Finding]
    seconds: float

    def of(self, *kinds: str) -> list[Finding]:
        return [f for f in self.findings if f.kind in kinds]


@pytest.fixture(scope="module")
def payload_scan(payload_site: PayloadSite, browser: Any) -> Iterator[Scan]:
    """Every page of the payload site loaded, searched and its script links clicked, once for the module."""
    served = Served(payload_site.site)
    detector = Detector(browser, search=False)
    started = time.perf_counter()
    try:
        pages = page_urls(payload_site.site, served.base)
        findings: list[Finding] = []
        for url in pages:
            findings += detector.visit(url)
        yield Scan(served.base, pages, findings, time.perf_counter() - started)
    finally:
        detector.close()
        served.close()


def test_the_corpus_reaches_every_field_the_site_shows(payload_site: PayloadSite) -> None:
    """Not vacuous: a token from every field the site shows is on some page (as text, escaped or not)."""
    seen: set[str] = set()
    for page in payload_site.site.rglob("*.html"):
        seen.update(TOKEN.findall(html.unescape(page.read_text(encoding="utf-8", errors="replace"))))
    by_field = payload_site.corpus.by_field()
    missing = [f for f in SHOWN_FIELDS if not any(p.token in seen for p in by_field.get(f, []))]
    assert not missing, f"no payload of these fields reached any page: {missing}"
    pages = list(payload_site.site.rglob("*.html"))
    assert len(pages) > 60, len(pages)


def _text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_titles_and_file_names_show_as_written(payload_site: PayloadSite) -> None:
    """Escaped, not mangled: each article page shows its title and its file exactly as the content has them."""
    data = json.loads((payload_site.site / "data" / "timeline.json").read_text(encoding="utf-8"))
    wrong = []
    for a in data["articles"]:
        page = (payload_site.site / "articles" / a["id"] / "index.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        shown = _text(h1.group(1)).removesuffix("¶").strip() if h1 else None
        if shown != re.sub(r"\s+", " ", a["title"]).strip():
            wrong.append(f"articles/{a['id']}/: title {a['title'][:120]!r} shown as {(shown or '')[:120]!r}")
        file = re.search(r"<strong>File:</strong>\s*<code>(.*?)</code>", page, re.S)
        shown = _text(file.group(1)) if file else None
        if shown != re.sub(r"\s+", " ", a["path"]).strip():
            wrong.append(f"articles/{a['id']}/: file {a['path'][-120:]!r} shown as {(shown or '')[-120:]!r}")
    assert len(data["articles"]) > 50
    assert not wrong, "\n".join(wrong)


def test_the_payload_corpus_builds_without_internal_errors(payload_site: PayloadSite) -> None:
    """Hostile text is reported or shown, never a crash that drops part of the site. The expected errors are
    the binary file and the review file's decisions that match no claim (an unknown id, and curated claims,
    which are changed in front matter): those are errors by design."""
    errors = [ln for ln in payload_site.build_stderr.splitlines()
              if ": error: " in ln and "binary file" not in ln
              and not re.search(r"review\.yml:\d+: error: '\w+' of claim .* matches no claim", ln)]
    assert not errors, "\n".join(f"{ln}\n    <- in the file: {payload_site.corpus.describe(ln)}" for ln in errors)


def test_no_dialog_fires_on_any_page(payload_scan: Scan, payload_site: PayloadSite) -> None:
    assert len(payload_scan.pages) > 60
    bad = payload_scan.of("dialog", "load error")
    assert not bad, "script from content ran on page load:\n" + report(bad, payload_site.corpus, payload_scan.base)


def test_no_link_has_a_script_url_and_clicking_them_runs_nothing(payload_scan: Scan,
                                                                 payload_site: PayloadSite) -> None:
    bad = [f for f in payload_scan.of("script url") if f.where.startswith(("a[", "area["))]
    bad += payload_scan.of("dialog on click")
    assert not bad, ("links with javascript:, data: or vbscript: URLs (and what clicking them ran):\n"
                     + report(bad, payload_site.corpus, payload_scan.base))


def test_no_event_handler_script_or_script_url_in_any_dom(payload_scan: Scan, payload_site: PayloadSite) -> None:
    bad = payload_scan.of("event handler", "script element", "raw script", "script url")
    assert not bad, ("event-handler attributes, script elements or script URLs in the pages:\n"
                     + report(bad, payload_site.corpus, payload_scan.base))


def test_no_element_made_from_content(payload_scan: Scan, payload_site: PayloadSite) -> None:
    """Markup from content (img, iframe, style, form, ...) is shown as text, never made into elements."""
    bad = payload_scan.of("element from content")
    assert not bad, ("elements made from content text:\n" + report(bad, payload_site.corpus, payload_scan.base))


SEARCH_QUERIES = ("img-onerror", "md-image-attr", "script", "attr-breakout")
META_JS = "() => (document.querySelector('.md-search-result__meta') || {}).textContent || ''"


def search(detector: Detector, base: str, query: str) -> tuple[list[Finding], str, list[str]]:
    """Type a query in the Material search box of the home page: (findings, the result count line, result links)."""
    start = len(detector.dialogs)
    found, _ = detector.goto(base)
    page = detector.page
    # the index is loaded when the search says so; a query typed before that can be lost
    page.wait_for_function(f"() => /type to start/i.test(({META_JS})())", timeout=30_000)
    box = page.locator("input[data-md-component='search-query']")
    box.click()  # the search field is in the header at desktop widths
    box.fill(query)
    box.press("End")  # the search runs on key events, as when a person types
    page.wait_for_function(f"() => /matching/i.test(({META_JS})())", timeout=30_000)
    page.wait_for_timeout(SETTLE_MS)
    found += detector.scan(base + "#search:" + query)
    found += detector.dialogs_since(start, "dialog")
    links = [urllib.parse.urljoin(base, h or "") for h in page.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")]
    return found, page.evaluate(META_JS).strip(), links


def test_search_and_highlight_with_payload_queries_run_nothing(payload_site: PayloadSite, browser: Any) -> None:
    """The Material search box given payload queries (its results show payload text), the first result
    opened (search.highlight marks the query in it), and a page opened with ?h=<payload>."""
    served = Served(payload_site.site)
    detector = Detector(browser)
    corpus = payload_site.corpus
    findings: list[Finding] = []
    counts: dict[str, str] = {}
    try:
        queries = [corpus.put(BY_NAME[name], "search query", "(typed in the search box)") for name in SEARCH_QUERIES]
        queries.append("onerror alert")  # plain words: results whose text holds the payloads
        for q in queries:
            found, counts[q], links = search(detector, served.base, q)
            findings += found
            if links:
                findings += detector.visit(links[0])
        article = next(u for u in page_urls(payload_site.site, served.base) if "/articles/" in u)
        q = corpus.put(BY_NAME["img-onerror"], "search query", "(the ?h= highlight parameter)")
        findings += detector.visit(article + "?h=" + urllib.parse.quote(q))
    finally:
        detector.close()
        served.close()
    assert re.match(r"[1-9]\d* matching", counts["onerror alert"]), counts  # results full of payload text
    assert not findings, "search ran or made script:\n" + report(findings, corpus, served.base)


# --- the detector itself -------------------------------------------------------------------------------------

BROKEN = """<!doctype html><html><head><title>broken</title></head><body>
<p>&lt;img src=x onerror=alert('xqzza')&gt; is text and runs nothing</p>
<img src=x onerror=alert('xqzzb')>
<a href="javascript:alert('xqzzc')">click</a>
<div onclick="alert('xqzzd')">no click needed to be found</div>
<script>alert('xqzze')</script>
<script type="application/ld+json">{"name": "\\u003cscript\\u003ealert('xqzzf')"}</script>
<style>.x{color:red} /* xqzzg */</style>
<div class="md-content"><h1>Title</h1><p style="--x:xqzzi" title="xqzza">styled</p><h1>xqzzj</h1><hr></div>
</body></html>
"""


def test_the_detector_catches_a_deliberately_broken_page(tmp_path: Path, browser: Any, serve: Any) -> None:
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean.html").write_text("<!doctype html><title>ok</title><p>&lt;img src=x onerror=alert('xqzzh')"
                                         "&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>", encoding="utf-8")
    base = serve(tmp_path)
    detector = Detector(browser)
    try:
        found = detector.visit(base + "broken.html")
        clean = detector.visit(base + "clean.html")
    finally:
        detector.close()
    got = {(f.kind, tok) for f in found for tok in TOKEN.findall(f.value)}
    assert ("dialog", "xqzzb") in got and ("dialog", "xqzze") in got, found
    assert ("dialog on click", "xqzzc") in got, found
    assert ("script url", "xqzzc") in got, found
    assert ("event handler", "xqzzb") in got and ("event handler", "xqzzd") in got, found
    assert ("script element", "xqzze") in got and ("raw script", "xqzze") in got, found
    assert {("element from content", t) for t in ("xqzzb", "xqzzg", "xqzzi", "xqzzj")} <= got, found
    assert any(f.where == "hr" for f in found), found
    assert not any(tok in ("xqzza", "xqzzf") for _, tok in got), found  # text and JSON-LD data run nothing
    assert clean == [], clean
    text = report(found, None, base)
    assert "broken.html" in text and "xqzzd" in text


def test_the_detector_finds_nothing_on_a_plain_site(tmp_path: Path, browser: Any, serve: Any) -> None:
    """No false alarms from the theme: a site of one ordinary article has no finding on any page."""
    root = project(tmp_path, {"blast.md": BLAST})
    result = run_generator("build", "--content", str(root / "content"), "--site-dir", str(root / "site"),
                           "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    base = serve(root / "site")
    detector = Detector(browser)
    try:
        found = [f for url in page_urls(root / "site", base) for f in detector.visit(url)]
    finally:
        detector.close()
    assert not found, report(found, None, base)


def test_incident_pages_show_the_summary_chart_and_table_without_javascript(tmp_path: Path, browser: Any,
                                                                             serve: Any) -> None:
    """The demo's incident pages with JavaScript off: the summary box, and each chart drawn at a readable size
    with its table of the same figures below it (one row per mark)."""
    result = run_generator("build", "--content", "content", "--site-dir", str(tmp_path / "site"))
    assert (tmp_path / "site" / "index.html").is_file(), result.stderr[-3000:]
    pages = sorted((tmp_path / "site" / "incidents").glob("*/index.html"))
    if not pages:
        pytest.skip("the demo has no incident pages yet")
    base = serve(tmp_path / "site")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(base + path.parent.relative_to(tmp_path / "site").as_posix() + "/")
            assert page.locator("h2#who-claims-what").is_visible(), path
            charts = page.locator("figure.tl-chart svg[role=img]")
            for i in range(charts.count()):
                chart = charts.nth(i)
                box = chart.bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 150, (path, box)
                assert "figures over time" in chart.locator("title").first.text_content()
                marks = chart.locator("g.tl-chart-marks > g").count()
                rows = page.locator("figure.tl-chart").nth(i).locator("xpath=following-sibling::table[1]/tbody/tr")
                assert rows.count() == marks >= 3, (path, marks)
    finally:
        context.close()


def test_the_claim_a_link_lands_on_is_highlighted_and_no_font_is_fetched(tmp_path: Path, browser: Any,
                                                                         serve: Any) -> None:
    """A figure's link highlights its claim on arrival; the pages ask no other host for fonts; dark mode toggles."""
    result = run_generator("build", "--content", "content", "--site-dir", str(tmp_path / "site"))
    assert (tmp_path / "site" / "index.html").is_file(), result.stderr[-3000:]
    article = sorted((tmp_path / "site" / "articles").glob("*/index.html"))[0]
    html_text = article.read_text(encoding="utf-8")
    claim = re.search(r'id="(claim-[0-9a-f]+)"', html_text)
    assert claim and "fonts.googleapis" not in html_text and "fonts.gstatic" not in html_text
    base = serve(tmp_path / "site")
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.goto(f"{base}articles/{article.parent.name}/#{claim.group(1)}")
        style = page.evaluate("getComputedStyle(document.querySelector(':target').parentElement).outlineStyle")
        assert style == "solid"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        page.locator("label[title='Switch to dark mode']").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        context.close()
