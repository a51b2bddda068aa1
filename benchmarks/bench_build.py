"""Benchmark the full site build and the in-process extraction on synthetic corpora.

Usage: python benchmarks/bench_build.py [--sizes 250,1000] [--skip-build]

For each size, writes a corpus with make_corpus.py into benchmarks/out/corpus-N, runs
`python -m generator build` on it as a subprocess and records wall time, site size and HTML page count.
Then times one in-process `make_timeline` run over the largest corpus. Prints a table and writes the
figures to benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from make_corpus import write_corpus
from runs import site_size

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("benchmarks", "out")  # relative to ROOT, which is the working directory while benchmarking
SEED = 0
STDERR_TAIL_LINES = 30


@dataclass
class BuildResult:
    """Measurements of one full build."""

    articles: int
    seconds: float
    site_bytes: int
    pages: int


class BuildFailed(Exception):
    """The build subprocess exited with an error."""

    def __init__(self, corpus: Path, returncode: int, stderr: str) -> None:
        super().__init__(f"build of {corpus} failed with exit code {returncode}")
        self.stderr = stderr


def parse_sizes(text: str) -> list[int]:
    """Parse "250,1000" into sorted distinct positive ints."""
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


def make_corpus(size: int) -> Path:
    """Write (or rewrite) the corpus of `size` articles and return its directory."""
    corpus = OUT / f"corpus-{size}"
    write_corpus(size, corpus, SEED)
    return corpus


def build_site(corpus: Path, size: int) -> BuildResult:
    """Run the full build of `corpus` in a subprocess and measure it."""
    site = OUT / f"site-{size}"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "generator", "build", "--content", str(corpus), "--site-dir", str(site)]
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise BuildFailed(corpus, proc.returncode, proc.stderr)
    written = site_size(site)
    if not written.files:
        raise BuildFailed(corpus, proc.returncode, f"{proc.stderr}\nthe build wrote nothing to {site}")
    return BuildResult(size, seconds, written.bytes, written.html_pages)


def measure_extraction(corpus: Path, size: int) -> dict[str, Any]:
    """Time one in-process make_timeline run over `corpus` (imports excluded) and report the rate."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from generator.pipeline import make_timeline

    start = time.perf_counter()
    timeline = make_timeline(corpus)
    seconds = time.perf_counter() - start
    return {"articles": size, "seconds": round(seconds, 3), "articles_per_second": round(size / seconds, 1),
            "articles_read": len(timeline.articles), "events": len(timeline.events),
            "diagnostics": len(timeline.diagnostics)}


def ratios(builds: list[BuildResult]) -> dict[str, Any] | None:
    """Time and byte ratios of the largest build to the smallest, or None with fewer than two builds."""
    if len(builds) < 2:
        return None
    small, large = builds[0], builds[-1]
    return {"from": small.articles, "to": large.articles,
            "articles": round(large.articles / small.articles, 2),
            "time": round(large.seconds / small.seconds, 2),
            "bytes": round(large.site_bytes / small.site_bytes, 2)}


def print_report(builds: list[BuildResult], ratio: dict[str, Any] | None, extraction: dict[str, Any]) -> None:
    """Print the build table, the ratios and the extraction rate."""
    if builds:
        print(f"{'articles':>8}  {'build s':>8}  {'site MB':>8}  {'pages':>6}")
        for b in builds:
            print(f"{b.articles:>8}  {b.seconds:>8.2f}  {b.site_bytes / 1e6:>8.2f}  {b.pages:>6}")
    if ratio:
        print(f"ratio {ratio['to']}/{ratio['from']}: time {ratio['time']:.2f}x, bytes {ratio['bytes']:.2f}x "
              f"(articles {ratio['articles']:.2f}x)")
    print(f"extraction over {extraction['articles']} articles: {extraction['seconds']:.2f} s, "
          f"{extraction['articles_read']} articles read, {extraction['events']} events, "
          f"{extraction['diagnostics']} diagnostics")
    print(f"extraction: {extraction['articles_per_second']:.1f} articles/s")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[250, 1000],
                        help="comma-separated corpus sizes (default 250,1000)")
    parser.add_argument("--skip-build", action="store_true", help="only measure extraction")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    OUT.mkdir(parents=True, exist_ok=True)

    sizes: list[int] = args.sizes[-1:] if args.skip_build else args.sizes
    corpora = {size: make_corpus(size) for size in sizes}
    builds: list[BuildResult] = []
    if not args.skip_build:
        for size in sizes:
            print(f"building {size} articles ...", file=sys.stderr, flush=True)
            try:
                builds.append(build_site(corpora[size], size))
            except BuildFailed as exc:
                tail = "\n".join(exc.stderr.splitlines()[-STDERR_TAIL_LINES:])
                print(f"{exc}; last lines of its stderr:\n{tail}", file=sys.stderr)
                return 1
    largest = sizes[-1]
    extraction = measure_extraction(corpora[largest], largest)
    ratio = ratios(builds)
    print_report(builds, ratio, extraction)

    results = {"seed": SEED, "python": platform.python_version(), "platform": platform.platform(),
               "builds": [dict(asdict(b), seconds=round(b.seconds, 3), site_mb=round(b.site_bytes / 1e6, 3))
                          for b in builds],
               "ratios": ratio, "extraction": extraction}
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {OUT / 'results.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
