"""benchmarks/make_corpus.py rewrites its own folder, and only its own: articles it wrote and the page-name file
a build of them keeps (content/redirects.yml) go; anything else makes it refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus

# (what is in the folder besides an earlier run's articles, whether a new run may replace it)
CASES = [
    ("nothing else", {}, True),
    ("the build's redirects.yml", {"redirects.yml": "articles/a/: a.md\n"}, True),
    ("an editor's article", {"mine.md": "---\ntitle: Mine\n---\nText.\n"}, False),
    ("a settings file", {"site.yml": "title: X\n"}, False),
]


@pytest.mark.parametrize(("what", "extra", "replaced"), CASES, ids=[c[0] for c in CASES])
def test_a_new_run_replaces_only_what_runs_and_builds_wrote(what: str, extra: dict[str, str], replaced: bool,
                                                           tmp_path: Path) -> None:
    write_corpus(8, tmp_path)
    for name, text in extra.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if not replaced:
        with pytest.raises(ValueError, match="did not write"):
            write_corpus(8, tmp_path)
        assert all((tmp_path / name).exists() for name in extra), what
        return
    written = write_corpus(8, tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(written), what
