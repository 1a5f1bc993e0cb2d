/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cp-error.h"
#include "cp-text.h"

/* Auxiliary functions: characters */

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static CpTextProblem
classify (gunichar c)
{
  if (c == '\t')
    return CP_TEXT_OK;
  if (is_line_break (c))
    return CP_TEXT_LINE_BREAK;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return CP_TEXT_CONTROL;
  if (c >= 0xd800 && c <= 0xdfff)
    return CP_TEXT_SURROGATE;
  if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
    return CP_TEXT_NONCHARACTER;
  if (c == 0xfeff || c == 0x200b || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
      || (c >= 0x2066 && c <= 0x2069))
    return CP_TEXT_INVISIBLE;
  return CP_TEXT_OK;
}

/* A surrogate written out as if it were a character (CESU-8, WTF-8): ED A0..BF 80..BF. */
static gboolean
is_encoded_surrogate (const guchar *p, gsize available, gunichar *out)
{
  if (available < 3 || p[0] != 0xed || p[1] < 0xa0 || p[1] > 0xbf || (p[2] & 0xc0) != 0x80)
    return FALSE;
  *out = 0xd000 | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
  return TRUE;
}

/* The character at @p, or (gunichar) -1 when the bytes there are not UTF-8 (also for an encoded
 * surrogate). A NUL byte is U+0000. */
static gunichar
char_at (const char *p, const char *end)
{
  if (*p == '\0')
    return 0;
  gunichar c = g_utf8_get_char_validated (p, end - p);
  return c == (gunichar) -2 ? (gunichar) -1 : c;
}

/* Auxiliary functions: numbers */

static char *
strip_spaces (const char *text)
{
  const char *start = text, *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strndup (start, end - start);
}

/* @text without a trailing unit of area and the spaces before it; NFKC already made ㎡ and m²
 * "m2". */
static char *
strip_area_unit (char *text)
{
  static const char *const units[] = { "平方米", "平米", "m2", "M2" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (text, units[i]) && strlen (text) > strlen (units[i]))
      {
        text[strlen (text) - strlen (units[i])] = '\0';
        char *bare = strip_spaces (text);
        g_free (text);
        return bare;
      }
  return text;
}

static gboolean
all_digits (const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Appends the digits of @text (@length bytes: groups of three separated by commas, the first of
 * one to three digits) to @out; FALSE when the grouping is not that. */
static gboolean
append_grouped (GString *out, const char *text, gsize length)
{
  const char *comma = memchr (text, ',', length);
  gsize first = comma != NULL ? (gsize) (comma - text) : length;

  if (first == 0 || first > 3 || !all_digits (text, first))
    return FALSE;
  g_string_append_len (out, text, first);
  for (gsize i = first; i < length; i += 4)
    {
      if (text[i] != ',' || length - i < 4 || !all_digits (text + i + 1, 3))
        return FALSE;
      g_string_append_len (out, text + i + 1, 3);
    }
  return TRUE;
}

static gboolean
not_a_number (CpNumberFlags flags, GError **error)
{
  if (flags & CP_NUMBER_WHOLE)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("is not a number; write a whole number such as 1200"));
  return cp_set_error (error, CP_ERROR_INVALID,
                       _("is not a number; write a plain number such as 250.5"));
}

/* Whether @text (NFKC, spaces stripped, without its sign) is a word a program writes for a value
 * that is not a number: "nan", "inf", "infinity" in any case. */
static gboolean
is_non_finite_word (const char *text)
{
  return g_ascii_strcasecmp (text, "nan") == 0 || g_ascii_strcasecmp (text, "inf") == 0
         || g_ascii_strcasecmp (text, "infinity") == 0;
}

/* Whether @text is digits with an exponent, as a program writes large numbers ("1e3", "2.5E+2"). */
static gboolean
is_exponent (const char *text)
{
  const char *e = strpbrk (text, "eE");

  if (e == NULL || e == text || strspn (text, "0123456789.") != (gsize) (e - text))
    return FALSE;
  e++;
  if (*e == '+' || *e == '-')
    e++;
  return *e != '\0' && strspn (e, "0123456789") == strlen (e);
}

/* FALSE with the message for @text (without its sign), that is not a number: in words when it is
 * "nan", "inf" or an exponent, else not_a_number()'s. */
static gboolean
refuse_number (const char *text, CpNumberFlags flags, GError **error)
{
  if (is_non_finite_word (text))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("is a word for “no value” or “infinite”, not a number; write the "
                           "figure, such as 250.5"));
  if (is_exponent (text))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("is written with an exponent (e); write the number out in full, "
                           "such as 1000 for 1e3"));
  return not_a_number (flags, error);
}

/* Whether @text is ASCII digits, at least one, with at most one point among them. */
static gboolean
is_plain_decimal (const char *text)
{
  gboolean digit = FALSE, point = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digit = TRUE;
    else if (*p == '.' && !point)
      point = TRUE;
    else
      return FALSE;
  return digit;
}

/* "1,200" in an area: 1200 or 1.2? */
static gboolean
ambiguous_comma (const char *text, GError **error)
{
  g_autofree char *whole = g_strdup (text);
  g_autofree char *decimal = g_strdup (text);
  char *comma = strchr (whole, ',');

  memmove (comma, comma + 1, strlen (comma));
  *strchr (decimal, ',') = '.';
  return cp_set_error (error, CP_ERROR_INVALID,
                       _("could mean %s or %s; write %s, or %s with a decimal point"), whole,
                       decimal, whole, decimal);
}

/* Whether the single comma of @text separates thousands: one to three digits before it, three
 * after it ("1,200"). */
static gboolean
looks_grouped (const char *text, const char *comma)
{
  return comma > text && comma - text <= 3 && strlen (comma + 1) == 3;
}

/* @text holds only digits, commas and points: the number in the C locale's notation into @out. */
static gboolean
normalize_plain (const char *text, CpNumberFlags flags, GString *out, GError **error)
{
  const char *point = strchr (text, '.');
  const char *comma = strchr (text, ',');
  gsize int_length = point != NULL ? (gsize) (point - text) : strlen (text);
  gboolean one_comma = comma != NULL && point == NULL && strchr (comma + 1, ',') == NULL;

  if (point != NULL && strspn (point + 1, "0123456789") != strlen (point + 1))
    return not_a_number (flags, error);
  if (one_comma && !looks_grouped (text, comma))
    {
      /* A decimal comma: "250,5". */
      g_string_append_len (out, text, comma - text);
      g_string_append_c (out, '.');
      g_string_append (out, comma + 1);
      return TRUE;
    }
  if (one_comma && !(flags & CP_NUMBER_WHOLE))
    return ambiguous_comma (text, error);
  if (comma == NULL)
    g_string_append_len (out, text, int_length);
  else if (!append_grouped (out, text, int_length))
    return not_a_number (flags, error);
  if (point != NULL)
    g_string_append (out, point);
  return TRUE;
}

/* In place: the marks a Chinese input method types in place of ASCII ones that NFKC leaves as
 * they are: the ideographic full stop 。 (typed for "." in Chinese punctuation mode) becomes a
 * point, the minus sign − (U+2212) a hyphen-minus. Both are three bytes and become one. */
static void
replace_chinese_marks (char *text)
{
  static const struct
  {
    const char *mark;
    char ascii;
  } marks[] = { { "。", '.' }, { "−", '-' } };
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    while ((p = strstr (text, marks[i].mark)) != NULL)
      {
        gsize length = strlen (marks[i].mark);
        *p = marks[i].ascii;
        memmove (p + 1, p + length, strlen (p + length) + 1);
      }
}

/* Any other @text as a plain decimal into @out, and its sign: NFKC (full-width digits), without
 * spaces, without a unit of area when @flags allow one, without thousands separators, with a
 * decimal point for a decimal comma. */
static gboolean
normalize_number (const char *text, CpNumberFlags flags, GString *out, gboolean *negative,
                  GError **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    return not_a_number (flags, error);

  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *bare = strip_spaces (nfkc);
  if (flags & CP_NUMBER_AREA_UNIT)
    bare = strip_area_unit (g_steal_pointer (&bare));
  replace_chinese_marks (bare);

  const char *digits = bare;
  *negative = *digits == '-';
  if (*digits == '+' || *digits == '-')
    digits++;
  if (*digits == '\0' || strspn (digits, "0123456789,.") != strlen (digits)
      || strspn (digits, ",.") == strlen (digits))
    return refuse_number (digits, flags, error);
  if (!normalize_plain (digits, flags, out, error))
    return FALSE;
  if (strpbrk (out->str, "0123456789") == NULL)
    return not_a_number (flags, error);
  return TRUE;
}

/* Public API */

CpTextProblem
cp_text_find_problem (const char *text, gssize length, gunichar *out_char, glong *out_position)
{
  const char *end, *p;
  glong position = 0;

  g_return_val_if_fail (text != NULL, CP_TEXT_OK);

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;
      CpTextProblem problem;

      position++;
      /* Printable ASCII, most of a file, needs no decoding. */
      if ((guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        continue;
      c = char_at (p, end);
      if (c == (gunichar) -1)
        {
          problem = CP_TEXT_SURROGATE;
          if (!is_encoded_surrogate ((const guchar *) p, end - p, &c))
            {
              problem = CP_TEXT_NOT_UTF8;
              c = (guchar) *p;
            }
        }
      else
        problem = classify (c);
      if (problem != CP_TEXT_OK)
        {
          if (out_char != NULL)
            *out_char = c;
          if (out_position != NULL)
            *out_position = position;
          return problem;
        }
    }
  return CP_TEXT_OK;
}

gboolean
cp_text_check (const char *text, gssize length, GError **error)
{
  gunichar c = 0;
  glong at = 0;

  switch (cp_text_find_problem (text, length, &c, &at))
    {
    case CP_TEXT_OK:
      return TRUE;
    case CP_TEXT_NOT_UTF8:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("is not UTF-8 text (byte 0x%02X at position %ld); save it as "
                             "UTF-8"),
                           c, at);
    case CP_TEXT_SURROGATE:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("contains a lone surrogate (U+%04X) at position %ld, which is not a "
                             "character; remove it"),
                           c, at);
    case CP_TEXT_LINE_BREAK:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("contains a line break at position %ld; write it on one line"), at);
    case CP_TEXT_CONTROL:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("contains an invisible control character (U+%04X) at position %ld; "
                             "remove it"),
                           c, at);
    case CP_TEXT_INVISIBLE:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("contains an invisible formatting character (U+%04X) at position "
                             "%ld; remove it"),
                           c, at);
    case CP_TEXT_NONCHARACTER:
    default:
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("contains U+%04X at position %ld, which is not a character; remove "
                             "it"),
                           c, at);
    }
}

char *
cp_text_quote (const char *text, gssize length)
{
  GString *out = g_string_new (NULL);
  const char *end, *p;
  guint n = 0;

  g_return_val_if_fail (text != NULL, g_string_free (out, FALSE));

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (p = text; p < end; n++)
    {
      gunichar c = char_at (p, end);
      if (n == CP_TEXT_QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == (gunichar) -1)
        {
          g_string_append_printf (out, "<0x%02X>", (guchar) *p++);
          continue;
        }
      if (is_line_break (c))
        g_string_append (out, "⏎");
      else if (c == '\t')
        g_string_append (out, "⇥");
      else if (classify (c) != CP_TEXT_OK)
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = c == 0 ? p + 1 : g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

gboolean
cp_parse_number (const char *text, CpNumberFlags flags, double *out_value, GError **error)
{
  g_return_val_if_fail (text != NULL && out_value != NULL, FALSE);

  /* Most cells are plain: ASCII digits with at most one point, which NFKC, the spaces, the unit
   * and the commas would leave as they are. */
  gboolean negative = FALSE;
  g_autoptr (GString) plain = NULL;
  if (!is_plain_decimal (text))
    {
      plain = g_string_new (NULL);
      if (!normalize_number (text, flags, plain, &negative, error))
        return FALSE;
    }

  double value = g_ascii_strtod (plain != NULL ? plain->str : text, NULL);
  if (!isfinite (value))
    return not_a_number (flags, error);
  if ((flags & CP_NUMBER_WHOLE) && value != floor (value))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("is not a whole number; write a whole number such as 1200"));
  *out_value = negative ? -value : value;
  return TRUE;
}

gboolean
cp_text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
