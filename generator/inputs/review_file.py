"""`python -m generator review`: record the editors' decisions in review.yml with what they were made on.

`review CLAIM DECISION` adds a decision on one claim, with an `extracted:` record of the claim (its article,
claimant, category, figure and sentence) so that the decision can follow the claim when the sentence is edited
(generator/inputs/reanchor.py). `review --update` records `extracted:` for decisions written by hand and moves
the decisions that followed their claim to its new id.

review.yml is the editors' file: it is edited as text, so their comments and the order of their lines stay.
The new text is read back and must give the decisions intended, else nothing is written.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import write_whole
from generator.cache import cache_dir_for
from generator.config import load_config
from generator.diagnostics import print_diagnostics
from generator.escape import terminal
from generator.inputs.files import REVIEW_FILES, display_path, editor_file
from generator.inputs.frontmatter import yaml_lines
from generator.inputs.reanchor import figure_key
from generator.inputs.review import Decision, apply_review, parse_review, read_review
from generator.models import Article, Claim, ReviewOutcome
from generator.pipeline import extract_content
from generator.resources import project_dir


class ReviewFileError(Exception):
    """The review file cannot be changed as asked; nothing was written."""


@dataclass(frozen=True)
class Change:
    """One decision of the file to update: its new id (the same when it did not move) and its claim's record."""

    line: int  # the decision's first line in review.yml
    claim: str  # the id it names from now on
    extracted: dict[str, Any]


@dataclass(frozen=True)
class Request:
    """`review CLAIM DECISION`: one new decision."""

    claim: str
    verb: str  # confirm, reject, correct
    note: str = ""
    corrections: dict[str, Any] = field(default_factory=dict)  # figure, category, claimant


def run_review(content: Path, mkdocs_file: Path, request: Request | None) -> int:
    """Add one decision (request) or update the file's decisions (None); exit 1 when a decision matches
    nothing or the file cannot be changed, 0 otherwise."""
    project = project_dir(mkdocs_file)  # where timeline.yml and .cache/ are (not an installed package's folder)
    config, config_diags = load_config(project / "timeline.yml")
    x = extract_content(content, replace(config, cache_dir=cache_dir_for(project)))
    path = editor_file(content, REVIEW_FILES, x.config.symlinks) or content / "review.yml"
    rel = display_path(path, content)
    decisions, read_diags = read_review(content, x.config.symlinks)
    print_diagnostics([*config_diags, *read_diags])
    if any(d.level == "error" for d in read_diags):
        return 1
    _, applied_diags, outcomes = apply_review(x.articles, decisions, x.config)
    by_id = {c.id: (a, c) for a in x.articles for c in a.claims}
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if request is not None:
            new = _added(text, request, decisions, outcomes, by_id, rel)
        else:
            print_diagnostics(applied_diags)
            new = updated(text, changes_for(decisions, outcomes, by_id), rel)
    except ReviewFileError as exc:
        print(f"{terminal(rel)}:1: error: {terminal(exc)}", file=sys.stderr)
        return 1
    if new != text:
        write_whole(path, new.encode("utf-8"))
    lost = [o for o in outcomes if o.applied_to is None]
    print(f"{terminal(rel)}: {'decision added' if request else 'decisions updated'}"
          + (f"; {len(lost)} match no claim (see above)" if lost and request is None else ""), file=sys.stderr)
    return 1 if lost and request is None else 0


def _added(text: str, request: Request, decisions: list[Decision], outcomes: list[ReviewOutcome],
           by_id: dict[str, tuple[Article, Claim]], rel: str) -> str:
    if request.claim not in by_id:
        raise ReviewFileError(f"no claim with id {request.claim} in this build (ids are on the article pages and "
                              "in data/claims.csv)")
    for d, o in zip(decisions, outcomes, strict=True):
        if request.claim in (d.claim, o.applied_to):
            raise ReviewFileError(f"claim {request.claim} is already decided at {rel}:{d.location.line}; change "
                                  "that decision")
    record = extracted(*by_id[request.claim])
    return appended(text, entry(request.claim, request.verb, request.note, request.corrections, record), rel)


def extracted(a: Article, c: Claim) -> dict[str, Any]:
    """The `extracted:` record of a claim as extracted (before any correction)."""
    figure = figure_key(c)
    out: dict[str, Any] = {"article": a.file}
    if c.claimant:
        out["claimant"] = c.claimant
    out.update(category=c.category, figure=int(figure) if figure.isdigit() else figure, quote=" ".join(c.quote.split()))
    return out


def entry(claim: str, verb: str, note: str, corrections: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """One decision as review.yml holds it: claim, decision, the corrections, note, extracted."""
    out: dict[str, Any] = {"claim": claim, "decision": verb}
    out.update({k: v for k, v in corrections.items() if v not in (None, "")})
    if note:
        out["note"] = note
    out["extracted"] = record
    return out


def dump(data: Any, indent: int) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)
    return "".join(" " * indent + line for line in text.splitlines(keepends=True))


def appended(text: str, new: dict[str, Any], rel: str) -> str:
    """The review file's text with one decision added at the end of its list."""
    data = yaml.safe_load(text) if text.strip() else None
    if isinstance(data, dict) and "claims" in data:
        data = data["claims"]
    if data is not None and not isinstance(data, list):
        raise ReviewFileError(f"{rel} is not a list of decisions; fix it first (python -m generator check)")
    starts = _item_starts(text)
    lines = text.splitlines()
    indent = _dash_column(lines, starts[0]) if starts else 0  # the list may sit under `claims:`
    if text.rstrip().endswith("]"):
        raise ReviewFileError(f"{rel} is written as a one-line list [...]; add the decision by hand")
    out = (text if not text or text.endswith("\n") else text + "\n") + dump([new], indent)
    before, _ = parse_review(text, rel)
    after, _ = parse_review(out, rel)
    if len(after) != len(before) + 1 or after[-1].claim != new["claim"] or after[-1].recorded is None:
        raise ReviewFileError(f"{rel}: the decision could not be added so that it reads back; add it by hand")
    return out


def updated(text: str, changes: list[Change], rel: str) -> str:
    """The review file's text with each changed decision's id and `extracted:` record replaced."""
    lines = text.splitlines(keepends=True)
    starts = _item_starts(text)
    for ch in sorted(changes, key=lambda c: -c.line):
        later = [s for s in starts if s > ch.line]
        end = _content_end(lines, ch.line, later[0] - 1 if later else len(lines))
        lines[ch.line - 1:end] = _rewritten(lines[ch.line - 1:end], ch, rel)
    out = "".join(lines)
    before, _ = parse_review(text, rel)
    after, _ = parse_review(out, rel)
    wanted = {c.line: c.claim for c in changes}
    same = len(before) == len(after) and all(
        b.decision == a.decision and a.claim == wanted.get(b.location.line, b.claim)
        and (a.recorded is not None or b.location.line not in wanted) for b, a in zip(before, after, strict=True))
    if not same:
        raise ReviewFileError(f"{rel}: the decisions could not be updated so that they read back; nothing was "
                              "written")
    return out


def changes_for(decisions: list[Decision], outcomes: list[ReviewOutcome], by_id: dict[str, tuple[Article, Claim]]
                ) -> list[Change]:
    """The decisions to update: moved ones (new id, new record) and those without a record or an outdated one."""
    out = []
    for d, o in zip(decisions, outcomes, strict=True):
        if o.applied_to is None or o.applied_to not in by_id:
            continue
        record = extracted(*by_id[o.applied_to])
        if o.moved or d.recorded is None or _stale(d, record):
            out.append(Change(d.location.line, o.applied_to, record))
    return out


def _stale(d: Decision, record: dict[str, Any]) -> bool:
    r = d.recorded
    return r is None or (r.article, r.quote, r.category, r.figure, r.claimant or "") != (
        record["article"], record["quote"], record["category"], str(record["figure"]), record.get("claimant", ""))


def _rewritten(block: list[str], ch: Change, rel: str) -> list[str]:
    """One decision's lines with the new id and record: the `extracted:` lines replaced, the rest kept."""
    col = _key_column(block[0])
    if block[0][col:col + 1] == "{":
        raise ReviewFileError(f"{rel}:{ch.line}: a decision written as {{...}} on one line; update it by hand")
    kept: list[str] = []
    skipping = False
    for line in block:
        indent = len(line) - len(line.lstrip(" "))
        if skipping and (not line.strip() or indent > col):
            continue
        skipping = False
        if re.match(rf"^.{{{col}}}extracted\s*:", line) and (line is block[0] or indent == col):
            skipping = True
            continue
        kept.append(line)
    claim = re.compile(rf"^(.{{{col}}}(?:claim|id)\s*:\s*)[^#\n]*?(\s*(?:#.*)?)$", re.S)
    kept = [claim.sub(lambda m: f"{m.group(1)}{ch.claim}{m.group(2)}", line, count=1) for line in kept]
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    return [*kept, *dump({"extracted": ch.extracted}, col).splitlines(keepends=True)]


def _item_starts(text: str) -> list[int]:
    """The first line of every decision of the list (top level, or under `claims:`)."""
    lines = yaml_lines(text, 1)
    starts = [v for k, v in lines.items() if len(k) == 1 and isinstance(k[0], int)]
    starts += [v for k, v in lines.items() if len(k) == 2 and k[0] == "claims" and isinstance(k[1], int)]
    return sorted(starts)


def _key_column(line: str) -> int:
    m = re.match(r"^\s*-\s+", line)
    return m.end() if m else len(line) - len(line.lstrip(" "))


def _dash_column(lines: list[str], line: int) -> int:
    text = lines[line - 1]
    return len(text) - len(text.lstrip(" "))


def _content_end(lines: list[str], start: int, end: int) -> int:
    """The end (exclusive, 0-based) of a decision's own lines: blank lines and comments after it stay after it."""
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
