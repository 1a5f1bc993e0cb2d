/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facilities chart on screen: the report layer's painter in a drawing area, with a tooltip
 * for the bar under the pointer. */
#pragma once

#include <gtk/gtk.h>

#include "cp-bar-chart.h"

G_BEGIN_DECLS

#define CP_TYPE_CHART_VIEW (cp_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CpChartView, cp_chart_view, CP, CHART_VIEW, GtkDrawingArea)

GtkWidget *cp_chart_view_new (void);
/* Takes @data (NULL shows nothing). */
void cp_chart_view_set_data (CpChartView *self, CpBarChart *data);

G_END_DECLS
