"""Wilson score intervals (95 %) of proportions, the interval `assay merge` gives a share measured on a sample
(Sources/QualityMetrics/SampleEstimates.swift). Reference: statsmodels' proportion_confint(method="wilson").
Run: python3 References/golden_wilson.py  (writes Fixtures/golden/wilson_statsmodels.json)."""

import json
import pathlib

import statsmodels
from statsmodels.stats.proportion import proportion_confint

CASES = [(0, 200), (200, 200), (50, 100), (3, 17), (1, 1), (0, 1), (117, 100_000), (4, 9)]

if __name__ == "__main__":
    cases = []
    for successes, trials in CASES:
        lower, upper = proportion_confint(successes, trials, alpha=0.05, method="wilson")
        cases.append({"successes": successes, "trials": trials, "lower": lower, "upper": upper})
    out = pathlib.Path(__file__).resolve().parent.parent / "Fixtures/golden/wilson_statsmodels.json"
    out.write_text(json.dumps({"statsmodels": statsmodels.__version__, "cases": cases}, indent=2) + "\n")
    print(f"wrote {out}")
