/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bar charts with a reference line: data, layout and painting kept apart. One painter takes
 * (cairo_t *, chart, width, height); the on-screen widget, PNG, SVG, PDF and a printed document
 * all call it. The layout is computed from the data and the size alone (text is measured with
 * hinting off), so the painter and the hit test for tooltips agree at any scale. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* One bar: a category and its value. */
typedef struct
{
  char *label;    /* category name */
  double value;
  gboolean empty; /* nothing to measure: no bar, "—" */
  char *tooltip;  /* shown when pointing at the bar */
  gboolean marked; /* at or above the reference, yet parts of it are not: a hatched warning cap */
  guint series;     /* with series labels: the one that colours the bar (its index) */
} CpBarChartBar;

typedef struct
{
  char *title;           /* e.g. "各乡镇街道每百户社区综合服务设施面积（2025年）" */
  char *value_axis;      /* e.g. "平方米/百户" */
  char *category_axis;   /* e.g. "乡镇（街道）" */
  char *above_label;     /* legend of a bar at or above the reference */
  char *below_label;     /* legend of a bar below it */
  char *reference_label; /* legend of the reference line, e.g. "标准 30 平方米/百户" */
  double reference;      /* the reference value, e.g. 30 */
  gboolean whole_values; /* values shown without a decimal (counts); FALSE: one decimal */
  char *marked_label;    /* legend of a marked bar (owned, NULL: none), shown when one is */
  GArray *bars;          /* CpBarChartBar */
  /* Series (cp_bar_chart_set_series(), NULL: none): each bar takes the colour of its series and
   * the legend names them, no bar is told above or below the reference, and without a
   * reference label there is no reference line. */
  char **series_labels;
} CpBarChart;

/* An empty chart; every text is copied, the bars are added after. */
CpBarChart *cp_bar_chart_new (const char *title, const char *value_axis, const char *category_axis,
                              const char *above_label, const char *below_label,
                              const char *reference_label, double reference);
/* Appends a bar; @tooltip is taken. */
void cp_bar_chart_add_bar (CpBarChart *chart, const char *label, double value, gboolean empty,
                           char *tooltip);
void cp_bar_chart_free (CpBarChart *chart);
/* Colours the bars by series instead of by the reference: @labels (NULL-terminated, copied)
 * name them in the legend, each bar's series field picks one. */
void cp_bar_chart_set_series (CpBarChart *chart, const char *const *labels);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpBarChart, cp_bar_chart_free)

/* Whether bar @index falls below the reference line (then it is drawn hatched in the warning
 * colour, never told by colour alone); never in a chart with series. */
gboolean cp_bar_chart_bar_is_below (const CpBarChart *chart, guint index);

/* Where the chart puts things at one size, in the painter's user units. */
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
} CpBarChartLayout;

void cp_bar_chart_layout (const CpBarChart *chart, double width, double height,
                          CpBarChartLayout *layout);
/* The y of @value on the value axis. */
double cp_bar_chart_value_y (const CpBarChartLayout *layout, double value);
/* The rectangle of bar @index with @value. */
void cp_bar_chart_bar_rect (const CpBarChartLayout *layout, guint index, double value, double *x,
                            double *y, double *width, double *height);

/* Paints bars with the reference line, labelled axes and a legend into (0, 0, width, height). */
void cp_bar_chart_paint (cairo_t *cr, const CpBarChart *chart, double width, double height);

/* Index of the bar under (x, y) in a chart painted at width × height, or -1 (for tooltips). */
int cp_bar_chart_hit_test (const CpBarChart *chart, double width, double height, double x,
                           double y);
/* A copy of bar @index's tooltip. */
char *cp_bar_chart_tooltip (const CpBarChart *chart, guint index);

/* Whether @out_path names a format the chart can be written in (.png, .svg, .pdf); if not,
 * says so in @error. */
gboolean cp_bar_chart_check_path (const char *out_path, GError **error);

/* Writes @chart at width × height as PNG, SVG or PDF by @out_path's extension, whole or not at
 * all (through a part file beside it). */
gboolean cp_bar_chart_write (const CpBarChart *chart, double width, double height,
                             const char *out_path, GError **error);

G_END_DECLS
