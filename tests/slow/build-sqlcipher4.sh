#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds SQLCipher 4 (the 4.5 amalgamation the npm registry carries as
# @commapp/sqlcipher-amalgamation) into PREFIX as a static library with a sqlcipher.pc, the way
# the Flatpak links it. Nothing of that source is committed: it is fetched into PREFIX.
# Exit 77 (meson's "skip") when the registry cannot be reached.
set -euo pipefail
prefix=${1:?usage: build-sqlcipher4.sh PREFIX}
version=4.5.5
mkdir -p "$prefix/src" "$prefix/lib/pkgconfig" "$prefix/include/sqlcipher"

if [ ! -f "$prefix/lib/libsqlcipher.a" ]; then
  cd "$prefix/src"
  if ! timeout 180 npm pack --silent "@commapp/sqlcipher-amalgamation@$version" >/dev/null 2>npm.log; then
    echo "SKIP: the npm registry could not be reached for SQLCipher $version:" >&2
    cat npm.log >&2
    exit 77
  fi
  tar xzf commapp-sqlcipher-amalgamation-$version.tgz
  cp package/src/sqlite3.h package/src/sqlite3ext.h "$prefix/include/sqlcipher/"
  cc -O2 -fPIC -c package/src/sqlite3.c -o sqlite3.o \
    -DSQLITE_HAS_CODEC -DSQLCIPHER_CRYPTO_OPENSSL -DSQLITE_TEMP_STORE=3 \
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
    -DSQLITE_SECURE_DELETE -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_MAX_VARIABLE_NUMBER=250000
  ar rcs "$prefix/lib/libsqlcipher.a" sqlite3.o
fi

cat > "$prefix/lib/pkgconfig/sqlcipher.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: SQLCipher
Description: SQLCipher $version (static, for the cross-version test)
Version: $version
Libs: -L\${libdir} -lsqlcipher -lcrypto -lpthread -ldl -lm
Cflags: -I\${includedir}/sqlcipher
PC
echo "SQLCipher $version in $prefix"
