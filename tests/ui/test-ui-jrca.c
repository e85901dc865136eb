/* test-ui-jrca.c — the JRCA auditor page and its editors, driven like a person would
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). Each test makes a vault with a JRCA ISMS auditor
 * credential, its registration, audit and CPD records through the core, unlocks it through the
 * unlock page and uses the JRCA page's actions and the editors' widgets. The readiness shown is
 * compared with cpv_jrca_evaluate() run on the vault's records. Screenshots go to
 * $G_TEST_BUILDDIR/screenshots/ for people to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-cpd-lint.h"
#include "cpv-jrca-audit-editor.h"
#include "cpv-jrca-cpd-editor.h"
#include "cpv-jrca-page.h"
#include "cpv-jrca-registration-editor.h"
#include "cpv-jrca-store.h"
#include "cpv-records.h"
#include "cpv-status-labels.h"
#include "cpv-ui-test-util.h"
#include "cpv-unlock-page.h"
#include "cpv-window.h"

#define PASSPHRASE "correct horse battery staple"

static CpvApplication *application;
static const char *language = "en";

typedef struct
{
  char      *dir;
  char      *vault_path;
  CpvWindow *window;
  gint64     credential_id;
  gint64     cpd_id;
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

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
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

static void
save_screenshot_of (GtkWidget  *window,
                    const char *state,
                    gboolean    dark,
                    int         width,
                    int         height)
{
  cpv_ui_wait_frames (window, 2);   /* a dialog just presented has its surface size only now */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cpv_ui_resize_window (window, width, height);
  cpv_ui_wait_frames (window, 4);

  cpv_ui_save_png (window, width, height, state, language, dark);
}

static void
save_screenshots (GtkWidget  *window,
                  const char *state)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      save_screenshot_of (window, state, FALSE, sizes[i].width, sizes[i].height);
      save_screenshot_of (window, state, TRUE, sizes[i].width, sizes[i].height);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
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
  cpv_vault_add_jrca_registration (new_vault, registration, &error);
  g_assert_no_error (error);

  add_audit (new_vault, fixture->credential_id, "Kaisha Alpha (ISMS, all sites)", 200,
             CPV_JRCA_ROLE_MEMBER, TRUE);
  add_audit (new_vault, fixture->credential_id, "Observer visit", 150,
             CPV_JRCA_ROLE_OBSERVER, FALSE);
  add_audit (new_vault, fixture->credential_id, "Beta Systems (cloud services)", 40,
             CPV_JRCA_ROLE_MEMBER, FALSE);

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

  fixture->window = cpv_window_new (application, fixture->vault_path);
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
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child_path = g_build_filename (path, name, NULL);

        remove_tree (child_path);
      }
  g_assert_cmpint (g_remove (path), ==, 0);
}

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

  while ((dialog = find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  remove_tree (fixture->dir);
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
  editor = CPV_JRCA_AUDIT_EDITOR (find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
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
  g_assert_true (find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR) == GTK_WINDOW (editor));

  gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                     "organisation_row")),
                         "Gamma Bank (head office)");
  gtk_switch_set_active (GTK_SWITCH (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR,
                                                   "combined_switch")), TRUE);
  g_assert_null (cpv_jrca_audit_editor_get_message (editor));
  save_screenshots (GTK_WIDGET (editor), "jrca-audit-editor");
  click (cpv_ui_child (editor, CPV_TYPE_JRCA_AUDIT_EDITOR, "save_button"));
  g_assert_null (find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));

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
  editor = CPV_JRCA_CPD_EDITOR (find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
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
  g_assert_true (shows_label (lint_box, g_str_equal (language, "ja") ? problem->reason_ja
                                                                     : problem->reason));
  g_assert_true (shows_label_containing (lint_box, problem->seed_example));
  g_assert_true (gtk_widget_get_sensitive (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR,
                                                         "save_button")));
  gtk_widget_grab_focus (GTK_WIDGET (learned));   /* scrolls the check into view */
  save_screenshots (GTK_WIDGET (editor), "jrca-cpd-editor");

  click (cpv_ui_child (editor, CPV_TYPE_JRCA_CPD_EDITOR, "save_button"));
  g_assert_null (find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
  records = cpv_vault_list_jrca_cpd (vault (fixture), fixture->credential_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  /* A description in the applicant's own sentences passes. */
  activate (fixture, "jrca.edit-cpd", fixture->cpd_id);
  editor = CPV_JRCA_CPD_EDITOR (find_toplevel (CPV_TYPE_JRCA_CPD_EDITOR));
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
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Forms Exported"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), display));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            g_str_equal (language, "ja") ? "JRCA" : "aids"));
}

/* Locking drops every record the page holds. */
static void
test_lock_drops_records (UiFixture     *fixture,
                         gconstpointer  user_data)
{
  open_and_unlock (fixture);
  g_assert_nonnull (gtk_widget_get_first_child (page_child (fixture, "content_box")));
  activate (fixture, "jrca.add-audit", fixture->credential_id);
  g_assert_nonnull (find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));

  cpv_window_lock (fixture->window);
  g_assert_null (cpv_jrca_page_get_session (CPV_JRCA_PAGE (page (fixture))));
  g_assert_null (gtk_widget_get_first_child (page_child (fixture, "content_box")));
  g_assert_null (find_toplevel (CPV_TYPE_JRCA_AUDIT_EDITOR));
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
  g_assert_nonnull (find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR));
  save_screenshots (GTK_WIDGET (find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR)),
                    "jrca-registration-editor");
  gtk_window_destroy (find_toplevel (CPV_TYPE_JRCA_REGISTRATION_EDITOR));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  const char *localedir = g_getenv ("CPV_TEST_LOCALEDIR");
  const char *languages = g_getenv ("LANGUAGE");
  int status;

  home = g_dir_make_tmp ("cpv-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (languages != NULL && g_str_has_prefix (languages, "ja"))
    language = "ja";

  g_test_init (&argc, &argv, NULL);

  application = cpv_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application))
                           | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/jrca/JRCA-MAINT-1/readiness-equals-core", UiFixture, NULL,
              fixture_set_up, test_readiness_equals_core, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-DAYS-1/audit-editor-arithmetic", UiFixture, NULL,
              fixture_set_up, test_audit_editor_arithmetic, fixture_tear_down);
  g_test_add ("/ui/jrca/JRCA-CPD-3/cpd-editor-lint", UiFixture, NULL,
              fixture_set_up, test_cpd_editor_lint, fixture_tear_down);
  g_test_add ("/ui/jrca/export-forms", UiFixture, NULL,
              fixture_set_up, test_export_forms, fixture_tear_down);
  g_test_add ("/ui/jrca/lock-drops-records", UiFixture, NULL,
              fixture_set_up, test_lock_drops_records, fixture_tear_down);
  g_test_add ("/ui/jrca/screenshots", UiFixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&application);
  remove_tree (home);
  return status;
}
