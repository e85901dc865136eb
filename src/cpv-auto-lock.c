/* cpv-auto-lock.c — locks every open vault after idle time or when the screen saver starts
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-auto-lock"

#include "config.h"

#include "cpv-auto-lock.h"

#include "cpv-window.h"

/* Watches input in every window of the application (key presses, clicks, scrolling, touch
 * and real pointer movement, seen in the capture phase so that no widget can swallow them).
 * After the idle time from the auto-lock-minutes setting without any, or as soon as the
 * session's screen saver becomes active (GtkApplication:screensaver-active, which needs
 * register-session), every window runs win.lock. One timeout is armed at a time, and only
 * while there is something to lock: no periodic wake-ups while idle and locked. */

struct _CpvAutoLock
{
  GObject         parent_instance;

  GtkApplication *application;   /* weak: the application owns this object */
  GSettings      *settings;
  guint           override_ms;   /* tests: a tiny idle time instead of the setting */
  gint64          last_activity; /* monotonic µs */
  guint           timeout_id;
  double          pointer_x;
  double          pointer_y;
};

G_DEFINE_FINAL_TYPE (CpvAutoLock, cpv_auto_lock, G_TYPE_OBJECT)

static gboolean
any_vault_open (CpvAutoLock *self)
{
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (CPV_IS_WINDOW (l->data) && cpv_window_get_vault (CPV_WINDOW (l->data)) != NULL)
      return TRUE;
  return FALSE;
}

static void arm (CpvAutoLock *self);

static gboolean
idle_timeout_cb (gpointer user_data)
{
  CpvAutoLock *self = CPV_AUTO_LOCK (user_data);
  guint timeout_ms = cpv_auto_lock_get_idle_timeout_ms (self);
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->timeout_id = 0;
  if (timeout_ms == 0)
    return G_SOURCE_REMOVE;
  if (idle_ms >= timeout_ms)
    {
      g_debug ("No input for %" G_GINT64_FORMAT " ms: locking", idle_ms);
      cpv_auto_lock_lock_all (self);
    }
  else
    arm (self);
  return G_SOURCE_REMOVE;
}

/* Schedules the check for when the idle time would run out. */
static void
arm (CpvAutoLock *self)
{
  guint timeout_ms = cpv_auto_lock_get_idle_timeout_ms (self);
  gint64 idle_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (timeout_ms == 0 || !any_vault_open (self))
    return;
  idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;
  self->timeout_id = g_timeout_add (idle_ms >= timeout_ms ? 0 : (guint) (timeout_ms - idle_ms),
                                    idle_timeout_cb, self);
}

static void
activity (CpvAutoLock *self)
{
  self->last_activity = g_get_monotonic_time ();
  /* The armed timeout re-checks the time when it fires; no need to move it on every event. */
  if (self->timeout_id == 0)
    arm (self);
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          CpvAutoLock              *self)
{
  double x, y;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
      /* Synthetic motion after a layout change keeps the position: not a person. */
      if (gdk_event_get_position (event, &x, &y)
          && !(G_APPROX_VALUE (x, self->pointer_x, 0.5)
               && G_APPROX_VALUE (y, self->pointer_y, 0.5)))
        {
          self->pointer_x = x;
          self->pointer_y = y;
          activity (self);
        }
      break;
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      activity (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
window_vault_changed_cb (CpvAutoLock *self)
{
  /* Unlocking counts as activity and starts the idle time. */
  activity (self);
  arm (self);
}

static void
window_added_cb (CpvAutoLock    *self,
                 GtkWindow      *window,
                 GtkApplication *application)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "cpv-auto-lock");
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  if (CPV_IS_WINDOW (window))
    g_signal_connect_object (window, "notify::vault", G_CALLBACK (window_vault_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
screensaver_changed_cb (CpvAutoLock *self)
{
  gboolean active = FALSE;

  g_object_get (self->application, "screensaver-active", &active, NULL);
  if (active)
    {
      g_debug ("The screen saver started: locking");
      cpv_auto_lock_lock_all (self);
    }
}

static void
setting_changed_cb (CpvAutoLock *self)
{
  arm (self);
}

static void
cpv_auto_lock_dispose (GObject *object)
{
  CpvAutoLock *self = CPV_AUTO_LOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (cpv_auto_lock_parent_class)->dispose (object);
}

static void
cpv_auto_lock_class_init (CpvAutoLockClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cpv_auto_lock_dispose;
}

static void
cpv_auto_lock_init (CpvAutoLock *self)
{
  self->last_activity = g_get_monotonic_time ();
  self->pointer_x = self->pointer_y = -1;
}

/**
 * cpv_auto_lock_new:
 * @application: the application whose windows are watched (set register-session on it for
 *   the screen saver to be reported)
 * @settings: (nullable): the app's settings, for auto-lock-minutes (default 5 without)
 *
 * Returns: (transfer full): the watcher; keep it as long as the application
 */
CpvAutoLock *
cpv_auto_lock_new (GtkApplication *application,
                   GSettings      *settings)
{
  CpvAutoLock *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CPV_TYPE_AUTO_LOCK, NULL);
  g_set_weak_pointer (&self->application, application);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::auto-lock-minutes",
                               G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (application, "window-added", G_CALLBACK (window_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::screensaver-active",
                           G_CALLBACK (screensaver_changed_cb), self, G_CONNECT_SWAPPED);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    window_added_cb (self, l->data, application);
  return self;
}

/**
 * cpv_auto_lock_get_idle_timeout_ms:
 *
 * Returns: the idle time after which vaults lock, in milliseconds; 0 when they never lock on
 *   idle
 */
guint
cpv_auto_lock_get_idle_timeout_ms (CpvAutoLock *self)
{
  g_return_val_if_fail (CPV_IS_AUTO_LOCK (self), 0);

  if (self->override_ms > 0)
    return self->override_ms;
  if (self->settings == NULL)
    return 5 * 60 * 1000;
  return g_settings_get_uint (self->settings, "auto-lock-minutes") * 60 * 1000;
}

/**
 * cpv_auto_lock_set_idle_timeout_ms:
 * @timeout_ms: an idle time that replaces the setting, or 0 to follow the setting again
 *
 * For tests, which cannot wait a minute.
 */
void
cpv_auto_lock_set_idle_timeout_ms (CpvAutoLock *self,
                                   guint        timeout_ms)
{
  g_return_if_fail (CPV_IS_AUTO_LOCK (self));

  self->override_ms = timeout_ms;
  arm (self);
}

/**
 * cpv_auto_lock_lock_all:
 *
 * Runs win.lock in every window with an open vault.
 */
void
cpv_auto_lock_lock_all (CpvAutoLock *self)
{
  g_autoptr(GList) windows = NULL;

  g_return_if_fail (CPV_IS_AUTO_LOCK (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->application == NULL)
    return;
  windows = g_list_copy (gtk_application_get_windows (self->application));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CPV_IS_WINDOW (l->data) && cpv_window_get_vault (CPV_WINDOW (l->data)) != NULL)
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.lock", NULL);
}
