"""Both cores for a cold build: the articles to extract, shared among worker processes, results in input order.

Only when there are enough articles for the workers to pay for themselves (MIN_ARTICLES), more than one core,
and the process may have children. On Linux the workers are forked from the build, so they start with its
loaded parser (the build loads it first); elsewhere each loads it once, in its initializer. A pool that cannot
be started or breaks is not an error: the articles are then extracted here, one after another. The results do
not depend on the number of workers (each article is extracted on its own); TIMELINE_WORKERS=1 turns the pool
off (and the process writing the data exports beside MkDocs, generator/site/sidecar.py), TIMELINE_WORKERS=n sets
the number of workers.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from typing import TypeVar

from generator.claims import nlp

ENV = "TIMELINE_WORKERS"
MIN_ARTICLES = 24  # below this, starting workers costs about what they save

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def wanted_processes() -> int:
    """TIMELINE_WORKERS, else the cores: how many processes a build may keep busy at once."""
    value = os.environ.get(ENV, "").strip()
    try:
        return int(value) if value else cores()
    except ValueError:
        return cores()


def may_fork() -> bool:
    """Whether this process may start a second one beside it (generator/site/sidecar.py): more than one core
    wanted, and not a daemon process (which may not have children)."""
    return wanted_processes() >= 2 and not multiprocessing.current_process().daemon


def worker_count(tasks: int) -> int:
    """How many workers extract `tasks` articles: 1 (no pool) unless there are enough and more than one core."""
    if tasks < MIN_ARTICLES or not may_fork():
        return 1
    return min(wanted_processes(), tasks)


def _start_worker() -> None:
    gc.enable()  # forked from `mkdocs serve`, whose rebuilds run with the collector off (generator/site/servegc.py)
    nlp.parser()  # load the model once per worker (already loaded when forked from a build that had it)


@contextlib.contextmanager
def _collecting(many: bool) -> Iterator[None]:
    """The cycle collector on while many articles are extracted here, whatever the caller had (`mkdocs serve`
    turns it off for a rebuild, which is mostly one changed article; a rules change extracts them all)."""
    was_on = gc.isenabled()
    if many:
        gc.enable()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()


def run_all(fn: Callable[[T, C], R], items: list[T], shared: C) -> Iterator[R]:
    """fn(item, shared) for each item, in the items' order: in worker processes when that pays, else here."""
    workers = worker_count(len(items))
    if workers > 1:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        nlp.wait_for_preload()  # a worker forked while a thread imports spaCy would copy a half-made import
        done: list[R] = []
        try:
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
        except (OSError, ValueError):  # no processes to be had: extract here
            pool = None
        if pool is not None:
            try:
                chunk = max(1, len(items) // (workers * 8))
                for r in pool.map(fn, items, repeat(shared), chunksize=chunk):
                    done.append(r)
                    yield r
                return
            except (BrokenProcessPool, OSError):
                items = items[len(done):]  # a worker died: the rest, here
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    with _collecting(len(items) >= MIN_ARTICLES):
        for item in items:
            yield fn(item, shared)
