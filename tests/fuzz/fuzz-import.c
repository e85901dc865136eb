/* fuzz-import.c — libFuzzer target: the portable XML import reader (vault-export.rng)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-portable.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* cpv_portable_check() is the first pass of cpv_vault_import(): the same reader, the same
 * checks, without a vault (whose key derivation would make every input take a second). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  CpvImportSummary summary;
  gboolean ok;

  ok = cpv_portable_check (stream, &summary, NULL, &error);
  if (ok != (error == NULL))
    g_error ("cpv_portable_check returned %d with error %p", ok, error);
  /* A refusal names the line, so that a person can find the damage. */
  if (!ok && error->domain == CPV_PORTABLE_ERROR && error->code != CPV_PORTABLE_ERROR_SCHEMA &&
      error->code != CPV_PORTABLE_ERROR_IO && !g_str_has_prefix (error->message, "line "))
    g_error ("an import error without its line: %s", error->message);
  return 0;
}
