"""The Spark recipe against the single-machine audit: the same datasets profiled in Spark partitions
(local[2]) and merged must give the report `assay audit` gives, number for number, apart from the merge's
own record (`merged_from_shards`) and the dataset's path and SHA-256 (the partitions are files of their own).

Run: python3 Recipes/Spark/test_assay_spark.py [ASSAY_BINARY]   (bash scripts/test-spark.sh installs PySpark)
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import assay_spark  # noqa: E402


def without_merge_record(report):
    """The report without what only says where the synthetic rows were read from."""
    for dataset in report["datasets"]:
        if dataset["role"] == "synthetic":
            dataset.pop("merged_from_shards", None)
            dataset.pop("path")
            dataset.pop("sha256", None)
    return report


def paths_that_differ(actual, expected, path="$"):
    if isinstance(actual, dict) and isinstance(expected, dict):
        for key in sorted(set(actual) | set(expected)):
            if key not in actual or key not in expected:
                yield f"{path}.{key}: only in {'the Spark report' if key in actual else 'the single run'}"
            else:
                yield from paths_that_differ(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        for index, (a, b) in enumerate(zip(actual, expected)):
            yield from paths_that_differ(a, b, f"{path}[{index}]")
    elif actual != expected:
        yield f"{path}: {actual!r} != {expected!r}"


def check(spark, assay, real, synthetic, partitions, folder, label):
    single = os.path.join(folder, f"{label}-single.json")
    merged = os.path.join(folder, f"{label}-spark.json")
    states = os.path.join(folder, f"{label}-states")
    os.makedirs(states)
    done = subprocess.run(
        [assay, "audit", "--real", real, f"gen={synthetic}", "--json", single, "--no-cache", "--quiet"],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = assay_spark.audit(
        spark, assay, [f"gen={synthetic}"], real, states, ["--no-cache"], ["--json", merged, "--no-cache", "--quiet"],
        partitions=partitions)
    assert done.returncode == 0, done.stderr
    state_files = sorted(os.listdir(states))
    assert len(state_files) >= 2, f"{label}: expected several partitions, got {state_files}"
    with open(merged) as handle:
        spark_report = json.load(handle)
    record = [d for d in spark_report["datasets"] if "merged_from_shards" in d][0]["merged_from_shards"]
    assert record["states"] == len(state_files) and record["rows"] == record["sample_rows"], record
    with open(single) as handle:
        expected = without_merge_record(json.load(handle))
    actual = without_merge_record(spark_report)
    differences = list(paths_that_differ(actual, expected))
    assert not differences, f"{label}: the Spark report differs from the single-machine one: {differences[:10]}"
    print(f"test-spark: {label}: {len(state_files)} partitions merged give the single-machine report")


def main():
    assay = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/assay"))
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("assay-test")
             .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        with tempfile.TemporaryDirectory(prefix="assay-spark-test-") as folder:
            check(spark, assay, os.path.join(ROOT, "Fixtures/real.jsonl"),
                  os.path.join(ROOT, "Fixtures/gen_diverse.jsonl"), 3, folder, "fixtures")
            shared = os.environ.get("ASSAY_SHARED_DATASETS") or os.path.join(os.path.dirname(ROOT), "shared/datasets")
            agnews = os.path.join(shared, "agnews_llm_synthetic")
            if os.path.isdir(agnews):
                check(spark, assay, os.path.join(agnews, "real.jsonl"),
                      os.path.join(agnews, "synthetic_deepseek-r1-distill-qwen-1.5b_baseline.jsonl"), 4, folder,
                      "agnews")
            else:
                print(f"test-spark: {agnews} not found; the AG News case is skipped")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
