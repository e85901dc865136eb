/* cpv-passphrase-dialog.c — changes the open vault's passphrase
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-passphrase-dialog"

#include "config.h"

#include "cpv-passphrase-dialog.h"

#include <glib/gi18n.h>

#include "cpv-window.h"

/* Re-encrypting the vault takes a key derivation and a pass over every page, so it runs in a
 * GTask thread while the dialog shows a spinner. The passphrases are copied once for the
 * thread and wiped there; the entries are emptied when the dialog closes. */

struct _CpvPassphraseDialog
{
  AdwWindow     parent_instance;

  AdwEntryRow  *old_row;
  AdwEntryRow  *new_row;
  AdwEntryRow  *confirm_row;
  GtkLevelBar  *strength_bar;
  GtkLabel     *strength_label;
  GtkLabel     *error_label;
  GtkButton    *cancel_button;
  GtkButton    *change_button;
  GtkStack     *change_stack;
  GtkWidget    *change_label;
  GtkSpinner   *change_spinner;

  CpvVault     *vault;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CpvPassphraseDialog, cpv_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

typedef struct
{
  CpvVault *vault;
  char     *old_passphrase;
  char     *new_passphrase;
} ChangeJob;

static void
change_job_free (ChangeJob *job)
{
  g_clear_object (&job->vault);
  cpv_passphrase_wipe (job->old_passphrase);
  cpv_passphrase_wipe (job->new_passphrase);
  g_free (job->old_passphrase);
  g_free (job->new_passphrase);
  g_free (job);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
clear_entries (CpvPassphraseDialog *self)
{
  /* GtkEntryBuffer overwrites its memory before releasing it. */
  gtk_editable_set_text (GTK_EDITABLE (self->old_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static void
clear_error (CpvPassphraseDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->old_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");
}

static void
show_error (CpvPassphraseDialog *self,
            const char          *message,
            AdwEntryRow         *row)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_select_region (GTK_EDITABLE (row), 0, -1);
}

static char *
too_short_message (void)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The new passphrase is too short. Use at least "
                                       "%d character.",
                                       "The new passphrase is too short. Use at least "
                                       "%d characters.",
                                       CPV_PASSPHRASE_MIN_LENGTH),
                          CPV_PASSPHRASE_MIN_LENGTH);
}

static void
set_busy (CpvPassphraseDialog *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_editable_set_editable (GTK_EDITABLE (self->old_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->new_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passphrase.change", !busy);
  gtk_spinner_set_spinning (self->change_spinner, busy);
  gtk_stack_set_visible_child (self->change_stack,
                               busy ? GTK_WIDGET (self->change_spinner) : self->change_label);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
new_passphrase_changed_cb (CpvPassphraseDialog *self)
{
  const char *passphrase = text_of (self->new_row);
  CpvPassphraseStrength strength = cpv_passphrase_strength (passphrase);
  g_autofree char *hint = NULL;

  gtk_level_bar_set_value (self->strength_bar, *passphrase == '\0' ? 0 : strength);
  if (*passphrase == '\0')
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Use at least %d character.",
                                         "Use at least %d characters.",
                                         CPV_PASSPHRASE_MIN_LENGTH),
                            CPV_PASSPHRASE_MIN_LENGTH);
  else
    switch (strength)
      {
      case CPV_PASSPHRASE_TOO_SHORT:
        hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Too short: use at least %d character.",
                                             "Too short: use at least %d characters.",
                                             CPV_PASSPHRASE_MIN_LENGTH),
                                CPV_PASSPHRASE_MIN_LENGTH);
        break;
      case CPV_PASSPHRASE_WEAK:
        hint = g_strdup (_("Weak: add more words or characters."));
        break;
      case CPV_PASSPHRASE_FAIR:
        hint = g_strdup (_("Fair: a few more words make it strong."));
        break;
      case CPV_PASSPHRASE_STRONG:
      default:
        hint = g_strdup (_("Strong."));
        break;
      }
  gtk_label_set_text (self->strength_label, hint);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeJob *job = task_data;
  GError *error = NULL;

  if (cpv_vault_change_passphrase (job->vault, job->old_passphrase, job->new_passphrase,
                                   &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
changed_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CpvPassphraseDialog *self = CPV_PASSPHRASE_DIALOG (source_object);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE))
        show_error (self, _("The current passphrase is wrong. Check Caps Lock and the "
                            "keyboard layout, then try again."), self->old_row);
      else if (g_error_matches (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE))
        show_error (self, message = too_short_message (), self->new_row);
      else if (g_error_matches (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED))
        show_error (self, _("The vault was locked. Unlock it and try again."), self->old_row);
      else
        {
          message = g_strdup_printf (_("The passphrase could not be changed: %s"),
                                     error->message);
          show_error (self, message, self->old_row);
        }
      return;
    }

  clear_entries (self);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (CPV_IS_WINDOW (parent))
    cpv_window_add_toast (CPV_WINDOW (parent),
                          adw_toast_new (_("Passphrase changed. Use the new one from now on.")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
change_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CpvPassphraseDialog *self = CPV_PASSPHRASE_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ChangeJob *job;

  if (self->busy)
    return;
  clear_error (self);

  if (*text_of (self->old_row) == '\0')
    {
      show_error (self, _("Enter the current passphrase."), self->old_row);
      return;
    }
  if (cpv_passphrase_strength (text_of (self->new_row)) == CPV_PASSPHRASE_TOO_SHORT)
    {
      g_autofree char *message = too_short_message ();

      show_error (self, message, self->new_row);
      return;
    }
  if (g_strcmp0 (text_of (self->new_row), text_of (self->confirm_row)) != 0)
    {
      show_error (self, _("The two new passphrases differ. Type the same passphrase twice."),
                  self->confirm_row);
      return;
    }
  if (g_strcmp0 (text_of (self->new_row), text_of (self->old_row)) == 0)
    {
      show_error (self, _("The new passphrase is the same as the current one."),
                  self->new_row);
      return;
    }

  job = g_new0 (ChangeJob, 1);
  job->vault = g_object_ref (self->vault);
  job->old_passphrase = g_strdup (text_of (self->old_row));
  job->new_passphrase = g_strdup (text_of (self->new_row));

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, changed_cb, NULL);
  g_task_set_source_tag (task, change_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) change_job_free);
  g_task_run_in_thread (task, change_thread);
}

static void
parent_vault_changed_cb (CpvPassphraseDialog *self)
{
  /* Locked while the dialog was open: its vault is gone. A running change keeps the vault
   * alive and finishes first (the core holds the vault's lock meanwhile). */
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
cpv_passphrase_dialog_close_request (GtkWindow *window)
{
  CpvPassphraseDialog *self = CPV_PASSPHRASE_DIALOG (window);

  /* Re-encryption cannot be interrupted half-way. */
  if (self->busy)
    return TRUE;
  clear_entries (self);
  return GTK_WINDOW_CLASS (cpv_passphrase_dialog_parent_class)->close_request (window);
}

static void
cpv_passphrase_dialog_dispose (GObject *object)
{
  CpvPassphraseDialog *self = CPV_PASSPHRASE_DIALOG (object);

  if (self->old_row != NULL)
    clear_entries (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_PASSPHRASE_DIALOG);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (cpv_passphrase_dialog_parent_class)->dispose (object);
}

static void
cpv_passphrase_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CpvPassphraseDialog *self = CPV_PASSPHRASE_DIALOG (object);

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
cpv_passphrase_dialog_class_init (CpvPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cpv_passphrase_dialog_dispose;
  object_class->get_property = cpv_passphrase_dialog_get_property;
  window_class->close_request = cpv_passphrase_dialog_close_request;

  /**
   * CpvPassphraseDialog:busy:
   *
   * Whether the vault is being encrypted again with the new passphrase.
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, old_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, change_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, change_label);
  gtk_widget_class_bind_template_child (widget_class, CpvPassphraseDialog, change_spinner);
  gtk_widget_class_bind_template_callback (widget_class, new_passphrase_changed_cb);

  gtk_widget_class_install_action (widget_class, "passphrase.change", NULL, change_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_passphrase_dialog_init (CpvPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  new_passphrase_changed_cb (self);
}

/**
 * cpv_passphrase_dialog_new:
 * @parent: the window of @vault
 * @vault: the open vault
 *
 * Returns: (transfer floating): a modal dialog over @parent; it closes itself when the
 *   passphrase has been changed, or when @parent locks its vault
 */
CpvPassphraseDialog *
cpv_passphrase_dialog_new (GtkWindow *parent,
                           CpvVault  *vault)
{
  CpvPassphraseDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  self = g_object_new (CPV_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->vault = g_object_ref (vault);
  if (CPV_IS_WINDOW (parent))
    g_signal_connect_object (parent, "notify::vault", G_CALLBACK (parent_vault_changed_cb),
                             self, G_CONNECT_SWAPPED);
  return self;
}

gboolean
cpv_passphrase_dialog_get_busy (CpvPassphraseDialog *self)
{
  g_return_val_if_fail (CPV_IS_PASSPHRASE_DIALOG (self), FALSE);
  return self->busy;
}
