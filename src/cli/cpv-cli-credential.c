/* cpv-cli-credential.c — `credential add|list|remove`
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

static char *
known_codes (CpvProgram *program)
{
  GPtrArray *credentials = cpv_program_get_credentials (program);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; credentials != NULL && i < credentials->len; i++)
    {
      const CpvCredentialRules *rules = g_ptr_array_index (credentials, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", rules->code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static char *
known_programs (CpvProgramRegistry *registry)
{
  GPtrArray *programs = cpv_program_registry_get_programs (registry);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; programs != NULL && i < programs->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                            cpv_program_get_id (g_ptr_array_index (programs, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
check_program_and_code (const char  *program_id,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(CpvProgramRegistry) registry = cpv_cli_load_registry (error);
  CpvProgram *program;

  if (registry == NULL)
    return FALSE;

  program = cpv_program_registry_lookup (registry, program_id);
  if (program == NULL)
    {
      g_autofree char *ids = known_programs (registry);

      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "Unknown program '%s' (known programs: %s)", program_id, ids);
      return FALSE;
    }
  if (cpv_program_lookup_credential (program, code) == NULL)
    {
      g_autofree char *codes = known_codes (program);

      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "The program '%s' has no credential '%s' (known codes: %s)",
                   program_id, code, codes);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_cli_credential_add (CpvCli               *cli,
                        const CpvCliCommand  *command,
                        char               ***argv,
                        GError              **error)
{
  g_autofree char *program = NULL;
  g_autofree char *code = NULL;
  g_autofree char *cycle_start = NULL;
  g_autofree char *cycle_end = NULL;
  g_autofree char *member_since = NULL;
  g_autoptr(CpvCredential) credential = NULL;
  g_autoptr(CpvVault) vault = NULL;
  gboolean help_shown;
  CpvDay start, end, since;
  gint64 id;
  const GOptionEntry entries[] = {
    { "program", 0, 0, G_OPTION_ARG_STRING, &program,
      "The credential program, e.g. isc2 or jrca-isms (required)", "PROGRAM" },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      "The credential code within the program, e.g. CISSP (required)", "CODE" },
    { "cycle-start", 0, 0, G_OPTION_ARG_STRING, &cycle_start,
      "First day of the current cycle, YYYY-MM-DD (required)", "DATE" },
    { "cycle-end", 0, 0, G_OPTION_ARG_STRING, &cycle_end,
      "Last day of the current cycle, YYYY-MM-DD (required)", "DATE" },
    { "member-since", 0, 0, G_OPTION_ARG_STRING, &member_since,
      "The day the membership began, YYYY-MM-DD", "DATE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Prints the id of the new credential alone on standard output.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  if (!cpv_cli_check_text (program, "--program", TRUE, FALSE, error)
      || !cpv_cli_check_text (code, "--code", TRUE, FALSE, error)
      || !cpv_cli_check_text (cycle_start, "--cycle-start", TRUE, FALSE, error)
      || !cpv_cli_check_text (cycle_end, "--cycle-end", TRUE, FALSE, error))
    return FALSE;
  if (!cpv_cli_parse_date (cycle_start, "--cycle-start", &start, error)
      || !cpv_cli_parse_date (cycle_end, "--cycle-end", &end, error)
      || (member_since != NULL
          && !cpv_cli_parse_date (member_since, "--member-since", &since, error)))
    return FALSE;
  if (end <= start)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--cycle-end (%s) must come after --cycle-start (%s)", cycle_end,
                   cycle_start);
      return FALSE;
    }
  if (!check_program_and_code (program, code, error))
    return FALSE;

  credential = cpv_credential_new ();
  credential->program = g_steal_pointer (&program);
  credential->code = g_steal_pointer (&code);
  credential->cycle_start = g_steal_pointer (&cycle_start);
  credential->cycle_end = g_steal_pointer (&cycle_end);
  credential->member_since = g_steal_pointer (&member_since);
  if (!cpv_credential_validate (credential, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  id = cpv_vault_add_credential (vault, credential, error);
  cpv_vault_close (vault);
  if (id <= 0)
    return FALSE;

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

gboolean
cpv_cli_credential_list (CpvCli               *cli,
                         const CpvCliCommand  *command,
                         char               ***argv,
                         GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;

  if (!cpv_cli_parse (cli, command, NULL, NULL, argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  credentials = cpv_vault_list_credentials (vault, error);
  cpv_vault_close (vault);
  if (credentials == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "PROGRAM", "CODE", "CYCLE-START", "CYCLE-END",
                             "MEMBER-SINCE", NULL);
  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCredential *credential = g_ptr_array_index (credentials, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, credential->id);

      cpv_cli_table_add_row (table, id, credential->program, credential->code,
                             credential->cycle_start, credential->cycle_end,
                             credential->member_since != NULL ? credential->member_since : "-");
    }
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

static guint
count_activities_counting_toward (GPtrArray *activities,
                                  gint64     credential_id)
{
  guint count = 0;

  for (guint i = 0; i < activities->len; i++)
    {
      CpvActivity *activity = g_ptr_array_index (activities, i);

      for (guint j = 0; j < activity->credit_lines->len; j++)
        {
          if (g_array_index (activity->credit_lines, CpvCreditLine, j).credential_id
              == credential_id)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

gboolean
cpv_cli_credential_remove (CpvCli               *cli,
                           const CpvCliCommand  *command,
                           char               ***argv,
                           GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvCredential) credential = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  gboolean help_shown;
  gboolean force = FALSE;
  gboolean ok;
  gint64 id;
  guint in_use;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Remove it even when activities count toward it (their credit lines for it go too)",
      NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The activities stay; only their credit lines for this credential go.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "credential", &id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;

  credential = cpv_vault_get_credential (vault, id, error);
  if (credential == NULL)
    return FALSE;
  activities = cpv_vault_list_activities (vault, error);
  if (activities == NULL)
    return FALSE;
  in_use = count_activities_counting_toward (activities, id);
  if (in_use > 0 && !force)
    {
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_IN_USE,
                   "%u %s count toward credential %" G_GINT64_FORMAT " (%s %s); add --force "
                   "to remove it with those credit lines (the activities stay)",
                   in_use, in_use == 1 ? "activity" : "activities", id, credential->program,
                   credential->code);
      return FALSE;
    }

  ok = cpv_vault_remove_credential (vault, id, error);
  cpv_vault_close (vault);
  return ok;
}
