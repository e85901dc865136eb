/* cpv-status.h — the status engine: where each credential stands on a given day
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cpv-date.h"
#include "cpv-jrca.h"
#include "cpv-program.h"
#include "cpv-records.h"
#include "cpv-status-types.h"

G_BEGIN_DECLS

/* What the engine reads: the records of a vault at one moment. The engine is pure: it does no
 * I/O, and the same snapshot, registry and day always give the same result. */
typedef struct _CpvSnapshot CpvSnapshot;

CpvSnapshot *cpv_snapshot_new             (void);
void         cpv_snapshot_free            (CpvSnapshot    *snapshot);
void         cpv_snapshot_add_credential  (CpvSnapshot    *snapshot,
                                           CpvCredential  *credential);
void         cpv_snapshot_add_activity    (CpvSnapshot    *snapshot,
                                           CpvActivity    *activity);
void         cpv_snapshot_add_jrca_data   (CpvSnapshot    *snapshot,
                                           CpvJrcaData    *data);
GPtrArray   *cpv_snapshot_get_credentials (CpvSnapshot    *snapshot);
GPtrArray   *cpv_snapshot_get_activities  (CpvSnapshot    *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvSnapshot, cpv_snapshot_free)

/* The status of one credential. Credits are after every rule (steps, caps, groups). */
typedef struct
{
  CpvCredential      *credential;       /* a reference */
  gboolean            known;            /* its program and code are in the registry */
  CpvProgramKind      kind;
  CpvDay              cycle_start;      /* the cycle containing "on" (or the one in grace) */
  CpvDay              cycle_end;
  CpvCredentialState  state;
  double              group_a;          /* Group A earned in the cycle, carry-over included when
                                         * the program counts it toward the cycle */
  double              group_b;          /* Group B earned, before the Group B maximum */
  double              group_b_counted;
  double              total;
  double              carry_in;         /* carried in from the previous cycle (ISC2-CARRY-1) */
  double              carry_out;        /* what the current surplus would carry out */
  GPtrArray          *requirements;     /* of CpvRequirement */
  GPtrArray          *deadlines;        /* of CpvDeadline, by date */
  GPtrArray          *findings;         /* of CpvFinding */
} CpvCredentialStatus;

typedef struct
{
  CpvDay     on;
  GPtrArray *credentials;               /* of CpvCredentialStatus, in snapshot order */
} CpvStatus;

CpvStatus                 *cpv_status_compute     (CpvProgramRegistry *registry,
                                                   CpvSnapshot        *snapshot,
                                                   CpvDay              on);
void                       cpv_status_free        (CpvStatus          *status);
const CpvCredentialStatus *cpv_status_lookup      (CpvStatus          *status,
                                                   gint64              credential_id);
const CpvRequirement      *cpv_credential_status_get_requirement (const CpvCredentialStatus *status,
                                                                  const char                *kind,
                                                                  int                        year);
const CpvDeadline         *cpv_credential_status_get_deadline    (const CpvCredentialStatus *status,
                                                                  const char                *kind);
const CpvFinding          *cpv_credential_status_get_finding     (const CpvCredentialStatus *status,
                                                                  const char                *rule,
                                                                  gint64                     activity_id);

const char                *cpv_credential_state_to_string (CpvCredentialState state);
const char                *cpv_severity_to_string         (CpvSeverity        severity);

char                      *cpv_status_to_xml      (CpvStatus          *status);
char                      *cpv_status_to_text     (CpvStatus          *status);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvStatus, cpv_status_free)

G_END_DECLS
