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
"""

from __future__ import annotations

import ctypes
import gc
import json
import subprocess
from pathlib import Path

SEARCH_DIR = "pagefind"  # the index's folder in the site
SETTINGS_FILE = "search/search_index.json"  # where the theme's page script reads the search settings
# What is indexed on each page: the page's article, not the header, navigation and footer every page repeats.
ROOT_SELECTOR = "article.md-content__inner"
# Not indexed: the heading permalinks' pilcrows and what the pages mark data-search-exclude (as for Material's
# search: the lanes chart repeats the titles the page lists).
EXCLUDE_SELECTORS = (".headerlink", "[data-search-exclude]")
# Pagefind's ready-made interfaces: the site uses Material's box instead, so nothing loads them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
SEPARATOR = r"[\s\-]+"  # Material's default: the theme's highlighting splits the query with it


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
    write_search_settings(site_dir, theme_language)


def write_search_settings(site_dir: Path, theme_language: str | None) -> None:
    """search/search_index.json with the search settings and no documents (Pagefind has them)."""
    settings = {"config": {"lang": [theme_language or "en"], "separator": SEPARATOR,
                           "pipeline": ["stopWordFilter"]}, "docs": []}
    path = site_dir / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, separators=(",", ":")), encoding="utf-8")
