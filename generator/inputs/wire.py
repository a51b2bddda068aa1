"""Wire datelines: "KARACHI, March 12 (Reuters) - ", "ISLAMABAD (AP) — ", "Peshawar (Pakistan) (AFP) - ".

A wire story opens with where (and often when) it was filed and the agency that filed it. That opening is not
article text: its day is the filing day, never the day of an event, so it is cut from the paragraph before the
date tagger can read it (the reader and the importer both call find_wire_dateline). Its date dates the article
when nothing better does, and its agency is the article's `agency:`. The patterns and the agency names are in
generator/rules/datelines.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import rules
from generator.text import top_lines

_STYLES = tuple(rules.rule("datelines", name).regex() for name in ("reuters_style", "afp_style", "ap_style"))
AGENCIES = {k.lower(): str(v) for k, v in rules.rule("datelines", "agencies").table.items()}
_MONTHS = {k.lower(): int(v) for k, v in (rules.rule("calendar", "months").table
                                         | rules.rule("calendar", "month_abbreviations").table).items()}


@dataclass(frozen=True)
class WireDateline:
    """A dateline at the start of a paragraph: its text, the agency's one name and the day, if written."""

    text: str  # as written, with the dash and the space after it: what is cut from the paragraph
    place: str
    agency: str
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def date(self, near: dt.date | None = None, year: int | None = None) -> str | None:
        """The ISO day: the written year, else the year nearest `near`, else `year`; None when nothing says."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _day(self.year, self.month, self.day)
        if near is not None:
            return nearest_year(self.month, self.day, near)
        return _day(year, self.month, self.day) if year is not None else None


def match_wire_dateline(text: str) -> WireDateline | None:
    """The wire dateline a paragraph opens with, or None; the agency must be a known one."""
    for style in _STYLES:
        m = style.match(text)
        if m is None:
            continue
        agency = AGENCIES.get(re.sub(r"\s+", " ", m.group("agency")).strip().lower())
        if agency is None:
            return None  # "Hathras (UP) - ": brackets that name no agency
        groups = m.groupdict()
        month = _MONTHS.get(groups["month"].lower()) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        year = int(groups["year"]) if groups.get("year") else None
        if month is not None and day is not None and _day(year or 2000, month, day) is None:
            return None  # "March 41": not a day, so not a dateline
        return WireDateline(m.group(0), m.group("place"), agency, month, day, year)
    return None


def find_wire_dateline(lines: list[str], starts: set[int] | None = None, skip: set[int] | frozenset[int] = frozenset(),
                       look: int = 6) -> tuple[int, WireDateline] | None:
    """The first wire dateline among the first `look` non-empty lines that start a paragraph (`starts`; every
    line when None): (line index, dateline)."""
    for i, line in top_lines(lines, skip, look):
        if starts is not None and i not in starts:
            continue
        found = match_wire_dateline(line)
        if found is not None:
            return i, found
    return None


def cut_wire_dateline(lines: list[str], one_line_paragraphs: bool, start: int = 0,
                      skip: set[int] | frozenset[int] = frozenset()) -> tuple[int, WireDateline] | None:
    """Find a wire dateline at the start of one of the first paragraphs of lines[start:] and cut it from its line
    in place (the line numbers stay): (index in `lines`, dateline), or None."""
    body = lines[start:]
    starts = None if one_line_paragraphs else {i for i, ln in enumerate(body)
                                               if ln.strip() and (i == 0 or not body[i - 1].strip())}
    found = find_wire_dateline(body, starts, {i - start for i in skip})
    if found is None:
        return None
    i = start + found[0]
    lines[i] = lines[i].strip()[len(found[1].text):]
    return i, found[1]


def nearest_year(month: int, day: int, near: dt.date) -> str | None:
    """The day in the year that puts it nearest `near`: a dateline of December 31 in an article published on
    January 2 is the year before, one of January 1 with a publication date of December 31 the year after."""
    candidates = [d for y in (near.year - 1, near.year, near.year + 1) if (d := _day(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((dt.date.fromisoformat(d) - near).days), d))


def _day(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
