/* cpv-program.c — credential programs (rules as data) loaded from XML
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-program"

#include "config.h"

#include "cpv-program.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

struct _CpvProgram
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  GHashTable     *names;           /* xml:lang -> <name>, see read_names() */
  char           *path;
  CpvProgramKind  kind;

  double          credits_per_hour;
  double          credit_step;
  char           *credit_step_rule;
  double          activity_cap;
  char           *activity_cap_rule;
  char           *category_cap_rule;
  gboolean        auto_credits_in_grace;
  char           *auto_credits_rule;
  char           *duplicate_rule;

  char           *fee_currency;
  char           *fee_rule;
  GPtrArray      *fees;            /* of CpvFee */
  CpvFee         *upgrade_fee;
  char           *upgrade_from;
  char           *upgrade_to;

  GPtrArray      *credentials;     /* of CpvCredentialRules */
  GPtrArray      *categories;      /* of CpvCategory */
};

struct _CpvProgramRegistry
{
  GObject      parent_instance;

  GPtrArray   *programs;           /* of CpvProgram */
  GPtrArray   *problems;           /* of GError, one per skipped file */
  char        *schema_path;
  xmlRelaxNGPtr schema;
};

G_DEFINE_FINAL_TYPE (CpvProgram, cpv_program, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CpvProgramRegistry, cpv_program_registry, G_TYPE_OBJECT)

G_DEFINE_QUARK (cpv-rules-error-quark, cpv_rules_error)

/* Files larger than this are not credential programs; refusing them keeps a stray file in the
 * user's directory from costing memory. */
#define MAX_PROGRAM_FILE_SIZE (4 * 1024 * 1024)

/* ---- freeing ---------------------------------------------------------------------------- */

static void
period_clear (CpvPeriod *period)
{
  g_clear_pointer (&period->rule, g_free);
  period->count = 0;
}

static void
category_free (CpvCategory *category)
{
  g_free (category->key);
  g_free (category->label);
  g_free (category->per);
  g_free (category->max_rule);
  g_strfreev (category->evidence_kinds);
  g_free (category->evidence_rule);
  g_strfreev (category->required_fields);
  g_free (category->required_rule);
  g_free (category->description_rule);
  g_clear_pointer (&category->names, g_hash_table_unref);
  g_free (category);
}

static void
requirement_set_free (CpvRequirementSet *set)
{
  g_free (set->when_held);
  g_free (set->when_not_held);
  g_free (set->rule);
  g_free (set->annual_rule);
  period_clear (&set->carry_window);
  g_free (set->carry_rule);
  g_free (set);
}

static void
credential_link_free (CpvCredentialLink *link)
{
  g_free (link->kind);
  g_free (link->to);
  g_free (link->rule);
  g_free (link);
}

static void
credential_rules_free (CpvCredentialRules *rules)
{
  g_free (rules->code);
  g_free (rules->name);
  g_clear_pointer (&rules->names, g_hash_table_unref);
  g_free (rules->fee_tier);
  g_free (rules->group_b_rule);
  g_clear_pointer (&rules->requirement_sets, g_ptr_array_unref);
  g_clear_pointer (&rules->links, g_ptr_array_unref);
  period_clear (&rules->grace);
  period_clear (&rules->suspension);
  g_free (rules->suspension_start_rule);
  period_clear (&rules->retention);
  period_clear (&rules->audit_response);
  period_clear (&rules->appeal);
  period_clear (&rules->partner_reflection);
  g_free (rules->grade);
  period_clear (&rules->maintenance);
  period_clear (&rules->application_window);
  period_clear (&rules->restoration);
  period_clear (&rules->restoration_extension);
  g_free (rules->cpd_rule);
  g_free (rules);
}

static void
fee_free (CpvFee *fee)
{
  g_free (fee->tier);
  g_free (fee->rule);
  g_free (fee);
}

/* ---- XML helpers ------------------------------------------------------------------------ */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static double
get_double (xmlNode    *node,
            const char *name,
            double      fallback)
{
  g_autofree char *text = get_attr (node, name);

  if (text == NULL)
    return fallback;
  /* The schema has already checked that this is an xs:decimal. */
  return g_ascii_strtod (text, NULL);
}

static gboolean
get_boolean (xmlNode    *node,
             const char *name,
             gboolean    fallback)
{
  g_autofree char *text = get_attr (node, name);

  if (text == NULL)
    return fallback;
  return g_str_equal (text, "true") || g_str_equal (text, "1");
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (content ? (const char *) content : ""));

  xmlFree (content);
  return copy;
}

/* The label for people: the <name> without xml:lang or in English. */
static char *
default_name (xmlNode *parent)
{
  xmlNode *fallback = NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      xmlChar *lang;
      gboolean neutral;

      if (!is_element (child, "name"))
        continue;
      lang = xmlGetNsProp (child, (const xmlChar *) "lang", XML_XML_NAMESPACE);
      neutral = lang == NULL || g_str_has_prefix ((const char *) lang, "en");
      xmlFree (lang);
      if (neutral)
        return node_text (child);
      if (fallback == NULL)
        fallback = child;
    }
  return fallback ? node_text (fallback) : g_strdup ("");
}

/* Every <name> of @parent by language, keyed as g_get_language_names() spells them ("ja",
 * "pt_BR"); the neutral or English name is also filed under "en". */
static GHashTable *
read_names (xmlNode    *parent,
            const char *neutral_name)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      xmlChar *lang;

      if (!is_element (child, "name"))
        continue;
      lang = xmlGetNsProp (child, (const xmlChar *) "lang", XML_XML_NAMESPACE);
      if (lang != NULL && *lang != '\0')
        {
          char *key = g_strdelimit (g_strdup ((const char *) lang), "-", '_');

          if (g_hash_table_contains (names, key))
            g_free (key);
          else
            g_hash_table_insert (names, key, node_text (child));
        }
      xmlFree (lang);
    }
  if (!g_hash_table_contains (names, "en"))
    g_hash_table_insert (names, g_strdup ("en"), g_strdup (neutral_name));
  return names;
}

/* The name in the first of the user's languages that has one; @fallback for "C". */
static const char *
localized_name (GHashTable *names,
                const char *fallback)
{
  const char * const *languages = g_get_language_names ();

  for (gsize i = 0; names != NULL && languages[i] != NULL; i++)
    {
      const char *name;

      if (g_str_equal (languages[i], "C") || g_str_equal (languages[i], "POSIX"))
        break;
      name = g_hash_table_lookup (names, languages[i]);
      if (name != NULL && *name != '\0')
        return name;
    }
  return fallback;
}

static void
read_period (xmlNode   *node,
             CpvPeriod *period)
{
  static const struct { const char *attr; CpvPeriodUnit unit; int factor; } units[] = {
    { "days", CPV_PERIOD_DAYS, 1 },
    { "weeks", CPV_PERIOD_DAYS, 7 },
    { "months", CPV_PERIOD_MONTHS, 1 },
    { "years", CPV_PERIOD_YEARS, 1 },
  };

  if (node == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *text = get_attr (node, units[i].attr);

      if (text == NULL)
        continue;
      period->count = (int) g_ascii_strtoll (text, NULL, 10) * units[i].factor;
      period->unit = units[i].unit;
      g_free (period->rule);
      period->rule = get_attr (node, "rule");
      return;
    }
}

/* Reads <periods>; called first for the program, then for the credential, whose own elements
 * override the program's. */
static void
read_periods (xmlNode            *periods,
              CpvCredentialRules *rules)
{
  xmlNode *suspension;

  if (periods == NULL)
    return;
  read_period (first_child (periods, "grace"), &rules->grace);
  suspension = first_child (periods, "suspension");
  read_period (suspension, &rules->suspension);
  if (suspension != NULL)
    {
      g_free (rules->suspension_start_rule);
      rules->suspension_start_rule = get_attr (suspension, "starts-rule");
    }
  read_period (first_child (periods, "retention"), &rules->retention);
  read_period (first_child (periods, "audit-response"), &rules->audit_response);
  read_period (first_child (periods, "appeal"), &rules->appeal);
  read_period (first_child (periods, "partner-reflection"), &rules->partner_reflection);
  read_period (first_child (periods, "maintenance"), &rules->maintenance);
  read_period (first_child (periods, "application-window"), &rules->application_window);
  read_period (first_child (periods, "restoration"), &rules->restoration);
  read_period (first_child (periods, "restoration-extension"), &rules->restoration_extension);
}

static CpvRequirementSet *
read_requirement_set (xmlNode *node)
{
  CpvRequirementSet *set = g_new0 (CpvRequirementSet, 1);
  xmlNode *cycle = first_child (node, "cycle");
  xmlNode *annual = first_child (node, "annual");
  xmlNode *carry = first_child (node, "carry-over");

  set->when_held = get_attr (node, "when-held");
  set->when_not_held = get_attr (node, "when-not-held");
  set->rule = get_attr (node, "rule");
  set->cycle_total = get_double (cycle, "total", -1);
  set->group_a_min = get_double (cycle, "group-a-min", 0);
  /* Without a stated maximum, Group B counts in full up to the total. */
  set->group_b_max = get_double (cycle, "group-b-max", set->cycle_total);
  set->annual_group_a = set->annual_group_b = set->annual_total = -1;
  set->carry_max = -1;
  if (annual != NULL)
    {
      set->annual_group_a = get_double (annual, "group-a", -1);
      set->annual_group_b = get_double (annual, "group-b", -1);
      set->annual_total = get_double (annual, "total", -1);
      set->annual_required = get_boolean (annual, "binding", FALSE);
      set->annual_rule = get_attr (annual, "rule");
    }
  if (carry != NULL)
    {
      g_autofree char *group = get_attr (carry, "group");

      set->carry_max = get_double (carry, "max", -1);
      set->carry_window.count = (int) get_double (carry, "window-months", 0);
      set->carry_window.unit = CPV_PERIOD_MONTHS;
      set->carry_group = group ? group[0] : 0;
      set->carry_counts_toward_cycle = get_boolean (carry, "counts-toward-cycle", FALSE);
      set->carry_rule = get_attr (carry, "rule");
    }
  return set;
}

static CpvCredentialRules *
read_credential (xmlNode *node,
                 xmlNode *program_periods)
{
  CpvCredentialRules *rules = g_new0 (CpvCredentialRules, 1);
  g_autofree char *group_b = get_attr (node, "group-b");
  g_autofree char *cycle_years = get_attr (node, "cycle-years");
  xmlNode *cpd;

  rules->code = get_attr (node, "code");
  rules->name = default_name (node);
  rules->names = read_names (node, rules->name);
  rules->cycle_years = (int) g_ascii_strtoll (cycle_years, NULL, 10);
  rules->fee_tier = get_attr (node, "fee-tier");
  rules->group_b_allowed = group_b == NULL || g_str_equal (group_b, "allowed");
  rules->group_b_rule = get_attr (node, "group-b-rule");
  rules->grade = get_attr (node, "grade");
  rules->requirement_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) requirement_set_free);
  rules->links = g_ptr_array_new_with_free_func ((GDestroyNotify) credential_link_free);
  rules->cpd_hours_per_year = -1;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "requirements"))
        g_ptr_array_add (rules->requirement_sets, read_requirement_set (child));
      else if (is_element (child, "link"))
        {
          CpvCredentialLink *link = g_new0 (CpvCredentialLink, 1);

          link->kind = get_attr (child, "kind");
          link->to = get_attr (child, "to");
          link->floor_group_a = get_double (child, "floor-group-a", -1);
          link->rule = get_attr (child, "rule");
          g_ptr_array_add (rules->links, link);
        }
    }
  cpd = first_child (node, "cpd");
  if (cpd != NULL)
    {
      rules->cpd_hours_per_year = get_double (cpd, "hours-per-year", -1);
      rules->cpd_rule = get_attr (cpd, "rule");
    }
  read_periods (program_periods, rules);
  read_periods (first_child (node, "periods"), rules);
  return rules;
}

static GStrv
read_list (xmlNode     *parent,
           const char  *item,
           char       **out_rule)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (parent != NULL)
    {
      *out_rule = get_attr (parent, "rule");
      for (xmlNode *child = parent->children; child != NULL; child = child->next)
        if (is_element (child, item))
          {
            g_autofree char *text = node_text (child);
            g_strv_builder_add (builder, text);
          }
    }
  return g_strv_builder_end (builder);
}

static CpvCategory *
read_category (xmlNode *node)
{
  CpvCategory *category = g_new0 (CpvCategory, 1);
  g_autofree char *group = get_attr (node, "group");
  xmlNode *description = first_child (node, "description");

  category->key = get_attr (node, "key");
  category->label = default_name (node);
  category->names = read_names (node, category->label);
  category->group = group ? group[0] : 0;
  category->max_credits = get_double (node, "max-credits", -1);
  category->per = get_attr (node, "per");
  category->max_rule = get_attr (node, "rule");
  category->evidence_kinds = read_list (first_child (node, "evidence"), "kind",
                                        &category->evidence_rule);
  category->required_fields = read_list (first_child (node, "keep"), "field",
                                         &category->required_rule);
  if (description != NULL)
    {
      category->description_max_words = (int) get_double (description, "max-words", 0);
      category->description_rule = get_attr (description, "rule");
    }
  return category;
}

static char *
rule_of (xmlNode *node)
{
  return node ? get_attr (node, "rule") : NULL;
}

/* Checks what the schema cannot: references between credentials, unique keys, numbers that
 * contradict each other. */
static gboolean
check_program (CpvProgram  *self,
               GError     **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

#define INVALID(...) \
  G_STMT_START { \
    g_autofree char *detail = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID, "%s: %s", self->path, detail); \
    return FALSE; \
  } G_STMT_END

  for (guint i = 0; i < self->credentials->len; i++)
    {
      CpvCredentialRules *rules = g_ptr_array_index (self->credentials, i);

      if (!g_hash_table_add (codes, rules->code))
        INVALID (_("credential %s is declared twice"), rules->code);
    }
  for (guint i = 0; i < self->credentials->len; i++)
    {
      CpvCredentialRules *rules = g_ptr_array_index (self->credentials, i);

      if (rules->fee_tier != NULL && cpv_program_get_fee (self, rules->fee_tier) == NULL)
        INVALID (_("credential %s uses fee tier “%s”, which <fees> does not list"),
                 rules->code, rules->fee_tier);
      for (guint j = 0; j < rules->requirement_sets->len; j++)
        {
          CpvRequirementSet *set = g_ptr_array_index (rules->requirement_sets, j);
          const char *other = set->when_held ? set->when_held : set->when_not_held;

          if (other != NULL && !g_hash_table_contains (codes, other))
            INVALID (_("credential %s has requirements depending on %s, which the program "
                       "does not declare"), rules->code, other);
          if (set->group_a_min > set->cycle_total)
            INVALID (_("credential %s asks for more Group A credits (%.2f) than in all (%.2f)"),
                     rules->code, set->group_a_min, set->cycle_total);
          if (set->group_b_max > set->cycle_total)
            INVALID (_("credential %s counts more Group B credits (%.2f) than in all (%.2f)"),
                     rules->code, set->group_b_max, set->cycle_total);
        }
      for (guint j = 0; j < rules->links->len; j++)
        {
          CpvCredentialLink *link = g_ptr_array_index (rules->links, j);

          if (!g_hash_table_contains (codes, link->to) || g_str_equal (link->to, rules->code))
            INVALID (_("credential %s links to %s, which is not another credential of the "
                       "program"), rules->code, link->to);
        }
    }
  for (guint i = 0; i < self->categories->len; i++)
    {
      CpvCategory *category = g_ptr_array_index (self->categories, i);

      if (!g_hash_table_add (keys, category->key))
        INVALID (_("category %s is declared twice"), category->key);
    }
  if (self->upgrade_fee != NULL &&
      (cpv_program_get_fee (self, self->upgrade_from) == NULL ||
       cpv_program_get_fee (self, self->upgrade_to) == NULL))
    INVALID (_("the upgrade fee names a tier that <fees> does not list"));
#undef INVALID
  return TRUE;
}

static void
read_program (CpvProgram *self,
              xmlNode    *root)
{
  g_autofree char *kind = get_attr (root, "kind");
  xmlNode *calculation = first_child (root, "calculation");
  xmlNode *fees = first_child (root, "fees");
  xmlNode *periods = first_child (root, "periods");
  xmlNode *credentials = first_child (root, "credentials");
  xmlNode *categories = first_child (root, "categories");

  self->id = get_attr (root, "id");
  self->name = default_name (root);
  self->names = read_names (root, self->name);
  self->kind = g_strcmp0 (kind, "jrca") == 0 ? CPV_PROGRAM_KIND_JRCA : CPV_PROGRAM_KIND_CPE;

  self->credits_per_hour = 1;
  self->credit_step = 0;
  self->activity_cap = -1;
  self->auto_credits_in_grace = TRUE;
  if (calculation != NULL)
    {
      xmlNode *node;

      if ((node = first_child (calculation, "credits-per-hour")))
        self->credits_per_hour = get_double (node, "value", 1);
      if ((node = first_child (calculation, "credit-step")))
        {
          self->credit_step = get_double (node, "value", 0);
          self->credit_step_rule = rule_of (node);
        }
      if ((node = first_child (calculation, "activity-cap")))
        {
          self->activity_cap = get_double (node, "credits", -1);
          self->activity_cap_rule = rule_of (node);
        }
      self->category_cap_rule = rule_of (first_child (calculation, "category-caps"));
      if ((node = first_child (calculation, "auto-credits")))
        {
          self->auto_credits_in_grace = get_boolean (node, "in-grace", TRUE);
          self->auto_credits_rule = rule_of (node);
        }
      self->duplicate_rule = rule_of (first_child (calculation, "duplicates"));
    }

  if (fees != NULL)
    {
      self->fee_currency = get_attr (fees, "currency");
      self->fee_rule = rule_of (fees);
      for (xmlNode *child = fees->children; child != NULL; child = child->next)
        {
          if (is_element (child, "fee"))
            {
              CpvFee *fee = g_new0 (CpvFee, 1);

              fee->tier = get_attr (child, "tier");
              fee->amount = get_double (child, "amount", 0);
              fee->rule = rule_of (child);
              g_ptr_array_add (self->fees, fee);
            }
          else if (is_element (child, "upgrade") && self->upgrade_fee == NULL)
            {
              self->upgrade_fee = g_new0 (CpvFee, 1);
              self->upgrade_fee->tier = get_attr (child, "to");
              self->upgrade_fee->amount = get_double (child, "amount", 0);
              self->upgrade_fee->rule = rule_of (child);
              self->upgrade_from = get_attr (child, "from");
              self->upgrade_to = get_attr (child, "to");
            }
        }
    }

  for (xmlNode *child = credentials->children; child != NULL; child = child->next)
    if (is_element (child, "credential"))
      g_ptr_array_add (self->credentials, read_credential (child, periods));

  if (categories != NULL)
    for (xmlNode *child = categories->children; child != NULL; child = child->next)
      if (is_element (child, "category"))
        g_ptr_array_add (self->categories, read_category (child));
}

/* ---- loading ---------------------------------------------------------------------------- */

typedef struct
{
  GString *messages;
  int      line;
} ValidationErrors;

static void
validation_error_cb (void        *user_data,
                     const xmlError *xml_error)
{
  ValidationErrors *errors = user_data;
  g_autofree char *message = NULL;

  if (xml_error == NULL || errors->messages->len > 2000)
    return;
  message = g_strstrip (g_strdup (xml_error->message ? xml_error->message : "invalid"));
  if (errors->line == 0)
    errors->line = xml_error->line;
  if (errors->messages->len > 0)
    g_string_append (errors->messages, "; ");
  if (xml_error->line > 0)
    g_string_append_printf (errors->messages, "line %d: ", xml_error->line);
  g_string_append (errors->messages, message);
}

static xmlRelaxNGPtr
load_schema (const char  *schema_path,
             GError     **error)
{
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;
  g_autofree char *contents = NULL;
  gsize length;

  /* Read it ourselves so that a missing file gives a clear message, not libxml2's. */
  if (!g_file_get_contents (schema_path, &contents, &length, NULL))
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_SCHEMA,
                   _("The program schema %s cannot be read; reinstall CPE Vault or set "
                     "CPV_SCHEMAS_DIR"), schema_path);
      return NULL;
    }
  parser = xmlRelaxNGNewMemParserCtxt (contents, (int) length);
  xmlRelaxNGSetParserStructuredErrors (parser, NULL, NULL);
  xmlRelaxNGSetParserErrors (parser, NULL, NULL, NULL);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_SCHEMA,
                 _("The program schema %s is damaged; reinstall CPE Vault"), schema_path);
  return schema;
}

static CpvProgram *
load_program (const char     *path,
              xmlRelaxNGPtr   schema,
              GError        **error)
{
  g_autoptr(CpvProgram) self = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlParserCtxtPtr parser;
  xmlDocPtr doc;
  xmlRelaxNGValidCtxtPtr validator;
  ValidationErrors errors = { NULL, 0 };
  gsize length;
  int status;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_IO, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  if (length > MAX_PROGRAM_FILE_SIZE)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID,
                   _("%s: too large for a program file (%zu bytes)"), path, (size_t) length);
      return NULL;
    }

  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_IO, _("%s: out of memory"), path);
      return NULL;
    }
  /* No network, no entity substitution, no DTD loading: a program file is plain data. */
  doc = xmlCtxtReadMemory (parser, contents, (int) length, path, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (parser);
      g_autofree char *reason = g_strstrip (g_strdup (last && last->message ? last->message
                                                                            : "not XML"));

      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_MALFORMED,
                   _("%s:%d: not a well-formed XML file: %s"), path, last ? last->line : 0, reason);
      xmlFreeParserCtxt (parser);
      return NULL;
    }
  xmlFreeParserCtxt (parser);

  validator = xmlRelaxNGNewValidCtxt (schema);
  errors.messages = g_string_new (NULL);
  xmlRelaxNGSetValidStructuredErrors (validator, (xmlStructuredErrorFunc) validation_error_cb,
                                      &errors);
  status = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  if (status != 0)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID,
                   _("%s:%d: not a valid program file: %s"), path, errors.line,
                   errors.messages->len ? errors.messages->str : "does not follow program.rng");
      g_string_free (errors.messages, TRUE);
      xmlFreeDoc (doc);
      return NULL;
    }
  g_string_free (errors.messages, TRUE);

  self = g_object_new (CPV_TYPE_PROGRAM, NULL);
  self->path = g_strdup (path);
  read_program (self, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);

  if (!check_program (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- CpvProgram ------------------------------------------------------------------------- */

static void
cpv_program_finalize (GObject *object)
{
  CpvProgram *self = CPV_PROGRAM (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->path);
  g_free (self->credit_step_rule);
  g_free (self->activity_cap_rule);
  g_free (self->category_cap_rule);
  g_free (self->auto_credits_rule);
  g_free (self->duplicate_rule);
  g_free (self->fee_currency);
  g_free (self->fee_rule);
  g_ptr_array_unref (self->fees);
  g_clear_pointer (&self->upgrade_fee, fee_free);
  g_free (self->upgrade_from);
  g_free (self->upgrade_to);
  g_ptr_array_unref (self->credentials);
  g_ptr_array_unref (self->categories);

  G_OBJECT_CLASS (cpv_program_parent_class)->finalize (object);
}

static void
cpv_program_class_init (CpvProgramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpv_program_finalize;
}

static void
cpv_program_init (CpvProgram *self)
{
  self->fees = g_ptr_array_new_with_free_func ((GDestroyNotify) fee_free);
  self->credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) credential_rules_free);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
}

/**
 * cpv_program_new_from_file:
 * @path: a program file
 * @schema_path: program.rng
 * @error: return location for a #CPV_RULES_ERROR naming the file, line and reason
 *
 * Loads and validates one program file.
 *
 * Returns: (transfer full): the program, or %NULL with @error set
 */
CpvProgram *
cpv_program_new_from_file (const char  *path,
                           const char  *schema_path,
                           GError     **error)
{
  xmlRelaxNGPtr schema;
  CpvProgram *program;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (schema_path != NULL, NULL);

  schema = load_schema (schema_path, error);
  if (schema == NULL)
    return NULL;
  program = load_program (path, schema, error);
  xmlRelaxNGFree (schema);
  return program;
}

const char *
cpv_program_get_id (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->id;
}

const char *
cpv_program_get_name (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->name;
}

/**
 * cpv_program_get_localized_name:
 * @self: a program
 *
 * The program's `<name>` in the first language of g_get_language_names() that the file
 * names it in, such as the `xml:lang="ja"` name for a Japanese user.
 *
 * Returns: the name for people in the current locale; cpv_program_get_name() otherwise
 */
const char *
cpv_program_get_localized_name (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return localized_name (self->names, self->name);
}

/**
 * cpv_credential_rules_get_localized_name:
 * @rules: a credential of a program
 *
 * Returns: the credential's `<name>` in the current locale's language when the program file
 *   has one, else @rules->name
 */
const char *
cpv_credential_rules_get_localized_name (const CpvCredentialRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);
  return localized_name (rules->names, rules->name);
}

/**
 * cpv_category_get_localized_name:
 * @category: a category of a program
 *
 * Returns: the category's `<name>` in the current locale's language when the program file
 *   has one, else @category->label
 */
const char *
cpv_category_get_localized_name (const CpvCategory *category)
{
  g_return_val_if_fail (category != NULL, NULL);
  return localized_name (category->names, category->label);
}

const char *
cpv_program_get_path (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->path;
}

CpvProgramKind
cpv_program_get_kind (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), CPV_PROGRAM_KIND_CPE);
  return self->kind;
}

double
cpv_program_get_credits_per_hour (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), 1);
  return self->credits_per_hour;
}

/* 0 when credits may be any amount. */
double
cpv_program_get_credit_step (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), 0);
  return self->credit_step;
}

const char *
cpv_program_get_credit_step_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->credit_step_rule;
}

/* < 0 when one activity may carry any number of credits. */
double
cpv_program_get_activity_cap (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), -1);
  return self->activity_cap;
}

const char *
cpv_program_get_activity_cap_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->activity_cap_rule;
}

const char *
cpv_program_get_category_cap_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->category_cap_rule;
}

gboolean
cpv_program_get_auto_credits_in_grace (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), TRUE);
  return self->auto_credits_in_grace;
}

const char *
cpv_program_get_auto_credits_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->auto_credits_rule;
}

/* NULL when the program does not ask for duplicate detection. */
const char *
cpv_program_get_duplicate_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->duplicate_rule;
}

const char *
cpv_program_get_fee_currency (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->fee_currency;
}

const char *
cpv_program_get_fee_rule (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->fee_rule;
}

const CpvFee *
cpv_program_get_fee (CpvProgram *self,
                     const char *tier)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);

  for (guint i = 0; tier != NULL && i < self->fees->len; i++)
    {
      CpvFee *fee = g_ptr_array_index (self->fees, i);

      if (g_str_equal (fee->tier, tier))
        return fee;
    }
  return NULL;
}

const CpvFee *
cpv_program_get_upgrade_fee (CpvProgram  *self,
                             const char **from_tier,
                             const char **to_tier)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);

  if (from_tier)
    *from_tier = self->upgrade_from;
  if (to_tier)
    *to_tier = self->upgrade_to;
  return self->upgrade_fee;
}

/**
 * cpv_program_get_credentials:
 *
 * Returns: (transfer none) (element-type CpvCredentialRules): the credentials in file order
 */
GPtrArray *
cpv_program_get_credentials (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->credentials;
}

/**
 * cpv_program_get_categories:
 *
 * Returns: (transfer none) (element-type CpvCategory): the categories in file order
 */
GPtrArray *
cpv_program_get_categories (CpvProgram *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);
  return self->categories;
}

const CpvCredentialRules *
cpv_program_lookup_credential (CpvProgram *self,
                               const char *code)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);

  for (guint i = 0; code != NULL && i < self->credentials->len; i++)
    {
      CpvCredentialRules *rules = g_ptr_array_index (self->credentials, i);

      if (g_str_equal (rules->code, code))
        return rules;
    }
  return NULL;
}

const CpvCategory *
cpv_program_lookup_category (CpvProgram *self,
                             const char *key)
{
  g_return_val_if_fail (CPV_IS_PROGRAM (self), NULL);

  for (guint i = 0; key != NULL && i < self->categories->len; i++)
    {
      CpvCategory *category = g_ptr_array_index (self->categories, i);

      if (g_str_equal (category->key, key))
        return category;
    }
  return NULL;
}

gboolean
cpv_period_is_set (const CpvPeriod *period)
{
  return period != NULL && period->count > 0;
}

/**
 * cpv_period_add:
 * @period: a period
 * @day: a day
 * @times: how many times to add the period (negative to go back)
 *
 * Calendar arithmetic: months and years clamp to the end of the month (cpv_day_add_months).
 *
 * Returns: @day moved by @times periods
 */
CpvDay
cpv_period_add (const CpvPeriod *period,
                CpvDay           day,
                int              times)
{
  g_return_val_if_fail (period != NULL, day);

  switch (period->unit)
    {
    case CPV_PERIOD_DAYS:
      return cpv_day_add_days (day, period->count * times);
    case CPV_PERIOD_MONTHS:
      return cpv_day_add_months (day, period->count * times);
    case CPV_PERIOD_YEARS:
      return cpv_day_add_years (day, period->count * times);
    default:
      g_return_val_if_reached (day);
    }
}

/* ---- CpvProgramRegistry ----------------------------------------------------------------- */

static void
cpv_program_registry_finalize (GObject *object)
{
  CpvProgramRegistry *self = CPV_PROGRAM_REGISTRY (object);

  g_ptr_array_unref (self->programs);
  g_ptr_array_unref (self->problems);
  g_free (self->schema_path);
  g_clear_pointer (&self->schema, xmlRelaxNGFree);

  G_OBJECT_CLASS (cpv_program_registry_parent_class)->finalize (object);
}

static void
cpv_program_registry_class_init (CpvProgramRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpv_program_registry_finalize;
}

static void
cpv_program_registry_init (CpvProgramRegistry *self)
{
  self->programs = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

CpvProgramRegistry *
cpv_program_registry_new (void)
{
  return g_object_new (CPV_TYPE_PROGRAM_REGISTRY, NULL);
}

/* The installed directory, or the source tree when running uninstalled. */
static char *
installed_or_source (const char *env,
                     const char *leaf)
{
  const char *override = g_getenv (env);
  g_autofree char *installed = NULL;
  g_autofree char *source_data = NULL;

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  installed = g_build_filename (PKGDATADIR, leaf, NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  source_data = g_path_get_dirname (SOURCE_PROGRAMS_DIR);
  return g_build_filename (source_data, leaf, NULL);
}

/**
 * cpv_program_registry_get_system_dir:
 *
 * Returns: (transfer full): $CPV_PROGRAMS_DIR, else PKGDATADIR/programs
 */
char *
cpv_program_registry_get_system_dir (void)
{
  return installed_or_source ("CPV_PROGRAMS_DIR", "programs");
}

/**
 * cpv_program_registry_get_schema_path:
 *
 * Returns: (transfer full): program.rng in $CPV_SCHEMAS_DIR, else PKGDATADIR/schemas
 */
char *
cpv_program_registry_get_schema_path (void)
{
  g_autofree char *dir = installed_or_source ("CPV_SCHEMAS_DIR", "schemas");

  return g_build_filename (dir, "program.rng", NULL);
}

/**
 * cpv_program_registry_get_user_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/cpe-vault/programs
 */
char *
cpv_program_registry_get_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "cpe-vault", "programs", NULL);
}

static gboolean
ensure_schema (CpvProgramRegistry  *self,
               GError             **error)
{
  if (self->schema != NULL)
    return TRUE;
  if (self->schema_path == NULL)
    self->schema_path = cpv_program_registry_get_schema_path ();
  self->schema = load_schema (self->schema_path, error);
  return self->schema != NULL;
}

/**
 * cpv_program_registry_load_file:
 * @self: a registry
 * @path: a program file
 * @error: return location for a #CPV_RULES_ERROR
 *
 * Loads one program file; refuses it when it is malformed, invalid or declares a program id or
 * category key that is already loaded.
 *
 * Returns: (transfer none): the program, or %NULL with @error set
 */
CpvProgram *
cpv_program_registry_load_file (CpvProgramRegistry  *self,
                                const char          *path,
                                GError             **error)
{
  g_autoptr(CpvProgram) program = NULL;

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_schema (self, error))
    return NULL;
  program = load_program (path, self->schema, error);
  if (program == NULL)
    return NULL;
  if (cpv_program_registry_lookup (self, program->id) != NULL)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_DUPLICATE,
                   _("%s: a program with the id “%s” is already loaded from %s"), path,
                   program->id, cpv_program_get_path (cpv_program_registry_lookup (self,
                                                                                    program->id)));
      return NULL;
    }
  for (guint i = 0; i < program->categories->len; i++)
    {
      CpvCategory *category = g_ptr_array_index (program->categories, i);
      CpvProgram *owner = NULL;

      if (cpv_program_registry_lookup_category (self, category->key, &owner) != NULL)
        {
          g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_DUPLICATE,
                       _("%s: the category key “%s” is already used by the program “%s”"), path,
                       category->key, owner->id);
          return NULL;
        }
    }
  g_ptr_array_add (self->programs, g_object_ref (program));
  return program;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * cpv_program_registry_load_dir:
 * @self: a registry
 * @dir: a directory of *.xml program files
 * @skip_invalid: %TRUE to skip a bad file (it is added to the problems), %FALSE to stop
 * @error: return location for a #CPV_RULES_ERROR
 *
 * Loads every *.xml file of @dir in name order. A directory that does not exist holds no
 * programs and is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
cpv_program_registry_load_dir (CpvProgramRegistry  *self,
                               const char          *dir,
                               gboolean             skip_invalid,
                               GError             **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!ensure_schema (self, error))
    return FALSE;
  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      GError *file_error = NULL;

      if (cpv_program_registry_load_file (self, path, &file_error) != NULL)
        continue;
      if (!skip_invalid)
        {
          g_propagate_error (error, file_error);
          return FALSE;
        }
      g_ptr_array_add (self->problems, file_error);
    }
  return TRUE;
}

/**
 * cpv_program_registry_new_default:
 * @error: return location for a #CPV_RULES_ERROR
 *
 * Loads the shipped programs (PKGDATADIR/programs or $CPV_PROGRAMS_DIR; any error there is a
 * broken installation and fails), then the user's programs from
 * $XDG_DATA_HOME/cpe-vault/programs (a bad file there is skipped and listed by
 * cpv_program_registry_get_problems()).
 *
 * Returns: (transfer full): the registry, or %NULL with @error set
 */
CpvProgramRegistry *
cpv_program_registry_new_default (GError **error)
{
  g_autoptr(CpvProgramRegistry) self = cpv_program_registry_new ();
  g_autofree char *system_dir = cpv_program_registry_get_system_dir ();
  g_autofree char *user_dir = cpv_program_registry_get_user_dir ();

  if (!g_file_test (system_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_IO,
                   _("The program directory %s is missing; reinstall CPE Vault or set "
                     "CPV_PROGRAMS_DIR"), system_dir);
      return NULL;
    }
  if (!cpv_program_registry_load_dir (self, system_dir, FALSE, error))
    return NULL;
  if (!cpv_program_registry_load_dir (self, user_dir, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * cpv_program_registry_get_programs:
 *
 * Returns: (transfer none) (element-type CpvProgram): the loaded programs in load order
 */
GPtrArray *
cpv_program_registry_get_programs (CpvProgramRegistry *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);
  return self->programs;
}

/**
 * cpv_program_registry_get_problems:
 *
 * Returns: (transfer none) (element-type GError): why each skipped user file was refused
 */
GPtrArray *
cpv_program_registry_get_problems (CpvProgramRegistry *self)
{
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);
  return self->problems;
}

CpvProgram *
cpv_program_registry_lookup (CpvProgramRegistry *self,
                             const char         *program_id)
{
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);

  for (guint i = 0; program_id != NULL && i < self->programs->len; i++)
    {
      CpvProgram *program = g_ptr_array_index (self->programs, i);

      if (g_str_equal (program->id, program_id))
        return program;
    }
  return NULL;
}

/**
 * cpv_program_registry_lookup_category:
 * @self: a registry
 * @key: a category key such as "isc2.education.self-study-book"
 * @out_program: (out) (optional) (transfer none): the program declaring it
 *
 * Returns: (nullable): the category, or %NULL when no loaded program declares @key
 */
const CpvCategory *
cpv_program_registry_lookup_category (CpvProgramRegistry  *self,
                                      const char          *key,
                                      CpvProgram         **out_program)
{
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);

  for (guint i = 0; key != NULL && i < self->programs->len; i++)
    {
      CpvProgram *program = g_ptr_array_index (self->programs, i);
      const CpvCategory *category = cpv_program_lookup_category (program, key);

      if (category != NULL)
        {
          if (out_program)
            *out_program = program;
          return category;
        }
    }
  if (out_program)
    *out_program = NULL;
  return NULL;
}

const CpvCredentialRules *
cpv_program_registry_lookup_credential (CpvProgramRegistry  *self,
                                        const char          *program_id,
                                        const char          *code,
                                        CpvProgram         **out_program)
{
  CpvProgram *program;

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);

  program = cpv_program_registry_lookup (self, program_id);
  if (out_program)
    *out_program = program;
  return program ? cpv_program_lookup_credential (program, code) : NULL;
}

/**
 * cpv_program_registry_credential_held_on:
 * @self: a registry
 * @credential: a credential
 * @day: a day
 *
 * A credential is held from its member_since date when the record gives one, otherwise from
 * the start of its stored cycle. Later cycles follow automatically (ISC2-CYCLE-1), so a day
 * after the stored cycle still counts as held; whether the credential is then in grace or
 * suspended is the status engine's business.
 *
 * Returns: %TRUE when @credential was held on @day
 */
gboolean
cpv_program_registry_credential_held_on (CpvProgramRegistry *self,
                                         CpvCredential      *credential,
                                         CpvDay              day)
{
  CpvDay held_from = 0;

  g_return_val_if_fail (CPV_IS_CREDENTIAL (credential), FALSE);

  if (credential->member_since == NULL || !cpv_day_parse (credential->member_since, &held_from))
    if (!cpv_day_parse (credential->cycle_start, &held_from))
      return FALSE;
  return day >= held_from;
}

static gboolean
has_line_for (CpvActivity *activity,
              gint64       credential_id)
{
  for (guint i = 0; activity->credit_lines && i < activity->credit_lines->len; i++)
    if (g_array_index (activity->credit_lines, CpvCreditLine, i).credential_id == credential_id)
      return TRUE;
  return FALSE;
}

/**
 * cpv_program_registry_default_lines:
 * @self: a registry
 * @activity: an activity with a category and an end date
 * @credentials: (element-type CpvCredential): the credentials held
 * @error: return location for a #CPV_RULES_ERROR
 *
 * Adds a credit line with the category's default group for every credential of the category's
 * program held on the activity's END date (ISC2-CALC-5, ISC2-CALC-6). Lines already present
 * are kept. A Group B default is not added to a credential that refuses Group B (ISC2-GRP-1).
 *
 * Returns: %TRUE on success; %FALSE when the end date is not a date or the category unknown
 */
gboolean
cpv_program_registry_default_lines (CpvProgramRegistry  *self,
                                    CpvActivity         *activity,
                                    GPtrArray           *credentials,
                                    GError             **error)
{
  const CpvCategory *category;
  CpvProgram *program = NULL;
  CpvDay end;

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), FALSE);
  g_return_val_if_fail (CPV_IS_ACTIVITY (activity), FALSE);
  g_return_val_if_fail (credentials != NULL, FALSE);

  if (!cpv_day_parse (activity->end_date, &end))
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_INVALID,
                   _("The activity has no valid end date (YYYY-MM-DD)"));
      return FALSE;
    }
  category = cpv_program_registry_lookup_category (self, activity->category, &program);
  if (category == NULL)
    {
      g_set_error (error, CPV_RULES_ERROR, CPV_RULES_ERROR_NOT_FOUND,
                   _("Unknown category “%s”; `cpe-vault-cli programs` lists the categories"),
                   activity->category ? activity->category : "");
      return FALSE;
    }

  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCredential *credential = g_ptr_array_index (credentials, i);
      const CpvCredentialRules *rules;
      char group = category->group ? category->group : 'A';

      if (g_strcmp0 (credential->program, program->id) != 0)
        continue;
      if (!cpv_program_registry_credential_held_on (self, credential, end))
        continue;
      if (has_line_for (activity, credential->id))
        continue;
      rules = cpv_program_lookup_credential (program, credential->code);
      if (group == 'B' && rules != NULL && !rules->group_b_allowed)
        continue;
      cpv_activity_add_credit_line (activity, credential->id, group);
    }
  return TRUE;
}

/* ---- output ----------------------------------------------------------------------------- */

static void
set_credits_prop (xmlNode    *node,
                  const char *name,
                  double      credits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", credits);
  xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) buf);
}

/**
 * cpv_programs_to_xml:
 * @self: a registry
 *
 * The `cpe-vault-cli programs --format xml` document: every program with its credentials and
 * categories, so that a script can find a category by its properties.
 *
 * Returns: (transfer full): a UTF-8 XML document
 */
char *
cpv_programs_to_xml (CpvProgramRegistry *self)
{
  xmlDocPtr doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "programs");
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);

  xmlDocSetRootElement (doc, root);
  for (guint i = 0; i < self->programs->len; i++)
    {
      CpvProgram *program = g_ptr_array_index (self->programs, i);
      xmlNode *node = xmlNewChild (root, NULL, (const xmlChar *) "program", NULL);

      xmlNewProp (node, (const xmlChar *) "id", (const xmlChar *) program->id);
      xmlNewProp (node, (const xmlChar *) "kind",
                  (const xmlChar *) (program->kind == CPV_PROGRAM_KIND_JRCA ? "jrca" : "cpe"));
      xmlNewProp (node, (const xmlChar *) "name", (const xmlChar *) program->name);
      for (guint j = 0; j < program->credentials->len; j++)
        {
          CpvCredentialRules *rules = g_ptr_array_index (program->credentials, j);
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "credential", NULL);
          g_autofree char *years = g_strdup_printf ("%d", rules->cycle_years);

          xmlNewProp (child, (const xmlChar *) "code", (const xmlChar *) rules->code);
          xmlNewProp (child, (const xmlChar *) "name", (const xmlChar *) rules->name);
          xmlNewProp (child, (const xmlChar *) "cycle-years", (const xmlChar *) years);
        }
      for (guint j = 0; j < program->categories->len; j++)
        {
          CpvCategory *category = g_ptr_array_index (program->categories, j);
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "category", NULL);
          char group[2] = { category->group, '\0' };

          xmlNewProp (child, (const xmlChar *) "key", (const xmlChar *) category->key);
          if (category->group)
            xmlNewProp (child, (const xmlChar *) "group", (const xmlChar *) group);
          if (category->max_credits >= 0)
            set_credits_prop (child, "max-credits", category->max_credits);
          xmlNewProp (child, (const xmlChar *) "name", (const xmlChar *) category->label);
        }
    }
  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  xmlFreeDoc (doc);
  return result;
}

/**
 * cpv_programs_to_text:
 * @self: a registry
 *
 * Returns: (transfer full): the programs, credentials and categories for people
 */
char *
cpv_programs_to_text (CpvProgramRegistry *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (self), NULL);

  for (guint i = 0; i < self->programs->len; i++)
    {
      CpvProgram *program = g_ptr_array_index (self->programs, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      /* TRANSLATORS: program id, program name, the file it was read from. */
      g_string_append_printf (out, _("%s — %s\n  %s\n\n  Credentials\n"), program->id,
                              cpv_program_get_localized_name (program), program->path);
      for (guint j = 0; j < program->credentials->len; j++)
        {
          CpvCredentialRules *rules = g_ptr_array_index (program->credentials, j);

          g_string_append_printf (out, "    %-10s ", rules->code);
          g_string_append_printf (out, _("%d-year cycle"), rules->cycle_years);
          for (guint k = 0; k < rules->requirement_sets->len; k++)
            {
              CpvRequirementSet *set = g_ptr_array_index (rules->requirement_sets, k);

              g_string_append (out, k ? "; " : "  ");
              g_string_append_printf (out, _("%.0f credits (%.0f Group A)"), set->cycle_total,
                                      set->group_a_min);
              if (set->when_held)
                /* TRANSLATORS: %s is another credential, such as CISSP. */
                g_string_append_printf (out, _(" with %s"), set->when_held);
              if (set->when_not_held)
                g_string_append_printf (out, _(" without %s"), set->when_not_held);
            }
          g_string_append_printf (out, "  %s\n", cpv_credential_rules_get_localized_name (rules));
        }
      if (program->categories->len > 0)
        /* TRANSLATORS: column headings; “group” starts at column 51 and “max” at column 58
         * of the lines below. */
        g_string_append (out,
                         _("\n  Categories                                      group  max\n"));
      for (guint j = 0; j < program->categories->len; j++)
        {
          CpvCategory *category = g_ptr_array_index (program->categories, j);
          g_autofree char *max = category->max_credits >= 0
                                   ? g_strdup_printf ("%6.2f", category->max_credits)
                                   : g_strdup ("     -");

          g_string_append_printf (out, "    %-46s %c    %s  %s\n", category->key,
                                  category->group ? category->group : '-', max,
                                  cpv_category_get_localized_name (category));
        }
    }
  return g_string_free (out, FALSE);
}
