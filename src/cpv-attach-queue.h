/* cpv-attach-queue.h — files waiting to be stored in the vault, one at a time, with progress
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cpv-vault.h"

G_BEGIN_DECLS

/* Embedded in a form that attaches files: the files still to store, the progress row
 * (a revealer with a label and a pulsing bar, Cancel beside it) and the cancellables of
 * the file being stored and of the search indexing that follows. The form stores each file
 * itself and keeps its own busy state. */
typedef struct
{
  /*< private >*/
  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;
  GQueue          pending;
  GDestroyNotify  pending_free;
  GCancellable   *cancellable;        /* the file being stored */
  GCancellable   *index_cancellable;
  guint           pulse_id;
} CpvAttachQueue;

/* Called with the files chosen in the file chooser or dropped on the form. */
typedef void (*CpvAttachFilesFunc) (gpointer    owner,
                                    GListModel *files);

void          cpv_attach_queue_init          (CpvAttachQueue     *queue,
                                              GDestroyNotify      pending_free,
                                              GtkRevealer        *revealer,
                                              GtkLabel           *label,
                                              GtkProgressBar     *progress);
void          cpv_attach_queue_clear         (CpvAttachQueue     *queue);
void          cpv_attach_queue_push          (CpvAttachQueue     *queue,
                                              gpointer            pending);
gpointer      cpv_attach_queue_pop           (CpvAttachQueue     *queue);
gboolean      cpv_attach_queue_is_empty      (CpvAttachQueue     *queue);
GCancellable *cpv_attach_queue_start         (CpvAttachQueue     *queue,
                                              GFile              *file);
void          cpv_attach_queue_finish        (CpvAttachQueue     *queue);
gboolean      cpv_attach_queue_failed        (CpvAttachQueue     *queue,
                                              const GError       *error);
void          cpv_attach_queue_cancel        (CpvAttachQueue     *queue);
void          cpv_attach_queue_index         (CpvAttachQueue     *queue,
                                              CpvVault           *vault,
                                              gint64              evidence_id);

void          cpv_attach_queue_choose_files  (GtkWidget          *owner,
                                              CpvAttachFilesFunc  files_chosen);
GListModel   *cpv_attach_queue_dropped_files (const GValue       *value);

G_END_DECLS
