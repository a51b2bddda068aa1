"""Reading stage: files in content/ become cleaned Articles plus diagnostics. The only input I/O edge.

One reader for the article types (.md, .markdown, .txt, with or without front matter): decode the bytes, split
off the front matter, find the title and the publication date (front matter, dateline, file-name prefix), clean
the paragraphs, and name the page. Every problem is a diagnostic at its line; a file that cannot be an
article is reported, never lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import heldfiles
from generator.config import Config
from generator.dates import find_dateline, parse_publication_date
from generator.diagnostics import Code, Diagnostic, Location
from generator.inputs.cleaning import PATH_LIKE, clean_paragraphs, first_sentence, markup_warnings, title_from_body
from generator.inputs.files import ARTICLE_SUFFIXES, EDITOR_FILES, display_path, editor_file, list_input_files
from generator.inputs.frontmatter import (
    KNOWN_KEYS,
    date_from_meta,
    drop_invalid_fields,
    front_block,
    key_line,
    opt_str,
    plain,
    split_front_matter,
    yaml_lines,
)
from generator.inputs.page_names import FILENAME_DATE, name_pages, page_base, read_slug, unique_name
from generator.inputs.readcache import ReadCache, cached_parse
from generator.inputs.wire import WireDateline, cut_wire_dateline
from generator.models import Article
from generator.text import clean_inline, fix_surrogates, norm_text, slugify

_DOCUMENTATION = ("readme", "license", "licence", "changelog")


def read_articles(content_dir: Path, config: Config,
                  files: list[Path] | None = None) -> tuple[list[Article], list[Diagnostic]]:
    """Read every article file under content_dir in a stable order; other files are reported, not lost."""
    articles: list[Article] = []
    diags: list[Diagnostic] = []
    seen = _Seen()
    parsed = ReadCache.open(config)  # the files parsed by an earlier build, by their bytes (readcache.py)
    editor_files = {names: editor_file(content_dir, names, config.symlinks) for names in EDITOR_FILES}
    for path in list_input_files(content_dir, config.symlinks) if files is None else files:
        rel = display_path(path, content_dir)
        skipped = _not_an_article(path, rel, content_dir, editor_files)
        if skipped is not None:
            diags.extend(skipped)
            continue
        article, file_diags = _read_file(path, rel, content_dir, config, parsed)
        diags.extend(file_diags)
        if article is None:
            continue
        copy = seen.duplicate_of(article)
        if copy is not None:
            what, original = copy
            diags.append(Diagnostic(article.location, "warning", f"same {what} as {original.path}: the same article "
                                                                 "twice; this copy is skipped", Code.DUPLICATE_ARTICLE))
            continue
        articles.append(article)
    parsed.save()
    articles, name_diags = name_pages(articles)
    return articles, diags + name_diags


def _not_an_article(path: Path, rel: str, content_dir: Path,
                    editor_files: dict[tuple[str, str], Path | None]) -> list[Diagnostic] | None:
    """None for an article file; else what to say about it (editors' files are read by their own step)."""
    loc = Location(rel, 1)
    names = next((n for n in EDITOR_FILES if path.parent == content_dir and path.name.lower() in n), None)
    if names is not None:
        read = editor_files[names]
        if read is None or path != read:  # review.yml and review.yaml: only one is read, the other is reported
            return [Diagnostic(loc, "warning", f"not read: {read.name if read else names[0]} is read instead; merge "
                                               "the two files", Code.EDITOR_FILE_SHADOWED)]
        return []  # read by its own step (review, actors), which reports on it
    if path.stem.lower() in _DOCUMENTATION:
        return [Diagnostic(loc, "info", "project documentation, not an article; skipped", Code.NOT_AN_ARTICLE)]
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return [Diagnostic(loc, "info", f"not an article (expected {', '.join(ARTICLE_SUFFIXES)}); skipped",
                           Code.NOT_AN_ARTICLE)]
    return None


def _read_file(path: Path, rel: str, content_dir: Path, config: Config,
               parsed: ReadCache) -> tuple[Article | None, list[Diagnostic]]:
    """One article file from disk: size limit, read, parse; a bug on odd input costs this file, never the site."""
    loc = Location(rel, 1)
    names = (rel, fix_surrogates(path.name), fix_surrogates(path.relative_to(content_dir).as_posix()))
    try:
        st = path.stat()
        if st.st_size > config.max_file_bytes:
            return None, [Diagnostic(loc, "error", f"file is {st.st_size} bytes, over the limit of "
                                                   f"{config.max_file_bytes}; skipped", Code.FILE_TOO_LARGE)]
        seen = parsed.seen(path, st, names)  # `mkdocs serve`: a file that has not changed since it was read
        if seen is not None:
            return seen
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(loc, "error", f"cannot read file: {exc.strerror or exc}; skipped",
                                 Code.FILE_UNREADABLE)]
    try:
        return cached_parse(parsed, raw, names, lambda: parse_article(raw, names[0], names[1], config, file=names[2]),
                            (path, st))
    except Exception as exc:
        return None, [Diagnostic(loc, "error", f"internal error while reading this file ({type(exc).__name__}: "
                                               f"{exc}); skipped", Code.INTERNAL_ERROR)]


@dataclass
class _Seen:
    """The articles read so far by url and by text: the same story saved twice would count as two sources."""

    by_url: dict[str, Article] = field(default_factory=dict)
    by_text: dict[str, Article] = field(default_factory=dict)

    def duplicate_of(self, a: Article) -> tuple[str, Article] | None:
        """The article read before that this one repeats (and how), else None; remembers this one."""
        by_url, by_text = self.by_url, self.by_text
        url_key = _url_key(a.url) if a.url else None
        text_key = _body_key(a.body) if len(a.body) >= 40 else None
        if url_key and url_key in by_url:
            return "url", by_url[url_key]
        if text_key and text_key in by_text:
            return "text", by_text[text_key]
        if url_key:
            by_url[url_key] = a
        if text_key:
            by_text[text_key] = a
        return None


_body_key = heldfiles.by_text(norm_text)  # `mkdocs serve`: an unchanged article's text is not normalised again


def _url_key(url: str) -> str:
    """Scheme, www., a trailing slash, #fragment and tracking parameters do not make another article."""
    u = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower())
    u = u.split("#", 1)[0]
    base, _, query = u.partition("?")
    kept = "&".join(sorted(q for q in query.split("&") if q and not q.startswith(("utm_", "fbclid", "gclid"))))
    return base.rstrip("/") + ("?" + kept if kept else "")


def parse_article(raw: bytes, rel: str, filename: str, config: Config, used_ids: set[str] | None = None,
                  file: str = "") -> tuple[Article | None, list[Diagnostic]]:
    """Turn one file's bytes into an Article; pure, so the tests can feed it anything.

    `rel` names the file in diagnostics, `filename` is its name (for a title or date it may lend), `file` its
    path inside the content folder (the stable key of claim ids).
    """
    loc = Location(rel, 1)
    text, diags = _decode(raw, rel, config)
    if text is None:
        return None, diags
    meta, body, body_line, fm_diags = split_front_matter(text, rel)
    meta, field_diags = drop_invalid_fields(meta, text, rel)
    diags += fm_diags + field_diags
    lines = body.split("\n")
    has_front_matter = body_line > 1
    one_line_paragraphs = not has_front_matter or filename.lower().endswith(".txt")
    wire = cut_wire_dateline(lines, one_line_paragraphs)  # the filing day is never an event's day
    title, title_lines, title_diags = _title(meta, lines, has_front_matter, filename, loc)
    when = _publication(meta, text, lines, title_lines, filename, loc, body_line, config, wire)
    skip = title_lines | ({when.dateline_line} if when.dateline_line is not None else set())
    if wire is not None:
        day = ": its day is the filing day, never an event's" if wire[1].day is not None else ""
        diags.append(Diagnostic(Location(rel, body_line + wire[0]), "info", f"wire dateline "
                                f"'{wire[1].text.strip()}' ({wire[1].agency}) cut from the text{day}",
                                Code.WIRE_DATELINE))
    paragraphs, para_lines, clean_diags = clean_paragraphs(lines, skip, body_line, rel, config,
                                                           one_line_paragraphs, title)
    diags += title_diags + when.diags + clean_diags
    if not paragraphs:
        diags.append(Diagnostic(loc, "warning", "article has no text after cleaning", Code.NO_TEXT))
    curated, curated_diags = _curated_events(meta, text, rel)
    diags += curated_diags + markup_warnings(rel, title, meta, paragraphs, para_lines, loc)
    base = page_base(title, filename)
    slug_line = key_line(text, "slug") if has_front_matter else 1
    slug, slug_diags = read_slug(meta, slug_line, rel)
    diags += slug_diags + ([] if slug else _page_name_notes(title, base, loc))
    article = Article(
        id=slug or unique_name(base, used_ids or set()), slug=slug, slug_line=slug_line, path=rel, location=loc,
        title=title,
        body="\n\n".join(paragraphs), body_line=body_line, published=when.published,
        published_day=when.published[:10] if when.published else None,
        source=opt_str(meta.get("source")), url=opt_str(meta.get("url")), author=opt_str(meta.get("author")),
        extra={k: plain(v) for k, v in meta.items() if k not in KNOWN_KEYS}, date_origin=when.origin,
        paragraph_lines=para_lines, curated_events=curated, file=file,
    )
    return article, diags


def _decode(raw: bytes, rel: str, config: Config) -> tuple[str | None, list[Diagnostic]]:
    """The file's text as UTF-8 with plain newlines, or None (and why) for a file that is not an article."""
    loc = Location(rel, 1)
    if len(raw) > config.max_file_bytes:
        return None, [Diagnostic(loc, "error", f"file is {len(raw)} bytes, over the limit of "
                                               f"{config.max_file_bytes}; skipped", Code.FILE_TOO_LARGE)]
    if b"\x00" in raw[:8192]:
        return None, [Diagnostic(loc, "error", "binary file (NUL bytes), not text; skipped", Code.FILE_BINARY)]
    diags: list[Diagnostic] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.append(Diagnostic(Location(rel, line), "warning",
                                "not valid UTF-8; undecodable bytes replaced with U+FFFD", Code.FILE_ENCODING))
        text = raw.decode("utf-8-sig", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        diags.append(Diagnostic(loc, "info", "file starts with a byte-order mark (BOM); removed", Code.FILE_BOM))
    if b"\r" in raw:
        diags.append(Diagnostic(loc, "info", "Windows or old Mac line endings (CRLF/CR); read as plain newlines",
                                Code.FILE_LINE_ENDINGS))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Diagnostic(loc, "warning", "empty file; skipped", Code.FILE_EMPTY)]
    return text, diags


def _title(meta: dict[str, Any], lines: list[str], has_front_matter: bool, filename: str,
           loc: Location) -> tuple[str, set[int], list[Diagnostic]]:
    """The title: front matter's, else the first line (or the first sentence of the text), else the file name's."""
    title = clean_inline(str(meta["title"])) if meta.get("title") not in (None, "") else ""
    if title:
        return title, set(), []
    if has_front_matter:
        # The text under front matter is all body: borrow its first sentence, keep it in the text.
        first = clean_inline(next((ln for ln in lines if ln.strip()), ""))
        title = (first_sentence(first) if first else "") or _humanize(Path(filename).stem)
        return title, set(), [Diagnostic(loc, "warning", f"front matter has no title; using '{title}'",
                                         Code.NO_TITLE)]
    title, title_lines = title_from_body(lines)
    return title or _humanize(Path(filename).stem), title_lines, []


@dataclass
class _Published:
    """The publication date found, where it came from, and what was said about it."""

    published: str | None
    origin: str
    dateline_line: int | None  # a line of its own that dated the article (left out of the text)
    diags: list[Diagnostic]
    at: int | None = None  # the body line the date came from (a dateline of either kind)


def _find_published(meta: dict[str, Any], text: str, lines: list[str], title_lines: set[int], filename: str,
                    rel: str, wire: tuple[int, WireDateline] | None) -> _Published:
    """Front-matter date, else a dateline line, else a wire dateline (its year, or the one nearest the file name's
    date), else a YYYY-MM-DD- file-name prefix."""
    diags: list[Diagnostic] = []
    if meta.get("date") not in (None, ""):
        published = date_from_meta(meta["date"])
        if published is not None:
            return _Published(published, "front-matter", None, diags)
        diags.append(Diagnostic(Location(rel, key_line(text, "date")), "warning",
                                f"cannot read the date '{meta['date']}'; article treated as undated",
                                Code.DATE_UNREADABLE))
    found = find_dateline(lines, skip=title_lines)
    if found is not None:
        return _Published(found[1], "dateline", found[0], diags, found[0])
    m = FILENAME_DATE.match(filename)
    named = parse_publication_date("-".join(m.groups())) if m else None
    day = wire[1].date(near=dt.date.fromisoformat(named) if named else None) if wire is not None else None
    if wire is not None and day is not None:
        return _Published(day, "dateline", None, diags, wire[0])
    return _Published(named, "filename" if named else "none", None, diags)


def _publication(meta: dict[str, Any], text: str, lines: list[str], title_lines: set[int], filename: str,
                 loc: Location, body_line: int, config: Config,
                 wire: tuple[int, WireDateline] | None = None) -> _Published:
    """The publication date (_find_published), checked for sense."""
    rel = loc.path
    found = _find_published(meta, text, lines, title_lines, filename, rel, wire)
    published, origin, dateline_line, diags = found.published, found.origin, found.dateline_line, found.diags
    if published is None:
        diags.append(Diagnostic(loc, "warning", "no publication date (no front-matter date, dateline or "
                                                "YYYY-MM-DD- file-name prefix): listed as undated, and its "
                                                "relative dates ('on Saturday', 'yesterday') cannot be resolved",
                                                Code.UNDATED))
        return _Published(None, origin, dateline_line, diags)
    date_loc = Location(rel, key_line(text, "date") if origin == "front-matter" else
                        (body_line + found.at if found.at is not None else 1))
    day = published[:10]
    if int(published[:4]) < 1800:
        diags.append(Diagnostic(date_loc, "warning", f"publication date {day} is before 1800: probably a typing "
                                                     "error; kept as written", Code.DATE_SUSPICIOUS))
    elif day > (config.today or dt.date.today()).isoformat():
        diags.append(Diagnostic(date_loc, "warning", f"publication date {day} is in the future: probably a typing "
                                                     "error; kept as written", Code.DATE_SUSPICIOUS))
    return _Published(published, origin, dateline_line, diags)


def _curated_events(meta: dict[str, Any], text: str, rel: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Events an editor declared in front matter, each with the file lines of itself and its claims."""
    curated = meta.get("events") or []
    if not isinstance(curated, list):
        return [], [Diagnostic(Location(rel, key_line(text, "events")), "warning",
                               "'events' must be a list of events; ignored", Code.CURATED_INVALID)]
    lines_of = yaml_lines(front_block(text), 2) if curated else {}
    out = []
    for i, e in enumerate(curated):
        if not isinstance(e, dict):
            continue
        claims = e["claims"] if isinstance(e.get("claims"), list) else []
        out.append(dict(e, _line=lines_of.get(("events", i), 1),
                        _claim_lines=[lines_of.get(("events", i, "claims", k), 1) for k in range(len(claims))]))
    return out, []


def _page_name_notes(title: str, base: str, loc: Location) -> list[Diagnostic]:
    """Say how the page is named when the title cannot name it plainly."""
    if not slugify(title):
        return [Diagnostic(loc, "info", f"the title has no Latin letters or digits for a page name; the page is "
                                        f"articles/{base}", Code.TITLE_NO_LATIN)]
    if PATH_LIKE.search(title):
        return [Diagnostic(loc, "warning", f"the title looks like a file path; it is shown as text and the page name "
                                           f"is made from its words: articles/{base}", Code.TITLE_PATH_LIKE)]
    return []


def _humanize(stem: str) -> str:
    stem = FILENAME_DATE.sub("", stem)
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"
