/* cpv-retention.h — how long records are kept (ISC2-REC-3), holds, and purging
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-program.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_RETENTION_ERROR (cpv_retention_error_quark ())

/**
 * CpvRetentionError:
 * @CPV_RETENTION_ERROR_UNDER_RETENTION: the record must still be kept; the message names the
 *   date and the reason, and a forced removal is needed
 * @CPV_RETENTION_ERROR_HELD: an open audit or appeal covers the record
 * @CPV_RETENTION_ERROR_NOT_FOUND: no such record
 */
typedef enum
{
  CPV_RETENTION_ERROR_UNDER_RETENTION,
  CPV_RETENTION_ERROR_HELD,
  CPV_RETENTION_ERROR_NOT_FOUND,
} CpvRetentionError;

typedef enum
{
  CPV_RECORD_ACTIVITY,
  CPV_RECORD_EVIDENCE,
} CpvRecordKind;

typedef struct
{
  CpvRecordKind  kind;
  gint64         id;
  char          *label;            /* activity title or evidence file name */
  goffset        size;             /* evidence bytes, 0 for an activity */
  CpvDay         retention_until;  /* last day the record must be kept */
  char          *reason;           /* why, for people ("12 months after the CISSP cycle …") */
  char          *rule;             /* "ISC2-REC-3" or the program file's tag */
  gboolean       held;             /* an open audit or appeal covers it, or (evidence) a JRCA
                                    * record links it */
  CpvDay         held_until;       /* last day of the hold, 0 while the audit stays open */
  gint64         hold_audit_id;
  char          *hold_reason;
} CpvRetentionItem;

typedef struct
{
  GPtrArray *removed;          /* of CpvRetentionItem */
  guint      activities;
  guint      evidence;
  guint64    evidence_bytes;
  goffset    file_size_before; /* the vault file, before and after the incremental vacuum */
  goffset    file_size_after;
} CpvPurgeReport;

GQuark            cpv_retention_error_quark    (void);

void              cpv_retention_item_free      (CpvRetentionItem  *item);
void              cpv_purge_report_free        (CpvPurgeReport    *report);
gboolean          cpv_retention_item_is_past   (const CpvRetentionItem *item,
                                                CpvDay             today);

GPtrArray        *cpv_retention_list           (CpvVault          *vault,
                                                CpvProgramRegistry *registry,
                                                CpvDay             today,
                                                gboolean           past_only,
                                                GError           **error);
CpvRetentionItem *cpv_retention_get            (CpvVault          *vault,
                                                CpvProgramRegistry *registry,
                                                CpvRecordKind      kind,
                                                gint64             id,
                                                CpvDay             today,
                                                GError           **error);
gboolean          cpv_retention_check_delete   (CpvVault          *vault,
                                                CpvProgramRegistry *registry,
                                                CpvRecordKind      kind,
                                                gint64             id,
                                                CpvDay             today,
                                                gboolean           force,
                                                GError           **error);
gboolean          cpv_retention_remove         (CpvVault          *vault,
                                                CpvProgramRegistry *registry,
                                                CpvRecordKind      kind,
                                                gint64             id,
                                                CpvDay             today,
                                                gboolean           force,
                                                GError           **error);
CpvPurgeReport   *cpv_retention_purge          (CpvVault          *vault,
                                                CpvProgramRegistry *registry,
                                                CpvDay             today,
                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvRetentionItem, cpv_retention_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvPurgeReport, cpv_purge_report_free)

G_END_DECLS
