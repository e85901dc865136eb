/* cpv-isbn.c — ISBN-10 and ISBN-13 check digits
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-isbn"

#include "config.h"

#include "cpv-isbn.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ISBN-10: weights 10..1, the sum is a multiple of 11; the check digit 10 is written X.
 * ISBN-13: weights 1,3,1,3…, the sum is a multiple of 10 (EAN-13), prefix 978 or 979. */

static gboolean
isbn10_ok (const char *digits)
{
  int sum = 0;

  for (int i = 0; i < 10; i++)
    {
      int value = digits[i] == 'X' ? 10 : digits[i] - '0';

      sum += value * (10 - i);
    }
  return sum % 11 == 0;
}

static gboolean
isbn13_ok (const char *digits)
{
  int sum = 0;

  for (int i = 0; i < 13; i++)
    sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return sum % 10 == 0;
}

/**
 * cpv_isbn_check:
 * @text: (nullable): an ISBN as a person typed it: digits with optional hyphens or spaces,
 *   an optional "ISBN" / "ISBN-10" / "ISBN-13" label, and X (or x) as the last ISBN-10 digit
 * @normalized: (out) (optional) (transfer full): the digits alone (X upper case) when the
 *   characters and length are right, else %NULL
 *
 * Returns: why the ISBN is wrong, or %CPV_ISBN_VALID
 */
CpvIsbnCheck
cpv_isbn_check (const char  *text,
                char       **normalized)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;

  if (normalized != NULL)
    *normalized = NULL;
  if (text == NULL)
    return CPV_ISBN_EMPTY;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return CPV_ISBN_EMPTY;
  if (g_ascii_strncasecmp (p, "ISBN", 4) == 0)
    {
      p += 4;
      if (strncmp (p, "-10", 3) == 0 || strncmp (p, "-13", 3) == 0)
        p += 3;
      if (*p == ':')
        p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == 'X' || *p == 'x')
        g_string_append_c (digits, 'X');
      else if (*p == '-' || *p == ' ' || *p == '\t')
        continue;
      else
        return CPV_ISBN_BAD_CHARACTERS;
    }

  if (digits->len == 0)
    return CPV_ISBN_EMPTY;
  /* X only as the last digit of an ISBN-10. */
  for (gsize i = 0; i < digits->len; i++)
    if (digits->str[i] == 'X' && !(digits->len == 10 && i == 9))
      return digits->len == 10 || digits->len == 13 ? CPV_ISBN_BAD_CHARACTERS
                                                    : CPV_ISBN_BAD_LENGTH;
  if (digits->len != 10 && digits->len != 13)
    return CPV_ISBN_BAD_LENGTH;

  if (normalized != NULL)
    *normalized = g_strdup (digits->str);
  if (digits->len == 13)
    {
      if (strncmp (digits->str, "978", 3) != 0 && strncmp (digits->str, "979", 3) != 0)
        return CPV_ISBN_BAD_PREFIX;
      return isbn13_ok (digits->str) ? CPV_ISBN_VALID : CPV_ISBN_BAD_CHECK_DIGIT;
    }
  return isbn10_ok (digits->str) ? CPV_ISBN_VALID : CPV_ISBN_BAD_CHECK_DIGIT;
}

/**
 * cpv_isbn_is_valid:
 *
 * Returns: %TRUE when @text is an ISBN-10 or ISBN-13 with a correct check digit
 */
gboolean
cpv_isbn_is_valid (const char *text)
{
  return cpv_isbn_check (text, NULL) == CPV_ISBN_VALID;
}

/**
 * cpv_isbn_to_isbn13:
 *
 * Returns: (transfer full) (nullable): the 13 digits of a valid ISBN (an ISBN-10 gets the 978
 *   prefix and a new check digit), or %NULL when @text is not a valid ISBN
 */
char *
cpv_isbn_to_isbn13 (const char *text)
{
  g_autofree char *digits = NULL;
  char out[14];
  int sum = 0;

  if (cpv_isbn_check (text, &digits) != CPV_ISBN_VALID)
    return NULL;
  if (strlen (digits) == 13)
    return g_steal_pointer (&digits);
  memcpy (out, "978", 3);
  memcpy (out + 3, digits, 9);
  for (int i = 0; i < 12; i++)
    sum += (out[i] - '0') * (i % 2 == 0 ? 1 : 3);
  out[12] = '0' + (10 - sum % 10) % 10;
  out[13] = '\0';
  return g_strdup (out);
}

/**
 * cpv_isbn_check_to_string:
 *
 * Returns: a sentence saying what is wrong, for people
 */
const char *
cpv_isbn_check_to_string (CpvIsbnCheck check)
{
  switch (check)
    {
    case CPV_ISBN_VALID:
      return _("The ISBN is valid");
    case CPV_ISBN_EMPTY:
      return _("No ISBN was given");
    case CPV_ISBN_BAD_CHARACTERS:
      return _("An ISBN holds only digits, hyphens and, as the last of ten digits, an X");
    case CPV_ISBN_BAD_LENGTH:
      return _("An ISBN has 10 or 13 digits");
    case CPV_ISBN_BAD_PREFIX:
      return _("A 13-digit ISBN starts with 978 or 979");
    case CPV_ISBN_BAD_CHECK_DIGIT:
      return _("The ISBN's check digit does not match; look for a typing error");
    default:
      return _("The ISBN is not valid");
    }
}
