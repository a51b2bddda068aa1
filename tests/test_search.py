"""The site's search index (generator.site.search): Pagefind over built pages, as the hooks run it.

A few hand-written pages in Material's layout are indexed by the real Pagefind program (pagefind_bin): what a
page's article says is found, what every page repeats (header, navigation, footer) and what the pages mark
data-search-exclude is not; the index is the same bytes twice; Pagefind's unused interfaces are dropped; the
theme's settings file lists no documents. A missing or failing program stops the build with the reason, and
`mkdocs serve` gets the settings file without an index. The browser finds a claimant through this index in
tests/test_browser_site.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from generator.site import search
from generator.site.hooks import TimelinePlugin

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<header class="md-header"><nav>Headerword Home Timeline</nav></header>
<div class="md-sidebar">Sidebarword</div>
<main><article class="md-content__inner md-typeset">
<h1 id="top">{title}<a class="headerlink" href="#top">Pilcrowword</a></h1>
<p>{text}</p>
<div class="tl-lanes-scroll" data-search-exclude="">Laneword</div>
<ul class="tl-sentences"><li>Quotedword (<a href="/">Outlet</a>)</li></ul>
<ul class="tl-articles"><li><a href="/">Listedword</a></li></ul>
<ul class="tl-article-claims"><li><strong>Claimword</strong><blockquote><p>Claimquoteword</p></blockquote></li></ul>
</article></main>
<footer class="md-footer">Footerword</footer>
</body></html>
"""
PAGES = {
    "index.html": ("Home", "Coordinated attacks across the province."),
    "claimants/saima-baloch/index.html": ("Saima Baloch", "Every figure Saima Baloch gave, by event."),
    "events/raid/index.html": ("Balochistan raid", "Police said 33 were killed; Saima Baloch said more &lt;b&gt;x."),
}


# A page whose front matter says `search: exclude: true`, as the hooks write it (the claims explorer's pages).
EXCLUDED = ("claims/index.html", "Claims", "Explorerword: every claim again, listed by date.")


def write_site(root: Path) -> Path:
    for rel, (title, text) in [*PAGES.items(), (EXCLUDED[0], EXCLUDED[1:])]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        html = PAGE.format(title=title, text=text)
        path.write_text(search.mark_unindexed(html, {"search": {"exclude": True}}) if rel == EXCLUDED[0] else html,
                        encoding="utf-8")
    return root


def fragments(site: Path) -> list[dict[str, Any]]:
    """Each indexed page as Pagefind stores it: {url, content, meta, ...} (gzip, after a signature)."""
    out = []
    for path in sorted((site / search.SEARCH_DIR / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        out.append(json.loads(data[len(b"pagefind_dcd"):]))
    return out


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("indexed"))
    search.index_site(site, "en")
    return site


@pytest.mark.parametrize("word, indexed_on", [
    ("Saima Baloch", {"/claimants/saima-baloch/", "/events/raid/"}),  # a claimant's name: their page and more
    ("Coordinated", {"/"}),
    ("Headerword", set()), ("Sidebarword", set()), ("Footerword", set()),  # what every page repeats
    ("Pilcrowword", set()),  # the heading's permalink
    ("Laneword", set()),  # marked data-search-exclude
    ("Explorerword", set()),  # on a page excluded from search
    ("Quotedword", set()), ("Listedword", set()), ("Claimquoteword", set()),  # quoted from the articles' pages
    ("Claimword", {"/", "/claimants/saima-baloch/", "/events/raid/"}),  # a claim's own line is indexed
])
def test_what_is_indexed(indexed: Path, word: str, indexed_on: set[str]) -> None:
    assert {f["url"] for f in fragments(indexed) if word in f["content"]} == indexed_on


@pytest.mark.parametrize(("meta", "marked"), [
    ({"search": {"exclude": True}}, True),
    ({"search": {"exclude": False}}, False), ({"search": {"exclude": "yes"}}, False), ({"search": True}, False),
    ({"title": "Claims"}, False), ({}, False), (None, False),
])
def test_a_page_excluded_from_search_is_marked_for_pagefind(meta: Any, marked: bool) -> None:
    html = search.ROOT_TAG + "<h1>Claims</h1></article>"
    assert (search.mark_unindexed(html, meta) != html) is marked
    if marked:
        assert search.mark_unindexed(html, meta).startswith(search.ROOT_TAG[:-1] + ' data-pagefind-ignore="all">')


def test_titles_and_text_are_stored_as_text(indexed: Path) -> None:
    by_url = {f["url"]: f for f in fragments(indexed)}
    assert set(by_url) == {"/", "/claimants/saima-baloch/", "/events/raid/"}
    assert by_url["/events/raid/"]["meta"]["title"] == "Balochistan raid"
    assert "more <b>x" in by_url["/events/raid/"]["content"]  # the page's escaped text, unescaped: the worker escapes


def test_the_index_is_the_same_bytes_each_time(indexed: Path, tmp_path: Path) -> None:
    again = write_site(tmp_path / "again")
    search.index_site(again, "en")
    assert tree_digest(again / search.SEARCH_DIR) == tree_digest(indexed / search.SEARCH_DIR)


@pytest.mark.parametrize("change", ["edit", "delete", "none"])
def test_an_index_updated_in_place_equals_a_fresh_one(change: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A site updated in place (a spare, generator/site/output.py): Pagefind leaves the files of the old index, and
    prune_index deletes those the new one does not name; with no page changed Pagefind does not run at all."""
    site = write_site(tmp_path / "site")
    search.index_site(site, "en")
    page = site / "events" / "raid" / "index.html"
    if change == "edit":
        page.write_text(page.read_text(encoding="utf-8").replace("33 were", "35 were"), encoding="utf-8")
    elif change == "delete":
        page.unlink()
    else:
        monkeypatch.setattr(search.subprocess, "run", lambda *a, **k: pytest.fail("Pagefind ran again"))
    search.index_site(site, "en")
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(search.SEARCH_DIR))
    monkeypatch.undo()
    search.index_site(fresh, "en")
    assert tree_digest(site) == tree_digest(fresh)


@pytest.mark.parametrize("entry", [None, "not json", '{"languages": {"en": {"hash": "en_0000000"}}}'])
def test_an_index_that_cannot_be_read_is_not_pruned(entry: str | None, indexed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pagefind"
    shutil.copytree(indexed / search.SEARCH_DIR, folder)
    if entry is None:
        (folder / "pagefind-entry.json").unlink()
    else:
        (folder / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    assert search.prune_index(folder) == []


def test_only_what_the_search_box_loads_is_kept(indexed: Path) -> None:
    folder = indexed / search.SEARCH_DIR
    assert (folder / "pagefind.js").is_file() and (folder / "wasm.en.pagefind").is_file()
    assert (folder / "pagefind-entry.json").is_file() and list(folder.glob("index/*.pf_index"))
    assert not [name for name in search.UNUSED if (folder / name).exists()]


def test_the_theme_gets_its_settings_and_no_documents(indexed: Path) -> None:
    settings = json.loads((indexed / search.SETTINGS_FILE).read_text(encoding="utf-8"))
    assert settings["docs"] == [] and settings["config"]["separator"] == search.SEPARATOR
    assert settings["config"]["lang"] == ["en"]


@pytest.mark.parametrize("theme_language, language", [
    ("en", "en"), (None, "en"), ("", "en"), ("pt-BR", "pt"), ("zh_TW", "zh"), ("DE", "de"),
])
def test_index_language(theme_language: str | None, language: str) -> None:
    assert search.index_language(theme_language) == language


def config(site_dir: Path) -> Any:
    return SimpleNamespace(site_dir=str(site_dir), theme={"language": "en"})


@pytest.mark.parametrize("program, reason", [
    ("/nonexistent/pagefind", "could not be started"),
    ("/bin/false", "Pagefind failed (exit 1)"),
])
def test_a_missing_or_failing_pagefind_stops_the_build_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str, reason: str) -> None:
    monkeypatch.setattr(search, "pagefind_program", lambda: Path(program))
    site = write_site(tmp_path / "site")
    with pytest.raises(PluginError, match=r"the search index could not be built: .*" + reason.replace("(", r"\(")
                       .replace(")", r"\)")):
        TimelinePlugin()._index(config(site))
    assert not (site / search.SEARCH_DIR).exists()


def test_serve_writes_the_settings_and_no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve builds into a temporary mkdocs_* folder: no Pagefind there (it would delay the preview)."""
    monkeypatch.setattr(search, "pagefind_program", lambda: pytest.fail("Pagefind ran in serve"))
    with tempfile.TemporaryDirectory(prefix="mkdocs_") as served:
        site = write_site(Path(served))
        TimelinePlugin()._index(config(site))
        assert (site / search.SETTINGS_FILE).is_file() and not (site / search.SEARCH_DIR).exists()


# --- an index in parts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count, most, parts", [(1, 3, 1), (3, 3, 1), (40, 20, 2), (300, 100, 3), (3000, 1000, 3),
                                                 (3001, 1000, 4)])
def test_pages_are_split_into_as_many_parts_as_their_number_needs(count: int, most: int, parts: int) -> None:
    pages = sorted(f"events/e{n}/index.html" for n in range(count))
    split = search.split_pages(pages, most)
    assert len(split) == parts
    assert sorted(p for part in split for p in part) == pages  # each page in exactly one part, in order within it
    assert all(part == sorted(part) for part in split)
    if count >= 1000:
        assert max(map(len, split)) <= most * 1.1  # by a digest: about even


@pytest.mark.parametrize("count, most", [(0, 3), (2, 1), (5, 1)])
def test_no_part_is_empty(count: int, most: int) -> None:
    split = search.split_pages([f"p{n}.html" for n in range(count)], most)
    assert split == [[]] if count == 0 else all(split)


def test_a_page_keeps_its_part_when_others_come_and_go() -> None:
    pages = [f"articles/a{n}/index.html" for n in range(40)]
    before = {p: n for n, part in enumerate(search.split_pages(pages, 10)) for p in part}
    after = {p: n for n, part in enumerate(search.split_pages([*pages[1:], "articles/new/index.html"], 10))
             for p in part}
    assert all(after[p] == before[p] for p in pages[1:])


def part_fragments(site: Path) -> dict[str, str]:
    """{url: content} over the index's parts: pagefind/ and each pagefind/part-<n>/ the settings name."""
    settings = json.loads((site / search.SETTINGS_FILE).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for folder in [site / search.SEARCH_DIR] + [site / search.SEARCH_DIR / p for p in
                                                settings["config"]["pagefind_parts"]]:
        for path in sorted((folder / "fragment").iterdir()):
            data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
            assert data["url"] not in found, data["url"]
            found[data["url"]] = data["content"]
    return found


def test_a_site_indexed_in_parts_finds_what_one_index_finds(indexed: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """One page a part (TIMELINE_SEARCH_PAGES=1): four parts, the first with Pagefind's script and WebAssembly,
    the others without; together they hold the pages one index holds, with the same text."""
    monkeypatch.setenv(search.PART_PAGES_ENV, "1")
    site = write_site(tmp_path / "site")
    search.index_site(site, "en")
    settings = json.loads((site / search.SETTINGS_FILE).read_text(encoding="utf-8"))
    parts = search.split_pages(list(search.site_pages(site)), 1)
    assert len(parts) >= 2 and settings["config"]["pagefind_parts"] == [f"part-{n}/" for n in range(1, len(parts))]
    assert part_fragments(site) == {f["url"]: f["content"] for f in fragments(indexed)}
    assert (site / search.SEARCH_DIR / "pagefind.js").is_file()
    for part in settings["config"]["pagefind_parts"]:
        folder = site / search.SEARCH_DIR / part
        assert (folder / "pagefind-entry.json").is_file() and list(folder.glob("index/*.pf_index"))
        assert not [name for name in search.MERGED_UNUSED + search.UNUSED if (folder / name).exists()]
        assert not list(folder.glob("wasm.*"))
    assert not list(tmp_path.glob(".site.search-*"))  # the folders of linked pages are gone


def test_an_edit_indexes_only_the_part_of_the_page_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(search.PART_PAGES_ENV, "1")
    site = write_site(tmp_path / "site")
    search.index_site(site, "en")
    page = site / "events" / "raid" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("33 were", "35 were"), encoding="utf-8")
    runs: list[list[str]] = []
    real_run = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda command: runs.append(command) or real_run(command))
    search.index_site(site, "en")
    assert len(runs) == 1
    assert "35 were" in part_fragments(site)["/events/raid/"]


def test_parts_updated_in_place_equal_fresh_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer parts than before (a page deleted): the extra part's folder goes, and the result is the same bytes as
    a fresh index of the same pages; back to one part, every part's folder goes."""
    monkeypatch.setenv(search.PART_PAGES_ENV, "1")
    site = write_site(tmp_path / "site")
    search.index_site(site, "en")
    before = len(search.split_pages(list(search.site_pages(site)), 1))
    (site / "events" / "raid" / "index.html").unlink()
    search.index_site(site, "en")
    after = len(search.split_pages(list(search.site_pages(site)), 1))
    assert after < before and not (site / search.SEARCH_DIR / f"part-{before - 1}").exists()
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(search.SEARCH_DIR))
    search.index_site(fresh, "en")
    assert tree_digest(site) == tree_digest(fresh)
    monkeypatch.setenv(search.PART_PAGES_ENV, "100")
    search.index_site(site, "en")
    assert not list((site / search.SEARCH_DIR).glob("part-*"))
    assert json.loads((site / search.SETTINGS_FILE).read_text(encoding="utf-8"))["config"]["pagefind_parts"] == []


@pytest.mark.parametrize("value, most", [("", search.PART_PAGES), ("5", 5), ("0", 1), ("many", search.PART_PAGES)])
def test_pages_per_part(value: str, most: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(search.PART_PAGES_ENV, value)
    assert search.pages_per_part() == most


@pytest.mark.parametrize("count, setting, sizes", [
    (search.WHOLE_PAGES, "", [search.WHOLE_PAGES]),  # the 1,000-article corpus (2,614 pages): one index
    (search.WHOLE_PAGES + 1, "", [search.PART_PAGES] * 2),  # more: parts of at most about PART_PAGES
    (24_000, "", [search.PART_PAGES] * 12),  # 10,000 articles
    (9, "8", [8, 8]),  # the setting is both limits
    (8, "8", [8]),
])
def test_index_parts(count: int, setting: str, sizes: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(search.PART_PAGES_ENV, setting)
    pages = [f"p{n}/index.html" for n in range(count)]
    parts = search.index_parts(pages)
    assert len(parts) == len(sizes) and sorted(p for part in parts for p in part) == sorted(pages)
    assert all(len(part) <= most * 1.2 for part, most in zip(parts, sizes, strict=True))  # by digest: about even
