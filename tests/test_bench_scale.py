"""benchmarks/bench_scale.py's own parts, without a build or a browser: the table, the ratios, the size of a site,
the peak memory of a command's children, and the MkDocs floor's docs folder and settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from benchmarks import bench_scale
from benchmarks.make_corpus import write_corpus
from benchmarks.runs import site_size, timed_run
from generator.site.generate import generate, read_mkdocs_yml

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (8.0, 80.0, 0.1),
    (104.0, 80.0, 1.3),
    (1.0, 3.0, 0.333),
    (None, 80.0, None),
    (8.0, None, None),
    (8.0, 0.0, None),
])
def test_ratio(part: float | None, whole: float | None, expected: float | None) -> None:
    assert bench_scale.ratio(part, whole) == expected


@pytest.mark.parametrize(("results", "expected"), [
    # sizes as columns in order, each figure in its row's format
    ({10000: {"articles": 10000, "cold_s": 812.25}, 1000: {"articles": 1000, "cold_s": 80.04}},
     ["              1,000 articles  10,000 articles",
      "articles               1,000           10,000",
      "cold build s            80.0            812.2"]),
    # a figure one size lacks prints as "-"; a row no size has is left out (no "warm" row here)
    ({200: {"articles": 200, "edit_over_cold": 0.0712}, 1000: {"articles": 1000}},
     ["                      200 articles  1,000 articles",
      "articles                       200           1,000",
      "edit / cold (<= 10%)          7.1%               -"]),
    ({1000: {"articles": 1000, "cold_over_floor": 1.234, "serve_edit_s": [1.2, 0.9]}},
     ["                       1,000 articles",
      "articles                        1,000",
      "cold / floor (<= 1.3)           1.23x",
      "serve: save to page s      [1.2, 0.9]"]),
])
def test_format_table(results: dict[int, dict[str, object]], expected: list[str]) -> None:
    assert bench_scale.format_table(results).splitlines() == expected


def test_site_size_counts_apparent_bytes_and_html(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_bytes(b"x" * 100)
    (tmp_path / "a" / "b" / "index.html").write_bytes(b"y" * 2500)
    (tmp_path / "a" / "data.csv").write_bytes(b"z" * 7)
    (tmp_path / "a" / "empty.html").write_bytes(b"")
    (tmp_path / "link.html").symlink_to(tmp_path / "a" / "b" / "index.html")  # its own size, not the target's
    size = site_size(tmp_path)
    link = (tmp_path / "link.html").lstat().st_size
    assert (size.files, size.bytes, size.html_pages) == (5, 100 + 2500 + 7 + link, 4)


def test_timed_run_counts_the_memory_of_waited_for_descendants(tmp_path: Path) -> None:
    """A parent that only starts a child which fills 64 MiB: the peak is the child's (the build's Pagefind and
    worker pool are such children)."""
    script = tmp_path / "child.py"
    script.write_text("import subprocess, sys\n"
                      "if len(sys.argv) > 1:\n"
                      "    b = bytearray(64 * 1024 * 1024)\n"
                      "    b[::4096] = b'1' * len(b[::4096])\n"
                      "    sys.exit(3)\n"
                      "sys.exit(subprocess.run([sys.executable, __file__, 'child']).returncode)\n", encoding="utf-8")
    run = timed_run([sys.executable, str(script)], tmp_path, os.environ, tmp_path / "out.log")
    assert run.returncode == 3
    assert run.peak_rss > 64 * 1024 * 1024
    assert run.seconds > 0


def test_timed_run_leaves_out_the_memory_of_the_process_that_starts_it(tmp_path: Path) -> None:
    """A new process's ru_maxrss starts at its spawner's memory: a benchmark holding 256 MiB must not make a small
    command look that large."""
    held = bytearray(256 * 1024 * 1024)
    held[::4096] = b"1" * len(held[::4096])
    run = timed_run([sys.executable, "-c", "pass"], tmp_path, os.environ, tmp_path / "out.log")
    assert run.returncode == 0
    assert run.peak_rss < 128 * 1024 * 1024
    del held


@pytest.mark.parametrize(("code", "expected"), [("sys.exit(0)", 0), ("sys.exit(5)", 5),
                                                ("os.kill(os.getpid(), signal.SIGTERM)", 128 + 15)])
def test_timed_run_gives_the_exit_code_and_the_output(code: str, expected: int, tmp_path: Path) -> None:
    run = timed_run([sys.executable, "-c", f"import os, signal, sys; print('said'); sys.stdout.flush(); {code}"],
                    tmp_path, os.environ, tmp_path / "out.log")
    assert run.returncode == expected
    assert run.tail() == "said\n"


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, int]:
    """The pages of a 3-article corpus as generate() makes them, written by the floor's docs writer."""
    root = tmp_path_factory.mktemp("floor")
    write_corpus(3, root / "content", seed=0)
    _, pages = generate(root / "content", REPO / "mkdocs.yml", REPO / "templates", REPO / "timeline.yml")
    assert pages is not None
    return pages, root / "docs", bench_scale.write_floor_docs(pages, root / "docs")


def test_floor_docs_hold_every_generated_file(floor: tuple[dict[str, str], Path, int]) -> None:
    pages, docs, md_pages = floor
    written = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file()}
    assert written == pages
    assert md_pages == sum(name.endswith(".md") for name in pages)
    assert {"index.md", "timeline.md", "claims.md", "data/claims.csv", "assets/site.css"} <= set(written)
    assert sum(name.startswith("articles/") for name in written) == 3


def test_floor_docs_start_from_an_empty_folder(floor: tuple[dict[str, str], Path, int], tmp_path: Path) -> None:
    pages, _, _ = floor
    (tmp_path / "docs" / "old").mkdir(parents=True)
    (tmp_path / "docs" / "old" / "stale.md").write_text("# left from a larger corpus\n", encoding="utf-8")
    bench_scale.write_floor_docs(pages, tmp_path / "docs")
    assert not (tmp_path / "docs" / "old").exists()


@pytest.mark.parametrize("others", [[], ["/abs/other_hooks.py"]])
def test_floor_config_is_the_project_settings_without_our_hooks(others: list[str], tmp_path: Path) -> None:
    from mkdocs.config import load_config

    original = read_mkdocs_yml(REPO / "mkdocs.yml")
    text = bench_scale.floor_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"), tmp_path / "docs",
                                    REPO / "overrides", others)
    (tmp_path / "docs").mkdir()
    (tmp_path / "floor.yml").write_text(text, encoding="utf-8")
    floor = read_mkdocs_yml(tmp_path / "floor.yml")
    assert floor["hooks"] == others
    assert floor["docs_dir"] == str(tmp_path / "docs")
    assert floor["theme"] == {**original["theme"], "custom_dir": str(REPO / "overrides")}
    assert {k: v for k, v in floor.items() if k not in ("hooks", "docs_dir", "theme")} == \
        {k: v for k, v in original.items() if k not in ("hooks", "docs_dir", "theme")}
    if not others:
        load_config(config_file=str(tmp_path / "floor.yml"))  # MkDocs accepts it as it is


def test_floor_config_refuses_settings_without_hooks(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no hooks list"):
        bench_scale.floor_config("site_name: x\ndocs_dir: content\n", tmp_path, tmp_path, [])


def test_floor_docs_hold_a_large_sites_exports_gzipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The floor builds the files a large site publishes: its data exports gzipped (generator/site/datafiles.py)."""
    import gzip

    monkeypatch.setenv("TIMELINE_COMPRESS_FROM", "1")
    monkeypatch.setenv("TIMELINE_CACHE", "off")
    write_corpus(2, tmp_path / "content", seed=0)
    _, pages = generate(tmp_path / "content", REPO / "mkdocs.yml", REPO / "templates", REPO / "timeline.yml")
    assert pages is not None
    bench_scale.write_floor_docs(pages, tmp_path / "docs")
    data = tmp_path / "docs" / "data"
    assert sorted(p.name for p in data.iterdir()) == ["claims.csv.gz", "claims.json.gz", "timeline.json.gz",
                                                      "timeline.schema.json"]
    assert gzip.decompress((data / "claims.csv.gz").read_bytes()).decode("utf-8") == pages["data/claims.csv.gz"]
