/* cpv-credits.h — credits of one activity: from hours, in steps, under caps
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-program.h"

G_BEGIN_DECLS

/* The maximum credits one activity of @category may count, the lower of the program's
 * per-activity cap (ISC2-CALC-3) and the category's own (ISC2-CAT-1). */
typedef struct
{
  double      credits;   /* < 0 when neither the program nor the category caps it */
  const char *rule;      /* tag of the cap that applies, may be NULL */
  const char *per;       /* what the category's cap counts per ("book"), NULL for the program's */
} CpvCreditCap;

double   cpv_credits_from_hours  (CpvProgram        *program,
                                  double             hours);
double   cpv_credits_to_step     (CpvProgram        *program,
                                  double             credits);
gboolean cpv_credits_on_step     (CpvProgram        *program,
                                  double             credits);
void     cpv_credits_cap         (CpvProgram        *program,
                                  const CpvCategory *category,
                                  CpvCreditCap      *cap);

G_END_DECLS
