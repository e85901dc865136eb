/* cpv-auto-lock.h — locks every open vault after idle time or when the screen saver starts
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CPV_TYPE_AUTO_LOCK (cpv_auto_lock_get_type ())
G_DECLARE_FINAL_TYPE (CpvAutoLock, cpv_auto_lock, CPV, AUTO_LOCK, GObject)

CpvAutoLock *cpv_auto_lock_new                  (GtkApplication *application,
                                                 GSettings      *settings);
guint        cpv_auto_lock_get_idle_timeout_ms  (CpvAutoLock    *self);
void         cpv_auto_lock_set_idle_timeout_ms  (CpvAutoLock    *self,
                                                 guint           timeout_ms);
void         cpv_auto_lock_lock_all             (CpvAutoLock    *self);

G_END_DECLS
