/* test-records-pack.c — evidence packs: unpacked with bsdtar and 7z, AES-256, the summary PDF,
 * TLP:RED and secret exclusion (COUNCIL-TLP-1), names (COUNCIL-NAME-1), verification
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "cpv-audit.h"
#include "cpv-pack.h"
#include "cpv-program.h"
#include "cpv-test-pack.h"
#include "records-test-util.h"

typedef struct
{
  CpvTestVault        base;
  CpvProgramRegistry *registry;
  gint64              cissp;
  gint64              alpha;
  gint64              beta;
  gint64              big_id;
  gint64              red_id;
  gint64              secret_id;
  char               *out;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  CpvVault *vault;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) big = cpv_test_pattern_stream_new (700 * 1024, 11);
  CpvEvidenceMeta big_meta = { "certificate", "green", FALSE, "en", "Alpha certificate.pdf" };
  g_autoptr(CpvEvidence) big_evidence = NULL;
  g_autoptr(CpvEvidence) note = NULL;
  g_autoptr(CpvEvidence) note2 = NULL;
  g_autoptr(CpvEvidence) red = NULL;
  g_autoptr(CpvEvidence) secret = NULL;
  g_autoptr(CpvActivity) alpha = NULL;

  cpv_test_vault_setup (&fixture->base, user_data);
  vault = fixture->base.vault;
  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  fixture->cissp = add_credential (vault, "isc2", "CISSP", "2023-04-01", "2026-03-31");

  alpha = new_activity ("Alpha Seminar", "isc2.education.course", "2024-01-10", "2024-01-11", 8);
  alpha->provider = g_strdup ("Example: Training/Co");
  alpha->description = g_strdup ("=SUM(A1) looks like a formula, \"quoted\"");
  cpv_activity_add_credit_line (alpha, fixture->cissp, 'A');
  fixture->alpha = store_activity (vault, alpha);
  fixture->beta = add_activity (vault, "監査ベータ研修", "isc2.education.course", "2024-02-01",
                                "2024-02-01", fixture->cissp);

  big_evidence = cpv_vault_attach_evidence (vault, fixture->alpha, big, &big_meta, NULL, NULL,
                                            &error);
  g_assert_no_error (error);
  fixture->big_id = big_evidence->id;
  /* Two notes of the same activity and kind: their names must still differ. */
  note = attach_text (vault, fixture->alpha, "first notes", "notes.txt", "notes", NULL, FALSE);
  note2 = attach_text (vault, fixture->alpha, "second notes", "notes.txt", "notes", NULL, FALSE);
  red = attach_text (vault, fixture->beta, "RED-MARKER-CONTENT", "red.txt", "minutes", "red",
                     FALSE);
  fixture->red_id = red->id;
  secret = attach_text (vault, fixture->beta, "SECRET-MARKER-CONTENT", "secret.txt", "report",
                        "amber", TRUE);
  fixture->secret_id = secret->id;
  /* Evidence of both activities: one file in the pack, listed for both. */
  cpv_vault_link_evidence (vault, fixture->beta, note->id, &error);
  g_assert_no_error (error);

  fixture->out = g_build_filename (fixture->base.dir, "pack.zip", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->registry);
  g_clear_pointer (&fixture->out, g_free);
  cpv_test_vault_teardown (&fixture->base, user_data);
}

static CpvPackResult *
write_pack (Fixture        *fixture,
            CpvPackOptions *options)
{
  return cpv_test_write_pack (fixture->base.vault, fixture->registry, options, fixture->out);
}

static xmlDocPtr
read_manifest (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "manifest.xml", NULL);
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

/* Every file of the manifest exists in @dir with its size and SHA-256; evidence files hold
 * exactly the vault's bytes. Returns the number of evidence files. */
static guint
check_unpacked (Fixture    *fixture,
                const char *dir)
{
  xmlDocPtr doc = read_manifest (dir);
  guint n_evidence = 0;

  cpv_test_pack_check_manifest (dir);
  for (xmlNodePtr node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, BAD_CAST "file"))
        continue;
      if (cpv_test_pack_check_file (fixture->base.vault, dir, node) != 0)
        n_evidence++;
    }
  xmlFreeDoc (doc);
  return n_evidence;
}

static char *
unpack_dir (Fixture    *fixture,
            const char *name)
{
  return cpv_test_unpack_dir (fixture->base.dir, name);
}

static void
test_bsdtar_and_7z (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *bsdtar_dir = unpack_dir (fixture, "bsdtar");
  g_autofree char *sevenz_dir = unpack_dir (fixture, "7z");
  g_autofree char *output_option = g_strconcat ("-o", sevenz_dir, NULL);
  g_autofree char *listing = NULL;
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", bsdtar_dir, NULL };
  const char *sevenz[] = { "7z", "x", "-y", output_option, fixture->out, NULL };
  const char *list[] = { "bsdtar", "-tf", fixture->out, NULL };

  options.credential_id = fixture->cissp;
  options.names = CPV_PACK_NAMES_ASCII;
  options.date = day_of ("2025-03-04");
  result = write_pack (fixture, &options);
  g_assert_null (result->passphrase);
  g_assert_cmpuint (result->n_evidence, ==, 3);
  g_assert_cmpuint (result->n_excluded, ==, 2);
  g_assert_cmpuint (result->n_files, ==, 6);

  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  g_assert_cmpuint (check_unpacked (fixture, bsdtar_dir), ==, 3);
  g_assert_cmpint (cpv_test_run_tool (sevenz, NULL), ==, 0);
  g_assert_cmpuint (check_unpacked (fixture, sevenz_dir), ==, 3);

  /* ASCII names: the date, the activity, unique although both notes are "notes.txt". */
  g_assert_cmpint (cpv_test_run_tool (list, &listing), ==, 0);
  g_assert_nonnull (strstr (listing, "evidence/250304_a1_Alpha-Seminar_certificate.pdf\n"));
  g_assert_nonnull (strstr (listing, "evidence/250304_a1_Alpha-Seminar_notes.txt\n"));
  g_assert_nonnull (strstr (listing, "evidence/250304_a1_Alpha-Seminar_notes-2.txt\n"));
  for (const char *p = listing; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
}

static void
test_council_names (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *listing = NULL;
  const char *list[] = { "bsdtar", "-tf", fixture->out, NULL };
  g_autofree char *reserved = cpv_pack_safe_component ("con.txt", FALSE, 100);
  g_autofree char *unsafe = cpv_pack_safe_component (" ..a<b>:c\"d|e?f*g\\h/i. ", FALSE, 100);
  g_autofree char *ascii = cpv_pack_safe_component ("Café 監査", TRUE, 100);

  options.credential_id = fixture->cissp;
  options.names = CPV_PACK_NAMES_COUNCIL;
  options.date = day_of ("2020-12-01");
  options.organisation = "〇〇株式会社";
  options.include_evidence = &fixture->red_id;
  options.n_include_evidence = 1;
  result = write_pack (fixture, &options);
  g_assert_cmpuint (result->n_evidence, ==, 4);

  g_assert_cmpint (cpv_test_run_tool (list, &listing), ==, 0);
  /* COUNCIL-NAME-1: yymmdd_<document name>（<organisation>） */
  g_assert_nonnull (strstr (listing, "evidence/201201_Alpha Seminar certificate（〇〇株式会社）.pdf\n"));
  g_assert_nonnull (strstr (listing, "evidence/201201_監査ベータ研修 minutes（〇〇株式会社）.txt\n"));

  g_assert_cmpstr (reserved, ==, "_con.txt");
  g_assert_cmpstr (unsafe, ==, "a_b_c_d_e_f_g_h_i");
  g_assert_cmpstr (ascii, ==, "Cafe");
}

static gboolean
zip_lists (const char *zip,
           const char *needle)
{
  g_autofree char *listing = NULL;
  const char *list[] = { "bsdtar", "-tf", zip, NULL };

  g_assert_cmpint (cpv_test_run_tool (list, &listing), ==, 0);
  return strstr (listing, needle) != NULL;
}

static void
test_red_and_secret_left_out (Fixture       *fixture,
                              gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *dir = unpack_dir (fixture, "x");
  g_autofree char *manifest = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *csv_path = NULL;
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };
  gint64 both[2];

  options.credential_id = fixture->cissp;
  options.names = CPV_PACK_NAMES_ASCII;
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  g_assert_false (cpv_test_tree_contains (dir, "RED-MARKER-CONTENT"));
  g_assert_false (cpv_test_tree_contains (dir, "SECRET-MARKER-CONTENT"));
  g_assert_false (zip_lists (fixture->out, "_minutes"));
  g_assert_false (zip_lists (fixture->out, "_report"));

  manifest_path = g_build_filename (dir, "manifest.xml", NULL);
  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "reason=\"TLP:RED\""));
  g_assert_nonnull (strstr (manifest, "reason=\"secret\""));
  csv_path = g_build_filename (dir, "activities.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  /* A cell that a spreadsheet would run as a formula is kept as text; quotes are doubled. */
  g_assert_nonnull (strstr (csv, "\"'=SUM(A1) looks like a formula, \"\"quoted\"\"\""));

  /* Included one by one, they go in. */
  g_clear_pointer (&result, cpv_pack_result_free);
  both[0] = fixture->red_id;
  both[1] = fixture->secret_id;
  options.include_evidence = both;
  options.n_include_evidence = 2;
  result = write_pack (fixture, &options);
  g_assert_cmpuint (result->n_excluded, ==, 0);
  g_assert_true (zip_lists (fixture->out, "_minutes"));
  g_assert_true (zip_lists (fixture->out, "_report"));
}

static void
test_unknown_include_writes_nothing (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 missing = 9999;
  CpvPackResult *result;

  options.credential_id = fixture->cissp;
  options.include_evidence = &missing;
  options.n_include_evidence = 1;
  result = cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options, fixture->out,
                                 NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
}

static void
test_encrypted (Fixture       *fixture,
                gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good_dir = unpack_dir (fixture, "good");
  g_autofree char *bad_dir = unpack_dir (fixture, "bad");
  g_autofree char *good_output = g_strconcat ("-o", good_dir, NULL);
  g_autofree char *bad_output = g_strconcat ("-o", bad_dir, NULL);
  g_autofree char *good_password = NULL;
  g_autofree char *listing = NULL;

  options.credential_id = fixture->cissp;
  options.encrypt = TRUE;
  result = write_pack (fixture, &options);
  g_assert_nonnull (result->passphrase);
  g_assert_cmpuint (strlen (result->passphrase), ==, 29);
  g_assert_nonnull (strstr (cpv_pack_submit_advice (), "COUNCIL-SUBMIT-1"));
  good_password = g_strconcat ("-p", result->passphrase, NULL);

  {
    const char *sevenz_good[] = { "7z", "x", "-y", good_password, good_output, fixture->out, NULL };
    const char *sevenz_bad[] = { "7z", "x", "-y", "-pnot-the-passphrase", bad_output,
                                 fixture->out, NULL };
    const char *sevenz_list[] = { "7z", "l", "-slt", "-p", fixture->out, NULL };

    g_assert_cmpint (cpv_test_run_tool (sevenz_good, NULL), ==, 0);
    g_assert_cmpuint (check_unpacked (fixture, good_dir), ==, 3);
    g_assert_cmpint (cpv_test_run_tool (sevenz_bad, NULL), !=, 0);
    g_assert_false (cpv_test_tree_contains (bad_dir, "first notes"));
    g_assert_cmpint (cpv_test_run_tool (sevenz_list, &listing), ==, 0);
    g_assert_nonnull (strstr (listing, "AES-256"));
  }

  /* The passphrase is nowhere in the vault file. */
  g_assert_false (cpv_test_tree_contains (fixture->base.dir, result->passphrase));

  verification = cpv_pack_verify (fixture->out, result->passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->encrypted);
  g_assert_cmpuint (verification->problems->len, ==, 0);
  g_assert_cmpuint (verification->n_verified, ==, 5);
  g_clear_pointer (&verification, cpv_pack_verification_free);

  verification = cpv_pack_verify (fixture->out, NULL, NULL, &error);
  g_assert_null (verification);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE);
  g_clear_error (&error);
  verification = cpv_pack_verify (fixture->out, "wrong-passphrase", NULL, &error);
  g_assert_null (verification);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE);
}

static void
test_summary_pdf (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *dir = unpack_dir (fixture, "pdf");
  g_autofree char *pdf = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CpvEvidence) big = cpv_vault_get_evidence (fixture->base.vault, fixture->big_id,
                                                       NULL);
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  options.credential_id = fixture->cissp;
  options.member = "Taro Yamada";
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  g_assert_cmpint (cpv_test_run_tool (pdftotext, &text), ==, 0);
  g_assert_nonnull (strstr (text, "Alpha Seminar"));
  g_assert_nonnull (strstr (text, "監査ベータ研修"));
  g_assert_nonnull (strstr (text, "Taro Yamada"));
  g_assert_nonnull (strstr (text, "CISSP"));
  g_assert_nonnull (strstr (text, big->sha256));
  g_assert_nonnull (strstr (text, "left out: TLP:RED"));
}

static void
test_verify_detects_change (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(CpvPackVerification) good = NULL;
  g_autoptr(CpvPackVerification) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = unpack_dir (fixture, "tamper");
  g_autofree char *changed = g_build_filename (fixture->base.dir, "changed.zip", NULL);
  g_autofree char *victim = g_build_filename (dir, "evidence",
                                              "250304_a1_Alpha-Seminar_notes.txt", NULL);
  const char *extract[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };
  const char *repack[] = { "bsdtar", "--format", "zip", "-cf", changed, "-C", dir, ".", NULL };

  options.credential_id = fixture->cissp;
  options.names = CPV_PACK_NAMES_ASCII;
  options.date = day_of ("2025-03-04");
  result = write_pack (fixture, &options);
  good = cpv_pack_verify (fixture->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (good->encrypted);
  g_assert_cmpuint (good->problems->len, ==, 0);
  g_assert_cmpuint (good->n_verified, ==, good->n_files);

  g_assert_cmpint (cpv_test_run_tool (extract, NULL), ==, 0);
  g_assert_true (g_file_set_contents (victim, "first notez", -1, NULL));
  g_assert_cmpint (cpv_test_run_tool (repack, NULL), ==, 0);
  bad = cpv_pack_verify (changed, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->problems->len, >=, 1);
  g_assert_cmpuint (bad->n_verified, ==, bad->n_files - 1);
}

static void
test_audit_pack (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CpvPackOptions options = { 0, };
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autoptr(GError) error = NULL;

  request->credential_id = fixture->cissp;
  request->received = day_of ("2025-01-10");
  cpv_audit_request_add_activity (request, fixture->beta);
  options.audit_id = cpv_vault_add_audit (fixture->base.vault, request, &error);
  g_assert_no_error (error);
  options.names = CPV_PACK_NAMES_ASCII;
  result = write_pack (fixture, &options);
  /* Only the selected activity's evidence: the shared notes; RED and secret left out. */
  g_assert_cmpuint (result->n_evidence, ==, 1);
  g_assert_cmpuint (result->n_excluded, ==, 2);
  g_assert_true (zip_lists (fixture->out, "_a2_notes.txt"));
  g_assert_false (zip_lists (fixture->out, "_certificate"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/records/pack/bsdtar-and-7z", test_bsdtar_and_7z);
  ADD ("/records/pack/COUNCIL-NAME-1/names", test_council_names);
  ADD ("/records/pack/COUNCIL-TLP-1/red-and-secret-left-out", test_red_and_secret_left_out);
  ADD ("/records/pack/unknown-include-writes-nothing", test_unknown_include_writes_nothing);
  ADD ("/records/pack/COUNCIL-SUBMIT-1/encrypted", test_encrypted);
  ADD ("/records/pack/summary-pdf", test_summary_pdf);
  ADD ("/records/pack/verify-detects-change", test_verify_detects_change);
  ADD ("/records/pack/ISC2-AUDIT-1/audit-pack", test_audit_pack);
#undef ADD

  return g_test_run ();
}
