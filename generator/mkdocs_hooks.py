"""MkDocs hooks, registered in mkdocs.yml: plain `mkdocs build` and `mkdocs serve` generate the site's pages.

`docs_dir` is the articles folder. on_config turns the articles into pages and points MkDocs at an empty
folder instead; on_files adds the generated pages; on_pre_build marks the site folder as this tool's; on_serve
watches the articles, the templates and the settings, so editing an article, a template or timeline.yml
regenerates the preview. Under `python -m generator build` the pages were
already generated (and checked) by build_site, which hands them over instead.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # MkDocs loads this file by path, from any working directory
    sys.path.insert(0, _ROOT)

from generator import build  # noqa: E402
from generator.models import Diagnostic  # noqa: E402
from generator.output import OutputRefused, check_site_dir, write_marker  # noqa: E402
from generator.reader import ContentUnreadable  # noqa: E402

log = logging.getLogger("mkdocs.hooks.timeline")
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.DEBUG}
_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    """Generate the pages from docs_dir (the articles), unless build_site already did.

    MkDocs then reads an empty docs_dir: every page it builds is generated, so it never walks the articles
    folder (where a link loop would hang it) and never publishes a file of it as it is.
    """
    from mkdocs.exceptions import PluginError

    gen = build.handed_off()
    if gen is None:
        project = Path(config.config_file_path).resolve().parent
        content = Path(config.docs_dir)
        try:
            if not _serving(config):
                check_site_dir(Path(config.site_dir), content, project)
            t, pages = build.generate(content, Path(config.config_file_path), project / "templates",
                                      project / "timeline.yml")
        except (OutputRefused, ContentUnreadable) as exc:
            raise PluginError(str(exc)) from exc
        _log(t.diagnostics)
        if pages is None:
            raise PluginError("the timeline pages could not be rendered (see the template error above)")
        gen = build.Generated(t, pages)
        _state["content"] = content
        config.docs_dir = str(_empty_docs_dir())
        if not _valid_epoch(os.environ.get("SOURCE_DATE_EPOCH")):  # reproducible sitemap dates, as under build_site
            _state["epoch"] = ExitStack()
            _state["epoch"].enter_context(build.source_date_epoch(t))
    _state["generated"] = gen
    return config


def _serving(config: Any) -> bool:
    """mkdocs serve builds into a fresh temporary folder of its own; only a real site folder needs the check."""
    return Path(config.site_dir).name.startswith("mkdocs_") and Path(config.site_dir).parent == Path(
        tempfile.gettempdir())


def _valid_epoch(value: str | None) -> bool:
    """A SOURCE_DATE_EPOCH set outside is kept when MkDocs can use it (the sitemap's gzip header has 32 bits)."""
    return value is not None and value.isdigit() and int(value) <= build.EPOCH_MAX


@functools.cache
def _empty_docs_dir() -> Path:
    """One empty folder per process for MkDocs' docs_dir (removed at exit)."""
    path = Path(tempfile.mkdtemp(prefix="timeline-docs-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def on_pre_build(config: Any) -> None:
    """Mark the site folder as this tool's before MkDocs fills it (its cleaning keeps hidden files)."""
    write_marker(Path(config.site_dir))


def on_files(files: Any, config: Any) -> Any:
    """Replace the article files MkDocs found with the generated pages, data files and stylesheet."""
    from mkdocs.structure.files import File, Files

    gen: build.Generated = _state["generated"]
    docs = Path(config.docs_dir).resolve()
    # Keep what MkDocs added from elsewhere (the theme's scripts, stylesheets and fonts); drop the articles.
    theme = [f for f in files if f.src_dir and Path(f.src_dir).resolve() != docs and f.src_uri not in gen.pages]
    return Files(theme + [File.generated(config, rel, content=text) for rel, text in sorted(gen.pages.items())])


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Live preview: watch the articles folder, the templates and the settings file."""
    project = Path(config.config_file_path).resolve().parent
    if "content" in _state:
        server.watch(str(_state["content"]))
    server.watch(str(project / "templates"))
    if (project / "timeline.yml").exists():
        server.watch(str(project / "timeline.yml"))
    return server


def on_post_build(config: Any) -> None:
    """Restore SOURCE_DATE_EPOCH if this hook set it."""
    _restore()


def on_build_error(error: Exception) -> None:
    """Restore SOURCE_DATE_EPOCH after a failed build too."""
    _restore()


def _restore() -> None:
    epoch = _state.pop("epoch", None)
    if epoch is not None:
        epoch.close()


def _log(diags: list[Diagnostic]) -> None:
    # Warnings go through MkDocs' logger so that `mkdocs build --strict` fails on them like `generator build --strict`.
    for d in diags:
        log.log(_LEVELS[d.level], str(d))
    n_err = sum(d.level == "error" for d in diags)
    n_warn = sum(d.level == "warning" for d in diags)
    log.info(f"timeline: {n_err} errors, {n_warn} warnings in the content (python -m generator check for details)")
