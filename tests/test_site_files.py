"""The site's files beyond its pages, built for real: the sitemap and robots.txt with and without a known
address, the link-preview cards, and no path of the build machine anywhere in the site."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
URL = "https://example.github.io/storms/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TEXT_FILES = (".html", ".json", ".csv", ".xml", ".txt", ".md")


def build(content: str | Path, site: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """python -m generator build, without the CI variables that would set the site's address."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "GITHUB_REPOSITORY")}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site-dir",
                             str(site), "--config", str(REPO / "mkdocs.yml")], cwd=cwd, capture_output=True,
                            text=True, timeout=300, env={**env, "PYTHONPATH": str(REPO)})
    assert (site / "index.html").is_file(), result.stderr[-3000:]
    return result


def demo_content(root: Path, name: str, url: str = "") -> Path:
    """A copy of the demo content in root/name, its site.yml given a url when one is asked for."""
    content = root / name
    shutil.copytree(REPO / "content", content)
    if url:
        with (content / "site.yml").open("a", encoding="utf-8") as f:
            f.write(f"url: {url}\n")
    return content


def pages(site: Path) -> list[str]:
    """Every page's address relative to the site (directory pages as the directory), the 404 page and the pages at
    old addresses (redirects) left out."""
    out = []
    for path in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        rel = path.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


@pytest.mark.parametrize("url", ["", URL])
def test_sitemap_robots_and_cards_with_and_without_the_site_s_address(tmp_path: Path, url: str) -> None:
    content = demo_content(tmp_path, "content", url)
    site = tmp_path / "site"
    build(content, site)
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = [e.text for e in ET.fromstring(text).iter(SITEMAP + "loc")]
    assert "None" not in text
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    event = (site / next(p for p in pages(site) if p.startswith("events/")) / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" href="../../feed.xml"' in event
    for card in ("og:title", "og:description", "og:site_name", "og:type", "og:locale", "twitter:card"):
        assert re.search(rf'<meta (?:property|name)="{card}" content="[^"]+">', event), card
    assert "twitter:title" not in event and "twitter:description" not in event  # X reads og:title, og:description
    not_found = (site / "404.html").read_text(encoding="utf-8")
    if url:
        assert sorted(locs) == sorted(URL + p for p in pages(site))  # generated pages too, not only the nav's
        assert robots.endswith(f"Sitemap: {URL}sitemap.xml\n")
        assert f'<meta property="og:url" content="{URL}events/' in event
        assert 'href="/storms/assets/stylesheets/' in not_found and "<base" not in not_found
        assert f"<id>{URL}feed.xml</id>" in (site / "feed.xml").read_text(encoding="utf-8")
    else:
        assert locs == []  # MkDocs lists pages only by their full address; see README, "Feeds and sharing"
        assert "Sitemap" not in robots and "og:url" not in event
        assert 'href="./assets/stylesheets/' in not_found and '<base href="about:blank">' in not_found


def test_no_path_of_the_build_machine_appears_in_the_site(tmp_path: Path) -> None:
    """Built from a content folder given as an absolute path, and as a relative one with ../ from elsewhere:
    no file of either site holds the folder's path or name, the project's or the home folder, or ../ before
    a content file's name."""
    content = demo_content(tmp_path / "deep" / "er", "my-xqcontent")
    (content / "sub").mkdir()
    (content / "sub" / "in-a-sub-folder.md").write_text(
        "---\ntitle: Flood in Kessel\ndate: 2024-05-02\nsource: Vale Herald\n---\n\nThe river authority said "
        "12 people were killed in the flood on Wednesday.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    relative = os.path.relpath(content, elsewhere)
    assert relative.startswith("../")
    sites = [tmp_path / "abs-site", tmp_path / "rel-site"]
    build(content, sites[0])
    build(relative, sites[1], cwd=elsewhere)
    forbidden = [str(content), str(tmp_path), str(REPO), str(Path.home()) + "/", "my-xqcontent", relative]
    for site in sites:
        files = [p for p in site.rglob("*") if p.suffix in TEXT_FILES]
        assert len(files) > 20
        for path in files:
            text = path.read_text(encoding="utf-8")
            found = [f for f in forbidden if f in text]
            assert not found, (path, found)
            assert path.suffix == ".html" or "../" not in text, path  # pages link to each other with ../
        article = (site / "articles").rglob("index.html")
        shown = {m for p in article for m in re.findall(r"File:</strong> <code>([^<]+)</code>", p.read_text("utf-8"))}
        assert "sub/in-a-sub-folder.md" in shown and "military-says-92-militants-killed.md" in shown
        claims_csv = (site / "data" / "claims.csv").read_text("utf-8")
        csv_paths = {row["path"] for row in csv.DictReader(io.StringIO(claims_csv))}
        assert csv_paths and all(not p.startswith(("/", "..")) for p in csv_paths), csv_paths
