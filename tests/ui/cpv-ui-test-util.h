/* cpv-ui-test-util.h — helpers shared by the UI tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cpv-application.h"

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

/* What every UI test process sets up before its tests run. */
typedef struct
{
  CpvApplication *application;  /* registered, non-unique */
  const char     *language;     /* "ja" when $LANGUAGE starts with ja, else "en" */
  char           *home;         /* the XDG folders made for this process, or NULL */
} CpvUiTestProcess;

/* With @make_home, XDG data, config and cache go to a fresh temporary folder (removed by
 * cpv_ui_test_end); without, the caller has set them. Then the text domain is bound to the
 * build's catalogs ($CPV_TEST_LOCALEDIR), g_test_init runs and the application is registered. */
void       cpv_ui_test_begin     (CpvUiTestProcess *process,
                                  int              *argc,
                                  char           ***argv,
                                  gboolean          make_home);
/* Drops the application and the home folder; returns @status for main() to return. */
int        cpv_ui_test_end       (CpvUiTestProcess *process,
                                  int               status);
/* Waits until the GtkStack @stack has finished its transition (a crossfade caught half-way
 * shows two pages in a screenshot). */
void       cpv_ui_wait_stack_still (GtkWidget      *stack);
/* The first visible toplevel window of @type, or NULL. */
GtkWindow *cpv_ui_find_toplevel  (GType             type);
/* Removes a folder and everything in it; fails the test if anything stays. */
void       cpv_ui_remove_tree    (const char       *path);
/* Writes @dir/@name, a one-page A4 PDF with @text (Japanese too), as a person's scanner or
 * training provider would leave it; returns the file. */
GFile     *cpv_ui_write_pdf      (const char       *dir,
                                  const char       *name,
                                  const char       *text);

G_END_DECLS
