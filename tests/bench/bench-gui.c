/* bench-gui.c — start-up time and memory of the app, as ratios to baselines of the same run
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two benchmarks (issue 4), each a ratio so that the machine's speed cancels out:
 *
 *   startup: from creating the window to the first painted frame of the unlocked overview,
 *            with the key derivation done beforehand (the vault is opened before the clock
 *            starts), divided by the same measure for a bare AdwApplicationWindow.
 *   rss:     resident memory with the activities page showing 10,000 activities, divided by
 *            the same with an empty vault.
 *
 * Every measurement runs in a fresh child process (this binary with --child MODE) so that
 * no run warms another; the parent takes medians and prints the ratios. Runs under
 * run-under-xvfb.sh.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

#include "cpv-application.h"
#include "cpv-records.h"
#include "cpv-window.h"

#define PASSPHRASE "benchmark passphrase 2026"
#define N_ACTIVITIES 10000
#define RUNS 5

/* Child side */

static gint64 start_us;
static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock;

  painted = FALSE;
  while (!gtk_widget_get_realized (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
}

static void
settle (void)
{
  /* Let idle work (list items, status) finish, then paint once more. */
  for (int i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static goffset
rss_bytes (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) * 1024 : -1;
}

static CpvWindow *
unlocked_window (CpvApplication *application,
                 const char     *vault_path,
                 CpvVault       *vault)
{
  CpvWindow *window = cpv_window_new (application, vault_path);
  GObject *unlock_page = gtk_widget_get_template_child (GTK_WIDGET (window), CPV_TYPE_WINDOW,
                                                        "unlock_page");

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* What the unlock page does when the key derivation finishes. */
  g_signal_emit_by_name (unlock_page, "unlocked", vault);
  return window;
}

static int
run_child (const char *mode,
           const char *vault_path)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (mode, "bare"))
    {
      g_autoptr(AdwApplication) application = NULL;
      GtkWidget *window;

      adw_init ();
      application = adw_application_new ("io.github.cpevault.Bench", G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (application), NULL, NULL);
      start_us = g_get_monotonic_time ();
      window = adw_application_window_new (GTK_APPLICATION (application));
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                          adw_status_page_new ());
      gtk_window_present (GTK_WINDOW (window));
      wait_for_paint (window);
      g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start_us);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }
  else
    {
      g_autoptr(CpvApplication) application = cpv_application_new ();
      g_autoptr(CpvVault) vault = NULL;
      CpvWindow *window;

      g_application_register (G_APPLICATION (application), NULL, NULL);
      vault = cpv_vault_open (vault_path, PASSPHRASE, &error);   /* KDF before the clock */
      if (vault == NULL)
        g_error ("%s", error->message);

      start_us = g_get_monotonic_time ();
      window = unlocked_window (application, vault_path, vault);
      if (g_str_equal (mode, "rss"))
        cpv_window_show_page (window, "activities");
      wait_for_paint (GTK_WIDGET (window));
      if (g_str_equal (mode, "startup"))
        {
          g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start_us);
        }
      else
        {
          settle ();
          wait_for_paint (GTK_WIDGET (window));
          g_print ("%" G_GOFFSET_FORMAT "\n", rss_bytes ());
        }
      cpv_window_lock (window);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }
}

/* Parent side */

static void
make_vault (const char *path,
            guint       n_activities)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvCredential) credential = cpv_credential_new ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  vault = cpv_vault_create (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  credential->program = g_strdup ("isc2");
  credential->code = g_strdup ("CISSP");
  credential->cycle_start = g_strdup ("2024-07-01");
  credential->cycle_end = g_strdup ("2027-06-30");
  g_assert_cmpint (cpv_vault_add_credential (vault, credential, &error), >, 0);

  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr(CpvActivity) activity = cpv_activity_new ();
      int day = i % 28 + 1, month = i / 28 % 12 + 1;

      activity->title = g_strdup_printf ("Security webinar %u: zero trust and cloud controls", i);
      activity->category = g_strdup ("isc2.education.course");
      activity->start_date = g_strdup_printf ("2025-%02d-%02d", month, day);
      activity->end_date = g_strdup (activity->start_date);
      activity->hours = 1;
      activity->credits = 1;
      activity->provider = g_strdup ("Example Training");
      cpv_activity_add_credit_line (activity, credential->id, 'A');
      g_assert_cmpint (cpv_vault_add_activity (vault, activity, &error), >, 0);
    }
  cpv_vault_close (vault);
}

static double
median_of_children (const char *self_path,
                    const char *mode,
                    const char *vault_path)
{
  double values[RUNS];

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      const char *argv[] = { self_path, "--child", mode, vault_path, NULL };
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) || !g_spawn_check_wait_status (status, &error))
        g_error ("child %s failed: %s", mode, error->message);
      values[run] = g_ascii_strtod (out, NULL);
    }
  /* insertion sort, then the middle one */
  for (int i = 1; i < RUNS; i++)
    for (int j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double swap = values[j];
        values[j] = values[j - 1];
        values[j - 1] = swap;
      }
  return values[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *full_path = NULL;
  double bare, startup, rss_empty, rss_full;
  double startup_ratio, rss_ratio;
  /* Regression ceilings, not goals: a bare window paints in 20-50 ms, the app with 10,000
   * activities (computing their status, readiness and list models) in about 2.5-3 s. */
  double startup_limit = 400.0, rss_limit = 2.5;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "bench-gui", NULL);
  g_mkdir_with_parents (dir, 0700);
  empty_path = g_build_filename (dir, "empty.cpv", NULL);
  full_path = g_build_filename (dir, "10000-activities.cpv", NULL);
  make_vault (empty_path, 0);
  make_vault (full_path, N_ACTIVITIES);

  bare = median_of_children (argv[0], "bare", empty_path);
  startup = median_of_children (argv[0], "startup", full_path);
  rss_empty = median_of_children (argv[0], "rss", empty_path);
  rss_full = median_of_children (argv[0], "rss", full_path);

  startup_ratio = startup / bare;
  rss_ratio = rss_full / rss_empty;
  g_print ("startup to unlocked overview (10,000 activities, KDF excluded): %.1f ms; "
           "bare libadwaita window: %.1f ms; ratio %.2f (limit %.1f)\n",
           startup / 1000, bare / 1000, startup_ratio, startup_limit);
  g_print ("RSS with 10,000 activities listed: %.1f MB; empty vault: %.1f MB; ratio %.2f "
           "(limit %.1f)\n", rss_full / 1048576, rss_empty / 1048576, rss_ratio, rss_limit);

  return startup_ratio <= startup_limit && rss_ratio <= rss_limit ? EXIT_SUCCESS : EXIT_FAILURE;
}
