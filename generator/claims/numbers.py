"""Numbers as written in news: digits ("1,200", "3.5 million"), words ("one hundred and twenty", "half a dozen")
and vague amounts ("dozens", "tens of thousands"), as one regular grammar built from rules/numbers.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator import rules

UNITS: dict[str, int] = dict(rules.rule("numbers", "units").table)
TENS: dict[str, int] = dict(rules.rule("numbers", "tens").table)
SCALES: dict[str, int] = dict(rules.rule("numbers", "scales").table)
VAGUE_AMOUNTS = tuple(rules.rule("numbers", "vague_amounts").table)


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # longest first: "seventeen" before "seven"


# The scales a number may end with ("3 million", "two crore"): all but hundred and dozen, which have rules of
# their own below ("a hundred and twenty", "half a dozen").
_BIG = _alt(k for k in SCALES if k not in ("hundred", "dozen"))
# Number words as a grammar, so "one hundred and twenty" is one figure (120), not "one hundred" and "twenty".
_SMALL = rf"(?:(?:{_alt(TENS)})(?:[-\s](?:{_alt(k for k, v in UNITS.items() if v < 10)}))?|{_alt(UNITS)})"
_HUNDREDS = rf"(?:(?:a|{_SMALL})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
# The fractions a scale may take: "half a million", "a half million", "a quarter of a million", "three quarters of a
# million", "one and a half million", "two-and-a-half lakh".
_FRACTION = (rf"(?:half[-\s]+a|a[-\s]+half|a[-\s]+quarter[-\s]+of[-\s]+a|three[-\s]+quarters[-\s]+of[-\s]+a"
             rf"|(?:a|{_SMALL})[-\s]+and[-\s]+a[-\s]+(?:half|quarter))")
_WORDS = (rf"(?:(?:{_FRACTION}|a|{_HUNDREDS}|{_SMALL})\s+(?:{_BIG})"
          rf"(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL})(?:\s+thousand(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL}))?)?)?"
          rf"|(?:half\s+a|a|{_SMALL})\s+dozen|{_HUNDREDS}|{_SMALL})")
# Number words alone ("twelve", "forty-two"), for patterns that look for a figure after a word
FIGURE_WORDS = _SMALL
_FIGURE_BODY = (
    # digits: "1,200", "1.27" (with a scale: "1.27 million"), and the Indian grouping "2,00,000" (two lakh)
    r"(?:(?P<digits>\d{1,2}(?:,\d{2}){1,3},\d{3}(?!,\d)|\d{1,3}(?:,\d{3}){1,4}|\d{1,12}(?:\.\d{1,3})?)"
    rf"(?:\s+(?P<dscale>hundred|{_BIG}))?"
    rf"|(?P<word>{_WORDS})"
    rf"|(?P<vague>{_alt(VAGUE_AMOUNTS)})"
    r")(?![\w%$£€^*×]|[.,]\d|-year|-strong|:\d)")  # not "10^30", "2*6"
FIGURE = re.compile(r"(?<![\w$£€.,:/+#^*×-])" + _FIGURE_BODY, re.IGNORECASE)  # not "10^30", "2*6"
FIGURE_LOWER = re.compile(FIGURE.pattern)  # on lower-cased text: about three times faster than IGNORECASE
# The second figure of "13-46": the dash before it, which FIGURE refuses ("F-16"), belongs to the range.
FIGURE_AFTER_DASH = re.compile(_FIGURE_BODY, re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-\s]+")


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
        return round(value), False  # "2.01 million": 2009999.9999999998 as a float
    return word_value(g["word"]), False


def word_value(text: str) -> int:
    """The value of a number written in words: "twenty-one", "one hundred and twenty", "half a dozen", "one and a
    half million", "three quarters of a million"."""
    words = _WORD_SPLIT.split(text.lower())
    factor = 1.0
    if words[0] == "half" or words[:2] == ["a", "half"]:
        factor, words = 0.5, words[2:] if words[0] == "a" else words[1:]
    elif words[:3] == ["a", "quarter", "of"]:
        factor, words = 0.25, words[3:]
    elif words[:3] == ["three", "quarters", "of"]:
        factor, words = 0.75, words[3:]
    total = 0
    current = 0.0
    k = 0
    while k < len(words):
        w = words[k]
        if words[k: k + 3] in (["and", "a", "half"], ["and", "a", "quarter"]):
            current += 0.5 if words[k + 2] == "half" else 0.25  # "one and a half million"
            k += 3
            continue
        if w == "a":
            current = 1
        elif w in UNITS or w in TENS:
            current += UNITS.get(w, 0) + TENS.get(w, 0)
        elif w == "hundred" or w == "dozen":
            current = (current or 1) * SCALES[w]
        elif w in SCALES:
            total += int((current or 1) * SCALES[w])
            current = 0
        k += 1
    return int((total + current) * factor)
