#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a .gresource.xml and the XML files it bundles with xmllint.

Usage: check-gresource.py GRESOURCE_XML

Every listed file must exist next to the .gresource.xml; the manifest and every listed .ui or
.xml file must be well-formed (xmllint --noout).
"""

import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ElementTree


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} GRESOURCE_XML", file=sys.stderr)
        return 2
    manifest = pathlib.Path(argv[1])
    problems = []
    to_lint = [manifest]
    for item in ElementTree.parse(manifest).getroot().iter("file"):
        path = manifest.parent / item.text.strip()
        if not path.is_file():
            problems.append(f"{manifest.name} lists {item.text.strip()}, which does not exist")
        elif path.suffix in (".ui", ".xml", ".svg"):
            to_lint.append(path)
    for path in to_lint:
        result = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True,
                                text=True)
        if result.returncode != 0:
            problems.append(f"{path.name} is not well-formed XML:\n{result.stderr.strip()}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{manifest.name}: {len(to_lint)} XML files well-formed, every listed file present")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
