/* cpv-test-util.c — fixtures shared by the test suites
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-test-util.h"

#include <string.h>
#include <glib/gstdio.h>

void
cpv_test_dir_setup (CpvTestVault  *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cpv-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.cpv", NULL);
  fixture->vault = NULL;
}

void
cpv_test_vault_setup (CpvTestVault  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  cpv_test_dir_setup (fixture, user_data);
  fixture->vault = cpv_vault_create (fixture->path, CPV_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->vault);
}

void
cpv_test_vault_teardown (CpvTestVault  *fixture,
                         gconstpointer  user_data)
{
  if (fixture->vault != NULL)
    {
      cpv_vault_close (fixture->vault);
      g_clear_object (&fixture->vault);
    }
  cpv_test_rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

void
cpv_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            cpv_test_rm_rf (child);
          else
            g_unlink (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
file_contains (const char *path,
               const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize marker_len = strlen (marker);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length >= marker_len && memmem (contents, length, marker, marker_len) != NULL;
}

gboolean
cpv_test_tree_contains (const char *dir_path,
                        const char *marker)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir_path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (cpv_test_tree_contains (child, marker))
            return TRUE;
        }
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR) && file_contains (child, marker))
        {
          g_test_message ("marker found in %s", child);
          return TRUE;
        }
    }
  return FALSE;
}

/* Pattern stream */

#define CPV_TYPE_TEST_PATTERN_STREAM (cpv_test_pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (CpvTestPatternStream, cpv_test_pattern_stream, CPV, TEST_PATTERN_STREAM,
                      GInputStream)

struct _CpvTestPatternStream
{
  GInputStream parent_instance;
  goffset      remaining;
  guint32      state;
};

G_DEFINE_FINAL_TYPE (CpvTestPatternStream, cpv_test_pattern_stream, G_TYPE_INPUT_STREAM)

static void
fill_pattern (guint32 *state,
              guint8  *buffer,
              gsize    count)
{
  for (gsize i = 0; i < count; i++)
    {
      /* xorshift32: cheap, deterministic, incompressible enough for a store test */
      guint32 x = *state;

      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      *state = x;
      buffer[i] = x & 0xff;
    }
}

static gssize
pattern_read (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  CpvTestPatternStream *self = (CpvTestPatternStream *) stream;
  gsize n = MIN ((goffset) count, self->remaining);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  fill_pattern (&self->state, buffer, n);
  self->remaining -= n;
  return n;
}

static gboolean
pattern_close (GInputStream  *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  return TRUE;
}

static void
cpv_test_pattern_stream_class_init (CpvTestPatternStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = pattern_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = pattern_close;
}

static void
cpv_test_pattern_stream_init (CpvTestPatternStream *self)
{
}

GInputStream *
cpv_test_pattern_stream_new (goffset size,
                             guint32 seed)
{
  CpvTestPatternStream *self = g_object_new (CPV_TYPE_TEST_PATTERN_STREAM, NULL);

  self->remaining = size;
  self->state = seed != 0 ? seed : 1;
  return G_INPUT_STREAM (self);
}

char *
cpv_test_pattern_sha256 (goffset size,
                         guint32 seed)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (65536);
  guint32 state = seed != 0 ? seed : 1;

  while (size > 0)
    {
      gsize n = MIN (size, 65536);

      fill_pattern (&state, buffer, n);
      g_checksum_update (checksum, buffer, n);
      size -= n;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static goffset
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key), NULL, 10) * 1024;
}

goffset
cpv_test_peak_rss (void)
{
  return status_kb ("VmHWM:");
}

void
cpv_test_reset_peak_rss (void)
{
  /* "5" resets the peak RSS counter of the process (Linux >= 4.0). */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}
