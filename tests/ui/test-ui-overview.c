/* test-ui-overview.c — the overview (dashboard) and credentials pages, driven like a person would
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). Each test makes a vault with the core, unlocks it through
 * the unlock page, and then uses the pages' widgets and actions. The overview's figures are
 * compared with a status computed independently from the vault the way `cpe-vault-cli status`
 * computes it (snapshot, status engine, audit deadlines), and with its XML form. Screenshots
 * go to $G_TEST_BUILDDIR/screenshots/ for people to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-audit.h"
#include "cpv-credential-card.h"
#include "cpv-credential-dialog.h"
#include "cpv-credentials-page.h"
#include "cpv-overview-page.h"
#include "cpv-records.h"
#include "cpv-snapshot.h"
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
  gint64     issap_id;
  gint64     ccsp_id;
  gint64     capped_activity_id;
} UiFixture;

/* Helpers ------------------------------------------------------------------------------- */

static GtkWidget *
window_child (UiFixture  *fixture,
              const char *name)
{
  return cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, name);
}

static GtkWidget *
overview (UiFixture *fixture)
{
  return window_child (fixture, "overview_page");
}

static GtkWidget *
overview_child (UiFixture  *fixture,
                const char *name)
{
  return cpv_ui_child (overview (fixture), CPV_TYPE_OVERVIEW_PAGE, name);
}

static GtkWidget *
credentials_page (UiFixture *fixture)
{
  return window_child (fixture, "credentials_page");
}

static GtkWidget *
credentials_child (UiFixture  *fixture,
                   const char *name)
{
  return cpv_ui_child (credentials_page (fixture), CPV_TYPE_CREDENTIALS_PAGE, name);
}

static gboolean
credentials_shown (gpointer data)
{
  UiFixture *fixture = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (cpv_ui_child (fixture->window,
                                                                               CPV_TYPE_WINDOW,
                                                                               "content_stack"))),
                    "credentials") == 0;
}

static gboolean
status_shown (gpointer data)
{
  UiFixture *fixture = data;

  GtkWidget *page = cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, "overview_page");

  return g_strcmp0 (gtk_stack_get_visible_child_name (
                      GTK_STACK (cpv_ui_child (page, CPV_TYPE_OVERVIEW_PAGE, "stack"))),
                    "status") == 0;
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
         && !gtk_stack_get_transition_running (GTK_STACK (overview_child (fixture, "stack")))
         && !gtk_stack_get_transition_running (GTK_STACK (credentials_child (fixture, "stack")));
}

static const char *
visible_content_page (UiFixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture, "content_stack")));
}

static const char *
overview_state (UiFixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (overview_child (fixture, "stack")));
}

static CpvSession *
session (UiFixture *fixture)
{
  return cpv_window_get_session (fixture->window);
}

static CpvVault *
vault (UiFixture *fixture)
{
  return cpv_window_get_vault (fixture->window);
}

static char *
iso_from_today (int days)
{
  return cpv_day_format (cpv_day_add_days (cpv_day_today (), days));
}

static gint64
add_credential (CpvVault   *vault,
                const char *code,
                const char *cycle_start,
                const char *cycle_end,
                const char *member_since)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup ("isc2");
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup (cycle_start);
  credential->cycle_end = g_strdup (cycle_end);
  credential->member_since = g_strdup (member_since);
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An activity ending @days_ago days before today, counted toward the given credentials. */
static gint64
add_activity (CpvVault   *vault,
              const char *title,
              const char *category,
              int         days_ago,
              double      credits,
              gint64      first_credential,
              char        first_group,
              gint64      second_credential,
              char        second_group)
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
  if (first_credential != 0)
    cpv_activity_add_credit_line (activity, first_credential, first_group);
  if (second_credential != 0)
    cpv_activity_add_credit_line (activity, second_credential, second_group);
  id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A CISSP in the second year of its cycle with the ISSAP concentration, some credits of both
 * groups, one activity above the per-activity cap (ISC2-CALC-3) and a CCSP whose cycle ended
 * a month ago with too few credits: it is in its grace period (ISC2-GRACE-1). */
static void
fill_vault (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvVault) new_vault = cpv_vault_create (fixture->vault_path, PASSPHRASE, &error);
  g_autofree char *start = iso_from_today (-400);
  g_autofree char *since = iso_from_today (-400 - 3 * 365);
  CpvDay start_day;
  g_autofree char *end = NULL;
  g_autofree char *ccsp_start = NULL;
  g_autofree char *ccsp_end = iso_from_today (-30);

  g_assert_no_error (error);
  g_assert_true (cpv_day_parse (start, &start_day));
  end = cpv_day_format (cpv_day_add_days (cpv_day_add_years (start_day, 3), -1));
  {
    CpvDay ccsp_end_day;

    g_assert_true (cpv_day_parse (ccsp_end, &ccsp_end_day));
    ccsp_start = cpv_day_format (cpv_day_add_days (cpv_day_add_years (ccsp_end_day, -3), 1));
  }

  fixture->cissp_id = add_credential (new_vault, "CISSP", start, end, since);
  fixture->issap_id = add_credential (new_vault, "ISSAP", start, end, since);
  fixture->ccsp_id = add_credential (new_vault, "CCSP", ccsp_start, ccsp_end, since);

  add_activity (new_vault, "Security architecture seminar", "isc2.education.course", 60, 24.5,
                fixture->cissp_id, 'A', fixture->issap_id, 'A');
  add_activity (new_vault, "Leadership workshop", "isc2.professional-development.entry", 90,
                12, fixture->cissp_id, 'B', 0, 0);
  fixture->capped_activity_id = add_activity (new_vault, "Cloud security bootcamp",
                                              "isc2.education.course", 20, 45,
                                              fixture->cissp_id, 'A', fixture->ccsp_id, 'A');
  add_activity (new_vault, "CCSP study group", "isc2.education.course", 500, 30,
                fixture->ccsp_id, 'A', 0, 0);
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
  if (cpv_unlock_page_get_create_mode (page))
    gtk_editable_set_text (GTK_EDITABLE (cpv_ui_child (page, CPV_TYPE_UNLOCK_PAGE, "confirm_row")),
                           PASSPHRASE);
  gtk_widget_activate (cpv_ui_child (page, CPV_TYPE_UNLOCK_PAGE, "submit_button"));
  cpv_ui_spin_until (vault_is_open, fixture, "the vault is open");
  cpv_ui_spin_until (stacks_are_still, fixture, "the window shows the vault");
}

/* The status as `cpe-vault-cli status` computes it, from the vault alone. */
static CpvStatus *
independent_status (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvProgramRegistry) registry = cpv_program_registry_new_default (&error);
  g_autoptr(CpvSnapshot) snapshot = NULL;
  CpvStatus *status;

  g_assert_no_error (error);
  snapshot = cpv_vault_load_snapshot (vault (fixture), &error);
  g_assert_no_error (error);
  status = cpv_status_compute (registry, snapshot, cpv_day_today ());
  g_assert_true (cpv_audit_add_to_status (vault (fixture), registry, status, &error));
  g_assert_no_error (error);
  return status;
}

static GPtrArray *
cards (UiFixture *fixture)
{
  GPtrArray *result = g_ptr_array_new ();
  GtkWidget *box = overview_child (fixture, "cards_box");

  for (GtkWidget *flow_child = gtk_widget_get_first_child (box);
       flow_child != NULL;
       flow_child = gtk_widget_get_next_sibling (flow_child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (flow_child));

      g_assert_true (CPV_IS_CREDENTIAL_CARD (card));
      g_ptr_array_add (result, card);
    }
  return result;
}

static CpvCredentialCard *
card_for (UiFixture *fixture,
          gint64     credential_id)
{
  g_autoptr(GPtrArray) all = cards (fixture);

  for (guint i = 0; i < all->len; i++)
    if (cpv_credential_card_get_credential_id (all->pdata[i]) == credential_id)
      return all->pdata[i];
  g_error ("No card for credential %" G_GINT64_FORMAT, credential_id);
}

static GtkWidget *
card_child (CpvCredentialCard *card,
            const char        *name)
{
  return cpv_ui_child (card, CPV_TYPE_CREDENTIAL_CARD, name);
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_label_get_label (GTK_LABEL (label));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;
  return n;
}

/* Every row of a boxed list, rows inside expander rows included. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *row = gtk_widget_get_first_child (widget);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row))
        g_ptr_array_add (rows, row);
      else
        collect_rows (row, rows);
    }
}

static AdwActionRow *
find_row (GtkWidget  *list,
          const char *title,
          const char *subtitle_part)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row_title = adw_preferences_row_get_title (rows->pdata[i]);
      const char *row_subtitle = adw_action_row_get_subtitle (rows->pdata[i]);

      if (g_strcmp0 (row_title, title) == 0 &&
          (subtitle_part == NULL || (row_subtitle != NULL &&
                                     strstr (row_subtitle, subtitle_part) != NULL)))
        return rows->pdata[i];
    }
  return NULL;
}

static gboolean
row_shows_label (GtkWidget  *row,
                 const char *text)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (row);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0
          && gtk_widget_get_visible (widget))
        return TRUE;
      if (row_shows_label (widget, text))
        return TRUE;
    }
  return FALSE;
}

static char *
figures (const CpvRequirement *requirement)
{
  return g_strdup_printf ("%.2f / %.2f", requirement->earned, requirement->required);
}

/* The figure the CLI's XML prints for one attribute, e.g. earned="24.50". */
static void
assert_xml_has (const char *xml,
                const char *fragment)
{
  if (strstr (xml, fragment) == NULL)
    g_error ("The status XML has no %s", fragment);
}

static gboolean
no_credential_dialog (gpointer data)
{
  return cpv_ui_find_toplevel (CPV_TYPE_CREDENTIAL_DIALOG) == NULL;
}

static void
save_screenshot_of (GtkWidget  *window,
                    const char *state,
                    gboolean    dark,
                    int         width,
                    int         height)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cpv_ui_resize_window (window, width, height);
  cpv_ui_wait_frames (window, 4);

  cpv_ui_save_png (window, width, height, state, process.language, dark);
}

static void
save_screenshots (UiFixture  *fixture,
                  GtkWidget  *window,
                  const char *state,
                  int         narrow_height)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int height = sizes[i].width == 400 && narrow_height > 0 ? narrow_height : sizes[i].height;

      save_screenshot_of (window, state, FALSE, sizes[i].width, height);
      save_screenshot_of (window, state, TRUE, sizes[i].width, height);
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

  fixture->dir = g_dir_make_tmp ("cpv-ui-overview-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->vault_path = g_build_filename (fixture->dir, "CPE 2026.cpv", NULL);
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *dialog;

  while ((dialog = cpv_ui_find_toplevel (CPV_TYPE_CREDENTIAL_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  while ((dialog = cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  cpv_ui_remove_tree (fixture->dir);
  g_free (fixture->vault_path);
  g_free (fixture->dir);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_empty_state (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *add_button;

  open_and_unlock (fixture);   /* no file: the unlock page creates the vault */
  g_assert_cmpstr (visible_content_page (fixture), ==, "overview");
  g_assert_cmpstr (overview_state (fixture), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (overview_child (fixture,
                                                                             "empty_page"))),
                   ==, _("No Credentials Yet"));

  /* The button leads to the credentials page, which offers to add one. */
  add_button = overview_child (fixture, "add_button");
  g_assert_true (gtk_widget_get_visible (add_button));
  gtk_widget_activate (add_button);
  cpv_ui_spin_until (credentials_shown, fixture, "the credentials page is shown");
  g_assert_cmpstr (visible_content_page (fixture), ==, "credentials");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (credentials_child (fixture,
                                                                                   "stack"))),
                   ==, "empty");
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "credentials-empty", 0);
}

static void
test_figures_equal_status (UiFixture     *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(CpvStatus) expected = NULL;
  g_autofree char *expected_xml = NULL;
  g_autofree char *session_xml = NULL;
  g_autoptr(GPtrArray) all_cards = NULL;
  GtkWidget *deadlines_list;
  guint n_findings = 0;

  fill_vault (fixture);
  open_and_unlock (fixture);
  g_assert_cmpstr (overview_state (fixture), ==, "status");

  /* The session's status is the CLI's: same XML, byte for byte. */
  expected = independent_status (fixture);
  expected_xml = cpv_status_to_xml (expected);
  session_xml = cpv_status_to_xml (cpv_session_get_status (session (fixture)));
  g_assert_cmpstr (session_xml, ==, expected_xml);

  /* One card per credential held, each figure as the status states it. */
  all_cards = cards (fixture);
  g_assert_cmpuint (all_cards->len, ==, expected->credentials->len);
  g_assert_cmpuint (all_cards->len, ==, 3);
  for (guint i = 0; i < expected->credentials->len; i++)
    {
      const CpvCredentialStatus *cs = g_ptr_array_index (expected->credentials, i);
      CpvCredentialCard *card = card_for (fixture, cs->credential->id);
      const CpvRequirement *total = cpv_credential_status_get_requirement (cs, "total", 0);
      g_autofree char *carry_in = g_strdup_printf ("%.2f", cs->carry_in);
      g_autofree char *carry_out = g_strdup_printf ("%.2f", cs->carry_out);
      g_autofree char *ring_value = g_strdup_printf ("%.2f", total->earned);
      g_autofree char *days_left = cpv_format_relative_day (cs->cycle_end, expected->on);

      g_assert_cmpstr (label_text (card_child (card, "code_label")), ==, cs->credential->code);
      g_assert_cmpstr (label_text (card_child (card, "state_label")), ==,
                       cpv_state_label (cs->state));
      g_assert_cmpstr (label_text (card_child (card, "ring_value_label")), ==, ring_value);

      for (guint j = 0; j < cs->requirements->len; j++)
        {
          const CpvRequirement *requirement = g_ptr_array_index (cs->requirements, j);
          g_autofree char *shown = figures (requirement);
          g_autofree char *earned = g_strdup_printf ("earned=\"%.2f\"", requirement->earned);
          g_autofree char *required = g_strdup_printf ("required=\"%.2f\"",
                                                       requirement->required);
          const char *figure;

          /* Group B is not drawn for a credential that counts none. */
          if (g_str_equal (requirement->kind, "group-b-counted") && requirement->required <= 0)
            continue;
          figure = cpv_credential_card_get_figure (card, requirement->kind, requirement->year);
          if (figure == NULL)
            g_error ("%s shows no %s %d", cs->credential->code, requirement->kind,
                     requirement->year);
          g_assert_cmpstr (figure, ==, shown);
          assert_xml_has (expected_xml, earned);
          assert_xml_has (expected_xml, required);
        }

      /* Carry-over in and out (ISC2-CARRY-1), as the CLI prints them. */
      g_assert_nonnull (strstr (label_text (card_child (card, "carry_label")), carry_in));
      g_assert_nonnull (strstr (label_text (card_child (card, "carry_label")), carry_out));
      if (cs->state == CPV_CREDENTIAL_STATE_ACTIVE)
        g_assert_nonnull (strstr (label_text (card_child (card, "days_label")), days_left));
      n_findings += cs->findings->len;
    }

  /* The CCSP cycle ended unmet a month ago: grace period (ISC2-GRACE-1), said on its card and
   * in the timeline with the grace period's end. */
  {
    const CpvCredentialStatus *ccsp = cpv_status_lookup (expected, fixture->ccsp_id);
    const CpvDeadline *grace_end = cpv_credential_status_get_deadline (ccsp, "grace-end");
    g_autofree char *grace_date = cpv_day_format (grace_end->date);
    g_autofree char *subtitle = g_strdup_printf ("CCSP · %s", grace_date);

    g_assert_cmpint (ccsp->state, ==, CPV_CREDENTIAL_STATE_GRACE);
    g_assert_cmpstr (label_text (card_child (card_for (fixture, fixture->ccsp_id),
                                             "state_label")), ==, _("Grace Period"));
    g_assert_nonnull (strstr (label_text (card_child (card_for (fixture, fixture->ccsp_id),
                                                      "days_label")), grace_date));
    deadlines_list = overview_child (fixture, "deadlines_list");
    g_assert_nonnull (find_row (deadlines_list, _("End of the grace period"), subtitle));
  }

  /* The timeline: every deadline still ahead of the CISSP, with the AMF amount. */
  {
    const CpvCredentialStatus *cissp = cpv_status_lookup (expected, fixture->cissp_id);
    guint n_amf = 0;

    for (guint j = 0; j < cissp->deadlines->len; j++)
      {
        const CpvDeadline *deadline = g_ptr_array_index (cissp->deadlines, j);
        g_autofree char *date = cpv_day_format (deadline->date);
        g_autofree char *subtitle = g_strdup_printf ("CISSP · %s", date);
        AdwActionRow *row;

        if (deadline->date < expected->on || g_str_equal (deadline->kind, "termination") ||
            g_str_equal (deadline->kind, "retention-until"))
          continue;
        row = find_row (deadlines_list, cpv_deadline_title_in_state (deadline, cissp->state, FALSE),
                        subtitle);
        if (row == NULL)
          g_error ("No timeline row for the CISSP's %s on %s", deadline->kind, date);
        if (deadline->amount >= 0)
          {
            g_autofree char *amount = g_strdup_printf ("%s %.2f", deadline->currency,
                                                       deadline->amount);

            g_assert_true (row_shows_label (GTK_WIDGET (row), amount));
            n_amf++;
          }
      }
    g_assert_cmpuint (n_amf, >, 0);
  }

  /* The findings list has a row per finding, with its rule tag. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_rows (overview_child (fixture, "findings_list"), rows);
    g_assert_cmpuint (rows->len, ==, n_findings);
  }

  /* Locking drops every card and row. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_null (vault (fixture));
  g_assert_null (gtk_widget_get_first_child (overview_child (fixture, "cards_box")));
  g_assert_cmpuint (count_rows (overview_child (fixture, "deadlines_list")), ==, 0);
  g_assert_cmpuint (count_rows (overview_child (fixture, "findings_list")), ==, 0);
  g_assert_cmpuint (count_rows (credentials_child (fixture, "list")), ==, 0);
  g_assert_null (cpv_overview_page_get_session (CPV_OVERVIEW_PAGE (overview (fixture))));
}

static void
test_finding_opens_activity (UiFixture     *fixture,
                             gconstpointer  user_data)
{
  const CpvFinding *finding;
  CpvStatus *status;
  AdwActionRow *row;
  g_autofree char *subtitle = NULL;

  fill_vault (fixture);
  open_and_unlock (fixture);
  status = cpv_session_get_status (session (fixture));

  /* 45 credits for one activity: the engine caps it at 40 and says so (ISC2-CALC-3). */
  finding = cpv_credential_status_get_finding (cpv_status_lookup (status, fixture->cissp_id),
                                               "ISC2-CALC-3", fixture->capped_activity_id);
  g_assert_nonnull (finding);
  subtitle = g_strdup_printf ("CISSP · %s", finding->text);
  row = find_row (overview_child (fixture, "findings_list"), cpv_rule_title ("ISC2-CALC-3"),
                  subtitle);
  g_assert_nonnull (row);
  g_assert_true (row_shows_label (GTK_WIDGET (row), "ISC2-CALC-3"));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  g_signal_emit_by_name (overview_child (fixture, "findings_list"), "row-activated", row);
  cpv_ui_spin_until (stacks_are_still, fixture, "the activities page is shown");
  g_assert_cmpstr (visible_content_page (fixture), ==, "activities");
}

static void
test_load_failed (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = g_error_new_literal (CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                                                 "The vault is damaged: restore a backup.");

  fill_vault (fixture);
  open_and_unlock (fixture);
  g_assert_cmpstr (overview_state (fixture), ==, "status");

  /* The session reports a failure: the page says so, with the message, and drops the cards. */
  g_signal_emit_by_name (session (fixture), "load-failed", error);
  g_assert_cmpstr (overview_state (fixture), ==, "failed");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (overview_child (fixture,
                                                                                   "failed_page"))),
                   ==, error->message);
  g_assert_null (gtk_widget_get_first_child (overview_child (fixture, "cards_box")));
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "overview-failed", 0);

  /* Try Again reads the vault again: the status is back. */
  gtk_widget_activate (overview_child (fixture, "retry_button"));
  cpv_ui_spin_until (status_shown, fixture, "the status is shown again");
  g_assert_cmpstr (overview_state (fixture), ==, "status");
  g_assert_nonnull (gtk_widget_get_first_child (overview_child (fixture, "cards_box")));
}

static CpvCredentialDialog *
open_credential_dialog (UiFixture  *fixture,
                        const char *action,
                        GVariant   *target)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action_variant (credentials_page (fixture), action,
                                                     target));
  dialog = cpv_ui_find_toplevel (CPV_TYPE_CREDENTIAL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (dialog));
  cpv_ui_wait_frames (GTK_WIDGET (dialog), 2);
  return CPV_CREDENTIAL_DIALOG (dialog);
}

static GtkWidget *
dialog_child (CpvCredentialDialog *dialog,
              const char          *name)
{
  return cpv_ui_child (dialog, CPV_TYPE_CREDENTIAL_DIALOG, name);
}

static void
type_into (CpvCredentialDialog *dialog,
           const char          *row,
           const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, row)), text);
}

static CpvCredential *
held (UiFixture  *fixture,
      const char *code)
{
  GListModel *credentials = cpv_session_get_credentials (session (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    {
      g_autoptr(CpvCredential) credential = g_list_model_get_item (credentials, i);

      if (g_strcmp0 (credential->code, code) == 0)
        return cpv_session_find_credential (session (fixture), credential->id);
    }
  return NULL;
}

static AdwActionRow *
credential_row (UiFixture  *fixture,
                const char *code)
{
  return find_row (credentials_child (fixture, "list"), code, NULL);
}

static void
test_add_edit_remove (UiFixture     *fixture,
                      gconstpointer  user_data)
{
  CpvCredentialDialog *dialog;
  CpvCredential *cissp;
  gint64 cissp_id, issap_id;
  AdwActionRow *row;
  g_autofree char *counts = NULL;
  g_autofree char *one_activity = NULL;
  AdwMessageDialog *confirm;
  gint64 activity_id;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  open_and_unlock (fixture);
  cpv_window_show_page (fixture->window, "credentials");

  /* Add CISSP: dates are checked while typing, the cycle end follows the start (3 years). */
  dialog = open_credential_dialog (fixture, "credentials.add", NULL);
  g_assert_true (cpv_credential_dialog_select (dialog, "isc2", "CISSP"));
  g_assert_false (cpv_credential_dialog_get_valid (dialog));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  g_assert_null (cpv_credential_dialog_get_message (dialog));   /* empty is not an error */

  type_into (dialog, "start_row", "2025-13-01");
  g_assert_false (cpv_credential_dialog_get_valid (dialog));
  g_assert_cmpstr (cpv_credential_dialog_get_message (dialog), ==,
                   _("Type the cycle start as YYYY-MM-DD, e.g. 2025-04-01."));
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "start_row"), "error"));

  type_into (dialog, "start_row", "2025-04-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "end_row"))), ==,
                   "2028-03-31");
  g_assert_true (cpv_credential_dialog_get_valid (dialog));
  g_assert_null (cpv_credential_dialog_get_message (dialog));

  type_into (dialog, "end_row", "2025-01-01");
  g_assert_false (cpv_credential_dialog_get_valid (dialog));
  g_assert_cmpstr (cpv_credential_dialog_get_message (dialog), ==,
                   _("The cycle ends before it starts. Check both dates."));
  /* Typed by hand, the end no longer follows the start. */
  type_into (dialog, "start_row", "2024-04-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "end_row"))), ==,
                   "2025-01-01");
  type_into (dialog, "start_row", "2025-04-01");
  type_into (dialog, "end_row", "2028-03-31");
  type_into (dialog, "since_row", "2019-04");
  g_assert_cmpstr (cpv_credential_dialog_get_message (dialog), ==,
                   _("Type the member-since date as YYYY-MM-DD, or leave it empty."));
  type_into (dialog, "since_row", "2019-04-01");
  g_assert_true (cpv_credential_dialog_get_valid (dialog));
  save_screenshots (fixture, GTK_WIDGET (dialog), "credential-dialog", 700);
  gtk_widget_activate (dialog_child (dialog, "save_button"));
  cpv_ui_spin_until (no_credential_dialog, fixture, "the dialog closes");

  cissp = held (fixture, "CISSP");
  g_assert_nonnull (cissp);
  g_assert_cmpstr (cissp->cycle_start, ==, "2025-04-01");
  g_assert_cmpstr (cissp->cycle_end, ==, "2028-03-31");
  g_assert_cmpstr (cissp->member_since, ==, "2019-04-01");
  /* The session's model is loaded again on every change: keep ids, not records. */
  cissp_id = cissp->id;
  g_assert_nonnull (credential_row (fixture, "CISSP"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (credentials_child (fixture,
                                                                                   "stack"))),
                   ==, "list");
  /* The overview has its card now. */
  g_assert_cmpstr (overview_state (fixture), ==, "status");
  g_assert_nonnull (card_for (fixture, cissp_id));

  /* The same credential twice is refused before saving. */
  dialog = open_credential_dialog (fixture, "credentials.add", NULL);
  g_assert_true (cpv_credential_dialog_select (dialog, "isc2", "CISSP"));
  type_into (dialog, "start_row", "2025-04-01");
  g_assert_false (cpv_credential_dialog_get_valid (dialog));
  {
    g_autofree char *twice = g_strdup_printf (_("%s is already in the vault. Edit its cycle "
                                                "instead."), "CISSP");

    g_assert_cmpstr (cpv_credential_dialog_get_message (dialog), ==, twice);
  }

  /* ISSAP, a concentration: it says it counts toward the CISSP held (ISC2-CONC-1). */
  g_assert_true (cpv_credential_dialog_select (dialog, "isc2", "ISSAP"));
  g_assert_true (cpv_credential_dialog_get_valid (dialog));
  gtk_widget_activate (dialog_child (dialog, "save_button"));
  cpv_ui_spin_until (no_credential_dialog, fixture, "the dialog closes");
  g_assert_nonnull (held (fixture, "ISSAP"));
  issap_id = held (fixture, "ISSAP")->id;
  row = credential_row (fixture, "ISSAP");
  g_assert_nonnull (row);
  counts = g_strdup_printf (_("Counts toward %s, which you hold (%s)"), "CISSP", "ISC2-CONC-1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), counts));
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "credentials", 0);

  /* Edit: the dialog shows the stored dates; the new end is stored. */
  dialog = open_credential_dialog (fixture, "credentials.edit", g_variant_new_int64 (cissp_id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "start_row"))),
                   ==, "2025-04-01");
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "code_row")));
  type_into (dialog, "end_row", "2028-04-30");
  g_assert_true (cpv_credential_dialog_get_valid (dialog));
  gtk_widget_activate (dialog_child (dialog, "save_button"));
  cpv_ui_spin_until (no_credential_dialog, fixture, "the dialog closes");
  g_assert_cmpstr (held (fixture, "CISSP")->cycle_end, ==, "2028-04-30");

  /* Remove ISSAP: the confirmation names the activity whose credit line goes. */
  activity_id = add_activity (vault (fixture), "Architecture review", "isc2.education.course",
                              10, 3, issap_id, 'A', cissp_id, 'A');
  g_assert_true (gtk_widget_activate_action (credentials_page (fixture), "credentials.remove",
                                             "x", issap_id));
  confirm = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  one_activity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u activity counts toward %s. Its credit line "
                                               "for %s is removed; the activity and its "
                                               "evidence stay in the vault and keep counting "
                                               "toward your other credentials.",
                                               "%u activities count toward %s. Their credit "
                                               "lines for %s are removed; the activities and "
                                               "their evidence stay in the vault and keep "
                                               "counting toward your other credentials.", 1),
                                  1, "ISSAP", "ISSAP");
  g_assert_cmpstr (adw_message_dialog_get_body (confirm), ==, one_activity);
  g_assert_cmpstr (adw_message_dialog_get_response_label (confirm, "remove"), ==, _("_Remove"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel keeps it; Remove removes it and only its credit line. */
  adw_message_dialog_response (confirm, "cancel");
  g_assert_nonnull (held (fixture, "ISSAP"));
  g_assert_true (gtk_widget_activate_action (credentials_page (fixture), "credentials.remove",
                                             "x", issap_id));
  confirm = ADW_MESSAGE_DIALOG (cpv_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "remove");
  g_assert_null (held (fixture, "ISSAP"));
  g_assert_null (credential_row (fixture, "ISSAP"));
  activity = cpv_vault_get_activity (vault (fixture), activity_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activity->credit_lines->len, ==, 1);
  g_assert_cmpint (g_array_index (activity->credit_lines, CpvCreditLine, 0).credential_id, ==,
                   cissp_id);
}

/* The deadlines and findings, with the cards out of the way (they are above them). */
static void
save_timeline_screenshots (UiFixture *fixture)
{
  GtkWidget *cards_box = overview_child (fixture, "cards_box");

  gtk_widget_set_visible (cards_box, FALSE);
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "overview-timeline", 0);
  gtk_widget_set_visible (cards_box, TRUE);
}

static void
test_screenshots (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  fill_vault (fixture);
  open_and_unlock (fixture);
  g_assert_cmpstr (overview_state (fixture), ==, "status");
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "overview", 0);
  save_timeline_screenshots (fixture);
  cpv_window_show_page (fixture->window, "credentials");
  cpv_ui_spin_until (stacks_are_still, fixture, "the credentials page is shown");
  save_screenshots (fixture, GTK_WIDGET (fixture->window), "credentials-held", 0);
}

int
main (int   argc,
      char *argv[])
{
  cpv_ui_test_begin (&process, &argc, &argv, TRUE);

  g_test_add ("/ui/overview/empty-state", UiFixture, NULL,
              fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/ui/overview/ISC2-GRACE-1/figures-equal-cli-status", UiFixture, NULL,
              fixture_set_up, test_figures_equal_status, fixture_tear_down);
  g_test_add ("/ui/overview/ISC2-CALC-3/finding-opens-activity", UiFixture, NULL,
              fixture_set_up, test_finding_opens_activity, fixture_tear_down);
  g_test_add ("/ui/overview/load-failed", UiFixture, NULL,
              fixture_set_up, test_load_failed, fixture_tear_down);
  g_test_add ("/ui/credentials/ISC2-CONC-1/add-edit-remove", UiFixture, NULL,
              fixture_set_up, test_add_edit_remove, fixture_tear_down);
  g_test_add ("/ui/overview/screenshots", UiFixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return cpv_ui_test_end (&process, g_test_run ());
}
