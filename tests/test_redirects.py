"""Stable URLs: `slug:` names an article's page, and every page name an article had redirects to its current page
(content/redirects.yml, maintained by the build; generator/inputs/page_names.py and generator/site/redirects.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import Config, read_settings_text
from generator.diagnostics import Code
from generator.inputs import redirects
from generator.inputs.reader import read_articles
from generator.inputs.redirects import HEADER, plan_redirects, render_file
from generator.models import Article, Event, Incident, Location
from generator.resources import default_config
from generator.site.build import build_site, check_content
from generator.site.redirects import redirect_pages

BODY = "The river rose two metres overnight, the water board said, and 40 families left their homes.\n"


def _article(file: str, page: str) -> Article:
    return Article(id=page, path=file, location=Location(file, 1), title=page, body="", body_line=1,
                   published=None, published_day=None, file=file)


def _write(folder: Path, name: str, title: str, slug: str | None = None) -> None:
    front = f"title: \"{title}\"\ndate: 2026-03-04\n" + (f"slug: {slug}\n" if slug is not None else "")
    (folder / name).write_text(f"---\n{front}---\n{name}: {BODY}", encoding="utf-8")


# (case, files: [(name, title, slug)], expected {file: page}, expected (code, file, line) diagnostics)
SLUG_CASES = [
    ("slug names the page", [("a.md", "River rises", "flood-report")], {"a.md": "flood-report"}, []),
    ("no slug: from the title", [("a.md", "River rises", None)], {"a.md": "river-rises"}, []),
    ("unsafe slug: warning at its line, title name", [("a.md", "River rises", "../etc")],
     {"a.md": "river-rises"}, [(Code.SLUG_INVALID, "a.md", 4)]),
    ("upper case is not a page name", [("a.md", "River rises", "Flood")], {"a.md": "river-rises"},
     [(Code.SLUG_INVALID, "a.md", 4)]),
    ("index is reserved", [("a.md", "River rises", "index")], {"a.md": "river-rises"},
     [(Code.SLUG_INVALID, "a.md", 4)]),
    ("two slugs clash: the second file gets -2", [("a.md", "One", "flood"), ("b.md", "Two", "flood")],
     {"a.md": "flood", "b.md": "flood-2"}, [(Code.SLUG_TAKEN, "b.md", 4)]),
    ("a chosen slug wins over a title read before it", [("a.md", "Flood", None), ("b.md", "Other", "flood")],
     {"a.md": "flood-2", "b.md": "flood"}, [(Code.PAGE_NAME_TAKEN, "a.md", 1)]),
]


@pytest.mark.parametrize("files, pages, expected", [c[1:] for c in SLUG_CASES], ids=[c[0] for c in SLUG_CASES])
def test_slug_names_the_page(tmp_path: Path, files: list[tuple[str, str, str | None]], pages: dict[str, str],
                             expected: list[tuple[Code, str, int]]) -> None:
    for name, title, slug in files:
        _write(tmp_path, name, title, slug)
    articles, diags = read_articles(tmp_path, Config())
    assert {a.file: a.id for a in articles} == pages
    found = [(d.code, Path(d.location.path).name, d.location.line) for d in diags
             if d.code in (Code.SLUG_INVALID, Code.SLUG_TAKEN, Code.PAGE_NAME_TAKEN)]
    assert found == expected


# (case, redirects.yml text or None, articles [(file, page)], expected moves, expected codes, file rewritten?)
PLAN_CASES = [
    ("first build: current names recorded", None, [("a.md", "new")], {}, [], True),
    ("title changed: old name redirects", "articles/old/: a.md\n", [("a.md", "new")],
     {"articles/old/": "articles/new/"}, [], True),
    ("nothing changed: file left alone", render_file({"articles/new/": "a.md"}), [("a.md", "new")], {}, [], False),
    ("file renamed, page kept: old names follow", "articles/new/: a.md\narticles/old/: a.md\n",
     [("b.md", "new")], {"articles/old/": "articles/new/"}, [Code.REDIRECT_MOVED], True),
    ("file renamed and retitled: kept, warned", "articles/old/: a.md\n", [("b.md", "new")], {},
     [Code.REDIRECT_TARGET_GONE], True),
    ("old name now another article's page", "articles/x/: a.md\n", [("a.md", "y"), ("b.md", "x")], {},
     [Code.REDIRECT_MOVED], True),
    ("malformed YAML: left as it is", "articles/old/: [a.md\n", [("a.md", "new")], {},
     [Code.REDIRECTS_UNREADABLE], False),
    ("not a mapping: left as it is", "- articles/old/\n", [("a.md", "new")], {}, [Code.REDIRECTS_UNREADABLE], False),
    ("a line that is no page: left as it is", "articles/old/: a.md\nfeeds/x/: a.md\n", [("a.md", "new")],
     {"articles/old/": "articles/new/"}, [Code.REDIRECTS_INVALID], False),
    ("a page listed twice: left as it is", "articles/old/: a.md\narticles/old/: b.md\n", [("a.md", "new")],
     {"articles/old/": "articles/new/"}, [Code.REDIRECTS_INVALID], False),
]


@pytest.mark.parametrize("text, arts, moves, codes, rewritten", [c[1:] for c in PLAN_CASES],
                         ids=[c[0] for c in PLAN_CASES])
def test_plan_redirects(tmp_path: Path, text: str | None, arts: list[tuple[str, str]], moves: dict[str, str],
                        codes: list[Code], rewritten: bool) -> None:
    if text is not None:
        (tmp_path / "redirects.yml").write_text(text, encoding="utf-8")
    plan = plan_redirects(tmp_path, [_article(f, p) for f, p in arts])
    assert plan.moves == moves
    assert [d.code for d in plan.diagnostics] == [*codes, Code.REDIRECTS_SUMMARY]
    assert all(Path(d.location.path).name == "redirects.yml" and d.location.line >= 1 for d in plan.diagnostics)
    assert (plan.text is not None) == rewritten
    if plan.text is not None:
        lines = [ln for ln in plan.text.splitlines() if not ln.startswith("#")]
        assert lines == sorted(lines)  # deterministic: sorted by page
        old = {ln.split(":")[0] for ln in (text or "").splitlines() if ln.startswith("articles/")}
        assert old <= {ln.split(":")[0] for ln in lines}  # no page name is ever dropped
        assert {f"articles/{p}/" for _, p in arts} <= {ln.split(":")[0] for ln in lines}


QUOTED = ["2026/a b.md", "x: y.md", "#hash.md", "ünï.md", "1.md", "1.5", 'say "no".md', "back\\slash.md",
          "tab\t.md", "bell\x07.md", "emoji 😀.md", "b.md#2026-03-05", " lead.md", "yes",
          "bom\ufeff.md", "nbsp\u00a0\u3000.md", "e\u0301.md", "[a]{b}*c&d!e|f>g%h@i`j?k.md"]
# (case, the file's bytes, read line by line (else composed as YAML), expected codes). Either way the result must
# be what the YAML composer reads: the same entries, lines and diagnostics.
READ_CASES = [
    ("written: plain names", render_file({"articles/b/": "b.md", "articles/a/": "a.md", "incidents/x/": "a.md"}),
     True, []),
    ("written: names that need quoting", render_file({f"articles/p{n}/": f for n, f in enumerate(QUOTED)}), True, []),
    ("written, then saved with CRLF line ends", render_file({"articles/a/": "a.md"}).replace("\n", "\r\n"), True,
     []),
    ("written, a bad byte in a quoted name", render_file({"articles/a/": "a b.md"}).encode().replace(b"a b", b"a\xff"),
     True, [Code.FILE_ENCODING]),
    ("written: a key at YAML's 1,024-character limit", render_file({f"articles/{'k' * 1014}/": "a.md"}), True, []),
    ("a key over YAML's limit", render_file({f"articles/{'k' * 1015}/": "a.md"}), False, [Code.REDIRECTS_UNREADABLE]),
    ("a name with a line separator (YAML folds it)", render_file({"articles/a/": "a\u2028b.md"}), False, []),
    ("a name with NEL (a YAML line break)", render_file({"articles/a/": "a\x85b.md"}), False, []),
    ("a name with DEL (YAML refuses it)", render_file({"articles/a/": "a\x7fb.md"}), False,
     [Code.REDIRECTS_UNREADABLE]),
    ("the header alone", HEADER, False, []),
    ("no header", "articles/a/: a.md\n", False, []),
    ("a comment added", render_file({"articles/a/": "a.md"}) + "# keep\n", False, []),
    ("single quotes", HEADER + "articles/a/: 'a.md'\n", False, []),
    ("quoted where plain is written", HEADER + 'articles/a/: "a.md"\n', False, []),
    ("unsorted lines", HEADER + "articles/b/: b.md\narticles/a/: a.md\n", False, []),
    ("no newline at the end", render_file({"articles/a/": "a.md"}).rstrip("\n"), False, []),
    ("a page listed twice", HEADER + "articles/a/: a.md\narticles/a/: a.md\n", False, [Code.REDIRECTS_INVALID]),
    ("a line that is no page", render_file({"articles/a/": "a.md", "feeds/x/": "a.md"}), False,
     [Code.REDIRECTS_INVALID]),
    ("an empty file name", render_file({"articles/a/": ""}), False, [Code.REDIRECTS_INVALID]),
    ("a blank file name", render_file({"articles/a/": "  "}), False, [Code.REDIRECTS_INVALID]),
    ("a list, not a file name", HEADER + "articles/a/: [a.md]\n", False, [Code.REDIRECTS_INVALID]),
    ("a number, not a file name", HEADER + "articles/a/: 12\n", False, [Code.REDIRECTS_INVALID]),
    ("a quoted name cut short", HEADER + 'articles/a/: "a b.md\n', False, [Code.REDIRECTS_UNREADABLE]),
]


@pytest.mark.parametrize("data, fast, codes", [c[1:] for c in READ_CASES], ids=[c[0] for c in READ_CASES])
def test_redirects_file_reads_as_yaml(tmp_path: Path, data: str | bytes, fast: bool, codes: list[Code]) -> None:
    """The file the build wrote is read line by line (a second of every build at 1,000 articles when composed as
    YAML); any other text is composed; both read what YAML reads."""
    path = tmp_path / "redirects.yml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    text, diags = read_settings_text(path, "redirects.yml", "redirects file", Code.REDIRECTS_UNREADABLE)
    assert text is not None
    assert (redirects._written(text) is not None) == fast
    read = redirects._read(path, "redirects.yml")
    assert read == redirects._composed(text, "redirects.yml", diags)
    assert [d.code for d in read.diagnostics] == codes
    if fast:
        assert read.entries and min(line for _, line in read.entries.values()) == HEADER.count("\n") + 1


def test_the_file_a_large_site_writes_is_read_back(tmp_path: Path) -> None:
    """At 10,000 articles the build wrote a 2 MB file (a line per page name) that the next build refused as over
    the 1 MB limit of editors' YAML: an error on every later build, and the page names not kept."""
    names = {f"events/2025-01-{n % 28 + 1:02d}-some-long-place-name-flood-number-{n}/": f"a-{n}.md"
             for n in range(20_000)}
    path = tmp_path / "redirects.yml"
    path.write_text(render_file(names), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    read = redirects._read(path, "redirects.yml")
    assert read.diagnostics == [] and read.writable and len(read.entries) == 20_000
    path.write_text(render_file(names) + "# edited by hand\n", encoding="utf-8")  # YAML keeps its own limit
    assert [d.code for d in redirects._read(path, "redirects.yml").diagnostics] == [Code.REDIRECTS_UNREADABLE]


INCIDENT = Incident(id="2026-03-04-harlow-flood", title="Harlow flood", start="2026-03-04", end="2026-03-05",
                    event_ids=["2026-03-04-harlow-flood", "2026-03-05-harlow-flood"], article_ids=["p0", "p1"],
                    summary=[])
EVENTS = [Event(id="2026-03-04-harlow-flood", title="Flood", start="2026-03-04", end="2026-03-04", precision="day",
                incident=INCIDENT.id, background=False, article_ids=["p0", "p1"]),
          # one article and no figures, but curated: a page of its own (generator/events/pages.py)
          Event(id="2026-03-05-harlow-flood", title="Clean-up", start="2026-03-05", end="2026-03-05", precision="day",
                incident=INCIDENT.id, background=False, article_ids=["p1"], curated=True),
          # one article, no figures: no page, an entry on its article's page
          Event(id="2026-03-07-harlow-flood", title="Inquiry", start="2026-03-07", end="2026-03-07", precision="day",
                incident=INCIDENT.id, background=False, article_ids=["p0"])]
# (case, redirects.yml text, expected moves): the incident's place was first read as "Harlow Vale"
EVENT_CASES = [
    ("incident renamed", "incidents/2026-03-04-vale-flood/: a.md\n",
     {"incidents/2026-03-04-vale-flood/": "incidents/2026-03-04-harlow-flood/"}),
    ("event renamed: the event of the same day", "events/2026-03-05-vale-flood/: b.md#2026-03-05\n",
     {"events/2026-03-05-vale-flood/": "events/2026-03-05-harlow-flood/"}),
    ("event's day changed: its incident", "events/2026-03-06-vale-flood/: b.md#2026-03-06\n",
     {"events/2026-03-06-vale-flood/": "incidents/2026-03-04-harlow-flood/"}),
    ("current pages: no redirect", "incidents/2026-03-04-harlow-flood/: a.md\n", {}),
    ("the event's page is gone: its entry on its article's page", "events/2026-03-07-harlow-flood/: a.md#2026-03-07\n",
     {"events/2026-03-07-harlow-flood/": "articles/p0/#event-2026-03-07-harlow-flood"}),
]


@pytest.mark.parametrize("text, moves", [c[1:] for c in EVENT_CASES], ids=[c[0] for c in EVENT_CASES])
def test_event_and_incident_pages_redirect(tmp_path: Path, text: str, moves: dict[str, str]) -> None:
    (tmp_path / "redirects.yml").write_text(text, encoding="utf-8")
    plan = plan_redirects(tmp_path, [_article("a.md", "p0"), _article("b.md", "p1")], EVENTS, [INCIDENT])
    assert plan.moves == moves
    assert plan.text is not None
    assert "incidents/2026-03-04-harlow-flood/: a.md\n" in plan.text
    assert 'events/2026-03-05-harlow-flood/: "b.md#2026-03-05"\n' in plan.text
    assert ("events/2026-03-07-harlow-flood/" in plan.text) == ("2026-03-07" in text)  # kept only as an old name


def test_file_names_that_need_quoting_read_back(tmp_path: Path) -> None:
    names = ["2026/a b.md", "x: y.md", "#hash.md", "ünï.md", "1.md"]
    (tmp_path / "redirects.yml").write_text(render_file({f"articles/p{n}/": f for n, f in enumerate(names)}))
    plan = plan_redirects(tmp_path, [_article(f, f"q{n}") for n, f in enumerate(names)])
    assert plan.moves == {f"articles/p{n}/": f"articles/q{n}/" for n in range(len(names))}
    assert [d.code for d in plan.diagnostics] == [Code.REDIRECTS_SUMMARY]


@pytest.mark.parametrize("site_url, canonical", [("", "../../articles/new/"),
                                                  ("https://example.org/sub/", "https://example.org/sub/articles/new/")])
def test_redirect_page(site_url: str, canonical: str) -> None:
    pages = redirect_pages({"articles/old/": "articles/new/"}, {"articles/new/": '<script>"x"</script>'}, site_url)
    page = pages["articles/old/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../../articles/new/">' in page
    assert '<link rel="icon" href="data:,">' in page  # no request for /favicon.ico
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert '<a href="../../articles/new/">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</a>' in page
    assert "<script>" not in page


def test_renamed_title_leaves_old_url_redirecting(tmp_path: Path) -> None:
    """The acceptance walk: build, change the title, build again: the old address sends the reader to the new."""
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    _write(content, "flood.md", "River rises two metres")
    _write(content, "other.md", "Families leave their homes", slug="families-leave")
    assert build_site(content, site) == 0
    assert (site / "articles" / "river-rises-two-metres" / "index.html").is_file()
    assert (site / "articles" / "families-leave" / "index.html").is_file()
    _write(content, "flood.md", "Flood waters reach the old town")
    assert build_site(content, site) == 0
    new = site / "articles" / "flood-waters-reach-the-old-town" / "index.html"
    old = (site / "articles" / "river-rises-two-metres" / "index.html").read_text(encoding="utf-8")
    assert new.is_file()
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', old)
    assert target is not None and target.group(1) == "../../articles/flood-waters-reach-the-old-town/"
    assert (site / "articles" / "river-rises-two-metres" / target.group(1) / "index.html").resolve() == new.resolve()
    kept = (content / "redirects.yml").read_text(encoding="utf-8")
    assert "articles/river-rises-two-metres/: flood.md\n" in kept
    assert "articles/flood-waters-reach-the-old-town/: flood.md\n" in kept
    assert "articles/families-leave/: other.md\n" in kept
    assert build_site(content, site) == 0  # a third build changes nothing
    assert (content / "redirects.yml").read_text(encoding="utf-8") == kept


def test_check_warns_when_the_committed_page_names_are_behind(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A build in CI records the page names on the runner only: `check` says when the committed file lacks some,
    so a title edited on GitHub does not leave the old address without a redirect."""
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    _write(content, "flood.md", "River rises two metres")
    assert check_content(content, default_config()) == 0  # no file yet: nothing to redirect, nothing to say
    assert "redirects.yml:1: warning" not in capsys.readouterr().err
    assert build_site(content, site) == 0
    assert check_content(content, default_config(), strict=True) == 0
    assert "redirects.yml:1: warning" not in capsys.readouterr().err
    _write(content, "flood.md", "Flood waters reach the old town")
    assert check_content(content, default_config(), strict=True) == 1
    assert re.search(r"redirects\.yml:1: warning: this file lacks page names", capsys.readouterr().err)
    assert build_site(content, site) == 0
    assert check_content(content, default_config(), strict=True) == 0
