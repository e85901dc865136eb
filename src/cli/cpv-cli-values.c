/* cpv-cli-values.c — checks of what a person typed, done before the vault is touched
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cli-private.h"

#include <math.h>
#include <string.h>

gboolean
cpv_cli_parse_id (const char  *text,
                  const char  *what,
                  gint64      *out_id,
                  GError     **error)
{
  gint64 id = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "'%s' is not a %s id: ids are positive whole numbers, as shown by "
                   "'cpe-vault-cli %s list'", text != NULL ? text : "", what, what);
      return FALSE;
    }
  *out_id = id;
  return TRUE;
}

/* Plain decimal numbers only ("2", "1.5", ".25"): no sign, exponent, hex, "nan" or "inf",
 * so that what is stored is what the person meant. */
gboolean
cpv_cli_parse_amount (const char  *text,
                      const char  *option,
                      double      *out_amount,
                      GError     **error)
{
  guint digits = 0;
  guint points = 0;
  double amount;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '.')
        points++;
      else
        {
          digits = 0;
          break;
        }
    }

  if (digits == 0 || points > 1 || digits > 12)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s must be a non-negative decimal number such as 1 or 1.25, not '%s'",
                   option, text != NULL ? text : "");
      return FALSE;
    }

  amount = g_ascii_strtod (text, NULL);
  if (!isfinite (amount) || amount < 0)
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s must be a non-negative finite number, not '%s'", option, text);
      return FALSE;
    }
  *out_amount = amount;
  return TRUE;
}

gboolean
cpv_cli_parse_date (const char  *text,
                    const char  *option,
                    CpvDay      *out_day,
                    GError     **error)
{
  if (!cpv_day_parse (text, out_day))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s must be a calendar date written YYYY-MM-DD, such as 2024-03-31, "
                   "not '%s'", option, text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
cpv_cli_parse_group (const char  *text,
                     gint64      *out_credential_id,
                     char        *out_group,
                     GError     **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *id_text = NULL;
  gint64 id = 0;

  if (equals != NULL)
    id_text = g_strndup (text, equals - text);

  if (equals == NULL
      || !g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL)
      || strlen (equals + 1) != 1
      || (g_ascii_toupper (equals[1]) != 'A' && g_ascii_toupper (equals[1]) != 'B'))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--group must be CREDENTIAL_ID=A or CREDENTIAL_ID=B, such as 1=A, "
                   "not '%s'", text);
      return FALSE;
    }
  *out_credential_id = id;
  *out_group = g_ascii_toupper (equals[1]);
  return TRUE;
}

/* A BCP 47 tag in the shape the vault keeps: a 2–3 letter language, then subtags of 1–8
 * letters or digits ("ja", "en-US", "zh-Hant-TW"). */
gboolean
cpv_cli_language_is_valid (const char *tag)
{
  g_auto(GStrv) subtags = NULL;

  if (tag == NULL || *tag == '\0')
    return FALSE;

  subtags = g_strsplit (tag, "-", -1);
  for (guint i = 0; subtags[i] != NULL; i++)
    {
      gsize length = strlen (subtags[i]);

      if (length == 0 || length > 8)
        return FALSE;
      if (i == 0 && (length < 2 || length > 3))
        return FALSE;
      for (gsize j = 0; j < length; j++)
        {
          if (i == 0 ? !g_ascii_isalpha (subtags[i][j]) : !g_ascii_isalnum (subtags[i][j]))
            return FALSE;
        }
    }
  return TRUE;
}

/* --language: a tag as cpv_cli_language_is_valid() takes it, or none. */
gboolean
cpv_cli_check_language (const char  *language,
                        GError     **error)
{
  if (language != NULL && !cpv_cli_language_is_valid (language))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "--language must be a language tag such as ja, en or en-US, not '%s'",
                   language);
      return FALSE;
    }
  return TRUE;
}

/* --tlp: "AMBER+STRICT" and "TLP:amber+strict" both mean amber+strict. *@out_tlp is the mark
 * as the vault keeps it, or %NULL when @text is %NULL. */
gboolean
cpv_cli_parse_tlp (const char  *text,
                   char       **out_tlp,
                   GError     **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *tlp = NULL;

  *out_tlp = NULL;
  if (text == NULL)
    return TRUE;
  lower = g_ascii_strdown (text, -1);
  tlp = g_strdup (g_str_has_prefix (lower, "tlp:") ? lower + strlen ("tlp:") : lower);
  if (!cpv_evidence_tlp_is_valid (tlp))
    {
      g_autofree char *tlps = g_strjoinv (", ", (char **) cpv_evidence_tlps ());

      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "Unknown TLP mark '%s' (marks: %s)", text, tlps);
      return FALSE;
    }
  *out_tlp = g_steal_pointer (&tlp);
  return TRUE;
}

/* Text fields are valid UTF-8 (GOption converts them); one-line fields hold no control
 * characters, so that tables and scripts reading them stay intact. */
gboolean
cpv_cli_check_text (const char  *text,
                    const char  *option,
                    gboolean     required,
                    gboolean     multiline,
                    GError     **error)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    {
      if (required)
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_USAGE,
                       "%s is required", option);
          return FALSE;
        }
      return TRUE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s is not valid UTF-8 text", option);
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (text));
  if (required && *stripped == '\0')
    {
      g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                   "%s must not be empty", option);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\t'))
        continue;
      if (g_unichar_iscntrl (c))
        {
          g_set_error (error, CPV_CLI_ERROR, CPV_CLI_ERROR_INVALID,
                       "%s must not contain control characters%s", option,
                       multiline ? "" : " or line breaks");
          return FALSE;
        }
    }
  return TRUE;
}

char *
cpv_cli_format_amount (double amount)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;
  gsize length;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", amount);
  text = g_strdup (buffer);
  length = strlen (text);
  if (strchr (text, '.') != NULL)
    {
      while (length > 0 && text[length - 1] == '0')
        text[--length] = '\0';
      if (length > 0 && text[length - 1] == '.')
        text[--length] = '\0';
    }
  return text;
}

char *
cpv_cli_format_size (goffset size)
{
  return g_format_size ((guint64) size);
}
