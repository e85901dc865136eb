/* cpv-readiness.c — is every record ready for an audit? Gaps with the rule they break
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-readiness"

#include "config.h"

#include "cpv-readiness.h"
#include "cpv-audit-private.h"
#include "cpv-evidence-private.h"
#include "cpv-isbn.h"
#include "cpv-jrca-store.h"
#include "cpv-vault-private.h"
#include "cpv-words.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* What an auditor asks for (ISC2-AUDIT-2, ISC2-REC-1, ISC2-REC-2, ISC2-REC-4), read from the
 * category in the program file:
 * - proof of a kind the category accepts (<evidence><kind>…); where the kinds include
 *   "description", a description within the category's word limit may stand instead;
 * - books and magazines (categories with fields to keep: ISBN, author, publisher) need proof
 *   of possession whatever the description says (ISC2-REC-2), and an ISBN with a valid check
 *   digit;
 * - a description longer than the limit (250 words, ISC2-REC-4) is a gap of its own.
 * The vault stores a smaller set of evidence kinds than the program files name; the table
 * below says which stored kinds stand for which program kinds.
 * JRCA audit records (RULES.md 2.3, which carries no tag: JRCA-EVID-1 here) need the
 * attestation of form 5A, the schedule of each audit day and, when the certification body is
 * not IAF-accredited, the audit report; observer records never count (JRCA-OBS-1). */

#define JRCA_EVIDENCE_RULE "JRCA-EVID-1"

static const struct
{
  const char *stored;
  const char *program_kinds[4];
} kind_aliases[] = {
  { "certificate", { "certificate", "diploma", "letter", NULL } },
  { "attendance", { "attendance", "roster", NULL } },
  { "receipt", { "receipt", "proof-of-possession", NULL } },
  { "isbn-proof", { "proof-of-possession", NULL } },
  { "notes", { "notes", "sample-material", NULL } },
  { "minutes", { "minutes", NULL } },
  { "schedule", { "schedule", "agenda", NULL } },
  { "report", { "report", "project-proof", "publication-copy", NULL } },
};

void
cpv_readiness_gap_free (CpvReadinessGap *gap)
{
  if (gap == NULL)
    return;
  g_free (gap->rule);
  g_free (gap->text);
  g_free (gap);
}

void
cpv_record_readiness_free (CpvRecordReadiness *readiness)
{
  if (readiness == NULL)
    return;
  g_free (readiness->title);
  g_ptr_array_unref (readiness->gaps);
  g_free (readiness);
}

void
cpv_cycle_readiness_free (CpvCycleReadiness *readiness)
{
  if (readiness == NULL)
    return;
  g_free (readiness->code);
  g_ptr_array_unref (readiness->records);
  g_free (readiness);
}

gboolean
cpv_record_readiness_is_ready (const CpvRecordReadiness *readiness)
{
  return readiness->gaps->len == 0;
}

/**
 * cpv_record_readiness_find_gap:
 *
 * Returns: (nullable): the first gap tagged @rule
 */
const CpvReadinessGap *
cpv_record_readiness_find_gap (const CpvRecordReadiness *readiness,
                               const char               *rule)
{
  for (guint i = 0; i < readiness->gaps->len; i++)
    {
      const CpvReadinessGap *gap = readiness->gaps->pdata[i];

      if (g_strcmp0 (gap->rule, rule) == 0)
        return gap;
    }
  return NULL;
}

/**
 * cpv_cycle_readiness_summary:
 *
 * Returns: (transfer full): "ready for audit: 37 of 40 activities"
 */
char *
cpv_cycle_readiness_summary (const CpvCycleReadiness *readiness)
{
  if (readiness->records->len > 0 &&
      ((CpvRecordReadiness *) readiness->records->pdata[0])->subject == CPV_READINESS_JRCA_AUDIT)
    return g_strdup_printf (_("ready for audit: %u of %u audit records"), readiness->n_ready,
                            readiness->n_total);
  return g_strdup_printf (_("ready for audit: %u of %u activities"), readiness->n_ready,
                          readiness->n_total);
}

static CpvRecordReadiness *
record_readiness_new (CpvReadinessSubject subject,
                      gint64              id,
                      const char         *title)
{
  CpvRecordReadiness *readiness = g_new0 (CpvRecordReadiness, 1);

  readiness->subject = subject;
  readiness->id = id;
  readiness->title = g_strdup (title);
  readiness->gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_readiness_gap_free);
  return readiness;
}

static void add_gap (CpvRecordReadiness *readiness,
                     const char         *rule,
                     const char         *format,
                     ...) G_GNUC_PRINTF (3, 4);

static void
add_gap (CpvRecordReadiness *readiness,
         const char         *rule,
         const char         *format,
         ...)
{
  CpvReadinessGap *gap = g_new0 (CpvReadinessGap, 1);
  va_list args;

  va_start (args, format);
  gap->text = g_strdup_vprintf (format, args);
  va_end (args);
  gap->rule = g_strdup (rule != NULL ? rule : "CPV-RULES");
  g_ptr_array_add (readiness->gaps, gap);
}

static gboolean
stored_kind_satisfies (const char *stored,
                       const char *program_kind)
{
  if (g_strcmp0 (stored, program_kind) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_aliases); i++)
    {
      if (g_strcmp0 (kind_aliases[i].stored, stored) != 0)
        continue;
      for (guint j = 0; kind_aliases[i].program_kinds[j] != NULL; j++)
        if (g_str_equal (kind_aliases[i].program_kinds[j], program_kind))
          return TRUE;
    }
  return FALSE;
}

static gboolean
has_evidence_of (GPtrArray  *evidence,
                 const char *program_kind)
{
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      CpvEvidence *item = evidence->pdata[i];

      if (stored_kind_satisfies (item->kind, program_kind))
        return TRUE;
    }
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (*text != '\0' && g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static const char *
field_value (CpvActivity *activity,
             const char  *field)
{
  if (g_str_equal (field, "isbn"))
    return activity->isbn;
  if (g_str_equal (field, "author"))
    return activity->author;
  if (g_str_equal (field, "publisher"))
    return activity->publisher;
  if (g_str_equal (field, "provider"))
    return activity->provider;
  if (g_str_equal (field, "description"))
    return activity->description;
  return NULL;
}

static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "isbn", N_("ISBN") },
    { "author", N_("author") },
    { "publisher", N_("publisher") },
    { "provider", N_("provider") },
    { "description", N_("description") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return _(labels[i].label);
  return field;
}

/* What a category's maximum is counted per (per=""), as a noun for people. */
static const char *
unit_noun (const char *per)
{
  static const struct { const char *per; const char *noun; } nouns[] = {
    { "article", N_("article") },
    { "blog", N_("blog") },
    { "book", N_("book") },
    { "certificate", N_("certificate") },
    { "chapter", N_("chapter") },
    { "entry", N_("entry") },
    { "magazine", N_("magazine") },
    { "program", N_("program") },
    { "quiz", N_("quiz") },
    { "training", N_("training") },
    { "white-paper", N_("white paper") },
    { "year", N_("year") },
    { "publication", N_("publication") },
    { "activity", N_("activity") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (nouns); i++)
    if (g_str_equal (per, nouns[i].per))
      return _(nouns[i].noun);
  return per;
}

/**
 * cpv_readiness_evaluate_activity:
 * @registry: (nullable): the programs
 * @evidence: (nullable) (element-type CpvEvidence): the activity's evidence items
 *
 * Returns: (transfer full): the activity's gaps, each with its rule tag
 */
CpvRecordReadiness *
cpv_readiness_evaluate_activity (CpvProgramRegistry *registry,
                                 CpvActivity        *activity,
                                 GPtrArray          *evidence)
{
  CpvRecordReadiness *readiness;
  const CpvCategory *category = NULL;
  gboolean description_allowed = FALSE;
  gboolean description_ok = FALSE;
  gboolean possession_required = FALSE;
  gboolean has_proof = FALSE;
  const char *keep_rule = "ISC2-REC-2";
  guint words = 0;

  g_return_val_if_fail (CPV_IS_ACTIVITY (activity), NULL);

  readiness = record_readiness_new (CPV_READINESS_ACTIVITY, activity->id, activity->title);
  if (registry != NULL)
    category = cpv_program_registry_lookup_category (registry, activity->category, NULL);
  if (registry != NULL && category == NULL)
    add_gap (readiness, "CPV-CATEGORY",
             _("The category “%s” is not in any loaded program: its evidence rules are unknown"),
             activity->category ? activity->category : "");

  if (category != NULL)
    {
      const char *evidence_rule = category->evidence_rule;
      g_autoptr(GString) accepted = g_string_new (NULL);

      if (category->required_rule != NULL)
        keep_rule = category->required_rule;
      description_allowed = g_strv_contains ((const char * const *) category->evidence_kinds,
                                             "description");
      possession_required =
        g_strv_contains ((const char * const *) category->evidence_kinds,
                         "proof-of-possession") &&
        category->required_fields != NULL && category->required_fields[0] != NULL;

      if (!blank (activity->description))
        {
          words = cpv_words_count (activity->description);
          description_ok = category->description_max_words <= 0 ||
                           words <= (guint) category->description_max_words;
        }

      for (guint i = 0; category->evidence_kinds[i] != NULL; i++)
        {
          const char *kind = category->evidence_kinds[i];

          if (g_str_equal (kind, "description"))
            continue;
          if (has_evidence_of (evidence, kind))
            has_proof = TRUE;
          if (accepted->len > 0)
            /* TRANSLATORS: between the items of a list, such as the kinds of proof a
             * category accepts: “、” in Japanese. */
            g_string_append (accepted, C_("list separator", ", "));
          g_string_append (accepted, cpv_evidence_kind_label (kind));
        }

      if (possession_required)
        {
          if (!has_evidence_of (evidence, "proof-of-possession"))
            add_gap (readiness, keep_rule,
                     _("Keep proof of possession: the %s itself, a sales slip, an invoice or a "
                       "library record (a description does not replace it)"),
                     unit_noun (category->per != NULL ? category->per : "publication"));
        }
      else if (!has_proof && !(description_allowed && description_ok))
        {
          if (description_allowed)
            add_gap (readiness, evidence_rule,
                     _("No proof of a kind this category accepts (%s) and no description of at "
                       "most %d words"), accepted->str,
                     category->description_max_words > 0 ? category->description_max_words : 250);
          else
            add_gap (readiness, evidence_rule,
                     _("No proof of a kind this category accepts (%s)"), accepted->str);
        }

      if (category->description_max_words > 0 && !blank (activity->description) &&
          !description_ok)
        add_gap (readiness, category->description_rule,
                 _("The description has %u words; at most %d are accepted"), words,
                 category->description_max_words);

      for (guint i = 0; category->required_fields != NULL && category->required_fields[i]; i++)
        {
          const char *field = category->required_fields[i];

          if (blank (field_value (activity, field)))
            /* TRANSLATORS: a field such as “ISBN” or “author”, then what the record is, such
             * as “book” or “activity”. */
            add_gap (readiness, keep_rule, _("Keep the %s of the %s with the record"),
                     field_label (field),
                     unit_noun (category->per != NULL ? category->per : "activity"));
        }
    }

  if (!blank (activity->isbn))
    {
      CpvIsbnCheck check = cpv_isbn_check (activity->isbn, NULL);

      if (check != CPV_ISBN_VALID)
        add_gap (readiness, keep_rule, _("The ISBN “%s” is not valid: %s"), activity->isbn,
                 cpv_isbn_check_to_string (check));
    }
  return readiness;
}

/**
 * cpv_readiness_check_activity:
 *
 * Returns: (transfer full): the gaps of one stored activity, or %NULL with @error set
 */
CpvRecordReadiness *
cpv_readiness_check_activity (CpvVault            *vault,
                              CpvProgramRegistry  *registry,
                              gint64               activity_id,
                              GError             **error)
{
  g_autoptr(CpvActivity) activity = NULL;
  g_autoptr(GPtrArray) evidence = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);

  activity = cpv_vault_get_activity (vault, activity_id, error);
  if (activity == NULL)
    return NULL;
  evidence = cpv_vault_list_evidence (vault, activity_id, error);
  if (evidence == NULL)
    return NULL;
  return cpv_readiness_evaluate_activity (registry, activity, evidence);
}

/* The activities of @all (newest first) that count for @credential and end within the cycle,
 * oldest first. */
static GPtrArray *
filter_cycle_activities (GPtrArray     *all,
                         CpvCredential *credential,
                         CpvDay         cycle_start,
                         CpvDay         cycle_end)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = all->len; i > 0; i--)
    {
      CpvActivity *activity = all->pdata[i - 1];
      CpvDay end;

      if (!cpv_day_parse (activity->end_date, &end) || end < cycle_start || end > cycle_end ||
          !_cpv_activity_counts_for (activity, credential))
        continue;
      g_ptr_array_add (result, g_object_ref (activity));
    }
  return result;
}

/**
 * cpv_readiness_cycle_activities:
 *
 * Returns: (transfer container) (element-type CpvActivity): the activities that count for
 *   @credential and end within the cycle, oldest first
 */
GPtrArray *
cpv_readiness_cycle_activities (CpvVault       *vault,
                                CpvCredential  *credential,
                                CpvDay          cycle_start,
                                CpvDay          cycle_end,
                                GError        **error)
{
  g_autoptr(GPtrArray) all = cpv_vault_list_activities (vault, error);

  if (all == NULL)
    return NULL;
  return filter_cycle_activities (all, credential, cycle_start, cycle_end);
}

static CpvRecordReadiness *
evaluate_jrca_audit (const CpvJrcaAudit *audit)
{
  g_autofree char *title = g_strdup_printf ("%s (%s)", audit->organisation,
                                            audit->management_system);
  CpvRecordReadiness *readiness = record_readiness_new (CPV_READINESS_JRCA_AUDIT, audit->id,
                                                        title);

  if (audit->role == CPV_JRCA_ROLE_OBSERVER)
    add_gap (readiness, "JRCA-OBS-1",
             _("Participation as an observer is never a valid audit record"));
  if (!audit->attested_by_org)
    add_gap (readiness, JRCA_EVIDENCE_RULE,
             _("Form 5A needs the attestation (signature or seal) of the audited organisation's "
               "management representative"));
  if (!audit->has_schedule)
    add_gap (readiness, JRCA_EVIDENCE_RULE,
             _("Keep a copy of the audit schedule of each audit day"));
  if (!audit->body_iaf_accredited && !audit->has_report)
    add_gap (readiness, JRCA_EVIDENCE_RULE,
             _("The certification body is not accredited by an IAF member: keep a copy of the "
               "audit report (plan, opening meeting, findings and conclusions, closing meeting; "
               "details may be masked)"));
  return readiness;
}

static gboolean
is_jrca (CpvProgramRegistry *registry,
         CpvCredential      *credential)
{
  CpvProgram *program = registry != NULL
                        ? cpv_program_registry_lookup (registry, credential->program) : NULL;

  if (program != NULL)
    return cpv_program_get_kind (program) == CPV_PROGRAM_KIND_JRCA;
  return g_str_has_prefix (credential->program, "jrca");
}

/* What one readiness pass reads once for all the cycles it checks, instead of once per
 * activity: every activity, and the evidence of those ending between first_end and last_end
 * (which covers every cycle of the pass). Loaded on first use; JRCA cycles need neither. */
typedef struct
{
  CpvDay      first_end;
  CpvDay      last_end;
  GPtrArray  *activities;   /* newest first */
  GHashTable *evidence;     /* activity id -> GPtrArray of CpvEvidence */
} ReadinessPass;

static void
readiness_pass_clear (ReadinessPass *pass)
{
  g_clear_pointer (&pass->activities, g_ptr_array_unref);
  g_clear_pointer (&pass->evidence, g_hash_table_unref);
}

static void
readiness_pass_cover (ReadinessPass *pass,
                      CpvDay         cycle_start,
                      CpvDay         cycle_end)
{
  if (pass->first_end == 0 || cycle_start < pass->first_end)
    pass->first_end = cycle_start;
  if (pass->last_end == 0 || cycle_end > pass->last_end)
    pass->last_end = cycle_end;
}

static gboolean
readiness_pass_load (ReadinessPass  *pass,
                     CpvVault       *vault,
                     GError        **error)
{
  if (pass->activities == NULL)
    {
      pass->activities = cpv_vault_list_activities (vault, error);
      if (pass->activities == NULL)
        return FALSE;
    }
  if (pass->evidence == NULL)
    {
      pass->evidence = _cpv_vault_map_evidence (vault, pass->first_end, pass->last_end, error);
      if (pass->evidence == NULL)
        return FALSE;
    }
  return TRUE;
}

static CpvCycleReadiness *
check_cycle (CpvVault            *vault,
             CpvProgramRegistry  *registry,
             CpvCredential       *credential,
             int                  cycles_back,
             ReadinessPass       *pass,
             GError             **error)
{
  g_autoptr(CpvCycleReadiness) readiness = g_new0 (CpvCycleReadiness, 1);

  readiness->credential_id = credential->id;
  readiness->code = g_strdup (credential->code);
  readiness->records = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_record_readiness_free);
  if (!_cpv_credential_cycle_back (credential, cycles_back, &readiness->cycle_start,
                                   &readiness->cycle_end))
    {
      g_set_error (error, CPV_RECORDS_ERROR, CPV_RECORDS_ERROR_INVALID,
                   _("The cycle dates of credential %lld cannot be read"),
                   (long long) credential->id);
      return NULL;
    }

  if (is_jrca (registry, credential))
    {
      g_autoptr(GPtrArray) audits = cpv_vault_list_jrca_audits (vault, credential->id, error);

      if (audits == NULL)
        return NULL;
      for (guint i = 0; i < audits->len; i++)
        {
          const CpvJrcaAudit *audit = audits->pdata[i];

          if (audit->onsite_end < readiness->cycle_start || audit->onsite_end > readiness->cycle_end)
            continue;
          g_ptr_array_add (readiness->records, evaluate_jrca_audit (audit));
        }
    }
  else
    {
      g_autoptr(GPtrArray) activities = NULL;

      g_assert (pass->first_end <= readiness->cycle_start &&
                readiness->cycle_end <= pass->last_end);
      if (!readiness_pass_load (pass, vault, error))
        return NULL;
      activities = filter_cycle_activities (pass->activities, credential,
                                            readiness->cycle_start, readiness->cycle_end);
      for (guint i = 0; i < activities->len; i++)
        {
          CpvActivity *activity = activities->pdata[i];
          GPtrArray *evidence = g_hash_table_lookup (pass->evidence, &activity->id);

          g_ptr_array_add (readiness->records,
                           cpv_readiness_evaluate_activity (registry, activity, evidence));
        }
    }

  readiness->n_total = readiness->records->len;
  for (guint i = 0; i < readiness->records->len; i++)
    if (cpv_record_readiness_is_ready (readiness->records->pdata[i]))
      readiness->n_ready++;
  return g_steal_pointer (&readiness);
}

/**
 * cpv_readiness_check_cycle:
 * @cycles_back: 0 for the stored cycle, 1 for the one before it, …
 *
 * Returns: (transfer full): "ready for audit: N of M" with every record's gaps, or %NULL
 *   with @error set
 */
CpvCycleReadiness *
cpv_readiness_check_cycle (CpvVault            *vault,
                           CpvProgramRegistry  *registry,
                           gint64               credential_id,
                           int                  cycles_back,
                           GError             **error)
{
  g_autoptr(CpvCredential) credential = NULL;
  CpvCycleReadiness *result = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (cycles_back >= 0, NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  credential = cpv_vault_get_credential (vault, credential_id, error);
  if (credential != NULL)
    {
      ReadinessPass pass = { 0, };
      CpvDay start, end;

      if (_cpv_credential_cycle_back (credential, cycles_back, &start, &end))
        readiness_pass_cover (&pass, start, end);
      result = check_cycle (vault, registry, credential, cycles_back, &pass, error);
      readiness_pass_clear (&pass);
    }

out:
  _cpv_vault_unlock (vault);
  return result;
}

/**
 * cpv_readiness_check_all:
 *
 * Returns: (transfer container) (element-type CpvCycleReadiness): the current cycle of every
 *   credential, or %NULL with @error set
 */
GPtrArray *
cpv_readiness_check_all (CpvVault            *vault,
                         CpvProgramRegistry  *registry,
                         int                  cycles_back,
                         GError             **error)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_cycle_readiness_free);
  ReadinessPass pass = { 0, };
  GPtrArray *result = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (cycles_back >= 0, NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  credentials = cpv_vault_list_credentials (vault, error);
  if (credentials == NULL)
    goto out;
  for (guint i = 0; i < credentials->len; i++)
    {
      CpvDay start, end;

      if (_cpv_credential_cycle_back (credentials->pdata[i], cycles_back, &start, &end))
        readiness_pass_cover (&pass, start, end);
    }
  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCycleReadiness *readiness = check_cycle (vault, registry, credentials->pdata[i],
                                                  cycles_back, &pass, error);

      if (readiness == NULL)
        goto out;
      g_ptr_array_add (list, readiness);
    }
  result = g_steal_pointer (&list);

out:
  readiness_pass_clear (&pass);
  _cpv_vault_unlock (vault);
  return result;
}
