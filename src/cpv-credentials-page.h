/* cpv-credentials-page.h — the credentials you hold and their cycles
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_CREDENTIALS_PAGE (cpv_credentials_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvCredentialsPage, cpv_credentials_page, CPV, CREDENTIALS_PAGE, GtkWidget)

CpvSession *cpv_credentials_page_get_session (CpvCredentialsPage *self);
void        cpv_credentials_page_set_session (CpvCredentialsPage *self,
                                             CpvSession *session);

G_END_DECLS
