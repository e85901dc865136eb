/* cpv-records.c — credentials held and activities, as stored in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-records"

#include "config.h"

#include "cpv-records.h"
#include "cpv-records-private.h"
#include "cpv-date.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

G_DEFINE_FINAL_TYPE (CpvCredential, cpv_credential, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CpvActivity, cpv_activity, G_TYPE_OBJECT)
G_DEFINE_QUARK (cpv-records-error-quark, cpv_records_error)

#define ACTIVITY_COLUMNS \
  "a.id, a.title, a.category, a.start_date, a.end_date, a.hours, a.credits, a.provider, " \
  "a.description, a.isbn, a.author, a.publisher, a.submitted, a.auto_submitted, a.created, " \
  "a.updated, (SELECT count(*) FROM activity_evidence ae WHERE ae.activity_id = a.id)"

#define CREDENTIAL_COLUMNS \
  "id, program, code, cycle_start, cycle_end, member_since, created"

/* Objects */

static void
cpv_credential_finalize (GObject *object)
{
  CpvCredential *self = (CpvCredential *) object;

  g_free (self->program);
  g_free (self->code);
  g_free (self->cycle_start);
  g_free (self->cycle_end);
  g_free (self->member_since);
  g_free (self->created);
  G_OBJECT_CLASS (cpv_credential_parent_class)->finalize (object);
}

static void
cpv_credential_class_init (CpvCredentialClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpv_credential_finalize;
}

static void
cpv_credential_init (CpvCredential *self)
{
}

CpvCredential *
cpv_credential_new (void)
{
  return g_object_new (CPV_TYPE_CREDENTIAL, NULL);
}

static void
cpv_activity_finalize (GObject *object)
{
  CpvActivity *self = (CpvActivity *) object;

  g_free (self->title);
  g_free (self->category);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->provider);
  g_free (self->description);
  g_free (self->isbn);
  g_free (self->author);
  g_free (self->publisher);
  g_free (self->created);
  g_free (self->updated);
  g_array_unref (self->credit_lines);
  G_OBJECT_CLASS (cpv_activity_parent_class)->finalize (object);
}

static void
cpv_activity_class_init (CpvActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpv_activity_finalize;
}

static void
cpv_activity_init (CpvActivity *self)
{
  self->hours = -1;
  self->credit_lines = g_array_new (FALSE, TRUE, sizeof (CpvCreditLine));
}

CpvActivity *
cpv_activity_new (void)
{
  return g_object_new (CPV_TYPE_ACTIVITY, NULL);
}

/**
 * cpv_activity_add_credit_line:
 * @group: 'A' or 'B'
 *
 * Sets the group in which @activity counts for a credential, replacing an earlier line for
 * the same credential.
 */
void
cpv_activity_add_credit_line (CpvActivity *activity,
                              gint64       credential_id,
                              char         group)
{
  CpvCreditLine line = { credential_id, group };

  g_return_if_fail (CPV_IS_ACTIVITY (activity));

  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      CpvCreditLine *existing = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      if (existing->credential_id == credential_id)
        {
          existing->group = group;
          return;
        }
    }
  g_array_append_val (activity->credit_lines, line);
}

/* Validation: every field a person typed, before anything touches the vault. */

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
check_date (const char  *value,
            const char  *field,
            gboolean     required,
            CpvDay      *out_day,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (!required)
        {
          *out_day = 0;
          return TRUE;
        }
      /* TRANSLATORS: %s names the date, such as “cycle start” or “end date”. */
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                   _("The %s is missing (a date like 2026-03-31)."), _(field));
      return FALSE;
    }
  if (!cpv_day_parse (value, out_day))
    {
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                   /* TRANSLATORS: the first %s names the date, such as “cycle start”, the
                    * second is what was entered. */
                   _("The %s “%s” is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-31."),
                   _(field), value);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_credential_validate (CpvCredential  *credential,
                         GError        **error)
{
  CpvDay start, end, since;

  g_return_val_if_fail (CPV_IS_CREDENTIAL (credential), FALSE);

  if (is_blank (credential->program) || is_blank (credential->code))
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                           _("A credential needs its program (e.g. isc2) and its code "
                             "(e.g. CISSP)."));
      return FALSE;
    }
  if (!check_date (credential->cycle_start, N_("cycle start"), TRUE, &start, error) ||
      !check_date (credential->cycle_end, N_("cycle end"), TRUE, &end, error) ||
      !check_date (credential->member_since, N_("member-since date"), FALSE, &since, error))
    return FALSE;
  if (end <= start)
    {
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                   _("The cycle ends (%s) before it starts (%s)."),
                   credential->cycle_end, credential->cycle_start);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_activity_validate (CpvActivity  *activity,
                       GError      **error)
{
  CpvDay start, end;

  g_return_val_if_fail (CPV_IS_ACTIVITY (activity), FALSE);

  if (is_blank (activity->title))
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                           _("An activity needs a title."));
      return FALSE;
    }
  if (is_blank (activity->category))
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                           _("An activity needs a category."));
      return FALSE;
    }
  if (!check_date (activity->start_date, N_("start date"), TRUE, &start, error) ||
      !check_date (activity->end_date, N_("end date"), TRUE, &end, error))
    return FALSE;
  if (end < start)
    {
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                   _("The activity ends (%s) before it starts (%s)."),
                   activity->end_date, activity->start_date);
      return FALSE;
    }
  if (!isfinite (activity->credits) || activity->credits < 0)
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                           _("Credits must be a number of zero or more, e.g. 1.25."));
      return FALSE;
    }
  if (!isfinite (activity->hours) || (activity->hours < 0 && activity->hours != -1))
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                           _("Hours must be a number of zero or more, e.g. 1.5."));
      return FALSE;
    }
  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      if (line->group != 'A' && line->group != 'B')
        {
          g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                               _("A credit group must be A or B."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Credentials */

static CpvCredential *
credential_from_row (sqlite3_stmt *stmt)
{
  CpvCredential *credential = cpv_credential_new ();

  credential->id = sqlite3_column_int64 (stmt, 0);
  credential->program = _cpv_column_dup (stmt, 1);
  credential->code = _cpv_column_dup (stmt, 2);
  credential->cycle_start = _cpv_column_dup (stmt, 3);
  credential->cycle_end = _cpv_column_dup (stmt, 4);
  credential->member_since = _cpv_column_dup (stmt, 5);
  credential->created = _cpv_column_dup (stmt, 6);
  return credential;
}

static void
bind_credential (sqlite3_stmt  *stmt,
                 CpvCredential *credential)
{
  sqlite3_bind_text (stmt, 1, credential->program, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, credential->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, credential->cycle_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, credential->cycle_end, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (stmt, 5, credential->member_since);
}

gboolean
_cpv_records_not_found (GError     **error,
                        const char  *what,
                        gint64       id)
{
  /* TRANSLATORS: %s names the record, such as “credential”, “activity” or “audit record”;
   * %lld is its number. */
  g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND,
               _("There is no %s with id %lld."), _(what), (long long) id);
  return FALSE;
}

gboolean
_cpv_records_row_exists (CpvVault    *vault,
                         const char  *sql,
                         gint64       id,
                         const char  *what,
                         const char  *doing,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, doing);
      return FALSE;
    }
  return _cpv_records_not_found (error, what, id);
}

gboolean
_cpv_records_delete_by_id (CpvVault    *vault,
                           const char  *sql,
                           gint64       id,
                           const char  *what,
                           const char  *changed_detail,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* TRANSLATORS: %s names the record, such as “audit record”. */
  g_autofree char *doing = g_strdup_printf (_("removing the %s"), _(what));
  sqlite3 *db;
  gboolean ok = FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_cpv_step_done (vault, stmt, doing, error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, what, id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, changed_detail);

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_add_credential:
 *
 * Validates and stores a credential held; sets @credential->id.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64
cpv_vault_add_credential (CpvVault       *vault,
                          CpvCredential  *credential,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gint64 id = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_credential_validate (credential, error))
    return 0;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "INSERT INTO credential (program, code, cycle_start, cycle_end, "
                             "member_since, created) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  now = _cpv_now_iso ();
  bind_credential (stmt, credential);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, stmt, N_("adding the credential"), error))
    goto out;
  id = sqlite3_last_insert_rowid (db);
  credential->id = id;
  g_free (credential->created);
  credential->created = g_steal_pointer (&now);
  _cpv_vault_emit_changed (vault, "credential");

out:
  _cpv_vault_unlock (vault);
  return id;
}

gboolean
cpv_vault_update_credential (CpvVault       *vault,
                             CpvCredential  *credential,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_credential_validate (credential, error))
    return FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "UPDATE credential SET program = ?, code = ?, cycle_start = ?, "
                             "cycle_end = ?, member_since = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  bind_credential (stmt, credential);
  sqlite3_bind_int64 (stmt, 6, credential->id);
  if (!_cpv_step_done (vault, stmt, N_("changing the credential"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, N_("credential"), credential->id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "credential");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_remove_credential:
 *
 * Removes a credential and the credit lines that counted toward it; the activities stay.
 */
gboolean
cpv_vault_remove_credential (CpvVault  *vault,
                             gint64     credential_id,
                             GError   **error)
{
  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  return _cpv_records_delete_by_id (vault, "DELETE FROM credential WHERE id = ?",
                                    credential_id, N_("credential"), "credential", error);
}

CpvCredential *
cpv_vault_get_credential (CpvVault  *vault,
                          gint64     credential_id,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CpvCredential *credential = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT " CREDENTIAL_COLUMNS " FROM credential WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, credential_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    credential = credential_from_row (stmt);
  else if (rc == SQLITE_DONE)
    _cpv_records_not_found (error, N_("credential"), credential_id);
  else
    _cpv_vault_set_sql_error (vault, error, rc, N_("reading the credential"));

out:
  _cpv_vault_unlock (vault);
  return credential;
}

/**
 * cpv_vault_list_credentials:
 *
 * Returns: (transfer container) (element-type CpvCredential): the credentials held, by id
 */
GPtrArray *
cpv_vault_list_credentials (CpvVault  *vault,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT " CREDENTIAL_COLUMNS " FROM credential ORDER BY id", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, credential_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing credentials"));
      goto out;
    }
  result = g_steal_pointer (&list);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/* Activities */

static CpvActivity *
activity_from_row (sqlite3_stmt *stmt)
{
  CpvActivity *activity = cpv_activity_new ();

  activity->id = sqlite3_column_int64 (stmt, 0);
  activity->title = _cpv_column_dup (stmt, 1);
  activity->category = _cpv_column_dup (stmt, 2);
  activity->start_date = _cpv_column_dup (stmt, 3);
  activity->end_date = _cpv_column_dup (stmt, 4);
  activity->hours = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                    ? -1 : sqlite3_column_double (stmt, 5);
  activity->credits = sqlite3_column_double (stmt, 6);
  activity->provider = _cpv_column_dup (stmt, 7);
  activity->description = _cpv_column_dup (stmt, 8);
  activity->isbn = _cpv_column_dup (stmt, 9);
  activity->author = _cpv_column_dup (stmt, 10);
  activity->publisher = _cpv_column_dup (stmt, 11);
  activity->submitted = sqlite3_column_int (stmt, 12) != 0;
  activity->auto_submitted = sqlite3_column_int (stmt, 13) != 0;
  activity->created = _cpv_column_dup (stmt, 14);
  activity->updated = _cpv_column_dup (stmt, 15);
  activity->evidence_count = sqlite3_column_int (stmt, 16);
  return activity;
}

static void
bind_activity (sqlite3_stmt *stmt,
               CpvActivity  *activity)
{
  sqlite3_bind_text (stmt, 1, activity->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, activity->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, activity->start_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, activity->end_date, -1, SQLITE_TRANSIENT);
  if (activity->hours >= 0)
    sqlite3_bind_double (stmt, 5, activity->hours);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_double (stmt, 6, activity->credits);
  _cpv_bind_text_or_null (stmt, 7, activity->provider);
  _cpv_bind_text_or_null (stmt, 8, activity->description);
  _cpv_bind_text_or_null (stmt, 9, activity->isbn);
  _cpv_bind_text_or_null (stmt, 10, activity->author);
  _cpv_bind_text_or_null (stmt, 11, activity->publisher);
  sqlite3_bind_int (stmt, 12, activity->submitted ? 1 : 0);
  sqlite3_bind_int (stmt, 13, activity->auto_submitted ? 1 : 0);
}

static gboolean
write_credit_lines (CpvVault     *vault,
                    CpvActivity  *activity,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = _cpv_vault_prepare (vault, "DELETE FROM credit_line WHERE activity_id = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, activity->id);
  if (!_cpv_step_done (vault, clear, N_("saving the activity's credits"), error))
    return FALSE;

  insert = _cpv_vault_prepare (vault,
                               "INSERT INTO credit_line (activity_id, credential_id, grp) "
                               "SELECT ?1, id, ?3 FROM credential WHERE id = ?2", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);
      char group[2] = { line->group, '\0' };

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, activity->id);
      sqlite3_bind_int64 (insert, 2, line->credential_id);
      sqlite3_bind_text (insert, 3, group, 1, SQLITE_TRANSIENT);
      if (!_cpv_step_done (vault, insert, N_("saving the activity's credits"), error))
        return FALSE;
      if (sqlite3_changes (sqlite3_db_handle (insert)) == 0)
        return _cpv_records_not_found (error, N_("credential"), line->credential_id);
    }
  return TRUE;
}

static gboolean
read_credit_lines (CpvVault     *vault,
                   CpvActivity  *activity,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault,
                             "SELECT credential_id, grp FROM credit_line WHERE activity_id = ? "
                             "ORDER BY credential_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity->id);
  g_array_set_size (activity->credit_lines, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    cpv_activity_add_credit_line (activity, sqlite3_column_int64 (stmt, 0),
                                  _cpv_column_text (stmt, 1)[0]);
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the activity's credits"));
      return FALSE;
    }
  return TRUE;
}

/**
 * cpv_vault_add_activity:
 *
 * Validates and stores an activity with its credit lines in one transaction; sets
 * @activity->id, created and updated.
 *
 * Returns: the new id, or 0 with @error set (nothing written)
 */
gint64
cpv_vault_add_activity (CpvVault     *vault,
                        CpvActivity  *activity,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gint64 id = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), 0);

  if (!cpv_activity_validate (activity, error))
    return 0;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "INSERT INTO activity (title, category, start_date, end_date, hours, "
                             "credits, provider, description, isbn, author, publisher, submitted, "
                             "auto_submitted, created, updated) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?14, ?14)", error);
  if (stmt == NULL)
    goto fail;
  now = _cpv_now_iso ();
  bind_activity (stmt, activity);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, stmt, N_("adding the activity"), error))
    goto fail;
  activity->id = sqlite3_last_insert_rowid (db);
  if (!write_credit_lines (vault, activity, error) ||
      !_cpv_vault_commit (vault, error))
    goto fail;

  id = activity->id;
  g_free (activity->created);
  g_free (activity->updated);
  activity->created = g_strdup (now);
  activity->updated = g_steal_pointer (&now);
  _cpv_vault_emit_changed (vault, "activity");
  goto out;

fail:
  _cpv_vault_rollback (vault);
  activity->id = 0;
out:
  _cpv_vault_unlock (vault);
  return id;
}

/**
 * cpv_vault_update_activity:
 *
 * Replaces every field and the credit lines of the stored activity @activity->id.
 */
gboolean
cpv_vault_update_activity (CpvVault     *vault,
                           CpvActivity  *activity,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (!cpv_activity_validate (activity, error))
    return FALSE;

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "UPDATE activity SET title = ?, category = ?, start_date = ?, "
                             "end_date = ?, hours = ?, credits = ?, provider = ?, description = ?, "
                             "isbn = ?, author = ?, publisher = ?, submitted = ?, "
                             "auto_submitted = ?, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  now = _cpv_now_iso ();
  bind_activity (stmt, activity);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 15, activity->id);
  if (!_cpv_step_done (vault, stmt, N_("changing the activity"), error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, N_("activity"), activity->id);
      goto fail;
    }
  if (!write_credit_lines (vault, activity, error) ||
      !_cpv_vault_commit (vault, error))
    goto fail;

  g_free (activity->updated);
  activity->updated = g_steal_pointer (&now);
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "activity");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_remove_activity:
 *
 * Removes an activity, its credit lines, and the evidence items that no other activity uses,
 * in one transaction.
 */
gboolean
cpv_vault_remove_activity (CpvVault  *vault,
                           gint64     activity_id,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) orphans = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  orphans = _cpv_vault_prepare (vault,
                                "DELETE FROM evidence WHERE id IN ("
                                "  SELECT evidence_id FROM activity_evidence WHERE activity_id = ?1"
                                "  AND evidence_id NOT IN (SELECT evidence_id FROM activity_evidence"
                                "                          WHERE activity_id <> ?1))", error);
  if (orphans == NULL)
    goto fail;
  sqlite3_bind_int64 (orphans, 1, activity_id);
  if (!_cpv_step_done (vault, orphans, N_("removing the activity's evidence"), error))
    goto fail;
  stmt = _cpv_vault_prepare (vault, "DELETE FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (!_cpv_step_done (vault, stmt, N_("removing the activity"), error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      _cpv_records_not_found (error, N_("activity"), activity_id);
      goto fail;
    }
  if (!_cpv_vault_commit (vault, error))
    goto fail;
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "activity");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

CpvActivity *
cpv_vault_get_activity (CpvVault  *vault,
                        gint64     activity_id,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CpvActivity) activity = NULL;
  CpvActivity *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT " ACTIVITY_COLUMNS " FROM activity a WHERE a.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _cpv_records_not_found (error, N_("activity"), activity_id);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the activity"));
      goto out;
    }
  activity = activity_from_row (stmt);
  if (read_credit_lines (vault, activity, error))
    result = g_steal_pointer (&activity);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_vault_list_activities:
 *
 * Returns: (transfer container) (element-type CpvActivity): every activity with its credit
 *   lines, newest end date first
 */
GPtrArray *
cpv_vault_list_activities (CpvVault  *vault,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT " ACTIVITY_COLUMNS " FROM activity a "
                             "ORDER BY a.end_date DESC, a.id DESC", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpvActivity *activity = activity_from_row (stmt);

      g_ptr_array_add (list, activity);
      g_hash_table_insert (by_id, &activity->id, activity);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing activities"));
      goto out;
    }

  /* One pass over the credit lines instead of one query per activity. */
  lines = _cpv_vault_prepare (vault,
                              "SELECT activity_id, credential_id, grp FROM credit_line "
                              "ORDER BY activity_id, credential_id", error);
  if (lines == NULL)
    goto out;
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      gint64 activity_id = sqlite3_column_int64 (lines, 0);
      CpvActivity *activity = g_hash_table_lookup (by_id, &activity_id);

      if (activity != NULL)
        cpv_activity_add_credit_line (activity, sqlite3_column_int64 (lines, 1),
                                      _cpv_column_text (lines, 2)[0]);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing activities"));
      goto out;
    }
  result = g_steal_pointer (&list);

out:
  _cpv_vault_unlock (vault);
  return result;
}
