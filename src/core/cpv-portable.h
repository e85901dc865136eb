/* cpv-portable.h — the portable XML export of a vault, and its import
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_PORTABLE_ERROR (cpv_portable_error_quark ())

/**
 * CpvPortableError:
 * @CPV_PORTABLE_ERROR_MALFORMED: the file is not well-formed XML (the message names the line)
 * @CPV_PORTABLE_ERROR_INVALID: the file does not follow vault-export.rng, or a value is out of
 *   range (a date that is no calendar day, an activity that ends before it starts …)
 * @CPV_PORTABLE_ERROR_REFERENCE: a reference names no record of the file (credential="c9")
 * @CPV_PORTABLE_ERROR_CONTENT: an evidence file's bytes are not base64, or their size or
 *   SHA-256 differ from what the file declares
 * @CPV_PORTABLE_ERROR_NOT_EMPTY: the vault already holds records and merging was not asked for
 * @CPV_PORTABLE_ERROR_SCHEMA: vault-export.rng cannot be found or read (a broken installation)
 * @CPV_PORTABLE_ERROR_IO: the file cannot be read or written
 */
typedef enum
{
  CPV_PORTABLE_ERROR_MALFORMED,
  CPV_PORTABLE_ERROR_INVALID,
  CPV_PORTABLE_ERROR_REFERENCE,
  CPV_PORTABLE_ERROR_CONTENT,
  CPV_PORTABLE_ERROR_NOT_EMPTY,
  CPV_PORTABLE_ERROR_SCHEMA,
  CPV_PORTABLE_ERROR_IO,
} CpvPortableError;

/**
 * CpvImportFlags:
 * @CPV_IMPORT_NONE: import into an empty vault only
 * @CPV_IMPORT_MERGE: add the file's records to a vault that already holds some; an evidence
 *   file whose content is stored already is linked instead of stored twice
 */
typedef enum
{
  CPV_IMPORT_NONE  = 0,
  CPV_IMPORT_MERGE = 1 << 0,
} CpvImportFlags;

/* What an import (or a check) found in the file. */
typedef struct
{
  guint credentials;
  guint activities;
  guint evidence;            /* evidence elements in the file */
  guint evidence_skipped;    /* of those, already stored in the vault (merge) */
  guint jrca_records;        /* registrations, audit, CPD, work and sector records */
  guint audit_requests;
} CpvImportSummary;

GQuark    cpv_portable_error_quark   (void);

char     *cpv_portable_schema_path   (void);

gboolean  cpv_vault_export           (CpvVault          *vault,
                                      GOutputStream     *stream,
                                      GCancellable      *cancellable,
                                      GError           **error);
gboolean  cpv_portable_check         (GInputStream      *stream,
                                      CpvImportSummary  *summary,
                                      GCancellable      *cancellable,
                                      GError           **error);
gboolean  cpv_vault_import           (CpvVault          *vault,
                                      GFile             *file,
                                      CpvImportFlags     flags,
                                      CpvImportSummary  *summary,
                                      GCancellable      *cancellable,
                                      GError           **error);

G_END_DECLS
