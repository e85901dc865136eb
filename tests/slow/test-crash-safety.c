/* test-crash-safety.c — a process killed while attaching leaves the vault whole
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpv-evidence.h"
#include "cpv-vault-private.h"
#include "cpv-test-util.h"

#define MiB (1024 * 1024)
#define RUNS 24
#define ITEM_SIZE (24 * MiB)

/* The child opens the vault itself (no SQLite handle crosses fork()) and attaches one item. */
static void
attach_in_child (const char *path,
                 guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = cpv_vault_open (path, CPV_TEST_PASSPHRASE, &error);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;

  if (vault == NULL)
    _exit (3);
  in = cpv_test_pattern_stream_new (ITEM_SIZE, seed);
  evidence = cpv_vault_attach_evidence (vault, 0, in, NULL, NULL, NULL, &error);
  _exit (evidence != NULL ? 0 : 4);
}

static gint64
time_one_attach (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    attach_in_child (path, 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return g_get_monotonic_time () - start;
}

static void
check_vault (const char *path,
             guint32     seed,
             guint      *complete,
             guint      *absent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = cpv_vault_open (path, CPV_TEST_PASSPHRASE, &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *expected = cpv_test_pattern_sha256 (ITEM_SIZE, seed);
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (cpv_vault_check_integrity (vault, &error));
  g_assert_no_error (error);

  items = cpv_vault_list_evidence (vault, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      CpvEvidence *evidence = items->pdata[i];
      g_autoptr(GInputStream) in = NULL;
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 buffer[65536];
      gssize n;

      g_assert_false (g_str_has_prefix (evidence->sha256, "pending:"));
      if (g_strcmp0 (evidence->sha256, expected) != 0)
        continue;
      found = TRUE;
      /* Complete means every byte is there and hashes to what was sent. */
      g_assert_cmpint (evidence->size, ==, ITEM_SIZE);
      in = cpv_vault_open_evidence (vault, evidence->id, &error);
      while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
        g_checksum_update (checksum, buffer, n);
      g_assert_no_error (error);
      g_assert_cmpstr (g_checksum_get_string (checksum), ==, expected);
    }
  if (found)
    (*complete)++;
  else
    (*absent)++;
}

static void
test_sigkill_during_attach (CpvTestVault  *fixture,
                            gconstpointer  user_data)
{
  gint64 duration;
  guint complete = 0, absent = 0;

  /* Close the parent's handle: only children write. */
  cpv_vault_close (fixture->vault);
  duration = time_one_attach (fixture->path);
  g_test_message ("one attach of %d MB takes %.2f s (with the key derivation)",
                  ITEM_SIZE / MiB, duration / 1e6);

  for (guint run = 0; run < RUNS; run++)
    {
      guint32 seed = 100 + run;
      /* Kill anywhere from before the key is derived to just after the commit. */
      gint64 delay = g_test_rand_int_range (0, (int) MIN (duration * 1.2, G_MAXINT));
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        attach_in_child (fixture->path, seed);

      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      check_vault (fixture->path, seed, &complete, &absent);
    }

  g_test_message ("%u runs: %u items complete, %u absent", RUNS, complete, absent);
  g_assert_cmpuint (complete + absent, ==, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/evidence/crash-safety/sigkill-during-attach", CpvTestVault, NULL,
              cpv_test_vault_setup, test_sigkill_during_attach, cpv_test_vault_teardown);
  return g_test_run ();
}
