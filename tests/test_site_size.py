"""What keeps the site small (issue 15, "a site that fits"): the theme's indentation collapsed
(generator/site/minify.py), its icons drawn from one stylesheet (generator/site/icons.py), and no page for an event
that would only repeat a sentence of its one article (generator/events/pages.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2
import pytest

from generator.events.pages import event_address, event_page, has_page
from generator.models import Event
from generator.site.frame import FRAME_SCRIPT, FRAME_TEMPLATE, find_frame_template
from generator.site.generate import read_mkdocs_yml
from generator.site.icons import icon_class, icon_stylesheet, theme_dirs, used_icons
from generator.site.minify import collapse_whitespace

MATERIAL = Path(__import__("material").__file__).resolve().parent / "templates"

# (what, page, the same page collapsed)
CASES = [
    ("indentation between tags", "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("blank lines", "<p>a</p>\n\n\n   \n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ("leading whitespace of the page", "\n  \n<!doctype html>\n<html>", "<!doctype html>\n<html>"),
    ("spaces between words stay", "<p>two  spaces\tand a tab</p>", "<p>two  spaces\tand a tab</p>"),
    ("a newline inside text becomes one newline", "<p>one\n      two</p>", "<p>one\ntwo</p>"),
    ("a no-break space is text, not whitespace", "<p>a\u00a0\n  \u00a0b</p>", "<p>a\u00a0\n\u00a0b</p>"),
    ("pre is kept", "<div>\n  <pre>x\n    y\n\n z</pre>\n  </div>", "<div>\n<pre>x\n    y\n\n z</pre>\n</div>"),
    ("pre with attributes and code", '<pre class="c"><code>a\n    b</code></pre>\n  <p>c</p>',
     '<pre class="c"><code>a\n    b</code></pre>\n<p>c</p>'),
    ("textarea is kept", "<textarea>\n  a\n\n  b</textarea>\n   x", "<textarea>\n  a\n\n  b</textarea>\nx"),
    ("script is kept", "<script>\n  var s = `a\n    b`;\n</script>\n   <p>",
     "<script>\n  var s = `a\n    b`;\n</script>\n<p>"),
    ("style is kept", "<STYLE>\n  a { b: c }\n</STYLE>\n  <p>", "<STYLE>\n  a { b: c }\n</STYLE>\n<p>"),
    ("several kept blocks", "<pre> 1\n 2</pre>\n  <i>x</i>\n  <pre> 3\n 4</pre>\n  ",
     "<pre> 1\n 2</pre>\n<i>x</i>\n<pre> 3\n 4</pre>\n"),
    ("crlf line ends", "<p>a</p>\r\n    <p>b</p>", "<p>a</p>\n<p>b</p>"),
    ("nothing to do", "<p>a</p>", "<p>a</p>"),
]


@pytest.mark.parametrize(("what", "page", "expected"), CASES, ids=[c[0] for c in CASES])
def test_collapse_whitespace(what: str, page: str, expected: str) -> None:
    assert collapse_whitespace(page) == expected
    assert collapse_whitespace(expected) == expected  # collapsing twice changes nothing


# (theme settings, icons the pages draw besides the defaults, default icons replaced)
THEMES = [
    ({}, set(), set()),
    ({"icon": {"logo": "material/book"}}, {"material/book"}, {"material/library"}),
    ({"palette": [{"toggle": {"icon": "material/weather-night"}}, {"toggle": {"icon": "material/weather-sunny"}}]},
     {"material/weather-night", "material/weather-sunny"}, set()),
    ({"palette": {"toggle": {"icon": "material/brightness-7"}}}, {"material/brightness-7"}, set()),
    ({"icon": {"menu": "../../etc/passwd"}}, set(), {"material/menu"}),  # not an icon's name: not read
]
DEFAULT_ICONS = {"material/library", "material/menu", "material/magnify", "material/arrow-left", "material/close",
                 "material/arrow-up", "material/share-variant"}


@pytest.mark.parametrize(("theme", "added", "replaced"), THEMES)
def test_used_icons(theme: dict, added: set[str], replaced: set[str]) -> None:
    assert set(used_icons(theme)) == (DEFAULT_ICONS - replaced) | added


def test_icon_stylesheet_paints_each_icon_with_its_shape() -> None:
    css = icon_stylesheet(["material/menu", "material/no-such-icon"], [str(MATERIAL)])
    path = (MATERIAL / ".icons" / "material" / "menu.svg").read_text(encoding="utf-8")
    shape = path.split(' d="')[1].split('"')[0]
    assert f".{icon_class('material/menu')}{{--tl-i:url(\"data:image/svg+xml," in css
    assert shape in unquote(css)  # the icon's own shape, URL-quoted
    assert "no-such-icon" not in css  # an icon no theme folder has is left out, not drawn empty
    assert ".tl-i{background-color:currentcolor;" in css


def test_every_icon_of_the_site_has_its_rule() -> None:
    """Each icon mkdocs.yml's theme draws is found in the theme's folders and gets its rule, in its proportions."""
    root = Path(__file__).resolve().parent.parent
    theme = read_mkdocs_yml(root / "mkdocs.yml")["theme"]
    css = icon_stylesheet(used_icons(theme), theme_dirs(root, theme))
    assert {"material/weather-night", "material/weather-sunny"} <= set(used_icons(theme))
    for name in used_icons(theme):
        assert f".{icon_class(name)}{{--tl-i:url(" in css and ");aspect-ratio:24/24}" in css, name


def test_a_wide_icon_keeps_its_proportions() -> None:
    css = icon_stylesheet(["fontawesome/solid/bars"], theme_dirs(Path("."), {}))
    assert "aspect-ratio:448/512}" in css



EVENT = Event(id="2024-03-24-brindor-flood", title="The assembly rejected the plan", start="2024-03-24",
              end="2024-03-24", precision="day", incident="2024-03-30-brindor-flood", background=False,
              article_ids=["rescuers-search"])
SOME: Any = ["present"]  # a non-empty list: only whether there is something counts
# (what, the event's fields changed, has a page)
EVENT_CASES = [
    ("one article, no figures: its article's page lists it", {}, False),
    ("undated, one article", {"start": None, "end": None}, False),
    # No figures, however many articles: an entry on each of their pages, linked at the first one's
    ("two articles, no figures", {"article_ids": ["rescuers-search", "floods-kill-12"]}, False),
    ("two articles, figures", {"article_ids": ["rescuers-search", "floods-kill-12"], "rows": SOME}, True),
    ("no article (a hand-made Timeline): nowhere else to show it", {"article_ids": []}, True),
    ("figures", {"rows": SOME}, True),
    ("vague amounts", {"vague_rows": SOME}, True),
    ("parts of the day", {"subevents": SOME}, True),
    ("curated by an editor", {"curated": True}, True),
]


@pytest.mark.parametrize(("what", "changed", "own"), EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_which_events_have_a_page(what: str, changed: dict[str, Any], own: bool) -> None:
    e = replace(EVENT, **changed)
    assert has_page(e) is own
    if own:
        assert event_page(e) == "events/2024-03-24-brindor-flood.md"
        assert event_address(e) == "events/2024-03-24-brindor-flood/"
    else:
        assert event_page(e) == "articles/rescuers-search.md#event-2024-03-24-brindor-flood"
        assert event_address(e) == "articles/rescuers-search/#event-2024-03-24-brindor-flood"


def test_the_frame_script_is_found_under_its_own_name() -> None:
    """MkDocs renders a static template by the name it writes (assets/frame.js); the template is among the partials
    (generator/site/frame.py), and the theme's other templates are found as before."""
    env = jinja2.Environment(loader=jinja2.DictLoader({FRAME_TEMPLATE: "{{ '<p>\n   x</p>' | tl_collapse }}",
                                                       "main.html": "page"}))
    find_frame_template(env)
    assert env.get_template(FRAME_SCRIPT).render() == "<p>\nx</p>"
    assert env.get_template("main.html").render() == "page"
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("assets/other.js")
