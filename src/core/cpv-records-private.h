/* cpv-records-private.h — what the record stores share
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-records.h"

G_BEGIN_DECLS

/* Sets CPV_RECORDS_ERROR_NOT_FOUND for @what (an N_() noun such as "credential"). */
gboolean _cpv_records_not_found    (GError     **error,
                                    const char  *what,
                                    gint64       id);
/* Called with the vault locked: runs @sql (a SELECT) with one bound id; NOT_FOUND (@what)
 * when it returns no row, a SQL error while @doing (N_()) when it fails. */
gboolean _cpv_records_row_exists   (CpvVault    *vault,
                                    const char  *sql,
                                    gint64       id,
                                    const char  *what,
                                    const char  *doing,
                                    GError     **error);
/* Runs @sql with one bound id (a DELETE); NOT_FOUND when no row changed; emits "changed"
 * with @changed_detail after success. */
gboolean _cpv_records_delete_by_id (CpvVault    *vault,
                                    const char  *sql,
                                    gint64       id,
                                    const char  *what,
                                    const char  *changed_detail,
                                    GError     **error);

G_END_DECLS
