"""The site's title and description: content/site.yml, then mkdocs.yml, then the incidents, then the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config
from generator.inputs.site import SiteSettings, parse_site_settings, read_site_settings
from generator.models import Incident
from generator.site.generate import DEFAULT_TITLE, load_timeline, site_title

REPO = Path(__file__).resolve().parent.parent


def incident(title: str, start: str, end: str) -> Incident:
    return Incident(id=title.lower().replace(" ", "-"), title=title, start=start, end=end, event_ids=[],
                    article_ids=[], summary=[])


FLOOD = incident("Kessel river flood", "2024-05-01", "2024-05-09")
FIRE = incident("Aldmoor warehouse fire", "2024-07-03", "2024-07-03")
OWN = SiteSettings("Our storms", "Storms we follow.")

TITLES = [
    pytest.param(OWN, {"site_name": "Project name"}, [FLOOD], ("Our storms", "Storms we follow."), id="site-yml-first"),
    pytest.param(SiteSettings("Our storms"), {}, [FLOOD], ("Our storms", None), id="site-yml-title-only"),
    pytest.param(SiteSettings(), {"site_name": "Project name", "site_description": "Set by hand."}, [FLOOD],
                 ("Project name", "Set by hand."), id="mkdocs-yml-name"),
    pytest.param(SiteSettings(), {"site_name": DEFAULT_TITLE}, [FLOOD], ("Kessel river flood: timeline and claims",
                 "What happened when during Kessel river flood (1 May 2024 to 9 May 2024), and who claims which "
                 "figures, with every source one click away."), id="placeholder-one-incident"),
    pytest.param(SiteSettings(), {"site_name": DEFAULT_TITLE}, [FLOOD, FIRE], ("2 incidents: timeline and claims",
                 "2 incidents (1 May 2024 to 3 Jul 2024): what happened when, and who claims which figures, with "
                 "every source one click away."), id="placeholder-two-incidents"),
    pytest.param(SiteSettings(), {"site_name": 7}, [], (Config.title, Config.description), id="nothing-set"),
]


@pytest.mark.parametrize("site, mkdocs, incidents, expected", TITLES)
def test_title_resolution(site: SiteSettings, mkdocs: dict[str, object], incidents: list[Incident],
                          expected: tuple[str, str | None]) -> None:
    title, description = site_title(site, mkdocs, incidents, Config())
    assert title == expected[0]
    if expected[1] is not None:
        assert description == expected[1]


PARSE = [
    pytest.param('title: "A | b"\ndescription: >-\n  two\n  lines\n', SiteSettings("A | b", "two lines"), [],
                 id="both"),
    pytest.param("", SiteSettings(), [], id="empty"),
    pytest.param("title: [a, b]\n", SiteSettings(), [(1, "title must be text, not a list")], id="list"),
    pytest.param("title: Ok\nsite_name: x\n", SiteSettings("Ok"), [(2, "unknown setting 'site_name'")],
                 id="unknown-key"),
    pytest.param("\ndescription: 2026\n", SiteSettings(), [(2, "description must be text, not a number")],
                 id="number"),
    pytest.param("title: '  '\n", SiteSettings(), [(1, "title is empty")], id="blank"),
    pytest.param("title: [unclosed\n", SiteSettings(), [(1, "malformed site settings file")], id="malformed"),
    pytest.param("- a\n", SiteSettings(), [(1, "must be a mapping")], id="not-a-mapping"),
    pytest.param(f"title: {'x' * 201}\n", SiteSettings(), [(1, "over 200")], id="too-long"),
]


@pytest.mark.parametrize("text, expected, problems", PARSE)
def test_site_yml_is_checked_at_its_lines(text: str, expected: SiteSettings, problems: list[tuple[int, str]]) -> None:
    settings, diags = parse_site_settings(text, "content/site.yml")
    assert settings == expected
    assert len(diags) == len(problems)
    for d, (line, words) in zip(diags, problems, strict=True):
        assert d.location.path == "content/site.yml" and d.location.line == line and words in d.message, d


def test_no_site_yml_sets_nothing(tmp_path: Path) -> None:
    assert read_site_settings(tmp_path) == (SiteSettings(), [])


def test_the_demo_keeps_its_title_and_other_content_does_not(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    """The demo's name lives in content/site.yml: another folder built with the same mkdocs.yml does not get it."""
    demo = read_site_settings(REPO / "content")[0]
    assert demo.title == "Balochistan attacks, January 2026: timeline and claims"
    write_article("storm.md", "Two people were killed in Tarrow on Monday, police said.", title="Storm in Tarrow",
                  date="2024-02-05")
    t = load_timeline(tmp_path, REPO / "mkdocs.yml", None)
    assert "Balochistan" not in t.title and "Balochistan" not in t.description
    (tmp_path / "site.yml").write_text("title: Tarrow storms\n", encoding="utf-8")
    t = load_timeline(tmp_path, REPO / "mkdocs.yml", None)
    assert t.title == "Tarrow storms"
    assert [a.id for a in t.articles] == ["storm-in-tarrow"]  # site.yml is a settings file, not an article
