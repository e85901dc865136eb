/* test-cli-jrca-evidence.c — `cpe-vault-cli jrca attach|link|unlink|files`, the real binary
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "cpv-test-cli.h"

typedef CpvTestCli Fixture;

#define run(f, ...) cpv_test_cli_run ((f), __VA_ARGS__)
#define assert_ok(f) cpv_test_cli_assert_ok (f)
#define count_lines(text) cpv_test_count_lines (text)

/* A failed command exits with @status, says why in one line on stderr naming @part, and
 * prints nothing on stdout. */
static void
assert_fails (Fixture    *f,
              int         status,
              const char *part)
{
  cpv_test_cli_assert_fails (f, status);
  if (part != NULL && strstr (f->err, part) == NULL)
    g_error ("“%s” not in: %s", part, f->err);
}

static gint64
parse_id (Fixture *f)
{
  gint64 id = 0;

  assert_ok (f);
  g_assert_cmpint (count_lines (f->out), ==, 1);
  g_assert_true (g_ascii_string_to_signed (g_strchomp (f->out), 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The rows of `evidence list`, without the heading. */
static guint
count_evidence (Fixture *f)
{
  run (f, "evidence", "list", NULL);
  assert_ok (f);
  return count_lines (f->out) > 0 ? count_lines (f->out) - 1 : 0;
}

/* The value of @field in `jrca audit show` or `jrca cpd list`-style "Field   value" lines. */
static gboolean
audit_mark (Fixture    *f,
            const char *field)
{
  g_auto(GStrv) lines = NULL;

  run (f, "jrca", "audit", "show", "1", NULL);
  assert_ok (f);
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ' ')
      return g_str_has_suffix (g_strstrip (lines[i]), " yes");
  g_error ("no “%s” in: %s", field, f->out);
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cpv_test_cli_set_up (f, "cpv-cli-jrca-evidence-XXXXXX");
  run (f, "init", NULL);
  assert_ok (f);
  run (f, "credential", "add", "--program", "jrca-isms", "--code", "AUDITOR", "--cycle-start",
       "2025-10-01", "--cycle-end", "2028-09-30", NULL);
  g_assert_cmpint (parse_id (f), ==, 1);
  run (f, "jrca", "audit", "add", "--organisation", "株式会社サンプル", "--start", "2026-04-01",
       "--role", "member", NULL);
  g_assert_cmpint (parse_id (f), ==, 1);
  run (f, "jrca", "cpd", "add", "--date", "2026-02-14", "--hours", "3", "--kind",
       "jrca-course", "--title", "JRCA CPD course", NULL);
  g_assert_cmpint (parse_id (f), ==, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cpv_test_cli_tear_down (f);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *commands[] = { "attach", "link", "unlink", "files" };
  g_autofree char *jrca_help = NULL;

  /* Listed with the other JRCA subcommands. */
  run (f, "jrca", "--help", NULL);
  assert_ok (f);
  jrca_help = g_strdup (f->out);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *listed = g_strdup_printf ("\n  %s ", commands[i]);
      g_autofree char *usage = g_strdup_printf ("cpe-vault-cli jrca %s", commands[i]);

      g_assert_nonnull (strstr (jrca_help, listed));
      run (f, "jrca", commands[i], "--help", NULL);
      assert_ok (f);
      g_assert_true (g_str_has_prefix (f->out, "Usage:"));
      g_assert_nonnull (strstr (f->out, usage));
      g_assert_nonnull (strstr (f->out, "--audit"));
      g_assert_nonnull (strstr (f->out, "--cpd"));
    }
  run (f, "jrca", "attach", "--help", NULL);
  g_assert_nonnull (strstr (f->out, "--role"));
  g_assert_nonnull (strstr (f->out, "--tlp"));
  g_assert_nonnull (strstr (f->out, "form-3a"));
  g_assert_nonnull (strstr (f->out, "programme"));

  /* The jrca command's own subcommands still go to its dispatcher. */
  run (f, "jrca", "audit", "list", NULL);
  assert_ok (f);
  g_assert_nonnull (strstr (f->out, "株式会社サンプル"));
  run (f, "jrca", "nonsense", NULL);
  assert_fails (f, 2, "nonsense");
}

static void
test_attach_link_unlink (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *schedule = write_file (f, "schedule.pdf", "%PDF-1.4 audit schedule");
  g_autofree char *certificate = write_file (f, "修了証.pdf", "%PDF-1.4 certificate");
  gint64 id;

  g_assert_false (audit_mark (f, "Schedule"));
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", schedule, NULL);
  id = parse_id (f);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpstr (f->err, ==, "");
  g_assert_true (audit_mark (f, "Schedule"));

  /* The same content for the CPD record: linked, not stored again, and said so. */
  run (f, "jrca", "attach", "--cpd", "1", "--role", "form-5a", schedule, "--tlp", "AMBER",
       NULL);
  g_assert_cmpint (parse_id (f), ==, id);
  g_assert_nonnull (strstr (f->err, "already stored"));
  g_assert_cmpuint (count_evidence (f), ==, 1);

  run (f, "jrca", "attach", "--cpd", "1", "--role", "certificate", "--secret", "--language",
       "ja", certificate, NULL);
  g_assert_cmpint (parse_id (f), ==, 2);
  g_assert_cmpuint (count_evidence (f), ==, 2);

  run (f, "jrca", "files", "--cpd", "1", NULL);
  assert_ok (f);
  g_assert_cmpuint (count_lines (f->out), ==, 3);   /* heading, certificate, form-5a */
  g_assert_nonnull (strstr (f->out, "修了証.pdf"));
  g_assert_true (strstr (f->out, "certificate") < strstr (f->out, "form-5a"));

  /* Linking stored evidence; linking it again changes the role. */
  run (f, "jrca", "link", "--audit", "1", "--role", "report", "2", NULL);
  assert_ok (f);
  g_assert_true (audit_mark (f, "Report"));
  run (f, "jrca", "link", "--audit", "1", "--role", "form-5a", "2", NULL);
  assert_ok (f);
  g_assert_true (audit_mark (f, "Attested by the organisation"));
  run (f, "jrca", "files", "--audit", "1", NULL);
  assert_ok (f);
  g_assert_cmpuint (count_lines (f->out), ==, 3);
  g_assert_null (strstr (f->out, "report"));

  /* Unlinking keeps the file and the mark. */
  run (f, "jrca", "unlink", "--audit", "1", "1", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_true (audit_mark (f, "Schedule"));
  g_assert_cmpuint (count_evidence (f), ==, 2);
  run (f, "jrca", "unlink", "--audit", "1", "1", NULL);
  assert_fails (f, 1, "not linked");
  run (f, "jrca", "files", "--audit", "1", NULL);
  assert_ok (f);
  g_assert_cmpuint (count_lines (f->out), ==, 2);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *schedule = write_file (f, "schedule.pdf", "%PDF-1.4 audit schedule");
  g_autofree char *empty = write_file (f, "empty.pdf", "");

  /* Usage errors exit with 2. */
  run (f, "jrca", "attach", "--role", "schedule", schedule, NULL);
  assert_fails (f, 2, "--audit");
  run (f, "jrca", "attach", "--audit", "1", "--cpd", "1", "--role", "schedule", schedule, NULL);
  assert_fails (f, 2, "exactly one");
  run (f, "jrca", "attach", "--audit", "1", schedule, NULL);
  assert_fails (f, 2, "--role");
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", NULL);
  assert_fails (f, 2, "FILE");
  run (f, "jrca", "files", NULL);
  assert_fails (f, 2, "exactly one");
  run (f, "jrca", "files", "--audit", "1", "--credential", "1", NULL);
  assert_fails (f, 2, "exactly one");

  /* Bad values and missing records exit with 1 and store nothing. */
  run (f, "jrca", "attach", "--audit", "1", "--role", "certificate", schedule, NULL);
  assert_fails (f, 1, "certificate");
  run (f, "jrca", "attach", "--cpd", "1", "--role", "form-3a", schedule, NULL);
  assert_fails (f, 1, "form-3a");
  run (f, "jrca", "attach", "--audit", "x", "--role", "schedule", schedule, NULL);
  assert_fails (f, 1, "'x'");
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", "--tlp", "purple", schedule,
       NULL);
  assert_fails (f, 1, "purple");
  run (f, "jrca", "attach", "--audit", "7", "--role", "schedule", schedule, NULL);
  assert_fails (f, 1, "7");
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", "missing.pdf", NULL);
  assert_fails (f, 1, "missing.pdf");
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", empty, NULL);
  assert_fails (f, 1, "empty");
  run (f, "jrca", "link", "--audit", "1", "--role", "schedule", "5", NULL);
  assert_fails (f, 1, "5");
  run (f, "jrca", "files", "--format", "json", "--audit", "1", NULL);
  assert_fails (f, 1, "json");
  run (f, "jrca", "files", "--credential", "9", NULL);
  assert_fails (f, 1, "9");

  g_assert_cmpuint (count_evidence (f), ==, 0);
  g_assert_false (audit_mark (f, "Schedule"));
  run (f, "jrca", "files", "--credential", "1", NULL);
  assert_ok (f);
  g_assert_cmpstr (f->out, ==, "No files are linked.\n");
}

static void
test_files_xml (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *schedule = write_file (f, "schedule.pdf", "%PDF-1.4 audit schedule");
  g_autofree char *programme = write_file (f, "programme & <notes>.txt", "programme");
  g_autofree char *schema_path = g_build_filename (g_getenv ("CPV_SCHEMAS_DIR"),
                                                   "jrca-files.rng", NULL);
  xmlRelaxNGParserCtxt *parser;
  xmlRelaxNG *schema;
  xmlRelaxNGValidCtxt *valid;
  xmlXPathContext *xpath;
  xmlXPathObject *result;
  xmlDoc *doc;

  run (f, "jrca", "attach", "--cpd", "1", "--role", "programme", programme, "--tlp", "green",
       NULL);
  assert_ok (f);
  run (f, "jrca", "attach", "--audit", "1", "--role", "schedule", schedule, NULL);
  assert_ok (f);

  run (f, "jrca", "files", "--credential", "1", "--format", "xml", NULL);
  assert_ok (f);
  doc = xmlReadMemory (f->out, strlen (f->out), "files.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  parser = xmlRelaxNGNewParserCtxt (schema_path);
  schema = xmlRelaxNGParse (parser);
  g_assert_nonnull (schema);
  valid = xmlRelaxNGNewValidCtxt (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (valid, doc), ==, 0);

  /* Audit records first, then CPD records. */
  xpath = xmlXPathNewContext (doc);
  result = xmlXPathEvalExpression (BAD_CAST "string(/jrca-files/file[1]/@record)", xpath);
  g_assert_cmpstr ((const char *) result->stringval, ==, "audit");
  xmlXPathFreeObject (result);
  result = xmlXPathEvalExpression (BAD_CAST "string(/jrca-files/file[2]/@file-name)", xpath);
  g_assert_cmpstr ((const char *) result->stringval, ==, "programme & <notes>.txt");
  xmlXPathFreeObject (result);
  result = xmlXPathEvalExpression (BAD_CAST "string(/jrca-files/file[2]/@tlp)", xpath);
  g_assert_cmpstr ((const char *) result->stringval, ==, "green");
  xmlXPathFreeObject (result);
  result = xmlXPathEvalExpression (BAD_CAST "count(/jrca-files/file)", xpath);
  g_assert_cmpfloat (result->floatval, ==, 2);
  xmlXPathFreeObject (result);

  xmlXPathFreeContext (xpath);
  xmlRelaxNGFreeValidCtxt (valid);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (parser);
  xmlFreeDoc (doc);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!cpv_test_cli_available ())
    return 77;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/jrca/JRCA-5A/files/help", test_help);
  ADD ("/cli/jrca/JRCA-5A/files/attach-link-unlink", test_attach_link_unlink);
  ADD ("/cli/jrca/JRCA-CPD-2/files/errors-store-nothing", test_errors);
  ADD ("/cli/jrca/JRCA-5A/files/xml", test_files_xml);
#undef ADD

  return g_test_run ();
}
