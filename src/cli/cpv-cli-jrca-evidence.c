/* cpv-cli-jrca-evidence.c — `jrca attach|link|unlink|files`: the files of JRCA records
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"
#include "cpv-jrca-evidence.h"

/* These commands are listed in cpv-cli.c's table under the group "jrca"; every other
 * "jrca …" goes to cpv_cli_jrca(). A record is named by --audit ID or --cpd ID. */

#define RECORD_DESCRIPTION \
  "Name the record with --audit ID (see 'jrca audit list') or --cpd ID (see 'jrca cpd list').\n"

static char *
roles_text (CpvJrcaRecordKind kind)
{
  return g_strjoinv (", ", (char **) cpv_jrca_evidence_roles (kind));
}

static char *
roles_description (const char *intro)
{
  g_autofree char *audit = roles_text (CPV_JRCA_RECORD_AUDIT);
  g_autofree char *cpd = roles_text (CPV_JRCA_RECORD_CPD);

  return g_strdup_printf ("%s" RECORD_DESCRIPTION "\nRoles of an audit record: %s\n"
                          "Roles of a CPD record: %s\n"
                          "A role also sets the record's mark (form-5a: attested by the "
                          "organisation; schedule,\nreport, form-3a, certificate, programme: "
                          "the matching 'has' mark); unlinking keeps it.",
                          intro, audit, cpd);
}

static const char *
record_name (CpvJrcaRecordKind kind)
{
  return kind == CPV_JRCA_RECORD_AUDIT ? "audit record" : "CPD record";
}

/* Exactly one of --audit and --cpd, with a valid id. */
static gboolean
parse_record (const char         *command_line,
              const char         *audit_text,
              const char         *cpd_text,
              CpvJrcaRecordKind  *out_kind,
              gint64             *out_id,
              GError            **error)
{
  if ((audit_text == NULL) == (cpd_text == NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "Name the record with exactly one of --audit ID or --cpd ID (see '%s --help')",
                   command_line);
      return FALSE;
    }
  *out_kind = audit_text != NULL ? CPV_JRCA_RECORD_AUDIT : CPV_JRCA_RECORD_CPD;
  return cpv_cli_parse_id (audit_text != NULL ? audit_text : cpd_text,
                           audit_text != NULL ? "jrca audit" : "jrca cpd", out_id, error);
}

static gboolean
parse_role (const char         *command_line,
            CpvJrcaRecordKind   kind,
            const char         *role,
            GError            **error)
{
  g_autofree char *roles = roles_text (kind);

  if (role == NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "--role is required: what the file proves, one of %s (see '%s --help')",
                   roles, command_line);
      return FALSE;
    }
  if (!cpv_jrca_evidence_role_is_valid (kind, role))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "Unknown role '%s' for a file of a%s %s (roles: %s)", role,
                   kind == CPV_JRCA_RECORD_AUDIT ? "n" : "", record_name (kind), roles);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_cli_jrca_attach (CpvCli               *cli,
                     const CpvCliCommand  *command,
                     char               ***argv,
                     GError              **error)
{
  g_autofree char *command_line = cpv_cli_command_line (command);
  g_autofree char *audit_text = NULL;
  g_autofree char *cpd_text = NULL;
  g_autofree char *role = NULL;
  g_autofree char *tlp_option = NULL;
  g_autofree char *tlp = NULL;
  g_autofree char *language = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  CpvEvidenceMeta meta = { NULL };
  CpvJrcaRecordKind kind;
  gboolean secret = FALSE;
  gboolean already_stored = FALSE;
  gboolean help_shown;
  gint64 record_id;
  const GOptionEntry entries[] = {
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit_text, "The audit record (form 5A)", "ID" },
    { "cpd", 0, 0, G_OPTION_ARG_STRING, &cpd_text, "The CPD record (forms 4A/4B)", "ID" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "What the file proves (see below)", "ROLE" },
    { "tlp", 0, 0, G_OPTION_ARG_STRING, &tlp_option,
      "Sharing scope: clear, green, amber, amber+strict or red (default: clear)", "TLP" },
    { "secret", 0, 0, G_OPTION_ARG_NONE, &secret,
      "Mark the file as secret (separate from its TLP mark)", NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Language of the document as a BCP 47 tag, e.g. ja or en", "TAG" },
    { NULL }
  };

  description = roles_description ("Stores FILE in the vault and links it to the record, in "
                                   "one step: on any error nothing\nis stored. Prints the id "
                                   "of the evidence alone on standard output; when the same\n"
                                   "content is already stored it is linked, not stored again, "
                                   "and a note says so on stderr.\n\n");
  if (!cpv_cli_parse (cli, command, entries, description, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_record (command_line, audit_text, cpd_text, &kind, &record_id, error) ||
      !parse_role (command_line, kind, role, error))
    return FALSE;
  if (!cpv_cli_parse_tlp (tlp_option, &tlp, error) ||
      !cpv_cli_check_language (language, error))
    return FALSE;

  file = g_file_new_for_commandline_arg ((*argv)[1]);
  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  meta.tlp = tlp;
  meta.secret = secret;
  meta.language = language;
  evidence = cpv_vault_attach_jrca_file (vault, kind, record_id, role, file, &meta,
                                         &already_stored, NULL, error);
  cpv_vault_close (vault);
  if (evidence == NULL)
    return FALSE;

  if (already_stored)
    g_printerr ("cpe-vault-cli: note: the same content is already stored as evidence %"
                G_GINT64_FORMAT "; it was linked to %s %" G_GINT64_FORMAT ", not stored "
                "again\n", evidence->id, record_name (kind), record_id);
  g_print ("%" G_GINT64_FORMAT "\n", evidence->id);
  return TRUE;
}

gboolean
cpv_cli_jrca_link (CpvCli               *cli,
                   const CpvCliCommand  *command,
                   char               ***argv,
                   GError              **error)
{
  g_autofree char *command_line = cpv_cli_command_line (command);
  g_autofree char *audit_text = NULL;
  g_autofree char *cpd_text = NULL;
  g_autofree char *role = NULL;
  g_autofree char *description = NULL;
  g_autoptr(CpvVault) vault = NULL;
  CpvJrcaRecordKind kind;
  gboolean help_shown;
  gint64 record_id;
  gint64 evidence_id;
  const GOptionEntry entries[] = {
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit_text, "The audit record (form 5A)", "ID" },
    { "cpd", 0, 0, G_OPTION_ARG_STRING, &cpd_text, "The CPD record (forms 4A/4B)", "ID" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "What the file proves (see below)", "ROLE" },
    { NULL }
  };

  description = roles_description ("Links evidence already stored (see 'evidence list') to "
                                   "the record; linking it again\nchanges its role.\n\n");
  if (!cpv_cli_parse (cli, command, entries, description, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_record (command_line, audit_text, cpd_text, &kind, &record_id, error) ||
      !parse_role (command_line, kind, role, error) ||
      !cpv_cli_parse_id ((*argv)[1], "evidence", &evidence_id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  return cpv_vault_link_jrca_evidence (vault, kind, record_id, evidence_id, role, error);
}

gboolean
cpv_cli_jrca_unlink (CpvCli               *cli,
                     const CpvCliCommand  *command,
                     char               ***argv,
                     GError              **error)
{
  g_autofree char *command_line = cpv_cli_command_line (command);
  g_autofree char *audit_text = NULL;
  g_autofree char *cpd_text = NULL;
  g_autoptr(CpvVault) vault = NULL;
  CpvJrcaRecordKind kind;
  gboolean help_shown;
  gint64 record_id;
  gint64 evidence_id;
  const GOptionEntry entries[] = {
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit_text, "The audit record (form 5A)", "ID" },
    { "cpd", 0, 0, G_OPTION_ARG_STRING, &cpd_text, "The CPD record (forms 4A/4B)", "ID" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Removes the link only: the evidence stays in the vault (remove it with\n"
                      "'evidence remove'), and the record keeps the marks the link set.\n"
                      RECORD_DESCRIPTION, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!parse_record (command_line, audit_text, cpd_text, &kind, &record_id, error) ||
      !cpv_cli_parse_id ((*argv)[1], "evidence", &evidence_id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  return cpv_vault_unlink_jrca_evidence (vault, kind, record_id, evidence_id, error);
}

static void
append_xml_file (GString                   *xml,
                 const CpvJrcaEvidenceLink *link,
                 const CpvEvidence         *evidence)
{
  g_autofree char *line = NULL;

  line = g_markup_printf_escaped ("  <file record=\"%s\" record-id=\"%" G_GINT64_FORMAT "\" "
                                  "role=\"%s\" evidence=\"%" G_GINT64_FORMAT "\" kind=\"%s\" "
                                  "tlp=\"%s\" secret=\"%s\" size=\"%" G_GOFFSET_FORMAT "\" "
                                  "media-type=\"%s\" file-name=\"%s\"/>\n",
                                  link->record_kind == CPV_JRCA_RECORD_AUDIT ? "audit" : "cpd",
                                  link->record_id, link->role, evidence->id, evidence->kind,
                                  evidence->tlp, evidence->secret ? "true" : "false",
                                  evidence->size, evidence->media_type, evidence->file_name);
  g_string_append (xml, line);
}

gboolean
cpv_cli_jrca_files (CpvCli               *cli,
                    const CpvCliCommand  *command,
                    char               ***argv,
                    GError              **error)
{
  g_autofree char *command_line = cpv_cli_command_line (command);
  g_autofree char *audit_text = NULL;
  g_autofree char *cpd_text = NULL;
  g_autofree char *credential_text = NULL;
  g_autofree char *format = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  g_autoptr(GString) xml = NULL;
  CpvJrcaRecordKind kind = CPV_JRCA_RECORD_AUDIT;
  gboolean help_shown;
  gint64 id = 0;
  guint n_given;
  const GOptionEntry entries[] = {
    { "audit", 0, 0, G_OPTION_ARG_STRING, &audit_text, "The files of one audit record", "ID" },
    { "cpd", 0, 0, G_OPTION_ARG_STRING, &cpd_text, "The files of one CPD record", "ID" },
    { "credential", 0, 0, G_OPTION_ARG_STRING, &credential_text,
      "The files of every JRCA record of a credential", "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "text (for people, the default) or xml (for scripts; see jrca-files.rng)", "FORMAT" },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Audit records first, then CPD records, each by record id and role.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  n_given = (audit_text != NULL) + (cpd_text != NULL) + (credential_text != NULL);
  if (n_given != 1)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "Give exactly one of --audit ID, --cpd ID or --credential ID (see '%s "
                   "--help')", command_line);
      return FALSE;
    }
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "xml") != 0)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--format must be text or xml, not '%s'", format);
      return FALSE;
    }
  if (credential_text != NULL)
    {
      if (!cpv_cli_parse_id (credential_text, "credential", &id, error))
        return FALSE;
    }
  else if (!parse_record (command_line, audit_text, cpd_text, &kind, &id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  if (credential_text != NULL)
    links = cpv_vault_list_jrca_evidence_for_credential (vault, id, error);
  else
    links = cpv_vault_list_jrca_evidence (vault, kind, id, error);
  if (links == NULL)
    return FALSE;

  if (g_strcmp0 (format, "xml") == 0)
    xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jrca-files>\n");
  else
    table = cpv_cli_table_new ("RECORD", "ROLE", "EVIDENCE", "KIND", "TLP", "SECRET", "SIZE",
                               "NAME", NULL);
  for (guint i = 0; i < links->len; i++)
    {
      const CpvJrcaEvidenceLink *link = g_ptr_array_index (links, i);
      g_autoptr(CpvEvidence) evidence = cpv_vault_get_evidence (vault, link->evidence_id,
                                                                error);
      g_autofree char *record = NULL;
      g_autofree char *evidence_id = NULL;
      g_autofree char *size = NULL;

      if (evidence == NULL)
        return FALSE;
      if (xml != NULL)
        {
          append_xml_file (xml, link, evidence);
          continue;
        }
      record = g_strdup_printf ("%s %" G_GINT64_FORMAT,
                                link->record_kind == CPV_JRCA_RECORD_AUDIT ? "audit" : "cpd",
                                link->record_id);
      evidence_id = g_strdup_printf ("%" G_GINT64_FORMAT, evidence->id);
      size = cpv_cli_format_size (evidence->size);
      cpv_cli_table_add_row (table, record, link->role, evidence_id, evidence->kind,
                             evidence->tlp, evidence->secret ? "yes" : "no", size,
                             evidence->file_name);
    }

  if (xml != NULL)
    {
      g_string_append (xml, "</jrca-files>\n");
      g_print ("%s", xml->str);
    }
  else if (links->len == 0)
    g_print ("No files are linked.\n");
  else
    cpv_cli_table_print (table, stdout);
  return TRUE;
}
