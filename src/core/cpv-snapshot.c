/* cpv-snapshot.c — read the records of a vault into a snapshot for the status engine
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-snapshot"

#include "config.h"

#include "cpv-snapshot.h"

#include "cpv-audit.h"

#include "cpv-jrca-store.h"
#include "cpv-records.h"
#include "cpv-vault-private.h"

/**
 * cpv_vault_load_snapshot:
 * @vault: an open vault
 * @error: return location for a #GError
 *
 * Reads every credential, every activity (with its credit lines) and the JRCA records of each
 * credential in one read transaction, so that the status engine sees the vault at one moment.
 * The engine itself stays pure: this is the only place where a status touches the vault.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
CpvSnapshot *
cpv_vault_load_snapshot (CpvVault  *vault,
                         GError   **error)
{
  g_autoptr(CpvSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  /* A read transaction: no other connection's commit lands between the lists. */
  if (!_cpv_vault_begin (vault, error))
    goto out;

  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    goto fail;
  activities = cpv_vault_list_activities (vault, error);
  if (activities == NULL)
    goto fail;

  snapshot = cpv_snapshot_new ();
  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCredential *credential = credentials->pdata[i];
      CpvJrcaData *jrca;

      cpv_snapshot_add_credential (snapshot, credential);
      jrca = cpv_vault_load_jrca_data (vault, credential->id, error);
      if (jrca == NULL)
        goto fail;
      cpv_snapshot_add_jrca_data (snapshot, jrca);
    }
  for (guint i = 0; i < activities->len; i++)
    cpv_snapshot_add_activity (snapshot, activities->pdata[i]);

  ok = _cpv_vault_commit (vault, error);
  goto out;

fail:
  _cpv_vault_rollback (vault);
out:
  _cpv_vault_unlock (vault);
  if (!ok)
    return NULL;
  return g_steal_pointer (&snapshot);
}

/**
 * cpv_vault_compute_status:
 * @on: the day to compute for
 *
 * The status the CLI prints and the app shows, computed in one place: a snapshot of the
 * records through the pure engine, then the deadlines and findings of audit requests and
 * partner reconciliation, which live in the vault (ISC2-AUDIT-1, ISC2-APPEAL-1,
 * ISC2-PARTNER-1).
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
CpvStatus *
cpv_vault_compute_status (CpvVault            *vault,
                          CpvProgramRegistry  *registry,
                          CpvDay               on,
                          GError             **error)
{
  g_autoptr(CpvSnapshot) snapshot = NULL;
  g_autoptr(CpvStatus) status = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (registry), NULL);

  snapshot = cpv_vault_load_snapshot (vault, error);
  if (snapshot == NULL)
    return NULL;
  status = cpv_status_compute (registry, snapshot, on);
  if (!cpv_audit_add_to_status (vault, registry, status, error))
    return NULL;
  return g_steal_pointer (&status);
}
