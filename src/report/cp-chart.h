/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts: data, layout and painting kept apart. One painter per chart kind takes
 * (cairo_t *, data, width, height); the on-screen widget, PNG, SVG, PDF and the printed summary
 * all call it. */
#pragma once

#include <cairo.h>

#include "cp-check.h"

G_BEGIN_DECLS

/* One bar of the facilities chart: a township's facility area per 100 households. */
typedef struct
{
  char *label;          /* township name */
  double value;         /* m² per 100 households */
} CpChartBar;

typedef struct
{
  char *title;          /* e.g. "各乡镇街道每百户社区综合服务设施面积（2025年）" */
  char *value_axis;     /* e.g. "平方米/百户" */
  char *reference_label; /* e.g. "标准 30 平方米/百户" */
  double reference;     /* the standard, 30 */
  GArray *bars;         /* CpChartBar */
} CpChartData;

/* Builds the facilities chart's data for @year from the store (every township, code order). */
CpChartData *cp_chart_data_new_facilities (CpStore *store, int year, GError **error);
/* The same from results already computed. */
CpChartData *cp_chart_data_new_from_townships (GArray *townships, const CpStandards *standards,
                                               int year);
void cp_chart_data_free (CpChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpChartData, cp_chart_data_free)

/* Paints bars with the reference line, labelled axes and a legend into (0, 0, width, height). */
void cp_chart_paint_facilities (cairo_t *cr, const CpChartData *data, double width, double height);

/* Index of the bar under (x, y) in a chart painted at width × height, or -1 (for tooltips). */
int cp_chart_facilities_hit_test (const CpChartData *data, double width, double height, double x,
                                  double y);

/* Chart kinds by name ("facilities"). Writes @out_path as PNG, SVG or PDF by its extension. */
gboolean cp_chart_export (CpStore *store, const char *name, int year, const char *out_path,
                          GError **error);

G_END_DECLS
