/* cpv-unlock-page.c — asks for the passphrase that unlocks or creates a vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-unlock-page"

#include "config.h"

#include "cpv-unlock-page.h"

#include <glib/gi18n.h>

struct _CpvUnlockPage
{
  GtkWidget             parent_instance;

  AdwStatusPage        *status_page;
  GtkLabel             *create_hint_label;
  AdwEntryRow          *passphrase_row;
  AdwEntryRow          *confirm_row;
  GtkBox               *strength_box;
  GtkLevelBar          *strength_bar;
  GtkLabel             *strength_label;
  GtkLabel             *error_label;
  GtkButton            *submit_button;
  GtkStack             *submit_stack;
  GtkLabel             *submit_label;
  GtkSpinner           *submit_spinner;
  GtkBox               *recent_box;
  GtkListBox           *recent_list;

  char                 *path;
  gboolean              create_mode;
  gboolean              busy;           /* a key is being derived; path and mode stay put */
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  GtkCustomFilter      *recent_filter;
  GtkFilterListModel   *recent_vaults;
};

G_DEFINE_FINAL_TYPE (CpvUnlockPage, cpv_unlock_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CREATE_MODE,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static char *
display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (dir, home)
      && (dir[home_len] == '\0' || dir[home_len] == G_DIR_SEPARATOR))
    {
      g_autofree char *relative = g_strconcat ("~", dir + home_len, NULL);

      return g_filename_display_name (relative);
    }
  return g_filename_display_name (dir);
}

static void
clear_error (CpvUnlockPage *self)
{
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");
}

/* Shows @message under the entries and puts the cursor back into @row with its text selected,
 * so that typing replaces what was wrong. */
static void
show_error (CpvUnlockPage *self,
            const char    *message,
            AdwEntryRow   *row)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_select_region (GTK_EDITABLE (row), 0, -1);
}

static void
clear_entries (CpvUnlockPage *self)
{
  /* GtkEntryBuffer overwrites its memory before releasing it. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static void
update_strength (CpvUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  g_autofree char *hint = NULL;
  CpvPassphraseStrength strength;

  if (!self->create_mode)
    return;

  strength = cpv_passphrase_strength (passphrase);
  gtk_level_bar_set_value (self->strength_bar, strength);

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
update_mode (CpvUnlockPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_markup = NULL;

  if (self->path != NULL)
    {
      name = g_filename_display_basename (self->path);
      folder = display_folder (self->path);
      folder_markup = g_markup_escape_text (folder, -1);
    }

  /* The title is the vault's name; the description says where it lives. */
  adw_status_page_set_title (self->status_page, name != NULL ? name : "");
  adw_status_page_set_description (self->status_page, folder_markup);

  if (self->create_mode)
    {
      adw_status_page_set_icon_name (self->status_page, "document-new-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("New Passphrase"));
      gtk_label_set_text_with_mnemonic (self->submit_label, _("_Create Vault"));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "channel-secure-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                     _("Passphrase"));
      gtk_label_set_text_with_mnemonic (self->submit_label, _("_Unlock"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), self->create_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->strength_box), self->create_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->create_hint_label), self->create_mode);
  update_strength (self);

  if (self->recent_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->recent_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
set_busy (CpvUnlockPage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  /* Read-only rather than insensitive: the cursor stays in the entry, ready for a retry. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_list), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock-page.submit", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock-page.open-other", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock-page.create-new", !busy);
  gtk_spinner_set_spinning (self->submit_spinner, busy);
  gtk_stack_set_visible_child (self->submit_stack,
                               busy ? GTK_WIDGET (self->submit_spinner)
                                    : GTK_WIDGET (self->submit_label));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
set_path_and_mode (CpvUnlockPage *self,
                   const char    *path,
                   gboolean       create_mode)
{
  gboolean path_changed = g_strcmp0 (self->path, path) != 0;
  gboolean mode_changed = self->create_mode != create_mode;

  g_return_if_fail (!self->busy);

  g_free (self->path);
  self->path = g_strdup (path);
  self->create_mode = create_mode;

  clear_error (self);
  clear_entries (self);
  update_mode (self);

  if (path_changed)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PATH]);
  if (mode_changed)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CREATE_MODE]);

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static const char *
message_for_error (const GError *error)
{
  if (error->domain != CPV_VAULT_ERROR)
    return NULL;

  switch ((CpvVaultError) error->code)
    {
    case CPV_VAULT_ERROR_WRONG_PASSPHRASE:
      return _("Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.");
    case CPV_VAULT_ERROR_NOT_A_VAULT:
      return _("This file is not a CPE Vault. Open another file.");
    case CPV_VAULT_ERROR_DAMAGED:
      return _("This vault is damaged and cannot be opened safely. Open a backup copy.");
    case CPV_VAULT_ERROR_NEWER_SCHEMA:
      return _("This vault was saved by a newer version of CPE Vault. Update the app to open it.");
    case CPV_VAULT_ERROR_NEWER_CIPHER:
      return _("This vault uses a newer encryption format than this build can read. "
               "Update the app to open it.");
    case CPV_VAULT_ERROR_WEAK_PASSPHRASE:
      return _("This passphrase is too short for a new vault.");
    case CPV_VAULT_ERROR_EXISTS:
      return _("A file with this name already exists. Choose another name, or open it.");
    case CPV_VAULT_ERROR_NOT_FOUND:
      return _("The vault file is gone. It may have been moved or deleted.");
    case CPV_VAULT_ERROR_NO_CIPHER:
      return _("This build has no encryption library, so it refuses to open vaults.");
    case CPV_VAULT_ERROR_IO:
    case CPV_VAULT_ERROR_CLOSED:
    case CPV_VAULT_ERROR_FAILED:
    default:
      return NULL;
    }
}

static void
finish_unlock (CpvUnlockPage *self,
               CpvVault      *vault)
{
  clear_entries (self);
  clear_error (self);
  if (self->create_mode)
    {
      self->create_mode = FALSE;
      update_mode (self);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CREATE_MODE]);
    }
  g_signal_emit (self, signals[UNLOCKED], 0, vault);
}

/* Converting a SQLCipher 3 vault (written on Debian) to the SQLCipher 4 profile, offered once
 * after unlocking in a build with SQLCipher 4 (the Flatpak). The passphrase is needed again
 * for the new file's key: a copy lives in the task only and is wiped with it. */

typedef struct
{
  CpvVault *vault;
  char     *passphrase;
} ConvertData;

static void
convert_data_free (ConvertData *data)
{
  g_clear_object (&data->vault);
  if (data->passphrase != NULL)
    {
      cpv_passphrase_wipe (data->passphrase);
      g_free (data->passphrase);
    }
  g_free (data);
}

static void
convert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConvertData *data = task_data;
  GError *error = NULL;
  char *backup = NULL;

  if (cpv_vault_convert_to_native (data->vault, data->passphrase, &backup, &error))
    g_task_return_pointer (task, backup, g_free);
  else
    g_task_return_error (task, error);
}

static void
convert_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (source_object);
  ConvertData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(CpvVault) vault = g_object_ref (data->vault);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  set_busy (self, FALSE);
  if (backup != NULL)
    {
      g_autofree char *name = g_filename_display_basename (backup);

      body = g_strdup_printf (_("The vault now uses the current encryption format. The "
                                "previous file is kept beside it as “%s”; delete it once you "
                                "no longer need it."), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Vault Converted"), body));
    }
  else
    {
      body = g_strdup_printf (_("The vault stays in its previous format and opens as before. "
                                "%s"), error->message);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("The Vault Was Not Converted"),
                                                           body));
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  if (cpv_vault_is_open (vault))
    finish_unlock (self, vault);
  else
    show_error (self, _("The vault could not be opened again after the conversion. Try "
                        "unlocking it again."), self->passphrase_row);
}

static void
conversion_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CpvUnlockPage    *self)
{
  CpvVault *vault = g_object_get_data (G_OBJECT (dialog), "vault");

  if (g_strcmp0 (response, "convert") == 0)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, convert_done_cb, NULL);
      ConvertData *data = g_new0 (ConvertData, 1);

      data->vault = g_object_ref (vault);
      data->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
      g_task_set_task_data (task, data, (GDestroyNotify) convert_data_free);
      set_busy (self, TRUE);
      g_task_run_in_thread (task, convert_thread);
      return;
    }
  finish_unlock (self, vault);
}

static void
offer_conversion (CpvUnlockPage *self,
                  CpvVault      *vault)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
      _("Update the Vault’s Encryption Format?"),
      _("This vault was written with an older version of SQLCipher. CPE Vault can copy it "
        "into the current format, check the copy, and keep the original file beside it as "
        "a backup. It opens either way.")));
  adw_message_dialog_add_responses (dialog, "later", _("_Not Now"), "convert", _("_Convert"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "convert", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "convert");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "vault", g_object_ref (vault), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conversion_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vault_ready_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CpvUnlockPage) self = user_data;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  if (self->create_mode)
    vault = cpv_vault_create_finish (result, &error);
  else
    vault = cpv_vault_open_finish (result, &error);

  /* The page went away (window closed) while the key was being derived. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    {
      if (vault != NULL)
        cpv_vault_close (vault);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (vault == NULL)
    {
      g_autofree char *detailed = NULL;
      const char *message = message_for_error (error);

      /* I/O and unexpected failures: the core's message names the file and the cause. */
      if (message == NULL)
        message = detailed = g_strdup_printf (self->create_mode
                                              ? _("The vault could not be created: %s")
                                              : _("The vault could not be opened: %s"),
                                              error->message);
      show_error (self, message, self->passphrase_row);
      return;
    }

  if (!self->create_mode && cpv_vault_needs_conversion (vault))
    {
      offer_conversion (self, vault);
      return;
    }
  finish_unlock (self, vault);
}

static void
submit_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (self->busy || self->path == NULL)
    return;

  clear_error (self);

  if (*text == '\0')
    {
      show_error (self, _("Enter the passphrase."), self->passphrase_row);
      return;
    }

  if (self->create_mode)
    {
      const char *confirmation = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

      if (cpv_passphrase_strength (text) == CPV_PASSPHRASE_TOO_SHORT)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The passphrase is too short. Use at least "
                                                  "%d character.",
                                                  "The passphrase is too short. Use at least "
                                                  "%d characters.",
                                                  CPV_PASSPHRASE_MIN_LENGTH),
                                     CPV_PASSPHRASE_MIN_LENGTH);
          show_error (self, message, self->passphrase_row);
          return;
        }
      if (g_strcmp0 (text, confirmation) != 0)
        {
          show_error (self, _("The two passphrases differ. Type the same passphrase twice."),
                      self->confirm_row);
          return;
        }
    }

  /* The core copies the passphrase for its thread (and wipes its copy); the entry's own
   * buffer is cleared once the vault is open. No other copy is made here. */
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  if (self->create_mode)
    cpv_vault_create_async (self->path, text, self->cancellable,
                            vault_ready_cb, g_object_ref (self));
  else
    cpv_vault_open_async (self->path, text, self->cancellable,
                          vault_ready_cb, g_object_ref (self));
}

static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (user_data);
  gboolean creating = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog))
                      == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && !self->busy)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        show_error (self, _("Only files on this computer can hold a vault."),
                    self->passphrase_row);
      else if (creating)
        cpv_unlock_page_set_create_path (self, path);
      else
        cpv_unlock_page_set_path (self, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->file_chooser);
}

static void
run_file_chooser (CpvUnlockPage        *self,
                  GtkFileChooserAction  action)
{
  gboolean creating = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) vault_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  self->file_chooser = gtk_file_chooser_native_new (creating ? _("Create New Vault")
                                                             : _("Open Vault"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                         : NULL,
                                                    action,
                                                    creating ? _("_Create") : _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  gtk_file_filter_set_name (vault_filter, _("CPE Vaults"));
  gtk_file_filter_add_suffix (vault_filter, "cpv");
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), vault_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all_filter);

  if (creating)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), "vault.cpv");

  g_signal_connect (self->file_chooser, "response",
                    G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
open_other_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_file_chooser (CPV_UNLOCK_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
create_new_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_file_chooser (CPV_UNLOCK_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
passphrase_changed_cb (CpvUnlockPage *self)
{
  update_strength (self);
}

static void
entry_changed_cb (CpvUnlockPage *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    clear_error (self);
}

static gboolean
recent_vault_filter_func (gpointer item,
                          gpointer user_data)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (user_data);
  const char *path = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

  return g_strcmp0 (path, self->path) != 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *path = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *folder = display_folder (path);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cpv-vault-path", g_strdup (path), g_free);

  return row;
}

static void
recent_row_activated_cb (CpvUnlockPage *self,
                         GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "cpv-vault-path");

  if (path != NULL && !self->busy)
    cpv_unlock_page_set_path (self, path);
}

static void
recent_vaults_changed_cb (CpvUnlockPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->recent_box),
                          g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults)) > 0);
}

static void
cpv_unlock_page_map (GtkWidget *widget)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (cpv_unlock_page_parent_class)->map (widget);

  /* Enter in a passphrase entry presses Unlock / Create Vault while this page is shown. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->submit_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
cpv_unlock_page_unmap (GtkWidget *widget)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root)
      && gtk_window_get_default_widget (GTK_WINDOW (root)) == GTK_WIDGET (self->submit_button))
    gtk_window_set_default_widget (GTK_WINDOW (root), NULL);

  GTK_WIDGET_CLASS (cpv_unlock_page_parent_class)->unmap (widget);
}

static void
cpv_unlock_page_dispose (GObject *object)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (object);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }
  if (self->recent_list != NULL)
    gtk_list_box_bind_model (self->recent_list, NULL, NULL, NULL, NULL);
  if (self->recent_vaults != NULL)
    g_signal_handlers_disconnect_by_data (self->recent_vaults, self);
  g_clear_object (&self->recent_vaults);
  g_clear_object (&self->recent_filter);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (cpv_unlock_page_parent_class)->dispose (object);
}

static void
cpv_unlock_page_finalize (GObject *object)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (object);

  g_free (self->path);

  G_OBJECT_CLASS (cpv_unlock_page_parent_class)->finalize (object);
}

static void
cpv_unlock_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CREATE_MODE:
      g_value_set_boolean (value, self->create_mode);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_unlock_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CpvUnlockPage *self = CPV_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      cpv_unlock_page_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_unlock_page_class_init (CpvUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_unlock_page_dispose;
  object_class->finalize = cpv_unlock_page_finalize;
  object_class->get_property = cpv_unlock_page_get_property;
  object_class->set_property = cpv_unlock_page_set_property;

  widget_class->map = cpv_unlock_page_map;
  widget_class->unmap = cpv_unlock_page_unmap;

  /**
   * CpvUnlockPage:path:
   *
   * The vault file. Setting it shows the unlock form when the file exists, and the create
   * form when it does not.
   */
  props[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  props[PROP_CREATE_MODE] =
    g_param_spec_boolean ("create-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CpvUnlockPage:busy:
   *
   * Whether a key is being derived (the vault is being opened or created).
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CpvUnlockPage::unlocked:
   * @vault: the open vault
   *
   * Emitted when the vault has been opened or created with the passphrase typed.
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CPV_TYPE_VAULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, create_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, strength_box);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, submit_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, submit_label);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, submit_spinner);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CpvUnlockPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "unlock-page.submit", NULL, submit_cb);
  gtk_widget_class_install_action (widget_class, "unlock-page.open-other", NULL, open_other_cb);
  gtk_widget_class_install_action (widget_class, "unlock-page.create-new", NULL, create_new_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "unlockpage");
}

static void
cpv_unlock_page_init (CpvUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_filter = gtk_custom_filter_new (recent_vault_filter_func, self, NULL);
  update_mode (self);
}

GtkWidget *
cpv_unlock_page_new (void)
{
  return g_object_new (CPV_TYPE_UNLOCK_PAGE, NULL);
}

const char *
cpv_unlock_page_get_path (CpvUnlockPage *self)
{
  g_return_val_if_fail (CPV_IS_UNLOCK_PAGE (self), NULL);

  return self->path;
}

/**
 * cpv_unlock_page_set_path:
 * @self: the page
 * @path: a vault file
 *
 * Shows @path: the unlock form when the file exists, the create form when it does not.
 */
void
cpv_unlock_page_set_path (CpvUnlockPage *self,
                          const char    *path)
{
  g_return_if_fail (CPV_IS_UNLOCK_PAGE (self));

  set_path_and_mode (self, path, path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS));
}

/**
 * cpv_unlock_page_set_create_path:
 * @self: the page
 * @path: where the new vault goes
 *
 * Shows the create form for @path, even if a file is already there (the core then refuses to
 * overwrite it, and the page says so).
 */
void
cpv_unlock_page_set_create_path (CpvUnlockPage *self,
                                 const char    *path)
{
  g_return_if_fail (CPV_IS_UNLOCK_PAGE (self));
  g_return_if_fail (path != NULL);

  set_path_and_mode (self, path, TRUE);
}

gboolean
cpv_unlock_page_get_create_mode (CpvUnlockPage *self)
{
  g_return_val_if_fail (CPV_IS_UNLOCK_PAGE (self), FALSE);

  return self->create_mode;
}

gboolean
cpv_unlock_page_get_busy (CpvUnlockPage *self)
{
  g_return_val_if_fail (CPV_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * cpv_unlock_page_set_recent_vaults:
 * @self: the page
 * @paths: (nullable): a model of #GtkStringObject holding vault paths, newest first
 *
 * Lists the recent vaults other than the one shown, for one-click switching.
 */
void
cpv_unlock_page_set_recent_vaults (CpvUnlockPage *self,
                                   GListModel    *paths)
{
  g_return_if_fail (CPV_IS_UNLOCK_PAGE (self));
  g_return_if_fail (paths == NULL || G_IS_LIST_MODEL (paths));

  if (self->recent_vaults != NULL)
    g_signal_handlers_disconnect_by_data (self->recent_vaults, self);
  g_clear_object (&self->recent_vaults);

  if (paths != NULL)
    {
      GtkFilter *filter = g_object_ref (GTK_FILTER (self->recent_filter));

      self->recent_vaults = gtk_filter_list_model_new (g_object_ref (paths), filter);
      g_signal_connect_swapped (self->recent_vaults, "items-changed",
                                G_CALLBACK (recent_vaults_changed_cb), self);
    }

  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent_vaults),
                           create_recent_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_box),
                          self->recent_vaults != NULL
                          && g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults)) > 0);
}

/**
 * cpv_unlock_page_reset:
 * @self: the page
 *
 * Empties the entries and shows the current vault again (after locking), choosing the unlock
 * or create form from whether the file exists now.
 */
void
cpv_unlock_page_reset (CpvUnlockPage *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CPV_IS_UNLOCK_PAGE (self));

  path = g_strdup (self->path);
  cpv_unlock_page_set_path (self, path);
}
