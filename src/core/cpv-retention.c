/* cpv-retention.c — how long records are kept (ISC2-REC-3), holds, and purging
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-retention"

#include "config.h"

#include "cpv-retention.h"
#include "cpv-audit.h"
#include "cpv-audit-private.h"
#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Interpretations:
 * - ISC2-REC-3 (the seed recommends keeping proof "at least 12 months after the end of the
 *   current certification cycle"): an activity is kept until the end of the cycle it counts
 *   toward (the cycle containing its end date, ISC2-CALC-5) plus the program's retention
 *   period; with several credentials the latest date wins (ISC2-CALC-6). An activity that
 *   counts toward no stored credential is kept for the period after its own end date.
 * - An evidence item is kept as long as the longest-kept activity it belongs to; an item
 *   linked to no activity has nothing to keep it.
 * - An audit request that is open or responded, a rejection whose appeal window is open, and
 *   a pending appeal hold the activities the auditor selected and their evidence.
 * - A file linked to a JRCA audit or CPD record (cpv-jrca-evidence.h) is held, with no end,
 *   while the link exists: JRCA asks for it at renewal, and no retention period is stated.
 * - Nothing is purged automatically: cpv_retention_purge() runs only when a person asks. */

G_DEFINE_QUARK (cpv-retention-error-quark, cpv_retention_error)

#define DEFAULT_RETENTION_RULE "ISC2-REC-3"

/* ---- shared helpers (cpv-audit-private.h) ------------------------------------------------ */

const CpvCredentialRules *
_cpv_credential_rules (CpvProgramRegistry *registry,
                       CpvCredential      *credential)
{
  if (registry == NULL || credential == NULL)
    return NULL;
  return cpv_program_registry_lookup_credential (registry, credential->program, credential->code,
                                                 NULL);
}

static const CpvPeriod *
keeping_period (const CpvCredentialRules *rules,
                CpvKeepingPeriod          which)
{
  const CpvPeriod *period = NULL;

  if (rules == NULL)
    return NULL;
  switch (which)
    {
    case _CPV_PERIOD_RETENTION:
      period = &rules->retention;
      break;
    case _CPV_PERIOD_AUDIT_RESPONSE:
      period = &rules->audit_response;
      break;
    case _CPV_PERIOD_APPEAL:
      period = &rules->appeal;
      break;
    case _CPV_PERIOD_PARTNER_REFLECTION:
      period = &rules->partner_reflection;
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return cpv_period_is_set (period) ? period : NULL;
}

/* The seed's numbers (RULES.md 1.4, 1.5) when no program file states the period. */
static const CpvPeriod default_periods[] = {
  { 12, CPV_PERIOD_MONTHS, (char *) "ISC2-REC-3" },
  { 90, CPV_PERIOD_DAYS, (char *) "ISC2-AUDIT-1" },
  { 90, CPV_PERIOD_DAYS, (char *) "ISC2-APPEAL-1" },
  { 42, CPV_PERIOD_DAYS, (char *) "ISC2-PARTNER-1" },
};

static const CpvPeriod *
period_or_default (CpvProgramRegistry *registry,
                   CpvCredential      *credential,
                   CpvKeepingPeriod    which)
{
  const CpvPeriod *period = keeping_period (_cpv_credential_rules (registry, credential), which);

  return period != NULL ? period : &default_periods[which];
}

CpvDay
_cpv_keeping_period_add (CpvProgramRegistry *registry,
                         CpvCredential      *credential,
                         CpvKeepingPeriod    which,
                         CpvDay              day)
{
  return cpv_period_add (period_or_default (registry, credential, which), day, 1);
}

const char *
_cpv_keeping_period_rule (CpvProgramRegistry *registry,
                          CpvCredential      *credential,
                          CpvKeepingPeriod    which)
{
  const CpvPeriod *period = period_or_default (registry, credential, which);

  return period->rule != NULL ? period->rule : default_periods[which].rule;
}

static char *
describe_period (const CpvPeriod *period)
{
  if (period->unit == CPV_PERIOD_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", period->count),
                            period->count);
  if (period->unit == CPV_PERIOD_MONTHS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months",
                                         period->count), period->count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", period->count),
                          period->count);
}

static int
cycle_months (CpvDay start,
              CpvDay end)
{
  int sy, sm, sd, ny, nm, nd;
  int months;

  cpv_day_to_ymd (start, &sy, &sm, &sd);
  cpv_day_to_ymd (cpv_day_add_days (end, 1), &ny, &nm, &nd);
  months = (ny - sy) * 12 + (nm - sm);
  if (nd - sd > 15)
    months++;
  else if (sd - nd > 15)
    months--;
  return months > 0 ? months : 36;
}

gboolean
_cpv_credential_cycle_back (CpvCredential *credential,
                            int            back,
                            CpvDay        *start,
                            CpvDay        *end)
{
  CpvDay s, e;
  int months;

  if (credential == NULL || !cpv_day_parse (credential->cycle_start, &s) ||
      !cpv_day_parse (credential->cycle_end, &e) || e < s)
    return FALSE;
  months = cycle_months (s, e);
  for (int i = 0; i < back; i++)
    {
      e = cpv_day_add_days (s, -1);
      s = cpv_day_add_months (s, -months);
    }
  *start = s;
  *end = e;
  return TRUE;
}

gboolean
_cpv_credential_cycle_for (CpvCredential *credential,
                           CpvDay         day,
                           CpvDay        *start,
                           CpvDay        *end)
{
  CpvDay s, e;
  int months;

  if (!_cpv_credential_cycle_back (credential, 0, &s, &e))
    return FALSE;
  months = cycle_months (s, e);
  for (int i = 0; day < s && i < 400; i++)
    {
      e = cpv_day_add_days (s, -1);
      s = cpv_day_add_months (s, -months);
    }
  for (int i = 0; day > e && i < 400; i++)
    {
      s = cpv_day_add_days (e, 1);
      e = cpv_day_add_days (cpv_day_add_months (s, months), -1);
    }
  *start = s;
  *end = e;
  return TRUE;
}

gboolean
_cpv_activity_counts_for (CpvActivity   *activity,
                          CpvCredential *credential)
{
  gsize program_len;

  if (activity->credit_lines->len > 0)
    {
      for (guint i = 0; i < activity->credit_lines->len; i++)
        if (g_array_index (activity->credit_lines, CpvCreditLine, i).credential_id ==
            credential->id)
          return TRUE;
      return FALSE;
    }
  /* Category keys start with their program's id: "isc2.education.course". */
  if (activity->category == NULL || credential->program == NULL)
    return FALSE;
  program_len = strlen (credential->program);
  return strncmp (activity->category, credential->program, program_len) == 0 &&
         activity->category[program_len] == '.';
}

CpvCredential *
_cpv_find_credential (GPtrArray *credentials,
                      gint64     credential_id)
{
  for (guint i = 0; credentials != NULL && i < credentials->len; i++)
    if (((CpvCredential *) credentials->pdata[i])->id == credential_id)
      return credentials->pdata[i];
  return NULL;
}

char *
_cpv_normalize_text (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  folded = g_utf8_casefold (normal, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ---- items -------------------------------------------------------------------------------- */

void
cpv_retention_item_free (CpvRetentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->label);
  g_free (item->reason);
  g_free (item->rule);
  g_free (item->hold_reason);
  g_free (item);
}

void
cpv_purge_report_free (CpvPurgeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->removed, g_ptr_array_unref);
  g_free (report);
}

/**
 * cpv_retention_item_is_past:
 *
 * Returns: %TRUE when the record may go on @today: its retention date has passed and no
 *   audit or appeal holds it
 */
gboolean
cpv_retention_item_is_past (const CpvRetentionItem *item,
                            CpvDay                  today)
{
  return !item->held && today > item->retention_until;
}

typedef struct
{
  GPtrArray  *credentials;
  GPtrArray  *activities;
  GPtrArray  *audits;
  GHashTable *activity_items;   /* activity id -> CpvRetentionItem (owned by items) */
  GPtrArray  *items;
} Computation;

static void
computation_clear (Computation *c)
{
  g_clear_pointer (&c->credentials, g_ptr_array_unref);
  g_clear_pointer (&c->activities, g_ptr_array_unref);
  g_clear_pointer (&c->audits, g_ptr_array_unref);
  g_clear_pointer (&c->activity_items, g_hash_table_unref);
  g_clear_pointer (&c->items, g_ptr_array_unref);
}

static void
apply_holds (Computation      *c,
             CpvActivity      *activity,
             CpvRetentionItem *item,
             CpvDay            today)
{
  for (guint i = 0; i < c->audits->len; i++)
    {
      CpvAuditRequest *request = c->audits->pdata[i];
      gboolean selected = FALSE;
      CpvDay until;
      char day[11];

      for (guint j = 0; j < request->activity_ids->len && !selected; j++)
        selected = g_array_index (request->activity_ids, gint64, j) == activity->id;
      if (!selected || !cpv_audit_request_holds (request, today, &until))
        continue;
      if (item->held && item->held_until == 0)
        continue;
      if (item->held && until != 0 && until <= item->held_until)
        continue;
      item->held = TRUE;
      item->held_until = until;
      item->hold_audit_id = request->id;
      g_free (item->hold_reason);
      if (request->status == CPV_AUDIT_STATUS_OPEN || request->status == CPV_AUDIT_STATUS_RESPONDED)
        {
          cpv_day_format_buf (request->received, day);
          if (request->status == CPV_AUDIT_STATUS_OPEN)
            item->hold_reason = g_strdup_printf (_("audit request %lld received %s is open "
                                                   "(ISC2-AUDIT-1)"), (long long) request->id,
                                                 day);
          else
            item->hold_reason = g_strdup_printf (_("audit request %lld received %s is responded "
                                                   "to and awaits the decision (ISC2-AUDIT-1)"),
                                                 (long long) request->id, day);
        }
      else if (until == 0)
        item->hold_reason = g_strdup_printf (_("an appeal of audit request %lld is pending "
                                               "(ISC2-APPEAL-1)"), (long long) request->id);
      else
        {
          cpv_day_format_buf (until, day);
          item->hold_reason = g_strdup_printf (_("the rejection of audit request %lld may be "
                                                 "appealed until %s (ISC2-APPEAL-1)"),
                                               (long long) request->id, day);
        }
    }
}

static CpvRetentionItem *
activity_item (Computation        *c,
               CpvProgramRegistry *registry,
               CpvActivity        *activity,
               CpvDay              today)
{
  CpvRetentionItem *item = g_new0 (CpvRetentionItem, 1);
  CpvDay end = 0;

  item->kind = CPV_RECORD_ACTIVITY;
  item->id = activity->id;
  item->label = g_strdup (activity->title);
  if (!cpv_day_parse (activity->end_date, &end))
    end = cpv_day_today ();

  for (guint i = 0; i < c->credentials->len; i++)
    {
      CpvCredential *credential = c->credentials->pdata[i];
      const CpvPeriod *period;
      CpvDay start, cycle_end, until;
      char a[11], b[11];
      g_autofree char *length = NULL;

      if (!_cpv_activity_counts_for (activity, credential) ||
          !_cpv_credential_cycle_for (credential, end, &start, &cycle_end))
        continue;
      period = period_or_default (registry, credential, _CPV_PERIOD_RETENTION);
      until = cpv_period_add (period, cycle_end, 1);
      if (until <= item->retention_until)
        continue;
      item->retention_until = until;
      length = describe_period (period);
      cpv_day_format_buf (start, a);
      cpv_day_format_buf (cycle_end, b);
      g_free (item->reason);
      g_free (item->rule);
      item->rule = g_strdup (period->rule ? period->rule : DEFAULT_RETENTION_RULE);
      /* TRANSLATORS: a length such as “12 months”, a credential such as CISSP, the first and
       * last day of its cycle, a rule tag. */
      item->reason = g_strdup_printf (_("%s after the end of the %s cycle %s to %s (%s)"),
                                      length, credential->code, a, b, item->rule);
    }
  if (item->retention_until == 0)
    {
      const CpvPeriod *period = &default_periods[_CPV_PERIOD_RETENTION];
      g_autofree char *length = describe_period (period);

      item->retention_until = cpv_period_add (period, end, 1);
      item->rule = g_strdup (period->rule);
      /* TRANSLATORS: a length such as “12 months”, then a rule tag. */
      item->reason = g_strdup_printf (_("%s after the activity's end date: it counts toward no "
                                        "stored credential (%s)"), length, period->rule);
    }
  apply_holds (c, activity, item, today);
  return item;
}

/* Called with the vault locked: a file linked to a JRCA record is held while linked. The first
 * link (audits before CPD, then by record id) names the hold; an open-ended audit hold that
 * came first stays. */
static gboolean
apply_jrca_holds (CpvVault    *vault,
                  GHashTable  *evidence_items,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) links = NULL;
  int rc;

  links = _cpv_vault_prepare (vault,
                              "SELECT evidence_id, 0, audit_id FROM jrca_audit_evidence "
                              "UNION ALL "
                              "SELECT evidence_id, 1, cpd_id FROM jrca_cpd_evidence "
                              "ORDER BY 1, 2, 3", error);
  if (links == NULL)
    return FALSE;
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      gint64 evidence_id = sqlite3_column_int64 (links, 0);
      gboolean cpd = sqlite3_column_int (links, 1) != 0;
      gint64 record_id = sqlite3_column_int64 (links, 2);
      CpvRetentionItem *item = g_hash_table_lookup (evidence_items, &evidence_id);

      if (item == NULL || (item->held && item->held_until == 0))
        continue;
      item->held = TRUE;
      item->held_until = 0;
      item->hold_audit_id = 0;
      g_free (item->hold_reason);
      item->hold_reason = cpd
        ? g_strdup_printf (_("evidence of JRCA CPD record %lld"), (long long) record_id)
        : g_strdup_printf (_("evidence of JRCA audit record %lld"), (long long) record_id);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the files of JRCA records"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
compute (CpvVault            *vault,
         CpvProgramRegistry  *registry,
         CpvDay               today,
         Computation         *c,
         GError             **error)
{
  g_autoptr(sqlite3_stmt) evidence = NULL;
  g_autoptr(sqlite3_stmt) links = NULL;
  g_autoptr(GHashTable) evidence_items = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean ok = FALSE;
  int rc;

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  c->credentials = cpv_vault_list_credentials (vault, error);
  if (c->credentials == NULL)
    goto out;
  c->activities = cpv_vault_list_activities (vault, error);
  if (c->activities == NULL)
    goto out;
  c->audits = cpv_vault_list_audits (vault, registry, 0, error);
  if (c->audits == NULL)
    goto out;
  c->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_retention_item_free);
  c->activity_items = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < c->activities->len; i++)
    {
      CpvActivity *activity = c->activities->pdata[i];
      CpvRetentionItem *item = activity_item (c, registry, activity, today);

      g_ptr_array_add (c->items, item);
      g_hash_table_insert (c->activity_items, &item->id, item);
    }

  evidence = _cpv_vault_prepare (vault, "SELECT id, file_name, size, added FROM evidence "
                                 "ORDER BY id", error);
  if (evidence == NULL)
    goto out;
  while ((rc = sqlite3_step (evidence)) == SQLITE_ROW)
    {
      CpvRetentionItem *item = g_new0 (CpvRetentionItem, 1);
      const char *added = _cpv_column_text (evidence, 3);
      char day[11] = "";

      item->kind = CPV_RECORD_EVIDENCE;
      item->id = sqlite3_column_int64 (evidence, 0);
      item->label = _cpv_column_dup (evidence, 1);
      item->size = sqlite3_column_int64 (evidence, 2);
      /* Until a link says otherwise: nothing keeps it after the day it was added. */
      if (added != NULL && strlen (added) >= 10)
        memcpy (day, added, 10);
      if (!cpv_day_parse (day, &item->retention_until))
        item->retention_until = today;
      item->rule = g_strdup (DEFAULT_RETENTION_RULE);
      item->reason = g_strdup (_("linked to no activity"));
      g_ptr_array_add (c->items, item);
      g_hash_table_insert (evidence_items, &item->id, item);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading evidence"));
      goto out;
    }

  links = _cpv_vault_prepare (vault, "SELECT activity_id, evidence_id FROM activity_evidence "
                              "ORDER BY evidence_id, activity_id", error);
  if (links == NULL)
    goto out;
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      gint64 activity_id = sqlite3_column_int64 (links, 0);
      gint64 evidence_id = sqlite3_column_int64 (links, 1);
      CpvRetentionItem *activity = g_hash_table_lookup (c->activity_items, &activity_id);
      CpvRetentionItem *item = g_hash_table_lookup (evidence_items, &evidence_id);

      if (activity == NULL || item == NULL)
        continue;
      if (g_str_equal (item->reason, _("linked to no activity")) ||
          activity->retention_until > item->retention_until)
        {
          item->retention_until = activity->retention_until;
          g_free (item->reason);
          g_free (item->rule);
          item->reason = g_strdup_printf (_("evidence of activity %lld: %s"),
                                          (long long) activity->id, activity->reason);
          item->rule = g_strdup (activity->rule);
        }
      if (activity->held && !(item->held && item->held_until == 0) &&
          (!item->held || activity->held_until == 0 || activity->held_until > item->held_until))
        {
          item->held = TRUE;
          item->held_until = activity->held_until;
          item->hold_audit_id = activity->hold_audit_id;
          g_free (item->hold_reason);
          item->hold_reason = g_strdup (activity->hold_reason);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading evidence links"));
      goto out;
    }
  if (!apply_jrca_holds (vault, evidence_items, error))
    goto out;
  ok = TRUE;

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_retention_list:
 * @registry: (nullable): the programs, for retention periods; without one the seed's 12
 *   months (ISC2-REC-3)
 * @today: the day to judge holds and "past" on
 * @past_only: only the records that may be purged on @today
 *
 * Returns: (transfer container) (element-type CpvRetentionItem): activities first (newest
 *   first), then evidence by id; %NULL with @error set
 */
GPtrArray *
cpv_retention_list (CpvVault            *vault,
                    CpvProgramRegistry  *registry,
                    CpvDay               today,
                    gboolean             past_only,
                    GError             **error)
{
  Computation c = { NULL, };
  GPtrArray *result;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (!compute (vault, registry, today, &c, error))
    {
      computation_clear (&c);
      return NULL;
    }
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_retention_item_free);
  for (guint i = 0; i < c.items->len; i++)
    {
      CpvRetentionItem *item = c.items->pdata[i];

      if (past_only && !cpv_retention_item_is_past (item, today))
        continue;
      g_ptr_array_add (result, item);
      c.items->pdata[i] = NULL;
    }
  computation_clear (&c);
  return result;
}

/**
 * cpv_retention_get:
 *
 * Returns: (transfer full): the retention of one activity or evidence item
 */
CpvRetentionItem *
cpv_retention_get (CpvVault            *vault,
                   CpvProgramRegistry  *registry,
                   CpvRecordKind        kind,
                   gint64               id,
                   CpvDay               today,
                   GError             **error)
{
  Computation c = { NULL, };
  CpvRetentionItem *found = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (!compute (vault, registry, today, &c, error))
    {
      computation_clear (&c);
      return NULL;
    }
  for (guint i = 0; i < c.items->len && found == NULL; i++)
    {
      CpvRetentionItem *item = c.items->pdata[i];

      if (item->kind == kind && item->id == id)
        {
          found = item;
          c.items->pdata[i] = NULL;
        }
    }
  computation_clear (&c);
  if (found == NULL)
    g_set_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_NOT_FOUND,
                 kind == CPV_RECORD_ACTIVITY ? _("No activity with id %lld")
                                             : _("No evidence item with id %lld"),
                 (long long) id);
  return found;
}

/**
 * cpv_retention_check_delete:
 * @force: the person confirmed removing a record that is still to be kept
 *
 * Says whether a record may be removed on @today. Call it before removing an activity or an
 * evidence item (the CLI's `activity remove` and `evidence remove`, the app's delete
 * actions). Under retention or held by an audit it fails with a message naming the date and
 * the reason, unless @force is set.
 *
 * Returns: %TRUE when the removal may go ahead
 */
gboolean
cpv_retention_check_delete (CpvVault            *vault,
                            CpvProgramRegistry  *registry,
                            CpvRecordKind        kind,
                            gint64               id,
                            CpvDay               today,
                            gboolean             force,
                            GError             **error)
{
  g_autoptr(CpvRetentionItem) item = NULL;
  char until[11];

  item = cpv_retention_get (vault, registry, kind, id, today, error);
  if (item == NULL)
    return FALSE;
  if (force || cpv_retention_item_is_past (item, today))
    return TRUE;

  if (item->held)
    {
      /* TRANSLATORS: the record's number and title, then why it is held. */
      g_set_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_HELD,
                   kind == CPV_RECORD_ACTIVITY
                   ? _("Activity %lld “%s” is held: %s. Removing it anyway needs an explicit "
                       "confirmation (--force).")
                   : _("Evidence item %lld “%s” is held: %s. Removing it anyway needs an "
                       "explicit confirmation (--force)."),
                   (long long) item->id, item->label, item->hold_reason);
      return FALSE;
    }
  cpv_day_format_buf (item->retention_until, until);
  /* TRANSLATORS: the record's number and title, the last day to keep it, then why. */
  g_set_error (error, CPV_RETENTION_ERROR, CPV_RETENTION_ERROR_UNDER_RETENTION,
               kind == CPV_RECORD_ACTIVITY
               ? _("Activity %lld “%s” must be kept until %s: %s. Removing it anyway needs an "
                   "explicit confirmation (--force).")
               : _("Evidence item %lld “%s” must be kept until %s: %s. Removing it anyway needs "
                   "an explicit confirmation (--force)."),
               (long long) item->id, item->label, until, item->reason);
  return FALSE;
}

/**
 * cpv_retention_remove:
 *
 * cpv_retention_check_delete(), then removes the activity (with the evidence no other
 * activity uses) or the evidence item.
 */
gboolean
cpv_retention_remove (CpvVault            *vault,
                      CpvProgramRegistry  *registry,
                      CpvRecordKind        kind,
                      gint64               id,
                      CpvDay               today,
                      gboolean             force,
                      GError             **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (!cpv_retention_check_delete (vault, registry, kind, id, today, force, error))
    goto out;
  if (kind == CPV_RECORD_ACTIVITY)
    ok = cpv_vault_remove_activity (vault, id, error);
  else
    ok = cpv_vault_remove_evidence (vault, id, error);

out:
  _cpv_vault_unlock (vault);
  return ok;
}

static gboolean
database_size (CpvVault  *vault,
               goffset   *size,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) pages = _cpv_vault_prepare (vault, "PRAGMA page_count;", error);
  g_autoptr(sqlite3_stmt) page_size = NULL;

  if (pages == NULL || sqlite3_step (pages) != SQLITE_ROW)
    goto fail;
  page_size = _cpv_vault_prepare (vault, "PRAGMA page_size;", error);
  if (page_size == NULL || sqlite3_step (page_size) != SQLITE_ROW)
    goto fail;
  *size = (goffset) sqlite3_column_int64 (pages, 0) * sqlite3_column_int64 (page_size, 0);
  return TRUE;

fail:
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_FAILED,
                         _("The size of the vault could not be read"));
  return FALSE;
}

/**
 * cpv_retention_purge:
 *
 * Removes every record past retention and not held on @today, in one transaction, then gives
 * the space back with an incremental vacuum. Runs only when asked: nothing calls it on its
 * own.
 *
 * Returns: (transfer full): what was removed, or %NULL with @error set (nothing removed)
 */
CpvPurgeReport *
cpv_retention_purge (CpvVault            *vault,
                     CpvProgramRegistry  *registry,
                     CpvDay               today,
                     GError             **error)
{
  g_autoptr(CpvPurgeReport) report = g_new0 (CpvPurgeReport, 1);
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(sqlite3_stmt) remove_activity = NULL;
  g_autoptr(sqlite3_stmt) remove_evidence = NULL;
  CpvPurgeReport *result = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!database_size (vault, &report->file_size_before, error))
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  past = cpv_retention_list (vault, registry, today, TRUE, error);
  if (past == NULL)
    goto fail;
  remove_activity = _cpv_vault_prepare (vault, "DELETE FROM activity WHERE id = ?", error);
  remove_evidence = _cpv_vault_prepare (vault, "DELETE FROM evidence WHERE id = ?", error);
  if (remove_activity == NULL || remove_evidence == NULL)
    goto fail;
  for (guint i = 0; i < past->len; i++)
    {
      CpvRetentionItem *item = past->pdata[i];
      sqlite3_stmt *stmt = item->kind == CPV_RECORD_ACTIVITY ? remove_activity : remove_evidence;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, item->id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _cpv_vault_set_sql_error (vault, error, rc, N_("purging records past retention"));
          goto fail;
        }
      if (item->kind == CPV_RECORD_ACTIVITY)
        report->activities++;
      else
        {
          report->evidence++;
          report->evidence_bytes += item->size;
        }
    }
  if (!_cpv_vault_commit (vault, error))
    goto out;
  report->removed = g_steal_pointer (&past);

  /* Give the freed pages back to the file system (the vault is created with
   * auto_vacuum = INCREMENTAL). */
  {
    g_autoptr(GError) vacuum_error = NULL;

    /* The records are gone either way; a failed vacuum only leaves the space unreclaimed. */
    if (!_cpv_vault_exec (vault, "PRAGMA incremental_vacuum;", &vacuum_error) ||
        !database_size (vault, &report->file_size_after, &vacuum_error))
      {
        g_warning ("The vault's free space could not be reclaimed: %s", vacuum_error->message);
        report->file_size_after = report->file_size_before;
      }
  }
  if (report->activities > 0)
    _cpv_vault_emit_changed (vault, "activities");
  if (report->evidence > 0)
    _cpv_vault_emit_changed (vault, "evidence");
  result = g_steal_pointer (&report);
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return result;
}
