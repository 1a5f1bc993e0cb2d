/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facilities chart on screen: the report layer's painter in a drawing area, with a tooltip
 * for the bar under the pointer. */
#pragma once

#include <gtk/gtk.h>

#include "cp-bar-chart.h"
#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_CHART_VIEW (cp_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CpChartView, cp_chart_view, CP, CHART_VIEW, GtkDrawingArea)

GtkWidget *cp_chart_view_new (void);
/* Takes @data (NULL shows nothing). */
void cp_chart_view_set_data (CpChartView *self, CpBarChart *data);

/* Reads the chart of @year from @store; NULL with @error on failure. Runs in a thread. */
typedef CpBarChart *(*CpChartBuildFunc) (CpStore *store, int year, GError **error);

/* Reads the chart with @build in a thread, on a read-only connection of its own to @db_path (at
 * scale a chart takes a while), and shows it; a load still running is cancelled first. @db_path
 * NULL shows nothing. A failure is shown in a message over the view. */
void cp_chart_view_load (CpChartView *self, const char *db_path, int year,
                         CpChartBuildFunc build);

G_END_DECLS
