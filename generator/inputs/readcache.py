"""The cache of reading: each article file's bytes -> the Article and diagnostics parse_article made of them.

Reading is pure (generator/inputs/reader.py: parse_article is a function of the bytes, the file's names and the
settings), and its front matter is YAML read by a pure-Python parser twice (once for the values, once for their
lines): a few milliseconds per file, seconds per 1,000 articles on every rebuild. A rebuild after one edit reads
every file's bytes again (cheap) but parses only the changed ones.

An entry's key hashes the file's bytes, its path and names, every setting and the source of the whole generator
package (any code change reads everything again). The entries of one build are one file,
`read-<FORMAT>.pickle` in the cache folder (generator/cache.py: `.cache/` beside mkdocs.yml, TIMELINE_CACHE),
rewritten whole after a build that parsed anything, with the entries that build used. Pickle, because the Articles
are nested frozen dataclasses; the folder is the project's own, as trusted as its code. A file that cannot be
read or unpickled is ignored (every article is parsed again).
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

from generator import heldfiles
from generator.config import Config
from generator.models import Article, Diagnostic

FORMAT = 1  # raise when what an entry holds changes shape
PACKAGE = Path(__file__).resolve().parent.parent
Parsed = tuple[Article | None, list[Diagnostic]]


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """A hash of every source and data file of the generator package, read once per process."""
    digest = hashlib.blake2b(digest_size=16)
    for f in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".yml", ".yaml") and p.is_file()):
        digest.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


class ReadCache:
    """The parsed articles of the last build, and those of this one."""

    def __init__(self, path: Path | None, config: Config) -> None:
        self.path = path
        settings = repr([(f.name, getattr(config, f.name)) for f in fields(config) if f.name != "cache_dir"])
        self.prefix = f"{FORMAT}\0{package_version()}\0{settings}\0".encode()
        self.old: dict[str, Parsed] = heldfiles.load_dict(path)
        self.used: dict[str, Parsed] = {}
        self.parsed = 0  # entries this build made

    @classmethod
    def open(cls, config: Config) -> ReadCache:
        """The cache in config.cache_dir; without one (caching off) it only passes through."""
        folder = config.cache_dir
        return cls(folder / f"read-{FORMAT}.pickle" if folder is not None else None, config)

    def key(self, raw: bytes, *names: str) -> str:
        digest = hashlib.blake2b(self.prefix, digest_size=20)
        for name in names:
            digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def seen(self, path: Path, st: os.stat_result, names: tuple[str, ...]) -> Parsed | None:
        """While heldfiles holds (`mkdocs serve`): what the file parsed to when this process last read it, if it
        has the same identity (device, inode, size, modification time) and names, under the same settings and
        code. A rebuild then need not read and hash every article again."""
        mark = heldfiles.entry(f"read\0{path}")
        if mark is None or mark[0] != heldfiles.identity_of(st) or mark[1] != names or mark[2] != self.prefix:
            return None
        return self.get(mark[3])

    def get(self, key: str) -> Parsed | None:
        found = self.old.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, parsed: Parsed) -> None:
        self.used[key] = parsed
        self.parsed += 1

    def save(self) -> None:
        """Keep this build's entries, when it parsed anything or dropped entries; a cache that cannot be written
        is skipped."""
        if self.path is None or (not self.parsed and len(self.used) == len(self.old)):
            return
        heldfiles.later(self._write)  # `mkdocs serve`: once the page is served

    def _write(self) -> None:
        assert self.path is not None
        heldfiles.write_pickled(self.path, self.used)


def cached_parse(cache: ReadCache, raw: bytes, names: tuple[str, ...], parse: Any,
                 read: tuple[Path, os.stat_result]) -> Parsed:
    """parse() of the file, or what an earlier build's parse of the same bytes and names gave. read: the file and
    its identity before it was read, noted for ReadCache.seen."""
    key = cache.key(raw, *names)
    heldfiles.keep_entry(f"read\0{read[0]}", (heldfiles.identity_of(read[1]), names, cache.prefix, key))
    found = cache.get(key)
    if found is not None:
        return found
    parsed: Parsed = parse()
    cache.put(key, parsed)
    return parsed
