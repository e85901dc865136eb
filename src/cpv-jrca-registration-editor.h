/* cpv-jrca-registration-editor.h — enter or change the JRCA registration of a credential
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

#define CPV_TYPE_JRCA_REGISTRATION_EDITOR (cpv_jrca_registration_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaRegistrationEditor, cpv_jrca_registration_editor, CPV,
                      JRCA_REGISTRATION_EDITOR, AdwWindow)

CpvJrcaRegistrationEditor *cpv_jrca_registration_editor_new (GtkWindow                 *parent,
                                                             CpvSession                *session,
                                                             gint64                     credential_id,
                                                             const CpvJrcaRegistration *registration);
const char *cpv_jrca_registration_editor_get_message (CpvJrcaRegistrationEditor *self);

G_END_DECLS
