"""The build: one flat function from content/ to a static site, plus the output I/O edge."""

from __future__ import annotations

import calendar
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import yaml

from generator.config import Config, load_config
from generator.models import Diagnostic, Timeline
from generator.pipeline import make_timeline
from generator.render import counts, render_pages

PROJECT = Path(__file__).resolve().parent.parent


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


def load_timeline(content: Path, mkdocs_file: Path, settings: Path | None) -> Timeline:
    """Settings + content -> Timeline, with settings problems among the diagnostics."""
    config, diags = load_config(settings)
    site_settings(mkdocs_file, config)
    return make_timeline(content, config, diags)


def write_tree(pages: dict[str, str], root: Path) -> None:
    """Write rendered pages under root (which must be empty or absent)."""
    for rel, text in sorted(pages.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def print_diagnostics(diags: list[Diagnostic], verbose: bool = False, stream: TextIO | None = None) -> None:
    """`path:line: level: message` on stderr; notes only when verbose."""
    stream = stream or sys.stderr
    for d in diags:
        if d.level != "info" or verbose:
            print(d, file=stream)


def failed(diags: list[Diagnostic], strict: bool) -> bool:
    """Errors always fail the exit code; warnings only under --strict."""
    return any(d.level == "error" or (strict and d.level == "warning") for d in diags)


class _PrintWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname}: {record.getMessage()}", file=sys.stderr)


@contextmanager
def _source_date_epoch(t: Timeline) -> Iterator[None]:
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
    """Build docs_dir into site_dir with MkDocs in strict mode: any warning (a broken generated link) raises."""
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
    if not content.is_dir():
        print(f"{content}:1: error: content folder not found", file=sys.stderr)
        return 1
    t = load_timeline(content, mkdocs_file, settings)
    print_diagnostics(t.diagnostics, verbose)
    pages = render_pages(t, templates)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent))
    try:
        write_tree(pages, work / "docs")
        with _source_date_epoch(t):
            try:
                # Always strict for MkDocs: its warnings are broken generated links, never the editor's input.
                run_mkdocs(mkdocs_file, work / "docs", work / "site")
            except Exception as exc:  # mkdocs Abort and template errors: report, keep the old site
                print(f"{mkdocs_file}:1: error: MkDocs failed: {exc}", file=sys.stderr)
                return 1
        if strict and failed(t.diagnostics, strict):
            print("error: --strict: warnings found; the previous site was left as it was", file=sys.stderr)
            return 1
        _swap(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = counts(t)
    print(f"built {site_dir}: {n['articles']} articles, {n['events']} events, {n['claims']} claims, "
          f"{n['errors']} errors, {n['warnings']} warnings in {time.perf_counter() - started:.1f} s", file=sys.stderr)
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
