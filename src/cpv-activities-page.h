/* cpv-activities-page.h — every activity, with its credits and evidence
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-activity-editor.h"
#include "cpv-session.h"

G_BEGIN_DECLS

#define CPV_TYPE_ACTIVITIES_PAGE (cpv_activities_page_get_type ())
G_DECLARE_FINAL_TYPE (CpvActivitiesPage, cpv_activities_page, CPV, ACTIVITIES_PAGE, GtkWidget)

CpvSession        *cpv_activities_page_get_session     (CpvActivitiesPage *self);
void               cpv_activities_page_set_session     (CpvActivitiesPage *self,
                                                        CpvSession        *session);
CpvActivityEditor *cpv_activities_page_edit_activity   (CpvActivitiesPage *self,
                                                        gint64             activity_id);
CpvActivityEditor *cpv_activities_page_get_editor      (CpvActivitiesPage *self);
GListModel        *cpv_activities_page_get_shown       (CpvActivitiesPage *self);
void               cpv_activities_page_delete          (CpvActivitiesPage *self,
                                                        const gint64      *activity_ids,
                                                        guint              n_ids);
void               cpv_activities_page_attach_files    (CpvActivitiesPage *self,
                                                        gint64             activity_id,
                                                        GListModel        *files);
gboolean           cpv_activities_page_get_busy        (CpvActivitiesPage *self);

G_END_DECLS
