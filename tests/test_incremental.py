"""Incremental builds (generator/site/pagecache.py, generator/site/incremental.py): after any sequence of edits, a
build that reuses cached pages gives the same site, byte for byte and file for file, as a clean build of the same
input with every cache off.

Each case starts from a small synthetic corpus in a project folder of its own (mkdocs.yml, overrides/ and
templates/ copied), builds once to fill the caches, then applies a random sequence of edits (a figure, a title,
an article added or deleted, a template or mkdocs.yml touched) with an incremental build after each, and compares
it with a clean build.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

from benchmarks.make_corpus import write_corpus
from generator import heldfiles
from generator.site import incremental, templatecache
from generator.site.build import build_site
from generator.site.pagecache import KEEP_FINGERPRINTS, PageCache, site_fingerprint
from generator.site.templatecache import TemplateCache

REPO = Path(__file__).resolve().parent.parent
Edit = Callable[[Path, Path, random.Random], None]


def _articles(content: Path) -> list[Path]:
    return sorted(content.glob("*.md"))


def edit_figure(content: Path, project: Path, rng: random.Random) -> None:
    """A figure in the body of one article changes (claims, events, incident pages follow)."""
    path = rng.choice(_articles(content))
    head, sep, body = path.read_text(encoding="utf-8").rpartition("\n---\n")
    body = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 7), body, count=1)
    path.write_text(head + sep + body, encoding="utf-8")


def retitle(content: Path, project: Path, rng: random.Random) -> None:
    path = rng.choice(_articles(content))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: Revised report {rng.randrange(1000)}", text, count=1,
                           flags=re.M), encoding="utf-8")


def add_article(content: Path, project: Path, rng: random.Random) -> None:
    source = rng.choice(_articles(content)).read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: Follow-up {rng.randrange(1000)}", source, count=1, flags=re.M)
    (content / f"added-{rng.randrange(10**6)}.md").write_text(text + "\nOfficials said 3 more were hurt.\n",
                                                                encoding="utf-8")


def delete_article(content: Path, project: Path, rng: random.Random) -> None:
    articles = _articles(content)
    if len(articles) > 3:
        rng.choice(articles).unlink()


def touch_template(content: Path, project: Path, rng: random.Random) -> None:
    """A template edit: every article page changes."""
    path = project / "templates" / "article.md.j2"
    path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- revision {rng.randrange(1000)} -->\n",
                    encoding="utf-8")


def touch_settings(content: Path, project: Path, rng: random.Random) -> None:
    """An mkdocs.yml edit that reaches every page's HTML (the palette): no page may be reused."""
    path = project / "mkdocs.yml"
    colour = rng.choice(["teal", "indigo", "brown"])
    path.write_text(re.sub(r"primary: [a-z ]+", f"primary: {colour}", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


EDITS: list[Edit] = [edit_figure, retitle, add_article, delete_article, touch_template, touch_settings]
REUSES = {edit_figure, retitle, add_article, delete_article}  # edits after which most pages are reused


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", folder / "overrides")
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "content").mkdir()  # mkdocs.yml's docs_dir (the builds here name their own)
    return folder


@pytest.fixture
def reused(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pages each build took from the page cache."""
    counts: list[int] = []
    restore = incremental.IncrementalBuild.restore_site

    def spy(self: incremental.IncrementalBuild, config: object, files: object) -> None:
        counts.append(len(self.reused))
        restore(self, config, files)

    monkeypatch.setattr(incremental.IncrementalBuild, "restore_site", spy)
    return counts


def _build(content: Path, project: Path, site: Path, cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_CACHE", cache)
    code = build_site(content, site, mkdocs_file=project / "mkdocs.yml", templates=project / "templates")
    assert code in (0, 1), f"the build failed with exit code {code}"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.mark.parametrize("seed", [2, 3])  # together: every kind of edit
def test_incremental_build_equals_clean_build(seed: int, project: Path, tmp_path: Path, reused: list[int],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    content = tmp_path / "content"
    write_corpus(6, content, seed=seed)
    cache = str(tmp_path / "cache")
    _build(content, project, tmp_path / "site", cache, monkeypatch)  # fills the caches
    steps = [EDITS[seed % len(EDITS)], *rng.sample(EDITS, 2)]
    for n, edit in enumerate(steps):
        edit(content, project, rng)
        # The same input for the clean build: a build writes content/redirects.yml, which the next one reads.
        clean = tmp_path / f"clean-{n}"
        shutil.copytree(content, clean / "content")
        _build(content, project, tmp_path / "site", cache, monkeypatch)
        taken = reused[-1]
        _build(clean / "content", project, clean / "site", "off", monkeypatch)
        assert _differences(_tree(tmp_path / "site"), _tree(clean / "site")) == [], \
            f"after {[e.__name__ for e in steps[:n + 1]]}"
        if edit in REUSES:
            assert taken > 0, f"{edit.__name__}: no page was reused"
        if edit is touch_settings:
            assert taken == 0, "a page built with the old settings was reused"


@pytest.mark.parametrize("seed, paginate_at", [(4, 300), (5, 3)])
def test_builds_that_hold_what_they_made_equal_clean_builds(seed: int, paginate_at: int, project: Path,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `mkdocs serve` builds: one process holds the last build's objects (generator/heldfiles.py), so unchanged
    articles, incidents' events (generator/events/merge.py) and their digests come from the last build. After any
    sequence of edits to the articles, the site is the clean build's. The clean sites are built first, with
    nothing held (holding is the process's: a clean build run in between would find the held objects). With
    paginate_at 3 the timeline has month pages, kept between builds like the event pages, and the explorer and
    claimant pages hold up to 4 rows (pages that end where a row's id says: generator/site/claims.py, paginate)."""
    monkeypatch.setattr("generator.site.months.PAGINATE_AT", paginate_at)
    monkeypatch.setattr("generator.site.render.PAGINATE_AT", paginate_at)
    monkeypatch.setattr("generator.site.claims.ROWS_PER_PAGE", 4 if paginate_at < 300 else 400)
    rng = random.Random(seed)
    content = tmp_path / "content"
    write_corpus(8, content, seed=seed)
    for n in range(5):
        snapshot = tmp_path / f"state-{n}"
        shutil.copytree(content, snapshot / "input")  # as the held build will find it (the clean one writes to it)
        shutil.copytree(content, snapshot / "content")
        _build(snapshot / "content", project, snapshot / "site", "off", monkeypatch)
        # The clean build wrote redirects.yml: the held build of this state starts from the same content.
        shutil.copy(snapshot / "content" / "redirects.yml", content / "redirects.yml")
        REUSES_IN_ORDER[(n + seed) % len(REUSES_IN_ORDER)](content, project, rng)  # each kind of edit
    work = tmp_path / "work"
    heldfiles.hold()
    try:
        for n in range(5):
            shutil.rmtree(work / "content", ignore_errors=True)
            shutil.copytree(tmp_path / f"state-{n}" / "input", work / "content")
            heldfiles.new_build()
            _build(work / "content", project, work / "site", str(tmp_path / "cache"), monkeypatch)
            assert _differences(_tree(work / "site"), _tree(tmp_path / f"state-{n}" / "site")) == [], f"state {n}"
            assert any((work / "site" / "timeline").glob("20*/index.html")) == (paginate_at < 300)  # month pages
            assert (work / "site" / "claims" / "3" / "index.html").exists() == (paginate_at < 300)  # explorer pages
    finally:
        heldfiles.hold(False)


REUSES_IN_ORDER: list[Edit] = [edit_figure, retitle, add_article, delete_article]


def _config(project: Path) -> object:
    from mkdocs.config import load_config

    return load_config(config_file=str(project / "mkdocs.yml"), hooks=[])  # ours lies in the repository


def _set_site_name(project: Path, config: Any) -> None:
    config["site_name"] = "Another title"


def _set_site_url(project: Path, config: Any) -> None:
    config["site_url"] = "https://example.org/timeline/"


def _edit_override(project: Path, config: Any) -> None:
    path = project / "overrides" / "main.html"
    path.write_text(path.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")


def _change_extension(project: Path, config: Any) -> None:
    config["mdx_configs"]["toc"]["permalink"] = False


@pytest.mark.parametrize("change", [_set_site_name, _set_site_url, _edit_override, _change_extension])
def test_fingerprint_follows_what_reaches_a_page(change: Callable[[Path, Any], None], project: Path) -> None:
    before = site_fingerprint(_config(project))
    config = _config(project)
    assert site_fingerprint(config) == before, "the fingerprint of the same settings changed"
    change(project, config)
    assert site_fingerprint(config) != before


@pytest.mark.parametrize(("nav", "reusable"), [
    ("nav:\n  - Home: index.md\n  - Claims: claims.md\n", True),
    ("nav:\n  - index.md\n  - Claims: claims.md\n", False),  # a title read from a page's Markdown reaches all
    ("nav:\n  - Home: index.md\n  - More:\n      - Sources: sources.md\n", True),
])
def test_pages_are_reused_only_under_a_nav_of_titled_entries(nav: str, reusable: bool, project: Path) -> None:
    path = project / "mkdocs.yml"
    path.write_text(re.sub(r"^nav:\n(  - .*\n)+", nav, path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    assert (site_fingerprint(_config(project)) is not None) == reusable


def test_old_page_folders_are_removed_and_the_extraction_kept(tmp_path: Path) -> None:
    for n, name in enumerate(["extraction-a", "extraction-b", *(f"pages-{n}" for n in range(5))]):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (n, n))
    assert PageCache.open(tmp_path, "f" * 64) is not None
    kept = ["pages-" + "f" * 24, *(f"pages-{n}" for n in range(4, 4 - KEEP_FINGERPRINTS + 1, -1))]
    assert sorted(p.name for p in tmp_path.glob("pages-*")) == sorted(kept)
    assert sorted(p.name for p in tmp_path.glob("extraction-*")) == ["extraction-a", "extraction-b"]


@pytest.mark.parametrize("damage", [None, b"", b"not a compiled template"])
def test_compiled_templates_are_reused_until_the_template_changes(damage: bytes | None, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:
        env = Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=TemplateCache(tmp_path / "cache"))
        return env.get_template("page.j2").render(x=1)

    assert render() == "one 1"
    [stored] = (tmp_path / "cache").rglob("*.cache")
    if damage is not None:  # a file cut short or foreign, and nothing in memory: compiled again
        stored.write_bytes(damage)
        templatecache._MEMORY.clear()
        assert render() == "one 1"
    (folder / "page.j2").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"


def _spoil_spare(spare: Path) -> None:
    """What a spare may hold that the next site must not: a stray file and folder, a page whose bytes differ
    from its cached copy, a theme file cut short, a page gone."""
    (spare / "stray.html").write_text("<p>not made by this build</p>", encoding="utf-8")
    (spare / "old-folder" / "deeper").mkdir(parents=True)
    (spare / "old-folder" / "deeper" / "index.html").write_text("old", encoding="utf-8")
    article = sorted((spare / "articles").glob("*/index.html"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("</h1>", " (stale)</h1>", 1), encoding="utf-8")
    sorted((spare / "events").glob("*/index.html"))[0].unlink()
    (spare / "index.html").write_bytes(b"")
    script = sorted((spare / "assets" / "javascripts").glob("bundle.*.js"))[0]
    script.write_bytes(script.read_bytes()[:100])
    os.utime(script, (2**31, 2**31))  # newer than the theme's own file: MkDocs' dirty mode would keep it


def test_a_spare_site_is_updated_in_place_to_the_clean_build(project: Path, tmp_path: Path, reused: list[int],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site.output import spare_path

    content = tmp_path / "content"
    write_corpus(5, content, seed=4)
    site, cache = tmp_path / "site", str(tmp_path / "cache")
    _build(content, project, site, cache, monkeypatch)
    assert not spare_path(site).exists()  # the first build replaced no site
    _build(content, project, site, cache, monkeypatch)
    assert (spare_path(site) / "index.html").is_file()  # the site it replaced is kept, not deleted
    _spoil_spare(spare_path(site))
    edit_figure(content, project, random.Random(4))
    _build(content, project, site, cache, monkeypatch)
    assert reused[-1] > 0
    shutil.copytree(content, tmp_path / "clean" / "content")
    _build(tmp_path / "clean" / "content", project, tmp_path / "clean" / "site", "off", monkeypatch)
    assert _differences(_tree(site), _tree(tmp_path / "clean" / "site")) == []


def test_a_folder_at_the_spare_name_that_is_not_a_site_is_left_alone(project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site.output import spare_path

    content = tmp_path / "content"
    write_corpus(3, content, seed=5)
    site = tmp_path / "site"
    spare_path(site).mkdir()
    (spare_path(site) / "notes.txt").write_text("mine", encoding="utf-8")
    for _ in range(3):
        _build(content, project, site, str(tmp_path / "cache"), monkeypatch)
    assert [p.name for p in spare_path(site).iterdir()] == ["notes.txt"]
    assert (site / "index.html").is_file()
