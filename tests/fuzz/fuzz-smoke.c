/* fuzz-smoke.c — runs a fuzz target's entry point over its seed corpus and deterministic
 * mutations of it, so that the `slow` suite exercises the targets with any compiler
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

#define MUTATIONS_PER_SEED 150

static const char *const tokens[] = {
  "<", ">", "&", "\"", "'", "]]>", "<!--", "&amp;", "&#0;", "&#xFFFE;", "<!DOCTYPE x [",
  "<!ENTITY e \"ee\">", "&e;", "xmlns=\"urn:x\"", "=\"\"", "-1", "1e309", "NaN", "9999-99-99",
  "</", "/>", "c0", "e1", "a1", "====", "\xff\xfe", "\xc3", "\n",
};

static GPtrArray *
read_corpus (const char *dirs)
{
  g_auto(GStrv) list = g_strsplit (dirs, G_SEARCHPATH_SEPARATOR_S, -1);
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (list[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      /* Directory order varies between file systems: sort for reproducible mutations. */
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (list[i], names->pdata[j], NULL);
          char *contents = NULL;
          gsize length = 0;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          g_ptr_array_add (seeds, g_bytes_new_take (contents, length));
        }
    }
  return seeds;
}

static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *bytes,
              guint         length)
{
  guint old_length = array->len;

  g_byte_array_set_size (array, old_length + length);
  memmove (array->data + at + length, array->data + at, old_length - at);
  memcpy (array->data + at, bytes, length);
}

static GByteArray *
mutate (GBytes *seed,
        GRand  *rand)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (seed, &size);
  GByteArray *out = g_byte_array_sized_new (size + 64);
  guint steps = g_rand_int_range (rand, 1, 4);

  g_byte_array_append (out, data, size);
  for (guint step = 0; step < steps; step++)
    {
      guint at = out->len > 0 ? g_rand_int_range (rand, 0, out->len) : 0;
      guint span = out->len > at ? g_rand_int_range (rand, 1, MIN (out->len - at, 64) + 1) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* flip a bit */
          if (out->len > 0)
            out->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* cut a span */
          if (span > 0)
            g_byte_array_remove_range (out, at, span);
          break;
        case 2:   /* truncate */
          g_byte_array_set_size (out, at);
          break;
        case 3:   /* repeat a span */
          if (span > 0)
            {
              g_autofree guint8 *copy = g_memdup2 (out->data + at, span);

              insert_bytes (out, at, copy, span);
            }
          break;
        case 4:   /* insert a token */
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

            insert_bytes (out, at, (const guint8 *) token, strlen (token));
          }
          break;
        default:  /* overwrite a byte */
          if (out->len > 0)
            out->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        }
    }
  return out;
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) seeds = read_corpus (FUZZ_CORPUS);
  guint runs = 0;

  g_assert_cmpuint (seeds->len, >=, 3);
  for (guint i = 0; i < seeds->len; i++)
    {
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (seeds->pdata[i], &size);

      g_assert_cmpint (LLVMFuzzerTestOneInput (data, size), ==, 0);
      runs++;
    }
  /* The empty input too. */
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *) "", 0), ==, 0);
  g_assert_cmpuint (runs, ==, seeds->len);
}

static void
test_mutations (void)
{
  g_autoptr(GPtrArray) seeds = read_corpus (FUZZ_CORPUS);
  guint runs = 0;

  for (guint i = 0; i < seeds->len; i++)
    {
      /* A fixed seed per corpus file: a crash here reproduces on every run. */
      g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed0000 + i);

      for (guint n = 0; n < MUTATIONS_PER_SEED; n++)
        {
          g_autoptr(GByteArray) input = mutate (seeds->pdata[i], rand);

          g_assert_cmpint (LLVMFuzzerTestOneInput (input->data, input->len), ==, 0);
          runs++;
        }
    }
  g_assert_cmpuint (runs, ==, seeds->len * MUTATIONS_PER_SEED);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *corpus_path = NULL;
  g_autofree char *mutations_path = NULL;

  g_test_init (&argc, &argv, NULL);
  corpus_path = g_strdup_printf ("/fuzz/%s/corpus", FUZZ_TARGET);
  mutations_path = g_strdup_printf ("/fuzz/%s/mutations", FUZZ_TARGET);
  g_test_add_func (corpus_path, test_corpus);
  g_test_add_func (mutations_path, test_mutations);
  return g_test_run ();
}
