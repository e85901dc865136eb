/* cpv-retention-dialog.c — records past retention, and purging them on request
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-retention-dialog"

#include "config.h"

#include "cpv-retention-dialog.h"

#include <glib/gi18n.h>

#include "cpv-retention.h"

/* The list comes from cpv_retention_list (past retention and not held); the purge is
 * cpv_retention_purge in a thread, only after the person confirms a message that names how
 * many records and how much space. Nothing here ever purges on its own. */

struct _CpvRetentionDialog
{
  AdwWindow       parent_instance;

  GtkStack       *stack;
  GtkListBox     *items_list;
  GtkLabel       *error_label;
  GtkButton      *purge_button;
  GtkSpinner     *spinner;
  AdwStatusPage  *report_status;
  GtkListBox     *report_list;

  CpvSession     *session;
  gulong          status_changed_id;
  GCancellable   *cancellable;
  CpvDay          today;
  guint           n_activities;
  guint           n_evidence;
  guint64         evidence_bytes;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (CpvRetentionDialog, cpv_retention_dialog, ADW_TYPE_WINDOW)

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
item_row (const CpvRetentionItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (item->label != NULL ? item->label : "", -1);
  g_autofree char *until = cpv_day_format (item->retention_until);
  g_autofree char *subtitle = NULL;

  if (item->kind == CPV_RECORD_EVIDENCE)
    {
      g_autofree char *size = g_format_size (item->size);

      /* Translators: "Evidence, 1.2 MB · kept until 2025-12-31 · <reason> (ISC2-REC-3)" */
      subtitle = g_markup_printf_escaped (_("Evidence, %s · kept until %s · %s (%s)"), size,
                                          until, item->reason != NULL ? item->reason : "",
                                          item->rule != NULL ? item->rule : "");
    }
  else
    subtitle = g_markup_printf_escaped (_("Activity · kept until %s · %s (%s)"), until,
                                        item->reason != NULL ? item->reason : "",
                                        item->rule != NULL ? item->rule : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (item->kind == CPV_RECORD_EVIDENCE
                                                           ? "text-x-generic-symbolic"
                                                           : "view-list-symbolic"));
  return row;
}

static void
load (CpvRetentionDialog *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->items_list);
  self->n_activities = self->n_evidence = 0;
  self->evidence_bytes = 0;
  self->today = cpv_day_today ();
  items = cpv_retention_list (cpv_session_get_vault (self->session),
                              cpv_session_get_registry (self->session), self->today, TRUE,
                              &error);
  if (items == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->purge_button), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const CpvRetentionItem *item = items->pdata[i];

      if (item->kind == CPV_RECORD_EVIDENCE)
        {
          self->n_evidence++;
          self->evidence_bytes += item->size;
        }
      else
        self->n_activities++;
      gtk_list_box_append (self->items_list, item_row (item));
    }
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

typedef struct
{
  CpvVault           *vault;
  CpvProgramRegistry *registry;
  CpvDay              today;
} PurgeData;

static void
purge_data_free (PurgeData *data)
{
  g_clear_object (&data->vault);
  g_clear_object (&data->registry);
  g_free (data);
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PurgeData *data = task_data;
  GError *error = NULL;
  CpvPurgeReport *report;

  /* The registry is read-only once loaded; the vault serialises its statements. */
  report = cpv_retention_purge (data->vault, data->registry, data->today, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cpv_purge_report_free);
}

static void
purged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CpvRetentionDialog *self = CPV_RETENTION_DIALOG (source);
  g_autoptr(CpvPurgeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *shrunk = NULL;
  g_autofree char *text = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);
  if (self->session == NULL)
    return;
  if (report == NULL)
    {
      load (self);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  size = g_format_size (report->evidence_bytes);
  shrunk = g_format_size (MAX (report->file_size_before - report->file_size_after, 0));
  text = g_strdup_printf (_("Removed %u activities and %u evidence files (%s); the vault "
                            "file shrank by %s."),
                          report->activities, report->evidence, size, shrunk);
  adw_status_page_set_description (self->report_status, text);
  clear_list (self->report_list);
  for (guint i = 0; i < report->removed->len; i++)
    gtk_list_box_append (self->report_list, item_row (report->removed->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     CpvRetentionDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PurgeData *data;

  if (g_strcmp0 (response, "purge") != 0 || self->session == NULL || self->busy)
    return;
  self->busy = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "working");
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, purged_cb, NULL);
  g_task_set_source_tag (task, confirm_response_cb);
  data = g_new0 (PurgeData, 1);
  data->vault = g_object_ref (cpv_session_get_vault (self->session));
  data->registry = g_object_ref (cpv_session_get_registry (self->session));
  data->today = self->today;
  g_task_set_task_data (task, data, (GDestroyNotify) purge_data_free);
  g_task_run_in_thread (task, purge_thread);
}

static void
purge_clicked_cb (CpvRetentionDialog *self)
{
  GtkWidget *dialog;
  guint n = self->n_activities + self->n_evidence;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *size = g_format_size (self->evidence_bytes);

  if (n == 0 || self->busy)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Purge %u Record?",
                                          "Purge %u Records?", n), n);
  body = g_strdup_printf (_("%u activities and %u evidence files (%s) past their retention "
                            "dates are removed for good, and the vault gives the space back. "
                            "This cannot be undone."),
                          self->n_activities, self->n_evidence, size);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "purge", _("_Purge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
status_changed_cb (CpvRetentionDialog *self,
                   CpvSession         *session)
{
  if (cpv_session_get_vault (session) == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

static void
cpv_retention_dialog_dispose (GObject *object)
{
  CpvRetentionDialog *self = (CpvRetentionDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->status_changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_RETENTION_DIALOG);

  G_OBJECT_CLASS (cpv_retention_dialog_parent_class)->dispose (object);
}

static void
cpv_retention_dialog_class_init (CpvRetentionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_retention_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/"
                                               "cpv-retention-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, items_list);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, purge_button);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, report_status);
  gtk_widget_class_bind_template_child (widget_class, CpvRetentionDialog, report_list);
  gtk_widget_class_bind_template_callback (widget_class, purge_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_retention_dialog_init (CpvRetentionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cpv_retention_dialog_new:
 * @parent: (nullable): the main window
 * @session: the unlocked vault's session
 *
 * Returns: (transfer none): a modal dialog listing the records past retention
 */
CpvRetentionDialog *
cpv_retention_dialog_new (GtkWindow  *parent,
                          CpvSession *session)
{
  CpvRetentionDialog *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_RETENTION_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                      G_CALLBACK (status_changed_cb), self);
  load (self);
  return self;
}

/**
 * cpv_retention_dialog_get_busy:
 *
 * Returns: %TRUE while a purge runs
 */
gboolean
cpv_retention_dialog_get_busy (CpvRetentionDialog *self)
{
  g_return_val_if_fail (CPV_IS_RETENTION_DIALOG (self), FALSE);
  return self->busy;
}
