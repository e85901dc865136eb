/* records-test-util.h — small builders shared by the test-records-* tests
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-date.h"
#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-test-util.h"

static inline CpvDay
day_of (const char *iso)
{
  CpvDay day = 0;

  g_assert_true (cpv_day_parse (iso, &day));
  return day;
}

static inline gint64
add_credential (CpvVault   *vault,
                const char *program,
                const char *code,
                const char *start,
                const char *end)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->program = g_strdup (program);
  credential->code = g_strdup (code);
  credential->cycle_start = g_strdup (start);
  credential->cycle_end = g_strdup (end);
  id = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline CpvActivity *
new_activity (const char *title,
              const char *category,
              const char *start,
              const char *end,
              double      credits)
{
  CpvActivity *activity = cpv_activity_new ();

  activity->title = g_strdup (title);
  activity->category = g_strdup (category);
  activity->start_date = g_strdup (start);
  activity->end_date = g_strdup (end);
  activity->credits = credits;
  return activity;
}

static inline gint64
store_activity (CpvVault    *vault,
                CpvActivity *activity)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpv_vault_add_activity (vault, activity, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  activity->id = id;
  return id;
}

static inline gint64
add_activity (CpvVault   *vault,
              const char *title,
              const char *category,
              const char *start,
              const char *end,
              gint64      credential_id)
{
  g_autoptr(CpvActivity) activity = new_activity (title, category, start, end, 1);

  if (credential_id != 0)
    cpv_activity_add_credit_line (activity, credential_id, 'A');
  return store_activity (vault, activity);
}

static inline CpvEvidence *
attach_text (CpvVault   *vault,
             gint64      activity_id,
             const char *content,
             const char *file_name,
             const char *kind,
             const char *tlp,
             gboolean    secret)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (content), -1,
                                                                        g_free);
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { kind, tlp, secret, NULL, file_name };
  CpvEvidence *evidence = cpv_vault_attach_evidence (vault, activity_id, stream, &meta, NULL,
                                                     NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  return evidence;
}

static inline gboolean
activity_exists (CpvVault *vault,
                 gint64    id)
{
  g_autoptr(CpvActivity) activity = cpv_vault_get_activity (vault, id, NULL);

  return activity != NULL;
}

static inline gboolean
evidence_exists (CpvVault *vault,
                 gint64    id)
{
  g_autoptr(CpvEvidence) evidence = cpv_vault_get_evidence (vault, id, NULL);

  return evidence != NULL;
}
