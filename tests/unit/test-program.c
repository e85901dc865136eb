/* test-program.c — loading credential programs from XML
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cpv-jrca.h"
#include "cpv-program.h"
#include "rules-test-util.h"

typedef struct
{
  char *dir;        /* a fresh directory for the files a test writes */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-program-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rules_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
shipped_path (const char *name)
{
  g_autofree char *dir = cpv_program_registry_get_system_dir ();

  return g_build_filename (dir, name, NULL);
}

static CpvProgramRegistry *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  CpvProgramRegistry *registry = cpv_program_registry_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (registry);
  return registry;
}

#define MINIMAL_HEAD \
  "<?xml version=\"1.0\"?>\n" \
  "<program id=\"isaca\" kind=\"cpe\" format=\"1\">\n" \
  "  <name>ISACA</name>\n"
#define MINIMAL_CREDENTIAL \
  "  <credentials>\n" \
  "    <credential code=\"CISM\" cycle-years=\"3\">\n" \
  "      <name>CISM</name>\n" \
  "      <requirements><cycle total=\"120\" group-a-min=\"120\"/></requirements>\n" \
  "    </credential>\n" \
  "  </credentials>\n"
#define MINIMAL_PROGRAM MINIMAL_HEAD MINIMAL_CREDENTIAL \
  "  <categories>\n" \
  "    <category key=\"isaca.cpe.course\" group=\"A\"><name>Course</name></category>\n" \
  "  </categories>\n" \
  "</program>\n"

/* ---- shipped programs ----------------------------------------------------------------------- */

static void
test_shipped_load (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  CpvProgram *isc2, *jrca, *owner = NULL;
  const CpvCategory *category;
  const CpvCredentialRules *cissp;

  g_assert_cmpuint (cpv_program_registry_get_programs (registry)->len, ==, 2);
  g_assert_cmpuint (cpv_program_registry_get_problems (registry)->len, ==, 0);
  isc2 = cpv_program_registry_lookup (registry, "isc2");
  jrca = cpv_program_registry_lookup (registry, "jrca-isms");
  g_assert_nonnull (isc2);
  g_assert_nonnull (jrca);
  g_assert_cmpint (cpv_program_get_kind (isc2), ==, CPV_PROGRAM_KIND_CPE);
  g_assert_cmpint (cpv_program_get_kind (jrca), ==, CPV_PROGRAM_KIND_JRCA);
  g_assert_cmpstr (cpv_program_get_name (isc2), ==, "ISC2");
  g_assert_null (cpv_program_registry_lookup (registry, "isaca"));

  cissp = cpv_program_registry_lookup_credential (registry, "isc2", "CISSP", NULL);
  g_assert_nonnull (cissp);
  g_assert_cmpint (cissp->cycle_years, ==, 3);
  g_assert_true (cissp->group_b_allowed);
  g_assert_cmpuint (cissp->requirement_sets->len, ==, 1);
  g_assert_null (cpv_program_registry_lookup_credential (registry, "isc2", "CISM", NULL));

  category = cpv_program_registry_lookup_category (registry, "isc2.education.self-study-book",
                                                   &owner);
  g_assert_nonnull (category);
  g_assert_true (owner == isc2);
  g_assert_cmpint (category->group, ==, 'A');
  g_assert_cmpfloat_with_epsilon (category->max_credits, 5, 1e-9);
  g_assert_cmpstr (category->per, ==, "book");
  g_assert_null (cpv_program_registry_lookup_category (registry, "isc2.nothing", NULL));
}

static void
test_isc2_categories (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  GPtrArray *categories = cpv_program_get_categories (cpv_program_registry_lookup (registry, "isc2"));
  const CpvCategory *book, *course;

  /* Keys are stable lowercase identifiers; every category has a group and evidence. */
  g_assert_cmpuint (categories->len, >=, 30);
  for (guint i = 0; i < categories->len; i++)
    {
      const CpvCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *lower = g_ascii_strdown (category->key, -1);

      g_assert_cmpstr (category->key, ==, lower);
      g_assert_true (g_str_has_prefix (category->key, "isc2."));
      g_assert_true (category->group == 'A' || category->group == 'B');
      g_assert_cmpuint (g_strv_length (category->evidence_kinds), >, 0);
      g_assert_cmpstr (category->evidence_rule, !=, NULL);
      if (category->max_credits >= 0)
        g_assert_cmpstr (category->max_rule, ==, "ISC2-CAT-1");
    }
  /* ISC2-REC-1: certificates and attendance; ISC2-REC-2: proof of possession for books. */
  course = cpv_program_lookup_category (cpv_program_registry_lookup (registry, "isc2"),
                                        "isc2.education.course");
  g_assert_true (g_strv_contains ((const char * const *) course->evidence_kinds, "certificate"));
  g_assert_true (g_strv_contains ((const char * const *) course->evidence_kinds, "attendance"));
  g_assert_cmpint (course->description_max_words, ==, 250);
  book = cpv_program_registry_lookup_category (registry, "isc2.education.self-study-book", NULL);
  g_assert_true (g_strv_contains ((const char * const *) book->evidence_kinds,
                                  "proof-of-possession"));
  g_assert_true (g_strv_contains ((const char * const *) book->required_fields, "isbn"));
  g_assert_true (g_strv_contains ((const char * const *) book->required_fields, "author"));
  g_assert_cmpint (cpv_program_registry_lookup_category (
                     registry, "isc2.professional-development.entry", NULL)->group, ==, 'B');
}

static void
test_isc2_periods (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  const char *path = g_test_get_path ();
  const CpvCredentialRules *rules =
    cpv_program_registry_lookup_credential (registry, "isc2", "CISSP", NULL);
  const CpvPeriod *period = NULL;
  int days = 0;

  if (strstr (path, "ISC2-AUDIT-1"))
    period = &rules->audit_response, days = 90;
  else if (strstr (path, "ISC2-APPEAL-1"))
    period = &rules->appeal, days = 90;
  else if (strstr (path, "ISC2-PARTNER-1"))
    period = &rules->partner_reflection, days = 42;
  else if (strstr (path, "ISC2-GRACE-1"))
    period = &rules->grace, days = 90;
  g_assert_nonnull (period);
  g_assert_cmpint (period->unit, ==, CPV_PERIOD_DAYS);
  g_assert_cmpint (period->count, ==, days);
  g_assert_nonnull (period->rule);
  g_assert_true (strstr (path, period->rule) != NULL);
  g_assert_cmpuint (cpv_period_add (period, 100000, 1), ==, 100000 + days);
}

static void
test_isc2_retention_and_suspension (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  const CpvCredentialRules *associate =
    cpv_program_registry_lookup_credential (registry, "isc2", "ASSOCIATE", NULL);
  CpvDay leap = 0;

  g_assert_cmpint (associate->cycle_years, ==, 1);
  g_assert_cmpint (associate->retention.unit, ==, CPV_PERIOD_MONTHS);
  g_assert_cmpint (associate->retention.count, ==, 12);
  g_assert_cmpint (associate->suspension.unit, ==, CPV_PERIOD_YEARS);
  g_assert_cmpint (associate->suspension.count, ==, 2);
  g_assert_cmpstr (associate->suspension.rule, ==, "ISC2-SUSP-2");
  g_assert_true (cpv_day_parse ("2024-02-29", &leap));
  g_assert_cmpuint (cpv_period_add (&associate->retention, leap, 1), ==,
                    cpv_day_from_ymd (2025, 2, 28));
}

static void
test_jrca_cpd_kinds (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *kinds[] = { "jrca-course", "iaf-body-training", "other-training",
                                 "self-study", "audit-experience" };
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  GPtrArray *categories =
    cpv_program_get_categories (cpv_program_registry_lookup (registry, "jrca-isms"));

  g_assert_cmpuint (categories->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *key = g_strconcat ("jrca.cpd.", kinds[i], NULL);
      const CpvCategory *category = cpv_program_registry_lookup_category (registry, key, NULL);
      CpvJrcaCpdKind kind;

      g_assert_nonnull (category);
      /* The key's last part is the jrca engine's stable CPD kind key. */
      g_assert_true (cpv_jrca_cpd_kind_from_key (kinds[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (category->evidence_rule, ==, "JRCA-CPD-2");
      g_assert_true (g_strv_contains ((const char * const *) category->evidence_kinds, "form-4a"));
    }
}

static void
test_jrca_dates_agree (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *codes[] = { "ASSISTANT", "AUDITOR", "LEAD", "EXPERT" };
  static const char *dues[] = { "2025-03-31", "2024-08-31", "2024-02-29", "2025-11-30",
                                "2025-04-15", "2024-06-01" };
  g_autoptr(CpvProgramRegistry) registry = load_default ();

  /* The periods of the program file and the jrca engine's arithmetic are the same rule. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const CpvCredentialRules *rules =
        cpv_program_registry_lookup_credential (registry, "jrca-isms", codes[i], NULL);

      g_assert_nonnull (rules);
      g_assert_cmpint (rules->cycle_years, ==, 3);
      for (guint j = 0; j < G_N_ELEMENTS (dues); j++)
        {
          CpvDay due = 0;

          g_assert_true (cpv_day_parse (dues[j], &due));
          g_assert_cmpuint (cpv_period_add (&rules->application_window, due, -1), ==,
                            cpv_jrca_application_window_opens (due));
          g_assert_cmpuint (cpv_period_add (&rules->restoration, due, 1), ==,
                            cpv_jrca_restoration_limit (due, FALSE));
          /* The seed counts the 3 extra months from the restoration limit, the jrca engine
           * from the due date; both agree unless month ends clamp (see below). */
          if (g_str_has_suffix (dues[j], "-31") || g_str_has_suffix (dues[j], "-30") ||
              g_str_has_suffix (dues[j], "-29"))
            continue;
          g_assert_cmpuint (cpv_period_add (&rules->restoration_extension,
                                            cpv_period_add (&rules->restoration, due, 1), 1), ==,
                            cpv_jrca_restoration_limit (due, TRUE));
        }
      /* 2024-08-31 + 6 months = 2025-02-28 (restoration limit), + 3 months = 2025-05-28. */
      g_assert_cmpuint (cpv_period_add (&rules->restoration_extension,
                                        cpv_period_add (&rules->restoration,
                                                        cpv_day_from_ymd (2024, 8, 31), 1), 1),
                        ==, cpv_day_from_ymd (2025, 5, 28));
    }
  g_assert_cmpfloat_with_epsilon (cpv_program_registry_lookup_credential (registry, "jrca-isms",
                                                                          "EXPERT", NULL)
                                    ->cpd_hours_per_year, CPV_JRCA_EXPERT_CPD_HOURS, 1e-9);
}

/* ---- broken files ---------------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *reason;     /* a piece of the message */
} BrokenRow;

static void
test_broken_files (Fixture       *fixture,
                   gconstpointer  data)
{
  static const BrokenRow rows[] = {
    { "empty", "", CPV_RULES_ERROR_MALFORMED, "well-formed" },
    { "not-xml", "credentials: CISSP\n", CPV_RULES_ERROR_MALFORMED, ":1:" },
    { "unclosed", MINIMAL_HEAD "  <credentials>\n    <credential>\n</program>\n",
      CPV_RULES_ERROR_MALFORMED, "unclosed.xml:7:" },
    { "wrong-root", "<?xml version=\"1.0\"?>\n<vault/>\n", CPV_RULES_ERROR_INVALID, "vault" },
    { "no-credentials", MINIMAL_HEAD "</program>\n", CPV_RULES_ERROR_INVALID, "program" },
    { "bad-number",
      MINIMAL_HEAD "  <credentials>\n    <credential code=\"CISM\" cycle-years=\"three\">\n"
      "      <name>CISM</name>\n    </credential>\n  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, ":5:" },
    { "negative-credits",
      MINIMAL_HEAD "  <credentials>\n    <credential code=\"CISM\" cycle-years=\"3\">\n"
      "      <name>CISM</name>\n      <requirements><cycle total=\"-5\"/></requirements>\n"
      "    </credential>\n  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "line" },
    { "group-a-above-total",
      MINIMAL_HEAD "  <credentials>\n    <credential code=\"CISM\" cycle-years=\"3\">\n"
      "      <name>CISM</name>\n      <requirements><cycle total=\"20\" group-a-min=\"30\"/>"
      "</requirements>\n    </credential>\n  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "more Group A" },
    { "link-to-unknown",
      MINIMAL_HEAD "  <credentials>\n    <credential code=\"CISM\" cycle-years=\"3\">\n"
      "      <name>CISM</name>\n      <link kind=\"counts-toward\" to=\"CISA\"/>\n"
      "    </credential>\n  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "CISA" },
    { "when-held-unknown",
      MINIMAL_HEAD "  <credentials>\n    <credential code=\"CISM\" cycle-years=\"3\">\n"
      "      <name>CISM</name>\n      <requirements when-held=\"CISA\"><cycle total=\"20\"/>"
      "</requirements>\n    </credential>\n  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "CISA" },
    { "unknown-fee-tier",
      MINIMAL_HEAD "  <fees currency=\"USD\" due=\"anniversary\"><fee tier=\"full\" amount=\"45\"/>"
      "</fees>\n  <credentials>\n    <credential code=\"CISM\" cycle-years=\"3\" "
      "fee-tier=\"gold\">\n      <name>CISM</name>\n    </credential>\n  </credentials>\n"
      "</program>\n",
      CPV_RULES_ERROR_INVALID, "gold" },
    { "duplicate-code",
      MINIMAL_HEAD "  <credentials>\n"
      "    <credential code=\"CISM\" cycle-years=\"3\"><name>CISM</name></credential>\n"
      "    <credential code=\"CISM\" cycle-years=\"3\"><name>CISM</name></credential>\n"
      "  </credentials>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "twice" },
    { "duplicate-category",
      MINIMAL_HEAD MINIMAL_CREDENTIAL "  <categories>\n"
      "    <category key=\"isaca.x\"><name>X</name></category>\n"
      "    <category key=\"isaca.x\"><name>Y</name></category>\n"
      "  </categories>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "twice" },
    { "uppercase-key",
      MINIMAL_HEAD MINIMAL_CREDENTIAL "  <categories>\n"
      "    <category key=\"ISACA.Course\"><name>X</name></category>\n"
      "  </categories>\n</program>\n",
      CPV_RULES_ERROR_INVALID, "line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *name = g_strconcat (rows[i].name, ".xml", NULL);
      g_autofree char *path = write_file (fixture->dir, name, rows[i].contents, -1);
      g_autofree char *schema = cpv_program_registry_get_schema_path ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvProgram) program = cpv_program_new_from_file (path, schema, &error);

      g_test_message ("%s: %s", rows[i].name, error ? error->message : "(loaded)");
      g_assert_null (program);
      g_assert_error (error, CPV_RULES_ERROR, rows[i].code);
      /* The message names the file and says why. */
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, rows[i].reason));
    }
}

static void
test_broken_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *source = shipped_path ("isc2.xml");
  g_autofree char *contents = NULL;
  g_autofree char *schema = cpv_program_registry_get_schema_path ();
  gsize length = 0;
  guint refused = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  /* Cut the real file everywhere (and flip a byte): always an error, never a crash. */
  for (gsize cut = 0; cut < length; cut += MAX (1, length / 150))
    {
      g_autofree char *path = write_file (fixture->dir, "cut.xml", contents, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvProgram) program = cpv_program_new_from_file (path, schema, &error);

      g_assert_null (program);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CPV_RULES_ERROR);
      refused++;
    }
  for (gsize at = 0; at < length; at += MAX (1, length / 100))
    {
      g_autofree char *flipped = g_memdup2 (contents, length);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvProgram) program = NULL;

      flipped[at] = flipped[at] == '<' ? '>' : '<';
      path = write_file (fixture->dir, "flip.xml", flipped, length);
      program = cpv_program_new_from_file (path, schema, &error);
      g_assert_true ((program == NULL) == (error != NULL));
    }
  g_assert_cmpuint (refused, >=, 100);
}

static void
test_no_external_entities (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *secret_path = write_file (fixture->dir, "secret.txt", "TOP-SECRET", -1);
  g_autofree char *contents = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE program [<!ENTITY leak SYSTEM \"file://%s\">]>\n"
    "<program id=\"isaca\" kind=\"cpe\" format=\"1\">\n"
    "  <name>&leak;</name>\n" MINIMAL_CREDENTIAL "</program>\n", secret_path);
  g_autofree char *path = write_file (fixture->dir, "entity.xml", contents, -1);
  g_autofree char *schema = cpv_program_registry_get_schema_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvProgram) program = cpv_program_new_from_file (path, schema, &error);

  /* Whether refused or loaded, the file behind the entity is never read into the program. */
  if (program != NULL)
    g_assert_null (strstr (cpv_program_get_name (program), "TOP-SECRET"));
  else
    g_assert_null (strstr (error->message, "TOP-SECRET"));
}

static void
test_schema_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("CPV_SCHEMAS_DIR"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;

  g_setenv ("CPV_SCHEMAS_DIR", fixture->dir, TRUE);
  registry = cpv_program_registry_new_default (&error);
  g_assert_null (registry);
  g_assert_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "CPV_SCHEMAS_DIR"));
  g_setenv ("CPV_SCHEMAS_DIR", saved, TRUE);
}

static void
test_shipped_broken_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("CPV_PROGRAMS_DIR"));
  g_autofree char *path = write_file (fixture->dir, "broken.xml", "<program", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;

  /* A broken shipped file is a broken installation: loading fails and names the file. */
  g_setenv ("CPV_PROGRAMS_DIR", fixture->dir, TRUE);
  registry = cpv_program_registry_new_default (&error);
  g_assert_null (registry);
  g_assert_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, path));
  g_setenv ("CPV_PROGRAMS_DIR", saved, TRUE);
}

/* ---- the user's programs --------------------------------------------------------------------- */

static void
test_user_programs (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *user_dir = cpv_program_registry_get_user_dir ();
  g_autofree char *valid = NULL, *invalid = NULL, *clash = NULL, *key_clash = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(GString) clash_text = NULL;
  GPtrArray *problems;
  CpvProgram *isaca;

  /* main() made $XDG_DATA_HOME a fresh directory. */
  g_assert_true (g_str_has_prefix (user_dir, g_get_user_data_dir ()));
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  valid = write_file (user_dir, "isaca.xml", MINIMAL_PROGRAM, -1);
  invalid = write_file (user_dir, "comptia.xml",
                        "<?xml version=\"1.0\"?>\n<program id=\"comptia\" kind=\"cpe\" "
                        "format=\"1\">\n</program>\n", -1);
  clash_text = g_string_new (MINIMAL_PROGRAM);
  g_string_replace (clash_text, "id=\"isaca\"", "id=\"isc2\"", 1);
  g_string_replace (clash_text, "isaca.cpe.course", "other.course", 1);
  clash = write_file (user_dir, "my-isc2.xml", clash_text->str, -1);
  g_string_replace (clash_text, "id=\"isc2\"", "id=\"mine\"", 1);
  g_string_replace (clash_text, "other.course", "isc2.education.course", 1);
  key_clash = write_file (user_dir, "mine.xml", clash_text->str, -1);
  g_free (write_file (user_dir, "notes.txt", "not a program", -1));

  registry = load_default ();
  isaca = cpv_program_registry_lookup (registry, "isaca");
  g_assert_nonnull (isaca);
  g_assert_cmpstr (cpv_program_get_path (isaca), ==, valid);
  g_assert_nonnull (cpv_program_lookup_credential (isaca, "CISM"));
  g_assert_nonnull (cpv_program_registry_lookup_category (registry, "isaca.cpe.course", NULL));
  g_assert_cmpuint (cpv_program_registry_get_programs (registry)->len, ==, 3);

  /* The invalid file and the two clashing ones are reported and skipped; the shipped ISC2
   * program stays the one loaded. */
  problems = cpv_program_registry_get_problems (registry);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 0))->message, invalid));
  g_assert_error ((GError *) g_ptr_array_index (problems, 1), CPV_RULES_ERROR, CPV_RULES_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 1))->message, "mine.xml"));
  g_assert_error ((GError *) g_ptr_array_index (problems, 2), CPV_RULES_ERROR, CPV_RULES_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 2))->message, clash));
  g_assert_cmpstr (cpv_program_get_name (cpv_program_registry_lookup (registry, "isc2")), ==,
                   "ISC2");
  g_assert_null (cpv_program_registry_lookup (registry, "comptia"));
  g_assert_null (cpv_program_registry_lookup (registry, "mine"));
  rules_test_remove_tree (user_dir);
}

/* ---- output ---------------------------------------------------------------------------------- */

static void
test_programs_output (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CpvProgramRegistry) registry = load_default ();
  g_autofree char *xml = cpv_programs_to_xml (registry);
  g_autofree char *text = cpv_programs_to_text (registry);

  g_assert_true (g_str_has_prefix (xml, "<?xml"));
  g_assert_nonnull (strstr (xml, "<program id=\"isc2\""));
  g_assert_nonnull (strstr (xml, "<credential code=\"CISSP\""));
  g_assert_nonnull (strstr (xml, "<category key=\"isc2.education.self-study-book\" group=\"A\" "
                                 "max-credits=\"5.00\""));
  g_assert_nonnull (strstr (xml, "<category key=\"isc2.professional-development.entry\" "
                                 "group=\"B\" max-credits=\"40.00\""));
  g_assert_nonnull (strstr (xml, "<category key=\"isc2.education.course\" group=\"A\" name="));
  g_assert_nonnull (strstr (xml, "<program id=\"jrca-isms\" kind=\"jrca\""));
  g_assert_nonnull (strstr (xml, "<category key=\"jrca.cpd.self-study\" name="));

  g_assert_nonnull (strstr (text, "isc2 — ISC2"));
  g_assert_nonnull (strstr (text, "CISSP"));
  g_assert_nonnull (strstr (text, "isc2.education.self-study-white-paper"));
  g_assert_nonnull (strstr (text, "  1.00"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = rules_test_isolate_data_home ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/program/shipped/load", test_shipped_load);
  ADD ("/program/shipped/isc2-categories", test_isc2_categories);
  ADD ("/rules/isc2/ISC2-REC-1/evidence-kinds-per-category", test_isc2_categories);
  ADD ("/rules/isc2/ISC2-AUDIT-1/response-period-in-program", test_isc2_periods);
  ADD ("/rules/isc2/ISC2-APPEAL-1/appeal-period-in-program", test_isc2_periods);
  ADD ("/rules/isc2/ISC2-PARTNER-1/six-weeks-in-program", test_isc2_periods);
  ADD ("/rules/isc2/ISC2-GRACE-1/ninety-days-in-program", test_isc2_periods);
  ADD ("/rules/isc2/ISC2-SUSP-2/periods-in-program", test_isc2_retention_and_suspension);
  ADD ("/rules/jrca/JRCA-CPD-2/five-kinds-with-evidence", test_jrca_cpd_kinds);
  ADD ("/rules/jrca/JRCA-DATE-2/program-periods-match-engine", test_jrca_dates_agree);
  ADD ("/program/broken/table", test_broken_files);
  ADD ("/program/broken/truncated-and-flipped", test_broken_truncated);
  ADD ("/program/broken/no-external-entities", test_no_external_entities);
  ADD ("/program/broken/schema-missing", test_schema_missing);
  ADD ("/program/broken/shipped-file-fails-loading", test_shipped_broken_fails);
  ADD ("/program/user-dir/extra-programs", test_user_programs);
  ADD ("/program/output/xml-and-text", test_programs_output);
#undef ADD

  status = g_test_run ();
  rules_test_remove_tree (data_home);
  return status;
}
