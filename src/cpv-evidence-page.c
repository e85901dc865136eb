/* cpv-evidence-page.c — certificates, attendance records and other proof
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-evidence-page"

#include "config.h"

#include "cpv-evidence-page.h"

#include <glib/gi18n.h>

#include "cpv-application.h"
#include "cpv-evidence-util.h"

/* How many thumbnails stay in memory; the least recently shown ones go first. */
#define THUMBNAIL_CACHE_SIZE 48
/* Side of the square a thumbnail is shown in, in the grid. */
#define THUMBNAIL_TILE_SIZE 160

/* A grid of every evidence item in the vault, newest first. Thumbnails are rendered from the
 * decrypted bytes in a GTask thread and kept only in memory, in a small cache keyed by the
 * content's SHA-256 (the same file attached twice is one item anyway). Locking drops the
 * model, every thumbnail and every open viewer. */

struct _CpvEvidencePage
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkGridView        *grid_view;

  CpvSession         *session;
  GtkSortListModel   *sorted;
  GtkNoSelection     *selection;
  gulong              items_changed_id;

  GHashTable         *thumbnails;   /* sha256 → GdkTexture */
  GQueue              lru;          /* of sha256 (owned by thumbnails' keys), newest first */
  GHashTable         *pending;      /* sha256 being rendered */
  GHashTable         *failed;       /* sha256 without preview: shown with an icon */
  GHashTable         *tiles;        /* live tile widgets */
  GCancellable       *cancellable;  /* thumbnail renders of the current session */
  GPtrArray          *viewers;      /* open viewer windows */

  GSettings          *settings;
  gulong              size_limit_id;
};

G_DEFINE_FINAL_TYPE (CpvEvidencePage, cpv_evidence_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

typedef struct
{
  CpvVault *vault;
  gint64    evidence_id;
  char     *media_type;
  char     *sha256;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_clear_object (&job->vault);
  g_free (job->media_type);
  g_free (job->sha256);
  g_free (job);
}

/* Tiles ----------------------------------------------------------------------------------- */

typedef struct
{
  GtkWidget *picture;
  GtkWidget *icon;
  GtkWidget *name_label;
  GtkWidget *kind_label;
  GtkWidget *tlp_label;
  GtkWidget *secret_box;
  GtkWidget *language_label;
  char      *sha256;          /* of the bound item */
} Tile;

static void
tile_free (Tile *tile)
{
  g_free (tile->sha256);
  g_free (tile);
}

static Tile *
tile_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "cpv-tile");
}

static void
tile_show_thumbnail (Tile       *tile,
                     GdkTexture *texture,
                     const char *icon_name)
{
  gtk_image_set_from_paintable (GTK_IMAGE (tile->picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (tile->picture, texture != NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (tile->icon), icon_name);
  gtk_widget_set_visible (tile->icon, texture == NULL);
}

static GtkWidget *
chip_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "chip");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
tile_new (void)
{
  Tile *tile = g_new0 (Tile, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_overlay_new ();
  GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *secret_icon;
  GtkWidget *secret_label;

  gtk_widget_add_css_class (box, "evidence-tile");

  /* A square of fixed size, whatever the shape of the page or image, so that tiles line up;
   * GtkImage scales its paintable into the square keeping the aspect ratio. */
  gtk_widget_add_css_class (frame, "thumbnail");
  gtk_widget_set_size_request (frame, THUMBNAIL_TILE_SIZE, THUMBNAIL_TILE_SIZE);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  tile->picture = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (tile->picture), THUMBNAIL_TILE_SIZE - 8);
  gtk_widget_add_css_class (tile->picture, "thumbnail-image");
  gtk_overlay_set_child (GTK_OVERLAY (frame), tile->picture);
  tile->icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (tile->icon), 48);
  gtk_widget_add_css_class (tile->icon, "dim-label");
  gtk_widget_set_halign (tile->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (tile->icon, GTK_ALIGN_CENTER);
  gtk_overlay_add_overlay (GTK_OVERLAY (frame), tile->icon);
  gtk_box_append (GTK_BOX (box), frame);

  tile->name_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (tile->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (tile->name_label), 18);
  gtk_label_set_width_chars (GTK_LABEL (tile->name_label), 12);
  gtk_widget_add_css_class (tile->name_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), tile->name_label);

  tile->kind_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (tile->kind_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (tile->kind_label), 18);
  gtk_widget_add_css_class (tile->kind_label, "caption");
  gtk_widget_add_css_class (tile->kind_label, "dim-label");
  gtk_box_append (GTK_BOX (box), tile->kind_label);

  gtk_widget_set_halign (chips, GTK_ALIGN_CENTER);
  tile->tlp_label = chip_new ("tlp");
  gtk_box_append (GTK_BOX (chips), tile->tlp_label);
  tile->secret_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (tile->secret_box, "chip");
  gtk_widget_add_css_class (tile->secret_box, "secret");
  secret_icon = gtk_image_new_from_icon_name ("channel-secure-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (secret_icon), 12);
  secret_label = gtk_label_new (_("Secret"));
  gtk_box_append (GTK_BOX (tile->secret_box), secret_icon);
  gtk_box_append (GTK_BOX (tile->secret_box), secret_label);
  gtk_box_append (GTK_BOX (chips), tile->secret_box);
  tile->language_label = chip_new ("language");
  gtk_box_append (GTK_BOX (chips), tile->language_label);
  gtk_box_append (GTK_BOX (box), chips);

  g_object_set_data_full (G_OBJECT (box), "cpv-tile", tile, (GDestroyNotify) tile_free);
  return box;
}

/* Thumbnail cache ------------------------------------------------------------------------- */

static void
update_tiles_for (CpvEvidencePage *self,
                  const char      *sha256)
{
  GHashTableIter iter;
  gpointer widget;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &widget, NULL))
    {
      Tile *tile = tile_of (widget);
      GdkTexture *texture;

      if (g_strcmp0 (tile->sha256, sha256) != 0)
        continue;
      texture = g_hash_table_lookup (self->thumbnails, sha256);
      if (texture != NULL)
        tile_show_thumbnail (tile, texture, NULL);
      else
        gtk_image_set_from_icon_name (GTK_IMAGE (tile->icon),
                                      g_object_get_data (G_OBJECT (widget), "cpv-icon"));
    }
}

static void
cache_touch (CpvEvidencePage *self,
             const char      *sha256)
{
  GList *link = g_queue_find_custom (&self->lru, sha256, (GCompareFunc) g_strcmp0);

  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
}

static void
cache_insert (CpvEvidencePage *self,
              const char      *sha256,
              GdkTexture      *texture)
{
  char *key;

  if (g_hash_table_contains (self->thumbnails, sha256))
    {
      cache_touch (self, sha256);
      return;
    }
  key = g_strdup (sha256);
  g_hash_table_replace (self->thumbnails, key, g_object_ref (texture));
  g_queue_push_head (&self->lru, key);

  while (g_queue_get_length (&self->lru) > THUMBNAIL_CACHE_SIZE)
    {
      char *oldest = g_queue_pop_tail (&self->lru);

      /* Tiles still showing it keep their own reference until they are rebound. */
      g_hash_table_remove (self->thumbnails, oldest);
    }
}

static void
drop_thumbnails (CpvEvidencePage *self)
{
  GHashTableIter iter;
  gpointer widget;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->thumbnails);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->failed);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &widget, NULL))
    tile_show_thumbnail (tile_of (widget), NULL, "image-loading-symbolic");
}

static void
render_thumbnail_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  GError *error = NULL;
  GBytes *content;
  GdkTexture *texture;

  content = cpv_vault_load_evidence_bytes (job->vault, job->evidence_id, cancellable, &error);
  if (content == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  texture = cpv_evidence_render_thumbnail (content, job->media_type,
                                           CPV_EVIDENCE_THUMBNAIL_SIZE, &error);
  cpv_evidence_wipe_bytes (content);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
thumbnail_ready_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CpvEvidencePage *self = CPV_EVIDENCE_PAGE (source_object);
  ThumbnailJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  /* Locked, or the page went away, while the thumbnail was being rendered. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_hash_table_remove (self->pending, job->sha256);
  if (texture == NULL)
    {
      /* The tile keeps its icon; the viewer explains what is wrong with the file. */
      g_debug ("No thumbnail for evidence %" G_GINT64_FORMAT ": %s",
               job->evidence_id, error->message);
      g_hash_table_add (self->failed, g_strdup (job->sha256));
    }
  else
    cache_insert (self, job->sha256, texture);
  update_tiles_for (self, job->sha256);
}

static void
request_thumbnail (CpvEvidencePage *self,
                   CpvEvidence     *evidence)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailJob *job;

  if (self->session == NULL || evidence->sha256 == NULL
      || g_hash_table_contains (self->pending, evidence->sha256)
      || g_hash_table_contains (self->failed, evidence->sha256))
    return;
  if (!cpv_evidence_media_is_pdf (evidence->media_type)
      && !cpv_evidence_media_is_image (evidence->media_type))
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  job = g_new0 (ThumbnailJob, 1);
  job->vault = g_object_ref (cpv_session_get_vault (self->session));
  job->evidence_id = evidence->id;
  job->media_type = g_strdup (evidence->media_type);
  job->sha256 = g_strdup (evidence->sha256);
  g_hash_table_add (self->pending, g_strdup (evidence->sha256));

  task = g_task_new (self, self->cancellable, thumbnail_ready_cb, NULL);
  g_task_set_source_tag (task, request_thumbnail);
  g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);
  g_task_run_in_thread (task, render_thumbnail_thread);
}

/* Factory --------------------------------------------------------------------------------- */

/* The grid may drop list item widgets without a teardown: track tiles by weak reference. */
static void
tile_finalized_cb (gpointer  user_data,
                   GObject  *tile)
{
  CpvEvidencePage *self = user_data;

  g_hash_table_remove (self->tiles, tile);
}

static void
setup_tile_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CpvEvidencePage          *self)
{
  GtkWidget *tile = tile_new ();

  g_hash_table_add (self->tiles, tile);
  g_object_weak_ref (G_OBJECT (tile), tile_finalized_cb, self);
  gtk_list_item_set_child (item, tile);
}

static void
bind_tile_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CpvEvidencePage          *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  CpvEvidence *evidence = gtk_list_item_get_item (item);
  Tile *tile = tile_of (widget);
  const char *icon_name = cpv_evidence_icon_name (evidence->media_type);
  const char *kind = cpv_evidence_kind_label (evidence->kind);
  g_autofree char *language = cpv_evidence_language_label (evidence->language);
  g_autofree char *description = NULL;
  GdkTexture *texture;

  g_free (tile->sha256);
  tile->sha256 = g_strdup (evidence->sha256);
  g_object_set_data (G_OBJECT (widget), "cpv-icon", (gpointer) icon_name);

  gtk_label_set_text (GTK_LABEL (tile->name_label), evidence->file_name);
  gtk_widget_set_tooltip_text (tile->name_label, evidence->file_name);
  gtk_label_set_text (GTK_LABEL (tile->kind_label), kind);

  gtk_label_set_text (GTK_LABEL (tile->tlp_label), cpv_evidence_tlp_label (evidence->tlp));
  for (const char * const *tlp = cpv_evidence_tlps (); *tlp != NULL; tlp++)
    gtk_widget_remove_css_class (tile->tlp_label, cpv_evidence_tlp_css_class (*tlp));
  gtk_widget_add_css_class (tile->tlp_label, cpv_evidence_tlp_css_class (evidence->tlp));

  gtk_widget_set_visible (tile->secret_box, evidence->secret);
  gtk_label_set_text (GTK_LABEL (tile->language_label), language);
  gtk_widget_set_visible (tile->language_label, language != NULL);

  /* Read out as one sentence by screen readers. */
  description = g_strjoin (", ", evidence->file_name, kind,
                           cpv_evidence_tlp_label (evidence->tlp),
                           evidence->secret ? _("Secret") : (language != NULL ? language : NULL),
                           evidence->secret ? language : NULL,
                           NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  texture = evidence->sha256 != NULL ? g_hash_table_lookup (self->thumbnails, evidence->sha256)
                                     : NULL;
  if (texture != NULL)
    {
      cache_touch (self, evidence->sha256);
      tile_show_thumbnail (tile, texture, NULL);
      return;
    }
  request_thumbnail (self, evidence);
  tile_show_thumbnail (tile, NULL,
                       evidence->sha256 != NULL
                       && g_hash_table_contains (self->pending, evidence->sha256)
                       ? "image-loading-symbolic" : icon_name);
}

static void
unbind_tile_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CpvEvidencePage          *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Tile *tile = tile_of (widget);

  g_clear_pointer (&tile->sha256, g_free);
  tile_show_thumbnail (tile, NULL, NULL);
}

/* Model ----------------------------------------------------------------------------------- */

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CpvEvidence *left = a;
  const CpvEvidence *right = b;

  return (left->id < right->id) - (left->id > right->id);
}

static void
update_empty (CpvEvidencePage *self)
{
  guint n = self->sorted != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "grid" : "empty");
}

/* Thumbnails of items no longer in the vault leave memory at once. */
static void
prune_thumbnails (CpvEvidencePage *self)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (model);
  GList *link = self->lru.head;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpvEvidence) evidence = g_list_model_get_item (model, i);

      if (evidence->sha256 != NULL)
        g_hash_table_add (present, g_strdup (evidence->sha256));
    }
  while (link != NULL)
    {
      GList *next = link->next;
      char *sha256 = link->data;

      if (!g_hash_table_contains (present, sha256))
        {
          g_queue_delete_link (&self->lru, link);
          g_hash_table_remove (self->thumbnails, sha256);
        }
      link = next;
    }
}

static void
items_changed_cb (CpvEvidencePage *self)
{
  prune_thumbnails (self);
  update_empty (self);
}

static void
apply_size_limit (CpvEvidencePage *self)
{
  guint megabytes;

  if (self->session == NULL || self->settings == NULL)
    return;
  megabytes = g_settings_get_uint (self->settings, "evidence-size-limit-mb");
  cpv_vault_set_evidence_size_limit (cpv_session_get_vault (self->session),
                                     (goffset) megabytes * 1024 * 1024);
}

static void
size_limit_changed_cb (CpvEvidencePage *self)
{
  apply_size_limit (self);
}

static void
close_viewers (CpvEvidencePage *self)
{
  g_autoptr(GPtrArray) viewers = g_steal_pointer (&self->viewers);

  /* Each viewer drops its document and pages when it is destroyed. One that is still
   * referenced elsewhere (a finishing task) is disposed, and leaves the list, later. */
  self->viewers = g_ptr_array_new ();
  for (guint i = 0; i < viewers->len; i++)
    gtk_window_destroy (g_ptr_array_index (viewers, i));
}

static void
viewer_destroyed_cb (CpvEvidencePage *self,
                     GtkWidget       *viewer)
{
  g_ptr_array_remove (self->viewers, viewer);
}

static void
tile_activated_cb (CpvEvidencePage *self,
                   guint            position)
{
  g_autoptr(CpvEvidence) evidence = NULL;

  if (self->sorted == NULL)
    return;
  evidence = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (evidence != NULL)
    cpv_evidence_page_open_viewer (self, evidence);
}

/* GObject --------------------------------------------------------------------------------- */

static void
cpv_evidence_page_dispose (GObject *object)
{
  CpvEvidencePage *self = (CpvEvidencePage *) object;

  cpv_evidence_page_set_session (self, NULL);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->size_limit_id, self->settings);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_EVIDENCE_PAGE);

  G_OBJECT_CLASS (cpv_evidence_page_parent_class)->dispose (object);
}

static void
cpv_evidence_page_finalize (GObject *object)
{
  CpvEvidencePage *self = (CpvEvidencePage *) object;

  GHashTableIter iter;
  gpointer tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    g_object_weak_unref (tile, tile_finalized_cb, self);

  g_queue_clear (&self->lru);
  g_hash_table_unref (self->thumbnails);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->failed);
  g_hash_table_unref (self->tiles);
  g_ptr_array_unref (self->viewers);

  G_OBJECT_CLASS (cpv_evidence_page_parent_class)->finalize (object);
}

static void
cpv_evidence_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CpvEvidencePage *self = CPV_EVIDENCE_PAGE (object);

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
cpv_evidence_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CpvEvidencePage *self = CPV_EVIDENCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      cpv_evidence_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_evidence_page_class_init (CpvEvidencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_evidence_page_dispose;
  object_class->finalize = cpv_evidence_page_finalize;
  object_class->get_property = cpv_evidence_page_get_property;
  object_class->set_property = cpv_evidence_page_set_property;

  /**
   * CpvEvidencePage:session:
   *
   * The unlocked vault's session, or %NULL while locked: the page then holds no record.
   */
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CPV_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-evidence-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvEvidencePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CpvEvidencePage, grid_view);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);
}

static void
cpv_evidence_page_init (CpvEvidencePage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tiles = g_hash_table_new (NULL, NULL);
  self->viewers = g_ptr_array_new ();
  g_queue_init (&self->lru);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);

  if (CPV_IS_APPLICATION (application))
    {
      GSettings *settings = cpv_application_get_settings (CPV_APPLICATION (application));

      if (settings != NULL)
        {
          self->settings = g_object_ref (settings);
          self->size_limit_id =
            g_signal_connect_swapped (settings, "changed::evidence-size-limit-mb",
                                      G_CALLBACK (size_limit_changed_cb), self);
        }
    }

  update_empty (self);
}

CpvSession *
cpv_evidence_page_get_session (CpvEvidencePage *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_PAGE (self), NULL);
  return self->session;
}

void
cpv_evidence_page_set_session (CpvEvidencePage *self,
                               CpvSession      *session)
{
  g_return_if_fail (CPV_IS_EVIDENCE_PAGE (self));
  g_return_if_fail (session == NULL || CPV_IS_SESSION (session));

  if (self->session == session)
    return;

  /* Whatever was decrypted for the previous session goes first. */
  close_viewers (self);
  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  if (self->sorted != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->sorted);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  drop_thumbnails (self);

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (newest_first, NULL, NULL);
      GListModel *evidence = cpv_session_get_evidence (session);

      self->sorted = gtk_sort_list_model_new (g_object_ref (evidence), GTK_SORTER (sorter));
      self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
      self->items_changed_id = g_signal_connect_swapped (self->sorted, "items-changed",
                                                         G_CALLBACK (items_changed_cb), self);
      gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
      apply_size_limit (self);
    }
  if (self->stack != NULL)
    update_empty (self);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

/**
 * cpv_evidence_page_open_viewer:
 * @evidence: an item of the session's evidence model
 *
 * Opens @evidence in a viewer window over the page's window. The viewer closes when the
 * vault is locked.
 *
 * Returns: (transfer none): the viewer
 */
CpvEvidenceViewer *
cpv_evidence_page_open_viewer (CpvEvidencePage *self,
                               CpvEvidence     *evidence)
{
  CpvEvidenceViewer *viewer;
  GtkRoot *root;

  g_return_val_if_fail (CPV_IS_EVIDENCE_PAGE (self), NULL);
  g_return_val_if_fail (CPV_IS_EVIDENCE (evidence), NULL);
  g_return_val_if_fail (self->session != NULL, NULL);

  viewer = cpv_evidence_viewer_new (self->session, evidence);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (viewer),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }
  g_ptr_array_add (self->viewers, viewer);
  g_signal_connect_object (viewer, "destroy", G_CALLBACK (viewer_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (viewer));
  return viewer;
}

/**
 * cpv_evidence_page_lookup_thumbnail:
 *
 * Returns: (transfer none) (nullable): the cached thumbnail of the content with @sha256
 */
GdkTexture *
cpv_evidence_page_lookup_thumbnail (CpvEvidencePage *self,
                                    const char      *sha256)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_PAGE (self), NULL);

  return sha256 != NULL ? g_hash_table_lookup (self->thumbnails, sha256) : NULL;
}

/**
 * cpv_evidence_page_get_n_thumbnails:
 *
 * Returns: how many thumbnails the page holds in memory (0 while locked)
 */
guint
cpv_evidence_page_get_n_thumbnails (CpvEvidencePage *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_PAGE (self), 0);

  return g_hash_table_size (self->thumbnails);
}

/**
 * cpv_evidence_page_get_n_pending:
 *
 * Returns: how many thumbnails are being rendered
 */
guint
cpv_evidence_page_get_n_pending (CpvEvidencePage *self)
{
  g_return_val_if_fail (CPV_IS_EVIDENCE_PAGE (self), 0);

  return g_hash_table_size (self->pending);
}
