/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading CSV text as spreadsheets save it: the encoding (UTF-8 with or without BOM, or GB18030
 * as Chinese Excel and WPS save it) and RFC 4180 records (quoted cells with delimiters, doubled
 * quotes and line breaks; CRLF or LF). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CP_CSV_UTF8,
  CP_CSV_UTF8_BOM,
  CP_CSV_GB18030,
  /* UTF-8 (with or without BOM) in which some lines hold bytes that are not UTF-8, typically a
   * row pasted from a file saved in GB18030. */
  CP_CSV_UTF8_PARTLY,
} CpCsvEncoding;

/* A source of bytes: puts up to @size bytes into @buffer and returns how many, 0 at the end, or
 * -1 with @error set. */
typedef gssize (*CpCsvReadFunc) (gpointer source, char *buffer, gsize size, GError **error);
/* Starts the source again from its first byte. */
typedef gboolean (*CpCsvRewindFunc) (gpointer source, GError **error);

/* Decides the encoding of the bytes of @source as cp_csv_decode() does, reading them a chunk at
 * a time: one pass, and a second (after @rewind) for a file that may be GB18030. Fails with the
 * error of cp_csv_decode() or the error of @read or @rewind. The source is left at its end. */
gboolean cp_csv_detect (CpCsvReadFunc read,
                        CpCsvRewindFunc rewind,
                        gpointer source,
                        CpCsvEncoding *out_encoding,
                        GError **error);

/* Turns the bytes of a CSV file into text without BOM. How the encoding is decided:
 * - valid UTF-8 (with or without BOM) is taken as it is;
 * - a file with a UTF-8 BOM, or with at least one line that is valid UTF-8 and holds a character
 *   of U+0800 or above (every Chinese character; two-byte sequences alone prove nothing, as a
 *   GB18030 pair such as "站" D5 BE is also valid UTF-8), is UTF-8 whose other lines are broken:
 *   CP_CSV_UTF8_PARTLY. Its bytes are returned as they are, the broken ones included, so that
 *   the caller reports each row that is not UTF-8 at its place (check every cell with
 *   cp_text_find_problem()) rather than storing it garbled;
 * - else the bytes are read as GB18030; when that fails too but some line is valid non-ASCII
 *   UTF-8, the file is CP_CSV_UTF8_PARTLY.
 * Binary data (NUL bytes, more than one control character in 32 bytes, a workbook, UTF-16,
 * bytes that are neither encoding) fails with CP_ERROR_IMPORT and a message without location
 * that starts "not a CSV text file". A few control characters in a text file are left to the
 * caller, which refuses them cell by cell. @out_encoding is optional. */
char *cp_csv_decode (const char *data, gsize length, CpCsvEncoding *out_encoding, GError **error);

/* The delimiter of @text judged by its first line: ',' unless that line has no comma outside
 * quotes but has tabs or semicolons. */
char cp_csv_guess_delimiter (const char *text);

/* At most this many cells of a record are kept; the rest are counted, not stored, so that a file
 * of nothing but delimiters cannot take the memory of the machine. */
#define CP_CSV_MAX_CELLS 200

/* Reads the records of a text one at a time, without keeping them: memory stays that of one
 * record (and of one chunk of a source) whatever the size of the file. */
typedef struct _CpCsvReader CpCsvReader;

CpCsvReader *cp_csv_reader_new (const char *text, char delimiter);

/* Reads the records of @source, which holds @size bytes (for cp_csv_reader_get_fraction()) in
 * @encoding (from cp_csv_detect()), decoding a chunk of 64 KiB at a time. @delimiter '\0': guess
 * it from the first line (cp_csv_guess_delimiter()). */
CpCsvReader *cp_csv_reader_new_from_source (CpCsvReadFunc read,
                                            gpointer source,
                                            CpCsvEncoding encoding,
                                            guint64 size,
                                            char delimiter);
void cp_csv_reader_free (CpCsvReader *reader);

/* The next record: a NULL-terminated array of its first CP_CSV_MAX_CELLS cells, owned by
 * @reader and valid until the next call; NULL after the last record. A last line break does not
 * start a record. Record i (from 0) is the spreadsheet's row i + 1 even when a quoted cell spans
 * lines. When a quoted cell is never closed, it runs to the end of the text. */
const char *const *cp_csv_reader_next (CpCsvReader *reader);

/* Of the record last returned: its index, how many cells it had (also those beyond
 * CP_CSV_MAX_CELLS), and whether one of its quoted cells is never closed. */
guint cp_csv_reader_get_index (CpCsvReader *reader);
guint cp_csv_reader_get_n_cells (CpCsvReader *reader);
gboolean cp_csv_reader_get_unclosed (CpCsvReader *reader);

/* How much of the text has been read, 0..1. */
double cp_csv_reader_get_fraction (CpCsvReader *reader);

/* After cp_csv_reader_next() returned NULL: FALSE with @error when the source failed, or when
 * its bytes were no longer in its encoding (the file changed after cp_csv_detect()). */
gboolean cp_csv_reader_check (CpCsvReader *reader, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpCsvReader, cp_csv_reader_free)

/* All records of @text at once, a GPtrArray of GStrv (with the cap of cp_csv_reader_next()).
 * When a quoted cell is never closed, @out_unclosed_record (optional) gets the index of its
 * record; else it gets -1. For small texts and tests; the importer streams. */
GPtrArray *cp_csv_parse (const char *text, char delimiter, int *out_unclosed_record);

/* Whether every cell of @record is empty or white space (a cell that is not UTF-8 is not). */
gboolean cp_csv_record_is_blank (const char *const *record);

G_END_DECLS
