"""The extraction cache (generator/cache.py) and the extraction workers (generator/workers.py).

Cached and uncached builds, and builds on one core or two, give byte-identical exports; a rebuild after one
edit extracts one article; a corrupt, cut-short or foreign entry is noted and read again. Every cache here is in
a temporary folder (conftest turns the project's .cache/ off for the whole suite).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from generator import cache, heldfiles, pipeline, workers
from generator.cache import ExtractionCache, cache_dir_for
from generator.claims import nlp
from generator.config import CategoryRule, Config
from generator.diagnostics import Code
from generator.pipeline import make_timeline
from generator.site.export import to_json

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """---
title: Storm in Pellow
date: 2025-04-06
source: Pellow Post
---

A storm hit Pellow on Saturday. The coastguard said 4 people were killed and 9 were injured.

Officials said on Sunday that two fishermen were still missing.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A synthetic corpus large enough for the workers (make_corpus), plus one article of our own."""
    folder = tmp_path / "content"
    write_corpus(workers.MIN_ARTICLES + 6, folder, seed=3)
    (folder / "storm.md").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Four synthetic articles and one of our own: extracted here, no workers."""
    folder = tmp_path / "content"
    write_corpus(4, folder, seed=3)
    (folder / "storm.md").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles extracted (not taken from the cache), in this process (one worker)."""
    monkeypatch.setenv("TIMELINE_WORKERS", "1")
    seen: list[str] = []
    real = pipeline._analyse

    def analyse(a, config):  # type: ignore[no-untyped-def]
        seen.append(a.id)
        return real(a, config)

    monkeypatch.setattr(pipeline, "_analyse", analyse)
    return seen


def export(content: Path, cache_dir: Path | None, **settings: object) -> str:
    return to_json(make_timeline(content, Config(cache_dir=cache_dir, **settings)))  # type: ignore[arg-type]


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("extraction-*/*/*.json"))


def test_cold_warm_and_uncached_exports_are_byte_identical(corpus: Path, tmp_path: Path) -> None:
    uncached = export(corpus, None)
    cold = export(corpus, tmp_path / "cache")
    assert len(entries(tmp_path / "cache")) >= len(list(corpus.glob("*.md")))
    warm = export(corpus, tmp_path / "cache")
    assert cold == uncached and warm == uncached


def test_held_between_builds_as_serve_holds_them_the_exports_are_the_same(small: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` keeps the read cache and the extraction entries in memory between builds (heldfiles.py)."""
    cache = tmp_path / "cache"
    plain = export(small, cache)
    heldfiles.hold()
    try:
        assert export(small, cache) == plain  # read from the files, and held
        monkeypatch.setattr(Path, "read_bytes", _no_cache_reads(Path.read_bytes))
        assert export(small, cache) == plain  # the cache files are not read again
        storm = small / "storm.md"
        storm.write_text(ARTICLE.replace("4 people", "5 people"), encoding="utf-8")
        monkeypatch.undo()
        edited = export(small, cache)
    finally:
        heldfiles.hold(False)
    assert edited == export(small, cache) == export(small, None) != plain


def _no_cache_reads(real):
    def read_bytes(self: Path) -> bytes:
        assert "cache" not in self.parts, f"{self} was read"
        return bytes(real(self))
    return read_bytes


def test_a_warm_build_extracts_nothing_and_one_edit_extracts_one(corpus: Path, tmp_path: Path,
                                                                 counted: list[str]) -> None:
    export(corpus, tmp_path / "cache")
    assert len(counted) > workers.MIN_ARTICLES
    counted.clear()
    export(corpus, tmp_path / "cache")
    assert counted == []
    storm = corpus / "storm.md"
    storm.write_text(ARTICLE.replace("4 people", "5 people"), encoding="utf-8")
    edited = make_timeline(corpus, Config(cache_dir=tmp_path / "cache"))
    assert counted == ["storm-in-pellow"]
    assert 5 in [c.quantity for a in edited.articles if a.id == "storm-in-pellow" for c in a.claims]


@pytest.mark.parametrize("change", ["outcome words", "categories", "actors", "parser", "code", "date"])
def test_what_the_extraction_depends_on_is_in_the_key(change: str, tmp_path: Path, counted: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "storm.md").write_text(ARTICLE, encoding="utf-8")
    settings: dict[str, object] = {}
    export(content, tmp_path / "cache")
    counted.clear()
    if change == "outcome words":
        settings["outcome_words"] = {"killed": ("perished",)}
    elif change == "categories":
        settings["categories"] = [CategoryRule("fishermen dead", "killed", ["fishermen"])]
    elif change == "actors":
        settings["actors"] = {"Pellow coastguard": ["coastguard"]}
    elif change == "parser":
        for name in ("parser_status", "declared_status"):
            monkeypatch.setattr(nlp, name, lambda: nlp.ParserStatus(True, "another model", ""))
    elif change == "code":
        monkeypatch.setattr(cache, "code_version", lambda: "another version of the rules")
    else:
        (content / "storm.md").write_text(ARTICLE.replace("2025-04-06", "2025-04-07"), encoding="utf-8")
    export(content, tmp_path / "cache", **settings)
    assert counted == ["storm-in-pellow"]


@pytest.mark.parametrize("damage", ["cut short", "not json", "a list", "missing field", "unknown field",
                                    "another article's"])
def test_a_damaged_entry_is_noted_and_read_again(damage: str, small: Path, tmp_path: Path) -> None:
    corpus = small
    expected = export(corpus, None)
    export(corpus, tmp_path / "cache")
    config = Config(cache_dir=tmp_path / "cache")
    target = next(a for a in make_timeline(corpus, config).articles if a.id == "storm-in-pellow")
    opened = ExtractionCache.open(config)
    assert opened is not None
    path = opened.path(opened.key(replace(target, mentions=[], claims=[])))
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    other = next(p for p in entries(tmp_path / "cache") if p != path)
    damaged = {
        "cut short": text[: len(text) // 2],
        "not json": "\x00\x01 not json",
        "a list": "[1, 2, 3]",
        "missing field": json.dumps({k: v for k, v in data.items() if k != "claims"}),
        "unknown field": json.dumps({**data, "claims": [{**data["claims"][0], "colour": "red"}]}),
        "another article's": other.read_text(encoding="utf-8"),
    }[damage]
    path.write_text(damaged, encoding="utf-8")
    t = make_timeline(corpus, config)
    notes = [d for d in t.diagnostics if d.code == Code.CACHE_ENTRY_IGNORED]
    assert [(n.location.path, n.level) for n in notes] == [("content/storm.md", "info")]
    assert path.name in notes[0].message
    assert to_json(replace(t, diagnostics=[d for d in t.diagnostics if d not in notes])) == expected
    assert json.loads(path.read_text(encoding="utf-8")) == data  # written again, whole
    assert export(corpus, tmp_path / "cache") == expected  # and used: no note the next time


def test_entries_are_written_whole_and_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "storm.md").write_text(ARTICLE, encoding="utf-8")
    export(content, tmp_path / "cache")
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")] == []
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    assert export(content, blocked) == export(content, None)


def test_failed_extractions_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "storm.md").write_text(ARTICLE, encoding="utf-8")

    def broken(*args: object) -> list[object]:
        raise RuntimeError("a bug on odd text")

    monkeypatch.setattr(pipeline, "extract_claims", broken)
    t = make_timeline(content, Config(cache_dir=tmp_path / "cache"))
    assert any(d.code == Code.INTERNAL_ERROR for d in t.diagnostics)
    assert entries(tmp_path / "cache") == []


def test_old_versions_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "storm.md").write_text(ARTICLE, encoding="utf-8")
    for n in range(cache.KEEP_VERSIONS + 2):
        monkeypatch.setattr(cache, "code_version", lambda n=n: f"version {n}")
        export(content, tmp_path / "cache")
        os.utime(next(iter(sorted((tmp_path / "cache").glob("extraction-*"), key=os.path.getmtime))), (n, n))
    assert len(list((tmp_path / "cache").glob("extraction-*"))) == cache.KEEP_VERSIONS


def test_the_cache_lies_beside_mkdocs_yml_unless_moved_or_off(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_CACHE")
    assert cache_dir_for(tmp_path) == tmp_path / ".cache"
    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path / "elsewhere"))
    assert cache_dir_for(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv("TIMELINE_CACHE", "off")
    assert cache_dir_for(tmp_path) is None
    assert "/.cache/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_build_uses_the_project_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site.generate import load_timeline

    monkeypatch.delenv("TIMELINE_CACHE")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "storm.md").write_text(ARTICLE, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Storms\n", encoding="utf-8")
    first = load_timeline(project / "content", project / "mkdocs.yml", None)
    assert entries(project / ".cache")
    assert to_json(load_timeline(project / "content", project / "mkdocs.yml", None)) == to_json(first)


# --- the workers --------------------------------------------------------------------------------------------


def _square_plus(n: int, shared: int) -> tuple[int, int]:
    return n * n + shared, os.getpid()


def test_workers_keep_the_order_and_share_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_WORKERS", "2")
    items = list(range(workers.MIN_ARTICLES * 4))
    results = list(workers.run_all(_square_plus, items, 7))
    assert [r for r, _ in results] == [n * n + 7 for n in items]
    assert os.getpid() not in {pid for _, pid in results}


@pytest.mark.parametrize(("setting", "tasks", "expected"), [("1", 500, 1), ("2", 500, 2), ("8", 30, 8),
                                                             ("2", workers.MIN_ARTICLES - 1, 1), ("x", 500, None)])
def test_worker_count(setting: str, tasks: int, expected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_WORKERS", setting)
    cores = workers.cores()
    assert workers.worker_count(tasks) == (expected if expected is not None else (cores if cores > 1 else 1))


def test_a_pool_that_cannot_start_leaves_the_work_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setenv("TIMELINE_WORKERS", "2")
    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_pool)
    items = list(range(workers.MIN_ARTICLES))
    assert list(workers.run_all(_square_plus, items, 0)) == [(n * n, os.getpid()) for n in items]


def test_one_worker_or_two_give_the_same_export(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_WORKERS", "1")
    serial = export(corpus, None)
    monkeypatch.setenv("TIMELINE_WORKERS", "2")
    assert export(corpus, None) == serial


def _generator_imports(path: Path) -> set[str]:
    """The generator modules a source file imports (anywhere in it, functions included)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # from generator import rules
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generator")
    return found


def test_the_code_version_covers_every_module_the_extraction_imports() -> None:
    """Editing any module the dates or claims stage runs must change cache.code_version (via cache.SOURCES)."""
    package = REPO / "generator"
    covered = {p for name in cache.SOURCES for p in ((package / name).rglob("*.py") if (package / name).is_dir()
                                                      else [package / name])}
    todo = [*(package / "claims").rglob("*.py"), *(package / "dates").rglob("*.py"), package / "pipeline.py"]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _generator_imports(path):
            parts = module.split(".")[1:]
            for candidate in (package.joinpath(*parts).with_suffix(".py"), package.joinpath(*parts, "__init__.py")):
                if candidate.is_file():
                    todo.append(candidate)
    # pipeline.py itself imports the later stages; only what _analyse runs (dates, claims) must be covered.
    # verbosity.py only decides what is printed (diagnostics.py imports it), never what is extracted; atomic.py
    # only writes files whole (the reading stage's cache); heldfiles.py only keeps what cache files hold in memory;
    # digests.py only digests what grouping and rendering keep between builds (events/merge.py imports it).
    later = ("events", "inputs", "site", "workers.py", "cli.py", "escape.py", "verbosity.py", "atomic.py",
             "heldfiles.py", "digests.py")
    needed = {p for p in seen if not p.relative_to(package).as_posix().startswith(later)}
    assert needed - covered == set()
