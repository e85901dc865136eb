/* cpv-jrca-files.h — the files that prove one JRCA audit or CPD record
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-evidence-viewer.h"
#include "cpv-jrca-evidence.h"
#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_JRCA_FILES (cpv_jrca_files_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaFiles, cpv_jrca_files, CPV, JRCA_FILES, AdwPreferencesGroup)

void               cpv_jrca_files_set_record     (CpvJrcaFiles      *self,
                                                  CpvSession        *session,
                                                  CpvJrcaRecordKind  record_kind,
                                                  gint64             record_id);
gint64             cpv_jrca_files_get_record_id  (CpvJrcaFiles      *self);
void               cpv_jrca_files_choose_role    (CpvJrcaFiles      *self,
                                                  GListModel        *files);
void               cpv_jrca_files_attach         (CpvJrcaFiles      *self,
                                                  GListModel        *files,
                                                  const char        *role);
gboolean           cpv_jrca_files_remove         (CpvJrcaFiles      *self,
                                                  gint64             evidence_id,
                                                  GError           **error);
CpvEvidenceViewer *cpv_jrca_files_open           (CpvJrcaFiles      *self,
                                                  gint64             evidence_id);
gboolean           cpv_jrca_files_get_busy       (CpvJrcaFiles      *self);
guint              cpv_jrca_files_get_n_files    (CpvJrcaFiles      *self);
const char        *cpv_jrca_files_get_role       (CpvJrcaFiles      *self,
                                                  gint64             evidence_id);
const char        *cpv_jrca_files_get_message    (CpvJrcaFiles      *self);

G_END_DECLS
