"""Saved web pages (.html, .htm): the article's text and metadata taken with trafilatura and htmldate.

Editors collect most clippings as pages saved from the browser. trafilatura finds the article's text among
the page's menus, sidebars and banners, and its title, author, date and site name in the markup (meta tags,
JSON-LD, <time>); htmldate (inside trafilatura, and once more with its wider search when the markup has no
date) reads dates. The page becomes a clipping with front matter, which import_clipping reads like any other:
the same cleaning, wire datelines, boilerplate and file naming. Nothing is fetched: no network, and no date
from the machine's clock (htmldate's latest date is fixed, not "today").
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.diagnostics import Code, Diagnostic, Location
from generator.inputs.clippings import OUTLET_DOMAINS, outlet_from_url, outlet_name
from generator.inputs.importer import Imported, import_clipping, render_article
from generator.text import clean_inline, shorten

# htmldate's bounds: fixed, so a page reads the same on any day (its default latest date is the end of today).
MIN_DATE, MAX_DATE = "1995-01-01", "2100-12-31"
MIN_WORDS = 20  # less text than this is not an article: a page without one still yields its menu or cookie notice
# The markup only (meta tags, JSON-LD, <time>, the url): never a date in the article's sentences.
_MARKUP_DATES = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
                 "min_date": MIN_DATE, "max_date": MAX_DATE}


@dataclass
class Page:
    """What a saved page gave: front-matter fields, the text's paragraphs and where each starts in the page."""

    fields: dict[str, Any] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    page_lines: list[int] = field(default_factory=list)  # the page's line of each paragraph (1 when not found)
    guess: str | None = None  # htmldate's wider search, when the markup has no date
    diags: list[Diagnostic] = field(default_factory=list)


def import_page(raw: bytes, rel: str, filename: str, config: Config) -> Imported:
    """A saved web page as an article file (text and name) plus diagnostics at the page's lines; no I/O."""
    page = read_page(raw, rel)
    if not page.paragraphs:
        return Imported(None, None, page.diags)
    name = Path(filename).with_suffix(".md").name  # read as an article with front matter; the stem names it
    result = _import_fields(page, page.fields, rel, name, config)
    if result.date is None and page.guess is not None:
        # Neither the markup nor the text dates it: htmldate's search of the page's text and address does.
        result = _import_fields(page, page.fields | {"date": page.guess}, rel, name, config)
        note = f"publication date {page.guess} guessed by htmldate from the page's text or address, not its markup"
        result.diagnostics.append(Diagnostic(Location(rel, 1), "warning", f"{note}; check it", Code.IMPORT_FOUND))
    return result


def _import_fields(page: Page, fields: dict[str, Any], rel: str, name: str, config: Config) -> Imported:
    """Import the page's clipping; its diagnostics point at the page's lines, not the clipping's."""
    text = render_article(fields, page.paragraphs)
    result = import_clipping(text.encode("utf-8"), rel, name, config)
    lines = text.split("\n")
    body = lines.index("---", 1) + 1
    where: dict[int, int] = {}
    k = 0
    for i in range(body, len(lines)):
        if k < len(page.paragraphs) and lines[i] == page.paragraphs[k]:
            where[i + 1] = page.page_lines[k]
            k += 1
    result.diagnostics = page.diags + [replace(d, location=Location(rel, where.get(d.location.line, 1)))
                                       for d in result.diagnostics if d.code != Code.NO_TITLE]
    result.removed = [(where.get(line, 1), text) for line, text in result.removed]
    return result


def read_page(raw: bytes, rel: str) -> Page:
    """The page's fields and paragraphs (trafilatura), or diagnostics saying why there are none."""
    loc = Location(rel, 1)
    if b"\x00" in raw[:8192]:
        return Page(diags=[Diagnostic(loc, "error", "binary file (NUL bytes), not a web page; skipped",
                                      Code.FILE_BINARY)])
    try:
        doc, tree = _extract(raw)
    except Exception as exc:  # trafilatura and lxml raise assorted errors on odd input: one page, never the run
        return Page(diags=[Diagnostic(loc, "error", f"cannot read the page ({type(exc).__name__}: "
                                                    f"{shorten(str(exc), 60)}); skipped", Code.IMPORT_SKIPPED)])
    text = (doc.text or "") if doc is not None else ""
    paragraphs = [p for p in (clean_inline(ln) for ln in text.split("\n")) if p]
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_WORDS:  # a menu or a cookie notice, all that is left of a page with no article
        shown = f" (only '{shorten(' '.join(paragraphs), 40)}')" if paragraphs else ""
        return Page(diags=[Diagnostic(loc, "warning", f"no article text found in the page{shown}; nothing to import",
                                      Code.NO_TEXT)])
    page = Page(paragraphs=paragraphs, page_lines=_page_lines(raw, paragraphs))
    title = clean_inline(doc.title or "")
    source = _outlet(doc, tree, title, rel, page.diags)
    page.fields = {"title": title, "date": doc.date, "source": source, "url": doc.url,
                   "author": clean_inline(doc.author or "") or None}
    found = [k for k in ("title", "date", "author", "url") if page.fields[k]]
    page.diags.append(Diagnostic(loc, "info", f"read as a saved web page: {', '.join(found) or 'nothing'} "
                                              "found in its markup", Code.IMPORT_FOUND))
    if not title:
        page.diags.append(Diagnostic(loc, "warning", "the page names no title (no <title>, headline or og:title); "
                                                     "the title is the text's first sentence", Code.IMPORT_MISSING))
    if not doc.date:
        page.guess = _wider_date(raw, doc.url, loc, page.diags)
    return page


def _extract(raw: bytes) -> tuple[Any, Any]:
    """trafilatura's document (text and metadata) and the parsed page; imported here, as loading them is slow."""
    import trafilatura
    from trafilatura.utils import load_html

    for name in ("trafilatura", "htmldate"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # their notes would interleave with our diagnostics
    tree = load_html(raw)
    if tree is None:
        return None, None
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_images=False,
                                      include_links=False, date_extraction_params=dict(_MARKUP_DATES))
    return doc, tree


def _outlet(doc: Any, tree: Any, title: str, rel: str, diags: list[Diagnostic]) -> str | None:
    """The outlet: a known site by its url, else the site's name in the markup, else the other half of a
    '<headline> - <site>' <title>. None leaves it to the text's lines and the url's domain."""
    known = outlet_from_url(doc.url) if doc.url else None
    if known in OUTLET_DOMAINS.values():
        return known
    if doc.sitename:
        return outlet_name(clean_inline(doc.sitename)) or clean_inline(doc.sitename)
    from trafilatura.metadata import examine_title_element

    _, first, second = examine_title_element(tree) if tree is not None else ("", None, None)
    other = second if first and clean_inline(first) == title else first if second and clean_inline(second) == title \
        else None
    name = outlet_name(clean_inline(other)) if other else None
    if name:
        diags.append(Diagnostic(Location(rel, 1), "info", f"outlet '{name}' taken from the page's <title>, after the "
                                                          "headline", Code.IMPORT_FOUND))
    return name


def _wider_date(raw: bytes, url: str | None, loc: Location, diags: list[Diagnostic]) -> str | None:
    """htmldate's wider search (the page's text and address); a bare year (htmldate says YYYY-01-01, as for a
    copyright line) dates nothing, so it is reported, not used."""
    from htmldate import find_date

    try:
        guess = find_date(raw, extensive_search=True, original_date=True, outputformat="%Y-%m-%d", url=url,
                          min_date=MIN_DATE, max_date=MAX_DATE)
    except Exception:  # htmldate on odd input: no date, as if none were found
        return None
    if guess and guess.endswith("-01-01"):
        diags.append(Diagnostic(loc, "info", f"the page names only a year ({guess[:4]}), not a publication date",
                                Code.IMPORT_MISSING))
        return None
    return guess


def _page_lines(raw: bytes, paragraphs: list[str]) -> list[int]:
    """The line of the page where each paragraph starts: found by its first words; 1 when markup splits them."""
    page = html.unescape(raw.decode("utf-8", errors="replace"))
    out = []
    for p in paragraphs:
        m = re.search(r"\s+".join(re.escape(w) for w in p.split()[:6]), page)
        out.append(page.count("\n", 0, m.start()) + 1 if m else 1)
    return out
