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


# New wordings: crowds, hospital cases, bodies, "lost his life", people on board; the noun's own outcome.
WORDINGS = [
    # crowd counts
    pytest.param("Nearly 80,000 people demonstrated in Millbrook on Sunday.", [("crowd size", 80_000, "nearly")],
                 id="demonstrated"),
    pytest.param("About 9,000 farmers took to the streets of Eastport.", [("crowd size", 9_000, "about")],
                 id="took-to-the-streets"),
    pytest.param("There were 20,000 people on the march, the organisers said.", [("crowd size", 20_000, None)],
                 id="on-the-march"),
    pytest.param("The union counted 300,000 protesters across the country.", [("crowd size", 300_000, None)],
                 id="protesters"),
    pytest.param("Around 45,000 participants in the rally reached the square.", [("crowd size", 45_000, "about")],
                 id="participants"),
    pytest.param("The rally drew more than half a million.", [("crowd size", 500_000, "more than")],
                 id="drew-bare"),
    pytest.param("Turnout was 12,000, the organisers said.", [("crowd size", 12_000, None)], id="turnout"),
    pytest.param("Police arrested 30 protesters in Millbrook.", [("arrested", 30, None)],
                 id="verb-wins-over-noun"),
    # hospital cases
    pytest.param("More than 40 pupils were admitted to hospital after the fire.", [("injured", 40, "more than")],
                 id="admitted-to-hospital"),
    pytest.param("Some 25 people are still being treated at the Eastport clinic.", [("injured", 25, "about")],
                 id="being-treated"),
    pytest.param("Six climbers remain in critical condition.", [("injured", 6, None)], id="critical-condition"),
    pytest.param("Nine of the pupils are in serious or critical condition.", [("injured", 9, None)],
                 id="serious-or-critical"),
    pytest.param("Twelve were taken to hospital with burns.", [("injured", 12, None)], id="taken-to-hospital"),
    # the dead as found
    pytest.param("At least 60 bodies had reached the morgue in Millbrook.", [("bodies recovered", 60, "at least")],
                 id="bodies-reached"),
    pytest.param("Nine bodies have been identified so far.", [("bodies recovered", 9, None)], id="identified"),
    pytest.param("Four more were declared dead at the clinic.", [("dead", 4, None)], id="declared-dead"),
    pytest.param("Three hikers lost their lives in the blaze.", [("civilians killed", 3, None)],
                 id="lost-their-lives"),
    pytest.param("One person lost his life in the crash.", [("dead", 1, None)], id="lost-his-life"),
    pytest.param("The quake caused at least 500 deaths in the valley.", [("dead", 500, "at least")], id="deaths"),
    pytest.param("Police made 20 arrests overnight.", [("arrested", 20, None)], id="arrests"),
    pytest.param("The 104 survivors were given blankets.", [("rescued", 104, None)], id="survivors"),
    # people on board: a load, not a toll
    pytest.param("A bus carrying 40 people overturned on the highway, killing 12.",
                 [("passengers aboard", 40, None), ("dead", 12, None)], id="bus-carrying"),
    pytest.param("A ferry carrying more than 300 pilgrims sank off Port Amber.",
                 [("passengers aboard", 300, "more than")], id="ferry-carrying"),
    pytest.param("The trawler had 750 passengers aboard when it sank.", [("passengers aboard", 750, None)],
                 id="passengers-aboard"),
    pytest.param("Some 104 people on board have been rescued.", [("rescued", 104, "about")],
                 id="on-board-rescued"),
    pytest.param("A man carrying a child ran from the blast.", [], id="carrying-no-figure"),
    pytest.param("A launch sank on Monday, killing all five people on board.", [("dead", 5, None)],
                 id="killing-all-on-board"),
    pytest.param("One guard was killed and six more wounded in the blasts.",
                 [("security personnel killed", 1, None), ("injured", 6, None)],
                 id="six-more-wounded"),
    pytest.param("Mona 13 suffered a cut to the head in the blast.", [], id="an-injury-is-no-count"),
]


@pytest.mark.parametrize("body, expected", WORDINGS)
def test_new_wordings(mode: str, body: str, expected: list[Row]) -> None:
    assert rows(body) == expected


# Figures bound through the tree: the figure's own noun and outcome decide; a relative clause, a participle or a
# "with" phrase does not lend its verb. The rules alone read these the same way.
BOUND = [
    pytest.param("Police said 40 people were killed when a bus carrying 60 passengers overturned.",
                 [("dead", 40, None), ("passengers aboard", 60, None)], id="load-in-another-clause"),
    pytest.param("The blast killed 12 people, with 30 others injured.", [("dead", 12, None), ("injured", 30, None)],
                 id="with-phrase-of-its-own"),
    pytest.param("The union announced 3 million protesters and about 700,000 people who took to the streets.",
                 [("crowd size", 3_000_000, None), ("crowd size", 700_000, "about")], id="relative-clause-of-the-noun"),
    pytest.param("Some 68 children were among the 126 people killed.",
                 [("civilians killed", 68, "about"), ("dead", 126, None)], id="among-the-people-killed"),
    pytest.param("A strike killed a woman with four of her children.", [("civilians killed", 4, None)],
                 id="with-a-person"),
    pytest.param("A boat with 400 people on board capsized off the cape.", [("passengers aboard", 400, None)],
                 id="with-people-on-board"),
    pytest.param("Organisers counted 9,000 marchers, the police counted 4,000.",
                 [("crowd size", 9_000, None), ("crowd size", 4_000, None)], id="rival-count-of-the-same"),
    pytest.param("Organisers said 9,000 people marched, against 4,000 according to police.",
                 [("crowd size", 9_000, None), ("crowd size", 4_000, None)], id="rival-count-against"),
    pytest.param("Organisers said 25,000 people joined the march, while police put the figure at 8,000.",
                 [("crowd size", 25_000, None), ("crowd size", 8_000, None)], id="put-the-figure-at"),
    pytest.param("Some 30 people were injured, and police put the death toll at 16.",
                 [("injured", 30, "about"), ("dead", 16, None)], id="a-toll-of-its-own-is-no-rival-count"),
    pytest.param("Police said the crowd numbered about 15,000.", [("crowd size", 15_000, "about")],
                 id="the-crowd-numbered"),
]


@pytest.mark.parametrize("body, expected", BOUND)
def test_bound_figures(mode: str, body: str, expected: list[Row]) -> None:
    assert rows(body) == expected


# What only the tree sees: the clause a figure belongs to, however far its words are.
TREE_ONLY = [
    pytest.param("Troops rescued 12 villagers as the gunmen fled with 30 hostages.",
                 [("rescued", 12, None), ("hostages held", 30, None)], id="fled-with-hostages"),
    pytest.param("Gunmen killed 12 villagers and forced 300 families to leave.", [("civilians killed", 12, None)],
                 id="another-verb-of-its-own"),
    pytest.param("The death toll from the storm that hit the northern coast late on Friday, 20 kilometres from the "
                 "port, is almost two thousand.", [("dead", 2_000, "nearly")], id="far-toll"),
    pytest.param("The number of survivors remains 104, the coast guard said.", [("rescued", 104, None)],
                 id="number-of-survivors"),
    pytest.param("The number of people injured and treated at the clinic stands at 28.", [("injured", 28, None)],
                 id="number-of-people-injured"),
    pytest.param("In all, 466 patients have been listed as wounded and 37 have died.",
                 [("injured", 466, None), ("dead", 37, None)], id="listed-as-wounded"),
]


@pytest.mark.parametrize("body, expected", TREE_ONLY)
def test_figures_bound_through_the_tree(body: str, expected: list[Row]) -> None:
    if nlp.parser() is None:
        pytest.skip(f"no parser: {nlp.parser_status().reason}")
    assert rows(body) == expected


# The parts of a total are kept as parts: in the total's category, apart from it by scope, never rival figures.
PARTS = [
    pytest.param("Only 104 people, including 12 Westlandians, were rescued.",
                 [("rescued", 104, None), ("rescued", 12, "Westlandians")], id="including-a-demonym"),
    pytest.param("Some 300 pilgrims were hurt, among them 20 volunteers.",
                 [("injured", 300, None), ("injured", 20, "volunteers")], id="among-them"),
    pytest.param("The monitor said 34 people were killed, 6 of them women.",
                 [("dead", 34, None), ("dead", 6, "women")], id="of-them-a-subgroup"),
    pytest.param("The monitor said 34 people were killed, 6 of them in Eastport.", [("dead", 34, None)],
                 id="of-them-without-a-noun"),
]


@pytest.mark.parametrize("body, expected", PARTS)
def test_parts_of_a_total(mode: str, body: str, expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.category, c.quantity, c.scope) for c in claims_of(body)] == expected


def test_parts_are_rows_of_their_own() -> None:
    """A part named by its noun is a row of its own in the event's table, not a rival of the total."""
    from generator.events.rows import subgroup  # noqa: PLC0415

    assert subgroup("Westlandians") == "westlandians"
    assert subgroup("rescue worker, over the past two days") == "rescue worker"
    assert subgroup("over the past two days") == ""
    assert subgroup("in Quetta") == ""


# "N of them", "all of them", "that number": the people of the figure before; one figure may carry two claims.
ANAPHORS = [
    pytest.param("The raiders seized 30 hostages and later freed all of them.",
                 [("hostages held", 30, None), ("rescued", 30, None)], id="all-of-them"),
    pytest.param("The raiders seized 30 hostages and later freed 12 of them.",
                 [("hostages held", 30, None), ("rescued", 12, None)], id="n-of-them"),
    pytest.param("Gunmen abducted 40 students, and troops rescued all of them on Friday.",
                 [("hostages held", 40, None), ("rescued", 40, None)], id="abducted-then-rescued"),
    pytest.param("Rebels abducted 25 villagers, and troops later rescued the same number.",
                 [("hostages held", 25, None), ("rescued", 25, None)], id="the-same-number"),
    pytest.param("The army freed 30 hostages, all of them women.", [("rescued", 30, None)],
                 id="all-of-them-the-same-claim"),
    pytest.param("Police arrested 40 protesters and reported twice that number injured.", [("arrested", 40, None)],
                 id="twice-that-number-is-no-figure"),
]


@pytest.mark.parametrize("body, expected", ANAPHORS)
def test_figures_referred_back_to(mode: str, body: str, expected: list[Row]) -> None:
    assert rows(body) == expected


# The subject of an active outcome verb, or the agent of a passive one, did it; it did not befall them.
DOERS = [
    pytest.param("Three gunmen killed 12 people at a checkpoint.", [("dead", 12, None)], id="subject-of-killed"),
    pytest.param("Some 40 rescuers freed 12 miners.", [("rescued", 12, None)], id="subject-of-freed"),
    pytest.param("Two guards were killed by at least five attackers.", [("security personnel killed", 2, None)],
                 id="agent-of-killed"),
    pytest.param("The hostages were released by 12 gunmen.", [], id="agent-of-released"),
    pytest.param("A gunman opened fire at a concert attended by 22,000 people, killing 58.",
                 [("crowd size", 22_000, None), ("dead", 58, None)], id="agent-of-attended"),
    pytest.param("50,000 people joined the march.", [("crowd size", 50_000, None)], id="subject-of-joined"),
    pytest.param("Ten civilians killed 15 injured in rocket attacks on the city.",
                 [("civilians killed", 10, None), ("injured", 15, None)], id="a-list-without-commas"),
    pytest.param("Officials said 84 people have been killed and another 659 injured over four days.",
                 [("dead", 84, None), ("injured", 659, None)], id="injured-over-four-days"),
    pytest.param("The attack on the convoy, which was carrying aid for 20,000 families, killed two drivers.",
                 [("civilians killed", 2, None)], id="another-clause-lends-nothing"),
]


@pytest.mark.parametrize("body, expected", DOERS)
def test_doers_are_not_victims(mode: str, body: str, expected: list[Row]) -> None:
    assert rows(body) == expected
