"""The data exports written by a second process while MkDocs builds the pages.

`data/timeline.json`, `data/claims.csv` and `data/claims.json` are made from the Timeline alone: no page, no theme,
nothing MkDocs does changes them. Made in the build's own process they took about 0.6 s of every build at 1,000
articles (0.4 s of each save in `mkdocs serve`), while the second core sat idle: MkDocs converts and renders the
pages on one. So once MkDocs has listed the site's files (on_files, after it has emptied the site folder when it
does), the build forks: the child writes the exports into the site folder and exits; the build goes on with the
pages and waits for the child at the end (on_post_build), before anything reads the site (Pagefind, the swap of the
finished site into place, the preview's reload). A child that fails fails the build with its traceback.

The child is a fork: it starts with the Timeline as it is, and writes the same bytes the build would (the same
functions, generator/site/export.py and claims.py). It freezes the collector's view of everything it inherited, so
a collection in it walks none of the parent's objects (which would copy their memory pages), and leaves by
os._exit: no handler, buffer or temporary folder of the parent's is run, flushed or removed twice.

Where a fork is not safe or not worth it (not Linux, one core, TIMELINE_WORKERS=1, a daemon process) the exports
are written as MkDocs copies the files, in the build's process (PackedFile.copy_file), as before.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import traceback
from collections.abc import Sequence

from generator.site.packed import PackedFile
from generator.workers import may_fork

MESSAGE_BYTES = 8000  # the end of a failing child's traceback, sent back to the build


class SidecarFailed(Exception):
    """The process writing the data exports failed; the message is its traceback or how it ended."""


class Sidecar:
    """A child process writing some of the site's files (PackedFiles whose text is a Deferred)."""

    def __init__(self, pid: int, messages: int, paths: list[str]) -> None:
        self.pid = pid
        self.messages = messages  # the read end of a pipe the child writes a traceback into
        self.paths = paths

    @classmethod
    def start(cls, files: Sequence[PackedFile]) -> Sidecar | None:
        """Fork a child that writes these files; mark them written elsewhere. None (the files left to MkDocs'
        copying) when there are none or this process should not fork."""
        files = [f for f in files if f.deferred is not None]
        if not files or not may_fork() or not sys.platform.startswith("linux"):
            return None
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _write_and_exit(files, write_end)
        os.close(write_end)
        for f in files:
            f.elsewhere = True
        return cls(pid, read_end, [f.dest_uri for f in files])

    def wait(self) -> None:
        """Return once the child has written every file; raise SidecarFailed if it did not."""
        message = _read_all(self.messages)
        _, status = os.waitpid(self.pid, 0)
        if status != 0:
            how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"exit status {os.waitstatus_to_exitcode(status)}")
            said = f":\n{message}" if message else ""
            raise SidecarFailed(f"writing {', '.join(self.paths)} failed ({how}){said}")

    def stop(self) -> None:
        """The build failed: end the child, whatever it was writing (the folder is not published)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.messages)
        os.waitpid(self.pid, 0)


def _write_and_exit(files: Sequence[PackedFile], messages: int) -> None:
    code = 1
    try:
        gc.freeze()  # what the parent had: a collection here walks none of it (its memory pages stay shared)
        for f in files:
            deferred = f.deferred
            assert deferred is not None
            deferred.write_to(f.abs_dest_path)
        code = 0
    except BaseException:  # noqa: BLE001 (whatever it is, the build hears of it, and the child still exits)
        try:
            os.write(messages, traceback.format_exc()[-MESSAGE_BYTES:].encode("utf-8", "replace"))
        except OSError:
            pass
    finally:
        os._exit(code)


def _read_all(fd: int) -> str:
    chunks = []
    try:
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace").strip()
