/* cpv-audits-page.c — audit readiness, audit requests and appeals, partner reconciliation
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-audits-page"

#include "config.h"

#include "cpv-audits-page.h"

#include <glib/gi18n.h>

#include "cpv-audit-dialog.h"
#include "cpv-audit.h"
#include "cpv-pack-dialog.h"
#include "cpv-readiness.h"
#include "cpv-retention-dialog.h"
#include "cpv-retention.h"
#include "cpv-status-labels.h"
#include "cpv-window.h"

/* Everything the page shows is computed by the core (readiness, due dates, appeal windows,
 * partner findings, retention) in a GTask thread each time the session reports a change; the
 * page only turns the results into rows. Locking drops the results and every row. */

struct _CpvAuditsPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkLabel      *error_label;
  GtkListBox    *readiness_list;
  GtkDropDown   *cycle_dropdown;  /* 0: the current cycle, 1: the one before */
  GtkListBox    *audits_list;
  GtkListBox    *partner_list;
  AdwActionRow  *retention_row;

  CpvSession    *session;
  gulong         status_changed_id;
  GCancellable  *cancellable;
  gboolean       loading;
  GtkWindow     *dialog;          /* weak: the one dialog the page has open */
};

G_DEFINE_FINAL_TYPE (CpvAuditsPage, cpv_audits_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

typedef enum
{
  STEP_RESPOND,
  STEP_ACCEPT,
  STEP_REJECT,
  STEP_APPEAL,
  STEP_DECIDE_APPEAL,
} AuditStep;

/* What the loading thread computes. */
typedef struct
{
  CpvVault           *vault;
  CpvProgramRegistry *registry;
  CpvDay              today;
  int                 cycles_back;     /* which cycle the readiness is of */
  GPtrArray          *readiness;       /* of CpvCycleReadiness */
  GPtrArray          *audits;          /* of CpvAuditRequest */
  GHashTable         *audit_records;   /* audit id -> GPtrArray of CpvRecordReadiness */
  GPtrArray          *findings;        /* of CpvFinding (ISC2-PARTNER-1) */
  guint               n_past;
  guint64             past_bytes;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->vault);
  g_clear_object (&load->registry);
  g_clear_pointer (&load->readiness, g_ptr_array_unref);
  g_clear_pointer (&load->audits, g_ptr_array_unref);
  g_clear_pointer (&load->audit_records, g_hash_table_unref);
  g_clear_pointer (&load->findings, g_ptr_array_unref);
  g_free (load);
}

/* Helpers ------------------------------------------------------------------------------- */

static void
add_toast (CpvAuditsPage *self,
           const char    *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (CPV_IS_WINDOW (root))
    cpv_window_add_toast (CPV_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
remember_dialog (CpvAuditsPage *self,
                 GtkWindow     *dialog)
{
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (self->dialog);
    }
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static GtkWindow *
parent_window (CpvAuditsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
clear_rows (GtkListBox *list)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (row != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (row);

      if (GTK_IS_LIST_BOX_ROW (row))
        gtk_list_box_remove (list, row);
      row = next;
    }
}

/* The names of the expander rows that are open, so that a reload keeps them open. */
static GHashTable *
expanded_rows (GtkListBox *list)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
      g_hash_table_add (names, g_strdup (gtk_widget_get_name (row)));
  return names;
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (list, label);
}

static char *
day_text (CpvDay day)
{
  return day != 0 ? cpv_day_format (day) : g_strdup ("—");
}

static const char *
credential_code (CpvAuditsPage *self,
                 gint64         credential_id)
{
  CpvCredential *credential = self->session != NULL
                              ? cpv_session_find_credential (self->session, credential_id)
                              : NULL;

  return credential != NULL ? credential->code : "?";
}

/* "<tt>ISC2-REC-1</tt> Acceptable proof: No certificate …", one line per gap. */
static char *
gaps_markup (const CpvRecordReadiness *record)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < record->gaps->len; i++)
    {
      const CpvReadinessGap *gap = record->gaps->pdata[i];
      const char *title = cpv_rule_title (gap->rule);
      g_autofree char *tag = g_markup_escape_text (gap->rule, -1);
      g_autofree char *text = g_markup_escape_text (gap->text, -1);

      if (i > 0)
        g_string_append_c (markup, '\n');
      if (title != NULL)
        {
          g_autofree char *escaped_title = g_markup_escape_text (title, -1);

          g_string_append_printf (markup, "<tt>%s</tt> %s: %s", tag, escaped_title, text);
        }
      else
        g_string_append_printf (markup, "<tt>%s</tt> %s", tag, text);
    }
  return g_string_free (markup, FALSE);
}

static GtkWidget *
record_row (const CpvRecordReadiness *record)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean ready = cpv_record_readiness_is_ready (record);
  GtkWidget *icon = gtk_image_new_from_icon_name (ready ? "emblem-ok-symbolic"
                                                        : "dialog-warning-symbolic");
  g_autofree char *title = g_markup_escape_text (record->title != NULL ? record->title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (ready)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Ready for an audit"));
  else
    {
      g_autofree char *markup = gaps_markup (record);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);
    }
  gtk_widget_add_css_class (icon, ready ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ready ? _("Ready") : _("Gaps"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (record->subject == CPV_READINESS_ACTIVITY)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "audits.open-activity");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", record->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

static GtkWidget *
text_row (const char *title,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
}

static GtkWidget *
action_button (const char *label,
               const char *action_name,
               gint64      target,
               const char *style_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  if (style_class != NULL)
    gtk_widget_add_css_class (button, style_class);
  return button;
}

/* Rows ---------------------------------------------------------------------------------- */

static char *
readiness_summary (const CpvCycleReadiness *readiness)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Ready for audit: %u of %u activity",
                                       "Ready for audit: %u of %u activities",
                                       readiness->n_total),
                          readiness->n_ready, readiness->n_total);
}

#define MAX_GAP_ROWS 50

static void
fill_readiness (CpvAuditsPage *self,
                Load          *load)
{
  g_autoptr(GHashTable) expanded = expanded_rows (self->readiness_list);

  clear_rows (self->readiness_list);
  for (guint i = 0; i < load->readiness->len; i++)
    {
      const CpvCycleReadiness *readiness = load->readiness->pdata[i];
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *export_button;
      g_autofree char *name = g_strdup_printf ("credential-%" G_GINT64_FORMAT,
                                               readiness->credential_id);
      g_autofree char *summary = readiness_summary (readiness);
      g_autofree char *start = day_text (readiness->cycle_start);
      g_autofree char *end = day_text (readiness->cycle_end);
      g_autofree char *title = g_markup_printf_escaped (_("%s, cycle %s to %s"),
                                                         readiness->code, start, end);
      guint n_gaps = 0;

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   gtk_image_new_from_icon_name (
                                     readiness->n_ready == readiness->n_total
                                     ? "emblem-ok-symbolic" : "dialog-warning-symbolic"));

      export_button = gtk_button_new_from_icon_name ("document-send-symbolic");
      gtk_widget_set_valign (export_button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (export_button, _("Export Evidence Pack…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (export_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Export Evidence Pack…"), -1);
      gtk_widget_add_css_class (export_button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (export_button), "audits.export-credential");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (export_button), "x",
                                        readiness->credential_id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), export_button);

      for (guint j = 0; j < readiness->records->len; j++)
        {
          const CpvRecordReadiness *record = readiness->records->pdata[j];

          if (cpv_record_readiness_is_ready (record))
            continue;
          /* A list of thousands of rows helps nobody and costs seconds to build: the rest
           * are one filter away on the activities page. */
          if (n_gaps < MAX_GAP_ROWS)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), record_row (record));
          n_gaps++;
        }
      if (n_gaps > MAX_GAP_ROWS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u more activity needs "
                                                                "attention: filter the "
                                                                "Activities page by “missing "
                                                                "proof”.",
                                                                "%u more activities need "
                                                                "attention: filter the "
                                                                "Activities page by “missing "
                                                                "proof”.",
                                                                n_gaps - MAX_GAP_ROWS),
                                                   n_gaps - MAX_GAP_ROWS);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row (more, NULL));
        }
      if (readiness->n_total == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  text_row (_("No activities in this cycle yet."), NULL));
      else if (n_gaps == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  text_row (_("Every activity has what an auditor asks for."),
                                            "emblem-ok-symbolic"));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded, name));
      gtk_list_box_append (self->readiness_list, row);
    }
}

static char *
audit_state_text (const CpvAuditRequest *request,
                  CpvDay                 today,
                  gboolean              *urgent)
{
  g_autofree char *due = day_text (request->due);

  *urgent = FALSE;
  switch (request->status)
    {
    case CPV_AUDIT_STATUS_OPEN:
      {
        g_autofree char *relative = cpv_format_relative_day (request->due, today);

        *urgent = request->due <= cpv_day_add_days (today, 14);
        /* Translators: "Answer by 2026-04-10 (in 42 days)" */
        return g_strdup_printf (_("Answer by %s (%s)"), due, relative);
      }
    case CPV_AUDIT_STATUS_RESPONDED:
      {
        g_autofree char *responded = day_text (request->responded_on);

        return g_strdup_printf (_("Answered on %s; waiting for the decision"), responded);
      }
    case CPV_AUDIT_STATUS_CLOSED:
    default:
      break;
    }

  if (request->outcome == CPV_AUDIT_OUTCOME_ACCEPTED)
    {
      g_autofree char *closed = day_text (request->closed_on);

      return g_strdup_printf (_("Accepted on %s"), closed);
    }
  if (request->appeal_decided_on != 0)
    {
      g_autofree char *decided = day_text (request->appeal_decided_on);

      return g_strdup_printf (_("Rejected; the appeal was decided on %s"), decided);
    }
  if (request->appeal_filed_on != 0)
    {
      g_autofree char *filed = day_text (request->appeal_filed_on);

      return g_strdup_printf (_("Rejected; appeal filed on %s, waiting for the decision"),
                              filed);
    }
  {
    g_autofree char *closed = day_text (request->closed_on);
    g_autofree char *until = day_text (request->appeal_until);

    if (request->appeal_until != 0 && today <= request->appeal_until)
      {
        g_autofree char *relative = cpv_format_relative_day (request->appeal_until, today);

        *urgent = TRUE;
        /* Translators: "Rejected on 2026-02-01; appeal by 2026-05-02 (in 80 days)" */
        return g_strdup_printf (_("Rejected on %s; appeal by %s (%s)"), closed, until, relative);
      }
    return g_strdup_printf (_("Rejected on %s; the appeal window closed on %s"), closed, until);
  }
}

static GtkWidget *
next_step_row (const CpvAuditRequest *request,
               CpvDay                 today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *title = NULL;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (request->status == CPV_AUDIT_STATUS_OPEN)
    {
      title = _("Send the proof the auditor asks for, then record the answer.");
      gtk_box_append (GTK_BOX (box), action_button (_("Mark _Responded…"), "audits.respond",
                                                    request->id, "suggested-action"));
    }
  else if (request->status == CPV_AUDIT_STATUS_RESPONDED)
    {
      title = _("Record ISC2’s decision.");
      gtk_box_append (GTK_BOX (box), action_button (_("_Accepted…"), "audits.accept",
                                                    request->id, NULL));
      gtk_box_append (GTK_BOX (box), action_button (_("Re_jected…"), "audits.reject",
                                                    request->id, "destructive-action"));
    }
  else if (request->outcome == CPV_AUDIT_OUTCOME_REJECTED && request->appeal_filed_on == 0
           && request->appeal_until != 0 && today <= request->appeal_until)
    {
      title = _("A rejection may be appealed through ISC2’s contact form.");
      gtk_box_append (GTK_BOX (box), action_button (_("File _Appeal…"), "audits.appeal",
                                                    request->id, NULL));
    }
  else if (request->appeal_filed_on != 0 && request->appeal_decided_on == 0)
    {
      title = _("Record the decision on the appeal.");
      gtk_box_append (GTK_BOX (box), action_button (_("Appeal _Decided…"),
                                                    "audits.decide-appeal", request->id, NULL));
    }

  if (title == NULL)
    {
      g_object_ref_sink (row);
      g_object_unref (row);
      g_object_ref_sink (box);
      g_object_unref (box);
      return NULL;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static void
fill_audits (CpvAuditsPage *self,
             Load          *load)
{
  g_autoptr(GHashTable) expanded = expanded_rows (self->audits_list);

  clear_rows (self->audits_list);
  for (guint i = 0; i < load->audits->len; i++)
    {
      const CpvAuditRequest *request = load->audits->pdata[i];
      GPtrArray *records = g_hash_table_lookup (load->audit_records, &request->id);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *step;
      GtkWidget *tools_row;
      GtkWidget *tools;
      g_autofree char *name = g_strdup_printf ("audit-%" G_GINT64_FORMAT, request->id);
      g_autofree char *received = day_text (request->received);
      g_autofree char *title = g_markup_printf_escaped (_("%s audit request of %s"),
                                                         credential_code (self,
                                                                          request->credential_id),
                                                         received);
      gboolean urgent;
      g_autofree char *state = audit_state_text (request, load->today, &urgent);
      g_autofree char *state_markup = g_markup_escape_text (state, -1);
      GtkWidget *icon;

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), state_markup);
      icon = gtk_image_new_from_icon_name (request->status == CPV_AUDIT_STATUS_CLOSED
                                           && !urgent ? "emblem-ok-symbolic"
                                                      : "alarm-symbolic");
      if (urgent)
        gtk_widget_add_css_class (icon, "warning");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

      step = next_step_row (request, load->today);
      if (step != NULL)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), step);

      if (records == NULL || records->len == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  text_row (_("No activities were recorded for this request."),
                                            NULL));
      for (guint j = 0; records != NULL && j < records->len; j++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), record_row (records->pdata[j]));

      if (request->note != NULL && *request->note != '\0')
        {
          GtkWidget *note_row = adw_action_row_new ();
          g_autofree char *note = g_markup_escape_text (request->note, -1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note_row), _("Note"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (note_row), note);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note_row);
        }

      tools_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (tools_row), FALSE);
      tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_top (tools, 8);
      gtk_widget_set_margin_bottom (tools, 8);
      gtk_widget_set_margin_start (tools, 12);
      gtk_widget_set_margin_end (tools, 12);
      gtk_widget_set_halign (tools, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (tools), action_button (_("_Remove…"), "audits.remove",
                                                      request->id, "flat"));
      gtk_box_append (GTK_BOX (tools), action_button (_("_Export Evidence Pack…"),
                                                      "audits.export-audit", request->id,
                                                      NULL));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (tools_row), tools);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), tools_row);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded, name));
      gtk_list_box_append (self->audits_list, row);
    }
}

static void
fill_partner (CpvAuditsPage *self,
              Load          *load)
{
  clear_rows (self->partner_list);
  for (guint i = 0; i < load->findings->len; i++)
    {
      const CpvFinding *finding = load->findings->pdata[i];
      CpvActivity *activity = cpv_session_find_activity (self->session, finding->activity_id);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (activity != NULL && activity->title != NULL
                                                     ? activity->title : finding->text, -1);
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (activity != NULL)
        subtitle = g_markup_printf_escaped (_("Ended %s; not yet seen on the portal"),
                                            activity->end_date);
      else
        subtitle = g_markup_escape_text (finding->text, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("Mark as _Reflected"), "audits.mark-reflected",
                                                finding->activity_id, NULL));
      gtk_list_box_append (self->partner_list, row);
    }
}

static void
fill_retention (CpvAuditsPage *self,
                Load          *load)
{
  g_autofree char *subtitle = NULL;

  if (load->n_past == 0)
    subtitle = g_strdup (_("Nothing is past its retention date."));
  else
    {
      g_autofree char *size = g_format_size (load->past_bytes);

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u record may be removed (%s)",
                                               "%u records may be removed (%s)",
                                               load->n_past),
                                  load->n_past, size);
    }
  adw_action_row_set_subtitle (self->retention_row, subtitle);
}

static void
clear_content (CpvAuditsPage *self)
{
  clear_rows (self->readiness_list);
  clear_rows (self->audits_list);
  clear_rows (self->partner_list);
  adw_action_row_set_subtitle (self->retention_row, "");
  gtk_label_set_label (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Loading ------------------------------------------------------------------------------- */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GPtrArray) past = NULL;
  GError *error = NULL;

  load->readiness = cpv_readiness_check_all (load->vault, load->registry, load->cycles_back,
                                             &error);
  if (load->readiness == NULL)
    goto failed;
  load->audits = cpv_vault_list_audits (load->vault, load->registry, 0, &error);
  if (load->audits == NULL)
    goto failed;
  load->audit_records = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < load->audits->len; i++)
    {
      CpvAuditRequest *request = load->audits->pdata[i];
      GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                           cpv_record_readiness_free);

      g_hash_table_insert (load->audit_records, &request->id, records);
      for (guint j = 0; j < request->activity_ids->len; j++)
        {
          CpvRecordReadiness *record;

          if (g_cancellable_is_cancelled (cancellable))
            goto cancelled;
          record = cpv_readiness_check_activity (load->vault, load->registry,
                                                 g_array_index (request->activity_ids, gint64, j),
                                                 &error);
          if (record == NULL)
            goto failed;
          g_ptr_array_add (records, record);
        }
    }
  load->findings = cpv_audit_partner_findings (load->vault, load->registry, load->today, &error);
  if (load->findings == NULL)
    goto failed;
  past = cpv_retention_list (load->vault, load->registry, load->today, TRUE, &error);
  if (past == NULL)
    goto failed;
  load->n_past = past->len;
  for (guint i = 0; i < past->len; i++)
    load->past_bytes += ((CpvRetentionItem *) past->pdata[i])->size;

  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;
  g_task_return_boolean (task, TRUE);
  return;

cancelled:
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  return;
failed:
  g_task_return_error (task, error);
}

static void
set_loading (CpvAuditsPage *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (source);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      if (self->session == NULL)
        return;
      {
        g_autofree char *text = g_strdup_printf (_("The audit information could not be read: "
                                                   "%s"), error->message);

        gtk_label_set_label (self->error_label, text);
        gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      }
      return;
    }
  if (self->session == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  fill_readiness (self, load);
  fill_audits (self, load);
  fill_partner (self, load);
  fill_retention (self, load);
  set_loading (self, FALSE);
}

static void
reload (CpvAuditsPage *self)
{
  g_autoptr(GTask) task = NULL;
  CpvVault *vault;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  vault = self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
  if (vault == NULL || !cpv_vault_is_open (vault))
    {
      clear_content (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (
                                      cpv_session_get_credentials (self->session)) > 0
                                    ? "content" : "empty");

  load = g_new0 (Load, 1);
  load->vault = g_object_ref (vault);
  load->registry = g_object_ref (cpv_session_get_registry (self->session));
  load->today = cpv_day_today ();
  load->cycles_back = (int) gtk_drop_down_get_selected (self->cycle_dropdown);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
cycle_changed_cb (CpvAuditsPage *self)
{
  reload (self);
}

static void
status_changed_cb (CpvAuditsPage *self,
                   CpvSession    *session)
{
  reload (self);
}

/* Dialogs for the steps of an audit ----------------------------------------------------- */

typedef struct
{
  CpvAuditsPage *self;
  gint64         audit_id;
  AuditStep      step;
  GtkEditable   *date_row;
} StepDialog;

static void
step_dialog_free (StepDialog *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

static gboolean
apply_step (CpvAuditsPage  *self,
            gint64          audit_id,
            AuditStep       step,
            CpvDay          day,
            GError        **error)
{
  CpvVault *vault = cpv_session_get_vault (self->session);

  switch (step)
    {
    case STEP_RESPOND:
      return cpv_vault_respond_audit (vault, audit_id, day, error);
    case STEP_ACCEPT:
      return cpv_vault_close_audit (vault, audit_id, CPV_AUDIT_OUTCOME_ACCEPTED, day, error);
    case STEP_REJECT:
      return cpv_vault_close_audit (vault, audit_id, CPV_AUDIT_OUTCOME_REJECTED, day, error);
    case STEP_APPEAL:
      return cpv_vault_file_appeal (vault, cpv_session_get_registry (self->session), audit_id,
                                    day, error);
    case STEP_DECIDE_APPEAL:
    default:
      return cpv_vault_decide_appeal (vault, audit_id, day, error);
    }
}

static void
step_date_changed_cb (GtkEditable      *row,
                      AdwMessageDialog *dialog)
{
  CpvDay day;
  gboolean valid = cpv_day_parse (gtk_editable_get_text (row), &day);

  adw_message_dialog_set_response_enabled (dialog, "apply", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
step_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  StepDialog       *data)
{
  CpvAuditsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  CpvDay day;

  if (g_strcmp0 (response, "apply") != 0 || self->session == NULL)
    return;
  if (!cpv_day_parse (gtk_editable_get_text (data->date_row), &day))
    return;
  if (!apply_step (self, data->audit_id, data->step, day, &error))
    add_toast (self, error->message);
}

static void
ask_step_date (CpvAuditsPage *self,
               gint64         audit_id,
               AuditStep      step)
{
  const char *heading = NULL;
  const char *body = NULL;
  const char *label = NULL;
  const char *row_title = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *row;
  StepDialog *data;
  g_autofree char *today = cpv_day_format (cpv_day_today ());

  switch (step)
    {
    case STEP_RESPOND:
      heading = _("Mark as Responded?");
      body = _("Record the day you sent the requested proof to ISC2.");
      label = _("_Mark Responded");
      row_title = _("Answer sent on (YYYY-MM-DD)");
      break;
    case STEP_ACCEPT:
      heading = _("Audit Accepted?");
      body = _("Record the day ISC2 accepted the audited activities. The records stay held "
               "no longer than their retention dates.");
      label = _("_Accepted");
      row_title = _("Decision on (YYYY-MM-DD)");
      break;
    case STEP_REJECT:
      heading = _("Submission Rejected?");
      body = _("Record the day of the rejection. You may appeal within 90 days of it "
               "(ISC2-APPEAL-1); the records stay held meanwhile.");
      label = _("_Rejected");
      row_title = _("Rejected on (YYYY-MM-DD)");
      break;
    case STEP_APPEAL:
      heading = _("File an Appeal?");
      body = _("Record the day you sent the appeal, with its grounds and documents, through "
               "ISC2’s contact form.");
      label = _("_File Appeal");
      row_title = _("Appeal filed on (YYYY-MM-DD)");
      break;
    case STEP_DECIDE_APPEAL:
    default:
      heading = _("Appeal Decided?");
      body = _("Record the day ISC2 decided on the appeal.");
      label = _("_Record Decision");
      row_title = _("Decision on (YYYY-MM-DD)");
      break;
    }

  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              step == STEP_REJECT
                                              ? ADW_RESPONSE_DESTRUCTIVE
                                              : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
  gtk_editable_set_text (GTK_EDITABLE (row), today);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect (row, "changed", G_CALLBACK (step_date_changed_cb), dialog);

  data = g_new0 (StepDialog, 1);
  data->self = g_object_ref (self);
  data->audit_id = audit_id;
  data->step = step;
  data->date_row = GTK_EDITABLE (row);
  g_signal_connect_data (dialog, "response", G_CALLBACK (step_response_cb), data,
                         (GClosureNotify) (void (*) (void)) step_dialog_free, 0);

  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StepDialog       *data)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || data->self->session == NULL)
    return;
  if (!cpv_vault_remove_audit (cpv_session_get_vault (data->self->session), data->audit_id,
                               &error))
    add_toast (data->self, error->message);
}

/* Actions ------------------------------------------------------------------------------- */

static gboolean
has_vault (CpvAuditsPage *self)
{
  return self->session != NULL && cpv_session_get_vault (self->session) != NULL;
}

static void
step_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  AuditStep step;

  if (!has_vault (self))
    return;
  if (g_str_equal (action_name, "audits.respond"))
    step = STEP_RESPOND;
  else if (g_str_equal (action_name, "audits.accept"))
    step = STEP_ACCEPT;
  else if (g_str_equal (action_name, "audits.reject"))
    step = STEP_REJECT;
  else if (g_str_equal (action_name, "audits.appeal"))
    step = STEP_APPEAL;
  else
    step = STEP_DECIDE_APPEAL;
  ask_step_date (self, g_variant_get_int64 (parameter), step);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  GtkWidget *dialog;
  StepDialog *data;

  if (!has_vault (self))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Remove Audit Request?"),
                                   _("Its dates and the list of selected activities are "
                                     "removed, and the records it held may then be purged "
                                     "once past retention. The activities and their evidence "
                                     "stay."));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (StepDialog, 1);
  data->self = g_object_ref (self);
  data->audit_id = g_variant_get_int64 (parameter);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), data,
                         (GClosureNotify) (void (*) (void)) step_dialog_free, 0);
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_reflected_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!has_vault (self))
    return;
  /* ISC2-PARTNER-1: seen on the portal today. */
  if (!cpv_vault_set_activity_reflected (cpv_session_get_vault (self->session),
                                         g_variant_get_int64 (parameter), cpv_day_today (),
                                         &error))
    add_toast (self, error->message);
}

static void
open_activity_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The activity editor, when the window offers it; otherwise the list of activities. */
  if (!gtk_widget_activate_action (widget, "win.edit-activity", "x",
                                   g_variant_get_int64 (parameter))
      && CPV_IS_WINDOW (root))
    cpv_window_show_page (CPV_WINDOW (root), "activities");
  (void) self;
}

static void
record_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  CpvAuditDialog *dialog;

  if (!has_vault (self))
    return;
  dialog = cpv_audit_dialog_new (parent_window (self), self->session);
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CpvPackDialog *dialog;

  if (!has_vault (self))
    return;
  if (g_str_equal (action_name, "audits.export-audit"))
    dialog = cpv_pack_dialog_new (parent_window (self), self->session, id, 0, 0);
  else
    dialog = cpv_pack_dialog_new (parent_window (self), self->session, 0, id,
                                  (int) gtk_drop_down_get_selected (self->cycle_dropdown));
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_retention_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (widget);
  CpvRetentionDialog *dialog;

  if (!has_vault (self))
    return;
  dialog = cpv_retention_dialog_new (parent_window (self), self->session);
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides ----------------------------------------------------------------------------- */

static void
cpv_audits_page_dispose (GObject *object)
{
  CpvAuditsPage *self = (CpvAuditsPage *) object;

  cpv_audits_page_set_session (self, NULL);
  remember_dialog (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_AUDITS_PAGE);

  G_OBJECT_CLASS (cpv_audits_page_parent_class)->dispose (object);
}

static void
cpv_audits_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_audits_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CpvAuditsPage *self = CPV_AUDITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_audits_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_audits_page_class_init (CpvAuditsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_audits_page_dispose;
  object_class->get_property = cpv_audits_page_get_property;
  object_class->set_property = cpv_audits_page_set_property;

  /**
   * CpvAuditsPage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvAuditsPage:loading:
   *
   * %TRUE while the readiness, audit and retention figures are being computed.
   */
  props[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-audits-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, cycle_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, cycle_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, audits_list);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, partner_list);
  gtk_widget_class_bind_template_child (widget_class, CpvAuditsPage, retention_row);

  gtk_widget_class_install_action (widget_class, "audits.record", NULL, record_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.show-retention", NULL,
                                   show_retention_cb);
  gtk_widget_class_install_action (widget_class, "audits.export-audit", "x", export_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.export-credential", "x",
                                   export_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.respond", "x", step_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.accept", "x", step_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.reject", "x", step_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.appeal", "x", step_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.decide-appeal", "x", step_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.remove", "x", remove_action_cb);
  gtk_widget_class_install_action (widget_class, "audits.mark-reflected", "x",
                                   mark_reflected_cb);
  gtk_widget_class_install_action (widget_class, "audits.open-activity", "x", open_activity_cb);
}

static void
cpv_audits_page_init (CpvAuditsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_placeholder (self->readiness_list, _("No credentials recorded."));
  set_placeholder (self->audits_list,
                   _("No audit requests. When ISC2 selects you for an audit, record the "
                     "request here to keep its deadline in view."));
  set_placeholder (self->partner_list,
                   _("Every activity added by ISC2 or a partner is reflected on the portal."));
}

/* Public API ---------------------------------------------------------------------------- */

CpvSession *
cpv_audits_page_get_session (CpvAuditsPage *self)
{
  g_return_val_if_fail (CPV_IS_AUDITS_PAGE (self), NULL);
  return self->session;
}

/**
 * cpv_audits_page_set_session:
 * @session: (nullable): the unlocked vault's session; %NULL drops every row and result
 */
void
cpv_audits_page_set_session (CpvAuditsPage *self,
                             CpvSession    *session)
{
  g_return_if_fail (CPV_IS_AUDITS_PAGE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->status_changed_id, self->session);
  g_set_object (&self->session, session);
  if (session == NULL)
    remember_dialog (self, NULL);
  else
    self->status_changed_id = g_signal_connect_swapped (session, "status-changed",
                                                        G_CALLBACK (status_changed_cb), self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

/**
 * cpv_audits_page_get_loading:
 *
 * Returns: %TRUE while the page computes its figures in a thread
 */
gboolean
cpv_audits_page_get_loading (CpvAuditsPage *self)
{
  g_return_val_if_fail (CPV_IS_AUDITS_PAGE (self), FALSE);
  return self->loading;
}
