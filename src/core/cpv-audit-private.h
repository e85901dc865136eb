/* cpv-audit-private.h — what the record-keeping services (retention, readiness, audit, pack)
 * share: credential rules, cycles and the periods of ISC2-REC-3 / AUDIT-1 / APPEAL-1 /
 * PARTNER-1 with their defaults
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-program.h"
#include "cpv-records.h"

G_BEGIN_DECLS

/* The period a program file states, or the seed's number when no file (or no registry) says:
 * ISC2-REC-3 12 months, ISC2-AUDIT-1 90 days, ISC2-APPEAL-1 90 days, ISC2-PARTNER-1 6 weeks. */
typedef enum
{
  _CPV_PERIOD_RETENTION,
  _CPV_PERIOD_AUDIT_RESPONSE,
  _CPV_PERIOD_APPEAL,
  _CPV_PERIOD_PARTNER_REFLECTION,
} CpvKeepingPeriod;

const CpvCredentialRules *_cpv_credential_rules     (CpvProgramRegistry *registry,
                                                     CpvCredential      *credential);
CpvDay                    _cpv_keeping_period_add   (CpvProgramRegistry *registry,
                                                     CpvCredential      *credential,
                                                     CpvKeepingPeriod    which,
                                                     CpvDay              day);
const char               *_cpv_keeping_period_rule  (CpvProgramRegistry *registry,
                                                     CpvCredential      *credential,
                                                     CpvKeepingPeriod    which);
/* The cycle of @credential containing @day; cycles follow each other (ISC2-CYCLE-1) with the
 * length of the stored one. FALSE when the credential's dates are unreadable. */
gboolean                  _cpv_credential_cycle_for (CpvCredential      *credential,
                                                     CpvDay              day,
                                                     CpvDay             *start,
                                                     CpvDay             *end);
/* The stored cycle (@back = 0) or the one @back cycles before it. */
gboolean                  _cpv_credential_cycle_back (CpvCredential     *credential,
                                                      int                back,
                                                      CpvDay            *start,
                                                      CpvDay            *end);
/* An activity counts for a credential through a credit line, or, without any credit line,
 * when its category belongs to the credential's program (ISC2-CALC-6). */
gboolean                  _cpv_activity_counts_for  (CpvActivity        *activity,
                                                     CpvCredential      *credential);
CpvCredential            *_cpv_find_credential      (GPtrArray          *credentials,
                                                     gint64              credential_id);
char                     *_cpv_normalize_text       (const char         *text);

G_END_DECLS
