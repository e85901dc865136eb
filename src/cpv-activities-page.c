/* cpv-activities-page.c — every activity, with its credits and evidence
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-activities-page"

#include "config.h"

#include "cpv-activities-page.h"

#include <glib/gi18n.h>

#include "cpv-evidence.h"
#include "cpv-readiness.h"
#include "cpv-records.h"
#include "cpv-search.h"
#include "cpv-window.h"

/* The session's activities go through one GtkFilterListModel (search, filters, rows waiting
 * to be deleted) and a GtkSortListModel driven by the column headers. Deleting hides the rows
 * at once and offers Undo; the vault forgets them when the toast goes away, or at once when
 * the vault is locked or the window closed. */

typedef enum
{
  COLUMN_TITLE,
  COLUMN_END_DATE,
  COLUMN_CATEGORY,
  COLUMN_CREDITS,
  COLUMN_CREDENTIALS,
  COLUMN_EVIDENCE,
  COLUMN_READY,
} Column;

typedef enum
{
  CYCLE_ANY,
  CYCLE_CURRENT,
  CYCLE_PREVIOUS,
} CycleFilter;

struct _CpvActivitiesPage
{
  GtkWidget            parent_instance;

  gboolean             narrow;           /* columns folded for a narrow window */
  guint                fold_idle_id;

  GtkSearchEntry      *search_entry;
  GtkDropDown         *credential_filter;
  GtkDropDown         *cycle_filter;
  GtkDropDown         *category_filter;
  GtkCheckButton      *missing_proof_check;
  GtkButton           *delete_button;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;

  CpvSession          *session;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  gulong               activities_changed_id;
  gulong               credentials_changed_id;

  GHashTable          *search_ids;      /* gint64 -> present; NULL when not searching */
  GHashTable          *hidden_ids;      /* waiting for the Undo toast to go */
  GArray              *pending_delete;  /* of gint64 */
  AdwToast            *delete_toast;
  GHashTable          *readiness;       /* gint64 -> char * gaps for people, "" when ready */
  GArray              *credential_ids;  /* of gint64, the credential filter's items after "All" */
  GPtrArray           *category_keys;   /* char *, the category filter's items after "All" */

  CpvActivityEditor   *editor;          /* weak */

  GCancellable        *cancellable;     /* attach and indexing; cancelled on lock */
  GQueue               attach_queue;    /* of GFile, for attach_activity_id */
  gint64               attach_activity_id;
  guint                n_attached;
  guint                n_already_stored;
  guint                pulse_id;
  gboolean             attaching;
  gboolean             indexing;
};

G_DEFINE_FINAL_TYPE (CpvActivitiesPage, cpv_activities_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void attach_next (CpvActivitiesPage *self);

/* Helpers ------------------------------------------------------------------------------- */

static CpvVault *
page_vault (CpvActivitiesPage *self)
{
  return self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
}

static CpvWindow *
page_window (CpvActivitiesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return CPV_IS_WINDOW (root) ? CPV_WINDOW (root) : NULL;
}

static void
add_toast (CpvActivitiesPage *self,
           AdwToast          *toast)
{
  CpvWindow *window = page_window (self);

  if (window != NULL)
    cpv_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

static const char *
category_label (CpvActivitiesPage *self,
                const char        *key)
{
  const CpvCategory *category = NULL;

  if (self->session != NULL)
    category = cpv_program_registry_lookup_category (cpv_session_get_registry (self->session),
                                                     key, NULL);
  return category != NULL ? cpv_category_get_localized_name (category) : key;
}

static char *
credentials_text (CpvActivitiesPage *self,
                  CpvActivity       *activity)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);
      CpvCredential *credential = self->session != NULL
                                  ? cpv_session_find_credential (self->session,
                                                                 line->credential_id)
                                  : NULL;

      if (credential == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a credential and the group an activity counts in for it, e.g. "CISSP (A)" */
      g_string_append_printf (text, _("%s (%c)"), credential->code, line->group);
    }
  return g_string_free (text, FALSE);
}

/* The gaps of one activity for an audit, as text for people; "" when ready. Cached until the
 * activities change. */
static const char *
readiness_gaps (CpvActivitiesPage *self,
                CpvActivity       *activity)
{
  g_autoptr(CpvRecordReadiness) readiness = NULL;
  const char *cached;
  GString *gaps;

  cached = g_hash_table_lookup (self->readiness, &activity->id);
  if (cached != NULL)
    return cached;
  if (self->session == NULL)
    return "";
  readiness = cpv_readiness_check_activity (page_vault (self),
                                            cpv_session_get_registry (self->session),
                                            activity->id, NULL);
  gaps = g_string_new (NULL);
  for (guint i = 0; readiness != NULL && i < readiness->gaps->len; i++)
    {
      const CpvReadinessGap *gap = g_ptr_array_index (readiness->gaps, i);

      if (gaps->len > 0)
        g_string_append_c (gaps, '\n');
      g_string_append_printf (gaps, "%s (%s)", gap->text, gap->rule);
    }
  cached = gaps->str;
  g_hash_table_insert (self->readiness, g_memdup2 (&activity->id, sizeof activity->id),
                       g_string_free (gaps, FALSE));
  return cached;
}

static void
update_view (CpvActivitiesPage *self)
{
  GListModel *all = self->session != NULL ? cpv_session_get_activities (self->session) : NULL;
  guint n_all = all != NULL ? g_list_model_get_n_items (all) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_hidden = self->hidden_ids != NULL ? g_hash_table_size (self->hidden_ids) : 0;

  if (n_all <= n_hidden)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
refilter (CpvActivitiesPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
}

static void
run_search (CpvActivitiesPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean blank = TRUE;

  for (const char *p = query; *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x3000;

  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  if (!blank && page_vault (self) != NULL)
    {
      ids = cpv_search_activities (page_vault (self), query, &error);
      self->search_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (ids == NULL)
        g_warning ("Search failed: %s", error->message);
      for (guint i = 0; ids != NULL && i < ids->len; i++)
        g_hash_table_add (self->search_ids,
                          g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
    }
  refilter (self);
}

/* Cycle filter: the cycle(s) of the chosen credential, or of any credential; an activity
 * belongs to the cycles active on its END date (ISC2-CALC-5). */
static gboolean
in_cycle (CpvActivitiesPage *self,
          CpvActivity       *activity,
          CycleFilter        cycle,
          gint64             credential_id)
{
  GListModel *credentials = cpv_session_get_credentials (self->session);
  CpvDay end;

  if (!cpv_day_parse (activity->end_date, &end))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    {
      g_autoptr(CpvCredential) credential = g_list_model_get_item (credentials, i);
      const CpvCredentialRules *rules;
      CpvDay start, stop;

      if (credential_id != 0 && credential->id != credential_id)
        continue;
      if (!cpv_day_parse (credential->cycle_start, &start)
          || !cpv_day_parse (credential->cycle_end, &stop))
        continue;
      if (cycle == CYCLE_PREVIOUS)
        {
          rules = cpv_program_registry_lookup_credential (cpv_session_get_registry (self->session),
                                                          credential->program, credential->code,
                                                          NULL);
          stop = start - 1;
          start = cpv_day_add_years (start, -(rules != NULL && rules->cycle_years > 0
                                              ? rules->cycle_years : 3));
        }
      if (end >= start && end <= stop)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_activity (gpointer item,
                 gpointer user_data)
{
  CpvActivitiesPage *self = user_data;
  CpvActivity *activity = item;
  guint credential_index = gtk_drop_down_get_selected (self->credential_filter);
  guint category_index = gtk_drop_down_get_selected (self->category_filter);
  CycleFilter cycle = gtk_drop_down_get_selected (self->cycle_filter);
  gint64 credential_id = 0;

  if (self->session == NULL)
    return FALSE;
  if (g_hash_table_contains (self->hidden_ids, &activity->id))
    return FALSE;
  if (self->search_ids != NULL && !g_hash_table_contains (self->search_ids, &activity->id))
    return FALSE;
  if (credential_index != GTK_INVALID_LIST_POSITION && credential_index > 0
      && credential_index - 1 < self->credential_ids->len)
    {
      gboolean counted = FALSE;

      credential_id = g_array_index (self->credential_ids, gint64, credential_index - 1);
      for (guint i = 0; i < activity->credit_lines->len; i++)
        counted |= g_array_index (activity->credit_lines, CpvCreditLine, i).credential_id
                   == credential_id;
      if (!counted)
        return FALSE;
    }
  if (category_index != GTK_INVALID_LIST_POSITION && category_index > 0
      && category_index - 1 < self->category_keys->len
      && g_strcmp0 (activity->category,
                    g_ptr_array_index (self->category_keys, category_index - 1)) != 0)
    return FALSE;
  if (cycle != CYCLE_ANY && (guint) cycle != GTK_INVALID_LIST_POSITION
      && !in_cycle (self, activity, cycle, credential_id))
    return FALSE;
  if (gtk_check_button_get_active (self->missing_proof_check)
      && readiness_gaps (self, activity)[0] == '\0')
    return FALSE;
  return TRUE;
}

static void
fill_filters (CpvActivitiesPage *self)
{
  g_autoptr(GtkStringList) credentials = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  const char *cycles[] = { _("Any Time"), _("Current Cycle"), _("Previous Cycle"), NULL };
  g_autoptr(GtkStringList) cycle_list = gtk_string_list_new (cycles);

  g_array_set_size (self->credential_ids, 0);
  g_ptr_array_set_size (self->category_keys, 0);
  gtk_string_list_append (credentials, _("All Credentials"));
  gtk_string_list_append (categories, _("All Categories"));
  if (self->session != NULL)
    {
      GListModel *held = cpv_session_get_credentials (self->session);
      GPtrArray *programs = cpv_program_registry_get_programs (cpv_session_get_registry (self->session));

      for (guint i = 0; i < g_list_model_get_n_items (held); i++)
        {
          g_autoptr(CpvCredential) credential = g_list_model_get_item (held, i);

          gtk_string_list_append (credentials, credential->code);
          g_array_append_val (self->credential_ids, credential->id);
        }
      for (guint i = 0; programs != NULL && i < programs->len; i++)
        {
          GPtrArray *list = cpv_program_get_categories (g_ptr_array_index (programs, i));

          for (guint j = 0; list != NULL && j < list->len; j++)
            {
              const CpvCategory *category = g_ptr_array_index (list, j);

              gtk_string_list_append (categories, cpv_category_get_localized_name (category));
              g_ptr_array_add (self->category_keys, g_strdup (category->key));
            }
        }
    }
  gtk_drop_down_set_model (self->credential_filter, G_LIST_MODEL (credentials));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->cycle_filter, G_LIST_MODEL (cycle_list));
}

/* Deletion ------------------------------------------------------------------------------ */

static void
commit_delete (CpvActivitiesPage *self)
{
  CpvVault *vault = page_vault (self);
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->delete_toast);
  g_autoptr(GArray) ids = g_steal_pointer (&self->pending_delete);

  if (toast != NULL)
    adw_toast_dismiss (toast);   /* its dismissed handler sees no pending toast: ignored */
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;

      if (vault != NULL && cpv_vault_is_open (vault)
          && !cpv_vault_remove_activity (vault, id, &error)
          && !g_error_matches (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_NOT_FOUND))
        {
          AdwToast *failed = adw_toast_new (error->message);

          add_toast (self, failed);
        }
      g_hash_table_remove (self->hidden_ids, &id);
    }
  if (self->filter != NULL)
    refilter (self);
}

static void
delete_toast_dismissed_cb (CpvActivitiesPage *self,
                           AdwToast          *toast)
{
  if (toast == self->delete_toast)
    commit_delete (self);
}

static void
undo_clicked_cb (CpvActivitiesPage *self,
                 AdwToast          *toast)
{
  g_autoptr(GArray) ids = NULL;

  if (toast != self->delete_toast)
    return;
  g_clear_object (&self->delete_toast);
  ids = g_steal_pointer (&self->pending_delete);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_remove (self->hidden_ids, &g_array_index (ids, gint64, i));
  refilter (self);
}

static void
delete_selected (CpvActivitiesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(CpvActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                                 position);

        if (activity != NULL)
          g_array_append_val (ids, activity->id);
      }
    while (gtk_bitset_iter_next (&iter, &position));

  if (ids->len > 0)
    cpv_activities_page_delete (self, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* Attach by drag and drop --------------------------------------------------------------- */

static void
set_progress_visible (CpvActivitiesPage *self)
{
  gboolean busy = self->attaching || self->indexing;

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (!self->attaching)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static gboolean
pulse_cb (gpointer user_data)
{
  CpvActivitiesPage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
reindexed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CpvActivitiesPage *self = user_data;
  g_autoptr(GError) error = NULL;

  cpv_search_reindex_finish (CPV_VAULT (source), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->indexing = FALSE;
  set_progress_visible (self);
  if (error != NULL && self->session != NULL)
    add_toast (self, adw_toast_new (error->message));
  if (self->search_ids != NULL)
    run_search (self);
  g_object_unref (self);
}

static void
index_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  CpvActivitiesPage *self = user_data;
  g_autofree char *label = NULL;

  if (total == 0 || self->attaching)
    return;
  label = g_strdup_printf (_("Indexing the text of evidence for search: %u of %u"), done, total);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_revealer_set_reveal_child (self->progress_revealer, done < total);
}

/* Indexes what is not indexed yet: files attached by drag and drop, in the editor, by the CLI,
 * or before search existed. */
static void
start_indexing (CpvActivitiesPage *self)
{
  if (self->indexing || page_vault (self) == NULL)
    return;
  self->indexing = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
  cpv_search_reindex_async (page_vault (self), TRUE, index_progress_cb, self, self->cancellable,
                            reindexed_cb, g_object_ref (self));
}

static void
attach_done (CpvActivitiesPage *self)
{
  CpvActivity *activity = self->session != NULL
                          ? cpv_session_find_activity (self->session, self->attach_activity_id)
                          : NULL;
  g_autofree char *title = NULL;

  self->attaching = FALSE;
  set_progress_visible (self);
  if (activity != NULL && self->n_attached > 0)
    {
      if (self->n_already_stored > 0)
        /* TRANSLATORS: files dropped on an activity; some were stored before (deduplicated) */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Attached %u file to “%s” (already stored files "
                                              "were linked, not copied)",
                                              "Attached %u files to “%s” (already stored files "
                                              "were linked, not copied)", self->n_attached),
                                 self->n_attached, activity->title);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attached %u file to “%s”",
                                              "Attached %u files to “%s”", self->n_attached),
                                 self->n_attached, activity->title);
      add_toast (self, adw_toast_new (title));
    }
  start_indexing (self);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpvActivitiesPage *self = user_data;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  gboolean already_stored = FALSE;

  evidence = cpv_vault_attach_file_finish (CPV_VAULT (source), result, &already_stored, &error);
  if (evidence == NULL)
    {
      g_queue_clear_full (&self->attach_queue, g_object_unref);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_CANCELLED))
        {
          if (self->session == NULL)
            {
              g_object_unref (self);
              return;
            }
        }
      else
        add_toast (self, adw_toast_new (error->message));
    }
  else
    {
      self->n_attached++;
      if (already_stored)
        self->n_already_stored++;
    }

  if (!g_queue_is_empty (&self->attach_queue) && self->session != NULL)
    attach_next (self);
  else
    attach_done (self);
  g_object_unref (self);
}

static void
attach_next (CpvActivitiesPage *self)
{
  g_autoptr(GFile) file = g_queue_pop_head (&self->attach_queue);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  CpvEvidenceMeta meta = { .kind = "certificate" };

  if (file == NULL || page_vault (self) == NULL)
    return;
  name = g_file_get_basename (file);
  label = g_strdup_printf (_("Storing “%s” in the vault…"), name);
  gtk_label_set_text (self->progress_label, label);
  self->attaching = TRUE;
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  set_progress_visible (self);
  cpv_vault_attach_file_async (page_vault (self), self->attach_activity_id, file, &meta,
                               self->cancellable, attached_cb, g_object_ref (self));
}

static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             GtkListItem   *item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CpvActivitiesPage *self = CPV_ACTIVITIES_PAGE (gtk_widget_get_ancestor (widget,
                                                                          CPV_TYPE_ACTIVITIES_PAGE));
  CpvActivity *activity = gtk_list_item_get_item (item);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (self == NULL || activity == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  cpv_activities_page_attach_files (self, activity->id, G_LIST_MODEL (files));
  return TRUE;
}

/* Columns ------------------------------------------------------------------------------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *widget;
  GtkDropTarget *drop;

  if (column == COLUMN_READY)
    widget = gtk_image_new ();
  else
    {
      widget = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (widget),
                            column == COLUMN_CREDITS || column == COLUMN_EVIDENCE ? 1 : 0);
      if (column == COLUMN_CREDITS || column == COLUMN_EVIDENCE || column == COLUMN_END_DATE)
        gtk_widget_add_css_class (widget, "numeric");
      if (column == COLUMN_TITLE)
        gtk_label_set_width_chars (GTK_LABEL (widget), 12);
    }
  /* Files dropped anywhere on a row attach to that row's activity. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (row_drop_cb), item);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));
  gtk_list_item_set_child (item, widget);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *widget = gtk_list_item_get_child (item);
  CpvActivity *activity = gtk_list_item_get_item (item);
  CpvActivitiesPage *self = g_object_get_data (G_OBJECT (factory), "cpv-page");
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_TITLE:
      gtk_label_set_text (GTK_LABEL (widget), activity->title);
      gtk_widget_set_tooltip_text (widget, activity->title);
      break;
    case COLUMN_END_DATE:
      gtk_label_set_text (GTK_LABEL (widget), activity->end_date);
      break;
    case COLUMN_CATEGORY:
      gtk_label_set_text (GTK_LABEL (widget), category_label (self, activity->category));
      gtk_widget_set_tooltip_text (widget, category_label (self, activity->category));
      break;
    case COLUMN_CREDITS:
      text = g_strdup_printf ("%.2f", activity->credits);
      gtk_label_set_text (GTK_LABEL (widget), text);
      break;
    case COLUMN_CREDENTIALS:
      text = credentials_text (self, activity);
      gtk_label_set_text (GTK_LABEL (widget), text);
      break;
    case COLUMN_EVIDENCE:
      text = g_strdup_printf ("%u", activity->evidence_count);
      gtk_label_set_text (GTK_LABEL (widget), text);
      break;
    case COLUMN_READY:
      {
        const char *gaps = readiness_gaps (self, activity);

        gtk_image_set_from_icon_name (GTK_IMAGE (widget), gaps[0] == '\0'
                                                          ? "emblem-ok-symbolic"
                                                          : "dialog-warning-symbolic");
        gtk_widget_set_tooltip_text (widget, gaps[0] == '\0' ? _("Ready for an audit") : gaps);
        gtk_widget_remove_css_class (widget, gaps[0] == '\0' ? "warning" : "success");
        gtk_widget_add_css_class (widget, gaps[0] == '\0' ? "success" : "warning");
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const CpvActivity *x = a;
  const CpvActivity *y = b;
  Column column = GPOINTER_TO_INT (user_data);
  int order = 0;

  switch (column)
    {
    case COLUMN_TITLE:
      order = g_utf8_collate (x->title, y->title);
      break;
    case COLUMN_END_DATE:
      order = g_strcmp0 (x->end_date, y->end_date);
      break;
    case COLUMN_CATEGORY:
      order = g_strcmp0 (x->category, y->category);
      break;
    case COLUMN_CREDITS:
      order = x->credits < y->credits ? -1 : x->credits > y->credits;
      break;
    case COLUMN_EVIDENCE:
      order = x->evidence_count < y->evidence_count ? -1 : x->evidence_count > y->evidence_count;
      break;
    case COLUMN_CREDENTIALS:
      order = (int) x->credit_lines->len - (int) y->credit_lines->len;
      break;
    case COLUMN_READY:
    default:
      break;
    }
  if (order == 0)
    order = x->id < y->id ? -1 : x->id > y->id;
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_column (CpvActivitiesPage *self,
            Column             column,
            const char        *title,
            gboolean           expand,
            gboolean           sortable)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "cpv-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (sortable)
    {
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_activities,
                                                             GINT_TO_POINTER (column), NULL));

      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
    }
  g_object_set_data (G_OBJECT (view_column), "cpv-column", GINT_TO_POINTER (column));
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* At phone widths (the sidebar folds at 360 px) the list keeps title, date, credits and
 * readiness; category, credentials and evidence count come back when there is room. GTK 4.8
 * has no breakpoints, so the width is watched in size_allocate and the columns change in an
 * idle, outside the allocation. */
#define NARROW_WIDTH 640

static gboolean
fold_columns_idle (gpointer user_data)
{
  CpvActivitiesPage *self = user_data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  self->fold_idle_id = 0;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (columns, i);
      Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view_column), "cpv-column"));

      if (column == COLUMN_CATEGORY || column == COLUMN_CREDENTIALS || column == COLUMN_EVIDENCE)
        gtk_column_view_column_set_visible (view_column, !self->narrow);
    }
  return G_SOURCE_REMOVE;
}

static void
cpv_activities_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  /* What GtkBinLayout would do; the page lays out its one child itself so that it sees its
   * width (a layout manager would take size_allocate away from it). */
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
cpv_activities_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CpvActivitiesPage *self = CPV_ACTIVITIES_PAGE (widget);
  gboolean narrow = width < NARROW_WIDTH;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->fold_idle_id == 0)
        self->fold_idle_id = g_idle_add (fold_columns_idle, self);
    }
}

/* Callbacks ----------------------------------------------------------------------------- */

static void
search_changed_cb (CpvActivitiesPage *self)
{
  run_search (self);
}

static void
filter_changed_cb (CpvActivitiesPage *self)
{
  if (self->filter != NULL)
    refilter (self);
}

static void
credential_filter_changed_cb (CpvActivitiesPage *self)
{
  filter_changed_cb (self);
}

static void
delete_clicked_cb (CpvActivitiesPage *self)
{
  delete_selected (self);
}

static void
progress_cancel_clicked_cb (CpvActivitiesPage *self)
{
  g_queue_clear_full (&self->attach_queue, g_object_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->attaching = FALSE;
  self->indexing = FALSE;
  set_progress_visible (self);
}

static void
row_activated_cb (CpvActivitiesPage *self,
                  guint              position)
{
  g_autoptr(CpvActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                           position);

  if (activity != NULL)
    cpv_activities_page_edit_activity (self, activity->id);
}

static void
selection_changed_cb (CpvActivitiesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), !gtk_bitset_is_empty (selected));
}

static void
activities_changed_cb (CpvActivitiesPage *self)
{
  /* Evidence counts and records changed: readiness is computed again when shown. */
  g_hash_table_remove_all (self->readiness);
  if (gtk_check_button_get_active (self->missing_proof_check))
    refilter (self);
  else
    update_view (self);
}

static void
credentials_changed_cb (CpvActivitiesPage *self)
{
  fill_filters (self);
}

static void
shown_changed_cb (CpvActivitiesPage *self)
{
  update_view (self);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  delete_selected (CPV_ACTIVITIES_PAGE (widget));
}

static void
focus_search_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CPV_ACTIVITIES_PAGE (widget)->search_entry));
}

/* Overrides ----------------------------------------------------------------------------- */

static void
cpv_activities_page_dispose (GObject *object)
{
  CpvActivitiesPage *self = (CpvActivitiesPage *) object;
  GtkWidget *child;

  cpv_activities_page_set_session (self, NULL);
  g_clear_handle_id (&self->fold_idle_id, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_ACTIVITIES_PAGE);
  /* The template's top box has no id: dispose_template (GTK 4.8) leaves it in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cpv_activities_page_parent_class)->dispose (object);
}

static void
cpv_activities_page_finalize (GObject *object)
{
  CpvActivitiesPage *self = (CpvActivitiesPage *) object;

  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_clear_pointer (&self->hidden_ids, g_hash_table_unref);
  g_clear_pointer (&self->pending_delete, g_array_unref);
  g_clear_pointer (&self->readiness, g_hash_table_unref);
  g_clear_pointer (&self->credential_ids, g_array_unref);
  g_clear_pointer (&self->category_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (cpv_activities_page_parent_class)->finalize (object);
}

static void
cpv_activities_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CpvActivitiesPage *self = CPV_ACTIVITIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cpv_activities_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_activities_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CpvActivitiesPage *self = CPV_ACTIVITIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_activities_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_activities_page_class_init (CpvActivitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_activities_page_dispose;
  object_class->finalize = cpv_activities_page_finalize;
  widget_class->measure = cpv_activities_page_measure;
  widget_class->size_allocate = cpv_activities_page_size_allocate;
  object_class->get_property = cpv_activities_page_get_property;
  object_class->set_property = cpv_activities_page_set_property;

  /**
   * CpvActivitiesPage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvActivitiesPage:busy:
   *
   * Files are being attached or evidence text indexed.
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_css_name (widget_class, "activitiespage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-activities-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, credential_filter);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, cycle_filter);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, missing_proof_check);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvActivitiesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credential_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "activities.delete-selected", NULL,
                                   delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "activities.delete-selected", NULL);
  gtk_widget_class_install_action (widget_class, "activities.search", NULL, focus_search_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "activities.search", NULL);
}

static void
cpv_activities_page_init (CpvActivitiesPage *self)
{
  GtkSorter *sorter;

  self->hidden_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->readiness = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->credential_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_keys = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->attach_queue);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, COLUMN_TITLE, _("Title"), TRUE, TRUE);
  add_column (self, COLUMN_END_DATE, _("End Date"), FALSE, TRUE);
  add_column (self, COLUMN_CATEGORY, _("Category"), TRUE, TRUE);
  add_column (self, COLUMN_CREDITS, _("Credits"), FALSE, TRUE);
  add_column (self, COLUMN_CREDENTIALS, _("Credentials"), FALSE, TRUE);
  add_column (self, COLUMN_EVIDENCE, _("Evidence"), FALSE, TRUE);
  add_column (self, COLUMN_READY, _("Ready"), FALSE, FALSE);

  self->filter = gtk_custom_filter_new (filter_activity, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              sorter != NULL ? g_object_ref (sorter) : NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);

  fill_filters (self);
  update_view (self);
}

/* Public API ---------------------------------------------------------------------------- */

CpvSession *
cpv_activities_page_get_session (CpvActivitiesPage *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), NULL);
  return self->session;
}

/**
 * cpv_activities_page_set_session:
 * @session: (nullable): the unlocked vault's session, %NULL on lock
 *
 * On lock, deletions waiting for their Undo toast are carried out while the vault is still
 * open, the editor closes, attach and indexing stop, and the page lets go of every record.
 */
void
cpv_activities_page_set_session (CpvActivitiesPage *self,
                                 CpvSession        *session)
{
  g_return_if_fail (CPV_IS_ACTIVITIES_PAGE (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      commit_delete (self);
      if (self->editor != NULL)
        gtk_window_destroy (GTK_WINDOW (self->editor));
      g_queue_clear_full (&self->attach_queue, g_object_unref);
      if (self->cancellable != NULL)
        {
          g_cancellable_cancel (self->cancellable);
          g_clear_object (&self->cancellable);
          self->cancellable = g_cancellable_new ();
        }
      self->attaching = FALSE;
      self->indexing = FALSE;
      if (self->progress_revealer != NULL)
        set_progress_visible (self);
      g_clear_signal_handler (&self->activities_changed_id,
                              cpv_session_get_activities (self->session));
      g_clear_signal_handler (&self->credentials_changed_id,
                              cpv_session_get_credentials (self->session));
    }

  g_set_object (&self->session, session);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_hash_table_remove_all (self->readiness);
  g_hash_table_remove_all (self->hidden_ids);

  if (self->filter_model != NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model,
                                       session != NULL ? cpv_session_get_activities (session)
                                                       : NULL);
      if (self->search_entry != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      fill_filters (self);
      update_view (self);
    }

  if (session != NULL)
    {
      self->activities_changed_id =
        g_signal_connect_object (cpv_session_get_activities (session), "items-changed",
                                 G_CALLBACK (activities_changed_cb), self, G_CONNECT_SWAPPED);
      self->credentials_changed_id =
        g_signal_connect_object (cpv_session_get_credentials (session), "items-changed",
                                 G_CALLBACK (credentials_changed_cb), self, G_CONNECT_SWAPPED);
      start_indexing (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

static void
editor_saved_cb (CpvActivitiesPage *self,
                 gint64             activity_id)
{
  /* Files attached in the editor are indexed for search. */
  start_indexing (self);
}

/**
 * cpv_activities_page_edit_activity:
 * @activity_id: the activity to edit, or 0 for a new one
 *
 * Opens the editor, modal and transient for the window (one at a time).
 *
 * Returns: (transfer none) (nullable): the editor, %NULL while locked
 */
CpvActivityEditor *
cpv_activities_page_edit_activity (CpvActivitiesPage *self,
                                   gint64             activity_id)
{
  GtkRoot *root;

  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), NULL);

  if (self->session == NULL)
    return NULL;
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  self->editor = cpv_activity_editor_new (self->session, activity_id);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self->editor));
  return self->editor;
}

/**
 * cpv_activities_page_get_editor:
 *
 * Returns: (transfer none) (nullable): the open editor
 */
CpvActivityEditor *
cpv_activities_page_get_editor (CpvActivitiesPage *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), NULL);
  return self->editor;
}

/**
 * cpv_activities_page_get_shown:
 *
 * Returns: (transfer none): the activities shown, filtered and sorted as on screen
 */
GListModel *
cpv_activities_page_get_shown (CpvActivitiesPage *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

/**
 * cpv_activities_page_delete:
 * @activity_ids: (array length=n_ids): activities to delete
 *
 * Hides the activities at once and shows a toast with Undo; they are removed from the vault
 * when the toast goes away without Undo, or on lock.
 */
void
cpv_activities_page_delete (CpvActivitiesPage *self,
                            const gint64      *activity_ids,
                            guint              n_ids)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (CPV_IS_ACTIVITIES_PAGE (self));

  if (self->session == NULL || n_ids == 0)
    return;
  /* One Undo at a time: an earlier deletion is carried out now. */
  commit_delete (self);

  self->pending_delete = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (self->pending_delete, activity_ids, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->hidden_ids, g_memdup2 (&activity_ids[i], sizeof (gint64)));
  refilter (self);

  if (n_ids == 1)
    {
      CpvActivity *activity = cpv_session_find_activity (self->session, activity_ids[0]);

      title = g_strdup_printf (_("“%s” deleted"), activity != NULL ? activity->title : "");
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity deleted",
                                          "%u activities deleted", n_ids), n_ids);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->delete_toast = g_object_ref (toast);
  add_toast (self, toast);
}

/**
 * cpv_activities_page_attach_files:
 * @activity_id: the activity the files prove
 * @files: (element-type GFile): files to store in the vault
 *
 * What a drop on a row does: stores the files one after the other in a thread, with progress
 * and Cancel, then indexes their text for search.
 */
void
cpv_activities_page_attach_files (CpvActivitiesPage *self,
                                  gint64             activity_id,
                                  GListModel        *files)
{
  g_return_if_fail (CPV_IS_ACTIVITIES_PAGE (self));

  if (self->session == NULL)
    return;
  if (self->attaching && activity_id != self->attach_activity_id)
    {
      add_toast (self, adw_toast_new (_("Wait until the files being stored are done.")));
      return;
    }
  if (!self->attaching)
    {
      self->attach_activity_id = activity_id;
      self->n_attached = 0;
      self->n_already_stored = 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_queue_push_tail (&self->attach_queue, g_list_model_get_item (files, i));
  if (!self->attaching)
    attach_next (self);
}

/**
 * cpv_activities_page_get_busy:
 *
 * Returns: %TRUE while files are stored or evidence text is indexed
 */
gboolean
cpv_activities_page_get_busy (CpvActivitiesPage *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), FALSE);
  return self->attaching || self->indexing;
}
