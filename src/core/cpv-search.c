/* cpv-search.c — full-text search over activities and the text of their evidence
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-search"

#include "config.h"

#include "cpv-search.h"

#include <poppler.h>
#include <string.h>

#include "cpv-evidence.h"
#include "cpv-vault-private.h"

/* The index lives inside the vault (schema version 5): search_activity holds titles and
 * descriptions, kept in step by triggers; search_evidence holds the text of each evidence
 * item, written here. Text is extracted from the decrypted bytes in memory (poppler reads a
 * GBytes) and wiped when done: nothing of it is ever written outside the vault.
 *
 * FTS4's unicode61 tokenizer splits on spaces and punctuation, so it finds English words but
 * treats a run of Japanese text as one token. A search term holding CJK characters is
 * therefore matched as a substring (instr) over the stored text instead. Every term of a
 * query must occur somewhere in the activity: its title, description or one of its evidence
 * items. */

typedef struct
{
  gboolean          only_missing;
  CpvSearchProgress progress;
  gpointer          progress_data;
  GMainContext     *context;
} ReindexData;

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ProgressReport;

G_DEFINE_QUARK (cpv-search-error-quark, cpv_search_error)

static void
wipe_string (char *text)
{
  if (text == NULL)
    return;
  explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
wipe_bytes (GBytes *bytes)
{
  gsize size = 0;
  guint8 *data;

  if (bytes == NULL)
    return;
  /* Without a copy when this is the last reference, which it is once poppler let go. */
  data = g_bytes_unref_to_data (bytes, &size);
  if (data != NULL)
    explicit_bzero (data, size);
  g_free (data);
}

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      /* The prolonged sound mark and the iteration marks are "common" script. */
      return c == 0x30FC || c == 0x3005 || c == 0x3006 || c == 0x303B
             || (c >= 0xFF66 && c <= 0xFF9F);
    }
}

static char *
extract_pdf_text (GBytes        *bytes,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  GString *text;
  int n_pages;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, CPV_SEARCH_ERROR, CPV_SEARCH_ERROR_UNREADABLE,
                   "The PDF cannot be read for search (%s). It is stored, but its words "
                   "will not be found.", local_error->message);
      return NULL;
    }

  text = g_string_new (NULL);
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;
      char *page_text;

      if (g_cancellable_is_cancelled (cancellable))
        {
          explicit_bzero (text->str, text->allocated_len);
          g_string_free (text, TRUE);
          g_object_unref (document);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Indexing was cancelled.");
          return NULL;
        }
      page = poppler_document_get_page (document, i);
      if (page == NULL)
        continue;
      page_text = poppler_page_get_text (page);
      if (page_text != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, page_text);
          wipe_string (page_text);
        }
      g_object_unref (page);
    }
  g_object_unref (document);

  return g_string_free (text, FALSE);
}

/**
 * cpv_search_extract_text:
 * @bytes: the decrypted content of an evidence item
 * @media_type: its sniffed media type
 * @cancellable: (nullable): checked between PDF pages
 * @error: return location for a #CPV_SEARCH_ERROR
 *
 * The searchable text of a PDF (every page, through poppler, from memory) or of a plain-text
 * file. Other kinds of file have no text: the result is then an empty string.
 *
 * Returns: (transfer full): UTF-8 text, or %NULL with @error set
 */
char *
cpv_search_extract_text (GBytes        *bytes,
                         const char    *media_type,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  if (g_strcmp0 (media_type, "application/pdf") == 0)
    return extract_pdf_text (bytes, cancellable, error);
  if (media_type != NULL && g_str_has_prefix (media_type, "text/"))
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (bytes, &size);

      return g_utf8_make_valid (data != NULL ? data : "", size);
    }
  return g_strdup ("");
}

/**
 * cpv_search_query_has_cjk:
 * @query: a search query
 *
 * Returns: %TRUE when @query holds Han, kana or Hangul characters, which FTS4 cannot split
 *   into words and which are therefore matched as substrings
 */
gboolean
cpv_search_query_has_cjk (const char *query)
{
  if (query == NULL)
    return FALSE;
  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    if (is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
store_text_locked (CpvVault    *vault,
                   gint64       evidence_id,
                   const char  *text,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  exists = _cpv_vault_prepare (vault, "SELECT 1 FROM evidence WHERE id = ?", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_int64 (exists, 1, evidence_id);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    return TRUE;   /* removed while its text was extracted: nothing to index */
  if (rc != SQLITE_ROW)
    {
      _cpv_vault_set_sql_error (vault, error, rc, "indexing the evidence");
      return FALSE;
    }

  if (!_cpv_vault_begin (vault, error))
    return FALSE;
  remove = _cpv_vault_prepare (vault, "DELETE FROM search_evidence WHERE docid = ?", error);
  if (remove == NULL)
    goto fail;
  sqlite3_bind_int64 (remove, 1, evidence_id);
  rc = sqlite3_step (remove);
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, "indexing the evidence");
      goto fail;
    }
  insert = _cpv_vault_prepare (vault, "INSERT INTO search_evidence (docid, body) VALUES (?, ?)",
                               error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, evidence_id);
  sqlite3_bind_text (insert, 2, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, "indexing the evidence");
      goto fail;
    }
  return _cpv_vault_commit (vault, error);

fail:
  _cpv_vault_rollback (vault);
  return FALSE;
}

/**
 * cpv_search_index_evidence:
 * @vault: an open vault
 * @evidence_id: the evidence item to index
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Extracts the text of one evidence item in memory and stores it in the vault's search index,
 * replacing what was there. Blocks: call it from a thread, or use the _async variant. A PDF
 * poppler cannot read is recorded as having no text (so that it is not tried again) and
 * reported as %CPV_SEARCH_ERROR_UNREADABLE.
 *
 * Returns: %TRUE when the item's text is in the index
 */
gboolean
cpv_search_index_evidence (CpvVault      *vault,
                           gint64         evidence_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) extract_error = NULL;
  GBytes *bytes;
  char *text;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  evidence = cpv_vault_get_evidence (vault, evidence_id, error);
  if (evidence == NULL)
    return FALSE;

  if (g_strcmp0 (evidence->media_type, "application/pdf") == 0
      || g_str_has_prefix (evidence->media_type, "text/"))
    {
      bytes = cpv_vault_load_evidence_bytes (vault, evidence_id, cancellable, error);
      if (bytes == NULL)
        return FALSE;
      text = cpv_search_extract_text (bytes, evidence->media_type, cancellable, &extract_error);
      wipe_bytes (bytes);
    }
  else
    text = g_strdup ("");

  if (text == NULL)
    {
      if (g_error_matches (extract_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&extract_error));
          return FALSE;
        }
      text = g_strdup ("");
    }

  if (_cpv_vault_lock (vault, error) != NULL)
    ok = store_text_locked (vault, evidence_id, text, error);
  _cpv_vault_unlock (vault);
  wipe_string (text);

  if (ok && extract_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&extract_error));
      return FALSE;
    }
  return ok;
}

static void
index_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (cpv_search_index_evidence (CPV_VAULT (source_object), *(gint64 *) task_data,
                                 cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cpv_search_index_evidence_async:
 *
 * Runs cpv_search_index_evidence() in a thread.
 */
void
cpv_search_index_evidence_async (CpvVault            *vault,
                                 gint64               evidence_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CPV_IS_VAULT (vault));

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpv_search_index_evidence_async);
  g_task_set_task_data (task, g_memdup2 (&evidence_id, sizeof evidence_id), g_free);
  g_task_run_in_thread (task, index_thread);
}

gboolean
cpv_search_index_evidence_finish (CpvVault      *vault,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cpv_search_evidence_is_indexed:
 *
 * Returns: %TRUE when the index holds the text of @evidence_id (possibly empty)
 */
gboolean
cpv_search_evidence_is_indexed (CpvVault  *vault,
                                gint64     evidence_id,
                                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean indexed = FALSE;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault, "SELECT 1 FROM search_evidence WHERE docid = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    indexed = TRUE;
  else if (rc != SQLITE_DONE)
    _cpv_vault_set_sql_error (vault, error, rc, "reading the search index");

out:
  _cpv_vault_unlock (vault);
  return indexed;
}

/* Reindex ------------------------------------------------------------------------------- */

static void
reindex_data_free (ReindexData *data)
{
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  ReindexData *data = g_task_get_task_data (report->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    data->progress (report->done, report->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static void
report_progress (GTask *task,
                 guint  done,
                 guint  total)
{
  ReindexData *data = g_task_get_task_data (task);
  ProgressReport *report;

  if (data->progress == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static GArray *
list_to_index (CpvVault  *vault,
               gboolean   only_missing,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = FALSE;
  int rc;

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  stmt = _cpv_vault_prepare (vault,
                             only_missing
                             ? "SELECT id FROM evidence e WHERE NOT EXISTS "
                               "(SELECT 1 FROM search_evidence s WHERE s.docid = e.id) "
                               "ORDER BY id"
                             : "SELECT id FROM evidence ORDER BY id",
                             error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    _cpv_vault_set_sql_error (vault, error, rc, "reading the evidence list");
  else
    ok = TRUE;

out:
  _cpv_vault_unlock (vault);
  return ok ? g_steal_pointer (&ids) : NULL;
}

static void
reindex_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CpvVault *vault = CPV_VAULT (source_object);
  ReindexData *data = task_data;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  guint indexed = 0;

  ids = list_to_index (vault, data->only_missing, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report_progress (task, 0, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) item_error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "Indexing was cancelled after %u of %u items.", i, ids->len);
          return;
        }
      if (cpv_search_index_evidence (vault, g_array_index (ids, gint64, i), cancellable,
                                     &item_error))
        indexed++;
      else if (g_error_matches (item_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "Indexing was cancelled after %u of %u items.", i, ids->len);
          return;
        }
      else if (!g_error_matches (item_error, CPV_SEARCH_ERROR, CPV_SEARCH_ERROR_UNREADABLE)
               && !g_error_matches (item_error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_NOT_FOUND))
        {
          /* A locked vault or a damaged page: stop and say so. An unreadable PDF or an item
           * removed meanwhile does not stop the others. */
          g_task_return_error (task, g_steal_pointer (&item_error));
          return;
        }
      report_progress (task, i + 1, ids->len);
    }

  g_task_return_int (task, indexed);
}

/**
 * cpv_search_reindex_async:
 * @vault: an open vault
 * @only_missing: %TRUE to index only items not in the index yet (e.g. a vault made before
 *   search existed, or files attached by the CLI); %FALSE to index every item again
 * @progress: (nullable) (scope notified): called in the caller's main context as items are done
 * @progress_data: data for @progress; it must outlive the operation or its cancellation
 * @cancellable: (nullable): stops between items and between PDF pages
 *
 * Indexes the text of the vault's evidence in a thread.
 */
void
cpv_search_reindex_async (CpvVault            *vault,
                          gboolean             only_missing,
                          CpvSearchProgress    progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReindexData *data;

  g_return_if_fail (CPV_IS_VAULT (vault));

  data = g_new0 (ReindexData, 1);
  data->only_missing = only_missing;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpv_search_reindex_async);
  g_task_set_task_data (task, data, (GDestroyNotify) reindex_data_free);
  g_task_run_in_thread (task, reindex_thread);
}

/**
 * cpv_search_reindex_finish:
 *
 * Returns: the number of items indexed; 0 with @error set on failure
 */
guint
cpv_search_reindex_finish (CpvVault      *vault,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize indexed;

  g_return_val_if_fail (g_task_is_valid (result, vault), 0);

  indexed = g_task_propagate_int (G_TASK (result), error);
  return indexed < 0 ? 0 : (guint) indexed;
}

/* Search -------------------------------------------------------------------------------- */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* An FTS4 phrase for one term, as a prefix query: `secur` finds "security". Double quotes
 * would end the phrase early, so they go; a term of punctuation only matches nothing. */
static char *
fts_phrase (const char *term)
{
  g_autoptr(GString) words = g_string_new (NULL);
  gboolean has_word = FALSE;

  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '*')
        c = ' ';
      else if (g_unichar_isalnum (c))
        has_word = TRUE;
      g_string_append_unichar (words, c);
    }
  if (!has_word)
    return NULL;
  return g_strdup_printf ("\"%s*\"", g_strstrip (words->str));
}

static GHashTable *
ids_for_term_locked (CpvVault    *vault,
                     const char  *term,
                     GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *phrase = NULL;
  g_autofree char *folded = NULL;
  int rc;

  if (cpv_search_query_has_cjk (term))
    {
      /* SQLite's lower() folds ASCII only; Japanese has no case, and mixed terms such as
       * "ISMS監査" are folded in both the text and the term. */
      folded = g_utf8_strdown (term, -1);
      stmt = _cpv_vault_prepare (vault,
                                 "SELECT docid FROM search_activity "
                                 "WHERE instr (lower (title), lower (?1)) > 0 "
                                 "OR instr (lower (description), lower (?1)) > 0 "
                                 "UNION "
                                 "SELECT ae.activity_id FROM activity_evidence ae "
                                 "JOIN search_evidence se ON se.docid = ae.evidence_id "
                                 "WHERE instr (lower (se.body), lower (?1)) > 0",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
    }
  else
    {
      phrase = fts_phrase (term);
      if (phrase == NULL)
        return NULL;   /* no words: the caller skips the term */
      stmt = _cpv_vault_prepare (vault,
                                 "SELECT docid FROM search_activity WHERE search_activity MATCH ?1 "
                                 "UNION "
                                 "SELECT ae.activity_id FROM activity_evidence ae "
                                 "WHERE ae.evidence_id IN "
                                 "(SELECT docid FROM search_evidence WHERE search_evidence MATCH ?1)",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (vault, error, rc, "searching");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Terms are separated by white space, the ideographic space of Japanese input included
 * (g_strsplit_set works on bytes and cannot be given U+3000). */
static GStrv
split_terms (const char *query)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *term = g_string_new (NULL);

  for (const char *p = query != NULL ? query : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          if (term->len > 0)
            g_strv_builder_add (builder, term->str);
          g_string_truncate (term, 0);
        }
      else
        g_string_append_unichar (term, c);
    }
  if (term->len > 0)
    g_strv_builder_add (builder, term->str);
  g_string_free (term, TRUE);
  return g_strv_builder_end (builder);
}

/**
 * cpv_search_activities:
 * @vault: an open vault
 * @query: words separated by spaces; each must occur in the activity's title, description or
 *   the text of one of its evidence items. Latin words match as prefixes ("secur" finds
 *   "security"), case-insensitively; terms with Japanese text match as substrings.
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching activities,
 *   ascending; empty for a query without words; %NULL with @error set on failure
 */
GArray *
cpv_search_activities (CpvVault    *vault,
                       const char  *query,
                       GError     **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) matches = NULL;
  g_auto(GStrv) terms = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&result);
  terms = split_terms (query);

  if (_cpv_vault_lock (vault, error) == NULL)
    {
      _cpv_vault_unlock (vault);
      return NULL;
    }
  for (guint i = 0; terms[i] != NULL && ok; i++)
    {
      g_autoptr(GHashTable) ids = NULL;
      g_autoptr(GError) term_error = NULL;

      ids = ids_for_term_locked (vault, terms[i], &term_error);
      if (ids == NULL)
        {
          if (term_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&term_error));
              ok = FALSE;
            }
          continue;
        }
      if (matches == NULL)
        matches = g_steal_pointer (&ids);
      else
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, matches);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (ids, key))
              g_hash_table_iter_remove (&iter);
        }
    }
  _cpv_vault_unlock (vault);

  if (!ok)
    return NULL;
  if (matches != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, matches);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (result, *(gint64 *) key);
      g_array_sort (result, compare_ids);
    }
  return g_steal_pointer (&result);
}
