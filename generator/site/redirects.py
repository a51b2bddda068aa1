"""Redirect pages: each old page name an article had (content/redirects.yml, generator/inputs/redirects.py) becomes
a small static page at the old address that sends the reader on to the article's current page."""

from __future__ import annotations

import html


def redirect_pages(moves: dict[str, str], titles: dict[str, str], site_url: str = "") -> dict[str, str]:
    """{"articles/old/index.html": page} for each move: a static page that sends the reader on.

    The links are relative ("../new/"), so they work under any sub-path; the canonical link is absolute when the
    site's address is known (search engines prefer it), else the same relative link. The meta refresh works
    without script; the link is there for readers and tools that follow neither.
    """
    out = {}
    for old, new in sorted(moves.items()):
        rel = "../" * old.count("/") + new
        canonical = site_url + new if site_url else rel
        title = html.escape(titles.get(new, new), quote=True)
        out[f"{old}index.html"] = (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Moved: {title}</title>\n"
            '<meta name="robots" content="noindex">\n'
            # no icon: browsers would ask the server's root for one (a 404 under a sub-path) as the page moves on
            '<link rel="icon" href="data:,">\n'
            f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
            f'<meta http-equiv="refresh" content="0; url={html.escape(rel, quote=True)}">\n'
            "</head>\n<body>\n"
            f'<p>This page has moved: <a href="{html.escape(rel, quote=True)}">{title}</a>.</p>\n'
            "</body>\n</html>\n")
    return out
