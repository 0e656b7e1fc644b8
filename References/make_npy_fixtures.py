#!/usr/bin/env python3
"""Writes Fixtures/vectors-io/: the same 6x5 float32 vectors as JSON Lines, CSV and .npy (float32 in
format versions 1.0, 2.0 and 3.0, and float64), so DatasetIOTests can check every reader gives the same
DatasetVectors. numpy writes the .npy files, so their layout is numpy's own, not ours.

JSON Lines spells each value as Python prints the float32 widened to float64 (up to 17 digits, as
`json.dumps(array.tolist())` does); CSV as numpy's shortest float32 spelling. Both round to the same
float32. Usage: python3 References/make_npy_fixtures.py   (numpy 2.x; output is deterministic)
"""
import csv
import io
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "vectors-io")


def main() -> None:
    rng = np.random.default_rng(20261122)
    vectors = rng.standard_normal((6, 5)).astype(np.float32)
    # Edge values: signed zero, a float32 subnormal, extremes near float32's range, an exact integer.
    vectors[1, :] = np.array([-0.0, 1e-40, 3.4028e38, -1.1754944e-38, 16777216.0], dtype=np.float32)
    texts = [f"row {i}" for i in range(len(vectors))]
    os.makedirs(OUT, exist_ok=True)

    with open(os.path.join(OUT, "vectors.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for text, row in zip(texts, vectors):
            f.write(json.dumps({"text": text, "vec": row.astype(np.float64).tolist()}) + "\n")

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["text", "vec"])
    for text, row in zip(texts, vectors):
        cell = "[" + ", ".join(np.format_float_positional(v, unique=True, trim="-")
                               if 1e-4 <= abs(v) < 1e8 or v == 0
                               else np.format_float_scientific(v, unique=True, trim="-") for v in row) + "]"
        writer.writerow([text, cell])
    with open(os.path.join(OUT, "vectors.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())

    np.save(os.path.join(OUT, "vectors_f4.npy"), vectors)  # format 1.0, '<f4'
    np.save(os.path.join(OUT, "vectors_f8.npy"), vectors.astype(np.float64))  # format 1.0, '<f8'
    for version in [(2, 0), (3, 0)]:
        path = os.path.join(OUT, f"vectors_f4_v{version[0]}.npy")
        with open(path, "wb") as f:
            np.lib.format.write_array(f, vectors, version=version)

    # The expected values, bit patterns of the float32s, for a check that does not go through any reader.
    with open(os.path.join(OUT, "vectors_bits.json"), "w", encoding="utf-8") as f:
        json.dump({"dimension": int(vectors.shape[1]),
                   "bits": [int(b) for b in vectors.view(np.uint32).ravel()]}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
