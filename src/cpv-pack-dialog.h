/* cpv-pack-dialog.h — export an evidence pack for an audit or a credential's cycle
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_PACK_DIALOG (cpv_pack_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpvPackDialog, cpv_pack_dialog, CPV, PACK_DIALOG, AdwWindow)

CpvPackDialog *cpv_pack_dialog_new        (GtkWindow     *parent,
                                           CpvSession    *session,
                                           gint64         audit_id,
                                           gint64         credential_id,
                                           int            cycles_back);
void           cpv_pack_dialog_export_to  (CpvPackDialog *self,
                                           GFile         *file);
gboolean       cpv_pack_dialog_get_busy   (CpvPackDialog *self);

G_END_DECLS
