/* cpv-evidence-util.c — how evidence items look: labels, TLP chips, in-memory previews
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-evidence-util"

#include "config.h"

#include "cpv-evidence-util.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Everything here works on bytes already in memory: a preview never goes through a file,
 * so that the only plaintext copy of an item outside the vault is one a person saves. */

gboolean
cpv_evidence_media_is_pdf (const char *media_type)
{
  return g_strcmp0 (media_type, "application/pdf") == 0;
}

gboolean
cpv_evidence_media_is_image (const char *media_type)
{
  /* The formats GdkTexture decodes itself. */
  return g_strcmp0 (media_type, "image/png") == 0
         || g_strcmp0 (media_type, "image/jpeg") == 0
         || g_strcmp0 (media_type, "image/tiff") == 0;
}

/* TLP 2.0 labels are written in English in every language, as FIRST asks. */
const char *
cpv_evidence_tlp_label (const char *tlp)
{
  if (g_strcmp0 (tlp, "red") == 0)
    return "TLP:RED";
  if (g_strcmp0 (tlp, "amber+strict") == 0)
    return "TLP:AMBER+STRICT";
  if (g_strcmp0 (tlp, "amber") == 0)
    return "TLP:AMBER";
  if (g_strcmp0 (tlp, "green") == 0)
    return "TLP:GREEN";
  return "TLP:CLEAR";
}

const char *
cpv_evidence_tlp_css_class (const char *tlp)
{
  if (g_strcmp0 (tlp, "red") == 0)
    return "tlp-red";
  if (g_strcmp0 (tlp, "amber+strict") == 0 || g_strcmp0 (tlp, "amber") == 0)
    return "tlp-amber";
  if (g_strcmp0 (tlp, "green") == 0)
    return "tlp-green";
  return "tlp-clear";
}

/* Returns: (transfer full) (nullable): "Japanese", "English", or the tag itself */
char *
cpv_evidence_language_label (const char *language)
{
  if (language == NULL || *language == '\0')
    return NULL;
  if (g_ascii_strcasecmp (language, "ja") == 0 || g_str_has_prefix (language, "ja-"))
    return g_strdup (_("Japanese"));
  if (g_ascii_strcasecmp (language, "en") == 0 || g_str_has_prefix (language, "en-"))
    return g_strdup (_("English"));
  return g_strdup (language);
}

const char *
cpv_evidence_icon_name (const char *media_type)
{
  if (cpv_evidence_media_is_pdf (media_type))
    return "x-office-document-symbolic";
  if (media_type != NULL && g_str_has_prefix (media_type, "image/"))
    return "image-x-generic-symbolic";
  if (media_type != NULL && g_str_has_prefix (media_type, "text/"))
    return "text-x-generic-symbolic";
  return "application-x-generic-symbolic";
}

/* Returns: (transfer full): a detached copy whose marks can be edited and saved */
CpvEvidence *
cpv_evidence_copy (CpvEvidence *evidence)
{
  CpvEvidence *copy;

  g_return_val_if_fail (CPV_IS_EVIDENCE (evidence), NULL);

  copy = g_object_new (CPV_TYPE_EVIDENCE, NULL);
  copy->id = evidence->id;
  copy->kind = g_strdup (evidence->kind);
  copy->file_name = g_strdup (evidence->file_name);
  copy->media_type = g_strdup (evidence->media_type);
  copy->size = evidence->size;
  copy->sha256 = g_strdup (evidence->sha256);
  copy->tlp = g_strdup (evidence->tlp);
  copy->secret = evidence->secret;
  copy->added = g_strdup (evidence->added);
  copy->language = g_strdup (evidence->language);
  copy->translation_of = evidence->translation_of;
  return copy;
}

static GtkWidget *
chip_new (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "chip");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/**
 * cpv_evidence_add_mark_chips:
 *
 * Adds the item's TLP chip, and a Secret chip when it is secret, as suffixes of @row.
 */
void
cpv_evidence_add_mark_chips (AdwActionRow *row,
                             CpvEvidence  *evidence)
{
  GtkWidget *tlp = chip_new (cpv_evidence_tlp_label (evidence->tlp), "tlp");

  gtk_widget_add_css_class (tlp, cpv_evidence_tlp_css_class (evidence->tlp));
  adw_action_row_add_suffix (row, tlp);
  if (evidence->secret)
    adw_action_row_add_suffix (row, chip_new (_("Secret"), "secret"));
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) pixels = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  /* cairo's ARGB32 is premultiplied native-endian ARGB: GDK_MEMORY_DEFAULT. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, stride);
}

/**
 * cpv_evidence_render_pdf_page:
 * @scale: device pixels per PDF point
 *
 * Renders @page on white paper. Call it from one thread at a time per document.
 *
 * Returns: (transfer full): the page as a texture
 */
GdkTexture *
cpv_evidence_render_pdf_page (PopplerPage *page,
                              double       scale)
{
  double page_width, page_height;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkTexture *texture;

  poppler_page_get_size (page, &page_width, &page_height);
  width = MAX (1, (int) round (page_width * scale));
  height = MAX (1, (int) round (page_height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

static GdkTexture *
scale_down (GdkTexture *texture,
            int         max_size)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  double scale = MIN ((double) max_size / width, (double) max_size / height);
  g_autofree guchar *pixels = NULL;
  cairo_surface_t *source;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkTexture *scaled;
  int stride;

  if (scale >= 1.0)
    return g_object_ref (texture);

  stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  pixels = g_malloc ((gsize) stride * height);
  gdk_texture_download (texture, pixels, stride);
  source = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height,
                                                stride);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        MAX (1, (int) (width * scale)),
                                        MAX (1, (int) (height * scale)));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);
  explicit_bzero (pixels, (gsize) stride * height);

  scaled = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return scaled;
}

/**
 * cpv_evidence_render_thumbnail:
 * @content: the item's bytes, as stored in the vault
 * @max_size: longest side of the result, in pixels
 *
 * The first page of a PDF or a scaled-down image. Thread-safe.
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL with @error set when the file
 *   cannot be shown (damaged, password-protected, a format without preview)
 */
GdkTexture *
cpv_evidence_render_thumbnail (GBytes      *content,
                               const char  *media_type,
                               int          max_size,
                               GError     **error)
{
  if (cpv_evidence_media_is_pdf (media_type))
    {
      PopplerDocument *document;
      PopplerPage *page;
      GdkTexture *texture;
      double page_width, page_height;

      /* poppler-glib 22 has no g_autoptr() support for its types. */
      document = poppler_document_new_from_bytes (content, NULL, error);
      if (document == NULL)
        return NULL;
      page = poppler_document_get_n_pages (document) > 0
             ? poppler_document_get_page (document, 0) : NULL;
      if (page == NULL)
        {
          g_object_unref (document);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The PDF file has no pages."));
          return NULL;
        }
      poppler_page_get_size (page, &page_width, &page_height);
      texture = cpv_evidence_render_pdf_page (page, MIN (max_size / page_width,
                                                         max_size / page_height));
      g_object_unref (page);
      g_object_unref (document);
      return texture;
    }

  if (cpv_evidence_media_is_image (media_type))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (content, error);

      if (texture == NULL)
        return NULL;
      return scale_down (texture, max_size);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("There is no preview for this kind of file."));
  return NULL;
}

/**
 * cpv_evidence_wipe_bytes:
 * @content: (transfer full): decrypted bytes of an item
 *
 * Drops @content; when this was the last reference, the memory is overwritten first.
 */
void
cpv_evidence_wipe_bytes (GBytes *content)
{
  gsize size = 0;
  gpointer data;

  if (content == NULL)
    return;
  data = g_bytes_unref_to_data (content, &size);
  if (data != NULL)
    explicit_bzero (data, size);
  g_free (data);
}
