/* cpv-status-types.h — what the status engine reports, shared by every program kind
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cpv-date.h"

G_BEGIN_DECLS

typedef enum
{
  CPV_CREDENTIAL_STATE_ACTIVE,
  CPV_CREDENTIAL_STATE_GRACE,
  CPV_CREDENTIAL_STATE_SUSPENDED,
  CPV_CREDENTIAL_STATE_TERMINATED,
} CpvCredentialState;

typedef enum
{
  CPV_SEVERITY_WARNING,
  CPV_SEVERITY_ERROR,
} CpvSeverity;

/* kind: "group-a", "total", "group-b-counted", "concentration", "annual", and for JRCA e.g.
 * "maintenance-audits", "renewal-audits", "cpd-hours" (free text keys, stable, lowercase). */
typedef struct
{
  char     *kind;
  char     *label;       /* for people; may be NULL */
  double    required;
  double    earned;
  gboolean  met;
  int       year;        /* cycle year (1-based) for "annual" lines, 0 otherwise */
} CpvRequirement;

/* kind: "cycle-end", "grace-end", "termination", "amf-due", "retention-until",
 * "audit-response", "appeal", "maintenance", "application-window", "restoration-limit",
 * "expiry". amount < 0 when there is none. */
typedef struct
{
  char   *kind;
  CpvDay  date;
  double  amount;
  char   *currency;    /* "USD" or NULL */
  char   *label;       /* for people; may be NULL */
} CpvDeadline;

typedef struct
{
  char        *rule;         /* rule tag, e.g. "ISC2-CALC-3" */
  CpvSeverity  severity;
  gint64       activity_id;  /* 0 when the finding is not about one activity */
  gint64       record_id;    /* JRCA audit or CPD record id, 0 when none */
  char        *text;         /* for people */
} CpvFinding;

void cpv_requirement_free (CpvRequirement *requirement);
void cpv_deadline_free    (CpvDeadline    *deadline);
void cpv_finding_free     (CpvFinding     *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvRequirement, cpv_requirement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvDeadline, cpv_deadline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvFinding, cpv_finding_free)

G_END_DECLS
