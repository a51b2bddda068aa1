"""Which events have a page of their own, and where the site shows the others.

An event without figures, parts or an editor's curation would have a page that repeats what the articles that
report it say of it, one sentence each: at 1,000 synthetic articles those were three quarters of the events (1,950
of 2,613), and 427 of the 1,090 pages left once the one-article ones had gone (3.5 of 11.4 MB; 36 MB at 10,000).
Such an event is an entry (`#event-<id>`) in the Events list of the pages of the articles that report it, with
links to the others; every link to it (timeline, incident, lanes, feed, redirects) goes to its first article's
entry.

(Not in models.py: that file is part of the extraction cache's key, generator/cache.py.)
"""

from __future__ import annotations

from generator.models import Event


def has_page(e: Event) -> bool:
    """Whether the event gets a page of its own (see the module's docstring)."""
    # (No article at all: nowhere else to show it. Grouping never makes one; a hand-made Timeline may.)
    return bool(e.rows or e.vague_rows or e.subevents or e.curated or not e.article_ids)


def event_page(e: Event) -> str:
    """Where the site shows the event, as a page source path: its own page, or its entry on its article's page."""
    return f"events/{e.id}.md" if has_page(e) else f"articles/{e.article_ids[0]}.md#event-{e.id}"


def event_address(e: Event) -> str:
    """The event's address under the site's root: 'events/<id>/', or 'articles/<id>/#event-<id>'."""
    path, _, fragment = event_page(e).partition("#")
    return path.removesuffix(".md") + "/" + (f"#{fragment}" if fragment else "")
