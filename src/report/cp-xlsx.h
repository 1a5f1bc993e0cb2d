/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Excel workbooks (libxlsxwriter), written whole or not at all: to a part file beside the
 * target, renamed at the end, abandoned on any failure. Every libxlsxwriter call's result is
 * kept: the first failure stops further writes and is reported by cp_xlsx_finish(). Long lists
 * continue on further sheets ("NAME (2)", …) past a sheet's row limit. */
#pragma once

#include <gio/gio.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* Excel's rows per sheet. */
#define CP_XLSX_MAX_ROWS 1048576u

typedef enum
{
  /* Body formats, then the same ones for a total row (bold, a rule above), in this order. */
  CP_XLSX_TEXT,
  CP_XLSX_COUNT,   /* 0 */
  CP_XLSX_DECIMAL, /* 0.0 */
  CP_XLSX_RATE,    /* 0.0% */
  CP_XLSX_MONEY,   /* #,##0.00 (yuan) */
  CP_XLSX_TOTAL_TEXT,
  CP_XLSX_TOTAL_COUNT,
  CP_XLSX_TOTAL_DECIMAL,
  CP_XLSX_TOTAL_RATE,
  CP_XLSX_TOTAL_MONEY,
  CP_XLSX_TITLE,  /* large, bold, centred */
  CP_XLSX_NOTE,   /* grey */
  CP_XLSX_HEADER, /* bold, shaded, boxed, wrapped, centred */
  CP_XLSX_ALERT,  /* dark red: repeats a word that says what is wrong */
  CP_XLSX_N_FORMATS
} CpXlsxFormat;

#define CP_XLSX_TOTAL(format) ((CpXlsxFormat) ((format) + CP_XLSX_TOTAL_TEXT))

typedef struct
{
  const char *title; /* marked with N_, translated when written */
  double width;      /* in characters */
  CpXlsxFormat format;
} CpXlsxColumn;

typedef struct _CpXlsx CpXlsx;

/* Writes the header of a list sheet @ws in its row 0. */
typedef void (*CpXlsxHeaderFunc) (CpXlsx *xlsx, lxw_worksheet *ws, gpointer user_data);

/* Starts a workbook for @out_path. In @constant_memory mode a cell costs no memory, but rows
 * go out in order and a chart carries no cached values. Constant-memory scratch files go
 * beside the output (the system's temporary folder may be a small tmpfs). */
CpXlsx *cp_xlsx_new (const char *out_path, gboolean constant_memory, GError **error);

/* Ends the workbook: when @ok and nothing failed, packs it and puts it in place; otherwise
 * abandons it, leaving no file. Reports the first failure in @error (unless already set).
 * Frees @xlsx; returns whether the target now holds the new workbook. */
gboolean cp_xlsx_finish (CpXlsx *xlsx, gboolean ok, GError **error);

/* Whether every call so far succeeded; if not, sets @error (when given) and returns FALSE. */
gboolean cp_xlsx_check (CpXlsx *xlsx, GError **error);

/* Keeps @err if it is the first failure. */
void cp_xlsx_note (CpXlsx *xlsx, lxw_error err);
/* @object, noting a failure when it is NULL. */
gpointer cp_xlsx_need (CpXlsx *xlsx, gpointer object);

lxw_workbook *cp_xlsx_get_book (CpXlsx *xlsx);
lxw_format *cp_xlsx_get_format (CpXlsx *xlsx, CpXlsxFormat format);

void cp_xlsx_set_properties (CpXlsx *xlsx, const char *title, const char *subject,
                             const char *author, const char *company, const char *comments);
/* The centred header of every printed page. */
void cp_xlsx_set_page_header (CpXlsx *xlsx, const char *text);

/* A sheet named @name, checked against Excel's rules for names. */
lxw_worksheet *cp_xlsx_add_sheet (CpXlsx *xlsx, const char *name);
/* A4 landscape, one page wide, @header_row on every page, page numbers in the footer. */
void cp_xlsx_setup_page (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t header_row);
/* Column widths and a header row of the translated titles of @columns. */
void cp_xlsx_write_header (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row,
                           const CpXlsxColumn *columns, guint n_columns);

/* Cells. A string is always a string cell, never a formula ("=SUM(A1)" stays those eight
 * characters), its text made fit for a report. */
void cp_xlsx_string (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, CpXlsxFormat format);
void cp_xlsx_number (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     double value, CpXlsxFormat format);
void cp_xlsx_blank (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    CpXlsxFormat format);
/* @text across columns @first_col..@last_col of @row. */
void cp_xlsx_merge (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
                    lxw_col_t last_col, const char *text, CpXlsxFormat format);

/* A list of @n_columns columns on sheet @name, continued on "@name (2)" and so on after
 * @max_rows rows (its header row included, 2 ≤ @max_rows ≤ CP_XLSX_MAX_ROWS). Each sheet has
 * the page setup, a frozen header written by @header and an autofilter. */
gboolean cp_xlsx_list_start (CpXlsx *xlsx, const char *name, guint n_columns, guint32 max_rows,
                             CpXlsxHeaderFunc header, gpointer user_data);
/* The sheet and row of the list's next row (starting a new sheet when this one is full);
 * FALSE after a failure. */
gboolean cp_xlsx_list_next_row (CpXlsx *xlsx, lxw_worksheet **ws, lxw_row_t *row);
/* Ends the list (its last sheet's autofilter). */
void cp_xlsx_list_finish (CpXlsx *xlsx);

G_END_DECLS
