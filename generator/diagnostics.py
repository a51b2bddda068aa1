"""Diagnostics: every problem found in the input, at its file and line, with a code.

Code decides on codes, never on message text: a later step that replaces or drops a diagnostic looks for
its code (Code.UNDATED), so a message can be reworded freely. Messages are for people; codes are for code.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TextIO

from generator import verbosity
from generator.escape import github_data, github_property, terminal
from generator.verbosity import Verbosity

Level = Literal["error", "warning", "info"]


class Code(StrEnum):
    """What kind of problem a diagnostic reports (one per kind, whichever stage finds it)."""

    # the content folder and its files
    FOLDER_UNREADABLE = "folder-unreadable"
    SYMLINK_SKIPPED = "symlink-skipped"
    SPECIAL_FILE = "special-file"
    NOT_AN_ARTICLE = "not-an-article"
    FILE_UNREADABLE = "file-unreadable"
    FILE_TOO_LARGE = "file-too-large"
    FILE_BINARY = "file-binary"
    FILE_EMPTY = "file-empty"
    FILE_ENCODING = "file-encoding"
    FILE_BOM = "file-bom"
    FILE_LINE_ENDINGS = "file-line-endings"
    EDITOR_FILE_SHADOWED = "editor-file-shadowed"
    DUPLICATE_ARTICLE = "duplicate-article"
    PAGE_NAME_TAKEN = "page-name-taken"
    SLUG_INVALID = "slug-invalid"
    SLUG_TAKEN = "slug-taken"
    # the page names the site has used (content/redirects.yml)
    REDIRECTS_UNREADABLE = "redirects-unreadable"
    REDIRECTS_INVALID = "redirects-invalid"
    REDIRECT_TARGET_GONE = "redirect-target-gone"
    REDIRECT_MOVED = "redirect-moved"
    REDIRECTS_SUMMARY = "redirects-summary"
    REDIRECTS_STALE = "redirects-stale"  # `check`: the committed redirects.yml lacks page names the site has now
    # front matter and the article's fields
    FRONT_MATTER_UNCLOSED = "front-matter-unclosed"
    FRONT_MATTER_MALFORMED = "front-matter-malformed"
    FRONT_MATTER_LIMIT = "front-matter-limit"
    FRONT_MATTER_NOT_MAPPING = "front-matter-not-mapping"
    FIELD_INVALID = "field-invalid"
    NO_TITLE = "no-title"
    TITLE_NO_LATIN = "title-no-latin"
    TITLE_PATH_LIKE = "title-path-like"
    MARKUP = "markup"
    NO_TEXT = "no-text"
    FURNITURE_REMOVED = "furniture-removed"
    PARAGRAPH_REPEATED = "paragraph-repeated"
    WIRE_DATELINE = "wire-dateline"
    # dates
    DATE_UNREADABLE = "date-unreadable"
    DATE_SUSPICIOUS = "date-suspicious"
    UNDATED = "undated"
    DATE_INFERRED = "date-inferred"
    UNDATED_PLACED = "undated-placed"
    DATE_OUT_OF_WINDOW = "date-out-of-window"
    # curated events and claims
    CURATED_INVALID = "curated-invalid"
    # editors' files: timeline.yml, actors.yml, review.yml
    SETTINGS_UNREADABLE = "settings-unreadable"
    SETTINGS_INVALID = "settings-invalid"
    ACTORS_UNREADABLE = "actors-unreadable"
    ACTORS_INVALID = "actors-invalid"
    ACTORS_CHANGED = "actors-changed"
    ACTORS_SUMMARY = "actors-summary"
    REVIEW_UNREADABLE = "review-unreadable"
    REVIEW_INVALID = "review-invalid"
    REVIEW_UNKNOWN_CLAIM = "review-unknown-claim"  # an error: the decision applies to nothing
    REVIEW_MOVED = "review-moved"  # the id is gone; the decision follows its claim into the edited sentence
    REVIEW_NEW_CATEGORY = "review-new-category"
    REVIEW_SUMMARY = "review-summary"
    # the importer
    IMPORT_SKIPPED = "import-skipped"
    IMPORT_MISSING = "import-missing"
    IMPORT_FOUND = "import-found"
    IMPORT_DONE = "import-done"
    # the build itself
    PARSER_UNAVAILABLE = "parser-unavailable"
    CACHE_ENTRY_IGNORED = "cache-entry-ignored"
    TEMPLATE_ERROR = "template-error"
    INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file: path as displayed (relative to the content folder's parent) and 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the input, always tied to a file and line."""

    location: Location
    level: Level
    message: str
    code: Code

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message}"


def print_diagnostics(diags: list[Diagnostic], verbose: bool = False, stream: TextIO | None = None) -> None:
    """`path:line: level: message` on stderr; notes only when verbose (or -v), errors only under -q; GitHub
    annotations under Actions.

    Paths and messages hold text from the content, so terminal control codes in them are shown, not obeyed.
    """
    stream = stream or sys.stderr
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    shown = {"error"} if verbosity.level() == Verbosity.QUIET else {"error", "warning"}
    if verbosity.level() == Verbosity.VERBOSE or (verbose and verbosity.level() != Verbosity.QUIET):
        shown.add("info")
    for d in diags:
        if d.level not in shown:
            continue
        print(terminal(d), file=stream)
        if github and d.level != "info":
            print(github_annotation(d), file=stream)


def github_annotation(d: Diagnostic) -> str:
    """A workflow command that shows the problem on the pull request's changed line."""
    return (f"::{d.level} file={terminal(github_property(d.location.path))},line={d.location.line},"
            f"title=timeline::{terminal(github_data(d.message))}")


def failed(diags: list[Diagnostic], strict: bool) -> bool:
    """Errors always fail the exit code; warnings only under --strict."""
    return any(d.level == "error" or (strict and d.level == "warning") for d in diags)
