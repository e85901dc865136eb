/* cpv-status.c — the status engine: where each credential stands on a given day
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-status"

#include "config.h"

#include "cpv-status.h"
#include "cpv-credits.h"
#include "cpv-words.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <libxml/tree.h>

/* How a rule travels: the program file gives numbers per rule KIND (cycle total, Group A
 * minimum, Group B maximum, caps, step, carry-over, grace, suspension, retention, fees); this
 * file applies the kinds to the activities of a snapshot, and every finding names the rule tag
 * the program file attached to the number it broke.
 *
 * Interpretations (the sources leave them open):
 * - An activity counts for a day "on" only when it has ended on or before "on".
 * - An activity with credit lines counts for the credentials it has lines for (ISC2-GRP-2: the
 *   group is per credential) and, through a "counts-toward" link (ISC2-CONC-1), for the
 *   credential a linked concentration counts toward. An activity without any line counts for
 *   every credential of the category's program held on its end date, with the category's
 *   default group (ISC2-CALC-5, ISC2-CALC-6).
 * - Cycles follow each other automatically (ISC2-CYCLE-1). A cycle unmet at its end enters
 *   grace; activities ending in grace count toward that cycle (ISC2-GRACE-1), except credits
 *   added by ISC2 or a partner (ISC2-CALC-7); once used by a cycle in grace they do not count
 *   again for the next cycle. Unmet at the end of grace: suspended (ISC2-SUSP-1) for the
 *   suspension period, then terminated (ISC2-SUSP-2).
 * - Carry-over (ISC2-CARRY-1): only one cycle is stored per credential, so the carry-in of a
 *   cycle is computed from the activities of the cycle before it (cycle start minus the cycle
 *   length, up to the day before the cycle start): the smallest of (a) the program's maximum,
 *   (b) the carry-over group's credits earned in the last months of that cycle (window from
 *   the file) and (c) that cycle's surplus above its total requirement. Carried credits count
 *   as Group A toward the first cycle year's pacing and, when the file says so, toward the
 *   cycle's requirement.
 * - Evidence is kept until the cycle end plus the retention period (ISC2-REC-3), for the
 *   current cycle and, while still running, for the previous one.
 * - One AMF per member and program (ISC2-AMF-1): the due dates (anniversaries of member_since,
 *   else of the earliest cycle start) within the current cycle are reported on the credential
 *   with the highest fee tier; the amount is the highest tier held on the due date. The upgrade
 *   fee (ISC2-AMF-3) is due on the day a higher-tier credential starts after a lower one.
 */

#define EPSILON 1e-9
#define MAX_CYCLE_YEARS 10
#define MAX_FEEDERS 8
#define MAX_CYCLE_STEPS 200

struct _CpvSnapshot
{
  GPtrArray *credentials;
  GPtrArray *activities;
  GPtrArray *jrca;
};

typedef struct
{
  CpvActivity       *activity;
  CpvDay             end;
  CpvDay             start;
  const CpvCategory *category;
  CpvProgram        *category_program;
} Item;

typedef struct
{
  CpvProgramRegistry *registry;
  CpvSnapshot        *snapshot;
  CpvDay              on;
  GArray             *items;
} Engine;

typedef struct
{
  CpvCredential           *credential;
  const CpvCredentialLink *link;
} Feeder;

typedef struct
{
  Engine                   *engine;
  CpvCredential            *credential;
  CpvProgram               *program;
  const CpvCredentialRules *rules;
  const CpvRequirementSet  *set;
  Feeder                    feeders[MAX_FEEDERS];
  guint                     n_feeders;
} Subject;

typedef struct
{
  double a;
  double b;
  double a_window;                    /* carry-over group, last months of the cycle */
  double year_a[MAX_CYCLE_YEARS];
  double year_b[MAX_CYCLE_YEARS];
  double related[MAX_FEEDERS];        /* Group A related to each linked concentration */
} Tally;

typedef struct
{
  double   a;
  double   b;
  double   b_counted;
  double   total;
  double   carry_out;
  gboolean met;
} Numbers;

/* ---- result helpers --------------------------------------------------------------------- */

void
cpv_requirement_free (CpvRequirement *requirement)
{
  if (requirement == NULL)
    return;
  g_free (requirement->kind);
  g_free (requirement->label);
  g_free (requirement);
}

void
cpv_deadline_free (CpvDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_free (deadline->kind);
  g_free (deadline->currency);
  g_free (deadline->label);
  g_free (deadline);
}

void
cpv_finding_free (CpvFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->rule);
  g_free (finding->text);
  g_free (finding);
}

static void
add_requirement (GPtrArray  *requirements,
                 const char *kind,
                 double      required,
                 double      earned,
                 gboolean    met,
                 int         year,
                 char       *label)
{
  CpvRequirement *requirement = g_new0 (CpvRequirement, 1);

  requirement->kind = g_strdup (kind);
  requirement->required = required;
  requirement->earned = earned;
  requirement->met = met;
  requirement->year = year;
  requirement->label = label;
  g_ptr_array_add (requirements, requirement);
}

static void
add_deadline (GPtrArray  *deadlines,
              const char *kind,
              CpvDay      date,
              double      amount,
              const char *currency,
              char       *label)
{
  CpvDeadline *deadline = g_new0 (CpvDeadline, 1);

  deadline->kind = g_strdup (kind);
  deadline->date = date;
  deadline->amount = amount;
  deadline->currency = amount >= 0 ? g_strdup (currency) : NULL;
  deadline->label = label;
  g_ptr_array_add (deadlines, deadline);
}

G_GNUC_PRINTF (5, 6)
static void
add_finding (GPtrArray   *findings,
             const char  *rule,
             CpvSeverity  severity,
             gint64       activity_id,
             const char  *format,
             ...)
{
  CpvFinding *finding;
  va_list args;

  if (findings == NULL)
    return;
  finding = g_new0 (CpvFinding, 1);
  finding->rule = g_strdup (rule ? rule : "CPV-RULES");
  finding->severity = severity;
  finding->activity_id = activity_id;
  va_start (args, format);
  finding->text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (findings, finding);
}

static char *
format_day (CpvDay day)
{
  return cpv_day_format (day);
}

/* ---- snapshot --------------------------------------------------------------------------- */

/**
 * cpv_snapshot_new:
 *
 * Returns: (transfer full): an empty snapshot
 */
CpvSnapshot *
cpv_snapshot_new (void)
{
  CpvSnapshot *snapshot = g_new0 (CpvSnapshot, 1);

  snapshot->credentials = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->activities = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->jrca = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_jrca_data_free);
  return snapshot;
}

void
cpv_snapshot_free (CpvSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_ptr_array_unref (snapshot->credentials);
  g_ptr_array_unref (snapshot->activities);
  g_ptr_array_unref (snapshot->jrca);
  g_free (snapshot);
}

/* Takes a reference. */
void
cpv_snapshot_add_credential (CpvSnapshot   *snapshot,
                             CpvCredential *credential)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (CPV_IS_CREDENTIAL (credential));
  g_ptr_array_add (snapshot->credentials, g_object_ref (credential));
}

/* Takes a reference. */
void
cpv_snapshot_add_activity (CpvSnapshot *snapshot,
                           CpvActivity *activity)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (CPV_IS_ACTIVITY (activity));
  g_ptr_array_add (snapshot->activities, g_object_ref (activity));
}

/* Takes ownership of @data (the JRCA records of one credential, matched by credential_id). */
void
cpv_snapshot_add_jrca_data (CpvSnapshot *snapshot,
                            CpvJrcaData *data)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (data != NULL);
  g_ptr_array_add (snapshot->jrca, data);
}

GPtrArray *
cpv_snapshot_get_credentials (CpvSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  return snapshot->credentials;
}

GPtrArray *
cpv_snapshot_get_activities (CpvSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  return snapshot->activities;
}

/* ---- activity rules --------------------------------------------------------------------- */

static gboolean
field_missing (CpvActivity *activity,
               const char  *field)
{
  const char *value = NULL;

  if (g_str_equal (field, "isbn"))
    value = activity->isbn;
  else if (g_str_equal (field, "author"))
    value = activity->author;
  else if (g_str_equal (field, "publisher"))
    value = activity->publisher;
  else if (g_str_equal (field, "provider"))
    value = activity->provider;
  else if (g_str_equal (field, "description"))
    value = activity->description;
  if (value == NULL)
    return TRUE;
  while (*value && g_ascii_isspace (*value))
    value++;
  return *value == '\0';
}

/* The unit a category maximum is counted per (the program's per="" attribute), for people. */
static const char *
per_label (const char *per)
{
  static const struct { const char *per; const char *label; } labels[] = {
    { "article", N_("per article") },
    { "blog", N_("per blog") },
    { "book", N_("per book") },
    { "certificate", N_("per certificate") },
    { "chapter", N_("per chapter") },
    { "entry", N_("per entry") },
    { "magazine", N_("per magazine") },
    { "program", N_("per program") },
    { "quiz", N_("per quiz") },
    { "total", N_("in total") },
    { "training", N_("per training") },
    { "white-paper", N_("per white paper") },
    { "year", N_("per year") },
  };

  if (per == NULL)
    return _("per activity");
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (per, labels[i].per))
      return _(labels[i].label);
  return per;
}

/* An activity field a category asks to keep (<keep><field>), for people. */
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

/* Credits of one activity after the step (ISC2-CALC-2) and caps (ISC2-CALC-3, ISC2-CAT-1).
 * The arithmetic is cpv-credits.c's, which the activity editor uses too; this adds the
 * findings. */
static double
counted_credits (CpvProgram  *program,
                 const Item  *item,
                 GPtrArray   *findings)
{
  CpvActivity *activity = item->activity;
  double credits = activity->credits;
  double stepped;
  CpvCreditCap cap;

  if (!isfinite (credits) || credits < 0)
    credits = 0;
  /* ISC2-CALC-1: without credits, the hours give them. */
  if (credits <= 0 && activity->hours > 0 && isfinite (activity->hours))
    credits = activity->hours * (program ? cpv_program_get_credits_per_hour (program) : 1);
  if (program == NULL)
    return credits;

  stepped = cpv_credits_to_step (program, credits);
  if (!cpv_credits_on_step (program, credits))
    add_finding (findings, cpv_program_get_credit_step_rule (program), CPV_SEVERITY_ERROR,
                 activity->id, _("%.2f credits is not a multiple of %.2f; counted as %.2f"),
                 credits, cpv_program_get_credit_step (program), stepped);
  credits = stepped;

  cpv_credits_cap (program, item->category, &cap);
  if (cap.credits >= 0 && credits > cap.credits + EPSILON)
    {
      /* TRANSLATORS: the third %s is the unit of the maximum, such as “per book” or
       * “per activity”. */
      add_finding (findings, cap.rule, CPV_SEVERITY_ERROR, activity->id,
                   _("%.2f credits is over the maximum of %.2f %s; counted as %.2f"),
                   credits, cap.credits, per_label (cap.per), cap.credits);
      credits = cap.credits;
    }
  return credits;
}

/* Findings about what the record must keep (ISC2-REC-2, ISC2-REC-4). */
static void
check_record (const Item *item,
              GPtrArray  *findings)
{
  const CpvCategory *category = item->category;
  CpvActivity *activity = item->activity;

  if (category == NULL)
    {
      add_finding (findings, "CPV-CATEGORY", CPV_SEVERITY_WARNING, activity->id,
                   _("The category “%s” is not declared by any loaded program; no category "
                     "maximum was applied"), activity->category ? activity->category : "");
      return;
    }
  for (guint i = 0; category->required_fields && category->required_fields[i]; i++)
    {
      const char *field = category->required_fields[i];

      if (field_missing (activity, field))
        add_finding (findings, category->required_rule, CPV_SEVERITY_WARNING, activity->id,
                     /* TRANSLATORS: the first %s is a field such as “ISBN” or “author”,
                      * the second the category's name, the third its key. */
                     _("Keep the %s of “%s” with the record (%s)"), field_label (field),
                     cpv_category_get_localized_name (category), category->key);
    }
  if (category->description_max_words > 0 && activity->description != NULL)
    {
      guint words = cpv_words_count (activity->description);

      if (words > (guint) category->description_max_words)
        add_finding (findings, category->description_rule, CPV_SEVERITY_WARNING, activity->id,
                     _("The description has %u words; at most %d are accepted"), words,
                     category->description_max_words);
    }
}

static char *
normalized_title (const char *title)
{
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GString *out;
  gboolean space = FALSE;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    return g_strdup ("");
  normal = g_utf8_normalize (title, -1, G_NORMALIZE_ALL_COMPOSE);
  folded = g_utf8_casefold (normal ? normal : title, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ISC2-CALC-8: the same activity entered twice looks like the same end date with the same
 * title, or the same category, dates, provider and credits. */
static gboolean
likely_duplicates (const Item *a,
                   const Item *b)
{
  g_autofree char *title_a = NULL;
  g_autofree char *title_b = NULL;

  if (a->end != b->end)
    return FALSE;
  title_a = normalized_title (a->activity->title);
  title_b = normalized_title (b->activity->title);
  if (*title_a != '\0' && g_str_equal (title_a, title_b))
    return TRUE;
  return a->start == b->start &&
         g_strcmp0 (a->activity->category, b->activity->category) == 0 &&
         g_strcmp0 (a->activity->provider, b->activity->provider) == 0 &&
         a->activity->provider != NULL &&
         fabs (a->activity->credits - b->activity->credits) < EPSILON;
}

/* ---- credentials ------------------------------------------------------------------------ */

static gboolean
credential_held_on (Engine        *engine,
                    CpvCredential *credential,
                    CpvDay         day)
{
  return cpv_program_registry_credential_held_on (engine->registry, credential, day);
}

static gboolean
code_held_on (Engine     *engine,
              const char *program_id,
              const char *code,
              CpvDay      day)
{
  GPtrArray *credentials = engine->snapshot->credentials;

  for (guint i = 0; i < credentials->len; i++)
    {
      CpvCredential *credential = g_ptr_array_index (credentials, i);

      if (g_strcmp0 (credential->program, program_id) == 0 &&
          g_strcmp0 (credential->code, code) == 0 &&
          credential_held_on (engine, credential, day))
        return TRUE;
    }
  return FALSE;
}

/* ISC2-CONC-1 / ISC2-CONC-2: the requirement set depends on the other credentials held. */
static const CpvRequirementSet *
select_requirement_set (Engine                   *engine,
                        CpvCredential            *credential,
                        const CpvCredentialRules *rules)
{
  for (guint i = 0; i < rules->requirement_sets->len; i++)
    {
      const CpvRequirementSet *set = g_ptr_array_index (rules->requirement_sets, i);

      if (set->when_held != NULL &&
          !code_held_on (engine, credential->program, set->when_held, engine->on))
        continue;
      if (set->when_not_held != NULL &&
          code_held_on (engine, credential->program, set->when_not_held, engine->on))
        continue;
      return set;
    }
  return NULL;
}

static void
find_feeders (Subject *subject)
{
  Engine *engine = subject->engine;
  GPtrArray *credentials = engine->snapshot->credentials;

  for (guint i = 0; i < credentials->len && subject->n_feeders < MAX_FEEDERS; i++)
    {
      CpvCredential *other = g_ptr_array_index (credentials, i);
      const CpvCredentialRules *rules;

      if (other == subject->credential ||
          g_strcmp0 (other->program, subject->credential->program) != 0 ||
          !credential_held_on (engine, other, engine->on))
        continue;
      rules = cpv_program_lookup_credential (subject->program, other->code);
      for (guint j = 0; rules != NULL && j < rules->links->len; j++)
        {
          const CpvCredentialLink *link = g_ptr_array_index (rules->links, j);

          if (g_str_equal (link->kind, "counts-toward") &&
              g_str_equal (link->to, subject->credential->code) &&
              subject->n_feeders < MAX_FEEDERS)
            {
              subject->feeders[subject->n_feeders].credential = other;
              subject->feeders[subject->n_feeders].link = link;
              subject->n_feeders++;
            }
        }
    }
}

static char
line_group (CpvActivity *activity,
            gint64       credential_id)
{
  for (guint i = 0; activity->credit_lines && i < activity->credit_lines->len; i++)
    {
      CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      if (line->credential_id == credential_id)
        return line->group;
    }
  return 0;
}

/* The group an activity has for the subject, or 0 when it does not count for it. */
static char
resolve_group (Subject    *subject,
               const Item *item)
{
  CpvActivity *activity = item->activity;
  char group;

  if (activity->credit_lines != NULL && activity->credit_lines->len > 0)
    {
      group = line_group (activity, subject->credential->id);
      if (group != 0)
        return group;
      for (guint i = 0; i < subject->n_feeders; i++)
        {
          group = line_group (activity, subject->feeders[i].credential->id);
          if (group != 0)
            return group;
        }
      return 0;
    }
  if (item->category_program != subject->program)
    return 0;
  if (!credential_held_on (subject->engine, subject->credential, item->end))
    return 0;
  return item->category->group ? item->category->group : 'A';
}

/* The cycle year (0-based) of @day; the last year runs to the cycle end even when a cycle
 * starting on 29 February makes the anniversaries fall a day early. */
static int
cycle_year_index (CpvDay cycle_start,
                  CpvDay day,
                  int    years)
{
  for (int year = 0; year < years - 1; year++)
    if (day < cpv_day_add_years (cycle_start, year + 1))
      return year;
  return years - 1;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a;
  const Item *y = b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->activity->id < y->activity->id ? -1 : x->activity->id > y->activity->id;
}

/* A category maximum counted per cycle year or in total over the cycle caps the sum of the
 * category's activities, not each one: activities are taken in end-date order and the one
 * that crosses the maximum is cut to what is left. */
static double
apply_allowance (Subject     *subject,
                 const Item  *item,
                 CpvDay       cycle_start,
                 double       credits,
                 GHashTable  *used,
                 GPtrArray   *findings)
{
  const CpvCategory *category = item->category;
  g_autofree char *key = NULL;
  double *sum;
  double left;
  int year = 0;

  if (category == NULL || category->max_credits < 0 || category->per == NULL ||
      (g_strcmp0 (category->per, "year") != 0 && g_strcmp0 (category->per, "total") != 0))
    return credits;
  if (g_strcmp0 (category->per, "year") == 0)
    year = 1 + cycle_year_index (cycle_start, item->end,
                                 MAX (1, MIN (subject->rules->cycle_years, MAX_CYCLE_YEARS)));
  key = g_strdup_printf ("%s#%d", category->key, year);
  sum = g_hash_table_lookup (used, key);
  if (sum == NULL)
    {
      sum = g_new0 (double, 1);
      g_hash_table_insert (used, g_steal_pointer (&key), sum);
    }
  left = MAX (0.0, category->max_credits - *sum);
  if (credits > left + EPSILON)
    {
      add_finding (findings, category->max_rule ? category->max_rule : "ISC2-CAT-1",
                   CPV_SEVERITY_ERROR, item->activity->id,
                   _("%.2f credits would pass the maximum of %.2f %s for this category; "
                     "counted as %.2f"),
                   credits, category->max_credits, per_label (category->per), left);
      credits = left;
    }
  *sum += credits;
  return credits;
}

/* Adds up the activities ending from max(@cycle_start, @skip_until + 1) to @count_to (and not
 * after "on"). Days after @cycle_end are grace days. With @findings, reports what each counted
 * activity breaks. */
static void
tally (Subject   *subject,
       CpvDay     cycle_start,
       CpvDay     cycle_end,
       CpvDay     count_to,
       CpvDay     skip_until,
       Tally     *t,
       GPtrArray *findings)
{
  Engine *engine = subject->engine;
  const CpvRequirementSet *set = subject->set;
  CpvDay window_start = 0;
  g_autoptr(GPtrArray) counted = g_ptr_array_new ();
  /* Credits already counted in a category whose maximum is per cycle year or in total
   * (ISC2-CAT-1: board of directors 40 a year, scholarship review 10 in total), keyed by
   * "<category key>#<year>". */
  g_autoptr(GHashTable) allowance_used = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);

  memset (t, 0, sizeof *t);
  if (set != NULL && set->carry_max >= 0 && cpv_period_is_set (&set->carry_window))
    window_start = cpv_period_add (&set->carry_window, cpv_day_add_days (cycle_end, 1), -1);

  for (guint i = 0; i < engine->items->len; i++)
    {
      const Item *item = &g_array_index (engine->items, Item, i);
      CpvActivity *activity = item->activity;
      gboolean in_grace;
      char group;
      double credits;

      if (item->end < cycle_start || item->end > count_to || item->end > engine->on ||
          item->end <= skip_until)
        continue;
      group = resolve_group (subject, item);
      if (group == 0)
        continue;
      in_grace = item->end > cycle_end;
      if (in_grace && activity->auto_submitted &&
          !cpv_program_get_auto_credits_in_grace (subject->program))
        {
          add_finding (findings, cpv_program_get_auto_credits_rule (subject->program),
                       CPV_SEVERITY_WARNING, activity->id,
                       _("Credits added by ISC2 or a partner during the grace period do not "
                         "apply to %s in grace"), subject->credential->code);
          continue;
        }
      if (group == 'B' && !subject->rules->group_b_allowed)
        {
          add_finding (findings, subject->rules->group_b_rule, CPV_SEVERITY_WARNING,
                       activity->id, _("Group B credits do not count for %s"),
                       subject->credential->code);
          continue;
        }

      credits = counted_credits (item->category_program ? item->category_program
                                                        : subject->program, item, findings);
      credits = apply_allowance (subject, item, cycle_start, credits, allowance_used,
                                 findings);
      if (findings != NULL)
        {
          check_record (item, findings);
          g_ptr_array_add (counted, (gpointer) item);
        }

      if (group == 'A')
        t->a += credits;
      else
        t->b += credits;
      if (!in_grace)
        {
          int year = cycle_year_index (cycle_start, item->end,
                                       MAX (1, MIN (subject->rules->cycle_years,
                                                    MAX_CYCLE_YEARS)));

          if (group == 'A')
            t->year_a[year] += credits;
          else
            t->year_b[year] += credits;
          if (window_start != 0 && item->end >= window_start &&
              (set->carry_group == 0 || set->carry_group == group))
            t->a_window += credits;
        }
      for (guint f = 0; f < subject->n_feeders; f++)
        if (group == 'A' && line_group (activity, subject->feeders[f].credential->id) == 'A')
          t->related[f] += credits;
    }

  /* ISC2-CALC-8 */
  if (findings != NULL && cpv_program_get_duplicate_rule (subject->program) != NULL)
    for (guint i = 1; i < counted->len; i++)
      /* Items come in end-date order and duplicates share their end date: look back only
       * over the items that end on the same day. */
      for (guint j = i; j-- > 0 &&
           ((const Item *) g_ptr_array_index (counted, j))->end ==
           ((const Item *) g_ptr_array_index (counted, i))->end;)
        {
          const Item *later = g_ptr_array_index (counted, i);
          const Item *earlier = g_ptr_array_index (counted, j);

          if (likely_duplicates (earlier, later))
            {
              add_finding (findings, cpv_program_get_duplicate_rule (subject->program),
                           CPV_SEVERITY_WARNING, later->activity->id,
                           _("Looks like activity %lld entered again (same end "
                             "date and title or details); enter an activity only once"),
                           (long long) earlier->activity->id);
              break;
            }
        }
}

static void
evaluate (Subject     *subject,
          const Tally *t,
          double       carry_in,
          Numbers     *n)
{
  const CpvRequirementSet *set = subject->set;

  memset (n, 0, sizeof *n);
  n->a = t->a + (set && set->carry_counts_toward_cycle ? carry_in : 0);
  n->b = t->b;
  if (!subject->rules->group_b_allowed)
    n->b_counted = 0;
  else if (set != NULL && set->group_b_max >= 0)
    n->b_counted = MIN (t->b, set->group_b_max);
  else
    n->b_counted = t->b;
  n->total = n->a + n->b_counted;
  if (set == NULL || set->cycle_total < 0)
    {
      n->met = TRUE;
      return;
    }
  n->met = n->a + EPSILON >= set->group_a_min && n->total + EPSILON >= set->cycle_total;
  for (guint f = 0; f < subject->n_feeders; f++)
    if (subject->feeders[f].link->floor_group_a >= 0 &&
        t->related[f] + EPSILON < subject->feeders[f].link->floor_group_a)
      n->met = FALSE;
  if (set->carry_max >= 0)
    {
      double surplus = MAX (0, n->total - set->cycle_total);

      n->carry_out = MIN (MIN (surplus, t->a_window), set->carry_max);
    }
}

static gint
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const CpvDeadline *da = *(const CpvDeadline * const *) a;
  const CpvDeadline *db = *(const CpvDeadline * const *) b;

  if (da->date != db->date)
    return da->date < db->date ? -1 : 1;
  return strcmp (da->kind, db->kind);
}

static CpvCredentialStatus *
credential_status_new (CpvCredential *credential)
{
  CpvCredentialStatus *status = g_new0 (CpvCredentialStatus, 1);

  status->credential = g_object_ref (credential);
  status->requirements = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_requirement_free);
  status->deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_deadline_free);
  status->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) cpv_finding_free);
  return status;
}

static void
credential_status_free (CpvCredentialStatus *status)
{
  g_object_unref (status->credential);
  g_ptr_array_unref (status->requirements);
  g_ptr_array_unref (status->deadlines);
  g_ptr_array_unref (status->findings);
  g_free (status);
}

static CpvDay
next_cycle_end (CpvDay next_start,
                int    years)
{
  return cpv_day_add_days (cpv_day_add_years (next_start, years), -1);
}

static void
evaluate_cpe (Engine              *engine,
              Subject             *subject,
              CpvCredentialStatus *status)
{
  const CpvCredentialRules *rules = subject->rules;
  const CpvRequirementSet *set = subject->set;
  CpvCredential *credential = subject->credential;
  int years = MAX (1, MIN (rules->cycle_years, MAX_CYCLE_YEARS));
  CpvDay start, end, grace_end, termination, count_to, skip_until = 0, on = engine->on;
  CpvCredentialState state = CPV_CREDENTIAL_STATE_ACTIVE;
  double carry_in;
  Tally t;
  Numbers n;

  if (!cpv_day_parse (credential->cycle_start, &start) ||
      !cpv_day_parse (credential->cycle_end, &end) || end < start)
    {
      add_finding (status->findings, "ISC2-CYCLE-1", CPV_SEVERITY_ERROR, 0,
                   _("The credential has no valid cycle start and end dates"));
      return;
    }

  /* Before the stored cycle: the cycles before it were renewed, or it would not exist. */
  for (int i = 0; on < start && i < MAX_CYCLE_STEPS; i++)
    {
      end = cpv_day_add_days (start, -1);
      start = cpv_day_add_years (start, -years);
    }

  /* Carry-in from the cycle before (see the comment at the top). */
  {
    CpvDay previous_start = cpv_day_add_years (start, -years);
    CpvDay previous_end = cpv_day_add_days (start, -1);

    tally (subject, previous_start, previous_end, previous_end, 0, &t, NULL);
    evaluate (subject, &t, 0, &n);
    carry_in = n.carry_out;
  }

  for (int i = 0; i < MAX_CYCLE_STEPS; i++)
    {
      grace_end = cpv_period_is_set (&rules->grace) ? cpv_period_add (&rules->grace, end, 1)
                                                    : end;
      termination = cpv_period_is_set (&rules->suspension)
                      ? cpv_period_add (&rules->suspension, cpv_day_add_days (grace_end, 1), 1)
                      : cpv_day_add_days (grace_end, 1);
      if (on <= end)
        break;
      tally (subject, start, end, end, skip_until, &t, NULL);
      evaluate (subject, &t, carry_in, &n);
      if (!n.met)
        {
          count_to = MIN (grace_end, on);
          tally (subject, start, end, count_to, skip_until, &t, NULL);
          evaluate (subject, &t, carry_in, &n);
          if (!n.met)
            {
              if (on <= grace_end)
                state = CPV_CREDENTIAL_STATE_GRACE;
              else if (on < termination)
                state = CPV_CREDENTIAL_STATE_SUSPENDED;
              else
                state = CPV_CREDENTIAL_STATE_TERMINATED;
              break;
            }
          skip_until = count_to;
        }
      carry_in = n.carry_out;
      start = cpv_day_add_days (end, 1);
      end = next_cycle_end (start, years);
    }

  status->cycle_start = start;
  status->cycle_end = end;
  status->state = state;
  status->carry_in = carry_in;

  count_to = state == CPV_CREDENTIAL_STATE_ACTIVE ? MIN (end, on) : MIN (grace_end, on);
  tally (subject, start, end, count_to, skip_until, &t, status->findings);
  evaluate (subject, &t, carry_in, &n);
  status->group_a = n.a;
  status->group_b = n.b;
  status->group_b_counted = n.b_counted;
  status->total = n.total;
  status->carry_out = n.carry_out;

  /* Requirement lines (ISC2-REQ-2, ISC2-CONC-1, ISC2-REQ-1). */
  if (set != NULL && set->cycle_total >= 0)
    {
      add_requirement (status->requirements, "total", set->cycle_total, n.total,
                       n.total + EPSILON >= set->cycle_total, 0,
                       /* TRANSLATORS: %s is a rule tag such as ISC2-REQ-2. */
                       g_strdup_printf (_("Credits in the cycle (%s)"),
                                        set->rule ? set->rule : ""));
      add_requirement (status->requirements, "group-a", set->group_a_min, n.a,
                       n.a + EPSILON >= set->group_a_min, 0,
                       g_strdup (_("Group A credits, at least")));
      add_requirement (status->requirements, "group-b-counted",
                       rules->group_b_allowed ? MAX (0, set->group_b_max) : 0, n.b_counted, TRUE,
                       0, g_strdup (_("Group B credits counted, at most")));
      for (guint f = 0; f < subject->n_feeders; f++)
        {
          const CpvCredentialLink *link = subject->feeders[f].link;

          if (link->floor_group_a < 0)
            continue;
          add_requirement (status->requirements, "concentration", link->floor_group_a,
                           t.related[f], t.related[f] + EPSILON >= link->floor_group_a, 0,
                           /* TRANSLATORS: the first %s is a credential such as CISSP,
                            * the second a rule tag. */
                           g_strdup_printf (_("Group A related to %s (%s)"),
                                            subject->feeders[f].credential->code,
                                            link->rule ? link->rule : ""));
        }
      if (set->annual_total >= 0 && years > 1)
        for (int y = 0; y < years; y++)
          {
            double b = rules->group_b_allowed ? t.year_b[y] : 0;
            double earned;
            g_autofree char *from = format_day (cpv_day_add_years (start, y));
            g_autofree char *to = format_day (y == years - 1
                                                ? end
                                                : cpv_day_add_days (cpv_day_add_years (start,
                                                                                       y + 1),
                                                                    -1));

            if (set->annual_group_b >= 0)
              b = MIN (b, set->annual_group_b);
            earned = t.year_a[y] + b + (y == 0 ? carry_in : 0);
            add_requirement (status->requirements, "annual", set->annual_total, earned,
                             earned + EPSILON >= set->annual_total, y + 1,
                             set->annual_required
                             /* TRANSLATORS: year number of the cycle, first and last day, rule
                              * tag. */
                             ? g_strdup_printf (_("Year %d, %s to %s (required, %s)"), y + 1,
                                                from, to, set->annual_rule ? set->annual_rule : "")
                             : g_strdup_printf (_("Year %d, %s to %s (suggested, %s)"), y + 1,
                                                from, to,
                                                set->annual_rule ? set->annual_rule : ""));
          }
    }
  else
    add_finding (status->findings, "CPV-RULES", CPV_SEVERITY_WARNING, 0,
                 _("The program states no requirement for %s with the credentials held"),
                 credential->code);

  /* Deadlines. */
  add_deadline (status->deadlines, "cycle-end", end, -1, NULL, g_strdup (_("End of the cycle")));
  if (cpv_period_is_set (&rules->grace))
    add_deadline (status->deadlines, "grace-end", grace_end, -1, NULL,
                  g_strdup_printf (_("Last day of the grace period if the requirement is "
                                     "unmet (%s)"), rules->grace.rule ? rules->grace.rule : ""));
  if (cpv_period_is_set (&rules->suspension))
    add_deadline (status->deadlines, "termination", termination, -1, NULL,
                  g_strdup_printf (_("Terminated from this day after suspension (%s)"),
                                   rules->suspension.rule ? rules->suspension.rule : ""));
  if (cpv_period_is_set (&rules->retention))
    {
      CpvDay previous_end = cpv_day_add_days (start, -1);
      CpvDay previous_retention = cpv_period_add (&rules->retention, previous_end, 1);

      add_deadline (status->deadlines, "retention-until",
                    cpv_period_add (&rules->retention, end, 1), -1, NULL,
                    g_strdup_printf (_("Keep the evidence of this cycle until (%s)"),
                                     rules->retention.rule ? rules->retention.rule : ""));
      if (previous_retention >= on)
        add_deadline (status->deadlines, "retention-until", previous_retention, -1, NULL,
                      g_strdup_printf (_("Keep the evidence of the previous cycle until (%s)"),
                                       rules->retention.rule ? rules->retention.rule : ""));
    }

  /* Findings about the state. */
  if (set != NULL && set->cycle_total >= 0)
    {
      g_autofree char *end_text = format_day (end);
      g_autofree char *grace_text = format_day (grace_end);
      g_autofree char *termination_text = format_day (termination);
      double missing = MAX (0, set->cycle_total - n.total);

      switch (state)
        {
        case CPV_CREDENTIAL_STATE_GRACE:
          add_finding (status->findings, rules->grace.rule, CPV_SEVERITY_ERROR, 0,
                       _("The cycle ended on %s with the requirement unmet; earn and submit %.2f "
                         "more credits (%.2f Group A) by %s"), end_text, missing,
                       MAX (0, set->group_a_min - n.a), grace_text);
          break;
        case CPV_CREDENTIAL_STATE_SUSPENDED:
          add_finding (status->findings, rules->suspension_start_rule, CPV_SEVERITY_ERROR, 0,
                       _("Suspended since the grace period ended on %s; terminated on %s unless "
                         "the requirement is met"), grace_text, termination_text);
          break;
        case CPV_CREDENTIAL_STATE_TERMINATED:
          if (years == 1)
            add_finding (status->findings, rules->suspension.rule, CPV_SEVERITY_ERROR, 0,
                         _("Terminated on %s; see ISC2-REINST-1 for reinstatement (by "
                           "re-examination only)"), termination_text);
          else
            add_finding (status->findings, rules->suspension.rule, CPV_SEVERITY_ERROR, 0,
                         _("Terminated on %s; see ISC2-REINST-1 for reinstatement"),
                         termination_text);
          break;
        case CPV_CREDENTIAL_STATE_ACTIVE:
        default:
          break;
        }
    }
}

/* JRCA registrations: the dates come from the registration when it is entered (JRCA-GRADE-1),
 * the state from the next procedure's due date: active until it, then within the restoration
 * limit "grace", within the extension for a documented reason "suspended", then "terminated"
 * (JRCA-DATE-2). Everything else is cpv_jrca_evaluate(). */
static void
evaluate_jrca (Engine              *engine,
               Subject             *subject,
               CpvCredentialStatus *status)
{
  CpvCredential *credential = subject->credential;
  const CpvCredentialRules *rules = subject->rules;
  const CpvJrcaData *data = NULL;
  g_autoptr(CpvJrcaData) empty = NULL;
  CpvDay due = 0, limit, extended;

  for (guint i = 0; i < engine->snapshot->jrca->len; i++)
    {
      const CpvJrcaData *candidate = g_ptr_array_index (engine->snapshot->jrca, i);

      if (candidate->credential_id == credential->id)
        data = candidate;
    }
  if (data == NULL)
    data = empty = cpv_jrca_data_new (credential->id);

  cpv_day_parse (credential->cycle_start, &status->cycle_start);
  cpv_day_parse (credential->cycle_end, &status->cycle_end);
  if (data->registration != NULL)
    {
      if (data->registration->expiry_date != 0)
        status->cycle_end = data->registration->expiry_date;
      if (cpv_jrca_next_procedure (data->registration, &due) == CPV_JRCA_PROCEDURE_NONE)
        due = 0;
    }
  if (due == 0)
    due = status->cycle_end;

  status->state = CPV_CREDENTIAL_STATE_ACTIVE;
  if (due != 0 && engine->on > due)
    {
      limit = cpv_period_is_set (&rules->restoration)
                ? cpv_period_add (&rules->restoration, due, 1)
                : cpv_jrca_restoration_limit (due, FALSE);
      extended = cpv_period_is_set (&rules->restoration_extension)
                   ? cpv_period_add (&rules->restoration_extension, limit, 1)
                   : cpv_jrca_restoration_limit (due, TRUE);
      if (engine->on <= limit)
        status->state = CPV_CREDENTIAL_STATE_GRACE;
      else if (engine->on <= extended)
        status->state = CPV_CREDENTIAL_STATE_SUSPENDED;
      else
        status->state = CPV_CREDENTIAL_STATE_TERMINATED;
    }

  cpv_jrca_evaluate (data, credential, engine->on, status->requirements, status->deadlines,
                     status->findings);
}

/* ISC2-AMF-1/2/3, attached to one credential per program (see the comment at the top). */
static void
add_fees (Engine    *engine,
          CpvStatus *result)
{
  GPtrArray *programs = cpv_program_registry_get_programs (engine->registry);

  for (guint p = 0; p < programs->len; p++)
    {
      CpvProgram *program = g_ptr_array_index (programs, p);
      CpvCredentialStatus *carrier = NULL;
      double carrier_amount = -1;
      CpvDay anchor = 0;
      const char *from_tier = NULL, *to_tier = NULL;
      const CpvFee *upgrade;

      if (cpv_program_get_fee_currency (program) == NULL)
        continue;
      for (guint i = 0; i < result->credentials->len; i++)
        {
          CpvCredentialStatus *status = g_ptr_array_index (result->credentials, i);
          CpvCredential *credential = status->credential;
          const CpvCredentialRules *rules;
          const CpvFee *fee;
          CpvDay since = 0, start = 0;

          if (!status->known || g_strcmp0 (credential->program, cpv_program_get_id (program)))
            continue;
          rules = cpv_program_lookup_credential (program, credential->code);
          fee = cpv_program_get_fee (program, rules->fee_tier);
          if (fee != NULL && fee->amount > carrier_amount &&
              status->state != CPV_CREDENTIAL_STATE_TERMINATED)
            {
              carrier = status;
              carrier_amount = fee->amount;
            }
          if (credential->member_since && cpv_day_parse (credential->member_since, &since))
            anchor = anchor ? MIN (anchor, since) : since;
          else if (cpv_day_parse (credential->cycle_start, &start))
            anchor = anchor ? MIN (anchor, start) : start;
        }
      if (carrier == NULL || anchor == 0 || carrier->cycle_start == 0)
        continue;

      for (int k = 1; k < 200; k++)
        {
          CpvDay due = cpv_day_add_years (anchor, k);
          double amount = -1;
          const char *rule = cpv_program_get_fee_rule (program);

          if (due > cpv_day_add_days (carrier->cycle_end, 1))
            break;
          if (due <= carrier->cycle_start)
            continue;
          for (guint i = 0; i < result->credentials->len; i++)
            {
              CpvCredentialStatus *status = g_ptr_array_index (result->credentials, i);
              const CpvCredentialRules *rules;
              const CpvFee *fee;

              if (!status->known ||
                  g_strcmp0 (status->credential->program, cpv_program_get_id (program)) ||
                  !credential_held_on (engine, status->credential, due))
                continue;
              rules = cpv_program_lookup_credential (program, status->credential->code);
              fee = cpv_program_get_fee (program, rules->fee_tier);
              if (fee != NULL && fee->amount > amount)
                {
                  amount = fee->amount;
                  rule = fee->rule;
                }
            }
          if (amount >= 0)
            add_deadline (carrier->deadlines, "amf-due", due, amount,
                          cpv_program_get_fee_currency (program),
                          g_strdup_printf (_("Annual maintenance fee, one per member (%s)"), rule));
        }

      upgrade = cpv_program_get_upgrade_fee (program, &from_tier, &to_tier);
      if (upgrade == NULL)
        continue;
      for (guint i = 0; i < result->credentials->len; i++)
        {
          CpvCredentialStatus *status = g_ptr_array_index (result->credentials, i);
          const CpvCredentialRules *rules;
          CpvDay upgraded = 0;
          gboolean lower_before = FALSE, higher_before = FALSE;

          if (!status->known ||
              g_strcmp0 (status->credential->program, cpv_program_get_id (program)))
            continue;
          rules = cpv_program_lookup_credential (program, status->credential->code);
          if (g_strcmp0 (rules->fee_tier, to_tier) != 0)
            continue;
          if (status->credential->member_since == NULL ||
              !cpv_day_parse (status->credential->member_since, &upgraded))
            cpv_day_parse (status->credential->cycle_start, &upgraded);
          for (guint j = 0; j < result->credentials->len; j++)
            {
              CpvCredentialStatus *other = g_ptr_array_index (result->credentials, j);
              const CpvCredentialRules *other_rules;

              if (other == status || !other->known ||
                  g_strcmp0 (other->credential->program, cpv_program_get_id (program)) ||
                  !credential_held_on (engine, other->credential, cpv_day_add_days (upgraded, -1)))
                continue;
              other_rules = cpv_program_lookup_credential (program, other->credential->code);
              if (g_strcmp0 (other_rules->fee_tier, from_tier) == 0)
                lower_before = TRUE;
              else if (g_strcmp0 (other_rules->fee_tier, to_tier) == 0)
                higher_before = TRUE;
            }
          if (lower_before && !higher_before && upgraded >= carrier->cycle_start &&
              upgraded <= cpv_day_add_days (carrier->cycle_end, 1))
            add_deadline (carrier->deadlines, "amf-due", upgraded, upgrade->amount,
                          cpv_program_get_fee_currency (program),
                          /* TRANSLATORS: %s is a credential such as CISSP, then a rule tag. */
                          g_strdup_printf (_("Upgrade fee on earning %s (%s)"),
                                           status->credential->code,
                                           upgrade->rule ? upgrade->rule : ""));
        }
    }
}

/**
 * cpv_status_compute:
 * @registry: the loaded programs
 * @snapshot: the records
 * @on: the day to report for
 *
 * Computes, for each credential of @snapshot, the cycle containing @on, its state, the credits
 * after every rule, requirement lines, carry-over, deadlines and findings. Pure: no I/O.
 *
 * Returns: (transfer full): the status; free with cpv_status_free()
 */
CpvStatus *
cpv_status_compute (CpvProgramRegistry *registry,
                    CpvSnapshot        *snapshot,
                    CpvDay              on)
{
  CpvStatus *result;
  Engine engine = { registry, snapshot, on, NULL };

  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (registry), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (on != 0, NULL);

  engine.items = g_array_new (FALSE, TRUE, sizeof (Item));
  for (guint i = 0; i < snapshot->activities->len; i++)
    {
      Item item = { NULL, };

      item.activity = g_ptr_array_index (snapshot->activities, i);
      if (!cpv_day_parse (item.activity->end_date, &item.end))
        continue;
      if (!cpv_day_parse (item.activity->start_date, &item.start))
        item.start = item.end;
      item.category = cpv_program_registry_lookup_category (registry, item.activity->category,
                                                            &item.category_program);
      g_array_append_val (engine.items, item);
    }
  /* End-date order (then id): the snapshot's order must not decide which activity crosses a
   * yearly or total maximum, or which of two duplicates is the later one. */
  g_array_sort (engine.items, compare_items);

  result = g_new0 (CpvStatus, 1);
  result->on = on;
  result->credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) credential_status_free);

  for (guint i = 0; i < snapshot->credentials->len; i++)
    {
      CpvCredential *credential = g_ptr_array_index (snapshot->credentials, i);
      CpvCredentialStatus *status = credential_status_new (credential);
      Subject subject = { &engine, credential, NULL, NULL, NULL, { { NULL, NULL }, }, 0 };

      g_ptr_array_add (result->credentials, status);
      subject.rules = cpv_program_registry_lookup_credential (registry, credential->program,
                                                              credential->code,
                                                              &subject.program);
      if (subject.rules == NULL)
        {
          cpv_day_parse (credential->cycle_start, &status->cycle_start);
          cpv_day_parse (credential->cycle_end, &status->cycle_end);
          add_finding (status->findings, "CPV-PROGRAM", CPV_SEVERITY_WARNING, 0,
                       _("No loaded program declares %s/%s; only its dates are shown"),
                       credential->program ? credential->program : "",
                       credential->code ? credential->code : "");
          continue;
        }
      status->known = TRUE;
      status->kind = cpv_program_get_kind (subject.program);
      if (status->kind == CPV_PROGRAM_KIND_JRCA)
        {
          evaluate_jrca (&engine, &subject, status);
          continue;
        }
      subject.set = select_requirement_set (&engine, credential, subject.rules);
      find_feeders (&subject);
      evaluate_cpe (&engine, &subject, status);
    }

  add_fees (&engine, result);
  for (guint i = 0; i < result->credentials->len; i++)
    {
      CpvCredentialStatus *status = g_ptr_array_index (result->credentials, i);

      g_ptr_array_sort (status->deadlines, compare_deadlines);
    }
  g_array_unref (engine.items);
  return result;
}

void
cpv_status_free (CpvStatus *status)
{
  if (status == NULL)
    return;
  g_ptr_array_unref (status->credentials);
  g_free (status);
}

const CpvCredentialStatus *
cpv_status_lookup (CpvStatus *status,
                   gint64     credential_id)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < status->credentials->len; i++)
    {
      CpvCredentialStatus *credential_status = g_ptr_array_index (status->credentials, i);

      if (credential_status->credential->id == credential_id)
        return credential_status;
    }
  return NULL;
}

/* @year 0 matches the first line of @kind. */
const CpvRequirement *
cpv_credential_status_get_requirement (const CpvCredentialStatus *status,
                                       const char                *kind,
                                       int                        year)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < status->requirements->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (status->requirements, i);

      if (g_str_equal (requirement->kind, kind) && (year == 0 || requirement->year == year))
        return requirement;
    }
  return NULL;
}

const CpvDeadline *
cpv_credential_status_get_deadline (const CpvCredentialStatus *status,
                                    const char                *kind)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < status->deadlines->len; i++)
    {
      const CpvDeadline *deadline = g_ptr_array_index (status->deadlines, i);

      if (g_str_equal (deadline->kind, kind))
        return deadline;
    }
  return NULL;
}

/* @activity_id 0 matches any activity. */
const CpvFinding *
cpv_credential_status_get_finding (const CpvCredentialStatus *status,
                                   const char                *rule,
                                   gint64                     activity_id)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < status->findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (status->findings, i);

      if (g_str_equal (finding->rule, rule) &&
          (activity_id == 0 || finding->activity_id == activity_id))
        return finding;
    }
  return NULL;
}

const char *
cpv_credential_state_to_string (CpvCredentialState state)
{
  switch (state)
    {
    case CPV_CREDENTIAL_STATE_GRACE:
      return "grace";
    case CPV_CREDENTIAL_STATE_SUSPENDED:
      return "suspended";
    case CPV_CREDENTIAL_STATE_TERMINATED:
      return "terminated";
    case CPV_CREDENTIAL_STATE_ACTIVE:
    default:
      return "active";
    }
}

const char *
cpv_severity_to_string (CpvSeverity severity)
{
  return severity == CPV_SEVERITY_ERROR ? "error" : "warning";
}

/* ---- output ----------------------------------------------------------------------------- */

static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
set_credits (xmlNode    *node,
             const char *name,
             double      credits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", credits);
  set_prop (node, name, buf);
}

static void
set_day (xmlNode    *node,
         const char *name,
         CpvDay      day)
{
  char buf[11];

  cpv_day_format_buf (day, buf);
  set_prop (node, name, buf);
}

static void
set_int (xmlNode    *node,
         const char *name,
         gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  set_prop (node, name, buf);
}

/**
 * cpv_status_to_xml:
 * @status: a status
 *
 * The contract of `cpe-vault-cli status --format xml` (issue 3; data/schemas/status.rng).
 * Credits have two decimals. Annual lines carry their cycle year, JRCA findings the record.
 *
 * Returns: (transfer full): a UTF-8 XML document
 */
char *
cpv_status_to_xml (CpvStatus *status)
{
  xmlDocPtr doc;
  xmlNode *root;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  g_return_val_if_fail (status != NULL, NULL);

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "status");
  xmlDocSetRootElement (doc, root);
  set_day (root, "on", status->on);

  for (guint i = 0; i < status->credentials->len; i++)
    {
      CpvCredentialStatus *cs = g_ptr_array_index (status->credentials, i);
      xmlNode *node = xmlNewChild (root, NULL, (const xmlChar *) "credential", NULL);

      set_int (node, "id", cs->credential->id);
      set_prop (node, "program", cs->credential->program ? cs->credential->program : "");
      set_prop (node, "code", cs->credential->code ? cs->credential->code : "");
      if (cs->cycle_start != 0)
        set_day (node, "cycle-start", cs->cycle_start);
      if (cs->cycle_end != 0)
        set_day (node, "cycle-end", cs->cycle_end);
      set_prop (node, "state", cpv_credential_state_to_string (cs->state));

      for (guint j = 0; j < cs->requirements->len; j++)
        {
          CpvRequirement *requirement = g_ptr_array_index (cs->requirements, j);
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "requirement", NULL);

          set_prop (child, "kind", requirement->kind);
          set_credits (child, "required", requirement->required);
          set_credits (child, "earned", requirement->earned);
          set_prop (child, "met", requirement->met ? "true" : "false");
          if (requirement->year > 0)
            set_int (child, "year", requirement->year);
        }
      if (cs->known && cs->kind == CPV_PROGRAM_KIND_CPE)
        {
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "carry-over", NULL);

          set_credits (child, "in", cs->carry_in);
          set_credits (child, "eligible-out", cs->carry_out);
        }
      for (guint j = 0; j < cs->deadlines->len; j++)
        {
          CpvDeadline *deadline = g_ptr_array_index (cs->deadlines, j);
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "deadline", NULL);

          set_prop (child, "kind", deadline->kind);
          set_day (child, "date", deadline->date);
          if (deadline->amount >= 0)
            {
              set_credits (child, "amount", deadline->amount);
              set_prop (child, "currency", deadline->currency ? deadline->currency : "USD");
            }
        }
      for (guint j = 0; j < cs->findings->len; j++)
        {
          CpvFinding *finding = g_ptr_array_index (cs->findings, j);
          xmlNode *child = xmlNewChild (node, NULL, (const xmlChar *) "finding", NULL);

          xmlNodeAddContent (child, (const xmlChar *) finding->text);
          set_prop (child, "rule", finding->rule);
          set_prop (child, "severity", cpv_severity_to_string (finding->severity));
          if (finding->activity_id != 0)
            set_int (child, "activity", finding->activity_id);
          if (finding->record_id != 0)
            set_int (child, "record", finding->record_id);
        }
    }
  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  xmlFreeDoc (doc);
  return result;
}

static void
append_bar (GString *out,
            double   earned,
            double   required)
{
  const int width = 20;
  int filled = required > 0 ? (int) floor (MIN (1.0, earned / required) * width + EPSILON)
                            : width;

  g_string_append_c (out, '[');
  for (int i = 0; i < width; i++)
    g_string_append_c (out, i < filled ? '#' : '-');
  g_string_append_c (out, ']');
}

/**
 * cpv_status_to_text:
 * @status: a status
 *
 * Returns: (transfer full): the status for people: aligned columns and text progress bars
 */
char *
cpv_status_to_text (CpvStatus *status)
{
  GString *out = g_string_new (NULL);
  char on[11];

  g_return_val_if_fail (status != NULL, NULL);

  cpv_day_format_buf (status->on, on);
  g_string_append_printf (out, _("Status on %s\n"), on);
  if (status->credentials->len == 0)
    g_string_append (out, _("\nNo credentials.\n"));

  for (guint i = 0; i < status->credentials->len; i++)
    {
      CpvCredentialStatus *cs = g_ptr_array_index (status->credentials, i);
      g_autofree char *state = g_ascii_strup (cpv_credential_state_to_string (cs->state), -1);
      char start[11], end[11];

      cpv_day_format_buf (cs->cycle_start, start);
      cpv_day_format_buf (cs->cycle_end, end);
      /* TRANSLATORS: program id, credential code, credential number, first and last day of
       * the cycle, state (ACTIVE, GRACE, SUSPENDED, TERMINATED: keep these untranslated). */
      g_string_append_printf (out, _("\n%s %s (#%lld)  cycle %s to %s  %s\n"),
                              cs->credential->program ? cs->credential->program : "",
                              cs->credential->code ? cs->credential->code : "",
                              (long long) cs->credential->id, start, end, state);

      for (guint j = 0; j < cs->requirements->len; j++)
        {
          CpvRequirement *requirement = g_ptr_array_index (cs->requirements, j);
          g_autofree char *kind = requirement->year > 0
                                    ? g_strdup_printf ("%s %d", requirement->kind,
                                                       requirement->year)
                                    : g_strdup (requirement->kind);

          g_string_append_printf (out, "  %-22s ", kind);
          append_bar (out, requirement->earned, requirement->required);
          g_string_append_printf (out, " %8.2f / %8.2f  ", requirement->earned,
                                  requirement->required);
          if (g_str_equal (requirement->kind, "group-b-counted"))
            g_string_append (out, _("(at most)"));
          else if (requirement->met)
            g_string_append (out, _("met"));
          else
            g_string_append_printf (out, _("%.2f to go"),
                                    requirement->required - requirement->earned);
          g_string_append_c (out, '\n');
        }
      if (cs->known && cs->kind == CPV_PROGRAM_KIND_CPE)
        {
          g_string_append_printf (out, "  %-22s ", "carry-over");
          g_string_append_printf (out, _("in %.2f, the current surplus would carry %.2f\n"),
                                  cs->carry_in, cs->carry_out);
        }
      for (guint j = 0; j < cs->deadlines->len; j++)
        {
          CpvDeadline *deadline = g_ptr_array_index (cs->deadlines, j);
          char date[11];

          cpv_day_format_buf (deadline->date, date);
          g_string_append_printf (out, "  %-22s %s", deadline->kind, date);
          if (deadline->amount >= 0)
            g_string_append_printf (out, "  %.2f %s", deadline->amount,
                                    deadline->currency ? deadline->currency : "");
          if (deadline->label)
            g_string_append_printf (out, "  %s", deadline->label);
          g_string_append_c (out, '\n');
        }
      for (guint j = 0; j < cs->findings->len; j++)
        {
          CpvFinding *finding = g_ptr_array_index (cs->findings, j);

          g_string_append_printf (out, "  %-7s %-14s ", cpv_severity_to_string (finding->severity),
                                  finding->rule);
          if (finding->activity_id != 0)
            g_string_append_printf (out, _("activity %lld: "), (long long) finding->activity_id);
          else if (finding->record_id != 0)
            g_string_append_printf (out, _("record %lld: "), (long long) finding->record_id);
          g_string_append_printf (out, "%s\n", finding->text);
        }
    }
  return g_string_free (out, FALSE);
}
