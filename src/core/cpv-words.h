/* cpv-words.h — word counts for the 250-word descriptions of ISC2-REC-4
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint words;           /* the estimate compared with the limit: spaced words + cjk_words */
  guint spaced_words;    /* words of scripts written with spaces (English, digits …) */
  guint cjk_characters;  /* Han, Hiragana, Katakana and Hangul characters */
  guint cjk_words;       /* the word estimate for those characters (see cpv-words.c) */
} CpvWordCount;

void     cpv_words_count_full    (const char   *text,
                                  CpvWordCount *count);
guint    cpv_words_count         (const char   *text);
gboolean cpv_words_within        (const char   *text,
                                  guint         max_words);

G_END_DECLS
