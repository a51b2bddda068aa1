"""Figures and what they count (generator.claims: numbers, people, outcomes, reading and the tree): one table row
per construction, read with the dependency parse and with the rules alone (TIMELINE_PARSER=off).

Every sentence here is invented: the places (Millbrook, Eastport, Port Amber), the groups and the people do not
exist.
"""

from __future__ import annotations

import pytest

from generator.claims import extract_claims, find_figures, nlp
from generator.config import Config
from generator.dates import resolve_dates
from generator.inputs.reader import parse_article
from generator.models import Claim

Row = tuple[str, int | None, str | None]  # category, quantity, qualifier

PARSE = "parse"
RULES = "rules"


@pytest.fixture(params=[PARSE, RULES])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test once with the parse (skipped without the model) and once with the rules alone."""
    if request.param == RULES:
        monkeypatch.setenv("TIMELINE_PARSER", "off")
    else:
        monkeypatch.delenv("TIMELINE_PARSER", raising=False)
        if nlp.parser() is None:
            pytest.skip(f"no parser: {nlp.parser_status().reason}")
    return str(request.param)


def claims_of(body: str) -> list[Claim]:
    a, _ = parse_article(f"---\ntitle: Test report\ndate: 2026-02-01\n---\n\n{body}".encode(), "content/x.md",
                         "x.md", Config())
    assert a is not None
    a.mentions = resolve_dates(a)
    return extract_claims(a, a.mentions, Config())


def rows(body: str) -> list[Row]:
    return [(c.category, c.quantity, c.qualifier) for c in claims_of(body)]


NUMBERS = [
    pytest.param("More than half a million people marched.", 500_000, "half a million", id="half-a-million"),
    pytest.param("A half million people marched.", 500_000, "A half million", id="a-half-million"),
    pytest.param("Police counted 1.27 million marchers.", 1_270_000, "1.27 million", id="decimal-million"),
    pytest.param("Over one lakh pilgrims gathered.", 100_000, "one lakh", id="one-lakh"),
    pytest.param("Some 2,50,000 pilgrims gathered.", 250_000, "2,50,000", id="indian-grouping"),
    pytest.param("One and a half million people marched.", 1_500_000, "One and a half million", id="and-a-half"),
    pytest.param("Two-and-a-half million people marched.", 2_500_000, "Two-and-a-half million", id="hyphenated-half"),
    pytest.param("Three quarters of a million people marched.", 750_000, "Three quarters of a million",
                 id="three-quarters"),
]


@pytest.mark.parametrize("sentence, quantity, written", NUMBERS)
def test_number_words(sentence: str, quantity: int, written: str) -> None:
    figs = find_figures(sentence)
    assert [(f.quantity, f.text) for f in figs] == [(quantity, written)]


@pytest.mark.parametrize("sentence, lower, upper", [
    pytest.param("Between 1.2 and 1.5 million people marched.", 1_200_000, 1_500_000, id="decimal-range"),
    pytest.param("The toll is in the 100-to-300 range.", 100, 300, id="hyphenated-to"),
])
def test_ranges(sentence: str, lower: int, upper: int) -> None:
    assert [(f.quantity, f.upper) for f in find_figures(sentence)] == [(lower, upper)]
