"""The site's search: Pagefind's chunked index in pagefind/, read by the header's search box.

Material's search plugin writes one JSON file of every page's text (75 MB at 10,000 articles), and every
reader downloads all of it before a first result. Pagefind splits the index by word and keeps each page's
text in a fragment of its own, so a query downloads Pagefind's script and WebAssembly, the index chunks of
its words and the fragments of the results it lists: a few hundred KB at any size (benchmarks/README.md).

The box is still Material's (its look, keys, result list and highlighting): overrides/main.html points the
theme's search worker at assets/search-worker.js, which answers the theme from Pagefind. The theme's page
script still asks for search/search_index.json at every page load for the index's settings, so
write_search_settings writes that file with the settings and no documents.

Pagefind is a program (the pagefind_bin package ships it, nothing is downloaded at run time). It reads the
built pages, so it runs after MkDocs (generator.site.hooks, on_post_build); its output is the same bytes for
the same pages. Pagefind keeps what it indexes in memory until it writes, so a site of more than WHOLE_PAGES
pages is indexed in parts of about PART_PAGES (pagefind/ and pagefind/part-<n>/), one run each, which the search
worker merges at the first query: at 10,000 articles one run over every page took 3 GB.

A build may update an earlier site in place (generator/site/output.py keeps a spare). Pagefind then writes only
the files it has not written before (their names are hashes of their bytes) and leaves the others, so
prune_index deletes the chunks, fragments and metadata the new index no longer names; and a part none of whose
pages changed (input_stamp) is not indexed again.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

SEARCH_DIR = "pagefind"  # the index's folder in the site
STAMP_FILE = "timeline-input.txt"  # in each part's folder: the digest of the pages indexed (input_stamp)
SETTINGS_FILE = "search/search_index.json"  # where the theme's page script reads the search settings
# What is indexed on each page: the page's article, not the header, navigation and footer every page repeats.
ROOT_SELECTOR = "article.md-content__inner"
# Not indexed: the heading permalinks' pilcrows, what the pages mark data-search-exclude (as for Material's
# search: the lanes chart repeats the titles the page lists), and what a page quotes from the articles, which the
# articles' own pages hold: the sentences of event and incident pages, their lists of articles, the quotes under
# an article's claims. A query finds the article that says it; the index and its fragments hold each text once.
EXCLUDE_SELECTORS = (".headerlink", "[data-search-exclude]", ".tl-sentences", ".tl-articles",
                     ".tl-article-claims blockquote")
# Pagefind's ready-made interfaces: the site uses Material's box instead, so nothing loads them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Nor does a part that the worker merges into the first need its own script and worker (nor its WebAssembly,
# wasm.<language>.pagefind: mergeIndex loads the first part's).
MERGED_UNUSED = ("pagefind.js", "pagefind-worker.js")
# Pagefind's memory grows by about 150 KB a page (448 MiB for the 2,614 pages of 1,000 articles, 3 GB for 24,000).
# A site of up to WHOLE_PAGES pages is one index (one index ranks best: each part ranks by its own word counts);
# a larger one, whose build holds more (570 MiB at 10,000 articles while Pagefind runs), is indexed in parts of
# about PART_PAGES, about 300 MiB each, so the two stay under 1 GB together (benchmarks/README.md, bench_memory).
WHOLE_PAGES = 3000
PART_PAGES = 2000
PART_PAGES_ENV = "TIMELINE_SEARCH_PAGES"  # a number: both limits (tests split small sites with it)
PART_PREFIX = "part-"  # pagefind/part-<n>/: the parts after the first
SEPARATOR = r"[\s\-]+"  # Material's default: the theme's highlighting splits the query with it


ROOT_TAG = '<article class="md-content__inner md-typeset">'  # the element ROOT_SELECTOR finds, as the theme writes it
ROOT_TAG_BYTES = ROOT_TAG.encode()


def mark_unindexed(html: str, meta: Any) -> str:
    """Material's `search: exclude: true` in a page's front matter (the claims explorer's pages, whose claims are
    on their event pages), for Pagefind: a root element marked data-pagefind-ignore="all" leaves the whole page out
    of the index."""
    wanted = meta.get("search") if isinstance(meta, dict) else None
    if isinstance(wanted, dict) and wanted.get("exclude") is True:
        return html.replace(ROOT_TAG, ROOT_TAG[:-1] + ' data-pagefind-ignore="all">', 1)
    return html


class SearchIndexFailed(RuntimeError):
    """Pagefind is missing, or failed on the built site."""


def pagefind_program() -> Path:
    """The Pagefind program that the pagefind_bin package ships."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise SearchIndexFailed("the pagefind_bin package is missing (pip install 'pagefind[bin]'; the "
                                "project's requirements.lock has it)") from exc
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexFailed(f"the pagefind_bin package has no program: {exc}") from exc


def index_language(theme_language: str | None) -> str:
    """The index's one language, for Pagefind's word stemming: the theme's language without its region
    ('pt-BR' -> 'pt'). Forced, because the search worker has no page to read the language from."""
    return (theme_language or "en").split("-")[0].split("_")[0].lower() or "en"


def pagefind_options(language: str) -> list[str]:
    """What Pagefind is told besides where the pages are and where the index goes: the same for every part."""
    options = ["--root-selector", ROOT_SELECTOR, "--force-language", language, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        options += ["--exclude-selectors", selector]
    return options


def pagefind_command(program: Path, pages_dir: Path, output: Path, language: str) -> list[str]:
    """The command that indexes the pages under pages_dir into the folder output."""
    return [str(program), "--site", str(pages_dir), "--output-path", str(output), *pagefind_options(language)]


def return_free_memory() -> None:
    """Give the memory the build has freed back to the system before Pagefind runs beside it (their peaks add
    up): glibc keeps freed blocks for the process otherwise. Elsewhere (no malloc_trim) nothing is done."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return
    trim(0)


def pages_per_part() -> int:
    """The most pages one part of an index in parts holds (PART_PAGES, or TIMELINE_SEARCH_PAGES when set to a
    number)."""
    return _set_limit() or PART_PAGES


def index_parts(pages: list[str]) -> list[list[str]]:
    """The pages of each Pagefind run: all of them up to WHOLE_PAGES (or TIMELINE_SEARCH_PAGES), else split_pages."""
    return split_pages(pages, pages_per_part()) if len(pages) > (_set_limit() or WHOLE_PAGES) else [pages]


def _set_limit() -> int | None:
    try:
        return max(1, int(os.environ.get(PART_PAGES_ENV, "").strip()))
    except ValueError:
        return None


def site_pages(site_dir: Path) -> dict[str, bytes]:
    """The pages of the built site that Pagefind indexes, {path under site_dir: digest of its bytes}, in path
    order: those with the theme's article element (ROOT_TAG; redirect pages have none) and not left out whole
    (mark_unindexed). Pagefind finds nothing to index on the others, and fails on a folder of only those."""
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if SEARCH_DIR in rel.parts:
            continue
        data = path.read_bytes()
        if ROOT_TAG_BYTES in data:
            found[rel.as_posix()] = hashlib.blake2b(data, digest_size=16).digest()
    return found


def split_pages(pages: list[str], most: int) -> list[list[str]]:
    """The pages in ceil(len / most) parts, by a digest of each path: a page stays in its part while the number of
    parts stays, whatever other pages come and go, so an edit leaves the parts it does not reach as they were.
    A part no page falls in is left out (few pages to a part, a small site); there is always one part."""
    count = max(1, -(-len(pages) // most))
    parts: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        parts[int.from_bytes(hashlib.blake2b(page.encode(), digest_size=8).digest(), "big") % count].append(page)
    return [part for part in parts if part] or [[]]


def part_folder(site_dir: Path, number: int) -> Path:
    """Where part `number` of the index goes: the first in pagefind/ (Pagefind's script and WebAssembly with
    it), each other in pagefind/part-<n>/, which the search worker merges into the first (mergeIndex)."""
    return site_dir / SEARCH_DIR if number == 0 else site_dir / SEARCH_DIR / f"{PART_PREFIX}{number}"


def index_site(site_dir: Path, theme_language: str | None) -> None:
    """Write Pagefind's index of the built site, in as many parts as its size needs, and the settings file the
    theme reads (which names the parts for the search worker).

    Pagefind holds what it indexes in memory until it writes (about 160 KB a page: 3 GB for the 24,000 pages
    of 10,000 articles), so a large site is indexed a part at a time, each part's pages linked into a folder of
    their own. A site of up to WHOLE_PAGES pages is one index, as Pagefind writes it for the whole site."""
    program = pagefind_program()
    language = index_language(theme_language)
    pages = site_pages(site_dir)
    parts = index_parts(list(pages))
    stamps = [input_stamp({page: pages[page] for page in part}, pagefind_options(language)) for part in parts]
    stale = [n for n, stamp in enumerate(stamps) if not indexed_already(part_folder(site_dir, n), stamp)]
    if stale:
        return_free_memory()
    for number in stale:
        index_part(program, site_dir, parts[number], part_folder(site_dir, number), language,
                   stamp=stamps[number], whole=len(parts) == 1)
    merged = [part_folder(site_dir, n) for n in range(1, len(parts))]
    for folder in sorted((site_dir / SEARCH_DIR).glob(PART_PREFIX + "*")):
        if folder not in merged:  # a part of an earlier, larger index
            shutil.rmtree(folder, ignore_errors=True)
    write_search_settings(site_dir, theme_language, [folder.name + "/" for folder in merged])


def indexed_already(folder: Path, stamp: str) -> bool:
    """Whether folder holds the whole index of the pages the stamp was made of (input_stamp)."""
    return _read(folder / STAMP_FILE) == stamp and (folder / "pagefind-entry.json").is_file()


def index_part(program: Path, site_dir: Path, pages: list[str], folder: Path, language: str, *, stamp: str,
               whole: bool) -> None:
    """Index `pages` into `folder` (the whole site's pages when `whole`), and delete what the new index does not
    name (left by an earlier index of the same folder: a site updated in place, generator/site/output.py)."""
    (folder / STAMP_FILE).unlink(missing_ok=True)  # until the new index is whole
    if whole:
        run_pagefind(pagefind_command(program, site_dir, folder, language))
    else:
        with linked_pages(site_dir, pages) as pages_dir:
            run_pagefind(pagefind_command(program, pages_dir, folder, language))
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)
    if folder != site_dir / SEARCH_DIR:  # a merged part: the first part's script and WebAssembly serve it
        for path in [*(folder / name for name in MERGED_UNUSED), *folder.glob("wasm.*.pagefind")]:
            path.unlink(missing_ok=True)
    prune_index(folder)
    (folder / STAMP_FILE).write_text(stamp, encoding="utf-8")


def run_pagefind(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexFailed(f"Pagefind could not be started: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip())[-2000:]
        raise SearchIndexFailed(f"Pagefind failed (exit {done.returncode}): {said}")


@contextlib.contextmanager
def linked_pages(site_dir: Path, pages: list[str]) -> Iterator[Path]:
    """A folder beside the site holding `pages` at their own paths (hard links, copies where the file system has
    none), so that Pagefind gives them the URLs they have in the site. Removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.search-", dir=site_dir.parent))
    try:
        for page in pages:
            target = folder / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / page, target)
            except OSError:
                shutil.copyfile(site_dir / page, target)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def input_stamp(pages: dict[str, bytes], options: list[str]) -> str:
    """A digest of what Pagefind reads: its version and options, and the pages' paths and digests (site_pages). A
    site updated in place whose pages are all as they were keeps its index: Pagefind would write the same bytes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update("\0".join([pagefind_version(), *options]).encode())
    for page, page_digest in pages.items():
        digest.update(page.encode() + b"\0" + page_digest)
    return digest.hexdigest() + "\n"


def pagefind_version() -> str:
    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def prune_index(folder: Path) -> list[Path]:
    """Delete the index files that pagefind-entry.json and the metadata it names do not refer to (left from an
    earlier index of the same folder); nothing when the entry file cannot be read. Returns what was deleted."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        hashes = [str(lang["hash"]) for lang in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    named: set[str] = set()
    for current in hashes:
        prefix = re.escape(current.split("_")[0].encode())
        try:  # gzip of Pagefind's own header and CBOR: the hashes are plain text strings inside it
            meta = gzip.decompress((folder / f"pagefind.{current}.pf_meta").read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile):
            return []
        named.update(h.decode() for h in re.findall(prefix + rb"_[0-9a-f]+", meta))
    stale = [p for p in folder.glob("pagefind.*.pf_meta") if p.name.split(".")[1] not in hashes]
    for sub in ("fragment", "index", "filter"):
        stale += [p for p in sorted((folder / sub).glob("*")) if p.is_file() and p.name.split(".")[0] not in named]
    for path in stale:
        path.unlink()
    return stale


def write_search_settings(site_dir: Path, theme_language: str | None, parts: list[str] | None = None) -> None:
    """search/search_index.json with the search settings and no documents (Pagefind has them). The theme hands
    the file's config to the search worker as it is: `pagefind_parts` names the index's parts after the first,
    as paths under pagefind/, for the worker to merge."""
    settings = {"config": {"lang": [theme_language or "en"], "separator": SEPARATOR,
                           "pipeline": ["stopWordFilter"], "pagefind_parts": parts or []}, "docs": []}
    path = site_dir / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, separators=(",", ":")), encoding="utf-8")
