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

struct _CpvActivitiesPage
{
  GtkWidget   parent_instance;

  CpvSession *session;
};

G_DEFINE_FINAL_TYPE (CpvActivitiesPage, cpv_activities_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
cpv_activities_page_dispose (GObject *object)
{
  CpvActivitiesPage *self = (CpvActivitiesPage *) object;

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_ACTIVITIES_PAGE);

  G_OBJECT_CLASS (cpv_activities_page_parent_class)->dispose (object);
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
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-activities-page.ui");
}

static void
cpv_activities_page_init (CpvActivitiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CpvSession *
cpv_activities_page_get_session (CpvActivitiesPage *self)
{
  g_return_val_if_fail (CPV_IS_ACTIVITIES_PAGE (self), NULL);
  return self->session;
}

void
cpv_activities_page_set_session (CpvActivitiesPage *self,
                                CpvSession *session)
{
  g_return_if_fail (CPV_IS_ACTIVITIES_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
