"""Files written whole or not at all (a reader never sees half a file): the caches of pages and templates, the
export's --output and review.yml."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_whole(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside path (in a folder that exists), then rename it over path."""
    write_whole_with(path, lambda out: out.write(data))


def write_whole_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """write_whole for a writer that streams into the file (a large pickle need not be held as bytes first)."""
    fd, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
