"""Audit synthetic datasets with Apache Spark: every partition runs `assay profile` on its rows, the states
are collected, and `assay merge` writes the report on the driver.

The report is the one `assay audit` writes on one machine: the counts (rows, labels, distinct-n, exact
duplicates, exact copies of real rows, token statistics, distances of lengths, labels and vocabulary) cover
every row of every partition, and the other metrics a seeded sample of each dataset (all of its rows up to --sample-rows).

    python3 Recipes/Spark/assay_spark.py --assay .build/release/assay --master 'local[2]' \
        --real real.jsonl gen=synthetic.jsonl --json audit.json --html audit.html

Inputs are JSON Lines (one row per non-blank line), read by Spark (`textFile`, so any path Spark reads:
HDFS, S3, a local folder of parts). Each line reaches `assay` byte for byte; rows are numbered across the
dataset with `zipWithIndex`, so the sample does not depend on the partitioning. The `assay` binary must be
on every executor at the same path (a shared file system, or `--files` with spark-submit).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from typing import Iterable, Iterator


def profile_partition(
    rows: Iterable[tuple[str, int]], assay: str, name: str, profile_args: list[str], state_folder: str
) -> Iterator[tuple[int, str]]:
    """Profiles one partition's (line, row number) pairs into `state_folder`; yields (first row, state path).

    The state (up to --sample-rows embedded rows, so hundreds of MB) goes to the folder, not through Spark:
    collecting it would pass it through the driver's JVM heap."""
    rows = list(rows)
    if not rows:
        return
    first = rows[0][1]
    for offset, (_, number) in enumerate(rows):
        if number != first + offset:
            raise ValueError(f"partition rows are not consecutive: row {number} after {first + offset - 1}")
    state = os.path.join(state_folder, f"{name}.{first:012d}.state")
    with tempfile.TemporaryDirectory(prefix="assay-spark-") as folder:
        part = os.path.join(folder, "part.jsonl")
        with open(part, "w", encoding="utf-8", newline="\n") as handle:
            for line, _ in rows:
                handle.write(line + "\n")
        command = [assay, "profile", f"{name}={part}", "--first-row", str(first), "--out", state, "--quiet"]
        done = subprocess.run(command + profile_args, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"assay profile of rows {first}.. of {name} failed: {done.stderr.strip()}")
    yield first, state


def dataset_argument(argument: str) -> tuple[str, str]:
    """NAME=PATH, or PATH named after its file's stem (as assay names it)."""
    if "=" in argument and not argument.startswith("="):
        name, path = argument.split("=", 1)
        return name, path
    return os.path.splitext(os.path.basename(argument.rstrip("/")))[0], argument


def audit(
    spark, assay: str, synthetic: list[str], real: str | None, state_folder: str, profile_args: list[str],
    merge_args: list[str], partitions: int | None = None,
) -> subprocess.CompletedProcess:
    """Profiles every synthetic dataset in Spark partitions, which write their states to `state_folder` (a
    folder every executor can write and the driver can read: local, or a shared file system), and runs
    `assay merge` on them (with `merge_args`: the report files and audit options)."""
    context = spark.sparkContext
    state_folder = os.path.abspath(state_folder)
    context.addPyFile(os.path.abspath(__file__))  # the executors import profile_partition from this file
    paths = []
    for argument in synthetic:
        name, path = dataset_argument(argument)
        lines = context.textFile(path, minPartitions=partitions) if partitions else context.textFile(path)
        numbered = lines.filter(lambda line: line.strip() != "").zipWithIndex()
        states = numbered.mapPartitions(
            lambda rows, name=name: profile_partition(rows, assay, name, profile_args, state_folder)
        ).collect()
        paths += [path for _, path in sorted(states)]
    command = [assay, "merge", *paths] + (["--real", real] if real else []) + merge_args
    return subprocess.run(command, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("synthetic", nargs="+", help="synthetic datasets, [NAME=]PATH (JSON Lines)")
    parser.add_argument("--assay", default="assay", help="the assay binary (the same path on every executor)")
    parser.add_argument("--real", help="the real dataset, [NAME=]PATH, read by assay merge on the driver")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: from spark-submit)")
    parser.add_argument("--partitions", type=int, help="minimum partitions per dataset")
    parser.add_argument(
        "--states", help="the folder the partitions write their states to, kept afterwards (default: a temporary "
        "one; on a cluster, a shared folder every executor can write)")
    parser.add_argument("--json")
    parser.add_argument("--html")
    parser.add_argument("--markdown")
    parser.add_argument(
        "--profile-arg", action="append", default=[],
        help="an option for every assay profile (repeat; e.g. --profile-arg=--sample-rows=50000); "
        "give the same tokenizer, seed and embedder options to merge with --merge-arg")
    parser.add_argument("--merge-arg", action="append", default=[], help="an option for assay merge (repeat)")
    options = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("assay")
    if options.master:
        builder = builder.master(options.master)
    spark = builder.getOrCreate()
    merge_args = list(options.merge_arg)
    for flag in ("json", "html", "markdown"):
        if getattr(options, flag):
            merge_args += [f"--{flag}", getattr(options, flag)]
    try:
        with tempfile.TemporaryDirectory(prefix="assay-states-") as temporary:
            folder = options.states or temporary
            os.makedirs(folder, exist_ok=True)
            done = audit(spark, options.assay, options.synthetic, options.real, folder, options.profile_arg, merge_args,
                         options.partitions)
    finally:
        spark.stop()
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
