"""Machine-readable output: the timeline as JSON (the scorer's and other tools' input) and claims as CSV."""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any, Protocol

from generator import __version__
from generator.escape import csv_text
from generator.inputs.files import content_relative, content_relative_text
from generator.models import Article, Claim, ClaimRow, Event, Incident, Timeline

# One line per claim as one article reports it. Column types (README, "Exports"): INT_FIELDS are whole numbers,
# DATE_FIELDS ISO days (YYYY-MM-DD), published_time an ISO date-time, BOOL_FIELDS true/false; the rest text.
# Empty cells are unknown or not applicable (a vague amount has no quantity, an uncontested figure no spread).
CSV_FIELDS = ["event_id", "event_start", "event_end", "category", "quantity", "lower", "upper", "figure", "qualifier",
              "vague", "claimant", "spokesperson", "scope", "status", "spread_min", "spread_max", "curated", "review",
              "claim_id", "article", "outlet", "published_date", "published_time", "stated_on", "path", "line",
              "quote", "event_title", "event_precision", "incident_id", "incident_title"]
INT_FIELDS = ("quantity", "lower", "upper", "spread_min", "spread_max", "line")
DATE_FIELDS = ("event_start", "event_end", "published_date", "stated_on")
DATETIME_FIELDS = ("published_time",)
BOOL_FIELDS = ("vague", "curated")



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
        "spread": r.spread, "spread_min": r.spread_range[0] if r.spread_range else None,
        "spread_max": r.spread_range[1] if r.spread_range else None, "why": r.why or None, "part": r.part,
        "revised_to": revised_to,
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


class Writable(Protocol):
    def write(self, text: str, /) -> int: ...


def to_json(t: Timeline, compact: bool = False) -> str:
    """JSON text of the export; byte-identical for the same input. Compact (no indentation, no spaces after the
    separators) for the site's data/timeline.json, where the indentation was a quarter of the file; indented for
    `python -m generator export`, which people read.

    Written piece by piece into one buffer: json.dumps makes a list of every piece and joins it, twice the memory
    at the build's peak (63 against 31 MiB at 1,000 articles). The text is the same. (The site's copy is written
    straight into its file instead: write_compact_json, generator/site/sidecar.py.)"""
    text = io.StringIO()
    if compact:
        data = timeline_data(t)
        write_compact_json(data, text)
        del data  # before getvalue() copies the text: the data and two copies of the text never meet
        return text.getvalue()
    encoder = json.JSONEncoder(ensure_ascii=False, default=str, allow_nan=False, indent=1)
    for piece in encoder.iterencode(timeline_data(t)):  # the generator lets the data go when it ends
        text.write(piece)
    text.write("\n")
    return text.getvalue()


def write_compact_json(data: dict[str, Any], text: Writable) -> None:
    """The compact text of the export, each article, event, incident, mention and diagnostic encoded on its own.

    iterencode is the pure-Python encoder (the C one encodes a whole value at once): 0.6 s of every build at
    1,000 articles. The C encoder, called for each item of the top-level lists, writes the same text (compact JSON
    is the items joined by commas) and holds one item's text at a time."""
    encode = json.JSONEncoder(ensure_ascii=False, default=str, allow_nan=False, separators=(",", ":")).encode
    for n, (key, value) in enumerate(data.items()):
        text.write(("{" if n == 0 else ",") + encode(key) + ":")
        if not isinstance(value, list):
            text.write(encode(value))
            continue
        text.write("[")
        for i, item in enumerate(value):
            text.write(encode(item) if i == 0 else "," + encode(item))
        text.write("]")
    text.write("}\n")


def claim_rows(t: Timeline) -> Iterator[tuple[Event, ClaimRow]]:
    """Every claim row of the site with its event: events in timeline order, rows in table order (current
    figures after the earlier ones they revise, vague amounts last). claims.csv and claims.json read this."""
    for e in t.events:
        for r in e.all_rows():
            yield e, r


def to_csv(t: Timeline) -> str:
    """One CSV line per claim as reported by one article; typed columns (see CSV_FIELDS) that a spreadsheet or
    pandas reads without cleaning."""
    buf = io.StringIO()
    write_csv(t, buf)
    return buf.getvalue()


def write_csv(t: Timeline, out: Writable) -> None:
    """to_csv's text, written into out (the site's copy: its file, generator/site/sidecar.py)."""
    articles = {a.id: a for a in t.articles}
    incidents = {i.id: i for i in t.incidents}
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    text = _TextCells()
    # An event's cells and an article's are the same on each of their lines: made once each.
    shown: Event | None = None
    event: dict[str, Any] = {}
    article: dict[str, dict[str, Any]] = {}
    for e, r in claim_rows(t):
        if e is not shown:
            shown, event = e, _event_cells(e, incidents.get(e.incident))
        for c in r.claims:
            if c.article_id not in article:
                article[c.article_id] = _article_cells(articles[c.article_id])
            row = {**event, **article[c.article_id], **_claim_cells(r, c)}
            # Every text cell, not only the ones that look free-form: a curated category or an editor's
            # correction reaches the table as typed. Numbers, days and flags are made here and stay as they are.
            w.writerow([row[k] if typed or row[k] == "" else text.cell(row[k]) for k, typed in _COLUMNS])


TYPED = frozenset((*INT_FIELDS, *DATE_FIELDS, *DATETIME_FIELDS, *BOOL_FIELDS))
_COLUMNS = tuple((k, k in TYPED) for k in CSV_FIELDS)


class _TextCells:
    """csv_text of each text cell, once per distinct text: claimants, outlets, titles and categories repeat on
    many lines (58,000 cells, 0.3 s of every build at 1,000 articles, without this)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def cell(self, value: Any) -> str:
        if type(value) is not str:  # keyed by text only: True and 1 are equal keys of a dict
            return csv_text(value)
        out = self._seen.get(value)
        if out is None:
            out = self._seen[value] = csv_text(value)
        return out


def _event_cells(e: Event, inc: Incident | None) -> dict[str, Any]:
    """The cells of a claim's line that its event gives."""
    return {"event_id": e.id, "event_start": first_day(e.start), "event_end": last_day(e.end or e.start),
            "event_title": e.title, "event_precision": e.precision, "incident_id": e.incident,
            "incident_title": inc.title if inc else ""}


def _article_cells(a: Article) -> dict[str, Any]:
    """The cells of a claim's line that its article gives."""
    published = a.published or ""
    return {"article": a.id, "outlet": a.source or "", "published_date": a.published_day or "",
            # The time only when the article gives one: a date alone is not midnight.
            "published_time": published if "T" in published else "", "path": a.file}


def _claim_cells(r: ClaimRow, c: Claim) -> dict[str, Any]:
    """The cells of one claim's line that the claim and its row give; "" where a value is unknown or does not
    apply."""
    def n(value: int | None) -> int | str:
        return "" if value is None else value

    return {
        "category": r.category,
        # A range ("between 100 and 300") claims at most its upper end: that is its quantity; lower and upper
        # keep both ends (empty for a single figure).
        "quantity": n(r.upper if r.upper is not None else r.quantity),
        "lower": n(r.quantity if r.upper is not None else None), "upper": n(r.upper),
        "figure": c.figure_text, "qualifier": r.qualifier or "", "vague": _flag(r.vague),
        "claimant": r.claimant or "", "spokesperson": c.spokesperson or "", "scope": r.scope or "",
        "status": r.status, "spread_min": n(r.spread_range[0] if r.spread_range else None),
        "spread_max": n(r.spread_range[1] if r.spread_range else None),
        "curated": _flag(c.curated or r.curated), "review": c.review or "", "claim_id": c.id,
        "stated_on": first_day(c.stated_on), "line": c.location.line, "quote": c.quote,
    }


_YEAR, _MONTH, _DAY = re.compile(r"\d{4}"), re.compile(r"\d{4}-\d{2}"), re.compile(r"\d{4}-\d{2}-\d{2}")


def _flag(value: object) -> str:
    return "true" if value else "false"


def first_day(value: str | None) -> str:
    """The first day of a date value as YYYY-MM-DD: '1948' -> '1948-01-01', '2026-01' -> '2026-01-01'; '' for
    none or a value of another form (a season), so a date column holds days only."""
    if not value:
        return ""
    if _YEAR.fullmatch(value):
        return f"{value}-01-01"
    if _MONTH.fullmatch(value):
        return f"{value}-01"
    return value[:10] if _DAY.match(value) else ""


def last_day(value: str | None) -> str:
    """The last day of a date value: '1948' -> '1948-12-31', '2026-02' -> '2026-02-28'."""
    if value and _YEAR.fullmatch(value):
        return f"{value}-12-31"
    if value and _MONTH.fullmatch(value):
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return first_day(value)
