"""The date stage of the pipeline: an article's temporal expressions as DateMentions, placed at their lines.

Each expression of the body is resolved against the article's own publication date; one that lies outside the
years MIN_YEAR-MAX_YEAR is a mention with no date, and a warning (window_diagnostics).
"""

from __future__ import annotations

import bisect
import datetime as dt

from generator.dates.tagger import tag
from generator.dates.window import MAX_YEAR, MIN_YEAR
from generator.diagnostics import Code
from generator.models import Article, DateMention, Diagnostic, Location
from generator.vocabulary import TimexType


def resolve_dates(article: Article) -> list[DateMention]:
    """Tag the article body and resolve each expression against the article's own publication date."""
    dct = dt.date.fromisoformat(article.published_day) if article.published_day else None
    mentions = []
    starts = paragraph_starts(article.body)
    for tx in tag(article.body, dct):
        if tx.range_end:
            continue  # the range is one mention on the timeline, carried by its first year
        line = line_of(article, starts, tx.start)
        typ, value, precision = tx.type, tx.value, tx.precision
        if tx.anchored:  # "a day before the raid": on the timeline it is that day, not a length of time
            typ, value, precision = TimexType.DATE, tx.anchored, tx.anchored_precision
        mentions.append(DateMention(
            text=tx.text, start=tx.start, end=tx.end, type=typ, value=value,
            precision=precision if value else None, location=Location(article.path, line),
            end_value=tx.end_value, mod=tx.mod, stated=tx.stated, out_of_window=tx.out_of_window,
        ))
    return mentions


def window_diagnostics(mentions: list[DateMention]) -> list[Diagnostic]:
    """A warning at each mention read as no date because it lies outside the years MIN_YEAR-MAX_YEAR."""
    return [Diagnostic(m.location, "warning", f"the date '{m.text}' falls outside the years {MIN_YEAR}–{MAX_YEAR}; "
                                              "read as no date",
                                              Code.DATE_OUT_OF_WINDOW) for m in mentions if m.out_of_window]


def paragraph_starts(body: str) -> list[int]:
    """Offsets where each paragraph of a cleaned body begins."""
    starts, pos = [0], 0
    while True:
        pos = body.find("\n\n", pos)
        if pos < 0:
            return starts
        pos += 2
        starts.append(pos)


def line_of(article: Article, starts: list[int], offset: int) -> int:
    """File line of the paragraph holding a body offset, for diagnostics and anchors."""
    idx = max(0, bisect.bisect_right(starts, offset) - 1)
    if idx < len(article.paragraph_lines):
        return article.paragraph_lines[idx]
    return article.body_line
