"""The patterns of the date tagger, built once at import from the rules and the structural glue written here.

The words come from generator/rules: month and weekday names from calendar.yml, number words from numbers.yml,
the tagger's own vocabularies from temporal.yml. What stays in code is what puts them together (digits, ISO
dates, the order of the parts of an expression) and the relative words that each pattern's resolver reads
("last", "next", "the following").

PATTERNS is also the order of tagging: an expression is tagged by the first pattern that finds it, and each
later pattern only fills the text that the earlier ones left free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator import rules


def _rule(name: str, file: str = "temporal") -> rules.Rule:
    return rules.rule(file, name)


def _words(name: str, file: str = "temporal") -> str:
    """A rule as a regex alternation (longest first) to build a pattern with."""
    return _rule(name, file).alternation()


def _alternation(terms: Iterable[str]) -> str:
    """Words as a regex alternation, longest first (as rules.Rule.alternation writes one rule's words)."""
    return "|".join(re.escape(w) for w in sorted(terms, key=lambda w: (-len(w), w)))


# --- the vocabularies the resolvers look words up in ------------------------------------------------------

# "March", "Mar", "Sept" -> 3, 3, 9 (a full stop after an abbreviation is dropped before the look-up).
MONTH_NUMBERS: dict[str, int] = {**_rule("months", "calendar").table,
                                 **_rule("month_abbreviations", "calendar").table}
WEEKDAY_NUMBERS: dict[str, int] = _rule("weekdays", "calendar").table  # Monday 0
# The number words a length of time may be counted with ("three days ago"), and "a day", "an hour".
COUNTS: dict[str, int] = {**_rule("units", "numbers").table, **_rule("tens", "numbers").table,
                          **_rule("article_counts").table}
UNIT_CODES: dict[str, str] = _rule("duration_units").table  # "days" -> "D"
PART_MODS: dict[str, str] = _rule("part_of_period").table  # "late" -> "END"
DAY_PART_CODES: dict[str, str] = _rule("day_parts").table  # "night" -> "NI"
SEASONS: dict[str, list[Any]] = _rule("seasons").table  # "summer" -> ["SU", 6]
FREQUENCY_CODES: dict[str, str] = _rule("frequency_adverbs").table  # "weekly" -> "W"
REFERENCE_VALUES: dict[str, str | None] = _rule("reference_words").table  # "now" -> "PRESENT_REF"
DEICTIC_DAYS: dict[str, dict[str, Any]] = _rule("deictic_days").table  # "last night" -> -1 day, at night


def month_number(name: str) -> int:
    """The month a name the MONTH pattern found stands for: "Sept." -> 9."""
    return MONTH_NUMBERS[name.rstrip(".")]


def count_of(word: str) -> int | None:
    """The number a count of a duration stands for: "10,000" -> 10000, "three" -> 3, "a" -> 1; "several" -> None."""
    w = word.lower().replace(",", "")  # "10,000 years ago"
    if w.isdigit():
        return int(w)
    return COUNTS.get(w)


# --- the parts of the patterns ----------------------------------------------------------------------------

MONTH = rf"(?:{_words('months', 'calendar')}|(?:{_words('month_abbreviations', 'calendar')})\.?)(?![A-Za-z])"
WEEKDAY_NAMES = _words("weekdays", "calendar")
WEEKDAY = rf"(?:{WEEKDAY_NAMES})(?![A-Za-z])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
# Full dates ("12 March 1650", "March 12, 2150", "2101-01-01") are read with any four-digit year, so that one
# outside MIN_YEAR-MAX_YEAR is reported rather than taken for a date in the publication year.
FULL_YEAR = r"\d{4}"
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}|{_alternation(COUNTS)}|{_words('vague_counts')})"
UNIT = rf"(?:{_words('duration_units')})"
PART = _words("part_of_period")  # early|late|mid
# Put in front of a pattern whose matches all start with a letter or a digit: the same matches, found faster on a
# long text (the regular expression engine skips the other characters without trying the whole pattern there).
WORD_START = r"(?=[^\W_])"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dmy", re.compile(rf"\b(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH}),?\s+(?P<y>{FULL_YEAR})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{FULL_YEAR})\b")),
    ("mdrange", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\s*(?:-|–|to|through|and)\s*(?P<d2>{DAY})\b(?!:)")),
    ("dmrange", re.compile(rf"\b(?P<d>{DAY})\s*(?:-|–|to|and)\s*(?P<d2>{DAY})\s+(?P<mon>{MONTH})")),
    ("dm", re.compile(rf"\b(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})")),
    ("md", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?![:\d])")),
    ("my", re.compile(rf"{WORD_START}(?:\b(?P<mod>{PART}|{_words('period_edges')})[\s-]+)?"
                      rf"\b(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{FULL_YEAR})\b")),
    ("m", re.compile(rf"(?:\b(?P<rel>last|next|this|{PART})[\s-]+|\b(?P<prep>in|In|since|Since|by"
                     r"|until|till|during|from|From|through|of|before|after)\s+)"
                     rf"(?P<mon>{MONTH})")),
    ("set", re.compile(rf"\b(?:(?:every|each)\s+(?P<u>day|week|month|year|morning|night|{WEEKDAY_NAMES})"
                       rf"|(?P<adv>{_words('frequency_adverbs')}))\b")),
    ("weekday", re.compile(rf"(?:\b(?P<rel>last|next|this|coming|past|Last|Next|This)\s+"
                           rf"|\b(?P<mod>{_words('day_part_modifiers')})\s+)?"
                           rf"\b(?P<wd>{WEEKDAY})(?:\s+(?P<part>{_words('day_parts')}))?")),
    ("deictic", re.compile(rf"\b(?P<w>{_words('deictic_days')})\b", re.IGNORECASE)),
    ("unitrel", re.compile(r"\b(?P<rel>last|this|next|past|previous|coming)\s+(?:(?:fiscal|financial|calendar)\s+)?"
                           r"(?P<u>week|month|year|weekend)\b", re.IGNORECASE)),
    ("season", re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<s>{_words('seasons')})\b")),
    ("century", re.compile(r"\b(?:the\s+)?(?P<n>1?\d|2[01])(?:st|nd|rd|th)[\s-]+[Cc]entury\b")),
    ("ago", re.compile(rf"{WORD_START}\b(?P<n>{NUM})\s+(?P<u>{_words('counted_back_units')})\s+(?P<dir>ago"
                       r"|earlier|later|before|after|from now)\b",
                       re.IGNORECASE)),
    ("anaphor", re.compile(r"\b(?:the\s+(?P<rel>next|following|previous|same)\s+(?P<u>day|morning|evening"
                           r"|night|week|month|year)"
                           r"|the\s+day\s+(?P<rel2>before|after)|that\s+(?P<u2>day|week|month"
                           r"|year))\b", re.IGNORECASE)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<y>1[89]\d0|20\d0)s\b")),
    ("yearrange", re.compile(rf"(?<![\d,.$£€#])\b(?P<y>{YEAR})\s*(?:-|–|to)\s*(?P<y2>{YEAR}|\d\d)\b(?!\d|,\d)")),
    ("year", re.compile(rf"(?<![\d,.$£€#/-])\b(?P<y>{YEAR})\b(?![\d/]|,\d|-\d|\s*(?:%|percent|per cent))")),
    ("duration", re.compile(rf"{WORD_START}\b(?:(?P<pre>the\s+(?:past|last|next|previous|first|coming)"
                            r"|over\s+the\s+(?:past|last))\s+)?"
                            rf"(?:(?P<q>{_words('approximations')})\s+)?"
                            rf"(?P<n>{NUM}|\d+(?:\.\d+)?)[\s-]+(?P<u>{UNIT})(?:[\s-]+long)?\b(?!-old|\s+old\b)",
                            re.IGNORECASE)),
    ("vaguedur", re.compile(rf"\b(?:for\s+)?(?P<u>{_words('vague_duration_units')})\b"
                            r"(?=\s*(?:[.,;]|$|now\b)|\s+(?:before|after|later|earlier)\b)")),
    ("ref", re.compile(rf"\b(?P<w>{_words('reference_words')})\b", re.IGNORECASE)),
]

# The patterns that ignore case, for a lower-cased copy of the text, where they match the same (their letters are all
# lower case): about three times faster. Not for a text that lower-casing changes the length of, or that has one of
# the four letters that IGNORECASE equates with an ASCII letter and lower() does not (see the `re` docs).
LOWER_PATTERNS = {kind: re.compile(pat.pattern, pat.flags & ~re.IGNORECASE) for kind, pat in PATTERNS
                  if pat.flags & re.IGNORECASE
                  and not re.search(r"[A-Z]", re.sub(r"\(\?P<\w+>|\\[A-Za-z]", "", pat.pattern))}
CASE_SPECIALS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin)
