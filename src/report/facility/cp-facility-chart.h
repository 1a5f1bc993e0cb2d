/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facilities chart: each township's facility area per 100 households against the standard,
 * as a bar chart. */
#pragma once

#include "cp-bar-chart.h"
#include "cp-facility-check.h"

G_BEGIN_DECLS

/* Size of an exported facilities chart (PNG pixels, SVG and PDF points). */
#define CP_FACILITY_CHART_WIDTH 1000
#define CP_FACILITY_CHART_HEIGHT 600

/* The chart of @year from the store (every township, code order). */
CpBarChart *cp_facility_chart_new (CpStore *store, int year, GError **error);
/* The same from results already computed (an array of CpTownshipResult). */
CpBarChart *cp_facility_chart_new_from_townships (GArray *townships, const CpStandards *standards,
                                                  int year);

/* Writes the chart of @year to @out_path (PNG, SVG or PDF by its extension). */
gboolean cp_facility_chart_export (CpStore *store, int year, const char *out_path,
                                   GError **error);

G_END_DECLS
