/* cpv-jrca-store.c — JRCA registrations, audit records and CPD records in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-store"

#include "config.h"

#include "cpv-jrca-store.h"
#include "cpv-records-private.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define REGISTRATION_COLUMNS \
  "id, credential_id, grade, registration_number, maintenance_deadline, expiry_date, " \
  "previous_maintenance_application, previous_renewal_application, reupgrade, downgrade_date, " \
  "expert_only, expert_kept_grade, cpd_hours_required, applicant_name"

#define AUDIT_COLUMNS \
  "id, credential_id, organisation, organisation_id, certification_body, body_iaf_accredited, " \
  "management_system, audit_type, onsite_start, onsite_end, combined, role, isms_roles, " \
  "team_leader_name, team_lead, team_lead_number, team_lead_name, attested_by_org, " \
  "attested_by_body, has_schedule, has_report, has_form_3a, masked, contact"

#define CPD_COLUMNS \
  "id, credential_id, day, hours, kind, title, provider, purpose, learned, has_certificate, " \
  "has_program, body_signature, has_schedule"

#define KNOWN_ISMS_ROLES (CPV_JRCA_ISMS_ROLES_LEADER_ALL)

/* 氏名 as printed on the forms: one line, at most this many characters once trimmed. */
#define APPLICANT_NAME_MAX_CHARS 100

/* Helpers */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
day_is_valid (CpvDay day)
{
  return day != 0 && g_date_valid_julian (day);
}

/* Called with the vault locked: a person-readable NOT_FOUND instead of a foreign-key error. */
static gboolean
credential_exists (CpvVault  *vault,
                   gint64     credential_id,
                   GError   **error)
{
  return _cpv_records_row_exists (vault, "SELECT 1 FROM credential WHERE id = ?", credential_id,
                                  N_("credential"), N_("looking up the credential"), error);
}

/* Reads the records of a table: with the vault locked, those whose @where matches the bound
 * @id, or %NULL with @error set. */
typedef GPtrArray *(*ReadRecords) (CpvVault    *vault,
                                   const char  *where,
                                   gint64       id,
                                   GError     **error);

static GPtrArray *
read_locked (CpvVault     *vault,
             ReadRecords   read,
             const char   *where,
             gint64        id,
             GError      **error)
{
  GPtrArray *list = NULL;

  if (_cpv_vault_lock (vault, error) != NULL)
    list = read (vault, where, id, error);
  _cpv_vault_unlock (vault);
  return list;
}

/* The record @id that @read reads; NOT_FOUND (@what, an N_() noun) when there is none. */
static gpointer
read_one (CpvVault     *vault,
          ReadRecords   read,
          gint64        id,
          const char   *what,
          GError      **error)
{
  g_autoptr(GPtrArray) list = read_locked (vault, read, "id = ?", id, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      _cpv_records_not_found (error, what, id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* Inserts one row with the vault locked inside a transaction; @bind binds from index 2. */
static gint64
insert_row (CpvVault      *vault,
            const char    *sql,
            gint64         credential_id,
            void         (*bind) (sqlite3_stmt *stmt, gconstpointer record),
            gconstpointer  record,
            int            n_bound,
            const char    *doing,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gint64 id = 0;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !credential_exists (vault, credential_id, error))
    goto out;
  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    goto out;
  now = _cpv_now_iso ();
  sqlite3_bind_int64 (stmt, 1, credential_id);
  bind (stmt, record);
  sqlite3_bind_text (stmt, n_bound + 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, n_bound + 2, now, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, stmt, doing, error))
    goto out;
  id = sqlite3_last_insert_rowid (db);
  _cpv_vault_emit_changed (vault, "jrca");

out:
  _cpv_vault_unlock (vault);
  return id;
}

/* Changes one row in one transaction; @bind binds from index 2 like insert_row(), then come
 * the time of the change and the row's id. NOT_FOUND (@what) when there is no such row. */
static gboolean
update_row (CpvVault      *vault,
            const char    *sql,
            gint64         credential_id,
            gint64         id,
            void         (*bind) (sqlite3_stmt *stmt, gconstpointer record),
            gconstpointer  record,
            int            n_bound,
            const char    *doing,
            const char    *what,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!credential_exists (vault, credential_id, error))
    goto fail;
  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    goto fail;
  now = _cpv_now_iso ();
  sqlite3_bind_int64 (stmt, 1, credential_id);
  bind (stmt, record);
  sqlite3_bind_text (stmt, n_bound + 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, n_bound + 2, id);
  if (!_cpv_step_done (vault, stmt, doing, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, what, id);
      goto fail;
    }
  if (!_cpv_vault_commit (vault, error))
    goto fail;
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

/* Validation: every field a person typed, before anything touches the vault. */

gboolean
cpv_jrca_registration_validate (const CpvJrcaRegistration  *registration,
                                GError                    **error)
{
  CpvDay dates[5];

  g_return_val_if_fail (registration != NULL, FALSE);

  dates[0] = registration->maintenance_deadline;
  dates[1] = registration->expiry_date;
  dates[2] = registration->previous_maintenance_application;
  dates[3] = registration->previous_renewal_application;
  dates[4] = registration->downgrade_date;

  if (registration->grade > CPV_JRCA_GRADE_EXPERT)
    return invalid (error, _("The grade must be assistant, auditor, lead or expert."));
  if (registration->expert_kept_grade >= CPV_JRCA_GRADE_EXPERT)
    return invalid (error, _("The grade kept beside the expert registration must be assistant, "
                             "auditor or lead."));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] != 0 && !g_date_valid_julian (dates[i]))
      return invalid (error, _("A registration date is not a valid calendar day."));
  if (!isfinite (registration->cpd_hours_required))
    return invalid (error, _("The yearly CPD hours must be a number, e.g. 10."));
  if (registration->applicant_name != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (registration->applicant_name));

      if (!g_utf8_validate (name, -1, NULL))
        return invalid (error, _("The name on the forms is not valid text."));
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          return invalid (error, _("The name on the forms must be one line of text."));
      if (g_utf8_strlen (name, -1) > APPLICANT_NAME_MAX_CHARS)
        return invalid (error, _("The name on the forms can be at most 100 characters long."));
    }
  for (guint i = 0; registration->other_lead_ms != NULL && registration->other_lead_ms[i]; i++)
    {
      const char *ms = registration->other_lead_ms[i];

      if (is_blank (ms))
        return invalid (error, _("A management system in which you are a lead auditor needs its "
                                 "code, e.g. QMS."));
      if (g_ascii_strcasecmp (ms, "ISMS") == 0)
        return invalid (error, _("List only management systems other than ISMS as those in which "
                                 "you are a JRCA lead auditor."));
    }
  return TRUE;
}

gboolean
cpv_jrca_audit_validate (const CpvJrcaAudit  *audit,
                         GError             **error)
{
  CpvDay end;

  g_return_val_if_fail (audit != NULL, FALSE);

  if (is_blank (audit->organisation))
    return invalid (error, _("An audit record needs the audited organisation (a name that shows "
                             "the scope)."));
  if (is_blank (audit->management_system))
    return invalid (error, _("An audit record needs its management system, e.g. ISMS."));
  if (!day_is_valid (audit->onsite_start))
    return invalid (error, _("An audit record needs the first on-site day."));
  end = audit->onsite_end != 0 ? audit->onsite_end : audit->onsite_start;
  if (!g_date_valid_julian (end))
    return invalid (error, _("The last on-site day is not a valid calendar day."));
  if (end < audit->onsite_start)
    return invalid (error, _("The on-site audit ends before it starts."));
  if (audit->role > CPV_JRCA_ROLE_OBSERVER)
    return invalid (error, _("The role must be leader, member, OJT or observer."));
  if (audit->team_lead > CPV_JRCA_TEAM_LEAD_OTHER)
    return invalid (error, _("The JRCA lead or expert auditor on the team must be none, yourself "
                             "or another person."));
  if (audit->team_lead == CPV_JRCA_TEAM_LEAD_OTHER && is_blank (audit->team_lead_number))
    return invalid (error, _("Enter the registration number of the JRCA lead or expert auditor "
                             "on the team."));
  if ((audit->isms_roles & ~(guint) KNOWN_ISMS_ROLES) != 0)
    return invalid (error, _("An ISMS-specific role is not one CPE Vault knows."));

  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    {
      const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, i);

      if (!day_is_valid (day->date) || day->date < audit->onsite_start || day->date > end)
        return invalid (error, _("Each audit day must fall between the first and the last "
                                 "on-site day."));
      if (!isfinite (day->isms_hours) || day->isms_hours < 0 || day->isms_hours > 24)
        return invalid (error, _("The ISMS hours of an audit day must be between 0 and 24."));
      for (guint j = 0; j < i; j++)
        if (g_array_index (audit->days, CpvJrcaAuditDay, j).date == day->date)
          return invalid (error, _("An audit day is entered twice: enter each day's hours once "
                                   "(hours cannot be moved between days)."));
    }
  return TRUE;
}

gboolean
cpv_jrca_cpd_validate (const CpvJrcaCpd  *cpd,
                       GError           **error)
{
  g_return_val_if_fail (cpd != NULL, FALSE);

  if (!day_is_valid (cpd->date))
    return invalid (error, _("A CPD record needs its date."));
  if (!isfinite (cpd->hours) || cpd->hours <= 0)
    return invalid (error, _("The CPD hours must be a number above zero, e.g. 1.5."));
  if (cpd->kind > CPV_JRCA_CPD_AUDIT_EXPERIENCE)
    return invalid (error, _("The CPD kind must be one of the five of JRCA AI340 (JRCA course, "
                             "accredited body's training, other training, self-study, audit "
                             "experience)."));
  if (is_blank (cpd->title))
    return invalid (error, _("A CPD record needs a title or theme."));
  return TRUE;
}

/* Registrations */

static void
bind_registration (sqlite3_stmt              *stmt,
                   const CpvJrcaRegistration *registration)
{
  g_autofree char *name = NULL;

  sqlite3_bind_int64 (stmt, 1, registration->credential_id);
  sqlite3_bind_text (stmt, 2, cpv_jrca_grade_to_key (registration->grade), -1, SQLITE_STATIC);
  _cpv_bind_text_or_null (stmt, 3, registration->registration_number);
  _cpv_bind_day (stmt, 4, registration->maintenance_deadline);
  _cpv_bind_day (stmt, 5, registration->expiry_date);
  _cpv_bind_day (stmt, 6, registration->previous_maintenance_application);
  _cpv_bind_day (stmt, 7, registration->previous_renewal_application);
  sqlite3_bind_int (stmt, 8, registration->reupgrade ? 1 : 0);
  _cpv_bind_day (stmt, 9, registration->downgrade_date);
  sqlite3_bind_int (stmt, 10, registration->expert_only ? 1 : 0);
  sqlite3_bind_text (stmt, 11, cpv_jrca_grade_to_key (registration->expert_kept_grade), -1,
                     SQLITE_STATIC);
  if (registration->cpd_hours_required >= 0)
    sqlite3_bind_double (stmt, 12, registration->cpd_hours_required);
  else
    sqlite3_bind_null (stmt, 12);
  /* Stored trimmed; a blank name is no name. */
  name = registration->applicant_name != NULL
         ? g_strstrip (g_strdup (registration->applicant_name)) : NULL;
  _cpv_bind_text_or_null (stmt, 13, name);
}

static gboolean
write_other_lead_ms (CpvVault                  *vault,
                     const CpvJrcaRegistration *registration,
                     GError                   **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = _cpv_vault_prepare (vault, "DELETE FROM jrca_other_lead_ms WHERE registration_id = ?",
                              error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, registration->id);
  if (!_cpv_step_done (vault, clear, N_("saving the registration"), error))
    return FALSE;

  insert = _cpv_vault_prepare (vault, "INSERT OR IGNORE INTO jrca_other_lead_ms "
                                      "(registration_id, ms) VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; registration->other_lead_ms != NULL && registration->other_lead_ms[i]; i++)
    {
      g_autofree char *ms = g_strstrip (g_ascii_strup (registration->other_lead_ms[i], -1));

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, registration->id);
      sqlite3_bind_text (insert, 2, ms, -1, SQLITE_TRANSIENT);
      if (!_cpv_step_done (vault, insert, N_("saving the registration"), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * cpv_vault_add_jrca_registration:
 *
 * Validates and stores the registration of @registration->credential_id; sets
 * @registration->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_jrca_registration (CpvVault             *vault,
                                 CpvJrcaRegistration  *registration,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_jrca_registration_validate (registration, error))
    return 0;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!credential_exists (vault, registration->credential_id, error))
    goto fail;
  exists = _cpv_vault_prepare (vault, "SELECT 1 FROM jrca_registration WHERE credential_id = ?",
                               error);
  if (exists == NULL)
    goto fail;
  sqlite3_bind_int64 (exists, 1, registration->credential_id);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_ROW)
    {
      invalid (error, _("This credential already has a JRCA registration; change that one."));
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("adding the registration"));
      goto fail;
    }

  stmt = _cpv_vault_prepare (vault,
                             "INSERT INTO jrca_registration (credential_id, grade, "
                             "registration_number, maintenance_deadline, expiry_date, "
                             "previous_maintenance_application, previous_renewal_application, "
                             "reupgrade, downgrade_date, expert_only, expert_kept_grade, "
                             "cpd_hours_required, applicant_name) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    goto fail;
  bind_registration (stmt, registration);
  if (!_cpv_step_done (vault, stmt, N_("adding the registration"), error))
    goto fail;
  registration->id = sqlite3_last_insert_rowid (db);
  if (!write_other_lead_ms (vault, registration, error) || !_cpv_vault_commit (vault, error))
    {
      registration->id = 0;
      goto fail;
    }
  id = registration->id;
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return id;
}

gboolean
cpv_vault_update_jrca_registration (CpvVault                   *vault,
                                    const CpvJrcaRegistration  *registration,
                                    GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_jrca_registration_validate (registration, error))
    return FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "UPDATE jrca_registration SET credential_id = ?, grade = ?, "
                             "registration_number = ?, maintenance_deadline = ?, "
                             "expiry_date = ?, previous_maintenance_application = ?, "
                             "previous_renewal_application = ?, reupgrade = ?, "
                             "downgrade_date = ?, expert_only = ?, expert_kept_grade = ?, "
                             "cpd_hours_required = ?, applicant_name = ? "
                             "WHERE id = ? AND credential_id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_registration (stmt, registration);
  sqlite3_bind_int64 (stmt, 14, registration->id);
  sqlite3_bind_int64 (stmt, 15, registration->credential_id);
  if (!_cpv_step_done (vault, stmt, N_("changing the registration"), error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, N_("JRCA registration"), registration->id);
      goto fail;
    }
  if (!write_other_lead_ms (vault, registration, error) || !_cpv_vault_commit (vault, error))
    goto fail;
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

static CpvJrcaRegistration *
registration_from_row (sqlite3_stmt *stmt)
{
  CpvJrcaRegistration *registration = cpv_jrca_registration_new ();

  registration->id = sqlite3_column_int64 (stmt, 0);
  registration->credential_id = sqlite3_column_int64 (stmt, 1);
  cpv_jrca_grade_from_key (_cpv_column_text (stmt, 2), &registration->grade);
  registration->registration_number = _cpv_column_dup (stmt, 3);
  registration->maintenance_deadline = _cpv_column_day (stmt, 4);
  registration->expiry_date = _cpv_column_day (stmt, 5);
  registration->previous_maintenance_application = _cpv_column_day (stmt, 6);
  registration->previous_renewal_application = _cpv_column_day (stmt, 7);
  registration->reupgrade = sqlite3_column_int (stmt, 8) != 0;
  registration->downgrade_date = _cpv_column_day (stmt, 9);
  registration->expert_only = sqlite3_column_int (stmt, 10) != 0;
  cpv_jrca_grade_from_key (_cpv_column_text (stmt, 11), &registration->expert_kept_grade);
  registration->cpd_hours_required = sqlite3_column_type (stmt, 12) == SQLITE_NULL
                                     ? -1 : sqlite3_column_double (stmt, 12);
  registration->applicant_name = _cpv_column_dup (stmt, 13);
  return registration;
}

/* Called with the vault locked. Sets *out_registration to NULL when there is none. */
static gboolean
read_registration (CpvVault             *vault,
                   gint64                credential_id,
                   CpvJrcaRegistration **out_registration,
                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ms = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  int rc;

  *out_registration = NULL;
  stmt = _cpv_vault_prepare (vault, "SELECT " REGISTRATION_COLUMNS " FROM jrca_registration "
                                    "WHERE credential_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, credential_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the registration"));
      return FALSE;
    }
  registration = registration_from_row (stmt);

  ms = _cpv_vault_prepare (vault, "SELECT ms FROM jrca_other_lead_ms WHERE registration_id = ? "
                                  "ORDER BY ms", error);
  if (ms == NULL)
    return FALSE;
  sqlite3_bind_int64 (ms, 1, registration->id);
  codes = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (ms)) == SQLITE_ROW)
    g_ptr_array_add (codes, _cpv_column_dup (ms, 0));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the registration"));
      return FALSE;
    }
  if (codes->len > 0)
    {
      g_ptr_array_add (codes, NULL);
      registration->other_lead_ms = (GStrv) g_ptr_array_steal (codes, NULL);
    }
  *out_registration = g_steal_pointer (&registration);
  return TRUE;
}

CpvJrcaRegistration *
cpv_vault_get_jrca_registration (CpvVault  *vault,
                                 gint64     credential_id,
                                 GError   **error)
{
  CpvJrcaRegistration *registration = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) != NULL &&
      read_registration (vault, credential_id, &registration, error) &&
      registration == NULL)
    g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND,
                 _("The credential with id %lld has no JRCA registration."),
                 (long long) credential_id);
  _cpv_vault_unlock (vault);
  return registration;
}

gboolean
cpv_vault_remove_jrca_registration (CpvVault  *vault,
                                    gint64     credential_id,
                                    GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault,
                                    "DELETE FROM jrca_registration WHERE credential_id = ?",
                                    credential_id, N_("JRCA registration of credential"),
                                    "jrca", error);
}

/* Audit records */

static void
bind_audit (sqlite3_stmt       *stmt,
            const CpvJrcaAudit *audit)
{
  sqlite3_bind_int64 (stmt, 1, audit->credential_id);
  sqlite3_bind_text (stmt, 2, audit->organisation, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (stmt, 3, audit->organisation_id);
  _cpv_bind_text_or_null (stmt, 4, audit->certification_body);
  sqlite3_bind_int (stmt, 5, audit->body_iaf_accredited ? 1 : 0);
  sqlite3_bind_text (stmt, 6, audit->management_system, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (stmt, 7, audit->audit_type);
  _cpv_bind_day (stmt, 8, audit->onsite_start);
  _cpv_bind_day (stmt, 9, audit->onsite_end != 0 ? audit->onsite_end : audit->onsite_start);
  sqlite3_bind_int (stmt, 10, audit->combined ? 1 : 0);
  sqlite3_bind_text (stmt, 11, cpv_jrca_role_to_key (audit->role), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, audit->isms_roles);
  _cpv_bind_text_or_null (stmt, 13, audit->team_leader_name);
  sqlite3_bind_text (stmt, 14, cpv_jrca_team_lead_to_key (audit->team_lead), -1, SQLITE_STATIC);
  _cpv_bind_text_or_null (stmt, 15, audit->team_lead_number);
  _cpv_bind_text_or_null (stmt, 16, audit->team_lead_name);
  sqlite3_bind_int (stmt, 17, audit->attested_by_org ? 1 : 0);
  sqlite3_bind_int (stmt, 18, audit->attested_by_body ? 1 : 0);
  sqlite3_bind_int (stmt, 19, audit->has_schedule ? 1 : 0);
  sqlite3_bind_int (stmt, 20, audit->has_report ? 1 : 0);
  sqlite3_bind_int (stmt, 21, audit->has_form_3a ? 1 : 0);
  sqlite3_bind_int (stmt, 22, audit->masked ? 1 : 0);
  _cpv_bind_text_or_null (stmt, 23, audit->contact);
}

static gboolean
write_audit_days (CpvVault            *vault,
                  const CpvJrcaAudit  *audit,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = _cpv_vault_prepare (vault, "DELETE FROM jrca_audit_day WHERE audit_id = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, audit->id);
  if (!_cpv_step_done (vault, clear, N_("saving the audit days"), error))
    return FALSE;

  insert = _cpv_vault_prepare (vault, "INSERT INTO jrca_audit_day (audit_id, day, isms_hours) "
                                      "VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    {
      const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, i);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, audit->id);
      _cpv_bind_day (insert, 2, day->date);
      sqlite3_bind_double (insert, 3, day->isms_hours);
      if (!_cpv_step_done (vault, insert, N_("saving the audit days"), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * cpv_vault_add_jrca_audit:
 *
 * Validates and stores an audit record with its days; sets @audit->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_jrca_audit (CpvVault      *vault,
                          CpvJrcaAudit  *audit,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gint64 id = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_jrca_audit_validate (audit, error))
    return 0;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!credential_exists (vault, audit->credential_id, error))
    goto fail;
  stmt = _cpv_vault_prepare (vault,
                             "INSERT INTO jrca_audit (credential_id, organisation, "
                             "organisation_id, certification_body, body_iaf_accredited, "
                             "management_system, audit_type, onsite_start, onsite_end, combined, "
                             "role, isms_roles, team_leader_name, team_lead, team_lead_number, "
                             "team_lead_name, attested_by_org, attested_by_body, has_schedule, "
                             "has_report, has_form_3a, masked, contact, created, updated) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  now = _cpv_now_iso ();
  bind_audit (stmt, audit);
  sqlite3_bind_text (stmt, 24, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 25, now, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, stmt, N_("adding the audit record"), error))
    goto fail;
  audit->id = sqlite3_last_insert_rowid (db);
  if (!write_audit_days (vault, audit, error) || !_cpv_vault_commit (vault, error))
    {
      audit->id = 0;
      goto fail;
    }
  id = audit->id;
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return id;
}

gboolean
cpv_vault_update_jrca_audit (CpvVault            *vault,
                             const CpvJrcaAudit  *audit,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_jrca_audit_validate (audit, error))
    return FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!credential_exists (vault, audit->credential_id, error))
    goto fail;
  stmt = _cpv_vault_prepare (vault,
                             "UPDATE jrca_audit SET credential_id = ?, organisation = ?, "
                             "organisation_id = ?, certification_body = ?, "
                             "body_iaf_accredited = ?, management_system = ?, audit_type = ?, "
                             "onsite_start = ?, onsite_end = ?, combined = ?, role = ?, "
                             "isms_roles = ?, team_leader_name = ?, team_lead = ?, "
                             "team_lead_number = ?, team_lead_name = ?, attested_by_org = ?, "
                             "attested_by_body = ?, has_schedule = ?, has_report = ?, "
                             "has_form_3a = ?, masked = ?, contact = ?, updated = ? "
                             "WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  now = _cpv_now_iso ();
  bind_audit (stmt, audit);
  sqlite3_bind_text (stmt, 24, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 25, audit->id);
  if (!_cpv_step_done (vault, stmt, N_("changing the audit record"), error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, N_("audit record"), audit->id);
      goto fail;
    }
  if (!write_audit_days (vault, audit, error) || !_cpv_vault_commit (vault, error))
    goto fail;
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

static CpvJrcaAudit *
audit_from_row (sqlite3_stmt *stmt)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();

  audit->id = sqlite3_column_int64 (stmt, 0);
  audit->credential_id = sqlite3_column_int64 (stmt, 1);
  audit->organisation = _cpv_column_dup (stmt, 2);
  audit->organisation_id = _cpv_column_dup (stmt, 3);
  audit->certification_body = _cpv_column_dup (stmt, 4);
  audit->body_iaf_accredited = sqlite3_column_int (stmt, 5) != 0;
  audit->management_system = _cpv_column_dup (stmt, 6);
  audit->audit_type = _cpv_column_dup (stmt, 7);
  audit->onsite_start = _cpv_column_day (stmt, 8);
  audit->onsite_end = _cpv_column_day (stmt, 9);
  audit->combined = sqlite3_column_int (stmt, 10) != 0;
  cpv_jrca_role_from_key (_cpv_column_text (stmt, 11), &audit->role);
  audit->isms_roles = (guint) sqlite3_column_int64 (stmt, 12);
  audit->team_leader_name = _cpv_column_dup (stmt, 13);
  cpv_jrca_team_lead_from_key (_cpv_column_text (stmt, 14), &audit->team_lead);
  audit->team_lead_number = _cpv_column_dup (stmt, 15);
  audit->team_lead_name = _cpv_column_dup (stmt, 16);
  audit->attested_by_org = sqlite3_column_int (stmt, 17) != 0;
  audit->attested_by_body = sqlite3_column_int (stmt, 18) != 0;
  audit->has_schedule = sqlite3_column_int (stmt, 19) != 0;
  audit->has_report = sqlite3_column_int (stmt, 20) != 0;
  audit->has_form_3a = sqlite3_column_int (stmt, 21) != 0;
  audit->masked = sqlite3_column_int (stmt, 22) != 0;
  audit->contact = _cpv_column_dup (stmt, 23);
  return audit;
}

/* Called with the vault locked. @where selects audits by the bound id; days are attached in
 * one pass over jrca_audit_day. */
static GPtrArray *
read_audits (CpvVault    *vault,
             const char  *where,
             gint64       id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) days = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_audit_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = NULL;
  g_autofree char *days_sql = NULL;
  int rc;

  sql = g_strconcat ("SELECT " AUDIT_COLUMNS " FROM jrca_audit WHERE ", where,
                     " ORDER BY onsite_start, id", NULL);
  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpvJrcaAudit *audit = audit_from_row (stmt);

      g_ptr_array_add (list, audit);
      g_hash_table_insert (by_id, &audit->id, audit);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading audit records"));
      return NULL;
    }

  days_sql = g_strconcat ("SELECT audit_id, day, isms_hours FROM jrca_audit_day "
                          "WHERE audit_id IN (SELECT id FROM jrca_audit WHERE ", where, ") "
                          "ORDER BY audit_id, day", NULL);
  days = _cpv_vault_prepare (vault, days_sql, error);
  if (days == NULL)
    return NULL;
  sqlite3_bind_int64 (days, 1, id);
  while ((rc = sqlite3_step (days)) == SQLITE_ROW)
    {
      gint64 audit_id = sqlite3_column_int64 (days, 0);
      CpvJrcaAudit *audit = g_hash_table_lookup (by_id, &audit_id);

      if (audit != NULL)
        cpv_jrca_audit_add_day (audit, _cpv_column_day (days, 1), sqlite3_column_double (days, 2));
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading audit days"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

CpvJrcaAudit *
cpv_vault_get_jrca_audit (CpvVault  *vault,
                          gint64     audit_id,
                          GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_one (vault, read_audits, audit_id, N_("audit record"), error);
}

gboolean
cpv_vault_remove_jrca_audit (CpvVault  *vault,
                             gint64     audit_id,
                             GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault, "DELETE FROM jrca_audit WHERE id = ?",
                                    audit_id, N_("audit record"), "jrca", error);
}

GPtrArray *
cpv_vault_list_jrca_audits (CpvVault  *vault,
                            gint64     credential_id,
                            GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_locked (vault, read_audits, "credential_id = ?", credential_id, error);
}

/* CPD records */

static void
bind_cpd (sqlite3_stmt  *stmt,
          gconstpointer  record)
{
  const CpvJrcaCpd *cpd = record;

  _cpv_bind_day (stmt, 2, cpd->date);
  sqlite3_bind_double (stmt, 3, cpd->hours);
  sqlite3_bind_text (stmt, 4, cpv_jrca_cpd_kind_to_key (cpd->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, cpd->title, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (stmt, 6, cpd->provider);
  _cpv_bind_text_or_null (stmt, 7, cpd->purpose);
  _cpv_bind_text_or_null (stmt, 8, cpd->learned);
  sqlite3_bind_int (stmt, 9, cpd->has_certificate ? 1 : 0);
  sqlite3_bind_int (stmt, 10, cpd->has_program ? 1 : 0);
  sqlite3_bind_int (stmt, 11, cpd->body_signature ? 1 : 0);
  sqlite3_bind_int (stmt, 12, cpd->has_schedule ? 1 : 0);
}

/**
 * cpv_vault_add_jrca_cpd:
 *
 * Validates and stores a CPD record; sets @cpd->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_jrca_cpd (CpvVault    *vault,
                        CpvJrcaCpd  *cpd,
                        GError     **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_jrca_cpd_validate (cpd, error))
    return 0;
  cpd->id = insert_row (vault,
                        "INSERT INTO jrca_cpd (credential_id, day, hours, kind, title, "
                        "provider, purpose, learned, has_certificate, has_program, "
                        "body_signature, has_schedule, created, updated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        cpd->credential_id, bind_cpd, cpd, 12, N_("adding the CPD record"),
                        error);
  return cpd->id;
}

gboolean
cpv_vault_update_jrca_cpd (CpvVault          *vault,
                           const CpvJrcaCpd  *cpd,
                           GError           **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_jrca_cpd_validate (cpd, error))
    return FALSE;
  return update_row (vault,
                     "UPDATE jrca_cpd SET credential_id = ?, day = ?, hours = ?, "
                     "kind = ?, title = ?, provider = ?, purpose = ?, learned = ?, "
                     "has_certificate = ?, has_program = ?, body_signature = ?, "
                     "has_schedule = ?, updated = ? WHERE id = ?",
                     cpd->credential_id, cpd->id, bind_cpd, cpd, 12,
                     N_("changing the CPD record"), N_("CPD record"), error);
}

static CpvJrcaCpd *
cpd_from_row (sqlite3_stmt *stmt)
{
  CpvJrcaCpd *cpd = cpv_jrca_cpd_new ();

  cpd->id = sqlite3_column_int64 (stmt, 0);
  cpd->credential_id = sqlite3_column_int64 (stmt, 1);
  cpd->date = _cpv_column_day (stmt, 2);
  cpd->hours = sqlite3_column_double (stmt, 3);
  cpv_jrca_cpd_kind_from_key (_cpv_column_text (stmt, 4), &cpd->kind);
  cpd->title = _cpv_column_dup (stmt, 5);
  cpd->provider = _cpv_column_dup (stmt, 6);
  cpd->purpose = _cpv_column_dup (stmt, 7);
  cpd->learned = _cpv_column_dup (stmt, 8);
  cpd->has_certificate = sqlite3_column_int (stmt, 9) != 0;
  cpd->has_program = sqlite3_column_int (stmt, 10) != 0;
  cpd->body_signature = sqlite3_column_int (stmt, 11) != 0;
  cpd->has_schedule = sqlite3_column_int (stmt, 12) != 0;
  return cpd;
}

/* Called with the vault locked. */
static GPtrArray *
read_cpd (CpvVault    *vault,
          const char  *where,
          gint64       id,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_cpd_free);
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strconcat ("SELECT " CPD_COLUMNS " FROM jrca_cpd WHERE ", where,
                     " ORDER BY day, id", NULL);
  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, cpd_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading CPD records"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

CpvJrcaCpd *
cpv_vault_get_jrca_cpd (CpvVault  *vault,
                        gint64     cpd_id,
                        GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_one (vault, read_cpd, cpd_id, N_("CPD record"), error);
}

gboolean
cpv_vault_remove_jrca_cpd (CpvVault  *vault,
                           gint64     cpd_id,
                           GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault, "DELETE FROM jrca_cpd WHERE id = ?",
                                    cpd_id, N_("CPD record"), "jrca", error);
}

GPtrArray *
cpv_vault_list_jrca_cpd (CpvVault  *vault,
                         gint64     credential_id,
                         GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_locked (vault, read_cpd, "credential_id = ?", credential_id, error);
}

/* Work history and business sectors */

#define WORK_COLUMNS \
  "id, credential_id, start_day, end_day, organisation, department, duties, kinds"
#define SECTOR_WORK_COLUMNS \
  "id, credential_id, sector, start_day, end_day, full_time, organisation, duties"

static gboolean
period_is_valid (CpvDay    start,
                 CpvDay    end,
                 GError  **error)
{
  if (!day_is_valid (start))
    return invalid (error, _("A period needs its first day."));
  if (end != 0 && !g_date_valid_julian (end))
    return invalid (error, _("The last day of the period is not a valid calendar day."));
  if (end != 0 && end < start)
    return invalid (error, _("The period ends before it starts."));
  return TRUE;
}

gboolean
cpv_jrca_work_validate (const CpvJrcaWork  *work,
                        GError            **error)
{
  g_return_val_if_fail (work != NULL, FALSE);

  if (!period_is_valid (work->start, work->end, error))
    return FALSE;
  if (is_blank (work->organisation))
    return invalid (error, _("A period of work history needs the organisation you worked for."));
  if ((work->kinds & ~(guint) (CPV_JRCA_WORK_IT | CPV_JRCA_WORK_SECURITY)) != 0)
    return invalid (error, _("The kind of experience must be IT, information-security "
                             "management, or both."));
  return TRUE;
}

gboolean
cpv_jrca_sector_work_validate (const CpvJrcaSectorWork  *sector_work,
                               GError                  **error)
{
  g_return_val_if_fail (sector_work != NULL, FALSE);

  if (sector_work->sector < 1 || sector_work->sector > CPV_JRCA_N_SECTORS)
    return invalid (error, _("The business sector must be a number from 1 to 39 (annex 3 of "
                             "JRCA AI340)."));
  return period_is_valid (sector_work->start, sector_work->end, error);
}

static void
bind_work (sqlite3_stmt  *stmt,
           gconstpointer  record)
{
  const CpvJrcaWork *work = record;

  _cpv_bind_day (stmt, 2, work->start);
  _cpv_bind_day (stmt, 3, work->end);
  sqlite3_bind_text (stmt, 4, work->organisation, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (stmt, 5, work->department);
  _cpv_bind_text_or_null (stmt, 6, work->duties);
  sqlite3_bind_int64 (stmt, 7, work->kinds);
}

static void
bind_sector_work (sqlite3_stmt  *stmt,
                  gconstpointer  record)
{
  const CpvJrcaSectorWork *sector_work = record;

  sqlite3_bind_int (stmt, 2, (int) sector_work->sector);
  _cpv_bind_day (stmt, 3, sector_work->start);
  _cpv_bind_day (stmt, 4, sector_work->end);
  sqlite3_bind_int (stmt, 5, sector_work->full_time ? 1 : 0);
  _cpv_bind_text_or_null (stmt, 6, sector_work->organisation);
  _cpv_bind_text_or_null (stmt, 7, sector_work->duties);
}

/**
 * cpv_vault_add_jrca_work:
 *
 * Validates and stores one period of work history; sets @work->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_jrca_work (CpvVault     *vault,
                         CpvJrcaWork  *work,
                         GError      **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_jrca_work_validate (work, error))
    return 0;
  work->id = insert_row (vault,
                         "INSERT INTO jrca_work (credential_id, start_day, end_day, "
                         "organisation, department, duties, kinds, created, updated) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         work->credential_id, bind_work, work, 7, N_("adding the work history"),
                         error);
  return work->id;
}

/**
 * cpv_vault_update_jrca_work:
 *
 * Validates @work, then changes the stored period @work->id in one transaction.
 *
 * Returns: %FALSE with @error set (INVALID, or NOT_FOUND when there is no such period)
 */
gboolean
cpv_vault_update_jrca_work (CpvVault           *vault,
                            const CpvJrcaWork  *work,
                            GError            **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_jrca_work_validate (work, error))
    return FALSE;
  return update_row (vault,
                     "UPDATE jrca_work SET credential_id = ?, start_day = ?, end_day = ?, "
                     "organisation = ?, department = ?, duties = ?, kinds = ?, updated = ? "
                     "WHERE id = ?",
                     work->credential_id, work->id, bind_work, work, 7,
                     N_("changing the work history"), N_("work history period"), error);
}

gboolean
cpv_vault_remove_jrca_work (CpvVault  *vault,
                            gint64     work_id,
                            GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault, "DELETE FROM jrca_work WHERE id = ?",
                                    work_id, N_("work history period"), "jrca", error);
}

/**
 * cpv_vault_add_jrca_sector_work:
 *
 * Validates and stores one period of work in a business sector; sets @sector_work->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_jrca_sector_work (CpvVault           *vault,
                                CpvJrcaSectorWork  *sector_work,
                                GError            **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_jrca_sector_work_validate (sector_work, error))
    return 0;
  sector_work->id = insert_row (vault,
                                "INSERT INTO jrca_sector_work (credential_id, sector, "
                                "start_day, end_day, full_time, organisation, duties, "
                                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                sector_work->credential_id, bind_sector_work, sector_work, 7,
                                N_("adding the business sector"), error);
  return sector_work->id;
}

/**
 * cpv_vault_update_jrca_sector_work:
 *
 * Validates @sector_work, then changes the stored period @sector_work->id in one transaction.
 *
 * Returns: %FALSE with @error set (INVALID, or NOT_FOUND when there is no such period)
 */
gboolean
cpv_vault_update_jrca_sector_work (CpvVault                 *vault,
                                   const CpvJrcaSectorWork  *sector_work,
                                   GError                  **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_jrca_sector_work_validate (sector_work, error))
    return FALSE;
  return update_row (vault,
                     "UPDATE jrca_sector_work SET credential_id = ?, sector = ?, start_day = ?, "
                     "end_day = ?, full_time = ?, organisation = ?, duties = ?, updated = ? "
                     "WHERE id = ?",
                     sector_work->credential_id, sector_work->id, bind_sector_work, sector_work,
                     7, N_("changing the business sector"), N_("business sector period"), error);
}

gboolean
cpv_vault_remove_jrca_sector_work (CpvVault  *vault,
                                   gint64     sector_work_id,
                                   GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault, "DELETE FROM jrca_sector_work WHERE id = ?",
                                    sector_work_id, N_("business sector period"), "jrca",
                                    error);
}

/* Called with the vault locked. */
static GPtrArray *
read_work (CpvVault    *vault,
           const char  *where,
           gint64       id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_work_free);
  g_autofree char *sql = g_strconcat ("SELECT " WORK_COLUMNS " FROM jrca_work WHERE ", where,
                                      NULL);
  int rc;

  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpvJrcaWork *work = cpv_jrca_work_new ();

      work->id = sqlite3_column_int64 (stmt, 0);
      work->credential_id = sqlite3_column_int64 (stmt, 1);
      work->start = _cpv_column_day (stmt, 2);
      work->end = _cpv_column_day (stmt, 3);
      work->organisation = _cpv_column_dup (stmt, 4);
      work->department = _cpv_column_dup (stmt, 5);
      work->duties = _cpv_column_dup (stmt, 6);
      work->kinds = (guint) sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, work);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the work history"));
      return NULL;
    }
  cpv_jrca_work_sort_newest_first (list);
  return g_steal_pointer (&list);
}

/* Called with the vault locked. */
static GPtrArray *
read_sector_work (CpvVault    *vault,
                  const char  *where,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_sector_work_free);
  g_autofree char *sql = g_strconcat ("SELECT " SECTOR_WORK_COLUMNS " FROM jrca_sector_work "
                                      "WHERE ", where, " ORDER BY sector, start_day, id", NULL);
  int rc;

  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpvJrcaSectorWork *sector_work = cpv_jrca_sector_work_new ();

      sector_work->id = sqlite3_column_int64 (stmt, 0);
      sector_work->credential_id = sqlite3_column_int64 (stmt, 1);
      sector_work->sector = (guint) sqlite3_column_int (stmt, 2);
      sector_work->start = _cpv_column_day (stmt, 3);
      sector_work->end = _cpv_column_day (stmt, 4);
      sector_work->full_time = sqlite3_column_int (stmt, 5) != 0;
      sector_work->organisation = _cpv_column_dup (stmt, 6);
      sector_work->duties = _cpv_column_dup (stmt, 7);
      g_ptr_array_add (list, sector_work);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the business sectors"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
cpv_vault_list_jrca_work (CpvVault  *vault,
                          gint64     credential_id,
                          GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_locked (vault, read_work, "credential_id = ?", credential_id, error);
}

/**
 * cpv_vault_get_jrca_work:
 *
 * Returns: (transfer full): the period of work history @work_id, or %NULL with @error set
 *   (NOT_FOUND when there is none)
 */
CpvJrcaWork *
cpv_vault_get_jrca_work (CpvVault  *vault,
                         gint64     work_id,
                         GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_one (vault, read_work, work_id, N_("work history period"), error);
}

GPtrArray *
cpv_vault_list_jrca_sector_work (CpvVault  *vault,
                                 gint64     credential_id,
                                 GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_locked (vault, read_sector_work, "credential_id = ?", credential_id, error);
}

/**
 * cpv_vault_get_jrca_sector_work:
 *
 * Returns: (transfer full): the business-sector period @sector_work_id, or %NULL with @error
 *   set (NOT_FOUND when there is none)
 */
CpvJrcaSectorWork *
cpv_vault_get_jrca_sector_work (CpvVault  *vault,
                                gint64     sector_work_id,
                                GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  return read_one (vault, read_sector_work, sector_work_id, N_("business sector period"),
                   error);
}

/* Loader */

CpvJrcaData *
cpv_vault_load_jrca_data (CpvVault  *vault,
                          gint64     credential_id,
                          GError   **error)
{
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) cpd = NULL;
  g_autoptr(GPtrArray) work = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  CpvJrcaRegistration *registration = NULL;
  CpvJrcaData *result = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  /* One transaction so that the three reads see the same state of the vault. */
  if (_cpv_vault_lock (vault, error) == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!credential_exists (vault, credential_id, error) ||
      !read_registration (vault, credential_id, &registration, error) ||
      (audits = read_audits (vault, "credential_id = ?", credential_id, error)) == NULL ||
      (cpd = read_cpd (vault, "credential_id = ?", credential_id, error)) == NULL ||
      (work = read_work (vault, "credential_id = ?", credential_id, error)) == NULL ||
      (sectors = read_sector_work (vault, "credential_id = ?", credential_id, error)) == NULL ||
      !_cpv_vault_commit (vault, error))
    {
      _cpv_vault_rollback (vault);
      g_clear_pointer (&registration, cpv_jrca_registration_free);
      goto out;
    }

  data = g_new0 (CpvJrcaData, 1);
  data->credential_id = credential_id;
  data->registration = registration;
  data->audits = g_steal_pointer (&audits);
  data->cpd = g_steal_pointer (&cpd);
  data->work = g_steal_pointer (&work);
  data->sectors = g_steal_pointer (&sectors);
  result = g_steal_pointer (&data);

out:
  _cpv_vault_unlock (vault);
  return result;
}
