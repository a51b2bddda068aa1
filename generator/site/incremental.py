"""One MkDocs build that reuses the cached HTML of unchanged pages (generator/site/pagecache.py explains the cache).

The TimelinePlugin (generator/site/hooks.py) makes one IncrementalBuild per build and passes MkDocs' events on:

- plan_files: the generated files as MkDocs Files; a page whose entry is usable becomes EXCLUDED;
- start_page / end_markdown: record which paths a page's links looked up while MkDocs converted it;
- start_context / end_page: its search entries (the search plugin adds them in between) and its final HTML,
  stored under its key;
- restore_site (before the search plugin's on_post_build): the cached pages' HTML copied in (unless the site
  folder, a spare updated in place, holds those bytes already), the search index in file order as a clean build
  makes it, and the sitemap drawn again with every page;
- prune_site: in a site folder updated in place, delete the files this build did not make (pages of deleted
  articles, renamed pages);
- finish: keep the entries written (or drop them after a warning), and remove those no longer used.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path, PurePath
from typing import Any

from mkdocs.commands.build import _build_theme_template
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from generator import heldfiles
from generator.site.packed import PackedFile, Pages
from generator.site.pagecache import PageCache, Rendered, page_key

MKDOCS_LOG = logging.getLogger("mkdocs")
# MkDocs notes every link (and nav entry) to an EXCLUDED page at INFO ("... excluded from the built site."): for
# reused pages that is thousands of lines of nothing (a clean build has no such link), so they are dropped.
EXCLUDED_NOTE = " excluded from the built site."
NOTING_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs during the pages' build (not ours: the content's diagnostics)."""

    def __init__(self, own: str) -> None:
        super().__init__(logging.WARNING)
        self.own = own
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != self.own:
            self.count += 1


class _DropExcludedNotes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and record.getMessage().endswith(EXCLUDED_NOTE))


def _search_index(config: Any) -> Any:
    """Material's (or MkDocs') search plugin index, whose entries are a list in page order; None without one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None


class IncrementalBuild:
    """The cache decisions and captures of one MkDocs build."""

    def __init__(self, cache: PageCache | None, own_logger: str) -> None:
        self.cache = cache
        self.reused: dict[str, tuple[str, dict[str, Any]]] = {}  # src_uri -> key, its entry's meta
        self.rendered: dict[str, Rendered] = {}  # src_uri -> what this build rendered
        self.current: Rendered | None = None
        self.search_start = 0
        self.written: list[str] = []
        self.env: Any = None
        self.nav: Any = None
        self.warnings = _Warnings(own_logger)
        self.quiet = _DropExcludedNotes()
        MKDOCS_LOG.addHandler(self.warnings)
        for name in NOTING_LOGGERS:
            logging.getLogger(name).addFilter(self.quiet)

    def plan_files(self, config: Any, theme: list[Any], pages: Pages, descriptions: dict[str, str]) -> Any:
        """The Files of the build: the theme's and the generated ones (their content still packed), reused pages
        marked EXCLUDED."""
        generated = [PackedFile.of(config, rel, pages.packed(rel)) for rel in sorted(pages)]
        files = _RecordingFiles(theme + generated, self)
        if self.cache is None:
            return files
        for f in generated:
            if not f.src_uri.endswith(".md"):
                continue
            key = page_key(f.src_uri, pages.packed(f.src_uri), descriptions.get(f.src_uri))
            meta = self.cache.meta(key)
            if meta is not None and all((files.src_uris.get(p) is not None) == found
                                        for p, found in meta["lookups"].items()):
                f.inclusion = InclusionLevel.EXCLUDED
                self.reused[f.src_uri] = (key, meta)
            else:
                self.rendered[f.src_uri] = Rendered(key)
        return files

    def start_page(self, page: Any) -> None:
        self.current = self.rendered.setdefault(page.file.src_uri, Rendered(None))

    def end_markdown(self) -> None:
        self.current = None

    def looked_up(self, path: str, found: bool) -> None:
        if self.current is not None:
            self.current.lookups[path] = found

    def start_context(self, config: Any) -> None:
        index = _search_index(config)
        self.search_start = len(index.entries) if index is not None else 0

    def end_page(self, output: str, page: Any, config: Any) -> None:
        """Keep the page's search entries, and its HTML (encoded as MkDocs writes it) under its key."""
        done = self.rendered.get(page.file.src_uri)
        if done is None:
            return
        index = _search_index(config)
        done.search = list(index.entries[self.search_start:]) if index is not None else []
        if self.cache is not None and done.key is not None and output.strip():
            anchors = {"ids": sorted(page.present_anchor_ids or ()),
                       "links": {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}}
            self.cache.store(done.key, output.encode("utf-8", errors="xmlcharrefreplace"), done.search,
                             done.lookups, anchors)
            self.written.append(done.key)

    def stand_in_pages(self, config: Any, files: Any) -> None:
        """Give each reused page a Page with the anchors it has and links to, as MkDocs checks anchor links (a
        clean build warns about a link to a missing anchor, from a reused page or to one)."""
        for src_uri, (_, meta) in self.reused.items():
            f = files.src_uris[src_uri]
            page = f.page
            if page is None:
                page = _StandIn(None, f, config)
            else:  # a page of the nav: the theme's nav reads its front matter (icon, status) on every page
                page.meta = get_data(f.content_string)[1]
            page.present_anchor_ids = set(meta["anchors"]["ids"])
            page.links_to_anchors = {}
            for target_uri, links in meta["anchors"]["links"].items():
                target = files.src_uris.get(target_uri)
                if target is not None:
                    page.links_to_anchors[target] = links

    def restore_site(self, config: Any, files: Any) -> None:
        """Copy the reused pages in, put their search entries back in file order and draw the sitemap again."""
        if self.cache is None or not (self.reused or heldfiles.holding()):  # nothing to put in, nor to note
            return
        entries: list[Any] = []
        for f in files.documentation_pages(inclusion=InclusionLevel.all):
            if f.src_uri in self.reused:
                key, meta = self.reused[f.src_uri]
                _restore_page(key, self.cache.html(key), Path(f.abs_dest_path))
                entries.extend(meta["search"])
                f.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
                f.inclusion = InclusionLevel.INCLUDED  # for the sitemap
            elif f.src_uri in self.rendered:
                done = self.rendered[f.src_uri]
                entries.extend(done.search)
                if done.key is not None:  # MkDocs wrote it: the bytes the cache holds under its key
                    _note_in_place(done.key, Path(f.abs_dest_path))
        if not self.reused:
            return
        index = _search_index(config)
        if index is not None:
            index.entries = entries
        # The sitemap lists only the pages MkDocs built: drawn again by MkDocs' own code, now with them all.
        if "sitemap.xml" in config.theme.static_templates and self.env is not None:
            _build_theme_template("sitemap.xml", self.env, files, config, self.nav)

    def finish(self, ok: bool) -> None:
        """Keep this build's entries unless it failed or warned; then drop the entries it did not use."""
        MKDOCS_LOG.removeHandler(self.warnings)
        for name in NOTING_LOGGERS:
            logging.getLogger(name).removeFilter(self.quiet)
        if self.cache is None:
            return
        if not ok or self.warnings.count:
            self.cache.discard(self.written)
            return
        self.cache.keep_only({k for k, _ in self.reused.values()} | set(self.written))


class _StandIn(Page):
    """A reused page's Page. Its addresses are remembered while the process holds what it built (`mkdocs serve`):
    MkDocs' urljoin for each of 2,600 reused pages was 45 ms of every save at 1,000 articles."""

    def _set_canonical_url(self, base: str | None) -> None:
        if not heldfiles.holding():
            super()._set_canonical_url(base)
            return
        key = f"url\0{base}\0{self.url}"
        found = heldfiles.entry(key)
        if found is None:
            super()._set_canonical_url(base)
            heldfiles.keep_entry(key, found := (self.canonical_url, self.abs_url))
        self.canonical_url, self.abs_url = found


def _restore_page(key: str, source: Path, dest: Path) -> None:
    """A reused page's HTML into the site, unless it is there already (_note_in_place)."""
    with contextlib.suppress(OSError):
        if heldfiles.holding() and heldfiles.entry(f"site\0{dest}") == (key, heldfiles.identity(dest)):
            return
    _copy_if_changed(source, dest)
    _note_in_place(key, dest)


def _note_in_place(key: str, dest: Path) -> None:
    """`mkdocs serve` (heldfiles holding) notes which entry a site file holds: while the file keeps that identity,
    it holds the entry's bytes, and the next build need not read it to know."""
    if heldfiles.holding():
        with contextlib.suppress(OSError):
            heldfiles.keep_entry(f"site\0{dest}", (key, heldfiles.identity(dest)))


def _copy_if_changed(source: Path, dest: Path) -> None:
    """Copy unless dest holds the same bytes: reading is cheap, while writing thousands of files is what costs
    (a site updated in place mostly holds them already)."""
    try:
        if dest.read_bytes() == source.read_bytes():
            return
    except OSError:
        dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)


def refresh_copies(files: Any) -> None:
    """In a site folder updated in place, MkDocs' dirty mode copies a theme file only when its source is newer than
    the copy: a copy spoiled since, or a theme installed with older file times, would stay. Copied files are
    checked by their bytes instead (some 150 small files)."""
    for f in files:
        if f.abs_src_path and not f.inclusion.is_excluded() and not f.is_documentation_page():
            _copy_if_changed(Path(f.abs_src_path), Path(f.abs_dest_path))


def prune_site(site_dir: Path, files: Any, config: Any, keep: tuple[str, ...]) -> list[str]:
    """Delete what the site folder holds but this build did not write: the files and pages of MkDocs' Files,
    the theme's static templates (404.html, the sitemap), the relative paths in `keep` and everything under a
    folder of `keep` ending in "/" stay. Empty folders go too. Returns the relative paths deleted."""
    made = {f.dest_uri for f in files if not f.inclusion.is_excluded()}
    made |= set(config.theme.static_templates) | {"sitemap.xml.gz"} | {k for k in keep if not k.endswith("/")}
    # `mkdocs serve` (heldfiles holding) writes its folder alone: after one pruning it holds only what the build
    # made, so while no build makes less than the last one pruned for, nothing is left to delete.
    last = heldfiles.entry(f"prune\0{site_dir}")
    if last is not None and made >= last:
        heldfiles.keep_entry(f"prune\0{site_dir}", made)
        return []
    folders = tuple(k for k in keep if k.endswith("/"))
    deleted = []
    for folder, _dirs, names in os.walk(site_dir, topdown=False):
        rel = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        if prefix.startswith(folders):
            continue
        for name in sorted(names):
            if prefix + name not in made:
                os.unlink(os.path.join(folder, name))
                deleted.append(prefix + name)
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    heldfiles.keep_entry(f"prune\0{site_dir}", made)
    return sorted(deleted)


class _RecordingFiles(Files):
    """MkDocs' Files, telling the build which paths a page's links looked up and whether they were found."""

    def __init__(self, files: list[Any], build: IncrementalBuild) -> None:
        super().__init__(files)
        self._build = build

    def get_file_from_path(self, path: str) -> Any:
        """As MkDocs finds a page's link (and records it). The build's own look-ups go to src_uris: their paths are
        src_uris already, and PurePath's normalising of 5,000 of them was 40 ms of every save."""
        found = super().get_file_from_path(path)
        self._build.looked_up(PurePath(path).as_posix(), found is not None)
        return found
