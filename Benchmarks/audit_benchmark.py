#!/usr/bin/env python3
"""Audit benchmark: the default `assay audit` at 100,000 real + 100,000 synthetic labelled rows, two binaries
side by side (the code before a redesign and after), same run, same machine, results compared.

What it does, in one run
------------------------
1. Data.  Builds one 3-label sentiment task (positive / negative / neutral) from the shared datasets
   (``../shared/datasets`` beside the project, or ``$ASSAY_SHARED_DATASETS``), read at run time and written
   only under ``Benchmarks/.work/`` (git-ignored; the data are research-only and never committed).

   Real pool (human-written text with human sentiment labels), in this order:
     tweet_sentiment_gpt35/real.jsonl                  5,000  TweetEval / SemEval-2017 4A test + validation
     tweet_sentiment_gpt35/real_seed500.jsonl            500  TweetEval train tweets (17 also in real.jsonl)
     imdb_s3_gpt35/real.jsonl                          1,500  IMDb reviews (Maas et al.), positive / negative
     financial_phrasebank/sentences.jsonl              4,840  financial news sentences, majority label
     dynasent_multiannotator/dynasent_r1_dev.jsonl     1,800  DynaSent round 1 (Yelp), gold label
     dynasent_multiannotator/dynasent_r2_dev.jsonl       720  DynaSent round 2 (Dynabench), gold label
     dynasent_multiannotator/sst_dev_revalidated.jsonl 1,101  SST-3 dev re-labelled; `mixed` (108) and
                                                              `no_majority` (64) rows dropped
   Synthetic pool (LLM-generated rows of sentiment tasks):
     tweet_sentiment_gpt35/synthetic_gpt-3.5-turbo_grounded.jsonl  1,200  gpt-3.5-turbo, grounded tweets
     imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round1.jsonl         1,000  gpt-3.5-turbo, S3 round 1 reviews
     imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round2.jsonl         1,000  gpt-3.5-turbo, S3 round 2 reviews

   Label mappings: every file above already stores string labels in {positive, negative, neutral}, so the map
   is the identity; the IMDb files also accept 0 -> negative, 1 -> positive (their upstream coding, per
   imdb_s3_gpt35/SOURCE.md), and sst_dev_revalidated drops `mixed` and `no_majority` (not in the 3-label
   space).  Any other label stops the script.  Not used, because their task is not sentiment polarity:
   tweeteval (emotion, hate, offensive), goemotions (28 emotions), agnews (topic), humor, irony, sarcasm,
   sms_spam, semeval2010 relations, lewidi (offensiveness, hate, misogyny, abuse, sarcasm, irony),
   popquorn (offensiveness ratings), gpturk (real-vs-synthetic summaries).

   Each pool is deduplicated on the exact text (first occurrence kept; empty texts dropped).  Pool sizes with
   the shared data of 2026-12 (the script prints them on every run):
     real       15,269 rows (negative 3,968, neutral 6,321, positive 4,980): 17 tweets of real_seed500 already
                in real.jsonl, 2 financial and 1 SST duplicate texts dropped, 172 SST mixed / no_majority dropped;
     synthetic   3,191 rows (negative 1,337, neutral 400, positive 1,454): 3 + 6 duplicate IMDb texts dropped.
   At 100,000 rows per side 84,731 real and 96,809 synthetic rows are spliced (28 MB and 72 MB of JSON Lines;
   mean 41 and 117 whitespace words per row); seed 0 gives SHA-256 bcd2dfb8af9a0110… (real) and
   3f016b91ba1aad58… (synthetic).

   Rows.  ``--rows N`` per side (default 100,000).  First every pool row once, in a fixed order: round-robin
   over the files in the order above (row 0 of each file, then row 1 of each, ...; a file that runs out is
   skipped).  Then, while more rows are needed, new rows by splicing: in round r = 0, 1, ... a permutation
   `perm` of the pool is drawn from `random.Random("assay-audit-benchmark/<seed>/<side>")` and, for
   k = 0 .. P-1, i = perm[k], j = perm[(k + 1) % P]; the row is the first ceil(n_i / 2) whitespace words of row
   i followed by the last n_j - floor(n_j / 2) words of row j (`str.split()`, joined by single spaces), with
   row i's label.  A splice whose text already exists on that side (pool or earlier splice) is skipped, so no
   two rows of a side are exact duplicates.  Real rows get "split": "train", except every fifth real row
   (1-based positions 5, 10, ...) "test"; synthetic rows have no split.  Fields: text, label, split, as
   `json.dumps(..., ensure_ascii=False)`, one per line.  The same --seed and --rows give byte-identical files
   (the script prints their SHA-256).

2. Runs.  For ``--baseline BIN`` then ``--candidate BIN`` (either may be omitted; never in parallel):
       BIN audit --real REAL.jsonl SYNTH.jsonl --no-cache --threads 2 --verbose --json OUT.json [--extra-args]
   with OPENBLAS_NUM_THREADS=2, measuring
     - wall clock: time.perf_counter around the child process (start-up, reading and writing included);
     - peak RSS of the audit: `/usr/bin/time -v -o FILE` ("Maximum resident set size (kbytes)"), because the
       rusage Python gets for its own child (os.wait4, RUSAGE_CHILDREN) also carries Python's high-water RSS
       (see run_side); without GNU time the os.wait4 figure is used and marked as an upper bound;
     - CPU time (user, system) of the child and its descendants: os.wait4;
     - assay's own per-stage timings, the last line of its --verbose standard error,
       `assay: read 0.01 s · tokenize 0.03 s · … · total 1.70 s` (any `name seconds s` items).
   Standard output and error of each run are kept in Benchmarks/.work/audit_benchmark_<side>.{stdout,stderr}.log,
   the report in Benchmarks/.work/audit_benchmark_<side>.json.

3. Comparison.  When both ran: `python3 scripts/compare_reports.py BASELINE.json CANDIDATE.json` (every number
   within 1e-6 relative); "results equal" only when it exits 0.

4. Output.  A Markdown table on stdout (stages side by side where the names match, the others listed
   separately; assay's total, wall clock, CPU, peak RSS), the comparison's verdict and the goals:
     G1  candidate wall clock <= 450 s
     G2  candidate peak RSS <= 2 GB (2,000 MB, MB = 10^6 bytes)
   PASS / FAIL / NOT MEASURED.  Everything also goes to Benchmarks/.work/audit_benchmark.json.
   Exit code 1 when a goal fails, a run fails or the results differ; 0 otherwise.

Usage:
    python3 Benchmarks/audit_benchmark.py --baseline OLD/assay --candidate NEW/assay     # 100k + 100k
    python3 Benchmarks/audit_benchmark.py --rows 2000 --baseline B --candidate C          # quick check
    python3 Benchmarks/audit_benchmark.py                                                 # data only
Standard library only (Python 3.11).
"""
import argparse
import hashlib
import json
import os
import pathlib
import random
import re
import shlex
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ASSAY_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))
WORK = ROOT / "Benchmarks" / ".work"

LABELS = ("positive", "negative", "neutral")
IDENTITY = {label: label for label in LABELS}
IMDB = {**IDENTITY, "0": "negative", "1": "positive"}
SST3 = {**IDENTITY, "mixed": None, "no_majority": None}

# (file under SHARED, label map: stored label -> task label, or None to drop the row)
REAL_SOURCES = [
    ("tweet_sentiment_gpt35/real.jsonl", IDENTITY),
    ("tweet_sentiment_gpt35/real_seed500.jsonl", IDENTITY),
    ("imdb_s3_gpt35/real.jsonl", IMDB),
    ("financial_phrasebank/sentences.jsonl", IDENTITY),
    ("dynasent_multiannotator/dynasent_r1_dev.jsonl", IDENTITY),
    ("dynasent_multiannotator/dynasent_r2_dev.jsonl", IDENTITY),
    ("dynasent_multiannotator/sst_dev_revalidated.jsonl", SST3),
]
SYNTHETIC_SOURCES = [
    ("tweet_sentiment_gpt35/synthetic_gpt-3.5-turbo_grounded.jsonl", IDENTITY),
    ("imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round1.jsonl", IMDB),
    ("imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round2.jsonl", IMDB),
]

GOAL_WALL_SECONDS = 450.0
GOAL_PEAK_RSS_BYTES = 2_000_000_000
STAGE_ITEM = re.compile(r"^(?P<name>.*\S)\s+(?P<seconds>\d+(?:\.\d+)?) s$")


# ---------------------------------------------------------------------------------------------- data


def read_source(relative, mapping):
    """The (text, label) rows of one shared file in line order, mapped; counts of what was read and dropped."""
    path = SHARED / relative
    rows, dropped = [], {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            text, stored = record.get("text"), str(record.get("label"))
            if stored not in mapping:
                sys.exit(f"error: {relative}:{number}: label {stored!r} has no mapping")
            label = mapping[stored]
            if label is None:
                dropped[stored] = dropped.get(stored, 0) + 1
                continue
            if not isinstance(text, str) or not text.strip():
                dropped["<empty text>"] = dropped.get("<empty text>", 0) + 1
                continue
            rows.append((text, label))
    return rows, dropped


def build_pool(sources):
    """Round-robin over the files in list order, deduplicated on the exact text (first occurrence kept)."""
    per_file, described = [], []
    for relative, mapping in sources:
        rows, dropped = read_source(relative, mapping)
        per_file.append(rows)
        described.append({"file": relative, "rows_kept_by_label": len(rows), "dropped": dropped})
    pool, seen, duplicates = [], set(), [0] * len(sources)
    for index in range(max(len(rows) for rows in per_file)):
        for number, rows in enumerate(per_file):
            if index < len(rows):
                text, label = rows[index]
                if text in seen:
                    duplicates[number] += 1
                    continue
                seen.add(text)
                pool.append((text, label))
    for entry, count in zip(described, duplicates):
        entry["duplicates_dropped"] = count
        entry["in_pool"] = entry["rows_kept_by_label"] - count
    return pool, described


def splice_rows(pool, needed, seed, side):
    """`needed` new rows spliced from pool rows, none equal to a pool text or to each other."""
    rng = random.Random(f"assay-audit-benchmark/{seed}/{side}")
    words = [text.split() for text, _ in pool]
    existing = {text for text, _ in pool}
    spliced, size, idle_rounds = [], len(pool), 0
    if needed and size < 2:
        sys.exit(f"error: the {side} pool has {size} rows; splicing needs at least 2")
    while len(spliced) < needed:
        permutation = list(range(size))
        rng.shuffle(permutation)
        before = len(spliced)
        for k in range(size):
            i, j = permutation[k], permutation[(k + 1) % size]
            first, second = words[i], words[j]
            text = " ".join(first[: (len(first) + 1) // 2] + second[len(second) // 2 :])
            if text in existing:
                continue
            existing.add(text)
            spliced.append((text, pool[i][1]))
            if len(spliced) == needed:
                break
        idle_rounds = idle_rounds + 1 if len(spliced) == before else 0
        if idle_rounds >= 50:
            sys.exit(f"error: the {side} pool cannot give {needed} distinct splices (got {len(spliced)})")
    return spliced


def write_side(path, rows, real):
    digest = hashlib.sha256()
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        for position, (text, label) in enumerate(rows, 1):
            record = {"text": text, "label": label}
            if real:
                record["split"] = "test" if position % 5 == 0 else "train"
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            digest.update(line)
            handle.write(line)
    os.replace(temporary, path)
    return digest.hexdigest()


def label_counts(rows):
    counts = {label: 0 for label in sorted(LABELS)}
    for _, label in rows:
        counts[label] += 1
    return counts


def build_data(rows, seed):
    WORK.mkdir(parents=True, exist_ok=True)
    data = {"shared": str(SHARED), "rows_per_side": rows, "seed": seed}
    for side, sources, real in (("real", REAL_SOURCES, True), ("synthetic", SYNTHETIC_SOURCES, False)):
        pool, files = build_pool(sources)
        chosen = pool[:rows]
        spliced = splice_rows(pool, max(0, rows - len(pool)), seed, side)
        everything = chosen + spliced
        path = WORK / f"audit_{side}_{rows}_seed{seed}.jsonl"
        sha256 = write_side(path, everything, real)
        data[side] = {
            "path": str(path), "sha256": sha256, "files": files,
            "pool_rows": len(pool), "pool_labels": label_counts(pool),
            "pool_rows_used": len(chosen), "spliced_rows": len(spliced), "rows": len(everything),
            "labels": label_counts(everything),
        }
        if real:
            data[side]["test_rows"] = len(everything) // 5
    return data


def describe_data(data):
    lines = [f"Data: {data['rows_per_side']:,} rows per side, seed {data['seed']}, from {data['shared']}", ""]
    for side in ("real", "synthetic"):
        info = data[side]
        labels = ", ".join(f"{label} {count:,}" for label, count in info["pool_labels"].items())
        lines.append(f"- {side} pool: {info['pool_rows']:,} rows ({labels}); used {info['pool_rows_used']:,}, "
                     f"spliced {info['spliced_rows']:,}; file {pathlib.Path(info['path']).name} "
                     f"sha256 {info['sha256'][:16]}…")
        for entry in info["files"]:
            dropped = "".join(f", dropped {count} `{label}`" for label, count in sorted(entry["dropped"].items()))
            duplicates = entry["duplicates_dropped"]
            lines.append(f"  - {entry['file']}: {entry['in_pool']:,} in pool"
                         + (f" ({duplicates} duplicate texts dropped)" if duplicates else "") + dropped)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- runs


def parse_stages(stderr_text):
    """Assay's per-stage seconds from the last `assay: … · total X s` line of --verbose, in order."""
    for line in reversed(stderr_text.splitlines()):
        line = line.strip()
        if not line.startswith("assay: ") or not re.search(r"(^|· )total \d+(\.\d+)? s$", line.removeprefix("assay: ")):
            continue
        stages = {}
        for item in line.removeprefix("assay: ").split(" · "):
            match = STAGE_ITEM.match(item.strip())
            if match:
                stages[match["name"]] = float(match["seconds"])
        return stages, line
    return {}, None


def binary_identity(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    stat = path.stat()
    return {"path": str(path), "bytes": stat.st_size, "sha256": digest.hexdigest(),
            "modified": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(stat.st_mtime))}


def gnu_time():
    """/usr/bin/time when it is GNU time (it has -v and -o), else None."""
    path = pathlib.Path("/usr/bin/time")
    if not path.is_file():
        return None
    probe = subprocess.run([str(path), "--version"], capture_output=True, text=True)
    return str(path) if "GNU" in probe.stdout + probe.stderr else None


def run_side(side, given, data, threads, extra_args):
    binary = pathlib.Path(given).resolve()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        sys.exit(f"error: --{side} {binary}: not an executable file")
    report = WORK / f"audit_benchmark_{side}.json"
    stdout_log, stderr_log = WORK / f"audit_benchmark_{side}.stdout.log", WORK / f"audit_benchmark_{side}.stderr.log"
    rusage_log = WORK / f"audit_benchmark_{side}.time.log"
    for stale in (report, rusage_log):
        stale.unlink(missing_ok=True)
    command = [str(binary), "audit", "--real", data["real"]["path"], data["synthetic"]["path"],
               "--no-cache", "--threads", str(threads), "--verbose", "--json", str(report), *extra_args]
    # The peak RSS comes from GNU time: the rusage of a child that Python starts itself (os.wait4,
    # RUSAGE_CHILDREN) carries Python's own high-water RSS, because the child is vforked from this process
    # and Linux keeps the larger of the two across exec (a /bin/true child reports 400 MB after Python
    # touched 400 MB).  /usr/bin/time forks from a 1 MB process, so its figure is the audit's own.
    timer = gnu_time()
    launched = [timer, "-v", "-o", str(rusage_log), *command] if timer else command
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    print(f"running {side}: {shlex.join(command)}", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    with open(stdout_log, "wb") as out, open(stderr_log, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(launched, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=environment, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    exit_code, peak_kib, peak_source = child.returncode, usage.ru_maxrss, "os.wait4 (upper bound: includes Python's RSS)"
    if timer and rusage_log.exists():
        measured = rusage_log.read_text(encoding="utf-8", errors="replace")
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", measured)
        status_line = re.search(r"Exit status: (-?\d+)", measured)
        if peak:
            peak_kib, peak_source = int(peak[1]), "GNU time -v"
        if status_line:
            exit_code = int(status_line[1])
        if "terminated by signal" in measured and exit_code == 0:
            exit_code = child.returncode or 1
    stderr_text = stderr_log.read_text(encoding="utf-8", errors="replace")
    stages, summary_line = parse_stages(stderr_text)
    result = {
        "binary": {"given": str(given), **binary_identity(binary)}, "command": command, "launched_as": launched,
        "load_average_1min_before": load_before,
        "environment": {"OPENBLAS_NUM_THREADS": str(threads)},
        "exit_code": exit_code, "wall_seconds": wall,
        "peak_rss_bytes": peak_kib * 1024, "peak_rss_source": peak_source,
        "cpu_user_seconds": usage.ru_utime, "cpu_system_seconds": usage.ru_stime,
        "stages": stages, "stage_line": summary_line,
        "report": str(report) if report.exists() else None,
        "stdout_log": str(stdout_log), "stderr_log": str(stderr_log),
        "time_log": str(rusage_log) if rusage_log.exists() else None,
    }
    if exit_code != 0:
        tail = "\n".join(stderr_text.strip().splitlines()[-10:])
        print(f"{side} failed with exit code {exit_code}; last lines of {stderr_log}:\n{tail}", file=sys.stderr)
    print(f"{side}: {wall:.2f} s wall, peak RSS {peak_kib * 1024 / 1e6:.0f} MB ({peak_source})", file=sys.stderr, flush=True)
    return result


def compare(baseline, candidate):
    if not (baseline and candidate):
        return {"verdict": "not compared (one side only)", "equal": None}
    if not (baseline["report"] and candidate["report"]):
        return {"verdict": "not compared (a run wrote no report)", "equal": False}
    command = [sys.executable, str(ROOT / "scripts" / "compare_reports.py"), baseline["report"], candidate["report"]]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    output = (done.stdout + done.stderr).strip()
    verdict = {0: "results equal", 1: "results differ"}.get(done.returncode, f"comparison failed (exit {done.returncode})")
    return {"verdict": verdict, "equal": done.returncode == 0, "exit_code": done.returncode,
            "command": command, "output": output}


def goals(candidate):
    if candidate is None:
        return {"G1 wall <= 450 s": "NOT MEASURED", "G2 peak RSS <= 2 GB": "NOT MEASURED"}
    ok = candidate["exit_code"] == 0
    return {
        "G1 wall <= 450 s": "PASS" if ok and candidate["wall_seconds"] <= GOAL_WALL_SECONDS else "FAIL",
        "G2 peak RSS <= 2 GB": "PASS" if ok and candidate["peak_rss_bytes"] <= GOAL_PEAK_RSS_BYTES else "FAIL",
    }


# ---------------------------------------------------------------------------------------------- output


def cell(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}"


def table(runs):
    sides = [side for side in ("baseline", "candidate") if runs.get(side)]
    lines = ["| stage | " + " | ".join(f"{side} (s)" for side in sides) + " |",
             "|---|" + "---:|" * len(sides)]
    names = [[name for name in runs[side]["stages"] if name != "total"] for side in sides]
    shared = [name for name in names[0] if all(name in other for other in names)] if names else []
    for name in shared:
        lines.append(f"| {name} | " + " | ".join(cell(runs[side]["stages"][name]) for side in sides) + " |")
    lines.append("| total (assay's own) | "
                 + " | ".join(cell(runs[side]["stages"].get("total")) for side in sides) + " |")
    lines.append("| **wall clock, whole process** | "
                 + " | ".join(f"**{cell(runs[side]['wall_seconds'])}**" for side in sides) + " |")
    lines.append("| CPU user + system | "
                 + " | ".join(cell(runs[side]["cpu_user_seconds"] + runs[side]["cpu_system_seconds"]) for side in sides)
                 + " |")
    lines.append("| **peak RSS (MB)** | "
                 + " | ".join(f"**{cell(runs[side]['peak_rss_bytes'] / 1e6, 0)}**" for side in sides) + " |")
    lines.append("| load average (1 min) before the run | "
                 + " | ".join(cell(runs[side]["load_average_1min_before"]) for side in sides) + " |")
    lines.append("| exit code | " + " | ".join(str(runs[side]["exit_code"]) for side in sides) + " |")
    others = []
    for side, own in zip(sides, names):
        for name in own:
            if name not in shared:
                others.append(f"- only in {side}: {name} {cell(runs[side]['stages'][name])} s")
    if others:
        lines += ["", "Stages whose names differ between the binaries:", *others]
    if any(runs[side]["peak_rss_source"] != "GNU time -v" for side in sides):
        lines += ["", "Peak RSS from os.wait4 (no GNU time): an upper bound that includes this script's own RSS."]
    if any(runs[side]["stage_line"] is None for side in sides):
        lines += ["", "No stage timings line found in the standard error of: "
                  + ", ".join(side for side in sides if runs[side]["stage_line"] is None)]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows per side (default 100,000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the splicing permutations (default 0)")
    parser.add_argument("--baseline", help="assay binary of the code before the redesign")
    parser.add_argument("--candidate", help="assay binary of the code after the redesign")
    parser.add_argument("--threads", type=int, default=2, help="--threads and OPENBLAS_NUM_THREADS (default 2)")
    parser.add_argument("--extra-args", default="", help="more arguments for both audits, one shell-quoted string")
    options = parser.parse_args()
    if options.rows < 1:
        parser.error("--rows must be at least 1")

    data = build_data(options.rows, options.seed)
    print(describe_data(data))
    print()
    extra = shlex.split(options.extra_args)
    runs = {side: run_side(side, binary, data, options.threads, extra) if binary else None
            for side, binary in (("baseline", options.baseline), ("candidate", options.candidate))}
    comparison = compare(runs["baseline"], runs["candidate"])
    verdicts = goals(runs["candidate"])

    if any(runs.values()):
        print(f"`assay audit --real REAL SYNTH --no-cache --threads {options.threads} --verbose --json OUT"
              + (f" {shlex.join(extra)}" if extra else "") + f"`, OPENBLAS_NUM_THREADS={options.threads}, "
              f"{options.rows:,} real + {options.rows:,} synthetic rows:")
        print()
        print(table(runs))
        print()
        for side in ("baseline", "candidate"):
            if runs[side]:
                identity = runs[side]["binary"]
                print(f"- {side}: {identity['given']} → {identity['path']} (sha256 {identity['sha256'][:16]}…, built {identity['modified']})")
        print()
    print(f"Comparison: {comparison['verdict']}")
    if comparison.get("output"):
        shown = comparison["output"].splitlines()
        print("\n".join("    " + line for line in shown[:40]))
        if len(shown) > 40:
            print(f"    … {len(shown) - 40} more lines in audit_benchmark.json")
    print()
    for goal, verdict in verdicts.items():
        print(f"{goal} (candidate): {verdict}")

    summary = {"data": data, "threads": options.threads, "extra_args": extra, "runs": runs,
               "comparison": comparison, "goals": verdicts,
               "machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname()),
                           "load_average_after": os.getloadavg()}}
    with open(WORK / "audit_benchmark.json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    failed = ("FAIL" in verdicts.values() or comparison["equal"] is False
              or any(run and run["exit_code"] != 0 for run in runs.values()))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
