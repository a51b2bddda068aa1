"""Publication dates: read from front matter in any form an outlet prints, or found in a dateline.

dateparser is asked only here (and cached), because it costs about a millisecond a call; ISO dates are read
without it.
"""

from __future__ import annotations

import datetime as dt
import re

from generator import memos
from generator.dates.patterns import DAY, MONTH, YEAR
from generator.text import top_lines

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:Z"
                  r"|[+-](\d{2}):?(\d{2}))?\s*$")
_TZ_TAIL = re.compile(r"\s+\(?[A-Z]{2,5}\)?\s*$|\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*$")
_DATELINE_DATE = re.compile(
    rf"(?:\b{DAY}\s+{MONTH},?\s+{YEAR}|\b{MONTH}\s+{DAY},?\s+{YEAR}|\b\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{2,5})?)?")


def parse_publication_date(value: str) -> str | None:
    """Read a publication date in any form dateparser knows; ISO output, wall-clock time as written."""
    return _parse_publication_date(value.strip())


@memos.memo(4096)
def _parse_publication_date(value: str) -> str | None:
    m = _ISO.match(value)
    if m:
        return _read_iso(m)
    if not re.search(r"\b\d{4}\b", value):
        return None  # "yesterday" or "Sunday" would be read against some clock: not a publication date
    return _read_with_dateparser(value)


def _read_iso(m: re.Match[str]) -> str | None:
    """An ISO date or date and time ("2026-02-01T10:15:00+01:00" -> "2026-02-01T10:15:00"), None if impossible."""
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if m[7] is not None and (int(m[7]) > 14 or int(m[8]) > 59):
        return None  # no zone is more than 14 hours from UTC: "+99:00" is a typing error
    if m[4] is None:
        return day.isoformat()
    if int(m[4]) > 23 or int(m[5]) > 59 or int(m[6] or 0) > 59:
        return None  # "25:00" is no time of day
    return f"{day.isoformat()}T{m[4]}:{m[5]}:{m[6] or '00'}"


def _read_with_dateparser(value: str) -> str | None:
    """Any other written date ("3rd March 2024, 10:15 am GMT"): the day, and the time if one is written."""
    import dateparser  # imported lazily: loading it costs a fraction of a second

    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", value)
    cleaned = _TZ_TAIL.sub("", cleaned)  # keep the wall-clock time the outlet printed
    settings = {
        "RELATIVE_BASE": dt.datetime(1900, 1, 1),
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY" if re.match(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{4}", cleaned) else "MDY",
    }
    for candidate in (cleaned, value):
        try:
            parsed = dateparser.parse(candidate, languages=["en"], settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input
            parsed = None
        if parsed is not None:
            has_time = bool(re.search(r"\d{1,2}:\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)", candidate, re.IGNORECASE))
            if has_time:
                return parsed.replace(tzinfo=None).isoformat(timespec="seconds")
            return parsed.date().isoformat()
    return None


def find_dateline(lines: list[str], skip: set[int] | frozenset[int] = frozenset(),
                  look: int = 6) -> tuple[int, str] | None:
    """Find a dateline ("World | 3 Mar 2024 10:15 am") among the first lines; return (index, ISO date)."""
    for i, s in top_lines(lines, skip, look):
        if len(s) > 120 or len(s.split()) > 16:
            continue
        m = _DATELINE_DATE.search(s)
        rest = (s[: m.start()] + " " + s[m.end():]).strip(" |,-–—:·•") if m else ""
        if m and len(rest.split()) > 5 and rest.rstrip()[-1:] in ".!?\"”":
            continue  # "Police said 3 people were killed on 2 January 2026." is text, not a dateline
        if m:
            parsed = parse_publication_date(m.group(0))
            if parsed:
                return i, parsed
    return None
