"""A progress bar for builds that take more than a moment; silent in logs, pipes and CI.

Under -v it also says, once each stage is over, what it did and how long it took ("analysing articles: 20 of 20
in 3.1 s"); under -q it shows nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from generator import verbosity
from generator.verbosity import Verbosity


class Progress:
    """One self-rewriting line on a terminal: `reading articles [#####.....] 120/250`."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, delay: float = 0.5,
                 width: int = 30) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            # A log file or CI console would keep every redraw; only a terminal can rewrite the line.
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and not os.environ.get("CI")
        self.enabled = enabled and verbosity.level() > Verbosity.QUIET
        self.delay = delay
        self.width = width
        self.started = time.perf_counter()
        self.last_draw = 0.0
        self.shown = False
        self.stage: tuple[str, int, int] | None = None  # the stage under way: its label and last (done, total)
        self.stage_started = self.started

    def update(self, label: str, done: int, total: int) -> None:
        """Redraw the bar, at most ten times a second, once the build has run for `delay` seconds."""
        if self.stage is not None and self.stage[0] != label:
            self.end_stage()
        if self.stage is None:
            self.stage_started = time.perf_counter()
        self.stage = (label, done, total)
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.started < self.delay or (now - self.last_draw < 0.1 and done < total):
            return
        self.last_draw = now
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{label:<18} [{bar}] {done}/{total}\x1b[K")
        self.stream.flush()
        self.shown = True

    def end_stage(self) -> None:
        """Under -v, say what the stage under way did and how long it took; then no stage is under way."""
        if self.stage is None:
            return
        label, done, total = self.stage
        self.stage = None
        if verbosity.level() < Verbosity.VERBOSE:
            return
        self.clear()
        count = f"{done} of {total} " if total > 1 else ""
        verbosity.say(f"{label}: {count}in {time.perf_counter() - self.stage_started:.1f} s", self.stream,
                      Verbosity.VERBOSE)

    def clear(self) -> None:
        """Remove the bar so the summary line starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def finish(self) -> None:
        """End the last stage and remove the bar."""
        self.end_stage()
        self.clear()
