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
} CpCsvEncoding;

/* Turns the bytes of a CSV file into UTF-8 text without BOM: valid UTF-8 is taken as it is, else
 * the bytes are read as GB18030. Binary data (NUL bytes, control characters, a workbook, UTF-16,
 * bytes that are neither encoding) fails with CP_ERROR_IMPORT and a message without location
 * that starts "not a CSV text file". @out_encoding is optional. */
char *cp_csv_decode (const char *data, gsize length, CpCsvEncoding *out_encoding, GError **error);

/* The delimiter of @text judged by its first line: ',' unless that line has no comma outside
 * quotes but has tabs or semicolons. */
char cp_csv_guess_delimiter (const char *text);

/* Splits UTF-8 @text into records, a GPtrArray of GStrv (one a record, so record i is the
 * spreadsheet's row i + 1 even when a quoted cell spans lines). A last line break does not
 * start a record. When a quoted cell is never closed, it runs to the end of the text and
 * @out_unclosed_record (optional) gets the index of its record; else it gets -1. */
GPtrArray *cp_csv_parse (const char *text, char delimiter, int *out_unclosed_record);

/* Whether every cell of @record is empty or white space. */
gboolean cp_csv_record_is_blank (const char *const *record);

G_END_DECLS
