/* cpv-retention-dialog.h — records past retention, and purging them on request
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_RETENTION_DIALOG (cpv_retention_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpvRetentionDialog, cpv_retention_dialog, CPV, RETENTION_DIALOG, AdwWindow)

CpvRetentionDialog *cpv_retention_dialog_new      (GtkWindow          *parent,
                                                   CpvSession         *session);
gboolean            cpv_retention_dialog_get_busy (CpvRetentionDialog *self);

G_END_DECLS
