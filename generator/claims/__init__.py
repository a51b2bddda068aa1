"""Claims stage: figures about people (killed, injured, freed, ...), who states them, and the sentence.

Rule-based on purpose: every decision can be traced to a word in the sentence, and editors can
correct it in front matter. The rules read the sentence around each figure: the people it counts
(the noun after it), what happened to them (the nearest outcome word in the same clause), the
qualifier before it, and the attribution ("X said", "according to X") in the sentence or, for
reported speech, in the sentence before it in the same paragraph.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.claims.claimants import claimant_key
from generator.config import Config
from generator.dates import line_of, paragraph_starts
from generator.models import Article, Claim, DateMention, Location

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "lakh": 100_000,
          "crore": 10_000_000, "dozen": 12}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # longest first: "seventeen" before "seven"


# Number words as a grammar, so "one hundred and twenty" is one figure (120), not "one hundred" and "twenty".
_SMALL = rf"(?:(?:{_alt(TENS)})(?:[-\s](?:{_alt(k for k, v in UNITS.items() if v < 10)}))?|{_alt(UNITS)})"
_HUNDREDS = rf"(?:(?:a|{_SMALL})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_WORDS = (rf"(?:(?:half\s+a|a\s+quarter\s+of\s+a|a|{_HUNDREDS}|{_SMALL})\s+(?:thousand|million|billion|lakh|crore)"
          rf"(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL})(?:\s+thousand(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL}))?)?)?"
          rf"|(?:half\s+a|a|{_SMALL})\s+dozen|{_HUNDREDS}|{_SMALL})")
_FIGURE_BODY = (
    r"(?:(?P<digits>\d{1,3}(?:,\d{3}){1,4}|\d{1,12}(?:\.\d{1,3})?)"
    r"(?:\s+(?P<dscale>hundred|thousand|million|billion|lakh|crore))?"
    rf"|(?P<word>{_WORDS})"
    r"|(?P<vague>hundreds of thousands|tens of thousands|dozens|scores|hundreds|thousands|millions)"
    r")(?![\w%$£€]|[.,]\d|-year|-strong|:\d)")
FIGURE = re.compile(r"(?<![\w$£€.,:/+#^*×-])" + _FIGURE_BODY, re.IGNORECASE)  # not "10^30", "2*6"
_FIGURE_LOWER = re.compile(FIGURE.pattern)  # on lower-cased text: about three times faster than IGNORECASE
# The second figure of "13-46": the dash before it, which FIGURE refuses ("F-16"), belongs to the range.
_FIGURE_AFTER_DASH = re.compile(_FIGURE_BODY, re.IGNORECASE)

QUALIFIER_VOCABULARY = ("at least", "more than", "about", "nearly", "up to")
QUALIFIERS = [
    (re.compile(r"\b(?:at least|at the least|no fewer than|no less than|a minimum of)\s+$", re.I), "at least"),
    (re.compile(r"\b(?:more than|over|upwards of|in excess of|above|just over|well over)\s+$", re.I), "more than"),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated|estimated|nearly|almost|close to|"
                r"just under)\s+$", re.I), None),
    (re.compile(r"\b(?:up to|as many as|at most|less than|fewer than|no more than)\s+$", re.I), "up to"),
]
_ABOUT = {"about", "around", "approximately", "roughly", "some", "an estimated", "estimated"}

GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "militants": ("militant", "insurgent", "terrorist", "fighter", "attacker", "rebel", "gunman", "gunmen",
                  "separatist", "assailant", "jihadist", "extremist", "bomber", "jihadi", "mujahideen",
                  "operative", "militiaman", "militiamen"),
    "security": ("soldier", "troop", "trooper", "policeman", "policemen", "police", "officer", "personnel",
                 "guard", "serviceman", "servicemen", "paramilitary", "paramilitaries", "cop", "ranger",
                 "commando", "jawan", "marine", "sailor", "airman", "airmen", "peacekeeper", "army", "bodyguard"),
    "civilians": ("civilian", "resident", "villager", "passenger", "bystander", "worshipper", "pilgrim",
                  "student", "worker", "shopper", "tourist", "pedestrian", "farmer", "journalist",
                  "child", "children", "woman", "women", "boy", "girl", "teacher", "doctor", "patient",
                  "fisherman", "fishermen", "miner", "labourer", "laborer", "nurse", "firefighter", "spectator",
                  "fan", "guest", "customer", "commuter", "driver", "trader", "shopkeeper", "villager",
                  "schoolchildren", "schoolgirl", "schoolboy", "pupil", "infant", "baby", "babies", "elderly",
                  "hiker", "climber", "crew",
                  "medic", "paramedic", "rescuer", "volunteer", "employee", "staffer", "evacuee"),
    "hostages": ("hostage",),
    "inmates": ("inmate", "prisoner", "detainee", "convict"),
    "bodies": ("body", "bodies", "corpse"),
    "people": ("people", "person", "individual", "life", "lives", "others", "victim", "casualty", "casualties",
               "fatality", "fatalities",
               "man", "men", "family", "families", "household", "protester", "protestor", "demonstrator",
               "marcher", "migrant", "refugee", "supporter", "member", "official", "suspect", "participant",
               "attendee", "mourner", "survivor", "citizen", "adult", "martyr", "relative", "soul", "pilot"),
}
# Subgroups of the people counted: a figure for them is a part of a total, not a rival figure.
SUBGROUPS = {"child": "children", "children": "children", "boy": "children", "boys": "children",
             "girl": "children", "girls": "children", "schoolchildren": "children", "pupil": "children",
             "schoolgirl": "children", "schoolboy": "children",
             "infant": "children", "baby": "children", "babies": "children",
             "woman": "women", "women": "women", "man": "men", "men": "men"}
# "Men" is a subgroup only inside a breakdown ("61 killed, including 40 men"): "gunmen killed 14 men" is the toll.
_BREAKDOWN_ONLY = {"men"}
# Words that open the parts of a total: "61 people were killed, including 40 men", "82 dead, among them 18 children"
_PART_CUE = re.compile(r"\b(?:including|included|includes|among them|amongst them|among whom|of them|of whom|of which|"
                       r"comprising|consisting of|mostly|mainly)\b", re.IGNORECASE)
# "Of the 45 killed, 30 were civilians": the part the sentence names after a total of the dead
_OF_THE_TOTAL = re.compile(r"\bof\s+(?:the|those)\s+(?:[\d,]+\s+)?(?:[a-z]+\s+)?(?P<outcome>dead|killed|victims|"
                           r"fatalities|casualties|injured|wounded)\b[^.;]{0,60}$", re.IGNORECASE)
_WERE_GROUP = re.compile(r"\s+(?:were|are)\s+(?:all\s+|also\s+)?(?P<pred>[a-z-]+(?:\s+[a-z-]+){0,2})", re.IGNORECASE)
# Plural demonyms name people: "34 Palestinians were killed", "12 Afghans", "5 Israelis"
_DEMONYM = re.compile(r"[A-Z][a-z]{2,}(?:ians|ans|is|ese|ites)$")
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)
# "14 of the dead were rebels": the part of the dead the sentence names
_OF_THE_DEAD = re.compile(r"\s+of\s+(?:the|those)\s+(?:dead|killed|victims|fatalities|casualties)\s+(?:were|was|are|"
                          r"included)\s+(?P<pred>[a-z-]+(?:\s+[a-z-]+){0,2})", re.IGNORECASE)
_WORD_GROUP = {w: g for g, words in GROUP_WORDS.items() for w in words}

# Outcome words, normalised to one outcome each. Multi-word forms are matched first.
OUTCOMES: list[tuple[str, str]] = [
    (r"lost (?:their|his|her) lives", "killed"), (r"were lost|was lost|been lost", "killed"),
    (r"death toll|death count|body count|toll", "killed"), (r"deaths? of|lives of|bodies of", "killed"),
    (r"shot dead|gunned down|were executed|beheaded|found dead", "killed"),
    (r"killed|killing|kills|dead|died|die|slain|perished|massacred|executed|deaths|fatalities|casualties|martyred|"
     r"eliminated|neutrali[sz]ed|liquidated", "killed"),
    # Killed only when people are the object right after it: "we lost 7 fighters", "destroyed over 60 terrorists";
    # not "lost 7 kilograms", "lost contact with 12 fishermen", "12 families lost their homes".
    (r"lost|loses|lose|losing|destroyed|destroying", "lost"),
    (r"injured|injuring|injuries|wounded|wounding|hurt|maimed|suffocation|asphyxiation|hospitali[sz]ed", "injured"),
    (r"held hostage|taken hostage|taking hostage|abducted|kidnapped|hostage", "hostage"),
    (r"freed|freeing|released|releasing|escaped|broke out|free", "freed"),
    (r"rescued|rescuing|saved|evacuated", "rescued"),
    (r"missing|unaccounted for|unaccounted", "missing"),
    (r"displaced|displacing|fled their homes|homeless|uprooted", "displaced"),
    (r"recovered|retrieved|found|pulled from", "recovered"),
    (r"arrested|arresting|detained|detaining|apprehended|rounded up|taken into custody", "arrested"),
    (r"attended|attending|gathered|rallied|marched|turned out|took part|joined|protested|crowd of|drew",
     "attending"),
]
_OUTCOME_RE = re.compile(r"\b(?:" + "|".join(f"(?P<o{i}>{p})" for i, (p, _) in enumerate(OUTCOMES)) + r")\b",
                         re.IGNORECASE)
_OUTCOME_LOWER = re.compile(_OUTCOME_RE.pattern)  # on lower-cased text: about three times faster

CATEGORY = {
    ("killed", "militants"): "militants killed", ("killed", "security"): "security personnel killed",
    ("killed", "civilians"): "civilians killed", ("killed", "hostages"): "hostages killed",
    ("killed", "people"): "dead", ("killed", "inmates"): "dead", ("killed", "bodies"): "bodies recovered",
    ("freed", "inmates"): "inmates freed", ("freed", "hostages"): "rescued",
    ("hostage", "hostages"): "hostages held", ("hostage", "people"): "hostages held",
    ("hostage", "civilians"): "hostages held", ("hostage", "security"): "hostages held",
    ("recovered", "bodies"): "bodies recovered", ("killed", None): "dead",
}
BY_OUTCOME = {"injured": "injured", "rescued": "rescued", "missing": "missing", "displaced": "displaced",
              "arrested": "arrested", "attending": "crowd size", "freed": "rescued", "hostage": "hostages held"}

ATTR_VERBS = (r"said|says|say|claimed|claims|claim|reported|reports|announced|announces|stated|states|told|"
              r"added|adds|noted|notes|confirmed|confirms|insisted|alleged|estimated|estimates|tweeted|wrote|"
              r"posted|declared|maintained|acknowledged|admitted|putting|put|quoted")
_ATTR_AFTER = re.compile(rf"\b(?P<verb>{ATTR_VERBS})\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:()]+)", re.IGNORECASE)
_ING_ATTR = re.compile(r",\s*(?:saying|stating|claiming|adding|reporting|announcing)\b", re.IGNORECASE)
_INVERTED = re.compile(rf"\b(?:{ATTR_VERBS})\s+(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*|[a-z]+ (?:minister|spokes\w+|"
                       rf"official|chief|police|army|military))(?:\s+[A-Z][\w'’.-]*){{0,4}})\s*[.,]")
_ANAPHORS = {"it", "he", "she", "they", "we", "the group", "group"}  # the last named speaker
_GENERIC_SOURCES = {"officials", "sources"}
_BAD_CLAIMANT = re.compile(r"\d|\b(?:who|which|that|when|where|while|if|killed|were|was|has|have|had|been)\b",
                           re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:and|but|also|meanwhile|however|later|earlier|separately|in a statement|"
                      r"in a press conference|in a post|on \w+day|on social media|the)[, ]+)+", re.IGNORECASE)
SCOPE = re.compile(
    r"\b(?:(?:over|in|during|within|across)\s+(?:a\s+span\s+of\s+)?(?:the\s+)?(?:past|last|previous|first)\s+"
    r"(?:(?:roughly|about|nearly|some|around)\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few)?"
    r"\s*(?:hours?|days?|weeks?|months?|years?|decades?)"
    r"|over\s+(?:a\s+span\s+of\s+)?(?:(?:roughly|about|nearly|some|around)\s+)?\d+\s+(?:hours?|days?|weeks?)"
    r"|since\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})"
    r"[\w ,]*?(?=[,.;]|$)"
    r"|so far this (?:year|month|week))", re.IGNORECASE)
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Gov|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|Inc|Co|Corp|vs|etc|a\.m|p\.m|i\.e|e\.g)\.$")
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d[\d,.]*|[^\sA-Za-z\d]")
_CLAUSE_STOP = {".", ";", "while", "whereas", "but", "although", "though", "meanwhile", "after", "before",
                "who", "which"}


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body with its offset and paragraph index."""

    text: str
    start: int
    paragraph: int


@lru_cache(maxsize=8192)  # claims, events, sub-events and inferred dates all read them: split once per build
def split_sentences(body: str) -> tuple[Sentence, ...]:
    """Split the cleaned body into sentences, keeping offsets; abbreviations do not end a sentence."""
    out: list[Sentence] = []
    pos = 0
    for p_idx, para in enumerate(body.split("\n\n")):
        start = 0
        for m in _SENT_END.finditer(para):
            if _ABBREV.search(para, max(start, m.start() - 8), m.start()):
                continue
            chunk = para[start: m.start()]
            if chunk.strip():
                out.append(Sentence(chunk, pos + start, p_idx))
            start = m.end()
        if para[start:].strip():
            out.append(Sentence(para[start:], pos + start, p_idx))
        pos += len(para) + 2
    return tuple(out)


def parse_figure(m: re.Match[str]) -> tuple[int | None, bool]:
    """The quantity a figure match stands for, and whether it is vague ("dozens")."""
    g = m.groupdict()
    if g["vague"]:
        return None, True
    if g["digits"]:
        raw = g["digits"].replace(",", "")
        if ("." in raw and not g["dscale"]) or (raw.startswith("0") and len(raw) > 1):
            return None, False  # "a 7.1 magnitude quake", "call 0300 ...": counts of people are whole numbers
        value = float(raw)
        if g["dscale"]:
            value *= SCALES[g["dscale"].lower()]
        return int(value), False
    return word_value(g["word"]), False


def word_value(text: str) -> int:
    """The value of a number written in words: "twenty-one", "one hundred and twenty", "half a dozen"."""
    words = re.split(r"[-\s]+", text.lower())
    factor = 1.0
    if words[0] == "half":
        factor, words = 0.5, words[1:]
    elif words[:3] == ["a", "quarter", "of"]:
        factor, words = 0.25, words[3:]
    total = current = 0
    for w in words:
        if w == "a":
            current = 1
        elif w in UNITS or w in TENS:
            current += UNITS.get(w, 0) + TENS.get(w, 0)
        elif w == "hundred" or w == "dozen":
            current = (current or 1) * SCALES[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
    return int((total + current) * factor)


@dataclass
class Figure:
    """A figure in a sentence; for a range the lower and upper figure, for a revision the figure it replaces."""

    start: int
    end: int
    quantity: int | None
    vague: bool
    text: str
    upper: int | None = None
    earlier: int | None = None
    superseded: bool = False  # the earlier figure of a revision, its step ("rose by 15"), a whole or a ratio
    noun_at: int | None = None  # "3 of the 5 attackers": where the noun of the part is read (after the whole)


# Words that say a figure changed: "rose to 27 from 12", "revised the toll from 12 to 27".
_CHANGE = re.compile(
    r"\b(?:r[io]se[ns]?|rising|climb\w*|jump\w*|increas\w*|gr[eo]w\w*|mount\w*|revis\w*|updat\w*|rais\w*|"
    r"went|gone|goes|going|f[ae]ll\w*|dropp?\w*|decreas\w*|lower\w*|reduc\w*|swell\w*|swollen|surg\w*|soar\w*|"
    r"spik\w*|doubl\w*|tripl\w*|br(?:ought|ing\w*)|push\w*|t(?:ook|ake[sn]?|aking)|hik\w*|adjust\w*|"
    r"correct\w*|climbing|up|down)\b", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"[.;]|\b(?:while|whereas|but|although|though|meanwhile|after|before|who|which)\b",
                         re.IGNORECASE)
_EARLIER_WORD = r"(?:earlier|previous|initial|prior|preliminary|original|old|last)"
_TOLL_WORD = r"(?:(?:death|casualty|official)\s+)?(?:toll|figure|count|tally|estimate|number)"
# "up from 12", "from an earlier 12", "from a previous toll of 12": the figure after it is the one replaced
_FROM_EARLIER = re.compile(rf"(?:\b(?:up|down)\s+from\s+(?:an?\s+|the\s+)?(?:{_EARLIER_WORD}\s+)?"
                           rf"|\bfrom\s+(?:an?\s+|the\s+|its\s+)?{_EARLIER_WORD}\s+)(?:{_TOLL_WORD}\s+of\s+)?$",
                           re.IGNORECASE)
# "the toll, initially put at 12, rose to 27": the first figure is replaced by the one after it
_FIRST_PUT = re.compile(r"\b(?:initially|earlier|previously|originally|first)\s+(?:put|given|reported|estimated|set|"
                        r"placed)\s+at\s+(?:about\s+|around\s+|at least\s+)?$", re.IGNORECASE)
# "updating a previous toll of 112", "the earlier toll on Sunday evening of 15", "the previous death toll was 20"
_EARLIER_TOLL = re.compile(rf"\b{_EARLIER_WORD}\s+{_TOLL_WORD}s?\b[^.;\d]{{0,30}}?\s(?:of|at|was|stood at|had been)"
                           r"\s+(?:about\s+|some\s+|around\s+|at least\s+)?$", re.IGNORECASE)


_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
# Patterns read from a position onwards; matched at that position (pattern.match(text, pos)), not on a copy of
# the rest of a long sentence.
_RATIO_AFTER = re.compile(r"\s+(?:of|were|are|was|is)\b")
_PLACE_AFTER = re.compile(r"\s+(?:in|on|at|near|across|inside|outside|from)\b")
_COMMA_AFTER = re.compile(r"\s*,")
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_AMONG_AFTER = re.compile(r"\s*(?:were|was|are)\s+(?:also\s+)?among\b")
_OF_THEM_AFTER = re.compile(r"\S+\s+of\s+(?:them|whom)\b")
_RESPONSIBILITY_AFTER = re.compile(r"\s+(?:responsibility|the lives|lives)")
_TOLL_AFTER = re.compile(r"\s+the (?:death )?toll")
# Patterns that end the text before a position (they end in \s*$ or \s+$): see _ends_with.
_AN_BEFORE = re.compile(r"\ban\s+$")
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|is|are)\s+$")
_AND_BEFORE = re.compile(r"\band\s*$")
_AND_ANOTHER_BEFORE = re.compile(r"\band\s+(?:another\s+)?$")
_LISTED = re.compile(r"\s*(?:,|and|,\s*and)?\s*")  # only a comma or "and" between two figures of a list


def _ends_with(pattern: re.Pattern[str], text: str, end: int, start: int = 0,
               words: int = 1) -> re.Match[str] | None:
    """Whether pattern.search(text[start:end]) matches, for a pattern anchored at the end ($) that reads `words`
    short words (at most 12 characters), each followed by white space (the last one may have none): only those
    words and spaces are read, however long the text before them. The match is for its truth only."""
    if start >= end:
        return pattern.search("")
    t = end
    for k in range(words + 1):
        while t > start and text[t - 1].isspace():
            t -= 1
        if k == words:
            break
        stop = max(start, t - 12)
        while t > stop and not text[t - 1].isspace():
            t -= 1
    if t == start:
        return pattern.search(text[start:end])  # the whole text: where it starts counts as its beginning
    return pattern.search(text, t, end)  # starts inside the text: the character before still counts for \b


def _next_word(sentence: str, pos: int) -> str:
    m = _NEXT_WORD.match(sentence, pos)
    return m.group(1).lower() if m else ""


def _clause_before(sentence: str, pos: int, limit: int = 90) -> str:
    """The text of the clause before pos, back to the last clause boundary."""
    text = sentence[max(0, pos - limit): pos]
    cuts = list(_CLAUSE_CUT.finditer(text))
    return text[cuts[-1].end():] if cuts else text


def _figure(m: re.Match[str], sentence: str) -> Figure | None:
    quantity, vague = parse_figure(m)
    if not vague and (quantity is None or quantity <= 0):
        return None
    return Figure(m.start(), m.end(), quantity, vague, sentence[m.start(): m.end()])


def _lower_matches(lower: re.Pattern[str], anycase: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of a lower-case pattern; on the lower-cased text when lower-casing keeps the offsets."""
    low = text.lower()
    return lower.finditer(low) if len(low) == len(text) else anycase.finditer(text)


_RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_RANGE_LINK = re.compile(r"\s+(?:to|or)\s+|\s*[-–—]\s*(?=\d)", re.IGNORECASE)


def _range_end(sentence: str, a: Figure) -> tuple[Figure, str, int] | None:
    """The upper figure of a range starting at a, the word joining them ("to", "or", "and", "-"), where it starts."""
    if a.vague or a.quantity is None:
        return None
    between = re.search(r"\bbetween\s+$", sentence[max(0, a.start - 12): a.start], re.IGNORECASE)
    link = (_RANGE_AND if between else _RANGE_LINK).match(sentence, a.end)
    if not link or (link.group(0).strip() in "-–—" and not a.text[0].isdigit()):
        return None  # "13-46" is a range; "twenty-one" is one number
    b_match = _FIGURE_AFTER_DASH.match(sentence, link.end())
    b = _figure(b_match, sentence) if b_match else None
    if b is None or b.vague or b.quantity is None:
        return None
    lower, last = a.quantity, b.text.lower().split()[-1]
    if last in SCALES and a.text.lower().split()[-1] not in SCALES:
        lower *= SCALES[last]  # "between 1 and 2 million", "two or three dozen"
    if b.quantity <= lower:
        return None  # "a 3-2 vote": not a range
    a.quantity = lower
    start = a.start - len(between.group(0)) if between else a.start
    return b, link.group(0).strip().lower(), start


def find_figures(sentence: str, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """The figures of a sentence, ranges joined ("between 13 and 46"), revisions linked ("rose to 27 from 12")."""
    dates = _Spans(skip) if skip and len(skip) > 8 else None  # many dates (a long sentence): looked up by offset
    raw = [f for m in _lower_matches(_FIGURE_LOWER, FIGURE, sentence) if (f := _figure(m, sentence))
           and not (dates.overlapping(f.start, f.start + 1) if dates is not None
                    else any(lo <= f.start < hi for lo, hi in skip or ()))]
    out: list[Figure] = []
    i = 0
    while i < len(raw):
        a = raw[i]
        i += 1
        joined = _range_end(sentence, a)
        if joined is None:
            out.append(a)
            continue
        b, link, start = joined
        while i < len(raw) and raw[i].start < b.end:
            i += 1  # the upper figure was read again on its own
        before = re.search(r"\b(from|by)\s+$", sentence[max(0, a.start - 6): a.start], re.IGNORECASE)
        if link == "to" and before and _CHANGE.search(_clause_before(sentence, a.start - len(before.group(0)))):
            # "the toll rose from 12 to 27": a revision, not a range; "rose by 15 to 27": 15 is the step
            a.superseded = True
            if before.group(1).lower() == "from":
                b.earlier = a.quantity
            out.extend((a, b))
            continue
        out.append(Figure(start, b.end, a.quantity, False, sentence[start: b.end], upper=b.quantity))
    for a, b in zip(out, out[1:], strict=False):
        between = sentence[a.end: b.start]
        if re.fullmatch(r"\s+of\s+(?:the|its|their|those|these|his|her)\s+", between, re.IGNORECASE):
            b.superseded, a.noun_at = True, b.end  # "3 of the 5 attackers were killed": 3 attackers, not 5
        elif re.fullmatch(r"\s+(?:in|out of)\s+", between, re.IGNORECASE) and not a.vague and not b.vague and (
                _RATIO_AFTER.match(sentence, b.end) or (b.quantity in (10, 100, 1000) and not
                                                                           _is_thing(_next_word(sentence, b.end)))):
            a.superseded = b.superseded = True  # "3 in 10 of those killed": a ratio, not a count
    # The figure that an earlier one is replaced by: the next one not superseded (out[k + 1:] do not change
    # before their turn), or the last one before it not superseded (carried along as the loop goes).
    following: list[int | None] = [None] * len(out)
    nxt: int | None = None
    for k in range(len(out) - 1, -1, -1):
        following[k] = nxt
        if not out[k].superseded:
            nxt = k
    last_live: int | None = None
    for k, f in enumerate(out):
        if k and not out[k - 1].superseded:
            last_live = k - 1
        if f.superseded:
            continue
        lead = sentence[max(0, f.start - 70): f.start]
        step = re.search(r"\bby\s+(?:another\s+|a further\s+)?$", lead, re.IGNORECASE)
        if step and _CHANGE.search(_clause_before(sentence, f.start - len(step.group(0)))):
            f.superseded = True  # "rose by 15 to 27": the step, not a figure of people
            continue
        replaced = _FROM_EARLIER.search(lead) or _EARLIER_TOLL.search(lead)
        if not replaced and k > 0 and re.search(r"\bfrom\s+$", lead, re.IGNORECASE):
            # "rose to 27 from 12": "from" right after a figure whose clause says it changed
            prev = out[k - 1]
            gap = sentence[prev.end: f.start]
            replaced = re.fullmatch(r"(?:\s+[a-z]+){0,2}\s*,?\s*from\s+", gap, re.IGNORECASE) and _CHANGE.search(
                _clause_before(sentence, prev.start))
        first_put = not replaced and _FIRST_PUT.search(lead)
        if replaced or first_put:
            at = following[k] if first_put else last_live
            target = out[at] if at is not None else None
            if first_put and target is None:
                continue  # "the toll was initially put at 12" with no other figure: the only figure given
            f.superseded = True
            if target is not None and target.earlier is None:
                target.earlier = f.quantity
    return out


def _qualifier(sentence: str, fig_start: int) -> str | None:
    before = sentence[max(0, fig_start - 30): fig_start]
    for pat, qual in QUALIFIERS:
        m = pat.search(before)
        if m:
            word = m.group(0).strip().lower()
            if qual is None:
                qual = "about" if word in _ABOUT else "nearly"
            return qual
    return None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_PREPOSITIONS = {"over", "in", "on", "at", "for", "during", "across", "since", "after", "before", "within", "near",
                 "from", "by", "with", "into", "through", "throughout", "under", "around", "against", "between",
                 "amid", "than", "as", "per"}
THING = "thing"  # what _group_after says when a figure counts things, not people
# Nouns of things and units: a figure that counts them is not a figure about people.
THINGS = frozenset("""
percent pc per cent km kilometre kilometer mile metre meter feet foot ft inch yard kg kilo kilogram gram tonne ton
lb pound litre liter gallon barrel acre hectare square sq degree magnitude hour hr minute min second day week month
year decade century time round am pm rupee rs dollar euro dinar lira yuan yen ruble rouble riyal dirham shekel naira
cent crore vehicle car truck lorry bus tank jet plane aircraft helicopter drone boat ship train convoy building home
house shop store school hospital clinic mosque church temple shrine village town city district province region
neighbourhood neighborhood area street block position checkpoint post base camp hideout den tunnel cache depot
headquarters compound stronghold outpost installation target site office station bridge road factory facility
warehouse attack raid strike airstrike air-strike bombing blast explosion incident operation clash battle rocket
shell mortar bomb missile bullet grenade mine weapon rifle gun device projectile storey floor bed vote seat point
goal run match game wicket page article
""".split())


def _is_thing(low: str) -> bool:
    """A noun of things or units ("vehicles", "km", "clashes", "cities"), in the singular or plural."""
    return low in THINGS or (low.endswith("s") and low[:-1] in THINGS) or (
        low.endswith("es") and low[:-2].endswith(("s", "x", "ch", "sh", "z")) and low[:-2] in THINGS) or (
        low.endswith("ies") and low[:-3] + "y" in THINGS)


_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:no|not|not a single)\s+"  # "no one was killed"
    r"|\b(?:home to|population of|inhabited by|populated by|hosts|hosting|(?:a|the)\s+(?:city|town|village|country|"
    r"nation|province|district|region|state|metropolis|island|county|community|camp|area)\s+of)\s+"
    r"(?:about\s+|some\s+|nearly\s+|more than\s+|over\s+|around\s+|roughly\s+)?(?:the\s+country's\s+)?"
    r"|\b(?:aged|ages?(?:\s+of)?)\s+(?:between\s+|from\s+)?(?:\d+\s*(?:and|to|or|-)\s*)?(?:about\s+|around\s+)?"
    r"|\b(?:father|mother|parent|grandfather|grandmother)\s+of\s+"  # "a father of two"
    r"|(?:\brs\.?|\binr|\busd|\bus\$|\beur|\bgbp|\bpkr|\bsyp|[$€£])\s*"  # "Rs 500,000", "US$ 5"
    r"|\b(?:no|nos|number)\.?\s*|#\s*"  # "No. 7"
    r")$", re.IGNORECASE)
# Names with a number: "Article 370", "Highway 5", "Ward 7", "Flight 17" (capitalised, so "a bus 12" is not one)
_LABEL_BEFORE = re.compile(
    r"\b(?:Article|Section|Clause|Chapter|Resolution|Highway|Route|Road|Street|Ward|Bus|Flight|Gate|Block|Sector|"
    r"Phase|Camp|Platform|Room|Terminal|Level|Zone|Unit|Brigade|Division|Battalion|Regiment|Squadron|Corps|Wing|"
    r"Tower|Plot|Lane|Exit|Pier|Model|Page|Paragraph|Item|Rule|Grade|Class|Stage|Tier|Channel|Apartment|Flat)\s+$")
_NOT_A_COUNT_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|hrs\b|gmt\b|utc\b|percent|per cent|pc\b|%)",
                                re.IGNORECASE)


def _not_a_count(sentence: str, fig: Figure) -> bool:
    """Numbers that are not counts of people: ages, populations, money, labels ("No. 7"), clock times."""
    lead = sentence[max(0, fig.start - 40): fig.start]
    if _NOT_A_COUNT_BEFORE.search(lead) or _LABEL_BEFORE.search(lead) or _NOT_A_COUNT_AFTER.match(sentence, fig.end):
        return True
    # "John Roe, 35, was killed": a number between commas after a name is an age
    return bool(re.search(r"\b[A-Z][a-z]+,\s*$", lead) and _COMMA_AFTER.match(sentence, fig.end))


def _group_after(sentence: str, end: int, config: Config) -> tuple[str | None, str | None, int]:
    """The people a figure counts: the head noun in the few words after it ("15 security personnel")."""
    group, noun, noun_end = None, None, end
    words = modifiers = 0  # words before the noun; modifiers among them: "70 Syrian regime and rebel fighters"
    after_prep = False  # "61 over the past two days": "days" is not what 61 counts
    toks = [t for t in _tokens(sentence[end: end + 100])]
    n = depth = 0
    for k, (tok, _s, e) in enumerate(toks):
        if tok == "+" and k == 0:
            continue  # "35+ dead"
        if tok in "([" or depth:
            depth += (tok in "([") - (tok in ")]")  # "35 Daesh (outlawed in Russia) militants": skip the aside
            continue
        n += 1
        if n > 6:
            break
        low = tok.lower()
        if low in ("of", "among") and n <= 2 and group is None:
            continue  # "dozens of soldiers", "seven of its fighters"
        if low in ("its", "their", "the", "his", "her", "our", "them", "those") and group is None:
            if words:
                break  # "20 dead the explosion": a new noun phrase
            continue
        if group is not None and low in ("hostage", "hostages"):
            break  # "held 40 passengers hostage": the outcome, not the people counted
        if low in _PREPOSITIONS:
            after_prep = True
        elif _is_thing(low) and not after_prep:
            following = toks[k + 1][0].lower() if k + 1 < len(toks) else ""
            if not _word_group(following, config):
                return THING, low, end + e  # "12 civilian homes": the people word was an adjective
            continue  # "six school children": the thing is the adjective
        following = toks[k + 1][0] if k + 1 < len(toks) else ""
        hit = _word_group(low, config) or (
            "people" if group is None and _DEMONYM.match(tok) and not following[:1].isupper() else None)
        if hit and after_prep and group is None:
            break  # "wounded 29 with most casualties in the market": not what 29 counts
        if hit:
            group, noun, noun_end = hit, low, end + e
            continue
        if group is not None:
            break
        if low in ("and", "or") and modifiers:
            continue  # the modifiers of one noun, joined: "regime and rebel fighters"
        if not tok[0].isalpha() or low in _CLAUSE_STOP or low in ("and", "or", "in", "on", "at", "to", "were",
                                                                   "was", "are", "is", "have", "had", "from"):
            break
        words += 1
        modifiers += tok[0].isupper() or "-" in tok or low in _MODIFIERS
    return group, noun, noun_end


# Lower-case words that modify a noun of people ("regime forces", "government troops"), unlike "overnight".
_MODIFIERS = {"regime", "government", "opposition", "army", "rebel", "security", "police", "military", "foreign",
              "local", "armed", "allied", "loyalist", "state", "militia", "tribal", "border", "federal", "provincial"}


_BARE_OUTCOME = re.compile(r"\+?\s*(?:(?:were|was|are|is|have been|had been|has been|remain|remained)\s+)?"
                           r"(?:(?:still|also|reportedly|confirmed|reported|feared|believed|presumed|found|later)\s+)?"
                           r"(?:killed|dead|died|injured|wounded|missing|arrested|detained|displaced|rescued|hurt|"
                           r"martyred|unaccounted|hospitali[sz]ed)\b")
_TOLL_BEFORE = re.compile(r"(?:death toll|death count|body count|toll|fatalities|"
                          r"number of (?:dead|deaths|people killed|victims))\b[^.;]{0,90}$|"
                          r"(?:killing|killed|deaths|dead|died|injur(?:ed|ing)|wound(?:ed|ing)|arrest(?:ed|ing)|rescu(?:ed|ing)|"
                          r"evacuat(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing))\b[^.;]{0,25}$")
# Words that may follow a bare toll ("killed 12 in ...", "put the toll at 16 earlier"); any other word after it is
# the thing it counts ("killed 12 goats").
_AFTER_BARE = re.compile(r"\s*(?!(?:over|in|on|across|since|during|after|before|until|amid|near|as|by|from|at|and|or|"
                         r"with|for|so|this|last|when|while|but|earlier|later|now|overnight|yesterday|today|tonight|the|"
                         r"a|an|according|including|among|mostly|mainly|following|within|throughout)\b)[a-z]")


def _bare_figure_counts_people(sentence: str, fig: Figure, quantity: int | None) -> bool:
    """A figure with no noun after it counts people only as a toll: "12 were killed", "killed 12", "toll at 12"."""
    follow = sentence[fig.end: fig.end + 25].lower()
    prev = sentence[max(0, fig.start - 110): fig.start].lower()
    if re.search(r"\b(?:in|since|until)\s+$", prev):
        return False  # "died of the plague in 639": a year or a place, not a toll
    if not (_BARE_OUTCOME.match(follow) or (_TOLL_BEFORE.search(prev) and not _AFTER_BARE.match(follow))):
        return False
    return not (quantity is not None and 1800 <= quantity <= 2100 and not re.match(r"\s*(?:killed|dead)", follow))


def _word_group(low: str, config: Config) -> str | None:
    """The people a word names ("soldiers" -> security), or None."""
    return _custom_group(low, config) or _WORD_GROUP.get(low) or _WORD_GROUP.get(low.rstrip("s")) or (
        _WORD_GROUP.get(low[:-2]) if low.endswith("es") else None)


def _group_before(sentence: str, fig_start: int, claimant: str | None) -> str | None:
    """For "pursuing the insurgents, with at least 700 killed": the definite group named just before."""
    found = list(re.finditer(r"\bthe\s+(\w+)", sentence[max(0, fig_start - 70): fig_start]))
    if not found:
        return None
    m = found[-1]
    word = m.group(1).lower()
    if claimant and word in claimant.lower():
        return None
    group = _WORD_GROUP.get(word) or _WORD_GROUP.get(word.rstrip("s"))
    return group if group in ("militants", "security", "civilians") else None


def _custom_group(word: str, config: Config) -> str | None:
    for rule in config.categories:
        if word in rule.words or word.rstrip("s") in rule.words:
            return f"custom:{rule.name}"
    return None


def _outcome_matches(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _lower_matches(_OUTCOME_LOWER, _OUTCOME_RE, sentence):
        outcome = OUTCOMES[int((m.lastgroup or "o0")[1:])][1]  # the one named group that matched: "o<index>"
        if outcome not in ("killed", "injured") and m.start() and sentence[m.start()].isupper() and \
                _NAME_AFTER.match(sentence, m.end()):
            continue  # a name, not an outcome: "the Free Syrian Army", "the Missing Persons Bureau"
        out.append((m.start(), m.end(), outcome))
    return out


# Subjects that say whose men were lost: "the group lost seven of its men", "the military lost 12 men".
_SUBJECT_GROUP = {"group": "militants", "outfit": "militants", "faction": "militants", "militia": "militants",
                  "organisation": "militants", "organization": "militants", "military": "security",
                  "navy": "security"}
_LOST_GAP = re.compile(r"\s*(?:(?:at least|more than|over|about|around|nearly|almost|some|as many as|up to|another|"
                       r"a further|an additional|a total of)\s+)?", re.IGNORECASE)


def _lost_as_killed(sentence: str, fig_start: int, group: str | None, noun: str | None,
                    outcomes: _Outcomes, continues_list: bool) -> tuple[str | None, str | None]:
    """ "The army lost 12 soldiers": killed, when people follow "lost" at once; "its men" are the subject's."""
    lost_start, lost_end = outcomes.last_lost(fig_start)
    if group in (None, "bodies") or not (continues_list or _LOST_GAP.fullmatch(sentence[lost_end:fig_start])):
        return None, group
    if group == "people" and noun in ("men", "man", "members", "member"):
        # "the army lost seven of its men": the men are the army's
        words = [g for t, _s, _e in _tokens(_clause_before(sentence, lost_start))
                 if (g := _SUBJECT_GROUP.get(t.lower()) or _WORD_GROUP.get(t.lower())
                     or _WORD_GROUP.get(t.lower().rstrip("s")))]
        if words and words[-1] in ("militants", "security"):
            group = words[-1]
    return "killed", group


_BLOCKED = re.compile(r"(?:\A|(?<= ))(?:while|whereas|but|although|meanwhile|which|where|whose)(?= |\Z)")


def _clause_blocked(text: str) -> bool:
    """A clause boundary in text: ';' or one of the words below between spaces (or at either end)."""
    return ";" in text or _BLOCKED.search(text.lower()) is not None


# A figure that is the subject of a verb of its own ("are suffering", "remain trapped"), which is no outcome
_OWN_PREDICATE = re.compile(r"\s*,?\s*(?:are|were|is|was|remain|remained)\s+(?:[a-z]+ly\s+)?"
                            r"(?P<verb>(?!(?:believed|feared|thought|said|reported|estimated|expected|confirmed|known|"
                            r"presumed|understood|listed|counted|recorded|documented)\b)[a-z]+(?:ing|ed))\b")
_POSSESSOR = re.compile(r"\b(?:famil(?:y|ies)|wives|wife|husbands?|relatives|parents|sons|daughters|mothers|fathers|"
                        r"widows|orphans|homes|houses)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _bare_nominal(sentence: str, start: int, end: int, fig_start: int) -> bool:
    """ "evacuate the injured with one man ...": "the injured" names people; only "the dead were/included 5" counts."""
    if not re.search(r"\b(?:the|those)\s+$", sentence[max(0, start - 8): start], re.IGNORECASE):
        return False
    if sentence[start:end].lower() not in ("injured", "wounded", "dead", "killed"):
        return False
    return not re.search(r":|\b(?:were|was|are|is|included?|includes|numbered|number|stood at|rose to|reached|"
                         r"climbed to|totall?ed|among them)\b", sentence[end:fig_start], re.IGNORECASE)


def _outcome_for(sentence: str, fig_start: int, noun_end: int, outcomes: _Outcomes,
                 has_noun: bool, figure_starts: _Offsets | None = None) -> str | None:
    """The outcome word governing a figure: passive after it, else active or nominal before it."""
    own = _OWN_PREDICATE.match(sentence, noun_end)
    if own and own.start("verb") not in outcomes.start_set:
        return None  # "1,100 other children are suffering acute malnutrition": the figure has its own verb
    right = [(s, o) for s, _e, o in outcomes.starting(noun_end, noun_end + 90) if o != "lost"
             and not _clause_blocked(sentence[noun_end:s])]
    left = [(e, o) for s, e, o in outcomes.ending(fig_start - 100, fig_start)
            if not _clause_blocked(sentence[e:fig_start]) and not _bare_nominal(sentence, s, e, fig_start)]
    if _POSSESSOR.search(sentence, max(0, fig_start - 40), fig_start):
        # "executed the families of five rebels", "the wives of the five were among the dead": the families were
        # killed, not the five; only "the families of the 12 people killed" says it of the five
        left = []
        right = [(s, o) for s, o in right if not sentence[noun_end:s].strip(" ,+")]
    # Another figure between this one and the outcome after it: the outcome is the other figure's, except in lists
    # ("17 children and 6 women were killed"), in "68 children were among the 126 people killed" and in "three
    # people, two of them children, died"
    crossing = figure_starts.within(noun_end, right[0][0]) if right and figure_starts else []
    crosses = not _AMONG_AFTER.match(sentence, noun_end) and any(
        not _OF_THEM_AFTER.match(sentence, f)
        and not re.fullmatch(r"\s*(?:,|and|or|&|,\s*and)\s*(?:[a-z]+\s+){0,2}", sentence[noun_end:f])
        for f in crossing)
    if crossing and left:
        right = []  # "killed 12 people, including 3 children, and 20 were injured": the passive is the later figure's
    if right:
        s, o = right[0]
        gap = sentence[noun_end:s].lower()
        passive = re.search(r"\b(?:were|was|have been|had been|has been|are|is|being|remain|remained|been|also|"
                            r"reportedly|later|all|still|now|currently|confirmed|reported|feared|believed|presumed)\s*$",
                            gap) or not gap.strip(" ,+")
        if passive:
            return o
    if left:
        return left[-1][1]
    if right and has_noun and not crosses:
        s, o = right[0]
        if s - noun_end <= 40:
            return o  # "20 civilians in the market died"
    return None


def _category(outcome: str, group: str | None, config: Config) -> str | None:
    if group and group.startswith("custom:"):
        name = group.split(":", 1)[1]
        for rule in config.categories:
            if rule.name == name and (rule.outcome == outcome or rule.outcome == "any"):
                return rule.name
        return None
    if (outcome, group) in CATEGORY:
        return CATEGORY[(outcome, group)]
    if outcome == "recovered":
        return "bodies recovered" if group == "bodies" else None
    if outcome == "killed":
        return "dead"
    return BY_OUTCOME.get(outcome)


def _clean_claimant(raw: str) -> str | None:
    s = raw.strip().strip("\"“”'‘’()[]").strip()
    s = re.sub(r"\s+", " ", s)
    s = _LEADING.sub("", s).strip(" ,")
    s = re.sub(r"^(?:a|an)\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"^(?:(?:the|a|an)\s+)?(?:tally|count|figures?|data|estimates?)\s+(?:by|from|of)\s+", "", s,
               flags=re.IGNORECASE)  # "according to a tally by Reuters": Reuters
    if not s or len(s.split()) > 9 or _BAD_CLAIMANT.search(s):
        return None
    if s.lower() in ("reports", "report", "media reports", "it", "this", "there"):
        return None
    return s


_NP_CUT = re.compile(r"[,;:“”\"]|\b(?:that|after|before|when|as|since|because|while|came|come|comes|but|if|"
                     r"although|where|then|with|by|for|to|in|on|at|from|who|which)\b|\band\b(?=\s+(?:the\s+)?[a-z])"
                     r"|\bof\b(?=\s+(?:the\s+)?[a-z])")


_VERBISH = re.compile(r"^(?:[a-z]+ed|has|have|had|was|were|is|are|also|then|later|denied|rejected|disputed|"
                      r"accused|blamed|issued|gave|made|took|held)$")


# _NP_CUT in two parts, so that the last cut before any position can be looked up: the words and marks, and
# "and"/"of", which cut only when a lower-case word follows them before that position.
_NP_CUT_PLAIN = re.compile(r"[,;:“”\"]|\b(?:that|after|before|when|as|since|because|while|came|come|comes|but|if|"
                           r"although|where|then|with|by|for|to|in|on|at|from|who|which)\b")
_NP_CUT_AND_OF = re.compile(r"\b(?:and|of)\b")
_NP_CUT_AHEAD = re.compile(r"\s+(?:the\s+)?[a-z]")
_SHORT_TEXT = 400  # offsets into a sentence up to which _Cuts reads the text itself
_WORD_RUN = re.compile(r"\S+")


class _Cuts:
    """Where the clauses of a sentence are cut (_NP_CUT) and its commas, to read the text before any offset.

    Up to _SHORT_TEXT characters into the sentence the plain expressions are quicker, and are used; further on,
    indexes of the whole sentence (made on first use) answer without reading it all again for every verb."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.plain_ends: list[int] | None = None
        self.and_of_ends: list[int] = []
        self.commas: list[int] | None = None
        self.kept_before: list[int] | None = None  # how many kept words come before each word of the sentence
        self.word_starts: list[int] = []
        self.word_ends: list[int] = []

    def last_cut(self, end: int) -> int:
        """Where the last piece of _NP_CUT.split(sentence[:end]) starts, for an `end` where a word starts after
        something else (an attribution verb does: no word of the sentence runs on past `end`)."""
        if end <= _SHORT_TEXT:
            return end - len(_NP_CUT.split(self.sentence[:end])[-1])
        if self.plain_ends is None:
            self.plain_ends = [m.end() for m in _NP_CUT_PLAIN.finditer(self.sentence)]
            self.and_of_ends = [m.end() for m in _NP_CUT_AND_OF.finditer(self.sentence)]
        k = bisect.bisect_right(self.plain_ends, end) - 1
        best = self.plain_ends[k] if k >= 0 else 0
        j = bisect.bisect_right(self.and_of_ends, end) - 1
        while j >= 0 and self.and_of_ends[j] > best:
            if _NP_CUT_AHEAD.match(self.sentence, self.and_of_ends[j], end):  # the lookahead, within the text
                return self.and_of_ends[j]
            j -= 1
        return best

    def last_comma(self, end: int) -> int:
        """Where the last piece of re.split("[,;]", sentence[:end]) starts."""
        if end <= _SHORT_TEXT:
            return max(self.sentence.rfind(",", 0, end), self.sentence.rfind(";", 0, end)) + 1
        if self.commas is None:
            self.commas = [m.start() for m in re.finditer(r"[,;]", self.sentence)]
        k = bisect.bisect_left(self.commas, end) - 1
        return self.commas[k] + 1 if k >= 0 else 0

    def kept_words(self, start: int, end: int) -> int:
        """How many words of sentence[start:end].split() _clean_claimant keeps (_kept_word)."""
        if self.kept_before is None:
            self.kept_before = [0]
            for m in _WORD_RUN.finditer(self.sentence):
                self.word_starts.append(m.start())
                self.word_ends.append(m.end())
                self.kept_before.append(self.kept_before[-1] + _kept_word(m.group(0)))
        first = bisect.bisect_left(self.word_starts, start)  # the whole words inside, first to last - 1
        last = bisect.bisect_right(self.word_ends, end)
        count = self.kept_before[last] - self.kept_before[first] if last > first else 0
        pieces = set()  # words cut by start or end: the part inside counts as a word of its own
        if first > 0 and self.word_ends[first - 1] > start:
            pieces.add((start, min(self.word_ends[first - 1], end)))
        if last < len(self.word_starts) and self.word_starts[last] < end:
            pieces.add((max(self.word_starts[last], start), end))
        return count + sum(_kept_word(self.sentence[a:b]) for a, b in pieces if b > a)


# The words _clean_claimant may drop from the front of a claimant however many there are (_LEADING), in lower case;
# also any word ending in "day" ("on Saturday").
_LEADING_WORDS = frozenset("and but also meanwhile however later earlier separately in a statement press conference "
                           "post on social media the".split())
# Other words can make at most ten of a claimant's words go (the words _np_before drops at the end, a quote mark
# at either end, "a"/"an", "the tally by"), and a claimant has at most nine: a noun phrase with this many other
# words is never one. Counting them stops reading a long stretch without a clause boundary before every verb.
_TOO_MANY_WORDS = 40


def _kept_word(token: str) -> bool:
    """A word _clean_claimant keeps: not one of the words _LEADING drops in front, between commas."""
    return any(part and part.lower() not in _LEADING_WORDS and not part.lower().endswith("day")
               for part in token.split(","))


def _too_long_before(cuts: _Cuts, start: int, end: int) -> bool:
    """Whether text[start:end] has _TOO_MANY_WORDS kept words (_kept_word) or more."""
    if end - start < 2 * _TOO_MANY_WORDS:
        return False  # too short to have them
    return cuts.kept_words(start, end) >= _TOO_MANY_WORDS


def _np_before(sentence: str, end: int, cuts: _Cuts | None = None) -> str:
    """The noun phrase just before an attribution verb at `end`, back to a clause boundary; "" when there is none,
    or when it is far too long to be a claimant (see _TOO_MANY_WORDS)."""
    cuts = cuts or _Cuts(sentence)
    if _ends_with(_AND_BEFORE, sentence, end):
        # "The rebels disputed the figure and said": the speaker is the subject of the first verb
        subject: list[str] = []
        kept = 0
        for w in _WORD_RUN.finditer(sentence, cuts.last_comma(end), end):
            if _VERBISH.match(w.group(0)):
                return " ".join(subject)  # "" when the first word is a verb
            subject.append(w.group(0))
            kept += _kept_word(w.group(0))
            if kept >= _TOO_MANY_WORDS:
                return ""
        return ""  # no verb: not a subject
    start = cuts.last_cut(end)
    if _too_long_before(cuts, start, end):
        return ""
    chunk = sentence[start: end]
    chunk = re.sub(r"\b(?:has|have|had|also|later|earlier|previously|then|separately|officially|"
                   r"in a statement|on \w+day)\b\s*$", "", chunk.strip(), flags=re.IGNORECASE).strip()
    chunk = re.sub(r"\b(?:has|have|had|also|later|earlier)\s*$", "", chunk.strip(), flags=re.IGNORECASE).strip()
    return chunk


# Relative clauses and brackets, dropped before attributions are read: strip_asides(sentence, _relative_at) is
# _RELATIVE.sub("", sentence), in one pass.
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,|\s*\([^)]*\)")
_RELATIVE_WORD = re.compile(r",\s*(?:which|who|whose)\b")


def strip_asides(text: str, at_comma: Callable[[str, int], int | None]) -> str:
    """re.sub(rf"{A}|\\s*\\([^)]*\\)", "", text), where A starts with a comma: at_comma(text, c) is where a match
    of A at the comma c ends (None: no match there; -1: none at this comma or any later one).

    The same as the regular expression, in one pass: that would read on to the end of the text from every
    bracket that is never closed (and A from every comma after the last one it needs), again and again.
    """
    out: list[str] = []
    keep = pos = 0
    n = len(text)
    comma, bracket = text.find(","), text.find("(")
    commas_left = brackets_left = True
    while True:
        if commas_left and comma != -1 and comma < pos:
            comma = text.find(",", pos)
        if brackets_left and bracket != -1 and bracket < pos:
            bracket = text.find("(", pos)
        a = comma if commas_left and comma != -1 else n + 1
        b = n + 1
        if brackets_left and bracket != -1:
            b = bracket
            while b > pos and text[b - 1].isspace():  # \s* before the bracket: the match starts where they do
                b -= 1
        if a > n and b > n:
            break
        if a < b:
            end = at_comma(text, a)
            if end == -1:
                commas_left = False
            elif end is not None:
                out.append(text[keep:a])
                keep = pos = end
                continue
            pos = a + 1
        else:
            close = text.find(")", bracket + 1)
            if close == -1:
                brackets_left = False  # no bracket after this one is closed either
                continue
            out.append(text[keep:b])
            keep = pos = close + 1
    out.append(text[keep:])
    return "".join(out)


def _relative_at(text: str, c: int) -> int | None:
    """_RELATIVE's first alternative at the comma c: ", which ... ," up to the next comma."""
    m = _RELATIVE_WORD.match(text, c)
    if not m:
        return None
    after = text.find(",", m.end())
    return -1 if after == -1 else after + 1


def find_attribution(sentence: str) -> tuple[str | None, bool]:
    """Who the sentence attributes its figures to, and whether it has an attribution at all."""
    m = _ACCORDING.search(sentence)
    if m:
        return _clean_claimant(m.group("who")), True
    sentence = strip_asides(sentence, _relative_at)  # "The BLA, which says it staged the raids, claimed ..."
    m = _INVERTED.search(sentence)
    if m and m.start() > 0:
        t = m.start()
        while t > 0 and sentence[t - 1].isspace():
            t -= 1
        if t > 0 and sentence[t - 1] == ",":  # the text before it ends with a comma
            return _clean_claimant(m.group("who")), True
    cuts: _Cuts | None = None  # made once per sentence, when a verb needs it
    for v in _ATTR_AFTER.finditer(sentence):
        verb = v.group("verb").lower()
        if verb in ("claim", "claims", "claimed") and _RESPONSIBILITY_AFTER.match(sentence, v.end()):
            continue
        if verb == "estimated" and _ends_with(_AN_BEFORE, sentence, v.start()):
            continue  # "an estimated 50,000 supporters": a qualifier, not a speaker
        if verb in ("put", "putting") and not _TOLL_AFTER.match(sentence, v.end()):
            continue
        if verb == "reported" and _ends_with(_PASSIVE_BEFORE, sentence, v.start()):
            continue  # "were reported to have been sealed off": passive, no speaker
        cuts = cuts or _Cuts(sentence)
        who = _np_before(sentence, v.start(), cuts)
        cleaned = _clean_claimant(who) if who else None
        if cleaned:
            return cleaned, True
    m = _ING_ATTR.search(sentence)
    if m:
        subject = re.split(r"\s+(?:has|have|had|was|were|is|are|claimed|said|took|earlier)\b",
                           sentence[: m.start()], maxsplit=1)[0]
        return _clean_claimant(subject), True
    return None, False


def _clause_claimants(sentence: str, article: Article, config: Config, last: str | None,
                      resolve: Callable[[str, str | None], str | None] | None = None,
                      ) -> list[tuple[int, int, str | None]]:
    """For sentences joined by ';', each clause's own attribution: (start, end, claimant)."""
    if ";" not in sentence:
        return []
    out, pos = [], 0
    for part in sentence.split(";"):
        raw, has = find_attribution(part)
        if has and raw:
            who = resolve(raw, last) if resolve else resolve_claimant(raw, article, config, last)
            out.append((pos, pos + len(part) + 1, who))
        pos += len(part) + 1
    return out


def resolve_claimant(name: str | None, article: Article, config: Config, last: str | None) -> str | None:
    """Canonical claimant: pronouns to the last speaker, titles and surnames to the full name, aliases to actors."""
    if name is None:
        return None
    low = name.lower()
    if low in _ANAPHORS and last:
        return last
    if low in _GENERIC_SOURCES:
        return name.capitalize() if name.islower() else name
    actor = match_actor(name, config.actors)
    if actor:
        return actor
    for full, acronym in _acronyms(article.body):
        if name == acronym:
            break
        if re.search(rf"\b{re.escape(full)}$", name) or name.lower().endswith(full.lower()):
            return acronym
    group_role = re.match(r"^(?:the\s+)?(?:group|organisation|organization|outfit)['’]s\s+(\w+)$", name, re.I)
    if group_role:
        orgs = _acronyms(article.body)
        if orgs:
            return f"{orgs[-1][1]} {group_role.group(1).lower()}"
    name = _expand_title(name, article.body) or name
    return name[0].upper() + name[1:] if name[0].islower() else name


@lru_cache(maxsize=64)
def _acronyms(body: str) -> list[tuple[str, str]]:
    """'Balochistan Liberation Army (BLA)' -> [('Balochistan Liberation Army', 'BLA')], by initials."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"\b((?:[A-Z][\w'’-]+\s+){1,6})\(([A-Z]{2,6})\)", body):
        words = m.group(1).split()
        acronym = m.group(2)
        for k in range(len(words)):
            if "".join(w[0] for w in words[k:]).upper() == acronym:
                out.append((" ".join(words[k:]), acronym))
                break
    return list(dict.fromkeys(out))


def match_actor(name: str, actors: dict[str, list[str]]) -> str | None:
    """Canonical actor for a claimant ("Pakistan's army" -> "Pakistan military"), or None.

    The first entry and alias, in the registry's order, that the name equals or ends with after one or two
    capitalised words. A name can only end with an alias that is the name without its first one or two words,
    so only the aliases with those keys are tried (from an index of the registry, made once per registry).
    """
    key = claimant_key(name)
    tokens = key.split()
    index = _actor_index(actors)
    tried = [(order, canonical, 0) for order, canonical in index.get(key, ())]
    for drop in (1, 2):
        if len(tokens) > drop:
            tried += [(order, canonical, drop) for order, canonical in index.get(" ".join(tokens[drop:]), ())]
    for _order, canonical, drop in sorted(tried):
        if not drop:
            return canonical
        words = tokens[:drop]
        if all(w[:1].isalpha() for w in words):
            original = [w for w in re.findall(r"[A-Za-z]+", re.sub(r"['’]s\b", "", name)) if w.lower() in words]
            if original and all(w[:1].isupper() for w in original):
                prefix = " ".join(original)
                return f"{prefix} {canonical[0].lower()}{canonical[1:]}"
    return None


_actor_cache: list[Any] = []  # [registry, a copy of it, its index]: the last registry matched against


def _actor_index(actors: dict[str, list[str]]) -> dict[str, list[tuple[int, str]]]:
    """claimant_key of every name and alias of the registry -> (place in the registry's order, canonical name)."""
    if _actor_cache and _actor_cache[0] is actors and _actor_cache[1] == actors:
        return _actor_cache[2]
    index: dict[str, list[tuple[int, str]]] = {}
    order = 0
    for canonical, aliases in actors.items():
        for alias in [canonical, *aliases]:
            akey = claimant_key(alias)
            if akey:
                index.setdefault(akey, []).append((order, canonical))
            order += 1
    _actor_cache[:] = [actors, {k: list(v) for k, v in actors.items()}, index]
    return index


@lru_cache(maxsize=4096)
def _expand_title(name: str, body: str) -> str | None:
    """'the chief minister' or 'Bugti' -> 'Chief Minister Sarfraz Bugti' when the article names them so."""
    words = claimant_key(name).split()
    if not words or len(words) > 4:
        return None
    # The patterns are tried only where the body has the name's rarest word (from an index of the body made
    # once), not run through a long body once for every name: the same matches, found in the same order.
    index = _runs(body)
    if len(words) == 1 and name[:1].isupper():
        pat = re.compile(rf"\b((?:[A-Z][a-z]+\s+){{1,4}}){re.escape(name)}\b")
        pieces = [(m.start(), m.group(0)) for m in _RUN.finditer(name) if not "a" <= m.group(0)[0] <= "z"]
        offset, rare = min(pieces, key=lambda piece: len(index.get(piece[1], ())))
        best = None
        end = 0  # where the last match ended: matches do not overlap (finditer)
        for at in index.get(rare, ()):
            p = at - offset
            if p < max(end, 1) or not body.startswith(name, p):
                continue
            for start in _capitalised_before(body, p):
                m = pat.match(body, start) if start >= end else None
                if m:
                    cand = (m.group(1) + name).strip()
                    cand = re.sub(r"^(?:The|A|An|On|In|At|By|Provincial|But|And)\s+", "", cand)
                    if best is None or len(cand) > len(best):
                        best = cand
                    end = m.end()
                    break
        return best
    if name[:1].islower() or name.lower().startswith("the "):
        caps = [w.capitalize() for w in words]
        title = r"\s+".join(caps)
        pat = re.compile(rf"\b{title}\s+((?:[A-Z][a-z]+\s*){{1,3}})")
        k = min(range(len(caps)), key=lambda i: len(index.get(caps[i], ())))
        starts = [q for at in index.get(caps[k], ()) if (q := _words_before(body, at, caps[:k])) is not None]
        for q in sorted(starts):
            named = pat.match(body, q)  # the first match in the body, as re.search finds it
            if named:
                return f"{' '.join(caps)} {named.group(1).strip()}"
    return None


_RUN = re.compile(r"\w+")
_RUN_NOT_LOWER = re.compile(r"\b(?![a-z])\w+")  # the runs that do not start with a-z: all the names looks up


@lru_cache(maxsize=4)
def _runs(body: str) -> dict[str, list[int]]:
    """Where each run of word characters of the body starts, by its text: an index to find names in it.
    Runs that start with a-z are left out: the words looked up (a name's, capitalised titles) never do."""
    index: dict[str, list[int]] = {}
    for m in _RUN_NOT_LOWER.finditer(body):
        index.setdefault(m.group(0), []).append(m.start())
    return index


def _capitalised_before(body: str, p: int) -> list[int]:
    """Where one to four capitalised words ([A-Z][a-z]+), each followed by white space, start just before p:
    the places a match of "((?:[A-Z][a-z]+\\s+){1,4})NAME" can start for a NAME at p. Leftmost first."""
    out = []
    j = p
    for _ in range(4):
        k = j
        while k > 0 and body[k - 1].isspace():
            k -= 1
        if k == j:
            break
        e = k
        while k > 0 and "a" <= body[k - 1] <= "z":
            k -= 1
        if k == e or k == 0 or not "A" <= body[k - 1] <= "Z":
            break
        j = k - 1
        out.append(j)
    return out[::-1]


def _words_before(body: str, at: int, words: list[str]) -> int | None:
    """Where `words` start when they come just before `at`, each followed by white space; None when they do not."""
    for w in reversed(words):
        k = at
        while k > 0 and body[k - 1].isspace():
            k -= 1
        if k == at or not body.startswith(w, k - len(w)) or k - len(w) < 0:
            return None
        at = k - len(w)
    return at


# SCOPE in two parts. Its "since March ..." reads on over words and spaces to a ',', '.' or ';' (or the end) and
# fails at any other mark: from every "since" of a long stretch without one, to the same far place. Read here once.
_SCOPE_OTHER = re.compile(SCOPE.pattern.replace(
    r"|since\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})"
    r"[\w ,]*?(?=[,.;]|$)", ""), re.IGNORECASE)
_SCOPE_SINCE = re.compile(r"\bsince\s+(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December|\d{4})", re.IGNORECASE)
_NOT_WORD_OR_SPACE = re.compile(r"[^\w ]")


def _scope(sentence: str) -> str | None:
    """SCOPE.search(sentence), as text: the leftmost of the first other match and the first "since" that ends well."""
    other = _SCOPE_OTHER.search(sentence)
    limit = other.start() if other else len(sentence)
    stop = -1  # the first character after the current stretch of words and spaces
    for m in _SCOPE_SINCE.finditer(sentence):
        if m.start() >= limit:
            break
        if stop < m.end():
            found = _NOT_WORD_OR_SPACE.search(sentence, m.end())
            stop = found.start() if found else len(sentence)
        if stop == len(sentence) or sentence[stop] in ",.;" or (stop == len(sentence) - 1 and sentence[stop] == "\n"):
            return sentence[m.start(): stop].strip()
    return other.group(0).strip() if other else None


def claim_id(file_key: str, quote: str, offset: int = 0) -> str:
    """Stable id from the file, the sentence and where the figure sits in it: unchanged text keeps its ids.

    Nothing derived (category, claimant, the article's page name) goes in, so better extraction rules or a
    new article with the same title do not orphan an editor's review decisions.
    """
    return _claim_id_at(_claim_hash(file_key, quote), offset)


def _claim_hash(file_key: str, quote: str) -> Any:
    """The hash of a claim id up to the offset: computed once per sentence, however many figures it has."""
    return hashlib.sha1(f"{file_key}|{' '.join(quote.split())}|".encode("utf-8", "replace"))


def _claim_id_at(sentence_hash: Any, offset: int) -> str:
    h = sentence_hash.copy()
    h.update(str(offset).encode("utf-8", "replace"))
    return str(h.hexdigest()[:10])


def _unique(cid: str, used: set[str]) -> str:
    """The same sentence pasted in two places of one article: the second copy gets a suffix."""
    n, out = 1, cid
    while out in used:
        n += 1
        out = f"{cid}-{n}"
    used.add(out)
    return out


@dataclass
class Reading:
    """A figure read as a claim about people: the figure, its category, qualifier and subgroup (women, ...)."""

    figure: Figure
    category: str
    qualifier: str | None
    subgroup: str | None


@dataclass
class _Previous:
    """The figure read before in the same sentence: lists, breakdowns and elliptical figures carry on from it."""

    end: int = -1  # where its noun ends
    qualifier: str | None = None
    part: bool = False
    lost: bool = False
    group: str | None = None
    noun: str | None = None
    total: str | None = None  # the category of the last total, for the parts that follow it


class _Offsets:
    """Sorted offsets (where the figures of a sentence start), looked up by range."""

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = sorted(offsets)

    def within(self, lo: int, hi: int) -> list[int]:
        """The offsets f with lo <= f < hi."""
        return self.offsets[bisect.bisect_left(self.offsets, lo): bisect.bisect_left(self.offsets, hi)]


class _Outcomes:
    """The outcome words of a sentence as _outcome_matches finds them (in order, never overlapping, so their
    starts and their ends are both sorted), looked up by offset instead of read through for every figure."""

    def __init__(self, outcomes: list[tuple[int, int, str]]) -> None:
        self.items = outcomes
        self.starts = [s for s, _e, _o in outcomes]
        self.ends = [e for _s, e, _o in outcomes]
        self.start_set = set(self.starts)
        self.lost = [(s, e) for s, e, o in outcomes if o == "lost"]
        self.lost_ends = [e for _s, e in self.lost]

    def inside(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that start at lo or later and end by hi, in order."""
        return self.items[bisect.bisect_left(self.starts, lo): bisect.bisect_right(self.ends, hi)]

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that start between lo and hi (both included), in order."""
        return self.items[bisect.bisect_left(self.starts, lo): bisect.bisect_right(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that end between lo and hi (both included), in order."""
        return self.items[bisect.bisect_left(self.ends, lo): bisect.bisect_right(self.ends, hi)]

    def lost_before(self, pos: int) -> bool:
        """Is there a "lost" that ends by pos?"""
        return bool(self.lost_ends) and self.lost_ends[0] <= pos

    def last_lost(self, pos: int) -> tuple[int, int]:
        """The last "lost" that ends by pos."""
        k = bisect.bisect_right(self.lost_ends, pos) - 1
        if k < 0:
            raise ValueError("no 'lost' before the figure")
        return self.lost[k]


_BLOCK_WORDS = ("while", "whereas", "but", "although", "meanwhile", "which", "where", "whose")
_BLOCK_RE = re.compile(r"(?<= )(?:" + "|".join(_BLOCK_WORDS) + r")(?= )")
_SHORT_GAP = 200  # shorter texts between two figures are read as they are


class _Gaps:
    """Questions about the text between two offsets of a sentence (the gap since the figure read before), for
    gaps of any length: long ones are answered from an index of the whole sentence, made once, instead of a copy
    of the gap read through for every figure."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.indexed = False

    def _index(self) -> None:
        self.indexed = True
        s = self.sentence
        low = s.lower()
        self.low = low if len(low) == len(s) else None  # offsets only line up when lower-casing keeps them
        self.semicolons = [m.start() for m in re.finditer(";", s)]
        self.block_starts: list[int] = []
        self.block_ends: list[int] = []
        if self.low is not None:
            for m in _BLOCK_RE.finditer(self.low):
                self.block_starts.append(m.start())
                self.block_ends.append(m.end())
        # Every start where _PART_CUE matches (overlapping ones too: "of them" inside "consisting of them"), and
        # the least end of the matches from each onwards.
        cue_starts, cue_ends = [], []
        pos = 0
        while (cue := _PART_CUE.search(s, pos)) is not None:
            cue_starts.append(cue.start())
            cue_ends.append(cue.end())
            pos = cue.start() + 1
        least = [0] * len(cue_ends)
        for k in range(len(cue_ends) - 1, -1, -1):
            least[k] = min(cue_ends[k], least[k + 1]) if k + 1 < len(cue_ends) else cue_ends[k]
        self.cue_starts, self.cue_least_end = cue_starts, least

    def _inside_word(self, pos: int) -> bool:
        s = self.sentence
        return 0 < pos < len(s) and (s[pos - 1].isalnum() or s[pos - 1] == "_") and (s[pos].isalnum() or s[pos] == "_")

    def blocked(self, lo: int, hi: int) -> bool:
        """_clause_blocked(sentence[lo:hi])."""
        if hi - lo <= _SHORT_GAP:
            return _clause_blocked(self.sentence[lo:hi])
        if not self.indexed:
            self._index()
        low = self.low
        if low is None:
            return _clause_blocked(self.sentence[lo:hi])
        k = bisect.bisect_left(self.semicolons, lo)
        if k < len(self.semicolons) and self.semicolons[k] < hi:
            return True
        k = bisect.bisect_left(self.block_starts, lo)  # a word between spaces, inside the gap
        if k < len(self.block_starts) and self.block_ends[k] <= hi:
            return True
        for w in _BLOCK_WORDS:  # a word at either edge of the gap, where the gap's own edge counts as a space
            e = lo + len(w)
            if low.startswith(w, lo) and (e == hi or low[e] == " "):
                return True
            b = hi - len(w)
            if b > lo and low.startswith(w, b) and low[b - 1] == " ":
                return True
        return False

    def part_cue(self, lo: int, hi: int) -> bool:
        """_PART_CUE.search(sentence[lo:hi]) is not None."""
        if hi - lo <= _SHORT_GAP or self._inside_word(lo) or self._inside_word(hi):
            return _PART_CUE.search(self.sentence[lo:hi]) is not None  # short, or cut inside a word: as it is
        if not self.indexed:
            self._index()
        k = bisect.bisect_left(self.cue_starts, lo)
        return k < len(self.cue_starts) and self.cue_least_end[k] <= hi


def read_sentence(sentence: str, outcomes: list[tuple[int, int, str]], skip: list[tuple[int, int]],
                  raw_who: str | None, config: Config) -> list[Reading]:
    """The figures of a sentence that are claims about people, in order (skip: spans that are dates)."""
    figs = find_figures(sentence, skip)
    starts = _Offsets([f.start for f in figs])
    index = _Outcomes(outcomes)
    gaps = _Gaps(sentence)
    prev = _Previous()
    out = []
    for fig in figs:
        if fig.superseded or _not_a_count(sentence, fig):
            continue
        reading = _read_figure(sentence, fig, starts, index, raw_who, prev, config, gaps)
        if reading:
            out.append(reading)
    return out


def _people_of(sentence: str, fig: Figure, starts: _Offsets, prev: _Previous,
               config: Config) -> tuple[str | None, str | None, int, str | None] | None:
    """The group and noun a figure counts, where the noun ends and, when the words say it, the outcome."""
    group, noun, noun_end = _group_after(sentence, fig.noun_at or fig.end, config)
    if group == THING:
        return None  # "30 vehicles", "5 km", "40 percent of the civilians", "two police stations"
    of_dead = _OF_THE_DEAD.match(sentence, fig.end) if group is None else None
    named = [(w.lower(), g) for w in of_dead.group("pred").split() if (g := _word_group(w.lower(), config))] \
        if of_dead else []
    if of_dead and named:
        return named[0][1], named[0][0], of_dead.end(), "killed"
    of_total = _OF_THE_TOTAL.search(sentence, max(0, fig.start - 100), fig.start) if group is None else None
    were = _WERE_GROUP.match(sentence, fig.end) if of_total else None
    named = [(w.lower(), g) for w in were.group("pred").split() if (g := _word_group(w.lower(), config))] \
        if of_total and were else []
    if of_total and named:
        hurt = of_total.group("outcome").lower() in ("injured", "wounded")
        return named[0][1], named[0][0], fig.end, "injured" if hurt else "killed"
    if group is None and prev.group and prev.end >= 0 and _ends_with(
            _AND_ANOTHER_BEFORE, sentence, fig.start, start=prev.end, words=2) and _PLACE_AFTER.match(
            sentence, fig.end) and not starts.within(prev.end, fig.start):
        return prev.group, prev.noun, noun_end, None  # "killed 45 civilians in Aleppo and 22 in Idlib"
    return group, noun, noun_end, None


def _read_figure(sentence: str, fig: Figure, starts: _Offsets, outcomes: _Outcomes,
                 raw_who: str | None, prev: _Previous, config: Config, gaps: _Gaps | None = None) -> Reading | None:
    """One figure read in its sentence, or None when it is not a claim about people; prev is updated."""
    people = _people_of(sentence, fig, starts, prev, config)
    if people is None:
        return None
    group, noun, noun_end, outcome = people
    if group is None:
        if not _bare_figure_counts_people(sentence, fig, fig.quantity):
            return None
        group = _group_before(sentence, fig.start, raw_who)
    # "80 other wounded persons", "12 injured civilians": the outcome between figure and noun is theirs
    between = [o for _s, _e, o in outcomes.inside(fig.end, noun_end - len(noun or "")) if o != "lost"]
    outcome = outcome or (between[-1] if between else None) or _outcome_for(
        sentence, fig.start, noun_end, outcomes, group is not None, starts)
    gaps = gaps or _Gaps(sentence)
    # The text since the figure read before (prev.end): read where it is, not copied, as it can be long.
    has_gap = 0 <= prev.end < fig.start
    listed = not has_gap or _LISTED.fullmatch(sentence, prev.end, fig.start) is not None
    if outcome == "lost":
        outcome, group = _lost_as_killed(sentence, fig.start, group, noun, outcomes, prev.lost and listed)
    prev.lost = outcome == "killed" and outcomes.lost_before(fig.start)
    if (outcome is None and noun in ("lives", "life", "casualties", "fatalities")) or noun in ("martyr", "martyrs"):
        outcome = "killed"  # the noun says they died: "claimed 3,000 lives", "6 martyrs and 22 injured"
    category = _category(outcome, group, config) if outcome else None
    if category is None or (group == "people" and noun == "dead" and outcome != "killed"):
        return None
    part = prev.total is not None and not (has_gap and gaps.blocked(prev.end, fig.start)) and (
        (has_gap and gaps.part_cue(prev.end, fig.start)) or bool(_OF_THEM.match(sentence, fig.end))
        or (prev.part and listed))
    qualifier = _qualifier(sentence, fig.start) or ("at least" if sentence[fig.end: fig.end + 1] == "+" else None)
    if qualifier is None and prev.qualifier and listed and has_gap:
        qualifier = prev.qualifier  # "At least 31 civilians and 17 security personnel were killed"
    prev.end, prev.qualifier, prev.part, prev.group, prev.noun = noun_end, qualifier, part, group, noun
    sub = SUBGROUPS.get(noun or "") or SUBGROUPS.get((noun or "").rstrip("s"))
    if sub in _BREAKDOWN_ONLY and not part:
        sub = None
    if part and prev.total is not None:
        # A part of the total just given: its women, children or men are counted in the total's category and
        # kept apart from it by scope; any other part of the same kind ("one rescue worker" among 44 civilians)
        # is in the total already, not a rival figure.
        if sub:
            category = prev.total
        elif category == prev.total:
            return None
    else:
        prev.total = category
    return Reading(fig, category, qualifier, sub)


class _Spans:
    """Spans (start, end) in list order, with a lookup of those that overlap a range that does not scan them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.spans = spans
        self.order = order
        self.starts = [spans[k][0] for k in order]
        self.reach: list[int] = []  # the furthest end among the spans up to each one, in start order
        furthest = -1
        for k in order:
            furthest = max(furthest, spans[k][1])
            self.reach.append(furthest)

    def overlapping(self, lo: int, hi: int) -> list[int]:
        """Indexes (in list order) of the spans with start < hi and end > lo."""
        j = bisect.bisect_left(self.starts, hi) - 1
        out = []
        while j >= 0 and self.reach[j] > lo:  # spans before j all end by reach[j]: none of them can overlap
            k = self.order[j]
            if self.spans[k][1] > lo:
                out.append(k)
            j -= 1
        out.sort()
        return out


def extract_claims(article: Article, mentions: list[DateMention], config: Config) -> list[Claim]:
    """Every figure about people in the article, attributed, categorised and deduplicated."""
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    date_spans = [(m.start, m.end) for m in mentions if m.type in ("DATE", "TIME", "DURATION")]
    # Looked up per sentence by offset, so a long article costs no more per sentence than a short one.
    date_index = _Spans(date_spans)
    mention_index = _Spans([(m.start, m.start + 1) for m in mentions])
    starts = paragraph_starts(article.body)
    prev_para, prev_attr = -1, None
    last_speaker: str | None = None
    ids: set[str] = set()
    resolved: dict[tuple[str, str | None], str | None] = {}

    def resolve(raw: str, last: str | None) -> str | None:
        """resolve_claimant for this article: the same name after the same speaker always reads the same."""
        key = (raw, last)
        if key not in resolved:
            resolved[key] = resolve_claimant(raw, article, config, last)
        return resolved[key]

    for sent in split_sentences(article.body):
        raw_who, has_attr = find_attribution(sent.text)
        who = resolve(raw_who, last_speaker) if raw_who else None
        if has_attr and who:
            last_speaker = who
        if not has_attr and sent.paragraph == prev_para and prev_attr:
            who = prev_attr  # reported speech goes on in the next sentence of the same paragraph
        if sent.paragraph != prev_para:
            prev_attr = None
        prev_para = sent.paragraph
        if has_attr:
            prev_attr = who
        outcomes = _outcome_matches(sent.text)
        if not outcomes and not re.search(r"\b(?:lives|martyrs?)\b", sent.text, re.IGNORECASE):
            continue
        sent_end = sent.start + len(sent.text)
        sent_mentions = [mentions[k] for k in mention_index.overlapping(sent.start, sent_end)]
        clause_who = _clause_claimants(sent.text, article, config, last_speaker, resolve)
        skip = [(date_spans[k][0] - sent.start, date_spans[k][1] - sent.start)
                for k in date_index.overlapping(sent.start, sent_end)]
        readings = read_sentence(sent.text, outcomes, skip, raw_who, config)
        if not readings:
            continue
        # The same for every figure of the sentence: worked out once, not once per figure of a long sentence.
        sentence_scope = _scope(sent.text)
        quote = sent.text.strip()
        quote_hash = _claim_hash(article.file or article.path, quote)
        for r in readings:
            fig = r.figure
            who_here = next((w for lo, hi, w in clause_who if lo <= fig.start < hi), who)
            scope = sentence_scope
            if r.subgroup:
                scope = r.subgroup if not scope else f"{r.subgroup}, {scope}"
            key = (r.category, fig.quantity if not fig.vague else fig.text.lower(), fig.upper, r.qualifier,
                   (who_here or "").lower(), scope)
            if key in seen:
                continue
            seen.add(key)
            day = next((m.value for m in sent_mentions if m.precision == "day" and not m.stated and m.value), None)
            stated = next((m.value for m in sent_mentions if m.stated and m.value), None)
            claims.append(Claim(
                id=_unique(_claim_id_at(quote_hash, fig.start), ids),
                article_id=article.id, category=r.category, quantity=fig.quantity, qualifier=r.qualifier,
                claimant=who_here, quote=quote,
                location=Location(article.path, line_of(article, starts, sent.start + fig.start)),
                figure_text=fig.text, vague=fig.vague, scope=scope, date=day[:10] if day else None,
                stated_on=stated[:10] if stated else article.published_day, upper=fig.upper, earlier=fig.earlier,
            ))
    return claims
