/* cpv-overview-page.h — progress, deadlines and findings of every credential held
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_OVERVIEW_PAGE (cpv_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvOverviewPage, cpv_overview_page, CPV, OVERVIEW_PAGE, GtkWidget)

CpvSession *cpv_overview_page_get_session (CpvOverviewPage *self);
void        cpv_overview_page_set_session (CpvOverviewPage *self,
                                          CpvSession *session);

G_END_DECLS
