/* test-rules-isc2.c — the ISC2 rules of RULES.md section 1, one test path per rule tag
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "rules-test-util.h"

#define COURSE "isc2.education.course"
#define GROUP_B "isc2.professional-development.entry"

/* ---- ISC2-AMF ------------------------------------------------------------------------------ */

static guint
count_deadlines (const CpvCredentialStatus *status,
                 const char                *kind,
                 double                     amount)
{
  guint n = 0;

  for (guint i = 0; i < status->deadlines->len; i++)
    {
      const CpvDeadline *found = g_ptr_array_index (status->deadlines, i);

      if (g_str_equal (found->kind, kind) && (amount < 0 || G_APPROX_VALUE (found->amount, amount, 1e-9)))
        n++;
    }
  return n;
}

static void
test_amf_one_fee (RulesFixture  *fixture,
                  gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *ccsp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-02-01", "2026-01-31");
  add_credential (fixture, 2, "isc2", "CCSP", "2023-02-01", "2026-01-31");
  cissp = compute (fixture, "2024-06-01", 1);
  ccsp = cpv_status_lookup (fixture->status, 2);

  /* One AMF a year, whatever the number of credentials: three anniversaries in the cycle. */
  g_assert_cmpuint (count_deadlines (cissp, "amf-due", 135) + count_deadlines (ccsp, "amf-due", 135),
                    ==, 3);
  g_assert_cmpuint (count_deadlines (cissp, "amf-due", -1), ==, 3);
  g_assert_cmpuint (count_deadlines (ccsp, "amf-due", -1), ==, 0);
  g_assert_cmpuint (deadline (cissp, "amf-due"), ==, day ("2024-02-01"));
  g_assert_cmpstr (cpv_credential_status_get_deadline (cissp, "amf-due")->currency, ==, "USD");
}

static void
test_amf_cc_only (RulesFixture  *fixture,
                  gconstpointer  data)
{
  const CpvCredentialStatus *cc;

  add_credential (fixture, 1, "isc2", "CC", "2023-02-01", "2026-01-31");
  cc = compute (fixture, "2024-06-01", 1);
  g_assert_cmpuint (count_deadlines (cc, "amf-due", 50), ==, 3);
  g_assert_cmpuint (count_deadlines (cc, "amf-due", 135), ==, 0);
}

static void
test_amf_associate (RulesFixture  *fixture,
                    gconstpointer  data)
{
  const CpvCredentialStatus *associate;

  add_credential (fixture, 1, "isc2", "ASSOCIATE", "2024-01-01", "2024-12-31");
  associate = compute (fixture, "2024-06-01", 1);
  g_assert_cmpuint (count_deadlines (associate, "amf-due", 50), ==, 1);
  g_assert_cmpuint (deadline (associate, "amf-due"), ==, day ("2025-01-01"));
}

static void
test_amf_upgrade (RulesFixture  *fixture,
                  gconstpointer  data)
{
  CpvCredential *cc;
  const CpvCredentialStatus *cissp;

  cc = add_credential (fixture, 1, "isc2", "CC", "2022-03-01", "2025-02-28");
  cc->member_since = g_strdup ("2022-03-01");
  add_credential (fixture, 2, "isc2", "CISSP", "2023-06-01", "2026-05-31");
  cissp = compute (fixture, "2023-07-01", 2);

  /* The upgrade fee on the day CISSP starts, then 135 on the next anniversaries. */
  g_assert_cmpuint (count_deadlines (cissp, "amf-due", 85), ==, 1);
  for (guint i = 0; i < cissp->deadlines->len; i++)
    {
      const CpvDeadline *found = g_ptr_array_index (cissp->deadlines, i);

      if (!g_str_equal (found->kind, "amf-due"))
        continue;
      if (G_APPROX_VALUE (found->amount, 85, 1e-9))
        g_assert_cmpuint (found->date, ==, day ("2023-06-01"));
      else
        {
          g_assert_cmpfloat_with_epsilon (found->amount, 135, 1e-9);
          g_assert_cmpuint (found->date, >, day ("2023-06-01"));
        }
    }
  g_assert_cmpuint (count_deadlines (cissp, "amf-due", 135), ==, 3);
  g_assert_cmpuint (count_deadlines (cpv_status_lookup (fixture->status, 1), "amf-due", -1), ==, 0);
}

/* ---- ISC2-CYCLE-1 ------------------------------------------------------------------------- */

static void
test_cycle_renewed (RulesFixture  *fixture,
                    gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2020-01-01", "2022-12-31");
  add_activity (fixture, 10, COURSE, "2021-05-01", "2021-05-02", 40);
  add_activity (fixture, 11, COURSE, "2022-05-01", "2022-05-02", 40);
  add_activity (fixture, 12, COURSE, "2022-06-01", "2022-06-02", 40);
  cissp = compute (fixture, "2023-06-01", 1);

  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2023-01-01"));
  g_assert_cmpuint (cissp->cycle_end, ==, day ("2025-12-31"));
  g_assert_cmpfloat_with_epsilon (cissp->total, 0, 1e-9);
}

static void
test_cycle_associate_one_year (RulesFixture  *fixture,
                               gconstpointer  data)
{
  const CpvCredentialStatus *associate;

  add_credential (fixture, 1, "isc2", "ASSOCIATE", "2024-01-01", "2024-12-31");
  add_activity (fixture, 10, COURSE, "2024-03-01", "2024-03-01", 15);
  associate = compute (fixture, "2025-03-01", 1);
  g_assert_cmpint (associate->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (associate->cycle_start, ==, day ("2025-01-01"));
  g_assert_cmpuint (associate->cycle_end, ==, day ("2025-12-31"));
  /* No annual pacing lines inside a one-year cycle; its 15 Group A are the requirement. */
  g_assert_null (cpv_credential_status_get_requirement (associate, "annual", 0));
  g_assert_cmpfloat_with_epsilon (required (associate, "group-a", 0), 15, 1e-9);
}

/* ---- ISC2-REQ ------------------------------------------------------------------------------ */

static void
test_req_annual_is_pacing (RulesFixture  *fixture,
                           gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 10, COURSE, "2024-02-01", "2024-02-01", 12);
  cissp = compute (fixture, "2024-06-01", 1);

  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  for (int year = 1; year <= 3; year++)
    g_assert_cmpfloat_with_epsilon (required (cissp, "annual", year), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 1), 0, 1e-9);
  g_assert_false (met (cissp, "annual", 1));
  g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 2), 12, 1e-9);
  /* Pacing is shown, never reported as a failure. */
  g_assert_cmpuint (cissp->findings->len, ==, 0);
}

typedef struct
{
  const char *code;
  double      total;
  double      group_a;
  double      group_b;
  double      annual;
} RequirementRow;

static void
test_req_table (RulesFixture  *fixture,
                gconstpointer  data)
{
  /* RULES.md 1.2 as reconstructed. */
  static const RequirementRow rows[] = {
    { "CISSP", 120, 90, 30, 40 },
    { "CCSP", 90, 60, 30, 30 },
    { "CSSLP", 90, 60, 30, 30 },
    { "SSCP", 60, 45, 15, 20 },
    { "CGRC", 60, 45, 15, 20 },
    { "CC", 45, 45, 0, 15 },
    { "ASSOCIATE", 15, 15, 0, -1 },
    { "ISSAP", 60, 60, 0, 20 },      /* CISSP is held: ISC2-CONC-1 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const CpvCredentialStatus *status;
      const char *end = g_str_equal (rows[i].code, "ASSOCIATE") ? "2024-12-31" : "2026-12-31";

      add_credential (fixture, i + 1, "isc2", rows[i].code, "2024-01-01", end);
      status = compute (fixture, "2024-06-01", i + 1);
      g_test_message ("%s", rows[i].code);
      g_assert_cmpfloat_with_epsilon (required (status, "total", 0), rows[i].total, 1e-9);
      g_assert_cmpfloat_with_epsilon (required (status, "group-a", 0), rows[i].group_a, 1e-9);
      g_assert_cmpfloat_with_epsilon (required (status, "group-b-counted", 0), rows[i].group_b,
                                      1e-9);
      if (rows[i].annual >= 0)
        g_assert_cmpfloat_with_epsilon (required (status, "annual", 1), rows[i].annual, 1e-9);
    }
}

typedef struct
{
  double   a;
  double   b;
  double   b_counted;
  double   total;
  gboolean met;
} MetRow;

static void
test_req_met (RulesFixture  *fixture,
              gconstpointer  data)
{
  static const MetRow rows[] = {
    { 90, 30, 30, 120, TRUE },
    { 120, 0, 0, 120, TRUE },
    { 80, 40, 30, 110, FALSE },     /* Group B counts at most 30 */
    { 89.75, 40, 30, 119.75, FALSE },
    { 100, 40, 30, 130, TRUE },
  };

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(CpvSnapshot) snapshot = cpv_snapshot_new ();
      const CpvCredentialStatus *cissp;

      cpv_snapshot_add_credential (snapshot, g_ptr_array_index (cpv_snapshot_get_credentials (fixture->snapshot), 0));
      g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
      fixture->snapshot = g_steal_pointer (&snapshot);
      /* Split in activities under the 40-credit cap. */
      int n = 0;

      for (double a = rows[i].a; a > 0; a -= 30)
        add_activity (fixture, 100 + n++, COURSE, "2024-01-10", "2024-01-10", MIN (a, 30));
      for (double b = rows[i].b; b > 0; b -= 30)
        add_activity (fixture, 200 + n++, GROUP_B, "2024-02-10", "2024-02-10", MIN (b, 30));
      cissp = compute (fixture, "2025-12-31", 1);
      g_assert_cmpfloat_with_epsilon (earned (cissp, "group-a", 0), rows[i].a, 1e-9);
      g_assert_cmpfloat_with_epsilon (cissp->group_b, rows[i].b, 1e-9);
      g_assert_cmpfloat_with_epsilon (earned (cissp, "group-b-counted", 0), rows[i].b_counted, 1e-9);
      g_assert_cmpfloat_with_epsilon (earned (cissp, "total", 0), rows[i].total, 1e-9);
      g_assert_cmpint (met (cissp, "total", 0) && met (cissp, "group-a", 0), ==, rows[i].met);
    }
}

/* ---- ISC2-CONC ---------------------------------------------------------------------------- */

static void
test_conc_counts_toward_cissp (RulesFixture  *fixture,
                               gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *issap;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_credential (fixture, 2, "isc2", "ISSAP", "2023-01-01", "2025-12-31");
  /* Entered for the concentration only: counts toward CISSP too (ISC2-CONC-1). */
  activity = add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-12", 15);
  cpv_activity_add_credit_line (activity, 2, 'A');
  /* Group A for CISSP, not related to ISSAP. */
  activity = add_activity (fixture, 11, COURSE, "2024-02-10", "2024-02-12", 30);
  cpv_activity_add_credit_line (activity, 1, 'A');

  cissp = compute (fixture, "2024-06-01", 1);
  issap = cpv_status_lookup (fixture->status, 2);
  g_assert_cmpfloat_with_epsilon (cissp->group_a, 45, 1e-9);
  /* Both numbers of the contradictory source are kept: 20 inside CISSP, 60 for ISSAP. */
  g_assert_cmpfloat_with_epsilon (required (cissp, "concentration", 0), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (cissp, "concentration", 0), 15, 1e-9);
  g_assert_false (met (cissp, "concentration", 0));
  g_assert_cmpfloat_with_epsilon (required (issap, "group-a", 0), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (issap, "group-a", 0), 15, 1e-9);
  g_assert_null (cpv_credential_status_get_requirement (issap, "concentration", 0));
}

static void
test_conc_floor_blocks_renewal (RulesFixture  *fixture,
                                gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  add_credential (fixture, 2, "isc2", "ISSMP", "2021-01-01", "2023-12-31");
  for (int i = 0; i < 4; i++)
    {
      activity = add_activity (fixture, 10 + i, COURSE, "2022-01-10", "2022-01-10", 30);
      cpv_activity_add_credit_line (activity, 1, 'A');
    }
  /* 120 Group A for CISSP but none related to ISSMP: the 20-credit floor is unmet. */
  cissp = compute (fixture, "2024-01-15", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_GRACE);
  g_assert_true (met (cissp, "total", 0));
  g_assert_false (met (cissp, "concentration", 0));

  activity = add_activity (fixture, 20, COURSE, "2023-03-10", "2023-03-10", 20);
  cpv_activity_add_credit_line (activity, 1, 'A');
  cpv_activity_add_credit_line (activity, 2, 'A');
  cissp = compute (fixture, "2024-01-15", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2024-01-01"));
}

static void
test_conc_without_cissp (RulesFixture  *fixture,
                         gconstpointer  data)
{
  const CpvCredentialStatus *issep;

  add_credential (fixture, 1, "isc2", "ISSEP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 10);
  issep = compute (fixture, "2024-06-01", 1);
  g_assert_cmpfloat_with_epsilon (required (issep, "group-a", 0), 140, 1e-9);
  g_assert_cmpfloat_with_epsilon (required (issep, "annual", 1), 47, 1e-9);
  g_assert_cmpfloat_with_epsilon (earned (issep, "group-a", 0), 10, 1e-9);
}

/* ---- ISC2-GRP ----------------------------------------------------------------------------- */

static void
test_grp_b_never_for_cc_or_associate (RulesFixture  *fixture,
                                      gconstpointer  data)
{
  static const char *codes[] = { "CC", "ASSOCIATE" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const CpvCredentialStatus *status;
      CpvActivity *activity;
      gint64 id = i + 1;

      add_credential (fixture, id, "isc2", codes[i], "2024-01-01",
                      i == 0 ? "2026-12-31" : "2024-12-31");
      activity = add_activity (fixture, 10 + id, COURSE, "2024-02-01", "2024-02-01", 8);
      cpv_activity_add_credit_line (activity, id, 'B');
      add_activity (fixture, 20 + id, GROUP_B, "2024-03-01", "2024-03-01", 5);
      activity = add_activity (fixture, 30 + id, COURSE, "2024-04-01", "2024-04-01", 3);
      cpv_activity_add_credit_line (activity, id, 'A');

      status = compute (fixture, "2024-06-01", id);
      g_test_message ("%s", codes[i]);
      g_assert_cmpfloat_with_epsilon (status->group_b_counted, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (earned (status, "group-b-counted", 0), 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (status->group_a, 3, 1e-9);
      g_assert_cmpfloat_with_epsilon (status->total, 3, 1e-9);
      /* The Group B line is reported and not counted. */
      g_assert_nonnull (cpv_credential_status_get_finding (status, "ISC2-GRP-1", 10 + id));
    }
}

static void
test_grp_per_credential (RulesFixture  *fixture,
                         gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *ccsp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_credential (fixture, 2, "isc2", "CCSP", "2023-01-01", "2025-12-31");
  activity = add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 10);
  cpv_activity_add_credit_line (activity, 1, 'A');
  cpv_activity_add_credit_line (activity, 2, 'B');

  cissp = compute (fixture, "2024-06-01", 1);
  ccsp = cpv_status_lookup (fixture->status, 2);
  g_assert_cmpfloat_with_epsilon (cissp->group_a, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cissp->group_b, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ccsp->group_a, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ccsp->group_b, 10, 1e-9);
}

/* ---- ISC2-CALC ---------------------------------------------------------------------------- */

static void
test_calc_hours (RulesFixture  *fixture,
                 gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  activity = add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 0);
  activity->hours = 3;
  cissp = compute (fixture, "2024-06-01", 1);
  g_assert_cmpfloat_with_epsilon (cissp->group_a, 3, 1e-9);
}

typedef struct
{
  double   credits;
  double   counted;
  gboolean finding;
} StepRow;

static void
test_calc_quarter_steps (RulesFixture  *fixture,
                         gconstpointer  data)
{
  static const StepRow rows[] = {
    { 0.25, 0.25, FALSE }, { 0.5, 0.5, FALSE }, { 0.75, 0.75, FALSE }, { 1.25, 1.25, FALSE },
    { 1.3, 1.25, TRUE }, { 0.1, 0, TRUE }, { 2.99, 2.75, TRUE }, { 7, 7, FALSE },
  };

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    add_activity (fixture, 10 + i, COURSE, "2024-01-10", "2024-01-10", rows[i].credits);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(CpvSnapshot) snapshot = cpv_snapshot_new ();
      const CpvCredentialStatus *cissp;

      cpv_snapshot_add_credential (snapshot, g_ptr_array_index (cpv_snapshot_get_credentials (fixture->snapshot), 0));
      cpv_snapshot_add_activity (snapshot, g_ptr_array_index (cpv_snapshot_get_activities (fixture->snapshot), i));
      g_clear_pointer (&fixture->status, cpv_status_free);
      fixture->status = cpv_status_compute (fixture->registry, snapshot, day ("2024-06-01"));
      cissp = cpv_status_lookup (fixture->status, 1);
      g_test_message ("credits %.2f", rows[i].credits);
      g_assert_cmpfloat_with_epsilon (cissp->group_a, rows[i].counted, 1e-9);
      g_assert_cmpint (cpv_credential_status_get_finding (cissp, "ISC2-CALC-2", 10 + i) != NULL,
                       ==, rows[i].finding);
    }
}

typedef struct
{
  const char *category;
  double      credits;
  double      counted;
  const char *rule;        /* NULL: no finding */
} CapRow;

static void
run_cap_rows (RulesFixture *fixture,
              const CapRow *rows,
              guint         n_rows)
{
  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(CpvSnapshot) snapshot = cpv_snapshot_new ();
      g_autoptr(CpvActivity) activity = cpv_activity_new ();
      const CpvCredentialStatus *cissp;

      activity->id = 10 + i;
      activity->title = g_strdup ("Capped");
      activity->category = g_strdup (rows[i].category);
      activity->start_date = g_strdup ("2024-01-10");
      activity->end_date = g_strdup ("2024-01-10");
      activity->credits = rows[i].credits;
      activity->isbn = g_strdup ("978-4-00-000000-0");
      activity->author = g_strdup ("A. Author");
      activity->publisher = g_strdup ("Publisher");
      cpv_snapshot_add_credential (snapshot, g_ptr_array_index (cpv_snapshot_get_credentials (fixture->snapshot), 0));
      cpv_snapshot_add_activity (snapshot, activity);
      g_clear_pointer (&fixture->status, cpv_status_free);
      fixture->status = cpv_status_compute (fixture->registry, snapshot, day ("2024-06-01"));
      cissp = cpv_status_lookup (fixture->status, 1);
      g_test_message ("%s %.2f", rows[i].category, rows[i].credits);
      g_assert_cmpfloat_with_epsilon (cissp->group_a + cissp->group_b, rows[i].counted, 1e-9);
      if (rows[i].rule != NULL)
        g_assert_nonnull (cpv_credential_status_get_finding (cissp, rows[i].rule, 10 + i));
      else
        g_assert_cmpuint (cissp->findings->len, ==, 0);
    }
}

static void
test_calc_activity_cap (RulesFixture  *fixture,
                        gconstpointer  data)
{
  static const CapRow rows[] = {
    { COURSE, 40, 40, NULL },
    { COURSE, 45, 40, "ISC2-CALC-3" },
    { "isc2.contributions.book-author", 60, 40, "ISC2-CALC-3" },
    { GROUP_B, 41, 40, "ISC2-CALC-3" },
  };

  run_cap_rows (fixture, rows, G_N_ELEMENTS (rows));
}

static void
test_cat_category_caps (RulesFixture  *fixture,
                        gconstpointer  data)
{
  /* RULES.md 1.7: the lower of the category maximum and the 40 per activity applies. */
  static const CapRow rows[] = {
    { "isc2.education.self-study-book", 8, 5, "ISC2-CAT-1" },
    { "isc2.education.self-study-book", 5, 5, NULL },
    { "isc2.education.self-study-magazine", 6, 5, "ISC2-CAT-1" },
    { "isc2.education.self-study-white-paper", 2, 1, "ISC2-CAT-1" },
    { "isc2.contributions.book-coauthor", 25, 20, "ISC2-CAT-1" },
    { "isc2.contributions.book-editor", 12, 10, "ISC2-CAT-1" },
    { "isc2.contributions.book-chapter-editor", 6, 5, "ISC2-CAT-1" },
    { "isc2.contributions.article-coauthor", 11, 10, "ISC2-CAT-1" },
    { "isc2.contributions.blog-editor", 3, 2, "ISC2-CAT-1" },
    { "isc2.contributions.white-paper-coauthor", 5, 5, NULL },
    { "isc2.contributions.training-prep-1-day", 3, 2, "ISC2-CAT-1" },
    { "isc2.contributions.training-prep-2-day", 6, 5, "ISC2-CAT-1" },
    { "isc2.contributions.training-prep-5-7-day", 11, 10, "ISC2-CAT-1" },
    { "isc2.contributions.training-prep-semester", 21, 20, "ISC2-CAT-1" },
    { "isc2.unique-work.entry", 12, 10, "ISC2-CAT-1" },
  };

  run_cap_rows (fixture, rows, G_N_ELEMENTS (rows));
}

static void
test_calc_seed_end_date (RulesFixture  *fixture,
                         gconstpointer  data)
{
  const CpvCredentialStatus *cissp, *ccsp, *sscp;
  g_autoptr(GError) error = NULL;
  CpvActivity *activity;

  /* The seed's example: 2023-11-01 to 2023-12-05 applies to every cycle active on 2023-12-05. */
  add_credential (fixture, 1, "isc2", "CISSP", "2022-01-01", "2024-12-31");
  add_credential (fixture, 2, "isc2", "CCSP", "2023-12-01", "2026-11-30");  /* started in it */
  add_credential (fixture, 3, "isc2", "SSCP", "2023-12-06", "2026-12-05");  /* started after */
  activity = add_activity (fixture, 10, COURSE, "2023-11-01", "2023-12-05", 12);

  cissp = compute (fixture, "2024-01-10", 1);
  ccsp = cpv_status_lookup (fixture->status, 2);
  sscp = cpv_status_lookup (fixture->status, 3);
  g_assert_cmpfloat_with_epsilon (cissp->group_a, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (ccsp->group_a, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (sscp->group_a, 0, 1e-9);

  /* The same through default credit lines (what the CLI and GUI store). */
  g_assert_true (cpv_program_registry_default_lines (fixture->registry, activity,
                                                     cpv_snapshot_get_credentials (fixture->snapshot),
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (activity->credit_lines->len, ==, 2);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 0).credential_id, ==, 1);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 1).credential_id, ==, 2);
  cissp = compute (fixture, "2024-01-10", 1);
  g_assert_cmpfloat_with_epsilon (cpv_status_lookup (fixture->status, 2)->group_a, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_status_lookup (fixture->status, 3)->group_a, 0, 1e-9);
}

static void
test_calc_end_date_boundaries (RulesFixture  *fixture,
                               gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  for (int i = 0; i < 3; i++)
    add_activity (fixture, 10 + i, COURSE, "2022-03-01", "2022-03-01", 39.75);
  /* Starts in one cycle, ends on its last day: belongs to it. */
  add_activity (fixture, 20, COURSE, "2023-12-20", "2023-12-31", 0.75);
  /* Starts on the last day, ends on the first day of the next cycle: belongs to the next. */
  add_activity (fixture, 21, COURSE, "2023-12-31", "2024-01-01", 5);

  cissp = compute (fixture, "2023-12-31", 1);
  g_assert_cmpfloat_with_epsilon (cissp->total, 120, 1e-9);
  cissp = compute (fixture, "2024-01-01", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2024-01-01"));
  g_assert_cmpfloat_with_epsilon (cissp->total, 5, 1e-9);
}

static void
test_calc_default_lines (RulesFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(CpvActivity) unknown = cpv_activity_new ();
  GPtrArray *credentials;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_credential (fixture, 2, "isc2", "CC", "2023-01-01", "2025-12-31");
  add_credential (fixture, 3, "jrca-isms", "AUDITOR", "2023-01-01", "2025-12-31");
  credentials = cpv_snapshot_get_credentials (fixture->snapshot);

  activity->category = g_strdup (GROUP_B);
  activity->start_date = g_strdup ("2024-01-10");
  activity->end_date = g_strdup ("2024-01-10");
  /* A line already there is kept as it is. */
  cpv_activity_add_credit_line (activity, 1, 'A');
  g_assert_true (cpv_program_registry_default_lines (fixture->registry, activity, credentials,
                                                     &error));
  g_assert_no_error (error);
  /* CISSP keeps its A; CC refuses Group B (ISC2-GRP-1); JRCA is another program. */
  g_assert_cmpuint (activity->credit_lines->len, ==, 1);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 0).group, ==, 'A');

  g_free (activity->category);
  activity->category = g_strdup (COURSE);
  g_array_set_size (activity->credit_lines, 0);
  g_assert_true (cpv_program_registry_default_lines (fixture->registry, activity, credentials,
                                                     &error));
  g_assert_cmpuint (activity->credit_lines->len, ==, 2);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 1).credential_id, ==, 2);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 1).group, ==, 'A');

  unknown->category = g_strdup ("isc2.no-such-category");
  unknown->end_date = g_strdup ("2024-01-10");
  g_assert_false (cpv_program_registry_default_lines (fixture->registry, unknown, credentials,
                                                      &error));
  g_assert_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_free (unknown->end_date);
  unknown->end_date = g_strdup ("2024-02-30");
  g_assert_false (cpv_program_registry_default_lines (fixture->registry, unknown, credentials,
                                                      &error));
  g_assert_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID);
}

static void
test_calc_auto_in_grace (RulesFixture  *fixture,
                         gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  for (int i = 0; i < 3; i++)
    add_activity (fixture, 10 + i, COURSE, "2022-03-01", "2022-03-01", 36);
  /* 108 at the end: grace. A partner adds 8 in grace: not applied in grace. */
  activity = add_activity (fixture, 20, COURSE, "2024-01-10", "2024-01-10", 8);
  activity->auto_submitted = TRUE;
  cissp = compute (fixture, "2024-02-01", 1);
  g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_GRACE);
  g_assert_cmpfloat_with_epsilon (cissp->total, 108, 1e-9);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-CALC-7", 20));

  /* The same credits entered by the member do apply in grace (ISC2-GRACE-1). */
  activity->auto_submitted = FALSE;
  cissp = compute (fixture, "2024-02-01", 1);
  g_assert_cmpfloat_with_epsilon (cissp->total, 116, 1e-9);
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-CALC-7", 0));

  /* Auto-submitted credits of an active cycle apply as usual. */
  activity->auto_submitted = TRUE;
  g_free (activity->end_date);
  activity->end_date = g_strdup ("2023-06-01");
  cissp = compute (fixture, "2023-07-01", 1);
  g_assert_cmpfloat_with_epsilon (cissp->total, 116, 1e-9);
}

static void
test_calc_duplicates (RulesFixture  *fixture,
                      gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  activity = add_activity (fixture, 10, COURSE, "2024-01-10", "2024-01-10", 2);
  g_free (activity->title);
  activity->title = g_strdup ("Cloud  Security Webinar");
  activity = add_activity (fixture, 11, COURSE, "2024-01-10", "2024-01-10", 2);
  g_free (activity->title);
  activity->title = g_strdup ("cloud security webinar.");
  /* Same title, another day: a series, not a duplicate. */
  activity = add_activity (fixture, 12, COURSE, "2024-01-17", "2024-01-17", 2);
  g_free (activity->title);
  activity->title = g_strdup ("Cloud Security Webinar");
  /* Another title, same provider, dates, category and credits: a duplicate. */
  activity = add_activity (fixture, 13, COURSE, "2024-03-01", "2024-03-02", 7);
  activity->provider = g_strdup ("ISC2 Chapter");
  activity = add_activity (fixture, 14, COURSE, "2024-03-01", "2024-03-02", 7);
  activity->provider = g_strdup ("ISC2 Chapter");

  cissp = compute (fixture, "2024-06-01", 1);
  g_assert_cmpuint (count_findings (cissp, "ISC2-CALC-8"), ==, 2);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-CALC-8", 11));
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-CALC-8", 14));
}

/* ---- ISC2-GRACE, SUSP, REINST --------------------------------------------------------------- */

typedef struct
{
  const char         *on;
  CpvCredentialState  state;
} StateRow;

static void
test_grace_boundaries (RulesFixture  *fixture,
                       gconstpointer  data)
{
  /* Cycle ends 2023-12-31 unmet; 90 days of grace end on 2024-03-30 (2024 is a leap year);
   * suspension for 2 years; terminated from 2026-03-31. */
  static const StateRow rows[] = {
    { "2023-12-31", CPV_CREDENTIAL_STATE_ACTIVE },
    { "2024-01-01", CPV_CREDENTIAL_STATE_GRACE },
    { "2024-03-30", CPV_CREDENTIAL_STATE_GRACE },
    { "2024-03-31", CPV_CREDENTIAL_STATE_SUSPENDED },
    { "2026-03-30", CPV_CREDENTIAL_STATE_SUSPENDED },
    { "2026-03-31", CPV_CREDENTIAL_STATE_TERMINATED },
  };
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
  add_activity (fixture, 10, COURSE, "2022-03-01", "2022-03-01", 40);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      cissp = compute (fixture, rows[i].on, 1);
      g_test_message ("%s", rows[i].on);
      g_assert_cmpint (cissp->state, ==, rows[i].state);
      g_assert_cmpuint (cissp->cycle_end, ==, day ("2023-12-31"));
      g_assert_cmpuint (deadline (cissp, "grace-end"), ==, day ("2024-03-30"));
      g_assert_cmpuint (deadline (cissp, "termination"), ==, day ("2026-03-31"));
    }
  cissp = compute (fixture, "2024-02-01", 1);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-GRACE-1", 0));
  cissp = compute (fixture, "2024-05-01", 1);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-SUSP-1", 0));
  cissp = compute (fixture, "2027-01-01", 1);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-SUSP-2", 0));
}

static void
test_grace_credits_earned_in_grace (RulesFixture  *fixture,
                                    gconstpointer  data)
{
  static const char *ends[] = { "2024-01-01", "2024-03-30" };   /* first and last grace day */

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      const CpvCredentialStatus *cissp;

      g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
      fixture->snapshot = cpv_snapshot_new ();
      add_credential (fixture, 1, "isc2", "CISSP", "2021-01-01", "2023-12-31");
      for (int j = 0; j < 3; j++)
        add_activity (fixture, 10 + j, COURSE, "2022-03-01", "2022-03-01", 36);
      add_activity (fixture, 20, COURSE, ends[i], ends[i], 12);

      g_test_message ("grace credits ending %s", ends[i]);
      /* Before the activity ends: still in grace with 108. */
      cissp = compute (fixture, "2023-12-31", 1);
      g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
      /* From its end date on: the old cycle is met and the next one runs. */
      cissp = compute (fixture, ends[i], 1);
      g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
      g_assert_cmpuint (cissp->cycle_start, ==, day ("2024-01-01"));
      /* Credits used to fill the old cycle do not count again in the new one. */
      g_assert_cmpfloat_with_epsilon (cissp->total, 0, 1e-9);
      cissp = compute (fixture, "2024-06-01", 1);
      g_assert_cmpint (cissp->state, ==, CPV_CREDENTIAL_STATE_ACTIVE);
      g_assert_cmpuint (cissp->cycle_end, ==, day ("2026-12-31"));
    }
}

static void
test_susp_associate (RulesFixture  *fixture,
                     gconstpointer  data)
{
  const CpvCredentialStatus *associate;
  const CpvFinding *finding;

  add_credential (fixture, 1, "isc2", "ASSOCIATE", "2024-01-01", "2024-12-31");
  add_activity (fixture, 10, COURSE, "2024-03-01", "2024-03-01", 10);
  associate = compute (fixture, "2025-04-01", 1);   /* 2024-12-31 + 90 days = 2025-03-31 */
  g_assert_cmpint (associate->state, ==, CPV_CREDENTIAL_STATE_SUSPENDED);
  associate = compute (fixture, "2027-04-01", 1);
  g_assert_cmpint (associate->state, ==, CPV_CREDENTIAL_STATE_TERMINATED);
  finding = cpv_credential_status_get_finding (associate, "ISC2-SUSP-2", 0);
  g_assert_nonnull (finding);
  /* ISC2-REINST-1: a terminated Associate comes back only by re-examination. */
  g_assert_nonnull (strstr (finding->text, "ISC2-REINST-1"));
  g_assert_nonnull (strstr (finding->text, "re-examination only"));
}

/* ---- ISC2-CARRY-1 ------------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  double      early_a;      /* Group A earned before the last 6 months */
  double      late_a;       /* Group A earned in the last 6 months */
  double      late_b;       /* Group B earned in the last 6 months */
  double      carry;
} CarryRow;

static void
test_carry_last_six_months (RulesFixture  *fixture,
                            gconstpointer  data)
{
  /* Previous cycle 2020-01-01..2022-12-31, last 6 months from 2022-07-01. */
  static const CarryRow rows[] = {
    { "seed: at most 40 above the 120", 120, 50, 0, 40 },
    { "surplus smaller than the window", 100, 30, 0, 10 },
    { "surplus earned early", 160, 0, 0, 0 },
    { "only Group A carries", 120, 0, 30, 0 },
    { "requirement unmet", 60, 30, 0, 0 },
    { "exactly the requirement", 90, 30, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const CpvCredentialStatus *cissp;
      int n = 0;

      g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
      fixture->snapshot = cpv_snapshot_new ();
      /* Held since 2020: the previous cycle's activities count for it (without member_since
       * the credential is held from its stored cycle start only). */
      add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31")->member_since =
        g_strdup ("2020-01-01");
      for (double a = rows[i].early_a; a > 0; a -= 40)
        add_activity (fixture, 10 + n++, COURSE, "2021-03-01", "2021-03-01", MIN (a, 40));
      for (double a = rows[i].late_a; a > 0; a -= 40)
        add_activity (fixture, 10 + n++, COURSE, "2022-07-01", "2022-07-01", MIN (a, 40));
      for (double b = rows[i].late_b; b > 0; b -= 40)
        add_activity (fixture, 10 + n++, GROUP_B, "2022-12-31", "2022-12-31", MIN (b, 40));

      cissp = compute (fixture, "2023-03-01", 1);
      g_test_message ("%s", rows[i].name);
      g_assert_cmpfloat_with_epsilon (cissp->carry_in, rows[i].carry, 1e-9);
      /* Carried credits count toward the first year's pacing and, as the file says, the
       * cycle's Group A. */
      g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 1), rows[i].carry, 1e-9);
      g_assert_cmpfloat_with_epsilon (earned (cissp, "group-a", 0), rows[i].carry, 1e-9);
      g_assert_cmpfloat_with_epsilon (earned (cissp, "annual", 2), 0, 1e-9);
    }
}

static void
test_carry_eligible_out (RulesFixture  *fixture,
                         gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  for (int i = 0; i < 3; i++)
    add_activity (fixture, 10 + i, COURSE, "2023-03-01", "2023-03-01", 40);
  add_activity (fixture, 20, COURSE, "2025-07-01", "2025-07-01", 25);
  add_activity (fixture, 21, GROUP_B, "2025-08-01", "2025-08-01", 20);
  cissp = compute (fixture, "2025-09-01", 1);
  /* Surplus 145 A + 20 B - 120 = 45, but only 25 Group A were earned in the last 6 months. */
  g_assert_cmpfloat_with_epsilon (cissp->carry_out, 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (cissp->carry_in, 0, 1e-9);

  /* CCSP carries at most its annual 30; SSCP 20; the Associate nothing. */
  g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
  fixture->snapshot = cpv_snapshot_new ();
  add_credential (fixture, 2, "isc2", "SSCP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 30, COURSE, "2023-03-01", "2023-03-01", 40);
  add_activity (fixture, 31, COURSE, "2023-04-01", "2023-04-01", 20);
  add_activity (fixture, 32, COURSE, "2025-10-01", "2025-10-01", 35);
  cissp = compute (fixture, "2025-12-31", 2);
  g_assert_cmpfloat_with_epsilon (cissp->carry_out, 20, 1e-9);

  g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
  fixture->snapshot = cpv_snapshot_new ();
  add_credential (fixture, 3, "isc2", "ASSOCIATE", "2025-01-01", "2025-12-31");
  add_activity (fixture, 40, COURSE, "2025-11-01", "2025-11-01", 30);
  cissp = compute (fixture, "2025-12-31", 3);
  g_assert_cmpfloat_with_epsilon (cissp->carry_out, 0, 1e-9);
}

/* ---- ISC2-REC ----------------------------------------------------------------------------- */

static void
test_rec_book_and_magazine (RulesFixture  *fixture,
                            gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  CpvActivity *activity;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  add_activity (fixture, 10, "isc2.education.self-study-book", "2024-01-01", "2024-01-20", 5);
  activity = add_activity (fixture, 11, "isc2.education.self-study-book", "2024-02-01",
                           "2024-02-20", 5);
  activity->isbn = g_strdup ("978-4-00-000000-0");
  activity->author = g_strdup ("A. Author");
  activity = add_activity (fixture, 12, "isc2.education.self-study-magazine", "2024-03-01",
                           "2024-03-02", 2);
  activity->publisher = g_strdup ("  ");
  activity = add_activity (fixture, 13, "isc2.education.self-study-magazine", "2024-03-05",
                           "2024-03-06", 2);
  activity->publisher = g_strdup ("Security Monthly");

  cissp = compute (fixture, "2024-06-01", 1);
  /* Book without ISBN and author: two findings; magazine with a blank publisher: one. */
  g_assert_cmpuint (count_findings (cissp, "ISC2-REC-2"), ==, 3);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-REC-2", 10));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-REC-2", 11));
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-REC-2", 12));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-REC-2", 13));
}

static void
test_rec_description_words (RulesFixture  *fixture,
                            gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  GString *long_text = g_string_new (NULL);
  GString *ok_text = g_string_new (NULL);
  CpvActivity *activity;

  for (int i = 0; i < 251; i++)
    g_string_append (long_text, "word ");
  for (int i = 0; i < 250; i++)
    g_string_append (ok_text, " word\n");
  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  activity = add_activity (fixture, 10, COURSE, "2024-01-01", "2024-01-01", 1);
  activity->description = g_string_free (long_text, FALSE);
  activity = add_activity (fixture, 11, "isc2.unique-work.entry", "2024-01-02", "2024-01-02", 1);
  activity->description = g_string_free (ok_text, FALSE);
  activity = add_activity (fixture, 12, "isc2.unique-work.entry", "2024-01-03", "2024-01-03", 1);
  activity->description = g_strnfill (251 * 3, 'a');
  {
    /* Japanese has no spaces: cpv-words estimates two kanji a word, so 502 kanji are
     * 251 words, one over the limit. */
    GString *japanese = g_string_new (NULL);

    for (int i = 0; i < 502; i++)
      g_string_append (japanese, "学");
    activity = add_activity (fixture, 13, COURSE, "2024-01-04", "2024-01-04", 1);
    activity->description = g_string_free (japanese, FALSE);
  }

  cissp = compute (fixture, "2024-06-01", 1);
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-REC-4", 10));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-REC-4", 11));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-REC-4", 12));
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-REC-4", 13));
}

static void
test_rec_retention (RulesFixture  *fixture,
                    gconstpointer  data)
{
  const CpvCredentialStatus *cissp;
  guint n = 0;

  add_credential (fixture, 1, "isc2", "CISSP", "2021-03-01", "2024-02-29");
  add_activity (fixture, 10, COURSE, "2022-01-01", "2022-01-01", 40);
  add_activity (fixture, 11, COURSE, "2022-02-01", "2022-02-01", 40);
  add_activity (fixture, 12, COURSE, "2022-03-01", "2022-03-01", 40);
  cissp = compute (fixture, "2023-01-01", 1);
  /* Leap day + 12 months = the last day of February. */
  g_assert_cmpuint (deadline (cissp, "retention-until"), ==, day ("2025-02-28"));

  /* In the next cycle, the previous cycle's evidence is still kept until 2025-02-28. */
  cissp = compute (fixture, "2024-06-01", 1);
  g_assert_cmpuint (cissp->cycle_start, ==, day ("2024-03-01"));
  g_assert_cmpuint (cissp->cycle_end, ==, day ("2027-02-28"));
  for (guint i = 0; i < cissp->deadlines->len; i++)
    {
      const CpvDeadline *found = g_ptr_array_index (cissp->deadlines, i);

      if (!g_str_equal (found->kind, "retention-until"))
        continue;
      g_assert_true (found->date == day ("2025-02-28") || found->date == day ("2028-02-28"));
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
}


/* ISC2-CAT-1: a maximum "per year" or "in total" caps the sum of a category's activities. */
static void
test_cat_yearly_and_total_caps (RulesFixture  *fixture,
                                gconstpointer  data)
{
  const CpvCredentialStatus *cissp;

  add_credential (fixture, 1, "isc2", "CISSP", "2023-01-01", "2025-12-31");
  /* Board of directors: 40 a cycle year. 30 + 30 in year 1 count 40; 30 in year 2 counts. */
  add_activity (fixture, 10, "isc2.isc2.board-of-directors", "2023-02-01", "2023-03-01", 30);
  add_activity (fixture, 11, "isc2.isc2.board-of-directors", "2023-06-01", "2023-07-01", 30);
  add_activity (fixture, 12, "isc2.isc2.board-of-directors", "2024-02-01", "2024-03-01", 30);
  /* Scholarship review: 10 in total. 6 + 6 count 10. */
  add_activity (fixture, 20, "isc2.isc2.scholarship-review", "2023-04-01", "2023-04-01", 6);
  add_activity (fixture, 21, "isc2.isc2.scholarship-review", "2024-04-01", "2024-04-01", 6);

  cissp = compute (fixture, "2025-06-01", 1);
  g_assert_cmpfloat_with_epsilon (cissp->group_a, 40 + 30 + 10, 1e-9);
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-CAT-1", 10));
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-CAT-1", 11));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-CAT-1", 12));
  g_assert_null (cpv_credential_status_get_finding (cissp, "ISC2-CAT-1", 20));
  g_assert_nonnull (cpv_credential_status_get_finding (cissp, "ISC2-CAT-1", 21));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = rules_test_isolate_data_home ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  RULES_TEST ("/rules/isc2/ISC2-AMF-1/one-fee-for-several-credentials", test_amf_one_fee);
  RULES_TEST ("/rules/isc2/ISC2-AMF-2/cc-only", test_amf_cc_only);
  RULES_TEST ("/rules/isc2/ISC2-AMF-2/associate", test_amf_associate);
  RULES_TEST ("/rules/isc2/ISC2-AMF-3/cc-then-cissp-upgrade", test_amf_upgrade);
  RULES_TEST ("/rules/isc2/ISC2-CYCLE-1/renewed-automatically", test_cycle_renewed);
  RULES_TEST ("/rules/isc2/ISC2-CYCLE-1/associate-one-year", test_cycle_associate_one_year);
  RULES_TEST ("/rules/isc2/ISC2-REQ-1/annual-is-pacing", test_req_annual_is_pacing);
  RULES_TEST ("/rules/isc2/ISC2-REQ-2/table", test_req_table);
  RULES_TEST ("/rules/isc2/ISC2-REQ-2/met-and-group-b-maximum", test_req_met);
  RULES_TEST ("/rules/isc2/ISC2-CONC-1/counts-toward-cissp", test_conc_counts_toward_cissp);
  RULES_TEST ("/rules/isc2/ISC2-CONC-1/floor-blocks-renewal", test_conc_floor_blocks_renewal);
  RULES_TEST ("/rules/isc2/ISC2-CONC-2/without-cissp", test_conc_without_cissp);
  RULES_TEST ("/rules/isc2/ISC2-GRP-1/b-never-for-cc-or-associate",
              test_grp_b_never_for_cc_or_associate);
  RULES_TEST ("/rules/isc2/ISC2-GRP-2/group-per-credential", test_grp_per_credential);
  RULES_TEST ("/rules/isc2/ISC2-CALC-1/hours-give-credits", test_calc_hours);
  RULES_TEST ("/rules/isc2/ISC2-CALC-2/quarter-steps", test_calc_quarter_steps);
  RULES_TEST ("/rules/isc2/ISC2-CALC-3/forty-per-activity", test_calc_activity_cap);
  RULES_TEST ("/rules/isc2/ISC2-CAT-1/category-maxima", test_cat_category_caps);
  RULES_TEST ("/rules/isc2/ISC2-CAT-1/per-year-and-in-total", test_cat_yearly_and_total_caps);
  RULES_TEST ("/rules/isc2/ISC2-CALC-5/seed-2023-11-01-to-2023-12-05", test_calc_seed_end_date);
  RULES_TEST ("/rules/isc2/ISC2-CALC-5/ends-on-last-day-or-next-first-day",
              test_calc_end_date_boundaries);
  RULES_TEST ("/rules/isc2/ISC2-CALC-6/default-lines", test_calc_default_lines);
  RULES_TEST ("/rules/isc2/ISC2-CALC-7/auto-submitted-not-in-grace", test_calc_auto_in_grace);
  RULES_TEST ("/rules/isc2/ISC2-CALC-8/likely-duplicates", test_calc_duplicates);
  RULES_TEST ("/rules/isc2/ISC2-GRACE-1/boundaries", test_grace_boundaries);
  RULES_TEST ("/rules/isc2/ISC2-GRACE-1/first-and-last-grace-day",
              test_grace_credits_earned_in_grace);
  RULES_TEST ("/rules/isc2/ISC2-SUSP-1/associate-suspended-then-terminated",
              test_susp_associate);
  RULES_TEST ("/rules/isc2/ISC2-CARRY-1/last-six-months", test_carry_last_six_months);
  RULES_TEST ("/rules/isc2/ISC2-CARRY-1/eligible-out", test_carry_eligible_out);
  RULES_TEST ("/rules/isc2/ISC2-REC-2/book-and-magazine-fields", test_rec_book_and_magazine);
  RULES_TEST ("/rules/isc2/ISC2-REC-4/description-at-most-250-words", test_rec_description_words);
  RULES_TEST ("/rules/isc2/ISC2-REC-3/retention-twelve-months-leap-day", test_rec_retention);

  status = g_test_run ();
  rules_test_remove_tree (data_home);
  return status;
}
