/* cpv-words.c — word counts for the 250-word descriptions of ISC2-REC-4
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-words"

#include "config.h"

#include "cpv-words.h"

/* The heuristic (Pango's word breaker is not available to the core, and a dictionary-based
 * Japanese segmenter is out of scope):
 *
 * - Text written with spaces: a word is a run of letters, digits or marks, joined by an inner
 *   apostrophe, hyphen, period or comma ("don't", "ISO-27001", "3.5"); punctuation alone is
 *   not a word. This is what word processors report for English.
 * - Japanese (and Chinese, Korean) text has no spaces. It is cut into runs of one script
 *   (Han, Hiragana, Katakana, Hangul) by g_unichar_get_script(); the prolonged sound mark ー
 *   and the iteration marks belong to the run they follow. A run is then estimated as words:
 *     Han (kanji):   one word per two characters, rounded up (most kanji words are two
 *                    characters: 監査, 情報, 管理);
 *     Hiragana:      one word per three characters, rounded up (particles and inflections:
 *                    の, には, しました);
 *     Katakana:      one word per run (loanwords: セキュリティ, ホワイトペーパー);
 *     Hangul:        Korean is written with spaces between phrases; each run is one word.
 *   The character count is reported too, so a user can compare with a character limit.
 */

typedef enum
{
  RUN_NONE,
  RUN_SPACED,
  RUN_HAN,
  RUN_HIRAGANA,
  RUN_KATAKANA,
  RUN_HANGUL,
} RunKind;

static RunKind
run_kind_of (gunichar c,
             RunKind  current)
{
  GUnicodeScript script;

  /* ー (prolonged sound), ゝゞヽヾ々 (iteration marks) continue the current run. */
  if (c == 0x30FC || c == 0xFF70 || c == 0x3005 || c == 0x309D || c == 0x309E ||
      c == 0x30FD || c == 0x30FE)
    return current != RUN_NONE && current != RUN_SPACED ? current : RUN_KATAKANA;

  script = g_unichar_get_script (c);
  switch (script)
    {
    case G_UNICODE_SCRIPT_HAN:
      return RUN_HAN;
    case G_UNICODE_SCRIPT_HIRAGANA:
      return RUN_HIRAGANA;
    case G_UNICODE_SCRIPT_KATAKANA:
      return RUN_KATAKANA;
    case G_UNICODE_SCRIPT_HANGUL:
      return RUN_HANGUL;
    default:
      break;
    }
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return RUN_SPACED;
  return RUN_NONE;
}

/* Inner joiners keep a spaced word together: "don't", "ISO-27001", "3.5", "1,000". */
static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == '.' || c == ',' ||
         c == '_' || c == '/' || c == '@' || c == '&';
}

static guint
estimate_run (RunKind kind,
              guint   length)
{
  switch (kind)
    {
    case RUN_HAN:
      return (length + 1) / 2;
    case RUN_HIRAGANA:
      return (length + 2) / 3;
    case RUN_KATAKANA:
    case RUN_HANGUL:
      return length > 0 ? 1 : 0;
    default:
      return 0;
    }
}

/**
 * cpv_words_count_full:
 * @text: (nullable): UTF-8 text; invalid UTF-8 counts as nothing
 * @count: (out caller-allocates): the counts
 *
 * Counts words for the limit of ISC2-REC-4 with the heuristic described at the top of this
 * file: spaced words exactly, Japanese by characters with a word estimate.
 */
void
cpv_words_count_full (const char   *text,
                      CpvWordCount *count)
{
  RunKind run = RUN_NONE;
  guint run_length = 0;
  gunichar pending_joiner = 0;

  g_return_if_fail (count != NULL);

  *count = (CpvWordCount) { 0, 0, 0, 0 };
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      RunKind kind = c == 0 ? RUN_NONE : run_kind_of (c, run);

      /* A joiner between two spaced characters continues the word. */
      if (run == RUN_SPACED && kind == RUN_NONE && is_joiner (c) && pending_joiner == 0)
        {
          pending_joiner = c;
          continue;
        }
      if (pending_joiner != 0)
        {
          pending_joiner = 0;
          if (kind == RUN_SPACED)
            continue;
        }

      if (kind != run)
        {
          if (run == RUN_SPACED)
            count->spaced_words++;
          else
            count->cjk_words += estimate_run (run, run_length);
          run = kind;
          run_length = 0;
        }
      if (kind != RUN_NONE && kind != RUN_SPACED)
        count->cjk_characters++;
      run_length++;
      if (c == 0)
        break;
    }
  count->words = count->spaced_words + count->cjk_words;
}

/**
 * cpv_words_count:
 *
 * Returns: the word count (or estimate, for Japanese) of @text
 */
guint
cpv_words_count (const char *text)
{
  CpvWordCount count;

  cpv_words_count_full (text, &count);
  return count.words;
}

/**
 * cpv_words_within:
 *
 * Returns: %TRUE when @text has at most @max_words words (ISC2-REC-4: 250)
 */
gboolean
cpv_words_within (const char *text,
                  guint       max_words)
{
  return cpv_words_count (text) <= max_words;
}
