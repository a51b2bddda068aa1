"""Write a deterministic synthetic corpus of news articles (Markdown with YAML front matter).

Usage: python benchmarks/make_corpus.py N OUTDIR [--seed S]

About N/4 invented incidents (attacks, floods, protests, earthquakes) in invented towns between 2024 and
2025 are each covered by 3-5 articles from different invented outlets, published 0-3 days later. Outlets
agree on the figures for some incidents and disagree for others. About 5% of the articles have no
`date:` key and a few percent carry a repeated paragraph and a trailing "Share this" line. All text is
assembled from the templates below; only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve")
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2025, 12, 27)  # so that every article is still published in 2025
UNDATED_SHARE = 0.05
DUPLICATE_SHARE = 0.03
GENERATED_MARK = "\nurl: https://example.org/"  # every file this script writes has it


@dataclass(frozen=True)
class Outlet:
    """A news outlet and its house style."""

    name: str
    day_first: bool  # writes "12 March 2025" rather than "March 12, 2025"
    wire: bool  # opens stories with a dateline: "VARNETH, March 14 (Meridian Wire) -"

    @property
    def slug(self) -> str:
        """The outlet name as a URL segment."""
        return slugify(self.name)


OUTLETS = (
    Outlet("Northgate Herald", True, False),
    Outlet("The Daily Lantern", False, False),
    Outlet("Coastline Post", False, False),
    Outlet("Meridian Wire", False, True),
    Outlet("Valley Courier", True, False),
    Outlet("Redfield Tribune", False, False),
    Outlet("The Evening Ledger", True, False),
    Outlet("Harbourside Times", True, False),
    Outlet("Continental Press Service", True, True),
    Outlet("Plainsview Gazette", False, False),
    Outlet("Summit Radio News", True, False),
    Outlet("Lakeshore Chronicle", False, False),
)

FIRST_NAMES = ("Amira", "Tomas", "Lena", "Dario", "Nadia", "Joren", "Ilse", "Samir", "Petra", "Yusuf",
               "Marta", "Kofi", "Elena", "Rafael", "Hana", "Oskar", "Leila", "Mateo", "Irina", "Bashir",
               "Sofia", "Anton", "Zara", "Felix", "Mira", "Idris", "Clara", "Ruben", "Noor", "Viktor")
LAST_NAMES = ("Varga", "Okafor", "Lindqvist", "Haddad", "Moreau", "Kovac", "Santos", "Brandt", "Nowak",
              "Rahimi", "Ferreira", "Castell", "Dumont", "Petrov", "Aydin", "Mensah", "Halloran", "Ilves",
              "Marek", "Sorensen", "Quayle", "Tamsin", "Orlov", "Beaumont", "Azzam", "Rowe")
TOWN_HEADS = ("Var", "Ost", "Bel", "Kor", "Mar", "Tal", "Dun", "Eld", "Fen", "Gal", "Hol", "Ist", "Jar",
              "Kel", "Lun", "Mor", "Nal", "Orv", "Pel", "Quin", "Ros", "Sal", "Tor", "Ulm", "Vel", "Wen",
              "Yar", "Zel", "Brin", "Cal", "Dres", "Grav")
TOWN_TAILS = ("neth", "aby", "marsk", "ova", "ek", "arth", "ivo", "ara", "ennin", "stad", "wick", "oria",
              "enza", "burg", "acre", "is", "holm", "ano", "ely", "dor")
TOWN_QUALIFIERS = ("New", "Upper", "Lower", "Port", "East", "West", "Old")
REGIONS = ("Keldar province", "the Oster valley", "Marn district", "the northern highlands",
           "Salvo county", "the Brevan coast", "the Tarrin region", "the eastern plains", "Dorva province",
           "the lake district")
RIVERS = ("Velna", "Oskar", "Brime", "Tessel", "Laume", "Ardo", "Kesh", "Mirrow")
GROUPS = ("the Black Ridge Front", "the Northern Liberation Army", "the Dawn Brigade",
          "the People's Resistance Council", "the Iron Valley Movement")
CAUSES = ("rising fuel prices", "a new land law", "the closure of the town's steel mill",
          "the disputed election result", "water shortages", "police conduct", "cuts to pensions",
          "a planned mining project")
ATTACK_TYPES = ("bombing", "car bomb attack", "shooting", "rocket attack", "suicide bombing")
TARGETS = ("a crowded market", "a police checkpoint", "the main bus station", "a wedding party",
           "an army base", "a government office", "a busy cafe")
JOBS = ("shopkeeper", "teacher", "taxi driver", "nurse", "farmer", "student", "retired engineer", "baker",
        "mechanic", "ferry worker", "pharmacist", "bus driver")

NOUNS = {"attack": "the attack", "flood": "the floods", "protest": "the protest",
         "earthquake": "the earthquake"}
# Figures whose templates are single sentences, so a time phrase can go before the full stop.
DATABLE_FIGURES = ("injured", "arrested", "displaced", "evacuated", "missing", "bodies")
MAIN_FIGURE = {"attack": "killed", "flood": "killed", "protest": "attended", "earthquake": "killed"}

CLAIMANTS = {
    "killed": ("police", "the health ministry", "the interior ministry", "a hospital official",
               "the regional governor", "local officials", "the civil defence agency", "the mayor of {town}"),
    "injured": ("the health ministry", "hospital officials", "the regional health department",
                "medics at the scene", "the director of {town} general hospital"),
    "arrested": ("police", "the interior ministry", "a police spokesperson"),
    "displaced": ("aid agencies", "the regional authorities", "the civil defence agency",
                  "a local relief committee"),
    "evacuated": ("the emergency services", "the regional governor", "the civil defence agency"),
    "missing": ("the civil defence agency", "officials", "rescue teams"),
    "bodies": ("the civil defence agency", "local officials", "the fire brigade"),
    "attended": ("organisers", "the organisers", "local journalists"),
}

FIGURE_TEMPLATES = {
    "killed": ("{C} said {f} people were killed.", "According to {c}, {f} people were killed in {noun}.",
               "{F} people were killed, {c} said.", "{C} put the death toll at {fa}.",
               "The death toll stood at {fa}, according to {c}.", "{C} said {f} people had died."),
    "injured": ("According to {c}, {f} people were injured.", "{C} said {f} people were wounded.",
                "{Fv} people were injured, {c} said.",
                "{C} said {f} people were being treated in hospital, several of them in a serious condition.",
                "{C} put the number of injured at {fa}."),
    "arrested": ("{Fv} people were arrested, {c} said.", "{C} said officers had detained {f} people.",
                 "{C} said {f} suspects had been arrested in connection with {noun}."),
    "displaced": ("{Fv} families were displaced, according to {c}.",
                  "{C} said {fv} people had been forced from their homes.",
                  "{Fv} people were displaced by {noun}, {c} said."),
    "evacuated": ("{C} said {f} residents had been evacuated.",
                  "{Fv} people were evacuated from low-lying areas, according to {c}."),
    "missing": ("{F} people were still missing, {c} said.", "{C} said {f} people remained unaccounted for."),
    "bodies": ("Rescuers recovered {f} bodies from {place}.", "{C} said rescuers had recovered {f} bodies.",
               "Rescue teams pulled {f} bodies from {place}, {c} said."),
    "claimed": ("{Group} claimed responsibility for {noun}. The group claimed it killed {f} soldiers.",
                "In a statement posted online, {group} claimed it killed {f} soldiers. The army said {f2} "
                "soldiers had died.",
                "{Group} said its fighters had killed {f} members of the security forces, a figure the army "
                "disputed."),
    "attended": ("{Fv} people attended the march, {c} said.", "{C} said {f} people attended the march.",
                 "{C} estimated the crowd at {fa}.",
                 "Organisers said {f} people took part, while police put the number at {f2a}."),
}
CONTRADICTION = ("{C}, however, said {f} people had been killed.", "{C} gave a different toll of {fa}.",
                 "Other accounts differed: {c} said {f} people had died.")
BODY_PLACES = {"flood": ("the water", "the mud", "collapsed homes along the river"),
               "earthquake": ("the rubble", "collapsed buildings", "the ruins of a school")}

LEDES = {
    "attack": (
        "A {attack_type} at {target} in {town} killed {f} people {when}, {c} said.",
        "{F} people were killed {when} when a {attack_type} tore through {target} in {town}, in {region}, "
        "according to {c}.",
        "Attackers struck {target} in {town} {when}, killing {f} people, {c} said.",
    ),
    "flood": (
        "Floodwaters swept through {town} {when} after the {river} river burst its banks, killing {f} "
        "people, {c} said.",
        "{F} people died {when} when flash floods tore through {town} in {region}, according to {c}.",
        "Torrential rain caused the {river} to overflow {when}, submerging large parts of {town} and killing "
        "{f} people, {c} said.",
    ),
    "protest": (
        "{Fv} people marched through the centre of {town} {when} to protest against {cause}, {c} said.",
        "Demonstrators took to the streets of {town} {when} over {cause}, with {c} estimating the crowd at "
        "{fa}.",
        "{F} people rallied in {town} {when} against {cause}, according to {c}.",
    ),
    "earthquake": (
        "A magnitude {mag} earthquake struck near {town} {when}, killing {f} people and flattening dozens of "
        "buildings, {c} said.",
        "{F} people were killed {when} when a powerful earthquake shook {region}, according to {c}.",
        "A strong earthquake hit {region} {when}, killing {f} people in and around {town}, {c} said.",
    ),
}
LEDE_FOLLOW = {
    "attack": ("It was the deadliest attack in {region} this year.",
               "Ambulances ferried the wounded to hospitals across the area for several hours.",
               "Security forces sealed off the surrounding streets."),
    "flood": ("Emergency crews worked through the night to reach stranded residents.",
              "Entire streets near the river were under water by the following morning.",
              "Several bridges on the main road into {town} were washed away."),
    "protest": ("The march was largely peaceful until police used tear gas near the town hall.",
                "Protesters carried banners and chanted slogans against the government.",
                "Shops along the route stayed closed for the day."),
    "earthquake": ("The tremor was felt as far away as the regional capital.",
                   "Residents spent the night outdoors, fearing aftershocks.",
                   "Power and water supplies were cut across much of {town}."),
}
TITLES = {
    "attack": ("{N} killed in {attack_type} in {town}", "{Attack_type} in {town} leaves {N} dead",
               "Attackers strike {target} in {town}", "Death toll rises after {attack_type} in {town}"),
    "flood": ("Floods kill {N} in {town}", "{river} bursts its banks, flooding {town}",
              "Thousands evacuated as floods hit {region}",
              "Rescuers search for missing after {town} floods"),
    "protest": ("Thousands march in {town} over {cause}", "Protest over {cause} fills the streets of {town}",
                "Police and protesters clash in {town}", "{town} rally against {cause} draws large crowd"),
    "earthquake": ("Magnitude {mag} earthquake strikes near {town}", "Earthquake kills {N} in {region}",
                   "Rescuers dig through rubble after {town} quake", "{N} dead as earthquake hits {town}"),
}
SCENES = {
    "attack": ("Images shared on social media showed burnt-out cars and debris scattered across the road.",
               "The blast shattered windows in buildings several streets away.",
               "Witnesses described a loud explosion followed by bursts of gunfire.",
               "Shoes and torn clothing were still lying on the pavement hours later.",
               "Soldiers in armoured vehicles patrolled the empty streets by nightfall.",
               "Relatives gathered outside the main hospital, searching lists of the wounded for names."),
    "flood": ("Cars were swept along streets that had turned into fast-flowing rivers.",
              "Aerial footage showed farmland across the valley under brown water.",
              "Residents waded through waist-deep water carrying children and belongings.",
              "The water reached the first floor of many homes in the lower town.",
              "Landslides blocked several roads into the surrounding villages.",
              "Schools were closed and the local hospital moved patients to its upper floors."),
    "protest": ("Riot police lined the square in front of the town hall.",
                "Protesters blocked the main road into {town} for several hours.",
                "Some demonstrators threw stones and bottles, and police responded with water cannon.",
                "Many shops pulled down their shutters as the crowd approached.",
                'Banners read "Enough" and "We will not pay".',
                "The crowd dispersed in the early evening."),
    "earthquake": ("Whole rows of houses collapsed in the old quarter of {town}.",
                   "Cracks opened in the main road leading to the regional capital.",
                   "Residents used blankets and plastic sheeting to build shelters in parks.",
                   "The old clock tower in the main square collapsed into the street.",
                   "Rescue workers used sniffer dogs to search for survivors.",
                   "Mobile networks were overwhelmed as people tried to reach relatives."),
}
QUOTES = {
    "attack": ("We heard two explosions and then everyone started running",
               "There was glass everywhere and people were screaming for help",
               "I was opening my shop when it happened",
               "My brother was there and we still cannot reach him",
               "The police arrived almost half an hour later",
               "Nobody here feels safe any more"),
    "flood": ("The water came up so fast we only had time to grab the children",
              "We have lost everything, the house, the animals, the harvest",
              "I have lived here forty years and never seen the river like this",
              "We spent the night on the roof waiting for a boat",
              "The warnings came too late for the people on the lower streets",
              "There is mud up to the windows in every house on our road"),
    "protest": ("We are not going to stop until they listen to us",
                "My wages have not changed in three years but everything costs twice as much",
                "It was peaceful until the police moved in with tear gas",
                "I came with my whole family because this affects all of us",
                "They arrested my neighbour for holding a banner",
                "This is the biggest crowd I have ever seen in this town"),
    "earthquake": ("The whole building swayed and then the ceiling came down",
                   "We ran into the street in our night clothes",
                   "We are digging with our hands because the machines have not arrived",
                   "I could hear people calling from under the rubble",
                   "Every wall in the house is cracked and we are afraid to go back inside",
                   "The shaking lasted maybe thirty seconds but it felt like forever"),
}
QUOTE_FRAMES = ('"{q}," said {name}, a {age}-year-old {job}.',
                '"{q}," {name}, a {job} from {town}, told {outlet}.',
                '{name}, a {job}, said: "{q}."', '"{q}," said {name}, who lives near the town centre.')
RESPONSES = {
    "attack": ("Interior Minister {minister} condemned the attack and promised that those responsible "
               "would be brought to justice.",
               "Security forces began a search of nearby neighbourhoods.",
               "The government declared three days of national mourning.",
               "Foreign embassies in the capital issued statements of condolence.",
               "Checkpoints were set up on every road leading out of {town}.",
               "The president cut short a foreign visit to return to the capital.",
               "The United Nations called for restraint and an independent investigation."),
    "flood": ("The regional government declared a state of emergency and asked the army to help with the "
              "evacuation.",
              "Aid agencies set up temporary shelters in schools and sports halls.",
              "Forecasters warned that more rain was expected over the coming days.",
              "Governor {governor} said the authorities had done everything possible to warn residents.",
              "Boats from neighbouring towns joined the search for survivors.",
              "Farmers' associations said thousands of hectares of crops had been destroyed.",
              "Critics said dredging of the river had been neglected for years."),
    "protest": ("The interior ministry said the protest had not been authorised.",
                "Government spokesperson {minister} said the authorities were open to dialogue but would not "
                "tolerate violence.",
                "Organisers called for another march the following week.",
                "Opposition politicians accused the police of using excessive force.",
                "Several trade unions announced that they would join future demonstrations.",
                "The prime minister said the government would not change course.",
                "Human rights groups called for the release of those detained."),
    "earthquake": ("The national seismological institute said the quake struck at a depth of {depth} "
                   "kilometres.",
                   "Several aftershocks were felt in the hours that followed.",
                   "The government sent army units and field hospitals to the area.",
                   "Governor {governor} appealed for blood donations.",
                   "Engineers began inspecting schools and hospitals for structural damage.",
                   "Neighbouring countries offered to send search-and-rescue teams.",
                   "The education ministry closed all schools in the province for a week."),
}
BEFORE = {
    "attack": ("A day before the attack, residents had reported seeing armed men near {target}.",
               "Police had raised the alert level in {town} the day before.",
               "Late on {eve}, the army said it had intercepted a vehicle packed with explosives nearby.",
               "The attack came a day after {group} threatened to strike government targets."),
    "flood": ("Heavy rain had fallen on {region} for two days before the river burst its banks.",
              "A day before the flooding, forecasters had issued a red warning for the area.",
              "Late on {eve}, residents of the lower town were told to move to higher ground.",
              "The river had already risen by more than a metre a day earlier."),
    "protest": ("A day before the march, the government had banned public gatherings in {town}.",
                "Late on {eve}, police detained two of the organisers, according to their lawyers.",
                "Talks between unions and the government had collapsed the day before.",
                "The protest came a day after parliament approved the measure."),
    "earthquake": ("A smaller tremor had shaken the area a day before, residents said.",
                   "Late on {eve}, seismologists recorded a series of minor shocks near {town}.",
                   "The day before, schools in the district had held a routine earthquake drill.",
                   "Residents said animals had behaved strangely a day earlier."),
}
BACKGROUND = {
    "attack": ("{Group} first emerged in {year2} and has carried out several attacks in {region} since.",
               "The town was the scene of a similar attack in {year}, when {oldn} people died.",
               "On {prior}, a roadside bomb killed two police officers on the road to {town}.",
               "{town} has been under a state of emergency since {prior}."),
    "flood": ("The {river} last burst its banks in {year}, when {oldn} people died.",
              "A flood barrier promised after the floods of {year} was never completed.",
              "On {prior}, the regional assembly rejected a plan to strengthen the river defences.",
              "Much of {town} was rebuilt after a flood in {year}."),
    "protest": ("It was the largest demonstration in {town} since {year}.",
                "Protests over similar grievances in {year} ended after weeks of unrest.",
                "The measure was announced by the government on {prior}.",
                "Unions have held smaller rallies every month since {prior}."),
    "earthquake": ("The region's deadliest earthquake in recent memory struck in {year}, killing {oldn} "
                   "people.",
                   "Building codes were tightened after a quake in {year}, but many older houses were never "
                   "reinforced.",
                   "On {prior}, a magnitude 4.1 tremor caused minor damage in nearby villages.",
                   "{town} lies on a fault line that last ruptured in {year}."),
}
ANALYSIS = {
    "attack": ("Analysts said the choice of target suggested the attackers wanted to cause as many civilian "
               "casualties as possible.",
               "Security in {region} has deteriorated over the past year, with armed groups exploiting "
               "disputes between local communities.",
               "The government has repeatedly said that {group} is close to defeat, but attacks in the area "
               "have become more frequent.",
               "Diplomats said the attack was likely to complicate talks on a ceasefire that had been "
               "expected to resume within weeks.",
               "Residents have long complained that the security forces are stretched too thin to protect "
               "smaller towns.",
               "Transport companies suspended services to the area while the investigation continued."),
    "flood": ("Scientists say that heavier and more frequent downpours in the region are consistent with a "
              "warming climate.",
              "Engineers said decades of building on the river's natural floodplain had left many "
              "neighbourhoods exposed.",
              "The regional authorities estimated that repairing roads, bridges and water pipes would take "
              "months.",
              "Farmers said the floods came just weeks before the harvest, wiping out a year's income "
              "for many families.",
              "Health workers warned of the risk of waterborne diseases as sewage mixed with floodwater "
              "in the streets.",
              "Opposition politicians said a long-promised early warning system had never been installed."),
    "protest": ("The dispute has become a test of the government's ability to push through unpopular "
                "economic measures.",
                "Analysts said the size of the crowd had surprised both the organisers and the authorities.",
                "Similar protests have taken place in several other towns in {region} in recent weeks.",
                "Economists say the measure would fall hardest on low-income households in provincial towns.",
                "The government argues that the changes are needed to meet the conditions of an "
                "international loan.",
                "Student groups and pensioners' associations marched alongside trade unions for the first "
                "time."),
    "earthquake": ("The region sits where two tectonic plates meet, and moderate earthquakes are common.",
                   "Many of the buildings that collapsed were built of unreinforced brick before modern "
                   "codes came into force.",
                   "Seismologists warned that strong aftershocks could continue for several weeks.",
                   "Aid groups said the cold nights were a growing danger for families sleeping outdoors.",
                   "Damage to the main road slowed the arrival of heavy lifting equipment from the regional "
                   "capital.",
                   "The government said it would offer compensation to families whose homes had been "
                   "destroyed."),
}
COMMON_BACKGROUND = ("{town}, founded in {founded}, is home to about {pop} people.",
                     "The town is a regional market centre about {km} kilometres from the capital.")
FOLLOW_UP = {
    "attack": ("Funerals for several of the victims were held the following day.",
               "On {next_day}, police said they had identified the vehicle used by the attackers.",
               "Two days later, shops near {target} reopened under heavy guard."),
    "flood": ("On {next_day}, the water began to recede, revealing the scale of the damage.",
              "Funerals for several of the victims were held the following day.",
              "Two days later, the main road into {town} reopened to traffic."),
    "protest": ("On {next_day}, a court ordered the release of several of those detained.",
                "Smaller gatherings continued the following day.",
                "Two days later, the government invited union leaders to talks."),
    "earthquake": ("On {next_day}, officials said clearing the debris could take weeks.",
                   "Funerals for several of the victims were held the following day.",
                   "Two days later, the main road into {town} reopened to traffic."),
}
OUTLOOK = ("A public hearing on the response is planned for {future}.",
           "Officials said they would give an update on {soon}.",
           "An independent inquiry is due to report by {future}.",
           "The regional assembly will hold an emergency session on {soon}.")
FILLER = ("{outlet} could not independently verify the figures.",
          "Electricity and mobile phone networks were down across much of {town}.",
          "Journalists' access to the area has been restricted.",
          "Roads into {town} remained partly closed.",
          "Residents said they had received little information from the authorities.",
          "The figures are expected to change as more information becomes available.",
          "A spokesperson for the regional government did not respond to a request for comment.",
          "This article has been updated with new figures.",
          "Local radio stations broadcast lists of shelters and emergency telephone numbers.")


@dataclass
class Incident:
    """One invented event that several outlets report on."""

    kind: str
    town: str
    region: str
    day: date
    hour: int
    figures: dict[str, int]
    contested: bool
    details: dict[str, str]


def slugify(text: str) -> str:
    """Lower-case text with runs of other characters turned into single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cap(text: str) -> str:
    """Upper-case the first character only."""
    return text[:1].upper() + text[1:]


def person(rng: random.Random) -> str:
    """An invented full name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def format_day(day: date, day_first: bool, with_year: bool) -> str:
    """A calendar date in the outlet's style: "12 March 2025" or "March 12, 2025" (year optional)."""
    month = MONTHS[day.month - 1]
    if day_first:
        return f"{day.day} {month}" + (f" {day.year}" if with_year else "")
    return f"{month} {day.day}" + (f", {day.year}" if with_year else "")


def count_text(rng: random.Random, n: int, hedged: bool = True) -> str:
    """A count as news copy writes it: "at least 12", "seven", "more than 3,000"."""
    qualifiers = ["", ""] + (["at least "] if hedged else [])
    if n >= 20:
        qualifiers += ["more than ", "about ", "nearly ", "some "]
    qualifier = rng.choice(qualifiers)
    shown = n
    if qualifier.strip() in ("more than", "about", "nearly", "some"):
        unit = 10 if n < 1000 else 100 if n < 10000 else 1000
        shown = (n // unit + (1 if qualifier == "nearly " else 0)) * unit
        if qualifier == "about " or qualifier == "some ":
            shown = round(n / unit) * unit
        if shown <= 0 or (qualifier == "more than " and shown >= n) or (
                qualifier == "nearly " and shown <= n):
            qualifier, shown = "", n
    if shown < len(NUMBER_WORDS) and rng.random() < 0.75:
        number = NUMBER_WORDS[shown]
    else:
        number = f"{shown:,}"
    return qualifier + number


def vague_text(rng: random.Random, n: int) -> str:
    """Sometimes a vague form ("dozens of", "hundreds of"), otherwise an exact or hedged count."""
    if n >= 24 and rng.random() < 0.25:
        return "dozens of" if n < 200 else "hundreds of" if n < 2000 else "thousands of"
    return count_text(rng, n)


def when_phrase(rng: random.Random, inc: Incident, published: date, day_first: bool) -> str:
    """How an article published on `published` refers to the day of the incident."""
    delay = (published - inc.day).days
    weekday = WEEKDAYS[inc.day.weekday()]
    hour = inc.hour
    part = "morning" if hour < 12 else "afternoon" if hour < 18 else "evening" if hour < 22 else "night"
    options = [f"on {format_day(inc.day, day_first, rng.random() < 0.4)}", f"on {weekday}"]
    if delay == 0:
        options += ["earlier today", f"this {part}"]
    elif delay == 1:
        options += ["yesterday", "last night" if part == "night" else f"yesterday {part}",
                    f"on {weekday} {part}"]
    else:
        options += [f"on {weekday} {part}", f"on {weekday}, {format_day(inc.day, day_first, False)}"]
    if delay >= 1 and part in ("evening", "night"):
        options += [f"late on {weekday}"] + (["late yesterday"] if delay == 1 else [])
    return rng.choice(options)


def roundish(n: int) -> int:
    """`n` rounded to two significant digits, as estimates of crowds and displaced people are."""
    unit = int(10 ** max(0, len(str(n)) - 2))
    return max(unit, round(n / unit) * unit)


def make_figures(rng: random.Random, kind: str) -> dict[str, int]:
    """The true casualty and crowd figures for a new incident."""
    if kind == "attack":
        killed = rng.randint(3, 60)
        soldiers = rng.randint(3, 30)
        return {"killed": killed, "injured": killed * rng.randint(2, 4), "arrested": rng.randint(1, 15),
                "claimed": soldiers * rng.randint(2, 3), "army": soldiers}
    if kind == "flood":
        killed = rng.randint(2, 45)
        return {"killed": killed, "bodies": rng.randint(1, killed), "missing": rng.randint(2, 30),
                "displaced": roundish(rng.randint(40, 6000)), "evacuated": roundish(rng.randint(500, 20000))}
    if kind == "protest":
        crowd = roundish(rng.choice((rng.randint(1500, 8000), rng.randint(8000, 60000))))
        return {"attended": crowd, "police": roundish(max(200, crowd // rng.randint(3, 6))),
                "arrested": rng.randint(5, 200), "injured": rng.randint(3, 80)}
    killed = rng.randint(5, 400)
    return {"killed": killed, "injured": killed * rng.randint(2, 5), "bodies": rng.randint(1, killed),
            "displaced": roundish(rng.randint(1000, 30000))}


def make_incident(rng: random.Random, town: str) -> Incident:
    """A new invented incident in `town` on a random day of 2024-2025."""
    kind = rng.choice(("attack", "flood", "protest", "earthquake"))
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    details = {"attack_type": rng.choice(ATTACK_TYPES), "target": rng.choice(TARGETS),
               "group": rng.choice(GROUPS), "river": rng.choice(RIVERS), "cause": rng.choice(CAUSES),
               "mag": f"{rng.uniform(4.8, 7.6):.1f}",
               "depth": str(rng.randint(5, 40)), "minister": person(rng), "governor": person(rng),
               "year": str(rng.randint(1950, 1999)), "year2": str(rng.randint(2000, 2018)),
               "oldn": str(rng.randint(3, 300)),
               "founded": str(rng.randint(1150, 1890)), "pop": f"{rng.randint(4, 400) * 1000:,}",
               "km": str(rng.randint(20, 400))}
    return Incident(kind, town, rng.choice(REGIONS), day, rng.randint(6, 23), make_figures(rng, kind),
                    rng.random() < 0.45, details)


def reported_figures(rng: random.Random, inc: Incident, must_differ: bool) -> dict[str, int]:
    """The figures one outlet reports: the true ones, or for contested incidents sometimes others."""
    out = dict(inc.figures)
    if inc.contested:
        for key, n in inc.figures.items():
            if (must_differ and key == MAIN_FIGURE[inc.kind]) or rng.random() < 0.4:
                changed = max(1, round(n * rng.choice((0.6, 0.8, 1.25, 1.5))))
                out[key] = changed if changed != n else n + 2
    if "bodies" in out:
        out["bodies"] = min(out["bodies"], out["killed"])
    return out


def figure_sentence(rng: random.Random, category: str, figures: dict[str, int], ctx: dict[str, str]) -> str:
    """One sentence stating a figure together with who states it."""
    n = figures[category]
    claimant = rng.choice(CLAIMANTS.get(category, ("officials",))).format(**ctx)
    template = rng.choice(FIGURE_TEMPLATES[category])
    vague = vague_text(rng, n)
    second = figures.get("police" if category == "attended" else "army", 0)
    return template.format(C=cap(claimant), c=claimant, f=count_text(rng, n), F=cap(count_text(rng, n)),
                           fa=count_text(rng, n, hedged=False), fv=vague, Fv=cap(vague),
                           f2=count_text(rng, second), f2a=count_text(rng, second, hedged=False),
                           place=rng.choice(BODY_PLACES.get(ctx["kind"], ("the scene",))), **ctx)


def with_when(sentence: str, when: str) -> str:
    """Put a time phrase before the sentence's final full stop."""
    return f"{sentence[:-1]} {when}."


def figures_paragraph(rng: random.Random, inc: Incident, figures: dict[str, int], ctx: dict[str, str],
                      published: date, day_first: bool) -> str:
    """Two to four sentences with figures other than the lede's, one of them sometimes dated."""
    main = MAIN_FIGURE[inc.kind]
    others = [k for k in FIGURE_TEMPLATES if k in figures and k != main]
    if inc.kind == "protest":
        others.append("attended")
    keys = rng.sample(others, rng.randint(2, len(others)))
    sentences = [figure_sentence(rng, k, figures, ctx) for k in keys]
    datable = [i for i, k in enumerate(keys) if k in DATABLE_FIGURES]
    if datable and rng.random() < 0.35:
        sentences[datable[0]] = with_when(sentences[datable[0]], when_phrase(rng, inc, published, day_first))
    if inc.contested and main == "killed" and rng.random() < 0.5:
        other = reported_figures(rng, inc, must_differ=True)[main]
        claimant = rng.choice(CLAIMANTS["killed"]).format(**ctx)
        sentences.append(rng.choice(CONTRADICTION).format(
            C=cap(claimant), c=claimant, f=count_text(rng, other), fa=count_text(rng, other, hedged=False)))
    return " ".join(sentences)


def pick(rng: random.Random, pool: tuple[str, ...], ctx: dict[str, str], low: int = 3, high: int = 4) -> str:
    """A paragraph of `low` to `high` distinct sentences drawn from `pool`."""
    return " ".join(s.format(**ctx) for s in rng.sample(pool, min(len(pool), rng.randint(low, high))))


def quotes_paragraph(rng: random.Random, voices: list[tuple[str, str]], ctx: dict[str, str]) -> str:
    """The given (quote, frame) pairs, each quote put in the mouth of a different invented person."""
    return " ".join(frame.format(q=quote, name=person(rng), age=rng.randint(19, 78), job=rng.choice(JOBS),
                                 **ctx) for quote, frame in voices)


def write_article(rng: random.Random, inc: Incident, outlet: Outlet, delay: int, must_differ: bool,
                  dated: bool, duplicate: bool) -> tuple[str, str]:
    """Return the slug and the Markdown text of one outlet's article about `inc`."""
    published = inc.day + timedelta(days=delay)
    pub_hour = rng.randint(inc.hour + 2, min(23, inc.hour + 7)) if delay == 0 else rng.randint(5, 23)
    figures = reported_figures(rng, inc, must_differ)
    main = MAIN_FIGURE[inc.kind]
    d = inc.details
    ctx = dict(d, kind=inc.kind, town=inc.town, region=inc.region, noun=NOUNS[inc.kind],
               outlet=outlet.name, Group=cap(d["group"]),
               eve=WEEKDAYS[(inc.day - timedelta(days=1)).weekday()],
               prior=format_day(inc.day - timedelta(days=rng.randint(5, 90)), outlet.day_first,
                                rng.random() < 0.6),
               future=format_day(published + timedelta(days=rng.randint(3, 20)), outlet.day_first,
                                 rng.random() < 0.3),
               soon=WEEKDAYS[(published + timedelta(days=rng.randint(1, 5))).weekday()],
               next_day=WEEKDAYS[(inc.day + timedelta(days=1)).weekday()])
    claimant = rng.choice(CLAIMANTS[main]).format(**ctx)
    lede_count = count_text(rng, figures[main])
    lede_vague = vague_text(rng, figures[main])
    lede = rng.choice(LEDES[inc.kind]).format(
        when=when_phrase(rng, inc, published, outlet.day_first), c=claimant, f=lede_count, F=cap(lede_count),
        fa=count_text(rng, figures[main], hedged=False), Fv=cap(lede_vague), **ctx)
    if outlet.wire:
        dateline = format_day(published, outlet.day_first, False)
        lede = f"{inc.town.upper()}, {dateline} ({outlet.name}) - {lede}"
    lede += " " + rng.choice(LEDE_FOLLOW[inc.kind]).format(**ctx)

    voices = list(zip(rng.sample(QUOTES[inc.kind], 4), rng.sample(QUOTE_FRAMES, 4), strict=True))
    fillers = [s.format(**ctx) for s in rng.sample(FILLER, 4)]
    optional = [
        pick(rng, SCENES[inc.kind], ctx),
        quotes_paragraph(rng, voices[: rng.randint(1, 2)], ctx),
        pick(rng, RESPONSES[inc.kind], ctx),
        pick(rng, BEFORE[inc.kind], ctx, 2, 2) + " " + fillers[0],
        quotes_paragraph(rng, voices[2 : rng.randint(3, 4)], ctx),
        pick(rng, BACKGROUND[inc.kind], ctx, 2, 2) + " " + pick(rng, COMMON_BACKGROUND, ctx, 1, 1),
        pick(rng, ANALYSIS[inc.kind], ctx),
        " ".join(fillers[1:]),
        pick(rng, OUTLOOK, ctx, 2, 2),
    ]
    if delay >= 2:
        optional.append(pick(rng, FOLLOW_UP[inc.kind], ctx, 1, 2))
    chosen = sorted(rng.sample(range(len(optional)), min(len(optional), rng.randint(3, 8))))
    paragraphs = [lede, figures_paragraph(rng, inc, figures, ctx, published, outlet.day_first)]
    paragraphs += [optional[i] for i in chosen]
    if duplicate:
        i = rng.randrange(1, len(paragraphs))
        paragraphs.insert(i, paragraphs[i])
        paragraphs.append("Share this")

    title = rng.choice(TITLES[inc.kind]).format(N=f"{figures.get('killed', 0):,}",
                                                 Attack_type=cap(d["attack_type"]), **ctx)
    slug = f"{slugify(inc.town)}-{inc.kind}-{outlet.slug}"
    lines = ["---", f"title: {json.dumps(title)}"]
    if dated:
        lines.append(f"date: {published.isoformat()}T{pub_hour:02d}:{rng.randrange(60):02d}:00")
    lines += [f"source: {outlet.name}",
              f"url: https://example.org/{outlet.slug}/{published.year}/{published.month:02d}/{slugify(title)}",
              f"author: {person(rng) if rng.random() < 0.9 else 'Staff reporter'}", "---", ""]
    return slug, "\n".join(lines) + "\n\n".join(paragraphs) + "\n"


def town_names(rng: random.Random, count: int) -> list[str]:
    """`count` invented town names, unique while the syllable pool lasts."""
    names = [head + tail for head in TOWN_HEADS for tail in TOWN_TAILS]
    rng.shuffle(names)
    pool = names + [f"{q} {name}" for q in TOWN_QUALIFIERS for name in names]
    return [pool[i % len(pool)] for i in range(count)]


# The page-name file a build of the corpus keeps in its content folder (generator.inputs.files.REDIRECT_FILES):
# the build wrote it, not an editor, so it goes with the articles.
BUILD_FILES = ("redirects.yml", "redirects.yaml")


def is_generated(path: Path) -> bool:
    """Whether `path` is an article file an earlier run of this script wrote, or a build of those articles."""
    if path.is_file() and path.name in BUILD_FILES:
        return True
    return path.is_file() and path.suffix == ".md" and GENERATED_MARK in path.read_text("utf-8", "replace")


def prepare_outdir(outdir: Path) -> None:
    """Create `outdir`, or empty it of articles an earlier run wrote; refuse if it holds anything else."""
    if not outdir.exists():
        outdir.mkdir(parents=True)
        return
    if not outdir.is_dir():
        raise ValueError(f"{outdir} exists and is not a directory")
    entries = sorted(outdir.iterdir())
    foreign = [p for p in entries if not is_generated(p)]
    if foreign:
        raise ValueError(f"{outdir} holds files this script did not write (e.g. {foreign[0].name}); "
                         "use an empty or new directory")
    for path in entries:
        path.unlink()


def write_corpus(n: int, outdir: Path, seed: int = 0) -> list[Path]:
    """Write `n` articles into `outdir` and return their paths; the same seed gives the same files."""
    if n < 1:
        raise ValueError("N must be at least 1")
    prepare_outdir(outdir)
    rng = random.Random(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rng.choice((3, 4, 4, 4, 5)))
    sizes[-1] -= sum(sizes) - n
    undated = set(rng.sample(range(n), round(n * UNDATED_SHARE)))
    duplicated = set(rng.sample(range(n), round(n * DUPLICATE_SHARE)))
    written: list[Path] = []
    for town, size in zip(town_names(rng, len(sizes)), sizes, strict=True):
        inc = make_incident(rng, town)
        earliest = 0 if inc.hour <= 15 else 1
        for position, outlet in enumerate(rng.sample(OUTLETS, size)):
            index = len(written)
            slug, text = write_article(rng, inc, outlet, rng.randint(earliest, 3), position == 1,
                                       index not in undated, index in duplicated)
            path = outdir / f"{slug}.md"
            if path.exists():
                path = outdir / f"{slug}-{index}.md"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, metavar="N", help="number of articles")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="directory to write into (new or empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        paths = write_corpus(args.n, args.outdir, args.seed)
    except ValueError as exc:
        print(f"make_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} articles to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
