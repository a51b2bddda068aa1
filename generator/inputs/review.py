"""Editors' review: confirm, reject or correct an extracted claim by its id, without editing the article.

The decisions live in `content/review.yml`, a list such as

    - claim: 3f2a9b1c07
      decision: correct        # confirm | reject | correct
      figure: 17               # correct: any of figure, category, claimant
      note: The statement says 17, the article misprinted 71.

Claim ids are shown on each article page and in data/claims.csv; they depend only on the article's file
and sentence, so they stay the same across rebuilds while the sentence does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import yamlsafe
from generator.claims import CATEGORY
from generator.config import Config, read_settings_text
from generator.diagnostics import Code
from generator.inputs.files import REVIEW_FILES, display_path, editor_file
from generator.inputs.frontmatter import yaml_lines
from generator.models import Article, Claim, Diagnostic, Location
from generator.text import clean_inline

DECISIONS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
CORRECTABLE = ("figure", "category", "claimant")


@dataclass
class Decision:
    """One editor's decision on one claim, with where it was written."""

    claim: str
    decision: str  # confirm, reject, correct
    location: Location
    figure: int | None = None
    category: str | None = None
    claimant: str | None = None
    note: str = ""


def read_review(content_dir: Path, symlinks: str = "skip") -> tuple[list[Decision], list[Diagnostic]]:
    """Read content/review.yml if there is one; every problem is a diagnostic at its line."""
    path = editor_file(content_dir, REVIEW_FILES, symlinks)
    if path is None:
        return [], []
    rel = display_path(path, content_dir)
    text, diags = read_settings_text(path, rel, "review file", Code.REVIEW_UNREADABLE)
    if text is None:
        return [], diags
    decisions, parse_diags = parse_review(text, rel)
    return decisions, diags + parse_diags


def parse_review(text: str, rel: str) -> tuple[list[Decision], list[Diagnostic]]:
    """Review file text -> decisions; pure, so the tests can feed it anything."""
    try:
        data = yamlsafe.load_strings(text)  # every value a string: id 1e10 is not a float
    except yaml.YAMLError as exc:
        return [], [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                               f"malformed review file: {yamlsafe.error_text(exc)}; no decision applied",
                               Code.REVIEW_UNREADABLE)]
    lines = yaml_lines(text, 1)
    prefix: tuple[Any, ...] = ()
    if isinstance(data, dict) and "claims" in data:
        data, prefix = data["claims"], ("claims",)
    if data is None:
        return [], [Diagnostic(Location(rel, 1), "info", "review file is empty", Code.REVIEW_SUMMARY)]
    if not isinstance(data, list):
        return [], [Diagnostic(Location(rel, 1), "error", "the review file must be a list of decisions "
                                                          "(- claim: ID / decision: confirm|reject|correct)",
                                                          Code.REVIEW_UNREADABLE)]
    decisions: list[Decision] = []
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        loc = Location(rel, lines.get((*prefix, i), 1))
        decision = _decision(item, loc, diags)
        if decision is None:
            continue
        if decision.claim in seen:
            diags.append(Diagnostic(loc, "warning", f"claim {decision.claim} was already decided at line "
                                                    f"{seen[decision.claim]}; this decision is ignored",
                                                    Code.REVIEW_INVALID))
            continue
        seen[decision.claim] = loc.line
        decisions.append(decision)
    return decisions, diags


def _decision(item: Any, loc: Location, diags: list[Diagnostic]) -> Decision | None:
    if not isinstance(item, dict):
        diags.append(Diagnostic(loc, "warning", "a decision must be a mapping with 'claim' and 'decision'; ignored",
                                Code.REVIEW_INVALID))
        return None
    claim = str(item.get("claim") or item.get("id") or "").strip().lower()
    verb = str(item.get("decision") or "").strip().lower()
    verb = {"confirmed": "confirm", "rejected": "reject", "corrected": "correct"}.get(verb, verb)
    if not claim:
        diags.append(Diagnostic(loc, "warning", "decision without a claim id; ignored", Code.REVIEW_INVALID))
        return None
    if verb not in DECISIONS:
        diags.append(Diagnostic(loc, "warning", f"unknown decision '{item.get('decision')}' for claim {claim} "
                                                f"(use confirm, reject or correct); ignored", Code.REVIEW_INVALID))
        return None
    out = Decision(claim=claim, decision=verb, location=loc, note=_one_line(item.get("note") or ""))
    if verb != "correct":
        return out
    if not any(item.get(k) not in (None, "") for k in CORRECTABLE):
        diags.append(Diagnostic(loc, "warning", f"correction of claim {claim} names none of "
                                                f"{', '.join(CORRECTABLE)}; ignored", Code.REVIEW_INVALID))
        return None
    if item.get("figure") not in (None, ""):
        try:
            out.figure = int(str(item["figure"]).replace(",", "").strip())
        except ValueError:
            diags.append(Diagnostic(loc, "warning", f"correction of claim {claim}: figure '{item['figure']}' is not "
                                                    "a whole number; ignored", Code.REVIEW_INVALID))
            return None
        if out.figure < 0:
            diags.append(Diagnostic(loc, "warning", f"correction of claim {claim}: negative figure; ignored",
                                    Code.REVIEW_INVALID))
            return None
    if item.get("category") not in (None, ""):
        out.category = _one_line(item["category"]).lower()
    if item.get("claimant") not in (None, ""):
        out.claimant = _one_line(item["claimant"])
    return out


def apply_review(articles: list[Article], decisions: list[Decision],
                 config: Config) -> tuple[list[Article], list[Diagnostic]]:
    """The articles with the editors' decisions applied, as new objects; unknown ids are reported.

    A confirmed or corrected claim is replaced by a marked copy; a rejected one moves from the article's claims
    to its `rejected`. The articles and claims given are left as they were.
    """
    owner = {c.id: a.id for a in articles for c in a.claims}
    known_categories = set(CATEGORY.values()) | {r.name for r in config.categories}
    diags: list[Diagnostic] = []
    tally = {v: 0 for v in DECISIONS.values()}
    decided: dict[str, Decision] = {}
    for d in decisions:
        if d.claim not in owner:
            diags.append(Diagnostic(d.location, "warning", f"no claim with id {d.claim} in this build (ids change "
                                                           "when the sentence or the file name changes); not applied",
                                                           Code.REVIEW_UNKNOWN_CLAIM))
            continue
        decided[d.claim] = d
        tally[DECISIONS[d.decision]] += 1
        if d.decision == "correct" and d.category and d.category not in known_categories:
            diags.append(Diagnostic(d.location, "info", f"category '{d.category}' is not one the extractor uses; "
                                                        "kept as written", Code.REVIEW_NEW_CATEGORY))
    if decisions:
        rel = decisions[0].location.path
        diags.append(Diagnostic(Location(rel, 1), "info", "review file: " + ", ".join(
            f"{n} {what}" for what, n in tally.items()), Code.REVIEW_SUMMARY))
    reviewed = [_reviewed(a, decided) if any(c.id in decided for c in a.claims) else a for a in articles]
    return reviewed, diags


def _reviewed(a: Article, decided: dict[str, Decision]) -> Article:
    """A copy of the article with its decided claims marked, corrected, or set aside as rejected (in the order
    of the review file)."""
    marked = {c.id: _marked(c, decided[c.id]) for c in a.claims if c.id in decided}
    rejected = [cid for cid in decided if cid in marked and decided[cid].decision == "reject"]
    kept = [marked.get(c.id, c) for c in a.claims if c.id not in rejected]
    return replace(a, claims=kept, rejected=[*a.rejected, *(marked[cid] for cid in rejected)])


def _marked(c: Claim, d: Decision) -> Claim:
    marked = replace(c, review=DECISIONS[d.decision], review_note=d.note)
    return _corrected(marked, d) if d.decision == "correct" else marked


def _corrected(c: Claim, d: Decision) -> Claim:
    """The claim as the editor corrected it, remembering what was extracted."""
    changes: dict[str, Any] = {"original": _describe(c)}
    if d.figure is not None:
        changes.update(quantity=d.figure, vague=False, figure_text=str(d.figure))
    if d.category:
        changes["category"] = d.category
    if d.claimant:
        changes["claimant"] = d.claimant
    return replace(c, **changes)


def _describe(c: Claim) -> str:
    figure = f"{c.quantity:,}" if c.quantity is not None else c.figure_text
    return f"{c.category} {figure}, {c.claimant or 'unattributed'}"


def _one_line(value: Any) -> str:
    return clean_inline(str(value))
