"""The cache of each generated page's final HTML, so a rebuild hands MkDocs only the pages that changed.

MkDocs spends most of a build converting Markdown and rendering the theme around it. The final HTML of a
generated page is a function of:

- its own Markdown and description (its key), and which of the paths its links name exist among the site's
  files (MkDocs rewrites a link to a file that exists and leaves it as written otherwise: each page records the
  paths it looked up, and an entry is only used when every one of them exists or is missing as it did then);
- the site fingerprint: the MkDocs settings that reach a page (site name and address, theme, palette, features,
  nav, Markdown extensions, extra CSS and scripts, plugin settings), the files of the theme's custom_dir, the
  MkDocs and Material versions and the source of the hooks that change a page (site_fingerprint). The nav must
  give every entry its title: a title read from a page's Markdown would reach every page's nav, so without
  titles no page is reused. A page in the nav has its previous and next pages from the nav (in the fingerprint),
  and the nav on every page reads the nav pages' front matter, which a reused one gets back.

A page with an entry is handed to MkDocs as EXCLUDED, which it neither converts nor renders but still links to;
its HTML is copied in after the build, its search entries are put back in file order before the search plugin
writes the index, and the sitemap is drawn again with every page (generator/site/incremental.py). A build that
logged a warning about a page keeps none of the entries it wrote (a reused page would never repeat the
warning). TIMELINE_CACHE=off turns this off with the extraction cache (generator/cache.py).

Entries live in .cache/pages-<fingerprint>/: <key>.html (the bytes MkDocs wrote) and <key>.json (search entries
and looked-up paths), written whole (temporary file, then rename). After a build without warnings the entries
it did not use are removed, so the folder holds one site; folders of other fingerprints are pruned as the
extraction's are.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import heldfiles
from generator.atomic import write_whole
from generator.cache import prune_versions
from generator.site.packed import Text, unpack

FORMAT = 3  # of the entries: raise it when what an entry holds changes shape
KEEP_FINGERPRINTS = 3  # page folders kept: `mkdocs serve`, `mkdocs build` and `generator build` differ
# Our code that changes a page's HTML: the hooks (descriptions), their helpers and this module.
OWN_SOURCES = ("hooks.py", "meta.py", "passthrough.py", "minify.py", "pagecache.py", "../atomic.py", "../escape.py")
# MkDocs settings that reach the HTML of a page (docs_dir, site_dir and the like do not).
PAGE_SETTINGS = ("site_name", "site_description", "site_url", "site_author", "copyright", "repo_url", "repo_name",
                 "edit_uri", "edit_uri_template", "use_directory_urls", "nav", "extra", "extra_css",
                 "extra_javascript", "markdown_extensions", "mdx_configs", "validation", "strict")


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def files_digest(folder: Path) -> str:
    """The names and bytes of every file under folder (a theme's, the templates'), as one digest."""
    digest = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def _nav_paths(nav: Any) -> list[str] | None:
    """The pages named in the nav, or None when an entry has no title of its own (then a page's title, read from
    its Markdown, would reach every page's nav, and no page could be reused)."""
    paths: list[str] = []
    for item in nav if isinstance(nav, list) else []:
        if not isinstance(item, dict):
            return None
        for value in item.values():
            inner = _nav_paths(value) if isinstance(value, list) else [value] if isinstance(value, str) else None
            if inner is None:
                return None
            paths.extend(inner)
    return paths


def site_fingerprint(config: Any) -> str | None:
    """The hash of everything besides a page's own Markdown that reaches its HTML; None when pages cannot be
    reused at all (no nav of titled entries)."""
    if _nav_paths(config.nav) is None or not config.nav:
        return None
    here = Path(__file__).resolve().parent
    theme = config.theme
    data = {
        "format": FORMAT,
        "settings": {name: config.get(name) for name in PAGE_SETTINGS},
        "theme": dict(theme.items()),
        "own_theme": [files_digest(Path(d)) for d in theme.dirs if not _installed(Path(d))],
        "plugins": {name: dict(p.config) if hasattr(p, "config") else type(p).__name__
                    for name, p in config.plugins.items()},
        "hooks": [files_digest(Path(h).parent) + Path(h).name for h in _hook_files(config)],
        "versions": [_version(p) for p in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")],
        "own": [(here / name).read_bytes().hex() for name in OWN_SOURCES],
    }
    return _digest(data)


def _installed(folder: Path) -> bool:
    """A theme folder of an installed package (its version is in the fingerprint) rather than the project's."""
    return any(part in ("site-packages", "dist-packages") for part in folder.resolve().parts)


def _hook_files(config: Any) -> list[str]:
    """The files of mkdocs.yml's hooks (their code may change any page)."""
    base = Path(config.config_file_path or ".").resolve().parent
    return sorted(str((base / h).resolve()) for h in (config.get("hooks") or []) if (base / h).is_file())


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


@heldfiles.by_text  # `mkdocs serve`: an unchanged page's Markdown is the same text object as at the last build
def page_key(src_uri: str, markdown: Text, description: str | None) -> str:
    """The page's cache key: a digest of its path, its Markdown (the text, however it is held) and its
    description."""
    return _digest([src_uri, unpack(markdown), description])


@dataclass(frozen=True)
class PageCache:
    """The entries of one site fingerprint: <key>.html and <key>.json in one folder."""

    folder: Path

    @classmethod
    def open(cls, root: Path | None, fingerprint: str | None) -> PageCache | None:
        if root is None or fingerprint is None:
            return None
        folder = root / f"pages-{fingerprint[:24]}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a file in the way, a read-only disk: build without the cache
            return None
        prune_versions(root, folder, KEEP_FINGERPRINTS)
        return cls(folder)

    def html(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def _meta_path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def meta(self, key: str) -> dict[str, Any] | None:
        """The entry's search entries and looked-up paths, or None when there is no whole entry."""
        path = self._meta_path(key)
        data = heldfiles.entry(f"page\0{path}")  # `mkdocs serve`: read once (an entry's key is its content's hash)
        if data is None:
            try:
                data = json.loads(path.read_bytes())
            except (OSError, ValueError):
                return None
            if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
                return None
            heldfiles.keep_entry(f"page\0{path}", data)
        if not self.html(key).is_file():
            return None
        return data

    def store(self, key: str, html: bytes, search: list[Any], lookups: dict[str, bool],
              anchors: dict[str, Any]) -> None:
        """Write the HTML, then the entry that makes it usable; a cache that cannot be written is skipped."""
        meta = {"format": FORMAT, "key": key, "search": search, "lookups": lookups, "anchors": anchors}
        text = json.dumps(meta, ensure_ascii=True, separators=(",", ":"))
        with contextlib.suppress(OSError):
            self.html(key).parent.mkdir(exist_ok=True)
            write_whole(self.html(key), html)
            write_whole(self._meta_path(key), text.encode("ascii"))
            if heldfiles.holding():  # `mkdocs serve`: as meta() would read it back
                heldfiles.keep_entry(f"page\0{self._meta_path(key)}", json.loads(text))

    def discard(self, keys: Iterable[str]) -> None:
        for key in keys:
            for path in (self._meta_path(key), self.html(key)):
                with contextlib.suppress(OSError):
                    path.unlink()

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries of pages this site no longer has (or has with other Markdown)."""
        with contextlib.suppress(OSError):
            for path in self.folder.glob("*/*"):
                if path.name.split(".")[0] not in keys:
                    with contextlib.suppress(OSError):
                        path.unlink()



@dataclass
class Rendered:
    """What one page rendered by MkDocs in this build leaves for the cache."""

    key: str | None  # None: the build has no page cache
    search: list[Any] = field(default_factory=list)
    lookups: dict[str, bool] = field(default_factory=dict)
