"""Claims stage: figures about people (killed, injured, freed, ...), who states them, and the sentence.

Rule-based on purpose: every decision can be traced to a word in the sentence (the word lists and patterns are in
generator/rules/*.yml), and editors can correct it in front matter. The modules, in the order a sentence is read:
sentences (split), numbers and figures (the figures and how they relate), people (the noun after a figure),
outcomes (what happened to them), categories, qualifiers, scope, attribution and actors (who states it),
reading (one sentence), extract (the stage), with indexes (lookups that keep long sentences linear), clauses,
ids and claimants (the one definition of the same claimant).
"""

from generator.claims.actors import match_actor, resolve_claimant
from generator.claims.attribution import ATTR_VERBS, find_attribution, strip_asides
from generator.claims.categories import BY_OUTCOME, CATEGORY
from generator.claims.claimants import claimant_key, claimant_tokens, same_claimant
from generator.claims.extract import extract_claims
from generator.claims.figures import Figure, find_figures
from generator.claims.ids import claim_id
from generator.claims.numbers import FIGURE, SCALES, TENS, UNITS, parse_figure, word_value
from generator.claims.outcomes import OUTCOME_WORDS, outcome_matches
from generator.claims.people import GROUP_WORDS, SUBGROUPS, THINGS
from generator.claims.qualifiers import QUALIFIER_VOCABULARY, QUALIFIERS
from generator.claims.reading import Reading, read_sentence
from generator.claims.scope import SCOPE
from generator.claims.sentences import Sentence, split_sentences

__all__ = [
    "ATTR_VERBS", "BY_OUTCOME", "CATEGORY", "FIGURE", "GROUP_WORDS", "OUTCOME_WORDS", "QUALIFIERS",
    "QUALIFIER_VOCABULARY", "SCALES", "SCOPE", "SUBGROUPS", "TENS", "THINGS", "UNITS", "Figure", "Reading",
    "Sentence", "claim_id", "claimant_key", "claimant_tokens", "extract_claims", "find_attribution", "find_figures",
    "match_actor", "outcome_matches", "parse_figure", "read_sentence", "resolve_claimant", "same_claimant",
    "split_sentences", "strip_asides", "word_value",
]
