"""The theme's files, listed once while `mkdocs serve` holds what it built.

Every MkDocs build lists each file of the theme's folders to copy its static files (Files.add_files_from_theme
asks the theme's Jinja environment, whose loader walks every folder). Material's folder holds its icon sets, about
10,000 files: walking them took 75 ms of every save at 1,000 articles (4.5% of the build). While the process
holds what it built (generator/heldfiles.py), the folders of installed themes are walked once and their listing
kept; the project's own folder (the theme's custom_dir, overrides/), which an editor may change while serving,
is walked at every build as before. A new install of the theme under a running server is not seen until it is
restarted, as MkDocs does not watch the installed theme either.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from generator import heldfiles


def keep_theme_listing(theme: Any) -> None:
    """While holding, make the theme's environments list the installed themes' files from the listing kept."""
    if not heldfiles.holding() or "get_env" in vars(theme):
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):  # an instance attribute: this environment's only
            loader.list_templates = functools.partial(  # type: ignore[method-assign]
                list_templates, list(loader.searchpath), theme.custom_dir, loader.followlinks)
        return env

    theme.get_env = get_env


def list_templates(folders: list[str], own: str | None, followlinks: bool = False) -> list[str]:
    """What jinja2's FileSystemLoader(folders).list_templates() gives: every file's name under the folders, sorted,
    each name once; an installed theme's folder from the listing kept, the project's own (own) walked anew."""
    found: set[str] = set()
    for folder in folders:
        key = f"theme-files\0{folder}\0{followlinks}"
        names = heldfiles.entry(key) if folder != own else None
        if names is None:
            names = tuple(jinja2.FileSystemLoader(folder, followlinks=followlinks).list_templates())
            if folder != own:
                heldfiles.keep_entry(key, names)
        found.update(names)
    return sorted(found)
