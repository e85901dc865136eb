/* cpv-test-pack.h — checks of written packs shared by the pack tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "cpv-pack.h"
#include "cpv-program.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

/* Runs @argv (found on PATH) and returns 0 when it succeeded, else 1 (its stderr goes to the
 * test log). Standard output is always captured, into @out when not NULL: the test's own
 * output is TAP. */
int            cpv_test_run_tool             (const char * const   *argv,
                                              char                **out);

/* Writes the pack to @out and asserts that it worked. */
CpvPackResult *cpv_test_write_pack           (CpvVault             *vault,
                                              CpvProgramRegistry   *registry,
                                              const CpvPackOptions *options,
                                              const char           *out);

/* A new directory @name in @parent, for a pack to be unpacked into. */
char          *cpv_test_unpack_dir           (const char           *parent,
                                              const char           *name);

/* The attribute @name of @node as a string to g_free(), or NULL. */
char          *cpv_test_xml_attribute        (xmlNodePtr            node,
                                              const char           *name);

/* Checks the manifest of the pack unpacked in @dir against its schema (xmllint). */
void           cpv_test_pack_check_manifest  (const char           *dir);

/* The file a <file> element of the manifest names is in @dir with its size and SHA-256; an
 * evidence file holds exactly the vault's bytes. Returns the evidence id of an evidence file,
 * else 0. */
gint64         cpv_test_pack_check_file      (CpvVault             *vault,
                                              const char           *dir,
                                              xmlNodePtr            file);

G_END_DECLS
