/* cpv-cli-vault.c — `init`, `change-passphrase`, `check` and `convert-format`
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <errno.h>
#include <glib/gstdio.h>

/* Refuses a passphrase the vault would refuse, before anything is written; warns about a
 * weak one on stderr. */
static gboolean
check_new_passphrase (const char  *passphrase,
                      GError     **error)
{
  CpvPassphraseStrength strength = cpv_passphrase_strength (passphrase);

  if (strength == CPV_PASSPHRASE_TOO_SHORT
      || g_utf8_strlen (passphrase, -1) < CPV_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE,
                   "The new passphrase is too short: use at least %d characters",
                   CPV_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }
  if (strength == CPV_PASSPHRASE_WEAK)
    g_printerr ("cpe-vault-cli: note: this passphrase is weak; several unrelated words "
                "make a stronger one\n");
  return TRUE;
}

gboolean
cpv_cli_init (CpvCli               *cli,
              const CpvCliCommand  *command,
              char               ***argv,
              GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *directory = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean help_shown;
  char *passphrase;

  if (!cpv_cli_parse (cli, command, NULL,
                      "Creates the vault file named by --vault (or the default one) and prints "
                      "its path.\nThe passphrase is asked twice when it comes from the "
                      "terminal.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  path = cpv_cli_get_vault_path (cli);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_EXISTS,
                   "%s already exists: init never overwrites a file; name a new one with "
                   "--vault FILE", path);
      return FALSE;
    }

  passphrase = cpv_cli_read_passphrase (cli->passphrase_file, "CPE_VAULT_PASSPHRASE",
                                        "New passphrase: ", "Repeat the passphrase: ",
                                        "--passphrase-file FILE", error);
  if (passphrase == NULL)
    return FALSE;
  if (!check_new_passphrase (passphrase, error))
    {
      cpv_cli_passphrase_free (passphrase);
      return FALSE;
    }

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      cpv_cli_passphrase_free (passphrase);
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   "Cannot create the folder %s: %s", directory, g_strerror (saved_errno));
      return FALSE;
    }

  vault = cpv_vault_create (path, passphrase, &local_error);
  cpv_cli_passphrase_free (passphrase);
  if (vault == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return FALSE;
    }
  cpv_vault_close (vault);

  g_print ("%s\n", path);
  return TRUE;
}

gboolean
cpv_cli_change_passphrase (CpvCli               *cli,
                           const CpvCliCommand  *command,
                           char               ***argv,
                           GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *new_passphrase_file = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean help_shown;
  char *old_passphrase = NULL;
  char *new_passphrase = NULL;
  gboolean ok = FALSE;
  const GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_passphrase_file,
      "Read the new passphrase from the first line of FILE", "FILE" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "The current passphrase comes from --passphrase-file, "
                      "CPE_VAULT_PASSPHRASE or a prompt;\nthe new one from "
                      "--new-passphrase-file, CPE_VAULT_NEW_PASSPHRASE or a prompt (asked "
                      "twice).",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  path = cpv_cli_get_vault_path (cli);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND,
                   "No vault at %s: name one with --vault FILE", path);
      return FALSE;
    }

  old_passphrase = cpv_cli_read_passphrase (cli->passphrase_file, "CPE_VAULT_PASSPHRASE",
                                            "Current passphrase: ", NULL,
                                            "--passphrase-file FILE", error);
  if (old_passphrase == NULL)
    goto out;
  new_passphrase = cpv_cli_read_passphrase (new_passphrase_file, "CPE_VAULT_NEW_PASSPHRASE",
                                            "New passphrase: ", "Repeat the new passphrase: ",
                                            "--new-passphrase-file FILE", error);
  if (new_passphrase == NULL || !check_new_passphrase (new_passphrase, error))
    goto out;

  vault = cpv_vault_open (path, old_passphrase, &local_error);
  if (vault == NULL
      || !cpv_vault_change_passphrase (vault, old_passphrase, new_passphrase, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      goto out;
    }
  cpv_vault_close (vault);
  ok = TRUE;

out:
  cpv_cli_passphrase_free (old_passphrase);
  cpv_cli_passphrase_free (new_passphrase);
  return ok;
}

gboolean
cpv_cli_check (CpvCli               *cli,
               const CpvCliCommand  *command,
               char               ***argv,
               GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  gboolean help_shown;

  if (!cpv_cli_parse (cli, command, NULL,
                      "Reads every page of the vault (each page's HMAC) and runs SQLite's "
                      "integrity check.\nPrints \"ok\" and exits 0 when the vault is whole.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL || !cpv_vault_check_integrity (vault, error))
    return FALSE;
  g_print ("ok\n");
  return TRUE;
}

gboolean
cpv_cli_convert_format (CpvCli               *cli,
                        const CpvCliCommand  *command,
                        char               ***argv,
                        GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean help_shown;
  gboolean ok = FALSE;
  char *passphrase = NULL;

  if (!cpv_cli_parse (cli, command, NULL,
                      "Converts a vault written by SQLCipher 3 (Debian 12) to the format of "
                      "the SQLCipher this\nbuild uses, into a new file that is verified before "
                      "it replaces the old one. The old\nfile is kept beside it as "
                      "VAULT.sqlcipher3-backup. Does nothing when the vault is current.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  path = cpv_cli_get_vault_path (cli);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND,
                   "No vault at %s: name one with --vault FILE", path);
      return FALSE;
    }
  passphrase = cpv_cli_read_passphrase (cli->passphrase_file, "CPE_VAULT_PASSPHRASE",
                                        "Passphrase: ", NULL, "--passphrase-file FILE", error);
  if (passphrase == NULL)
    return FALSE;

  vault = cpv_vault_open (path, passphrase, &local_error);
  if (vault == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      goto out;
    }
  if (!cpv_vault_needs_conversion (vault))
    {
      g_print ("The vault is already in this build's format (SQLCipher %d).\n",
               cpv_vault_get_cipher_profile (vault));
      ok = TRUE;
      goto out;
    }
  if (!cpv_vault_convert_to_native (vault, passphrase, &backup, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      goto out;
    }
  g_print ("Converted to the SQLCipher %d format and verified.\n"
           "The previous file is kept as %s; delete it once you no longer need it.\n",
           cpv_vault_get_cipher_profile (vault), backup);
  ok = TRUE;

out:
  cpv_cli_passphrase_free (passphrase);
  return ok;
}
