"""Memos of the analysis: functions of texts (an article's body, a sentence, a name) remembered by lru_cache,
since claims, events, titles and grouping ask the same of the same texts many times in one build.

Each memo keeps its texts alive: at 10,000 articles the sentence splitter alone held 8,192 bodies and their
160,000 sentences (about 70 MB) through MkDocs and Pagefind, after the last use. `build` analyses once, so it
lets every memo go once the pages are rendered (forget_all); `mkdocs serve` keeps them for its next build, where
an unchanged article asks the same again.

(heldfiles.by_text is the other kind: results kept from one build of `mkdocs serve` to the next, without a size
limit, and nothing in a one-off build, for functions asked once per article in a build.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_memos: list[Any] = []


def memo(maxsize: int) -> Callable[[F], F]:
    """functools.lru_cache(maxsize), registered for forget_all."""
    def decorate(fn: F) -> F:
        remembered = functools.lru_cache(maxsize=maxsize)(fn)
        _memos.append(remembered)
        return remembered  # type: ignore[return-value]
    return decorate


def forget_all() -> None:
    for remembered in _memos:
        remembered.cache_clear()
