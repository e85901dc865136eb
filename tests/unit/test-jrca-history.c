/* test-jrca-history.c — work history (form 2B, JRCA-HIST-1) and business sectors (form 2C,
 * JRCA-SECTOR-1): the pure checks, the sector list as data, and storage in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-jrca-sectors.h"
#include "cpv-jrca-store.h"
#include "cpv-test-util.h"

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

static void
add_work (GPtrArray *work,
          CpvDay     start,
          CpvDay     end,
          guint      kinds)
{
  CpvJrcaWork *period = cpv_jrca_work_new ();

  period->start = start;
  period->end = end;
  period->kinds = kinds;
  period->organisation = g_strdup ("株式会社サンプル");
  g_ptr_array_add (work, period);
}

static void
add_sector (GPtrArray *sectors,
            guint      sector,
            CpvDay     start,
            CpvDay     end,
            gboolean   full_time)
{
  CpvJrcaSectorWork *period = cpv_jrca_sector_work_new ();

  period->sector = sector;
  period->start = start;
  period->end = end;
  period->full_time = full_time;
  g_ptr_array_add (sectors, period);
}

static GPtrArray *
new_work (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_work_free);
}

static GPtrArray *
new_sectors (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_sector_work_free);
}

/* 4 years of IT (4 × 365 days) and 2 of security within the last 10 years. */
static void
test_history_met (void)
{
  g_autoptr(GPtrArray) work = new_work ();
  CpvJrcaCheck check;

  add_work (work, D (2020, 4, 1), D (2024, 3, 31), CPV_JRCA_WORK_IT);
  add_work (work, D (2024, 4, 1), 0, CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY);
  cpv_jrca_check_history (work, D (2026, 4, 1), &check);

  g_assert_cmpuint (check.n_lines, ==, 2);
  g_assert_cmpstr (check.lines[0].kind, ==, "history-it-days");
  g_assert_cmpfloat (check.lines[0].required, ==, 1460);
  /* 2020-04-01 … 2026-04-01 inclusive, counted once. */
  g_assert_cmpfloat (check.lines[0].earned, ==, D (2026, 4, 1) - D (2020, 4, 1) + 1);
  g_assert_cmpstr (check.lines[1].kind, ==, "history-security-days");
  g_assert_cmpfloat (check.lines[1].earned, ==, D (2026, 4, 1) - D (2024, 4, 1) + 1);
  g_assert_true (check.met);
  g_assert_cmpuint (check.window_start, ==, D (2016, 4, 1));
}

/* Exactly two calendar years of security work meets 2 years; one day less does not. */
static void
test_history_boundary (void)
{
  g_autoptr(GPtrArray) exact = new_work ();
  g_autoptr(GPtrArray) short_by_one = new_work ();
  CpvJrcaCheck check;

  add_work (exact, D (2018, 4, 1), D (2022, 3, 31), CPV_JRCA_WORK_IT);
  add_work (exact, D (2021, 4, 1), D (2023, 3, 31), CPV_JRCA_WORK_SECURITY);
  cpv_jrca_check_history (exact, D (2026, 4, 1), &check);
  g_assert_cmpfloat (check.lines[0].earned, ==, 1461);
  g_assert_true (check.lines[0].met);
  g_assert_cmpfloat (check.lines[1].earned, ==, 730);
  g_assert_true (check.lines[1].met);

  add_work (short_by_one, D (2021, 4, 2), D (2023, 3, 31), CPV_JRCA_WORK_SECURITY);
  cpv_jrca_check_history (short_by_one, D (2026, 4, 1), &check);
  g_assert_cmpfloat (check.lines[1].earned, ==, 729);
  g_assert_false (check.lines[1].met);
  g_assert_false (check.met);
}

/* Overlapping periods count once; work older than 10 years does not count. */
static void
test_history_overlap_and_window (void)
{
  g_autoptr(GPtrArray) work = new_work ();
  CpvJrcaCheck check;

  /* Two concurrent positions over the same two years: 731 days (2024 is a leap year), not
   * twice that. */
  add_work (work, D (2023, 1, 1), D (2024, 12, 31), CPV_JRCA_WORK_IT);
  add_work (work, D (2023, 7, 1), D (2024, 6, 30), CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY);
  /* Long ago: ends before the window opens. */
  add_work (work, D (2005, 4, 1), D (2015, 3, 31), CPV_JRCA_WORK_IT);
  cpv_jrca_check_history (work, D (2026, 4, 1), &check);
  g_assert_cmpfloat (check.lines[0].earned, ==, 731);
  g_assert_false (check.lines[0].met);
  g_assert_cmpfloat (check.lines[1].earned, ==, 366);

  /* A period straddling the window start counts from the window start. */
  g_assert_cmpuint (cpv_jrca_work_days (work, CPV_JRCA_WORK_IT, D (2015, 3, 1), D (2026, 4, 1)),
                    ==, 31 + 731);
}

/* Form 2B: newest first, the current position on top. */
static void
test_history_newest_first (void)
{
  g_autoptr(GPtrArray) work = new_work ();

  add_work (work, D (2015, 4, 1), D (2019, 3, 31), CPV_JRCA_WORK_IT);
  add_work (work, D (2022, 4, 1), 0, CPV_JRCA_WORK_SECURITY);
  add_work (work, D (2019, 4, 1), D (2022, 3, 31), CPV_JRCA_WORK_IT);
  cpv_jrca_work_sort_newest_first (work);
  g_assert_cmpuint (((CpvJrcaWork *) work->pdata[0])->start, ==, D (2022, 4, 1));
  g_assert_cmpuint (((CpvJrcaWork *) work->pdata[1])->start, ==, D (2019, 4, 1));
  g_assert_cmpuint (((CpvJrcaWork *) work->pdata[2])->start, ==, D (2015, 4, 1));
}

/* Two years of full-time work qualifies a sector; same-sector overlaps count once. */
static void
test_sector_two_years (void)
{
  g_autoptr(GPtrArray) sectors = new_sectors ();

  add_sector (sectors, 33, D (2020, 4, 1), D (2021, 3, 31), TRUE);
  add_sector (sectors, 33, D (2021, 1, 1), D (2022, 3, 31), TRUE);   /* overlaps the first */
  g_assert_cmpuint (cpv_jrca_sector_days (sectors, 33, D (2026, 4, 1)), ==, 730);
  g_assert_true (cpv_jrca_sector_qualifies (sectors, 33, D (2026, 4, 1)));
  g_assert_cmpuint (cpv_jrca_sector_days (sectors, 32, D (2026, 4, 1)), ==, 0);
  g_assert_false (cpv_jrca_sector_qualifies (sectors, 32, D (2026, 4, 1)));
}

/* Seed 004 section 2 h): where periods of several sectors overlap, that period is not
 * full-time work in either; part-time work never counts. */
static void
test_sector_overlap_other_sector (void)
{
  g_autoptr(GPtrArray) sectors = new_sectors ();

  add_sector (sectors, 33, D (2020, 4, 1), D (2022, 3, 31), TRUE);
  add_sector (sectors, 32, D (2021, 4, 1), D (2022, 3, 31), TRUE);
  add_sector (sectors, 37, D (2015, 4, 1), D (2019, 3, 31), FALSE);
  g_assert_cmpuint (cpv_jrca_sector_days (sectors, 33, D (2026, 4, 1)), ==, 365);
  g_assert_false (cpv_jrca_sector_qualifies (sectors, 33, D (2026, 4, 1)));
  g_assert_cmpuint (cpv_jrca_sector_days (sectors, 32, D (2026, 4, 1)), ==, 0);
  g_assert_cmpuint (cpv_jrca_sector_days (sectors, 37, D (2026, 4, 1)), ==, 0);
}

/* A current period (no end) runs to the day of the check. */
static void
test_sector_current (void)
{
  g_autoptr(GPtrArray) sectors = new_sectors ();

  add_sector (sectors, 36, D (2024, 4, 1), 0, TRUE);
  g_assert_false (cpv_jrca_sector_qualifies (sectors, 36, D (2026, 3, 30)));
  g_assert_true (cpv_jrca_sector_qualifies (sectors, 36, D (2026, 3, 31)));
}

/* Annex 3 as data: 39 sectors with both names, IAF code and NACE rev.2 references. */
static void
test_sector_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cpv_jrca_sectors_load (NULL, &error);
  const CpvJrcaSector *sector;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 39);
  for (guint i = 1; i <= 39; i++)
    {
      sector = cpv_jrca_sectors_lookup (list, i);
      g_assert_nonnull (sector);
      g_assert_cmpuint (sector->number, ==, i);
      g_assert_cmpstr (sector->name_ja, !=, "");
      g_assert_cmpstr (sector->name_en, !=, "");
      g_assert_cmpstr (sector->nace, !=, "");
    }
  sector = cpv_jrca_sectors_lookup (list, 33);
  g_assert_cmpstr (sector->name_ja, ==, "情報技術");
  g_assert_cmpstr (sector->iaf, ==, "33");
  g_assert_cmpstr (sector->nace, ==, "58.2, 62, 63.1");
  g_assert_cmpstr (cpv_jrca_sectors_lookup (list, 1)->name_ja, ==, "農業, 林業, 漁業");
  g_assert_cmpstr (cpv_jrca_sectors_lookup (list, 39)->name_ja, ==,
                   "その他社会的・個人的サービス");
  g_assert_null (cpv_jrca_sectors_lookup (list, 40));
}

/* A list that does not follow the schema is refused. */
static void
test_sector_list_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cpv-sectors-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "jrca-sectors.xml", NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (g_file_set_contents (path, "<sectors source=\"x\" classification=\"y\">"
                                            "<sector number=\"40\" iaf=\"40\"/></sectors>",
                                      -1, NULL));
  list = cpv_jrca_sectors_load (path, &error);
  g_assert_null (list);
  g_assert_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_INVALID);
  cpv_test_rm_rf (dir);
}

static gint64
add_credential (CpvVault *vault)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("AUDITOR");
  credential->cycle_start = g_strdup ("2025-10-01");
  credential->cycle_end = g_strdup ("2028-09-30");
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_store_round_trip (CpvTestVault  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(CpvJrcaWork) old_job = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaWork) new_job = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaSectorWork) sector = cpv_jrca_sector_work_new ();
  gint64 credential_id = add_credential (fixture->vault);
  CpvJrcaWork *first;

  old_job->credential_id = credential_id;
  old_job->start = D (2016, 4, 1);
  old_job->end = D (2020, 3, 31);
  old_job->organisation = g_strdup ("株式会社サンプル情報システム");
  old_job->department = g_strdup ("システム開発部");
  old_job->duties = g_strdup ("業務システムの開発、運用");
  old_job->kinds = CPV_JRCA_WORK_IT;
  g_assert_cmpint (cpv_vault_add_jrca_work (fixture->vault, old_job, &error), >, 0);
  g_assert_no_error (error);

  new_job->credential_id = credential_id;
  new_job->start = D (2020, 4, 1);
  new_job->organisation = g_strdup ("株式会社サンプル情報システム");
  new_job->department = g_strdup ("情報セキュリティ推進室");
  new_job->kinds = CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY;
  g_assert_cmpint (cpv_vault_add_jrca_work (fixture->vault, new_job, &error), >, 0);

  sector->credential_id = credential_id;
  sector->sector = 33;
  sector->start = D (2016, 4, 1);
  sector->organisation = g_strdup ("株式会社サンプル情報システム");
  g_assert_cmpint (cpv_vault_add_jrca_sector_work (fixture->vault, sector, &error), >, 0);

  listed = cpv_vault_list_jrca_work (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  first = g_ptr_array_index (listed, 0);
  g_assert_cmpint (first->id, ==, new_job->id);
  g_assert_cmpuint (first->end, ==, 0);
  g_assert_cmpstr (first->department, ==, "情報セキュリティ推進室");
  g_assert_cmpuint (first->kinds, ==, CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY);

  data = cpv_vault_load_jrca_data (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->work->len, ==, 2);
  g_assert_cmpuint (data->sectors->len, ==, 1);
  g_assert_cmpuint (((CpvJrcaSectorWork *) data->sectors->pdata[0])->sector, ==, 33);
  g_assert_true (((CpvJrcaSectorWork *) data->sectors->pdata[0])->full_time);

  g_assert_true (cpv_vault_remove_jrca_work (fixture->vault, old_job->id, &error));
  g_assert_false (cpv_vault_remove_jrca_work (fixture->vault, old_job->id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (cpv_vault_remove_jrca_sector_work (fixture->vault, sector->id, &error));
}

static void
test_store_validation (CpvTestVault  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvJrcaWork) work = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaSectorWork) sector = cpv_jrca_sector_work_new ();
  gint64 credential_id = add_credential (fixture->vault);

  work->credential_id = credential_id;
  work->start = D (2020, 4, 1);
  work->end = D (2019, 3, 31);
  work->organisation = g_strdup ("株式会社サンプル");
  g_assert_cmpint (cpv_vault_add_jrca_work (fixture->vault, work, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  sector->credential_id = credential_id;
  sector->sector = 40;
  sector->start = D (2020, 4, 1);
  g_assert_cmpint (cpv_vault_add_jrca_sector_work (fixture->vault, sector, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  sector->sector = 33;
  sector->credential_id = credential_id + 100;
  g_assert_cmpint (cpv_vault_add_jrca_sector_work (fixture->vault, sector, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

/* A period is edited in place: the id stays, every field changes, a bad edit stores nothing,
 * and an edit of a period that is gone is NOT_FOUND. */
static void
test_store_edit (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvJrcaWork) job = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaWork) stored = NULL;
  g_autoptr(CpvJrcaWork) unchanged = NULL;
  g_autoptr(CpvJrcaSectorWork) sector = cpv_jrca_sector_work_new ();
  g_autoptr(CpvJrcaSectorWork) stored_sector = NULL;
  g_autoptr(CpvJrcaSectorWork) unchanged_sector = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 credential_id = add_credential (fixture->vault);
  gint64 id;

  job->credential_id = credential_id;
  job->start = D (2016, 4, 1);
  job->organisation = g_strdup ("株式会社サンプル情報システム");
  job->department = g_strdup ("システム開発部");
  job->kinds = CPV_JRCA_WORK_IT;
  id = cpv_vault_add_jrca_work (fixture->vault, job, &error);
  g_assert_no_error (error);

  /* The person moved: the open period gets an end, a new department and a second kind. */
  job->end = D (2020, 3, 31);
  g_free (job->department);
  job->department = g_strdup ("情報セキュリティ推進室");
  job->duties = g_strdup ("ISMS の運用");
  job->kinds = CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY;
  g_assert_true (cpv_vault_update_jrca_work (fixture->vault, job, &error));
  g_assert_no_error (error);
  stored = cpv_vault_get_jrca_work (fixture->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->id, ==, id);
  g_assert_cmpint (stored->credential_id, ==, credential_id);
  g_assert_cmpuint (stored->start, ==, D (2016, 4, 1));
  g_assert_cmpuint (stored->end, ==, D (2020, 3, 31));
  g_assert_cmpstr (stored->department, ==, "情報セキュリティ推進室");
  g_assert_cmpstr (stored->duties, ==, "ISMS の運用");
  g_assert_cmpuint (stored->kinds, ==, CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY);
  listed = cpv_vault_list_jrca_work (fixture->vault, credential_id, &error);
  g_assert_cmpuint (listed->len, ==, 1);

  /* Invalid: refused before anything is written. */
  job->end = D (2015, 1, 1);
  g_assert_false (cpv_vault_update_jrca_work (fixture->vault, job, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  unchanged = cpv_vault_get_jrca_work (fixture->vault, id, &error);
  g_assert_cmpuint (unchanged->end, ==, D (2020, 3, 31));

  /* Gone. */
  job->end = 0;
  job->id = id + 100;
  g_assert_false (cpv_vault_update_jrca_work (fixture->vault, job, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cpv_vault_get_jrca_work (fixture->vault, id + 100, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sector->credential_id = credential_id;
  sector->sector = 33;
  sector->start = D (2016, 4, 1);
  sector->full_time = TRUE;
  sector->organisation = g_strdup ("株式会社サンプル情報システム");
  id = cpv_vault_add_jrca_sector_work (fixture->vault, sector, &error);
  g_assert_no_error (error);
  sector->sector = 32;
  sector->end = D (2019, 9, 30);
  sector->full_time = FALSE;
  g_clear_pointer (&sector->organisation, g_free);
  sector->duties = g_strdup ("データセンターの運用");
  g_assert_true (cpv_vault_update_jrca_sector_work (fixture->vault, sector, &error));
  g_assert_no_error (error);
  stored_sector = cpv_vault_get_jrca_sector_work (fixture->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_sector->sector, ==, 32);
  g_assert_cmpuint (stored_sector->end, ==, D (2019, 9, 30));
  g_assert_false (stored_sector->full_time);
  g_assert_null (stored_sector->organisation);
  g_assert_cmpstr (stored_sector->duties, ==, "データセンターの運用");

  sector->sector = 0;
  g_assert_false (cpv_vault_update_jrca_sector_work (fixture->vault, sector, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  unchanged_sector = cpv_vault_get_jrca_sector_work (fixture->vault, id, &error);
  g_assert_cmpuint (unchanged_sector->sector, ==, 32);

  sector->sector = 33;
  sector->id = id + 100;
  g_assert_false (cpv_vault_update_jrca_sector_work (fixture->vault, sector, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

/* With work history entered and short, the status engine says so. */
static void
test_evaluate_finding (void)
{
  g_autoptr(CpvJrcaData) data = cpv_jrca_data_new (1);
  g_autoptr(GPtrArray) requirements = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  g_autoptr(GPtrArray) deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  guint hist = 0;

  data->registration = cpv_jrca_registration_new ();
  data->registration->grade = CPV_JRCA_GRADE_ASSISTANT;
  data->registration->maintenance_deadline = D (2026, 9, 30);
  data->registration->expiry_date = D (2028, 9, 30);
  add_work (data->work, D (2024, 4, 1), 0, CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY);
  cpv_jrca_evaluate (data, NULL, D (2026, 4, 1), requirements, deadlines, findings);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((CpvFinding *) findings->pdata[i])->rule, "JRCA-HIST-1") == 0)
      hist++;
  /* IT short (731 of 1460 days); security met (731 of 730). */
  g_assert_cmpuint (hist, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/jrca/JRCA-HIST-1/met", test_history_met);
  g_test_add_func ("/rules/jrca/JRCA-HIST-1/exactly-two-years", test_history_boundary);
  g_test_add_func ("/rules/jrca/JRCA-HIST-1/overlap-once-and-window", test_history_overlap_and_window);
  g_test_add_func ("/rules/jrca/JRCA-HIST-1/newest-first", test_history_newest_first);
  g_test_add_func ("/rules/jrca/JRCA-HIST-1/status-finding", test_evaluate_finding);
  g_test_add_func ("/rules/jrca/JRCA-SECTOR-1/two-years", test_sector_two_years);
  g_test_add_func ("/rules/jrca/JRCA-SECTOR-1/overlap-other-sector", test_sector_overlap_other_sector);
  g_test_add_func ("/rules/jrca/JRCA-SECTOR-1/current-period", test_sector_current);
  g_test_add_func ("/rules/jrca/JRCA-SECTOR-1/annex-3-list", test_sector_list);
  g_test_add_func ("/rules/jrca/JRCA-SECTOR-1/list-invalid", test_sector_list_invalid);
  g_test_add ("/jrca/store/history-round-trip", CpvTestVault, NULL, cpv_test_vault_setup,
              test_store_round_trip, cpv_test_vault_teardown);
  g_test_add ("/jrca/store/history-validation", CpvTestVault, NULL, cpv_test_vault_setup,
              test_store_validation, cpv_test_vault_teardown);
  g_test_add ("/jrca/store/JRCA-HIST-1/history-edit", CpvTestVault, NULL, cpv_test_vault_setup,
              test_store_edit, cpv_test_vault_teardown);

  return g_test_run ();
}
