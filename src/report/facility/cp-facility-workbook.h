/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Excel workbook the bureau hands to city leadership (libxlsxwriter). */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

/* What the workbook holds besides its year. */
typedef struct
{
  int month;                   /* of the pay sheet 工资表, 1..12; 0: cp_staff_report_default_month() */
  gboolean desensitize;        /* 花名册 without identity numbers (masked), phones, birth dates */
  guint32 max_rows_per_sheet;  /* rows of one sheet, its header row included (2 or more) */
  guint constant_memory_above; /* communities; 0 writes in constant_memory mode always */
  /* NULL: every community. Else the ids (gint64, ascending) of the communities to write: 设施达标
   * lists only these, 汇总 totals only over them (and says 按当前筛选), and the staff sheets are
   * left out (they are not narrowed to communities). Borrowed for the call. */
  GArray *community_ids;
} CpWorkbookOptions;

/* The defaults: the default month, not desensitized, Excel's rows per sheet. */
void cp_workbook_options_init_default (CpWorkbookOptions *options);

/* Writes the facility workbook of @year to @out_path: a summary sheet with totals per township
 * and a native chart, and a 设施达标 sheet with one row per community. Writes to a temporary file
 * beside @out_path and renames it at the end, so a failure or cancellation leaves no half-written
 * file. @progress (optional) is called with 0..1. */
gboolean cp_workbook_export (CpStore *store,
                             int year,
                             const char *out_path,
                             CpProgressFunc progress,
                             gpointer progress_data,
                             GCancellable *cancellable,
                             GError **error);

/* cp_workbook_export() with @options (NULL: the defaults). After the facility sheets come the
 * staff sheets 花名册 (roster), 工资表 (the month's pay sheet) and 晋级名单 (level changes). */
gboolean cp_workbook_export_full (CpStore *store,
                                  int year,
                                  const char *out_path,
                                  const CpWorkbookOptions *options,
                                  CpProgressFunc progress,
                                  gpointer progress_data,
                                  GCancellable *cancellable,
                                  GError **error);

G_END_DECLS
