"""`pages`: the generated Markdown pages and assets written to a folder, for any MkDocs-compatible builder.

The MkDocs hooks hand the pages to MkDocs in memory. Builders that run no hooks (Zensical) need them on disk
instead: this writes everything the hooks would add (pages, data files, feed, our stylesheets and scripts), with
each page's description in its front matter (what the hooks' on_page_markdown sets), and, with --config-out, a
plain mkdocs.yml for them whose docs_dir is that folder: the content's title, description and address filled in,
our hooks left out. The raw articles and the editors' files (review.yml, actors.yml, site.yml) are never written.

The folder is replaced as a whole, like the site folder of `build` (generator.site.output): written beside it,
swapped in, refused where that would be unsafe (the content, the project, a folder the tool did not write).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import failed, print_diagnostics
from generator.escape import attr, terminal
from generator.inputs.files import ContentUnreadable
from generator.models import Timeline
from generator.resources import default_config, default_templates, project_dir
from generator.site.build import HOOKS_ENTRY, content_missing, refused, summary
from generator.site.generate import generate, keep_page_names, read_mkdocs_yml
from generator.site.meta import page_descriptions, text_description
from generator.site.output import make_work_dir, remove_stale_work, site_lock, swap_in, write_marker
from generator.site.packed import Deferred, Pages
from generator.site.progress import Progress
from generator.verbosity import say


def write_pages(content: Path, out: Path, mkdocs_file: Path | None = None, config_out: Path | None = None,
                strict: bool = False, verbose: bool = False) -> int:
    """Generate the pages into `out` (and a builder's mkdocs.yml into config_out); exit codes as for build."""
    import time

    started = time.perf_counter()
    mkdocs_file = mkdocs_file or default_config()
    if content_missing(content) or refused(out, content, project_dir(mkdocs_file)):
        return 2
    try:
        t, pages = generate(content, mkdocs_file, default_templates(), project_dir(mkdocs_file) / "timeline.yml",
                            Progress())
    except ContentUnreadable as exc:
        print(f"{terminal(content)}:1: error: {exc}; nothing was written", file=sys.stderr)
        return 2
    print_diagnostics(t.diagnostics, verbose)
    if pages is None or (strict and failed(t.diagnostics, strict)):
        print("error: the pages could not be rendered, or --strict found errors or warnings; nothing was written",
              file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with site_lock(out):
            if refused(out, content, project_dir(mkdocs_file)):
                return 2
            remove_stale_work(out)
            _write_and_swap(described_pages(t, pages), out)
        if config_out is not None:
            config_out.write_text(builder_config(mkdocs_file, t, out, config_out), encoding="utf-8")
    except OSError as exc:
        print(f"error: {terminal(exc)}; the pages may be incomplete", file=sys.stderr)
        return 2
    problem = keep_page_names(t)  # as a build does: the page names these pages publish (redirects.yml)
    if problem:
        say(f"warning: {terminal(problem)}", sys.stderr)
    say(f"wrote the pages to {terminal(out)}: " + summary(t, time.perf_counter() - started))
    return 1 if failed(t.diagnostics, strict) else 0


def _write_and_swap(pages: dict[str, str | Deferred], out: Path) -> None:
    work = make_work_dir(out)
    old: Path | None = None
    try:
        folder = work / "pages"
        for rel, text in sorted(pages.items()):
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, Deferred):  # a data export, written as a build writes it (gzipped or not)
                text.write_to(str(path))
            else:
                path.write_text(text, encoding="utf-8")
        write_marker(folder)  # a hidden file: the builders skip it, the next run may replace the folder
        old = swap_in(folder, out)
    finally:
        if old is not None and old.parent != work:
            shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def described_pages(t: Timeline, pages: Pages) -> dict[str, str | Deferred]:
    """The pages with each Markdown page's description in its front matter, escaped for the attribute the theme
    prints it into (as the hooks' on_page_markdown does); the data exports as they are (Deferred)."""
    descriptions = page_descriptions(t)
    out: dict[str, str | Deferred] = {}
    for rel in pages:
        held = pages.packed(rel)
        if isinstance(held, Deferred):
            out[rel] = held
            continue
        text = pages[rel]
        described = descriptions.get(rel)
        if rel.endswith(".md") and described is None and rel != "index.md":
            described = text_description(text)
        out[rel] = with_description(text, attr(described)) if rel.endswith(".md") and described else text
    return out


def with_description(text: str, description: str) -> str:
    """Add `description:` to the page's front matter (a new block when it has none), unless it has one."""
    line = f"description: {json.dumps(description, ensure_ascii=False)}\n"  # JSON strings are YAML strings
    body = text.lstrip("\n")
    if body.startswith("---\n"):
        end = body.find("\n---", 4)
        if end != -1 and "\ndescription:" in "\n" + body[4:end]:
            return text
        return "---\n" + line + body[4:]
    return "---\n" + line + "---\n\n" + text


def builder_config(mkdocs_file: Path, t: Timeline, pages_dir: Path, config_out: Path) -> str:
    """The mkdocs.yml in use, for a builder that reads the written pages: docs_dir is pages_dir; the content's
    title, description and address; no hooks of ours (the pages are made); theme folders relative to config_out."""
    config: dict[str, Any] = dict(read_mkdocs_yml(mkdocs_file))
    here = config_out.resolve().parent

    def relative(path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), here)).as_posix()

    config["site_name"] = attr(t.title)
    config["site_description"] = attr(t.description)
    config["site_url"] = t.url
    config["docs_dir"] = relative(pages_dir)
    config.pop("site_dir", None)  # the builder's default: site/ beside this file
    hooks = [h for h in config.get("hooks") or [] if isinstance(h, str) and Path(h).as_posix() != HOOKS_ENTRY]
    config["hooks"] = [relative(mkdocs_file.parent / h) for h in hooks]
    if not config["hooks"]:
        del config["hooks"]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        config["theme"] = {**theme, "custom_dir": relative(mkdocs_file.parent / theme["custom_dir"])}
    head = (f"# Written by `python -m generator pages` from {mkdocs_file.name}, for a builder of the pages in "
            f"{config['docs_dir']}/ (zensical build -f {config_out.name}). Regenerated by every run: edit "
            f"{mkdocs_file.name} instead.\n")
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=120)
