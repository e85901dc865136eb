/* cpv-credential-card.h — one credential's progress on the overview
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-status.h"

G_BEGIN_DECLS

#define CPV_TYPE_CREDENTIAL_CARD (cpv_credential_card_get_type ())
G_DECLARE_FINAL_TYPE (CpvCredentialCard, cpv_credential_card, CPV, CREDENTIAL_CARD, GtkWidget)

GtkWidget  *cpv_credential_card_new               (const CpvCredentialStatus *status,
                                                   CpvDay                     on,
                                                   const char                *name);
gint64      cpv_credential_card_get_credential_id (CpvCredentialCard         *self);
const char *cpv_credential_card_get_figure        (CpvCredentialCard         *self,
                                                   const char                *kind,
                                                   int                        year);

G_END_DECLS
