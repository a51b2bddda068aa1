"""The people a figure counts: the noun after it ("15 security personnel", "34 Palestinians"), the group that noun
is in (rules/people.yml), editors' own group words, nouns of things that are no people (rules/things.yml), and
the words around the parts of a total ("including 40 men", "of the 45 killed, 30 were civilians").
"""

from __future__ import annotations

import re

from generator import rules
from generator.claims.clauses import CLAUSE_STOP, PREPOSITIONS
from generator.claims.sentences import tokens
from generator.config import Config


def _rule(name: str) -> rules.Rule:
    return rules.rule("people", name)


GROUPS = ("militants", "security", "civilians", "hostages", "inmates", "bodies", "people")
GROUP_WORDS: dict[str, tuple[str, ...]] = {group: _rule(group).words for group in GROUPS}
_WORD_GROUP = {w: g for g, words in GROUP_WORDS.items() for w in words}
# "500 deaths", "20 arrests": nouns of what befalls one person each count people, right after the figure
_EVENT_NOUNS = frozenset(_rule("events_of_people").words)
# Subgroups of the people counted: a figure for them is a part of a total, not a rival figure.
SUBGROUPS: dict[str, str] = dict(_rule("subgroups").table)
# "Men" is a subgroup only inside a breakdown ("61 killed, including 40 men"): "gunmen killed 14 men" is the toll.
BREAKDOWN_ONLY = frozenset(_rule("breakdown_only").words)
# Words that open the parts of a total: "61 people were killed, including 40 men", "82 dead, among them 18 children"
PART_CUE = re.compile(rf"\b(?:{_rule('part_cues').alternation()})\b", re.IGNORECASE)
_DEAD_WORDS = _rule("the_dead").alternation()
# "Of the 45 killed, 30 were civilians": the part the sentence names after a total of the dead
OF_THE_TOTAL = re.compile(rf"\bof\s+(?:the|those)\s+(?:[\d,]+\s+)?(?:[a-z]+\s+)?(?P<outcome>{_DEAD_WORDS}|"
                          rf"{_rule('the_hurt').alternation()})\b[^.;]{{0,60}}$", re.IGNORECASE)
WERE_GROUP = re.compile(r"\s+(?:were|are)\s+(?:all\s+|also\s+)?(?P<pred>[a-z-]+(?:\s+[a-z-]+){0,2})", re.IGNORECASE)
# "14 of the dead were rebels": the part of the dead the sentence names
OF_THE_DEAD = re.compile(rf"\s+of\s+(?:the|those)\s+(?:{_DEAD_WORDS})\s+(?:were|was|are|included)\s+"
                         r"(?P<pred>[a-z-]+(?:\s+[a-z-]+){0,2})", re.IGNORECASE)
OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)
# Plural demonyms name people: "34 Palestinians were killed", "12 Afghans", "5 Israelis"
_DEMONYM = re.compile(_rule("demonyms").pattern)
# Lower-case words that modify a noun of people ("regime forces", "government troops"), unlike "overnight".
_MODIFIERS = frozenset(_rule("modifiers").words)
# Subjects that say whose men were lost: "the group lost seven of its men", "the military lost 12 men".
SUBJECT_GROUP: dict[str, str] = dict(_rule("subject_groups").table)
# "executed the families of five rebels": the families are the ones killed, not the five
POSSESSOR = re.compile(rf"\b(?:{_rule('possessors').alternation()})\s+of\s+(?:the\s+)?$", re.IGNORECASE)

THING = "thing"  # what group_after says when a figure counts things, not people
# Nouns of things and units: a figure that counts them is not a figure about people.
THINGS = frozenset(rules.rule("things", "things").words)

_SKIPPED_FIRST = ("of", "among")  # "dozens of soldiers", "seven of its fighters"
_DETERMINERS = frozenset(rules.rule("clauses", "determiners").words)
_HOSTAGE_NOUNS = ("hostage", "hostages")
_LIST_WORDS = ("and", "or")
_NOUN_STOPS = frozenset(rules.rule("clauses", "noun_stops").words)
_THE_WORD = re.compile(r"\bthe\s+(\w+)")


def is_thing(low: str) -> bool:
    """A noun of things or units ("vehicles", "km", "clashes", "cities"), in the singular or plural."""
    return low in THINGS or (low.endswith("s") and low[:-1] in THINGS) or (
        low.endswith("es") and low[:-2].endswith(("s", "x", "ch", "sh", "z")) and low[:-2] in THINGS) or (
        low.endswith("ies") and low[:-3] + "y" in THINGS)


def _event_noun(low: str) -> bool:
    """ "deaths", "arrests", "injuries": a noun of what befalls one person each (rules/people.yml)."""
    return low in _EVENT_NOUNS or low.rstrip("s") in _EVENT_NOUNS or (low.endswith("ies") and low[:-3] + "y" in
                                                                      _EVENT_NOUNS)


def word_group(low: str, config: Config) -> str | None:
    """The people a word names ("soldiers" -> security), or None."""
    return custom_group(low, config) or _WORD_GROUP.get(low) or _WORD_GROUP.get(low.rstrip("s")) or (
        _WORD_GROUP.get(low[:-2]) if low.endswith("es") else None)


def builtin_group(low: str) -> str | None:
    """The built-in group of a word, singular or plural in -s (editors' words left out)."""
    return _WORD_GROUP.get(low) or _WORD_GROUP.get(low.rstrip("s"))


def custom_group(word: str, config: Config) -> str | None:
    """An editor's category whose words name the word ("custom:<name>"), or None."""
    for rule in config.categories:
        if word in rule.words or word.rstrip("s") in rule.words:
            return f"custom:{rule.name}"
    return None


def names_people(phrase: str) -> bool:
    """Whether a phrase ends with a noun of people ("rescue worker", "Pakistanis"), as the part of a total does."""
    words = phrase.split()
    return bool(words) and (builtin_group(words[-1].lower()) is not None or bool(_DEMONYM.fullmatch(words[-1])))


def subgroup(noun: str | None) -> str | None:
    """The subgroup a noun names (children, women, men), or None."""
    return SUBGROUPS.get(noun or "") or SUBGROUPS.get((noun or "").rstrip("s"))


def group_after(sentence: str, end: int, config: Config) -> tuple[str | None, str | None, int]:
    """The people a figure counts: the head noun in the few words after it ("15 security personnel")."""
    group, noun, noun_end = None, None, end
    words = modifiers = 0  # words before the noun; modifiers among them: "70 Syrian regime and rebel fighters"
    after_prep = False  # "61 over the past two days": "days" is not what 61 counts
    toks = tokens(sentence[end: end + 100])
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
        if low in _SKIPPED_FIRST and n <= 2 and group is None:
            continue
        if low in _DETERMINERS and group is None:
            if words:
                break  # "20 dead the explosion": a new noun phrase
            continue
        if group is not None and low in _HOSTAGE_NOUNS:
            break  # "held 40 passengers hostage": the outcome, not the people counted
        if low in PREPOSITIONS:
            after_prep = True
        elif is_thing(low) and not after_prep:
            following = toks[k + 1][0].lower() if k + 1 < len(toks) else ""
            if not word_group(following, config):
                return THING, low, end + e  # "12 civilian homes": the people word was an adjective
            continue  # "six school children": the thing is the adjective
        following = toks[k + 1][0] if k + 1 < len(toks) else ""
        hit = word_group(low, config) or (
            "people" if group is None and _DEMONYM.fullmatch(tok) and not following[:1].isupper() else None) or (
            "people" if group is None and words <= 1 and _event_noun(low) else None)
        if hit and after_prep and group is None:
            break  # "wounded 29 with most casualties in the market": not what 29 counts
        if hit:
            group, noun, noun_end = hit, low, end + e
            continue
        if group is not None:
            break
        if low in _LIST_WORDS and modifiers:
            continue  # the modifiers of one noun, joined: "regime and rebel fighters"
        if not tok[0].isalpha() or low in CLAUSE_STOP or low in _NOUN_STOPS:
            break
        words += 1
        modifiers += tok[0].isupper() or "-" in tok or low in _MODIFIERS
    return group, noun, noun_end


def group_before(sentence: str, fig_start: int, claimant: str | None) -> str | None:
    """For "pursuing the insurgents, with at least 700 killed": the definite group named just before."""
    found = list(_THE_WORD.finditer(sentence[max(0, fig_start - 70): fig_start]))
    if not found:
        return None
    m = found[-1]
    word = m.group(1).lower()
    if claimant and word in claimant.lower():
        return None
    group = builtin_group(word)
    return group if group in ("militants", "security", "civilians") else None
