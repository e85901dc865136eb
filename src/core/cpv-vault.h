/* cpv-vault.h — the encrypted vault file
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CPV_VAULT_ERROR (cpv_vault_error_quark ())

/**
 * CpvVaultError:
 * @CPV_VAULT_ERROR_WRONG_PASSPHRASE: the passphrase does not unlock the vault
 * @CPV_VAULT_ERROR_NOT_A_VAULT: the file is not a CPE Vault (empty, random, plain SQLite…)
 * @CPV_VAULT_ERROR_DAMAGED: the vault unlocks but some of its pages are damaged or missing
 * @CPV_VAULT_ERROR_NEWER_SCHEMA: written by a newer version of CPE Vault
 * @CPV_VAULT_ERROR_NEWER_CIPHER: written with a newer SQLCipher format than this build reads
 * @CPV_VAULT_ERROR_IO: the file cannot be read or written (permissions, disk full, read-only)
 * @CPV_VAULT_ERROR_WEAK_PASSPHRASE: a new passphrase is too short
 * @CPV_VAULT_ERROR_EXISTS: a file already exists where a new vault was to be created
 * @CPV_VAULT_ERROR_NOT_FOUND: no file at that path
 * @CPV_VAULT_ERROR_NO_CIPHER: the SQLite library has no encryption (refuse to run)
 * @CPV_VAULT_ERROR_CLOSED: the vault is locked or closed
 * @CPV_VAULT_ERROR_FAILED: anything else
 */
typedef enum
{
  CPV_VAULT_ERROR_WRONG_PASSPHRASE,
  CPV_VAULT_ERROR_NOT_A_VAULT,
  CPV_VAULT_ERROR_DAMAGED,
  CPV_VAULT_ERROR_NEWER_SCHEMA,
  CPV_VAULT_ERROR_NEWER_CIPHER,
  CPV_VAULT_ERROR_IO,
  CPV_VAULT_ERROR_WEAK_PASSPHRASE,
  CPV_VAULT_ERROR_EXISTS,
  CPV_VAULT_ERROR_NOT_FOUND,
  CPV_VAULT_ERROR_NO_CIPHER,
  CPV_VAULT_ERROR_CLOSED,
  CPV_VAULT_ERROR_FAILED,
} CpvVaultError;

/**
 * CpvCipherProfile:
 * @CPV_CIPHER_PROFILE_V3: SQLCipher 3 page format (HMAC-SHA1), page size 4096
 * @CPV_CIPHER_PROFILE_V4: SQLCipher 4 page format (HMAC-SHA512), page size 4096
 */
typedef enum
{
  CPV_CIPHER_PROFILE_V3 = 3,
  CPV_CIPHER_PROFILE_V4 = 4,
} CpvCipherProfile;

/* The shortest passphrase a new vault accepts (in characters). */
#define CPV_PASSPHRASE_MIN_LENGTH 10

/**
 * CpvPassphraseStrength:
 * A hint shown while a person types a new passphrase.
 */
typedef enum
{
  CPV_PASSPHRASE_TOO_SHORT,
  CPV_PASSPHRASE_WEAK,
  CPV_PASSPHRASE_FAIR,
  CPV_PASSPHRASE_STRONG,
} CpvPassphraseStrength;

#define CPV_TYPE_VAULT (cpv_vault_get_type ())
G_DECLARE_FINAL_TYPE (CpvVault, cpv_vault, CPV, VAULT, GObject)

GQuark                 cpv_vault_error_quark              (void);

CpvVault              *cpv_vault_create                   (const char           *path,
                                                           const char           *passphrase,
                                                           GError              **error);
CpvVault              *cpv_vault_open                     (const char           *path,
                                                           const char           *passphrase,
                                                           GError              **error);
void                   cpv_vault_open_async               (const char           *path,
                                                           const char           *passphrase,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CpvVault              *cpv_vault_open_finish              (GAsyncResult         *result,
                                                           GError              **error);
void                   cpv_vault_create_async             (const char           *path,
                                                           const char           *passphrase,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CpvVault              *cpv_vault_create_finish            (GAsyncResult         *result,
                                                           GError              **error);
void                   cpv_vault_close                    (CpvVault             *self);
gboolean               cpv_vault_is_open                  (CpvVault             *self);
const char            *cpv_vault_get_path                 (CpvVault             *self);
CpvCipherProfile       cpv_vault_get_cipher_profile       (CpvVault             *self);
int                    cpv_vault_get_schema_version       (CpvVault             *self);
gboolean               cpv_vault_change_passphrase        (CpvVault             *self,
                                                           const char           *old_passphrase,
                                                           const char           *new_passphrase,
                                                           GError              **error);
gboolean               cpv_vault_check_integrity          (CpvVault             *self,
                                                           GError              **error);
gboolean               cpv_vault_needs_conversion         (CpvVault             *self);
gboolean               cpv_vault_convert_to_native        (CpvVault             *self,
                                                           const char           *passphrase,
                                                           char                **backup_path,
                                                           GError              **error);

CpvPassphraseStrength  cpv_passphrase_strength            (const char           *passphrase);
void                   cpv_passphrase_wipe                (char                 *passphrase);
const char            *cpv_sqlcipher_version              (void);
CpvCipherProfile       cpv_sqlcipher_native_profile       (void);
int                    cpv_vault_current_schema_version   (void);
char                  *cpv_vault_default_path             (void);

G_END_DECLS
