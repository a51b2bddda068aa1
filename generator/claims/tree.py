"""Figures bound through the dependency tree (nlp.parse): the noun a figure counts, the predicate that governs
that noun, and the words of that predicate's own clause, so that an outcome word of another clause is never lent.

"A bus carrying 40 people overturned, killing 12": 40 counts people, the object of "carrying" (a load), and
"killing" belongs to another clause. "The gunmen fled with 30 hostages": a "with" phrase is a clause of its own
("with 30 others injured" says they were hurt); "fled" says nothing of the hostages. "The death toll in the
district has risen to 121": the figure is the value of a toll, whose words (its subject) are the figure's own.

The binding only says which words are the figure's; reading.py still picks the outcome among them with the rules
(outcomes.outcome_for), so that the parse and the rules read a sentence the same way wherever the parse agrees.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator import rules
from generator.claims.indexes import _Offsets, _Outcomes
from generator.claims.outcomes import ABOARD_AFTER, outcome_for
from generator.vocabulary import Outcome

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Relations from a figure to the noun it counts ("40 people", "2.5 million demonstrators")
_COUNTS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})
# How a noun may be a core argument of its predicate: subject, object, passive subject, complement
CORE = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "agent", "ROOT"})

# Clauses of their own inside a predicate's subtree: their words are not the figure's
_OTHER_CLAUSES = frozenset({"advcl", "ccomp", "csubj", "csubjpass", "parataxis", "relcl", "acl", "pcomp"})
# A predicate's own words: auxiliaries, particles, complements ("were feared dead", "feared to have died")
_COMPLEX = frozenset({"aux", "auxpass", "prt", "acomp", "oprd", "xcomp", "neg"})


def _rule(name: str) -> rules.Rule:
    return rules.rule("clauses", name)


# Prepositions that open a clause of their own ("fled with 30 hostages", "with 30 others injured")
LOOSE_PREPOSITIONS = frozenset(_rule("loose_prepositions").words)
# Prepositions that name the parts of a noun: "12 people, including 3 children" are counted as the people are
_PART_PREPOSITIONS = frozenset(_rule("part_prepositions").words)
# Nouns of a figure as a whole: "the death toll has risen to 121", "the number of survivors remains 104"
_TOLL_NOUNS = frozenset(rules.rule("figures", "toll_words").words) | frozenset(_rule("toll_subjects").words)
# Verbs whose object is a part of their subject: "those killed in the raids include 14 children"
_WHOLE_VERBS = frozenset(_rule("whole_verbs").words)
# Words of being aboard that may follow the people ("400 people on board"); "carrying" must govern them


@dataclass(frozen=True)
class Binding:
    """Where a figure sits in the tree: the token indexes of its clause, of its predicate and that predicate's own
    words, and of the predicates of the noun it counts ("people who took to the streets")."""

    starts: tuple[int, ...]  # where each token of the sentence starts
    clause: frozenset[int]
    rel: str  # how the counted noun hangs on the predicate: "dobj", "nsubjpass", "pobj:for", "with", ...
    sure: bool  # a clean binding: when it finds no outcome there is none (else the rules are asked)
    verb: int | None = None  # the governing predicate; None for a figure alone, or in a "with" phrase
    complex: frozenset[int] = frozenset()  # the predicate and its auxiliaries, particles and complements
    own: frozenset[int] = frozenset()  # the relative clauses and participles of the counted noun
    core: bool = False  # the noun is the predicate's subject, object or complement ("since 2011" is not)
    toll: frozenset[int] = frozenset()  # the words of the toll whose value the figure is ("the toll stands at 121")
    toll_noun: str | None = None  # what that toll counts ("the number of survivors"), in lower case
    # the subtree of the nearest clause around the figure (a relative clause, a participle, another verb of a list):
    # even where the parse is doubtful, an outcome word outside it is not the figure's
    scope: frozenset[int] = frozenset()
    acts: bool = False  # the noun is the doer of its predicate ("three gunmen killed 12", "released by 33 factions")
    verbs: frozenset[int] = frozenset()  # the verbs of the sentence

    def tokens(self, start: int, end: int) -> range:
        """The indexes of the tokens that start in [start, end) (the tokens of an outcome word)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def keep(self, outcomes: Iterable[tuple[int, int, str]], where: frozenset[int]) -> list[tuple[int, int, str]]:
        """The outcome words (start, end, outcome) whose first token is in `where`."""
        return [o for o in outcomes if (toks := self.tokens(o[0], o[1])) and toks[0] in where]

    def outside(self, outcome: tuple[int, int, str]) -> bool:
        """Whether an outcome verb is outside the figure's nearest clause (`scope`): a verb of another clause is
        not lent ("a concert attended by 22,000 people, ..., killing 58"); a noun ("the death toll may be as high
        as 400,000") may be misattached, and is not judged."""
        toks = self.tokens(outcome[0], outcome[1])
        return bool(toks) and toks[0] not in self.scope and toks[0] in self.verbs

    def governing(self, outcomes: list[tuple[int, int, str]]) -> str | None:
        """The outcome of the predicate itself ("were killed", "took to the streets"), else of its auxiliaries and
        complements ("were feared dead", "feared to have died", "remain in critical condition")."""
        if self.verb is None:
            return None
        if self.acts:  # what the people counted did is no outcome of theirs, but gathering or carrying
            outcomes = [o for o in outcomes if o[2] in (Outcome.ATTENDING, Outcome.ABOARD)]
        for o in outcomes:
            if self.verb in self.tokens(o[0], o[1]):
                return o[2]
        return next((o[2] for o in outcomes if (toks := self.tokens(o[0], o[1])) and toks[0] in self.complex), None)


def _figure_token(doc: Any, start: int, end: int) -> Any | None:
    """The token of a figure: of its tokens, the one whose head is outside it ("thousand" in "two thousand")."""
    toks = [t for t in doc if start <= t.idx < end]
    if not toks:
        return None
    return next((t for t in toks if t.head == t or not start <= t.head.idx < end), toks[-1])


def _governor(n: Any) -> tuple[Any | None, str, Any | None]:
    """The predicate governing noun n, the relation by which n (or the first of its conjuncts) hangs on it, and a
    loose preposition ("with") met on the way, which is then the whole of the figure's clause."""
    x = n
    for _ in range(20):
        dep = x.dep_
        if dep in ("conj", "appos") and x.head != x:
            x = x.head  # "12 soldiers and 3 civilians": the conjunct shares the first one's predicate
            continue
        if dep in _COUNTS and x.head != x and x.head.pos_ in _NOMINAL:
            x = x.head  # "7 and 2 people": the number's noun; "35 Daesh militants"
            continue
        if dep == "pobj" and x.head != x and x.head.dep_ == "agent":
            return x.head.head, "agent", None  # "a concert attended by 22,000 people"
        if dep == "pobj" and x.head != x:
            p = x.head
            word = p.lower_
            h = p.head
            if word in LOOSE_PREPOSITIONS and (h.pos_ not in _NOMINAL or _has_predicate(p)):
                return None, dep, p  # "fled with 30 hostages", "with 30 others injured"
            if h != p and h.pos_ in _NOMINAL and (word in _PART_PREPOSITIONS or word in LOOSE_PREPOSITIONS or (
                    word == "of" and h.lemma_.lower() in _TOLL_NOUNS)):
                # "12 people, including 3 children": the parts are counted as the whole is; "a total of 14"; "killing
                # a woman with four of her children": those with a person share what befell them
                x = h
                continue
            return (h if h != p else None), f"pobj:{word}", None
        if dep == "ROOT" or x.head == x:
            return (x if x.pos_ in ("VERB", "AUX") else None), "ROOT", None
        v = x.head
        if v.dep_ in ("aux", "auxpass") and v.head != v:
            v = v.head  # "60,000 are missing" parsed with "are" as the head of 60,000
        return v, dep, None
    return None, "", None


def _has_predicate(p: Any) -> bool:
    """Whether a preposition's phrase has a predicate of its own ("with 30 others injured")."""
    return any(u.pos_ in ("VERB", "AUX") and u.dep_ in ("pcomp", "acl", "relcl") for u in p.subtree)


def _shares_subject(t: Any) -> bool:
    """A subordinate predicate without a subject of its own that says what its subject was listed as ("466
    patients have been reported as wounded"): the figure's own words."""
    return t.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and any(
        c.lower_ == "as" for c in t.children)


def _subtree(t: Any) -> set[int]:
    return {int(u.i) for u in t.subtree}


def _clause_of(v: Any, path: set[int], noun: Any, keep_all: set[int]) -> tuple[set[int], set[int]]:
    """The token indexes of v's own clause (other clauses and loose phrases cut out, unless on the path to the
    figure or in keep_all) and of the counted noun's own predicates."""
    clause = _subtree(v)
    own: set[int] = set()
    for t in v.subtree:
        i = int(t.i)
        if t == v or i in path or i in keep_all:
            continue
        cut = t.dep_ in _OTHER_CLAUSES or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")) or (
            t.dep_ == "prep" and t.lower_ in LOOSE_PREPOSITIONS)
        if not cut or (t.head == v and _shares_subject(t)):
            continue
        sub = _subtree(t)
        if t.dep_ in ("acl", "relcl") and t.head == noun:
            own |= sub  # "700,000 people who took to the streets", "150 injured"
        clause -= sub
    return clause, own


def _toll_subject(v: Any, path: set[int]) -> Any | None:
    """A toll that v gives the value of: "the death toll has risen to 121", "put the toll at 16"."""
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and int(c.i) not in path and c.lemma_.lower() in _TOLL_NOUNS:
            return c
    return None


def _counted_by(toll: Any) -> str | None:
    """What a toll counts: "the number of survivors" -> "survivors"; None for "the death toll"."""
    for c in toll.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    return str(o.lower_)
    return None


def _scope(f: Any) -> frozenset[int]:
    """The tokens of the nearest clause of its own around a figure (headed by a verb), or of the whole sentence."""
    for a in f.ancestors:
        if (a.dep_ in _OTHER_CLAUSES or a.dep_ == "conj") and a.pos_ in ("VERB", "AUX") or (
                a.dep_ == "prep" and a.lower_ in LOOSE_PREPOSITIONS and (
                    a.head.pos_ not in _NOMINAL or _has_predicate(a))):
            return frozenset(_subtree(a))
    return frozenset(range(len(f.doc)))


def bind(doc: Any, start: int, end: int) -> Binding | None:
    """How the figure at [start, end) of the parsed sentence is bound, or None when no token is found there."""
    f = _figure_token(doc, start, end)
    if f is None:
        return None
    starts = tuple(int(t.idx) for t in doc)
    noun = f.head if f.dep_ in _COUNTS and f.head.pos_ in _NOMINAL and f.head != f else f
    path = {int(f.i), int(noun.i)}
    path |= {int(a.i) for a in noun.ancestors}
    v, rel, loose = _governor(noun)
    if loose is not None:  # "with 30 others injured", "fled with 30 hostages"
        return Binding(starts, frozenset(_subtree(loose)), "with", True, scope=frozenset(_subtree(loose)))
    if v is None:  # a figure alone: "More than 150 injured in the crush" (its participle is its own)
        _clause, own = _clause_of(noun, path, noun, set())
        own |= {int(u.i) for c in f.children if c.dep_ in ("acl", "amod") for u in c.subtree}
        return Binding(starts, frozenset(_subtree(noun)), rel, False, own=frozenset(own), scope=_scope(f))
    toll = _toll_subject(v, path) if rel != "nsubj" else None
    keep_all = _subtree(toll) if toll is not None else set()
    if v.lemma_.lower() in _WHOLE_VERBS:  # "those killed in the raids include 14 children": the subject is theirs
        keep_all |= {int(u.i) for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for u in c.subtree}
    keep_all |= {int(u.i) for c in v.children if c.dep_ == "prep" and c.lower_ in _PART_PREPOSITIONS
                 for u in c.subtree}  # "68 children were among the 126 people killed"
    clause, own = _clause_of(v, path, noun, keep_all)
    # the predicate, its auxiliaries and complements, and the first word of its prepositional phrases ("remain in
    # critical condition"; not the words deeper in them: "kill 10 in a camp for displaced people")
    complex_ = {int(v.i)} | {int(u.i) for c in v.children if c.dep_ in _COMPLEX for u in c.subtree} | {
        int(c.i) for c in v.children if c.dep_ == "prep" and int(c.i) not in path}
    core = rel in CORE or (toll is not None and rel.startswith("pobj:"))
    # A preposition of the predicate without its object ("were among at least 48 people killed" misread) makes
    # the binding doubtful
    dangling = any(c.dep_ == "prep" and not any(True for _ in c.children) for c in v.children)
    # A noun bound through a preposition is often a misread attachment ("puts the toll at more than 470000 people"
    # read as of "conflict"): only the value of a toll is sure there
    sure = v.pos_ in ("VERB", "AUX") and (rel in CORE or (toll is not None and rel.startswith("pobj:"))) and (
        not dangling)
    scope = _scope(f) if not dangling else frozenset(range(len(doc)))
    acts = rel == "agent" or (rel == "nsubj" and any(c.dep_ in ("dobj", "dative") for c in v.children))
    return Binding(starts, frozenset(clause), rel, sure, verb=int(v.i), complex=frozenset(complex_ & clause),
                   own=frozenset(own), core=core, toll=frozenset(_subtree(toll)) if toll is not None else frozenset(),
                   toll_noun=_counted_by(toll) if toll is not None else None, scope=scope, acts=acts,
                   verbs=frozenset(int(t.i) for t in doc if t.pos_ in ("VERB", "AUX")))


def outcome_in_tree(sentence: str, fig_start: int, noun_end: int, binding: Binding, outcomes: _Outcomes,
                    has_noun: bool, figure_starts: _Offsets, usable: Callable[[str], bool]) -> str | None:
    """The outcome of a bound figure, read only from the words of its own clause: its predicate's, else the one
    the rules pick among the clause's words (outcome_for), else a predicate of its noun ("people who took to the
    streets"). Being aboard is an outcome like any other here: the tree says whose it is. Only outcomes that make
    a category for the people counted are read (`usable`: "identified" says nothing of three people)."""
    every = sorted(outcomes.items + (outcomes.apart.items if outcomes.apart is not None else []))
    every = [o for o in every if usable(o[2])]
    # "lost" is an outcome only right before its people ("lost 12 soldiers"; "12 families lost their homes"); a
    # verb of being aboard only as the figure's own predicate ("a man carrying a child" carries, is not carried)
    every = [o for o in every if (o[2] != Outcome.LOST or o[1] <= fig_start) and (
        o[2] != Outcome.ABOARD or sentence[o[0]:o[1]].lower() in ABOARD_AFTER or (
            binding.rel == "dobj" and binding.verb in binding.tokens(o[0], o[1])))]
    own = binding.keep(every, binding.own)
    if own and not sentence[noun_end:own[0][0]].strip():
        return own[0][2]  # a participle right after the noun is its own: "killed 8 and 58 others injured"
    mine = binding.keep(every, binding.clause)
    toll = binding.keep(every, binding.toll)  # "the death toll from the quake that struck ... is almost 2,000"
    found = binding.governing(mine) or (toll[0][2] if toll else None) or outcome_for(
        sentence, fig_start, noun_end, _Outcomes(mine), has_noun, figure_starts)
    return found or (own[0][2] if own else None)
