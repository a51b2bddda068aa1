"""Rendering stage: the Timeline becomes Markdown pages (strings), ready for MkDocs. No I/O but templates."""

from __future__ import annotations

import functools
import re
import weakref
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, Template

from generator.dates import paragraph_starts
from generator.escape import attr, cell, code, html_text, md, meta_title, safe_url
from generator.events import CATEGORY_ORDER
from generator.events.pages import event_page, has_page
from generator.inputs.files import content_relative, content_relative_text
from generator.models import (
    Article,
    CategorySummary,
    Claim,
    ClaimRow,
    DateMention,
    Event,
    Incident,
    Timeline,
    figure_label,
)
from generator.site.bundles import bundle_assets
from generator.site.charts import chart_svg
from generator.site.claims import (
    claimant_anchor,
    claimant_link,
    claimant_slugs,
    entries_of,
    render_claim_pages,
    write_claims_json,
)
from generator.site.datafiles import compressed, export_paths
from generator.site.daytext import day_span, human_date
from generator.site.export import timeline_data, write_compact_json, write_csv
from generator.site.feed import atom_feed, robots_txt
from generator.site.lanes import incident_svg, page_url
from generator.site.linkeddata import article_ld, event_ld
from generator.site.months import PAGINATE_AT, incident_months, render_timeline
from generator.site.packed import Deferred, Pages, Text
from generator.site.rendermemo import PageMemo, RenderCache, page_memo
from generator.site.schema import schema_json
from generator.text import shorten

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
STATUS_LABEL = {"contested": "contested", "corroborated": "corroborated", "single": "single source",
                "revised": "revised later", "agreeing": "agrees within qualifiers"}


def published_label(a: Article, inferred: str | None = None) -> str:
    """Publication date as shown: with time when known, else 'undated', 'undated (inferred: …)' or '(placed on …)'."""
    if a.published:
        label = human_date(a.published)
        if len(a.published) > 10 and a.published[11:16] != "00:00":
            label += " " + a.published[11:16]
        return label
    if a.date_origin == "inferred" and a.published_day:
        return f"undated (inferred: {human_date(a.published_day)})"
    if inferred:
        return f"undated (placed on {human_date(inferred)})"
    return "undated"


def source_label(a: Article) -> str:
    """How a reporting article is named in tables: its outlet, else its title shortened."""
    return a.source or shorten(a.title, 40)


def bounds_label(r: ClaimRow) -> str:
    """What a vague amount means in numbers: 'dozens' -> '24 to 99'."""
    b = r.bounds
    return f"{b[0]:,} to {b[1]:,}" if b else "no bounds known"


def history_label(r: ClaimRow) -> str:
    """'12, then 27': the claimant's earlier figures for the count, oldest first, then the current one."""
    earlier = [figure_label(h) for h in r.history] + [f"{q:,}" for q in r.earlier
                                                        if all(h.quantity != q for h in r.history)]
    return ", then ".join([*earlier, figure_label(r)]) if earlier else ""


def review_mark(c: Claim) -> str:
    """' confirmed by an editor' (with the note, and what a correction replaced), or nothing."""
    if not c.review or c.review == "rejected":
        return ""
    out = f' <span class="tl-review tl-{c.review}">{c.review} by an editor</span>'
    if c.original:
        out += f" (extracted as {html_text(c.original)})"
    if c.review_note:
        out += f": {html_text(c.review_note)}"
    return out


def make_env(templates_dir: Path, content_name: str = "", bytecode_cache: BytecodeCache | None = None) -> Environment:
    """Jinja2 environment with StrictUndefined and the escaping filters (bytecode_cache: compiled templates kept
    between builds, generator/site/templatecache.py)."""
    env = Environment(loader=FileSystemLoader(str(templates_dir)), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=bytecode_cache)
    env.filters.update(md=md, cell=cell, attr=attr, code=code, meta_title=meta_title,
                       day=lambda value, precision="day", weekday=False: md(human_date(value, precision, weekday)),
                       figure=figure_label, url=safe_url, label=source_label,
                       # for tables emitted as raw HTML (Markdown would spend most of the build parsing them)
                       h=html_text, hday=lambda value, precision="day": html_text(human_date(value, precision)),
                       cap=lambda text: str(text)[:1].upper() + str(text)[1:],
                       # paths and messages as the site shows them: relative to the content folder
                       rel=lambda path: content_relative(str(path), content_name),
                       rel_text=lambda text: content_relative_text(str(text), content_name))
    env.globals.update(bounds=bounds_label, day_span=day_span, history=history_label, status_label=STATUS_LABEL,
                       review_mark=review_mark, article_ld=article_ld, event_ld=event_ld,
                       event_page=_event_page, has_page=has_page,
                       # href(target .md, here .md): a link in raw HTML, final and relative (MkDocs rewrites only
                       # Markdown links)
                       href=lambda target, here: html_text(page_url(target, here)),
                       dir_auto=lambda text: ' { dir="auto" }' if RTL.search(str(text)) else "")
    return env


def _event_page(e: Event | str) -> str:
    """Where the site shows an event (generator/events/pages.py); given by id, an event whose figures a page lists (an
    incident's figure lines), which always has a page of its own."""
    return f"events/{e}.md" if isinstance(e, str) else event_page(e)


def render_pages(t: Timeline, templates_dir: Path, bytecode_cache: BytecodeCache | None = None,
                 cache: RenderCache | None = None) -> Pages:
    """Every page as {relative path: Markdown text}, the stylesheets, data exports, feed and robots.txt. With a
    cache, event, incident and article pages whose inputs did not change are the last build's
    (generator/site/rendermemo.py)."""
    env = make_env(templates_dir, t.content_name, bytecode_cache)
    places = {i.id: i.place for i in t.incidents}
    env.globals.update(article_ld=functools.partial(article_ld, site_url=t.url))
    by_id = {a.id: a for a in t.articles}
    incident_of = incident_of_event(t)
    chronology = [e for e in t.events if not e.background and e.start]
    background = [e for e in t.events if e.background]
    undated_events = [e for e in t.events if not e.start]
    slugs = claimant_slugs(t)
    # who(name, root): a claimant as a link to their page, from any page (root: the way up to the site root).
    ctx: dict[str, Any] = dict(t=t, by_id=by_id, published=lambda a: published_label(a, t.inferred.get(a.id)),
                               incident_of=incident_of, who=functools.partial(claimant_link, slugs),
                               who_a=functools.partial(claimant_anchor, slugs),
                               place_of=places)  # incident id -> its place (event_ld(e, place_of))
    memo = page_memo(t, ctx, cache, templates_dir, (t.url, t.content_name), env, slugs)
    data = export_paths(len(t.articles))  # the data exports' paths: gzipped on a large site (datafiles.py)
    totals = counts(t)
    pages = Pages()  # held compressed until MkDocs reads them (generator/site/packed.py)
    pages["index.md"] = env.get_template("index.md.j2").render(
        **ctx, data=data, key_figures=key_figures(t), latest=list(reversed(chronology))[:8], headline=headline,
        counts=totals, chronology=chronology)
    pages.put(render_timeline(env, ctx, t, incident_of, _by_day(chronology), background, undated_events, memo))
    pages["sources.md"] = env.get_template("sources.md.j2").render(**ctx, articles=_sources_order(t))
    pages["report.md"] = env.get_template("report.md.j2").render(**ctx, counts=totals)
    pages.put(_subject_pages(env, memo, t, incident_of, len(chronology) > PAGINATE_AT))
    entries = entries_of(t, slugs, incident_of)
    pages.put(render_claim_pages(env, memo, entries, data))
    # Stylesheets and scripts of our own, shipped with the site as one of each (mkdocs.yml lists them): no request
    # leaves it.
    pages.update(bundle_assets(templates_dir / "assets"))
    pages.update({"data/timeline.schema.json": schema_json(), "feed.xml": atom_feed(t), "robots.txt": robots_txt(t)})
    # The data exports, tens of MB at 10,000 articles, are made when they are written (never whole as text), by a
    # process beside MkDocs where there is one (generator/site/sidecar.py).
    gz = compressed(len(t.articles))
    pages[data["timeline.json"]] = Deferred(lambda out: write_compact_json(timeline_data(t), out), gz)
    pages[data["claims.csv"]] = Deferred(functools.partial(write_csv, t), gz)
    pages[data["claims.json"]] = Deferred(functools.partial(write_claims_json, t=t, entries=entries,
                                                            published=ctx["published"], labels=STATUS_LABEL,
                                                            source_label=source_label), gz)
    return pages


def _subject_pages(env: Environment, memo: PageMemo, t: Timeline, incident_of: dict[str, Incident],
                   paginated: bool) -> dict[str, Text]:
    """A page per event (those that have one), per incident and per article; the computing of what a page shows
    is inside its draw, so a reused page costs none of it."""
    events_of: dict[str, list[Event]] = defaultdict(list)
    for e in t.events:
        for aid in e.article_ids:
            events_of[aid].append(e)
    placed: dict[str, list[tuple[Claim, ClaimRow, Event]]] = defaultdict(list)
    for e in t.events:
        for r in e.all_rows():
            for c in r.claims:
                placed[c.article_id].append((c, r, e))
    pages: dict[str, Text] = {}
    event_tpl, incident_tpl = env.get_template("event.md.j2"), env.get_template("incident.md.j2")
    for e in t.events:
        if has_page(e):
            here = f"events/{e.id}.md"
            pages[here] = memo.render(here, functools.partial(_draw_event, event_tpl, e, here), e)
    events_by_id = {e.id: e for e in t.events}
    for inc in t.incidents:
        events = [events_by_id[i] for i in inc.event_ids if i in events_by_id]
        here = f"incidents/{inc.id}.md"
        pages[here] = memo.render(here, functools.partial(_draw_incident, incident_tpl, inc, events, here, paginated),
                                  inc, paginated, each=events)
    article_tpl = env.get_template("article.md.j2")
    for a in t.articles:
        here = f"articles/{a.id}.md"
        mine, rows = events_of.get(a.id, []), placed.get(a.id, [])
        pages[here] = memo.render(here, functools.partial(_draw_article, article_tpl, a, mine, rows, here), a,
                                  each=[*mine, *(e for _, _, e in rows)])
    return pages


def _draw_event(tpl: Template, e: Event, here: str, ctx: dict[str, Any]) -> str:
    return tpl.render(**ctx, e=e, parts=parts_of([e]), here=here)


def _draw_incident(tpl: Template, inc: Incident, events: list[Event], here: str, paginated: bool,
                   ctx: dict[str, Any]) -> str:
    return tpl.render(**ctx, inc=inc, events=events, parts=parts_of(events), here=here,
                      lanes=incident_svg(inc, events, here), months=incident_months(events, paginated),
                      charts=[chart_svg(s.points, s.category, str(n)) for n, s in enumerate(inc.summary, 1)])


def _draw_article(tpl: Template, a: Article, mine: list[Event], rows: list[tuple[Claim, ClaimRow, Event]],
                  here: str, ctx: dict[str, Any]) -> str:
    return tpl.render(**ctx, a=a, paragraphs=annotated_paragraphs(a), events=mine, here=here,
                      rows=_article_rows(a, rows))


def counts(t: Timeline) -> dict[str, int]:
    """Totals shown on the home page, the build report, the pages' descriptions and the build summary: counted
    once for a Timeline (each build asks four times; walking every event's rows took 50 ms a time at 1,000
    articles)."""
    sizes = (len(t.articles), len(t.events), len(t.diagnostics))  # a Timeline is never changed; if it were ...
    if _COUNTED and _COUNTED[0]() is t and _COUNTED[2] == sizes:
        return dict(_COUNTED[1])
    rows = [r for e in t.events for r in e.all_rows()]
    out = {
        "articles": len(t.articles), "events": len(t.events),
        "claims": sum(len(r.claims) for r in rows),
        "rows": len(rows),
        "undated": sum(1 for a in t.articles if not a.published),
        "errors": sum(1 for d in t.diagnostics if d.level == "error"),
        "warnings": sum(1 for d in t.diagnostics if d.level == "warning"),
        "infos": sum(1 for d in t.diagnostics if d.level == "info"),
        "reviewed": sum(1 for a in t.articles for c in a.claims if c.review) + sum(len(a.rejected) for a in t.articles),
        "rejected": sum(len(a.rejected) for a in t.articles),
    }
    _COUNTED[:] = [weakref.ref(t), out, sizes]  # the last Timeline's only (a build counts one), not kept alive
    return dict(out)


_COUNTED: list[Any] = []


def incident_of_event(t: Timeline) -> dict[str, Incident]:
    """Event id -> the incident it belongs to: by the incident's event list, else by the event's incident id."""
    by_id = {inc.id: inc for inc in t.incidents}
    out = {e.id: by_id[e.incident] for e in t.events if e.incident in by_id}
    out.update((eid, inc) for inc in t.incidents for eid in inc.event_ids)
    return out


@dataclass(frozen=True)
class Part:
    """One part of a day's event as pages show it: its sentences, the figures that count it alone (rows whose
    .part is its title) and the day's own figures its sentences give (counted in the day's table)."""

    title: str
    event: Event
    sentences: list[tuple[str, str]]
    rows: list[ClaimRow]
    day_rows: list[ClaimRow]


def parts_of(events: list[Event]) -> list[Part]:
    """The parts of these events, in event order; a part that rows name but no sub-event describes comes after
    its event's sub-events, without sentences."""
    out: list[Part] = []
    for e in events:
        rows: dict[str, list[ClaimRow]] = defaultdict(list)
        for r in e.all_rows():
            if r.part:
                rows[r.part].append(r)
        for sv in e.subevents:
            day_rows = [r for r in e.rows if not r.part and r.id in sv.row_ids]
            out.append(Part(sv.title, e, sv.sentences, rows.get(sv.title, []), day_rows))
        titles = {sv.title for sv in e.subevents}
        out.extend(Part(title, e, [], part_rows, []) for title, part_rows in rows.items() if title not in titles)
    return out


def headline(inc: Incident, categories: int = 3) -> str:
    """The incident's headline figures for the home page: 'dead: 82 to 600 (4 claimants, disputed); missing: 500'."""
    out = []
    for s in inc.summary[:categories]:
        out.append(f"{s.category}: {_summary_range(s)}")
    return "; ".join(out)


def _summary_range(s: CategorySummary) -> str:
    """The latest figures of a count's claimants: one figure as stated, or their least and most."""
    latest = [ln.row for ln in s.lines]
    if len(latest) == 1:
        return figure_label(latest[0])
    bounds = [b for r in latest if (b := r.bounds) is not None]
    if not bounds:
        return ", ".join(figure_label(r) for r in latest)
    low, high = min(b[0] for b in bounds), max(b[1] for b in bounds)
    span = f"{low:,}" if low == high else f"{low:,} to {high:,}"
    return f"{span} ({len(latest)} claimants{', disputed' if s.why else ''})"


def _by_day(events: list[Event]) -> list[tuple[str, str, list[Event]]]:
    """Chronology grouped by day (weeks by their Monday): (year, label, events)."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        groups[e.start or ""].append(e)
    out = []
    for day in sorted(groups):
        evs = groups[day]
        precision = evs[0].precision
        out.append((day[:4], human_date(day, precision if precision == "week" else "day", weekday=True), evs))
    return out


def _sources_order(t: Timeline) -> list[Article]:
    """Newest first by publication date; undated last; ties by path."""
    by_path = sorted(t.articles, key=lambda a: a.path)
    dated = sorted((a for a in by_path if a.published), key=lambda a: a.published or "", reverse=True)
    return dated + [a for a in by_path if not a.published]


def key_figures(t: Timeline, per_category: int = 8) -> list[tuple[str, list[tuple[ClaimRow, Event]]]]:
    """Per category, the figures claimed (most-reported first) and who claims them."""
    rows: dict[str, list[tuple[ClaimRow, Event]]] = defaultdict(list)
    for e in t.events:
        for r in e.rows:
            if r.quantity is not None and not r.part:  # a part's figure is not one of the day's totals
                rows[r.category].append((r, e))
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    out = []
    for cat in sorted(rows, key=lambda c: (order.get(c, len(order)), c)):
        ranked = sorted(rows[cat], key=lambda re_: (-len(re_[0].article_ids), -(re_[0].quantity or 0),
                                                    re_[0].claimant or "", re_[1].id))
        out.append((cat, ranked[:per_category]))
    return out


def _article_rows(a: Article, placed: list[tuple[Claim, ClaimRow, Event]]
                  ) -> list[tuple[Claim, ClaimRow | None, Event | None]]:
    """The article's claims (extracted and curated) with the table row and event each ended up in."""
    where = {c.id: (c, r, e) for c, r, e in placed}
    rows: list[tuple[Claim, ClaimRow | None, Event | None]] = []
    for c in a.claims:
        if c.id not in where:
            rows.append((c, None, None))
    rows.extend(where.values())
    return sorted(rows, key=lambda x: (x[0].location.line, x[0].id))


def annotated_paragraphs(a: Article) -> list[str]:
    """The cleaned text as HTML paragraphs (<p>), each date expression marked with what it resolves to."""
    marks = [m for m in a.mentions if m.type in ("DATE", "TIME")]
    out = []
    starts = paragraph_starts(a.body)
    for i, para in enumerate(a.body.split("\n\n")):
        base = starts[i]
        pos = 0
        parts: list[str] = []
        for m in marks:
            if not (base <= m.start < base + len(para)):
                continue
            s, e = m.start - base, m.end - base
            parts.append(html_text(para[pos:s]))
            parts.append(_date_mark(m, para[s:e]))
            pos = e
        parts.append(html_text(para[pos:]))
        # Arabic, Urdu or Hebrew text reads right to left: let the browser pick the direction per paragraph.
        out.append(("<p dir=\"auto\">" if RTL.search(para) else "<p>") + "".join(parts) + "</p>")
    return out


def _date_mark(m: DateMention, text: str) -> str:
    if m.value and m.precision:
        label = human_date(m.value, m.precision)
        return (f'<span class="tl-date" title="{attr(m.value)}">{html_text(text)}</span>'
                f'<span class="tl-resolved"> [{html_text(label)}]</span>')
    if m.value:
        return f'<span class="tl-date" title="{attr(m.value)}">{html_text(text)}</span>'
    return (f'<span class="tl-date tl-unresolved" title="cannot be resolved without a publication date">'
            f'{html_text(text)}</span>')
