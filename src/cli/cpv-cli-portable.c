/* cpv-cli-portable.c — cpe-vault-cli export and import (the portable XML format)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include "cpv-portable.h"

static void
warn_unencrypted (const char *path)
{
  g_printerr ("cpe-vault-cli: warning: %s is NOT encrypted: it holds every record and evidence "
              "file of the vault in plain form. Keep it somewhere safe and delete it when you "
              "no longer need it.\n", path);
}

gboolean
cpv_cli_export (CpvCli               *cli,
                const CpvCliCommand  *command,
                char               ***argv,
                GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *partial_path = NULL;
  g_autofree char *command_line = cpv_cli_command_line (command);
  gboolean force = FALSE;
  gboolean help_shown;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "Write the export to FILE (required)", "FILE.xml" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Overwrite FILE if it exists", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The export follows data/schemas/vault-export.rng and is NOT encrypted.\n"
                      "It is written to FILE.partial first and renamed when complete.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (out == NULL || *out == '\0')
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "'%s' needs --out FILE.xml (see '%s --help')", command_line, command_line);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg (out);
  if (!force && g_file_query_exists (file, NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s exists already; choose another file or add --force to overwrite it",
                   out);
      return FALSE;
    }

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;

  partial_path = g_strconcat (out, ".partial", NULL);
  partial = g_file_new_for_commandline_arg (partial_path);
  /* Private: the file holds the vault's contents in plain form. */
  stream = g_file_replace (partial, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_FAILED, "Cannot write %s: %s",
                   partial_path, local_error->message);
      return FALSE;
    }
  warn_unencrypted (out);

  ok = cpv_vault_export (vault, G_OUTPUT_STREAM (stream), NULL, &local_error);
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, ok ? &local_error : NULL))
    ok = FALSE;
  if (ok && !g_file_move (partial, file, force ? G_FILE_COPY_OVERWRITE : G_FILE_COPY_NONE,
                          NULL, NULL, NULL, &local_error))
    ok = FALSE;
  if (!ok)
    {
      g_file_delete (partial, NULL, NULL);
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_FAILED, "The export failed: %s",
                   local_error->message);
      return FALSE;
    }
  g_print ("Exported the vault to %s\n", out);
  return TRUE;
}

gboolean
cpv_cli_import (CpvCli               *cli,
                const CpvCliCommand  *command,
                char               ***argv,
                GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GFile) file = NULL;
  CpvImportSummary summary = { 0 };
  gboolean merge = FALSE;
  gboolean help_shown;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge,
      "Add the file's records to a vault that already holds some; evidence stored already is "
      "linked, not stored twice", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The whole file is checked first (schema, values, references, evidence "
                      "hashes);\nthen everything is written in one transaction: a file with "
                      "any error changes nothing.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  file = g_file_new_for_commandline_arg ((*argv)[1]);
  if (!g_file_query_exists (file, NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID, "No file at %s", (*argv)[1]);
      return FALSE;
    }

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  if (!cpv_vault_import (vault, file, merge ? CPV_IMPORT_MERGE : CPV_IMPORT_NONE, &summary,
                         NULL, error))
    return FALSE;

  g_print ("Imported %u credential(s), %u activity(ies), %u evidence file(s)",
           summary.credentials, summary.activities, summary.evidence - summary.evidence_skipped);
  if (summary.evidence_skipped > 0)
    g_print (" (%u already stored, linked)", summary.evidence_skipped);
  g_print (", %u JRCA record(s) and %u audit request(s).\n", summary.jrca_records,
           summary.audit_requests);
  return TRUE;
}
