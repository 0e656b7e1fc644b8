#!/usr/bin/env python3
"""Compares two sets of Assay JSON reports number by number.

Usage:
    python3 scripts/compare_reports.py BEFORE AFTER [--tolerance 1e-6] [--strings]

BEFORE and AFTER are two JSON files or two folders; for folders, every `*.json` file of BEFORE is compared
with the file of the same name in AFTER (a file missing from AFTER is a failure). Every number in BEFORE
must be in AFTER at the same place (datasets matched by name, objects by key, lists by position) and
agree within the tolerance: |after - before| <= tolerance * max(1, |before|), so values near zero are
compared absolutely. A number that became null, or null that became a number, is a difference.
What AFTER adds is listed but allowed: a metric id that BEFORE did not have (anywhere under `metrics`,
`per_label`, `intervals` or `unavailable`), or any other new key. With --strings, strings must also be
equal; without it, string differences are listed as notes only.

Exit code 0 when nothing differs beyond the tolerance, 1 otherwise, 2 for bad arguments or unreadable
files. Standard library only (Python 3.9+).
"""

import argparse
import json
import math
import pathlib
import signal
import sys


def load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        print(f"error: {path}: {error}", file=sys.stderr)
        sys.exit(2)


def keyed_by_name(items):
    """Lists of objects that all have a unique `name` are matched by name, not by position."""
    if not items or not all(isinstance(item, dict) and "name" in item for item in items):
        return None
    names = [item["name"] for item in items]
    if len(set(names)) != len(names):
        return None
    return {item["name"]: item for item in items}


class Comparison:
    def __init__(self, tolerance, strict_strings):
        self.tolerance = tolerance
        self.strict_strings = strict_strings
        self.differences = []
        self.added = []
        self.notes = []
        self.numbers = 0

    def number_differs(self, before, after):
        if isinstance(before, bool) or isinstance(after, bool):
            return before != after
        if math.isnan(before) or math.isnan(after):
            return not (math.isnan(before) and math.isnan(after))
        return abs(after - before) > self.tolerance * max(1.0, abs(before))

    def compare(self, before, after, path):
        if isinstance(before, dict):
            if not isinstance(after, dict):
                self.differences.append(f"{path}: an object became {type(after).__name__}")
                return
            for key, value in before.items():
                if key not in after:
                    self.differences.append(f"{path}.{key}: missing after")
                else:
                    self.compare(value, after[key], f"{path}.{key}")
            for key in after.keys() - before.keys():
                self.added.append(f"{path}.{key}")
            return
        if isinstance(before, list):
            if not isinstance(after, list):
                self.differences.append(f"{path}: a list became {type(after).__name__}")
                return
            named_before, named_after = keyed_by_name(before), keyed_by_name(after)
            if named_before is not None and named_after is not None:
                self.compare(named_before, named_after, path)
                return
            if all(isinstance(item, str) for item in before + after):
                if before != after:
                    gained = [item for item in after if item not in before]
                    lost = [item for item in before if item not in after]
                    if lost:
                        self.differences.append(f"{path}: lost {lost}")
                    elif gained:
                        self.added.append(f"{path}: {gained}")
                    else:
                        self.notes.append(f"{path}: same strings in another order")
                return
            if len(before) != len(after):
                self.differences.append(f"{path}: {len(before)} items before, {len(after)} after")
            for index, (left, right) in enumerate(zip(before, after)):
                self.compare(left, right, f"{path}[{index}]")
            return
        if isinstance(before, (int, float)) and not isinstance(before, bool):
            self.numbers += 1
            if after is None or isinstance(after, bool) or not isinstance(after, (int, float)):
                self.differences.append(f"{path}: {before!r} became {after!r}")
            elif self.number_differs(float(before), float(after)):
                self.differences.append(f"{path}: {before!r} became {after!r}")
            return
        if before is None:
            if after is not None:
                self.differences.append(f"{path}: null became {after!r}")
            return
        if before != after:
            message = f"{path}: {before!r} became {after!r}"
            (self.differences if self.strict_strings else self.notes).append(message)


def pairs(before, after):
    before, after = pathlib.Path(before), pathlib.Path(after)
    if before.is_dir() != after.is_dir():
        print("error: give two files or two folders", file=sys.stderr)
        sys.exit(2)
    if not before.is_dir():
        return [(before, after)]
    files = sorted(before.glob("*.json"))
    if not files:
        print(f"error: {before}: no JSON files", file=sys.stderr)
        sys.exit(2)
    return [(file, after / file.name) for file in files]


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    parser.add_argument("--strings", action="store_true", help="strings must be equal too")
    arguments = parser.parse_args()

    failed = False
    for before_path, after_path in pairs(arguments.before, arguments.after):
        if not after_path.exists():
            print(f"{before_path.name}: missing from {arguments.after}")
            failed = True
            continue
        comparison = Comparison(arguments.tolerance, arguments.strings)
        comparison.compare(load(before_path), load(after_path), "$")
        status = "differs" if comparison.differences else "same"
        print(
            f"{before_path.name}: {status} ({comparison.numbers} numbers compared, "
            f"{len(comparison.differences)} differences, {len(comparison.added)} added, "
            f"{len(comparison.notes)} notes)"
        )
        for line in comparison.differences:
            print(f"  differs: {line}")
        for line in comparison.added:
            print(f"  added:   {line}")
        for line in comparison.notes[:20]:
            print(f"  note:    {line}")
        if len(comparison.notes) > 20:
            print(f"  note:    … {len(comparison.notes) - 20} more")
        failed = failed or bool(comparison.differences)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
