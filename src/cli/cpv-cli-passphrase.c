/* cpv-cli-passphrase.c — where cpe-vault-cli gets a passphrase from
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Long enough for any passphrase a person types; longer input is refused, not cut. */
#define PROMPT_BUFFER_SIZE 1024

static struct termios saved_termios;
static volatile sig_atomic_t echo_disabled;

static void
restore_terminal_cb (int signum)
{
  if (echo_disabled)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
wipe_buffer (void  *buffer,
             gsize  size)
{
  explicit_bzero (buffer, size);
}

static char *
first_line (const char *contents,
            gsize       length)
{
  gsize end = 0;

  while (end < length && contents[end] != '\n' && contents[end] != '\0')
    end++;
  if (end > 0 && contents[end - 1] == '\r')
    end--;
  return g_strndup (contents, end);
}

static char *
passphrase_from_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  char *passphrase;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "Cannot read the passphrase file: %s", local_error->message);
      return NULL;
    }

  passphrase = first_line (contents, length);
  wipe_buffer (contents, length);
  g_free (contents);

  if (*passphrase == '\0')
    {
      g_free (passphrase);
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "The passphrase file %s is empty: its first line must be the passphrase",
                   path);
      return NULL;
    }
  return passphrase;
}

/* Reads one line from the terminal with echo off. The bytes go straight from the file
 * descriptor into a buffer that is wiped, so no stdio buffer keeps a copy. */
static char *
prompt_no_echo (const char  *prompt,
                GError     **error)
{
  char buffer[PROMPT_BUFFER_SIZE];
  struct termios no_echo;
  struct sigaction action = { 0 };
  struct sigaction old_int, old_term, old_hup;
  gsize length = 0;
  gboolean too_long = FALSE;
  char *passphrase;

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "Cannot prompt for the passphrase: %s", g_strerror (saved_errno));
      return NULL;
    }

  action.sa_handler = restore_terminal_cb;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);
  sigaction (SIGHUP, &action, &old_hup);

  no_echo = saved_termios;
  no_echo.c_lflag &= ~(tcflag_t) ECHO;
  no_echo.c_lflag |= ECHONL;
  fputs (prompt, stderr);
  fflush (stderr);
  echo_disabled = TRUE;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &no_echo);

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (length + 1 >= sizeof buffer)
        {
          too_long = TRUE;
          continue;
        }
      buffer[length++] = c;
      c = 0;
    }
  buffer[length] = '\0';

  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  echo_disabled = FALSE;
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  sigaction (SIGHUP, &old_hup, NULL);

  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';

  if (too_long)
    {
      wipe_buffer (buffer, sizeof buffer);
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "The passphrase is longer than %d bytes", PROMPT_BUFFER_SIZE - 1);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                           "No passphrase was typed");
      return NULL;
    }

  passphrase = g_strndup (buffer, length);
  wipe_buffer (buffer, sizeof buffer);
  return passphrase;
}

void
cpv_cli_passphrase_free (char *passphrase)
{
  if (passphrase == NULL)
    return;
  cpv_passphrase_wipe (passphrase);
  g_free (passphrase);
}

/* The passphrase comes from @file (its first line), else from the environment variable
 * @env_name, else from a prompt without echo when standard input is a terminal. With
 * @confirm_prompt, the prompt asks twice and the two must match. */
char *
cpv_cli_read_passphrase (const char  *file,
                         const char  *env_name,
                         const char  *prompt,
                         const char  *confirm_prompt,
                         const char  *option_hint,
                         GError     **error)
{
  const char *from_env;
  char *passphrase;
  char *again;

  if (file != NULL)
    return passphrase_from_file (file, error);

  from_env = g_getenv (env_name);
  if (from_env != NULL)
    {
      if (*from_env == '\0')
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                       "The environment variable %s is set but empty", env_name);
          return NULL;
        }
      return g_strdup (from_env);
    }

  if (!isatty (STDIN_FILENO))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "No passphrase: use %s or set %s (standard input is not a terminal, so "
                   "there is no prompt)", option_hint, env_name);
      return NULL;
    }

  passphrase = prompt_no_echo (prompt, error);
  if (passphrase == NULL || confirm_prompt == NULL)
    return passphrase;

  again = prompt_no_echo (confirm_prompt, error);
  if (again == NULL)
    {
      cpv_cli_passphrase_free (passphrase);
      return NULL;
    }
  if (strcmp (passphrase, again) != 0)
    {
      cpv_cli_passphrase_free (passphrase);
      cpv_cli_passphrase_free (again);
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_NO_PASSPHRASE,
                   "The two passphrases do not match");
      return NULL;
    }
  cpv_cli_passphrase_free (again);
  return passphrase;
}
