/* cpv-audits-page.h — audit readiness, audit requests and appeals, partner reconciliation
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_AUDITS_PAGE (cpv_audits_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvAuditsPage, cpv_audits_page, CPV, AUDITS_PAGE, GtkWidget)

CpvSession *cpv_audits_page_get_session (CpvAuditsPage *self);
void        cpv_audits_page_set_session (CpvAuditsPage *self,
                                         CpvSession    *session);
gboolean    cpv_audits_page_get_loading (CpvAuditsPage *self);

G_END_DECLS
