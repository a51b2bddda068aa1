"""What a long-lived process (`mkdocs serve`) keeps in memory from one build to the next, instead of reading it
from disk or working it out again.

- Whole-file caches (read()/written()): the read cache and the render cache are one pickle each, rewritten at the
  end of a build and read back at the start of the next: at 1,000 articles, 0.1-0.2 s of unpickling per rebuild,
  and the collections the new objects set off, for objects the process had a moment ago. The object read or
  written last is kept with the file's identity (device, inode, size, modification time) and handed out again
  while the file keeps that identity; anything else that rewrites the file gives it another identity (the writes
  are atomic renames: a new inode), and it is read again.
- Entries (entry()/keep_entry()): one per article analysis, page-cache entry, article file, site file or
  incident's events (generator/events/merge.py), keyed by a hash of all they depend on or checked by their users
  against the file they describe.
- Memos (by_text, IdentityMemo): results of pure functions of texts, and values found for objects that outlive a
  build (the articles of unchanged files).
- Deferred writes (later()/flush()): the caches' files, written once the page is served.

Entries and memos not used in the last two builds are let go (new_build()), so a long session does not grow with
every save. Off by default: a one-off build reads each file once, and holding an object past its use would only
raise the build's peak memory. The objects handed out are shared: callers read them, never change them.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.atomic import write_whole_with

T = TypeVar("T")

Identity = tuple[int, int, int, int]

_held: dict[Path, tuple[Identity, Any]] = {}
_holding = False
_memos: list[_TextMemo] = []
_deferring = False
_deferred: list[Callable[[], None]] = []
_flushing = threading.Lock()


def hold(on: bool = True, defer: bool = False) -> None:
    """Keep (or stop keeping, and let go of) the objects read and written from now on. defer: the caches' files
    are written by flush() (`mkdocs serve` flushes once the page is served, before the next build reads them, and
    at exit), not while the editor waits."""
    global _holding, _deferring
    if not (on and defer):
        flush()
    _holding, _deferring = on, on and defer
    if not on:
        _held.clear()
        for memo in _memos:
            memo.clear()


def later(job: Callable[[], None]) -> None:
    """job() now, or at the next flush() when writes are deferred."""
    if _deferring:
        with _flushing:
            _deferred.append(job)
        return
    job()


@atexit.register
def flush() -> None:
    """Run the deferred writes, in order (one thread at a time: the next build waits for one under way)."""
    with _flushing:
        while _deferred:
            _deferred.pop(0)()


def new_build() -> None:
    """A build starts: the deferred writes are done first (it reads those files), and what the memos of by_text()
    did not use in the last two builds is let go."""
    flush()
    for memo in _memos:
        memo.age()


def holding() -> bool:
    return _holding


def entry(key: str) -> Any | None:
    """The object kept under key (an article's analysis, a page-cache entry, a file's identity ...), or None."""
    if not _holding:
        return None
    return _entries.lookup((key,), None)


def keep_entry(key: str, value: Any) -> None:
    if _holding:
        _entries.now[(key,)] = value


def identity(path: Path) -> Identity:
    """What tells one version of a file from another without reading it (a save changes the time, an atomic
    rename the inode)."""
    return identity_of(os.stat(path))


def identity_of(st: os.stat_result) -> Identity:
    """identity() from a stat the caller made already."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def read(path: Path, load: Callable[[bytes], Any]) -> Any:
    """load() of the file's bytes, or the object held for the file as it is now. Raises what reading raises."""
    if not _holding:
        return load(path.read_bytes())
    ident = identity(path)
    held = _held.get(path)
    if held is not None and held[0] == ident:
        return held[1]
    _held.pop(path, None)
    data = load(path.read_bytes())
    if identity(path) == ident:  # not rewritten while it was read
        _held[path] = (ident, data)
    return data


def written(path: Path, data: Any) -> None:
    """The file now holds data (just written by this process): the next read() hands data out."""
    if not _holding:
        return
    try:
        _held[path] = (identity(path), data)
    except OSError:
        _held.pop(path, None)


def load_dict(path: Path | None) -> dict[Any, Any]:
    """A cache file's pickled dict (read() while holding), or {} when there is none or it cannot be read: cut
    short, another format, a class that moved. Only for the project's own cache folder (pickle)."""
    if path is None:
        return {}
    with contextlib.suppress(Exception):
        data = read(path, pickle.loads)
        if isinstance(data, dict):
            return data
    return {}


def write_pickled(path: Path, data: Any) -> None:
    """data pickled into the cache file path, streamed (no second copy in memory), and noted as what the file holds
    (written()); a cache that cannot be written is skipped."""
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole_with(path, lambda out: pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL))
        written(path, data)


class _TextMemo:
    """The results of one function of a text, for the texts of this build and the last."""

    def __init__(self) -> None:
        self.now: dict[tuple[Any, ...], Any] = {}
        self.before: dict[tuple[Any, ...], Any] = {}

    def lookup(self, key: tuple[Any, ...], missing: Any) -> Any:
        """What key holds in this build, else in the last (then kept for this build too), else missing."""
        found = self.now.get(key, missing)
        if found is missing:
            found = self.before.get(key, missing)
            if found is not missing:
                self.now[key] = found
        return found

    def clear(self) -> None:
        self.now, self.before = {}, {}

    def age(self) -> None:
        self.now, self.before = {}, self.now


def by_text(fn: Callable[..., T]) -> Callable[..., T]:
    """fn, remembered by its arguments (texts, mostly) while holding: the texts of articles and pages that did not
    change are the same objects from one build to the next, so each lookup is a hash already known and an identity
    check. fn must be pure, its arguments hashable and its results never changed by their users."""
    memo = _TextMemo()
    _memos.append(memo)

    @functools.wraps(fn)
    def remembered(*args: Any) -> T:
        if not _holding:
            return fn(*args)
        found = memo.lookup(args, _MISSING)
        if found is _MISSING:
            found = memo.now[args] = fn(*args)
        return found

    return remembered


_MISSING = object()
_entries = _TextMemo()  # entries are used by every build while they hold: two builds unused, and they are stale
_memos.append(_entries)


class IdentityMemo(_TextMemo):
    """Values remembered for objects by identity while holding, for the objects of this build and the last (each
    kept alive with its value, so its id is not reused meanwhile): what an unchanged article, the same object from
    one build to the next, was found to be."""

    def __init__(self) -> None:
        super().__init__()
        _memos.append(self)

    def get(self, obj: Any) -> Any | None:
        if not _holding:
            return None
        found = self.lookup((id(obj),), None)
        return found[1] if found is not None and found[0] is obj else None

    def put(self, obj: Any, value: Any) -> None:
        if _holding:
            self.now[(id(obj),)] = (obj, value)
