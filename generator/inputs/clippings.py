"""Clippings: the outlet, url, author and date a clipping names in lines of its own, at its top or bottom.

Text pasted from a web page carries its metadata as lines: "Source: Dawn", "By Jane Doe", a bare URL,
"© 2026 Al Jazeera", "Published on 3 March 2026". find_metadata reads those lines (never sentences inside the
text, never links after "Related Posts") and says which lines it took, so the importer can move them into the
front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator import rules
from generator.dates import parse_publication_date
from generator.inputs.cleaning import OTHER_STORIES, is_paragraph
from generator.inputs.wire import AGENCIES, WireDateline
from generator.text import shorten

# Outlets named by the domain of a clipping's URL when the text names none; other domains are shown bare.
OUTLET_DOMAINS = {
    "dawn.com": "Dawn", "tribune.com.pk": "The Express Tribune", "aljazeera.com": "Al Jazeera",
    "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "reuters.com": "Reuters", "apnews.com": "AP",
    "thenews.com.pk": "The News", "geo.tv": "Geo News", "nytimes.com": "The New York Times",
    "theguardian.com": "The Guardian", "cnn.com": "CNN", "arabnews.com": "Arab News",
}
# Names that are an outlet, not a person, when they follow "By" ("By Reuters") or a byline's comma: the
# news agencies of generator/rules/datelines.yml and the outlets above.
KNOWN_OUTLETS = {name.lower(): name for name in OUTLET_DOMAINS.values()} | AGENCIES
# Copyright holders that are photo agencies, not the clipping's outlet.
NOT_OUTLETS = {"getty images", "shutterstock", "alamy", "epa", "afp photo", "reuters photo", "ap photo"}
_PRIORITY = {"label": 3, "byline": 2, "copyright": 1}  # which named outlet wins when a clipping names several
# Words that make a line a date or a day, not a person's name ("By Saturday", "By March").
_CALENDAR_WORDS = {w.lower() for w in (*rules.rule("calendar", "months").table,
                                        *rules.rule("calendar", "weekdays").table)} | {"today", "yesterday", "tomorrow"}
_NAME_LINKS = {"and", "&", "de", "del", "da", "dos", "du", "van", "von", "der", "al", "el", "bin", "ul", "ur", "la"}

URL = r"<?(https?://[^\s<>\"]+?)>?"
URL_LINE = re.compile(
    rf"^(?:(?:url|link|source|original|original (?:story|article)|originally published at|first published at"
    rf"|read more at|read more|read the full (?:story|article) at|via)\s*:?\s*)?{URL}[.,;]?$", re.IGNORECASE)
LABEL_LINE = re.compile(r"^(?:source|courtesy|via)\s*:\s*(?P<value>.+)$|^courtesy\s+of\s+(?P<of>.+)$", re.IGNORECASE)
PUBLISHED_LINE = re.compile(
    r"^(?:(?:this|the) (?:article|story|report|piece|column|op-ed) (?:was |is )?)?(?:originally |first )?"
    r"(?:published|appeared|ran)\s+(?P<how>in|by|on|at)\s+(?P<value>.+)$|^(?:first )?published\s*:\s*(?P<date>.+)$",
    re.IGNORECASE)
COPYRIGHT_LINE = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))|copyright(?=\s+\d{4})|©|\(c\))\s*(?P<value>.*)$", re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|written by|byline\s*:|author\s*:)\s+(?P<value>.+)$", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)\d\d)?\b")
_SEPARATOR = re.compile(r"\s*(?:,|\||\s[-–—]\s|\bon\b|\bat\b)\s*")
_EMPHASIS = re.compile(r"^[\s*_>]+|[\s*_]+$")


@dataclass
class Found:
    """Metadata lines found in a clipping's body, with the lines they came from."""

    source: str | None = None
    source_rank: int = -1
    url: str | None = None
    author: str | None = None
    date: str | None = None
    date_line: int = 0
    year: int | None = None  # a copyright line's year: the year of a wire dateline that has none
    wire: WireDateline | None = None  # the wire dateline cut from the start of a paragraph
    wire_line: int = 0
    lines: dict[int, str] = field(default_factory=dict)  # line index in the file -> what it gave
    notes: list[tuple[int, str]] = field(default_factory=list)


def find_metadata(lines: list[str], start: int, one_line: bool = True, title_first: bool = True) -> Found:
    """Outlet, url, author and date named by lines at the top or bottom of the text, never inside it."""
    found = Found()
    units = _units(lines, start, one_line)
    if not units:
        return found
    title_unit = units[0] if title_first else None
    top: list[list[int]] = []
    for unit in units[:8]:
        if is_paragraph(" ".join(lines[i].strip() for i in unit)):
            break
        top.append(unit)
    bottom: list[list[int]] = []
    for unit in reversed(units[-6:]):
        if unit in top or is_paragraph(" ".join(lines[i].strip() for i in unit)):
            break
        if OTHER_STORIES.match(lines[unit[0]].strip()):
            bottom = []  # what follows "Related Posts" links to other stories, not to this one
            continue
        bottom.append(unit)
    for zone, unit in [("top", u) for u in top] + [("bottom", u) for u in reversed(bottom)]:
        if len(unit) != 1:
            continue  # a metadata line is a paragraph of its own; inside a paragraph it is text
        i = unit[0]
        _read_line(lines[i], i, found, title=unit is title_unit, byline_ok=zone == "top")
    return found


def _units(lines: list[str], start: int, one_line: bool) -> list[list[int]]:
    """The body's paragraphs as the reader sees them, as lists of line indexes."""
    units: list[list[int]] = []
    current: list[int] = []
    for i in range(start, len(lines)):
        if not lines[i].strip():
            if current:
                units.append(current)
                current = []
        elif one_line:
            units.append([i])
        else:
            current.append(i)
    if current:
        units.append(current)
    return units


def _read_line(line: str, i: int, found: Found, title: bool, byline_ok: bool) -> None:
    """Record what one short line names; a line that names nothing usable is left in the text."""
    s = _EMPHASIS.sub("", line).replace("**", "").strip()
    if not s or len(s) > 200 or len(s.split()) > 16:
        return
    m = URL_LINE.match(s)
    if m:
        _take_url(found, m.group(1), i, s)
        return
    if title:
        return  # the title line is never a byline or a source line, whatever it starts with
    m = LABEL_LINE.match(s)
    if m:
        _take_outlet_value(found, m.group("value") or m.group("of"), i, s, "label")
        return
    m = PUBLISHED_LINE.match(s)
    if m:
        if m.group("date") is not None:
            _take_date_only(found, m.group("date"), i, s)
        elif m.group("how").lower() == "on" and parse_publication_date(m.group("value")):
            _take_date_only(found, m.group("value"), i, s)
        else:
            _take_outlet_value(found, m.group("value"), i, s, "label")
        return
    m = COPYRIGHT_LINE.match(s)
    if m:
        value = re.sub(r"(?i)\ball rights reserved\b.*$", "", m.group("value"))
        value = _YEARS.sub("", value).strip(" ,.;:-–—")
        name = outlet_name(value) if value else None
        if value and name is None:
            return  # "© 2026 the author's family": not an outlet, and maybe not furniture either
        found.lines[i] = s
        years = _YEARS.search(m.group("value"))
        if found.year is None and years:
            found.year = int(years.group(0)[-4:])  # "© 2019-2025 Dawn": the last year
        if name:
            _set_source(found, name, "copyright", i, s)
        return
    if byline_ok:
        m = BYLINE.match(s)
        if m:
            _take_byline(found, m.group("value"), i, s)


def _take_url(found: Found, url: str, i: int, s: str) -> None:
    url = url.rstrip(".,;:!?)]}'\"")
    found.lines[i] = s
    if found.url is None:
        found.url = url
        found.notes.append((i + 1, f"'{shorten(s, 60)}' taken as the url"))
    elif url != found.url:
        found.notes.append((i + 1, f"'{shorten(s, 60)}' removed; kept the first url, {found.url}"))


def _take_outlet_value(found: Found, value: str, i: int, s: str, how: str) -> None:
    """'Source: Dawn', 'Published in Dawn, February 1st, 2026', 'Courtesy: Reuters https://...'."""
    url = re.search(URL, value)
    if url:
        value = (value[: url.start()] + value[url.end():]).strip(" ,;:()[]-–—")
    parts = _SEPARATOR.split(value.strip(), maxsplit=1)
    name = outlet_name(parts[0]) if parts[0] else None
    tail = parts[1].strip(" .") if len(parts) > 1 else ""
    date = parse_publication_date(tail) if tail else None
    if tail and date is None:
        return  # "Published in Dawn's weekly magazine, the essay argued ...": a sentence, not a credit
    if name is None and url is None and date is None:
        return
    found.lines[i] = s
    if url:
        _take_url(found, url.group(1), i, s)
    if name:
        _set_source(found, name, how, i, s)
    if date:
        _set_date(found, date, i)


def _take_date_only(found: Found, value: str, i: int, s: str) -> None:
    date = parse_publication_date(value.strip(" ."))
    if date:
        found.lines[i] = s
        _set_date(found, date, i)


def _take_byline(found: Found, value: str, i: int, s: str) -> None:
    """'By Jane Doe', 'By Jane Doe, Reuters', 'By Staff Reporter | 3 March 2026', 'By AFP'."""
    parts = re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", value.strip(), maxsplit=1)
    name, tail = parts[0].strip(), (parts[1].strip(" .") if len(parts) > 1 else "")
    if re.search(r"\w{3}\.$", name):
        name = name[:-1]  # "By Jane Doe." but not "By J."
    tail = re.sub(r"(?i)^(?:published|posted)\s*:?\s*(?:on\s+)?", "", tail)
    agency = KNOWN_OUTLETS.get(name.lower())
    if agency is None and not _looks_like_name(name):
        return
    tail_outlet = KNOWN_OUTLETS.get(tail.lower()) if tail else None
    tail_date = parse_publication_date(tail) if tail and not tail_outlet else None
    if tail and not (tail_outlet or tail_date or _looks_like_name(tail, max_words=4)):
        return  # "By Jane Doe, who reported from ...": prose
    found.lines[i] = s
    if agency:
        _set_source(found, agency, "byline", i, s)
    elif found.author is None:
        found.author = name if (tail_outlet or tail_date or not tail) else f"{name}, {tail}"
        found.notes.append((i + 1, f"'{shorten(s, 60)}' taken as the author"))
    if tail_outlet:
        _set_source(found, tail_outlet, "byline", i, s)
    if tail_date:
        _set_date(found, tail_date, i)


def _looks_like_name(s: str, max_words: int = 6) -> bool:
    words = s.split()
    if not 1 <= len(words) <= max_words or s.rstrip()[-1:] in "!?:;" or re.search(r"\d", s):
        return False
    for w in words:
        bare = w.strip(".,'’\"()")
        if bare.lower() in _NAME_LINKS:
            continue
        if not bare or not bare[0].isupper() or bare.lower() in _CALENDAR_WORDS:
            return False
    return words[0].strip(".,'’\"()").lower() not in _NAME_LINKS


def outlet_name(value: str) -> str | None:
    """A plausible outlet name ('Dawn', 'The Express Tribune'), canonical when known; None for prose."""
    v = value.strip(" .,;:'\"“”‘’()[]")
    low = v.lower()
    if not v or low in NOT_OUTLETS or len(v) > 60 or not 1 <= len(v.split()) <= 6:
        return None
    if not v[0].isupper() or v.split()[0].strip(",.").lower() in _CALENDAR_WORDS:
        return None
    if re.search(r"[.!?]\s|\d:\d", v):
        return None
    for known_low, known in sorted(KNOWN_OUTLETS.items(), key=lambda kv: -len(kv[0])):
        if low == known_low or low.startswith(known_low + " "):
            return known  # "Al Jazeera Media Network" is Al Jazeera; "Dawn's magazine" is not Dawn
    return v


def _set_source(found: Found, name: str, how: str, i: int, s: str) -> None:
    rank = _PRIORITY[how]
    if found.source is None or rank > found.source_rank:
        if found.source is not None and found.source != name:
            found.notes.append((i + 1, f"'{shorten(s, 60)}' names {name}; preferred to {found.source}"))
        else:
            found.notes.append((i + 1, f"'{shorten(s, 60)}' taken as the outlet"))
        found.source, found.source_rank = name, rank
    elif name != found.source:
        found.notes.append((i + 1, f"'{shorten(s, 60)}' also names {name}; kept {found.source}"))


def _set_date(found: Found, date: str, i: int) -> None:
    if found.date is None:
        found.date, found.date_line = date, i + 1


def outlet_from_url(url: str) -> str | None:
    """The outlet a news URL belongs to: a known name for common domains, else the bare domain."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    for domain, name in OUTLET_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host or None
