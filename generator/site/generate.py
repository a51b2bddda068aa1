"""One generation of the site: settings and content in, the Timeline and its rendered pages out.

`build`, `check` and the MkDocs hooks all call generate(); nothing is handed between them through module
variables. The project folder is the one holding mkdocs.yml: templates and timeline.yml sit beside it.
"""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateSyntaxError

from generator import memos
from generator.cache import cache_dir_for
from generator.claims import nlp
from generator.config import Config, load_config
from generator.diagnostics import Code, Diagnostic, Location
from generator.events.pages import event_address
from generator.inputs.files import display_path
from generator.inputs.redirects import Redirects, save_redirects
from generator.inputs.site import SiteSettings, read_site_settings, site_address
from generator.models import Incident, Timeline
from generator.pipeline import Step, make_timeline
from generator.resources import project_dir, tool_dir
from generator.site.icons import ICONS_CSS, icon_stylesheet, theme_dirs, used_icons
from generator.site.packed import Pages
from generator.site.progress import Progress
from generator.site.redirects import redirect_pages
from generator.site.render import day_span, render_pages
from generator.site.rendermemo import RenderCache
from generator.site.templatecache import TemplateCache
from generator.site.watch import writing

PROJECT = tool_dir()  # the folder of mkdocs.yml, templates/ and overrides/ (generator/resources.py)

# The address a deploy publishes at, given by the deploy itself (the workflow sets it from actions/configure-pages'
# base_url): it outranks the settings files, which can only say where the site was meant to go.
SITE_URL_ENV = "TIMELINE_SITE_URL"
DEFAULT_TITLE = Config.title  # mkdocs.yml's neutral site_name: a placeholder the content's own title replaces


@dataclass(frozen=True)
class Generated:
    """One generation of the site: the Timeline and its pages (Markdown, data files, stylesheet)."""

    timeline: Timeline
    pages: Pages | dict[str, str]  # Pages from rendering; the page names alone once MkDocs has them


def shell(t: Timeline) -> Timeline:
    """The Timeline without its articles, events, incidents and diagnostics: what a build needs of it once MkDocs
    has the pages (the site's title and address, the page names to keep). At 10,000 articles the whole Timeline
    is a few hundred MB, held otherwise beside Pagefind."""
    return replace(t, articles=[], events=[], diagnostics=[], inferred={}, inputs=[], incidents=[], review=[])


def read_mkdocs_yml(mkdocs_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data ({} when it cannot be read); MkDocs' own tags (!ENV, !!python/name) read as None."""
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(mkdocs_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def site_title(site: SiteSettings, mkdocs: dict[str, Any], incidents: list[Incident],
               config: Config) -> tuple[str, str]:
    """The site's title and description, each from the first that sets it: the content's site.yml; mkdocs.yml's
    site_name and site_description (a site_name equal to the neutral default does not count: it is the
    project's placeholder, not a name); the incidents (one: its title; several: how many); the defaults."""
    name, about = mkdocs.get("site_name"), mkdocs.get("site_description")
    name = name if isinstance(name, str) and name.strip() and name.strip() != DEFAULT_TITLE else None
    about = about if isinstance(about, str) and about.strip() else None
    derived_title, derived_about = incidents_title(incidents)
    title = site.title or name or derived_title or config.title
    description = site.description or about or derived_about or config.description
    return title, description


def site_url(site: SiteSettings, mkdocs: dict[str, Any], env: Mapping[str, str]) -> str:
    """Where the site is published, from the first that says: $TIMELINE_SITE_URL (the deploy's own address);
    the content's site.yml `url`; mkdocs.yml's site_url; in a GitHub Actions run, the repository's project pages
    (owner/repo -> https://owner.github.io/repo/). "" when none does: the site then works from any folder,
    without absolute addresses."""
    given = site_address(env.get(SITE_URL_ENV, ""))
    if given:
        return given
    if site.url:
        return site.url
    own = mkdocs.get("site_url")
    if isinstance(own, str) and own.strip():
        return site_address(own) or ""
    repo = env.get("GITHUB_REPOSITORY", "") if env.get("GITHUB_ACTIONS") == "true" else ""
    owner, _, name = repo.partition("/")
    if not owner or not name:
        return ""
    host = f"{owner.lower()}.github.io"
    # A repository named after the user's pages host is published at the root of that host.
    return site_address(f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/") or ""


def site_url_problems(env: Mapping[str, str]) -> list[Diagnostic]:
    """A $TIMELINE_SITE_URL that is set but not an address is said, not silently passed over."""
    value = env.get(SITE_URL_ENV, "").strip()
    if not value or site_address(value):
        return []
    return [Diagnostic(Location(f"${SITE_URL_ENV}", 1), "warning", f"{SITE_URL_ENV} must be an http:// or https:// "
                       "address without spaces, quotes or a query; ignored", Code.SETTINGS_INVALID)]


def incidents_title(incidents: list[Incident]) -> tuple[str | None, str | None]:
    """A title and description named after the incidents, for a site that names itself nowhere."""
    if not incidents:
        return None, None
    days = sorted(d for inc in incidents for d in (inc.start, inc.end) if d)
    when = f" ({day_span(days[0], days[-1])})" if days else ""
    if len(incidents) == 1:
        return (f"{incidents[0].title}: timeline and claims",
                f"What happened when during {incidents[0].title}{when}, and who claims which figures, with every "
                "source one click away.")
    return (f"{len(incidents)} incidents: timeline and claims",
            f"{len(incidents)} incidents{when}: what happened when, and who claims which figures, with every source "
            "one click away.")


def load_timeline(content: Path, mkdocs_file: Path, settings: Path | None,
                  progress: Step | None = None) -> Timeline:
    """Settings + content -> Timeline, with settings problems among the diagnostics.

    The extraction of each article is cached in .cache/ of the project folder (generator/cache.py,
    generator/resources.py).
    """
    config, diags = load_config(settings)
    site, site_diags = read_site_settings(content, config.symlinks)
    config = replace(config, cache_dir=cache_dir_for(project_dir(mkdocs_file)))
    t = make_timeline(content, config, [*diags, *site_diags, *site_url_problems(os.environ)], progress)
    mkdocs = read_mkdocs_yml(mkdocs_file)
    title, description = site_title(site, mkdocs, t.incidents, config)
    return replace(t, title=title, description=description, url=site_url(site, mkdocs, os.environ))


def generate(content: Path, mkdocs_file: Path, templates: Path, settings: Path | None,
             progress: Progress | None = None, keep_parser: bool = True) -> tuple[Timeline, Pages | None]:
    """Content -> Timeline and its rendered pages (None when a template is broken; its error is a diagnostic).

    keep_parser=False (`build`, which analyses once) lets the parser go once the articles are analysed
    (release_parser), and the analysis' memos once the pages are rendered (generator/memos.py)."""
    t = load_timeline(content, mkdocs_file, settings, progress.update if progress else None)
    if not keep_parser:
        release_parser()
    if progress:
        progress.update("rendering pages", 0, 1)
    # Compiled templates are kept between builds, beside the extraction cache (and off with it).
    folder = cache_dir_for(project_dir(mkdocs_file))
    # So are the rendered pages: one whose inputs did not change is not rendered again (generator/site/rendermemo.py).
    kept = RenderCache.open(folder) if folder else None
    pages, render_diags = render_site(t, templates, TemplateCache(folder) if folder else None, kept)
    if pages is not None:
        if kept is not None:
            kept.save()
        titles = {f"articles/{a.id}/": a.title for a in t.articles}
        titles.update({event_address(e): e.title for e in t.events})
        titles.update({f"incidents/{i.id}/": i.title for i in t.incidents})
        pages.update(redirect_pages(t.redirects, titles, t.url))
        # The theme's icons, drawn from one stylesheet rather than inline on every page (generator/site/icons.py).
        theme = read_mkdocs_yml(mkdocs_file).get("theme") or {}
        pages[ICONS_CSS] = icon_stylesheet(used_icons(theme), theme_dirs(mkdocs_file.resolve().parent, theme))
    if not keep_parser:
        memos.forget_all()
    if progress:
        progress.finish()
    return replace(t, diagnostics=[*t.diagnostics, *render_diags]), pages


def release_parser() -> None:
    """Let the parser go: the model and its cached parses (about 110 MB) would otherwise stay through rendering,
    MkDocs and Pagefind, the build's peak. `build` analyses once; `mkdocs serve` keeps the model for the next
    save (and `check` ends here anyway)."""
    nlp.clear_cache()
    nlp._load.cache_clear()  # parser() and parser_status() would load it again
    gc.collect()


def render_site(t: Timeline, templates: Path, bytecode_cache: TemplateCache | None = None,
                kept: RenderCache | None = None) -> tuple[Pages | None, list[Diagnostic]]:
    """Render every page; a broken template becomes an error at the template's line instead of a traceback."""
    try:
        return render_pages(t, templates, bytecode_cache, kept), []
    except Exception as exc:  # TemplateSyntaxError, UndefinedError, a filter that raised ...
        where = Location(display_path(templates, templates), 1)
        if isinstance(exc, TemplateSyntaxError) and exc.filename:
            where = Location(display_path(Path(exc.filename), templates), exc.lineno or 1)
        else:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
            if frames:
                where = Location(display_path(Path(frames[-1].filename), templates), frames[-1].lineno or 1)
        return None, [Diagnostic(where, "error", f"template error: {type(exc).__name__}: {exc}",
                                 Code.TEMPLATE_ERROR)]


def keep_page_names(t: Timeline) -> str | None:
    """After a build: write content/redirects.yml with the page names the site has now (only when they changed,
    so an unchanged site leaves the file alone), as make_timeline planned it. A message when it could not be
    written, else None."""
    if t.redirects_text is not None and t.redirects_file is not None:
        writing(t.redirects_file, t.redirects_text.encode("utf-8"))  # not a change for `mkdocs serve` (watch.py)
    return save_redirects(Redirects(t.redirects, t.redirects_text, t.redirects_file))
