/* cpv-audit.h — audit requests and appeals (ISC2-AUDIT-1, ISC2-APPEAL-1), partner
 * reconciliation (ISC2-PARTNER-1) and duplicate checks (ISC2-CALC-8)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-program.h"
#include "cpv-records.h"
#include "cpv-status.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_AUDIT_ERROR (cpv_audit_error_quark ())

/**
 * CpvAuditError:
 * @CPV_AUDIT_ERROR_INVALID: a date or an activity does not fit (the message names it)
 * @CPV_AUDIT_ERROR_NOT_FOUND: no audit request, credential or activity with that id
 * @CPV_AUDIT_ERROR_STATE: the request is not in a state that allows the change (e.g. closing
 *   a closed request, appealing an accepted one, appealing after the window closed)
 */
typedef enum
{
  CPV_AUDIT_ERROR_INVALID,
  CPV_AUDIT_ERROR_NOT_FOUND,
  CPV_AUDIT_ERROR_STATE,
} CpvAuditError;

typedef enum
{
  CPV_AUDIT_STATUS_OPEN,
  CPV_AUDIT_STATUS_RESPONDED,
  CPV_AUDIT_STATUS_CLOSED,
} CpvAuditStatus;

typedef enum
{
  CPV_AUDIT_OUTCOME_NONE,
  CPV_AUDIT_OUTCOME_ACCEPTED,
  CPV_AUDIT_OUTCOME_REJECTED,
} CpvAuditOutcome;

/* An audit request as stored. @due and @appeal_until are filled by get/list from the
 * credential's program (or the seed's 90 days). */
typedef struct
{
  gint64           id;
  gint64           credential_id;
  CpvDay           received;
  CpvAuditStatus   status;
  CpvDay           responded_on;       /* 0 when not responded */
  CpvAuditOutcome  outcome;
  CpvDay           closed_on;          /* the decision; for a rejection the rejection date */
  CpvDay           appeal_filed_on;    /* 0 when no appeal was filed */
  CpvDay           appeal_decided_on;  /* 0 while an appeal is pending */
  char            *note;
  GArray          *activity_ids;       /* of gint64: the activities the auditor selected */
  CpvDay           due;                /* received + 90 days (ISC2-AUDIT-1) */
  CpvDay           appeal_until;       /* rejection + 90 days (ISC2-APPEAL-1), 0 otherwise */
} CpvAuditRequest;

/* A likely duplicate of an activity being entered (ISC2-CALC-8). */
typedef struct
{
  gint64  activity_id;
  char   *title;
  char   *reason;      /* for people: "same title, dates and provider", "same evidence file" */
  char   *rule;        /* "ISC2-CALC-8" */
} CpvDuplicate;

GQuark            cpv_audit_error_quark          (void);

CpvAuditRequest  *cpv_audit_request_new          (void);
void              cpv_audit_request_free         (CpvAuditRequest   *request);
void              cpv_audit_request_add_activity (CpvAuditRequest   *request,
                                                  gint64             activity_id);
const char       *cpv_audit_status_to_string     (CpvAuditStatus     status);
const char       *cpv_audit_outcome_to_string    (CpvAuditOutcome    outcome);
gboolean          cpv_audit_outcome_from_string  (const char        *text,
                                                  CpvAuditOutcome   *outcome);
/* TRUE while the request holds its activities against a purge: open or responded, rejected
 * with the appeal window open, or with an appeal pending. @until: the last day of the hold,
 * 0 while it lasts until someone changes the request. */
gboolean          cpv_audit_request_holds        (const CpvAuditRequest *request,
                                                  CpvDay             today,
                                                  CpvDay            *until);

CpvDay            cpv_audit_response_due         (CpvProgramRegistry *registry,
                                                  CpvCredential      *credential,
                                                  CpvDay              received);
CpvDay            cpv_audit_appeal_until         (CpvProgramRegistry *registry,
                                                  CpvCredential      *credential,
                                                  CpvDay              rejected_on);

gint64            cpv_vault_add_audit            (CpvVault          *vault,
                                                  CpvAuditRequest   *request,
                                                  GError           **error);
CpvAuditRequest  *cpv_vault_get_audit            (CpvVault          *vault,
                                                  CpvProgramRegistry *registry,
                                                  gint64             audit_id,
                                                  GError           **error);
GPtrArray        *cpv_vault_list_audits          (CpvVault          *vault,
                                                  CpvProgramRegistry *registry,
                                                  gint64             credential_id,
                                                  GError           **error);
gboolean          cpv_vault_respond_audit        (CpvVault          *vault,
                                                  gint64             audit_id,
                                                  CpvDay             on,
                                                  GError           **error);
gboolean          cpv_vault_close_audit          (CpvVault          *vault,
                                                  gint64             audit_id,
                                                  CpvAuditOutcome    outcome,
                                                  CpvDay             on,
                                                  GError           **error);
gboolean          cpv_vault_file_appeal          (CpvVault          *vault,
                                                  CpvProgramRegistry *registry,
                                                  gint64             audit_id,
                                                  CpvDay             on,
                                                  GError           **error);
gboolean          cpv_vault_decide_appeal        (CpvVault          *vault,
                                                  gint64             audit_id,
                                                  CpvDay             on,
                                                  GError           **error);
gboolean          cpv_vault_remove_audit         (CpvVault          *vault,
                                                  gint64             audit_id,
                                                  GError           **error);

/* ISC2-PARTNER-1: the day an auto-submitted activity was seen on the portal (0 clears it). */
gboolean          cpv_vault_set_activity_reflected (CpvVault        *vault,
                                                  gint64             activity_id,
                                                  CpvDay             on,
                                                  GError           **error);
gboolean          cpv_vault_get_activity_reflected (CpvVault        *vault,
                                                  gint64             activity_id,
                                                  CpvDay            *on,
                                                  GError           **error);
/* (element-type CpvFinding): one ISC2-PARTNER-1 finding per auto-submitted activity not
 * marked reflected 6 weeks after its end date. */
GPtrArray        *cpv_audit_partner_findings     (CpvVault          *vault,
                                                  CpvProgramRegistry *registry,
                                                  CpvDay             today,
                                                  GError           **error);
/* Adds the response and appeal deadlines of the vault's audit requests and the partner
 * findings to a status computed by cpv_status_compute(), so that they appear on the
 * dashboard timeline. */
gboolean          cpv_audit_add_to_status        (CpvVault          *vault,
                                                  CpvProgramRegistry *registry,
                                                  CpvStatus         *status,
                                                  GError           **error);

/* ISC2-CALC-8 on entry: activities with the same title, dates and provider as @candidate, or
 * holding a file with one of @evidence_sha256 (nullable). @candidate->id is left out. */
GPtrArray        *cpv_vault_find_duplicates      (CpvVault           *vault,
                                                  CpvActivity        *candidate,
                                                  const char * const *evidence_sha256,
                                                  GError            **error);
void              cpv_duplicate_free             (CpvDuplicate      *duplicate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvAuditRequest, cpv_audit_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvDuplicate, cpv_duplicate_free)

G_END_DECLS
