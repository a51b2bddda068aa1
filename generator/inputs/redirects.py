"""Stable addresses: every page name the site has had redirects to the page that holds its article now.

The content folder keeps `redirects.yml`, which the build maintains and editors commit: one line per page name
the site has used, old and current, naming the article it belongs to.

    articles/army-says-92-militants-killed/: 2026-02-01-army.md
    articles/military-puts-toll-at-92/: 2026-02-01-army.md
    incidents/2026-01-31-balochistan-raid/: 2026-02-01-army.md
    events/2026-01-31-balochistan-raid/: "2026-02-01-army.md#2026-01-31"

Incident and event pages are named after the happening (day, place, kind), so an edit that changes what the
articles say of it renames them. They are known by their first article file (sorted), an event also by its day:
an old incident page leads to the incident holding that article now, an old event page to the event of the same
day holding it, else to its incident.

An article is known by its file: the path inside the content folder (claim ids are keyed the same way). When a
title edit or a new `slug:` renames its page, the build adds the new name and the old one becomes a redirect.
When the file itself is renamed and its page name stayed, the build sees the page's name under another file and
moves that file's lines to the new one (with a note). When both changed at once, the old lines name a file that
is gone: a warning at each, the line is kept, and the editor writes the new file name there.

Nothing is dropped: a line whose page is now another article's own page is given to that article (a note says
so), and a file with a malformed or unreadable line is left exactly as it is, with a diagnostic at the line,
until the editor fixes it. The file is written sorted, so the same site gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import yamlsafe
from generator.config import read_settings_text
from generator.diagnostics import Code, Diagnostic, Location
from generator.events.pages import event_address, has_page
from generator.inputs.files import REDIRECT_FILES, display_path, editor_file
from generator.models import Article, Event, Incident

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.[A-Za-z]+$")  # letters, digits, _ . / - : read back as text, as is
# The build writes one line per page name, about 85 bytes: 2 MB at 10,000 articles, over the 1 MB that editors'
# YAML files may have. The file as the build writes it is read line by line up to this size (some 700,000 page
# names); a file edited into other YAML is composed, and YAML keeps its own limit (yamlsafe.MAX_FILE_CHARS).
MAX_BYTES = 64_000_000
PAGE = re.compile(r"^(articles|events|incidents)/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/$")
HEADER = """\
# Every page name this site has had: `python -m generator build` keeps this file; commit it. An old name
# redirects to the page that holds its article now. Each line: page -> the article's file in this folder (an
# incident: its first article's; an event: "file#day"). A file renamed together with its title: write the new
# file name on its old lines (README, "Stable page addresses").
"""


@dataclass(frozen=True)
class Redirects:
    """What the build does with redirects.yml: the redirects to write, the file's new text, what to say."""

    moves: dict[str, str] = field(default_factory=dict)  # old page ("articles/old/") -> current ("articles/new/")
    text: str | None = None  # the file's new text, None when it stays as it is
    path: Path | None = None  # where to write it
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class _Read:
    entries: dict[str, tuple[str, int]]  # page -> (file, line)
    text: str
    writable: bool  # False: a line could not be read, so rewriting the file could lose it
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class _Site:
    """The pages the site has now: each page's identity, and where an identity leads."""

    identity: dict[str, str]  # current page -> identity (an article's file; an event's "file#start")
    files: set[str]  # the article files of this build
    article: dict[str, str]  # file -> its article's page
    incident: dict[str, str]  # file -> the page of the incident holding that article
    event: dict[str, str]  # "file#start" -> the page of the event of that day holding that article


def _current(articles: list[Article], events: list[Event], incidents: list[Incident]) -> _Site:
    """Every page the site has now, named by what it belongs to. An incident or event is known by its first
    article file (sorted): when its name changes, the article it holds still finds it; an event also by its day."""
    file_of = {a.id: a.file for a in articles}
    identity = {f"articles/{a.id}/": a.file for a in articles}
    incident: dict[str, str] = {}
    event: dict[str, str] = {}
    for inc in incidents:
        files = sorted(file_of[i] for i in inc.article_ids if i in file_of)
        if files:
            identity[f"incidents/{inc.id}/"] = files[0]
        for f in files:
            incident.setdefault(f, f"incidents/{inc.id}/")
    for e in events:
        files = sorted(file_of[i] for i in e.article_ids if i in file_of)
        # An event without a page of its own (generator/events/pages.py) is an entry on its first article's page:
        # an old page of that day and article leads there.
        shown = event_address(e)
        if files and has_page(e):
            identity[shown] = f"{files[0]}#{e.start or 'undated'}"
        for f in files:
            event.setdefault(f"{f}#{e.start or 'undated'}", shown)
    return _Site(identity, set(file_of.values()), {a.file: f"articles/{a.id}/" for a in articles}, incident, event)


def _target(page: str, ident: str, site: _Site) -> str | None:
    """The page that holds today what an old page held: the article itself; the incident holding its article; the
    event of the same day holding it, else its incident (an event whose day changed is still in the incident)."""
    file = _file(page, ident)
    if page.startswith("articles/"):
        return site.article.get(file)
    if page.startswith("incidents/"):
        return site.incident.get(file)
    return site.event.get(ident) or site.incident.get(file)


def _file(page: str, ident: str) -> str:
    return ident.rpartition("#")[0] or ident if page.startswith("events/") else ident


def _renamed(site: _Site, entries: dict[str, tuple[str, int]]) -> dict[str, str]:
    """Files renamed with their article's page name unchanged: the page now appears under the new file."""
    return {old: site.identity[p] for p, (old, _) in entries.items()
            if p.startswith("articles/") and old not in site.files and p in site.identity}


def plan_redirects(content: Path, articles: list[Article], events: list[Event] | None = None,
                   incidents: list[Incident] | None = None, symlinks: str = "skip") -> Redirects:
    """Read redirects.yml, add the current name of every page, and work out the redirects."""
    path = editor_file(content, REDIRECT_FILES, symlinks) or content / REDIRECT_FILES[0]
    rel = display_path(path, content)
    read = _read(path, rel)
    site = _current(articles, events or [], incidents or [])
    renamed = _renamed(site, read.entries)
    diags = list(read.diagnostics)
    diags += [Diagnostic(Location(rel, 1), "info", f"{old} is now {new} (its page kept its name): its old page "
                                                   "names follow it", Code.REDIRECT_MOVED)
              for old, new in sorted(renamed.items())]
    kept: dict[str, str] = {}
    for page, (ident, line) in sorted(read.entries.items()):
        file = _file(page, ident)
        ident = ident.replace(file, renamed[file], 1) if file in renamed else ident
        if page in site.identity:
            if site.identity[page] != ident and page.startswith("articles/"):
                diags.append(Diagnostic(Location(rel, line), "info", f"{page} was a page of {file} and is now the "
                                                                     f"page of {site.identity[page]}: no redirect "
                                                                     "from it", Code.REDIRECT_MOVED))
        elif _file(page, ident) not in site.files:
            diags.append(Diagnostic(Location(rel, line), "warning",
                                    f"{page} names {file}, which is not an article of this folder (renamed or "
                                    "removed?): no redirect; write the article's file name on this line, or delete it",
                                    Code.REDIRECT_TARGET_GONE))
        kept[page] = ident
    entries = {**kept, **site.identity}  # a page that exists is its own, whatever the file said
    moves = {p: t for p, ident in sorted(entries.items())
             if p not in site.identity and (t := _target(p, ident, site)) is not None and t != p}
    text = render_file(entries)
    # Said whether or not the file exists yet, in the same words: a first build and the next make the same report.
    diags.append(Diagnostic(Location(rel, 1), "info", f"page names: {len(entries)} kept, {len(moves)} of them old "
                                                      "addresses that redirect", Code.REDIRECTS_SUMMARY))
    return Redirects(moves, text if read.writable and text != read.text else None, path, diags)


def _read(path: Path, rel: str) -> _Read:
    """The file's lines as page -> (file, line); a line that cannot be used is reported and blocks rewriting."""
    if not path.is_file():
        return _Read({}, "", True, [])
    text, diags = read_settings_text(path, rel, "redirects file", Code.REDIRECTS_UNREADABLE, MAX_BYTES)
    if text is None:
        return _Read({}, "", False, diags)
    entries = _written(text)
    if entries is None:
        return _composed(text, rel, diags)
    return _Read(entries, text, not any(d.level != "info" for d in diags), diags)


def _written(text: str) -> dict[str, tuple[str, int]] | None:
    """The entries of a file exactly as render_file writes it, read line by line; None for any other text.

    The build writes this file itself, one line per page name (thousands at 1,000 articles), and composing them
    with the line-tracking YAML loader took half a second of every build. A text render_file would write back
    unchanged, whose every line passes _problem, reads the same here as in YAML: keys are PAGE names (plain YAML
    text), values are _PLAIN (plain text: the resolver is asked) or JSON strings of printable characters (a
    JSON string of those is a YAML double-quoted scalar of the same text). Anything else (comments, other
    quoting, duplicates, order, a bad line) goes to _composed, which reports as before."""
    if not text.startswith(HEADER) or _NOT_YAML_TEXT.search(text):  # (read up to MAX_BYTES already)
        return None
    lines = text[len(HEADER):].split("\n")
    if lines.pop() != "" or not lines:  # an empty list is cheap to compose
        return None
    first = HEADER.count("\n") + 1
    entries: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, first):
        page, colon, value = line.partition(": ")
        file = _value(value)
        if not colon or len(page) > _SIMPLE_KEY or not PAGE.match(page) or file is None or page in entries:
            return None
        entries[page] = (file, number)
    return entries if render_file({p: f for p, (f, _) in entries.items()}) == text else None


# What the YAML reader refuses or reads as a line break (PyYAML's Reader.NON_PRINTABLE, NEL, LS, PS): a text with
# any of them is left to YAML. PyYAML reads a plain key of at most 1,024 characters (its simple-key limit).
_NOT_YAML_TEXT = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]|[\u2028\u2029]")
_SIMPLE_KEY = 1024
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def _value(value: str) -> str | None:
    """A file name as _scalar writes it, read back; None when it is not one or _problem would refuse it."""
    if value.startswith('"'):
        try:
            file = json.loads(value)
        except ValueError:
            return None
    elif _PLAIN.match(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
        file = value
    else:
        return None
    return file if isinstance(file, str) and file.strip() else None


def _composed(text: str, rel: str, diags: list[Diagnostic]) -> _Read:
    """The file's lines read by the YAML composer (with their lines): any text, a hand-edited one too."""
    try:
        root = yamlsafe.compose(text)
    except yaml.YAMLError as exc:
        return _Read({}, text, False, [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                                                  f"redirects file is not valid YAML ({yamlsafe.error_text(exc)}); not "
                                                  "used, and left as it is", Code.REDIRECTS_UNREADABLE)])
    if root is None:
        return _Read({}, text, True, [])
    if not isinstance(root, yaml.MappingNode):
        return _Read({}, text, False, [Diagnostic(Location(rel, root.start_mark.line + 1), "error",
                                                  "redirects file must be a mapping of page: file; not used, and "
                                                  "left as it is", Code.REDIRECTS_UNREADABLE)])
    entries: dict[str, tuple[str, int]] = {}
    diags = list(diags)
    for k, v in root.value:
        line = k.start_mark.line + 1
        problem = _problem(k, v, entries)
        if problem:
            diags.append(Diagnostic(Location(rel, line), "warning", f"{problem}; the build leaves the file as it is "
                                                                    "until this line is fixed", Code.REDIRECTS_INVALID))
            continue
        entries[k.value] = (v.value, line)
    return _Read(entries, text, not any(d.level != "info" for d in diags), diags)


def _problem(k: yaml.Node, v: yaml.Node, seen: dict[str, tuple[str, int]]) -> str | None:
    """Why a line of redirects.yml cannot be used, else None."""
    if not isinstance(k, yaml.ScalarNode) or not PAGE.match(str(k.value)):
        return f"{str(k.value)[:80]!r} is not a page of this site (articles/, events/ or incidents/<name>/)"
    if not isinstance(v, yaml.ScalarNode) or v.tag != "tag:yaml.org,2002:str" or not str(v.value).strip():
        return f"{k.value} must name an article's file (a path in the content folder)"
    if k.value in seen:
        return f"{k.value} is listed twice (first at line {seen[k.value][1]})"
    return None


def render_file(entries: dict[str, str]) -> str:
    """The file's text: the header, then one line per page name, sorted."""
    return HEADER + "".join(f"{page}: {_scalar(file)}\n" for page, file in sorted(entries.items()))


def _scalar(text: str) -> str:
    """A file name as a YAML scalar: plain when it reads back as the same text, else JSON-quoted (JSON strings
    are YAML too). Cheaper than yaml.safe_dump per line on a site of thousands of pages."""
    return text if _PLAIN.match(text) else json.dumps(text, ensure_ascii=False)


def save_redirects(r: Redirects) -> str | None:
    """Write the file's new text, if it has one; why it could not be written, else None."""
    if r.text is None or r.path is None:
        return None
    try:
        r.path.write_text(r.text, encoding="utf-8")
    except OSError as exc:
        return f"{r.path}: cannot write the page names ({exc.strerror or exc}); old addresses may stop redirecting"
    return None
