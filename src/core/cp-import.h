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
