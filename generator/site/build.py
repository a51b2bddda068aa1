"""The build and the check: content in, a static site out (or a report), with the exit code.

build_site generates the pages (generator.site.generate), runs MkDocs into a work folder beside the site with
a plugin that carries those pages, and swaps the new site in (generator.site.output). check_content does the
same up to the rendered pages, without MkDocs.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator import verbosity
from generator.diagnostics import Code, Diagnostic, Location, failed, print_diagnostics
from generator.escape import terminal
from generator.inputs.files import ContentUnreadable, display_path
from generator.inputs.redirects import plan_redirects
from generator.models import Timeline
from generator.resources import default_config, default_templates, project_dir
from generator.site.generate import Generated, generate, keep_page_names, read_mkdocs_yml, shell
from generator.site.hooks import TimelinePlugin, content_epoch, source_date_epoch
from generator.site.output import (
    OutputRefused,
    check_site_dir,
    keep_spare,
    make_work_dir,
    remove_stale_work,
    site_lock,
    swap_in,
    take_spare,
)
from generator.site.progress import Progress
from generator.site.render import counts
from generator.verbosity import Verbosity, say

HOOKS = Path(__file__).resolve().parent / "hooks.py"
HOOKS_ENTRY = "generator/site/hooks.py"  # how mkdocs.yml names our hooks (in the packaged copy, a path to nothing)


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


def summary(t: Timeline, elapsed: float) -> str:
    """The one-line account of a run: every input file is an article or was skipped with a diagnostic."""
    return f"{tally(t)}; {elapsed:.1f} s"


def tally(t: Timeline) -> str:
    n = counts(t)
    return (f"{n['articles']} articles from {len(t.inputs)} files, {n['events']} events, {n['claims']} claims; "
            f"{n['errors']} errors, {n['warnings']} warnings, {n['infos']} notes")


def check_content(content: Path, mkdocs_file: Path, strict: bool = False, verbose: bool = False,
                  templates: Path | None = None) -> int:
    """Validate content, settings and templates without building; exit 1 on errors (or warnings if strict),
    2 when the content folder cannot be read."""
    started = time.perf_counter()
    if content_missing(content):
        return 2
    try:
        t, _ = generate(content, mkdocs_file, templates or default_templates(),
                        project_dir(mkdocs_file) / "timeline.yml", Progress())
    except ContentUnreadable as exc:
        print(f"{terminal(content)}:1: error: {exc}", file=sys.stderr)
        return 2
    t = replace(t, diagnostics=[*t.diagnostics, *stale_page_names(content, t)])
    print_diagnostics(t.diagnostics, verbose)
    say(f"checked {terminal(content)}: " + summary(t, time.perf_counter() - started))
    return 1 if failed(t.diagnostics, strict) else 0


def stale_page_names(content: Path, t: Timeline) -> list[Diagnostic]:
    """`check` only (it writes nothing): a warning when the committed redirects.yml lacks page names the site has
    now. A build in CI records them on the runner, where they are lost, so a page renamed later would leave its
    old address without a redirect. A folder without the file yet has nothing to redirect and gets no warning."""
    plan = plan_redirects(content, t.articles, t.events, t.incidents)
    if plan.text is None or plan.path is None or not plan.path.is_file():
        return []
    rel = display_path(plan.path, content)
    return [Diagnostic(Location(rel, 1), "warning", "this file lacks page names the site has now: build the site "
                                                    "locally and commit the file, or pages renamed later will "
                                                    "lose their old addresses", Code.REDIRECTS_STALE)]


def build_site(content: Path, site_dir: Path, strict: bool = False, mkdocs_file: Path | None = None,
               templates: Path | None = None, settings: Path | None = None, verbose: bool = False) -> int:
    """Generate pages and run MkDocs; the new site replaces site_dir only if the build succeeds.

    Exit codes: 0 built; 1 built with errors in the content (or warnings under --strict, which keeps the old
    site) or MkDocs failed; 2 nothing could be done: the content folder cannot be read, or the site folder
    may not be replaced (see generator.site.output), or another build holds the lock too long.
    """
    started = time.perf_counter()
    mkdocs_file = mkdocs_file or default_config()
    templates = templates or default_templates()
    settings = settings if settings is not None else project_dir(mkdocs_file) / "timeline.yml"
    if content_missing(content) or refused(site_dir, content, project_dir(mkdocs_file)):
        return 2
    progress = Progress()
    try:
        t, pages = generate(content, mkdocs_file, templates, settings, progress, keep_parser=False)
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
    if any(o.lapsed for o in t.review):
        print("error: a reject or a correction in the review file matches no claim (see above), and publishing "
              "would show the figure it was made to remove or fix; the previous site was left as it was",
              file=sys.stderr)
        return 1
    # What the run reports once the site is in place is taken now: the pages go to the plugin alone, which lets
    # MkDocs' files hold them and each go once MkDocs has read it, and the Timeline once MkDocs has the pages.
    told, failing, epoch, kept = tally(t), failed(t.diagnostics, strict), content_epoch(t), shell(t)
    plugin = TimelinePlugin(Generated(t, pages))
    del pages, t
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with site_lock(site_dir):
            if refused(site_dir, content, project_dir(mkdocs_file)):  # again: it may have changed while we generated
                return 2
            remove_stale_work(site_dir)
            code = _build_and_swap(plugin, epoch, mkdocs_file, site_dir, progress)
    except (OutputRefused, OSError) as exc:
        print(f"error: {terminal(exc)}; nothing was replaced", file=sys.stderr)
        return 2
    if code:
        return code
    problem = keep_page_names(kept)  # only a site that was published has page names to keep
    if problem:
        say(f"warning: {terminal(problem)}", sys.stderr)
    say(f"built {terminal(site_dir)}: {told}; {time.perf_counter() - started:.1f} s")
    # Errors still fail the run (so CI shows them), but the site was built without the broken parts.
    return 1 if failing else 0


def refused(site_dir: Path, content: Path, project: Path) -> bool:
    """Print why site_dir may not be replaced, if it may not."""
    try:
        check_site_dir(site_dir, content, project)
    except OutputRefused as exc:
        print(f"error: --site-dir: {terminal(exc)}; nothing was built", file=sys.stderr)
        return True
    return False


def _build_and_swap(plugin: TimelinePlugin, epoch: int, mkdocs_file: Path, site_dir: Path,
                    progress: Progress) -> int:
    """Run MkDocs into a work folder beside the site (MkDocs reads only the generated pages), then swap it in.

    The work site is the spare a previous build replaced, when there is one: MkDocs updates it in place (its dirty
    mode; generator/site/incremental.py writes the reused pages whose bytes differ and deletes what this build did
    not make). The site replaced becomes the next spare. Deleting and rewriting thousands of unchanged files was
    most of a rebuild's time."""
    work = make_work_dir(site_dir)
    old: Path | None = None
    try:
        progress.update("running MkDocs", 0, 1)
        (work / "docs").mkdir()  # docs_dir: empty, so MkDocs never walks the articles (or a link loop in them)
        updating = take_spare(site_dir, work / "site")
        with source_date_epoch(epoch):
            try:
                run_mkdocs(mkdocs_file, work / "docs", work / "site", plugin, dirty=updating)
            except Exception as exc:  # mkdocs Abort and template errors: report, keep the old site
                print(f"{mkdocs_file.name}:1: error: MkDocs failed: {terminal(exc)}; the previous site was left as it "
                      "was", file=sys.stderr)
                return 1
        progress.finish()
        old = swap_in(work / "site", site_dir)
    finally:
        if old is not None:
            keep_spare(old, site_dir)
        shutil.rmtree(work, ignore_errors=True)
    return 0


class _DropDirtyNote(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation and links. Here every page is built or checked
    against its cached inputs, and stale files are deleted, so the warning (which --strict would count) is
    dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"))


class _PrintWarnings(logging.Handler):
    """MkDocs' own messages: warnings and errors; errors only under -q; its progress notes too under -v."""

    def __init__(self) -> None:
        super().__init__({Verbosity.QUIET: logging.ERROR, Verbosity.NORMAL: logging.WARNING,
                          Verbosity.VERBOSE: logging.INFO}[verbosity.level()])

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname}: {terminal(record.getMessage())}", file=sys.stderr)


def run_mkdocs(mkdocs_file: Path, docs_dir: Path, site_dir: Path, plugin: TimelinePlugin,
               dirty: bool = False) -> None:
    """Build with MkDocs in strict mode (any warning is a broken generated link and raises).

    The pages come with the TimelinePlugin of this build (made with them, for one build); mkdocs.yml's own entry
    for our hooks file is left out (so the pages are not generated twice), its other hooks are kept.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config

    logger = logging.getLogger("mkdocs")
    printer = _PrintWarnings()
    logger.addHandler(printer)
    old_level, old_propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    builder, dirty_note = logging.getLogger("mkdocs.commands.build"), _DropDirtyNote()
    builder.addFilter(dirty_note)
    try:
        # Absolute: MkDocs reads relative folders from mkdocs.yml's, which is not the working one in general.
        cfg = mkdocs_config(config_file=str(mkdocs_file), docs_dir=str(docs_dir.resolve()),
                            site_dir=str(site_dir.resolve()),
                            strict=True, hooks=_other_hooks(mkdocs_file))
        cfg.plugins["timeline"] = plugin  # type: ignore[assignment]
        mkdocs_build(cfg, dirty=dirty)
    finally:
        builder.removeFilter(dirty_note)
        logger.removeHandler(printer)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def _other_hooks(mkdocs_file: Path) -> list[str]:
    """mkdocs.yml's hooks without ours (paths as written, relative to mkdocs.yml)."""
    hooks = read_mkdocs_yml(mkdocs_file).get("hooks")
    if not isinstance(hooks, list):
        return []
    return [h for h in hooks if isinstance(h, str) and (mkdocs_file.parent / h).resolve() != HOOKS
            and Path(h).as_posix() != HOOKS_ENTRY]
