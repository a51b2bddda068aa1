"""Page sizes and build time of the site from 1,000 synthetic articles, side by side with an earlier commit.

Usage: python benchmarks/bench_site.py [--before REV] [--with [COMMIT ...]] [--articles 1000] [--repeat 3]
                                       [--limit-kb 300] [--slower 0.20]

Writes the corpus (make_corpus.py, seed 0) to benchmarks/out/corpus-N and checks out REV (default: the
last commit before issue 13, the reader's site) into benchmarks/out/before-<rev>+<commits> with `git worktree`,
with the generator/ changes of the --with commits applied (default: the incident-grouping fix made during
issue 13, an extraction change that gives the corpus 250 more pages). Then it
builds the same corpus with both trees, in turns (before, after, before, after, ...) so that both meet the
same machine load, each `--repeat` times after one untimed build that fills each tree's extraction cache: the
timed builds are warm rebuilds (the extraction cache only: page caches are dropped before each build), which
is what an editor waits for after a push and where rendering and MkDocs (what the reader's site adds) weigh
most. A cold build is extraction-bound and would hide them.

Prints, for both trees, the build times (min / median / max), the site's size and page count and its largest
HTML pages; exits 1 when a page of the current tree is over --limit-kb or its median build time is more than
--slower over the earlier tree's. Results also go to benchmarks/out/site-results.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from make_corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BEFORE_ISSUE_13 = "572b8a2"  # main just before the first commit of issue 13 (e9e1f01)
# Applied on top of the earlier tree by default: the incident-grouping fix made during issue 13 (an extraction
# change). It splits the synthetic corpus into 269 incidents instead of 99, so 250 more pages; without it the
# comparison would measure the grouping's page count, not what the reader's site costs per page.
GROUPING_FIX = "27d7be9"
SEED = 0


def checkout(rev: str, with_commits: list[str]) -> Path:
    """A detached worktree of `rev` under benchmarks/out with the generator/ changes of `with_commits` applied
    (uncommitted), made once and reused."""
    tree = OUT / ("before-" + "+".join([rev, *with_commits]))
    if not (tree / "generator").is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", "--force", str(tree), rev], cwd=ROOT, check=True,
                       capture_output=True)
        for commit in with_commits:
            diff = subprocess.run(["git", "diff", f"{commit}~1", commit, "--", "generator"], cwd=ROOT, check=True,
                                  capture_output=True).stdout
            subprocess.run(["git", "apply"], cwd=tree, input=diff, check=True, capture_output=True)
    return tree


# The page and template caches of issue 15 (generator/site/pagecache.py, templatecache.py): removed before each
# timed build, so that both trees render and convert every page and only the extraction cache is warm. With them
# a rebuild of unchanged content would skip MkDocs' work on every page: a different question (bench_incremental).
PAGE_CACHES = ("pages-*", "templates-*")


def drop_page_caches(tree: Path) -> None:
    """Remove the tree's page and template caches (the extraction cache stays)."""
    for pattern in PAGE_CACHES:
        for folder in (tree / ".cache").glob(pattern):
            shutil.rmtree(folder, ignore_errors=True)


def build(tree: Path, corpus: Path, site: Path) -> float:
    """One `python -m generator build` of the corpus with the tree's code, its page caches dropped first; wall
    seconds."""
    drop_page_caches(tree)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(corpus),
                           "--site-dir", str(site)], cwd=tree, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.splitlines()[-20:])
        raise SystemExit(f"the build with {tree} failed ({proc.returncode}):\n{tail}")
    return seconds


def pages_of(site: Path) -> list[tuple[int, str]]:
    """(bytes, relative path) of every HTML page, largest first."""
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return sorted(sizes, key=lambda x: (-x[0], x[1]))


def describe(name: str, times: list[float], site: Path) -> dict[str, Any]:
    """The figures of one tree's builds and its last site."""
    pages = pages_of(site)
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"tree": name, "seconds": [round(t, 2) for t in times], "min": round(min(times), 2),
            "median": round(statistics.median(times), 2), "max": round(max(times), 2),
            "site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "html_pages": len(pages),
            "largest": [{"page": path, "kb": round(size / 1024, 1)} for size, path in pages[:8]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE_ISSUE_13, help="the earlier commit to compare with")
    parser.add_argument("--with", dest="with_commits", nargs="*", default=[GROUPING_FIX], metavar="COMMIT",
                        help="commits whose generator/ changes are applied on top of --before (default: the "
                             "incident-grouping fix, %(default)s; give --with alone for none)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit-kb", type=float, default=300.0)
    parser.add_argument("--slower", type=float, default=0.20, help="allowed slow-down of the median, 0.20 = 20%%")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"corpus-{args.articles}"
    write_corpus(args.articles, corpus, SEED)
    trees = {"before": checkout(args.before, args.with_commits), "after": ROOT}
    times: dict[str, list[float]] = {name: [] for name in trees}
    for name, tree in trees.items():  # fill each tree's extraction cache
        print(f"warm-up build ({name}) ...", file=sys.stderr, flush=True)
        build(tree, corpus, OUT / f"site-{name}")
    for run in range(args.repeat):
        for name, tree in trees.items():
            times[name].append(build(tree, corpus, OUT / f"site-{name}"))
            print(f"run {run + 1} {name}: {times[name][-1]:.2f} s", file=sys.stderr, flush=True)
    report = {name: describe(name, times[name], OUT / f"site-{name}") for name in trees}
    ratio = report["after"]["median"] / report["before"]["median"]
    over = [p for p in report["after"]["largest"] if p["kb"] > args.limit_kb]
    for r in report.values():
        print(f"{r['tree']:>6}: build s min {r['min']:.2f} median {r['median']:.2f} max {r['max']:.2f}; "
              f"{r['html_pages']} pages, {r['site_mb']:.1f} MB; largest "
              + ", ".join(f"{p['page']} {p['kb']:.0f} KB" for p in r["largest"][:4]))
    print(f"after/before median build time: {ratio:.3f} (allowed {1 + args.slower:.2f}); "
          f"pages over {args.limit_kb:.0f} KB: {len(over)}")
    results = {"articles": args.articles, "before": args.before, "with": args.with_commits, "ratio": round(ratio, 3),
               **report}
    (OUT / "site-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if over or ratio > 1 + args.slower else 0


if __name__ == "__main__":
    sys.exit(main())
