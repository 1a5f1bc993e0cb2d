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

/* More than one control character (besides tab, line feed and carriage return) in 32 bytes:
 * binary data rather than a text with a stray form feed, which is refused where it stands. */
static gboolean
has_many_control_characters (const char *text)
{
  gsize controls = 0, length = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++, length++)
    controls += *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
  return controls * 32 > length;
}

/* Looks at each line that has bytes above ASCII and is valid UTF-8: @out_any when there is one,
 * @out_wide when one of them holds a character of three or more bytes (U+0800 and above). */
static void
scan_utf8_lines (const char *data, gsize length, gboolean *out_any, gboolean *out_wide)
{
  const char *end = data + length;

  *out_any = *out_wide = FALSE;
  for (const char *p = data; p < end && !*out_wide;)
    {
      const char *line_end = memchr (p, '\n', end - p);
      gboolean non_ascii = FALSE, wide = FALSE;

      if (line_end == NULL)
        line_end = end;
      for (const guchar *q = (const guchar *) p; q < (const guchar *) line_end; q++)
        {
          non_ascii |= *q >= 0x80;
          wide |= *q >= 0xe0;
        }
      if (non_ascii && g_utf8_validate_len (p, line_end - p, NULL))
        {
          *out_any = TRUE;
          *out_wide = wide;
        }
      p = line_end + 1;
    }
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

/* Not valid UTF-8 as a whole: GB18030, or UTF-8 with some broken lines (see cp-csv.h). */
static char *
decode_not_utf8 (const char *data, gsize length, gboolean bom, CpCsvEncoding *encoding,
                 GError **error)
{
  gboolean any_utf8 = FALSE, wide_utf8 = FALSE;
  char *text = NULL;

  scan_utf8_lines (data, length, &any_utf8, &wide_utf8);
  if (!bom && !wide_utf8)
    {
      /* Excel and WPS on Chinese Windows save "CSV" in the ANSI code page, GBK, which GB18030
       * contains. */
      *encoding = CP_CSV_GB18030;
      text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (text != NULL)
        return text;
      if (!any_utf8)
        {
          cp_set_error (error, CP_ERROR_IMPORT,
                        _("not a CSV text file (it is neither UTF-8 nor GB18030 text); save the "
                          "sheet as “CSV UTF-8 (comma delimited)” and import that file"));
          return NULL;
        }
    }
  *encoding = CP_CSV_UTF8_PARTLY;
  return g_strndup (data + (bom ? 3 : 0), length - (bom ? 3 : 0));
}

char *
cp_csv_decode (const char *data, gsize length, CpCsvEncoding *out_encoding, GError **error)
{
  g_autofree char *text = NULL;
  CpCsvEncoding encoding = CP_CSV_UTF8;
  gboolean bom = has_signature (data, length, UTF8_BOM, 3);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_not_binary (data, length, error))
    return NULL;
  if (g_utf8_validate_len (data, length, NULL))
    {
      encoding = bom ? CP_CSV_UTF8_BOM : CP_CSV_UTF8;
      text = g_strndup (data + (bom ? 3 : 0), length - (bom ? 3 : 0));
    }
  else if ((text = decode_not_utf8 (data, length, bom, &encoding, error)) == NULL)
    return NULL;
  if (has_many_control_characters (text))
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

/* Reads one cell from *@p into @cell (NULL: skip it), leaving *@p on the delimiter, line break
 * or end. Returns FALSE when a quoted cell is never closed. */
static gboolean
read_cell (const char **p, char delimiter, GString *cell)
{
  const char *s = *p;
  gboolean closed = TRUE;

  if (cell != NULL)
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
              if (cell != NULL)
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
          if (cell != NULL)
            g_string_append_c (cell, *s);
          s++;
        }
    }
  /* Anything after a closing quote is kept as it stands, as spreadsheets do. */
  const char *rest = s;
  while (*s != '\0' && *s != delimiter && *s != '\n' && *s != '\r')
    s++;
  if (cell != NULL)
    g_string_append_len (cell, rest, s - rest);
  *p = s;
  return closed;
}

struct _CpCsvReader
{
  const char *text;
  const char *p;
  gsize length;
  char delimiter;
  GPtrArray *cells; /* GString, reused from record to record */
  const char *record[CP_CSV_MAX_CELLS + 1];
  guint index;
  guint n_cells;
  gboolean unclosed;
  gboolean started;
};

static void
free_cell (gpointer cell)
{
  g_string_free (cell, TRUE);
}

CpCsvReader *
cp_csv_reader_new (const char *text, char delimiter)
{
  CpCsvReader *reader = g_new0 (CpCsvReader, 1);

  g_return_val_if_fail (text != NULL, reader);

  reader->text = reader->p = text;
  reader->length = strlen (text);
  reader->delimiter = delimiter;
  reader->cells = g_ptr_array_new_with_free_func (free_cell);
  return reader;
}

void
cp_csv_reader_free (CpCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_ptr_array_unref (reader->cells);
  g_free (reader);
}

/* The reused buffer of cell @i. */
static GString *
cell_buffer (CpCsvReader *reader, guint i)
{
  if (i == reader->cells->len)
    g_ptr_array_add (reader->cells, g_string_new (NULL));
  return g_ptr_array_index (reader->cells, i);
}

const char *const *
cp_csv_reader_next (CpCsvReader *reader)
{
  guint n = 0;

  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->p == NULL || *reader->p == '\0')
    return NULL;
  reader->index = reader->started ? reader->index + 1 : 0;
  reader->started = TRUE;
  reader->unclosed = FALSE;
  for (;;)
    {
      GString *cell = n < CP_CSV_MAX_CELLS ? cell_buffer (reader, n) : NULL;
      if (!read_cell (&reader->p, reader->delimiter, cell))
        reader->unclosed = TRUE;
      if (cell != NULL)
        reader->record[n] = cell->str;
      n++;
      if (*reader->p != reader->delimiter)
        break;
      reader->p++;
    }
  reader->record[MIN (n, CP_CSV_MAX_CELLS)] = NULL;
  reader->n_cells = n;
  if (*reader->p == '\r')
    reader->p++;
  if (*reader->p == '\n')
    reader->p++;
  return reader->record;
}

guint
cp_csv_reader_get_index (CpCsvReader *reader)
{
  return reader->index;
}

guint
cp_csv_reader_get_n_cells (CpCsvReader *reader)
{
  return reader->n_cells;
}

gboolean
cp_csv_reader_get_unclosed (CpCsvReader *reader)
{
  return reader->unclosed;
}

double
cp_csv_reader_get_fraction (CpCsvReader *reader)
{
  return reader->length > 0 ? (double) (reader->p - reader->text) / reader->length : 1.0;
}

GPtrArray *
cp_csv_parse (const char *text, char delimiter, int *out_unclosed_record)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int unclosed = -1;

  g_return_val_if_fail (text != NULL, records);

  g_autoptr (CpCsvReader) reader = cp_csv_reader_new (text, delimiter);
  const char *const *record;
  while ((record = cp_csv_reader_next (reader)) != NULL)
    {
      if (cp_csv_reader_get_unclosed (reader) && unclosed < 0)
        unclosed = (int) records->len;
      g_ptr_array_add (records, g_strdupv ((char **) record));
    }
  if (out_unclosed_record != NULL)
    *out_unclosed_record = unclosed;
  return records;
}

gboolean
cp_csv_record_is_blank (const char *const *record)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      if (!g_utf8_validate (record[i], -1, NULL))
        return FALSE;
      for (const char *p = record[i]; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}
