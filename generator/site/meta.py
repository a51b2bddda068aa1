"""A description of each generated page from its own content, for search results and link previews.

The MkDocs hooks put it in the page's meta (`description`): the theme writes <meta name="description"> from it
and overrides/main.html the Open Graph and Twitter card. Pages without one (the home page, pages added by a
later stage) fall back to the site's description. Plain text here; the hooks escape it for the attribute.
"""

from __future__ import annotations

import re

from generator.events.pages import has_page
from generator.models import Article, Event, Incident, Timeline
from generator.site.render import counts, day_span, headline, human_date, published_label
from generator.text import shorten

DESCRIPTION_CHARS = 300  # link previews show about two lines
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_MARKUP = re.compile(r"<[^>]*>|\*\*|\{[^}]*\}|\\(?=[\\`*_{}\[\]()#+.!<>|-])")


def _plural(n: int, word: str) -> str:
    """'1 article', '3 articles', 'no articles'."""
    return f"{n:,} {word}" if n == 1 else f"{f'{n:,}' if n else 'no'} {word}s"


def event_description(e: Event, by_id: dict[str, Article]) -> str:
    """'31 Jan 2026: <summary> 9 claimed figures from 4 articles.'"""
    when = human_date(e.start, e.precision) if e.start else "Undated"
    rows = len(e.rows) + len(e.vague_rows)  # current figures; earlier ones a claimant revised are not counted
    figures = f"{_plural(rows, 'claimed figure')} from {_plural(len(e.article_ids), 'article')}."
    text = f"{when}: {e.summary}" if e.summary else f"{when}: {e.title}."
    return f"{text} {figures}"


def incident_description(inc: Incident) -> str:
    """'30 Jan 2026 to 2 Feb 2026, Balochistan. dead: 82 to 600 (4 claimants, disputed); ...'"""
    where = f", {inc.place}" if inc.place else ""
    figures = headline(inc)
    return (f"{day_span(inc.start, inc.end)}{where}. " + (f"{figures}. " if figures else "")
            + f"{_plural(len(inc.event_ids), 'event')} reported in {_plural(len(inc.article_ids), 'article')}.")


def article_description(a: Article) -> str:
    """'<title>, <outlet>, 1 Feb 2026: 5 claimed figures.'"""
    outlet = f", {a.source}" if a.source else ""
    return f"{a.title}{outlet}, {published_label(a)}: {_plural(len(a.claims), 'claimed figure')}."


def page_descriptions(t: Timeline) -> dict[str, str]:
    """{page source path: description} for the pages render_pages makes (the home page keeps the site's)."""
    by_id = {a.id: a for a in t.articles}
    n = counts(t)
    days = sorted(e.start for e in t.events if e.start and not e.background)
    span = f", {day_span(days[0], days[-1])}" if days else ""
    out = {
        "timeline.md": f"{_plural(n['events'], 'event')} in date order{span}, each with who claims which figures.",
        "sources.md": f"The {_plural(n['articles'], 'news article')} this site is built from, with outlet, "
                      "publication date and how many figures each gives.",
        "report.md": f"Build report: {_plural(n['articles'], 'article')}, {_plural(n['events'], 'event')}, "
                     f"{_plural(n['claims'], 'claim')}; {_plural(n['errors'], 'error')} and "
                     f"{_plural(n['warnings'], 'warning')} about the input.",
    }
    out.update((f"events/{e.id}.md", event_description(e, by_id)) for e in t.events if has_page(e))
    out.update((f"incidents/{inc.id}.md", incident_description(inc)) for inc in t.incidents)
    out.update((f"articles/{a.id}.md", article_description(a)) for a in t.articles)
    return {path: shorten(" ".join(text.split()), DESCRIPTION_CHARS) for path, text in out.items()}


def text_description(markdown: str) -> str | None:
    """A page's heading and its first paragraph of prose, as plain text: the description of a page the timeline
    has none for (the claims explorer, a claimant's page, a month of the timeline). None when it has neither."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    heading = ""
    for block in body.split("\n\n"):
        block = block.strip()
        if block.startswith("# ") and not heading:
            heading = _plain(block[2:].splitlines()[0])
        elif heading and block and block[0].isalnum():
            return shorten(f"{heading}: {_plain(block)}", DESCRIPTION_CHARS)
    return None


def _plain(text: str) -> str:
    """Markdown as plain text: links as their words, no emphasis, tags, attribute lists or escapes."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())
