/* cpv-application.h — the application: windows, settings, recent vaults
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-auto-lock.h"

G_BEGIN_DECLS

#define CPV_TYPE_APPLICATION (cpv_application_get_type ())
G_DECLARE_FINAL_TYPE (CpvApplication, cpv_application, CPV, APPLICATION, AdwApplication)

CpvApplication *cpv_application_new                (void);
GSettings      *cpv_application_get_settings       (CpvApplication *self);
GListModel     *cpv_application_get_recent_vaults  (CpvApplication *self);
void            cpv_application_remember_vault     (CpvApplication *self,
                                                    const char     *path);
CpvAutoLock    *cpv_application_get_auto_lock      (CpvApplication *self);

G_END_DECLS
