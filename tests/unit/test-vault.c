/* test-vault.c — the encrypted vault: create, open, errors, migrations, passphrase, records
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-vault.h"
#include "cpv-vault-private.h"
#include "cpv-test-util.h"

static CpvVault *
reopen (CpvTestVault *fixture,
        const char   *passphrase,
        GError      **error)
{
  if (fixture->vault != NULL)
    {
      cpv_vault_close (fixture->vault);
      g_clear_object (&fixture->vault);
    }
  return cpv_vault_open (fixture->path, passphrase, error);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

static void
test_requires_sqlcipher (void)
{
  g_assert_nonnull (cpv_sqlcipher_version ());
  g_test_message ("SQLCipher %s, native profile %d", cpv_sqlcipher_version (),
                  cpv_sqlcipher_native_profile ());
}

static void
test_create_open_close (CpvTestVault  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *partial = g_strconcat (fixture->path, ".partial", NULL);
  guint8 head[4];
  FILE *file;

  g_assert_true (cpv_vault_is_open (fixture->vault));
  g_assert_cmpint (cpv_vault_get_schema_version (fixture->vault), ==,
                   cpv_vault_current_schema_version ());
  g_assert_cmpint (cpv_vault_get_cipher_profile (fixture->vault), ==,
                   cpv_sqlcipher_native_profile ());
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  cpv_vault_close (fixture->vault);
  g_assert_false (cpv_vault_is_open (fixture->vault));
  cpv_vault_close (fixture->vault);   /* twice is harmless */

  /* The format marker: "CPV" and the profile digit open the file. */
  file = g_fopen (fixture->path, "rb");
  g_assert_nonnull (file);
  g_assert_cmpuint (fread (head, 1, 4, file), ==, 4);
  fclose (file);
  g_assert_cmpmem (head, 3, "CPV", 3);
  g_assert_cmpint (head[3], ==, '0' + cpv_sqlcipher_native_profile ());

  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (cpv_vault_check_integrity (vault, &error));
  g_assert_no_error (error);
}

static void
test_closed_vault_refuses (CpvTestVault  *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  cpv_vault_close (fixture->vault);
  list = cpv_vault_list_activities (fixture->vault, &error);
  g_assert_null (list);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED);
}

static void
test_create_refuses_existing (CpvTestVault  *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) again = cpv_vault_create (fixture->path, CPV_TEST_PASSPHRASE, &error);

  g_assert_null (again);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_EXISTS);
}

static void
test_create_weak_passphrase (CpvTestVault  *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = cpv_vault_create (fixture->path, "short", &error);

  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_passphrase_strength (void)
{
  g_assert_cmpint (cpv_passphrase_strength (""), ==, CPV_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (cpv_passphrase_strength ("abcdefghi"), ==, CPV_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (cpv_passphrase_strength ("abcdefghij"), ==, CPV_PASSPHRASE_WEAK);
  g_assert_cmpint (cpv_passphrase_strength ("abcdefghijkl"), ==, CPV_PASSPHRASE_FAIR);
  g_assert_cmpint (cpv_passphrase_strength ("Abcdefgh1jklm!"), ==, CPV_PASSPHRASE_STRONG);
  g_assert_cmpint (cpv_passphrase_strength ("correct horse battery staple"), ==,
                   CPV_PASSPHRASE_STRONG);
  /* Characters, not bytes: ten kanji are long enough. */
  g_assert_cmpint (cpv_passphrase_strength ("情報セキュリティ監査員"), !=,
                   CPV_PASSPHRASE_TOO_SHORT);
}

static void
test_wrong_passphrase (CpvTestVault  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = reopen (fixture, "not the passphrase", &error);

  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "Wrong passphrase"));
}

static void
test_not_found (CpvTestVault  *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.cpv", NULL);
  g_autoptr(CpvVault) vault = cpv_vault_open (missing, CPV_TEST_PASSPHRASE, &error);

  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND);
}

static void
test_random_file (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  guint8 data[8192];

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = g_test_rand_int_range (0, 256);
  data[0] = 'Q';   /* never the vault marker by chance */
  write_file (fixture->path, data, sizeof data);

  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT);
}

static void
test_empty_file (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  GStatBuf st;

  write_file (fixture->path, (const guint8 *) "", 0);
  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT);
  /* SQLite would happily turn an empty file into a database: it must stay empty. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
}

static void
test_plain_sqlite (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  guint8 data[4096] = "SQLite format 3";

  write_file (fixture->path, data, sizeof data);
  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT);
  g_assert_nonnull (strstr (error->message, "unencrypted"));
}

static void
test_newer_cipher (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  guint8 data[8192];

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = g_test_rand_int_range (0, 256);
  memcpy (data, "CPV9", 4);   /* a profile no build reads yet */
  write_file (fixture->path, data, sizeof data);

  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NEWER_CIPHER);

  if (cpv_sqlcipher_native_profile () == CPV_CIPHER_PROFILE_V3)
    {
      g_clear_error (&error);
      memcpy (data, "CPV4", 4);
      write_file (fixture->path, data, sizeof data);
      vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
      g_assert_null (vault);
      g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NEWER_CIPHER);
    }
}

static void
fill_some_records (CpvVault *vault)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(CpvActivity) activity = cpv_activity_new ();

      activity->title = g_strdup_printf ("Webinar %d on cloud security architecture", i);
      activity->category = g_strdup ("isc2.education.webinar");
      activity->start_date = g_strdup ("2025-01-10");
      activity->end_date = g_strdup ("2025-01-10");
      activity->credits = 1;
      activity->description = g_strnfill (600, 'x');
      g_assert_cmpint (cpv_vault_add_activity (vault, activity, &error), >, 0);
      g_assert_no_error (error);
    }
}

static void
test_truncated (CpvTestVault  *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fill_some_records (fixture->vault);
  cpv_vault_close (fixture->vault);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);

  /* Cut mid-page, then on a page boundary. */
  write_file (fixture->path, (const guint8 *) contents, length / 2 + 100);
  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED);
  g_clear_error (&error);

  write_file (fixture->path, (const guint8 *) contents, (length / 2) & ~(gsize) 4095);
  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED);
}

static void
test_flipped_byte (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint pages;

  fill_some_records (fixture->vault);
  cpv_vault_close (fixture->vault);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  pages = length / 4096;
  g_assert_cmpuint (pages, >, 4);

  /* Every page but the first (whose damage is indistinguishable from a wrong key): flip one
   * byte inside it; the vault must either refuse to open as damaged, or open and fail its
   * integrity check as damaged — never crash, never pass. */
  for (guint page = 1; page < pages; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvVault) vault = NULL;
      /* SQLCipher 3 pages end in 12 bytes of padding after the IV and the HMAC, which no
       * check covers and no data lives in; every other byte is covered by the page's HMAC. */
      int covered = cpv_sqlcipher_native_profile () == CPV_CIPHER_PROFILE_V3 ? 4096 - 12 : 4096;
      gsize offset = page * 4096 + g_test_rand_int_range (0, covered);

      contents[offset] ^= 0x01;
      write_file (fixture->path, (const guint8 *) contents, length);
      contents[offset] ^= 0x01;

      vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
      if (vault != NULL)
        {
          g_assert_no_error (error);
          g_assert_false (cpv_vault_check_integrity (vault, &error));
        }
      g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED);
    }
}

static void
test_change_passphrase (CpvTestVault  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  const char *new_passphrase = "a brand new passphrase 2026";

  fill_some_records (fixture->vault);

  g_assert_false (cpv_vault_change_passphrase (fixture->vault, "wrong old one!!", new_passphrase,
                                               &error));
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  g_assert_false (cpv_vault_change_passphrase (fixture->vault, CPV_TEST_PASSPHRASE, "short",
                                               &error));
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  g_assert_true (cpv_vault_change_passphrase (fixture->vault, CPV_TEST_PASSPHRASE,
                                              new_passphrase, &error));
  g_assert_no_error (error);

  vault = reopen (fixture, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  vault = cpv_vault_open (fixture->path, new_passphrase, &error);
  g_assert_no_error (error);
  activities = cpv_vault_list_activities (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 200);
  g_assert_true (cpv_vault_check_integrity (vault, &error));
  g_assert_no_error (error);
}

static gboolean
table_exists (CpvVault   *vault,
              const char *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  g_assert_nonnull (_cpv_vault_lock (vault, NULL));
  stmt = _cpv_vault_prepare (vault, "SELECT 1 FROM sqlite_master WHERE name = ?", NULL);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _cpv_vault_unlock (vault);
  return found;
}

static void
test_migration_from_older (CpvTestVault  *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  GString *drop = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Bring the file back to an empty format-0 database, as a vault made before any
   * migration would be, and let opening migrate it through every step. */
  g_assert_nonnull (_cpv_vault_lock (fixture->vault, NULL));
  stmt = _cpv_vault_prepare (fixture->vault,
                             "SELECT name FROM sqlite_master WHERE type = 'table'", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (drop, "DROP TABLE IF EXISTS \"%s\";", sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_string_prepend (drop, "PRAGMA foreign_keys = OFF;");
  g_string_append (drop, "PRAGMA user_version = 0;");
  g_assert_true (_cpv_vault_exec (fixture->vault, drop->str, &error));
  g_assert_no_error (error);
  _cpv_vault_unlock (fixture->vault);
  g_string_free (drop, TRUE);
  g_assert_false (table_exists (fixture->vault, "activity"));

  vault = reopen (fixture, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cpv_vault_get_schema_version (vault), ==, cpv_vault_current_schema_version ());
  g_assert_true (table_exists (vault, "activity"));
  g_assert_true (table_exists (vault, "evidence_chunk"));
}

static void
test_migration_refuses_newer (CpvTestVault  *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;",
                                          cpv_vault_current_schema_version () + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  g_assert_nonnull (_cpv_vault_lock (fixture->vault, NULL));
  g_assert_true (_cpv_vault_exec (fixture->vault, sql, &error));
  _cpv_vault_unlock (fixture->vault);
  cpv_vault_close (fixture->vault);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  vault = reopen (fixture, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NEWER_SCHEMA);

  /* Never "upgraded down": the file is untouched. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
open_async_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_open_async (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CpvVault) vault = NULL;

  cpv_vault_close (fixture->vault);
  cpv_vault_open_async (fixture->path, "wrong passphrase!", NULL, open_async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  vault = cpv_vault_open_finish (result, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_clear_object (&result);

  cpv_vault_open_async (fixture->path, CPV_TEST_PASSPHRASE, NULL, open_async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  vault = cpv_vault_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (cpv_vault_is_open (vault));
}

static void
test_no_plaintext (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *content = NULL;
  /* Made at run time so that no file (this source, its binary) holds them beforehand. */
  g_autofree char *title_marker = g_strdup_printf ("TITLE-%08x-%08x", g_random_int (),
                                                   g_random_int ());
  g_autofree char *file_marker = g_strdup_printf ("FILE-%08x-%08x", g_random_int (),
                                                  g_random_int ());
  const char *tmpdir = g_get_tmp_dir ();

  activity->title = g_strdup_printf ("Talk %s", title_marker);
  activity->category = g_strdup ("isc2.education.webinar");
  activity->start_date = g_strdup ("2025-05-01");
  activity->end_date = g_strdup ("2025-05-01");
  activity->credits = 2;
  g_assert_cmpint (cpv_vault_add_activity (fixture->vault, activity, &error), >, 0);
  g_assert_no_error (error);

  content = g_strdup_printf ("%%PDF-1.4 certificate of attendance %s\n", file_marker);
  stream = g_memory_input_stream_new_from_data (content, strlen (content), NULL);
  evidence = cpv_vault_attach_evidence (fixture->vault, activity->id, stream, NULL, NULL, NULL,
                                        &error);
  g_assert_no_error (error);

  /* While open (WAL in use) and after closing. */
  g_assert_false (cpv_test_tree_contains (fixture->dir, title_marker));
  g_assert_false (cpv_test_tree_contains (fixture->dir, file_marker));
  cpv_vault_close (fixture->vault);
  g_assert_false (cpv_test_tree_contains (fixture->dir, title_marker));
  g_assert_false (cpv_test_tree_contains (fixture->dir, file_marker));
  if (g_strcmp0 (tmpdir, fixture->dir) != 0)
    {
      g_assert_false (cpv_test_tree_contains (tmpdir, title_marker));
      g_assert_false (cpv_test_tree_contains (tmpdir, file_marker));
    }
}

/* Records */

static CpvCredential *
make_credential (const char *code,
                 const char *start,
                 const char *end)
{
  CpvCredential *credential = cpv_credential_new ();

  credential->program = g_strdup ("isc2");
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup (start);
  credential->cycle_end = g_strdup (end);
  return credential;
}

static void
test_credentials (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvCredential) cissp = make_credential ("CISSP", "2024-07-01", "2027-06-30");
  g_autoptr(CpvCredential) ccsp = make_credential ("CCSP", "2025-01-01", "2027-12-31");
  g_autoptr(CpvCredential) got = NULL;
  g_autoptr(GPtrArray) list = NULL;

  cissp->member_since = g_strdup ("2018-07-01");
  g_assert_cmpint (cpv_vault_add_credential (fixture->vault, cissp, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cpv_vault_add_credential (fixture->vault, ccsp, &error), >, 0);

  got = cpv_vault_get_credential (fixture->vault, cissp->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->code, ==, "CISSP");
  g_assert_cmpstr (got->member_since, ==, "2018-07-01");
  g_assert_cmpstr (got->cycle_end, ==, "2027-06-30");

  g_free (ccsp->cycle_end);
  ccsp->cycle_end = g_strdup ("2028-01-31");
  g_assert_true (cpv_vault_update_credential (fixture->vault, ccsp, &error));
  list = cpv_vault_list_credentials (fixture->vault, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CpvCredential *) list->pdata[1])->cycle_end, ==, "2028-01-31");

  g_assert_true (cpv_vault_remove_credential (fixture->vault, cissp->id, &error));
  g_assert_false (cpv_vault_remove_credential (fixture->vault, cissp->id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

static void
test_credential_validation (CpvTestVault  *fixture,
                            gconstpointer  user_data)
{
  struct { const char *start, *end, *since; } bad[] = {
    { "2024-13-01", "2027-06-30", NULL },
    { "2024-02-30", "2027-06-30", NULL },
    { "24-07-01", "2027-06-30", NULL },
    { "2024-07-01", "2024-06-30", NULL },
    { "2024-07-01", "2027-06-30", "yesterday" },
    { NULL, "2027-06-30", NULL },
  };
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvCredential) credential = make_credential ("CISSP", bad[i].start, bad[i].end);

      credential->member_since = g_strdup (bad[i].since);
      g_assert_cmpint (cpv_vault_add_credential (fixture->vault, credential, &error), ==, 0);
      g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
    }
  list = cpv_vault_list_credentials (fixture->vault, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_activities (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvCredential) cissp = make_credential ("CISSP", "2024-07-01", "2027-06-30");
  g_autoptr(CpvCredential) ccsp = make_credential ("CCSP", "2025-01-01", "2027-12-31");
  g_autoptr(CpvActivity) book = cpv_activity_new ();
  g_autoptr(CpvActivity) got = NULL;
  g_autoptr(GPtrArray) list = NULL;

  cpv_vault_add_credential (fixture->vault, cissp, &error);
  cpv_vault_add_credential (fixture->vault, ccsp, &error);
  g_assert_no_error (error);

  book->title = g_strdup ("Security Engineering, 3rd ed.");
  book->category = g_strdup ("isc2.education.self-study-book");
  book->start_date = g_strdup ("2025-02-01");
  book->end_date = g_strdup ("2025-03-15");
  book->hours = 12.5;
  book->credits = 5;
  book->isbn = g_strdup ("978-1-119-64278-7");
  book->author = g_strdup ("Ross Anderson");
  book->description = g_strdup ("情報セキュリティの設計について学んだ。");
  cpv_activity_add_credit_line (book, cissp->id, 'A');
  cpv_activity_add_credit_line (book, ccsp->id, 'B');
  cpv_activity_add_credit_line (book, ccsp->id, 'A');   /* replaces the line above */
  g_assert_cmpint (cpv_vault_add_activity (fixture->vault, book, &error), >, 0);
  g_assert_no_error (error);

  got = cpv_vault_get_activity (fixture->vault, book->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, book->title);
  g_assert_cmpstr (got->description, ==, book->description);
  g_assert_cmpfloat (got->hours, ==, 12.5);
  g_assert_cmpfloat (got->credits, ==, 5);
  g_assert_cmpuint (got->credit_lines->len, ==, 2);
  g_assert_cmpint (g_array_index (got->credit_lines, CpvCreditLine, 1).group, ==, 'A');
  g_assert_false (got->auto_submitted);
  g_assert_nonnull (got->created);

  got->credits = 4.75;
  got->submitted = TRUE;
  g_array_set_size (got->credit_lines, 1);
  g_assert_true (cpv_vault_update_activity (fixture->vault, got, &error));
  g_assert_no_error (error);
  list = cpv_vault_list_activities (fixture->vault, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpfloat (((CpvActivity *) list->pdata[0])->credits, ==, 4.75);
  g_assert_true (((CpvActivity *) list->pdata[0])->submitted);
  g_assert_cmpuint (((CpvActivity *) list->pdata[0])->credit_lines->len, ==, 1);

  /* Removing a credential drops its credit lines, not the activity. */
  g_assert_true (cpv_vault_remove_credential (fixture->vault, cissp->id, &error));
  g_clear_object (&got);
  got = cpv_vault_get_activity (fixture->vault, book->id, &error);
  g_assert_cmpuint (got->credit_lines->len, ==, 0);

  g_assert_true (cpv_vault_remove_activity (fixture->vault, book->id, &error));
  g_assert_false (cpv_vault_remove_activity (fixture->vault, book->id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

static void
test_activity_validation (CpvTestVault  *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvActivity) unknown_credential = cpv_activity_new ();
  struct { const char *title, *start, *end; double credits, hours; } bad[] = {
    { "", "2025-01-01", "2025-01-01", 1, -1 },
    { "ok", "2025-01-02", "2025-01-01", 1, -1 },
    { "ok", "2025-01-01", "2025-01-01", -1, -1 },
    { "ok", "2025-01-01", "2025-01-01", NAN, -1 },
    { "ok", "2025-01-01", "2025-01-01", INFINITY, -1 },
    { "ok", "2025-01-01", "2025-01-01", 1, -3 },
    { "ok", "2025/01/01", "2025-01-01", 1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CpvActivity) activity = cpv_activity_new ();

      activity->title = g_strdup (bad[i].title);
      activity->category = g_strdup ("isc2.education.webinar");
      activity->start_date = g_strdup (bad[i].start);
      activity->end_date = g_strdup (bad[i].end);
      activity->credits = bad[i].credits;
      activity->hours = bad[i].hours;
      g_assert_cmpint (cpv_vault_add_activity (fixture->vault, activity, &local_error), ==, 0);
      g_assert_error (local_error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
    }

  /* A credit line to a credential that does not exist rolls the whole activity back. */
  unknown_credential->title = g_strdup ("Conference");
  unknown_credential->category = g_strdup ("isc2.education.webinar");
  unknown_credential->start_date = g_strdup ("2025-01-01");
  unknown_credential->end_date = g_strdup ("2025-01-01");
  unknown_credential->credits = 1;
  cpv_activity_add_credit_line (unknown_credential, 4242, 'A');
  g_assert_cmpint (cpv_vault_add_activity (fixture->vault, unknown_credential, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);

  list = cpv_vault_list_activities (fixture->vault, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_root = NULL;
  int ret;

  /* A TMPDIR of our own, so that the plaintext check scans what this process wrote. */
  tmp_root = g_dir_make_tmp ("cpv-test-vault-XXXXXX", NULL);
  g_setenv ("TMPDIR", tmp_root, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, setup) \
  g_test_add (path, CpvTestVault, NULL, setup, func, cpv_test_vault_teardown)

  g_test_add_func ("/vault/requires-sqlcipher", test_requires_sqlcipher);
  g_test_add_func ("/vault/passphrase-strength", test_passphrase_strength);
  ADD ("/vault/create-open-close", test_create_open_close, cpv_test_vault_setup);
  ADD ("/vault/closed-refuses", test_closed_vault_refuses, cpv_test_vault_setup);
  ADD ("/vault/create/refuses-existing", test_create_refuses_existing, cpv_test_vault_setup);
  ADD ("/vault/create/weak-passphrase", test_create_weak_passphrase, cpv_test_dir_setup);
  ADD ("/vault/open/wrong-passphrase", test_wrong_passphrase, cpv_test_vault_setup);
  ADD ("/vault/open/not-found", test_not_found, cpv_test_dir_setup);
  ADD ("/vault/open/random-file", test_random_file, cpv_test_dir_setup);
  ADD ("/vault/open/empty-file", test_empty_file, cpv_test_dir_setup);
  ADD ("/vault/open/plain-sqlite", test_plain_sqlite, cpv_test_dir_setup);
  ADD ("/vault/open/newer-cipher", test_newer_cipher, cpv_test_dir_setup);
  ADD ("/vault/open/truncated", test_truncated, cpv_test_vault_setup);
  ADD ("/vault/open/flipped-byte", test_flipped_byte, cpv_test_vault_setup);
  ADD ("/vault/open/async", test_open_async, cpv_test_vault_setup);
  ADD ("/vault/change-passphrase", test_change_passphrase, cpv_test_vault_setup);
  ADD ("/vault/migration/from-older", test_migration_from_older, cpv_test_vault_setup);
  ADD ("/vault/migration/refuses-newer", test_migration_refuses_newer, cpv_test_vault_setup);
  ADD ("/vault/no-plaintext", test_no_plaintext, cpv_test_vault_setup);
  ADD ("/records/credentials", test_credentials, cpv_test_vault_setup);
  ADD ("/records/credentials/validation", test_credential_validation, cpv_test_vault_setup);
  ADD ("/records/activities", test_activities, cpv_test_vault_setup);
  ADD ("/records/activities/validation", test_activity_validation, cpv_test_vault_setup);

  ret = g_test_run ();
  cpv_test_rm_rf (tmp_root);
  return ret;
}
