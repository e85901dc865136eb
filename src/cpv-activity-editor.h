/* cpv-activity-editor.h — the form that adds or edits one activity
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_ACTIVITY_EDITOR (cpv_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpvActivityEditor, cpv_activity_editor, CPV, ACTIVITY_EDITOR, AdwWindow)

CpvActivityEditor *cpv_activity_editor_new             (CpvSession        *session,
                                                        gint64             activity_id);
gint64             cpv_activity_editor_get_activity_id (CpvActivityEditor *self);
void               cpv_activity_editor_attach_files    (CpvActivityEditor *self,
                                                        GListModel        *files);
gboolean           cpv_activity_editor_get_busy        (CpvActivityEditor *self);
gboolean           cpv_activity_editor_save            (CpvActivityEditor *self);

G_END_DECLS
