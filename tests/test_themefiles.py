"""The theme's file list kept while serving (generator/site/themefiles.py): the same names as jinja2's own walk, the
installed theme walked once, the project's own folder walked at every build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.config import load_config

from generator.site import themefiles
from generator.site.themefiles import keep_theme_listing
from tests.test_packed import holding

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def held() -> Iterator[None]:
    with holding():  # as `mkdocs serve` runs its builds
        yield


def _theme(custom: Path) -> Any:
    config = load_config(config_file=str(REPO / "mkdocs.yml"), hooks=[])
    config.theme._custom_dir = str(custom)  # the project's own folder: here a copy we may change
    config.theme.dirs[0] = str(custom)
    return config.theme


def test_the_kept_listing_is_jinjas_own_and_follows_the_projects_folder(held: None, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    custom = tmp_path / "overrides"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "x.html").write_text("x", encoding="utf-8")
    theme = _theme(custom)
    plain = jinja2.FileSystemLoader(theme.dirs).list_templates()
    keep_theme_listing(theme)
    assert theme.get_env().list_templates() == plain
    assert "partials/x.html" in plain and len(plain) > 1000  # Material's folder: its icons
    # The installed theme is walked once; the project's folder again at every build.
    walked: list[str] = []
    real = jinja2.FileSystemLoader.list_templates

    def counting(self: jinja2.FileSystemLoader) -> list[str]:
        walked.extend(self.searchpath)
        return real(self)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counting)
    (custom / "partials" / "y.html").write_text("y", encoding="utf-8")  # an editor's new override
    again = theme.get_env().list_templates()
    assert walked == [str(custom)]
    assert again == sorted({*plain, "partials/y.html"})


def test_a_build_not_holding_walks_as_mkdocs_does(tmp_path: Path) -> None:
    theme = _theme(tmp_path)
    keep_theme_listing(theme)
    assert "get_env" not in vars(theme)
    assert themefiles.list_templates([str(tmp_path)], str(tmp_path)) == []
