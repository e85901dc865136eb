/* cpv-audit-dialog.h — record an audit request: credential, date received, selected activities
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_AUDIT_DIALOG (cpv_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpvAuditDialog, cpv_audit_dialog, CPV, AUDIT_DIALOG, AdwWindow)

CpvAuditDialog *cpv_audit_dialog_new         (GtkWindow      *parent,
                                              CpvSession     *session);
gint64          cpv_audit_dialog_get_saved_id (CpvAuditDialog *self);

G_END_DECLS
