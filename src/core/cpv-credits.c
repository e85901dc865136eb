/* cpv-credits.c — credits of one activity: from hours, in steps, under caps
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-credits"

#include "config.h"

#include "cpv-credits.h"

#include <math.h>

/* The same arithmetic as cpv-status.c counts with, for forms that propose credits while a
 * person types: the numbers come from the program file, never from the form. */

#define EPSILON 1e-9

/**
 * cpv_credits_to_step:
 * @program: (nullable): the category's program
 * @credits: a number of credits
 *
 * Returns: @credits rounded down to the program's credit step (ISC2-CALC-2: 0.25); unchanged
 *   when the program has no step
 */
double
cpv_credits_to_step (CpvProgram *program,
                     double      credits)
{
  double step = program != NULL ? cpv_program_get_credit_step (program) : 0;

  if (!isfinite (credits) || credits <= 0)
    return 0;
  if (step <= 0)
    return credits;
  return floor (credits / step + EPSILON) * step;
}

/**
 * cpv_credits_on_step:
 *
 * Returns: %TRUE when @credits is a multiple of the program's credit step
 */
gboolean
cpv_credits_on_step (CpvProgram *program,
                     double      credits)
{
  return fabs (cpv_credits_to_step (program, credits) - credits) <= EPSILON;
}

/**
 * cpv_credits_from_hours:
 * @program: (nullable): the category's program
 * @hours: hours of activity
 *
 * Returns: the credits @hours give (ISC2-CALC-1: one per hour), rounded down to the credit
 *   step (ISC2-CALC-2); caps are not applied (see cpv_credits_cap())
 */
double
cpv_credits_from_hours (CpvProgram *program,
                        double      hours)
{
  double per_hour = program != NULL ? cpv_program_get_credits_per_hour (program) : 1;

  if (!isfinite (hours) || hours <= 0)
    return 0;
  if (per_hour <= 0)
    per_hour = 1;
  return cpv_credits_to_step (program, hours * per_hour);
}

/**
 * cpv_credits_cap:
 * @program: (nullable): the category's program
 * @category: (nullable): the activity's category
 * @cap: (out caller-allocates): the cap that applies
 */
void
cpv_credits_cap (CpvProgram        *program,
                 const CpvCategory *category,
                 CpvCreditCap      *cap)
{
  g_return_if_fail (cap != NULL);

  cap->credits = -1;
  cap->rule = NULL;
  cap->per = NULL;
  if (program != NULL && cpv_program_get_activity_cap (program) >= 0)
    {
      cap->credits = cpv_program_get_activity_cap (program);
      cap->rule = cpv_program_get_activity_cap_rule (program);
    }
  if (category != NULL && category->max_credits >= 0
      && (cap->credits < 0 || category->max_credits < cap->credits))
    {
      cap->credits = category->max_credits;
      cap->rule = category->max_rule;
      if (cap->rule == NULL && program != NULL)
        cap->rule = cpv_program_get_category_cap_rule (program);
      cap->per = category->per;
    }
}
