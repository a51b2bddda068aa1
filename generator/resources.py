"""Where the tool's own files are: the page templates, the theme overrides and the default mkdocs.yml.

In a source checkout they are the top-level folders beside generator/, where editors, `mkdocs build` and
`mkdocs serve` find them. An installed package (`pip install .`) carries copies under generator/project/:
pyproject.toml maps templates/ and overrides/ there, with mkdocs.yml, so the `timeline` command works from any
folder. The editor's own files (timeline.yml, the .cache/ folder) belong to the project folder: the folder of the
mkdocs.yml in use, or, with the packaged mkdocs.yml, the working directory (never the installed package).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
PACKAGED = PACKAGE / "project"
# What the tool needs of its own at run time, beside its modules: tests/test_packaging.py checks the wheel has it.
TOOL_FILES = ("mkdocs.yml", "templates", "overrides")


def from_checkout() -> bool:
    """True when the package runs from a source checkout (or an editable install of one)."""
    return all((CHECKOUT / name).exists() for name in TOOL_FILES)


def tool_dir() -> Path:
    """The folder holding mkdocs.yml, templates/ and overrides/: the checkout's, else the packaged copies."""
    return CHECKOUT if from_checkout() else PACKAGED


def default_config() -> Path:
    """The mkdocs.yml used when none is given."""
    return tool_dir() / "mkdocs.yml"


def default_templates() -> Path:
    """The page templates (and their assets/)."""
    return tool_dir() / "templates"


def project_dir(mkdocs_file: Path) -> Path:
    """The folder of the editor's timeline.yml and .cache/: that of mkdocs.yml, unless that is the packaged copy
    (an installed package is no place to write to, nor to look for an editor's settings)."""
    if mkdocs_file.resolve().parent == PACKAGED:
        return Path.cwd()
    return mkdocs_file.parent
