"""End to end: the command line builds the demo content into a site with MkDocs (the slow tests)."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from generator.inputs.files import EDITOR_FILES

REPO = Path(__file__).resolve().parent.parent


def run_generator(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env=env)


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def has_figure(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(figure)}(?![\w,]|\.\d)", text) is not None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The repository's content/ copied to a temporary folder and built once for this module."""
    root = tmp_path_factory.mktemp("e2e")
    shutil.copytree(REPO / "content", root / "content")
    result = run_generator("build", "--content", str(root / "content"), "--site-dir", str(root / "site"))
    return root, result


def test_build_makes_the_site(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, result = built
    assert result.returncode == 0, result.stderr
    assert "mkdocs: WARNING" not in result.stderr and "mkdocs: ERROR" not in result.stderr, result.stderr
    assert "MkDocs failed" not in result.stderr
    assert re.search(r"^built .*site: \d+ articles from \d+ files, \d+ events, \d+ claims; 0 errors", result.stderr,
                     re.M), result.stderr
    for line in result.stderr.splitlines():  # every diagnostic in the one format
        if line.startswith(("built ", "mkdocs: ")):
            continue
        assert re.match(r"^.+:\d+: (error|warning|info): .+$", line), line
    site = root / "site"
    for rel in ("index.html", "timeline/index.html", "sources/index.html", "report/index.html",
                "claims/index.html", "claimants/index.html", "claimants/pakistan-military/index.html",
                "data/timeline.json", "data/claims.csv", "data/claims.json", "assets/site.css",
                "assets/site.js", "assets/icons.css"):
        assert (site / rel).is_file(), rel
    assert not list(root.glob(".build-*")), "temporary build folder left behind"
    assert not (root / "site.old").exists()


def test_the_frame_that_needs_javascript_is_one_file(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The palette toggle, the search dialog, the page config and the theme's helpers (__md_scope, __md_get...) are
    written by assets/frame.js, not into every page (overrides/partials/frame.js.html): each page loads it once,
    from its header, by a relative path; and each page links our stylesheet and script once, as one file each."""
    root, _result = built
    site = root / "site"
    frame = (site / "assets" / "frame.js").read_text(encoding="utf-8")
    assert "{%" not in frame and "{{" not in frame  # rendered by MkDocs, not copied
    markup = json.loads(re.search(r'insertAdjacentHTML\("beforebegin", ("(?:[^"\\]|\\.)*")\)', frame).group(1))
    for part in ('data-md-component="palette"', 'id="__palette_0"', 'data-md-component="search"',
                 'data-md-component="search-query"', 'data-md-component="search-result"', 'for="__search"'):
        assert part in markup, part
    assert "  <" not in markup  # the theme's indentation collapsed
    settings = json.loads(re.search(r"var settings = (\{.*\});", frame).group(1))
    assert settings["search"] == "assets/search-worker.js" and settings["features"] == ["navigation.top",
                                                                                        "search.highlight"]
    assert settings["translations"]["search.result.none"] == "No matching documents"
    # The helpers come first, global (a `var` outside the function), scoped to the site's root.
    assert frame.index('var __md_scope=new URL(".", new URL("..", document.currentScript.src)),__md_hash=') < \
        frame.index("(function () {") and "__md_get=" in frame and "__md_set=" in frame
    texts = {page: page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}
    pages = {page: text for page, text in texts.items() if 'data-md-component="header"' in text}
    assert len(pages) > 20  # the theme's pages (not the redirect pages of moved addresses)
    for page, text in pages.items():
        depth = len(page.relative_to(site).parts) - 1
        if page.name == "404.html":
            assert '<script src="./assets/frame.js"></script>' in text  # resolved against the root it finds
        else:
            assert f'<script src="{"../" * depth}assets/frame.js"></script>' in text, page
        for absent in ('id="__config"', 'data-md-component="search"', 'data-md-component="palette"', "__palette",
                       "__md_scope", "assets/extra.css", "assets/timeline.js"):
            assert absent not in text, (page, absent)
        if page.name != "404.html":
            for linked in ("assets/icons.css", "assets/site.css", "assets/site.js"):
                assert text.count(f'"{"../" * depth}{linked}"') == 1, (page, linked)


def test_the_pages_excluded_from_search_are_left_out_of_the_index(
        built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The claims explorer says `search: exclude: true`: Pagefind indexes its claims on their event pages only."""
    site = built[0] / "site"
    marked = 'data-pagefind-ignore="all"'
    assert marked in (site / "claims" / "index.html").read_text(encoding="utf-8")  # the theme's root as we match it
    assert marked not in (site / "claimants" / "index.html").read_text(encoding="utf-8")
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    assert "/claims/" not in urls and "/claimants/" in urls and "/sources/" in urls


def test_main_event_page_shows_the_disputed_figures(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    pages = sorted((root / "site" / "events").glob("2026-01-31-*/index.html"))
    assert len(pages) == 1, pages
    text = visible_text(pages[0].read_text(encoding="utf-8"))
    for figure in ("92", "145", "84"):
        assert has_figure(text, figure), figure
    assert "contested" in text


def test_site_data_matches_the_export_command(built: tuple[Path, subprocess.CompletedProcess[str]],
                                              tmp_path: Path) -> None:
    root, _ = built
    site_json = json.loads((root / "site" / "data" / "timeline.json").read_text(encoding="utf-8"))
    out = tmp_path / "out.json"
    result = run_generator("export", "--content", str(root / "content"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported == site_json
    editor_files = {name for names in EDITOR_FILES for name in names}  # review.yml, actors.yml: not articles
    assert len(exported["articles"]) == len([p for p in (root / "content").iterdir() if p.name not in editor_files])
    events = {e["id"]: e for e in exported["events"]}
    assert any(i.startswith("2026-01-31-") for i in events)
    header = (root / "site" / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("event_id,event_start,event_end,category,quantity")


def test_strict_build_with_a_malformed_article_keeps_the_previous_site(
        built: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    root, first = built
    assert first.returncode == 0
    site = tmp_path / "site"
    shutil.copytree(root / "site", site)
    content = tmp_path / "content"
    shutil.copytree(root / "content", content)
    (content / "broken-front-matter.md").write_text("---\ntitle: [unclosed\n---\ntext\n", encoding="utf-8")
    before = tree_hashes(site)
    assert before

    result = run_generator("build", "--content", str(content), "--site-dir", str(site), "--strict")
    assert result.returncode == 1
    assert re.search(r"broken-front-matter\.md:\d+: error: malformed YAML front matter", result.stderr), \
        result.stderr
    assert tree_hashes(site) == before
    assert not list(tmp_path.glob(".build-*")), "temporary build folder left behind"


def test_export_to_a_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: Ferry sails\ndate: 2026-02-02\n---\n\nAt least 3 people were "
                                  "injured when the ferry hit the quay in Port Amber on Sunday, police said.\n",
                                  encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_generator("export", "--content", str(content), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["title"] for a in data["articles"]] == ["Ferry sails"]
    claims = [c for e in data["events"] for c in e["claims"]]
    assert [(c["category"], c["quantity"], c["qualifier"], c["claimant"]) for c in claims] == [
        ("injured", 3, "at least", "Police")]


def test_export_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "undated.txt").write_text("Ferry news\n\nThe ferry sailed on Sunday.\n", encoding="utf-8")
    assert cli.main(["export", "--content", str(content), "-o", str(tmp_path / "a.json")]) == 0
    assert cli.main(["export", "--content", str(content), "-o", str(tmp_path / "b.json"), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "undated.txt:1: warning:" in err
    assert cli.main(["export", "--content", str(tmp_path / "missing")]) == 2
    assert "content folder not found" in capsys.readouterr().err


def test_export_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: 2026-02-02\n---\n\nText.\n", encoding="utf-8")
    assert cli.main(["export", "--content", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["articles"][0]["title"] == "T"


def test_build_of_a_missing_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "--content", str(tmp_path / "nope"), "--site-dir", str(tmp_path / "site")]) == 2
    assert "content folder not found" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command, expected", [
    ("build", ["--content", "--site-dir", "--strict"]),
    ("export", ["--content", "--output", "--strict"]),
    ("dates", ["--dct"]),
])
def test_help(command: str, expected: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m generator " + command)
    for option in expected:
        assert option in out


def test_help_from_the_command_line() -> None:
    result = run_generator("--help")
    assert result.returncode == 0
    assert all(c in result.stdout for c in ("build", "export", "dates"))


def test_every_local_link_and_asset_exists(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The theme's scripts and stylesheets are published with the generated pages, and no link is dead."""
    root, _ = built
    site = root / "site"
    assert list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert list((site / "assets" / "stylesheets").glob("main.*.min.css"))
    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served from any path, so MkDocs writes its links from the site root
        for ref in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"^(?:[a-z]+:|#|//)", ref):
                continue
            target = (page.parent / ref.split("#", 1)[0].split("?", 1)[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)} links to missing {ref}"
            checked += 1
    assert checked > 100
