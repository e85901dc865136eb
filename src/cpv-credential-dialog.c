/* cpv-credential-dialog.c — add a credential held, or change its cycle dates
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-credential-dialog"

#include "config.h"

#include "cpv-credential-dialog.h"

#include <glib/gi18n.h>

#include "cpv-records.h"
#include "cpv-status-labels.h"
#include "cpv-window.h"

/* The program and credential come from the loaded program files; the dates are typed as
 * YYYY-MM-DD (or picked from a calendar) and checked while typing, so that Add only becomes
 * available once the core would accept the record. The core validates again when saving. */

struct _CpvCredentialDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwComboRow    *program_row;
  AdwComboRow    *code_row;
  AdwEntryRow    *start_row;
  AdwEntryRow    *end_row;
  AdwEntryRow    *since_row;
  GtkLabel       *message_label;

  CpvSession     *session;
  CpvCredential  *credential;      /* the one edited, or NULL when adding */
  GPtrArray      *programs;        /* of CpvProgram, as listed in program_row */
  GPtrArray      *codes;           /* of const CpvCredentialRules, as listed in code_row */
  gboolean        end_suggested;   /* the cycle end was filled in from the start */
  gboolean        filling_end;
  gboolean        valid;
};

G_DEFINE_FINAL_TYPE (CpvCredentialDialog, cpv_credential_dialog, ADW_TYPE_WINDOW)

static CpvProgram *
selected_program (CpvCredentialDialog *self)
{
  guint position = adw_combo_row_get_selected (self->program_row);

  if (self->programs == NULL || position >= self->programs->len)
    return NULL;
  return g_ptr_array_index (self->programs, position);
}

static const CpvCredentialRules *
selected_rules (CpvCredentialDialog *self)
{
  guint position = adw_combo_row_get_selected (self->code_row);

  if (self->codes == NULL || position >= self->codes->len)
    return NULL;
  return g_ptr_array_index (self->codes, position);
}

static const char *
program_id (CpvCredentialDialog *self)
{
  CpvProgram *program = selected_program (self);

  if (self->credential != NULL)
    return self->credential->program;
  return program != NULL ? cpv_program_get_id (program) : NULL;
}

static const char *
credential_code (CpvCredentialDialog *self)
{
  const CpvCredentialRules *rules = selected_rules (self);

  if (self->credential != NULL)
    return self->credential->code;
  return rules != NULL ? rules->code : NULL;
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Checks one date row. Returns FALSE when the text is not a date; an empty optional row is
 * fine. The row is marked only for text that is wrong, not for a row still empty. */
static gboolean
check_date_row (AdwEntryRow  *row,
                gboolean      required,
                CpvDay       *out_day,
                gboolean     *out_empty)
{
  const char *text = entry_text (row);
  gboolean ok;

  *out_day = 0;
  *out_empty = *text == '\0';
  if (*out_empty)
    ok = !required;
  else
    ok = cpv_date_is_valid_iso (text) && cpv_day_parse (text, out_day);

  if (!ok && !*out_empty)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static gboolean
already_held (CpvCredentialDialog *self,
              const char          *program,
              const char          *code)
{
  GListModel *credentials = cpv_session_get_credentials (self->session);
  guint n = g_list_model_get_n_items (credentials);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpvCredential) held = g_list_model_get_item (credentials, i);

      if (self->credential != NULL && held->id == self->credential->id)
        continue;
      if (g_strcmp0 (held->program, program) == 0 && g_strcmp0 (held->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
validate (CpvCredentialDialog *self)
{
  g_autofree char *message = NULL;
  const char *code = credential_code (self);
  CpvDay start, end, since;
  gboolean start_empty, end_empty, since_empty;
  gboolean start_ok = check_date_row (self->start_row, TRUE, &start, &start_empty);
  gboolean end_ok = check_date_row (self->end_row, TRUE, &end, &end_empty);
  gboolean since_ok = check_date_row (self->since_row, FALSE, &since, &since_empty);

  if (code == NULL)
    message = g_strdup (_("No credential program is loaded, so no credential can be added."));
  else if (already_held (self, program_id (self), code))
    message = g_strdup_printf (_("%s is already in the vault. Edit its cycle instead."), code);
  else if (!start_ok && !start_empty)
    message = g_strdup (_("Type the cycle start as YYYY-MM-DD, e.g. 2025-04-01."));
  else if (!end_ok && !end_empty)
    message = g_strdup (_("Type the cycle end as YYYY-MM-DD, e.g. 2028-03-31."));
  else if (!since_ok)
    message = g_strdup (_("Type the member-since date as YYYY-MM-DD, or leave it empty."));
  else if (start_ok && end_ok && end < start)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->end_row), "error");
      message = g_strdup (_("The cycle ends before it starts. Check both dates."));
    }

  self->valid = message == NULL && start_ok && end_ok && since_ok;
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->valid);
}

/* A cycle lasts the credential's cycle-years (from the program file): suggest its end from the
 * start until the end is typed by hand. */
static void
suggest_end (CpvCredentialDialog *self)
{
  const CpvCredentialRules *rules = self->credential == NULL ? selected_rules (self) : NULL;
  CpvDay start;
  g_autofree char *end = NULL;

  if (rules == NULL || rules->cycle_years <= 0)
    return;
  if (!self->end_suggested && *entry_text (self->end_row) != '\0')
    return;
  if (!cpv_date_is_valid_iso (entry_text (self->start_row)) ||
      !cpv_day_parse (entry_text (self->start_row), &start))
    return;
  end = cpv_day_format (cpv_day_add_days (cpv_day_add_years (start, rules->cycle_years), -1));
  self->filling_end = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  self->filling_end = FALSE;
  self->end_suggested = TRUE;
}

static char *
describe_rules (const CpvCredentialRules *rules)
{
  GString *text = g_string_new (cpv_translate_program_text (rules->name));

  for (guint i = 0; rules->links != NULL && i < rules->links->len; i++)
    {
      const CpvCredentialLink *link = g_ptr_array_index (rules->links, i);

      if (g_strcmp0 (link->kind, "counts-toward") != 0)
        continue;
      g_string_append (text, "\n");
      /* TRANSLATORS: ISC2 concentrations, e.g. "Counts toward CISSP when CISSP is held
       * (ISC2-CONC-1)" */
      g_string_append_printf (text, _("Counts toward %s when %s is held (%s)"), link->to,
                              link->to, link->rule != NULL ? link->rule : "");
    }
  return g_string_free (text, FALSE);
}

static void
date_changed_cb (CpvCredentialDialog *self)
{
  suggest_end (self);
  validate (self);
}

static void
end_changed_cb (CpvCredentialDialog *self)
{
  if (!self->filling_end)
    self->end_suggested = FALSE;
  validate (self);
}

static void
code_selected_cb (CpvCredentialDialog *self)
{
  const CpvCredentialRules *rules = selected_rules (self);
  g_autofree char *description = rules != NULL ? describe_rules (rules) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->code_row), description);
  suggest_end (self);
  validate (self);
}

static void
program_selected_cb (CpvCredentialDialog *self)
{
  CpvProgram *program = selected_program (self);
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = g_ptr_array_new ();
  if (program != NULL)
    {
      GPtrArray *credentials = cpv_program_get_credentials (program);

      for (guint i = 0; i < credentials->len; i++)
        {
          const CpvCredentialRules *rules = g_ptr_array_index (credentials, i);

          g_ptr_array_add (self->codes, (gpointer) rules);
          gtk_string_list_append (codes, rules->code);
        }
    }
  adw_combo_row_set_model (self->code_row, G_LIST_MODEL (codes));
  code_selected_cb (self);
}

static void
calendar_shown_cb (GtkPopover *popover,
                   GtkWidget  *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = entry_text (ADW_ENTRY_ROW (row));
  CpvDay day;
  int year, month, mday;
  g_autoptr(GDateTime) date = NULL;

  if (!cpv_date_is_valid_iso (text) || !cpv_day_parse (text, &day))
    return;
  cpv_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_utc (year, month, mday, 12, 0, 0);
  if (date != NULL)
    gtk_calendar_select_day (calendar, date);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkWidget   *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
add_calendar_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_shown_cb), row, 0);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb),
                           row, 0);
  adw_entry_row_add_suffix (row, button);
}

static void
save_clicked_cb (CpvCredentialDialog *self)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  const char *since = entry_text (self->since_row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  CpvVault *vault = cpv_session_get_vault (self->session);
  g_autofree char *done = NULL;
  gboolean saved;

  validate (self);
  if (!self->valid || vault == NULL)
    return;

  credential->program = g_strdup (program_id (self));
  credential->code = g_strdup (credential_code (self));
  credential->cycle_start = g_strdup (entry_text (self->start_row));
  credential->cycle_end = g_strdup (entry_text (self->end_row));
  credential->member_since = *since != '\0' ? g_strdup (since) : NULL;
  if (self->credential != NULL)
    {
      credential->id = self->credential->id;
      credential->created = g_strdup (self->credential->created);
    }

  saved = cpv_credential_validate (credential, &error);
  if (saved && self->credential != NULL)
    saved = cpv_vault_update_credential (vault, credential, &error);
  else if (saved)
    saved = cpv_vault_add_credential (vault, credential, &error) > 0;
  if (!saved)
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return;
    }

  done = g_strdup_printf (self->credential != NULL ? _("%s changed") : _("%s added"),
                          credential->code);
  if (CPV_IS_WINDOW (parent))
    cpv_window_add_toast (CPV_WINDOW (parent), adw_toast_new (done));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cpv_credential_dialog_dispose (GObject *object)
{
  CpvCredentialDialog *self = CPV_CREDENTIAL_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credential);
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_CREDENTIAL_DIALOG);

  G_OBJECT_CLASS (cpv_credential_dialog_parent_class)->dispose (object);
}

static void
cpv_credential_dialog_class_init (CpvCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_credential_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, program_row);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, program_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_credential_dialog_init (CpvCredentialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_calendar_button (self->start_row);
  add_calendar_button (self->end_row);
  add_calendar_button (self->since_row);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

static void
set_up (CpvCredentialDialog *self)
{
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  GPtrArray *programs = cpv_program_registry_get_programs (registry);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->programs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < programs->len; i++)
    {
      CpvProgram *program = g_ptr_array_index (programs, i);

      g_ptr_array_add (self->programs, g_object_ref (program));
      gtk_string_list_append (names, cpv_translate_program_text (cpv_program_get_name (program)));
    }
  adw_combo_row_set_model (self->program_row, G_LIST_MODEL (names));
  program_selected_cb (self);

  if (self->credential == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Credential"));
      adw_window_title_set_title (self->window_title, _("Add Credential"));
      gtk_button_set_label (self->save_button, _("_Add"));
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Credential"));
  adw_window_title_set_title (self->window_title, _("Edit Credential"));
  gtk_button_set_label (self->save_button, _("_Save"));
  cpv_credential_dialog_select (self, self->credential->program, self->credential->code);
  gtk_widget_set_sensitive (GTK_WIDGET (self->program_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), self->credential->cycle_start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), self->credential->cycle_end);
  gtk_editable_set_text (GTK_EDITABLE (self->since_row),
                         self->credential->member_since != NULL ? self->credential->member_since
                                                                : "");
  validate (self);
}

/**
 * cpv_credential_dialog_new:
 * @parent: the window
 * @session: the unlocked vault's session
 * @credential: (nullable): the credential to edit, or %NULL to add one
 *
 * Returns: (transfer none): a modal dialog, not shown yet; it destroys itself when done
 */
CpvCredentialDialog *
cpv_credential_dialog_new (GtkWindow     *parent,
                           CpvSession    *session,
                           CpvCredential *credential)
{
  CpvCredentialDialog *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);
  g_return_val_if_fail (credential == NULL || CPV_IS_CREDENTIAL (credential), NULL);

  self = g_object_new (CPV_TYPE_CREDENTIAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  if (credential != NULL)
    self->credential = g_object_ref (credential);
  set_up (self);
  return self;
}

/**
 * cpv_credential_dialog_get_valid:
 *
 * Returns: %TRUE when the form can be saved as it stands
 */
gboolean
cpv_credential_dialog_get_valid (CpvCredentialDialog *self)
{
  g_return_val_if_fail (CPV_IS_CREDENTIAL_DIALOG (self), FALSE);
  return self->valid;
}

/**
 * cpv_credential_dialog_get_message:
 *
 * Returns: (nullable): what is wrong with the form, as shown, or %NULL
 */
const char *
cpv_credential_dialog_get_message (CpvCredentialDialog *self)
{
  g_return_val_if_fail (CPV_IS_CREDENTIAL_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

/**
 * cpv_credential_dialog_select:
 * @program_id: e.g. "isc2"
 * @code: e.g. "CISSP"
 *
 * Selects a program and credential in the two lists, as a person would.
 *
 * Returns: %TRUE when both were found
 */
gboolean
cpv_credential_dialog_select (CpvCredentialDialog *self,
                              const char          *program_id,
                              const char          *code)
{
  g_return_val_if_fail (CPV_IS_CREDENTIAL_DIALOG (self), FALSE);

  for (guint i = 0; i < self->programs->len; i++)
    {
      if (g_strcmp0 (cpv_program_get_id (g_ptr_array_index (self->programs, i)), program_id))
        continue;
      if (adw_combo_row_get_selected (self->program_row) != i)
        adw_combo_row_set_selected (self->program_row, i);
      for (guint j = 0; j < self->codes->len; j++)
        {
          const CpvCredentialRules *rules = g_ptr_array_index (self->codes, j);

          if (g_strcmp0 (rules->code, code) != 0)
            continue;
          if (adw_combo_row_get_selected (self->code_row) != j)
            adw_combo_row_set_selected (self->code_row, j);
          else
            code_selected_cb (self);
          return TRUE;
        }
    }
  return FALSE;
}
