/* cpv-evidence.h — evidence files stored inside the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_EVIDENCE_ERROR (cpv_evidence_error_quark ())

typedef enum
{
  CPV_EVIDENCE_ERROR_EMPTY,        /* the file has no content */
  CPV_EVIDENCE_ERROR_TOO_LARGE,    /* over the vault's size limit */
  CPV_EVIDENCE_ERROR_INVALID,      /* bad kind, TLP mark, language … */
  CPV_EVIDENCE_ERROR_NOT_FOUND,    /* no such evidence item or activity */
  CPV_EVIDENCE_ERROR_CANCELLED,
} CpvEvidenceError;

#define CPV_EVIDENCE_DEFAULT_SIZE_LIMIT (100 * 1024 * 1024)
#define CPV_EVIDENCE_CHUNK_SIZE (512 * 1024)

#define CPV_TYPE_EVIDENCE (cpv_evidence_get_type ())
G_DECLARE_FINAL_TYPE (CpvEvidence, cpv_evidence, CPV, EVIDENCE, GObject)

struct _CpvEvidence
{
  GObject parent_instance;

  gint64    id;
  char     *kind;            /* certificate, attendance, receipt, isbn-proof, notes, minutes,
                              * schedule, report, translation, other */
  char     *file_name;       /* original file name, without directories */
  char     *media_type;      /* sniffed from the content */
  goffset   size;
  char     *sha256;          /* lowercase hex */
  char     *tlp;             /* clear, green, amber, amber+strict, red */
  gboolean  secret;
  char     *added;           /* ISO 8601 date-time, UTC */
  char     *language;        /* BCP 47 tag or NULL, e.g. "ja", "en" */
  gint64    translation_of;  /* evidence id of the original, 0 when none */
};

/* What the person says about a file when attaching it; NULL fields take defaults
 * (kind "other", TLP "clear", not secret, no language). */
typedef struct
{
  const char *kind;
  const char *tlp;
  gboolean    secret;
  const char *language;
  const char *file_name;
} CpvEvidenceMeta;

GQuark        cpv_evidence_error_quark          (void);

gboolean      cpv_evidence_kind_is_valid        (const char      *kind);
gboolean      cpv_evidence_tlp_is_valid         (const char      *tlp);
const char * const *cpv_evidence_kinds          (void);
const char * const *cpv_evidence_tlps           (void);
const char   *cpv_evidence_kind_label           (const char      *kind);

void          cpv_vault_set_evidence_size_limit (CpvVault        *vault,
                                                 goffset          limit);
goffset       cpv_vault_get_evidence_size_limit (CpvVault        *vault);

/* Streams @stream into the vault in one transaction. If the same content is already stored,
 * nothing new is written, the existing item is linked and *already_stored is set. */
CpvEvidence  *cpv_vault_attach_evidence         (CpvVault               *vault,
                                                 gint64                  activity_id,
                                                 GInputStream           *stream,
                                                 const CpvEvidenceMeta  *meta,
                                                 gboolean               *already_stored,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
CpvEvidence  *cpv_vault_attach_file             (CpvVault               *vault,
                                                 gint64                  activity_id,
                                                 GFile                  *file,
                                                 const CpvEvidenceMeta  *meta,
                                                 gboolean               *already_stored,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
void          cpv_vault_attach_file_async       (CpvVault               *vault,
                                                 gint64                  activity_id,
                                                 GFile                  *file,
                                                 const CpvEvidenceMeta  *meta,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
CpvEvidence  *cpv_vault_attach_file_finish      (CpvVault               *vault,
                                                 GAsyncResult           *result,
                                                 gboolean               *already_stored,
                                                 GError                **error);

CpvEvidence  *cpv_vault_get_evidence            (CpvVault        *vault,
                                                 gint64           evidence_id,
                                                 GError         **error);
GPtrArray    *cpv_vault_list_evidence           (CpvVault        *vault,
                                                 gint64           activity_id,
                                                 GError         **error);
GArray       *cpv_vault_list_evidence_activities (CpvVault       *vault,
                                                 gint64           evidence_id,
                                                 GError         **error);
gboolean      cpv_vault_link_evidence           (CpvVault        *vault,
                                                 gint64           activity_id,
                                                 gint64           evidence_id,
                                                 GError         **error);
gboolean      cpv_vault_unlink_evidence         (CpvVault        *vault,
                                                 gint64           activity_id,
                                                 gint64           evidence_id,
                                                 GError         **error);
gboolean      cpv_vault_remove_evidence         (CpvVault        *vault,
                                                 gint64           evidence_id,
                                                 GError         **error);
gboolean      cpv_vault_update_evidence_marks   (CpvVault        *vault,
                                                 CpvEvidence     *evidence,
                                                 GError         **error);

/* Reads the stored bytes back chunk by chunk; nothing is written to disk. */
GInputStream *cpv_vault_open_evidence           (CpvVault        *vault,
                                                 gint64           evidence_id,
                                                 GError         **error);
GBytes       *cpv_vault_load_evidence_bytes     (CpvVault        *vault,
                                                 gint64           evidence_id,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

G_END_DECLS
