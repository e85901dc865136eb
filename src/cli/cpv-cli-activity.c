/* cpv-cli-activity.c — `activity add|list|show|edit|remove`
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

typedef struct
{
  char      *title;
  char      *category;
  char      *start_date;
  char      *end_date;
  char      *credits;
  char      *hours;
  char     **groups;
  char      *description;
  char      *provider;
  char      *isbn;
  char      *author;
  char      *publisher;
  gboolean   auto_submitted;
  gboolean   no_auto_submitted;
  gboolean   submitted;
  gboolean   no_submitted;
  gboolean   default_groups;
} ActivityOptions;

/* What the options say, checked: the parsed forms of the numbers, dates and groups. */
typedef struct
{
  double   credits;
  double   hours;
  CpvDay   start;
  CpvDay   end;
  GArray  *lines;     /* of CpvCreditLine; NULL without --group */
} ActivityValues;

#define N_ACTIVITY_ENTRIES 18

static void
activity_options_clear (ActivityOptions *options)
{
  g_free (options->title);
  g_free (options->category);
  g_free (options->start_date);
  g_free (options->end_date);
  g_free (options->credits);
  g_free (options->hours);
  g_strfreev (options->groups);
  g_free (options->description);
  g_free (options->provider);
  g_free (options->isbn);
  g_free (options->author);
  g_free (options->publisher);
}

static void
activity_values_clear (ActivityValues *values)
{
  g_clear_pointer (&values->lines, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ActivityOptions, activity_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ActivityValues, activity_values_clear)

static void
fill_entries (GOptionEntry     entries[N_ACTIVITY_ENTRIES],
              ActivityOptions *options,
              gboolean         edit)
{
  const char *required = edit ? "" : " (required)";
  guint n = 0;

#define ENTRY(long_name, type, target, text, arg)                                             \
  entries[n++] = (GOptionEntry) { long_name, 0, 0, type, target, text, arg }

  ENTRY ("title", G_OPTION_ARG_STRING, &options->title,
         *required ? "What the activity was (required)" : "What the activity was", "TEXT");
  ENTRY ("category", G_OPTION_ARG_STRING, &options->category,
         *required ? "Category key, e.g. isc2.education.self-study-book (required)"
                   : "Category key, e.g. isc2.education.self-study-book",
         "KEY");
  ENTRY ("start", G_OPTION_ARG_STRING, &options->start_date,
         *required ? "First day, YYYY-MM-DD (required)" : "First day, YYYY-MM-DD", "DATE");
  ENTRY ("end", G_OPTION_ARG_STRING, &options->end_date,
         *required ? "Last day, YYYY-MM-DD (required); it decides the cycle"
                   : "Last day, YYYY-MM-DD; it decides the cycle",
         "DATE");
  ENTRY ("credits", G_OPTION_ARG_STRING, &options->credits,
         *required ? "Credits claimed, e.g. 1.25 (required)" : "Credits claimed, e.g. 1.25",
         "N");
  ENTRY ("hours", G_OPTION_ARG_STRING, &options->hours, "Hours spent, e.g. 1.5", "N");
  ENTRY ("group", G_OPTION_ARG_STRING_ARRAY, &options->groups,
         edit ? "Replace the credit lines: count toward the credential in group A or B "
                "(repeat for each credential)"
              : "Count toward the credential in group A or B (repeat for each credential; "
                "default: every credential active on the end date, in the category's "
                "group)",
         "CREDENTIAL_ID=A|B");
  ENTRY ("description", G_OPTION_ARG_STRING, &options->description,
         "What was learned or done", "TEXT");
  ENTRY ("provider", G_OPTION_ARG_STRING, &options->provider,
         "Who offered the activity", "TEXT");
  ENTRY ("isbn", G_OPTION_ARG_STRING, &options->isbn, "ISBN of a book", "ISBN");
  ENTRY ("author", G_OPTION_ARG_STRING, &options->author, "Author of a book", "TEXT");
  ENTRY ("publisher", G_OPTION_ARG_STRING, &options->publisher,
         "Publisher of a book or magazine", "TEXT");
  ENTRY ("auto-submitted", G_OPTION_ARG_NONE, &options->auto_submitted,
         "Added to the account by ISC2 or a CPE partner", NULL);
  ENTRY ("submitted", G_OPTION_ARG_NONE, &options->submitted,
         "Already submitted to the program's portal", NULL);
  if (edit)
    {
      ENTRY ("no-auto-submitted", G_OPTION_ARG_NONE, &options->no_auto_submitted,
             "Not added by ISC2 or a partner", NULL);
      ENTRY ("no-submitted", G_OPTION_ARG_NONE, &options->no_submitted,
             "Not yet submitted to the portal", NULL);
      ENTRY ("default-groups", G_OPTION_ARG_NONE, &options->default_groups,
             "Recompute the credit lines from the end date and the category", NULL);
    }
  entries[n] = (GOptionEntry) { NULL };
#undef ENTRY
  g_assert (n < N_ACTIVITY_ENTRIES);
}

static gboolean
check_options (ActivityOptions  *options,
               gboolean          edit,
               ActivityValues   *values,
               GError          **error)
{
  values->hours = -1;

  if (!cpv_cli_check_text (options->title, "--title", !edit, FALSE, error)
      || !cpv_cli_check_text (options->category, "--category", !edit, FALSE, error)
      || !cpv_cli_check_text (options->start_date, "--start", !edit, FALSE, error)
      || !cpv_cli_check_text (options->end_date, "--end", !edit, FALSE, error)
      || !cpv_cli_check_text (options->credits, "--credits", !edit, FALSE, error)
      || !cpv_cli_check_text (options->description, "--description", FALSE, TRUE, error)
      || !cpv_cli_check_text (options->provider, "--provider", FALSE, FALSE, error)
      || !cpv_cli_check_text (options->isbn, "--isbn", FALSE, FALSE, error)
      || !cpv_cli_check_text (options->author, "--author", FALSE, FALSE, error)
      || !cpv_cli_check_text (options->publisher, "--publisher", FALSE, FALSE, error))
    return FALSE;

  /* In an edit, an empty title or category would erase what makes the activity findable. */
  if (edit
      && ((options->title != NULL
           && !cpv_cli_check_text (options->title, "--title", TRUE, FALSE, error))
          || (options->category != NULL
              && !cpv_cli_check_text (options->category, "--category", TRUE, FALSE, error))))
    return FALSE;

  if ((options->start_date != NULL
       && !cpv_cli_parse_date (options->start_date, "--start", &values->start, error))
      || (options->end_date != NULL
          && !cpv_cli_parse_date (options->end_date, "--end", &values->end, error)))
    return FALSE;
  if (options->start_date != NULL && options->end_date != NULL && values->end < values->start)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--end (%s) must not come before --start (%s)", options->end_date,
                   options->start_date);
      return FALSE;
    }

  if ((options->credits != NULL
       && !cpv_cli_parse_amount (options->credits, "--credits", &values->credits, error))
      || (options->hours != NULL
          && !cpv_cli_parse_amount (options->hours, "--hours", &values->hours, error)))
    return FALSE;

  if (options->groups != NULL)
    {
      values->lines = g_array_new (FALSE, TRUE, sizeof (CpvCreditLine));
      for (guint i = 0; options->groups[i] != NULL; i++)
        {
          CpvCreditLine line;

          if (!cpv_cli_parse_group (options->groups[i], &line.credential_id, &line.group,
                                    error))
            return FALSE;
          for (guint j = 0; j < values->lines->len; j++)
            {
              if (g_array_index (values->lines, CpvCreditLine, j).credential_id
                  == line.credential_id)
                {
                  g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                               "--group names credential %" G_GINT64_FORMAT " twice",
                               line.credential_id);
                  return FALSE;
                }
            }
          g_array_append_val (values->lines, line);
        }
    }
  return TRUE;
}

static gboolean
check_category (CpvProgramRegistry  *registry,
                const char          *category,
                GError             **error)
{
  if (cpv_program_registry_lookup_category (registry, category, NULL) == NULL)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "Unknown category '%s': 'cpe-vault-cli programs' lists the category keys",
                   category);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_credentials_exist (CpvVault  *vault,
                         GArray    *lines,
                         GError   **error)
{
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      g_autoptr(CpvCredential) credential = NULL;
      gint64 id = g_array_index (lines, CpvCreditLine, i).credential_id;

      credential = cpv_vault_get_credential (vault, id, error);
      if (credential == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
set_lines (CpvActivity *activity,
           GArray      *lines)
{
  g_array_set_size (activity->credit_lines, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (lines, CpvCreditLine, i);

      cpv_activity_add_credit_line (activity, line->credential_id, line->group);
    }
}

/* Without --group: every credential active on the end date, in the category's default group.
 * Which credentials that is (ISC2-CALC-5, -6, -7) is decided by the program registry, so the
 * CLI and the GUI apply the same rule. */
static gboolean
apply_default_lines (CpvVault            *vault,
                     CpvProgramRegistry  *registry,
                     CpvActivity         *activity,
                     GError             **error)
{
  g_autoptr(GPtrArray) credentials = cpv_vault_list_credentials (vault, error);

  if (credentials == NULL)
    return FALSE;
  g_array_set_size (activity->credit_lines, 0);
  if (!cpv_program_registry_default_lines (registry, activity, credentials, error))
    return FALSE;
  if (activity->credit_lines->len == 0)
    g_printerr ("cpe-vault-cli: note: no credential of this category's program is held on "
                "%s, so the activity counts toward none; name one with --group "
                "CREDENTIAL_ID=A|B\n", activity->end_date);
  return TRUE;
}

static void
replace_text (char       **field,
              const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

static void
apply_options (CpvActivity     *activity,
               ActivityOptions *options,
               ActivityValues  *values)
{
  replace_text (&activity->title, options->title);
  replace_text (&activity->category, options->category);
  replace_text (&activity->start_date, options->start_date);
  replace_text (&activity->end_date, options->end_date);
  replace_text (&activity->description, options->description);
  replace_text (&activity->provider, options->provider);
  replace_text (&activity->isbn, options->isbn);
  replace_text (&activity->author, options->author);
  replace_text (&activity->publisher, options->publisher);
  if (options->credits != NULL)
    activity->credits = values->credits;
  if (options->hours != NULL)
    activity->hours = values->hours;
  if (options->auto_submitted)
    activity->auto_submitted = TRUE;
  if (options->no_auto_submitted)
    activity->auto_submitted = FALSE;
  if (options->submitted)
    activity->submitted = TRUE;
  if (options->no_submitted)
    activity->submitted = FALSE;
  if (values->lines != NULL)
    set_lines (activity, values->lines);
}

static char *
format_lines (CpvActivity *activity)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT "=%c", i > 0 ? "," : "",
                              line->credential_id, line->group);
    }
  if (text->len == 0)
    g_string_append (text, "-");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_hours (double hours)
{
  return hours < 0 ? g_strdup ("-") : cpv_cli_format_amount (hours);
}

gboolean
cpv_cli_activity_add (CpvCli               *cli,
                      const CpvCliCommand  *command,
                      char               ***argv,
                      GError              **error)
{
  g_auto(ActivityOptions) options = { NULL };
  g_auto(ActivityValues) values = { 0 };
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(CpvVault) vault = NULL;
  GOptionEntry entries[N_ACTIVITY_ENTRIES];
  gboolean help_shown;
  gint64 id;

  fill_entries (entries, &options, FALSE);
  if (!cpv_cli_parse (cli, command, entries,
                      "Prints the id of the new activity alone on standard output.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  if (!check_options (&options, FALSE, &values, error))
    return FALSE;
  registry = cpv_cli_load_registry (error);
  if (registry == NULL || !check_category (registry, options.category, error))
    return FALSE;

  activity = cpv_activity_new ();
  activity->hours = -1;
  apply_options (activity, &options, &values);
  if (!cpv_activity_validate (activity, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  if (values.lines != NULL)
    {
      if (!check_credentials_exist (vault, values.lines, error))
        return FALSE;
    }
  else if (!apply_default_lines (vault, registry, activity, error))
    return FALSE;

  id = cpv_vault_add_activity (vault, activity, error);
  cpv_vault_close (vault);
  if (id <= 0)
    return FALSE;

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

gboolean
cpv_cli_activity_edit (CpvCli               *cli,
                       const CpvCliCommand  *command,
                       char               ***argv,
                       GError              **error)
{
  g_auto(ActivityOptions) options = { NULL };
  g_auto(ActivityValues) values = { 0 };
  g_autoptr(CpvProgramRegistry) registry = NULL;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(CpvVault) vault = NULL;
  GOptionEntry entries[N_ACTIVITY_ENTRIES];
  gboolean help_shown;
  gboolean ok;
  gint64 id;
  CpvDay start, end;

  fill_entries (entries, &options, TRUE);
  if (!cpv_cli_parse (cli, command, entries,
                      "Changes only the fields given; an empty text (\"\") clears an optional "
                      "one.\nThe credit lines stay unless --group or --default-groups is given.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  if (!cpv_cli_parse_id ((*argv)[1], "activity", &id, error))
    return FALSE;
  if (options.auto_submitted && options.no_auto_submitted)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "--auto-submitted and --no-auto-submitted contradict each other");
      return FALSE;
    }
  if (options.submitted && options.no_submitted)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "--submitted and --no-submitted contradict each other");
      return FALSE;
    }
  if (options.groups != NULL && options.default_groups)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "--group and --default-groups contradict each other");
      return FALSE;
    }
  if (options.title == NULL && options.category == NULL && options.start_date == NULL
      && options.end_date == NULL && options.credits == NULL && options.hours == NULL
      && options.groups == NULL && options.description == NULL && options.provider == NULL
      && options.isbn == NULL && options.author == NULL && options.publisher == NULL
      && !options.auto_submitted && !options.no_auto_submitted && !options.submitted
      && !options.no_submitted && !options.default_groups)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                   "Nothing to change: give at least one option (see 'cpe-vault-cli activity "
                   "edit --help')");
      return FALSE;
    }

  if (!check_options (&options, TRUE, &values, error))
    return FALSE;
  registry = cpv_cli_load_registry (error);
  if (registry == NULL
      || (options.category != NULL && !check_category (registry, options.category, error)))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  activity = cpv_vault_get_activity (vault, id, error);
  if (activity == NULL)
    return FALSE;

  apply_options (activity, &options, &values);
  if (cpv_day_parse (activity->start_date, &start) && cpv_day_parse (activity->end_date, &end)
      && end < start)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "The activity would end (%s) before it starts (%s)", activity->end_date,
                   activity->start_date);
      return FALSE;
    }
  if (!cpv_activity_validate (activity, error))
    return FALSE;
  if (values.lines != NULL && !check_credentials_exist (vault, values.lines, error))
    return FALSE;
  if (options.default_groups && !apply_default_lines (vault, registry, activity, error))
    return FALSE;

  ok = cpv_vault_update_activity (vault, activity, error);
  cpv_vault_close (vault);
  return ok;
}

gboolean
cpv_cli_activity_list (CpvCli               *cli,
                       const CpvCliCommand  *command,
                       char               ***argv,
                       GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(CpvCliTable) table = NULL;
  gboolean help_shown;

  if (!cpv_cli_parse (cli, command, NULL,
                      "GROUPS shows the credit lines as CREDENTIAL_ID=GROUP; EV counts the "
                      "evidence files.",
                      argv, 0, 0, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  activities = cpv_vault_list_activities (vault, error);
  cpv_vault_close (vault);
  if (activities == NULL)
    return FALSE;

  table = cpv_cli_table_new ("ID", "START", "END", "CREDITS", "HOURS", "GROUPS", "EV",
                             "CATEGORY", "TITLE", NULL);
  for (guint i = 0; i < activities->len; i++)
    {
      CpvActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, activity->id);
      g_autofree char *credits = cpv_cli_format_amount (activity->credits);
      g_autofree char *hours = format_hours (activity->hours);
      g_autofree char *lines = format_lines (activity);
      g_autofree char *evidence = g_strdup_printf ("%u", activity->evidence_count);

      cpv_cli_table_add_row (table, id, activity->start_date, activity->end_date, credits,
                             hours, lines, evidence, activity->category, activity->title);
    }
  cpv_cli_table_print (table, stdout);
  return TRUE;
}

static void
print_field (const char *name,
             const char *value)
{
  if (value == NULL)
    return;
  g_print ("%-15s %s\n", name, value);
}

gboolean
cpv_cli_activity_show (CpvCli               *cli,
                       const CpvCliCommand  *command,
                       char               ***argv,
                       GError              **error)
{
  g_autoptr(CpvVault) vault = NULL;
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *credits = NULL;
  g_autofree char *hours = NULL;
  gboolean help_shown;
  gint64 id;

  if (!cpv_cli_parse (cli, command, NULL, NULL, argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "activity", &id, error))
    return FALSE;

  vault = cpv_cli_open_vault (cli, error);
  if (vault == NULL)
    return FALSE;
  activity = cpv_vault_get_activity (vault, id, error);
  if (activity == NULL)
    return FALSE;
  evidence = cpv_vault_list_evidence (vault, id, error);
  if (evidence == NULL)
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, activity->id);
  credits = cpv_cli_format_amount (activity->credits);
  hours = format_hours (activity->hours);
  print_field ("id:", id_text);
  print_field ("title:", activity->title);
  print_field ("category:", activity->category);
  print_field ("start:", activity->start_date);
  print_field ("end:", activity->end_date);
  print_field ("credits:", credits);
  print_field ("hours:", hours);
  print_field ("provider:", activity->provider);
  print_field ("isbn:", activity->isbn);
  print_field ("author:", activity->author);
  print_field ("publisher:", activity->publisher);
  print_field ("submitted:", activity->submitted ? "yes" : "no");
  print_field ("auto-submitted:", activity->auto_submitted ? "yes" : "no");
  print_field ("created:", activity->created);
  print_field ("updated:", activity->updated);

  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);
      g_autoptr(CpvCredential) credential = cpv_vault_get_credential (vault,
                                                                      line->credential_id,
                                                                      NULL);
      g_autofree char *text = NULL;

      text = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s, group %c", line->credential_id,
                              credential != NULL ? credential->program : "?",
                              credential != NULL ? credential->code : "?", line->group);
      print_field (i == 0 ? "counts toward:" : "", text);
    }
  if (activity->credit_lines->len == 0)
    print_field ("counts toward:", "-");

  for (guint i = 0; i < evidence->len; i++)
    {
      CpvEvidence *item = g_ptr_array_index (evidence, i);
      g_autofree char *size = cpv_cli_format_size (item->size);
      g_autofree char *text = NULL;

      text = g_strdup_printf ("%" G_GINT64_FORMAT " %s, %s, %s, TLP:%s%s", item->id, item->kind,
                              item->file_name, size, item->tlp,
                              item->secret ? ", secret" : "");
      print_field (i == 0 ? "evidence:" : "", text);
    }
  if (evidence->len == 0)
    print_field ("evidence:", "-");

  if (activity->description != NULL)
    g_print ("description:\n%s\n", activity->description);

  cpv_vault_close (vault);
  return TRUE;
}

gboolean
cpv_cli_activity_remove (CpvCli               *cli,
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
                      "Evidence files linked only to this activity are removed with it. A record that must\n"
                      "still be kept (12 months after its cycle, or held by an open audit or "
                      "appeal)\nis refused unless --force is given.",
                      argv, 1, 1, &help_shown, error))
    return FALSE;
  if (help_shown)
    return TRUE;
  if (!cpv_cli_parse_id ((*argv)[1], "activity", &id, error))
    return FALSE;

  return cpv_cli_remove_kept_record (cli, CPV_RECORD_ACTIVITY, id, force, error);
}
