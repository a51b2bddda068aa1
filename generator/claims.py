"""Claims stage: figures about people (killed, injured, freed, ...), who states them, and the sentence.

Rule-based on purpose: every decision can be traced to a word in the sentence, and editors can
correct it in front matter. The rules read the sentence around each figure: the people it counts
(the noun after it), what happened to them (the nearest outcome word in the same clause), the
qualifier before it, and the attribution ("X said", "according to X") in the sentence or, for
reported speech, in the sentence before it in the same paragraph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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
FIGURE = re.compile(r"(?<![\w$£€.,:/+#-])" + _FIGURE_BODY, re.IGNORECASE)
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


def _next_word(sentence: str, pos: int) -> str:
    m = re.match(r"\s*([A-Za-z]+)", sentence[pos:])
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
    raw = [f for m in _lower_matches(_FIGURE_LOWER, FIGURE, sentence) if (f := _figure(m, sentence))
           and not any(lo <= f.start < hi for lo, hi in skip or ())]
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
                re.match(r"\s+(?:of|were|are|was|is)\b", sentence[b.end:]) or (b.quantity in (10, 100, 1000) and not
                                                                           _is_thing(_next_word(sentence, b.end)))):
            a.superseded = b.superseded = True  # "3 in 10 of those killed": a ratio, not a count
    for k, f in enumerate(out):
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
            others = out[k + 1:] if first_put else out[k - 1::-1] if k else []
            target = next((o for o in others if not o.superseded), None)
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
    return bool(re.search(r"\b[A-Z][a-z]+,\s*$", lead) and re.match(r"\s*,", sentence[fig.end:]))


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
        if outcome not in ("killed", "injured") and m.start() and sentence[m.start()].isupper() and re.match(
                r"\s+[A-Z]", sentence[m.end():]):
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
                    outcomes: list[tuple[int, int, str]], continues_list: bool) -> tuple[str | None, str | None]:
    """ "The army lost 12 soldiers": killed, when people follow "lost" at once; "its men" are the subject's."""
    lost_start, lost_end = max((s, e) for s, e, o in outcomes if o == "lost" and e <= fig_start)
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


def _clause_blocked(text: str) -> bool:
    low = f" {text.lower()} "
    return any(f" {w} " in low for w in ("while", "whereas", "but", "although", "meanwhile", "which", "where",
                                          "whose")) or ";" in text


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


def _outcome_for(sentence: str, fig_start: int, noun_end: int, outcomes: list[tuple[int, int, str]],
                 has_noun: bool, figure_starts: tuple[int, ...] = ()) -> str | None:
    """The outcome word governing a figure: passive after it, else active or nominal before it."""
    own = _OWN_PREDICATE.match(sentence, noun_end)
    if own and not any(s == own.start("verb") for s, _e, _o in outcomes):
        return None  # "1,100 other children are suffering acute malnutrition": the figure has its own verb
    right = [(s, o) for s, _e, o in outcomes if s >= noun_end and s - noun_end <= 90 and o != "lost"
             and not _clause_blocked(sentence[noun_end:s])]
    left = [(e, o) for s, e, o in outcomes if e <= fig_start and fig_start - e <= 100
            and not _clause_blocked(sentence[e:fig_start]) and not _bare_nominal(sentence, s, e, fig_start)]
    if _POSSESSOR.search(sentence, max(0, fig_start - 40), fig_start):
        # "executed the families of five rebels", "the wives of the five were among the dead": the families were
        # killed, not the five; only "the families of the 12 people killed" says it of the five
        left = []
        right = [(s, o) for s, o in right if not sentence[noun_end:s].strip(" ,+")]
    # Another figure between this one and the outcome after it: the outcome is the other figure's, except in lists
    # ("17 children and 6 women were killed"), in "68 children were among the 126 people killed" and in "three
    # people, two of them children, died"
    crossing = [f for f in figure_starts if right and noun_end <= f < right[0][0]]
    crosses = not re.match(r"\s*(?:were|was|are)\s+(?:also\s+)?among\b", sentence[noun_end:]) and any(
        not re.match(r"\S+\s+of\s+(?:them|whom)\b", sentence[f:])
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


def _np_before(text: str) -> str:
    """The noun phrase just before an attribution verb, back to a clause boundary."""
    if re.search(r"\band\s*$", text):
        # "The rebels disputed the figure and said": the speaker is the subject of the first verb
        words = re.split(r"[,;]", text)[-1].split()
        subject = []
        for w in words:
            if _VERBISH.match(w):
                break
            subject.append(w)
        return " ".join(subject) if 0 < len(subject) < len(words) else ""
    chunk = _NP_CUT.split(text)[-1]
    chunk = re.sub(r"\b(?:has|have|had|also|later|earlier|previously|then|separately|officially|"
                   r"in a statement|on \w+day)\b\s*$", "", chunk.strip(), flags=re.IGNORECASE).strip()
    chunk = re.sub(r"\b(?:has|have|had|also|later|earlier)\s*$", "", chunk.strip(), flags=re.IGNORECASE).strip()
    return chunk


_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,|\s*\([^)]*\)")


def find_attribution(sentence: str) -> tuple[str | None, bool]:
    """Who the sentence attributes its figures to, and whether it has an attribution at all."""
    m = _ACCORDING.search(sentence)
    if m:
        return _clean_claimant(m.group("who")), True
    sentence = _RELATIVE.sub("", sentence)  # "The BLA, which says it staged the raids, claimed ..."
    m = _INVERTED.search(sentence)
    if m and m.start() > 0 and sentence[: m.start()].rstrip().endswith(","):
        return _clean_claimant(m.group("who")), True
    for v in _ATTR_AFTER.finditer(sentence):
        verb = v.group("verb").lower()
        if verb in ("claim", "claims", "claimed") and re.match(r"\s+(?:responsibility|the lives|lives)",
                                                                sentence[v.end():]):
            continue
        if verb == "estimated" and re.search(r"\ban\s+$", sentence[: v.start()]):
            continue  # "an estimated 50,000 supporters": a qualifier, not a speaker
        if verb in ("put", "putting") and not re.match(r"\s+the (?:death )?toll", sentence[v.end():]):
            continue
        if verb == "reported" and re.search(r"\b(?:were|was|been|is|are)\s+$", sentence[: v.start()]):
            continue  # "were reported to have been sealed off": passive, no speaker
        who = _np_before(sentence[: v.start()])
        cleaned = _clean_claimant(who) if who else None
        if cleaned:
            return cleaned, True
    m = _ING_ATTR.search(sentence)
    if m:
        subject = re.split(r"\s+(?:has|have|had|was|were|is|are|claimed|said|took|earlier)\b",
                           sentence[: m.start()], maxsplit=1)[0]
        return _clean_claimant(subject), True
    return None, False


def _clause_claimants(sentence: str, article: Article, config: Config,
                      last: str | None) -> list[tuple[int, int, str | None]]:
    """For sentences joined by ';', each clause's own attribution: (start, end, claimant)."""
    if ";" not in sentence:
        return []
    out, pos = [], 0
    for part in sentence.split(";"):
        raw, has = find_attribution(part)
        if has and raw:
            out.append((pos, pos + len(part) + 1, resolve_claimant(raw, article, config, last)))
        pos += len(part) + 1
    return out


@lru_cache(maxsize=16384)
def claimant_key(name: str) -> str:
    """A claimant name as matched: lower case, without 'the', "'s", official or punctuation."""
    s = re.sub(r"['’]s\b", "", name.lower())
    s = re.sub(r"\b(?:the|a|an|provincial|federal|official|officials'?)\b", " ", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


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
    """Canonical actor for a claimant ("Pakistan's army" -> "Pakistan military"), or None."""
    key = claimant_key(name)
    for canonical, aliases in actors.items():
        for alias in [canonical, *aliases]:
            akey = claimant_key(alias)
            if not akey:
                continue
            if key == akey:
                return canonical
            if key.endswith(" " + akey):
                words = key[: -len(akey)].split()
                if 1 <= len(words) <= 2 and all(w[:1].isalpha() for w in words):
                    original = [w for w in re.findall(r"[A-Za-z]+", re.sub(r"['’]s\b", "", name))
                                if w.lower() in words]
                    if original and all(w[:1].isupper() for w in original):
                        prefix = " ".join(original)
                        return f"{prefix} {canonical[0].lower()}{canonical[1:]}"
    return None


@lru_cache(maxsize=4096)
def _expand_title(name: str, body: str) -> str | None:
    """'the chief minister' or 'Bugti' -> 'Chief Minister Sarfraz Bugti' when the article names them so."""
    words = claimant_key(name).split()
    if not words or len(words) > 4:
        return None
    if len(words) == 1 and name[:1].isupper():
        pat = re.compile(rf"\b((?:[A-Z][a-z]+\s+){{1,4}}){re.escape(name)}\b")
        best = None
        for m in pat.finditer(body):
            cand = (m.group(1) + name).strip()
            cand = re.sub(r"^(?:The|A|An|On|In|At|By|Provincial|But|And)\s+", "", cand)
            if best is None or len(cand) > len(best):
                best = cand
        return best
    if name[:1].islower() or name.lower().startswith("the "):
        title = r"\s+".join(w.capitalize() for w in words)
        named = re.search(rf"\b{title}\s+((?:[A-Z][a-z]+\s*){{1,3}})", body)
        if named:
            return f"{' '.join(w.capitalize() for w in words)} {named.group(1).strip()}"
    return None


def _scope(sentence: str) -> str | None:
    m = SCOPE.search(sentence)
    return m.group(0).strip() if m else None


def claim_id(file_key: str, quote: str, offset: int = 0) -> str:
    """Stable id from the file, the sentence and where the figure sits in it: unchanged text keeps its ids.

    Nothing derived (category, claimant, the article's page name) goes in, so better extraction rules or a
    new article with the same title do not orphan an editor's review decisions.
    """
    key = f"{file_key}|{' '.join(quote.split())}|{offset}"
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:10]


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


def read_sentence(sentence: str, outcomes: list[tuple[int, int, str]], skip: list[tuple[int, int]],
                  raw_who: str | None, config: Config) -> list[Reading]:
    """The figures of a sentence that are claims about people, in order (skip: spans that are dates)."""
    figs = find_figures(sentence, skip)
    starts = tuple(f.start for f in figs)
    prev = _Previous()
    out = []
    for fig in figs:
        if fig.superseded or _not_a_count(sentence, fig):
            continue
        reading = _read_figure(sentence, fig, starts, outcomes, raw_who, prev, config)
        if reading:
            out.append(reading)
    return out


def _people_of(sentence: str, fig: Figure, starts: tuple[int, ...], prev: _Previous,
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
    gap = sentence[prev.end: fig.start] if prev.end >= 0 else ""
    if group is None and prev.group and re.search(r"\band\s+(?:another\s+)?$", gap) and re.match(
            r"\s+(?:in|on|at|near|across|inside|outside|from)\b", sentence[fig.end:]) and not any(
            prev.end <= f < fig.start for f in starts):
        return prev.group, prev.noun, noun_end, None  # "killed 45 civilians in Aleppo and 22 in Idlib"
    return group, noun, noun_end, None


def _read_figure(sentence: str, fig: Figure, starts: tuple[int, ...], outcomes: list[tuple[int, int, str]],
                 raw_who: str | None, prev: _Previous, config: Config) -> Reading | None:
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
    between = [o for s, e, o in outcomes if fig.end <= s and e <= noun_end - len(noun or "") and o != "lost"]
    outcome = outcome or (between[-1] if between else None) or _outcome_for(
        sentence, fig.start, noun_end, outcomes, group is not None, starts)
    gap = sentence[prev.end: fig.start] if prev.end >= 0 else ""
    listed = re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*", gap) is not None
    if outcome == "lost":
        outcome, group = _lost_as_killed(sentence, fig.start, group, noun, outcomes, prev.lost and listed)
    prev.lost = outcome == "killed" and any(o == "lost" for _s, e, o in outcomes if e <= fig.start)
    if (outcome is None and noun in ("lives", "life", "casualties", "fatalities")) or noun in ("martyr", "martyrs"):
        outcome = "killed"  # the noun says they died: "claimed 3,000 lives", "6 martyrs and 22 injured"
    category = _category(outcome, group, config) if outcome else None
    if category is None or (group == "people" and noun == "dead" and outcome != "killed"):
        return None
    part = prev.total is not None and not _clause_blocked(gap) and (
        bool(_PART_CUE.search(gap)) or bool(_OF_THEM.match(sentence, fig.end)) or (prev.part and listed))
    qualifier = _qualifier(sentence, fig.start) or ("at least" if sentence[fig.end: fig.end + 1] == "+" else None)
    if qualifier is None and prev.qualifier and listed and gap:
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


def extract_claims(article: Article, mentions: list[DateMention], config: Config) -> list[Claim]:
    """Every figure about people in the article, attributed, categorised and deduplicated."""
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    date_spans = [(m.start, m.end) for m in mentions if m.type in ("DATE", "TIME", "DURATION")]
    starts = paragraph_starts(article.body)
    prev_para, prev_attr = -1, None
    last_speaker: str | None = None
    ids: set[str] = set()
    for sent in split_sentences(article.body):
        raw_who, has_attr = find_attribution(sent.text)
        who = resolve_claimant(raw_who, article, config, last_speaker) if raw_who else None
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
        sent_mentions = [m for m in mentions if sent.start <= m.start < sent.start + len(sent.text)]
        clause_who = _clause_claimants(sent.text, article, config, last_speaker)
        skip = [(s - sent.start, e - sent.start) for s, e in date_spans
                if s < sent.start + len(sent.text) and e > sent.start]
        for r in read_sentence(sent.text, outcomes, skip, raw_who, config):
            fig = r.figure
            who_here = next((w for lo, hi, w in clause_who if lo <= fig.start < hi), who)
            scope = _scope(sent.text)
            if r.subgroup:
                scope = r.subgroup if not scope else f"{r.subgroup}, {scope}"
            quote = sent.text.strip()
            key = (r.category, fig.quantity if not fig.vague else fig.text.lower(), fig.upper, r.qualifier,
                   (who_here or "").lower(), scope)
            if key in seen:
                continue
            seen.add(key)
            day = next((m.value for m in sent_mentions if m.precision == "day" and not m.stated and m.value), None)
            stated = next((m.value for m in sent_mentions if m.stated and m.value), None)
            claims.append(Claim(
                id=_unique(claim_id(article.file or article.path, quote, fig.start), ids),
                article_id=article.id, category=r.category, quantity=fig.quantity, qualifier=r.qualifier,
                claimant=who_here, quote=quote,
                location=Location(article.path, line_of(article, starts, sent.start + fig.start)),
                figure_text=fig.text, vague=fig.vague, scope=scope, date=day[:10] if day else None,
                stated_on=stated[:10] if stated else article.published_day, upper=fig.upper, earlier=fig.earlier,
            ))
    return claims
