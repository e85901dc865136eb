/* cpv-audit.c — audit requests and appeals, partner reconciliation, duplicate checks
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-audit"

#include "config.h"

#include "cpv-audit.h"
#include "cpv-audit-private.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>

/* Interpretations:
 * - ISC2-AUDIT-1: the response is due 90 days after the day the request was received (the
 *   program file's audit-response period); the due day itself is still in time.
 * - ISC2-APPEAL-1: the rejection date is the day the request was closed as rejected; the
 *   appeal may be filed up to and including rejection + 90 days.
 * - A request holds its activities (retention, purge) while it is open or responded, while
 *   the appeal window of a rejection is open, and while a filed appeal is undecided.
 * - ISC2-PARTNER-1: "within 6 weeks of the activity" is counted from its end date; the
 *   finding appears from the day after end + 6 weeks.
 * - ISC2-CALC-8: titles and providers are compared after Unicode normalisation (NFKC), case
 *   folding and collapsing white space; an empty provider equals an empty provider. */

G_DEFINE_QUARK (cpv-audit-error-quark, cpv_audit_error)

#define DUPLICATE_RULE "ISC2-CALC-8"
#define PARTNER_RULE "ISC2-PARTNER-1"

static const char * const status_names[] = { "open", "responded", "closed" };
static const char * const outcome_names[] = { "none", "accepted", "rejected" };

/* ---- records ------------------------------------------------------------------------------ */

CpvAuditRequest *
cpv_audit_request_new (void)
{
  CpvAuditRequest *request = g_new0 (CpvAuditRequest, 1);

  request->activity_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  return request;
}

void
cpv_audit_request_free (CpvAuditRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->note);
  g_array_unref (request->activity_ids);
  g_free (request);
}

void
cpv_audit_request_add_activity (CpvAuditRequest *request,
                                gint64           activity_id)
{
  g_return_if_fail (request != NULL);

  for (guint i = 0; i < request->activity_ids->len; i++)
    if (g_array_index (request->activity_ids, gint64, i) == activity_id)
      return;
  g_array_append_val (request->activity_ids, activity_id);
}

const char *
cpv_audit_status_to_string (CpvAuditStatus status)
{
  g_return_val_if_fail (status <= CPV_AUDIT_STATUS_CLOSED, "open");
  return status_names[status];
}

const char *
cpv_audit_outcome_to_string (CpvAuditOutcome outcome)
{
  g_return_val_if_fail (outcome <= CPV_AUDIT_OUTCOME_REJECTED, "none");
  return outcome_names[outcome];
}

gboolean
cpv_audit_outcome_from_string (const char      *text,
                               CpvAuditOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (text, outcome_names[i]) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cpv_audit_request_holds:
 * @until: (out) (optional): the last day of the hold; 0 when it lasts until the request
 *   changes (open, responded, appeal pending)
 *
 * Returns: %TRUE when the request keeps its activities from being purged on @today
 */
gboolean
cpv_audit_request_holds (const CpvAuditRequest *request,
                         CpvDay                 today,
                         CpvDay                *until)
{
  if (until != NULL)
    *until = 0;
  if (request->status != CPV_AUDIT_STATUS_CLOSED)
    return TRUE;
  if (request->outcome != CPV_AUDIT_OUTCOME_REJECTED)
    return FALSE;
  if (request->appeal_filed_on != 0)
    return request->appeal_decided_on == 0;
  if (request->appeal_until != 0 && today <= request->appeal_until)
    {
      if (until != NULL)
        *until = request->appeal_until;
      return TRUE;
    }
  return FALSE;
}

/**
 * cpv_audit_response_due:
 * @registry: (nullable): the programs; without one, the seed's 90 days
 *
 * Returns: the last day to answer an audit request received on @received (ISC2-AUDIT-1)
 */
CpvDay
cpv_audit_response_due (CpvProgramRegistry *registry,
                        CpvCredential      *credential,
                        CpvDay              received)
{
  return _cpv_keeping_period_add (registry, credential, _CPV_PERIOD_AUDIT_RESPONSE, received);
}

/**
 * cpv_audit_appeal_until:
 *
 * Returns: the last day to appeal a rejection of @rejected_on (ISC2-APPEAL-1)
 */
CpvDay
cpv_audit_appeal_until (CpvProgramRegistry *registry,
                        CpvCredential      *credential,
                        CpvDay              rejected_on)
{
  return _cpv_keeping_period_add (registry, credential, _CPV_PERIOD_APPEAL, rejected_on);
}

/* ---- storage ------------------------------------------------------------------------------ */

static gboolean
row_exists (CpvVault    *vault,
            const char  *sql,
            gint64       id,
            gboolean    *exists,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _cpv_vault_prepare (vault, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the vault"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

#define AUDIT_COLUMNS \
  "id, credential_id, received, status, responded_on, outcome, closed_on, appeal_filed_on, " \
  "appeal_decided_on, note"

static CpvAuditRequest *
audit_from_row (sqlite3_stmt *stmt)
{
  CpvAuditRequest *request = cpv_audit_request_new ();
  const char *status = _cpv_column_text (stmt, 3);
  const char *outcome = _cpv_column_text (stmt, 5);

  request->id = sqlite3_column_int64 (stmt, 0);
  request->credential_id = sqlite3_column_int64 (stmt, 1);
  request->received = _cpv_column_day (stmt, 2);
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (status, status_names[i]) == 0)
      request->status = i;
  request->responded_on = _cpv_column_day (stmt, 4);
  if (outcome == NULL || !cpv_audit_outcome_from_string (outcome, &request->outcome))
    request->outcome = CPV_AUDIT_OUTCOME_NONE;
  request->closed_on = _cpv_column_day (stmt, 6);
  request->appeal_filed_on = _cpv_column_day (stmt, 7);
  request->appeal_decided_on = _cpv_column_day (stmt, 8);
  request->note = _cpv_column_dup (stmt, 9);
  return request;
}

static gboolean
load_selected (CpvVault         *vault,
               CpvAuditRequest  *request,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault,
                             "SELECT activity_id FROM audit_activity WHERE audit_id = ? "
                             "ORDER BY activity_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  g_array_set_size (request->activity_ids, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (request->activity_ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading an audit request"));
      return FALSE;
    }
  return TRUE;
}

static void
fill_dates (CpvAuditRequest    *request,
            CpvProgramRegistry *registry,
            CpvCredential      *credential)
{
  request->due = cpv_audit_response_due (registry, credential, request->received);
  request->appeal_until = 0;
  if (request->status == CPV_AUDIT_STATUS_CLOSED &&
      request->outcome == CPV_AUDIT_OUTCOME_REJECTED && request->closed_on != 0)
    request->appeal_until = cpv_audit_appeal_until (registry, credential, request->closed_on);
}

/**
 * cpv_vault_add_audit:
 * @request: the credential, the day it was received, the selected activities and a note;
 *   status fields are ignored (a new request is open). Its @id is set.
 *
 * Records an audit request in one transaction.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_audit (CpvVault         *vault,
                     CpvAuditRequest  *request,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autofree char *now = NULL;
  gboolean exists = FALSE;
  sqlite3 *db;
  gint64 id = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);
  g_return_val_if_fail (request != NULL, 0);

  if (request->received == 0)
    {
      g_set_error_literal (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_INVALID,
                           _("Give the day the audit request was received"));
      return 0;
    }

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  if (!row_exists (vault, "SELECT 1 FROM credential WHERE id = ?", request->credential_id,
                   &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                   _("No credential with id %lld"), (long long) request->credential_id);
      goto fail;
    }

  now = _cpv_now_iso ();
  stmt = _cpv_vault_prepare (vault,
                             "INSERT INTO audit_request (credential_id, received, status, note, "
                             "created, updated) VALUES (?, ?, 'open', ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->credential_id);
  _cpv_bind_day (stmt, 2, request->received);
  _cpv_bind_text_or_null (stmt, 3, request->note);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, stmt, N_("recording the audit request"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (db);

  link = _cpv_vault_prepare (vault,
                             "INSERT INTO audit_activity (audit_id, activity_id) VALUES (?, ?)",
                             error);
  if (link == NULL)
    goto fail;
  for (guint i = 0; i < request->activity_ids->len; i++)
    {
      gint64 activity_id = g_array_index (request->activity_ids, gint64, i);

      if (!row_exists (vault, "SELECT 1 FROM activity WHERE id = ?", activity_id, &exists,
                       error))
        goto fail;
      if (!exists)
        {
          g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                       _("No activity with id %lld to select for the audit"),
                       (long long) activity_id);
          goto fail;
        }
      sqlite3_reset (link);
      sqlite3_bind_int64 (link, 1, id);
      sqlite3_bind_int64 (link, 2, activity_id);
      if (!_cpv_step_done (vault, link, N_("recording the selected activities"), error))
        goto fail;
    }
  if (!_cpv_vault_commit (vault, error))
    {
      id = 0;
      goto out;
    }
  request->id = id;
  request->status = CPV_AUDIT_STATUS_OPEN;
  _cpv_vault_emit_changed (vault, "audits");
  goto out;

fail:
  id = 0;
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return id;
}

static GPtrArray *
query_audits (CpvVault            *vault,
              CpvProgramRegistry  *registry,
              gint64               audit_id,
              gint64               credential_id,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_audit_request_free);
  g_autoptr(GPtrArray) credentials = NULL;
  GPtrArray *result = NULL;
  int rc;

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (audit_id != 0)
    stmt = _cpv_vault_prepare (vault, "SELECT " AUDIT_COLUMNS " FROM audit_request WHERE id = ?",
                               error);
  else if (credential_id != 0)
    stmt = _cpv_vault_prepare (vault, "SELECT " AUDIT_COLUMNS " FROM audit_request "
                               "WHERE credential_id = ? ORDER BY received, id", error);
  else
    stmt = _cpv_vault_prepare (vault, "SELECT " AUDIT_COLUMNS " FROM audit_request "
                               "ORDER BY received, id", error);
  if (stmt == NULL)
    goto out;
  if (audit_id != 0)
    sqlite3_bind_int64 (stmt, 1, audit_id);
  else if (credential_id != 0)
    sqlite3_bind_int64 (stmt, 1, credential_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, audit_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading audit requests"));
      goto out;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_selected (vault, list->pdata[i], error))
      goto out;

  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    goto out;
  for (guint i = 0; i < list->len; i++)
    {
      CpvAuditRequest *request = list->pdata[i];

      fill_dates (request, registry, _cpv_find_credential (credentials, request->credential_id));
    }
  result = g_steal_pointer (&list);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_vault_get_audit:
 * @registry: (nullable): the programs, for the periods; without one the seed's numbers
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
CpvAuditRequest *
cpv_vault_get_audit (CpvVault            *vault,
                     CpvProgramRegistry  *registry,
                     gint64               audit_id,
                     GError             **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  list = query_audits (vault, registry, audit_id, 0, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0 || audit_id == 0)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                   _("No audit request with id %lld"), (long long) audit_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/**
 * cpv_vault_list_audits:
 * @credential_id: only the requests of this credential, or 0 for all
 *
 * Returns: (transfer container) (element-type CpvAuditRequest): oldest first
 */
GPtrArray *
cpv_vault_list_audits (CpvVault            *vault,
                       CpvProgramRegistry  *registry,
                       gint64               credential_id,
                       GError             **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  return query_audits (vault, registry, 0, credential_id, error);
}

static gboolean
update_audit (CpvVault         *vault,
              CpvAuditRequest  *request,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _cpv_now_iso ();

  stmt = _cpv_vault_prepare (vault,
                             "UPDATE audit_request SET status = ?, responded_on = ?, "
                             "outcome = ?, closed_on = ?, appeal_filed_on = ?, "
                             "appeal_decided_on = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status_names[request->status], -1, SQLITE_STATIC);
  _cpv_bind_day (stmt, 2, request->responded_on);
  if (request->outcome == CPV_AUDIT_OUTCOME_NONE)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_text (stmt, 3, outcome_names[request->outcome], -1, SQLITE_STATIC);
  _cpv_bind_day (stmt, 4, request->closed_on);
  _cpv_bind_day (stmt, 5, request->appeal_filed_on);
  _cpv_bind_day (stmt, 6, request->appeal_decided_on);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, request->id);
  if (!_cpv_step_done (vault, stmt, N_("updating the audit request"), error))
    return FALSE;
  _cpv_vault_emit_changed (vault, "audits");
  return TRUE;
}

static void
set_day_error (GError     **error,
               const char  *what,
               CpvDay       day,
               const char  *before_what,
               CpvDay       before)
{
  char a[11], b[11];

  cpv_day_format_buf (day, a);
  cpv_day_format_buf (before, b);
  /* TRANSLATORS: two dates, each named (such as “response date”) and given. */
  g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_INVALID,
               _("The %s (%s) cannot be before the %s (%s)"), _(what), a, _(before_what), b);
}

typedef gboolean (*AuditChange) (CpvAuditRequest  *request,
                                 CpvDay            on,
                                 gpointer          data,
                                 GError          **error);

static gboolean
change_audit (CpvVault            *vault,
              CpvProgramRegistry  *registry,
              gint64               audit_id,
              CpvDay               on,
              AuditChange          change,
              gpointer             data,
              GError             **error)
{
  g_autoptr(CpvAuditRequest) request = NULL;
  gboolean ok = FALSE;

  if (on == 0)
    {
      g_set_error_literal (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_INVALID, _("Give the date"));
      return FALSE;
    }
  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  request = cpv_vault_get_audit (vault, registry, audit_id, error);
  if (request == NULL || !change (request, on, data, error) || !update_audit (vault, request, error))
    {
      _cpv_vault_rollback (vault);
      goto out;
    }
  ok = _cpv_vault_commit (vault, error);

out:
  _cpv_vault_unlock (vault);
  return ok;
}

static gboolean
respond_change (CpvAuditRequest  *request,
                CpvDay            on,
                gpointer          data,
                GError          **error)
{
  if (request->status != CPV_AUDIT_STATUS_OPEN)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("Audit request %lld is %s; only an open request can be "
                     "marked responded"),
                   (long long) request->id, status_names[request->status]);
      return FALSE;
    }
  if (on < request->received)
    {
      set_day_error (error, N_("response date"), on, N_("day the request was received"),
                     request->received);
      return FALSE;
    }
  request->status = CPV_AUDIT_STATUS_RESPONDED;
  request->responded_on = on;
  return TRUE;
}

/**
 * cpv_vault_respond_audit:
 *
 * Marks an open request as answered on @on (open → responded).
 */
gboolean
cpv_vault_respond_audit (CpvVault  *vault,
                         gint64     audit_id,
                         CpvDay     on,
                         GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  return change_audit (vault, NULL, audit_id, on, respond_change, NULL, error);
}

static gboolean
close_change (CpvAuditRequest  *request,
              CpvDay            on,
              gpointer          data,
              GError          **error)
{
  CpvAuditOutcome outcome = GPOINTER_TO_INT (data);

  if (request->status == CPV_AUDIT_STATUS_CLOSED)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("Audit request %lld is already closed (%s)"), (long long) request->id,
                   outcome_names[request->outcome]);
      return FALSE;
    }
  if (on < MAX (request->received, request->responded_on))
    {
      if (request->responded_on > request->received)
        set_day_error (error, N_("decision date"), on, N_("response date"), request->responded_on);
      else
        set_day_error (error, N_("decision date"), on, N_("day the request was received"),
                       request->received);
      return FALSE;
    }
  request->status = CPV_AUDIT_STATUS_CLOSED;
  request->outcome = outcome;
  request->closed_on = on;
  return TRUE;
}

/**
 * cpv_vault_close_audit:
 * @outcome: accepted or rejected
 * @on: the day of the decision; for a rejection this opens the 90-day appeal window
 *   (ISC2-APPEAL-1)
 */
gboolean
cpv_vault_close_audit (CpvVault         *vault,
                       gint64            audit_id,
                       CpvAuditOutcome   outcome,
                       CpvDay            on,
                       GError          **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (outcome != CPV_AUDIT_OUTCOME_ACCEPTED && outcome != CPV_AUDIT_OUTCOME_REJECTED)
    {
      g_set_error_literal (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_INVALID,
                           _("An audit closes as accepted or rejected"));
      return FALSE;
    }
  return change_audit (vault, NULL, audit_id, on, close_change, GINT_TO_POINTER (outcome),
                       error);
}

static gboolean
appeal_change (CpvAuditRequest  *request,
               CpvDay            on,
               gpointer          data,
               GError          **error)
{
  char until[11];

  if (request->status != CPV_AUDIT_STATUS_CLOSED ||
      request->outcome != CPV_AUDIT_OUTCOME_REJECTED)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("Only a rejected audit can be appealed; request %lld is %s"),
                   (long long) request->id, request->status == CPV_AUDIT_STATUS_CLOSED
                                ? outcome_names[request->outcome]
                                : status_names[request->status]);
      return FALSE;
    }
  if (request->appeal_filed_on != 0)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("An appeal of audit request %lld is already recorded"),
                   (long long) request->id);
      return FALSE;
    }
  if (on < request->closed_on)
    {
      set_day_error (error, N_("appeal date"), on, N_("rejection date"), request->closed_on);
      return FALSE;
    }
  cpv_day_format_buf (request->appeal_until, until);
  if (on > request->appeal_until)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("The appeal window closed on %s (90 days after the rejection, "
                     "ISC2-APPEAL-1)"), until);
      return FALSE;
    }
  request->appeal_filed_on = on;
  return TRUE;
}

/**
 * cpv_vault_file_appeal:
 *
 * Records that a rejected audit was appealed on @on, within the window of ISC2-APPEAL-1.
 */
gboolean
cpv_vault_file_appeal (CpvVault            *vault,
                       CpvProgramRegistry  *registry,
                       gint64               audit_id,
                       CpvDay               on,
                       GError             **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  return change_audit (vault, registry, audit_id, on, appeal_change, NULL, error);
}

static gboolean
decide_change (CpvAuditRequest  *request,
               CpvDay            on,
               gpointer          data,
               GError          **error)
{
  if (request->appeal_filed_on == 0 || request->appeal_decided_on != 0)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_STATE,
                   _("Audit request %lld has no pending appeal"), (long long) request->id);
      return FALSE;
    }
  if (on < request->appeal_filed_on)
    {
      set_day_error (error, N_("appeal decision"), on, N_("appeal date"), request->appeal_filed_on);
      return FALSE;
    }
  request->appeal_decided_on = on;
  return TRUE;
}

/**
 * cpv_vault_decide_appeal:
 *
 * Records the decision on a pending appeal; the request then no longer holds its records.
 */
gboolean
cpv_vault_decide_appeal (CpvVault  *vault,
                         gint64     audit_id,
                         CpvDay     on,
                         GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  return change_audit (vault, NULL, audit_id, on, decide_change, NULL, error);
}

/**
 * cpv_vault_remove_audit:
 *
 * Removes an audit request (the activities stay).
 */
gboolean
cpv_vault_remove_audit (CpvVault  *vault,
                        gint64     audit_id,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, "DELETE FROM audit_request WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, audit_id);
  if (!_cpv_step_done (vault, stmt, N_("removing the audit request"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                   _("No audit request with id %lld"), (long long) audit_id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "audits");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/* ---- partner reconciliation ------------------------------------------------------------- */

/**
 * cpv_vault_set_activity_reflected:
 * @on: the day the credits were seen on the portal, or 0 to clear the mark
 */
gboolean
cpv_vault_set_activity_reflected (CpvVault  *vault,
                                  gint64     activity_id,
                                  CpvDay     on,
                                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, "UPDATE activity SET reflected_on = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  _cpv_bind_day (stmt, 1, on);
  sqlite3_bind_int64 (stmt, 2, activity_id);
  if (!_cpv_step_done (vault, stmt, N_("marking the activity reflected"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                   _("No activity with id %lld"), (long long) activity_id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "activities");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_get_activity_reflected:
 * @on: (out): the day, 0 when not marked
 */
gboolean
cpv_vault_get_activity_reflected (CpvVault  *vault,
                                  gint64     activity_id,
                                  CpvDay    *on,
                                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  *on = 0;
  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, "SELECT reflected_on FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CPV_AUDIT_ERROR, CPV_AUDIT_ERROR_NOT_FOUND,
                   _("No activity with id %lld"), (long long) activity_id);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the activity"));
      goto out;
    }
  *on = _cpv_column_day (stmt, 0);
  ok = TRUE;

out:
  _cpv_vault_unlock (vault);
  return ok;
}

static CpvFinding *
finding_new (const char *rule,
             CpvSeverity severity,
             gint64      activity_id,
             char       *text)
{
  CpvFinding *finding = g_new0 (CpvFinding, 1);

  finding->rule = g_strdup (rule);
  finding->severity = severity;
  finding->activity_id = activity_id;
  finding->text = text;
  return finding;
}

/* The activity's credential for the partner period: the first it counts for. */
static CpvCredential *
credential_of (CpvActivity *activity,
               GPtrArray   *credentials)
{
  for (guint i = 0; i < credentials->len; i++)
    if (_cpv_activity_counts_for (activity, credentials->pdata[i]))
      return credentials->pdata[i];
  return NULL;
}

static GPtrArray *
partner_findings (CpvVault            *vault,
                  CpvProgramRegistry  *registry,
                  CpvDay               today,
                  GHashTable          *finding_credentials,
                  GError             **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) reflected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  GPtrArray *result = NULL;
  int rc;

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  activities = cpv_vault_list_activities (vault, error);
  if (activities == NULL)
    goto out;
  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, "SELECT id FROM activity WHERE reflected_on IS NOT NULL",
                             error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (reflected, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                            sizeof (gint64)));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading activities"));
      goto out;
    }

  for (guint i = 0; i < activities->len; i++)
    {
      CpvActivity *activity = activities->pdata[i];
      CpvCredential *credential;
      CpvDay end, limit;
      char limit_text[11];

      if (!activity->auto_submitted || g_hash_table_contains (reflected, &activity->id))
        continue;
      if (!cpv_day_parse (activity->end_date, &end))
        continue;
      credential = credential_of (activity, credentials);
      limit = _cpv_keeping_period_add (registry, credential, _CPV_PERIOD_PARTNER_REFLECTION,
                                       end);
      if (today <= limit)
        continue;
      cpv_day_format_buf (limit, limit_text);
      g_ptr_array_add (findings,
                       finding_new (_cpv_keeping_period_rule (registry, credential,
                                                              _CPV_PERIOD_PARTNER_REFLECTION),
                                    CPV_SEVERITY_WARNING, activity->id,
                                    g_strdup_printf (_("“%s” was to be added by ISC2 or a CPE "
                                                       "partner and is not marked as reflected "
                                                       "on the portal (expected by %s): check "
                                                       "the portal and contact the partner"),
                                                     activity->title, limit_text)));
      if (finding_credentials != NULL)
        g_hash_table_insert (finding_credentials, findings->pdata[findings->len - 1],
                             g_object_ref (activity));   /* outlives the activity list */
    }
  result = g_steal_pointer (&findings);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_audit_partner_findings:
 * @registry: (nullable): the programs, for the reflection period (else 6 weeks)
 *
 * Returns: (transfer container) (element-type CpvFinding): ISC2-PARTNER-1 findings, or %NULL
 *   with @error set
 */
GPtrArray *
cpv_audit_partner_findings (CpvVault            *vault,
                            CpvProgramRegistry  *registry,
                            CpvDay               today,
                            GError             **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  return partner_findings (vault, registry, today, NULL, error);
}

static CpvDeadline *
deadline_new (const char *kind,
              CpvDay      date,
              char       *label)
{
  CpvDeadline *deadline = g_new0 (CpvDeadline, 1);

  deadline->kind = g_strdup (kind);
  deadline->date = date;
  deadline->amount = -1;
  deadline->label = label;
  return deadline;
}

static int
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const CpvDeadline *da = *(CpvDeadline * const *) a;
  const CpvDeadline *db = *(CpvDeadline * const *) b;

  return da->date < db->date ? -1 : da->date > db->date;
}

static CpvCredentialStatus *
status_of (CpvStatus *status,
           gint64     credential_id)
{
  return (CpvCredentialStatus *) cpv_status_lookup (status, credential_id);
}

/**
 * cpv_audit_add_to_status:
 *
 * Adds to @status, per credential: an "audit-response" deadline for each open request, an
 * "appeal" deadline for each rejection whose window is open on the status day, and the
 * ISC2-PARTNER-1 findings of the activities that count for the credential.
 */
gboolean
cpv_audit_add_to_status (CpvVault            *vault,
                         CpvProgramRegistry  *registry,
                         CpvStatus           *status,
                         GError             **error)
{
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GHashTable) finding_activity = g_hash_table_new_full (NULL, NULL, NULL,
                                                                  g_object_unref);

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  audits = cpv_vault_list_audits (vault, registry, 0, error);
  if (audits == NULL)
    return FALSE;
  findings = partner_findings (vault, registry, status->on, finding_activity, error);
  if (findings == NULL)
    return FALSE;
  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    return FALSE;

  for (guint i = 0; i < audits->len; i++)
    {
      CpvAuditRequest *request = audits->pdata[i];
      CpvCredentialStatus *credential_status = status_of (status, request->credential_id);

      if (credential_status == NULL)
        continue;
      if (request->status == CPV_AUDIT_STATUS_OPEN)
        g_ptr_array_add (credential_status->deadlines,
                         deadline_new ("audit-response", request->due,
                                       g_strdup_printf (_("Answer audit request %lld "
                                                          "(ISC2-AUDIT-1)"),
                                                        (long long) request->id)));
      if (request->appeal_until != 0 && request->appeal_filed_on == 0 &&
          status->on <= request->appeal_until)
        g_ptr_array_add (credential_status->deadlines,
                         deadline_new ("appeal", request->appeal_until,
                                       g_strdup_printf (_("Last day to appeal the rejection of "
                                                          "audit request %lld (ISC2-APPEAL-1)"),
                                                        (long long) request->id)));
      g_ptr_array_sort (credential_status->deadlines, compare_deadlines);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      CpvFinding *finding = findings->pdata[i];
      CpvActivity *activity = g_hash_table_lookup (finding_activity, finding);

      for (guint j = 0; activity != NULL && j < credentials->len; j++)
        {
          CpvCredential *credential = credentials->pdata[j];
          CpvCredentialStatus *credential_status = status_of (status, credential->id);

          if (credential_status == NULL || !_cpv_activity_counts_for (activity, credential))
            continue;
          g_ptr_array_add (credential_status->findings,
                           finding_new (finding->rule, finding->severity, finding->activity_id,
                                        g_strdup (finding->text)));
        }
    }
  return TRUE;
}

/* ---- duplicates --------------------------------------------------------------------------- */

void
cpv_duplicate_free (CpvDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->title);
  g_free (duplicate->reason);
  g_free (duplicate->rule);
  g_free (duplicate);
}

static void
add_duplicate (GPtrArray   *list,
               gint64       activity_id,
               const char  *title,
               const char  *reason)
{
  CpvDuplicate *duplicate;

  for (guint i = 0; i < list->len; i++)
    {
      CpvDuplicate *existing = list->pdata[i];

      if (existing->activity_id == activity_id)
        {
          char *both = g_strdup_printf ("%s; %s", existing->reason, reason);

          g_free (existing->reason);
          existing->reason = both;
          return;
        }
    }
  duplicate = g_new0 (CpvDuplicate, 1);
  duplicate->activity_id = activity_id;
  duplicate->title = g_strdup (title);
  duplicate->reason = g_strdup (reason);
  duplicate->rule = g_strdup (DUPLICATE_RULE);
  g_ptr_array_add (list, duplicate);
}

/**
 * cpv_vault_find_duplicates:
 * @candidate: the activity being entered (or edited: its own id is skipped)
 * @evidence_sha256: (nullable) (array zero-terminated=1): SHA-256 (hex) of the files about to
 *   be attached
 *
 * Returns: (transfer container) (element-type CpvDuplicate): likely duplicates, empty when
 *   none; %NULL with @error set
 */
GPtrArray *
cpv_vault_find_duplicates (CpvVault           *vault,
                           CpvActivity        *candidate,
                           const char * const *evidence_sha256,
                           GError            **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_duplicate_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) by_hash = NULL;
  g_autofree char *title = NULL;
  g_autofree char *provider = NULL;
  GPtrArray *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (CPV_IS_ACTIVITY (candidate), NULL);

  title = _cpv_normalize_text (candidate->title);
  provider = _cpv_normalize_text (candidate->provider);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  /* Dates narrow the rows; title and provider are compared after normalisation. */
  stmt = _cpv_vault_prepare (vault,
                             "SELECT id, title, provider FROM activity WHERE start_date = ? "
                             "AND end_date = ? AND id <> ? ORDER BY id", error);
  if (stmt == NULL)
    goto out;
  _cpv_bind_text_or_null (stmt, 1, candidate->start_date);
  _cpv_bind_text_or_null (stmt, 2, candidate->end_date);
  sqlite3_bind_int64 (stmt, 3, candidate->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *other_title = _cpv_normalize_text (_cpv_column_text (stmt, 1));
      g_autofree char *other_provider = _cpv_normalize_text (_cpv_column_text (stmt, 2));

      if (*title != '\0' && g_str_equal (title, other_title) &&
          g_str_equal (provider, other_provider))
        add_duplicate (list, sqlite3_column_int64 (stmt, 0), _cpv_column_text (stmt, 1),
                       _("same title, dates and provider"));
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("looking for duplicates"));
      goto out;
    }

  if (evidence_sha256 != NULL)
    {
      by_hash = _cpv_vault_prepare (vault,
                                    "SELECT a.id, a.title FROM activity a "
                                    "JOIN activity_evidence ae ON ae.activity_id = a.id "
                                    "JOIN evidence e ON e.id = ae.evidence_id "
                                    "WHERE e.sha256 = ? AND a.id <> ? ORDER BY a.id", error);
      if (by_hash == NULL)
        goto out;
      for (guint i = 0; evidence_sha256[i] != NULL; i++)
        {
          g_autofree char *lower = g_ascii_strdown (evidence_sha256[i], -1);

          sqlite3_reset (by_hash);
          sqlite3_bind_text (by_hash, 1, lower, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (by_hash, 2, candidate->id);
          while ((rc = sqlite3_step (by_hash)) == SQLITE_ROW)
            add_duplicate (list, sqlite3_column_int64 (by_hash, 0),
                           _cpv_column_text (by_hash, 1), _("same evidence file"));
          if (rc != SQLITE_DONE)
            {
              _cpv_vault_set_sql_error (vault, error, rc, N_("looking for duplicates"));
              goto out;
            }
        }
    }
  result = g_steal_pointer (&list);

out:
  _cpv_vault_unlock (vault);
  return result;
}
