"""Raw HTML blocks past Markdown: the generated pages' lists and tables go around Python-Markdown, not through it.

The templates write the long parts of a page (claims tables, lists of articles and events, the article's text) as
raw HTML blocks, which Markdown would pass through unchanged, but only after parsing every tag of them with its
HTML parser (and MkDocs parses them once more, for anchor ids): on a 1,000-article site that was most of the
Markdown time left. Before conversion (on_page_markdown) each such block is taken out and a placeholder
paragraph put in its place; after conversion (on_page_content) the block is put back where its placeholder
came out. The page is the same; Markdown only converts the headings and the prose between the blocks.

A block is taken out only when Markdown would pass it through as it is: a run of lines between blank lines that
starts with a block-level tag at the start of a line and ends with that tag's closing tag. Anything else (a
block with blank lines inside, a tag Markdown reads otherwise) is left to Markdown, which handles it as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tags that open a raw HTML block in Python-Markdown (a subset of its block-level tags: those the templates use).
_OPENING = re.compile(r"<(ul|ol|div|table|figure|blockquote|p|script)(?=[\s>])")
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Stashed:
    """A page's Markdown with its raw HTML blocks taken out, and how to put them back."""

    markdown: str
    blocks: dict[str, str]  # placeholder -> the block it stands for

    def restore(self, html: str) -> str:
        """The converted page with every block back in place of its placeholder paragraph."""
        if not self.blocks:
            return html
        pattern = re.compile("|".join(rf"<p>{re.escape(k)}</p>|{re.escape(k)}" for k in self.blocks))
        # Markdown ends a raw block with a blank line (but not the page): so does the block put back.
        out = pattern.sub(lambda m: self.blocks[m.group(0).removeprefix("<p>").removesuffix("</p>")] + "\n", html)
        return out[:-1] if out.endswith("\n") and not html.endswith("\n") else out

    def anchor_ids(self) -> set[str]:
        """The ids of the blocks (what links with #anchor may point at)."""
        return {i for block in self.blocks.values() for i in _ID.findall(block)}


def stash_blocks(markdown: str) -> Stashed:
    """Take the raw HTML blocks out of a page's Markdown (see the module's docstring)."""
    salt = 0
    while f"TLRAWBLOCK{salt}Z" in markdown:  # placeholders must not occur in the page's own text
        salt += 1
    chunks = markdown.split("\n\n")
    blocks: dict[str, str] = {}
    for n, chunk in enumerate(chunks):
        if _is_raw_block(chunk):
            key = f"TLRAWBLOCK{salt}Z{len(blocks)}Q"
            blocks[key] = chunk.strip("\n")
            chunks[n] = key
    return Stashed("\n\n".join(chunks), blocks)


def _is_raw_block(chunk: str) -> bool:
    text = chunk.strip("\n")
    opening = _OPENING.match(text)
    return opening is not None and text.endswith(f"</{opening.group(1)}>") and "\n\n" not in text
