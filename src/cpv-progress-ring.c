/* cpv-progress-ring.c — two concentric progress arcs drawn with the style's colours
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-progress-ring"

#include "config.h"

#include "cpv-progress-ring.h"

#include <adwaita.h>
#include <math.h>

/* The outer arc takes the widget's CSS colour (style.css: accent, success when complete), the
 * inner arc the theme's named success colour, and the troughs the same colours faded. Nothing
 * is hard-coded, so dark style and high contrast follow the stylesheet. */

#define RING_SIZE      120
#define RING_WIDTH     10.0
#define RING_GAP       4.0

struct _CpvProgressRing
{
  GtkWidget parent_instance;

  double    fraction;
  double    inner_fraction;
  gboolean  show_inner;
};

G_DEFINE_FINAL_TYPE (CpvProgressRing, cpv_progress_ring, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_INNER_FRACTION,
  PROP_SHOW_INNER,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
update_accessible_value (CpvProgressRing *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->fraction * 100.0,
                                  -1);
}

static void
draw_arc (cairo_t         *cr,
          double           center,
          double           radius,
          double           fraction,
          const GdkRGBA   *color,
          double           trough_alpha)
{
  const double start = -G_PI / 2;

  cairo_set_line_width (cr, RING_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * trough_alpha);
  cairo_new_path (cr);
  cairo_arc (cr, center, center, radius, 0, 2 * G_PI);
  cairo_stroke (cr);

  if (fraction <= 0)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_new_path (cr);
  if (fraction >= 1)
    cairo_arc (cr, center, center, radius, 0, 2 * G_PI);
  else
    cairo_arc (cr, center, center, radius, start, start + 2 * G_PI * fraction);
  cairo_stroke (cr);
}

static void
cpv_progress_ring_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CpvProgressRing *self = CPV_PROGRESS_RING (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  double trough_alpha;
  GdkRGBA outer_color, inner_color;
  cairo_t *cr;

  if (size < 4 * RING_WIDTH)
    return;

  /* gtk_style_context_get_color is the GTK 4.8 way (gtk_widget_get_color is 4.10). */
  gtk_style_context_get_color (context, &outer_color);
  if (!gtk_style_context_lookup_color (context, "success_color", &inner_color))
    inner_color = outer_color;
  trough_alpha = adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? 0.35
                                                                                        : 0.18;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT ((width - size) / 2, (height - size) / 2,
                                                       size, size));
  cairo_translate (cr, (width - size) / 2, (height - size) / 2);
  draw_arc (cr, size / 2, size / 2 - RING_WIDTH / 2, self->fraction, &outer_color, trough_alpha);
  if (self->show_inner)
    draw_arc (cr, size / 2, size / 2 - RING_WIDTH * 1.5 - RING_GAP, self->inner_fraction,
              &inner_color, trough_alpha);
  cairo_destroy (cr);
}

static void
cpv_progress_ring_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = RING_SIZE;
}

static void
cpv_progress_ring_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CpvProgressRing *self = CPV_PROGRESS_RING (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_INNER_FRACTION:
      g_value_set_double (value, self->inner_fraction);
      break;
    case PROP_SHOW_INNER:
      g_value_set_boolean (value, self->show_inner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_progress_ring_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CpvProgressRing *self = CPV_PROGRESS_RING (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      cpv_progress_ring_set_fraction (self, g_value_get_double (value));
      break;
    case PROP_INNER_FRACTION:
      cpv_progress_ring_set_inner_fraction (self, g_value_get_double (value));
      break;
    case PROP_SHOW_INNER:
      cpv_progress_ring_set_show_inner (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_progress_ring_class_init (CpvProgressRingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpv_progress_ring_get_property;
  object_class->set_property = cpv_progress_ring_set_property;
  widget_class->snapshot = cpv_progress_ring_snapshot;
  widget_class->measure = cpv_progress_ring_measure;

  /**
   * CpvProgressRing:fraction:
   *
   * How full the outer ring is, 0 to 1.
   */
  props[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvProgressRing:inner-fraction:
   *
   * How full the inner ring is, 0 to 1.
   */
  props[PROP_INNER_FRACTION] =
    g_param_spec_double ("inner-fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpvProgressRing:show-inner:
   *
   * Whether the inner ring is drawn.
   */
  props[PROP_SHOW_INNER] =
    g_param_spec_boolean ("show-inner", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_css_name (widget_class, "progressring");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
cpv_progress_ring_init (CpvProgressRing *self)
{
  self->show_inner = TRUE;
  update_accessible_value (self);
}

GtkWidget *
cpv_progress_ring_new (void)
{
  return g_object_new (CPV_TYPE_PROGRESS_RING, NULL);
}

double
cpv_progress_ring_get_fraction (CpvProgressRing *self)
{
  g_return_val_if_fail (CPV_IS_PROGRESS_RING (self), 0);
  return self->fraction;
}

void
cpv_progress_ring_set_fraction (CpvProgressRing *self,
                                double           fraction)
{
  g_return_if_fail (CPV_IS_PROGRESS_RING (self));

  fraction = CLAMP (fraction, 0, 1);
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  if (fraction >= 1)
    gtk_widget_add_css_class (GTK_WIDGET (self), "complete");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "complete");
  update_accessible_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FRACTION]);
}

double
cpv_progress_ring_get_inner_fraction (CpvProgressRing *self)
{
  g_return_val_if_fail (CPV_IS_PROGRESS_RING (self), 0);
  return self->inner_fraction;
}

void
cpv_progress_ring_set_inner_fraction (CpvProgressRing *self,
                                      double           fraction)
{
  g_return_if_fail (CPV_IS_PROGRESS_RING (self));

  fraction = CLAMP (fraction, 0, 1);
  if (self->inner_fraction == fraction)
    return;
  self->inner_fraction = fraction;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_INNER_FRACTION]);
}

gboolean
cpv_progress_ring_get_show_inner (CpvProgressRing *self)
{
  g_return_val_if_fail (CPV_IS_PROGRESS_RING (self), FALSE);
  return self->show_inner;
}

void
cpv_progress_ring_set_show_inner (CpvProgressRing *self,
                                  gboolean         show_inner)
{
  g_return_if_fail (CPV_IS_PROGRESS_RING (self));

  show_inner = !!show_inner;
  if (self->show_inner == show_inner)
    return;
  self->show_inner = show_inner;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SHOW_INNER]);
}
