"""Compiled Jinja templates kept between builds: ours (generator/site/render.py) and the theme's (the MkDocs hooks).

Jinja compiles every template of a new Environment again, and each build makes new ones (MkDocs reloads its
config, and with it the theme, at every save in `mkdocs serve`): some 50 templates, seconds of a rebuild that
changed one article. Jinja's bytecode cache takes the compiled code instead, found by the template's name and
file and used only when the checksum of its source is the one it was compiled from, so an edited template is
compiled again. The code is kept in memory for the process (serve) and in .cache/templates/ across processes;
a file there that cannot be read is compiled again, and files are written whole (temporary file, then rename).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from generator.atomic import write_whole

_MEMORY: dict[str, bytes] = {}  # cache key -> the bucket as bytes, for the whole process


class TemplateCache(BytecodeCache):
    """Compiled templates in memory and, when given a folder, on disk."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / f"templates-py{sys.version_info[0]}{sys.version_info[1]}" if folder else None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _MEMORY.get(bucket.key)
        if data is None and self.folder is not None:
            with contextlib.suppress(OSError):
                data = (self.folder / f"{bucket.key}.cache").read_bytes()
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)  # checks Jinja's magic and the source checksum
        except (EOFError, ValueError, TypeError):  # cut short or from another version: compile again
            bucket.reset()
            return
        _MEMORY[bucket.key] = data

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        _MEMORY[bucket.key] = data
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(self.folder / f"{bucket.key}.cache", data)
