/* cpv-snapshot.h — read the records of a vault into a snapshot for the status engine
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-status.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

CpvSnapshot *cpv_vault_load_snapshot  (CpvVault            *vault,
                                       GError             **error);
CpvStatus   *cpv_vault_compute_status (CpvVault            *vault,
                                       CpvProgramRegistry  *registry,
                                       CpvDay               on,
                                       GError             **error);

G_END_DECLS
