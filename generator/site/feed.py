"""The site's Atom feed (feed.xml) and robots.txt: pure functions of the Timeline, byte-identical per content.

An entry is an event; it is new when its first article appears and updated when a later article reports it,
so `published` is the earliest publication date among the event's articles and `updated` the latest. The
feed's own `updated` is the newest entry's, never the build time. Entry ids never change with the site's
address or title: the page's address when the site's url is known, else a name-based UUID of the event id.
Without a url the links are relative to the feed (feed.xml sits at the site root), which feed readers resolve
against the address they fetched it from.
"""

from __future__ import annotations

import datetime as dt
import uuid

from generator.escape import xml
from generator.events.pages import event_address
from generator.models import Article, Event, Timeline

FEED_ENTRIES = 50  # the newest events; older ones are on the timeline page
_EPOCH = "1970-01-01T00:00:00Z"
_ID_NAMESPACE = uuid.UUID("6f1b9a52-3c1e-5d8a-9a57-0c4e2d7b1f30")  # fixed: ids stay the same from build to build


def atom_time(published: str | None) -> str | None:
    """An article's publication date as an RFC 3339 time ('2026-02-01' -> '2026-02-01T00:00:00Z'); a time
    without a zone is read as UTC. None when there is no date or it is not one."""
    if not published:
        return None
    try:
        when = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def event_times(e: Event, by_id: dict[str, Article]) -> tuple[str, str] | None:
    """(published, updated): the earliest and latest publication times of the event's articles; None when no
    article of it is dated (it cannot be placed in a feed ordered by time)."""
    stamps = (atom_time(by_id[aid].published) for aid in e.article_ids if aid in by_id)
    times = sorted(t for t in stamps if t)
    return (times[0], times[-1]) if times else None


def entry_id(t: Timeline, e: Event) -> str:
    """A stable id: the event page's address when the site's url is known, else a UUID named by the event id."""
    if t.url:
        return f"{t.url}events/{e.id}/"
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, e.id)}"


def _summary(e: Event, by_id: dict[str, Article]) -> str:
    """What the entry says: the event's summary (else its date), how many figures and which outlets."""
    rows = len(e.rows) + len(e.vague_rows)  # current figures; earlier ones a claimant revised are not counted
    outlets = sorted({source for a in e.article_ids if a in by_id and (source := by_id[a].source)})
    parts = [e.summary or f"Events of {e.start or 'an unknown day'}."]
    parts.append(f"{rows} claimed figure{'s' if rows != 1 else ''} from {len(e.article_ids)} "
                 f"article{'s' if len(e.article_ids) != 1 else ''}" + (f" ({', '.join(outlets)})." if outlets else "."))
    return " ".join(parts)


def atom_feed(t: Timeline, limit: int = FEED_ENTRIES) -> str:
    """The Atom document of the newest `limit` events (by their latest article; ties by id)."""
    by_id = {a.id: a for a in t.articles}
    dated = [(times, e) for e in t.events if (times := event_times(e, by_id)) is not None]
    dated.sort(key=lambda te: (te[0][1], te[1].id), reverse=True)
    entries = dated[:limit]
    updated = entries[0][0][1] if entries else _EPOCH
    home = t.url or "./"
    feed_id = f"{t.url}feed.xml" if t.url else f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, 'feed')}"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           f"  <id>{xml(feed_id)}</id>",
           f"  <title>{xml(t.title)}</title>",
           f"  <subtitle>{xml(t.description)}</subtitle>",
           f"  <updated>{updated}</updated>",
           f'  <link rel="self" type="application/atom+xml" href="{xml(t.url)}feed.xml"/>',
           f'  <link rel="alternate" type="text/html" href="{xml(home)}"/>',
           f"  <author><name>{xml(t.title)}</name></author>"]
    for (published, changed), e in entries:
        out += ["  <entry>",
                f"    <id>{xml(entry_id(t, e))}</id>",
                f"    <title>{xml(e.title)}</title>",
                f'    <link rel="alternate" type="text/html" href="{xml(t.url)}{xml(event_address(e))}"/>',
                f"    <published>{published}</published>",
                f"    <updated>{changed}</updated>",
                f"    <summary>{xml(_summary(e, by_id))}</summary>",
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def robots_txt(t: Timeline) -> str:
    """Every page may be crawled; the sitemap is named when the site's url is known (it lists pages only then)."""
    lines = ["User-agent: *", "Allow: /"]
    if t.url:
        lines.append(f"Sitemap: {t.url}sitemap.xml")
    return "\n".join(lines) + "\n"
