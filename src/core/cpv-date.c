/* cpv-date.c — calendar dates as the rules use them
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-date.h"

#include <stdio.h>
#include <string.h>

gboolean
cpv_day_parse (const char *iso,
               CpvDay     *out_day)
{
  int year, month, mday;
  char tail;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;
  if (sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &mday, &tail) != 3)
    return FALSE;
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (mday, month, year))
    return FALSE;
  if (out_day != NULL)
    *out_day = cpv_day_from_ymd (year, month, mday);
  return TRUE;
}

gboolean
cpv_date_is_valid_iso (const char *iso)
{
  return cpv_day_parse (iso, NULL);
}

CpvDay
cpv_day_from_ymd (int year,
                  int month,
                  int mday)
{
  GDate date;

  if (!g_date_valid_dmy (mday, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  return g_date_get_julian (&date);
}

void
cpv_day_to_ymd (CpvDay  day,
                int    *year,
                int    *month,
                int    *mday)
{
  GDate date;

  g_return_if_fail (g_date_valid_julian (day));
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (year)
    *year = g_date_get_year (&date);
  if (month)
    *month = g_date_get_month (&date);
  if (mday)
    *mday = g_date_get_day (&date);
}

void
cpv_day_format_buf (CpvDay day,
                    char   buf[11])
{
  int y, m, d;

  if (day == 0 || !g_date_valid_julian (day))
    {
      buf[0] = '\0';
      return;
    }
  cpv_day_to_ymd (day, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
}

char *
cpv_day_format (CpvDay day)
{
  char buf[11];

  cpv_day_format_buf (day, buf);
  return g_strdup (buf);
}

CpvDay
cpv_day_add_days (CpvDay day,
                  int    days)
{
  return (CpvDay) ((gint64) day + days);
}

/* Month arithmetic clamps to the end of the month (GDate's rule): 2024-02-29 + 12 months is
 * 2025-02-28, which is how "12 months after the end of the cycle" reads on a calendar. */
CpvDay
cpv_day_add_months (CpvDay day,
                    int    months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (months >= 0)
    g_date_add_months (&date, months);
  else
    g_date_subtract_months (&date, -months);
  return g_date_get_julian (&date);
}

CpvDay
cpv_day_add_years (CpvDay day,
                   int    years)
{
  return cpv_day_add_months (day, years * 12);
}

CpvDay
cpv_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return cpv_day_from_ymd (g_date_time_get_year (now),
                           g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}
