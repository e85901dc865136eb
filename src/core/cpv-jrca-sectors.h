/* cpv-jrca-sectors.h — the 39 business sectors of JRCA AI340 annex 3 (form 2C), loaded as data
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CPV_JRCA_SECTORS_ERROR (cpv_jrca_sectors_error_quark ())

typedef enum
{
  CPV_JRCA_SECTORS_ERROR_FILE,     /* the list or its schema cannot be read */
  CPV_JRCA_SECTORS_ERROR_INVALID,  /* the list does not validate against jrca-sectors.rng */
} CpvJrcaSectorsError;

typedef struct
{
  guint  number;    /* 1 … 39, also the IAF code */
  char  *iaf;
  char  *name_ja;
  char  *name_en;
  char  *nace;      /* NACE rev.2 references, e.g. "58.2, 62, 63.1" */
} CpvJrcaSector;

GQuark          cpv_jrca_sectors_error_quark   (void);

void            cpv_jrca_sector_free           (CpvJrcaSector  *sector);

/* The list: $CPV_JRCA_SECTORS, else jrca-sectors.xml beside $CPV_SCHEMAS_DIR (its parent
 * directory), else PKGDATADIR/jrca-sectors.xml. */
char           *cpv_jrca_sectors_default_path  (void);

/**
 * cpv_jrca_sectors_load:
 * @path: (nullable): the XML file, or NULL for cpv_jrca_sectors_default_path()
 *
 * Reads and validates the sector list against jrca-sectors.rng. The list must hold each of
 * the numbers 1 to 39 exactly once.
 *
 * Returns: (transfer full) (element-type CpvJrcaSector): the sectors by number, index 0 is
 *   sector 1; NULL with @error set
 */
GPtrArray      *cpv_jrca_sectors_load          (const char     *path,
                                                GError        **error);

/* The sector @number in a list from cpv_jrca_sectors_load(), or NULL. */
const CpvJrcaSector *cpv_jrca_sectors_lookup   (GPtrArray      *sectors,
                                                guint           number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaSector, cpv_jrca_sector_free)

G_END_DECLS
