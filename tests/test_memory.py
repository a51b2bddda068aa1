"""What a build holds at its peak (benchmarks/bench_memory.py measures it): MkDocs converts every page before it
writes one, so each page's HTML waits compressed in the plugin and its converted Markdown is dropped
(generator/site/hooks.py); `build` lets the parser go once the articles are analysed (generator/site/build.py).
"""

from __future__ import annotations

import functools
import gc
import weakref
import zlib
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_corpus import write_corpus
from generator import memos
from generator.claims import nlp
from generator.models import Article, Timeline
from generator.site import generate, hooks, search
from generator.site.build import build_site

Seen = dict[str, list[tuple[str, int, int, int]]]  # event -> (page, len of its HTML, Markdown and file's Markdown)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seen, int]:
    """A build of six articles with every cache off; what MkDocs' pages held at on_env (every page converted,
    none written) and at on_post_build (every page written); whether the parser was loaded when the pages were
    rendered."""
    tmp = tmp_path_factory.mktemp("memory")
    write_corpus(6, tmp / "content", seed=1)
    seen: Seen = {}
    self_pages: list[dict[str, str]] = []
    patch = pytest.MonkeyPatch()
    patch.setenv("TIMELINE_CACHE", "off")

    def record(event: str, files: Any) -> None:
        seen[event] = [(f.src_uri, len(f.page.content or ""), len(f.page.markdown or ""), len(f.content_string))
                       for f in files.documentation_pages() if f.page is not None]
        seen[event + " plugin"] = [(name, 0, 0, len(text)) for name, text in self_pages[0].items()]

    on_env, index = hooks.TimelinePlugin.on_env, hooks.TimelinePlugin._index

    @functools.wraps(on_env)  # with its event priority
    def env_spy(self: hooks.TimelinePlugin, env: Any, config: Any, files: Any) -> Any:
        assert self.generated is not None
        self_pages[:] = [self.generated.pages]
        record("on_env", files)
        return on_env(self, env, config, files)

    def index_spy(self: hooks.TimelinePlugin, config: Any) -> None:
        record("on_post_build", self.files)
        seen["data files"] = [(f.src_uri, 0, 0, len(f.content_string)) for f in self.files
                              if f.src_uri.startswith("data/")]
        gc.collect()
        seen["held as Pagefind starts"] = [
            (kind, 0, 0, n) for kind, n in (
                ("articles", sum(ref() is not None for ref in articles)),  # this build's (other tests may hold theirs)
                ("memo entries", sum(m.cache_info().currsize for m in memos._memos)))]
        index(self, config)

    render_site = generate.render_site
    loaded: list[int] = []

    articles: list[weakref.ref[Article]] = []

    def render_spy(t: Timeline, *args: Any, **kwargs: Any) -> Any:
        loaded.append(nlp._load.cache_info().currsize)
        articles[:] = [weakref.ref(a) for a in t.articles]
        return render_site(t, *args, **kwargs)

    patch.setattr(generate, "render_site", render_spy)
    patch.setattr(hooks.TimelinePlugin, "on_env", env_spy)
    patch.setattr(hooks.TimelinePlugin, "_index", index_spy)
    nlp.parser_status()  # the model (or the reason there is none) is loaded before the build
    try:
        code = build_site(tmp / "content", tmp / "site")
    finally:
        patch.undo()
    assert code in (0, 1)
    return tmp / "site", seen, loaded[0]


@pytest.mark.parametrize("event, least", [("on_env", 10), ("on_env plugin", 10), ("on_post_build", 10),
                                          ("data files", 3), ("held as Pagefind starts", 2)])
def test_no_page_html_or_markdown_is_held(built: tuple[Path, Seen, int], event: str, least: int) -> None:
    """Every page converted (on_env) or written (on_post_build, as Pagefind starts): MkDocs' pages and files and
    the plugin's pages hold no HTML or Markdown, and the data files, written, no text. As Pagefind starts, none of
    the build's articles is alive (the Timeline went once MkDocs had the pages), and the analysis' memos (which
    held the articles' bodies and sentences) are empty (generator/memos.py)."""
    _, seen, _ = built
    pages = seen[event]
    assert len(pages) >= least
    assert [p for p in pages if p[1] or p[2] or p[3]] == []


def test_the_pages_are_written_whole(built: tuple[Path, Seen, int]) -> None:
    """The HTML the plugin held comes back for the template: each article page has its body and its footer; the
    data files whose text was dropped were written first."""
    site, _, _ = built
    pages = sorted((site / "articles").glob("*/index.html"))
    assert len(pages) == 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="md-content__inner' in html and "</footer>" in html
        body = html.split('class="md-content__inner', 1)[1].split("</article>", 1)[0]
        assert "<h1" in body and "<table" in body and len(zlib.compress(body.encode())) > 500
    assert [p.name for p in sorted((site / "data").iterdir()) if p.stat().st_size < 1000] == []


def test_the_parser_is_let_go_before_the_pages_are_rendered(built: tuple[Path, Seen, int]) -> None:
    _, _, loaded = built
    assert loaded == 0
    assert len(nlp._PARSED) == 0


def _resident() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:", 1)[1].split()[0]) * 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_freed_memory_goes_back_before_pagefind_runs() -> None:
    """Blocks freed in the middle of the heap stay with the process until return_free_memory (glibc)."""
    blocks = [bytes(2000) + bytes([n % 256]) for n in range(100_000)]  # about 200 MB, from malloc's heap
    kept = blocks[::100]  # a block kept here and there: the heap cannot just shrink from its top
    del blocks
    before = _resident()
    search.return_free_memory()
    assert before - _resident() > 100 * 2**20
    assert len(kept) == 1000
