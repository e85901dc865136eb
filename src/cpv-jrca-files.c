/* cpv-jrca-files.c — the files that prove one JRCA audit or CPD record
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-files"

#include "config.h"

#include "cpv-jrca-files.h"

#include <glib/gi18n.h>

#include "cpv-attach-queue.h"
#include "cpv-evidence-util.h"

/* One group for both JRCA editors. Every file is attached to a record that is already stored:
 * the core streams it into the vault and links it with its role in one transaction (and sets
 * the record's matching flag), so there is nothing to undo when the editor is cancelled. A new
 * record has no id yet; the group then says to save the record first. Attaching runs in a
 * thread with a Cancel button; files chosen or dropped together share the role picked for
 * them. Removing a file from the record only unlinks it (the item stays in the vault, the
 * record's flag stays set) and offers Undo in the window's toast overlay. The rows follow the
 * session's evidence (marks changed in the viewer, an item removed on the evidence page). */

typedef struct
{
  GFile *file;
  char  *role;
} Pending;

typedef struct
{
  CpvVault          *vault;
  CpvJrcaRecordKind  record_kind;
  gint64             record_id;
  char              *role;
  GFile             *file;
  gboolean           already_stored;
} AttachJob;

struct _CpvJrcaFiles
{
  AdwPreferencesGroup  parent_instance;

  GtkButton           *attach_button;
  GtkRevealer         *attach_revealer;
  GtkLabel            *attach_label;
  GtkProgressBar      *attach_progress;
  GtkLabel            *message_label;
  GtkListBox          *files_list;

  CpvSession          *session;
  gulong               evidence_changed_id;
  CpvJrcaRecordKind    record_kind;
  gint64               record_id;        /* 0: the record is not saved yet */
  GPtrArray           *links;            /* of CpvJrcaEvidenceLink, as shown */
  CpvAttachQueue       attach_queue;     /* of Pending */
  GtkWindow           *role_dialog;      /* weak */
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CpvJrcaFiles, cpv_jrca_files, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void attach_next (CpvJrcaFiles *self);

/* Helpers ------------------------------------------------------------------------------- */

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->file);
  g_free (pending->role);
  g_free (pending);
}

static void
attach_job_free (AttachJob *job)
{
  g_clear_object (&job->vault);
  g_clear_object (&job->file);
  g_free (job->role);
  g_free (job);
}

static CpvVault *
files_vault (CpvJrcaFiles *self)
{
  return self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
}

static void
show_message (CpvJrcaFiles *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
add_toast (CpvJrcaFiles *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
set_busy (CpvJrcaFiles *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

/* Attaching needs the record's id: a new record says so instead of offering the button. */
static void
update_state (CpvJrcaFiles *self)
{
  gboolean can_attach = self->record_id != 0 && files_vault (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), can_attach);
  if (self->record_id == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Save the record to attach files."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Drop files here, or attach them. They are "
                                             "stored encrypted inside the vault."));
  gtk_widget_set_visible (GTK_WIDGET (self->files_list),
                          self->links != NULL && self->links->len > 0);
}

static void
remove_clicked_cb (GtkButton    *button,
                   CpvJrcaFiles *self)
{
  const gint64 *evidence_id = g_object_get_data (G_OBJECT (button), "cpv-evidence-id");
  g_autoptr(GError) error = NULL;

  if (!cpv_jrca_files_remove (self, *evidence_id, &error))
    show_message (self, error->message);
}

static void
row_activated_cb (AdwActionRow *row,
                  CpvJrcaFiles *self)
{
  const gint64 *evidence_id = g_object_get_data (G_OBJECT (row), "cpv-evidence-id");

  cpv_jrca_files_open (self, *evidence_id);
}

/* A row: the file name, its role and size, the TLP and secret marks the evidence page shows,
 * and a button that takes the file off the record. Activating the row opens the viewer. */
static GtkWidget *
file_row_new (CpvJrcaFiles              *self,
              const CpvJrcaEvidenceLink *link,
              CpvEvidence               *evidence)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (cpv_evidence_icon_name (evidence->media_type));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *size = g_format_size (evidence->size);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               cpv_jrca_evidence_role_label (link->role), size);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), evidence->file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  cpv_evidence_add_mark_chips (ADW_ACTION_ROW (row), evidence);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove From Record"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove From Record"), -1);
  g_object_set_data_full (G_OBJECT (remove), "cpv-evidence-id",
                          g_memdup2 (&link->evidence_id, sizeof link->evidence_id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open in the viewer"));
  g_object_set_data_full (G_OBJECT (row), "cpv-evidence-id",
                          g_memdup2 (&link->evidence_id, sizeof link->evidence_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
  return row;
}

/* The links as the core lists them now. */
static void
reload (CpvJrcaFiles *self)
{
  CpvVault *vault = files_vault (self);
  GtkWidget *child;
  g_autoptr(GError) error = NULL;

  if (self->files_list == NULL)
    return;   /* disposed */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_list))) != NULL)
    gtk_list_box_remove (self->files_list, child);
  g_clear_pointer (&self->links, g_ptr_array_unref);

  if (vault != NULL && self->record_id != 0)
    {
      self->links = cpv_vault_list_jrca_evidence (vault, self->record_kind, self->record_id,
                                                  &error);
      if (self->links == NULL)
        show_message (self, error->message);
    }
  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    {
      const CpvJrcaEvidenceLink *link = g_ptr_array_index (self->links, i);
      g_autoptr(CpvEvidence) evidence = cpv_vault_get_evidence (vault, link->evidence_id,
                                                                &error);

      if (evidence == NULL)
        {
          show_message (self, error->message);
          g_clear_error (&error);
          continue;
        }
      gtk_list_box_append (self->files_list, file_row_new (self, link, evidence));
    }
  update_state (self);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachJob *job = task_data;
  CpvEvidenceMeta meta = { 0, };
  GError *error = NULL;
  CpvEvidence *evidence;

  evidence = cpv_vault_attach_jrca_file (job->vault, job->record_kind, job->record_id,
                                         job->role, job->file, &meta, &job->already_stored,
                                         cancellable, &error);
  if (evidence == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, evidence, g_object_unref);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpvJrcaFiles *self = CPV_JRCA_FILES (source);
  AttachJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;

  evidence = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->session == NULL)
    return;   /* the editor closed meanwhile: what the core did is complete either way */

  if (evidence == NULL)
    {
      /* Cancel (or a failure) stops the whole queue. */
      if (cpv_attach_queue_failed (&self->attach_queue, error))
        show_message (self, error->message);
    }
  else
    {
      if (job->already_stored)
        add_toast (self, adw_toast_new_format (_("“%s” was already in the vault: linked, not "
                                                 "stored twice"),
                                               evidence->file_name));
      else
        cpv_attach_queue_index (&self->attach_queue, job->vault, evidence->id);
    }

  cpv_attach_queue_finish (&self->attach_queue);
  set_busy (self, FALSE);
  reload (self);
  if (evidence != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
  if (!cpv_attach_queue_is_empty (&self->attach_queue))
    attach_next (self);
}

static void
attach_next (CpvJrcaFiles *self)
{
  Pending *pending = cpv_attach_queue_pop (&self->attach_queue);
  CpvVault *vault = files_vault (self);
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  AttachJob *job;

  if (pending == NULL)
    return;
  if (vault == NULL || self->record_id == 0)
    {
      pending_free (pending);
      cpv_attach_queue_cancel (&self->attach_queue);
      return;
    }

  cancellable = cpv_attach_queue_start (&self->attach_queue, pending->file);
  show_message (self, NULL);
  set_busy (self, TRUE);

  job = g_new0 (AttachJob, 1);
  job->vault = g_object_ref (vault);
  job->record_kind = self->record_kind;
  job->record_id = self->record_id;
  job->role = g_steal_pointer (&pending->role);
  job->file = g_steal_pointer (&pending->file);
  pending_free (pending);

  task = g_task_new (self, cancellable, attached_cb, NULL);
  g_task_set_source_tag (task, attach_next);
  g_task_set_task_data (task, job, (GDestroyNotify) attach_job_free);
  g_task_run_in_thread (task, attach_thread);
}

/* The role a new file most likely has: the first one of the record that has no file yet. */
static const char *
likely_role (CpvJrcaFiles *self)
{
  const char * const *roles = cpv_jrca_evidence_roles (self->record_kind);

  for (guint i = 0; roles[i] != NULL; i++)
    {
      gboolean linked = FALSE;

      for (guint j = 0; self->links != NULL && j < self->links->len && !linked; j++)
        linked = g_strcmp0 (((CpvJrcaEvidenceLink *) self->links->pdata[j])->role,
                            roles[i]) == 0;
      if (!linked)
        return roles[i];
    }
  return roles[0];
}

/* Callbacks ----------------------------------------------------------------------------- */

static void
role_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CpvJrcaFiles     *self)
{
  GListModel *files = g_object_get_data (G_OBJECT (dialog), "cpv-files");
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "cpv-roles");
  const char *role = NULL;

  if (g_strcmp0 (response, "attach") != 0)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cpv-check");

      if (check != NULL && gtk_check_button_get_active (check))
        role = g_object_get_data (G_OBJECT (row), "cpv-role");
    }
  if (role != NULL)
    cpv_jrca_files_attach (self, files, role);
}

static void
attach_clicked_cb (CpvJrcaFiles *self)
{
  if (self->record_id == 0)
    return;
  cpv_attach_queue_choose_files (GTK_WIDGET (self),
                                 (CpvAttachFilesFunc) cpv_jrca_files_choose_role);
}

static void
attach_cancel_clicked_cb (CpvJrcaFiles *self)
{
  cpv_attach_queue_cancel (&self->attach_queue);
}

static gboolean
files_dropped_cb (CpvJrcaFiles *self,
                  const GValue *value,
                  double        x,
                  double        y)
{
  g_autoptr(GListModel) files = NULL;

  if (self->record_id == 0 || files_vault (self) == NULL)
    return FALSE;
  files = cpv_attach_queue_dropped_files (value);
  if (files == NULL || g_list_model_get_n_items (files) == 0)
    return FALSE;
  cpv_jrca_files_choose_role (self, files);
  return TRUE;
}

/* A viewer closed while it still decrypts lives on until its thread reports back, possibly
 * after the editor is gone (gtk_window_destroy() only hides and unrealizes a window that is
 * still referenced): it must not point at the editor as its parent then. */
static void
viewer_unrealized_cb (GtkWindow *viewer)
{
  gtk_window_set_transient_for (viewer, NULL);
}

static void
evidence_changed_cb (CpvJrcaFiles *self)
{
  reload (self);
}

static void
undo_remove_cb (CpvJrcaFiles *self,
                AdwToast     *toast)
{
  const gint64 *evidence_id = g_object_get_data (G_OBJECT (toast), "cpv-evidence-id");
  const char *role = g_object_get_data (G_OBJECT (toast), "cpv-role");
  const gint64 *record_id = g_object_get_data (G_OBJECT (toast), "cpv-record-id");
  CpvVault *vault = files_vault (self);
  g_autoptr(GError) error = NULL;

  if (vault == NULL || *record_id != self->record_id)
    return;
  if (!cpv_vault_link_jrca_evidence (vault, self->record_kind, self->record_id, *evidence_id,
                                     role, &error))
    {
      show_message (self, error->message);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Overrides ----------------------------------------------------------------------------- */

static void
cpv_jrca_files_dispose (GObject *object)
{
  CpvJrcaFiles *self = CPV_JRCA_FILES (object);

  cpv_attach_queue_clear (&self->attach_queue);
  if (self->role_dialog != NULL)
    gtk_window_destroy (self->role_dialog);
  g_clear_weak_pointer (&self->role_dialog);
  if (self->session != NULL)
    g_clear_signal_handler (&self->evidence_changed_id, cpv_session_get_evidence (self->session));
  g_clear_object (&self->session);
  g_clear_pointer (&self->links, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_FILES);

  G_OBJECT_CLASS (cpv_jrca_files_parent_class)->dispose (object);
}

static void
cpv_jrca_files_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CpvJrcaFiles *self = CPV_JRCA_FILES (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_jrca_files_class_init (CpvJrcaFilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_files_dispose;
  object_class->get_property = cpv_jrca_files_get_property;

  /**
   * CpvJrcaFiles:busy:
   *
   * A file is being stored.
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CpvJrcaFiles::changed:
   *
   * The record's files changed in the vault (a file attached, removed or put back); the
   * record's evidence flags may have been set with them.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-files.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, attach_button);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, attach_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, attach_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, attach_progress);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, message_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaFiles, files_list);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_cancel_clicked_cb);
}

static void
cpv_jrca_files_init (CpvJrcaFiles *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  cpv_attach_queue_init (&self->attach_queue, (GDestroyNotify) pending_free,
                         self->attach_revealer, self->attach_label, self->attach_progress);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (files_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  update_state (self);
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * cpv_jrca_files_set_record:
 * @session: (nullable): the unlocked vault's session
 * @record_id: the stored record, or 0 for one not saved yet (attaching is then off)
 *
 * Shows the files linked to the record.
 */
void
cpv_jrca_files_set_record (CpvJrcaFiles      *self,
                           CpvSession        *session,
                           CpvJrcaRecordKind  record_kind,
                           gint64             record_id)
{
  g_return_if_fail (CPV_IS_JRCA_FILES (self));
  g_return_if_fail (session == NULL || CPV_IS_SESSION (session));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->evidence_changed_id,
                                cpv_session_get_evidence (self->session));
      g_set_object (&self->session, session);
      if (session != NULL)
        self->evidence_changed_id =
          g_signal_connect_swapped (cpv_session_get_evidence (session), "items-changed",
                                    G_CALLBACK (evidence_changed_cb), self);
    }
  self->record_kind = record_kind;
  self->record_id = record_id;
  show_message (self, NULL);
  reload (self);
}

gint64
cpv_jrca_files_get_record_id (CpvJrcaFiles *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), 0);
  return self->record_id;
}

/**
 * cpv_jrca_files_choose_role:
 * @files: (element-type GFile): the files chosen or dropped
 *
 * Asks what the files prove (one role for all of them), then attaches them. The file chooser's
 * response and a drop call this.
 */
void
cpv_jrca_files_choose_role (CpvJrcaFiles *self,
                            GListModel   *files)
{
  GtkRoot *root;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkCheckButton *group = NULL;
  const char * const *roles;
  const char *likely;
  g_autofree char *body = NULL;
  guint n_files;

  g_return_if_fail (CPV_IS_JRCA_FILES (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  n_files = g_list_model_get_n_items (files);
  if (n_files == 0 || self->record_id == 0)
    return;
  if (n_files == 1)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, 0);
      g_autofree char *name = g_file_get_basename (file);

      /* TRANSLATORS: the question before attaching a file to a JRCA record */
      body = g_strdup_printf (_("What does “%s” prove for this record?"), name);
    }
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "What does the %u file prove for this record?",
                                         "What do the %u files prove for this record?",
                                         n_files),
                            n_files);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Attach Evidence"), body);
  gtk_widget_set_name (dialog, "jrca-role-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "attach", _("_Attach"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "attach",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "attach");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  roles = cpv_jrca_evidence_roles (self->record_kind);
  likely = likely_role (self);
  for (guint i = 0; roles[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cpv_jrca_evidence_role_label (roles[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (roles[i], likely) == 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "cpv-check", check);
      g_object_set_data (G_OBJECT (row), "cpv-role", (gpointer) roles[i]);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data_full (G_OBJECT (dialog), "cpv-files", g_object_ref (files), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "cpv-roles", list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (role_response_cb), self, 0);

  if (self->role_dialog != NULL)
    gtk_window_destroy (self->role_dialog);
  g_set_weak_pointer (&self->role_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cpv_jrca_files_attach:
 * @files: (element-type GFile): files to store, one after the other
 * @role: what they prove, one of cpv_jrca_evidence_roles()
 *
 * Stores each file in the vault and links it to the record in a thread, with progress and a
 * Cancel button; emits #CpvJrcaFiles::changed after each file.
 */
void
cpv_jrca_files_attach (CpvJrcaFiles *self,
                       GListModel   *files,
                       const char   *role)
{
  g_return_if_fail (CPV_IS_JRCA_FILES (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
  g_return_if_fail (role != NULL);

  if (self->record_id == 0)
    {
      show_message (self, _("Save the record to attach files."));
      return;
    }
  if (!cpv_jrca_evidence_role_is_valid (self->record_kind, role))
    {
      show_message (self, _("Choose what the file proves for this record."));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->file = g_list_model_get_item (files, i);
      pending->role = g_strdup (role);
      cpv_attach_queue_push (&self->attach_queue, pending);
    }
  if (!self->busy)
    attach_next (self);
}

/**
 * cpv_jrca_files_remove:
 *
 * Takes the file off the record (the item stays in the vault, the record's flag stays set)
 * and offers Undo.
 *
 * Returns: %TRUE when unlinked
 */
gboolean
cpv_jrca_files_remove (CpvJrcaFiles  *self,
                       gint64         evidence_id,
                       GError       **error)
{
  CpvVault *vault;
  const char *role;
  g_autofree char *kept_role = NULL;
  g_autofree char *name = NULL;
  AdwToast *toast;

  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), FALSE);

  vault = files_vault (self);
  role = cpv_jrca_files_get_role (self, evidence_id);
  if (vault == NULL || role == NULL)
    {
      g_set_error_literal (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND,
                           _("This file is no longer linked to the record."));
      return FALSE;
    }
  kept_role = g_strdup (role);
  {
    g_autoptr(CpvEvidence) evidence = cpv_vault_get_evidence (vault, evidence_id, NULL);

    name = g_strdup (evidence != NULL ? evidence->file_name : "");
  }

  if (!cpv_vault_unlink_jrca_evidence (vault, self->record_kind, self->record_id, evidence_id,
                                       error))
    return FALSE;
  show_message (self, NULL);
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);

  /* TRANSLATORS: after removing a file from a JRCA record; it stays in the vault */
  toast = adw_toast_new_format (_("“%s” removed from the record"), name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "cpv-evidence-id",
                          g_memdup2 (&evidence_id, sizeof evidence_id), g_free);
  g_object_set_data_full (G_OBJECT (toast), "cpv-record-id",
                          g_memdup2 (&self->record_id, sizeof self->record_id), g_free);
  g_object_set_data_full (G_OBJECT (toast), "cpv-role", g_steal_pointer (&kept_role), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self,
                           G_CONNECT_SWAPPED);
  add_toast (self, toast);
  return TRUE;
}

/**
 * cpv_jrca_files_open:
 *
 * Opens a file of the record in the evidence viewer, over the editor; the viewer closes with
 * the editor.
 *
 * Returns: (transfer none) (nullable): the viewer
 */
CpvEvidenceViewer *
cpv_jrca_files_open (CpvJrcaFiles *self,
                     gint64        evidence_id)
{
  CpvVault *vault;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  CpvEvidenceViewer *viewer;
  GtkRoot *root;

  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), NULL);

  vault = files_vault (self);
  if (vault == NULL)
    return NULL;
  evidence = cpv_vault_get_evidence (vault, evidence_id, &error);
  if (evidence == NULL)
    {
      show_message (self, error->message);
      return NULL;
    }
  viewer = cpv_evidence_viewer_new (self->session, evidence);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (viewer), gtk_window_get_modal (GTK_WINDOW (root)));
      gtk_window_set_application (GTK_WINDOW (viewer),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (viewer), TRUE);
  g_signal_connect (viewer, "unrealize", G_CALLBACK (viewer_unrealized_cb), NULL);
  gtk_window_present (GTK_WINDOW (viewer));
  return viewer;
}

gboolean
cpv_jrca_files_get_busy (CpvJrcaFiles *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), FALSE);
  return self->busy;
}

/**
 * cpv_jrca_files_get_n_files:
 *
 * Returns: how many files the group lists
 */
guint
cpv_jrca_files_get_n_files (CpvJrcaFiles *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), 0);
  return self->links != NULL ? self->links->len : 0;
}

/**
 * cpv_jrca_files_get_role:
 *
 * Returns: (nullable): the role @evidence_id has on the record as listed, or %NULL
 */
const char *
cpv_jrca_files_get_role (CpvJrcaFiles *self,
                         gint64        evidence_id)
{
  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), NULL);

  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    {
      const CpvJrcaEvidenceLink *link = g_ptr_array_index (self->links, i);

      if (link->evidence_id == evidence_id)
        return link->role;
    }
  return NULL;
}

/**
 * cpv_jrca_files_get_message:
 *
 * Returns: (nullable): the problem shown (a file that could not be stored …)
 */
const char *
cpv_jrca_files_get_message (CpvJrcaFiles *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_FILES (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label) : NULL;
}
