"""Days: the day each article is about, and where an undated article is placed."""

from __future__ import annotations

from collections import Counter

from generator.diagnostics import Code
from generator.models import Article, Diagnostic
from generator.vocabulary import DateOrigin, Precision


def own_days(a: Article) -> list[str]:
    """Past days the article's text talks about (not when something was said)."""
    limit = a.published_day or "9999-12-31"
    return [m.value[:10] for m in a.mentions
            if m.precision == Precision.DAY and m.value and len(m.value) >= 10 and not m.stated
            and m.value[:10] <= limit]


def main_day(a: Article) -> str | None:
    """The day an article is about: its most-mentioned past day, else its publication day."""
    days = own_days(a)
    if days:
        counts = Counter(days)
        best = max(counts.values())
        return next(d for d in days if counts[d] == best)
    return a.published_day


def place_articles(articles: list[Article], members: dict[str, list[str]]
                   ) -> tuple[dict[str, str | None], dict[str, str], list[Diagnostic]]:
    """Each article's main day; the days given to undated articles (inferred ones included); the warnings.

    `members` are the article ids of each incident. An undated article takes the main day most of its
    incident's dated articles have, and a warning names them.
    """
    by_id = {a.id: a for a in articles}
    days = {a.id: main_day(a) for a in articles}
    for a in articles:
        if a.date_origin == DateOrigin.INFERRED and a.inferred_from and not own_days(a):
            # Nothing in its text names a day: it sits where the articles it was dated from put the same claims.
            days[a.id] = days.get(a.inferred_from[0]) or a.published_day
    inferred = {a.id: day for a in articles if a.date_origin == DateOrigin.INFERRED and (day := days[a.id])}
    diags: list[Diagnostic] = []
    for ids in members.values():
        dated_days = [d for i in ids if by_id[i].published_day and (d := days[i])]
        for i in ids:
            if by_id[i].published_day is not None:
                continue
            if not dated_days:
                days[i] = None
                continue
            day = sorted(Counter(dated_days).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            days[i] = day
            inferred[i] = day
            diags.append(_placed_warning(by_id[i], day, [by_id[j] for j in ids if j != i and by_id[j].published_day]))
    return days, inferred, diags


def _placed_warning(a: Article, day: str, dated: list[Article]) -> Diagnostic:
    others = ", ".join(d.path for d in dated[:3]) + (f" and {len(dated) - 3} more" if len(dated) > 3 else "")
    return Diagnostic(a.location, "warning", f"undated article placed on {day} with {others}, which report the "
                                             "same incident; check and add a date to its front matter",
                      Code.UNDATED_PLACED)
