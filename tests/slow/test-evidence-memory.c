/* test-evidence-memory.c — attaching a large file keeps memory flat
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-evidence.h"
#include "cpv-test-util.h"

#define MiB (1024 * 1024)

static void
test_attach_200mb_peak (CpvTestVault  *fixture,
                        gconstpointer  user_data)
{
  const goffset size = 200 * MiB;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = cpv_test_pattern_stream_new (size, 2026);
  g_autoptr(GInputStream) out = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autofree char *expected = cpv_test_pattern_sha256 (size, 2026);
  g_autofree guint8 *buffer = g_malloc (MiB);
  goffset baseline, peak, read_total = 0;
  gssize n;

  if (g_getenv ("CPV_UNDER_VALGRIND") != NULL)
    {
      g_test_skip ("memory ceilings are measured without valgrind");
      return;
    }

  cpv_vault_set_evidence_size_limit (fixture->vault, 300 * MiB);
  cpv_test_reset_peak_rss ();
  baseline = cpv_test_peak_rss ();
  g_assert_cmpint (baseline, >, 0);

  evidence = cpv_vault_attach_evidence (fixture->vault, 0, in, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (evidence->sha256, ==, expected);

  peak = cpv_test_peak_rss ();
  g_test_message ("attach 200 MB: baseline %.1f MB, peak %.1f MB, growth %.1f MB",
                  baseline / (double) MiB, peak / (double) MiB, (peak - baseline) / (double) MiB);
  g_assert_cmpint (peak - baseline, <=, 32 * MiB);

  /* Reading it back is as flat. */
  out = cpv_vault_open_evidence (fixture->vault, evidence->id, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (out, buffer, MiB, NULL, &error)) > 0)
    read_total += n;
  g_assert_no_error (error);
  g_assert_cmpint (read_total, ==, size);
  peak = cpv_test_peak_rss ();
  g_test_message ("after read-back: peak growth %.1f MB", (peak - baseline) / (double) MiB);
  g_assert_cmpint (peak - baseline, <=, 32 * MiB);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/evidence/memory/attach-200mb-peak", CpvTestVault, NULL,
              cpv_test_vault_setup, test_attach_200mb_peak, cpv_test_vault_teardown);
  return g_test_run ();
}
