"""`python -m generator pages --out DIR`: the generated pages on disk, built by Zensical (generator/site/pages.py).

Zensical reads mkdocs.yml but runs no MkDocs hooks: given the project's own mkdocs.yml it would publish the raw
articles. Given the pages folder and the mkdocs.yml that `pages --config-out` writes, it builds the generated site
and nothing of the content folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.site.pages import with_description
from tests.conftest import ArticleWriter

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content's pages in build/pages, its builder config in build/mkdocs.yml, built by Zensical."""
    if ZENSICAL is None:
        pytest.skip("zensical is not installed (it is in requirements-dev.lock: make venv)")
    build = tmp_path_factory.mktemp("zensical") / "build"
    build.mkdir()
    content = build.parent / "content"  # the demo with an editors' review.yml, which must never be published
    shutil.copytree(ROOT / "content", content)
    (content / "review.yml").write_text("# The editors' decisions on claims: none yet.\n", encoding="utf-8")
    env = {**os.environ, "TIMELINE_PARSER": "off"}
    made = subprocess.run([sys.executable, "-m", "generator", "pages", "-q", "--content", str(content),
                           "--out", str(build / "pages"), "--config-out", str(build / "mkdocs.yml")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0 and made.stderr == "", made.stderr
    zensical = subprocess.run([ZENSICAL, "build", "-f", "mkdocs.yml"], cwd=build, capture_output=True, text=True,
                              timeout=300)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    return build


def raw_files(built: Path) -> list[Path]:
    content = built.parent / "content"
    files = [p.relative_to(content) for p in content.rglob("*") if p.is_file()]
    assert Path("review.yml") in files and Path("site.yml") in files
    return files


def test_the_pages_folder_holds_generated_pages_only(built: Path) -> None:
    pages = built / "pages"
    for page in ("index.md", "timeline.md", "claims.md", "sources.md", "report.md", "data/timeline.json",
                 "data/claims.csv", "feed.xml", "assets/site.css", "assets/site.js"):
        assert (pages / page).is_file(), page
    assert list((pages / "events").glob("*.md")) and list((pages / "articles").glob("*.md"))
    written = {p.relative_to(pages) for p in pages.rglob("*") if p.is_file()}
    assert not written & set(raw_files(built))  # no article, review.yml, actors.yml or site.yml copied as it is
    # Each page carries its description (what the hooks' on_page_markdown adds under MkDocs).
    event = next((pages / "events").glob("*.md")).read_text(encoding="utf-8")
    assert yaml.safe_load(event.split("---\n")[1])["description"]


def test_zensical_builds_the_generated_site(built: Path) -> None:
    site = built / "site"
    # an event page (not the redirect page of an event that has none now: generator/events/pages.py)
    event = site / "events" / next((built / "pages" / "events").glob("*.md")).stem / "index.html"
    for page in ("index.html", "timeline/index.html", "claims/index.html", "sources/index.html",
                 "data/timeline.json", "assets/site.css"):
        assert (site / page).is_file(), page
    title = yaml.safe_load((built / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    assert title != "Event timeline" and title in (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description"' in event.read_text(encoding="utf-8")
    # Without the hooks the header's palette toggle, search box and page config are in each page, as the theme
    # writes them, and the template of assets/frame.js is not published (the hooks render it).
    page = event.read_text(encoding="utf-8")
    for part in ('data-md-component="palette"', 'data-md-component="search"', 'id="__config"',
                 "assets/search-worker.js"):
        assert part in page, part
    assert "frame.js" not in page and not list(site.rglob("frame.js*"))


def test_zensical_publishes_none_of_the_raw_content(built: Path) -> None:
    site = built / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    generated = {"robots.txt"}  # the one text file of the site, made by the generator
    assert not {p for p in published - generated if p.endswith((".md", ".txt", ".yml")) or p.startswith(".")}
    raw_names = {p.name for p in raw_files(built)}
    assert not {Path(p).name for p in published} & raw_names


def test_the_builder_config_points_at_the_pages_and_runs_no_hooks(built: Path) -> None:
    config = yaml.safe_load((built / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "pages" and "hooks" not in config
    assert (built / config["theme"]["custom_dir"] / "main.html").is_file()


@pytest.mark.parametrize("text, expected", [
    ("# Home\n", '---\ndescription: "A & B"\n---\n\n# Home\n'),
    ("---\ntitle: X\n---\n\nBody\n", '---\ndescription: "A & B"\ntitle: X\n---\n\nBody\n'),
    ("\n---\ntitle: X\n---\n", '---\ndescription: "A & B"\ntitle: X\n---\n'),
    ("---\ntitle: X\ndescription: own\n---\n", "---\ntitle: X\ndescription: own\n---\n"),
], ids=["no-front-matter", "front-matter", "blank-line-first", "has-one"])
def test_with_description(text: str, expected: str) -> None:
    assert with_description(text, "A & B") == expected


@pytest.fixture
def small(write_article: ArticleWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_PARSER", "off")
    write_article("content/ferry.md", "The ferry from Port Amber sailed again on Monday, the harbour master said.",
                  title="Ferry back in service", date="2026-01-12")
    return tmp_path / "content"


@pytest.mark.parametrize("out, code", [
    ("content", 2),  # the articles themselves
    ("content/pages", 2),  # inside the content folder: the next run would read the pages as articles
    ("notes", 2),  # a folder of someone else's files (no marker)
    ("pages", 0),
], ids=["content", "inside-content", "foreign-folder", "new-folder"])
def test_pages_replaces_only_its_own_folder(small: Path, out: str, code: int) -> None:
    (small.parent / "notes").mkdir()
    (small.parent / "notes" / "keep.txt").write_text("mine\n", encoding="utf-8")
    before = sorted(p.name for p in small.rglob("*"))
    assert main(["pages", "-q", "--content", str(small), "--out", str(small.parent / out)]) == code
    # Written pages record their page names in the content folder's redirects.yml, as a build does; a refused
    # run writes nothing at all.
    kept = ["redirects.yml"] if code == 0 else []
    assert sorted(p.name for p in small.rglob("*")) == sorted([*before, *kept])
    assert (small.parent / "notes" / "keep.txt").read_text(encoding="utf-8") == "mine\n"


def test_pages_replaces_its_earlier_output_whole(small: Path) -> None:
    out = small.parent / "pages"
    assert main(["pages", "-q", "--content", str(small), "--out", str(out)]) == 0
    (out / "stale.md").write_text("# Left over\n", encoding="utf-8")
    assert main(["pages", "-q", "--content", str(small), "--out", str(out)]) == 0
    assert not (out / "stale.md").exists() and (out / "articles" / "ferry-back-in-service.md").is_file()
