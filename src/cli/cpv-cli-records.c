/* cpv-cli-records.c — retention, audits, evidence packs and readiness (issue 5)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"
#include "cpv-audit.h"
#include "cpv-pack.h"
#include "cpv-readiness.h"
#include "cpv-retention.h"

#include <string.h>

static gboolean
parse_day_option (const char  *text,
                  const char  *option,
                  CpvDay      *day,
                  GError     **error)
{
  if (text == NULL)
    {
      *day = cpv_day_today ();
      return TRUE;
    }
  return cpv_cli_parse_date (text, option, day, error);
}

/* The programs are optional here: without them the seed's periods apply. */
static CpvProgramRegistry *
load_registry_or_warn (void)
{
  g_autoptr(GError) error = NULL;
  CpvProgramRegistry *registry = cpv_program_registry_new_default (&error);

  if (registry == NULL)
    g_printerr ("cpe-vault-cli: warning: the credential programs could not be loaded (%s); "
                "the periods of RULES.md apply\n", error->message);
  return registry;
}

static char *
format_day (CpvDay day)
{
  return day != 0 ? cpv_day_format (day) : g_strdup ("-");
}

/* ---- retention ------------------------------------------------------------------------------ */

static void
print_retention (GPtrArray *items)
{
  g_autoptr(CpvCliTable) table = cpv_cli_table_new ("KIND", "ID", "KEEP UNTIL", "HELD", "RECORD",
                                                    "WHY", NULL);

  for (guint i = 0; i < items->len; i++)
    {
      CpvRetentionItem *item = items->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
      g_autofree char *until = format_day (item->retention_until);
      g_autofree char *held = NULL;

      if (item->held && item->held_until != 0)
        {
          g_autofree char *day = cpv_day_format (item->held_until);

          held = g_strdup_printf ("until %s", day);
        }
      else
        held = g_strdup (item->held ? "yes" : "no");
      cpv_cli_table_add_row (table, item->kind == CPV_RECORD_ACTIVITY ? "activity" : "evidence",
                             id, until, held, item->label,
                             item->held ? item->hold_reason : item->reason);
    }
  cpv_cli_table_print (table, stdout);
}

gboolean
cpv_cli_retention_list (CpvCli               *cli,
                        const CpvCliCommand  *command,
                        char               ***argv,
                        GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *on = NULL;
  gboolean all = FALSE;
  gboolean help_shown;
  CpvDay today;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      "List every record with its retention date, not only those past it", NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, "Judge as of DATE (default: today)", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Records are kept until 12 months after the end of the cycle they count "
                      "toward (ISC2-REC-3),\nlonger while an audit or an appeal holds them. "
                      "Nothing is removed by this command.", argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_day_option (on, "--on", &today, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  items = cpv_retention_list (vault, registry, today, !all, error);
  cpv_vault_close (vault);
  if (items == NULL)
    return FALSE;
  if (items->len == 0)
    g_print (all ? "The vault holds no records.\n" : "No record is past retention.\n");
  else
    print_retention (items);
  return TRUE;
}

gboolean
cpv_cli_retention_purge (CpvCli               *cli,
                         const CpvCliCommand  *command,
                         char               ***argv,
                         GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvPurgeReport) report = NULL;
  g_autofree char *on = NULL;
  g_autofree char *reclaimed = NULL;
  g_autofree char *bytes = NULL;
  gboolean dry_run = FALSE;
  gboolean help_shown;
  CpvDay today;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      "Only list what would be removed", NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, "Judge as of DATE (default: today)", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Removes, in one transaction, every activity and evidence file past its "
                      "retention date\nand not held by an audit or appeal, then gives the space "
                      "back to the file system.", argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_day_option (on, "--on", &today, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  if (dry_run)
    {
      g_autoptr(GPtrArray) items = cpv_retention_list (vault, registry, today, TRUE, error);

      cpv_vault_close (vault);
      if (items == NULL)
        return FALSE;
      if (items->len == 0)
        g_print ("Nothing is past retention.\n");
      else
        {
          print_retention (items);
          g_print ("%u records would be removed (dry run: nothing was removed).\n", items->len);
        }
      return TRUE;
    }

  report = cpv_retention_purge (vault, registry, today, error);
  cpv_vault_close (vault);
  if (report == NULL)
    return FALSE;
  if (report->removed->len == 0)
    {
      g_print ("Nothing is past retention; nothing was removed.\n");
      return TRUE;
    }
  print_retention (report->removed);
  bytes = cpv_cli_format_size ((goffset) report->evidence_bytes);
  reclaimed = cpv_cli_format_size (MAX (report->file_size_before - report->file_size_after, 0));
  g_print ("Removed %u activit%s and %u evidence file%s (%s); the vault shrank by %s.\n",
           report->activities, report->activities == 1 ? "y" : "ies", report->evidence,
           report->evidence == 1 ? "" : "s", bytes, reclaimed);
  return TRUE;
}

/* ---- audits --------------------------------------------------------------------------------- */

static void
print_audit_row (CpvCliTable     *table,
                 CpvAuditRequest *request)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, request->id);
  g_autofree char *credential = g_strdup_printf ("%" G_GINT64_FORMAT, request->credential_id);
  g_autofree char *received = format_day (request->received);
  g_autofree char *due = format_day (request->due);
  g_autofree char *status = NULL;
  g_autofree char *activities = g_strdup_printf ("%u", request->activity_ids->len);

  if (request->status == CPV_AUDIT_STATUS_CLOSED)
    status = g_strdup_printf ("closed (%s)", cpv_audit_outcome_to_string (request->outcome));
  else
    status = g_strdup (cpv_audit_status_to_string (request->status));
  cpv_cli_table_add_row (table, id, credential, received, due, status, activities);
}

gboolean
cpv_cli_audit_add (CpvCli               *cli,
                   const CpvCliCommand  *command,
                   char               ***argv,
                   GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  g_autofree char *credential = NULL;
  g_autofree char *received = NULL;
  g_autofree char *note = NULL;
  g_autofree char *due = NULL;
  g_auto(GStrv) activities = NULL;
  g_autoptr(CpvCredential) held = NULL;
  gboolean help_shown;
  gint64 id;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential, "The audited credential", "ID" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received,
      "The day the audit e-mail arrived (default: today)", "DATE" },
    { "activity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &activities,
      "An activity the auditor selected (repeat for each)", "ID" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A note (e.g. the case number)", "TEXT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The answer is due 90 days after the request was received (ISC2-AUDIT-1).",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (credential == NULL)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "--credential ID is required (see 'cpe-vault-cli audit add --help')");
      return FALSE;
    }
  if (!cpv_cli_parse_id (credential, "credential", &request->credential_id, error) ||
      !parse_day_option (received, "--received", &request->received, error) ||
      !cpv_cli_check_text (note, "--note", FALSE, TRUE, error))
    return FALSE;
  for (guint i = 0; activities != NULL && activities[i] != NULL; i++)
    {
      gint64 activity_id;

      if (!cpv_cli_parse_id (activities[i], "activity", &activity_id, error))
        return FALSE;
      cpv_audit_request_add_activity (request, activity_id);
    }
  request->note = g_strdup (note);

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  id = cpv_vault_add_audit (vault, request, error);
  if (id != 0)
    held = cpv_vault_get_credential (vault, request->credential_id, NULL);
  cpv_vault_close (vault);
  if (id == 0)
    return FALSE;
  registry = load_registry_or_warn ();
  due = cpv_day_format (cpv_audit_response_due (registry, held, request->received));
  g_print ("%" G_GINT64_FORMAT "\n", id);
  g_printerr ("Answer by %s (ISC2-AUDIT-1).\n", due);
  return TRUE;
}

gboolean
cpv_cli_audit_list (CpvCli               *cli,
                    const CpvCliCommand  *command,
                    char               ***argv,
                    GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  g_autofree char *credential = NULL;
  gint64 credential_id = 0;
  gboolean help_shown;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential, "Only this credential's", "ID" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, NULL, argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (credential != NULL && !cpv_cli_parse_id (credential, "credential", &credential_id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  audits = cpv_vault_list_audits (vault, registry, credential_id, error);
  cpv_vault_close (vault);
  if (audits == NULL)
    return FALSE;
  if (audits->len == 0)
    {
      g_print ("No audit requests.\n");
      return TRUE;
    }
  table = cpv_cli_table_new ("ID", "CREDENTIAL", "RECEIVED", "DUE", "STATUS", "ACTIVITIES", NULL);
  for (guint i = 0; i < audits->len; i++)
    print_audit_row (table, audits->pdata[i]);
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

gboolean
cpv_cli_audit_show (CpvCli               *cli,
                    const CpvCliCommand  *command,
                    char               ***argv,
                    GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvAuditRequest) request = NULL;
  g_autoptr(GPtrArray) readiness = NULL;
  g_autofree char *received = NULL;
  g_autofree char *due = NULL;
  gboolean help_shown;
  gint64 id;

  if (!cpv_cli_parse (cli, command, NULL, NULL, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "audit request", &id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  request = cpv_vault_get_audit (vault, registry, id, error);
  if (request == NULL)
    {
      cpv_vault_close (vault);
      return FALSE;
    }
  readiness = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_record_readiness_free);
  for (guint i = 0; i < request->activity_ids->len; i++)
    {
      CpvRecordReadiness *record = cpv_readiness_check_activity (vault, registry,
                                                                 g_array_index (request->activity_ids,
                                                                                gint64, i),
                                                                 error);

      if (record == NULL)
        {
          cpv_vault_close (vault);
          return FALSE;
        }
      g_ptr_array_add (readiness, record);
    }
  cpv_vault_close (vault);

  received = format_day (request->received);
  due = format_day (request->due);
  g_print ("Audit request %" G_GINT64_FORMAT "\n", request->id);
  g_print ("  credential:  %" G_GINT64_FORMAT "\n", request->credential_id);
  g_print ("  received:    %s\n", received);
  g_print ("  answer by:   %s (ISC2-AUDIT-1)\n", due);
  g_print ("  status:      %s\n", cpv_audit_status_to_string (request->status));
  if (request->responded_on != 0)
    {
      g_autofree char *day = cpv_day_format (request->responded_on);

      g_print ("  responded:   %s\n", day);
    }
  if (request->status == CPV_AUDIT_STATUS_CLOSED)
    {
      g_autofree char *day = cpv_day_format (request->closed_on);

      g_print ("  closed:      %s, %s\n", day, cpv_audit_outcome_to_string (request->outcome));
    }
  if (request->appeal_until != 0)
    {
      g_autofree char *day = cpv_day_format (request->appeal_until);

      g_print ("  appeal by:   %s (ISC2-APPEAL-1)\n", day);
    }
  if (request->note != NULL)
    g_print ("  note:        %s\n", request->note);
  g_print ("  selected activities:\n");
  if (readiness->len == 0)
    g_print ("    none recorded\n");
  for (guint i = 0; i < readiness->len; i++)
    {
      CpvRecordReadiness *record = readiness->pdata[i];

      g_print ("    %" G_GINT64_FORMAT "  %s  [%s]\n", record->id, record->title,
               cpv_record_readiness_is_ready (record) ? "ready" : "gaps");
      for (guint j = 0; j < record->gaps->len; j++)
        {
          CpvReadinessGap *gap = record->gaps->pdata[j];

          g_print ("        %s: %s\n", gap->rule, gap->text);
        }
    }
  return TRUE;
}

gboolean
cpv_cli_audit_respond (CpvCli               *cli,
                       const CpvCliCommand  *command,
                       char               ***argv,
                       GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *on = NULL;
  gboolean help_shown;
  gboolean ok;
  CpvDay day;
  gint64 id;
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, "The day the answer was sent (default: today)",
      "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, NULL, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "audit request", &id, error) ||
      !parse_day_option (on, "--on", &day, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  ok = cpv_vault_respond_audit (vault, id, day, error);
  cpv_vault_close (vault);
  return ok;
}

gboolean
cpv_cli_audit_close (CpvCli               *cli,
                     const CpvCliCommand  *command,
                     char               ***argv,
                     GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autofree char *on = NULL;
  gboolean accepted = FALSE;
  gboolean rejected = FALSE;
  gboolean help_shown;
  gboolean ok;
  CpvDay day;
  gint64 id;
  const GOptionEntry entries[] = {
    { "accepted", 0, 0, G_OPTION_ARG_NONE, &accepted, "The audit was accepted", NULL },
    { "rejected", 0, 0, G_OPTION_ARG_NONE, &rejected,
      "The submission was rejected (opens a 90-day appeal window, ISC2-APPEAL-1)", NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, "The day of the decision (default: today)", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries, NULL, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (accepted == rejected)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "give exactly one of --accepted and --rejected (see 'cpe-vault-cli "
                           "audit close --help')");
      return FALSE;
    }
  if (!cpv_cli_parse_id ((*argv)[1], "audit request", &id, error) ||
      !parse_day_option (on, "--on", &day, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  ok = cpv_vault_close_audit (vault, id,
                              accepted ? CPV_AUDIT_OUTCOME_ACCEPTED : CPV_AUDIT_OUTCOME_REJECTED,
                              day, error);
  cpv_vault_close (vault);
  if (ok && rejected)
    {
      g_autofree char *until = cpv_day_format (cpv_audit_appeal_until (NULL, NULL, day));

      g_printerr ("The rejection may be appealed until %s (ISC2-APPEAL-1).\n", until);
    }
  return ok;
}

/* ---- packs ---------------------------------------------------------------------------------- */

static gboolean pack_verify (CpvCli *cli, char ***argv, GError **error);

gboolean
cpv_cli_pack (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(GArray) include = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *audit = NULL;
  g_autofree char *credential = NULL;
  g_autofree char *jrca = NULL;
  g_autofree char *procedure = NULL;
  g_autofree char *name = NULL;
  g_autofree char *out = NULL;
  g_autofree char *names = NULL;
  g_autofree char *member = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  g_auto(GStrv) include_ids = NULL;
  CpvPackOptions options = { 0, };
  gboolean encrypt = FALSE;
  gboolean help_shown;
  int cycle = 0;
  const GOptionEntry entries[] = {
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit, "Pack the activities of an audit request",
      "ID" },
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential,
      "Pack a credential's cycle", "ID" },
    { "cycle", 0, 0, G_OPTION_ARG_INT, &cycle,
      "With --credential: 0 the current cycle (default), 1 the one before, …", "N" },
    { "jrca", 0, 0, G_OPTION_ARG_STRING, &jrca,
      "Pack a JRCA maintenance or renewal application: forms as PDF, checklist, evidence",
      "CREDENTIAL_ID" },
    { "procedure", 0, 0, G_OPTION_ARG_STRING, &procedure,
      "With --jrca: maintenance or renewal (default: the one due next)", "PROCEDURE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The ZIP file to write", "FILE.zip" },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      "AES-256 ZIP with a generated passphrase, shown once", NULL },
    { "include-evidence", 0, 0, G_OPTION_ARG_STRING_ARRAY, &include_ids,
      "Include this TLP:RED or secret evidence item (repeat for each)", "ID" },
    { "names", 0, 0, G_OPTION_ARG_STRING, &names,
      "File names: council (yymmdd_title（organisation）, the default) or ascii", "STYLE" },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member, "Your name on the summary", "NAME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      "With --jrca: your name on the forms (default: the registration's)", "NAME" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      "Organisation in council names (default: each activity's provider)", "NAME" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      "Submission date in names and summary; with --jrca the application date "
      "(default: today)", "DATE" },
    { NULL }
  };

  /* "pack verify FILE" is a command of its own behind the same word. */
  if ((*argv)[1] != NULL && strcmp ((*argv)[1], "verify") == 0)
    return pack_verify (cli, argv, error);

  if (!cpv_cli_parse (cli, command, entries,
                      "Writes summary.pdf, activities.csv, manifest.xml and the evidence files. "
                      "TLP:RED and\nsecret files stay out unless named with --include-evidence "
                      "(COUNCIL-TLP-1).\n\n"
                      "With --jrca: a checklist, forms 5D, 5A (renewal: one per record with "
                      "evidence), 4A, 4B and\n2C as PDF, the files of the audit records with "
                      "evidence (renewal only) and of the CPD\nrecords on form 4A, and "
                      "manifest.xml.\n\n'cpe-vault-cli pack verify FILE.zip "
                      "[--passphrase-file F]' re-hashes a pack against its manifest.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if ((audit != NULL) + (credential != NULL) + (jrca != NULL) != 1)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "give one of --audit ID, --credential ID or --jrca CREDENTIAL_ID "
                           "(see 'cpe-vault-cli pack --help')");
      return FALSE;
    }
  if (jrca == NULL && (procedure != NULL || name != NULL))
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "--procedure and --name go with --jrca CREDENTIAL_ID");
      return FALSE;
    }
  if (jrca != NULL && (cycle != 0 || organisation != NULL || member != NULL))
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "--cycle, --organisation and --member do not go with --jrca (your "
                           "name on the forms is --name)");
      return FALSE;
    }
  if (out == NULL)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                           "--out FILE.zip is required (see 'cpe-vault-cli pack --help')");
      return FALSE;
    }
  if (cycle < 0)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                           "--cycle counts cycles back from the current one: 0, 1, 2 …");
      return FALSE;
    }
  if (audit != NULL && !cpv_cli_parse_id (audit, "audit request", &options.audit_id, error))
    return FALSE;
  if (credential != NULL &&
      !cpv_cli_parse_id (credential, "credential", &options.credential_id, error))
    return FALSE;
  if (jrca != NULL && !cpv_cli_parse_id (jrca, "credential", &options.jrca_credential_id, error))
    return FALSE;
  if (procedure == NULL)
    options.jrca_procedure = CPV_JRCA_PROCEDURE_NONE;
  else if (g_str_equal (procedure, "maintenance"))
    options.jrca_procedure = CPV_JRCA_PROCEDURE_MAINTENANCE;
  else if (g_str_equal (procedure, "renewal"))
    options.jrca_procedure = CPV_JRCA_PROCEDURE_RENEWAL;
  else
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--procedure must be maintenance or renewal, not '%s'", procedure);
      return FALSE;
    }
  if (names == NULL || g_str_equal (names, "council"))
    options.names = CPV_PACK_NAMES_COUNCIL;
  else if (g_str_equal (names, "ascii"))
    options.names = CPV_PACK_NAMES_ASCII;
  else
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--names must be council or ascii, not '%s'", names);
      return FALSE;
    }
  for (guint i = 0; include_ids != NULL && include_ids[i] != NULL; i++)
    {
      gint64 id;

      if (!cpv_cli_parse_id (include_ids[i], "evidence", &id, error))
        return FALSE;
      g_array_append_val (include, id);
    }
  if (date != NULL && !cpv_cli_parse_date (date, "--date", &options.date, error))
    return FALSE;
  if (!cpv_cli_check_text (member, "--member", FALSE, FALSE, error) ||
      !cpv_cli_check_text (name, "--name", FALSE, FALSE, error) ||
      !cpv_cli_check_text (organisation, "--organisation", FALSE, FALSE, error))
    return FALSE;
  options.cycles_back = cycle;
  options.encrypt = encrypt;
  options.include_evidence = (const gint64 *) (void *) include->data;
  options.n_include_evidence = include->len;
  options.member = jrca != NULL ? name : member;
  options.organisation = organisation;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  result = cpv_vault_write_pack (vault, registry, &options, out, NULL, error);
  cpv_vault_close (vault);
  if (result == NULL)
    return FALSE;

  size = cpv_cli_format_size ((goffset) result->evidence_bytes);
  g_print ("Wrote %s: %u file%s, %u evidence file%s (%s)", result->path, result->n_files,
           result->n_files == 1 ? "" : "s", result->n_evidence,
           result->n_evidence == 1 ? "" : "s", size);
  if (result->n_excluded > 0)
    g_print (", %u left out (TLP:RED or secret; see manifest.xml)", result->n_excluded);
  g_print (".\n");
  if (result->jrca_procedure != CPV_JRCA_PROCEDURE_NONE)
    g_print ("JRCA %s application: the checklist in the pack lists what JRCA also needs "
             "(form 1-I, form 8 …).\n",
             result->jrca_procedure == CPV_JRCA_PROCEDURE_RENEWAL ? "renewal" : "maintenance");
  if (result->passphrase != NULL)
    {
      g_print ("Passphrase: %s\n", result->passphrase);
      g_print ("%s\n", cpv_pack_submit_advice ());
    }
  return TRUE;
}

static gboolean
pack_verify (CpvCli    *cli,
             char    ***argv,
             GError   **error)
{
  static const CpvCliCommand verify_command = {
    "pack", "verify", "FILE.zip",
    "Re-hash every file of a pack against its manifest", NULL
  };
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) local_error = NULL;
  char *passphrase = NULL;
  gboolean help_shown;
  const char *path;

  /* Drop the "verify" word, then parse as a command of its own. */
  g_free ((*argv)[1]);
  memmove (&(*argv)[1], &(*argv)[2], g_strv_length (&(*argv)[2]) * sizeof (char *) +
           sizeof (char *));
  if (!cpv_cli_parse (cli, &verify_command, NULL,
                      "For an encrypted pack, --passphrase-file F names a file whose first line "
                      "is the pack's\npassphrase; without it you are asked on the terminal.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  path = (*argv)[1];

  if (cli->passphrase_file != NULL)
    {
      passphrase = cpv_cli_read_passphrase (cli->passphrase_file, "CPE_VAULT_PACK_PASSPHRASE",
                                            "Pack passphrase: ", NULL, "--passphrase-file F",
                                            error);
      if (passphrase == NULL)
        return FALSE;
    }
  verification = cpv_pack_verify (path, passphrase, NULL, &local_error);
  if (verification == NULL && passphrase == NULL &&
      g_error_matches (local_error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE))
    {
      g_clear_error (&local_error);
      passphrase = cpv_cli_read_passphrase (NULL, "CPE_VAULT_PACK_PASSPHRASE",
                                            "Pack passphrase: ", NULL, "--passphrase-file F",
                                            error);
      if (passphrase == NULL)
        return FALSE;
      verification = cpv_pack_verify (path, passphrase, NULL, &local_error);
    }
  if (passphrase != NULL)
    cpv_cli_passphrase_free (passphrase);
  if (verification == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < verification->problems->len; i++)
    g_print ("MISMATCH  %s\n", (const char *) verification->problems->pdata[i]);
  if (verification->problems->len > 0)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_MISMATCH,
                   "%s: %u of %u files match the manifest; %u problems", path,
                   verification->n_verified, verification->n_files,
                   verification->problems->len);
      return FALSE;
    }
  g_print ("%s: all %u files match the manifest%s.\n", path, verification->n_verified,
           verification->encrypted ? " (encrypted pack)" : "");
  return TRUE;
}

/* ---- readiness ------------------------------------------------------------------------------ */

static void
print_cycle_readiness (CpvCycleReadiness *readiness)
{
  g_autofree char *summary = cpv_cycle_readiness_summary (readiness);
  g_autofree char *start = format_day (readiness->cycle_start);
  g_autofree char *end = format_day (readiness->cycle_end);

  g_print ("Credential %" G_GINT64_FORMAT " %s, cycle %s to %s: %s\n", readiness->credential_id,
           readiness->code, start, end, summary);
  for (guint i = 0; i < readiness->records->len; i++)
    {
      CpvRecordReadiness *record = readiness->records->pdata[i];

      if (cpv_record_readiness_is_ready (record))
        continue;
      g_print ("  %s %" G_GINT64_FORMAT "  %s\n",
               record->subject == CPV_READINESS_ACTIVITY ? "activity" : "audit record",
               record->id, record->title);
      for (guint j = 0; j < record->gaps->len; j++)
        {
          CpvReadinessGap *gap = record->gaps->pdata[j];

          g_print ("      %s: %s\n", gap->rule, gap->text);
        }
    }
}

gboolean
cpv_cli_readiness (CpvCli               *cli,
                   const CpvCliCommand  *command,
                   char               ***argv,
                   GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autofree char *credential = NULL;
  gboolean help_shown;
  int cycle = 0;
  const GOptionEntry entries[] = {
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential,
      "Only this credential (default: every credential)", "ID" },
    { "cycle", 0, 0, G_OPTION_ARG_INT, &cycle,
      "0 the current cycle (default), 1 the one before, …", "N" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Every gap an auditor would find, with the rule it comes from.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (cycle < 0)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                           "--cycle counts cycles back from the current one: 0, 1, 2 …");
      return FALSE;
    }

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  registry = load_registry_or_warn ();
  if (credential != NULL)
    {
      g_autoptr(CpvCycleReadiness) readiness = NULL;
      gint64 id;

      if (!cpv_cli_parse_id (credential, "credential", &id, error))
        {
          cpv_vault_close (vault);
          return FALSE;
        }
      readiness = cpv_readiness_check_cycle (vault, registry, id, cycle, error);
      cpv_vault_close (vault);
      if (readiness == NULL)
        return FALSE;
      print_cycle_readiness (readiness);
    }
  else
    {
      g_autoptr(GPtrArray) all = cpv_readiness_check_all (vault, registry, cycle, error);

      cpv_vault_close (vault);
      if (all == NULL)
        return FALSE;
      if (all->len == 0)
        g_print ("No credentials recorded.\n");
      for (guint i = 0; i < all->len; i++)
        print_cycle_readiness (all->pdata[i]);
    }
  return TRUE;
}

/* `activity remove` and `evidence remove`: retention decides, --force overrides with the
 * date and the reason named in the refusal (ISC2-REC-3, audit and appeal holds). */
gboolean
cpv_cli_remove_kept_record (CpvCli         *cli,
                            CpvRecordKind   kind,
                            gint64          id,
                            gboolean        force,
                            GError        **error)
{
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvVault) vault = NULL;
  gboolean ok;

  registry = cpv_cli_load_registry (error);
  if (registry == NULL)
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  ok = cpv_retention_remove (vault, registry, kind, id, cpv_day_today (), force, error);
  cpv_vault_close (vault);
  return ok;
}
