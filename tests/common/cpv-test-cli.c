/* cpv-test-cli.c — runs the real cpe-vault-cli binary ($CPV_CLI) for the test suites
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-test-cli.h"

#include "cpv-test-util.h"

gboolean
cpv_test_cli_available (void)
{
  if (g_getenv ("CPV_CLI") != NULL)
    return TRUE;
  g_printerr ("CPV_CLI must name the cpe-vault-cli binary (meson test sets it)\n");
  return FALSE;
}

void
cpv_test_cli_set_up (CpvTestCli *cli,
                     const char *dir_template)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (dir_template, &error);
  g_autofree char *vault = NULL;

  g_assert_no_error (error);
  vault = g_build_filename (dir, "vault.cpv", NULL);
  cpv_test_cli_set_up_in (cli, dir, vault);
}

void
cpv_test_cli_set_up_in (CpvTestCli *cli,
                        const char *dir,
                        const char *vault)
{
  cli->dir = g_strdup (dir);
  cli->vault = g_strdup (vault);
  cli->passphrase = g_strdup (CPV_TEST_PASSPHRASE);
  cli->new_passphrase = NULL;
  cli->name_vault = vault != NULL;
  cli->status = 0;
  cli->out = g_strdup ("");
  cli->err = g_strdup ("");
}

void
cpv_test_cli_tear_down (CpvTestCli *cli)
{
  cpv_test_rm_rf (cli->dir);
  g_clear_pointer (&cli->dir, g_free);
  g_clear_pointer (&cli->vault, g_free);
  g_clear_pointer (&cli->passphrase, g_free);
  g_clear_pointer (&cli->new_passphrase, g_free);
  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
}

int
cpv_test_cli_runv (CpvTestCli         *cli,
                   const char * const *args)
{
  const char *program = g_getenv ("CPV_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (cli->dir, "xdg", NULL);

  g_assert_nonnull (program);
  g_ptr_array_add (argv, g_strdup (program));
  if (cli->name_vault)
    g_ptr_array_add (argv, g_strdup_printf ("--vault=%s", cli->vault));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cli->dir);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  if (cli->passphrase != NULL)
    g_subprocess_launcher_setenv (launcher, "CPE_VAULT_PASSPHRASE", cli->passphrase, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CPE_VAULT_PASSPHRASE");
  if (cli->new_passphrase != NULL)
    g_subprocess_launcher_setenv (launcher, "CPE_VAULT_NEW_PASSPHRASE", cli->new_passphrase,
                                  TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CPE_VAULT_NEW_PASSPHRASE");

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli->out, &cli->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  cli->status = g_subprocess_get_exit_status (process);
  if (cli->status != 0)
    g_test_message ("cpe-vault-cli %s → %d: %s", args[0] != NULL ? args[0] : "", cli->status,
                    cli->err);
  return cli->status;
}

int
cpv_test_cli_run_valist (CpvTestCli *cli,
                         const char *first,
                         va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return cpv_test_cli_runv (cli, (const char * const *) argv->pdata);
}

int
cpv_test_cli_run (CpvTestCli *cli,
                  const char *first,
                  ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = cpv_test_cli_run_valist (cli, first, args);
  va_end (args);
  return status;
}

guint
cpv_test_count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;
  return lines;
}
