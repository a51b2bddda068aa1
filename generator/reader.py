"""Reading stage: files in content/ become cleaned Articles plus diagnostics. The only input I/O edge."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator import yamlsafe
from generator.config import Config
from generator.dates import find_dateline, parse_publication_date
from generator.diagnostics import Code
from generator.models import Article, Diagnostic, Location
from generator.text import clean_inline, fix_surrogates, norm_text, shorten, slugify

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
KNOWN_KEYS = {"title", "date", "source", "url", "author", "events"}
_YAML = frontmatter.YAMLHandler()
FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_WS = re.compile(r"\s+")


REVIEW_FILES = ("review.yml", "review.yaml")  # editors' decisions on claims, read by generator.review
ACTOR_FILES = ("actors.yml", "actors.yaml")  # editors' claimant registry, read by generator.actors
EDITOR_FILES = (REVIEW_FILES, ACTOR_FILES)  # settings files beside the articles: read by their own step


def editor_file(content_dir: Path, names: tuple[str, ...], symlinks: str = "skip") -> Path | None:
    """The file of one of these names (any case) at the top of content_dir that its step reads: first name wins.

    A symbolic link counts only where the walk would follow it (symlinks: inside, target in the folder).
    """
    try:
        entries = [e for e in os.scandir(content_dir) if e.name.lower() in names]
    except OSError:
        return None
    found = sorted(Path(e.path) for e in entries if _regular_file(e, content_dir, symlinks))
    return min(found, key=lambda p: names.index(p.name.lower()), default=None)


def _regular_file(entry: os.DirEntry[str], content_dir: Path, symlinks: str) -> bool:
    try:
        if entry.is_symlink():
            return symlinks == "inside" and _inside(entry.path, content_dir) and os.path.isfile(entry.path)
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _inside(path: str, content_dir: Path) -> bool:
    """Whether a path, with every link on the way resolved, stays inside the content folder."""
    root = os.path.realpath(content_dir)
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _hidden_target(path: str, content_dir: Path) -> bool:
    """A link into .git/ or another hidden place of the content folder, which the walk does not read."""
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(content_dir))
    return any(part.startswith(".") and part != "." for part in Path(rel).parts)


class ContentUnreadable(Exception):
    """The content folder itself cannot be listed: nothing can be built from it."""


def walk_content(content_dir: Path, symlinks: str = "skip") -> tuple[list[Path], list[Diagnostic]]:
    """Every file the build considers, in a stable order, and a diagnostic for each thing it did not enter.

    The content folder is a boundary: a symbolic link is reported and skipped (with symlinks: inside, followed
    only when it and all under it stay inside the folder), a folder is entered once however links lead to it,
    so no loop can hang the build, and a folder or entry that cannot be read is an error, never a silent gap.
    Hidden files and folders (.git, .gitkeep, editor swap files) are not content. Raises ContentUnreadable
    when the folder itself cannot be listed.
    """
    files: list[Path] = []
    diags: list[Diagnostic] = []
    try:
        root = os.stat(content_dir)
        stack = [_listing(str(content_dir))]
    except OSError as exc:
        raise ContentUnreadable(f"cannot read the content folder: {exc.strerror or exc}") from exc
    seen = {(root.st_dev, root.st_ino)}
    links: list[os.DirEntry[str]] = []  # followed once every real folder is read: a folder keeps its own name

    def take(entry: os.DirEntry[str]) -> None:
        kind, code = _entry_kind(entry, content_dir, symlinks)
        if kind in ("folder", "file"):
            st = os.stat(entry.path)
            if (st.st_dev, st.st_ino) in seen:
                kind, code = f"symbolic link to a {kind} already read (or a loop); skipped", Code.SYMLINK_SKIPPED
            else:
                seen.add((st.st_dev, st.st_ino))
                if kind == "folder":
                    stack.append(_listing(entry.path))
                else:
                    files.append(Path(entry.path))
                return
        diags.append(Diagnostic(Location(display_path(Path(entry.path), content_dir), 1), "warning", kind,
                                code or Code.SPECIAL_FILE))

    def take_guarded(entry: os.DirEntry[str]) -> None:
        try:
            take(entry)
        except OSError as exc:
            diags.append(Diagnostic(Location(display_path(Path(entry.path), content_dir), 1), "error",
                                    f"cannot read this folder or file: {exc.strerror or exc}; what it holds is "
                                    "left out", Code.FOLDER_UNREADABLE))

    while stack or links:
        if not stack:
            take_guarded(links.pop(0))
            continue
        for entry in stack.pop():
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                links.append(entry)
            else:
                take_guarded(entry)
    return sorted(files), diags


def _listing(folder: str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _entry_kind(entry: os.DirEntry[str], content_dir: Path, symlinks: str) -> tuple[str, Code | None]:
    """('file' or 'folder', None) for what the walk enters, else why the entry is skipped and its code."""
    special = ("not a regular file (a pipe, socket or device); skipped", Code.SPECIAL_FILE)
    if entry.is_symlink():
        if symlinks != "inside":
            return ("symbolic link, not followed (symlinks: inside in timeline.yml follows links that stay in the "
                    "content folder); skipped", Code.SYMLINK_SKIPPED)
        if not _inside(entry.path, content_dir):
            return "symbolic link to a place outside the content folder, not followed; skipped", Code.SYMLINK_SKIPPED
        if _hidden_target(entry.path, content_dir):
            return "symbolic link to a hidden file or folder, not followed; skipped", Code.SYMLINK_SKIPPED
        if not os.path.exists(entry.path):
            return "broken symbolic link; skipped", Code.SYMLINK_SKIPPED
        if os.path.isdir(entry.path):
            return "folder", None
        return ("file", None) if os.path.isfile(entry.path) else special
    if entry.is_dir(follow_symlinks=False):
        return "folder", None
    if entry.is_file(follow_symlinks=False):
        return "file", None
    return special


def list_input_files(content_dir: Path, symlinks: str = "skip") -> list[Path]:
    """The files walk_content finds, without its diagnostics."""
    return walk_content(content_dir, symlinks)[0]


def read_articles(content_dir: Path, config: Config,
                  files: list[Path] | None = None) -> tuple[list[Article], list[Diagnostic]]:
    """Read every article file under content_dir in a stable order; other files are reported, not lost."""
    articles: list[Article] = []
    diags: list[Diagnostic] = []
    used_ids: dict[str, str] = {}
    by_url: dict[str, Article] = {}
    by_text: dict[str, Article] = {}
    editor_files = {names: editor_file(content_dir, names, config.symlinks) for names in EDITOR_FILES}
    for path in list_input_files(content_dir, config.symlinks) if files is None else files:
        rel = display_path(path, content_dir)
        names = next((n for n in EDITOR_FILES if path.parent == content_dir and path.name.lower() in n), None)
        if names is not None:
            read = editor_files[names]
            if read is None or path != read:  # review.yml and review.yaml: only one is read, the other is reported
                diags.append(Diagnostic(Location(rel, 1), "warning", f"not read: {read.name if read else names[0]} "
                                                                     "is read instead; merge the two files",
                                                                     Code.EDITOR_FILE_SHADOWED))
            continue  # otherwise read by its own step (review, actors), which reports on it
        if path.stem.lower() in ("readme", "license", "licence", "changelog"):
            diags.append(Diagnostic(Location(rel, 1), "info", "project documentation, not an article; skipped",
                                    Code.NOT_AN_ARTICLE))
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            diags.append(Diagnostic(Location(rel, 1), "info",
                                    f"not an article (expected {', '.join(ARTICLE_SUFFIXES)}); skipped",
                                    Code.NOT_AN_ARTICLE))
            continue
        try:
            size = path.stat().st_size
            if size > config.max_file_bytes:
                diags.append(Diagnostic(Location(rel, 1), "error", f"file is {size} bytes, over the limit of "
                                                                  f"{config.max_file_bytes}; skipped",
                                                                  Code.FILE_TOO_LARGE))
                continue
            raw = path.read_bytes()
        except OSError as exc:
            diags.append(Diagnostic(Location(rel, 1), "error", f"cannot read file: {exc.strerror or exc}; skipped",
                                    Code.FILE_UNREADABLE))
            continue
        try:
            article, file_diags = parse_article(raw, rel, fix_surrogates(path.name), config, set(used_ids))
        except Exception as exc:  # a bug on odd input costs this file, never the site
            diags.append(Diagnostic(Location(rel, 1), "error", f"internal error while reading this file "
                                                              f"({type(exc).__name__}: {exc}); skipped",
                                                              Code.INTERNAL_ERROR))
            continue
        diags.extend(file_diags)
        if article is None:
            continue
        article.file = fix_surrogates(path.relative_to(content_dir).as_posix())
        first = _duplicate_of(article, by_url, by_text)
        if first is not None:
            what, original = first
            diags.append(Diagnostic(article.location, "warning", f"same {what} as {original.path}: the same article "
                                                                 "twice; this copy is skipped", Code.DUPLICATE_ARTICLE))
            continue
        base = _page_base(article.title, path.name)
        if base in used_ids and article.id != base:
            diags.append(Diagnostic(article.location, "warning",
                                    f"title makes the same page name '{base}' as {used_ids[base]}; this article's "
                                    f"page is articles/{article.id}", Code.PAGE_NAME_TAKEN))
        used_ids[article.id] = article.path
        used_ids.setdefault(base, article.path)
        articles.append(article)
    return articles, diags


def _duplicate_of(a: Article, by_url: dict[str, Article], by_text: dict[str, Article]) -> tuple[str, Article] | None:
    """The same story saved twice (same url, or the same text) would count as two sources agreeing."""
    url_key = _url_key(a.url) if a.url else None
    text_key = norm_text(a.body) if len(a.body) >= 40 else None
    if url_key and url_key in by_url:
        return "url", by_url[url_key]
    if text_key and text_key in by_text:
        return "text", by_text[text_key]
    if url_key:
        by_url[url_key] = a
    if text_key:
        by_text[text_key] = a
    return None


def _url_key(url: str) -> str:
    """Scheme, www., a trailing slash, #fragment and tracking parameters do not make another article."""
    u = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower())
    u = u.split("#", 1)[0]
    base, _, query = u.partition("?")
    kept = "&".join(sorted(q for q in query.split("&") if q and not q.startswith(("utm_", "fbclid", "gclid"))))
    return base.rstrip("/") + ("?" + kept if kept else "")


def display_path(path: Path, content_dir: Path) -> str:
    """How a file is named in diagnostics, pages and exports: relative to the content folder's parent.

    'content/x.md' for an article, 'templates/event.md.j2' for a template (display_path(file, templates)):
    the same whatever the working directory, and never an absolute path of the build machine. Control
    characters and bytes that are not UTF-8 in a file name are shown as '?' and U+FFFD.
    """
    base = os.path.dirname(os.path.abspath(content_dir))
    shown = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", fix_surrogates(shown))


def parse_article(raw: bytes, rel: str, filename: str, config: Config,
                  used_ids: set[str] | None = None) -> tuple[Article | None, list[Diagnostic]]:
    """Turn one file's bytes into an Article; pure, so the tests can feed it anything."""
    diags: list[Diagnostic] = []
    loc = Location(rel, 1)
    if len(raw) > config.max_file_bytes:
        return None, [Diagnostic(loc, "error", f"file is {len(raw)} bytes, over the limit of "
                                              f"{config.max_file_bytes}; skipped", Code.FILE_TOO_LARGE)]
    if b"\x00" in raw[:8192]:
        return None, [Diagnostic(loc, "error", "binary file (NUL bytes), not text; skipped", Code.FILE_BINARY)]
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

    meta, body, body_line, fm_diags = _split_front_matter(text, rel)
    meta, field_diags = _drop_invalid_fields(meta, text, rel)
    fm_diags += field_diags
    lines_of = yaml_lines(_front_block(text), 2) if meta.get("events") else {}
    diags.extend(fm_diags)
    has_front_matter = body_line > 1
    lines = body.split("\n")

    title = clean_inline(str(meta["title"])) if meta.get("title") not in (None, "") else ""
    title_lines: set[int] = set()
    if not title and has_front_matter:
        # The text under front matter is all body: borrow its first sentence, keep it in the text.
        first = clean_inline(next((ln for ln in lines if ln.strip()), ""))
        title = shorten(re.split(r"(?<=[.!?])\s+(?=[A-Z])", first)[0].rstrip("."), 100) if first else ""
        title = title or _humanize(Path(filename).stem)
        diags.append(Diagnostic(loc, "warning", f"front matter has no title; using '{title}'", Code.NO_TITLE))
    elif not title:
        title, title_lines = _title_from_body(lines)
        title = title or _humanize(Path(filename).stem)

    published, published_day, origin = None, None, "none"
    dateline_line: int | None = None
    if meta.get("date") not in (None, ""):
        published = _date_from_meta(meta["date"])
        if published is None:
            diags.append(Diagnostic(Location(rel, _key_line(text, "date")), "warning",
                                    f"cannot read the date '{meta['date']}'; article treated as undated",
                                    Code.DATE_UNREADABLE))
        else:
            origin = "front-matter"
    if published is None:
        found = find_dateline(lines, skip=title_lines)
        if found is not None:
            dateline_line, published = found
            origin = "dateline"
    if published is None:
        m = FILENAME_DATE.match(filename)
        if m:
            published = parse_publication_date("-".join(m.groups()))
            origin = "filename" if published else "none"
    if published is not None:
        published_day = published[:10]
        date_loc = Location(rel, _key_line(text, "date") if origin == "front-matter" else
                            (body_line + dateline_line if dateline_line is not None else 1))
        if int(published[:4]) < 1800:
            diags.append(Diagnostic(date_loc, "warning", f"publication date {published_day} is before 1800: "
                                                         "probably a typing error; kept as written",
                                                         Code.DATE_SUSPICIOUS))
        elif published_day > (config.today or dt.date.today()).isoformat():
            diags.append(Diagnostic(date_loc, "warning", f"publication date {published_day} is in the future: "
                                                         "probably a typing error; kept as written",
                                                         Code.DATE_SUSPICIOUS))
    else:
        diags.append(Diagnostic(loc, "warning", "no publication date (no front-matter date, dateline or "
                                               "YYYY-MM-DD- file-name prefix): listed as undated, and its "
                                               "relative dates ('on Saturday', 'yesterday') cannot be resolved",
                                               Code.UNDATED))

    skip = set(title_lines)
    if dateline_line is not None:
        skip.add(dateline_line)
    one_line_paragraphs = not has_front_matter or filename.lower().endswith(".txt")
    paragraphs, para_lines, clean_diags = clean_paragraphs(lines, skip, body_line, rel, config,
                                                           one_line_paragraphs, title)
    diags.extend(clean_diags)
    if not paragraphs:
        diags.append(Diagnostic(loc, "warning", "article has no text after cleaning", Code.NO_TEXT))

    extra = {k: _plain(v) for k, v in meta.items() if k not in KNOWN_KEYS}
    curated = meta.get("events") or []
    if not isinstance(curated, list):
        diags.append(Diagnostic(Location(rel, _key_line(text, "events")), "warning",
                                "'events' must be a list of events; ignored", Code.CURATED_INVALID))
        curated = []
    diags.extend(_markup_warnings(rel, title, meta, paragraphs, para_lines, loc))
    base = _page_base(title, filename)
    if not slugify(title):
        diags.append(Diagnostic(loc, "info", f"the title has no Latin letters or digits for a page name; "
                                             f"the page is articles/{base}", Code.TITLE_NO_LATIN))
    elif _PATH_LIKE.search(title):
        diags.append(Diagnostic(loc, "warning", f"the title looks like a file path; it is shown as text and the "
                                                f"page name is made from its words: articles/{base}",
                                                Code.TITLE_PATH_LIKE))

    article = Article(
        id=_unique_id(base, used_ids or set()),
        path=rel, location=loc, title=title, body="\n\n".join(paragraphs), body_line=body_line,
        published=published, published_day=published_day,
        source=_opt_str(meta.get("source")), url=_opt_str(meta.get("url")), author=_opt_str(meta.get("author")),
        extra=extra, date_origin=origin, paragraph_lines=para_lines,
        curated_events=[dict(e, _line=lines_of.get(("events", i), 1),
                             _claim_lines=[lines_of.get(("events", i, "claims", k), 1)
                                           for k in range(len(e.get("claims") or []) if isinstance(
                                               e.get("claims"), list) else 0)])
                        for i, e in enumerate(curated) if isinstance(e, dict)],
    )
    return article, diags


_PATH_LIKE = re.compile(r"(?:^|[\\/])\.\.(?:[\\/]|$)|^\s*[\\/~]|\\|^[A-Za-z]:[\\/]|^\S+/\S+\.(?:md|html?|txt)$")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|javascript:", re.IGNORECASE)


def _markup_warnings(rel: str, title: str, meta: dict[str, Any], paragraphs: list[str], para_lines: list[int],
                     loc: Location) -> list[Diagnostic]:
    """HTML pasted into an article is shown as text, never run; say so once per place it was found."""
    out = []
    if _MARKUP.search(title):
        out.append(Diagnostic(loc, "warning", "the title contains HTML markup; it is shown as text, not run",
                              Code.MARKUP))
    for key in ("source", "url", "author"):
        value = meta.get(key)
        if isinstance(value, str) and _MARKUP.search(value):
            out.append(Diagnostic(loc, "warning", f"front-matter '{key}' contains HTML markup; shown as text",
                                  Code.MARKUP))
    for para, line in zip(paragraphs, para_lines, strict=False):
        m = _MARKUP.search(para)
        if m:
            out.append(Diagnostic(Location(rel, line), "warning",
                                  f"the text contains HTML markup ('{shorten(m.group(0), 30)}'); it is shown as text, "
                                  "not run (first place only)", Code.MARKUP))
            break
    return out


def _page_base(title: str, filename: str) -> str:
    """Page name from the title's words; from the file name when the title has no Latin letters (RTL, CJK)."""
    stem = Path(filename).stem
    return slugify(title) or slugify(FILENAME_DATE.sub("", stem)) or slugify(stem) or \
        "article-" + hashlib.sha1(filename.encode("utf-8", "replace")).hexdigest()[:8]


def yaml_lines(block: str, first_line: int) -> dict[tuple[Any, ...], int]:
    """File line of every mapping key and list item in a YAML block, by path: ('events', 0, 'claims', 1)."""
    try:
        root = yamlsafe.compose(block)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        out.setdefault(path, node.start_mark.line + first_line)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = (path + (k.value,)) if isinstance(k, yaml.ScalarNode) else None
                if key is not None:
                    out[key] = k.start_mark.line + first_line
                    walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    if root is not None:
        walk(root, ())
    return out


_FRONT_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


def _front_block(text: str) -> str:
    end = _FRONT_END.search(text, 4) if text.startswith("---\n") else None
    return text[4: end.start()] if end else ""


def _split_front_matter(text: str, rel: str) -> tuple[dict[str, Any], str, int, list[Diagnostic]]:
    """Return (metadata, body, first body line); a broken YAML block is reported and its body kept."""
    if not text.startswith("---\n"):
        return {}, text, 1, []
    end = _FRONT_END.search(text, 4)
    if end is None:
        return {}, text, 1, [Diagnostic(Location(rel, 1), "warning",
                                        "front matter starts with '---' but never ends; read as text",
                                        Code.FRONT_MATTER_UNCLOSED)]
    block = text[4: end.start()]
    body = text[end.end():].lstrip("\n")
    consumed = text[: len(text) - len(body)]
    body_line = consumed.count("\n") + 1
    try:
        yamlsafe.check_size(block, yamlsafe.MAX_FRONT_MATTER_CHARS)
        meta = _YAML.load(block, Loader=yamlsafe.SafeLoader)  # python-frontmatter's handler, with our limits
    except yaml.YAMLError as exc:
        line = yamlsafe.error_line(exc, 2)  # the block's first line is line 2 of the file
        message = yamlsafe.error_text(exc)
        limit = isinstance(exc, yamlsafe.YamlLimitError)
        what = "front matter over a limit" if limit else "malformed YAML front matter"
        return {}, body, body_line, [Diagnostic(Location(rel, line), "error",
                                                f"{what}: {message}; metadata ignored, text kept",
                                                Code.FRONT_MATTER_LIMIT if limit else Code.FRONT_MATTER_MALFORMED)]
    if meta is None and not block.strip():
        meta = {}
    if not isinstance(meta, dict):
        return {}, body, body_line, [Diagnostic(Location(rel, 2), "error",
                                                "front matter is not a mapping of keys to values; ignored",
                                                Code.FRONT_MATTER_NOT_MAPPING)]
    return {str(k): v for k, v in meta.items()}, body, body_line, []


TEXT_KEYS = ("title", "source", "url", "author")


def _drop_invalid_fields(meta: dict[str, Any], text: str, rel: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    """A field of the wrong type is reported and dropped on its own; the rest of the front matter still counts."""
    diags = []
    kept = dict(meta)
    for key in TEXT_KEYS:
        value = kept.get(key)
        if isinstance(value, (list, dict, set, tuple, bytes)):
            diags.append(Diagnostic(Location(rel, _key_line(text, key)), "warning",
                                    f"front-matter '{key}' must be text, not {type(value).__name__}; ignored",
                                    Code.FIELD_INVALID))
            del kept[key]
    return kept, diags


def _key_line(text: str, key: str) -> int:
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: m.start()].count("\n") + 1 if m else 1


def _date_from_meta(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_publication_date(str(value))


def _title_from_body(lines: list[str]) -> tuple[str, set[int]]:
    """First non-empty line is the title; the same line repeated right after it is the same title.

    A first line that is a whole paragraph (a clipping that starts with its text) stays in the body
    and lends its first sentence, shortened, as the title.
    """
    title, used = "", set()
    for i, line in enumerate(lines):
        s = clean_inline(line.lstrip("#").strip())
        if not s:
            continue
        if not title and _is_paragraph(s):
            return shorten(re.split(r"(?<=[.!?])\s+(?=[A-Z])", s)[0].rstrip("."), 100), set()
        if not title:
            title = s
            used.add(i)
        elif s == title:
            used.add(i)
        else:
            break
    return title, used


def clean_paragraphs(lines: list[str], skip: set[int], body_line: int, rel: str, config: Config,
                     one_line_paragraphs: bool, title: str) -> tuple[list[str], list[int], list[Diagnostic]]:
    """Split into paragraphs, drop pasted-twice copies, lead-ins and page furniture; keep wording."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            if current:
                blocks.append((start, " ".join(current)))
                current = []
            continue
        if one_line_paragraphs:
            blocks.append((i, line.strip()))
            continue
        if not current:
            start = i
        current.append(line.strip())
    if current:
        blocks.append((start, " ".join(current)))

    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    out: list[str] = []
    out_lines: list[int] = []
    furniture = {_norm_furniture(f) for f in config.furniture}
    title_key = norm_text(title)
    for idx, text in blocks:
        line_no = body_line + idx
        loc = Location(rel, line_no)
        if _norm_furniture(text) in furniture:
            diags.append(Diagnostic(loc, "info", f"page furniture '{shorten(text, 40)}' removed",
                                    Code.FURNITURE_REMOVED))
            continue
        text = _strip_lead_in(text, config.lead_ins)
        key = norm_text(text)
        if not key:
            continue
        if key == title_key and not out:
            continue  # the title pasted again as the first line of the text
        if key in seen:
            diags.append(Diagnostic(loc, "info", f"paragraph repeated from line {seen[key]}; kept once",
                                    Code.PARAGRAPH_REPEATED))
            continue
        seen[key] = line_no
        out.append(text)
        out_lines.append(line_no)
    return out, out_lines, diags


def _strip_lead_in(text: str, lead_ins: tuple[str, ...]) -> str:
    low = text.lower()
    for lead in lead_ins:
        if low.startswith(lead) and len(text) > len(lead) + 20:
            return text[len(lead):].lstrip()
    return text


def _norm_furniture(s: str) -> str:
    return re.sub(r"[\s:|»›>\-–—.!]+$", "", norm_text(s)).strip()


def _is_paragraph(s: str) -> bool:
    return len(s) > 160 or (len(s.split()) > 22 and s.rstrip()[-1:] in ".!?\"”")


def _opt_str(v: Any) -> str | None:
    return None if v in (None, "") else clean_inline(str(v))


def _plain(v: Any) -> Any:
    """Front-matter values YAML turned into dates etc. become strings so they export as JSON."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (set, frozenset)):
        return sorted((_plain(x) for x in v), key=str)
    if isinstance(v, float) and v != v or v in (float("inf"), float("-inf")):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def _humanize(stem: str) -> str:
    stem = FILENAME_DATE.sub("", stem)
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"


def _unique_id(base: str, used: set[str]) -> str:
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"
