"""Date stage: publication dates, and temporal expressions in the text resolved against them.

Cheap patterns find and resolve almost everything; dateparser is only asked about publication dates
and datelines (and cached), because it costs about a millisecond a call.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from generator.diagnostics import Code
from generator.models import Article, DateMention, Diagnostic, Location

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
# The years a date in the text may have: a resolved calendar date outside them (a mention's value or end, an
# event's start or end, a claim's day, a counted period) is read as no date, with a warning. Nothing before the
# year 1000 or after 2100 belongs on a news timeline, and it keeps the date arithmetic within what dt.date can do.
MIN_YEAR = 1000
MAX_YEAR = 2100
# Full dates ("12 March 1650", "March 12, 2150", "2101-01-01") are read with any four-digit year, so that one
# outside MIN_YEAR-MAX_YEAR is reported rather than taken for a date in the publication year.
FULL_YEAR = r"\d{4}"
NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
       r"|fifteen|twenty|thirty|forty|fifty|several|a few|few|many)")
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"

FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|is due|are due|is expected to|are expected to|is scheduled|are scheduled|"
    r"plans? to|is set to|are set to|to be held|going to)\b", re.IGNORECASE)
# A past-tense verb after the future cue governs the date: "they will never forget what happened on Saturday".
PAST_VERB = re.compile(r"\b(?:\w+ed|was|were|had|did|met|held|began|took|came|went|left|saw|struck|hit|fought|"
                       r"said|told|broke|fell|ran|won|lost|shot|killed|died)\b", re.IGNORECASE)
PASSIVE = re.compile(r"\b(?:be|been|being)\s+\w+ed\b", re.IGNORECASE)  # "to be published" is not the past
UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|say|told|announced|stated|reported|claimed|added|noted|confirmed|declared|"
    r"tweeted|posted|wrote|statement|remarks|briefing|conference)\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+)?$",
    re.IGNORECASE)
SPEECH_NOUNS = re.compile(r"^\s*(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:\w+(?:'s|’s)?\s+){0,2}"
                          r"(?:remarks|statement|announcement|press conference|comments|speech|briefing)",
                          re.IGNORECASE)


@dataclass
class Timex:
    """A temporal expression found in a text: offsets, TIMEX3 type and value, calendar precision."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None = None
    mod: str | None = None
    stated: bool = False  # "said on Sunday": the day something was said, not the day it happened
    end_value: str | None = None
    # "a month earlier" is a DURATION in TimeML (value P1M), but the timeline needs the day it points at:
    anchored: str | None = None
    anchored_precision: str | None = None
    range_end: bool = False  # the "2010" of "2009-2010": TimeML tags it apart, the timeline keeps one range
    out_of_window: bool = False  # it would resolve outside MIN_YEAR-MAX_YEAR (or overflow): read as no date


# --- publication dates -------------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:Z"
                  r"|[+-](\d{2}):?(\d{2}))?\s*$")
_TZ_TAIL = re.compile(r"\s+\(?[A-Z]{2,5}\)?\s*$|\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*$")


def parse_publication_date(value: str) -> str | None:
    """Read a publication date in any form dateparser knows; ISO output, wall-clock time as written."""
    return _parse_publication_date(value.strip())


@lru_cache(maxsize=4096)
def _parse_publication_date(value: str) -> str | None:
    m = _ISO.match(value)
    if m:
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
    if not re.search(r"\b\d{4}\b", value):
        return None  # "yesterday" or "Sunday" would be read against some clock: not a publication date
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


_DATELINE_DATE = re.compile(
    rf"(?:\b{DAY}\s+{MONTH},?\s+{YEAR}|\b{MONTH}\s+{DAY},?\s+{YEAR}|\b\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{2,5})?)?")


def find_dateline(lines: list[str], skip: set[int] | frozenset[int] = frozenset(),
                  look: int = 6) -> tuple[int, str] | None:
    """Find a dateline ("World | 3 Mar 2024 10:15 am") among the first lines; return (index, ISO date)."""
    seen = 0
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            continue
        seen += 1
        if seen > look:
            break
        s = line.strip()
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


# --- temporal expressions in text ---------------------------------------------------------------

def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _num(word: str) -> int | None:
    w = word.lower().replace(",", "")  # "10,000 years ago"
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + months
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _sentence_before(text: str, start: int, limit: int = 160) -> str:
    lo = max(0, start - limit)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "))
    return chunk[cut + 1:] if cut >= 0 else chunk


def _is_future(text: str, start: int, end: int) -> bool:
    """Does the verb governing a date point forward ("will meet on Monday") rather than back?"""
    before = _sentence_before(text, start)
    cues = list(FUTURE_CUES.finditer(before))
    if cues and not PAST_VERB.search(PASSIVE.sub(" ", before[cues[-1].end():])):
        return True
    if UNTIL_BEFORE.search(before[-25:]):
        return True  # "postponed until Saturday", "the programme runs through June": the coming one
    return bool(re.match(r"\s*(?:will|is due|are due)\b", text[end: end + 40]))


def _infer_year(month: int, day: int, dct: dt.date, future: bool) -> int:
    """Year for a date written without one: the one that keeps it near the publication date."""
    cand = _safe_date(dct.year, month, min(day, 28) if month == 2 and day > 28 else day) or dt.date(dct.year, month, 1)
    if future and cand < dct - dt.timedelta(days=31):
        return dct.year + 1
    if not future and cand > dct + dt.timedelta(days=31):
        return dct.year - 1
    return dct.year


# Put in front of a pattern whose matches all start with a letter or a digit: the same matches, found faster on a
# long text (the regular expression engine skips the other characters without trying the whole pattern there).
WORD_START = r"(?=[^\W_])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dmy", re.compile(rf"\b(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH}),?\s+(?P<y>{FULL_YEAR})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{FULL_YEAR})\b")),
    ("mdrange", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\s*(?:-|–|to|through|and)\s*(?P<d2>{DAY})\b(?!:)")),
    ("dmrange", re.compile(rf"\b(?P<d>{DAY})\s*(?:-|–|to|and)\s*(?P<d2>{DAY})\s+(?P<mon>{MONTH})")),
    ("dm", re.compile(rf"\b(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})")),
    ("md", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?![:\d])")),
    ("my", re.compile(rf"{WORD_START}(?:\b(?P<mod>early|mid|late|the end of|the beginning of|the start of)[\s-]+)?"
                      rf"\b(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{FULL_YEAR})\b")),
    ("m", re.compile(rf"(?:\b(?P<rel>last|next|this|early|mid|late)[\s-]+|\b(?P<prep>in|In|since|Since|by"
                     r"|until|till|during|from|From|through|of|before|after)\s+)"
                     rf"(?P<mon>{MONTH})")),
    ("set", re.compile(r"\b(?:(?:every|each)\s+(?P<u>day|week|month|year|morning|night|Monday|Tuesday"
                       r"|Wednesday|Thursday|Friday|Saturday|Sunday)"
                       r"|(?P<adv>daily|weekly|monthly|annually|yearly|nightly))\b")),
    ("weekday", re.compile(rf"(?:\b(?P<rel>last|next|this|coming|past|Last|Next|This)\s+|\b(?P<mod>late"
                           r"|early|Late|Early)\s+)?"
                           rf"\b(?P<wd>{WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?")),
    ("deictic", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow"
                           r"|this (?:morning|afternoon|evening)|last night|yesterday (?:morning|afternoon"
                           r"|evening))\b",
                           re.IGNORECASE)),
    ("unitrel", re.compile(r"\b(?P<rel>last|this|next|past|previous|coming)\s+(?:(?:fiscal|financial|calendar)\s+)?"
                           r"(?P<u>week|month|year|weekend)\b", re.IGNORECASE)),
    ("season", re.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<s>spring|summer|autumn|fall|winter)\b")),
    ("century", re.compile(r"\b(?:the\s+)?(?P<n>1?\d|2[01])(?:st|nd|rd|th)[\s-]+[Cc]entury\b")),
    ("ago", re.compile(rf"{WORD_START}\b(?P<n>{NUM})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago"
                       r"|earlier|later|before|after|from now)\b",
                       re.IGNORECASE)),
    ("anaphor", re.compile(r"\b(?:the\s+(?P<rel>next|following|previous|same)\s+(?P<u>day|morning|evening"
            r"|night|week|month|year)"
                           r"|the\s+day\s+(?P<rel2>before|after)|that\s+(?P<u2>day|week|month"
                           r"|year))\b", re.IGNORECASE)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<y>1[89]\d0|20\d0)s\b")),
    ("yearrange", re.compile(rf"(?<![\d,.$£€#])\b(?P<y>{YEAR})\s*(?:-|–|to)\s*(?P<y2>{YEAR}|\d\d)\b(?!\d|,\d)")),
    ("year", re.compile(rf"(?<![\d,.$£€#/-])\b(?P<y>{YEAR})\b(?![\d/]|,\d|-\d|\s*(?:%|percent|per cent))")),
    ("duration", re.compile(rf"{WORD_START}\b(?:(?P<pre>the\s+(?:past|last|next|previous|first|coming)"
                            r"|over\s+the\s+(?:past|last))\s+)?"
                            rf"(?:(?P<q>about|around|roughly|nearly|almost|some|more than|less than)\s+)?"
                            rf"(?P<n>{NUM}|\d+(?:\.\d+)?)[\s-]+(?P<u>{UNIT})(?:[\s-]+long)?\b(?!-old|\s+old\b)",
                            re.IGNORECASE)),
    ("vaguedur", re.compile(r"\b(?:for\s+)?(?P<u>decades|years|months|weeks|days|hours|minutes|seconds"
                            r"|centuries)\b(?=\s*(?:[.,;]|$|now\b)|\s+(?:before|after|later|earlier)\b)")),
    ("ref", re.compile(r"\b(?P<w>now|currently|at present|nowadays|recently|the past|the future"
                       r"|in the future|former(?:ly)?)\b",
                       re.IGNORECASE)),
]

# The patterns that ignore case, for a lower-cased copy of the text, where they match the same (their letters are all
# lower case): about three times faster. Not for a text that lower-casing changes the length of, or that has one of
# the four letters that IGNORECASE equates with an ASCII letter and lower() does not (see the `re` docs).
_LOWER_PATTERNS = {kind: re.compile(pat.pattern, pat.flags & ~re.IGNORECASE) for kind, pat in _PATTERNS
                   if pat.flags & re.IGNORECASE
                   and not re.search(r"[A-Z]", re.sub(r"\(\?P<\w+>|\\[A-Za-z]", "", pat.pattern))}
_CASE_SPECIALS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin)

# Modifiers written before "on Saturday" that TimeML keeps out of the extent but in `mod`.
_MOD_BEFORE = re.compile(r"\b(late|early|earlier|later)\s+(?:on\s+)?$", re.IGNORECASE)
_UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
              "decade": "DE", "centur": "CE"}
_VAGUE_PEOPLE_AFTER = re.compile(
    r"\s+(?:people|persons|militants|soldiers|civilians|children|troops|police|fighters|insurgents|casualties|"
    r"residents|families|homes|houses|vehicles|km|kilometres|kilometers|miles|"
    r"metres|meters|acres|tonnes|tons|dollars|rupees|euros|pounds)\b", re.IGNORECASE)


_KIND_TYPE = {"duration": "DURATION", "vaguedur": "DURATION", "set": "SET"}  # the rest are DATE (or TIME)
_YEAR_AT_START = re.compile(r"(-?\d+)(?:-|T|$)")
_SEASON_VALUE = re.compile(r"-?\d+-(?:SP|SU|FA|WI)$")
_DURATION_VALUE = re.compile(r"P(T?)([0-9.eE+]+|inf)([YMWDHS])")
_PER_YEAR = {("", "Y"): 1.0, ("", "M"): 12.0, ("", "W"): 365.25 / 7, ("", "D"): 365.25, ("T", "H"): 365.25 * 24,
             ("T", "M"): 365.25 * 24 * 60, ("T", "S"): 365.25 * 24 * 3600}


def in_window(value: str | None, precision: str | None = "day") -> bool:
    """Whether a calendar value (2026-01-31, 2026-W05, 2026-01, 2026, the decade 197, the season 2026-SU) lies in
    the years MIN_YEAR to MAX_YEAR. Other values (durations, PRESENT_REF, centuries) are not calendar dates: True."""
    if not value:
        return True
    if precision == "decade":
        try:
            decade = int(value)
        except ValueError:
            return False
        return MIN_YEAR <= decade * 10 and decade * 10 + 9 <= MAX_YEAR
    if precision is None and not _SEASON_VALUE.match(value):
        return True
    m = _YEAR_AT_START.match(value)
    return m is None or MIN_YEAR <= int(m.group(1)) <= MAX_YEAR


def duration_in_window(value: str | None) -> bool:
    """Whether a TIMEX3 duration (P3D, PT5H, P10Y) is no longer than the window: "over the past 99999999 weeks"
    is not a length of time to put on a timeline."""
    m = _DURATION_VALUE.fullmatch(value or "")
    if not m:
        return True  # PX (vague) or not a duration
    try:
        amount = float(m.group(2))
    except ValueError:
        return True
    per_year = _PER_YEAR.get((m.group(1), m.group(3)))
    return per_year is None or amount / per_year <= MAX_YEAR - MIN_YEAR


def _to_window(tx: Timex) -> Timex:
    """tx read as no date when what it resolves to lies outside the window."""
    if tx.type in ("DATE", "TIME") and not (in_window(tx.value, tx.precision)
                                             and in_window(tx.end_value, tx.precision or "day")):
        tx.value, tx.precision, tx.end_value, tx.out_of_window = None, None, None, True
    if tx.type == "DURATION" and not duration_in_window(tx.value):
        tx.value, tx.out_of_window = None, True
    if tx.anchored and not in_window(tx.anchored, tx.anchored_precision):
        tx.anchored, tx.anchored_precision, tx.out_of_window = None, None, True
    return tx


def _unreadable(kind: str, m: re.Match[str], text: str) -> Timex:
    """An expression whose arithmetic overflows ("99999999 days ago", a year 0): the extent it would have, no date."""
    try:
        tx = _resolve(kind, m, text, None)  # the same extent, without resolving against the publication date
    except (OverflowError, ValueError):
        tx = None
    if tx is None:
        tx = Timex(m.start(), m.end(), text[m.start(): m.end()], _KIND_TYPE.get(kind, "DATE"), None)
    tx.value, tx.precision, tx.end_value, tx.anchored, tx.anchored_precision = None, None, None, None, None
    tx.out_of_window = True
    return tx


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """Find temporal expressions in text and resolve them against the publication date (None: undated)."""
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already tagged

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken, (s, s))
        if i < len(taken) and taken[i][0] < e:
            return False
        return not (i > 0 and taken[i - 1][1] > s)

    low = text.lower()
    lowered = len(low) == len(text) and not any(c in text for c in _CASE_SPECIALS)
    for kind, pat in _PATTERNS:
        source = text
        if lowered and kind in _LOWER_PATTERNS:
            pat, source = _LOWER_PATTERNS[kind], low  # the same matches (spans, and groups but for their case)
        # A pattern's own matches never overlap (finditer), and each expression lies inside its match, so its
        # spans are checked against the earlier patterns' only and merged in once the pattern is done: one
        # sorted merge per pattern instead of an insertion into the middle of a long list per expression.
        added: list[tuple[int, int]] = []
        for m in pat.finditer(source):
            s, e = m.span()
            if not free(s, e):
                continue
            try:
                tx = _resolve(kind, m, text, dct)
            except (OverflowError, ValueError):  # "99999999 days ago", a year 0: no calendar date
                tx = _unreadable(kind, m, text)
            if tx is None:
                continue
            _to_window(tx)  # before the anaphors, so that a date outside the window anchors none of them
            if kind == "yearrange":  # TimeML tags "2009-2010" as two years; the first keeps the range's end
                second = Timex(m.start("y2"), m.end("y2"), m.group("y2"), "DATE", tx.end_value, "year",
                               range_end=True)
                tx.end, tx.text = m.end("y"), m.group("y")
                added.append((second.start, second.end))
                found.append(second)
            added.append((tx.start, tx.end))
            found.append(tx)
        if added:
            taken = sorted(taken + added)  # two sorted runs (almost): a linear merge
    found.sort(key=lambda t: (t.start, t.end))
    _resolve_anaphors(found, text)
    for tx in found:
        _to_window(tx)  # "a week after 31 December 2100"
    return found


def _unit_code(u: str) -> str:
    u = u.lower()
    for k, v in _UNIT_CODE.items():
        if u.startswith(k):
            return v
    return "D"


def _resolve(kind: str, m: re.Match[str], text: str, dct: dt.date | None) -> Timex | None:
    s, e = m.span()
    g = m.groupdict()
    span = text[s:e]

    def mk(typ: str, value: str | None, precision: str | None, start: int = s, end: int = e, **kw: object) -> Timex:
        return Timex(start, end, text[start:end], typ, value, precision, **kw)  # type: ignore[arg-type]

    if kind in ("iso", "dmy", "mdy"):
        y, mon = int(g["y"]), int(g["m"]) if kind == "iso" else _month(g["mon"])
        day = int(re.sub(r"\D", "", g["d"]))
        d = _safe_date(y, mon, day)
        if d is None and not MIN_YEAR <= y <= MAX_YEAR and _safe_date(2000, mon, day):
            return mk("DATE", None, None, out_of_window=True)  # a real day and month, in the year 0 or 99999
        return mk("DATE", d.isoformat(), "day") if d else None
    if kind in ("mdrange", "dmrange", "dm", "md"):
        mon = _month(g["mon"])
        if g["mon"] == "May" and kind == "dm" and not re.match(r"\d", span):
            return None
        day = int(re.sub(r"\D", "", g["d"]))
        after = text[e: e + 12]
        if kind in ("dm", "md") and re.match(r"\s*(?:%|percent|per cent)", after):
            return None
        if dct is None:
            return mk("DATE", None, None)
        year = _infer_year(mon, day, dct, _is_future(text, s, e))
        d = _safe_date(year, mon, day)
        if d is None:
            return None
        tx = mk("DATE", d.isoformat(), "day")
        if g.get("d2"):
            d2 = _safe_date(year, mon, int(re.sub(r"\D", "", g["d2"])))
            tx.end_value = d2.isoformat() if d2 else None
        return tx
    if kind == "my":
        return mk("DATE", f"{int(g['y']):04d}-{_month(g['mon']):02d}", "month",
                  mod={"early": "START", "late": "END", "mid": "MID"}.get((g.get("mod") or "").lower()))
    if kind == "m":
        rel = (g.get("rel") or "").lower()
        if dct is None:
            return mk("DATE", None, None, start=m.start("mon") if g.get("prep") else s)
        mon = _month(g["mon"])
        if rel == "last":
            year = dct.year - 1 if mon >= dct.month else dct.year
        elif rel == "next":
            year = dct.year + 1 if mon <= dct.month else dct.year
        elif rel == "this":
            year = dct.year
        else:
            year = _infer_year(mon, 1, dct, _is_future(text, m.start("mon"), e))
        mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
        start = m.start("mon") if g.get("prep") else s
        return mk("DATE", f"{year:04d}-{mon:02d}", "month", start=start, mod=mod)
    if kind == "weekday":
        rel = (g.get("rel") or "").lower()
        mod_word = (g.get("mod") or "").lower()
        before = text[max(0, s - 30): s]
        mb = _MOD_BEFORE.search(before)
        mod = {"late": "END", "early": "START"}.get(mod_word) or (
            {"late": "END", "early": "START"}.get(mb.group(1).lower()) if mb else None)
        stated = bool(SPEECH_BEFORE.search(text[max(0, s - 60): s]))
        if rel == "past":
            return None  # "the past Saturday" is rare and ambiguous; leave it
        part = g.get("part")
        typ = "TIME" if part else "DATE"
        if dct is None:
            return mk(typ, None, None, mod=mod, stated=stated)
        wd = _WEEKDAYS.index(g["wd"])
        future = rel in ("next", "coming") or (rel != "last" and _is_future(text, s, e))
        if future:
            delta = (wd - dct.weekday()) % 7
            if rel == "next" and delta == 0:
                delta = 7
            d = dct + dt.timedelta(days=delta)
        else:
            delta = (dct.weekday() - wd) % 7
            if rel == "last" and delta == 0:
                delta = 7
            d = dct - dt.timedelta(days=delta)
        value = d.isoformat()
        if part:
            value += "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part]
        return mk(typ, value, "day", mod=mod, stated=stated)
    if kind == "deictic":
        w = g["w"].lower()
        if dct is None:
            return mk("DATE", None, None)
        if w.startswith("the day before yesterday"):
            d, part = dct - dt.timedelta(days=2), None
        elif w.startswith("the day after tomorrow"):
            d, part = dct + dt.timedelta(days=2), None
        elif w.startswith("yesterday"):
            d, part = dct - dt.timedelta(days=1), (w.split()[1] if " " in w else None)
        elif w == "tomorrow":
            d, part = dct + dt.timedelta(days=1), None
        elif w == "last night":
            d, part = dct - dt.timedelta(days=1), "night"
        elif w == "tonight":
            d, part = dct, "night"
        elif w.startswith("this "):
            d, part = dct, w.split()[1]
        else:
            d, part = dct, None
        if part:
            code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part]
            return mk("TIME", f"{d.isoformat()}T{code}", "day")
        return mk("DATE", d.isoformat(), "day")
    if kind == "unitrel":
        rel, u = g["rel"].lower(), g["u"].lower()
        if rel == "past" or (rel == "last" and re.match(r"\s+(?:few|several|\d)", text[e:e + 10])):
            return mk("DURATION", "P1" + _unit_code(u), None)
        if dct is None:
            return mk("DATE", None, None)
        step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
        if u == "week":
            return mk("DATE", _week_value(dct + dt.timedelta(weeks=step)), "week")
        if u == "weekend":
            return mk("DATE", _week_value(dct + dt.timedelta(weeks=step)) + "-WE", "week")
        if u == "month":
            y, mo = _shift_month(dct, step)
            return mk("DATE", f"{y:04d}-{mo:02d}", "month")
        return mk("DATE", f"{dct.year + step:04d}", "year")
    if kind == "ago":
        n = _num(g["n"]) if g["n"].lower() not in ("several", "a few", "few", "many") else None
        u = g["u"].lower().rstrip("s")
        direction = g["dir"].lower()
        unit_end = m.end("u")
        if n is None:
            return mk("DURATION", "PX" + _unit_code(u), None, end=unit_end if direction != "ago" else e)
        if direction in ("before", "after", "earlier", "later", "from now"):
            # TimeML: "a month earlier" is the duration "a month"; the day it points at is kept as `anchored`,
            # from another date in the text (_resolve_anaphors) or, for "from now", the publication date.
            arrow = "-" if direction in ("before", "earlier") else "+"
            tx = mk("DURATION", _duration_value(n, u), None, end=unit_end,
                    mod=None if direction == "from now" else f"{arrow}{n}{u}")
            if direction == "from now" and dct is not None:
                _apply_offset(tx, dct, n, u)
            return tx
        if dct is None:
            return mk("DATE", None, None)
        sign = -1
        if u == "day":
            return mk("DATE", (dct + dt.timedelta(days=sign * n)).isoformat(), "day")
        if u == "week":
            return mk("DATE", _week_value(dct + dt.timedelta(weeks=sign * n)), "week")
        if u == "month":
            y, mo = _shift_month(dct, sign * n)
            return mk("DATE", f"{y:04d}-{mo:02d}", "month")
        if u == "year":
            return mk("DATE", f"{dct.year + sign * n:04d}", "year")
        return mk("DATE", f"{(dct.year + sign * 10 * n) // 10:03d}", "decade")
    if kind == "anaphor":
        rel = (g.get("rel") or g.get("rel2") or "same").lower()
        u = (g.get("u") or g.get("u2") or "day").lower()
        offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "before": -1, "same": 0}[rel]
        return mk("DATE", None, None, mod=f"{'+' if offset >= 0 else '-'}{abs(offset)}{u}")
    if kind == "decade":
        return mk("DATE", g["y"][:3], "decade")
    if kind == "century":
        return mk("DATE", f"{int(g['n']) - 1:02d}", None)  # TIMEX3: the 20th century is "19"
    if kind == "season":
        if dct is None:
            return mk("DATE", None, None)
        code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[g["s"]]
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        rel = g["rel"].lower()
        current = dct.year if dct.month >= start_month else dct.year - 1  # the latest that has begun
        ongoing = (dct.year * 12 + dct.month) - (current * 12 + start_month) < 3
        if rel == "last":
            year = current - 1 if ongoing else current
        elif rel == "next":
            year = current + 1
        else:
            year = current if ongoing else (dct.year if code != "WI" else current + 1)
        return mk("DATE", f"{year:04d}-{code}", None)
    if kind == "yearrange":
        y2 = g["y2"] if len(g["y2"]) == 4 else g["y"][:2] + g["y2"]
        if int(y2) <= int(g["y"]):
            return None
        return mk("DATE", g["y"], "year", end_value=y2)
    if kind == "year":
        if _VAGUE_PEOPLE_AFTER.match(text[e: e + 20]):
            return None  # "2000 people" is a count, not a year
        before = text[max(0, s - 12): s]
        if re.search(r"\b(?:Flight|flight|No\.?|Number|number|Route|route|Highway|Resolution|Room|Bus|bus)\s$", before):
            return None
        if re.match(r"\s+(?:were\s+|are\s+)?(?:killed|dead|died|injured|wounded|arrested|missing)\b", text[e: e + 20]) \
                and not re.search(r"\b(?:in|since|by|during|of|until|from|before|after|to)\s$", before, re.IGNORECASE):
            return None  # "2000 killed": a count; "in 2019 killed 30 people": a year
        return mk("DATE", g["y"], "year")
    if kind == "set":
        u = (g.get("u") or g.get("adv") or "day").lower()
        adverb = {"daily": "D", "nightly": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y"}
        if u in adverb:
            code = adverb[u]
        elif u.capitalize() in _WEEKDAYS:
            code = "W"
        else:
            code = "D" if u in ("morning", "night") else _unit_code(u)
        return mk("SET", f"P1{code}", None)
    if kind == "duration":
        u = g["u"]
        if re.search(r"-old\b|\s+old\b", text[e:e + 6]) or re.match(r"\s*old\b", text[e:e + 5]) \
                or re.match(r"\s+(?:and|or)\s+(?:older|over|up|younger|under)\b", text[e:e + 20]) \
                or re.search(r"\b(?:ages?|aged)\s+$", text[max(0, s - 6):s]):
            return None  # an age: "children 6 months and older", "aged 2 years"
        n_txt = g["n"].lower()
        size: float | None = _num(n_txt) if not re.match(r"\d+\.\d+", n_txt) else float(n_txt)
        code = _unit_code(u)
        value = f"PX{code}" if size is None else _duration_value(size, u)
        start = s
        if g.get("pre") and g["pre"].lower().startswith("over"):
            start = s + len("over ")
        return mk("DURATION", value, None, start=start)
    if kind == "vaguedur":
        return mk("DURATION", "PX" + _unit_code(g["u"]), None)
    if kind == "ref":
        w = g["w"].lower()
        if w in ("now", "currently", "at present", "nowadays"):
            return mk("DATE", "PRESENT_REF", None)
        if w in ("recently", "the past", "former", "formerly"):
            if w.startswith("former"):
                return None
            return mk("DATE", "PAST_REF", None)
        return mk("DATE", "FUTURE_REF", None)
    return None


def _resolve_anaphors(found: list[Timex], text: str) -> None:
    """Resolve "the next day", "a day before ..." against a nearby resolved day, never against the clock."""
    # found is sorted by start. The last day named before each expression (and the last one that dates a
    # statement) are carried along, not looked up again in the whole list: only found[i] changes at step i.
    last_day: Timex | None = None
    last_stated: Timex | None = None
    for i, tx in enumerate(found):
        if i:
            before = found[i - 1]
            if before.precision == "day" and before.value and len(before.value) >= 10:
                last_day = before
                if before.stated:
                    last_stated = before
        if (tx.value is not None and tx.type != "DURATION") or not tx.mod or tx.mod[0] not in "+-":
            continue
        m = re.match(r"([+-])(\d+)(\w+)", tx.mod)
        if not m:
            continue
        sign, n, unit = (1 if m[1] == "+" else -1), int(m[2]), m[3]
        anchor: Timex | None = None
        rest = text[tx.end: tx.end + 60]
        # "a day before the Saturday raids": the anchor follows; otherwise it is the last day named before.
        following = None
        for j in range(i + 1, len(found)):
            t = found[j]
            if t.start - tx.end > 25:
                break  # sorted by start: none further on is near enough
            if t.precision == "day" and t.value:
                following = t
                break
        if following is not None and re.match(r"\s*(?:the\s+)?\S*\s*$", text[tx.end:following.start]):
            anchor = following
        if anchor is None:
            prior = last_day
            if SPEECH_NOUNS.match(rest) and last_stated is not None:
                prior = last_stated
            if prior is not None and tx.start - prior.end < 1500:
                anchor = prior
        tx.mod = None
        if anchor is None or anchor.value is None:
            continue
        try:
            _apply_offset(tx, dt.date.fromisoformat(anchor.value[:10]), sign * n, unit)
        except (OverflowError, ValueError):
            tx.out_of_window = True
            if tx.type != "DURATION":
                tx.value, tx.precision = None, None


def _apply_offset(tx: Timex, base: dt.date, n: int, unit: str) -> None:
    """Set tx to base shifted by n units (days, weeks, months, years); a duration keeps its value."""
    value: str | None = None
    precision: str | None = None
    if unit.startswith("day") or unit in ("morning", "evening", "night"):
        value, precision = (base + dt.timedelta(days=n)).isoformat(), "day"
    elif unit.startswith("week"):
        value, precision = _week_value(base + dt.timedelta(weeks=n)), "week"
    elif unit.startswith("month"):
        y, mo = _shift_month(base, n)
        value, precision = f"{y:04d}-{mo:02d}", "month"
    elif unit.startswith("year"):
        value, precision = f"{base.year + n:04d}", "year"
    if tx.type == "DURATION":
        tx.anchored, tx.anchored_precision = value, precision
    elif value is not None:
        tx.value, tx.precision = value, precision


def _duration_value(n: float, unit: str) -> str:
    """TIMEX3 duration: P3D, PT5H, P10Y for a decade (as the TempEval annotators write it)."""
    code = _unit_code(unit)
    amount = int(n) if float(n).is_integer() else n
    if code == "DE":
        return f"P{int(n * 10) if float(n * 10).is_integer() else n * 10}Y"
    if code == "CE":
        return f"P{int(n * 100)}Y"
    if code in ("H", "S") or (code == "M" and unit.lower().startswith("minute")):
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


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
            typ, value, precision = "DATE", tx.anchored, tx.anchored_precision
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
