/* cpv-jrca-forms.c — the content of JRCA forms 2B, 2C, 4A, 4B, 5A, 5C and 5D as PDF and CSV
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-forms"

#include "config.h"

#include "cpv-jrca-forms.h"
#include "cpv-jrca-sectors.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAGE_WIDTH   595.276   /* A4 in points */
#define PAGE_HEIGHT  841.890
#define MARGIN       40.0
#define CELL_PAD     3.0
#define FONT_FAMILY  "Noto Sans CJK JP"

#define AID_NOTICE_JA "この書類はJRCA所定様式への転記用の補助資料です。JRCAの様式そのものではありません。"
#define AID_NOTICE_EN "An aid for copying into JRCA's official forms, not the form itself."

static const char * const form_keys[] = { "2b", "2c", "4a", "4b", "5a", "5c", "5d" };
static const char * const form_titles[] = {
  "情報セキュリティマネジメントシステム審査員業務経歴書（様式2B）",
  "業務経験のある事業分野申請書（様式2C）",
  "継続的専門能力開発（CPD）実績の記録（A）（様式4A）",
  "継続的専門能力開発（CPD）実績の記録（B）（様式4B）",
  "有効な審査実績（様式5A）",
  "有効な審査実績の一覧（格上げ用）（様式5C）",
  "有効な審査実績の一覧（維持・更新用）（様式5D）",
};
static const char * const grade_labels_ja[] = { "審査員補", "審査員", "主任審査員",
                                                "エキスパート審査員" };
static const char * const role_labels_ja[] = { "リーダー", "メンバー", "メンバー（OJT）",
                                               "オブザーバ" };
static const char * const cpd_kind_labels_ja[] = {
  "1. JRCA登録CPDコース", "2. IAF加盟認定機関の認定を受けたMS認証機関の研修",
  "3. その他の研修・セミナー・講演会", "4. 自己学習", "5. 審査（監査）実績",
};

G_DEFINE_QUARK (cpv-jrca-forms-error-quark, cpv_jrca_forms_error)

/* Text helpers */

static char *
format_date_ja (CpvDay day)
{
  int year, month, mday;

  if (day == 0)
    return g_strdup ("");
  cpv_day_to_ymd (day, &year, &month, &mday);
  return g_strdup_printf ("%04d年%02d月%02d日", year, month, mday);
}

static char *
format_month_ja (CpvDay day)
{
  int year, month, mday;

  if (day == 0)
    return g_strdup ("現在");
  cpv_day_to_ymd (day, &year, &month, &mday);
  return g_strdup_printf ("%04d年%02d月", year, month);
}

static char *
format_date_csv (CpvDay day)
{
  int year, month, mday;

  if (day == 0)
    return g_strdup ("");
  cpv_day_to_ymd (day, &year, &month, &mday);
  return g_strdup_printf ("%04d/%02d/%02d", year, month, mday);
}

/* "7", "3.5", "1.25": two decimals at most, no trailing zeros. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  length = strlen (buffer);
  while (length > 0 && buffer[length - 1] == '0')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '.')
    buffer[--length] = '\0';
  return g_strdup (buffer);
}

/* Days always with one decimal, as form 5A writes them: "1.5". */
static char *
format_days (double days)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", days);
  return g_strdup (buffer);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
mark (gboolean yes)
{
  return yes ? "○" : "";
}

/* Keys */

const char *
cpv_jrca_form_to_key (CpvJrcaForm form)
{
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, NULL);
  return form_keys[form];
}

gboolean
cpv_jrca_form_from_key (const char  *key,
                        CpvJrcaForm *out_form)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (form_keys); i++)
    if (g_ascii_strcasecmp (key, form_keys[i]) == 0)
      {
        if (out_form != NULL)
          *out_form = (CpvJrcaForm) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cpv_jrca_form_title (CpvJrcaForm form)
{
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, NULL);
  return form_titles[form];
}

/* Which records a form lists */

static int
audit_oldest_first (gconstpointer a,
                    gconstpointer b)
{
  const CpvJrcaAudit *x = *(CpvJrcaAudit * const *) a;
  const CpvJrcaAudit *y = *(CpvJrcaAudit * const *) b;

  if (x->onsite_start != y->onsite_start)
    return x->onsite_start < y->onsite_start ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

GPtrArray *
cpv_jrca_form_audits (const CpvJrcaData *data,
                      CpvJrcaForm        form,
                      CpvDay             on,
                      CpvJrcaProcedure   procedure)
{
  GPtrArray *audits = g_ptr_array_new ();
  CpvDay from = 0;

  g_return_val_if_fail (data != NULL, audits);

  /* Form 5D for a renewal covers the ~3 years since the previous renewal application (seed
   * 004 7. b)); for a maintenance, the time since the previous maintenance application, or
   * the renewal one when that came later (6. b)). */
  if (form == CPV_JRCA_FORM_5D && data->registration != NULL)
    {
      if (procedure == CPV_JRCA_PROCEDURE_NONE)
        procedure = cpv_jrca_next_procedure (data->registration, NULL);
      from = data->registration->previous_renewal_application;
      if (procedure == CPV_JRCA_PROCEDURE_MAINTENANCE)
        from = MAX (from, data->registration->previous_maintenance_application);
    }
  for (guint i = 0; i < data->audits->len; i++)
    {
      CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);

      if (!cpv_jrca_audit_is_valid_record (audit))
        continue;
      if (form == CPV_JRCA_FORM_5D && !cpv_jrca_audit_within (audit, from, on))
        continue;
      g_ptr_array_add (audits, audit);
    }
  g_ptr_array_sort (audits, audit_oldest_first);
  return audits;
}

static gboolean
cpd_needs_4b (const CpvJrcaCpd *cpd)
{
  switch (cpd->kind)
    {
    case CPV_JRCA_CPD_JRCA_COURSE:
      return FALSE;
    case CPV_JRCA_CPD_IAF_BODY_TRAINING:
      return !cpd->has_program || !(cpd->has_certificate || cpd->body_signature);
    case CPV_JRCA_CPD_OTHER_TRAINING:
    case CPV_JRCA_CPD_SELF_STUDY:
      return TRUE;
    case CPV_JRCA_CPD_AUDIT_EXPERIENCE:
      /* A 4B when the audit is not entered as a form 5A (seed 004 section 15, 5.). */
      return cpd->purpose != NULL || cpd->learned != NULL;
    default:
      return TRUE;
    }
}

GPtrArray *
cpv_jrca_form_cpd (const CpvJrcaData *data,
                   CpvJrcaForm        form,
                   CpvDay             on)
{
  GPtrArray *records = g_ptr_array_new ();
  CpvDay from = 0;

  g_return_val_if_fail (data != NULL, records);

  /* JRCA-CPD-1: from the previous maintenance application to this one. */
  if (data->registration != NULL)
    from = cpv_jrca_last_application (data->registration);
  for (guint i = 0; i < data->cpd->len; i++)
    {
      CpvJrcaCpd *cpd = g_ptr_array_index (data->cpd, i);

      if (cpd->date < from || (on != 0 && cpd->date > on))
        continue;
      if (form == CPV_JRCA_FORM_4B && !cpd_needs_4b (cpd))
        continue;
      g_ptr_array_add (records, cpd);
    }
  return records;
}

/* Marks of form 5D: within the last year since the previous application, in ISMS. */
static gboolean
audit_last_year (const CpvJrcaData  *data,
                 const CpvJrcaAudit *audit,
                 CpvDay              on)
{
  CpvDay from = 0;

  if (data->registration != NULL)
    from = cpv_jrca_last_application (data->registration);
  if (from == 0)
    from = cpv_day_add_years (on, -1);
  return cpv_jrca_audit_is_isms (audit) && cpv_jrca_audit_within (audit, from, on);
}

static const char *
registration_grade (const CpvJrcaData *data)
{
  if (data->registration == NULL)
    return "";
  return grade_labels_ja[data->registration->grade];
}

static const char *
registration_number (const CpvJrcaData *data)
{
  if (data->registration == NULL)
    return "";
  return or_empty (data->registration->registration_number);
}

/* Rows: every form as a table of cells, shared by CSV and PDF */

typedef struct
{
  GPtrArray *headings;  /* of char* */
  GPtrArray *rows;      /* of GPtrArray of char* */
} Table;

static Table *
table_new (const char *first,
           ...)
{
  Table *table = g_new0 (Table, 1);
  va_list args;

  table->headings = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  va_start (args, first);
  for (const char *heading = first; heading != NULL; heading = va_arg (args, const char *))
    g_ptr_array_add (table->headings, g_strdup (heading));
  va_end (args);
  return table;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->headings);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Adds a row; takes the cells (char*, freed by the table), as many as the headings. */
static void
table_add (Table *table,
           ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->headings->len; i++)
    g_ptr_array_add (row, va_arg (args, char *));
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static char *
audit_period_ja (const CpvJrcaAudit *audit)
{
  g_autofree char *start = format_date_ja (audit->onsite_start);
  g_autofree char *end = format_date_ja (audit->onsite_end != 0 ? audit->onsite_end
                                                                : audit->onsite_start);

  return g_strdup_printf ("%s～%s", start, end);
}

static double
audit_hours (const CpvJrcaAudit *audit)
{
  double hours = 0;

  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    hours += g_array_index (audit->days, CpvJrcaAuditDay, i).isms_hours;
  return hours;
}

static char *
organisation_with_type (const CpvJrcaAudit *audit)
{
  if (audit->audit_type != NULL && *audit->audit_type != '\0')
    return g_strdup_printf ("%s\n%s", or_empty (audit->organisation), audit->audit_type);
  return g_strdup (or_empty (audit->organisation));
}

static Table *
table_5c (const CpvJrcaData *data,
          CpvDay             on,
          gboolean           csv)
{
  g_autoptr(GPtrArray) audits = cpv_jrca_form_audits (data, CPV_JRCA_FORM_5C, on,
                                                      CPV_JRCA_PROCEDURE_NONE);
  Table *table = table_new ("番号", "年月日", "組織名（審査種別）", "MS", "役割", "OJT",
                            "審査日数", "ISMS格上固有要件", NULL);

  for (guint i = 0; i < audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);

      table_add (table, g_strdup_printf ("%u", i + 1),
                 csv ? format_date_csv (audit->onsite_start) : format_date_ja (audit->onsite_start),
                 organisation_with_type (audit),
                 g_strdup (or_empty (audit->management_system)),
                 g_strdup (audit->role == CPV_JRCA_ROLE_LEADER ? "リーダー" : "メンバー"),
                 g_strdup (mark (audit->role == CPV_JRCA_ROLE_OJT)),
                 format_days (cpv_jrca_audit_days (audit)),
                 g_strdup (cpv_jrca_audit_all_isms_roles (audit) ? "○" : "－"));
    }
  return table;
}

static Table *
table_5d (const CpvJrcaData *data,
          CpvDay             on,
          CpvJrcaProcedure   procedure,
          gboolean           csv)
{
  g_autoptr(GPtrArray) audits = cpv_jrca_form_audits (data, CPV_JRCA_FORM_5D, on, procedure);
  Table *table = table_new ("番号", "年月日", "組織名", "MS", "役割", "審査日数",
                            "エビデンス提出", "至近1年当該MS実績", "連絡先", NULL);

  for (guint i = 0; i < audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);
      gboolean evidence = cpv_jrca_audit_has_evidence (audit);
      gboolean last_year = audit_last_year (data, audit, on);

      table_add (table, g_strdup_printf ("%u", i + 1),
                 csv ? format_date_csv (audit->onsite_start) : format_date_ja (audit->onsite_start),
                 organisation_with_type (audit),
                 g_strdup (or_empty (audit->management_system)),
                 g_strdup (audit->role == CPV_JRCA_ROLE_LEADER ? "リーダー" : "メンバー"),
                 format_days (cpv_jrca_audit_days (audit)),
                 g_strdup (mark (evidence)), g_strdup (mark (last_year)),
                 /* Contact details only where no evidence is attached (seed 004 19 ⑥). */
                 g_strdup (last_year && !evidence ? or_empty (audit->contact) : ""));
    }
  return table;
}

static Table *
table_5a (const CpvJrcaData *data,
          CpvDay             on)
{
  g_autoptr(GPtrArray) audits = cpv_jrca_form_audits (data, CPV_JRCA_FORM_5A, on,
                                                      CPV_JRCA_PROCEDURE_NONE);
  Table *table = table_new ("番号", "審査組織名称", "組織の識別番号", "MS認証機関／審査実施機関",
                            "MS", "審査種別", "現地審査開始日", "現地審査終了日", "日別の審査時間",
                            "現地審査時間", "現地審査日数", "複合・統合審査", "役割",
                            "チームリーダーの氏名", "JRCA主任審査員・エキスパート審査員",
                            "受審組織による証明", "MS認証機関の証明", "審査スケジュール",
                            "審査報告書", "様式3A", "マスキング", NULL);

  for (guint i = 0; i < audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);
      g_autoptr(GString) days = g_string_new (NULL);
      g_autofree char *hours = format_number (audit_hours (audit));
      char *team_lead;

      for (guint d = 0; audit->days != NULL && d < audit->days->len; d++)
        {
          const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, d);
          g_autofree char *date = format_date_csv (day->date);
          g_autofree char *day_hours = format_number (day->isms_hours);
          g_autofree char *credit = format_days (cpv_jrca_day_credit (day->isms_hours));

          g_string_append_printf (days, "%s%s %sh=%s", d > 0 ? "; " : "", date, day_hours,
                                  credit);
        }
      if (audit->team_lead == CPV_JRCA_TEAM_LEAD_SELF)
        team_lead = g_strdup ("本人");
      else if (audit->team_lead == CPV_JRCA_TEAM_LEAD_OTHER)
        team_lead = g_strdup_printf ("本人以外 %s %s", or_empty (audit->team_lead_number),
                                     or_empty (audit->team_lead_name));
      else
        team_lead = g_strdup ("");

      table_add (table, g_strdup_printf ("%u", i + 1), g_strdup (or_empty (audit->organisation)),
                 g_strdup (or_empty (audit->organisation_id)),
                 g_strdup (or_empty (audit->certification_body)),
                 g_strdup (or_empty (audit->management_system)),
                 g_strdup (or_empty (audit->audit_type)),
                 format_date_csv (audit->onsite_start),
                 format_date_csv (audit->onsite_end != 0 ? audit->onsite_end : audit->onsite_start),
                 g_string_free (g_steal_pointer (&days), FALSE), g_strdup (hours),
                 format_days (cpv_jrca_audit_days (audit)), g_strdup (mark (audit->combined)),
                 g_strdup (role_labels_ja[audit->role]),
                 g_strdup (audit->role == CPV_JRCA_ROLE_LEADER ? ""
                                                               : or_empty (audit->team_leader_name)),
                 team_lead, g_strdup (mark (audit->attested_by_org)),
                 g_strdup (mark (audit->attested_by_body)), g_strdup (mark (audit->has_schedule)),
                 g_strdup (mark (audit->has_report)), g_strdup (mark (audit->has_form_3a)),
                 g_strdup (mark (audit->masked)));
    }
  return table;
}

static char *
cpd_evidence_ja (const CpvJrcaCpd *cpd)
{
  switch (cpd->kind)
    {
    case CPV_JRCA_CPD_JRCA_COURSE:
      return g_strdup (cpd->has_certificate ? "修了証（JRCA登録）" : "修了証（未添付）");
    case CPV_JRCA_CPD_IAF_BODY_TRAINING:
      if (cpd->has_program && (cpd->has_certificate || cpd->body_signature))
        return g_strdup (cpd->has_certificate ? "プログラム、修了証" : "プログラム、機関の証明");
      return g_strdup ("様式4B");
    case CPV_JRCA_CPD_OTHER_TRAINING:
    case CPV_JRCA_CPD_SELF_STUDY:
      return g_strdup ("様式4B");
    case CPV_JRCA_CPD_AUDIT_EXPERIENCE:
      return g_strdup (cpd->has_schedule ? "様式5A又は4B、審査スケジュール"
                                         : "様式5A又は4B（スケジュール未添付）");
    default:
      return g_strdup ("");
    }
}

static Table *
table_4a (const CpvJrcaData *data,
          CpvDay             on,
          gboolean           csv)
{
  g_autoptr(GPtrArray) records = cpv_jrca_form_cpd (data, CPV_JRCA_FORM_4A, on);
  Table *table = table_new ("番号", "年月日", "時間", "CPDの種類", "テーマ・名称", "主催者",
                            "添付資料", NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const CpvJrcaCpd *cpd = g_ptr_array_index (records, i);

      table_add (table, g_strdup_printf ("%u", i + 1),
                 csv ? format_date_csv (cpd->date) : format_date_ja (cpd->date),
                 format_number (cpd->hours), g_strdup (cpd_kind_labels_ja[cpd->kind]),
                 g_strdup (or_empty (cpd->title)), g_strdup (or_empty (cpd->provider)),
                 cpd_evidence_ja (cpd));
    }
  return table;
}

static Table *
table_4b (const CpvJrcaData *data,
          CpvDay             on,
          gboolean           csv)
{
  g_autoptr(GPtrArray) records = cpv_jrca_form_cpd (data, CPV_JRCA_FORM_4B, on);
  Table *table = table_new ("番号", "年月日", "時間", "CPDの種類", "テーマ", "目的", "習得内容",
                            NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const CpvJrcaCpd *cpd = g_ptr_array_index (records, i);

      table_add (table, g_strdup_printf ("%u", i + 1),
                 csv ? format_date_csv (cpd->date) : format_date_ja (cpd->date),
                 format_number (cpd->hours), g_strdup (cpd_kind_labels_ja[cpd->kind]),
                 g_strdup (or_empty (cpd->title)), g_strdup (or_empty (cpd->purpose)),
                 g_strdup (or_empty (cpd->learned)));
    }
  return table;
}

static char *
years_text (guint days)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", (double) days / CPV_JRCA_DAYS_PER_YEAR);
  return g_strdup_printf ("%u日（%s年）", days, buffer);
}

static Table *
table_2b (const CpvJrcaData *data,
          CpvDay             on,
          gboolean           csv)
{
  g_autoptr(GPtrArray) work = g_ptr_array_new ();
  Table *table = table_new ("開始年月", "終了年月", "日数", "勤務先", "所属", "業務概要",
                            "情報技術分野", "情報セキュリティマネジメント分野", NULL);

  for (guint i = 0; i < data->work->len; i++)
    g_ptr_array_add (work, g_ptr_array_index (data->work, i));
  cpv_jrca_work_sort_newest_first (work);
  for (guint i = 0; i < work->len; i++)
    {
      const CpvJrcaWork *period = g_ptr_array_index (work, i);
      CpvDay end = period->end != 0 ? period->end : on;
      guint days = end >= period->start ? end - period->start + 1 : 0;

      table_add (table,
                 csv ? format_date_csv (period->start) : format_month_ja (period->start),
                 csv ? format_date_csv (period->end) : format_month_ja (period->end),
                 g_strdup_printf ("%u", days), g_strdup (or_empty (period->organisation)),
                 g_strdup (or_empty (period->department)), g_strdup (or_empty (period->duties)),
                 g_strdup (mark (period->kinds & CPV_JRCA_WORK_IT)),
                 g_strdup (mark (period->kinds & CPV_JRCA_WORK_SECURITY)));
    }
  return table;
}

static Table *
table_2c (const CpvJrcaData         *data,
          const CpvJrcaFormsOptions *options,
          gboolean                   csv)
{
  Table *table = table_new ("分野番号", "経済活動分野", "NACE rev.2", "開始日", "終了日",
                            "常勤", "勤務先", "業務内容", "分野の通算日数", "登録可（2年以上）",
                            NULL);

  for (guint i = 0; i < data->sectors->len; i++)
    {
      const CpvJrcaSectorWork *period = g_ptr_array_index (data->sectors, i);
      const CpvJrcaSector *sector = NULL;
      guint days = cpv_jrca_sector_days (data->sectors, period->sector, options->on);
      gboolean qualifies = cpv_jrca_sector_qualifies (data->sectors, period->sector,
                                                      options->on);

      if (options->sector_names != NULL)
        sector = cpv_jrca_sectors_lookup (options->sector_names, period->sector);
      table_add (table, g_strdup_printf ("%u", period->sector),
                 g_strdup (sector != NULL ? sector->name_ja : ""),
                 g_strdup (sector != NULL ? sector->nace : ""),
                 csv ? format_date_csv (period->start) : format_date_ja (period->start),
                 period->end == 0 ? g_strdup ("現在")
                                  : (csv ? format_date_csv (period->end)
                                         : format_date_ja (period->end)),
                 g_strdup (period->full_time ? "○" : "－"),
                 g_strdup (or_empty (period->organisation)), g_strdup (or_empty (period->duties)),
                 csv ? g_strdup_printf ("%u", days) : years_text (days),
                 g_strdup (mark (qualifies)));
    }
  return table;
}

static Table *
form_table (const CpvJrcaData         *data,
            CpvJrcaForm                form,
            const CpvJrcaFormsOptions *options,
            gboolean                   csv)
{
  switch (form)
    {
    case CPV_JRCA_FORM_2B:
      return table_2b (data, options->on, csv);
    case CPV_JRCA_FORM_2C:
      return table_2c (data, options, csv);
    case CPV_JRCA_FORM_4A:
      return table_4a (data, options->on, csv);
    case CPV_JRCA_FORM_4B:
      return table_4b (data, options->on, csv);
    case CPV_JRCA_FORM_5A:
      return table_5a (data, options->on);
    case CPV_JRCA_FORM_5C:
      return table_5c (data, options->on, csv);
    case CPV_JRCA_FORM_5D:
      return table_5d (data, options->on, options->procedure, csv);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* CSV */

static void
csv_append_cell (GString    *out,
                 const char *cell)
{
  if (strpbrk (cell, ",\"\r\n") == NULL)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_append_row (GString   *out,
                GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_append_cell (out, g_ptr_array_index (cells, i));
    }
  g_string_append (out, "\r\n");
}

char *
cpv_jrca_form_csv (const CpvJrcaData         *data,
                   CpvJrcaForm                form,
                   const CpvJrcaFormsOptions *options)
{
  g_autoptr(Table) table = NULL;
  GString *out;

  g_return_val_if_fail (data != NULL && options != NULL, NULL);
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, NULL);

  table = form_table (data, form, options, TRUE);
  out = g_string_new ("\xEF\xBB\xBF");
  csv_append_row (out, table->headings);
  for (guint i = 0; i < table->rows->len; i++)
    csv_append_row (out, g_ptr_array_index (table->rows, i));
  return g_string_free (out, FALSE);
}

/* PDF */

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  const char      *title;
  double           y;
  guint            page;
} Pdf;

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

/* Draws text at (@x, @y) wrapped to @width; returns its height. */
static double
draw_text (Pdf        *pdf,
           double      x,
           double      y,
           double      width,
           const char *text,
           double      size,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, size, bold, width);

  cairo_move_to (pdf->cr, x, y);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  pango_cairo_show_layout (pdf->cr, layout);
  return layout_height (layout);
}

static double
text_height (Pdf        *pdf,
             double      width,
             const char *text,
             double      size,
             gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, size, bold, width);

  return layout_height (layout);
}

static void
page_start (Pdf *pdf)
{
  g_autofree char *footer = NULL;
  double width = PAGE_WIDTH - 2 * MARGIN;

  pdf->page++;
  pdf->y = MARGIN;
  pdf->y += draw_text (pdf, MARGIN, pdf->y, width, pdf->title, 13, TRUE) + 4;
  /* The notice on every page: this is not the form itself. */
  cairo_set_source_rgb (pdf->cr, 0.93, 0.93, 0.93);
  cairo_rectangle (pdf->cr, MARGIN, pdf->y, width,
                   text_height (pdf, width - 8, AID_NOTICE_JA "\n" AID_NOTICE_EN, 8, FALSE) + 6);
  cairo_fill (pdf->cr);
  pdf->y += draw_text (pdf, MARGIN + 4, pdf->y + 3, width - 8,
                       AID_NOTICE_JA "\n" AID_NOTICE_EN, 8, FALSE) + 14;

  footer = g_strdup_printf ("CPE Vault — %u", pdf->page);
  draw_text (pdf, MARGIN, PAGE_HEIGHT - MARGIN + 10, width, footer, 7, FALSE);
}

static void
page_break (Pdf *pdf)
{
  cairo_show_page (pdf->cr);
  page_start (pdf);
}

static void
ensure_room (Pdf    *pdf,
             double  height)
{
  if (pdf->y + height > PAGE_HEIGHT - MARGIN)
    page_break (pdf);
}

/* A labelled line: "label  value" in two columns, wrapping the value. */
static void
draw_field (Pdf        *pdf,
            const char *label,
            const char *value)
{
  double label_width = 150;
  double value_width = PAGE_WIDTH - 2 * MARGIN - label_width;
  double height = MAX (text_height (pdf, label_width - 6, label, 9, TRUE),
                       text_height (pdf, value_width - 6, value, 9, FALSE)) + 2 * CELL_PAD;

  ensure_room (pdf, height);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_set_source_rgb (pdf->cr, 0.96, 0.96, 0.96);
  cairo_rectangle (pdf->cr, MARGIN, pdf->y, label_width, height);
  cairo_fill (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  cairo_rectangle (pdf->cr, MARGIN, pdf->y, label_width, height);
  cairo_rectangle (pdf->cr, MARGIN + label_width, pdf->y, value_width, height);
  cairo_stroke (pdf->cr);
  draw_text (pdf, MARGIN + 3, pdf->y + CELL_PAD, label_width - 6, label, 9, TRUE);
  draw_text (pdf, MARGIN + label_width + 3, pdf->y + CELL_PAD, value_width - 6, value, 9, FALSE);
  pdf->y += height;
}

static void
draw_heading (Pdf        *pdf,
              const char *text)
{
  double width = PAGE_WIDTH - 2 * MARGIN;

  ensure_room (pdf, 40);
  pdf->y += 6;
  pdf->y += draw_text (pdf, MARGIN, pdf->y, width, text, 10.5, TRUE) + 4;
}

static void
draw_paragraph (Pdf        *pdf,
                const char *text,
                double      size)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double height = text_height (pdf, width, text, size, FALSE);

  ensure_room (pdf, MIN (height, 200));
  pdf->y += draw_text (pdf, MARGIN, pdf->y, width, text, size, FALSE) + 4;
}

static double
row_height (Pdf          *pdf,
            GPtrArray    *cells,
            const double *widths,
            double        size,
            gboolean      bold)
{
  double height = 0;

  for (guint i = 0; i < cells->len; i++)
    height = MAX (height, text_height (pdf, widths[i] - 2 * CELL_PAD,
                                       g_ptr_array_index (cells, i), size, bold));
  return height + 2 * CELL_PAD;
}

static void
draw_row (Pdf          *pdf,
          GPtrArray    *cells,
          const double *widths,
          double        size,
          gboolean      heading)
{
  double height = row_height (pdf, cells, widths, size, heading);
  double x = MARGIN;

  cairo_set_line_width (pdf->cr, 0.5);
  for (guint i = 0; i < cells->len; i++)
    {
      if (heading)
        {
          cairo_set_source_rgb (pdf->cr, 0.88, 0.90, 0.95);
          cairo_rectangle (pdf->cr, x, pdf->y, widths[i], height);
          cairo_fill (pdf->cr);
        }
      cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
      cairo_rectangle (pdf->cr, x, pdf->y, widths[i], height);
      cairo_stroke (pdf->cr);
      draw_text (pdf, x + CELL_PAD, pdf->y + CELL_PAD, widths[i] - 2 * CELL_PAD,
                 g_ptr_array_index (cells, i), size, heading);
      x += widths[i];
    }
  pdf->y += height;
}

/* A table with relative column @weights; the heading repeats on each new page. */
static void
draw_table (Pdf          *pdf,
            Table        *table,
            const double *weights,
            double        size)
{
  g_autofree double *widths = g_new0 (double, table->headings->len);
  double total = 0;

  for (guint i = 0; i < table->headings->len; i++)
    total += weights[i];
  for (guint i = 0; i < table->headings->len; i++)
    widths[i] = (PAGE_WIDTH - 2 * MARGIN) * weights[i] / total;

  ensure_room (pdf, 3 * row_height (pdf, table->headings, widths, size, TRUE));
  draw_row (pdf, table->headings, widths, size, TRUE);
  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);

      if (pdf->y + row_height (pdf, row, widths, size, FALSE) > PAGE_HEIGHT - MARGIN)
        {
          page_break (pdf);
          draw_row (pdf, table->headings, widths, size, TRUE);
        }
      draw_row (pdf, row, widths, size, FALSE);
    }
  pdf->y += 8;
}

static void
draw_person (Pdf                       *pdf,
             const CpvJrcaData         *data,
             const CpvJrcaFormsOptions *options)
{
  g_autofree char *on = format_date_ja (options->on);

  /* The name given for these forms, else the one stored with the registration. */
  draw_field (pdf, "氏名", options->applicant_name != NULL
                           ? options->applicant_name
                           : (data->registration != NULL
                              ? or_empty (data->registration->applicant_name) : ""));
  draw_field (pdf, "対象MS", "ISMS（情報セキュリティマネジメントシステム）");
  draw_field (pdf, "現審査員資格", registration_grade (data));
  draw_field (pdf, "登録番号", registration_number (data));
  draw_field (pdf, "作成日", on);
  pdf->y += 8;
}

/* Form 5A: one record per page, with the day arithmetic shown as it is computed. */
static void
draw_5a (Pdf                *pdf,
         const CpvJrcaAudit *audit)
{
  g_autoptr(GString) days = g_string_new (NULL);
  g_autofree char *period = audit_period_ja (audit);
  g_autofree char *total_days = format_days (cpv_jrca_audit_days (audit));
  g_autofree char *total_hours = format_number (audit_hours (audit));
  g_autofree char *summary = NULL;
  g_autofree char *team_lead = NULL;
  g_autofree char *evidence = NULL;

  draw_field (pdf, "① 審査組織名称", or_empty (audit->organisation));
  draw_field (pdf, "② 組織の識別番号", or_empty (audit->organisation_id));
  draw_field (pdf, "③ MS認証機関／審査実施機関", or_empty (audit->certification_body));
  draw_field (pdf, "対象MS／審査種別",
              audit->audit_type != NULL ? audit->audit_type : or_empty (audit->management_system));
  draw_field (pdf, "④ 現地審査期間", period);
  summary = g_strdup_printf ("%s日（ISMS審査時間 %s時間）%s", total_days, total_hours,
                             audit->combined ? "　複合・統合審査（会議は全時間、その他はISMS部分のみ計上）"
                                             : "");
  draw_field (pdf, "④ 現地審査日数・時間", summary);

  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    {
      const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, i);
      g_autofree char *date = format_date_ja (day->date);
      g_autofree char *hours = format_number (day->isms_hours);
      g_autofree char *credit = format_days (cpv_jrca_day_credit (day->isms_hours));

      if (cpv_jrca_day_tenths (day->isms_hours) >= 10)
        g_string_append_printf (days, "%u日目 %s：%s時間 → 6時間以上のため %s日\n", i + 1, date,
                                hours, credit);
      else
        {
          /* hours / 6 shown to two decimals, truncated, then to one (JRCA-DAYS-1). */
          double quotient = floor (day->isms_hours / 6.0 * 100.0 + 1e-9) / 100.0;
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buffer, sizeof buffer, "%.2f", quotient);
          g_string_append_printf (days, "%u日目 %s：%s時間 ÷ 6 = %s → %s日\n", i + 1, date,
                                  hours, buffer, credit);
        }
    }
  g_string_append_printf (days, "合計 %s日（6時間を超えた時間は他の日に振り替えない）", total_days);
  draw_field (pdf, "日数の計算", days->str);

  draw_field (pdf, "役割", role_labels_ja[audit->role]);
  draw_field (pdf, "⑤ チームリーダーの氏名",
              audit->role == CPV_JRCA_ROLE_LEADER ? "（本人がリーダー）"
                                                  : or_empty (audit->team_leader_name));
  if (audit->team_lead == CPV_JRCA_TEAM_LEAD_SELF)
    team_lead = g_strdup ("本人");
  else if (audit->team_lead == CPV_JRCA_TEAM_LEAD_OTHER)
    team_lead = g_strdup_printf ("本人以外：登録番号 %s　氏名 %s",
                                 or_empty (audit->team_lead_number),
                                 or_empty (audit->team_lead_name));
  else
    team_lead = g_strdup ("なし");
  draw_field (pdf, "⑥ JRCA主任審査員・エキスパート審査員", team_lead);
  draw_field (pdf, "⑦ 受審組織による証明", audit->attested_by_org ? "証明済み（署名又は記名・押印）"
                                                                  : "未取得");
  draw_field (pdf, "⑧ MS認証機関の証明", audit->attested_by_body ? "証明済み" : "なし（任意）");
  evidence = g_strdup_printf ("審査スケジュールの写し：%s\n審査報告書の写し：%s\n"
                              "能力確認書（様式3A）：%s\nマスキング：%s",
                              audit->has_schedule ? "あり" : "なし",
                              audit->has_report ? "あり"
                                                : (audit->body_iaf_accredited
                                                   ? "不要（IAF加盟認定機関の認定審査）" : "なし"),
                              audit->has_form_3a ? "あり" : "なし",
                              audit->masked ? "済み" : "なし");
  draw_field (pdf, "添付資料", evidence);
}

static void
draw_4b (Pdf              *pdf,
         const CpvJrcaCpd *cpd,
         guint             number)
{
  g_autofree char *heading = g_strdup_printf ("%u. %s", number, or_empty (cpd->title));
  g_autofree char *date = format_date_ja (cpd->date);
  g_autofree char *hours = format_number (cpd->hours);
  g_autofree char *when = g_strdup_printf ("%s　%s時間", date, hours);

  draw_heading (pdf, heading);
  draw_field (pdf, "年月日・時間", when);
  draw_field (pdf, "CPDの種類", cpd_kind_labels_ja[cpd->kind]);
  draw_field (pdf, "主催者・教材", or_empty (cpd->provider));
  draw_field (pdf, "目的", or_empty (cpd->purpose));
  draw_field (pdf, "習得内容", or_empty (cpd->learned));
  pdf->y += 6;
}

/* Whether @form lists anything: form 5A the record @audit_id (any record when 0). */
static gboolean
form_has_content (const CpvJrcaData *data,
                  CpvJrcaForm        form,
                  gint64             audit_id,
                  CpvDay             on,
                  CpvJrcaProcedure   procedure)
{
  g_autoptr(GPtrArray) list = NULL;

  switch (form)
    {
    case CPV_JRCA_FORM_2B:
      return data->work->len > 0;
    case CPV_JRCA_FORM_2C:
      return data->sectors->len > 0;
    case CPV_JRCA_FORM_4A:
    case CPV_JRCA_FORM_4B:
      list = cpv_jrca_form_cpd (data, form, on);
      return list->len > 0;
    default:
      list = cpv_jrca_form_audits (data, form, on, procedure);
      for (guint i = 0; i < list->len; i++)
        if (form != CPV_JRCA_FORM_5A || audit_id == 0 ||
            ((CpvJrcaAudit *) g_ptr_array_index (list, i))->id == audit_id)
          return TRUE;
      return FALSE;
    }
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *bytes,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL ||
      !g_output_stream_write_all (sink->stream, bytes, length, NULL, sink->cancellable,
                                  &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* The one renderer: every form goes through here, into any stream. A form with nothing to
 * list is refused before anything is written. */
static gboolean
render_pdf (const CpvJrcaData         *data,
            CpvJrcaForm                form,
            gint64                     audit_id,
            const CpvJrcaFormsOptions *options,
            GOutputStream             *stream,
            GCancellable              *cancellable,
            GError                   **error)
{
  static const double weights_2b[] = { 1.2, 1.2, 0.8, 2, 1.6, 3, 0.9, 1.3 };
  static const double weights_2c[] = { 0.7, 2, 1.4, 1.9, 1.9, 0.6, 1.6, 1.6, 1.5, 0.9 };
  static const double weights_4a[] = { 0.6, 2.1, 0.7, 2.2, 3, 1.8, 1.8 };
  static const double weights_5c[] = { 0.6, 2.1, 3.4, 0.8, 1.1, 0.7, 1.0, 1.2 };
  static const double weights_5d[] = { 0.6, 2.1, 2.8, 0.8, 1.1, 1.0, 1.0, 1.1, 2.2 };
  g_autoptr(Table) table = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) records = NULL;
  cairo_status_t status;
  Pdf pdf = { NULL, NULL, form_titles[form], 0, 0 };
  Sink sink = { stream, cancellable, NULL };
  guint drawn = 0;

  if (!form_has_content (data, form, audit_id, options->on, options->procedure))
    {
      g_set_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_EMPTY,
                   _("Form %s would list nothing: enter the records it lists first."),
                   form_keys[form]);
      return FALSE;
    }

  pdf.surface = cairo_pdf_surface_create_for_stream (sink_write_cb, &sink, PAGE_WIDTH,
                                                     PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, form_titles[form]);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "CPE Vault");
  pdf.cr = cairo_create (pdf.surface);
  page_start (&pdf);

  switch (form)
    {
    case CPV_JRCA_FORM_5A:
      audits = cpv_jrca_form_audits (data, form, options->on, options->procedure);
      for (guint i = 0; i < audits->len; i++)
        {
          const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);

          if (audit_id != 0 && audit->id != audit_id)
            continue;
          if (drawn++ > 0)
            page_break (&pdf);
          draw_5a (&pdf, audit);
        }
      break;
    case CPV_JRCA_FORM_4B:
      records = cpv_jrca_form_cpd (data, form, options->on);
      for (guint i = 0; i < records->len; i++)
        draw_4b (&pdf, g_ptr_array_index (records, i), i + 1);
      break;
    case CPV_JRCA_FORM_5C:
    case CPV_JRCA_FORM_5D:
      draw_person (&pdf, data, options);
      table = form_table (data, form, options, FALSE);
      draw_table (&pdf, table, form == CPV_JRCA_FORM_5C ? weights_5c : weights_5d, 8.5);
      draw_paragraph (&pdf, form == CPV_JRCA_FORM_5C
                      ? "番号1から年月日順（古い方を先）。OJT：本人がOJTの場合○。"
                        "ISMS格上固有要件：規定の役割を全て担った場合○、一つでも担わなかった場合－。"
                      : "番号1から年月日順（古い方を先）。エビデンスを添付する場合○。"
                        "至近1年当該MS実績：前回申請受付日以降の当該MS実績に○、"
                        "エビデンスを提出しない案件は連絡先（住所、電話番号等）を記入。", 8);
      break;
    case CPV_JRCA_FORM_4A:
      {
        g_autofree char *total = NULL;
        g_autofree char *hours = NULL;
        double sum = 0;

        draw_person (&pdf, data, options);
        records = cpv_jrca_form_cpd (data, form, options->on);
        for (guint i = 0; i < records->len; i++)
          sum += ((CpvJrcaCpd *) g_ptr_array_index (records, i))->hours;
        table = form_table (data, form, options, FALSE);
        draw_table (&pdf, table, weights_4a, 8.5);
        hours = format_number (sum);
        total = g_strdup_printf ("合計 %s時間（%u件）", hours, records->len);
        draw_paragraph (&pdf, total, 9.5);
        }
      break;
    case CPV_JRCA_FORM_2B:
      {
        CpvJrcaCheck check;
        g_autofree char *it = NULL;
        g_autofree char *security = NULL;
        g_autofree char *summary = NULL;

        table = form_table (data, form, options, FALSE);
        draw_table (&pdf, table, weights_2b, 8.5);
        cpv_jrca_check_history (data->work, options->on, &check);
        it = years_text ((guint) check.lines[0].earned);
        security = years_text ((guint) check.lines[1].earned);
        summary = g_strdup_printf ("申請日を遡る10年以内の実務経験（重複期間は1回だけ計上）："
                                   "情報技術分野 %s（4年以上%s）、"
                                   "情報セキュリティマネジメント分野 %s（2年以上%s）",
                                   it, check.lines[0].met ? "：充足" : "：不足",
                                   security, check.lines[1].met ? "：充足" : "：不足");
        draw_paragraph (&pdf, summary, 9);
        }
      break;
    case CPV_JRCA_FORM_2C:
      table = form_table (data, form, options, FALSE);
      draw_table (&pdf, table, weights_2c, 8);
      draw_paragraph (&pdf, "通算2年以上の常勤（フルタイム）の実務経験分野を登録できます。"
                            "複数の事業分野の勤務期間が重複する期間はフルタイム勤務期間となりません"
                            "（付属書3、IAF ID1／NACE rev.2）。", 8);
      break;
    default:
      g_assert_not_reached ();
    }

  cairo_show_page (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);

  if (sink.error != NULL)
    {
      g_set_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_WRITE,
                   _("The PDF of form %s cannot be written: %s"), form_keys[form],
                   sink.error->message);
      g_error_free (sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_WRITE,
                   _("The PDF of form %s cannot be made: %s"), form_keys[form],
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * cpv_jrca_form_write_pdf_to_stream:
 * @audit_id: for form 5A, the one record to print; 0 prints every record, one per page
 * @stream: where the PDF goes; it is not closed
 *
 * Renders an A4 PDF of @form into @stream as it is drawn. Nothing is written when the form
 * would list nothing (CPV_JRCA_FORMS_ERROR_EMPTY).
 *
 * Returns: FALSE with @error set (CPV_JRCA_FORMS_ERROR)
 */
gboolean
cpv_jrca_form_write_pdf_to_stream (const CpvJrcaData         *data,
                                   CpvJrcaForm                form,
                                   gint64                     audit_id,
                                   const CpvJrcaFormsOptions *options,
                                   GOutputStream             *stream,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_return_val_if_fail (data != NULL && options != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, FALSE);

  return render_pdf (data, form, audit_id, options, stream, cancellable, error);
}

/**
 * cpv_jrca_form_pdf_bytes:
 * @audit_id: for form 5A, the one record to print; 0 prints every record, one per page
 *
 * cpv_jrca_form_write_pdf_to_stream() into memory (a form is a few hundred kilobytes at most).
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set (CPV_JRCA_FORMS_ERROR)
 */
GBytes *
cpv_jrca_form_pdf_bytes (const CpvJrcaData         *data,
                         CpvJrcaForm                form,
                         gint64                     audit_id,
                         const CpvJrcaFormsOptions *options,
                         GError                   **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  g_return_val_if_fail (data != NULL && options != NULL, NULL);
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, NULL);

  if (!render_pdf (data, form, audit_id, options, memory, NULL, error))
    return NULL;
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Private to the person: the forms hold their records unencrypted. Replaced whole or not at
 * all. */
static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, CPV_JRCA_FORMS_ERROR, CPV_JRCA_FORMS_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_jrca_form_write_pdf (const CpvJrcaData         *data,
                         CpvJrcaForm                form,
                         gint64                     audit_id,
                         const CpvJrcaFormsOptions *options,
                         const char                *path,
                         GError                   **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize length;
  const char *contents;

  g_return_val_if_fail (data != NULL && options != NULL && path != NULL, FALSE);
  g_return_val_if_fail (form < CPV_JRCA_N_FORMS, FALSE);

  pdf = cpv_jrca_form_pdf_bytes (data, form, audit_id, options, error);
  if (pdf == NULL)
    return FALSE;
  contents = g_bytes_get_data (pdf, &length);
  return write_file (path, contents, length, error);
}

static gboolean
write_csv (const CpvJrcaData         *data,
           CpvJrcaForm                form,
           const CpvJrcaFormsOptions *options,
           const char                *path,
           GError                   **error)
{
  g_autofree char *text = cpv_jrca_form_csv (data, form, options);

  return write_file (path, text, strlen (text), error);
}

gboolean
cpv_jrca_forms_write_all (const CpvJrcaData         *data,
                          const CpvJrcaFormsOptions *options,
                          const char                *dir,
                          GPtrArray                **out_files,
                          GError                   **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (data != NULL && options != NULL && dir != NULL, FALSE);

  for (guint f = 0; f < CPV_JRCA_N_FORMS; f++)
    {
      g_autofree char *csv_name = NULL;
      g_autofree char *csv_path = NULL;

      if (!form_has_content (data, f, 0, options->on, options->procedure))
        continue;
      if (f == CPV_JRCA_FORM_5A)
        {
          g_autoptr(GPtrArray) audits = cpv_jrca_form_audits (data, f, options->on,
                                                              options->procedure);

          for (guint i = 0; i < audits->len; i++)
            {
              const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);
              g_autofree char *name = g_strdup_printf ("jrca-5a-%u.pdf", i + 1);
              g_autofree char *path = g_build_filename (dir, name, NULL);

              if (!cpv_jrca_form_write_pdf (data, f, audit->id, options, path, error))
                return FALSE;
              g_ptr_array_add (files, g_steal_pointer (&name));
            }
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("jrca-%s.pdf", form_keys[f]);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (!cpv_jrca_form_write_pdf (data, f, 0, options, path, error))
            return FALSE;
          g_ptr_array_add (files, g_steal_pointer (&name));
        }
      csv_name = g_strdup_printf ("jrca-%s.csv", form_keys[f]);
      csv_path = g_build_filename (dir, csv_name, NULL);
      if (!write_csv (data, f, options, csv_path, error))
        return FALSE;
      g_ptr_array_add (files, g_steal_pointer (&csv_name));
    }

  if (out_files != NULL)
    *out_files = g_steal_pointer (&files);
  return TRUE;
}
