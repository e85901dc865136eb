/* cpv-evidence-viewer.h — one evidence item: preview, marks, "Save a Copy…"
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-evidence.h"
#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_EVIDENCE_VIEWER (cpv_evidence_viewer_get_type ())
G_DECLARE_FINAL_TYPE (CpvEvidenceViewer, cpv_evidence_viewer, CPV, EVIDENCE_VIEWER, AdwWindow)

CpvEvidenceViewer *cpv_evidence_viewer_new              (CpvSession         *session,
                                                         CpvEvidence        *evidence);
CpvEvidence       *cpv_evidence_viewer_get_evidence     (CpvEvidenceViewer  *self);
gboolean           cpv_evidence_viewer_get_busy         (CpvEvidenceViewer  *self);
guint              cpv_evidence_viewer_get_n_pages      (CpvEvidenceViewer  *self);
guint              cpv_evidence_viewer_get_page         (CpvEvidenceViewer  *self);
void               cpv_evidence_viewer_set_page         (CpvEvidenceViewer  *self,
                                                         guint               page);
double             cpv_evidence_viewer_get_zoom         (CpvEvidenceViewer  *self);
void               cpv_evidence_viewer_set_zoom         (CpvEvidenceViewer  *self,
                                                         double              zoom);
GdkTexture        *cpv_evidence_viewer_get_texture      (CpvEvidenceViewer  *self);
gboolean           cpv_evidence_viewer_set_translation_of (CpvEvidenceViewer *self,
                                                         gint64              original_id,
                                                         GError            **error);
void               cpv_evidence_viewer_save_copy_async  (CpvEvidenceViewer  *self,
                                                         GFile              *file,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           cpv_evidence_viewer_save_copy_finish (CpvEvidenceViewer  *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
