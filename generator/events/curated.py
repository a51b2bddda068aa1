"""Curated events and claims: an editor's events from front matter. A curated event's title and date win over the
extracted ones; a curated claim that matches an extracted row marks it curated, otherwise it is added."""

from __future__ import annotations

from typing import Any

from generator.claims import QUALIFIER_VOCABULARY, claim_id, match_actor
from generator.claims.claimants import same_claimant
from generator.config import Config
from generator.dates import MAX_YEAR, MIN_YEAR, in_window, parse_publication_date
from generator.diagnostics import Code
from generator.events.buckets import EventBuckets
from generator.events.rows import add_claim
from generator.models import Article, Claim, ClaimRow, Diagnostic, Location
from generator.text import clean_inline
from generator.vocabulary import Precision


def apply_curated(ce: dict[str, Any], a: Article, inc: str, buckets: EventBuckets, config: Config
                  ) -> list[Diagnostic]:
    """An editor's event from front matter: its title wins, its claims mark or add rows. Returns the warnings."""
    loc = Location(a.path, int(ce.get("_line", 1)))
    raw_date = ce.get("date")
    parsed = parse_publication_date(str(raw_date)) if raw_date else None
    day = parsed[:10] if parsed else None
    if day is None:
        return [Diagnostic(loc, "warning", f"curated event '{ce.get('title', '?')}' has no readable date; ignored",
                           Code.CURATED_INVALID)]
    if not in_window(day):
        return [Diagnostic(loc, "warning", f"curated event '{ce.get('title', '?')}' has the date {day}, outside "
                                           f"the years {MIN_YEAR}–{MAX_YEAR}; ignored", Code.CURATED_INVALID)]
    ev = buckets.get(inc, day, Precision.DAY)
    buckets.add_article(ev, a.id)
    if ce.get("title"):
        ev.title = _one_line(ce["title"])
        ev.curated = True
    claims = ce.get("claims") or []
    if not isinstance(claims, list):
        return [Diagnostic(loc, "warning", "curated 'claims' must be a list; ignored", Code.CURATED_INVALID)]
    diags: list[Diagnostic] = []
    claim_lines = ce.get("_claim_lines") or []
    for k, item in enumerate(claims):
        claim = _curated_claim(item, a, Location(a.path, claim_lines[k] if k < len(claim_lines) else loc.line), diags)
        if claim is None:
            continue
        match = _matching_row(ev.rows, claim, config)
        if match is None:
            add_claim(ev, claim)
            continue
        match.curated = True
        match.claimant, match.qualifier = claim.claimant, claim.qualifier
        match.scope = claim.scope or match.scope
        for c in match.claims:  # the row's own copies of the extracted claims
            c.curated = True
            c.claimant, c.qualifier = claim.claimant, claim.qualifier
        if not any(c.article_id == a.id for c in match.claims):
            match.claims.append(claim)
    return diags


def _matching_row(rows: list[ClaimRow], claim: Claim, config: Config) -> ClaimRow | None:
    """The extracted row a curated claim confirms: same category and figure, and the same claimant or none."""
    # The editor's "army" matches the registry's "Military" in extracted rows; the editor's words are shown.
    actor = match_actor(claim.claimant, config.actors) if claim.claimant else None
    return next((r for r in rows if r.category == claim.category and r.quantity == claim.quantity
                 and (r.claimant is None or same_claimant(r.claimant, claim.claimant)
                      or (actor is not None and same_claimant(r.claimant, actor)))), None)


def _one_line(value: Any) -> str:
    return clean_inline(str(value))


def _invalid(loc: Location, message: str) -> Diagnostic:
    return Diagnostic(loc, "warning", message, Code.CURATED_INVALID)


def _curated_claim(item: Any, a: Article, loc: Location, diags: list[Diagnostic]) -> Claim | None:
    """A curated claim from its front-matter mapping; None (and a warning in diags) when it cannot be used."""
    if not isinstance(item, dict):
        diags.append(_invalid(loc, f"curated claim must be a mapping, got {item!r}; ignored"))
        return None
    category = str(item.get("category") or "").strip().lower()
    if not category:
        diags.append(_invalid(loc, "curated claim has no category; ignored"))
        return None
    quantity = _quantity(item.get("quantity", item.get("figure")), category, loc, diags)
    if quantity is None:
        return None
    qualifier = item.get("qualifier")
    if qualifier is not None and str(qualifier).lower() not in QUALIFIER_VOCABULARY:
        diags.append(_invalid(loc, f"unknown qualifier '{qualifier}' (use one of {', '.join(QUALIFIER_VOCABULARY)}); "
                                   "dropped"))
        qualifier = None
    claimant = _one_line(item["claimant"]) if item.get("claimant") else None
    quote = _one_line(item.get("quote") or "")
    scope = _one_line(item["scope"]) if item.get("scope") not in (None, "") else None
    return Claim(id=claim_id(a.file or a.path, f"curated|{category}|{quantity}|{claimant}|{qualifier}|{scope}"),
                 article_id=a.id, category=category,
                 quantity=quantity, qualifier=str(qualifier).lower() if qualifier else None, claimant=claimant,
                 quote=quote, location=loc, figure_text=str(quantity), scope=scope, curated=True,
                 stated_on=a.published_day)


def _quantity(raw: Any, category: str, loc: Location, diags: list[Diagnostic]) -> int | None:
    """A curated figure: a whole number of zero or more; None (and a warning in diags) otherwise."""
    if raw is None or raw == "":
        diags.append(_invalid(loc, f"curated claim '{category}' has no figure (quantity: N); ignored"))
        return None
    try:
        if isinstance(raw, bool):
            raise ValueError
        quantity = int(str(raw).replace(",", "").strip())
    except ValueError:
        diags.append(_invalid(loc, f"curated claim '{category}' has a non-numeric figure '{_one_line(raw)[:40]}' "
                                   "(write a whole number); ignored"))
        return None
    if quantity < 0:
        diags.append(_invalid(loc, f"curated claim '{category}' has a negative figure; ignored"))
        return None
    return quantity
