/* cpv-activity-editor.c — the form that adds or edits one activity
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-activity-editor"

#include "config.h"

#include "cpv-activity-editor.h"

#include <glib/gi18n.h>

#include "cpv-attach-queue.h"
#include "cpv-credits.h"
#include "cpv-evidence-util.h"
#include "cpv-evidence.h"
#include "cpv-isbn.h"
#include "cpv-records.h"
#include "cpv-words.h"

/* Files are stored as soon as they are attached (encrypted, in a thread, with a Cancel
 * button), unlinked; Save links them to the activity in the same step that writes it. Closing
 * without saving removes the files this form stored, so that nothing is left half-saved. A file
 * whose content the vault already held is linked, never removed. */

typedef struct
{
  gint64    evidence_id;
  gboolean  newly_stored;   /* this form stored it: removed again on Cancel */
} PendingEvidence;

struct _CpvActivityEditor
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkButton          *save_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwEntryRow        *title_row;
  AdwComboRow        *category_row;
  AdwEntryRow        *start_row;
  AdwEntryRow        *end_row;
  GtkCalendar        *start_calendar;
  GtkCalendar        *end_calendar;
  AdwEntryRow        *provider_row;
  GtkSpinButton      *hours_spin;
  GtkSwitch          *follow_switch;
  AdwActionRow       *credits_row;
  GtkSpinButton      *credits_spin;
  AdwPreferencesGroup *credentials_group;
  AdwPreferencesGroup *book_group;
  AdwEntryRow        *isbn_row;
  AdwEntryRow        *author_row;
  AdwPreferencesGroup *magazine_group;
  AdwEntryRow        *publisher_row;
  GtkTextView        *description_view;
  GtkLabel           *counter_label;
  GtkSwitch          *submitted_switch;
  GtkSwitch          *auto_submitted_switch;
  AdwPreferencesGroup *evidence_group;
  GtkRevealer        *attach_revealer;
  GtkLabel           *attach_label;
  GtkProgressBar     *attach_progress;
  GtkListBox         *evidence_list;

  CpvSession         *session;
  gint64              activity_id;
  GPtrArray          *categories;        /* const CpvCategory *, owned by the registry */
  GPtrArray          *credential_rows;   /* AdwComboRow * */
  GHashTable         *chosen_groups;     /* credential id -> 'A', 'B' or '-' set by the person */
  GArray             *pending;           /* of PendingEvidence */
  GPtrArray          *linked;            /* CpvEvidence already linked to the activity */
  CpvAttachQueue      attach_queue;      /* of GFile */
  guint               updating;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (CpvActivityEditor, cpv_activity_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void attach_next (CpvActivityEditor *self);

/* Helpers ------------------------------------------------------------------------------- */

static CpvVault *
editor_vault (CpvActivityEditor *self)
{
  if (self->session == NULL)
    return NULL;
  return cpv_session_get_vault (self->session);
}

static const CpvCategory *
selected_category (CpvActivityEditor *self,
                   CpvProgram       **program)
{
  guint selected = adw_combo_row_get_selected (self->category_row);
  const CpvCategory *category;

  if (program != NULL)
    *program = NULL;
  if (self->categories == NULL || selected >= self->categories->len)
    return NULL;
  category = g_ptr_array_index (self->categories, selected);
  if (program != NULL && self->session != NULL)
    cpv_program_registry_lookup_category (cpv_session_get_registry (self->session),
                                          category->key, program);
  return category;
}

static char *
editable_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static char *
nonempty_text (gpointer editable)
{
  char *text = editable_text (editable);

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
description_text (CpvActivityEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (CpvActivityEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_busy (CpvActivityEditor *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
select_day (GtkCalendar *calendar,
            const char  *iso)
{
  CpvDay day;
  int year, month, mday;
  g_autoptr(GDateTime) date = NULL;

  if (!cpv_day_parse (iso, &day))
    return;
  cpv_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 12, 0, 0);
  if (date != NULL)
    gtk_calendar_select_day (calendar, date);
}

static char *
format_size (goffset size)
{
  return g_format_size (size);
}

/* Credits ------------------------------------------------------------------------------- */

static void
update_cap_warning (CpvActivityEditor *self)
{
  CpvProgram *program = NULL;
  const CpvCategory *category = selected_category (self, &program);
  double credits = gtk_spin_button_get_value (self->credits_spin);
  CpvCreditCap cap;
  g_autofree char *subtitle = NULL;

  cpv_credits_cap (program, category, &cap);
  if (cap.credits >= 0 && credits > cap.credits + 1e-9)
    {
      if (cap.per != NULL)
        /* TRANSLATORS: a cap: the number, what it counts per ("book", from the program file), and the
         * rule tag, e.g. "Over the maximum of 5.00 credits per book (ISC2-CAT-1): only 5.00 count." */
        subtitle = g_strdup_printf (_("Over the maximum of %.2f credits per %s (%s): only %.2f count."),
                                    cap.credits, cap.per, cap.rule ? cap.rule : "",
                                    cap.credits);
      else
        subtitle = g_strdup_printf (_("Over the maximum of %.2f credits per activity (%s): only "
                                      "%.2f count."),
                                    cap.credits, cap.rule ? cap.rule : "", cap.credits);
      gtk_widget_add_css_class (GTK_WIDGET (self->credits_row), "warning");
    }
  else
    {
      if (cap.credits >= 0)
        subtitle = g_strdup_printf (_("At most %.2f"), cap.credits);
      gtk_widget_remove_css_class (GTK_WIDGET (self->credits_row), "warning");
    }
  adw_action_row_set_subtitle (self->credits_row, subtitle != NULL ? subtitle : "");
}

static void
follow_hours (CpvActivityEditor *self)
{
  CpvProgram *program = NULL;

  if (!gtk_switch_get_active (self->follow_switch))
    return;
  selected_category (self, &program);
  self->updating++;
  gtk_spin_button_set_value (self->credits_spin,
                             cpv_credits_from_hours (program,
                                                     gtk_spin_button_get_value (self->hours_spin)));
  self->updating--;
}

static void
update_credit_step (CpvActivityEditor *self)
{
  CpvProgram *program = NULL;
  double step;

  selected_category (self, &program);
  step = program != NULL ? cpv_program_get_credit_step (program) : 0;
  if (step <= 0)
    step = 0.25;
  gtk_spin_button_set_increments (self->credits_spin, step, 1);
}

/* Credentials --------------------------------------------------------------------------- */

static char
row_group (AdwComboRow *row)
{
  switch (adw_combo_row_get_selected (row))
    {
    case 0:
      return 'A';
    case 1:
      return 'B';
    default:
      return '-';
    }
}

static void
credential_group_changed_cb (CpvActivityEditor *self,
                             GParamSpec        *pspec,
                             AdwComboRow       *row)
{
  gint64 *id;

  if (self->updating > 0)
    return;
  id = g_object_get_data (G_OBJECT (row), "cpv-credential-id");
  g_hash_table_insert (self->chosen_groups, g_memdup2 (id, sizeof *id),
                       GINT_TO_POINTER ((int) row_group (row)));
}

/* Default groups come from the core (ISC2-CALC-5/6, ISC2-GRP-1): the category's group for every
 * credential of its program held on the end date. What the person chose stays. */
static void
rebuild_credentials (CpvActivityEditor *self)
{
  CpvProgram *program = NULL;
  const CpvCategory *category = selected_category (self, &program);
  GListModel *credentials;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CpvActivity) probe = cpv_activity_new ();
  guint n_rows = 0;

  for (guint i = 0; i < self->credential_rows->len; i++)
    adw_preferences_group_remove (self->credentials_group,
                                  g_ptr_array_index (self->credential_rows, i));
  g_ptr_array_set_size (self->credential_rows, 0);
  if (self->session == NULL || category == NULL || program == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->credentials_group), FALSE);
      return;
    }

  credentials = cpv_session_get_credentials (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    g_ptr_array_add (held, g_list_model_get_item (credentials, i));
  probe->category = g_strdup (category->key);
  probe->end_date = editable_text (self->end_row);
  cpv_program_registry_default_lines (cpv_session_get_registry (self->session), probe, held,
                                      NULL);

  self->updating++;
  for (guint i = 0; i < held->len; i++)
    {
      CpvCredential *credential = g_ptr_array_index (held, i);
      const char *groups[] = { _("Group A"), _("Group B"), _("Does Not Count"), NULL };
      g_autoptr(GtkStringList) model = NULL;
      AdwComboRow *row;
      char group = '-';
      gpointer chosen;

      if (g_strcmp0 (credential->program, cpv_program_get_id (program)) != 0)
        continue;
      for (guint j = 0; j < probe->credit_lines->len; j++)
        {
          const CpvCreditLine *line = &g_array_index (probe->credit_lines, CpvCreditLine, j);

          if (line->credential_id == credential->id)
            group = line->group;
        }
      if (g_hash_table_lookup_extended (self->chosen_groups, &credential->id, NULL, &chosen))
        group = (char) GPOINTER_TO_INT (chosen);

      model = gtk_string_list_new (groups);
      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), credential->code);
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, group == 'A' ? 0 : group == 'B' ? 1 : 2);
      g_object_set_data_full (G_OBJECT (row), "cpv-credential-id",
                              g_memdup2 (&credential->id, sizeof credential->id), g_free);
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (credential_group_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->credentials_group, GTK_WIDGET (row));
      g_ptr_array_add (self->credential_rows, row);
      n_rows++;
    }
  self->updating--;
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_group), n_rows > 0);
}

/* Description counter ------------------------------------------------------------------- */

/* Words of a Japanese text as Pango splits it (Unicode word boundaries): an estimate, since
 * Japanese is written without spaces. */
static guint
pango_word_estimate (const char *text)
{
  int n_chars = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  guint words = 0;

  pango_get_log_attrs (text, -1, -1, pango_language_from_string ("ja"), attrs, n_chars + 1);
  for (int i = 0; i < n_chars; i++)
    if (attrs[i].is_word_start)
      words++;
  return words;
}

static void
update_counter (CpvActivityEditor *self)
{
  const CpvCategory *category = selected_category (self, NULL);
  g_autofree char *text = description_text (self);
  g_autofree char *label = NULL;
  CpvWordCount count;
  int limit = category != NULL ? category->description_max_words : 0;
  guint words;

  cpv_words_count_full (text, &count);
  if (count.cjk_characters > 0)
    {
      words = pango_word_estimate (text);
      if (limit > 0)
        /* TRANSLATORS: the live counter under a Japanese description: characters, the word
         * estimate, and the limit of ISC2-REC-4 */
        label = g_strdup_printf (_("%u characters · about %u of %d words"),
                                 (guint) g_utf8_strlen (text, -1), words, limit);
      else
        label = g_strdup_printf (_("%u characters · about %u words"),
                                 (guint) g_utf8_strlen (text, -1), words);
    }
  else
    {
      words = count.words;
      if (limit > 0)
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %d word",
                                              "%u of %d words", limit),
                                 words, limit);
      else
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words),
                                 words);
    }
  gtk_label_set_text (self->counter_label, label);
  if (limit > 0 && words > (guint) limit)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
}

/* Evidence ------------------------------------------------------------------------------ */

static GtkWidget *
evidence_row_new (CpvEvidence *evidence,
                  gboolean     already_stored,
                  gboolean     pending)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (cpv_evidence_icon_name (evidence->media_type));
  g_autofree char *size = format_size (evidence->size);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), evidence->file_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (already_stored)
    /* TRANSLATORS: the kind of evidence, its size, and the dedup note */
    subtitle = g_strdup_printf (_("%s · %s · Already stored: linked, not stored twice"),
                                cpv_evidence_kind_label (evidence->kind), size);
  else if (pending)
    subtitle = g_strdup_printf (_("%s · %s · Linked when you save"),
                                cpv_evidence_kind_label (evidence->kind), size);
  else
    subtitle = g_strdup_printf ("%s · %s", cpv_evidence_kind_label (evidence->kind), size);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "cpv-evidence-row");
  return row;
}

static void
update_evidence_placeholder (CpvActivityEditor *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No evidence yet"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->evidence_list, placeholder);
}

static const char *
default_evidence_kind (CpvActivityEditor *self)
{
  const CpvCategory *category = selected_category (self, NULL);
  const char * const *stored = cpv_evidence_kinds ();

  if (category != NULL && category->evidence_kinds != NULL)
    for (guint i = 0; stored[i] != NULL; i++)
      if (g_strv_contains ((const char * const *) category->evidence_kinds, stored[i]))
        return stored[i];
  return "certificate";
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpvActivityEditor *self = user_data;   /* a reference, dropped below */
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  gboolean already_stored = FALSE;

  evidence = cpv_vault_attach_file_finish (CPV_VAULT (source), result, &already_stored, &error);
  if (evidence == NULL)
    {
      /* Cancel (or a failure) stops the whole queue. */
      if (cpv_attach_queue_failed (&self->attach_queue, error))
        show_error (self, error->message);
    }
  else
    {
      PendingEvidence pending = { evidence->id, !already_stored };
      gboolean known = FALSE;

      for (guint i = 0; i < self->pending->len; i++)
        known |= g_array_index (self->pending, PendingEvidence, i).evidence_id == evidence->id;
      for (guint i = 0; i < self->linked->len; i++)
        known |= ((CpvEvidence *) g_ptr_array_index (self->linked, i))->id == evidence->id;
      if (!known)
        {
          g_array_append_val (self->pending, pending);
          gtk_list_box_append (self->evidence_list,
                               evidence_row_new (evidence, already_stored, TRUE));
        }
      if (!already_stored)
        cpv_attach_queue_index (&self->attach_queue, CPV_VAULT (source), evidence->id);
    }

  cpv_attach_queue_finish (&self->attach_queue);
  set_busy (self, FALSE);
  if (!cpv_attach_queue_is_empty (&self->attach_queue) && self->session != NULL)
    attach_next (self);
  g_object_unref (self);
}

static void
attach_next (CpvActivityEditor *self)
{
  g_autoptr(GFile) file = cpv_attach_queue_pop (&self->attach_queue);
  CpvEvidenceMeta meta = { 0 };
  CpvVault *vault = editor_vault (self);
  GCancellable *cancellable;

  if (file == NULL || vault == NULL)
    return;
  cancellable = cpv_attach_queue_start (&self->attach_queue, file);
  set_busy (self, TRUE);
  show_error (self, NULL);

  meta.kind = default_evidence_kind (self);
  cpv_vault_attach_file_async (vault, 0, file, &meta, cancellable, attached_cb,
                               g_object_ref (self));
}

static void
remove_unsaved_evidence (CpvActivityEditor *self)
{
  CpvVault *vault = editor_vault (self);

  for (guint i = 0; vault != NULL && i < self->pending->len; i++)
    {
      PendingEvidence *pending = &g_array_index (self->pending, PendingEvidence, i);
      g_autoptr(GArray) users = NULL;

      if (!pending->newly_stored || !cpv_vault_is_open (vault))
        continue;
      /* Another activity may have linked the same content meanwhile: keep it then. */
      users = cpv_vault_list_evidence_activities (vault, pending->evidence_id, NULL);
      if (users != NULL && users->len == 0)
        cpv_vault_remove_evidence (vault, pending->evidence_id, NULL);
    }
  g_array_set_size (self->pending, 0);
}

/* Callbacks ----------------------------------------------------------------------------- */

static void
category_changed_cb (CpvActivityEditor *self)
{
  const CpvCategory *category = selected_category (self, NULL);
  gboolean book = FALSE, magazine = FALSE;

  if (category != NULL && category->required_fields != NULL)
    {
      book = g_strv_contains ((const char * const *) category->required_fields, "isbn")
             || g_strv_contains ((const char * const *) category->required_fields, "author");
      magazine = g_strv_contains ((const char * const *) category->required_fields, "publisher");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->book_group), book);
  gtk_widget_set_visible (GTK_WIDGET (self->magazine_group), magazine);
  update_credit_step (self);
  follow_hours (self);
  update_cap_warning (self);
  update_counter (self);
  rebuild_credentials (self);
}

static void
date_changed_cb (CpvActivityEditor *self,
                 AdwEntryRow       *row)
{
  g_autofree char *text = editable_text (row);
  CpvDay day;
  gboolean valid = text[0] == '\0' || cpv_day_parse (text, &day);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (self->updating > 0)
    return;
  self->updating++;
  select_day (row == self->start_row ? self->start_calendar : self->end_calendar, text);
  self->updating--;
  if (row == self->end_row)
    rebuild_credentials (self);
}

static void
day_selected (CpvActivityEditor *self,
              GtkCalendar       *calendar,
              AdwEntryRow       *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  if (self->updating > 0)
    return;
  date = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (date, "%Y-%m-%d");
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (row), iso);
  self->updating--;
  if (row == self->end_row)
    rebuild_credentials (self);
}

static void
start_day_selected_cb (CpvActivityEditor *self,
                       GtkCalendar       *calendar)
{
  day_selected (self, calendar, self->start_row);
}

static void
end_day_selected_cb (CpvActivityEditor *self,
                     GtkCalendar       *calendar)
{
  day_selected (self, calendar, self->end_row);
}

static void
hours_changed_cb (CpvActivityEditor *self)
{
  follow_hours (self);
  update_cap_warning (self);
}

static void
credits_changed_cb (CpvActivityEditor *self)
{
  /* Typing credits by hand stops them following the hours. */
  if (self->updating == 0)
    gtk_switch_set_active (self->follow_switch, FALSE);
  update_cap_warning (self);
}

static void
follow_changed_cb (CpvActivityEditor *self)
{
  follow_hours (self);
  update_cap_warning (self);
}

static const char *
isbn_problem (CpvIsbnCheck check)
{
  switch (check)
    {
    case CPV_ISBN_BAD_CHARACTERS:
      return _("An ISBN has only digits, hyphens and a final X.");
    case CPV_ISBN_BAD_LENGTH:
      return _("An ISBN has 10 or 13 digits.");
    case CPV_ISBN_BAD_PREFIX:
      return _("An ISBN-13 starts with 978 or 979.");
    case CPV_ISBN_BAD_CHECK_DIGIT:
      return _("The check digit does not match: look for a typing error.");
    case CPV_ISBN_VALID:
    case CPV_ISBN_EMPTY:
    default:
      return NULL;
    }
}

static void
isbn_changed_cb (CpvActivityEditor *self)
{
  g_autofree char *text = editable_text (self->isbn_row);
  const char *problem = isbn_problem (cpv_isbn_check (text, NULL));

  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->isbn_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->isbn_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->isbn_row), problem);
  adw_preferences_group_set_description (self->book_group,
                                         problem != NULL
                                         ? problem
                                         : _("Keep the author and ISBN with the record "
                                             "(ISC2-REC-2)."));
}

static void
description_changed_cb (CpvActivityEditor *self)
{
  update_counter (self);
}

static void
attach_clicked_cb (CpvActivityEditor *self)
{
  cpv_attach_queue_choose_files (GTK_WIDGET (self),
                                 (CpvAttachFilesFunc) cpv_activity_editor_attach_files);
}

static void
attach_cancel_clicked_cb (CpvActivityEditor *self)
{
  cpv_attach_queue_cancel (&self->attach_queue);
}

static gboolean
files_dropped_cb (CpvActivityEditor *self,
                  const GValue      *value,
                  double             x,
                  double             y)
{
  g_autoptr(GListModel) files = cpv_attach_queue_dropped_files (value);

  if (files == NULL)
    return FALSE;
  cpv_activity_editor_attach_files (self, files);
  return TRUE;
}

static void
save_clicked_cb (CpvActivityEditor *self)
{
  cpv_activity_editor_save (self);
}

static void
category_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (GPOINTER_TO_INT (list))
    {
      GtkWidget *program = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (program), 0);
      gtk_widget_add_css_class (program, "dim-label");
      gtk_widget_add_css_class (program, "caption");
      gtk_box_append (GTK_BOX (box), program);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, box);
}

static void
category_bind_cb (CpvActivityEditor *self,
                  GtkListItem       *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *program_label = gtk_widget_get_next_sibling (label);
  GtkStringObject *key = gtk_list_item_get_item (item);
  const CpvCategory *category;
  CpvProgram *program = NULL;

  /* By key: the row's own display of the selected item has no position in the list. */
  if (key == NULL || self->session == NULL)
    return;
  category = cpv_program_registry_lookup_category (cpv_session_get_registry (self->session),
                                                   gtk_string_object_get_string (key),
                                                   &program);
  if (category == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (label), cpv_category_get_localized_name (category));
  if (program_label != NULL)
    gtk_label_set_text (GTK_LABEL (program_label),
                        program != NULL ? cpv_program_get_localized_name (program) : "");
}

/* Overrides ----------------------------------------------------------------------------- */

static gboolean
cpv_activity_editor_close_request (GtkWindow *window)
{
  CpvActivityEditor *self = CPV_ACTIVITY_EDITOR (window);

  cpv_attach_queue_cancel (&self->attach_queue);
  remove_unsaved_evidence (self);

  return GTK_WINDOW_CLASS (cpv_activity_editor_parent_class)->close_request (window);
}

static void
cpv_activity_editor_dispose (GObject *object)
{
  CpvActivityEditor *self = CPV_ACTIVITY_EDITOR (object);

  cpv_attach_queue_clear (&self->attach_queue);
  if (self->pending != NULL)
    remove_unsaved_evidence (self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_ACTIVITY_EDITOR);

  G_OBJECT_CLASS (cpv_activity_editor_parent_class)->dispose (object);
}

static void
cpv_activity_editor_finalize (GObject *object)
{
  CpvActivityEditor *self = CPV_ACTIVITY_EDITOR (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->credential_rows, g_ptr_array_unref);
  g_clear_pointer (&self->chosen_groups, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->linked, g_ptr_array_unref);

  G_OBJECT_CLASS (cpv_activity_editor_parent_class)->finalize (object);
}

static void
cpv_activity_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CpvActivityEditor *self = CPV_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_activity_editor_class_init (CpvActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cpv_activity_editor_dispose;
  object_class->finalize = cpv_activity_editor_finalize;
  object_class->get_property = cpv_activity_editor_get_property;
  window_class->close_request = cpv_activity_editor_close_request;

  /**
   * CpvActivityEditor:busy:
   *
   * A file is being stored; Save waits for it.
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CpvActivityEditor::saved:
   * @activity_id: the id of the activity written
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, follow_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, credits_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, credits_spin);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, book_group);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, isbn_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, author_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, magazine_group);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, publisher_row);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, counter_label);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, submitted_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, auto_submitted_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, attach_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, attach_label);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, attach_progress);
  gtk_widget_class_bind_template_child (widget_class, CpvActivityEditor, evidence_list);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, hours_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credits_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, isbn_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_activity_editor_init (CpvActivityEditor *self)
{
  GtkDropTarget *drop;
  GtkListItemFactory *factory;

  self->credential_rows = g_ptr_array_new ();
  self->chosen_groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingEvidence));
  self->linked = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  cpv_attach_queue_init (&self->attach_queue, g_object_unref, self->attach_revealer,
                         self->attach_label, self->attach_progress);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (category_setup_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect_object (factory, "bind", G_CALLBACK (category_bind_cb), self,
                           G_CONNECT_SWAPPED);
  adw_combo_row_set_factory (self->category_row, factory);
  g_object_unref (factory);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (category_setup_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect_object (factory, "bind", G_CALLBACK (category_bind_cb), self,
                           G_CONNECT_SWAPPED);
  adw_combo_row_set_list_factory (self->category_row, factory);
  g_object_unref (factory);

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  update_evidence_placeholder (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (files_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Public API ---------------------------------------------------------------------------- */

static void
load_categories (CpvActivityEditor *self)
{
  CpvProgramRegistry *registry = cpv_session_get_registry (self->session);
  GPtrArray *programs = cpv_program_registry_get_programs (registry);
  g_autoptr(GtkStringList) keys = gtk_string_list_new (NULL);

  self->categories = g_ptr_array_new ();
  /* Grouped by program, in the order of the program files. */
  for (guint i = 0; programs != NULL && i < programs->len; i++)
    {
      GPtrArray *categories = cpv_program_get_categories (g_ptr_array_index (programs, i));

      for (guint j = 0; categories != NULL && j < categories->len; j++)
        {
          const CpvCategory *category = g_ptr_array_index (categories, j);

          g_ptr_array_add (self->categories, (gpointer) category);
          gtk_string_list_append (keys, category->key);
        }
    }
  self->updating++;
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (keys));
  self->updating--;
}

static void
select_category (CpvActivityEditor *self,
                 const char        *key)
{
  for (guint i = 0; i < self->categories->len; i++)
    if (g_strcmp0 (((const CpvCategory *) g_ptr_array_index (self->categories, i))->key,
                   key) == 0)
      {
        adw_combo_row_set_selected (self->category_row, i);
        return;
      }
}

static void
fill_from_activity (CpvActivityEditor *self,
                    CpvActivity       *activity)
{
  CpvVault *vault = editor_vault (self);
  g_autoptr(GPtrArray) evidence = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), activity->title);
  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      g_hash_table_insert (self->chosen_groups,
                           g_memdup2 (&line->credential_id, sizeof line->credential_id),
                           GINT_TO_POINTER ((int) line->group));
    }
  /* Credentials of the program without a line do not count this activity. */
  {
    GListModel *credentials = cpv_session_get_credentials (self->session);

    for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
      {
        g_autoptr(CpvCredential) credential = g_list_model_get_item (credentials, i);

        if (!g_hash_table_contains (self->chosen_groups, &credential->id))
          g_hash_table_insert (self->chosen_groups,
                               g_memdup2 (&credential->id, sizeof credential->id),
                               GINT_TO_POINTER ((int) '-'));
      }
  }
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), activity->start_date);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), activity->end_date);
  select_category (self, activity->category);
  gtk_editable_set_text (GTK_EDITABLE (self->provider_row),
                         activity->provider ? activity->provider : "");
  gtk_spin_button_set_value (self->hours_spin, activity->hours > 0 ? activity->hours : 0);
  /* Stored credits that differ from what the hours give were chosen by the person. */
  {
    CpvProgram *program = NULL;

    selected_category (self, &program);
    gtk_switch_set_active (self->follow_switch,
                           activity->hours > 0
                           && cpv_credits_from_hours (program, activity->hours)
                              == activity->credits);
  }
  self->updating++;
  gtk_spin_button_set_value (self->credits_spin, activity->credits);
  self->updating--;
  gtk_editable_set_text (GTK_EDITABLE (self->isbn_row), activity->isbn ? activity->isbn : "");
  gtk_editable_set_text (GTK_EDITABLE (self->author_row),
                         activity->author ? activity->author : "");
  gtk_editable_set_text (GTK_EDITABLE (self->publisher_row),
                         activity->publisher ? activity->publisher : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            activity->description ? activity->description : "", -1);
  gtk_switch_set_active (self->submitted_switch, activity->submitted);
  gtk_switch_set_active (self->auto_submitted_switch, activity->auto_submitted);

  evidence = cpv_vault_list_evidence (vault, activity->id, NULL);
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      CpvEvidence *item = g_ptr_array_index (evidence, i);

      gtk_list_box_append (self->evidence_list, evidence_row_new (item, FALSE, FALSE));
      g_ptr_array_add (self->linked, g_object_ref (item));
    }
  rebuild_credentials (self);
  update_cap_warning (self);
}

/**
 * cpv_activity_editor_new:
 * @session: the unlocked vault's session
 * @activity_id: the activity to edit, or 0 for a new one
 *
 * Returns: (transfer full): a form for the activity; present it transient for the window
 */
CpvActivityEditor *
cpv_activity_editor_new (CpvSession *session,
                         gint64      activity_id)
{
  CpvActivityEditor *self;
  g_autoptr(CpvActivity) activity = NULL;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);

  self = g_object_new (CPV_TYPE_ACTIVITY_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->activity_id = activity_id;
  load_categories (self);

  if (activity_id > 0)
    activity = cpv_vault_get_activity (cpv_session_get_vault (session), activity_id, NULL);
  if (activity != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Activity"));
      adw_window_title_set_title (self->window_title, _("Edit Activity"));
      fill_from_activity (self, activity);
    }
  else
    {
      g_autofree char *today = cpv_day_format (cpv_day_today ());

      self->activity_id = 0;
      gtk_window_set_title (GTK_WINDOW (self), _("New Activity"));
      adw_window_title_set_title (self->window_title, _("New Activity"));
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), today);
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), today);
      select_category (self, "isc2.education.course");
      category_changed_cb (self);
    }
  isbn_changed_cb (self);
  update_counter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

/**
 * cpv_activity_editor_get_activity_id:
 *
 * Returns: the edited activity, or 0 for a new one not saved yet
 */
gint64
cpv_activity_editor_get_activity_id (CpvActivityEditor *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITY_EDITOR (self), 0);
  return self->activity_id;
}

gboolean
cpv_activity_editor_get_busy (CpvActivityEditor *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITY_EDITOR (self), FALSE);
  return self->busy;
}

/**
 * cpv_activity_editor_attach_files:
 * @files: (element-type GFile): files to store, one after the other
 */
void
cpv_activity_editor_attach_files (CpvActivityEditor *self,
                                  GListModel        *files)
{
  g_return_if_fail (CPV_IS_ACTIVITY_EDITOR (self));

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    cpv_attach_queue_push (&self->attach_queue, g_list_model_get_item (files, i));
  if (!self->busy)
    attach_next (self);
}

/* The checks the form can say in the person's language; the core checks again. */
static gboolean
check_form (CpvActivityEditor *self,
            CpvActivity       *activity)
{
  CpvDay start, end;
  const char *isbn_message;

  if (activity->title == NULL || activity->title[0] == '\0')
    {
      show_error (self, _("Enter a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }
  if (activity->category == NULL)
    {
      show_error (self, _("Choose a category."));
      return FALSE;
    }
  if (!cpv_day_parse (activity->start_date, &start))
    {
      show_error (self, _("Enter the start date as YYYY-MM-DD, or pick it in the calendar."));
      gtk_widget_grab_focus (GTK_WIDGET (self->start_row));
      return FALSE;
    }
  if (!cpv_day_parse (activity->end_date, &end))
    {
      show_error (self, _("Enter the end date as YYYY-MM-DD, or pick it in the calendar."));
      gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
      return FALSE;
    }
  if (end < start)
    {
      show_error (self, _("The activity ends before it starts. Check the dates."));
      gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
      return FALSE;
    }
  isbn_message = isbn_problem (cpv_isbn_check (activity->isbn, NULL));
  if (activity->isbn != NULL && isbn_message != NULL)
    {
      show_error (self, isbn_message);
      gtk_widget_grab_focus (GTK_WIDGET (self->isbn_row));
      return FALSE;
    }
  return TRUE;
}

/**
 * cpv_activity_editor_save:
 *
 * Validates the form through the core, writes the activity and links the attached files.
 * On failure the form stays open with the reason shown, and nothing was written.
 *
 * Returns: %TRUE when saved (the window then closes)
 */
gboolean
cpv_activity_editor_save (CpvActivityEditor *self)
{
  CpvVault *vault;
  const CpvCategory *category;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  gboolean book, magazine;

  g_return_val_if_fail (CPV_IS_ACTIVITY_EDITOR (self), FALSE);

  vault = editor_vault (self);
  if (vault == NULL || self->busy)
    return FALSE;

  if (self->activity_id > 0)
    activity = cpv_vault_get_activity (vault, self->activity_id, &error);
  else
    activity = cpv_activity_new ();
  if (activity == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  category = selected_category (self, NULL);
  book = gtk_widget_get_visible (GTK_WIDGET (self->book_group));
  magazine = gtk_widget_get_visible (GTK_WIDGET (self->magazine_group));
  g_free (activity->title);
  activity->title = editable_text (self->title_row);
  g_free (activity->category);
  activity->category = category != NULL ? g_strdup (category->key) : NULL;
  g_free (activity->start_date);
  activity->start_date = editable_text (self->start_row);
  g_free (activity->end_date);
  activity->end_date = editable_text (self->end_row);
  activity->hours = gtk_spin_button_get_value (self->hours_spin);
  if (activity->hours <= 0)
    activity->hours = -1;
  activity->credits = gtk_spin_button_get_value (self->credits_spin);
  g_free (activity->provider);
  activity->provider = nonempty_text (self->provider_row);
  g_free (activity->description);
  activity->description = g_strstrip (description_text (self));
  if (activity->description[0] == '\0')
    g_clear_pointer (&activity->description, g_free);
  g_free (activity->isbn);
  activity->isbn = book ? nonempty_text (self->isbn_row) : NULL;
  g_free (activity->author);
  activity->author = book ? nonempty_text (self->author_row) : NULL;
  g_free (activity->publisher);
  activity->publisher = magazine ? nonempty_text (self->publisher_row) : NULL;
  activity->submitted = gtk_switch_get_active (self->submitted_switch);
  activity->auto_submitted = gtk_switch_get_active (self->auto_submitted_switch);
  g_array_set_size (activity->credit_lines, 0);
  for (guint i = 0; i < self->credential_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->credential_rows, i);
      gint64 *credential_id = g_object_get_data (G_OBJECT (row), "cpv-credential-id");
      char group = row_group (row);

      if (group != '-')
        cpv_activity_add_credit_line (activity, *credential_id, group);
    }

  if (!check_form (self, activity))
    return FALSE;
  if (!cpv_activity_validate (activity, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  if (self->activity_id > 0)
    {
      if (!cpv_vault_update_activity (vault, activity, &error))
        {
          show_error (self, error->message);
          return FALSE;
        }
    }
  else
    {
      gint64 id = cpv_vault_add_activity (vault, activity, &error);

      if (id <= 0)
        {
          show_error (self, error->message);
          return FALSE;
        }
      self->activity_id = id;
    }

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingEvidence *pending = &g_array_index (self->pending, PendingEvidence, i);

      if (!cpv_vault_link_evidence (vault, self->activity_id, pending->evidence_id, &error))
        {
          /* The activity is written; the file stays in the list to be linked on the next Save. */
          g_array_remove_range (self->pending, 0, i);
          show_error (self, error->message);
          return FALSE;
        }
    }
  g_array_set_size (self->pending, 0);

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->activity_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
