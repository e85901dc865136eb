/* cpv-readiness.h — is every record ready for an audit? Gaps with the rule they break
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-evidence.h"
#include "cpv-program.h"
#include "cpv-records.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

typedef struct
{
  char *rule;   /* rule tag, e.g. "ISC2-REC-2" */
  char *text;   /* what is missing, for people */
} CpvReadinessGap;

typedef enum
{
  CPV_READINESS_ACTIVITY,
  CPV_READINESS_JRCA_AUDIT,
} CpvReadinessSubject;

typedef struct
{
  CpvReadinessSubject subject;
  gint64              id;       /* activity id or JRCA audit record id */
  char               *title;
  GPtrArray          *gaps;     /* of CpvReadinessGap; empty when ready */
} CpvRecordReadiness;

typedef struct
{
  gint64     credential_id;
  char      *code;
  CpvDay     cycle_start;
  CpvDay     cycle_end;
  guint      n_ready;
  guint      n_total;
  GPtrArray *records;           /* of CpvRecordReadiness, oldest first */
} CpvCycleReadiness;

void                 cpv_readiness_gap_free         (CpvReadinessGap     *gap);
void                 cpv_record_readiness_free      (CpvRecordReadiness  *readiness);
void                 cpv_cycle_readiness_free       (CpvCycleReadiness   *readiness);
gboolean             cpv_record_readiness_is_ready  (const CpvRecordReadiness *readiness);
const CpvReadinessGap *cpv_record_readiness_find_gap (const CpvRecordReadiness *readiness,
                                                     const char          *rule);
char                *cpv_cycle_readiness_summary    (const CpvCycleReadiness *readiness);

/* Pure: the gaps of @activity given its evidence items (element-type CpvEvidence) and its
 * category in @registry (nullable: then only the ISBN can be checked). */
CpvRecordReadiness  *cpv_readiness_evaluate_activity (CpvProgramRegistry  *registry,
                                                     CpvActivity         *activity,
                                                     GPtrArray           *evidence);
CpvRecordReadiness  *cpv_readiness_check_activity   (CpvVault            *vault,
                                                     CpvProgramRegistry  *registry,
                                                     gint64               activity_id,
                                                     GError             **error);
/* @cycles_back: 0 for the stored (current) cycle, 1 for the one before, … */
CpvCycleReadiness   *cpv_readiness_check_cycle      (CpvVault            *vault,
                                                     CpvProgramRegistry  *registry,
                                                     gint64               credential_id,
                                                     int                  cycles_back,
                                                     GError             **error);
/* (element-type CpvCycleReadiness): one cycle of every credential, @cycles_back as for
 * cpv_readiness_check_cycle(); the activities are read once for all of them */
GPtrArray           *cpv_readiness_check_all        (CpvVault            *vault,
                                                     CpvProgramRegistry  *registry,
                                                     int                  cycles_back,
                                                     GError             **error);
/* (element-type CpvActivity): the activities of a credential's cycle, oldest first */
GPtrArray           *cpv_readiness_cycle_activities (CpvVault            *vault,
                                                     CpvCredential       *credential,
                                                     CpvDay               cycle_start,
                                                     CpvDay               cycle_end,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvRecordReadiness, cpv_record_readiness_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvCycleReadiness, cpv_cycle_readiness_free)

G_END_DECLS
