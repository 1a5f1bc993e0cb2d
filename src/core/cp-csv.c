/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-csv.h"
#include "cp-error.h"

#define UTF8_BOM "\xef\xbb\xbf"

/* Auxiliary functions */

static gboolean
has_signature (const char *data, gsize length, const char *signature, gsize signature_length)
{
  return length >= signature_length && memcmp (data, signature, signature_length) == 0;
}

/* Text has no C0 control characters besides tab, line feed, carriage return and form feed. */
static gboolean
has_control_characters (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
      return TRUE;
  return FALSE;
}

static gboolean
check_not_binary (const char *data, gsize length, GError **error)
{
  if (has_signature (data, length, "PK\003\004", 4))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is a workbook, e.g. .xlsx); in Excel or WPS "
                           "save the sheet as “CSV UTF-8 (comma delimited)” and import that "
                           "file"));
  if (has_signature (data, length, "\xd0\xcf\x11\xe0", 4))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is an old .xls workbook); in Excel or WPS "
                           "save the sheet as “CSV UTF-8 (comma delimited)” and import that "
                           "file"));
  if (has_signature (data, length, "\xff\xfe", 2) || has_signature (data, length, "\xfe\xff", 2))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is UTF-16 “Unicode text”); save the sheet "
                           "as “CSV UTF-8 (comma delimited)” and import that file"));
  if (memchr (data, '\0', length) != NULL)
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (binary data); save the sheet as “CSV UTF-8 "
                           "(comma delimited)” and import that file"));
  return TRUE;
}

/* Public API */

char *
cp_csv_decode (const char *data, gsize length, CpCsvEncoding *out_encoding, GError **error)
{
  g_autofree char *text = NULL;
  CpCsvEncoding encoding = CP_CSV_UTF8;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_not_binary (data, length, error))
    return NULL;
  if (g_utf8_validate_len (data, length, NULL))
    {
      gsize bom = has_signature (data, length, UTF8_BOM, 3) ? 3 : 0;
      encoding = bom > 0 ? CP_CSV_UTF8_BOM : CP_CSV_UTF8;
      text = g_strndup (data + bom, length - bom);
    }
  else
    {
      /* Not UTF-8: Excel and WPS on Chinese Windows save "CSV" in the ANSI code page, GBK, which
       * GB18030 contains. */
      encoding = CP_CSV_GB18030;
      text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (text == NULL)
        {
          cp_set_error (error, CP_ERROR_IMPORT,
                        _("not a CSV text file (it is neither UTF-8 nor GB18030 text); save the "
                          "sheet as “CSV UTF-8 (comma delimited)” and import that file"));
          return NULL;
        }
    }
  if (has_control_characters (text))
    {
      cp_set_error (error, CP_ERROR_IMPORT,
                    _("not a CSV text file (binary data); save the sheet as “CSV UTF-8 "
                      "(comma delimited)” and import that file"));
      return NULL;
    }
  if (out_encoding != NULL)
    *out_encoding = encoding;
  return g_steal_pointer (&text);
}

char
cp_csv_guess_delimiter (const char *text)
{
  guint commas = 0, tabs = 0, semicolons = 0;
  gboolean quoted = FALSE;

  g_return_val_if_fail (text != NULL, ',');

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        {
          commas += *p == ',';
          tabs += *p == '\t';
          semicolons += *p == ';';
        }
    }
  if (commas > 0 || (tabs == 0 && semicolons == 0))
    return ',';
  return tabs >= semicolons ? '\t' : ';';
}

/* Reads one cell from *@p, leaving *@p on the delimiter, line break or end. Returns FALSE when
 * a quoted cell is never closed. */
static gboolean
read_cell (const char **p, char delimiter, GString *cell)
{
  const char *s = *p;
  gboolean closed = TRUE;

  g_string_truncate (cell, 0);
  if (*s == '"')
    {
      s++;
      for (;;)
        {
          if (*s == '\0')
            {
              closed = FALSE;
              break;
            }
          if (*s == '"' && s[1] == '"')
            {
              g_string_append_c (cell, '"');
              s += 2;
              continue;
            }
          if (*s == '"')
            {
              s++;
              break;
            }
          if (*s == '\r' && s[1] == '\n')
            s++;
          g_string_append_c (cell, *s++);
        }
    }
  /* Anything after a closing quote is kept as it stands, as spreadsheets do. */
  while (*s != '\0' && *s != delimiter && *s != '\n' && *s != '\r')
    g_string_append_c (cell, *s++);
  *p = s;
  return closed;
}

GPtrArray *
cp_csv_parse (const char *text, char delimiter, int *out_unclosed_record)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GString) cell = g_string_new (NULL);
  const char *p = text;
  int unclosed = -1;

  g_return_val_if_fail (text != NULL, records);

  while (*p != '\0')
    {
      GPtrArray *fields = g_ptr_array_new ();
      for (;;)
        {
          if (!read_cell (&p, delimiter, cell) && unclosed < 0)
            unclosed = (int) records->len;
          g_ptr_array_add (fields, g_strdup (cell->str));
          if (*p != delimiter)
            break;
          p++;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (fields, FALSE));
    }
  if (out_unclosed_record != NULL)
    *out_unclosed_record = unclosed;
  return records;
}

gboolean
cp_csv_record_is_blank (const char *const *record)
{
  for (guint i = 0; record[i] != NULL; i++)
    for (const char *p = record[i]; *p != '\0'; p = g_utf8_next_char (p))
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
  return TRUE;
}
