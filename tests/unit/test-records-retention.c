/* test-records-retention.c — retention dates (ISC2-REC-3), holds, purge, forced deletes
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cpv-audit.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-program.h"
#include "cpv-retention.h"
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

static CpvRetentionItem *
retention_of (Fixture       *fixture,
              CpvRecordKind  kind,
              gint64         id,
              const char    *today)
{
  g_autoptr(GError) error = NULL;
  CpvRetentionItem *item = cpv_retention_get (fixture->base.vault, fixture->registry, kind, id,
                                              day_of (today), &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
test_cycle_end_plus_twelve_months (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 current = add_activity (vault, "Current cycle", "isc2.education.course", "2024-05-01",
                                 "2024-05-01", fixture->cissp);
  gint64 previous = add_activity (vault, "Previous cycle", "isc2.education.course", "2022-12-01",
                                  "2022-12-01", fixture->cissp);
  /* No credit line: counts through its category's program (ISC2-CALC-6). */
  gint64 unlined = add_activity (vault, "No line", "isc2.education.course", "2021-06-01",
                                 "2021-06-01", 0);
  g_autoptr(CpvRetentionItem) a = retention_of (fixture, CPV_RECORD_ACTIVITY, current, "2025-01-01");
  g_autoptr(CpvRetentionItem) b = retention_of (fixture, CPV_RECORD_ACTIVITY, previous, "2025-01-01");
  g_autoptr(CpvRetentionItem) c = retention_of (fixture, CPV_RECORD_ACTIVITY, unlined, "2025-01-01");

  g_assert_cmpuint (a->retention_until, ==, day_of ("2027-03-31"));
  g_assert_cmpstr (a->rule, ==, "ISC2-REC-3");
  g_assert_nonnull (strstr (a->reason, "CISSP"));
  g_assert_false (cpv_retention_item_is_past (a, day_of ("2027-03-31")));
  g_assert_true (cpv_retention_item_is_past (a, day_of ("2027-04-01")));
  g_assert_cmpuint (b->retention_until, ==, day_of ("2024-03-31"));
  g_assert_cmpuint (c->retention_until, ==, day_of ("2024-03-31"));
}

static void
test_latest_cycle_wins (Fixture       *fixture,
                        gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 ccsp = add_credential (vault, "isc2", "CCSP", "2024-07-01", "2027-06-30");
  g_autoptr(CpvActivity) activity = new_activity ("Both", "isc2.education.course", "2025-02-01",
                                                  "2025-02-01", 2);
  g_autoptr(CpvActivity) other = new_activity ("Old", "isc2.education.course", "2023-05-01",
                                               "2023-05-01", 2);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvRetentionItem) item = NULL;
  g_autoptr(CpvRetentionItem) evidence_item = NULL;

  cpv_activity_add_credit_line (activity, fixture->cissp, 'A');
  cpv_activity_add_credit_line (activity, ccsp, 'A');
  store_activity (vault, activity);
  cpv_activity_add_credit_line (other, fixture->cissp, 'A');
  store_activity (vault, other);
  /* One file, evidence of both: it is kept as long as the longer-kept activity. */
  evidence = attach_text (vault, other->id, "shared certificate", "c.pdf", "certificate",
                          NULL, FALSE);
  cpv_vault_link_evidence (vault, activity->id, evidence->id, &error);
  g_assert_no_error (error);

  item = retention_of (fixture, CPV_RECORD_ACTIVITY, activity->id, "2025-03-01");
  g_assert_cmpuint (item->retention_until, ==, day_of ("2028-06-30"));
  g_assert_nonnull (strstr (item->reason, "CCSP"));
  evidence_item = retention_of (fixture, CPV_RECORD_EVIDENCE, evidence->id, "2025-03-01");
  g_assert_cmpuint (evidence_item->retention_until, ==, day_of ("2028-06-30"));
}

static gint64
open_audit (Fixture    *fixture,
            gint64      activity_id,
            const char *received)
{
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  request->credential_id = fixture->cissp;
  request->received = day_of (received);
  cpv_audit_request_add_activity (request, activity_id);
  id = cpv_vault_add_audit (fixture->base.vault, request, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_hold_open_audit (Fixture       *fixture,
                      gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 old = add_activity (vault, "Old", "isc2.education.course", "2022-01-10", "2022-01-10",
                             fixture->cissp);
  gint64 audit = open_audit (fixture, old, "2024-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvRetentionItem) held = retention_of (fixture, CPV_RECORD_ACTIVITY, old, "2025-01-01");
  g_autoptr(CpvRetentionItem) after = NULL;

  /* Past its date (2024-03-31) but the open audit holds it. */
  g_assert_true (held->held);
  g_assert_cmpuint (held->held_until, ==, 0);
  g_assert_cmpint (held->hold_audit_id, ==, audit);
  g_assert_false (cpv_retention_item_is_past (held, day_of ("2025-01-01")));

  cpv_vault_respond_audit (vault, audit, day_of ("2024-04-01"), &error);
  g_assert_no_error (error);
  cpv_vault_close_audit (vault, audit, CPV_AUDIT_OUTCOME_ACCEPTED, day_of ("2024-05-01"), &error);
  g_assert_no_error (error);
  after = retention_of (fixture, CPV_RECORD_ACTIVITY, old, "2025-01-01");
  g_assert_false (after->held);
  g_assert_true (cpv_retention_item_is_past (after, day_of ("2025-01-01")));
}

static void
test_hold_appeal_window (Fixture       *fixture,
                         gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 old = add_activity (vault, "Old", "isc2.education.course", "2022-01-10", "2022-01-10",
                             fixture->cissp);
  gint64 audit = open_audit (fixture, old, "2024-11-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvRetentionItem) in_window = NULL;
  g_autoptr(CpvRetentionItem) after_window = NULL;
  g_autoptr(CpvRetentionItem) appealed = NULL;

  cpv_vault_close_audit (vault, audit, CPV_AUDIT_OUTCOME_REJECTED, day_of ("2025-01-10"), &error);
  g_assert_no_error (error);
  /* ISC2-APPEAL-1: 2025-01-10 + 90 days = 2025-04-10. */
  in_window = retention_of (fixture, CPV_RECORD_ACTIVITY, old, "2025-04-10");
  g_assert_true (in_window->held);
  g_assert_cmpuint (in_window->held_until, ==, day_of ("2025-04-10"));
  g_assert_nonnull (strstr (in_window->hold_reason, "2025-04-10"));
  after_window = retention_of (fixture, CPV_RECORD_ACTIVITY, old, "2025-04-11");
  g_assert_false (after_window->held);

  cpv_vault_file_appeal (vault, fixture->registry, audit, day_of ("2025-04-01"), &error);
  g_assert_no_error (error);
  appealed = retention_of (fixture, CPV_RECORD_ACTIVITY, old, "2025-09-01");
  g_assert_true (appealed->held);
  g_assert_cmpuint (appealed->held_until, ==, 0);
}

static void
test_purge (Fixture       *fixture,
            gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 old = add_activity (vault, "Old", "isc2.education.course", "2022-01-10", "2022-01-10",
                             fixture->cissp);
  gint64 held = add_activity (vault, "Held", "isc2.education.course", "2022-02-10", "2022-02-10",
                              fixture->cissp);
  gint64 current = add_activity (vault, "Current", "isc2.education.course", "2024-02-10",
                                 "2024-02-10", fixture->cissp);
  g_autoptr(GInputStream) big = cpv_test_pattern_stream_new (3 * 1024 * 1024, 7);
  CpvEvidenceMeta meta = { "certificate", NULL, FALSE, NULL, "big.bin" };
  g_autoptr(CpvEvidence) old_evidence = NULL;
  g_autoptr(CpvEvidence) held_evidence = NULL;
  g_autoptr(CpvPurgeReport) report = NULL;
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;

  old_evidence = cpv_vault_attach_evidence (vault, old, big, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  held_evidence = attach_text (vault, held, "held proof", "held.pdf", "certificate", NULL, FALSE);
  open_audit (fixture, held, "2025-05-01");

  past = cpv_retention_list (vault, fixture->registry, day_of ("2025-06-01"), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past->len, ==, 2);   /* "Old" and its file; not "Held", not "Current" */

  report = cpv_retention_purge (vault, fixture->registry, day_of ("2025-06-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->activities, ==, 1);
  g_assert_cmpuint (report->evidence, ==, 1);
  g_assert_cmpuint (report->evidence_bytes, ==, 3 * 1024 * 1024);
  g_assert_cmpint (report->file_size_after, <, report->file_size_before - 2 * 1024 * 1024);

  left = cpv_vault_list_activities (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_false (activity_exists (vault, old));
  g_assert_true (activity_exists (vault, held));
  g_assert_true (activity_exists (vault, current));
  g_assert_false (evidence_exists (vault, old_evidence->id));
  g_assert_true (evidence_exists (vault, held_evidence->id));
}

static void
test_check_delete (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 current = add_activity (vault, "Current", "isc2.education.course", "2024-02-10",
                                 "2024-02-10", fixture->cissp);
  gint64 old = add_activity (vault, "Old", "isc2.education.course", "2021-02-10", "2021-02-10",
                             fixture->cissp);
  gint64 held = add_activity (vault, "Held", "isc2.education.course", "2021-03-10",
                              "2021-03-10", fixture->cissp);
  g_autoptr(GError) error = NULL;

  open_audit (fixture, held, "2025-05-01");

  g_assert_false (cpv_retention_check_delete (vault, fixture->registry, CPV_RECORD_ACTIVITY,
                                              current, day_of ("2025-06-01"), FALSE, &error));
  g_assert_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_UNDER_RETENTION);
  g_assert_nonnull (strstr (error->message, "2027-03-31"));
  g_assert_nonnull (strstr (error->message, "ISC2-REC-3"));
  g_clear_error (&error);

  g_assert_false (cpv_retention_remove (vault, fixture->registry, CPV_RECORD_ACTIVITY, held,
                                        day_of ("2025-06-01"), FALSE, &error));
  g_assert_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_HELD);
  g_assert_nonnull (strstr (error->message, "audit request"));
  g_clear_error (&error);
  g_assert_true (activity_exists (vault, held));

  /* Past retention: no confirmation needed. */
  g_assert_true (cpv_retention_check_delete (vault, fixture->registry, CPV_RECORD_ACTIVITY, old,
                                             day_of ("2025-06-01"), FALSE, &error));
  g_assert_no_error (error);

  /* Forced: removed. */
  g_assert_true (cpv_retention_remove (vault, fixture->registry, CPV_RECORD_ACTIVITY, current,
                                       day_of ("2025-06-01"), TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (activity_exists (vault, current));
}

/* A file kept as evidence of a JRCA record is linked to no activity, so without the hold the
 * purge would take it the day after it was stored. */
static void
test_jrca_link_holds (Fixture       *fixture,
                      gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  g_autoptr(CpvEvidence) schedule = NULL;
  g_autoptr(CpvEvidence) certificate = NULL;
  g_autoptr(CpvEvidence) loose = NULL;
  g_autoptr(CpvRetentionItem) held = NULL;
  g_autoptr(CpvRetentionItem) cpd_held = NULL;
  g_autoptr(CpvRetentionItem) unlinked = NULL;
  g_autoptr(CpvPurgeReport) report = NULL;
  g_autoptr(CpvPurgeReport) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 jrca = add_credential (vault, "jrca-isms", "ISMS-AUDITOR", "2025-10-01", "2028-09-30");

  audit->credential_id = jrca;
  audit->organisation = g_strdup ("Org A");
  audit->management_system = g_strdup ("ISMS");
  audit->onsite_start = audit->onsite_end = day_of ("2026-04-01");
  audit->role = CPV_JRCA_ROLE_MEMBER;
  g_assert_cmpint (cpv_vault_add_jrca_audit (vault, audit, &error), >, 0);
  g_assert_no_error (error);
  cpd->credential_id = jrca;
  cpd->date = day_of ("2026-02-14");
  cpd->hours = 2;
  cpd->kind = CPV_JRCA_CPD_JRCA_COURSE;
  cpd->title = g_strdup ("Course");
  g_assert_cmpint (cpv_vault_add_jrca_cpd (vault, cpd, &error), >, 0);
  g_assert_no_error (error);

  schedule = attach_text (vault, 0, "audit schedule", "schedule.pdf", "schedule", NULL, FALSE);
  certificate = attach_text (vault, 0, "cpd certificate", "cert.pdf", "certificate", NULL,
                             FALSE);
  loose = attach_text (vault, 0, "nothing keeps me", "loose.pdf", "other", NULL, FALSE);
  g_assert_true (cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit->id,
                                               schedule->id, "schedule", &error));
  g_assert_no_error (error);
  g_assert_true (cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_CPD, cpd->id,
                                               certificate->id, "certificate", &error));
  g_assert_no_error (error);

  held = retention_of (fixture, CPV_RECORD_EVIDENCE, schedule->id, "2040-01-01");
  g_assert_true (held->held);
  g_assert_cmpuint (held->held_until, ==, 0);
  g_assert_nonnull (strstr (held->hold_reason, "JRCA"));
  g_assert_nonnull (strstr (held->hold_reason, "audit"));
  g_assert_false (cpv_retention_item_is_past (held, day_of ("2040-01-01")));
  cpd_held = retention_of (fixture, CPV_RECORD_EVIDENCE, certificate->id, "2040-01-01");
  g_assert_true (cpd_held->held);
  g_assert_nonnull (strstr (cpd_held->hold_reason, "CPD"));

  /* Deleting one by hand needs --force. */
  g_assert_false (cpv_retention_check_delete (vault, fixture->registry, CPV_RECORD_EVIDENCE,
                                              schedule->id, day_of ("2040-01-01"), FALSE,
                                              &error));
  g_assert_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_HELD);
  g_clear_error (&error);

  report = cpv_retention_purge (vault, fixture->registry, day_of ("2040-01-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->evidence, ==, 1);
  g_assert_false (evidence_exists (vault, loose->id));
  g_assert_true (evidence_exists (vault, schedule->id));
  g_assert_true (evidence_exists (vault, certificate->id));

  /* Unlinked again: the old rule (nothing keeps a file linked to no activity) applies. */
  g_assert_true (cpv_vault_unlink_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit->id,
                                                 schedule->id, &error));
  g_assert_no_error (error);
  unlinked = retention_of (fixture, CPV_RECORD_EVIDENCE, schedule->id, "2040-01-01");
  g_assert_false (unlinked->held);
  g_assert_true (cpv_retention_item_is_past (unlinked, day_of ("2040-01-01")));
  second = cpv_retention_purge (vault, fixture->registry, day_of ("2040-01-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->evidence, ==, 1);
  g_assert_false (evidence_exists (vault, schedule->id));
  g_assert_true (evidence_exists (vault, certificate->id));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/records/ISC2-REC-3/cycle-end-plus-12-months", test_cycle_end_plus_twelve_months);
  ADD ("/records/ISC2-REC-3/latest-cycle-wins", test_latest_cycle_wins);
  ADD ("/records/ISC2-AUDIT-1/hold/open-audit", test_hold_open_audit);
  ADD ("/records/ISC2-APPEAL-1/hold/appeal-window", test_hold_appeal_window);
  ADD ("/records/ISC2-REC-3/purge", test_purge);
  ADD ("/records/ISC2-REC-3/delete-needs-force", test_check_delete);
  ADD ("/records/ISC2-REC-3/jrca-evidence-held-while-linked", test_jrca_link_holds);
#undef ADD

  return g_test_run ();
}
