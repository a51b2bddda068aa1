"""Raw HTML blocks go around Markdown (generator/site/passthrough.py) and the page comes out the same."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.pipeline import make_timeline
from generator.site.passthrough import stash_blocks
from generator.site.render import render_pages

REPO = Path(__file__).resolve().parent.parent
EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]  # mkdocs.yml's markdown_extensions


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def convert_stashed(text: str) -> str:
    stashed = stash_blocks(text)
    return stashed.restore(convert(stashed.markdown))


# (what, page text, how many blocks are taken out)
CHUNKS = [
    ("a list block", "# T\n\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\nAfter.\n", 1),
    ("a table and a div", "<table>\n<tr><td>1</td></tr>\n</table>\n\n<div class=\"x\">\n<p>a</p>\n</div>\n", 2),
    ("the last block of the page", "Intro.\n\n<script type=\"application/ld+json\">{}</script>\n", 1),
    ("a block with a blank line inside: left to Markdown", "<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n", 0),
    ("a block that does not end with its tag: left to Markdown", "<ul>\n<li>a</li>\n</ul>\nmore text\n", 0),
    ("an inline tag starting a paragraph: left to Markdown", "<span id=\"x\">a</span> and *b*\n", 0),
    ("Markdown around blocks", "## H\n\n- a *b*\n\n<ul>\n<li>c</li>\n</ul>\n\n> quote\n", 1),
    ("a tag name that only starts like one (<pre>, <table-x>)", "<pre>\nx\n</pre>\n\n<table-x>y</table-x>\n", 0),
]


@pytest.mark.parametrize(("what", "text", "blocks"), CHUNKS, ids=[c[0] for c in CHUNKS])
def test_blocks_are_taken_out_and_the_page_is_unchanged(what: str, text: str, blocks: int) -> None:
    assert len(stash_blocks(text).blocks) == blocks, what
    assert convert_stashed(text) == convert(text), what


def test_a_page_that_holds_the_placeholder_text_gets_another_placeholder() -> None:
    text = "TLRAWBLOCK0Z0Q is written here.\n\n<ul>\n<li>a</li>\n</ul>\n"
    stashed = stash_blocks(text)
    assert list(stashed.blocks) == ["TLRAWBLOCK1Z0Q"]
    assert convert_stashed(text) == convert(text)


def test_the_ids_of_the_blocks_are_anchors() -> None:
    text = '<ul>\n<li><span id="claim-a1"></span>x</li>\n<li id="b2">y</li>\n</ul>\n\n<p class="no-id">z</p>\n'
    assert stash_blocks(text).anchor_ids() == {"claim-a1", "b2"}


@pytest.mark.parametrize("content", [REPO / "tests/fixtures/golden_content", REPO / "content"],
                         ids=["golden", "demo"])
def test_every_generated_page_converts_exactly_as_plain_markdown(content: Path) -> None:
    """The whole point: MkDocs gets the same HTML for every page, only sooner."""
    pages = render_pages(make_timeline(content), REPO / "templates")
    checked = 0
    for name, text in sorted(pages.items()):
        if not name.endswith(".md"):
            continue
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        assert convert_stashed(body) == convert(body), name
        checked += bool(stash_blocks(body).blocks)
    assert checked >= 10  # the pages do have blocks to take out
