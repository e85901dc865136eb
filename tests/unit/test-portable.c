/* test-portable.c — `status`, `programs`, `export` and `import` of the real cpe-vault-cli
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "cpv-audit.h"
#include "cpv-evidence.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-portable.h"
#include "cpv-records.h"
#include "cpv-test-cli.h"
#include "cpv-test-util.h"
#include "cpv-vault.h"

typedef struct
{
  CpvTestVault  base;     /* base.vault: the source vault, open */
  CpvTestCli    cli;      /* in base.dir; each command names its vault */
} Fixture;

/* ---- helpers ---------------------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cpv_test_vault_setup (&f->base, data);
  cpv_test_cli_set_up_in (&f->cli, f->base.dir, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cpv_test_vault_teardown (&f->base, data);
  cpv_test_cli_tear_down (&f->cli);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->base.dir, name, NULL);
}

/* Runs cpe-vault-cli; the vault is closed meanwhile so that the child sees everything
 * written. */
static int
run_cli (Fixture    *f,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = cpv_test_cli_run_valist (&f->cli, first, args);
  va_end (args);
  return status;
}

static char *
schema_path (const char *name)
{
  const char *dir = g_getenv ("CPV_SCHEMAS_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
assert_valid (xmlDoc     *doc,
              const char *schema_name)
{
  g_autofree char *path = schema_path (schema_name);
  xmlRelaxNGParserCtxt *parser = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNG *schema = xmlRelaxNGParse (parser);
  xmlRelaxNGValidCtxt *validator;

  g_assert_nonnull (schema);
  validator = xmlRelaxNGNewValidCtxt (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (validator, doc), ==, 0);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (parser);
}

/* The value of an XPath string expression, e.g. "string(//credential[@id='1']/@state)". */
static char *
xpath_string (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result = xmlXPathEvalExpression (BAD_CAST expression, context);
  char *value;

  g_assert_nonnull (result);
  g_assert_cmpint (result->type, ==, XPATH_STRING);
  value = g_strdup ((const char *) result->stringval);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

static double
xpath_number (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result = xmlXPathEvalExpression (BAD_CAST expression, context);
  double value;

  g_assert_nonnull (result);
  value = xmlXPathCastToNumber (result);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

#define assert_xpath_str(doc, expression, expected) \
  G_STMT_START { \
    g_autofree char *value__ = xpath_string ((doc), (expression)); \
    g_assert_cmpstr (value__, ==, (expected)); \
  } G_STMT_END

static gint64
add_credential (CpvVault   *vault,
                const char *program,
                const char *code,
                const char *cycle_start,
                const char *cycle_end)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup (program);
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup (cycle_start);
  credential->cycle_end = g_strdup (cycle_end);
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_activity (CpvVault   *vault,
              gint64      credential_id,
              char        group,
              const char *category,
              const char *end_date,
              double      credits,
              const char *title)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  activity->title = g_strdup (title);
  activity->category = g_strdup (category);
  activity->start_date = g_strdup (end_date);
  activity->end_date = g_strdup (end_date);
  activity->credits = credits;
  activity->hours = credits;
  if (g_str_has_suffix (category, "book"))
    {
      activity->isbn = g_strdup ("9780306406157");
      activity->author = g_strdup ("A. Author");
      activity->publisher = g_strdup ("Publisher");
    }
  cpv_activity_add_credit_line (activity, credential_id, group);
  id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_jrca_auditor (CpvVault *vault)
{
  g_autoptr(GError) error = NULL;
  CpvJrcaRegistration *registration;
  CpvJrcaAudit *audit;
  gint64 credential_id;

  credential_id = add_credential (vault, "jrca-isms", "AUDITOR", "2024-07-01", "2027-06-30");
  registration = cpv_jrca_registration_new ();
  registration->credential_id = credential_id;
  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->registration_number = g_strdup ("A12345");
  registration->maintenance_deadline = cpv_day_from_ymd (2025, 6, 30);
  registration->expiry_date = cpv_day_from_ymd (2027, 6, 30);
  registration->previous_renewal_application = cpv_day_from_ymd (2024, 5, 1);
  registration->applicant_name = g_strdup ("規格 花子");
  cpv_vault_add_jrca_registration (vault, registration, &error);
  g_assert_no_error (error);
  cpv_jrca_registration_free (registration);

  /* JRCA-DAYS-1: 7 h + 3.5 h on two audit days = 1.5 days */
  audit = cpv_jrca_audit_new ();
  audit->credential_id = credential_id;
  audit->organisation = g_strdup ("Example KK, head office (ISMS)");
  audit->certification_body = g_strdup ("Example Certification");
  audit->body_iaf_accredited = TRUE;
  audit->management_system = g_strdup ("ISMS");
  audit->onsite_start = cpv_day_from_ymd (2024, 9, 10);
  audit->onsite_end = cpv_day_from_ymd (2024, 9, 11);
  cpv_jrca_audit_add_day (audit, cpv_day_from_ymd (2024, 9, 10), 7);
  cpv_jrca_audit_add_day (audit, cpv_day_from_ymd (2024, 9, 11), 3.5);
  audit->role = CPV_JRCA_ROLE_MEMBER;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_MEMBER_ALL;
  audit->attested_by_org = TRUE;
  audit->has_schedule = TRUE;
  cpv_vault_add_jrca_audit (vault, audit, &error);
  g_assert_no_error (error);
  cpv_jrca_audit_free (audit);
  return credential_id;
}

/* ---- status ----------------------------------------------------------------------------- */

static void
test_status_xml (Fixture       *f,
                 gconstpointer  data)
{
  CpvVault *vault = f->base.vault;
  g_autofree char *on_cissp = NULL;
  g_autofree char *expression = NULL;
  xmlDoc *doc;
  gint64 cissp, auditor, book, big, odd;

  cissp = add_credential (vault, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  auditor = add_jrca_auditor (vault);
  add_activity (vault, cissp, 'A', "isc2.education.course", "2023-06-30", 20, "Course");
  /* ISC2-CAT-1: a book counts at most 5 */
  book = add_activity (vault, cissp, 'A', "isc2.education.self-study-book", "2023-08-01", 7,
                       "Book");
  /* ISC2-CALC-3: one activity counts at most 40 */
  big = add_activity (vault, cissp, 'A', "isc2.education.course", "2024-02-01", 50,
                      "Long course");
  /* ISC2-CALC-2: 1.3 is no quarter step; 1.25 counts */
  odd = add_activity (vault, cissp, 'A', "isc2.education.course", "2024-03-01", 1.3,
                      "Odd credits");
  add_activity (vault, cissp, 'B', "isc2.professional-development.entry", "2024-04-01", 8,
                "Professional development");
  g_clear_object (&f->base.vault);

  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "status", "--on", "2024-06-01",
                            "--format", "xml", NULL), ==, 0);
  doc = xmlReadMemory (f->cli.out, strlen (f->cli.out), "status.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  assert_valid (doc, "status.rng");

  assert_xpath_str (doc, "string(/status/@on)", "2024-06-01");
  on_cissp = g_strdup_printf ("/status/credential[@id='%" G_GINT64_FORMAT "']", cissp);

  expression = g_strdup_printf ("string(%s/@state)", on_cissp);
  assert_xpath_str (doc, expression, "active");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/@cycle-end)", on_cissp);
  assert_xpath_str (doc, expression, "2025-12-31");
  g_clear_pointer (&expression, g_free);

  /* Group A: 20 + 5 (book cap) + 40 (activity cap) + 1.25 (step) = 66.25 of 90 */
  expression = g_strdup_printf ("string(%s/requirement[@kind='group-a']/@earned)", on_cissp);
  assert_xpath_str (doc, expression, "66.25");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/requirement[@kind='group-a']/@required)", on_cissp);
  assert_xpath_str (doc, expression, "90.00");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/requirement[@kind='group-a']/@met)", on_cissp);
  assert_xpath_str (doc, expression, "false");
  g_clear_pointer (&expression, g_free);
  /* Total: 66.25 + 8 Group B = 74.25 of 120 */
  expression = g_strdup_printf ("string(%s/requirement[@kind='total']/@earned)", on_cissp);
  assert_xpath_str (doc, expression, "74.25");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/requirement[@kind='total']/@required)", on_cissp);
  assert_xpath_str (doc, expression, "120.00");
  g_clear_pointer (&expression, g_free);

  /* Deadlines: cycle end, 90 days of grace (ISC2-GRACE-1), retention 12 months (ISC2-REC-3) */
  expression = g_strdup_printf ("string(%s/deadline[@kind='cycle-end']/@date)", on_cissp);
  assert_xpath_str (doc, expression, "2025-12-31");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='grace-end']/@date)", on_cissp);
  assert_xpath_str (doc, expression, "2026-03-31");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='retention-until']/@date)",
                                on_cissp);
  assert_xpath_str (doc, expression, "2026-12-31");
  g_clear_pointer (&expression, g_free);

  /* Findings name the rule and the activity */
  expression = g_strdup_printf ("count(%s/finding[@rule='ISC2-CAT-1'][@activity='%"
                                G_GINT64_FORMAT "'])", on_cissp, book);
  g_assert_cmpfloat (xpath_number (doc, expression), ==, 1);
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("count(%s/finding[@rule='ISC2-CALC-3'][@activity='%"
                                G_GINT64_FORMAT "'])", on_cissp, big);
  g_assert_cmpfloat (xpath_number (doc, expression), ==, 1);
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("count(%s/finding[@rule='ISC2-CALC-2'][@activity='%"
                                G_GINT64_FORMAT "'])", on_cissp, odd);
  g_assert_cmpfloat (xpath_number (doc, expression), ==, 1);
  g_clear_pointer (&expression, g_free);

  /* JRCA: maintenance deadline, the window 3 months before (JRCA-DATE-1), restoration +6
   * months (JRCA-DATE-2), expiry */
  g_clear_pointer (&on_cissp, g_free);
  on_cissp = g_strdup_printf ("/status/credential[@id='%" G_GINT64_FORMAT "']", auditor);
  expression = g_strdup_printf ("string(%s/@program)", on_cissp);
  assert_xpath_str (doc, expression, "jrca-isms");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='maintenance']/@date)", on_cissp);
  assert_xpath_str (doc, expression, "2025-06-30");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='application-window']/@date)",
                                on_cissp);
  assert_xpath_str (doc, expression, "2025-03-30");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='restoration-limit']/@date)",
                                on_cissp);
  assert_xpath_str (doc, expression, "2025-12-30");
  g_clear_pointer (&expression, g_free);
  expression = g_strdup_printf ("string(%s/deadline[@kind='expiry']/@date)", on_cissp);
  assert_xpath_str (doc, expression, "2027-06-30");
  g_clear_pointer (&expression, g_free);
  xmlFreeDoc (doc);

  /* The text form is for people: it names both credentials. */
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "status", "--on", "2024-06-01", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (f->cli.out, "CISSP"));
  g_assert_nonnull (strstr (f->cli.out, "AUDITOR"));

  /* Usage errors exit 2, a bad date 1 with one line. */
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "status", "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "status", "--on", "2024-02-30", NULL),
                   ==, 1);
  g_assert_true (g_str_has_prefix (f->cli.err, "cpe-vault-cli: "));
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "status", "--format", "json", NULL),
                   ==, 1);
}

/* ---- programs --------------------------------------------------------------------------- */

static void
test_programs_xml (Fixture       *f,
                   gconstpointer  data)
{
  xmlDoc *doc;

  g_assert_cmpint (run_cli (f, "programs", "--format", "xml", NULL), ==, 0);
  doc = xmlReadMemory (f->cli.out, strlen (f->cli.out), "programs.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);

  /* A script finds a category by its properties. */
  assert_xpath_str (doc, "string(//program[@id='isc2']//category"
                         "[@key='isc2.education.self-study-book']/@group)", "A");
  assert_xpath_str (doc, "string(//program[@id='isc2']//category"
                         "[@key='isc2.education.self-study-book']/@max-credits)", "5.00");
  assert_xpath_str (doc, "string(//program[@id='isc2']//category"
                         "[@key='isc2.professional-development.entry']/@group)", "B");
  g_assert_cmpfloat (xpath_number (doc, "count(//program[@id='jrca-isms'])"), ==, 1);
  /* Every category has a stable lowercase key; every ISC2 category a group (JRCA has none). */
  g_assert_cmpfloat (xpath_number (doc, "count(//category)"), >, 10);
  g_assert_cmpfloat (xpath_number (doc, "count(//category[not(@key)])"), ==, 0);
  g_assert_cmpfloat (xpath_number (doc, "count(//program[@id='isc2']//category"
                                        "[not(@group)])"), ==, 0);
  assert_xpath_str (doc, "string(//program[@id='jrca-isms']//category"
                         "[@key='jrca.cpd.self-study']/@key)", "jrca.cpd.self-study");
  g_assert_cmpfloat (xpath_number (doc, "count(//category[translate(@key, "
                                        "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '') != @key])"), ==, 0);
  xmlFreeDoc (doc);
}

/* ---- export and import ------------------------------------------------------------------ */

/* A vault with every kind of record the format carries. */
static void
fill_vault (CpvVault   *vault,
            const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(CpvEvidence) original = NULL;
  g_autoptr(CpvEvidence) translation = NULL;
  g_autoptr(GInputStream) big = cpv_test_pattern_stream_new (700 * 1024, 7);
  g_autoptr(GInputStream) small = g_memory_input_stream_new_from_data ("報告書の訳", -1, NULL);
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  CpvEvidenceMeta meta = { "certificate", "amber", TRUE, "ja", "証明書.pdf" };
  CpvEvidenceMeta meta2 = { "translation", "clear", FALSE, "en", "translation.txt" };
  CpvJrcaCpd *cpd;
  CpvJrcaWork *work;
  CpvJrcaSectorWork *sector;
  g_autoptr(GPtrArray) audits = NULL;
  gint64 cissp, auditor, activity_id, audit_id;

  cissp = add_credential (vault, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  auditor = add_jrca_auditor (vault);

  activity->title = g_strdup ("Seminar <XML> & \"quotes\", 日本語");
  activity->category = g_strdup ("isc2.education.course");
  activity->start_date = g_strdup ("2023-11-01");
  activity->end_date = g_strdup ("2023-12-05");
  activity->credits = 2.75;
  activity->hours = 3.1;
  activity->provider = g_strdup ("Provider");
  activity->description = g_strdup ("Line one\nLine two\twith a tab");
  activity->submitted = TRUE;
  cpv_activity_add_credit_line (activity, cissp, 'A');
  activity_id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  add_activity (vault, cissp, 'B', "isc2.professional-development.entry", "2024-04-01", 0.1,
                "Tiny");

  original = cpv_vault_attach_evidence (vault, activity_id, big, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  translation = cpv_vault_attach_evidence (vault, activity_id, small, &meta2, NULL, NULL,
                                           &error);
  g_assert_no_error (error);
  translation->translation_of = original->id;
  cpv_vault_update_evidence_marks (vault, translation, &error);
  g_assert_no_error (error);

  cpd = cpv_jrca_cpd_new ();
  cpd->credential_id = auditor;
  cpd->date = cpv_day_from_ymd (2024, 10, 1);
  cpd->hours = 2.5;
  cpd->kind = CPV_JRCA_CPD_SELF_STUDY;
  cpd->title = g_strdup ("ISO/IEC 27001:2022 の改訂点");
  cpd->purpose = g_strdup ("目的");
  cpv_vault_add_jrca_cpd (vault, cpd, &error);
  g_assert_no_error (error);

  /* The files of the JRCA records: they name evidence written after them in the document. */
  audits = cpv_vault_list_jrca_audits (vault, auditor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  audit_id = ((CpvJrcaAudit *) audits->pdata[0])->id;
  cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id, translation->id,
                                "report", &error);
  g_assert_no_error (error);
  cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id, original->id,
                                "schedule", &error);
  g_assert_no_error (error);
  cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_CPD, cpd->id, original->id,
                                "certificate", &error);
  g_assert_no_error (error);
  cpv_jrca_cpd_free (cpd);

  work = cpv_jrca_work_new ();
  work->credential_id = auditor;
  work->start = cpv_day_from_ymd (2015, 4, 1);
  work->organisation = g_strdup ("Example KK");
  work->kinds = CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY;
  cpv_vault_add_jrca_work (vault, work, &error);
  g_assert_no_error (error);
  cpv_jrca_work_free (work);

  sector = cpv_jrca_sector_work_new ();
  sector->credential_id = auditor;
  sector->sector = 33;
  sector->start = cpv_day_from_ymd (2015, 4, 1);
  sector->end = cpv_day_from_ymd (2019, 3, 31);
  sector->full_time = TRUE;
  cpv_vault_add_jrca_sector_work (vault, sector, &error);
  g_assert_no_error (error);
  cpv_jrca_sector_work_free (sector);

  request->credential_id = cissp;
  request->received = cpv_day_from_ymd (2024, 5, 1);
  request->note = g_strdup ("Audit note");
  cpv_audit_request_add_activity (request, activity_id);
  cpv_vault_add_audit (vault, request, &error);
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static CpvVault *
new_vault (Fixture    *f,
           const char *name)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;
  CpvVault *vault = cpv_vault_create (path, CPV_TEST_PASSPHRASE, &error);

  g_assert_no_error (error);
  return vault;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = path_in (f, "first.xml");
  g_autofree char *second = path_in (f, "second.xml");
  g_autofree char *partial = path_in (f, "first.xml.partial");
  g_autofree char *copy = path_in (f, "copy.cpv");
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *pattern_sha256 = NULL;
  g_autoptr(GPtrArray) links = NULL;
  xmlDoc *doc;

  fill_vault (f->base.vault, f->base.dir);
  g_clear_object (&f->base.vault);

  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "export", "--out", first, NULL), ==, 0);
  g_assert_nonnull (strstr (f->cli.err, "NOT encrypted"));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* The export follows its schema and holds every kind of record. */
  doc = xmlReadFile (first, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  assert_valid (doc, "vault-export.rng");
  g_assert_cmpfloat (xpath_number (doc, "count(/cpe-vault-export/credential)"), ==, 2);
  g_assert_cmpfloat (xpath_number (doc, "count(/cpe-vault-export/activity)"), ==, 2);
  g_assert_cmpfloat (xpath_number (doc, "count(/cpe-vault-export/evidence)"), ==, 2);
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-registration)"), ==, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-audit/day)"), ==, 2);
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-cpd)"), ==, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-work)"), ==, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-sector-work)"), ==, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//audit-request/selected)"), ==, 1);
  assert_xpath_str (doc, "string(//jrca-registration/@applicant-name)", "規格 花子");
  g_assert_cmpfloat (xpath_number (doc, "count(//jrca-audit/file)"), ==, 2);
  assert_xpath_str (doc, "string(//jrca-audit/file[@evidence='e1']/@role)", "schedule");
  assert_xpath_str (doc, "string(//jrca-audit/file[@evidence='e2']/@role)", "report");
  assert_xpath_str (doc, "string(//jrca-cpd/file[@evidence='e1']/@role)", "certificate");
  assert_xpath_str (doc, "string(//evidence[@id='e2']/@translation-of)", "e1");
  assert_xpath_str (doc, "string(//activity[@id='a1']/@description)",
                    "Line one\nLine two\twith a tab");
  xmlFreeDoc (doc);

  /* Refuses to overwrite without --force. */
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "export", "--out", first, NULL), ==, 1);
  g_assert_nonnull (strstr (f->cli.err, "--force"));
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "export", "--out", first, "--force",
                            NULL), ==, 0);

  /* export → import into a new vault → export: the same document. */
  vault = new_vault (f, "copy.cpv");
  g_clear_object (&vault);
  g_assert_cmpint (run_cli (f, "--vault", copy, "import", first, NULL), ==, 0);
  g_assert_nonnull (strstr (f->cli.out, "2 credential(s)"));
  g_assert_cmpint (run_cli (f, "--vault", copy, "export", "--out", second, NULL), ==, 0);
  first_text = read_text (first);
  second_text = read_text (second);
  g_assert_cmpstr (first_text, ==, second_text);

  /* The evidence bytes came back whole. */
  vault = cpv_vault_open (copy, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  evidence = cpv_vault_list_evidence (vault, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 2);
  bytes = cpv_vault_load_evidence_bytes (vault, ((CpvEvidence *) evidence->pdata[0])->id, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 700 * 1024);
  pattern_sha256 = cpv_test_pattern_sha256 (700 * 1024, 7);
  g_assert_cmpstr (((CpvEvidence *) evidence->pdata[0])->sha256, ==, pattern_sha256);

  /* The links came back as links (the flags, exported as they were, are not set anew). */
  links = cpv_vault_list_jrca_evidence_for_credential (vault, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 3);
  g_assert_cmpint (((CpvJrcaEvidenceLink *) links->pdata[0])->record_kind, ==,
                   CPV_JRCA_RECORD_AUDIT);
  g_assert_cmpstr (((CpvJrcaEvidenceLink *) links->pdata[0])->role, ==, "schedule");
  g_assert_cmpstr (((CpvJrcaEvidenceLink *) links->pdata[1])->role, ==, "report");
  g_assert_cmpint (((CpvJrcaEvidenceLink *) links->pdata[2])->record_kind, ==,
                   CPV_JRCA_RECORD_CPD);
  g_assert_cmpint (((CpvJrcaEvidenceLink *) links->pdata[2])->evidence_id, ==,
                   ((CpvEvidence *) evidence->pdata[0])->id);
}

static void
test_import_refuses_non_empty (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *file = path_in (f, "export.xml");
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GError) error = NULL;
  CpvImportSummary summary = { 0 };
  g_autoptr(GFile) gfile = NULL;

  fill_vault (f->base.vault, f->base.dir);
  g_clear_object (&f->base.vault);
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "export", "--out", file, NULL), ==, 0);

  /* Into the same, non-empty vault: refused, unless --merge. */
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "import", file, NULL), ==, 1);
  g_assert_nonnull (strstr (f->cli.err, "--merge"));

  f->base.vault = cpv_vault_open (f->base.path, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  gfile = g_file_new_for_path (file);
  g_assert_true (cpv_vault_import (f->base.vault, gfile, CPV_IMPORT_MERGE, &summary, NULL,
                                   &error));
  g_assert_no_error (error);
  /* Every record is added; the evidence files, stored already, are linked. */
  g_assert_cmpuint (summary.credentials, ==, 2);
  g_assert_cmpuint (summary.evidence, ==, 2);
  g_assert_cmpuint (summary.evidence_skipped, ==, 2);
  credentials = cpv_vault_list_credentials (f->base.vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credentials->len, ==, 4);
  evidence = cpv_vault_list_evidence (f->base.vault, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 2);
}

/* Broken files: each leaves the vault as it was, and the error names the line. */
typedef struct
{
  const char *name;
  const char *find;      /* first occurrence replaced … */
  const char *replace;   /* … by this */
  const char *message;   /* part of the error */
  int         code;
  gboolean    flip;      /* also change the character after @replace (same length) */
} Breakage;

static const Breakage breakages[] = {
  { "bad-xml", "<credential id=\"c2\"", "<credential id=\"c2\" <", "not well-formed",
    CPV_PORTABLE_ERROR_MALFORMED },
  { "schema-invalid", "<credential id=\"c2\"", "<credentia id=\"c2\"", "export format",
    CPV_PORTABLE_ERROR_INVALID },
  { "dangling-reference", "<credit credential=\"c1\"", "<credit credential=\"c9\"", "c9",
    CPV_PORTABLE_ERROR_REFERENCE },
  { "bad-date", "cycle-start=\"2023-01-01\"", "cycle-start=\"2023-02-30\"", "2023-02-30",
    CPV_PORTABLE_ERROR_INVALID },
  { "bad-base64", "<chunk>", "<chunk>!!!!", "base64", CPV_PORTABLE_ERROR_CONTENT },
  { "hash-mismatch", "<chunk>", "<chunk>", "SHA-256", CPV_PORTABLE_ERROR_CONTENT, TRUE },
  { "size-mismatch", "size=\"", "size=\"1", "size", CPV_PORTABLE_ERROR_CONTENT },
  /* A JRCA record's file names evidence that comes later, and must name some. */
  { "jrca-file-dangling", "<file evidence=\"e1\"", "<file evidence=\"e7\"", "e7",
    CPV_PORTABLE_ERROR_REFERENCE },
  { "jrca-file-role", "role=\"schedule\"", "role=\"certificate\"", "export format",
    CPV_PORTABLE_ERROR_INVALID },
};

static int
line_of (const char *text,
         const char *at)
{
  int line = 1;

  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  const Breakage *breakage = data;
  g_autofree char *good = path_in (f, "good.xml");
  g_autofree char *broken = path_in (f, "broken.xml");
  g_autofree char *text = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *status_before = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CpvVault) target = NULL;
  g_autofree char *target_path = path_in (f, "target.cpv");
  g_autofree char *before_path = path_in (f, "before.xml");
  g_autofree char *after_path = path_in (f, "after.xml");
  const char *at;
  int line;

  fill_vault (f->base.vault, f->base.dir);
  g_clear_object (&f->base.vault);
  g_assert_cmpint (run_cli (f, "--vault", f->base.path, "export", "--out", good, NULL), ==, 0);

  text = read_text (good);
  at = strstr (text, breakage->find);
  g_assert_nonnull (at);
  line = line_of (text, at);
  changed = g_string_new_len (text, at - text);
  g_string_append (changed, breakage->replace);
  if (breakage->flip)
    {
      const char *next = at + strlen (breakage->find);

      /* Another base64 letter: the same size, other bytes. */
      g_string_append_c (changed, *next == 'A' ? 'B' : 'A');
      g_string_append (changed, next + 1);
    }
  else
    g_string_append (changed, at + strlen (breakage->find));
  g_file_set_contents (broken, changed->str, changed->len, &error);
  g_assert_no_error (error);

  /* The target holds one credential already; merging must not add anything. */
  target = new_vault (f, "target.cpv");
  add_credential (target, "isc2", "CC", "2024-01-01", "2026-12-31");
  g_clear_object (&target);
  g_assert_cmpint (run_cli (f, "--vault", target_path, "export", "--out", before_path, NULL),
                   ==, 0);
  before = read_text (before_path);

  g_assert_cmpint (run_cli (f, "--vault", target_path, "import", broken, "--merge", NULL), ==,
                   1);
  g_assert_true (g_str_has_prefix (f->cli.err, "cpe-vault-cli: "));
  g_assert_nonnull (strstr (f->cli.err, breakage->message));
  /* One line on stderr, naming the line of the damage (or of its element, for bytes). */
  g_assert_cmpint (line_of (f->cli.err, f->cli.err + strlen (f->cli.err) - 1), ==, 1);
  if (g_str_equal (breakage->name, "hash-mismatch") || g_str_equal (breakage->name,
                                                                    "size-mismatch"))
    {
      /* reported at the <evidence> element, the line before its first chunk or the same */
      const char *element = g_strrstr_len (text, at - text, "<evidence ");

      g_assert_nonnull (element);
      line = line_of (text, element);
    }
  expected_line = g_strdup_printf ("line %d:", line);
  g_assert_nonnull (strstr (f->cli.err, expected_line));

  g_assert_cmpint (run_cli (f, "--vault", target_path, "export", "--out", after_path, NULL),
                   ==, 0);
  after = read_text (after_path);
  g_assert_cmpstr (before, ==, after);

  /* The same verdict from the core, with its error code. */
  target = cpv_vault_open (target_path, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (broken);
  g_assert_false (cpv_vault_import (target, file, CPV_IMPORT_MERGE, NULL, NULL, &error));
  g_assert_error (error, CPV_PORTABLE_ERROR, breakage->code);
}

static void
test_import_empty_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *empty = path_in (f, "empty.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) credentials = NULL;

  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (empty);
  g_assert_false (cpv_vault_import (f->base.vault, file, CPV_IMPORT_NONE, NULL, NULL, &error));
  g_assert_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 1"));
  credentials = cpv_vault_list_credentials (f->base.vault, NULL);
  g_assert_cmpuint (credentials->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!cpv_test_cli_available ())
    return 77;

  g_test_add ("/portable/status/xml-valid-with-numbers", Fixture, NULL, fixture_setup,
              test_status_xml, fixture_teardown);
  g_test_add ("/portable/programs/xml-categories", Fixture, NULL, fixture_setup,
              test_programs_xml, fixture_teardown);
  g_test_add ("/portable/export/round-trip-identical", Fixture, NULL, fixture_setup,
              test_round_trip, fixture_teardown);
  g_test_add ("/portable/import/non-empty-needs-merge", Fixture, NULL, fixture_setup,
              test_import_refuses_non_empty, fixture_teardown);
  g_test_add ("/portable/import/empty-file", Fixture, NULL, fixture_setup,
              test_import_empty_file, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/portable/import/broken/%s",
                                               breakages[i].name);

      g_test_add (path, Fixture, &breakages[i], fixture_setup, test_import_broken,
                  fixture_teardown);
    }

  return g_test_run ();
}
