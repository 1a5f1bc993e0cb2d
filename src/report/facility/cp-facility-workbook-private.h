/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook writer's limits (CpWorkbookOptions' defaults). */
#pragma once

#include "cp-facility-workbook.h"
#include "cp-xlsx.h"

G_BEGIN_DECLS

/* Excel's rows per sheet; a longer community list continues on "设施达标 (2)" and so on. */
#define CP_WORKBOOK_MAX_ROWS CP_XLSX_MAX_ROWS
/* Above this many communities the workbook is written in libxlsxwriter's constant_memory mode:
 * a cell then costs no memory, but a chart carries no cached values. */
#define CP_WORKBOOK_CONSTANT_MEMORY_ABOVE 10000u

G_END_DECLS
