/* cpv-audit-dialog.c — record an audit request: credential, date received, selected activities
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-audit-dialog"

#include "config.h"

#include "cpv-audit-dialog.h"

#include <glib/gi18n.h>

#include "cpv-audit.h"
#include "cpv-records.h"
#include "cpv-status-labels.h"

struct _CpvAuditDialog
{
  AdwWindow      parent_instance;

  AdwComboRow   *credential_row;
  AdwEntryRow   *received_row;
  AdwActionRow  *due_row;
  AdwEntryRow   *note_row;
  GtkListBox    *activities_list;
  GtkLabel      *error_label;
  GtkButton     *save_button;

  CpvSession    *session;
  GPtrArray     *credentials;   /* of CpvCredential, in the combo's order */
  gulong         status_changed_id;
  gint64         saved_id;
};

G_DEFINE_FINAL_TYPE (CpvAuditDialog, cpv_audit_dialog, ADW_TYPE_WINDOW)

static CpvCredential *
selected_credential (CpvAuditDialog *self)
{
  guint position = adw_combo_row_get_selected (self->credential_row);

  if (self->credentials == NULL || position >= self->credentials->len)
    return NULL;
  return self->credentials->pdata[position];
}

static gboolean
counts_toward (CpvActivity *activity,
               gint64       credential_id)
{
  for (guint i = 0; activity->credit_lines != NULL && i < activity->credit_lines->len; i++)
    if (g_array_index (activity->credit_lines, CpvCreditLine, i).credential_id == credential_id)
      return TRUE;
  return FALSE;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  CpvActivity *x = *(CpvActivity * const *) a;
  CpvActivity *y = *(CpvActivity * const *) b;

  return -g_strcmp0 (x->end_date, y->end_date);
}

static void
update_due (CpvAuditDialog *self)
{
  CpvCredential *credential = selected_credential (self);
  CpvDay received;
  gboolean valid = cpv_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->received_row)),
                                  &received);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->received_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->received_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid && credential != NULL);

  if (valid && credential != NULL && self->session != NULL)
    {
      CpvDay due = cpv_audit_response_due (cpv_session_get_registry (self->session), credential,
                                           received);
      g_autofree char *day = cpv_day_format (due);
      g_autofree char *relative = cpv_format_relative_day (due, cpv_day_today ());
      g_autofree char *text = g_strdup_printf ("%s (%s)", day, relative);

      adw_action_row_set_subtitle (self->due_row, text);
    }
  else
    adw_action_row_set_subtitle (self->due_row, "—");
}

static void
fill_activities (CpvAuditDialog *self)
{
  CpvCredential *credential = selected_credential (self);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->activities_list, 0))) != NULL)
    gtk_list_box_remove (self->activities_list, row);
  if (credential == NULL || self->session == NULL)
    return;

  model = cpv_session_get_activities (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      CpvActivity *activity = g_list_model_get_item (model, i);

      if (counts_toward (activity, credential->id))
        g_ptr_array_add (activities, activity);
      else
        g_object_unref (activity);
    }
  g_ptr_array_sort (activities, newest_first);

  for (guint i = 0; i < activities->len; i++)
    {
      CpvActivity *activity = activities->pdata[i];
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_markup_escape_text (activity->title, -1);
      g_autofree char *credits = cpv_format_credits (activity->credits);
      g_autofree char *subtitle = g_markup_printf_escaped (_("Ended %s · %s CPE"),
                                                           activity->end_date, credits);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "cpv-activity-id",
                              g_memdup2 (&activity->id, sizeof activity->id), g_free);
      g_object_set_data (G_OBJECT (row), "cpv-check", check);
      gtk_list_box_append (self->activities_list, row);
    }
}

static void
credential_changed_cb (CpvAuditDialog *self)
{
  fill_activities (self);
  update_due (self);
}

static void
received_changed_cb (CpvAuditDialog *self)
{
  update_due (self);
}

static void
show_error (CpvAuditDialog *self,
            const char     *text)
{
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save_clicked_cb (CpvAuditDialog *self)
{
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autoptr(GError) error = NULL;
  CpvCredential *credential = selected_credential (self);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  GtkWidget *row;

  if (self->session == NULL || credential == NULL)
    return;
  if (!cpv_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->received_row)),
                      &request->received))
    {
      show_error (self, _("Type the day the request was received as YYYY-MM-DD."));
      return;
    }
  request->credential_id = credential->id;
  request->note = *note != '\0' ? g_strdup (note) : NULL;
  for (int i = 0; (row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->activities_list, i)))
                  != NULL; i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cpv-check");
      const gint64 *activity_id = g_object_get_data (G_OBJECT (row), "cpv-activity-id");

      if (gtk_check_button_get_active (check))
        cpv_audit_request_add_activity (request, *activity_id);
    }

  self->saved_id = cpv_vault_add_audit (cpv_session_get_vault (self->session), request, &error);
  if (self->saved_id == 0)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
status_changed_cb (CpvAuditDialog *self,
                   CpvSession     *session)
{
  /* Locked: nothing of the vault stays on screen. */
  if (cpv_session_get_vault (session) == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

static void
cpv_audit_dialog_dispose (GObject *object)
{
  CpvAuditDialog *self = (CpvAuditDialog *) object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->status_changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->credentials, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_AUDIT_DIALOG);

  G_OBJECT_CLASS (cpv_audit_dialog_parent_class)->dispose (object);
}

static void
cpv_audit_dialog_class_init (CpvAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_audit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, credential_row);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, activities_list);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, credential_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, received_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_audit_dialog_init (CpvAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cpv_audit_dialog_new:
 * @parent: (nullable): the main window
 * @session: the unlocked vault's session
 *
 * Returns: (transfer none): a modal dialog that records an audit request with the core
 */
CpvAuditDialog *
cpv_audit_dialog_new (GtkWindow  *parent,
                      CpvSession *session)
{
  CpvAuditDialog *self;
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  GListModel *credentials;
  g_autofree char *today = cpv_day_format (cpv_day_today ());

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_AUDIT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                      G_CALLBACK (status_changed_cb), self);

  self->credentials = g_ptr_array_new_with_free_func (g_object_unref);
  credentials = cpv_session_get_credentials (session);
  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    {
      CpvCredential *credential = g_list_model_get_item (credentials, i);
      g_autofree char *label = g_strdup_printf ("%s (%s – %s)", credential->code,
                                                credential->cycle_start, credential->cycle_end);

      g_ptr_array_add (self->credentials, credential);
      gtk_string_list_append (codes, label);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), today);
  adw_combo_row_set_model (self->credential_row, G_LIST_MODEL (codes));
  adw_combo_row_set_selected (self->credential_row, 0);
  fill_activities (self);
  update_due (self);
  return self;
}

/**
 * cpv_audit_dialog_get_saved_id:
 *
 * Returns: the id of the request recorded by this dialog, 0 before it is saved
 */
gint64
cpv_audit_dialog_get_saved_id (CpvAuditDialog *self)
{
  g_return_val_if_fail (CPV_IS_AUDIT_DIALOG (self), 0);
  return self->saved_id;
}
