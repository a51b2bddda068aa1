"""The build: one flat function from content/ to a static site, plus the output I/O edge."""

from __future__ import annotations

import calendar
import logging
import os
import shutil
import sys
import tempfile
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
from generator.models import Diagnostic, Location, Timeline
from generator.pipeline import Step, make_timeline
from generator.progress import Progress
from generator.reader import display_path
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


def content_missing(content: Path) -> bool:
    """Say so (with a file:line like every diagnostic) when the content folder does not exist."""
    if content.is_dir():
        return False
    print(f"{content}:1: error: content folder not found", file=sys.stderr)
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
        return None, [Diagnostic(where, "error", f"template error: {type(exc).__name__}: {exc}")]


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
    """`path:line: level: message` on stderr; notes only when verbose; GitHub annotations under Actions."""
    stream = stream or sys.stderr
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in diags:
        if d.level != "info" or verbose:
            print(d, file=stream)
        if github and d.level != "info":
            print(github_annotation(d), file=stream)


def github_annotation(d: Diagnostic) -> str:
    """A workflow command that shows the problem on the pull request's changed line."""
    def data(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = data(d.location.path).replace(":", "%3A").replace(",", "%2C")  # properties also end at ':' and ','
    return f"::{d.level} file={path},line={d.location.line},title=timeline::{data(d.message)}"


def summary(t: Timeline, elapsed: float) -> str:
    """The one-line account of a run: every input file is an article or was skipped with a diagnostic."""
    n = counts(t)
    return (f"{n['articles']} articles from {len(t.inputs)} files, {n['events']} events, {n['claims']} claims; "
            f"{n['errors']} errors, {n['warnings']} warnings, {n['infos']} notes; {elapsed:.1f} s")


def check_content(content: Path, mkdocs_file: Path, strict: bool = False, verbose: bool = False,
                  templates: Path | None = None) -> int:
    """Validate content, settings and templates without building; exit 1 on errors (or warnings if strict)."""
    started = time.perf_counter()
    if content_missing(content):
        return 1
    t, _ = generate(content, mkdocs_file, templates or PROJECT / "templates", mkdocs_file.parent / "timeline.yml",
                    Progress())
    print_diagnostics(t.diagnostics, verbose)
    print(f"checked {content}: " + summary(t, time.perf_counter() - started), file=sys.stderr)
    return 1 if failed(t.diagnostics, strict) else 0


def failed(diags: list[Diagnostic], strict: bool) -> bool:
    """Errors always fail the exit code; warnings only under --strict."""
    return any(d.level == "error" or (strict and d.level == "warning") for d in diags)


class _PrintWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname}: {record.getMessage()}", file=sys.stderr)


@contextmanager
def source_date_epoch(t: Timeline) -> Iterator[None]:
    """MkDocs stamps the sitemap with the build time; pin it to the content so output is reproducible."""
    days = sorted(a.published[:10] for a in t.articles if a.published)
    stamp = calendar.timegm(time.strptime(days[-1], "%Y-%m-%d")) if days else 0
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(max(stamp, 0))
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
    """Generate pages and run MkDocs; the new site replaces site_dir only if the build succeeds."""
    started = time.perf_counter()
    mkdocs_file = mkdocs_file or PROJECT / "mkdocs.yml"
    templates = templates or PROJECT / "templates"
    settings = settings if settings is not None else mkdocs_file.parent / "timeline.yml"
    if content_missing(content):
        return 1
    progress = Progress()
    t, pages = generate(content, mkdocs_file, templates, settings, progress)
    print_diagnostics(t.diagnostics, verbose)
    if pages is None:
        print("error: the pages could not be rendered; the previous site was left as it was", file=sys.stderr)
        return 1
    if strict and failed(t.diagnostics, strict):
        print("error: --strict: errors or warnings in the input; the previous site was left as it was",
              file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent))
    try:
        if progress.enabled:
            print("running MkDocs ...", end="\r", file=sys.stderr, flush=True)
        with _hand_off(Generated(t, pages)), source_date_epoch(t):
            try:
                run_mkdocs(mkdocs_file, content.resolve(), work / "site")
            except Exception as exc:  # mkdocs Abort and template errors: report, keep the old site
                print(f"{mkdocs_file}:1: error: MkDocs failed: {exc}; the previous site was left as it was",
                      file=sys.stderr)
                return 1
        _swap(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"built {site_dir}: " + summary(t, time.perf_counter() - started), file=sys.stderr)
    # Errors still fail the run (so CI shows them), but the site was built without the broken parts.
    return 1 if failed(t.diagnostics, strict) else 0


def _swap(new: Path, target: Path) -> None:
    """Replace target with new in two renames, so readers never see a half-written site."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
