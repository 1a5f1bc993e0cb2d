/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-report-text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Whether @c may stand in a report: no control other than tab, no noncharacter. */
static gboolean
char_allowed (gunichar c)
{
  if (c < 0x20)
    return c == '\t';
  if (c >= 0x7f && c <= 0x9f)
    return FALSE;
  if (c >= 0xfdd0 && c <= 0xfdef)
    return FALSE;
  return (c & 0xfffe) != 0xfffe;
}

/* The length of the allowed character at @p (of @left bytes), or 0 when it is not one. */
static gsize
allowed_length (const char *p, gsize left)
{
  guchar byte = (guchar) *p;

  if (byte < 0x80)
    return char_allowed (byte) ? 1 : 0;
  gunichar c = g_utf8_get_char_validated (p, (gssize) left);
  if (c == (gunichar) -1 || c == (gunichar) -2 || !char_allowed (c))
    return 0;
  return (gsize) (g_utf8_next_char (p) - p);
}

gboolean
cp_report_text_is_clean (const char *text)
{
  if (text == NULL)
    return TRUE;
  gsize left = strlen (text);
  for (const char *p = text; left > 0;)
    {
      gsize n = (guchar) *p >= 0x20 && (guchar) *p < 0x7f ? 1 : allowed_length (p, left);
      if (n == 0)
        return FALSE;
      p += n;
      left -= n;
    }
  return TRUE;
}

char *
cp_report_text_clean (const char *text)
{
  gsize left = text != NULL ? strlen (text) : 0;
  GString *out = g_string_sized_new (left);

  for (const char *p = text; left > 0;)
    {
      gsize n = allowed_length (p, left);
      if (n == 0)
        {
          g_string_append (out, REPLACEMENT);
          /* A bad byte is replaced alone; a whole disallowed character at once. */
          gunichar c = g_utf8_get_char_validated (p, (gssize) left);
          n = c == (gunichar) -1 || c == (gunichar) -2 ? 1 : (gsize) (g_utf8_next_char (p) - p);
        }
      else
        g_string_append_len (out, p, (gssize) n);
      p += n;
      left -= n;
    }
  return g_string_free (out, FALSE);
}

const char *
cp_report_text (const char *text, char **scratch)
{
  g_return_val_if_fail (scratch != NULL, text);

  if (cp_report_text_is_clean (text))
    return text;
  g_free (*scratch);
  *scratch = cp_report_text_clean (text);
  return *scratch;
}
