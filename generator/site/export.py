"""Machine-readable output: the timeline as JSON (the scorer's and other tools' input) and claims as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from generator import __version__
from generator.escape import csv_text
from generator.inputs.files import content_relative, content_relative_text
from generator.models import Article, Claim, ClaimRow, Event, Incident, Timeline

CSV_FIELDS = ["event_id", "event_start", "event_end", "category", "quantity", "lower", "upper", "figure", "qualifier",
              "claimant", "spokesperson", "scope", "status", "spread", "curated", "review", "claim_id", "article",
              "outlet", "published", "path", "line", "quote"]


def timeline_data(t: Timeline) -> dict[str, Any]:
    """The export as plain data, in a stable order."""
    return {
        "schema_version": 1,
        "generator": f"timeline-generator {__version__}",
        "title": t.title,
        "articles": [_article(a, t.inferred.get(a.id)) for a in t.articles],
        "events": [{
            "id": e.id, "title": e.title, "start": e.start, "end": e.end, "precision": e.precision,
            "background": e.background, "incident": e.incident, "curated": e.curated,
            "articles": e.article_ids,
            # Exact figures and ranges, including the earlier figures a claimant revised (status "revised").
            "claims": [_claim(r, c, revised_to.get(id(r))) for r in e.all_rows() if r.quantity is not None
                       for c in r.claims],
            # "dozens", "hundreds": not figures that can be compared or added up, so kept apart with bounds.
            "vague_claims": [_claim(r, c, None) for r in e.vague_rows for c in r.claims],
            "subevents": [{"title": sv.title, "rows": sv.row_ids,
                           "sentences": [{"article": aid, "text": text} for aid, text in sv.sentences]}
                          for sv in e.subevents],
        } for e in t.events for revised_to in [{id(h): r.id for r in e.rows for h in r.history}]],
        # The incidents: the happenings the events belong to, with who claims what for the whole of each.
        "incidents": [_incident(i) for i in t.incidents],
        "mentions": [{
            "article": a.id, "text": m.text, "start": m.start, "end": m.end, "type": m.type, "value": m.value,
            "end_value": m.end_value, "precision": m.precision, "mod": m.mod, "line": m.location.line,
        } for a in t.articles for m in a.mentions],
        "diagnostics": [{"path": content_relative(d.location.path, t.content_name), "line": d.location.line,
                         "level": d.level, "message": content_relative_text(d.message, t.content_name)}
                        for d in t.diagnostics],
    }


def _claim(r: ClaimRow, c: Claim, revised_to: str | None) -> dict[str, Any]:
    return {
        "id": c.id, "row": r.id, "article": c.article_id, "category": r.category,
        # A range ("between 100 and 300") claims at most its upper end: that is its quantity; `lower` keeps the
        # lower end (null for a single figure) and `upper` the upper one.
        "quantity": r.upper if r.upper is not None else r.quantity, "lower": r.quantity if r.upper is not None
        else None, "upper": r.upper, "figure": c.figure_text, "vague": r.vague,
        "bounds": list(r.bounds) if r.bounds else None, "qualifier": r.qualifier,
        "claimant": r.claimant, "spokesperson": c.spokesperson, "scope": r.scope, "status": r.status,
        "spread": r.spread, "why": r.why or None, "part": r.part, "revised_to": revised_to,
        "history": [h.quantity for h in r.history], "earlier": c.earlier,
        "curated": c.curated or r.curated, "sources": r.article_ids, "quote": c.quote,
        "line": c.location.line, "stated_on": c.stated_on, "review": c.review,
    }


def _incident(i: Incident) -> dict[str, Any]:
    return {
        "id": i.id, "title": i.title, "start": i.start, "end": i.end, "place": i.place, "kind": i.kind,
        "events": i.event_ids, "articles": i.article_ids,
        "summary": [{
            "category": s.category, "why": s.why or None,
            "claimants": [{"claimant": ln.claimant, "quantity": ln.row.quantity, "upper": ln.row.upper,
                           "qualifier": ln.row.qualifier, "status": ln.row.status, "stated_on": ln.stated_on,
                           "event": ln.event_id, "row": ln.row.id, "sources": ln.row.article_ids,
                           "history": [h.quantity for h in ln.row.history]} for ln in s.lines],
            "points": [{"day": p.day, "quantity": p.quantity, "claimant": p.claimant} for p in s.points],
        } for s in i.summary],
    }


def _article(a: Article, inferred: str | None) -> dict[str, Any]:
    return {
        # the path relative to the content folder: no path of the build machine is published
        "id": a.id, "path": a.file, "title": a.title, "published": a.published, "date_origin": a.date_origin,
        "published_inferred": a.published_day if a.date_origin == "inferred" else None,
        "inferred_from": a.inferred_from, "inferred_day": inferred, "source": a.source, "url": a.url,
        "author": a.author,
        "claims": len(a.claims), "mentions": len(a.mentions), "extra": a.extra,
        "rejected": [{"id": c.id, "category": c.category, "figure": c.figure_text, "claimant": c.claimant,
                      "quote": c.quote, "line": c.location.line, "note": c.review_note} for c in a.rejected],
    }


def to_json(t: Timeline) -> str:
    """JSON text of the export; byte-identical for the same input."""
    return json.dumps(timeline_data(t), ensure_ascii=False, indent=1, default=str, allow_nan=False) + "\n"


def claim_rows(t: Timeline) -> Iterator[tuple[Event, ClaimRow]]:
    """Every claim row of the site with its event: events in timeline order, rows in table order (current
    figures after the earlier ones they revise, vague amounts last). claims.csv and claims.json read this."""
    for e in t.events:
        for r in e.all_rows():
            yield e, r


def to_csv(t: Timeline) -> str:
    """One CSV line per claim as reported by one article."""
    by_id = {a.id: a for a in t.articles}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for e, r in claim_rows(t):
        for c in r.claims:
            a = by_id[c.article_id]
            row: dict[str, Any] = {
                "event_id": e.id, "event_start": e.start or "", "event_end": e.end or "",
                "category": r.category,
                "quantity": r.upper if r.upper is not None else "" if r.quantity is None else r.quantity,
                "lower": r.quantity if r.upper is not None and r.quantity is not None else "",
                "upper": "" if r.upper is None else r.upper,
                "figure": c.figure_text, "qualifier": r.qualifier or "", "claimant": r.claimant or "",
                "spokesperson": c.spokesperson or "", "scope": r.scope or "", "status": r.status,
                "spread": r.spread or "",
                "curated": "yes" if (c.curated or r.curated) else "", "review": c.review or "",
                "claim_id": c.id, "article": a.id, "outlet": a.source or "",
                "published": a.published or "", "path": a.file, "line": c.location.line,
                "quote": c.quote,
            }
            # Every text cell, not only the ones that look free-form: a curated category or an editor's
            # correction reaches the table as typed.
            w.writerow({k: v if isinstance(v, int) else csv_text(v) for k, v in row.items()})
    return buf.getvalue()
