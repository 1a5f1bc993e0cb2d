/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-csv.h"
#include "cp-facility-import.h"
#include "cp-import.h"
#include "cp-region-import.h"
#include "cp-staff-import.h"
#include "cp-text.h"

#define MAX_PROBLEMS 200
#define PROGRESS_EVERY 256
/* A facilities file of a million rows is about 150 MB. */
#define MAX_INPUT_BYTES ((goffset) 500 * 1000 * 1000)
/* Ids looked up by cp_import_lookup_id() kept at most. */
#define MAX_LOOKUPS 65536
/* The rows of one spreadsheet sheet: no file saved from Excel or WPS has more, and the duplicate
 * keys of a file this long stay within the import's memory budget. */
#define MAX_ROWS 1048576u

/* Columns that spreadsheets often carry and that hold nothing to import. */
static const char *const ignored_columns[] = { "序号", "备注", "#", "no", "no.", "note", "notes",
                                               "remark", "remarks" };

/* The keys seen in a file: an open-addressing table of their 64-bit hashes (0: an empty slot)
 * and the row each was first seen on. */
typedef struct
{
  guint64 *hashes;
  guint32 *rows;
  gsize capacity; /* a power of two */
  gsize count;
} KeySet;

struct _CpImport
{
  CpStore *store;
  const char *path;
  const CpImportKind *kind;
  char **header;               /* the header's names as written, trimmed */
  char **shown_header;         /* the same fit for a message (cp_text_quote); "" when empty */
  guint n_header;
  int column_at[CP_IMPORT_MAX_COLUMNS]; /* each kind column's file column, or -1 */
  gboolean chinese_header;     /* most columns named by their Chinese label */
  GString *problems;
  guint n_problems;
  char *items;                 /* rows checked and not yet written, then the row being checked */
  guint n_items;               /* rows checked in @items */
  guint max_items;             /* CP_IMPORT_BATCH with the kind's write_items (CP_IMPORT_CHUNK
                                  with its compare_items), else 1 */
  guint n_written;
  gboolean writing;            /* in the transaction */
  gboolean bulk;               /* the store writes with a large cache */
  gboolean unchecked;          /* the CHECK constraints are off (a validated kind) */
  GError *write_error;         /* the store failed: the import stops */
  GCancellable *cancellable;
  KeySet keys;
  GHashTable *lookups;         /* code or name → gint64 id in the database (0 when absent) */
  gpointer data;               /* the kind's (cp_import_set_data()) */
  GDestroyNotify data_free;
  guint unclosed_row;          /* the row of a quoted cell never closed, or 0 */
  char *unclosed_column;
  /* The input */
  int fd;
  goffset size;
  goffset read_bytes;
  gboolean read_failed;        /* the error came from reading the file, not from its bytes */
  GString *cells;              /* the trimmed cells of the row being read, one after another */
};

/* Auxiliary functions: text */

static gboolean
is_trimmed (gunichar c, gboolean literal)
{
  /* A name keeps its tabs and control characters, which the checks then refuse or keep. */
  return g_unichar_isspace (c) && !(literal && g_unichar_iscntrl (c));
}

/* The part of UTF-8 @text without white space (Unicode, e.g. U+3000) at either end: its start,
 * and its length in *@length; @literal keeps tabs, line breaks and form feeds. */
static const char *
trim_bounds (const char *text, gboolean literal, gsize *length)
{
  const char *start = text, *end = text + strlen (text);

  while (*start != '\0' && is_trimmed (g_utf8_get_char (start), literal))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_trimmed (g_utf8_get_char (prev), literal))
        break;
      end = prev;
    }
  *length = end - start;
  return start;
}

static char *
trim_text (const char *text, gboolean literal)
{
  gsize length;
  const char *start = trim_bounds (text, literal, &length);

  return g_strndup (start, length);
}

static char *
trim (const char *text)
{
  return trim_text (text, FALSE);
}

/* @text fit for a one-line message. */
static char *
shown (const char *text)
{
  return cp_text_quote (text, -1);
}

/* Full-width digits and letters (２０２０) as ASCII, without spaces and without a trailing
 * @suffix of @suffixes, so that a year or yes/no typed with a Chinese input method still reads. */
static char *
normalize_number (const char *text, const char *const *suffixes)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    if (g_str_has_suffix (out->str, suffixes[i]) && out->len > strlen (suffixes[i]))
      {
        g_string_truncate (out, out->len - strlen (suffixes[i]));
        break;
      }
  return g_string_free (out, FALSE);
}

static gboolean
parse_double (const char *text, double *out)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

/* "A1" style column letters, for cells that have no header. */
static char *
column_letters (guint index)
{
  char buffer[8];
  int i = G_N_ELEMENTS (buffer) - 1;

  buffer[i] = '\0';
  do
    {
      buffer[--i] = 'A' + index % 26;
      index = index / 26;
    }
  while (index-- > 0 && i > 0);
  return g_strdup (buffer + i);
}

static char *
vocabulary_list (const CpVocabulary *vocabulary, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "", vocabulary[i].key,
                            vocabulary[i].zh_label);
  return g_string_free (out, FALSE);
}

static char *
column_list (const CpImportKind *kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < kind->n_columns; i++)
    g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "", kind->columns[i].key,
                            kind->columns[i].zh_label);
  return g_string_free (out, FALSE);
}

/* Auxiliary functions: problems */

static void G_GNUC_PRINTF (4, 0)
add_problem_valist (CpImport *imp, guint row, const char *column_name, const char *format,
                    va_list args)
{
  imp->n_problems++;
  if (imp->n_problems > MAX_PROBLEMS)
    return;
  if (imp->problems->len > 0)
    g_string_append_c (imp->problems, '\n');
  g_string_append_printf (imp->problems, "%s:%u:%s: ", imp->path, row, column_name);
  g_string_append_vprintf (imp->problems, format, args);
}

static void G_GNUC_PRINTF (4, 5)
add_problem_named (CpImport *imp, guint row, const char *column_name, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (imp, row, column_name, format, args);
  va_end (args);
}

/* The name of kind column @column as the file writes it; a missing column is named in the
 * header's language. */
static const char *
column_name (CpImport *imp, int column)
{
  const CpImportColumn *c = &imp->kind->columns[column];

  if (imp->column_at[column] >= 0)
    return imp->shown_header[imp->column_at[column]];
  return imp->chinese_header ? c->zh_label : c->key;
}

/* Always returns FALSE, so that a check reads `return add_problem (…)`. */
static gboolean G_GNUC_PRINTF (4, 5)
add_problem (CpImport *imp, guint row, int column, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (imp, row, column_name (imp, column), format, args);
  va_end (args);
  return FALSE;
}

gboolean
cp_import_add_problem (CpImport *imp, guint row, int column, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (imp, row, column_name (imp, column), format, args);
  va_end (args);
  return FALSE;
}

static const char *
display (CpImport *imp, int column)
{
  return _(imp->kind->columns[column].display);
}

static const char *
hint (CpImport *imp, int column)
{
  return _(imp->kind->columns[column].hint);
}

/* Auxiliary functions: cells. Each parser takes the trimmed cell, NULL when the file has no such
 * column; an empty optional cell leaves the default in *out. */

static gboolean
cell_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* FALSE when a required cell is empty; a missing required column was reported on the header. */
static gboolean
check_present (CpImport *imp, guint row, int column, const char *text)
{
  if (!cell_is_empty (text) || !imp->kind->columns[column].required)
    return TRUE;
  if (text == NULL)
    return FALSE;
  if (imp->kind->columns[column].hint != NULL)
    return add_problem (imp, row, column, _("%s is empty; enter %s"), display (imp, column),
                        hint (imp, column));
  return add_problem (imp, row, column, _("%s is empty"), display (imp, column));
}

gboolean
cp_import_parse_text (CpImport *imp, guint row, int column, const char *text, guint max_chars,
                      char **out)
{
  if (!check_present (imp, row, column, text))
    return FALSE;
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column, _("%s “%s” is longer than %u characters; enter %s"),
                          display (imp, column), value, max_chars, hint (imp, column));
    }
  *out = g_strdup (text);
  return TRUE;
}

/* Excel saves a long numeric code as "2.20281E+11" unless the column is formatted as text. */
static gboolean
looks_like_scientific (const char *text)
{
  double value;
  return (strchr (text, 'E') != NULL || strchr (text, 'e') != NULL)
         && parse_double (text, &value);
}

gboolean
cp_import_parse_code (CpImport *imp, guint row, int column, const char *text, guint max_chars,
                      char **out)
{
  if (text != NULL && looks_like_scientific (text))
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column,
                          _("%s “%s” was turned into a number in scientific notation by the "
                            "spreadsheet; format the column as text, enter the full code and "
                            "save again"),
                          display (imp, column), value);
    }
  return cp_import_parse_text (imp, row, column, text, max_chars, out);
}

gboolean
cp_import_parse_choice (CpImport *imp, guint row, int column, const char *text,
                        const CpVocabulary *vocabulary, guint n, int *out)
{
  if (text == NULL)
    return FALSE;

  int index = cp_vocabulary_lookup (vocabulary, n, text);
  if (index >= 0)
    {
      *out = index;
      return TRUE;
    }
  g_autofree char *choices = vocabulary_list (vocabulary, n);
  if (cell_is_empty (text))
    return add_problem (imp, row, column, _("%s is empty; use one of %s"), display (imp, column),
                        choices);
  g_autofree char *value = shown (text);
  return add_problem (imp, row, column, _("unknown %s “%s”: use one of %s"),
                      display (imp, column), value, choices);
}

gboolean
cp_import_parse_flag (CpImport *imp, guint row, int column, const char *text, gboolean *out)
{
  if (cell_is_empty (text) || cp_parse_yes_no (text, out))
    return TRUE;

  g_autofree char *normal = normalize_number (text, NULL);
  if (cp_parse_yes_no (normal, out))
    return TRUE;
  g_autofree char *value = shown (text);
  return add_problem (imp, row, column,
                        _("%s “%s” is not yes or no; enter 是 or 否 (or yes/no, true/false, "
                          "1/0)"),
                        display (imp, column), value);
  return TRUE;
}

/* Reads a number with cp_parse_number(), the one reading the dialogs use too. */
static gboolean
parse_number (CpImport *imp, guint row, int column, const char *text, CpNumberFlags flags,
              double *out)
{
  g_autoptr (GError) error = NULL;

  if (cp_parse_number (text, flags, out, &error))
    return TRUE;

  g_autofree char *value = shown (text);
  return add_problem (imp, row, column, _("%s “%s” %s"), display (imp, column), value,
                      error->message);
}

gboolean
cp_import_parse_area (CpImport *imp, guint row, int column, const char *text, double minimum,
                      double maximum, double *out)
{
  double value;

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;
  if (!parse_number (imp, row, column, text, CP_NUMBER_AREA_UNIT, &value))
    return FALSE;

  if (value >= minimum && value >= 0 && value <= maximum)
    {
      *out = value;
      return TRUE;
    }
  g_autofree char *shown_text = shown (text);
  if (value < 0)
    return add_problem (imp, row, column, _("%s “%s” is negative; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  if (value < minimum)
    return add_problem (imp, row, column, _("%s “%s” is too small; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  return add_problem (imp, row, column, _("%s “%s” is more than %.0f m²; enter %s"),
                      display (imp, column), shown_text, maximum, hint (imp, column));
}

gboolean
cp_import_parse_count (CpImport *imp, guint row, int column, const char *text, gint64 maximum,
                       gint64 *out)
{
  double value;

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;
  if (!parse_number (imp, row, column, text, CP_NUMBER_WHOLE, &value))
    return FALSE;

  if (value >= 0 && value <= (double) maximum)
    {
      *out = (gint64) value;
      return TRUE;
    }
  g_autofree char *shown_text = shown (text);
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, maximum);
  if (value < 0)
    return add_problem (imp, row, column, _("%s “%s” is negative; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  return add_problem (imp, row, column, _("%s “%s” is more than %s; enter %s"),
                      display (imp, column), shown_text, max_text, hint (imp, column));
}

gboolean
cp_import_parse_year (CpImport *imp, guint row, int column, const char *text, int *out)
{
  static const char *const suffixes[] = { "年", NULL };

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;

  guint64 year = 0;
  if (g_ascii_string_to_unsigned (text, 10, CP_YEAR_MIN, CP_YEAR_MAX, &year, NULL))
    {
      *out = (int) year;
      return TRUE;
    }
  g_autofree char *normal = normalize_number (text, suffixes);
  if (!g_ascii_string_to_unsigned (normal, 10, CP_YEAR_MIN, CP_YEAR_MAX, &year, NULL))
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column, _("%s “%s” is not a year from %d to %d"),
                          display (imp, column), value, CP_YEAR_MIN, CP_YEAR_MAX);
    }
  *out = (int) year;
  return TRUE;
}

/* The header */

static gboolean
names_match (const char *name, const CpImportColumn *c)
{
  return g_ascii_strcasecmp (name, c->key) == 0 || strcmp (name, c->zh_label) == 0
         || g_ascii_strcasecmp (name, c->display) == 0 || strcmp (name, _(c->display)) == 0;
}

/* The kind column named @name, also when a unit follows in brackets ("总面积（㎡）"), or -1. */
static int
find_column (const CpImportKind *kind, const char *name)
{
  g_autofree char *bare = g_strdup (name);
  char *bracket = strstr (bare, "（");

  if (bracket == NULL)
    bracket = strchr (bare, '(');
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < kind->n_columns; i++)
        if (names_match (pass == 0 ? name : bare, &kind->columns[i]))
          return (int) i;
      if (bracket == NULL)
        break;
      *bracket = '\0';
      g_strstrip (bare);
    }
  return -1;
}

static gboolean
is_ignored_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (ignored_columns); i++)
    if (g_ascii_strcasecmp (name, ignored_columns[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
match_header_cell (CpImport *imp, guint row, guint index, guint *chinese, guint *keys)
{
  const char *name = imp->header[index];
  const char *name_shown = imp->shown_header[index];
  int column = find_column (imp->kind, name);

  if (*name == '\0' || is_ignored_column (name))
    return;
  if (column < 0)
    {
      g_autofree char *names = column_list (imp->kind);
      add_problem_named (imp, row, name_shown, _("unknown column “%s”: use one of %s"),
                         name_shown, names);
      return;
    }
  if (imp->column_at[column] >= 0)
    {
      add_problem_named (imp, row, name_shown,
                         _("column “%s” appears twice; keep one of them"), name_shown);
      return;
    }
  imp->column_at[column] = (int) index;
  if (strstr (name, imp->kind->columns[column].zh_label) != NULL)
    (*chinese)++;
  else
    (*keys)++;
}

/* The name of file column @index: its header, else its letter. */
static char *
file_column_name (CpImport *imp, guint index)
{
  if (imp->shown_header != NULL && index < imp->n_header && *imp->shown_header[index] != '\0')
    return g_strdup (imp->shown_header[index]);
  return column_letters (index);
}

/* Cells that are not text at all: bytes that are not UTF-8 (a row pasted from a file saved in
 * GB18030, see cp_csv_decode()) or encoded surrogates. TRUE when there are none; then the record
 * is valid UTF-8 and may be trimmed and parsed. Bit i of *@clean (optional) is set when cell i
 * (of the first 64) has no problem of any kind. */
static gboolean
check_utf8 (CpImport *imp, const char *const *record, guint row, guint64 *clean)
{
  gboolean ok = TRUE;

  if (clean != NULL)
    *clean = 0;
  for (guint i = 0; record[i] != NULL; i++)
    {
      gunichar c = 0;
      glong at = 0;
      const char *bad = NULL;
      CpTextProblem problem = cp_text_find_problem (record[i], -1, &c, &at);
      g_autofree char *name = NULL;
      if (problem == CP_TEXT_OK && clean != NULL && i < 64)
        *clean |= G_GUINT64_CONSTANT (1) << i;
      /* The first problem may be another one (a form feed) before the bytes that are not
       * UTF-8, and nothing after this may read the cell as UTF-8. */
      if (problem != CP_TEXT_OK && problem != CP_TEXT_NOT_UTF8 && problem != CP_TEXT_SURROGATE
          && !g_utf8_validate (record[i], -1, &bad))
        {
          problem = CP_TEXT_NOT_UTF8;
          c = (guchar) *bad;
          at = g_utf8_strlen (record[i], bad - record[i]) + 1;
        }
      if (problem != CP_TEXT_NOT_UTF8 && problem != CP_TEXT_SURROGATE)
        continue;
      name = file_column_name (imp, i);
      if (problem == CP_TEXT_NOT_UTF8)
        {
          /* One line for the row: it was saved in another encoding as a whole. */
          add_problem_named (imp, row, name,
                             _("not UTF-8 (byte 0x%02X at position %ld of the cell): this row "
                               "was saved in another encoding, such as GB18030; save the whole "
                               "file as “CSV UTF-8 (comma delimited)” and import it again"),
                             c, at);
          return FALSE;
        }
      g_autoptr (GError) error = NULL;
      g_autofree char *value = shown (record[i]);
      cp_text_check (record[i], -1, &error);
      add_problem_named (imp, row, name, _("“%s” %s"), value, error->message);
      ok = FALSE;
    }
  return ok;
}

/* At most CP_CSV_MAX_CELLS cells are read; a longer row is a problem of its own. */
static gboolean
check_n_cells (CpImport *imp, CpCsvReader *reader, guint row)
{
  guint n_cells = cp_csv_reader_get_n_cells (reader);

  if (n_cells <= CP_CSV_MAX_CELLS)
    return TRUE;

  g_autofree char *name = column_letters (CP_CSV_MAX_CELLS);
  add_problem_named (imp, row, name,
                     _("the row has %u cells, more than the %u an import reads; delete the "
                       "cells from column %s on (often empty cells or a run of delimiters)"),
                     n_cells, CP_CSV_MAX_CELLS, name);
  return FALSE;
}

static void
read_header (CpImport *imp, CpCsvReader *reader, const char *const *record, guint row)
{
  guint chinese = 0, keys = 0;
  gboolean utf8 = check_utf8 (imp, record, row, NULL);

  check_n_cells (imp, reader, row);
  imp->n_header = g_strv_length ((char **) record);
  imp->header = g_new0 (char *, imp->n_header + 1);
  imp->shown_header = g_new0 (char *, imp->n_header + 1);
  for (guint i = 0; i < imp->n_header; i++)
    {
      /* A name that is not UTF-8 was reported above; its column is then left out. */
      gboolean valid = utf8 || g_utf8_validate (record[i], -1, NULL);
      imp->header[i] = valid ? trim (record[i]) : g_strdup ("");
      imp->shown_header[i] = valid ? shown (imp->header[i]) : column_letters (i);
    }

  for (guint i = 0; i < imp->n_header; i++)
    match_header_cell (imp, row, i, &chinese, &keys);
  imp->chinese_header = chinese > keys;
  for (guint i = 0; i < imp->kind->n_columns; i++)
    if (imp->kind->columns[i].required && imp->column_at[i] < 0)
      add_problem (imp, row, i, _("missing column “%s” (%s); add it to the header row"),
                   imp->kind->columns[i].key, imp->kind->columns[i].zh_label);
}

/* Data rows */

static void
check_cells_without_header (CpImport *imp, const char *const *record, guint row)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      if (i < imp->n_header && *imp->shown_header[i] != '\0')
        continue;
      g_autofree char *value = trim (record[i]);
      if (*value == '\0')
        continue;
      g_autofree char *name = column_letters (i);
      g_autofree char *value_shown = shown (value);
      add_problem_named (imp, row, name,
                         _("“%s” is in a column without a header; name the column or clear "
                           "the cell"),
                         value_shown);
    }
}

/* Control characters, line breaks, noncharacters: refused in every cell that is imported, so
 * that no report ever has to write them. */
static gboolean
check_cell_text (CpImport *imp, guint row, int column, const char *value)
{
  g_autoptr (GError) error = NULL;

  if (cp_text_check (value, -1, &error))
    return TRUE;

  g_autofree char *value_shown = shown (value);
  return add_problem (imp, row, column, _("%s “%s” %s"), display (imp, column), value_shown,
                      error->message);
}

static gpointer
item_at (CpImport *imp, guint index)
{
  return imp->items + (gsize) index * imp->kind->item_size;
}

static void
clear_item (CpImport *imp, gpointer item)
{
  if (imp->kind->clear_item != NULL)
    imp->kind->clear_item (item);
}

/* Writes @items in the kind's order (compare_items), CP_IMPORT_BATCH at a time, until the
 * import is cancelled (which rolls it back). */
static void
write_sorted (CpImport *imp)
{
  if (imp->kind->compare_items != NULL)
    qsort (imp->items, imp->n_items, imp->kind->item_size, imp->kind->compare_items);
  for (guint done = 0; done < imp->n_items; done += CP_IMPORT_BATCH)
    {
      guint n = MIN (imp->n_items - done, CP_IMPORT_BATCH);
      if (g_cancellable_is_cancelled (imp->cancellable)
          || !imp->kind->write_items (imp->store, item_at (imp, done), n, &imp->write_error))
        return;
      imp->n_written += n;
    }
}

/* Writes the rows checked and kept, as long as no row had a problem, and forgets them. */
static void
write_items (CpImport *imp)
{
  if (imp->n_items > 0 && imp->n_problems == 0 && imp->write_error == NULL)
    {
      if (imp->kind->write_items != NULL)
        write_sorted (imp);
      else if (imp->kind->write_item (imp->store, imp->items, &imp->write_error))
        imp->n_written += imp->n_items;
    }
  for (guint i = 0; i < imp->n_items; i++)
    clear_item (imp, item_at (imp, i));
  imp->n_items = 0;
}

/* Checks the row's cells into the next free item and keeps it for writing while no row had a
 * problem; a full batch is written. */
static void
parse_item (CpImport *imp, const char *const *cells, guint row)
{
  gpointer item = item_at (imp, imp->n_items);

  memset (item, 0, imp->kind->item_size);
  if (!imp->kind->parse_row (imp, row, cells, item) || imp->n_problems > 0
      || imp->write_error != NULL)
    {
      clear_item (imp, item);
      return;
    }
  if (++imp->n_items == imp->max_items)
    write_items (imp);
}

/* Fills @cells with the trimmed cell of each kind column (NULL when the file has none), kept in
 * imp->cells; FALSE when one has a character no cell may hold. Cells in @clean (see
 * check_utf8()) have none. */
static gboolean
trim_cells (CpImport *imp, const char *const *record, guint row, guint64 clean,
            const char **cells)
{
  guint n_cells = g_strv_length ((char **) record);
  gsize offsets[CP_IMPORT_MAX_COLUMNS];
  gboolean ok = TRUE;

  g_string_truncate (imp->cells, 0);
  for (guint i = 0; i < imp->kind->n_columns; i++)
    {
      int at = imp->column_at[i];
      if (at < 0)
        continue;
      gsize length;
      const char *start = trim_bounds ((guint) at < n_cells ? record[at] : "",
                                       imp->kind->columns[i].literal, &length);
      offsets[i] = imp->cells->len;
      g_string_append_len (imp->cells, start, length);
      g_string_append_c (imp->cells, '\0');
    }
  /* The pointers once the buffer no longer moves. */
  for (guint i = 0; i < imp->kind->n_columns; i++)
    {
      int at = imp->column_at[i];
      if (at < 0)
        continue;
      cells[i] = imp->cells->str + offsets[i];
      if (at >= 64 || (clean & (G_GUINT64_CONSTANT (1) << at)) == 0)
        ok &= check_cell_text (imp, row, i, cells[i]);
    }
  return ok;
}

static void
read_row (CpImport *imp, CpCsvReader *reader, const char *const *record, guint row)
{
  const char *cells[CP_IMPORT_MAX_COLUMNS] = { NULL };
  guint64 clean = 0;

  if (!check_n_cells (imp, reader, row) || !check_utf8 (imp, record, row, &clean))
    return;
  check_cells_without_header (imp, record, row);
  if (trim_cells (imp, record, row, clean, cells))
    parse_item (imp, cells, row);
}

static void
report_progress (CpProgressFunc progress, gpointer data, double fraction, guint i)
{
  if (progress != NULL && i % PROGRESS_EVERY == 0)
    progress (fraction, data);
}

static gboolean
cancelled (CpImport *imp, GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  cp_set_error (error, CP_ERROR_CANCELLED, _("The import of “%s” was cancelled; nothing was "
                                             "written."), imp->path);
  return TRUE;
}

/* Blank records are skipped; one with more cells than are read is not blank. */
static gboolean
is_blank (CpCsvReader *reader, const char *const *record)
{
  return cp_csv_reader_get_n_cells (reader) <= CP_CSV_MAX_CELLS
         && cp_csv_record_is_blank (record);
}

/* The first record that is not blank, or NULL. */
static const char *const *
next_filled (CpCsvReader *reader)
{
  const char *const *record;

  while ((record = cp_csv_reader_next (reader)) != NULL && is_blank (reader, record))
    ;
  return record;
}

/* A quoted cell never closed runs to the end of the file: its record is the last one. It is
 * reported after every other problem, at the column where it starts. */
static void
note_unclosed (CpImport *imp, const char *const *record, guint row)
{
  guint last = g_strv_length ((char **) record) - 1;

  imp->unclosed_row = row;
  imp->unclosed_column = imp->header != NULL ? file_column_name (imp, last)
                                             : column_letters (last);
}

static void
report_unclosed (CpImport *imp)
{
  if (imp->unclosed_row == 0)
    return;
  add_problem_named (imp, imp->unclosed_row, imp->unclosed_column,
                     _("a quoted cell is never closed; add the closing quote (\") at the end of "
                       "its text"));
}

static void
report_empty (CpImport *imp)
{
  g_autofree char *keys = NULL;
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < imp->kind->n_columns; i++)
    if (imp->kind->columns[i].required)
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "",
                              imp->kind->columns[i].key);
  keys = g_string_free (names, FALSE);
  add_problem_named (imp, 1, imp->kind->columns[0].key,
                     _("the file is empty; its first row must name the columns, e.g. %s"), keys);
}

/* Reads and checks every row, one record at a time, writing them as batches fill; TRUE unless
 * cancelled or the file could not be read. */
static gboolean
read_records (CpImport *imp, CpCsvReader *reader, CpProgressFunc progress,
              gpointer progress_data, GCancellable *cancellable, GError **error)
{
  const char *const *record = next_filled (reader);
  gboolean has_rows = FALSE;

  if (record == NULL)
    {
      if (!cp_csv_reader_check (reader, error))
        return FALSE;
      report_empty (imp);
      return TRUE;
    }

  guint header_row = cp_csv_reader_get_index (reader) + 1;
  read_header (imp, reader, record, header_row);
  if (cp_csv_reader_get_unclosed (reader))
    note_unclosed (imp, record, header_row);
  while (imp->write_error == NULL && (record = cp_csv_reader_next (reader)) != NULL)
    {
      guint index = cp_csv_reader_get_index (reader);
      if (cancelled (imp, cancellable, error))
        return FALSE;
      if (index >= MAX_ROWS)
        {
          add_problem (imp, index + 1, 0,
                       _("the file has more than %u rows, the most a spreadsheet holds; split "
                         "it into files of at most that many rows"),
                       MAX_ROWS);
          has_rows = TRUE;
          break;
        }
      report_progress (progress, progress_data, cp_csv_reader_get_fraction (reader), index);
      if (is_blank (reader, record))
        continue;
      has_rows = TRUE;
      if (cp_csv_reader_get_unclosed (reader))
        note_unclosed (imp, record, index + 1);
      else
        read_row (imp, reader, record, index + 1);
    }
  if (!cp_csv_reader_check (reader, error))
    return FALSE;
  if (!has_rows)
    add_problem (imp, header_row + 1, 0,
                 _("the file has a header but no rows below it; add the rows to import"));
  report_unclosed (imp);
  return TRUE;
}

static gboolean
fail_with_problems (CpImport *imp, GError **error)
{
  if (imp->n_problems > MAX_PROBLEMS)
    {
      guint more = imp->n_problems - MAX_PROBLEMS;
      g_string_append_c (imp->problems, '\n');
      g_string_append_printf (imp->problems,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                           "… and %u more problems", more),
                              more);
    }
  return cp_set_error (error, CP_ERROR_IMPORT, "%s", imp->problems->str);
}

/* The input file */

static gboolean G_GNUC_PRINTF (4, 5)
file_error (CpImport *imp, CpError code, GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  return cp_set_error (error, code, "%s: %s", imp->path, message);
}

static gboolean
errno_error (CpImport *imp, int saved_errno, GError **error)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      return file_error (imp, CP_ERROR_NOT_FOUND, error,
                         _("there is no such file; check its name and folder"));
    case ELOOP:
      return file_error (imp, CP_ERROR_IMPORT, error,
                         _("the path goes round a loop of symbolic links; give the path of the "
                           "CSV file itself"));
    case EACCES:
    case EPERM:
      return file_error (imp, CP_ERROR_IMPORT, error,
                         _("you may not read this file; ask for read permission, or copy the "
                           "file to a folder of your own and import the copy"));
    default:
      return file_error (imp, CP_ERROR_IMPORT, error, _("cannot read the file (%s)"),
                         g_strerror (saved_errno));
    }
}

static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  return _("a special file");
}

static gboolean
too_large (CpImport *imp, goffset size, GError **error)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit = g_format_size (MAX_INPUT_BYTES);

  return file_error (imp, CP_ERROR_IMPORT, error,
                     _("the file is %s, more than the %s an import reads; split it into smaller "
                       "files and import them one after the other"),
                     size_text, limit);
}

/* What stat() tells of the input before it is opened: a FIFO would block the open, a device
 * such as /dev/zero never ends. */
static gboolean
check_input (CpImport *imp, const struct stat *st, GError **error)
{
  if (!S_ISREG (st->st_mode))
    return file_error (imp, CP_ERROR_IMPORT, error,
                       _("this is %s, not a CSV file; give the path of a CSV file"),
                       file_kind (st->st_mode));
  if (cp_store_owns_file (imp->store, imp->path))
    return file_error (imp, CP_ERROR_IMPORT, error,
                       _("this is the database the import writes to, not a CSV file; give the "
                         "path of the CSV file"));
  if (st->st_size > MAX_INPUT_BYTES)
    return too_large (imp, st->st_size, error);
  return TRUE;
}

/* Reads up to @size bytes of the open file (a read of a regular file returns fewer only at its
 * end), never more than MAX_INPUT_BYTES in all: it may grow while read. */
static gssize
input_read (gpointer source, char *buffer, gsize size, GError **error)
{
  CpImport *imp = source;
  gsize length = 0;

  while (length < size)
    {
      gssize n = read (imp->fd, buffer + length, size - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          imp->read_failed = TRUE;
          errno_error (imp, errno, error);
          return -1;
        }
      if (n == 0)
        break;
      length += n;
    }
  imp->read_bytes += length;
  if (imp->read_bytes > MAX_INPUT_BYTES)
    {
      imp->read_failed = TRUE;
      too_large (imp, imp->read_bytes, error);
      return -1;
    }
  return length;
}

static gboolean
input_rewind (gpointer source, GError **error)
{
  CpImport *imp = source;

  imp->read_bytes = 0;
  if (lseek (imp->fd, 0, SEEK_SET) == 0)
    return TRUE;
  imp->read_failed = TRUE;
  return errno_error (imp, errno, error);
}

static gboolean
open_input (CpImport *imp, GError **error)
{
  struct stat before, opened;

  if (stat (imp->path, &before) != 0)
    return errno_error (imp, errno, error);
  if (!check_input (imp, &before, error))
    return FALSE;
  /* O_NONBLOCK: should the path have been replaced by a FIFO since, open() does not wait. */
  imp->fd = g_open (imp->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (imp->fd < 0)
    return errno_error (imp, errno, error);
  if (fstat (imp->fd, &opened) != 0 || !S_ISREG (opened.st_mode)
      || opened.st_dev != before.st_dev || opened.st_ino != before.st_ino)
    return file_error (imp, CP_ERROR_IMPORT, error,
                       _("the file was replaced while it was being opened; import it again"));
  imp->size = opened.st_size;
  return TRUE;
}

/* Keys seen and ids looked up */

/* FNV-1a, then the finalizer of MurmurHash3 to spread its bits; never 0. */
static guint64
hash_key (const char *key, gsize length)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) key[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h != 0 ? h : 1;
}

static void key_set_put (KeySet *set, guint64 hash, guint row);

static void
key_set_grow (KeySet *set)
{
  KeySet bigger = { NULL, NULL, MAX (set->capacity * 2, 1024), 0 };

  bigger.hashes = g_new0 (guint64, bigger.capacity);
  bigger.rows = g_new (guint32, bigger.capacity);
  for (gsize i = 0; i < set->capacity; i++)
    if (set->hashes[i] != 0)
      key_set_put (&bigger, set->hashes[i], set->rows[i]);
  g_free (set->hashes);
  g_free (set->rows);
  *set = bigger;
}

/* The row noted for @hash, or 0 after noting @row for it. */
static guint
key_set_find_or_put (KeySet *set, guint64 hash, guint row)
{
  if ((set->count + 1) * 4 > set->capacity * 3)
    key_set_grow (set);

  gsize mask = set->capacity - 1;
  for (gsize i = hash & mask;; i = (i + 1) & mask)
    {
      if (set->hashes[i] == hash)
        return set->rows[i];
      if (set->hashes[i] == 0)
        {
          set->hashes[i] = hash;
          set->rows[i] = row;
          set->count++;
          return 0;
        }
    }
}

static void
key_set_put (KeySet *set, guint64 hash, guint row)
{
  key_set_find_or_put (set, hash, row);
}

guint
cp_import_first_row (CpImport *imp, const char *key, gsize length, guint row)
{
  g_return_val_if_fail (imp != NULL && key != NULL, 0);
  return key_set_find_or_put (&imp->keys, hash_key (key, length), row);
}

gint64
cp_import_lookup_id (CpImport *imp, const char *text,
                     gint64 (*find) (CpStore *store, const char *text, GError **error))
{
  g_autoptr (GError) error = NULL;
  gint64 *cached = g_hash_table_lookup (imp->lookups, text);

  if (cached != NULL)
    return *cached;
  /* A file of unknown codes must not fill the memory. */
  if (g_hash_table_size (imp->lookups) >= MAX_LOOKUPS)
    g_hash_table_remove_all (imp->lookups);

  gint64 id = find (imp->store, text, &error);
  if (error != NULL)
    {
      /* Not "unknown": the database failed, and the import stops with its message. */
      if (imp->write_error == NULL)
        imp->write_error = g_steal_pointer (&error);
      return 0;
    }
  g_hash_table_insert (imp->lookups, g_strdup (text), g_memdup2 (&id, sizeof id));
  return id;
}

/* The import */

static gboolean
stop (CpImport *imp)
{
  if (imp->writing)
    cp_store_rollback (imp->store);
  imp->writing = FALSE;
  return FALSE;
}

static gboolean
run_import (CpImport *imp, CpProgressFunc progress, gpointer progress_data,
            GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  CpCsvEncoding encoding;

  if (!open_input (imp, error))
    return FALSE;
  if (!cp_csv_detect (input_read, input_rewind, imp, &encoding, &local))
    {
      if (imp->read_failed)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      add_problem_named (imp, 1, imp->kind->columns[0].key, "%s", local->message);
      return fail_with_problems (imp, error);
    }
  if (!input_rewind (imp, error) || !cp_store_begin (imp->store, error))
    return FALSE;
  imp->writing = TRUE;
  cp_store_set_bulk_write (imp->store, TRUE);
  imp->bulk = TRUE;
  if (imp->kind->validated)
    {
      cp_store_set_check_constraints (imp->store, FALSE);
      imp->unchecked = TRUE;
    }

  g_autoptr (CpCsvReader) reader
      = cp_csv_reader_new_from_source (input_read, imp, encoding, imp->size, '\0');
  if (!read_records (imp, reader, progress, progress_data, cancellable, error))
    return stop (imp);
  write_items (imp);
  /* Cancelled while the last rows were written (write_sorted() stops there). */
  if (cancelled (imp, cancellable, error))
    return stop (imp);
  if (imp->write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp->write_error));
      return stop (imp);
    }
  if (imp->n_problems == 0 && imp->kind->finish != NULL && !imp->kind->finish (imp, error))
    return stop (imp);
  if (imp->n_problems > 0)
    {
      stop (imp);
      return fail_with_problems (imp, error);
    }
  if (!cp_store_commit (imp->store, error))
    return stop (imp);
  imp->writing = FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static void
import_clear (CpImport *imp)
{
  if (imp->fd >= 0)
    close (imp->fd);
  g_strfreev (imp->header);
  g_strfreev (imp->shown_header);
  g_free (imp->unclosed_column);
  g_string_free (imp->problems, TRUE);
  g_string_free (imp->cells, TRUE);
  for (guint i = 0; i < imp->n_items; i++)
    clear_item (imp, item_at (imp, i));
  g_free (imp->items);
  g_clear_error (&imp->write_error);
  g_free (imp->keys.hashes);
  g_free (imp->keys.rows);
  g_hash_table_unref (imp->lookups);
  if (imp->data_free != NULL)
    imp->data_free (imp->data);
}

CpStore *
cp_import_get_store (CpImport *imp)
{
  return imp->store;
}

gpointer
cp_import_get_data (CpImport *imp)
{
  return imp->data;
}

void
cp_import_set_data (CpImport *imp, gpointer data, GDestroyNotify free_func)
{
  if (imp->data_free != NULL && imp->data != data)
    imp->data_free (imp->data);
  imp->data = data;
  imp->data_free = free_func;
}

/* The registry */

static GPtrArray *registry;

void
cp_import_registry_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      registry = g_ptr_array_new ();
      /* Every domain's kinds, in the order the window and the help list them. */
      cp_region_import_register ();
      cp_facility_import_register ();
      cp_staff_import_register ();
      g_once_init_leave (&done, 1);
    }
}

/* The kind registered with @key, or NULL; the registry is made already. */
static const CpImportKind *
find_kind (const char *key)
{
  for (guint i = 0; i < registry->len; i++)
    {
      const CpImportKind *kind = g_ptr_array_index (registry, i);
      if (g_str_equal (kind->key, key))
        return kind;
    }
  return NULL;
}

/* Called by cp_import_registry_init() (through each domain's register function), so it must
 * not call it: that would wait for itself. */
void
cp_import_register (const CpImportKind *kind)
{
  g_return_if_fail (registry != NULL);
  g_return_if_fail (kind != NULL && kind->n_columns <= CP_IMPORT_MAX_COLUMNS);
  g_return_if_fail (find_kind (kind->key) == NULL);

  g_ptr_array_add (registry, (gpointer) kind);
}

GPtrArray *
cp_import_kinds_list (const char *domain)
{
  GPtrArray *kinds = g_ptr_array_new ();

  cp_import_registry_init ();
  for (guint i = 0; i < registry->len; i++)
    {
      const CpImportKind *kind = g_ptr_array_index (registry, i);
      if (domain == NULL || g_strcmp0 (kind->domain, domain) == 0)
        g_ptr_array_add (kinds, (gpointer) kind);
    }
  return kinds;
}

const CpImportKind *
cp_import_kind_lookup (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  cp_import_registry_init ();
  return find_kind (key);
}

char *
cp_import_kind_keys (void)
{
  GString *out = g_string_new (NULL);

  cp_import_registry_init ();
  for (guint i = 0; i < registry->len; i++)
    {
      const CpImportKind *kind = g_ptr_array_index (registry, i);
      if (i > 0)
        g_string_append (out, i + 1 < registry->len ? C_ ("list of choices", ", ")
                                                    : C_ ("list of choices", " or "));
      g_string_append (out, kind->key);
    }
  return g_string_free (out, FALSE);
}

/* Public API */

gboolean
cp_import_file_full (CpStore *store, const CpImportKind *kind, const char *path,
                     CpProgressFunc progress, gpointer progress_data, guint *out_rows,
                     GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_rows != NULL)
    *out_rows = 0;
  if (!cp_store_check_writable (store, error))
    return FALSE;

  CpImport imp = {
    .store = store,
    .path = path,
    .kind = kind,
    .problems = g_string_new (NULL),
    .cells = g_string_new (NULL),
    .max_items = kind->write_items == NULL     ? 1
                 : kind->compare_items != NULL ? CP_IMPORT_CHUNK
                                               : CP_IMPORT_BATCH,
    .cancellable = cancellable,
    .lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .fd = -1,
  };
  for (guint i = 0; i < CP_IMPORT_MAX_COLUMNS; i++)
    imp.column_at[i] = -1;
  imp.items = g_malloc0 (kind->item_size * imp.max_items);

  gboolean ok = run_import (&imp, progress, progress_data, cancellable, error);
  if (imp.unchecked)
    cp_store_set_check_constraints (store, TRUE);
  if (imp.bulk)
    cp_store_set_bulk_write (store, FALSE);
  if (ok && out_rows != NULL)
    *out_rows = imp.n_written;
  import_clear (&imp);
  return ok;
}

gboolean
cp_import_file (CpStore *store, const CpImportKind *kind, const char *path, guint *out_rows,
                GCancellable *cancellable, GError **error)
{
  return cp_import_file_full (store, kind, path, NULL, NULL, out_rows, cancellable, error);
}
