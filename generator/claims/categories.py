"""The category of a figure: its outcome for the people it counts (rules/categories.yml), or an editor's own
category (timeline.yml `categories:`) for the words it names.
"""

from __future__ import annotations

from generator import rules
from generator.config import Config
from generator.vocabulary import Outcome

# (outcome, group) -> category; the group None is a figure with no noun of people ("12 were killed").
CATEGORY: dict[tuple[str, str | None], str] = {
    (outcome, None if group == "unnamed" else group): category
    for outcome, row in rules.rule("categories", "by_group").table.items() for group, category in row.items()}
# outcome -> category, for the groups CATEGORY does not name
BY_OUTCOME: dict[str, str] = dict(rules.rule("categories", "by_outcome").table)


def category_of(outcome: str, group: str | None, config: Config) -> str | None:
    """The category of a figure with this outcome for this group ("custom:<name>" for an editor's words)."""
    if group and group.startswith("custom:"):
        name = group.split(":", 1)[1]
        for rule in config.categories:
            if rule.name == name and (rule.outcome == outcome or rule.outcome == Outcome.ANY):
                return rule.name
        return None
    return CATEGORY.get((outcome, group)) or BY_OUTCOME.get(outcome)
