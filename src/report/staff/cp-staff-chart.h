/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 社工岗 charts: staff on duty by post × level ("staff-levels"), and the year's pay cost per
 * township ("pay-cost"), as bar charts; the reference line is the average bar. */
#pragma once

#include "cp-bar-chart.h"
#include "cp-staff-summary.h"

G_BEGIN_DECLS

/* Size of an exported chart (PNG pixels, SVG and PDF points). */
#define CP_STAFF_CHART_WIDTH 1000
#define CP_STAFF_CHART_HEIGHT 600

/* One bar a level of each post's range (in post order, levels ascending) and one for the
 * public-welfare posts: the people on duty in @year. */
CpBarChart *cp_staff_chart_new_levels (CpStore *store, int year, GError **error);
/* One bar a township: the year's pay cost (gross + employer's 五险一金, 12 months) in 10,000
 * yuan. */
CpBarChart *cp_staff_chart_new_pay_cost (CpStore *store, int year, GError **error);
/* The same from figures already gathered; @params gives each post's range. */
CpBarChart *cp_staff_chart_new_levels_from (const CpStaffFigures *figures,
                                            const CpPayParams *params);
CpBarChart *cp_staff_chart_new_pay_cost_from (const CpStaffFigures *figures);

/* Write the chart of @year to @out_path (PNG, SVG or PDF by its extension). */
gboolean cp_staff_chart_export_levels (CpStore *store, int year, const char *out_path,
                                       GError **error);
gboolean cp_staff_chart_export_pay_cost (CpStore *store, int year, const char *out_path,
                                         GError **error);

G_END_DECLS
