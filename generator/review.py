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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import yamlsafe
from generator.claims import CATEGORY
from generator.config import Config, read_settings_text
from generator.diagnostics import Code
from generator.models import Article, Claim, Diagnostic, Location
from generator.reader import REVIEW_FILES, clean_inline, display_path, editor_file, yaml_lines

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


def apply_review(articles: list[Article], decisions: list[Decision], config: Config) -> list[Diagnostic]:
    """Mark, correct or set aside the claims the editors decided on; unknown ids are reported."""
    claims: dict[str, tuple[Article, Claim]] = {c.id: (a, c) for a in articles for c in a.claims}
    known_categories = set(CATEGORY.values()) | {r.name for r in config.categories}
    diags: list[Diagnostic] = []
    tally = {v: 0 for v in DECISIONS.values()}
    for d in decisions:
        found = claims.get(d.claim)
        if found is None:
            diags.append(Diagnostic(d.location, "warning", f"no claim with id {d.claim} in this build (ids change "
                                                           "when the sentence or the file name changes); not applied",
                                                           Code.REVIEW_UNKNOWN_CLAIM))
            continue
        a, c = found
        c.review, c.review_note = DECISIONS[d.decision], d.note
        tally[c.review] += 1
        if d.decision == "reject":
            a.claims.remove(c)
            a.rejected.append(c)
        elif d.decision == "correct":
            c.original = _describe(c)
            if d.figure is not None:
                c.quantity, c.vague, c.figure_text = d.figure, False, str(d.figure)
            if d.category:
                if d.category not in known_categories:
                    diags.append(Diagnostic(d.location, "info", f"category '{d.category}' is not one the extractor "
                                                                "uses; kept as written", Code.REVIEW_NEW_CATEGORY))
                c.category = d.category
            if d.claimant:
                c.claimant = d.claimant
    if decisions:
        rel = decisions[0].location.path
        diags.append(Diagnostic(Location(rel, 1), "info", "review file: " + ", ".join(
            f"{n} {what}" for what, n in tally.items()), Code.REVIEW_SUMMARY))
    return diags


def _describe(c: Claim) -> str:
    figure = f"{c.quantity:,}" if c.quantity is not None else c.figure_text
    return f"{c.category} {figure}, {c.claimant or 'unattributed'}"


def _one_line(value: Any) -> str:
    return clean_inline(str(value))
