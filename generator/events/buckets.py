"""The events of one grouping, by incident and date: made as the articles' dates and claims reach them."""

from __future__ import annotations

from collections import defaultdict

from generator.dates import in_window
from generator.events.periods import span
from generator.events.rows import RowIndex, add_claim
from generator.models import Claim, Event
from generator.vocabulary import Precision

_BACKGROUND = (Precision.YEAR, Precision.MONTH, Precision.DECADE, Precision.PERIOD)  # kept apart from the days


class EventBuckets:
    """One event per incident and date value (a day, a month, a year, a counted period, or undated).

    Per event it also keeps the (article, sentence) pairs of its context and its claim rows by claim_key, looked
    up instead of searched for in lists that grow with a long article; and when it was made: the step under way
    (`making`, set by the caller: a pass over the articles and the article) and how many events were made before
    it, so events made one incident at a time can be put in the order one pass over all the articles makes them.
    """

    def __init__(self) -> None:
        self._events: dict[tuple[str, str], Event] = {}
        self._context: dict[int, set[tuple[str, str]]] = defaultdict(set)
        self._rows: dict[int, RowIndex] = defaultdict(dict)
        self.making: tuple[int, str] = (0, "")
        self._made: list[tuple[int, str, int]] = []

    def get(self, inc: str, value: str | None, precision: str, end: str | None = None) -> Event:
        """The event of incident `inc` at a date value (of that precision; a period ends at `end`), made if new."""
        if value and precision == Precision.DAY:
            value = value[:10]  # "2026-02-02TEV" (Monday evening) belongs to the day's event
        if value and not (in_window(value, Precision.DAY if precision == Precision.PERIOD else precision)
                          and in_window(end)):
            value, end = None, None  # a publication day outside the window (the reader warns): undated reports
        key = (inc, f"{value}/{end}" if precision == Precision.PERIOD else value or "undated")
        ev = self._events.get(key)
        if ev is None:
            start, stop = span(value, precision, end)
            ev = Event(id="", title="", start=start, end=stop, precision=precision if value else Precision.UNKNOWN,
                       incident=inc, background=bool(value) and precision in _BACKGROUND)
            self._events[key] = ev
            self._made.append((*self.making, len(self._made)))
        return ev

    @staticmethod
    def add_article(ev: Event, article_id: str) -> None:
        if article_id not in ev.article_ids:
            ev.article_ids.append(article_id)

    def add_context(self, ev: Event, article_id: str, sentence: str) -> None:
        """A sentence that dates the event, once per article."""
        seen = self._context[id(ev)]
        if (article_id, sentence) not in seen:
            seen.add((article_id, sentence))
            ev.context.append((article_id, sentence))

    def add_claim(self, ev: Event, c: Claim) -> None:
        """A copy of an extracted claim, into the event's row of the same claim or a new row."""
        add_claim(ev, c, self._rows[id(ev)])

    def made(self) -> list[tuple[tuple[int, str, int], Event]]:
        """Each event with when it was made ((pass, article id, events made before it)), in the order made."""
        return list(zip(self._made, self._events.values(), strict=True))
