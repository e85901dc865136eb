/* cpv-pack-dialog.c — export an evidence pack for an audit or a credential's cycle
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-pack-dialog"

#include "config.h"

#include "cpv-pack-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-audit.h"
#include "cpv-evidence.h"
#include "cpv-pack.h"
#include "cpv-readiness.h"
#include "cpv-records.h"

/* The pack is written by the core (cpv_vault_write_pack_async) straight from the vault into
 * the chosen file; the dialog only gathers the options. The generated passphrase lives in this
 * dialog until it closes, and is wiped then. */

struct _CpvPackDialog
{
  AdwWindow             parent_instance;

  GtkStack             *stack;
  AdwComboRow          *subject_row;
  AdwComboRow          *names_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *member_row;
  GtkListBox           *withheld_list;
  GtkSwitch            *encrypt_switch;
  GtkLabel             *error_label;
  GtkButton            *export_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *passphrase_group;
  GtkLabel             *passphrase_label;
  GtkLabel             *verify_label;
  GtkButton            *verify_button;

  CpvSession           *session;
  gulong                status_changed_id;
  GArray               *subjects;      /* of Subject */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 pulse_id;
  gboolean              busy;
  char                 *path;          /* the pack written */
  char                 *passphrase;    /* shown once; wiped when the dialog goes */
};

G_DEFINE_FINAL_TYPE (CpvPackDialog, cpv_pack_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  gint64 audit_id;
  gint64 credential_id;
  int    cycles_back;
} Subject;

/* Helpers ------------------------------------------------------------------------------- */

static void
wipe_passphrase (CpvPackDialog *self)
{
  if (self->passphrase != NULL)
    {
      explicit_bzero (self->passphrase, strlen (self->passphrase));
      g_clear_pointer (&self->passphrase, g_free);
    }
  if (self->passphrase_label != NULL)
    gtk_label_set_label (self->passphrase_label, "");
}

static const Subject *
selected_subject (CpvPackDialog *self)
{
  guint position = adw_combo_row_get_selected (self->subject_row);

  if (self->subjects == NULL || position >= self->subjects->len)
    return NULL;
  return &g_array_index (self->subjects, Subject, position);
}

static const char *
credential_code (CpvPackDialog *self,
                 gint64         credential_id)
{
  CpvCredential *credential = cpv_session_find_credential (self->session, credential_id);

  return credential != NULL ? credential->code : "";
}

static void
show_error (CpvPackDialog *self,
            const char    *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
set_busy (CpvPackDialog *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), !busy);
}

/* The activities the pack covers, as the core's plan takes them: the auditor's selection, or
 * the credential's activities in the chosen cycle. */
static GHashTable *
subject_activities (CpvPackDialog  *self,
                    const Subject  *subject,
                    gint64         *credential_id,
                    GError        **error)
{
  CpvVault *vault = cpv_session_get_vault (self->session);
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (subject->audit_id != 0)
    {
      g_autoptr(CpvAuditRequest) request = cpv_vault_get_audit (vault, registry,
                                                                subject->audit_id, error);

      if (request == NULL)
        return NULL;
      *credential_id = request->credential_id;
      for (guint i = 0; i < request->activity_ids->len; i++)
        g_hash_table_add (ids, g_memdup2 (&g_array_index (request->activity_ids, gint64, i),
                                          sizeof (gint64)));
    }
  else
    {
      g_autoptr(CpvCycleReadiness) cycle = cpv_readiness_check_cycle (vault, registry,
                                                                      subject->credential_id,
                                                                      subject->cycles_back,
                                                                      error);

      if (cycle == NULL)
        return NULL;
      *credential_id = subject->credential_id;
      for (guint i = 0; i < cycle->records->len; i++)
        {
          CpvRecordReadiness *record = cycle->records->pdata[i];

          if (record->subject == CPV_READINESS_ACTIVITY)
            g_hash_table_add (ids, g_memdup2 (&record->id, sizeof (gint64)));
        }
    }
  return g_steal_pointer (&ids);
}

static char *
withheld_reason (CpvEvidence *evidence)
{
  gboolean red = g_strcmp0 (evidence->tlp, "red") == 0;

  if (red && evidence->secret)
    return g_strdup (_("TLP:RED and secret"));
  if (red)
    return g_strdup ("TLP:RED");
  return g_strdup (_("Secret"));
}

static void
fill_withheld (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  g_autoptr(GHashTable) activity_ids = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *evidence;
  GtkListBoxRow *row;
  gint64 credential_id = 0;

  while ((row = gtk_list_box_get_row_at_index (self->withheld_list, 0)) != NULL)
    gtk_list_box_remove (self->withheld_list, GTK_WIDGET (row));
  show_error (self, NULL);
  if (subject == NULL || self->session == NULL)
    return;

  activity_ids = subject_activities (self, subject, &credential_id, &error);
  if (activity_ids == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* COUNCIL-TLP-1: TLP:RED and secret items are left out unless ticked one by one. */
  evidence = cpv_session_get_evidence (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (evidence); i++)
    {
      g_autoptr(CpvEvidence) item = g_list_model_get_item (evidence, i);
      g_autoptr(GArray) used_by = NULL;
      gboolean in_pack = FALSE;

      if (g_strcmp0 (item->tlp, "red") != 0 && !item->secret)
        continue;
      used_by = cpv_vault_list_evidence_activities (cpv_session_get_vault (self->session),
                                                    item->id, &error);
      if (used_by == NULL)
        {
          show_error (self, error->message);
          return;
        }
      for (guint j = 0; j < used_by->len && !in_pack; j++)
        in_pack = g_hash_table_contains (activity_ids, &g_array_index (used_by, gint64, j));
      if (in_pack)
        {
          GtkWidget *item_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *title = g_markup_escape_text (item->file_name, -1);
          g_autofree char *reason = withheld_reason (item);
          g_autofree char *subtitle = g_markup_printf_escaped (_("%s · left out unless ticked"),
                                                               reason);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item_row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (item_row), subtitle);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (item_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item_row), check);
          g_object_set_data_full (G_OBJECT (item_row), "cpv-evidence-id",
                                  g_memdup2 (&item->id, sizeof item->id), g_free);
          g_object_set_data (G_OBJECT (item_row), "cpv-check", check);
          gtk_list_box_append (self->withheld_list, item_row);
        }
    }
}

static char *
suggested_name (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  CpvDay today = cpv_day_today ();
  const char *organisation = gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  const char *code = "";
  g_autofree char *name = NULL;
  int year, month, mday;

  if (subject != NULL && subject->audit_id != 0)
    {
      g_autoptr(CpvAuditRequest) request =
        cpv_vault_get_audit (cpv_session_get_vault (self->session),
                             cpv_session_get_registry (self->session), subject->audit_id, NULL);

      if (request != NULL)
        code = credential_code (self, request->credential_id);
    }
  else if (subject != NULL)
    code = credential_code (self, subject->credential_id);

  cpv_day_to_ymd (today, &year, &month, &mday);
  if (adw_combo_row_get_selected (self->names_row) == 1)
    name = g_strdup_printf ("%02d%02d%02d_cpe-evidence-%s.zip", year % 100, month, mday, code);
  else
    {
      /* Translators: part of a file name, e.g. "CPE evidence pack CISSP" */
      g_autofree char *title = g_strdup_printf (_("CPE evidence pack %s"), code);

      if (*organisation != '\0')
        name = g_strdup_printf ("%02d%02d%02d_%s（%s）.zip", year % 100, month, mday, title,
                                organisation);
      else
        name = g_strdup_printf ("%02d%02d%02d_%s.zip", year % 100, month, mday, title);
    }
  return cpv_pack_safe_component (name, adw_combo_row_get_selected (self->names_row) == 1, 200);
}

static gboolean
pulse_cb (gpointer user_data)
{
  CpvPackDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Callbacks ----------------------------------------------------------------------------- */

static void
subject_changed_cb (CpvPackDialog *self)
{
  fill_withheld (self);
}

static void
names_changed_cb (CpvPackDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->organisation_row),
                          adw_combo_row_get_selected (self->names_row) == 0);
}

static void
pack_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CpvPackDialog) self = user_data;
  g_autoptr(CpvPackResult) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *summary = NULL;

  pack = cpv_vault_write_pack_finish (CPV_VAULT (source), result, &error);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->session == NULL)
    return;   /* closed meanwhile */
  set_busy (self, FALSE);

  if (pack == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      if (g_error_matches (error, CPV_PACK_ERROR, CPV_PACK_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Export cancelled; no pack was written."));
      else
        show_error (self, error->message);
      return;
    }

  g_free (self->path);
  self->path = g_strdup (pack->path);
  wipe_passphrase (self);
  if (pack->passphrase != NULL)
    self->passphrase = g_strdup (pack->passphrase);

  size = g_format_size (pack->evidence_bytes);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s\n%u evidence file (%s) and the summary, the "
                                          "activity list and the manifest.",
                                          "%s\n%u evidence files (%s) and the summary, the "
                                          "activity list and the manifest.",
                                          pack->n_evidence),
                             pack->path, pack->n_evidence, size);
  if (pack->n_excluded > 0)
    {
      g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u TLP:RED or secret item was "
                                                                "left out.",
                                                                "%u TLP:RED or secret items were "
                                                                "left out.",
                                                                pack->n_excluded),
                                                   pack->n_excluded);
      g_autofree char *with = g_strconcat (summary, "\n", left_out, NULL);

      g_free (summary);
      summary = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->passphrase_label, self->passphrase != NULL ? self->passphrase : "");
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_group), self->passphrase != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
chooser_response_cb (CpvPackDialog        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    cpv_pack_dialog_export_to (self, file);
}

static void
export_clicked_cb (CpvPackDialog *self)
{
  g_autofree char *name = suggested_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->busy)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Evidence Pack"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("ZIP archives"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked_cb (CpvPackDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
copy_clicked_cb (CpvPackDialog *self)
{
  if (self->passphrase == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->passphrase);
}

typedef struct
{
  char *path;
  char *passphrase;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_free (data->path);
  if (data->passphrase != NULL)
    {
      explicit_bzero (data->passphrase, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  CpvPackVerification *verification = cpv_pack_verify (data->path, data->passphrase,
                                                       cancellable, &error);

  if (verification == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, verification, (GDestroyNotify) cpv_pack_verification_free);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpvPackDialog *self = CPV_PACK_DIALOG (source);
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean good;

  verification = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->session == NULL)
    return;
  set_busy (self, FALSE);
  good = verification != NULL && verification->problems->len == 0;
  if (verification == NULL)
    text = g_strdup_printf (_("The pack could not be verified: %s"), error->message);
  else if (good)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Verified: the %u file matches the manifest.",
                                         "Verified: all %u files match the manifest.",
                                         verification->n_verified),
                            verification->n_verified);
  else
    {
      g_autofree char *problems = NULL;

      g_ptr_array_add (verification->problems, NULL);
      problems = g_strjoinv ("\n", (char **) verification->problems->pdata);
      g_ptr_array_remove_index (verification->problems, verification->problems->len - 1);
      text = g_strdup_printf (_("Only %u of %u files match the manifest:\n%s"),
                              verification->n_verified, verification->n_files, problems);
    }
  gtk_label_set_label (self->verify_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), good ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), good ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), TRUE);
}

static void
verify_clicked_cb (CpvPackDialog *self)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  if (self->path == NULL || self->busy)
    return;
  data = g_new0 (VerifyData, 1);
  data->path = g_strdup (self->path);
  data->passphrase = g_strdup (self->passphrase);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, verified_cb, NULL);
  g_task_set_source_tag (task, verify_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_thread);
}

static void
status_changed_cb (CpvPackDialog *self,
                   CpvSession    *session)
{
  if (cpv_session_get_vault (session) == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

/* Overrides ----------------------------------------------------------------------------- */

static void
cpv_pack_dialog_dispose (GObject *object)
{
  CpvPackDialog *self = (CpvPackDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  wipe_passphrase (self);
  if (self->session != NULL)
    g_clear_signal_handler (&self->status_changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->subjects, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_PACK_DIALOG);

  G_OBJECT_CLASS (cpv_pack_dialog_parent_class)->dispose (object);
}

static void
cpv_pack_dialog_class_init (CpvPackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_pack_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-pack-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, names_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, withheld_list);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, passphrase_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, verify_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, verify_button);
  gtk_widget_class_bind_template_callback (widget_class, subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, names_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_pack_dialog_init (CpvPackDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * cpv_pack_dialog_new:
 * @parent: (nullable): the main window
 * @session: the unlocked vault's session
 * @audit_id: the audit request to pack, or 0
 * @credential_id: the credential whose current cycle to pack, or 0
 *
 * Returns: (transfer none): a modal dialog; every audit request and every credential's current
 *   and previous cycle can be chosen in it
 */
CpvPackDialog *
cpv_pack_dialog_new (GtkWindow  *parent,
                     CpvSession *session,
                     gint64      audit_id,
                     gint64      credential_id)
{
  CpvPackDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) audits = NULL;
  GListModel *credentials;
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  guint selected = 0;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_PACK_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                      G_CALLBACK (status_changed_cb), self);

  audits = cpv_vault_list_audits (cpv_session_get_vault (session),
                                  cpv_session_get_registry (session), 0, NULL);
  for (guint i = 0; audits != NULL && i < audits->len; i++)
    {
      CpvAuditRequest *request = audits->pdata[i];
      Subject subject = { request->id, 0, 0 };
      g_autofree char *received = cpv_day_format (request->received);
      g_autofree char *label = g_strdup_printf (_("%s audit request of %s"),
                                                credential_code (self, request->credential_id),
                                                received);

      if (request->id == audit_id)
        selected = self->subjects->len;
      g_array_append_val (self->subjects, subject);
      gtk_string_list_append (labels, label);
    }
  credentials = cpv_session_get_credentials (session);
  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    {
      g_autoptr(CpvCredential) credential = g_list_model_get_item (credentials, i);
      Subject current = { 0, credential->id, 0 };
      Subject previous = { 0, credential->id, 1 };
      g_autofree char *current_label = g_strdup_printf (_("%s, current cycle"), credential->code);
      g_autofree char *previous_label = g_strdup_printf (_("%s, previous cycle"),
                                                         credential->code);

      if (audit_id == 0 && credential->id == credential_id)
        selected = self->subjects->len;
      g_array_append_val (self->subjects, current);
      gtk_string_list_append (labels, current_label);
      g_array_append_val (self->subjects, previous);
      gtk_string_list_append (labels, previous_label);
    }

  if (CPV_IS_APPLICATION (application) &&
      cpv_application_get_settings (CPV_APPLICATION (application)) != NULL)
    {
      GSettings *settings = cpv_application_get_settings (CPV_APPLICATION (application));
      g_autofree char *pattern = g_settings_get_string (settings, "export-name-pattern");

      adw_combo_row_set_selected (self->names_row, g_strcmp0 (pattern, "ascii") == 0 ? 1 : 0);
    }
  names_changed_cb (self);

  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->subject_row, selected);
  fill_withheld (self);
  return self;
}

/**
 * cpv_pack_dialog_export_to:
 * @file: the ZIP to write (what the file chooser returned)
 *
 * Writes the pack with the dialog's options in a thread, showing progress and a Cancel button;
 * then shows the passphrase (when encrypted) and offers verification.
 */
void
cpv_pack_dialog_export_to (CpvPackDialog *self,
                           GFile         *file)
{
  const Subject *subject;
  CpvPackOptions options = { 0, };
  g_autoptr(GArray) include = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = NULL;
  const char *organisation;
  const char *member;
  GtkListBoxRow *row;

  g_return_if_fail (CPV_IS_PACK_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  subject = selected_subject (self);
  path = g_file_get_path (file);
  if (self->busy || subject == NULL || self->session == NULL)
    return;
  if (path == NULL)
    {
      show_error (self, _("Choose a file on this computer; the pack is written locally."));
      return;
    }

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->withheld_list, i)) != NULL; i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cpv-check");
      const gint64 *evidence_id = g_object_get_data (G_OBJECT (row), "cpv-evidence-id");

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (include, *evidence_id);
    }
  organisation = gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  member = gtk_editable_get_text (GTK_EDITABLE (self->member_row));

  options.audit_id = subject->audit_id;
  options.credential_id = subject->credential_id;
  options.cycles_back = subject->cycles_back;
  options.names = adw_combo_row_get_selected (self->names_row) == 1 ? CPV_PACK_NAMES_ASCII
                                                                    : CPV_PACK_NAMES_COUNCIL;
  options.encrypt = gtk_switch_get_active (self->encrypt_switch);
  options.include_evidence = (const gint64 *) (void *) include->data;
  options.n_include_evidence = include->len;
  options.member = *member != '\0' ? member : NULL;
  options.organisation = options.names == CPV_PACK_NAMES_COUNCIL && *organisation != '\0'
                         ? organisation : NULL;

  show_error (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->pulse_id = g_timeout_add (100, pulse_cb, self);

  cpv_vault_write_pack_async (cpv_session_get_vault (self->session),
                              cpv_session_get_registry (self->session), &options, path,
                              self->cancellable, pack_written_cb, g_object_ref (self));
}

/**
 * cpv_pack_dialog_get_busy:
 *
 * Returns: %TRUE while a pack is written or verified
 */
gboolean
cpv_pack_dialog_get_busy (CpvPackDialog *self)
{
  g_return_val_if_fail (CPV_IS_PACK_DIALOG (self), FALSE);
  return self->busy;
}
