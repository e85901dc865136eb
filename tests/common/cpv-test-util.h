/* cpv-test-util.h — fixtures shared by the test suites
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_TEST_PASSPHRASE "correct horse battery staple"

/* A fresh temporary directory per test, with a vault path inside it (not created). */
typedef struct
{
  char     *dir;
  char     *path;
  CpvVault *vault;   /* created by cpv_test_vault_setup, NULL for cpv_test_dir_setup */
} CpvTestVault;

void          cpv_test_dir_setup          (CpvTestVault  *fixture,
                                           gconstpointer  user_data);
void          cpv_test_vault_setup        (CpvTestVault  *fixture,
                                           gconstpointer  user_data);
void          cpv_test_vault_teardown     (CpvTestVault  *fixture,
                                           gconstpointer  user_data);

void          cpv_test_rm_rf              (const char    *path);
/* TRUE when any regular file below @dir contains @marker. */
gboolean      cpv_test_tree_contains      (const char    *dir,
                                           const char    *marker);

/* A stream of @size deterministic pseudo-random bytes (seeded), made on the fly. */
GInputStream *cpv_test_pattern_stream_new (goffset        size,
                                           guint32        seed);
char         *cpv_test_pattern_sha256     (goffset        size,
                                           guint32        seed);
/* Peak resident set (VmHWM) in bytes, from /proc/self/status. */
goffset       cpv_test_peak_rss           (void);
/* Resets the peak so that a test measures only its own work (Linux clear_refs). */
void          cpv_test_reset_peak_rss     (void);

G_END_DECLS
