/* bench-readiness.c — audit readiness of one cycle with 10,000 activities, as ratios to
 * baselines measured in the same run
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Audits page computes the readiness of every credential's current cycle. The time of one
 * cpv_readiness_check_cycle() over 10,000 activities (each with evidence linked) is divided by
 *   - the time of listing the same 10,000 activities (cpv_vault_list_activities), and
 *   - the time of 10,000 plain `SELECT count(*)` round-trips, one per activity, which is what a
 *     pass that queries the evidence of each activity on its own cannot go below.
 * Medians of RUNS runs; the machine's speed cancels out of the ratios.
 */
#include "config.h"

#include "cpv-evidence.h"
#include "cpv-program.h"
#include "cpv-readiness.h"
#include "cpv-records.h"
#include "cpv-test-util.h"
#include "cpv-vault-private.h"

#define N_ACTIVITIES 10000
#define N_ITEMS 100
#define RUNS 5

static const char * const kinds[] = { "attendance", "certificate", "notes", "other" };

static double
median (double *values)
{
  for (int i = 1; i < RUNS; i++)
    for (int j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double swap = values[j];

        values[j] = values[j - 1];
        values[j - 1] = swap;
      }
  return values[RUNS / 2];
}

static void
fill_vault (CpvVault *vault,
            gint64    credential_id)
{
  g_autoptr(GError) error = NULL;
  gint64 items[N_ITEMS];

  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      g_autoptr(CpvActivity) activity = cpv_activity_new ();
      int day = i % 28 + 1, month = i / 28 % 12 + 1;

      activity->title = g_strdup_printf ("Security webinar %u", i);
      activity->category = g_strdup ("isc2.education.course");
      activity->start_date = g_strdup_printf ("2025-%02d-%02d", month, day);
      activity->end_date = g_strdup (activity->start_date);
      activity->credits = 1;
      cpv_activity_add_credit_line (activity, credential_id, 'A');
      activity->id = cpv_vault_add_activity (vault, activity, &error);
      g_assert_no_error (error);

      /* Synthetic evidence (no user data): N_ITEMS items, each linked to many activities;
       * every seventh activity has none. */
      if (i < N_ITEMS)
        {
          g_autofree char *content = g_strdup_printf ("synthetic evidence %u", i);
          g_autoptr(GInputStream) stream =
            g_memory_input_stream_new_from_data (g_steal_pointer (&content), -1, g_free);
          g_autofree char *name = g_strdup_printf ("item-%u.txt", i);
          CpvEvidenceMeta meta = { kinds[i % G_N_ELEMENTS (kinds)], NULL, FALSE, NULL, name };
          g_autoptr(CpvEvidence) item = cpv_vault_attach_evidence (vault, activity->id, stream,
                                                                   &meta, NULL, NULL, &error);

          g_assert_no_error (error);
          items[i] = item->id;
        }
      else if (i % 7 != 0)
        {
          cpv_vault_link_evidence (vault, activity->id, items[i % N_ITEMS], &error);
          g_assert_no_error (error);
          if (i % 3 == 0)
            {
              cpv_vault_link_evidence (vault, activity->id, items[(i / 3) % N_ITEMS], &error);
              g_assert_no_error (error);
            }
        }
    }
}

static double
time_count_round_trips (CpvVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 total = 0;

  g_assert_nonnull (_cpv_vault_lock (vault, &error));
  g_test_timer_start ();
  stmt = _cpv_vault_prepare (vault, "SELECT count(*) FROM activity_evidence WHERE activity_id = ?",
                             &error);
  g_assert_no_error (error);
  for (gint64 id = 1; id <= N_ACTIVITIES; id++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      total += sqlite3_column_int64 (stmt, 0);
    }
  _cpv_vault_unlock (vault);
  g_assert_cmpint (total, >, 0);
  return g_test_timer_elapsed ();
}

static void
bench_readiness (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  double readiness_s[RUNS], list_s[RUNS], count_s[RUNS];
  double readiness, list, count;
  gint64 credential_id;

  registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  credential->program = g_strdup ("isc2");
  credential->code = g_strdup ("CISSP");
  credential->cycle_start = g_strdup ("2024-07-01");
  credential->cycle_end = g_strdup ("2027-06-30");
  credential_id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);

  g_test_timer_start ();
  fill_vault (vault, credential_id);
  g_test_message ("filled a vault with %u activities in %.1f s", N_ACTIVITIES,
                  g_test_timer_elapsed ());

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(CpvCycleReadiness) cycle = NULL;
      g_autoptr(GPtrArray) activities = NULL;

      g_test_timer_start ();
      cycle = cpv_readiness_check_cycle (vault, registry, credential_id, 0, &error);
      readiness_s[run] = g_test_timer_elapsed ();
      g_assert_no_error (error);
      g_assert_cmpuint (cycle->n_total, ==, N_ACTIVITIES);
      g_assert_cmpuint (cycle->n_ready, >, 0);
      g_assert_cmpuint (cycle->n_ready, <, N_ACTIVITIES);

      g_test_timer_start ();
      activities = cpv_vault_list_activities (vault, &error);
      list_s[run] = g_test_timer_elapsed ();
      g_assert_no_error (error);
      g_assert_cmpuint (activities->len, ==, N_ACTIVITIES);

      count_s[run] = time_count_round_trips (vault);
    }
  readiness = median (readiness_s);
  list = median (list_s);
  count = median (count_s);

  g_test_minimized_result (readiness, "readiness of one cycle, %u activities: %.1f ms",
                           N_ACTIVITIES, readiness * 1000);
  g_test_message ("listing %u activities: %.1f ms; %u SELECT count(*) round-trips: %.1f ms",
                  N_ACTIVITIES, list * 1000, N_ACTIVITIES, count * 1000);
  g_test_message ("readiness ratio to listing the activities: %.2f; "
                  "to %u SELECT count(*) round-trips: %.2f",
                  readiness / list, N_ACTIVITIES, readiness / count);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/records/bench/readiness-10000-activities", CpvTestVault, NULL,
              cpv_test_vault_setup, bench_readiness, cpv_test_vault_teardown);
  return g_test_run ();
}
