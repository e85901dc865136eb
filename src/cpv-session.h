/* cpv-session.h — what the window knows while a vault is unlocked
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cpv-program.h"
#include "cpv-status.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_TYPE_SESSION (cpv_session_get_type ())
G_DECLARE_FINAL_TYPE (CpvSession, cpv_session, CPV, SESSION, GObject)

CpvSession         *cpv_session_new              (CpvVault           *vault,
                                                  CpvProgramRegistry *registry);
CpvVault           *cpv_session_get_vault        (CpvSession         *self);
CpvProgramRegistry *cpv_session_get_registry     (CpvSession         *self);
GListModel         *cpv_session_get_credentials  (CpvSession         *self);
GListModel         *cpv_session_get_activities   (CpvSession         *self);
GListModel         *cpv_session_get_evidence     (CpvSession         *self);
CpvStatus          *cpv_session_get_status       (CpvSession         *self);
CpvActivity        *cpv_session_find_activity    (CpvSession         *self,
                                                  gint64              activity_id);
CpvCredential      *cpv_session_find_credential  (CpvSession         *self,
                                                  gint64              credential_id);
void                cpv_session_reload           (CpvSession         *self);
void                cpv_session_close            (CpvSession         *self);

G_END_DECLS
