/* cpv-jrca-page.h — the JRCA ISMS auditor workspace: registration, readiness, records, forms
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_JRCA_PAGE (cpv_jrca_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaPage, cpv_jrca_page, CPV, JRCA_PAGE, GtkWidget)

CpvSession *cpv_jrca_page_get_session  (CpvJrcaPage *self);
void        cpv_jrca_page_set_session  (CpvJrcaPage *self,
                                        CpvSession  *session);
/* Writes the forms of @credential_id into @folder in a thread, as "Export Forms…" does after
 * the folder is chosen; the page then says where they went. */
void        cpv_jrca_page_export_forms (CpvJrcaPage *self,
                                        gint64       credential_id,
                                        GFile       *folder);
gboolean    cpv_jrca_page_is_exporting (CpvJrcaPage *self);

G_END_DECLS
