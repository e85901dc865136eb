/* cpv-passphrase-dialog.h — changes the open vault's passphrase
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_TYPE_PASSPHRASE_DIALOG (cpv_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpvPassphraseDialog, cpv_passphrase_dialog, CPV, PASSPHRASE_DIALOG,
                      AdwWindow)

CpvPassphraseDialog *cpv_passphrase_dialog_new      (GtkWindow           *parent,
                                                     CpvVault            *vault);
gboolean             cpv_passphrase_dialog_get_busy (CpvPassphraseDialog *self);

G_END_DECLS
