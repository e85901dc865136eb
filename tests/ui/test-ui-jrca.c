/* test-ui-jrca.c — the JRCA auditor page and its editors, driven like a person would
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). Each test makes a vault with a JRCA ISMS auditor
 * credential, its registration, audit and CPD records through the core, unlocks it through the
 * unlock page and uses the JRCA page's actions and the editors' widgets. The readiness shown is
 * compared with cpv_jrca_evaluate() run on the vault's records. Files are attached to records
 * through the editors' Evidence Files group (the native file chooser is not driven: the test
 * calls what its response calls), and the JRCA application pack is written from the pack
 * dialog. Screenshots go to $G_TEST_BUILDDIR/screenshots/ for people to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-cpd-lint.h"
#include "cpv-evidence-viewer.h"
#include "cpv-jrca-audit-editor.h"
#include "cpv-jrca-cpd-editor.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-files.h"
#include "cpv-jrca-page.h"
#include "cpv-jrca-registration-editor.h"
#include "cpv-jrca-store.h"
#include "cpv-pack-dialog.h"
#include "cpv-pack.h"
#include "cpv-records.h"
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
  gint64     credential_id;
  gint64     cpd_id;
  gint64     beta_audit_id;   /* a record with no evidence yet */
} UiFixture;

/* Helpers ------------------------------------------------------------------------------- */

static GtkWidget *
window_child (UiFixture  *fixture,
              const char *name)
{
  return cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, name);
}

static GtkWidget *
page (UiFixture *fixture)
{
  return window_child (fixture, "jrca_page");
}

static GtkWidget *
page_child (UiFixture  *fixture,
            const char *name)
{
  return cpv_ui_child (page (fixture), CPV_TYPE_JRCA_PAGE, name);
}

static gboolean
vault_is_open (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) != NULL;
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

static CpvDay
from_today (int days)
{
  return cpv_day_add_days (cpv_day_today (), days);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *row = gtk_widget_get_first_child (widget);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (row))
        g_ptr_array_add (rows, row);
      else if (!ADW_IS_ACTION_ROW (row))
        collect_rows (row, rows);
    }
}

static GPtrArray *
group_rows (UiFixture  *fixture,
            const char *group_name)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *group = find_named (page_child (fixture, "content_box"), group_name);

  if (group != NULL && gtk_widget_get_visible (group))
    collect_rows (group, rows);
  return rows;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_visible (c) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0)
        return TRUE;
      if (shows_label (c, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_label_containing (GtkWidget  *widget,
                        const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_visible (c) &&
          strstr (gtk_label_get_label (GTK_LABEL (c)), text) != NULL)
        return TRUE;
      if (shows_label_containing (c, text))
        return TRUE;
    }
  return FALSE;
}

/* Scrolls the page that holds @target so that @target starts near the top. */
static void
scroll_to (GtkWidget *target)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  g_assert_true (gtk_widget_compute_point (target, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            MAX (0, point.y - 12));
}

static void
save_screenshot_of (GtkWidget  *window,
                    const char *state,
                    gboolean    dark,
                    int         width,
                    int         height,
                    GtkWidget  *scroll_target)
{
  cpv_ui_wait_frames (window, 2);   /* a dialog just presented has its surface size only now */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cpv_ui_resize_window (window, width, height);
  cpv_ui_wait_frames (window, 4);
  if (scroll_target != NULL)
    {
      scroll_to (scroll_target);
      cpv_ui_wait_frames (window, 4);
    }

  cpv_ui_save_png (window, width, height, state, process.language, dark);
}

/* Light and dark, wide and phone-sized; @scroll_target (nullable) is scrolled into view. */
static void
save_screenshots_at (GtkWidget  *window,
                     const char *state,
                     GtkWidget  *scroll_target)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      save_screenshot_of (window, state, FALSE, sizes[i].width, sizes[i].height, scroll_target);
      save_screenshot_of (window, state, TRUE, sizes[i].width, sizes[i].height, scroll_target);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static void
save_screenshots (GtkWidget  *window,
                  const char *state)
{
  save_screenshots_at (window, state, NULL);
}

/* The vault ----------------------------------------------------------------------------- */

static gint64
add_audit (CpvVault   *vault,
           gint64      credential_id,
           const char *organisation,
           int         days_ago,
           CpvJrcaRole role,
           gboolean    evidence)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  audit->credential_id = credential_id;
  audit->organisation = g_strdup (organisation);
  audit->organisation_id = g_strdup ("IS 123456");
  audit->certification_body = g_strdup ("JQA");
  audit->body_iaf_accredited = TRUE;
  audit->management_system = g_strdup ("ISMS");
  audit->onsite_start = from_today (-days_ago);
  audit->onsite_end = from_today (-days_ago + 1);
  cpv_jrca_audit_add_day (audit, audit->onsite_start, 7);
  cpv_jrca_audit_add_day (audit, audit->onsite_end, 3.5);
  audit->role = role;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_MEMBER_ALL;
  audit->attested_by_org = evidence;
  audit->has_schedule = evidence;
  audit->contact = g_strdup ("isms@example.jp");
  id = cpv_vault_add_jrca_audit (vault, audit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An auditor (審査員) whose maintenance is due in 100 days, with the previous maintenance
 * application 265 days ago: two audits since then (one with evidence), an observer record that
 * never counts, and a CPD record whose form 4B only names a theme. */
static void
fill_vault (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) new_vault = cpv_vault_create (fixture->vault_path, PASSPHRASE, &error);
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();

  g_assert_no_error (error);
  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("AUDITOR");
  credential->cycle_start = cpv_day_format (from_today (-300));
  credential->cycle_end = cpv_day_format (cpv_day_add_days (cpv_day_add_years (from_today (-300),
                                                                               3), -1));
  fixture->credential_id = cpv_vault_add_credential (new_vault, credential, &error);
  g_assert_no_error (error);

  registration->credential_id = fixture->credential_id;
  registration->grade = CPV_JRCA_GRADE_AUDITOR;
  registration->registration_number = g_strdup ("A12345");
  registration->maintenance_deadline = from_today (100);
  registration->expiry_date = cpv_day_add_years (from_today (100), 2);
  registration->previous_maintenance_application = from_today (-265);
  registration->cpd_hours_required = 10;
  registration->applicant_name = g_strdup ("山田 花子");
  cpv_vault_add_jrca_registration (new_vault, registration, &error);
  g_assert_no_error (error);

  add_audit (new_vault, fixture->credential_id, "Kaisha Alpha (ISMS, all sites)", 200,
             CPV_JRCA_ROLE_MEMBER, TRUE);
  add_audit (new_vault, fixture->credential_id, "Observer visit", 150,
             CPV_JRCA_ROLE_OBSERVER, FALSE);
  fixture->beta_audit_id = add_audit (new_vault, fixture->credential_id,
                                      "Beta Systems (cloud services)", 40, CPV_JRCA_ROLE_MEMBER,
                                      FALSE);

  cpd->credential_id = fixture->credential_id;
  cpd->date = from_today (-30);
  cpd->hours = 3;
  cpd->kind = CPV_JRCA_CPD_OTHER_TRAINING;
  cpd->title = g_strdup ("ISMS seminar");
  cpd->purpose = g_strdup ("審査でクラウドのリスクを確認するため。");
  cpd->learned = g_strdup ("ゼロトラストセキュリティについて学んだ。");
  fixture->cpd_id = cpv_vault_add_jrca_cpd (new_vault, cpd, &error);
  g_assert_no_error (error);
  cpv_vault_close (new_vault);
}

static void
open_and_unlock (UiFixture *fixture)
{
  CpvUnlockPage *unlock;

  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  unlock = CPV_UNLOCK_PAGE (window_child (fixture, "unlock_page"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);

  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (unlock, CPV_TYPE_UNLOCK_PAGE,
                                                    "passphrase_row")),
                         PASSPHRASE);
  if (cpv_unlock_page_get_create_mode (unlock))
    gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (unlock, CPV_TYPE_UNLOCK_PAGE,
                                                      "confirm_row")),
                           PASSPHRASE);
  gtk_widget_activate (cpv_ui_child (unlock, CPV_TYPE_UNLOCK_PAGE, "submit_button"));
  cpv_ui_spin_until (vault_is_open, fixture, "the vault is open");
  cpv_window_show_page (fixture->window, "jrca");
  cpv_ui_spin_until (stacks_are_still, fixture, "the window shows the JRCA page");
}

/* What a click does, at once (gtk_widget_activate() on a button clicks it only after a short
 * animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
activate (UiFixture  *fixture,
          const char *action,
          gint64      target)
{
  g_assert_true (gtk_widget_activate_action (page (fixture), action, "x", target));
}

/* Fixture ------------------------------------------------------------------------------- */

static void
fixture_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-ui-jrca-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->vault_path = g_build_filename (fixture->dir, "JRCA.cpv", NULL);
  fill_vault (fixture);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *dialog;

  while ((dialog = cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = cpv_ui_find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = cpv_ui_find_toplevel (CPV_TYPE_EVIDENCE_VIEWER)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Threads of the editors (a file being stored) hold their widgets until they report back. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  cpv_ui_remove_tree (fixture->dir);
  g_free (fixture->vault_path);
  g_free (fixture->dir);
}

/* Tests --------------------------------------------------------------------------------- */

/* Every requirement line, date and finding of cpv_jrca_evaluate() for today is on the page,
 * with the same figures and the same met/missing state. */
static void
test_readiness_equals_core (UiFixture     *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvJrcaData) data = NULL;
  g_autoptr(CpvCredential) credential = NULL;
  g_autoptr(GPtrArray) requirements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  g_autoptr(GPtrArray) deadlines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  g_autoptr(GPtrArray) readiness = NULL;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();   /* of the requirements, as shown */
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) finding_rows = NULL;
  g_autoptr(GPtrArray) audit_rows = NULL;
  gboolean some_missing = FALSE, some_met = FALSE;

  open_and_unlock (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "stack"))),
                   ==, "list");

  data = cpv_vault_load_jrca_data (vault (fixture), fixture->credential_id, &error);
  g_assert_no_error (error);
  credential = cpv_vault_get_credential (vault (fixture), fixture->credential_id, &error);
  g_assert_no_error (error);
  cpv_jrca_evaluate (data, credential, cpv_day_today (), requirements, deadlines, findings);
  g_assert_cmpuint (requirements->len, >, 0);

  /* The procedure's lines in one group, the upgrade lines (JRCA-UPGRADE-1) in another. */
  readiness = group_rows (fixture, "readiness");
  {
    g_autoptr(GPtrArray) upgrade = group_rows (fixture, "upgrade");
    g_autoptr(GPtrArray) procedure_lines = g_ptr_array_new ();
    g_autoptr(GPtrArray) upgrade_lines = g_ptr_array_new ();

    for (guint i = 0; i < requirements->len; i++)
      {
        CpvRequirement *requirement = g_ptr_array_index (requirements, i);

        g_ptr_array_add (g_str_has_prefix (requirement->kind, "upgrade-") ? upgrade_lines
                                                                          : procedure_lines,
                         requirement);
      }
    g_assert_cmpuint (readiness->len, ==, procedure_lines->len);
    g_assert_cmpuint (upgrade->len, ==, upgrade_lines->len);
    g_assert_cmpuint (upgrade->len, >, 0);   /* an auditor sees the way to lead auditor */
    g_ptr_array_extend (readiness, upgrade, NULL, NULL);
    g_ptr_array_extend (ordered, procedure_lines, NULL, NULL);
    g_ptr_array_extend (ordered, upgrade_lines, NULL, NULL);
  }
  for (guint i = 0; i < ordered->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (ordered, i);
      AdwActionRow *row = readiness->pdata[i];
      g_autofree char *title = cpv_requirement_title (requirement);
      g_autofree char *earned = g_strdup_printf ("%g", requirement->earned);
      g_autofree char *required = g_strdup_printf ("%g", requirement->required);
      g_autofree char *figures = g_strdup_printf (_("%s of %s"), earned, required);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, figures);
      g_assert_true (shows_label (GTK_WIDGET (row),
                                  requirement->met ? _("Met") : _("Missing")));
      some_met |= requirement->met;
      some_missing |= !requirement->met;
    }
  /* One ISMS audit record since the last application is met; the CPD hours (3 of 10) are
   * not: the page shows both states. */
  g_assert_true (some_met);
  g_assert_true (some_missing);

  dates = group_rows (fixture, "dates");
  g_assert_cmpuint (dates->len, ==, deadlines->len);
  for (guint i = 0; i < deadlines->len; i++)
    {
      const CpvDeadline *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *day = cpv_day_format (deadline->date);

      g_assert_nonnull (strstr (adw_action_row_get_subtitle (dates->pdata[i]), day));
    }

  finding_rows = group_rows (fixture, "findings");
  g_assert_cmpuint (finding_rows->len, ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpstr (adw_action_row_get_subtitle (finding_rows->pdata[i]), ==, finding->text);
      g_assert_true (shows_label (finding_rows->pdata[i], finding->rule));
    }

  /* Audit records oldest first; the observer's never counts (JRCA-OBS-1). */
  audit_rows = group_rows (fixture, "audits");
  g_assert_cmpuint (audit_rows->len, ==, 3);
  g_assert_cmpstr (adw_preferences_row_get_title (audit_rows->pdata[0]), ==,
                   "Kaisha Alpha (ISMS, all sites)");
  g_assert_cmpstr (adw_preferences_row_get_title (audit_rows->pdata[1]), ==, "Observer visit");
  g_assert_true (shows_label (audit_rows->pdata[1], _("Never counts")));
  g_assert_true (shows_label (audit_rows->pdata[0], _("Evidence")));
  g_assert_true (shows_label (audit_rows->pdata[2], _("No evidence")));
  g_assert_true (shows_label_containing (audit_rows->pdata[0], "1.5"));

  /* The CPD record's form 4B only names a theme. */
  {
    g_autoptr(GPtrArray) cpd_rows = group_rows (fixture, "cpd");

    g_assert_cmpuint (cpd_rows->len, ==, 1);
    g_assert_true (shows_label (cpd_rows->pdata[0], _("Form 4B needs work")));
  }

  /* The grade in JRCA's own terms. */
  g_assert_true (shows_label (page_child (fixture, "content_box"), _("Auditor (審査員)")));
}

/* The seed's example: 7 h + 3.5 h = 1.0 + 0.5 = 1.5 days, shown as it is computed; saving
 * stores what was shown. */
static void
test_audit_editor_arithmetic (UiFixture     *fixture,
                              gconstpointer  user_data)
{
  CpvJrcaAuditEditor *editor;
  CpvDay first = from_today (-10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autofree char *short_day = NULL;
  GtkWidget *days_list;
  const CpvJrcaAudit *saved = NULL;

  open_and_unlock (fixture);
  activate (fixture, "jrca.add-audit", fixture->credential_id);
  editor = CPV_JRCA_AUDIT_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
  g_assert_nonnull (editor);

  cpv_jrca_audit_editor_add_day (editor, first, 7);
  cpv_jrca_audit_editor_add_day (editor, cpv_day_add_days (first, 1), 3.5);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_editor_get_days (editor), 1.5, 1e-9);
  g_assert_nonnull (strstr (cpv_jrca_audit_editor_get_days_text (editor), "1.0 + 0.5 = "));
  g_assert_nonnull (strstr (cpv_jrca_audit_editor_get_days_text (editor), " 1.5 "));

  days_list = cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR, "days_list");
  short_day = g_strdup_printf (_("%s h ÷ 6 = %s → %s day"), "3.5", "0.58", "0.5");
  g_assert_true (shows_label (days_list, short_day));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                                "days_total_label"))),
                   ==, cpv_jrca_audit_editor_get_days_text (editor));

  /* Changing the hours of a day updates the arithmetic at once: 5.99 h is 0.9, never 1.0. */
  {
    GtkWidget *second_row = gtk_widget_get_last_child (days_list);
    GtkWidget *spin = NULL;
    g_autofree char *expected = g_strdup_printf (_("%s h ÷ 6 = %s → %s day"), "5.99", "0.99",
                                                 "0.9");
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, second_row);
    while (stack->len > 0 && spin == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SPIN_BUTTON (w))
          spin = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_nonnull (spin);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5.99);
    g_assert_true (shows_label (days_list, expected));
    g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_editor_get_days (editor), 1.9, 1e-9);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3.5);
  }

  /* JRCA-OBS-1: an observer is told the record never counts. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                           "role_row")), CPV_JRCA_ROLE_OBSERVER);
  g_assert_true (gtk_widget_get_visible (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                       "observer_label")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                           "role_row")), CPV_JRCA_ROLE_LEADER);
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                        "observer_label")));

  /* Save without the organisation: the editor says what is missing and stays open. */
  click (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR, "save_button"));
  g_assert_nonnull (cpv_jrca_audit_editor_get_message (editor));
  g_assert_true (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR) == GTK_WINDOW (editor));

  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                     "organisation_row")),
                         "Gamma Bank (head office)");
  gtk_switch_set_active (GTK_SWITCH (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                   "combined_switch")), TRUE);
  g_assert_null (cpv_jrca_audit_editor_get_message (editor));
  save_screenshots (GTK_WIDGET (editor), "jrca-audit-editor");
  click (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR, "save_button"));
  g_assert_null (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));

  audits = cpv_vault_list_jrca_audits (vault (fixture), fixture->credential_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audits->len; i++)
    if (g_strcmp0 (((CpvJrcaAudit *) audits->pdata[i])->organisation,
                   "Gamma Bank (head office)") == 0)
      saved = audits->pdata[i];
  g_assert_nonnull (saved);
  g_assert_cmpfloat_with_epsilon (cpv_jrca_audit_days (saved), 1.5, 1e-9);
  g_assert_cmpint (saved->onsite_start, ==, first);
  g_assert_cmpint (saved->onsite_end, ==, cpv_day_add_days (first, 1));
  g_assert_true (saved->combined);
  g_assert_cmpint (saved->role, ==, CPV_JRCA_ROLE_LEADER);

  /* The page lists it at once. */
  {
    g_autoptr(GPtrArray) rows = group_rows (fixture, "audits");

    g_assert_cmpuint (rows->len, ==, 4);
    g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[3]), ==,
                     "Gamma Bank (head office)");
  }
}

/* JRCA-CPD-3: a theme-only description is flagged with the reason and JRCA's example, and the
 * record is saved all the same. */
static void
test_cpd_editor_lint (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  CpvJrcaCpdEditor *editor;
  GtkTextView *learned;
  GArray *problems;
  const CpvCpdLintProblem *problem;
  GtkWidget *lint_box;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  open_and_unlock (fixture);
  activate (fixture, "jrca.add-cpd", fixture->credential_id);
  editor = CPV_JRCA_CPD_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
  g_assert_nonnull (editor);

  problems = cpv_jrca_cpd_editor_get_problems (editor);
  g_assert_cmpuint (problems->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR,
                                                    "title_row")),
                         "クラウドセキュリティ研修");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR,
                                                            "hours_spin")), 2.5);
  learned = GTK_TEXT_VIEW (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR, "learned_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (learned),
                            "ゼロトラストセキュリティについて学んだ。", -1);

  problems = cpv_jrca_cpd_editor_get_problems (editor);
  g_assert_true (cpv_cpd_lint_has (problems, CPV_CPD_LINT_THEME_ONLY));
  problem = &g_array_index (problems, CpvCpdLintProblem, 0);
  lint_box = cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR, "lint_box");
  g_assert_true (gtk_widget_get_visible (lint_box));
  g_assert_true (shows_label (lint_box, g_str_equal (process.language, "ja") ? problem->reason_ja
                                                                     : problem->reason));
  g_assert_true (shows_label_containing (lint_box, problem->seed_example));
  g_assert_true (gtk_widget_get_sensitive (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR,
                                                         "save_button")));
  gtk_widget_grab_focus (GTK_WIDGET (learned));   /* scrolls the check into view */
  save_screenshots (GTK_WIDGET (editor), "jrca-cpd-editor");

  click (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR, "save_button"));
  g_assert_null (cpv_ui_find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
  records = cpv_vault_list_jrca_cpd (vault (fixture), fixture->credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  /* A description in the applicant's own sentences passes. */
  activate (fixture, "jrca.edit-cpd", fixture->cpd_id);
  editor = CPV_JRCA_CPD_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpuint (cpv_jrca_cpd_editor_get_problems (editor)->len, >, 0);
  learned = GTK_TEXT_VIEW (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR, "learned_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (learned),
                            "ISMS審査で使えるポイントとして、ログの保管期間だけでなく改ざん防止の"
                            "仕組みまで確認する必要があることを学んだ。特にクラウドサービスでは、"
                            "利用者側で取得できるログの範囲が契約によって異なるため、審査では責任"
                            "共有モデルの資料を確認したい。", -1);
  g_assert_cmpuint (cpv_jrca_cpd_editor_get_problems (editor)->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR,
                                                        "lint_box")));
}

static gboolean
export_finished (gpointer data)
{
  UiFixture *fixture = data;

  return !cpv_jrca_page_is_exporting (CPV_JRCA_PAGE (page (fixture)));
}

static void
test_export_forms (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "forms", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autofree char *form_5d = g_build_filename (out, "jrca-5d.pdf", NULL);
  g_autofree char *form_4a = g_build_filename (out, "jrca-4a.csv", NULL);
  g_autofree char *display = g_filename_display_name (out);
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  open_and_unlock (fixture);
  cpv_jrca_page_export_forms (CPV_JRCA_PAGE (page (fixture)), fixture->credential_id, folder);
  g_assert_true (cpv_jrca_page_is_exporting (CPV_JRCA_PAGE (page (fixture))));
  cpv_ui_spin_until (export_finished, fixture, "the forms are written");

  g_assert_true (g_file_test (form_5d, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (form_4a, G_FILE_TEST_IS_REGULAR));
  dialog = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Forms Exported"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), display));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            g_str_equal (process.language, "ja") ? "JRCA" : "aids"));
}

/* Locking drops every record the page holds. */
static void
test_lock_drops_records (UiFixture     *fixture,
                         gconstpointer  user_data)
{
  open_and_unlock (fixture);
  g_assert_nonnull (gtk_widget_get_first_child (page_child (fixture, "content_box")));
  activate (fixture, "jrca.add-audit", fixture->credential_id);
  g_assert_nonnull (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));

  cpv_window_lock (fixture->window);
  g_assert_null (cpv_jrca_page_get_session (CPV_JRCA_PAGE (page (fixture))));
  g_assert_null (gtk_widget_get_first_child (page_child (fixture, "content_box")));
  g_assert_null (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture, "stack"))),
                   ==, "empty");
}

static void
test_screenshots (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  open_and_unlock (fixture);
  save_screenshots (GTK_WIDGET (fixture->window), "jrca-page");
  activate (fixture, "jrca.edit-registration", fixture->credential_id);
  g_assert_nonnull (cpv_ui_find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR));
  save_screenshots (GTK_WIDGET (cpv_ui_find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR)),
                    "jrca-registration-editor");
  gtk_window_destroy (cpv_ui_find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR));
}

/* Files ---------------------------------------------------------------------------------- */

static GListModel *
one_file (GFile *file)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);

  g_list_store_append (files, file);
  return G_LIST_MODEL (files);
}

static gboolean
files_idle (gpointer data)
{
  return !cpv_jrca_files_get_busy (CPV_JRCA_FILES (data));
}

static GtkWidget *
files_row (CpvJrcaFiles *files,
           guint         position)
{
  GtkWidget *list = cpv_ui_child (files, CPV_TYPE_JRCA_FILES, "files_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), position);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static gint64
row_evidence_id (GtkWidget *row)
{
  const gint64 *evidence_id = g_object_get_data (G_OBJECT (row), "cpv-evidence-id");

  g_assert_nonnull (evidence_id);
  return *evidence_id;
}

static GtkWidget *
editor_child (gpointer    editor,
              const char *name)
{
  return cpv_ui_child (editor, G_OBJECT_TYPE (editor), name);
}

/* RULES.md 2.3: a schedule attached to an audit record through the editor is listed with its
 * role, turns the schedule switch on at once (the core set the flag when linking), opens in the
 * viewer, and can be taken off the record again (the flag stays: the paper copy may exist). */
static void
test_audit_files (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) schedule = cpv_ui_write_pdf (fixture->dir, "audit-schedule.pdf",
                                                "Audit schedule, day 1");
  g_autoptr(GFile) form_5a = cpv_ui_write_pdf (fixture->dir, "form-5a-signed.pdf",
                                               "Form 5A (sealed)");
  g_autoptr(GListModel) schedules = one_file (schedule);
  g_autoptr(GListModel) forms = one_file (form_5a);
  g_autoptr(CpvJrcaAudit) stored = NULL;
  g_autoptr(CpvEvidence) marked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schedule_subtitle = NULL;
  CpvJrcaAuditEditor *editor;
  CpvJrcaFiles *files;
  AdwMessageDialog *role_dialog;
  GtkWidget *roles;
  GtkWidget *row;
  gint64 schedule_id;
  gboolean picked = FALSE;

  open_and_unlock (fixture);

  /* A new record has no id yet: attaching waits until it is saved. */
  activate (fixture, "jrca.add-audit", fixture->credential_id);
  editor = CPV_JRCA_AUDIT_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
  files = CPV_JRCA_FILES (editor_child (editor, "files_group"));
  g_assert_false (gtk_widget_get_sensitive (cpv_ui_child (files, CPV_TYPE_JRCA_FILES,
                                                          "attach_button")));
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (files)), ==,
                   _("Save the record to attach files."));
  gtk_window_destroy (GTK_WINDOW (editor));

  activate (fixture, "jrca.edit-audit", fixture->beta_audit_id);
  editor = CPV_JRCA_AUDIT_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
  g_assert_nonnull (editor);
  files = CPV_JRCA_FILES (editor_child (editor, "files_group"));
  g_assert_true (gtk_widget_get_sensitive (cpv_ui_child (files, CPV_TYPE_JRCA_FILES,
                                                         "attach_button")));
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 0);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (editor_child (editor, "schedule_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (editor_child (editor,
                                                                   "attested_org_switch"))));

  /* What the file chooser's response does: ask for the role. The record has no file yet, so
   * form 5A (the first role) is offered; the person picks the schedule. */
  cpv_jrca_files_choose_role (files, schedules);
  role_dialog = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (role_dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (role_dialog)), ==, "jrca-role-dialog");
  roles = adw_message_dialog_get_extra_child (role_dialog);
  for (GtkWidget *role_row = gtk_widget_get_first_child (roles); role_row != NULL;
       role_row = gtk_widget_get_next_sibling (role_row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (role_row), "cpv-check");
      const char *role = g_object_get_data (G_OBJECT (role_row), "cpv-role");

      g_assert_nonnull (check);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (role_row)), ==,
                       cpv_jrca_evidence_role_label (role));
      if (g_str_equal (role, "form-5a"))
        g_assert_true (gtk_check_button_get_active (check));
      if (g_str_equal (role, "schedule"))
        {
          gtk_check_button_set_active (check, TRUE);
          picked = TRUE;
        }
    }
  g_assert_true (picked);
  adw_message_dialog_response (role_dialog, "attach");
  g_assert_true (cpv_jrca_files_get_busy (files));
  /* Save waits for the file: the flag its link sets must not be written back unset. */
  g_assert_false (gtk_widget_get_sensitive (editor_child (editor, "save_button")));
  cpv_ui_spin_until (files_idle, files, "the schedule is stored");
  g_assert_null (cpv_jrca_files_get_message (files));

  /* Listed with its role; the switch follows the flag the core set. */
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (editor_child (editor, "save_button")));
  row = files_row (files, 0);
  schedule_id = row_evidence_id (row);
  g_assert_cmpstr (cpv_jrca_files_get_role (files, schedule_id), ==, "schedule");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "audit-schedule.pdf");
  schedule_subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_true (g_str_has_prefix (schedule_subtitle, cpv_jrca_evidence_role_label ("schedule")));
  g_assert_true (shows_label (row, "TLP:CLEAR"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (editor_child (editor, "schedule_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (editor_child (editor,
                                                                   "attested_org_switch"))));
  stored = cpv_vault_get_jrca_audit (vault (fixture), fixture->beta_audit_id, &error);
  g_assert_no_error (error);
  g_assert_true (stored->has_schedule);
  g_clear_pointer (&stored, cpv_jrca_audit_free);

  /* The signed form 5A, attached as the role chooser's OK would: the attestation switch. */
  cpv_jrca_files_attach (files, forms, "form-5a");
  cpv_ui_spin_until (files_idle, files, "form 5A is stored");
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 2);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (editor_child (editor,
                                                                  "attested_org_switch"))));
  /* Listed in role order: form 5A first. */
  g_assert_cmpstr (cpv_jrca_files_get_role (files, row_evidence_id (files_row (files, 0))), ==,
                   "form-5a");

  /* Marks changed elsewhere (the viewer, the evidence page) show at once. */
  marked = cpv_vault_get_evidence (vault (fixture), row_evidence_id (files_row (files, 0)),
                                   &error);
  g_assert_no_error (error);
  g_free (marked->tlp);
  marked->tlp = g_strdup ("amber");
  marked->secret = TRUE;
  g_assert_true (cpv_vault_update_evidence_marks (vault (fixture), marked, &error));
  g_assert_no_error (error);
  g_assert_true (shows_label (files_row (files, 0), "TLP:AMBER"));
  g_assert_true (shows_label (files_row (files, 0), _("Secret")));

  save_screenshots_at (GTK_WIDGET (editor), "jrca-audit-files", GTK_WIDGET (files));

  /* Files dropped on the group ask for their role too; Cancel attaches nothing. */
  {
    g_autoptr(GFile) dropped = cpv_ui_write_pdf (fixture->dir, "dropped.pdf", "Dropped");
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (files));
    GtkDropTarget *drop = NULL;
    GSList *list = g_slist_append (NULL, dropped);
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          drop = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (drop);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_slist_free (list);
    g_assert_true (accepted);
    role_dialog = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (role_dialog);
    g_assert_true (strstr (adw_message_dialog_get_body (role_dialog), "dropped.pdf") != NULL);
    adw_message_dialog_response (role_dialog, "cancel");
    g_assert_false (cpv_jrca_files_get_busy (files));
    g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 2);
  }

  /* Activating a row opens the file in the viewer, over the editor. */
  g_signal_emit_by_name (files_row (files, 1), "activated");
  {
    GtkWindow *viewer = cpv_ui_find_toplevel (CPV_TYPE_EVIDENCE_VIEWER);

    g_assert_nonnull (viewer);
    g_assert_true (gtk_window_get_transient_for (viewer) == GTK_WINDOW (editor));
    g_assert_cmpint (cpv_evidence_viewer_get_evidence (CPV_EVIDENCE_VIEWER (viewer))->id, ==,
                     schedule_id);
    gtk_window_destroy (viewer);
  }

  /* Taking the schedule off the record: the row goes, the item and the flag stay. */
  g_assert_true (cpv_jrca_files_remove (files, schedule_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 1);
  g_assert_null (cpv_jrca_files_get_role (files, schedule_id));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (editor_child (editor, "schedule_switch"))));
  {
    g_autoptr(CpvEvidence) kept = cpv_vault_get_evidence (vault (fixture), schedule_id, &error);
    g_autoptr(GPtrArray) links = cpv_vault_list_jrca_evidence (vault (fixture),
                                                               CPV_JRCA_RECORD_AUDIT,
                                                               fixture->beta_audit_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (kept);
    g_assert_cmpuint (links->len, ==, 1);
  }
  stored = cpv_vault_get_jrca_audit (vault (fixture), fixture->beta_audit_id, &error);
  g_assert_no_error (error);
  g_assert_true (stored->has_schedule);

  /* Save keeps what the switches show. */
  click (editor_child (editor, "save_button"));
  g_assert_null (cpv_ui_find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
  g_clear_pointer (&stored, cpv_jrca_audit_free);
  stored = cpv_vault_get_jrca_audit (vault (fixture), fixture->beta_audit_id, &error);
  g_assert_no_error (error);
  g_assert_true (stored->has_schedule);
  g_assert_true (stored->attested_by_org);
}

/* JRCA-CPD-2: a completion certificate attached to a CPD record sets its certificate flag. */
static void
test_cpd_files (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) certificate = cpv_ui_write_pdf (fixture->dir, "certificate.pdf", "Certificate");
  g_autoptr(GListModel) certificates = one_file (certificate);
  g_autoptr(CpvJrcaCpd) stored = NULL;
  g_autoptr(GError) error = NULL;
  CpvJrcaCpdEditor *editor;
  CpvJrcaFiles *files;

  open_and_unlock (fixture);
  activate (fixture, "jrca.edit-cpd", fixture->cpd_id);
  editor = CPV_JRCA_CPD_EDITOR (cpv_ui_find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
  g_assert_nonnull (editor);
  files = CPV_JRCA_FILES (editor_child (editor, "files_group"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (editor_child (editor,
                                                                   "certificate_switch"))));

  /* A role of the other record kind is refused before anything is stored. */
  cpv_jrca_files_attach (files, certificates, "form-3a");
  g_assert_false (cpv_jrca_files_get_busy (files));
  g_assert_nonnull (cpv_jrca_files_get_message (files));
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 0);

  cpv_jrca_files_attach (files, certificates, "certificate");
  cpv_ui_spin_until (files_idle, files, "the certificate is stored");
  g_assert_null (cpv_jrca_files_get_message (files));
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 1);
  g_assert_cmpstr (cpv_jrca_files_get_role (files, row_evidence_id (files_row (files, 0))), ==,
                   "certificate");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (editor_child (editor,
                                                                  "certificate_switch"))));
  stored = cpv_vault_get_jrca_cpd (vault (fixture), fixture->cpd_id, &error);
  g_assert_no_error (error);
  g_assert_true (stored->has_certificate);

  /* The same content again is linked, not stored twice. */
  cpv_jrca_files_attach (files, certificates, "programme");
  cpv_ui_spin_until (files_idle, files, "the same file is linked again");
  g_assert_cmpuint (cpv_jrca_files_get_n_files (files), ==, 1);
  g_assert_cmpstr (cpv_jrca_files_get_role (files, row_evidence_id (files_row (files, 0))), ==,
                   "programme");
}

static gboolean
pack_dialog_idle (gpointer data)
{
  return !cpv_pack_dialog_get_busy (CPV_PACK_DIALOG (data));
}

static gboolean
pack_dialog_done (gpointer data)
{
  CpvPackDialog *dialog = data;

  return !cpv_pack_dialog_get_busy (dialog)
         && g_strcmp0 (gtk_stack_get_visible_child_name (
                         GTK_STACK (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "stack"))),
                       "options") != 0
         && g_strcmp0 (gtk_stack_get_visible_child_name (
                         GTK_STACK (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "stack"))),
                       "progress") != 0;
}

/* The JRCA page's Application Pack…: the procedure due next, the applicant's name from the
 * registration, encryption on, the TLP:RED file of a CPD record left out unless ticked; the
 * pack is written and its passphrase shown once with the advice of COUNCIL-SUBMIT-1. */
static void
test_application_pack (UiFixture     *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GFile) certificate = cpv_ui_write_pdf (fixture->dir, "seminar-certificate.pdf",
                                                   "Certificate");
  g_autoptr(GFile) notes = cpv_ui_write_pdf (fixture->dir, "seminar-notes.pdf",
                                             "Notes (TLP:RED)");
  g_autofree char *path = g_build_filename (fixture->dir, "application.zip", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(CpvEvidence) red = NULL;
  g_autoptr(CpvEvidence) kept = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  CpvEvidenceMeta meta = { 0, };
  gboolean already_stored = FALSE;
  CpvPackDialog *dialog;
  GtkWidget *withheld;

  open_and_unlock (fixture);
  kept = cpv_vault_attach_jrca_file (vault (fixture), CPV_JRCA_RECORD_CPD, fixture->cpd_id,
                                     "certificate", certificate, &meta, &already_stored, NULL,
                                     &error);
  g_assert_no_error (error);
  red = cpv_vault_attach_jrca_file (vault (fixture), CPV_JRCA_RECORD_CPD, fixture->cpd_id,
                                    "other", notes, &meta, &already_stored, NULL, &error);
  g_assert_no_error (error);
  g_free (red->tlp);
  red->tlp = g_strdup ("red");
  g_assert_true (cpv_vault_update_evidence_marks (vault (fixture), red, &error));
  g_assert_no_error (error);
  registration = cpv_vault_get_jrca_registration (vault (fixture), fixture->credential_id,
                                                  &error);
  g_assert_no_error (error);

  activate (fixture, "jrca.application-pack", fixture->credential_id);
  dialog = CPV_PACK_DIALOG (cpv_ui_find_toplevel (CPV_TYPE_PACK_DIALOG));
  g_assert_nonnull (dialog);
  /* The core plans the pack in a thread to list what it would leave out; Export waits. */
  g_assert_true (cpv_pack_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                          "export_button")));
  cpv_ui_spin_until (pack_dialog_idle, dialog, "the pack dialog lists the withheld items");
  g_assert_true (gtk_widget_get_sensitive (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                         "export_button")));
  g_assert_true (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                       "jrca_group")));
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                        "member_row")));
  /* The maintenance deadline comes before the expiry date: maintenance is due next. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cpv_ui_child (dialog,
                                                                              CPV_TYPE_PACK_DIALOG,
                                                                              "procedure_row"))),
                    ==, 0);
  g_assert_cmpint (cpv_jrca_next_procedure (registration, NULL), ==,
                   CPV_JRCA_PROCEDURE_MAINTENANCE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cpv_ui_child (dialog,
                                                                      CPV_TYPE_PACK_DIALOG,
                                                                      "applicant_row"))),
                   ==, registration->applicant_name != NULL ? registration->applicant_name : "");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                                  "encrypt_switch"))));
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                        "error_label")));

  /* COUNCIL-TLP-1: the CPD record's TLP:RED notes are offered, unticked. */
  withheld = cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "withheld_list");
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (withheld), 0);

    g_assert_nonnull (row);
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (withheld), 1));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "seminar-notes.pdf");
    g_assert_true (shows_label (GTK_WIDGET (row), "TLP:RED"));
    g_assert_false (gtk_check_button_get_active (g_object_get_data (G_OBJECT (row),
                                                                    "cpv-check")));
  }
  save_screenshots (GTK_WIDGET (dialog), "jrca-pack-dialog");

  /* Choosing renewal plans the pack again (with the audit evidence); a ticked item stays
   * ticked, and the due date is the expiry date. */
  {
    AdwComboRow *procedure = ADW_COMBO_ROW (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                          "procedure_row"));
    g_autofree char *expiry = cpv_day_format (registration->expiry_date);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (withheld), 0);

    gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "cpv-check"), TRUE);
    adw_combo_row_set_selected (procedure, 1);
    g_assert_true (cpv_pack_dialog_get_busy (dialog));
    cpv_ui_spin_until (pack_dialog_idle, dialog, "the renewal pack is planned");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (procedure)), expiry));
    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (withheld), 0);
    g_assert_nonnull (row);
    g_assert_true (gtk_check_button_get_active (g_object_get_data (G_OBJECT (row),
                                                                   "cpv-check")));
    gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "cpv-check"), FALSE);
    adw_combo_row_set_selected (procedure, 0);
    cpv_ui_spin_until (pack_dialog_idle, dialog, "the maintenance pack is planned again");
  }

  /* The destination the file chooser would return. */
  cpv_pack_dialog_export_to (dialog, out);
  cpv_ui_spin_until (pack_dialog_done, dialog, "the application pack is written");
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                        "error_label")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (cpv_ui_child (dialog,
                                                                              CPV_TYPE_PACK_DIALOG,
                                                                              "stack"))),
                   ==, "done");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_get_visible (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                       "passphrase_group")));
  passphrase = g_strdup (gtk_label_get_label (GTK_LABEL (cpv_ui_child (dialog,
                                                                       CPV_TYPE_PACK_DIALOG,
                                                                       "passphrase_label"))));
  g_assert_cmpuint (strlen (passphrase), >=, 20);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG,
                                                                 "advice_label"))),
                   ==, cpv_pack_submit_advice ());
  cpv_ui_wait_stack_still (cpv_ui_child (dialog, CPV_TYPE_PACK_DIALOG, "stack"));
  save_screenshots (GTK_WIDGET (dialog), "jrca-pack-done");

  /* The pack opens with the passphrase shown: the certificate went in, the notes did not. */
  verification = cpv_pack_verify (path, passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->encrypted);
  g_assert_cmpuint (verification->problems->len, ==, 0);
  g_assert_cmpuint (verification->n_verified, ==, verification->n_files);
  g_assert_cmpuint (verification->n_files, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  cpv_ui_test_begin (&process, &argc, &argv, TRUE);

  g_test_add ("/ui/jrca/JRCA-MAINT-1/readiness-equals-core", UiFixture, NULL,
              fixture_set_up, test_readiness_equals_core, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-DAYS-1/audit-editor-arithmetic", UiFixture, NULL,
              fixture_set_up, test_audit_editor_arithmetic, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-CPD-3/cpd-editor-lint", UiFixture, NULL,
              fixture_set_up, test_cpd_editor_lint, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-5A/audit-files", UiFixture, NULL,
              fixture_set_up, test_audit_files, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-CPD-2/cpd-files", UiFixture, NULL,
              fixture_set_up, test_cpd_files, fixture_tear_down);
  g_test_add ("/ui/jrca/COUNCIL-SUBMIT-1/application-pack", UiFixture, NULL,
              fixture_set_up, test_application_pack, fixture_tear_down);
  g_test_add ("/ui/jrca/export-forms", UiFixture, NULL,
              fixture_set_up, test_export_forms, fixture_tear_down);
  g_test_add ("/ui/jrca/lock-drops-records", UiFixture, NULL,
              fixture_set_up, test_lock_drops_records, fixture_tear_down);
  g_test_add ("/ui/jrca/screenshots", UiFixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return cpv_ui_test_end (&process, g_test_run ());
}
