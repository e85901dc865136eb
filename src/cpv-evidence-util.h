/* cpv-evidence-util.h — how evidence items look: labels, TLP chips, in-memory previews
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <poppler.h>

#include "cpv-evidence.h"

G_BEGIN_DECLS

/* Longest side of a grid thumbnail, in pixels. */
#define CPV_EVIDENCE_THUMBNAIL_SIZE 256

gboolean     cpv_evidence_media_is_pdf        (const char   *media_type);
gboolean     cpv_evidence_media_is_image      (const char   *media_type);
/* cpv_evidence_kind_label() is in the core (cpv-evidence.h): one table for every caller. */
const char  *cpv_evidence_tlp_label           (const char   *tlp);
const char  *cpv_evidence_tlp_css_class       (const char   *tlp);
char        *cpv_evidence_language_label      (const char   *language);
const char  *cpv_evidence_icon_name           (const char   *media_type);
CpvEvidence *cpv_evidence_copy                (CpvEvidence  *evidence);
void         cpv_evidence_add_mark_chips      (AdwActionRow *row,
                                               CpvEvidence  *evidence);

/* Thread-safe: these run in GTask threads and never touch the disk. */
GdkTexture  *cpv_evidence_render_pdf_page     (PopplerPage  *page,
                                               double        scale);
GdkTexture  *cpv_evidence_render_thumbnail    (GBytes       *content,
                                               const char   *media_type,
                                               int           max_size,
                                               GError      **error);
void         cpv_evidence_wipe_bytes          (GBytes       *content);

G_END_DECLS
