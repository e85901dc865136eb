/* cpv-jrca-evidence.c — files kept as the evidence of JRCA audit and CPD records
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-evidence"

#include "config.h"

#include "cpv-jrca-evidence.h"
#include "cpv-evidence-private.h"
#include "cpv-records-private.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>

/* A link is one row of jrca_audit_evidence or jrca_cpd_evidence (migration 6). The statements
 * of each record kind are spelled out whole in a table below rather than pasted together, so
 * that every one is a constant prepared with bound values. */

typedef struct
{
  const char *role;
  const char *label;          /* N_() */
  const char *evidence_kind;  /* cpv_evidence_kinds() */
} RoleInfo;

typedef struct
{
  const char *role;
  const char *set_flag;       /* UPDATE … SET flag = 1, updated = ?1 WHERE id = ?2 AND flag = 0 */
} RoleFlag;

typedef struct
{
  const char         *what;           /* N_() noun for NOT_FOUND */
  const char * const *roles;
  const RoleFlag     *flags;
  const char         *record_exists;
  const char         *link;
  const char         *unlink;
  const char         *list;
  const char         *list_for_credential;
} KindInfo;

static const RoleInfo role_infos[] = {
  { "form-5a", N_("Form 5A"), "other" },
  { "schedule", N_("Audit schedule"), "schedule" },
  { "report", N_("Audit report"), "report" },
  { "form-3a", N_("Capability confirmation (form 3A)"), "other" },
  { "certificate", N_("Completion certificate"), "certificate" },
  { "programme", N_("Training programme"), "schedule" },
  { "other", N_("Other file"), "other" },
};

static const char * const audit_roles[] = {
  "form-5a", "schedule", "report", "form-3a", "other", NULL
};

static const char * const cpd_roles[] = {
  "certificate", "programme", "form-5a", "schedule", "other", NULL
};

static const RoleFlag audit_flags[] = {
  { "form-5a", "UPDATE jrca_audit SET attested_by_org = 1, updated = ?1 "
               "WHERE id = ?2 AND attested_by_org = 0" },
  { "schedule", "UPDATE jrca_audit SET has_schedule = 1, updated = ?1 "
                "WHERE id = ?2 AND has_schedule = 0" },
  { "report", "UPDATE jrca_audit SET has_report = 1, updated = ?1 "
              "WHERE id = ?2 AND has_report = 0" },
  { "form-3a", "UPDATE jrca_audit SET has_form_3a = 1, updated = ?1 "
               "WHERE id = ?2 AND has_form_3a = 0" },
  { NULL, NULL }
};

static const RoleFlag cpd_flags[] = {
  { "certificate", "UPDATE jrca_cpd SET has_certificate = 1, updated = ?1 "
                   "WHERE id = ?2 AND has_certificate = 0" },
  { "programme", "UPDATE jrca_cpd SET has_program = 1, updated = ?1 "
                 "WHERE id = ?2 AND has_program = 0" },
  { "schedule", "UPDATE jrca_cpd SET has_schedule = 1, updated = ?1 "
                "WHERE id = ?2 AND has_schedule = 0" },
  { NULL, NULL }
};

static const KindInfo kind_infos[] = {
  [CPV_JRCA_RECORD_AUDIT] = {
    N_("audit record"),
    audit_roles,
    audit_flags,
    "SELECT 1 FROM jrca_audit WHERE id = ?",
    "INSERT OR REPLACE INTO jrca_audit_evidence (audit_id, evidence_id, role) VALUES (?, ?, ?)",
    "DELETE FROM jrca_audit_evidence WHERE audit_id = ? AND evidence_id = ?",
    "SELECT audit_id, evidence_id, role FROM jrca_audit_evidence WHERE audit_id = ?",
    "SELECT l.audit_id, l.evidence_id, l.role FROM jrca_audit_evidence l "
    "JOIN jrca_audit r ON r.id = l.audit_id WHERE r.credential_id = ?",
  },
  [CPV_JRCA_RECORD_CPD] = {
    N_("CPD record"),
    cpd_roles,
    cpd_flags,
    "SELECT 1 FROM jrca_cpd WHERE id = ?",
    "INSERT OR REPLACE INTO jrca_cpd_evidence (cpd_id, evidence_id, role) VALUES (?, ?, ?)",
    "DELETE FROM jrca_cpd_evidence WHERE cpd_id = ? AND evidence_id = ?",
    "SELECT cpd_id, evidence_id, role FROM jrca_cpd_evidence WHERE cpd_id = ?",
    "SELECT l.cpd_id, l.evidence_id, l.role FROM jrca_cpd_evidence l "
    "JOIN jrca_cpd r ON r.id = l.cpd_id WHERE r.credential_id = ?",
  },
};

/* Helpers */

static gboolean
kind_is_valid (CpvJrcaRecordKind record_kind)
{
  return record_kind == CPV_JRCA_RECORD_AUDIT || record_kind == CPV_JRCA_RECORD_CPD;
}

static const RoleInfo *
find_role (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (role_infos); i++)
    if (g_str_equal (role_infos[i].role, role))
      return &role_infos[i];
  return NULL;
}

static guint
role_rank (CpvJrcaRecordKind  record_kind,
           const char        *role)
{
  const char * const *roles = kind_infos[record_kind].roles;
  guint i;

  for (i = 0; roles[i] != NULL; i++)
    if (g_strcmp0 (roles[i], role) == 0)
      break;
  return i;
}

static gboolean
invalid_role (GError            **error,
              CpvJrcaRecordKind   record_kind,
              const char         *role)
{
  g_autofree char *known = g_strjoinv (", ", (char **) kind_infos[record_kind].roles);

  if (record_kind == CPV_JRCA_RECORD_AUDIT)
    /* TRANSLATORS: %s is the role typed (e.g. “certificate”); the list is of keys. */
    g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                 _("“%s” is not a role for a file of an audit record; use one of: %s."),
                 role != NULL ? role : "", known);
  else
    g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                 _("“%s” is not a role for a file of a CPD record; use one of: %s."),
                 role != NULL ? role : "", known);
  return FALSE;
}

/* Called with the vault locked. */
static gboolean
row_exists (CpvVault    *vault,
            const char  *sql,
            gint64       id,
            const char  *what,
            GError     **error)
{
  return _cpv_records_row_exists (vault, sql, id, what, N_("reading the vault"), error);
}

static gboolean
record_exists (CpvVault           *vault,
               CpvJrcaRecordKind   record_kind,
               gint64              record_id,
               GError            **error)
{
  const KindInfo *info = &kind_infos[record_kind];

  return row_exists (vault, info->record_exists, record_id, info->what, error);
}

/* Called with the vault locked inside a transaction: the link row and the record's flag. */
static gboolean
link_locked (CpvVault           *vault,
             CpvJrcaRecordKind   record_kind,
             gint64              record_id,
             gint64              evidence_id,
             const char         *role,
             GError            **error)
{
  const KindInfo *info = &kind_infos[record_kind];
  g_autoptr(sqlite3_stmt) link = NULL;

  link = _cpv_vault_prepare (vault, info->link, error);
  if (link == NULL)
    return FALSE;
  sqlite3_bind_int64 (link, 1, record_id);
  sqlite3_bind_int64 (link, 2, evidence_id);
  sqlite3_bind_text (link, 3, role, -1, SQLITE_TRANSIENT);
  if (!_cpv_step_done (vault, link, N_("linking the file to the record"), error))
    return FALSE;

  for (const RoleFlag *flag = info->flags; flag->role != NULL; flag++)
    if (g_str_equal (flag->role, role))
      {
        g_autoptr(sqlite3_stmt) set_flag = NULL;
        g_autofree char *now = _cpv_now_iso ();

        set_flag = _cpv_vault_prepare (vault, flag->set_flag, error);
        if (set_flag == NULL)
          return FALSE;
        sqlite3_bind_text (set_flag, 1, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (set_flag, 2, record_id);
        return _cpv_step_done (vault, set_flag, N_("marking the record's evidence"), error);
      }
  return TRUE;
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const CpvJrcaEvidenceLink *left = *(CpvJrcaEvidenceLink * const *) a;
  const CpvJrcaEvidenceLink *right = *(CpvJrcaEvidenceLink * const *) b;
  guint left_rank;
  guint right_rank;

  if (left->record_kind != right->record_kind)
    return left->record_kind < right->record_kind ? -1 : 1;
  if (left->record_id != right->record_id)
    return left->record_id < right->record_id ? -1 : 1;
  left_rank = role_rank (left->record_kind, left->role);
  right_rank = role_rank (right->record_kind, right->role);
  if (left_rank != right_rank)
    return left_rank < right_rank ? -1 : 1;
  if (left->evidence_id != right->evidence_id)
    return left->evidence_id < right->evidence_id ? -1 : 1;
  return 0;
}

/* Called with the vault locked: appends the rows of @sql (record id, evidence id, role). */
static gboolean
read_links (CpvVault           *vault,
            CpvJrcaRecordKind   record_kind,
            const char         *sql,
            gint64              id,
            GPtrArray          *links,
            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpvJrcaEvidenceLink *link = g_new0 (CpvJrcaEvidenceLink, 1);

      link->record_kind = record_kind;
      link->record_id = sqlite3_column_int64 (stmt, 0);
      link->evidence_id = sqlite3_column_int64 (stmt, 1);
      link->role = _cpv_column_dup (stmt, 2);
      g_ptr_array_add (links, link);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing the files of JRCA records"));
      return FALSE;
    }
  return TRUE;
}

/* Roles */

/**
 * cpv_jrca_evidence_roles:
 *
 * Returns: (transfer none) (array zero-terminated=1): the roles a file of @record_kind takes
 */
const char * const *
cpv_jrca_evidence_roles (CpvJrcaRecordKind record_kind)
{
  g_return_val_if_fail (kind_is_valid (record_kind), NULL);

  return kind_infos[record_kind].roles;
}

gboolean
cpv_jrca_evidence_role_is_valid (CpvJrcaRecordKind  record_kind,
                                 const char        *role)
{
  if (!kind_is_valid (record_kind) || role == NULL)
    return FALSE;
  return g_strv_contains (kind_infos[record_kind].roles, role);
}

/**
 * cpv_jrca_evidence_role_label:
 *
 * Returns: the translated label of @role, or @role itself when it is not a known role
 */
const char *
cpv_jrca_evidence_role_label (const char *role)
{
  const RoleInfo *info = find_role (role);

  return info != NULL ? _(info->label) : role;
}

/**
 * cpv_jrca_evidence_role_kind:
 *
 * Returns: the evidence kind a file attached in @role gets by default ("other" when @role is
 *   not a known role)
 */
const char *
cpv_jrca_evidence_role_kind (const char *role)
{
  const RoleInfo *info = find_role (role);

  return info != NULL ? info->evidence_kind : "other";
}

void
cpv_jrca_evidence_link_free (CpvJrcaEvidenceLink *link)
{
  if (link == NULL)
    return;
  g_free (link->role);
  g_free (link);
}

/* Links */

/**
 * cpv_vault_link_jrca_evidence:
 * @role: one of cpv_jrca_evidence_roles (@record_kind)
 *
 * Links an evidence item to a JRCA record and sets the record's flag of @role, in one
 * transaction. Linking an item linked already changes its role (the flag of the old role is
 * kept).
 */
gboolean
cpv_vault_link_jrca_evidence (CpvVault           *vault,
                              CpvJrcaRecordKind   record_kind,
                              gint64              record_id,
                              gint64              evidence_id,
                              const char         *role,
                              GError            **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (kind_is_valid (record_kind), FALSE);

  if (!cpv_jrca_evidence_role_is_valid (record_kind, role))
    return invalid_role (error, record_kind, role);

  if (_cpv_vault_lock (vault, error) == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!record_exists (vault, record_kind, record_id, error) ||
      !row_exists (vault, "SELECT 1 FROM evidence WHERE id = ?", evidence_id,
                   N_("evidence item"), error) ||
      !link_locked (vault, record_kind, record_id, evidence_id, role, error) ||
      !_cpv_vault_commit (vault, error))
    {
      _cpv_vault_rollback (vault);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "jrca");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_unlink_jrca_evidence:
 *
 * Removes the link (never the evidence item, never the record's flag).
 */
gboolean
cpv_vault_unlink_jrca_evidence (CpvVault           *vault,
                                CpvJrcaRecordKind   record_kind,
                                gint64              record_id,
                                gint64              evidence_id,
                                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (kind_is_valid (record_kind), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL || !record_exists (vault, record_kind, record_id, error))
    goto out;
  stmt = _cpv_vault_prepare (vault, kind_infos[record_kind].unlink, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, evidence_id);
  if (!_cpv_step_done (vault, stmt, N_("unlinking the file from the record"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      if (record_kind == CPV_JRCA_RECORD_AUDIT)
        g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND,
                     _("Evidence item %lld is not linked to audit record %lld."),
                     (long long) evidence_id, (long long) record_id);
      else
        g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND,
                     _("Evidence item %lld is not linked to CPD record %lld."),
                     (long long) evidence_id, (long long) record_id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "jrca");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_attach_jrca_file:
 * @role: one of cpv_jrca_evidence_roles (@record_kind)
 * @meta: (nullable): as for cpv_vault_attach_file(); a %NULL kind takes the role's kind
 * @already_stored: (out) (optional): set to %TRUE when the content was in the vault already
 *   (the stored item is linked; its marks are left as they were)
 *
 * Stores @file as evidence, links it to the record in @role and sets the record's flag, all in
 * one transaction: on any error nothing is stored.
 *
 * Returns: (transfer full): the evidence item, or %NULL with @error set
 */
CpvEvidence *
cpv_vault_attach_jrca_file (CpvVault               *vault,
                            CpvJrcaRecordKind       record_kind,
                            gint64                  record_id,
                            const char             *role,
                            GFile                  *file,
                            const CpvEvidenceMeta  *meta,
                            gboolean               *already_stored,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *basename = NULL;
  CpvEvidenceMeta file_meta = { 0 };
  CpvEvidence *evidence = NULL;
  gboolean stored_before = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (kind_is_valid (record_kind), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (already_stored != NULL)
    *already_stored = FALSE;
  if (!cpv_jrca_evidence_role_is_valid (record_kind, role))
    {
      invalid_role (error, record_kind, role);
      return NULL;
    }

  if (_cpv_vault_lock (vault, error) == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  if (!record_exists (vault, record_kind, record_id, error))
    goto fail;
  stream = _cpv_evidence_open_file (vault, file, meta, &file_meta, &basename, cancellable,
                                    error);
  if (stream == NULL)
    goto fail;
  if (file_meta.kind == NULL)
    file_meta.kind = cpv_jrca_evidence_role_kind (role);

  evidence = _cpv_vault_attach_evidence_locked (vault, 0, stream, &file_meta, &stored_before,
                                                cancellable, error);
  if (evidence == NULL ||
      !link_locked (vault, record_kind, record_id, evidence->id, role, error) ||
      !_cpv_vault_commit (vault, error))
    goto fail;
  if (already_stored != NULL)
    *already_stored = stored_before;
  _cpv_vault_emit_changed (vault, "evidence");
  _cpv_vault_emit_changed (vault, "jrca");
  goto out;

fail:
  g_clear_object (&evidence);
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return evidence;
}

/* Lists */

/**
 * cpv_vault_list_jrca_evidence:
 *
 * Returns: (transfer container) (element-type CpvJrcaEvidenceLink): the record's links, by
 *   role order (cpv_jrca_evidence_roles()) then evidence id, or %NULL with @error set
 */
GPtrArray *
cpv_vault_list_jrca_evidence (CpvVault           *vault,
                              CpvJrcaRecordKind   record_kind,
                              gint64              record_id,
                              GError            **error)
{
  g_autoptr(GPtrArray) links =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_evidence_link_free);
  GPtrArray *result = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (kind_is_valid (record_kind), NULL);

  if (_cpv_vault_lock (vault, error) == NULL ||
      !record_exists (vault, record_kind, record_id, error) ||
      !read_links (vault, record_kind, kind_infos[record_kind].list, record_id, links, error))
    goto out;
  g_ptr_array_sort (links, compare_links);
  result = g_steal_pointer (&links);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_vault_list_jrca_evidence_for_credential:
 *
 * Returns: (transfer container) (element-type CpvJrcaEvidenceLink): every link of the
 *   credential's JRCA records, audits first, then CPD, each by record id, role order and
 *   evidence id, or %NULL with @error set
 */
GPtrArray *
cpv_vault_list_jrca_evidence_for_credential (CpvVault  *vault,
                                             gint64     credential_id,
                                             GError   **error)
{
  g_autoptr(GPtrArray) links =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_evidence_link_free);
  GPtrArray *result = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL ||
      !row_exists (vault, "SELECT 1 FROM credential WHERE id = ?", credential_id,
                   N_("credential"), error) ||
      !read_links (vault, CPV_JRCA_RECORD_AUDIT,
                   kind_infos[CPV_JRCA_RECORD_AUDIT].list_for_credential, credential_id, links,
                   error) ||
      !read_links (vault, CPV_JRCA_RECORD_CPD,
                   kind_infos[CPV_JRCA_RECORD_CPD].list_for_credential, credential_id, links,
                   error))
    goto out;
  g_ptr_array_sort (links, compare_links);
  result = g_steal_pointer (&links);

out:
  _cpv_vault_unlock (vault);
  return result;
}
