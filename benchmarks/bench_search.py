"""What a reader downloads for a first search, and the search index on disk, for a built site.

Usage: python benchmarks/bench_search.py SITE [--query TEXT] [--key-ms 200] [--limit-kb 1000]

Serves SITE on 127.0.0.1 under a sub-path (as GitHub project pages do), opens the home page in headless Chromium
(Playwright; CHROMIUM=/path picks the binary), types the query in the header's search box key by key, --key-ms
apart, and waits for the results. Counts every byte of search files the page asked for from its load to the results:
Pagefind's script and WebAssembly, its entry and metadata files, the index chunks of the words and one fragment
per result listed (or, on a site built with Material's search plugin, its whole index and worker). The default
query is the claimant with most figures (data/claims.csv): a name, what readers type. Bytes are the files' own
(Pagefind's index files are gzip already; a host that gzips its responses sends pagefind.js in about a third).

Also reports the index on disk: pagefind/ (files, bytes) and search/search_index.json, with its gzip size and,
when it holds documents (a site built by Material's search plugin), the sizes of trimmed variants of it
computed from it: without tables and lists, pages without their sections, titles only.

Prints one JSON object; exits 1 when the first search downloaded more than --limit-kb (the issue's 1 MB).
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from runs import site_size

SUB_PATH = "/sub/"
# What the search box loads, Material's or ours: from the page's load (Material's index comes with every page)
# to the results.
SEARCH_FILES = re.compile(r"(search/|pagefind/|assets/search-worker\.js|assets/javascripts/(workers|lunr)/)")
META = "(document.querySelector('.md-search-result__meta') || {}).textContent || ''"


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """The site's files under SUB_PATH, nothing elsewhere; no log lines."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(str(self.directory)) / "no-such-file")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class names it so)
        pass


def top_claimant(site: Path) -> str:
    """The claimant with most figures in the site's data/claims.csv (claims.csv.gz on a large site)."""
    plain = site / "data" / "claims.csv"
    with (plain.open(encoding="utf-8") if plain.exists()
          else gzip.open(plain.with_name("claims.csv.gz"), "rt", encoding="utf-8")) as f:
        counted = Counter(r["claimant"] for r in csv.DictReader(f) if r["claimant"])
    return counted.most_common(1)[0][0]


def chromium() -> str:
    exe = shutil.which(os.environ.get("CHROMIUM", "")) if os.environ.get("CHROMIUM") else None
    exe = exe or next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if not exe:
        sys.exit("Chromium is not installed: apt-get install chromium, or set CHROMIUM=/path/to/chromium")
    return exe


def first_search(site: Path, query: str, key_ms: int) -> dict[str, Any]:
    """Type the query in the header's search box of the served site: the bytes and files it downloaded."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPath, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    loaded: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium())
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("requestfinished", lambda r: loaded.append(r.url[len(base):]))
            page.goto(base, wait_until="networkidle")
            page.wait_for_function(f"() => /type to start/i.test({META})", timeout=300_000)
            box = page.locator("input[data-md-component='search-query']")
            box.click()
            box.press_sequentially(query, delay=key_ms)  # key by key, as a person types
            page.wait_for_function(f"() => /matching/i.test({META})", timeout=300_000)
            page.wait_for_load_state("networkidle")
            shown = page.evaluate(META).strip()
            results = page.eval_on_selector_all(".md-search-result__link", "els => els.length")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    # the file's size: Chromium reports no body size for a worker's script
    searched = [(path, (site / path).stat().st_size) for path in
                (re.sub(r"[?#].*$", "", url) for url in loaded if SEARCH_FILES.match(url))]
    kinds = Counter(url.rsplit("/", 1)[0] if url.startswith("pagefind/") else url for url, _ in searched)
    return {"query": query, "key_ms": key_ms, "shown": shown, "results_listed": results,
            "bytes": sum(n for _, n in searched), "requests": len(searched), "by_kind": dict(sorted(kinds.items())),
            "largest": sorted(searched, key=lambda x: -x[1])[:5]}


def folder_size(folder: Path) -> dict[str, int]:
    size = site_size(folder)
    return {"files": size.files, "bytes": size.bytes}


def json_sizes(obj: Any) -> dict[str, int]:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
    return {"bytes": len(data), "gzip": len(gzip.compress(data, 9))}


def material_index(site: Path) -> dict[str, Any]:
    """search/search_index.json as built, gzipped, and (when it holds documents) trimmed variants of it."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return {}
    raw = path.read_bytes()
    out: dict[str, Any] = {"as built": {"bytes": len(raw), "gzip": len(gzip.compress(raw, 9))}}
    index = json.loads(raw)
    docs = index.get("docs", [])
    if docs:
        pages = [d for d in docs if "#" not in d["location"]]
        untabled = [dict(d, text=re.sub(r"<(table|ul|ol)\b.*?</\1>", "", d["text"], flags=re.S)) for d in docs]
        out.update({
            "documents": len(docs), "pages": len(pages),
            "without tables and lists": json_sizes(dict(index, docs=untabled)),
            "pages without sections": json_sizes(dict(index, docs=pages)),
            "titles only": json_sizes(dict(index, docs=[dict(d, text="") for d in docs])),
            "page titles only": json_sizes(dict(index, docs=[dict(d, text="") for d in pages])),
        })
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", help="default: the claimant with most figures")
    parser.add_argument("--key-ms", type=int, default=200,
                        help="ms between keys (the search box waits 300 ms: slower typing searches each prefix)")
    parser.add_argument("--limit-kb", type=int, default=1000, help="most a first search may download (KB)")
    args = parser.parse_args()
    site: Path = args.site
    report: dict[str, Any] = {"site": str(site), "html_pages": sum(1 for _ in site.rglob("*.html"))}
    report["material_index"] = material_index(site)
    if (site / "pagefind").is_dir():
        report["pagefind_index"] = folder_size(site / "pagefind")
    report["first_search"] = first_search(site, args.query or top_claimant(site), args.key_ms)
    print(json.dumps(report, indent=1))
    over = report["first_search"]["bytes"] > args.limit_kb * 1000
    if over:
        print(f"a first search downloaded more than {args.limit_kb} KB", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
