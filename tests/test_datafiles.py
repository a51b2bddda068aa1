"""The data exports of a large site, published gzipped (generator/site/datafiles.py, packed.Deferred): where they
go, that the gzip is the same bytes on every build and holds exactly the plain file's text, and that the pages link
the files the site has, in a build and in the `pages` command's folder. The explorer reading claims.json.gz in a
browser is tested in tests/test_browser_explorer.py.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest

from generator.site import datafiles
from generator.site.datafiles import COMPRESS_ENV, compressed, export_paths
from generator.site.packed import Deferred, PackedFile
from tests.test_build_e2e import REPO, run_generator
from tests.test_packed import _config

PLAIN = {"timeline.json": "data/timeline.json", "claims.json": "data/claims.json", "claims.csv": "data/claims.csv"}
GZIPPED = {name: path + ".gz" for name, path in PLAIN.items()}


@pytest.mark.parametrize("articles, setting, expected", [
    (7, None, PLAIN),                       # the demo: plain files a reader opens in the browser
    (datafiles.COMPRESS_FROM - 1, None, PLAIN),
    (datafiles.COMPRESS_FROM, None, GZIPPED),  # from COMPRESS_FROM articles on
    (10_000, None, GZIPPED),
    (7, "5", GZIPPED),                      # TIMELINE_COMPRESS_FROM lowers the threshold (as the tests do)
    (7, "8", PLAIN),
    (7, "0", GZIPPED),
    (7, "many", PLAIN),                     # not a whole number: ignored
    (7, "-1", PLAIN),
])
def test_where_the_exports_go(monkeypatch: pytest.MonkeyPatch, articles: int, setting: str | None,
                              expected: dict[str, str]) -> None:
    if setting is None:
        monkeypatch.delenv(COMPRESS_ENV, raising=False)
    else:
        monkeypatch.setenv(COMPRESS_ENV, setting)
    assert export_paths(articles) == expected
    assert compressed(articles) == (expected is GZIPPED)


TEXT = '{"a":"é, \\n","b":[1,2]}\nline two\n' * 500


def _deferred(gzipped: bool) -> Deferred:
    def write(out: io.TextIOBase) -> None:
        for piece in TEXT.split(","):  # written in pieces, as the exports are
            out.write(piece)
            out.write(",")
    return Deferred(write, gzipped)


def test_a_gzipped_export_is_the_same_bytes_every_time_and_holds_the_text(tmp_path: Path) -> None:
    d = _deferred(True)
    d.write_to(str(tmp_path / "a" / "x.json.gz"))
    d.write_to(str(tmp_path / "b" / "x.json.gz"))
    written = (tmp_path / "a" / "x.json.gz").read_bytes()
    assert written == (tmp_path / "b" / "x.json.gz").read_bytes() == d.data()
    assert written[:2] == b"\x1f\x8b"
    assert written[4:8] == b"\0\0\0\0"  # no time in the header
    assert gzip.decompress(written).decode("utf-8") == d.text() == _deferred(False).text()
    # No file name in the header either: the FNAME flag (bit 3 of byte 3) is clear.
    assert not written[3] & 0x08


def test_a_plain_export_is_unchanged(tmp_path: Path) -> None:
    d = _deferred(False)
    d.write_to(str(tmp_path / "x.json"))
    assert (tmp_path / "x.json").read_bytes() == d.data() == d.text().encode()


def test_mkdocs_reads_a_gzipped_export_as_its_file(tmp_path: Path) -> None:
    f = PackedFile.of(_config(tmp_path / "site"), "data/x.json.gz", _deferred(True))
    assert f.content_bytes == _deferred(True).data()
    assert gzip.decompress(f.content_bytes).decode("utf-8") == f.content_string == _deferred(False).text()
    f.copy_file()
    assert (tmp_path / "site" / "data" / "x.json.gz").read_bytes() == _deferred(True).data()


def _links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]*data/[^"]*)"', page))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo content built twice: as it is (plain exports) and with the threshold at one article (gzipped)."""
    root = tmp_path_factory.mktemp("datafiles")
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        for name, setting in (("plain", "100000"), ("gzipped", "1")):
            mp.setenv(COMPRESS_ENV, setting)
            result = run_generator("build", "--content", "content", "--site-dir", str(root / name))
            assert result.returncode == 0, result.stderr[-3000:]
            out[name] = root / name
        result = run_generator("pages", "--content", "content", "--out", str(root / "pages"))
        assert result.returncode == 0, result.stderr[-3000:]
        out["pages"] = root / "pages"
    return out


def test_a_large_site_publishes_its_exports_gzipped_with_the_same_text(sites: dict[str, Path]) -> None:
    plain, gzipped = sites["plain"] / "data", sites["gzipped"] / "data"
    assert sorted(p.name for p in plain.iterdir()) == ["claims.csv", "claims.json", "timeline.json",
                                                       "timeline.schema.json"]
    assert sorted(p.name for p in gzipped.iterdir()) == ["claims.csv.gz", "claims.json.gz", "timeline.json.gz",
                                                         "timeline.schema.json"]
    for name in datafiles.EXPORTS:
        assert gzip.decompress((gzipped / f"{name}.gz").read_bytes()) == (plain / name).read_bytes(), name
    json.loads(gzip.decompress((gzipped / "timeline.json.gz").read_bytes()))
    # The `pages` command writes the same gzip a build publishes.
    for name in datafiles.EXPORTS:
        assert (sites["pages"] / "data" / f"{name}.gz").read_bytes() == (gzipped / f"{name}.gz").read_bytes()


@pytest.mark.parametrize("page, up", [("index.html", ""), ("claims/index.html", "../")])
def test_the_pages_link_the_exports_the_site_has(sites: dict[str, Path], page: str, up: str) -> None:
    for name in ("plain", "gzipped"):
        site = sites[name]
        links = _links((site / page).read_text(encoding="utf-8"))
        assert links, (name, page)
        for href in links:
            assert href.startswith(up + "data/")
            assert (site / (Path(page).parent / href)).resolve().is_file(), (name, page, href)
        assert all(h.endswith(".gz") for h in links if "schema" not in h) == (name == "gzipped")
    index = (sites["gzipped"] / "index.html").read_text(encoding="utf-8")
    assert "gzip-compressed" in index
    assert "gzip-compressed" not in (sites["plain"] / "index.html").read_text(encoding="utf-8")


def test_the_demo_site_keeps_plain_exports() -> None:
    """The repository's own content is far below the threshold."""
    articles = sum(1 for p in (REPO / "content").iterdir() if p.suffix in (".md", ".txt"))
    assert articles < datafiles.COMPRESS_FROM
