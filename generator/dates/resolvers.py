"""A table of resolvers for temporal expressions: one small function per kind of expression.

Each pattern of patterns.PATTERNS has a resolver of the same kind in RESOLVERS. A resolver takes the match, the
whole text and the publication date (None: the article is undated) and returns the Timex (TIMEX3 type, value,
precision), or None when the match is no temporal expression after all ("2000 people"). Undated, an expression
keeps its extent and type with no value. The examples below are for an article published on Sunday
1 February 2026.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from generator.dates.context import infer_year, is_age, is_count, is_future, is_stated, mod_before
from generator.dates.patterns import (
    DAY_PART_CODES,
    DEICTIC_DAYS,
    FREQUENCY_CODES,
    PART_MODS,
    REFERENCE_VALUES,
    SEASONS,
    WEEKDAY_NUMBERS,
    count_of,
    month_number,
)
from generator.dates.timex import Timex, duration_value, safe_date, shift_month, unit_code, week_value, with_offset
from generator.dates.window import MAX_YEAR, MIN_YEAR
from generator.vocabulary import Precision, TimexType

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET
Match = re.Match[str]
Resolver = Callable[[Match, str, dt.date | None], Timex | None]


def _timex(m: Match, text: str, typ: str, value: str | None, precision: str | None, *,
           start: int | None = None, end: int | None = None, **fields: object) -> Timex:
    """The Timex of a match (or of the part of it from start to end)."""
    s = m.start() if start is None else start
    e = m.end() if end is None else end
    return Timex(s, e, text[s:e], typ, value, precision, **fields)  # type: ignore[arg-type]


def _day(written: str) -> int:
    return int(re.sub(r"\D", "", written))  # "31st" -> 31


def full_date(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A date with its year: "12 March 2025", "March 12th, 2025", "2025-03-12" -> 2025-03-12.
    A real day and month in a year outside the window ("12 March 0999") is kept as no date."""
    y = int(m["y"])
    mon = month_number(m["mon"]) if "mon" in m.groupdict() else int(m["m"])
    d = safe_date(y, mon, _day(m["d"]))
    if d is None and not MIN_YEAR <= y <= MAX_YEAR and safe_date(2000, mon, _day(m["d"])):
        return _timex(m, text, DATE, None, None, out_of_window=True)
    return _timex(m, text, DATE, d.isoformat(), Precision.DAY) if d else None


def _year_near_publication(m: Match, text: str, dct: dt.date) -> int:
    return infer_year(month_number(m["mon"]), _day(m["d"]), dct, is_future(text, m.start(), m.end()))


def day_month(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A day and month without a year, in the year that keeps it near the publication date: "on January 31"
    -> 2026-01-31, "December 28" -> 2025-12-28; "5 March percent" is no date."""
    if re.match(r"\s*(?:%|percent|per cent)", text[m.end(): m.end() + 12]):
        return None
    if dct is None:
        return _timex(m, text, DATE, None, None)
    d = safe_date(_year_near_publication(m, text, dct), month_number(m["mon"]), _day(m["d"]))
    return _timex(m, text, DATE, d.isoformat(), Precision.DAY) if d else None


def day_month_range(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """Days of one month: "January 3-5" -> 2026-01-03 with end_value 2026-01-05 (both in the inferred year)."""
    if dct is None:
        return _timex(m, text, DATE, None, None)
    year, mon = _year_near_publication(m, text, dct), month_number(m["mon"])
    d, d2 = safe_date(year, mon, _day(m["d"])), safe_date(year, mon, _day(m["d2"]))
    if d is None:
        return None
    return _timex(m, text, DATE, d.isoformat(), Precision.DAY, end_value=d2.isoformat() if d2 else None)


def month_year(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A month and year: "March 2025" -> 2025-03; "late March 2025" keeps the mod END."""
    return _timex(m, text, DATE, f"{int(m['y']):04d}-{month_number(m['mon']):02d}", Precision.MONTH,
                  mod=PART_MODS.get((m["mod"] or "").lower()))


def month(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A month without a year: "last March" -> 2025-03, "next March" -> 2026-03, "in June" (looking back)
    -> 2025-06, "early March" -> 2026-03 with mod START. After a preposition the extent is the month alone."""
    rel = (m["rel"] or "").lower()
    start = m.start("mon") if m["prep"] else m.start()
    if dct is None:
        return _timex(m, text, DATE, None, None, start=start)
    mon = month_number(m["mon"])
    if rel == "last":
        year = dct.year - 1 if mon >= dct.month else dct.year
    elif rel == "next":
        year = dct.year + 1 if mon <= dct.month else dct.year
    elif rel == "this":
        year = dct.year
    else:
        year = infer_year(mon, 1, dct, is_future(text, m.start("mon"), m.end()))
    return _timex(m, text, DATE, f"{year:04d}-{mon:02d}", Precision.MONTH, start=start, mod=PART_MODS.get(rel))


def _weekday_date(dct: dt.date, wd: int, rel: str, future: bool) -> dt.date:
    """The day of weekday wd nearest the publication date in the direction the text looks: the publication day
    itself unless "next" or "last" says otherwise."""
    if future:
        delta = (wd - dct.weekday()) % 7
        if rel == "next" and delta == 0:
            delta = 7
        return dct + dt.timedelta(days=delta)
    delta = (dct.weekday() - wd) % 7
    if rel == "last" and delta == 0:
        delta = 7
    return dct - dt.timedelta(days=delta)


def weekday(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A weekday: "on Friday" -> 2026-01-30, "will meet on Monday" -> 2026-02-02, "on Sunday" -> 2026-02-01,
    "Saturday night" -> 2026-01-31TNI (TIME); "said late on Saturday" is stated, with mod END."""
    s, e = m.span()
    rel = (m["rel"] or "").lower()
    mod = PART_MODS.get((m["mod"] or "").lower()) or mod_before(text, s)
    stated = is_stated(text, s)
    if rel == "past":
        return None  # "the past Saturday" is rare and ambiguous; leave it
    part = m["part"]
    typ = TIME if part else DATE
    if dct is None:
        return _timex(m, text, typ, None, None, mod=mod, stated=stated)
    future = rel in ("next", "coming") or (rel != "last" and is_future(text, s, e))
    value = _weekday_date(dct, WEEKDAY_NUMBERS[m["wd"]], rel, future).isoformat()
    if part:
        value += "T" + DAY_PART_CODES[part]
    return _timex(m, text, typ, value, Precision.DAY, mod=mod, stated=stated)


def deictic(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A day counted from the publication day: "yesterday" -> 2026-01-31, "the day after tomorrow" -> 2026-02-03,
    "last night" -> 2026-01-31TNI, "this morning" -> 2026-02-01TMO (TIME)."""
    if dct is None:
        return _timex(m, text, DATE, None, None)
    w = m["w"].lower()
    if w in DEICTIC_DAYS:
        days, part = DEICTIC_DAYS[w]["days"], DEICTIC_DAYS[w].get("part")
    else:  # spelled with a letter that IGNORECASE equates with an ASCII one ("yeſterday"): the publication day
        days, part = 0, (w.split()[1] if w.startswith("this ") else None)
    d = dct + dt.timedelta(days=days)
    stated = is_stated(text, m.start())  # "the ministry clarified this morning": when it was said
    if part:
        return _timex(m, text, TIME, f"{d.isoformat()}T{DAY_PART_CODES[part]}", Precision.DAY, stated=stated)
    return _timex(m, text, DATE, d.isoformat(), Precision.DAY, stated=stated)


def unit_relative(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A week, month or year counted from the publication date: "last week" -> 2026-W04, "this weekend" ->
    2026-W05-WE, "next month" -> 2026-03, "last year" -> 2025; "the past year" is the duration P1Y."""
    rel, u = m["rel"].lower(), m["u"].lower()
    if rel == "past" or (rel == "last" and re.match(r"\s+(?:few|several|\d)", text[m.end():m.end() + 10])):
        return _timex(m, text, DURATION, "P1" + unit_code(u), None)
    if dct is None:
        return _timex(m, text, DATE, None, None)
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if u == "week":
        return _timex(m, text, DATE, week_value(dct + dt.timedelta(weeks=step)), Precision.WEEK)
    if u == "weekend":
        return _timex(m, text, DATE, week_value(dct + dt.timedelta(weeks=step)) + "-WE", Precision.WEEK)
    if u == "month":
        y, mo = shift_month(dct, step)
        return _timex(m, text, DATE, f"{y:04d}-{mo:02d}", Precision.MONTH)
    return _timex(m, text, DATE, f"{dct.year + step:04d}", Precision.YEAR)


def counted_back(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A count of units back from the publication date: "three days ago" -> 2026-01-29, "two years ago" -> 2024,
    "several days ago" -> the vague duration PXD. "a month earlier" and "two days later" are durations (P1M,
    P2D) whose day comes from another date in the text (see anaphors); "a week from now" is P1W anchored 2026-W06."""
    n = count_of(m["n"])
    u = m["u"].lower().rstrip("s")
    direction = m["dir"].lower()
    if n is None:
        return _timex(m, text, DURATION, "PX" + unit_code(u), None, end=m.end("u") if direction != "ago" else None)
    if direction in ("before", "after", "earlier", "later", "from now"):
        arrow = "-" if direction in ("before", "earlier") else "+"
        tx = _timex(m, text, DURATION, duration_value(n, u), None, end=m.end("u"),
                    mod=None if direction == "from now" else f"{arrow}{n}{u}")
        return with_offset(tx, dct, n, u) if direction == "from now" and dct is not None else tx
    if dct is None:
        return _timex(m, text, DATE, None, None)
    if u == "day":
        return _timex(m, text, DATE, (dct - dt.timedelta(days=n)).isoformat(), Precision.DAY)
    if u == "week":
        return _timex(m, text, DATE, week_value(dct - dt.timedelta(weeks=n)), Precision.WEEK)
    if u == "month":
        y, mo = shift_month(dct, -n)
        return _timex(m, text, DATE, f"{y:04d}-{mo:02d}", Precision.MONTH)
    if u == "year":
        return _timex(m, text, DATE, f"{dct.year - n:04d}", Precision.YEAR)
    return _timex(m, text, DATE, f"{(dct.year - 10 * n) // 10:03d}", Precision.DECADE)


def anaphor(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A day counted from another date in the text, never from the publication date: "the next day", "the day
    before", "that week". Its mod (+1day, -1day, +0week) says how; anaphors.resolve_anaphors finds the date."""
    rel = (m["rel"] or m["rel2"] or "same").lower()
    u = (m["u"] or m["u2"] or "day").lower()
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "before": -1, "same": 0}[rel]
    return _timex(m, text, DATE, None, None, mod=f"{'+' if offset >= 0 else '-'}{abs(offset)}{u}")


def decade(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A decade: "the 1990s" -> 199."""
    return _timex(m, text, DATE, m["y"][:3], Precision.DECADE)


def century(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A century: "the 20th century" -> 19 (as TIMEX3 writes it), with no precision."""
    return _timex(m, text, DATE, f"{int(m['n']) - 1:02d}", None)


def season(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A season counted from the publication date: "last summer" -> 2025-SU, "next spring" -> 2026-SP,
    "this winter" -> 2025-WI (the winter under way)."""
    if dct is None:
        return _timex(m, text, DATE, None, None)
    code, start_month = SEASONS[m["s"]]
    rel = m["rel"].lower()
    current = dct.year if dct.month >= start_month else dct.year - 1  # the latest that has begun
    ongoing = (dct.year * 12 + dct.month) - (current * 12 + start_month) < 3
    if rel == "last":
        year = current - 1 if ongoing else current
    elif rel == "next":
        year = current + 1
    else:
        year = current if ongoing else (dct.year if code != "WI" else current + 1)
    return _timex(m, text, DATE, f"{year:04d}-{code}", None)


def year_range(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """Years from one to another: "2009-2010", "2009-10" -> 2009 with end_value 2010 ("2010-2009" is none)."""
    y2 = m["y2"] if len(m["y2"]) == 4 else m["y"][:2] + m["y2"]
    if int(y2) <= int(m["y"]):
        return None
    return _timex(m, text, DATE, m["y"], Precision.YEAR, end_value=y2)


def year(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A year: "in 1948" -> 1948; "2000 people", "Flight 1907" and "2000 killed" are no years."""
    if is_count(text, m.start(), m.end()):
        return None
    return _timex(m, text, DATE, m["y"], Precision.YEAR)


def repeated(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A repeated time (SET): "every day", "daily" -> P1D; "every Monday", "weekly" -> P1W; "every year" -> P1Y."""
    u = (m["u"] or m["adv"] or "day").lower()
    if u in FREQUENCY_CODES:
        code = FREQUENCY_CODES[u]
    elif u.capitalize() in WEEKDAY_NUMBERS:
        code = "W"
    else:
        code = "D" if u in ("morning", "night") else unit_code(u)
    return _timex(m, text, SET, f"P1{code}", None)


def duration(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A length of time: "three weeks" -> P3W, "about five hours" -> PT5H, "the past two years" -> P2Y,
    "several months" -> PXM; "6 months old" and "children 6 months and older" are ages, no durations."""
    if is_age(text, m.start(), m.end()):
        return None
    n_txt = m["n"].lower()
    size: float | None = count_of(n_txt) if not re.match(r"\d+\.\d+", n_txt) else float(n_txt)
    value = f"PX{unit_code(m['u'])}" if size is None else duration_value(size, m["u"])
    start = m.start() + len("over ") if m["pre"] and m["pre"].lower().startswith("over") else m.start()
    return _timex(m, text, DURATION, value, None, start=start)


def vague_duration(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """A length of time without a number: "for years." -> PXY, "weeks later" -> PXW."""
    return _timex(m, text, DURATION, "PX" + unit_code(m["u"]), None)


def reference(m: Match, text: str, dct: dt.date | None) -> Timex | None:
    """The present, past or future as a whole: "now" -> PRESENT_REF, "recently" -> PAST_REF, "in the future"
    -> FUTURE_REF; "former" is none."""
    w = m["w"].lower()
    # A word spelled with a letter that IGNORECASE equates with an ASCII one ("the paſt") is not in the table:
    # FUTURE_REF, as it always was.
    value = REFERENCE_VALUES.get(w, "FUTURE_REF")
    return _timex(m, text, DATE, value, None) if value else None


RESOLVERS: dict[str, Resolver] = {
    "iso": full_date, "dmy": full_date, "mdy": full_date,
    "mdrange": day_month_range, "dmrange": day_month_range, "dm": day_month, "md": day_month,
    "my": month_year, "m": month, "set": repeated, "weekday": weekday, "deictic": deictic,
    "unitrel": unit_relative, "season": season, "century": century, "ago": counted_back, "anaphor": anaphor,
    "decade": decade, "yearrange": year_range, "year": year, "duration": duration, "vaguedur": vague_duration,
    "ref": reference,
}
# The TIMEX3 type of each kind when it cannot be resolved at all; the kinds not named are DATE.
KIND_TYPE = {"duration": DURATION, "vaguedur": DURATION, "set": SET}
