/* test-records-audit.c — audit requests (ISC2-AUDIT-1), appeals (ISC2-APPEAL-1), partner
 * reconciliation (ISC2-PARTNER-1) and duplicates (ISC2-CALC-8)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cpv-audit.h"
#include "cpv-program.h"
#include "cpv-status.h"
#include "records-test-util.h"

typedef struct
{
  CpvTestVault        base;
  CpvProgramRegistry *registry;
  gint64              cissp;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  cpv_test_vault_setup (&fixture->base, user_data);
  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  fixture->cissp = add_credential (fixture->base.vault, "isc2", "CISSP", "2023-04-01",
                                   "2026-03-31");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->registry);
  cpv_test_vault_teardown (&fixture->base, user_data);
}

static gint64
add_request (Fixture    *fixture,
             const char *received,
             gint64      activity_id)
{
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  request->credential_id = fixture->cissp;
  request->received = day_of (received);
  request->note = g_strdup ("case 42");
  if (activity_id != 0)
    cpv_audit_request_add_activity (request, activity_id);
  id = cpv_vault_add_audit (fixture->base.vault, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_due_date (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 activity = add_activity (fixture->base.vault, "Seminar", "isc2.education.course",
                                  "2024-05-01", "2024-05-01", fixture->cissp);
  gint64 id = add_request (fixture, "2025-01-10", activity);
  g_autoptr(CpvAuditRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = cpv_vault_get_audit (fixture->base.vault, fixture->registry, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->status, ==, CPV_AUDIT_STATUS_OPEN);
  g_assert_cmpuint (request->due, ==, day_of ("2025-04-10"));
  g_assert_cmpuint (request->activity_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (request->activity_ids, gint64, 0), ==, activity);
  g_assert_cmpstr (request->note, ==, "case 42");
  /* Without a program file the seed's 90 days apply as well. */
  g_assert_cmpuint (cpv_audit_response_due (NULL, NULL, day_of ("2024-12-15")), ==,
                    day_of ("2025-03-15"));
}

static void
test_unknown_activity (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  request->credential_id = fixture->cissp;
  request->received = day_of ("2025-01-10");
  cpv_audit_request_add_activity (request, 999);
  g_assert_cmpint (cpv_vault_add_audit (fixture->base.vault, request, &error), ==, 0);
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nothing half-written. */
  all = cpv_vault_list_audits (fixture->base.vault, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_states (Fixture       *fixture,
             gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 id = add_request (fixture, "2025-01-10", 0);
  g_autoptr(CpvAuditRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cpv_vault_respond_audit (vault, id, day_of ("2025-01-09"), &error));
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cpv_vault_respond_audit (vault, id, day_of ("2025-02-01"), &error));
  g_assert_no_error (error);
  g_assert_false (cpv_vault_respond_audit (vault, id, day_of ("2025-02-02"), &error));
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (cpv_vault_close_audit (vault, id, CPV_AUDIT_OUTCOME_ACCEPTED,
                                        day_of ("2025-03-01"), &error));
  g_assert_no_error (error);
  g_assert_false (cpv_vault_close_audit (vault, id, CPV_AUDIT_OUTCOME_REJECTED,
                                         day_of ("2025-03-02"), &error));
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE);
  g_clear_error (&error);
  /* An accepted audit cannot be appealed. */
  g_assert_false (cpv_vault_file_appeal (vault, fixture->registry, id, day_of ("2025-03-05"),
                                         &error));
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE);
  g_clear_error (&error);

  request = cpv_vault_get_audit (vault, fixture->registry, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->status, ==, CPV_AUDIT_STATUS_CLOSED);
  g_assert_cmpint (request->outcome, ==, CPV_AUDIT_OUTCOME_ACCEPTED);
  g_assert_cmpuint (request->responded_on, ==, day_of ("2025-02-01"));
  g_assert_cmpuint (request->appeal_until, ==, 0);
}

static void
test_appeal_window (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 late = add_request (fixture, "2025-01-10", 0);
  gint64 in_time = add_request (fixture, "2025-01-10", 0);
  g_autoptr(CpvAuditRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cpv_vault_close_audit (vault, late, CPV_AUDIT_OUTCOME_REJECTED,
                                        day_of ("2025-02-01"), &error));
  g_assert_no_error (error);
  request = cpv_vault_get_audit (vault, fixture->registry, late, &error);
  g_assert_no_error (error);
  /* 2025-02-01 + 90 days */
  g_assert_cmpuint (request->appeal_until, ==, day_of ("2025-05-02"));
  g_assert_false (cpv_vault_file_appeal (vault, fixture->registry, late, day_of ("2025-05-03"),
                                         &error));
  g_assert_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "2025-05-02"));
  g_clear_error (&error);

  g_assert_true (cpv_vault_close_audit (vault, in_time, CPV_AUDIT_OUTCOME_REJECTED,
                                        day_of ("2025-02-01"), &error));
  g_assert_true (cpv_vault_file_appeal (vault, fixture->registry, in_time,
                                        day_of ("2025-05-02"), &error));
  g_assert_no_error (error);
  g_assert_true (cpv_vault_decide_appeal (vault, in_time, day_of ("2025-06-01"), &error));
  g_assert_no_error (error);
}

static void
test_status_deadlines (Fixture       *fixture,
                       gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  g_autoptr(CpvSnapshot) snapshot = cpv_snapshot_new ();
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(CpvStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  const CpvCredentialStatus *credential_status;
  const CpvDeadline *response;
  const CpvDeadline *appeal;
  gint64 rejected = add_request (fixture, "2024-10-01", 0);

  add_request (fixture, "2025-01-10", 0);
  cpv_vault_close_audit (vault, rejected, CPV_AUDIT_OUTCOME_REJECTED, day_of ("2025-01-05"),
                         &error);
  g_assert_no_error (error);

  credentials = cpv_vault_list_credentials (vault, &error);
  g_assert_no_error (error);
  cpv_snapshot_add_credential (snapshot, credentials->pdata[0]);
  status = cpv_status_compute (fixture->registry, snapshot, day_of ("2025-02-01"));
  g_assert_true (cpv_audit_add_to_status (vault, fixture->registry, status, &error));
  g_assert_no_error (error);
  credential_status = cpv_status_lookup (status, fixture->cissp);
  response = cpv_credential_status_get_deadline (credential_status, "audit-response");
  appeal = cpv_credential_status_get_deadline (credential_status, "appeal");
  g_assert_nonnull (response);
  g_assert_cmpuint (response->date, ==, day_of ("2025-04-10"));
  g_assert_nonnull (appeal);
  g_assert_cmpuint (appeal->date, ==, day_of ("2025-04-05"));
  /* Still sorted by date. */
  for (guint i = 1; i < credential_status->deadlines->len; i++)
    g_assert_cmpuint (((CpvDeadline *) credential_status->deadlines->pdata[i - 1])->date, <=,
                      ((CpvDeadline *) credential_status->deadlines->pdata[i])->date);
}

static void
test_partner_reflection (Fixture       *fixture,
                         gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  g_autoptr(CpvActivity) webinar = new_activity ("Partner webinar", "isc2.isc2.partner-event",
                                                 "2025-01-01", "2025-01-01", 1);
  g_autoptr(CpvActivity) manual = new_activity ("Own course", "isc2.education.course",
                                                "2025-01-01", "2025-01-01", 1);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) reflected = NULL;
  g_autoptr(GError) error = NULL;
  CpvDay on = 0;

  webinar->auto_submitted = TRUE;
  store_activity (vault, webinar);
  store_activity (vault, manual);

  /* 2025-01-01 + 6 weeks = 2025-02-12: not yet a finding that day. */
  before = cpv_audit_partner_findings (vault, fixture->registry, day_of ("2025-02-12"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);
  after = cpv_audit_partner_findings (vault, fixture->registry, day_of ("2025-02-13"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((CpvFinding *) after->pdata[0])->rule, ==, "ISC2-PARTNER-1");
  g_assert_cmpint (((CpvFinding *) after->pdata[0])->activity_id, ==, webinar->id);

  g_assert_true (cpv_vault_set_activity_reflected (vault, webinar->id, day_of ("2025-02-20"),
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (cpv_vault_get_activity_reflected (vault, webinar->id, &on, &error));
  g_assert_cmpuint (on, ==, day_of ("2025-02-20"));
  reflected = cpv_audit_partner_findings (vault, fixture->registry, day_of ("2025-03-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reflected->len, ==, 0);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  g_autoptr(CpvActivity) stored = new_activity ("Cloud Security Summit", "isc2.education.course",
                                                "2025-03-01", "2025-03-02", 8);
  g_autoptr(CpvActivity) same = new_activity ("  cloud   SECURITY summit ", "isc2.education.course",
                                              "2025-03-01", "2025-03-02", 8);
  g_autoptr(CpvActivity) other_provider = new_activity ("Cloud Security Summit",
                                                        "isc2.education.course", "2025-03-01",
                                                        "2025-03-02", 8);
  g_autoptr(CpvActivity) other_dates = new_activity ("Cloud Security Summit",
                                                     "isc2.education.course", "2025-03-01",
                                                     "2025-03-03", 8);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) by_hash = NULL;
  g_autoptr(GPtrArray) self = NULL;
  g_autoptr(GError) error = NULL;
  const char *hashes[2] = { NULL, NULL };

  stored->provider = g_strdup ("CSA");
  store_activity (vault, stored);
  evidence = attach_text (vault, stored->id, "certificate bytes", "c.pdf", "certificate", NULL,
                          FALSE);
  same->provider = g_strdup ("csa");
  other_provider->provider = g_strdup ("Another");
  other_dates->provider = g_strdup ("CSA");

  found = cpv_vault_find_duplicates (vault, same, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((CpvDuplicate *) found->pdata[0])->activity_id, ==, stored->id);
  g_assert_cmpstr (((CpvDuplicate *) found->pdata[0])->rule, ==, "ISC2-CALC-8");

  none = cpv_vault_find_duplicates (vault, other_provider, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = cpv_vault_find_duplicates (vault, other_dates, NULL, &error);
  g_assert_cmpuint (none->len, ==, 0);

  /* Same evidence file: a duplicate whatever the title. */
  hashes[0] = evidence->sha256;
  by_hash = cpv_vault_find_duplicates (vault, other_dates, hashes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_hash->len, ==, 1);
  g_assert_nonnull (strstr (((CpvDuplicate *) by_hash->pdata[0])->reason, "evidence"));

  /* Editing an activity does not find itself. */
  self = cpv_vault_find_duplicates (vault, stored, hashes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (self->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/records/ISC2-AUDIT-1/due-90-days", test_due_date);
  ADD ("/records/ISC2-AUDIT-1/unknown-activity", test_unknown_activity);
  ADD ("/records/ISC2-AUDIT-1/open-responded-closed", test_states);
  ADD ("/records/ISC2-APPEAL-1/window-90-days", test_appeal_window);
  ADD ("/records/ISC2-AUDIT-1/status-deadlines", test_status_deadlines);
  ADD ("/records/ISC2-PARTNER-1/not-reflected-after-6-weeks", test_partner_reflection);
  ADD ("/records/ISC2-CALC-8/duplicates", test_duplicates);
#undef ADD

  return g_test_run ();
}
