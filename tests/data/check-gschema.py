#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the compiled GSettings schema in the build directory (what tests and the app load).

Usage: check-gschema.py SCHEMA_BUILDDIR SCHEMA_ID

Asserts every key the app relies on exists with its type, default and range, and that values
outside a range are refused. Runs gsettings against the memory backend: nothing is stored.
"""

import os
import subprocess
import sys

EXPECTED = {
    # key: (default as printed by gsettings, range as printed by gsettings range)
    "recent-vaults": ("@as []", "type as"),
    "auto-lock-minutes": ("uint32 5", "range u 0 240"),
    "evidence-size-limit-mb": ("uint32 100", "range u 1 4096"),
    "export-name-pattern": ("'council'", "enum\n'council'\n'ascii'"),
    "window-width": ("960", "type i"),
    "window-height": ("680", "type i"),
    "window-maximized": ("false", "type b"),
}
OUT_OF_RANGE = {
    "auto-lock-minutes": "241",
    "evidence-size-limit-mb": "0",
    "export-name-pattern": "'shift-jis'",
}


def gsettings(schemadir, *args):
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    return subprocess.run(["gsettings", "--schemadir", schemadir, *args],
                          capture_output=True, text=True, env=env)


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} SCHEMA_BUILDDIR SCHEMA_ID", file=sys.stderr)
        return 2
    schemadir, schema_id = argv[1], argv[2]
    problems = []

    keys = gsettings(schemadir, "list-keys", schema_id)
    if keys.returncode != 0:
        print(f"schema {schema_id} not found in {schemadir}: {keys.stderr.strip()}",
              file=sys.stderr)
        return 1
    present = set(keys.stdout.split())
    for key in sorted(set(EXPECTED) - present):
        problems.append(f"key {key} is missing")

    for key, (default, value_range) in EXPECTED.items():
        if key not in present:
            continue
        got = gsettings(schemadir, "get", schema_id, key).stdout.strip()
        if got != default:
            problems.append(f"{key}: default is {got!r}, expected {default!r}")
        got = gsettings(schemadir, "range", schema_id, key).stdout.strip()
        if got != value_range:
            problems.append(f"{key}: range is {got!r}, expected {value_range!r}")

    for key, value in OUT_OF_RANGE.items():
        result = gsettings(schemadir, "set", schema_id, key, value)
        if result.returncode == 0:
            problems.append(f"{key}: the out-of-range value {value} was accepted")

    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{schema_id}: {len(EXPECTED)} keys with their defaults and ranges")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
