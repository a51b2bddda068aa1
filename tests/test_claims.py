"""Claim extraction (generator.claims): one table row per sentence shape.

Every sentence here is invented: the places (Millbrook, Eastport, Port Amber), the groups (the Free Hills
Movement, the Example Liberation Front) and the people (Jane Roe) do not exist.
"""

from __future__ import annotations

import pytest

from generator.claims import claimant_key, extract_claims, nlp, split_sentences
from generator.config import Config
from generator.dates import resolve_dates
from generator.inputs.reader import parse_article
from generator.models import Article, Claim


def article(body: str, date: str | None = "2026-02-01") -> Article:
    front = f"---\ntitle: Test report\ndate: {date}\n---\n\n" if date else "---\ntitle: Test report\n---\n\n"
    a, _ = parse_article((front + body).encode("utf-8"), "content/x.md", "x.md", Config())
    assert a is not None
    return a


def claims_of(body: str, date: str | None = "2026-02-01") -> list[Claim]:
    a = article(body, date)
    a.mentions = resolve_dates(a)
    return extract_claims(a, a.mentions, Config())


# category, quantity, qualifier, claimant; a claimant that the dependency parse reads and the rules alone do
# not is written {"parse": ..., "rules": ...}
Expected = tuple[str, int | None, str | None, str | None | dict[str, str | None]]
PATHS = ["parse", "rules"]


@pytest.fixture(params=PATHS)
def reading_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each table runs twice: with the dependency parse, and with the rules alone (TIMELINE_PARSER=off), the
    path a machine without the model takes."""
    if request.param == "parse":
        monkeypatch.delenv("TIMELINE_PARSER", raising=False)
        if nlp.parser() is None:
            pytest.skip(f"no dependency parser here: {nlp.parser_status().reason}")
    else:
        monkeypatch.setenv("TIMELINE_PARSER", "off")
    return str(request.param)


def summary(claims: list[Claim]) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(c.category, c.quantity, c.qualifier, c.claimant) for c in claims]


def check(claims: list[Claim], expected: list[Expected], path: str = "parse") -> None:
    got = summary(claims)
    assert len(got) == len(expected), got
    for (cat, qty, qual, who), (ecat, eqty, equal, ewho) in zip(got, expected, strict=True):
        assert (cat, qty, qual) == (ecat, eqty, equal), got
        if isinstance(ewho, dict):
            ewho = ewho[path]
        # claimants compare as the registry matches them (claimant_key: "the military" is "Military"); None:
        # unattributed
        assert (claimant_key(who) if who else None) == (claimant_key(ewho) if ewho else None), got


SHAPES = [
    # --- attribution ---
    pytest.param("The military said 15 security personnel and 18 civilians were also killed.",
                 [("security personnel killed", 15, None, "military"), ("civilians killed", 18, None, "military")],
                 id="two-figures-one-speaker"),
    pytest.param("According to the chief minister, the violence claimed the lives of 17 police officers.",
                 [("security personnel killed", 17, None, "chief minister")], id="according-to-lives-of"),
    pytest.param("The Free Hills Movement claimed that 84 soldiers were killed, while seven fighters were lost.",
                 [("security personnel killed", 84, None, "Free Hills Movement"),
                  ("militants killed", 7, None, "Free Hills Movement")], id="claimed-that-while-number-word"),
    pytest.param("At least 40 militants were killed in the clashes near Millbrook, police said.",
                 [("militants killed", 40, "at least", "police")], id="speaker-after"),
    pytest.param("The clash in Millbrook left 9 dead and 23 wounded, according to hospital staff.",
                 [("dead", 9, None, "hospital staff"), ("injured", 23, None, "hospital staff")],
                 id="left-dead-and-wounded"),
    pytest.param("Twelve civilians were killed in the blast at the Eastport market.",
                 [("civilians killed", 12, None, None)], id="unattributed"),
    pytest.param("The rebels said dozens of soldiers were killed in the ambush.",
                 [("security personnel killed", None, None, "rebels")], id="vague-dozens"),
    pytest.param("Hundreds of people were displaced by the fighting, aid workers said.",
                 [("displaced", None, None, "aid workers")], id="vague-hundreds"),
    # --- qualifiers ---
    pytest.param("No fewer than 20 militants were killed, the army said.",
                 [("militants killed", 20, "at least", "military")], id="no-fewer-than"),
    pytest.param("More than 20 militants were killed, the army said.",
                 [("militants killed", 20, "more than", "military")], id="more-than"),
    pytest.param("Over 20 militants were killed, the army said.",
                 [("militants killed", 20, "more than", "military")], id="over"),
    pytest.param("About 20 militants were killed, the army said.",
                 [("militants killed", 20, "about", "military")], id="about"),
    pytest.param("Roughly 20 militants were killed, the army said.",
                 [("militants killed", 20, "about", "military")], id="roughly"),
    pytest.param("Nearly 20 militants were killed, the army said.",
                 [("militants killed", 20, "nearly", "military")], id="nearly"),
    pytest.param("Almost 20 militants were killed, the army said.",
                 [("militants killed", 20, "nearly", "military")], id="almost"),
    pytest.param("Up to 20 militants were killed, the army said.",
                 [("militants killed", 20, "up to", "military")], id="up-to"),
    pytest.param("As many as 20 militants were killed, the army said.",
                 [("militants killed", 20, "up to", "military")], id="as-many-as"),
    # --- categories ---
    pytest.param("At least 22 people were injured in the explosion, hospital officials said.",
                 [("injured", 22, "at least", "hospital officials")], id="injured"),
    pytest.param("The attackers freed more than 30 inmates from the district jail in Millbrook.",
                 [("inmates freed", 30, "more than", None)], id="inmates-freed"),
    pytest.param("Forty passengers were held hostage on the train, officials said.",
                 [("hostages held", 40, None, "officials")], id="hostages-held-passive"),
    pytest.param("Soldiers rescued 25 hostages from the station, the army said.",
                 [("rescued", 25, None, "military")], id="rescued"),
    pytest.param("Nine people remain missing after the storm, the coast guard said.",
                 [("missing", 9, None, "coast guard")], id="missing"),
    pytest.param("The floods displaced 12,000 families, the relief agency said.",
                 [("displaced", 12000, None, "relief agency")], id="displaced-thousands-separator"),
    pytest.param("Rescuers recovered 14 bodies from the rubble in Port Amber.",
                 [("bodies recovered", 14, None, None)], id="bodies-recovered"),
    pytest.param("Police arrested 19 suspects after the riot in Eastport.",
                 [("arrested", 19, None, None)], id="arrested"),
    pytest.param("More than 3,000 people attended the funeral in Eastport.",
                 [("crowd size", 3000, "more than", None)], id="crowd-size"),
    pytest.param("The insurgency that began in 1998 has claimed 3,000 lives, the rights group said.",
                 [("dead", 3000, None, "rights group")], id="lives-not-the-year"),
    pytest.param("Two men, aged 25 and 31, were killed in the crossfire, police said.",
                 [("dead", 2, None, "police")], id="ages-after-a-count"),
    pytest.param("The attack killed 12 people and caused $27 million in damage.",
                 [("dead", 12, None, None)], id="money-beside-a-count"),
    # --- numbers that are not claims ---
    pytest.param("A 25-year-old man was killed and a 40-year-old woman was injured in the blast.", [],
                 id="ages"),
    pytest.param("The dam that burst in 1987 has since been rebuilt, the council said.", [], id="year"),
    pytest.param("In 1998, 40 soldiers were killed in a similar raid on Millbrook.",
                 [("security personnel killed", 40, None, None)], id="year-before-a-count"),
    pytest.param("Nearly 44% of the injured were children, the hospital said.", [], id="percentage"),
    pytest.param("The storm caused $27 million in damage, officials said.", [], id="money"),
    pytest.param("Westmark is home to 240 million people and its rivers flood every spring.", [],
                 id="population"),
    pytest.param("The market reopened on Monday and traders said business was slow.", [], id="no-figures"),
    # --- "lost" as killed: only with people right after it ---
    pytest.param("We lost 7 fighters in the battle for Millbrook, the commander said.",
                 [("militants killed", 7, None, "commander")], id="we-lost-fighters"),
    pytest.param("The army lost 12 soldiers in the ambush near Eastport.",
                 [("security personnel killed", 12, None, None)], id="army-lost-soldiers"),
    pytest.param("The group lost seven of its men in the raid on Millbrook.",
                 [("militants killed", 7, None, None)], id="lost-seven-of-its-men"),
    pytest.param("The army lost at least 15 soldiers and 3 officers in the ambush.",
                 [("security personnel killed", 15, "at least", None),
                  ("security personnel killed", 3, "at least", None)],
                 id="lost-a-list"),
    pytest.param("Nine villagers lost their lives in the landslide.", [("civilians killed", 9, None, None)],
                 id="lost-their-lives"),
    pytest.param("The detainee lost 7 kilograms in prison and 2 guards were later injured.",
                 [("injured", 2, None, None)], id="lost-kilograms"),
    pytest.param("The Millbrook team lost 2 matches after 3 fans were injured.", [("injured", 3, None, None)],
                 id="lost-matches"),
    pytest.param("The firm lost 40% of its value after 3 workers were killed.",
                 [("civilians killed", 3, None, None)], id="lost-a-percentage"),
    pytest.param("The coast guard lost contact with 12 fishermen after the boat was hit.", [],
                 id="lost-contact-with"),
    pytest.param("At least 12 families lost their homes when the river burst its banks.", [],
                 id="families-lost-their-homes"),
    pytest.param("The army said it destroyed over 60 terrorists and 5 vehicles near Millbrook.",
                 [("militants killed", 60, "more than", "military")], id="destroyed-people"),
    pytest.param("Eleven insurgents were eliminated in the operation, the army said.",
                 [("militants killed", 11, None, "military")], id="eliminated"),
    pytest.param("The monitor said 57 civilians have been martyred in Eastport.",
                 [("civilians killed", 57, None, "monitor")], id="martyred"),
    # --- more numbers that are not claims ---
    pytest.param("The victim, aged 35, died in hospital in Eastport.", [], id="aged"),
    pytest.param("The victims aged between 18 and 40 were killed in the blast.", [], id="aged-between"),
    pytest.param("Jane Roe, 35, a mother of two, was killed in the attack.", [], id="name-comma-age-mother-of"),
    pytest.param("Police said 40 per cent of the civilians were killed.", [], id="per-cent-of-people"),
    pytest.param("The blast killed 12 people 5 km from the border.", [("dead", 12, None, None)], id="km"),
    pytest.param("The car bomb, packed with 50 kg of explosives, killed 9 people.", [("dead", 9, None, None)],
                 id="kg"),
    pytest.param("The families of the 12 people killed will receive 5 lakh rupees each.",
                 [("dead", 12, None, None)], id="rupees"),
    pytest.param("The families will get Rs 500,000 each after 3 people were killed.", [("dead", 3, None, None)],
                 id="rs"),
    pytest.param("Floods hit Eastport, a city of 2 million people, killing 40.", [("dead", 40, None, None)],
                 id="a-city-of"),
    pytest.param("The attackers torched 30 vehicles and killed 5 people.", [("dead", 5, None, None)],
                 id="vehicles"),
    pytest.param("The strikes hit 10 civilian buildings and killed 5.", [("dead", 5, None, None)],
                 id="people-word-as-adjective"),
    pytest.param("Gunmen attacked two police stations in Millbrook and killed 4 officers.",
                 [("security personnel killed", 4, None, None)], id="police-stations"),
    pytest.param("The militants carried out 14 attacks that killed 30 people.", [("dead", 30, None, None)],
                 id="attacks"),
    pytest.param("At least 10 people were injured in three suicide-bomber attacks near a police station.",
                 [("injured", 10, "at least", None)], id="attacks-near-a-police-station"),
    pytest.param("The village was attacked 3 times and 4 civilians were killed.",
                 [("civilians killed", 4, None, None)], id="times"),
    pytest.param("The blast at 3 pm killed 11 people in Eastport.", [("dead", 11, None, None)], id="clock-pm"),
    pytest.param("The blast at 3 p.m. killed 11 people in Eastport.", [("dead", 11, None, None)], id="clock-p-m"),
    pytest.param("Survivors were taken to Ward No. 7 and 2 people died.", [("dead", 2, None, None)],
                 id="number-label"),
    pytest.param("Protests over Article 370 left 4 people dead.", [("dead", 4, None, None)], id="article-label"),
    pytest.param("The attack on Highway 5 killed 3 people.", [("dead", 3, None, None)], id="highway-label"),
    pytest.param("An F-16 crashed near Millbrook, killing 2 people.", [("dead", 2, None, None)], id="model-name"),
    pytest.param("Call 0300 1234567 for news of the 11 people killed in Eastport.", [("dead", 11, None, None)],
                 id="phone-number"),
    pytest.param("It was the 3rd attack this month and it killed 5 people.", [("dead", 5, None, None)],
                 id="ordinal"),
    pytest.param("A 7.1 magnitude earthquake killed 300 people in Westmark.", [("dead", 300, None, None)],
                 id="magnitude"),
    pytest.param("The airstrikes killed 13 and wounded 29, with most casualties in the market.",
                 [("dead", 13, None, None), ("injured", 29, None, None)], id="people-after-a-preposition"),
    pytest.param("Kurdish police put the death toll at 16 earlier.", [("dead", 16, None, "Kurdish police")],
                 id="toll-then-earlier"),
    pytest.param("Hospitals received more than 80 other wounded persons.", [("injured", 80, "more than", None)],
                 id="outcome-as-adjective"),
    pytest.param("Kurdish forces killed 35 Daesh (outlawed in Westmark) militants near the town.",
                 [("militants killed", 35, None, None)], id="aside-before-the-noun"),
    pytest.param("The raid killed 15 civilians and 27 pro-government fighters.",
                 [("civilians killed", 15, None, None), ("militants killed", 27, None, None)],
                 id="hyphenated-modifier"),
    # --- nouns and verbs of news from other places ---
    pytest.param("The strikes killed 45 civilians in and around Millbrook and 22 in neighbouring Eastport.",
                 [("civilians killed", 45, None, None), ("civilians killed", 22, None, None)],
                 id="elliptical-second-figure"),
    pytest.param("Five medics were killed when the clinic in Eastport was hit.", [("civilians killed", 5, None, None)],
                 id="medics"),
    pytest.param("The coalition has killed more than twenty Free Hills operatives, the minister said.",
                 [("militants killed", 20, "more than", "minister")], id="operatives"),
    pytest.param("Hospitals in Eastport counted 6 martyrs and 22 injured after the bombing.",
                 [("dead", 6, None, {"parse": "hospitals in Eastport", "rules": None}),
                  ("injured", 22, None, {"parse": "hospitals in Eastport", "rules": None})], id="martyrs"),
    pytest.param("At least 6 civilians suffered suffocation after the gas attack on Eastport.",
                 [("injured", 6, "at least", None)], id="suffocation"),
    pytest.param("The monitor said that 14 of the dead were opposition fighters.",
                 [("militants killed", 14, None, "monitor")], id="of-the-dead-were-two-words"),
    pytest.param("Witnesses posted that 35+ dead & 70+ wounded were counted after the strike.",
                 [("dead", 35, "at least", "witnesses"), ("injured", 70, "at least", "witnesses")], id="plus-sign"),
    pytest.param("Rescuers rushed to evacuate the injured with one man carrying a child from the scene.", [],
                 id="the-injured-names-people"),
    pytest.param("Two children died and more than 1,100 other children are suffering from hunger.",
                 [("civilians killed", 2, None, None)], id="a-figure-with-its-own-verb"),
    pytest.param("About 20 people are believed to have been killed in the landslide.",
                 [("dead", 20, "about", None)], id="believed-to-have-been-killed"),
    pytest.param("Troops executed the families of five alleged rebels, the monitor said.", [],
                 id="the-families-of-five"),
    pytest.param("The wives of the five rebel fighters were also among the dead.", [], id="the-wives-of-the-five"),
    pytest.param("The monitor said those killed in the two raids include 14 children and four women.",
                 [("civilians killed", 14, None, "monitor"), ("civilians killed", 4, None, "monitor")],
                 id="those-killed-include"),
    pytest.param("The toll from the landslide has risen to 93, with over 100 people still missing, officials said.",
                 [("dead", 93, None, "officials"), ("missing", 100, "more than", "officials")], id="still-missing"),
    pytest.param("The ministry said 34 Westmarkians were killed and 120 wounded.",
                 [("dead", 34, None, "ministry"), ("injured", 120, None, "ministry")], id="demonym"),
    pytest.param("Of the 45 people killed, 30 were civilians and 15 were soldiers.",
                 [("dead", 45, None, None), ("civilians killed", 30, None, None),
                  ("security personnel killed", 15, None, None)], id="of-the-total-were"),
    pytest.param("Gunmen abducted 276 schoolgirls from their dormitory in Millbrook.",
                 [("hostages held", 276, None, None)], id="schoolgirls"),
    pytest.param("The fire killed 27 people, most of them workers, and injured 11.",
                 [("dead", 27, None, None), ("injured", 11, None, None)], id="injured-a-bare-figure"),
    pytest.param("The rally drew an estimated 50,000 supporters, organisers said.",
                 [("crowd size", 50000, "about", "organisers")], id="an-estimated-is-no-speaker"),
    pytest.param("The strike killed a commander and six of his bodyguards.",
                 [("security personnel killed", 6, None, None)], id="bodyguards"),
    pytest.param("A clinic serving thousands of Westmarkians has left two patients dead.",
                 [("civilians killed", 2, None, None)], id="the-outcome-of-a-later-figure"),
    pytest.param("At least 68 children were among the 126 people killed in the attack.",
                 [("civilians killed", 68, "at least", None), ("dead", 126, None, None)], id="were-among"),
    pytest.param("Seventeen children and six women were among those killed.",
                 [("civilians killed", 17, None, None), ("civilians killed", 6, None, None)], id="list-were-among"),
    pytest.param("The war has caused the death of more than 200,000 people and at least 60,000 are missing.",
                 [("dead", 200000, "more than", None), ("missing", 60000, "at least", None)],
                 id="a-later-figure-with-its-own-outcome"),
    pytest.param("Police said 3 of the 5 attackers were killed.", [("militants killed", 3, None, "police")],
                 id="a-part-of-the-whole"),
    pytest.param("Roughly 3 in 10 of those killed were children.", [], id="a-ratio"),
    pytest.param("Troops killed 5 in 10 raids across the province.", [("dead", 5, None, None)], id="in-raids"),
    pytest.param("Ten died at the scene and four in hospital.", [("dead", 10, None, None), ("dead", 4, None, None)],
                 id="elliptical-bare-figures"),
    pytest.param("At least 9 people were killed, according to a tally by the Eastport Herald.",
                 [("dead", 9, "at least", "the Eastport Herald")], id="a-tally-by"),
    pytest.param("He died of the plague in 639 and his tomb is in Eastport.", [], id="in-a-year"),
    pytest.param("The army destroyed 5 militant hideouts and killed 12 fighters.",
                 [("militants killed", 12, None, None)], id="people-word-before-a-plural-thing"),
    pytest.param("Troops attacked 6 militant camps, killing 30.", [("dead", 30, None, None)], id="militant-camps"),
    pytest.param("Fighting in 3 clashes killed 9 soldiers.", [("security personnel killed", 9, None, None)],
                 id="plural-in-es"),
    pytest.param("The shelling killed 5 army officers.", [("security personnel killed", 5, None, None)],
                 id="officers-are-not-offices"),
    pytest.param("Five were confirmed dead by the hospital in Eastport.",
                 [("dead", 5, None, {"parse": "hospital in Eastport", "rules": None})], id="confirmed-dead"),
    pytest.param("Twelve people were hospitalised after the blast.", [("injured", 12, None, None)],
                 id="hospitalised"),
    pytest.param("Nine people were found dead in the house.", [("dead", 9, None, None)], id="found-dead"),
    pytest.param("Six people were confirmed killed and 20 remain unaccounted for.",
                 [("dead", 6, None, None), ("missing", 20, None, None)], id="remain-unaccounted-for"),
    pytest.param("Eleven miners remain trapped after the collapse that killed 2.", [("dead", 2, None, None)],
                 id="remain-trapped-is-no-outcome"),
    # --- known bugs ---
    pytest.param("A similar attack in 2019 killed 30 people in Eastport.", [("dead", 30, None, None)],
                 id="year-before-killed"),
    pytest.param("No one was killed in the blast at the Eastport market, police said.", [], id="no-one-killed"),
    pytest.param("Gunmen held 40 passengers hostage on the train, officials said.",
                 [("hostages held", 40, None, "officials")], id="hostages-held-active"),
    pytest.param("Floods killed 12 people in Westmark province, which is home to 24 million people.",
                 [("dead", 12, None, None)], id="population-beside-a-death-toll"),
    pytest.param("The army said it killed 30 militants. The rebels disputed the figure and said 12 of their "
                 "fighters died.",
                 [("militants killed", 30, None, "military"), ("militants killed", 12, None, "rebels")],
                 id="speaker-with-verb-phrase"),
    pytest.param("Police said 8 people were killed in the blast; hospital officials said 11 were injured.",
                 [("dead", 8, None, "police"), ("injured", 11, None, "hospital officials")],
                 id="two-speakers-in-one-sentence"),
    pytest.param("The death count for the rebels stood at no fewer than 61 over the past two days, officials said.",
                 [("militants killed", 61, "at least", "officials")], id="death-count-stood-at"),
    pytest.param("At least 31 civilians and 17 police officers were killed in the raids on Eastport.",
                 [("civilians killed", 31, "at least", None), ("security personnel killed", 17, "at least", None)],
                 id="qualifier-shared-by-a-list"),
    pytest.param("The Port Amber relief office issued new figures on Monday saying 230 families were displaced.",
                 [("displaced", 230, None, "Port Amber relief office")], id="issued-figures-saying"),
    pytest.param("However, the Office for Port Safety gave a different tally. It said 14 workers were injured.",
                 [("injured", 14, None, "Office for Port Safety")], id="gave-a-tally-then-it-said"),
    pytest.param("The port authority issued a statement. After the raid on the depot it said 30 workers were hurt.",
                 [("injured", 30, None, "port authority")], id="pronoun-after-a-phrase"),
    pytest.param("Twelve civilians were killed in shelling on Tuesday the monitor said.",
                 [("civilians killed", 12, None, "monitor")], id="subject-after-a-comma-less-phrase"),
    pytest.param("The toll from the landslide in Millbrook is almost 300. The regional governor claims this, "
                 "adding that two villages were buried.",
                 [("dead", 300, "nearly", "regional governor")], id="claims-this-about-the-sentence-before"),
    pytest.param("The union said 9,000 people marched. From what is learned, the police arrested 20 people.",
                 [("crowd size", 9000, None, "union"), ("arrested", 20, None, None)],
                 id="own-source-does-not-go-on-quoting"),
    pytest.param("Harbour Minister Jane Roe said the pier was shut. The port authority said 30 boats sank. He said "
                 "12 sailors were missing, and it said 4 workers were hurt.",
                 [("missing", 12, None, {"parse": "Harbour Minister Jane Roe", "rules": "port authority"}),
                  ("injured", 4, None, "port authority")], id="he-and-it-find-the-speaker-they-fit"),
    pytest.param("Twelve people were killed in the flood. The governor confirmed the figure, saying 12 people were "
                 "killed.", [("dead", 12, None, "governor")], id="claimed-back-and-again-is-one-claim"),
    pytest.param("Police said 12 people were killed; they said 3 people were missing.",
                 [("dead", 12, None, "police"), ("missing", 3, None, "police")], id="they-in-the-same-sentence"),
    pytest.param("Between 2.3 and 2.5 lakh people marched in the capital, the union said.",
                 [("crowd size", 230000, None, "union")], id="decimal-lakh-range-rounds"),
    pytest.param("Nine fishermen remain missing after the storm off Port Amber.",
                 [("missing", 9, None, None)], id="fishermen-missing"),
]


@pytest.mark.parametrize("body, expected", SHAPES)
def test_sentence_shapes(body: str, expected: list[Expected], reading_path: str) -> None:
    check(claims_of(body), expected, reading_path)


def test_vague_figure_keeps_its_words() -> None:
    (c,) = claims_of("The rebels said dozens of soldiers were killed in the ambush.")
    assert c.vague is True
    assert c.quantity is None
    assert c.figure_text.lower() == "dozens"


def test_number_word_keeps_the_figure_as_written() -> None:
    claims = claims_of("The Free Hills Movement claimed that 84 soldiers were killed, while seven fighters were lost.")
    assert [c.figure_text for c in claims] == ["84", "seven"]


NUMBER_WORDS = [
    pytest.param("Seven soldiers were killed in the ambush near Millbrook.", 7, "Seven", id="word"),
    pytest.param("Twenty-one people were killed in the blast.", 21, "Twenty-one", id="hyphenated"),
    pytest.param("Twenty one people were killed in the blast.", 21, "Twenty one", id="tens-space-units"),
    pytest.param("The floods displaced 1.2 million people, the relief agency said.", 1_200_000, "1.2 million",
                 id="decimal-million"),
    pytest.param("Two dozen people were injured in the blast.", 24, "Two dozen", id="two-dozen"),
    pytest.param("A dozen people were injured in the blast.", 12, "A dozen", id="a-dozen"),
    pytest.param("Half a dozen soldiers were injured in the blast.", 6, "Half a dozen", id="half-a-dozen"),
    pytest.param("A hundred people were injured in the blast.", 100, "A hundred", id="a-hundred"),
    pytest.param("One hundred and twenty people were injured in the blast.", 120, "One hundred and twenty",
                 id="hundred-and-twenty"),
    pytest.param("One thousand two hundred people fled their homes.", 1200, "One thousand two hundred",
                 id="thousand-two-hundred"),
    pytest.param("Eleven hundred people fled their homes.", 1100, "Eleven hundred", id="eleven-hundred"),
    pytest.param("Half a million people were displaced by the floods.", 500_000, "Half a million",
                 id="half-a-million"),
    pytest.param("More than a quarter of a million people have been killed in the war.", 250_000,
                 "a quarter of a million", id="quarter-of-a-million"),
    pytest.param("The floods displaced 2 lakh people in Westmark.", 200_000, "2 lakh", id="lakh"),
    pytest.param("The war has killed 300000 people, the monitor said.", 300_000, "300000",
                 id="digits-without-separators"),
]


@pytest.mark.parametrize("body, quantity, written", NUMBER_WORDS)
def test_number_words(body: str, quantity: int, written: str) -> None:
    (c,) = claims_of(body)
    assert (c.quantity, c.figure_text) == (quantity, written)


Figure = tuple[str, int | None, int | None, int | None, str]  # category, quantity, upper, earlier, figure as written


def figures(claims: list[Claim]) -> list[Figure]:
    return [(c.category, c.quantity, c.upper, c.earlier, c.figure_text) for c in claims]


RANGES_AND_REVISIONS = [
    # --- ranges: one claim, the lower figure with the upper one, as written ---
    pytest.param("Between 13 and 46 people were killed in the attack on Millbrook, officials said.",
                 [("dead", 13, 46, None, "Between 13 and 46")], id="between-and"),
    pytest.param("The toll from the Millbrook attack ranged from 13 to 46, officials said.",
                 [("dead", 13, 46, None, "13 to 46")], id="ranged-from-to"),
    pytest.param("Officials said 13 to 46 people were killed in the attack.",
                 [("dead", 13, 46, None, "13 to 46")], id="to"),
    pytest.param("Officials said 13-46 people were killed in the attack.",
                 [("dead", 13, 46, None, "13-46")], id="hyphen"),
    pytest.param("Officials said 13–46 people were killed in the attack.",
                 [("dead", 13, 46, None, "13–46")], id="en-dash"),
    pytest.param("Thirteen or fourteen soldiers were wounded in the ambush.",
                 [("injured", 13, 14, None, "Thirteen or fourteen")], id="or-words"),
    pytest.param("The floods displaced between 1 and 2 million people in Westmark.",
                 [("displaced", 1_000_000, 2_000_000, None, "between 1 and 2 million")], id="scale-on-the-upper"),
    pytest.param("Two or three dozen people were injured in the stampede.",
                 [("injured", 24, 36, None, "Two or three dozen")], id="dozens-range"),
    pytest.param("The attack killed 12 people and wounded 3 to 5 others.",
                 [("dead", 12, None, None, "12"), ("injured", 3, 5, None, "3 to 5")], id="range-after-a-figure"),
    pytest.param("Fighting killed 13 soldiers and 46 militants near Millbrook.",
                 [("security personnel killed", 13, None, None, "13"), ("militants killed", 46, None, None, "46")],
                 id="and-without-between-is-a-list"),
    # --- revisions: the new figure, with the one it replaces ---
    pytest.param("The death toll rose from 12 to 27, officials said.",
                 [("dead", 27, None, 12, "27")], id="rose-from-to"),
    pytest.param("The death toll rose to 27 from 12, officials said.",
                 [("dead", 27, None, 12, "27")], id="rose-to-from"),
    pytest.param("The death toll climbed from 12 to 27 overnight.",
                 [("dead", 27, None, 12, "27")], id="climbed-from-to"),
    pytest.param("Twenty-seven people were killed, up from 12 reported on Monday.",
                 [("dead", 27, None, 12, "Twenty-seven")], id="up-from"),
    pytest.param("Officials revised the toll to 27 from an earlier 12.",
                 [("dead", 27, None, 12, "27")], id="revised-from-an-earlier"),
    pytest.param("The blast killed 27 people, the monitor said, updating a previous toll of 12.",
                 [("dead", 27, None, 12, "27")], id="updating-a-previous-toll"),
    pytest.param("A second blast in Eastport raised the toll to 27, police said.",
                 [("dead", 27, None, None, "27")], id="raising-the-toll"),
    pytest.param("The death toll rose by 15 to 27, police said.",
                 [("dead", 27, None, None, "27")], id="rose-by-a-step"),
    pytest.param("The toll, initially put at 12, rose to 27 on Tuesday.",
                 [("dead", 27, None, 12, "27")], id="initially-put-at"),
    pytest.param("The toll was initially put at 12.", [("dead", 12, None, None, "12")],
                 id="initially-put-at-with-nothing-after"),
    pytest.param("Fatalities climbed to 27 overnight from 12 on Saturday evening.",
                 [("dead", 27, None, 12, "27")], id="fatalities-climbed"),
    pytest.param("Officials said from 12 to 27 people were killed.",
                 [("dead", 12, 27, None, "12 to 27")], id="from-to-without-a-change-is-a-range"),
    pytest.param("The earlier death toll was 12.", [], id="an-earlier-toll-alone-is-not-a-claim"),
    pytest.param("Gunmen killed 27 people from 12 villages near Millbrook.",
                 [("dead", 27, None, None, "27")], id="from-without-a-change-is-not-a-revision"),
]


@pytest.mark.parametrize("body, expected", RANGES_AND_REVISIONS)
def test_ranges_and_revisions(body: str, expected: list[Figure]) -> None:
    claims = claims_of(body)
    assert figures(claims) == expected
    assert all(c.qualifier is None for c in claims)


Part = tuple[str, int | None, str | None]  # category, quantity, scope


BREAKDOWNS = [
    # --- the parts of a total: its category, kept apart by scope ---
    pytest.param("At least 61 people were killed, including 40 men, 12 women and 9 children.",
                 [("dead", 61, None), ("dead", 40, "men"), ("dead", 12, "women"), ("dead", 9, "children")],
                 id="including-men-women-children"),
    pytest.param("The shelling killed 44 civilians, including 11 women, nine children and one rescue worker.",
                 [("civilians killed", 44, None), ("civilians killed", 11, "women"),
                  ("civilians killed", 9, "children"), ("civilians killed", 1, "rescue worker")],
                 id="a-part-of-the-same-kind-is-a-part"),
    pytest.param("Air strikes killed 48 people in Millbrook, among them 10 children, the monitor said.",
                 [("dead", 48, None), ("dead", 10, "children")], id="among-them"),
    pytest.param("The monitor said 34 people were killed, 6 of them women.",
                 [("dead", 34, None), ("dead", 6, "women")], id="of-them"),
    pytest.param("At least 55 people were wounded, including nine women.",
                 [("injured", 55, None), ("injured", 9, "women")], id="injured-total"),
    pytest.param("Twelve people were killed, including 3 soldiers.",
                 [("dead", 12, None), ("security personnel killed", 3, None)], id="a-part-of-another-kind"),
    pytest.param("The blast killed 12 people, including 3 children, and 20 others were injured.",
                 [("dead", 12, None), ("dead", 3, "children"), ("injured", 20, None)],
                 id="the-passive-belongs-to-the-later-figure"),
    pytest.param("Twelve people were killed, including the mayor, while 5 soldiers were wounded.",
                 [("dead", 12, None), ("injured", 5, None)], id="while-ends-the-breakdown"),
    pytest.param("The monitor said at least 14 of the dead were rebels.",
                 [("militants killed", 14, None)], id="of-the-dead-were"),
    pytest.param("Gunmen killed 14 men at a wedding in Eastport.", [("dead", 14, None)],
                 id="men-alone-are-the-toll"),
    pytest.param("Nine children were among the dead in Eastport.", [("civilians killed", 9, "children")],
                 id="children-alone-are-a-subgroup"),
    # --- breakdowns that add up: one claim per kind ---
    pytest.param("18 civilians, 15 security personnel and 92 militants were killed.",
                 [("civilians killed", 18, None), ("security personnel killed", 15, None),
                  ("militants killed", 92, None)], id="three-kinds"),
    pytest.param("The raid on the depot killed 18 civilians and 15 soldiers.",
                 [("civilians killed", 18, None), ("security personnel killed", 15, None)], id="killing-two-kinds"),
    pytest.param("The dead included 5 police officers and 3 civilians.",
                 [("security personnel killed", 5, None), ("civilians killed", 3, None)], id="the-dead-included"),
    pytest.param("The attack killed 70 regime and rebel fighters in Millbrook.",
                 [("militants killed", 70, None)], id="two-adjectives-one-noun"),
]


@pytest.mark.parametrize("body, expected", BREAKDOWNS)
def test_breakdowns(body: str, expected: list[Part]) -> None:
    assert [(c.category, c.quantity, c.scope) for c in claims_of(body)] == expected


SCOPES = [
    pytest.param("Troops killed at least 145 militants over roughly 40 hours of operations, the governor said.",
                 "over roughly 40 hours", id="hours"),
    pytest.param("Security forces had killed at least 700 militants in the past year, the governor said.",
                 "in the past year", id="past-year"),
    pytest.param("At least 60 people have been killed since March in the valley, the monitor said.",
                 "since March in the valley", id="since-month"),
]


@pytest.mark.parametrize("body, scope", SCOPES)
def test_scope(body: str, scope: str) -> None:
    (c,) = claims_of(body)
    assert c.scope == scope
    assert c.category in ("militants killed", "dead")


def test_claim_date_from_its_own_sentence_and_stated_day() -> None:
    (c,) = claims_of("The minister said on Sunday that 20 soldiers were killed on Saturday.")
    assert c.date == "2026-01-31"
    assert c.stated_on == "2026-02-01"


def test_claim_without_a_day_is_stated_on_the_publication_day() -> None:
    (c,) = claims_of("At least 40 militants were killed in the clashes, police said.", date="2026-02-03")
    assert c.date is None
    assert c.stated_on == "2026-02-03"


def test_paragraph_pasted_twice_gives_one_claim() -> None:
    para = "At least 14 attackers were killed in the raid on the Millbrook depot, the governor said."
    check(claims_of(f"{para}\n\nResidents heard gunfire for hours.\n\n{para}\n"),
          [("militants killed", 14, "at least", "governor")])


def test_sentence_repeated_inside_a_paragraph_gives_one_claim() -> None:
    sentence = "At least 14 attackers were killed in the raid on the Millbrook depot, the governor said."
    check(claims_of(f"{sentence} {sentence}\n"), [("militants killed", 14, "at least", "governor")])


def test_reported_speech_carries_to_the_next_sentence_of_the_paragraph_only() -> None:
    body = ("The governor said the raids on Millbrook had been repelled. At least 14 attackers were killed. "
            "Another 6 were arrested.\n\n"
            "Eleven civilians died in a separate blast in Eastport.\n")
    check(claims_of(body), [("militants killed", 14, "at least", "governor"),
                            ("arrested", 6, None, "governor"),
                            ("civilians killed", 11, None, None)])


def test_group_leader_resolves_to_the_acronym_named_before() -> None:
    body = ("The Example Liberation Front (ELF) said it carried out the raids on Millbrook. In a statement, "
            "the group's leader claimed his fighters had killed 60 soldiers.\n")
    (c,) = claims_of(body)
    assert (c.category, c.quantity) == ("security personnel killed", 60)
    assert c.claimant == "ELF leader"


def test_full_group_name_resolves_to_its_acronym() -> None:
    body = ("The raids were claimed by the Example Liberation Front (ELF).\n\n"
            "The Example Liberation Front said 60 soldiers had been killed.\n")
    (c,) = claims_of(body)
    assert c.claimant == "ELF"


def test_title_resolves_to_the_full_name_given_earlier() -> None:
    body = ("Chief Minister Jane Roe flew to Millbrook on Sunday.\n\n"
            "According to the chief minister, 23 police officers lost their lives.\n")
    (c,) = claims_of(body)
    assert (c.category, c.quantity) == ("security personnel killed", 23)
    assert c.claimant == "Chief Minister Jane Roe"


def test_claim_location_points_at_the_paragraph_line() -> None:
    body = "Residents heard gunfire.\n\nAt least 40 militants were killed in the clashes, police said.\n"
    (c,) = claims_of(body)
    # front matter takes lines 1-4, a blank line 5: the second paragraph is on line 8
    assert c.location.path == "content/x.md"
    assert c.location.line == 8


def test_claim_ids_are_stable_and_distinct() -> None:
    body = "The military said 15 security personnel and 18 civilians were also killed."
    first, second = claims_of(body), claims_of(body)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 2


def test_split_sentences_keeps_abbreviations_and_offsets() -> None:
    body = "Gen. Ames spoke on Jan. 31 in Eastport. Police said 4 died.\n\nA new paragraph."
    sents = split_sentences(body)
    assert [s.text for s in sents] == ["Gen. Ames spoke on Jan. 31 in Eastport.", "Police said 4 died.",
                                       "A new paragraph."]
    assert [s.paragraph for s in sents] == [0, 0, 1]
    for s in sents:
        assert body[s.start:s.start + len(s.text)] == s.text


def test_editors_outcome_words_make_claims() -> None:
    """timeline.yml `outcomes: {killed: [slaughtered]}` adds a word to the outcome words of rules/outcomes.yml."""
    a = article("Police said 12 villagers were slaughtered on Saturday.")
    a.mentions = resolve_dates(a)
    assert extract_claims(a, a.mentions, Config()) == []
    extended = extract_claims(a, a.mentions, Config(outcome_words={"killed": ("slaughtered",)}))
    check(extended, [("civilians killed", 12, None, "police")])


def test_editors_outcome_words_win_over_the_built_in_words_at_one_place() -> None:
    a = article("The coastguard said 12 fishermen lost at sea.")  # "lost" alone: killed only with people after it
    assert extract_claims(a, [], Config()) == []
    check(extract_claims(a, [], Config(outcome_words={"missing": ("lost at sea",)})),
          [("missing", 12, None, "coastguard")])


def test_editors_categories_take_their_words() -> None:
    """timeline.yml `categories:` names people the built-in groups do not, for one outcome or any."""
    from generator.config import CategoryRule

    a = article("The union said 4 reporters were killed and 3 trawlers were missing.")
    a.mentions = resolve_dates(a)
    config = Config(categories=[CategoryRule("reporters killed", "killed", ["reporter"]),
                                CategoryRule("trawlers", "any", ["trawler"])])
    check(extract_claims(a, a.mentions, config),
          [("reporters killed", 4, None, "union"), ("trawlers", 3, None, "union")])


@pytest.mark.parametrize(("body", "claimant"), [
    ("KELBY (Wire) — The harbour master says 12 fishermen are missing.", "harbour master"),
    ("Port Amber, Leeward Isles: The island council says 40 people were injured.", "island council"),
    ("NEW HARBOUR - Police said 9 people were killed in the crash.", "police"),
])
def test_a_dateline_is_its_own_piece_never_the_speaker(body: str, claimant: str) -> None:
    first, second = split_sentences(body)[:2]
    assert body.startswith(first.text) and not second.text[0].isspace()
    (c,) = claims_of(body)
    assert c.claimant is not None and claimant in c.claimant.lower()
