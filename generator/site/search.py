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
the same pages.

A build may update an earlier site in place (generator/site/output.py keeps a spare). Pagefind then writes only
the files it has not written before (their names are hashes of their bytes) and leaves the others, so
prune_index deletes the chunks, fragments and metadata the new index no longer names; and when no page changed
at all (input_stamp), Pagefind is not run.
"""

from __future__ import annotations

import ctypes
import gc
import gzip
import hashlib
import json
import re
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

SEARCH_DIR = "pagefind"  # the index's folder in the site
STAMP_FILE = "timeline-input.txt"  # in SEARCH_DIR: the digest of the pages indexed (input_stamp)
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
SEPARATOR = r"[\s\-]+"  # Material's default: the theme's highlighting splits the query with it


ROOT_TAG = '<article class="md-content__inner md-typeset">'  # the element ROOT_SELECTOR finds, as the theme writes it


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


def pagefind_command(program: Path, site_dir: Path, language: str) -> list[str]:
    """The command that indexes the built site into site_dir/pagefind."""
    command = [str(program), "--site", str(site_dir), "--output-subdir", SEARCH_DIR,
               "--root-selector", ROOT_SELECTOR, "--force-language", language, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def return_free_memory() -> None:
    """Give the memory the build has freed back to the system before Pagefind runs beside it (their peaks add
    up): glibc keeps freed blocks for the process otherwise. Elsewhere (no malloc_trim) nothing is done."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return
    trim(0)


def index_site(site_dir: Path, theme_language: str | None) -> None:
    """Write Pagefind's index of the built site, and the settings file the theme reads; drop Pagefind's unused
    ready-made interfaces."""
    command = pagefind_command(pagefind_program(), site_dir, index_language(theme_language))
    stamp = input_stamp(site_dir, command)
    stamp_file = site_dir / SEARCH_DIR / STAMP_FILE
    if _read(stamp_file) == stamp and (site_dir / SEARCH_DIR / "pagefind-entry.json").is_file():
        write_search_settings(site_dir, theme_language)  # the index of these very pages is there already
        return
    stamp_file.unlink(missing_ok=True)  # until the new index is whole
    return_free_memory()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexFailed(f"Pagefind could not be started: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip())[-2000:]
        raise SearchIndexFailed(f"Pagefind failed (exit {done.returncode}): {said}")
    for name in UNUSED:
        (site_dir / SEARCH_DIR / name).unlink(missing_ok=True)
    prune_index(site_dir / SEARCH_DIR)
    stamp_file.write_text(stamp, encoding="utf-8")
    write_search_settings(site_dir, theme_language)


def input_stamp(site_dir: Path, command: list[str]) -> str:
    """A digest of what Pagefind reads: its version and options, and every page's path and bytes. A site updated
    in place whose pages are all as they were keeps its index: Pagefind would write the same bytes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update("\0".join([pagefind_version(), *command[3:]]).encode())  # not the program's or site's path
    for path in sorted(p for p in site_dir.rglob("*.html") if SEARCH_DIR not in p.relative_to(site_dir).parts):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
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


def write_search_settings(site_dir: Path, theme_language: str | None) -> None:
    """search/search_index.json with the search settings and no documents (Pagefind has them)."""
    settings = {"config": {"lang": [theme_language or "en"], "separator": SEPARATOR,
                           "pipeline": ["stopWordFilter"]}, "docs": []}
    path = site_dir / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, separators=(",", ":")), encoding="utf-8")
