/* cpv-evidence-page.h — certificates, attendance records and other proof
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-evidence.h"
#include "cpv-evidence-viewer.h"
#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_EVIDENCE_PAGE (cpv_evidence_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvEvidencePage, cpv_evidence_page, CPV, EVIDENCE_PAGE, GtkWidget)

CpvSession        *cpv_evidence_page_get_session       (CpvEvidencePage *self);
void               cpv_evidence_page_set_session       (CpvEvidencePage *self,
                                                        CpvSession      *session);
CpvEvidenceViewer *cpv_evidence_page_open_viewer       (CpvEvidencePage *self,
                                                        CpvEvidence     *evidence);
GdkTexture        *cpv_evidence_page_lookup_thumbnail  (CpvEvidencePage *self,
                                                        const char      *sha256);
guint              cpv_evidence_page_get_n_thumbnails  (CpvEvidencePage *self);
guint              cpv_evidence_page_get_n_pending     (CpvEvidencePage *self);

G_END_DECLS
