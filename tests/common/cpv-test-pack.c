/* cpv-test-pack.c — checks of written packs shared by the pack tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-test-pack.h"

#include <glib/gstdio.h>

#include "cpv-evidence.h"

int
cpv_test_run_tool (const char * const  *argv,
                   char               **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  g_autofree char *ignored = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out != NULL ? out : &ignored, &standard_error, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s failed: %s", argv[0], standard_error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

CpvPackResult *
cpv_test_write_pack (CpvVault             *vault,
                     CpvProgramRegistry   *registry,
                     const CpvPackOptions *options,
                     const char           *out)
{
  g_autoptr(GError) error = NULL;
  CpvPackResult *result = cpv_vault_write_pack (vault, registry, options, out, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

char *
cpv_test_unpack_dir (const char *parent,
                     const char *name)
{
  char *dir = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  return dir;
}

char *
cpv_test_xml_attribute (xmlNodePtr  node,
                        const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

void
cpv_test_pack_check_manifest (const char *dir)
{
  g_autofree char *schema = cpv_pack_manifest_schema_path ();
  g_autofree char *manifest = g_build_filename (dir, "manifest.xml", NULL);
  const char *xmllint[] = { "xmllint", "--noout", "--nonet", "--relaxng", schema, manifest, NULL };

  g_assert_cmpint (cpv_test_run_tool (xmllint, NULL), ==, 0);
}

gint64
cpv_test_pack_check_file (CpvVault   *vault,
                          const char *dir,
                          xmlNodePtr  file)
{
  g_autofree char *path = cpv_test_xml_attribute (file, "path");
  g_autofree char *size = cpv_test_xml_attribute (file, "size");
  g_autofree char *sha256 = cpv_test_xml_attribute (file, "sha256");
  g_autofree char *role = cpv_test_xml_attribute (file, "role");
  g_autofree char *evidence_id = NULL;
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *computed = NULL;
  g_autoptr(GBytes) vault_bytes = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gint64 id;

  g_assert_true (g_file_get_contents (full, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_ascii_strtoull (size, NULL, 10));
  computed = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (computed, ==, sha256);
  if (g_strcmp0 (role, "evidence") != 0)
    return 0;

  evidence_id = cpv_test_xml_attribute (file, "evidence-id");
  id = evidence_id != NULL ? g_ascii_strtoll (evidence_id, NULL, 10) : 0;
  evidence = cpv_vault_get_evidence (vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (evidence->sha256, ==, computed);
  vault_bytes = cpv_vault_load_evidence_bytes (vault, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (vault_bytes, NULL), g_bytes_get_size (vault_bytes),
                   contents, length);
  return id;
}
