/* test-ui-audits.c — the audits page, the evidence pack dialog and the retention dialog
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). Each test makes a vault with the core, unlocks it through
 * the unlock page, then uses the page's rows, buttons and actions as a person would. Every
 * figure on screen is compared with what the core functions return for the same vault
 * (readiness counts, response due dates, appeal windows, retention lists), and the pack the
 * dialog writes is verified with the core. Screenshots go to $G_TEST_BUILDDIR/screenshots/.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-audit-dialog.h"
#include "cpv-audit.h"
#include "cpv-audits-page.h"
#include "cpv-evidence.h"
#include "cpv-pack-dialog.h"
#include "cpv-pack.h"
#include "cpv-readiness.h"
#include "cpv-records.h"
#include "cpv-retention-dialog.h"
#include "cpv-retention.h"
#include "cpv-status-labels.h"
#include "cpv-ui-test-util.h"
#include "cpv-unlock-page.h"
#include "cpv-window.h"

#define PASSPHRASE "correct horse battery staple"

static CpvUiTestProcess process;

typedef struct
{
  char      *dir;
  char      *vault_path;
  CpvWindow *window;
  gint64     cissp_id;
  gint64     ccsp_id;
  gint64     seminar_id;     /* certificate and a TLP:RED file */
  gint64     book_id;        /* no ISBN, no proof of possession: gaps */
  gint64     workshop_id;    /* no proof: a gap */
  gint64     partner_id;     /* auto-submitted, not reflected after 6 weeks */
  gint64     old_id;         /* counted toward a cycle that ended long ago: past retention */
  gint64     audit_id;
  gint64     red_evidence_id;
} UiFixture;

/* Helpers ------------------------------------------------------------------------------- */

static GtkWidget *
window_child (UiFixture  *fixture,
              const char *name)
{
  return cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, name);
}

static CpvAuditsPage *
audits_page (UiFixture *fixture)
{
  return CPV_AUDITS_PAGE (window_child (fixture, "audits_page"));
}

static GtkWidget *
page_child (UiFixture  *fixture,
            const char *name)
{
  return cpv_ui_child (audits_page (fixture), CPV_TYPE_AUDITS_PAGE, name);
}

static gboolean
vault_is_open (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) != NULL;
}

static gboolean
page_is_loaded (gpointer data)
{
  UiFixture *fixture = data;

  return !cpv_audits_page_get_loading (audits_page (fixture));
}

static gboolean
stacks_are_still (gpointer data)
{
  UiFixture *fixture = data;

  return !gtk_stack_get_transition_running (GTK_STACK (window_child (fixture, "main_stack")))
         && !gtk_stack_get_transition_running (GTK_STACK (window_child (fixture, "content_stack")))
         && !gtk_stack_get_transition_running (GTK_STACK (page_child (fixture, "stack")));
}

static CpvVault *
vault (UiFixture *fixture)
{
  return cpv_window_get_vault (fixture->window);
}

static CpvProgramRegistry *
registry (UiFixture *fixture)
{
  return cpv_session_get_registry (cpv_window_get_session (fixture->window));
}

static char *
iso_from_today (int days)
{
  return cpv_day_format (cpv_day_add_days (cpv_day_today (), days));
}

/* The rows an expander row reveals (not its own header row). */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *row = gtk_widget_get_first_child (widget);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_ancestor (row, GTK_TYPE_REVEALER) != NULL)
        g_ptr_array_add (rows, row);
      if (!ADW_IS_ACTION_ROW (row))
        collect_rows (row, rows);
    }
}

static guint
count_top_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;
  return n;
}

static GtkWidget *
top_row (GtkWidget *list,
         guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The first descendant of @widget that is a button with @action_name. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget);
       w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (w)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action_name) == 0)
        return w;
      found = find_action_button (w, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A button's "activate" releases after a timeout; "clicked" is what a click ends with. */
  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);
}

static gboolean
no_message_dialog (gpointer data)
{
  return cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* Answers the open message dialog; with @date, types it into the dialog's date row first. */
static void
answer_message_dialog (UiFixture  *fixture,
                       const char *response,
                       const char *date)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  if (date != NULL)
    {
      GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

      g_assert_true (ADW_IS_ENTRY_ROW (row));
      gtk_editable_set_text (GTK_EDITABLE (row), date);
      g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
    }
  /* What a click on the response button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cpv_ui_spin_until (no_message_dialog, fixture, "the message dialog closes");
}

static void
reload_and_wait (UiFixture *fixture)
{
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  cpv_ui_spin_until (page_is_loaded, fixture, "the audits page has its figures");
}

/* Screenshots --------------------------------------------------------------------------- */

static void
save_screenshot (GtkWindow  *window_,
                 const char *state,
                 gboolean    dark,
                 int         width,
                 int         height)
{
  GtkWidget *window = GTK_WIDGET (window_);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* Without a compositor the surface keeps a margin for resizing around the window; size the
   * surface so that the window itself gets the size asked for (again if the margin changes). */
  while ((gtk_widget_get_width (window) != width || gtk_widget_get_height (window) != height)
         && g_get_monotonic_time () < deadline)
    {
      gtk_window_set_default_size (window_,
                                   width + gdk_surface_get_width (surface)
                                   - gtk_widget_get_width (window),
                                   height + gdk_surface_get_height (surface)
                                   - gtk_widget_get_height (window));
      cpv_ui_wait_frames (window, 2);
    }
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  g_assert_cmpint (gtk_widget_get_height (window), ==, height);
  cpv_ui_wait_frames (window, 4);

  cpv_ui_save_png (window, width, height, state, process.language, dark);
}

static void
save_screenshots (GtkWindow  *window,
                  const char *state)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      save_screenshot (window, state, FALSE, sizes[i].width, sizes[i].height);
      save_screenshot (window, state, TRUE, sizes[i].width, sizes[i].height);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* The vault ----------------------------------------------------------------------------- */

static gint64
add_credential (CpvVault   *vault,
                const char *code,
                CpvDay      start,
                CpvDay      end)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup ("isc2");
  credential->code = g_strdup (code);
  credential->cycle_start = cpv_day_format (start);
  credential->cycle_end = cpv_day_format (end);
  credential->member_since = cpv_day_format (cpv_day_add_years (start, -3));
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_activity (CpvVault   *vault,
              const char *title,
              const char *category,
              int         days_ago,
              double      credits,
              gint64      credential_id,
              gboolean    auto_submitted)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  activity->title = g_strdup (title);
  activity->category = g_strdup (category);
  activity->start_date = iso_from_today (-days_ago);
  activity->end_date = iso_from_today (-days_ago);
  activity->hours = credits;
  activity->credits = credits;
  activity->provider = g_strdup ("ISC2 Japan Chapter");
  activity->auto_submitted = auto_submitted;
  cpv_activity_add_credit_line (activity, credential_id, 'A');
  id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
attach (CpvVault   *vault,
        gint64      activity_id,
        const char *file_name,
        const char *kind,
        const char *tlp,
        const char *content)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (content, strlen (content),
                                                                     NULL);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { kind, tlp, FALSE, "en", file_name };

  evidence = cpv_vault_attach_evidence (vault, activity_id, in, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  return evidence->id;
}

static void
fill_vault (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) new_vault = cpv_vault_create (fixture->vault_path, PASSPHRASE, &error);
  g_autoptr(CpvAuditRequest) request = cpv_audit_request_new ();
  CpvDay start = cpv_day_add_days (cpv_day_today (), -400);
  CpvDay old_end = cpv_day_add_days (cpv_day_today (), -900);

  g_assert_no_error (error);
  fixture->cissp_id = add_credential (new_vault, "CISSP", start,
                                      cpv_day_add_days (cpv_day_add_years (start, 3), -1));
  fixture->ccsp_id = add_credential (new_vault, "CCSP",
                                     cpv_day_add_days (cpv_day_add_years (old_end, -3), 1),
                                     old_end);

  fixture->seminar_id = add_activity (new_vault, "Security architecture seminar",
                                      "isc2.education.course", 60, 8, fixture->cissp_id, FALSE);
  attach (new_vault, fixture->seminar_id, "seminar-certificate.txt", "certificate", "green",
          "Certificate of attendance: Security architecture seminar");
  fixture->red_evidence_id = attach (new_vault, fixture->seminar_id, "incident-notes.txt",
                                     "notes", "red", "Incident details shared under TLP:RED");
  fixture->book_id = add_activity (new_vault, "Threat Modeling (book)",
                                   "isc2.education.self-study-book", 120, 5, fixture->cissp_id,
                                   FALSE);
  fixture->workshop_id = add_activity (new_vault, "Cloud security workshop",
                                       "isc2.education.course", 30, 4, fixture->cissp_id, FALSE);
  fixture->partner_id = add_activity (new_vault, "Partner webinar on zero trust",
                                      "isc2.education.course", 70, 1, fixture->cissp_id, TRUE);
  fixture->old_id = add_activity (new_vault, "Old CCSP conference", "isc2.education.course",
                                  1000, 6, fixture->ccsp_id, FALSE);

  request->credential_id = fixture->cissp_id;
  request->received = cpv_day_add_days (cpv_day_today (), -10);
  request->note = g_strdup ("Case 2026-0412");
  cpv_audit_request_add_activity (request, fixture->seminar_id);
  cpv_audit_request_add_activity (request, fixture->workshop_id);
  fixture->audit_id = cpv_vault_add_audit (new_vault, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->audit_id, >, 0);
  cpv_vault_close (new_vault);
}

static void
open_and_unlock (UiFixture *fixture)
{
  CpvUnlockPage *page;

  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  page = CPV_UNLOCK_PAGE (window_child (fixture, "unlock_page"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);

  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (page, CPV_TYPE_UNLOCK_PAGE, "passphrase_row")),
                         PASSPHRASE);
  gtk_widget_activate (cpv_ui_child (page, CPV_TYPE_UNLOCK_PAGE, "submit_button"));
  cpv_ui_spin_until (vault_is_open, fixture, "the vault is open");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "audits");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture,
                                                                              "content_stack"))),
                   ==, "audits");
  cpv_ui_spin_until (page_is_loaded, fixture, "the audits page has its figures");
  cpv_ui_spin_until (stacks_are_still, fixture, "the window shows the audits page");
}

/* The row of the audit request on the page. */
static GtkWidget *
audit_row (UiFixture *fixture)
{
  GtkWidget *list = page_child (fixture, "audits_list");

  g_assert_cmpuint (count_top_rows (list), ==, 1);
  return top_row (list, 0);
}

static CpvAuditRequest *
core_audit (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CpvAuditRequest *request = cpv_vault_get_audit (vault (fixture), registry (fixture),
                                                  fixture->audit_id, &error);

  g_assert_no_error (error);
  return request;
}

/* Fixture ------------------------------------------------------------------------------- */

static void
fixture_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-ui-audits-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->vault_path = g_build_filename (fixture->dir, "Audits.cpv", NULL);
  fill_vault (fixture);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  cpv_ui_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->vault_path);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_readiness_and_due_dates (UiFixture     *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvCycleReadiness) readiness = NULL;
  g_autoptr(CpvAuditRequest) request = NULL;
  g_autoptr(GPtrArray) gap_rows = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  g_autofree char *due = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *appeal_until = NULL;
  g_autofree char *rejected_on = iso_from_today (0);
  GtkWidget *readiness_list;
  GtkWidget *cissp_row = NULL;
  CpvDay reflected = 0;
  guint n_not_ready = 0;

  open_and_unlock (fixture);

  /* Readiness: the same counts and gaps as cpv_readiness_check_cycle. */
  readiness = cpv_readiness_check_cycle (vault (fixture), registry (fixture), fixture->cissp_id,
                                         0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (readiness->n_total, ==, 4);
  g_assert_cmpuint (readiness->n_ready, <, readiness->n_total);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Ready for audit: %u of %u activity",
                                          "Ready for audit: %u of %u activities",
                                          readiness->n_total),
                             readiness->n_ready, readiness->n_total);
  readiness_list = page_child (fixture, "readiness_list");
  g_assert_cmpuint (count_top_rows (readiness_list), ==, 2);   /* CISSP and CCSP */
  for (guint i = 0; i < 2; i++)
    if (strstr (row_title (top_row (readiness_list, i)), "CISSP") != NULL)
      cissp_row = top_row (readiness_list, i);
  g_assert_nonnull (cissp_row);
  g_assert_cmpstr (row_subtitle (cissp_row), ==, summary);

  collect_rows (cissp_row, gap_rows);
  for (guint i = 0; i < readiness->records->len; i++)
    {
      CpvRecordReadiness *record = readiness->records->pdata[i];
      gboolean shown = FALSE;

      if (cpv_record_readiness_is_ready (record))
        continue;
      n_not_ready++;
      for (guint j = 0; j < gap_rows->len; j++)
        if (g_strcmp0 (row_title (gap_rows->pdata[j]), record->title) == 0)
          {
            const char *subtitle = row_subtitle (gap_rows->pdata[j]);

            shown = TRUE;
            for (guint k = 0; k < record->gaps->len; k++)
              {
                CpvReadinessGap *gap = record->gaps->pdata[k];

                /* Each gap with its rule tag. */
                g_assert_nonnull (strstr (subtitle, gap->rule));
              }
          }
      g_assert_true (shown);
    }
  g_assert_cmpuint (n_not_ready, ==, readiness->n_total - readiness->n_ready);
  g_assert_cmpuint (gap_rows->len, ==, n_not_ready);

  /* The audit request: due = received + 90 days from the core, with the days left. */
  request = core_audit (fixture);
  g_assert_cmpuint (request->due, ==, cpv_day_add_days (cpv_day_today (), 80));
  due = cpv_day_format (request->due);
  relative = cpv_format_relative_day (request->due, cpv_day_today ());
  {
    g_autofree char *expected = g_strdup_printf (_("Answer by %s (%s)"), due, relative);

    g_assert_cmpstr (row_subtitle (audit_row (fixture)), ==, expected);
  }

  /* Partner reconciliation: the auto-submitted webinar, until marked as reflected. */
  g_assert_cmpuint (count_top_rows (page_child (fixture, "partner_list")), ==, 1);
  g_assert_cmpstr (row_title (top_row (page_child (fixture, "partner_list"), 0)), ==,
                   "Partner webinar on zero trust");
  click (find_action_button (top_row (page_child (fixture, "partner_list"), 0),
                             "audits.mark-reflected"));
  reload_and_wait (fixture);
  g_assert_cmpuint (count_top_rows (page_child (fixture, "partner_list")), ==, 0);
  g_assert_true (cpv_vault_get_activity_reflected (vault (fixture), fixture->partner_id,
                                                   &reflected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reflected, ==, cpv_day_today ());

  /* Mark responded (today), then rejected today: the 90-day appeal window is shown. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (audit_row (fixture)), TRUE);
  click (find_action_button (audit_row (fixture), "audits.respond"));
  answer_message_dialog (fixture, "apply", NULL);
  reload_and_wait (fixture);
  g_clear_pointer (&request, cpv_audit_request_free);
  request = core_audit (fixture);
  g_assert_cmpint (request->status, ==, CPV_AUDIT_STATUS_RESPONDED);
  g_assert_cmpuint (request->responded_on, ==, cpv_day_today ());
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (audit_row (fixture))));

  click (find_action_button (audit_row (fixture), "audits.reject"));
  answer_message_dialog (fixture, "apply", rejected_on);
  reload_and_wait (fixture);
  g_clear_pointer (&request, cpv_audit_request_free);
  request = core_audit (fixture);
  g_assert_cmpint (request->status, ==, CPV_AUDIT_STATUS_CLOSED);
  g_assert_cmpint (request->outcome, ==, CPV_AUDIT_OUTCOME_REJECTED);
  g_assert_cmpuint (request->appeal_until, ==, cpv_day_add_days (cpv_day_today (), 90));
  appeal_until = cpv_day_format (request->appeal_until);
  g_clear_pointer (&relative, g_free);
  relative = cpv_format_relative_day (request->appeal_until, cpv_day_today ());
  {
    g_autofree char *expected = g_strdup_printf (_("Rejected on %s; appeal by %s (%s)"),
                                                 rejected_on, appeal_until, relative);

    g_assert_cmpstr (row_subtitle (audit_row (fixture)), ==, expected);
  }
  g_assert_nonnull (find_action_button (audit_row (fixture), "audits.appeal"));

  /* A gap opens the activity editor (win.edit-activity). The reloads above built new rows. */
  g_assert_cmpuint (gap_rows->len, >, 0);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    cissp_row = NULL;
    for (guint i = 0; i < count_top_rows (readiness_list); i++)
      if (strstr (row_title (top_row (readiness_list, i)), "CISSP") != NULL)
        cissp_row = top_row (readiness_list, i);
    g_assert_nonnull (cissp_row);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (cissp_row), TRUE);
    collect_rows (cissp_row, rows);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (rows->pdata[0])), ==,
                     "audits.open-activity");
    click (rows->pdata[0]);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture,
                                                                              "content_stack"))),
                   ==, "activities");
}

/* The readiness of the previous cycle: chosen in the group's header, computed by the core. */
static void
test_previous_cycle (UiFixture     *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvCycleReadiness) previous = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *readiness_list;
  GtkWidget *cissp_row = NULL;

  open_and_unlock (fixture);
  previous = cpv_readiness_check_cycle (vault (fixture), registry (fixture), fixture->cissp_id,
                                        1, &error);
  g_assert_no_error (error);
  start = cpv_day_format (previous->cycle_start);
  end = cpv_day_format (previous->cycle_end);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Ready for audit: %u of %u activity",
                                          "Ready for audit: %u of %u activities",
                                          previous->n_total),
                             previous->n_ready, previous->n_total);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (fixture, "cycle_dropdown")), 1);
  reload_and_wait (fixture);
  readiness_list = page_child (fixture, "readiness_list");
  for (guint i = 0; i < count_top_rows (readiness_list); i++)
    if (strstr (row_title (top_row (readiness_list, i)), "CISSP") != NULL)
      cissp_row = top_row (readiness_list, i);
  g_assert_nonnull (cissp_row);
  g_assert_nonnull (strstr (row_title (cissp_row), start));
  g_assert_nonnull (strstr (row_title (cissp_row), end));
  g_assert_cmpstr (row_subtitle (cissp_row), ==, summary);

  /* Back to the current cycle. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (fixture, "cycle_dropdown")), 0);
  reload_and_wait (fixture);
  cissp_row = NULL;
  for (guint i = 0; i < count_top_rows (readiness_list); i++)
    if (strstr (row_title (top_row (readiness_list, i)), "CISSP") != NULL)
      cissp_row = top_row (readiness_list, i);
  g_assert_nonnull (cissp_row);
  g_assert_null (strstr (row_title (cissp_row), end));
}

static gboolean
pack_dialog_done (gpointer data)
{
  CpvPackDialog *dialog = CPV_PACK_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG));

  return dialog != NULL && !cpv_pack_dialog_get_busy (dialog)
         && g_strcmp0 (gtk_stack_get_visible_child_name (
                         GTK_STACK (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "stack"))),
                       "done") == 0;
}

static gboolean
pack_dialog_idle (gpointer data)
{
  CpvPackDialog *dialog = CPV_PACK_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG));

  return dialog != NULL && !cpv_pack_dialog_get_busy (dialog);
}

static gboolean
pack_verified (gpointer data)
{
  CpvPackDialog *dialog = CPV_PACK_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG));

  return !cpv_pack_dialog_get_busy (dialog)
         && gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "verify_label"));
}

static gboolean
no_pack_dialog (gpointer data)
{
  return cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG) == NULL;
}

static void
test_encrypted_pack (UiFixture     *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(CpvPackVerification) without = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pack.zip", NULL);
  g_autofree char *passphrase = NULL;
  CpvPackDialog *dialog;
  GtkWidget *withheld;
  GtkListBoxRow *row;

  open_and_unlock (fixture);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (audit_row (fixture)), TRUE);
  click (find_action_button (audit_row (fixture), "audits.export-audit"));
  dialog = CPV_PACK_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  /* The core plans the pack in a thread to list what it would leave out. */
  cpv_ui_spin_until (pack_dialog_idle, fixture, "the pack dialog lists the withheld items");

  /* COUNCIL-TLP-1: the TLP:RED note of the seminar is listed, unticked; encryption is on. */
  withheld = cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "withheld_list");
  g_assert_cmpuint (count_top_rows (withheld), ==, 1);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (withheld), 0);
  g_assert_cmpstr (row_title (GTK_WIDGET (row)), ==, "incident-notes.txt");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                                  "encrypt_switch"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cpv_ui_child (dialog,
                                                                              CPV_TYPE_PACK_DIALOG,
                                                                              "names_row"))),
                    ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                    "organisation_row")),
                         "Example KK");
  save_screenshots (GTK_WINDOW (dialog), "pack-dialog");

  /* The destination the file chooser would return. */
  file = g_file_new_for_path (path);
  cpv_pack_dialog_export_to (dialog, file);
  cpv_ui_spin_until (pack_dialog_done, fixture, "the pack is written");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  passphrase = g_strdup (gtk_label_get_label (GTK_LABEL (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                                       "passphrase_label"))));
  g_assert_cmpuint (strlen (passphrase), >=, 20);
  g_assert_true (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                       "passphrase_group")));

  /* The core opens it with the passphrase shown, and not without. */
  verification = cpv_pack_verify (path, passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->encrypted);
  g_assert_cmpuint (verification->problems->len, ==, 0);
  g_assert_cmpuint (verification->n_verified, ==, verification->n_files);
  /* summary.pdf, activities.csv and the seminar's certificate; the TLP:RED note stayed out. */
  g_assert_cmpuint (verification->n_files, ==, 3);
  without = cpv_pack_verify (path, NULL, NULL, &error);
  g_assert_null (without);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE);
  g_clear_error (&error);

  /* The dialog's own Verify. */
  click (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "verify_button"));
  cpv_ui_spin_until (pack_verified, fixture, "the pack is verified");
  g_assert_true (gtk_widget_has_css_class (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                         "verify_label"),
                                           "success"));
  cpv_ui_wait_stack_still (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "stack"));
  save_screenshots (GTK_WINDOW (dialog), "pack-done");

  /* Locking closes the dialog (and its passphrase) and empties the page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  cpv_ui_spin_until (no_pack_dialog, fixture, "the pack dialog closes on lock");
  g_assert_cmpuint (count_top_rows (page_child (fixture, "readiness_list")), ==, 0);
  g_assert_cmpuint (count_top_rows (page_child (fixture, "audits_list")), ==, 0);
}

static gboolean
no_retention_dialog_busy (gpointer data)
{
  CpvRetentionDialog *dialog =
    CPV_RETENTION_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_RETENTION_DIALOG));

  return dialog != NULL && !cpv_retention_dialog_get_busy (dialog);
}

static void
test_retention_purge (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(CpvActivity) gone = NULL;
  CpvRetentionDialog *dialog;
  GtkWidget *stack;
  GtkWidget *items;

  open_and_unlock (fixture);
  past = cpv_retention_list (vault (fixture), registry (fixture), cpv_day_today (), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past->len, >=, 1);

  click (page_child (fixture, "retention_row"));
  dialog = CPV_RETENTION_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_RETENTION_DIALOG));
  g_assert_nonnull (dialog);
  stack = cpv_ui_child (dialog, CPV_TYPE_RETENTION_DIALOG, "stack");
  items = cpv_ui_child (dialog, CPV_TYPE_RETENTION_DIALOG, "items_list");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  g_assert_cmpuint (count_top_rows (items), ==, past->len);
  g_assert_cmpstr (row_title (top_row (items, 0)), ==, "Old CCSP conference");

  /* Nothing goes without the confirmation; cancelling keeps everything. */
  click (cpv_ui_child (dialog, CPV_TYPE_RETENTION_DIALOG, "purge_button"));
  answer_message_dialog (fixture, "cancel", NULL);
  gone = cpv_vault_get_activity (vault (fixture), fixture->old_id, &error);
  g_assert_no_error (error);
  g_clear_object (&gone);

  click (cpv_ui_child (dialog, CPV_TYPE_RETENTION_DIALOG, "purge_button"));
  answer_message_dialog (fixture, "purge", NULL);
  cpv_ui_spin_until (no_retention_dialog_busy, fixture, "the purge ends");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "report");
  g_assert_cmpuint (count_top_rows (cpv_ui_child (dialog, CPV_TYPE_RETENTION_DIALOG,
                                                  "report_list")),
                    ==, past->len);

  after = cpv_retention_list (vault (fixture), registry (fixture), cpv_day_today (), TRUE,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
  gone = cpv_vault_get_activity (vault (fixture), fixture->old_id, &error);
  g_assert_null (gone);
  g_assert_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Held and kept records stay. */
  gone = cpv_vault_get_activity (vault (fixture), fixture->seminar_id, &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_record_audit (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *received = iso_from_today (-3);
  GtkWindow *dialog;
  GtkWidget *list;
  guint n_rows;

  open_and_unlock (fixture);
  gtk_widget_activate_action (GTK_WIDGET (audits_page (fixture)), "audits.record", NULL);
  dialog = cpv_ui_find_toplevel (CPV_TYPE_AUDIT_DIALOG);
  g_assert_nonnull (dialog);
  list = cpv_ui_child (dialog, CPV_TYPE_AUDIT_DIALOG, "activities_list");
  g_assert_nonnull (list);
  /* The CISSP's four activities, newest first: the checklist the auditor's e-mail names. */
  n_rows = count_top_rows (list);
  g_assert_cmpuint (n_rows, ==, 4);
  g_assert_cmpstr (row_title (top_row (list, 0)), ==, "Cloud security workshop");
  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (dialog, CPV_TYPE_AUDIT_DIALOG,
                                                    "received_row")),
                         received);
  gtk_widget_activate (top_row (list, 0));   /* ticks the check button */
  gtk_widget_activate (top_row (list, 2));
  click (cpv_ui_child (dialog, CPV_TYPE_AUDIT_DIALOG, "save_button"));
  reload_and_wait (fixture);

  audits = cpv_vault_list_audits (vault (fixture), registry (fixture), fixture->cissp_id,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 2);
  g_assert_cmpuint (count_top_rows (page_child (fixture, "audits_list")), ==, 2);
  for (guint i = 0; i < audits->len; i++)
    {
      CpvAuditRequest *request = audits->pdata[i];

      if (request->id == fixture->audit_id)
        continue;
      g_assert_cmpuint (request->received, ==, cpv_day_add_days (cpv_day_today (), -3));
      g_assert_cmpuint (request->activity_ids->len, ==, 2);
      g_assert_cmpuint (request->due, ==, cpv_day_add_days (request->received, 90));
    }
}

static void
test_screenshots (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *readiness_list;

  open_and_unlock (fixture);
  readiness_list = page_child (fixture, "readiness_list");
  for (guint i = 0; i < count_top_rows (readiness_list); i++)
    if (strstr (row_title (top_row (readiness_list, i)), "CISSP") != NULL)
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (top_row (readiness_list, i)), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (audit_row (fixture)), TRUE);
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 30);   /* the rows finish unfolding */
  save_screenshots (GTK_WINDOW (fixture->window), "audits");
}

int
main (int   argc,
      char *argv[])
{
  cpv_ui_test_begin (&process, &argc, &argv, TRUE);

  g_test_add ("/ui/audits/ISC2-AUDIT-1/readiness-and-due-dates", UiFixture, NULL,
              fixture_set_up, test_readiness_and_due_dates, fixture_tear_down);
  g_test_add ("/ui/audits/ISC2-AUDIT-2/previous-cycle", UiFixture, NULL,
              fixture_set_up, test_previous_cycle, fixture_tear_down);
  g_test_add ("/ui/audits/ISC2-AUDIT-1/record-request", UiFixture, NULL,
              fixture_set_up, test_record_audit, fixture_tear_down);
  g_test_add ("/ui/audits/COUNCIL-SUBMIT-1/encrypted-pack", UiFixture, NULL,
              fixture_set_up, test_encrypted_pack, fixture_tear_down);
  g_test_add ("/ui/audits/ISC2-REC-3/retention-purge", UiFixture, NULL,
              fixture_set_up, test_retention_purge, fixture_tear_down);
  g_test_add ("/ui/audits/screenshots", UiFixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return cpv_ui_test_end (&process, g_test_run ());
}
