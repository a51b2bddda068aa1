"""The content folder as files: which files the build reads, and how a file is named on the site.

The content folder is a boundary. A symbolic link is reported and skipped (with symlinks: inside, followed only
when it and all under it stay inside the folder), a folder is entered once however links lead to it, so no
loop can hang the build, and a folder or entry that cannot be read is an error, never a silent gap. Hidden
files and folders (.git, .gitkeep, editor swap files) are not content.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.diagnostics import Code, Diagnostic, Location
from generator.text import fix_surrogates

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
PAGE_SUFFIXES = (".html", ".htm")  # saved web pages: `import` reads them (inputs.pages), the build does not
REVIEW_FILES = ("review.yml", "review.yaml")  # editors' decisions on claims, read by inputs.review
ACTOR_FILES = ("actors.yml", "actors.yaml")  # editors' claimant registry, read by inputs.actors
SITE_FILES = ("site.yml", "site.yaml")  # the site's title and description, read by inputs.site
REDIRECT_FILES = ("redirects.yml", "redirects.yaml")  # page names the site has used, kept by site.redirects
# Settings files beside the articles: each read by its own step, never as an article.
EDITOR_FILES = (REVIEW_FILES, ACTOR_FILES, SITE_FILES, REDIRECT_FILES)


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


def display_path(path: Path, content_dir: Path) -> str:
    """How a file is named in diagnostics, pages and exports: relative to the content folder's parent.

    'content/x.md' for an article, 'templates/event.md.j2' for a template (display_path(file, templates)):
    the same whatever the working directory, and never an absolute path of the build machine. Control
    characters and bytes that are not UTF-8 in a file name are shown as '?' and U+FFFD.
    """
    base = os.path.dirname(os.path.abspath(content_dir))
    shown = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", fix_surrogates(shown))



def content_relative(path: str, content_name: str) -> str:
    """A displayed path ('content/sub/x.md') as the site shows it: relative to the content folder ('sub/x.md').

    Pages and exports never name the folder the content was built from (its name is the build machine's
    business); paths outside it (a template's) are left as they are."""
    if content_name and path == content_name:
        return "."  # the folder itself (a note about the whole content)
    prefix = content_name.rstrip("/") + "/"
    return path[len(prefix):] if content_name and path.startswith(prefix) else path


def content_relative_text(text: str, content_name: str) -> str:
    """A message with every path in the content folder in it shown relative to the folder."""
    if not content_name:
        return text
    return re.sub(r"(?<![\w./-])" + re.escape(content_name.rstrip("/") + "/"), "", text)
