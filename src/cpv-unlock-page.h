/* cpv-unlock-page.h — asks for the passphrase that unlocks or creates a vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_TYPE_UNLOCK_PAGE (cpv_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvUnlockPage, cpv_unlock_page, CPV, UNLOCK_PAGE, GtkWidget)

GtkWidget  *cpv_unlock_page_new                (void);
const char *cpv_unlock_page_get_path           (CpvUnlockPage *self);
void        cpv_unlock_page_set_path           (CpvUnlockPage *self,
                                                const char    *path);
void        cpv_unlock_page_set_create_path    (CpvUnlockPage *self,
                                                const char    *path);
gboolean    cpv_unlock_page_get_create_mode    (CpvUnlockPage *self);
gboolean    cpv_unlock_page_get_busy           (CpvUnlockPage *self);
void        cpv_unlock_page_set_recent_vaults  (CpvUnlockPage *self,
                                                GListModel    *paths);
void        cpv_unlock_page_reset              (CpvUnlockPage *self);

G_END_DECLS
