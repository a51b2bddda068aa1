"""The generated pages held compressed between rendering and MkDocs.

A build renders every page before MkDocs reads the first one, and MkDocs reads them one at a time. Held as text,
the pages of 10,000 articles (24,000 Markdown pages and the data exports) took 430 MiB, the largest part of the
build's peak memory. Held as zlib at its fastest level they take about a sixth of that: a page is compressed once,
when it is drawn, and decompressed when MkDocs reads it (and when a build digests it, for the page cache).

`mkdocs serve` keeps its pages as text (while heldfiles holds): the editor waits on each of its builds, which
compressing and decompressing the data exports and the pages every save changes would slow by 0.2 s at 1,000
articles, and its memory is not a build's peak. So a page's text is a `Text`: a str, or a Packed.

- `Packed`: one text, compressed (bytes, so it pickles and compares as bytes: the render cache keeps pages so).
- `pack`, `unpack`: a text as this build keeps it, and as a str.
- `Pages`: {path: text} whose values are held packed; reading a value gives the str.
- `written`, `PackedWriter`: a text written into a stream that compresses as it goes (the data exports).
- `PackedFile`: a MkDocs File whose content is a Packed, decompressed only when MkDocs reads or copies it.
"""

from __future__ import annotations

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


class PackedWriter:
    """A text stream that compresses as it is written: a data export of tens of MB is never held whole as text.
    (Its Packed differs in bytes from Packed.of of the same text, which nothing compares: its text is the same.)"""

    CHUNK = 1 << 16  # texts are encoded and compressed in pieces of about this many characters

    def __init__(self) -> None:
        self._z = zlib.compressobj(LEVEL)
        self._out: list[bytes] = []
        self._pending: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= self.CHUNK:
            self._compress()
        return len(text)

    def _compress(self) -> None:
        self._out.append(self._z.compress("".join(self._pending).encode("utf-8", "surrogatepass")))
        self._pending, self._size = [], 0

    def result(self) -> Packed:
        self._compress()
        self._out.append(self._z.flush())
        return Packed(b"".join(self._out))


Text = str | Packed


def pack(text: Text) -> Text:
    """text as this build holds pages: packed, or a str in `mkdocs serve` (see above). A Packed stays the same
    object, and so does a str in serve (a render cache written by the one is read by the other)."""
    if heldfiles.holding():
        return unpack(text)
    return text if isinstance(text, Packed) else Packed.of(text)


def unpack(text: Text) -> str:
    return text.text() if isinstance(text, Packed) else text


def written(write: Callable[[Writable], None]) -> Text:
    """What write(out) writes, held as pack() holds it, and never whole as text in a build: compressed as it is
    written (PackedWriter); in `mkdocs serve`, through StringIO's own write (no Python call per piece)."""
    if heldfiles.holding():
        text = io.StringIO()
        write(text)
        return text.getvalue()
    out = PackedWriter()
    write(out)
    return out.result()


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
        """The text as held: a Packed (a str in `mkdocs serve`)."""
        return self._packed[path]

    def __repr__(self) -> str:
        return f"Pages({len(self)} files)"


class PackedFile(File):
    """A generated File whose content is a Packed: MkDocs reads it through content_string and content_bytes, and
    copies it (a data file) through copy_file, each decompressing it then; nothing keeps the text."""

    packed: Packed | None = None

    @classmethod
    def of(cls, config: Any, src_uri: str, text: Text) -> PackedFile:
        """The File of a generated page or data file (a str: a plain generated File)."""
        f = cls.generated(config, src_uri, content=text if isinstance(text, str) else b"")
        assert isinstance(f, PackedFile)
        if isinstance(text, Packed):
            f._content, f.packed = None, text
        return f

    @property
    def content_bytes(self) -> bytes:
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
        """Write the file, decompressed a piece at a time: `data/timeline.json` of 10,000 articles is 65 MB, and
        124 MiB as a str (130 MiB more at the build's peak). Newlines as MkDocs writes a str's: the system's."""
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
