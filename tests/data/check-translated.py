#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that i18n.merge_file put the Japanese translation into a generated file.

Usage: check-translated.py desktop FILE
       check-translated.py metainfo FILE

desktop: Name[ja], Comment[ja] and Keywords[ja] are present and differ from the English.
metainfo: the summary and at least one description paragraph have an xml:lang="ja" variant.
"""

import configparser
import sys
import xml.etree.ElementTree as ElementTree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def check_desktop(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    problems = []
    for key in ("Name", "Comment", "Keywords"):
        translated = entry.get(f"{key}[ja]")
        if translated is None:
            problems.append(f"{key}[ja] is missing")
        elif key != "Name" and translated == entry.get(key):
            problems.append(f"{key}[ja] is the English text")
    return problems


def check_metainfo(path):
    root = ElementTree.parse(path).getroot()
    problems = []
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    if "ja" not in summaries:
        problems.append("summary has no xml:lang=\"ja\" variant")
    elif summaries["ja"] == summaries.get(None):
        problems.append("the Japanese summary is the English text")
    paragraphs = root.findall("description/p")
    if not any(p.get(XML_LANG) == "ja" for p in paragraphs):
        problems.append("no description paragraph has an xml:lang=\"ja\" variant")
    return problems


def main(argv):
    checks = {"desktop": check_desktop, "metainfo": check_metainfo}
    if len(argv) != 3 or argv[1] not in checks:
        print(f"usage: {argv[0]} desktop|metainfo FILE", file=sys.stderr)
        return 2
    problems = checks[argv[1]](argv[2])
    for problem in problems:
        print(f"{argv[2]}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{argv[2]}: Japanese translation merged")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
