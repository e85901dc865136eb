/* cpv-jrca-period-editor.c — add or change a period of work history (form 2B) or of work in
 * a business sector (form 2C)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-period-editor"

#include "config.h"

#include "cpv-jrca-period-editor.h"

#include <glib/gi18n.h>

#include "cpv-jrca-sectors.h"
#include "cpv-jrca-store.h"
#include "cpv-window.h"

/* One dialog for both kinds of period: they share the dates, the organisation and the duties;
 * work history adds the department and the kinds of experience (JRCA-HIST-1), a sector period
 * the sector of annex 3 and whether the work was full-time (JRCA-SECTOR-1). */

struct _CpvJrcaPeriodEditor
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkLabel          *message_label;
  AdwComboRow       *sector_row;
  AdwEntryRow       *start_row;
  AdwEntryRow       *end_row;
  AdwEntryRow       *organisation_row;
  AdwEntryRow       *department_row;
  AdwEntryRow       *duties_row;
  GtkSwitch         *it_switch;
  GtkSwitch         *security_switch;
  GtkSwitch         *full_time_switch;
  GtkLabel          *hint_label;

  CpvSession        *session;
  gint64             credential_id;
  CpvJrcaPeriodKind  kind;
  gint64             record_id;    /* 0 while adding */
  gboolean           save_tried;
};

G_DEFINE_FINAL_TYPE (CpvJrcaPeriodEditor, cpv_jrca_period_editor, ADW_TYPE_WINDOW)

static char *
entry_dup (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
read_date (AdwEntryRow *row,
           gboolean     required,
           CpvDay      *out_day)
{
  g_autofree char *text = entry_dup (row);
  gboolean ok;

  *out_day = 0;
  if (text == NULL)
    ok = !required;
  else
    ok = cpv_date_is_valid_iso (text) && cpv_day_parse (text, out_day);
  if (ok || text == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_dates (CpvJrcaPeriodEditor *self,
           CpvDay               start,
           CpvDay               end)
{
  g_autofree char *start_text = start != 0 ? cpv_day_format (start) : g_strdup ("");
  g_autofree char *end_text = end != 0 ? cpv_day_format (end) : g_strdup ("");

  set_entry (self->start_row, start_text);
  set_entry (self->end_row, end_text);
}

/* Checks the fields; on success fills @work or @sector_work (the one of this kind). */
static char *
check (CpvJrcaPeriodEditor  *self,
       CpvJrcaWork          *work,
       CpvJrcaSectorWork    *sector_work)
{
  g_autoptr(GError) error = NULL;
  CpvDay start, end;
  gboolean start_ok = read_date (self->start_row, TRUE, &start);
  gboolean end_ok = read_date (self->end_row, FALSE, &end);

  if (!start_ok)
    return g_strdup (_("Type the first day of the period as YYYY-MM-DD, e.g. 2019-04-01."));
  if (!end_ok)
    return g_strdup (_("Type the last day as YYYY-MM-DD, or leave it empty while the period "
                       "goes on."));
  if (end != 0 && end < start)
    return g_strdup (_("The period ends before it starts. Check both dates."));

  if (self->kind == CPV_JRCA_PERIOD_WORK)
    {
      work->id = self->record_id;
      work->credential_id = self->credential_id;
      work->start = start;
      work->end = end;
      work->organisation = entry_dup (self->organisation_row);
      work->department = entry_dup (self->department_row);
      work->duties = entry_dup (self->duties_row);
      work->kinds = (gtk_switch_get_active (self->it_switch) ? CPV_JRCA_WORK_IT : 0) |
                    (gtk_switch_get_active (self->security_switch) ? CPV_JRCA_WORK_SECURITY : 0);
      if (work->organisation == NULL)
        return g_strdup (_("Enter the organisation you worked for."));
      if (work->kinds == 0)
        return g_strdup (_("Say whether the period shows IT experience, information-security "
                           "management experience, or both."));
      if (!cpv_jrca_work_validate (work, &error))
        return g_strdup (error->message);
    }
  else
    {
      sector_work->id = self->record_id;
      sector_work->credential_id = self->credential_id;
      sector_work->sector = adw_combo_row_get_selected (self->sector_row) + 1;
      sector_work->start = start;
      sector_work->end = end;
      sector_work->full_time = gtk_switch_get_active (self->full_time_switch);
      sector_work->organisation = entry_dup (self->organisation_row);
      sector_work->duties = entry_dup (self->duties_row);
      if (!cpv_jrca_sector_work_validate (sector_work, &error))
        return g_strdup (error->message);
    }
  return NULL;
}

static void
update (CpvJrcaPeriodEditor *self)
{
  g_autoptr(CpvJrcaWork) work = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaSectorWork) sector_work = cpv_jrca_sector_work_new ();
  g_autofree char *message = check (self, work, sector_work);

  /* A new period starts empty: say what is missing only once Save was tried. */
  if (!self->save_tried && self->record_id == 0)
    g_clear_pointer (&message, g_free);
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                    ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static void
changed_cb (CpvJrcaPeriodEditor *self)
{
  update (self);
}

static void
save_clicked_cb (CpvJrcaPeriodEditor *self)
{
  g_autoptr(CpvJrcaWork) work = cpv_jrca_work_new ();
  g_autoptr(CpvJrcaSectorWork) sector_work = cpv_jrca_sector_work_new ();
  g_autofree char *message = check (self, work, sector_work);
  g_autoptr(GError) error = NULL;
  CpvVault *vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean saved;

  self->save_tried = TRUE;
  if (message == NULL && vault == NULL)
    message = g_strdup (_("The vault is locked. Unlock it and enter the record again."));
  if (message == NULL)
    {
      if (self->kind == CPV_JRCA_PERIOD_WORK)
        saved = self->record_id == 0 ? cpv_vault_add_jrca_work (vault, work, &error) > 0
                                     : cpv_vault_update_jrca_work (vault, work, &error);
      else
        saved = self->record_id == 0
                  ? cpv_vault_add_jrca_sector_work (vault, sector_work, &error) > 0
                  : cpv_vault_update_jrca_sector_work (vault, sector_work, &error);
      if (!saved)
        message = g_strdup (error->message);
    }
  if (message != NULL)
    {
      gtk_label_set_label (self->message_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                        ADW_TYPE_PREFERENCES_GROUP),
                              TRUE);
      return;
    }

  if (CPV_IS_WINDOW (parent))
    cpv_window_add_toast (CPV_WINDOW (parent),
                          adw_toast_new (self->record_id == 0 ? _("Period added")
                                                              : _("Period saved")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cpv_jrca_period_editor_dispose (GObject *object)
{
  CpvJrcaPeriodEditor *self = CPV_JRCA_PERIOD_EDITOR (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_PERIOD_EDITOR);

  G_OBJECT_CLASS (cpv_jrca_period_editor_parent_class)->dispose (object);
}

static void
cpv_jrca_period_editor_class_init (CpvJrcaPeriodEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_period_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-period-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, duties_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, it_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, security_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, full_time_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaPeriodEditor, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_jrca_period_editor_init (CpvJrcaPeriodEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
show_row (gpointer widget,
          gboolean visible)
{
  GtkWidget *row = ADW_IS_PREFERENCES_ROW (widget)
                     ? GTK_WIDGET (widget)
                     : gtk_widget_get_ancestor (GTK_WIDGET (widget), ADW_TYPE_ACTION_ROW);

  gtk_widget_set_visible (row, visible);
}

/**
 * cpv_jrca_period_editor_new:
 *
 * Returns: (transfer full): the editor, not yet shown
 */
CpvJrcaPeriodEditor *
cpv_jrca_period_editor_new (GtkWindow         *parent,
                            CpvSession        *session,
                            gint64             credential_id,
                            CpvJrcaPeriodKind  kind,
                            GPtrArray         *sectors)
{
  CpvJrcaPeriodEditor *self;
  gboolean work = kind == CPV_JRCA_PERIOD_WORK;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_JRCA_PERIOD_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->credential_id = credential_id;
  self->kind = kind;

  show_row (self->sector_row, !work);
  show_row (self->department_row, work);
  show_row (self->it_switch, work);
  show_row (self->security_switch, work);
  show_row (self->full_time_switch, !work);

  if (work)
    {
      adw_window_title_set_title (self->window_title, _("Work History"));
      /* TRANSLATORS: the subtitle of the work history editor */
      adw_window_title_set_subtitle (self->window_title, _("Form 2B"));
      gtk_label_set_label (self->hint_label,
                           _("Start a new period when your department or duties change. JRCA "
                             "asks for 4 years of IT experience and 2 years of "
                             "information-security management experience within the last 10 "
                             "years (JRCA-HIST-1)."));
    }
  else
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      gboolean japanese = g_strcmp0 (C_("cpd-lint-language", "en"), "ja") == 0;

      for (guint number = 1; number <= CPV_JRCA_N_SECTORS; number++)
        {
          const CpvJrcaSector *sector = sectors != NULL ? cpv_jrca_sectors_lookup (sectors,
                                                                                   number)
                                                        : NULL;
          g_autofree char *name = NULL;

          if (sector != NULL)
            name = g_strdup_printf ("%u. %s", number,
                                    japanese ? sector->name_ja : sector->name_en);
          else
            name = g_strdup_printf ("%u", number);
          gtk_string_list_append (names, name);
        }
      adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (names));
      gtk_switch_set_active (self->full_time_switch, TRUE);
      adw_window_title_set_title (self->window_title, _("Business Sector"));
      /* TRANSLATORS: the subtitle of the business sector editor */
      adw_window_title_set_subtitle (self->window_title, _("Form 2C"));
      gtk_label_set_label (self->hint_label,
                           _("A sector may be registered after 2 years of full-time work in it; "
                             "overlapping periods count once (JRCA-SECTOR-1)."));
    }
  update (self);
  return self;
}

/**
 * cpv_jrca_period_editor_new_for_work:
 * @work: the period of work history to change
 *
 * Returns: (transfer full): the editor, filled with @work, not yet shown
 */
CpvJrcaPeriodEditor *
cpv_jrca_period_editor_new_for_work (GtkWindow         *parent,
                                     CpvSession        *session,
                                     const CpvJrcaWork *work)
{
  CpvJrcaPeriodEditor *self;

  g_return_val_if_fail (work != NULL, NULL);

  self = cpv_jrca_period_editor_new (parent, session, work->credential_id,
                                     CPV_JRCA_PERIOD_WORK, NULL);
  set_dates (self, work->start, work->end);
  set_entry (self->organisation_row, work->organisation);
  set_entry (self->department_row, work->department);
  set_entry (self->duties_row, work->duties);
  gtk_switch_set_active (self->it_switch, (work->kinds & CPV_JRCA_WORK_IT) != 0);
  gtk_switch_set_active (self->security_switch, (work->kinds & CPV_JRCA_WORK_SECURITY) != 0);
  self->record_id = work->id;
  update (self);
  return self;
}

/**
 * cpv_jrca_period_editor_new_for_sector:
 * @sector_work: the business-sector period to change
 * @sectors: (element-type CpvJrcaSector) (nullable): the list of annex 3 for the sector row
 *
 * Returns: (transfer full): the editor, filled with @sector_work, not yet shown
 */
CpvJrcaPeriodEditor *
cpv_jrca_period_editor_new_for_sector (GtkWindow               *parent,
                                       CpvSession              *session,
                                       const CpvJrcaSectorWork *sector_work,
                                       GPtrArray               *sectors)
{
  CpvJrcaPeriodEditor *self;

  g_return_val_if_fail (sector_work != NULL, NULL);

  self = cpv_jrca_period_editor_new (parent, session, sector_work->credential_id,
                                     CPV_JRCA_PERIOD_SECTOR, sectors);
  if (sector_work->sector >= 1 && sector_work->sector <= CPV_JRCA_N_SECTORS)
    adw_combo_row_set_selected (self->sector_row, sector_work->sector - 1);
  set_dates (self, sector_work->start, sector_work->end);
  gtk_switch_set_active (self->full_time_switch, sector_work->full_time);
  set_entry (self->organisation_row, sector_work->organisation);
  set_entry (self->duties_row, sector_work->duties);
  self->record_id = sector_work->id;
  update (self);
  return self;
}

/**
 * cpv_jrca_period_editor_get_message:
 *
 * Returns: (nullable): what has to be fixed before the period can be saved
 */
const char *
cpv_jrca_period_editor_get_message (CpvJrcaPeriodEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_PERIOD_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label) : NULL;
}
