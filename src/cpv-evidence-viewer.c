/* cpv-evidence-viewer.c — one evidence item: preview, marks, "Save a Copy…"
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-evidence-viewer"

#include "config.h"

#include "cpv-evidence-viewer.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "cpv-evidence-util.h"

/* PDFs are rendered from the decrypted bytes held in memory (poppler reads a GBytes), one
 * page at a time in a GTask thread; images are decoded into a GdkTexture. Nothing is written
 * to disk except the copy a person asks for with "Save a Copy…". Closing the viewer (which
 * locking does) drops the document, the bytes (overwritten) and the rendered page. */

#define ZOOM_MIN 0.1
#define ZOOM_MAX 4.0
#define ZOOM_STEP 1.25
#define FIT_MAX_PDF 2.0
#define FIT_MAX_IMAGE 1.0
#define PAGE_MARGIN 36            /* picture margins, both sides */
#define PIXELS_PER_POINT (96.0 / 72.0)
#define REFIT_DELAY_MS 100

struct _CpvEvidenceViewer
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkStack             *content_stack;
  GtkSpinner           *spinner;
  GtkScrolledWindow    *scrolled_window;
  GtkPicture           *picture;
  AdwStatusPage        *error_page;
  GtkWidget            *controls;
  GtkWidget            *page_box;
  GtkWidget            *controls_separator;
  GtkLabel             *page_label;
  GtkWidget            *previous_button;
  GtkWidget            *next_button;
  GtkWidget            *zoom_out_button;
  GtkWidget            *zoom_in_button;
  GtkWidget            *zoom_button;
  GtkLabel             *zoom_label;
  AdwComboRow          *kind_row;
  AdwComboRow          *tlp_row;
  GtkSwitch            *secret_switch;
  AdwComboRow          *language_row;
  AdwComboRow          *original_row;
  AdwActionRow         *type_row;
  AdwActionRow         *size_row;
  AdwActionRow         *added_row;
  AdwActionRow         *sha256_row;

  CpvSession           *session;
  CpvEvidence          *evidence;        /* own copy, as last saved */
  GCancellable         *cancellable;
  gulong                evidence_changed_id;

  GBytes               *content;         /* decrypted PDF bytes, while the document is open */
  PopplerDocument      *document;
  GArray               *page_sizes;      /* of double pairs, in points (PDF) or pixels */
  GdkTexture           *texture;         /* the page or image on screen */
  guint                 n_pages;
  guint                 page;
  double                zoom;
  gboolean              fit_width;       /* the zoom follows the window until set by hand */
  guint                 refit_id;
  guint                 refill_id;
  int                   allocated_width;

  gboolean              loading;
  gboolean              rendering;
  gboolean              render_again;
  guint                 saving;
  gboolean              syncing;         /* filling the rows: no save */

  GPtrArray            *language_codes;  /* of char*, NULL for "not set" */
  GArray               *original_ids;    /* of gint64, 0 for "none" */
  GtkFileChooserNative *file_chooser;
};

G_DEFINE_FINAL_TYPE (CpvEvidenceViewer, cpv_evidence_viewer, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PAGE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void render (CpvEvidenceViewer *self);

/* Helpers --------------------------------------------------------------------------------- */

static gboolean
is_busy (CpvEvidenceViewer *self)
{
  return self->loading || self->rendering || self->saving > 0;
}

static void
notify_busy (CpvEvidenceViewer *self,
             gboolean           was_busy)
{
  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
show_toast (CpvEvidenceViewer *self,
            const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static CpvVault *
vault (CpvEvidenceViewer *self)
{
  return self->session != NULL ? cpv_session_get_vault (self->session) : NULL;
}

static void
page_size (CpvEvidenceViewer *self,
           double            *width,
           double            *height)
{
  *width = *height = 0;
  if (self->page_sizes == NULL || self->page >= self->page_sizes->len / 2)
    return;
  *width = g_array_index (self->page_sizes, double, 2 * self->page);
  *height = g_array_index (self->page_sizes, double, 2 * self->page + 1);
}

/* Logical pixels per unit of the page size at zoom 1.0 (100 %). */
static double
base_scale (CpvEvidenceViewer *self)
{
  return self->document != NULL ? PIXELS_PER_POINT : 1.0;
}

static void
update_controls (CpvEvidenceViewer *self)
{
  g_autofree char *page_text = NULL;
  g_autofree char *zoom_text = NULL;
  gboolean shown = gtk_stack_get_visible_child (self->content_stack)
                   == GTK_WIDGET (self->scrolled_window);
  gboolean paged = self->document != NULL && self->n_pages > 1;

  /* TRANSLATORS: page number and number of pages in the evidence viewer, e.g. "2 / 5" */
  page_text = g_strdup_printf (_("%u / %u"), self->page + 1, MAX (self->n_pages, 1));
  gtk_label_set_text (self->page_label, page_text);
  zoom_text = g_strdup_printf ("%.0f%%", self->zoom * 100);
  gtk_label_set_text (self->zoom_label, zoom_text);

  gtk_widget_set_visible (self->controls, shown);
  gtk_widget_set_visible (self->page_box, paged);
  gtk_widget_set_visible (self->controls_separator, paged);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous-page",
                                 paged && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next-page",
                                 paged && self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 shown && self->zoom < ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out",
                                 shown && self->zoom > ZOOM_MIN + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", shown);
}

/* Sizes the picture for the zoom; PDFs are re-rendered at the new scale. */
static void
apply_zoom (CpvEvidenceViewer *self)
{
  double width, height;

  page_size (self, &width, &height);
  if (width > 0 && height > 0)
    gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                                 MAX (1, (int) (width * base_scale (self) * self->zoom)),
                                 MAX (1, (int) (height * base_scale (self) * self->zoom)));
  update_controls (self);
  if (self->document != NULL)
    render (self);
}

static double
fit_zoom (CpvEvidenceViewer *self)
{
  double width, height;
  int available = gtk_widget_get_width (GTK_WIDGET (self->content_stack)) - PAGE_MARGIN - 12;

  page_size (self, &width, &height);
  if (width <= 0 || available <= 0)
    return 1.0;
  return CLAMP (available / (width * base_scale (self)), ZOOM_MIN,
                self->document != NULL ? FIT_MAX_PDF : FIT_MAX_IMAGE);
}

static void
set_zoom_internal (CpvEvidenceViewer *self,
                   double             zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (self->zoom, zoom, 0.0005))
    {
      update_controls (self);
      return;
    }
  self->zoom = zoom;
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ZOOM]);
}

static gboolean
refit_cb (gpointer user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (user_data);

  self->refit_id = 0;
  if (self->fit_width && self->page_sizes != NULL)
    set_zoom_internal (self, fit_zoom (self));
  return G_SOURCE_REMOVE;
}

static void
queue_refit (CpvEvidenceViewer *self)
{
  if (!self->fit_width || self->page_sizes == NULL)
    return;
  g_clear_handle_id (&self->refit_id, g_source_remove);
  self->refit_id = g_timeout_add (REFIT_DELAY_MS, refit_cb, self);
}

static void
show_error (CpvEvidenceViewer *self,
            const char        *title,
            const char        *description)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  adw_status_page_set_icon_name (self->error_page,
                                 cpv_evidence_icon_name (self->evidence->media_type));
  gtk_stack_set_visible_child_name (self->content_stack, "error");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  update_controls (self);
}

/* Marks ----------------------------------------------------------------------------------- */

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
fill_languages (CpvEvidenceViewer *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *known[] = { "ja", "en" };
  const char *current = self->evidence->language;
  guint selected = 0;

  g_ptr_array_set_size (self->language_codes, 0);
  g_ptr_array_add (self->language_codes, NULL);
  gtk_string_list_append (labels, _("Not Set"));
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *label = cpv_evidence_language_label (known[i]);

      g_ptr_array_add (self->language_codes, g_strdup (known[i]));
      gtk_string_list_append (labels, label);
      if (g_strcmp0 (current, known[i]) == 0)
        selected = self->language_codes->len - 1;
    }
  if (current != NULL && *current != '\0' && selected == 0)
    {
      g_ptr_array_add (self->language_codes, g_strdup (current));
      gtk_string_list_append (labels, current);
      selected = self->language_codes->len - 1;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->language_row, selected);
}

static void
fill_originals (CpvEvidenceViewer *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GListModel *model = self->session != NULL ? cpv_session_get_evidence (self->session) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint selected = 0;

  g_array_set_size (self->original_ids, 0);
  g_array_append_val (self->original_ids, (gint64) { 0 });
  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpvEvidence) item = g_list_model_get_item (model, i);

      if (item->id == self->evidence->id)
        continue;
      g_array_append_val (self->original_ids, item->id);
      gtk_string_list_append (labels, item->file_name);
      if (item->id == self->evidence->translation_of)
        selected = self->original_ids->len - 1;
    }
  adw_combo_row_set_model (self->original_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->original_row, selected);
}

static void
sync_marks (CpvEvidenceViewer *self)
{
  CpvEvidence *evidence = self->evidence;
  g_autofree char *size = g_format_size (evidence->size);
  g_autoptr(GDateTime) added = evidence->added != NULL
                               ? g_date_time_new_from_iso8601 (evidence->added, NULL) : NULL;
  g_autoptr(GDateTime) added_local = added != NULL ? g_date_time_to_local (added) : NULL;
  g_autofree char *added_text = added_local != NULL
                                ? g_date_time_format (added_local, "%x %X") : NULL;

  guint language = G_MAXUINT;
  guint original = 0;

  /* Only selections change here: replacing a combo row's model from inside its own
   * notification (a mark just chosen) would free the selection model under GTK's feet. */
  self->syncing = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), evidence->file_name);
  adw_window_title_set_title (self->window_title, evidence->file_name);
  adw_window_title_set_subtitle (self->window_title, cpv_evidence_kind_label (evidence->kind));
  adw_combo_row_set_selected (self->kind_row, index_of (cpv_evidence_kinds (), evidence->kind));
  adw_combo_row_set_selected (self->tlp_row, index_of (cpv_evidence_tlps (), evidence->tlp));
  gtk_switch_set_active (self->secret_switch, evidence->secret);
  for (guint i = 0; i < self->language_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->language_codes, i), evidence->language) == 0)
      language = i;
  if (language == G_MAXUINT)
    fill_languages (self);
  else
    adw_combo_row_set_selected (self->language_row, language);
  for (guint i = 0; i < self->original_ids->len; i++)
    if (g_array_index (self->original_ids, gint64, i) == evidence->translation_of)
      original = i;
  adw_combo_row_set_selected (self->original_row, original);
  adw_action_row_set_subtitle (self->type_row,
                               evidence->media_type != NULL ? evidence->media_type : "");
  adw_action_row_set_subtitle (self->size_row, size);
  adw_action_row_set_subtitle (self->added_row, added_text != NULL ? added_text : "");
  adw_action_row_set_subtitle (self->sha256_row,
                               evidence->sha256 != NULL ? evidence->sha256 : "");
  self->syncing = FALSE;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (*field == value)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Saves @changed (a copy of the item with new marks); on failure the rows go back. */
static gboolean
save_marks (CpvEvidenceViewer  *self,
            CpvEvidence        *changed,
            GError            **error)
{
  if (vault (self) == NULL)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED,
                           _("The vault is locked."));
      return FALSE;
    }
  if (!cpv_vault_update_evidence_marks (vault (self), changed, error))
    {
      sync_marks (self);
      return FALSE;
    }
  g_set_object (&self->evidence, changed);
  sync_marks (self);
  return TRUE;
}

static void
marks_changed_cb (CpvEvidenceViewer *self)
{
  g_autoptr(CpvEvidence) changed = NULL;
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint tlp = adw_combo_row_get_selected (self->tlp_row);
  guint language = adw_combo_row_get_selected (self->language_row);
  guint original = adw_combo_row_get_selected (self->original_row);

  if (self->syncing || self->evidence == NULL)
    return;

  changed = cpv_evidence_copy (self->evidence);
  if (kind < g_strv_length ((char **) cpv_evidence_kinds ()))
    replace_string (&changed->kind, cpv_evidence_kinds ()[kind]);
  if (tlp < g_strv_length ((char **) cpv_evidence_tlps ()))
    replace_string (&changed->tlp, cpv_evidence_tlps ()[tlp]);
  changed->secret = gtk_switch_get_active (self->secret_switch);
  if (language < self->language_codes->len)
    replace_string (&changed->language, g_ptr_array_index (self->language_codes, language));
  if (original < self->original_ids->len)
    changed->translation_of = g_array_index (self->original_ids, gint64, original);

  /* Rows also notify when their models are rebuilt after a reload: save only real edits. */
  if (g_strcmp0 (changed->kind, self->evidence->kind) == 0
      && g_strcmp0 (changed->tlp, self->evidence->tlp) == 0
      && changed->secret == self->evidence->secret
      && g_strcmp0 (changed->language, self->evidence->language) == 0
      && changed->translation_of == self->evidence->translation_of)
    return;

  if (!save_marks (self, changed, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The marks could not be saved: %s"),
                                                  error->message);
      show_toast (self, message);
    }
}

static gboolean
refill_originals_cb (gpointer user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (user_data);
  gboolean was_syncing = self->syncing;

  self->refill_id = 0;
  self->syncing = TRUE;
  fill_originals (self);
  self->syncing = was_syncing;
  return G_SOURCE_REMOVE;
}

/* Another item was added, renamed or removed: the "Translation Of" list follows, from an
 * idle so that no combo row is rebuilt while it is notifying. */
static void
session_evidence_changed_cb (CpvEvidenceViewer *self)
{
  if (self->refill_id == 0)
    self->refill_id = g_idle_add (refill_originals_cb, self);
}

/* Loading and rendering ------------------------------------------------------------------- */

typedef struct
{
  CpvVault        *vault;
  gint64           evidence_id;
  char            *media_type;
  GBytes          *content;
  PopplerDocument *document;
  GArray          *page_sizes;
  GdkTexture      *image;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->vault);
  g_free (job->media_type);
  g_clear_object (&job->document);
  g_clear_pointer (&job->content, cpv_evidence_wipe_bytes);
  g_clear_pointer (&job->page_sizes, g_array_unref);
  g_clear_object (&job->image);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  job->content = cpv_vault_load_evidence_bytes (job->vault, job->evidence_id, cancellable,
                                                &error);
  if (job->content == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->page_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  if (cpv_evidence_media_is_pdf (job->media_type))
    {
      int n_pages;

      job->document = poppler_document_new_from_bytes (job->content, NULL, &error);
      if (job->document == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      n_pages = poppler_document_get_n_pages (job->document);
      for (int i = 0; i < n_pages; i++)
        {
          PopplerPage *page = poppler_document_get_page (job->document, i);
          double width = 0, height = 0;

          if (page != NULL)
            {
              poppler_page_get_size (page, &width, &height);
              g_object_unref (page);
            }
          g_array_append_val (job->page_sizes, width);
          g_array_append_val (job->page_sizes, height);
        }
      if (n_pages == 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The PDF file has no pages."));
          return;
        }
    }
  else if (cpv_evidence_media_is_image (job->media_type))
    {
      double width, height;

      job->image = gdk_texture_new_from_bytes (job->content, &error);
      g_clear_pointer (&job->content, cpv_evidence_wipe_bytes);
      if (job->image == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      width = gdk_texture_get_width (job->image);
      height = gdk_texture_get_height (job->image);
      g_array_append_val (job->page_sizes, width);
      g_array_append_val (job->page_sizes, height);
    }
  else
    {
      g_clear_pointer (&job->content, cpv_evidence_wipe_bytes);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("There is no preview for this kind of file."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (source_object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean was_busy = is_busy (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        show_error (self, _("No Preview"),
                    _("This kind of file cannot be shown here. Save a copy to open it in "
                      "another app."));
      else if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        show_error (self, _("Password-Protected PDF"),
                    _("This PDF needs a password to open. Save a copy to open it in a "
                      "document viewer."));
      else
        {
          g_autofree char *markup = g_markup_escape_text (error->message, -1);

          show_error (self, _("The File Cannot Be Shown"), markup);
        }
      notify_busy (self, was_busy);
      return;
    }

  self->content = g_steal_pointer (&job->content);
  self->document = g_steal_pointer (&job->document);
  self->page_sizes = g_steal_pointer (&job->page_sizes);
  self->n_pages = self->document != NULL ? (guint) poppler_document_get_n_pages (self->document)
                                         : 1;
  self->page = 0;
  if (job->image != NULL)
    {
      g_set_object (&self->texture, job->image);
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  self->fit_width = TRUE;
  self->zoom = fit_zoom (self);
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ZOOM]);
  notify_busy (self, was_busy);
}

typedef struct
{
  PopplerDocument *document;
  int              page;
  double           scale;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->document);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  PopplerPage *page = poppler_document_get_page (job->document, job->page);

  if (page == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Page %d of the PDF file is damaged."), job->page + 1);
      return;
    }
  g_task_return_pointer (task, cpv_evidence_render_pdf_page (page, job->scale),
                         g_object_unref);
  g_object_unref (page);
}

static void
rendered_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (source_object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_busy = is_busy (self);

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->document == NULL)
    return;

  self->rendering = FALSE;
  if (self->render_again)
    {
      render (self);
      return;
    }
  if (texture == NULL)
    {
      show_toast (self, error->message);
      notify_busy (self, was_busy);
      return;
    }
  g_set_object (&self->texture, texture);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
  notify_busy (self, was_busy);
}

/* Renders the current page at the current zoom; one render at a time per document. */
static void
render (CpvEvidenceViewer *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;
  gboolean was_busy = is_busy (self);

  if (self->document == NULL)
    return;
  if (self->rendering)
    {
      self->render_again = TRUE;
      return;
    }

  self->render_again = FALSE;
  self->rendering = TRUE;
  job = g_new0 (RenderJob, 1);
  job->document = g_object_ref (self->document);
  job->page = (int) self->page;
  job->scale = self->zoom * PIXELS_PER_POINT * gtk_widget_get_scale_factor (GTK_WIDGET (self));

  task = g_task_new (self, self->cancellable, rendered_cb, NULL);
  g_task_set_source_tag (task, render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
  notify_busy (self, was_busy);
}

static void
load (CpvEvidenceViewer *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  job->vault = g_object_ref (vault (self));
  job->evidence_id = self->evidence->id;
  job->media_type = g_strdup (self->evidence->media_type);

  self->loading = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  update_controls (self);

  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Save a copy ----------------------------------------------------------------------------- */

typedef struct
{
  CpvVault *vault;
  gint64    evidence_id;
  GFile    *file;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->vault);
  g_clear_object (&job->file);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  GError *error = NULL;

  input = cpv_vault_open_evidence (job->vault, job->evidence_id, &error);
  if (input == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* g_file_replace() writes beside the target and renames on close: a cancelled or failed
   * save leaves no partial file behind. */
  output = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (output == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_output_stream_splice (G_OUTPUT_STREAM (output), input,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                              | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (source_object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);
  g_autofree char *message = NULL;

  if (cpv_evidence_viewer_save_copy_finish (self, result, &error))
    message = g_strdup_printf (_("Saved an unencrypted copy as “%s”"), name);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("The copy could not be saved: %s"), error->message);
  if (message != NULL)
    show_toast (self, message);
}

/* Emitted once the caller's callback has run. */
static void
save_completed_cb (CpvEvidenceViewer *self)
{
  gboolean was_busy = is_busy (self);

  if (self->saving > 0)
    self->saving--;
  notify_busy (self, was_busy);
}

static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        cpv_evidence_viewer_save_copy_async (self, file, self->cancellable, saved_cb, NULL);
    }
  g_clear_object (&self->file_chooser);
}

/* Actions --------------------------------------------------------------------------------- */

static void
choose_copy_file (CpvEvidenceViewer *self)
{
  if (self->file_chooser != NULL || vault (self) == NULL)
    return;
  self->file_chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser),
                                     self->evidence->file_name);
  g_signal_connect (self->file_chooser, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
confirm_copy_response_cb (AdwMessageDialog  *dialog,
                          const char        *response,
                          CpvEvidenceViewer *self)
{
  if (g_strcmp0 (response, "save") == 0)
    choose_copy_file (self);
}

/* A copy leaves the vault unencrypted: items marked secret or TLP:RED ask first
 * (COUNCIL-TLP-1 keeps both marks because they say different things). */
static void
save_copy_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);
  AdwMessageDialog *dialog;
  const char *body;

  if (self->file_chooser != NULL || vault (self) == NULL)
    return;
  if (!self->evidence->secret && g_strcmp0 (self->evidence->tlp, "red") != 0)
    {
      choose_copy_file (self);
      return;
    }

  if (self->evidence->secret && g_strcmp0 (self->evidence->tlp, "red") == 0)
    body = _("This file is marked secret and TLP:RED. The copy is not encrypted: keep it "
             "only where the people it may be shared with can read it.");
  else if (self->evidence->secret)
    body = _("This file is marked secret. The copy is not encrypted: keep it only where "
             "the people it may be shared with can read it.");
  else
    body = _("This file is marked TLP:RED. The copy is not encrypted: keep it only where "
             "the people it may be shared with can read it.");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save an Unencrypted Copy?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save a Copy…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_copy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
previous_page_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  if (self->page > 0)
    cpv_evidence_viewer_set_page (self, self->page - 1);
}

static void
next_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  cpv_evidence_viewer_set_page (self, self->page + 1);
}

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  cpv_evidence_viewer_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  cpv_evidence_viewer_set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
zoom_fit_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  self->fit_width = TRUE;
  set_zoom_internal (self, fit_zoom (self));
}

static void
layout_changed_cb (CpvEvidenceViewer *self)
{
  queue_refit (self);
}

/* GObject --------------------------------------------------------------------------------- */

static void
cpv_evidence_viewer_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (widget);

  GTK_WIDGET_CLASS (cpv_evidence_viewer_parent_class)->size_allocate (widget, width, height,
                                                                      baseline);
  /* The page follows the window's width until zoomed by hand; refit once resizing pauses. */
  if (width != self->allocated_width)
    {
      self->allocated_width = width;
      queue_refit (self);
    }
}

static void
cpv_evidence_viewer_dispose (GObject *object)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refit_id, g_source_remove);
  g_clear_handle_id (&self->refill_id, g_source_remove);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  if (self->session != NULL)
    g_clear_signal_handler (&self->evidence_changed_id, cpv_session_get_evidence (self->session));

  /* Everything decrypted goes: the page on screen, the document, then its bytes. */
  if (self->picture != NULL)
    gtk_picture_set_paintable (self->picture, NULL);
  g_clear_object (&self->texture);
  g_clear_object (&self->document);
  g_clear_pointer (&self->content, cpv_evidence_wipe_bytes);
  g_clear_pointer (&self->page_sizes, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_EVIDENCE_VIEWER);

  g_clear_object (&self->session);
  g_clear_object (&self->evidence);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cpv_evidence_viewer_parent_class)->dispose (object);
}

static void
cpv_evidence_viewer_finalize (GObject *object)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (object);

  g_ptr_array_unref (self->language_codes);
  g_array_unref (self->original_ids);

  G_OBJECT_CLASS (cpv_evidence_viewer_parent_class)->finalize (object);
}

static void
cpv_evidence_viewer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_evidence_viewer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CpvEvidenceViewer *self = CPV_EVIDENCE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      cpv_evidence_viewer_set_page (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      cpv_evidence_viewer_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_evidence_viewer_class_init (CpvEvidenceViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_evidence_viewer_dispose;
  object_class->finalize = cpv_evidence_viewer_finalize;
  object_class->get_property = cpv_evidence_viewer_get_property;
  object_class->set_property = cpv_evidence_viewer_set_property;
  widget_class->size_allocate = cpv_evidence_viewer_size_allocate;

  /**
   * CpvEvidenceViewer:busy:
   *
   * Whether the item is being decrypted, a page rendered or a copy saved.
   */
  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvEvidenceViewer:page:
   *
   * The PDF page shown, counted from 0.
   */
  props[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvEvidenceViewer:zoom:
   *
   * 1.0 shows a PDF at its printed size (96 pixels per inch) and an image pixel for pixel.
   */
  props[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-evidence-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, flap);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, controls);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, page_box);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, controls_separator);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, page_label);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, next_button);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, tlp_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, secret_switch);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, language_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, original_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, type_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, size_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, added_row);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidenceViewer, sha256_row);

  gtk_widget_class_install_action (widget_class, "viewer.save-copy", NULL, save_copy_cb);
  gtk_widget_class_install_action (widget_class, "viewer.previous-page", NULL,
                                   previous_page_cb);
  gtk_widget_class_install_action (widget_class, "viewer.next-page", NULL, next_page_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "viewer.save-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "viewer.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "viewer.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cpv_evidence_viewer_init (CpvEvidenceViewer *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tlps = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->original_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->zoom = 1.0;

  for (const char * const *kind = cpv_evidence_kinds (); *kind != NULL; kind++)
    gtk_string_list_append (kinds, cpv_evidence_kind_label (*kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  for (const char * const *tlp = cpv_evidence_tlps (); *tlp != NULL; tlp++)
    gtk_string_list_append (tlps, cpv_evidence_tlp_label (*tlp));
  adw_combo_row_set_model (self->tlp_row, G_LIST_MODEL (tlps));

  g_signal_connect_swapped (self->kind_row, "notify::selected",
                            G_CALLBACK (marks_changed_cb), self);
  g_signal_connect_swapped (self->tlp_row, "notify::selected",
                            G_CALLBACK (marks_changed_cb), self);
  g_signal_connect_swapped (self->secret_switch, "notify::active",
                            G_CALLBACK (marks_changed_cb), self);
  g_signal_connect_swapped (self->language_row, "notify::selected",
                            G_CALLBACK (marks_changed_cb), self);
  g_signal_connect_swapped (self->original_row, "notify::selected",
                            G_CALLBACK (marks_changed_cb), self);

  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (layout_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (layout_changed_cb), self);

  update_controls (self);
}

/* Public API ------------------------------------------------------------------------------ */

/**
 * cpv_evidence_viewer_new:
 * @session: the unlocked vault's session
 * @evidence: the item to show
 *
 * Returns: (transfer floating): a viewer that starts decrypting @evidence at once
 */
CpvEvidenceViewer *
cpv_evidence_viewer_new (CpvSession  *session,
                         CpvEvidence *evidence)
{
  CpvEvidenceViewer *self;

  g_return_val_if_fail (CPV_IS_SESSION (session), NULL);
  g_return_val_if_fail (CPV_IS_EVIDENCE (evidence), NULL);

  self = g_object_new (CPV_TYPE_EVIDENCE_VIEWER, NULL);
  self->session = g_object_ref (session);
  self->evidence = cpv_evidence_copy (evidence);
  self->syncing = TRUE;
  fill_languages (self);
  fill_originals (self);
  self->syncing = FALSE;
  self->evidence_changed_id =
    g_signal_connect_object (cpv_session_get_evidence (session), "items-changed",
                             G_CALLBACK (session_evidence_changed_cb), self,
                             G_CONNECT_SWAPPED);
  sync_marks (self);
  load (self);
  return self;
}

CpvEvidence *
cpv_evidence_viewer_get_evidence (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), NULL);
  return self->evidence;
}

gboolean
cpv_evidence_viewer_get_busy (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), FALSE);
  return is_busy (self);
}

guint
cpv_evidence_viewer_get_n_pages (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), 0);
  return self->n_pages;
}

guint
cpv_evidence_viewer_get_page (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), 0);
  return self->page;
}

/**
 * cpv_evidence_viewer_set_page:
 * @page: counted from 0; out of range does nothing
 */
void
cpv_evidence_viewer_set_page (CpvEvidenceViewer *self,
                              guint              page)
{
  g_return_if_fail (CPV_IS_EVIDENCE_VIEWER (self));

  if (page == self->page || page >= self->n_pages || self->document == NULL)
    return;
  self->page = page;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  if (self->fit_width)
    self->zoom = fit_zoom (self);
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PAGE]);
}

double
cpv_evidence_viewer_get_zoom (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), 1.0);
  return self->zoom;
}

/**
 * cpv_evidence_viewer_set_zoom:
 * @zoom: 1.0 for 100 %, kept between 0.1 and 4.0
 *
 * Sets the zoom by hand: it no longer follows the window's width.
 */
void
cpv_evidence_viewer_set_zoom (CpvEvidenceViewer *self,
                              double             zoom)
{
  g_return_if_fail (CPV_IS_EVIDENCE_VIEWER (self));

  self->fit_width = FALSE;
  set_zoom_internal (self, zoom);
}

/**
 * cpv_evidence_viewer_get_texture:
 *
 * Returns: (transfer none) (nullable): the page or image on screen
 */
GdkTexture *
cpv_evidence_viewer_get_texture (CpvEvidenceViewer *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), NULL);
  return self->texture;
}

/**
 * cpv_evidence_viewer_set_translation_of:
 * @original_id: the item this one translates, or 0 for none
 *
 * Links the item to its original (a Japanese certificate and its English translation) and
 * saves the link in the vault.
 */
gboolean
cpv_evidence_viewer_set_translation_of (CpvEvidenceViewer  *self,
                                        gint64              original_id,
                                        GError            **error)
{
  g_autoptr(CpvEvidence) changed = NULL;

  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), FALSE);

  changed = cpv_evidence_copy (self->evidence);
  changed->translation_of = original_id;
  return save_marks (self, changed, error);
}

/**
 * cpv_evidence_viewer_save_copy_async:
 * @file: where the person chose to save the copy
 *
 * Writes the item's bytes, decrypted, to @file: the one explicit, person-chosen way a
 * plaintext copy leaves the vault.
 */
void
cpv_evidence_viewer_save_copy_async (CpvEvidenceViewer   *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;
  gboolean was_busy;

  g_return_if_fail (CPV_IS_EVIDENCE_VIEWER (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpv_evidence_viewer_save_copy_async);
  if (vault (self) == NULL)
    {
      g_task_return_new_error (task, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED,
                               _("The vault is locked."));
      return;
    }

  was_busy = is_busy (self);
  self->saving++;
  job = g_new0 (SaveJob, 1);
  job->vault = g_object_ref (vault (self));
  job->evidence_id = self->evidence->id;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (save_completed_cb), self,
                           G_CONNECT_SWAPPED);
  g_task_run_in_thread (task, save_thread);
  notify_busy (self, was_busy);
}

gboolean
cpv_evidence_viewer_save_copy_finish (CpvEvidenceViewer  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_VIEWER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
