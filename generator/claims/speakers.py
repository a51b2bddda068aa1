"""Who states a figure, read from the dependency parse: the subject of the reporting verb that governs it.

From the figure up through its heads, the first of these names the speaker:
- "according to X" on the way up ("According to the union, 9,000 marched");
- a reporting verb (rules/speakers.yml reporting_lemmas) reached from below its subject: its subject ("the
  coastguard clarified that 9 bodies were found", "..., said the mayor"), the passive subject of "quoted" or
  "cited" ("he was quoted as saying"), the agent of a passive ("were reported by the ministry"), or, for a verb
  without a subject of its own (", saying ...", "a statement saying ...", "and said ..."), the subject of the
  verb it hangs on.
The subject is then read as a name: "Jane Roe, a spokeswoman for the port authority" speaks for the port
authority; "the general secretary of the dockers' union, Jo Bloggs" for the union; "the report" or "he" refers
back to the last speaker it fits (resolved by the caller, who knows the article); "initial reports" and
"hundreds more" name no one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator import rules

Token = Any  # a spaCy Token (spaCy is optional: see nlp.py)


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in rules.rule("speakers", name).words)


REPORTING = _words("reporting_lemmas")
NOT_WITH_OBJECT = _words("not_reporting_with_object")
SPEAKS_FOR = _words("speaks_for_roles")
_ROLES_LONGEST_FIRST = sorted(SPEAKS_FOR, key=lambda r: (-len(r), r))
DOCUMENTS = _words("document_nouns")
SOURCE_PREPS = _words("source_prepositions")
NAME_PREPS = _words("name_prepositions")
PERSON_REFS = _words("person_pronouns")
GROUP_REFS = _words("group_pronouns")
RELATIVES = _words("relative_pronouns")
NOT_A_SPEAKER = _words("not_a_speaker")
ORGANISATION_WORDS = _words("organisation_words")
PERSON_WORDS = _words("person_words")
# The one-word pronouns of those lists: they stand for an earlier speaker, or for no one
PRONOUNS = frozenset(w for w in PERSON_REFS | GROUP_REFS if " " not in w)
_SUBJECTS = ("nsubj", "csubj")
_DROPPED = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep", "parataxis", "dep"}
_NAMED = ("PROPN", "NOUN")
_IN_A_NAME = ("-", "‐", "‑", "’", "'", ".")  # punctuation inside a name: "Al-Qidra", "U.S."


@dataclass(frozen=True)
class Speaker:
    """The claimant a figure is stated by, as the sentence writes it."""

    name: str  # "the coastguard", "the dockers' union", "Jane Roe"
    person: str | None = None  # who speaks for the organisation named in `name` ("Jane Roe"), for the row
    refers_to: str | None = None  # "person" or "group": a pronoun or "the report" standing for an earlier speaker


def speaker_of(doc: Any, offset: int) -> Speaker | None:
    """The speaker of the figure that starts at character `offset` of the parsed sentence, or None."""
    token = _token_at(doc, offset)
    if token is None:
        return None
    agent: Speaker | None = None  # "250 were declared dead by the hospital": unless someone above reports it
    for child, head in _path_up(token):
        found = _according_to(head, child) or _aside(head, child)
        if found is not None:
            return found
        if _reports(head, child, token):
            subject = _subject_of(head)
            if subject is not None and not _covers(subject, token):
                if subject.head.dep_ != "agent":
                    return read_name(subject)
                agent = agent or read_name(subject)
    # "..., seized weapons and fled, according to officials": the phrase hangs on the last verb of a list but
    # covers the sentence
    for t in doc:
        if t.lower_ == "according" and not _covers(t, token):
            found = _according_to(t.head, token) if t.head.i != t.i else _according_to_itself(t)
            if found is not None:
                return found
    return agent


def _according_to_itself(according: Token) -> Speaker | None:
    to = next((g for g in according.children if g.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    return read_name(obj) if obj is not None else None


def reports_anything(doc: Any) -> bool:
    """Whether the parse sees a reporting verb with a subject, or "according to", anywhere in the sentence: when
    it does not, an attribution the rules see in the sentence is one the parse misread (", informed the police
    chief in a press meet")."""
    return any(t.lower_ == "according" or t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORTING
               and _subject_of(t) is not None for t in doc)


def names_someone(doc: Any, phrase: str) -> bool:
    """Whether a claimant the rules read in the parsed sentence is a noun phrase that names someone: its last word
    a noun, a name or a pronoun, and not a word that names no one. "Initial" (of "initial reports suggested") or
    "Homes are" is a fragment, never a claimant."""
    at = doc.text.find(phrase)
    if at < 0:
        return True  # cleaned beyond recognition: the rules' own checks stand
    inside = [t for t in doc if at <= t.idx < at + len(phrase) and not t.is_punct]
    if not inside:
        return True
    last = inside[-1]
    return last.pos_ in ("NOUN", "PROPN", "PRON") and last.lower_ not in NOT_A_SPEAKER \
        and last.lemma_.lower() not in NOT_A_SPEAKER


def _token_at(doc: Any, offset: int) -> Token | None:
    for t in doc:
        if t.idx <= offset < t.idx + max(len(t.text), 1):
            return t
    return None


def _path_up(token: Token) -> Iterator[tuple[Token, Token]]:
    """(child, head) pairs from the figure to the root of its sentence."""
    child = token
    while child.head.i != child.i:  # spaCy makes a new Token object on every access: compare indexes
        yield child, child.head
        child = child.head


def _according_to(head: Token, came_from: Token) -> Speaker | None:
    for c in head.children:
        if c.i == came_from.i or c.lower_ != "according":
            continue
        found = _according_to_itself(c)
        if found is not None:
            return found
    return None


def _aside(head: Token, came_from: Token) -> Speaker | None:
    """"Seven were killed, the fire service said, and ...": a reporting verb set in as an aside (parataxis)."""
    for c in head.children:
        if c.i != came_from.i and c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX") \
                and c.lemma_.lower() in REPORTING:
            subject = next((g for g in c.children if g.dep_ in _SUBJECTS), None)
            if subject is not None:
                return read_name(subject)
    return None


def _reports(verb: Token, came_from: Token, figure: Token) -> bool:
    """Whether the verb reports the figure reached from `came_from`: not from its subject ("40 people said"), not
    from a second verb joined to it, and, for "claim", "give" and the like, not from inside its direct object
    ("claimed the lives of 40", but "claimed responsibility for the attack that killed 40")."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in REPORTING:
        return False
    if came_from.dep_ in _SUBJECTS:
        return False
    if came_from.dep_ == "nsubjpass":  # "90 deaths were reported by the broadcaster": only with an agent
        return any(c.dep_ == "agent" for c in verb.children)
    if came_from.dep_ == "conj" and came_from.pos_ in ("VERB", "AUX"):
        return False  # "claimed the lives of two and injured five": a second verb of its own, not reported
    if came_from.dep_ == "dobj" and verb.lemma_.lower() in NOT_WITH_OBJECT:
        return _clause_between(figure, came_from)
    return True


def _clause_between(figure: Token, top: Token) -> bool:
    """Whether a verb stands between the figure and `top`, one of its heads: the figure is in a clause of its own."""
    t = figure
    while t.i != top.i and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.i != figure.i:
            return True
        t = t.head
    return False


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; the passive subject of "quoted"; a passive's agent; or the subject of the verb a
    subject-less reporting verb hangs on (", saying", "a statement saying", "confirmed ... and said")."""
    for c in verb.children:
        if c.dep_ in _SUBJECTS:
            return c
    if verb.lemma_.lower() in ("quote", "cite"):
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and verb.head.i != verb.i:
        host = verb.head
        if host.dep_ == "pobj" and host.head.head.i != host.head.i:
            host = host.head.head  # "said in a statement saying": said <- in <- statement <- saying
        if host.pos_ in _NAMED and verb.dep_ == "acl":  # "a statement saying": the verb the statement hangs on
            host = host.head
        if host.pos_ in ("VERB", "AUX"):
            return next((c for c in host.children if c.dep_ in (*_SUBJECTS, "nsubjpass")
                         and (c.dep_ != "nsubjpass" or host.lemma_.lower() in ("quote", "cite"))), None)
    return None


def _covers(head: Token, token: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


def read_name(head: Token) -> Speaker | None:
    """The speaker named by the noun phrase headed by `head`, or None when it names no one."""
    if head.lower_ in RELATIVES and head.head.dep_ == "relcl":
        head = head.head.head  # "the union, which said": the union
    low = head.lower_
    if head.pos_ == "PRON" or low in PRONOUNS:
        kind = "person" if low in PERSON_REFS else "group"
        return Speaker(head.text, refers_to=kind)
    if head.pos_ not in _NAMED or head.lemma_.lower() in NOT_A_SPEAKER or low in NOT_A_SPEAKER:
        return None
    phrase = _phrase(head)
    if phrase.lower() in NOT_A_SPEAKER:
        return None
    if phrase.lower() in PERSON_REFS:
        return Speaker(phrase, refers_to="person")
    if phrase.lower() in GROUP_REFS:
        return Speaker(phrase, refers_to="group")
    if low in DOCUMENTS or head.lemma_.lower() in DOCUMENTS:
        source = _document_source(head)
        if source is not None:
            return source
    return _with_role(head, phrase)


def _phrase(head: Token) -> str:
    """The noun phrase of `head` as written, without clauses, asides and prepositional phrases other than the
    ones a name keeps ("the Ministry of the Interior")."""
    kept = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ == "case" and t.head.i == head.i:
            continue  # "the operator's statement": the operator
        if t.dep_ in _DROPPED and not (t.dep_ == "prep" and t.lower_ in NAME_PREPS and t.head.i == head.i) \
                and not (t.dep_ == "punct" and _inside_a_word(t)):
            continue
        kept.append(t)
        stack.extend(t.children)
    kept.sort(key=lambda t: t.i)
    run = [kept[0]]
    for t in kept[1:]:  # one contiguous run: a gap means a dropped aside in the middle
        if t.i != run[-1].i + 1:
            if t.i > head.i:
                break
            run = [t]
            continue
        run.append(t)
    while run and (run[0].dep_ == "det" and run[0].lower_ in ("a", "an") or run[0].is_punct):
        run = run[1:]
    while run and run[-1].is_punct:
        run = run[:-1]
    if not run:
        return head.text
    doc = head.doc
    return doc.text[run[0].idx: run[-1].idx + len(run[-1].text)]


def _inside_a_word(t: Token) -> bool:
    """A hyphen or apostrophe with no space on either side: part of a name ("Al-Qidra"), not a dash."""
    return t.text in _IN_A_NAME and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _document_source(doc_head: Token) -> Speaker | None:
    """The source of a document: "the agency's bulletin", "a statement from the ministry", "the toll provided by
    the agency"."""
    for c in doc_head.children:
        if c.dep_ == "poss" and c.pos_ in _NAMED:
            return read_name(c)
        if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in _NAMED and obj.lemma_.lower() not in DOCUMENTS:
                return read_name(obj)
        if c.dep_ == "acl":
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                return read_name(obj)
    return None


def _with_role(head: Token, phrase: str) -> Speaker:
    """A name with the role its speaker has: someone who speaks for an organisation gives the organisation's
    name, with the person named for the row."""
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    role_here = _speaks_for(phrase)
    if appos is not None:
        other = _phrase(appos)
        role_there = _speaks_for(other)
        if role_here is not None:  # "the general secretary of the union, Jo Bloggs"
            org, person = role_here
            return Speaker(org, person=other if appos.pos_ == "PROPN" else person)
        if role_there is not None and head.pos_ == "PROPN":  # "Jo Bloggs, a spokesman for the union"
            return Speaker(role_there[0], person=phrase)
        if head.pos_ == "PROPN" and appos.pos_ == "NOUN":
            return Speaker(phrase)  # "the union, the largest in the port": the name, not its description
    if role_here is not None:
        org, person = role_here
        return Speaker(org, person=person)
    return Speaker(phrase)


def _speaks_for(phrase: str) -> tuple[str, str | None] | None:
    """("the port authority", "Jane Roe") for "port authority spokeswoman Jane Roe" or "a spokeswoman for the
    port authority"; None when the phrase has no speaks-for role, or no organisation with it."""
    low = phrase.lower()
    for role in _ROLES_LONGEST_FIRST:
        at = _word_at(low, role)
        if at < 0:
            continue
        before = phrase[:at].strip(" ,")
        after = phrase[at + len(role):].strip(" ,")
        for prep in ("for ", "of ", "at "):
            if after.lower().startswith(prep):
                org = after[len(prep):].strip()
                return (org, None) if org else None
        before = _strip_article(before)
        person = after if after[:1].isupper() else None
        return (before, person) if before else None
    return None


def _word_at(text: str, word: str) -> int:
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return at
        at = text.find(word, at + 1)
    return -1


def _strip_article(text: str) -> str:
    """"the army's" -> "army": the organisation before a role."""
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            text = text[len(article):]
            break
    return text.strip().removesuffix("'s").removesuffix("’s").strip()


def speaker_kind(name: str) -> str:
    """"group" for an organisation or its document ("the health ministry", "OCHA"), "person" for someone with a
    role or a name of two capitalised words ("Interior Minister Jane Roe", "Jane Roe"), for "he" and "it" to find
    the speaker they fit."""
    words = [w.strip(".,'’()").lower() for w in name.split()]
    if any(w in ORGANISATION_WORDS for w in words) or name.isupper():
        return "group"
    if any(w in PERSON_WORDS for w in words):
        return "person"
    capitalised = [w for w in name.split() if w[:1].isupper()]
    return "person" if len(capitalised) >= 2 and len(capitalised) == len(name.split()) else "group"
