#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on its own X server and session bus, so that tests never touch the desktop
# they are started from and can run in parallel. The display search starts at a number derived
# from the process id, so that tests started at the same moment do not race for the same one.
#
# G_DEBUG (fatal-warnings) is meant for the test alone: the session bus starts helpers (portals,
# the accessibility bus) that would otherwise inherit it and abort on their own warnings.
set -eu
test_g_debug="${G_DEBUG-}"
unset G_DEBUG
exec xvfb-run -a --server-num=$((100 + $$ % 500)) --server-args="-screen 0 1920x1080x24" \
  dbus-run-session -- env G_DEBUG="$test_g_debug" "$@"
