/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of rows from CSV (UTF-8 with or without BOM, or GB18030), all or nothing. The engine
 * names no domain: each domain describes its kinds of file (CpImportKind) and registers them. */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"
#include "cp-vocabulary.h"

G_BEGIN_DECLS

/* The work of one import, handed to the kinds' row functions. */
typedef struct _CpImport CpImport;

/* A column of an import file: named in the header by its key, its Chinese label or its display
 * name (also when a unit follows in brackets, "总面积（㎡）"). */
typedef struct
{
  const char *key;
  const char *zh_label;
  const char *display; /* marked with N_: the field's name in messages */
  const char *hint;    /* marked with N_: what a right value is; NULL for choices and yes/no */
  gboolean required;
  gboolean literal;    /* a name: stored as typed, a tab at either end included */
} CpImportColumn;

/* What one kind of import file holds and how its rows are written. */
typedef struct
{
  const char *key;      /* the command-line word, e.g. "facilities" */
  const char *zh_label; /* e.g. 设施 */
  const char *display;  /* marked with N_: its name in the window, e.g. "Facilities" */
  const char *domain;   /* the domain (folder, page) it belongs to, e.g. "facility" */
  const CpImportColumn *columns;
  guint n_columns;
  gsize item_size;          /* what parse_row fills and write_item writes */
  GDestroyNotify clear_item; /* frees what an item holds, not the item */
  /* Checks the row @row (as a spreadsheet counts) and fills @item (zeroed). @cells holds the
   * trimmed cell of each column, NULL when the file has no such column. FALSE when a problem
   * was added with cp_import_add_problem(). */
  gboolean (*parse_row) (CpImport *imp, guint row, const char *const *cells, gpointer item);
  /* Writes @item inside the import's transaction. */
  gboolean (*write_item) (CpStore *store, gpointer item, GError **error);
  /* Optional, used in place of write_item: writes @n items (an array, @item_size bytes each; @n
   * at most CP_IMPORT_BATCH) in their order, inside the import's transaction. The keys of a file
   * are unique, so no two of them have the same key. */
  gboolean (*write_items) (CpStore *store, gconstpointer items, guint n, GError **error);
  /* Optional, with write_items: the order in which write_items gets the items. The rows are then
   * kept CP_IMPORT_CHUNK at a time and each chunk is sorted before it is written (in batches of
   * CP_IMPORT_BATCH), e.g. by the key of an index so that the writes of a large file land on
   * neighbouring pages of that index rather than all over it. The keys of a file are unique, so
   * the order is total and the rows' ids follow it, chunk by chunk. */
  GCompareFunc compare_items;
  /* TRUE when parse_row refuses every row the tables' CHECK constraints would (it calls the
   * domain's validate function, which they follow): SQLite does not check them again while the
   * import writes (cp_store_set_check_constraints()). */
  gboolean validated;
  /* Optional: called once every row is read and written, inside the import's transaction, when
   * no row had a problem: a check of the rows together against the database as they left it
   * (it adds problems with cp_import_add_problem(), which undo the import), FALSE with @error
   * when the store fails. */
  gboolean (*finish) (CpImport *imp, GError **error);
} CpImportKind;

/* At most this many columns a kind. */
#define CP_IMPORT_MAX_COLUMNS 24
/* Rows checked and kept before write_items writes them. */
#define CP_IMPORT_BATCH 256
/* Rows checked and kept, then sorted, by a kind with compare_items: about 10 MB of facilities. */
#define CP_IMPORT_CHUNK 65536

/* The registry. cp_import_registry_init() registers the kinds of every domain, once (the other
 * registry functions call it). */
void cp_import_registry_init (void);
void cp_import_register (const CpImportKind *kind);
/* The kinds in the order they were registered; @domain NULL for all. Free the array only. */
GPtrArray *cp_import_kinds_list (const char *domain);
/* The kind with the command-line word @key, or NULL. */
const CpImportKind *cp_import_kind_lookup (const char *key);
/* "townships, communities or facilities" in the locale's words for the list, for messages. */
char *cp_import_kind_keys (void);

/* Reads @path and writes its rows in one transaction. When any row is bad nothing is written and
 * @error (CP_ERROR_IMPORT) lists every problem, one a line, "FILE:ROW:COLUMN: message" (ROW as a
 * spreadsheet counts, the header is row 1; COLUMN is the header's name as written in the file).
 * At most 200 problems are listed, then a line with how many more there are. A row with an
 * existing key (of its kind: a code, or community and name) updates it. A read-only @store fails
 * with its CP_ERROR_READ_ONLY reason.
 * The file is streamed: it is read a chunk at a time (once or twice more before, to decide its
 * encoding) and the rows are written as soon as they are checked (up to CP_IMPORT_BATCH at a
 * time for a kind with write_items; CP_IMPORT_CHUNK, sorted, for one with compare_items), inside
 * one BEGIN IMMEDIATE transaction; after the first problem nothing more is written, the rest is
 * still checked, and the transaction is rolled back. Memory stays a few MB whatever the size of
 * the file (about 10 MB more for a chunk of facilities), but for the keys seen (for duplicates),
 * 12 to 32 bytes a row.
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
                         const CpImportKind *kind,
                         const char *path,
                         guint *out_rows,
                         GCancellable *cancellable,
                         GError **error);

/* Like cp_import_file(), reporting progress 0..1 (how much of the file was read and checked) to
 * @progress (optional). When @cancellable is cancelled between two rows, the transaction is
 * rolled back, nothing is written and @error is CP_ERROR_CANCELLED. */
gboolean cp_import_file_full (CpStore *store,
                              const CpImportKind *kind,
                              const char *path,
                              CpProgressFunc progress,
                              gpointer progress_data,
                              guint *out_rows,
                              GCancellable *cancellable,
                              GError **error);

/* For the kinds' parse_row functions. Each parser takes the trimmed cell, NULL when the file has
 * no such column, adds a problem and returns FALSE when it is wrong; an empty optional cell
 * leaves the default in *out. @column is an index into the kind's columns. */

/* Adds a problem at @row, @column (named as the file's header names it); always FALSE. */
gboolean cp_import_add_problem (CpImport *imp, guint row, int column, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
gboolean cp_import_parse_text (CpImport *imp, guint row, int column, const char *text,
                               guint max_chars, char **out);
/* A text, refused when a spreadsheet turned it into scientific notation (2.20281E+11). */
gboolean cp_import_parse_code (CpImport *imp, guint row, int column, const char *text,
                               guint max_chars, char **out);
gboolean cp_import_parse_choice (CpImport *imp, guint row, int column, const char *text,
                                 const CpVocabulary *vocabulary, guint n, int *out);
gboolean cp_import_parse_flag (CpImport *imp, guint row, int column, const char *text,
                               gboolean *out);
/* An area in m² from @minimum to @maximum. */
gboolean cp_import_parse_area (CpImport *imp, guint row, int column, const char *text,
                               double minimum, double maximum, double *out);
gboolean cp_import_parse_count (CpImport *imp, guint row, int column, const char *text,
                                gint64 maximum, gint64 *out);
gboolean cp_import_parse_year (CpImport *imp, guint row, int column, const char *text, int *out);

/* The store the import writes to, for a parse_row that reads what a row is checked against
 * (e.g. the parameters of the row's year). */
CpStore *cp_import_get_store (CpImport *imp);
/* What a kind keeps for the length of one import (NULL at first); @free_func (optional) frees it
 * when the import ends, or when other data replaces it. */
gpointer cp_import_get_data (CpImport *imp);
void cp_import_set_data (CpImport *imp, gpointer data, GDestroyNotify free_func);

/* The row on which the key @key (@length bytes) was first seen in this file, or 0 when this is
 * the first time (then @row is noted). Keys are compared by a 64-bit hash, so that a million
 * rows take at most 32 MB: two different keys of a file of a million rows are taken for one with
 * a chance of one in 30 million. */
guint cp_import_first_row (CpImport *imp, const char *key, gsize length, guint row);

/* The database id that @find gives for @text (0 when there is none), asked once for each text
 * of the last few thousand. When @find fails, the import stops with its error (0 is returned). */
gint64 cp_import_lookup_id (CpImport *imp,
                            const char *text,
                            gint64 (*find) (CpStore *store, const char *text, GError **error));

G_END_DECLS
