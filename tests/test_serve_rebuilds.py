"""What makes `mkdocs serve` rebuild quickly: the file events it watches with (generator/site/watch.py), the caches
it holds between builds (generator/heldfiles.py) and its collections between builds (generator/site/servegc.py).
The whole loop (serve, save, the page changes) is tests/test_editors.py's; the latency is benchmarks/'."""

from __future__ import annotations

import gc
import os
import pickle
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator import heldfiles
from generator.atomic import write_whole
from generator.site.servegc import MISSED, IdleCollector
from generator.site.watch import WATCH_ENV, is_change, polling_wanted, watch

# --- watching ------------------------------------------------------------------------------------

def _event(kind: str, src: str, dest: str = "", directory: bool = False) -> Any:
    return SimpleNamespace(event_type=kind, src_path=src, dest_path=dest, is_directory=directory)


@pytest.mark.parametrize("event, only, wanted", [
    (_event("modified", "/c/a.md"), None, True),  # an article saved in place
    (_event("created", "/c/new.md"), None, True),
    (_event("deleted", "/c/a.md"), None, True),
    (_event("moved", "/c/.a.md.swp", "/c/a.md"), None, True),  # an editor's save by renaming a temporary file
    (_event("closed", "/c/a.md"), None, True),  # closed after writing
    (_event("attrib", "/c/a.md"), None, True),  # touched
    (_event("opened", "/c/a.md"), None, False),  # every build opens every article: no rebuild for that
    (_event("closed_no_write", "/c/a.md"), None, False),
    (_event("modified", "/c", directory=True), None, False),  # a folder's: each file in it has its own event
    (_event("moved", "/c/old", "/d/old", directory=True), None, True),  # a folder of articles moved out
    (_event("modified", "/p/timeline.yml"), frozenset({"/p/timeline.yml"}), True),
    (_event("moved", "/p/.timeline.yml.tmp", "/p/timeline.yml"), frozenset({"/p/timeline.yml"}), True),
    (_event("modified", "/p/site/index.html"), frozenset({"/p/timeline.yml"}), False),  # the build's own output
])
def test_a_change_is_a_write_not_a_read(event: Any, only: frozenset[str] | None, wanted: bool) -> None:
    assert is_change(event, only) is wanted


def test_a_file_the_build_writes_itself_is_no_change_until_it_holds_something_else(
        watched: tuple[_Server, Path, Path]) -> None:
    from generator.site.watch import writing

    server, content, _project = watched
    names = content / "redirects.yml"
    writing(names, b"events/a.md: a.md\n")  # content/redirects.yml, as a build keeps it
    names.write_bytes(b"events/a.md: a.md\n")
    assert not server.woken(within=1.0)
    names.write_bytes(b"events/b.md: b.md\n")  # an editor's change
    assert server.woken()


def test_polling_is_asked_for_by_the_environment() -> None:
    assert polling_wanted({WATCH_ENV: "poll"}) and polling_wanted({WATCH_ENV: " Poll "})
    assert not polling_wanted({}) and not polling_wanted({WATCH_ENV: "events"})


class _Server:
    """LiveReloadServer's watch() and its rebuild switch, as MkDocs 1.6 has them."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.polled: list[str] = []

    def watch(self, path: str) -> None:
        self.polled.append(path)

    def woken(self, within: float = 5.0) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=within)


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[_Server, Path, Path]]:
    content, project = tmp_path / "content", tmp_path / "project"
    content.mkdir()
    (project / "site").mkdir(parents=True)
    (content / "a.md").write_text("first\n", encoding="utf-8")
    (project / "timeline.yml").write_text("title: T\n", encoding="utf-8")
    server = _Server()
    observer = watch(server, [content], [project / "timeline.yml"])
    assert observer is not None and server.polled == []
    time.sleep(0.3)  # the watches are in place
    yield server, content, project
    observer.stop()
    observer.join(5)


def test_a_save_wakes_the_rebuild_and_a_read_does_not(watched: tuple[_Server, Path, Path]) -> None:
    server, content, project = watched
    (content / "a.md").read_bytes()  # what every build does
    (project / "site" / "index.html").write_text("built", encoding="utf-8")  # beside timeline.yml, not it
    assert not server.woken(within=0.5)
    (content / "a.md").write_text("second\n", encoding="utf-8")
    assert server.woken()


def test_the_settings_file_is_watched_through_its_folder(watched: tuple[_Server, Path, Path]) -> None:
    server, _content, project = watched
    write_whole(project / "timeline.yml", b"title: U\n")  # saved by renaming a temporary file over it
    assert server.woken()


def test_polling_when_asked_or_when_the_server_has_no_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WATCH_ENV, "poll")
    server = _Server()
    assert watch(server, [tmp_path], [tmp_path / "timeline.yml"]) is None
    assert server.polled == [str(tmp_path), str(tmp_path / "timeline.yml")]
    monkeypatch.delenv(WATCH_ENV)
    bare = SimpleNamespace(polled=[])
    bare.watch = bare.polled.append
    assert watch(bare, [tmp_path], []) is None and bare.polled == [str(tmp_path)]


# --- caches held between builds ------------------------------------------------------------------

@pytest.fixture
def holding() -> Iterator[None]:
    heldfiles.hold()
    yield
    heldfiles.hold(False)


def _reads(path: Path) -> tuple[list[Any], Any]:
    loads: list[Any] = []

    def load(raw: bytes) -> Any:
        loads.append(raw)
        return pickle.loads(raw)  # noqa: S301 (the test's own file)

    return loads, lambda: heldfiles.read(path, load)


def test_off_every_read_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.pickle"
    write_whole(path, pickle.dumps({"a": 1}))
    loads, read = _reads(path)
    assert read() == read() == {"a": 1}
    assert len(loads) == 2


def test_held_the_file_is_read_once_until_it_changes(tmp_path: Path, holding: None) -> None:
    path = tmp_path / "c.pickle"
    write_whole(path, pickle.dumps({"a": 1}))
    loads, read = _reads(path)
    first = read()
    assert read() is first and len(loads) == 1
    write_whole(path, pickle.dumps({"a": 2}))  # another writer (an atomic rename: a new file)
    assert read() == {"a": 2} and len(loads) == 2
    mine = {"a": 3}
    write_whole(path, pickle.dumps(mine))
    heldfiles.written(path, mine)  # this process wrote it: handed out without reading
    assert read() is mine and len(loads) == 2
    path.unlink()
    with pytest.raises(FileNotFoundError):
        read()


def test_entries_are_held_only_while_holding() -> None:
    heldfiles.keep_entry("k", 1)
    assert heldfiles.entry("k") is None
    heldfiles.hold()
    try:
        heldfiles.keep_entry("k", 1)
        assert heldfiles.entry("k") == 1
    finally:
        heldfiles.hold(False)
    assert heldfiles.entry("k") is None


# --- collections between builds ------------------------------------------------------------------

def test_the_idle_collection_runs_after_a_build_and_freezes_what_survives() -> None:
    waited = threading.Event()
    idle = IdleCollector(before=(waited.set,), delay=0.05)
    try:
        idle.build_finished()
        deadline = time.monotonic() + 5
        while idle.collections == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert idle.collections == 1 and waited.is_set() and gc.isenabled()
        assert gc.get_freeze_count() > 0
        # a cycle made after the freeze is still collected: nothing leaks
        cycle: list[Any] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


def test_a_build_that_starts_first_cancels_the_idle_collection() -> None:
    idle = IdleCollector(delay=0.2)
    try:
        idle.build_finished()
        idle.build_started()
        assert not gc.isenabled(), "off through the build"
        time.sleep(0.4)
        assert idle.collections == 0 and not gc.isenabled()
        idle.build_finished()  # stays off until the idle collection
        assert not gc.isenabled()
        deadline = time.monotonic() + 5
        while idle.collections == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert idle.collections == 1 and gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_saves_in_quick_succession_collect_before_a_build_now_and_then() -> None:
    idle = IdleCollector(delay=60)
    try:
        for _ in range(MISSED):
            idle.build_started()
            idle.build_finished()
        assert idle.missed == MISSED
        idle.build_started()  # one more without a pause: this one collects first
        assert idle.missed == 0
    finally:
        idle.build_started()  # cancels the timer
        gc.enable()


def test_held_an_unchanged_article_is_not_read_again(tmp_path: Path, holding: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.config import Config
    from generator.inputs.reader import read_articles

    content = tmp_path / "content"
    content.mkdir()
    for n in (1, 2):
        (content / f"a{n}.md").write_text(f"---\ntitle: Storm {n}\ndate: 2025-04-0{n}\n---\n\nA storm hit Pellow "
                                          f"on Saturday. The coastguard said {n + 3} people were killed.\n")
    config = Config(cache_dir=tmp_path / "cache")
    first = read_articles(content, config)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.parent != content, f"{self.name} was read again"
        return bytes(real(self))

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert read_articles(content, config) == first
    monkeypatch.undo()
    (content / "a2.md").write_text((content / "a2.md").read_text().replace("5 people", "6 people"))
    again, _ = read_articles(content, config)
    assert "6 people" in again[1].body and again[0] is first[0][0]


def test_held_a_restored_page_that_is_still_in_place_is_not_read(tmp_path: Path, holding: None) -> None:
    from generator.site.incremental import _restore_page

    source, dest = tmp_path / "entry.html", tmp_path / "site" / "page.html"
    source.write_bytes(b"<p>kept</p>")
    _restore_page("k1", source, dest)
    assert dest.read_bytes() == b"<p>kept</p>"
    source.unlink()  # were it read again, this would fail
    _restore_page("k1", source, dest)
    write_whole(dest, b"<p>spoiled</p>")  # changed by someone else: checked and copied again
    source.write_bytes(b"<p>kept</p>")
    _restore_page("k1", source, dest)
    assert dest.read_bytes() == b"<p>kept</p>"


def test_deferred_writes_wait_for_the_flush_and_the_next_build(tmp_path: Path) -> None:
    from generator.site.rendermemo import FORMAT, RenderCache

    heldfiles.hold(defer=True)
    try:
        cache = RenderCache.open(tmp_path)
        cache.drawn.append("p.md")
        cache.save()
        path = tmp_path / f"render-{FORMAT}.pickle"
        assert not path.exists(), "written once the page is served"
        heldfiles.new_build()  # a save came first: the build that starts writes it before it reads it
        assert path.exists() and RenderCache.open(tmp_path).old == {}
        written: list[int] = []
        heldfiles.later(lambda: written.append(1))
        heldfiles.flush()
        heldfiles.flush()
        assert written == [1]
    finally:
        heldfiles.hold(False)
    heldfiles.later(lambda: written.append(2))  # not deferring: at once
    assert written == [1, 2]


def _collector_on(item: int, shared: None) -> bool:
    return gc.isenabled()


def test_many_articles_are_extracted_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A serve rebuild runs with the collector off; one that extracts every article again (a rules change)
    must not pile up the cycles of thousands of parses."""
    from generator import workers

    monkeypatch.setenv(workers.ENV, "1")  # here, not in workers (those turn it on in their initializer)
    gc.disable()
    try:
        assert all(workers.run_all(_collector_on, list(range(workers.MIN_ARTICLES)), None))
        assert not gc.isenabled(), "as the caller had it"
        assert not any(workers.run_all(_collector_on, [1, 2], None)), "one edit: left as it is"
    finally:
        gc.enable()


def test_identity_memo_holds_an_object_for_two_builds(holding: None) -> None:
    memo = heldfiles.IdentityMemo()
    kept, other = ["a"], ["a"]
    memo.put(kept, 1)
    assert memo.get(kept) == 1 and memo.get(other) is None, "by identity, not by value"
    heldfiles.new_build()
    assert memo.get(kept) == 1  # the last build's, still held (and used again: kept for the next)
    heldfiles.new_build()
    heldfiles.new_build()
    assert memo.get(kept) is None, "unused for two builds: let go"
    heldfiles.hold(False)
    memo.put(kept, 2)
    assert memo.get(kept) is None


def test_held_a_serve_folder_is_walked_only_when_a_build_makes_less(tmp_path: Path, holding: None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import incremental

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    for name in ("a/index.html", "b.html", "stale.html"):
        (site / name).write_text("x", encoding="utf-8")
    config = SimpleNamespace(theme=SimpleNamespace(static_templates=set()))
    files = [SimpleNamespace(dest_uri=d, inclusion=SimpleNamespace(is_excluded=lambda: False))
             for d in ("a/index.html", "b.html")]
    assert incremental.prune_site(site, files, config, ()) == ["stale.html"]
    walked: list[str] = []
    real_walk = os.walk
    monkeypatch.setattr(incremental.os, "walk", lambda *a, **k: walked.append("walk") or real_walk(*a, **k))
    assert incremental.prune_site(site, files, config, ()) == [] and walked == [], "the same pages: no walk"
    assert incremental.prune_site(site, files[:1], config, ()) == ["b.html"] and walked == ["walk"]


def test_entries_unused_for_two_builds_are_let_go(holding: None) -> None:
    heldfiles.keep_entry("used", 1)
    heldfiles.keep_entry("dropped", 2)
    for _ in range(3):
        heldfiles.new_build()
        assert heldfiles.entry("used") == 1  # every build asks for it: it stays
    assert heldfiles.entry("dropped") is None, "a long session does not keep what it no longer uses"
