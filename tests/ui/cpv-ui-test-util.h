/* cpv-ui-test-util.h — helpers shared by the UI tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How long spin_until and wait_frames wait before they fail the test. */
#define CPV_UI_WAIT_SECONDS 120

typedef gboolean (*CpvUiCondition) (gpointer data);

GtkWidget *cpv_ui_child          (gpointer    widget,
                                  GType       widget_type,
                                  const char *name);
void       cpv_ui_spin_until     (CpvUiCondition condition,
                                  gpointer       data,
                                  const char    *what);
void       cpv_ui_wait_frames    (GtkWidget *widget,
                                  guint      frames);
void       cpv_ui_resize_window  (GtkWidget *window,
                                  int        width,
                                  int        height);
void       cpv_ui_save_png       (GtkWidget  *widget,
                                  int         width,
                                  int         height,
                                  const char *state,
                                  const char *language,
                                  gboolean    dark);

G_END_DECLS
