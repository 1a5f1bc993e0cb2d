/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts: data, layout and painting kept apart. One painter per chart kind takes
 * (cairo_t *, data, width, height); the on-screen widget, PNG, SVG, PDF and the printed summary
 * all call it. The layout is computed from the data and the size alone (text is measured with
 * hinting off), so the painter and the hit test for tooltips agree at any scale. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "cp-check.h"

G_BEGIN_DECLS

/* One bar of the facilities chart: a township's facility area per 100 households. */
typedef struct
{
  char *label;     /* township name */
  double value;    /* m² per 100 households */
  gboolean empty;  /* no households: nothing to measure, no bar */
} CpChartBar;

typedef struct
{
  char *title;           /* e.g. "各乡镇街道每百户社区综合服务设施面积（2025年）" */
  char *value_axis;      /* e.g. "平方米/百户" */
  char *category_axis;   /* e.g. "乡镇（街道）" */
  char *reference_label; /* e.g. "标准 30 平方米/百户" */
  double reference;      /* the standard, 30 */
  GArray *bars;          /* CpChartBar */
} CpChartData;

/* Builds the facilities chart's data for @year from the store (every township, code order). */
CpChartData *cp_chart_data_new_facilities (CpStore *store, int year, GError **error);
/* The same from results already computed (an array of CpTownshipResult). */
CpChartData *cp_chart_data_new_from_townships (GArray *townships, const CpStandards *standards,
                                               int year);
void cp_chart_data_free (CpChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpChartData, cp_chart_data_free)

/* Whether bar @index falls below the reference line (then it is drawn hatched in the warning
 * colour, never told by colour alone). */
gboolean cp_chart_bar_is_below (const CpChartData *data, guint index);

/* Where the facilities chart puts things at one size, in the painter's user units. */
typedef struct
{
  double width, height;
  double font_size;     /* base text size */
  double title_y;       /* top of the title line */
  double legend_y;      /* top of the legend line */
  double plot_x, plot_y, plot_width, plot_height;
  double axis_max;      /* value at the top of the plot */
  double tick_step;     /* value between grid lines */
  double slot_width;    /* horizontal room of one bar */
  double bar_width;
  double labels_y;      /* top of the category labels */
  double labels_height;
  int label_mode;       /* 0 one line, 1 wrapped, 2 rotated */
  guint label_every;    /* a label for every n-th bar when even rotated ones are too crowded */
} CpChartLayout;

void cp_chart_layout_facilities (const CpChartData *data, double width, double height,
                                 CpChartLayout *layout);
/* The y of @value on the value axis. */
double cp_chart_layout_value_y (const CpChartLayout *layout, double value);
/* The rectangle of bar @index with @value. */
void cp_chart_layout_bar (const CpChartLayout *layout, guint index, double value, double *x,
                          double *y, double *width, double *height);

/* Paints bars with the reference line, labelled axes and a legend into (0, 0, width, height). */
void cp_chart_paint_facilities (cairo_t *cr, const CpChartData *data, double width, double height);

/* Index of the bar under (x, y) in a chart painted at width × height, or -1 (for tooltips). */
int cp_chart_facilities_hit_test (const CpChartData *data, double width, double height, double x,
                                  double y);
/* A tooltip for bar @index: the township, its value and the standard. */
char *cp_chart_facilities_tooltip (const CpChartData *data, guint index);

/* Chart kinds by name ("facilities"). Writes @out_path as PNG, SVG or PDF by its extension,
 * through a temporary file beside it, so no half-written file is left on failure. */
gboolean cp_chart_export (CpStore *store, const char *name, int year, const char *out_path,
                          GError **error);

/* Chinese text in PNG and PDF needs a CJK font named explicitly. */
#define CP_REPORT_FONT "Noto Sans CJK SC"

/* A layout of @text in the report font at @size points (absolute), bold or not. */
PangoLayout *cp_text_layout_new (PangoContext *context, const char *text, double size,
                                 gboolean bold);

/* Turns hinting off on @context, so that text measured once paints the same on any surface or
 * scale (screen, PNG, PDF, printer). */
void cp_text_context_unhint (PangoContext *context);

G_END_DECLS
