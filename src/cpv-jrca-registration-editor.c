/* cpv-jrca-registration-editor.c — enter or change the JRCA registration of a credential
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-registration-editor"

#include "config.h"

#include "cpv-jrca-registration-editor.h"

#include <glib/gi18n.h>

#include "cpv-jrca-store.h"
#include "cpv-window.h"

/* The grade (JRCA-GRADE-1, in JRCA's own Japanese terms), the registration number, the name
 * printed on the forms (氏名), the two
 * deadlines, the previous application dates, the other management systems in which the person
 * is a JRCA lead auditor, the re-upgrade flag and the expert-only settings. The application
 * window and the restoration limit the core derives from the next deadline are shown while
 * typing (JRCA-DATE-1/2). */

struct _CpvJrcaRegistrationEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkLabel       *message_label;
  AdwComboRow    *grade_row;
  AdwEntryRow    *number_row;
  AdwEntryRow    *applicant_name_row;
  AdwEntryRow    *maintenance_row;
  AdwEntryRow    *expiry_row;
  GtkLabel       *dates_label;
  AdwEntryRow    *previous_maintenance_row;
  AdwEntryRow    *previous_renewal_row;
  AdwEntryRow    *other_ms_row;
  GtkSwitch      *reupgrade_switch;
  AdwEntryRow    *downgrade_row;
  GtkSwitch      *expert_only_switch;
  AdwComboRow    *kept_grade_row;
  AdwEntryRow    *cpd_hours_row;

  CpvSession     *session;
  gint64          credential_id;
  gint64          registration_id;   /* 0 while adding */
  gboolean        filling;
  gboolean        save_tried;
};

G_DEFINE_FINAL_TYPE (CpvJrcaRegistrationEditor, cpv_jrca_registration_editor, ADW_TYPE_WINDOW)

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* An optional date row: FALSE (and the row marked) for text that is not a date. */
static gboolean
read_date (AdwEntryRow *row,
           CpvDay      *out_day)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));
  gboolean ok = *text == '\0' || (cpv_date_is_valid_iso (text) && cpv_day_parse (text, out_day));

  if (*text == '\0')
    *out_day = 0;
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static void
set_date (AdwEntryRow *row,
          CpvDay       day)
{
  g_autofree char *text = day != 0 ? cpv_day_format (day) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static CpvJrcaRegistration *
build_registration (CpvJrcaRegistrationEditor  *self,
                    char                      **message)
{
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autofree char *number = g_strstrip (g_strdup (entry_text (self->number_row)));
  g_autofree char *name = g_strstrip (g_strdup (entry_text (self->applicant_name_row)));
  g_autofree char *hours = g_strstrip (g_strdup (entry_text (self->cpd_hours_row)));
  g_auto(GStrv) parts = g_regex_split_simple ("[,、，\\s]+", entry_text (self->other_ms_row),
                                              0, 0);
  g_autoptr(GPtrArray) other_ms = g_ptr_array_new_with_free_func (g_free);
  gboolean dates_ok = TRUE;

  registration->id = self->registration_id;
  registration->credential_id = self->credential_id;
  registration->grade = (CpvJrcaGrade) adw_combo_row_get_selected (self->grade_row);
  registration->registration_number = *number != '\0' ? g_steal_pointer (&number) : NULL;
  registration->applicant_name = *name != '\0' ? g_steal_pointer (&name) : NULL;
  dates_ok &= read_date (self->maintenance_row, &registration->maintenance_deadline);
  dates_ok &= read_date (self->expiry_row, &registration->expiry_date);
  dates_ok &= read_date (self->previous_maintenance_row,
                         &registration->previous_maintenance_application);
  dates_ok &= read_date (self->previous_renewal_row, &registration->previous_renewal_application);
  dates_ok &= read_date (self->downgrade_row, &registration->downgrade_date);
  registration->reupgrade = gtk_switch_get_active (self->reupgrade_switch);
  registration->expert_only = registration->grade == CPV_JRCA_GRADE_EXPERT &&
                              gtk_switch_get_active (self->expert_only_switch);
  registration->expert_kept_grade =
    (CpvJrcaGrade) adw_combo_row_get_selected (self->kept_grade_row);

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (other_ms, g_ascii_strup (parts[i], -1));
  g_ptr_array_add (other_ms, NULL);
  registration->other_lead_ms = (GStrv) g_ptr_array_free (g_steal_pointer (&other_ms), FALSE);

  registration->cpd_hours_required = -1;
  if (*hours != '\0')
    {
      char *end = NULL;
      double value = g_ascii_strtod (hours, &end);

      if (end == NULL || *end != '\0' || value < 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->cpd_hours_row), "error");
          *message = g_strdup (_("Type the yearly CPD hours as a number, e.g. 10, or leave "
                                 "them empty."));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->cpd_hours_row), "error");
          registration->cpd_hours_required = value;
        }
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cpd_hours_row), "error");

  if (*message == NULL && !dates_ok)
    *message = g_strdup (_("Type dates as YYYY-MM-DD, e.g. 2026-03-31, or leave them empty."));
  else if (*message == NULL && registration->maintenance_deadline == 0 &&
           registration->expiry_date == 0)
    *message = g_strdup (_("Enter the maintenance deadline and the expiry date from your JRCA "
                           "auditor card."));
  else if (*message == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cpv_jrca_registration_validate (registration, &error))
        *message = g_strdup (error->message);
    }
  return g_steal_pointer (&registration);
}

static void
update (CpvJrcaRegistrationEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  CpvJrcaProcedure procedure;
  CpvDay due;
  gboolean expert;

  if (self->filling)
    return;
  registration = build_registration (self, &message);

  expert = registration->grade == CPV_JRCA_GRADE_EXPERT;
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->expert_only_switch),
                                                     ADW_TYPE_ACTION_ROW), expert);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_grade_row),
                          expert && !registration->expert_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->downgrade_row), registration->reupgrade);

  /* JRCA-DATE-1/2 from the core */
  procedure = cpv_jrca_next_procedure (registration, &due);
  if (procedure == CPV_JRCA_PROCEDURE_NONE)
    gtk_label_set_label (self->dates_label, "");
  else
    {
      g_autofree char *due_text = cpv_day_format (due);
      g_autofree char *opens = cpv_day_format (cpv_jrca_application_window_opens (due));
      g_autofree char *limit = cpv_day_format (cpv_jrca_restoration_limit (due, FALSE));
      g_autofree char *extended = cpv_day_format (cpv_jrca_restoration_limit (due, TRUE));
      g_autofree char *text = NULL;

      if (procedure == CPV_JRCA_PROCEDURE_RENEWAL)
        /* TRANSLATORS: JRCA-DATE-1/2; dates are YYYY-MM-DD */
        text = g_strdup_printf (_("Next: renewal, due %s. Applications from %s; restoration "
                                  "limit %s, or %s with a documented unavoidable reason."),
                                due_text, opens, limit, extended);
      else
        /* TRANSLATORS: JRCA-DATE-1/2; dates are YYYY-MM-DD */
        text = g_strdup_printf (_("Next: maintenance, due %s. Applications from %s; "
                                  "restoration limit %s, or %s with a documented unavoidable "
                                  "reason."),
                                due_text, opens, limit, extended);
      gtk_label_set_label (self->dates_label, text);
    }

  if (!self->save_tried && self->registration_id == 0)
    g_clear_pointer (&message, g_free);
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                    ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static void
changed_cb (CpvJrcaRegistrationEditor *self)
{
  update (self);
}

static void
save_clicked_cb (CpvJrcaRegistrationEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaRegistration) registration = build_registration (self, &message);
  g_autoptr(GError) error = NULL;
  CpvVault *vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean saved;

  self->save_tried = TRUE;
  if (message == NULL && vault == NULL)
    message = g_strdup (_("The vault is locked. Unlock it and enter the record again."));
  if (message != NULL)
    {
      gtk_label_set_label (self->message_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                        ADW_TYPE_PREFERENCES_GROUP),
                              TRUE);
      return;
    }

  if (self->registration_id == 0)
    saved = cpv_vault_add_jrca_registration (vault, registration, &error) > 0;
  else
    saved = cpv_vault_update_jrca_registration (vault, registration, &error);
  if (!saved)
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                        ADW_TYPE_PREFERENCES_GROUP),
                              TRUE);
      return;
    }

  if (CPV_IS_WINDOW (parent))
    cpv_window_add_toast (CPV_WINDOW (parent), adw_toast_new (_("Registration saved")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill (CpvJrcaRegistrationEditor *self,
      const CpvJrcaRegistration *registration)
{
  g_autofree char *other_ms = registration->other_lead_ms != NULL
                                ? g_strjoinv (", ", registration->other_lead_ms)
                                : g_strdup ("");

  self->filling = TRUE;
  adw_combo_row_set_selected (self->grade_row, registration->grade);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row),
                         registration->registration_number != NULL
                           ? registration->registration_number : "");
  gtk_editable_set_text (GTK_EDITABLE (self->applicant_name_row),
                         registration->applicant_name != NULL ? registration->applicant_name
                                                              : "");
  set_date (self->maintenance_row, registration->maintenance_deadline);
  set_date (self->expiry_row, registration->expiry_date);
  set_date (self->previous_maintenance_row, registration->previous_maintenance_application);
  set_date (self->previous_renewal_row, registration->previous_renewal_application);
  gtk_editable_set_text (GTK_EDITABLE (self->other_ms_row), other_ms);
  gtk_switch_set_active (self->reupgrade_switch, registration->reupgrade);
  set_date (self->downgrade_row, registration->downgrade_date);
  gtk_switch_set_active (self->expert_only_switch, registration->expert_only);
  if (registration->expert_kept_grade < CPV_JRCA_GRADE_EXPERT)
    adw_combo_row_set_selected (self->kept_grade_row, registration->expert_kept_grade);
  if (registration->cpd_hours_required >= 0)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buffer, sizeof buffer, "%g", registration->cpd_hours_required);
      gtk_editable_set_text (GTK_EDITABLE (self->cpd_hours_row), buffer);
    }
  self->filling = FALSE;
}

static void
cpv_jrca_registration_editor_dispose (GObject *object)
{
  CpvJrcaRegistrationEditor *self = CPV_JRCA_REGISTRATION_EDITOR (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_REGISTRATION_EDITOR);

  G_OBJECT_CLASS (cpv_jrca_registration_editor_parent_class)->dispose (object);
}

static void
cpv_jrca_registration_editor_class_init (CpvJrcaRegistrationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_registration_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-registration-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, grade_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor,
                                        applicant_name_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, maintenance_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, dates_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor,
                                        previous_maintenance_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor,
                                        previous_renewal_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, other_ms_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor,
                                        reupgrade_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, downgrade_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor,
                                        expert_only_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, kept_grade_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaRegistrationEditor, cpd_hours_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_jrca_registration_editor_init (CpvJrcaRegistrationEditor *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

/**
 * cpv_jrca_registration_editor_new:
 * @registration: (nullable): the registration to change, or %NULL to enter one
 *
 * Returns: (transfer full): the editor, not yet shown
 */
CpvJrcaRegistrationEditor *
cpv_jrca_registration_editor_new (GtkWindow                 *parent,
                                  CpvSession                *session,
                                  gint64                     credential_id,
                                  const CpvJrcaRegistration *registration)
{
  CpvJrcaRegistrationEditor *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_JRCA_REGISTRATION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->credential_id = credential_id;
  if (registration != NULL)
    {
      self->registration_id = registration->id;
      fill (self, registration);
    }
  else
    {
      self->filling = TRUE;
      adw_combo_row_set_selected (self->grade_row, CPV_JRCA_GRADE_AUDITOR);
      self->filling = FALSE;
    }
  adw_window_title_set_title (self->window_title, _("JRCA Registration"));
  update (self);
  return self;
}

/**
 * cpv_jrca_registration_editor_get_message:
 *
 * Returns: (nullable): what has to be fixed before the registration can be saved
 */
const char *
cpv_jrca_registration_editor_get_message (CpvJrcaRegistrationEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_REGISTRATION_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label) : NULL;
}
