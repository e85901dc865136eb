/* test-status.c — the status engine: cycles, several credentials, JRCA, output
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "rules-test-util.h"

#define COURSE "isc2.education.course"

static void
test_leap_day_cycle (RulesFixture  *fixture,
                     gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2024-02-29", "2027-02-28");
  add_activity (fixture, 10, COURSE, "2024-02-29", "2024-02-29", 30);   /* the first day */
  add_activity (fixture, 11, COURSE, "2025-02-28", "2025-02-28", 30);
  add_activity (fixture, 12, COURSE, "2026-06-01", "2026-06-01", 30);
  add_activity (fixture, 13, COURSE, "2027-02-28", "2027-02-28", 30);   /* the last day */

  cissp = compute (fixture, "2027-02-28", 1);
  g_assert_cmpfloat_with_epsilon (cissp->total, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 1), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 2), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 3), 60, 1e-9);
  g_assert_cmpuint (deadline (cissp, "grace-end"), ==, day ("2027-05-29"));

  cissp = compute (fixture, "2027-03-01", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2027-03-01"));
  g_assert_cmpuint (cissp->cycle_end, ==, day ("2030-02-28"));
  /* 30 Group A in the last 6 months above a total of 120 exactly: no surplus. */
  g_assert_cmpfloat_with_epsilon (cissp->carry_in, 0, 1e-9);
}

static void
test_credential_added_mid_cycle (RulesFixture  *fixture,
                                 gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *ccsp;
  CpvCredential *late;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  late = add_credential (fixture, 2, "isc2", "CCSP", "2024-06-01", "2027-05-31");
  add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 10);
  add_activity (fixture, 11, COURSE, "2024-05-31", "2024-06-01", 4);
  add_activity (fixture, 12, COURSE, "2024-06-10", "2024-06-10", 6);

  cissp = compute (fixture, "2024-07-01", 1);
  ccsp = cpv_status_lookup (fixture->status, 2);
  g_assert_cmpfloat_with_epsilon (cissp->total, 20, 1e-9);
  /* Activities ending before CCSP was earned do not count for it. */
  g_assert_cmpfloat_with_epsilon (ccsp->total, 10, 1e-9);
  g_assert_cmpuint (ccsp->cycle_start, ==, day ("2024-06-01"));

  /* An earlier member_since does not pull activities from before the cycle into it. */
  late->member_since = g_strdup ("2021-06-01");
  compute (fixture, "2024-07-01", 2);
  g_assert_cmpfloat_with_epsilon (cpv_status_lookup (fixture->status, 2)->total, 10, 1e-9);
}

static void
test_two_credentials_different_cycles (RulesFixture  *fixture,
                                       gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *sscp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_credential (fixture, 2, "isc2", "SSCP", "2024-07-01", "2027-06-30");
  for (int i = 0; i < 3; i++)
    add_activity (fixture, 10 + i, COURSE, "2024-09-01", "2024-09-01", 40);
  add_activity (fixture, 20, COURSE, "2026-01-15", "2026-01-15", 8);

  sscp = compute (fixture, "2026-02-01", 2);
  cissp = cpv_status_lookup (fixture->status, 1);
  /* CISSP met its cycle and runs the next one; the January activity belongs to it. */
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2026-01-01"));
  g_assert_cmpfloat_with_epsilon (cissp->total, 8, 1e-9);
  /* SSCP is still in its first cycle with everything. */
  g_assert_cmpuint (sscp->cycle_start, ==, day ("2024-07-01"));
  g_assert_cmpfloat_with_epsilon (sscp->total, 128, 1e-9);
  g_assert_true (met (sscp, "total", 0));
  g_assert_cmpuint (deadline (sscp, "cycle-end"), ==, day ("2027-06-30"));
  g_assert_cmpuint (deadline (cissp, "cycle-end"), ==, day ("2028-12-31"));
}

static void
test_before_stored_cycle (RulesFixture  *fixture,
                          gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  cissp = compute (fixture, "2021-05-01", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2020-01-01"));
  g_assert_cmpuint (cissp->cycle_end, ==, day ("2022-12-31"));
}

static void
test_unknown_program (RulesFixture  *fixture,
                      gconstpointer  data)
{
  const CpvCredentialStatus *status;

  add_credential (fixture, 1, "isaca", "CISM", "2023-01-01", "2025-12-31");
  status = compute (fixture, "2024-01-01", 1);
  g_assert_false (status->known);
  g_assert_cmpuint (status->cycle_end, ==, day ("2025-12-31"));
  g_assert_cmpuint (status->requirements->len, ==, 0);
  g_assert_nonnull (cpv_credential_status_get_finding (status, "CPV-PROGRAM", 0));
}

static CpvJrcaData *
jrca_data (gint64 credential_id)
{
  CpvJrcaData *data = cpv_jrca_data_new (credential_id);

  data->registration = cpv_jrca_registration_new ();
  data->registration->credential_id = credential_id;
  data->registration->grade = CPV_JRCA_GRADE_AUDITOR;
  data->registration->registration_number = g_strdup ("A12345");
  data->registration->maintenance_deadline = day ("2025-06-30");
  data->registration->expiry_date = day ("2027-06-30");
  data->registration->previous_renewal_application = day ("2024-05-01");
  return data;
}

static void
test_jrca_credential (RulesFixture  *fixture,
                      gconstpointer  data)
{
  static const struct { const char *on; CpvCredentialState state; } rows[] = {
    { "2025-06-30", CPV_CREDENTIAL_STATE_ACTIVE },
    { "2025-07-01", CPV_CREDENTIAL_STATE_GRACE },       /* restoration until 2025-12-30 */
    { "2025-12-30", CPV_CREDENTIAL_STATE_GRACE },
    { "2025-12-31", CPV_CREDENTIAL_STATE_SUSPENDED },   /* with a reason until 2026-03-30 */
    { "2026-03-30", CPV_CREDENTIAL_STATE_SUSPENDED },
    { "2026-03-31", CPV_CREDENTIAL_STATE_TERMINATED },
  };
  const CpvCredentialStatus *auditor;

  add_credential (fixture, 1, "jrca-isms", "AUDITOR", "2024-07-01", "2027-06-30");
  cpv_snapshot_add_jrca_data (fixture->snapshot, jrca_data (1));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      auditor = compute (fixture, rows[i].on, 1);
      g_test_message ("%s", rows[i].on);
      g_assert_true (auditor->known);
      g_assert_cmpint (auditor->kind, ==, CPV_PROGRAM_KIND_JRCA);
      g_assert_cmpint (auditor->state, ==, rows[i].state);
      g_assert_cmpuint (auditor->cycle_end, ==, day ("2027-06-30"));
    }
  /* The rest comes from the jrca engine. */
  auditor = compute (fixture, "2025-05-01", 1);
  g_assert_cmpuint (deadline (auditor, "maintenance"), ==, day ("2025-06-30"));
  g_assert_cmpuint (deadline (auditor, "expiry"), ==, day ("2027-06-30"));
  g_assert_cmpuint (deadline (auditor, "application-window"), ==, day ("2025-03-30"));
  g_assert_cmpuint (auditor->requirements->len, >, 0);

  /* Without JRCA records, the jrca engine asks for the registration. */
  g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
  fixture->snapshot = cpv_snapshot_new ();
  add_credential (fixture, 2, "jrca-isms", "LEAD", "2024-07-01", "2027-06-30");
  auditor = compute (fixture, "2025-05-01", 2);
  g_assert_nonnull (cpv_credential_status_get_finding (auditor, "JRCA-GRADE-1", 0));
  g_assert_cmpint (auditor->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
}

static void
build_rich_snapshot (RulesFixture *fixture)
{
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  add_credential (fixture, 2, "isc2", "CC", "2023-01-01", "2025-12-31");
  add_credential (fixture, 3, "jrca-isms", "AUDITOR", "2024-07-01", "2027-06-30");
  add_credential (fixture, 4, "isaca", "CISM", "2023-01-01", "2025-12-31");
  cpv_snapshot_add_jrca_data (fixture->snapshot, jrca_data (3));
  add_activity (fixture, 10, COURSE, "2023-03-01", "2023-03-01", 41.3);
  add_activity (fixture, 11, "isc2.education.self-study-book", "2023-04-01", "2023-04-09", 6);
  activity = add_activity (fixture, 12, "a<b&c", "2023-05-01", "2023-05-01", 1);
  cpv_activity_add_credit_line (activity, 1, 'A');
  g_free (activity->title);
  activity->title = g_strdup ("Title with <markup> & \"quotes\"");
  activity = add_activity (fixture, 13, COURSE, "2023-05-01", "2023-05-01", 2);
  cpv_activity_add_credit_line (activity, 2, 'B');
}

static void
test_xml_validates (RulesFixture  *fixture,
                    gconstpointer  data)
{
  g_autofree char *schema_path = g_build_filename (g_getenv ("CPV_SCHEMAS_DIR"), "status.rng",
                                                   NULL);
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;
  xmlRelaxNGValidCtxtPtr validator;
  xmlDocPtr doc;

  build_rich_snapshot (fixture);
  compute (fixture, "2024-02-01", 1);
  xml = cpv_status_to_xml (fixture->status);
  g_test_message ("%s", xml);

  parser = xmlRelaxNGNewParserCtxt (schema_path);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  g_assert_nonnull (schema);
  doc = xmlReadMemory (xml, strlen (xml), "status.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  validator = xmlRelaxNGNewValidCtxt (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (validator, doc), ==, 0);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlFreeDoc (doc);
  xmlRelaxNGFree (schema);

  /* The contract's names and two-decimal credits. */
  g_assert_nonnull (strstr (xml, "<status on=\"2024-02-01\">"));
  g_assert_nonnull (strstr (xml, "<credential id=\"1\" program=\"isc2\" code=\"CISSP\" "
                                 "cycle-start=\"2021-01-01\" cycle-end=\"2023-12-31\" "
                                 "state=\"grace\">"));
  g_assert_nonnull (strstr (xml, "<requirement kind=\"total\" required=\"120.00\" "
                                 "earned=\"46.00\" met=\"false\"/>"));
  g_assert_nonnull (strstr (xml, "<requirement kind=\"annual\" required=\"40.00\" "
                                 "earned=\"0.00\" met=\"false\" year=\"1\"/>"));
  g_assert_nonnull (strstr (xml, "<carry-over in=\"0.00\" eligible-out=\"0.00\"/>"));
  g_assert_nonnull (strstr (xml, "<deadline kind=\"grace-end\" date=\"2024-03-30\"/>"));
  g_assert_nonnull (strstr (xml, "<deadline kind=\"amf-due\" date=\"2022-01-01\" "
                                 "amount=\"135.00\" currency=\"USD\"/>"));
  g_assert_nonnull (strstr (xml, "<finding rule=\"ISC2-CALC-3\" severity=\"error\" "
                                 "activity=\"10\">"));
  g_assert_nonnull (strstr (xml, "<finding rule=\"ISC2-CAT-1\" severity=\"error\" "
                                 "activity=\"11\">"));
  g_assert_nonnull (strstr (xml, "<finding rule=\"ISC2-GRP-1\" severity=\"warning\" "
                                 "activity=\"13\">"));
  g_assert_nonnull (strstr (xml, "a&lt;b&amp;c"));
  g_assert_nonnull (strstr (xml, "<credential id=\"3\" program=\"jrca-isms\" code=\"AUDITOR\""));
  g_assert_nonnull (strstr (xml, "<deadline kind=\"expiry\" date=\"2027-06-30\"/>"));
  g_assert_nonnull (strstr (xml, "<finding rule=\"CPV-PROGRAM\" severity=\"warning\">"));

  /* Pure: the same inputs give the same document. */
  compute (fixture, "2024-02-01", 1);
  again = cpv_status_to_xml (fixture->status);
  g_assert_cmpstr (xml, ==, again);
}

static void
test_text_output (RulesFixture  *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 30);
  add_activity (fixture, 11, COURSE, "2024-01-11", "2024-01-11", 30);
  compute (fixture, "2024-06-01", 1);
  text = cpv_status_to_text (fixture->status);
  g_test_message ("%s", text);

  g_assert_true (g_str_has_prefix (text, "Status on 2024-06-01\n"));
  g_assert_nonnull (strstr (text, "isc2 CISSP (#1)  cycle 2023-01-01 to 2025-12-31  ACTIVE"));
  /* 60 of 120: half the bar. */
  g_assert_nonnull (strstr (text, "  total                  [##########----------]    60.00 "
                                  "/   120.00  60.00 to go\n"));
  g_assert_nonnull (strstr (text, "  annual 2               [####################]    60.00 "
                                  "/    40.00  met\n"));
  g_assert_nonnull (strstr (text, "  cycle-end              2025-12-31"));
  g_assert_nonnull (strstr (text, "  amf-due                2024-01-01  135.00 USD"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = rules_test_isolate_data_home ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  RULES_TEST ("/status/cycle/leap-day", test_leap_day_cycle);
  RULES_TEST ("/status/cycle/credential-added-mid-cycle", test_credential_added_mid_cycle);
  RULES_TEST ("/status/cycle/two-credentials-different-cycles",
              test_two_credentials_different_cycles);
  RULES_TEST ("/status/cycle/before-stored-cycle", test_before_stored_cycle);
  RULES_TEST ("/status/unknown-program", test_unknown_program);
  RULES_TEST ("/status/jrca/state-and-evaluate", test_jrca_credential);
  RULES_TEST ("/status/xml/validates-against-status-rng", test_xml_validates);
  RULES_TEST ("/status/text/aligned-with-bars", test_text_output);

  status = g_test_run ();
  rules_test_remove_tree (data_home);
  return status;
}
