/* cpv-credentials-page.c — the credentials you hold and their cycles
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-credentials-page"

#include "config.h"

#include "cpv-credentials-page.h"

#include <glib/gi18n.h>

#include "cpv-credential-dialog.h"
#include "cpv-records.h"
#include "cpv-status-labels.h"
#include "cpv-window.h"

/* The list is the session's credentials model; each row also shows the credential's state
 * from the session's status, so the rows are made again whenever the status changes. Adding
 * and editing happen in a CpvCredentialDialog, removing after an AdwMessageDialog that says
 * what happens to the credit lines. */

struct _CpvCredentialsPage
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkListBox *list;

  CpvSession *session;
  GtkWindow  *dialog;            /* weak: the add/edit or remove dialog while it is open */
  gulong      status_changed_id;
  gulong      items_changed_id;
};

G_DEFINE_FINAL_TYPE (CpvCredentialsPage, cpv_credentials_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static GtkWindow *
parent_window (CpvCredentialsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (CpvCredentialsPage *self,
       const char         *text)
{
  GtkWindow *window = parent_window (self);

  if (CPV_IS_WINDOW (window))
    cpv_window_add_toast (CPV_WINDOW (window), adw_toast_new (text));
}

/* Lines under the title: program and name, cycle, and for a concentration the link to the
 * credential it counts toward (ISC2-CONC-1), said differently when that one is held. */
static char *
describe (CpvCredentialsPage *self,
          CpvCredential      *credential)
{
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  CpvProgram *program = NULL;
  const CpvCredentialRules *rules;
  GString *text = g_string_new (NULL);

  rules = cpv_program_registry_lookup_credential (registry, credential->program,
                                                  credential->code, &program);
  if (rules != NULL)
    g_string_append_printf (text, "%s · %s\n",
                            cpv_translate_program_text (cpv_program_get_name (program)),
                            cpv_translate_program_text (rules->name));
  else
    g_string_append_printf (text, _("%s · not in the loaded programs\n"), credential->program);

  /* TRANSLATORS: "Cycle 2024-01-01 to 2026-12-31" */
  g_string_append_printf (text, _("Cycle %s to %s"), credential->cycle_start,
                          credential->cycle_end);
  if (credential->member_since != NULL)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("member since %s"), credential->member_since);
    }

  for (guint i = 0; rules != NULL && rules->links != NULL && i < rules->links->len; i++)
    {
      const CpvCredentialLink *link = g_ptr_array_index (rules->links, i);
      GListModel *credentials = cpv_session_get_credentials (self->session);
      gboolean held = FALSE;

      if (g_strcmp0 (link->kind, "counts-toward") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (credentials) && !held; j++)
        {
          g_autoptr(CpvCredential) other = g_list_model_get_item (credentials, j);

          held = g_strcmp0 (other->program, credential->program) == 0 &&
                 g_strcmp0 (other->code, link->to) == 0 &&
                 cpv_program_registry_credential_held_on (registry, other, cpv_day_today ());
        }
      g_string_append_c (text, '\n');
      if (held)
        /* TRANSLATORS: "Counts toward CISSP, which you hold (ISC2-CONC-1)" */
        g_string_append_printf (text, _("Counts toward %s, which you hold (%s)"), link->to,
                                link->rule != NULL ? link->rule : "");
      else
        g_string_append_printf (text, _("Counts toward %s when %s is held (%s)"), link->to,
                                link->to, link->rule != NULL ? link->rule : "");
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CpvCredentialsPage *self = user_data;
  CpvCredential *credential = item;
  CpvStatus *status = cpv_session_get_status (self->session);
  const CpvCredentialStatus *cs = status != NULL ? cpv_status_lookup (status, credential->id)
                                                 : NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = describe (self, credential);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credential->code);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "credential-row");

  if (cs != NULL)
    {
      GtkWidget *state = gtk_label_new (cpv_state_label (cs->state));

      gtk_widget_add_css_class (state, "state-chip");
      gtk_widget_add_css_class (state, cpv_state_style_class (cs->state));
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
    }

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "credentials.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "x", credential->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "credentials.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", credential->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "credential-id",
                          g_memdup2 (&credential->id, sizeof (gint64)), g_free);
  return row;
}

static void
refresh (CpvCredentialsPage *self)
{
  GListModel *credentials = self->session != NULL ? cpv_session_get_credentials (self->session)
                                                  : NULL;

  /* Binding again makes every row again, with the current status. */
  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  if (credentials != NULL)
    gtk_list_box_bind_model (self->list, credentials, create_row_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->stack,
                                    credentials != NULL &&
                                    g_list_model_get_n_items (credentials) > 0 ? "list"
                                                                               : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.add", self->session != NULL);
}

static void
status_changed_cb (CpvCredentialsPage *self)
{
  refresh (self);
}

static void
items_changed_cb (CpvCredentialsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (cpv_session_get_credentials (self->session)) > 0
                                      ? "list" : "empty");
}

/* One dialog at a time; locking the vault closes it (see set_session). */
static void
track_dialog (CpvCredentialsPage *self,
              GtkWindow          *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
}

static void
open_dialog (CpvCredentialsPage *self,
             CpvCredential      *credential)
{
  CpvCredentialDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = cpv_credential_dialog_new (parent_window (self), self->session, credential);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (CpvCredentialsPage *self,
                  GtkListBoxRow      *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "credential-id");

  if (id != NULL && self->session != NULL)
    open_dialog (self, cpv_session_find_credential (self->session, *id));
}

static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  open_dialog (CPV_CREDENTIALS_PAGE (widget), NULL);
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  CpvCredentialsPage *self = CPV_CREDENTIALS_PAGE (widget);
  CpvCredential *credential;

  if (self->session == NULL)
    return;
  credential = cpv_session_find_credential (self->session, g_variant_get_int64 (parameter));
  if (credential != NULL)
    open_dialog (self, credential);
}

static guint
count_activities_toward (CpvCredentialsPage *self,
                         gint64              credential_id)
{
  GListModel *activities = cpv_session_get_activities (self->session);
  guint n = g_list_model_get_n_items (activities);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpvActivity) activity = g_list_model_get_item (activities, i);

      for (guint j = 0; activity->credit_lines != NULL && j < activity->credit_lines->len; j++)
        if (g_array_index (activity->credit_lines, CpvCreditLine, j).credential_id ==
            credential_id)
          {
            count++;
            break;
          }
    }
  return count;
}

static void
remove_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CpvCredentialsPage *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "credential-id");
  const char *code = g_object_get_data (G_OBJECT (dialog), "credential-code");
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->session == NULL ||
      cpv_session_get_vault (self->session) == NULL)
    return;
  if (!cpv_vault_remove_credential (cpv_session_get_vault (self->session), *id, &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_("%s removed"), code);
  toast (self, done);
}

static void
remove_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CpvCredentialsPage *self = CPV_CREDENTIALS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CpvCredential *credential;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_activities;

  if (self->session == NULL)
    return;
  credential = cpv_session_find_credential (self->session, id);
  if (credential == NULL)
    return;

  n_activities = count_activities_toward (self, id);
  heading = g_strdup_printf (_("Remove %s?"), credential->code);
  if (n_activities > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u activity counts toward %s. Its credit line for %s "
                                         "is removed; the activity and its evidence stay in the "
                                         "vault and keep counting toward your other "
                                         "credentials.",
                                         "%u activities count toward %s. Their credit lines for "
                                         "%s are removed; the activities and their evidence stay "
                                         "in the vault and keep counting toward your other "
                                         "credentials.",
                                         n_activities),
                            n_activities, credential->code, credential->code);
  else
    body = g_strdup_printf (_("No activity counts toward %s yet. Only its cycle dates are "
                              "removed."), credential->code);

  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "credential-id", g_memdup2 (&id, sizeof id),
                          g_free);
  g_object_set_data_full (G_OBJECT (dialog), "credential-code", g_strdup (credential->code),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cpv_credentials_page_dispose (GObject *object)
{
  CpvCredentialsPage *self = (CpvCredentialsPage *) object;

  cpv_credentials_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_CREDENTIALS_PAGE);

  G_OBJECT_CLASS (cpv_credentials_page_parent_class)->dispose (object);
}

static void
cpv_credentials_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CpvCredentialsPage *self = CPV_CREDENTIALS_PAGE (object);

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
cpv_credentials_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CpvCredentialsPage *self = CPV_CREDENTIALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_credentials_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_credentials_page_class_init (CpvCredentialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_credentials_page_dispose;
  object_class->get_property = cpv_credentials_page_get_property;
  object_class->set_property = cpv_credentials_page_set_property;

  /**
   * CpvCredentialsPage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "credentialspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-credentials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "credentials.add", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "credentials.edit", "x", edit_cb);
  gtk_widget_class_install_action (widget_class, "credentials.remove", "x", remove_cb);
}

static void
cpv_credentials_page_init (CpvCredentialsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

CpvSession *
cpv_credentials_page_get_session (CpvCredentialsPage *self)
{
  g_return_val_if_fail (CPV_IS_CREDENTIALS_PAGE (self), NULL);
  return self->session;
}

void
cpv_credentials_page_set_session (CpvCredentialsPage *self,
                                  CpvSession         *session)
{
  g_return_if_fail (CPV_IS_CREDENTIALS_PAGE (self));

  if (self->session == session)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_destroy (self->dialog);
      g_clear_weak_pointer (&self->dialog);
    }
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->status_changed_id, self->session);
      g_clear_signal_handler (&self->items_changed_id,
                              cpv_session_get_credentials (self->session));
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                          G_CALLBACK (status_changed_cb), self);
      self->items_changed_id = g_signal_connect_swapped (cpv_session_get_credentials (session),
                                                         "items-changed",
                                                         G_CALLBACK (items_changed_cb), self);
    }
  if (self->stack != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
