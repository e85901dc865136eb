/* cpv-progress-ring.h — two concentric progress arcs drawn with the style's colours
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CPV_TYPE_PROGRESS_RING (cpv_progress_ring_get_type ())
G_DECLARE_FINAL_TYPE (CpvProgressRing, cpv_progress_ring, CPV, PROGRESS_RING, GtkWidget)

GtkWidget *cpv_progress_ring_new                (void);
double     cpv_progress_ring_get_fraction       (CpvProgressRing *self);
void       cpv_progress_ring_set_fraction       (CpvProgressRing *self,
                                                 double           fraction);
double     cpv_progress_ring_get_inner_fraction (CpvProgressRing *self);
void       cpv_progress_ring_set_inner_fraction (CpvProgressRing *self,
                                                 double           fraction);
gboolean   cpv_progress_ring_get_show_inner     (CpvProgressRing *self);
void       cpv_progress_ring_set_show_inner     (CpvProgressRing *self,
                                                 gboolean         show_inner);

G_END_DECLS
