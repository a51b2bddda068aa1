"""The generated pages held compressed between rendering and MkDocs.

A build renders every page before MkDocs reads the first one, and MkDocs reads them one at a time. Held as text,
the pages of 10,000 articles (24,000 Markdown pages and the data exports) took 430 MiB, the largest part of the
build's peak memory. Held as zlib at its fastest level they take about a sixth of that: a page is compressed once,
when it is drawn, and decompressed when MkDocs reads it (and when a build digests it, for the page cache).

`mkdocs serve` keeps its pages as text (while heldfiles holds): the editor waits on each of its builds, which
compressing and decompressing the pages every save changes would slow, and its memory is not a build's peak. So
a page's text is a `Text`: a str, a Packed, or (the data exports, in every build) a Deferred.

- `Packed`: one text, compressed (bytes, so it pickles and compares as bytes: the render cache keeps pages so).
- `pack`, `unpack`: a text as this build keeps it, and as a str.
- `Pages`: {path: text} whose values are held packed; reading a value gives the str.
- `Deferred`: a data export's text, made only when it is needed: written straight into its file, by the process
  beside MkDocs (generator/site/sidecar.py) or when MkDocs copies it, or made as a str when something reads it.
- `PackedFile`: a MkDocs File whose content is a Packed or a Deferred, made or decompressed only when MkDocs reads
  or copies it.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from mkdocs.structure.files import File

from generator import heldfiles
from generator.site.export import Writable

CHUNK_BYTES = 1 << 18  # a packed file is decompressed in pieces of this many compressed bytes
LEVEL = 1  # zlib's fastest: Markdown of tables and lists compresses about 6x even so, at hundreds of MB a second
GZIP_LEVEL = 6  # a published .gz export (generator/site/datafiles.py): gzip's own default, 10x on the exports


class Packed(bytes):
    """A text as zlib-compressed UTF-8."""

    __slots__ = ()

    @classmethod
    def of(cls, text: str) -> Packed:
        # surrogatepass: a lone surrogate from an article's bytes survives as it would in a str (MkDocs reports it)
        return cls(zlib.compress(text.encode("utf-8", "surrogatepass"), LEVEL))

    def text(self) -> str:
        return zlib.decompress(self).decode("utf-8", "surrogatepass")

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as its bytes (the render cache): no copy of bytes' reduce
        return (Packed, (bytes(self),))


class Deferred:
    """A text made by write(out) when it is needed. The data exports are tens of MB at 10,000 articles: made this
    way, none is held whole as text, and the build's own process need not make them at all (the sidecar writes
    them beside MkDocs: generator/site/sidecar.py). A gzipped one is published as gzip of its text (a .gz file:
    generator/site/datafiles.py)."""

    __slots__ = ("write", "gzipped")

    def __init__(self, write: Callable[[Writable], None], gzipped: bool = False) -> None:
        self.write = write
        self.gzipped = gzipped

    def text(self) -> str:
        out = io.StringIO()
        self.write(out)
        return out.getvalue()

    def data(self) -> bytes:
        """The file's bytes as MkDocs reads them: the text as UTF-8 (a lone surrogate raises, as MkDocs' encoding
        of a str does), or the gzip write_to writes."""
        if not self.gzipped:
            return self.text().encode()
        out = io.BytesIO()
        self._write_gzip(out)
        return out.getvalue()

    def write_to(self, path: str) -> None:
        """Write the text into the file at path, as MkDocs writes a str: UTF-8, the system's newlines; or gzipped."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if self.gzipped:
            with open(path, "wb", buffering=1 << 20) as raw:
                self._write_gzip(raw)
            return
        with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="", buffering=1 << 20) as out:
            self.write(out if os.linesep == "\n" else _Newlines(out, os.linesep))

    def _write_gzip(self, raw: Any) -> None:
        """The text gzipped into raw, the same bytes on every build with the same zlib: no name or time in the
        header (mtime=0), "\n" newlines whatever the system's."""
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0) as z, \
                io.TextIOWrapper(z, encoding="utf-8", errors="surrogatepass", newline="",
                                 write_through=False) as out:
            self.write(out)


class _Newlines:
    """A text stream that writes "\n" as the system's newline (text mode's translation, with os.linesep read at
    the time of writing)."""

    def __init__(self, out: Writable, newline: str) -> None:
        self.out, self.newline = out, newline

    def write(self, text: str) -> int:
        self.out.write(text.replace("\n", self.newline))
        return len(text)


Text = str | Packed | Deferred


def pack(text: Text) -> Text:
    """text as this build holds pages: packed, or a str in `mkdocs serve` (see above). A Packed stays the same
    object, and so does a str in serve (a render cache written by the one is read by the other), and a Deferred."""
    if isinstance(text, Deferred):  # made when it is needed, in any build
        return text
    if heldfiles.holding():
        return unpack(text)
    return text if isinstance(text, Packed) else Packed.of(text)


def unpack(text: Text) -> str:
    return text if isinstance(text, str) else text.text()


class Pages(MutableMapping[str, str]):
    """{relative path: text}, each text held packed (pack). A value set may be a str or a Packed already."""

    def __init__(self, items: Any = ()) -> None:
        self._packed: dict[str, Text] = {}
        self.update(items)

    def __getitem__(self, path: str) -> str:
        return unpack(self._packed[path])

    def __setitem__(self, path: str, text: Text) -> None:
        self._packed[path] = pack(text)

    def put(self, items: Mapping[str, Text]) -> None:
        """update() for texts some of which are packed already (kept as they are)."""
        for path, text in items.items():
            self[path] = text

    def __delitem__(self, path: str) -> None:
        del self._packed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, path: object) -> bool:
        return path in self._packed

    def packed(self, path: str) -> Text:
        """The text as held: a Packed (a str in `mkdocs serve`), or a Deferred."""
        return self._packed[path]

    def __repr__(self) -> str:
        return f"Pages({len(self)} files)"


class PackedFile(File):
    """A generated File whose content is a Packed or a Deferred: MkDocs reads it through content_string and
    content_bytes, and copies it (a data file) through copy_file, each decompressing or making it then; nothing
    keeps the text. A Deferred the sidecar writes (generator/site/sidecar.py) is not written again here."""

    packed: Packed | Deferred | None = None
    elsewhere: bool = False  # written by the sidecar process: copy_file leaves it alone

    @classmethod
    def of(cls, config: Any, src_uri: str, text: Text) -> PackedFile:
        """The File of a generated page or data file (a str: a plain generated File)."""
        f = cls.generated(config, src_uri, content=text if isinstance(text, str) else b"")
        assert isinstance(f, PackedFile)
        if not isinstance(text, str):
            f._content, f.packed = None, text
        return f

    @property
    def deferred(self) -> Deferred | None:
        return self.packed if isinstance(self.packed, Deferred) else None

    @property
    def content_bytes(self) -> bytes:
        if isinstance(self.packed, Deferred):
            return self.packed.data()
        if self.packed is not None:  # as MkDocs encodes a str content (a lone surrogate raises, as it did)
            return self.packed.text().encode()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.packed = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        if self.packed is not None:
            return self.packed.text()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.packed = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def release(self) -> None:
        """The content is no longer needed (written)."""
        self.packed, self._content = None, ""

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file, made or decompressed a piece at a time: `data/timeline.json` of 10,000 articles is 65 MB,
        and 124 MiB as a str (130 MiB more at the build's peak). Newlines as MkDocs writes a str's: the system's."""
        if isinstance(self.packed, Deferred):
            if not self.elsewhere:
                self.packed.write_to(self.abs_dest_path)
            return
        if self.packed is None:
            super().copy_file(dirty)
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        z = zlib.decompressobj()
        newline = os.linesep.encode()
        with open(self.abs_dest_path, "wb") as out:
            for start in range(0, len(self.packed), CHUNK_BYTES):
                piece = z.decompress(self.packed[start:start + CHUNK_BYTES])
                out.write(piece if newline == b"\n" else piece.replace(b"\n", newline))
            rest = z.flush()
            out.write(rest if newline == b"\n" else rest.replace(b"\n", newline))

    def is_modified(self) -> bool:
        return self.packed is not None or super().is_modified()
