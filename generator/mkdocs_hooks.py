"""MkDocs hooks, registered in mkdocs.yml: plain `mkdocs build` and `mkdocs serve` generate the site's pages.

`docs_dir` is the articles folder. Before MkDocs reads it, on_config turns the articles into pages; on_files
swaps the article files for those pages; on_serve also watches the templates and settings, so editing an
article, a template or timeline.yml regenerates the preview. Under `python -m generator build` the pages were
already generated (and checked) by build_site, which hands them over instead.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # MkDocs loads this file by path, from any working directory
    sys.path.insert(0, _ROOT)

from generator import build  # noqa: E402
from generator.models import Diagnostic  # noqa: E402

log = logging.getLogger("mkdocs.hooks.timeline")
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.DEBUG}
_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    """Generate the pages from docs_dir (the articles), unless build_site already did."""
    gen = build.handed_off()
    if gen is None:
        project = Path(config.config_file_path).resolve().parent
        t, pages = build.generate(Path(config.docs_dir), Path(config.config_file_path), project / "templates",
                                  project / "timeline.yml")
        _log(t.diagnostics)
        if pages is None:
            from mkdocs.exceptions import PluginError

            raise PluginError("the timeline pages could not be rendered (see the template error above)")
        gen = build.Generated(t, pages)
        if "SOURCE_DATE_EPOCH" not in os.environ:  # reproducible sitemap dates, as under build_site
            _state["epoch"] = ExitStack()
            _state["epoch"].enter_context(build.source_date_epoch(t))
    _state["generated"] = gen
    return config


def on_files(files: Any, config: Any) -> Any:
    """Replace the article files MkDocs found with the generated pages, data files and stylesheet."""
    from mkdocs.structure.files import File, Files

    gen: build.Generated = _state["generated"]
    docs = Path(config.docs_dir).resolve()
    # Keep what MkDocs added from elsewhere (the theme's scripts, stylesheets and fonts); drop the articles.
    theme = [f for f in files if f.src_dir and Path(f.src_dir).resolve() != docs and f.src_uri not in gen.pages]
    return Files(theme + [File.generated(config, rel, content=text) for rel, text in sorted(gen.pages.items())])


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Live preview: the articles folder is watched already; add the templates and the settings file."""
    project = Path(config.config_file_path).resolve().parent
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
