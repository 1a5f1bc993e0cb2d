/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staff sheets of the workbook: 花名册 (the roster, desensitized on request), 工资表 (one
 * month's pay, a row a person, subtotals per community and township and a grand total, numbers
 * not formulas) and 晋级名单 (the level changes on 1 January of the next year). */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"
#include "cp-xlsx.h"

G_BEGIN_DECLS

/* The sheet names, Chinese in every locale like the facility sheets'. */
#define CP_STAFF_ROSTER_SHEET "花名册"
#define CP_STAFF_PAY_SHEET "工资表"
#define CP_STAFF_ADVANCE_SHEET "晋级名单"

/* The month a pay sheet of @year shows by default: this month in the current year, December
 * of any other. */
int cp_staff_report_default_month (int year);

/* Adds the three staff sheets of @year (the pay sheet of @month) to @xlsx, each continued on
 * further sheets after @max_rows rows. With @desensitize the roster shows identity numbers
 * masked and leaves out the phone and birth date columns (the other sheets always mask). No
 * sheet when nobody is on the roster. */
gboolean cp_staff_workbook_write (CpXlsx *xlsx, CpStore *store, int year, int month,
                                  gboolean desensitize, guint32 max_rows,
                                  GCancellable *cancellable, GError **error);

G_END_DECLS
