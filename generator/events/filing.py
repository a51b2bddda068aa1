"""Filing: each claim goes under the happening it counts, not under the day it was reported.

An incident has a happening day: the first day its articles place what happened on ("the quake on Saturday",
"the June 14 sinking"). A running toll ("the death toll rose to 82 on Tuesday", "so far 78 bodies") counts the
happening, whatever day it was said: it is filed under the happening and keeps that day as `stated_on`. A report
that names no day of its own, published soon after the happening, is about it too. Other figures stay on the
day their sentence names, else on the day their article is about (an arrest two days later is its own event).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from generator import memos, rules
from generator.config import IncidentSettings
from generator.events.days import own_days
from generator.models import Article, Claim
from generator.vocabulary import Category

RUNNING_TOLL = rules.rule("events", "running_toll").regex()
# Counts of what people did at the happening or after it, never a running toll of the happening's victims.
_NOT_TOLLS = frozenset({Category.ARRESTED, Category.CROWD_SIZE})


def happening_days(members: dict[str, list[str]], by_id: dict[str, Article],
                   main_day: dict[str, str | None]) -> dict[str, str | None]:
    """Each incident's happening day.

    Every article supports the past days its text names (else its own main day). The happening is the first day
    that at least half as many articles support as the best-supported one, and two articles when the incident has
    more than one: a background date one article names ("the war that began on 7 October") does not qualify.
    """
    out: dict[str, str | None] = {}
    for inc, ids in members.items():
        support: Counter[str] = Counter()
        for i in ids:
            day = main_day.get(i)
            days = set(own_days(by_id[i])) or ({day} if day else set())
            support.update(d for d in days if d)
        if not support:
            out[inc] = None
            continue
        need = max(2 if len(ids) > 1 else 1, (max(support.values()) + 1) // 2)
        qualified = sorted(d for d, n in support.items() if n >= need)
        if qualified:
            out[inc] = qualified[0]
        else:  # no day two articles share: the one most of them are about
            ranked = sorted(Counter(d for i in ids if (d := main_day.get(i))).items(), key=lambda kv: (-kv[1], kv[0]))
            out[inc] = ranked[0][0] if ranked else None
    return out


def is_running_toll(c: Claim) -> bool:
    """A casualty figure given as the running total of the happening ("the toll rose to 41", "12 so far")."""
    return c.category not in _NOT_TOLLS and _tells_a_toll(c.quote)


@memos.memo(4096)
def _tells_a_toll(quote: str) -> bool:
    return bool(RUNNING_TOLL.search(quote))  # once per sentence: a long one holds thousands of figures


@dataclass(frozen=True)
class Reporting:
    """What filing needs of an article, read once per article (not once per claim: a long article has thousands)."""

    named: frozenset[str]  # the past days its text names (days.own_days)
    published_day: str | None

    @classmethod
    def of(cls, a: Article) -> Reporting:
        return cls(named=frozenset(own_days(a)), published_day=a.published_day)

    def follows(self, happening: str, days: int) -> bool:
        """Whether the article follows the happening: it names its day, or was published within `days` after it
        (weeks later, an article that does not name the day may report another happening of a long story)."""
        if happening in self.named:
            return True
        return bool(self.published_day) and 0 <= _days_between(happening, self.published_day or "") <= days


def filing_day(c: Claim, a: Reporting, main_day: str | None, happening: str | None,
               settings: IncidentSettings) -> tuple[str | None, Claim]:
    """The day whose event the claim is filed under, and the claim as filed (a copy whose `stated_on` is the day
    its sentence names, when that is the day a running toll was given)."""
    day = c.date or main_day
    if day and c.stated_on and c.stated_on < day:
        day = c.stated_on  # "the military had said on Friday it killed 41": not about a later day
    if not happening or not day or day <= happening:
        return day, c
    if is_running_toll(c) and a.follows(happening, settings.window_days):
        stated = c.date if c.date and (not c.stated_on or c.date <= c.stated_on) else c.stated_on
        return happening, replace(c, stated_on=stated) if stated != c.stated_on else c
    if c.category not in _NOT_TOLLS and not c.date and not a.named and a.follows(happening, settings.follow_days):
        return happening, c  # a report of the happening's victims that names no day of its own
    return day, c


def _days_between(first: str, last: str) -> int:
    try:
        return (dt.date.fromisoformat(last[:10]) - dt.date.fromisoformat(first[:10])).days
    except ValueError:
        return 1 << 30


def article_day(a: Article, main_day: str | None, happening: str | None, settings: IncidentSettings) -> str | None:
    """The event an article is listed under: the day it is about, or the happening when it names no day of its
    own and was published soon after it (a reporting day never makes an event by itself)."""
    if happening and main_day and not own_days(a) and main_day >= happening \
            and _days_between(happening, main_day) <= settings.follow_days:
        return happening
    return main_day
