/* cpv-jrca-evidence.h — files kept as the evidence of JRCA audit and CPD records
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-evidence.h"
#include "cpv-jrca.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

/* A JRCA record's evidence is an ordinary evidence item of the vault (encrypted, deduplicated,
 * TLP and secret marks) linked to the record with a role saying what the file proves. Linking a
 * file of a role also sets the record's matching flag, in the same transaction, so that the
 * rules (cpv_jrca_audit_has_evidence, JRCA-CPD-2) see it:
 *
 *   audit record (form 5A, RULES.md 2.3, seed 004 7. c)/d)):
 *     "form-5a"   the signed or sealed form 5A          -> attested_by_org
 *     "schedule"  the audit schedule of each day         -> has_schedule
 *     "report"    the audit report (body not accredited) -> has_report
 *     "form-3a"   the capability confirmation (upgrade)  -> has_form_3a
 *     "other"
 *   CPD record (forms 4A/4B, JRCA-CPD-2):
 *     "certificate" the completion certificate          -> has_certificate
 *     "programme"   the programme of the training        -> has_program
 *     "form-5a"     assistant's audit experience as CPD  (no flag)
 *     "schedule"    its audit schedule                   -> has_schedule
 *     "other"
 *
 * Unlinking never clears a flag: the person may hold the paper copy. Evidence linked to a JRCA
 * record is kept (held) by retention while the link exists. Removing the record removes its
 * links (not the evidence items). Errors: CPV_RECORDS_ERROR (INVALID names the role,
 * NOT_FOUND the record or the evidence item) or CPV_VAULT_ERROR. Writes emit the vault's
 * "changed" signal with detail "jrca". */

typedef enum
{
  CPV_JRCA_RECORD_AUDIT,
  CPV_JRCA_RECORD_CPD,
} CpvJrcaRecordKind;

typedef struct
{
  CpvJrcaRecordKind  record_kind;
  gint64             record_id;
  gint64             evidence_id;
  char              *role;          /* one of the keys above */
} CpvJrcaEvidenceLink;

/* The roles a record kind takes, NULL-terminated, in the order an editor offers them. */
const char * const  *cpv_jrca_evidence_roles        (CpvJrcaRecordKind   record_kind);
gboolean             cpv_jrca_evidence_role_is_valid (CpvJrcaRecordKind  record_kind,
                                                      const char         *role);
/* A translated label for people ("Audit schedule", 「審査スケジュール」). */
const char          *cpv_jrca_evidence_role_label   (const char          *role);
/* The evidence kind (cpv_evidence_kinds()) a file attached in @role gets by default. */
const char          *cpv_jrca_evidence_role_kind    (const char          *role);

void                 cpv_jrca_evidence_link_free    (CpvJrcaEvidenceLink *link);

/* Links an evidence item already in the vault (relinking with another role changes the role). */
gboolean             cpv_vault_link_jrca_evidence   (CpvVault            *vault,
                                                     CpvJrcaRecordKind    record_kind,
                                                     gint64               record_id,
                                                     gint64               evidence_id,
                                                     const char          *role,
                                                     GError             **error);
gboolean             cpv_vault_unlink_jrca_evidence (CpvVault            *vault,
                                                     CpvJrcaRecordKind    record_kind,
                                                     gint64               record_id,
                                                     gint64               evidence_id,
                                                     GError             **error);
/* Streams @file into the vault (cpv_vault_attach_evidence with no activity) and links it, in
 * one transaction: on any error nothing is stored. @meta->kind NULL takes the role's kind. */
CpvEvidence         *cpv_vault_attach_jrca_file     (CpvVault            *vault,
                                                     CpvJrcaRecordKind    record_kind,
                                                     gint64               record_id,
                                                     const char          *role,
                                                     GFile               *file,
                                                     const CpvEvidenceMeta *meta,
                                                     gboolean            *already_stored,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* (element-type CpvJrcaEvidenceLink): one record's links, by role order then evidence id. */
GPtrArray           *cpv_vault_list_jrca_evidence   (CpvVault            *vault,
                                                     CpvJrcaRecordKind    record_kind,
                                                     gint64               record_id,
                                                     GError             **error);
/* (element-type CpvJrcaEvidenceLink): every link of the credential's records, audits first,
 * then CPD, each by record id, role order, evidence id — one query per kind, for packs. */
GPtrArray           *cpv_vault_list_jrca_evidence_for_credential (CpvVault   *vault,
                                                     gint64               credential_id,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaEvidenceLink, cpv_jrca_evidence_link_free)

G_END_DECLS
