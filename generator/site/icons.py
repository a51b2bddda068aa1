"""The theme's icons as one stylesheet instead of inline SVG on every page.

Material writes each icon of its header (logo, menu, palette toggles, search, back to top) as an inline <svg> with
its whole path, on every page: about 4 KB a page. The overrides (overrides/partials/icon.html) write an empty <svg>
with a class instead, and assets/icons.css, generated with the pages, paints it: the svg's background in the text
colour, masked by the icon's shape (a data: URL, so nothing is fetched, also from a file:// copy), with the
icon's proportions (its viewBox). The theme's own rules still size and place the svg, so the header looks as it
did; Material draws its navigation arrows the same way.

The icons are the theme's files (.icons/<name>.svg in the theme's folders, the project's overrides first), named
by the settings that name them in mkdocs.yml (theme.icon.*, the palette toggles) or by the theme's defaults.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ICONS_CSS = "assets/icons.css"
# The icons the overridden partials draw: (theme.icon setting, the theme's default).
DEFAULTS = (("logo", "material/library"), ("menu", "material/menu"), ("search", "material/magnify"),
            ("previous", "material/arrow-left"), ("close", "material/close"), ("top", "material/arrow-up"),
            ("share", "material/share-variant"))
_VIEWBOX = re.compile(r'viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"')
_NAME = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")  # an icon's name: its path under .icons, without .svg


def icon_class(name: str) -> str:
    """The class that paints the icon (overrides/partials/icon.html builds the same)."""
    return "tl-i-" + name.replace("/", "-")


def used_icons(theme: Any) -> list[str]:
    """The icons the pages draw: those mkdocs.yml's theme settings name, else the theme's defaults."""
    chosen = theme.get("icon") or {}
    names = {chosen.get(key) or default for key, default in DEFAULTS}
    palette = theme.get("palette") or []
    for option in palette if isinstance(palette, list) else [palette]:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and toggle.get("icon"):
            names.add(toggle["icon"])
    return sorted(n for n in names if isinstance(n, str) and _NAME.match(n))


def icon_svg(name: str, theme_dirs: Iterable[str]) -> str | None:
    """The icon's SVG file as text, from the first theme folder that has it (None: no folder has it)."""
    for folder in theme_dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    return None


def icon_stylesheet(names: Iterable[str], theme_dirs: list[str]) -> str:
    """assets/icons.css: one rule that paints every .tl-i svg, and each icon's shape as a mask, in its
    proportions."""
    lines = ["/* The theme's icons (generator/site/icons.py): an empty <svg class=\"tl-i ...\"> on the page, painted "
             "in the text colour through the icon's shape. */",
             ".tl-i{background-color:currentcolor;-webkit-mask:var(--tl-i) center/contain no-repeat;"
             "mask:var(--tl-i) center/contain no-repeat}"]
    for name in names:
        svg = icon_svg(name, theme_dirs)
        if svg is not None:
            box = _VIEWBOX.search(svg)
            ratio = f"{box.group(3)}/{box.group(4)}" if box else "1"
            lines.append(f'.{icon_class(name)}{{--tl-i:url("data:image/svg+xml,{quote(svg, safe=" =:/")}");'
                         f"aspect-ratio:{ratio}}}")
    return "\n".join(lines) + "\n"


def theme_dirs(project: Path, theme: Any) -> list[str]:
    """Where the icons are looked up: the project's custom_dir (mkdocs.yml), then Material's templates."""
    import material

    dirs = [str(project / theme["custom_dir"])] if isinstance(theme, dict) and theme.get("custom_dir") else []
    return [*dirs, str(Path(material.__file__).resolve().parent / "templates")]
