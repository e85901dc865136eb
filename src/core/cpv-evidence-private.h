/* cpv-evidence-private.h — what the other core services share of the evidence store
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-evidence.h"

G_BEGIN_DECLS

/* The evidence of every activity ending between @first_end and @last_end (0: no bound), in one
 * query: activity id (gint64 *) -> GPtrArray of CpvEvidence, oldest first, as
 * cpv_vault_list_evidence() returns them. Activities without evidence have no entry. */
GHashTable *_cpv_vault_map_evidence (CpvVault  *vault,
                                     CpvDay     first_end,
                                     CpvDay     last_end,
                                     GError   **error);

/* Opens @file for cpv_vault_attach_evidence(): refuses a missing file, a directory or a file
 * over the size limit before reading it. *@basename (out) is the file's base name, and
 * *@file_meta (out) is @meta (nullable) with the file name defaulting to *@basename. */
GInputStream *_cpv_evidence_open_file           (CpvVault               *vault,
                                                 GFile                  *file,
                                                 const CpvEvidenceMeta  *meta,
                                                 CpvEvidenceMeta        *file_meta,
                                                 char                  **basename,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* The body of cpv_vault_attach_evidence() for a caller that holds the vault's lock and has
 * begun a transaction (_cpv_vault_begin) it goes on writing in (cpv-jrca-evidence.c): stores
 * @stream (or finds the same content stored already: *already_stored), links it to
 * @activity_id when not 0, and neither commits nor emits "changed". Its writes run under a
 * savepoint: on error they are undone, and the caller rolls back its own. */
CpvEvidence  *_cpv_vault_attach_evidence_locked (CpvVault               *vault,
                                                 gint64                  activity_id,
                                                 GInputStream           *stream,
                                                 const CpvEvidenceMeta  *meta,
                                                 gboolean               *already_stored,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

G_END_DECLS
