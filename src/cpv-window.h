/* cpv-window.h — the main window: unlock page, then the open vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-application.h"
#include "cpv-session.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_TYPE_WINDOW (cpv_window_get_type ())
G_DECLARE_FINAL_TYPE (CpvWindow, cpv_window, CPV, WINDOW, AdwApplicationWindow)

CpvWindow  *cpv_window_new             (CpvApplication *application,
                                        const char     *vault_path);
const char *cpv_window_get_vault_path  (CpvWindow      *self);
CpvVault   *cpv_window_get_vault       (CpvWindow      *self);
void        cpv_window_lock            (CpvWindow      *self);
CpvSession *cpv_window_get_session     (CpvWindow      *self);
void        cpv_window_show_page       (CpvWindow      *self,
                                        const char     *name);
void        cpv_window_add_toast       (CpvWindow      *self,
                                        AdwToast       *toast);

G_END_DECLS
