/* cpv-cli-jrca.c — `jrca registration|audit|cpd|history|sector|check|forms`: the JRCA ISMS
 * auditor workspace (issue 6)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"
#include "cpv-cpd-lint.h"
#include "cpv-jrca-forms.h"
#include "cpv-jrca-sectors.h"
#include "cpv-jrca-store.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define JRCA_PROGRAM "jrca-isms"

static const struct
{
  const char *key;
  guint       bit;
} isms_role_keys[] = {
  { "scope-and-plan", CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN },
  { "document-review", CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW },
  { "risk-assessment", CPV_JRCA_ISMS_ROLE_RISK_ASSESSMENT },
  { "implementation-evaluation", CPV_JRCA_ISMS_ROLE_IMPLEMENTATION_EVAL },
  { "audit-report", CPV_JRCA_ISMS_ROLE_AUDIT_REPORT },
};

static gboolean
invalid_value (GError     **error,
               const char  *option,
               const char  *value,
               const char  *expected)
{
  g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID, "%s must be %s, not '%s'", option,
               expected, value);
  return FALSE;
}

/* The JRCA credential: the one given, or the only jrca-isms credential in the vault. */
static gboolean
resolve_credential (CpvVault    *vault,
                    const char  *text,
                    gint64      *out_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(CpvCredential) credential = NULL;
  gint64 found = 0;
  guint count = 0;

  if (text != NULL)
    {
      if (!cpv_cli_parse_id (text, "credential", out_id, error))
        return FALSE;
      credential = cpv_vault_get_credential (vault, *out_id, error);
      if (credential == NULL)
        return FALSE;
      if (g_strcmp0 (credential->program, JRCA_PROGRAM) != 0)
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                       "Credential %" G_GINT64_FORMAT " is not a JRCA ISMS auditor credential "
                       "(program %s): add one with 'credential add --program " JRCA_PROGRAM "'",
                       *out_id, credential->program);
          return FALSE;
        }
      return TRUE;
    }

  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    return FALSE;
  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCredential *candidate = g_ptr_array_index (credentials, i);

      if (g_strcmp0 (candidate->program, JRCA_PROGRAM) == 0)
        {
          found = candidate->id;
          count++;
        }
    }
  if (count == 1)
    {
      *out_id = found;
      return TRUE;
    }
  g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
               count == 0 ? "The vault holds no JRCA ISMS auditor credential: add one with "
                            "'credential add --program " JRCA_PROGRAM "'"
                          : "The vault holds several JRCA credentials: name one with "
                            "--credential ID");
  return FALSE;
}

static gboolean
parse_optional_date (const char  *text,
                     const char  *option,
                     CpvDay      *out_day,
                     GError     **error)
{
  if (text == NULL)
    return TRUE;
  return cpv_cli_parse_date (text, option, out_day, error);
}

static gboolean
check_texts (GError **error,
             ...)
{
  va_list args;
  gboolean ok = TRUE;

  va_start (args, error);
  for (const char *option = va_arg (args, const char *); option != NULL && ok;
       option = va_arg (args, const char *))
    ok = cpv_cli_check_text (va_arg (args, const char *), option, FALSE, TRUE, error);
  va_end (args);
  return ok;
}

static char *
format_date_or_dash (CpvDay day)
{
  return day != 0 ? cpv_day_format (day) : g_strdup ("-");
}

/* For an edit: a given text replaces the field, and an empty one ("") clears it. */
static void
replace_text (char       **field,
              const char  *value)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return;
  stripped = g_strstrip (g_strdup (value));
  g_free (*field);
  *field = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

/* For an edit: a given --end replaces the last day, and an empty one makes the period go on. */
static gboolean
parse_end_edit (const char  *text,
                CpvDay      *end,
                GError     **error)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      *end = 0;
      return TRUE;
    }
  return cpv_cli_parse_date (stripped, "--end", end, error);
}

/* For the edit of a period: --credential moves it, and --start (@start_day, 0 when not given)
 * and --end replace its days. */
static gboolean
edit_period (CpvVault    *vault,
             const char  *credential_text,
             CpvDay       start_day,
             const char  *end,
             gint64      *credential_id,
             CpvDay      *period_start,
             CpvDay      *period_end,
             GError     **error)
{
  if (credential_text != NULL &&
      !resolve_credential (vault, credential_text, credential_id, error))
    return FALSE;
  if (start_day != 0)
    *period_start = start_day;
  return parse_end_edit (end, period_end, error);
}

static gboolean
contradict (GError     **error,
            gboolean     first,
            const char  *first_option,
            gboolean     second,
            const char  *second_option)
{
  if (first && second)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE, "%s and %s contradict each other",
                   first_option, second_option);
      return TRUE;
    }
  return FALSE;
}

static gboolean
nothing_to_change (GError     **error,
                   const char  *command_line)
{
  g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
               "Nothing to change: give at least one option (see 'cpe-vault-cli %s --help')",
               command_line);
  return FALSE;
}

static void
print_field (const char *label,
             const char *value)
{
  g_print ("%-30s %s\n", label, value != NULL && *value != '\0' ? value : "-");
}

/* registration set|show */

static gboolean
registration_set (CpvCli               *cli,
                  const CpvCliCommand  *command,
                  char               ***argv,
                  GError              **error)
{
  g_autofree char *credential_text = NULL, *grade = NULL, *number = NULL, *applicant = NULL;
  g_autofree char *maintenance = NULL, *expiry = NULL, *previous_maintenance = NULL;
  g_autofree char *previous_renewal = NULL, *downgrade = NULL, *kept = NULL, *cpd_hours = NULL;
  g_auto(GStrv) other_ms = NULL;
  gboolean reupgrade = FALSE, no_reupgrade = FALSE, expert_only = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean help_shown, is_new = FALSE;
  gint64 credential_id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "grade", 0, 0, G_OPTION_ARG_STRING, &grade,
      "assistant, auditor, lead or expert (required the first time)", "GRADE" },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, "Registration number", "TEXT" },
    { "applicant-name", 0, 0, G_OPTION_ARG_STRING, &applicant,
      "Your name (氏名) as the forms print it; \"\" clears it", "NAME" },
    { "maintenance-deadline", 0, 0, G_OPTION_ARG_STRING, &maintenance,
      "維持手続き期限日, YYYY-MM-DD", "DATE" },
    { "expiry", 0, 0, G_OPTION_ARG_STRING, &expiry, "有効期限日, YYYY-MM-DD", "DATE" },
    { "previous-maintenance", 0, 0, G_OPTION_ARG_STRING, &previous_maintenance,
      "JRCA's receipt date of the last maintenance application", "DATE" },
    { "previous-renewal", 0, 0, G_OPTION_ARG_STRING, &previous_renewal,
      "JRCA's receipt date of the last renewal application", "DATE" },
    { "other-lead-ms", 0, 0, G_OPTION_ARG_STRING_ARRAY, &other_ms,
      "A management system in which you are a JRCA lead auditor, e.g. QMS (repeat)", "MS" },
    { "reupgrade", 0, 0, G_OPTION_ARG_NONE, &reupgrade, "Re-upgrade after a downgrade", NULL },
    { "no-reupgrade", 0, 0, G_OPTION_ARG_NONE, &no_reupgrade, "Not a re-upgrade", NULL },
    { "downgrade-date", 0, 0, G_OPTION_ARG_STRING, &downgrade, "When the downgrade took effect",
      "DATE" },
    { "expert-only", 0, 0, G_OPTION_ARG_NONE, &expert_only,
      "Expert auditor without another ISMS grade", NULL },
    { "kept-grade", 0, 0, G_OPTION_ARG_STRING, &kept,
      "Expert auditor: the grade kept alongside (assistant, auditor or lead)", "GRADE" },
    { "cpd-hours", 0, 0, G_OPTION_ARG_STRING, &cpd_hours,
      "Yearly CPD hours JRCA asks of you (the source states none except expert-only)", "N" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Creates the registration or changes the given "
                      "fields.", argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!check_texts (error, "--number", number, NULL) ||
      (applicant != NULL &&
       !cpv_cli_check_text (applicant, "--applicant-name", FALSE, FALSE, error)))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  registration = cpv_vault_get_jrca_registration (vault, credential_id, &local_error);
  if (registration == NULL)
    {
      if (!g_error_matches (local_error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (grade == NULL)
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                       "--grade is required for a new registration");
          return FALSE;
        }
      registration = cpv_jrca_registration_new ();
      registration->credential_id = credential_id;
      is_new = TRUE;
    }

  if (grade != NULL && !cpv_jrca_grade_from_key (grade, &registration->grade))
    return invalid_value (error, "--grade", grade, "assistant, auditor, lead or expert");
  if (kept != NULL && !cpv_jrca_grade_from_key (kept, &registration->expert_kept_grade))
    return invalid_value (error, "--kept-grade", kept, "assistant, auditor or lead");
  if (number != NULL)
    {
      g_free (registration->registration_number);
      registration->registration_number = g_strdup (number);
    }
  replace_text (&registration->applicant_name, applicant);
  if (!parse_optional_date (maintenance, "--maintenance-deadline",
                            &registration->maintenance_deadline, error) ||
      !parse_optional_date (expiry, "--expiry", &registration->expiry_date, error) ||
      !parse_optional_date (previous_maintenance, "--previous-maintenance",
                            &registration->previous_maintenance_application, error) ||
      !parse_optional_date (previous_renewal, "--previous-renewal",
                            &registration->previous_renewal_application, error) ||
      !parse_optional_date (downgrade, "--downgrade-date", &registration->downgrade_date, error))
    return FALSE;
  if (cpd_hours != NULL &&
      !cpv_cli_parse_amount (cpd_hours, "--cpd-hours", &registration->cpd_hours_required, error))
    return FALSE;
  if (other_ms != NULL)
    {
      g_strfreev (registration->other_lead_ms);
      registration->other_lead_ms = g_strdupv (other_ms);
    }
  if (reupgrade)
    registration->reupgrade = TRUE;
  if (no_reupgrade)
    registration->reupgrade = FALSE;
  if (expert_only)
    registration->expert_only = TRUE;

  if (is_new)
    return cpv_vault_add_jrca_registration (vault, registration, error) > 0;
  return cpv_vault_update_jrca_registration (vault, registration, error);
}

static gboolean
registration_show (CpvCli               *cli,
                   const CpvCliCommand  *command,
                   char               ***argv,
                   GError              **error)
{
  g_autofree char *credential_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  g_autofree char *maintenance = NULL, *expiry = NULL, *previous_maintenance = NULL;
  g_autofree char *previous_renewal = NULL, *other = NULL, *cpd = NULL;
  gboolean help_shown;
  gint64 credential_id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, NULL, argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  registration = cpv_vault_get_jrca_registration (vault, credential_id, error);
  if (registration == NULL)
    return FALSE;

  maintenance = format_date_or_dash (registration->maintenance_deadline);
  expiry = format_date_or_dash (registration->expiry_date);
  previous_maintenance = format_date_or_dash (registration->previous_maintenance_application);
  previous_renewal = format_date_or_dash (registration->previous_renewal_application);
  other = registration->other_lead_ms != NULL ? g_strjoinv (", ", registration->other_lead_ms)
                                              : NULL;
  cpd = registration->cpd_hours_required >= 0
        ? cpv_cli_format_amount (registration->cpd_hours_required) : NULL;
  print_field ("Grade", cpv_jrca_grade_to_key (registration->grade));
  print_field ("Registration number", registration->registration_number);
  print_field ("Name on forms", registration->applicant_name);
  print_field ("Maintenance deadline", maintenance);
  print_field ("Expiry date", expiry);
  print_field ("Previous maintenance application", previous_maintenance);
  print_field ("Previous renewal application", previous_renewal);
  print_field ("Lead auditor in other MS", other);
  print_field ("Re-upgrade", registration->reupgrade ? "yes" : "no");
  print_field ("Expert only", registration->expert_only ? "yes" : "no");
  print_field ("Yearly CPD hours", cpd);
  return TRUE;
}

/* audit add|list|show|remove */

static gboolean
parse_day_hours (const char   *text,
                 CpvJrcaAudit *audit,
                 GError      **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *date = NULL;
  CpvDay day;
  double hours;

  if (equals == NULL)
    return invalid_value (error, "--day", text, "DATE=HOURS, such as 2026-04-01=7.5");
  date = g_strndup (text, equals - text);
  if (!cpv_cli_parse_date (date, "--day", &day, error) ||
      !cpv_cli_parse_amount (equals + 1, "--day hours", &hours, error))
    return FALSE;
  cpv_jrca_audit_add_day (audit, day, hours);
  return TRUE;
}

static gboolean
parse_isms_roles (const char  *text,
                  guint       *out_roles,
                  GError     **error)
{
  g_auto(GStrv) keys = g_strsplit (text, ",", -1);
  guint roles = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = g_strstrip (keys[i]);
      gboolean known = FALSE;

      if (*key == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (isms_role_keys); j++)
        if (strcmp (key, isms_role_keys[j].key) == 0)
          {
            roles |= isms_role_keys[j].bit;
            known = TRUE;
          }
      if (!known)
        return invalid_value (error, "--isms-roles", key,
                              "a comma-separated list of scope-and-plan, document-review, "
                              "risk-assessment, implementation-evaluation, audit-report");
    }
  *out_roles = roles;
  return TRUE;
}

static gboolean
audit_add (CpvCli               *cli,
           const CpvCliCommand  *command,
           char               ***argv,
           GError              **error)
{
  g_autofree char *credential_text = NULL, *organisation = NULL, *organisation_id = NULL;
  g_autofree char *body = NULL, *ms = NULL, *type = NULL, *start = NULL, *end = NULL;
  g_autofree char *role = NULL, *isms_roles = NULL, *team_leader = NULL, *team_lead = NULL;
  g_autofree char *team_lead_number = NULL, *team_lead_name = NULL, *contact = NULL;
  g_auto(GStrv) days = NULL;
  gboolean iaf = FALSE, combined = FALSE, attested_org = FALSE, attested_body = FALSE;
  gboolean schedule = FALSE, report = FALSE, form_3a = FALSE, masked = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();
  gboolean help_shown;
  gint64 id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      "Audited organisation, a name that shows the scope (required)", "TEXT" },
    { "organisation-id", 0, 0, G_OPTION_ARG_STRING, &organisation_id,
      "Certificate registration, case or application number", "TEXT" },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, "Certification body or auditing organisation",
      "TEXT" },
    { "iaf-accredited", 0, 0, G_OPTION_ARG_NONE, &iaf,
      "The body is accredited by an IAF member (e.g. JAB)", NULL },
    { "ms", 0, 0, G_OPTION_ARG_STRING, &ms, "Management system (default ISMS)", "MS" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      "Audit type, e.g. stage 2, recertification, surveillance", "TEXT" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "First on-site day (required)", "DATE" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, "Last on-site day (default: the first)", "DATE" },
    { "day", 0, 0, G_OPTION_ARG_STRING_ARRAY, &days,
      "On-site ISMS hours of one day (repeat for each day)", "DATE=HOURS" },
    { "combined", 0, 0, G_OPTION_ARG_NONE, &combined, "Combined or integrated audit", NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "leader, member, ojt or observer (required)",
      "ROLE" },
    { "isms-roles", 0, 0, G_OPTION_ARG_STRING, &isms_roles,
      "ISMS-specific roles performed: scope-and-plan, document-review, risk-assessment, "
      "implementation-evaluation, audit-report", "LIST" },
    { "team-leader", 0, 0, G_OPTION_ARG_STRING, &team_leader,
      "Team leader's name when you were not the leader", "NAME" },
    { "team-lead", 0, 0, G_OPTION_ARG_STRING, &team_lead,
      "JRCA lead or expert auditor on the team: none, self or other", "WHO" },
    { "team-lead-number", 0, 0, G_OPTION_ARG_STRING, &team_lead_number,
      "Their registration number", "TEXT" },
    { "team-lead-name", 0, 0, G_OPTION_ARG_STRING, &team_lead_name, "Their name", "NAME" },
    { "attested-by-org", 0, 0, G_OPTION_ARG_NONE, &attested_org,
      "Attested by the organisation's management representative", NULL },
    { "attested-by-body", 0, 0, G_OPTION_ARG_NONE, &attested_body,
      "Attested by the certification body", NULL },
    { "schedule", 0, 0, G_OPTION_ARG_NONE, &schedule, "Audit schedule copy for each day", NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, &report, "Audit report copy", NULL },
    { "form-3a", 0, 0, G_OPTION_ARG_NONE, &form_3a,
      "Capability confirmation (form 3A) from a qualified instructor", NULL },
    { "masked", 0, 0, G_OPTION_ARG_NONE, &masked, "Details in the copies are masked", NULL },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact,
      "Organisation's contact details (form 5D)", "TEXT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Prints the id of the new audit record.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_check_text (organisation, "--organisation", TRUE, FALSE, error) ||
      !cpv_cli_check_text (start, "--start", TRUE, FALSE, error) ||
      !cpv_cli_check_text (role, "--role", TRUE, FALSE, error) ||
      !check_texts (error, "--organisation-id", organisation_id, "--body", body, "--ms", ms,
                    "--type", type, "--team-leader", team_leader, "--team-lead-number",
                    team_lead_number, "--team-lead-name", team_lead_name, "--contact", contact,
                    NULL))
    return FALSE;
  if (!cpv_jrca_role_from_key (role, &audit->role))
    return invalid_value (error, "--role", role, "leader, member, ojt or observer");
  if (team_lead != NULL && !cpv_jrca_team_lead_from_key (team_lead, &audit->team_lead))
    return invalid_value (error, "--team-lead", team_lead, "none, self or other");
  if (!cpv_cli_parse_date (start, "--start", &audit->onsite_start, error) ||
      !parse_optional_date (end, "--end", &audit->onsite_end, error))
    return FALSE;
  if (isms_roles != NULL && !parse_isms_roles (isms_roles, &audit->isms_roles, error))
    return FALSE;
  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    if (!parse_day_hours (days[i], audit, error))
      return FALSE;

  audit->organisation = g_strdup (organisation);
  audit->organisation_id = g_strdup (organisation_id);
  audit->certification_body = g_strdup (body);
  audit->body_iaf_accredited = iaf;
  audit->management_system = g_strdup (ms != NULL ? ms : "ISMS");
  audit->audit_type = g_strdup (type);
  audit->combined = combined;
  audit->team_leader_name = g_strdup (team_leader);
  audit->team_lead_number = g_strdup (team_lead_number);
  audit->team_lead_name = g_strdup (team_lead_name);
  audit->attested_by_org = attested_org;
  audit->attested_by_body = attested_body;
  audit->has_schedule = schedule;
  audit->has_report = report;
  audit->has_form_3a = form_3a;
  audit->masked = masked;
  audit->contact = g_strdup (contact);

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &audit->credential_id, error))
    return FALSE;
  id = cpv_vault_add_jrca_audit (vault, audit, error);
  if (id == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
audit_list (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  g_autofree char *credential_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;
  gint64 credential_id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Oldest first, as forms 5C and 5D list them.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  audits = cpv_vault_list_jrca_audits (vault, credential_id, error);
  if (audits == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "START", "END", "MS", "ROLE", "DAYS", "EVIDENCE",
                             "ORGANISATION", NULL);
  for (guint i = 0; i < audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (audits, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, audit->id);
      g_autofree char *start = cpv_day_format (audit->onsite_start);
      g_autofree char *end = cpv_day_format (audit->onsite_end);
      g_autofree char *days = g_strdup_printf ("%.1f", cpv_jrca_audit_days (audit));

      cpv_cli_table_add_row (table, id, start, end, audit->management_system,
                             cpv_jrca_role_to_key (audit->role), days,
                             cpv_jrca_audit_has_evidence (audit) ? "yes" : "no",
                             audit->organisation);
    }
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

static gboolean
audit_show (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autofree char *start = NULL, *end = NULL;
  gboolean help_shown;
  gint64 audit_id;
  guint tenths = 0;

  if (!cpv_cli_parse (cli, command, NULL, "Shows the record with its day arithmetic "
                      "(JRCA-DAYS-1).", argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "audit", &audit_id, error))
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  audit = cpv_vault_get_jrca_audit (vault, audit_id, error);
  if (audit == NULL)
    return FALSE;

  start = cpv_day_format (audit->onsite_start);
  end = cpv_day_format (audit->onsite_end);
  print_field ("Organisation", audit->organisation);
  print_field ("Organisation id", audit->organisation_id);
  print_field ("Certification body", audit->certification_body);
  print_field ("IAF-accredited body", audit->body_iaf_accredited ? "yes" : "no");
  print_field ("Management system", audit->management_system);
  print_field ("Audit type", audit->audit_type);
  print_field ("On-site", start);
  print_field ("Until", end);
  print_field ("Role", cpv_jrca_role_to_key (audit->role));
  print_field ("Combined or integrated", audit->combined ? "yes" : "no");
  for (guint i = 0; i < audit->days->len; i++)
    {
      const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, i);
      g_autofree char *date = cpv_day_format (day->date);
      g_autofree char *hours = cpv_cli_format_amount (day->isms_hours);
      guint day_tenths = cpv_jrca_day_tenths (day->isms_hours);
      g_autofree char *line = NULL;

      tenths += day_tenths;
      if (day_tenths >= 10)
        line = g_strdup_printf ("%s h -> 1.0 day (6 h or more)", hours);
      else
        line = g_strdup_printf ("%s h / 6 = %.2f -> %u.%u day", hours,
                                floor (day->isms_hours / 6.0 * 100.0 + 1e-9) / 100.0,
                                day_tenths / 10, day_tenths % 10);
      print_field (date, line);
    }
  {
    g_autofree char *total = g_strdup_printf ("%u.%u", tenths / 10, tenths % 10);

    print_field ("On-site days", total);
  }
  print_field ("Attested by the organisation", audit->attested_by_org ? "yes" : "no");
  print_field ("Attested by the body", audit->attested_by_body ? "yes" : "no");
  print_field ("Schedule", audit->has_schedule ? "yes" : "no");
  print_field ("Report", audit->has_report ? "yes" : "no");
  print_field ("Form 3A", audit->has_form_3a ? "yes" : "no");
  print_field ("Evidence complete", cpv_jrca_audit_has_evidence (audit) ? "yes" : "no");
  print_field ("All ISMS-specific roles", cpv_jrca_audit_all_isms_roles (audit) ? "yes" : "no");
  return TRUE;
}

static gboolean
remove_record (CpvCli               *cli,
               const CpvCliCommand  *command,
               char               ***argv,
               const char           *what,
               gboolean            (*remove) (CpvVault *, gint64, GError **),
               GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  gboolean help_shown;
  gint64 id;

  if (!cpv_cli_parse (cli, command, NULL, NULL, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], what, &id, error))
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  return vault != NULL && remove (vault, id, error);
}

static gboolean
audit_remove (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  return remove_record (cli, command, argv, "audit", cpv_vault_remove_jrca_audit, error);
}

/* cpd add|list|remove */

static gboolean
cpd_add (CpvCli               *cli,
         const CpvCliCommand  *command,
         char               ***argv,
         GError              **error)
{
  g_autofree char *credential_text = NULL, *date = NULL, *hours = NULL, *kind = NULL;
  g_autofree char *title = NULL, *provider = NULL, *purpose = NULL, *learned = NULL;
  gboolean certificate = FALSE, program = FALSE, signature = FALSE, schedule = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  g_autoptr(GArray) problems = NULL;
  gboolean help_shown;
  gint64 id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Day of the activity (required)", "DATE" },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, "Hours (required)", "N" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      "jrca-course, iaf-body-training, other-training, self-study or audit-experience "
      "(required)", "KIND" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Title or theme (required)", "TEXT" },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, "Organiser or material", "TEXT" },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose, "Form 4B: purpose (目的)", "TEXT" },
    { "learned", 0, 0, G_OPTION_ARG_STRING, &learned, "Form 4B: what you learned (習得内容)",
      "TEXT" },
    { "certificate", 0, 0, G_OPTION_ARG_NONE, &certificate, "Completion certificate", NULL },
    { "program", 0, 0, G_OPTION_ARG_NONE, &program, "Copy of the programme", NULL },
    { "body-signature", 0, 0, G_OPTION_ARG_NONE, &signature,
      "The body's signature on form 4A", NULL },
    { "schedule", 0, 0, G_OPTION_ARG_NONE, &schedule, "Audit schedule (audit experience)", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Prints the id of the new CPD record. The form 4B "
                      "text is checked (JRCA-CPD-3); notes go to standard error and never "
                      "stop the record from being saved.", argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_check_text (date, "--date", TRUE, FALSE, error) ||
      !cpv_cli_check_text (hours, "--hours", TRUE, FALSE, error) ||
      !cpv_cli_check_text (kind, "--kind", TRUE, FALSE, error) ||
      !cpv_cli_check_text (title, "--title", TRUE, FALSE, error) ||
      !check_texts (error, "--provider", provider, "--purpose", purpose, "--learned", learned,
                    NULL))
    return FALSE;
  if (!cpv_jrca_cpd_kind_from_key (kind, &cpd->kind))
    return invalid_value (error, "--kind", kind, "jrca-course, iaf-body-training, "
                          "other-training, self-study or audit-experience");
  if (!cpv_cli_parse_date (date, "--date", &cpd->date, error) ||
      !cpv_cli_parse_amount (hours, "--hours", &cpd->hours, error))
    return FALSE;
  cpd->title = g_strdup (title);
  cpd->provider = g_strdup (provider);
  cpd->purpose = g_strdup (purpose);
  cpd->learned = g_strdup (learned);
  cpd->has_certificate = certificate;
  cpd->has_program = program;
  cpd->body_signature = signature;
  cpd->has_schedule = schedule;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &cpd->credential_id, error))
    return FALSE;
  id = cpv_vault_add_jrca_cpd (vault, cpd, error);
  if (id == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", id);

  problems = cpv_cpd_lint (learned);
  for (guint i = 0; i < problems->len; i++)
    {
      const CpvCpdLintProblem *problem = &g_array_index (problems, CpvCpdLintProblem, i);

      g_printerr ("cpe-vault-cli: note: %s (%s): %s Seed example: %s\n", problem->rule,
                  cpv_cpd_lint_kind_to_key (problem->kind), problem->reason,
                  problem->seed_example);
    }
  return TRUE;
}

static gboolean
cpd_list (CpvCli               *cli,
          const CpvCliCommand  *command,
          char               ***argv,
          GError              **error)
{
  g_autofree char *credential_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;
  gint64 credential_id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "NOTES names the form 4B problems found "
                      "(JRCA-CPD-3).", argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  records = cpv_vault_list_jrca_cpd (vault, credential_id, error);
  if (records == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "DATE", "HOURS", "KIND", "NOTES", "TITLE", NULL);
  for (guint i = 0; i < records->len; i++)
    {
      const CpvJrcaCpd *cpd = g_ptr_array_index (records, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cpd->id);
      g_autofree char *date = cpv_day_format (cpd->date);
      g_autofree char *hours = cpv_cli_format_amount (cpd->hours);
      g_autoptr(GArray) problems = cpv_cpd_lint (cpd->learned);
      g_autoptr(GString) notes = g_string_new (NULL);

      for (guint j = 0; j < problems->len; j++)
        g_string_append_printf (notes, "%s%s", j > 0 ? "," : "",
                                cpv_cpd_lint_kind_to_key (g_array_index (problems,
                                                                         CpvCpdLintProblem,
                                                                         j).kind));
      cpv_cli_table_add_row (table, id, date, hours, cpv_jrca_cpd_kind_to_key (cpd->kind),
                             notes->len > 0 ? notes->str : "-", cpd->title);
    }
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

static gboolean
cpd_remove (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  return remove_record (cli, command, argv, "cpd", cpv_vault_remove_jrca_cpd, error);
}

/* history add|edit|list, sector add|edit|list */

static gboolean
history_add (CpvCli               *cli,
             const CpvCliCommand  *command,
             char               ***argv,
             GError              **error)
{
  g_autofree char *credential_text = NULL, *start = NULL, *end = NULL;
  g_autofree char *organisation = NULL, *department = NULL, *duties = NULL;
  gboolean it = FALSE, security = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaWork) work = cpv_jrca_work_new ();
  gboolean help_shown;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "First day (required)", "DATE" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, "Last day (omit for the current position)",
      "DATE" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, "Employer (required)", "TEXT" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department, "Department", "TEXT" },
    { "duties", 0, 0, G_OPTION_ARG_STRING, &duties, "Duties (業務概要)", "TEXT" },
    { "it", 0, 0, G_OPTION_ARG_NONE, &it, "Information-technology experience", NULL },
    { "security", 0, 0, G_OPTION_ARG_NONE, &security,
      "Information-security management experience", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "One period of form 2B; split periods when the "
                      "department or duties change. Prints its id.", argv, 0, 0, &help_shown,
                      error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_check_text (start, "--start", TRUE, FALSE, error) ||
      !cpv_cli_check_text (organisation, "--organisation", TRUE, FALSE, error) ||
      !check_texts (error, "--department", department, "--duties", duties, NULL) ||
      !cpv_cli_parse_date (start, "--start", &work->start, error) ||
      !parse_optional_date (end, "--end", &work->end, error))
    return FALSE;
  work->organisation = g_strdup (organisation);
  work->department = g_strdup (department);
  work->duties = g_strdup (duties);
  work->kinds = (it ? CPV_JRCA_WORK_IT : 0) | (security ? CPV_JRCA_WORK_SECURITY : 0);

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &work->credential_id, error))
    return FALSE;
  if (cpv_vault_add_jrca_work (vault, work, error) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", work->id);
  return TRUE;
}

static gboolean
history_edit (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  g_autofree char *credential_text = NULL, *start = NULL, *end = NULL;
  g_autofree char *organisation = NULL, *department = NULL, *duties = NULL;
  gboolean it = FALSE, no_it = FALSE, security = FALSE, no_security = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaWork) work = NULL;
  gboolean help_shown;
  gint64 id;
  CpvDay start_day = 0;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "Move the period to this JRCA credential", "ID" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "First day", "DATE" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end,
      "Last day (\"\" for the current position)", "DATE" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, "Employer", "TEXT" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department, "Department", "TEXT" },
    { "duties", 0, 0, G_OPTION_ARG_STRING, &duties, "Duties (業務概要)", "TEXT" },
    { "it", 0, 0, G_OPTION_ARG_NONE, &it, "Information-technology experience", NULL },
    { "no-it", 0, 0, G_OPTION_ARG_NONE, &no_it, "No information-technology experience", NULL },
    { "security", 0, 0, G_OPTION_ARG_NONE, &security,
      "Information-security management experience", NULL },
    { "no-security", 0, 0, G_OPTION_ARG_NONE, &no_security,
      "No information-security management experience", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Changes only the fields given; an empty text "
                      "(\"\") clears an optional one.", argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "jrca history", &id, error) ||
      contradict (error, it, "--it", no_it, "--no-it") ||
      contradict (error, security, "--security", no_security, "--no-security"))
    return FALSE;
  if (credential_text == NULL && start == NULL && end == NULL && organisation == NULL &&
      department == NULL && duties == NULL && !it && !no_it && !security && !no_security)
    return nothing_to_change (error, "jrca history edit");
  if ((start != NULL && !cpv_cli_check_text (start, "--start", TRUE, FALSE, error)) ||
      (organisation != NULL &&
       !cpv_cli_check_text (organisation, "--organisation", TRUE, FALSE, error)) ||
      !check_texts (error, "--department", department, "--duties", duties, NULL) ||
      (start != NULL && !cpv_cli_parse_date (start, "--start", &start_day, error)))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  work = cpv_vault_get_jrca_work (vault, id, error);
  if (work == NULL)
    return FALSE;
  if (!edit_period (vault, credential_text, start_day, end, &work->credential_id, &work->start,
                    &work->end, error))
    return FALSE;
  replace_text (&work->organisation, organisation);
  replace_text (&work->department, department);
  replace_text (&work->duties, duties);
  if (it || no_it)
    work->kinds = it ? work->kinds | CPV_JRCA_WORK_IT : work->kinds & ~(guint) CPV_JRCA_WORK_IT;
  if (security || no_security)
    work->kinds = security ? work->kinds | CPV_JRCA_WORK_SECURITY
                           : work->kinds & ~(guint) CPV_JRCA_WORK_SECURITY;
  return cpv_vault_update_jrca_work (vault, work, error);
}

static gboolean
parse_on (const char  *text,
          CpvDay      *out_on,
          GError     **error)
{
  *out_on = cpv_day_today ();
  return parse_optional_date (text, "--on", out_on, error);
}

static gboolean
history_list (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  g_autofree char *credential_text = NULL, *on_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) work = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  CpvJrcaCheck check;
  gboolean help_shown;
  gint64 credential_id;
  CpvDay on;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, "Application date (default: today)", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Newest first, with the JRCA-HIST-1 totals.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_on (on_text, &on, error))
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  work = cpv_vault_list_jrca_work (vault, credential_id, error);
  if (work == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "START", "END", "IT", "SECURITY", "ORGANISATION",
                             "DEPARTMENT", NULL);
  for (guint i = 0; i < work->len; i++)
    {
      const CpvJrcaWork *period = g_ptr_array_index (work, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, period->id);
      g_autofree char *start = cpv_day_format (period->start);
      g_autofree char *end = period->end != 0 ? cpv_day_format (period->end)
                                              : g_strdup ("current");

      cpv_cli_table_add_row (table, id, start, end,
                             (period->kinds & CPV_JRCA_WORK_IT) ? "yes" : "no",
                             (period->kinds & CPV_JRCA_WORK_SECURITY) ? "yes" : "no",
                             period->organisation,
                             period->department != NULL ? period->department : "-");
    }
  cpv_cli_table_print (table, stdout);
  cpv_jrca_check_history (work, on, &check);
  g_print ("\nJRCA-HIST-1 (last 10 years, overlaps counted once):\n"
           "  IT experience: %.0f of %.0f days (%s)\n"
           "  Information-security management: %.0f of %.0f days (%s)\n",
           check.lines[0].earned, check.lines[0].required, check.lines[0].met ? "met" : "short",
           check.lines[1].earned, check.lines[1].required, check.lines[1].met ? "met" : "short");
  return TRUE;
}

static gboolean
sector_add (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  g_autofree char *credential_text = NULL, *sector = NULL, *start = NULL, *end = NULL;
  g_autofree char *organisation = NULL, *duties = NULL;
  gboolean part_time = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaSectorWork) period = cpv_jrca_sector_work_new ();
  gboolean help_shown;
  guint64 number = 0;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "sector", 0, 0, G_OPTION_ARG_STRING, &sector,
      "Business sector of annex 3, 1 to 39 (required)", "N" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "First day (required)", "DATE" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, "Last day (omit while it goes on)", "DATE" },
    { "part-time", 0, 0, G_OPTION_ARG_NONE, &part_time,
      "Part-time or trainee work (never counts)", NULL },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, "Employer", "TEXT" },
    { "duties", 0, 0, G_OPTION_ARG_STRING, &duties, "Duties", "TEXT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "One period of form 2C. Prints its id.", argv, 0,
                      0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_check_text (sector, "--sector", TRUE, FALSE, error) ||
      !cpv_cli_check_text (start, "--start", TRUE, FALSE, error) ||
      !check_texts (error, "--organisation", organisation, "--duties", duties, NULL))
    return FALSE;
  if (!g_ascii_string_to_unsigned (sector, 10, 1, CPV_JRCA_N_SECTORS, &number, NULL))
    return invalid_value (error, "--sector", sector, "a number from 1 to 39 (annex 3)");
  if (!cpv_cli_parse_date (start, "--start", &period->start, error) ||
      !parse_optional_date (end, "--end", &period->end, error))
    return FALSE;
  period->sector = (guint) number;
  period->full_time = !part_time;
  period->organisation = g_strdup (organisation);
  period->duties = g_strdup (duties);

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL ||
      !resolve_credential (vault, credential_text, &period->credential_id, error))
    return FALSE;
  if (cpv_vault_add_jrca_sector_work (vault, period, error) == 0)
    return FALSE;
  g_print ("%" G_GINT64_FORMAT "\n", period->id);
  return TRUE;
}

static gboolean
sector_edit (CpvCli               *cli,
             const CpvCliCommand  *command,
             char               ***argv,
             GError              **error)
{
  g_autofree char *credential_text = NULL, *sector = NULL, *start = NULL, *end = NULL;
  g_autofree char *organisation = NULL, *duties = NULL;
  gboolean part_time = FALSE, full_time = FALSE;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaSectorWork) period = NULL;
  gboolean help_shown;
  guint64 number = 0;
  gint64 id;
  CpvDay start_day = 0;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "Move the period to this JRCA credential", "ID" },
    { "sector", 0, 0, G_OPTION_ARG_STRING, &sector, "Business sector of annex 3, 1 to 39",
      "N" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "First day", "DATE" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, "Last day (\"\" while it goes on)", "DATE" },
    { "part-time", 0, 0, G_OPTION_ARG_NONE, &part_time,
      "Part-time or trainee work (never counts)", NULL },
    { "full-time", 0, 0, G_OPTION_ARG_NONE, &full_time, "Full-time work", NULL },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, "Employer", "TEXT" },
    { "duties", 0, 0, G_OPTION_ARG_STRING, &duties, "Duties", "TEXT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "Changes only the fields given; an empty text "
                      "(\"\") clears an optional one.", argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "jrca sector", &id, error) ||
      contradict (error, part_time, "--part-time", full_time, "--full-time"))
    return FALSE;
  if (credential_text == NULL && sector == NULL && start == NULL && end == NULL &&
      organisation == NULL && duties == NULL && !part_time && !full_time)
    return nothing_to_change (error, "jrca sector edit");
  if ((sector != NULL && !cpv_cli_check_text (sector, "--sector", TRUE, FALSE, error)) ||
      (start != NULL && !cpv_cli_check_text (start, "--start", TRUE, FALSE, error)) ||
      !check_texts (error, "--organisation", organisation, "--duties", duties, NULL))
    return FALSE;
  if (sector != NULL &&
      !g_ascii_string_to_unsigned (sector, 10, 1, CPV_JRCA_N_SECTORS, &number, NULL))
    return invalid_value (error, "--sector", sector, "a number from 1 to 39 (annex 3)");
  if (start != NULL && !cpv_cli_parse_date (start, "--start", &start_day, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  period = cpv_vault_get_jrca_sector_work (vault, id, error);
  if (period == NULL)
    return FALSE;
  if (!edit_period (vault, credential_text, start_day, end, &period->credential_id,
                    &period->start, &period->end, error))
    return FALSE;
  if (sector != NULL)
    period->sector = (guint) number;
  if (part_time || full_time)
    period->full_time = full_time;
  replace_text (&period->organisation, organisation);
  replace_text (&period->duties, duties);
  return cpv_vault_update_jrca_sector_work (vault, period, error);
}

static gboolean
sector_list (CpvCli               *cli,
             const CpvCliCommand  *command,
             char               ***argv,
             GError              **error)
{
  g_autofree char *credential_text = NULL, *on_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;
  gint64 credential_id;
  CpvDay on;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, "Count up to this day (default: today)",
      "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, "DAYS is the sector's full-time total, counted "
                      "once, without periods that overlap another sector (JRCA-SECTOR-1).",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_on (on_text, &on, error))
    return FALSE;
  names = cpv_jrca_sectors_load (NULL, error);
  if (names == NULL)
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  periods = cpv_vault_list_jrca_sector_work (vault, credential_id, error);
  if (periods == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "SECTOR", "START", "END", "FULL-TIME", "DAYS", "QUALIFIES",
                             "NAME", NULL);
  for (guint i = 0; i < periods->len; i++)
    {
      const CpvJrcaSectorWork *period = g_ptr_array_index (periods, i);
      const CpvJrcaSector *sector = cpv_jrca_sectors_lookup (names, period->sector);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, period->id);
      g_autofree char *number = g_strdup_printf ("%u", period->sector);
      g_autofree char *start = cpv_day_format (period->start);
      g_autofree char *end = period->end != 0 ? cpv_day_format (period->end)
                                              : g_strdup ("current");
      g_autofree char *days = g_strdup_printf ("%u", cpv_jrca_sector_days (periods,
                                                                          period->sector, on));

      cpv_cli_table_add_row (table, id, number, start, end, period->full_time ? "yes" : "no",
                             days,
                             cpv_jrca_sector_qualifies (periods, period->sector, on) ? "yes"
                                                                                     : "no",
                             sector != NULL ? sector->name_ja : "-");
    }
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

/* check, forms */

static gboolean
jrca_check (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  g_autofree char *credential_text = NULL, *on_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(GPtrArray) requirements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  g_autoptr(GPtrArray) deadlines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  g_autoptr(CpvCliTable) table = NULL;
  g_autofree char *on_iso = NULL;
  gboolean help_shown;
  gint64 credential_id;
  CpvDay on, due;
  CpvJrcaProcedure procedure;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      "The day to check for, taken as the application date (default: today)", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Maintenance or renewal readiness with what is missing, upgrade "
                      "eligibility (normal and relaxed routes), the application window, the "
                      "restoration limit and the expert-only 5 h of CPD.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_on (on_text, &on, error))
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  data = cpv_vault_load_jrca_data (vault, credential_id, error);
  if (data == NULL)
    return FALSE;
  cpv_jrca_evaluate (data, NULL, on, requirements, deadlines, findings);

  on_iso = cpv_day_format (on);
  g_print ("JRCA ISMS auditor, checked for %s\n", on_iso);
  if (data->registration != NULL)
    {
      procedure = cpv_jrca_next_procedure (data->registration, &due);
      if (procedure != CPV_JRCA_PROCEDURE_NONE)
        {
          g_autofree char *due_iso = cpv_day_format (due);

          g_print ("Grade: %s; next procedure: %s, due %s\n",
                   cpv_jrca_grade_to_key (data->registration->grade),
                   procedure == CPV_JRCA_PROCEDURE_RENEWAL ? "renewal" : "maintenance",
                   due_iso);
        }
    }

  g_print ("\nRequirements:\n");
  table = cpv_cli_table_new ("STATUS", "REQUIRED", "EARNED", "KIND", "WHAT", NULL);
  for (guint i = 0; i < requirements->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (requirements, i);
      g_autofree char *required = cpv_cli_format_amount (requirement->required);
      g_autofree char *earned = cpv_cli_format_amount (requirement->earned);

      cpv_cli_table_add_row (table, requirement->met ? "met" : "MISSING", required, earned,
                             requirement->kind,
                             requirement->label != NULL ? requirement->label : "-");
    }
  cpv_cli_table_print (table, stdout);

  g_print ("\nDates:\n");
  for (guint i = 0; i < deadlines->len; i++)
    {
      const CpvDeadline *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *date = cpv_day_format (deadline->date);

      g_print ("  %s  %-20s %s\n", date, deadline->kind,
               deadline->label != NULL ? deadline->label : "");
    }

  if (findings->len > 0)
    g_print ("\nFindings:\n");
  for (guint i = 0; i < findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (findings, i);

      g_print ("  %s %s: %s\n", finding->severity == CPV_SEVERITY_ERROR ? "error" : "warning",
               finding->rule, finding->text);
    }
  return TRUE;
}

static gboolean
jrca_forms (CpvCli               *cli,
            const CpvCliCommand  *command,
            char               ***argv,
            GError              **error)
{
  g_autofree char *credential_text = NULL, *out = NULL, *on_text = NULL, *name = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(GPtrArray) sector_names = NULL;
  g_autoptr(GPtrArray) files = NULL;
  CpvJrcaFormsOptions options = { NULL, 0, NULL };
  gboolean help_shown;
  gint64 credential_id;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Directory to write into (required)", "DIR" },
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The JRCA credential (default: the only one)", "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, "Application date (default: today)", "DATE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      "Your name for forms 4A, 5C and 5D (default: the registration's --applicant-name)",
      "NAME" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Writes forms 2B, 2C, 4A, 4B, 5A (one PDF per record), 5C and 5D as PDF "
                      "and CSV, and prints the file names. The PDFs are aids to copy into "
                      "JRCA's official forms, not the forms themselves. They hold your records "
                      "unencrypted: keep the directory private.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (out == NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE, "--out is required");
      return FALSE;
    }
  if (!g_file_test (out, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--out must name an existing directory, not '%s'", out);
      return FALSE;
    }
  if (!check_texts (error, "--name", name, NULL) || !parse_on (on_text, &options.on, error))
    return FALSE;
  sector_names = cpv_jrca_sectors_load (NULL, error);
  if (sector_names == NULL)
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !resolve_credential (vault, credential_text, &credential_id, error))
    return FALSE;
  data = cpv_vault_load_jrca_data (vault, credential_id, error);
  if (data == NULL)
    return FALSE;

  options.applicant_name = name;
  options.sector_names = sector_names;
  if (!cpv_jrca_forms_write_all (data, &options, out, &files, error))
    return FALSE;
  if (files->len == 0)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "There is nothing to put on the forms yet: add audit, CPD, work history "
                   "or sector records first");
      return FALSE;
    }
  for (guint i = 0; i < files->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (files, i));
  return TRUE;
}

/* Dispatcher */

static const CpvCliCommand jrca_commands[] = {
  { "jrca", "attach", "FILE",
    "Store a file as evidence of a JRCA audit or CPD record", cpv_cli_jrca_attach },
  { "jrca", "link", "EVIDENCE_ID",
    "Link stored evidence to a JRCA audit or CPD record", cpv_cli_jrca_link },
  { "jrca", "unlink", "EVIDENCE_ID",
    "Unlink evidence from a JRCA record (the file stays)", cpv_cli_jrca_unlink },
  { "jrca", "files", NULL,
    "List the files of JRCA records, by record or credential", cpv_cli_jrca_files },
  { "jrca registration", "set", NULL,
    "Enter or change the JRCA registration (grade, number, dates)", registration_set },
  { "jrca registration", "show", NULL, "Show the JRCA registration", registration_show },
  { "jrca audit", "add", NULL, "Record an audit (form 5A); prints its id", audit_add },
  { "jrca audit", "list", NULL, "List audit records, oldest first", audit_list },
  { "jrca audit", "show", "AUDIT_ID", "Show an audit record with its day arithmetic",
    audit_show },
  { "jrca audit", "remove", "AUDIT_ID", "Remove an audit record", audit_remove },
  { "jrca cpd", "add", NULL, "Record CPD (forms 4A/4B); prints its id", cpd_add },
  { "jrca cpd", "list", NULL, "List CPD records with form 4B notes", cpd_list },
  { "jrca cpd", "remove", "CPD_ID", "Remove a CPD record", cpd_remove },
  { "jrca history", "add", NULL, "Add a period of work history (form 2B)", history_add },
  { "jrca history", "edit", "PERIOD_ID", "Change a period of work history", history_edit },
  { "jrca history", "list", NULL, "List the work history, newest first", history_list },
  { "jrca sector", "add", NULL, "Add a period in a business sector (form 2C)", sector_add },
  { "jrca sector", "edit", "PERIOD_ID", "Change a business-sector period", sector_edit },
  { "jrca sector", "list", NULL, "List business-sector periods", sector_list },
  { "jrca", "check", NULL, "Maintenance, renewal and upgrade readiness", jrca_check },
  { "jrca", "forms", NULL, "Write forms 2B 2C 4A 4B 5A 5C 5D as PDF and CSV", jrca_forms },
};

static void
print_jrca_help (FILE *out)
{
  fprintf (out, "Usage: cpe-vault-cli jrca SUBCOMMAND [ACTION] [OPTION…]\n\n"
                "The JRCA ISMS auditor workspace (JRCA AI340).\n\nSubcommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (jrca_commands); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", jrca_commands[i].group + strlen ("jrca"),
                                               jrca_commands[i].name);

      fprintf (out, "  %-24s %s\n", g_strstrip (name), jrca_commands[i].summary);
    }
  fprintf (out, "\n--credential ID may be left out when the vault holds one JRCA credential.\n"
                "Run 'cpe-vault-cli jrca SUBCOMMAND [ACTION] --help' for the options.\n");
}

gboolean
cpv_cli_jrca (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  char **args = *argv;
  const char *first = args[1];
  const char *second = first != NULL ? args[2] : NULL;
  g_autofree char *group = NULL;
  const CpvCliCommand *found = NULL;
  guint consumed = 1;

  if (first == NULL || strcmp (first, "--help") == 0 || strcmp (first, "-h") == 0)
    {
      print_jrca_help (first == NULL ? stderr : stdout);
      if (first == NULL)
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                       "'jrca' needs a subcommand (see 'cpe-vault-cli jrca --help')");
          return FALSE;
        }
      return TRUE;
    }

  /* "jrca check …" or "jrca audit add …". */
  for (guint i = 0; i < G_N_ELEMENTS (jrca_commands); i++)
    if (strcmp (jrca_commands[i].group, "jrca") == 0 &&
        strcmp (jrca_commands[i].name, first) == 0)
      found = &jrca_commands[i];
  if (found == NULL)
    {
      group = g_strdup_printf ("jrca %s", first);
      consumed = 2;
      for (guint i = 0; i < G_N_ELEMENTS (jrca_commands); i++)
        if (strcmp (jrca_commands[i].group, group) == 0 &&
            g_strcmp0 (jrca_commands[i].name, second) == 0)
          found = &jrca_commands[i];
    }
  if (found == NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   second != NULL && group != NULL
                   ? "unknown subcommand 'jrca %s %s' (see 'cpe-vault-cli jrca --help')"
                   : "unknown subcommand 'jrca %s%s' (see 'cpe-vault-cli jrca --help')",
                   first, second != NULL && group != NULL ? second : "");
      return FALSE;
    }

  /* The handler sees the program name followed by what comes after the command words. */
  for (guint i = 1; i <= consumed; i++)
    g_free (args[i]);
  memmove (&args[1], &args[1 + consumed], (g_strv_length (&args[1 + consumed]) + 1)
                                          * sizeof (char *));
  return found->handler (cli, found, argv, error);
}
