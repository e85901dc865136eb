/* test-ui-evidence.c — the evidence grid and viewer, preferences, passphrase change, auto-lock
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh). A real PDF (drawn with cairo's PDF surface, with a
 * marker string in its metadata) and a PNG are attached through the core; the rest goes
 * through the widgets and actions a person uses. The plaintext check scans TMPDIR, the XDG
 * cache and the vault's folder for the marker after previewing. Screenshots land in
 * $G_TEST_BUILDDIR/screenshots/.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cpv-application.h"
#include "cpv-auto-lock.h"
#include "cpv-evidence-page.h"
#include "cpv-evidence-util.h"
#include "cpv-evidence-viewer.h"
#include "cpv-passphrase-dialog.h"
#include "cpv-preferences.h"
#include "cpv-ui-test-util.h"
#include "cpv-unlock-page.h"
#include "cpv-window.h"

#define GOOD_PASSPHRASE "correct horse battery staple"
#define NEW_PASSPHRASE "purple elephant tram seventeen"
#define PDF_NAME "受講証明書 2026.pdf"
#define PNG_NAME "certificate-en.png"
#define PDF_PAGES 3

static CpvUiTestProcess process;
static char *root_dir;        /* everything the test writes */
static char *export_dir;      /* where "Save a Copy" writes: outside the scanned folders */
static char *marker;          /* unique per run */

typedef struct
{
  char            *dir;
  char            *vault_path;
  CpvWindow       *window;
  CpvEvidencePage *page;
  GBytes          *pdf;
  GBytes          *png;
  gint64           pdf_id;
  gint64           png_id;
  char            *pdf_sha256;
  char            *png_sha256;
} UiFixture;

/* Helpers ------------------------------------------------------------------------------- */

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint wake_up = g_timeout_add (10, wake_up_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  /* "clicked" at once; gtk_widget_activate() would release the button 250 ms later. */
  g_signal_emit_by_name (button, "clicked");
}

static void
type_text (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* The newest toplevel of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }
  return found;
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        n++;
    }
  return n;
}

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 const char *css_class,
                 GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, css_class, found);
}

static gboolean
has_visible_label (GtkWidget  *widget,
                   const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (widget, GTK_TYPE_LABEL, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0
        && gtk_widget_is_visible (labels->pdata[i]))
      return TRUE;
  return FALSE;
}

/* The grid tile that shows @file_name. */
static GtkWidget *
find_tile (UiFixture  *fixture,
           const char *file_name)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_BOX, "evidence-tile", tiles);
  for (guint i = 0; i < tiles->len; i++)
    if (has_visible_label (tiles->pdata[i], file_name))
      return tiles->pdata[i];
  return NULL;
}

static GdkPaintable *
tile_paintable (GtkWidget *tile)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  collect_widgets (tile, GTK_TYPE_IMAGE, "thumbnail-image", images);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_true (gtk_widget_is_visible (images->pdata[0]));
  return gtk_image_get_paintable (images->pdata[0]);
}

/* The colour at (@x, @y) as 0xRRGGBB. */
static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint32 argb;

  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, data, stride);
  memcpy (&argb, data + y * stride + x * 4, 4);
  return argb & 0xffffff;
}

static gboolean
close_to (guint32 color,
          guint32 expected)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((color >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)) > 24)
      return FALSE;
  return TRUE;
}

/* Test files -------------------------------------------------------------------------------- */

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An A4 certificate of PDF_PAGES pages: page 1 red at the top, page 2 green, page 3 blue. */
static GBytes *
make_pdf (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_array_cb, array,
                                                                  595, 842);
  const double colors[PDF_PAGES][3] = { { 1, 0, 0 }, { 0, 0.8, 0 }, { 0, 0, 1 } };
  cairo_t *cr;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, marker);
  cr = cairo_create (surface);
  for (int i = 0; i < PDF_PAGES; i++)
    {
      cairo_set_source_rgb (cr, colors[i][0], colors[i][1], colors[i][2]);
      cairo_rectangle (cr, 0, 0, 595, 300);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                              CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 28);
      cairo_move_to (cr, 60, 380);
      cairo_show_text (cr, "Certificate of Completion");
      cairo_set_font_size (cr, 16);
      cairo_move_to (cr, 60, 430);
      cairo_show_text (cr, marker);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

/* A 600 × 400 image: blue with a white band. */
static GBytes *
make_png (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 300, 600, 100);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, write_to_array_cb, array), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

static gboolean
bytes_contain (const guint8 *data,
               gsize         size,
               const char   *needle)
{
  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* Every regular file under @path that contains the marker. */
static void
scan_for_marker (const char *path,
                 GPtrArray  *hits)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0)
    return;
  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child_path = g_build_filename (path, name, NULL);

          scan_for_marker (child_path, hits);
        }
    }
  else if (S_ISREG (info.st_mode))
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

      if (file != NULL
          && bytes_contain ((const guint8 *) g_mapped_file_get_contents (file),
                            g_mapped_file_get_length (file), marker))
        g_ptr_array_add (hits, g_strdup (path));
    }
}

static void
assert_no_plaintext (UiFixture *fixture)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  const char *dirs[] = { g_get_tmp_dir (), g_get_user_cache_dir (), fixture->dir };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    scan_for_marker (dirs[i], hits);
  for (guint i = 0; i < hits->len; i++)
    g_test_message ("Plaintext marker found in %s", (char *) hits->pdata[i]);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* Window and vault ---------------------------------------------------------------------- */

static gboolean
vault_is_open (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) != NULL;
}

static gboolean
vault_is_closed (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_window_get_vault (fixture->window) == NULL;
}

static gboolean
stack_is_still (gpointer data)
{
  UiFixture *fixture = data;
  GtkWidget *stack = cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, "main_stack");

  return !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static void
unlock_with (UiFixture  *fixture,
             const char *passphrase,
             const char *confirmation)
{
  GtkWidget *unlock_page = cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, "unlock_page");

  type_text (cpv_ui_child (unlock_page, CPV_TYPE_UNLOCK_PAGE, "passphrase_row"), passphrase);
  if (confirmation != NULL)
    type_text (cpv_ui_child (unlock_page, CPV_TYPE_UNLOCK_PAGE, "confirm_row"), confirmation);
  click (cpv_ui_child (unlock_page, CPV_TYPE_UNLOCK_PAGE, "submit_button"));
}

static gboolean
evidence_loaded (gpointer data)
{
  UiFixture *fixture = data;
  CpvSession *session = cpv_window_get_session (fixture->window);

  return session != NULL && g_list_model_get_n_items (cpv_session_get_evidence (session)) == 2;
}

static CpvEvidence *
attach (UiFixture  *fixture,
        GBytes     *content,
        const char *file_name,
        const char *kind,
        const char *tlp,
        gboolean    secret,
        const char *language_tag)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (content);
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { kind, tlp, secret, language_tag, file_name };
  CpvEvidence *evidence;

  evidence = cpv_vault_attach_evidence (cpv_window_get_vault (fixture->window), 0, stream,
                                        &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  return evidence;
}

/* A new vault with the PDF and the PNG, showing the evidence page. */
static void
open_vault_with_evidence (UiFixture *fixture)
{
  g_autoptr(CpvEvidence) pdf = NULL;
  g_autoptr(CpvEvidence) png = NULL;

  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  fixture->page = CPV_EVIDENCE_PAGE (cpv_ui_child (fixture->window, CPV_TYPE_WINDOW,
                                                  "evidence_page"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  unlock_with (fixture, GOOD_PASSPHRASE, GOOD_PASSPHRASE);
  cpv_ui_spin_until (vault_is_open, fixture, "the new vault is open");

  pdf = attach (fixture, fixture->pdf, PDF_NAME, "certificate", "amber", FALSE, "ja");
  png = attach (fixture, fixture->png, PNG_NAME, "translation", "red", TRUE, "en");
  fixture->pdf_id = pdf->id;
  fixture->png_id = png->id;
  fixture->pdf_sha256 = g_strdup (pdf->sha256);
  fixture->png_sha256 = g_strdup (png->sha256);
  cpv_ui_spin_until (evidence_loaded, fixture, "the session lists both items");

  cpv_window_show_page (fixture->window, "evidence");
  cpv_ui_spin_until (stack_is_still, fixture, "the window shows the vault");
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
}

static gboolean
thumbnails_ready (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_evidence_page_get_n_pending (fixture->page) == 0
         && cpv_evidence_page_get_n_thumbnails (fixture->page) == 2;
}

static gboolean
viewer_idle (gpointer data)
{
  CpvEvidenceViewer *viewer = data;

  return !cpv_evidence_viewer_get_busy (viewer)
         && (cpv_evidence_viewer_get_texture (viewer) != NULL
             || g_strcmp0 (gtk_stack_get_visible_child_name (
                             GTK_STACK (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                      "content_stack"))), "error") == 0);
}

static gboolean
no_viewer (gpointer data)
{
  return count_toplevels (CPV_TYPE_EVIDENCE_VIEWER) == 0;
}

/* Opens the grid item at @position the way a click does (list.activate-item). */
static CpvEvidenceViewer *
open_viewer_at (UiFixture *fixture,
                guint      position)
{
  GtkWidget *grid = cpv_ui_child (fixture->page, CPV_TYPE_EVIDENCE_PAGE, "grid_view");
  guint before = count_toplevels (CPV_TYPE_EVIDENCE_VIEWER);
  CpvEvidenceViewer *viewer;

  g_assert_true (gtk_widget_activate_action (grid, "list.activate-item", "u", position));
  g_assert_cmpuint (count_toplevels (CPV_TYPE_EVIDENCE_VIEWER), ==, before + 1);
  viewer = CPV_EVIDENCE_VIEWER (find_toplevel (CPV_TYPE_EVIDENCE_VIEWER));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer))
                 == GTK_WINDOW (fixture->window));
  cpv_ui_spin_until (viewer_idle, viewer, "the viewer shows the item");
  /* Once laid out, the page is fitted to the width and rendered again. */
  cpv_ui_wait_frames (GTK_WIDGET (viewer), 2);
  wait_ms (250);
  cpv_ui_spin_until (viewer_idle, viewer, "the viewer fits the item to its width");
  return viewer;
}

static CpvEvidence *
stored_evidence (UiFixture *fixture,
                 gint64     id)
{
  g_autoptr(GError) error = NULL;
  CpvEvidence *evidence = cpv_vault_get_evidence (cpv_window_get_vault (fixture->window), id,
                                                  &error);

  g_assert_no_error (error);
  return evidence;
}

static guint
combo_position (GtkWidget  *row,
                const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      return i;
  g_error ("The combo row has no item “%s”", label);
}

/* Screenshots --------------------------------------------------------------------------- */

static void
save_screenshot (GtkWindow  *window,
                 const char *state,
                 gboolean    dark,
                 int         width,
                 int         height)
{
  GtkWidget *widget = GTK_WIDGET (window);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cpv_ui_resize_window (widget, width, height);
  /* The viewer refits the page after a resize, then renders it again. */
  wait_ms (250);
  if (CPV_IS_EVIDENCE_VIEWER (window))
    cpv_ui_spin_until (viewer_idle, window, "the viewer renders the page again");
  cpv_ui_wait_frames (widget, 3);

  cpv_ui_save_png (widget, width, height, state, process.language, dark);
}

static void
save_screenshots (GtkWindow  *window,
                  const char *state)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 400, 800 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      save_screenshot (window, state, FALSE, sizes[i].width, sizes[i].height);
      save_screenshot (window, state, TRUE, sizes[i].width, sizes[i].height);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Fixture ------------------------------------------------------------------------------- */

static void
fixture_set_up (UiFixture     *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-ui-evidence-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->vault_path = g_build_filename (fixture->dir, "Evidence.cpv", NULL);
  fixture->pdf = make_pdf ();
  fixture->png = make_png ();
  /* The check below can only fail if the marker is in the PDF's bytes as written. */
  g_assert_true (bytes_contain (g_bytes_get_data (fixture->pdf, NULL),
                                g_bytes_get_size (fixture->pdf), marker));
}

static void
fixture_tear_down (UiFixture     *fixture,
                   gconstpointer  user_data)
{
  CpvAutoLock *auto_lock = cpv_application_get_auto_lock (process.application);

  cpv_auto_lock_set_idle_timeout_ms (auto_lock, 0);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  cpv_ui_spin_until (no_viewer, NULL, "every viewer is closed");
  cpv_ui_remove_tree (fixture->dir);
  g_free (fixture->vault_path);
  g_free (fixture->dir);
  g_free (fixture->pdf_sha256);
  g_free (fixture->png_sha256);
  g_bytes_unref (fixture->pdf);
  g_bytes_unref (fixture->png);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_grid (UiFixture     *fixture,
           gconstpointer  user_data)
{
  GtkWidget *stack;
  GtkWidget *pdf_tile;
  GtkWidget *png_tile;
  GdkTexture *pdf_thumbnail;
  GdkTexture *png_thumbnail;
  g_autoptr(GError) error = NULL;

  /* Locked: no model, nothing shown. */
  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  fixture->page = CPV_EVIDENCE_PAGE (cpv_ui_child (fixture->window, CPV_TYPE_WINDOW,
                                                  "evidence_page"));
  g_assert_null (cpv_evidence_page_get_session (fixture->page));
  g_assert_null (gtk_grid_view_get_model (GTK_GRID_VIEW (cpv_ui_child (fixture->page,
                                                                       CPV_TYPE_EVIDENCE_PAGE,
                                                                       "grid_view"))));
  gtk_window_destroy (GTK_WINDOW (fixture->window));

  open_vault_with_evidence (fixture);
  stack = cpv_ui_child (fixture->page, CPV_TYPE_EVIDENCE_PAGE, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "grid");
  cpv_ui_spin_until (thumbnails_ready, fixture, "both thumbnails are rendered");
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);

  /* The PDF's first page, rendered from memory: A4 portrait, red band at the top. */
  pdf_thumbnail = cpv_evidence_page_lookup_thumbnail (fixture->page, fixture->pdf_sha256);
  g_assert_nonnull (pdf_thumbnail);
  g_assert_cmpint (gdk_texture_get_height (pdf_thumbnail), ==, CPV_EVIDENCE_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_texture_get_width (pdf_thumbnail), ==, 181);   /* 256 × 595 / 842 */
  g_assert_true (close_to (pixel_at (pdf_thumbnail, 90, 20), 0xff0000));
  g_assert_true (close_to (pixel_at (pdf_thumbnail, 90, 200), 0xffffff));
  /* The PNG, scaled down to 256 × 170 px. */
  png_thumbnail = cpv_evidence_page_lookup_thumbnail (fixture->page, fixture->png_sha256);
  g_assert_nonnull (png_thumbnail);
  g_assert_cmpint (gdk_texture_get_width (png_thumbnail), ==, CPV_EVIDENCE_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_texture_get_height (png_thumbnail), ==, 170);
  g_assert_true (close_to (pixel_at (png_thumbnail, 100, 40), 0x0000ff));
  g_assert_true (close_to (pixel_at (png_thumbnail, 100, 160), 0xffffff));

  /* Each tile: name, kind, TLP chip, secret mark, process.language, and its thumbnail. */
  pdf_tile = find_tile (fixture, PDF_NAME);
  png_tile = find_tile (fixture, PNG_NAME);
  g_assert_nonnull (pdf_tile);
  g_assert_nonnull (png_tile);
  g_assert_true (tile_paintable (pdf_tile) == GDK_PAINTABLE (pdf_thumbnail));
  g_assert_true (tile_paintable (png_tile) == GDK_PAINTABLE (png_thumbnail));
  g_assert_true (has_visible_label (pdf_tile, _("Certificate")));
  g_assert_true (has_visible_label (pdf_tile, "TLP:AMBER"));
  g_assert_true (has_visible_label (pdf_tile, _("Japanese")));
  g_assert_false (has_visible_label (pdf_tile, _("Secret")));
  g_assert_true (has_visible_label (png_tile, _("Translation")));
  g_assert_true (has_visible_label (png_tile, "TLP:RED"));
  g_assert_true (has_visible_label (png_tile, _("Secret")));
  g_assert_true (has_visible_label (png_tile, _("English")));

  save_screenshots (GTK_WINDOW (fixture->window), "evidence-grid");

  /* Removing an item updates the grid; removing the last one shows the empty state. */
  g_assert_true (cpv_vault_remove_evidence (cpv_window_get_vault (fixture->window),
                                            fixture->png_id, &error));
  g_assert_no_error (error);
  wait_ms (100);
  g_assert_null (find_tile (fixture, PNG_NAME));
  /* Its thumbnail leaves memory with it; the other one stays. */
  g_assert_null (cpv_evidence_page_lookup_thumbnail (fixture->page, fixture->png_sha256));
  g_assert_nonnull (cpv_evidence_page_lookup_thumbnail (fixture->page, fixture->pdf_sha256));
  g_assert_true (cpv_vault_remove_evidence (cpv_window_get_vault (fixture->window),
                                            fixture->pdf_id, &error));
  g_assert_no_error (error);
  wait_ms (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpuint (cpv_evidence_page_get_n_thumbnails (fixture->page), ==, 0);
  save_screenshot (GTK_WINDOW (fixture->window), "evidence-empty", FALSE, 1280, 800);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_null (cpv_evidence_page_get_session (fixture->page));
}

static gboolean
no_message_dialog (gpointer data)
{
  return count_toplevels (ADW_TYPE_MESSAGE_DIALOG) == GPOINTER_TO_UINT (data);
}

static void
keep_result_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_viewer (UiFixture     *fixture,
             gconstpointer  user_data)
{
  CpvEvidenceViewer *viewer;
  GdkTexture *page;
  GtkWidget *tlp_row;
  GtkWidget *original_row;
  g_autoptr(CpvEvidence) stored = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy_contents = NULL;
  gsize copy_length;
  double zoom;
  int width;

  open_vault_with_evidence (fixture);
  cpv_ui_spin_until (thumbnails_ready, fixture, "both thumbnails are rendered");

  /* Newest first: the PNG is at 0, the PDF at 1. */
  viewer = open_viewer_at (fixture, 1);
  g_assert_cmpint (cpv_evidence_viewer_get_evidence (viewer)->id, ==, fixture->pdf_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, PDF_NAME);
  g_assert_cmpuint (cpv_evidence_viewer_get_n_pages (viewer), ==, PDF_PAGES);
  g_assert_cmpuint (cpv_evidence_viewer_get_page (viewer), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                                "page_label"))), ==, "1 / 3");
  g_assert_false (gtk_widget_get_sensitive (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                          "previous_button")));
  page = cpv_evidence_viewer_get_texture (viewer);
  zoom = cpv_evidence_viewer_get_zoom (viewer);
  /* Rendered at the zoom: A4 is 595 pt wide, 96 px per 72 pt at 100 %. */
  g_assert_cmpint (ABS (gdk_texture_get_width (page) - (int) (595 * zoom * 96 / 72)), <=, 1);
  g_assert_true (close_to (pixel_at (page, 10, 10), 0xff0000));

  /* Next page: page 2 is green at the top. */
  click (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER, "next_button"));
  cpv_ui_spin_until (viewer_idle, viewer, "page 2 is rendered");
  g_assert_cmpuint (cpv_evidence_viewer_get_page (viewer), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                                "page_label"))), ==, "2 / 3");
  g_assert_true (close_to (pixel_at (cpv_evidence_viewer_get_texture (viewer), 10, 10),
                           0x00cc00));
  g_assert_true (gtk_widget_get_sensitive (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                         "previous_button")));
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
  cpv_ui_spin_until (viewer_idle, viewer, "page 3 is rendered");
  g_assert_cmpuint (cpv_evidence_viewer_get_page (viewer), ==, 2);
  g_assert_true (close_to (pixel_at (cpv_evidence_viewer_get_texture (viewer), 10, 10),
                           0x0000ff));
  g_assert_false (gtk_widget_get_sensitive (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                          "next_button")));
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous-page", NULL);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous-page", NULL);
  cpv_ui_spin_until (viewer_idle, viewer, "page 1 is rendered again");
  g_assert_cmpuint (cpv_evidence_viewer_get_page (viewer), ==, 0);

  /* Zoom in: the page is rendered again, larger, and the label follows. */
  width = gdk_texture_get_width (cpv_evidence_viewer_get_texture (viewer));
  click (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER, "zoom_in_button"));
  cpv_ui_spin_until (viewer_idle, viewer, "the zoomed page is rendered");
  g_assert_cmpfloat_with_epsilon (cpv_evidence_viewer_get_zoom (viewer), zoom * 1.25, 0.001);
  g_assert_cmpint (ABS (gdk_texture_get_width (cpv_evidence_viewer_get_texture (viewer))
                        - (int) (width * 1.25)), <=, 2);
  {
    g_autofree char *expected = g_strdup_printf ("%.0f%%", zoom * 125);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                                  "zoom_label"))), ==, expected);
  }
  cpv_evidence_viewer_set_zoom (viewer, 1.0);
  cpv_ui_spin_until (viewer_idle, viewer, "the page is rendered at 100 %");
  g_assert_cmpint (gdk_texture_get_width (cpv_evidence_viewer_get_texture (viewer)), ==, 793);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL);
  cpv_ui_spin_until (viewer_idle, viewer, "the page is rendered at 80 %");
  g_assert_cmpfloat_with_epsilon (cpv_evidence_viewer_get_zoom (viewer), 0.8, 0.001);

  /* Back to the page fitted to the width, which follows the window in the screenshots. */
  click (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER, "zoom_button"));
  cpv_ui_spin_until (viewer_idle, viewer, "the page is fitted again");
  g_assert_cmpfloat_with_epsilon (cpv_evidence_viewer_get_zoom (viewer), zoom, 0.001);
  save_screenshots (GTK_WINDOW (viewer), "evidence-viewer");

  /* Edit a mark: the TLP goes to the vault at once. */
  tlp_row = cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER, "tlp_row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (tlp_row), combo_position (tlp_row, "TLP:GREEN"));
  stored = stored_evidence (fixture, fixture->pdf_id);
  g_assert_cmpstr (stored->tlp, ==, "green");
  g_clear_object (&stored);

  /* Save a Copy: the person-chosen plaintext export, byte for byte. */
  copy_path = g_build_filename (export_dir, "copy.pdf", NULL);
  copy = g_file_new_for_path (copy_path);
  cpv_evidence_viewer_save_copy_async (viewer, copy, NULL, keep_result_cb, &result);
  g_assert_true (cpv_evidence_viewer_get_busy (viewer));
  cpv_ui_spin_until (has_result, &result, "the copy is saved");
  g_assert_true (cpv_evidence_viewer_save_copy_finish (viewer, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copy_path, &copy_contents, &copy_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (copy_contents, copy_length, g_bytes_get_data (fixture->pdf, NULL),
                   g_bytes_get_size (fixture->pdf));
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* Mark the English PNG as the translation of the Japanese PDF, through the combo row. */
  viewer = open_viewer_at (fixture, 0);
  g_assert_cmpint (cpv_evidence_viewer_get_evidence (viewer)->id, ==, fixture->png_id);
  g_assert_false (gtk_widget_get_visible (cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER,
                                                        "page_box")));
  g_assert_true (close_to (pixel_at (cpv_evidence_viewer_get_texture (viewer), 10, 10),
                           0x0000ff));
  original_row = cpv_ui_child (viewer, CPV_TYPE_EVIDENCE_VIEWER, "original_row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (original_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (original_row),
                              combo_position (original_row, PDF_NAME));
  stored = stored_evidence (fixture, fixture->png_id);
  g_assert_cmpint (stored->translation_of, ==, fixture->pdf_id);
  g_clear_object (&stored);
  /* And back to none with the API the row uses. */
  g_assert_true (cpv_evidence_viewer_set_translation_of (viewer, 0, &error));
  g_assert_no_error (error);
  stored = stored_evidence (fixture, fixture->png_id);
  g_assert_cmpint (stored->translation_of, ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (original_row)), ==, 0);
  g_clear_object (&stored);
  /* An item cannot translate itself: the core refuses, the viewer keeps the old link. */
  g_assert_false (cpv_evidence_viewer_set_translation_of (viewer, fixture->png_id, &error));
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cpv_evidence_viewer_get_evidence (viewer)->translation_of, ==, 0);

  /* The PNG is secret and TLP:RED: saving a copy asks first; Cancel saves nothing. */
  {
    guint before = count_toplevels (ADW_TYPE_MESSAGE_DIALOG);
    AdwMessageDialog *confirm;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.save-copy", NULL));
    g_assert_cmpuint (count_toplevels (ADW_TYPE_MESSAGE_DIALOG), ==, before + 1);
    confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==,
                     _("Save an Unencrypted Copy?"));
    g_assert_cmpstr (adw_message_dialog_get_body (confirm), ==,
                     _("This file is marked secret and TLP:RED. The copy is not encrypted: "
                       "keep it only where the people it may be shared with can read it."));
    g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "cancel");
    adw_message_dialog_response (confirm, "cancel");
    gtk_window_destroy (GTK_WINDOW (confirm));
    cpv_ui_spin_until (no_message_dialog, GUINT_TO_POINTER (before), "the question is answered");
    g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  }

  /* After previewing both: no plaintext outside the vault but the copy asked for. */
  assert_no_plaintext (fixture);
  {
    g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);

    scan_for_marker (export_dir, hits);
    g_assert_cmpuint (hits->len, ==, 1);   /* the scan does find plaintext where it is */
  }

  /* Locking closes the viewer and drops its document. */
  g_object_add_weak_pointer (G_OBJECT (viewer), (gpointer *) &viewer);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_cmpuint (count_toplevels (CPV_TYPE_EVIDENCE_VIEWER), ==, 0);
  cpv_ui_spin_until (no_viewer, NULL, "the viewer is gone");
  wait_ms (50);
  g_assert_null (viewer);
  g_assert_cmpint (g_remove (copy_path), ==, 0);
}

static gboolean
dialog_idle (gpointer data)
{
  return !cpv_passphrase_dialog_get_busy (data);
}

static gboolean
no_dialog (gpointer data)
{
  return count_toplevels (CPV_TYPE_PASSPHRASE_DIALOG) == 0;
}

static void
test_change_passphrase (UiFixture     *fixture,
                        gconstpointer  user_data)
{
  CpvPassphraseDialog *dialog;
  GtkWidget *old_row, *new_row, *confirm_row, *error_label;
  g_autoptr(GtkWidget) kept_new_row = NULL;
  GAction *action;
  g_autofree char *too_short = NULL;

  /* Locked: nothing to change. */
  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  action = g_action_map_lookup_action (G_ACTION_MAP (process.application), "change-passphrase");
  g_assert_false (g_action_get_enabled (action));
  unlock_with (fixture, GOOD_PASSPHRASE, GOOD_PASSPHRASE);
  cpv_ui_spin_until (vault_is_open, fixture, "the new vault is open");
  g_assert_true (g_action_get_enabled (action));

  g_action_group_activate_action (G_ACTION_GROUP (process.application), "change-passphrase", NULL);
  dialog = CPV_PASSPHRASE_DIALOG (find_toplevel (CPV_TYPE_PASSPHRASE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  old_row = cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "old_row");
  new_row = cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "new_row");
  confirm_row = cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "confirm_row");
  error_label = cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "error_label");
  kept_new_row = g_object_ref (new_row);

  /* The strength hint follows the core's measure. */
  type_text (new_row, "abc");
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (
                       cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "strength_bar"))),
                     ==, CPV_PASSPHRASE_TOO_SHORT);
  type_text (new_row, NEW_PASSPHRASE);
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (
                       cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "strength_bar"))),
                     ==, cpv_passphrase_strength (NEW_PASSPHRASE));

  /* Checked before anything runs: too short, then differing. */
  type_text (old_row, GOOD_PASSPHRASE);
  type_text (new_row, "short");
  type_text (confirm_row, "short");
  click (cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "change_button"));
  too_short = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The new passphrase is too short. Use at least "
                                            "%d character.",
                                            "The new passphrase is too short. Use at least "
                                            "%d characters.",
                                            CPV_PASSPHRASE_MIN_LENGTH),
                               CPV_PASSPHRASE_MIN_LENGTH);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, too_short);
  type_text (new_row, NEW_PASSPHRASE);
  type_text (confirm_row, NEW_PASSPHRASE "x");
  click (cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "change_button"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   _("The two new passphrases differ. Type the same passphrase twice."));

  /* A wrong current passphrase: the core refuses in its thread; the message says why. */
  type_text (old_row, "wrong horse battery staple");
  type_text (confirm_row, NEW_PASSPHRASE);
  click (cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "change_button"));
  g_assert_true (cpv_passphrase_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG,
                                                          "change_button")));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (cpv_ui_child (dialog,
                                                                      CPV_TYPE_PASSPHRASE_DIALOG,
                                                                      "change_spinner"))));
  cpv_ui_spin_until (dialog_idle, dialog, "the wrong passphrase is refused");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   _("The current passphrase is wrong. Check Caps Lock and the keyboard "
                     "layout, then try again."));
  g_assert_true (gtk_widget_has_css_class (old_row, "error"));

  save_screenshot (GTK_WINDOW (dialog), "passphrase-dialog", FALSE, 480, 420);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* The right one: the dialog closes, its entries are emptied, the vault stays open. */
  type_text (old_row, GOOD_PASSPHRASE);
  click (cpv_ui_child (dialog, CPV_TYPE_PASSPHRASE_DIALOG, "change_button"));
  cpv_ui_spin_until (no_dialog, NULL, "the passphrase is changed");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kept_new_row)), ==, "");
  g_assert_nonnull (cpv_window_get_vault (fixture->window));

  /* Only the new passphrase opens the vault now. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_false (g_action_get_enabled (action));
  unlock_with (fixture, GOOD_PASSPHRASE, NULL);
  wait_ms (100);
  {
    GtkWidget *unlock_page = cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, "unlock_page");
    GtkWidget *label = cpv_ui_child (unlock_page, CPV_TYPE_UNLOCK_PAGE, "error_label");
    gint64 deadline = g_get_monotonic_time () + CPV_UI_WAIT_SECONDS * G_USEC_PER_SEC;

    while ((cpv_unlock_page_get_busy (CPV_UNLOCK_PAGE (unlock_page))
            || !gtk_widget_get_visible (label))
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (gtk_widget_get_visible (label));
  }
  g_assert_null (cpv_window_get_vault (fixture->window));
  unlock_with (fixture, NEW_PASSPHRASE, NULL);
  cpv_ui_spin_until (vault_is_open, fixture, "the new passphrase unlocks the vault");
}

static void
test_auto_lock (UiFixture     *fixture,
                gconstpointer  user_data)
{
  CpvAutoLock *auto_lock = cpv_application_get_auto_lock (process.application);
  GSettings *settings = cpv_application_get_settings (process.application);
  CpvEvidenceViewer *viewer;

  g_assert_nonnull (auto_lock);
  {
    gboolean register_session = FALSE;

    /* Needed for GtkApplication:screensaver-active to be reported. */
    g_object_get (process.application, "register-session", &register_session, NULL);
    g_assert_true (register_session);
  }
  /* The default idle time comes from the settings: 5 minutes. */
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 5);
  g_assert_cmpuint (cpv_auto_lock_get_idle_timeout_ms (auto_lock), ==, 5 * 60 * 1000);

  open_vault_with_evidence (fixture);
  cpv_ui_spin_until (thumbnails_ready, fixture, "both thumbnails are rendered");
  viewer = open_viewer_at (fixture, 1);
  g_assert_nonnull (cpv_evidence_viewer_get_texture (viewer));

  /* 0 minutes: never on idle. */
  g_settings_set_uint (settings, "auto-lock-minutes", 0);
  g_assert_cmpuint (cpv_auto_lock_get_idle_timeout_ms (auto_lock), ==, 0);
  wait_ms (400);
  g_assert_nonnull (cpv_window_get_vault (fixture->window));
  g_settings_reset (settings, "auto-lock-minutes");

  /* A tiny idle time: the vault locks by itself, the viewer closes, thumbnails go. */
  cpv_auto_lock_set_idle_timeout_ms (auto_lock, 300);
  cpv_ui_spin_until (vault_is_closed, fixture, "the idle vault locks itself");
  g_assert_cmpuint (count_toplevels (CPV_TYPE_EVIDENCE_VIEWER), ==, 0);
  g_assert_null (cpv_evidence_page_get_session (fixture->page));
  g_assert_cmpuint (cpv_evidence_page_get_n_thumbnails (fixture->page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (cpv_ui_child (fixture->window, CPV_TYPE_WINDOW, "main_stack"))),
                   ==, "unlock");

  /* Unlocking starts the idle time again. */
  unlock_with (fixture, GOOD_PASSPHRASE, NULL);
  cpv_ui_spin_until (vault_is_open, fixture, "the vault is unlocked again");
  cpv_ui_spin_until (vault_is_closed, fixture, "the idle vault locks itself again");
}

static gboolean
size_limit_is_one_megabyte (gpointer data)
{
  UiFixture *fixture = data;

  return cpv_vault_get_evidence_size_limit (cpv_window_get_vault (fixture->window))
         == 1024 * 1024;
}

static void
test_preferences (UiFixture     *fixture,
                  gconstpointer  user_data)
{
  GSettings *settings = cpv_application_get_settings (process.application);
  CpvPreferences *preferences;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autofree guint8 *large = g_malloc0 (2 * 1024 * 1024);
  g_auto(GStrv) accels = NULL;

  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  unlock_with (fixture, GOOD_PASSPHRASE, GOOD_PASSPHRASE);
  cpv_ui_spin_until (vault_is_open, fixture, "the new vault is open");
  g_assert_cmpint (cpv_vault_get_evidence_size_limit (cpv_window_get_vault (fixture->window)),
                   ==, 100 * 1024 * 1024);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (process.application),
                                                  "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_action_group_activate_action (G_ACTION_GROUP (process.application), "preferences", NULL);
  preferences = CPV_PREFERENCES (find_toplevel (CPV_TYPE_PREFERENCES));
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences))
                 == GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (preferences), 2);
  save_screenshot (GTK_WINDOW (preferences), "preferences", FALSE, 640, 600);
  save_screenshot (GTK_WINDOW (preferences), "preferences", TRUE, 400, 600);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Rows write the settings. */
  gtk_adjustment_set_value (GTK_ADJUSTMENT (gtk_widget_get_template_child (
                              GTK_WIDGET (preferences), CPV_TYPE_PREFERENCES,
                              "auto_lock_adjustment")), 15);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 15);
  g_assert_cmpuint (cpv_auto_lock_get_idle_timeout_ms (cpv_application_get_auto_lock (process.application)),
                    ==, 15 * 60 * 1000);
  adw_combo_row_set_selected (ADW_COMBO_ROW (cpv_ui_child (preferences, CPV_TYPE_PREFERENCES,
                                                           "name_pattern_row")), 1);
  {
    g_autofree char *pattern = g_settings_get_string (settings, "export-name-pattern");

    g_assert_cmpstr (pattern, ==, "ascii");
  }
  g_settings_set_string (settings, "export-name-pattern", "council");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cpv_ui_child (preferences,
                                                                             CPV_TYPE_PREFERENCES,
                                                                             "name_pattern_row"))),
                    ==, 0);

  /* The size limit applies to the open vault at once: a 2 MB file is refused at 1 MB. */
  gtk_adjustment_set_value (GTK_ADJUSTMENT (gtk_widget_get_template_child (
                              GTK_WIDGET (preferences), CPV_TYPE_PREFERENCES,
                              "size_limit_adjustment")), 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "evidence-size-limit-mb"), ==, 1);
  cpv_ui_spin_until (size_limit_is_one_megabyte, fixture, "the limit reaches the vault");
  stream = g_memory_input_stream_new_from_data (large, 2 * 1024 * 1024, NULL);
  evidence = cpv_vault_attach_evidence (cpv_window_get_vault (fixture->window), 0, stream,
                                        &(CpvEvidenceMeta) { .file_name = "big.bin" }, NULL,
                                        NULL, &error);
  g_assert_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_TOO_LARGE);
  g_assert_null (evidence);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "auto-lock-minutes");
  g_settings_reset (settings, "evidence-size-limit-mb");
  g_settings_reset (settings, "export-name-pattern");
}

static void
collect_accelerators (GtkWidget  *widget,
                      GPtrArray  *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      if (accelerator != NULL)
        g_ptr_array_add (accelerators, g_steal_pointer (&accelerator));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_accelerators (c, accelerators);
}

static void
test_shortcuts (UiFixture     *fixture,
                gconstpointer  user_data)
{
  const char *expected[] = { "<Control>l", "<Control>n", "<Control>f", "<Control>comma",
                             "<Control>question", "<Control>q", "<Control>w" };
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  GtkShortcutsWindow *overlay;
  g_auto(GStrv) close_accels = NULL;

  fixture->window = cpv_window_new (process.application, fixture->vault_path);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cpv_ui_wait_frames (GTK_WIDGET (fixture->window), 2);

  /* GtkApplication loads gtk/help-overlay.ui from the resources for every window. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);
  collect_accelerators (GTK_WIDGET (overlay), accelerators);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < accelerators->len && !found; j++)
        found = g_strcmp0 (accelerators->pdata[j], expected[i]) == 0;
      if (!found)
        g_error ("The shortcuts window does not list %s", expected[i]);
    }

  close_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (process.application),
                                                        "window.close");
  g_assert_cmpstr (close_accels[0], ==, "<Control>w");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  cpv_ui_wait_frames (GTK_WIDGET (overlay), 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;
  const char *system_tmp = g_getenv ("TMPDIR");
  int status;

  /* A folder of our own for TMPDIR, home and cache, made before GLib reads TMPDIR, so that the
   * plaintext check can scan every file the app could have written. */
  root_dir = g_build_filename (system_tmp != NULL && *system_tmp != '\0' ? system_tmp : "/tmp",
                               "cpv-ui-evidence-root-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (root_dir));
  tmp = g_build_filename (root_dir, "tmp", NULL);
  home = g_build_filename (root_dir, "home", NULL);
  cache = g_build_filename (root_dir, "cache", NULL);
  export_dir = g_build_filename (root_dir, "export", NULL);
  g_assert_cmpint (g_mkdir (tmp, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (cache, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (export_dir, 0700), ==, 0);
  g_setenv ("TMPDIR", tmp, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  marker = g_strdup_printf ("CPV-PLAINTEXT-MARKER-%08x%08x", g_random_int (), g_random_int ());

  cpv_ui_test_begin (&process, &argc, &argv, FALSE);
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmp);

  g_test_add ("/ui/evidence/grid", UiFixture, NULL,
              fixture_set_up, test_grid, fixture_tear_down);
  g_test_add ("/ui/evidence/viewer/COUNCIL-TLP-1/marks-translation-save-copy", UiFixture, NULL,
              fixture_set_up, test_viewer, fixture_tear_down);
  g_test_add ("/ui/app/change-passphrase", UiFixture, NULL,
              fixture_set_up, test_change_passphrase, fixture_tear_down);
  g_test_add ("/ui/app/auto-lock", UiFixture, NULL,
              fixture_set_up, test_auto_lock, fixture_tear_down);
  g_test_add ("/ui/app/preferences", UiFixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/ui/app/shortcuts", UiFixture, NULL,
              fixture_set_up, test_shortcuts, fixture_tear_down);

  status = cpv_ui_test_end (&process, g_test_run ());

  cpv_ui_remove_tree (root_dir);
  g_free (root_dir);
  g_free (export_dir);
  g_free (marker);
  return status;
}
