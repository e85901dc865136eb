/* cpv-evidence.c — evidence files stored inside the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-evidence"

#include "config.h"

#include "cpv-evidence.h"
#include "cpv-evidence-private.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A file is stored as one `evidence` row (metadata, SHA-256) and its bytes as numbered
 * `evidence_chunk` rows of CPV_EVIDENCE_CHUNK_SIZE bytes, written in one transaction while the
 * file streams in: a killed process leaves the item wholly there or absent, and memory stays
 * flat whatever the file's size. The hash is unique: the same content is stored once. */

G_DEFINE_FINAL_TYPE (CpvEvidence, cpv_evidence, G_TYPE_OBJECT)
G_DEFINE_QUARK (cpv-evidence-error-quark, cpv_evidence_error)

#define EVIDENCE_COLUMNS \
  "id, kind, file_name, media_type, size, sha256, tlp, secret, added, language, translation_of"

static const char * const evidence_kinds[] = {
  "certificate", "attendance", "receipt", "isbn-proof", "notes", "minutes", "schedule",
  "report", "translation", "other", NULL
};

static const char * const evidence_tlps[] = {
  "clear", "green", "amber", "amber+strict", "red", NULL
};

static void
cpv_evidence_finalize (GObject *object)
{
  CpvEvidence *self = (CpvEvidence *) object;

  g_free (self->kind);
  g_free (self->file_name);
  g_free (self->media_type);
  g_free (self->sha256);
  g_free (self->tlp);
  g_free (self->added);
  g_free (self->language);
  G_OBJECT_CLASS (cpv_evidence_parent_class)->finalize (object);
}

static void
cpv_evidence_class_init (CpvEvidenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpv_evidence_finalize;
}

static void
cpv_evidence_init (CpvEvidence *self)
{
}

const char * const *
cpv_evidence_kinds (void)
{
  return evidence_kinds;
}

const char * const *
cpv_evidence_tlps (void)
{
  return evidence_tlps;
}

/* One table for the GUI, the CLI and the core's messages: the kinds a person stores, then the
 * kinds the program files name in <evidence><kind> (the files in data/programs). */
static const struct
{
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "certificate", N_("Certificate") },
  { "attendance", N_("Proof of Attendance") },
  { "receipt", N_("Receipt") },
  { "isbn-proof", N_("Proof of Possession") },
  { "notes", N_("Notes") },
  { "minutes", N_("Minutes") },
  { "schedule", N_("Schedule") },
  { "report", N_("Report") },
  { "translation", N_("Translation") },
  { "other", N_("Other") },
  /* ISC2 */
  { "diploma", N_("Diploma") },
  { "letter", N_("Confirmation Letter") },
  { "roster", N_("Attendance Roster") },
  { "proof-of-possession", N_("Proof of Possession") },
  { "sample-material", N_("Sample Material") },
  { "agenda", N_("Agenda") },
  { "project-proof", N_("Proof of the Project") },
  { "publication-copy", N_("Copy of the Publication") },
  { "description", N_("Description") },
  /* JRCA */
  { "form-4a", N_("Form 4A") },
  { "form-4b", N_("Form 4B") },
  { "form-5a", N_("Form 5A") },
  { "audit-schedule", N_("Audit Schedule") },
  { "jrca-registered-certificate", N_("Certificate of a JRCA-Registered Course") },
  { "program-copy", N_("Copy of the Programme") },
  { "body-signature", N_("Training Body's Signature") },
};

/**
 * cpv_evidence_kind_label:
 * @kind: (nullable): a stored kind (cpv_evidence_kinds()) or one a program file names
 *
 * Returns: the kind's label in the user's language; "Other" for %NULL, and an unknown key
 *   as it is
 */
const char *
cpv_evidence_kind_label (const char *kind)
{
  if (kind == NULL)
    return _("Other");
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_str_equal (kind, kind_labels[i].kind))
      return _(kind_labels[i].label);
  return kind;
}

gboolean
cpv_evidence_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (evidence_kinds, kind);
}

gboolean
cpv_evidence_tlp_is_valid (const char *tlp)
{
  return tlp != NULL && g_strv_contains (evidence_tlps, tlp);
}

/* A loose BCP 47 check: "ja", "en", "en-US", "zh-Hant" … */
static gboolean
language_is_valid (const char *language)
{
  g_auto(GStrv) parts = NULL;

  if (language == NULL || *language == '\0')
    return TRUE;
  parts = g_strsplit (language, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0 || len > 8 || (i == 0 && (len < 2 || len > 3)))
        return FALSE;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (parts[i][j]) || (i == 0 && !g_ascii_isalpha (parts[i][j])))
          return FALSE;
    }
  return TRUE;
}

static gboolean
validate_meta (const CpvEvidenceMeta  *meta,
               GError                **error)
{
  if (meta == NULL)
    return TRUE;
  if (meta->kind != NULL && !cpv_evidence_kind_is_valid (meta->kind))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) evidence_kinds);

      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID,
                   _("“%s” is not an evidence kind; use one of: %s."), meta->kind, known);
      return FALSE;
    }
  if (meta->tlp != NULL && !cpv_evidence_tlp_is_valid (meta->tlp))
    {
      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID,
                   _("“%s” is not a TLP mark; use clear, green, amber, amber+strict or red."),
                   meta->tlp);
      return FALSE;
    }
  if (!language_is_valid (meta->language))
    {
      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID,
                   _("“%s” is not a language tag; use e.g. ja or en."), meta->language);
      return FALSE;
    }
  return TRUE;
}

static CpvEvidence *
evidence_from_row (sqlite3_stmt *stmt)
{
  CpvEvidence *evidence = g_object_new (CPV_TYPE_EVIDENCE, NULL);

  evidence->id = sqlite3_column_int64 (stmt, 0);
  evidence->kind = _cpv_column_dup (stmt, 1);
  evidence->file_name = _cpv_column_dup (stmt, 2);
  evidence->media_type = _cpv_column_dup (stmt, 3);
  evidence->size = sqlite3_column_int64 (stmt, 4);
  evidence->sha256 = _cpv_column_dup (stmt, 5);
  evidence->tlp = _cpv_column_dup (stmt, 6);
  evidence->secret = sqlite3_column_int (stmt, 7) != 0;
  evidence->added = _cpv_column_dup (stmt, 8);
  evidence->language = _cpv_column_dup (stmt, 9);
  evidence->translation_of = sqlite3_column_int64 (stmt, 10);
  return evidence;
}

static gboolean
evidence_not_found (GError **error,
                    gint64   evidence_id)
{
  g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND,
               _("There is no evidence item with id %lld."), (long long) evidence_id);
  return FALSE;
}

/* Called with the vault locked. */
static CpvEvidence *
get_evidence_locked (CpvVault  *vault,
                     gint64     evidence_id,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault,
                             "SELECT " EVIDENCE_COLUMNS " FROM evidence WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return evidence_from_row (stmt);
  if (rc == SQLITE_DONE)
    evidence_not_found (error, evidence_id);
  else
    _cpv_vault_set_sql_error (vault, error, rc, N_("reading the evidence item"));
  return NULL;
}

static gboolean
activity_exists_locked (CpvVault  *vault,
                        gint64     activity_id,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault, "SELECT 1 FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND,
                 _("There is no activity with id %lld."), (long long) activity_id);
  else
    _cpv_vault_set_sql_error (vault, error, rc, N_("reading the activity"));
  return FALSE;
}

static gboolean
link_locked (CpvVault  *vault,
             gint64     activity_id,
             gint64     evidence_id,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _cpv_vault_prepare (vault,
                             "INSERT OR IGNORE INTO activity_evidence (activity_id, evidence_id) "
                             "VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_int64 (stmt, 2, evidence_id);
  return _cpv_step_done (vault, stmt, N_("linking the evidence to the activity"), error);
}

static gint64
find_by_hash_locked (CpvVault    *vault,
                     const char  *sha256,
                     gint64       except_id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault, "SELECT id FROM evidence WHERE sha256 = ? AND id <> ?",
                             error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("looking for the same content"));
      return -1;
    }
  return 0;
}

static char *
sniff_media_type (const char   *file_name,
                  const guint8 *head,
                  gsize         head_len)
{
  gboolean uncertain = FALSE;
  g_autofree char *content_type = g_content_type_guess (NULL, head, head_len, &uncertain);
  char *mime;

  /* The bytes decide; the name only breaks a tie (a PDF called .txt is still a PDF). */
  if (uncertain)
    {
      g_free (content_type);
      content_type = g_content_type_guess (file_name, head, head_len, NULL);
    }
  mime = g_content_type_get_mime_type (content_type);

  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}

/* Undoes the savepoint of _cpv_vault_attach_evidence_locked(); errors are ignored because a
 * failed statement may have ended the transaction already (the caller then rolls back). */
static void
rollback_attach_savepoint (sqlite3 *db)
{
  sqlite3_exec (db, "ROLLBACK TO attach_evidence; RELEASE attach_evidence;", NULL, NULL, NULL);
}

/* Called with the vault locked inside a transaction; see cpv-evidence-private.h. The writes
 * run under a savepoint so that a duplicate's copy, or a failed read, is dropped without
 * touching what the caller wrote before in the same transaction. */
CpvEvidence *
_cpv_vault_attach_evidence_locked (CpvVault               *vault,
                                   gint64                  activity_id,
                                   GInputStream           *stream,
                                   const CpvEvidenceMeta  *meta,
                                   gboolean               *already_stored,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(sqlite3_stmt) insert_item = NULL;
  g_autoptr(sqlite3_stmt) insert_chunk = NULL;
  g_autoptr(sqlite3_stmt) finish_item = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autofree char *now = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *file_name = NULL;
  const char *sha256;
  CpvEvidence *result = NULL;
  goffset limit;
  goffset total = 0;
  gint64 evidence_id;
  gint64 existing_id;
  sqlite3 *db;
  int seq = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (already_stored != NULL)
    *already_stored = FALSE;
  if (!validate_meta (meta, error))
    return NULL;

  file_name = g_path_get_basename (meta != NULL && meta->file_name != NULL && *meta->file_name
                                   ? meta->file_name : "evidence");
  limit = cpv_vault_get_evidence_size_limit (vault);
  buffer = g_malloc (CPV_EVIDENCE_CHUNK_SIZE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (activity_id != 0 && !activity_exists_locked (vault, activity_id, error))
    goto out;
  if (!_cpv_vault_exec (vault, "SAVEPOINT attach_evidence;", error))
    goto out;

  /* The row exists from the start so that chunks can reference it; its hash is filled in at
   * the end, and no other connection sees any of it before the commit. */
  now = _cpv_now_iso ();
  placeholder = g_strdup_printf ("pending:%08x%08x", g_random_int (), g_random_int ());
  insert_item = _cpv_vault_prepare (vault,
                                    "INSERT INTO evidence (kind, file_name, media_type, size, "
                                    "sha256, tlp, secret, added, language) "
                                    "VALUES (?, ?, 'application/octet-stream', 1, ?, ?, ?, ?, ?)",
                                    error);
  if (insert_item == NULL)
    goto fail;
  sqlite3_bind_text (insert_item, 1, meta && meta->kind ? meta->kind : "other", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_item, 2, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_item, 3, placeholder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_item, 4, meta && meta->tlp ? meta->tlp : "clear", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (insert_item, 5, meta && meta->secret ? 1 : 0);
  sqlite3_bind_text (insert_item, 6, now, -1, SQLITE_TRANSIENT);
  _cpv_bind_text_or_null (insert_item, 7, meta ? meta->language : NULL);
  if (!_cpv_step_done (vault, insert_item, N_("storing the evidence"), error))
    goto fail;
  evidence_id = sqlite3_last_insert_rowid (db);

  insert_chunk = _cpv_vault_prepare (vault,
                                     "INSERT INTO evidence_chunk (evidence_id, seq, data) "
                                     "VALUES (?, ?, ?)", error);
  if (insert_chunk == NULL)
    goto fail;

  for (;;)
    {
      gsize got = 0;

      if (!g_input_stream_read_all (stream, buffer, CPV_EVIDENCE_CHUNK_SIZE, &got,
                                    cancellable, error))
        goto fail;
      if (got == 0)
        break;

      total += got;
      if (total > limit)
        {
          g_autofree char *limit_text = g_format_size (limit);

          g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_TOO_LARGE,
                       _("“%s” is larger than the evidence size limit of %s. Raise the limit in "
                         "Preferences, or store a smaller copy."), file_name, limit_text);
          goto fail;
        }
      if (seq == 0)
        media_type = sniff_media_type (file_name, buffer, got);
      g_checksum_update (checksum, buffer, got);

      sqlite3_reset (insert_chunk);
      sqlite3_bind_int64 (insert_chunk, 1, evidence_id);
      sqlite3_bind_int (insert_chunk, 2, seq++);
      sqlite3_bind_blob (insert_chunk, 3, buffer, got, SQLITE_STATIC);
      if (!_cpv_step_done (vault, insert_chunk, N_("storing the evidence"), error))
        goto fail;
      sqlite3_clear_bindings (insert_chunk);

      if (got < CPV_EVIDENCE_CHUNK_SIZE)
        break;
    }

  if (total == 0)
    {
      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_EMPTY,
                   _("“%s” is empty; there is nothing to keep as evidence."), file_name);
      goto fail;
    }

  sha256 = g_checksum_get_string (checksum);
  existing_id = find_by_hash_locked (vault, sha256, evidence_id, error);
  if (existing_id < 0)
    goto fail;
  if (existing_id > 0)
    {
      /* Stored already: drop this copy and link the one we have. */
      g_clear_pointer (&insert_item, sqlite3_finalize);
      g_clear_pointer (&insert_chunk, sqlite3_finalize);
      rollback_attach_savepoint (db);
      if (activity_id != 0 && !link_locked (vault, activity_id, existing_id, error))
        goto out;
      result = get_evidence_locked (vault, existing_id, error);
      if (result != NULL && already_stored != NULL)
        *already_stored = TRUE;
      goto out;
    }

  finish_item = _cpv_vault_prepare (vault,
                                    "UPDATE evidence SET size = ?, sha256 = ?, media_type = ? "
                                    "WHERE id = ?", error);
  if (finish_item == NULL)
    goto fail;
  sqlite3_bind_int64 (finish_item, 1, total);
  sqlite3_bind_text (finish_item, 2, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (finish_item, 3, media_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (finish_item, 4, evidence_id);
  if (!_cpv_step_done (vault, finish_item, N_("storing the evidence"), error))
    goto fail;
  if (activity_id != 0 && !link_locked (vault, activity_id, evidence_id, error))
    goto fail;
  result = get_evidence_locked (vault, evidence_id, error);
  if (result == NULL || !_cpv_vault_exec (vault, "RELEASE attach_evidence;", error))
    {
      g_clear_object (&result);
      goto fail;
    }
  goto out;

fail:
  g_clear_pointer (&insert_item, sqlite3_finalize);
  g_clear_pointer (&insert_chunk, sqlite3_finalize);
  g_clear_pointer (&finish_item, sqlite3_finalize);
  rollback_attach_savepoint (db);
out:
  _cpv_vault_unlock (vault);
  explicit_bzero (buffer, CPV_EVIDENCE_CHUNK_SIZE);
  if (error != NULL && *error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error_literal (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_CANCELLED,
                           _("Attaching was cancelled; nothing was stored."));
    }
  return result;
}

/**
 * cpv_vault_attach_evidence:
 * @activity_id: the activity the file proves, or 0 to store it unlinked
 * @stream: the file's bytes; read to the end
 * @meta: (nullable): kind, TLP, secret mark, language, original file name
 * @already_stored: (out) (optional): set to %TRUE when the content was in the vault already
 *
 * Streams a file into the vault in one transaction, hashing it (SHA-256) on the way. If the
 * same content is stored already, the new copy is dropped and the existing item is linked to
 * @activity_id instead.
 *
 * Returns: (transfer full): the stored item, or %NULL with @error set (nothing written)
 */
CpvEvidence *
cpv_vault_attach_evidence (CpvVault               *vault,
                           gint64                  activity_id,
                           GInputStream           *stream,
                           const CpvEvidenceMeta  *meta,
                           gboolean               *already_stored,
                           GCancellable           *cancellable,
                           GError                **error)
{
  CpvEvidence *result = NULL;
  gboolean stored_before = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (already_stored != NULL)
    *already_stored = FALSE;
  if (_cpv_vault_lock (vault, error) == NULL || !_cpv_vault_begin (vault, error))
    goto out;
  result = _cpv_vault_attach_evidence_locked (vault, activity_id, stream, meta, &stored_before,
                                              cancellable, error);
  if (result == NULL || !_cpv_vault_commit (vault, error))
    {
      g_clear_object (&result);
      _cpv_vault_rollback (vault);
      goto out;
    }
  if (already_stored != NULL)
    *already_stored = stored_before;
  _cpv_vault_emit_changed (vault, "evidence");

out:
  _cpv_vault_unlock (vault);
  return result;
}

GInputStream *
_cpv_evidence_open_file (CpvVault               *vault,
                         GFile                  *file,
                         const CpvEvidenceMeta  *meta,
                         CpvEvidenceMeta        *file_meta,
                         char                  **basename,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The file “%s” does not exist."), shown);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file."), shown);
      return NULL;
    }
  if (g_file_info_get_size (info) > cpv_vault_get_evidence_size_limit (vault))
    {
      g_autofree char *limit_text = g_format_size (cpv_vault_get_evidence_size_limit (vault));

      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_TOO_LARGE,
                   _("“%s” is larger than the evidence size limit of %s. Raise the limit in "
                     "Preferences, or store a smaller copy."), name, limit_text);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  *file_meta = meta != NULL ? *meta : (CpvEvidenceMeta) { 0 };
  if (file_meta->file_name == NULL)
    file_meta->file_name = name;
  *basename = g_steal_pointer (&name);
  return G_INPUT_STREAM (stream);
}

/**
 * cpv_vault_attach_file:
 *
 * Like cpv_vault_attach_evidence() for a file on disk; the file name defaults to its base
 * name. Refuses a file over the size limit before reading it.
 */
CpvEvidence *
cpv_vault_attach_file (CpvVault               *vault,
                       gint64                  activity_id,
                       GFile                  *file,
                       const CpvEvidenceMeta  *meta,
                       gboolean               *already_stored,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *basename = NULL;
  CpvEvidenceMeta file_meta = { 0 };

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (already_stored != NULL)
    *already_stored = FALSE;
  stream = _cpv_evidence_open_file (vault, file, meta, &file_meta, &basename, cancellable,
                                    error);
  if (stream == NULL)
    return NULL;

  return cpv_vault_attach_evidence (vault, activity_id, stream, &file_meta,
                                    already_stored, cancellable, error);
}

typedef struct
{
  gint64           activity_id;
  GFile           *file;
  char            *kind;
  char            *tlp;
  gboolean         secret;
  char            *language;
  char            *file_name;
  gboolean         already_stored;
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_clear_object (&data->file);
  g_free (data->kind);
  g_free (data->tlp);
  g_free (data->language);
  g_free (data->file_name);
  g_free (data);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;
  CpvEvidenceMeta meta = { data->kind, data->tlp, data->secret, data->language, data->file_name };
  GError *error = NULL;
  CpvEvidence *evidence;

  evidence = cpv_vault_attach_file (source_object, data->activity_id, data->file, &meta,
                                    &data->already_stored, cancellable, &error);
  if (evidence == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, evidence, g_object_unref);
}

void
cpv_vault_attach_file_async (CpvVault               *vault,
                             gint64                  activity_id,
                             GFile                  *file,
                             const CpvEvidenceMeta  *meta,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (vault, cancellable, callback, user_data);
  AttachData *data = g_new0 (AttachData, 1);

  data->activity_id = activity_id;
  data->file = g_object_ref (file);
  if (meta != NULL)
    {
      data->kind = g_strdup (meta->kind);
      data->tlp = g_strdup (meta->tlp);
      data->secret = meta->secret;
      data->language = g_strdup (meta->language);
      data->file_name = g_strdup (meta->file_name);
    }
  g_task_set_source_tag (task, cpv_vault_attach_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);
  g_task_run_in_thread (task, attach_thread);
}

CpvEvidence *
cpv_vault_attach_file_finish (CpvVault      *vault,
                              GAsyncResult  *result,
                              gboolean      *already_stored,
                              GError       **error)
{
  AttachData *data = g_task_get_task_data (G_TASK (result));

  if (already_stored != NULL)
    *already_stored = data->already_stored;
  return g_task_propagate_pointer (G_TASK (result), error);
}

CpvEvidence *
cpv_vault_get_evidence (CpvVault  *vault,
                        gint64     evidence_id,
                        GError   **error)
{
  CpvEvidence *evidence = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) != NULL)
    evidence = get_evidence_locked (vault, evidence_id, error);
  _cpv_vault_unlock (vault);
  return evidence;
}

/**
 * cpv_vault_list_evidence:
 * @activity_id: an activity, or 0 for every item in the vault
 *
 * Returns: (transfer container) (element-type CpvEvidence): the items, oldest first
 */
GPtrArray *
cpv_vault_list_evidence (CpvVault  *vault,
                         gint64     activity_id,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (activity_id != 0)
    {
      if (!activity_exists_locked (vault, activity_id, error))
        goto out;
      stmt = _cpv_vault_prepare (vault,
                                 "SELECT " EVIDENCE_COLUMNS " FROM evidence WHERE id IN "
                                 "(SELECT evidence_id FROM activity_evidence WHERE activity_id = ?)"
                                 " ORDER BY id", error);
    }
  else
    stmt = _cpv_vault_prepare (vault,
                               "SELECT " EVIDENCE_COLUMNS " FROM evidence ORDER BY id", error);
  if (stmt == NULL)
    goto out;
  if (activity_id != 0)
    sqlite3_bind_int64 (stmt, 1, activity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, evidence_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing evidence"));
      goto out;
    }
  result = g_steal_pointer (&list);

out:
  _cpv_vault_unlock (vault);
  return result;
}

GHashTable *
_cpv_vault_map_evidence (CpvVault  *vault,
                         CpvDay     first_end,
                         CpvDay     last_end,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                     (GDestroyNotify) g_ptr_array_unref);
  GHashTable *result = NULL;
  GPtrArray *items = NULL;
  gint64 items_of = 0;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT " EVIDENCE_COLUMNS ", ae.activity_id FROM evidence "
                             "JOIN activity_evidence ae ON ae.evidence_id = evidence.id "
                             "WHERE ae.activity_id IN (SELECT a.id FROM activity a "
                             "WHERE (?1 IS NULL OR a.end_date >= ?1) "
                             "AND (?2 IS NULL OR a.end_date <= ?2)) "
                             "ORDER BY ae.activity_id, evidence.id", error);
  if (stmt == NULL)
    goto out;
  _cpv_bind_day (stmt, 1, first_end);
  _cpv_bind_day (stmt, 2, last_end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 activity_id = sqlite3_column_int64 (stmt, 11);

      /* Rows come grouped by activity. */
      if (items == NULL || activity_id != items_of)
        {
          items = g_ptr_array_new_with_free_func (g_object_unref);
          items_of = activity_id;
          g_hash_table_insert (map, g_memdup2 (&activity_id, sizeof activity_id), items);
        }
      g_ptr_array_add (items, evidence_from_row (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing evidence"));
      goto out;
    }
  result = g_steal_pointer (&map);

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_vault_list_evidence_activities:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the activities an item proves
 */
GArray *
cpv_vault_list_evidence_activities (CpvVault  *vault,
                                    gint64     evidence_id,
                                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *result = NULL;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "SELECT activity_id FROM activity_evidence WHERE evidence_id = ? "
                             "ORDER BY activity_id", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("listing the evidence's activities"));
      goto out;
    }
  result = g_steal_pointer (&ids);

out:
  _cpv_vault_unlock (vault);
  return result;
}

gboolean
cpv_vault_link_evidence (CpvVault  *vault,
                         gint64     activity_id,
                         gint64     evidence_id,
                         GError   **error)
{
  g_autoptr(CpvEvidence) evidence = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (!activity_exists_locked (vault, activity_id, error))
    goto out;
  evidence = get_evidence_locked (vault, evidence_id, error);
  if (evidence == NULL)
    goto out;
  ok = link_locked (vault, activity_id, evidence_id, error);
  if (ok)
    _cpv_vault_emit_changed (vault, "evidence");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

gboolean
cpv_vault_unlink_evidence (CpvVault  *vault,
                           gint64     activity_id,
                           gint64     evidence_id,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             "DELETE FROM activity_evidence WHERE activity_id = ? AND evidence_id = ?",
                             error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_int64 (stmt, 2, evidence_id);
  if (!_cpv_step_done (vault, stmt, N_("unlinking the evidence"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND,
                   _("Evidence item %lld is not attached to activity %lld."),
                   (long long) evidence_id, (long long) activity_id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "evidence");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_remove_evidence:
 *
 * Removes an item, its bytes (overwritten: secure_delete is on) and its links.
 */
gboolean
cpv_vault_remove_evidence (CpvVault  *vault,
                           gint64     evidence_id,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto out;
  stmt = _cpv_vault_prepare (vault, "DELETE FROM evidence WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  if (!_cpv_step_done (vault, stmt, N_("removing the evidence"), error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      evidence_not_found (error, evidence_id);
      goto fail;
    }
  if (!_cpv_vault_commit (vault, error))
    goto fail;
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "evidence");
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  return ok;
}

/**
 * cpv_vault_update_evidence_marks:
 *
 * Saves an item's kind, TLP and secret marks, language, file name and translation link.
 */
gboolean
cpv_vault_update_evidence_marks (CpvVault     *vault,
                                 CpvEvidence  *evidence,
                                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CpvEvidenceMeta meta = { evidence->kind, evidence->tlp, evidence->secret,
                           evidence->language, evidence->file_name };
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (CPV_IS_EVIDENCE (evidence), FALSE);

  if (!validate_meta (&meta, error))
    return FALSE;
  if (evidence->kind == NULL || evidence->tlp == NULL || evidence->file_name == NULL ||
      *evidence->file_name == '\0')
    {
      g_set_error_literal (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID,
                           _("An evidence item needs a kind, a TLP mark and a file name."));
      return FALSE;
    }
  if (evidence->translation_of == evidence->id)
    {
      g_set_error_literal (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID,
                           _("An item cannot be the translation of itself."));
      return FALSE;
    }

  db = _cpv_vault_lock (vault, error);
  if (db == NULL)
    goto out;
  if (evidence->translation_of != 0)
    {
      g_autoptr(CpvEvidence) original = get_evidence_locked (vault, evidence->translation_of,
                                                             error);
      if (original == NULL)
        goto out;
    }
  stmt = _cpv_vault_prepare (vault,
                             "UPDATE evidence SET kind = ?, tlp = ?, secret = ?, language = ?, "
                             "file_name = ?, translation_of = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, evidence->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, evidence->tlp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, evidence->secret ? 1 : 0);
  _cpv_bind_text_or_null (stmt, 4, evidence->language);
  sqlite3_bind_text (stmt, 5, evidence->file_name, -1, SQLITE_TRANSIENT);
  if (evidence->translation_of != 0)
    sqlite3_bind_int64 (stmt, 6, evidence->translation_of);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int64 (stmt, 7, evidence->id);
  if (!_cpv_step_done (vault, stmt, N_("saving the evidence's marks"), error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      evidence_not_found (error, evidence->id);
      goto out;
    }
  ok = TRUE;
  _cpv_vault_emit_changed (vault, "evidence");

out:
  _cpv_vault_unlock (vault);
  return ok;
}

/* Reading back: a GInputStream that fetches one chunk at a time. */

#define CPV_TYPE_EVIDENCE_STREAM (cpv_evidence_stream_get_type ())
G_DECLARE_FINAL_TYPE (CpvEvidenceStream, cpv_evidence_stream, CPV, EVIDENCE_STREAM, GInputStream)

struct _CpvEvidenceStream
{
  GInputStream  parent_instance;

  CpvVault     *vault;
  gint64        evidence_id;
  int           next_seq;
  guint8       *chunk;
  gsize         chunk_len;
  gsize         chunk_pos;
  gboolean      at_end;
};

G_DEFINE_FINAL_TYPE (CpvEvidenceStream, cpv_evidence_stream, G_TYPE_INPUT_STREAM)

static void
drop_chunk (CpvEvidenceStream *self)
{
  if (self->chunk != NULL)
    {
      explicit_bzero (self->chunk, self->chunk_len);
      g_clear_pointer (&self->chunk, g_free);
    }
  self->chunk_len = self->chunk_pos = 0;
}

static gboolean
load_next_chunk (CpvEvidenceStream  *self,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  drop_chunk (self);
  if (_cpv_vault_lock (self->vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (self->vault,
                             "SELECT data FROM evidence_chunk WHERE evidence_id = ? AND seq = ?",
                             error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, self->evidence_id);
  sqlite3_bind_int (stmt, 2, self->next_seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->chunk_len = sqlite3_column_bytes (stmt, 0);
      self->chunk = g_memdup2 (sqlite3_column_blob (stmt, 0), self->chunk_len);
      self->next_seq++;
      ok = TRUE;
    }
  else if (rc == SQLITE_DONE)
    {
      self->at_end = TRUE;
      ok = TRUE;
    }
  else
    _cpv_vault_set_sql_error (self->vault, error, rc, N_("reading the evidence"));

out:
  _cpv_vault_unlock (self->vault);
  return ok;
}

static gssize
cpv_evidence_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  CpvEvidenceStream *self = (CpvEvidenceStream *) stream;
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->chunk_pos >= self->chunk_len && !self->at_end)
    if (!load_next_chunk (self, error))
      return -1;
  if (self->at_end)
    return 0;

  n = MIN (count, self->chunk_len - self->chunk_pos);
  memcpy (buffer, self->chunk + self->chunk_pos, n);
  self->chunk_pos += n;
  return n;
}

static gboolean
cpv_evidence_stream_close (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  drop_chunk ((CpvEvidenceStream *) stream);
  return TRUE;
}

static void
cpv_evidence_stream_finalize (GObject *object)
{
  CpvEvidenceStream *self = (CpvEvidenceStream *) object;

  drop_chunk (self);
  g_clear_object (&self->vault);
  G_OBJECT_CLASS (cpv_evidence_stream_parent_class)->finalize (object);
}

static void
cpv_evidence_stream_class_init (CpvEvidenceStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = cpv_evidence_stream_finalize;
  stream_class->read_fn = cpv_evidence_stream_read;
  stream_class->close_fn = cpv_evidence_stream_close;
}

static void
cpv_evidence_stream_init (CpvEvidenceStream *self)
{
}

/**
 * cpv_vault_open_evidence:
 *
 * Returns: (transfer full): a stream of the item's bytes, decrypted in memory one chunk at a
 *   time; nothing is written to disk
 */
GInputStream *
cpv_vault_open_evidence (CpvVault  *vault,
                         gint64     evidence_id,
                         GError   **error)
{
  g_autoptr(CpvEvidence) evidence = NULL;
  CpvEvidenceStream *stream;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  evidence = cpv_vault_get_evidence (vault, evidence_id, error);
  if (evidence == NULL)
    return NULL;

  stream = g_object_new (CPV_TYPE_EVIDENCE_STREAM, NULL);
  stream->vault = g_object_ref (vault);
  stream->evidence_id = evidence_id;
  return G_INPUT_STREAM (stream);
}

/**
 * cpv_vault_load_evidence_bytes:
 *
 * Loads a whole item into memory, e.g. for poppler_document_new_from_bytes(). Callers that
 * keep it should drop it when the vault locks.
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
cpv_vault_load_evidence_bytes (CpvVault      *vault,
                               gint64         evidence_id,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GInputStream) stream = NULL;
  guint8 *data;
  gsize got = 0;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  evidence = cpv_vault_get_evidence (vault, evidence_id, error);
  if (evidence == NULL)
    return NULL;
  stream = cpv_vault_open_evidence (vault, evidence_id, error);
  if (stream == NULL)
    return NULL;

  data = g_malloc (evidence->size);
  if (!g_input_stream_read_all (stream, data, evidence->size, &got, cancellable, error))
    {
      explicit_bzero (data, evidence->size);
      g_free (data);
      return NULL;
    }
  if ((goffset) got != evidence->size)
    {
      explicit_bzero (data, evidence->size);
      g_free (data);
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                   _("Evidence item %lld is incomplete in the vault (%zu of %lld bytes)."),
                   (long long) evidence_id, (size_t) got, (long long) evidence->size);
      return NULL;
    }
  return g_bytes_new_take (data, got);
}
