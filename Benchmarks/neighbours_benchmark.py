#!/usr/bin/env python3
"""Neighbours benchmark: the whole default audit with exact and with approximate neighbour graphs, side by side
in one run, on the audit benchmark's corpora (``audit_benchmark.py``: N real + N synthetic labelled rows).

What it does
------------
1. Data.  The audit benchmark's two corpora (built by ``audit_benchmark.build_data``, written under
   ``Benchmarks/.work/``).  Vectors, ``--vectors``:
     clustered  (default) seeded 384-dimensional vectors in 200 clusters shared by both sides, given to the audit
                with ``--vectors NAME=FILE.npy``: row i of a side is centre[(i * 7919 + side) mod 200] plus
                Gaussian noise of standard deviation 1 per coordinate (numpy ``default_rng(seed)``), so
                neighbours are mostly in the same cluster, like sentence embeddings.  The texts and labels are
                the corpora's; the vectors do not depend on them, so the embedding metrics' values say nothing
                about the texts: this measures speed and agreement with the exact graphs.
     static     no vectors: the default embedder (static token vectors distilled from all-MiniLM-L6-v2, d = 256;
                ``bash scripts/fetch-models.sh`` first).
     hashing    no vectors, ``--embedder hashing`` (lexical feature hashing, d = 512).
2. Two audits of the same inputs with the same binary: ``--exact`` and the default (approximate above 50,000
   rows per dataset), each ``--no-cache --threads T --verbose --timings --json``, under ``/usr/bin/time -v`` for
   the peak resident set.
3. Comparison.  Every metric of every dataset: the approximate value must lie inside the exact run's 95 %
   bootstrap interval when the exact run reports one, else equal the exact value within 1e-9 (relative) unless
   the metric reads an approximate graph (then its relative difference is printed).  The recall of every
   approximate graph (``neighbour_search.graphs``) is printed.
4. Goals (approximate side): G1 wall <= 120 s; G2 peak RSS <= 2 GB (with 1,000,000 synthetic rows or more:
   15 minutes and 8 GB); G3 every measured recall >= 0.95; G4 every metric with an interval inside it.  Exit
   code 1 on a FAIL.  ``--synthetic-rows 1000000 --skip-exact`` runs the issue's 1M + 100k audit alone (the
   exact side would take hours).

Usage:  swift build -c release --product assay
        python3 Benchmarks/neighbours_benchmark.py [--rows 100000] [--vectors clustered|static|hashing] [--binary PATH]
        python3 Benchmarks/neighbours_benchmark.py --rows 100000 --synthetic-rows 1000000 --skip-exact
Needs numpy for ``--vectors clustered``.
"""

import argparse
import json
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import audit_benchmark as audit  # noqa: E402  (the corpora and the timed runs)

ROOT = audit.ROOT
WORK = audit.WORK
DIMENSION, CLUSTERS = 384, 200
GOAL_WALL_SECONDS, GOAL_PEAK_RSS_BYTES, GOAL_RECALL = 120, 2 * 1024**3, 0.95


def write_vectors(data, seed):
    """One .npy file per side of seeded clustered unit-free vectors (the audit normalises them)."""
    import numpy

    generator = numpy.random.default_rng(seed)
    centres = generator.standard_normal((CLUSTERS, DIMENSION)).astype(numpy.float32)
    arguments = []
    for side_index, side in enumerate(("real", "synthetic")):
        rows = data[side]["rows"]
        path = WORK / f"neighbours_{side}_{rows}_seed{seed}.npy"
        if not path.exists():
            clusters = (numpy.arange(rows, dtype=numpy.int64) * 7919 + side_index) % CLUSTERS
            noise = generator.standard_normal((rows, DIMENSION)).astype(numpy.float32)
            numpy.save(path, centres[clusters] + noise)
        name = pathlib.Path(data[side]["path"]).stem
        arguments += ["--vectors", f"{name}={path}"]
    return arguments


def compare(exact_report, approximate_report):
    exact = json.loads(pathlib.Path(exact_report).read_text(encoding="utf-8"))
    approximate = json.loads(pathlib.Path(approximate_report).read_text(encoding="utf-8"))
    search = approximate.get("neighbour_search") or {}
    approximated = {metric for graph in search.get("graphs", []) for metric in graph.get("used_by", [])}
    rows, failures = [], []
    for reference, candidate in zip(exact["datasets"], approximate["datasets"]):
        intervals = reference.get("intervals", {})
        for metric, value in reference["metrics"].items():
            other = candidate["metrics"].get(metric)
            if value is None or other is None:
                if (value is None) != (other is None):
                    failures.append(f"{reference['name']} {metric}: exact {value}, approximate {other}")
                continue
            interval = intervals.get(metric)
            relative = abs(other - value) / max(abs(value), 1e-12)
            if interval:
                inside = interval["lower"] <= other <= interval["upper"]
                rows.append((reference["name"], metric, value, other, relative,
                             f"[{interval['lower']:.4f}, {interval['upper']:.4f}]", "inside" if inside else "OUTSIDE"))
                if not inside:
                    failures.append(f"{reference['name']} {metric}: {other} outside the exact run's interval")
            elif metric in approximated:
                rows.append((reference["name"], metric, value, other, relative, "—", "reads an approximate graph"))
            elif relative > 1e-9:
                failures.append(f"{reference['name']} {metric}: exact {value}, approximate {other} (reads no graph)")
    return search, rows, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows per side (default 100,000)")
    parser.add_argument("--synthetic-rows", type=int, help="synthetic rows, when not --rows (e.g. 1,000,000)")
    parser.add_argument("--skip-exact", action="store_true", help="run only the default (approximate) audit")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpora and vectors (default 0)")
    parser.add_argument("--vectors", choices=("clustered", "static", "hashing"), default="clustered")
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "assay"))
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()

    data = audit.build_data(options.rows, options.seed)
    if options.synthetic_rows and options.synthetic_rows != options.rows:
        data["synthetic"] = audit.build_data(options.synthetic_rows, options.seed)["synthetic"]
    print(audit.describe_data(data).replace(
        f"{data['rows_per_side']:,} rows per side", f"{data['real']['rows']:,} real and {data['synthetic']['rows']:,} "
        "synthetic rows"))
    vectors = {"clustered": lambda: write_vectors(data, options.seed), "static": lambda: [],
               "hashing": lambda: ["--embedder", "hashing"]}[options.vectors]()
    runs = {}
    sides = (("approximate", []),) if options.skip_exact else (("exact", ["--exact"]), ("approximate", []))
    for side, extra in sides:
        runs[side] = audit.run_side(side, options.binary, data, options.threads, ["--timings", *vectors, *extra])
    print()
    print(f"{data['real']['rows']:,} real + {data['synthetic']['rows']:,} synthetic rows, vectors: {options.vectors}, "
          f"OPENBLAS_NUM_THREADS={options.threads}; "
          + ("the default (approximate) audit only:" if options.skip_exact
             else "left column `--exact`, right column the default:"))
    print()
    print(audit.table({"baseline": runs.get("exact"), "candidate": runs["approximate"]})
          .replace("baseline (s)", "exact (s)").replace("candidate (s)", "approximate (s)"))
    print()
    if options.skip_exact:
        report = json.loads(pathlib.Path(runs["approximate"]["report"]).read_text(encoding="utf-8"))
        search, rows, failures = report.get("neighbour_search") or {}, [], []
    else:
        search, rows, failures = compare(runs["exact"]["report"], runs["approximate"]["report"])
    print(f"neighbour search: {search.get('method')}: {search.get('reason')}")
    recalls = search.get("graphs", [])
    if recalls:
        print()
        print("| dataset | graph | k | recall | ± s.e. | queries | pairs compared |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for graph in recalls:
            print(f"| {graph['dataset']} | {graph['graph']} | {graph['k']} | {graph['recall']:.4f} | "
                  f"{graph['standard_error']:.4f} | {graph['sampled_queries']} | {graph['share'] * 100:.1f} % |")
    print()
    print("| dataset | metric | exact | approximate | relative difference | exact 95 % interval | |")
    print("|---|---|---:|---:|---:|---|---|")
    for name, metric, value, other, relative, interval, note in rows:
        print(f"| {name} | {metric} | {value:.6g} | {other:.6g} | {relative:.2e} | {interval} | {note} |")
    for failure in failures:
        print(f"difference: {failure}")
    approximate = runs["approximate"]
    ok = all(run["exit_code"] == 0 for run in runs.values())
    large = data["synthetic"]["rows"] >= 1_000_000
    wall_goal, rss_goal = (15 * 60, 8 * 1024**3) if large else (GOAL_WALL_SECONDS, GOAL_PEAK_RSS_BYTES)
    goals = {
        f"G1 wall <= {wall_goal} s": ok and approximate["wall_seconds"] <= wall_goal,
        f"G2 peak RSS <= {rss_goal // 1024**3} GB": ok and approximate["peak_rss_bytes"] <= rss_goal,
        "G3 recall >= 0.95": ok and all(graph["recall"] >= GOAL_RECALL for graph in recalls),
    }
    if not options.skip_exact:
        goals["G4 metrics inside the exact intervals"] = ok and not failures
    print()
    for goal, passed in goals.items():
        print(f"{goal} (approximate): {'PASS' if passed else 'FAIL'}")
    summary = {"data": data, "vectors": options.vectors, "runs": runs, "neighbour_search": search,
               "failures": failures, "goals": goals, "machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}}
    (WORK / f"neighbours_benchmark_{options.vectors}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    sys.exit(0 if all(goals.values()) else 1)


if __name__ == "__main__":
    main()
