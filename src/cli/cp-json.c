/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cp-json.h"
#include "cp-report-text.h"

void
cp_json_append_string (GString *out, const char *text)
{
  g_autofree char *scratch = NULL;

  g_string_append_c (out, '"');
  for (const char *p = cp_report_text (text != NULL ? text : "", &scratch); *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
cp_json_append_fixed (GString *out, double value, int decimals)
{
  char format[8];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  /* value + 0.0 turns −0 into 0. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value + 0.0));
}

void
cp_json_append_number (GString *out, double value, int decimals)
{
  gsize start = out->len;

  cp_json_append_fixed (out, value, decimals);
  /* Trim trailing zeros and a bare decimal point: 30.000 → 30, 0.800 → 0.8. */
  if (strchr (out->str + start, '.') == NULL)
    return;
  while (out->str[out->len - 1] == '0')
    g_string_truncate (out, out->len - 1);
  if (out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
}
