/* cpv-application.c — the application: windows, settings, recent vaults
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-application"

#include "config.h"

#include "cpv-application.h"

#include <glib/gi18n.h>

#include "cpv-auto-lock.h"
#include "cpv-passphrase-dialog.h"
#include "cpv-preferences.h"
#include "cpv-vault.h"
#include "cpv-window.h"

/* How many vaults the unlock page offers besides the one it shows. */
#define RECENT_VAULTS_MAX 8

struct _CpvApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;       /* NULL when the schema is not installed */
  GtkStringList  *recent_vaults;  /* paths, newest first */
  CpvAutoLock    *auto_lock;
};

G_DEFINE_FINAL_TYPE (CpvApplication, cpv_application, ADW_TYPE_APPLICATION)

/* Running from the build tree (or any install without the compiled schema) must still work:
 * look the schema up instead of letting g_settings_new() abort. */
static GSettings *
lookup_settings (void)
{
  const char *keys[] = { "recent-vaults", "window-width", "window-height", "window-maximized",
                         "auto-lock-minutes", "evidence-size-limit-mb", "export-name-pattern" };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; settings are not kept", APP_ID);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_settings_schema_has_key (schema, keys[i]))
        {
          g_debug ("GSettings schema %s has no key %s; settings are not kept", APP_ID, keys[i]);
          return NULL;
        }
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static CpvWindow *
find_window_for_path (CpvApplication *self,
                      const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (CPV_IS_WINDOW (l->data)
          && g_strcmp0 (cpv_window_get_vault_path (CPV_WINDOW (l->data)), path) == 0)
        return CPV_WINDOW (l->data);
    }
  return NULL;
}

static void
present_vault (CpvApplication *self,
               const char     *path)
{
  CpvWindow *window = find_window_for_path (self, path);

  if (window == NULL)
    window = cpv_window_new (self, path);
  gtk_window_present (GTK_WINDOW (window));
}

/* The vault to show at start-up: the last one used if it is still there, else the default. */
static char *
start_up_vault_path (CpvApplication *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults));

  for (guint i = 0; i < n; i++)
    {
      const char *path = gtk_string_list_get_string (self->recent_vaults, i);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_strdup (path);
    }
  return cpv_vault_default_path ();
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CpvApplication *self = CPV_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window locks its vault and saves its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CpvApplication *self = CPV_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The CPE Vault authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("CPE Vault"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Keep track of continuing professional education "
                                       "credits and their evidence, encrypted on your computer"),
                         "developer-name", "The CPE Vault authors",
                         "developers", developers,
                         "copyright", "© 2026 The CPE Vault authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CpvApplication *self = CPV_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (cpv_preferences_new (parent, self->settings)));
}

/* The window whose vault the passphrase dialog changes: the active one, if unlocked. */
static CpvWindow *
unlocked_window (CpvApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A viewer or dialog may be active: its main window is what it is transient for. */
  while (window != NULL && !CPV_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window == NULL || cpv_window_get_vault (CPV_WINDOW (window)) == NULL)
    return NULL;
  return CPV_WINDOW (window);
}

static void
update_change_passphrase (CpvApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "change-passphrase");

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), unlocked_window (self) != NULL);
}

static void
change_passphrase_activated_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  CpvApplication *self = CPV_APPLICATION (user_data);
  CpvWindow *window = unlocked_window (self);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (cpv_passphrase_dialog_new (GTK_WINDOW (window),
                                                             cpv_window_get_vault (window))));
}

static void
window_added_cb (CpvApplication *self,
                 GtkWindow      *window)
{
  if (CPV_IS_WINDOW (window))
    g_signal_connect_object (window, "notify::vault", G_CALLBACK (update_change_passphrase),
                             self, G_CONNECT_SWAPPED);
  update_change_passphrase (self);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated_cb },
  { .name = "about", .activate = about_activated_cb },
  { .name = "preferences", .activate = preferences_activated_cb },
  { .name = "change-passphrase", .activate = change_passphrase_activated_cb },
};

static void
cpv_application_startup (GApplication *application)
{
  CpvApplication *self = CPV_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (cpv_application_parent_class)->startup (application);

  self->settings = lookup_settings ();
  if (self->settings != NULL)
    {
      g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-vaults");
      guint n = MIN (g_strv_length (paths), RECENT_VAULTS_MAX);

      for (guint i = 0; i < n; i++)
        {
          if (g_path_is_absolute (paths[i]))
            gtk_string_list_append (self->recent_vaults, paths[i]);
        }
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  /* Idle time and the session's screen saver lock every vault (register-session is set). */
  self->auto_lock = cpv_auto_lock_new (GTK_APPLICATION (self), self->settings);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (self, "window-removed", G_CALLBACK (update_change_passphrase), NULL);
  g_signal_connect (self, "notify::active-window", G_CALLBACK (update_change_passphrase), NULL);
  update_change_passphrase (self);
}

static void
cpv_application_activate (GApplication *application)
{
  CpvApplication *self = CPV_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = start_up_vault_path (self);
  present_vault (self, path);
}

static void
cpv_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  CpvApplication *self = CPV_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_printerr (_("%s: only files on this computer can be opened as vaults\n"), uri);
          continue;
        }
      present_vault (self, path);
    }
}

static void
cpv_application_dispose (GObject *object)
{
  CpvApplication *self = CPV_APPLICATION (object);

  g_clear_object (&self->auto_lock);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_vaults);

  G_OBJECT_CLASS (cpv_application_parent_class)->dispose (object);
}

static void
cpv_application_class_init (CpvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cpv_application_dispose;

  application_class->startup = cpv_application_startup;
  application_class->activate = cpv_application_activate;
  application_class->open = cpv_application_open;
}

static void
cpv_application_init (CpvApplication *self)
{
  self->recent_vaults = gtk_string_list_new (NULL);
}

CpvApplication *
cpv_application_new (void)
{
  return g_object_new (CPV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/cpevault/CpeVault",
                       "register-session", TRUE,
                       NULL);
}

/**
 * cpv_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the app's settings, or %NULL when the GSettings
 *   schema is not installed (running from the build tree)
 */
GSettings *
cpv_application_get_settings (CpvApplication *self)
{
  g_return_val_if_fail (CPV_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * cpv_application_get_recent_vaults:
 * @self: the application
 *
 * Returns: (transfer none): a model of #GtkStringObject with the paths of the vaults unlocked
 *   most recently, newest first
 */
GListModel *
cpv_application_get_recent_vaults (CpvApplication *self)
{
  g_return_val_if_fail (CPV_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->recent_vaults);
}

/**
 * cpv_application_remember_vault:
 * @self: the application
 * @path: a vault that was just unlocked or created
 *
 * Puts @path first in the recent vaults (by path only, nothing from inside the vault) and
 * saves the list in GSettings when the schema is installed.
 */
void
cpv_application_remember_vault (CpvApplication *self,
                                const char     *path)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  guint n;

  g_return_if_fail (CPV_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults));
  for (guint i = n; i > 0; i--)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->recent_vaults, i - 1), path) == 0)
        gtk_string_list_remove (self->recent_vaults, i - 1);
    }
  gtk_string_list_splice (self->recent_vaults, 0, 0, (const char * const[]) { path, NULL });

  n = g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults));
  if (n > RECENT_VAULTS_MAX)
    gtk_string_list_splice (self->recent_vaults, RECENT_VAULTS_MAX, n - RECENT_VAULTS_MAX, NULL);

  if (self->settings == NULL)
    return;

  builder = g_strv_builder_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->recent_vaults));
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->recent_vaults, i));
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-vaults", (const char * const *) paths);
}

/**
 * cpv_application_get_auto_lock:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): what locks the vaults after idle time, %NULL before
 *   start-up
 */
CpvAutoLock *
cpv_application_get_auto_lock (CpvApplication *self)
{
  g_return_val_if_fail (CPV_IS_APPLICATION (self), NULL);

  return self->auto_lock;
}
