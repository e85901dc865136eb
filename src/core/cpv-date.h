/* cpv-date.h — calendar dates as the rules use them
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are calendar days without a time zone, stored as ISO 8601 "YYYY-MM-DD" and handled
 * as Julian day numbers (GDate) so that arithmetic never meets DST or leap-second surprises. */
typedef guint32 CpvDay;   /* GDate Julian day; 0 means "no date" */

gboolean  cpv_day_parse        (const char *iso,
                                CpvDay     *out_day);
char     *cpv_day_format       (CpvDay      day);
void      cpv_day_format_buf   (CpvDay      day,
                                char        buf[11]);
CpvDay    cpv_day_from_ymd     (int         year,
                                int         month,
                                int         day);
void      cpv_day_to_ymd       (CpvDay      day,
                                int        *year,
                                int        *month,
                                int        *mday);
CpvDay    cpv_day_add_days     (CpvDay      day,
                                int         days);
CpvDay    cpv_day_add_months   (CpvDay      day,
                                int         months);
CpvDay    cpv_day_add_years    (CpvDay      day,
                                int         years);
CpvDay    cpv_day_today        (void);
gboolean  cpv_date_is_valid_iso (const char *iso);

G_END_DECLS
