"""Feeds and sharing, as pure functions: the Atom feed, robots.txt, where the site is published, each page's
description, and the paths the site shows (relative to the content folder)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diagnostics import Code
from generator.inputs.files import content_relative, content_relative_text
from generator.inputs.site import SiteSettings, parse_site_settings
from generator.site.feed import atom_feed, atom_time, robots_txt
from generator.site.generate import site_url, site_url_problems
from generator.site.hooks import site_folders
from generator.site.meta import page_descriptions, text_description
from generator.site.render import render_pages
from tests.incident_data import incident_timeline

ATOM = "{http://www.w3.org/2005/Atom}"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HOSTILE = "</title><script>alert('x')</script> & \"quotes\" ]]>"


def entries(feed: str) -> list[dict[str, str]]:
    root = ET.fromstring(feed)
    return [{"id": e.findtext(ATOM + "id", ""), "title": e.findtext(ATOM + "title", ""),
             "link": e.find(ATOM + "link").get("href", ""),  # type: ignore[union-attr]
             "published": e.findtext(ATOM + "published", ""), "updated": e.findtext(ATOM + "updated", "")}
            for e in root.findall(ATOM + "entry")]


TIMES = [
    ("2026-02-01", "2026-02-01T00:00:00Z"),
    ("2026-02-01T15:40:00", "2026-02-01T15:40:00Z"),  # no zone: read as UTC
    ("2026-02-01T15:40:00+05:00", "2026-02-01T10:40:00Z"),
    ("2026-02", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize("published, expected", TIMES)
def test_atom_time(published: str | None, expected: str | None) -> None:
    assert atom_time(published) == expected


@pytest.mark.parametrize("url, first_link, first_id", [
    ("", "events/2024-03-04-orrin-vale/", "urn:uuid:"),
    ("https://example.github.io/vale/", "https://example.github.io/vale/events/2024-03-04-orrin-vale/",
     "https://example.github.io/vale/events/2024-03-04-orrin-vale/"),
])
def test_the_feed_lists_events_newest_first_with_stable_ids_and_content_dates(url: str, first_link: str,
                                                                               first_id: str) -> None:
    t = replace(incident_timeline(), url=url)
    feed = atom_feed(t)
    got = entries(feed)
    assert [e["link"] for e in got] == [first_link, first_link.replace("03-04", "03-02")]
    assert got[0]["id"].startswith(first_id)
    # the two days: updated is the latest article's date, published the earliest's; the feed's is the newest
    assert (got[1]["published"], got[1]["updated"]) == ("2024-03-02T00:00:00Z", "2024-03-04T00:00:00Z")
    assert ET.fromstring(feed).findtext(ATOM + "updated") == "2024-03-04T00:00:00Z"
    assert atom_feed(t) == feed and entries(atom_feed(replace(t, title="Renamed"))) == got  # ids do not move
    self_link = ET.fromstring(feed).find(ATOM + "link")
    assert self_link is not None and self_link.get("href") == f"{url}feed.xml"


def test_the_feed_is_capped_and_escapes_content() -> None:
    t = incident_timeline()
    hostile = replace(t, title=HOSTILE, events=[replace(e, title=HOSTILE, summary=HOSTILE) for e in t.events])
    feed = atom_feed(hostile, limit=1)
    root = ET.fromstring(feed)  # well-formed whatever the titles hold
    assert root.findtext(ATOM + "title") == HOSTILE
    assert [e["title"] for e in entries(feed)] == [HOSTILE]
    assert "<script>" not in feed
    empty = atom_feed(replace(t, events=[]))
    assert entries(empty) == [] and ET.fromstring(empty).findtext(ATOM + "updated") == "1970-01-01T00:00:00Z"


@pytest.mark.parametrize("url, expected", [
    ("", "User-agent: *\nAllow: /\n"),
    ("https://a.github.io/b/", "User-agent: *\nAllow: /\nSitemap: https://a.github.io/b/sitemap.xml\n"),
])
def test_robots_txt(url: str, expected: str) -> None:
    assert robots_txt(replace(incident_timeline(), url=url)) == expected


GITHUB = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "Owner/Repo"}
URLS = [
    pytest.param(SiteSettings(url="https://own.example/site/"), {"site_url": "https://mk.example/"}, GITHUB,
                 "https://own.example/site/", id="site-yml-first"),
    pytest.param(SiteSettings(), {"site_url": "https://mk.example/docs"}, GITHUB, "https://mk.example/docs/",
                 id="mkdocs-yml"),
    pytest.param(SiteSettings(), {"site_url": ""}, GITHUB, "https://owner.github.io/Repo/", id="github-actions"),
    pytest.param(SiteSettings(), {}, {**GITHUB, "GITHUB_REPOSITORY": "owner/owner.github.io"},
                 "https://owner.github.io/", id="github-user-pages"),
    pytest.param(SiteSettings(), {}, {**GITHUB, "GITHUB_ACTIONS": ""}, "", id="not-in-actions"),
    pytest.param(SiteSettings(), {"site_url": None}, {}, "", id="nothing"),
    # The deploy's own address (actions/configure-pages' base_url, without the final slash) outranks every file.
    pytest.param(SiteSettings(url="https://own.example/site/"), {"site_url": "https://mk.example/"},
                 {**GITHUB, "TIMELINE_SITE_URL": "https://owner.github.io/Repo"}, "https://owner.github.io/Repo/",
                 id="deploy-address-first"),
    pytest.param(SiteSettings(), {}, {"TIMELINE_SITE_URL": "https://pages.example"}, "https://pages.example/",
                 id="deploy-address-outside-actions"),
    pytest.param(SiteSettings(url="https://own.example/site/"), {}, {"TIMELINE_SITE_URL": ""},
                 "https://own.example/site/", id="deploy-address-empty-on-pull-requests"),
    pytest.param(SiteSettings(), {"site_url": "https://mk.example/"}, {"TIMELINE_SITE_URL": "javascript:alert(1)"},
                 "https://mk.example/", id="deploy-address-not-an-address"),
]


@pytest.mark.parametrize("site, mkdocs, env, expected", URLS)
def test_where_the_site_is_published(site: SiteSettings, mkdocs: dict[str, object], env: dict[str, str],
                                     expected: str) -> None:
    assert site_url(site, mkdocs, env) == expected


@pytest.mark.parametrize("value, codes", [
    ("", []), ("https://owner.github.io/Repo", []), ("   ", []),
    ("javascript:alert(1)", [Code.SETTINGS_INVALID]), ("https://x.example/?q=1", [Code.SETTINGS_INVALID]),
    ("owner.github.io/Repo", [Code.SETTINGS_INVALID]),
])
def test_a_deploy_address_that_is_no_address_is_said(value: str, codes: list[Code]) -> None:
    problems = site_url_problems({"TIMELINE_SITE_URL": value})
    assert [d.code for d in problems] == codes
    assert all(d.level == "warning" and str(d.location) == "$TIMELINE_SITE_URL:1" for d in problems)


@pytest.mark.parametrize("text, url, warning", [
    ("url: https://example.org/storms\n", "https://example.org/storms/", None),
    ("url: http://example.org/\n", "http://example.org/", None),
    ("url: javascript:alert(1)\n", None, "url must be an http"),
    ("url: 'https://example.org/a\"b'\n", None, "url must be an http"),
    ("url: https://example.org/?q=1\n", None, "url must be an http"),
    ("url: [a]\n", None, "url must be text"),
])
def test_site_yml_url(text: str, url: str | None, warning: str | None) -> None:
    settings, diags = parse_site_settings(text, "content/site.yml")
    assert settings.url == url
    assert [d.message[:len(warning)] for d in diags] == ([warning] if warning else [])


def test_every_generated_page_but_the_home_page_has_its_own_description() -> None:
    t = incident_timeline()
    pages = {p: text for p, text in render_pages(t, TEMPLATES).items() if p.endswith(".md")}
    # the timeline's pages described from the timeline, the others (explorer, claimants) from their own text
    described = page_descriptions(t)
    assert set(described) <= set(pages)
    described.update((p, text) for p, md_text in pages.items() if p not in described and p != "index.md"
                     and (text := text_description(md_text)) is not None)
    assert sorted(described) == sorted(p for p in pages if p != "index.md")
    assert len(set(described.values())) == len(described)  # each its own
    assert described["claimants/river-authority.md"].startswith("River authority: Every figure River authority")
    assert all(0 < len(text) <= 300 and "\n" not in text for text in described.values())
    assert described["events/2024-03-02-orrin-vale.md"].startswith("2 Mar 2024: Dam breach at Orrin Vale. 3 claimed")
    assert "dead: " in described["incidents/2024-03-02-orrin-vale-dam-breach.md"]
    assert described["articles/breach-at-orrin-vale.md"].startswith("Dam breach floods Orrin Vale, Vale Herald, 2 Mar")


def test_the_404_page_knows_the_site_s_top_level_folders() -> None:
    pages = {"index.md": "", "timeline.md": "", "events/a.md": "", "data/claims.csv": "", "robots.txt": ""}
    assert site_folders(pages) == ["assets", "data", "events", "pagefind", "search", "timeline"]


@pytest.mark.parametrize("path, expected", [
    ("content/x.md", "x.md"), ("content/sub/x.md", "sub/x.md"), ("templates/event.md.j2", "templates/event.md.j2"),
    ("contents/x.md", "contents/x.md"), ("content", "."),
])
def test_paths_shown_relative_to_the_content_folder(path: str, expected: str) -> None:
    assert content_relative(path, "content") == expected


def test_messages_name_files_relative_to_the_content_folder() -> None:
    text = "placed with content/a.txt, content/sub/b.md and 3 more; see my-content/c.md or /content/d.md"
    assert content_relative_text(text, "content") == ("placed with a.txt, sub/b.md and 3 more; see my-content/c.md or "
                                                      "/content/d.md")
