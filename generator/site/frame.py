"""What of the theme's frame only works with JavaScript, as one script for the whole site: assets/frame.js.

Material writes into every page the palette toggle, the search button and dialog, and its page config (about
2.9 KB a page, 70 MB of a 10,000-article site). With the hooks, the header loads assets/frame.js instead, which
writes them in place (overrides/partials/frame.js.html; the markup is the theme's, overrides/partials/frame.html).
MkDocs renders the script once a build as a static template of the theme, like the sitemap. Its template lives
among the partials, not under the theme's assets/, where a build without the hooks (Zensical's) would publish it
as it is; that build writes the markup into each page instead, because the theme setting `tl_frame` that
overrides/partials/header.html and main.html test is only set here.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from generator.site.minify import collapse_whitespace

FRAME_SCRIPT = "assets/frame.js"  # where the script is written in the site, and its template's name for MkDocs
FRAME_TEMPLATE = "partials/frame.js.html"  # the template in the theme's folders (overrides/)


def add_frame_script(config: Any) -> None:
    """Have MkDocs render the script with the site (on_config), and the header load it."""
    config.theme.static_templates.add(FRAME_SCRIPT)
    config.theme["tl_frame"] = FRAME_SCRIPT


def find_frame_template(env: Any) -> None:
    """Let the theme's Jinja environment (on_env) find the script's template under the script's name, and give it
    the filter that collapses the markup's indentation."""
    themes = env.loader
    env.loader = jinja2.ChoiceLoader([themes, jinja2.FunctionLoader(functools.partial(_frame_source, env, themes))])
    env.filters["tl_collapse"] = collapse_whitespace


def _frame_source(env: Any, themes: Any, name: str) -> Any:
    """The template of assets/frame.js (a jinja2 FunctionLoader: None for every other name)."""
    return themes.get_source(env, FRAME_TEMPLATE) if name == FRAME_SCRIPT else None
