/* test-credits.c — credits proposed by the activity editor: hours, steps and caps
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-credits.h"

typedef struct
{
  CpvProgramRegistry *registry;
  CpvProgram         *isc2;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  fixture->isc2 = cpv_program_registry_lookup (fixture->registry, "isc2");
  g_assert_nonnull (fixture->isc2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->registry);
}

static void
test_from_hours (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* One credit per hour (ISC2-CALC-1), in quarter credits (ISC2-CALC-2), rounded down. */
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, 3), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, 1.5), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, 1.8), 1.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, 0.2), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, -1), 0, 1e-9);
  /* Caps are not applied here: the editor warns instead of silently cutting. */
  g_assert_cmpfloat_with_epsilon (cpv_credits_from_hours (fixture->isc2, 50), 50, 1e-9);
}

static void
test_step (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_assert_true (cpv_credits_on_step (fixture->isc2, 0.75));
  g_assert_true (cpv_credits_on_step (fixture->isc2, 12));
  g_assert_false (cpv_credits_on_step (fixture->isc2, 0.3));
  g_assert_cmpfloat_with_epsilon (cpv_credits_to_step (fixture->isc2, 0.3), 0.25, 1e-9);
  /* Without a program nothing is rounded. */
  g_assert_cmpfloat_with_epsilon (cpv_credits_to_step (NULL, 0.3), 0.3, 1e-9);
}

static void
test_caps (Fixture       *fixture,
           gconstpointer  user_data)
{
  CpvCreditCap cap;
  const CpvCategory *book = cpv_program_lookup_category (fixture->isc2,
                                                         "isc2.education.self-study-book");
  const CpvCategory *course = cpv_program_lookup_category (fixture->isc2,
                                                           "isc2.education.course");

  g_assert_nonnull (book);
  g_assert_nonnull (course);
  /* ISC2-CAT-1: a self-study book counts at most 5, lower than the 40 of ISC2-CALC-3. */
  cpv_credits_cap (fixture->isc2, book, &cap);
  g_assert_cmpfloat_with_epsilon (cap.credits, 5, 1e-9);
  g_assert_cmpstr (cap.rule, ==, "ISC2-CAT-1");
  g_assert_cmpstr (cap.per, ==, "book");
  /* A course has no cap of its own: the per-activity 40 applies. */
  cpv_credits_cap (fixture->isc2, course, &cap);
  g_assert_cmpfloat_with_epsilon (cap.credits, 40, 1e-9);
  g_assert_cmpstr (cap.rule, ==, "ISC2-CALC-3");
  g_assert_null (cap.per);
  cpv_credits_cap (NULL, NULL, &cap);
  g_assert_cmpfloat (cap.credits, <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rules/isc2/ISC2-CALC-1/credits-from-hours", Fixture, NULL,
              fixture_set_up, test_from_hours, fixture_tear_down);
  g_test_add ("/rules/isc2/ISC2-CALC-2/quarter-steps", Fixture, NULL,
              fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/rules/isc2/ISC2-CAT-1/category-cap-below-ISC2-CALC-3", Fixture, NULL,
              fixture_set_up, test_caps, fixture_tear_down);

  return g_test_run ();
}
