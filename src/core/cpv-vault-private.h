/* cpv-vault-private.h — what the core's services share about an open vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cpv-date.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *sql;     /* one or more statements, run in one transaction */
} CpvMigration;

/* cpv-schema.c: ordered migrations; version N brings a vault from N-1 to N. */
extern const CpvMigration _cpv_migrations[];
extern const guint        _cpv_n_migrations;

/* Every service runs its statements between _cpv_vault_lock() and _cpv_vault_unlock(): the
 * connection is shared by the main thread and GTask threads, and a transaction must not
 * interleave with another thread's statements. The lock is recursive. */
sqlite3      *_cpv_vault_lock           (CpvVault     *self,
                                         GError      **error);
void          _cpv_vault_unlock         (CpvVault     *self);

gboolean      _cpv_vault_begin          (CpvVault     *self,
                                         GError      **error);
gboolean      _cpv_vault_commit         (CpvVault     *self,
                                         GError      **error);
void          _cpv_vault_rollback       (CpvVault     *self);
gboolean      _cpv_vault_exec           (CpvVault     *self,
                                         const char   *sql,
                                         GError      **error);
sqlite3_stmt *_cpv_vault_prepare        (CpvVault     *self,
                                         const char   *sql,
                                         GError      **error);
/* Turns a SQLite result code into a CPV_VAULT_ERROR a person can act on. */
void          _cpv_vault_set_sql_error  (CpvVault     *self,
                                         GError      **error,
                                         int           rc,
                                         const char   *doing);
void          _cpv_vault_emit_changed   (CpvVault     *self,
                                         const char   *what);

/* Steps a statement that returns no row; a failure becomes a CPV_VAULT_ERROR. */
gboolean      _cpv_step_done            (CpvVault     *self,
                                         sqlite3_stmt *stmt,
                                         const char   *doing,
                                         GError      **error);
/* Dates are stored as ISO "YYYY-MM-DD" text; 0 (no date) is NULL. */
void          _cpv_bind_day             (sqlite3_stmt *stmt,
                                         int           index,
                                         CpvDay        day);
CpvDay        _cpv_column_day           (sqlite3_stmt *stmt,
                                         int           column);

char         *_cpv_now_iso              (void);
const char   *_cpv_column_text          (sqlite3_stmt *stmt,
                                         int           column);
char         *_cpv_column_dup           (sqlite3_stmt *stmt,
                                         int           column);
void          _cpv_bind_text_or_null    (sqlite3_stmt *stmt,
                                         int           index,
                                         const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
