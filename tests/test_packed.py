"""The pages held compressed (generator/site/packed.py): every way a page is read gives back its text exactly,
and a long generated page is held in a fraction of its size."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import heldfiles
from generator.site.export import Writable
from generator.site.packed import Deferred, Packed, PackedFile, Pages, pack, unpack
from generator.site.pagecache import page_key

TEXTS = [
    "",
    "# Title\n\nplain ASCII\n",
    "Quetta – 92 militants killed … “quoted” ¶ 中文 🙂\n",
    "a lone surrogate \udc80 from bytes read with surrogateescape",
    "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 5000,
]


@contextmanager
def holding() -> Iterator[None]:
    """As `mkdocs serve` runs its builds."""
    heldfiles.hold()
    try:
        yield
    finally:
        heldfiles.hold(False)


@pytest.mark.parametrize("text", TEXTS)
def test_a_packed_text_reads_back_the_same(text: str) -> None:
    packed = Packed.of(text)
    assert isinstance(pack(text), Packed)
    assert packed.text() == unpack(packed) == text
    assert pack(packed) is packed  # packed once, never again


@pytest.mark.parametrize("text", TEXTS)
def test_pages_give_back_what_was_set(text: str) -> None:
    pages = Pages({"a.md": text})
    pages["b.md"] = Packed.of(text)
    pages.put({"c.md": text, "d.md": Packed.of(text)})
    assert dict(pages) == {"a.md": text, "b.md": text, "c.md": text, "d.md": text}
    assert all(isinstance(pages.packed(p), Packed) for p in pages)
    del pages["a.md"]
    assert "a.md" not in pages and len(pages) == 3 and list(pages) == ["b.md", "c.md", "d.md"]


def test_a_long_generated_page_is_held_in_a_fraction_of_its_size() -> None:
    rows = "".join(f'<tr><td><a href="../../claimants/official-{n}/">Official {n}</a></td><td>{n * 7}</td>'
                   f"<td>contested</td></tr>\n" for n in range(2000))
    pages = Pages({"claims.md": rows})
    assert len(pages.packed("claims.md")) < sys.getsizeof(rows) / 4


def _writes(pieces: list[str]) -> Deferred:
    def write(out: Writable) -> None:
        for piece in pieces:
            out.write(piece)

    return Deferred(write)


@pytest.mark.parametrize("size", [1, 100, 70_000])
def test_a_deferred_export_is_the_text_written(size: int) -> None:
    pieces = [("é" if n % 3 else "x") * (n % 7) + "," for n in range(size // 4 + 1)]
    deferred = _writes(pieces)
    assert deferred.text() == unpack(deferred) == "".join(pieces)
    assert pack(deferred) is deferred  # made when needed, in a build as in `mkdocs serve`
    with holding():
        assert pack(deferred) is deferred
    pages = Pages({"data/x.json": deferred})
    assert pages.packed("data/x.json") is deferred and pages["data/x.json"] == "".join(pieces)


def test_mkdocs_serve_keeps_texts_as_they_are() -> None:
    with holding():
        assert pack("text") == "text" and not isinstance(pack("text"), Packed)
        pages = Pages({"a.md": "A"})
        assert pages.packed("a.md") == "A"


@pytest.mark.parametrize("text", TEXTS[1:3])
def test_a_page_has_one_cache_key_however_it_is_held(text: str) -> None:
    assert page_key("a.md", Packed.of(text), "d") == page_key("a.md", text, "d")
    assert page_key("a.md", Packed.of(text), "d") != page_key("a.md", text + " ", "d")


def _config(site: Path) -> SimpleNamespace:
    return SimpleNamespace(site_dir=str(site), use_directory_urls=True,
                           plugins=SimpleNamespace(_current_plugin=None))


@pytest.mark.parametrize("text", TEXTS[1:3])
def test_a_packed_file_is_read_and_copied_as_its_text(tmp_path: Path, text: str) -> None:
    f = PackedFile.of(_config(tmp_path), "data/x.json", Packed.of(text))
    assert f.content_string == text and f.content_bytes == text.encode("utf-8")
    assert f.is_modified()
    f.copy_file()
    assert (tmp_path / "data" / "x.json").read_bytes() == text.encode("utf-8")
    assert f.packed is not None, "copied, not let go: the hooks let go of what was written"
    f.release()
    assert f.packed is None and f.content_string == ""


def test_setting_a_packed_files_content_replaces_it(tmp_path: Path) -> None:
    f = PackedFile.of(_config(tmp_path), "a.md", Packed.of("old"))
    f.content_string = ""  # as the hooks do once MkDocs has read a page
    assert f.packed is None and f.content_string == "" and f.content_bytes == b""
    g = PackedFile.of(_config(tmp_path), "b.md", Packed.of("old"))
    g.content_bytes = b"new"
    assert g.content_string == "new"
    plain = PackedFile.of(_config(tmp_path), "c.md", "text")  # a str (mkdocs serve): a plain generated File
    assert plain.packed is None and plain.content_string == "text"


def test_the_explorer_data_is_one_claim_a_line() -> None:
    """write_claims_json writes what the explorer reads: JSON, a key a line, each list or table one item a line."""
    from generator.site.claims import _write_block

    out = io.StringIO()
    for value in ([], {}, [1, "a"], {"k": [1, 2]}, iter([{"x": None}]), "text", 3):
        _write_block(out, value)
        out.write("\n")
    assert out.getvalue() == ('[]\n{}\n[\n  1,\n  "a"\n ]\n{\n  "k":[1,2]\n }\n[\n  {"x":null}\n ]\n"text"\n3\n')


@pytest.mark.parametrize("linesep", ["\n", "\r\n"])
def test_a_packed_file_is_written_as_mkdocs_writes_text(tmp_path: Path, linesep: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Decompressed a piece at a time (a text far larger than one piece here), with the system's newlines, as
    MkDocs writes a str (text mode)."""
    import os
    import random

    rng = random.Random(1)
    text = "".join(rng.choice(["é", "a", "\n", "🙂", "xyz "]) for _ in range(3_000_000))
    monkeypatch.setattr(os, "linesep", linesep)
    f = PackedFile.of(_config(tmp_path), "data/big.json", Packed.of(text))
    f.copy_file()
    assert (tmp_path / "data" / "big.json").read_bytes() == text.replace("\n", linesep).encode("utf-8")


@pytest.mark.parametrize("linesep", ["\n", "\r\n"])
def test_a_deferred_file_is_written_as_mkdocs_writes_text(tmp_path: Path, linesep: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs copying a data file whose text is a Deferred writes it straight into the file (the sidecar process
    did not: generator/site/sidecar.py), as a str would be written; one the sidecar wrote is left alone."""
    import os

    text = TEXTS[2] + "line\nline\n" * 1000 + TEXTS[3]
    monkeypatch.setattr(os, "linesep", linesep)
    f = PackedFile.of(_config(tmp_path), "data/x.csv", _writes([text[:10], text[10:]]))
    assert f.deferred is not None and f.is_modified() and f.content_string == text
    f.copy_file()
    assert (tmp_path / "data" / "x.csv").read_bytes() == text.replace("\n", linesep).encode("utf-8", "surrogatepass")
    other = PackedFile.of(_config(tmp_path), "data/y.csv", _writes(["y"]))
    other.elsewhere = True
    other.copy_file()
    assert not (tmp_path / "data" / "y.csv").exists()
    f.release()
    assert f.deferred is None and f.content_string == ""
