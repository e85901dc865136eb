/* cpv-overview-page.c — progress, deadlines and findings of every credential held
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-overview-page"

#include "config.h"

#include "cpv-overview-page.h"

#include <glib/gi18n.h>

#include "cpv-credential-card.h"
#include "cpv-status-labels.h"
#include "cpv-window.h"

/* The dashboard shows the session's status, the same the CLI's `status` prints: a card per
 * credential, the deadlines still ahead, and the findings. It is rebuilt from the status on
 * every "status-changed"; while locked it holds nothing. */

/* Deadlines shown before the rest fold into "Later Deadlines". */
#define FIRST_DEADLINES 8
/* Deadlines this close are marked. */
#define SOON_DAYS 30

struct _CpvOverviewPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkWidget      *add_button;
  AdwStatusPage  *failed_page;
  GtkWidget      *retry_button;
  GtkLabel       *on_label;
  GtkFlowBox     *cards_box;
  GtkWidget      *deadlines_group;
  GtkListBox     *deadlines_list;
  GtkListBox     *findings_list;

  CpvSession     *session;
  gulong          status_changed_id;
  gulong          load_failed_id;
};

G_DEFINE_FINAL_TYPE (CpvOverviewPage, cpv_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

typedef struct
{
  const CpvCredentialStatus *status;
  const CpvDeadline         *deadline;
  gboolean                   repeated_kind;
} DeadlineEntry;

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, row);
}

static void
clear (CpvOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);
  remove_all_rows (self->deadlines_list);
  remove_all_rows (self->findings_list);
  gtk_label_set_label (self->on_label, "");
}

static char *
credential_name (CpvOverviewPage *self,
                 CpvCredential   *credential)
{
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  CpvProgram *program = NULL;
  const CpvCredentialRules *rules;

  rules = cpv_program_registry_lookup_credential (registry, credential->program,
                                                  credential->code, &program);
  if (rules == NULL || program == NULL)
    return g_strdup (credential->program);
  return g_strdup_printf ("%s · %s",
                          cpv_translate_program_text (cpv_program_get_name (program)),
                          cpv_translate_program_text (rules->name));
}

static gint
compare_deadline_entries (gconstpointer a,
                          gconstpointer b)
{
  const DeadlineEntry *ea = a;
  const DeadlineEntry *eb = b;

  if (ea->deadline->date != eb->deadline->date)
    return ea->deadline->date < eb->deadline->date ? -1 : 1;
  return 0;
}

static GtkWidget *
deadline_row (const DeadlineEntry *entry,
              CpvDay               on)
{
  const CpvDeadline *deadline = entry->deadline;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = cpv_day_format (deadline->date);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", entry->status->credential->code, date);
  g_autofree char *relative = cpv_format_relative_day (deadline->date, on);
  GtkWidget *when = gtk_label_new (relative);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 cpv_deadline_title_in_state (deadline, entry->status->state,
                                                     entry->repeated_kind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (deadline->amount >= 0)
    {
      g_autofree char *amount = cpv_format_amount (deadline->amount, deadline->currency);
      GtkWidget *amount_label = gtk_label_new (amount);

      gtk_widget_add_css_class (amount_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);
    }
  gtk_widget_add_css_class (when, "numeric");
  if (deadline->date < on + SOON_DAYS)
    gtk_widget_add_css_class (when, "warning");
  else
    gtk_widget_add_css_class (when, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), when);
  return row;
}

static void
show_deadlines (CpvOverviewPage *self,
                CpvStatus       *status)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (DeadlineEntry));
  GtkWidget *later = NULL;

  for (guint i = 0; i < status->credentials->len; i++)
    {
      const CpvCredentialStatus *cs = g_ptr_array_index (status->credentials, i);

      for (guint j = 0; j < cs->deadlines->len; j++)
        {
          const CpvDeadline *deadline = g_ptr_array_index (cs->deadlines, j);
          DeadlineEntry entry = { cs, deadline, FALSE };

          for (guint k = 0; k < j; k++)
            {
              const CpvDeadline *before = g_ptr_array_index (cs->deadlines, k);

              if (g_strcmp0 (before->kind, deadline->kind) == 0 &&
                  g_strcmp0 (deadline->kind, "amf-due") != 0)
                entry.repeated_kind = TRUE;
            }
          /* Only what is still ahead; termination only matters once suspended. */
          if (deadline->date < status->on)
            continue;
          if (g_strcmp0 (deadline->kind, "termination") == 0 &&
              cs->state == CPV_CREDENTIAL_STATE_ACTIVE)
            continue;
          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, compare_deadline_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *row = deadline_row (&g_array_index (entries, DeadlineEntry, i), status->on);

      if (i < FIRST_DEADLINES)
        {
          gtk_list_box_append (self->deadlines_list, row);
          continue;
        }
      if (later == NULL)
        {
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u more deadline",
                                                                    "%u more deadlines",
                                                                    entries->len - i),
                                                       entries->len - i);

          later = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (later), _("Later Deadlines"));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (later), subtitle);
          gtk_list_box_append (self->deadlines_list, later);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (later), row);
    }
  gtk_widget_set_visible (self->deadlines_group, entries->len > 0);
}

#define MAX_FINDING_ROWS 100

static void
show_findings (CpvOverviewPage *self,
               CpvStatus       *status)
{
  guint n_findings = 0;
  guint n_hidden = 0;

  for (guint i = 0; i < status->credentials->len; i++)
    {
      const CpvCredentialStatus *cs = g_ptr_array_index (status->credentials, i);

      for (guint j = 0; j < cs->findings->len; j++)
        {
          const CpvFinding *finding = g_ptr_array_index (cs->findings, j);
          const char *rule_title;

          /* Thousands of rows would take seconds to lay out and help nobody; the count of
           * the rest is shown below, and the activities page filters them. */
          if (n_findings >= MAX_FINDING_ROWS)
            {
              n_hidden++;
              continue;
            }
          rule_title = cpv_rule_title (finding->rule);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *icon;
          GtkWidget *tag = gtk_label_new (finding->rule);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", cs->credential->code,
                                                       finding->text);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         rule_title != NULL ? rule_title : finding->rule);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

          if (finding->severity == CPV_SEVERITY_ERROR)
            {
              icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
              gtk_widget_add_css_class (icon, "error");
              gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);
            }
          else
            {
              icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
              gtk_widget_add_css_class (icon, "warning");
              gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
            }
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

          gtk_widget_add_css_class (tag, "rule-tag");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

          if (finding->activity_id != 0)
            {
              GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

              adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
              gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
              g_object_set_data_full (G_OBJECT (row), "activity-id",
                                      g_memdup2 (&finding->activity_id, sizeof (gint64)),
                                      g_free);
              gtk_widget_set_tooltip_text (row, _("Open the activity"));
            }
          gtk_list_box_append (self->findings_list, row);
          n_findings++;
        }
    }

  if (n_hidden > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u more finding",
                                                             "%u more findings",
                                                             n_hidden), n_hidden);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Fix the ones above first; “cpe-vault-cli status” lists "
                                     "them all."));
      gtk_list_box_append (self->findings_list, row);
    }

  if (n_findings == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing to fix: every record follows its rules"));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
show_status (CpvOverviewPage *self)
{
  CpvStatus *status = self->session != NULL ? cpv_session_get_status (self->session) : NULL;
  g_autofree char *on = NULL;
  g_autofree char *on_text = NULL;

  clear (self);
  if (self->session == NULL || cpv_session_get_vault (self->session) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (status == NULL)
    {
      /* "load-failed" tells why when it happens; this is for a session that failed before the
       * page got it. */
      if (adw_status_page_get_description (self->failed_page) == NULL)
        adw_status_page_set_description (self->failed_page,
                                         _("The vault's records could not be read."));
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }
  adw_status_page_set_description (self->failed_page, NULL);
  if (status->credentials->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  on = cpv_day_format (status->on);
  /* TRANSLATORS: at the top of the overview, e.g. "Status on 2026-05-01" */
  on_text = g_strdup_printf (_("Status on %s"), on);
  gtk_label_set_label (self->on_label, on_text);

  for (guint i = 0; i < status->credentials->len; i++)
    {
      const CpvCredentialStatus *cs = g_ptr_array_index (status->credentials, i);
      g_autofree char *name = credential_name (self, cs->credential);

      gtk_flow_box_append (self->cards_box, cpv_credential_card_new (cs, status->on, name));
    }
  show_deadlines (self, status);
  show_findings (self, status);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
status_changed_cb (CpvOverviewPage *self,
                   CpvSession      *session)
{
  show_status (self);
}

static void
load_failed_cb (CpvOverviewPage *self,
                GError          *error,
                CpvSession      *session)
{
  /* A status computed afterwards replaces this page again ("status-changed"). */
  clear (self);
  adw_status_page_set_description (self->failed_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static void
retry_clicked_cb (CpvOverviewPage *self)
{
  if (self->session == NULL)
    return;
  adw_status_page_set_description (self->failed_page, NULL);
  cpv_session_reload (self->session);
  show_status (self);
}

static void
finding_activated_cb (CpvOverviewPage *self,
                      GtkListBoxRow   *row)
{
  const gint64 *activity_id = g_object_get_data (G_OBJECT (row), "activity-id");
  GtkRoot *root;

  if (activity_id == NULL)
    return;
  /* The activities page installs win.edit-activity; without it, at least show the list. */
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-activity", "x", *activity_id))
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (CPV_IS_WINDOW (root))
    cpv_window_show_page (CPV_WINDOW (root), "activities");
}

static void
cpv_overview_page_dispose (GObject *object)
{
  CpvOverviewPage *self = (CpvOverviewPage *) object;

  cpv_overview_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (cpv_overview_page_parent_class)->dispose (object);
}

static void
cpv_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CpvOverviewPage *self = CPV_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_overview_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CpvOverviewPage *self = CPV_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_overview_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_overview_page_class_init (CpvOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_overview_page_dispose;
  object_class->get_property = cpv_overview_page_get_property;
  object_class->set_property = cpv_overview_page_set_property;

  /**
   * CpvOverviewPage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  g_type_ensure (CPV_TYPE_CREDENTIAL_CARD);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, on_label);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, CpvOverviewPage, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);
}

static void
cpv_overview_page_init (CpvOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

CpvSession *
cpv_overview_page_get_session (CpvOverviewPage *self)
{
  g_return_val_if_fail (CPV_IS_OVERVIEW_PAGE (self), NULL);
  return self->session;
}

void
cpv_overview_page_set_session (CpvOverviewPage *self,
                               CpvSession      *session)
{
  g_return_if_fail (CPV_IS_OVERVIEW_PAGE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->status_changed_id, self->session);
      g_clear_signal_handler (&self->load_failed_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                          G_CALLBACK (status_changed_cb), self);
      self->load_failed_id = g_signal_connect_swapped (session, "load-failed",
                                                       G_CALLBACK (load_failed_cb), self);
    }
  /* In dispose the template children are already gone. */
  if (self->stack != NULL)
    show_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
