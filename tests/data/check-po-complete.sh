#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every translatable string of the sources (po/POTFILES.in, extracted the way meson's 'glib'
# gettext preset does) has a Japanese translation in po/ja.po that is neither missing, empty nor
# fuzzy. The template goes to a temporary file; the source tree is not written.
# Usage: check-po-complete.sh SOURCE_ROOT
set -eu
root=${1:?usage: check-po-complete.sh SOURCE_ROOT}
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
xgettext --package-name=cpe-vault --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  -D "$root" -f "$root/po/POTFILES.in" -o "$pot"
# msgcmp fails on every message of the template that ja.po lacks or leaves untranslated;
# translations no source uses any more are only warned about.
if ! msgcmp "$root/po/ja.po" "$pot" 2>&1 | grep -v 'warning: this message is not used' >&2; then
  echo "po/ja.po translates every string of the sources"
  exit 0
fi
echo "po/ja.po lacks the translations above (msgid in the template, none in ja.po)" >&2
exit 1
