/* test-records-isbn-words.c — ISBN check digits (ISC2-REC-2) and word counts (ISC2-REC-4)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-isbn.h"
#include "cpv-words.h"

static void
test_isbn13_valid (void)
{
  g_autofree char *digits = NULL;

  g_assert_cmpint (cpv_isbn_check ("9784101092058", &digits), ==, CPV_ISBN_VALID);
  g_assert_cmpstr (digits, ==, "9784101092058");
  g_assert_true (cpv_isbn_is_valid ("9780306406157"));
  g_assert_true (cpv_isbn_is_valid ("979-10-90636-07-1"));
}

static void
test_isbn13_invalid (void)
{
  g_assert_cmpint (cpv_isbn_check ("9780306406158", NULL), ==, CPV_ISBN_BAD_CHECK_DIGIT);
  g_assert_cmpint (cpv_isbn_check ("9770306406157", NULL), ==, CPV_ISBN_BAD_PREFIX);
  g_assert_cmpint (cpv_isbn_check ("978030640615", NULL), ==, CPV_ISBN_BAD_LENGTH);
  g_assert_cmpint (cpv_isbn_check ("978-0-306-4061a-7", NULL), ==, CPV_ISBN_BAD_CHARACTERS);
  g_assert_cmpint (cpv_isbn_check ("   ", NULL), ==, CPV_ISBN_EMPTY);
  g_assert_cmpint (cpv_isbn_check (NULL, NULL), ==, CPV_ISBN_EMPTY);
}

static void
test_isbn_hyphens (void)
{
  g_autofree char *digits = NULL;

  g_assert_cmpint (cpv_isbn_check ("ISBN 978-4-10-109205-8", &digits), ==, CPV_ISBN_VALID);
  g_assert_cmpstr (digits, ==, "9784101092058");
  g_assert_true (cpv_isbn_is_valid ("ISBN-10: 0-306-40615-2"));
  g_assert_true (cpv_isbn_is_valid ("0 306 40615 2"));
  /* A single changed digit inside the hyphenated form is caught. */
  g_assert_false (cpv_isbn_is_valid ("978-4-10-109215-8"));
}

static void
test_isbn10_x (void)
{
  g_autofree char *digits = NULL;
  g_autofree char *isbn13 = NULL;

  /* 0-8044-2957-X: 0*10+8*9+0*8+4*7+4*6+2*5+9*4+5*3+7*2+10*1 = 209 = 19*11 */
  g_assert_cmpint (cpv_isbn_check ("0-8044-2957-x", &digits), ==, CPV_ISBN_VALID);
  g_assert_cmpstr (digits, ==, "080442957X");
  g_assert_cmpint (cpv_isbn_check ("0-8044-2957-5", NULL), ==, CPV_ISBN_BAD_CHECK_DIGIT);
  /* X anywhere else, or in an ISBN-13, is wrong. */
  g_assert_cmpint (cpv_isbn_check ("08044X9575", NULL), ==, CPV_ISBN_BAD_CHARACTERS);
  g_assert_cmpint (cpv_isbn_check ("978030640615X", NULL), ==, CPV_ISBN_BAD_CHARACTERS);
  isbn13 = cpv_isbn_to_isbn13 ("0-306-40615-2");
  g_assert_cmpstr (isbn13, ==, "9780306406157");
  g_assert_null (cpv_isbn_to_isbn13 ("0-306-40615-3"));
}

static void
test_words_english (void)
{
  CpvWordCount count;

  cpv_words_count_full ("I learned how ISO-27001 audits don't cover 3.5 days, and why.",
                        &count);
  /* I, learned, how, ISO-27001, audits, don't, cover, 3.5, days, and, why */
  g_assert_cmpuint (count.words, ==, 11);
  g_assert_cmpuint (count.spaced_words, ==, 11);
  g_assert_cmpuint (count.cjk_characters, ==, 0);
  g_assert_cmpuint (cpv_words_count ("  -- ... !!  "), ==, 0);
  g_assert_cmpuint (cpv_words_count (NULL), ==, 0);
  g_assert_cmpuint (cpv_words_count ("one\ntwo\tthree  four"), ==, 4);
}

static void
test_words_japanese (void)
{
  CpvWordCount count;

  /* 情報セキュリティ監査の基礎を学んだ。
   * runs: 情報 (Han 2 -> 1) セキュリティ (Katakana -> 1) 監査 (Han 2 -> 1) の (Hiragana 1 -> 1)
   *       基礎 (Han 2 -> 1) を (Hiragana 1 -> 1) 学 (Han 1 -> 1) んだ (Hiragana 2 -> 1) */
  cpv_words_count_full ("情報セキュリティ監査の基礎を学んだ。", &count);
  g_assert_cmpuint (count.cjk_characters, ==, 17);
  g_assert_cmpuint (count.cjk_words, ==, 8);
  g_assert_cmpuint (count.spaced_words, ==, 0);
  g_assert_cmpuint (count.words, ==, 8);
  /* The prolonged sound mark stays in its katakana run: one loanword. */
  g_assert_cmpuint (cpv_words_count ("ホワイトペーパー"), ==, 1);
}

static void
test_words_mixed (void)
{
  CpvWordCount count;

  /* ISMS (1) と (1) ISO (1) 27001 (1) の (1) 監査 (1) を 学習 -> を (1) 学習 (1) */
  cpv_words_count_full ("ISMSとISO 27001の監査を学習", &count);
  g_assert_cmpuint (count.spaced_words, ==, 3);
  g_assert_cmpuint (count.cjk_words, ==, 5);
  g_assert_cmpuint (count.words, ==, 8);
  g_assert_true (cpv_words_within ("ISMSとISO 27001の監査を学習", 8));
  g_assert_false (cpv_words_within ("ISMSとISO 27001の監査を学習", 7));
}

static void
test_words_limit (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 250; i++)
    g_string_append (text, "word ");
  g_assert_true (cpv_words_within (text->str, 250));
  g_string_append (text, "over");
  g_assert_false (cpv_words_within (text->str, 250));
  g_assert_cmpuint (cpv_words_count (text->str), ==, 251);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/records/ISC2-REC-2/isbn13/valid", test_isbn13_valid);
  g_test_add_func ("/records/ISC2-REC-2/isbn13/invalid", test_isbn13_invalid);
  g_test_add_func ("/records/ISC2-REC-2/isbn/hyphens", test_isbn_hyphens);
  g_test_add_func ("/records/ISC2-REC-2/isbn10/x-check-digit", test_isbn10_x);
  g_test_add_func ("/records/ISC2-REC-4/words/english", test_words_english);
  g_test_add_func ("/records/ISC2-REC-4/words/japanese", test_words_japanese);
  g_test_add_func ("/records/ISC2-REC-4/words/mixed", test_words_mixed);
  g_test_add_func ("/records/ISC2-REC-4/words/250-limit", test_words_limit);

  return g_test_run ();
}
