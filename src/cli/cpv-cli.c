/* cpv-cli.c — cpe-vault-cli: the command-line tool over the vault core
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

static const CpvCliCommand commands[] = {
  { NULL, "init", NULL,
    "Create a new, empty vault", cpv_cli_init },
  { NULL, "change-passphrase", NULL,
    "Change the passphrase of the vault", cpv_cli_change_passphrase },
  { NULL, "check", NULL,
    "Check every page of the vault for damage", cpv_cli_check },
  { NULL, "convert-format", NULL,
    "Convert a SQLCipher 3 vault to this build's SQLCipher format", cpv_cli_convert_format },
  { NULL, "programs", NULL,
    "List the credential programs, their credentials and categories", cpv_cli_programs },
  { "credential", "add", NULL,
    "Add a credential you hold; prints its id", cpv_cli_credential_add },
  { "credential", "list", NULL,
    "List the credentials you hold", cpv_cli_credential_list },
  { "credential", "remove", "CREDENTIAL_ID",
    "Remove a credential (its activities stay)", cpv_cli_credential_remove },
  { "activity", "add", NULL,
    "Record an activity; prints its id", cpv_cli_activity_add },
  { "activity", "list", NULL,
    "List the recorded activities", cpv_cli_activity_list },
  { "activity", "show", "ACTIVITY_ID",
    "Show one activity with its credit lines and evidence", cpv_cli_activity_show },
  { "activity", "edit", "ACTIVITY_ID",
    "Change the given fields of an activity", cpv_cli_activity_edit },
  { "activity", "remove", "ACTIVITY_ID",
    "Remove an activity", cpv_cli_activity_remove },
  { "evidence", "add", "ACTIVITY_ID FILE",
    "Store a file as evidence of an activity; prints its id", cpv_cli_evidence_add },
  { "evidence", "list", "[ACTIVITY_ID]",
    "List stored evidence, of one activity or of all", cpv_cli_evidence_list },
  { "evidence", "extract", "EVIDENCE_ID",
    "Write a stored evidence file back to disk", cpv_cli_evidence_extract },
  { "evidence", "remove", "EVIDENCE_ID",
    "Remove a stored evidence file", cpv_cli_evidence_remove },
  { NULL, "jrca", "SUBCOMMAND [ACTION]",
    "JRCA ISMS auditor: audits, CPD, history, sectors, check, forms", cpv_cli_jrca },
  { "retention", "list", NULL,
    "List records past their retention date (--all: every record)", cpv_cli_retention_list },
  { "retention", "purge", NULL,
    "Remove records past retention and not held; reclaim space", cpv_cli_retention_purge },
  { "audit", "add", NULL,
    "Record an audit request; prints its id", cpv_cli_audit_add },
  { "audit", "list", NULL,
    "List audit requests with their due dates", cpv_cli_audit_list },
  { "audit", "show", "AUDIT_ID",
    "Show an audit request and the readiness of its activities", cpv_cli_audit_show },
  { "audit", "respond", "AUDIT_ID",
    "Mark an audit request as answered", cpv_cli_audit_respond },
  { "audit", "close", "AUDIT_ID",
    "Close an audit request as accepted or rejected", cpv_cli_audit_close },
  { NULL, "pack", "[verify FILE.zip]",
    "Write an evidence pack (ZIP), or verify one against its manifest", cpv_cli_pack },
  { NULL, "readiness", NULL,
    "Check that every record is ready for an audit", cpv_cli_readiness },
  { NULL, "status", NULL,
    "Show where each credential stands: credits, deadlines, findings", cpv_cli_status },
  { NULL, "export", NULL,
    "Write every record and evidence file to one XML file (NOT encrypted)", cpv_cli_export },
  { NULL, "import", "FILE.xml",
    "Read an export into the vault (checked first; all or nothing)", cpv_cli_import },
};

static const char *const groups[] = { "credential", "activity", "evidence", "retention",
                                      "audit" };

G_DEFINE_QUARK (cpv-cli-error-quark, cpv_cli_error)

static void
set_usage_error (GError     **error,
                 const char  *help_hint,
                 const char  *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
set_usage_error (GError     **error,
                 const char  *help_hint,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
               "%s (see '%s --help')", message, help_hint);
}

static char *
commands_description (const char *group)
{
  GString *text = g_string_new (group == NULL ? "Commands:\n" : "Subcommands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = NULL;

      if (group != NULL && g_strcmp0 (commands[i].group, group) != 0)
        continue;
      if (commands[i].group != NULL)
        name = g_strdup_printf ("%s %s", commands[i].group, commands[i].name);
      else
        name = g_strdup (commands[i].name);
      g_string_append_printf (text, "  %-22s %s\n", name, commands[i].summary);
    }

  g_string_append (text,
                   "\nThe passphrase comes from --passphrase-file FILE (its first line), the\n"
                   "environment variable CPE_VAULT_PASSPHRASE, or a prompt on the terminal.\n"
                   "Exit status: 0 on success, 1 when the command fails, 2 on a usage error.\n"
                   "Run 'cpe-vault-cli COMMAND --help' for the options of a command.");
  return g_string_free (text, FALSE);
}

static void
message_to_one_line (char *message)
{
  for (char *p = message; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
}

static int
report_error (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  message_to_one_line (message);
  g_printerr ("cpe-vault-cli: %s\n", message);

  if (error->domain == CPV_CLI_ERROR && error->code == CPV_CLI_ERROR_USAGE)
    return CPV_CLI_EXIT_USAGE;
  if (error->domain == G_OPTION_ERROR)
    return CPV_CLI_EXIT_USAGE;
  return CPV_CLI_EXIT_ERROR;
}

static const CpvCliCommand *
find_command (const char *group,
              const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].group, group) == 0 && g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static gboolean
is_group (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i], word) == 0)
      return TRUE;
  return FALSE;
}

static void
replace_string (char **field,
                char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

char *
cpv_cli_command_line (const CpvCliCommand *command)
{
  if (command->group != NULL)
    return g_strdup_printf ("cpe-vault-cli %s %s", command->group, command->name);
  return g_strdup_printf ("cpe-vault-cli %s", command->name);
}

/* Parses the options of one command. @argv is a full strv whose first element stands for the
 * program; on return it holds that element followed by the positional arguments only. */
gboolean
cpv_cli_parse (CpvCli               *cli,
               const CpvCliCommand  *command,
               const GOptionEntry   *entries,
               const char           *description,
               char               ***argv,
               guint                 min_args,
               guint                 max_args,
               gboolean             *help_shown,
               GError              **error)
{
  g_autofree char *command_line = cpv_cli_command_line (command);
  g_autofree char *parameters = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  char *vault_path = NULL;
  char *passphrase_file = NULL;
  gboolean help = FALSE;
  guint n_args;
  const GOptionEntry global_entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &vault_path,
      "The vault file (default: $XDG_DATA_HOME/cpe-vault/vault.cpv)", "FILE" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      "Read the passphrase from the first line of FILE", "FILE" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help", NULL },
    { NULL }
  };

  *help_shown = FALSE;
  parameters = g_strdup_printf ("%s%s- %s",
                                command->parameters != NULL ? command->parameters : "",
                                command->parameters != NULL ? " " : "",
                                command->summary);
  context = g_option_context_new (parameters);
  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, global_entries, NULL);
  if (description != NULL)
    g_option_context_set_description (context, description);

  /* GOption names the program in the usage line by its prgname. */
  g_set_prgname (command_line);
  g_free ((*argv)[0]);
  (*argv)[0] = g_strdup (command_line);

  if (!g_option_context_parse_strv (context, argv, &local_error))
    {
      set_usage_error (error, command_line, "%s", local_error->message);
      return FALSE;
    }

  replace_string (&cli->vault_path, vault_path);
  replace_string (&cli->passphrase_file, passphrase_file);

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
      *help_shown = TRUE;
      return TRUE;
    }

  n_args = g_strv_length (*argv) - 1;
  /* GOption refuses unknown options itself; a "--" it left in place ends the options, so
   * that a file name may start with a dash. */
  for (guint i = 1; (*argv)[i] != NULL; i++)
    {
      if (strcmp ((*argv)[i], "--") == 0)
        {
          g_free ((*argv)[i]);
          memmove (&(*argv)[i], &(*argv)[i + 1], (n_args - i + 1) * sizeof (char *));
          n_args--;
          break;
        }
    }

  if (n_args < min_args || n_args > max_args)
    {
      if (command->parameters == NULL)
        set_usage_error (error, command_line, "'%s' takes no arguments", command_line);
      else
        set_usage_error (error, command_line, "'%s' expects %s", command_line,
                         command->parameters);
      return FALSE;
    }

  return TRUE;
}

char *
cpv_cli_get_vault_path (CpvCli *cli)
{
  if (cli->vault_path != NULL)
    return g_strdup (cli->vault_path);
  return cpv_vault_default_path ();
}

CpvVault *
cpv_cli_open_vault (CpvCli  *cli,
                    GError **error)
{
  g_autofree char *path = cpv_cli_get_vault_path (cli);
  g_autoptr(GError) local_error = NULL;
  CpvVault *vault;
  char *passphrase;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND,
                   "No vault at %s: create one with 'cpe-vault-cli init' or name another "
                   "with --vault FILE", path);
      return NULL;
    }

  passphrase = cpv_cli_read_passphrase (cli->passphrase_file, "CPE_VAULT_PASSPHRASE",
                                        "Passphrase: ", NULL, "--passphrase-file FILE",
                                        error);
  if (passphrase == NULL)
    return NULL;

  vault = cpv_vault_open (path, passphrase, &local_error);
  cpv_cli_passphrase_free (passphrase);

  if (vault == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  return vault;
}

/* The credential programs (the XML files in data/programs): credential codes, category keys
 * and their default groups are checked against them before anything is written. */
CpvProgramRegistry *
cpv_cli_load_registry (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  CpvProgramRegistry *registry = cpv_program_registry_new_default (&local_error);

  if (registry == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                "Cannot load the credential programs: ");
  return registry;
}

gboolean
cpv_cli_programs (CpvCli               *cli,
                  const CpvCliCommand  *command,
                  char               ***argv,
                  GError              **error)
{
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  gboolean help_shown;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "text (for people, the default) or xml (for scripts)", "FORMAT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The category keys shown here are what 'activity add --category' takes.",
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

  registry = cpv_cli_load_registry (error);
  if (registry == NULL)
    return FALSE;
  if (g_strcmp0 (format, "xml") == 0)
    text = cpv_programs_to_xml (registry);
  else
    text = cpv_programs_to_text (registry);
  g_print ("%s", text);
  if (*text != '\0' && text[strlen (text) - 1] != '\n')
    g_print ("\n");
  return TRUE;
}

static int
print_help (GOptionContext *context,
            gboolean        to_stdout)
{
  g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

  if (to_stdout)
    {
      g_print ("%s", text);
      return CPV_CLI_EXIT_OK;
    }
  g_printerr ("%s", text);
  return CPV_CLI_EXIT_USAGE;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) command_args = NULL;
  CpvCli cli = { NULL, NULL };
  const CpvCliCommand *command;
  const char *group = NULL;
  const char *name;
  gboolean help = FALSE;
  gboolean version = FALSE;
  guint first;
  int status;
  const GOptionEntry entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &cli.vault_path,
      "The vault file (default: $XDG_DATA_HOME/cpe-vault/vault.cpv)", "FILE" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.passphrase_file,
      "Read the passphrase from the first line of FILE", "FILE" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version", NULL },
    { NULL }
  };

  context = g_option_context_new ("COMMAND [SUBCOMMAND] [ARGUMENT…] - keep CPE records in "
                                  "an encrypted vault");
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  description = commands_description (NULL);
  g_option_context_set_description (context, description);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_autoptr(GError) usage_error = NULL;

      set_usage_error (&usage_error, "cpe-vault-cli", "%s", error->message);
      status = report_error (usage_error);
      goto out;
    }

  if (version)
    {
      g_print ("cpe-vault-cli %s (SQLCipher %s)\n", PACKAGE_VERSION, cpv_sqlcipher_version ());
      status = CPV_CLI_EXIT_OK;
      goto out;
    }
  if (help)
    {
      status = print_help (context, TRUE);
      goto out;
    }
  if (args[1] == NULL)
    {
      g_printerr ("cpe-vault-cli: no command given (see 'cpe-vault-cli --help')\n");
      status = CPV_CLI_EXIT_USAGE;
      goto out;
    }
  if (strcmp (args[1], "help") == 0)
    {
      status = print_help (context, TRUE);
      goto out;
    }

  if (is_group (args[1]))
    {
      group = args[1];
      name = args[2];
      first = 3;
      if (name == NULL || strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
        {
          g_autofree char *group_description = commands_description (group);
          FILE *out = name == NULL ? stderr : stdout;

          if (name == NULL)
            fprintf (out, "cpe-vault-cli: '%s' needs a subcommand\n", group);
          fprintf (out, "Usage: cpe-vault-cli %s SUBCOMMAND [OPTION…]\n\n%s\n", group,
                   group_description);
          status = name == NULL ? CPV_CLI_EXIT_USAGE : CPV_CLI_EXIT_OK;
          goto out;
        }
    }
  else
    {
      name = args[1];
      first = 2;
    }

  command = find_command (group, name);
  if (command == NULL)
    {
      if (group != NULL)
        g_printerr ("cpe-vault-cli: unknown subcommand '%s %s' (see 'cpe-vault-cli %s --help')\n",
                    group, name, group);
      else
        g_printerr ("cpe-vault-cli: unknown command '%s' (see 'cpe-vault-cli --help')\n", name);
      status = CPV_CLI_EXIT_USAGE;
      goto out;
    }

  /* The command sees a program name followed by everything after the command words. */
  command_args = g_new0 (char *, g_strv_length (args) - first + 2);
  command_args[0] = g_strdup ("cpe-vault-cli");
  for (guint i = first, j = 1; args[i] != NULL; i++, j++)
    command_args[j] = g_strdup (args[i]);

  if (!command->handler (&cli, command, &command_args, &error))
    status = report_error (error);
  else
    status = CPV_CLI_EXIT_OK;

out:
  g_free (cli.vault_path);
  g_free (cli.passphrase_file);
  return status;
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  /* The core's messages follow LANGUAGE/LC_MESSAGES; in the C locale they stay English. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_set_prgname ("cpe-vault-cli");

  status = run (argc, argv);

  if (fflush (stdout) != 0 && status == CPV_CLI_EXIT_OK)
    {
      g_printerr ("cpe-vault-cli: could not write to standard output\n");
      status = CPV_CLI_EXIT_ERROR;
    }
  return status;
}
