"""The claims explorer and the claimant pages: every claim row of the site, flat, as pages and as data/claims.json.

One entry per claim row (generator.site.export.claim_rows), in event-date order. The explorer lists them all,
in pages of up to ROWS_PER_PAGE rows (a page of every claim of 1,000 articles would weigh megabytes); its
script (templates/assets/explorer.js) filters all of them from data/claims.json. Each claimant has a page of
every figure they gave, in the order they gave them, paginated the same way.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.escape import cell, html_text
from generator.events import CATEGORY_ORDER
from generator.models import Article, ClaimRow, Event, Incident, Timeline, figure_label
from generator.site.export import Writable, claim_rows
from generator.site.lanes import page_url
from generator.site.packed import Text
from generator.site.rendermemo import PageMemo
from generator.text import slugify

# Rows per explorer or claimant page: about 550 bytes of HTML a row, so a full page stays near 250 KB of HTML
# with the theme's own ~35 KB (measured on the 1,000-article benchmark corpus).
ROWS_PER_PAGE = 400
CLAIMANTS_PER_PAGE = 1000  # rows of the claimants index, about 200 bytes each
UNATTRIBUTED = "unattributed"  # the slug and the name shown for figures given without naming a source
RESERVED_SLUGS = frozenset({"index"})  # claimants/index.md is the claimants index

T = TypeVar("T")
# claims.json explains itself: its keys are short, since 1,000 articles give thousands of records.
ABOUT = ("One record per claim row. i: incident id, e: event id, c: category, f: figure as shown, q: quantity (the "
         "upper end of a range; null for vague amounts), n: claimant (null: unattributed), s: claimant page slug "
         "(claimants/<s>/), o: stated on (YYYY-MM-DD), t: status, p: spread of a contested figure, w: why it has "
         "its status, r: sources as [article id, claim id] (anchor #claim-<claim id> of the article page). "
         "events: id -> [title, date, precision]; articles: id -> [outlet label, published label].")


@dataclass(frozen=True)
class Entry:
    """One claim row as the explorer and the claimant pages list it."""

    row: ClaimRow
    event: Event
    incident: Incident | None
    slug: str  # the claimant's page, claimants/<slug>.md
    stated_on: str | None  # the earliest day one of its reports says it was stated (YYYY-MM-DD)

    def digest_parts(self) -> tuple[Any, ...]:
        """Digested part by part (generator/site/rendermemo.py): the event and incident are shared by many entries."""
        return self.row, self.event, self.incident, self.slug, self.stated_on


def claimant_slugs(t: Timeline) -> dict[str | None, str]:
    """Claimant name (None: unattributed) -> page name: ASCII, stable, unique. Names are taken in sorted order
    (unattributed first), so when two names make the same slug the later one gets -2, then -3, and adding a
    claimant never renames the page of one that sorts before it."""
    names = {r.claimant for _, r in claim_rows(t)}
    out: dict[str | None, str] = {}
    taken = set(RESERVED_SLUGS)
    for name in sorted(names, key=lambda n: (n is not None, n or "")):
        base = slugify(name) if name is not None else UNATTRIBUTED
        base = base or "claimant"  # a name of symbols only ("???", or only non-Latin letters)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[name] = slug
    return out


def row_stated_on(r: ClaimRow) -> str | None:
    """The earliest day a report of the row says it was stated (else its publication day), None when undated."""
    days = [c.stated_on[:10] for c in r.claims if c.stated_on]
    return min(days) if days else None


def entries_of(t: Timeline, slugs: dict[str | None, str], incident_of: dict[str, Incident]) -> list[Entry]:
    """Every claim row, by event date (undated events last), event id, then table order."""
    order = {e.id: (e.start is None, e.start or "", e.id) for e in t.events}
    rows = sorted(enumerate(claim_rows(t)), key=lambda x: (order[x[1][0].id], x[0]))
    return [Entry(r, e, incident_of.get(e.id), slugs[r.claimant], row_stated_on(r)) for _, (e, r) in rows]


def claimant_link(slugs: dict[str | None, str], name: str | None, root: str, label: str | None = None) -> str:
    """A claimant as a Markdown link to their page (escaped for a table cell, which suits list text too); the
    name alone, escaped, when it has no page (a rejected claim's claimant gave no figure of the tables)."""
    text = cell(label if label is not None else (name or UNATTRIBUTED))
    slug = slugs.get(name)
    return f"[{text}]({root}claimants/{slug}.md)" if slug else text


def claimant_anchor(slugs: dict[str | None, str], name: str | None, here: str, label: str | None = None) -> str:
    """claimant_link for a table emitted as raw HTML on the page made from `here`: an <a> with the final URL
    (MkDocs rewrites Markdown links only)."""
    text = html_text(label if label is not None else (name or UNATTRIBUTED))
    slug = slugs.get(name)
    return f'<a href="{html_text(page_url(f"claimants/{slug}.md", here))}">{text}</a>' if slug else text


def paginate(items: list[T], per_page: int, key: Callable[[T], str] | None = None) -> list[list[T]]:
    """Items in pages of at most per_page; one empty page when there is nothing (the page still exists and says so).

    Without a key, every page but the last holds per_page. With one, a page ends where an item's key says so
    (_ends_page), after at least half of per_page items: inserting or removing an item changes its own page, not
    every page after it, as counting per_page from the start would. In `mkdocs serve` a save that adds a claim
    then redraws one page of the explorer (and of the claimant), not the rest of them (1,000 articles: nine
    pages of 400 rows, about 2 MB of HTML, in every save)."""
    if key is None:
        return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    least, chance = max(1, per_page // 2), max(1, per_page // 4)
    pages: list[list[T]] = [[]]
    for item in items:
        page = pages[-1]
        if len(page) >= per_page or (len(page) >= least and _ends_page(key(page[-1]), chance)):
            page = []
            pages.append(page)
        page.append(item)
    return pages


def _ends_page(key: str, chance: int) -> bool:
    """Whether a page may end after the item of this key: one item in `chance`, the same for that item in every
    build (a hash of the key, not of its place)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % chance == 0


def page_paths(first: str, count: int) -> list[str]:
    """'claims.md', 'claims/2.md', 'claims/3.md' ...: the first page keeps its name, the others go under it."""
    folder = first.removesuffix(".md")
    return [first] + [f"{folder}/{n}.md" for n in range(2, count + 1)]


def root_of(path: str) -> str:
    """The relative prefix from a page to the site root: '' for claims.md, '../../' for claims/2/x.md."""
    return "../" * path.count("/")


def pager(paths: list[str], current: int) -> str:
    """Markdown links to every page of a paginated list, the current one in bold; '' for a single page."""
    if len(paths) < 2:
        return ""
    here = posixpath.dirname(paths[current]) or "."
    links = [f"**{n}**" if i == current else f"[{n}]({posixpath.relpath(p, here)})"
             for i, (p, n) in enumerate(zip(paths, range(1, len(paths) + 1), strict=True))]
    return f'Page {current + 1} of {len(paths)}: ' + " · ".join(links)


def write_claims_json(out: Writable, t: Timeline, entries: list[Entry], published: Callable[[Article], str],
                      labels: dict[str, str], source_label: Callable[[Article], str]) -> None:
    """data/claims.json, written into out: the explorer's data, compact. Titles and outlets are given once in
    lookup tables; each claim names its incident, event and sources by id. One claim a line, so the file diffs
    well. Written a line at a time (the site's copy goes straight into its file, generator/site/sidecar.py)."""
    by_id = {a.id: a for a in t.articles}
    used = {c.article_id for en in entries for c in en.row.claims}
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    head: dict[str, Any] = {
        "about": ABOUT,
        "incidents": [[i.id, i.title] for i in t.incidents],
        "events": {e.id: [e.title, e.start, e.precision] for e in t.events},
        "articles": {a.id: [source_label(by_id[a.id]), published(by_id[a.id])] for a in t.articles if a.id in used},
        "categories": sorted({en.row.category for en in entries}, key=lambda c: (rank.get(c, len(rank)), c)),
        "statuses": [[s, labels.get(s, s)] for s in sorted({en.row.status for en in entries})],
    }
    head["claims"] = (_record(en) for en in entries)
    out.write("{")
    for n, (key, value) in enumerate(head.items()):
        out.write(f"{',' if n else ''}\n {_compact(key)}: ")
        _write_block(out, value)
    out.write("\n}\n")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_block(out: Writable, value: Any) -> None:
    """A list (or a generator of its items) or a table, one item a line; anything else on its line."""
    if isinstance(value, dict):
        items: Iterator[str] = (f"{_compact(k)}:{_compact(v)}" for k, v in value.items())
        opening, closing = "{", "}"
    elif isinstance(value, (list, Iterator)):
        items, opening, closing = (_compact(v) for v in value), "[", "]"
    else:
        out.write(_compact(value))
        return
    empty = True
    for item in items:
        out.write(f"{opening}\n  {item}" if empty else f",\n  {item}")
        empty = False
    out.write(opening + closing if empty else f"\n {closing}")


def _record(en: Entry) -> dict[str, Any]:
    r = en.row
    return {"id": r.id, "i": en.incident.id if en.incident else None, "e": en.event.id, "c": r.category,
            "f": figure_label(r), "q": r.upper if r.upper is not None else r.quantity, "n": r.claimant,
            "s": en.slug, "o": en.stated_on, "t": r.status, "p": r.spread or "", "w": r.why,
            "r": [[c.article_id, c.id] for c in r.claims]}


def by_claimant(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Slug -> the claimant's rows, in the order stated (undated last), then in explorer order."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for en in entries:
        out[en.slug].append(en)
    return {slug: sorted(rows, key=lambda en: (en.stated_on is None, en.stated_on or ""))
            for slug, rows in sorted(out.items())}


@dataclass(frozen=True)
class Claimant:
    """One line of the claimants index, and the head of a claimant's page."""

    name: str | None
    slug: str
    figures: int
    contested: int
    events: int
    incidents: int
    first: str | None  # the first and last day they stated a figure
    last: str | None


def entry_key(en: Entry) -> str:
    """What decides whether an explorer or claimant page may end after this row (paginate): its row's id."""
    return en.row.id


def summarise(slug: str, rows: list[Entry]) -> Claimant:
    """Counts for a claimant's rows (in the order stated, as by_claimant gives them)."""
    days = [en.stated_on for en in rows if en.stated_on]
    return Claimant(rows[0].row.claimant, slug, len(rows), sum(en.row.status == "contested" for en in rows),
                    len({en.event.id for en in rows}), len({en.incident.id for en in rows if en.incident}),
                    min(days, default=None), max(days, default=None))


def render_claim_pages(env: Any, memo: PageMemo, entries: list[Entry], data: dict[str, str]) -> dict[str, Text]:
    """The explorer (claims.md, claims/2.md ...), a page per claimant and the claimants index, as Markdown (through
    memo: a page whose rows and numbers did not change is the last build's, generator/site/rendermemo.py). data:
    {export name: its path in the site} (generator/site/datafiles.py), which the explorer links and reads."""
    # The explorer: pages of up to ROWS_PER_PAGE claims, each ending where a row's id says (paginate); its script
    # filters all of them.
    pages = render_paginated(env.get_template("claims.md.j2"), memo, "claims.md", entries, ROWS_PER_PAGE,
                             {"data": data}, key=entry_key)
    summaries = []
    for slug, rows in by_claimant(entries).items():
        who = summarise(slug, rows)
        summaries.append(who)
        heading = who.name if who.name is not None else "Figures reported without a source"
        # The counts head the first page only: a later page stays as it was when a figure is added before it.
        pages.update(render_paginated(env.get_template("claimant.md.j2"), memo, f"claimants/{slug}.md", rows,
                                      ROWS_PER_PAGE, {"name": who.name, "slug": slug, "heading": heading},
                                      key=entry_key, heads=vars(who)))
    # The index: alphabetical, as readers look a name up; the unattributed figures last.
    summaries.sort(key=lambda c: (c.name is None, (c.name or "").casefold(), c.slug))
    pages.update(render_paginated(env.get_template("claimants.md.j2"), memo, "claimants/index.md", summaries,
                                  CLAIMANTS_PER_PAGE, key=lambda c: c.slug))
    return pages


def render_paginated(tpl: Any, memo: PageMemo, first: str, items: list[Any], per_page: int,
                     extra: dict[str, Any] | None = None, key: Callable[[Any], str] | None = None,
                     heads: dict[str, Any] | None = None) -> dict[str, Text]:
    """A list as pages of up to per_page rows (paginate; key: where pages end): first ('claims.md'), then first's
    folder /2.md, /3.md ... A page's inputs are its rows and the values it is given: extra, and for the first page
    only, heads and the number of items (`total`). A later page shows no count, so a row added elsewhere leaves it
    as it was (paginate)."""
    chunks = paginate(items, per_page, key)
    paths = page_paths(first, len(chunks))
    pages: dict[str, Text] = {}
    for n, (path, rows) in enumerate(zip(paths, chunks, strict=True)):
        values = {**(extra or {}), "page": n + 1, "root": root_of(path), "here": path, "pager": pager(paths, n),
                  "per_page": per_page}
        if n == 0:
            values.update(heads or {}, total=len(items))
        pages[path] = memo.render(path, functools.partial(_draw_rows, tpl, values, rows), tpl.name, values,
                                  each=rows)
    return pages


def _draw_rows(tpl: Any, values: dict[str, Any], rows: list[Any], ctx: dict[str, Any]) -> str:
    return tpl.render(**ctx, **values, rows=rows)
