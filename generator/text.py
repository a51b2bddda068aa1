"""Small text helpers shared by the stages: clean what arrives from files, names and terminals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_WS = re.compile(r"\s+")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def fix_surrogates(s: str) -> str:
    """Join surrogate pairs ("\\ud83d\\ude00" in YAML) into the character they spell; lone halves become U+FFFD.

    A lone surrogate cannot be written as UTF-8, so one in a title would break its page.
    """
    if not _LONE_SURROGATE.search(s):
        return s
    s = _SURROGATE_PAIR.sub(lambda m: m.group(0).encode("utf-16-le", "surrogatepass").decode("utf-16-le"), s)
    return _LONE_SURROGATE.sub("\ufffd", s)


def clean_inline(s: str) -> str:
    """One line of text: runs of whitespace (newlines, no-break spaces) become one space."""
    return _WS.sub(" ", s).strip()


def norm_text(s: str) -> str:
    """Text as compared for sameness: NFKC, one space for any run of white space, lower case."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", s)).strip().lower()


def shorten(s: str, n: int) -> str:
    """Cut text at a word boundary to at most n characters, marking the cut with an ellipsis."""
    s = s.strip()
    if len(s) <= n:
        return s
    return s[:n].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII slug for page names: stable, lower-case, no path separators."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def top_lines(lines: list[str], skip: set[int] | frozenset[int] = frozenset(),
              look: int = 6) -> Iterator[tuple[int, str]]:
    """(index, stripped text) of the first `look` non-empty lines not in `skip`: where datelines are looked for."""
    seen = 0
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            continue
        seen += 1
        if seen > look:
            return
        yield i, line.strip()
