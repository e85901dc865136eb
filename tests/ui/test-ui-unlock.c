/* test-ui-unlock.c — drives the window through creating, locking and unlocking a vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). Every step goes through the widgets and actions a
 * person uses: text typed into the entry rows, buttons activated, the Ctrl+L action. The
 * screenshot test saves PNGs into $G_TEST_BUILDDIR/screenshots/ for people to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cpv-application.h"
#include "cpv-ui-test-util.h"
#include "cpv-unlock-page.h"
#include "cpv-overview-page.h"
#include "cpv-window.h"

#define GOOD_PASSPHRASE "correct horse battery staple"

static CpvUiTestProcess process;

typedef struct
{
  char          *dir;
  char          *vault_path;
  CpvWindow     *window;
  CpvUnlockPage *page;
} UiFixture;

/* Helpers ------------------------------------------------------------------------------- */

static GtkWidget *
page_child (UiFixture  *fixture,
            const char *name)
{
  return cpv_ui_child (fixture->page, CPV_TYPE_UNLOCK_PAGE, name);
}

static GtkWidget *
window_child (UiFixture  *fixture,
              const char *name)
{
  return cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, name);
}

static void
type_text (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

static const char *
status_title (GtkWidget *status_page)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (status_page));
}

static const char *
recent_vault (guint position)
{
  GListModel *recent = cpv_application_get_recent_vaults (process.application);

  return gtk_string_list_get_string (GTK_STRING_LIST (recent), position);
}

static gboolean
editable (GtkWidget *row)
{
  return gtk_editable_get_editable (GTK_EDITABLE (row));
}

static gboolean
focus_is_in (UiFixture *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
visible_page (UiFixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture, "main_stack")));
}

static gboolean
vault_is_open (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) != NULL;
}

static gboolean
vault_is_closed (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) == NULL;
}

static gboolean
error_is_shown (gpointer data)
{
  UiFixture *fixture = data;

  return !cpv_unlock_page_get_busy (fixture->page)
         && gtk_widget_get_visible (page_child (fixture, "error_label"));
}

static const char *
error_text (UiFixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (page_child (fixture, "error_label")));
}

static gboolean
stack_is_still (gpointer data)
{
  UiFixture *fixture = data;

  return !gtk_stack_get_transition_running (GTK_STACK (window_child (fixture, "main_stack")));
}

static void
open_window (UiFixture *fixture)
{
  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  fixture->page = CPV_UNLOCK_PAGE (window_child (fixture, "unlock_page"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
}

/* Types the passphrase (twice when creating) and presses the default button. */
static void
submit (UiFixture  *fixture,
        const char *passphrase,
        const char *confirmation)
{
  type_text (page_child (fixture, "passphrase_row"), passphrase);
  if (confirmation != NULL)
    type_text (page_child (fixture, "confirm_row"), confirmation);
  click (page_child (fixture, "submit_button"));
}

static gboolean
page_is_busy (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_unlock_page_get_busy (fixture->page);
}

static void
create_vault (UiFixture *fixture)
{
  GtkWidget *submit_stack = page_child (fixture, "submit_stack");

  g_assert_true (cpv_unlock_page_get_create_mode (fixture->page));
  submit (fixture, GOOD_PASSPHRASE, GOOD_PASSPHRASE);

  /* While the key is derived in a thread: a spinner, and nothing can be typed or pressed. */
  cpv_ui_spin_until (page_is_busy, fixture, "the key derivation starts");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (submit_stack))
                 == page_child (fixture, "submit_spinner"));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (page_child (fixture, "submit_spinner"))));
  g_assert_false (editable (page_child (fixture, "passphrase_row")));
  g_assert_false (gtk_widget_get_sensitive (page_child (fixture, "submit_button")));

  cpv_ui_spin_until (vault_is_open, fixture, "the new vault is open");
  cpv_ui_spin_until (stack_is_still, fixture, "the window shows the vault");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (submit_stack))
                 == page_child (fixture, "submit_label"));
  g_assert_true (editable (page_child (fixture, "passphrase_row")));
}

static void
assert_shortcut (GtkWidget  *widget,
                 const char *trigger,
                 const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);
  gboolean found = FALSE;

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
              && GTK_IS_NAMED_ACTION (action)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                            action_name) == 0)
            found = TRUE;
        }
    }

  if (!found)
    g_error ("%s does not trigger %s", trigger, action_name);
}

static void
save_screenshot (UiFixture  *fixture,
                 const char *state,
                 gboolean    dark,
                 int         width,
                 int         height)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cpv_ui_resize_window (window, width, height);
  cpv_ui_spin_until (stack_is_still, fixture, "the page transition ends");
  cpv_ui_wait_frames (window, 3);

  cpv_ui_save_png (window, width, height, state, process.language, dark);
}

static void
save_screenshots (UiFixture  *fixture,
                  const char *state)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      save_screenshot (fixture, state, FALSE, sizes[i].width, sizes[i].height);
      save_screenshot (fixture, state, TRUE, sizes[i].width, sizes[i].height);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Fixture ------------------------------------------------------------------------------- */

static void
fixture_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->vault_path = g_build_filename (fixture->dir, "Work CPE.cpv", NULL);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      g_autoptr(CpvVault) vault = NULL;

      g_set_object (&vault, cpv_window_get_vault (fixture->window));
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      /* Closing the window closes its vault. */
      if (vault != NULL)
        g_assert_false (cpv_vault_is_open (vault));
    }
  cpv_ui_remove_tree (fixture->dir);
  g_free (fixture->vault_path);
  g_free (fixture->dir);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_create_lock_unlock (UiFixture     *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *passphrase_row;
  GtkWidget *confirm_row;
  GtkWidget *recent_list;
  GtkListBoxRow *recent_row;
  g_autofree char *other_path = NULL;

  open_window (fixture);
  passphrase_row = page_child (fixture, "passphrase_row");
  confirm_row = page_child (fixture, "confirm_row");

  /* No file yet: the page offers to create the vault and names it. */
  g_assert_cmpstr (visible_page (fixture), ==, "unlock");
  g_assert_true (cpv_unlock_page_get_create_mode (fixture->page));
  g_assert_true (gtk_widget_get_visible (confirm_row));
  g_assert_cmpstr (status_title (page_child (fixture, "status_page")), ==, "Work CPE.cpv");
  g_assert_true (focus_is_in (fixture, passphrase_row));
  g_assert_false (gtk_widget_get_sensitive (window_child (fixture, "lock_button")));
  /* Enter in either entry presses the default button. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture->window))
                 == page_child (fixture, "submit_button"));
  g_assert_true (adw_entry_row_get_activates_default (ADW_ENTRY_ROW (passphrase_row)));
  g_assert_true (adw_entry_row_get_activates_default (ADW_ENTRY_ROW (confirm_row)));

  create_vault (fixture);
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (fixture->window)));
  g_assert_true (g_file_test (fixture->vault_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (visible_page (fixture), ==, "vault");
  /* Unlocking opens the overview, and every page gets the session; locking takes it away. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture,
                                                                             "content_stack"))),
                   ==, "overview");
  g_assert_nonnull (cpv_window_get_session (CPV_WINDOW (fixture->window)));
  g_assert_true (cpv_overview_page_get_session (CPV_OVERVIEW_PAGE (window_child (fixture,
                                                                               "overview_page")))
                 == cpv_window_get_session (CPV_WINDOW (fixture->window)));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (fixture,
                                                                              "vault_title"))),
                   ==, "Work CPE.cpv");
  /* The passphrase does not stay in the entries. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (passphrase_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (confirm_row)), ==, "");
  /* The vault is remembered, by path. */
  g_assert_cmpstr (recent_vault (0), ==, fixture->vault_path);

  /* Lock with the header-bar button; Ctrl+L is bound to the same action. */
  assert_shortcut (GTK_WIDGET (fixture->window), "<Control>l", "win.lock");
  g_assert_true (gtk_widget_get_sensitive (window_child (fixture, "lock_button")));
  click (window_child (fixture, "lock_button"));
  cpv_ui_spin_until (vault_is_closed, fixture, "the vault is locked");
  cpv_ui_spin_until (stack_is_still, fixture, "the window shows the unlock page");
  g_assert_cmpstr (visible_page (fixture), ==, "unlock");
  g_assert_false (cpv_unlock_page_get_create_mode (fixture->page));
  g_assert_false (gtk_widget_get_visible (confirm_row));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (page_child (fixture, "submit_label"))),
                   ==, _("_Unlock"));
  g_assert_false (gtk_widget_get_sensitive (window_child (fixture, "lock_button")));

  /* A wrong passphrase: a clear message, the window stays locked, the entry keeps focus. */
  submit (fixture, "wrong horse battery staple", NULL);
  cpv_ui_spin_until (error_is_shown, fixture, "the wrong passphrase is reported");
  g_assert_cmpstr (error_text (fixture), ==,
                   _("Wrong passphrase. Check Caps Lock and the keyboard layout, then try again."));
  g_assert_null (cpv_window_get_vault (fixture->window));
  g_assert_cmpstr (visible_page (fixture), ==, "unlock");
  g_assert_true (focus_is_in (fixture, passphrase_row));

  /* Typing again clears the message; the right passphrase opens the vault. */
  type_text (passphrase_row, GOOD_PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "error_label")));
  click (page_child (fixture, "submit_button"));
  cpv_ui_spin_until (vault_is_open, fixture, "the vault is unlocked");
  cpv_ui_spin_until (stack_is_still, fixture, "the window shows the vault");
  g_assert_cmpstr (visible_page (fixture), ==, "vault");
  g_assert_cmpstr (cpv_vault_get_path (cpv_window_get_vault (fixture->window)), ==,
                   fixture->vault_path);

  /* The lock action works from the keyboard path too (win.lock). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_null (cpv_window_get_vault (fixture->window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (passphrase_row)), ==, "");

  /* Showing another (new) vault lists this one under Recent Vaults; one click returns. */
  other_path = g_build_filename (fixture->dir, "other.cpv", NULL);
  cpv_unlock_page_set_path (fixture->page, other_path);
  g_assert_true (cpv_unlock_page_get_create_mode (fixture->page));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "recent_box")));
  recent_list = page_child (fixture, "recent_list");
  recent_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (recent_list), 0);
  g_assert_nonnull (recent_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent_row)), ==,
                   "Work CPE.cpv");
  g_signal_emit_by_name (recent_list, "row-activated", recent_row);
  g_assert_cmpstr (cpv_window_get_vault_path (fixture->window), ==, fixture->vault_path);
  g_assert_false (cpv_unlock_page_get_create_mode (fixture->page));
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "recent_box")));
}

static void
test_create_refuses_weak_and_mismatched (UiFixture     *fixture,
                                         gconstpointer  user_data)
{
  GtkWidget *passphrase_row;
  GtkWidget *confirm_row;
  GtkLevelBar *strength_bar;
  GtkLabel *strength_label;
  g_autofree char *too_short = NULL;

  open_window (fixture);
  passphrase_row = page_child (fixture, "passphrase_row");
  confirm_row = page_child (fixture, "confirm_row");
  strength_bar = GTK_LEVEL_BAR (page_child (fixture, "strength_bar"));
  strength_label = GTK_LABEL (page_child (fixture, "strength_label"));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "strength_box")));

  /* The strength hint follows the typing, using the core's measure. */
  type_text (passphrase_row, "abc");
  g_assert_cmpfloat (gtk_level_bar_get_value (strength_bar), ==, CPV_PASSPHRASE_TOO_SHORT);
  type_text (passphrase_row, "abcdefghij");
  g_assert_cmpfloat (gtk_level_bar_get_value (strength_bar), ==, CPV_PASSPHRASE_WEAK);
  g_assert_cmpstr (gtk_label_get_text (strength_label), ==,
                   _("Weak: add more words or characters."));
  type_text (passphrase_row, GOOD_PASSPHRASE);
  g_assert_cmpfloat (gtk_level_bar_get_value (strength_bar), ==, CPV_PASSPHRASE_STRONG);
  g_assert_cmpstr (gtk_label_get_text (strength_label), ==, _("Strong."));

  /* Nothing typed. */
  type_text (passphrase_row, "");
  click (page_child (fixture, "submit_button"));
  cpv_ui_spin_until (error_is_shown, fixture, "the empty passphrase is refused");
  g_assert_cmpstr (error_text (fixture), ==, _("Enter the passphrase."));

  /* Too short, even when typed twice. */
  submit (fixture, "short", "short");
  cpv_ui_spin_until (error_is_shown, fixture, "the short passphrase is refused");
  too_short = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The passphrase is too short. Use at least "
                                            "%d character.",
                                            "The passphrase is too short. Use at least "
                                            "%d characters.",
                                            CPV_PASSPHRASE_MIN_LENGTH),
                               CPV_PASSPHRASE_MIN_LENGTH);
  g_assert_cmpstr (error_text (fixture), ==, too_short);
  g_assert_true (focus_is_in (fixture, passphrase_row));
  g_assert_true (gtk_widget_has_css_class (passphrase_row, "error"));

  /* Long enough, but the two differ: the cursor goes to the second entry. */
  submit (fixture, GOOD_PASSPHRASE, GOOD_PASSPHRASE "r");
  cpv_ui_spin_until (error_is_shown, fixture, "the mismatch is refused");
  g_assert_cmpstr (error_text (fixture), ==,
                   _("The two passphrases differ. Type the same passphrase twice."));
  g_assert_true (focus_is_in (fixture, confirm_row));

  /* None of this wrote a file or opened anything. */
  g_assert_false (g_file_test (fixture->vault_path, G_FILE_TEST_EXISTS));
  g_assert_null (cpv_window_get_vault (fixture->window));
  g_assert_cmpstr (visible_page (fixture), ==, "unlock");
}

static void
test_not_a_vault (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->vault_path, "", 0, &error);
  g_assert_no_error (error);

  open_window (fixture);
  g_assert_false (cpv_unlock_page_get_create_mode (fixture->page));
  submit (fixture, GOOD_PASSPHRASE, NULL);
  cpv_ui_spin_until (error_is_shown, fixture, "the empty file is reported");
  g_assert_cmpstr (error_text (fixture), ==,
                   _("This file is not a CPE Vault. Open another file."));
  g_assert_null (cpv_window_get_vault (fixture->window));
  g_assert_true (focus_is_in (fixture, page_child (fixture, "passphrase_row")));
}

static void
test_open_file (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->vault_path);
  guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (process.application)));
  GtkWindow *window;

  /* `cpe-vault FILE` shows that vault; opening it again reuses its window. */
  g_application_open (G_APPLICATION (process.application), &file, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (process.application))),
                    ==, n_windows + 1);
  window = gtk_application_get_windows (GTK_APPLICATION (process.application))->data;
  g_assert_true (CPV_IS_WINDOW (window));
  g_assert_cmpstr (cpv_window_get_vault_path (CPV_WINDOW (window)), ==, fixture->vault_path);

  g_application_open (G_APPLICATION (process.application), &file, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (process.application))),
                    ==, n_windows + 1);

  fixture->window = CPV_WINDOW (window);
  fixture->page = CPV_UNLOCK_PAGE (window_child (fixture, "unlock_page"));
  g_assert_true (cpv_unlock_page_get_create_mode (fixture->page));
}

static void
test_about (UiFixture     *fixture,
            gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_toplevels;
  GtkWindow *about = NULL;

  open_window (fixture);
  n_toplevels = g_list_model_get_n_items (toplevels);
  g_action_group_activate_action (G_ACTION_GROUP (process.application), "about", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_toplevels + 1);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = toplevel;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (about), 2);
  gtk_window_destroy (about);
}

static void
test_recent_vaults (UiFixture     *fixture,
                    gconstpointer  user_data)
{
  GListModel *recent = cpv_application_get_recent_vaults (process.application);
  GSettings *settings = cpv_application_get_settings (process.application);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (fixture->dir, "first.cpv", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second.cpv", NULL);
  g_auto(GStrv) stored = NULL;
  guint n;

  /* The test environment installs the schema (GSETTINGS_SCHEMA_DIR): the list is kept. */
  g_assert_nonnull (settings);

  cpv_application_remember_vault (process.application, first);
  cpv_application_remember_vault (process.application, second);
  cpv_application_remember_vault (process.application, first);
  g_assert_cmpstr (recent_vault (0), ==, first);
  g_assert_cmpstr (recent_vault (1), ==, second);
  n = g_list_model_get_n_items (recent);
  for (guint i = 2; i < n; i++)
    {
      g_assert_cmpstr (recent_vault (i), !=, first);
      g_assert_cmpstr (recent_vault (i), !=, second);
    }

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/vault-%d.cpv", fixture->dir, i);

      cpv_application_remember_vault (process.application, path);
    }
  n = g_list_model_get_n_items (recent);
  g_assert_cmpuint (n, ==, 8);

  stored = g_settings_get_strv (settings, "recent-vaults");
  g_assert_cmpuint (g_strv_length (stored), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (stored[i], ==, recent_vault (i));

  /* At start-up the app shows the newest recent vault that still exists. */
  g_file_set_contents (second, "", 0, &error);
  g_assert_no_error (error);
  cpv_application_remember_vault (process.application, second);
  cpv_application_remember_vault (process.application, first);   /* newer, but no file */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (process.application)));
  g_application_activate (G_APPLICATION (process.application));
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (process.application)));
  fixture->window = CPV_WINDOW (gtk_application_get_windows (GTK_APPLICATION (process.application))->data);
  g_assert_cmpstr (cpv_window_get_vault_path (fixture->window), ==, second);
}

static void
test_screenshots (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = NULL;

  open_window (fixture);

  /* Create: the strength hint under a half-typed passphrase. */
  type_text (page_child (fixture, "passphrase_row"), "correct horse");
  save_screenshots (fixture, "create");

  type_text (page_child (fixture, "passphrase_row"), "");
  create_vault (fixture);
  save_screenshots (fixture, "empty");

  /* Unlock, after a wrong passphrase, with another vault under Recent Vaults. */
  other_path = g_build_filename (fixture->dir, "Audits 2026.cpv", NULL);
  g_file_set_contents (other_path, "", 0, &error);
  g_assert_no_error (error);
  cpv_application_remember_vault (process.application, other_path);
  cpv_window_lock (fixture->window);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "recent_box")));
  submit (fixture, "wrong horse battery staple", NULL);
  cpv_ui_spin_until (error_is_shown, fixture, "the wrong passphrase is reported");
  save_screenshots (fixture, "unlock");
}

int
main (int   argc,
      char *argv[])
{
  cpv_ui_test_begin (&process, &argc, &argv, TRUE);

  g_test_add ("/ui/unlock/create-lock-unlock", UiFixture, NULL,
              fixture_set_up, test_create_lock_unlock, fixture_tear_down);
  g_test_add ("/ui/unlock/create-refuses-weak-and-mismatched", UiFixture, NULL,
              fixture_set_up, test_create_refuses_weak_and_mismatched, fixture_tear_down);
  g_test_add ("/ui/unlock/not-a-vault", UiFixture, NULL,
              fixture_set_up, test_not_a_vault, fixture_tear_down);
  g_test_add ("/ui/app/open-file", UiFixture, NULL,
              fixture_set_up, test_open_file, fixture_tear_down);
  g_test_add ("/ui/app/about", UiFixture, NULL,
              fixture_set_up, test_about, fixture_tear_down);
  g_test_add ("/ui/app/recent-vaults", UiFixture, NULL,
              fixture_set_up, test_recent_vaults, fixture_tear_down);
  g_test_add ("/ui/unlock/screenshots", UiFixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return cpv_ui_test_end (&process, g_test_run ());
}
