/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Knobs of the workbook writer that only tests and benchmarks turn. */
#pragma once

#include "cp-facility-workbook.h"
#include "cp-xlsx.h"

G_BEGIN_DECLS

/* Excel's rows per sheet; a longer community list continues on "设施达标 (2)" and so on. */
#define CP_WORKBOOK_MAX_ROWS CP_XLSX_MAX_ROWS
/* Above this many communities the workbook is written in libxlsxwriter's constant_memory mode:
 * a cell then costs no memory, but a chart carries no cached values. */
#define CP_WORKBOOK_CONSTANT_MEMORY_ABOVE 10000u

typedef struct
{
  guint32 max_rows_per_sheet;  /* rows of one sheet, its header row included (2 or more) */
  guint constant_memory_above; /* communities; 0 writes in constant_memory mode always */
} CpWorkbookOptions;

void cp_workbook_options_init_default (CpWorkbookOptions *options);

/* cp_workbook_export() with @options (NULL: the defaults). */
gboolean cp_workbook_export_full (CpStore *store,
                                  int year,
                                  const char *out_path,
                                  const CpWorkbookOptions *options,
                                  CpProgressFunc progress,
                                  gpointer progress_data,
                                  GCancellable *cancellable,
                                  GError **error);

G_END_DECLS
