/* cpv-cpd-lint.h — the form 4B description check (JRCA-CPD-3)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The four deficient descriptions of seed 004 section 16 (習得内容の記述不備の例). Stable keys:
 * "theme-only", "activity-only", "list", "generic". */
typedef enum
{
  CPV_CPD_LINT_THEME_ONLY,     /* 1) only the theme of what was learned */
  CPV_CPD_LINT_ACTIVITY_ONLY,  /* 2) only what was done: attended, organised, taught … */
  CPV_CPD_LINT_LIST,           /* 3) a table of contents or a list of keywords */
  CPV_CPD_LINT_GENERIC,        /* 4) generic phrases ("learned the latest security knowledge") */
} CpvCpdLintKind;

/* One problem. Every string is static. */
typedef struct
{
  CpvCpdLintKind  kind;
  const char     *rule;          /* "JRCA-CPD-3" */
  const char     *reason;        /* why, in English */
  const char     *reason_ja;     /* why, in Japanese */
  const char     *seed_example;  /* the seed's own example of this deficiency */
  const char     *seed_advice;   /* what the seed asks for instead */
} CpvCpdLintProblem;

const char *cpv_cpd_lint_kind_to_key (CpvCpdLintKind  kind);

/**
 * cpv_cpd_lint:
 * @learned: (nullable): the "what was learned" text of a form 4B (習得内容), Japanese or English
 *
 * Flags descriptions that would not show JRCA what was learned. Heuristic, advisory only:
 * it never blocks saving a record. A blank text gives no problems (the missing form 4B is
 * reported by the status engine, JRCA-CPD-2).
 *
 * Returns: (transfer full) (element-type CpvCpdLintProblem): the problems found, in the
 *   order of the enum; empty when none
 */
GArray     *cpv_cpd_lint             (const char     *learned);

/* TRUE when @problems (from cpv_cpd_lint()) holds a problem of @kind. */
gboolean    cpv_cpd_lint_has         (GArray         *problems,
                                      CpvCpdLintKind  kind);

G_END_DECLS
