/* fuzz-program-loader.c — libFuzzer target: the credential program loader (program.rng)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cpv-program.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *path = NULL;
static char *schema_path = NULL;

static void
remove_input (void)
{
  if (path != NULL)
    g_unlink (path);
}

/* The loader reads files: every input goes to the same private temporary file. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvProgram) program = NULL;

  if (path == NULL)
    {
      int fd = g_file_open_tmp ("cpv-fuzz-program-XXXXXX.xml", &path, NULL);

      if (fd < 0)
        return 0;
      close (fd);
      atexit (remove_input);
      schema_path = cpv_program_registry_get_schema_path ();
    }
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  program = cpv_program_new_from_file (path, schema_path, &error);
  /* Either a program or an error that names the file, never both, never neither. */
  if ((program == NULL) == (error == NULL))
    g_error ("cpv_program_new_from_file returned %p with error %p", program, error);
  return 0;
}
