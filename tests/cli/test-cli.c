/* test-cli.c — runs the real cpe-vault-cli binary ($CPV_CLI) against a fresh vault per test
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cpv-test-cli.h"

#define PASSPHRASE "correct horse battery staple"
#define NEW_PASSPHRASE "a different, longer passphrase"
#define BOOK "isc2.education.self-study-book"
#define GROUP_B_ENTRY "isc2.professional-development.entry"

/* dir, vault, passphrase, new_passphrase, name_vault; status, out, err of the last command */
typedef CpvTestCli Fixture;

#define run(f, ...) cpv_test_cli_run ((f), __VA_ARGS__)
#define run_argv(f, args) cpv_test_cli_runv ((f), (args))
#define assert_ok(f) cpv_test_cli_assert_ok (f)
#define assert_fails(f, expected_status) cpv_test_cli_assert_fails ((f), (expected_status))
#define count_lines(text) cpv_test_count_lines (text)

/* Helpers */

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Runs a command that prints an id alone and returns it. */
static gint64
run_for_id (Fixture    *f,
            const char *first,
            ...) G_GNUC_NULL_TERMINATED;

static gint64
run_for_id (Fixture    *f,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gint64 id = 0;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_argv (f, (const char * const *) args->pdata);
  assert_ok (f);
  g_assert_true (g_str_has_suffix (f->out, "\n"));
  g_assert_cmpint (count_lines (f->out), ==, 1);
  g_assert_true (g_ascii_string_to_signed (g_strchomp (f->out), 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

static char *
capture (Fixture    *f,
         const char *group,
         const char *command)
{
  run (f, group, command, NULL);
  assert_ok (f);
  return g_strdup (f->out);
}

/* Like capture(), but the text belongs to @f and lasts until the next command. */
static const char *
list_output (Fixture    *f,
             const char *group,
             const char *command)
{
  run (f, group, command, NULL);
  assert_ok (f);
  return f->out;
}

static gint64
add_cissp (Fixture    *f,
           const char *start,
           const char *end)
{
  return run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
                     "--cycle-start", start, "--cycle-end", end, NULL);
}

static gint64
add_book (Fixture    *f,
          const char *title)
{
  return run_for_id (f, "activity", "add", "--title", title, "--category", BOOK,
                     "--start", "2024-03-01", "--end", "2024-03-10", "--credits", "5", NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const void *contents,
            gsize       length)
{
  char *path = fixture_path (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The value after "name:" in `activity show`, or NULL. */
static char *
show_field (Fixture    *f,
            gint64      activity_id,
            const char *name)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, activity_id);
  g_auto(GStrv) lines = NULL;
  g_autofree char *key = g_strdup_printf ("%s:", name);

  run (f, "activity", "show", id, NULL);
  assert_ok (f);
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], key))
        return g_strstrip (g_strdup (lines[i] + strlen (key)));
    }
  return NULL;
}

/* The GROUPS column of `activity list` for one activity. */
static char *
groups_of (Fixture *f,
           gint64   activity_id)
{
  g_autofree char *listing = capture (f, "activity", "list");
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, activity_id);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      GPtrArray *columns = g_ptr_array_new ();
      char *groups = NULL;

      for (guint j = 0; words[j] != NULL; j++)
        if (*words[j] != '\0')
          g_ptr_array_add (columns, words[j]);
      /* ID START END CREDITS HOURS GROUPS … */
      if (columns->len > 5 && g_strcmp0 (g_ptr_array_index (columns, 0), id) == 0)
        groups = g_strdup (g_ptr_array_index (columns, 5));
      g_ptr_array_unref (columns);
      if (groups != NULL)
        return groups;
    }
  return NULL;
}

/* Fixtures */

static void
fixture_set_up_empty (Fixture       *f,
                      gconstpointer  data)
{
  cpv_test_cli_set_up (f, "cpv-cli-XXXXXX");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up_empty (f, data);
  run (f, "init", NULL);
  assert_ok (f);
  g_assert_true (g_file_test (f->vault, G_FILE_TEST_IS_REGULAR));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cpv_test_cli_tear_down (f);
}

/* Help and usage */

static void
test_help_top_level (Fixture       *f,
                     gconstpointer  data)
{
  run (f, "--help", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "credential add"));
  g_assert_nonnull (strstr (f->out, "evidence extract"));
  g_assert_nonnull (strstr (f->out, "change-passphrase"));
  g_assert_cmpstr (f->err, ==, "");
}

static void
test_help_every_command (Fixture       *f,
                         gconstpointer  data)
{
  const char *commands[][2] = {
    { "init", NULL }, { "change-passphrase", NULL }, { "programs", NULL },
    { "credential", "add" }, { "credential", "list" }, { "credential", "remove" },
    { "activity", "add" }, { "activity", "list" }, { "activity", "show" },
    { "activity", "edit" }, { "activity", "remove" },
    { "evidence", "add" }, { "evidence", "list" }, { "evidence", "extract" },
    { "evidence", "remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = NULL;

      if (commands[i][1] != NULL)
        {
          run (f, commands[i][0], commands[i][1], "--help", NULL);
          usage = g_strdup_printf ("cpe-vault-cli %s %s", commands[i][0], commands[i][1]);
        }
      else
        {
          run (f, commands[i][0], "--help", NULL);
          usage = g_strdup_printf ("cpe-vault-cli %s", commands[i][0]);
        }
      assert_ok (f);
      g_assert_true (g_str_has_prefix (f->out, "Usage:"));
      g_assert_nonnull (strstr (f->out, usage));
      g_assert_nonnull (strstr (f->out, "--vault"));
    }

  /* The contract's options show up in the help of their command. */
  run (f, "activity", "add", "--help", NULL);
  for (const char *const *option = (const char *const[]) {
         "--title", "--category", "--start", "--end", "--credits", "--hours", "--group",
         "--description", "--provider", "--isbn", "--author", "--publisher",
         "--auto-submitted", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (f->out, *option));

  /* No vault was needed or created for any of it. */
  g_assert_false (g_file_test (f->vault, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = capture (f, "credential", "list");

  run (f, "frobnicate", NULL);
  assert_fails (f, 2);
  g_assert_nonnull (strstr (f->err, "frobnicate"));

  run (f, "activity", "frobnicate", NULL);
  assert_fails (f, 2);

  run (f, "activity", NULL);
  g_assert_cmpint (f->status, ==, 2);

  run_argv (f, (const char * const[]) { NULL });
  assert_fails (f, 2);

  run (f, "--no-such-option", "credential", "list", NULL);
  assert_fails (f, 2);

  run (f, "credential", "list", "--no-such-option", NULL);
  assert_fails (f, 2);

  run (f, "credential", "list", "extra", NULL);
  assert_fails (f, 2);

  run (f, "activity", "show", NULL);
  assert_fails (f, 2);

  /* A required option left out is a usage error, and nothing is written. */
  run (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
       "--cycle-start", "2024-01-01", NULL);
  assert_fails (f, 2);
  run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-01-01",
       "--end", "2024-01-01", NULL);
  assert_fails (f, 2);
  run (f, "evidence", "extract", "1", NULL);
  assert_fails (f, 2);

  g_assert_cmpstr (list_output (f, "credential", "list"), ==, before);
}

static void
test_programs (Fixture       *f,
               gconstpointer  data)
{
  run (f, "programs", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "CISSP"));
  g_assert_nonnull (strstr (f->out, BOOK));

  run (f, "programs", "--format", "xml", NULL);
  assert_ok (f);
  g_assert_true (g_str_has_prefix (f->out, "<?xml"));
  g_assert_nonnull (strstr (f->out, BOOK));

  run (f, "programs", "--format", "yaml", NULL);
  assert_fails (f, 1);

  run (f, "--version", NULL);
  assert_ok (f);
  g_assert_true (g_str_has_prefix (f->out, "cpe-vault-cli "));
}

/* init and passphrases */

static void
test_init_creates_vault (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *listing = NULL;

  run (f, "init", NULL);
  assert_ok (f);
  g_assert_cmpstr (g_strchomp (f->out), ==, f->vault);
  g_assert_true (g_file_test (f->vault, G_FILE_TEST_IS_REGULAR));

  listing = capture (f, "activity", "list");
  g_assert_cmpint (count_lines (listing), ==, 1);
  g_assert_true (g_str_has_prefix (listing, "ID"));

  /* init never overwrites */
  run (f, "init", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "already exists"));
}

static void
test_init_refuses_short_passphrase (Fixture       *f,
                                    gconstpointer  data)
{
  g_free (f->passphrase);
  f->passphrase = g_strdup ("short");
  run (f, "init", NULL);
  assert_fails (f, 1);
  g_assert_false (g_file_test (f->vault, G_FILE_TEST_EXISTS));
}

static void
test_init_default_path (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (f->dir, "xdg", "cpe-vault", "vault.cpv", NULL);

  f->name_vault = FALSE;
  run (f, "init", NULL);
  assert_ok (f);
  g_assert_cmpstr (g_strchomp (f->out), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  /* the default vault is the one the other commands use */
  run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CCSP",
              "--cycle-start", "2024-01-01", "--cycle-end", "2026-12-31", NULL);
  run (f, "credential", "list", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "CCSP"));
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_free (f->passphrase);
  f->passphrase = g_strdup ("not the right passphrase");
  run (f, "credential", "list", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "assphrase"));

  run (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
       "--cycle-start", "2024-01-01", "--cycle-end", "2026-12-31", NULL);
  assert_fails (f, 1);
}

static void
test_passphrase_file (Fixture       *f,
                      gconstpointer  data)
{
  const char good[] = PASSPHRASE "\nthe second line is ignored\n";
  g_autofree char *good_file = write_file (f, "pass.txt", good, strlen (good));
  g_autofree char *crlf_file = write_file (f, "crlf.txt", PASSPHRASE "\r\n",
                                           strlen (PASSPHRASE "\r\n"));
  g_autofree char *empty_file = write_file (f, "empty.txt", "\n", 1);
  g_autofree char *missing_file = fixture_path (f, "missing.txt");

  /* The file wins over a wrong environment variable. */
  g_free (f->passphrase);
  f->passphrase = g_strdup ("not the right passphrase");
  run (f, "--passphrase-file", good_file, "credential", "list", NULL);
  assert_ok (f);

  /* Global options may also follow the command. */
  g_clear_pointer (&f->passphrase, g_free);
  run (f, "credential", "list", "--passphrase-file", crlf_file, NULL);
  assert_ok (f);

  run (f, "credential", "list", "--passphrase-file", empty_file, NULL);
  assert_fails (f, 1);
  run (f, "credential", "list", "--passphrase-file", missing_file, NULL);
  assert_fails (f, 1);
}

static void
test_passphrase_missing_without_terminal (Fixture       *f,
                                          gconstpointer  data)
{
  g_clear_pointer (&f->passphrase, g_free);
  run (f, "credential", "list", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "CPE_VAULT_PASSPHRASE"));
  g_assert_nonnull (strstr (f->err, "--passphrase-file"));
}

static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *new_file = write_file (f, "new.txt", NEW_PASSPHRASE "\n",
                                          strlen (NEW_PASSPHRASE "\n"));
  gint64 id = add_cissp (f, "2024-01-01", "2026-12-31");

  /* A too-short new passphrase changes nothing. */
  f->new_passphrase = g_strdup ("short");
  run (f, "change-passphrase", NULL);
  assert_fails (f, 1);
  run (f, "credential", "list", NULL);
  assert_ok (f);

  /* Without a new passphrase and without a terminal: an error, nothing changed. */
  g_clear_pointer (&f->new_passphrase, g_free);
  run (f, "change-passphrase", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "CPE_VAULT_NEW_PASSPHRASE"));

  run (f, "change-passphrase", "--new-passphrase-file", new_file, NULL);
  assert_ok (f);

  run (f, "credential", "list", NULL);
  assert_fails (f, 1);

  g_free (f->passphrase);
  f->passphrase = g_strdup (NEW_PASSPHRASE);
  run (f, "credential", "list", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "CISSP"));
  g_assert_cmpint (id, ==, 1);

  /* and back, through the environment */
  f->new_passphrase = g_strdup (PASSPHRASE);
  run (f, "change-passphrase", NULL);
  assert_ok (f);
  g_free (f->passphrase);
  f->passphrase = g_strdup (PASSPHRASE);
  run (f, "credential", "list", NULL);
  assert_ok (f);
}

/* Credentials */

static void
test_credential_add_prints_id (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;

  run (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
       "--cycle-start", "2024-01-01", "--cycle-end", "2026-12-31", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");
  g_assert_cmpstr (f->err, ==, "");

  run (f, "credential", "add", "--program", "isc2", "--code", "CCSP",
       "--cycle-start", "2023-07-01", "--cycle-end", "2026-06-30",
       "--member-since", "2020-07-01", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "2\n");

  run (f, "credential", "list", NULL);
  assert_ok (f);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);  /* heading, two rows, "" */
  g_assert_true (g_str_has_prefix (lines[0], "ID "));
  g_assert_true (g_str_has_prefix (lines[1], "1 "));
  g_assert_nonnull (strstr (lines[1], "CISSP"));
  g_assert_nonnull (strstr (lines[1], "2026-12-31"));
  g_assert_true (g_str_has_prefix (lines[2], "2 "));
  g_assert_nonnull (strstr (lines[2], "2020-07-01"));
}

static void
test_credential_add_validation (Fixture       *f,
                                gconstpointer  data)
{
  const char *bad[][4] = {
    /* program, code, cycle start, cycle end */
    { "isc2", "CISSP", "2024-02-30", "2026-12-31" },
    { "isc2", "CISSP", "2024/01/01", "2026-12-31" },
    { "isc2", "CISSP", "yesterday", "2026-12-31" },
    { "isc2", "CISSP", "2024-01-01", "2023-12-31" },
    { "isc2", "CISSP", "2024-01-01", "2024-01-01" },
    { "nosuch", "CISSP", "2024-01-01", "2026-12-31" },
    { "isc2", "NOSUCH", "2024-01-01", "2026-12-31" },
    { "isc2", " ", "2024-01-01", "2026-12-31" },
  };
  g_autofree char *before = NULL;

  add_cissp (f, "2021-01-01", "2023-12-31");
  before = capture (f, "credential", "list");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      run (f, "credential", "add", "--program", bad[i][0], "--code", bad[i][1],
           "--cycle-start", bad[i][2], "--cycle-end", bad[i][3], NULL);
      assert_fails (f, 1);
    }
  run (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
       "--cycle-start", "2024-01-01", "--cycle-end", "2026-12-31",
       "--member-since", "2024-13-01", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "--member-since"));

  g_assert_cmpstr (list_output (f, "credential", "list"), ==, before);
}

static void
test_credential_remove (Fixture       *f,
                        gconstpointer  data)
{
  gint64 used = add_cissp (f, "2024-01-01", "2026-12-31");
  /* held only from 2025: the 2024 book does not count toward it */
  gint64 unused = run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CCSP",
                              "--cycle-start", "2025-01-01", "--cycle-end", "2027-12-31", NULL);
  gint64 activity = add_book (f, "Security Engineering");
  g_autofree char *used_id = g_strdup_printf ("%" G_GINT64_FORMAT, used);
  g_autofree char *unused_id = g_strdup_printf ("%" G_GINT64_FORMAT, unused);
  g_autofree char *groups = NULL;

  run (f, "credential", "remove", unused_id, NULL);
  assert_ok (f);
  g_assert_null (strstr (list_output (f, "credential", "list"), "CCSP"));

  run (f, "credential", "remove", unused_id, NULL);
  assert_fails (f, 1);
  run (f, "credential", "remove", "abc", NULL);
  assert_fails (f, 1);

  /* An activity counts toward the other one: refused without --force. */
  run (f, "credential", "remove", used_id, NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "--force"));
  g_assert_nonnull (strstr (list_output (f, "credential", "list"), "CISSP"));

  run (f, "credential", "remove", used_id, "--force", NULL);
  assert_ok (f);
  g_assert_null (strstr (list_output (f, "credential", "list"), "CISSP"));
  groups = groups_of (f, activity);
  g_assert_cmpstr (groups, ==, "-");
}

/* Activities */

static void
test_activity_add_prints_id (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *credits = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *isbn = NULL;
  g_autofree char *auto_submitted = NULL;

  add_cissp (f, "2024-01-01", "2026-12-31");
  run (f, "activity", "add", "--title", "情報セキュリティ読本", "--category", BOOK,
       "--start", "2024-03-01", "--end", "2024-03-10", "--credits", "4.75", "--hours", "6",
       "--description", "What I learned:\nthreat models", "--provider", "Reading",
       "--isbn", "978-4-00-000000-0", "--author", "A. Author", "--publisher", "Pub",
       "--auto-submitted", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");
  g_assert_cmpstr (f->err, ==, "");

  g_assert_cmpint (add_book (f, "Second"), ==, 2);

  title = show_field (f, 1, "title");
  g_assert_cmpstr (title, ==, "情報セキュリティ読本");
  credits = show_field (f, 1, "credits");
  g_assert_cmpstr (credits, ==, "4.75");
  hours = show_field (f, 1, "hours");
  g_assert_cmpstr (hours, ==, "6");
  isbn = show_field (f, 1, "isbn");
  g_assert_cmpstr (isbn, ==, "978-4-00-000000-0");
  auto_submitted = show_field (f, 1, "auto-submitted");
  g_assert_cmpstr (auto_submitted, ==, "yes");
  g_assert_nonnull (strstr (f->out, "What I learned:\nthreat models"));

  run (f, "activity", "show", "99", NULL);
  assert_fails (f, 1);
  run (f, "activity", "show", "0", NULL);
  assert_fails (f, 1);
}

static void
test_activity_add_validation (Fixture       *f,
                              gconstpointer  data)
{
  const char *bad_amounts[] = { "nan", "NaN", "inf", "-inf", "-1", "abc", "1e3", "", "0x10",
                                "1.2.3", "1,5", " 1" };
  const char *bad_dates[] = { "2024-02-30", "2024-1-1", "20240101", "2024-01-01T00:00",
                              "" };
  g_autofree char *before = NULL;

  add_cissp (f, "2024-01-01", "2026-12-31");
  add_book (f, "Existing");
  before = capture (f, "activity", "list");

  for (guint i = 0; i < G_N_ELEMENTS (bad_amounts); i++)
    {
      run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-01",
           "--end", "2024-03-01", "--credits", bad_amounts[i], NULL);
      assert_fails (f, 1);
      g_assert_nonnull (strstr (f->err, "--credits"));
      run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-01",
           "--end", "2024-03-01", "--credits", "1", "--hours", bad_amounts[i], NULL);
      assert_fails (f, 1);
      g_assert_nonnull (strstr (f->err, "--hours"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", bad_dates[i],
           "--end", "2024-03-01", "--credits", "1", NULL);
      assert_fails (f, 1);
      run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-01",
           "--end", bad_dates[i], "--credits", "1", NULL);
      assert_fails (f, 1);
    }

  /* end before start */
  run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-02",
       "--end", "2024-03-01", "--credits", "1", NULL);
  assert_fails (f, 1);
  /* unknown category, blank title, a title with a line break */
  run (f, "activity", "add", "--title", "T", "--category", "isc2.no-such-category",
       "--start", "2024-03-01", "--end", "2024-03-01", "--credits", "1", NULL);
  assert_fails (f, 1);
  run (f, "activity", "add", "--title", "   ", "--category", BOOK, "--start", "2024-03-01",
       "--end", "2024-03-01", "--credits", "1", NULL);
  assert_fails (f, 1);
  run (f, "activity", "add", "--title", "two\nlines", "--category", BOOK,
       "--start", "2024-03-01", "--end", "2024-03-01", "--credits", "1", NULL);
  assert_fails (f, 1);
  /* groups: unknown credential, bad group letter, bad shape, the same credential twice */
  for (const char *const *group = (const char *const[]) { "99=A", "1=C", "1", "=A", "x=A",
                                                          "1=AB", NULL };
       *group != NULL; group++)
    {
      run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-01",
           "--end", "2024-03-01", "--credits", "1", "--group", *group, NULL);
      assert_fails (f, 1);
    }
  run (f, "activity", "add", "--title", "T", "--category", BOOK, "--start", "2024-03-01",
       "--end", "2024-03-01", "--credits", "1", "--group", "1=A", "--group", "1=B", NULL);
  assert_fails (f, 1);

  g_assert_cmpstr (list_output (f, "activity", "list"), ==, before);

  /* zero credits and a one-day activity are fine */
  run_for_id (f, "activity", "add", "--title", "T", "--category", BOOK,
              "--start", "2024-03-01", "--end", "2024-03-01", "--credits", "0", NULL);
}

/* ISC2-CALC-5: an activity over several days belongs to the cycles active on its END date;
 * ISC2-CALC-6: it counts toward every credential active then, in the category's group. */
static void
test_activity_default_groups_by_end_date (Fixture       *f,
                                          gconstpointer  data)
{
  gint64 cissp = add_cissp (f, "2021-01-01", "2023-12-31");
  gint64 ccsp = run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CCSP",
                            "--cycle-start", "2023-12-01", "--cycle-end", "2026-11-30", NULL);
  g_autofree char *both = g_strdup_printf ("%" G_GINT64_FORMAT "=A,%" G_GINT64_FORMAT "=A",
                                           cissp, ccsp);
  g_autofree char *only_cissp = g_strdup_printf ("%" G_GINT64_FORMAT "=A", cissp);
  g_autofree char *only_cissp_b = g_strdup_printf ("%" G_GINT64_FORMAT "=B", cissp);
  g_autofree char *groups = NULL;
  gint64 id;

  /* the handbook's example: 2023-11-01 to 2023-12-05 applies to every cycle on 2023-12-05 */
  id = run_for_id (f, "activity", "add", "--title", "Course", "--category", BOOK,
                   "--start", "2023-11-01", "--end", "2023-12-05", "--credits", "3", NULL);
  groups = groups_of (f, id);
  g_assert_cmpstr (groups, ==, both);
  g_clear_pointer (&groups, g_free);

  /* started inside the CCSP cycle but ended before it: CISSP only */
  id = run_for_id (f, "activity", "add", "--title", "Early", "--category", BOOK,
                   "--start", "2023-11-01", "--end", "2023-11-30", "--credits", "3", NULL);
  groups = groups_of (f, id);
  g_assert_cmpstr (groups, ==, only_cissp);
  g_clear_pointer (&groups, g_free);

  /* a Group B category gets group B */
  id = run_for_id (f, "activity", "add", "--title", "Leadership", "--category", GROUP_B_ENTRY,
                   "--start", "2022-05-01", "--end", "2022-05-01", "--credits", "2", NULL);
  groups = groups_of (f, id);
  g_assert_cmpstr (groups, ==, only_cissp_b);
  g_clear_pointer (&groups, g_free);

  /* no credential held on the end date: stored without lines, and a note says so */
  id = run_for_id (f, "activity", "add", "--title", "Old", "--category", BOOK,
                   "--start", "2019-05-01", "--end", "2019-05-01", "--credits", "2", NULL);
  g_assert_nonnull (strstr (f->err, "--group"));
  groups = groups_of (f, id);
  g_assert_cmpstr (groups, ==, "-");
}

static void
test_activity_explicit_groups (Fixture       *f,
                               gconstpointer  data)
{
  gint64 cissp = add_cissp (f, "2021-01-01", "2023-12-31");
  gint64 ccsp = run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CCSP",
                            "--cycle-start", "2023-12-01", "--cycle-end", "2026-11-30", NULL);
  g_autofree char *cissp_b = g_strdup_printf ("%" G_GINT64_FORMAT "=B", cissp);
  g_autofree char *ccsp_a = g_strdup_printf ("%" G_GINT64_FORMAT "=a", ccsp);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT "=B,%" G_GINT64_FORMAT "=A",
                                               cissp, ccsp);
  g_autofree char *groups = NULL;
  gint64 id;

  id = run_for_id (f, "activity", "add", "--title", "Talk", "--category", BOOK,
                   "--start", "2019-01-01", "--end", "2019-01-01", "--credits", "1",
                   "--group", cissp_b, "--group", ccsp_a, NULL);
  groups = groups_of (f, id);
  g_assert_cmpstr (groups, ==, expected);
}

static void
test_activity_edit_changes_only_given (Fixture       *f,
                                       gconstpointer  data)
{
  gint64 cissp = add_cissp (f, "2024-01-01", "2026-12-31");
  g_autofree char *value = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;

  run_for_id (f, "activity", "add", "--title", "Old title", "--category", BOOK,
              "--start", "2024-03-01", "--end", "2024-03-10", "--credits", "5",
              "--hours", "7", "--provider", "Library", NULL);

  run (f, "activity", "edit", "1", "--title", "New title", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "");
  value = show_field (f, 1, "title");
  g_assert_cmpstr (value, ==, "New title");
  g_clear_pointer (&value, g_free);
  value = show_field (f, 1, "credits");
  g_assert_cmpstr (value, ==, "5");
  g_clear_pointer (&value, g_free);
  value = show_field (f, 1, "hours");
  g_assert_cmpstr (value, ==, "7");
  g_clear_pointer (&value, g_free);
  value = show_field (f, 1, "provider");
  g_assert_cmpstr (value, ==, "Library");
  g_clear_pointer (&value, g_free);
  value = groups_of (f, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "=A", cissp);
  g_assert_cmpstr (value, ==, expected);
  g_clear_pointer (&value, g_free);

  /* an empty text clears an optional field; flags switch both ways */
  run (f, "activity", "edit", "1", "--provider", "", "--credits", "2.5", "--submitted", NULL);
  assert_ok (f);
  value = show_field (f, 1, "provider");
  g_assert_null (value);
  value = show_field (f, 1, "credits");
  g_assert_cmpstr (value, ==, "2.5");
  g_clear_pointer (&value, g_free);
  value = show_field (f, 1, "submitted");
  g_assert_cmpstr (value, ==, "yes");
  g_clear_pointer (&value, g_free);
  run (f, "activity", "edit", "1", "--no-submitted", NULL);
  assert_ok (f);
  value = show_field (f, 1, "submitted");
  g_assert_cmpstr (value, ==, "no");
  g_clear_pointer (&value, g_free);

  /* --group replaces the credit lines */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "=B", cissp);
  run (f, "activity", "edit", "1", "--group", expected, NULL);
  assert_ok (f);
  value = groups_of (f, 1);
  g_assert_cmpstr (value, ==, expected);
  g_clear_pointer (&value, g_free);

  /* refused edits change nothing */
  run (f, "activity", "show", "1", NULL);
  assert_ok (f);
  before = g_strdup (f->out);
  run (f, "activity", "edit", "1", "--end", "2024-02-01", NULL);   /* before the start */
  assert_fails (f, 1);
  run (f, "activity", "edit", "1", "--credits", "nan", NULL);
  assert_fails (f, 1);
  run (f, "activity", "edit", "1", "--title", "", NULL);
  assert_fails (f, 1);
  run (f, "activity", "edit", "1", "--category", "no.such.category", NULL);
  assert_fails (f, 1);
  run (f, "activity", "edit", "1", "--group", "99=A", NULL);
  assert_fails (f, 1);
  run (f, "activity", "show", "1", NULL);
  g_assert_cmpstr (f->out, ==, before);

  run (f, "activity", "edit", "99", "--title", "x", NULL);
  assert_fails (f, 1);
  run (f, "activity", "edit", "1", NULL);
  assert_fails (f, 2);
  run (f, "activity", "edit", "1", "--submitted", "--no-submitted", NULL);
  assert_fails (f, 2);
}

static void
test_activity_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *listing = NULL;

  add_book (f, "One");
  add_book (f, "Two");

  run (f, "activity", "remove", "1", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "");
  listing = capture (f, "activity", "list");
  g_assert_cmpint (count_lines (listing), ==, 2);
  g_assert_null (strstr (listing, "One"));
  g_assert_nonnull (strstr (listing, "Two"));

  run (f, "activity", "show", "1", NULL);
  assert_fails (f, 1);
  run (f, "activity", "remove", "1", NULL);
  assert_fails (f, 1);
  run (f, "activity", "remove", "-1", NULL);
  g_assert_cmpint (f->status, !=, 0);
}

/* A record that counts toward a cycle must be kept 12 months after the cycle ends: removing
 * it is refused with the date and reason, unless --force is given. */
static void
test_remove_under_retention (Fixture       *f,
                             gconstpointer  data)
{
  gint64 credential;
  gint64 activity;
  g_autofree char *group = NULL;
  g_autofree char *activity_id = NULL;
  g_autofree char *listing = NULL;

  credential = run_for_id (f, "credential", "add", "--program", "isc2", "--code", "CISSP",
                           "--cycle-start", "2024-07-01", "--cycle-end", "2027-06-30", NULL);
  group = g_strdup_printf ("%" G_GINT64_FORMAT "=A", credential);
  activity = run_for_id (f, "activity", "add", "--title", "Kept webinar", "--category",
                         "isc2.education.course", "--start", "2025-03-01", "--end",
                         "2025-03-01", "--credits", "1", "--group", group, NULL);
  activity_id = g_strdup_printf ("%" G_GINT64_FORMAT, activity);

  run (f, "activity", "remove", activity_id, NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "2028-06-30"));
  g_assert_nonnull (strstr (f->err, "--force"));
  listing = capture (f, "activity", "list");
  g_assert_nonnull (strstr (listing, "Kept webinar"));

  run (f, "activity", "remove", activity_id, "--force", NULL);
  assert_ok (f);
  g_clear_pointer (&listing, g_free);
  listing = capture (f, "activity", "list");
  g_assert_null (strstr (listing, "Kept webinar"));
}

/* The columns after the first start at the same display column on every line. */
static void
test_list_tables_aligned (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  glong category_column = -1;

  add_cissp (f, "2024-01-01", "2026-12-31");
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *title = g_strdup_printf ("本 %d", i);

      add_book (f, title);
    }
  run (f, "activity", "list", NULL);
  assert_ok (f);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 13);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      const char *at = strstr (lines[i], i == 0 ? "CATEGORY" : BOOK);

      g_assert_nonnull (at);
      if (category_column < 0)
        category_column = g_utf8_pointer_to_offset (lines[i], at);
      g_assert_cmpint (g_utf8_pointer_to_offset (lines[i], at), ==, category_column);
    }
  /* ids first, padded to the widest id */
  g_assert_true (g_str_has_prefix (lines[0], "ID  "));
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_assert_true (g_regex_match_simple ("^(1[01]  |[1-9]   )2024-03-01  2024-03-10  5 ",
                                         lines[i], 0, 0));
}

/* Evidence */

static char *
make_random_file (Fixture    *f,
                  const char *name,
                  gsize       size,
                  GBytes    **out_bytes)
{
  guint8 *data = g_malloc (size);
  char *path;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_test_rand_int_range (0, 256);
  path = write_file (f, name, data, size);
  *out_bytes = g_bytes_new_take (data, size);
  return path;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_evidence_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) extracted = NULL;
  /* three chunks and a bit, so that chunk boundaries are crossed */
  g_autofree char *source = make_random_file (f, "certificate.bin", 3 * 512 * 1024 + 123,
                                              &original);
  g_autofree char *out = fixture_path (f, "extracted.bin");
  g_autofree char *listing = NULL;
  gint64 id;

  add_book (f, "Book");
  id = run_for_id (f, "evidence", "add", "1", source, "--kind", "certificate", NULL);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpstr (f->err, ==, "");

  run (f, "evidence", "extract", "1", "--out", out, NULL);
  assert_ok (f);
  extracted = read_file (out);
  g_assert_cmpmem (g_bytes_get_data (extracted, NULL), g_bytes_get_size (extracted),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));

  listing = capture (f, "evidence", "list");
  g_assert_nonnull (strstr (listing, "certificate.bin"));
  g_assert_nonnull (strstr (listing, "certificate "));
  g_clear_pointer (&listing, g_free);
  run (f, "evidence", "list", "1", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "certificate.bin"));

  /* after "--", a file name may start with a dash */
  g_clear_pointer (&source, g_free);
  source = write_file (f, "-dash.txt", "dash\n", 5);
  run (f, "evidence", "add", "1", "-dash.txt", NULL);
  assert_fails (f, 2);
  id = run_for_id (f, "evidence", "add", "1", "--", "-dash.txt", NULL);
  g_assert_cmpint (id, ==, 2);
}

static void
test_evidence_marks (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *source = write_file (f, "minutes.txt", "minutes of the meeting\n", 23);
  g_auto(GStrv) lines = NULL;

  add_book (f, "Committee");
  run_for_id (f, "evidence", "add", "1", source, "--kind", "minutes", "--tlp", "amber+strict",
              "--secret", "--language", "ja", NULL);
  run (f, "evidence", "list", NULL);
  assert_ok (f);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_nonnull (lines[1]);
  g_assert_true (g_str_has_prefix (lines[1], "1 "));
  g_assert_nonnull (strstr (lines[1], " minutes "));
  g_assert_nonnull (strstr (lines[1], " amber+strict "));
  g_assert_nonnull (strstr (lines[1], " yes "));
  g_assert_nonnull (strstr (lines[1], " ja "));
  g_assert_nonnull (strstr (lines[1], "minutes.txt"));
}

static void
test_evidence_dedup (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = write_file (f, "receipt.pdf", "%PDF-1.4 same bytes\n", 20);
  g_autofree char *second = write_file (f, "copy-of-receipt.pdf", "%PDF-1.4 same bytes\n", 20);
  g_autofree char *listing = NULL;
  gint64 a, b;

  add_book (f, "One");
  add_book (f, "Two");
  a = run_for_id (f, "evidence", "add", "1", first, "--kind", "receipt", NULL);
  g_assert_cmpstr (f->err, ==, "");
  b = run_for_id (f, "evidence", "add", "2", second, "--kind", "receipt", NULL);
  g_assert_cmpint (a, ==, b);
  g_assert_nonnull (strstr (f->err, "already stored"));
  g_assert_cmpint (count_lines (f->err), ==, 1);

  listing = capture (f, "evidence", "list");
  g_assert_cmpint (count_lines (listing), ==, 2);
  g_assert_nonnull (strstr (listing, " 1,2 "));
  run (f, "evidence", "list", "2", NULL);
  assert_ok (f);
  g_assert_cmpint (count_lines (f->out), ==, 2);
}

static void
test_evidence_add_validation (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *good = write_file (f, "good.txt", "proof\n", 6);
  g_autofree char *empty = write_file (f, "empty.txt", "", 0);
  g_autofree char *missing = fixture_path (f, "missing.txt");
  g_autofree char *before = NULL;

  add_book (f, "Book");
  run_for_id (f, "evidence", "add", "1", good, NULL);
  before = capture (f, "evidence", "list");

  run (f, "evidence", "add", "1", missing, NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "1", empty, NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "1", f->dir, NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "2", good, NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "one", good, NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "1", good, "--kind", "diploma", NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "certificate"));
  run (f, "evidence", "add", "1", good, "--tlp", "white", NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "1", good, "--language", "japanese!", NULL);
  assert_fails (f, 1);
  run (f, "evidence", "add", "1", NULL);
  assert_fails (f, 2);
  run (f, "evidence", "list", "7", NULL);
  assert_fails (f, 1);

  g_assert_cmpstr (list_output (f, "evidence", "list"), ==, before);
}

static void
test_evidence_extract_refuses_overwrite (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree char *source = write_file (f, "notes.txt", "new contents\n", 13);
  g_autofree char *existing = write_file (f, "existing.txt", "keep me\n", 8);
  g_autofree char *nowhere = fixture_path (f, "never-created.txt");
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) replaced = NULL;

  add_book (f, "Book");
  run_for_id (f, "evidence", "add", "1", source, "--kind", "notes", NULL);

  run (f, "evidence", "extract", "1", "--out", existing, NULL);
  assert_fails (f, 1);
  g_assert_nonnull (strstr (f->err, "--force"));
  kept = read_file (existing);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "keep me\n", 8);

  run (f, "evidence", "extract", "1", "--out", existing, "--force", NULL);
  assert_ok (f);
  replaced = read_file (existing);
  g_assert_cmpmem (g_bytes_get_data (replaced, NULL), g_bytes_get_size (replaced),
                   "new contents\n", 13);

  /* an unknown evidence id leaves no file behind */
  run (f, "evidence", "extract", "2", "--out", nowhere, NULL);
  assert_fails (f, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  run (f, "evidence", "extract", "1", "--out", f->dir, NULL);
  assert_fails (f, 1);
}

static void
test_evidence_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *source = write_file (f, "schedule.txt", "09:00 keynote\n", 14);
  g_autofree char *out = fixture_path (f, "out.txt");
  g_autofree char *listing = NULL;

  add_book (f, "Conference");
  run_for_id (f, "evidence", "add", "1", source, "--kind", "schedule", NULL);
  run (f, "evidence", "remove", "1", NULL);
  assert_ok (f);
  listing = capture (f, "evidence", "list");
  g_assert_cmpint (count_lines (listing), ==, 1);
  run (f, "evidence", "extract", "1", "--out", out, NULL);
  assert_fails (f, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run (f, "evidence", "remove", "1", NULL);
  assert_fails (f, 1);
}

/* Nothing the tool writes outside the vault holds what was stored in it. */
static gboolean
file_contains (const char *path,
               const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, marker, strlen (marker)) != NULL;
}

static void
test_no_plaintext_beside_vault (Fixture       *f,
                                gconstpointer  data)
{
  const char *title_marker = "TITLE-MARKER-5c1f0e";
  const char *content_marker = "CONTENT-MARKER-9a7b3d";
  g_autofree char *source_dir = fixture_path (f, "sources");
  g_autofree char *source = g_build_filename (source_dir, "proof.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (source_dir, 0700), ==, 0);
  g_file_set_contents (source, content_marker, -1, &error);
  g_assert_no_error (error);

  add_book (f, title_marker);
  run_for_id (f, "evidence", "add", "1", source, NULL);
  run (f, "activity", "list", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, title_marker));

  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      g_assert_false (file_contains (path, title_marker));
      g_assert_false (file_contains (path, content_marker));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!cpv_test_cli_available ())
    return 1;

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)

  ADD ("/cli/help/top-level-exit-0", fixture_set_up_empty, test_help_top_level);
  ADD ("/cli/help/every-command-exit-0", fixture_set_up_empty, test_help_every_command);
  ADD ("/cli/usage/errors-exit-2", fixture_set_up, test_usage_errors);
  ADD ("/cli/programs/lists-categories", fixture_set_up_empty, test_programs);
  ADD ("/cli/init/creates-vault", fixture_set_up_empty, test_init_creates_vault);
  ADD ("/cli/init/refuses-short-passphrase", fixture_set_up_empty,
       test_init_refuses_short_passphrase);
  ADD ("/cli/init/default-path", fixture_set_up_empty, test_init_default_path);
  ADD ("/cli/passphrase/wrong-exit-1", fixture_set_up, test_wrong_passphrase);
  ADD ("/cli/passphrase/from-file", fixture_set_up, test_passphrase_file);
  ADD ("/cli/passphrase/missing-without-terminal", fixture_set_up,
       test_passphrase_missing_without_terminal);
  ADD ("/cli/change-passphrase/old-fails-new-works", fixture_set_up, test_change_passphrase);
  ADD ("/cli/credential/add-prints-id", fixture_set_up, test_credential_add_prints_id);
  ADD ("/cli/credential/add-validation", fixture_set_up, test_credential_add_validation);
  ADD ("/cli/credential/remove", fixture_set_up, test_credential_remove);
  ADD ("/cli/activity/add-prints-id", fixture_set_up, test_activity_add_prints_id);
  ADD ("/cli/activity/add-validation", fixture_set_up, test_activity_add_validation);
  ADD ("/cli/activity/ISC2-CALC-5/default-groups-by-end-date", fixture_set_up,
       test_activity_default_groups_by_end_date);
  ADD ("/cli/activity/explicit-groups", fixture_set_up, test_activity_explicit_groups);
  ADD ("/cli/activity/edit-changes-only-given", fixture_set_up,
       test_activity_edit_changes_only_given);
  ADD ("/cli/activity/remove", fixture_set_up, test_activity_remove);
  ADD ("/cli/activity/ISC2-REC-3/remove-under-retention", fixture_set_up,
       test_remove_under_retention);
  ADD ("/cli/activity/list-aligned", fixture_set_up, test_list_tables_aligned);
  ADD ("/cli/evidence/round-trip", fixture_set_up, test_evidence_round_trip);
  ADD ("/cli/evidence/COUNCIL-TLP-1/marks", fixture_set_up, test_evidence_marks);
  ADD ("/cli/evidence/dedup", fixture_set_up, test_evidence_dedup);
  ADD ("/cli/evidence/add-validation", fixture_set_up, test_evidence_add_validation);
  ADD ("/cli/evidence/extract-refuses-overwrite", fixture_set_up,
       test_evidence_extract_refuses_overwrite);
  ADD ("/cli/evidence/remove", fixture_set_up, test_evidence_remove);
  ADD ("/cli/plaintext/nothing-beside-vault", fixture_set_up, test_no_plaintext_beside_vault);
#undef ADD

  return g_test_run ();
}
