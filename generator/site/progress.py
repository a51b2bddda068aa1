"""A progress bar for builds that take more than a moment; silent in logs, pipes and CI."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    """One self-rewriting line on a terminal: `reading articles [#####.....] 120/250`."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, delay: float = 0.5,
                 width: int = 30) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            # A log file or CI console would keep every redraw; only a terminal can rewrite the line.
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and not os.environ.get("CI")
        self.enabled = enabled
        self.delay = delay
        self.width = width
        self.started = time.perf_counter()
        self.last_draw = 0.0
        self.shown = False

    def update(self, label: str, done: int, total: int) -> None:
        """Redraw the bar, at most ten times a second, once the build has run for `delay` seconds."""
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

    def clear(self) -> None:
        """Remove the bar so the summary line starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
