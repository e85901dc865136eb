/* cpv-jrca-page.c — the JRCA ISMS auditor workspace: registration, readiness, records, forms
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-page"

#include "config.h"

#include "cpv-jrca-page.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cpv-cpd-lint.h"
#include "cpv-jrca-audit-editor.h"
#include "cpv-jrca-cpd-editor.h"
#include "cpv-jrca-forms.h"
#include "cpv-jrca-period-editor.h"
#include "cpv-jrca-registration-editor.h"
#include "cpv-jrca-sectors.h"
#include "cpv-jrca-store.h"
#include "cpv-pack-dialog.h"
#include "cpv-status-labels.h"
#include "cpv-window.h"

/* For every JRCA ISMS credential held, the page reads its records with the core
 * (cpv_vault_load_jrca_data) and shows what cpv_jrca_evaluate() says about them for today:
 * the next procedure with its requirement lines, the upgrade lines, the dates and the
 * findings; then the audit, CPD, work-history and sector records with add, edit and remove.
 * Everything is read again when the session reports a new status (every change of the vault
 * does), and dropped when the vault locks. */

#define JRCA_PROGRAM "jrca-isms"

struct _CpvJrcaPage
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkBox       *content_box;

  CpvSession   *session;
  GPtrArray    *data;              /* of CpvJrcaData, one per JRCA credential shown */
  GPtrArray    *sectors;           /* of CpvJrcaSector (annex 3), NULL when unreadable */
  GtkWindow    *dialog;            /* weak: the editor or question open now */
  GCancellable *export_cancellable;
  gulong        status_changed_id;
};

G_DEFINE_FINAL_TYPE (CpvJrcaPage, cpv_jrca_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

/* Helpers ------------------------------------------------------------------------------- */

static GtkWindow *
parent_window (CpvJrcaPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (CpvJrcaPage *self,
       const char  *text)
{
  GtkWindow *window = parent_window (self);

  if (CPV_IS_WINDOW (window))
    cpv_window_add_toast (CPV_WINDOW (window), adw_toast_new (text));
}

static void
track_dialog (CpvJrcaPage *self,
              GtkWindow   *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (dialog);
}

static CpvJrcaData *
find_data (CpvJrcaPage *self,
           gint64       credential_id)
{
  for (guint i = 0; self->data != NULL && i < self->data->len; i++)
    {
      CpvJrcaData *data = g_ptr_array_index (self->data, i);

      if (data->credential_id == credential_id)
        return data;
    }
  return NULL;
}

static gpointer
find_record (CpvJrcaPage *self,
             gsize        array_offset,
             gint64       record_id,
             gint64      *out_credential_id)
{
  for (guint i = 0; self->data != NULL && i < self->data->len; i++)
    {
      CpvJrcaData *data = g_ptr_array_index (self->data, i);
      GPtrArray *records = G_STRUCT_MEMBER (GPtrArray *, data, array_offset);

      /* Every record struct starts with its id. */
      for (guint j = 0; records != NULL && j < records->len; j++)
        if (*(gint64 *) g_ptr_array_index (records, j) == record_id)
          {
            if (out_credential_id != NULL)
              *out_credential_id = data->credential_id;
            return g_ptr_array_index (records, j);
          }
    }
  return NULL;
}

/* Amounts of requirement lines: audits, days or hours, with at most two decimals. */
static char *
format_amount (double amount)
{
  return g_strdup_printf ("%g", round (amount * 100) / 100);
}

static char *
format_day (CpvDay day)
{
  return day != 0 ? cpv_day_format (day) : g_strdup ("—");
}

static const char *
grade_label (CpvJrcaGrade grade)
{
  switch (grade)
    {
    case CPV_JRCA_GRADE_ASSISTANT:
      return _("Assistant auditor (審査員補)");
    case CPV_JRCA_GRADE_AUDITOR:
      return _("Auditor (審査員)");
    case CPV_JRCA_GRADE_LEAD:
      return _("Lead auditor (主任審査員)");
    case CPV_JRCA_GRADE_EXPERT:
      return _("Expert auditor (エキスパート審査員)");
    default:
      return "";
    }
}

static const char *
role_label (CpvJrcaRole role)
{
  switch (role)
    {
    case CPV_JRCA_ROLE_LEADER:
      return _("Team leader");
    case CPV_JRCA_ROLE_MEMBER:
      return _("Team member");
    case CPV_JRCA_ROLE_OJT:
      return _("Team member under OJT");
    case CPV_JRCA_ROLE_OBSERVER:
      return _("Observer");
    default:
      return "";
    }
}

static const char *
cpd_kind_label (CpvJrcaCpdKind kind)
{
  switch (kind)
    {
    case CPV_JRCA_CPD_JRCA_COURSE:
      return _("JRCA-registered CPD course");
    case CPV_JRCA_CPD_IAF_BODY_TRAINING:
      return _("Training by an IAF-accredited certification body");
    case CPV_JRCA_CPD_OTHER_TRAINING:
      return _("Other training, seminar or lecture");
    case CPV_JRCA_CPD_SELF_STUDY:
      return _("Self-study");
    case CPV_JRCA_CPD_AUDIT_EXPERIENCE:
      return _("Audit experience (assistant auditors)");
    default:
      return "";
    }
}

static GtkWidget *
chip (const char *text,
      const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "state-chip");
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_button (GtkWidget  *row,
            const char *icon,
            const char *tooltip,
            const char *action,
            gint64      target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
make_activatable (GtkWidget  *row,
                  const char *action,
                  gint64      target)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", target);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
set_group_button (GtkWidget  *group,
                  const char *icon,
                  const char *label,
                  const char *tooltip,
                  const char *action,
                  gint64      target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
}

static void
add_empty_row (GtkWidget  *group,
               const char *text)
{
  GtkWidget *row = new_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* Sections -------------------------------------------------------------------------------- */

static GtkWidget *
registration_group (CpvJrcaPage       *self,
                    const CpvJrcaData *data)
{
  const CpvJrcaRegistration *registration = data->registration;
  GtkWidget *group = new_group (_("Registration"), NULL);
  struct { const char *title; char *value; } fields[9];
  guint n = 0;

  if (registration == NULL)
    {
      set_group_button (group, "document-edit-symbolic", _("_Enter…"),
                        _("Enter the Registration"), "jrca.edit-registration",
                        data->credential_id);
      add_empty_row (group, _("Enter your grade, registration number, maintenance deadline "
                              "and expiry date from your JRCA auditor card."));
      return group;
    }
  set_group_button (group, "document-edit-symbolic", _("_Edit…"), _("Edit the Registration"),
                    "jrca.edit-registration", data->credential_id);

  fields[n].title = _("Grade");
  fields[n++].value = g_strdup (grade_label (registration->grade));
  if (registration->grade == CPV_JRCA_GRADE_EXPERT)
    {
      fields[n].title = _("Expert auditor only");
      fields[n++].value = registration->expert_only
                            ? g_strdup (_("Yes: 5 hours of CPD a year (JRCA-EXPERT-1)"))
                            : g_strdup_printf (_("No: keeps %s"),
                                               grade_label (registration->expert_kept_grade));
    }
  fields[n].title = _("Registration number");
  fields[n++].value = g_strdup (registration->registration_number != NULL
                                  ? registration->registration_number : "—");
  fields[n].title = _("Maintenance deadline");
  fields[n++].value = format_day (registration->maintenance_deadline);
  fields[n].title = _("Expiry date");
  fields[n++].value = format_day (registration->expiry_date);
  fields[n].title = _("Previous maintenance application");
  fields[n++].value = format_day (registration->previous_maintenance_application);
  fields[n].title = _("Previous renewal application");
  fields[n++].value = format_day (registration->previous_renewal_application);
  fields[n].title = _("Lead auditor in other management systems");
  fields[n++].value = registration->other_lead_ms != NULL && registration->other_lead_ms[0]
                        ? g_strjoinv (", ", registration->other_lead_ms)
                        : g_strdup (_("None"));
  fields[n].title = _("Re-upgrade after a downgrade");
  if (registration->reupgrade && registration->downgrade_date != 0)
    {
      g_autofree char *day = cpv_day_format (registration->downgrade_date);

      fields[n++].value = g_strdup_printf (_("Yes, downgraded on %s"), day);
    }
  else
    fields[n++].value = g_strdup (registration->reupgrade ? _("Yes") : _("No"));

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = new_row (fields[i].title, NULL);
      GtkWidget *value = gtk_label_new (fields[i].value);

      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 40);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_free (fields[i].value);
    }
  return group;
}

static GtkWidget *
requirement_row (const CpvRequirement *requirement)
{
  g_autofree char *title = cpv_requirement_title (requirement);
  g_autofree char *earned = format_amount (requirement->earned);
  g_autofree char *required = format_amount (requirement->required);
  /* TRANSLATORS: a requirement line, e.g. "2 of 3" (audit records, days or hours) */
  g_autofree char *figures = g_strdup_printf (_("%s of %s"), earned, required);
  GtkWidget *row = new_row (title, figures);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             requirement->met ? chip (_("Met"), "success")
                                              : chip (_("Missing"), "error"));
  gtk_widget_add_css_class (row, requirement->met ? "requirement-met" : "requirement-missing");
  g_object_set_data_full (G_OBJECT (row), "cpv-requirement-kind", g_strdup (requirement->kind),
                          g_free);
  return row;
}

static void
add_readiness (CpvJrcaPage       *self,
               GtkBox            *box,
               const CpvJrcaData *data,
               CpvCredential     *credential)
{
  g_autoptr(GPtrArray) requirements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  g_autoptr(GPtrArray) deadlines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  CpvDay today = cpv_day_today ();
  CpvDay due = 0;
  CpvJrcaProcedure procedure = CPV_JRCA_PROCEDURE_NONE;
  g_autofree char *description = NULL;
  GtkWidget *readiness, *upgrade = NULL, *dates, *missing;
  guint n_readiness = 0;

  cpv_jrca_evaluate (data, credential, today, requirements, deadlines, findings);

  if (data->registration != NULL)
    procedure = cpv_jrca_next_procedure (data->registration, &due);
  if (procedure != CPV_JRCA_PROCEDURE_NONE)
    {
      g_autofree char *due_text = cpv_day_format (due);
      g_autofree char *relative = cpv_format_relative_day (due, today);

      if (procedure == CPV_JRCA_PROCEDURE_RENEWAL)
        /* TRANSLATORS: e.g. "Renewal due 2026-09-30 (in 120 days)" */
        description = g_strdup_printf (_("Renewal due %s (%s)"), due_text, relative);
      else
        /* TRANSLATORS: e.g. "Maintenance due 2026-09-30 (in 120 days)" */
        description = g_strdup_printf (_("Maintenance due %s (%s)"), due_text, relative);
    }
  readiness = new_group (procedure == CPV_JRCA_PROCEDURE_RENEWAL ? _("Renewal Readiness")
                                                                  : _("Maintenance Readiness"),
                         description);
  gtk_widget_set_name (readiness, "readiness");

  for (guint i = 0; i < requirements->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (requirements, i);

      if (g_str_has_prefix (requirement->kind, "upgrade-"))
        {
          if (upgrade == NULL)
            {
              gboolean relaxed = cpv_jrca_upgrade_is_relaxed (data->registration, today);

              upgrade = new_group (_("Upgrade Eligibility"),
                                   relaxed ? _("Relaxed route (JRCA-UPGRADE-2): you are a lead "
                                               "auditor in another management system, or this "
                                               "is a re-upgrade within 3 years of a downgrade.")
                                           : _("Normal route (JRCA-UPGRADE-1)."));
              gtk_widget_set_name (upgrade, "upgrade");
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (upgrade),
                                     requirement_row (requirement));
        }
      else
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (readiness),
                                     requirement_row (requirement));
          n_readiness++;
        }
    }
  if (n_readiness == 0)
    add_empty_row (readiness, data->registration == NULL
                                ? _("Enter the registration to see what the next procedure "
                                    "needs.")
                                : _("No audit record or CPD requirement applies to this "
                                    "procedure."));
  gtk_box_append (box, readiness);
  if (upgrade != NULL)
    gtk_box_append (box, upgrade);

  dates = new_group (_("Dates"), _("The application window and the restoration limit "
                                   "(JRCA-DATE-1, JRCA-DATE-2)."));
  gtk_widget_set_name (dates, "dates");
  gtk_box_append (box, dates);
  gtk_widget_set_visible (dates, deadlines->len > 0);
  for (guint i = 0; i < deadlines->len; i++)
    {
      const CpvDeadline *deadline = g_ptr_array_index (deadlines, i);
      gboolean repeated = FALSE;
      g_autofree char *date = cpv_day_format (deadline->date);
      g_autofree char *relative = cpv_format_relative_day (deadline->date, today);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date, relative);

      for (guint j = 0; j < i; j++)
        repeated |= g_strcmp0 (((CpvDeadline *) g_ptr_array_index (deadlines, j))->kind,
                               deadline->kind) == 0;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (dates),
                                 new_row (cpv_deadline_title (deadline, repeated), subtitle));
    }

  missing = new_group (_("What Needs Attention"), NULL);
  gtk_widget_set_name (missing, "findings");
  gtk_box_append (box, missing);
  gtk_widget_set_visible (missing, findings->len > 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (findings, i);
      const char *title = cpv_rule_title (finding->rule);
      GtkWidget *row = new_row (title != NULL ? title : finding->rule, finding->text);
      GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == CPV_SEVERITY_ERROR
                                                        ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");
      GtkWidget *tag = gtk_label_new (finding->rule);

      gtk_widget_add_css_class (icon, finding->severity == CPV_SEVERITY_ERROR ? "error"
                                                                             : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (tag, "rule-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (missing), row);
    }
}

static GtkWidget *
audits_group (CpvJrcaPage       *self,
              const CpvJrcaData *data)
{
  GtkWidget *group = new_group (_("Audit Records"),
                                _("Oldest first, as forms 5C and 5D list them."));

  gtk_widget_set_name (group, "audits");
  set_group_button (group, "list-add-symbolic", _("_Add"), _("Add an Audit Record"),
                    "jrca.add-audit", data->credential_id);
  for (guint i = 0; i < data->audits->len; i++)
    {
      const CpvJrcaAudit *audit = g_ptr_array_index (data->audits, i);
      g_autofree char *start = format_day (audit->onsite_start);
      g_autofree char *end = format_day (audit->onsite_end);
      g_autofree char *days = g_strdup_printf ("%.1f", cpv_jrca_audit_days (audit));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* TRANSLATORS: an audit record: on-site dates, role, days, management system */
      subtitle = g_strdup_printf (_("%s – %s · %s · %s days · %s"), start, end,
                                  role_label (audit->role), days,
                                  audit->management_system != NULL ? audit->management_system
                                                                   : "");
      row = new_row (audit->organisation, subtitle);
      if (!cpv_jrca_audit_is_valid_record (audit))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip (_("Never counts"), "error"));
      else if (cpv_jrca_audit_has_evidence (audit))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip (_("Evidence"), "success"));
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip (_("No evidence"), "warning"));
      add_button (row, "user-trash-symbolic", _("Remove"), "jrca.remove-audit", audit->id);
      make_activatable (row, "jrca.edit-audit", audit->id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (data->audits->len == 0)
    add_empty_row (group, _("No audit record yet."));
  return group;
}

static GtkWidget *
cpd_group (CpvJrcaPage       *self,
           const CpvJrcaData *data)
{
  GtkWidget *group = new_group (_("CPD Records"), _("Forms 4A and 4B."));

  gtk_widget_set_name (group, "cpd");
  set_group_button (group, "list-add-symbolic", _("_Add"), _("Add a CPD Record"),
                    "jrca.add-cpd", data->credential_id);
  for (guint i = 0; i < data->cpd->len; i++)
    {
      const CpvJrcaCpd *cpd = g_ptr_array_index (data->cpd, i);
      g_autofree char *date = format_day (cpd->date);
      g_autofree char *hours = format_amount (cpd->hours);
      g_autofree char *subtitle = NULL;
      g_autoptr(GArray) problems = cpv_cpd_lint (cpd->learned);
      GtkWidget *row;

      /* TRANSLATORS: a CPD record: date, hours, kind */
      subtitle = g_strdup_printf (_("%s · %s h · %s"), date, hours, cpd_kind_label (cpd->kind));
      row = new_row (cpd->title, subtitle);
      if (problems->len > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   chip (_("Form 4B needs work"), "warning"));
      add_button (row, "user-trash-symbolic", _("Remove"), "jrca.remove-cpd", cpd->id);
      make_activatable (row, "jrca.edit-cpd", cpd->id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (data->cpd->len == 0)
    add_empty_row (group, _("No CPD record yet."));
  return group;
}

static GtkWidget *
work_group (CpvJrcaPage       *self,
            const CpvJrcaData *data)
{
  CpvJrcaCheck check = { 0 };
  g_autofree char *description = NULL;
  GtkWidget *group;

  if (data->work != NULL && data->work->len > 0)
    {
      cpv_jrca_check_history (data->work, cpv_day_today (), &check);
      if (check.n_lines >= 2)
        /* TRANSLATORS: JRCA-HIST-1, days of experience within the last 10 years */
        description = g_strdup_printf (_("Form 2B, newest first. Within the last 10 years: "
                                         "%.0f of %.0f days of IT experience, %.0f of %.0f "
                                         "days of information-security management."),
                                       check.lines[0].earned, check.lines[0].required,
                                       check.lines[1].earned, check.lines[1].required);
    }
  group = new_group (_("Work History"), description != NULL ? description
                                                            : _("Form 2B, newest first."));
  gtk_widget_set_name (group, "work");
  set_group_button (group, "list-add-symbolic", _("_Add"), _("Add a Period of Work"),
                    "jrca.add-work", data->credential_id);
  for (guint i = 0; data->work != NULL && i < data->work->len; i++)
    {
      const CpvJrcaWork *work = g_ptr_array_index (data->work, i);
      g_autofree char *start = format_day (work->start);
      g_autofree char *end = work->end != 0 ? cpv_day_format (work->end) : g_strdup (_("now"));
      g_autofree char *title = work->department != NULL
                                 ? g_strdup_printf ("%s · %s", work->organisation,
                                                    work->department)
                                 : g_strdup (work->organisation);
      GString *subtitle = g_string_new (NULL);
      GtkWidget *row;

      g_string_append_printf (subtitle, "%s – %s", start, end);
      if (work->kinds & CPV_JRCA_WORK_IT)
        g_string_append_printf (subtitle, " · %s", _("IT"));
      if (work->kinds & CPV_JRCA_WORK_SECURITY)
        g_string_append_printf (subtitle, " · %s", _("Information-security management"));
      row = new_row (title, subtitle->str);
      g_string_free (subtitle, TRUE);
      add_button (row, "user-trash-symbolic", _("Remove"), "jrca.remove-work", work->id);
      make_activatable (row, "jrca.edit-work", work->id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (data->work == NULL || data->work->len == 0)
    add_empty_row (group, _("No work history yet."));
  return group;
}

static GtkWidget *
sectors_group (CpvJrcaPage       *self,
               const CpvJrcaData *data)
{
  GtkWidget *group = new_group (_("Business Sectors"),
                                _("Form 2C. A sector may be registered after 2 years of "
                                  "full-time work in it (JRCA-SECTOR-1)."));
  gboolean japanese = g_strcmp0 (C_("cpd-lint-language", "en"), "ja") == 0;
  CpvDay today = cpv_day_today ();

  gtk_widget_set_name (group, "sectors");
  set_group_button (group, "list-add-symbolic", _("_Add"), _("Add a Period in a Sector"),
                    "jrca.add-sector", data->credential_id);
  for (guint i = 0; data->sectors != NULL && i < data->sectors->len; i++)
    {
      const CpvJrcaSectorWork *period = g_ptr_array_index (data->sectors, i);
      const CpvJrcaSector *sector = self->sectors != NULL
                                      ? cpv_jrca_sectors_lookup (self->sectors, period->sector)
                                      : NULL;
      g_autofree char *title = sector != NULL
                                 ? g_strdup_printf ("%u. %s", period->sector,
                                                    japanese ? sector->name_ja : sector->name_en)
                                 : g_strdup_printf ("%u", period->sector);
      g_autofree char *start = format_day (period->start);
      g_autofree char *end = period->end != 0 ? cpv_day_format (period->end)
                                              : g_strdup (_("now"));
      guint days = cpv_jrca_sector_days (data->sectors, period->sector, today);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* TRANSLATORS: a business-sector period: dates, organisation or "full-time", days
       * counted in the sector so far */
      subtitle = g_strdup_printf (_("%s – %s · %s · %u days in this sector"), start, end,
                                  period->full_time ? _("full-time") : _("not full-time"),
                                  days);
      row = new_row (title, subtitle);
      if (cpv_jrca_sector_qualifies (data->sectors, period->sector, today))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip (_("Qualifies"), "success"));
      add_button (row, "user-trash-symbolic", _("Remove"), "jrca.remove-sector", period->id);
      make_activatable (row, "jrca.edit-sector", period->id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (data->sectors == NULL || data->sectors->len == 0)
    add_empty_row (group, _("No business sector yet."));
  return group;
}

static GtkWidget *
credential_header (CpvJrcaPage   *self,
                   CpvCredential *credential)
{
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  const CpvCredentialRules *rules =
    cpv_program_registry_lookup_credential (registry, credential->program, credential->code,
                                            NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (rules != NULL ? cpv_translate_program_text (rules->name)
                                                  : credential->code);
  GtkWidget *subtitle = gtk_label_new (_("JRCA ISMS auditor"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Forms…"));
  GtkWidget *pack = gtk_button_new_with_mnemonic (_("_Application Pack…"));
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_widget_set_hexpand (titles, TRUE);

  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (export, _("Write forms 2B, 2C, 4A, 4B, 5A, 5C and 5D as PDF "
                                         "and CSV"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "jrca.export-forms");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (export), "x", credential->id);
  gtk_widget_add_css_class (export, "pill");

  /* The maintenance or renewal application as one ZIP: forms and the records' files. The two
   * buttons stack, so that the header still fits a phone's width. */
  gtk_widget_set_tooltip_text (pack, _("Write the forms and the files that prove the records "
                                       "into one ZIP for JRCA"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pack), "jrca.application-pack");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (pack), "x", credential->id);
  gtk_widget_add_css_class (pack, "pill");

  gtk_widget_set_valign (actions, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (actions), export);
  gtk_box_append (GTK_BOX (actions), pack);

  gtk_box_append (GTK_BOX (box), titles);
  gtk_box_append (GTK_BOX (box), actions);
  return box;
}

static void
refresh (CpvJrcaPage *self)
{
  GListModel *credentials;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
  g_clear_pointer (&self->data, g_ptr_array_unref);

  if (self->session == NULL || cpv_session_get_vault (self->session) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->data = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_data_free);
  credentials = cpv_session_get_credentials (self->session);
  n = g_list_model_get_n_items (credentials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpvCredential) credential = g_list_model_get_item (credentials, i);
      g_autoptr(GError) error = NULL;
      CpvJrcaData *data;
      GtkWidget *section;

      if (g_strcmp0 (credential->program, JRCA_PROGRAM) != 0)
        continue;
      data = cpv_vault_load_jrca_data (cpv_session_get_vault (self->session), credential->id,
                                       &error);
      if (data == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The JRCA records of %s could not be "
                                                     "read: %s"), credential->code,
                                                   error->message);

          toast (self, text);
          continue;
        }
      g_ptr_array_add (self->data, data);

      section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
      gtk_widget_add_css_class (section, "jrca-credential");
      g_object_set_data_full (G_OBJECT (section), "cpv-credential-id",
                              g_memdup2 (&credential->id, sizeof (gint64)), g_free);
      gtk_box_append (GTK_BOX (section), credential_header (self, credential));
      /* What the person came for first: will the next procedure pass, and what is missing. */
      add_readiness (self, GTK_BOX (section), data, credential);
      gtk_box_append (GTK_BOX (section), registration_group (self, data));
      gtk_box_append (GTK_BOX (section), audits_group (self, data));
      gtk_box_append (GTK_BOX (section), cpd_group (self, data));
      gtk_box_append (GTK_BOX (section), work_group (self, data));
      gtk_box_append (GTK_BOX (section), sectors_group (self, data));
      gtk_box_append (self->content_box, section);
    }
  gtk_stack_set_visible_child_name (self->stack, self->data->len > 0 ? "list" : "empty");
}

/* Callbacks ------------------------------------------------------------------------------- */

static void
status_changed_cb (CpvJrcaPage *self)
{
  refresh (self);
}

static void
edit_registration_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 credential_id = g_variant_get_int64 (parameter);
  CpvJrcaData *data = find_data (self, credential_id);

  if (self->session == NULL || data == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_registration_editor_new (parent_window (self),
                                                                    self->session,
                                                                    credential_id,
                                                                    data->registration)));
}

static void
add_audit_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);

  if (self->session == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_audit_editor_new (parent_window (self),
                                                             self->session,
                                                             g_variant_get_int64 (parameter),
                                                             NULL)));
}

static void
edit_audit_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 credential_id = 0;
  const CpvJrcaAudit *audit = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, audits),
                                           g_variant_get_int64 (parameter), &credential_id);

  if (self->session == NULL || audit == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_audit_editor_new (parent_window (self),
                                                             self->session, credential_id,
                                                             audit)));
}

static void
add_cpd_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);

  if (self->session == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_cpd_editor_new (parent_window (self), self->session,
                                                           g_variant_get_int64 (parameter),
                                                           NULL)));
}

static void
edit_cpd_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 credential_id = 0;
  const CpvJrcaCpd *cpd = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, cpd),
                                       g_variant_get_int64 (parameter), &credential_id);

  if (self->session == NULL || cpd == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_cpd_editor_new (parent_window (self), self->session,
                                                           credential_id, cpd)));
}

static void
load_sectors (CpvJrcaPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->sectors != NULL)
    return;
  self->sectors = cpv_jrca_sectors_load (NULL, &error);
  if (self->sectors == NULL)
    g_warning ("The business sectors of annex 3 could not be read: %s", error->message);
}

static void
add_period (CpvJrcaPage       *self,
            gint64             credential_id,
            CpvJrcaPeriodKind  kind)
{
  if (self->session == NULL)
    return;
  if (kind == CPV_JRCA_PERIOD_SECTOR)
    load_sectors (self);
  track_dialog (self, GTK_WINDOW (cpv_jrca_period_editor_new (parent_window (self),
                                                              self->session, credential_id,
                                                              kind, self->sectors)));
}

static void
add_work_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  add_period (CPV_JRCA_PAGE (widget), g_variant_get_int64 (parameter), CPV_JRCA_PERIOD_WORK);
}

static void
add_sector_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  add_period (CPV_JRCA_PAGE (widget), g_variant_get_int64 (parameter), CPV_JRCA_PERIOD_SECTOR);
}

static void
edit_work_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  const CpvJrcaWork *work = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, work),
                                         g_variant_get_int64 (parameter), NULL);

  if (self->session == NULL || work == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_jrca_period_editor_new_for_work (parent_window (self),
                                                                       self->session, work)));
}

static void
edit_sector_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  const CpvJrcaSectorWork *period = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, sectors),
                                                 g_variant_get_int64 (parameter), NULL);

  if (self->session == NULL || period == NULL)
    return;
  load_sectors (self);
  track_dialog (self, GTK_WINDOW (cpv_jrca_period_editor_new_for_sector (parent_window (self),
                                                                         self->session, period,
                                                                         self->sectors)));
}

typedef gboolean (*RemoveFunc) (CpvVault *vault, gint64 id, GError **error);

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CpvJrcaPage      *self)
{
  RemoveFunc remove = g_object_get_data (G_OBJECT (dialog), "cpv-remove");
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "cpv-record-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->session == NULL ||
      cpv_session_get_vault (self->session) == NULL)
    return;
  if (!remove (cpv_session_get_vault (self->session), *id, &error))
    toast (self, error->message);
  else
    toast (self, _("Record removed"));
}

static void
ask_remove (CpvJrcaPage *self,
            const char  *heading,
            const char  *name,
            RemoveFunc   remove,
            gint64       id)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  /* TRANSLATORS: the body of the question before a JRCA record is removed */
  body = g_strdup_printf (_("“%s” is removed from the vault. The forms you already exported "
                            "keep it."), name != NULL ? name : "");
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "cpv-remove", remove);
  g_object_set_data_full (G_OBJECT (dialog), "cpv-record-id", g_memdup2 (&id, sizeof id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  track_dialog (self, GTK_WINDOW (dialog));
}

static void
remove_audit_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CpvJrcaAudit *audit = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, audits), id,
                                           NULL);

  if (audit != NULL)
    ask_remove (self, _("Remove Audit Record?"), audit->organisation,
                cpv_vault_remove_jrca_audit, id);
}

static void
remove_cpd_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CpvJrcaCpd *cpd = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, cpd), id, NULL);

  if (cpd != NULL)
    ask_remove (self, _("Remove CPD Record?"), cpd->title, cpv_vault_remove_jrca_cpd, id);
}

static void
remove_work_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CpvJrcaWork *work = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, work), id, NULL);

  if (work != NULL)
    ask_remove (self, _("Remove Period of Work?"), work->organisation,
                cpv_vault_remove_jrca_work, id);
}

static void
remove_sector_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CpvJrcaSectorWork *period = find_record (self, G_STRUCT_OFFSET (CpvJrcaData, sectors),
                                                 id, NULL);

  if (period != NULL)
    ask_remove (self, _("Remove Sector Period?"),
                period->organisation != NULL ? period->organisation : "",
                cpv_vault_remove_jrca_sector_work, id);
}

/* Export ---------------------------------------------------------------------------------- */

typedef struct
{
  CpvJrcaData *data;
  char        *folder;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->data, cpv_jrca_data_free);
  g_free (job->folder);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = cpv_jrca_sectors_load (NULL, &error);
  g_autoptr(GPtrArray) files = NULL;
  CpvJrcaFormsOptions options = { NULL, cpv_day_today (), sectors };

  /* Without the annex 3 names, form 2C prints the sector numbers only. */
  g_clear_error (&error);
  if (!cpv_jrca_forms_write_all (job->data, &options, job->folder, &files, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *folder = g_filename_display_name (job->folder);
  g_autofree char *body = NULL;
  const char *heading;
  GtkWidget *dialog;

  g_clear_object (&self->export_cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  if (files == NULL)
    {
      heading = _("Forms Not Exported");
      body = g_strdup_printf (_("The forms could not be written to %s: %s"), folder,
                              error->message);
    }
  else if (files->len == 0)
    {
      heading = _("Nothing to Export");
      body = g_strdup (_("There is nothing to put on the forms yet: add audit, CPD, work "
                         "history or sector records first."));
    }
  else
    {
      heading = _("Forms Exported");
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u file was written to %s.\n\nThe PDFs are aids: "
                                           "copy their content into JRCA's official forms. They "
                                           "are not encrypted, so keep the folder private and "
                                           "delete the files once you have copied them.",
                                           "%u files were written to %s.\n\nThe PDFs are aids: "
                                           "copy their content into JRCA's official forms. They "
                                           "are not encrypted, so keep the folder private and "
                                           "delete the files once you have copied them.",
                                           files->len),
                              files->len, folder);
    }
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_widget_set_name (dialog, "export-result");
  track_dialog (self, GTK_WINDOW (dialog));
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  CpvJrcaPage     *self)
{
  const gint64 *credential_id = g_object_get_data (G_OBJECT (chooser), "cpv-credential-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        cpv_jrca_page_export_forms (self, *credential_id, folder);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
application_pack_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);

  if (self->session == NULL)
    return;
  track_dialog (self, GTK_WINDOW (cpv_pack_dialog_new (parent_window (self), self->session, 0,
                                                       g_variant_get_int64 (parameter), 0)));
}

static void
export_forms_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (widget);
  gint64 credential_id = g_variant_get_int64 (parameter);
  GtkFileChooserNative *chooser;

  if (self->session == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export JRCA Forms To"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "cpv-credential-id",
                          g_memdup2 (&credential_id, sizeof credential_id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject --------------------------------------------------------------------------------- */

static void
cpv_jrca_page_dispose (GObject *object)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (object);

  cpv_jrca_page_set_session (self, NULL);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_PAGE);

  G_OBJECT_CLASS (cpv_jrca_page_parent_class)->dispose (object);
}

static void
cpv_jrca_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (object);

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
cpv_jrca_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpvJrcaPage *self = CPV_JRCA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_jrca_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_jrca_page_class_init (CpvJrcaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_page_dispose;
  object_class->get_property = cpv_jrca_page_get_property;
  object_class->set_property = cpv_jrca_page_set_property;

  /**
   * CpvJrcaPage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jrcapage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPage, content_box);

  gtk_widget_class_install_action (widget_class, "jrca.edit-registration", "x",
                                   edit_registration_cb);
  gtk_widget_class_install_action (widget_class, "jrca.add-audit", "x", add_audit_cb);
  gtk_widget_class_install_action (widget_class, "jrca.edit-audit", "x", edit_audit_cb);
  gtk_widget_class_install_action (widget_class, "jrca.remove-audit", "x", remove_audit_cb);
  gtk_widget_class_install_action (widget_class, "jrca.add-cpd", "x", add_cpd_cb);
  gtk_widget_class_install_action (widget_class, "jrca.edit-cpd", "x", edit_cpd_cb);
  gtk_widget_class_install_action (widget_class, "jrca.remove-cpd", "x", remove_cpd_cb);
  gtk_widget_class_install_action (widget_class, "jrca.add-work", "x", add_work_cb);
  gtk_widget_class_install_action (widget_class, "jrca.edit-work", "x", edit_work_cb);
  gtk_widget_class_install_action (widget_class, "jrca.remove-work", "x", remove_work_cb);
  gtk_widget_class_install_action (widget_class, "jrca.add-sector", "x", add_sector_cb);
  gtk_widget_class_install_action (widget_class, "jrca.edit-sector", "x", edit_sector_cb);
  gtk_widget_class_install_action (widget_class, "jrca.remove-sector", "x", remove_sector_cb);
  gtk_widget_class_install_action (widget_class, "jrca.export-forms", "x", export_forms_cb);
  gtk_widget_class_install_action (widget_class, "jrca.application-pack", "x",
                                   application_pack_cb);
}

static void
cpv_jrca_page_init (CpvJrcaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/* Public API ------------------------------------------------------------------------------ */

CpvSession *
cpv_jrca_page_get_session (CpvJrcaPage *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_PAGE (self), NULL);
  return self->session;
}

/**
 * cpv_jrca_page_set_session:
 * @session: (nullable): the unlocked vault's session; %NULL drops every record the page holds
 */
void
cpv_jrca_page_set_session (CpvJrcaPage *self,
                           CpvSession  *session)
{
  g_return_if_fail (CPV_IS_JRCA_PAGE (self));

  if (self->session == session)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_destroy (self->dialog);
      g_clear_weak_pointer (&self->dialog);
    }
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->status_changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                        G_CALLBACK (status_changed_cb), self);
  if (self->stack != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

void
cpv_jrca_page_export_forms (CpvJrcaPage *self,
                            gint64       credential_id,
                            GFile       *folder)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (CPV_IS_JRCA_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->session == NULL || cpv_session_get_vault (self->session) == NULL ||
      self->export_cancellable != NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->folder = g_file_get_path (folder);
  /* Read in the main thread, where the vault lives; only the writing runs in the thread. */
  job->data = cpv_vault_load_jrca_data (cpv_session_get_vault (self->session), credential_id,
                                        &error);
  if (job->data == NULL || job->folder == NULL)
    {
      toast (self, error != NULL ? error->message
                                 : _("Choose a folder on this computer for the forms."));
      export_job_free (job);
      return;
    }

  self->export_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->export_cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, cpv_jrca_page_export_forms);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
cpv_jrca_page_is_exporting (CpvJrcaPage *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_PAGE (self), FALSE);
  return self->export_cancellable != NULL;
}
