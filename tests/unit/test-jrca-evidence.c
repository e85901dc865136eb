/* test-jrca-evidence.c — files kept as the evidence of JRCA audit and CPD records
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cpv-evidence.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-test-util.h"

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

static gint64
add_credential (CpvVault   *vault,
                const char *code)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup ("2025-10-01");
  credential->cycle_end = g_strdup ("2028-09-30");
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An audit record with no flag set. */
static gint64
add_audit (CpvVault *vault,
           gint64    credential_id)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();
  g_autoptr(GError) error = NULL;

  audit->credential_id = credential_id;
  audit->organisation = g_strdup ("株式会社サンプル（クラウド基盤の運用）");
  audit->management_system = g_strdup ("ISMS");
  audit->onsite_start = D (2026, 4, 1);
  audit->onsite_end = D (2026, 4, 2);
  audit->role = CPV_JRCA_ROLE_MEMBER;
  g_assert_cmpint (cpv_vault_add_jrca_audit (vault, audit, &error), >, 0);
  g_assert_no_error (error);
  return audit->id;
}

/* A CPD record with no flag set. */
static gint64
add_cpd (CpvVault *vault,
         gint64    credential_id)
{
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  g_autoptr(GError) error = NULL;

  cpd->credential_id = credential_id;
  cpd->date = D (2026, 2, 14);
  cpd->hours = 3;
  cpd->kind = CPV_JRCA_CPD_IAF_BODY_TRAINING;
  cpd->title = g_strdup ("ISO/IEC 27001:2022 移行研修");
  g_assert_cmpint (cpv_vault_add_jrca_cpd (vault, cpd, &error), >, 0);
  g_assert_no_error (error);
  return cpd->id;
}

static gint64
store_text (CpvVault   *vault,
            const char *content,
            const char *file_name)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (content), -1,
                                                                        g_free);
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { "other", NULL, FALSE, NULL, file_name };
  g_autoptr(CpvEvidence) evidence = cpv_vault_attach_evidence (vault, 0, stream, &meta, NULL,
                                                               NULL, &error);

  g_assert_no_error (error);
  return evidence->id;
}

static char *
write_file (CpvTestVault *fixture,
            const char   *name,
            const char   *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_evidence (CpvVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cpv_vault_list_evidence (vault, 0, &error);

  g_assert_no_error (error);
  return items->len;
}

static guint
count_links (CpvVault *vault,
             gint64    credential_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = cpv_vault_list_jrca_evidence_for_credential (vault,
                                                                            credential_id,
                                                                            &error);

  g_assert_no_error (error);
  return links->len;
}

static CpvJrcaAudit *
get_audit (CpvVault *vault,
           gint64    audit_id)
{
  g_autoptr(GError) error = NULL;
  CpvJrcaAudit *audit = cpv_vault_get_jrca_audit (vault, audit_id, &error);

  g_assert_no_error (error);
  return audit;
}

static CpvJrcaCpd *
get_cpd (CpvVault *vault,
         gint64    cpd_id)
{
  g_autoptr(GError) error = NULL;
  CpvJrcaCpd *cpd = cpv_vault_get_jrca_cpd (vault, cpd_id, &error);

  g_assert_no_error (error);
  return cpd;
}

static void
link_ok (CpvVault          *vault,
         CpvJrcaRecordKind  kind,
         gint64             record_id,
         gint64             evidence_id,
         const char        *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cpv_vault_link_jrca_evidence (vault, kind, record_id, evidence_id, role,
                                               &error));
  g_assert_no_error (error);
}

/* A refused link: @code of CPV_RECORDS_ERROR. */
static void
link_fails (CpvVault          *vault,
            CpvJrcaRecordKind  kind,
            gint64             record_id,
            gint64             evidence_id,
            const char        *role,
            int                code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cpv_vault_link_jrca_evidence (vault, kind, record_id, evidence_id, role,
                                                &error));
  g_assert_error (error, CPV_RECORDS_ERROR, code);
}

/* A refused attach to an audit record: @code of @domain (any error when @domain is 0). */
static void
attach_fails (CpvVault              *vault,
              gint64                 audit_id,
              const char            *role,
              GFile                 *file,
              const CpvEvidenceMeta *meta,
              GCancellable          *cancellable,
              GQuark                 domain,
              int                    code)
{
  g_autoptr(GError) error = NULL;
  CpvEvidence *evidence = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_AUDIT, audit_id,
                                                      role, file, meta, NULL, cancellable,
                                                      &error);

  g_assert_null (evidence);
  if (domain != 0)
    g_assert_error (error, domain, code);
  else
    g_assert_nonnull (error);
}

static void
changed_cb (CpvVault   *vault,
            const char *what,
            gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- roles --------------------------------------------------------------------------------- */

static void
test_roles (CpvTestVault  *fixture,
            gconstpointer  user_data)
{
  const char * const audit_expected[] = { "form-5a", "schedule", "report", "form-3a", "other",
                                          NULL };
  const char * const cpd_expected[] = { "certificate", "programme", "form-5a", "schedule",
                                        "other", NULL };
  const char * const *audit_roles = cpv_jrca_evidence_roles (CPV_JRCA_RECORD_AUDIT);
  const char * const *cpd_roles = cpv_jrca_evidence_roles (CPV_JRCA_RECORD_CPD);

  g_assert_true (g_strv_equal (audit_roles, audit_expected));
  g_assert_true (g_strv_equal (cpd_roles, cpd_expected));

  g_assert_true (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_AUDIT, "form-3a"));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_AUDIT, "certificate"));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_AUDIT, "programme"));
  g_assert_true (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_CPD, "programme"));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_CPD, "report"));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_CPD, "form-3a"));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_CPD, NULL));
  g_assert_false (cpv_jrca_evidence_role_is_valid (CPV_JRCA_RECORD_CPD, "Schedule"));

  /* Every role has a label for people and a default kind the evidence store takes. */
  for (guint k = 0; k < 2; k++)
    for (const char * const *role = k == 0 ? audit_roles : cpd_roles; *role != NULL; role++)
      {
        const char *label = cpv_jrca_evidence_role_label (*role);

        g_assert_nonnull (label);
        g_assert_cmpstr (label, !=, *role);
        g_assert_true (cpv_evidence_kind_is_valid (cpv_jrca_evidence_role_kind (*role)));
      }
  g_assert_cmpstr (cpv_jrca_evidence_role_label ("schedule"), ==, "Audit schedule");
  g_assert_cmpstr (cpv_jrca_evidence_role_kind ("schedule"), ==, "schedule");
  g_assert_cmpstr (cpv_jrca_evidence_role_kind ("report"), ==, "report");
  g_assert_cmpstr (cpv_jrca_evidence_role_kind ("certificate"), ==, "certificate");
}

/* ---- links and the record's flags ------------------------------------------------------- */

static void
test_audit_link_flags (CpvTestVault  *fixture,
                       gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 form_5a = store_text (vault, "signed form 5A", "5a.pdf");
  gint64 schedule = store_text (vault, "schedule of each day", "schedule.pdf");
  gint64 report = store_text (vault, "audit report", "report.pdf");
  gint64 form_3a = store_text (vault, "capability confirmation", "3a.pdf");
  gint64 other = store_text (vault, "a note", "note.txt");
  g_autoptr(CpvJrcaAudit) before = get_audit (vault, audit_id);
  g_autoptr(CpvJrcaAudit) after_other = NULL;
  g_autoptr(CpvJrcaAudit) after = NULL;
  g_autoptr(CpvJrcaAudit) after_unlink = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_assert_false (before->attested_by_org || before->has_schedule || before->has_report ||
                  before->has_form_3a);
  g_assert_false (cpv_jrca_audit_has_evidence (before));
  drain_main_context ();
  g_signal_connect (vault, "changed::jrca", G_CALLBACK (changed_cb), &changes);

  /* "other" sets no flag. */
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, other, "other");
  after_other = get_audit (vault, audit_id);
  g_assert_false (after_other->attested_by_org || after_other->has_schedule ||
                  after_other->has_report || after_other->has_form_3a);

  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, form_5a, "form-5a");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, schedule, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, report, "report");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, form_3a, "form-3a");
  after = get_audit (vault, audit_id);
  g_assert_true (after->attested_by_org);
  g_assert_true (after->has_schedule);
  g_assert_true (after->has_report);
  g_assert_true (after->has_form_3a);
  g_assert_false (after->attested_by_body);
  g_assert_true (cpv_jrca_audit_has_evidence (after));
  drain_main_context ();
  g_assert_cmpuint (changes, ==, 5);

  /* Unlinking keeps the flags (the person may hold the paper copy) and the file. */
  g_assert_true (cpv_vault_unlink_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id,
                                                 schedule, &error));
  g_assert_no_error (error);
  g_assert_true (cpv_vault_unlink_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id,
                                                 form_5a, &error));
  g_assert_no_error (error);
  after_unlink = get_audit (vault, audit_id);
  g_assert_true (after_unlink->has_schedule);
  g_assert_true (after_unlink->attested_by_org);
  g_assert_cmpuint (count_evidence (vault), ==, 5);
  drain_main_context ();
  g_assert_cmpuint (changes, ==, 7);

  /* Unlinked twice: nothing to unlink. */
  g_assert_false (cpv_vault_unlink_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id,
                                                  schedule, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Linked again with another role: one link, the new role. */
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, schedule, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, schedule, "other");
  links = cpv_vault_list_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 4);   /* report, form-3a, other (note), other (schedule) */
  for (guint i = 0; i < links->len; i++)
    {
      CpvJrcaEvidenceLink *link = links->pdata[i];

      g_assert_cmpint (link->record_kind, ==, CPV_JRCA_RECORD_AUDIT);
      g_assert_cmpint (link->record_id, ==, audit_id);
      if (link->evidence_id == schedule)
        g_assert_cmpstr (link->role, ==, "other");
    }
  g_signal_handlers_disconnect_by_func (vault, changed_cb, &changes);
}

static void
test_cpd_link_flags (CpvTestVault  *fixture,
                     gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "ASSISTANT");
  gint64 cpd_id = add_cpd (vault, credential_id);
  gint64 experience_id = add_cpd (vault, credential_id);
  gint64 certificate = store_text (vault, "certificate", "cert.pdf");
  gint64 programme = store_text (vault, "programme", "programme.pdf");
  gint64 form_5a = store_text (vault, "form 5A of an assisted audit", "5a.pdf");
  gint64 schedule = store_text (vault, "own team time", "schedule.pdf");
  g_autoptr(CpvJrcaCpd) before = get_cpd (vault, cpd_id);
  g_autoptr(CpvJrcaCpd) after = NULL;
  g_autoptr(CpvJrcaCpd) experience = NULL;
  g_autoptr(CpvJrcaCpd) untouched = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (before->has_certificate || before->has_program || before->has_schedule ||
                  before->body_signature);

  /* JRCA-CPD-2 (2): programme copy plus certificate. */
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_id, certificate, "certificate");
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_id, programme, "programme");
  after = get_cpd (vault, cpd_id);
  g_assert_true (after->has_certificate);
  g_assert_true (after->has_program);
  g_assert_false (after->has_schedule);
  g_assert_false (after->body_signature);

  /* JRCA-CPD-2 (5): form 5A (no flag) plus the schedule. */
  link_ok (vault, CPV_JRCA_RECORD_CPD, experience_id, form_5a, "form-5a");
  experience = get_cpd (vault, experience_id);
  g_assert_false (experience->has_certificate || experience->has_program ||
                  experience->has_schedule);
  link_ok (vault, CPV_JRCA_RECORD_CPD, experience_id, schedule, "schedule");
  g_clear_pointer (&experience, cpv_jrca_cpd_free);
  experience = get_cpd (vault, experience_id);
  g_assert_true (experience->has_schedule);

  /* A role of the other kind is refused and changes nothing. */
  g_assert_false (cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_CPD, cpd_id, schedule,
                                                "report", &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "report"));
  g_clear_error (&error);
  untouched = get_cpd (vault, cpd_id);
  g_assert_false (untouched->has_schedule);
  g_assert_cmpuint (count_links (vault, credential_id), ==, 4);
}

static void
test_link_errors (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 evidence_id = store_text (vault, "schedule", "schedule.pdf");
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  link_fails (vault, CPV_JRCA_RECORD_AUDIT, audit_id, evidence_id, "certificate",
              CPV_RECORDS_ERROR_INVALID);
  link_fails (vault, CPV_JRCA_RECORD_AUDIT, audit_id, evidence_id, NULL,
              CPV_RECORDS_ERROR_INVALID);
  link_fails (vault, CPV_JRCA_RECORD_AUDIT, audit_id + 40, evidence_id, "schedule",
              CPV_RECORDS_ERROR_NOT_FOUND);
  link_fails (vault, CPV_JRCA_RECORD_CPD, audit_id, evidence_id, "schedule",
              CPV_RECORDS_ERROR_NOT_FOUND);
  link_fails (vault, CPV_JRCA_RECORD_AUDIT, audit_id, evidence_id + 40, "schedule",
              CPV_RECORDS_ERROR_NOT_FOUND);
  g_assert_false (cpv_vault_unlink_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id + 40,
                                                  evidence_id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  links = cpv_vault_list_jrca_evidence (vault, CPV_JRCA_RECORD_CPD, 77, &error);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_assert_null (links);
  g_clear_error (&error);
  links = cpv_vault_list_jrca_evidence_for_credential (vault, credential_id + 40, &error);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_assert_null (links);
  g_clear_error (&error);

  /* None of the refused calls linked anything or set a flag. */
  g_assert_cmpuint (count_links (vault, credential_id), ==, 0);
  audit = get_audit (vault, audit_id);
  g_assert_false (audit->has_schedule);
}

/* ---- attaching a file ------------------------------------------------------------------- */

static void
test_attach_dedup (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 cpd_id = add_cpd (vault, credential_id);
  g_autofree char *path = write_file (fixture, "審査スケジュール.pdf", "%PDF-1.4 schedule");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CpvEvidence) first = NULL;
  g_autoptr(CpvEvidence) second = NULL;
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(CpvJrcaCpd) cpd = NULL;
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { NULL, "amber", TRUE, "ja", NULL };
  gboolean already_stored = TRUE;
  guint evidence_changes = 0;
  guint jrca_changes = 0;

  drain_main_context ();
  g_signal_connect (vault, "changed::jrca", G_CALLBACK (changed_cb), &jrca_changes);
  g_signal_connect (vault, "changed::evidence", G_CALLBACK (changed_cb), &evidence_changes);

  first = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_AUDIT, audit_id, "schedule", file,
                                      &meta, &already_stored, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_false (already_stored);
  /* The role's kind; the marks given; the file's own name. */
  g_assert_cmpstr (first->kind, ==, "schedule");
  g_assert_cmpstr (first->tlp, ==, "amber");
  g_assert_true (first->secret);
  g_assert_cmpstr (first->language, ==, "ja");
  g_assert_cmpstr (first->file_name, ==, "審査スケジュール.pdf");
  audit = get_audit (vault, audit_id);
  g_assert_true (audit->has_schedule);
  drain_main_context ();
  g_assert_cmpuint (jrca_changes, ==, 1);
  g_assert_cmpuint (evidence_changes, ==, 1);

  /* The same content again, for a CPD record: linked, not stored twice. */
  meta.kind = "other";
  second = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_CPD, cpd_id, "schedule", file,
                                       &meta, &already_stored, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (already_stored);
  g_assert_cmpint (second->id, ==, first->id);
  g_assert_cmpstr (second->kind, ==, "schedule");   /* the stored item keeps its marks */
  g_assert_cmpuint (count_evidence (vault), ==, 1);
  g_assert_cmpuint (count_links (vault, credential_id), ==, 2);
  cpd = get_cpd (vault, cpd_id);
  g_assert_true (cpd->has_schedule);
  g_signal_handlers_disconnect_by_func (vault, changed_cb, &jrca_changes);
  g_signal_handlers_disconnect_by_func (vault, changed_cb, &evidence_changes);
}

static void
test_attach_nothing_stored (CpvTestVault  *fixture,
                            gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 kept = store_text (vault, "already here", "kept.pdf");
  g_autofree char *good_path = write_file (fixture, "report.pdf", "report");
  g_autofree char *empty_path = write_file (fixture, "empty.pdf", "");
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) directory = g_file_new_for_path (fixture->dir);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean already_stored = TRUE;
  CpvEvidence *evidence;
  guint before;

  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, kept, "other");
  before = count_evidence (vault);
  g_assert_cmpuint (before, ==, 1);

  evidence = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_AUDIT, audit_id, "report",
                                         missing, NULL, &already_stored, NULL, &error);
  g_assert_null (evidence);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (already_stored);
  g_clear_error (&error);

  attach_fails (vault, audit_id, "report", empty, NULL, NULL,
                CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_EMPTY);
  attach_fails (vault, audit_id, "report", directory, NULL, NULL,
                G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  attach_fails (vault, audit_id, "programme", good, NULL, NULL,
                CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  attach_fails (vault, audit_id + 9, "report", good, NULL, NULL,
                CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);

  /* A bad mark is refused by the evidence store inside the same transaction. */
  attach_fails (vault, audit_id, "report", good, &(CpvEvidenceMeta) { NULL, "purple" }, NULL,
                CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);

  g_cancellable_cancel (cancelled);
  attach_fails (vault, audit_id, "report", good, NULL, cancelled, 0, 0);

  /* Nothing stored, nothing linked, no flag set; the earlier link is still there. */
  g_assert_cmpuint (count_evidence (vault), ==, before);
  g_assert_cmpuint (count_links (vault, credential_id), ==, 1);
  audit = get_audit (vault, audit_id);
  g_assert_false (audit->has_report);

  /* And the vault still takes the file afterwards. */
  evidence = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_AUDIT, audit_id, "report",
                                         good, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  g_object_unref (evidence);
  g_assert_cmpuint (count_evidence (vault), ==, before + 1);
}

/* ---- removal and lists ------------------------------------------------------------------ */

static void
test_record_delete_keeps_evidence (CpvTestVault  *fixture,
                                   gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 cpd_id = add_cpd (vault, credential_id);
  gint64 schedule = store_text (vault, "schedule", "schedule.pdf");
  gint64 certificate = store_text (vault, "certificate", "cert.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvEvidence) kept = NULL;
  g_autoptr(CpvJrcaCpd) cpd = NULL;

  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, schedule, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_id, certificate, "certificate");
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_id, schedule, "schedule");
  g_assert_cmpuint (count_links (vault, credential_id), ==, 3);

  /* The record goes with its links; the evidence item stays. */
  g_assert_true (cpv_vault_remove_jrca_audit (vault, audit_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (vault, credential_id), ==, 2);
  kept = cpv_vault_get_evidence (vault, schedule, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpuint (count_evidence (vault), ==, 2);

  /* The evidence item goes with its links; the record stays, flags and all. */
  g_assert_true (cpv_vault_remove_evidence (vault, certificate, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (vault, credential_id), ==, 1);
  cpd = get_cpd (vault, cpd_id);
  g_assert_true (cpd->has_certificate);
}

static void
test_list_order (CpvTestVault  *fixture,
                 gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 credential_id = add_credential (vault, "AUDITOR");
  gint64 audit_id = add_audit (vault, credential_id);
  gint64 e1 = store_text (vault, "one", "1.pdf");
  gint64 e2 = store_text (vault, "two", "2.pdf");
  gint64 e3 = store_text (vault, "three", "3.pdf");
  gint64 e4 = store_text (vault, "four", "4.pdf");
  gint64 e5 = store_text (vault, "five", "5.pdf");
  const struct { gint64 evidence_id; const char *role; } expected[] = {
    { e4, "form-5a" }, { e1, "schedule" }, { e3, "schedule" }, { e5, "report" },
    { e2, "other" },
  };
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  /* Linked out of order: the list follows the roles' order, then the evidence id. */
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, e2, "other");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, e3, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, e5, "report");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, e1, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_id, e4, "form-5a");

  links = cpv_vault_list_jrca_evidence (vault, CPV_JRCA_RECORD_AUDIT, audit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < links->len; i++)
    {
      CpvJrcaEvidenceLink *link = links->pdata[i];

      g_assert_cmpint (link->evidence_id, ==, expected[i].evidence_id);
      g_assert_cmpstr (link->role, ==, expected[i].role);
    }
}

static void
test_list_for_credential (CpvTestVault  *fixture,
                          gconstpointer  user_data)
{
  CpvVault *vault = fixture->vault;
  gint64 first = add_credential (vault, "AUDITOR");
  gint64 second = add_credential (vault, "LEAD");
  gint64 cpd_a = add_cpd (vault, first);
  gint64 audit_a = add_audit (vault, first);
  gint64 audit_other = add_audit (vault, second);
  gint64 audit_b = add_audit (vault, first);
  gint64 cpd_other = add_cpd (vault, second);
  gint64 e1 = store_text (vault, "one", "1.pdf");
  gint64 e2 = store_text (vault, "two", "2.pdf");
  gint64 e3 = store_text (vault, "three", "3.pdf");
  const struct { CpvJrcaRecordKind kind; gint64 record_id; gint64 evidence_id;
                 const char *role; } expected[] = {
    { CPV_JRCA_RECORD_AUDIT, audit_a, e2, "schedule" },
    { CPV_JRCA_RECORD_AUDIT, audit_a, e1, "report" },
    { CPV_JRCA_RECORD_AUDIT, audit_b, e3, "form-5a" },
    { CPV_JRCA_RECORD_CPD, cpd_a, e3, "certificate" },
    { CPV_JRCA_RECORD_CPD, cpd_a, e1, "programme" },
  };
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) other_links = NULL;
  g_autoptr(GError) error = NULL;

  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_a, e1, "programme");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_b, e3, "form-5a");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_other, e1, "schedule");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_a, e1, "report");
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_other, e2, "other");
  link_ok (vault, CPV_JRCA_RECORD_CPD, cpd_a, e3, "certificate");
  link_ok (vault, CPV_JRCA_RECORD_AUDIT, audit_a, e2, "schedule");

  links = cpv_vault_list_jrca_evidence_for_credential (vault, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < links->len; i++)
    {
      CpvJrcaEvidenceLink *link = links->pdata[i];

      g_assert_cmpint (link->record_kind, ==, expected[i].kind);
      g_assert_cmpint (link->record_id, ==, expected[i].record_id);
      g_assert_cmpint (link->evidence_id, ==, expected[i].evidence_id);
      g_assert_cmpstr (link->role, ==, expected[i].role);
    }

  other_links = cpv_vault_list_jrca_evidence_for_credential (vault, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_links->len, ==, 2);
  g_assert_cmpint (((CpvJrcaEvidenceLink *) other_links->pdata[0])->record_id, ==, audit_other);
  g_assert_cmpint (((CpvJrcaEvidenceLink *) other_links->pdata[1])->record_id, ==, cpd_other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CpvTestVault, NULL, cpv_test_vault_setup, func, cpv_test_vault_teardown)
  ADD ("/jrca/JRCA-5A/evidence/roles", test_roles);
  ADD ("/jrca/JRCA-5A/evidence/link-sets-flags-unlink-keeps", test_audit_link_flags);
  ADD ("/jrca/JRCA-CPD-2/evidence/link-sets-flags", test_cpd_link_flags);
  ADD ("/jrca/JRCA-5A/evidence/link-errors", test_link_errors);
  ADD ("/jrca/JRCA-5A/evidence/attach-dedup", test_attach_dedup);
  ADD ("/jrca/JRCA-5A/evidence/attach-failure-stores-nothing", test_attach_nothing_stored);
  ADD ("/jrca/JRCA-5A/evidence/record-delete-keeps-evidence", test_record_delete_keeps_evidence);
  ADD ("/jrca/JRCA-5A/evidence/list-order", test_list_order);
  ADD ("/jrca/JRCA-CPD-2/evidence/list-for-credential", test_list_for_credential);
#undef ADD

  return g_test_run ();
}
