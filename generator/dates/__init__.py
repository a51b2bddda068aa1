"""Date stage: publication dates, and temporal expressions in the text resolved against them.

    publication  publication dates (front matter, datelines)
    patterns     the expression patterns, built from generator/rules (calendar, numbers, temporal)
    context      what the words around an expression say (forward or back, stated, a count, an age)
    resolvers    a table of resolvers, one per kind of expression
    anaphors     expressions counted from another date in the text ("the next day")
    tagger       tag: the TIMEX3 tagger
    timex        the Timex record and TIMEX3 value arithmetic
    window       the years 1000-2100 a date may have
    mentions     the pipeline stage: an article's DateMentions, paragraph lines, window warnings
"""

from generator.dates.mentions import line_of, paragraph_starts, resolve_dates, window_diagnostics
from generator.dates.publication import find_dateline, parse_publication_date
from generator.dates.tagger import tag
from generator.dates.timex import Timex
from generator.dates.window import MAX_YEAR, MIN_YEAR, duration_in_window, in_window

__all__ = [
    "MAX_YEAR", "MIN_YEAR", "Timex", "duration_in_window", "find_dateline", "in_window", "line_of",
    "paragraph_starts", "parse_publication_date", "resolve_dates", "tag", "window_diagnostics",
]
