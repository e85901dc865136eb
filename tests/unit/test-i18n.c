/* test-i18n.c — the core's messages for people follow the user's language (issue 4)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "cpv-readiness.h"
#include "cpv-test-util.h"
#include "rules-test-util.h"

/* The catalogue is the one meson compiled into the build tree ($CPV_TEST_LOCALEDIR, that is
 * <build>/po/ja/LC_MESSAGES/cpe-vault.mo); the tests switch languages with LANGUAGE under
 * LC_ALL=C.UTF-8, as a person would with LANGUAGE=ja. */

#define WRONG_PASSPHRASE "not the passphrase at all"

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale() also flushes gettext's cache of translations already looked up. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
}

static const CpvFinding *
find_finding (const CpvCredentialStatus *status,
              const char                *rule)
{
  for (guint i = 0; i < status->findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (status->findings, i);

      if (g_strcmp0 (finding->rule, rule) == 0)
        return finding;
    }
  return NULL;
}

static const CpvRequirement *
find_requirement (const CpvCredentialStatus *status,
                  const char                *kind)
{
  const CpvRequirement *requirement = cpv_credential_status_get_requirement (status, kind, 0);

  g_assert_nonnull (requirement);
  return requirement;
}

/* ISC2-CALC-3: 45 credits for one course are counted as 40, and the finding says so. */
static const CpvCredentialStatus *
compute_over_cap (RulesFixture *fixture)
{
  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 7, "isc2.education.course", "2024-01-10", "2024-01-10", 45);
  return compute (fixture, "2024-06-01", 1);
}

static void
test_status_over_cap_japanese (RulesFixture  *fixture,
                               gconstpointer  data)
{
  const CpvCredentialStatus *status;
  const CpvFinding *finding;

  use_language ("ja");
  status = compute_over_cap (fixture);
  finding = find_finding (status, "ISC2-CALC-3");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->activity_id, ==, 7);
  g_assert_cmpstr (finding->text, ==,
                   "45.00 クレジットは上限 40.00（1 アクティビティあたり）を超えています。"
                   "40.00 として計上します");
  g_assert_cmpstr (find_requirement (status, "total")->label, ==,
                   "サイクルのクレジット（ISC2-REQ-2）");
  g_assert_cmpstr (find_requirement (status, "group-a")->label, ==,
                   "グループA のクレジット（最低）");
  /* The rule tag and the kind are machine-readable and stay as they are. */
  g_assert_cmpstr (find_requirement (status, "total")->kind, ==, "total");
}

static void
test_status_over_cap_english (RulesFixture  *fixture,
                              gconstpointer  data)
{
  const CpvCredentialStatus *status;
  const CpvFinding *finding;

  use_language ("en");
  status = compute_over_cap (fixture);
  finding = find_finding (status, "ISC2-CALC-3");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->text, ==,
                   "45.00 credits is over the maximum of 40.00 per activity; counted as 40.00");
  g_assert_cmpstr (find_requirement (status, "total")->label, ==,
                   "Credits in the cycle (ISC2-REQ-2)");
}

/* ISC2-SUSP-1 / ISC2-SUSP-2: the suspension finding uses the seed's 停止 and 終了. */
static void
test_status_suspended_japanese (RulesFixture  *fixture,
                                gconstpointer  data)
{
  const CpvCredentialStatus *status;
  g_autofree char *text = NULL;

  use_language ("ja");
  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  status = compute (fixture, "2024-06-01", 1);
  g_assert_cmpint (status->state, ==, CPV_CREDENTIAL_STATE_SUSPENDED);
  g_assert_cmpuint (status->findings->len, >, 0);
  for (guint i = 0; i < status->findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (status->findings, i);

      if (strstr (finding->text, "停止中") != NULL)
        text = g_strdup (finding->text);
    }
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "猶予期間が 2024-03-30 に終了したため停止中です"));
  g_assert_nonnull (strstr (text, "2026-03-31 に資格が終了します"));
}

static void
reopen_with_wrong_passphrase (CpvTestVault  *fixture,
                              GError       **error)
{
  g_autoptr(CpvVault) vault = NULL;

  g_clear_object (&fixture->vault);
  vault = cpv_vault_open (fixture->path, WRONG_PASSPHRASE, error);
  g_assert_null (vault);
}

static void
test_vault_wrong_passphrase_japanese (CpvTestVault  *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  use_language ("ja");
  reopen_with_wrong_passphrase (fixture, &error);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==,
                   "パスフレーズが違います。キーボード配列（入力モード）と Caps Lock を確認して、"
                   "もう一度入力してください。");
}

static void
test_vault_wrong_passphrase_english (CpvTestVault  *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  use_language ("en");
  reopen_with_wrong_passphrase (fixture, &error);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==,
                   "Wrong passphrase. Check the keyboard layout and Caps Lock, and try again.");
}

/* An error composed of a translated sentence and a translated step (N_ at the call site). */
static void
test_vault_missing_japanese (CpvTestVault  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *expected = NULL;

  use_language ("ja");
  vault = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_null (vault);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("「%s」に保管庫はありません。", fixture->path);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_programs_localized_names (RulesFixture  *fixture,
                               gconstpointer  data)
{
  CpvProgram *jrca = cpv_program_registry_lookup (fixture->registry, "jrca-isms");
  CpvProgram *isc2 = cpv_program_registry_lookup (fixture->registry, "isc2");
  const CpvCredentialRules *assistant;
  const CpvCategory *book;

  g_assert_nonnull (jrca);
  g_assert_nonnull (isc2);
  assistant = cpv_program_lookup_credential (jrca, "ASSISTANT");
  book = cpv_program_lookup_category (isc2, "isc2.contributions.book-author");
  g_assert_nonnull (assistant);
  g_assert_nonnull (book);

  use_language ("ja");
  g_assert_cmpstr (cpv_program_get_localized_name (jrca), ==, "JRCA ISMS審査員");
  g_assert_cmpstr (cpv_credential_rules_get_localized_name (assistant), ==, "ISMS審査員補");
  g_assert_cmpstr (cpv_category_get_localized_name (book), ==, "専門職への貢献: 本 - 著者");
  /* The existing accessors keep returning the English (neutral) names. */
  g_assert_cmpstr (cpv_program_get_name (jrca), ==, "JRCA ISMS auditor");
  g_assert_cmpstr (assistant->name, ==, "ISMS assistant auditor");
  g_assert_cmpstr (book->label, ==, "Contributions: Book, author");

  use_language ("en");
  g_assert_cmpstr (cpv_program_get_localized_name (jrca), ==, "JRCA ISMS auditor");
  g_assert_cmpstr (cpv_credential_rules_get_localized_name (assistant), ==,
                   "ISMS assistant auditor");
  g_assert_cmpstr (cpv_category_get_localized_name (book), ==, "Contributions: Book, author");

  /* A language the file has no name in falls through to the next, then to English. */
  use_language ("fr:ja");
  g_assert_cmpstr (cpv_credential_rules_get_localized_name (assistant), ==, "ISMS審査員補");
  use_language ("fr");
  g_assert_cmpstr (cpv_credential_rules_get_localized_name (assistant), ==,
                   "ISMS assistant auditor");
}

/* ISC2-REC-1: the kinds of proof a category accepts are named in the user's language and
 * joined with its list separator; no raw program key ("certificate", "roster") shows. */
static CpvRecordReadiness *
course_without_proof (RulesFixture *fixture)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);

  activity->id = 7;
  activity->title = g_strdup ("Cloud seminar");
  activity->category = g_strdup ("isc2.education.course");
  activity->start_date = g_strdup ("2024-03-01");
  activity->end_date = g_strdup ("2024-03-01");
  activity->credits = 3;
  return cpv_readiness_evaluate_activity (fixture->registry, activity, none);
}

static void
test_readiness_kinds_japanese (RulesFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(CpvRecordReadiness) readiness = NULL;
  const CpvReadinessGap *gap;
  static const char * const raw_keys[] = { "certificate", "diploma", "attendance", "receipt",
                                           "minutes", "roster" };

  use_language ("ja");
  readiness = course_without_proof (fixture);
  gap = cpv_record_readiness_find_gap (readiness, "ISC2-REC-1");
  g_assert_nonnull (gap);
  g_assert_nonnull (strstr (gap->text, "このカテゴリーで認められる種類の証明（"));
  g_assert_nonnull (strstr (gap->text, "修了証、卒業証書・学位記、出席証明、領収書、議事録、"
                                       "出席者名簿"));
  for (gsize i = 0; i < G_N_ELEMENTS (raw_keys); i++)
    g_assert_null (strstr (gap->text, raw_keys[i]));
  g_assert_null (strstr (gap->text, ", "));
  g_assert_cmpstr (cpv_evidence_kind_label ("isbn-proof"), ==, "所持証明");
  g_assert_cmpstr (cpv_evidence_kind_label ("form-5a"), ==, "様式 5A");
}

static void
test_readiness_kinds_english (RulesFixture  *fixture,
                              gconstpointer  data)
{
  static const char * const program_ids[] = { "isc2", "jrca-isms" };
  g_autoptr(CpvRecordReadiness) readiness = NULL;
  const CpvReadinessGap *gap;

  use_language ("en");
  readiness = course_without_proof (fixture);
  gap = cpv_record_readiness_find_gap (readiness, "ISC2-REC-1");
  g_assert_nonnull (gap);
  g_assert_nonnull (strstr (gap->text, "(Certificate, Diploma, Proof of Attendance, Receipt, "
                                       "Minutes, Attendance Roster)"));
  g_assert_cmpstr (cpv_evidence_kind_label ("publication-copy"), ==, "Copy of the Publication");
  g_assert_cmpstr (cpv_evidence_kind_label (NULL), ==, "Other");

  /* Every kind a shipped program file names, and every stored kind, has a label of its own. */
  for (const char * const *kind = cpv_evidence_kinds (); *kind != NULL; kind++)
    g_assert_cmpstr (cpv_evidence_kind_label (*kind), !=, *kind);
  for (gsize p = 0; p < G_N_ELEMENTS (program_ids); p++)
    {
      CpvProgram *program = cpv_program_registry_lookup (fixture->registry, program_ids[p]);
      GPtrArray *categories;

      g_assert_nonnull (program);
      categories = cpv_program_get_categories (program);
      g_assert_cmpuint (categories->len, >, 0);
      for (guint i = 0; i < categories->len; i++)
        {
          const CpvCategory *category = categories->pdata[i];

          for (guint j = 0; category->evidence_kinds[j] != NULL; j++)
            g_assert_cmpstr (cpv_evidence_kind_label (category->evidence_kinds[j]), !=,
                             category->evidence_kinds[j]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = rules_test_isolate_data_home ();
  const char *localedir = g_getenv ("CPV_TEST_LOCALEDIR");
  g_autofree char *catalogue = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (localedir == NULL)
    g_error ("CPV_TEST_LOCALEDIR is not set: run this test through meson test");
  catalogue = g_build_filename (localedir, "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was not built: build the project (ninja) before running the test", catalogue);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  RULES_TEST ("/i18n/status/ISC2-CALC-3/over-cap-japanese", test_status_over_cap_japanese);
  RULES_TEST ("/i18n/status/ISC2-CALC-3/over-cap-english", test_status_over_cap_english);
  RULES_TEST ("/i18n/status/ISC2-SUSP-1/suspended-japanese", test_status_suspended_japanese);
  g_test_add ("/i18n/vault/wrong-passphrase-japanese", CpvTestVault, NULL,
              cpv_test_vault_setup, test_vault_wrong_passphrase_japanese,
              cpv_test_vault_teardown);
  g_test_add ("/i18n/vault/wrong-passphrase-english", CpvTestVault, NULL,
              cpv_test_vault_setup, test_vault_wrong_passphrase_english,
              cpv_test_vault_teardown);
  g_test_add ("/i18n/vault/missing-japanese", CpvTestVault, NULL,
              cpv_test_dir_setup, test_vault_missing_japanese, cpv_test_vault_teardown);
  RULES_TEST ("/i18n/programs/localized-names", test_programs_localized_names);
  RULES_TEST ("/i18n/readiness/ISC2-REC-1/evidence-kinds-japanese", test_readiness_kinds_japanese);
  RULES_TEST ("/i18n/readiness/ISC2-REC-1/evidence-kinds-english", test_readiness_kinds_english);

  status = g_test_run ();
  rules_test_remove_tree (data_home);
  return status;
}
