"""Incidents as readers see them: one per cluster of articles, named from the happening (date, place, kind), with
a "who claims what" summary of its whole-incident figures and the dated figures of its chart."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from generator import heldfiles, rules
from generator.events.contest import WHY_NAMES, is_increment
from generator.events.rows import CATEGORY_ORDER, subgroup
from generator.events.subevents import NOT_PLACES, PLACE_RE
from generator.events.titles import says
from generator.models import Article, CategorySummary, ClaimRow, Event, FigureLine, FigurePoint, Incident, figure_label
from generator.text import slugify
from generator.vocabulary import Status

_KINDS = rules.rule("events", "incident_kinds")
_KIND_RE = re.compile(rf"\b(?:{_KINDS.alternation()})\b", re.IGNORECASE)
_KIND_OF = {str(word): str(kind) for word, kind in _KINDS.table.items()}
# Kind words of ASCII letters and digits only (the table's now): in ASCII text a match of _KIND_RE is then a whole
# word (a run of \w) equal to one, ignoring case, so _kinds_named looks words up instead of running the pattern,
# which a case-blind alternation makes slow (it tries every word of the table at every word of the text).
_PLAIN_KINDS = not _KINDS.pattern and all(re.fullmatch(r"[a-z0-9_]+", w) for w in _KIND_OF)
_WORD_RUN = re.compile(r"\w+")


def place_and_kind(arts: list[Article]) -> tuple[str | None, str | None]:
    """The place most named after "in", "at", "near" (never a byline's name) and the kind of happening most named."""
    places: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    bylines = {w.lower() for a in arts for w in re.findall(r"[\w'’-]+", a.author or "")}
    for a in arts:  # counted once per article, and again when the headline says it: most articles, not most words
        seen, named = _places_and_kinds(a.title, a.body)
        places.update({p: 2 if p in a.title else 1 for p in seen if p.lower() not in bylines})
        kinds.update({k: 2 if t else 1 for k, t in named})
    place = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if places else None
    kind = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if kinds else None
    return place, kind


@heldfiles.by_text  # the same articles are grouped again on every save in `mkdocs serve`
def _places_and_kinds(title: str, body: str) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """The places an article names after "in", "at", "near", and the kinds of happening it names, each with
    whether its title does."""
    text = f"{title}\n{body[:4000]}"
    seen = {m.group("p").split()[0] for m in PLACE_RE.finditer(text)} - NOT_PLACES
    return tuple(seen), tuple(_kinds_named(title, text).items())


def _kinds_named(title: str, text: str) -> dict[str, bool]:
    """The kinds of happening a text (its title, a newline, then its body) names, each with whether its title
    does: what _KIND_RE finds."""
    in_title: dict[str, bool] = {}
    if _PLAIN_KINDS and text.isascii():
        # The title's words are those that start before len(title): the newline after it ends a word.
        for is_title, part in ((True, text[:len(title)]), (False, text[len(title):])):
            for word in [w for w in _WORD_RUN.findall(part.lower()) if w in _KIND_OF]:
                kind = _KIND_OF[word]
                in_title[kind] = in_title.get(kind, False) or is_title
        return in_title
    for m in _KIND_RE.finditer(text):
        kind = str(_KINDS.table[m.group(0).lower()])
        in_title[kind] = in_title.get(kind, False) or m.start() < len(title)
    return in_title


def incident_name(place: str | None, kind: str | None, fallback: str) -> str:
    """The end of the incident's and its events' page names: "pylos-shipwreck"."""
    return slugify(" ".join(x for x in (place, kind) if x)) or fallback


def build_incidents(events: list[Event], names: dict[str, tuple[str | None, str | None]],
                    happening: dict[str, str | None], reported: dict[str, set[str]]) -> list[Incident]:
    """One Incident per incident key of the events (Event.incident), in date order.

    An incident starts on the first day one of its articles is about (or its happening): a day only named in
    passing ("the war that began on 7 October") is an event of its own, not the incident's start."""
    by_inc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_inc[e.incident].append(e)
    arts_of: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for aid in e.article_ids:
            if aid not in arts_of[e.incident]:
                arts_of[e.incident].append(aid)
    out = []
    for inc, evs in by_inc.items():
        dated = [e for e in evs if e.start and not e.background]
        place, kind = names.get(inc, (None, None))
        anchors = reported.get(inc, set()) | ({day} if (day := happening.get(inc)) else set())
        start = min(anchors, default=None) or min((e.start for e in dated if e.start), default=None)
        end = max((e.end or e.start or "" for e in dated), default="") or None
        title = " ".join(x for x in ((place or ""), (kind or "")) if x).strip().capitalize() or \
            (dated[0].title if dated else evs[0].title)
        out.append(Incident(id=inc, title=title, start=start, end=end,
                            event_ids=[e.id for e in sorted(evs, key=lambda e: (e.start or "", e.id))],
                            article_ids=sorted(arts_of[inc]), place=place, kind=kind,
                            summary=_summary(_happening_events(evs, happening.get(inc)))))
    return sorted(out, key=lambda i: (i.start is None, i.start or "", i.id))


def _happening_events(evs: list[Event], day: str | None) -> list[Event]:
    """The events whose figures count the incident as a whole: the happening's day, where running tolls are filed.
    The other days' figures (an arrest two days later, the next protest day) stay on their own events."""
    found = [e for e in evs if day and e.start == day and e.precision == "day"]
    return found or [e for e in evs if not e.background]


def _summary(evs: list[Event]) -> list[CategorySummary]:
    """Per category, each claimant's latest whole-incident figure (parts and subgroups are left to their events)."""
    rows: dict[str, list[tuple[ClaimRow, Event]]] = defaultdict(list)
    for e in evs:
        if e.background:
            continue
        for r in e.rows:
            if r.quantity is not None and r.part is None and not subgroup(r.scope) and not is_increment(r):
                rows[r.category].append((r, e))
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    out = []
    for cat in sorted(rows, key=lambda c: (order.get(c, len(order)), c)):
        latest: dict[str | None, tuple[ClaimRow, Event]] = {}
        points = []
        for r, e in rows[cat]:
            for x in (*r.history, r):
                day = min((c.stated_on or "" for c in x.claims), default="")
                if day and x.quantity is not None:
                    points.append(FigurePoint(day=day, quantity=x.quantity, claimant=r.claimant,
                                              label=figure_label(x)))
            key = r.claimant
            if key not in latest or _when(r) > _when(latest[key][0]):
                latest[key] = (r, e)
        lines = [FigureLine(claimant=k, row=r, event_id=e.id, stated_on=_when(r) or None)
                 for k, (r, e) in latest.items()]
        lines.sort(key=lambda ln: (ln.row.status != Status.CONTESTED, ln.claimant is None, ln.claimant or "",
                                   -(ln.row.quantity or 0)))
        contested = [ln for ln in lines if ln.row.status == Status.CONTESTED]
        why = ""
        if contested:
            figs = [ln.row.quantity for ln in contested if ln.row.quantity is not None]
            said = [f"{ln.claimant} {says(ln.claimant)} {figure_label(ln.row)}" if ln.claimant else
                    f"a report without a source says {figure_label(ln.row)}" for ln in contested]
            why = "; ".join(said[:WHY_NAMES]) + (f"; and {len(said) - WHY_NAMES} more" if len(said) > WHY_NAMES else "")
            why += f" (spread {min(figs):,}–{max(figs):,})" if figs and min(figs) != max(figs) else ""
        unique = {(p.day, p.quantity, p.claimant or "", p.label): p for p in points}
        out.append(CategorySummary(category=cat, lines=lines, why=why, points=[unique[k] for k in sorted(unique)]))
    return out


def _when(r: ClaimRow) -> str:
    return max((c.stated_on or "" for c in r.claims), default="")


