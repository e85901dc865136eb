/* test-jrca-forms.c — forms 2B, 2C, 4A, 4B, 5A, 5C, 5D as PDF (cairo + Pango) and CSV
 *
 * Every PDF is rendered into the build directory (tests/jrca-forms/), turned into PNGs with
 * `pdftoppm -r 60 -png` for people to look at, and read back with `pdftotext` to check that
 * the records' values, Japanese included, are on it.
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-jrca-forms.h"
#include "cpv-jrca-sectors.h"
#include "cpv-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <string.h>

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

static CpvJrcaAudit *
audit_new (gint64       id,
           const char  *organisation,
           CpvDay       start,
           CpvJrcaRole  role)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();

  audit->id = id;
  audit->organisation = g_strdup (organisation);
  audit->organisation_id = g_strdup_printf ("IS 5%05" G_GINT64_FORMAT, id);
  audit->certification_body = g_strdup ("一般財団法人サンプル認証機構");
  audit->body_iaf_accredited = TRUE;
  audit->management_system = g_strdup ("ISMS");
  audit->audit_type = g_strdup ("サーベイランス審査");
  audit->onsite_start = start;
  audit->onsite_end = start + 1;
  cpv_jrca_audit_add_day (audit, start, 7);
  cpv_jrca_audit_add_day (audit, start + 1, 3.5);
  audit->role = role;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_MEMBER_ALL;
  audit->team_leader_name = g_strdup ("規格 太郎");
  audit->team_lead = CPV_JRCA_TEAM_LEAD_OTHER;
  audit->team_lead_number = g_strdup ("I09876");
  audit->team_lead_name = g_strdup ("規格 太郎");
  audit->attested_by_org = TRUE;
  audit->has_schedule = TRUE;
  audit->contact = g_strdup ("東京都港区三田1-2-3 03-1234-5678");
  return audit;
}

static CpvJrcaData *
sample_data (void)
{
  CpvJrcaData *data = cpv_jrca_data_new (1);
  CpvJrcaAudit *audit;
  CpvJrcaCpd *cpd;
  CpvJrcaWork *work;
  CpvJrcaSectorWork *sector;

  data->registration = cpv_jrca_registration_new ();
  data->registration->grade = CPV_JRCA_GRADE_AUDITOR;
  data->registration->registration_number = g_strdup ("I12345");
  data->registration->maintenance_deadline = D (2026, 9, 30);
  data->registration->expiry_date = D (2027, 9, 30);
  data->registration->previous_maintenance_application = D (2025, 7, 15);
  data->registration->previous_renewal_application = D (2024, 7, 10);

  /* Added newest first: the forms must list them oldest first. */
  audit = audit_new (3, "株式会社みなと物流 本社（情報システム部門）", D (2026, 2, 9),
                     CPV_JRCA_ROLE_MEMBER);
  audit->has_schedule = FALSE;   /* no evidence: 5D shows the contact */
  g_ptr_array_add (data->audits, audit);
  audit = audit_new (2, "さくら電子工業株式会社 横浜事業所", D (2025, 10, 20), CPV_JRCA_ROLE_OJT);
  audit->isms_roles = CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW;
  g_ptr_array_add (data->audits, audit);
  audit = audit_new (1, "ひかりデータサービス株式会社", D (2024, 11, 5), CPV_JRCA_ROLE_MEMBER);
  audit->combined = TRUE;
  g_ptr_array_add (data->audits, audit);
  audit = audit_new (4, "オブザーバ参加の組織", D (2025, 12, 1), CPV_JRCA_ROLE_OBSERVER);
  g_ptr_array_add (data->audits, audit);

  cpd = cpv_jrca_cpd_new ();
  cpd->id = 1;
  cpd->date = D (2025, 9, 12);
  cpd->hours = 3.5;
  cpd->kind = CPV_JRCA_CPD_OTHER_TRAINING;
  cpd->title = g_strdup ("サプライチェーンセキュリティ講演会");
  cpd->provider = g_strdup ("情報セキュリティ研究会");
  cpd->purpose = g_strdup ("委託先管理の審査で確認すべき点を知るため。");
  cpd->learned = g_strdup ("委託先評価を契約時だけでなく定期的に行い、結果をリスクアセスメントに"
                           "反映する仕組みがあるかを審査で確認すべきだと学んだ。");
  g_ptr_array_add (data->cpd, cpd);
  cpd = cpv_jrca_cpd_new ();
  cpd->id = 2;
  cpd->date = D (2026, 1, 20);
  cpd->hours = 6;
  cpd->kind = CPV_JRCA_CPD_JRCA_COURSE;
  cpd->title = g_strdup ("JRCA登録CPDコース ISMS審査の実務");
  cpd->has_certificate = TRUE;
  g_ptr_array_add (data->cpd, cpd);
  cpd = cpv_jrca_cpd_new ();
  cpd->id = 3;
  cpd->date = D (2025, 3, 1);   /* before the CPD period: not on 4A */
  cpd->hours = 2;
  cpd->title = g_strdup ("前期間の研修");
  g_ptr_array_add (data->cpd, cpd);

  work = cpv_jrca_work_new ();
  work->start = D (2016, 4, 1);
  work->end = D (2020, 3, 31);
  work->organisation = g_strdup ("株式会社サンプル情報システム");
  work->department = g_strdup ("システム開発部");
  work->duties = g_strdup ("業務システムの開発・運用・保守");
  work->kinds = CPV_JRCA_WORK_IT;
  g_ptr_array_add (data->work, work);
  work = cpv_jrca_work_new ();
  work->start = D (2020, 4, 1);
  work->organisation = g_strdup ("株式会社サンプル情報システム");
  work->department = g_strdup ("情報セキュリティ推進室");
  work->duties = g_strdup ("ISMSの運用、アクセス制御と脆弱性対策の管理");
  work->kinds = CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY;
  g_ptr_array_add (data->work, work);

  sector = cpv_jrca_sector_work_new ();
  sector->sector = 33;
  sector->start = D (2016, 4, 1);
  sector->end = D (2020, 3, 31);
  sector->organisation = g_strdup ("株式会社サンプル情報システム");
  sector->duties = g_strdup ("ソフトウェア開発");
  g_ptr_array_add (data->sectors, sector);
  sector = cpv_jrca_sector_work_new ();
  sector->sector = 32;
  sector->start = D (2021, 4, 1);
  sector->end = D (2022, 3, 31);
  sector->organisation = g_strdup ("サンプル銀行");
  g_ptr_array_add (data->sectors, sector);
  return data;
}

typedef struct
{
  CpvJrcaData         *data;
  GPtrArray           *sector_names;
  CpvJrcaFormsOptions  options;
  char                *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->data = sample_data ();
  f->sector_names = cpv_jrca_sectors_load (NULL, &error);
  g_assert_no_error (error);
  f->options.applicant_name = "審査 花子";
  f->options.on = D (2026, 4, 1);
  f->options.sector_names = f->sector_names;
  /* In the build directory, so that the PNGs stay for people to look at. */
  f->dir = g_test_build_filename (G_TEST_BUILT, "jrca-forms", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  cpv_jrca_data_free (f->data);
  g_ptr_array_unref (f->sector_names);
  g_free (f->dir);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Renders @form, makes PNGs of it and returns the PDF's text. */
static char *
render (Fixture     *f,
        CpvJrcaForm  form,
        gint64       audit_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("form-%s", cpv_jrca_form_to_key (form));
  g_autofree char *pdf_name = g_strconcat (name, ".pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, pdf_name, NULL);
  g_autofree char *png_prefix = g_build_filename (f->dir, name, NULL);
  g_autofree char *png_out = NULL;
  g_autofree char *raw = NULL;
  g_auto(GStrv) lines = NULL;
  char *text;

  g_assert_true (cpv_jrca_form_write_pdf (f->data, form, audit_id, &f->options, pdf, &error));
  g_assert_no_error (error);
  png_out = run_tool ((const char * const[]) { "pdftoppm", "-r", "60", "-png", pdf, png_prefix,
                                               NULL });
  /* In drawing order, with the line breaks that wrapping puts inside cells taken out. */
  raw = run_tool ((const char * const[]) { "pdftotext", "-raw", pdf, "-", NULL });
  lines = g_strsplit (raw, "\n", -1);
  text = g_strjoinv ("", lines);
  /* Every page says it is an aid, not the form. */
  g_assert_nonnull (strstr (text, "補助資料"));
  g_assert_nonnull (strstr (text, "not the form itself"));
  g_assert_nonnull (strstr (text, cpv_jrca_form_title (form)));
  return text;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_test_message ("missing \"%s\" in:\n%s", needle, text);
  g_assert_nonnull (strstr (text, needle));
}

static const char *
after (const char *text,
       const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return found;
}

static void
test_5a (Fixture       *f,
         gconstpointer  user_data)
{
  g_autofree char *text = render (f, CPV_JRCA_FORM_5A, 0);
  g_autofree char *one = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "form-5a-one.pdf", NULL);
  g_autofree char *pages = NULL;
  g_autofree char *all = g_build_filename (f->dir, "form-5a.pdf", NULL);

  assert_contains (text, "ひかりデータサービス株式会社");
  assert_contains (text, "IS 500001");
  assert_contains (text, "一般財団法人サンプル認証機構");
  assert_contains (text, "2024年11月05日～2024年11月06日");
  /* JRCA-DAYS-1, shown as computed: 7 h = 1.0 day, 3.5 h ÷ 6 = 0.58 → 0.5, total 1.5. */
  assert_contains (text, "7時間 → 6時間以上のため 1.0日");
  assert_contains (text, "3.5時間 ÷ 6 = 0.58 → 0.5日");
  assert_contains (text, "合計 1.5日");
  assert_contains (text, "本人以外：登録番号 I09876");
  /* The observer record is not a valid record (JRCA-OBS-1). */
  g_assert_null (strstr (text, "オブザーバ参加の組織"));
  /* One record per page: three records, three pages, oldest first. */
  g_assert_true (strstr (text, "ひかりデータ") < strstr (text, "さくら電子工業"));
  g_assert_true (strstr (text, "さくら電子工業") < strstr (text, "株式会社みなと物流"));
  pages = run_tool ((const char * const[]) { "sh", "-c", "pdfinfo \"$0\" | grep Pages", all,
                                             NULL });
  assert_contains (pages, "3");

  g_assert_true (cpv_jrca_form_write_pdf (f->data, CPV_JRCA_FORM_5A, 2, &f->options, pdf,
                                          &error));
  one = run_tool ((const char * const[]) { "pdftotext", pdf, "-", NULL });
  assert_contains (one, "さくら電子工業株式会社");
  g_assert_null (strstr (one, "ひかりデータ"));
}

static void
test_5c (Fixture       *f,
         gconstpointer  user_data)
{
  g_autofree char *text = render (f, CPV_JRCA_FORM_5C, 0);
  g_autofree char *csv = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_5C, &f->options);

  assert_contains (text, "審査 花子");
  assert_contains (text, "I12345");
  assert_contains (text, "審査員");
  assert_contains (text, "2024年11月05日");
  assert_contains (text, "サーベイランス審査");
  /* Oldest first. */
  g_assert_true (strstr (text, "ひかりデータ") < strstr (text, "さくら電子工業"));
  /* CSV: number, date, organisation, MS, role, OJT mark, days, ISMS roles mark. */
  assert_contains (csv, "1,2024/11/05,\"ひかりデータサービス株式会社\nサーベイランス審査\","
                        "ISMS,メンバー,,1.5,○\r\n");
  assert_contains (csv, "2,2025/10/20,\"さくら電子工業株式会社 横浜事業所\nサーベイランス審査\","
                        "ISMS,メンバー,○,1.5,－\r\n");
  g_assert_null (strstr (csv, "オブザーバ参加の組織"));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF番号,年月日,"));
}

static void
test_5d (Fixture       *f,
         gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  /* For a renewal: the ~3 years since the previous renewal application (seed 004 7. b)). */
  f->options.procedure = CPV_JRCA_PROCEDURE_RENEWAL;
  text = render (f, CPV_JRCA_FORM_5D, 0);
  csv = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_5D, &f->options);

  assert_contains (text, "株式会社みなと物流");
  /* Contact details only for the last-year record without evidence. */
  assert_contains (text, "03-1234-5678");
  assert_contains (csv, "1,2024/11/05,\"ひかりデータサービス株式会社\nサーベイランス審査\","
                        "ISMS,メンバー,1.5,○,,\r\n");
  assert_contains (csv, "2,2025/10/20,\"さくら電子工業株式会社 横浜事業所\nサーベイランス審査\","
                        "ISMS,メンバー,1.5,○,○,\r\n");
  assert_contains (csv, "3,2026/02/09,\"株式会社みなと物流 本社（情報システム部門）\n"
                        "サーベイランス審査\",ISMS,メンバー,1.5,,○,"
                        "東京都港区三田1-2-3 03-1234-5678\r\n");
}

/* For a maintenance: only what came after the previous maintenance application (seed 004
 * 6. b)); without a procedure, the registration's next one (here the maintenance, due
 * 2026-09-30 before the expiry date). */
static void
test_5d_maintenance (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *csv = NULL;
  g_autofree char *explicit_csv = NULL;

  g_assert_cmpint (f->options.procedure, ==, CPV_JRCA_PROCEDURE_NONE);
  csv = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_5D, &f->options);
  g_assert_null (strstr (csv, "ひかりデータサービス株式会社"));
  assert_contains (csv, "1,2025/10/20,\"さくら電子工業株式会社 横浜事業所");
  assert_contains (csv, "2,2026/02/09,\"株式会社みなと物流");

  f->options.procedure = CPV_JRCA_PROCEDURE_MAINTENANCE;
  explicit_csv = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_5D, &f->options);
  g_assert_cmpstr (explicit_csv, ==, csv);
}

static void
test_4a_4b (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *text_4a = render (f, CPV_JRCA_FORM_4A, 0);
  g_autofree char *text_4b = render (f, CPV_JRCA_FORM_4B, 0);
  g_autofree char *csv = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_4A, &f->options);

  assert_contains (text_4a, "2025年09月12日");
  assert_contains (text_4a, "サプライチェーンセキュリティ講演会");
  assert_contains (text_4a, "合計 9.5時間（2件）");
  g_assert_null (strstr (text_4a, "前期間の研修"));
  assert_contains (csv, "1,2025/09/12,3.5,3. その他の研修・セミナー・講演会,"
                        "サプライチェーンセキュリティ講演会,情報セキュリティ研究会,様式4B\r\n");
  assert_contains (csv, "2,2026/01/20,6,1. JRCA登録CPDコース");

  /* 4B: only the record that needs one, with purpose and what was learned. */
  assert_contains (text_4b, "委託先管理の審査で確認すべき点を知るため。");
  assert_contains (text_4b, "リスクアセスメント");
  g_assert_null (strstr (text_4b, "JRCA登録CPDコース ISMS"));
}

static void
test_2b_2c (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *text_2b = render (f, CPV_JRCA_FORM_2B, 0);
  g_autofree char *text_2c = render (f, CPV_JRCA_FORM_2C, 0);
  g_autofree char *csv_2c = cpv_jrca_form_csv (f->data, CPV_JRCA_FORM_2C, &f->options);

  /* Newest first; the current position ends "現在". */
  assert_contains (text_2b, "情報セキュリティ推進室");
  assert_contains (text_2b, "2020年04月");
  assert_contains (text_2b, "現在");
  g_assert_true (after (text_2b, "情報セキュリティ推進室") < after (text_2b, "システム開発部"));
  /* 2016-04-01 … 2026-04-01 clipped to the 10-year window: 3653 days of IT. */
  assert_contains (text_2b, "情報技術分野 3653日");
  assert_contains (text_2b, "充足");

  assert_contains (text_2c, "情報技術");
  assert_contains (text_2c, "58.2, 62,");
  assert_contains (text_2c, "63.1");
  assert_contains (text_2c, "金融, 保険, 不動産, 賃貸");
  assert_contains (csv_2c, "33,情報技術,\"58.2, 62, 63.1\",2016/04/01,2020/03/31,○,"
                           "株式会社サンプル情報システム,ソフトウェア開発,1461,○\r\n");
  assert_contains (csv_2c, "32,\"金融, 保険, 不動産, 賃貸\",\"64, 65, 66, 68, 77\",2021/04/01,"
                           "2022/03/31,○,サンプル銀行,,365,\r\n");
}

static void
test_write_all (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cpv-forms-XXXXXX", &error);
  const char *expected[] = { "jrca-2b.pdf", "jrca-2b.csv", "jrca-2c.pdf", "jrca-2c.csv",
                             "jrca-4a.pdf", "jrca-4a.csv", "jrca-4b.pdf", "jrca-4b.csv",
                             "jrca-5a-1.pdf", "jrca-5a-2.pdf", "jrca-5a-3.pdf", "jrca-5a.csv",
                             "jrca-5c.pdf", "jrca-5c.csv", "jrca-5d.pdf", "jrca-5d.csv" };

  g_assert_no_error (error);
  g_assert_true (cpv_jrca_forms_write_all (f->data, &f->options, dir, &files, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (dir, expected[i], NULL);

      g_assert_cmpstr (g_ptr_array_index (files, i), ==, expected[i]);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  cpv_test_rm_rf (dir);
}

/* One renderer behind the three ways out: a stream, memory, a file. */
static void
test_stream_and_bytes (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) untouched = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) closed = g_memory_output_stream_new_resizable ();
  g_autoptr(CpvJrcaData) empty = cpv_jrca_data_new (1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "form-5a-from-bytes.pdf", NULL);
  g_autofree char *text = NULL;
  GStatBuf info;

  g_assert_true (cpv_jrca_form_write_pdf_to_stream (f->data, CPV_JRCA_FORM_5D, 0, &f->options,
                                                    memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, NULL));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), >,
                    1000);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), 5,
                   "%PDF-", 5);

  /* In memory, one record of form 5A; cpv_jrca_form_write_pdf() writes the same, privately. */
  bytes = cpv_jrca_form_pdf_bytes (f->data, CPV_JRCA_FORM_5A, 2, &f->options, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  text = run_tool ((const char * const[]) { "pdftotext", path, "-", NULL });
  assert_contains (text, "さくら電子工業株式会社");
  g_assert_null (strstr (text, "ひかりデータ"));
  g_assert_true (cpv_jrca_form_write_pdf (f->data, CPV_JRCA_FORM_5A, 2, &f->options, path,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* Nothing to list (no records; a 5A record that is not there): refused before anything is
   * written into the stream. */
  g_assert_false (cpv_jrca_form_write_pdf_to_stream (empty, CPV_JRCA_FORM_5D, 0, &f->options,
                                                     untouched, NULL, &error));
  g_assert_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (cpv_jrca_form_pdf_bytes (f->data, CPV_JRCA_FORM_5A, 4242, &f->options,
                                          &error));
  g_assert_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (untouched)),
                    ==, 0);

  /* A stream that fails: an error that names the form. */
  g_assert_true (g_output_stream_close (closed, NULL, NULL));
  g_assert_false (cpv_jrca_form_write_pdf_to_stream (f->data, CPV_JRCA_FORM_4A, 0, &f->options,
                                                     closed, NULL, &error));
  g_assert_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_WRITE);
  assert_contains (error->message, "4a");
}

/* 氏名: the name given for the forms, else the one stored with the registration. */
static void
test_applicant_name (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *given = NULL;
  g_autofree char *stored = NULL;

  f->data->registration->applicant_name = g_strdup ("登録 太郎");
  given = render (f, CPV_JRCA_FORM_5D, 0);
  assert_contains (given, "審査 花子");
  g_assert_null (strstr (given, "登録 太郎"));
  f->options.applicant_name = NULL;
  stored = render (f, CPV_JRCA_FORM_5D, 0);
  assert_contains (stored, "登録 太郎");
}

/* A form with nothing to list is refused, not written empty. */
static void
test_empty (void)
{
  g_autoptr(CpvJrcaData) data = cpv_jrca_data_new (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cpv-forms-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  CpvJrcaFormsOptions options = { NULL, D (2026, 4, 1), NULL };

  g_assert_false (cpv_jrca_form_write_pdf (data, CPV_JRCA_FORM_5D, 0, &options, pdf, &error));
  g_assert_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_EMPTY);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  cpv_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/rules/jrca/JRCA-DAYS-1/form-5a", test_5a);
  ADD ("/rules/jrca/JRCA-UPGRADE-1/form-5c", test_5c);
  ADD ("/rules/jrca/JRCA-LANG-1/form-5d-western-calendar-dates", test_5d);
  ADD ("/rules/jrca/JRCA-MAINT-1/form-5d-since-previous-maintenance", test_5d_maintenance);
  ADD ("/rules/jrca/JRCA-CPD-2/forms-4a-4b", test_4a_4b);
  ADD ("/rules/jrca/JRCA-HIST-1/forms-2b-2c", test_2b_2c);
  ADD ("/jrca/forms/write-all", test_write_all);
  ADD ("/jrca/forms/stream-and-bytes", test_stream_and_bytes);
  ADD ("/jrca/forms/applicant-name", test_applicant_name);
#undef ADD
  g_test_add_func ("/jrca/forms/empty", test_empty);

  status = g_test_run ();

  /* Drop the font caches of Pango, cairo and fontconfig so that leak checkers see only what
   * the forms code itself leaves behind. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
