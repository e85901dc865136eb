/* cpv-pack-dialog.c — export an evidence pack for an audit, a cycle or a JRCA application
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
#include "cpv-evidence-util.h"
#include "cpv-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-pack.h"
#include "cpv-records.h"

/* The pack is written by the core (cpv_vault_write_pack_async) straight from the vault into
 * the chosen file; the dialog only gathers the options. Which TLP:RED and secret items the
 * pack would leave out comes from the core's own plan (cpv_vault_list_pack_withheld), so the
 * list always matches what is written. A JRCA credential's subject is its maintenance or
 * renewal application (forms as PDF and the files linked to the records). The generated
 * passphrase lives in this dialog until it closes, and is wiped then. */

struct _CpvPackDialog
{
  AdwWindow             parent_instance;

  GtkStack             *stack;
  AdwPreferencesGroup  *subject_group;
  AdwComboRow          *subject_row;
  AdwPreferencesGroup  *jrca_group;
  AdwComboRow          *procedure_row;
  AdwEntryRow          *applicant_row;
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
  GtkLabel             *advice_label;
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
  CpvJrcaRegistration  *registration;  /* of the JRCA subject shown, or NULL */
  GCancellable         *list_cancellable;
  GArray               *pending_ticks; /* ticked items to tick again once listed */
  GtkLabel             *withheld_placeholder;
  gboolean              listing;       /* the core plans the pack to list what it leaves out */
  gboolean              filling;
  gboolean              writing_jrca;  /* the pack being (or last) written is a JRCA one */
};

G_DEFINE_FINAL_TYPE (CpvPackDialog, cpv_pack_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  gint64 audit_id;
  gint64 credential_id;
  int    cycles_back;
  gint64 jrca_credential_id;   /* a JRCA maintenance or renewal application */
} Subject;

typedef struct
{
  CpvVault           *vault;
  CpvProgramRegistry *registry;
  CpvPackOptions      options;
} ListJob;

/* The positions of the procedure row's items. */
enum {
  PROCEDURE_MAINTENANCE,
  PROCEDURE_RENEWAL,
};

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
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && !self->listing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), !busy);
}

/* Export waits until the list of items to tick is there. */
static void
set_listing (CpvPackDialog *self,
             gboolean       listing)
{
  self->listing = listing;
  gtk_label_set_label (self->withheld_placeholder,
                       listing ? _("Looking for TLP:RED and secret files…")
                               : _("None: no file of this pack is TLP:RED or secret."));
  set_busy (self, self->busy);
}

static void
list_job_free (ListJob *job)
{
  g_clear_object (&job->vault);
  g_clear_object (&job->registry);
  g_free (job);
}

static gboolean
is_jrca_credential (CpvPackDialog *self,
                    CpvCredential *credential)
{
  CpvProgram *program = cpv_program_registry_lookup (cpv_session_get_registry (self->session),
                                                     credential->program);

  if (program != NULL)
    return cpv_program_get_kind (program) == CPV_PROGRAM_KIND_JRCA;
  return g_str_has_prefix (credential->program, "jrca");
}

static CpvJrcaProcedure
selected_procedure (CpvPackDialog *self)
{
  return adw_combo_row_get_selected (self->procedure_row) == PROCEDURE_RENEWAL
         ? CPV_JRCA_PROCEDURE_RENEWAL : CPV_JRCA_PROCEDURE_MAINTENANCE;
}

static char *
trimmed_text (gpointer editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The items ticked in the list of TLP:RED and secret items. */
static GArray *
ticked_evidence (CpvPackDialog *self)
{
  GArray *ticked = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->withheld_list, i)) != NULL; i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cpv-check");
      const gint64 *evidence_id = g_object_get_data (G_OBJECT (row), "cpv-evidence-id");

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (ticked, *evidence_id);
    }
  return ticked;
}

/* What the pack covers, as chosen in the dialog (the included items apart). */
static void
subject_options (CpvPackDialog  *self,
                 const Subject  *subject,
                 CpvPackOptions *options)
{
  options->audit_id = subject->audit_id;
  options->credential_id = subject->credential_id;
  options->cycles_back = subject->cycles_back;
  options->jrca_credential_id = subject->jrca_credential_id;
  if (subject->jrca_credential_id != 0)
    options->jrca_procedure = selected_procedure (self);
  options->names = adw_combo_row_get_selected (self->names_row) == 1 ? CPV_PACK_NAMES_ASCII
                                                                     : CPV_PACK_NAMES_COUNCIL;
}

static void
list_withheld_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ListJob *job = task_data;
  GError *error = NULL;
  GPtrArray *withheld;

  withheld = cpv_vault_list_pack_withheld (job->vault, job->registry, &job->options, &error);
  if (withheld == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, withheld, (GDestroyNotify) g_ptr_array_unref);
}

/* The task holds the dialog only weakly: a dialog closed meanwhile is not kept alive (and
 * transient for a window that may be gone) until the plan is done. */
static void
withheld_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(CpvPackDialog) self = g_weak_ref_get (weak);
  g_autoptr(GPtrArray) withheld = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ticked = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  withheld = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || self->session == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the dialog closed, or a newer list is on its way */
  ticked = g_steal_pointer (&self->pending_ticks);
  set_listing (self, FALSE);
  if (withheld == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < withheld->len; i++)
    {
      CpvEvidence *item = g_ptr_array_index (withheld, i);
      GtkWidget *item_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean was_ticked = FALSE;

      for (guint j = 0; ticked != NULL && j < ticked->len; j++)
        was_ticked |= g_array_index (ticked, gint64, j) == item->id;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item_row), item->file_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item_row), _("Left out unless ticked"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), was_ticked);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item_row), check);
      cpv_evidence_add_mark_chips (ADW_ACTION_ROW (item_row), item);
      g_object_set_data_full (G_OBJECT (item_row), "cpv-evidence-id",
                              g_memdup2 (&item->id, sizeof item->id), g_free);
      g_object_set_data (G_OBJECT (item_row), "cpv-check", check);
      gtk_list_box_append (self->withheld_list, item_row);
    }
}

/* COUNCIL-TLP-1: the core plans the pack (forms and summary included, so in a thread) and says
 * which of its items stay out unless ticked one by one. What was ticked stays ticked. */
static void
fill_withheld (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  g_autoptr(GTask) task = NULL;
  GtkListBoxRow *row;
  GWeakRef *weak;
  ListJob *job;

  if (gtk_list_box_get_row_at_index (self->withheld_list, 0) != NULL)
    {
      g_clear_pointer (&self->pending_ticks, g_array_unref);
      self->pending_ticks = ticked_evidence (self);
    }
  while ((row = gtk_list_box_get_row_at_index (self->withheld_list, 0)) != NULL)
    gtk_list_box_remove (self->withheld_list, GTK_WIDGET (row));
  show_error (self, NULL);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (subject == NULL || self->session == NULL || cpv_session_get_vault (self->session) == NULL)
    {
      set_listing (self, FALSE);
      return;
    }

  job = g_new0 (ListJob, 1);
  job->vault = g_object_ref (cpv_session_get_vault (self->session));
  job->registry = g_object_ref (cpv_session_get_registry (self->session));
  subject_options (self, subject, &job->options);
  self->list_cancellable = g_cancellable_new ();
  set_listing (self, TRUE);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->list_cancellable, withheld_listed_cb, weak);
  g_task_set_source_tag (task, fill_withheld);
  g_task_set_task_data (task, job, (GDestroyNotify) list_job_free);
  g_task_run_in_thread (task, list_withheld_thread);
}

/* The JRCA application's fields: the procedure due next (or the one chosen), its due date,
 * and the applicant's name as the registration holds it. */
static void
update_jrca (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  gboolean jrca = subject != NULL && subject->jrca_credential_id != 0;
  g_autofree char *due_text = NULL;
  CpvDay due = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->jrca_group), jrca);
  gtk_widget_set_visible (GTK_WIDGET (self->member_row), !jrca);
  gtk_widget_set_visible (GTK_WIDGET (self->organisation_row),
                          !jrca && adw_combo_row_get_selected (self->names_row) == 0);
  gtk_window_set_title (GTK_WINDOW (self), jrca ? _("Export Application Pack")
                                                : _("Export Evidence Pack"));
  adw_preferences_group_set_description (self->subject_group,
                                         jrca
                                         ? _("A ZIP for JRCA: forms 5D, 4A and 4B (and 5A at "
                                             "renewal) as PDF, the files that prove the "
                                             "records, and a manifest with the SHA-256 of "
                                             "every file.")
                                         : _("A ZIP for the auditor: a summary PDF, a CSV of "
                                             "the activities, a manifest with the SHA-256 of "
                                             "every file, and the evidence files."));
  if (!jrca || self->registration == NULL)
    {
      if (jrca)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->procedure_row),
                                     _("Enter the JRCA registration on the JRCA page first."));
      return;
    }
  due = selected_procedure (self) == CPV_JRCA_PROCEDURE_RENEWAL
        ? self->registration->expiry_date : self->registration->maintenance_deadline;
  if (due != 0)
    {
      g_autofree char *date = cpv_day_format (due);

      /* TRANSLATORS: the due date of a JRCA maintenance or renewal application */
      due_text = g_strdup_printf (_("Due by %s"), date);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->procedure_row),
                               due_text != NULL ? due_text
                                                : _("No due date entered in the registration"));
}

/* Switching to a JRCA subject reads its registration: the procedure due next is chosen and
 * the applicant's name filled in (the person may change both). */
static void
load_registration (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  CpvJrcaProcedure next;

  g_clear_pointer (&self->registration, cpv_jrca_registration_free);
  if (subject == NULL || subject->jrca_credential_id == 0 || self->session == NULL)
    return;
  self->registration = cpv_vault_get_jrca_registration (cpv_session_get_vault (self->session),
                                                        subject->jrca_credential_id, NULL);
  if (self->registration == NULL)
    return;
  next = cpv_jrca_next_procedure (self->registration, NULL);
  self->filling = TRUE;
  adw_combo_row_set_selected (self->procedure_row, next == CPV_JRCA_PROCEDURE_RENEWAL
                                                   ? PROCEDURE_RENEWAL : PROCEDURE_MAINTENANCE);
  gtk_editable_set_text (GTK_EDITABLE (self->applicant_row),
                         self->registration->applicant_name != NULL
                         ? self->registration->applicant_name : "");
  self->filling = FALSE;
}

static char *
suggested_name (CpvPackDialog *self)
{
  const Subject *subject = selected_subject (self);
  gboolean ascii = adw_combo_row_get_selected (self->names_row) == 1;
  g_autofree char *organisation = trimmed_text (self->organisation_row);
  g_autofree char *applicant = trimmed_text (self->applicant_row);
  const char *code = "";
  g_autofree char *title = NULL;
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
    code = credential_code (self, subject->jrca_credential_id != 0 ? subject->jrca_credential_id
                                                                   : subject->credential_id);

  cpv_day_to_ymd (cpv_day_today (), &year, &month, &mday);
  if (subject != NULL && subject->jrca_credential_id != 0)
    {
      gboolean renewal = selected_procedure (self) == CPV_JRCA_PROCEDURE_RENEWAL;

      if (ascii)
        title = g_strdup_printf ("jrca-%s-%s", renewal ? "renewal" : "maintenance", code);
      else
        /* Translators: part of a file name, e.g. "JRCA renewal application" */
        title = g_strdup (renewal ? _("JRCA renewal application")
                                  : _("JRCA maintenance application"));
      /* COUNCIL-NAME-1 puts the sender in the brackets: here the applicant. */
      g_clear_pointer (&organisation, g_free);
      if (!ascii)
        organisation = g_steal_pointer (&applicant);
    }
  else if (ascii)
    title = g_strdup_printf ("cpe-evidence-%s", code);
  else
    /* Translators: part of a file name, e.g. "CPE evidence pack CISSP" */
    title = g_strdup_printf (_("CPE evidence pack %s"), code);

  if (!ascii && organisation != NULL)
    name = g_strdup_printf ("%02d%02d%02d_%s（%s）.zip", year % 100, month, mday, title,
                            organisation);
  else
    name = g_strdup_printf ("%02d%02d%02d_%s.zip", year % 100, month, mday, title);
  return cpv_pack_safe_component (name, ascii, 200);
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
  if (self->subjects == NULL || self->filling)
    return;
  load_registration (self);
  update_jrca (self);
  fill_withheld (self);
}

static void
procedure_changed_cb (CpvPackDialog *self)
{
  if (self->filling)
    return;
  update_jrca (self);
  /* A maintenance application takes no audit evidence: the list of items to tick changes. */
  fill_withheld (self);
}

static void
names_changed_cb (CpvPackDialog *self)
{
  update_jrca (self);
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
  if (self->writing_jrca)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s\n%u evidence file (%s), the JRCA forms and "
                                            "the manifest.",
                                            "%s\n%u evidence files (%s), the JRCA forms and "
                                            "the manifest.",
                                            pack->n_evidence),
                               pack->path, pack->n_evidence, size);
  else
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
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_pointer (&self->pending_ticks, g_array_unref);
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
  g_clear_pointer (&self->registration, cpv_jrca_registration_free);
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
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, subject_group);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, jrca_group);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, procedure_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, applicant_row);
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
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, advice_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, verify_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPackDialog, verify_button);
  gtk_widget_class_bind_template_callback (widget_class, subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, names_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, procedure_changed_cb);
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
  self->withheld_placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->withheld_placeholder, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->withheld_placeholder), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->withheld_placeholder), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->withheld_placeholder), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->withheld_placeholder), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->withheld_placeholder), "dim-label");
  gtk_list_box_set_placeholder (self->withheld_list, GTK_WIDGET (self->withheld_placeholder));
  set_listing (self, FALSE);
  /* COUNCIL-SUBMIT-1, in the core's words (the CLI prints the same). */
  gtk_label_set_label (self->advice_label, cpv_pack_submit_advice ());
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * cpv_pack_dialog_new:
 * @parent: (nullable): the main window
 * @session: the unlocked vault's session
 * @audit_id: the audit request to pack, or 0
 * @credential_id: the credential whose cycle to pack (for a JRCA credential: its
 *   maintenance or renewal application), or 0
 * @cycles_back: with @credential_id, 0 selects the current cycle, 1 the previous one
 *
 * Returns: (transfer none): a modal dialog; every audit request, every credential's current
 *   and previous cycle and every JRCA credential's application can be chosen in it
 */
CpvPackDialog *
cpv_pack_dialog_new (GtkWindow  *parent,
                     CpvSession *session,
                     gint64      audit_id,
                     gint64      credential_id,
                     int         cycles_back)
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
      Subject subject = { request->id, 0, 0, 0 };
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
      Subject current = { 0, credential->id, 0, 0 };
      Subject previous = { 0, credential->id, 1, 0 };
      g_autofree char *current_label = NULL;
      g_autofree char *previous_label = NULL;

      if (audit_id == 0 && credential->id == credential_id)
        selected = self->subjects->len + (is_jrca_credential (self, credential) ? 0
                                          : (guint) CLAMP (cycles_back, 0, 1));
      if (is_jrca_credential (self, credential))
        {
          /* JRCA records are no CPE activities: the pack is the registration's application. */
          Subject application_subject = { 0, 0, 0, credential->id };
          /* TRANSLATORS: a choice in the pack dialog: a JRCA credential's maintenance or
           * renewal application, e.g. "ISMS-LA (JRCA)"; keep it short */
          g_autofree char *label = g_strdup_printf (_("%s (JRCA)"), credential->code);

          g_array_append_val (self->subjects, application_subject);
          gtk_string_list_append (labels, label);
          continue;
        }
      current_label = g_strdup_printf (_("%s, current cycle"), credential->code);
      previous_label = g_strdup_printf (_("%s, previous cycle"), credential->code);
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

  self->filling = TRUE;
  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->subject_row, selected);
  self->filling = FALSE;
  subject_changed_cb (self);
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
  g_autoptr(GArray) include = NULL;
  g_autofree char *path = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *member = NULL;

  g_return_if_fail (CPV_IS_PACK_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  subject = selected_subject (self);
  path = g_file_get_path (file);
  if (self->busy || self->listing || subject == NULL || self->session == NULL)
    return;
  if (path == NULL)
    {
      show_error (self, _("Choose a file on this computer; the pack is written locally."));
      return;
    }

  include = ticked_evidence (self);
  subject_options (self, subject, &options);
  if (subject->jrca_credential_id != 0)
    {
      /* The name on the forms (氏名); empty: the registration's, as the core takes it. */
      member = trimmed_text (self->applicant_row);
    }
  else
    {
      member = trimmed_text (self->member_row);
      if (options.names == CPV_PACK_NAMES_COUNCIL)
        organisation = trimmed_text (self->organisation_row);
    }
  options.encrypt = gtk_switch_get_active (self->encrypt_switch);
  options.include_evidence = (const gint64 *) (void *) include->data;
  options.n_include_evidence = include->len;
  options.member = member;
  options.organisation = organisation;
  self->writing_jrca = subject->jrca_credential_id != 0;

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
 * Returns: %TRUE while a pack is written or verified, or the items it would leave out are
 *   being listed
 */
gboolean
cpv_pack_dialog_get_busy (CpvPackDialog *self)
{
  g_return_val_if_fail (CPV_IS_PACK_DIALOG (self), FALSE);
  return self->busy || self->listing;
}
