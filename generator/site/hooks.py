"""MkDocs hooks, registered in mkdocs.yml: plain `mkdocs build` and `mkdocs serve` generate the site's pages.

`docs_dir` is the articles folder. on_config turns the articles into pages and points MkDocs at an empty
folder instead, so MkDocs never walks the articles (a link loop there would hang it) and never publishes a file
of them as it is; on_files adds the generated pages, those unchanged since an earlier build taken from the
page cache (the page events after it: generator/site/incremental.py); on_pre_build marks the site folder as
this tool's;
on_serve watches the articles, the templates and the settings, so saving an article, a template or
timeline.yml regenerates the preview.

The events live on a TimelinePlugin object. MkDocs loads this file once per process (every rebuild of
`mkdocs serve` reuses it), so the module's own plugin generates the pages anew at each on_config;
`python -m generator build` registers a plugin of its own that carries the pages it generated already
(generator.site.build.run_mkdocs). Nothing else is shared.
"""

from __future__ import annotations

import atexit
import calendar
import functools
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:  # MkDocs loads this file by path, from any working directory
    sys.path.insert(0, _ROOT)

from generator import heldfiles  # noqa: E402
from generator.cache import cache_dir_for  # noqa: E402
from generator.claims import nlp  # noqa: E402
from generator.diagnostics import Diagnostic  # noqa: E402
from generator.escape import attr, terminal  # noqa: E402
from generator.inputs.files import ContentUnreadable  # noqa: E402
from generator.models import Timeline  # noqa: E402
from generator.resources import project_dir  # noqa: E402
from generator.site.frame import add_frame_script, find_frame_template  # noqa: E402
from generator.site.generate import Generated, generate, keep_page_names, shell  # noqa: E402
from generator.site.meta import page_descriptions, text_description  # noqa: E402
from generator.site.minify import collapse_whitespace  # noqa: E402
from generator.site.output import MARKER, OutputRefused, check_site_dir, is_serve_dir, write_marker  # noqa: E402
from generator.site.packed import PackedFile, Pages  # noqa: E402
from generator.site.passthrough import Stashed, stash_blocks  # noqa: E402
from generator.site.search import (  # noqa: E402
    SEARCH_DIR,
    SETTINGS_FILE,
    SearchIndexFailed,
    index_site,
    mark_unindexed,
    write_search_settings,
)
from generator.site.servegc import IdleCollector  # noqa: E402
from generator.site.sidecar import Sidecar, SidecarFailed  # noqa: E402
from generator.site.templatecache import TemplateCache  # noqa: E402
from generator.site.themefiles import keep_theme_listing  # noqa: E402
from generator.site.watch import watch  # noqa: E402

log = logging.getLogger("mkdocs.hooks.timeline")
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.DEBUG}
# The sitemap's gzip header holds the build time in 32 bits, and dates outside the years the tool reads
# (1000-2100) are typing errors: the stamp is clamped to 1970-01-01 .. 2100-12-31.
EPOCH_MAX = calendar.timegm((2100, 12, 31, 0, 0, 0))


def content_epoch(t: Timeline) -> int:
    """The newest publication day as seconds since 1970, clamped: the build's reproducible timestamp."""
    stamps = []
    for a in t.articles:
        try:
            stamps.append(calendar.timegm(time.strptime((a.published or "")[:10], "%Y-%m-%d")))
        except (ValueError, OverflowError):
            continue
    return min(max(max(stamps, default=0), 0), EPOCH_MAX)


@contextmanager
def source_date_epoch(t: Timeline | int) -> Iterator[None]:
    """MkDocs stamps the sitemap with the build time; pin it to the content (or to content_epoch made already) so
    output is reproducible."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(t if isinstance(t, int) else content_epoch(t))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


class TimelinePlugin:
    """The MkDocs events of the timeline site, for one build."""

    def __init__(self, pages: Generated | None = None) -> None:
        self.pages = pages  # pages made before MkDocs ran; None: each on_config makes them
        self.generated: Generated | None = None  # the pages of the build under way
        self.content: Path | None = None  # the articles folder, when on_config read it (for serve to watch)
        self.epoch: ExitStack | None = None  # a SOURCE_DATE_EPOCH this plugin set, to restore afterwards
        self.descriptions: dict[str, str] = {}  # page source path -> its description, for the build under way
        self.stashed: dict[str, Stashed] = {}  # page source path -> its raw HTML blocks, from markdown to content
        self.held: dict[str, bytes] = {}  # page source path -> its HTML, compressed, from content to context
        self.incremental: Any = None  # the IncrementalBuild under way (generator/site/incremental.py)
        self.files: Any = None  # the Files of the build under way
        self.preload: threading.Thread | None = None  # the parser loading in the background (`mkdocs serve`)
        self.idle: IdleCollector | None = None  # `mkdocs serve`: the collections between its builds (servegc.py)
        self.sidecar: Sidecar | None = None  # the process writing the data exports meanwhile (sidecar.py)

    def on_config(self, config: Any) -> Any:
        """Generate the pages from docs_dir (the articles) unless they came with the plugin; then let MkDocs
        read an empty docs_dir. (MkDocs keeps a hooks file loaded for the whole of `mkdocs serve`, so every
        rebuild comes through here again.)"""
        if self.idle is not None:
            self.idle.build_started()
            heldfiles.new_build()
        elif is_serve_dir(Path(config.site_dir)):  # `mkdocs serve`'s first build: hold its caches (heldfiles.py),
            heldfiles.hold()                        # and load the parser meanwhile, for the editor's first save
            self.preload = nlp.preload()
        self.generated = self.pages
        if self.generated is None:
            self.generated = self._generate(config)
            self.content = Path(config.docs_dir)
            config.docs_dir = str(_empty_docs_dir())
            if not _valid_epoch(os.environ.get("SOURCE_DATE_EPOCH")):  # reproducible sitemap dates
                self.epoch = ExitStack()
                self.epoch.enter_context(source_date_epoch(self.generated.timeline))
        # The page header shows the content's own title (content/site.yml, else the incidents'), not the
        # placeholder of mkdocs.yml. The theme prints both raw, into text and attributes (MkDocs' Jinja does not
        # escape), and they now come from the content: escaped for an HTML attribute, which suits text too.
        config["site_name"] = attr(self.generated.timeline.title)
        config["site_description"] = attr(self.generated.timeline.description)
        # Where the site is published (site.yml's url, mkdocs.yml's site_url or the GitHub repository's pages):
        # canonical links, the sitemap and the 404 page's paths follow it.
        if self.generated.timeline.url:
            config["site_url"] = self.generated.timeline.url
        self.descriptions = page_descriptions(self.generated.timeline)
        # The theme's palette toggle, search dialog and page config: one file for every page, rendered by MkDocs
        # like the sitemap (overrides/partials/frame.js.html), instead of about 3 KB of every page; the header
        # loads it when the theme names it (a build without these hooks writes them into each page).
        add_frame_script(config)
        keep_theme_listing(config.theme)  # `mkdocs serve`: the installed theme's files listed once
        return config

    def _generate(self, config: Any) -> Generated:
        from mkdocs.exceptions import PluginError

        project = Path(config.config_file_path).resolve().parent
        content = Path(config.docs_dir)
        try:
            if not is_serve_dir(Path(config.site_dir)):
                check_site_dir(Path(config.site_dir), content, project)
            t, pages = generate(content, Path(config.config_file_path), project / "templates",
                                project_dir(Path(config.config_file_path)) / "timeline.yml")
        except (OutputRefused, ContentUnreadable) as exc:
            raise PluginError(str(exc)) from exc
        _log(t.diagnostics)
        if pages is None:
            raise PluginError("the timeline pages could not be rendered (see the template error above)")
        if any(o.lapsed for o in t.review):  # as `python -m generator build`: never republish a rejected figure
            raise PluginError("a reject or a correction in the review file matches no claim (see above); "
                              "nothing was built")
        return Generated(t, pages)

    def on_pre_build(self, config: Any) -> None:
        """Mark the site folder as this tool's before MkDocs fills it (its cleaning keeps hidden files)."""
        write_marker(Path(config.site_dir))

    def on_files(self, files: Any, config: Any) -> Any:
        """Replace whatever MkDocs found in docs_dir with the generated pages, data files and stylesheet."""
        from generator.site.incremental import IncrementalBuild
        from generator.site.pagecache import PageCache, site_fingerprint

        assert self.generated is not None, "on_config runs before on_files"
        pages = self.generated.pages
        assert isinstance(pages, Pages), "each build's pages are rendered anew"
        self.held = {}  # from an earlier build of `mkdocs serve --dirty`, which converts pages it does not write
        docs = Path(config.docs_dir).resolve()
        # Keep what MkDocs added from elsewhere (the theme's scripts, stylesheets and fonts).
        theme = [f for f in files if f.src_dir and Path(f.src_dir).resolve() != docs and f.src_uri not in pages]
        # Unchanged pages come from the page cache (generator/site/pagecache.py) instead of being built again.
        cache = PageCache.open(cache_dir_for(project_dir(Path(config.config_file_path))), site_fingerprint(config))
        self.incremental = IncrementalBuild(cache, log.name)
        self.files = self.incremental.plan_files(config, theme, pages, self.descriptions)
        # The data exports need nothing MkDocs makes: a second process writes them while MkDocs builds the pages
        # (MkDocs has emptied the site folder by now, when it does). on_post_build waits for it.
        if self.sidecar is not None:  # an earlier build's, which ended without on_post_build or on_build_error
            self.sidecar.stop()
        self.sidecar = Sidecar.start([f for f in self.files if isinstance(f, PackedFile)
                                      and not f.inclusion.is_excluded()])
        # The Markdown is the files' now, each page's until MkDocs has read it (on_page_markdown); the plugin keeps
        # the page names. (A plugin made with its pages builds once: its next on_config would find no Markdown.)
        self.generated = replace(self.generated, pages=dict.fromkeys(pages, ""))
        if self.pages is not None:  # made for one build, which holds what it needs of the Timeline (build.py):
            self.generated = replace(self.generated, timeline=shell(self.generated.timeline))  # let it go, for
            self.pages = self.generated                                                         # Pagefind's sake
        return self.files

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.incremental.nav = nav  # for the sitemap drawn again after the build
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """The theme's templates come compiled from the last build (generator/site/templatecache.py); the reused
        pages stand in for MkDocs' anchor check."""
        folder = cache_dir_for(project_dir(Path(config.config_file_path)))
        if folder is not None:
            env.bytecode_cache = TemplateCache(folder)
        self.incremental.env = env
        find_frame_template(env)  # assets/frame.js (generator/site/frame.py)
        self.incremental.stand_in_pages(config, files)
        return env

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        """From here to on_page_content MkDocs converts the page: the paths its links look up are recorded."""
        self.incremental.start_page(page)
        return page


    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """The page's HTML back from on_page_content, for its template."""
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")
        self.incremental.start_context(config)
        return context

    @event_priority(-100)  # after every other plugin: the HTML as written
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Collapse the theme's indentation (generator/site/minify.py) and keep a page its front matter excludes from
        search out of Pagefind's index (generator/site/search.py), then store the page's final HTML and
        search entries in the page cache; the page is written, nothing reads its HTML any more (the title was read
        when it was converted)."""
        output = mark_unindexed(collapse_whitespace(output), page.meta)
        self.incremental.end_page(output, page, config)
        page.content = ""
        return output

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Give each generated page its description (the theme and overrides/main.html print it raw into
        attributes: escaped here)."""
        described = self.descriptions.get(page.file.src_uri)
        if described is None and page.file.src_uri != "index.md":
            described = text_description(markdown)
        if described and not page.meta.get("description"):
            page.meta["description"] = attr(described)
        # The raw HTML blocks go around Markdown (generator/site/passthrough.py); on_page_content puts them back.
        stashed = stash_blocks(markdown)
        self.stashed[page.file.src_uri] = stashed
        page.file.content_string = ""  # read: the page has its Markdown (MkDocs writes HTML, never the source)
        return stashed.markdown

    @event_priority(-100)  # after every other plugin: it hands MkDocs no HTML to keep
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Put the page's raw HTML blocks back, and tell MkDocs the ids in them (links to #claim-… anchors are
        checked against them).

        MkDocs converts every page before it writes the first one, and keeps each page's Markdown and HTML: at
        10,000 articles that was hundreds of MB at the build's peak. So the HTML is kept here compressed, until
        on_page_context puts it back for the page's template, and the converted Markdown is dropped (the title
        and the table of contents were read from it already)."""
        stashed = self.stashed.pop(page.file.src_uri, None)
        if stashed is not None:
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= stashed.anchor_ids()
            html = stashed.restore(html)
        self.incremental.end_markdown()  # the page's conversion ends here (generator/site/incremental.py)
        self.held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = ""
        return ""

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """The 404 page is served at any missing address. Without a site_url MkDocs would link it from the
        domain's root ("/assets/..."), which is wrong under a sub-path: make its links relative, for the script
        of overrides/404.html to resolve against the site's root, and give that script the site's top-level
        folders to find the root by."""
        if template_name == "404.html" and not config.get("site_url"):
            context["base_url"] = "."
            pages = self.generated.pages if self.generated else {}
            context["site_folders"] = site_folders(pages)
        return context

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Live preview: watch the articles folder, the templates and the settings file; load the parser meanwhile,
        and collect garbage between builds (generator/site/servegc.py)."""
        project = Path(config.config_file_path).resolve().parent
        folders = [p for p in (self.content, project / "templates") if p is not None]
        settings = [project / "timeline.yml"] if (project / "timeline.yml").exists() else []
        watch(server, folders, settings)  # file events, not MkDocs' polling (generator/site/watch.py)
        heldfiles.hold(defer=True)  # the caches a build writes: held, not read back; written once it is done
        self.preload = self.preload or nlp.preload()  # the parser (unless loading since the first build began)
        self.idle = IdleCollector(before=(heldfiles.flush, nlp.wait_for_preload))
        self.idle.build_finished()  # the first build's
        return server

    @event_priority(100)  # before the search plugin writes its index: the reused pages' entries go in first
    def on_post_build(self, config: Any) -> None:
        """Put the reused pages in (generator/site/incremental.py), then index the whole site for search
        (generator.site.search); keep the articles' page names in content/redirects.yml (when this plugin read the
        articles: plain `mkdocs build` and `serve`; `python -m generator build` does it itself once the site is in
        place), and restore SOURCE_DATE_EPOCH if this plugin set it."""
        from generator.site.incremental import prune_site, refresh_copies

        self._wait_for_sidecar()
        if self.incremental is not None:
            self.incremental.restore_site(config, self.files)
        # A site folder updated in place (a spare, or `mkdocs serve --dirty`) gets the theme's files as they are
        # and loses what this build did not make.
        refresh_copies(self.files)
        prune_site(Path(config.site_dir), self.files, config, (MARKER, SETTINGS_FILE, SEARCH_DIR + "/"))
        self._drop_written()
        self._index(config)  # a failure goes to on_build_error, which keeps none of this build's pages
        if self.incremental is not None:
            self.incremental.finish(ok=True)
            self.incremental = None
        if self.content is not None and self.generated is not None:
            problem = keep_page_names(self.generated.timeline)
            if problem:
                log.warning(terminal(problem))
        self._restore()

    def _wait_for_sidecar(self) -> None:
        from mkdocs.exceptions import PluginError

        sidecar, self.sidecar = self.sidecar, None
        if sidecar is None:
            return
        try:
            sidecar.wait()
        except SidecarFailed as exc:
            self._restore()
            raise PluginError(f"the data exports could not be written: {exc}") from exc

    def _drop_written(self) -> None:
        """The data files (timeline.json, claims.csv ...) are written: their text need not stay beside Pagefind."""
        for f in self.files or []:
            if isinstance(f, PackedFile):
                f.release()

    def _index(self, config: Any) -> None:
        """Pagefind's index of the built site. Not in `mkdocs serve`: indexing every page again at each save
        would delay the preview by seconds (the preview's search box finds nothing)."""
        from mkdocs.exceptions import PluginError

        site = Path(config.site_dir)
        language = config.theme.get("language")
        if is_serve_dir(Path(config.site_dir)):
            write_search_settings(site, language)
            return
        try:
            index_site(site, language)
        except SearchIndexFailed as exc:
            self._restore()
            raise PluginError(f"the search index could not be built: {exc}") from exc

    def on_build_error(self, error: Exception) -> None:
        """Restore SOURCE_DATE_EPOCH after a failed build too, and keep none of its pages (nor the process
        writing its data exports)."""
        if self.sidecar is not None:
            self.sidecar.stop()
            self.sidecar = None
        if self.incremental is not None:
            self.incremental.finish(ok=False)
            self.incremental = None
        self._restore()

    def _restore(self) -> None:
        """The end of a build, done or failed: SOURCE_DATE_EPOCH as it was; in `mkdocs serve`, the idle collection."""
        if self.epoch is not None:
            self.epoch.close()
            self.epoch = None
        if self.idle is not None:
            self.idle.build_finished()


def site_folders(pages: Iterable[str]) -> list[str]:
    """The site's top-level folders: those of the generated files, a folder per top-level page (timeline.md is
    timeline/), and the theme's."""
    tops = {p.split("/")[0] if "/" in p else p.removesuffix(".md") for p in pages if "/" in p or p.endswith(".md")}
    return sorted((tops - {"index"}) | {"assets", "search", SEARCH_DIR})


def _valid_epoch(value: str | None) -> bool:
    """A SOURCE_DATE_EPOCH set outside is kept when MkDocs can use it (the sitemap's gzip header has 32 bits)."""
    return value is not None and value.isdigit() and int(value) <= EPOCH_MAX


@functools.cache
def _empty_docs_dir() -> Path:
    """One empty folder per process for MkDocs' docs_dir (removed at exit): serve rebuilds reuse it."""
    path = Path(tempfile.mkdtemp(prefix="timeline-docs-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def _log(diags: list[Diagnostic]) -> None:
    # Warnings go through MkDocs' logger so that `mkdocs build --strict` fails on them like `generator build --strict`.
    for d in diags:
        log.log(_LEVELS[d.level], terminal(d))
    n_err = sum(d.level == "error" for d in diags)
    n_warn = sum(d.level == "warning" for d in diags)
    log.info(f"timeline: {n_err} errors, {n_warn} warnings in the content (python -m generator check for details)")


# The hooks MkDocs calls for mkdocs.yml's `hooks:` entry.
_PLUGIN = TimelinePlugin()
on_config = _PLUGIN.on_config
on_pre_build = _PLUGIN.on_pre_build
on_files = _PLUGIN.on_files
on_nav = _PLUGIN.on_nav
on_env = _PLUGIN.on_env
on_pre_page = _PLUGIN.on_pre_page
on_page_content = _PLUGIN.on_page_content
on_page_context = _PLUGIN.on_page_context
on_post_page = _PLUGIN.on_post_page
on_page_markdown = _PLUGIN.on_page_markdown
on_template_context = _PLUGIN.on_template_context
on_serve = _PLUGIN.on_serve
on_post_build = _PLUGIN.on_post_build
on_build_error = _PLUGIN.on_build_error
