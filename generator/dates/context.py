"""What the words around a temporal expression say about it.

Does the verb that governs it look forward ("will meet on Monday") or back? Does it date a statement ("said on
Sunday")? Is its number a count ("2000 people") or an age ("6 months and older") rather than a date? The cue
words are rules of generator/rules/temporal.yml; the patterns here put them in their place before or after
the expression.
"""

from __future__ import annotations

import datetime as dt
import re

from generator import rules
from generator.dates.patterns import PART_MODS
from generator.dates.timex import safe_date


def _words(name: str) -> str:
    return rules.rule("temporal", name).alternation()


FUTURE_CUES = re.compile(rf"\b(?:{_words('future_cues')})\b", re.IGNORECASE)
_FUTURE_AFTER = re.compile(rf"\s*(?:{_words('future_cues_after')})\b")  # "the vote on Monday will ..."
# A past-tense verb after the future cue governs the date: "they will never forget what happened on Saturday".
PAST_VERB = re.compile(rf"\b(?:\w+ed|{_words('past_verbs')})\b", re.IGNORECASE)
PASSIVE = re.compile(rf"\b(?:{_words('passive_auxiliaries')})\s+\w+ed\b", re.IGNORECASE)  # "to be published"
# "until Saturday", and "until late June", "through mid-June" (the month patterns start at "mid").
UNTIL_BEFORE = re.compile(rf"\b(?:{_words('until_words')})\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
SPEECH_BEFORE = re.compile(
    rf"\b(?:{_words('speech_before')})\s+(?:(?:{_words('speech_modifiers')})\s+)?(?:on\s+)?$", re.IGNORECASE)
SPEECH_NOUNS = re.compile(r"^\s*(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:\w+(?:'s|’s)?\s+){0,2}"
                          rf"(?:{_words('speech_nouns')})", re.IGNORECASE)
# Modifiers written before "on Saturday" that TimeML keeps out of the extent but in `mod`.
_MOD_BEFORE = re.compile(rf"\b({_words('day_part_modifiers')})\s+(?:on\s+)?$", re.IGNORECASE)
_COUNTED_AFTER = re.compile(rf"\s+(?:{_words('counted_nouns')})\b", re.IGNORECASE)  # "2000 people"
_LABEL_BEFORE = re.compile(rf"\b(?:{_words('number_labels')})\s$")  # "Flight 1907"
_CASUALTY_AFTER = re.compile(rf"\s+(?:were\s+|are\s+)?(?:{_words('casualty_words')})\b")  # "2000 killed"
_PREPOSITION_BEFORE = re.compile(rf"\b(?:{_words('year_prepositions')})\s$", re.IGNORECASE)  # "in 2019 killed 30"
_AGE_BOUND_AFTER = re.compile(rf"\s+(?:and|or)\s+(?:{_words('age_bounds')})\b")  # "6 months and older"


def sentence_before(text: str, start: int, limit: int = 160) -> str:
    """The part of the sentence before `start` (at most `limit` characters back)."""
    lo = max(0, start - limit)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "))
    return chunk[cut + 1:] if cut >= 0 else chunk


def is_future(text: str, start: int, end: int) -> bool:
    """Does the verb governing a date point forward ("will meet on Monday") rather than back?"""
    before = sentence_before(text, start)
    cues = list(FUTURE_CUES.finditer(before))
    if cues and not PAST_VERB.search(PASSIVE.sub(" ", before[cues[-1].end():])):
        return True
    if UNTIL_BEFORE.search(before[-25:]):
        return True  # "postponed until Saturday", "the programme runs through June": the coming one
    return bool(_FUTURE_AFTER.match(text[end: end + 40]))


def infer_year(month: int, day: int, dct: dt.date, future: bool) -> int:
    """Year for a date written without one: the one that keeps it near the publication date."""
    cand = safe_date(dct.year, month, min(day, 28) if month == 2 and day > 28 else day) or dt.date(dct.year, month, 1)
    if future and cand < dct - dt.timedelta(days=31):
        return dct.year + 1
    if not future and cand > dct + dt.timedelta(days=31):
        return dct.year - 1
    return dct.year


def is_stated(text: str, start: int) -> bool:
    """Whether a day dates a statement: "the army said late on Saturday", "in a statement on Monday"."""
    return bool(SPEECH_BEFORE.search(text[max(0, start - 60): start]))


def mod_before(text: str, start: int) -> str | None:
    """The TIMEX3 mod of "late on" or "early" written just before a day: "late on Saturday" -> END."""
    mb = _MOD_BEFORE.search(text[max(0, start - 30): start])
    return PART_MODS.get(mb.group(1).lower()) if mb else None


def after_speech_noun(rest: str) -> bool:
    """Whether the text after "a day before" names a statement: "a day before the governor's remarks"."""
    return bool(SPEECH_NOUNS.match(rest))


def is_count(text: str, start: int, end: int) -> bool:
    """Whether a four-digit number is a count, not a year: "2000 people", "Flight 1907", "2000 killed" (but
    "in 2019 killed 30" is a year)."""
    if _COUNTED_AFTER.match(text[end: end + 20]):
        return True
    before = text[max(0, start - 12): start]
    if _LABEL_BEFORE.search(before):
        return True
    return bool(_CASUALTY_AFTER.match(text[end: end + 20]) and not _PREPOSITION_BEFORE.search(before))


def is_age(text: str, start: int, end: int) -> bool:
    """Whether a length of time is an age: "a 6-month-old", "children 6 months and older", "aged 2 years"."""
    return bool(re.search(r"-old\b|\s+old\b", text[end:end + 6]) or re.match(r"\s*old\b", text[end:end + 5])
                or _AGE_BOUND_AFTER.match(text[end:end + 20])
                or re.search(r"\b(?:ages?|aged)\s+$", text[max(0, start - 6):start]))
