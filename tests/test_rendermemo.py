"""Rendered pages kept between builds (generator/site/rendermemo.py): a page is rendered again exactly when
something it read changed, and the pages a build takes from the cache are the pages a clean render makes.

Each case renders a small synthetic corpus once to fill the cache, changes one thing, and renders again through
the cache: the pages must equal a render without it, and the pages drawn again must be those the change reaches.
(tests/test_incremental.py runs whole builds through every cache after random edits.)
"""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_corpus import write_corpus
from generator.config import Config
from generator.models import Timeline
from generator.pipeline import make_timeline
from generator.site.packed import unpack
from generator.site.render import render_pages
from generator.site.rendermemo import EVERYTHING, Call, Digests, Lookups, PageMemo, RenderCache, _Recording

REPO = Path(__file__).resolve().parent.parent
MEMOISED = re.compile(r"^(articles|events|incidents|claimants)/|^claims(/|\.md$)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("memo") / "content"
    write_corpus(8, content, seed=4)
    return content


def _timeline(content: Path) -> Timeline:
    return make_timeline(content, Config())


def _render(t: Timeline, templates: Path, folder: Path | None) -> tuple[dict[str, str], RenderCache | None]:
    cache = RenderCache.open(folder) if folder else None
    pages = render_pages(t, templates, None, cache)
    if cache is not None:
        cache.save()
    return pages, cache


def _copy(content: Path, tmp_path: Path) -> Path:
    shutil.copytree(content, tmp_path / "content")
    return tmp_path / "content"


def _first_article(content: Path) -> Path:
    return sorted(content.glob("*.md"))[0]


def _change_figure(content: Path, templates: Path) -> None:
    path = _first_article(content)
    path.write_text(path.read_text(encoding="utf-8") + "\nOfficials said 4 more people were injured.\n",
                    encoding="utf-8")


def _retitle(content: Path, templates: Path) -> None:
    path = _first_article(content)
    path.write_text(re.sub(r"^title: .*$", "title: A renamed report", path.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")


def _rename_outlet(content: Path, templates: Path) -> None:
    """The outlet is printed wherever the article is cited (looked up by id): the events stay the same."""
    path = _first_article(content)
    path.write_text(re.sub(r"^source: .*$", "source: The Renamed Courier", path.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")


def _edit_macro(content: Path, templates: Path) -> None:
    path = templates / "claim_row.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\n{# a macro file edited #}\n", encoding="utf-8")


def _pages(used: dict[str, Any]) -> set[str]:
    """The pages kept, without their parts (table rows)."""
    return {k for k in used if not k.startswith("part:")}


def _nothing(content: Path, templates: Path) -> None:
    pass


Change = Callable[[Path, Path], None]


@pytest.mark.parametrize(("change", "redrawn"), [
    (_nothing, "none"),
    (_change_figure, "some"),  # its article page, its events', its incident's, the claim lists
    (_retitle, "some"),  # the pages that name the article, through by_id and published
    (_rename_outlet, "some"),  # the pages that cite the article, through by_id alone
    (_edit_macro, "all"),  # any file of templates/ reaches every page
])
def test_a_page_is_drawn_again_only_when_what_it_read_changed(change: Change, redrawn: str, corpus: Path,
                                                              tmp_path: Path) -> None:
    content = _copy(corpus, tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    first, cache = _render(_timeline(content), templates, tmp_path / "cache")
    assert cache is not None and cache.drawn and set(cache.drawn) == _pages(cache.used)
    memoised = {p for p in first if MEMOISED.match(p)}
    assert _pages(cache.used) == memoised, "every event, incident, article and claims page is kept"
    change(content, templates)
    t = _timeline(content)
    again, cache = _render(t, templates, tmp_path / "cache")
    plain, _ = _render(t, templates, None)
    assert again == plain
    assert cache is not None
    drawn = set(cache.drawn)
    if redrawn == "none":
        assert drawn == set()
    elif redrawn == "all":
        assert drawn == memoised
    else:
        article = next(a for a in t.articles if a.location.path.endswith(_first_article(content).name))
        assert f"articles/{article.id}.md" in drawn
        now = {p for p in again if MEMOISED.match(p)}
        assert drawn < now, "an unrelated article's page was drawn again"
        changed = {p for p in now if first.get(p) != again[p]}
        assert changed <= drawn, "a changed page must have been drawn again"
        if change is _rename_outlet:
            assert any(p.startswith("events/") for p in changed), "the outlet is cited on event pages"


def test_a_field_of_the_timeline_a_template_reads_is_followed(corpus: Path, tmp_path: Path) -> None:
    """A template that starts reading the Timeline (here its title) makes its pages depend on that field."""
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    event = templates / "event.md.j2"
    event.write_text(event.read_text(encoding="utf-8") + "\nPart of {{ t.title | h }}.\n", encoding="utf-8")
    t = _timeline(corpus)
    _render(t, templates, tmp_path / "cache")
    retitled = replace(t, title="Another site title")
    again, cache = _render(retitled, templates, tmp_path / "cache")
    assert again == _render(retitled, templates, None)[0]
    assert cache is not None and cache.drawn
    assert {p.split("/")[0] for p in cache.drawn} == {"events"}, "only the pages that print the title"
    assert "Part of Another site title." in again[cache.drawn[0]]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(["a", "list"])])
def test_an_unreadable_cache_renders_everything_again(damage: bytes, corpus: Path, tmp_path: Path) -> None:
    t = _timeline(corpus)
    first, _ = _render(t, REPO / "templates", tmp_path / "cache")
    [stored] = (tmp_path / "cache").glob("render-*.pickle")
    stored.write_bytes(damage)
    again, cache = _render(t, REPO / "templates", tmp_path / "cache")
    assert again == first
    assert cache is not None and set(cache.drawn) == _pages(cache.used) and cache.drawn
    assert RenderCache.open(tmp_path / "cache").old.keys() == cache.used.keys(), "and keeps them again"


def test_lookups_are_recorded_and_made_again() -> None:
    class Article:
        def __init__(self, aid: str) -> None:
            self.id = aid

    kept = Article("a")
    by_id = {"a": kept}
    lookups = Lookups(object(), {"by_id": by_id}, {"label": Call(lambda a: f"<{a.id}>", key=lambda a: a.id if
                                                                 by_id.get(a.id) is a else None,
                                                                 again=lambda aid: f"<{by_id[aid].id}>")}, Digests())
    recording = _Recording()
    ctx = lookups.context(recording)
    assert ctx["by_id"]["a"] is kept
    assert "b" not in ctx["by_id"] and list(ctx["by_id"]) == ["a"]
    assert ctx["label"](kept) == "<a>" and ctx["label"](Article("a")) == "<a>"
    assert list(recording.reads) == [("by_id", "a"), ("by_id", "b"), ("by_id", EVERYTHING), ("label", "a"),
                                     ("label", None)]
    assert lookups.digest(("label", "a")) == Digests().of("<a>")
    assert lookups.digest(("label", None)) is None, "an article that is not the Timeline's: never kept"


def test_a_context_the_lookups_do_not_cover_is_refused() -> None:
    lookups = Lookups(object(), {}, {}, Digests())
    with pytest.raises(ValueError, match="not what the lookups record"):
        PageMemo({"t": None, "extra": 1}, RenderCache(None), lookups)


# --- parts: table rows kept one by one ------------------------------------------------------------

ROW = '{% macro row(x, here) -%}<tr>{{ x }} {{ by_id[x] }} {{ here }}</tr>{%- endmacro %}\n'
LIST = '{% for x in rows %}{{ part("row.j2", "row", x, here) }}\n{% endfor %}{{ total }} rows\n'


def _list_page(folder: Path, templates: Path, by_id: dict[str, str], rows: list[str]) -> tuple[str, RenderCache]:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(templates)), undefined=StrictUndefined)
    cache = RenderCache.open(folder)
    memo = PageMemo({"t": None, "by_id": by_id}, cache, Lookups(object(), {"by_id": by_id}, {}, Digests()), b"b", env)
    tpl = env.get_template("list.j2")
    values = {"here": "list.md", "total": len(rows)}
    text = memo.render("list.md", lambda ctx: tpl.render(**ctx, **values, rows=rows), values, each=rows)
    text = unpack(text)
    plain = PageMemo({"t": None, "by_id": by_id}, env=env)
    assert text == unpack(plain.render("list.md", lambda ctx: tpl.render(**ctx, **values, rows=rows)))
    cache.save()
    return text, cache


def test_a_row_is_drawn_again_only_when_it_or_what_it_read_changed(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "row.j2").write_text(ROW, encoding="utf-8")
    (templates / "list.j2").write_text("{% from 'row.j2' import row %}" + LIST, encoding="utf-8")
    by_id = {"a": "Alpha", "b": "Beta", "c": "Gamma", "z": "Zeta"}
    text, cache = _list_page(tmp_path / "cache", templates, by_id, ["a", "b", "c"])
    assert text == "<tr>a Alpha list.md</tr>\n<tr>b Beta list.md</tr>\n<tr>c Gamma list.md</tr>\n3 rows"
    assert cache.drawn == ["list.md"] and cache.parts_drawn == 3
    # a row put in front: the page is drawn again (its rows and its total changed), the rows it had are not
    text, cache = _list_page(tmp_path / "cache", templates, by_id, ["z", "a", "b", "c"])
    assert text.startswith("<tr>z Zeta list.md</tr>\n<tr>a Alpha") and text.endswith("4 rows")
    assert cache.drawn == ["list.md"] and cache.parts_drawn == 1
    # nothing changed: the page is kept, and so are its rows, for a later build that draws it again
    _, cache = _list_page(tmp_path / "cache", templates, by_id, ["z", "a", "b", "c"])
    assert cache.drawn == [] and cache.parts_drawn == 0 and len(_pages(cache.used)) == 1 and len(cache.used) == 5
    # what one row looked up changed: that row alone is drawn again
    text, cache = _list_page(tmp_path / "cache", templates, {**by_id, "b": "Bravo"}, ["z", "a", "b", "c"])
    assert "<tr>b Bravo list.md</tr>" in text and cache.drawn == ["list.md"] and cache.parts_drawn == 1


def test_a_warm_build_after_a_cold_one_draws_nothing_again(corpus: Path, tmp_path: Path) -> None:
    """A cold build's articles come fresh from the extraction, a warm build's from its cache: the same values, which
    must digest the same (they once did not: enums against their values, shared strings against copies)."""
    config = Config(cache_dir=tmp_path / "cache")
    cold_t = make_timeline(corpus, config)
    cold, _ = _render(cold_t, REPO / "templates", tmp_path / "cache")
    warm_t = make_timeline(corpus, config)
    assert warm_t.articles == cold_t.articles
    warm, cache = _render(warm_t, REPO / "templates", tmp_path / "cache")
    assert cache is not None and cache.drawn == [] and warm == cold


def test_an_incidents_place_reaches_only_the_pages_that_read_it(corpus: Path, tmp_path: Path) -> None:
    """The place is looked up per incident (event_ld(e, place_of)): renaming one incident's place redraws the
    pages of that incident, not every page of the site (it was a build-wide input)."""
    from generator.events.pages import event_page

    t = _timeline(corpus)
    _render(t, REPO / "templates", tmp_path / "cache")
    inc = t.incidents[0]
    moved = replace(t, incidents=[replace(inc, place="Elsewhere"), *t.incidents[1:]])
    again, cache = _render(moved, REPO / "templates", tmp_path / "cache")
    assert again == _render(moved, REPO / "templates", None)[0]
    assert cache is not None and cache.drawn
    events = [e for e in t.events if e.incident == inc.id]
    assert {p for p in cache.drawn if p.startswith("events/")} <= {event_page(e) for e in events}
    # and the pages of its articles (their incident is shown), none of another incident's
    assert {p for p in cache.drawn if p.startswith("articles/")} <= {f"articles/{a}.md" for e in events
                                                                       for a in e.article_ids}


def test_a_page_kept_by_serve_is_held_packed_by_build_and_the_other_way(tmp_path: Path) -> None:
    """`mkdocs serve` keeps pages as text, `build` packed (generator/site/packed.py); a render cache written by one
    is read by the other: each reused page comes in the form of the build reading it, and the file is saved so."""
    from generator import heldfiles
    from generator.site.packed import Packed

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "row.j2").write_text(ROW, encoding="utf-8")
    (templates / "list.j2").write_text("{% from 'row.j2' import row %}" + LIST, encoding="utf-8")
    by_id = {"a": "Alpha", "b": "Beta"}
    heldfiles.hold()
    try:
        text, cache = _list_page(tmp_path / "cache", templates, by_id, ["a", "b"])
        assert isinstance(cache.used["list.md"].text, str)
    finally:
        heldfiles.hold(False)
    again, cache = _list_page(tmp_path / "cache", templates, by_id, ["a", "b"])
    assert again == text and cache.drawn == [] and cache.converted == 1
    assert isinstance(RenderCache.open(tmp_path / "cache").old["list.md"].text, Packed)
    _, cache = _list_page(tmp_path / "cache", templates, by_id, ["a", "b"])
    assert cache.converted == 0
    heldfiles.hold()
    try:
        _, cache = _list_page(tmp_path / "cache", templates, by_id, ["a", "b"])
        assert cache.converted == 1 and isinstance(cache.used["list.md"].text, str)
    finally:
        heldfiles.hold(False)
