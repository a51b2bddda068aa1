"""Page names of the articles (articles/<name>/): the front matter's `slug:` when it is a safe name, else the
title's words (else the file name's).

Names are given after every file is read, so that a `slug:` an editor chose keeps its page even when an article
read earlier derives the same name from its title: chosen names first, then derived ones, each group in file
order. A second claim to a name gets `-2` (then `-3` ...) with a warning at the line that asked for it, so the
outcome depends on the files alone, never on chance.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.diagnostics import Code, Diagnostic, Location
from generator.models import Article
from generator.text import slugify

FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
# A page named "index" would be the folder's own page (articles/), not articles/index/.
RESERVED = frozenset({"index"})


def page_base(title: str, filename: str) -> str:
    """Page name from the title's words; from the file name when the title has no Latin letters (RTL, CJK)."""
    stem = Path(filename).stem
    return slugify(title) or slugify(FILENAME_DATE.sub("", stem)) or slugify(stem) or \
        "article-" + hashlib.sha1(filename.encode("utf-8", "replace")).hexdigest()[:8]


def valid_slug(value: str) -> bool:
    """A page name that is safe in a path and a URL as it is: lower-case ASCII letters, digits, single hyphens."""
    return len(value) <= SLUG_MAX and bool(SLUG.match(value)) and value not in RESERVED


def read_slug(meta: dict[str, Any], line: int, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The front matter's `slug:` when it can name a page, else None with a warning at its line."""
    value = meta.get("slug")
    if value in (None, ""):
        return None, []
    if isinstance(value, str) and valid_slug(value.strip()):
        return value.strip(), []
    return None, [Diagnostic(Location(rel, line), "warning",
                             f"slug {str(value)[:80]!r} cannot name a page (lower-case letters a-z, digits and "
                             f"single hyphens, at most {SLUG_MAX} characters, not 'index'); the page is named from "
                             "the title", Code.SLUG_INVALID)]


def name_pages(articles: list[Article]) -> tuple[list[Article], list[Diagnostic]]:
    """Give every article a unique page name: chosen slugs first, then derived names, each in file order."""
    taken: dict[str, Article] = {}
    names: dict[int, str] = {}
    diags: list[Diagnostic] = []
    chosen = [(n, a) for n, a in enumerate(articles) if a.slug]
    derived = [(n, a) for n, a in enumerate(articles) if not a.slug]
    for n, a in chosen + derived:
        base = a.slug or page_base(a.title, Path(a.file).name or a.path)
        name = unique_name(base, taken)
        if name != base:
            diags.append(_clash(a, base, name, taken[base]))
        taken[name] = a
        names[n] = name
    return [a if a.id == names[n] else replace(a, id=names[n]) for n, a in enumerate(articles)], diags


def unique_name(base: str, taken: dict[str, Article] | set[str]) -> str:
    """base, or base-2, base-3 ... : the first that is not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _clash(a: Article, base: str, name: str, holder: Article) -> Diagnostic:
    """Say which article holds the name this one asked for, and where this one's page is instead."""
    if a.slug:
        return Diagnostic(Location(a.path, a.slug_line), "warning",
                          f"slug '{base}' is already the page of {holder.path}; this article's page is "
                          f"articles/{name}", Code.SLUG_TAKEN)
    return Diagnostic(a.location, "warning", f"title makes the same page name '{base}' as {holder.path}; this "
                                             f"article's page is articles/{name}", Code.PAGE_NAME_TAKEN)
