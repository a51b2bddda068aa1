"""The issue 15 figures for several corpus sizes side by side: builds, memory, site size, search, the MkDocs floor.

Usage: python benchmarks/bench_scale.py [--sizes 1000,10000] [--serve-size 1000] [--edits 3]
                                        [--skip-search] [--skip-serve] [--skip-floor]

For each size: the synthetic corpus (make_corpus.py, seed 0) copied to benchmarks/out/scale-N/content, with an
extraction and page cache of its own (TIMELINE_CACHE=benchmarks/out/scale-N/cache, empty at the start), then

- builds, each `python -m generator build` in a subprocess (wall time, peak RSS with its children): **cold** (empty
  caches, no site folder yet), **warm** twice (no change; the first has no spare site to update yet, the second
  has, as an editor's rebuilds do), **edit** (a sentence with a new figure appended to one
  article), and edit / cold (the issue: at most 10%);
- the site: its files' bytes (like `du -sb`), HTML pages; the bytes a first search downloads (bench_search.py's
  first_search: headless Chromium types the top claimant in the search box);
- the MkDocs floor: the pages generate() makes (Markdown pages and data files) written into a docs folder and
  built by a plain `mkdocs build` with mkdocs.yml's theme, extensions and overrides but without our hooks (no
  page cache, no raw-block passthrough, no Pagefind); wall time and cold / floor (the issue: at most 1.3);
- for --serve-size only: `mkdocs serve --dirty` and the time from saving an article to its changed page
  (bench_incremental.py's measure_serve).

Prints a table with the sizes as columns and writes benchmarks/out/bench-<sizes>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_incremental  # noqa: E402
from bench_build import parse_sizes  # noqa: E402
from bench_grouping import corpus_of  # noqa: E402
from bench_search import first_search, top_claimant  # noqa: E402
from runs import Run, site_size, timed_run  # noqa: E402

from generator.site.packed import Deferred  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
MIB = 1024 * 1024
KEY_MS = 200  # bench_search.py's default typing speed: the box looks up the whole query once

# The printed table: (label, key in a size's results, format). A missing figure prints as "-".
ROWS = [
    ("articles", "articles", "{:,}"),
    ("cold build s", "cold_s", "{:.1f}"),
    ("warm build s (no change, no spare site yet)", "warm_s", "{:.1f}"),
    ("warm build s (no change, spare site in place)", "warm2_s", "{:.1f}"),
    ("edit build s (one article)", "edit_s", "{:.1f}"),
    ("edit / cold (<= 10%)", "edit_over_cold", "{:.1%}"),
    ("peak RSS cold MiB", "cold_rss_mib", "{:,.0f}"),
    ("peak RSS warm MiB", "warm_rss_mib", "{:,.0f}"),
    ("peak RSS warm (spare) MiB", "warm2_rss_mib", "{:,.0f}"),
    ("peak RSS edit MiB", "edit_rss_mib", "{:,.0f}"),
    ("site MB (10^6 bytes)", "site_mb", "{:,.1f}"),
    ("site files", "site_files", "{:,}"),
    ("HTML pages", "html_pages", "{:,}"),
    ("first search KB", "search_kb", "{:,.0f}"),
    ("MkDocs floor s", "floor_s", "{:.1f}"),
    ("cold / floor (<= 1.3)", "cold_over_floor", "{:.2f}x"),
    ("peak RSS floor MiB", "floor_rss_mib", "{:,.0f}"),
    ("floor, raw blocks passed through s", "floor_passthrough_s", "{:.1f}"),
    ("cold / that floor", "cold_over_floor_passthrough", "{:.2f}x"),
    ("serve: first build s", "serve_first_build_s", "{:.1f}"),
    ("serve: save to page s", "serve_edit_s", "{}"),
]


def ratio(part: float | None, whole: float | None) -> float | None:
    """part / whole, rounded; None when either is missing or the whole is zero."""
    if part is None or not whole:
        return None
    return round(part / whole, 3)


def format_table(results: dict[int, dict[str, Any]]) -> str:
    """The rows that any size has, the sizes as columns, right-aligned."""
    sizes = sorted(results)
    cells = [["", *(f"{n:,} articles" for n in sizes)]]
    for label, key, fmt in ROWS:
        if all(results[n].get(key) is None for n in sizes):
            continue
        cells.append([label, *("-" if results[n].get(key) is None else fmt.format(results[n][key]) for n in sizes)])
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = ["  ".join([row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))])
             for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def write_floor_docs(pages: Any, docs: Path) -> int:
    """Write the generated pages and data files (paths as MkDocs would find them in docs_dir) into a fresh `docs`
    folder, a data export as the build writes it (gzipped on a large site); the number of Markdown pages."""
    shutil.rmtree(docs, ignore_errors=True)
    for name in sorted(pages):
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        held = pages.packed(name) if hasattr(pages, "packed") else None
        if isinstance(held, Deferred):
            held.write_to(str(path))
        else:
            path.write_text(pages[name], encoding="utf-8")
    return sum(name.endswith(".md") for name in pages)


def floor_config(mkdocs_text: str, docs: Path, overrides: Path, other_hooks: list[str]) -> str:
    """The project's mkdocs.yml for a plain build of `docs`: the same theme, extensions and overrides, without our
    hooks (any other hooks kept, as `python -m generator build` keeps them)."""
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {docs}", mkdocs_text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*$", f"  custom_dir: {overrides}", text, flags=re.M)
    hooks = "".join(f"\n  - {h}" for h in other_hooks) if other_hooks else " []"
    text, found = re.subn(r"^hooks:(\n  - .*)+", f"hooks:{hooks}", text, flags=re.M)
    if not found:
        raise ValueError("mkdocs.yml has no hooks list: the floor would not differ from the build")
    return text


def build_env(work: Path) -> dict[str, str]:
    return {**os.environ, "TIMELINE_CACHE": str(work / "cache")}


def generator_build(work: Path, step: str) -> Run:
    """`python -m generator build` of the size's content into its site folder (exit 1 is content errors: built)."""
    run = timed_run([sys.executable, "-m", "generator", "build", "--content", str(work / "content"), "--site-dir",
                     str(work / "site")], ROOT, build_env(work), work / f"{step}.log")
    if run.returncode not in (0, 1):
        sys.exit(f"{step} build failed ({run.returncode}):\n{run.tail()}")
    return run


# The builds in turn. "warm" is the first rebuild: the site folder is there but no spare yet (the site a build
# replaces is kept as .<site>.spare and updated in place by the next build: generator/site/output.py), so it writes
# every file and runs Pagefind. "warm2" has the spare, as an editor's rebuilds do; so has "edit".
BUILDS = ("cold", "warm", "warm2", "edit")


def measure_builds(work: Path) -> dict[str, Any]:
    """Cold, warm twice, then after one article was edited; each as wall seconds and peak RSS."""
    out: dict[str, Any] = {}
    for step in BUILDS:
        if step == "edit":
            bench_incremental.append_sentence(sorted((work / "content").glob("*.md"))[0], 0)
        run = generator_build(work, step)
        out[f"{step}_s"], out[f"{step}_rss_mib"] = run.seconds, round(run.peak_rss / MIB, 1)
        print(f"  {step} build: {run.seconds} s, peak RSS {run.peak_rss / MIB:,.0f} MiB", flush=True)
    out["edit_over_cold"] = ratio(out["edit_s"], out["cold_s"])
    return out


def measure_site(site: Path, search: bool) -> dict[str, Any]:
    size = site_size(site)
    out: dict[str, Any] = {"site_bytes": size.bytes, "site_mb": round(size.bytes / 1e6, 1), "site_files": size.files,
                           "html_pages": size.html_pages}
    if search:
        found = first_search(site, top_claimant(site), KEY_MS)
        out.update(search_bytes=found["bytes"], search_kb=round(found["bytes"] / 1000), search_query=found["query"],
                   search_requests=found["requests"], search_shown=found["shown"])
    return out


def floor_docs(work: Path) -> int:
    """generate() of the size's content (its caches are warm: not timed) written as a docs folder."""
    from generator.site.generate import generate

    old = os.environ.get("TIMELINE_CACHE")
    os.environ["TIMELINE_CACHE"] = str(work / "cache")
    try:
        _, pages = generate(work / "content", ROOT / "mkdocs.yml", ROOT / "templates", ROOT / "timeline.yml")
    finally:
        os.environ.pop("TIMELINE_CACHE") if old is None else os.environ.update(TIMELINE_CACHE=old)
    if pages is None:
        sys.exit("the pages could not be rendered for the floor (a template error)")
    return write_floor_docs(pages, work / "floor-docs")


def floor_build(work: Path, name: str, hooks: list[str]) -> Run:
    """`mkdocs build` of the floor's docs folder with the project's mkdocs.yml, its hooks replaced by `hooks`."""
    config = work / f"{name}-mkdocs.yml"
    config.write_text(floor_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), work / "floor-docs",
                                   ROOT / "overrides", hooks), encoding="utf-8")
    shutil.rmtree(work / f"{name}-site", ignore_errors=True)
    run = timed_run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(work / f"{name}-site")],
                    ROOT, {**os.environ, "SOURCE_DATE_EPOCH": "0"}, work / f"{name}.log")
    if run.returncode != 0:
        sys.exit(f"the {name} mkdocs build failed ({run.returncode}):\n{run.tail()}")
    print(f"  {name}: {run.seconds} s, peak RSS {run.peak_rss / MIB:,.0f} MiB", flush=True)
    return run


def measure_floor(work: Path) -> dict[str, Any]:
    """Plain `mkdocs build`s of the generated pages with the project's mkdocs.yml minus our hooks (mkdocs.yml's
    other hooks kept): one with no hooks of ours, one with only the raw-block passthrough (floor_passthrough.py)."""
    from generator.site.build import _other_hooks

    out: dict[str, Any] = {"floor_pages": floor_docs(work)}
    others = [str((ROOT / h).resolve()) for h in _other_hooks(ROOT / "mkdocs.yml")]
    plain = floor_build(work, "floor", others)
    passed = floor_build(work, "floor-passthrough", [*others, str(ROOT / "benchmarks" / "floor_passthrough.py")])
    out.update(floor_s=plain.seconds, floor_rss_mib=round(plain.peak_rss / MIB, 1),
               floor_passthrough_s=passed.seconds)
    return out


def set_aside(folder: Path) -> None:
    """Move an earlier run's folder out of the way, to be deleted once nothing is timed (delete_set_aside). On a
    file system mounted with `discard`, deleting hundreds of MB just before a build slowed its file creation by
    seconds (benchmarks/README.md, 2026-12-01)."""
    if folder.exists():
        folder.rename(OUT / f".old-{folder.name}-{os.getpid()}")


def delete_set_aside() -> None:
    for folder in sorted(OUT.glob(".old-*")):
        shutil.rmtree(folder, ignore_errors=True)


def measure_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    work = OUT / f"scale-{size}"
    set_aside(work)
    shutil.copytree(corpus_of(size), work / "content")
    print(f"{size:,} articles ({work}):", flush=True)
    out: dict[str, Any] = {"articles": size, "load_before": os.getloadavg()[0], **measure_builds(work)}
    out.update(measure_site(work / "site", not args.skip_search))
    if not args.skip_floor:
        out.update(measure_floor(work))
        out["cold_over_floor"] = ratio(out["cold_s"], out["floor_s"])
        out["cold_over_floor_passthrough"] = ratio(out["cold_s"], out["floor_passthrough_s"])
    if size == args.serve_size and not args.skip_serve:
        bench_incremental.WORK = work  # its folder of a run: the project, cache and log of serve go there
        out.update(bench_incremental.measure_serve(work / "content", args.edits, dirty=True))
    return out


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                        help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--serve-size", type=int, default=1000, help="the size whose serve latency is measured")
    parser.add_argument("--edits", type=int, default=3, help="saves timed in mkdocs serve")
    parser.add_argument("--skip-search", action="store_true", help="no Chromium: no first-search bytes")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-floor", action="store_true")
    args = parser.parse_args(argv)
    results = {size: measure_size(size, args) for size in args.sizes}
    print(format_table(results))
    name = OUT / f"bench-{'-'.join(map(str, args.sizes))}.json"
    meta = {"commit": commit(), "python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    name.write_text(json.dumps({**meta, "sizes": {str(n): r for n, r in results.items()}}, indent=2) + "\n",
                    encoding="utf-8")
    print(f"results written to {name}", file=sys.stderr)
    delete_set_aside()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
