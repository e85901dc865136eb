/* cpv-program.h — credential programs (rules as data) loaded from XML
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cpv-date.h"
#include "cpv-records.h"

G_BEGIN_DECLS

#define CPV_RULES_ERROR (cpv_rules_error_quark ())

/**
 * CpvRulesError:
 * @CPV_RULES_ERROR_MALFORMED: the file is not well-formed XML
 * @CPV_RULES_ERROR_INVALID: the file does not follow program.rng, or its numbers contradict
 *   each other (e.g. a Group A minimum above the cycle total)
 * @CPV_RULES_ERROR_SCHEMA: program.rng cannot be found or read (a broken installation)
 * @CPV_RULES_ERROR_DUPLICATE: a program with the same id is already loaded
 * @CPV_RULES_ERROR_IO: the file or directory cannot be read
 * @CPV_RULES_ERROR_NOT_FOUND: no program, credential or category with that name
 */
typedef enum
{
  CPV_RULES_ERROR_MALFORMED,
  CPV_RULES_ERROR_INVALID,
  CPV_RULES_ERROR_SCHEMA,
  CPV_RULES_ERROR_DUPLICATE,
  CPV_RULES_ERROR_IO,
  CPV_RULES_ERROR_NOT_FOUND,
} CpvRulesError;

/**
 * CpvProgramKind:
 * @CPV_PROGRAM_KIND_CPE: credit-based continuing education (ISC2 and the like); evaluated by
 *   the generic engine in cpv-status.c from the rule kinds in the file
 * @CPV_PROGRAM_KIND_JRCA: JRCA auditor registration; evaluated by cpv_jrca_evaluate()
 */
typedef enum
{
  CPV_PROGRAM_KIND_CPE,
  CPV_PROGRAM_KIND_JRCA,
} CpvProgramKind;

typedef enum
{
  CPV_PERIOD_DAYS,
  CPV_PERIOD_MONTHS,
  CPV_PERIOD_YEARS,
} CpvPeriodUnit;

/* A length of time as the source states it ("90 days", "12 months", "2 years"); count 0 means
 * the program does not state the period. */
typedef struct
{
  int            count;
  CpvPeriodUnit  unit;
  char          *rule;     /* rule tag the number comes from, may be NULL */
} CpvPeriod;

/* A category of activity. Every field is read-only and owned by its CpvProgram. */
typedef struct
{
  char    *key;                  /* stable lowercase key, "isc2.education.self-study-book" */
  char    *label;
  char     group;                /* default group: 'A' or 'B' */
  double   max_credits;          /* per activity; < 0 when the category has no cap of its own */
  char    *per;                  /* what max_credits is counted per ("book", "entry"), or NULL */
  char    *max_rule;             /* rule tag of the cap, or NULL */
  GStrv    evidence_kinds;       /* expected evidence kinds, NULL-terminated (never NULL) */
  char    *evidence_rule;
  GStrv    required_fields;      /* activity fields to keep: "isbn", "author", "publisher" */
  char    *required_rule;
  int      description_max_words; /* 0 when not limited */
  char    *description_rule;
  GHashTable *names;             /* xml:lang -> <name>, for ..._get_localized_name() */
} CpvCategory;

/* Requirements of one cycle. A credential can have several sets, selected by which other
 * credentials of the program are held (ISC2-CONC-1 / ISC2-CONC-2). Values < 0: not stated. */
typedef struct
{
  char    *when_held;            /* the set applies when this code is also held, or NULL */
  char    *when_not_held;        /* the set applies when this code is not held, or NULL */
  char    *rule;
  double   cycle_total;
  double   group_a_min;
  double   group_b_max;          /* at most this much Group B counts; 0 with group B refused */
  double   annual_group_a;       /* suggested (ISC2-REQ-1) per cycle year */
  double   annual_group_b;
  double   annual_total;
  char    *annual_rule;
  gboolean annual_required;      /* TRUE only where the source makes the yearly figure binding */
  double   carry_max;            /* < 0: no carry-over (ISC2-CARRY-1) */
  CpvPeriod carry_window;        /* earned within this period before the cycle end */
  char     carry_group;          /* 'A', or 0 for any group */
  gboolean carry_counts_toward_cycle;
  char    *carry_rule;
} CpvRequirementSet;

/* A link between two credentials of a program (ISC2-CONC-1): the credits of @from count toward
 * @to, and @to must contain at least @floor_group_a Group A credits related to @from. */
typedef struct
{
  char   *kind;                  /* "counts-toward" */
  char   *to;
  double  floor_group_a;         /* < 0 when there is no floor */
  char   *rule;
} CpvCredentialLink;

typedef struct
{
  char      *code;
  char      *name;
  int        cycle_years;
  char      *fee_tier;           /* key into the program's fee schedule, or NULL */
  gboolean   group_b_allowed;
  char      *group_b_rule;
  GPtrArray *requirement_sets;   /* of CpvRequirementSet */
  GPtrArray *links;              /* of CpvCredentialLink */
  CpvPeriod  grace;
  CpvPeriod  suspension;         /* after the grace period; then termination */
  char      *suspension_start_rule;
  CpvPeriod  retention;          /* evidence kept after the cycle end */
  CpvPeriod  audit_response;
  CpvPeriod  appeal;
  CpvPeriod  partner_reflection;
  char      *grade;              /* JRCA: assistant, auditor, lead, expert; NULL otherwise */
  CpvPeriod  maintenance;        /* JRCA: maintenance interval */
  CpvPeriod  application_window; /* JRCA: applications open this long before a deadline */
  CpvPeriod  restoration;        /* JRCA: restoration limit after the deadline */
  CpvPeriod  restoration_extension;
  double     cpd_hours_per_year; /* JRCA expert-only CPD; < 0 when not stated */
  char      *cpd_rule;
  GHashTable *names;           /* xml:lang -> <name>, for ..._get_localized_name() */
} CpvCredentialRules;

typedef struct
{
  char   *tier;
  double  amount;
  char   *rule;
} CpvFee;

#define CPV_TYPE_PROGRAM (cpv_program_get_type ())
G_DECLARE_FINAL_TYPE (CpvProgram, cpv_program, CPV, PROGRAM, GObject)

#define CPV_TYPE_PROGRAM_REGISTRY (cpv_program_registry_get_type ())
G_DECLARE_FINAL_TYPE (CpvProgramRegistry, cpv_program_registry, CPV, PROGRAM_REGISTRY, GObject)

GQuark                    cpv_rules_error_quark                  (void);

CpvProgram               *cpv_program_new_from_file              (const char          *path,
                                                                  const char          *schema_path,
                                                                  GError             **error);
const char               *cpv_program_get_id                     (CpvProgram          *self);
const char               *cpv_program_get_name                   (CpvProgram          *self);
const char               *cpv_program_get_localized_name         (CpvProgram          *self);
const char               *cpv_credential_rules_get_localized_name (const CpvCredentialRules *rules);
const char               *cpv_category_get_localized_name        (const CpvCategory   *category);
const char               *cpv_program_get_path                   (CpvProgram          *self);
CpvProgramKind            cpv_program_get_kind                   (CpvProgram          *self);
double                    cpv_program_get_credits_per_hour       (CpvProgram          *self);
double                    cpv_program_get_credit_step            (CpvProgram          *self);
const char               *cpv_program_get_credit_step_rule       (CpvProgram          *self);
double                    cpv_program_get_activity_cap           (CpvProgram          *self);
const char               *cpv_program_get_activity_cap_rule      (CpvProgram          *self);
const char               *cpv_program_get_category_cap_rule      (CpvProgram          *self);
gboolean                  cpv_program_get_auto_credits_in_grace  (CpvProgram          *self);
const char               *cpv_program_get_auto_credits_rule      (CpvProgram          *self);
const char               *cpv_program_get_duplicate_rule         (CpvProgram          *self);
const char               *cpv_program_get_fee_currency           (CpvProgram          *self);
const char               *cpv_program_get_fee_rule               (CpvProgram          *self);
const CpvFee             *cpv_program_get_fee                    (CpvProgram          *self,
                                                                  const char          *tier);
const CpvFee             *cpv_program_get_upgrade_fee            (CpvProgram          *self,
                                                                  const char         **from_tier,
                                                                  const char         **to_tier);
GPtrArray                *cpv_program_get_credentials            (CpvProgram          *self);
GPtrArray                *cpv_program_get_categories             (CpvProgram          *self);
const CpvCredentialRules *cpv_program_lookup_credential          (CpvProgram          *self,
                                                                  const char          *code);
const CpvCategory        *cpv_program_lookup_category            (CpvProgram          *self,
                                                                  const char          *key);

CpvDay                    cpv_period_add                         (const CpvPeriod     *period,
                                                                  CpvDay               day,
                                                                  int                  times);
gboolean                  cpv_period_is_set                      (const CpvPeriod     *period);

CpvProgramRegistry       *cpv_program_registry_new               (void);
CpvProgramRegistry       *cpv_program_registry_new_default       (GError             **error);
char                     *cpv_program_registry_get_schema_path   (void);
char                     *cpv_program_registry_get_system_dir    (void);
char                     *cpv_program_registry_get_user_dir      (void);
CpvProgram               *cpv_program_registry_load_file         (CpvProgramRegistry  *self,
                                                                  const char          *path,
                                                                  GError             **error);
gboolean                  cpv_program_registry_load_dir          (CpvProgramRegistry  *self,
                                                                  const char          *dir,
                                                                  gboolean             skip_invalid,
                                                                  GError             **error);
GPtrArray                *cpv_program_registry_get_programs      (CpvProgramRegistry  *self);
GPtrArray                *cpv_program_registry_get_problems      (CpvProgramRegistry  *self);
CpvProgram               *cpv_program_registry_lookup            (CpvProgramRegistry  *self,
                                                                  const char          *program_id);
const CpvCategory        *cpv_program_registry_lookup_category   (CpvProgramRegistry  *self,
                                                                  const char          *key,
                                                                  CpvProgram         **out_program);
const CpvCredentialRules *cpv_program_registry_lookup_credential (CpvProgramRegistry  *self,
                                                                  const char          *program_id,
                                                                  const char          *code,
                                                                  CpvProgram         **out_program);
gboolean                  cpv_program_registry_credential_held_on (CpvProgramRegistry *self,
                                                                   CpvCredential      *credential,
                                                                   CpvDay              day);
gboolean                  cpv_program_registry_default_lines     (CpvProgramRegistry  *self,
                                                                  CpvActivity         *activity,
                                                                  GPtrArray           *credentials,
                                                                  GError             **error);

char                     *cpv_programs_to_xml                    (CpvProgramRegistry  *self);
char                     *cpv_programs_to_text                   (CpvProgramRegistry  *self);

G_END_DECLS
