/* cpv-jrca-audit-editor.c — add or change a JRCA audit record (form 5A)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-audit-editor"

#include "config.h"

#include "cpv-jrca-audit-editor.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cpv-jrca-files.h"
#include "cpv-jrca-store.h"
#include "cpv-window.h"

/* Every field of form 5A (RULES.md 2.3). The on-site days are a list of (date, ISMS hours);
 * each day shows the day arithmetic of JRCA-DAYS-1 as the core computes it, and the total
 * follows while typing. The on-site start and end are the first and last day entered. The
 * record is built from the fields and checked by the core on every change; Save stays
 * available and the core validates again when saving.
 *
 * The record's files (form 5A, schedules, the report …) are attached in the Evidence Files
 * group once the record is stored; linking a file sets the record's flag in the vault, and the
 * switches below follow at once. */

struct _CpvJrcaAuditEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkLabel       *message_label;
  AdwEntryRow    *organisation_row;
  AdwEntryRow    *organisation_id_row;
  AdwEntryRow    *body_row;
  GtkSwitch      *iaf_switch;
  AdwEntryRow    *ms_row;
  AdwEntryRow    *audit_type_row;
  GtkListBox     *days_list;
  GtkLabel       *days_total_label;
  GtkSwitch      *combined_switch;
  AdwComboRow    *role_row;
  GtkLabel       *observer_label;
  AdwEntryRow    *team_leader_row;
  AdwComboRow    *team_lead_row;
  AdwEntryRow    *team_lead_number_row;
  AdwEntryRow    *team_lead_name_row;
  GtkSwitch      *scope_switch;
  GtkSwitch      *review_switch;
  GtkSwitch      *risk_switch;
  GtkSwitch      *implementation_switch;
  GtkSwitch      *report_switch;
  GtkLabel       *roles_label;
  GtkSwitch      *attested_org_switch;
  GtkSwitch      *attested_body_switch;
  GtkSwitch      *schedule_switch;
  GtkSwitch      *report_copy_switch;
  GtkSwitch      *form_3a_switch;
  GtkSwitch      *masked_switch;
  AdwEntryRow    *contact_row;
  GtkLabel       *evidence_label;
  CpvJrcaFiles   *files_group;

  CpvSession     *session;
  gint64          credential_id;
  gint64          audit_id;        /* 0 while adding */
  double          days;
  char           *days_text;
  gboolean        filling;
  gboolean        save_tried;      /* say what is missing only once Save was pressed */
};

G_DEFINE_FINAL_TYPE (CpvJrcaAuditEditor, cpv_jrca_audit_editor, ADW_TYPE_WINDOW)

/* One on-site day: a row with the date, the hours and the arithmetic. */
typedef struct
{
  GtkEntry      *date_entry;
  GtkSpinButton *hours_spin;
  GtkLabel      *arithmetic_label;
} DayRow;

static void update (CpvJrcaAuditEditor *self);

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
entry_dup (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Hours as people write them: "7", "3.5", "2.25". */
static char *
format_hours (double hours)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", hours);
  /* Drop trailing zeros: 3.50 -> 3.5, 7.00 -> 7 */
  for (char *end = buffer + strlen (buffer) - 1; end > buffer && *end == '0'; end--)
    *end = '\0';
  if (buffer[strlen (buffer) - 1] == '.')
    buffer[strlen (buffer) - 1] = '\0';
  return g_strdup (buffer);
}

static char *
format_tenths (guint tenths)
{
  return g_strdup_printf ("%u.%u", tenths / 10, tenths % 10);
}

static DayRow *
day_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "cpv-day-row");
}

/* The arithmetic of one day, JRCA-DAYS-1, with the credit from the core. */
static char *
describe_day (double hours)
{
  g_autofree char *hours_text = format_hours (hours);
  g_autofree char *credit = format_tenths (cpv_jrca_day_tenths (hours));

  if (cpv_jrca_day_tenths (hours) >= 10)
    /* TRANSLATORS: JRCA-DAYS-1 for a full day, e.g. "7 h ≥ 6 h → 1.0 day" */
    return g_strdup_printf (_("%s h ≥ 6 h → %s day"), hours_text, credit);
  else
    {
      /* hours ÷ 6 as shown on the form, cut (not rounded) to two decimals */
      double ratio = floor (hours / 6.0 * 100.0 + 1e-9) / 100.0;
      g_autofree char *ratio_text = g_strdup_printf ("%.2f", ratio);

      /* TRANSLATORS: JRCA-DAYS-1 for a short day, e.g. "3.5 h ÷ 6 = 0.58 → 0.5 day" */
      return g_strdup_printf (_("%s h ÷ 6 = %s → %s day"), hours_text, ratio_text, credit);
    }
}

static gboolean
parse_day_entry (GtkEntry *entry,
                 CpvDay   *out_day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *out_day = 0;
  return cpv_date_is_valid_iso (text) && cpv_day_parse (text, out_day);
}

/* The record as the fields say. Returns FALSE with @message set for a field a person has to
 * fix before the core could accept it. */
static CpvJrcaAudit *
build_audit (CpvJrcaAuditEditor  *self,
             char               **message)
{
  g_autoptr(CpvJrcaAudit) audit = cpv_jrca_audit_new ();
  guint roles = 0;

  audit->id = self->audit_id;
  audit->credential_id = self->credential_id;
  audit->organisation = entry_dup (self->organisation_row);
  audit->organisation_id = entry_dup (self->organisation_id_row);
  audit->certification_body = entry_dup (self->body_row);
  audit->body_iaf_accredited = gtk_switch_get_active (self->iaf_switch);
  audit->management_system = entry_dup (self->ms_row);
  audit->audit_type = entry_dup (self->audit_type_row);
  audit->combined = gtk_switch_get_active (self->combined_switch);
  audit->role = (CpvJrcaRole) adw_combo_row_get_selected (self->role_row);
  audit->team_leader_name = entry_dup (self->team_leader_row);
  audit->team_lead = (CpvJrcaTeamLead) adw_combo_row_get_selected (self->team_lead_row);
  audit->team_lead_number = entry_dup (self->team_lead_number_row);
  audit->team_lead_name = entry_dup (self->team_lead_name_row);
  audit->attested_by_org = gtk_switch_get_active (self->attested_org_switch);
  audit->attested_by_body = gtk_switch_get_active (self->attested_body_switch);
  audit->has_schedule = gtk_switch_get_active (self->schedule_switch);
  audit->has_report = gtk_switch_get_active (self->report_copy_switch);
  audit->has_form_3a = gtk_switch_get_active (self->form_3a_switch);
  audit->masked = gtk_switch_get_active (self->masked_switch);
  audit->contact = entry_dup (self->contact_row);

  if (gtk_switch_get_active (self->scope_switch))
    roles |= CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN;
  if (gtk_switch_get_active (self->review_switch))
    roles |= CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW;
  if (gtk_switch_get_active (self->risk_switch))
    roles |= CPV_JRCA_ISMS_ROLE_RISK_ASSESSMENT;
  if (gtk_switch_get_active (self->implementation_switch))
    roles |= CPV_JRCA_ISMS_ROLE_IMPLEMENTATION_EVAL;
  if (gtk_switch_get_active (self->report_switch))
    roles |= CPV_JRCA_ISMS_ROLE_AUDIT_REPORT;
  audit->isms_roles = roles;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->days_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DayRow *day = day_row (row);
      CpvDay date;

      if (day == NULL)
        continue;
      if (!parse_day_entry (day->date_entry, &date))
        {
          gtk_widget_add_css_class (GTK_WIDGET (day->date_entry), "error");
          if (*message == NULL)
            *message = g_strdup (_("Type each on-site day as YYYY-MM-DD, e.g. 2025-06-12."));
          continue;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (day->date_entry), "error");
      cpv_jrca_audit_add_day (audit, date, gtk_spin_button_get_value (day->hours_spin));
      if (audit->onsite_start == 0 || date < audit->onsite_start)
        audit->onsite_start = date;
      if (date > audit->onsite_end)
        audit->onsite_end = date;
    }

  if (*message == NULL && audit->organisation == NULL)
    *message = g_strdup (_("Enter the audited organisation, with a name that shows the scope."));
  else if (*message == NULL && audit->days->len == 0)
    *message = g_strdup (_("Add the on-site days with their ISMS audit hours."));
  else if (*message == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cpv_jrca_audit_validate (audit, &error))
        *message = g_strdup (error->message);
    }
  return g_steal_pointer (&audit);
}

static void
update (CpvJrcaAuditEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaAudit) audit = NULL;
  g_autoptr(GString) hours_sum = g_string_new (NULL);
  g_autoptr(GString) credit_sum = g_string_new (NULL);
  g_autofree char *days_value = NULL;
  g_autoptr(GString) evidence = g_string_new (NULL);
  gboolean leader;

  if (self->filling)
    return;

  audit = build_audit (self, &message);

  /* Each day's arithmetic, and the sum. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->days_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DayRow *day = day_row (row);
      double hours;
      g_autofree char *text = NULL;
      g_autofree char *hours_text = NULL;
      g_autofree char *credit_text = NULL;

      if (day == NULL)
        continue;
      hours = gtk_spin_button_get_value (day->hours_spin);
      text = describe_day (hours);
      gtk_label_set_label (day->arithmetic_label, text);
      hours_text = format_hours (hours);
      credit_text = format_tenths (cpv_jrca_day_tenths (hours));
      if (hours_sum->len > 0)
        {
          g_string_append (hours_sum, " + ");
          g_string_append (credit_sum, " + ");
        }
      /* TRANSLATORS: hours of one audit day in a sum, e.g. "7 h" */
      g_string_append_printf (hours_sum, _("%s h"), hours_text);
      g_string_append (credit_sum, credit_text);
    }

  self->days = cpv_jrca_audit_days (audit);
  days_value = g_strdup_printf ("%.1f", self->days);
  g_clear_pointer (&self->days_text, g_free);
  if (audit->days->len == 0)
    self->days_text = g_strdup (_("No on-site day entered yet."));
  else
    /* TRANSLATORS: JRCA-DAYS-1, e.g. "7 h + 3.5 h → 1.0 + 0.5 = 1.5 days on site" */
    self->days_text = g_strdup_printf (_("%s → %s = %s days on site"), hours_sum->str,
                                       credit_sum->str, days_value);
  gtk_label_set_label (self->days_total_label, self->days_text);

  /* JRCA-OBS-1 */
  if (audit->role == CPV_JRCA_ROLE_OBSERVER)
    gtk_label_set_label (self->observer_label,
                         _("Taking part as an observer never counts as an audit record "
                           "(JRCA-OBS-1). The record is kept for your own notes."));
  gtk_widget_set_visible (GTK_WIDGET (self->observer_label),
                          audit->role == CPV_JRCA_ROLE_OBSERVER);

  leader = audit->role == CPV_JRCA_ROLE_LEADER;
  gtk_widget_set_visible (GTK_WIDGET (self->team_leader_row), !leader);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_lead_number_row),
                            audit->team_lead == CPV_JRCA_TEAM_LEAD_OTHER);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_lead_name_row),
                            audit->team_lead == CPV_JRCA_TEAM_LEAD_OTHER);

  /* Form 5C's mark */
  if (audit->role == CPV_JRCA_ROLE_OBSERVER)
    gtk_label_set_label (self->roles_label, "");
  else if (cpv_jrca_audit_all_isms_roles (audit))
    gtk_label_set_label (self->roles_label,
                         _("Every ISMS-specific role of your role was performed: form 5C "
                           "marks this record."));
  else if (leader)
    gtk_label_set_label (self->roles_label,
                         _("A leader record is marked on form 5C when all five roles were "
                           "performed."));
  else
    gtk_label_set_label (self->roles_label,
                         _("A member record is marked on form 5C when document review, risk "
                           "assessment, evaluation of the implementation and the audit report "
                           "were all performed."));

  /* RULES.md 2.3: what the core takes as complete evidence */
  if (cpv_jrca_audit_has_evidence (audit))
    g_string_append (evidence, _("The evidence of this record is complete."));
  else
    {
      g_string_append (evidence, _("Evidence still missing:"));
      if (!audit->attested_by_org)
        {
          g_string_append (evidence, "\n• ");
          g_string_append (evidence, _("the organisation's attestation"));
        }
      if (!audit->has_schedule)
        {
          g_string_append (evidence, "\n• ");
          g_string_append (evidence, _("the audit schedule for each day"));
        }
      if (!audit->body_iaf_accredited && !audit->has_report)
        {
          g_string_append (evidence, "\n• ");
          g_string_append (evidence,
                           _("a copy of the audit report (the body is not accredited by an "
                             "IAF member)"));
        }
    }
  gtk_label_set_label (self->evidence_label, evidence->str);

  if (!self->save_tried && self->audit_id == 0)
    g_clear_pointer (&message, g_free);
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                    ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static void
changed_cb (CpvJrcaAuditEditor *self)
{
  update (self);
}

/* Linking a file set the record's flag in the vault (never cleared by unlinking): show what
 * is stored now, keeping the rest of the form as typed. */
/* Save waits while a file is stored: the link sets a flag that Save would write back. */
static void
files_busy_cb (CpvJrcaAuditEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            !cpv_jrca_files_get_busy (self->files_group));
}

static void
files_changed_cb (CpvJrcaAuditEditor *self)
{
  CpvVault *vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  g_autoptr(CpvJrcaAudit) stored = NULL;

  if (vault == NULL || self->audit_id == 0)
    return;
  stored = cpv_vault_get_jrca_audit (vault, self->audit_id, NULL);
  if (stored == NULL)
    return;
  if (stored->attested_by_org)
    gtk_switch_set_active (self->attested_org_switch, TRUE);
  if (stored->has_schedule)
    gtk_switch_set_active (self->schedule_switch, TRUE);
  if (stored->has_report)
    gtk_switch_set_active (self->report_copy_switch, TRUE);
  if (stored->has_form_3a)
    gtk_switch_set_active (self->form_3a_switch, TRUE);
  update (self);
}

static void
remove_day_clicked_cb (GtkButton *button,
                       GtkWidget *row)
{
  CpvJrcaAuditEditor *self = CPV_JRCA_AUDIT_EDITOR (gtk_widget_get_root (row));

  gtk_list_box_remove (self->days_list, row);
  update (self);
}

static GtkWidget *
append_day_row (CpvJrcaAuditEditor *self,
                CpvDay              date,
                double              hours)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *hours_label = gtk_label_new (_("h"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  DayRow *day = g_new0 (DayRow, 1);
  g_autofree char *date_text = date != 0 ? cpv_day_format (date) : NULL;

  day->date_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (day->date_entry, _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (day->date_entry), 11);
  gtk_widget_set_hexpand (GTK_WIDGET (day->date_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (day->date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("On-site day"), -1);
  if (date_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (day->date_entry), date_text);

  day->hours_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 24, 0.25));
  gtk_spin_button_set_digits (day->hours_spin, 2);
  gtk_spin_button_set_value (day->hours_spin, hours);
  gtk_accessible_update_property (GTK_ACCESSIBLE (day->hours_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("ISMS audit hours"), -1);

  day->arithmetic_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (day->arithmetic_label, 0);
  gtk_label_set_wrap (day->arithmetic_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (day->arithmetic_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (day->arithmetic_label), "numeric");

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Day"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (hours_label, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (day->date_entry));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (day->hours_spin));
  gtk_box_append (GTK_BOX (line), hours_label);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (day->arithmetic_label));
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "cpv-day-row", day, g_free);

  g_signal_connect_swapped (day->date_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (day->hours_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_day_clicked_cb), row);

  gtk_list_box_append (self->days_list, row);
  return row;
}

/* A new day follows the last one entered, with a full day's hours. */
static void
add_day_clicked_cb (CpvJrcaAuditEditor *self)
{
  CpvDay last = 0;
  GtkWidget *row;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->days_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CpvDay date;

      if (day_row (row) != NULL && parse_day_entry (day_row (row)->date_entry, &date))
        last = MAX (last, date);
    }
  row = append_day_row (self, last != 0 ? cpv_day_add_days (last, 1) : 0, 6.0);
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (day_row (row)->date_entry));
}

static void
save_clicked_cb (CpvJrcaAuditEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaAudit) audit = build_audit (self, &message);
  g_autoptr(GError) error = NULL;
  CpvVault *vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean saved;

  if (cpv_jrca_files_get_busy (self->files_group))
    return;
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

  if (self->audit_id == 0)
    saved = cpv_vault_add_jrca_audit (vault, audit, &error) > 0;
  else
    saved = cpv_vault_update_jrca_audit (vault, audit, &error);
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
    cpv_window_add_toast (CPV_WINDOW (parent),
                          adw_toast_new (self->audit_id == 0 ? _("Audit record added")
                                                             : _("Audit record saved")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill (CpvJrcaAuditEditor *self,
      const CpvJrcaAudit *audit)
{
  self->filling = TRUE;
  set_entry (self->organisation_row, audit->organisation);
  set_entry (self->organisation_id_row, audit->organisation_id);
  set_entry (self->body_row, audit->certification_body);
  gtk_switch_set_active (self->iaf_switch, audit->body_iaf_accredited);
  set_entry (self->ms_row, audit->management_system);
  set_entry (self->audit_type_row, audit->audit_type);
  gtk_switch_set_active (self->combined_switch, audit->combined);
  adw_combo_row_set_selected (self->role_row, audit->role);
  set_entry (self->team_leader_row, audit->team_leader_name);
  adw_combo_row_set_selected (self->team_lead_row, audit->team_lead);
  set_entry (self->team_lead_number_row, audit->team_lead_number);
  set_entry (self->team_lead_name_row, audit->team_lead_name);
  gtk_switch_set_active (self->scope_switch,
                         (audit->isms_roles & CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN) != 0);
  gtk_switch_set_active (self->review_switch,
                         (audit->isms_roles & CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW) != 0);
  gtk_switch_set_active (self->risk_switch,
                         (audit->isms_roles & CPV_JRCA_ISMS_ROLE_RISK_ASSESSMENT) != 0);
  gtk_switch_set_active (self->implementation_switch,
                         (audit->isms_roles & CPV_JRCA_ISMS_ROLE_IMPLEMENTATION_EVAL) != 0);
  gtk_switch_set_active (self->report_switch,
                         (audit->isms_roles & CPV_JRCA_ISMS_ROLE_AUDIT_REPORT) != 0);
  gtk_switch_set_active (self->attested_org_switch, audit->attested_by_org);
  gtk_switch_set_active (self->attested_body_switch, audit->attested_by_body);
  gtk_switch_set_active (self->schedule_switch, audit->has_schedule);
  gtk_switch_set_active (self->report_copy_switch, audit->has_report);
  gtk_switch_set_active (self->form_3a_switch, audit->has_form_3a);
  gtk_switch_set_active (self->masked_switch, audit->masked);
  set_entry (self->contact_row, audit->contact);
  for (guint i = 0; audit->days != NULL && i < audit->days->len; i++)
    {
      const CpvJrcaAuditDay *day = &g_array_index (audit->days, CpvJrcaAuditDay, i);

      append_day_row (self, day->date, day->isms_hours);
    }
  self->filling = FALSE;
}

static void
cpv_jrca_audit_editor_dispose (GObject *object)
{
  CpvJrcaAuditEditor *self = CPV_JRCA_AUDIT_EDITOR (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->days_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_AUDIT_EDITOR);

  G_OBJECT_CLASS (cpv_jrca_audit_editor_parent_class)->dispose (object);
}

static void
cpv_jrca_audit_editor_class_init (CpvJrcaAuditEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_audit_editor_dispose;

  g_type_ensure (CPV_TYPE_JRCA_FILES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-audit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, organisation_id_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, body_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, iaf_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, ms_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, audit_type_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, days_list);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, days_total_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, combined_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, observer_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, team_leader_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, team_lead_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, team_lead_number_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, team_lead_name_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, scope_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, review_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, risk_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, implementation_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, report_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, roles_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, attested_org_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, attested_body_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, report_copy_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, form_3a_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, masked_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaAuditEditor, files_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_day_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_busy_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_jrca_audit_editor_init (CpvJrcaAuditEditor *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

/**
 * cpv_jrca_audit_editor_new:
 * @session: the unlocked vault's session
 * @credential_id: the JRCA credential the record belongs to
 * @audit: (nullable): the record to change, or %NULL to add one
 *
 * Returns: (transfer full): the editor, not yet shown
 */
CpvJrcaAuditEditor *
cpv_jrca_audit_editor_new (GtkWindow          *parent,
                           CpvSession         *session,
                           gint64              credential_id,
                           const CpvJrcaAudit *audit)
{
  CpvJrcaAuditEditor *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_JRCA_AUDIT_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->credential_id = credential_id;
  if (audit != NULL)
    {
      self->audit_id = audit->id;
      fill (self, audit);
      adw_window_title_set_title (self->window_title, _("Audit Record"));
    }
  else
    {
      self->filling = TRUE;
      set_entry (self->ms_row, "ISMS");
      gtk_switch_set_active (self->iaf_switch, TRUE);
      adw_combo_row_set_selected (self->role_row, CPV_JRCA_ROLE_MEMBER);
      self->filling = FALSE;
      adw_window_title_set_title (self->window_title, _("New Audit Record"));
    }
  /* TRANSLATORS: the subtitle of the audit record editor */
  adw_window_title_set_subtitle (self->window_title, _("Form 5A"));
  cpv_jrca_files_set_record (self->files_group, session, CPV_JRCA_RECORD_AUDIT, self->audit_id);
  update (self);
  return self;
}

/**
 * cpv_jrca_audit_editor_add_day:
 *
 * Adds an on-site day with its ISMS hours, as the Add Day button does.
 */
void
cpv_jrca_audit_editor_add_day (CpvJrcaAuditEditor *self,
                               CpvDay              date,
                               double              isms_hours)
{
  g_return_if_fail (CPV_IS_JRCA_AUDIT_EDITOR (self));

  append_day_row (self, date, isms_hours);
  update (self);
}

/**
 * cpv_jrca_audit_editor_get_days:
 *
 * Returns: the on-site days the editor shows, as cpv_jrca_audit_days() computes them
 */
double
cpv_jrca_audit_editor_get_days (CpvJrcaAuditEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_AUDIT_EDITOR (self), 0);
  return self->days;
}

/**
 * cpv_jrca_audit_editor_get_days_text:
 *
 * Returns: the sum as shown, e.g. "7 h + 3.5 h → 1.0 + 0.5 = 1.5 days on site"
 */
const char *
cpv_jrca_audit_editor_get_days_text (CpvJrcaAuditEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_AUDIT_EDITOR (self), NULL);
  return self->days_text;
}

/**
 * cpv_jrca_audit_editor_get_message:
 *
 * Returns: (nullable): what has to be fixed before the record can be saved
 */
const char *
cpv_jrca_audit_editor_get_message (CpvJrcaAuditEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_AUDIT_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label) : NULL;
}
