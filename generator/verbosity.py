"""How much a command says on stderr: -q (errors only), the default, or -v (notes and each stage's detail).

The level belongs to the run, like a logging level: the command line sets it once (`using`) and the printing
edges read it (diagnostics.print_diagnostics, site.progress.Progress, `say` for the summary lines). Output
files never depend on it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import TextIO


class Verbosity(IntEnum):
    QUIET = 0  # errors only
    NORMAL = 1  # errors, warnings and the one-line summary
    VERBOSE = 2  # also notes, and what each stage did and how long it took


_level = Verbosity.NORMAL


def level() -> Verbosity:
    return _level


@contextmanager
def using(new: Verbosity) -> Iterator[None]:
    """Run with this level; the previous one is restored after (the tests call main() many times over)."""
    global _level
    old, _level = _level, new
    try:
        yield
    finally:
        _level = old


def say(message: str, stream: TextIO | None = None, at: Verbosity = Verbosity.NORMAL, **kwargs: object) -> None:
    """Print a line for people (a summary, a stage's detail) when the level is at least `at`."""
    if _level >= at:
        print(message, file=stream or sys.stderr, **kwargs)  # type: ignore[call-overload]
