/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of townships, communities and facilities from CSV (UTF-8 with or without BOM, or
 * GB18030), all or nothing (DESIGN.md "Import files"). */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

typedef enum
{
  CP_IMPORT_TOWNSHIPS,
  CP_IMPORT_COMMUNITIES,
  CP_IMPORT_FACILITIES,
  CP_N_IMPORT_KINDS
} CpImportKind;

/* key = the command-line word (townships|communities|facilities). */
extern const CpVocabulary cp_import_kinds[CP_N_IMPORT_KINDS];

/* Reads @path and writes its rows in one transaction. When any row is bad nothing is written and
 * @error (CP_ERROR_IMPORT) lists every problem, one a line, "FILE:ROW:COLUMN: message" (ROW as a
 * spreadsheet counts, the header is row 1; COLUMN is the header's name as written in the file).
 * At most 200 problems are listed, then a line with how many more there are. A row with an
 * existing code (townships, communities) or community and name (facilities) updates it. A
 * read-only @store fails with its CP_ERROR_READ_ONLY reason.
 * What is refused, and how:
 * - @path must be a regular file of at most 500 MB (a million facilities take about 150 MB) and
 *   not the database of @store or one of its -wal/-shm/-journal files (found by stat() alone:
 *   opening it would drop SQLite's locks); else one line "FILE: message" (CP_ERROR_IMPORT, or
 *   CP_ERROR_NOT_FOUND when there is no such file). A FIFO or device is never opened.
 * - a row of more than CP_CSV_MAX_CELLS cells is one problem; the cells beyond are not kept.
 * - a row that is not UTF-8 in a file that otherwise is (cp_csv_decode()) is one problem,
 *   "FILE:ROW:COLUMN: not UTF-8 …", COLUMN naming the first cell with the bad bytes.
 * - a cell with a control character, line break, noncharacter or lone surrogate
 *   (cp_text_find_problem()); a tab is kept, also at either end of a name ("\t=1+1" is stored
 *   as it is, like names that begin with =, +, - or @).
 * - numbers other than plain decimals (cp_parse_number()).
 * Values and header names in messages are shown by cp_text_quote(): one line, at most 40
 * characters.
 * @out_rows (optional) gets the number of rows written. */
gboolean cp_import_file (CpStore *store,
                         CpImportKind kind,
                         const char *path,
                         guint *out_rows,
                         GCancellable *cancellable,
                         GError **error);

/* Like cp_import_file(), reporting progress 0..1 to @progress (optional; reading and checking
 * the rows is the first half, writing them the second). When @cancellable is cancelled between
 * two rows, nothing is written and @error is CP_ERROR_CANCELLED. */
gboolean cp_import_file_full (CpStore *store,
                              CpImportKind kind,
                              const char *path,
                              CpProgressFunc progress,
                              gpointer progress_data,
                              guint *out_rows,
                              GCancellable *cancellable,
                              GError **error);

G_END_DECLS
