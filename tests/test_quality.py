"""The quality gate in the suite: the seeds and the news set scored against the committed baseline.

`make eval` runs every corpus (also fakes and TempEval-3); this test runs the two that `make test` must
guard, through the same script, and fails naming each figure more than a point below the baseline.
Without ../shared (or $SHARED_DIR) it is skipped, saying so.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import quality


@pytest.mark.skipif(not (quality.SHARED / "eval" / "score_export.py").exists(),
                    reason=f"no gold corpora: {quality.SHARED} is missing (the quality gate needs ../shared)")
@pytest.mark.parametrize("corpus", ["seeds", "news"])
def test_quality_holds_against_the_baseline(corpus: str) -> None:
    baseline = json.loads(quality.BASELINE.read_text(encoding="utf-8"))
    assert corpus in baseline, "no baseline: run make eval-update and commit benchmarks/quality-baseline.json"
    table = quality.measure([corpus])
    fell = quality.regressions(table, baseline)
    assert not fell, "quality fell: " + "; ".join(fell)


def test_a_lowered_figure_is_named() -> None:
    table = {"news": {"claims_quantity_recall": 54.0, "claims_precision": 96.0}}
    baseline = {"news": {"claims_quantity_recall": 55.7, "claims_precision": 95.7}}
    assert quality.regressions(table, baseline) == [
        "news claims_quantity_recall: 54.0, baseline 55.7 (-1.7 points)"]
    assert quality.regressions({"news": {"claims_quantity_recall": 54.8}}, baseline) == []  # within a point
