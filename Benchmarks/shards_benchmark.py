#!/usr/bin/env python3
"""Shard benchmark: the single-machine `assay audit` beside the same audit from shard states (`assay profile`
+ `assay merge`) and from the Spark recipe (Recipes/Spark, PySpark local[2]), same data, same run.

Data: the audit benchmark's sentiment corpora (audit_benchmark.build_data; --rows real rows, --synthetic-rows
synthetic rows, default 100,000 and 1,000,000).  Runs, one after the other, with OPENBLAS_NUM_THREADS=2:

  single   assay audit --real REAL gen=SYNTH --no-cache --threads 2 --verbose --json single.json
  profile  assay profile gen=SYNTH --shard I/N --out gen.I.state --no-cache --threads 1   (N = --shards, run
           --parallel at a time: what a cluster does on N machines, here on 2 cores)
  merge    assay merge gen.*.state --real REAL --no-cache --threads 2 --verbose --json merged.json
  spark    python3 Recipes/Spark/assay_spark.py --master local[2] --partitions N … --json spark.json
           (PySpark from PyPI is installed when missing; the Spark run is skipped only when that fails)

Each run's wall clock (perf_counter around the child) and peak RSS (GNU time -v; the largest of the parallel
profiles) are printed in one table, then the comparison with the single run: every metric the merge reports
as exact must equal the single run's; every estimated one must hold the single run's value inside its
interval; the others (computed on the sample) are listed with both values.

Usage:
    python3 Benchmarks/shards_benchmark.py --binary .build/release/assay                       # 100k + 1M
    python3 Benchmarks/shards_benchmark.py --binary B --rows 20000 --synthetic-rows 200000      # quicker
    python3 Benchmarks/shards_benchmark.py --binary B --skip-single   # the sharded paths alone

Everything stays in Benchmarks/.work/ (git-ignored); results in Benchmarks/.work/shards_benchmark.json.
"""
import argparse
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import audit_benchmark as audit  # noqa: E402  (the data builder)

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "Benchmarks" / ".work" / "shards"


def timed(command, label, threads):
    """Runs `command`; returns wall seconds, peak RSS bytes (GNU time -v, or None) and the exit code."""
    WORK.mkdir(parents=True, exist_ok=True)
    time_log = WORK / f"{label}.time.log"
    stderr_log = WORK / f"{label}.stderr.log"
    time_log.unlink(missing_ok=True)
    timer = audit.gnu_time()
    launched = [timer, "-v", "-o", str(time_log), *command] if timer else command
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    print(f"running {label}: {shlex.join(command)}", file=sys.stderr, flush=True)
    with open(stderr_log, "wb") as err:
        start = time.perf_counter()
        done = subprocess.run(launched, stdout=subprocess.DEVNULL, stderr=err, env=environment, cwd=ROOT)
        wall = time.perf_counter() - start
    peak = None
    if time_log.exists():
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_log.read_text())
        peak = int(match[1]) * 1024 if match else None
    if done.returncode != 0:
        tail = "\n".join(stderr_log.read_text(errors="replace").strip().splitlines()[-8:])
        print(f"{label} failed with exit code {done.returncode}:\n{tail}", file=sys.stderr)
    return {"label": label, "command": command, "wall_seconds": wall, "peak_rss_bytes": peak,
            "exit_code": done.returncode}


def spark_available():
    if subprocess.run([sys.executable, "-c", "import pyspark"], capture_output=True).returncode == 0:
        return True
    print("installing pyspark==4.3.0 from PyPI for the Spark run", file=sys.stderr, flush=True)
    return subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyspark==4.3.0"]).returncode == 0


def synthetic_entry(path):
    report = json.loads(pathlib.Path(path).read_text())
    return next(d for d in report["datasets"] if d["role"] == "synthetic")


def compare(single_path, merged_path):
    single, merged = synthetic_entry(single_path), synthetic_entry(merged_path)
    record = merged["merged_from_shards"]
    lines, failures = [], 0
    for key in ("rows", "labels", "token_length_histogram"):
        same = single.get(key) == merged.get(key)
        failures += not same
        lines.append(f"  {key}: {'equal' if same else 'DIFFERENT'}")
    for metric in record["exact_metrics"]:
        a, b = single["metrics"].get(metric), merged["metrics"].get(metric)
        failures += a != b
        lines.append(f"  exact     {metric:28s} single {a!r:24} merged {b!r:24} {'equal' if a == b else 'DIFFERENT'}")
    for metric in record.get("estimated_metrics", []):
        a, b = single["metrics"].get(metric), merged["metrics"].get(metric)
        interval = merged["intervals"][metric]
        inside = a is not None and interval["lower"] <= a <= interval["upper"]
        failures += not inside
        lines.append(f"  estimated {metric:28s} single {a!r:24} merged {b!r:.24} "
                     f"[{interval['lower']:.4f}, {interval['upper']:.4f}] {'inside' if inside else 'OUTSIDE'}")
    known = set(record["exact_metrics"]) | set(record.get("estimated_metrics", []))
    complete = record["rows"] == record["sample_rows"]
    for metric in sorted(set(single["metrics"]) - known):
        a, b = single["metrics"][metric], merged["metrics"].get(metric)
        if complete:  # the sample is every row: the value must be the single run's
            failures += a != b
        kind = "all rows " if complete else "sample   "
        verdict = ("equal" if a == b else "DIFFERENT") if complete else ""
        lines.append(f"  {kind} {metric:28s} single {a!r:24} merged {b!r:24} {verdict}")
    return failures, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--rows", type=int, default=100_000, help="real rows")
    parser.add_argument("--synthetic-rows", type=int, default=1_000_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--parallel", type=int, default=2, help="profiles run at once")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-spark", action="store_true")
    options = parser.parse_args()
    binary = str(pathlib.Path(options.binary).resolve())

    data = audit.build_data(options.rows, options.seed)
    if options.synthetic_rows != options.rows:
        data["synthetic"] = audit.build_data(options.synthetic_rows, options.seed)["synthetic"]
    real, synthetic = data["real"]["path"], data["synthetic"]["path"]
    print(f"data: {data['real']['rows']:,} real rows, {data['synthetic']['rows']:,} synthetic rows", file=sys.stderr)
    WORK.mkdir(parents=True, exist_ok=True)
    for stale in list(WORK.glob("*.json")) + list(WORK.glob("*.state")):
        stale.unlink()
    runs = []
    single_json = WORK / "single.json"
    if not options.skip_single:
        runs.append(timed([binary, "audit", "--real", real, f"gen={synthetic}", "--no-cache", "--threads", "2",
                           "--verbose", "--json", str(single_json)], "single", 2))

    states = [str(WORK / f"gen.{shard}.state") for shard in range(options.shards)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=options.parallel) as pool:
        profiles = list(pool.map(
            lambda shard: timed([binary, "profile", f"gen={synthetic}", "--shard", f"{shard}/{options.shards}",
                                 "--out", states[shard], "--no-cache", "--threads", "1", "--quiet"],
                                f"profile-{shard}", 1),
            range(options.shards)))
    profile_wall = time.perf_counter() - start
    peaks = [p["peak_rss_bytes"] for p in profiles if p["peak_rss_bytes"]]
    runs.append({"label": f"profile x{options.shards} ({options.parallel} at a time)", "wall_seconds": profile_wall,
                 "peak_rss_bytes": max(peaks) if peaks else None,
                 "exit_code": max(p["exit_code"] for p in profiles), "profiles": profiles,
                 "state_bytes": sum(pathlib.Path(s).stat().st_size for s in states if pathlib.Path(s).exists())})
    merged_json = WORK / "merged.json"
    runs.append(timed([binary, "merge", *states, "--real", real, "--no-cache", "--threads", "2", "--verbose",
                       "--json", str(merged_json)], "merge", 2))
    runs.append({"label": "profile + merge", "wall_seconds": runs[-1]["wall_seconds"] + profile_wall,
                 "peak_rss_bytes": max(r["peak_rss_bytes"] or 0 for r in runs[-2:]) or None,
                 "exit_code": max(r["exit_code"] for r in runs[-2:])})

    spark_json = WORK / "spark.json"
    if options.skip_spark:
        print("spark: skipped (--skip-spark)", file=sys.stderr)
    elif not spark_available():
        print("spark: skipped: pyspark could not be installed", file=sys.stderr)
    else:
        states_folder = WORK / "spark-states"
        states_folder.mkdir(exist_ok=True)
        for stale in states_folder.glob("*.state"):
            stale.unlink()
        runs.append(timed([sys.executable, str(ROOT / "Recipes/Spark/assay_spark.py"), "--assay", binary,
                           "--master", "local[2]", "--partitions", str(options.shards), "--states", str(states_folder),
                           "--real", real, f"gen={synthetic}", "--json", str(spark_json),
                           "--profile-arg=--no-cache", "--merge-arg=--no-cache", "--merge-arg=--quiet"],
                          "spark", 2))
        runs[-1]["peak_rss_bytes"] = None  # the JVM and the executors' children are not one process tree to time

    print()
    print(f"| path | wall | peak RSS |")
    print("|---|---:|---:|")
    for run in runs:
        peak = f"{run['peak_rss_bytes'] / 1e6:,.0f} MB" if run.get("peak_rss_bytes") else "—"
        status = "" if run["exit_code"] == 0 else f" (exit {run['exit_code']})"
        print(f"| {run['label']}{status} | {run['wall_seconds']:,.2f} s | {peak} |")
    failures = 0
    comparisons = {}
    if single_json.exists() and not options.skip_single:
        for label, path in (("merge", merged_json), ("spark", spark_json)):
            if path.exists():
                count, lines = compare(single_json, path)
                failures += count
                comparisons[label] = lines
                print(f"\n{label} against the single run ({'all checks pass' if count == 0 else f'{count} FAIL'}):")
                print("\n".join(lines))
    (WORK / "shards_benchmark.json").write_text(json.dumps(
        {"data": {"real_rows": data["real"]["rows"], "synthetic_rows": data["synthetic"]["rows"]},
         "runs": runs, "comparisons": comparisons, "failures": failures}, indent=2) + "\n")
    return 1 if failures or any(run["exit_code"] != 0 for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
