"""Incremental builds on 1,000 synthetic articles: cold, warm, after one edit, and the edit latency of `mkdocs serve`.

Usage: python benchmarks/bench_incremental.py [--articles 1000] [--edits 3] [--skip-serve] [--skip-build] [--no-dirty]

Copies the corpus (make_corpus.py, seed 0; benchmarks/out/corpus-N is written if missing) to
benchmarks/out/incremental-N/content, with its own cache (TIMELINE_CACHE=benchmarks/out/incremental-N/cache), then:

- builds: `python -m generator build` as a subprocess, wall time: **cold** (empty cache: every article extracted,
  every page built), **warm** (no change), **edit** (one sentence appended to one article), and the ratio of
  edit to cold (the issue asks for at most 10%);
- serve: starts `mkdocs serve --dirty` (as editors run it; --no-dirty: without) on a project folder beside the
  content (mkdocs.yml with absolute paths, templates and overrides linked), waits for the first build, then
  --edits times appends a sentence with a new figure to one article and polls that article's page every 50 ms
  until the new sentence is served: the time from the save to the changed page. The server is stopped at the
  end (its process group only).

Results go to benchmarks/out/incremental-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from make_corpus import write_corpus
from runs import timed_run

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
WORK = OUT / "incremental-1000"  # the folder of a run: main() sets it for the size asked
PORT = 8765
SERVE_START_SECONDS = 900.0
EDIT_WAIT_SECONDS = 300.0


def prepare(articles: int) -> Path:
    """A fresh copy of the corpus and an empty cache."""
    corpus = OUT / f"corpus-{articles}"
    if not corpus.is_dir():
        write_corpus(articles, corpus, seed=0)
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(corpus, WORK / "content")
    return WORK / "content"


def env() -> dict[str, str]:
    return {**os.environ, "TIMELINE_CACHE": str(WORK / "cache")}


def build(content: Path) -> float:
    run = timed_run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site-dir",
                     str(WORK / "site")], ROOT, env(), WORK / "build.log")
    if run.returncode not in (0, 1):
        sys.exit(f"build failed ({run.returncode}):\n{run.tail()}")
    return run.seconds


def page_of(content: Path, name: str) -> str:
    """The page of an article, from the page names a build keeps in content/redirects.yml."""
    for line in (content / "redirects.yml").read_text(encoding="utf-8").splitlines():
        page, _, file = line.partition(": ")
        if file.strip() == name and page.startswith("articles/"):
            return page
    sys.exit(f"no page found for {name} in redirects.yml")


def append_sentence(path: Path, n: int) -> str:
    token = f"Rescuers said {700 + n} people were evacuated from Quarlow"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{token} on Sunday.\n", encoding="utf-8")
    return token


def measure_builds(content: Path) -> dict[str, Any]:
    cold = build(content)
    warm = build(content)
    append_sentence(sorted(content.glob("*.md"))[0], 0)
    edit = build(content)
    return {"cold_s": cold, "warm_s": warm, "edit_s": edit, "edit_over_cold": round(edit / cold, 3)}


def serve_project(content: Path) -> Path:
    """mkdocs.yml for serve with docs_dir on the copied corpus; the hooks find templates beside it."""
    project = WORK / "project"
    project.mkdir(exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {content}", text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*$", f"  custom_dir: {ROOT / 'overrides'}", text, flags=re.M)
    text = text.replace("  - generator/site/hooks.py", f"  - {ROOT / 'generator/site/hooks.py'}")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name in ("templates", "overrides"):
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name)
    return project / "mkdocs.yml"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own local server)
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, token: str | None, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = fetch(url)
        if page is not None and (token is None or token in page):
            return round(time.perf_counter() - started, 2)
        time.sleep(0.05)
    sys.exit(f"{url} did not {'show ' + repr(token) if token else 'answer'} within {limit:.0f} s")


def measure_serve(content: Path, edits: int, dirty: bool = True) -> dict[str, Any]:
    """Serve with --dirty by default, as editors run it (`make serve`): each save rebuilds into the same site
    folder."""
    article = sorted(content.glob("*.md"))[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-f",
                               str(serve_project(content)), "-a", f"127.0.0.1:{PORT}"], cwd=ROOT, env=env(),
                              stdout=subprocess.DEVNULL, stderr=open(WORK / "serve.log", "w"), start_new_session=True)  # noqa: SIM115
    try:
        # The first build names the article's page in redirects.yml (a fresh corpus has none before it).
        first = wait_for(f"http://127.0.0.1:{PORT}/", None, SERVE_START_SECONDS)
        url = f"http://127.0.0.1:{PORT}/{page_of(content, article.name)}"
        latencies = []
        for n in range(1, edits + 1):
            time.sleep(2.0)  # let the server settle after its last build
            token = append_sentence(article, n)
            latencies.append(wait_for(url, token, EDIT_WAIT_SECONDS))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    return {"serve_first_build_s": first, "serve_edit_s": latencies}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-build", action="store_true", help="serve only (the cache starts empty)")
    parser.add_argument("--no-dirty", action="store_true", help="mkdocs serve without --dirty")
    args = parser.parse_args()
    global WORK
    WORK = OUT / f"incremental-{args.articles}"
    content = prepare(args.articles)
    results: dict[str, Any] = {"articles": args.articles}
    if not args.skip_build:
        results.update(measure_builds(content))
        print(f"cold {results['cold_s']} s, warm {results['warm_s']} s, edit {results['edit_s']} s "
              f"({results['edit_over_cold']:.1%} of cold)", flush=True)
    if not args.skip_serve:
        results.update(measure_serve(content, args.edits, not args.no_dirty))
        print(f"serve: first build {results['serve_first_build_s']} s, edit to page "
              f"{results['serve_edit_s']} s", flush=True)
    (OUT / f"incremental-{args.articles}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
