"""One sentence read for claims: each figure's people, outcome, category, qualifier and subgroup, with what carries
over from the figure before it (lists, breakdowns of a total, elliptical figures: "killed 45 civilians in Aleppo
and 22 in Idlib").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator import rules
from generator.claims import nlp
from generator.claims.categories import category_of
from generator.claims.figures import Figure, find_figures, not_a_count
from generator.claims.indexes import _ends_with, _Gaps, _Offsets, _Outcomes
from generator.claims.numbers import FIGURE_AFTER_DASH
from generator.claims.outcomes import (
    adjacent_outcome,
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
from generator.claims.tree import Binding, bind, outcome_in_tree
from generator.config import Config
from generator.vocabulary import Outcome, Qualifier

_AND_ANOTHER_BEFORE = re.compile(r"\band\s+(?:another\s+)?$")
_PLACE_AFTER = re.compile(rf"\s+(?:{rules.rule('clauses', 'place_prepositions').alternation()})\b")
# A figure given as a rival count of the figure before: "..., the ministry counted 1.27 million."
_COUNTED_BEFORE = re.compile(rf"\b(?:{rules.rule('figures', 'counting_verbs').alternation()})\s+(?:(?:"
                             rf"{rules.rule('qualifiers', 'before_lost').alternation()})\s+)?$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$|according\b)")
# "freed all of them", "confirmed that number": the figure before, with an outcome of its own
_ANAPHOR = re.compile(rules.rule("figures", "anaphors").pattern, re.IGNORECASE)
_ANAPHOR_AFTER = re.compile(r"\s+(?:" + rules.rule("figures", "anaphors").pattern + ")", re.IGNORECASE)
_MULTIPLIED = re.compile(r"\b(?:twice|double|triple|half|times)\s+$", re.IGNORECASE)
_LISTED = re.compile(r"\s*(?:,|and|,\s*and)?\s*")  # only a comma or "and" between two figures of a list
_MARTYRS = frozenset(rules.rule("outcomes", "martyrs").words)  # "6 martyrs and 22 injured"


@dataclass
class Reading:
    """A figure read as a claim about people: the figure, its category, qualifier and subgroup (women, ...)."""

    figure: Figure
    category: str
    qualifier: str | None
    subgroup: str | None
    group: str | None = None  # the group of people counted (people.yml), for the claims that refer back to it


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
    outcome: str | None = None


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
    doc: object = False  # parsed on the first figure that needs it (None: no parser)
    for fig in figs:
        if fig.superseded or not_a_count(sentence, fig):
            continue
        if doc is False:
            # The parser misreads headlines in title case ("Attack Kills Two Injures Three"): the rules read them
            doc = None if _title_case(sentence) else nlp.parse(sentence)
        binding = bind(doc, fig.start, fig.end) if doc is not None else None
        reading = _read_figure(sentence, fig, starts, index, raw_who, prev, config, gaps, binding)
        if reading:
            out.append(reading)
    if out and _ANAPHOR.search(sentence):
        out = _with_anaphors(sentence, out, index, starts, doc if doc is not False else None, config)
    return out


def _refers_back(sentence: str, end: int) -> bool:
    """Whether the words after an outcome word count the people of a figure before it: "freed all of them",
    "freed 12 of them", "released that number"."""
    if _ANAPHOR_AFTER.match(sentence, end):
        return True
    m = FIGURE_AFTER_DASH.match(sentence, end + len(sentence[end:]) - len(sentence[end:].lstrip()))
    return m is not None and OF_THEM.match(sentence, m.end()) is not None


def _with_anaphors(sentence: str, readings: list[Reading], outcomes: _Outcomes, starts: _Offsets, doc: object,
                   config: Config) -> list[Reading]:
    """The readings, each followed by the claims that refer back to its figure with an outcome of their own: one
    figure carries two claims ("seized 30 hostages and later freed all of them": 30 held, 30 rescued)."""
    out = list(readings)
    for m in _ANAPHOR.finditer(sentence):
        if _MULTIPLIED.search(sentence, max(0, m.start() - 20), m.start()):
            continue  # "twice that number" is no figure given
        before = [r for r in readings if r.figure.end <= m.start() and not r.figure.vague]
        if not before:
            continue
        ante = before[-1]
        binding = bind(doc, m.start(), m.end()) if doc is not None else None
        group = ante.group

        def usable(o: str, group: str | None = group) -> bool:
            return category_of(o, group, config) is not None
        if binding is not None and binding.sure:
            outcome = outcome_in_tree(sentence, m.start(), m.end(), binding, outcomes, True, starts, usable)
        else:
            outcome = outcome_for(sentence, m.start(), m.end(), outcomes, True, starts)
        category = category_of(outcome, group, config) if outcome and outcome != Outcome.LOST else None
        if category and category != ante.category and not any(
                r.figure is ante.figure and r.category == category for r in out):
            out.insert(out.index(ante) + 1, Reading(ante.figure, category, ante.qualifier, ante.subgroup, ante.group))
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NOT_A_NAME = frozenset({"of", "them", "whom", "the", "its", "their", "those", "these", "other", "others", "more"})


def _title_case(sentence: str) -> bool:
    """A headline in title case: most of its words (five or more) capitalised."""
    words = _WORD.findall(sentence)
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _part_name(sentence: str, start: int, noun_end: int) -> str | None:
    """The words that name a part of a total ("12 Pakistanis", "one rescue worker"), as written, or None."""
    words = [w for w in _WORD.findall(sentence[start:noun_end]) if w.lower() not in _NOT_A_NAME]
    return " ".join(words) or None


def _named_part(pred: str, config: Config) -> tuple[str, str] | None:
    """The first word of a predicate that names people ("were mostly rebels"), with its group."""
    named = [(w.lower(), g) for w in pred.split() if (g := word_group(w.lower(), config))]
    return (named[0][0], named[0][1]) if named else None


def _people_of(sentence: str, fig: Figure, starts: _Offsets, prev: _Previous, config: Config,
               binding: Binding | None = None) -> tuple[str | None, str | None, int, str | None] | None:
    """The group and noun a figure counts, where the noun ends and, when the words say it, the outcome."""
    group, noun, noun_end = group_after(sentence, fig.noun_at or fig.end, config)
    if group == THING:
        return None  # "30 vehicles", "5 km", "40 percent of the civilians", "two police stations"
    if group is None and binding is not None and binding.toll_noun and (
            counted := word_group(binding.toll_noun, config)):
        return counted, binding.toll_noun, noun_end, None  # "the number of survivors remains 104"
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
    of_them = OF_THEM.match(sentence, fig.end) if group is None and prev.group else None
    if of_them:  # "seized 30 hostages and later freed 12 of them": the people of the figure before
        return prev.group, prev.noun, of_them.end(), None
    if group is None and prev.group and prev.end >= 0 and _ends_with(
            _AND_ANOTHER_BEFORE, sentence, fig.start, start=prev.end, words=2) and _PLACE_AFTER.match(
            sentence, fig.end) and not starts.within(prev.end, fig.start):
        return prev.group, prev.noun, noun_end, None  # "killed 45 civilians in Aleppo and 22 in Idlib"
    return group, noun, noun_end, None


def _rival_count(sentence: str, fig: Figure, prev: _Previous, starts: _Offsets) -> bool:
    """A figure with no noun given as a rival count of the figure before: "..., the ministry counted 1.27 million",
    "police put the figure at 80,000", "against 4,000 according to police" (figures.yml counting_verbs)."""
    return prev.outcome is not None and _COUNTED_BEFORE.search(sentence, max(0, fig.start - 40), fig.start) is not \
        None and _CLAUSE_END.match(sentence, fig.end) is not None and not starts.within(prev.end, fig.start)


def _is_part(sentence: str, fig: Figure, prev: _Previous, gaps: _Gaps, has_gap: bool, listed: bool) -> bool:
    """Whether the figure is a part of the total read before it: "including 40 men", "two of them", or the next
    figure of a list of parts."""
    return prev.total is not None and not (has_gap and gaps.blocked(prev.end, fig.start)) and (
        (has_gap and gaps.part_cue(prev.end, fig.start)) or bool(OF_THEM.match(sentence, fig.end))
        or (prev.part and listed))


def _outcome_of(sentence: str, fig: Figure, noun: str | None, noun_end: int, outcomes: _Outcomes, has_noun: bool,
                starts: _Offsets, binding: Binding | None, usable: Callable[[str], bool]) -> str | None:
    """The outcome of a figure: the one between figure and noun ("80 other wounded persons"), then, with a parse,
    the one of its own clause (tree.outcome_in_tree); with the rules alone a load ("carrying 40 people",
    outcomes.carried) or the one that governs it (outcome_for)."""
    between = [o for _s, _e, o in outcomes.inside(fig.end, noun_end - len(noun or "")) if o != Outcome.LOST]
    if between:
        return between[-1]
    if binding is not None and binding.sure:
        # a clean binding: the outcome right next to the figure, which no parse overrules, else its own clause's
        return adjacent_outcome(sentence, fig.start, noun_end, outcomes, usable) or outcome_in_tree(
            sentence, fig.start, noun_end, binding, outcomes, has_noun, starts, usable)
    if outcomes.apart is not None and carried(sentence, fig.start, noun_end, outcomes.apart, outcomes):
        return Outcome.ABOARD.value
    # "seized 30 hostages and later freed all of them": "freed" governs "all of them", not the 30; with a doubtful
    # parse, an outcome word outside the figure's nearest clause is not its either ("a concert, which was attended
    # by 22,000 people, ..., killing 58"), unless it is right next to the figure
    if binding is not None and (adjacent := adjacent_outcome(sentence, fig.start, noun_end, outcomes, usable)):
        return adjacent
    dropped = [o for o in outcomes.items if (o[0] >= noun_end and _refers_back(sentence, o[1])) or (
        binding is not None and binding.outside(o))]
    if dropped:
        outcomes = _Outcomes([o for o in outcomes.items if o not in dropped])
    found = outcome_for(sentence, fig.start, noun_end, outcomes, has_noun, starts)
    if found is None and binding is not None:  # a doubtful binding: the rules first, then the tree
        return outcome_in_tree(sentence, fig.start, noun_end, binding, outcomes, has_noun, starts, usable)
    return found


def _bare_counts(sentence: str, fig: Figure, outcomes: _Outcomes, binding: Binding | None, starts: _Offsets) -> bool:
    """A figure with no noun counts people as a toll (outcomes.bare_figure_counts_people), or, with a parse, as
    the subject or object of an outcome ("the army said it killed 12"), or as the value of a toll ("the death
    toll in the district has risen to 121"); never a year."""
    if bare_figure_counts_people(sentence, fig, fig.quantity):
        return True
    year = fig.text.isdigit() and fig.quantity is not None and 1800 <= fig.quantity <= 2100
    if binding is None or not binding.core or year or \
            starts.within(fig.end, fig.end + 16):
        return False  # a year; a number right before another figure ("URL 1195 Over 100 militants")
    every = sorted(outcomes.items + (outcomes.apart.items if outcomes.apart is not None else []))
    return bool(binding.toll) or binding.governing(binding.keep(every, binding.clause)) is not None


def _read_figure(sentence: str, fig: Figure, starts: _Offsets, outcomes: _Outcomes, raw_who: str | None,
                 prev: _Previous, config: Config, gaps: _Gaps | None = None,
                 binding: Binding | None = None) -> Reading | None:
    """One figure read in its sentence, or None when it is not a claim about people; prev is updated."""
    people = _people_of(sentence, fig, starts, prev, config, binding)
    if people is None:
        return None
    group, noun, noun_end, outcome = people
    rival = group is None and _rival_count(sentence, fig, prev, starts)
    if rival:  # "the union counted 2.5 million demonstrators, the ministry counted 1.27 million"
        group, noun = prev.group, prev.noun
    if group is None:
        if not _bare_counts(sentence, fig, outcomes, binding, starts):
            return None
        group = group_before(sentence, fig.start, raw_who)
    outcome = outcome or _outcome_of(sentence, fig, noun, noun_end, outcomes, group is not None, starts, binding,
                                     lambda o: o == Outcome.LOST or category_of(o, group, config) is not None)
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
    if outcome is None and rival:
        outcome = prev.outcome  # what the figure before counted, when nothing else is said of these
    category = category_of(outcome, group, config) if outcome else None
    if category is None or (group == "people" and noun == "dead" and outcome != Outcome.KILLED):
        return None
    part = _is_part(sentence, fig, prev, gaps, has_gap, listed)
    qualifier = qualifier_before(sentence, fig.start) or (
        Qualifier.AT_LEAST.value if sentence[fig.end: fig.end + 1] == "+" else None)
    if qualifier is None and prev.qualifier and listed and has_gap:
        qualifier = prev.qualifier  # "At least 31 civilians and 17 security personnel were killed"
    prev.end, prev.qualifier, prev.part, prev.group, prev.noun = noun_end, qualifier, part, group, noun
    prev.outcome = outcome
    sub = subgroup(noun)
    if sub in BREAKDOWN_ONLY and not part:
        sub = None
    if part and prev.total is not None:
        # A part of the total just given: its women, children or men are counted in the total's category, and any
        # other part of the same kind ("12 Pakistanis" among 104 rescued, "one rescue worker" among 44 civilians)
        # is named by its noun; both are kept apart from the total by scope, as parts, never rival figures. A
        # part without a noun of its own ("40 of them") is in the total already.
        if sub:
            category = prev.total
        elif category == prev.total:
            sub = _part_name(sentence, fig.noun_at or fig.end, noun_end)
            if not sub:
                return None
    else:
        prev.total = category
    return Reading(fig, category, qualifier, sub, group)
