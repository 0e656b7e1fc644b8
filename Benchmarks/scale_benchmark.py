#!/usr/bin/env python3
"""Scale benchmark: how the default `assay audit` grows with the number of rows.

Runs one `assay` binary on the data of `audit_benchmark.py` (the same deterministic 3-label sentiment task
built from ../shared/datasets, real and synthetic sides of equal size) at several sizes, one run after the
other, and prints per size the wall clock, peak RSS (GNU time -v) and assay's per-stage seconds, then the
growth exponent: between consecutive sizes, log(t2 / t1) / log(n2 / n1), and over all sizes the slope of
the least-squares line through (log n, log t). An exponent of 1 is linear growth, 2 quadratic. The same is
printed for every stage that takes at least 1 s at the largest size, so the stage that does not scale
shows itself. Goal (issue 14): overall exponent <= 1.2.

Usage:
    python3 Benchmarks/scale_benchmark.py --binary .build/release/assay                  # 25k ... 400k per side
    python3 Benchmarks/scale_benchmark.py --binary B --sizes 5000,10000,20000            # a quick check
    python3 Benchmarks/scale_benchmark.py --binary B --extra-args '--metrics distinct_2'  # one metric
    python3 Benchmarks/scale_benchmark.py --binary B --vectors clustered   # given clustered vectors (approximate graphs)

`--vectors clustered` gives the audits the seeded 384-dimensional clustered vectors of neighbours_benchmark.py
(``--vectors NAME=FILE.npy``, so no embedding) instead of the built-in hashing embedder, whose vectors have no
cluster structure and keep every neighbour graph exact (see Benchmarks/README.md).

Everything (data, logs, reports) stays in Benchmarks/.work/ (git-ignored); the results go to
Benchmarks/.work/scale_benchmark.json. Requirements: those of audit_benchmark.py.
"""
import argparse
import json
import math
import pathlib
import shlex
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import audit_benchmark as audit  # noqa: E402  (the data builder and the timed run)
import neighbours_benchmark as neighbours  # noqa: E402  (the clustered vectors)

GOAL_EXPONENT = 1.2


def fitted_exponent(sizes, seconds):
    """Least-squares slope of log(seconds) against log(sizes); None with fewer than two positive points."""
    points = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds) if t and t > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread > 0 else None


def step_exponents(sizes, seconds):
    """log(t2 / t1) / log(n2 / n1) between consecutive sizes (None where a time is missing or zero)."""
    out = []
    for (n1, t1), (n2, t2) in zip(zip(sizes, seconds), zip(sizes[1:], seconds[1:])):
        out.append(math.log(t2 / t1) / math.log(n2 / n1) if t1 and t2 and t1 > 0 and t2 > 0 else None)
    return out


def fmt(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the assay binary to measure (a release build)")
    parser.add_argument("--sizes", default="25000,50000,100000,200000,400000",
                        help="rows per side, comma-separated, increasing (default 25k,50k,100k,200k,400k)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the splicing permutations (default 0)")
    parser.add_argument("--threads", type=int, default=2, help="--threads and OPENBLAS_NUM_THREADS (default 2)")
    parser.add_argument("--extra-args", default="", help="more arguments for every audit, one shell-quoted string")
    parser.add_argument("--vectors", choices=("hashing", "clustered"), default="hashing",
                        help="the default embedder (hashing) or given clustered vectors (default hashing)")
    args = parser.parse_args()
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        sys.exit(f"error: --sizes {args.sizes!r}: not a comma-separated list of integers")
    if len(sizes) < 2 or sizes != sorted(set(sizes)) or sizes[0] < 100:
        sys.exit("error: --sizes needs at least two increasing sizes of 100 rows or more")
    extra = shlex.split(args.extra_args)

    runs = []
    for rows in sizes:
        data = audit.build_data(rows, args.seed)
        given = neighbours.write_vectors(data, args.seed) if args.vectors == "clustered" else []
        run = audit.run_side(f"scale_{rows}", args.binary, data, args.threads, [*extra, *given])
        if run["exit_code"] != 0:
            sys.exit(f"error: the audit at {rows:,} rows per side failed (exit {run['exit_code']}); see {run['stderr_log']}")
        runs.append({"rows_per_side": rows, **run})

    walls = [run["wall_seconds"] for run in runs]
    command = " ".join(["assay audit --real REAL SYNTH --no-cache --threads", str(args.threads), "--verbose", *extra]
                       + (["--vectors REAL=… --vectors SYNTH=… (clustered, d = 384)"] if args.vectors == "clustered" else []))
    print(f"`{command}`, OPENBLAS_NUM_THREADS={args.threads}, {args.binary}:\n")
    print("| rows per side | wall (s) | peak RSS (MB) | exponent from the previous size |")
    print("|---:|---:|---:|---:|")
    steps = [None] + step_exponents(sizes, walls)
    for run, step in zip(runs, steps):
        print(f"| {run['rows_per_side']:,} | {fmt(run['wall_seconds'])} | {run['peak_rss_bytes'] / 1e6:,.0f} | {fmt(step)} |")
    overall = fitted_exponent(sizes, walls)
    print(f"\nFitted exponent of the wall clock over {len(sizes)} sizes: {fmt(overall)}")

    largest = runs[-1]["stages"]
    stage_names = [name for name, seconds in largest.items() if name != "total" and seconds >= 1.0]
    stage_exponents = {}
    if stage_names:
        print("\n| stage | " + " | ".join(f"{n:,}" for n in sizes) + " | fitted exponent |")
        print("|---|" + "---:|" * (len(sizes) + 1))
        for name in stage_names:
            seconds = [run["stages"].get(name) for run in runs]
            stage_exponents[name] = fitted_exponent(sizes, seconds)
            print(f"| {name} | " + " | ".join(fmt(s) for s in seconds) + f" | {fmt(stage_exponents[name])} |")

    verdict = "NOT MEASURED" if overall is None else ("PASS" if overall <= GOAL_EXPONENT else "FAIL")
    print(f"\nGoal: fitted exponent <= {GOAL_EXPONENT}: {verdict}")
    summary = {"sizes": sizes, "seed": args.seed, "threads": args.threads, "extra_args": extra, "vectors": args.vectors,
               "runs": runs, "fitted_exponent": overall, "step_exponents": steps[1:],
               "stage_exponents": stage_exponents, "goal_exponent": GOAL_EXPONENT, "verdict": verdict}
    (audit.WORK / f"scale_benchmark_{args.vectors}.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0 if verdict != "FAIL" else 1


if __name__ == "__main__":
    sys.exit(main())
