/* test-cli-jrca.c — `cpe-vault-cli jrca …` run as the real binary ($CPV_CLI)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cpv-test-cli.h"

typedef CpvTestCli Fixture;

#define run(f, ...) cpv_test_cli_run ((f), __VA_ARGS__)
#define assert_ok(f) cpv_test_cli_assert_ok (f)
#define assert_fails(f, expected) cpv_test_cli_assert_fails ((f), (expected))

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_test_message ("missing \"%s\" in:\n%s", needle, text);
  g_assert_nonnull (strstr (text, needle));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cpv_test_cli_set_up (f, "cpv-cli-jrca-XXXXXX");
  run (f, "init", NULL);
  assert_ok (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cpv_test_cli_tear_down (f);
}

static void
add_jrca_credential (Fixture *f)
{
  run (f, "credential", "add", "--program", "jrca-isms", "--code", "AUDITOR",
       "--cycle-start", "2024-10-01", "--cycle-end", "2027-09-30", NULL);
  assert_ok (f);
  run (f, "jrca", "registration", "set", "--grade", "auditor", "--number", "I12345",
       "--maintenance-deadline", "2026-09-30", "--expiry", "2027-09-30",
       "--previous-maintenance", "2025-07-15", "--previous-renewal", "2024-07-10", NULL);
  assert_ok (f);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *actions[][2] = {
    { "registration", "set" }, { "registration", "show" }, { "audit", "add" },
    { "audit", "list" }, { "audit", "show" }, { "audit", "remove" }, { "cpd", "add" },
    { "cpd", "list" }, { "cpd", "remove" }, { "history", "add" }, { "history", "edit" },
    { "history", "list" }, { "sector", "add" }, { "sector", "edit" }, { "sector", "list" },
    { "check", NULL }, { "forms", NULL },
  };

  run (f, "jrca", "--help", NULL);
  assert_ok (f);
  assert_contains (f->out, "audit add");
  assert_contains (f->out, "forms");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *usage = NULL;

      if (actions[i][1] != NULL)
        {
          run (f, "jrca", actions[i][0], actions[i][1], "--help", NULL);
          usage = g_strdup_printf ("cpe-vault-cli jrca %s %s", actions[i][0], actions[i][1]);
        }
      else
        {
          run (f, "jrca", actions[i][0], "--help", NULL);
          usage = g_strdup_printf ("cpe-vault-cli jrca %s", actions[i][0]);
        }
      assert_ok (f);
      g_assert_true (g_str_has_prefix (f->out, "Usage:"));
      assert_contains (f->out, usage);
    }
  run (f, "jrca", "check", "--help", NULL);
  assert_contains (f->out, "--on");
  run (f, "jrca", "forms", "--help", NULL);
  assert_contains (f->out, "--out");
  assert_contains (f->out, "--credential");
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  run (f, "jrca", "bogus", NULL);
  assert_fails (f, 2);
  run (f, "jrca", "audit", "frobnicate", NULL);
  assert_fails (f, 2);
  run (f, "jrca", "audit", "add", "--start", "2026-04-01", "--role", "member", NULL);
  assert_fails (f, 2);
  assert_contains (f->err, "--organisation");
  run (f, "jrca", "forms", NULL);
  assert_fails (f, 2);

  /* No JRCA credential yet: exit 1 with what to do. */
  run (f, "jrca", "check", NULL);
  assert_fails (f, 1);
  assert_contains (f->err, "credential add --program jrca-isms");

  add_jrca_credential (f);
  run (f, "jrca", "audit", "add", "--organisation", "X", "--start", "2026-04-01", "--role",
       "boss", NULL);
  assert_fails (f, 1);
  assert_contains (f->err, "leader, member, ojt or observer");
  run (f, "jrca", "audit", "add", "--organisation", "X", "--start", "2026-04-01", "--role",
       "member", "--day", "2026-04-01", NULL);
  assert_fails (f, 1);
  assert_contains (f->err, "DATE=HOURS");
  run (f, "jrca", "sector", "add", "--sector", "40", "--start", "2020-04-01", NULL);
  assert_fails (f, 1);
  run (f, "jrca", "audit", "show", "99", NULL);
  assert_fails (f, 1);
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "forms", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "jrca-5a-1.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (out_dir, "jrca-5d.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };

  add_jrca_credential (f);
  run (f, "jrca", "registration", "show", NULL);
  assert_ok (f);
  assert_contains (f->out, "I12345");
  assert_contains (f->out, "2026-09-30");

  run (f, "jrca", "audit", "add", "--organisation", "ひかりデータサービス株式会社",
       "--start", "2025-11-05", "--end", "2025-11-06", "--day", "2025-11-05=7",
       "--day", "2025-11-06=3.5", "--role", "member", "--body", "サンプル認証機構",
       "--iaf-accredited", "--attested-by-org", "--schedule", "--isms-roles",
       "document-review,risk-assessment,implementation-evaluation,audit-report", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");
  run (f, "jrca", "audit", "add", "--organisation", "見学先株式会社", "--start", "2025-12-01",
       "--day", "2025-12-01=4", "--role", "observer", NULL);
  assert_ok (f);

  run (f, "jrca", "audit", "list", NULL);
  assert_ok (f);
  assert_contains (f->out, "ひかりデータサービス株式会社");
  assert_contains (f->out, "1.5");
  run (f, "jrca", "audit", "show", "1", NULL);
  assert_ok (f);
  assert_contains (f->out, "7 h -> 1.0 day");
  assert_contains (f->out, "3.5 h / 6 = 0.58 -> 0.5 day");

  /* A theme-only 4B text is saved, with a note (JRCA-CPD-3 never blocks saving). */
  run (f, "jrca", "cpd", "add", "--date", "2025-09-12", "--hours", "3.5", "--kind",
       "other-training", "--title", "講演会", "--learned", "ゼロトラストについて学んだ。", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");
  assert_contains (f->err, "JRCA-CPD-3 (theme-only)");
  assert_contains (f->err, "サイバー攻撃の高度化");
  run (f, "jrca", "cpd", "list", NULL);
  assert_ok (f);
  assert_contains (f->out, "theme-only");

  run (f, "jrca", "history", "add", "--start", "2016-04-01", "--organisation",
       "株式会社サンプル", "--it", "--security", NULL);
  assert_ok (f);
  run (f, "jrca", "history", "list", "--on", "2026-04-01", NULL);
  assert_ok (f);
  assert_contains (f->out, "IT experience: 3653 of 1460 days (met)");
  run (f, "jrca", "sector", "add", "--sector", "33", "--start", "2016-04-01", "--end",
       "2020-03-31", NULL);
  assert_ok (f);
  run (f, "jrca", "sector", "list", "--on", "2026-04-01", NULL);
  assert_ok (f);
  assert_contains (f->out, "情報技術");
  assert_contains (f->out, "1461");

  run (f, "jrca", "check", "--on", "2026-04-01", NULL);
  assert_ok (f);
  assert_contains (f->out, "next procedure: maintenance, due 2026-09-30");
  assert_contains (f->out, "maintenance-audits");
  assert_contains (f->out, "upgrade-member-audits");
  assert_contains (f->out, "2026-06-30  application-window");
  assert_contains (f->out, "2027-03-30  restoration-limit");
  assert_contains (f->out, "JRCA-OBS-1");

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  run (f, "jrca", "forms", "--out", out_dir, "--on", "2026-04-01", "--name", "審査 花子", NULL);
  assert_ok (f);
  assert_contains (f->out, "jrca-5a-1.pdf\n");
  assert_contains (f->out, "jrca-5d.csv\n");
  g_assert_null (strstr (f->out, "jrca-5a-2.pdf"));  /* the observer record is not a 5A */
  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL, NULL));
  assert_contains (text, "ひかりデータサービス株式会社");
  assert_contains (text, "補助資料");
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  assert_contains (csv, "1,2025/11/05,ひかりデータサービス株式会社,ISMS,メンバー,1.5,○,○,");

  run (f, "jrca", "audit", "remove", "1", NULL);
  assert_ok (f);
  run (f, "jrca", "audit", "list", NULL);
  g_assert_null (strstr (f->out, "ひかりデータ"));
  run (f, "jrca", "cpd", "remove", "1", NULL);
  assert_ok (f);
}

/* `jrca history edit` / `jrca sector edit`: only the options given change; "" clears an
 * optional text or the last day; bad values and unknown ids change nothing. */
static void
test_period_edit (Fixture       *f,
                  gconstpointer  data)
{
  add_jrca_credential (f);
  run (f, "jrca", "history", "add", "--start", "2016-04-01", "--organisation",
       "株式会社サンプル", "--department", "開発部", "--it", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");

  run (f, "jrca", "history", "edit", "1", NULL);
  assert_fails (f, 2);
  assert_contains (f->err, "Nothing to change");
  run (f, "jrca", "history", "edit", "1", "--it", "--no-it", NULL);
  assert_fails (f, 2);
  run (f, "jrca", "history", "edit", "1", "--end", "2015-01-01", NULL);
  assert_fails (f, 1);
  assert_contains (f->err, "ends before it starts");
  run (f, "jrca", "history", "edit", "7", "--security", NULL);
  assert_fails (f, 1);
  run (f, "jrca", "history", "edit", "1", "--organisation", "", NULL);
  assert_fails (f, 1);

  run (f, "jrca", "history", "edit", "1", "--end", "2020-03-31", "--department", "",
       "--security", "--no-it", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "");
  run (f, "jrca", "history", "list", "--on", "2026-04-01", NULL);
  assert_ok (f);
  /* ID START END IT SECURITY ORGANISATION DEPARTMENT */
  assert_contains (f->out, "2016-04-01");
  assert_contains (f->out, "2020-03-31");
  assert_contains (f->out, "株式会社サンプル");
  g_assert_null (strstr (f->out, "開発部"));
  assert_contains (f->out, "IT experience: 0 of 1460 days (short)");
  assert_contains (f->out, "Information-security management: 1461 of 730 days (met)");

  /* Back to the current position. */
  run (f, "jrca", "history", "edit", "1", "--end", "", "--it", NULL);
  assert_ok (f);
  run (f, "jrca", "history", "list", "--on", "2026-04-01", NULL);
  assert_contains (f->out, "current");
  assert_contains (f->out, "IT experience: 3653 of 1460 days (met)");

  run (f, "jrca", "sector", "add", "--sector", "33", "--start", "2016-04-01", "--end",
       "2017-03-31", "--organisation", "株式会社サンプル", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "1\n");
  run (f, "jrca", "sector", "edit", "1", "--sector", "40", NULL);
  assert_fails (f, 1);
  run (f, "jrca", "sector", "edit", "1", "--part-time", "--full-time", NULL);
  assert_fails (f, 2);
  run (f, "jrca", "sector", "edit", "9", "--part-time", NULL);
  assert_fails (f, 1);
  run (f, "jrca", "sector", "list", "--on", "2026-04-01", NULL);
  assert_contains (f->out, "情報技術");
  assert_contains (f->out, " 365 ");

  run (f, "jrca", "sector", "edit", "1", "--end", "2020-03-31", "--organisation", "", NULL);
  assert_ok (f);
  run (f, "jrca", "sector", "list", "--on", "2026-04-01", NULL);
  assert_contains (f->out, "1461");
  run (f, "jrca", "sector", "edit", "1", "--part-time", NULL);
  assert_ok (f);
  run (f, "jrca", "sector", "list", "--on", "2026-04-01", NULL);
  assert_contains (f->out, "2020-03-31");
  g_assert_null (strstr (f->out, "1461"));
}

static char *
pdf_text (const char *path)
{
  const char *pdftotext[] = { "pdftotext", path, "-", NULL };
  char *text = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL, NULL));
  g_assert_nonnull (text);
  return text;
}

/* `jrca registration set --applicant-name`: stored trimmed, shown, cleared with "", and the
 * name `jrca forms` prints when --name is not given. */
static void
test_applicant_name (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "forms", NULL);
  g_autofree char *form_4a = g_build_filename (out_dir, "jrca-4a.pdf", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *given = NULL;
  g_autoptr(GString) too_long = g_string_new (NULL);

  add_jrca_credential (f);
  run (f, "jrca", "registration", "set", "--applicant-name", "  審査 花子 ", NULL);
  assert_ok (f);
  run (f, "jrca", "registration", "show", NULL);
  assert_ok (f);
  assert_contains (f->out, "Name on forms                  審査 花子\n");

  for (guint i = 0; i < 101; i++)
    g_string_append (too_long, "名");
  run (f, "jrca", "registration", "set", "--applicant-name", too_long->str, NULL);
  assert_fails (f, 1);
  assert_contains (f->err, "100");
  run (f, "jrca", "registration", "set", "--applicant-name", "審査\t花子", NULL);
  assert_fails (f, 1);

  run (f, "jrca", "cpd", "add", "--date", "2025-09-12", "--hours", "3", "--kind",
       "jrca-course", "--title", "ISMS 審査員研修", "--certificate", NULL);
  assert_ok (f);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  run (f, "jrca", "forms", "--out", out_dir, "--on", "2026-04-01", NULL);
  assert_ok (f);
  assert_contains (f->out, "jrca-4a.pdf\n");
  stored = pdf_text (form_4a);
  assert_contains (stored, "審査 花子");

  run (f, "jrca", "forms", "--out", out_dir, "--on", "2026-04-01", "--name", "別名 太郎", NULL);
  assert_ok (f);
  given = pdf_text (form_4a);
  assert_contains (given, "別名 太郎");
  g_assert_null (strstr (given, "審査 花子"));

  run (f, "jrca", "registration", "set", "--applicant-name", "", NULL);
  assert_ok (f);
  run (f, "jrca", "registration", "show", NULL);
  assert_contains (f->out, "Name on forms                  -\n");
  /* The rest of the registration is as it was. */
  assert_contains (f->out, "I12345");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/jrca/cli/help", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  g_test_add ("/jrca/cli/usage-errors", Fixture, NULL, fixture_setup, test_usage_errors,
              fixture_teardown);
  g_test_add ("/rules/jrca/JRCA-DAYS-1/cli-workflow", Fixture, NULL, fixture_setup,
              test_workflow, fixture_teardown);
  g_test_add ("/rules/jrca/JRCA-HIST-1/cli-period-edit", Fixture, NULL, fixture_setup,
              test_period_edit, fixture_teardown);
  g_test_add ("/jrca/cli/applicant-name", Fixture, NULL, fixture_setup, test_applicant_name,
              fixture_teardown);

  return g_test_run ();
}
