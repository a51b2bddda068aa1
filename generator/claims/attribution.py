"""Who a sentence attributes its figures to: "according to X", "X said" (the noun phrase before a verb of speech),
"..., said X" (inverted), ", saying ..." (the subject before), read with the words of rules/speech.yml; and the
claimant's name cleaned of the words around it ("Meanwhile, the army has also" is "army").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator import rules
from generator.claims.indexes import TOO_MANY_WORDS, _Cuts, _ends_with, _kept_word

Resolve = Callable[[str, str | None], str | None]


def _rule(name: str) -> rules.Rule:
    return rules.rule("speech", name)


ATTR_VERBS = _rule("verbs").alternation()
_ATTR_AFTER = re.compile(rf"\b(?P<verb>{ATTR_VERBS})\b", re.IGNORECASE)
_ACCORDING = re.compile(rf"\b(?:{_rule('according_to').alternation()})\s+(?P<who>[^,.;:()]+)", re.IGNORECASE)
_DOCUMENT_VERB = re.compile(_rule("document_verbs").pattern, re.IGNORECASE)
_ING_ATTR = re.compile(rf",\s*(?:{_rule('ing_verbs').alternation()})\b", re.IGNORECASE)
# "..., said the interior minister." and "..., said Jane Roe.": a capitalised name or a title after the verb
_INVERTED = re.compile(rf"\b(?:{ATTR_VERBS})\s+(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*|{_rule('title_heads').pattern})"
                       r"(?:\s+[A-Z][\w'’.-]*){0,4})\s*[.,]")
ANAPHORS = frozenset(_rule("anaphors").words)  # the last named speaker
GENERIC_SOURCES = frozenset(_rule("generic_sources").words)
_BAD_CLAIMANT = re.compile(rf"\d|\b(?:{_rule('not_in_a_name').alternation()})\b", re.IGNORECASE)
_NOT_CLAIMANTS = frozenset(_rule("not_claimants").words)
_LEADING = re.compile(rf"^(?:(?:{_rule('leading_words').alternation()}|on \w+day)[, ]+)+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_A_OR_AN = re.compile(r"^(?:a|an)\s+", re.IGNORECASE)
_TALLY_BY = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:{_rule('tally_words').alternation()})\s+(?:by|from|of)\s+",
                       re.IGNORECASE)  # "according to a tally by Reuters": Reuters
_VERBISH = re.compile(rf"^(?:[a-z]+ed|{_rule('verbs_after_subject').alternation()})$")
_TRAILING = re.compile(rf"\b(?:{_rule('trailing_words').alternation()}|on \w+day)\b\s*$", re.IGNORECASE)
_TRAILING_AGAIN = re.compile(rf"\b(?:{_rule('trailing_again').alternation()})\s*$", re.IGNORECASE)
_SUBJECT_END = re.compile(rf"\s+(?:{_rule('subject_ends').alternation()})\b")
_WORD_RUN = re.compile(r"\S+")
# Patterns read from a verb's position onwards or back from it
_RESPONSIBILITY_AFTER = re.compile(r"\s+(?:responsibility|the lives|lives)")  # "claimed responsibility"
_TOLL_AFTER = re.compile(r"\s+the (?:death )?toll")  # "putting the toll at 12"
_AN_BEFORE = re.compile(r"\ban\s+$")  # "an estimated 50,000"
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|is|are)\s+$")  # "were reported to have been"
_AND_BEFORE = re.compile(r"\band\s*$")
# Relative clauses and brackets, dropped before attributions are read: strip_asides(sentence, _relative_at) is
# _RELATIVE.sub("", sentence), in one pass.
_RELATIVE_WORDS = rules.rule("clauses", "relative_words").alternation()
_RELATIVE = re.compile(rf",\s*(?:{_RELATIVE_WORDS})\b[^,]*,|\s*\([^)]*\)")
_RELATIVE_WORD = re.compile(rf",\s*(?:{_RELATIVE_WORDS})\b")


def clean_claimant(raw: str, max_words: int = 9) -> str | None:
    """A claimant's name without the words around it, or None when what is left names no one (max_words: a
    longer run of words is a clause the rules swept up, not a name; a noun phrase from the parse may be longer:
    "the deputy head of the provincial disaster management authority's relief wing")."""
    s = raw.strip().strip("\"“”'‘’()[]").strip()
    s = _SPACES.sub(" ", s)
    s = _LEADING.sub("", s).strip(" ,")
    s = _A_OR_AN.sub("", s)
    s = _TALLY_BY.sub("", s)
    s = _subject_start(s)
    if not s or len(s.split()) > max_words or _BAD_CLAIMANT.search(s):
        return None
    if s.lower() in _NOT_CLAIMANTS:
        return None
    return s


_SUBJECT_STARTS = frozenset(_rule("subject_starts").words)
_NAME_PREPOSITIONS = frozenset(_rule("prepositions_in_a_name").words)
_JOINING = frozenset(("and", "&", "or"))


def _subject_start(s: str) -> str:
    """"Tuesday the Observatory" -> "Observatory", "the attack he" -> "he": the subject starts at the last "the"
    or pronoun that no preposition or "and" comes just before (rules/speech.yml subject_starts)."""
    words = s.split(" ")
    for k in range(len(words) - 1, 0, -1):
        pronoun = words[k].lower() != "the"
        if pronoun and k < len(words) - 1:
            continue  # "the survivors he assisted": a pronoun is the subject only as the last word before the verb
        if words[k].lower() in _SUBJECT_STARTS and words[k - 1].lower() not in _NAME_PREPOSITIONS \
                and words[k - 1].lower() not in _JOINING:  # "the ministry and the Red Cross": both
            return " ".join(words[k:]).removeprefix("the ").removeprefix("The ")
    return s


def _subject_of_first_verb(sentence: str, end: int, cuts: _Cuts) -> str:
    """For "The rebels disputed the figure and said": the words before the first verb of the clause ("" when
    the first word is a verb, or when no verb comes before `end`, or when they are far too many)."""
    subject: list[str] = []
    kept = 0
    for w in _WORD_RUN.finditer(sentence, cuts.last_comma(end), end):
        if _VERBISH.match(w.group(0)):
            return " ".join(subject)
        subject.append(w.group(0))
        kept += _kept_word(w.group(0))
        if kept >= TOO_MANY_WORDS:
            return ""
    return ""



def np_before(sentence: str, end: int, cuts: _Cuts | None = None) -> str:
    """The noun phrase just before an attribution verb at `end`, back to a clause boundary; "" when there is none,
    or when it is far too long to be a claimant (see indexes.TOO_MANY_WORDS)."""
    cuts = cuts or _Cuts(sentence)
    if _ends_with(_AND_BEFORE, sentence, end):
        return _subject_of_first_verb(sentence, end, cuts)  # the speaker is the subject of the first verb
    start = cuts.last_cut(end)
    if cuts.too_long(start, end):
        return ""
    chunk = sentence[start: end]
    chunk = _TRAILING.sub("", chunk.strip()).strip()
    return _TRAILING_AGAIN.sub("", chunk.strip()).strip()


def _clause_subject(sentence: str, end: int) -> str:
    """The words between the last comma before `end` and `end`: the subject of a clause whose verb is at `end`
    ("However, the Office for Port Safety gave a tally": "the Office for Port Safety", prepositions and all)."""
    return sentence[sentence.rfind(",", 0, end) + 1: end]


def strip_asides(text: str, at_comma: Callable[[str, int], int | None]) -> str:
    """re.sub(rf"{A}|\\s*\\([^)]*\\)", "", text), where A starts with a comma: at_comma(text, c) is where a match
    of A at the comma c ends (None: no match there; -1: none at this comma or any later one).

    The same as the regular expression, in one pass: that would read on to the end of the text from every
    bracket that is never closed (and A from every comma after the last one it needs), again and again.
    """
    out: list[str] = []
    keep = pos = 0
    n = len(text)
    comma, bracket = text.find(","), text.find("(")
    commas_left = brackets_left = True
    while True:
        if commas_left and comma != -1 and comma < pos:
            comma = text.find(",", pos)
        if brackets_left and bracket != -1 and bracket < pos:
            bracket = text.find("(", pos)
        a = comma if commas_left and comma != -1 else n + 1
        b = n + 1
        if brackets_left and bracket != -1:
            b = bracket
            while b > pos and text[b - 1].isspace():  # \s* before the bracket: the match starts where they do
                b -= 1
        if a > n and b > n:
            break
        if a < b:
            end = at_comma(text, a)
            if end == -1:
                commas_left = False
            elif end is not None:
                out.append(text[keep:a])
                keep = pos = end
                continue
            pos = a + 1
        else:
            close = text.find(")", bracket + 1)
            if close == -1:
                brackets_left = False  # no bracket after this one is closed either
                continue
            out.append(text[keep:b])
            keep = pos = close + 1
    out.append(text[keep:])
    return "".join(out)


def _relative_at(text: str, c: int) -> int | None:
    """_RELATIVE's first alternative at the comma c: ", which ... ," up to the next comma."""
    m = _RELATIVE_WORD.match(text, c)
    if not m:
        return None
    after = text.find(",", m.end())
    return -1 if after == -1 else after + 1


def _inverted(sentence: str) -> re.Match[str] | None:
    """"..., said the army.": the first inverted verb and name, when a comma comes before the verb."""
    m = _INVERTED.search(sentence)
    if m and m.start() > 0:
        t = m.start()
        while t > 0 and sentence[t - 1].isspace():
            t -= 1
        if t > 0 and sentence[t - 1] == ",":  # the text before it ends with a comma
            return m
    return None


def _speaker_before_verb(sentence: str) -> str | None:
    """"The army said ...": the first verb of speech with a claimant in the noun phrase before it."""
    cuts: _Cuts | None = None  # made once per sentence, when a verb needs it
    for v in _ATTR_AFTER.finditer(sentence):
        verb = v.group("verb").lower()
        if verb in ("claim", "claims", "claimed") and _RESPONSIBILITY_AFTER.match(sentence, v.end()):
            continue
        if verb == "estimated" and _ends_with(_AN_BEFORE, sentence, v.start()):
            continue  # "an estimated 50,000 supporters": a qualifier, not a speaker
        if verb in ("put", "putting") and not _TOLL_AFTER.match(sentence, v.end()):
            continue
        if verb == "reported" and _ends_with(_PASSIVE_BEFORE, sentence, v.start()):
            continue  # "were reported to have been sealed off": passive, no speaker
        cuts = cuts or _Cuts(sentence)
        who = np_before(sentence, v.start(), cuts)
        cleaned = clean_claimant(who) if who else None
        if cleaned:
            return cleaned
    return None


def find_attribution(sentence: str) -> tuple[str | None, bool]:
    """Who the sentence attributes its figures to, and whether it has an attribution at all."""
    m = _ACCORDING.search(sentence)
    if m:
        return clean_claimant(m.group("who")), True
    sentence = strip_asides(sentence, _relative_at)  # "The BLA, which says it staged the raids, claimed ..."
    inverted = _inverted(sentence)
    if inverted:
        return clean_claimant(inverted.group("who")), True
    speaker = _speaker_before_verb(sentence)
    if speaker:
        return speaker, True
    given = _DOCUMENT_VERB.search(sentence)  # "the office gave a different tally": the office
    speaker = clean_claimant(_clause_subject(sentence, given.start()), max_words=12) if given else None
    if speaker:
        return speaker, True
    m = _ING_ATTR.search(sentence)
    if m:
        subject = _SUBJECT_END.split(sentence[: m.start()], maxsplit=1)[0]
        return clean_claimant(subject), True
    return None, False


def clause_claimants(sentence: str, resolve: Resolve, last: str | None) -> list[tuple[int, int, str | None]]:
    """For sentences joined by ';', each clause's own attribution: (start, end, claimant)."""
    if ";" not in sentence:
        return []
    out, pos = [], 0
    for part in sentence.split(";"):
        raw, has = find_attribution(part)
        if has and raw:
            out.append((pos, pos + len(part) + 1, resolve(raw, last)))
        pos += len(part) + 1
    return out
