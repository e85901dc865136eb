#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cross-version test of the vault format (issue 7): builds cpe-vault-cli against SQLCipher 4
# in a second build directory, then checks on real files that
#   - SQLCipher 4 opens a vault written by SQLCipher 3 (Debian 12's), converts it once with a
#     verified copy and keeps the old file as a backup;
#   - SQLCipher 3 refuses a SQLCipher 4 vault with the "newer SQLCipher" error.
# Usage: test-sqlcipher-cross.sh SOURCE_ROOT CLI_SQLCIPHER3 WORK_DIR
# Exits 77 (skip, with a message) when SQLCipher 4's source cannot be fetched.
set -euo pipefail
src=$1
cli3=$2
work=$3
mkdir -p "$work"

status=0
bash "$src/tests/slow/build-sqlcipher4.sh" "$work/sqlcipher4" || status=$?
if [ "$status" -eq 77 ]; then
  echo "SKIP: SQLCipher 4 could not be fetched from the npm registry; the cross-version test did not run"
  exit 77
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

builddir="$work/build-sqlcipher4"
if [ ! -f "$builddir/build.ninja" ]; then
  PKG_CONFIG_PATH="$work/sqlcipher4/lib/pkgconfig" meson setup "$builddir" "$src" -Dgui=false >/dev/null
fi
ninja -C "$builddir" src/cli/cpe-vault-cli >/dev/null
cli4="$builddir/src/cli/cpe-vault-cli"

"$cli3" --version | grep -q "SQLCipher 3" || { echo "FAIL: $cli3 is not linked with SQLCipher 3"; exit 1; }
"$cli4" --version | grep -q "SQLCipher 4" || { echo "FAIL: $cli4 is not linked with SQLCipher 4"; exit 1; }
echo "ok: $("$cli3" --version) / $("$cli4" --version)"

export CPE_VAULT_PASSPHRASE="cross version passphrase"
cases="$work/cases"
rm -rf "$cases"
mkdir -p "$cases"
vault="$cases/vault.cpv"
head -c 3000000 /dev/urandom > "$cases/certificate.bin"

fail () { echo "FAIL: $*"; exit 1; }

# 1. A vault written by SQLCipher 3, with records and evidence.
"$cli3" --vault "$vault" init >/dev/null
cred=$("$cli3" --vault "$vault" credential add --program isc2 --code CISSP \
         --cycle-start 2024-07-01 --cycle-end 2027-06-30)
act=$("$cli3" --vault "$vault" activity add --title "Cross-version webinar" \
        --category isc2.education.course --start 2025-03-01 --end 2025-03-01 --credits 1.5 \
        --group "$cred=A")
ev=$("$cli3" --vault "$vault" evidence add "$act" "$cases/certificate.bin" --kind certificate)
[ "$(head -c 4 "$vault")" = "CPV3" ] || fail "a SQLCipher 3 vault starts with CPV3"
before=$("$cli3" --vault "$vault" activity list)

# 2. SQLCipher 4 opens it as it is.
[ "$("$cli4" --vault "$vault" activity list)" = "$before" ] || fail "SQLCipher 4 reads the SQLCipher 3 vault"
echo "ok: SQLCipher 4 opens a SQLCipher 3 vault"

# 3. Conversion, verified, with a backup.
out=$("$cli4" --vault "$vault" convert-format)
echo "$out" | grep -q "Converted" || fail "convert-format reports the conversion: $out"
[ -f "$vault.sqlcipher3-backup" ] || fail "the old file is kept as a backup"
[ "$(head -c 4 "$vault")" = "CPV4" ] || fail "the converted vault starts with CPV4"
[ "$(head -c 4 "$vault.sqlcipher3-backup")" = "CPV3" ] || fail "the backup is the SQLCipher 3 file"
[ "$("$cli4" --vault "$vault" activity list)" = "$before" ] || fail "the converted vault holds the same activities"
"$cli4" --vault "$vault" evidence extract "$ev" --out "$cases/extracted.bin" >/dev/null
cmp -s "$cases/certificate.bin" "$cases/extracted.bin" || fail "evidence bytes survive the conversion"
[ "$("$cli4" --vault "$vault" check)" = "ok" ] || fail "the converted vault passes the integrity check"
"$cli4" --vault "$vault" convert-format | grep -q "already" || fail "a second conversion does nothing"
echo "ok: 3 -> 4 conversion verified, backup kept"

# 4. SQLCipher 3 refuses the SQLCipher 4 file with the clear error, and still opens the backup.
set +e
msg=$("$cli3" --vault "$vault" activity list 2>&1)
code=$?
set -e
[ "$code" -eq 1 ] || fail "SQLCipher 3 exits 1 on a SQLCipher 4 vault (got $code)"
echo "$msg" | grep -q "newer encryption format" || fail "the refusal names the newer format: $msg"
[ "$("$cli3" --vault "$vault.sqlcipher3-backup" activity list)" = "$before" ] || fail "the backup still opens with SQLCipher 3"
echo "ok: 4 -> 3 refused: $msg"

# 5. A vault created by SQLCipher 4 is refused by SQLCipher 3 too.
"$cli4" --vault "$cases/new4.cpv" init >/dev/null
set +e
msg=$("$cli3" --vault "$cases/new4.cpv" credential list 2>&1)
code=$?
set -e
[ "$code" -eq 1 ] && echo "$msg" | grep -q "newer encryption format" || fail "SQLCipher 3 refuses a new SQLCipher 4 vault: $msg"
echo "ok: a new SQLCipher 4 vault is refused by SQLCipher 3"
echo "5 passed, 0 failed"
