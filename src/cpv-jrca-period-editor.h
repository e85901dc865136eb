/* cpv-jrca-period-editor.h — add or change a period of work history (form 2B) or of work in
 * a business sector (form 2C)
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

typedef enum
{
  CPV_JRCA_PERIOD_WORK,     /* form 2B, JRCA-HIST-1 */
  CPV_JRCA_PERIOD_SECTOR,   /* form 2C, JRCA-SECTOR-1 */
} CpvJrcaPeriodKind;

#define CPV_TYPE_JRCA_PERIOD_EDITOR (cpv_jrca_period_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpvJrcaPeriodEditor, cpv_jrca_period_editor, CPV, JRCA_PERIOD_EDITOR,
                      AdwWindow)

/* @sectors: (element-type CpvJrcaSector) (nullable): the list of annex 3 for the sector row */
CpvJrcaPeriodEditor *cpv_jrca_period_editor_new         (GtkWindow           *parent,
                                                         CpvSession          *session,
                                                         gint64               credential_id,
                                                         CpvJrcaPeriodKind    kind,
                                                         GPtrArray           *sectors);
/* Change a stored period: the editor opens filled with it and saves it in place. */
CpvJrcaPeriodEditor *cpv_jrca_period_editor_new_for_work (GtkWindow         *parent,
                                                         CpvSession        *session,
                                                         const CpvJrcaWork *work);
CpvJrcaPeriodEditor *cpv_jrca_period_editor_new_for_sector (GtkWindow               *parent,
                                                           CpvSession              *session,
                                                           const CpvJrcaSectorWork *sector_work,
                                                           GPtrArray               *sectors);
const char          *cpv_jrca_period_editor_get_message (CpvJrcaPeriodEditor *self);

G_END_DECLS
