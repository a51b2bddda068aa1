"""What the benchmarks measure of a command and of a built site: wall time and peak RSS of a subprocess (its
children included), a folder's size and page count. Imported by bench_scale.py and bench_incremental.py.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One finished command: wall seconds, peak resident memory in bytes, exit code, and the file with its output."""

    seconds: float
    peak_rss: int
    returncode: int
    log: Path

    def tail(self, chars: int = 2000) -> str:
        """The end of the command's output (stdout and stderr together), to say why it failed."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def timed_run(command: Sequence[str], cwd: Path, env: Mapping[str, str], log: Path) -> Run:
    """Run the command with its output in `log`; wall time from start to exit.

    The peak RSS comes from os.wait4 on the child: on Linux its ru_maxrss is the largest of the child's own peak and
    the peaks of every descendant it waited for (the build's worker pool and Pagefind are waited for). It is the
    largest single process, not the sum of processes alive at once. ru_maxrss is in KiB on Linux.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(list(command), cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
    return Run(round(seconds, 2), usage.ru_maxrss * 1024, proc.returncode, log)


@dataclass(frozen=True)
class SiteSize:
    """A folder's files: how many, their apparent bytes (st_size, as `du -sb` counts them, without the folders' own
    entries) and how many are HTML pages."""

    files: int
    bytes: int
    html_pages: int


def site_size(folder: Path) -> SiteSize:
    """Count the files under `folder` (symbolic links are not followed: a link counts as its own size)."""
    files = bytes_ = html = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            files += 1
            bytes_ += path.lstat().st_size
            html += path.suffix == ".html"
    return SiteSize(files, bytes_, html)
