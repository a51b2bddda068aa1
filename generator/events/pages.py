"""Which events have a page of their own, and where the site shows the others.

An event that one article reports, with no figures, no parts and no editor's curation, would have a page that
repeats one sentence of that article: half the event pages of the synthetic corpus, and a fifth of its site's
bytes. Such an event is an entry (`#event-<id>`) in the Events list of its article's page instead, and every link
to it (timeline, incident, lanes, feed, redirects) goes there.

(Not in models.py: that file is part of the extraction cache's key, generator/cache.py.)
"""

from __future__ import annotations

from generator.models import Event


def has_page(e: Event) -> bool:
    """Whether the event gets a page of its own (see the module's docstring)."""
    return len(e.article_ids) != 1 or bool(e.rows or e.vague_rows or e.subevents or e.curated)


def event_page(e: Event) -> str:
    """Where the site shows the event, as a page source path: its own page, or its entry on its article's page."""
    return f"events/{e.id}.md" if has_page(e) else f"articles/{e.article_ids[0]}.md#event-{e.id}"


def event_address(e: Event) -> str:
    """The event's address under the site's root: 'events/<id>/', or 'articles/<id>/#event-<id>'."""
    path, _, fragment = event_page(e).partition("#")
    return path.removesuffix(".md") + "/" + (f"#{fragment}" if fragment else "")
