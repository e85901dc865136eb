/* cpv-jrca-audit-editor.h — add or change a JRCA audit record (form 5A)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-jrca.h"
#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_JRCA_AUDIT_EDITOR (cpv_jrca_audit_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaAuditEditor, cpv_jrca_audit_editor, CPV, JRCA_AUDIT_EDITOR, AdwWindow)

CpvJrcaAuditEditor *cpv_jrca_audit_editor_new           (GtkWindow          *parent,
                                                         CpvSession         *session,
                                                         gint64              credential_id,
                                                         const CpvJrcaAudit *audit);
void                cpv_jrca_audit_editor_add_day       (CpvJrcaAuditEditor *self,
                                                         CpvDay              date,
                                                         double              isms_hours);
double              cpv_jrca_audit_editor_get_days      (CpvJrcaAuditEditor *self);
const char         *cpv_jrca_audit_editor_get_days_text (CpvJrcaAuditEditor *self);
const char         *cpv_jrca_audit_editor_get_message   (CpvJrcaAuditEditor *self);

G_END_DECLS
