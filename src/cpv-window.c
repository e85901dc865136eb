/* cpv-window.c — the main window: unlock page, then the open vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-window"

#include "config.h"

#include "cpv-window.h"

#include <glib/gi18n.h>

#include "cpv-activities-page.h"
#include "cpv-audits-page.h"
#include "cpv-credentials-page.h"
#include "cpv-jrca-page.h"
#include "cpv-evidence-page.h"
#include "cpv-overview-page.h"
#include "cpv-records.h"
#include "cpv-session.h"
#include "cpv-unlock-page.h"

struct _CpvWindow
{
  AdwApplicationWindow  parent_instance;

  GtkStack             *main_stack;
  CpvUnlockPage        *unlock_page;
  AdwWindowTitle       *vault_title;
  GtkButton            *lock_button;
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *content_stack;
  AdwWindowTitle       *page_title;
  CpvOverviewPage      *overview_page;
  CpvActivitiesPage    *activities_page;
  CpvEvidencePage      *evidence_page;
  CpvCredentialsPage   *credentials_page;
  CpvAuditsPage        *audits_page;
  CpvJrcaPage          *jrca_page;

  CpvVault             *vault;
  CpvSession           *session;
};

G_DEFINE_FINAL_TYPE (CpvWindow, cpv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static GSettings *
window_settings (CpvWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (!CPV_IS_APPLICATION (application))
    return NULL;
  return cpv_application_get_settings (CPV_APPLICATION (application));
}

static void
set_session (CpvWindow  *self,
             CpvSession *session)
{
  g_autoptr(CpvSession) old = NULL;

  if (self->session == session)
    return;
  old = g_steal_pointer (&self->session);
  if (session != NULL)
    self->session = g_object_ref (session);

  cpv_overview_page_set_session (self->overview_page, session);
  cpv_activities_page_set_session (self->activities_page, session);
  cpv_evidence_page_set_session (self->evidence_page, session);
  cpv_credentials_page_set_session (self->credentials_page, session);
  cpv_audits_page_set_session (self->audits_page, session);
  cpv_jrca_page_set_session (self->jrca_page, session);

  if (old != NULL)
    cpv_session_close (old);
}

static void
set_vault (CpvWindow *self,
           CpvVault  *vault)
{
  if (self->vault == vault)
    return;

  /* Pages first: they drop their models, textures and buffers before the vault closes. */
  set_session (self, NULL);
  if (self->vault != NULL)
    cpv_vault_close (self->vault);
  g_set_object (&self->vault, vault);
  if (vault != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpvProgramRegistry) registry = cpv_program_registry_new_default (&error);
      g_autoptr(CpvSession) session = NULL;

      if (registry == NULL)
        {
          /* The app still opens the vault; the overview says why it has no status. */
          g_warning ("Credential programs could not be loaded: %s", error->message);
          registry = cpv_program_registry_new ();
        }
      session = cpv_session_new (vault, registry);
      set_session (self, session);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-activity", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-activity", vault != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VAULT]);
}

static void page_changed_cb (CpvWindow *self);

static void
vault_unlocked_cb (CpvWindow     *self,
                   CpvVault      *vault,
                   CpvUnlockPage *page)
{
  const char *path = cpv_vault_get_path (vault);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = g_filename_display_basename (path);

  set_vault (self, vault);

  adw_window_title_set_title (self->vault_title, name);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  page_changed_cb (self);   /* the title, even when the overview was showing already */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_stack_set_visible_child_name (self->main_stack, "vault");

  if (CPV_IS_APPLICATION (application))
    cpv_application_remember_vault (CPV_APPLICATION (application), path);
}

static void
page_changed_cb (CpvWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->content_stack);
  GtkStackPage *page;

  if (child == NULL)
    return;
  page = gtk_stack_get_page (self->content_stack, child);
  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));
  /* Folded (narrow): picking a page in the sidebar moves on to it. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_sidebar_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpvWindow *self = CPV_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpvWindow *self = CPV_WINDOW (widget);

  cpv_window_show_page (self, g_variant_get_string (parameter, NULL));
}

static void
edit_activity_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvWindow *self = CPV_WINDOW (widget);

  cpv_window_show_page (self, "activities");
  cpv_activities_page_edit_activity (self->activities_page, g_variant_get_int64 (parameter));
}

static void
new_activity_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpvWindow *self = CPV_WINDOW (widget);

  cpv_window_show_page (self, "activities");
  cpv_activities_page_edit_activity (self->activities_page, 0);
}

static void
lock_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  cpv_window_lock (CPV_WINDOW (widget));
}

static gboolean
cpv_window_close_request (GtkWindow *window)
{
  CpvWindow *self = CPV_WINDOW (window);
  GSettings *settings = window_settings (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  set_vault (self, NULL);

  return GTK_WINDOW_CLASS (cpv_window_parent_class)->close_request (window);
}

static void
cpv_window_dispose (GObject *object)
{
  CpvWindow *self = CPV_WINDOW (object);

  if (self->session != NULL)
    {
      cpv_session_close (self->session);
      g_clear_object (&self->session);
    }
  if (self->vault != NULL)
    {
      cpv_vault_close (self->vault);
      g_clear_object (&self->vault);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_WINDOW);

  G_OBJECT_CLASS (cpv_window_parent_class)->dispose (object);
}

static void
cpv_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CpvWindow *self = CPV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_window_class_init (CpvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cpv_window_dispose;
  object_class->get_property = cpv_window_get_property;

  window_class->close_request = cpv_window_close_request;

  /**
   * CpvWindow:vault:
   *
   * The open vault, or %NULL while the window shows the unlock page.
   */
  props[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         CPV_TYPE_VAULT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);

  g_type_ensure (CPV_TYPE_UNLOCK_PAGE);
  g_type_ensure (CPV_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CPV_TYPE_ACTIVITIES_PAGE);
  g_type_ensure (CPV_TYPE_EVIDENCE_PAGE);
  g_type_ensure (CPV_TYPE_CREDENTIALS_PAGE);
  g_type_ensure (CPV_TYPE_AUDITS_PAGE);
  g_type_ensure (CPV_TYPE_JRCA_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, vault_title);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, activities_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, evidence_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, credentials_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, audits_page);
  gtk_widget_class_bind_template_child (widget_class, CpvWindow, jrca_page);
  gtk_widget_class_bind_template_callback (widget_class, vault_unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_cb);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_cb);

  gtk_widget_class_install_action (widget_class, "win.edit-activity", "x", edit_activity_cb);
  gtk_widget_class_install_action (widget_class, "win.new-activity", NULL, new_activity_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-activity", NULL);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.lock", NULL);
}

static void
cpv_window_init (CpvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-activity", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-activity", FALSE);
}

/**
 * cpv_window_new:
 * @application: the application
 * @vault_path: the vault to unlock, or create when the file does not exist
 *
 * Returns: (transfer full): a new window showing the unlock page for @vault_path
 */
CpvWindow *
cpv_window_new (CpvApplication *application,
                const char     *vault_path)
{
  CpvWindow *self;
  GSettings *settings;

  g_return_val_if_fail (CPV_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (vault_path != NULL, NULL);

  self = g_object_new (CPV_TYPE_WINDOW,
                       "application", application,
                       NULL);

  settings = cpv_application_get_settings (application);
  if (settings != NULL)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  cpv_unlock_page_set_recent_vaults (self->unlock_page,
                                     cpv_application_get_recent_vaults (application));
  cpv_unlock_page_set_path (self->unlock_page, vault_path);

  return self;
}

/**
 * cpv_window_get_vault_path:
 * @self: the window
 *
 * Returns: the vault file the window shows, open or not
 */
const char *
cpv_window_get_vault_path (CpvWindow *self)
{
  g_return_val_if_fail (CPV_IS_WINDOW (self), NULL);

  return cpv_unlock_page_get_path (self->unlock_page);
}

/**
 * cpv_window_get_vault:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the open vault, %NULL while locked
 */
CpvVault *
cpv_window_get_vault (CpvWindow *self)
{
  g_return_val_if_fail (CPV_IS_WINDOW (self), NULL);

  return self->vault;
}

/**
 * cpv_window_lock:
 * @self: the window
 *
 * Closes the open vault and shows the unlock page again. Does nothing while locked.
 */
void
cpv_window_lock (CpvWindow *self)
{
  g_return_if_fail (CPV_IS_WINDOW (self));

  if (self->vault == NULL)
    return;

  set_vault (self, NULL);
  adw_window_title_set_title (self->vault_title, "");
  cpv_unlock_page_reset (self->unlock_page);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");
}

/**
 * cpv_window_show_page:
 * @name: "overview", "activities", "evidence" or "credentials"
 *
 * Shows a page of the open vault (and, when the window is narrow, moves past the sidebar).
 */
void
cpv_window_show_page (CpvWindow  *self,
                      const char *name)
{
  g_return_if_fail (CPV_IS_WINDOW (self));

  if (gtk_stack_get_child_by_name (self->content_stack, name) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->content_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * cpv_window_add_toast:
 * @toast: (transfer full): e.g. "Activity removed" with an Undo button
 */
void
cpv_window_add_toast (CpvWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CPV_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * cpv_window_get_session:
 *
 * Returns: (transfer none) (nullable): the unlocked vault's session
 */
CpvSession *
cpv_window_get_session (CpvWindow *self)
{
  g_return_val_if_fail (CPV_IS_WINDOW (self), NULL);
  return self->session;
}
