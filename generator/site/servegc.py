"""Garbage collection between the rebuilds of `mkdocs serve`.

A serve process keeps what its builds leave: the parser and its model, the caches it holds, MkDocs' objects, some
260,000 objects the collector tracks at 1,000 articles. CPython's full collections walk them all, and a rebuild's
allocations set off several of them: measured, 0.4-0.9 s of a 2.8 s rebuild after one save (the same rebuild took
1.85 s with the collector off). So the collector is off from the start of a build until the build is done and
the editor reads the page; then one full collection runs, what survives it is frozen (gc.freeze: later
collections do not walk it) and the collector is on again until the next build.

Nothing leaks: an object is still freed when its last reference goes, whatever the collector does; only cycles
wait, for the next idle collection, which unfreezes everything first. A save that comes before the idle
collection has run cancels it, and after MISSED builds in a row without one, a build collects before it starts.
Only `mkdocs serve` does this: a one-off build ends with its process.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.timeline")
IDLE_SECONDS = 1.0  # after a build: the browser reloads the page first
MISSED = 3  # builds in a row without an idle collection (saves in quick succession): then one collects first


class IdleCollector:
    """Runs collect() once per finished build, IDLE_SECONDS later, unless the next build has started."""

    def __init__(self, before: tuple[Callable[[], None], ...] = (), delay: float = IDLE_SECONDS) -> None:
        self.before = before  # done first: the caches' deferred writes, the parser's background load (its model
        # gets frozen too)
        self.delay = delay
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.collections = 0
        self.missed = 0  # builds since the last idle collection
        self.seconds: dict[str, float] = {}  # how long the last idle work took: its tasks, the collection

    def build_started(self) -> None:
        """No collection during the build: what it leaves is collected once it is done (or, after MISSED builds
        without a pause, before this one)."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            gc.disable()
            self.missed += 1
            if self.missed > MISSED:
                started = time.perf_counter()
                gc.collect()
                self.missed = 0
                log.debug(f"timeline: {MISSED} builds without a pause: collected first "
                          f"({time.perf_counter() - started:.2f} s)")

    def build_finished(self) -> None:
        """The collector stays off until the idle collection: switched on now, it would at once walk everything
        the build left, while the browser waits for the page."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.delay, self.collect)
            self.timer.daemon = True
            self.timer.name = "idle-gc"
            self.timer.start()

    def collect(self) -> None:
        """One full collection of everything, then freeze what survived."""
        started = time.perf_counter()
        for task in self.before:
            task()
        with self.lock:
            if self.timer is None or self.timer is not threading.current_thread():
                return  # a build started meanwhile (it cancelled this timer, or made another)
            collecting = time.perf_counter()
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            gc.enable()
            self.collections += 1
            self.missed = 0
            self.timer = None
            self.seconds = {"tasks": collecting - started, "collection": time.perf_counter() - collecting}
        log.debug(f"timeline: idle work after the build: {self.seconds['tasks']:.2f} s of writes and the parser's "
                  f"load, {self.seconds['collection']:.2f} s of collection")
