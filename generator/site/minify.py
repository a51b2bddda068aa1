"""Whitespace between tags, collapsed: the theme's templates indent every line, and at 10,000 articles that
indentation alone is tens of MB of the site.

HTML renders a run of spaces, tabs and newlines as one space (outside <pre>, <textarea> and elements styled
`white-space: pre`, which this site's stylesheets do not use), so a run that holds a newline can become one
newline without changing what a reader sees. The contents of <pre>, <textarea>, <script> and <style> are left as
they are: there whitespace is content (or code). Runs without a newline are left too: they are the spaces between
words. Deterministic: the same page gives the same bytes.
"""

from __future__ import annotations

import re

# An element whose contents are kept byte for byte (HTML's raw-text and preformatted elements).
_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# HTML's whitespace (not Python's \s, which also matches no-break spaces, which are text) around a newline.
_RUN = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")


def collapse_whitespace(html: str) -> str:
    """The page with every whitespace run that holds a newline made one newline, except inside <pre>,
    <textarea>, <script> and <style>; leading whitespace of the page is dropped."""
    out: list[str] = []
    start = 0
    for kept in _KEPT.finditer(html):
        out.append(_RUN.sub("\n", html[start:kept.start()]))
        out.append(kept.group(0))
        start = kept.end()
    out.append(_RUN.sub("\n", html[start:]))
    return "".join(out).lstrip(" \t\r\n\f")
