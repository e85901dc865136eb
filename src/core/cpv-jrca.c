/* cpv-jrca.c — JRCA ISMS auditor rules (JRCA AI340 rev.2, RULES.md section 2)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca"

#include "config.h"

#include "cpv-jrca.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Numbers of the upgrade table (seed 004 section 18, RULES.md 2.4). */
#define AUDITOR_UPGRADE_DAYS            10.0
#define AUDITOR_UPGRADE_YEARS           5
#define AUDITOR_UPGRADE_RELAXED_DAYS    5.0
#define AUDITOR_UPGRADE_RELAXED_YEARS   3
#define LEAD_UPGRADE_MEMBER_AUDITS      3
#define LEAD_UPGRADE_RELAXED_MEMBER     2
#define LEAD_UPGRADE_LEADER_AUDITS      3
#define LEAD_UPGRADE_RELAXED_LEADER     2
#define LEAD_UPGRADE_LEADER_DAYS        5.0
#define LEAD_UPGRADE_RELAXED_DAYS       3.0
#define LEAD_UPGRADE_YEARS              2
#define REUPGRADE_YEARS                 3
/* Maintenance and renewal (seed 004 section 19, RULES.md 2.5). */
#define MAINTENANCE_AUDITS              1
#define RENEWAL_AUDITS                  3
#define RENEWAL_ISMS_LEADER_AUDITS      1
#define LAST_YEAR_AUDITS                1
/* Dates (seed 004 sections 1.5, 6, 7). */
#define WINDOW_MONTHS                   3
#define RESTORATION_MONTHS              6
#define RESTORATION_REASON_MONTHS       3

static const char * const grade_keys[] = { "assistant", "auditor", "lead", "expert" };
static const char * const grade_labels[] = { "審査員補", "審査員", "主任審査員", "エキスパート審査員" };
static const char * const role_keys[] = { "leader", "member", "ojt", "observer" };
static const char * const team_lead_keys[] = { "none", "self", "other" };
static const char * const cpd_kind_keys[] = {
  "jrca-course", "iaf-body-training", "other-training", "self-study", "audit-experience",
};

static gboolean
key_lookup (const char * const *keys,
            guint               n_keys,
            const char         *key,
            int                *out_value)
{
  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < n_keys; i++)
    if (strcmp (keys[i], key) == 0)
      {
        if (out_value != NULL)
          *out_value = (int) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static CpvDay
day_max (CpvDay a,
         CpvDay b)
{
  return a > b ? a : b;
}

static void
check_reset (CpvJrcaCheck *check)
{
  memset (check, 0, sizeof *check);
  check->met = TRUE;
}

static void
check_add (CpvJrcaCheck *check,
           const char   *kind,
           double        required,
           double        earned)
{
  CpvJrcaLine *line;

  g_return_if_fail (check->n_lines < CPV_JRCA_MAX_LINES);

  line = &check->lines[check->n_lines++];
  line->kind = kind;
  line->required = required;
  line->earned = earned;
  /* Day sums are multiples of 0.1; compare with a margin so that 9.999… meets 10. */
  line->met = earned + 1e-9 >= required;
  if (!line->met)
    check->met = FALSE;
}

static gboolean
ms_in (const char         *ms,
       const char * const *list)
{
  if (ms == NULL || list == NULL)
    return FALSE;
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (ms, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Keys and labels */

const char *
cpv_jrca_grade_to_key (CpvJrcaGrade grade)
{
  g_return_val_if_fail (grade <= CPV_JRCA_GRADE_EXPERT, NULL);
  return grade_keys[grade];
}

gboolean
cpv_jrca_grade_from_key (const char   *key,
                         CpvJrcaGrade *out_grade)
{
  int value;

  if (!key_lookup (grade_keys, G_N_ELEMENTS (grade_keys), key, &value))
    return FALSE;
  if (out_grade != NULL)
    *out_grade = (CpvJrcaGrade) value;
  return TRUE;
}

const char *
cpv_jrca_grade_label (CpvJrcaGrade grade)
{
  g_return_val_if_fail (grade <= CPV_JRCA_GRADE_EXPERT, NULL);
  return grade_labels[grade];
}

const char *
cpv_jrca_role_to_key (CpvJrcaRole role)
{
  g_return_val_if_fail (role <= CPV_JRCA_ROLE_OBSERVER, NULL);
  return role_keys[role];
}

gboolean
cpv_jrca_role_from_key (const char  *key,
                        CpvJrcaRole *out_role)
{
  int value;

  if (!key_lookup (role_keys, G_N_ELEMENTS (role_keys), key, &value))
    return FALSE;
  if (out_role != NULL)
    *out_role = (CpvJrcaRole) value;
  return TRUE;
}

const char *
cpv_jrca_team_lead_to_key (CpvJrcaTeamLead team_lead)
{
  g_return_val_if_fail (team_lead <= CPV_JRCA_TEAM_LEAD_OTHER, NULL);
  return team_lead_keys[team_lead];
}

gboolean
cpv_jrca_team_lead_from_key (const char      *key,
                             CpvJrcaTeamLead *out_team_lead)
{
  int value;

  if (!key_lookup (team_lead_keys, G_N_ELEMENTS (team_lead_keys), key, &value))
    return FALSE;
  if (out_team_lead != NULL)
    *out_team_lead = (CpvJrcaTeamLead) value;
  return TRUE;
}

const char *
cpv_jrca_cpd_kind_to_key (CpvJrcaCpdKind kind)
{
  g_return_val_if_fail (kind <= CPV_JRCA_CPD_AUDIT_EXPERIENCE, NULL);
  return cpd_kind_keys[kind];
}

gboolean
cpv_jrca_cpd_kind_from_key (const char     *key,
                            CpvJrcaCpdKind *out_kind)
{
  int value;

  if (!key_lookup (cpd_kind_keys, G_N_ELEMENTS (cpd_kind_keys), key, &value))
    return FALSE;
  if (out_kind != NULL)
    *out_kind = (CpvJrcaCpdKind) value;
  return TRUE;
}

/* Records */

CpvJrcaRegistration *
cpv_jrca_registration_new (void)
{
  CpvJrcaRegistration *registration = g_new0 (CpvJrcaRegistration, 1);

  registration->grade = CPV_JRCA_GRADE_ASSISTANT;
  registration->expert_kept_grade = CPV_JRCA_GRADE_LEAD;
  registration->cpd_hours_required = -1;
  return registration;
}

CpvJrcaRegistration *
cpv_jrca_registration_copy (const CpvJrcaRegistration *registration)
{
  CpvJrcaRegistration *copy;

  g_return_val_if_fail (registration != NULL, NULL);

  copy = g_memdup2 (registration, sizeof *registration);
  copy->registration_number = g_strdup (registration->registration_number);
  copy->other_lead_ms = g_strdupv (registration->other_lead_ms);
  copy->applicant_name = g_strdup (registration->applicant_name);
  return copy;
}

void
cpv_jrca_registration_free (CpvJrcaRegistration *registration)
{
  if (registration == NULL)
    return;
  g_free (registration->registration_number);
  g_strfreev (registration->other_lead_ms);
  g_free (registration->applicant_name);
  g_free (registration);
}

CpvJrcaAudit *
cpv_jrca_audit_new (void)
{
  CpvJrcaAudit *audit = g_new0 (CpvJrcaAudit, 1);

  audit->days = g_array_new (FALSE, TRUE, sizeof (CpvJrcaAuditDay));
  audit->role = CPV_JRCA_ROLE_MEMBER;
  audit->team_lead = CPV_JRCA_TEAM_LEAD_NONE;
  return audit;
}

void
cpv_jrca_audit_add_day (CpvJrcaAudit *audit,
                        CpvDay        date,
                        double        isms_hours)
{
  CpvJrcaAuditDay day = { date, isms_hours };

  g_return_if_fail (audit != NULL);
  g_array_append_val (audit->days, day);
}

void
cpv_jrca_audit_free (CpvJrcaAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->organisation);
  g_free (audit->organisation_id);
  g_free (audit->certification_body);
  g_free (audit->management_system);
  g_free (audit->audit_type);
  g_clear_pointer (&audit->days, g_array_unref);
  g_free (audit->team_leader_name);
  g_free (audit->team_lead_number);
  g_free (audit->team_lead_name);
  g_free (audit->contact);
  g_free (audit);
}

CpvJrcaCpd *
cpv_jrca_cpd_new (void)
{
  CpvJrcaCpd *cpd = g_new0 (CpvJrcaCpd, 1);

  cpd->kind = CPV_JRCA_CPD_OTHER_TRAINING;
  return cpd;
}

void
cpv_jrca_cpd_free (CpvJrcaCpd *cpd)
{
  if (cpd == NULL)
    return;
  g_free (cpd->title);
  g_free (cpd->provider);
  g_free (cpd->purpose);
  g_free (cpd->learned);
  g_free (cpd);
}

CpvJrcaWork *
cpv_jrca_work_new (void)
{
  return g_new0 (CpvJrcaWork, 1);
}

void
cpv_jrca_work_free (CpvJrcaWork *work)
{
  if (work == NULL)
    return;
  g_free (work->organisation);
  g_free (work->department);
  g_free (work->duties);
  g_free (work);
}

CpvJrcaSectorWork *
cpv_jrca_sector_work_new (void)
{
  CpvJrcaSectorWork *sector_work = g_new0 (CpvJrcaSectorWork, 1);

  sector_work->full_time = TRUE;
  return sector_work;
}

void
cpv_jrca_sector_work_free (CpvJrcaSectorWork *sector_work)
{
  if (sector_work == NULL)
    return;
  g_free (sector_work->organisation);
  g_free (sector_work->duties);
  g_free (sector_work);
}

CpvJrcaData *
cpv_jrca_data_new (gint64 credential_id)
{
  CpvJrcaData *data = g_new0 (CpvJrcaData, 1);

  data->credential_id = credential_id;
  data->audits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_audit_free);
  data->cpd = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_cpd_free);
  data->work = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_work_free);
  data->sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_sector_work_free);
  return data;
}

void
cpv_jrca_data_free (CpvJrcaData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->registration, cpv_jrca_registration_free);
  g_clear_pointer (&data->audits, g_ptr_array_unref);
  g_clear_pointer (&data->cpd, g_ptr_array_unref);
  g_clear_pointer (&data->work, g_ptr_array_unref);
  g_clear_pointer (&data->sectors, g_ptr_array_unref);
  g_free (data);
}

/* Day arithmetic (JRCA-DAYS-1/2) */

guint
cpv_jrca_day_tenths (double hours)
{
  gint64 minutes;

  if (!isfinite (hours) || hours <= 0)
    return 0;
  /* Whole minutes keep 4.8 h from becoming 0.7999… and losing a tenth. */
  minutes = (gint64) llround (hours * 60.0);
  if (minutes >= 6 * 60)
    return 10;
  /* hours / 6 in tenths = minutes / 36, truncated. */
  return (guint) (minutes / 36);
}

double
cpv_jrca_day_credit (double hours)
{
  return cpv_jrca_day_tenths (hours) / 10.0;
}

double
cpv_jrca_audit_days (const CpvJrcaAudit *audit)
{
  guint tenths = 0;

  g_return_val_if_fail (audit != NULL, 0);

  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    tenths += cpv_jrca_day_tenths (g_array_index (audit->days, CpvJrcaAuditDay, i).isms_hours);
  return tenths / 10.0;
}

gboolean
cpv_jrca_audit_is_isms (const CpvJrcaAudit *audit)
{
  g_return_val_if_fail (audit != NULL, FALSE);
  return audit->management_system != NULL &&
         g_ascii_strcasecmp (audit->management_system, "ISMS") == 0;
}

gboolean
cpv_jrca_audit_is_valid_record (const CpvJrcaAudit *audit)
{
  g_return_val_if_fail (audit != NULL, FALSE);
  return audit->role != CPV_JRCA_ROLE_OBSERVER;
}

gboolean
cpv_jrca_audit_has_evidence (const CpvJrcaAudit *audit)
{
  g_return_val_if_fail (audit != NULL, FALSE);
  return audit->attested_by_org && audit->has_schedule &&
         (audit->body_iaf_accredited || audit->has_report);
}

gboolean
cpv_jrca_audit_within (const CpvJrcaAudit *audit,
                       CpvDay              from,
                       CpvDay              to)
{
  CpvDay end;

  g_return_val_if_fail (audit != NULL, FALSE);

  if (audit->onsite_start == 0)
    return FALSE;
  end = audit->onsite_end != 0 ? audit->onsite_end : audit->onsite_start;
  return audit->onsite_start >= from && end <= to;
}

gboolean
cpv_jrca_audit_all_isms_roles (const CpvJrcaAudit *audit)
{
  guint all;

  g_return_val_if_fail (audit != NULL, FALSE);

  all = audit->role == CPV_JRCA_ROLE_LEADER ? CPV_JRCA_ISMS_ROLES_LEADER_ALL
                                            : CPV_JRCA_ISMS_ROLES_MEMBER_ALL;
  return (audit->isms_roles & all) == all;
}

/* Work history and business sectors (JRCA-HIST-1, JRCA-SECTOR-1): periods are inclusive day
 * ranges; overlapping periods are merged so that a day counts once. */

typedef struct
{
  CpvDay first;
  CpvDay last;
} Span;

static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return x->last < y->last ? -1 : (x->last > y->last ? 1 : 0);
}

/* Adds [@start, @end] clipped to [@from, @to]; an open end (0) runs to @to. */
static void
spans_add (GArray *spans,
           CpvDay  start,
           CpvDay  end,
           CpvDay  from,
           CpvDay  to)
{
  Span span;

  if (start == 0)
    return;
  span.first = start > from ? start : from;
  span.last = end == 0 || end > to ? to : end;
  if (span.last >= span.first)
    g_array_append_val (spans, span);
}

/* Sorts and merges in place. */
static void
spans_merge (GArray *spans)
{
  guint out = 0;

  if (spans->len == 0)
    return;
  g_array_sort (spans, span_compare);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *current = &g_array_index (spans, Span, out);
      const Span *next = &g_array_index (spans, Span, i);

      if (next->first <= current->last + 1)
        {
          if (next->last > current->last)
            current->last = next->last;
        }
      else
        g_array_index (spans, Span, ++out) = *next;
    }
  g_array_set_size (spans, out + 1);
}

static guint
spans_days (GArray *spans)
{
  guint days = 0;

  for (guint i = 0; i < spans->len; i++)
    days += g_array_index (spans, Span, i).last - g_array_index (spans, Span, i).first + 1;
  return days;
}

/* Days that two merged span lists have in common. */
static guint
spans_common_days (GArray *a,
                   GArray *b)
{
  guint days = 0;
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      const Span *x = &g_array_index (a, Span, i);
      const Span *y = &g_array_index (b, Span, j);
      CpvDay first = day_max (x->first, y->first);
      CpvDay last = x->last < y->last ? x->last : y->last;

      if (last >= first)
        days += last - first + 1;
      if (x->last < y->last)
        i++;
      else
        j++;
    }
  return days;
}

guint
cpv_jrca_work_days (GPtrArray *work,
                    guint      kinds,
                    CpvDay     from,
                    CpvDay     on)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));

  g_return_val_if_fail (work != NULL, 0);

  for (guint i = 0; i < work->len; i++)
    {
      const CpvJrcaWork *period = g_ptr_array_index (work, i);

      if ((period->kinds & kinds) != 0)
        spans_add (spans, period->start, period->end, from, on);
    }
  spans_merge (spans);
  return spans_days (spans);
}

void
cpv_jrca_check_history (GPtrArray    *work,
                        CpvDay        on,
                        CpvJrcaCheck *check)
{
  CpvDay from;

  g_return_if_fail (work != NULL && check != NULL);

  check_reset (check);
  from = cpv_day_add_years (on, -CPV_JRCA_HISTORY_WINDOW_YEARS);
  check->window_start = from;
  check_add (check, "history-it-days",
             CPV_JRCA_HISTORY_IT_YEARS * CPV_JRCA_DAYS_PER_YEAR,
             cpv_jrca_work_days (work, CPV_JRCA_WORK_IT, from, on));
  check_add (check, "history-security-days",
             CPV_JRCA_HISTORY_SECURITY_YEARS * CPV_JRCA_DAYS_PER_YEAR,
             cpv_jrca_work_days (work, CPV_JRCA_WORK_SECURITY, from, on));
}

static int
work_newest_first (gconstpointer a,
                   gconstpointer b)
{
  const CpvJrcaWork *x = *(CpvJrcaWork * const *) a;
  const CpvJrcaWork *y = *(CpvJrcaWork * const *) b;
  /* A current position (no end) is the newest. */
  CpvDay x_end = x->end == 0 ? G_MAXUINT32 : x->end;
  CpvDay y_end = y->end == 0 ? G_MAXUINT32 : y->end;

  if (x->start != y->start)
    return x->start > y->start ? -1 : 1;
  if (x_end != y_end)
    return x_end > y_end ? -1 : 1;
  return x->id > y->id ? -1 : (x->id < y->id ? 1 : 0);
}

void
cpv_jrca_work_sort_newest_first (GPtrArray *work)
{
  g_return_if_fail (work != NULL);
  g_ptr_array_sort (work, work_newest_first);
}

guint
cpv_jrca_sector_days (GPtrArray *sectors,
                      guint      sector,
                      CpvDay     on)
{
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (Span));

  g_return_val_if_fail (sectors != NULL, 0);

  for (guint i = 0; i < sectors->len; i++)
    {
      const CpvJrcaSectorWork *period = g_ptr_array_index (sectors, i);

      /* Any period listed for another sector takes its days away, full-time or not. */
      if (period->sector != sector)
        spans_add (others, period->start, period->end, 1, on);
      else if (period->full_time)
        spans_add (own, period->start, period->end, 1, on);
    }
  spans_merge (own);
  spans_merge (others);
  return spans_days (own) - spans_common_days (own, others);
}

gboolean
cpv_jrca_sector_qualifies (GPtrArray *sectors,
                           guint      sector,
                           CpvDay     on)
{
  return cpv_jrca_sector_days (sectors, sector, on) >=
         CPV_JRCA_SECTOR_YEARS * CPV_JRCA_DAYS_PER_YEAR;
}

/* Dates (JRCA-DATE-1/2/3) */

CpvDay
cpv_jrca_application_window_opens (CpvDay due)
{
  if (due == 0)
    return 0;
  return cpv_day_add_months (due, -WINDOW_MONTHS);
}

CpvDay
cpv_jrca_restoration_limit (CpvDay   due,
                            gboolean with_reason)
{
  CpvDay limit;

  if (due == 0)
    return 0;
  /* The seed counts the extra months from the restoration limit, not from the due date;
   * the two differ at month ends (2024-08-31: 2025-02-28, then 2025-05-28). */
  limit = cpv_day_add_months (due, RESTORATION_MONTHS);
  return with_reason ? cpv_day_add_months (limit, RESTORATION_REASON_MONTHS) : limit;
}

void
cpv_jrca_registration_upgrade (CpvJrcaRegistration *registration,
                               CpvJrcaGrade         new_grade)
{
  g_return_if_fail (registration != NULL);
  g_return_if_fail (new_grade <= CPV_JRCA_GRADE_EXPERT);

  /* The maintenance deadline and expiry date carry over unchanged (seed 004 section 4). */
  if (new_grade == CPV_JRCA_GRADE_EXPERT && registration->grade != CPV_JRCA_GRADE_EXPERT)
    {
      registration->expert_kept_grade = registration->grade;
      registration->expert_only = FALSE;
    }
  registration->grade = new_grade;
}

void
cpv_jrca_registration_sync_expert (CpvJrcaRegistration       *expert,
                                   const CpvJrcaRegistration *existing)
{
  g_return_if_fail (expert != NULL);
  g_return_if_fail (existing != NULL);

  expert->maintenance_deadline = existing->maintenance_deadline;
  expert->expiry_date = existing->expiry_date;
  expert->previous_maintenance_application = existing->previous_maintenance_application;
  expert->previous_renewal_application = existing->previous_renewal_application;
}

CpvJrcaProcedure
cpv_jrca_next_procedure (const CpvJrcaRegistration *registration,
                         CpvDay                    *out_due)
{
  CpvJrcaProcedure procedure = CPV_JRCA_PROCEDURE_NONE;
  CpvDay due = 0;

  g_return_val_if_fail (registration != NULL, CPV_JRCA_PROCEDURE_NONE);

  if (registration->expiry_date != 0 &&
      (registration->maintenance_deadline == 0 ||
       registration->expiry_date <= registration->maintenance_deadline))
    {
      procedure = CPV_JRCA_PROCEDURE_RENEWAL;
      due = registration->expiry_date;
    }
  else if (registration->maintenance_deadline != 0)
    {
      procedure = CPV_JRCA_PROCEDURE_MAINTENANCE;
      due = registration->maintenance_deadline;
    }
  if (out_due != NULL)
    *out_due = due;
  return procedure;
}

CpvJrcaGrade
cpv_jrca_effective_grade (const CpvJrcaRegistration *registration)
{
  g_return_val_if_fail (registration != NULL, CPV_JRCA_GRADE_ASSISTANT);

  if (registration->grade == CPV_JRCA_GRADE_EXPERT && !registration->expert_only &&
      registration->expert_kept_grade < CPV_JRCA_GRADE_EXPERT)
    return registration->expert_kept_grade;
  return registration->grade;
}

CpvDay
cpv_jrca_last_application (const CpvJrcaRegistration *registration)
{
  g_return_val_if_fail (registration != NULL, 0);
  return day_max (registration->previous_maintenance_application,
                  registration->previous_renewal_application);
}

/* CPD (JRCA-CPD-1/2, JRCA-EXPERT-1) */

static gboolean
cpd_counts_for (const CpvJrcaCpd *cpd,
                CpvJrcaGrade      grade)
{
  if (cpd->kind == CPV_JRCA_CPD_AUDIT_EXPERIENCE)
    return grade == CPV_JRCA_GRADE_ASSISTANT;
  return TRUE;
}

double
cpv_jrca_cpd_hours (const CpvJrcaData *data,
                    CpvJrcaGrade       grade,
                    CpvDay             from,
                    CpvDay             to)
{
  double hours = 0;

  g_return_val_if_fail (data != NULL, 0);

  for (guint i = 0; i < data->cpd->len; i++)
    {
      const CpvJrcaCpd *cpd = g_ptr_array_index (data->cpd, i);

      if (cpd->date == 0 || cpd->date < from || cpd->date > to || cpd->hours <= 0)
        continue;
      if (cpd_counts_for (cpd, grade))
        hours += cpd->hours;
    }
  return hours;
}

/* The CPD line: 5 h for an expert-only registration, the person's own number otherwise. */
static void
check_add_cpd (CpvJrcaCheck      *check,
               const CpvJrcaData *data,
               CpvJrcaGrade       grade,
               CpvDay             from,
               CpvDay             on)
{
  const CpvJrcaRegistration *registration = data->registration;
  double required = -1;

  if (registration->grade == CPV_JRCA_GRADE_EXPERT && registration->expert_only)
    required = CPV_JRCA_EXPERT_CPD_HOURS;
  else if (registration->cpd_hours_required >= 0)
    required = registration->cpd_hours_required;
  if (required >= 0)
    check_add (check, "cpd-hours", required, cpv_jrca_cpd_hours (data, grade, from, on));
}

/* Maintenance and renewal (JRCA-MAINT-1, JRCA-RENEW-1/2/3, JRCA-EXPERT-1) */

typedef enum
{
  COUNT_ISMS_ONLY     = 1 << 0,
  COUNT_LEADER_ONLY   = 1 << 1,
  COUNT_WITH_EVIDENCE = 1 << 2,
  COUNT_OTHER_LEAD_MS = 1 << 3,  /* also records of the MS where the person is a JRCA lead */
} CountFlags;

static guint
count_audits (const CpvJrcaData *data,
              CountFlags         flags,
              CpvDay             from,
              CpvDay             to)
{
  const char * const *other_ms = NULL;
  guint count = 0;

  if (data->registration != NULL)
    other_ms = (const char * const *) data->registration->other_lead_ms;

  for (guint i = 0; i < data->audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);

      if (!cpv_jrca_audit_is_valid_record (audit) || !cpv_jrca_audit_within (audit, from, to))
        continue;
      if ((flags & COUNT_ISMS_ONLY) && !cpv_jrca_audit_is_isms (audit) &&
          !((flags & COUNT_OTHER_LEAD_MS) && ms_in (audit->management_system, other_ms)))
        continue;
      if ((flags & COUNT_LEADER_ONLY) && audit->role != CPV_JRCA_ROLE_LEADER)
        continue;
      if ((flags & COUNT_WITH_EVIDENCE) && !cpv_jrca_audit_has_evidence (audit))
        continue;
      count++;
    }
  return count;
}

static gboolean
registration_has_audit_duty (const CpvJrcaData *data,
                             CpvJrcaGrade      *out_grade)
{
  const CpvJrcaRegistration *registration = data->registration;
  CpvJrcaGrade grade = cpv_jrca_effective_grade (registration);

  *out_grade = grade;
  return grade == CPV_JRCA_GRADE_AUDITOR || grade == CPV_JRCA_GRADE_LEAD;
}

/**
 * cpv_jrca_check_maintenance:
 *
 * JRCA-MAINT-1: an auditor or lead auditor needs one ISMS audit record (leader or member, no
 * evidence) since the last application; an assistant or expert-only registration none. The
 * CPD line follows check_add_cpd().
 */
void
cpv_jrca_check_maintenance (const CpvJrcaData *data,
                            CpvDay             from,
                            CpvDay             on,
                            CpvJrcaCheck      *check)
{
  CpvJrcaGrade grade;

  g_return_if_fail (data != NULL && data->registration != NULL);
  g_return_if_fail (check != NULL);

  check_reset (check);
  check->window_start = from;
  if (registration_has_audit_duty (data, &grade))
    check_add (check, "maintenance-audits", MAINTENANCE_AUDITS,
               count_audits (data, COUNT_ISMS_ONLY, from, on));
  check_add_cpd (check, data, grade, from, on);
}

/**
 * cpv_jrca_check_renewal:
 *
 * JRCA-RENEW-1 (auditor): 3 ISMS audit records with evidence since @from, 1 since
 * @last_year_from. The seed asks a leader role only of lead auditors (section 7 b), so any team
 * role except observer counts for an auditor.
 * JRCA-RENEW-2 (lead): 3 ISMS leader records with evidence, 1 ISMS record of any role in the
 * last year.
 * JRCA-RENEW-3 (lead, also JRCA lead of another MS): 3 leader records with evidence of ISMS or
 * those MS, at least 1 of them ISMS; 3 ISMS records with evidence; 1 ISMS in the last year.
 */
void
cpv_jrca_check_renewal (const CpvJrcaData *data,
                        CpvDay             from,
                        CpvDay             last_year_from,
                        CpvDay             on,
                        CpvJrcaCheck      *check)
{
  const CpvJrcaRegistration *registration;
  CpvJrcaGrade grade;

  g_return_if_fail (data != NULL && data->registration != NULL);
  g_return_if_fail (check != NULL);

  registration = data->registration;
  check_reset (check);
  check->window_start = from;

  if (registration_has_audit_duty (data, &grade))
    {
      if (grade == CPV_JRCA_GRADE_AUDITOR)
        {
          check_add (check, "renewal-audits", RENEWAL_AUDITS,
                     count_audits (data, COUNT_ISMS_ONLY | COUNT_WITH_EVIDENCE, from, on));
        }
      else if (registration->other_lead_ms == NULL || registration->other_lead_ms[0] == NULL)
        {
          check_add (check, "renewal-leader-audits", RENEWAL_AUDITS,
                     count_audits (data, COUNT_ISMS_ONLY | COUNT_LEADER_ONLY |
                                   COUNT_WITH_EVIDENCE, from, on));
        }
      else
        {
          check_add (check, "renewal-leader-audits", RENEWAL_AUDITS,
                     count_audits (data, COUNT_ISMS_ONLY | COUNT_OTHER_LEAD_MS |
                                   COUNT_LEADER_ONLY | COUNT_WITH_EVIDENCE, from, on));
          check_add (check, "renewal-isms-leader-audits", RENEWAL_ISMS_LEADER_AUDITS,
                     count_audits (data, COUNT_ISMS_ONLY | COUNT_LEADER_ONLY |
                                   COUNT_WITH_EVIDENCE, from, on));
          check_add (check, "renewal-audits", RENEWAL_AUDITS,
                     count_audits (data, COUNT_ISMS_ONLY | COUNT_WITH_EVIDENCE, from, on));
        }
      check_add (check, "last-year-audits", LAST_YEAR_AUDITS,
                 count_audits (data, COUNT_ISMS_ONLY, last_year_from, on));
    }
  check_add_cpd (check, data, grade, last_year_from, on);
}

/* Upgrade (JRCA-UPGRADE-1/2) */

gboolean
cpv_jrca_upgrade_is_relaxed (const CpvJrcaRegistration *registration,
                             CpvDay                     on)
{
  g_return_val_if_fail (registration != NULL, FALSE);

  /* (2) a re-upgrade within 3 years after the downgrade, for either upgrade. Without a
   * downgrade date the person's word is taken (evaluate warns). */
  if (registration->reupgrade &&
      (registration->downgrade_date == 0 ||
       on <= cpv_day_add_years (registration->downgrade_date, REUPGRADE_YEARS)))
    return TRUE;
  /* (1) an equal or higher grade in another MS: the lead upgrade only (form 5C's note). */
  if (registration->grade == CPV_JRCA_GRADE_AUDITOR &&
      registration->other_lead_ms != NULL && registration->other_lead_ms[0] != NULL)
    return TRUE;
  return FALSE;
}

static gboolean
is_member_role (CpvJrcaRole role)
{
  return role == CPV_JRCA_ROLE_MEMBER || role == CPV_JRCA_ROLE_OJT;
}

gboolean
cpv_jrca_check_upgrade (const CpvJrcaData *data,
                        CpvDay             on,
                        CpvJrcaCheck      *check)
{
  const CpvJrcaRegistration *registration;

  g_return_val_if_fail (data != NULL && data->registration != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  registration = data->registration;
  check_reset (check);
  check->relaxed = cpv_jrca_upgrade_is_relaxed (registration, on);

  if (registration->grade == CPV_JRCA_GRADE_ASSISTANT)
    {
      /* OJT member records with a form 3A confirmation, on-site days within 5 (3) years. */
      guint tenths = 0;

      check->window_start = cpv_day_add_years (on, check->relaxed ? -AUDITOR_UPGRADE_RELAXED_YEARS
                                                                  : -AUDITOR_UPGRADE_YEARS);
      for (guint i = 0; i < data->audits->len; i++)
        {
          const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);

          if (is_member_role (audit->role) && cpv_jrca_audit_is_isms (audit) &&
              audit->has_form_3a && cpv_jrca_audit_within (audit, check->window_start, on))
            tenths += (guint) llround (cpv_jrca_audit_days (audit) * 10);
        }
      check_add (check, "upgrade-days",
                 check->relaxed ? AUDITOR_UPGRADE_RELAXED_DAYS : AUDITOR_UPGRADE_DAYS,
                 tenths / 10.0);
      return TRUE;
    }

  if (registration->grade == CPV_JRCA_GRADE_AUDITOR)
    {
      /* Leader records under an instructor (form 3A) within 2 years; member records made
       * before the first of them (seed 004 section 4 (2) c). */
      CpvDay first_leader = 0;
      guint leaders = 0, members = 0, tenths = 0;

      check->window_start = cpv_day_add_years (on, -LEAD_UPGRADE_YEARS);
      for (guint i = 0; i < data->audits->len; i++)
        {
          const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);

          if (audit->role == CPV_JRCA_ROLE_LEADER && cpv_jrca_audit_is_isms (audit) &&
              audit->has_form_3a && cpv_jrca_audit_within (audit, check->window_start, on))
            {
              leaders++;
              tenths += (guint) llround (cpv_jrca_audit_days (audit) * 10);
              if (first_leader == 0 || audit->onsite_start < first_leader)
                first_leader = audit->onsite_start;
            }
        }
      for (guint i = 0; i < data->audits->len; i++)
        {
          const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);
          CpvDay end = audit->onsite_end != 0 ? audit->onsite_end : audit->onsite_start;

          if (!is_member_role (audit->role) || !cpv_jrca_audit_is_isms (audit) ||
              !cpv_jrca_audit_within (audit, 1, on))
            continue;
          if (first_leader != 0 && end >= first_leader)
            continue;
          members++;
        }
      check_add (check, "upgrade-member-audits",
                 check->relaxed ? LEAD_UPGRADE_RELAXED_MEMBER : LEAD_UPGRADE_MEMBER_AUDITS,
                 members);
      check_add (check, "upgrade-leader-audits",
                 check->relaxed ? LEAD_UPGRADE_RELAXED_LEADER : LEAD_UPGRADE_LEADER_AUDITS,
                 leaders);
      check_add (check, "upgrade-leader-days",
                 check->relaxed ? LEAD_UPGRADE_RELAXED_DAYS : LEAD_UPGRADE_LEADER_DAYS,
                 tenths / 10.0);
      return TRUE;
    }

  check->met = FALSE;
  return FALSE;
}

/* Teaching (JRCA-EXPERT-2) */

gboolean
cpv_jrca_teaching_counts (gboolean onsite_coaching,
                          double   hours)
{
  if (!isfinite (hours))
    return FALSE;
  return hours >= (onsite_coaching ? 6.0 : 5.0);
}

guint
cpv_jrca_teaching_leader_records (guint instances)
{
  if (instances <= CPV_JRCA_TEACHING_FREE_INSTANCES)
    return 0;
  return MIN (instances - CPV_JRCA_TEACHING_FREE_INSTANCES,
              (guint) CPV_JRCA_TEACHING_MAX_LEADER_RECORDS);
}

/* Evaluation */

static const char *
line_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "maintenance-audits", N_("ISMS audit records since the last application (JRCA-MAINT-1)") },
    { "renewal-audits", N_("ISMS audit records with evidence since the last renewal") },
    { "renewal-leader-audits", N_("Leader audit records with evidence since the last renewal") },
    { "renewal-isms-leader-audits", N_("ISMS leader audit records with evidence (JRCA-RENEW-3)") },
    { "last-year-audits", N_("ISMS audit records in the most recent year") },
    { "cpd-hours", N_("CPD hours since the last application (JRCA-CPD-1)") },
    { "history-it-days", N_("IT experience in the last 10 years, days (JRCA-HIST-1)") },
    { "history-security-days",
      N_("Information-security management experience in the last 10 years, days (JRCA-HIST-1)") },
    { "upgrade-days", N_("Upgrade to auditor: OJT on-site days (JRCA-UPGRADE-1)") },
    { "upgrade-member-audits", N_("Upgrade to lead auditor: member audits before leading") },
    { "upgrade-leader-audits", N_("Upgrade to lead auditor: OJT leader audits within 2 years") },
    { "upgrade-leader-days", N_("Upgrade to lead auditor: on-site leader days within 2 years") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].kind, kind) == 0)
      return _(labels[i].label);
  return NULL;
}

static void
append_check (GPtrArray          *requirements,
              const CpvJrcaCheck *check,
              const char         *suffix)
{
  for (guint i = 0; i < check->n_lines; i++)
    {
      const CpvJrcaLine *line = &check->lines[i];
      CpvRequirement *requirement = g_new0 (CpvRequirement, 1);
      const char *label = line_label (line->kind);

      requirement->kind = g_strdup (line->kind);
      if (label != NULL && suffix != NULL)
        requirement->label = g_strconcat (label, suffix, NULL);
      else
        requirement->label = g_strdup (label);
      requirement->required = line->required;
      requirement->earned = line->earned;
      requirement->met = line->met;
      g_ptr_array_add (requirements, requirement);
    }
}

static void
add_deadline (GPtrArray  *deadlines,
              const char *kind,
              CpvDay      date,
              const char *label)
{
  CpvDeadline *deadline;

  if (date == 0)
    return;
  deadline = g_new0 (CpvDeadline, 1);
  deadline->kind = g_strdup (kind);
  deadline->date = date;
  deadline->amount = -1;
  deadline->label = g_strdup (label);
  g_ptr_array_add (deadlines, deadline);
}

G_GNUC_PRINTF (5, 6)
static void
add_finding (GPtrArray   *findings,
             const char  *rule,
             CpvSeverity  severity,
             gint64       record_id,
             const char  *format,
             ...)
{
  CpvFinding *finding = g_new0 (CpvFinding, 1);
  va_list args;

  finding->rule = g_strdup (rule);
  finding->severity = severity;
  finding->record_id = record_id;
  va_start (args, format);
  finding->text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (findings, finding);
}

/* Findings name a record by its on-site dates, never by the organisation (user data). */
static void
evaluate_audit (const CpvJrcaAudit  *audit,
                CpvJrcaGrade         grade,
                GPtrArray           *findings)
{
  char start[11];

  cpv_day_format_buf (audit->onsite_start, start);

  if (!cpv_jrca_audit_is_valid_record (audit))
    {
      add_finding (findings, "JRCA-OBS-1", CPV_SEVERITY_WARNING, audit->id,
                   _("The audit of %s was attended as an observer: observer participation is "
                     "never a valid audit record, so it is not counted."), start);
      return;
    }
  if (audit->days == NULL || audit->days->len == 0 || cpv_jrca_audit_days (audit) <= 0)
    add_finding (findings, "JRCA-DAYS-1", CPV_SEVERITY_ERROR, audit->id,
                 _("The audit of %s has no on-site ISMS hours: enter the hours of each audit "
                   "day so that its days can be computed."), start);
  if (!cpv_jrca_audit_is_isms (audit))
    return;
  if (!audit->has_schedule)
    add_finding (findings, "JRCA-5A", CPV_SEVERITY_WARNING, audit->id,
                 _("The audit of %s has no copy of the audit schedule: one is needed for each "
                   "audit day when the record is used for renewal or an upgrade."), start);
  if (!audit->body_iaf_accredited && !audit->has_report)
    add_finding (findings, "JRCA-5A", CPV_SEVERITY_WARNING, audit->id,
                 _("The audit of %s was not by an IAF-accredited body: attach a copy of the audit "
                   "report showing the plan, the opening meeting, findings and conclusions, and "
                   "the closing meeting (details may be masked)."), start);
  if (!audit->attested_by_org)
    add_finding (findings, "JRCA-5A", CPV_SEVERITY_WARNING, audit->id,
                 _("The audit of %s has no attestation by the audited organisation's management "
                   "representative: form 5A needs it when the record is used as evidence."), start);
  if ((grade == CPV_JRCA_GRADE_ASSISTANT && is_member_role (audit->role)) ||
      (grade == CPV_JRCA_GRADE_AUDITOR && audit->role == CPV_JRCA_ROLE_LEADER))
    {
      if (!audit->has_form_3a)
        add_finding (findings, "JRCA-UPGRADE-1", CPV_SEVERITY_WARNING, audit->id,
                     _("The audit of %s has no capability confirmation (form 3A) from a qualified "
                       "instructor, so it does not count toward the upgrade."), start);
      else if (!cpv_jrca_audit_all_isms_roles (audit))
        add_finding (findings, "JRCA-UPGRADE-1", CPV_SEVERITY_WARNING, audit->id,
                     _("In the audit of %s not every ISMS-specific role was performed: form 5C "
                       "will show \"-\" instead of \"○\" for it."), start);
    }
}

static void
evaluate_cpd (const CpvJrcaCpd *cpd,
              CpvJrcaGrade      grade,
              GPtrArray        *findings)
{
  char date[11];
  gboolean needs_4b = FALSE;

  cpv_day_format_buf (cpd->date, date);

  switch (cpd->kind)
    {
    case CPV_JRCA_CPD_JRCA_COURSE:
      if (!cpd->has_certificate)
        add_finding (findings, "JRCA-CPD-2", CPV_SEVERITY_WARNING, cpd->id,
                     _("The JRCA-registered course of %s needs its completion certificate marked "
                       "\"JRCA registered\"."), date);
      break;
    case CPV_JRCA_CPD_IAF_BODY_TRAINING:
      if (!cpd->has_program || !(cpd->has_certificate || cpd->body_signature))
        {
          add_finding (findings, "JRCA-CPD-2", CPV_SEVERITY_WARNING, cpd->id,
                       _("The training of %s needs a copy of the programme and a certificate or "
                         "the body's signature; otherwise it is treated as other training and "
                         "needs a form 4B."), date);
          needs_4b = TRUE;
        }
      break;
    case CPV_JRCA_CPD_OTHER_TRAINING:
    case CPV_JRCA_CPD_SELF_STUDY:
      needs_4b = TRUE;
      break;
    case CPV_JRCA_CPD_AUDIT_EXPERIENCE:
      if (grade != CPV_JRCA_GRADE_ASSISTANT)
        add_finding (findings, "JRCA-CPD-2", CPV_SEVERITY_WARNING, cpd->id,
                     _("Audit experience of %s counts as CPD for assistant auditors only; it is "
                       "not counted."), date);
      else if (!cpd->has_schedule)
        add_finding (findings, "JRCA-CPD-2", CPV_SEVERITY_WARNING, cpd->id,
                     _("Audit experience of %s needs the audit schedule."), date);
      break;
    default:
      g_assert_not_reached ();
    }

  if (needs_4b && (text_is_blank (cpd->purpose) || text_is_blank (cpd->learned)))
    add_finding (findings, "JRCA-CPD-2", CPV_SEVERITY_WARNING, cpd->id,
                 _("The CPD record of %s needs a form 4B: write its purpose and what you learned "
                   "in your own sentences."), date);
}

static void
evaluate_dates (const CpvJrcaRegistration *registration,
                CpvJrcaProcedure           procedure,
                CpvDay                     due,
                CpvDay                     on,
                GPtrArray                 *deadlines,
                GPtrArray                 *findings)
{
  /* The procedure, named inside the sentences below. */
  const char *what = procedure == CPV_JRCA_PROCEDURE_RENEWAL ? _("renewal") : _("maintenance");
  CpvDay restore = cpv_jrca_restoration_limit (due, FALSE);
  CpvDay restore_reason = cpv_jrca_restoration_limit (due, TRUE);
  char due_text[11], limit_text[11];
  g_autofree char *window_label = NULL;

  if (registration->maintenance_deadline != 0 &&
      (registration->expiry_date == 0 ||
       registration->maintenance_deadline < registration->expiry_date))
    add_deadline (deadlines, "maintenance", registration->maintenance_deadline,
                  _("Maintenance (surveillance) deadline"));
  add_deadline (deadlines, "expiry", registration->expiry_date, _("Expiry date (renewal)"));

  /* TRANSLATORS: %s is “renewal” or “maintenance”. */
  window_label = g_strdup_printf (_("The %s application window opens (JRCA-DATE-1)"), what);
  add_deadline (deadlines, "application-window", cpv_jrca_application_window_opens (due),
                window_label);
  add_deadline (deadlines, "restoration-limit", restore,
                _("Restoration limit (JRCA-DATE-2)"));
  add_deadline (deadlines, "restoration-limit", restore_reason,
                _("Restoration limit with a documented unavoidable reason (JRCA-DATE-2)"));

  cpv_day_format_buf (due, due_text);
  if (on > restore_reason)
    {
      add_finding (findings, "JRCA-DATE-2", CPV_SEVERITY_ERROR, 0,
                   _("The %s deadline of %s has passed by more than 9 months: the registration "
                     "can no longer be restored by a %s application."), what, due_text, what);
    }
  else if (on > restore)
    {
      cpv_day_format_buf (restore_reason, limit_text);
      add_finding (findings, "JRCA-DATE-2", CPV_SEVERITY_ERROR, 0,
                   _("The restoration limit of the %s deadline %s has passed: only with a "
                     "documented unavoidable reason can you still apply, until %s."),
                   what, due_text, limit_text);
    }
  else if (on > due)
    {
      cpv_day_format_buf (restore, limit_text);
      add_finding (findings, "JRCA-DATE-2", CPV_SEVERITY_WARNING, 0,
                   _("The %s deadline of %s has passed: apply by %s to restore the registration."),
                   what, due_text, limit_text);
    }
}

/* Form 5D: a record of the most recent year listed without evidence carries the organisation's
 * contact details. */
static void
evaluate_contacts (const CpvJrcaData *data,
                   CpvDay             last_application,
                   CpvDay             on,
                   GPtrArray         *findings)
{
  CpvJrcaGrade grade;

  if (!registration_has_audit_duty (data, &grade))
    return;
  for (guint i = 0; i < data->audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);
      char start[11];

      if (!cpv_jrca_audit_is_valid_record (audit) || !cpv_jrca_audit_is_isms (audit) ||
          !cpv_jrca_audit_within (audit, last_application, on) ||
          cpv_jrca_audit_has_evidence (audit) || !text_is_blank (audit->contact))
        continue;
      cpv_day_format_buf (audit->onsite_start, start);
      add_finding (findings, "JRCA-5D", CPV_SEVERITY_WARNING, audit->id,
                   _("The audit of %s is in the most recent year without evidence: form 5D needs "
                     "the organisation's contact details (address, telephone) for it."), start);
    }
}

void
cpv_jrca_evaluate (const CpvJrcaData *data,
                   CpvCredential     *credential,
                   CpvDay             on,
                   GPtrArray         *requirements,
                   GPtrArray         *deadlines,
                   GPtrArray         *findings)
{
  const CpvJrcaRegistration *registration;
  CpvJrcaProcedure procedure;
  CpvJrcaGrade grade;
  CpvJrcaCheck check;
  CpvDay due, last_application;

  g_return_if_fail (data != NULL);
  g_return_if_fail (credential == NULL || CPV_IS_CREDENTIAL (credential));
  g_return_if_fail (requirements != NULL && deadlines != NULL && findings != NULL);

  registration = data->registration;
  if (registration == NULL)
    {
      add_finding (findings, "JRCA-GRADE-1", CPV_SEVERITY_ERROR, 0,
                   _("No JRCA registration is entered for this credential: add the grade, "
                     "registration number, maintenance deadline and expiry date."));
      return;
    }
  grade = cpv_jrca_effective_grade (registration);

  for (guint i = 0; i < data->audits->len; i++)
    evaluate_audit (g_ptr_array_index (data->audits, i), registration->grade, findings);
  for (guint i = 0; i < data->cpd->len; i++)
    evaluate_cpd (g_ptr_array_index (data->cpd, i), grade, findings);

  procedure = cpv_jrca_next_procedure (registration, &due);
  if (procedure == CPV_JRCA_PROCEDURE_NONE)
    {
      add_finding (findings, "JRCA-GRADE-1", CPV_SEVERITY_ERROR, 0,
                   _("The registration has no maintenance deadline or expiry date: copy them from "
                     "your JRCA auditor card or the auditor's page."));
    }
  else
    {
      evaluate_dates (registration, procedure, due, on, deadlines, findings);

      /* Without JRCA's receipt date of the last application, count from one year (renewal:
       * three years) before the due date, and say so. */
      last_application = cpv_jrca_last_application (registration);
      if (last_application == 0)
        {
          last_application = cpv_day_add_years (due, -1);
          add_finding (findings, "JRCA-MAINT-1", CPV_SEVERITY_WARNING, 0,
                       _("The date of your previous maintenance or renewal application is not "
                         "entered: records are counted from one year before the deadline. JRCA's "
                         "auditor's page shows the date."));
        }

      if (procedure == CPV_JRCA_PROCEDURE_MAINTENANCE)
        {
          cpv_jrca_check_maintenance (data, last_application, on, &check);
          append_check (requirements, &check, NULL);
        }
      else
        {
          CpvDay renewal_from = registration->previous_renewal_application;

          if (renewal_from == 0)
            renewal_from = cpv_day_add_years (due, -3);
          cpv_jrca_check_renewal (data, renewal_from, last_application, on, &check);
          append_check (requirements, &check, NULL);
        }

      evaluate_contacts (data, last_application, on, findings);

      if (!(registration->grade == CPV_JRCA_GRADE_EXPERT && registration->expert_only) &&
          registration->cpd_hours_required < 0)
        add_finding (findings, "JRCA-CPD-1", CPV_SEVERITY_WARNING, 0,
                     _("JRCA AI340 states no yearly CPD hours for this grade: enter the number "
                       "JRCA asks of you to track your CPD against it."));
    }

  if (data->work != NULL && data->work->len > 0)
    {
      cpv_jrca_check_history (data->work, on, &check);
      for (guint i = 0; i < check.n_lines; i++)
        if (!check.lines[i].met)
          add_finding (findings, "JRCA-HIST-1", CPV_SEVERITY_WARNING, 0,
                       _("The work history shows %.0f of the %.0f days of %s experience needed "
                         "within the last 10 years (form 2B)."), check.lines[i].earned,
                       check.lines[i].required,
                       strcmp (check.lines[i].kind, "history-it-days") == 0
                       ? _("information-technology") : _("information-security management"));
    }

  if (cpv_jrca_check_upgrade (data, on, &check))
    {
      append_check (requirements, &check, check.relaxed ? _(" — relaxed route (JRCA-UPGRADE-2)")
                                                        : NULL);
      if (registration->reupgrade && registration->downgrade_date == 0)
        add_finding (findings, "JRCA-UPGRADE-2", CPV_SEVERITY_WARNING, 0,
                     _("Enter the date of the downgrade: the relaxed route applies only to a "
                       "re-upgrade within 3 years after it."));
      else if (registration->reupgrade && !check.relaxed)
        add_finding (findings, "JRCA-UPGRADE-2", CPV_SEVERITY_WARNING, 0,
                     _("More than 3 years have passed since the downgrade: the relaxed upgrade "
                       "route no longer applies."));
    }
}
