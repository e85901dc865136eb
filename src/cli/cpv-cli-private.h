/* cpv-cli-private.h — shared state and helpers of cpe-vault-cli
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <stdio.h>

#include "cpv-date.h"
#include "cpv-evidence.h"
#include "cpv-program.h"
#include "cpv-records.h"
#include "cpv-retention.h"
#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_CLI_ERROR (cpv_cli_error_quark ())

/* USAGE ends the process with exit status 2, everything else with 1. */
typedef enum
{
  CPV_CLI_ERROR_USAGE,
  CPV_CLI_ERROR_INVALID,
  CPV_CLI_ERROR_NO_PASSPHRASE,
  CPV_CLI_ERROR_FAILED,
} CpvCliError;

#define CPV_CLI_EXIT_OK 0
#define CPV_CLI_EXIT_ERROR 1
#define CPV_CLI_EXIT_USAGE 2

/* Options that every command accepts, before or after the command name. */
typedef struct
{
  char *vault_path;
  char *passphrase_file;
} CpvCli;

typedef struct _CpvCliCommand CpvCliCommand;

typedef gboolean (*CpvCliHandler) (CpvCli               *cli,
                                   const CpvCliCommand  *command,
                                   char               ***argv,
                                   GError              **error);

struct _CpvCliCommand
{
  const char    *group;        /* "credential", "activity", "evidence" or NULL */
  const char    *name;         /* "add", "list" … or "init", "change-passphrase" */
  const char    *parameters;   /* shown after the command in --help, e.g. "ID" */
  const char    *summary;
  CpvCliHandler  handler;
};

GQuark     cpv_cli_error_quark          (void);

/* cpv-cli.c */
char      *cpv_cli_command_line         (const CpvCliCommand  *command);
gboolean   cpv_cli_parse                (CpvCli               *cli,
                                         const CpvCliCommand  *command,
                                         const GOptionEntry   *entries,
                                         const char           *description,
                                         char               ***argv,
                                         guint                 min_args,
                                         guint                 max_args,
                                         gboolean             *help_shown,
                                         GError              **error);
char      *cpv_cli_get_vault_path       (CpvCli               *cli);
CpvVault  *cpv_cli_open_vault           (CpvCli               *cli,
                                         GError              **error);
CpvProgramRegistry *cpv_cli_load_registry (GError            **error);
gboolean   cpv_cli_remove_kept_record   (CpvCli               *cli,
                                         CpvRecordKind         kind,
                                         gint64                id,
                                         gboolean              force,
                                         GError              **error);

/* cpv-cli-passphrase.c */
char      *cpv_cli_read_passphrase      (const char           *file,
                                         const char           *env_name,
                                         const char           *prompt,
                                         const char           *confirm_prompt,
                                         const char           *option_hint,
                                         GError              **error);
void       cpv_cli_passphrase_free      (char                 *passphrase);

/* cpv-cli-values.c: parse and check what a person typed, before the vault is touched */
gboolean   cpv_cli_parse_id             (const char           *text,
                                         const char           *what,
                                         gint64               *out_id,
                                         GError              **error);
gboolean   cpv_cli_parse_amount         (const char           *text,
                                         const char           *option,
                                         double               *out_amount,
                                         GError              **error);
gboolean   cpv_cli_parse_date           (const char           *text,
                                         const char           *option,
                                         CpvDay               *out_day,
                                         GError              **error);
gboolean   cpv_cli_parse_group          (const char           *text,
                                         gint64               *out_credential_id,
                                         char                 *out_group,
                                         GError              **error);
gboolean   cpv_cli_language_is_valid    (const char           *tag);
gboolean   cpv_cli_check_language       (const char           *language,
                                         GError              **error);
gboolean   cpv_cli_parse_tlp            (const char           *text,
                                         char                **out_tlp,
                                         GError              **error);
gboolean   cpv_cli_check_text           (const char           *text,
                                         const char           *option,
                                         gboolean              required,
                                         gboolean              multiline,
                                         GError              **error);
char      *cpv_cli_format_amount        (double                amount);
char      *cpv_cli_format_size          (goffset               size);

/* cpv-cli-table.c: aligned tables for people */
typedef struct _CpvCliTable CpvCliTable;

CpvCliTable *cpv_cli_table_new          (const char           *first_heading,
                                         ...) G_GNUC_NULL_TERMINATED;
void         cpv_cli_table_add_row      (CpvCliTable          *table,
                                         const char           *first_cell,
                                         ...);
void         cpv_cli_table_print        (CpvCliTable          *table,
                                         FILE                 *out);
void         cpv_cli_table_free         (CpvCliTable          *table);
gsize        cpv_cli_display_width      (const char           *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvCliTable, cpv_cli_table_free)

/* Command handlers */
gboolean   cpv_cli_init                 (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_change_passphrase    (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_check                (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_convert_format       (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_programs             (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_credential_add       (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_credential_list      (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_credential_remove    (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_activity_add         (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_activity_list        (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_activity_show        (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_activity_edit        (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_activity_remove      (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_evidence_add         (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_evidence_list        (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_evidence_extract     (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_evidence_remove      (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_jrca                 (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
/* cpv-cli-jrca-evidence.c: "jrca attach|link|unlink|files", listed in cpv-cli.c's table */
gboolean   cpv_cli_jrca_attach          (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_jrca_link            (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_jrca_unlink          (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_jrca_files           (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
/* cpv-cli-records.c (issue 5) */
gboolean   cpv_cli_retention_list       (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_retention_purge      (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_audit_add            (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_audit_list           (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_audit_show           (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_audit_respond        (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_audit_close          (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_pack                 (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_readiness            (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
/* cpv-cli-status.c, cpv-cli-portable.c (portable; issue 3) */
gboolean   cpv_cli_status               (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_export               (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);
gboolean   cpv_cli_import               (CpvCli *cli, const CpvCliCommand *command,
                                         char ***argv, GError **error);

G_END_DECLS
