"""The site's stylesheets and scripts, each kind shipped as one file (generator/site/bundles.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.bundles import BUNDLES, SCRIPT, STYLESHEET, bundle_assets

ASSETS = Path(__file__).resolve().parent.parent / "templates" / "assets"


def test_every_stylesheet_and_script_is_in_one_bundle_or_shipped_alone_on_purpose() -> None:
    """A new file in templates/assets/ that no bundle names would be shipped but linked from no page: only the
    search worker (loaded by the theme's search, not by the pages) stands alone."""
    parts = [name for names in BUNDLES.values() for name in names]
    assert len(parts) == len(set(parts))
    alone = sorted(p.name for p in ASSETS.iterdir() if p.suffix in (".css", ".js") and p.name not in parts)
    assert alone == ["search-worker.js"]
    assert all(name.endswith(".css") for name in BUNDLES[STYLESHEET])
    assert all(name.endswith(".js") for name in BUNDLES[SCRIPT])


def test_a_bundle_is_its_parts_in_order_each_headed_by_its_source() -> None:
    out = bundle_assets(ASSETS)
    for target, names in BUNDLES.items():
        text = out[target]
        at = [text.index(f"/* templates/assets/{name} */\n" + (ASSETS / name).read_text(encoding="utf-8"))
              for name in names]
        assert at == sorted(at) and at[0] == 0, target
        assert not any(f"assets/{name}" in out for name in names)  # the parts are not shipped apart
    assert out["assets/search-worker.js"] == (ASSETS / "search-worker.js").read_text(encoding="utf-8")


def test_a_script_without_a_final_semicolon_does_not_run_into_the_next(tmp_path: Path, monkeypatch:
                                                                     pytest.MonkeyPatch) -> None:
    (tmp_path / "a.js").write_text("(function () { a(); })()", encoding="utf-8")
    (tmp_path / "b.js").write_text("(function () { b(); })();\n", encoding="utf-8")
    monkeypatch.setattr("generator.site.bundles.BUNDLES", {"assets/x.js": ("a.js", "b.js")})
    assert bundle_assets(tmp_path) == {"assets/x.js": "/* templates/assets/a.js */\n(function () { a(); })()\n\n;\n"
                                                      "/* templates/assets/b.js */\n(function () { b(); })();\n"}


def test_a_missing_part_is_an_error_not_a_smaller_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.site.bundles.BUNDLES", {"assets/x.css": ("gone.css",)})
    with pytest.raises(FileNotFoundError):
        bundle_assets(tmp_path)
