/* cpv-preferences.c — auto-lock, evidence size limit, export file names
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-preferences"

#include "config.h"

#include "cpv-preferences.h"

#include <glib/gi18n.h>

/* Every row is bound to a GSettings key; whoever uses a key listens to its changes (the
 * auto-lock timer, the evidence page that applies the size limit to the open vault). */

struct _CpvPreferences
{
  AdwPreferencesWindow  parent_instance;

  GtkAdjustment        *auto_lock_adjustment;
  GtkAdjustment        *size_limit_adjustment;
  AdwActionRow         *auto_lock_row;
  AdwActionRow         *size_limit_row;
  AdwComboRow          *name_pattern_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CpvPreferences, cpv_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions, in the order of its model. */
static const char * const name_patterns[] = { "council", "ascii", NULL };

static gboolean
pattern_to_position (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *pattern = g_variant_get_string (variant, NULL);

  for (guint i = 0; name_patterns[i] != NULL; i++)
    if (g_strcmp0 (pattern, name_patterns[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_pattern (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) name_patterns))
    return NULL;
  return g_variant_new_string (name_patterns[position]);
}

static void
cpv_preferences_dispose (GObject *object)
{
  CpvPreferences *self = CPV_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cpv_preferences_parent_class)->dispose (object);
}

static void
cpv_preferences_class_init (CpvPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvPreferences, auto_lock_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CpvPreferences, size_limit_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CpvPreferences, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPreferences, size_limit_row);
  gtk_widget_class_bind_template_child (widget_class, CpvPreferences, name_pattern_row);
}

static void
cpv_preferences_init (CpvPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cpv_preferences_new:
 * @parent: (nullable): the window the preferences belong to
 * @settings: (nullable): the app's settings; %NULL (no schema installed) shows the rows
 *   insensitive
 *
 * Returns: (transfer floating): the preferences window
 */
CpvPreferences *
cpv_preferences_new (GtkWindow *parent,
                     GSettings *settings)
{
  CpvPreferences *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CPV_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                      : NULL,
                       NULL);
  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->auto_lock_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->size_limit_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_pattern_row), FALSE);
      return self;
    }

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "auto-lock-minutes", self->auto_lock_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "evidence-size-limit-mb", self->size_limit_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "export-name-pattern", self->name_pattern_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                pattern_to_position, position_to_pattern, NULL, NULL);
  return self;
}
