#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keeps po/POTFILES.in in step with the sources.

Usage: check-potfiles.py SOURCE_ROOT [--update]

Fails when a file with translatable strings is missing from po/POTFILES.in, or when POTFILES.in
names a file that does not exist or holds no translatable string. With --update it rewrites
po/POTFILES.in instead (sorted, with its header kept).
"""

import pathlib
import re
import sys

# _("..."), N_("..."), C_("ctx", "..."), NC_(...), Q_(...), g_dgettext/ngettext families.
C_MARK_RE = re.compile(r"(?<![\w.])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)\s*\(")
UI_MARK_RE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
HEADER = "# SPDX-License-Identifier: GPL-3.0-or-later\n# List of source files with translatable strings, kept in step by tests/data/check-potfiles.py.\n"


def strip_c_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)


def has_strings(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    name = path.name
    if name.endswith((".c", ".h")):
        return bool(C_MARK_RE.search(strip_c_comments(text)))
    if name.endswith(".ui"):
        return bool(UI_MARK_RE.search(text))
    if name.endswith((".desktop.in", ".metainfo.xml.in")):
        return True
    if name.endswith(".gschema.xml"):
        return "gettext-domain" in text and "<summary>" in text
    return False


def candidates(root):
    patterns = ["src/**/*.c", "src/**/*.h", "ui/*.ui",
                "data/*.desktop.in", "data/*.metainfo.xml.in", "data/*.gschema.xml"]
    found = set()
    for pattern in patterns:
        for path in root.glob(pattern):
            if path.is_file() and has_strings(path):
                found.add(path.relative_to(root).as_posix())
    return found


def listed(potfiles):
    entries = []
    for line in potfiles.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--update"):
        print(f"usage: {argv[0]} SOURCE_ROOT [--update]", file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1]).resolve()
    potfiles = root / "po" / "POTFILES.in"
    wanted = candidates(root)

    if len(argv) == 3:
        potfiles.write_text(HEADER + "".join(f"{entry}\n" for entry in sorted(wanted)),
                            encoding="utf-8")
        print(f"wrote {len(wanted)} entries to {potfiles}")
        return 0

    entries = listed(potfiles)
    problems = []
    for entry in entries:
        path = root / entry
        if not path.is_file():
            problems.append(f"po/POTFILES.in names {entry}, which does not exist")
        elif entry not in wanted:
            problems.append(f"po/POTFILES.in names {entry}, which has no translatable string")
    duplicates = sorted({entry for entry in entries if entries.count(entry) > 1})
    for entry in duplicates:
        problems.append(f"po/POTFILES.in names {entry} more than once")
    for entry in sorted(wanted - set(entries)):
        problems.append(f"{entry} has translatable strings but is missing from po/POTFILES.in")

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"fix: {argv[0]} {argv[1]} --update", file=sys.stderr)
        return 1
    print(f"po/POTFILES.in lists all {len(entries)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
