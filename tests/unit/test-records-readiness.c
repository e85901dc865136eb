/* test-records-readiness.c — audit readiness per rule tag
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cpv-jrca-store.h"
#include "cpv-program.h"
#include "cpv-readiness.h"
#include "records-test-util.h"

typedef struct
{
  CpvTestVault        base;
  CpvProgramRegistry *registry;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  cpv_test_vault_setup (&fixture->base, user_data);
  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->registry);
  cpv_test_vault_teardown (&fixture->base, user_data);
}

static GPtrArray *
evidence_of_kinds (const char *first_kind,
                   ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first_kind);
  for (const char *kind = first_kind; kind != NULL; kind = va_arg (args, const char *))
    {
      CpvEvidence *evidence = g_object_new (CPV_TYPE_EVIDENCE, NULL);

      evidence->kind = g_strdup (kind);
      g_ptr_array_add (list, evidence);
    }
  va_end (args);
  return list;
}

static CpvActivity *
book (const char *isbn,
      const char *author)
{
  CpvActivity *activity = new_activity ("Security Engineering", "isc2.education.self-study-book",
                                        "2024-01-01", "2024-01-20", 5);

  activity->isbn = g_strdup (isbn);
  activity->author = g_strdup (author);
  return activity;
}

static void
test_book_needs_isbn (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(CpvActivity) activity = book (NULL, "Ross Anderson");
  g_autoptr(GPtrArray) evidence = evidence_of_kinds ("receipt", NULL);
  g_autoptr(CpvRecordReadiness) readiness = NULL;
  const CpvReadinessGap *gap;

  readiness = cpv_readiness_evaluate_activity (fixture->registry, activity, evidence);
  gap = cpv_record_readiness_find_gap (readiness, "ISC2-REC-2");
  g_assert_nonnull (gap);
  g_assert_nonnull (strstr (gap->text, "ISBN"));
  g_assert_cmpuint (readiness->gaps->len, ==, 1);
}

static void
test_book_isbn_check_digit (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(CpvActivity) wrong = book ("978-0-470-06852-7", "Ross Anderson");
  g_autoptr(CpvActivity) right = book ("978-0-470-06852-6", "Ross Anderson");
  g_autoptr(GPtrArray) evidence = evidence_of_kinds ("isbn-proof", NULL);
  g_autoptr(CpvRecordReadiness) bad = NULL;
  g_autoptr(CpvRecordReadiness) good = NULL;

  bad = cpv_readiness_evaluate_activity (fixture->registry, wrong, evidence);
  g_assert_cmpuint (bad->gaps->len, ==, 1);
  g_assert_nonnull (strstr (cpv_record_readiness_find_gap (bad, "ISC2-REC-2")->text,
                            "check digit"));
  good = cpv_readiness_evaluate_activity (fixture->registry, right, evidence);
  g_assert_true (cpv_record_readiness_is_ready (good));
}

static void
test_book_needs_proof_of_possession (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(CpvActivity) activity = book ("978-0-470-06852-6", "Ross Anderson");
  g_autoptr(GPtrArray) only_notes = evidence_of_kinds ("notes", NULL);
  g_autoptr(CpvRecordReadiness) readiness = NULL;
  const CpvReadinessGap *gap;

  /* A description does not replace the book, a sales slip or a library record. */
  activity->description = g_strdup ("Read chapters on protocols and access control.");
  readiness = cpv_readiness_evaluate_activity (fixture->registry, activity, only_notes);
  gap = cpv_record_readiness_find_gap (readiness, "ISC2-REC-2");
  g_assert_nonnull (gap);
  g_assert_nonnull (strstr (gap->text, "possession"));
}

static void
test_magazine_needs_publisher (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(CpvActivity) activity = new_activity ("Security Magazine 2024/3",
                                                  "isc2.education.self-study-magazine",
                                                  "2024-03-01", "2024-03-05", 2);
  g_autoptr(GPtrArray) evidence = evidence_of_kinds ("receipt", NULL);
  g_autoptr(CpvRecordReadiness) missing = NULL;
  g_autoptr(CpvRecordReadiness) kept = NULL;

  missing = cpv_readiness_evaluate_activity (fixture->registry, activity, evidence);
  g_assert_nonnull (strstr (cpv_record_readiness_find_gap (missing, "ISC2-REC-2")->text,
                            "publisher"));
  activity->publisher = g_strdup ("Gijutsu-Hyoron");
  kept = cpv_readiness_evaluate_activity (fixture->registry, activity, evidence);
  g_assert_true (cpv_record_readiness_is_ready (kept));
}

static void
test_course_needs_proof (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CpvActivity) activity = new_activity ("Cloud seminar", "isc2.education.course",
                                                  "2024-03-01", "2024-03-01", 3);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = evidence_of_kinds ("other", NULL);
  g_autoptr(GPtrArray) attendance = evidence_of_kinds ("attendance", NULL);
  g_autoptr(CpvRecordReadiness) no_proof = NULL;
  g_autoptr(CpvRecordReadiness) wrong_kind = NULL;
  g_autoptr(CpvRecordReadiness) attended = NULL;
  g_autoptr(CpvRecordReadiness) described = NULL;

  no_proof = cpv_readiness_evaluate_activity (fixture->registry, activity, none);
  g_assert_nonnull (cpv_record_readiness_find_gap (no_proof, "ISC2-REC-1"));
  wrong_kind = cpv_readiness_evaluate_activity (fixture->registry, activity, other);
  g_assert_nonnull (cpv_record_readiness_find_gap (wrong_kind, "ISC2-REC-1"));
  attended = cpv_readiness_evaluate_activity (fixture->registry, activity, attendance);
  g_assert_true (cpv_record_readiness_is_ready (attended));
  /* The category lists "description": a short one stands in for a certificate. */
  activity->description = g_strdup ("Shared-responsibility models and key management.");
  described = cpv_readiness_evaluate_activity (fixture->registry, activity, none);
  g_assert_true (cpv_record_readiness_is_ready (described));
}

static void
test_description_too_long (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(CpvActivity) activity = new_activity ("Red team exercise", "isc2.unique-work.entry",
                                                  "2024-06-01", "2024-06-30", 10);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CpvRecordReadiness) too_long = NULL;
  g_autoptr(CpvRecordReadiness) short_enough = NULL;
  const CpvReadinessGap *gap;

  for (guint i = 0; i < 251; i++)
    g_string_append (text, "word ");
  activity->description = g_strdup (text->str);
  too_long = cpv_readiness_evaluate_activity (fixture->registry, activity, none);
  /* Two gaps, both ISC2-REC-4: no proof or short description, and the length itself. */
  g_assert_cmpuint (too_long->gaps->len, ==, 2);
  for (guint i = 0; i < too_long->gaps->len; i++)
    {
      gap = too_long->gaps->pdata[i];
      g_assert_cmpstr (gap->rule, ==, "ISC2-REC-4");
    }
  g_assert_nonnull (strstr (((CpvReadinessGap *) too_long->gaps->pdata[1])->text,
                            "has 251 words"));

  /* Unique work experience: proof of the project or a description (ISC2-REC-4). */
  g_free (activity->description);
  activity->description = g_strdup ("Planned and ran the first purple-team exercise.");
  short_enough = cpv_readiness_evaluate_activity (fixture->registry, activity, none);
  g_assert_true (cpv_record_readiness_is_ready (short_enough));
}

static void
test_cycle_summary (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 cissp = add_credential (vault, "isc2", "CISSP", "2023-04-01", "2026-03-31");
  gint64 ready = add_activity (vault, "Ready", "isc2.education.course", "2024-01-01",
                               "2024-01-01", cissp);
  gint64 gap = add_activity (vault, "Gap", "isc2.education.course", "2024-02-01", "2024-02-01",
                             cissp);
  g_autoptr(CpvEvidence) evidence = attach_text (vault, ready, "attended", "a.pdf", "attendance",
                                                 NULL, FALSE);
  g_autoptr(CpvCycleReadiness) readiness = NULL;
  g_autoptr(CpvCycleReadiness) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  /* In the previous cycle: not part of the current one. */
  add_activity (vault, "Older", "isc2.education.course", "2022-01-01", "2022-01-01", cissp);
  readiness = cpv_readiness_check_cycle (vault, fixture->registry, cissp, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (readiness->n_total, ==, 2);
  g_assert_cmpuint (readiness->n_ready, ==, 1);
  summary = cpv_cycle_readiness_summary (readiness);
  g_assert_cmpstr (summary, ==, "ready for audit: 1 of 2 activities");
  g_assert_cmpint (((CpvRecordReadiness *) readiness->records->pdata[1])->id, ==, gap);

  previous = cpv_readiness_check_cycle (vault, fixture->registry, cissp, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (previous->n_total, ==, 1);
  g_assert_cmpuint (previous->cycle_end, ==, day_of ("2023-03-31"));
}

static void
test_jrca_evidence (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CpvVault *vault = fixture->base.vault;
  gint64 lead = add_credential (vault, "jrca-isms", "LEAD", "2023-04-01", "2026-03-31");
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();
  CpvJrcaAudit *observer = cpv_jrca_audit_new ();
  g_autoptr(CpvCycleReadiness) readiness = NULL;
  g_autoptr(GError) error = NULL;
  CpvRecordReadiness *first, *second;

  audit->credential_id = lead;
  audit->organisation = g_strdup ("Example KK (ISMS, head office)");
  audit->management_system = g_strdup ("ISMS");
  audit->onsite_start = day_of ("2024-05-01");
  audit->onsite_end = day_of ("2024-05-02");
  audit->role = CPV_JRCA_ROLE_LEADER;
  audit->attested_by_org = TRUE;
  audit->has_schedule = TRUE;
  audit->body_iaf_accredited = FALSE;   /* needs the audit report too */
  cpv_vault_add_jrca_audit (vault, audit, &error);
  g_assert_no_error (error);

  observer->credential_id = lead;
  observer->organisation = g_strdup ("Other KK");
  observer->management_system = g_strdup ("ISMS");
  observer->onsite_start = day_of ("2024-07-01");
  observer->onsite_end = day_of ("2024-07-01");
  observer->role = CPV_JRCA_ROLE_OBSERVER;
  observer->attested_by_org = TRUE;
  observer->has_schedule = TRUE;
  observer->body_iaf_accredited = TRUE;
  cpv_vault_add_jrca_audit (vault, observer, &error);
  g_assert_no_error (error);

  readiness = cpv_readiness_check_cycle (vault, fixture->registry, lead, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (readiness->n_total, ==, 2);
  g_assert_cmpuint (readiness->n_ready, ==, 0);
  first = readiness->records->pdata[0];
  second = readiness->records->pdata[1];
  g_assert_cmpint (first->subject, ==, CPV_READINESS_JRCA_AUDIT);
  g_assert_nonnull (strstr (cpv_record_readiness_find_gap (first, "JRCA-EVID-1")->text,
                            "report"));
  g_assert_nonnull (cpv_record_readiness_find_gap (second, "JRCA-OBS-1"));
  g_assert_null (cpv_record_readiness_find_gap (second, "JRCA-EVID-1"));

  cpv_jrca_audit_free (audit);
  cpv_jrca_audit_free (observer);
}

static void
assert_same_gaps (const CpvRecordReadiness *batch,
                  const CpvRecordReadiness *single)
{
  g_assert_cmpint (batch->id, ==, single->id);
  g_assert_cmpint (batch->subject, ==, single->subject);
  g_assert_cmpstr (batch->title, ==, single->title);
  g_assert_cmpuint (batch->gaps->len, ==, single->gaps->len);
  for (guint i = 0; i < batch->gaps->len; i++)
    {
      const CpvReadinessGap *a = batch->gaps->pdata[i];
      const CpvReadinessGap *b = single->gaps->pdata[i];

      g_assert_cmpstr (a->rule, ==, b->rule);
      g_assert_cmpstr (a->text, ==, b->text);
    }
}

/* A cycle of many activities, read in one pass (the evidence of all of them at once), gives
 * for every activity the answer of checking it on its own. */
static void
test_many_activities_batch (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char * const categories[] = {
    "isc2.education.course", "isc2.education.self-study-book",
    "isc2.education.self-study-magazine", "isc2.unique-work.entry", "isc2.no-such-category",
  };
  static const char * const kinds[] = { "attendance", "certificate", "receipt", "isbn-proof",
                                        "notes", "other", "report" };
  CpvVault *vault = fixture->base.vault;
  gint64 cissp = add_credential (vault, "isc2", "CISSP", "2023-04-01", "2026-03-31");
  gint64 ccsp = add_credential (vault, "isc2", "CCSP", "2022-10-01", "2025-09-30");
  gint64 shared[G_N_ELEMENTS (kinds)];
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cissp = 0, n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *content = g_strdup_printf ("shared proof %u", i);
      g_autofree char *name = g_strdup_printf ("shared-%u.pdf", i);
      g_autoptr(CpvEvidence) item = attach_text (vault, 0, content, name, kinds[i], NULL, FALSE);

      shared[i] = item->id;
    }
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Activity %u", i);
      g_autofree char *day = g_strdup_printf ("%d-%02u-%02u", i % 10 == 9 ? 2022 : 2024,
                                              i % 12 + 1, i % 28 + 1);
      g_autoptr(CpvActivity) activity = new_activity (title,
                                                      categories[i % G_N_ELEMENTS (categories)],
                                                      day, day, 1);

      if (i % 4 == 1)
        activity->isbn = g_strdup (i % 8 == 1 ? "978-0-470-06852-6" : "978-0-470-06852-7");
      if (i % 5 == 2)
        activity->author = g_strdup ("Ross Anderson");
      if (i % 6 == 3)
        activity->publisher = g_strdup ("Gijutsu-Hyoron");
      if (i % 3 == 0)
        activity->description = g_strdup ("Zero trust architecture and key management.");
      cpv_activity_add_credit_line (activity, i % 11 == 10 ? ccsp : cissp, 'A');
      if (i % 13 == 0)
        cpv_activity_add_credit_line (activity, ccsp, 'B');
      store_activity (vault, activity);

      /* Own items, shared items (the same item proves several activities), or none. */
      if (i % 2 == 0)
        {
          g_autofree char *content = g_strdup_printf ("own proof %u", i);
          g_autoptr(CpvEvidence) own = attach_text (vault, activity->id, content, "own.pdf",
                                                    kinds[i % G_N_ELEMENTS (kinds)], NULL,
                                                    FALSE);
        }
      if (i % 3 != 2)
        {
          cpv_vault_link_evidence (vault, activity->id, shared[(i / 3) % G_N_ELEMENTS (kinds)],
                                   &error);
          g_assert_no_error (error);
        }
    }

  all = cpv_readiness_check_all (vault, fixture->registry, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint c = 0; c < all->len; c++)
    {
      CpvCycleReadiness *cycle = all->pdata[c];
      g_autoptr(CpvCycleReadiness) alone = NULL;
      guint n_ready = 0;

      /* The same as checking the cycle on its own … */
      alone = cpv_readiness_check_cycle (vault, fixture->registry, cycle->credential_id, 0,
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpuint (alone->n_total, ==, cycle->n_total);
      g_assert_cmpuint (alone->n_ready, ==, cycle->n_ready);
      if (cycle->credential_id == cissp)
        n_cissp = cycle->n_total;

      /* … and, record by record, as checking each activity on its own. */
      for (guint i = 0; i < cycle->records->len; i++)
        {
          const CpvRecordReadiness *record = cycle->records->pdata[i];
          g_autoptr(CpvRecordReadiness) single = NULL;

          single = cpv_readiness_check_activity (vault, fixture->registry, record->id, &error);
          g_assert_no_error (error);
          assert_same_gaps (record, single);
          assert_same_gaps (alone->records->pdata[i], single);
          if (cpv_record_readiness_is_ready (single))
            n_ready++;
          n_checked++;
        }
      g_assert_cmpuint (n_ready, ==, cycle->n_ready);
      g_assert_cmpuint (cycle->n_ready, >, 0);
      g_assert_cmpuint (cycle->n_ready, <, cycle->n_total);
    }
  /* Activities of 2022 fall outside CISSP's cycle; the test must have looked at many. */
  g_assert_cmpuint (n_cissp, >, 80);
  g_assert_cmpuint (n_cissp, <, 120);
  g_assert_cmpuint (n_checked, >, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/records/ISC2-REC-2/book-needs-isbn", test_book_needs_isbn);
  ADD ("/records/ISC2-REC-2/book-isbn-check-digit", test_book_isbn_check_digit);
  ADD ("/records/ISC2-REC-2/book-needs-proof-of-possession", test_book_needs_proof_of_possession);
  ADD ("/records/ISC2-REC-2/magazine-needs-publisher", test_magazine_needs_publisher);
  ADD ("/records/ISC2-REC-1/course-needs-proof", test_course_needs_proof);
  ADD ("/records/ISC2-REC-4/description-250-words", test_description_too_long);
  ADD ("/records/ISC2-AUDIT-2/cycle-ready-n-of-m", test_cycle_summary);
  ADD ("/records/JRCA-EVID-1/schedule-report-observer", test_jrca_evidence);
  ADD ("/records/ISC2-AUDIT-2/many-activities-one-pass", test_many_activities_batch);
#undef ADD

  return g_test_run ();
}
