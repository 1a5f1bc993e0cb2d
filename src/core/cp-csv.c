/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cp-csv.h"
#include "cp-error.h"
#include "cp-text.h"

#define UTF8_BOM "\xef\xbb\xbf"
/* Bytes read from a source at a time: memory stays this whatever the size of the file. */
#define CHUNK_BYTES (64 * 1024)

/* Auxiliary functions: what one pass over the bytes learns */

typedef struct
{
  guchar head[4];     /* the first bytes, for the signatures of other formats */
  gsize head_length;
  gsize length;
  gsize controls;     /* control characters besides tab, line feed and carriage return */
  gboolean nul;
  gboolean utf8;      /* every line so far is UTF-8 */
  gboolean any_utf8;  /* a line with bytes above ASCII is valid UTF-8 */
  gboolean wide_utf8; /* ... and holds a character of U+0800 or above */
  /* The current line */
  gboolean line_valid, line_non_ascii, line_wide;
  guint need;         /* continuation bytes still expected */
  guchar low, high;   /* the range of the next continuation byte */
} Scan;

static void
scan_init (Scan *scan)
{
  memset (scan, 0, sizeof *scan);
  scan->utf8 = scan->line_valid = TRUE;
}

static void
scan_end_line (Scan *scan)
{
  gboolean valid = scan->line_valid && scan->need == 0;

  if (valid && scan->line_non_ascii)
    {
      scan->any_utf8 = TRUE;
      scan->wide_utf8 |= scan->line_wide;
    }
  scan->utf8 &= valid;
  scan->line_valid = TRUE;
  scan->line_non_ascii = scan->line_wide = FALSE;
  scan->need = 0;
}

/* The start of a UTF-8 sequence (as g_utf8_validate() reads it: no overlong forms, surrogates
 * or code points above U+10FFFF). */
static void
scan_lead_byte (Scan *scan, guchar b)
{
  scan->low = 0x80;
  scan->high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf)
    scan->need = 1;
  else if (b >= 0xe0 && b <= 0xef)
    {
      scan->need = 2;
      scan->low = b == 0xe0 ? 0xa0 : 0x80;
      scan->high = b == 0xed ? 0x9f : 0xbf;
    }
  else if (b >= 0xf0 && b <= 0xf4)
    {
      scan->need = 3;
      scan->low = b == 0xf0 ? 0x90 : 0x80;
      scan->high = b == 0xf4 ? 0x8f : 0xbf;
    }
  else
    scan->line_valid = FALSE;
}

static void
scan_bytes (Scan *scan, const char *data, gsize length)
{
  for (gsize i = 0; i < length && scan->head_length < sizeof scan->head; i++)
    scan->head[scan->head_length++] = data[i];
  scan->length += length;
  for (const guchar *p = (const guchar *) data, *end = p + length; p < end; p++)
    {
      guchar b = *p;
      if (b < 0x80)
        {
          if (b == '\n')
            {
              scan_end_line (scan);
              continue;
            }
          scan->nul |= b == 0;
          scan->controls += b < 0x20 && b != '\t' && b != '\r';
          if (scan->need > 0)
            scan->line_valid = FALSE, scan->need = 0;
          continue;
        }
      scan->line_non_ascii = TRUE;
      scan->line_wide |= b >= 0xe0;
      if (!scan->line_valid)
        continue;
      if (scan->need == 0)
        scan_lead_byte (scan, b);
      else if (b < scan->low || b > scan->high)
        scan->line_valid = FALSE, scan->need = 0;
      else
        {
          scan->need--;
          scan->low = 0x80;
          scan->high = 0xbf;
        }
    }
}

static gboolean
has_signature (const guchar *data, gsize length, const char *signature, gsize signature_length)
{
  return length >= signature_length && memcmp (data, signature, signature_length) == 0;
}

static gboolean
binary_error (GError **error)
{
  return cp_set_error (error, CP_ERROR_IMPORT,
                       _("not a CSV text file (binary data); save the sheet as “CSV UTF-8 "
                         "(comma delimited)” and import that file"));
}

static gboolean
check_not_binary (const Scan *scan, GError **error)
{
  const guchar *head = scan->head;
  gsize n = scan->head_length;

  if (has_signature (head, n, "PK\003\004", 4))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is a workbook, e.g. .xlsx); in Excel or WPS "
                           "save the sheet as “CSV UTF-8 (comma delimited)” and import that "
                           "file"));
  if (has_signature (head, n, "\xd0\xcf\x11\xe0", 4))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is an old .xls workbook); in Excel or WPS "
                           "save the sheet as “CSV UTF-8 (comma delimited)” and import that "
                           "file"));
  if (has_signature (head, n, "\xff\xfe", 2) || has_signature (head, n, "\xfe\xff", 2))
    return cp_set_error (error, CP_ERROR_IMPORT,
                         _("not a CSV text file (it is UTF-16 “Unicode text”); save the sheet "
                           "as “CSV UTF-8 (comma delimited)” and import that file"));
  if (scan->nul)
    return binary_error (error);
  return TRUE;
}

/* Converts @*length bytes of GB18030 at @in into UTF-8 at @out (room for 2 * @*length + 8
 * bytes). A character cut at the end is moved to the start of @in and its length left in
 * @*length. FALSE when the bytes are not GB18030. */
static gboolean
convert_gb18030 (GIConv converter, char *in, gsize *length, char *out, gsize *out_length)
{
  char *in_p = in, *out_p = out;
  gsize in_left = *length, out_left = 2 * *length + 8;

  while (in_left > 0 && g_iconv (converter, &in_p, &in_left, &out_p, &out_left) == (gsize) -1)
    {
      if (errno == EINVAL && in_left < 4)
        break;
      return FALSE;
    }
  memmove (in, in_p, in_left);
  *length = in_left;
  *out_length = out_p - out;
  return TRUE;
}

static GIConv
open_gb18030 (void)
{
  GIConv converter = g_iconv_open ("UTF-8", "GB18030");

  /* glibc always has it; without it GB18030 files are refused as neither encoding. */
  if (converter == (GIConv) -1)
    g_warning ("no GB18030 converter: %s", g_strerror (errno));
  return converter;
}

/* Whether the whole source is GB18030; @out_length gets the length of its UTF-8 text. -1 when
 * the source fails (@error set). */
static int
scan_gb18030 (CpCsvReadFunc read, gpointer source, gsize *out_length, GError **error)
{
  g_autofree char *in = g_malloc (CHUNK_BYTES + 8);
  g_autofree char *out = g_malloc (2 * (CHUNK_BYTES + 8) + 8);
  GIConv converter = open_gb18030 ();
  gsize carry = 0, converted = 0, total = 0;
  int valid = converter != (GIConv) -1;

  while (valid == 1)
    {
      gssize n = read (source, in + carry, CHUNK_BYTES, error);
      if (n < 0)
        valid = -1;
      if (n <= 0)
        break;
      carry += n;
      valid = convert_gb18030 (converter, in, &carry, out, &converted);
      total += converted;
    }
  if (valid == 1 && carry > 0)
    valid = 0;
  if (converter != (GIConv) -1)
    g_iconv_close (converter);
  *out_length = total;
  return valid;
}

/* Public API: the encoding */

gboolean
cp_csv_detect (CpCsvReadFunc read, CpCsvRewindFunc rewind, gpointer source,
               CpCsvEncoding *out_encoding, GError **error)
{
  g_autofree char *buffer = g_malloc (CHUNK_BYTES);
  CpCsvEncoding encoding;
  Scan scan;

  g_return_val_if_fail (read != NULL && rewind != NULL, FALSE);

  scan_init (&scan);
  for (;;)
    {
      gssize n = read (source, buffer, CHUNK_BYTES, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      scan_bytes (&scan, buffer, n);
    }
  scan_end_line (&scan);
  if (!check_not_binary (&scan, error))
    return FALSE;

  gboolean bom = has_signature (scan.head, scan.head_length, UTF8_BOM, 3);
  gsize text_length = scan.length - (bom ? 3 : 0);
  if (scan.utf8)
    encoding = bom ? CP_CSV_UTF8_BOM : CP_CSV_UTF8;
  else
    {
      encoding = CP_CSV_UTF8_PARTLY;
      /* Excel and WPS on Chinese Windows save "CSV" in the ANSI code page, GBK, which GB18030
       * contains. A line of valid UTF-8 with a character of three bytes or more proves UTF-8. */
      if (!bom && !scan.wide_utf8)
        {
          gsize gb_length = 0;
          if (!rewind (source, error))
            return FALSE;
          int gb = scan_gb18030 (read, source, &gb_length, error);
          if (gb < 0)
            return FALSE;
          if (gb == 1)
            {
              encoding = CP_CSV_GB18030;
              text_length = gb_length;
            }
          else if (!scan.any_utf8)
            return cp_set_error (error, CP_ERROR_IMPORT,
                                 _("not a CSV text file (it is neither UTF-8 nor GB18030 text); "
                                   "save the sheet as “CSV UTF-8 (comma delimited)” and import "
                                   "that file"));
        }
    }
  /* More than one control character in 32 bytes: binary data rather than a text with a stray
   * form feed, which is refused where it stands. */
  if (scan.controls * 32 > text_length)
    return binary_error (error);
  if (out_encoding != NULL)
    *out_encoding = encoding;
  return TRUE;
}

typedef struct
{
  const char *data;
  gsize length;
  gsize at;
} Memory;

static gssize
memory_read (gpointer source, char *buffer, gsize size, GError **error)
{
  Memory *m = source;
  gsize n = MIN (size, m->length - m->at);

  memcpy (buffer, m->data + m->at, n);
  m->at += n;
  return n;
}

static gboolean
memory_rewind (gpointer source, GError **error)
{
  ((Memory *) source)->at = 0;
  return TRUE;
}

char *
cp_csv_decode (const char *data, gsize length, CpCsvEncoding *out_encoding, GError **error)
{
  Memory memory = { data, length, 0 };
  CpCsvEncoding encoding;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!cp_csv_detect (memory_read, memory_rewind, &memory, &encoding, error))
    return NULL;
  if (out_encoding != NULL)
    *out_encoding = encoding;
  if (encoding == CP_CSV_GB18030)
    return g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (encoding == CP_CSV_UTF8)
    return g_strndup (data, length);
  /* A BOM starts the file, or it would not be taken for UTF-8. */
  gsize skip = has_signature ((const guchar *) data, length, UTF8_BOM, 3) ? 3 : 0;
  return g_strndup (data + skip, length - skip);
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

/* The reader */

struct _CpCsvReader
{
  /* Where the text comes from: a string given whole, or a source read and decoded a chunk at a
   * time (read is NULL for a string). */
  CpCsvReadFunc read;
  gpointer source;
  GIConv converter; /* GB18030 → UTF-8, or (GIConv) -1 */
  char *raw;        /* bytes of the source; for GB18030 after a character cut at the last end */
  gsize raw_carry;
  char *decoded;    /* GB18030 only */
  gboolean skip_bom;
  gboolean eof;
  GError *error;
  /* Progress: the source bytes before the current chunk, in it, and in all. */
  guint64 raw_before, raw_chunk, raw_total;
  /* The text at hand: [text, end), read up to p. */
  const char *text;
  const char *p;
  const char *end;
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

static CpCsvReader *
reader_new (char delimiter)
{
  CpCsvReader *reader = g_new0 (CpCsvReader, 1);

  reader->converter = (GIConv) -1;
  reader->delimiter = delimiter;
  reader->cells = g_ptr_array_new_with_free_func (free_cell);
  return reader;
}

CpCsvReader *
cp_csv_reader_new (const char *text, char delimiter)
{
  CpCsvReader *reader = reader_new (delimiter);

  g_return_val_if_fail (text != NULL, reader);

  reader->text = reader->p = text;
  reader->end = text + strlen (text);
  reader->raw_chunk = reader->raw_total = reader->end - text;
  reader->eof = TRUE;
  return reader;
}

static void
set_changed_error (CpCsvReader *reader)
{
  if (reader->error == NULL)
    g_set_error_literal (&reader->error, CP_ERROR, CP_ERROR_IMPORT,
                         _("the file changed while it was being read; import it again"));
  reader->eof = TRUE;
}

/* Decodes the @length bytes now in reader->raw into the text at hand. */
static void
decode_chunk (CpCsvReader *reader, gsize length)
{
  if (reader->converter == (GIConv) -1)
    {
      gsize skip = 0;
      if (reader->skip_bom && has_signature ((guchar *) reader->raw, length, UTF8_BOM, 3))
        skip = 3;
      reader->skip_bom = FALSE;
      reader->raw[length] = '\0';
      reader->text = reader->raw + skip;
      reader->end = reader->raw + length;
      return;
    }

  gsize converted = 0;
  reader->raw_carry = length;
  if (!convert_gb18030 (reader->converter, reader->raw, &reader->raw_carry, reader->decoded,
                        &converted))
    {
      set_changed_error (reader);
      converted = 0;
    }
  reader->decoded[converted] = '\0';
  reader->text = reader->decoded;
  reader->end = reader->decoded + converted;
}

/* Reads the next chunk of text; FALSE at the end of the source (or when it failed). */
static gboolean
refill (CpCsvReader *reader)
{
  while (!reader->eof)
    {
      gssize n = reader->read (reader->source, reader->raw + reader->raw_carry, CHUNK_BYTES,
                               &reader->error);
      reader->raw_before += reader->raw_chunk;
      reader->raw_chunk = MAX (n, 0);
      if (n <= 0)
        {
          if (n == 0 && reader->raw_carry > 0)
            set_changed_error (reader);
          reader->eof = TRUE;
          break;
        }
      decode_chunk (reader, reader->raw_carry + n);
      reader->p = reader->text;
      if (reader->p < reader->end)
        return TRUE;
    }
  reader->text = reader->p = reader->end = "";
  return FALSE;
}

/* Whether there is text left, reading the next chunk when this one is done. */
static inline gboolean
more (CpCsvReader *reader)
{
  return reader->p < reader->end || refill (reader);
}

CpCsvReader *
cp_csv_reader_new_from_source (CpCsvReadFunc read, gpointer source, CpCsvEncoding encoding,
                               guint64 size, char delimiter)
{
  CpCsvReader *reader = reader_new (delimiter);

  g_return_val_if_fail (read != NULL, reader);

  reader->read = read;
  reader->source = source;
  reader->raw_total = size;
  reader->raw = g_malloc (CHUNK_BYTES + 8 + 1);
  reader->skip_bom = encoding == CP_CSV_UTF8_BOM || encoding == CP_CSV_UTF8_PARTLY;
  if (encoding == CP_CSV_GB18030)
    {
      reader->converter = open_gb18030 ();
      reader->decoded = g_malloc (2 * (CHUNK_BYTES + 8) + 8 + 1);
    }
  reader->text = reader->p = reader->end = "";
  if (refill (reader) && delimiter == '\0')
    reader->delimiter = cp_csv_guess_delimiter (reader->p);
  else if (delimiter == '\0')
    reader->delimiter = ',';
  return reader;
}

void
cp_csv_reader_free (CpCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_ptr_array_unref (reader->cells);
  if (reader->converter != (GIConv) -1)
    g_iconv_close (reader->converter);
  g_free (reader->raw);
  g_free (reader->decoded);
  g_clear_error (&reader->error);
  g_free (reader);
}

gboolean
cp_csv_reader_check (CpCsvReader *reader, GError **error)
{
  if (reader->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (reader->error));
  return FALSE;
}

/* Appends [from, to) to @cell (NULL: the cell is not kept). */
static inline void
append (GString *cell, const char *from, const char *to)
{
  if (cell != NULL && to > from)
    g_string_append_len (cell, from, to - from);
}

/* Reads the quoted part of a cell, the opening quote read already; FALSE when it is never
 * closed. A doubled quote is one quote; CRLF inside is LF. */
static gboolean
read_quoted (CpCsvReader *reader, GString *cell)
{
  while (more (reader))
    {
      char c = *reader->p;
      if (c == '"')
        {
          reader->p++;
          if (!more (reader) || *reader->p != '"')
            return TRUE;
          if (cell != NULL)
            g_string_append_c (cell, '"');
          reader->p++;
          continue;
        }
      if (c == '\r')
        {
          reader->p++;
          if (more (reader) && *reader->p == '\n')
            {
              reader->p++;
              c = '\n';
            }
          if (cell != NULL)
            g_string_append_c (cell, c);
          continue;
        }
      const char *s = reader->p;
      while (s < reader->end && *s != '"' && *s != '\r')
        s++;
      append (cell, reader->p, s);
      reader->p = s;
    }
  return FALSE;
}

/* Reads one cell into @cell (NULL: skip it), leaving the reader on the delimiter, line break or
 * end. Returns FALSE when a quoted cell is never closed. */
static gboolean
read_cell (CpCsvReader *reader, GString *cell)
{
  gboolean closed = TRUE;
  char delimiter = reader->delimiter;

  if (cell != NULL)
    g_string_truncate (cell, 0);
  if (more (reader) && *reader->p == '"')
    {
      reader->p++;
      closed = read_quoted (reader, cell);
    }
  /* Anything after a closing quote is kept as it stands, as spreadsheets do. */
  while (more (reader))
    {
      const char *s = reader->p;
      while (s < reader->end && *s != delimiter && *s != '\n' && *s != '\r')
        s++;
      append (cell, reader->p, s);
      reader->p = s;
      if (s < reader->end)
        break;
    }
  return closed;
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

  if (!more (reader))
    return NULL;
  reader->index = reader->started ? reader->index + 1 : 0;
  reader->started = TRUE;
  reader->unclosed = FALSE;
  for (;;)
    {
      GString *cell = n < CP_CSV_MAX_CELLS ? cell_buffer (reader, n) : NULL;
      if (!read_cell (reader, cell))
        reader->unclosed = TRUE;
      if (cell != NULL)
        reader->record[n] = cell->str;
      n++;
      if (!more (reader) || *reader->p != reader->delimiter)
        break;
      reader->p++;
    }
  reader->record[MIN (n, CP_CSV_MAX_CELLS)] = NULL;
  reader->n_cells = n;
  if (more (reader) && *reader->p == '\r')
    reader->p++;
  if (more (reader) && *reader->p == '\n')
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
  gsize length = reader->end - reader->text;
  double in_chunk = length > 0 ? (double) (reader->p - reader->text) / length : 1.0;

  if (reader->raw_total == 0)
    return 1.0;
  return MIN (1.0, (reader->raw_before + in_chunk * reader->raw_chunk) / reader->raw_total);
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
    if (!g_utf8_validate (record[i], -1, NULL) || !cp_text_is_blank (record[i]))
      return FALSE;
  return TRUE;
}
