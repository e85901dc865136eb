/* test-rules-jrca.c — JRCA ISMS auditor rules (RULES.md section 2, seed 004)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cpv-jrca.h"

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

typedef struct
{
  CpvJrcaData *data;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  CpvJrcaRegistration *registration = cpv_jrca_registration_new ();

  fixture->data = cpv_jrca_data_new (1);
  registration->credential_id = 1;
  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->registration_number = g_strdup ("I01234");
  registration->maintenance_deadline = D (2026, 9, 30);
  registration->expiry_date = D (2028, 9, 30);
  registration->previous_maintenance_application = D (2025, 8, 1);
  registration->previous_renewal_application = D (2024, 8, 1);
  fixture->data->registration = registration;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->data, cpv_jrca_data_free);
}

/* Adds an audit whose on-site days start at @start, one day per entry of @hours (ending < 0). */
static CpvJrcaAudit *
add_audit (CpvJrcaData *data,
           CpvJrcaRole  role,
           const char  *ms,
           CpvDay       start,
           gboolean     evidence,
           ...)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();
  CpvDay day = start;
  va_list args;
  double hours;

  audit->id = data->audits->len + 1;
  audit->credential_id = data->credential_id;
  audit->organisation = g_strdup ("Example K.K. (scope: cloud services)");
  audit->management_system = g_strdup (ms);
  audit->role = role;
  audit->onsite_start = start;
  va_start (args, evidence);
  while ((hours = va_arg (args, double)) >= 0)
    {
      cpv_jrca_audit_add_day (audit, day, hours);
      day = cpv_day_add_days (day, 1);
    }
  va_end (args);
  audit->onsite_end = cpv_day_add_days (day, -1);
  audit->body_iaf_accredited = TRUE;
  audit->attested_by_org = evidence;
  audit->has_schedule = evidence;
  audit->has_form_3a = TRUE;
  g_ptr_array_add (data->audits, audit);
  return audit;
}

static CpvJrcaCpd *
add_cpd (CpvJrcaData    *data,
         CpvJrcaCpdKind  kind,
         CpvDay          date,
         double          hours)
{
  CpvJrcaCpd *cpd = cpv_jrca_cpd_new ();

  cpd->id = data->cpd->len + 1;
  cpd->credential_id = data->credential_id;
  cpd->kind = kind;
  cpd->date = date;
  cpd->hours = hours;
  cpd->title = g_strdup ("ISMS seminar");
  g_ptr_array_add (data->cpd, cpd);
  return cpd;
}

static const CpvJrcaLine *
find_line (const CpvJrcaCheck *check,
           const char         *kind)
{
  for (guint i = 0; i < check->n_lines; i++)
    if (strcmp (check->lines[i].kind, kind) == 0)
      return &check->lines[i];
  return NULL;
}

static void
assert_line (const CpvJrcaCheck *check,
             const char         *kind,
             double              required,
             double              earned,
             gboolean            met)
{
  const CpvJrcaLine *line = find_line (check, kind);

  g_assert_nonnull (line);
  g_assert_cmpfloat_with_epsilon (line->required, required, 1e-9);
  g_assert_cmpfloat_with_epsilon (line->earned, earned, 1e-9);
  g_assert_cmpint (line->met, ==, met);
}

/* JRCA-DAYS-1 */

static void
test_days_seed_example (void)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();

  /* The seed's example: day 1 of 7 h is 1.0, day 2 of 3.5 h is 0.58 -> 0.5, 1.5 in all. */
  cpv_jrca_audit_add_day (audit, D (2026, 4, 1), 7);
  cpv_jrca_audit_add_day (audit, D (2026, 4, 2), 3.5);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_day_credit (7), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_day_credit (3.5), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (audit), 1.5, 1e-9);
}

static void
test_days_table (void)
{
  /* Written out by hand from "hours / 6, truncated to one decimal; over 6 h is 1.0". */
  static const struct { double hours; guint tenths; } table[] = {
    { 0.5, 0 }, { 1.0, 1 }, { 1.5, 2 }, { 2.0, 3 }, { 2.5, 4 }, { 3.0, 5 }, { 3.5, 5 },
    { 4.0, 6 }, { 4.5, 7 }, { 5.0, 8 }, { 5.5, 9 }, { 6.0, 10 }, { 6.5, 10 }, { 7.0, 10 },
    { 7.5, 10 }, { 8.0, 10 }, { 8.5, 10 }, { 9.0, 10 }, { 9.5, 10 }, { 10.0, 10 },
    { 10.5, 10 }, { 11.0, 10 }, { 11.5, 10 }, { 12.0, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("%.1f h", table[i].hours);
      g_assert_cmpuint (cpv_jrca_day_tenths (table[i].hours), ==, table[i].tenths);
      g_assert_cmpfloat_with_epsilon (cpv_jrca_day_credit (table[i].hours),
                                      table[i].tenths / 10.0, 1e-9);
    }
}

static void
test_days_truncation_edges (void)
{
  /* 4.8 h is exactly 0.8 of a day and must not lose a tenth to floating point. */
  g_assert_cmpuint (cpv_jrca_day_tenths (4.8), ==, 8);
  g_assert_cmpuint (cpv_jrca_day_tenths (0.6), ==, 1);
  g_assert_cmpuint (cpv_jrca_day_tenths (0.55), ==, 0);
  /* 5 h 59 min is 0.997 of a day: truncated, not rounded. */
  g_assert_cmpuint (cpv_jrca_day_tenths (5.0 + 59.0 / 60.0), ==, 9);
  g_assert_cmpuint (cpv_jrca_day_tenths (0), ==, 0);
  g_assert_cmpuint (cpv_jrca_day_tenths (-3), ==, 0);
  g_assert_cmpuint (cpv_jrca_day_tenths (NAN), ==, 0);
}

static void
test_days_no_moving (void)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();

  /* 12 h + 0.5 h is 13 hours, but the 6 h over the first day's 6 do not move: 1.0 + 0.0. */
  cpv_jrca_audit_add_day (audit, D (2026, 4, 1), 12);
  cpv_jrca_audit_add_day (audit, D (2026, 4, 2), 0.5);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (audit), 1.0, 1e-9);
}

/* JRCA-DAYS-2: combined audits are entered as per-day ISMS hours (meetings in full). */
static void
test_days_combined (void)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();

  /* QMS+ISMS day: 1.5 h of meetings (counted in full) + 3 h of ISMS parts = 4.5 h -> 0.7;
   * the 3 h spent on QMS parts are not entered. */
  audit->combined = TRUE;
  cpv_jrca_audit_add_day (audit, D (2026, 5, 11), 1.5 + 3.0);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (audit), 0.7, 1e-9);
}

/* JRCA-OBS-1 */

static void
test_observer (Fixture       *fixture,
               gconstpointer  user_data)
{
  CpvJrcaCheck check;
  CpvJrcaAudit *audit;

  audit = add_audit (fixture->data, CPV_JRCA_ROLE_OBSERVER, "ISMS", D (2026, 2, 2), TRUE,
                     7.0, 7.0, -1.0);
  g_assert_false (cpv_jrca_audit_is_valid_record (audit));
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 0, FALSE);

  audit->role = CPV_JRCA_ROLE_MEMBER;
  g_assert_true (cpv_jrca_audit_is_valid_record (audit));
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 1, TRUE);
}

/* JRCA-MAINT-1 */

static void
test_maintenance_auditor (Fixture       *fixture,
                          gconstpointer  user_data)
{
  CpvJrcaCheck check;
  CpvDay from = cpv_jrca_last_application (fixture->data->registration);

  g_assert_cmpuint (from, ==, D (2025, 8, 1));

  /* A QMS audit and an audit the day before the last application do not count. */
  add_audit (fixture->data, CPV_JRCA_ROLE_MEMBER, "QMS", D (2025, 10, 1), FALSE, 7.0, -1.0);
  add_audit (fixture->data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2025, 7, 31), FALSE, 7.0, -1.0);
  cpv_jrca_check_maintenance (fixture->data, from, D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 0, FALSE);
  g_assert_false (check.met);

  /* On the application date itself: counts, and no evidence is needed. */
  add_audit (fixture->data, CPV_JRCA_ROLE_MEMBER, "isms", D (2025, 8, 1), FALSE, 3.0, -1.0);
  cpv_jrca_check_maintenance (fixture->data, from, D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 1, TRUE);
  g_assert_true (check.met);
  g_assert_null (find_line (&check, "cpd-hours"));
}

static void
test_maintenance_lead_member_record (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  CpvJrcaCheck check;

  fixture->data->registration->grade = CPV_JRCA_GRADE_LEAD;
  add_audit (fixture->data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2026, 3, 2), FALSE, 6.0, -1.0);
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 1, TRUE);

  /* An audit still in progress on the application date does not count yet. */
  g_ptr_array_set_size (fixture->data->audits, 0);
  add_audit (fixture->data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2026, 7, 31), FALSE,
             6.0, 6.0, 6.0, -1.0);
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  assert_line (&check, "maintenance-audits", 1, 0, FALSE);
}

static void
test_maintenance_assistant (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CpvJrcaCheck check;

  fixture->data->registration->grade = CPV_JRCA_GRADE_ASSISTANT;
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  g_assert_cmpuint (check.n_lines, ==, 0);
  g_assert_true (check.met);

  /* With the person's own CPD number set, a CPD line appears; audit experience counts for an
   * assistant (JRCA-CPD-2 (5)). */
  fixture->data->registration->cpd_hours_required = 10;
  add_cpd (fixture->data, CPV_JRCA_CPD_AUDIT_EXPERIENCE, D (2026, 1, 10), 8);
  add_cpd (fixture->data, CPV_JRCA_CPD_SELF_STUDY, D (2026, 2, 10), 1.5);
  cpv_jrca_check_maintenance (fixture->data, D (2025, 8, 1), D (2026, 8, 1), &check);
  assert_line (&check, "cpd-hours", 10, 9.5, FALSE);
}

/* JRCA-RENEW-1 */

static void
test_renewal_auditor (Fixture       *fixture,
                      gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvJrcaAudit *non_iaf;
  CpvDay from = D (2025, 8, 1), last_year = D (2027, 8, 1), on = D (2028, 8, 1);

  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2025, 11, 4), TRUE, 7.0, 3.5, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2026, 6, 8), TRUE, 7.0, -1.0);
  non_iaf = add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 2, 1), TRUE, 7.0, -1.0);
  non_iaf->body_iaf_accredited = FALSE;   /* needs the report too */
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 3, 1), FALSE, 7.0, -1.0);

  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  assert_line (&check, "renewal-audits", 3, 2, FALSE);
  assert_line (&check, "last-year-audits", 1, 0, FALSE);

  non_iaf->has_report = TRUE;
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2028, 1, 20), FALSE, 2.0, -1.0);
  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  assert_line (&check, "renewal-audits", 3, 3, TRUE);
  assert_line (&check, "last-year-audits", 1, 1, TRUE);
  g_assert_true (check.met);
  g_assert_null (find_line (&check, "renewal-leader-audits"));
}

/* JRCA-RENEW-2 */

static void
test_renewal_lead (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvDay from = D (2025, 8, 1), last_year = D (2027, 8, 1), on = D (2028, 8, 1);

  data->registration->grade = CPV_JRCA_GRADE_LEAD;
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2025, 9, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2026, 9, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 1, 11), TRUE, 7.0, -1.0);
  /* A member record in the last year satisfies the last-year line but not the leader line. */
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 10, 4), FALSE, 7.0, -1.0);

  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  assert_line (&check, "renewal-leader-audits", 3, 2, FALSE);
  assert_line (&check, "last-year-audits", 1, 1, TRUE);
  g_assert_null (find_line (&check, "renewal-audits"));

  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2027, 5, 10), TRUE, 5.0, -1.0);
  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  assert_line (&check, "renewal-leader-audits", 3, 3, TRUE);
  g_assert_true (check.met);
}

/* JRCA-RENEW-3 */

static void
test_renewal_lead_other_ms (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvDay from = D (2025, 8, 1), last_year = D (2027, 8, 1), on = D (2028, 8, 1);
  const char *other[] = { "QMS", NULL };

  data->registration->grade = CPV_JRCA_GRADE_LEAD;
  data->registration->other_lead_ms = g_strdupv ((GStrv) other);

  /* 3 QMS leader records and 3 ISMS member records: no ISMS leader record. */
  add_audit (data, CPV_JRCA_ROLE_LEADER, "QMS", D (2025, 9, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "qms", D (2026, 2, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "QMS", D (2026, 9, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "EMS", D (2026, 10, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2026, 3, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 3, 1), TRUE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2027, 12, 1), TRUE, 7.0, -1.0);

  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  /* EMS is not a registered lead MS: 3 QMS leader records count, not 4. */
  assert_line (&check, "renewal-leader-audits", 3, 3, TRUE);
  assert_line (&check, "renewal-isms-leader-audits", 1, 0, FALSE);
  assert_line (&check, "renewal-audits", 3, 3, TRUE);
  assert_line (&check, "last-year-audits", 1, 1, TRUE);
  g_assert_false (check.met);

  /* One ISMS member record becomes a leader record: every line is met with 2 QMS + 1 ISMS
   * leader records and 3 ISMS records. */
  ((CpvJrcaAudit *) g_ptr_array_index (data->audits, 5))->role = CPV_JRCA_ROLE_LEADER;
  g_ptr_array_remove_index (data->audits, 0);
  cpv_jrca_check_renewal (data, from, last_year, on, &check);
  assert_line (&check, "renewal-leader-audits", 3, 3, TRUE);
  assert_line (&check, "renewal-isms-leader-audits", 1, 1, TRUE);
  assert_line (&check, "renewal-audits", 3, 3, TRUE);
  g_assert_true (check.met);
}

/* JRCA-EXPERT-1 */

static void
test_expert_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;

  data->registration->grade = CPV_JRCA_GRADE_EXPERT;
  data->registration->expert_only = TRUE;
  add_cpd (data, CPV_JRCA_CPD_JRCA_COURSE, D (2025, 12, 1), 3);
  add_cpd (data, CPV_JRCA_CPD_SELF_STUDY, D (2026, 3, 1), 1.5);
  /* Before the CPD period (JRCA-CPD-1): not counted. */
  add_cpd (data, CPV_JRCA_CPD_SELF_STUDY, D (2025, 7, 31), 4);
  /* Audit experience is CPD for assistants only (JRCA-CPD-2). */
  add_cpd (data, CPV_JRCA_CPD_AUDIT_EXPERIENCE, D (2026, 4, 1), 7);

  cpv_jrca_check_maintenance (data, D (2025, 8, 1), D (2026, 8, 1), &check);
  g_assert_cmpuint (check.n_lines, ==, 1);
  assert_line (&check, "cpd-hours", 5, 4.5, FALSE);

  add_cpd (data, CPV_JRCA_CPD_OTHER_TRAINING, D (2026, 8, 1), 0.5);
  cpv_jrca_check_renewal (data, D (2023, 8, 1), D (2025, 8, 1), D (2026, 8, 1), &check);
  g_assert_cmpuint (check.n_lines, ==, 1);
  assert_line (&check, "cpd-hours", 5, 5, TRUE);
  g_assert_true (check.met);
}

static void
test_expert_with_lead (Fixture       *fixture,
                       gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;

  data->registration->grade = CPV_JRCA_GRADE_LEAD;
  cpv_jrca_registration_upgrade (data->registration, CPV_JRCA_GRADE_EXPERT);
  g_assert_cmpint (data->registration->grade, ==, CPV_JRCA_GRADE_EXPERT);
  g_assert_false (data->registration->expert_only);
  g_assert_cmpint (cpv_jrca_effective_grade (data->registration), ==, CPV_JRCA_GRADE_LEAD);

  cpv_jrca_check_renewal (data, D (2025, 8, 1), D (2027, 8, 1), D (2028, 8, 1), &check);
  assert_line (&check, "renewal-leader-audits", 3, 0, FALSE);
  g_assert_null (find_line (&check, "cpd-hours"));
}

/* JRCA-EXPERT-2 */

static void
test_expert_teaching (void)
{
  g_assert_true (cpv_jrca_teaching_counts (TRUE, 6));
  g_assert_false (cpv_jrca_teaching_counts (TRUE, 5.5));
  g_assert_true (cpv_jrca_teaching_counts (FALSE, 5));
  g_assert_false (cpv_jrca_teaching_counts (FALSE, 4.75));

  g_assert_cmpuint (cpv_jrca_teaching_leader_records (0), ==, 0);
  g_assert_cmpuint (cpv_jrca_teaching_leader_records (10), ==, 0);
  g_assert_cmpuint (cpv_jrca_teaching_leader_records (11), ==, 1);
  g_assert_cmpuint (cpv_jrca_teaching_leader_records (60), ==, 50);
  g_assert_cmpuint (cpv_jrca_teaching_leader_records (75), ==, 50);
}

/* JRCA-UPGRADE-1/2: assistant -> auditor */

static void
test_upgrade_auditor_normal (Fixture       *fixture,
                             gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvDay on = D (2026, 6, 15);

  data->registration->grade = CPV_JRCA_GRADE_ASSISTANT;
  /* 9.5 days inside the 5 years, the first audit starting exactly 5 years before. */
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2021, 6, 15), FALSE, 7.0, 7.0, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2023, 1, 10), FALSE, 7.0, 7.0, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2025, 2, 3), FALSE, 6.5, 6.0, 7.0, 3.0,
             -1.0);
  /* One day before the window: not counted. */
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2021, 6, 14), FALSE, 7.0, -1.0);

  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  g_assert_false (check.relaxed);
  g_assert_cmpuint (check.window_start, ==, D (2021, 6, 15));
  assert_line (&check, "upgrade-days", 10, 9.5, FALSE);

  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2026, 6, 15), FALSE, 3.0, -1.0);
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  assert_line (&check, "upgrade-days", 10, 10, TRUE);

  /* Without form 3A the record does not count. */
  ((CpvJrcaAudit *) g_ptr_array_index (data->audits, 4))->has_form_3a = FALSE;
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  assert_line (&check, "upgrade-days", 10, 9.5, FALSE);
}

static void
test_upgrade_auditor_relaxed (Fixture       *fixture,
                              gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvDay on = D (2026, 6, 15);
  const char *other[] = { "QMS", NULL };

  data->registration->grade = CPV_JRCA_GRADE_ASSISTANT;
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2023, 6, 15), FALSE, 7.0, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2023, 6, 14), FALSE, 7.0, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2025, 9, 1), FALSE, 7.0, 7.0, 3.0, -1.0);

  /* Another MS's lead grade relaxes only the lead upgrade (form 5C note). */
  data->registration->other_lead_ms = g_strdupv ((GStrv) other);
  g_assert_false (cpv_jrca_upgrade_is_relaxed (data->registration, on));

  /* A re-upgrade: 5 days within exactly 3 years. */
  data->registration->reupgrade = TRUE;
  data->registration->downgrade_date = D (2024, 1, 1);
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  g_assert_true (check.relaxed);
  g_assert_cmpuint (check.window_start, ==, D (2023, 6, 15));
  assert_line (&check, "upgrade-days", 5, 4.5, FALSE);

  g_array_index (((CpvJrcaAudit *) g_ptr_array_index (data->audits, 2))->days,
                 CpvJrcaAuditDay, 2).isms_hours = 6.0;
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  assert_line (&check, "upgrade-days", 5, 5, TRUE);
}

static void
test_upgrade_reupgrade_window (Fixture       *fixture,
                               gconstpointer  user_data)
{
  CpvJrcaRegistration *registration = fixture->data->registration;

  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->reupgrade = TRUE;
  registration->downgrade_date = D (2023, 4, 1);
  /* Within 3 years after the downgrade, the last day included. */
  g_assert_true (cpv_jrca_upgrade_is_relaxed (registration, D (2026, 4, 1)));
  g_assert_false (cpv_jrca_upgrade_is_relaxed (registration, D (2026, 4, 2)));
  registration->reupgrade = FALSE;
  g_assert_false (cpv_jrca_upgrade_is_relaxed (registration, D (2024, 4, 1)));
}

/* JRCA-UPGRADE-1/2: auditor -> lead auditor */

static void
test_upgrade_lead_normal (Fixture       *fixture,
                          gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvJrcaAudit *late_member;
  CpvDay on = D (2026, 6, 15);

  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2019, 5, 1), FALSE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2020, 5, 1), FALSE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2021, 5, 1), FALSE, 7.0, -1.0);
  /* Leader records from exactly 2 years back: 2.0 + 1.5 + 1.0 = 4.5 days. */
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2024, 6, 15), FALSE, 7.0, 6.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2025, 3, 3), FALSE, 7.0, 3.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2026, 1, 19), FALSE, 6.0, -1.0);
  /* One day outside the 2 years. */
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2024, 6, 14), FALSE, 7.0, 7.0, -1.0);
  /* A member record after the first leader record is not a "member record before leading". */
  late_member = add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2025, 1, 1), FALSE, 7.0,
                           -1.0);

  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  g_assert_false (check.relaxed);
  g_assert_cmpuint (check.window_start, ==, D (2024, 6, 15));
  assert_line (&check, "upgrade-member-audits", 3, 3, TRUE);
  assert_line (&check, "upgrade-leader-audits", 3, 3, TRUE);
  assert_line (&check, "upgrade-leader-days", 5, 4.5, FALSE);
  g_assert_false (check.met);

  late_member->role = CPV_JRCA_ROLE_LEADER;   /* 2025-01-01: one more leader day */
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  assert_line (&check, "upgrade-leader-audits", 3, 4, TRUE);
  assert_line (&check, "upgrade-leader-days", 5, 5.5, TRUE);
  g_assert_true (check.met);

  /* A leader record without the instructor's form 3A does not count. */
  late_member->has_form_3a = FALSE;
  ((CpvJrcaAudit *) g_ptr_array_index (data->audits, 5))->has_form_3a = FALSE;
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  assert_line (&check, "upgrade-leader-audits", 3, 2, FALSE);
}

static void
test_upgrade_lead_relaxed (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvJrcaCheck check;
  CpvDay on = D (2026, 6, 15);
  const char *other[] = { "EMS", NULL };

  add_audit (data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2022, 5, 1), FALSE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_OJT, "ISMS", D (2023, 5, 1), FALSE, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2024, 6, 15), FALSE, 7.0, 7.0, -1.0);
  add_audit (data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2026, 6, 1), FALSE, 7.0, -1.0);

  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  g_assert_false (check.relaxed);
  assert_line (&check, "upgrade-member-audits", 3, 2, FALSE);
  assert_line (&check, "upgrade-leader-audits", 3, 2, FALSE);
  assert_line (&check, "upgrade-leader-days", 5, 3, FALSE);

  /* A JRCA lead auditor of another MS: 2 member, 2 leader audits and 3 days in 2 years. */
  data->registration->other_lead_ms = g_strdupv ((GStrv) other);
  g_assert_true (cpv_jrca_check_upgrade (data, on, &check));
  g_assert_true (check.relaxed);
  assert_line (&check, "upgrade-member-audits", 2, 2, TRUE);
  assert_line (&check, "upgrade-leader-audits", 2, 2, TRUE);
  assert_line (&check, "upgrade-leader-days", 3, 3, TRUE);
  g_assert_true (check.met);

  /* The 2-year window is the same on the relaxed route: a day later, the first leader record
   * falls out. */
  g_assert_true (cpv_jrca_check_upgrade (data, D (2026, 6, 16), &check));
  assert_line (&check, "upgrade-leader-audits", 2, 1, FALSE);
}

static void
test_upgrade_not_for_lead (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CpvJrcaCheck check;

  fixture->data->registration->grade = CPV_JRCA_GRADE_LEAD;
  g_assert_false (cpv_jrca_check_upgrade (fixture->data, D (2026, 1, 1), &check));
  g_assert_cmpuint (check.n_lines, ==, 0);
}

/* JRCA-DATE-1/2/3 */

static void
test_date_window (void)
{
  g_assert_cmpuint (cpv_jrca_application_window_opens (D (2026, 9, 30)), ==, D (2026, 6, 30));
  /* Month ends clamp: 3 months before 31 May is 28 (29) February. */
  g_assert_cmpuint (cpv_jrca_application_window_opens (D (2026, 5, 31)), ==, D (2026, 2, 28));
  g_assert_cmpuint (cpv_jrca_application_window_opens (D (2028, 5, 31)), ==, D (2028, 2, 29));
  g_assert_cmpuint (cpv_jrca_application_window_opens (0), ==, 0);
}

static void
test_date_restoration (void)
{
  g_assert_cmpuint (cpv_jrca_restoration_limit (D (2026, 9, 30), FALSE), ==, D (2027, 3, 30));
  g_assert_cmpuint (cpv_jrca_restoration_limit (D (2026, 9, 30), TRUE), ==, D (2027, 6, 30));
  g_assert_cmpuint (cpv_jrca_restoration_limit (D (2026, 8, 31), FALSE), ==, D (2027, 2, 28));
  /* "資格回復の期限から3ヶ月以内": three months from the limit (2027-02-28), not from the due date. */
  g_assert_cmpuint (cpv_jrca_restoration_limit (D (2026, 8, 31), TRUE), ==, D (2027, 5, 28));
}

static void
test_date_upgrade_keeps_dates (Fixture       *fixture,
                               gconstpointer  user_data)
{
  CpvJrcaRegistration *registration = fixture->data->registration;
  g_autoptr(CpvJrcaRegistration) expert = cpv_jrca_registration_new ();

  cpv_jrca_registration_upgrade (registration, CPV_JRCA_GRADE_LEAD);
  g_assert_cmpint (registration->grade, ==, CPV_JRCA_GRADE_LEAD);
  g_assert_cmpuint (registration->maintenance_deadline, ==, D (2026, 9, 30));
  g_assert_cmpuint (registration->expiry_date, ==, D (2028, 9, 30));

  expert->grade = CPV_JRCA_GRADE_EXPERT;
  expert->maintenance_deadline = D (2027, 1, 31);
  expert->expiry_date = D (2030, 1, 31);
  cpv_jrca_registration_sync_expert (expert, registration);
  g_assert_cmpuint (expert->maintenance_deadline, ==, D (2026, 9, 30));
  g_assert_cmpuint (expert->expiry_date, ==, D (2028, 9, 30));
}

/* JRCA-GRADE-1 */

static void
test_grade_keys (void)
{
  static const char * const keys[] = { "assistant", "auditor", "lead", "expert" };
  static const char * const labels[] = { "審査員補", "審査員", "主任審査員", "エキスパート審査員" };
  CpvJrcaGrade grade;
  CpvJrcaRole role;
  CpvJrcaCpdKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (cpv_jrca_grade_from_key (keys[i], &grade));
      g_assert_cmpint (grade, ==, i);
      g_assert_cmpstr (cpv_jrca_grade_to_key (grade), ==, keys[i]);
      g_assert_cmpstr (cpv_jrca_grade_label (grade), ==, labels[i]);
    }
  g_assert_false (cpv_jrca_grade_from_key ("Lead", &grade));
  g_assert_false (cpv_jrca_grade_from_key (NULL, &grade));

  g_assert_true (cpv_jrca_role_from_key ("observer", &role));
  g_assert_cmpint (role, ==, CPV_JRCA_ROLE_OBSERVER);
  g_assert_true (cpv_jrca_cpd_kind_from_key ("iaf-body-training", &kind));
  g_assert_cmpint (kind, ==, CPV_JRCA_CPD_IAF_BODY_TRAINING);
  g_assert_cmpstr (cpv_jrca_cpd_kind_to_key (CPV_JRCA_CPD_AUDIT_EXPERIENCE), ==,
                   "audit-experience");
}

static void
test_grade_next_procedure (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CpvJrcaRegistration *registration = fixture->data->registration;
  CpvDay due;

  g_assert_cmpint (cpv_jrca_next_procedure (registration, &due), ==,
                   CPV_JRCA_PROCEDURE_MAINTENANCE);
  g_assert_cmpuint (due, ==, D (2026, 9, 30));

  /* In the third year the maintenance deadline and the expiry date meet: renewal. */
  registration->maintenance_deadline = D (2028, 9, 30);
  g_assert_cmpint (cpv_jrca_next_procedure (registration, &due), ==, CPV_JRCA_PROCEDURE_RENEWAL);
  g_assert_cmpuint (due, ==, D (2028, 9, 30));

  registration->maintenance_deadline = 0;
  registration->expiry_date = 0;
  g_assert_cmpint (cpv_jrca_next_procedure (registration, &due), ==, CPV_JRCA_PROCEDURE_NONE);
}

/* JRCA-CPD-1 */

static void
test_cpd_period (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;

  add_cpd (data, CPV_JRCA_CPD_SELF_STUDY, D (2025, 7, 31), 2);
  add_cpd (data, CPV_JRCA_CPD_SELF_STUDY, D (2025, 8, 1), 3);
  add_cpd (data, CPV_JRCA_CPD_JRCA_COURSE, D (2026, 8, 1), 6);
  add_cpd (data, CPV_JRCA_CPD_JRCA_COURSE, D (2026, 8, 2), 7);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_cpd_hours (data, CPV_JRCA_GRADE_AUDITOR,
                                                      D (2025, 8, 1), D (2026, 8, 1)),
                                  9, 1e-9);
}

/* JRCA-CPD-2 */

static void
test_cpd_audit_experience (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CpvJrcaData *data = fixture->data;
  CpvDay from = D (2025, 8, 1), to = D (2026, 8, 1);

  add_cpd (data, CPV_JRCA_CPD_AUDIT_EXPERIENCE, D (2026, 1, 5), 12);
  add_cpd (data, CPV_JRCA_CPD_IAF_BODY_TRAINING, D (2026, 2, 5), 3);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_cpd_hours (data, CPV_JRCA_GRADE_ASSISTANT, from, to),
                                  15, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_cpd_hours (data, CPV_JRCA_GRADE_AUDITOR, from, to),
                                  3, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_cpd_hours (data, CPV_JRCA_GRADE_LEAD, from, to),
                                  3, 1e-9);
}

/* RULES.md 2.3 evidence */

static void
test_record_evidence (void)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();

  audit->attested_by_org = TRUE;
  audit->has_schedule = TRUE;
  audit->body_iaf_accredited = TRUE;
  g_assert_true (cpv_jrca_audit_has_evidence (audit));
  audit->body_iaf_accredited = FALSE;
  g_assert_false (cpv_jrca_audit_has_evidence (audit));
  audit->has_report = TRUE;
  g_assert_true (cpv_jrca_audit_has_evidence (audit));
  audit->has_schedule = FALSE;
  g_assert_false (cpv_jrca_audit_has_evidence (audit));
  audit->has_schedule = TRUE;
  audit->attested_by_org = FALSE;
  g_assert_false (cpv_jrca_audit_has_evidence (audit));

  /* Form 5C's mark: a member needs the four ISMS roles, a leader also scope and plan. */
  audit->role = CPV_JRCA_ROLE_MEMBER;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_MEMBER_ALL;
  g_assert_true (cpv_jrca_audit_all_isms_roles (audit));
  audit->role = CPV_JRCA_ROLE_LEADER;
  g_assert_false (cpv_jrca_audit_all_isms_roles (audit));
  audit->isms_roles |= CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN;
  g_assert_true (cpv_jrca_audit_all_isms_roles (audit));
}

/* cpv_jrca_evaluate */

typedef struct
{
  GPtrArray *requirements;
  GPtrArray *deadlines;
  GPtrArray *findings;
} Result;

static void
result_init (Result *result)
{
  result->requirements = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  result->deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  result->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
}

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->requirements, g_ptr_array_unref);
  g_clear_pointer (&result->deadlines, g_ptr_array_unref);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
}

static void
evaluate (const CpvJrcaData *data,
          CpvDay             on,
          Result            *result)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();

  credential->id = data->credential_id;
  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("ISMS-AUDITOR");
  result_clear (result);
  result_init (result);
  cpv_jrca_evaluate (data, credential, on, result->requirements, result->deadlines,
                     result->findings);
}

static const CpvRequirement *
find_requirement (const Result *result,
                  const char   *kind)
{
  for (guint i = 0; i < result->requirements->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (result->requirements, i);

      if (strcmp (requirement->kind, kind) == 0)
        return requirement;
    }
  return NULL;
}

/* How many deadlines of @kind fall on @date. */
static guint
count_deadlines (const Result *result,
                 const char   *kind,
                 CpvDay        date)
{
  guint count = 0;

  for (guint i = 0; i < result->deadlines->len; i++)
    {
      const CpvDeadline *deadline = g_ptr_array_index (result->deadlines, i);

      if (strcmp (deadline->kind, kind) == 0 && deadline->date == date)
        count++;
    }
  return count;
}

/* The first finding with @rule about @record_id (-1: any record), or NULL. */
static const CpvFinding *
find_finding (const Result *result,
              const char   *rule,
              gint64        record_id)
{
  for (guint i = 0; i < result->findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (result->findings, i);

      if (strcmp (finding->rule, rule) == 0 && (record_id < 0 || finding->record_id == record_id))
        return finding;
    }
  return NULL;
}

static void
test_evaluate_maintenance (Fixture       *fixture,
                           gconstpointer  user_data)
{
  Result result = { NULL, };
  const CpvRequirement *requirement;
  const CpvFinding *finding;
  CpvJrcaAudit *observer, *member;

  observer = add_audit (fixture->data, CPV_JRCA_ROLE_OBSERVER, "ISMS", D (2025, 12, 1), TRUE,
                        7.0, -1.0);
  member = add_audit (fixture->data, CPV_JRCA_ROLE_MEMBER, "ISMS", D (2026, 2, 2), FALSE,
                      7.0, 3.5, -1.0);
  member->has_schedule = FALSE;

  evaluate (fixture->data, D (2026, 8, 1), &result);

  requirement = find_requirement (&result, "maintenance-audits");
  g_assert_nonnull (requirement);
  g_assert_cmpfloat (requirement->required, ==, 1);
  g_assert_cmpfloat (requirement->earned, ==, 1);
  g_assert_true (requirement->met);
  g_assert_null (find_requirement (&result, "renewal-audits"));
  /* An auditor sees the lead upgrade lines. */
  g_assert_nonnull (find_requirement (&result, "upgrade-leader-audits"));
  g_assert_null (find_requirement (&result, "upgrade-days"));

  g_assert_cmpuint (count_deadlines (&result, "maintenance", D (2026, 9, 30)), ==, 1);
  g_assert_cmpuint (count_deadlines (&result, "expiry", D (2028, 9, 30)), ==, 1);
  g_assert_cmpuint (count_deadlines (&result, "application-window", D (2026, 6, 30)), ==, 1);
  g_assert_cmpuint (count_deadlines (&result, "restoration-limit", D (2027, 3, 30)), ==, 1);
  g_assert_cmpuint (count_deadlines (&result, "restoration-limit", D (2027, 6, 30)), ==, 1);
  g_assert_cmpuint (result.deadlines->len, ==, 5);

  finding = find_finding (&result, "JRCA-OBS-1", observer->id);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CPV_SEVERITY_WARNING);
  g_assert_null (find_finding (&result, "JRCA-OBS-1", member->id));
  finding = find_finding (&result, "JRCA-5A", member->id);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->text, "schedule"));
  /* Findings never repeat the organisation's name. */
  for (guint i = 0; i < result.findings->len; i++)
    g_assert_null (strstr (((CpvFinding *) result.findings->pdata[i])->text, "Example K.K."));
  g_assert_nonnull (find_finding (&result, "JRCA-CPD-1", 0));
  g_assert_null (find_finding (&result, "JRCA-DATE-2", -1));
  /* Form 5D: the last-year record without evidence needs the organisation's contact. */
  g_assert_nonnull (find_finding (&result, "JRCA-5D", member->id));
  member->contact = g_strdup ("東京都港区… 03-0000-0000");
  evaluate (fixture->data, D (2026, 8, 1), &result);
  g_assert_null (find_finding (&result, "JRCA-5D", -1));
  g_assert_null (find_finding (&result, "JRCA-MAINT-1", -1));

  result_clear (&result);
}

static void
test_evaluate_past_deadline (Fixture       *fixture,
                             gconstpointer  user_data)
{
  Result result = { NULL, };
  const CpvFinding *finding;

  evaluate (fixture->data, D (2026, 9, 30), &result);
  g_assert_null (find_finding (&result, "JRCA-DATE-2", -1));

  evaluate (fixture->data, D (2026, 10, 1), &result);
  finding = find_finding (&result, "JRCA-DATE-2", 0);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CPV_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->text, "2027-03-30"));

  evaluate (fixture->data, D (2027, 3, 31), &result);
  finding = find_finding (&result, "JRCA-DATE-2", 0);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CPV_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->text, "2027-06-30"));

  evaluate (fixture->data, D (2027, 7, 1), &result);
  finding = find_finding (&result, "JRCA-DATE-2", 0);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CPV_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->text, "no longer"));

  result_clear (&result);
}

static void
test_evaluate_renewal (Fixture       *fixture,
                       gconstpointer  user_data)
{
  Result result = { NULL, };
  CpvJrcaRegistration *registration = fixture->data->registration;
  const CpvRequirement *requirement;

  registration->grade = CPV_JRCA_GRADE_LEAD;
  registration->maintenance_deadline = D (2028, 9, 30);
  registration->previous_maintenance_application = D (2027, 8, 1);
  registration->previous_renewal_application = D (2025, 8, 1);
  add_audit (fixture->data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2026, 1, 5), TRUE, 7.0, -1.0);
  add_audit (fixture->data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2027, 1, 5), TRUE, 7.0, -1.0);
  add_audit (fixture->data, CPV_JRCA_ROLE_LEADER, "ISMS", D (2027, 10, 5), TRUE, 7.0, -1.0);

  evaluate (fixture->data, D (2028, 7, 1), &result);
  requirement = find_requirement (&result, "renewal-leader-audits");
  g_assert_nonnull (requirement);
  g_assert_cmpfloat (requirement->earned, ==, 3);
  g_assert_true (requirement->met);
  requirement = find_requirement (&result, "last-year-audits");
  g_assert_nonnull (requirement);
  g_assert_true (requirement->met);
  g_assert_null (find_requirement (&result, "maintenance-audits"));
  /* A lead auditor has no upgrade lines. */
  g_assert_null (find_requirement (&result, "upgrade-leader-audits"));
  g_assert_cmpuint (count_deadlines (&result, "maintenance", D (2028, 9, 30)), ==, 0);
  g_assert_cmpuint (count_deadlines (&result, "expiry", D (2028, 9, 30)), ==, 1);
  g_assert_cmpuint (count_deadlines (&result, "application-window", D (2028, 6, 30)), ==, 1);

  result_clear (&result);
}

static void
test_evaluate_expert_only (Fixture       *fixture,
                           gconstpointer  user_data)
{
  Result result = { NULL, };
  const CpvRequirement *requirement;

  fixture->data->registration->grade = CPV_JRCA_GRADE_EXPERT;
  fixture->data->registration->expert_only = TRUE;
  add_cpd (fixture->data, CPV_JRCA_CPD_JRCA_COURSE, D (2026, 1, 10), 6)->has_certificate = TRUE;

  evaluate (fixture->data, D (2026, 8, 1), &result);
  requirement = find_requirement (&result, "cpd-hours");
  g_assert_nonnull (requirement);
  g_assert_cmpfloat (requirement->required, ==, 5);
  g_assert_cmpfloat (requirement->earned, ==, 6);
  g_assert_true (requirement->met);
  g_assert_null (find_requirement (&result, "maintenance-audits"));
  g_assert_null (find_finding (&result, "JRCA-CPD-1", -1));
  g_assert_null (find_finding (&result, "JRCA-CPD-2", -1));

  result_clear (&result);
}

static void
test_evaluate_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  Result result = { NULL, };
  CpvJrcaCpd *cpd;

  /* Without the previous application date, counting starts a year before the deadline. */
  fixture->data->registration->previous_maintenance_application = 0;
  fixture->data->registration->previous_renewal_application = 0;
  /* Self-study without a form 4B text. */
  cpd = add_cpd (fixture->data, CPV_JRCA_CPD_SELF_STUDY, D (2026, 1, 10), 2);
  evaluate (fixture->data, D (2026, 8, 1), &result);
  g_assert_nonnull (find_finding (&result, "JRCA-MAINT-1", 0));
  g_assert_nonnull (find_finding (&result, "JRCA-CPD-2", cpd->id));

  cpd->purpose = g_strdup ("審査で2022年版の新しい管理策を確認できるようにするため。");
  cpd->learned = g_strdup ("5.23 クラウドサービスの利用では、選定基準と出口戦略を見る。");
  evaluate (fixture->data, D (2026, 8, 1), &result);
  g_assert_null (find_finding (&result, "JRCA-CPD-2", cpd->id));

  g_clear_pointer (&fixture->data->registration, cpv_jrca_registration_free);
  evaluate (fixture->data, D (2026, 8, 1), &result);
  g_assert_nonnull (find_finding (&result, "JRCA-GRADE-1", 0));
  g_assert_cmpuint (result.requirements->len, ==, 0);
  g_assert_cmpuint (result.deadlines->len, ==, 0);

  result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/rules/jrca/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/rules/jrca/JRCA-DAYS-1/seed-7h-plus-3.5h", test_days_seed_example);
  g_test_add_func ("/rules/jrca/JRCA-DAYS-1/table-0.5h-to-12h", test_days_table);
  g_test_add_func ("/rules/jrca/JRCA-DAYS-1/truncation-edges", test_days_truncation_edges);
  g_test_add_func ("/rules/jrca/JRCA-DAYS-1/no-moving-hours", test_days_no_moving);
  g_test_add_func ("/rules/jrca/JRCA-DAYS-2/combined-isms-hours", test_days_combined);
  ADD ("JRCA-OBS-1/observer-never-counts", test_observer);
  ADD ("JRCA-MAINT-1/auditor-one-isms-record", test_maintenance_auditor);
  ADD ("JRCA-MAINT-1/lead-member-record", test_maintenance_lead_member_record);
  ADD ("JRCA-MAINT-1/assistant-cpd-only", test_maintenance_assistant);
  ADD ("JRCA-RENEW-1/auditor", test_renewal_auditor);
  ADD ("JRCA-RENEW-2/lead", test_renewal_lead);
  ADD ("JRCA-RENEW-3/lead-of-another-ms", test_renewal_lead_other_ms);
  ADD ("JRCA-EXPERT-1/expert-only-cpd-5h", test_expert_only);
  ADD ("JRCA-EXPERT-1/expert-with-lead", test_expert_with_lead);
  g_test_add_func ("/rules/jrca/JRCA-EXPERT-2/teaching", test_expert_teaching);
  ADD ("JRCA-UPGRADE-1/auditor-normal-5-years", test_upgrade_auditor_normal);
  ADD ("JRCA-UPGRADE-2/auditor-relaxed-3-years", test_upgrade_auditor_relaxed);
  ADD ("JRCA-UPGRADE-2/reupgrade-within-3-years", test_upgrade_reupgrade_window);
  ADD ("JRCA-UPGRADE-1/lead-normal-2-years", test_upgrade_lead_normal);
  ADD ("JRCA-UPGRADE-2/lead-relaxed-other-ms", test_upgrade_lead_relaxed);
  ADD ("JRCA-UPGRADE-1/none-above-auditor", test_upgrade_not_for_lead);
  g_test_add_func ("/rules/jrca/JRCA-DATE-1/application-window", test_date_window);
  g_test_add_func ("/rules/jrca/JRCA-DATE-2/restoration-limit", test_date_restoration);
  ADD ("JRCA-DATE-3/upgrade-keeps-dates", test_date_upgrade_keeps_dates);
  g_test_add_func ("/rules/jrca/JRCA-GRADE-1/keys-and-labels", test_grade_keys);
  ADD ("JRCA-GRADE-1/next-procedure", test_grade_next_procedure);
  ADD ("JRCA-CPD-1/period", test_cpd_period);
  ADD ("JRCA-CPD-2/audit-experience-assistant-only", test_cpd_audit_experience);
  g_test_add_func ("/rules/jrca/RULES-2.3/record-evidence", test_record_evidence);
  ADD ("JRCA-MAINT-1/evaluate", test_evaluate_maintenance);
  ADD ("JRCA-DATE-2/evaluate-past-deadline", test_evaluate_past_deadline);
  ADD ("JRCA-RENEW-2/evaluate-renewal-due", test_evaluate_renewal);
  ADD ("JRCA-EXPERT-1/evaluate", test_evaluate_expert_only);
  ADD ("JRCA-GRADE-1/evaluate-missing-data", test_evaluate_missing);

#undef ADD

  return g_test_run ();
}
