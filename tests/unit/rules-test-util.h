/* rules-test-util.h — builders shared by the rules and status tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "cpv-program.h"
#include "cpv-records.h"
#include "cpv-status.h"

typedef struct
{
  CpvProgramRegistry *registry;
  CpvSnapshot        *snapshot;
  CpvStatus          *status;
} RulesFixture;

static inline void
rules_fixture_setup (RulesFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->registry);
  fixture->snapshot = cpv_snapshot_new ();
  fixture->status = NULL;
}

static inline void
rules_fixture_teardown (RulesFixture  *fixture,
                        gconstpointer  data)
{
  g_clear_pointer (&fixture->status, cpv_status_free);
  g_clear_pointer (&fixture->snapshot, cpv_snapshot_free);
  g_assert_finalize_object (fixture->registry);
}

static inline CpvDay
day (const char *iso)
{
  CpvDay result = 0;

  g_assert_true (cpv_day_parse (iso, &result));
  return result;
}

/* Adds a credential to the fixture's snapshot; the snapshot holds the reference. */
static inline CpvCredential *
add_credential (RulesFixture *fixture,
                gint64        id,
                const char   *program,
                const char   *code,
                const char   *cycle_start,
                const char   *cycle_end)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();

  credential->id = id;
  credential->program = g_strdup (program);
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup (cycle_start);
  credential->cycle_end = g_strdup (cycle_end);
  cpv_snapshot_add_credential (fixture->snapshot, credential);
  return credential;
}

/* Adds an activity without credit lines (it counts by the category's default group for every
 * credential of the program held on its end date). */
static inline CpvActivity *
add_activity (RulesFixture *fixture,
              gint64        id,
              const char   *category,
              const char   *start_date,
              const char   *end_date,
              double        credits)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();

  activity->id = id;
  activity->title = g_strdup_printf ("Activity %" G_GINT64_FORMAT, id);
  activity->category = g_strdup (category);
  activity->start_date = g_strdup (start_date);
  activity->end_date = g_strdup (end_date);
  activity->credits = credits;
  cpv_snapshot_add_activity (fixture->snapshot, activity);
  return activity;
}

static inline const CpvCredentialStatus *
compute (RulesFixture *fixture,
         const char   *on,
         gint64        credential_id)
{
  const CpvCredentialStatus *status;

  g_clear_pointer (&fixture->status, cpv_status_free);
  fixture->status = cpv_status_compute (fixture->registry, fixture->snapshot, day (on));
  g_assert_nonnull (fixture->status);
  status = cpv_status_lookup (fixture->status, credential_id);
  g_assert_nonnull (status);
  return status;
}

static inline double
earned (const CpvCredentialStatus *status,
        const char                *kind,
        int                        year)
{
  const CpvRequirement *requirement = cpv_credential_status_get_requirement (status, kind, year);

  g_assert_nonnull (requirement);
  return requirement->earned;
}

static inline double
required (const CpvCredentialStatus *status,
          const char                *kind,
          int                        year)
{
  const CpvRequirement *requirement = cpv_credential_status_get_requirement (status, kind, year);

  g_assert_nonnull (requirement);
  return requirement->required;
}

static inline gboolean
met (const CpvCredentialStatus *status,
     const char                *kind,
     int                        year)
{
  const CpvRequirement *requirement = cpv_credential_status_get_requirement (status, kind, year);

  g_assert_nonnull (requirement);
  return requirement->met;
}

static inline CpvDay
deadline (const CpvCredentialStatus *status,
          const char                *kind)
{
  const CpvDeadline *found = cpv_credential_status_get_deadline (status, kind);

  g_assert_nonnull (found);
  return found->date;
}

static inline char *
day_string (CpvDay value)
{
  return cpv_day_format (value);
}

static inline guint
count_findings (const CpvCredentialStatus *status,
                const char                *rule)
{
  guint n = 0;

  for (guint i = 0; i < status->findings->len; i++)
    {
      const CpvFinding *finding = g_ptr_array_index (status->findings, i);

      if (g_str_equal (finding->rule, rule))
        n++;
    }
  return n;
}

static inline void
rules_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rules_test_remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_rmdir (path);
}

/* Points $XDG_DATA_HOME at a fresh directory before GLib reads it, so that programs in the
 * developer's own ~/.local/share/cpe-vault/programs never change a result. (Not
 * G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks in it, which the valgrind setup reports.) */
static inline char *
rules_test_isolate_data_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("cpv-rules-data-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  return home;
}

#define RULES_TEST(path, func) \
  g_test_add (path, RulesFixture, NULL, rules_fixture_setup, func, rules_fixture_teardown)
