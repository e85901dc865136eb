/* cpv-test-cli.h — runs the real cpe-vault-cli binary ($CPV_CLI) for the test suites
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The child's working directory, with its XDG_DATA_HOME (dir/xdg) inside; every string
 * belongs to the struct. */
typedef struct
{
  char     *dir;
  char     *vault;           /* the vault file (not created) */
  char     *passphrase;      /* CPE_VAULT_PASSPHRASE for the child; NULL leaves it unset */
  char     *new_passphrase;  /* CPE_VAULT_NEW_PASSPHRASE; NULL leaves it unset */
  gboolean  name_vault;      /* prepend --vault=VAULT to every command line */

  int       status;          /* of the last command */
  char     *out;
  char     *err;
} CpvTestCli;

/* FALSE (and says why) when meson test did not name the binary: main() then returns 77. */
gboolean cpv_test_cli_available  (void);

/* A fresh directory from @dir_template (see g_dir_make_tmp()) with dir/vault.cpv named, the
 * test passphrase, empty output. */
void     cpv_test_cli_set_up     (CpvTestCli          *cli,
                                  const char          *dir_template);
/* The same in @dir; --vault=@vault is named unless @vault is NULL. */
void     cpv_test_cli_set_up_in  (CpvTestCli          *cli,
                                  const char          *dir,
                                  const char          *vault);
/* Removes the directory (if it is still there) and frees every string. */
void     cpv_test_cli_tear_down  (CpvTestCli          *cli);

/* Runs the binary with @args (NULL-terminated, without the program) and stdin an empty pipe,
 * never a terminal, so the tool must not wait for a prompt. Returns the exit status, kept in
 * @cli with stdout and stderr. */
int      cpv_test_cli_runv       (CpvTestCli          *cli,
                                  const char * const  *args);
int      cpv_test_cli_run_valist (CpvTestCli          *cli,
                                  const char          *first,
                                  va_list              args);
int      cpv_test_cli_run        (CpvTestCli          *cli,
                                  const char          *first,
                                  ...) G_GNUC_NULL_TERMINATED;

/* The number of '\n' in @text. */
guint    cpv_test_count_lines    (const char          *text);

#define cpv_test_cli_assert_ok(cli)                                                           \
  G_STMT_START {                                                                              \
    if ((cli)->status != 0)                                                                   \
      g_printerr ("unexpected failure, stderr: %s\n", (cli)->err);                           \
    g_assert_cmpint ((cli)->status, ==, 0);                                                  \
  } G_STMT_END

/* A failed command exits with @expected_status, says why in exactly one line on stderr and
 * prints nothing on stdout. */
#define cpv_test_cli_assert_fails(cli, expected_status)                                       \
  G_STMT_START {                                                                              \
    g_assert_cmpint ((cli)->status, ==, (expected_status));                                  \
    g_assert_true (g_str_has_prefix ((cli)->err, "cpe-vault-cli: "));                        \
    g_assert_cmpuint (cpv_test_count_lines ((cli)->err), ==, 1);                             \
    g_assert_cmpstr ((cli)->out, ==, "");                                                    \
  } G_STMT_END

G_END_DECLS
