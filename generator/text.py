"""Small text helpers shared by the stages: clean what arrives from files, names and terminals."""

from __future__ import annotations

import re

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
