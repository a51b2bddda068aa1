"""The site's own stylesheets and scripts (templates/assets/), each kind shipped as one file.

Every page links each file mkdocs.yml lists in `extra_css` and `extra_javascript`: with four stylesheets and
three scripts of our own, those links were 0.26 KB of every page (6 MB of a 10,000-article site), and a reader's
first page asked for seven files where two do. The sources stay apart, one job per file; the build writes each
bundle as its parts joined in the order below, which is the order they apply in (a later rule wins). The icons'
stylesheet is made by the build from the theme's icons (generator/site/icons.py) and keeps its own file. What is
not in a bundle (the search worker) is shipped as it is.
"""

from __future__ import annotations

from pathlib import Path

STYLESHEET = "assets/site.css"
SCRIPT = "assets/site.js"
# Each bundle's parts, files of templates/assets/, in order. Every script is a function that runs itself in
# strict mode, so joining them shares no names.
BUNDLES: dict[str, tuple[str, ...]] = {
    STYLESHEET: ("extra.css", "timeline.css", "explorer.css", "a11y.css"),
    SCRIPT: ("timeline.js", "explorer.js", "a11y.js"),
}


def bundle_assets(folder: Path) -> dict[str, str]:
    """The files the site ships from `folder` (templates/assets/): each bundle whole, and every other file as it
    is. A part a bundle names that is missing raises FileNotFoundError: the templates folder is the project's."""
    bundled = {name for parts in BUNDLES.values() for name in parts}
    out = {target: _joiner(target).join(_part(folder, name) for name in parts) for target, parts in BUNDLES.items()}
    for asset in sorted(folder.iterdir()):
        if asset.is_file() and asset.name not in bundled:
            out[f"assets/{asset.name}"] = asset.read_text(encoding="utf-8")
    return out


def _joiner(target: str) -> str:
    """Between two scripts an empty statement: a part whose last statement has no semicolon would otherwise run
    into the next (`})()` then `(function...` on the next line is read as one call: no semicolon is inserted
    before a line that opens a parenthesis)."""
    return "\n;\n" if target.endswith(".js") else "\n"


def _part(folder: Path, name: str) -> str:
    """One part, headed by its source's name (a reader of the bundle finds what to edit), ending in a newline."""
    text = (folder / name).read_text(encoding="utf-8")
    return f"/* templates/assets/{name} */\n{text}" + ("" if text.endswith("\n") else "\n")
