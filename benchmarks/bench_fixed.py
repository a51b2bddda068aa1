"""Benchmark the fixed costs every rebuild pays, however few articles changed: start-up, the rules, redirects.yml
and the data exports.

Usage: python benchmarks/bench_fixed.py [--content DIR] [--repeat N]

DIR defaults to benchmarks/out/fixed/content, a copy of the 1,000-article corpus (make_corpus.py, seed 0), with
TIMELINE_CACHE benchmarks/out/fixed/cache unless it is set. A folder without redirects.yml is built once first
(`python -m generator build`, not timed), so that its articles come from the extraction cache and its
redirects.yml is the one the build wrote. The Timeline is made once, outside the timing; then each part is timed N
times (default 5) and the least CPU time is kept (the machine may be shared: CPU time moves less than wall time,
the least is the least disturbed):

- imports: `python -c "import generator.cli"` in a new process (the children's CPU time), what `python -m
  generator build` pays before it reads a file. Every module of the package is imported, and the rules are read
  (so the next line is a part of this one);
- rules: every file of generator/rules/ parsed (generator.rules.parse_rules) and generator/actors.yml read, as the
  imports do once per process;
- redirects.yml: plan_redirects for the Timeline's pages, which reads the file the build wrote;
- timeline.json (compact, as the site has it) and claims.csv: to_json and to_csv of the Timeline.

The generator measured is the one on the import path: PYTHONPATH=/other/checkout times another version with the
same script. Writes the figures to benchmarks/out/fixed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from make_corpus import write_corpus

OUT = Path(__file__).resolve().parent / "out"
if not os.environ.get("PYTHONPATH"):  # else the checkout PYTHONPATH names is the one measured
    sys.path.insert(0, str(OUT.parent.parent))

import generator  # noqa: E402
from generator import config, rules  # noqa: E402
from generator.inputs.redirects import plan_redirects  # noqa: E402
from generator.models import Timeline  # noqa: E402
from generator.site.export import to_csv, to_json  # noqa: E402
from generator.site.generate import load_timeline  # noqa: E402

PROJECT = Path(generator.__file__).resolve().parent.parent  # the checkout measured: its mkdocs.yml
SIZE = 1000


def least_cpu(run: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs, this process's own."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def least_import_cpu(repeat: int) -> float:
    """The least CPU time of a new interpreter importing generator.cli (user + system of the child)."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", "import generator.cli"], check=True, cwd=PROJECT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def read_rules() -> None:
    re.purge()  # as in a new process: no pattern compiled yet
    for name in rules.files():
        rules.parse_rules((rules.RULES_DIR / f"{name}.yml").read_text(encoding="utf-8"), name)
    config._default_actors()


def measure(content: Path, repeat: int) -> dict[str, float]:
    t: Timeline = load_timeline(content, PROJECT / "mkdocs.yml", None)
    return {
        "imports": least_import_cpu(repeat),
        "rules": least_cpu(read_rules, repeat),
        "redirects.yml": least_cpu(lambda: plan_redirects(content, t.articles, t.events, t.incidents), repeat),
        "timeline.json": least_cpu(lambda: to_json(t, compact=True), repeat),
        "claims.csv": least_cpu(lambda: to_csv(t), repeat),
    }


def prepare() -> Path:
    """benchmarks/out/fixed/content, a copy of the synthetic corpus, and its own cache unless TIMELINE_CACHE is set."""
    content = OUT / "fixed" / "content"
    if not content.is_dir():
        corpus = OUT / f"corpus-{SIZE}"
        if not corpus.is_dir() or sum(1 for _ in corpus.glob("*.md")) != SIZE:
            write_corpus(SIZE, corpus, 0)
        shutil.copytree(corpus, content)
    os.environ.setdefault("TIMELINE_CACHE", str(OUT / "fixed" / "cache"))
    return content


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.content is None:
        args.content = prepare()
    if not (args.content / "redirects.yml").is_file():
        print(f"building {args.content} once (not timed)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(args.content), "--site-dir",
                        str(OUT / "fixed" / "site")], check=False, cwd=PROJECT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # the corpus's warnings, hundreds of them
        if not (args.content / "redirects.yml").is_file():
            print(f"the build of {args.content} failed: run it to see why", file=sys.stderr)
            return 2
    figures = measure(args.content, args.repeat)
    for part, seconds in figures.items():  # no total: the imports read the rules
        print(f"{part:15} {seconds:6.3f} CPU-s")
    OUT.mkdir(exist_ok=True)
    (OUT / "fixed.json").write_text(json.dumps({"generator": str(PROJECT), "content": str(args.content),
                                                "repeat": args.repeat, "cpu_seconds": figures}, indent=1) + "\n",
                                    encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
