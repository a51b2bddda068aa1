"""The figures of a sentence and how they relate: ranges ("between 13 and 46"), revisions ("rose to 27 from 12",
"up from a previous 12"), parts of a whole ("3 of the 5 attackers"), ratios ("3 in 10"), and numbers that are
not counts of people at all (ages, populations, money, labels, clock times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import rules
from generator.claims.clauses import clause_before
from generator.claims.indexes import _Spans
from generator.claims.numbers import FIGURE, FIGURE_AFTER_DASH, FIGURE_LOWER, SCALES, parse_figure
from generator.claims.people import is_thing
from generator.claims.sentences import lower_matches, next_word


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
    decimal: float | None = None  # "1.2" with no scale: only the lower end of a range ("between 1.2 and 1.5 million")


def _rule(name: str) -> rules.Rule:
    return rules.rule("figures", name)


# Words that say a figure changed: "rose to 27 from 12", "revised the toll from 12 to 27".
_CHANGE = re.compile(_rule("change").pattern, re.IGNORECASE)
_EARLIER_WORD = rf"(?:{_rule('earlier_words').alternation()})"
_TOLL_WORD = rf"(?:(?:{_rule('toll_kinds').alternation()})\s+)?(?:{_rule('toll_words').alternation()})"
# "up from 12", "from an earlier 12", "from a previous toll of 12": the figure after it is the one replaced
_FROM_EARLIER = re.compile(rf"(?:\b(?:up|down)\s+from\s+(?:an?\s+|the\s+)?(?:{_EARLIER_WORD}\s+)?"
                           rf"|\bfrom\s+(?:an?\s+|the\s+|its\s+)?{_EARLIER_WORD}\s+)(?:{_TOLL_WORD}\s+of\s+)?$",
                           re.IGNORECASE)
# "the toll, initially put at 12, rose to 27": the first figure is replaced by the one after it
_FIRST_PUT = re.compile(_rule("first_put").pattern + "$", re.IGNORECASE)
# "updating a previous toll of 112", "the earlier toll on Sunday evening of 15", "the previous death toll was 20"
_EARLIER_TOLL = re.compile(rf"\b{_EARLIER_WORD}\s+{_TOLL_WORD}s?\b[^.;\d]{{0,30}}?\s(?:of|at|was|stood at|had been)"
                           r"\s+(?:about\s+|some\s+|around\s+|at least\s+)?$", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_RANGE_LINK = re.compile(r"\s+(?:to|or)\s+|\s*[-–—]\s*(?=\d)|-to-", re.IGNORECASE)  # "100-to-300"
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_OR_BY_BEFORE = re.compile(r"\b(from|by)\s+$", re.IGNORECASE)
_STEP_BEFORE = re.compile(r"\bby\s+(?:another\s+|a further\s+)?$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_FROM_GAP = re.compile(r"(?:\s+[a-z]+){0,2}\s*,?\s*from\s+", re.IGNORECASE)  # "rose to 27 [people], from 12"
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|those|these|his|her)\s+", re.IGNORECASE)  # "3 of the 5"
_RATIO_LINK = re.compile(r"\s+(?:in|out of)\s+", re.IGNORECASE)  # "3 in 10"
_RATIO_AFTER = re.compile(r"\s+(?:of|were|are|was|is)\b")

# Numbers that are not counts of people: the words before them ("no", "home to", "aged", "father of", "Rs",
# "No.") and after them ("9 a.m.", "40 percent"); capitalised labels ("Article 370", "Flight 17").
_NOT_A_COUNT_BEFORE = re.compile("(?:" + "|".join(rules.rule("things", name).pattern for name in (
    "no_count", "population", "age", "parent_of", "money", "number_sign")) + ")$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(rf"\b(?:{rules.rule('things', 'labels').alternation()})\s+$")
_NOT_A_COUNT_AFTER = re.compile(rules.rule("things", "units_after").pattern, re.IGNORECASE)
_NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s*$")
_COMMA_AFTER = re.compile(r"\s*,")


def _figure(m: re.Match[str], sentence: str) -> Figure | None:
    quantity, vague = parse_figure(m)
    if not vague and quantity is None and m.group("digits") and "." in m.group("digits") and not m.group("dscale"):
        # "1.2" is no count of people, but it may be the lower end of "between 1.2 and 1.5 million"
        return Figure(m.start(), m.end(), None, False, sentence[m.start(): m.end()], decimal=float(m.group("digits")))
    if not vague and (quantity is None or quantity <= 0):
        return None
    return Figure(m.start(), m.end(), quantity, vague, sentence[m.start(): m.end()])


def _range_end(sentence: str, a: Figure) -> tuple[Figure, str, int] | None:
    """The upper figure of a range starting at a, the word joining them ("to", "or", "and", "-"), where it starts.
    The lower figure takes the scale of the upper one ("between 1 and 2 million")."""
    if a.vague or (a.quantity is None and a.decimal is None):
        return None
    between = _BETWEEN_BEFORE.search(sentence[max(0, a.start - 12): a.start])
    link = (_RANGE_AND if between else _RANGE_LINK).match(sentence, a.end)
    if not link or (link.group(0).strip() in "-–—" and not a.text[0].isdigit()):
        return None  # "13-46" is a range; "twenty-one" is one number
    b_match = FIGURE_AFTER_DASH.match(sentence, link.end())
    b = _figure(b_match, sentence) if b_match else None
    if b is None or b.vague or b.quantity is None:
        return None
    last = b.text.lower().split()[-1]
    if a.quantity is None:  # "between 1.2 and 1.5 million": a decimal takes the scale, or it is no figure
        if last not in SCALES:
            return None
        lower = round((a.decimal or 0) * SCALES[last])  # round: 2.3 * 100000 is 229999.99999999997
    else:
        lower = a.quantity
        if last in SCALES and a.text.lower().split()[-1] not in SCALES:
            lower *= SCALES[last]  # "between 1 and 2 million", "two or three dozen"
    if b.quantity <= lower:
        return None  # "a 3-2 vote": not a range
    a.quantity = lower
    start = a.start - len(between.group(0)) if between else a.start
    return b, link.group(0).strip().lower(), start


def _raw_figures(sentence: str, skip: list[tuple[int, int]] | None) -> list[Figure]:
    """Every figure of the sentence that does not start inside a date (skip), each on its own."""
    dates = _Spans(skip) if skip and len(skip) > 8 else None  # many dates (a long sentence): looked up by offset
    return [f for m in lower_matches(FIGURE_LOWER, FIGURE, sentence) if (f := _figure(m, sentence))
            and not (dates.overlapping(f.start, f.start + 1) if dates is not None
                     else any(lo <= f.start < hi for lo, hi in skip or ()))]


def _join_ranges(sentence: str, raw: list[Figure]) -> list[Figure]:
    """Ranges joined into one figure ("between 13 and 46"); "rose from 12 to 27" kept as two, the first replaced."""
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
        before = _FROM_OR_BY_BEFORE.search(sentence[max(0, a.start - 6): a.start])
        if link == "to" and before and _CHANGE.search(clause_before(sentence, a.start - len(before.group(0)))):
            # "the toll rose from 12 to 27": a revision, not a range; "rose by 15 to 27": 15 is the step
            a.superseded = True
            if before.group(1).lower() == "from":
                b.earlier = a.quantity
            out.extend((a, b))
            continue
        out.append(Figure(start, b.end, a.quantity, False, sentence[start: b.end], upper=b.quantity))
    return out


def _mark_wholes_and_ratios(sentence: str, out: list[Figure]) -> None:
    """"3 of the 5 attackers": 3 attackers, not 5; "3 in 10 of those killed": a ratio, not a count."""
    for a, b in zip(out, out[1:], strict=False):
        if _PART_OF.fullmatch(sentence, a.end, b.start):
            b.superseded, a.noun_at = True, b.end
        elif _RATIO_LINK.fullmatch(sentence, a.end, b.start) and not a.vague and not b.vague and (
                _RATIO_AFTER.match(sentence, b.end) or (b.quantity in (10, 100, 1000) and not
                                                        is_thing(next_word(sentence, b.end)))):
            a.superseded = b.superseded = True


def _replaced(sentence: str, out: list[Figure], k: int, lead: str) -> bool:
    """Whether out[k] is a figure that another replaces: "up from 12", "a previous toll of 12", "rose to 27 from 12"
    ("from" right after a figure whose clause says it changed)."""
    if _FROM_EARLIER.search(lead) or _EARLIER_TOLL.search(lead):
        return True
    if k == 0 or not _FROM_BEFORE.search(lead):
        return False
    prev = out[k - 1]
    return bool(_FROM_GAP.fullmatch(sentence, prev.end, out[k].start)
                and _CHANGE.search(clause_before(sentence, prev.start)))


def _link_revisions(sentence: str, out: list[Figure]) -> None:
    """Steps ("rose by 15 to 27") and replaced figures marked superseded; the figure that replaces one keeps it as
    `earlier`: the next one not superseded after "initially put at 12", else the last one before it."""
    # The next figure not superseded (out[k + 1:] do not change before their turn), and the last one before it
    # not superseded (carried along as the loop goes).
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
        step = _STEP_BEFORE.search(lead)
        if step and _CHANGE.search(clause_before(sentence, f.start - len(step.group(0)))):
            f.superseded = True  # "rose by 15 to 27": the step, not a figure of people
            continue
        replaced = _replaced(sentence, out, k, lead)
        first_put = not replaced and _FIRST_PUT.search(lead)
        if replaced or first_put:
            at = following[k] if first_put else last_live
            target = out[at] if at is not None else None
            if first_put and target is None:
                continue  # "the toll was initially put at 12" with no other figure: the only figure given
            f.superseded = True
            if target is not None and target.earlier is None:
                target.earlier = f.quantity


def find_figures(sentence: str, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """The figures of a sentence, ranges joined ("between 13 and 46"), revisions linked ("rose to 27 from 12")."""
    out = [f for f in _join_ranges(sentence, _raw_figures(sentence, skip)) if f.vague or f.quantity is not None]
    _mark_wholes_and_ratios(sentence, out)
    _link_revisions(sentence, out)
    return out


def not_a_count(sentence: str, fig: Figure) -> bool:
    """Numbers that are not counts of people: ages, populations, money, labels ("No. 7"), clock times."""
    lead = sentence[max(0, fig.start - 40): fig.start]
    if _NOT_A_COUNT_BEFORE.search(lead) or _LABEL_BEFORE.search(lead) or _NOT_A_COUNT_AFTER.match(sentence, fig.end):
        return True
    # "John Roe, 35, was killed": a number between commas after a name is an age
    return bool(_NAME_COMMA_BEFORE.search(lead) and _COMMA_AFTER.match(sentence, fig.end))
