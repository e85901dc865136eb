/* bench-records-pack.c — pack export throughput as a ratio to `bsdtar --format zip` of the
 * same plaintext files in the same run
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cpv-evidence.h"
#include "cpv-pack.h"
#include "cpv-records.h"
#include "cpv-test-util.h"

#define ITEM_SIZE ((goffset) 32 * 1024 * 1024)
#define N_ITEMS 6

static void
bench_pack (CpvTestVault  *fixture,
            gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "pack.zip", NULL);
  g_autofree char *plain_dir = g_build_filename (fixture->dir, "plain", NULL);
  g_autofree char *plain_zip = g_build_filename (fixture->dir, "plain.zip", NULL);
  const char *bsdtar[] = { "bsdtar", "--format", "zip", "-cf", plain_zip, "-C", plain_dir, ".",
                           NULL };
  CpvPackOptions options = { 0, };
  double pack_seconds, bsdtar_seconds, megabytes = N_ITEMS * ITEM_SIZE / 1048576.0;
  int status;

  credential->program = g_strdup ("isc2");
  credential->code = g_strdup ("CISSP");
  credential->cycle_start = g_strdup ("2023-04-01");
  credential->cycle_end = g_strdup ("2026-03-31");
  options.credential_id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  activity->title = g_strdup ("Benchmark");
  activity->category = g_strdup ("isc2.education.course");
  activity->start_date = g_strdup ("2024-01-01");
  activity->end_date = g_strdup ("2024-01-01");
  activity->credits = 1;
  cpv_activity_add_credit_line (activity, options.credential_id, 'A');
  activity->id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(GInputStream) stream = cpv_test_pattern_stream_new (ITEM_SIZE, 500 + i);
      g_autofree char *name = g_strdup_printf ("item-%u.bin", i);
      CpvEvidenceMeta meta = { "attendance", NULL, FALSE, NULL, name };
      g_autoptr(CpvEvidence) item = cpv_vault_attach_evidence (vault, activity->id, stream, &meta,
                                                               NULL, NULL, &error);

      g_assert_no_error (error);
    }

  /* The same bytes as plain files (synthetic data, not user data) for bsdtar. */
  g_assert_cmpint (g_mkdir (plain_dir, 0700), ==, 0);
  evidence = cpv_vault_list_evidence (vault, activity->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < evidence->len; i++)
    {
      CpvEvidence *item = evidence->pdata[i];
      g_autofree char *path = g_build_filename (plain_dir, item->file_name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GInputStream) in = cpv_vault_open_evidence (vault, item->id, &error);
      g_autoptr(GFileOutputStream) out_stream = g_file_create (file, 0, NULL, &error);

      g_assert_no_error (error);
      g_output_stream_splice (G_OUTPUT_STREAM (out_stream), in,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
      g_assert_no_error (error);
    }

  g_test_timer_start ();
  result = cpv_vault_write_pack (vault, NULL, &options, out, NULL, &error);
  pack_seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);

  g_test_timer_start ();
  g_spawn_sync (NULL, (char **) bsdtar, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  bsdtar_seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_test_minimized_result (pack_seconds, "pack export: %.1f MB/s", megabytes / pack_seconds);
  g_test_message ("bsdtar --format zip: %.1f MB/s", megabytes / bsdtar_seconds);
  g_test_message ("pack throughput ratio to bsdtar --format zip: %.2f (pack %.2f s, bsdtar %.2f s, "
           "%.0f MB)\n", bsdtar_seconds / pack_seconds, pack_seconds, bsdtar_seconds, megabytes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/records/bench/pack-vs-bsdtar", CpvTestVault, NULL, cpv_test_vault_setup,
              bench_pack, cpv_test_vault_teardown);
  return g_test_run ();
}
