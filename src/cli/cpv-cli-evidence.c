/* cpv-cli-evidence.c — `evidence add|list|extract|remove`
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <string.h>

#define EXTRACT_BUFFER_SIZE (64 * 1024)

static char *
join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

/* The file must be a readable, non-empty regular file; checked before the vault opens. */
static gboolean
check_source_file (GFile    *file,
                   goffset  *out_size,
                   GError  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID, "%s does not exist", name);
      else
        g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID, "Cannot read %s: %s", name,
                     local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s is not a regular file", name);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s cannot be read: check its permissions", name);
      return FALSE;
    }
  if (g_file_info_get_size (info) == 0)
    {
      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_EMPTY,
                   "%s is empty: there is nothing to keep as evidence", name);
      return FALSE;
    }
  *out_size = g_file_info_get_size (info);
  return TRUE;
}

gboolean
cpv_cli_evidence_add (CpvCli               *cli,
                      const CpvCliCommand  *command,
                      char               ***argv,
                      GError              **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *tlp_option = NULL;
  g_autofree char *tlp = NULL;
  g_autofree char *language = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autofree char *description = NULL;
  gboolean secret = FALSE;
  gboolean help_shown;
  gboolean already_stored = FALSE;
  CpvEvidenceMeta meta = { NULL };
  gint64 activity_id;
  goffset size = 0;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      "What the file proves (default: other)", "KIND" },
    { "tlp", 0, 0, G_OPTION_ARG_STRING, &tlp_option,
      "Sharing scope: clear, green, amber, amber+strict or red (default: clear)", "TLP" },
    { "secret", 0, 0, G_OPTION_ARG_NONE, &secret,
      "Mark the file as secret (separate from its TLP mark)", NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Language of the document as a BCP 47 tag, e.g. ja or en", "TAG" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &file_name,
      "File name to keep (default: the name of FILE)", "NAME" },
    { NULL }
  };
  g_autofree char *kinds = join_names (cpv_evidence_kinds ());

  description = g_strdup_printf ("Prints the id of the evidence alone on standard output. "
                                 "When the same content\nis already stored it is linked, not "
                                 "stored again, and a note says so on stderr.\n\nKinds: %s",
                                 kinds);
  if (!cpv_cli_parse (cli, command, entries, description, argv, 2, 2, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  if (!cpv_cli_parse_id ((*argv)[1], "activity", &activity_id, error))
    return FALSE;
  if (kind != NULL && !cpv_evidence_kind_is_valid (kind))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "Unknown evidence kind '%s' (kinds: %s)", kind, kinds);
      return FALSE;
    }
  if (!cpv_cli_parse_tlp (tlp_option, &tlp, error) ||
      !cpv_cli_check_language (language, error))
    return FALSE;
  if (file_name != NULL
      && (!cpv_cli_check_text (file_name, "--name", TRUE, FALSE, error)))
    return FALSE;
  if (file_name != NULL && strchr (file_name, '/') != NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--name is a file name without folders, not '%s'", file_name);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg ((*argv)[2]);
  if (!check_source_file (file, &size, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  if (size > cpv_vault_get_evidence_size_limit (vault))
    {
      g_autofree char *size_text = cpv_cli_format_size (size);
      g_autofree char *limit_text =
        cpv_cli_format_size (cpv_vault_get_evidence_size_limit (vault));

      g_set_error (error, CPV_EVIDENCE_ERROR, CPV_EVIDENCE_ERROR_TOO_LARGE,
                   "%s is %s, over the limit of %s for one evidence file", (*argv)[2],
                   size_text, limit_text);
      return FALSE;
    }
  activity = cpv_vault_get_activity (vault, activity_id, error);
  if (activity == NULL)
    return FALSE;

  meta.kind = kind;
  meta.tlp = tlp;
  meta.secret = secret;
  meta.language = language;
  meta.file_name = file_name;
  evidence = cpv_vault_attach_file (vault, activity_id, file, &meta, &already_stored, NULL,
                                    error);
  cpv_vault_close (vault);
  if (evidence == NULL)
    return FALSE;

  if (already_stored)
    g_printerr ("cpe-vault-cli: note: the same content is already stored as evidence %"
                G_GINT64_FORMAT "; it was linked to activity %" G_GINT64_FORMAT
                ", not stored again\n", evidence->id, activity_id);
  g_print ("%" G_GINT64_FORMAT "\n", evidence->id);
  return TRUE;
}

static char *
format_activity_ids (GArray *activity_ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; activity_ids != NULL && i < activity_ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (activity_ids, gint64, i));
  if (text->len == 0)
    g_string_append (text, "-");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
cpv_cli_evidence_list (CpvCli               *cli,
                       const CpvCliCommand  *command,
                       char               ***argv,
                       GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;
  gint64 activity_id = 0;

  if (!cpv_cli_parse (cli, command, NULL,
                      "Without ACTIVITY_ID, lists every stored evidence file.",
                      argv, 0, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if ((*argv)[1] != NULL && !cpv_cli_parse_id ((*argv)[1], "activity", &activity_id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  if (activity_id != 0)
    {
      g_autoptr(CpvActivity) activity = cpv_vault_get_activity (vault, activity_id, error);

      if (activity == NULL)
        return FALSE;
    }
  items = cpv_vault_list_evidence (vault, activity_id, error);
  if (items == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "KIND", "TLP", "SECRET", "SIZE", "LANG", "ACTIVITIES",
                             "ADDED", "MEDIA-TYPE", "NAME", NULL);
  for (guint i = 0; i < items->len; i++)
    {
      CpvEvidence *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
      g_autofree char *size = cpv_cli_format_size (item->size);
      g_autoptr(GArray) activity_ids = cpv_vault_list_evidence_activities (vault, item->id,
                                                                           error);
      g_autofree char *activities = NULL;

      if (activity_ids == NULL)
        return FALSE;
      activities = format_activity_ids (activity_ids);
      cpv_cli_table_add_row (table, id, item->kind, item->tlp, item->secret ? "yes" : "no",
                             size, item->language != NULL ? item->language : "-", activities,
                             item->added, item->media_type, item->file_name);
    }
  cpv_vault_close (vault);
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

/* Copies the stored bytes into @out while checking them against the size and SHA-256 the
 * vault recorded, so that a damaged item never ends up looking like a good file. */
static gboolean
copy_checked (GInputStream   *in,
              GOutputStream  *out,
              CpvEvidence    *evidence,
              GError        **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (EXTRACT_BUFFER_SIZE);
  goffset total = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, EXTRACT_BUFFER_SIZE, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      total += n;
      if (!g_output_stream_write_all (out, buffer, n, NULL, NULL, error))
        return FALSE;
    }

  if (total != evidence->size
      || g_ascii_strcasecmp (g_checksum_get_string (checksum), evidence->sha256) != 0)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                   "The stored evidence %" G_GINT64_FORMAT " does not match its recorded "
                   "size and checksum; the vault may be damaged (nothing was written)",
                   evidence->id);
      return FALSE;
    }
  return TRUE;
}

/* Writes through g_file_replace(), whose stream goes to a temporary file renamed over the
 * target only when closed successfully. A new target is first created empty (which also
 * refuses an existing file atomically), so that the replace never writes it in place; on
 * failure the temporary file is dropped and the empty placeholder removed. */
static gboolean
write_evidence_to (CpvVault     *vault,
                   CpvEvidence  *evidence,
                   GFile        *target,
                   gboolean      force,
                   GError      **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFileOutputStream) placeholder = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (target);
  gboolean created = FALSE;

  placeholder = g_file_create (target, G_FILE_CREATE_PRIVATE, NULL, &local_error);
  if (placeholder != NULL)
    {
      created = TRUE;
      if (!g_output_stream_close (G_OUTPUT_STREAM (placeholder), NULL, &local_error))
        goto fail;
    }
  else if (!force || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                       "%s already exists: add --force to replace it", name);
          return FALSE;
        }
      goto fail;
    }
  g_clear_error (&local_error);

  in = cpv_vault_open_evidence (vault, evidence->id, &local_error);
  if (in == NULL)
    goto fail;
  out = g_file_replace (target, NULL, FALSE,
                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                        &local_error);
  if (out == NULL)
    goto fail;
  if (!copy_checked (in, G_OUTPUT_STREAM (out), evidence, &local_error))
    goto fail;
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    goto fail;
  g_input_stream_close (in, NULL, NULL);
  return TRUE;

fail:
  if (out != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (out)))
    {
      /* Closing with a cancelled cancellable drops the temporary file, target untouched. */
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
    }
  if (created)
    g_file_delete (target, NULL, NULL);
  if (local_error->domain == G_IO_ERROR)
    g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_FAILED, "Cannot write %s: %s", name,
                 local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
cpv_cli_evidence_extract (CpvCli               *cli,
                          const CpvCliCommand  *command,
                          char               ***argv,
                          GError              **error)
{
  g_autofree char *out_path = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvEvidence) evidence = NULL;
  gboolean force = FALSE;
  gboolean help_shown;
  gboolean ok;
  gint64 id;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
      "Write the file here (required)", "FILE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace FILE if it exists", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Writes the stored bytes, checked against their SHA-256, to FILE. An "
                      "existing FILE is\nkept unless --force is given; a failed extraction "
                      "leaves no partial file.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  if (!cpv_cli_parse_id ((*argv)[1], "evidence", &id, error))
    return FALSE;
  if (out_path == NULL || *out_path == '\0')
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE, "--out FILE is required");
      return FALSE;
    }

  target = g_file_new_for_commandline_arg (out_path);
  if (g_file_query_file_type (target, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s is a folder: --out names the file to write", out_path);
      return FALSE;
    }
  if (!force && g_file_query_exists (target, NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s already exists: add --force to replace it", out_path);
      return FALSE;
    }
  parent = g_file_get_parent (target);
  if (parent != NULL
      && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *parent_name = g_file_get_parse_name (parent);

      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "The folder %s does not exist", parent_name);
      return FALSE;
    }

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  evidence = cpv_vault_get_evidence (vault, id, error);
  if (evidence == NULL)
    return FALSE;

  ok = write_evidence_to (vault, evidence, target, force, error);
  cpv_vault_close (vault);
  return ok;
}

gboolean
cpv_cli_evidence_remove (CpvCli               *cli,
                         const CpvCliCommand  *command,
                         char               ***argv,
                         GError              **error)
{
  gboolean help_shown;
  gboolean force = FALSE;
  gint64 id;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Remove it even while it must still be kept (retention, audit or appeal hold)", NULL },
    { NULL }
  };

  if (!cpv_cli_parse (cli, command, entries,
                      "Removes the stored file and its links to every activity. A file that must still be\n"
                      "kept (12 months after its cycle, or held by an open audit or appeal) is "
                      "refused\nunless --force is given.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "evidence", &id, error))
    return FALSE;

  return cpv_cli_remove_kept_record (cli, CPV_RECORD_EVIDENCE, id, force, error);
}
