/* cpv-records.h — credentials held and activities, as stored in the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_RECORDS_ERROR (cpv_records_error_quark ())

typedef enum
{
  CPV_RECORDS_ERROR_INVALID,      /* a field fails validation; the message names the field */
  CPV_RECORDS_ERROR_NOT_FOUND,    /* no record with that id */
  CPV_RECORDS_ERROR_IN_USE,       /* still referenced (e.g. a credential with credit lines) */
} CpvRecordsError;

/* Records are plain GObjects with public fields so that list models and the rules engine can
 * read them cheaply. Only the core writes them to the vault. Dates are ISO "YYYY-MM-DD". */

#define CPV_TYPE_CREDENTIAL (cpv_credential_get_type ())
G_DECLARE_FINAL_TYPE (CpvCredential, cpv_credential, CPV, CREDENTIAL, GObject)

struct _CpvCredential
{
  GObject parent_instance;

  gint64  id;
  char   *program;       /* program id, e.g. "isc2", "jrca-isms" */
  char   *code;          /* credential code within the program, e.g. "CISSP" */
  char   *cycle_start;
  char   *cycle_end;
  char   *member_since;  /* NULL when not given */
  char   *created;       /* ISO 8601 date-time, UTC */
};

#define CPV_TYPE_ACTIVITY (cpv_activity_get_type ())
G_DECLARE_FINAL_TYPE (CpvActivity, cpv_activity, CPV, ACTIVITY, GObject)

typedef struct
{
  gint64 credential_id;
  char   group;          /* 'A' or 'B' */
} CpvCreditLine;

struct _CpvActivity
{
  GObject parent_instance;

  gint64    id;
  char     *title;
  char     *category;        /* stable category key, e.g. "isc2.education.self-study-book" */
  char     *start_date;
  char     *end_date;
  double    hours;           /* < 0 when not given */
  double    credits;
  char     *provider;
  char     *description;
  char     *isbn;
  char     *author;
  char     *publisher;
  gboolean  submitted;       /* submitted to the program's portal */
  gboolean  auto_submitted;  /* added by ISC2 or a CPE partner */
  char     *created;
  char     *updated;
  GArray   *credit_lines;    /* of CpvCreditLine */
  guint     evidence_count;  /* filled by list/get */
};

CpvCredential *cpv_credential_new                (void);
CpvActivity   *cpv_activity_new                  (void);
void           cpv_activity_add_credit_line      (CpvActivity    *activity,
                                                  gint64          credential_id,
                                                  char            group);

GQuark         cpv_records_error_quark           (void);

gboolean       cpv_credential_validate           (CpvCredential  *credential,
                                                  GError        **error);
gboolean       cpv_activity_validate             (CpvActivity    *activity,
                                                  GError        **error);

gint64         cpv_vault_add_credential          (CpvVault       *vault,
                                                  CpvCredential  *credential,
                                                  GError        **error);
gboolean       cpv_vault_update_credential       (CpvVault       *vault,
                                                  CpvCredential  *credential,
                                                  GError        **error);
gboolean       cpv_vault_remove_credential       (CpvVault       *vault,
                                                  gint64          credential_id,
                                                  GError        **error);
CpvCredential *cpv_vault_get_credential          (CpvVault       *vault,
                                                  gint64          credential_id,
                                                  GError        **error);
GPtrArray     *cpv_vault_list_credentials        (CpvVault       *vault,
                                                  GError        **error);

gint64         cpv_vault_add_activity            (CpvVault       *vault,
                                                  CpvActivity    *activity,
                                                  GError        **error);
gboolean       cpv_vault_update_activity         (CpvVault       *vault,
                                                  CpvActivity    *activity,
                                                  GError        **error);
gboolean       cpv_vault_remove_activity         (CpvVault       *vault,
                                                  gint64          activity_id,
                                                  GError        **error);
CpvActivity   *cpv_vault_get_activity            (CpvVault       *vault,
                                                  gint64          activity_id,
                                                  GError        **error);
GPtrArray     *cpv_vault_list_activities         (CpvVault       *vault,
                                                  GError        **error);

G_END_DECLS
