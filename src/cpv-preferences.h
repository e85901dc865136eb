/* cpv-preferences.h — auto-lock, evidence size limit, export file names
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CPV_TYPE_PREFERENCES (cpv_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CpvPreferences, cpv_preferences, CPV, PREFERENCES, AdwPreferencesWindow)

CpvPreferences *cpv_preferences_new (GtkWindow *parent,
                                     GSettings *settings);

G_END_DECLS
