"""The output I/O edge: the site folder is ours or untouched.

- A site this tool builds holds a marker file (MARKER). An existing folder is replaced only when it holds
  the marker, is empty, or does not exist; a folder that is, or contains, the content folder, the project,
  a git work tree, the user's home or `/`, or that is not a folder at all, is refused (`OutputRefused`).
- The new site is written beside the old one, in a work folder `.build-<site>-*` of the same parent, and
  swapped in with one atomic exchange (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), so
  at every instant the site's path holds either the old site or the new one.
- A lock file `.<site>.lock` beside the site makes a second build wait for the first.
- Work folders left by a killed build hold a marker too and are removed by the next build.
- The site the swap replaced is kept as a spare, `.<site>.spare` beside it, instead of being deleted: the next
  build updates the spare by its differences (MkDocs' dirty mode, generator/site/incremental.py) and swaps it in.
  Deleting and writing every file of a large site again is what made rebuilds slow, not building the pages.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MARKER = ".timeline-site"
WORK_MARKER = ".timeline-build"
MARKER_TEXT = ("This folder is a site built by timeline-generator. The next build replaces it as a whole:\n"
               "do not keep anything else in it.\n")
LOCK_WAIT_SECONDS = 600.0


class OutputRefused(Exception):
    """The site folder given cannot be (re)placed safely; the message says why."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _within(inner: Path, outer: Path) -> bool:
    """inner is outer or lies under it (both real paths)."""
    return inner == outer or outer in inner.parents


def _git_inside(folder: Path) -> Path | None:
    """A `.git` in the folder or anywhere under it (not following links), else None."""
    for top, dirs, files in os.walk(folder):
        if ".git" in dirs or ".git" in files:
            return Path(top) / ".git"
    return None


def check_site_dir(site_dir: Path, content: Path, project: Path) -> None:
    """Raise OutputRefused unless site_dir may be replaced by a new site."""
    shown = str(site_dir) or "''"
    if str(site_dir).strip() == "":
        raise OutputRefused("the site folder is empty text ('' is the working directory); give a folder name")
    if os.path.lexists(site_dir) and os.path.islink(site_dir):
        raise OutputRefused(f"{shown} is a symbolic link; give the folder itself")
    if os.path.lexists(site_dir) and not os.path.isdir(site_dir):
        raise OutputRefused(f"{shown} exists and is not a folder")
    target = _real(site_dir)
    guarded = [(Path("/"), "the root folder /"), (_real(Path.home()), "your home folder"),
               (_real(content), "the content folder"), (_real(project), "the project folder")]
    for place, name in guarded:
        if _within(place, target):
            what = "is" if place == target else "contains"
            raise OutputRefused(f"{shown} {what} {name}; the build replaces its site folder as a whole")
    if _within(target, _real(content)):
        raise OutputRefused(f"{shown} is inside the content folder; the next build would read the site as articles")
    if not target.exists():
        return
    if not (target / MARKER).is_file():
        with os.scandir(target) as entries:
            if any(True for _ in entries):
                raise OutputRefused(f"{shown} is not empty and holds no {MARKER} marker, so it is not a site this "
                                    "tool built; move it away or choose another --site-dir (a site built by an "
                                    "older version has no marker: delete it once)")
    git = _git_inside(target)
    if git is not None:
        raise OutputRefused(f"{shown} contains a git work tree ({git}); the build would delete it")


def write_marker(site: Path) -> None:
    """Mark a folder as a site of this tool, so that the next build may replace it."""
    site.mkdir(parents=True, exist_ok=True)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextlib.contextmanager
def site_lock(site_dir: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site; a second build waits up to `wait` seconds, then fails clearly."""
    import fcntl

    lock = site_dir.parent / f".{site_dir.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of {site_dir.name} to finish ...", file=sys.stderr)
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise OutputRefused(f"another build has held {lock.name} for {wait:.0f} s; "
                                            "try again when it has finished") from None
                    time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale_work(site_dir: Path) -> list[Path]:
    """Delete work folders of killed builds (`.build-<site>-*` holding the work marker); call under the lock."""
    removed = []
    for entry in sorted(site_dir.parent.glob(f".build-{site_dir.name}-*")):
        if entry.is_dir() and not entry.is_symlink() and (entry / WORK_MARKER).is_file():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def make_work_dir(site_dir: Path) -> Path:
    """A fresh folder beside the site (same file system, so the swap is a rename), marked as ours."""
    work = Path(tempfile.mkdtemp(prefix=f".build-{site_dir.name}-", dir=site_dir.parent))
    (work / WORK_MARKER).write_text("timeline-generator work folder; removed by the next build\n", encoding="utf-8")
    return work


def spare_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.spare")


def take_spare(site_dir: Path, into: Path) -> bool:
    """Move the spare (the site a previous build replaced) to `into`, the work site a build updates in place;
    False when there is none, or it is not a site of ours (then `into` is left for a fresh build)."""
    spare = spare_path(site_dir)
    if spare.is_symlink() or not spare.is_dir() or not (spare / MARKER).is_file():
        return False
    os.rename(spare, into)
    return True


def keep_spare(old: Path, site_dir: Path) -> None:
    """Keep the replaced site as the next build's spare; a folder at that name that is not ours stays, and the
    replaced site is deleted instead."""
    spare = spare_path(site_dir)
    if os.path.lexists(spare):
        if spare.is_symlink() or not (spare / MARKER).is_file():
            shutil.rmtree(old, ignore_errors=True)
            return
        shutil.rmtree(spare, ignore_errors=True)
    os.rename(old, spare)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system offers no such call."""
    libc = ctypes.CDLL(None, use_errno=True)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap)
    else:
        return False
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system without exchange (some network file systems)
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new: Path, target: Path) -> Path | None:
    """Put the folder `new` at `target`; return where the old site went (to be deleted), or None.

    With an existing target the two are exchanged atomically. Without exchange support the fallback is two
    renames through a hidden name, which leaves a moment without a site: said on stderr.
    """
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    print(f"note: this file system cannot swap folders atomically; {target.name} is replaced in two steps",
          file=sys.stderr)
    old = new.with_name(new.name + "-old")
    os.rename(target, old)
    os.rename(new, target)
    return old


def is_serve_dir(site_dir: Path) -> bool:
    """Whether site_dir is the folder `mkdocs serve` builds into: a fresh temporary one of its own (only a real
    site folder needs check_site_dir)."""
    return site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir())
