/* cpv-jrca-store.h — JRCA registrations, audit records and CPD records in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-jrca.h"
#include "cpv-records.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

/* Errors are in CPV_RECORDS_ERROR (INVALID names the field, NOT_FOUND the record) or
 * CPV_VAULT_ERROR (the vault is locked, the disk is full …). Every write is one transaction and
 * emits the vault's "changed" signal with detail "jrca". */

gboolean             cpv_jrca_registration_validate       (const CpvJrcaRegistration *registration,
                                                           GError                   **error);
gboolean             cpv_jrca_audit_validate              (const CpvJrcaAudit        *audit,
                                                           GError                   **error);
gboolean             cpv_jrca_cpd_validate                (const CpvJrcaCpd          *cpd,
                                                           GError                   **error);

/* One registration per credential: adding a second one is refused (update it instead). */
gint64               cpv_vault_add_jrca_registration      (CpvVault                  *vault,
                                                           CpvJrcaRegistration       *registration,
                                                           GError                   **error);
gboolean             cpv_vault_update_jrca_registration   (CpvVault                  *vault,
                                                           const CpvJrcaRegistration *registration,
                                                           GError                   **error);
/* NULL with CPV_RECORDS_ERROR_NOT_FOUND when the credential has no registration. */
CpvJrcaRegistration *cpv_vault_get_jrca_registration      (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);
gboolean             cpv_vault_remove_jrca_registration   (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);

gint64               cpv_vault_add_jrca_audit             (CpvVault                  *vault,
                                                           CpvJrcaAudit              *audit,
                                                           GError                   **error);
gboolean             cpv_vault_update_jrca_audit          (CpvVault                  *vault,
                                                           const CpvJrcaAudit        *audit,
                                                           GError                   **error);
CpvJrcaAudit        *cpv_vault_get_jrca_audit             (CpvVault                  *vault,
                                                           gint64                     audit_id,
                                                           GError                   **error);
gboolean             cpv_vault_remove_jrca_audit          (CpvVault                  *vault,
                                                           gint64                     audit_id,
                                                           GError                   **error);
/* (element-type CpvJrcaAudit): oldest first (on-site start, then id), as forms 5C/5D list. */
GPtrArray           *cpv_vault_list_jrca_audits           (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);

gint64               cpv_vault_add_jrca_cpd               (CpvVault                  *vault,
                                                           CpvJrcaCpd                *cpd,
                                                           GError                   **error);
gboolean             cpv_vault_update_jrca_cpd            (CpvVault                  *vault,
                                                           const CpvJrcaCpd          *cpd,
                                                           GError                   **error);
CpvJrcaCpd          *cpv_vault_get_jrca_cpd               (CpvVault                  *vault,
                                                           gint64                     cpd_id,
                                                           GError                   **error);
gboolean             cpv_vault_remove_jrca_cpd            (CpvVault                  *vault,
                                                           gint64                     cpd_id,
                                                           GError                   **error);
/* (element-type CpvJrcaCpd): oldest first. */
GPtrArray           *cpv_vault_list_jrca_cpd              (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);

/* Work history (form 2B, JRCA-HIST-1) and business-sector periods (form 2C, JRCA-SECTOR-1). */
gboolean             cpv_jrca_work_validate               (const CpvJrcaWork         *work,
                                                           GError                   **error);
gboolean             cpv_jrca_sector_work_validate        (const CpvJrcaSectorWork   *sector_work,
                                                           GError                   **error);
gint64               cpv_vault_add_jrca_work              (CpvVault                  *vault,
                                                           CpvJrcaWork               *work,
                                                           GError                   **error);
gboolean             cpv_vault_update_jrca_work           (CpvVault                  *vault,
                                                           const CpvJrcaWork         *work,
                                                           GError                   **error);
CpvJrcaWork         *cpv_vault_get_jrca_work              (CpvVault                  *vault,
                                                           gint64                     work_id,
                                                           GError                   **error);
gboolean             cpv_vault_remove_jrca_work           (CpvVault                  *vault,
                                                           gint64                     work_id,
                                                           GError                   **error);
/* (element-type CpvJrcaWork): newest first, as form 2B lists. */
GPtrArray           *cpv_vault_list_jrca_work             (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);
gint64               cpv_vault_add_jrca_sector_work       (CpvVault                  *vault,
                                                           CpvJrcaSectorWork         *sector_work,
                                                           GError                   **error);
gboolean             cpv_vault_update_jrca_sector_work    (CpvVault                  *vault,
                                                           const CpvJrcaSectorWork   *sector_work,
                                                           GError                   **error);
CpvJrcaSectorWork   *cpv_vault_get_jrca_sector_work       (CpvVault                  *vault,
                                                           gint64                     sector_work_id,
                                                           GError                   **error);
gboolean             cpv_vault_remove_jrca_sector_work    (CpvVault                  *vault,
                                                           gint64                     sector_work_id,
                                                           GError                   **error);
/* (element-type CpvJrcaSectorWork): by sector, then oldest first. */
GPtrArray           *cpv_vault_list_jrca_sector_work      (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);

/**
 * cpv_vault_load_jrca_data:
 *
 * Reads the registration (NULL in the result when there is none), the audit records, the
 * CPD records, the work history and the sector periods of @credential_id in one read
 * transaction, for cpv_jrca_evaluate() and the forms.
 *
 * Returns: (transfer full): the data, or NULL with @error set (NOT_FOUND: no such credential)
 */
CpvJrcaData         *cpv_vault_load_jrca_data             (CpvVault                  *vault,
                                                           gint64                     credential_id,
                                                           GError                   **error);

G_END_DECLS
