/* cpv-isbn.h — ISBN-10 and ISBN-13 check digits (ISC2-REC-2: keep a book's ISBN)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CpvIsbnCheck:
 * @CPV_ISBN_VALID: ten or thirteen digits with a correct check digit
 * @CPV_ISBN_EMPTY: nothing but white space
 * @CPV_ISBN_BAD_CHARACTERS: something other than digits, hyphens, spaces or a final X
 * @CPV_ISBN_BAD_LENGTH: not 10 or 13 digits
 * @CPV_ISBN_BAD_PREFIX: an ISBN-13 that does not start with 978 or 979
 * @CPV_ISBN_BAD_CHECK_DIGIT: the check digit does not match (a typing error)
 */
typedef enum
{
  CPV_ISBN_VALID,
  CPV_ISBN_EMPTY,
  CPV_ISBN_BAD_CHARACTERS,
  CPV_ISBN_BAD_LENGTH,
  CPV_ISBN_BAD_PREFIX,
  CPV_ISBN_BAD_CHECK_DIGIT,
} CpvIsbnCheck;

CpvIsbnCheck  cpv_isbn_check        (const char  *text,
                                     char       **normalized);
gboolean      cpv_isbn_is_valid     (const char  *text);
char         *cpv_isbn_to_isbn13    (const char  *text);
const char   *cpv_isbn_check_to_string (CpvIsbnCheck check);

G_END_DECLS
