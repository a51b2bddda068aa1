"""Import stage: raw clippings become front-matter articles in content/. Pure core; I/O only in import_files."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import yaml

from generator.build import print_diagnostics
from generator.config import Config
from generator.dates import parse_publication_date
from generator.diagnostics import Code
from generator.models import Diagnostic, Location
from generator.reader import (
    ARTICLE_SUFFIXES,
    FILENAME_DATE,
    _is_paragraph,
    _split_front_matter,
    clean_inline,
    list_input_files,
    parse_article,
    shorten,
    slugify,
)
from generator.text import fix_surrogates, norm_text

# Outlets named by the domain of a clipping's URL when the text names none; other domains are shown bare.
OUTLET_DOMAINS = {
    "dawn.com": "Dawn", "tribune.com.pk": "The Express Tribune", "aljazeera.com": "Al Jazeera",
    "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "reuters.com": "Reuters", "apnews.com": "AP",
    "thenews.com.pk": "The News", "geo.tv": "Geo News", "nytimes.com": "The New York Times",
    "theguardian.com": "The Guardian", "cnn.com": "CNN", "arabnews.com": "Arab News",
}
# Names that are an outlet, not a person, when they follow "By" ("By Reuters") or a byline's comma.
AGENCIES = {"reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
            "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP"}
KNOWN_OUTLETS = {name.lower(): name for name in OUTLET_DOMAINS.values()} | AGENCIES
# Copyright holders that are photo agencies, not the clipping's outlet.
NOT_OUTLETS = {"getty images", "shutterstock", "alamy", "epa", "afp photo", "reuters photo", "ap photo"}
FRONT_KEYS = ("title", "date", "source", "url", "author")
_PRIORITY = {"label": 3, "byline": 2, "copyright": 1}  # which named outlet wins when a clipping names several
_CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                   "saturday", "sunday", "today", "yesterday", "tomorrow"}
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
_OTHER_STORIES = re.compile(r"^(?:related(?: posts| articles| stories| news| coverage)?|read next|read also|also read"
                            r"|see also|you may also like|recommended(?: for you)?|more from this section|most read"
                            r"|more stories|trending)\W*$", re.IGNORECASE)
_EMPHASIS = re.compile(r"^[\s*_>]+|[\s*_]+$")


@dataclass
class Imported:
    """One clipping turned into an article file: its text and name, or None with the reasons why not."""

    name: str | None  # target file name ("2026-02-01-slug.md"); None when nothing could be imported
    text: str | None  # the whole file: YAML front matter, blank line, paragraphs
    diagnostics: list[Diagnostic]
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line, text) taken into the front matter

    @property
    def key(self) -> str:
        """The cleaned text, normalised: two clippings with the same key are the same article."""
        return norm_text(" ".join(self.paragraphs))


@dataclass
class _Found:
    """Metadata lines found in a clipping's body, with the lines they came from."""

    source: str | None = None
    source_rank: int = -1
    url: str | None = None
    author: str | None = None
    date: str | None = None
    date_line: int = 0
    lines: dict[int, str] = field(default_factory=dict)  # line index in the file -> what it gave
    notes: list[tuple[int, str]] = field(default_factory=list)


def import_clipping(raw: bytes, rel: str, filename: str, config: Config) -> Imported:
    """Turn one clipping's bytes into an article file (text and name) plus diagnostics; no I/O."""
    meta, found, prepared = _prepare(raw, rel, filename, config)
    article, diags = parse_article(prepared, rel, filename, config)
    loc = Location(rel, 1)
    if article is None:
        return Imported(None, None, diags)
    if any(d.level == "error" for d in diags):  # broken front matter: importing would drop the editor's keys
        return Imported(None, None, [*diags, Diagnostic(loc, "info", "not imported; fix the error and import again",
                                                        Code.IMPORT_SKIPPED)])
    article.title = clean_inline(article.title)  # as the front-matter title will read back (no-break spaces)
    diags = [d for d in diags if d.code != Code.UNDATED]  # the reader's undated warning: the importer has its own
    for line, note in found.notes:
        diags.append(Diagnostic(Location(rel, line), "info", note, Code.IMPORT_FOUND))

    date, how = _choose_date(article.published, article.date_origin, found)
    if date is None:
        diags.append(Diagnostic(loc, "warning", "no publication date found (no dateline); add `date:` to the "
                                                "front matter", Code.IMPORT_MISSING))
    elif how:
        diags.append(Diagnostic(Location(rel, found.date_line), "info", f"publication date {date} {how}",
                                Code.IMPORT_FOUND))
    source, url, author = article.source, article.url, article.author
    if not source and found.source:
        source = found.source
    if not url and found.url:
        url = found.url
    if not author and found.author:
        author = found.author
    if not source and url:
        source = outlet_from_url(url)
        if source:
            diags.append(Diagnostic(loc, "info", f"outlet '{source}' guessed from the url's domain", Code.IMPORT_FOUND))
    first = article.body.split("\n\n", 1)[0]
    if not meta and first.startswith(article.title.rstrip("…")) and (
            article.title.endswith("…") or first[len(article.title):][:1] in (".", "!", "?")):
        diags.append(Diagnostic(loc, "info", "no title line: the title is the text's first sentence; shorten it "
                                             "in the front matter if needed", Code.IMPORT_MISSING))
    if not source:
        diags.append(Diagnostic(loc, "info", "no outlet named; add `source:` to the front matter", Code.IMPORT_MISSING))
    if not url:
        diags.append(Diagnostic(loc, "info", "no url; add `url:` to the front matter", Code.IMPORT_MISSING))

    paragraphs = article.body.split("\n\n") if article.body else []
    removed = sorted((i + 1, text) for i, text in found.lines.items())
    result = Imported(None, None, diags, article.title, date, source, url, author, paragraphs, removed)
    if not paragraphs:
        diags.append(Diagnostic(loc, "warning", "nothing to import: no text after cleaning", Code.NO_TEXT))
        return result
    fields: dict[str, Any] = {"title": article.title, "date": date, "source": source, "url": url,
                              "author": author}
    if date is None and meta.get("date") not in (None, ""):
        fields["date"] = meta["date"]  # unreadable, already reported: kept for the editor to fix, not dropped
    fields |= {k: v for k, v in meta.items() if k not in FRONT_KEYS}
    text, result.paragraphs, late = _settle(fields, paragraphs, config)
    if not result.paragraphs:  # the only paragraph was a dateline, once read back
        diags.append(Diagnostic(loc, "warning", "nothing to import: no text after cleaning", Code.NO_TEXT))
        return result
    result.text = text
    if late is not None:
        result.date = date = late[1]
        diags.append(Diagnostic(loc, "info", f"publication date {date} from the dateline '{shorten(late[0], 40)}', "
                                             "near the top once the lines above it were removed", Code.IMPORT_FOUND))
    # An undated file must not start with YYYY-MM-DD- either: the reader would date it from its name.
    slug = FILENAME_DATE.sub("", slugify(article.title) + "-").rstrip("-")
    slug = slug or slugify(FILENAME_DATE.sub("", Path(filename).stem)) or "article"
    result.name = f"{date[:10]}-{slug}.md" if date else f"{slug}.md"
    return result


def _prepare(raw: bytes, rel: str, filename: str, config: Config) -> tuple[dict[str, Any], _Found, bytes]:
    """Find the metadata lines and blank them out, keeping every other byte (and so every line number)."""
    if len(raw) > config.max_file_bytes or b"\x00" in raw[:8192]:
        return {}, _Found(), raw  # parse_article reports these
    # surrogateescape keeps undecodable bytes as they are, so parse_article still reports them on their line;
    # the metadata is read the way parse_article reads it, with U+FFFD for those bytes.
    text = raw.decode("utf-8-sig", errors="surrogateescape").replace("\r\n", "\n").replace("\r", "\n")
    shown = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    meta, _, body_line, _ = _split_front_matter(shown, rel)
    lines = text.split("\n")
    # The same paragraph rules as parse_article: one line is one paragraph in clippings and .txt files.
    one_line = body_line == 1 or filename.lower().endswith(".txt")
    found = find_metadata(lines, body_line - 1, one_line, title_first=body_line == 1)
    for i in found.lines:
        lines[i] = ""
    return meta, found, "\n".join(lines).encode("utf-8", errors="surrogateescape")


def find_metadata(lines: list[str], start: int, one_line: bool = True, title_first: bool = True) -> _Found:
    """Outlet, url, author and date named by lines at the top or bottom of the text, never inside it."""
    found = _Found()
    units = _units(lines, start, one_line)
    if not units:
        return found
    title_unit = units[0] if title_first else None
    top: list[list[int]] = []
    for unit in units[:8]:
        if _is_paragraph(" ".join(lines[i].strip() for i in unit)):
            break
        top.append(unit)
    bottom: list[list[int]] = []
    for unit in reversed(units[-6:]):
        if unit in top or _is_paragraph(" ".join(lines[i].strip() for i in unit)):
            break
        if _OTHER_STORIES.match(lines[unit[0]].strip()):
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


def _read_line(line: str, i: int, found: _Found, title: bool, byline_ok: bool) -> None:
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
        name = _outlet_name(value) if value else None
        if value and name is None:
            return  # "© 2026 the author's family": not an outlet, and maybe not furniture either
        found.lines[i] = s
        if name:
            _set_source(found, name, "copyright", i, s)
        return
    if byline_ok:
        m = BYLINE.match(s)
        if m:
            _take_byline(found, m.group("value"), i, s)


def _take_url(found: _Found, url: str, i: int, s: str) -> None:
    url = url.rstrip(".,;:!?)]}'\"")
    found.lines[i] = s
    if found.url is None:
        found.url = url
        found.notes.append((i + 1, f"'{shorten(s, 60)}' taken as the url"))
    elif url != found.url:
        found.notes.append((i + 1, f"'{shorten(s, 60)}' removed; kept the first url, {found.url}"))


def _take_outlet_value(found: _Found, value: str, i: int, s: str, how: str) -> None:
    """'Source: Dawn', 'Published in Dawn, February 1st, 2026', 'Courtesy: Reuters https://...'."""
    url = re.search(URL, value)
    if url:
        value = (value[: url.start()] + value[url.end():]).strip(" ,;:()[]-–—")
    parts = _SEPARATOR.split(value.strip(), maxsplit=1)
    name = _outlet_name(parts[0]) if parts[0] else None
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


def _take_date_only(found: _Found, value: str, i: int, s: str) -> None:
    date = parse_publication_date(value.strip(" ."))
    if date:
        found.lines[i] = s
        _set_date(found, date, i)


def _take_byline(found: _Found, value: str, i: int, s: str) -> None:
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


def _outlet_name(value: str) -> str | None:
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


def _set_source(found: _Found, name: str, how: str, i: int, s: str) -> None:
    rank = _PRIORITY[how]
    if found.source is None or rank > found.source_rank:
        if found.source is not None and found.source != name:
            found.notes.append((i + 1, f"'{shorten(s, 60)}' names {name}; preferred to {found.source}"))
        else:
            found.notes.append((i + 1, f"'{shorten(s, 60)}' taken as the outlet"))
        found.source, found.source_rank = name, rank
    elif name != found.source:
        found.notes.append((i + 1, f"'{shorten(s, 60)}' also names {name}; kept {found.source}"))


def _set_date(found: _Found, date: str, i: int) -> None:
    if found.date is None:
        found.date, found.date_line = date, i + 1


def _choose_date(published: str | None, origin: str, found: _Found) -> tuple[str | None, str]:
    """Front matter, then a 'Published ...' line, then the dateline, then the file name."""
    if origin == "front-matter" or found.date is None:
        return published, ""
    if origin == "dateline" and published and published[:10] == found.date[:10]:
        return published, ""  # the same day; the dateline may add the time
    return found.date, f"from line {found.date_line}"


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


def _settle(fields: dict[str, Any], paragraphs: list[str], config: Config) -> tuple[
        str, list[str], tuple[str, str] | None]:
    """Render, read back, and render again until the reader keeps every paragraph as written.

    The reader strips one lead-in per read ("Breaking: Update: ..."), and looks for a dateline among the
    first lines, which furniture or repeats may have pushed down in the clipping; settling here means the
    file on disk reads back exactly as the importer reports it. Returns the text, the paragraphs and, when
    the read-back found a dateline, (that paragraph, its date).
    """
    late: tuple[str, str] | None = None
    text = render_article(fields, paragraphs)
    for _ in range(4):
        again, _diags = parse_article(text.encode("utf-8"), "article.md", "article.md", config)
        back = again.body.split("\n\n") if again is not None and again.body else []
        if again is not None and again.date_origin == "dateline" and again.published:
            late = next((p for p in paragraphs if p not in back), ""), again.published
            fields = fields | {"date": again.published}
        elif back == paragraphs or not back:
            break
        paragraphs = back
        text = render_article(fields, paragraphs)
    return text, paragraphs, late


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper, writing datetimes as ISO 8601 with a 'T' (2026-02-01T00:57:25)."""


_Dumper.add_representer(
    dt.datetime, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", v.isoformat(timespec="seconds")))


def render_article(fields: dict[str, Any], paragraphs: list[str]) -> str:
    """The article file: YAML front matter (title, date, source, url, author, then the rest), paragraphs."""
    front = {k: fields[k] for k in FRONT_KEYS if fields.get(k) not in (None, "")}
    front |= {k: v for k, v in fields.items() if k not in FRONT_KEYS}
    if isinstance(front.get("date"), str):
        front["date"] = _iso_to_yaml(front["date"])
    block = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return "---\n" + block + "---\n\n" + "\n\n".join(paragraphs) + "\n"


def _iso_to_yaml(value: str) -> Any:
    """An ISO date becomes a YAML date (written unquoted); anything else stays the string it was."""
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return value


# --- I/O edge -------------------------------------------------------------------------------------

def import_files(paths: list[Path], into: Path, config: Config, stream: TextIO | None = None) -> int:
    """Import clippings into `into`, never overwriting; print diagnostics and a summary; return the exit code."""
    stream = stream or sys.stderr
    into_rel = _shown(into)
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print_diagnostics([Diagnostic(Location(into_rel, 1), "error",
                                      f"cannot create the folder: {exc.strerror or exc}",
                                      Code.FOLDER_UNREADABLE)], True, stream)
        print(f"imported 0 of {len(paths)} files into {into_rel} ({len(paths)} skipped)", file=stream)
        return 1
    inputs = {_resolved(p) for p in paths}
    known = _existing_texts(into, config, inputs)
    written_from: dict[str, str] = {}  # file name written in this run -> the clipping it came from
    imported = 0
    for path in paths:
        rel = _shown(path)
        diags, written = _import_one(path, rel, into, config, known, written_from)
        imported += written
        print_diagnostics(diags, True, stream)
    skipped = len(paths) - imported
    print(f"imported {imported} of {len(paths)} files into {into_rel} ({skipped} skipped)", file=stream)
    return 0 if skipped == 0 else 1


def _import_one(path: Path, rel: str, into: Path, config: Config, known: dict[str, str],
                written_from: dict[str, str]) -> tuple[list[Diagnostic], int]:
    loc = Location(rel, 1)
    try:
        if path.stat().st_size > config.max_file_bytes:
            return [Diagnostic(loc, "error", f"file is {path.stat().st_size} bytes, over the limit of "
                                             f"{config.max_file_bytes}; skipped", Code.FILE_TOO_LARGE)], 0
        raw = path.read_bytes()
    except OSError as exc:
        return [Diagnostic(loc, "error", f"cannot read file: {exc.strerror or exc}; skipped", Code.FILE_UNREADABLE)], 0
    result = import_clipping(raw, rel, path.name, config)
    diags = list(result.diagnostics)
    if result.text is None or result.name is None:
        if not any(d.level in ("error", "warning") for d in diags):
            diags.append(Diagnostic(loc, "warning", "not imported", Code.IMPORT_SKIPPED))
        return diags, 0
    if result.key in known:
        diags.append(Diagnostic(loc, "warning", f"already imported as {known[result.key]}; skipped",
                                Code.IMPORT_SKIPPED))
        return diags, 0
    target = into / result.name
    target_rel = _shown(target)
    exists = f"{target_rel} already exists" + (f" (imported from {written_from[result.name]} in this run)"
                                               if result.name in written_from else "")
    if target.exists():
        diags.append(Diagnostic(loc, "error", f"{exists}; not overwritten, skipped", Code.IMPORT_SKIPPED))
        return diags, 0
    try:
        created = write_new(target, result.text)
    except OSError as exc:
        diags.append(Diagnostic(loc, "error", f"cannot write {target_rel}: {exc.strerror or exc}; skipped",
                                Code.FILE_UNREADABLE))
        return diags, 0
    if not created:
        diags.append(Diagnostic(loc, "error", f"{exists}; not overwritten, skipped", Code.IMPORT_SKIPPED))
        return diags, 0
    known[result.key] = target_rel
    written_from[result.name] = rel
    if _resolved(path).parent == _resolved(into) or _resolved(into) in _resolved(path).parents:
        diags.append(Diagnostic(loc, "warning", f"the clipping is itself in {_shown(into)}; remove "
                                                "it, or the site lists the article twice", Code.IMPORT_SKIPPED))
    diags.append(Diagnostic(loc, "info", f"imported as {target_rel}", Code.IMPORT_DONE))
    return diags, 1


def write_new(target: Path, text: str) -> bool:
    """Write a new file atomically; False (and nothing written) when the target already exists."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")  # hidden: never read as content
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        try:
            os.link(tmp, target)  # fails if the target exists, with no window between check and write
        except FileExistsError:
            return False
        except OSError:
            if target.exists():  # no hard links on this file system: replace, after a last check
                return False
            os.replace(tmp, target)
        return True
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _existing_texts(into: Path, config: Config, skip: set[Path]) -> dict[str, str]:
    """Normalised text of every article already in the folder -> its path, to spot repeat imports."""
    known: dict[str, str] = {}
    for path in list_input_files(into):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or _resolved(path) in skip:
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        if len(raw) > config.max_file_bytes:
            continue
        key = _clean_key(raw, _shown(path), path.name, config)
        if key:
            known.setdefault(key, _shown(path))
    return known


def _clean_key(raw: bytes, rel: str, filename: str, config: Config) -> str:
    """The text an import of these bytes would keep, normalised; cheaper than a full import."""
    _, _, prepared = _prepare(raw, rel, filename, config)
    article, _ = parse_article(prepared, rel, filename, config)
    return norm_text(article.body.replace("\n\n", " ")) if article is not None and article.body else ""


def _shown(path: Path) -> str:
    """A path for the importer's report on the terminal: relative to the working directory, as typed."""
    shown = Path(os.path.relpath(os.path.abspath(path))).as_posix()
    return fix_surrogates(shown)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
