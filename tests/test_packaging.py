"""`pip install .` gives a working `timeline`: the wheel holds every file the code loads at run time, and the
installed package builds a site from any folder, without the checkout (generator/resources.py, pyproject.toml).

The wheel is built offline with setuptools (no build isolation, no download) from a copy of the project, so the
checkout gets no build/ or egg-info. Installing into a fresh virtualenv is left to the README's manual check: it
downloads spaCy and its model.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.site.bundles import BUNDLES
from generator.site.icons import ICONS_CSS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "mkdocs.yml", "generator", "templates", "overrides")
# Checkout folders mapped into the package (pyproject.toml [tool.setuptools.package-dir]).
MAPPED = {"templates": "generator/project/templates", "overrides": "generator/project/overrides"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, project / name)
    out = project / "dist"
    result = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
                             "print(b.build_wheel(sys.argv[1]))", str(out)],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return out / result.stdout.strip().splitlines()[-1]


def run_time_files() -> set[str]:
    """What the installed package must hold: every module and data file of generator/, the templates with their
    assets, the theme overrides and mkdocs.yml, at their places in the package."""
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".yml")}
    for folder, target in MAPPED.items():
        files |= {f"{target}/{p.relative_to(ROOT / folder).as_posix()}" for p in (ROOT / folder).rglob("*")
                  if p.is_file()}
    return files | {"generator/project/mkdocs.yml"}


def test_the_wheel_holds_every_run_time_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(run_time_files() - names)
    assert not missing, f"not in the wheel: {missing}"
    # generator/project is mapped from the checkout's top folder: nothing else of it may slip in (no setup.py,
    # no conftest.py, no content).
    extra = sorted(n for n in names - run_time_files() if n.startswith("generator/project/"))
    assert not extra, f"in the wheel by accident: {extra}"


def test_the_wheel_has_the_theme_files_mkdocs_yml_names(wheel: Path) -> None:
    """Every stylesheet and script of mkdocs.yml is made from the packaged template assets (render joins them:
    generator/site/bundles.py)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names = set(zipfile.ZipFile(wheel).namelist())
    # assets/icons.css is made by the build from the theme's icons (generator/site/icons.py), not copied.
    listed = [n for n in [*config["extra_css"], *config["extra_javascript"]] if n != ICONS_CSS]
    assert sorted(listed) == sorted(BUNDLES), listed
    parts = [f"generator/project/templates/assets/{part}" for name in listed for part in BUNDLES[name]]
    assert parts and all(part in names for part in parts), parts
    assert (ROOT / "generator" / "site" / "icons.py").is_file() and ICONS_CSS in config["extra_css"]
    assert (f"generator/project/{config['theme']['custom_dir']}/main.html") in names


def test_the_wheel_declares_the_timeline_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        entry = next(n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt"))
        assert "timeline = generator.cli:main" in z.read(entry).decode()


def test_the_unpacked_wheel_builds_a_site_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    """The package alone (no checkout on the path) finds its templates, overrides and mkdocs.yml, and keeps the
    editor's cache in the working folder, not in the package."""
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "content", work / "content")
    env = {**os.environ, "PYTHONPATH": str(installed), "TIMELINE_CACHE": "", "TIMELINE_PARSER": "off"}
    where = subprocess.run([sys.executable, "-c", "import generator.resources as r; print(r.__file__); "
                            "print(r.from_checkout())"], cwd=work, env=env, capture_output=True, text=True)
    assert where.stdout.splitlines() == [str(installed / "generator" / "resources.py"), "False"], where.stderr
    result = subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--site-dir", "site"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # -q: errors only, and there are none
    for page in ("index.html", "timeline/index.html", "claims/index.html", "assets/site.css", "404.html"):
        assert (work / "site" / page).is_file(), page
    assert "feed.xml" in (work / "site" / "index.html").read_text(encoding="utf-8")  # overrides/main.html's link
    assert (work / ".cache").is_dir() and not (installed / "generator" / "project" / ".cache").exists()
