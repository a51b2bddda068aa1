"""Events stage: articles about one incident are grouped, and their dates and claims become dated events.

1. Articles that name the same places and people within a few days of each other (or report the same
   figures) form an incident (incidents.py).
2. Each article has a main day: the day its text talks about most, or its publication day. Claims go
   to the day their own sentence names, else to the article's main day. Undated articles take the
   main day of the dated articles they share an incident with, and a warning says so (days.py, merge.py).
3. Every resolved date in the text adds to the event of that day (or month, year: background; buckets.py).
4. Within an event, the same claim from several articles is one row (corroborated); different
   figures for one category from different claimants are contested (rows.py).
Titles (titles.py), the parts of a day (subevents.py), editors' events (curated.py), counted periods
(periods.py) and inferred publication dates (inference.py) have their own modules.
"""

from generator.events.incidents import cluster_incidents
from generator.events.inference import infer_publication_dates
from generator.events.merge import merge_events
from generator.events.periods import counted_period
from generator.events.rows import CATEGORY_ORDER
from generator.events.subevents import find_subevents
from generator.events.titles import claim_headline, sentence_headline

__all__ = [
    "CATEGORY_ORDER",
    "claim_headline",
    "cluster_incidents",
    "counted_period",
    "find_subevents",
    "infer_publication_dates",
    "merge_events",
    "sentence_headline",
]
