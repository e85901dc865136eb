#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` puts every file in place, and the installed desktop file launches the app
# (issue 7). Runs under run-under-xvfb.sh. Usage: test-install.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
dest="$work/dest"
passed=0
failed=0
check () {
  if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1"; fi
}

meson install -C "$build" --no-rebuild --destdir "$dest" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; echo "not ok - meson install"; exit 1; }
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
  'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
root="$dest$prefix"
id=io.github.cpevault.CpeVault

for f in bin/cpe-vault bin/cpe-vault-cli \
         share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
         share/icons/hicolor/scalable/apps/$id.svg \
         share/icons/hicolor/symbolic/apps/$id-symbolic.svg \
         share/glib-2.0/schemas/$id.gschema.xml \
         share/cpe-vault/programs/isc2.xml share/cpe-vault/programs/jrca-isms.xml \
         share/cpe-vault/schemas/program.rng \
         share/locale/ja/LC_MESSAGES/cpe-vault.mo; do
  check "installed $f" "[ -f '$root/$f' ]"
done
check "installed desktop file validates" "desktop-file-validate '$root/share/applications/$id.desktop'"
check "installed schema compiles" "glib-compile-schemas --strict '$root/share/glib-2.0/schemas'"

# Launch through the desktop file's Exec line, the way a desktop does.
export PATH="$root/bin:$PATH"
export XDG_DATA_DIRS="$root/share:/usr/share"
export GSETTINGS_SCHEMA_DIR="$root/share/glib-2.0/schemas"
export CPV_PROGRAMS_DIR="$root/share/cpe-vault/programs"
export CPV_SCHEMAS_DIR="$root/share/cpe-vault/schemas"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
mkdir -p "$HOME"
gio launch "$root/share/applications/$id.desktop" &
launcher=$!
found=no
for _ in $(seq 1 60); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"CPE Vault"'; then found=yes; break; fi
  sleep 0.5
done
check "the installed desktop file opens a CPE Vault window" "[ $found = yes ]"
pkill -f "$root/bin/cpe-vault" || true
wait "$launcher" 2>/dev/null || true

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
