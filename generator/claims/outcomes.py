"""What happened to the people a figure counts: the outcome words of a sentence (rules/outcomes.yml and the
editors' words of timeline.yml), and the one that governs a figure (passive after it, active or nominal before).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from generator import rules
from generator.claims.clauses import clause_before, clause_blocked
from generator.claims.figures import Figure
from generator.claims.indexes import _Offsets, _Outcomes
from generator.claims.numbers import FIGURE, FIGURE_WORDS
from generator.claims.people import POSSESSOR, SUBJECT_GROUP, builtin_group, is_thing
from generator.claims.sentences import lower_matches, next_word, tokens
from generator.config import Config
from generator.vocabulary import Outcome


def _rule(name: str) -> rules.Rule:
    return rules.rule("outcomes", name)


# The outcomes, as the rules of outcomes.yml named after them, in the file's order: the order their words are tried
# where two match at one place ("found dead" is killed before "found" is recovered).
OUTCOME_ORDER = tuple(Outcome(name) for name in rules.load("outcomes") if name in {o.value for o in Outcome})
OUTCOME_WORDS: dict[str, tuple[str, ...]] = {o.value: _rule(o.value).words for o in OUTCOME_ORDER}

_NAME_AFTER = re.compile(r"\s+[A-Z]")
# Nouns that say what happened to the people they count ("3.5 million protesters", "20 arrests", "3,000 lives")
NOUN_OUTCOMES: dict[str, str] = {w: Outcome(o).value for w, o in _rule("noun_outcomes").table.items()}
# Whether a sentence names any of them: a sentence without an outcome word can still make claims through them
NOUN_OUTCOME_WORD = re.compile(rf"\b(?:{_rule('noun_outcomes').alternation()}|{_rule('martyrs').alternation()})\b",
                               re.IGNORECASE)


def noun_outcome(noun: str | None) -> str | None:
    """The outcome a noun of people says by itself ("protesters" attended, "survivors" were rescued), or None."""
    return NOUN_OUTCOMES.get(noun or "")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))  # longest first


@lru_cache(maxsize=32)
def _outcome_patterns(extra: tuple[tuple[str, tuple[str, ...]], ...],
                      ) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The outcome regex, for lower-cased text and for any case, and the outcome of each of its named groups
    ("o<index>"). An editor's extra words ((outcome, words) pairs from timeline.yml) come first, so that where
    one of theirs and a built-in word match at one place, theirs wins ("lost at sea" is missing, not "lost").
    Cached per tuple of extra words: built once per setting (the default, no extra words, once per process)."""
    groups = [(outcome, words) for outcome, words in extra if outcome in OUTCOME_WORDS and words]
    groups += [(outcome.value, OUTCOME_WORDS[outcome]) for outcome in OUTCOME_ORDER]
    body = r"\b(?:" + "|".join(f"(?P<o{i}>{_alternation(words)})" for i, (_o, words) in enumerate(groups)) + r")\b"
    # On lower-cased text the expression needs no IGNORECASE: about three times faster.
    return re.compile(body), re.compile(body, re.IGNORECASE), tuple(outcome for outcome, _w in groups)


def outcome_matches(sentence: str, config: Config | None = None) -> list[tuple[int, int, str]]:
    """The outcome words of a sentence, in order: (start, end, outcome)."""
    extra = tuple(sorted(config.outcome_words.items())) if config is not None and config.outcome_words else ()
    lower, anycase, outcome_of = _outcome_patterns(extra)
    out = []
    for m in lower_matches(lower, anycase, sentence):
        outcome = outcome_of[int((m.lastgroup or "o0")[1:])]  # the one named group that matched: "o<index>"
        if outcome not in (Outcome.KILLED, Outcome.INJURED) and m.start() and sentence[m.start()].isupper() and \
                _NAME_AFTER.match(sentence, m.end()):
            continue  # a name, not an outcome: "the Free Syrian Army", "the Missing Persons Bureau"
        out.append((m.start(), m.end(), outcome))
    return out


_BARE_OUTCOME = re.compile(_rule("bare_outcome").pattern)  # these three read lower-cased text
_TOLL_BEFORE = re.compile(_rule("toll_before").pattern)
# Words that may follow a bare toll ("killed 12 in ...", "put the toll at 16 earlier"); any other word after it is
# the thing it counts ("killed 12 goats").
_AFTER_BARE = re.compile(rf"\s*(?!(?:{_rule('after_a_toll').alternation()})\b)[a-z]")
_YEAR_OR_PLACE_BEFORE = re.compile(r"\b(?:in|since|until)\s+$")
_KILLED_OR_DEAD = re.compile(r"\s*(?:killed|dead)")


def bare_figure_counts_people(sentence: str, fig: Figure, quantity: int | None) -> bool:
    """A figure with no noun after it counts people only as a toll: "12 were killed", "killed 12", "toll at 12"."""
    follow = sentence[fig.end: fig.end + 25].lower()
    prev = sentence[max(0, fig.start - 110): fig.start].lower()
    if _YEAR_OR_PLACE_BEFORE.search(prev):
        return False  # "died of the plague in 639": a year or a place, not a toll
    if not (_BARE_OUTCOME.match(follow) or (_TOLL_BEFORE.search(prev) and not _AFTER_BARE.match(follow))):
        return False
    return not (quantity is not None and 1800 <= quantity <= 2100 and not _KILLED_OR_DEAD.match(follow))


_LOST_GAP = re.compile(rf"\s*(?:(?:{rules.rule('qualifiers', 'before_lost').alternation()})\s+)?", re.IGNORECASE)
_THEIR_MEN = ("men", "man", "members", "member")


def lost_as_killed(sentence: str, fig_start: int, group: str | None, noun: str | None,
                   outcomes: _Outcomes, continues_list: bool) -> tuple[str | None, str | None]:
    """ "The army lost 12 soldiers": killed, when people follow "lost" at once; "its men" are the subject's."""
    lost_start, lost_end = outcomes.last_lost(fig_start)
    if group in (None, "bodies") or not (continues_list or _LOST_GAP.fullmatch(sentence[lost_end:fig_start])):
        return None, group
    if group == "people" and noun in _THEIR_MEN:
        # "the army lost seven of its men": the men are the army's
        words = [g for t, _s, _e in tokens(clause_before(sentence, lost_start))
                 if (g := SUBJECT_GROUP.get(t.lower()) or builtin_group(t.lower()))]
        if words and words[-1] in ("militants", "security"):
            group = words[-1]
    return Outcome.KILLED.value, group


ABOARD_AFTER = frozenset(_rule("aboard_after").words)
_BEFORE_FIGURE = re.compile(rf"\s*(?:all\s+)?(?:(?:{rules.rule('qualifiers', 'before_lost').alternation()})\s+)?",
                            re.IGNORECASE)  # "killing all 5", "killing at least 5"


def carried(sentence: str, fig_start: int, noun_end: int, aboard: _Outcomes, outcomes: _Outcomes) -> bool:
    """A load, not a toll: "a bus carrying 40 people", "had 400 people on board"; the word of being aboard right
    before the figure or right after its noun, unless an outcome of theirs comes right before the figure ("killing
    all 5 people on board") or follows it ("104 people on board were rescued"). `aboard` holds the words of being
    aboard, `outcomes` the other outcome words."""
    if any(_LOST_GAP.fullmatch(sentence, e, fig_start) for _s, e, _o in aboard.ending(fig_start - 40, fig_start)):
        return True
    if any(_BEFORE_FIGURE.fullmatch(sentence, e, fig_start) for _s, e, _o in
           outcomes.ending(fig_start - 40, fig_start)):
        return False
    after = aboard.starting(noun_end, noun_end + 2)
    if not after or sentence[noun_end:after[0][0]].strip() or \
            sentence[after[0][0]:after[0][1]].lower() not in ABOARD_AFTER:
        return False
    end = after[0][1]
    then = outcomes.starting(end, end + 60)
    if not then:
        return True
    return not _PASSIVE_ONLY.fullmatch(sentence[end:then[0][0]].lower())  # "on board have been rescued"


_INTRANSITIVE = frozenset(_rule("intransitive").words)
# "released by 12 gunmen": the agent of a passive did it ("attended by 22,000 people" is theirs, as gatherings are)
_BY_AGENT = re.compile(rf"\s+by\s+(?:(?:{rules.rule('qualifiers', 'before_lost').alternation()})\s+)?",
                       re.IGNORECASE)
_OBJECT_AFTER = re.compile(rf"\s+(?:(?:{rules.rule('qualifiers', 'before_lost').alternation()})\s+)?"
                           rf"(?:\d|(?:{_rule('object_starts').alternation()}|{FIGURE_WORDS})\b)", re.IGNORECASE)


def acts_on(sentence: str, noun_end: int, start: int, end: int, outcome: str) -> bool:
    """Whether an outcome word after a figure's noun is the figure's own action on an object, not what befell it:
    "three gunmen killed 12 people" (active, with an object, no passive between). Gatherings and loads are what
    their subject does ("50,000 people joined the march")."""
    if outcome in (Outcome.ATTENDING, Outcome.ABOARD) or sentence[start:end].lower() in _INTRANSITIVE:
        return False
    if _PASSIVE_GAP.search(sentence[noun_end:start].lower()):
        return False
    obj = _OBJECT_AFTER.match(sentence, end)
    if obj is None:
        return False
    if sentence[start - 7:start].strip().lower() in ("others", "other", "more"):
        return False  # "and eight others injured the ...": a list goes on, in a text without commas
    # "10 civilians killed 15 injured": a figure with an outcome of its own right after it is no object, nor one
    # that counts things ("injured over 4 days")
    figure = FIGURE.match(sentence, obj.end() - 1) if sentence[obj.end() - 1].isdigit() else FIGURE.search(
        sentence, end, obj.end() + 12)
    return figure is None or not (_BARE_OUTCOME.match(sentence[figure.end(): figure.end() + 40].lower())
                                  or is_thing(next_word(sentence, figure.end())))


def adjacent_outcome(sentence: str, fig_start: int, noun_end: int, outcomes: _Outcomes,
                     usable: Callable[[str], bool] = bool) -> str | None:
    """The outcome word right next to a figure, which no parse overrules: right after its noun with at most a
    passive between ("12 people were killed", "58 others injured", "10 million have been displaced"), or right
    before it with at most a qualifier between ("killed at least 36 people"). Only outcomes that make a category
    for the people counted (`usable`)."""
    after = outcomes.starting(noun_end, noun_end + 40)
    if after and after[0][2] != Outcome.LOST and usable(after[0][2]) and _PASSIVE_ONLY.fullmatch(
            sentence[noun_end:after[0][0]].lower()) and not acts_on(sentence, noun_end, *after[0]):
        return after[0][2]
    before = [o for _s, e, o in outcomes.ending(fig_start - 40, fig_start)
              if o != Outcome.LOST and usable(o) and _BEFORE_FIGURE.fullmatch(sentence, e, fig_start)]
    return before[-1] if before else None


# A figure that is the subject of a verb of its own ("are suffering", "remain trapped"), which is no outcome
_OWN_PREDICATE = re.compile(r"\s*,?\s*(?:are|were|is|was|remain|remained)\s+(?:[a-z]+ly\s+)?"
                            rf"(?P<verb>(?!(?:{_rule('not_own_verbs').alternation()})\b)[a-z]+(?:ing|ed))\b")
_THE_BEFORE = re.compile(r"\b(?:the|those)\s+$", re.IGNORECASE)
_NOMINALS = frozenset(_rule("nominals").words)
_NOMINAL_LINK = re.compile(r":|\b(?:were|was|are|is|included?|includes|numbered|number|stood at|rose to|reached|"
                           r"climbed to|totall?ed|among them)\b", re.IGNORECASE)
_PASSIVE_GAP = re.compile(rf"\b(?:{_rule('passive_gap').alternation()})\s*$")
_PASSIVE_ONLY = re.compile(rf"\s*\+?\s*(?:(?:{_rule('passive_gap').alternation()})\s+)*")
_LISTED_FIGURE = re.compile(r"\s*(?:,|and|or|&|,\s*and)\s*(?:[a-z]+\s+){0,2}")  # "17 children and 6 women"
_AMONG_AFTER = re.compile(r"\s*(?:were|was|are)\s+(?:also\s+)?among\b")
_OF_THEM_AFTER = re.compile(r"\S+\s+of\s+(?:them|whom)\b")


def _bare_nominal(sentence: str, start: int, end: int, fig_start: int) -> bool:
    """ "evacuate the injured with one man ...": "the injured" names people; only "the dead were/included 5" counts."""
    if not _THE_BEFORE.search(sentence[max(0, start - 8): start]):
        return False
    if sentence[start:end].lower() not in _NOMINALS:
        return False
    return not _NOMINAL_LINK.search(sentence[end:fig_start])


def _crosses(sentence: str, noun_end: int, crossing: list[int]) -> bool:
    """Another figure between this one and the outcome after it makes the outcome the other figure's, except in
    lists ("17 children and 6 women were killed"), in "68 children were among the 126 people killed" and in "three
    people, two of them children, died"."""
    return not _AMONG_AFTER.match(sentence, noun_end) and any(
        not _OF_THEM_AFTER.match(sentence, f) and not _LISTED_FIGURE.fullmatch(sentence[noun_end:f])
        for f in crossing)


def outcome_for(sentence: str, fig_start: int, noun_end: int, outcomes: _Outcomes,
                has_noun: bool, figure_starts: _Offsets | None = None) -> str | None:
    """The outcome word governing a figure: passive after it, else active or nominal before it."""
    own = _OWN_PREDICATE.match(sentence, noun_end)
    if own and own.start("verb") not in outcomes.start_set:
        return None  # "1,100 other children are suffering acute malnutrition": the figure has its own verb
    right = [(s, o) for s, e, o in outcomes.starting(noun_end, noun_end + 90) if o != Outcome.LOST
             and not clause_blocked(sentence[noun_end:s]) and not acts_on(sentence, noun_end, s, e, o)]
    left = [(e, o) for s, e, o in outcomes.ending(fig_start - 100, fig_start)
            if not clause_blocked(sentence[e:fig_start]) and not _bare_nominal(sentence, s, e, fig_start)
            and not (o != Outcome.ATTENDING and _BY_AGENT.fullmatch(sentence, e, fig_start))]
    if POSSESSOR.search(sentence, max(0, fig_start - 40), fig_start):
        # "executed the families of five rebels", "the wives of the five were among the dead": the families were
        # killed, not the five; only "the families of the 12 people killed" says it of the five
        left = []
        right = [(s, o) for s, o in right if not sentence[noun_end:s].strip(" ,+")]
    crossing = figure_starts.within(noun_end, right[0][0]) if right and figure_starts else []
    crosses = _crosses(sentence, noun_end, crossing)
    if crossing and left:
        right = []  # "killed 12 people, including 3 children, and 20 were injured": the passive is the later figure's
    if right:
        s, o = right[0]
        gap = sentence[noun_end:s].lower()
        if _PASSIVE_GAP.search(gap) or not gap.strip(" ,+"):
            return o
    if left:
        return left[-1][1]
    if right and has_noun and not crosses:
        s, o = right[0]
        if s - noun_end <= 40:
            return o  # "20 civilians in the market died"
    return None

