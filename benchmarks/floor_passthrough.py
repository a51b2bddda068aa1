"""MkDocs hooks for bench_scale.py's second floor: a plain build of the generated pages, with only the raw-block
passthrough of our hooks (generator/site/passthrough.py), so that Python-Markdown converts what it converts in
`python -m generator build` and no more. No page cache, no descriptions, no search index.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # MkDocs loads hooks by path
    sys.path.insert(0, _ROOT)

from generator.site.passthrough import Stashed, stash_blocks  # noqa: E402

_stashed: dict[str, Stashed] = {}  # page source path -> its raw blocks, from on_page_markdown to on_page_content


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    stashed = stash_blocks(markdown)
    _stashed[page.file.src_uri] = stashed
    return stashed.markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    stashed = _stashed.pop(page.file.src_uri, None)
    return html if stashed is None else stashed.restore(html)
