/* cpv-jrca-cpd-editor.h — add or change a JRCA CPD record (forms 4A and 4B)
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

#define CPV_TYPE_JRCA_CPD_EDITOR (cpv_jrca_cpd_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaCpdEditor, cpv_jrca_cpd_editor, CPV, JRCA_CPD_EDITOR, AdwWindow)

CpvJrcaCpdEditor *cpv_jrca_cpd_editor_new             (GtkWindow        *parent,
                                                       CpvSession       *session,
                                                       gint64            credential_id,
                                                       const CpvJrcaCpd *cpd);
/* The form 4B problems shown now (element-type CpvCpdLintProblem), in the order shown. */
GArray           *cpv_jrca_cpd_editor_get_problems    (CpvJrcaCpdEditor *self);
const char       *cpv_jrca_cpd_editor_get_message     (CpvJrcaCpdEditor *self);

G_END_DECLS
