/* cpv-cli-status.c — cpe-vault-cli status: where each credential stands on a day
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include "cpv-snapshot.h"
#include "cpv-status.h"

#include <string.h>

/* The XML form validates against data/schemas/status.rng: scripts rely on it. The status
 * engine is pure; the vault is read once into a snapshot, and the audit requests' deadlines
 * and the partner findings are added from the vault afterwards, as the dashboard does. */
gboolean
cpv_cli_status (CpvCli               *cli,
                const CpvCliCommand  *command,
                char               ***argv,
                GError              **error)
{
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvStatus) status = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  CpvDay on;
  gboolean help_shown;
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      "The day to evaluate (default: today)", "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "text (for people, the default) or xml (for scripts; see status.rng)", "FORMAT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Credits are counted after every rule of the credential's program "
                      "(steps, caps, groups,\ncarry-over); findings name the rule they come "
                      "from, e.g. ISC2-CALC-3.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "xml") != 0)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--format must be text or xml, not '%s'", format);
      return FALSE;
    }
  if (on_text != NULL)
    {
      if (!cpv_cli_parse_date (on_text, "--on", &on, error))
        return FALSE;
    }
  else
    on = cpv_day_today ();

  registry = cpv_cli_load_registry (error);
  if (registry == NULL)
    return FALSE;
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  status = cpv_vault_compute_status (vault, registry, on, error);
  if (status == NULL)
    return FALSE;

  if (g_strcmp0 (format, "xml") == 0)
    text = cpv_status_to_xml (status);
  else
    text = cpv_status_to_text (status);
  g_print ("%s", text);
  if (*text != '\0' && text[strlen (text) - 1] != '\n')
    g_print ("\n");
  return TRUE;
}
