/* test-records-pack-memory.c — a 1 GB evidence pack keeps peak RSS growth under 64 MB
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-evidence.h"
#include "cpv-pack.h"
#include "cpv-records.h"
#include "cpv-test-util.h"

#define ITEM_SIZE ((goffset) 128 * 1024 * 1024)
#define N_ITEMS 8                                 /* 1 GiB in all */
#define MAX_GROWTH ((goffset) 64 * 1024 * 1024)

static void
test_one_gigabyte (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "big.zip", NULL);
  CpvPackOptions options = { 0, };
  goffset before, peak;

  credential->program = g_strdup ("isc2");
  credential->code = g_strdup ("CISSP");
  credential->cycle_start = g_strdup ("2023-04-01");
  credential->cycle_end = g_strdup ("2026-03-31");
  options.credential_id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  activity->title = g_strdup ("Large recordings");
  activity->category = g_strdup ("isc2.education.course");
  activity->start_date = g_strdup ("2024-01-01");
  activity->end_date = g_strdup ("2024-01-02");
  activity->credits = 8;
  cpv_activity_add_credit_line (activity, options.credential_id, 'A');
  activity->id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);

  /* A first, empty pack loads what every pack needs once: the CJK fonts the summary PDF is
   * set in (two 20 MB font files that cairo maps and reads to subset them), Pango, cairo and
   * libarchive. That fixed cost, about 70 MB of mostly file-backed pages, is reported but not
   * counted: the ceiling is about the pack's size, which must not make memory grow. */
  {
    g_autofree char *warm_out = g_build_filename (fixture->dir, "warm-up.zip", NULL);
    g_autoptr(CpvPackResult) warm = NULL;

    cpv_test_reset_peak_rss ();
    before = cpv_test_peak_rss ();
    warm = cpv_vault_write_pack (vault, NULL, &options, warm_out, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("first pack (fonts and libraries loaded): peak RSS grew by %"
                    G_GOFFSET_FORMAT " KiB", (cpv_test_peak_rss () - before) / 1024);
  }

  cpv_vault_set_evidence_size_limit (vault, 2 * ITEM_SIZE);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(GInputStream) stream = cpv_test_pattern_stream_new (ITEM_SIZE, 100 + i);
      g_autofree char *name = g_strdup_printf ("recording-%u.bin", i);
      CpvEvidenceMeta meta = { "attendance", NULL, FALSE, NULL, name };
      g_autoptr(CpvEvidence) evidence = cpv_vault_attach_evidence (vault, activity->id, stream,
                                                                   &meta, NULL, NULL, &error);

      g_assert_no_error (error);
    }

  cpv_test_reset_peak_rss ();
  before = cpv_test_peak_rss ();
  options.encrypt = TRUE;
  options.names = CPV_PACK_NAMES_ASCII;
  result = cpv_vault_write_pack (vault, NULL, &options, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->evidence_bytes, ==, N_ITEMS * ITEM_SIZE);
  peak = cpv_test_peak_rss ();
  g_test_message ("pack: peak RSS grew by %" G_GOFFSET_FORMAT " KiB", (peak - before) / 1024);
  g_assert_cmpint (peak - before, <, MAX_GROWTH);

  cpv_test_reset_peak_rss ();
  before = cpv_test_peak_rss ();
  verification = cpv_pack_verify (out, result->passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verification->problems->len, ==, 0);
  g_assert_cmpuint (verification->n_verified, ==, N_ITEMS + 2);
  peak = cpv_test_peak_rss ();
  g_test_message ("verify: peak RSS grew by %" G_GOFFSET_FORMAT " KiB", (peak - before) / 1024);
  g_assert_cmpint (peak - before, <, MAX_GROWTH);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/records/pack/memory/1-gigabyte", CpvTestVault, NULL, cpv_test_vault_setup,
              test_one_gigabyte, cpv_test_vault_teardown);
  return g_test_run ();
}
