#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: sandbox permissions and pinned sources.

Usage: check-manifest.py MANIFEST APP_ID

Fails (exit 1, one line per problem on stderr) when
- the finish-args are not exactly the allowed list (each allowed item once, nothing else;
  the order does not matter);
- a module source that is downloaded is not pinned (archive/file: sha256 of 64 hex digits;
  git: a full 40-hex commit), or uses plain http;
- a local "dir" source appears anywhere but in the last module (the app itself);
- the app id, the command or the app module (meson, last) are not what the project ships.
"""

import json
import re
import sys

ALLOWED_FINISH_ARGS = [
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


def iter_modules(modules, parents=()):
    for module in modules:
        if isinstance(module, str):
            # A module included from another JSON file is not allowed: everything is pinned here.
            yield parents + (module,), None
            continue
        path = parents + (module.get("name", "?"),)
        yield path, module
        yield from iter_modules(module.get("modules", []), path)


def check_source(where, source, is_app_module):
    problems = []
    kind = source.get("type")
    if kind in ("archive", "file"):
        url = source.get("url", "")
        if not url.startswith("https://"):
            problems.append(f"{where}: source URL must be https: {url!r}")
        if not SHA256_RE.match(source.get("sha256", "")):
            problems.append(f"{where}: {kind} source {url!r} is not pinned by a sha256")
    elif kind == "git":
        if not COMMIT_RE.match(source.get("commit", "")):
            problems.append(f"{where}: git source {source.get('url')!r} is not pinned by a commit")
    elif kind == "dir":
        if not is_app_module:
            problems.append(f"{where}: a local dir source is only allowed for the app module")
    elif kind == "patch":
        if "url" in source or "path" not in source:
            problems.append(f"{where}: patches must be local files in the repository")
    else:
        problems.append(f"{where}: source type {kind!r} cannot be checked for pinning")
    return problems


def check(manifest, app_id):
    problems = []
    if manifest.get("id", manifest.get("app-id")) != app_id:
        problems.append(f"app id is {manifest.get('id')!r}, expected {app_id!r}")
    if manifest.get("command") != "cpe-vault":
        problems.append(f"command is {manifest.get('command')!r}, expected 'cpe-vault'")

    finish_args = manifest.get("finish-args", [])
    if sorted(finish_args) != sorted(ALLOWED_FINISH_ARGS):
        extra = [a for i, a in enumerate(finish_args)
                 if a not in ALLOWED_FINISH_ARGS or a in finish_args[:i]]
        missing = [a for a in ALLOWED_FINISH_ARGS if a not in finish_args]
        problems.append("finish-args differ from the allowed list "
                        f"(extra or repeated: {extra}, missing: {missing}, got: {finish_args})")

    top_modules = manifest.get("modules", [])
    if not top_modules:
        return problems + ["the manifest has no modules"]
    app_module = top_modules[-1]
    if not isinstance(app_module, dict) or app_module.get("buildsystem") != "meson":
        problems.append("the last module must be the app, built with meson")

    for path, module in iter_modules(top_modules):
        where = "/".join(path)
        if module is None:
            problems.append(f"{where}: modules must be inline, not included from a file")
            continue
        sources = module.get("sources", [])
        if not sources:
            problems.append(f"{where}: module has no sources")
        for index, source in enumerate(sources):
            if isinstance(source, str):
                problems.append(f"{where}: source {index} is an external file, not pinned inline")
                continue
            problems += check_source(f"{where}[{index}]", source, module is app_module)
        if module is not app_module and not module.get("cleanup"):
            problems.append(f"{where}: a dependency module needs a cleanup list")
    return problems


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} MANIFEST APP_ID", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as stream:
        manifest = json.load(stream)
    problems = check(manifest, argv[2])
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{argv[1]}: finish-args allowed, every source pinned")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
