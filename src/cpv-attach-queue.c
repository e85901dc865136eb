/* cpv-attach-queue.c — files waiting to be stored in the vault, one at a time, with progress
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-attach-queue"

#include "config.h"

#include "cpv-attach-queue.h"

#include <glib/gi18n.h>

#include "cpv-evidence.h"
#include "cpv-search.h"

/* The activity editor and the JRCA files group attach files the same way: a file chosen or
 * dropped waits in the queue; the form stores one at a time in a thread while the progress
 * row pulses; Cancel (or a failure) drops the rest of the queue. A file the vault did not hold
 * yet is indexed for search afterwards. */

/* Helpers ------------------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  CpvAttachQueue *queue = user_data;

  gtk_progress_bar_pulse (queue->progress);
  return G_SOURCE_CONTINUE;
}

static void
indexed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* An unreadable PDF stays attached; its words are just not searchable. */
  if (!cpv_search_index_evidence_finish (CPV_VAULT (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Evidence not indexed: %s", error->message);
}

static void
files_chosen_cb (GtkFileChooserNative *chooser,
                 int                   response,
                 gpointer              owner)
{
  CpvAttachFilesFunc files_chosen = (CpvAttachFilesFunc) g_object_get_data (G_OBJECT (chooser),
                                                                            "cpv-files-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      files_chosen (owner, files);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * cpv_attach_queue_init:
 * @pending_free: frees what cpv_attach_queue_push() is given
 * @revealer: the progress row, from the form's template
 *
 * Call it after the form's template is initialised.
 */
void
cpv_attach_queue_init (CpvAttachQueue *queue,
                       GDestroyNotify  pending_free,
                       GtkRevealer    *revealer,
                       GtkLabel       *label,
                       GtkProgressBar *progress)
{
  g_queue_init (&queue->pending);
  queue->pending_free = pending_free;
  queue->revealer = revealer;
  queue->label = label;
  queue->progress = progress;
  queue->cancellable = NULL;
  queue->index_cancellable = g_cancellable_new ();
  queue->pulse_id = 0;
}

/**
 * cpv_attach_queue_clear:
 *
 * For the form's dispose: drops the queue, cancels the file being stored and the indexing,
 * and forgets the progress row. Safe to call twice.
 */
void
cpv_attach_queue_clear (CpvAttachQueue *queue)
{
  cpv_attach_queue_cancel (queue);
  g_clear_object (&queue->cancellable);
  if (queue->index_cancellable != NULL)
    g_cancellable_cancel (queue->index_cancellable);
  g_clear_object (&queue->index_cancellable);
  g_clear_handle_id (&queue->pulse_id, g_source_remove);
  queue->revealer = NULL;
  queue->label = NULL;
  queue->progress = NULL;
}

void
cpv_attach_queue_push (CpvAttachQueue *queue,
                       gpointer        pending)
{
  g_queue_push_tail (&queue->pending, pending);
}

/* Returns: (transfer full) (nullable): the next file to store */
gpointer
cpv_attach_queue_pop (CpvAttachQueue *queue)
{
  return g_queue_pop_head (&queue->pending);
}

gboolean
cpv_attach_queue_is_empty (CpvAttachQueue *queue)
{
  return g_queue_is_empty (&queue->pending);
}

/**
 * cpv_attach_queue_start:
 * @file: the file about to be stored
 *
 * Shows the progress row for @file.
 *
 * Returns: (transfer none): the cancellable to store @file with; Cancel cancels it
 */
GCancellable *
cpv_attach_queue_start (CpvAttachQueue *queue,
                        GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *label = g_strdup_printf (_("Storing “%s” in the vault…"), name);

  gtk_label_set_text (queue->label, label);
  gtk_revealer_set_reveal_child (queue->revealer, TRUE);
  gtk_progress_bar_set_fraction (queue->progress, 0);
  if (queue->pulse_id == 0)
    queue->pulse_id = g_timeout_add (100, pulse_cb, queue);

  g_clear_object (&queue->cancellable);
  queue->cancellable = g_cancellable_new ();
  return queue->cancellable;
}

/**
 * cpv_attach_queue_finish:
 *
 * Hides the progress row once a file is stored (or not).
 */
void
cpv_attach_queue_finish (CpvAttachQueue *queue)
{
  g_clear_handle_id (&queue->pulse_id, g_source_remove);
  if (queue->revealer != NULL)
    gtk_revealer_set_reveal_child (queue->revealer, FALSE);
  g_clear_object (&queue->cancellable);
}

/**
 * cpv_attach_queue_failed:
 * @error: why the file was not stored
 *
 * A file was not stored: the files after it are dropped too.
 *
 * Returns: %TRUE when @error is worth showing (a failure, not Cancel)
 */
gboolean
cpv_attach_queue_failed (CpvAttachQueue *queue,
                         const GError   *error)
{
  g_queue_clear_full (&queue->pending, queue->pending_free);
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         && !g_error_matches (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_CANCELLED);
}

/**
 * cpv_attach_queue_cancel:
 *
 * Cancel: drops the files still waiting and stops the one being stored.
 */
void
cpv_attach_queue_cancel (CpvAttachQueue *queue)
{
  g_queue_clear_full (&queue->pending, queue->pending_free);
  if (queue->cancellable != NULL)
    g_cancellable_cancel (queue->cancellable);
}

/**
 * cpv_attach_queue_index:
 * @evidence_id: an item the vault did not hold before
 *
 * Indexes the item's words for search in the background (not after cpv_attach_queue_clear()).
 */
void
cpv_attach_queue_index (CpvAttachQueue *queue,
                        CpvVault       *vault,
                        gint64          evidence_id)
{
  if (queue->index_cancellable != NULL)
    cpv_search_index_evidence_async (vault, evidence_id, queue->index_cancellable, indexed_cb,
                                     NULL);
}

/**
 * cpv_attach_queue_choose_files:
 * @owner: the form; the chooser is modal to its window
 * @files_chosen: called with @owner and the files when the person accepts
 *
 * Shows the file chooser (several files at once).
 */
void
cpv_attach_queue_choose_files (GtkWidget          *owner,
                               CpvAttachFilesFunc  files_chosen)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Evidence"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "cpv-files-chosen", (gpointer) files_chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (files_chosen_cb), owner, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * cpv_attach_queue_dropped_files:
 * @value: what a #GtkDropTarget for %GDK_TYPE_FILE_LIST received
 *
 * Returns: (transfer full) (nullable): the dropped files, or %NULL when @value holds none
 */
GListModel *
cpv_attach_queue_dropped_files (const GValue *value)
{
  GListStore *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return NULL;
  files = g_list_store_new (G_TYPE_FILE);
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  return G_LIST_MODEL (files);
}
