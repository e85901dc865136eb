/* cpv-pack.h — the evidence pack: a ZIP for an auditor, streamed from the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-jrca.h"
#include "cpv-program.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_PACK_ERROR (cpv_pack_error_quark ())

/**
 * CpvPackError:
 * @CPV_PACK_ERROR_INVALID: the options do not fit (no subject, an evidence id to include that
 *   is not part of the pack …)
 * @CPV_PACK_ERROR_NOT_FOUND: no such audit request or credential
 * @CPV_PACK_ERROR_IO: the pack cannot be written or read
 * @CPV_PACK_ERROR_PASSPHRASE: the pack is encrypted and the passphrase is missing or wrong
 * @CPV_PACK_ERROR_MISMATCH: verification found files that differ from the manifest
 * @CPV_PACK_ERROR_DAMAGED: the pack (or an evidence item in the vault) is damaged
 * @CPV_PACK_ERROR_CANCELLED: the operation was cancelled; nothing was written
 */
typedef enum
{
  CPV_PACK_ERROR_INVALID,
  CPV_PACK_ERROR_NOT_FOUND,
  CPV_PACK_ERROR_IO,
  CPV_PACK_ERROR_PASSPHRASE,
  CPV_PACK_ERROR_MISMATCH,
  CPV_PACK_ERROR_DAMAGED,
  CPV_PACK_ERROR_CANCELLED,
} CpvPackError;

/**
 * CpvPackNames:
 * @CPV_PACK_NAMES_COUNCIL: `yymmdd_<title>（<organisation>）.ext` (COUNCIL-NAME-1); JRCA packs
 *   `様式5D_有効な審査実績の一覧.pdf`, `様式5A_03_<organisation>.pdf`,
 *   `evidence/5D-03_審査スケジュール_<file name>`, `evidence/4A-02_修了証_<file name>`
 * @CPV_PACK_NAMES_ASCII: `yymmdd_a<activity>_<ascii-title>_<kind>.ext`; JRCA packs
 *   `form-5d.pdf`, `form-5a-03.pdf`, `evidence/5d-03_schedule_<ascii name>` …
 */
typedef enum
{
  CPV_PACK_NAMES_COUNCIL,
  CPV_PACK_NAMES_ASCII,
} CpvPackNames;

typedef struct
{
  gint64        audit_id;          /* pack for an audit request … */
  gint64        credential_id;     /* … or for a credential's cycle … */
  gint64        jrca_credential_id; /* … or a JRCA maintenance/renewal application (seed 004
                                     * 6./7.): forms 4A, 4B, 5D (and 5A per record with
                                     * evidence at renewal) as PDF, 2C when sectors are
                                     * recorded, and the files linked to those records */
  CpvJrcaProcedure jrca_procedure; /* NONE: the procedure the registration is due for next */
  int           cycles_back;       /* 0: the stored cycle, 1: the one before … */
  CpvPackNames  names;
  gboolean      encrypt;           /* AES-256 ZIP with a generated passphrase */
  const gint64 *include_evidence;  /* TLP:RED or secret items the person chose to include */
  guint         n_include_evidence;
  const char   *member;            /* name on the summary (JRCA: 氏名 on 5D), or NULL: the
                                     * JRCA registration's applicant name, else blank */
  const char   *organisation;      /* for COUNCIL-NAME-1; NULL: each activity's provider */
  CpvDay        date;              /* submission date in names and summary; 0: today */
} CpvPackOptions;

typedef struct
{
  char    *path;
  char    *passphrase;      /* only with encrypt: shown once, never stored; freed wiped */
  guint    n_files;         /* in the ZIP, manifest included */
  guint    n_evidence;
  guint    n_excluded;
  guint64  evidence_bytes;
  CpvJrcaProcedure jrca_procedure;  /* a JRCA pack: the application it was made for */
} CpvPackResult;

typedef struct
{
  gboolean   encrypted;
  guint      n_files;       /* files listed in the manifest */
  guint      n_verified;    /* of those, present with the same size and SHA-256 */
  GPtrArray *problems;      /* of char*, for people; empty when everything matches */
} CpvPackVerification;

GQuark               cpv_pack_error_quark        (void);

CpvPackResult       *cpv_vault_write_pack        (CpvVault              *vault,
                                                  CpvProgramRegistry    *registry,
                                                  const CpvPackOptions  *options,
                                                  const char            *out_path,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
void                 cpv_vault_write_pack_async  (CpvVault              *vault,
                                                  CpvProgramRegistry    *registry,
                                                  const CpvPackOptions  *options,
                                                  const char            *out_path,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
CpvPackResult       *cpv_vault_write_pack_finish (CpvVault              *vault,
                                                  GAsyncResult          *result,
                                                  GError               **error);
void                 cpv_pack_result_free        (CpvPackResult         *result);

CpvPackVerification *cpv_pack_verify             (const char            *path,
                                                  const char            *passphrase,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
void                 cpv_pack_verification_free  (CpvPackVerification   *verification);

/* COUNCIL-SUBMIT-1: how to hand over the passphrase. */
const char          *cpv_pack_submit_advice      (void);
char                *cpv_pack_generate_passphrase (void);
/* A file name component safe on Windows, macOS and Linux (exposed for tests). */
char                *cpv_pack_safe_component     (const char            *name,
                                                  gboolean               ascii_only,
                                                  gsize                  max_bytes);
char                *cpv_pack_manifest_schema_path (void);

/* The TLP:RED and secret items (of CpvEvidence) the pack of @options covers but leaves out
 * unless included one by one (COUNCIL-TLP-1), from the same plan the writer uses; the
 * include list of @options is ignored. For export dialogs. */
GPtrArray           *cpv_vault_list_pack_withheld (CpvVault             *vault,
                                                  CpvProgramRegistry    *registry,
                                                  const CpvPackOptions  *options,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvPackResult, cpv_pack_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvPackVerification, cpv_pack_verification_free)

G_END_DECLS
