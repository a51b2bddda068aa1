"""The extraction quality table: every gold corpus in ../shared scored, compared with a committed baseline.

    python benchmarks/quality.py                  # all corpora; exit 1 if a figure fell more than 1 point
    python benchmarks/quality.py --update         # rewrite benchmarks/quality-baseline.json
    python benchmarks/quality.py --corpora seeds,news

Each corpus is exported with the command line (`python -m generator export`) and scored with
`../shared/eval/score_export.py --json`; TempEval-3 goes through `python -m generator dates --batch` and
`../shared/eval/tempeval/score.py --json`. The table (corpus x figure, in percent) is printed and written to
benchmarks/quality.json. A figure more than TOLERANCE points below the baseline fails the run, naming it;
a corpus or figure missing from either side is reported, not compared. Without ../shared (or $SHARED_DIR)
there is nothing to score: the script says so and exits 0, or 3 with --require.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
OUT = ROOT / "benchmarks" / "quality.json"
BASELINE = ROOT / "benchmarks" / "quality-baseline.json"
TOLERANCE = 1.0

# corpus -> (content folder, gold file), relative to SHARED
CORPORA = {
    "seeds": ("seeds", "seeds/gold.yaml"),
    "news": ("eval/news/content", "eval/news/gold.yaml"),
    "fakes": ("eval/fakes/content", "eval/fakes/gold.yaml"),
}
# score_export.py figures shown in the table, in this order (all percentages; higher is better)
EXPORT_FIGURES = [
    "article_dates", "day_mentions", "claims_quantity_recall", "claims_category_recall", "claims_claimant_recall",
    "claims_precision", "claims_precision_with_category", "claims_f1", "claims_on_date", "same_event_recall",
    "same_event_precision", "conflicts_flagged", "contested_flags_supported",
]
TEMPEVAL_FIGURES = {"value_f1": ("value", "F1"), "strict_f1": ("strict", "F1"), "relaxed_f1": ("relaxed", "F1"),
                    "type_f1": ("type", "F1"), "value_accuracy": ("value", "accuracy")}


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def score_corpus(name: str, work: Path) -> dict[str, float]:
    content, gold = CORPORA[name]
    export = work / f"{name}.json"
    subprocess.run([python(), "-m", "generator", "export", "--content", str(SHARED / content), "-o", str(export)],
                   cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not export.exists():
        raise RuntimeError(f"export of {name} wrote nothing")
    scored = subprocess.run([python(), str(SHARED / "eval" / "score_export.py"), str(SHARED / gold), str(export),
                             "--json"], cwd=ROOT, check=True, capture_output=True, text=True)
    raw: dict[str, Any] = json.loads(scored.stdout)
    out = {}
    for key in EXPORT_FIGURES:
        value = raw.get(key)
        if isinstance(value, list) and len(value) == 3:
            if value[2] is not None:  # None: nothing to count (no gold conflicts in a corpus, say)
                out[key] = round(float(value[2]), 1)
        elif isinstance(value, (int, float)):
            out[key] = round(float(value), 1)
    return out


def score_tempeval(work: Path) -> dict[str, float]:
    gold = SHARED / "eval" / "tempeval" / "gold.jsonl"
    pred = work / "tempeval.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run([python(), "-m", "generator", "dates", "--batch", str(gold)], cwd=ROOT, check=True,
                       stdout=out)
    scored = subprocess.run([python(), str(gold.parent / "score.py"), str(gold), str(pred), "--json"], cwd=ROOT,
                            check=True, capture_output=True, text=True)
    raw = json.loads(scored.stdout)
    return {key: round(100 * float(raw[a][b]), 1) for key, (a, b) in TEMPEVAL_FIGURES.items()}


def measure(corpora: list[str]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in corpora:
            table[name] = score_tempeval(Path(tmp)) if name == "tempeval" else score_corpus(name, Path(tmp))
    return table


def render(table: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> str:
    """Figures down, corpora across; a change from the baseline in brackets."""
    corpora = list(table)
    figures = list(dict.fromkeys(f for name in corpora for f in table[name]))
    width = max(len(f) for f in figures) + 2
    lines = [" " * width + "".join(f"{c:>7}{'':9}" for c in corpora)]
    for f in figures:
        cells = []
        for c in corpora:
            value = table[c].get(f)
            base = baseline.get(c, {}).get(f)
            if value is None:
                cells.append(f"{'-':>7}{'':9}")
                continue
            delta = "" if base is None or abs(value - base) < 0.05 else f" ({value - base:+.1f})"
            cells.append(f"{value:>7.1f}{delta:<9}")
        lines.append(f"{f:<{width}}" + "".join(cells))
    return "\n".join(lines)


def regressions(table: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> list[str]:
    out = []
    for corpus, figures in table.items():
        for figure, value in figures.items():
            base = baseline.get(corpus, {}).get(figure)
            if base is not None and value < base - TOLERANCE:
                out.append(f"{corpus} {figure}: {value:.1f}, baseline {base:.1f} ({value - base:+.1f} points)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default="seeds,news,fakes,tempeval",
                        help="comma-separated: seeds, news, fakes, tempeval (default: all)")
    parser.add_argument("--update", action="store_true", help="rewrite the baseline with this run's figures")
    parser.add_argument("--require", action="store_true", help="exit 3 when the gold corpora are missing")
    args = parser.parse_args(argv)
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = [c for c in corpora if c not in CORPORA and c != "tempeval"]
    if unknown:
        parser.error(f"unknown corpus: {', '.join(unknown)}")
    if not (SHARED / "eval" / "score_export.py").exists():
        print(f"quality: {SHARED} holds no gold corpora (../shared/eval/score_export.py); nothing scored",
              file=sys.stderr)
        return 3 if args.require else 0
    table = measure(corpora)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    print(render(table, baseline))
    previous = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    OUT.write_text(json.dumps({**previous, **table}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.update:
        BASELINE.write_text(json.dumps({**baseline, **table}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline rewritten: {BASELINE.relative_to(ROOT)}")
        return 0
    missing = [c for c in corpora if c not in baseline]
    if missing:
        print(f"no baseline yet for {', '.join(missing)} (make eval-update writes it)")
    fell = regressions(table, baseline)
    for line in fell:
        print(f"quality fell: {line}", file=sys.stderr)
    return 1 if fell else 0


if __name__ == "__main__":
    sys.exit(main())
