"""Shared fixtures: the --update-golden switch and helpers that write articles into a temporary folder."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


# Files whose tests build whole sites, run MkDocs, a browser or thousands of fuzz cases: `make test-fast`
# (pytest -m "not slow") leaves them out; `make test` runs everything.
SLOW_FILES = {"test_browser.py", "test_build_e2e.py", "test_bad_input.py", "test_editors.py", "test_fuzz.py",
              "test_fuzz_corpus.py", "test_long_articles.py", "test_quality.py", "test_safety.py",
              "test_workflow.py", "test_hardening.py", "test_browser_site.py", "test_site_files.py"}


def pytest_configure(config: pytest.Config) -> None:
    # Builds in tests (and the builds they start as subprocesses) cache nothing, so nothing is written into the
    # repository's .cache/; the cache's own tests (tests/test_cache.py) give it a temporary folder.
    os.environ["TIMELINE_CACHE"] = "off"
    # In a GitHub Actions run the build takes the site's address from GITHUB_REPOSITORY (generator.site.generate.
    # site_url): the tests' sites are built without it, the same whichever CI runs them.
    os.environ.pop("GITHUB_REPOSITORY", None)
    config.addinivalue_line("markers", "slow: builds sites, runs MkDocs, a browser or fuzzing (not in test-fast)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="rewrite tests/golden/* from the current output instead of comparing against them",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with --update-golden."""
    return bool(request.config.getoption("--update-golden"))


ArticleWriter = Callable[..., Path]


@pytest.fixture
def write_article(tmp_path: Path) -> ArticleWriter:
    """write_article(name, text, **front_matter) -> path of a new file under tmp_path.

    With keyword arguments a YAML front matter block is written first; `text` may also be bytes, written
    as they are (for encoding tests). Sub-folders in `name` are created.
    """

    def write(name: str, text: str | bytes = "", **front: object) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
            return path
        if front:
            lines = ["---"]
            for key, value in front.items():
                lines.append(f"{key}: {_yaml_scalar(value)}")
            lines.append("---")
            text = "\n".join(lines) + "\n\n" + text.lstrip("\n")
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _yaml_scalar(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


@pytest.fixture(autouse=True)
def _no_serve_state_left() -> Iterator[None]:
    """A test that plays `mkdocs serve` (on_serve, heldfiles.hold, the idle collector) must not leave its state to
    the next: held caches would hand one test's objects to another, a collector left off would pile up cycles."""
    yield
    from generator import heldfiles

    left = heldfiles.holding() or not gc.isenabled()
    heldfiles.hold(False)
    gc.enable()
    gc.unfreeze()
    assert not left, "this test left `mkdocs serve` state behind (heldfiles holding, or the collector off)"
