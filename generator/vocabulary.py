"""The closed vocabularies of the domain, as enums.

Each is a StrEnum: a member is the very string it stands for ("contested" == Status.CONTESTED), so pages,
exports and comparisons with text read from files are unchanged, while code names the member and a typing
mistake is an AttributeError, not a silent mismatch. Categories are open (editors add their own in
timeline.yml): Category lists the built-in ones, and a claim's category is a Category or an editor's text.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """The built-in claim categories, in the order tables list them."""

    MILITANTS_KILLED = "militants killed"
    SECURITY_KILLED = "security personnel killed"
    CIVILIANS_KILLED = "civilians killed"
    DEAD = "dead"
    HOSTAGES_KILLED = "hostages killed"
    INJURED = "injured"
    HOSTAGES_HELD = "hostages held"
    INMATES_FREED = "inmates freed"
    RESCUED = "rescued"
    MISSING = "missing"
    DISPLACED = "displaced"
    BODIES_RECOVERED = "bodies recovered"
    ARRESTED = "arrested"
    CROWD_SIZE = "crowd size"
    PASSENGERS_ABOARD = "passengers aboard"  # a load ("a boat carrying 700 migrants"), never a toll


class Outcome(StrEnum):
    """What happened to the people a figure counts, as the outcome words of rules/outcomes.yml name it."""

    KILLED = "killed"
    LOST = "lost"  # "lost 7 fighters": killed only with people right after it
    INJURED = "injured"
    HOSTAGE = "hostage"
    FREED = "freed"
    RESCUED = "rescued"
    MISSING = "missing"
    DISPLACED = "displaced"
    RECOVERED = "recovered"
    ARRESTED = "arrested"
    ATTENDING = "attending"
    ABOARD = "aboard"  # on board a boat, bus, train or plane
    ANY = "any"  # an editor's category rule that takes every outcome


class Status(StrEnum):
    """A claims row's standing among the others of its event."""

    SINGLE = "single"
    CORROBORATED = "corroborated"
    CONTESTED = "contested"
    REVISED = "revised"  # a figure its claimant later changed


class Qualifier(StrEnum):
    """The qualifiers a figure may carry ("at least 92")."""

    AT_LEAST = "at least"
    MORE_THAN = "more than"
    ABOUT = "about"
    NEARLY = "nearly"
    UP_TO = "up to"


class Precision(StrEnum):
    """How precisely an event's date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    PERIOD = "period"
    UNKNOWN = "unknown"


class DateOrigin(StrEnum):
    """Where an article's publication date came from."""

    FRONT_MATTER = "front-matter"
    DATELINE = "dateline"
    FILENAME = "filename"
    INFERRED = "inferred"
    NONE = "none"


class Review(StrEnum):
    """An editor's decision on a claim, as the claim carries it."""

    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    REJECTED = "rejected"


class TimexType(StrEnum):
    """TIMEX3 types of temporal expressions."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"
