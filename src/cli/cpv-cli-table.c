/* cpv-cli-table.c — aligned tables for people, ids in the first column
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <string.h>

struct _CpvCliTable
{
  guint      n_columns;
  GPtrArray *rows;       /* of GStrv; the first row holds the headings */
};

/* Columns on a terminal: East Asian wide characters take two, combining marks none. */
gsize
cpv_cli_display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static GStrv
collect_cells (const char *first_cell,
               va_list     args,
               guint       n_columns)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *cell = first_cell;
  GStrv cells;

  for (guint i = 0; i < n_columns; i++)
    {
      g_strv_builder_add (builder, cell != NULL ? cell : "");
      if (i + 1 < n_columns)
        cell = va_arg (args, const char *);
    }
  cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return cells;
}

CpvCliTable *
cpv_cli_table_new (const char *first_heading,
                   ...)
{
  CpvCliTable *table = g_new0 (CpvCliTable, 1);
  va_list args;

  va_start (args, first_heading);
  for (const char *heading = first_heading; heading != NULL;
       heading = va_arg (args, const char *))
    table->n_columns++;
  va_end (args);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, first_heading);
  g_ptr_array_add (table->rows, collect_cells (first_heading, args, table->n_columns));
  va_end (args);
  return table;
}

/* Takes exactly as many cells as there are headings; a NULL cell prints empty. */
void
cpv_cli_table_add_row (CpvCliTable *table,
                       const char  *first_cell,
                       ...)
{
  va_list args;

  va_start (args, first_cell);
  g_ptr_array_add (table->rows, collect_cells (first_cell, args, table->n_columns));
  va_end (args);
}

void
cpv_cli_table_print (CpvCliTable *table,
                     FILE        *out)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], cpv_cli_display_width (cells[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < table->n_columns)
            {
              gsize pad = widths[c] - cpv_cli_display_width (cells[c]) + 2;

              for (gsize i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            }
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      fprintf (out, "%s\n", line->str);
    }
}

void
cpv_cli_table_free (CpvCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table);
}
