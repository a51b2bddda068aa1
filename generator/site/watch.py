"""How `mkdocs serve` notices that an editor saved an article, a template or the settings.

MkDocs watches with watchdog's PollingObserver: every half second it lists and stats every file under each folder
it watches. For a content folder of 1,000 articles that took about 9% of a core, all the time, GIL included, so
also from the rebuild while it ran; and a save waited for the next poll, 0.25 s on average, before its rebuild
began. The articles, the templates and timeline.yml are watched with the system's file events instead (watchdog's
Observer: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), which tell of a save at once and
cost nothing between saves. They wake MkDocs' rebuild exactly as its own watcher does.

File events do not cross every boundary (a folder shared from another machine, some container mounts). There,
TIMELINE_WATCH=poll keeps MkDocs' polling for everything. MkDocs' polling is kept too when its server lacks the
rebuild switch this sets (another MkDocs version), or when the system refuses the watches (inotify's limit).

What a build writes into the watched folders itself (content/redirects.yml, the page names it keeps) is no change:
the build says what it writes (writing()), and an event on that file wakes a rebuild only if, once the write is
over, the file holds something else. MkDocs' polling rebuilt once more after every such write.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

WATCH_ENV = "TIMELINE_WATCH"
# What a save, a rename, a new file, a deletion or a touch makes; not the opening and closing of files that every build
# reads (inotify reports those too: they would set off a rebuild after every rebuild).
CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed", "attrib"})

log = logging.getLogger("mkdocs.plugins.timeline")


def polling_wanted(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    return env.get(WATCH_ENV, "").strip().lower() == "poll"


def can_wake(server: Any) -> bool:
    """Whether the server has the switch MkDocs' own watcher sets to ask for a rebuild."""
    return hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def wake(server: Any) -> None:
    """Ask for a rebuild, as MkDocs' LiveReloadServer.watch() callback does."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


SETTLE_SECONDS = 0.2  # a file the build writes itself is compared once its write is surely over
_own: dict[str, bytes] = {}  # files the build writes itself -> a digest of what it writes


def writing(path: Path, data: bytes) -> None:
    """The build is about to write data to path itself (content/redirects.yml, the page names it keeps): the events
    of that write are no change (they would set off a second build that finds nothing new); the file holding
    anything else later is."""
    _own[os.path.abspath(path)] = hashlib.blake2b(data, digest_size=16).digest()


def as_written(path: str) -> bool:
    """Whether path holds what the build wrote there (writing())."""
    wanted = _own.get(os.path.abspath(path))
    try:
        return wanted is not None and hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest() == wanted
    except OSError:
        return False


def own_file(event: Any) -> bool:
    """An event on a file the build writes itself (checked SETTLE_SECONDS later: the write may be under way)."""
    return not event.is_directory and os.path.abspath(event.src_path) in _own and not getattr(event, "dest_path", "")


def is_change(event: Any, files: frozenset[str] | None) -> bool:
    """A change worth a rebuild: not a file merely opened or read, nor a folder's "modified" (each file created,
    deleted or renamed in it has its own event); with files, one of those paths (either end of a rename, as editors
    save by renaming a temporary file)."""
    if event.event_type not in CHANGES or (event.is_directory and event.event_type == "modified"):
        return False
    if files is None:
        return True
    ends = {os.path.abspath(event.src_path), os.path.abspath(getattr(event, "dest_path", "") or event.src_path)}
    return bool(ends & files)


def watch(server: Any, folders: list[Path], files: list[Path]) -> Any | None:
    """Watch the folders (recursively) and the files for `mkdocs serve`. Returns the Observer started, or None when
    MkDocs' polling watches them (TIMELINE_WATCH=poll, or file events are not available here)."""
    if polling_wanted() or not can_wake(server):
        _poll(server, folders, files)
        return None
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Wake(FileSystemEventHandler):
        def __init__(self, only: frozenset[str] | None) -> None:
            self.only = only

        def on_any_event(self, event: Any) -> None:
            if not is_change(event, self.only):
                return
            if own_file(event):
                path = event.src_path
                later = threading.Timer(SETTLE_SECONDS, lambda: None if as_written(path) else wake(server))
                later.daemon = True
                later.start()
                return
            log.debug(f"timeline: {event.event_type}: {event.src_path}")
            wake(server)

    observer = Observer()
    try:
        for folder in folders:
            observer.schedule(Wake(None), str(folder), recursive=True)
        # A file is watched through its folder (a save may replace the file), for its own path only.
        by_folder: dict[Path, set[str]] = {}
        for f in files:
            by_folder.setdefault(f.parent, set()).add(os.path.abspath(f))
        for folder, names in sorted(by_folder.items()):
            observer.schedule(Wake(frozenset(names)), str(folder), recursive=False)
        observer.daemon = True
        observer.start()
    except Exception as exc:  # noqa: BLE001 (inotify's watch limit, a folder gone: MkDocs' polling still works)
        log.info(f"timeline: file events unavailable ({type(exc).__name__}: {exc}); polling for changes")
        _poll(server, folders, files)
        return None
    return observer


def _poll(server: Any, folders: list[Path], files: list[Path]) -> None:
    for path in [*folders, *files]:
        server.watch(str(path))
