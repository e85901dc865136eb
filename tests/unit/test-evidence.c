/* test-evidence.c — the evidence store: streaming, dedup, limits, read-back
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-test-util.h"

static gint64
add_activity (CpvVault   *vault,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvActivity) activity = cpv_activity_new ();

  activity->title = g_strdup (title);
  activity->category = g_strdup ("isc2.education.webinar");
  activity->start_date = g_strdup ("2025-06-01");
  activity->end_date = g_strdup ("2025-06-02");
  activity->credits = 3;
  g_assert_cmpint (cpv_vault_add_activity (vault, activity, &error), >, 0);
  g_assert_no_error (error);
  return activity->id;
}

static char *
stream_sha256 (GInputStream *stream,
               goffset      *out_size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  guint8 buffer[70000];   /* not a multiple of the chunk size, on purpose */
  gssize n;

  *out_size = 0;
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      *out_size += n;
    }
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_round_trip_50mb (CpvTestVault  *fixture,
                      gconstpointer  user_data)
{
  const goffset size = 50 * 1024 * 1024 + 12345;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = cpv_test_pattern_stream_new (size, 42);
  g_autoptr(GInputStream) out = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autofree char *expected = cpv_test_pattern_sha256 (size, 42);
  g_autofree char *read_back = NULL;
  gint64 activity_id = add_activity (fixture->vault, "Cloud security conference");
  CpvEvidenceMeta meta = { "certificate", "amber", TRUE, "ja", "修了証.pdf" };
  gboolean already = TRUE;
  goffset got_size;

  evidence = cpv_vault_attach_evidence (fixture->vault, activity_id, in, &meta, &already, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_false (already);
  g_assert_cmpint (evidence->size, ==, size);
  g_assert_cmpstr (evidence->sha256, ==, expected);
  g_assert_cmpstr (evidence->kind, ==, "certificate");
  g_assert_cmpstr (evidence->tlp, ==, "amber");
  g_assert_true (evidence->secret);
  g_assert_cmpstr (evidence->language, ==, "ja");
  g_assert_cmpstr (evidence->file_name, ==, "修了証.pdf");

  out = cpv_vault_open_evidence (fixture->vault, evidence->id, &error);
  g_assert_no_error (error);
  read_back = stream_sha256 (out, &got_size);
  g_assert_cmpint (got_size, ==, size);
  g_assert_cmpstr (read_back, ==, expected);
}

static void
test_bytes_and_media_type (CpvTestVault  *fixture,
                           gconstpointer  user_data)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (pdf, sizeof pdf - 1, NULL);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GBytes) bytes = NULL;
  /* A PDF named like a text file: the content decides. */
  CpvEvidenceMeta meta = { NULL, NULL, FALSE, NULL, "certificate.txt" };

  evidence = cpv_vault_attach_evidence (fixture->vault, 0, in, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (evidence->media_type, ==, "application/pdf");
  g_assert_cmpstr (evidence->kind, ==, "other");
  g_assert_cmpstr (evidence->tlp, ==, "clear");

  bytes = cpv_vault_load_evidence_bytes (fixture->vault, evidence->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), pdf, sizeof pdf - 1);
}

static void
test_dedup (CpvTestVault  *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 first_activity = add_activity (fixture->vault, "Webinar");
  gint64 second_activity = add_activity (fixture->vault, "Same webinar, other credential");
  g_autoptr(GInputStream) a = cpv_test_pattern_stream_new (3 * 1024 * 1024, 7);
  g_autoptr(GInputStream) b = cpv_test_pattern_stream_new (3 * 1024 * 1024, 7);
  g_autoptr(CpvEvidence) first = NULL;
  g_autoptr(CpvEvidence) second = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) of_second = NULL;
  g_autoptr(GArray) activities = NULL;
  gboolean already = TRUE;

  first = cpv_vault_attach_evidence (fixture->vault, first_activity, a, NULL, &already, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_false (already);
  second = cpv_vault_attach_evidence (fixture->vault, second_activity, b, NULL, &already, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_true (already);
  g_assert_cmpint (second->id, ==, first->id);

  all = cpv_vault_list_evidence (fixture->vault, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  of_second = cpv_vault_list_evidence (fixture->vault, second_activity, &error);
  g_assert_cmpuint (of_second->len, ==, 1);
  activities = cpv_vault_list_evidence_activities (fixture->vault, first->id, &error);
  g_assert_cmpuint (activities->len, ==, 2);

  /* Removing one activity keeps the item the other still uses; removing both drops it. */
  g_assert_true (cpv_vault_remove_activity (fixture->vault, first_activity, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = cpv_vault_list_evidence (fixture->vault, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (cpv_vault_remove_activity (fixture->vault, second_activity, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = cpv_vault_list_evidence (fixture->vault, 0, &error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_size_limit (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) big = cpv_test_pattern_stream_new (2 * 1024 * 1024 + 1, 3);
  g_autoptr(GInputStream) fits = cpv_test_pattern_stream_new (2 * 1024 * 1024, 3);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpint (cpv_vault_get_evidence_size_limit (fixture->vault), ==,
                   CPV_EVIDENCE_DEFAULT_SIZE_LIMIT);
  cpv_vault_set_evidence_size_limit (fixture->vault, 2 * 1024 * 1024);

  evidence = cpv_vault_attach_evidence (fixture->vault, 0, big, NULL, NULL, NULL, &error);
  g_assert_null (evidence);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_TOO_LARGE);
  all = cpv_vault_list_evidence (fixture->vault, 0, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_error (&error);

  evidence = cpv_vault_attach_evidence (fixture->vault, 0, fits, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (evidence->size, ==, 2 * 1024 * 1024);
}

static void
test_file_errors (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty.pdf", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GPtrArray) all = NULL;
  CpvEvidenceMeta bad_kind = { "diploma-ish", NULL, FALSE, NULL, NULL };
  CpvEvidenceMeta bad_tlp = { NULL, "purple", FALSE, NULL, NULL };
  CpvEvidenceMeta bad_language = { NULL, NULL, FALSE, "japanese!", NULL };

  g_file_set_contents (empty_path, "", 0, NULL);
  evidence = cpv_vault_attach_file (fixture->vault, 0, empty, NULL, NULL, NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_EMPTY);
  g_clear_error (&error);

  evidence = cpv_vault_attach_file (fixture->vault, 0, missing, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  evidence = cpv_vault_attach_file (fixture->vault, 0, dir, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_file_set_contents (empty_path, "not empty", -1, NULL);
  evidence = cpv_vault_attach_file (fixture->vault, 0, empty, &bad_kind, NULL, NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);
  g_clear_error (&error);
  evidence = cpv_vault_attach_file (fixture->vault, 0, empty, &bad_tlp, NULL, NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);
  g_clear_error (&error);
  evidence = cpv_vault_attach_file (fixture->vault, 0, empty, &bad_language, NULL, NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);
  g_clear_error (&error);
  evidence = cpv_vault_attach_file (fixture->vault, 999, empty, NULL, NULL, NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = cpv_vault_list_evidence (fixture->vault, 0, NULL);
  g_assert_cmpuint (all->len, ==, 0);

  evidence = cpv_vault_attach_file (fixture->vault, 0, empty, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (evidence->file_name, ==, "empty.pdf");
}

static void
test_cancel (CpvTestVault  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) in = cpv_test_pattern_stream_new (4 * 1024 * 1024, 9);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_cancellable_cancel (cancellable);
  evidence = cpv_vault_attach_evidence (fixture->vault, 0, in, NULL, NULL, cancellable, &error);
  g_assert_null (evidence);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_CANCELLED);
  all = cpv_vault_list_evidence (fixture->vault, 0, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_marks_and_translation (CpvTestVault  *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) ja = cpv_test_pattern_stream_new (1000, 11);
  g_autoptr(GInputStream) en = cpv_test_pattern_stream_new (1000, 12);
  g_autoptr(CpvEvidence) original = NULL;
  g_autoptr(CpvEvidence) translation = NULL;
  g_autoptr(CpvEvidence) got = NULL;
  CpvEvidenceMeta ja_meta = { "certificate", NULL, FALSE, "ja", "修了証.pdf" };
  CpvEvidenceMeta en_meta = { "translation", NULL, FALSE, "en", "certificate-en.pdf" };

  original = cpv_vault_attach_evidence (fixture->vault, 0, ja, &ja_meta, NULL, NULL, &error);
  translation = cpv_vault_attach_evidence (fixture->vault, 0, en, &en_meta, NULL, NULL, &error);
  g_assert_no_error (error);

  translation->translation_of = original->id;
  g_free (translation->tlp);
  translation->tlp = g_strdup ("amber+strict");
  g_assert_true (cpv_vault_update_evidence_marks (fixture->vault, translation, &error));
  got = cpv_vault_get_evidence (fixture->vault, translation->id, &error);
  g_assert_cmpint (got->translation_of, ==, original->id);
  g_assert_cmpstr (got->tlp, ==, "amber+strict");

  got->translation_of = got->id;
  g_assert_false (cpv_vault_update_evidence_marks (fixture->vault, got, &error));
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);
  g_clear_error (&error);

  /* Removing the original keeps the translation and clears its link. */
  g_assert_true (cpv_vault_remove_evidence (fixture->vault, original->id, &error));
  g_clear_object (&got);
  got = cpv_vault_get_evidence (fixture->vault, translation->id, &error);
  g_assert_cmpint (got->translation_of, ==, 0);
  g_assert_false (cpv_vault_remove_evidence (fixture->vault, original->id, &error));
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CpvTestVault, NULL, cpv_test_vault_setup, func, cpv_test_vault_teardown)

  ADD ("/evidence/round-trip-50mb", test_round_trip_50mb);
  ADD ("/evidence/bytes-and-media-type", test_bytes_and_media_type);
  ADD ("/evidence/dedup", test_dedup);
  ADD ("/evidence/size-limit", test_size_limit);
  ADD ("/evidence/file-errors", test_file_errors);
  ADD ("/evidence/cancel", test_cancel);
  ADD ("/evidence/marks-and-translation", test_marks_and_translation);

  return g_test_run ();
}
