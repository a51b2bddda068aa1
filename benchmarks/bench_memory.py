"""Peak memory of a cold build: the build's Python process, its extraction workers and Pagefind, apart and summed.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1000,10000] [--warm] [--interval 0.1]
    .venv/bin/python benchmarks/bench_memory.py --content DIR --site-dir DIR --cache DIR

Each size runs `python -m generator build -v` on benchmarks/out/corpus-N (make_corpus.py, seed 0) as a child
process, with TIMELINE_CACHE set to a folder of its own: emptied first (a cold build: extraction, pages and
compiled templates all made anew) unless --warm (the extraction cache of an earlier run is kept, the page cache
is emptied, so MkDocs builds every page: the memory of the pages is measured, not the extraction's).

While it runs, the process tree is read from /proc every --interval seconds: each process's VmHWM (the kernel's
own high-water mark of its resident memory, exact between samples) and the sum of the tree's VmRSS at that
moment (sampled: a peak shorter than the interval can be missed), and the sum of their proportional set sizes
(smaps_rollup's Pss: a page shared by processes, as the forked extraction workers share the build's until either
writes it, counted once in all, where the VmRSS sum counts it in each). Reported: the peak of each kind of
process (the build, the extraction workers, Pagefind), the peaks of both sums, and, from the build's -v stage
lines, the sums' peaks in each stage. Linux only (/proc). Results go to benchmarks/out/memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
MIB = 1024 * 1024


def read_status(pid: int) -> dict[str, str]:
    """/proc/<pid>/status as a dict ({} when the process is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def pss(pid: int) -> int | None:
    """The process's proportional set size in bytes (each page it shares counted as its share: a forked worker
    shares the build's pages until either writes them, which a sum of VmRSS counts once per process), from
    /proc/<pid>/smaps_rollup; None when that cannot be read."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return None


def kib(status: dict[str, str], key: str) -> int:
    """A memory figure of /proc/<pid>/status in bytes (0 when absent, as for a zombie)."""
    return int(status.get(key, "0 kB").split()[0]) * 1024


def children_of() -> dict[int, list[int]]:
    """Every process's children, from each /proc/<pid>/stat's parent field."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the name, in parentheses, may hold spaces
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(root: int) -> list[int]:
    tree = children_of()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def kind(pid: int, root: int, name: str) -> str:
    """Which part of the build a process is: the build itself, an extraction worker (a forked Python) or other."""
    if pid == root:
        return "build"
    if name.startswith("python"):
        return "workers"
    return "pagefind" if name.startswith("pagefind") else name


@dataclass
class Peaks:
    """What the sampling found: bytes."""

    by_kind: dict[str, int] = field(default_factory=dict)  # the highest VmHWM of any one process of each kind
    tree: int = 0  # the highest sum of the tree's VmRSS
    tree_pss: int = 0  # the highest sum of the tree's proportional set sizes (shared pages counted once)
    build_when_pagefind: int = 0  # the build's own VmRSS while Pagefind ran (its highest sample)
    stages: dict[str, int] = field(default_factory=dict)  # stage label -> the tree sum's peak during it
    stages_pss: dict[str, int] = field(default_factory=dict)  # the same, of the proportional sizes

    def sample(self, root: int, stage: str) -> None:
        total, proportional, names = 0, 0, []
        for pid in descendants(root):
            status = read_status(pid)
            name = status.get("Name", "?").strip()
            names.append(kind(pid, root, name))
            total += kib(status, "VmRSS")
            share = pss(pid)
            proportional += kib(status, "VmRSS") if share is None else share
            k = kind(pid, root, name)
            self.by_kind[k] = max(self.by_kind.get(k, 0), kib(status, "VmHWM"))
        if "pagefind" in names:
            self.build_when_pagefind = max(self.build_when_pagefind, kib(read_status(root), "VmRSS"))
            stage = "pagefind"
        self.tree = max(self.tree, total)
        self.tree_pss = max(self.tree_pss, proportional)
        self.stages[stage] = max(self.stages.get(stage, 0), total)
        self.stages_pss[stage] = max(self.stages_pss.get(stage, 0), proportional)


def measure(content: Path, site: Path, cache: Path, interval: float) -> tuple[Peaks, float, int]:
    """Build content into site with its cache in `cache`, sampling the process tree; (peaks, seconds, max RSS of
    any one process from the kernel's accounting)."""
    env = dict(os.environ, TIMELINE_CACHE=str(cache))
    command = [sys.executable, "-m", "generator", "build", "--content", str(content), "--site-dir", str(site), "-v"]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    assert child.stderr is not None
    peaks = Peaks()
    stage = ["generating"]
    tail: list[str] = []

    def follow() -> None:  # the -v lines name each stage once it is over ("analysing articles: ... in 3.1 s")
        assert child.stderr is not None
        for line in child.stderr:
            tail[:] = [*tail[-20:], line]
            label = line.split(":", 1)[0].strip()
            if line.rstrip().endswith(" s") and " in " in line and label and not label.startswith("mkdocs"):
                peaks.stages[label] = peaks.stages.pop(stage[0], 0)
                peaks.stages_pss[label] = peaks.stages_pss.pop(stage[0], 0)
                stage[0] = "after " + label

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    while True:
        peaks.sample(child.pid, stage[0])
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)  # its usage: the largest of it and its descendants
        if pid:
            break
        time.sleep(interval)
    child.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        sys.exit(f"build failed ({child.returncode}):\n{''.join(tail)}")
    return peaks, seconds, usage.ru_maxrss * 1024


def corpus(n: int) -> Path:
    folder = OUT / f"corpus-{n}"
    if not (folder.is_dir() and sum(1 for _ in folder.glob("*.md")) == n):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(folder)],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def report(name: str, peaks: Peaks, seconds: float, any_one: int) -> dict[str, object]:
    mib = {k: round(v / MIB) for k, v in sorted(peaks.by_kind.items())}
    print(f"{name}: {seconds:.0f} s; peak MiB: build {mib.get('build', 0)}, workers {mib.get('workers', 0)}, "
          f"pagefind {mib.get('pagefind', 0)} (the build held {peaks.build_when_pagefind // MIB} meanwhile); "
          f"tree sum {peaks.tree // MIB} (proportional, shared pages once: {peaks.tree_pss // MIB}); "
          f"any one process {any_one // MIB}")
    for label, value in peaks.stages.items():
        print(f"    {label:<28} {value // MIB:>6} MiB (proportional {peaks.stages_pss.get(label, 0) // MIB:>6})")
    return {"seconds": round(seconds, 1), "any_one_process_mib": any_one // MIB,
            **{f"{k}_mib": v for k, v in asdict(peaks).items() if isinstance(v, int)},
            "peak_mib": mib, "stages_mib": {k: v // MIB for k, v in peaks.stages.items()},
            "stages_pss_mib": {k: v // MIB for k, v in peaks.stages_pss.items()},
            "build_when_pagefind_mib": peaks.build_when_pagefind // MIB}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--content", type=Path, help="measure this folder instead of synthetic corpora")
    ap.add_argument("--site-dir", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--warm", action="store_true", help="keep the extraction cache of an earlier run")
    ap.add_argument("--interval", type=float, default=0.1)
    args = ap.parse_args()
    runs = ([(args.content.name, args.content)] if args.content else
            [(f"corpus-{n}", corpus(n)) for n in (int(s) for s in args.sizes.split(","))])
    results = {}
    for name, content in runs:
        site = args.site_dir or OUT / f"memory-site-{name}"
        cache = args.cache or OUT / f"memory-cache-{name}"
        for sub in (cache.glob("*") if cache.is_dir() else []):
            if not (args.warm and sub.name.startswith("extraction-")):
                shutil.rmtree(sub) if sub.is_dir() else sub.unlink()
        peaks, seconds, any_one = measure(content, site, cache, args.interval)
        results[name] = report(name, peaks, seconds, any_one)
    OUT.mkdir(exist_ok=True)
    (OUT / "memory.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
