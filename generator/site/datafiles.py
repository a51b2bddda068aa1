"""Where the site publishes its data exports: `data/timeline.json`, `claims.json` and `claims.csv`, or, for a large
site, the same files gzip-compressed (`data/timeline.json.gz` ...).

The exports grow with the corpus: at 10,000 articles they were 100 MB of a 490 MB site (timeline.json 65 MB), a
tenth of what GitHub Pages allows a whole site, and gzip makes them about a tenth of that (measured on the
synthetic corpus: timeline.json 6.4 MB -> 0.62 MB at 1,000 articles). A small site keeps plain files, which a
reader opens in the browser and a script reads as they are; from COMPRESS_FROM articles on, every export is
published compressed. The pages link whichever the site has; the claims explorer decompresses claims.json.gz in
the browser (DecompressionStream). Decided by the number of articles, which is known before anything is
rendered, so that the links on the pages and the files always agree.
"""

from __future__ import annotations

import os

EXPORTS = ("timeline.json", "claims.json", "claims.csv")  # data/<name>: what each holds is in export.py
COMPRESS_FROM = 2000  # articles: about 13 MB of timeline.json on the synthetic corpus
COMPRESS_ENV = "TIMELINE_COMPRESS_FROM"  # a whole number of articles: overrides COMPRESS_FROM (tests set it low)


def compress_from() -> int:
    """COMPRESS_FROM, or TIMELINE_COMPRESS_FROM when it is set to a whole number (anything else is ignored)."""
    value = os.environ.get(COMPRESS_ENV, "").strip()
    return int(value) if value.isascii() and value.isdecimal() else COMPRESS_FROM


def compressed(articles: int) -> bool:
    """Whether a site of this many articles publishes its exports gzip-compressed."""
    return articles >= compress_from()


def export_paths(articles: int) -> dict[str, str]:
    """{export name: its path in the site}, e.g. {'timeline.json': 'data/timeline.json.gz', ...}."""
    suffix = ".gz" if compressed(articles) else ""
    return {name: f"data/{name}{suffix}" for name in EXPORTS}
