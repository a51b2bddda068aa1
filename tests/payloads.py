"""A corpus of hostile text of our own making, and a writer that puts it in every field a content folder carries.

Each payload is a template in which `TOK` stands for a token: every place a payload is put gets a token of
its own (`xqaaa`, `xqaab`, ...: letters only, since a claimant with a digit is not extracted), and the payload
calls `alert('TOK')` (or ``alert`TOK` `` where parentheses would be cut off), so a dialog, an event-handler
attribute or a `javascript:` link found in the built site names the payload and the field it came from
(`Corpus.describe`).

`write_corpus(root)` writes `root/content/` (articles in sub-folders too, `actors.yml`, files that are not
articles) and `root/timeline.yml`. Claim ids are only known after a first read, so the review file is a second
step: `write_review(corpus, export)` with the JSON of `python -m generator export` (or `site/data/timeline.json`).

Every article is otherwise realistic (a publication date, a town, sentences with figures and attribution) so
that its pages, events and claims exist. All names and texts are invented.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOKEN = re.compile(r"xq[a-z]{3}")

# --- the payloads ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    """One kind of hostile text; `TOK` in the template becomes the token of each place it is put."""

    name: str
    template: str

    def text(self, token: str) -> str:
        """The payload for one placement; B64[...]B64 in the template is base64-encoded after the token is in."""
        return re.sub(r"B64\[(.*?)\]B64", lambda m: base64.b64encode(m.group(1).encode()).decode(),
                      self.template.replace("TOK", token))


PAYLOADS: tuple[Payload, ...] = (
    # classic HTML
    Payload("script", "<script>alert('TOK')</script>"),
    Payload("img-onerror", "<img src=x onerror=alert('TOK')>"),
    Payload("svg-onload", "<svg onload=alert('TOK')>"),
    Payload("attr-breakout", "\"><script>alert('TOK')</script>"),
    Payload("attr-breakout-single", "'\"><img src=x onerror=alert('TOK')>"),
    Payload("title-breakout", "</title><script>alert('TOK')</script>"),
    Payload("js-string-breakout", "'-alert('TOK')-'"),
    Payload("script-close", "</script><script>alert('TOK')</script>"),
    Payload("raw-anchor", "<a href=\"javascript:alert('TOK')\">read more</a>"),
    Payload("input-autofocus", "<input autofocus onfocus=alert('TOK')>"),
    Payload("details-ontoggle", "<details open ontoggle=alert('TOK')><summary>TOK</summary></details>"),
    Payload("body-onload", "<body onload=alert('TOK')>"),
    Payload("iframe-srcdoc", "<iframe srcdoc=\"<img src=x onerror=alert('TOK')>\"></iframe>"),
    Payload("iframe-javascript", "<iframe src=\"javascript:alert('TOK')\"></iframe>"),
    Payload("style", "<style>body{background:url(\"javascript:alert('TOK')\")} .md-content{display:none}</style>"),
    Payload("html-comment", "<!--<img src=\"--><img src=x onerror=alert('TOK')>\"> <!-- TOK"),
    Payload("cdata", "<![CDATA[><img src=x onerror=alert('TOK')>]]>"),
    Payload("object-data", "<object data=\"javascript:alert('TOK')\"></object>"),
    Payload("form-action", "<form action=\"javascript:alert('TOK')\"><button>TOK</button></form>"),
    Payload("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('TOK')\">"),
    Payload("entities", "&lt;script&gt;alert('TOK')&lt;/script&gt; &lt;img src=x onerror=alert('TOK')&gt;"),
    Payload("numeric-entities", "&#60;img src=x onerror=alert('TOK')&#62; &#x3C;svg onload=alert('TOK')&#x3E;"),
    # no parentheses, digits, commas or colons: survive the claimant extractor whole
    Payload("img-tagged", "<img src=x onerror=alert`TOK`>"),
    Payload("svg-tagged", "<svg onload=alert`TOK`>"),
    Payload("script-tagged", "<script>alert`TOK`</script>"),
    # Markdown
    Payload("md-image-attr", "![x](x){: onerror=\"alert('TOK')\" }"),
    Payload("md-link-attr", "[TOK](https://example.org/){: onclick=\"alert('TOK')\" onmouseover=\"alert('TOK')\" }"),
    Payload("md-link-javascript", "[click](javascript:alert('TOK'))"),
    Payload("md-link-encoded", "[a](javascript:alert%28%27TOK%27%29)"),
    Payload("md-link-mixed-case", "[b](JaVaScRiPt:alert('TOK'))"),
    Payload("md-autolink", "<javascript:alert('TOK')>"),
    Payload("md-attr-line-end", "Figures were revised {: onclick=\"alert('TOK')\" }"),
    Payload("md-attr-style", "Figures {: style=\"position:fixed;top:0;left:0;width:100%;height:100%;--x:TOK\" }"),
    Payload("md-inline-attr", "*TOK*{: onclick=\"alert('TOK')\" } and **x**{: onmouseover=\"alert('TOK')\" }"),
    Payload("md-reference", "see [the report][TOK] and [TOK]\n\n[TOK]: javascript:alert('TOK')"),
    Payload("md-reference-def", "[x]: javascript:alert('TOK')"),
    Payload("md-abbr", "*[HTML]: <img src=x onerror=alert('TOK')>"),
    Payload("md-code", "`<img src=x onerror=alert('TOK')>` ``x`` `code`"),
    Payload("md-backslash", "\\<img src=x onerror=alert('TOK')> \\\\[x](javascript:alert('TOK')) \\"),
    Payload("md-table", "| a | <img src=x onerror=alert('TOK')> |\n|---|---|\n| [x](javascript:alert('TOK')) | b |"),
    Payload("md-heading", "# <img src=x onerror=alert('TOK')> {: onclick=\"alert('TOK')\" }"),
    Payload("md-blockquote", "> <img src=x onerror=alert('TOK')>"),
    Payload("md-ordered-list", "1. [x](javascript:alert('TOK'))"),
    Payload("md-rule", "---\n<script>alert('TOK')</script>\n---"),
    Payload("md-html-block", "<div markdown=\"1\" onclick=\"alert('TOK')\">[x](javascript:alert('TOK'))</div>"),
    Payload("jinja", "{{ config }} {% raw %}<img src=x onerror=alert('TOK')>{% endraw %} {# TOK #} ${alert('TOK')}"),
    # URLs
    Payload("javascript-url", "javascript:alert('TOK')"),
    Payload("javascript-url-spaced", " \tjava\tscript:alert('TOK')"),
    Payload("data-url", "data:text/html,<script>alert('TOK')</script>"),
    Payload("data-url-base64", "data:text/html;base64,B64[<script>alert('TOK')</script>]B64"),
    Payload("vbscript-url", "vbscript:msgbox(\"TOK\")"),
    Payload("url-markdown-breakout", "https://example.org/x)[y](javascript:alert%28%22TOK%22%29"),
    Payload("url-attr-breakout", "https://example.org/\"onmouseover=\"alert('TOK')"),
    # unicode tricks
    Payload("fullwidth", "＜script＞alert('TOK')＜/script＞ ＜img src=x onerror=alert('TOK')＞"),
    Payload("rtl-override", "\u202e<img src=x onerror=alert('TOK')>\u202c fdp.exe"),
    Payload("zero-width", "<scr\u200dipt>alert('TOK')</scr\u200dipt> java\u200dscript:alert('TOK') \u200b<img\u200c>"),
    # size and shape
    Payload("very-long", "Redcliff " * 400 + "<img src=x onerror=alert('TOK')>"),
    Payload("newlines", "Redcliff\n# <img src=x onerror=alert('TOK')>\n\n<script>alert('TOK')</script>\n"
                        "- [x](javascript:alert('TOK'))\r\n<svg onload=alert('TOK')>"),
)
BY_NAME = {p.name: p for p in PAYLOADS}
# Payloads that the claimant extractor keeps whole ("X said ..."): no digits, parentheses or punctuation it cuts at.
CLAIMANT_SAFE = tuple(BY_NAME[n] for n in ("img-tagged", "svg-tagged", "script-tagged"))

# Fields whose value the built site shows as text somewhere (a page or the build report). The others (extra
# front-matter keys, lead-ins, the payload that only decides a date is unreadable, ...) reach only the data files,
# or nothing.
SHOWN_FIELDS = (
    "file name", "folder name", "title", "title from the file name", "source", "url", "author", "date",
    "event title", "claim claimant", "claim category", "claim scope", "claim quote", "claim quantity",
    "claim qualifier", "body paragraph", "body claimant", "body quote", "first line title",
    "review note", "review claimant", "review category", "review claim id", "review decision",
    "actors name", "settings category", "settings key", "settings furniture", "non-article file name",
    "site title", "site description",
)


# --- where each token went ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """One payload put in one field of one file."""

    token: str
    payload: str
    field: str
    where: str  # the file it was written to, relative to the project root

    def __str__(self) -> str:
        return f"payload '{self.payload}' in {self.field} of {json.dumps(self.where, ensure_ascii=False)}"


@dataclass
class Corpus:
    """What write_corpus wrote: the folders and every placement by token."""

    root: Path
    content: Path
    settings: Path
    placements: dict[str, Placement] = field(default_factory=dict)
    articles: list[Path] = field(default_factory=list)
    furniture: str = ""  # the article line that timeline.yml declares page furniture
    lead_in: str = ""  # the opening that timeline.yml declares a lead-in
    _count: int = 0

    def token(self) -> str:
        n = self._count
        self._count += 1
        letters = ""
        for _ in range(3):
            n, r = divmod(n, 26)
            letters = chr(97 + r) + letters
        return "xq" + letters

    def put(self, payload: Payload, field_name: str, where: str) -> str:
        """The payload's text for one new placement, recorded under a new token."""
        tok = self.token()
        self.placements[tok] = Placement(tok, payload.name, field_name, where)
        return payload.text(tok)

    def describe(self, text: str, limit: int = 4) -> str:
        """The placements whose tokens occur in text, for a failure message; '(no corpus token)' otherwise."""
        found = [str(self.placements[t]) for t in dict.fromkeys(TOKEN.findall(text)) if t in self.placements]
        more = f"; and {len(found) - limit} more" if len(found) > limit else ""
        return "; ".join(found[:limit]) + more or "(no corpus token)"

    def by_field(self) -> dict[str, list[Placement]]:
        out: dict[str, list[Placement]] = {}
        for p in self.placements.values():
            out.setdefault(p.field, []).append(p)
        return out


# --- YAML written by hand: every string double-quoted (JSON escapes are YAML escapes) -----------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=True)


def yaml_block(value: Any, indent: int = 0) -> str:
    """A mapping or list as block YAML whatever the strings hold (newlines, quotes, U+2028, '---')."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, dict | list) and v:
                lines.append(f"{pad}{_scalar(k)}:")
                lines.append(yaml_block(v, indent + 2))
            else:
                lines.append(f"{pad}{_scalar(k)}: {_scalar(v) if not isinstance(v, dict | list) else '[]'}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner = yaml_block(item, indent + 2).split("\n")
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


# --- names -------------------------------------------------------------------------------------------------

_NAME_BYTES = 200  # a Linux name is at most 255 bytes; leave room for a date prefix and the suffix


def _fit(part: str, limit: int = _NAME_BYTES) -> str:
    """A name component: not empty, not hidden, not '.' or '..', at most `limit` bytes (the tail is kept)."""
    part = part.replace("\x00", "")
    raw = part.encode("utf-8")
    if len(raw) > limit:
        part = raw[-limit:].decode("utf-8", "ignore")
    if part in ("", ".", "..") or part.startswith("."):
        part = "x" + part
    return part


def name_parts(text: str, prefix: str = "", suffix: str = ".md") -> list[str]:
    """A payload as a relative path: a '/' in it becomes a folder boundary, so the shown path holds it whole."""
    parts = [_fit(p) for p in text.split("/")]
    parts[-1] = _fit(prefix + parts[-1] + suffix, 250)
    if not parts[-1].endswith(suffix):  # cut from the front: the suffix decides what the file is
        parts[-1] = parts[-1] + suffix
    return parts


# --- the corpus ----------------------------------------------------------------------------------------------

TOWNS = ("Redcliff", "Port Amber", "Eastwater", "Hollow Creek", "Stonebridge", "Marrow Bay", "Kestrel Point",
         "Ashford Mill")
FIRST_DAY = dt.date(2026, 2, 1)  # a Sunday: "on Saturday" is the day before
ACTOR_ALIAS = "Redcliff harbour police"  # actors.yml maps it to a payload name
SETTINGS_ALIAS = "Creek valley wardens"  # timeline.yml `actors:` maps it to a payload name
CUSTOM_WORD = "teachers"  # timeline.yml `categories:` gives it a payload category
NUMBERS = ("three", "four", "five", "six", "seven", "eight", "nine", "eleven", "twelve")

# Per article, each field takes the payload this many places further along the list, so one article's title
# and file name are different payloads, and over the articles every payload is in every rotated field.
ROTATED = ("file name", "title", "source", "url", "author", "extra value", "extra key", "event title",
           "event summary", "claim claimant", "claim category", "claim scope", "claim quote", "body paragraph",
           "body quote")
_STEP = 5


def write_corpus(root: Path) -> Corpus:
    """Write root/content (articles, sub-folders, actors.yml, other files) and root/timeline.yml."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root=root, content=content, settings=root / "timeline.yml")
    n = len(PAYLOADS)
    for i in range(n):
        _write_article(corpus, i, {f: PAYLOADS[(i + k * _STEP) % n] for k, f in enumerate(ROTATED)})
    _write_special_articles(corpus)
    _write_other_files(corpus)
    _write_actors(corpus)
    _write_site(corpus)
    _write_settings(corpus)
    return corpus


def _rel(corpus: Corpus, path: Path) -> str:
    return path.relative_to(corpus.root).as_posix()


def _article_path(corpus: Corpus, i: int, name: Payload, day: dt.date, tok: str) -> Path:
    """content/[folder payload/]<file-name payload>.md (or .txt); articles whose front-matter date is a payload
    get a YYYY-MM-DD- prefix, which dates them instead."""
    prefix = f"{day.isoformat()}-" if i % 4 == 1 else ""
    parts = name_parts(name.text(tok), prefix=prefix, suffix=".md" if i % 5 else ".txt")
    if i % 3:
        return corpus.content.joinpath(*parts)
    # every third article sits in a folder named by another payload
    folder = PAYLOADS[(i + 7) % len(PAYLOADS)]
    ftok = corpus.token()
    path = corpus.content.joinpath(*name_parts(folder.text(ftok), suffix=""), *parts)
    corpus.placements[ftok] = Placement(ftok, folder.name, "folder name", _rel(corpus, path))
    return path


def _write_article(corpus: Corpus, i: int, p: dict[str, Payload]) -> None:
    town = TOWNS[i % len(TOWNS)]
    day = FIRST_DAY + dt.timedelta(days=7 * (i % 6))  # Sundays; "on Saturday" is the day before
    saturday = day - dt.timedelta(days=1)
    name_tok = corpus.token()
    path = _article_path(corpus, i, p["file name"], day, name_tok)
    where = _rel(corpus, path)
    corpus.placements[name_tok] = Placement(name_tok, p["file name"].name, "file name", where)

    def put(field_name: str, payload: Payload | None = None) -> str:
        return corpus.put(payload or p[field_name], field_name, where)

    claimant = CLAIMANT_SAFE[i % len(CLAIMANT_SAFE)]
    claimant2 = CLAIMANT_SAFE[(i + 1) % len(CLAIMANT_SAFE)]
    dead, hurt, missing = 3 + i % 9, 10 + i, 2 + i % 5
    front: dict[str, Any] = {
        "layout": "post",
        "title": put("title"),
        "date": f"{day.isoformat()}T09:{i % 60:02d}:00",
        "source": put("source"),
        "url": put("url"),
        "author": put("author"),
        "desk": put("extra value"),
        "tags": ["news", town.lower()],
    }
    key = put("extra key")
    front[key[-900:]] = "kept"  # a YAML key is at most 1024 characters
    if i % 4 == 1:  # garbage date: the article is dated by its file-name prefix instead
        front["date"] = put("date", PAYLOADS[(i + 11) % len(PAYLOADS)])
    event: dict[str, Any] = {
        "title": put("event title"),
        "date": saturday.isoformat(),
        "summary": put("event summary"),
        "claims": [{
            "claimant": put("claim claimant"),
            "category": put("claim category"),
            "quantity": 40 + i,
            "qualifier": "at least",
            "scope": put("claim scope"),
            "quote": put("claim quote"),
        }],
    }
    if i % 4 == 2:  # an editor's mistakes, each reported with the value it quotes
        event["claims"].append({"category": "injured", "quantity": put("claim quantity",
                                                                           PAYLOADS[(i + 3) % len(PAYLOADS)])})
        event["claims"].append({"category": "dead", "quantity": 2, "qualifier":
                                put("claim qualifier", PAYLOADS[(i + 13) % len(PAYLOADS)])})
    if i % 6 == 3:  # a curated event whose date cannot be read
        front["events"] = [event, {"title": "Curfew in " + town, "date": put("event date",
                                                                            PAYLOADS[(i + 17) % len(PAYLOADS)])}]
    else:
        front["events"] = [event]

    paragraphs = [
        f"{put('body claimant', claimant)} said {dead} people were killed in {town} on Saturday.",
        f"According to {put('body claimant', claimant2)}, at least {hurt} people were injured in the attack on the "
        f"{town} market.",
        f"Police said {missing} people were missing in {town} on Saturday {put('body quote')} as rescuers searched "
        "the rubble.",
        put("body paragraph"),
        f"Roads into {town} were closed on Sunday, and the search went on over the past 40 hours.",
    ]
    if i % 5 == 0:
        paragraphs.insert(3, f"{ACTOR_ALIAS} said {NUMBERS[i % 9]} people were arrested on Sunday.")
    if i % 5 == 1:
        paragraphs.insert(3, f"{SETTINGS_ALIAS} said {NUMBERS[i % 9]} people were rescued on Saturday.")
    if i % 5 == 2:
        paragraphs.insert(3, f"{NUMBERS[i % 9].capitalize()} {CUSTOM_WORD} were killed in {town} on Saturday, "
                             "the mayor said.")
    _write(path, "---\n" + yaml_block(front) + "\n---\n\n" + "\n\n".join(paragraphs) + "\n")
    corpus.articles.append(path)


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")


def _write_special_articles(corpus: Corpus) -> None:
    """Articles a rotation cannot make: a title taken from the file name, a plain-text first line, block YAML,
    every body payload in one article, furniture and lead-in lines from the settings."""
    c = corpus
    # 1. No title and no text: the title is made from the file name.
    tok = c.token()
    path = c.content.joinpath(*name_parts(BY_NAME["md-image-attr"].text(tok), prefix="2026-02-08-"))
    c.placements[tok] = Placement(tok, "md-image-attr", "title from the file name", _rel(c, path))
    _write(path, "---\ntitle: \"\"\ndate: 2026-02-08\nsource: Valley Times\n---\n\n")
    c.articles.append(path)

    # 2. Plain text: the first line is the title, then a dateline.
    path = c.content / "clipping-harbour-fire.txt"
    where = _rel(c, path)
    title = c.put(BY_NAME["svg-onload"], "first line title", where)
    body = c.put(BY_NAME["md-link-javascript"], "body paragraph", where)
    _write(path, f"{title}\n\nHarbour | 3 Feb 2026 10:15 am\n\nSix people were injured in a fire at the Port Amber "
                 f"harbour on Monday, the fire service said.\n\n{body}\n")
    c.articles.append(path)

    # 3. Block scalars: newlines inside YAML strings, as an editor would type them.
    path = c.content / "block-yaml-redcliff-bridge.md"
    where = _rel(c, path)
    t1 = c.put(BY_NAME["newlines"], "title", where)
    s1 = c.put(BY_NAME["md-rule"], "source", where)
    a1 = c.put(BY_NAME["md-table"], "author", where)
    q1 = c.put(BY_NAME["md-reference"], "claim quote", where)

    def block(text: str, indent: str) -> str:
        return "\n".join(indent + ln for ln in text.replace("\r", "").split("\n"))

    _write(path, "---\ntitle: |\n" + block(t1, "  ") + "\nsource: >\n" + block(s1, "  ") + "\nauthor: |-\n"
                 + block(a1, "  ") + "\ndate: 2026-02-15\nevents:\n  - title: Bridge closed in Redcliff\n"
                 "    date: 2026-02-14\n    claims:\n      - category: injured\n        quantity: 9\n"
                 "        quote: |\n" + block(q1, "          ") + "\n---\n\n"
                 "Nine people were injured when the Redcliff bridge collapsed on Saturday, the council said.\n")
    c.articles.append(path)

    # 4. Every payload as a paragraph of one article's text, and inside one sentence with a figure.
    path = c.content / "2026-02-22-redcliff-every-payload.md"
    where = _rel(c, path)
    paras = ["Eight people were killed in Redcliff on Saturday, the council said."]
    for pl in PAYLOADS:
        paras.append(c.put(pl, "body paragraph", where))
        paras.append(f"The council said {10 + len(paras)} people were injured in Redcliff on Saturday "
                     f"{c.put(pl, 'body quote', where)}.")
    _write(path, "---\ntitle: Redcliff council counts the injured\ndate: 2026-02-22\nsource: Creek Daily\n---\n\n"
                 + "\n\n".join(paras) + "\n")
    c.articles.append(path)

    # 5. Page furniture and a lead-in that timeline.yml declares (both payloads, both dropped from the text).
    path = c.content / "2026-03-01-furniture-and-lead-in.md"
    where = _rel(c, path)
    furniture = c.put(BY_NAME["img-onerror"], "settings furniture", where)
    lead_in = c.put(BY_NAME["script"], "settings lead-in", where)
    c.furniture, c.lead_in = furniture, lead_in
    _write(path, "---\ntitle: Eastwater ferry capsizes\ndate: 2026-03-01\nsource: Harbour Post\n---\n\n"
                 f"{lead_in} Eleven people were rescued when a ferry capsized off Eastwater on Saturday, the coast "
                 f"guard said.\n\n{furniture}\n\nThe ferry was carrying 30 passengers.\n")
    c.articles.append(path)


def _write_other_files(corpus: Corpus) -> None:
    """Files that are not articles, named by payloads: listed in the build report."""
    c = corpus
    for k, (payload, suffix, data) in enumerate((
            (BY_NAME["img-onerror"], ".png", b"\x89PNG\r\n\x1a\n"),
            (BY_NAME["md-link-javascript"], ".md", b""),  # empty: a warning
            (BY_NAME["md-image-attr"], ".txt", b"\x00\x01binary"),  # binary: an error
            (BY_NAME["title-breakout"], ".html", b"<p>saved page</p>"),
    )):
        tok = c.token()
        path = c.content.joinpath(*name_parts(payload.text(tok), prefix=f"other{k}-", suffix=suffix))
        c.placements[tok] = Placement(tok, payload.name, "non-article file name", _rel(c, path))
        _write(path, data)


def _write_actors(corpus: Corpus) -> None:
    """content/actors.yml: a payload claimant name that an alias used in the articles maps to, payload aliases,
    and mistakes whose diagnostics quote the payloads."""
    c = corpus
    path = c.content / "actors.yml"
    where = _rel(c, path)
    name = c.put(BY_NAME["md-image-attr"], "actors name", where)
    alias = c.put(BY_NAME["img-onerror"], "actors alias", where)
    bad = c.put(BY_NAME["svg-onload"], "actors name", where)
    _write(path, "# Claimants for this folder\n" + yaml_block({
        name: [ACTOR_ALIAS, alias],
        "Valley Rescue": [c.put(BY_NAME["md-link-javascript"], "actors alias", where)],
        bad: 1948,
    }) + "\n")


def _write_site(corpus: Corpus) -> None:
    """content/site.yml: the site's title and description, which the theme prints raw into the header, the
    <title> and attributes (aria-label, meta description)."""
    c = corpus
    path = c.content / "site.yml"
    where = _rel(c, path)
    _write(path, yaml_block({"title": c.put(BY_NAME["attr-breakout"], "site title", where),
                             "description": c.put(BY_NAME["title-breakout"], "site description", where)}) + "\n")


def _write_settings(corpus: Corpus) -> None:
    """timeline.yml beside mkdocs.yml: furniture, lead-ins, a payload category and actor, an unknown key."""
    c = corpus
    where = _rel(c, c.settings)
    category = c.put(BY_NAME["md-image-attr"], "settings category", where)
    _write(c.settings, yaml_block({
        "furniture": [c.furniture, "Continue reading"],
        "lead_ins": [c.lead_in],
        "categories": [
            {"name": category, "outcome": "killed", "words": [CUSTOM_WORD, "teacher"]},
            {"name": c.put(BY_NAME["raw-anchor"], "settings category", where)},  # incomplete: a warning
        ],
        "actors": {c.put(BY_NAME["script"], "settings actor", where): [SETTINGS_ALIAS]},
        c.put(BY_NAME["img-onerror"], "settings key", where): 1,
    }) + "\n")


def write_review(corpus: Corpus, export: dict[str, Any]) -> Path:
    """content/review.yml deciding on the claims the export lists: notes, corrected claimants and categories,
    and an unknown id and decision, all payloads."""
    c = corpus
    path = c.content / "review.yml"
    where = _rel(c, path)
    # Extracted claims only: a decision on a curated claim (front matter) matches nothing, an error that keeps
    # the previous site when it is a reject or a correction (the payload site must be built).
    ids = sorted({cl["id"] for e in export["events"] for cl in e["claims"] if not cl.get("curated")})
    decisions: list[dict[str, Any]] = []
    for k, cid in enumerate(ids[: 3 * len(PAYLOADS)]):
        pl = PAYLOADS[k % len(PAYLOADS)]
        kind = k % 3
        if kind == 0:
            decisions.append({"claim": cid, "decision": "confirm", "note": c.put(pl, "review note", where)})
        elif kind == 1:
            decisions.append({"claim": cid, "decision": "correct", "figure": 7,
                              "claimant": c.put(pl, "review claimant", where),
                              "category": c.put(PAYLOADS[(k + 9) % len(PAYLOADS)], "review category", where),
                              "note": c.put(PAYLOADS[(k + 21) % len(PAYLOADS)], "review note", where)})
        else:
            decisions.append({"claim": cid, "decision": "reject", "note": c.put(pl, "review note", where)})
    decisions.append({"claim": c.put(BY_NAME["img-onerror"], "review claim id", where), "decision": "confirm"})
    decisions.append({"claim": ids[-1] if ids else "0000000000",
                      "decision": c.put(BY_NAME["md-link-javascript"], "review decision", where)})
    _write(path, "# editors' decisions\n" + yaml_block(decisions) + "\n")
    return path


def tokens_in(text: str) -> Iterator[str]:
    """The corpus tokens in a text, each once, in order."""
    yield from dict.fromkeys(TOKEN.findall(text))
