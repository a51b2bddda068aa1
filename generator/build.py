"""The build: one flat function from content/ to a static site, plus the output I/O edge."""

from __future__ import annotations

import calendar
import logging
import os
import shutil
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import yaml
from jinja2 import TemplateSyntaxError

from generator.config import Config, load_config
from generator.diagnostics import Code
from generator.escape import github_data, github_property, terminal
from generator.models import Diagnostic, Location, Timeline
from generator.output import OutputRefused, check_site_dir, make_work_dir, remove_stale_work, site_lock, swap_in
from generator.pipeline import Step, make_timeline
from generator.progress import Progress
from generator.reader import ContentUnreadable, display_path
from generator.render import counts, render_pages

PROJECT = Path(__file__).resolve().parent.parent
HOOKS = Path(__file__).resolve().parent / "mkdocs_hooks.py"


def site_settings(mkdocs_file: Path, config: Config) -> None:
    """Take the site title and description from mkdocs.yml, so they are written in one place."""
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name: ...
    try:
        data = yaml.load(mkdocs_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506
    except (OSError, yaml.YAMLError):
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("site_name"), str):
        config.title = data["site_name"]
    if isinstance(data.get("site_description"), str):
        config.description = data["site_description"]


def load_timeline(content: Path, mkdocs_file: Path, settings: Path | None,
                  progress: Step | None = None) -> Timeline:
    """Settings + content -> Timeline, with settings problems among the diagnostics."""
    config, diags = load_config(settings)
    site_settings(mkdocs_file, config)
    return make_timeline(content, config, diags, progress)


def generate(content: Path, mkdocs_file: Path, templates: Path, settings: Path | None,
             progress: Progress | None = None) -> tuple[Timeline, dict[str, str] | None]:
    """Content -> Timeline and its rendered pages (None when a template is broken; its error is a diagnostic)."""
    t = load_timeline(content, mkdocs_file, settings, progress.update if progress else None)
    if progress:
        progress.update("rendering pages", 0, 1)
    pages, render_diags = render_site(t, templates)
    t.diagnostics.extend(render_diags)
    if progress:
        progress.clear()
    return t, pages


def content_problem(content: Path) -> str | None:
    """Why the content folder cannot be read at all (missing, not a folder, not listable), else None."""
    if not content.exists():
        return "content folder not found"
    if not content.is_dir():
        return "the content path is not a folder"
    try:
        with os.scandir(content) as entries:
            next(entries, None)
    except OSError as exc:
        return f"cannot read the content folder: {exc.strerror or exc}"
    return None


def content_missing(content: Path) -> bool:
    """Say so (with a file:line like every diagnostic) when the content folder cannot be read; exit 2 then."""
    problem = content_problem(content)
    if problem is None:
        return False
    print(f"{terminal(content)}:1: error: {problem}; nothing was built", file=sys.stderr)
    return True


def render_site(t: Timeline, templates: Path) -> tuple[dict[str, str] | None, list[Diagnostic]]:
    """Render every page; a broken template becomes an error at the template's line instead of a traceback."""
    try:
        return render_pages(t, templates), []
    except Exception as exc:  # TemplateSyntaxError, UndefinedError, a filter that raised ...
        where = Location(display_path(templates, templates), 1)
        if isinstance(exc, TemplateSyntaxError) and exc.filename:
            where = Location(display_path(Path(exc.filename), templates), exc.lineno or 1)
        else:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
            if frames:
                where = Location(display_path(Path(frames[-1].filename), templates), frames[-1].lineno or 1)
        return None, [Diagnostic(where, "error", f"template error: {type(exc).__name__}: {exc}", Code.TEMPLATE_ERROR)]


@dataclass
class Generated:
    """One generation of the site: the Timeline and its pages, handed from build_site to the MkDocs hooks."""

    timeline: Timeline
    pages: dict[str, str]


_handoff: list[Generated] = []  # set while build_site runs MkDocs, so the hooks do not generate twice


def handed_off() -> Generated | None:
    """The pages build_site already generated, when MkDocs runs inside it."""
    return _handoff[-1] if _handoff else None


@contextmanager
def _hand_off(gen: Generated) -> Iterator[None]:
    _handoff.append(gen)
    try:
        yield
    finally:
        _handoff.pop()


def print_diagnostics(diags: list[Diagnostic], verbose: bool = False, stream: TextIO | None = None) -> None:
    """`path:line: level: message` on stderr; notes only when verbose; GitHub annotations under Actions.

    Paths and messages hold text from the content, so terminal control codes in them are shown, not obeyed.
    """
    stream = stream or sys.stderr
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in diags:
        if d.level != "info" or verbose:
            print(terminal(d), file=stream)
        if github and d.level != "info":
            print(github_annotation(d), file=stream)


def github_annotation(d: Diagnostic) -> str:
    """A workflow command that shows the problem on the pull request's changed line."""
    return (f"::{d.level} file={terminal(github_property(d.location.path))},line={d.location.line},"
            f"title=timeline::{terminal(github_data(d.message))}")


def summary(t: Timeline, elapsed: float) -> str:
    """The one-line account of a run: every input file is an article or was skipped with a diagnostic."""
    n = counts(t)
    return (f"{n['articles']} articles from {len(t.inputs)} files, {n['events']} events, {n['claims']} claims; "
            f"{n['errors']} errors, {n['warnings']} warnings, {n['infos']} notes; {elapsed:.1f} s")


def check_content(content: Path, mkdocs_file: Path, strict: bool = False, verbose: bool = False,
                  templates: Path | None = None) -> int:
    """Validate content, settings and templates without building; exit 1 on errors (or warnings if strict),
    2 when the content folder cannot be read."""
    started = time.perf_counter()
    if content_missing(content):
        return 2
    try:
        t, _ = generate(content, mkdocs_file, templates or PROJECT / "templates",
                        mkdocs_file.parent / "timeline.yml", Progress())
    except ContentUnreadable as exc:
        print(f"{terminal(content)}:1: error: {exc}", file=sys.stderr)
        return 2
    print_diagnostics(t.diagnostics, verbose)
    print(f"checked {terminal(content)}: " + summary(t, time.perf_counter() - started), file=sys.stderr)
    return 1 if failed(t.diagnostics, strict) else 0


def failed(diags: list[Diagnostic], strict: bool) -> bool:
    """Errors always fail the exit code; warnings only under --strict."""
    return any(d.level == "error" or (strict and d.level == "warning") for d in diags)


class _PrintWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname}: {record.getMessage()}", file=sys.stderr)


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
def source_date_epoch(t: Timeline) -> Iterator[None]:
    """MkDocs stamps the sitemap with the build time; pin it to the content so output is reproducible."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(t))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def run_mkdocs(mkdocs_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Build with MkDocs in strict mode (any warning is a broken generated link and raises); hooks add the pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config

    logger = logging.getLogger("mkdocs")
    printer = _PrintWarnings()
    logger.addHandler(printer)
    old_level, old_propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        cfg = mkdocs_config(config_file=str(mkdocs_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                            strict=True)
        if not any(Path(getattr(p, "__file__", "") or "").resolve() == HOOKS for p in cfg.plugins.values()):
            from generator import mkdocs_hooks  # a mkdocs.yml that does not register them

            cfg.plugins["generator-hooks"] = mkdocs_hooks  # type: ignore[assignment]
        mkdocs_build(cfg)
    finally:
        logger.removeHandler(printer)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def build_site(content: Path, site_dir: Path, strict: bool = False, mkdocs_file: Path | None = None,
               templates: Path | None = None, settings: Path | None = None, verbose: bool = False) -> int:
    """Generate pages and run MkDocs; the new site replaces site_dir only if the build succeeds.

    Exit codes: 0 built; 1 built with errors in the content (or warnings under --strict, which keeps the old
    site) or MkDocs failed; 2 nothing could be done: the content folder cannot be read, or the site folder
    may not be replaced (see generator.output), or another build holds the lock too long.
    """
    started = time.perf_counter()
    mkdocs_file = mkdocs_file or PROJECT / "mkdocs.yml"
    templates = templates or PROJECT / "templates"
    settings = settings if settings is not None else mkdocs_file.parent / "timeline.yml"
    if content_missing(content):
        return 2
    if refused(site_dir, content, mkdocs_file.parent):
        return 2
    progress = Progress()
    try:
        t, pages = generate(content, mkdocs_file, templates, settings, progress)
    except ContentUnreadable as exc:
        print(f"{terminal(content)}:1: error: {exc}; nothing was built", file=sys.stderr)
        return 2
    print_diagnostics(t.diagnostics, verbose)
    if pages is None:
        print("error: the pages could not be rendered; the previous site was left as it was", file=sys.stderr)
        return 1
    if strict and failed(t.diagnostics, strict):
        print("error: --strict: errors or warnings in the input; the previous site was left as it was",
              file=sys.stderr)
        return 1
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with site_lock(site_dir):
            if refused(site_dir, content, mkdocs_file.parent):  # again: it may have changed while we generated
                return 2
            remove_stale_work(site_dir)
            code = _build_and_swap(t, pages, mkdocs_file, site_dir, progress)
    except (OutputRefused, OSError) as exc:
        print(f"error: {terminal(exc)}; nothing was replaced", file=sys.stderr)
        return 2
    if code:
        return code
    print(f"built {terminal(site_dir)}: " + summary(t, time.perf_counter() - started), file=sys.stderr)
    # Errors still fail the run (so CI shows them), but the site was built without the broken parts.
    return 1 if failed(t.diagnostics, strict) else 0


def refused(site_dir: Path, content: Path, project: Path) -> bool:
    """Print why site_dir may not be replaced, if it may not."""
    try:
        check_site_dir(site_dir, content, project)
    except OutputRefused as exc:
        print(f"error: --site-dir: {terminal(exc)}; nothing was built", file=sys.stderr)
        return True
    return False


def _build_and_swap(t: Timeline, pages: dict[str, str], mkdocs_file: Path, site_dir: Path,
                    progress: Progress) -> int:
    """Run MkDocs into a work folder beside the site (MkDocs reads only the generated pages), then swap it in."""
    work = make_work_dir(site_dir)
    old: Path | None = None
    try:
        if progress.enabled:
            print("running MkDocs ...", end="\r", file=sys.stderr, flush=True)
        (work / "docs").mkdir()  # docs_dir: empty, so MkDocs never walks the articles (or a link loop in them)
        with _hand_off(Generated(t, pages)), source_date_epoch(t):
            try:
                run_mkdocs(mkdocs_file, work / "docs", work / "site")
            except Exception as exc:  # mkdocs Abort and template errors: report, keep the old site
                print(f"{mkdocs_file.name}:1: error: MkDocs failed: {terminal(exc)}; the previous site was left as it "
                      "was", file=sys.stderr)
                return 1
        old = swap_in(work / "site", site_dir)
    finally:
        if old is not None and old.parent != work:
            shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0
