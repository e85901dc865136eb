/* cpv-credential-dialog.h — add a credential held, or change its cycle dates
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_CREDENTIAL_DIALOG (cpv_credential_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpvCredentialDialog, cpv_credential_dialog, CPV, CREDENTIAL_DIALOG, AdwWindow)

CpvCredentialDialog *cpv_credential_dialog_new        (GtkWindow           *parent,
                                                       CpvSession          *session,
                                                       CpvCredential       *credential);
gboolean             cpv_credential_dialog_get_valid  (CpvCredentialDialog *self);
const char          *cpv_credential_dialog_get_message (CpvCredentialDialog *self);
gboolean             cpv_credential_dialog_select     (CpvCredentialDialog *self,
                                                       const char          *program_id,
                                                       const char          *code);

G_END_DECLS
