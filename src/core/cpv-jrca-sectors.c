/* cpv-jrca-sectors.c — the 39 business sectors of JRCA AI340 annex 3 (form 2C), loaded as data
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-jrca-sectors"

#include "config.h"

#include "cpv-jrca-sectors.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <string.h>

#define N_SECTORS 39

G_DEFINE_QUARK (cpv-jrca-sectors-error-quark, cpv_jrca_sectors_error)

void
cpv_jrca_sector_free (CpvJrcaSector *sector)
{
  if (sector == NULL)
    return;
  g_free (sector->iaf);
  g_free (sector->name_ja);
  g_free (sector->name_en);
  g_free (sector->nace);
  g_free (sector);
}

char *
cpv_jrca_sectors_default_path (void)
{
  const char *file = g_getenv ("CPV_JRCA_SECTORS");
  const char *schemas = g_getenv ("CPV_SCHEMAS_DIR");

  if (file != NULL && *file != '\0')
    return g_strdup (file);
  if (schemas != NULL && *schemas != '\0')
    {
      g_autofree char *parent = g_path_get_dirname (schemas);

      return g_build_filename (parent, "jrca-sectors.xml", NULL);
    }
  return g_build_filename (PKGDATADIR, "jrca-sectors.xml", NULL);
}

static char *
schema_path (void)
{
  const char *schemas = g_getenv ("CPV_SCHEMAS_DIR");

  if (schemas != NULL && *schemas != '\0')
    return g_build_filename (schemas, "jrca-sectors.rng", NULL);
  return g_build_filename (PKGDATADIR, "schemas", "jrca-sectors.rng", NULL);
}

static void
silent_error_cb (void        *user_data,
                 const char  *format,
                 ...)
{
}

static gboolean
validate (xmlDocPtr    doc,
          const char  *path,
          GError     **error)
{
  g_autofree char *rng_path = schema_path ();
  g_autofree char *contents = NULL;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGValidCtxtPtr validator;
  xmlRelaxNGPtr schema;
  gsize length;
  int status;

  if (!g_file_get_contents (rng_path, &contents, &length, NULL))
    {
      g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_FILE,
                   _("The sector schema %s cannot be read; reinstall CPE Vault or set "
                     "CPV_SCHEMAS_DIR"), rng_path);
      return FALSE;
    }
  parser = xmlRelaxNGNewMemParserCtxt (contents, (int) length);
  xmlRelaxNGSetParserErrors (parser, silent_error_cb, silent_error_cb, NULL);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    {
      g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_FILE,
                   _("The sector schema %s is damaged; reinstall CPE Vault"), rng_path);
      return FALSE;
    }
  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidErrors (validator, silent_error_cb, silent_error_cb, NULL);
  status = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlRelaxNGFree (schema);
  if (status != 0)
    {
      g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_INVALID,
                   _("The sector list %s does not follow jrca-sectors.rng; reinstall CPE Vault"),
                   path);
      return FALSE;
    }
  return TRUE;
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return g_strstrip (text);
}

GPtrArray *
cpv_jrca_sectors_load (const char  *path,
                       GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  xmlDocPtr doc;
  gsize length;

  if (path == NULL)
    path = default_path = cpv_jrca_sectors_default_path ();

  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_FILE,
                   _("The business-sector list %s cannot be read; reinstall CPE Vault or set "
                     "CPV_JRCA_SECTORS"), path);
      return NULL;
    }
  doc = xmlReadMemory (contents, (int) length, path, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_INVALID,
                   _("The business-sector list %s is not well-formed XML; reinstall CPE Vault"),
                   path);
      return NULL;
    }
  if (!validate (doc, path, error))
    {
      xmlFreeDoc (doc);
      return NULL;
    }

  sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_sector_free);
  g_ptr_array_set_size (sectors, N_SECTORS);
  for (xmlNodePtr node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autoptr(CpvJrcaSector) sector = NULL;
      xmlChar *number;
      guint64 value = 0;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      sector = g_new0 (CpvJrcaSector, 1);
      number = xmlGetProp (node, (const xmlChar *) "number");
      g_ascii_string_to_unsigned ((const char *) number, 10, 1, N_SECTORS, &value, NULL);
      xmlFree (number);
      sector->number = (guint) value;
      number = xmlGetProp (node, (const xmlChar *) "iaf");
      sector->iaf = g_strdup ((const char *) number);
      xmlFree (number);
      for (xmlNodePtr child = node->children; child != NULL; child = child->next)
        {
          xmlChar *lang;

          if (child->type != XML_ELEMENT_NODE)
            continue;
          if (strcmp ((const char *) child->name, "nace") == 0)
            {
              sector->nace = node_text (child);
              continue;
            }
          lang = xmlNodeGetLang (child);
          if (g_strcmp0 ((const char *) lang, "ja") == 0)
            sector->name_ja = node_text (child);
          else
            sector->name_en = node_text (child);
          xmlFree (lang);
        }
      if (g_ptr_array_index (sectors, sector->number - 1) != NULL)
        {
          g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_INVALID,
                       _("The business-sector list %s names sector %u twice; reinstall CPE Vault"),
                       path, sector->number);
          xmlFreeDoc (doc);
          return NULL;
        }
      g_ptr_array_index (sectors, sector->number - 1) = g_steal_pointer (&sector);
    }
  xmlFreeDoc (doc);

  for (guint i = 0; i < N_SECTORS; i++)
    if (g_ptr_array_index (sectors, i) == NULL)
      {
        g_set_error (error, CPV_JRCA_SECTORS_ERROR, CPV_JRCA_SECTORS_ERROR_INVALID,
                     _("The business-sector list %s lacks sector %u of the 39; reinstall CPE "
                       "Vault"), path, i + 1);
        return NULL;
      }
  return g_steal_pointer (&sectors);
}

const CpvJrcaSector *
cpv_jrca_sectors_lookup (GPtrArray *sectors,
                         guint      number)
{
  g_return_val_if_fail (sectors != NULL, NULL);

  if (number < 1 || number > sectors->len)
    return NULL;
  return g_ptr_array_index (sectors, number - 1);
}
