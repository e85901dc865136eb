/* test-jrca-store.c — JRCA registrations, audit and CPD records in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cpv-jrca-store.h"
#include "cpv-test-util.h"

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

static gint64
add_credential (CpvVault *vault)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("ISMS-AUDITOR");
  credential->cycle_start = g_strdup ("2025-10-01");
  credential->cycle_end = g_strdup ("2028-09-30");
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CpvJrcaAudit *
new_audit (gint64      credential_id,
           const char *organisation)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();

  audit->credential_id = credential_id;
  audit->organisation = g_strdup (organisation);
  audit->organisation_id = g_strdup ("IS 123456");
  audit->certification_body = g_strdup ("Example Certification Co.");
  audit->body_iaf_accredited = TRUE;
  audit->management_system = g_strdup ("ISMS");
  audit->audit_type = g_strdup ("surveillance");
  audit->onsite_start = D (2026, 4, 1);
  audit->onsite_end = D (2026, 4, 2);
  cpv_jrca_audit_add_day (audit, D (2026, 4, 1), 7);
  cpv_jrca_audit_add_day (audit, D (2026, 4, 2), 3.5);
  audit->combined = TRUE;
  audit->role = CPV_JRCA_ROLE_LEADER;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_LEADER_ALL;
  audit->team_lead = CPV_JRCA_TEAM_LEAD_OTHER;
  audit->team_lead_number = g_strdup ("I09876");
  audit->team_lead_name = g_strdup ("規格 太郎");
  audit->attested_by_org = TRUE;
  audit->has_schedule = TRUE;
  audit->has_form_3a = TRUE;
  audit->masked = TRUE;
  audit->contact = g_strdup ("03-0000-0000");
  return audit;
}

static void
test_registration_round_trip (CpvTestVault  *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(CpvJrcaRegistration) loaded = NULL;
  g_autoptr(CpvJrcaRegistration) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *other[] = { "qms", "EMS", NULL };
  gint64 credential_id = add_credential (fixture->vault);

  registration->credential_id = credential_id;
  registration->grade = CPV_JRCA_GRADE_LEAD;
  registration->registration_number = g_strdup ("I01234");
  registration->maintenance_deadline = D (2026, 9, 30);
  registration->expiry_date = D (2028, 9, 30);
  registration->previous_maintenance_application = D (2025, 8, 1);
  registration->other_lead_ms = g_strdupv ((GStrv) other);
  registration->reupgrade = TRUE;
  registration->downgrade_date = D (2024, 2, 29);
  registration->cpd_hours_required = 12.5;
  g_assert_cmpint (cpv_vault_add_jrca_registration (fixture->vault, registration, &error), >, 0);
  g_assert_no_error (error);

  loaded = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, registration->id);
  g_assert_cmpint (loaded->grade, ==, CPV_JRCA_GRADE_LEAD);
  g_assert_cmpstr (loaded->registration_number, ==, "I01234");
  g_assert_cmpuint (loaded->maintenance_deadline, ==, D (2026, 9, 30));
  g_assert_cmpuint (loaded->expiry_date, ==, D (2028, 9, 30));
  g_assert_cmpuint (loaded->previous_maintenance_application, ==, D (2025, 8, 1));
  g_assert_cmpuint (loaded->previous_renewal_application, ==, 0);
  g_assert_true (loaded->reupgrade);
  g_assert_cmpuint (loaded->downgrade_date, ==, D (2024, 2, 29));
  g_assert_false (loaded->expert_only);
  g_assert_cmpfloat_with_epsilon (loaded->cpd_hours_required, 12.5, 1e-9);
  /* Stored upper-case, read back in order. */
  g_assert_cmpuint (g_strv_length (loaded->other_lead_ms), ==, 2);
  g_assert_cmpstr (loaded->other_lead_ms[0], ==, "EMS");
  g_assert_cmpstr (loaded->other_lead_ms[1], ==, "QMS");

  /* One registration per credential. */
  second = cpv_jrca_registration_copy (registration);
  g_assert_cmpint (cpv_vault_add_jrca_registration (fixture->vault, second, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  /* An upgrade (JRCA-DATE-3) is an update that keeps the dates; the MS list can empty. */
  cpv_jrca_registration_upgrade (loaded, CPV_JRCA_GRADE_EXPERT);
  g_clear_pointer (&loaded->other_lead_ms, g_strfreev);
  loaded->cpd_hours_required = -1;
  g_assert_true (cpv_vault_update_jrca_registration (fixture->vault, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&second, cpv_jrca_registration_free);
  second = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->grade, ==, CPV_JRCA_GRADE_EXPERT);
  g_assert_cmpint (second->expert_kept_grade, ==, CPV_JRCA_GRADE_LEAD);
  g_assert_cmpuint (second->expiry_date, ==, D (2028, 9, 30));
  g_assert_null (second->other_lead_ms);
  g_assert_cmpfloat (second->cpd_hours_required, <, 0);

  g_assert_true (cpv_vault_remove_jrca_registration (fixture->vault, credential_id, &error));
  g_assert_no_error (error);
  g_assert_null (cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

static void
test_registration_invalid (CpvTestVault  *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(GError) error = NULL;
  const char *isms[] = { "ISMS", NULL };

  /* No such credential: NOT_FOUND, not a foreign-key message. */
  registration->credential_id = 4242;
  registration->expiry_date = D (2028, 9, 30);
  g_assert_cmpint (cpv_vault_add_jrca_registration (fixture->vault, registration, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  registration->credential_id = add_credential (fixture->vault);
  registration->other_lead_ms = g_strdupv ((GStrv) isms);
  g_assert_cmpint (cpv_vault_add_jrca_registration (fixture->vault, registration, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&registration->other_lead_ms, g_strfreev);
  registration->grade = 7;
  g_assert_false (cpv_jrca_registration_validate (registration, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  g_assert_true (cpv_jrca_registration_validate (registration, &error));
  g_assert_no_error (error);
}

/* 氏名 for the forms: stored trimmed, changed and cleared with the registration, refused when
 * it is not one line of at most 100 characters (nothing is written then). */
static void
test_registration_applicant_name (CpvTestVault  *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(CpvJrcaRegistration) loaded = NULL;
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 credential_id = add_credential (fixture->vault);

  registration->credential_id = credential_id;
  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->applicant_name = g_strdup ("  審査 花子 ");
  g_assert_cmpint (cpv_vault_add_jrca_registration (fixture->vault, registration, &error), >, 0);
  g_assert_no_error (error);
  loaded = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->applicant_name, ==, "審査 花子");
  data = cpv_vault_load_jrca_data (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->registration->applicant_name, ==, "審査 花子");

  g_free (loaded->applicant_name);
  loaded->applicant_name = g_strdup ("登録 太郎");
  g_assert_true (cpv_vault_update_jrca_registration (fixture->vault, loaded, &error));
  g_clear_pointer (&registration, cpv_jrca_registration_free);
  registration = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_cmpstr (registration->applicant_name, ==, "登録 太郎");

  /* 101 characters, or two lines: refused, and the stored name stays. */
  for (guint i = 0; i < 101; i++)
    g_string_append (long_name, "名");
  g_free (registration->applicant_name);
  registration->applicant_name = g_strdup (long_name->str);
  g_assert_false (cpv_vault_update_jrca_registration (fixture->vault, registration, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_string_truncate (long_name, strlen ("名") * 100);
  g_free (registration->applicant_name);
  registration->applicant_name = g_strdup (long_name->str);
  g_assert_true (cpv_jrca_registration_validate (registration, &error));
  g_free (registration->applicant_name);
  registration->applicant_name = g_strdup ("審査\n花子");
  g_assert_false (cpv_vault_update_jrca_registration (fixture->vault, registration, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&loaded, cpv_jrca_registration_free);
  loaded = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_cmpstr (loaded->applicant_name, ==, "登録 太郎");

  /* A blank name is no name. */
  g_free (loaded->applicant_name);
  loaded->applicant_name = g_strdup ("   ");
  g_assert_true (cpv_vault_update_jrca_registration (fixture->vault, loaded, &error));
  g_clear_pointer (&registration, cpv_jrca_registration_free);
  registration = cpv_vault_get_jrca_registration (fixture->vault, credential_id, &error);
  g_assert_null (registration->applicant_name);
}

static void
test_audit_round_trip (CpvTestVault  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(CpvJrcaAudit) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 credential_id = add_credential (fixture->vault);
  const CpvJrcaAuditDay *day;

  audit = new_audit (credential_id, "株式会社サンプル（クラウド基盤の運用）");
  g_assert_cmpint (cpv_vault_add_jrca_audit (fixture->vault, audit, &error), >, 0);
  g_assert_no_error (error);

  loaded = cpv_vault_get_jrca_audit (fixture->vault, audit->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->credential_id, ==, credential_id);
  g_assert_cmpstr (loaded->organisation, ==, "株式会社サンプル（クラウド基盤の運用）");
  g_assert_cmpstr (loaded->organisation_id, ==, "IS 123456");
  g_assert_cmpstr (loaded->certification_body, ==, "Example Certification Co.");
  g_assert_true (loaded->body_iaf_accredited);
  g_assert_cmpstr (loaded->management_system, ==, "ISMS");
  g_assert_cmpstr (loaded->audit_type, ==, "surveillance");
  g_assert_cmpuint (loaded->onsite_start, ==, D (2026, 4, 1));
  g_assert_cmpuint (loaded->onsite_end, ==, D (2026, 4, 2));
  g_assert_true (loaded->combined);
  g_assert_cmpint (loaded->role, ==, CPV_JRCA_ROLE_LEADER);
  g_assert_cmpuint (loaded->isms_roles, ==, CPV_JRCA_ISMS_ROLES_LEADER_ALL);
  g_assert_null (loaded->team_leader_name);
  g_assert_cmpint (loaded->team_lead, ==, CPV_JRCA_TEAM_LEAD_OTHER);
  g_assert_cmpstr (loaded->team_lead_number, ==, "I09876");
  g_assert_cmpstr (loaded->team_lead_name, ==, "規格 太郎");
  g_assert_true (loaded->attested_by_org);
  g_assert_false (loaded->attested_by_body);
  g_assert_true (loaded->has_schedule);
  g_assert_false (loaded->has_report);
  g_assert_true (loaded->has_form_3a);
  g_assert_true (loaded->masked);
  g_assert_cmpstr (loaded->contact, ==, "03-0000-0000");
  g_assert_cmpuint (loaded->days->len, ==, 2);
  day = &g_array_index (loaded->days, CpvJrcaAuditDay, 1);
  g_assert_cmpuint (day->date, ==, D (2026, 4, 2));
  g_assert_cmpfloat_with_epsilon (day->isms_hours, 3.5, 1e-9);
  /* JRCA-DAYS-1 on what was stored: 7 h + 3.5 h = 1.5 days. */
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (loaded), 1.5, 1e-9);

  /* Update: days are replaced, not added to. */
  g_array_set_size (loaded->days, 0);
  cpv_jrca_audit_add_day (loaded, D (2026, 4, 2), 6.5);
  loaded->role = CPV_JRCA_ROLE_OBSERVER;
  g_clear_pointer (&loaded->contact, g_free);
  g_assert_true (cpv_vault_update_jrca_audit (fixture->vault, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&audit, cpv_jrca_audit_free);
  audit = cpv_vault_get_jrca_audit (fixture->vault, loaded->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->days->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (audit), 1.0, 1e-9);
  g_assert_cmpint (audit->role, ==, CPV_JRCA_ROLE_OBSERVER);
  g_assert_null (audit->contact);

  list = cpv_vault_list_jrca_audits (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (cpv_vault_remove_jrca_audit (fixture->vault, audit->id, &error));
  g_assert_no_error (error);
  g_assert_false (cpv_vault_remove_jrca_audit (fixture->vault, audit->id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

static void
test_audit_invalid (CpvTestVault  *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 credential_id = add_credential (fixture->vault);
  CpvJrcaAudit *audit;

  /* A day outside the on-site period. */
  audit = new_audit (credential_id, "Org A");
  cpv_jrca_audit_add_day (audit, D (2026, 4, 3), 2);
  g_assert_cmpint (cpv_vault_add_jrca_audit (fixture->vault, audit, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  cpv_jrca_audit_free (audit);

  /* The same day twice: hours cannot be split or moved between entries. */
  audit = new_audit (credential_id, "Org A");
  cpv_jrca_audit_add_day (audit, D (2026, 4, 1), 2);
  g_assert_false (cpv_jrca_audit_validate (audit, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  cpv_jrca_audit_free (audit);

  /* More than 24 hours in a day. */
  audit = new_audit (credential_id, "Org A");
  g_array_index (audit->days, CpvJrcaAuditDay, 0).isms_hours = 25;
  g_assert_false (cpv_jrca_audit_validate (audit, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  cpv_jrca_audit_free (audit);

  /* Ends before it starts; no organisation; another lead without a number. */
  audit = new_audit (credential_id, "Org A");
  audit->onsite_end = D (2026, 3, 31);
  g_assert_false (cpv_jrca_audit_validate (audit, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  audit->onsite_end = D (2026, 4, 2);
  g_clear_pointer (&audit->team_lead_number, g_free);
  g_assert_false (cpv_jrca_audit_validate (audit, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  audit->team_lead = CPV_JRCA_TEAM_LEAD_SELF;
  g_free (audit->organisation);
  audit->organisation = g_strdup ("  ");
  g_assert_false (cpv_jrca_audit_validate (audit, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  cpv_jrca_audit_free (audit);

  /* No such credential. */
  audit = new_audit (credential_id + 100, "Org A");
  g_assert_cmpint (cpv_vault_add_jrca_audit (fixture->vault, audit, &error), ==, 0);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  cpv_jrca_audit_free (audit);

  /* Nothing was written by any of the refused calls. */
  list = cpv_vault_list_jrca_audits (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_cpd_round_trip (CpvTestVault  *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  g_autoptr(CpvJrcaCpd) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 credential_id = add_credential (fixture->vault);

  cpd->credential_id = credential_id;
  cpd->date = D (2026, 2, 14);
  cpd->hours = 2.5;
  cpd->kind = CPV_JRCA_CPD_SELF_STUDY;
  cpd->title = g_strdup ("ISO/IEC 27001:2022 附属書Aの読み込み");
  cpd->provider = g_strdup ("self");
  cpd->purpose = g_strdup ("2022年版の管理策の変更点を審査で確認できるようにするため。");
  cpd->learned = g_strdup ("脅威インテリジェンス（5.7）は情報収集の仕組みと活用記録を確認する。");
  cpd->has_certificate = FALSE;
  cpd->has_program = TRUE;
  cpd->body_signature = TRUE;
  cpd->has_schedule = FALSE;
  g_assert_cmpint (cpv_vault_add_jrca_cpd (fixture->vault, cpd, &error), >, 0);
  g_assert_no_error (error);

  loaded = cpv_vault_get_jrca_cpd (fixture->vault, cpd->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->credential_id, ==, credential_id);
  g_assert_cmpuint (loaded->date, ==, D (2026, 2, 14));
  g_assert_cmpfloat_with_epsilon (loaded->hours, 2.5, 1e-9);
  g_assert_cmpint (loaded->kind, ==, CPV_JRCA_CPD_SELF_STUDY);
  g_assert_cmpstr (loaded->title, ==, cpd->title);
  g_assert_cmpstr (loaded->provider, ==, "self");
  g_assert_cmpstr (loaded->purpose, ==, cpd->purpose);
  g_assert_cmpstr (loaded->learned, ==, cpd->learned);
  g_assert_false (loaded->has_certificate);
  g_assert_true (loaded->has_program);
  g_assert_true (loaded->body_signature);
  g_assert_false (loaded->has_schedule);

  loaded->kind = CPV_JRCA_CPD_JRCA_COURSE;
  loaded->hours = 6;
  g_assert_true (cpv_vault_update_jrca_cpd (fixture->vault, loaded, &error));
  g_assert_no_error (error);
  list = cpv_vault_list_jrca_cpd (fixture->vault, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((CpvJrcaCpd *) list->pdata[0])->kind, ==, CPV_JRCA_CPD_JRCA_COURSE);
  g_assert_cmpfloat_with_epsilon (((CpvJrcaCpd *) list->pdata[0])->hours, 6, 1e-9);

  /* Zero hours and a blank title are refused. */
  loaded->hours = 0;
  g_assert_false (cpv_vault_update_jrca_cpd (fixture->vault, loaded, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  loaded->hours = 1;
  g_free (loaded->title);
  loaded->title = g_strdup ("");
  g_assert_false (cpv_jrca_cpd_validate (loaded, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cpv_vault_remove_jrca_cpd (fixture->vault, cpd->id, &error));
  g_assert_no_error (error);
  g_assert_null (cpv_vault_get_jrca_cpd (fixture->vault, cpd->id, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
}

static void
test_load_data (CpvTestVault  *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(GError) error = NULL;
  gint64 first = add_credential (fixture->vault);
  gint64 second = add_credential (fixture->vault);
  const CpvDay starts[] = { D (2026, 5, 1), D (2025, 11, 3), D (2026, 1, 20) };

  /* A credential without registration or records loads empty. */
  data = cpv_vault_load_jrca_data (fixture->vault, first, &error);
  g_assert_no_error (error);
  g_assert_null (data->registration);
  g_assert_cmpuint (data->audits->len, ==, 0);
  g_assert_cmpuint (data->cpd->len, ==, 0);
  g_clear_pointer (&data, cpv_jrca_data_free);

  registration->credential_id = first;
  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->expiry_date = D (2028, 9, 30);
  cpv_vault_add_jrca_registration (fixture->vault, registration, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autoptr(CpvJrcaAudit) audit = new_audit (i == 2 ? second : first, "Org");

      audit->onsite_start = audit->onsite_end = starts[i];
      g_array_set_size (audit->days, 0);
      cpv_jrca_audit_add_day (audit, starts[i], 2.0 + i);
      cpv_vault_add_jrca_audit (fixture->vault, audit, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();

      cpd->credential_id = first;
      cpd->date = D (2026, 3 - i, 1);
      cpd->hours = 1 + i;
      cpd->title = g_strdup ("seminar");
      cpv_vault_add_jrca_cpd (fixture->vault, cpd, &error);
      g_assert_no_error (error);
    }

  data = cpv_vault_load_jrca_data (fixture->vault, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (data->credential_id, ==, first);
  g_assert_nonnull (data->registration);
  g_assert_cmpuint (data->registration->expiry_date, ==, D (2028, 9, 30));
  /* Only this credential's records, oldest first, each with its days. */
  g_assert_cmpuint (data->audits->len, ==, 2);
  g_assert_cmpuint (((CpvJrcaAudit *) data->audits->pdata[0])->onsite_start, ==,
                    D (2025, 11, 3));
  g_assert_cmpuint (((CpvJrcaAudit *) data->audits->pdata[1])->onsite_start, ==,
                    D (2026, 5, 1));
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (data->audits->pdata[0]), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (data->audits->pdata[1]), 0.3, 1e-9);
  g_assert_cmpuint (data->cpd->len, ==, 2);
  g_assert_cmpuint (((CpvJrcaCpd *) data->cpd->pdata[0])->date, ==, D (2026, 2, 1));
  g_clear_pointer (&data, cpv_jrca_data_free);

  g_assert_null (cpv_vault_load_jrca_data (fixture->vault, 9999, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing the credential removes its JRCA records (ON DELETE CASCADE). */
  g_assert_true (cpv_vault_remove_credential (fixture->vault, first, &error));
  g_assert_no_error (error);
  g_assert_null (cpv_vault_get_jrca_registration (fixture->vault, first, &error));
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  data = cpv_vault_load_jrca_data (fixture->vault, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->audits->len, ==, 1);
}

/* The records survive closing and reopening, and nothing readable lands next to the vault. */
static void
test_encrypted_at_rest (CpvTestVault  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(CpvVault) reopened = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 credential_id = add_credential (fixture->vault);

  audit = new_audit (credential_id, "MARKER-ORG-7f3a9c");
  cpv_vault_add_jrca_audit (fixture->vault, audit, &error);
  g_assert_no_error (error);
  cpv_vault_close (fixture->vault);
  g_assert_false (cpv_test_tree_contains (fixture->dir, "MARKER-ORG-7f3a9c"));

  reopened = cpv_vault_open (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cpv_vault_get_schema_version (reopened), >=, 2);
  list = cpv_vault_list_jrca_audits (reopened, credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CpvJrcaAudit *) list->pdata[0])->organisation, ==, "MARKER-ORG-7f3a9c");
  cpv_vault_close (reopened);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/jrca-store/" path, CpvTestVault, NULL, cpv_test_vault_setup, func, \
              cpv_test_vault_teardown)

  ADD ("registration/round-trip", test_registration_round_trip);
  ADD ("registration/invalid", test_registration_invalid);
  ADD ("registration/applicant-name", test_registration_applicant_name);
  ADD ("audit/round-trip", test_audit_round_trip);
  ADD ("audit/invalid", test_audit_invalid);
  ADD ("cpd/round-trip", test_cpd_round_trip);
  ADD ("load-data", test_load_data);
  ADD ("encrypted-at-rest", test_encrypted_at_rest);

#undef ADD

  return g_test_run ();
}
