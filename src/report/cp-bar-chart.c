/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cp-bar-chart.h"
#include "cp-error.h"
#include "cp-output.h"
#include "cp-report-style.h"

/* Share of a slot a wrapped label may use, so neighbours never touch. */
#define LABEL_FILL 0.92

enum
{
  LABELS_ONE_LINE,
  LABELS_WRAPPED,
  LABELS_ROTATED,
  LABELS_VERTICAL,
};

static const CpRgb text_colour = { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0 };
static const CpRgb muted_colour = { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 };
static const CpRgb grid_colour = { 0xde / 255.0, 0xdd / 255.0, 0xda / 255.0 };
static const CpRgb axis_colour = { 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0 };
static const CpRgb bar_colour = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 };
static const CpRgb bar_edge_colour = { 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0 };
static const CpRgb warn_colour = { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0 };
static const CpRgb warn_edge_colour = { 0xa0 / 255.0, 0x3c / 255.0, 0x00 / 255.0 };
static const CpRgb reference_colour = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0 };
/* Series: fill and edge, neither the warning orange nor the reference red. */
static const CpRgb series_colours[][2] = {
  { { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 }, { 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0 } },
  { { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0 }, { 0x1b / 255.0, 0x7a / 255.0, 0x4e / 255.0 } },
  { { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 }, { 0x61 / 255.0, 0x35 / 255.0, 0x83 / 255.0 } },
  { { 0x86 / 255.0, 0x5e / 255.0, 0x3c / 255.0 }, { 0x63 / 255.0, 0x45 / 255.0, 0x2c / 255.0 } },
  { { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 }, { 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0 } },
};

/* Text */

static double
text_width (PangoContext *context, const char *text, double size, gboolean bold)
{
  g_autoptr (PangoLayout) layout = cp_report_layout_new (context, text, size, bold);
  double width;

  cp_report_layout_size (layout, &width, NULL);
  return width;
}

static double
line_height (PangoContext *context, double size)
{
  g_autoptr (PangoLayout) layout = cp_report_layout_new (context, "Ag 平方", size, FALSE);
  double height;

  cp_report_layout_size (layout, NULL, &height);
  return height;
}

/* Draws @layout with its top at @y and its x anchor at @x: @align 0 left, 0.5 centre, 1 right. */
static void
show_layout (cairo_t *cr, PangoLayout *layout, double x, double y, double align,
             const CpRgb *rgb)
{
  double width;

  cp_report_layout_size (layout, &width, NULL);
  cp_report_set_rgb (cr, rgb);
  cairo_move_to (cr, x - width * align, y);
  pango_cairo_show_layout (cr, layout);
}

static void
show_text (cairo_t *cr, PangoContext *context, const char *text, double size, gboolean bold,
           double x, double y, double align, const CpRgb *rgb)
{
  g_autoptr (PangoLayout) layout = cp_report_layout_new (context, text, size, bold);

  show_layout (cr, layout, x, y, align, rgb);
}

/* Data */

static void
bar_clear (CpBarChartBar *bar)
{
  g_clear_pointer (&bar->label, g_free);
  g_clear_pointer (&bar->tooltip, g_free);
}

CpBarChart *
cp_bar_chart_new (const char *title, const char *value_axis, const char *category_axis,
                  const char *above_label, const char *below_label, const char *reference_label,
                  double reference)
{
  CpBarChart *chart = g_new0 (CpBarChart, 1);

  chart->title = g_strdup (title);
  chart->value_axis = g_strdup (value_axis);
  chart->category_axis = g_strdup (category_axis);
  chart->above_label = g_strdup (above_label);
  chart->below_label = g_strdup (below_label);
  chart->reference_label = g_strdup (reference_label);
  chart->reference = reference;
  chart->bars = g_array_new (FALSE, TRUE, sizeof (CpBarChartBar));
  g_array_set_clear_func (chart->bars, (GDestroyNotify) bar_clear);
  return chart;
}

void
cp_bar_chart_add_bar (CpBarChart *chart, const char *label, double value, gboolean empty,
                      char *tooltip)
{
  g_return_if_fail (chart != NULL);

  CpBarChartBar bar = {
    .label = g_strdup (label),
    .value = value,
    .empty = empty,
    .tooltip = tooltip,
  };
  g_array_append_val (chart->bars, bar);
}

void
cp_bar_chart_free (CpBarChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->value_axis);
  g_free (chart->category_axis);
  g_free (chart->above_label);
  g_free (chart->marked_label);
  g_free (chart->below_label);
  g_free (chart->reference_label);
  g_strfreev (chart->series_labels);
  g_clear_pointer (&chart->bars, g_array_unref);
  g_free (chart);
}

void
cp_bar_chart_set_series (CpBarChart *chart, const char *const *labels)
{
  g_return_if_fail (chart != NULL && labels != NULL);

  g_strfreev (chart->series_labels);
  chart->series_labels = g_strdupv ((char **) labels);
}

gboolean
cp_bar_chart_bar_is_below (const CpBarChart *chart, guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->bars->len, FALSE);

  const CpBarChartBar *bar = &g_array_index (chart->bars, CpBarChartBar, index);
  if (chart->series_labels != NULL)
    return FALSE;
  /* Values carry one decimal when shown: 29.96 reads as 30.0 and passes. */
  return !bar->empty && bar->value + 1e-6 < chart->reference;
}

/* Whether the chart draws its reference line: always without series, with them when it has a
 * label. */
static gboolean
has_reference (const CpBarChart *data)
{
  return data->series_labels == NULL
         || (data->reference_label != NULL && data->reference_label[0] != '\0');
}

/* Layout */

static double
nice_step (double raw)
{
  double power = pow (10.0, floor (log10 (raw)));
  double f = raw / power;
  double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 2.5 ? 2.5 : f <= 5.0 ? 5.0 : 10.0;

  return nice * power;
}

/* The value axis runs from 0 to a round number a little above the largest bar and the
 * reference, in about five steps. */
static void
layout_scale (const CpBarChart *data, CpBarChartLayout *layout)
{
  double top = has_reference (data) ? data->reference : 0.0;

  for (guint i = 0; i < data->bars->len; i++)
    top = MAX (top, g_array_index (data->bars, CpBarChartBar, i).value);
  top *= 1.05;
  if (!(top > 0))
    top = 1.0;
  layout->tick_step = nice_step (top / 5.0);
  layout->axis_max = ceil (top / layout->tick_step - 1e-9) * layout->tick_step;
}

static double
tick_label_width (PangoContext *context, const CpBarChartLayout *layout)
{
  double widest = 0;

  for (double v = 0; v <= layout->axis_max + layout->tick_step / 2; v += layout->tick_step)
    {
      g_autofree char *text = g_strdup_printf ("%g", v);
      widest = MAX (widest, text_width (context, text, layout->font_size * 0.85, FALSE));
    }
  return widest;
}

static void
wrap_label (PangoLayout *label, double slot_width, double size)
{
  int natural, room = (int) (slot_width * LABEL_FILL * PANGO_SCALE);

  /* Lines of even length (民主/街道, not 民主街/道; 奶子山/街道): as many lines as the slot
   * needs, each an equal share of the name rounded up to a whole character. */
  pango_layout_get_size (label, &natural, NULL);
  if (natural > room && room > 0)
    {
      int lines = (natural + room - 1) / room;
      room = MIN (room, natural / lines + (int) (size * 0.6 * PANGO_SCALE));
    }
  pango_layout_set_width (label, room);
  pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
}

static PangoLayout *
category_label_new (PangoContext *context, const CpBarChartLayout *layout, const char *text)
{
  PangoLayout *label = cp_report_layout_new (context, text, layout->font_size * 0.9, FALSE);

  if (layout->label_mode == LABELS_WRAPPED)
    wrap_label (label, layout->slot_width, layout->font_size * 0.9);
  return label;
}

/* One line when every name fits its slot, wrapped into at most three lines when that suffices,
 * else rotated by 45° (and only every n-th one when even those would overlap). */
static void
layout_labels (PangoContext *context, const CpBarChart *data, CpBarChartLayout *layout)
{
  double size = layout->font_size * 0.9;
  double line = line_height (context, size);
  double widest = 0, tallest = line;
  int most_lines = 1;

  for (guint i = 0; i < data->bars->len; i++)
    widest = MAX (widest, text_width (context, g_array_index (data->bars, CpBarChartBar, i).label,
                                      size, FALSE));
  layout->label_every = 1;
  layout->label_mode = LABELS_ONE_LINE;
  layout->labels_height = line;
  if (widest <= layout->slot_width * LABEL_FILL)
    return;

  for (guint i = 0; i < data->bars->len; i++)
    {
      g_autoptr (PangoLayout) label = cp_report_layout_new (
          context, g_array_index (data->bars, CpBarChartBar, i).label, size, FALSE);
      double height;
      wrap_label (label, layout->slot_width, layout->font_size * 0.9);
      most_lines = MAX (most_lines, pango_layout_get_line_count (label));
      cp_report_layout_size (label, NULL, &height);
      tallest = MAX (tallest, height);
    }
  if (most_lines <= 3 && layout->slot_width * LABEL_FILL >= size * 2)
    {
      layout->label_mode = LABELS_WRAPPED;
      layout->labels_height = tallest;
      return;
    }
  layout->label_mode = LABELS_ROTATED;
  layout->labels_height = MIN ((widest + line) * G_SQRT2 / 2, layout->height * 0.35);
  /* Rotated lines stand slot × sin 45° apart. */
  layout->label_every = MAX (1, (guint) ceil (line * 1.1 / (layout->slot_width * G_SQRT2 / 2)));
  if (layout->label_every == 1)
    return;
  /* Upright lines stand a whole slot apart: more bars keep their names (all of 40 townships at
   * 1000 px, where every other one lost it at 45°). */
  layout->label_mode = LABELS_VERTICAL;
  layout->label_every = MAX (1, (guint) ceil (line * 0.95 / layout->slot_width));
  layout->labels_height = MIN (widest + line * 0.5, layout->height * 0.4);
}

static gboolean
any_marked (const CpBarChart *data)
{
  for (guint i = 0; i < data->bars->len; i++)
    if (g_array_index (data->bars, CpBarChartBar, i).marked)
      return TRUE;
  return FALSE;
}

/* Whether the legend with a marked bar's entry is wider than the chart. */
static gboolean
legend_needs_two_lines (PangoContext *context, const CpBarChart *data,
                        const CpBarChartLayout *layout)
{
  double fs = layout->font_size, size = fs * 0.9, total = size * 5 + fs * (0.4 * 4 + 1.5 * 3);

  if (data->marked_label == NULL || !any_marked (data))
    return FALSE;
  total += text_width (context, data->above_label, size, FALSE)
           + text_width (context, data->below_label, size, FALSE)
           + text_width (context, data->reference_label, size, FALSE)
           + text_width (context, data->marked_label, size, FALSE);
  return total > layout->width - 2 * fs;
}

/* The legend of a chart with series: one entry a series and the reference line's (when drawn),
 * as many on a line as fit. @out_line (optional, one a entry) gets each entry's line; returns
 * the number of entries, @out_lines the number of lines. */
static guint
series_legend (PangoContext *context, const CpBarChart *data, const CpBarChartLayout *layout,
               guint *out_line, double *out_widths, guint *out_lines)
{
  double fs = layout->font_size, size = fs * 0.9, gap = fs * 0.4, space = fs * 1.5;
  double room = layout->width - 2 * fs, x = 0;
  guint n_series = g_strv_length (data->series_labels), n = n_series + has_reference (data);
  guint line = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = i < n_series ? data->series_labels[i] : data->reference_label;
      double width = (i < n_series ? size : size * 2) + gap + text_width (context, text, size,
                                                                         FALSE);
      if (x > 0 && x + space + width > room)
        {
          line++;
          x = 0;
        }
      x += (x > 0 ? space : 0) + width;
      if (out_line != NULL)
        out_line[i] = line;
      if (out_widths != NULL)
        out_widths[i] = width;
    }
  *out_lines = line + 1;
  return n;
}

static void
layout_compute (PangoContext *context, const CpBarChart *data, double width, double height,
                CpBarChartLayout *layout)
{
  /* Readable on a short on-screen strip (≥ 10 px) and in proportion on a page or a PNG. */
  double fs = CLAMP (MIN (height / 20.0, width / 62.0), 10.0, 16.0);
  double margin = fs;
  guint n = MAX (data->bars->len, 1);

  *layout = (CpBarChartLayout){ .width = width, .height = height, .font_size = fs };
  layout->title_y = margin;
  layout->legend_y = layout->title_y + line_height (context, fs * 1.35) + fs * 0.3;
  layout->plot_y = layout->legend_y + line_height (context, fs * 0.9) + fs * 1.4;
  if (legend_needs_two_lines (context, data, layout))
    layout->plot_y += line_height (context, fs * 0.9) + fs * 0.2;
  if (data->series_labels != NULL)
    {
      guint lines;
      series_legend (context, data, layout, NULL, NULL, &lines);
      layout->plot_y += (lines - 1) * (line_height (context, fs * 0.9) + fs * 0.2);
    }
  layout_scale (data, layout);

  layout->plot_x = margin + line_height (context, fs * 0.9) + fs * 0.6
                   + tick_label_width (context, layout) + fs * 0.5;
  layout->plot_width = MAX (1.0, width - margin * 1.5 - layout->plot_x);
  layout->slot_width = layout->plot_width / n;
  layout->bar_width = MIN (layout->slot_width * 0.62, fs * 6);
  layout_labels (context, data, layout);

  double bottom = height - margin - line_height (context, fs * 0.9) - fs * 0.5
                  - layout->labels_height - fs * 0.4;
  layout->plot_height = MAX (1.0, bottom - layout->plot_y);
  layout->labels_y = layout->plot_y + layout->plot_height + fs * 0.4;
}

void
cp_bar_chart_layout (const CpBarChart *data, double width, double height,
                     CpBarChartLayout *layout)
{
  g_return_if_fail (data != NULL && layout != NULL);

  PangoContext *context = cp_report_context_new ();
  layout_compute (context, data, width, height, layout);
  g_object_unref (context);
}

double
cp_bar_chart_value_y (const CpBarChartLayout *layout, double value)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  double share = CLAMP (value / layout->axis_max, 0.0, 1.0);
  return layout->plot_y + layout->plot_height * (1.0 - share);
}

void
cp_bar_chart_bar_rect (const CpBarChartLayout *layout, guint index, double value, double *x,
                       double *y, double *width, double *height)
{
  g_return_if_fail (layout != NULL);

  double top = cp_bar_chart_value_y (layout, value);

  *x = layout->plot_x + layout->slot_width * (index + 0.5) - layout->bar_width / 2;
  *y = top;
  *width = layout->bar_width;
  *height = layout->plot_y + layout->plot_height - top;
}

int
cp_bar_chart_hit_test (const CpBarChart *data, double width, double height, double x,
                       double y)
{
  g_return_val_if_fail (data != NULL, -1);

  CpBarChartLayout layout;
  cp_bar_chart_layout (data, width, height, &layout);
  if (data->bars->len == 0 || y < layout.plot_y || y > layout.plot_y + layout.plot_height)
    return -1;
  double slot = floor ((x - layout.plot_x) / layout.slot_width);
  if (slot < 0 || slot >= data->bars->len)
    return -1;
  double centre = layout.plot_x + layout.slot_width * (slot + 0.5);
  if (fabs (x - centre) > layout.bar_width / 2)
    return -1;
  return (int) slot;
}

char *
cp_bar_chart_tooltip (const CpBarChart *chart, guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->bars->len, NULL);

  return g_strdup (g_array_index (chart->bars, CpBarChartBar, index).tooltip);
}

/* Painting */

static void
paint_hatching (cairo_t *cr, double x, double y, double w, double h, double spacing)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  for (double d = -h; d < w; d += spacing)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_set_line_width (cr, spacing * 0.3);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_box (cairo_t *cr, double x, double y, double w, double h, gboolean below, double fs)
{
  cairo_rectangle (cr, x, y, w, h);
  cp_report_set_rgb (cr, below ? &warn_colour : &bar_colour);
  cairo_fill (cr);
  if (below)
    paint_hatching (cr, x, y, w, h, MAX (3.0, fs * 0.55));
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (0, w - 1), MAX (0, h - 1));
  cp_report_set_rgb (cr, below ? &warn_edge_colour : &bar_edge_colour);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

/* The hatched warning cap of a marked bar: the top of (x, y, w, h). */
static void
paint_mark (cairo_t *cr, double x, double y, double w, double h, double fs)
{
  double cap = MIN (h, MAX (4.0, fs * 0.9));

  cairo_rectangle (cr, x, y, w, cap);
  cp_report_set_rgb (cr, &warn_colour);
  cairo_fill (cr);
  paint_hatching (cr, x, y, w, cap, MAX (3.0, fs * 0.55));
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (0, w - 1), MAX (0, h - 1));
  cp_report_set_rgb (cr, &warn_edge_colour);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
paint_series_box (cairo_t *cr, double x, double y, double w, double h, guint series)
{
  const CpRgb *rgb = series_colours[series % G_N_ELEMENTS (series_colours)];

  cairo_rectangle (cr, x, y, w, h);
  cp_report_set_rgb (cr, &rgb[0]);
  cairo_fill (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (0, w - 1), MAX (0, h - 1));
  cp_report_set_rgb (cr, &rgb[1]);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
paint_reference_mark (cairo_t *cr, double x, double mid, double length, double fs)
{
  cp_report_set_rgb (cr, &reference_colour);
  cairo_set_line_width (cr, MAX (1.5, fs * 0.16));
  cairo_move_to (cr, x, mid);
  cairo_line_to (cr, x + length, mid);
  cairo_stroke (cr);
}

/* Each line of entries centred. */
static void
paint_series_legend (cairo_t *cr, PangoContext *context, const CpBarChart *data,
                     const CpBarChartLayout *layout)
{
  double fs = layout->font_size, size = fs * 0.9, box = size, gap = fs * 0.4, space = fs * 1.5;
  double line_step = line_height (context, size) + fs * 0.2;
  guint n_series = g_strv_length (data->series_labels), lines;
  g_autofree guint *line_of = g_new (guint, n_series + 1);
  g_autofree double *widths = g_new (double, n_series + 1);
  guint n = series_legend (context, data, layout, line_of, widths, &lines);

  for (guint i = 0; i < n;)
    {
      guint end = i;
      double total = 0;
      for (; end < n && line_of[end] == line_of[i]; end++)
        total += (end > i ? space : 0) + widths[end];
      double x = MAX (fs, (layout->width - total) / 2);
      double y = layout->legend_y + line_of[i] * line_step;
      double mid = y + line_height (context, size) / 2;
      for (; i < end; i++)
        {
          gboolean series = i < n_series;
          double mark = series ? box : box * 2;
          if (series)
            paint_series_box (cr, x, mid - box / 2, box, box, i);
          else
            paint_reference_mark (cr, x, mid, mark, fs);
          show_text (cr, context, series ? data->series_labels[i] : data->reference_label, size,
                     FALSE, x + mark + gap, y, 0, &text_colour);
          x += widths[i] + space;
        }
    }
}

static void
paint_legend (cairo_t *cr, PangoContext *context, const CpBarChart *data,
              const CpBarChartLayout *layout)
{
  double fs = layout->font_size, size = fs * 0.9, box = size, gap = fs * 0.4, space = fs * 1.5;
  /* Above, below, the reference line, and a marked bar when the chart has one (on a line of
   * its own when the four do not fit on one). */
  const char *texts[] = { data->above_label, data->below_label, data->reference_label,
                          data->marked_label };
  guint n = data->marked_label != NULL && any_marked (data) ? 4 : 3;
  double widths[G_N_ELEMENTS (texts)], total = 0;
  gboolean two_lines = n == 4 && legend_needs_two_lines (context, data, layout);

  if (data->series_labels != NULL)
    {
      paint_series_legend (cr, context, data, layout);
      return;
    }
  for (guint i = 0; i < (two_lines ? 3 : n); i++)
    {
      widths[i] = text_width (context, texts[i], size, FALSE);
      total += (i == 2 ? box * 2 : box) + gap + widths[i] + (i > 0 ? space : 0);
    }
  double x = MAX (fs, (layout->width - total) / 2);
  double y = layout->legend_y, mid = y + line_height (context, size) / 2;
  for (guint i = 0; i < n; i++)
    {
      if (i == 3 && two_lines)
        {
          widths[i] = text_width (context, texts[i], size, FALSE);
          x = MAX (fs, (layout->width - box - gap - widths[i]) / 2);
          y += line_height (context, size) + fs * 0.2;
          mid = y + line_height (context, size) / 2;
        }
      double mark = i == 2 ? box * 2 : box;
      if (i == 2)
        {
          cp_report_set_rgb (cr, &reference_colour);
          cairo_set_line_width (cr, MAX (1.5, fs * 0.16));
          cairo_move_to (cr, x, mid);
          cairo_line_to (cr, x + mark, mid);
          cairo_stroke (cr);
        }
      else
        paint_box (cr, x, mid - box / 2, box, box, i == 1, fs);
      if (i == 3)
        paint_mark (cr, x, mid - box / 2, box, box, box * 0.45 / 0.9);
      show_text (cr, context, texts[i], size, FALSE, x + mark + gap, y, 0, &text_colour);
      x += mark + gap + widths[i] + space;
    }
}

static void
paint_grid (cairo_t *cr, PangoContext *context, const CpBarChartLayout *layout)
{
  double size = layout->font_size * 0.85, half = line_height (context, size) / 2;

  cairo_set_line_width (cr, 1.0);
  for (double v = 0; v <= layout->axis_max + layout->tick_step / 2; v += layout->tick_step)
    {
      g_autofree char *text = g_strdup_printf ("%g", v);
      double y = cp_bar_chart_value_y (layout, v);
      cp_report_set_rgb (cr, &grid_colour);
      cairo_move_to (cr, layout->plot_x, y);
      cairo_line_to (cr, layout->plot_x + layout->plot_width, y);
      cairo_stroke (cr);
      show_text (cr, context, text, size, FALSE, layout->plot_x - layout->font_size * 0.4,
                 y - half, 1.0, &muted_colour);
    }
  cp_report_set_rgb (cr, &axis_colour);
  cairo_move_to (cr, layout->plot_x, layout->plot_y);
  cairo_line_to (cr, layout->plot_x, layout->plot_y + layout->plot_height);
  cairo_line_to (cr, layout->plot_x + layout->plot_width, layout->plot_y + layout->plot_height);
  cairo_stroke (cr);
}

/* Drawn over the reference line on a white patch, so a value near the standard stays legible. */
static void
paint_bar_value (cairo_t *cr, PangoContext *context, const CpBarChartLayout *layout, guint index,
                 const char *text, double top, gboolean below)
{
  double size = layout->font_size * 0.8, width, height, pad = layout->font_size * 0.15;
  g_autoptr (PangoLayout) label = cp_report_layout_new (context, text, size, below);
  double centre = layout->plot_x + layout->slot_width * (index + 0.5);

  cp_report_layout_size (label, &width, &height);
  double y = top - height - layout->font_size * 0.15;
  if (width > layout->slot_width * 0.95)
    return;
  cairo_rectangle (cr, centre - width / 2 - pad, y, width + 2 * pad, height);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill (cr);
  show_layout (cr, label, centre, y, 0.5, below ? &warn_edge_colour : &muted_colour);
}

static void
paint_bars (cairo_t *cr, const CpBarChart *data, const CpBarChartLayout *layout)
{
  for (guint i = 0; i < data->bars->len; i++)
    {
      const CpBarChartBar *bar = &g_array_index (data->bars, CpBarChartBar, i);
      double x, y, w, h;
      cp_bar_chart_bar_rect (layout, i, bar->value, &x, &y, &w, &h);
      if (!bar->empty && h > 0 && data->series_labels != NULL)
        paint_series_box (cr, x, y, w, h, bar->series);
      else if (!bar->empty && h > 0)
        paint_box (cr, x, y, w, h, cp_bar_chart_bar_is_below (data, i), layout->font_size);
      if (!bar->empty && h > 0 && bar->marked && !cp_bar_chart_bar_is_below (data, i))
        paint_mark (cr, x, y, w, h, layout->font_size);
    }
}

static void
paint_bar_values (cairo_t *cr, PangoContext *context, const CpBarChart *data,
                  const CpBarChartLayout *layout)
{
  for (guint i = 0; i < data->bars->len; i++)
    {
      const CpBarChartBar *bar = &g_array_index (data->bars, CpBarChartBar, i);
      double top = cp_bar_chart_value_y (layout, bar->empty ? 0.0 : bar->value);
      g_autofree char *text = bar->empty ? g_strdup ("—")
                                         : g_strdup_printf (data->whole_values ? "%.0f" : "%.1f",
                                                            bar->value);
      paint_bar_value (cr, context, layout, i, text, top, cp_bar_chart_bar_is_below (data, i));
    }
}

static void
paint_reference (cairo_t *cr, const CpBarChart *data, const CpBarChartLayout *layout)
{
  double y = cp_bar_chart_value_y (layout, data->reference);

  if (!has_reference (data))
    return;
  cp_report_set_rgb (cr, &reference_colour);
  cairo_set_line_width (cr, MAX (1.5, layout->font_size * 0.16));
  cairo_move_to (cr, layout->plot_x, y);
  cairo_line_to (cr, layout->plot_x + layout->plot_width, y);
  cairo_stroke (cr);
}

static void
paint_category_label (cairo_t *cr, PangoContext *context, const CpBarChartLayout *layout,
                      guint index, const char *text)
{
  g_autoptr (PangoLayout) label = category_label_new (context, layout, text);
  double centre = layout->plot_x + layout->slot_width * (index + 0.5), width, height;

  cp_report_layout_size (label, &width, &height);
  if (layout->label_mode != LABELS_ROTATED && layout->label_mode != LABELS_VERTICAL)
    {
      show_layout (cr, label, centre, layout->labels_y, 0.5, &text_colour);
      return;
    }
  /* The end of the name sits under its bar; the name reads upwards to the right at 45° (or
   * straight up). */
  cairo_save (cr);
  cairo_translate (cr, centre, layout->labels_y);
  cairo_rotate (cr, layout->label_mode == LABELS_VERTICAL ? -G_PI / 2 : -G_PI / 4);
  show_layout (cr, label, 0, -height / 2, 1.0, &text_colour);
  cairo_restore (cr);
}

static void
paint_axes_titles (cairo_t *cr, PangoContext *context, const CpBarChart *data,
                   const CpBarChartLayout *layout)
{
  double fs = layout->font_size;
  g_autoptr (PangoLayout) value_title
      = cp_report_layout_new (context, data->value_axis, fs * 0.9, FALSE);
  double width, height;

  cp_report_layout_size (value_title, &width, &height);
  cairo_save (cr);
  cairo_translate (cr, fs, layout->plot_y + layout->plot_height / 2 + width / 2);
  cairo_rotate (cr, -G_PI / 2);
  show_layout (cr, value_title, 0, 0, 0, &text_colour);
  cairo_restore (cr);

  show_text (cr, context, data->category_axis, fs * 0.9, FALSE,
             layout->plot_x + layout->plot_width / 2,
             layout->labels_y + layout->labels_height + fs * 0.5, 0.5, &text_colour);
}

static void
paint_title (cairo_t *cr, PangoContext *context, const CpBarChart *data,
             const CpBarChartLayout *layout)
{
  double fs = layout->font_size;
  g_autoptr (PangoLayout) title = cp_report_layout_new (context, data->title, fs * 1.35, TRUE);

  pango_layout_set_width (title, (int) ((layout->width - 2 * fs) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  show_layout (cr, title, fs, layout->title_y, 0, &text_colour);
}

static void
paint_all (cairo_t *cr, PangoContext *context, const CpBarChart *data,
           const CpBarChartLayout *layout)
{
  paint_title (cr, context, data, layout);
  paint_legend (cr, context, data, layout);
  paint_grid (cr, context, layout);
  paint_bars (cr, data, layout);
  paint_reference (cr, data, layout);
  paint_bar_values (cr, context, data, layout);
  for (guint i = 0; i < data->bars->len; i += layout->label_every)
    paint_category_label (cr, context, layout, i,
                          g_array_index (data->bars, CpBarChartBar, i).label);
  paint_axes_titles (cr, context, data, layout);
}

void
cp_bar_chart_paint (cairo_t *cr, const CpBarChart *data, double width, double height)
{
  g_return_if_fail (cr != NULL && data != NULL);

  PangoContext *context = cp_report_context_new ();
  CpBarChartLayout layout;

  layout_compute (context, data, width, height, &layout);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  paint_all (cr, context, data, &layout);
  cairo_restore (cr);
  g_object_unref (context);
}

/* Files */

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ChartFormat;

static gboolean
format_from_path (const char *path, ChartFormat *format, GError **error)
{
  const char *dot = strrchr (path, '.');
  static const char *const extensions[] = { ".png", ".svg", ".pdf" };

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot, extensions[i]) == 0)
      {
        *format = (ChartFormat) i;
        return TRUE;
      }
  return cp_set_error (error, CP_ERROR_INVALID,
                       _("Cannot tell the format of “%s”: name the file .png, .svg or .pdf."),
                       path);
}

static cairo_surface_t *
surface_new (ChartFormat format, CpOutput *output, double width, double height)
{
  switch (format)
    {
    case FORMAT_SVG:
      return cairo_svg_surface_create_for_stream (cp_output_write, output, width, height);
    case FORMAT_PDF:
      return cairo_pdf_surface_create_for_stream (cp_output_write, output, width, height);
    case FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
    }
}

gboolean
cp_bar_chart_check_path (const char *out_path, GError **error)
{
  ChartFormat format;

  g_return_val_if_fail (out_path != NULL, FALSE);
  return format_from_path (out_path, &format, error);
}

/* Draws the chart into @output; returns the first failure of cairo (a failed write included). */
static cairo_status_t
paint_to_output (const CpBarChart *chart, double width, double height, ChartFormat format,
                 CpOutput *output)
{
  cairo_surface_t *surface = surface_new (format, output, width, height);

  if (format == FORMAT_PDF)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      _("Community Service Planner"));
    }
  cairo_t *cr = cairo_create (surface);
  cp_bar_chart_paint (cr, chart, width, height);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  if (format == FORMAT_PNG && cairo_status (cr) == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, cp_output_write, output);
  return cp_output_close_surface (cr, surface, status);
}

gboolean
cp_bar_chart_write (const CpBarChart *chart, double width, double height, const char *out_path,
                    GError **error)
{
  g_return_val_if_fail (chart != NULL && out_path != NULL, FALSE);

  ChartFormat format = FORMAT_PNG;
  if (!format_from_path (out_path, &format, error))
    return FALSE;
  CpOutput *output = cp_output_begin (out_path, error);
  if (output == NULL)
    return FALSE;
  return cp_output_finish_cairo (output, paint_to_output (chart, width, height, format, output),
                                 error);
}
