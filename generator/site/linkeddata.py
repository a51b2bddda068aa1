"""schema.org structured data for search engines: JSON-LD in the article and event pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.escape import json_script, safe_url
from generator.models import Article, Event


def json_ld(data: dict[str, Any]) -> str:
    """Structured data for search engines, in a <script> that nothing from the content can close."""
    kept = {k: v for k, v in data.items() if v not in (None, "", [])}
    return f'<script type="application/ld+json">{json_script(kept)}</script>'


def article_ld(a: Article, site_url: str = "") -> str:
    """schema.org NewsArticle for an article page. `url` is this page's own address, `isBasedOn` the original
    article's. The address is absolute when the site's is known; else "./", which JSON-LD resolves against the
    page's address (schema.org's context types `url` as an IRI)."""
    return json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                    "datePublished": a.published, "url": f"{site_url}articles/{a.id}/" if site_url else "./",
                    "isBasedOn": safe_url(a.url),
                    "publisher": {"@type": "Organization", "name": a.source} if a.source else None,
                    "author": {"@type": "Person", "name": a.author} if a.author else None})


def event_ld(e: Event, places: Mapping[str, str | None] | None = None) -> str:
    """schema.org Event for an event page (dated events only). `location` is the place its incident is named
    after (the place the articles name most after "in", "at", "near"); left out when none is known."""
    place = places.get(e.incident) if places is not None else None  # one look-up (recorded: rendermemo.py)
    return json_ld({"@context": "https://schema.org", "@type": "Event", "name": e.title, "startDate": e.start,
                    "endDate": e.end if e.end != e.start else None, "description": e.summary or None,
                    "location": {"@type": "Place", "name": place} if place else None})
