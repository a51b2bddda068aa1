"""Escaping by context: every piece of text that comes from content passes through one of these on its way out.

Content means anything an editor or an article controls: text, front matter, file and folder names,
review.yml, actors.yml, timeline.yml. Each function is for one context; the templates reach them as
filters of the same name (see generator.site.render.make_env), and the exports and the terminal call them
directly. Pick by where the text lands, not by what it holds:

| context | function | where |
|---|---|---|
| Markdown inline text (paragraphs, lists, headings) | `md` | page text |
| Markdown table cell | `cell` | claims tables, sources, report |
| inline code (paths, ids) | `code` | "File:", the build report |
| HTML attribute value | `attr` | `title="…"` of date marks |
| link target | `safe_url` | "Original:" links; anything else is shown as text |
| YAML front matter of a generated page | `meta_title` | page titles (themes print them raw) |
| JSON inside `<script>` | `json_script` | JSON-LD |
| SVG (XML) text or attribute | `xml` | the charts of incident pages |
| raw HTML text or attribute | `html_text` | tables emitted as HTML (explorer, claimant pages) |
| spreadsheet cell | `csv_text` | claims.csv |
| terminal and CI log | `terminal`, `github_data` | diagnostics |
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

from generator.text import fix_surrogates

# Characters Python-Markdown can escape with a backslash (a backslash before anything else would show);
# together with HTML escaping they make links, images, attribute lists ({: onclick=…}), emphasis, code
# spans and table pipes inert.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+\-])|(\d+)\.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that change what a terminal shows: C0/C1 controls (ESC starts colour and cursor codes) and
# the bidirectional overrides that make text read in another order than it is stored.
_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_URL = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f]+$", re.IGNORECASE)


def _one_line(text: Any) -> str:
    """Text of any type on one line, with controls and lone surrogates (unwritable as UTF-8) removed."""
    s = str(text)
    if s.isprintable():  # no newline, control or surrogate: most text, and the pages ask some 300,000 times
        return s
    s = fix_surrogates(s)
    s = _CONTROL.sub(" ", s)
    return re.sub(r"\s*[\r\n]+\s*", " ", s)


def md(text: Any) -> str:
    """Text inside Markdown: HTML escaped, Markdown syntax inert, one line (a newline must not start a block)."""
    s = html.escape(_one_line(text), quote=False)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return _BLOCK_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\."), s)


def cell(text: Any) -> str:
    """Like md(), for a table cell: runs of whitespace collapsed, so no pipe or newline ends the row."""
    return re.sub(r"\s+", " ", md(text)).strip()


def code(text: Any) -> str:
    """A file path or an id as inline code, inert whatever it holds.

    The characters inside raw `<code>` are still read as Markdown, so a file named
    `![x](y){: onerror=alert(1)}` would become an image there: Markdown is escaped as well as HTML.
    """
    s = html.escape(_one_line(text), quote=False)
    return "<code>" + _MD_SPECIAL.sub(r"\\\1", s) + "</code>"


def attr(text: Any) -> str:
    """Text for an HTML attribute value in double quotes (inside a raw tag, which Markdown leaves alone)."""
    return html.escape(re.sub(r"\s+", " ", _one_line(text)), quote=True)


def xml(text: Any) -> str:
    """Text for an SVG (XML) element or attribute, inside a raw HTML block that Markdown leaves alone: one line,
    controls removed (XML 1.0 forbids most of them), & < > " ' escaped."""
    return html.escape(_one_line(text), quote=True)


def html_text(text: Any) -> str:
    """Text for a raw HTML block, which Markdown passes through untouched (so Markdown escapes would show):
    one line, controls removed, & < > " ' escaped; fit for element text and double-quoted attributes."""
    return html.escape(_one_line(text), quote=True)


def safe_url(url: Any) -> str | None:
    """An http(s) address with nothing that could end the link; None for anything else (shown as text)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if _URL.match(url) and len(url) <= 2000 else None


def meta_title(text: Any) -> str:
    """A page title for the front matter of a generated page: HTML-escaped (themes print it raw into <title>
    and the search index) and JSON-quoted, which is a valid YAML string whatever the title holds."""
    return json.dumps(html.escape(re.sub(r"\s+", " ", _one_line(text)).strip(), quote=False))


def json_script(data: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' survives, so nothing can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = fix_surrogates(text)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_FORMULA_START = frozenset("=+-@")


def csv_text(value: Any) -> str:
    """A spreadsheet cell that cannot run: a cell a spreadsheet would read as a formula gets a leading apostrophe.

    Formulas start with = + - @ (also full-width, as ＝, which some spreadsheets fold), or a tab or return
    before them; spaces in front do not protect.
    """
    s = fix_surrogates(str(value))
    first = s.lstrip(" ")[:1]
    if first in ("\t", "\r", "\n") or unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START:
        return "'" + s
    return s


def terminal(text: Any) -> str:
    """Text for a terminal or a log: controls and direction overrides shown as escapes (\\x1b), never obeyed."""
    def show(m: re.Match[str]) -> str:
        c = m.group(0)
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return _TERMINAL.sub(show, fix_surrogates(str(text)))


def github_data(text: str) -> str:
    """The data part of a GitHub Actions workflow command (`::warning ...::data`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (file=...), which also ends at ':' and ','."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
