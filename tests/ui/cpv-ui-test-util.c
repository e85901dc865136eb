/* cpv-ui-test-util.c — helpers shared by the UI tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Looking up template children, running the main loop until a condition holds or some
 * frames have been drawn, and saving screenshots into $G_TEST_BUILDDIR/screenshots/.
 */
#include "config.h"

#include "cpv-ui-test-util.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  guint *frames_left = user_data;

  if (*frames_left > 0)
    (*frames_left)--;
  return *frames_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Returns the template child @name of @widget, an instance of @widget_type; aborts the test
 * when there is none. */
GtkWidget *
cpv_ui_child (gpointer    widget,
             GType       widget_type,
             const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), widget_type, name);

  if (object == NULL)
    g_error ("%s has no template child “%s”", g_type_name (widget_type), name);
  return GTK_WIDGET (object);
}

/* Runs the main loop until @condition holds for @data; fails the test after
 * CPV_UI_WAIT_SECONDS. A 20 ms timeout keeps the loop waking up to check. */
void
cpv_ui_spin_until (CpvUiCondition condition,
                   gpointer       data,
                   const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + CPV_UI_WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (20, wake_up_cb, NULL);

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up);

  if (!condition (data))
    g_error ("Timed out waiting until %s", what);
}

/* Runs the main loop until @widget has drawn @frames more frames. */
void
cpv_ui_wait_frames (GtkWidget *widget,
                    guint      frames)
{
  guint frames_left = frames;
  gint64 deadline = g_get_monotonic_time () + CPV_UI_WAIT_SECONDS * G_USEC_PER_SEC;

  gtk_widget_add_tick_callback (widget, frame_tick_cb, &frames_left, NULL);
  while (frames_left > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (frames_left, ==, 0);
}

/* Gives @window (a GtkWindow) a size of @width × @height and waits until it has it. Without
 * a compositor the surface keeps a margin for resizing around the window; size the surface
 * so that the window itself gets the size asked for. */
void
cpv_ui_resize_window (GtkWidget *window,
                      int        width,
                      int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window),
                               width + gdk_surface_get_width (surface)
                               - gtk_widget_get_width (window),
                               height + gdk_surface_get_height (surface)
                               - gtk_widget_get_height (window));
  while ((gtk_widget_get_width (window) != width || gtk_widget_get_height (window) != height)
         && g_get_monotonic_time () < deadline)
    cpv_ui_wait_frames (window, 1);
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  g_assert_cmpint (gtk_widget_get_height (window), ==, height);
}

/* Renders @widget at @width × @height with its native's renderer and saves the PNG as
 * $G_TEST_BUILDDIR/screenshots/STATE-LANGUAGE-(dark|light)-WIDTHxHEIGHT.png. */
void
cpv_ui_save_png (GtkWidget  *widget,
                 int         width,
                 int         height,
                 const char *state,
                 const char *language,
                 gboolean    dark)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  name = g_strdup_printf ("%s-%s-%s-%dx%d.png", state, language, dark ? "dark" : "light",
                          width, height);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

void
cpv_ui_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child_path = g_build_filename (path, name, NULL);

        cpv_ui_remove_tree (child_path);
      }
  g_assert_cmpint (g_remove (path), ==, 0);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GFile *
cpv_ui_write_pdf (const char *dir,
                  const char *name,
                  const char *text)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP 16");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 48, 64);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_file_set_contents (path, (const char *) pdf->data, pdf->len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

void
cpv_ui_test_begin (CpvUiTestProcess *process,
                   int              *argc,
                   char           ***argv,
                   gboolean          make_home)
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("CPV_TEST_LOCALEDIR");
  const char *languages = g_getenv ("LANGUAGE");

  memset (process, 0, sizeof *process);
  if (make_home)
    {
      /* Nothing of the person running the tests is read or written. */
      process->home = g_dir_make_tmp ("cpv-ui-home-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("XDG_DATA_HOME", process->home, TRUE);
      g_setenv ("XDG_CONFIG_HOME", process->home, TRUE);
      g_setenv ("XDG_CACHE_HOME", process->home, TRUE);
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  process->language = languages != NULL && g_str_has_prefix (languages, "ja") ? "ja" : "en";

  g_test_init (argc, argv, NULL);

  process->application = cpv_application_new ();
  g_application_set_flags (G_APPLICATION (process->application),
                           g_application_get_flags (G_APPLICATION (process->application))
                           | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (process->application), NULL, &error);
  g_assert_no_error (error);
}

int
cpv_ui_test_end (CpvUiTestProcess *process,
                 int               status)
{
  g_clear_object (&process->application);
  if (process->home != NULL)
    cpv_ui_remove_tree (process->home);
  g_clear_pointer (&process->home, g_free);
  return status;
}

static gboolean
stack_is_still (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

void
cpv_ui_wait_stack_still (GtkWidget *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  cpv_ui_spin_until (stack_is_still, stack, "the stack's transition ends");
  cpv_ui_wait_frames (stack, 2);
}

GtkWindow *
cpv_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}
