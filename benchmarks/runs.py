"""What the benchmarks measure of a command and of a built site: wall time and peak RSS of a subprocess (its
children included), a folder's size and page count. Imported by bench_scale.py and bench_incremental.py.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
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
    """Run the command with its output in `log`: wall time from its start to its exit, and its peak RSS.

    The command runs under a small wrapper process (this file as a script), which starts it, waits for it, and
    reads resource.getrusage(RUSAGE_CHILDREN): on Linux its ru_maxrss is the largest peak of the command and of
    every descendant it waited for (the build's worker pool and Pagefind are waited for). That is the largest
    single process, not the sum of those alive at once. Why a wrapper: a new process's ru_maxrss starts at the
    memory of the process that spawned it (exec records the peak of the memory it replaces, a copy or the very
    memory of the spawner after fork or vfork), so a command spawned straight from a benchmark that holds a few
    hundred MB would report at least that much. The wrapper holds about 10 MB.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    report = log.with_name(log.name + ".rusage.json")
    report.unlink(missing_ok=True)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, __file__, str(report), *command], cwd=cwd, env=dict(env), stdout=out,
                              stderr=subprocess.STDOUT, check=False)
    figures = json.loads(report.read_text(encoding="utf-8"))
    return Run(figures["seconds"], figures["peak_rss"], done.returncode, log)


def _wrap(report: Path, command: list[str]) -> int:
    """The wrapper: run the command, write its wall seconds and peak RSS (bytes; ru_maxrss is in KiB on Linux) to
    `report`, exit with its exit code (128 + the signal's number when a signal ended it, as a shell says)."""
    started = time.perf_counter()
    code = subprocess.run(command, check=False).returncode
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    report.write_text(json.dumps({"seconds": round(seconds, 2), "peak_rss": peak}), encoding="utf-8")
    return code if code >= 0 else 128 - code


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


if __name__ == "__main__":
    sys.exit(_wrap(Path(sys.argv[1]), sys.argv[2:]))
