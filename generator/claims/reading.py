"""One sentence read for claims: each figure's people, outcome, category, qualifier and subgroup, with what carries
over from the figure before it (lists, breakdowns of a total, elliptical figures: "killed 45 civilians in Aleppo
and 22 in Idlib").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import rules
from generator.claims.categories import category_of
from generator.claims.figures import Figure, find_figures, not_a_count
from generator.claims.indexes import _ends_with, _Gaps, _Offsets, _Outcomes
from generator.claims.outcomes import (
    bare_figure_counts_people,
    carried,
    lost_as_killed,
    noun_outcome,
    outcome_for,
)
from generator.claims.people import (
    BREAKDOWN_ONLY,
    OF_THE_DEAD,
    OF_THE_TOTAL,
    OF_THEM,
    THING,
    WERE_GROUP,
    group_after,
    group_before,
    subgroup,
    word_group,
)
from generator.claims.qualifiers import qualifier_before
from generator.config import Config
from generator.vocabulary import Outcome, Qualifier

_AND_ANOTHER_BEFORE = re.compile(r"\band\s+(?:another\s+)?$")
_PLACE_AFTER = re.compile(rf"\s+(?:{rules.rule('clauses', 'place_prepositions').alternation()})\b")
_LISTED = re.compile(r"\s*(?:,|and|,\s*and)?\s*")  # only a comma or "and" between two figures of a list
_MARTYRS = frozenset(rules.rule("outcomes", "martyrs").words)  # "6 martyrs and 22 injured"


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
    starts = _Offsets([f.start for f in figs])
    # Being aboard is read only next to the figure (outcomes.carried): kept apart from the other outcome words
    index = _Outcomes(outcomes, apart=Outcome.ABOARD)
    gaps = _Gaps(sentence)
    prev = _Previous()
    out = []
    for fig in figs:
        if fig.superseded or not_a_count(sentence, fig):
            continue
        reading = _read_figure(sentence, fig, starts, index, raw_who, prev, config, gaps)
        if reading:
            out.append(reading)
    return out


def _named_part(pred: str, config: Config) -> tuple[str, str] | None:
    """The first word of a predicate that names people ("were mostly rebels"), with its group."""
    named = [(w.lower(), g) for w in pred.split() if (g := word_group(w.lower(), config))]
    return (named[0][0], named[0][1]) if named else None


def _people_of(sentence: str, fig: Figure, starts: _Offsets, prev: _Previous,
               config: Config) -> tuple[str | None, str | None, int, str | None] | None:
    """The group and noun a figure counts, where the noun ends and, when the words say it, the outcome."""
    group, noun, noun_end = group_after(sentence, fig.noun_at or fig.end, config)
    if group == THING:
        return None  # "30 vehicles", "5 km", "40 percent of the civilians", "two police stations"
    of_dead = OF_THE_DEAD.match(sentence, fig.end) if group is None else None
    named = _named_part(of_dead.group("pred"), config) if of_dead else None
    if of_dead and named:
        return named[1], named[0], of_dead.end(), Outcome.KILLED.value  # "14 of the dead were rebels"
    of_total = OF_THE_TOTAL.search(sentence, max(0, fig.start - 100), fig.start) if group is None else None
    were = WERE_GROUP.match(sentence, fig.end) if of_total else None
    named = _named_part(were.group("pred"), config) if of_total and were else None
    if of_total and named:  # "of the 45 killed, 30 were civilians"
        hurt = of_total.group("outcome").lower() in ("injured", "wounded")
        return named[1], named[0], fig.end, (Outcome.INJURED if hurt else Outcome.KILLED).value
    if group is None and prev.group and prev.end >= 0 and _ends_with(
            _AND_ANOTHER_BEFORE, sentence, fig.start, start=prev.end, words=2) and _PLACE_AFTER.match(
            sentence, fig.end) and not starts.within(prev.end, fig.start):
        return prev.group, prev.noun, noun_end, None  # "killed 45 civilians in Aleppo and 22 in Idlib"
    return group, noun, noun_end, None


def _is_part(sentence: str, fig: Figure, prev: _Previous, gaps: _Gaps, has_gap: bool, listed: bool) -> bool:
    """Whether the figure is a part of the total read before it: "including 40 men", "two of them", or the next
    figure of a list of parts."""
    return prev.total is not None and not (has_gap and gaps.blocked(prev.end, fig.start)) and (
        (has_gap and gaps.part_cue(prev.end, fig.start)) or bool(OF_THEM.match(sentence, fig.end))
        or (prev.part and listed))


def _outcome_of(sentence: str, fig: Figure, noun: str | None, noun_end: int, outcomes: _Outcomes, has_noun: bool,
                starts: _Offsets) -> str | None:
    """The outcome of a figure from the words around it: a load ("carrying 40 people", outcomes.carried), the
    outcome between figure and noun ("80 other wounded persons"), or the one that governs it (outcome_for)."""
    if outcomes.apart is not None and carried(sentence, fig.start, noun_end, outcomes.apart, outcomes):
        return Outcome.ABOARD.value
    between = [o for _s, _e, o in outcomes.inside(fig.end, noun_end - len(noun or "")) if o != Outcome.LOST]
    if between:
        return between[-1]
    return outcome_for(sentence, fig.start, noun_end, outcomes, has_noun, starts)


def _read_figure(sentence: str, fig: Figure, starts: _Offsets, outcomes: _Outcomes,
                 raw_who: str | None, prev: _Previous, config: Config, gaps: _Gaps | None = None) -> Reading | None:
    """One figure read in its sentence, or None when it is not a claim about people; prev is updated."""
    people = _people_of(sentence, fig, starts, prev, config)
    if people is None:
        return None
    group, noun, noun_end, outcome = people
    if group is None:
        if not bare_figure_counts_people(sentence, fig, fig.quantity):
            return None
        group = group_before(sentence, fig.start, raw_who)
    outcome = outcome or _outcome_of(sentence, fig, noun, noun_end, outcomes, group is not None, starts)
    gaps = gaps or _Gaps(sentence)
    # The text since the figure read before (prev.end): read where it is, not copied, as it can be long.
    has_gap = 0 <= prev.end < fig.start
    listed = not has_gap or _LISTED.fullmatch(sentence, prev.end, fig.start) is not None
    if outcome == Outcome.LOST:
        outcome, group = lost_as_killed(sentence, fig.start, group, noun, outcomes, prev.lost and listed)
    prev.lost = outcome == Outcome.KILLED and outcomes.lost_before(fig.start)
    if noun in _MARTYRS:
        outcome = Outcome.KILLED.value  # the noun says they died, whatever the clause says: "6 martyrs and 22 injured"
    outcome = outcome or noun_outcome(noun)  # "3.5 million protesters", "the 104 survivors", "claimed 3,000 lives"
    category = category_of(outcome, group, config) if outcome else None
    if category is None or (group == "people" and noun == "dead" and outcome != Outcome.KILLED):
        return None
    part = _is_part(sentence, fig, prev, gaps, has_gap, listed)
    qualifier = qualifier_before(sentence, fig.start) or (
        Qualifier.AT_LEAST.value if sentence[fig.end: fig.end + 1] == "+" else None)
    if qualifier is None and prev.qualifier and listed and has_gap:
        qualifier = prev.qualifier  # "At least 31 civilians and 17 security personnel were killed"
    prev.end, prev.qualifier, prev.part, prev.group, prev.noun = noun_end, qualifier, part, group, noun
    sub = subgroup(noun)
    if sub in BREAKDOWN_ONLY and not part:
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
