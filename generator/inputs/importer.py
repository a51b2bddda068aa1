"""Import stage: raw clippings become front-matter articles in content/. Pure core; I/O only in import_files.

Each clipping is read like an article (the same cleaning as the build), its metadata lines (inputs.clippings)
move into the front matter, and the file is written under a name made from its date and title. Nothing is
ever overwritten: an existing file, a repeat of an article already in the folder or a name taken earlier in
the run skips the clipping with a diagnostic naming the other file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from generator.config import Config
from generator.diagnostics import Code, Diagnostic, Location, print_diagnostics
from generator.inputs.clippings import Found, find_metadata, outlet_from_url
from generator.inputs.files import ARTICLE_SUFFIXES, PAGE_SUFFIXES, list_input_files
from generator.inputs.frontmatter import split_front_matter
from generator.inputs.reader import FILENAME_DATE, parse_article
from generator.inputs.wire import cut_wire_dateline
from generator.models import Article
from generator.text import clean_inline, fix_surrogates, norm_text, shorten, slugify
from generator.verbosity import say

FRONT_KEYS = ("title", "date", "source", "agency", "url", "author")


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
    agency: str | None = None  # the news agency of a wire dateline ("KARACHI, March 12 (Reuters) - ")

    @property
    def key(self) -> str:
        """The cleaned text, normalised: two clippings with the same key are the same article."""
        return norm_text(" ".join(self.paragraphs))


def import_clipping(raw: bytes, rel: str, filename: str, config: Config) -> Imported:
    """Turn one clipping's bytes into an article file (text and name) plus diagnostics; no I/O."""
    if Path(filename).suffix.lower() in PAGE_SUFFIXES:
        from generator.inputs.pages import import_page  # pages builds on this module (and loads trafilatura)

        return import_page(raw, rel, filename, config)
    meta, found, prepared = _prepare(raw, rel, filename, config)
    article, diags = parse_article(prepared, rel, filename, config)
    loc = Location(rel, 1)
    if article is None:
        return Imported(None, None, diags)
    if any(d.level == "error" for d in diags):  # broken front matter: importing would drop the editor's keys
        return Imported(None, None, [*diags, Diagnostic(loc, "info", "not imported; fix the error and import again",
                                                        Code.IMPORT_SKIPPED)])
    title = clean_inline(article.title)  # as the front-matter title will read back (no-break spaces)
    diags = [d for d in diags if d.code != Code.UNDATED]  # the reader's undated warning: the importer has its own
    diags += [Diagnostic(Location(rel, line), "info", note, Code.IMPORT_FOUND) for line, note in found.notes]
    date, how, line = _choose_date(article.published, article.date_origin, found)
    if date is None:
        diags.append(_no_date(found, rel))
    elif how:
        diags.append(Diagnostic(Location(rel, line), "info", f"publication date {date} {how}", Code.IMPORT_FOUND))
    source, url, author = _outlet_url_author(article, found, loc, diags)
    agency = clean_inline(str(meta["agency"])) if meta.get("agency") not in (None, "") else None
    agency = agency or (found.wire.agency if found.wire else None)
    if not meta and _title_is_first_sentence(title, article.body):
        diags.append(Diagnostic(loc, "info", "no title line: the title is the text's first sentence; shorten it "
                                             "in the front matter if needed", Code.IMPORT_MISSING))
    if not source:
        diags.append(Diagnostic(loc, "info", "no outlet named; add `source:` to the front matter", Code.IMPORT_MISSING))
    if not url:
        diags.append(Diagnostic(loc, "info", "no url; add `url:` to the front matter", Code.IMPORT_MISSING))
    paragraphs = article.body.split("\n\n") if article.body else []
    removed = sorted((i + 1, text) for i, text in found.lines.items())
    result = Imported(None, None, diags, title, date, source, url, author, paragraphs, removed, agency)
    if paragraphs:
        _write_out(result, meta, filename, config, loc)
    else:
        diags.append(Diagnostic(loc, "warning", "nothing to import: no text after cleaning", Code.NO_TEXT))
    return result


def _outlet_url_author(article: Article, found: Found, loc: Location,
                       diags: list[Diagnostic]) -> tuple[str | None, str | None, str | None]:
    """Front matter's outlet, url and author first, then the clipping's lines; the outlet from the url last."""
    source = article.source or found.source
    url = article.url or found.url
    author = article.author or found.author
    if not source and url:
        source = outlet_from_url(url)
        if source:
            diags.append(Diagnostic(loc, "info", f"outlet '{source}' guessed from the url's domain", Code.IMPORT_FOUND))
    if not source and found.wire:
        source = found.wire.agency  # a wire story with no other outlet named: the agency published it
    return source, url, author


def _no_date(found: Found, rel: str) -> Diagnostic:
    """What to say when nothing dates the clipping: a yearless wire dateline is named, to be completed."""
    if found.wire and found.wire.month is not None:
        return Diagnostic(Location(rel, found.wire_line), "warning", f"the dateline '{found.wire.text.strip()}' has "
                                                                     "no year and nothing else dates the clipping; "
                                                                     "add `date:` to the front matter",
                          Code.IMPORT_MISSING)
    return Diagnostic(Location(rel, 1), "warning", "no publication date found (no dateline); add `date:` to the "
                                                   "front matter", Code.IMPORT_MISSING)


def _title_is_first_sentence(title: str, body: str) -> bool:
    """The reader borrowed the text's first sentence as the title (a clipping without a title line)."""
    first = body.split("\n\n", 1)[0]
    return first.startswith(title.rstrip("…")) and (title.endswith("…") or first[len(title):][:1] in (".", "!", "?"))


def _write_out(result: Imported, meta: dict[str, Any], filename: str, config: Config, loc: Location) -> None:
    """The file's text and name: front matter in a fixed order, then the paragraphs."""
    date = result.date
    fields: dict[str, Any] = {"title": result.title, "date": date, "source": result.source, "agency": result.agency,
                              "url": result.url, "author": result.author}
    if date is None and meta.get("date") not in (None, ""):
        fields["date"] = meta["date"]  # unreadable, already reported: kept for the editor to fix, not dropped
    fields |= {k: v for k, v in meta.items() if k not in FRONT_KEYS}
    text, result.paragraphs, late = _settle(fields, result.paragraphs, config)
    if not result.paragraphs:  # the only paragraph was a dateline, once read back
        result.diagnostics.append(Diagnostic(loc, "warning", "nothing to import: no text after cleaning",
                                             Code.NO_TEXT))
        return
    result.text = text
    if late is not None:
        result.date = date = late[1]
        result.diagnostics.append(Diagnostic(loc, "info", f"publication date {date} from the dateline "
                                                          f"'{shorten(late[0], 40)}', near the top once the lines "
                                                          "above it were removed", Code.IMPORT_FOUND))
    # An undated file must not start with YYYY-MM-DD- either: the reader would date it from its name.
    slug = FILENAME_DATE.sub("", slugify(result.title) + "-").rstrip("-")
    slug = slug or slugify(FILENAME_DATE.sub("", Path(filename).stem)) or "article"
    result.name = f"{date[:10]}-{slug}.md" if date else f"{slug}.md"


def _prepare(raw: bytes, rel: str, filename: str, config: Config) -> tuple[dict[str, Any], Found, bytes]:
    """Find the metadata lines and blank them out, keeping every other byte (and so every line number)."""
    if len(raw) > config.max_file_bytes or b"\x00" in raw[:8192]:
        return {}, Found(), raw  # parse_article reports these
    # surrogateescape keeps undecodable bytes as they are, so parse_article still reports them on their line;
    # the metadata is read the way parse_article reads it, with U+FFFD for those bytes.
    text = raw.decode("utf-8-sig", errors="surrogateescape").replace("\r\n", "\n").replace("\r", "\n")
    shown = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    meta, _, body_line, _ = split_front_matter(shown, rel)
    lines = text.split("\n")
    # The same paragraph rules as parse_article: one line is one paragraph in clippings and .txt files.
    one_line = body_line == 1 or filename.lower().endswith(".txt")
    found = find_metadata(lines, body_line - 1, one_line, title_first=body_line == 1)
    for i in found.lines:
        lines[i] = ""
    wire = cut_wire_dateline(lines, one_line, body_line - 1)  # cut here, so the reader finds text only
    if wire is not None:
        found.wire, found.wire_line = wire[1], wire[0] + 1
        found.notes.append((wire[0] + 1, f"dateline '{shorten(wire[1].text.strip(), 40)}' cut from the text; "
                                         f"agency {wire[1].agency}"))
    return meta, found, "\n".join(lines).encode("utf-8", errors="surrogateescape")


def _choose_date(published: str | None, origin: str, found: Found) -> tuple[str | None, str, int]:
    """Front matter, then a 'Published ...' line, then a dateline line, then a wire dateline, then the file name.

    A wire dateline without a year takes the year that puts its day nearest the file name's date (so "Dec 31"
    in a clipping saved as 2026-01-01-... is 2025-12-31), else the year of a copyright line. Returns the date,
    how it was found ("" when the reader found it) and the line that gave it.
    """
    if origin == "front-matter":
        return published, "", 1
    if found.date is not None:
        if origin == "dateline" and published and published[:10] == found.date[:10]:
            return published, "", 1  # the same day; the dateline may add the time
        return found.date, f"from line {found.date_line}", found.date_line
    wire = found.wire
    if origin == "dateline" or wire is None:
        return published, "", 1
    near = dt.date.fromisoformat(published[:10]) if published else None
    day = wire.date(near=near, year=found.year)
    if day is None:
        return published, "", 1
    year = ("" if wire.year is not None else ", the year nearest the file name's date" if near else
            ", the year from the copyright line")
    return day, f"from the dateline '{shorten(wire.text.strip(), 40)}'{year}", found.wire_line


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
        say(f"imported 0 of {len(paths)} files into {into_rel} ({len(paths)} skipped)", stream)
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
    say(f"imported {imported} of {len(paths)} files into {into_rel} ({skipped} skipped)", stream)
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
