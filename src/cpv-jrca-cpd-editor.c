/* cpv-jrca-cpd-editor.c — add or change a JRCA CPD record (forms 4A and 4B)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-cpd-editor"

#include "config.h"

#include "cpv-jrca-cpd-editor.h"

#include <glib/gi18n.h>

#include "cpv-cpd-lint.h"
#include "cpv-jrca-files.h"
#include "cpv-jrca-store.h"
#include "cpv-window.h"

/* Form 4A (date, hours, kind with the evidence each kind needs, JRCA-CPD-2) and form 4B
 * (purpose, what was learned). The 4B check of the core (JRCA-CPD-3) runs on every change of
 * "what was learned" and lists each problem with its reason and JRCA's own example. It is
 * advice: Save never depends on it.
 *
 * The record's files (certificate, programme, schedule …) are attached in the Evidence Files
 * group once the record is stored; linking a file sets the record's flag in the vault, and the
 * switches follow at once. */

struct _CpvJrcaCpdEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkLabel       *message_label;
  AdwEntryRow    *date_row;
  GtkSpinButton  *hours_spin;
  AdwComboRow    *kind_row;
  GtkLabel       *kind_label;
  AdwEntryRow    *title_row;
  AdwEntryRow    *provider_row;
  GtkSwitch      *certificate_switch;
  GtkSwitch      *program_switch;
  GtkSwitch      *signature_switch;
  GtkSwitch      *schedule_switch;
  GtkWidget      *evidence_group;
  GtkTextBuffer  *purpose_buffer;
  GtkTextBuffer  *learned_buffer;
  GtkTextView    *learned_view;
  GtkBox         *lint_box;
  GtkLabel       *lint_ok_label;
  CpvJrcaFiles   *files_group;

  CpvSession     *session;
  gint64          credential_id;
  gint64          cpd_id;           /* 0 while adding */
  GArray         *problems;         /* of CpvCpdLintProblem, as shown */
  gboolean        filling;
  gboolean        save_tried;
};

G_DEFINE_FINAL_TYPE (CpvJrcaCpdEditor, cpv_jrca_cpd_editor, ADW_TYPE_WINDOW)

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

static char *
buffer_dup (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* JRCA-CPD-2: the evidence each kind needs. */
static const char *
kind_evidence (CpvJrcaCpdKind kind)
{
  switch (kind)
    {
    case CPV_JRCA_CPD_JRCA_COURSE:
      return _("Evidence: the completion certificate marked “JRCA registered”.");
    case CPV_JRCA_CPD_IAF_BODY_TRAINING:
      return _("Evidence: a copy of the programme, and the certificate or the body's signature "
               "on form 4A. Without them the training counts as other training.");
    case CPV_JRCA_CPD_OTHER_TRAINING:
      return _("Evidence: a form 4B with the purpose and what you learned.");
    case CPV_JRCA_CPD_SELF_STUDY:
      return _("Evidence: a form 4B with the purpose and what you learned; no table of "
               "contents is needed.");
    case CPV_JRCA_CPD_AUDIT_EXPERIENCE:
      return _("Assistant auditors only. Evidence: form 5A with the audit schedule, counting "
               "only your own team's time; otherwise a form 4B with the total hours including "
               "preparation and reporting.");
    default:
      return "";
    }
}

/* The core's reasons come in English and Japanese: the translation says which to show. */
static gboolean
show_japanese_reasons (void)
{
  /* TRANSLATORS: "ja" in the Japanese translation (the 4B check then gives its reasons in
   * Japanese); leave "en" in every other language. */
  return g_strcmp0 (C_("cpd-lint-language", "en"), "ja") == 0;
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
show_problems (CpvJrcaCpdEditor *self)
{
  g_autofree char *learned = buffer_dup (self->learned_buffer);
  GtkWidget *child;
  gboolean japanese = show_japanese_reasons ();

  g_clear_pointer (&self->problems, g_array_unref);
  self->problems = cpv_cpd_lint (learned);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lint_box))) != NULL)
    gtk_box_remove (self->lint_box, child);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const CpvCpdLintProblem *problem = &g_array_index (self->problems, CpvCpdLintProblem, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *example = NULL;
      g_autofree char *advice = NULL;

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (heading), icon);
      gtk_box_append (GTK_BOX (heading),
                      make_label (japanese ? problem->reason_ja : problem->reason, NULL));
      gtk_widget_set_hexpand (gtk_widget_get_last_child (heading), TRUE);
      gtk_box_append (GTK_BOX (box), heading);

      /* TRANSLATORS: followed by the example quoted from JRCA AI340 (in Japanese) */
      example = g_strdup_printf (_("JRCA's example of this: %s"), problem->seed_example);
      gtk_box_append (GTK_BOX (box), make_label (example, "dim-label"));
      /* TRANSLATORS: followed by JRCA's advice quoted from JRCA AI340 (in Japanese) */
      advice = g_strdup_printf (_("JRCA asks: %s"), problem->seed_advice);
      gtk_box_append (GTK_BOX (box), make_label (advice, "dim-label"));
      gtk_widget_add_css_class (box, "cpd-lint-problem");
      gtk_box_append (self->lint_box, box);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lint_box), self->problems->len > 0);
  if (learned == NULL)
    gtk_label_set_label (self->lint_ok_label,
                         _("Describe what you learned to have it checked. Kinds 3 and 4 need "
                           "it on form 4B."));
  else if (self->problems->len == 0)
    gtk_label_set_label (self->lint_ok_label,
                         _("No problem found: the text reads as your own account of what you "
                           "learned."));
  gtk_widget_set_visible (GTK_WIDGET (self->lint_ok_label), self->problems->len == 0);
}

static CpvJrcaCpd *
build_cpd (CpvJrcaCpdEditor  *self,
           char             **message)
{
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  const char *date_text = entry_text (self->date_row);

  cpd->id = self->cpd_id;
  cpd->credential_id = self->credential_id;
  if (cpv_date_is_valid_iso (date_text))
    cpv_day_parse (date_text, &cpd->date);
  cpd->hours = gtk_spin_button_get_value (self->hours_spin);
  cpd->kind = (CpvJrcaCpdKind) adw_combo_row_get_selected (self->kind_row);
  cpd->title = entry_dup (self->title_row);
  cpd->provider = entry_dup (self->provider_row);
  cpd->purpose = buffer_dup (self->purpose_buffer);
  cpd->learned = buffer_dup (self->learned_buffer);
  cpd->has_certificate = gtk_switch_get_active (self->certificate_switch);
  cpd->has_program = gtk_switch_get_active (self->program_switch);
  cpd->body_signature = gtk_switch_get_active (self->signature_switch);
  cpd->has_schedule = gtk_switch_get_active (self->schedule_switch);

  if (*date_text != '\0' && cpd->date == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  if (cpd->date == 0)
    *message = g_strdup (_("Type the date of the CPD as YYYY-MM-DD, e.g. 2025-06-12."));
  else if (cpd->hours <= 0)
    *message = g_strdup (_("Enter the hours, e.g. 1.5."));
  else if (cpd->title == NULL)
    *message = g_strdup (_("Enter the title or theme of the CPD."));
  else
    {
      g_autoptr(GError) error = NULL;

      if (!cpv_jrca_cpd_validate (cpd, &error))
        *message = g_strdup (error->message);
    }
  return g_steal_pointer (&cpd);
}

static void
update (CpvJrcaCpdEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaCpd) cpd = NULL;

  if (self->filling)
    return;
  cpd = build_cpd (self, &message);

  gtk_label_set_label (self->kind_label, kind_evidence (cpd->kind));
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->certificate_switch),
                                                   ADW_TYPE_ACTION_ROW),
                          cpd->kind == CPV_JRCA_CPD_JRCA_COURSE ||
                          cpd->kind == CPV_JRCA_CPD_IAF_BODY_TRAINING);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->program_switch),
                                                   ADW_TYPE_ACTION_ROW),
                          cpd->kind == CPV_JRCA_CPD_IAF_BODY_TRAINING);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->signature_switch),
                                                   ADW_TYPE_ACTION_ROW),
                          cpd->kind == CPV_JRCA_CPD_IAF_BODY_TRAINING);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->schedule_switch),
                                                   ADW_TYPE_ACTION_ROW),
                          cpd->kind == CPV_JRCA_CPD_AUDIT_EXPERIENCE);

  /* Kinds 3 and 4 need only the form 4B below: no evidence switch applies. */
  gtk_widget_set_visible (self->evidence_group,
                          cpd->kind != CPV_JRCA_CPD_OTHER_TRAINING &&
                          cpd->kind != CPV_JRCA_CPD_SELF_STUDY);

  show_problems (self);

  if (!self->save_tried && self->cpd_id == 0)
    g_clear_pointer (&message, g_free);
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label),
                                                    ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static void
changed_cb (CpvJrcaCpdEditor *self)
{
  update (self);
}

/* Linking a file set the record's flag in the vault (never cleared by unlinking): show what
 * is stored now, keeping the rest of the form as typed. */
/* Save waits while a file is stored: the link sets a flag that Save would write back. */
static void
files_busy_cb (CpvJrcaCpdEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            !cpv_jrca_files_get_busy (self->files_group));
}

static void
files_changed_cb (CpvJrcaCpdEditor *self)
{
  CpvVault *vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  g_autoptr(CpvJrcaCpd) stored = NULL;

  if (vault == NULL || self->cpd_id == 0)
    return;
  stored = cpv_vault_get_jrca_cpd (vault, self->cpd_id, NULL);
  if (stored == NULL)
    return;
  if (stored->has_certificate)
    gtk_switch_set_active (self->certificate_switch, TRUE);
  if (stored->has_program)
    gtk_switch_set_active (self->program_switch, TRUE);
  if (stored->has_schedule)
    gtk_switch_set_active (self->schedule_switch, TRUE);
  update (self);
}

static void
save_clicked_cb (CpvJrcaCpdEditor *self)
{
  g_autofree char *message = NULL;
  g_autoptr(CpvJrcaCpd) cpd = build_cpd (self, &message);
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

  if (self->cpd_id == 0)
    saved = cpv_vault_add_jrca_cpd (vault, cpd, &error) > 0;
  else
    saved = cpv_vault_update_jrca_cpd (vault, cpd, &error);
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
                          adw_toast_new (self->cpd_id == 0 ? _("CPD record added")
                                                           : _("CPD record saved")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_buffer (GtkTextBuffer *buffer,
            const char    *text)
{
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static void
fill (CpvJrcaCpdEditor *self,
      const CpvJrcaCpd *cpd)
{
  g_autofree char *date = cpd->date != 0 ? cpv_day_format (cpd->date) : g_strdup ("");

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_spin_button_set_value (self->hours_spin, cpd->hours);
  adw_combo_row_set_selected (self->kind_row, cpd->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), cpd->title != NULL ? cpd->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->provider_row),
                         cpd->provider != NULL ? cpd->provider : "");
  set_buffer (self->purpose_buffer, cpd->purpose);
  set_buffer (self->learned_buffer, cpd->learned);
  gtk_switch_set_active (self->certificate_switch, cpd->has_certificate);
  gtk_switch_set_active (self->program_switch, cpd->has_program);
  gtk_switch_set_active (self->signature_switch, cpd->body_signature);
  gtk_switch_set_active (self->schedule_switch, cpd->has_schedule);
  self->filling = FALSE;
}

static void
cpv_jrca_cpd_editor_dispose (GObject *object)
{
  CpvJrcaCpdEditor *self = CPV_JRCA_CPD_EDITOR (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->problems, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_JRCA_CPD_EDITOR);

  G_OBJECT_CLASS (cpv_jrca_cpd_editor_parent_class)->dispose (object);
}

static void
cpv_jrca_cpd_editor_class_init (CpvJrcaCpdEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_jrca_cpd_editor_dispose;

  g_type_ensure (CPV_TYPE_JRCA_FILES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-jrca-cpd-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, certificate_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, program_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, signature_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, purpose_buffer);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, learned_buffer);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, learned_view);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, lint_box);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, lint_ok_label);
  gtk_widget_class_bind_template_child (widget_class, CpvJrcaCpdEditor, files_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_busy_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_jrca_cpd_editor_init (CpvJrcaCpdEditor *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

/**
 * cpv_jrca_cpd_editor_new:
 * @cpd: (nullable): the record to change, or %NULL to add one
 *
 * Returns: (transfer full): the editor, not yet shown
 */
CpvJrcaCpdEditor *
cpv_jrca_cpd_editor_new (GtkWindow        *parent,
                         CpvSession       *session,
                         gint64            credential_id,
                         const CpvJrcaCpd *cpd)
{
  CpvJrcaCpdEditor *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_JRCA_CPD_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->credential_id = credential_id;
  if (cpd != NULL)
    {
      self->cpd_id = cpd->id;
      fill (self, cpd);
      adw_window_title_set_title (self->window_title, _("CPD Record"));
    }
  else
    {
      g_autofree char *today = cpv_day_format (cpv_day_today ());

      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      adw_combo_row_set_selected (self->kind_row, CPV_JRCA_CPD_OTHER_TRAINING);
      self->filling = FALSE;
      adw_window_title_set_title (self->window_title, _("New CPD Record"));
    }
  /* TRANSLATORS: the subtitle of the CPD record editor */
  adw_window_title_set_subtitle (self->window_title, _("Forms 4A and 4B"));
  cpv_jrca_files_set_record (self->files_group, session, CPV_JRCA_RECORD_CPD, self->cpd_id);
  update (self);
  return self;
}

/**
 * cpv_jrca_cpd_editor_get_problems:
 *
 * Returns: (transfer none) (element-type CpvCpdLintProblem): the form 4B problems shown
 */
GArray *
cpv_jrca_cpd_editor_get_problems (CpvJrcaCpdEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_CPD_EDITOR (self), NULL);
  return self->problems;
}

/**
 * cpv_jrca_cpd_editor_get_message:
 *
 * Returns: (nullable): what has to be fixed before the record can be saved
 */
const char *
cpv_jrca_cpd_editor_get_message (CpvJrcaCpdEditor *self)
{
  g_return_val_if_fail (CPV_IS_JRCA_CPD_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label) : NULL;
}
