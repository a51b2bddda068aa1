"""Benchmark the stages of make_timeline, event grouping in detail, on 1,000 and 10,000 synthetic articles.

Usage: python benchmarks/bench_grouping.py [--sizes 1000,10000] [--cache DIR] [--again]

For each size it writes benchmarks/out/corpus-N (make_corpus.py, seed 0) unless it is there already, warms the
extraction cache (benchmarks/out/grouping-cache) once outside the timing, then times one make_timeline in a
fresh process with every article taken from the cache. Each stage and each step of merge_events is timed in CPU
seconds (the machine may be shared: CPU time moves less than wall time) by wrapping the module functions that
make_timeline calls. Prints each stage's seconds and share of the total for every size, and the growth ratio of
the largest size to the smallest per stage next to the ratio of article counts: a stage that grows linearly has
a ratio near the article ratio and a flat share. Writes the figures to benchmarks/out/grouping.json.
With --again the timed make_timeline is the second of its process, as a save in `mkdocs serve` is: what grouping
keeps in memory by text (sentences, per-article readings) is there.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from make_corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SEED = 0

# (label, module, function, parent label): the stages of make_timeline, then the steps of merge_events.
STAGES = [
    ("reading", "generator.pipeline", "read_articles", None),
    ("extraction (cache)", "generator.pipeline", "analyse_articles", None),
    ("inference of publication dates", "generator.pipeline", "infer_publication_dates", None),
    ("spokespeople", "generator.pipeline", "group_spokespeople", None),
    ("review", "generator.pipeline", "apply_review", None),
    ("merge_events", "generator.pipeline", "merge_events", None),
    ("cluster_incidents", "generator.events.merge", "cluster_incidents", "merge_events"),
    ("_join_dated", "generator.events.incidents", "_join_dated", "cluster_incidents"),
    ("_join_undated", "generator.events.incidents", "_join_undated", "cluster_incidents"),
    ("place_articles", "generator.events.merge", "place_articles", "merge_events"),
    ("happening_days", "generator.events.merge", "happening_days", "merge_events"),
    ("naming incidents", "generator.events.merge", "place_and_kind", "merge_events"),
    ("incident slugs", "generator.events.merge", "incident_slug", "merge_events"),
    ("mentions into events", "generator.events.merge", "_add_mentions", "merge_events"),
    ("claims into events", "generator.events.merge", "_add_claims", "merge_events"),
    ("finishing events", "generator.events.merge", "_finish_event", "merge_events"),
    ("incidents (build_incidents)", "generator.events.merge", "build_incidents", "merge_events"),
    ("redirects", "generator.pipeline", "plan_redirects", None),
]


def corpus_of(size: int) -> Path:
    """benchmarks/out/corpus-N, written unless it holds N articles already (make_corpus is deterministic)."""
    corpus = OUT / f"corpus-{size}"
    if not corpus.is_dir() or sum(1 for p in corpus.glob("*.md")) != size:
        write_corpus(size, corpus, SEED)
    return corpus


def child(size: int, cache: Path, warm_only: bool, again: bool = False) -> dict[str, Any]:
    """In this (fresh) process: one make_timeline over the corpus with the stages timed, or only warm the cache."""
    import importlib

    sys.path.insert(0, str(ROOT))
    from generator.config import Config
    from generator.pipeline import make_timeline

    config = Config(cache_dir=cache)
    corpus = corpus_of(size)
    if warm_only:
        make_timeline(corpus, config)
        return {}
    if again:  # untimed: the first build of the process, as `mkdocs serve` makes before the saves
        make_timeline(corpus, config)
    spent: dict[str, float] = {label: 0.0 for label, *_ in STAGES}
    for label, module, name, _ in STAGES:
        mod = importlib.import_module(module)
        setattr(mod, name, _timed(getattr(mod, name), label, spent))
    cpu, wall = time.process_time(), time.perf_counter()
    timeline = make_timeline(corpus, config)
    total = time.process_time() - cpu
    return {"articles": size, "cpu_seconds": total, "wall_seconds": time.perf_counter() - wall,
            "events": len(timeline.events), "incidents": len(timeline.incidents), "stages": spent}


def _timed(fn: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start
    return run


def in_fresh_process(size: int, cache: Path, warm_only: bool = False, again: bool = False) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(size), "--cache", str(cache)] + (["--warm"] if warm_only
                                                                                          else [])
    command += ["--again"] if again else []
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"the run over {size} articles failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.splitlines()[-1]) if not warm_only else {}


def warm(size: int, cache: Path) -> None:
    """Extract the corpus into the cache once (untimed); a marker per size and code version skips it next time."""
    sys.path.insert(0, str(ROOT))
    from generator.cache import ExtractionCache
    from generator.config import Config

    opened = ExtractionCache.open(Config(cache_dir=cache))
    marker = cache / f"warm-{size}-seed{SEED}-{opened.folder.name if opened else 'off'}"
    if marker.exists():
        return
    print(f"warming the cache with {size} articles (untimed; the first time takes minutes) ...", file=sys.stderr,
          flush=True)
    in_fresh_process(size, cache, warm_only=True)
    marker.write_text("warm\n", encoding="utf-8")


def report(runs: list[dict[str, Any]]) -> list[str]:
    """The table: per stage the CPU seconds and share of each size, and the growth of the last size over the first."""
    first, last = runs[0], runs[-1]
    head = f"{'stage':<34}" + "".join(f"{str(r['articles']) + ' s':>10}{'share':>7}" for r in runs)
    lines = [head + (f"{'growth':>8}" if len(runs) > 1 else "")]
    rows = [(label, [r["stages"][label] for r in runs]) for label, *_ in STAGES]
    top = [label for label, _, _, parent in STAGES if parent is None]
    rows.append(("other (parser, walk, actors)", [r["cpu_seconds"] - sum(r["stages"][t] for t in top)
                                                         for r in runs]))
    rows.append(("make_timeline (total)", [r["cpu_seconds"] for r in runs]))
    for label, secs in rows:
        name = "  " * _depth(label) + label
        cells = "".join(f"{s:>10.2f}{s / r['cpu_seconds']:>7.1%}" for s, r in zip(secs, runs, strict=True))
        growth = f"{secs[-1] / secs[0]:>7.1f}x" if len(runs) > 1 and secs[0] > 0 else ""
        lines.append(f"{name:<34}{cells}{growth}")
    if len(runs) > 1:
        lines.append(f"{'articles':<34}" + " " * 17 * len(runs) + f"{last['articles'] / first['articles']:>7.1f}x")
    return lines


def _depth(label: str) -> int:
    parent = next((p for lab, _, _, p in STAGES if lab == label), None)
    return 1 + _depth(parent) if parent else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--cache", type=Path, default=OUT / "grouping-cache", help="the extraction cache folder")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--again", action="store_true",
                        help="time a second make_timeline in the same process, as a save in mkdocs serve")
    args = parser.parse_args(argv)
    cache = args.cache.resolve()
    if args.child:
        print(json.dumps(child(args.child, cache, args.warm, args.again)))
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    OUT.mkdir(parents=True, exist_ok=True)
    runs = []
    for size in sizes:
        corpus_of(size)
        warm(size, cache)
        print(f"timing make_timeline over {size} articles ...", file=sys.stderr, flush=True)
        runs.append(in_fresh_process(size, cache, again=args.again))
    lines = report(runs)
    print("\n".join(lines))
    results = {"seed": SEED, "python": platform.python_version(), "platform": platform.platform(),
               "cpus": os.cpu_count(), "runs": runs}
    (OUT / "grouping.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
