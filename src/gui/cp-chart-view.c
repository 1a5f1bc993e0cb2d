/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-chart-view.h"

struct _CpChartView
{
  GtkDrawingArea parent_instance;

  CpBarChart *data; /* owned */
};

G_DEFINE_FINAL_TYPE (CpChartView, cp_chart_view, GTK_TYPE_DRAWING_AREA)

/* Callbacks */

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  CpChartView *self = CP_CHART_VIEW (area);

  if (self->data != NULL)
    cp_bar_chart_paint (cr, self->data, width, height);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer user_data)
{
  CpChartView *self = CP_CHART_VIEW (widget);

  if (self->data == NULL || keyboard)
    return FALSE;
  int index = cp_bar_chart_hit_test (self->data, gtk_widget_get_width (widget),
                                            gtk_widget_get_height (widget), x, y);
  if (index < 0)
    return FALSE;
  g_autofree char *text = cp_bar_chart_tooltip (self->data, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject overrides */

static void
cp_chart_view_finalize (GObject *object)
{
  CpChartView *self = CP_CHART_VIEW (object);

  g_clear_pointer (&self->data, cp_bar_chart_free);
  G_OBJECT_CLASS (cp_chart_view_parent_class)->finalize (object);
}

static void
cp_chart_view_class_init (CpChartViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_chart_view_finalize;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cp_chart_view_init (CpChartView *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_chart, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of the township results"), -1);
}

/* Public API */

GtkWidget *
cp_chart_view_new (void)
{
  return g_object_new (CP_TYPE_CHART_VIEW, NULL);
}

void
cp_chart_view_set_data (CpChartView *self, CpBarChart *data)
{
  g_return_if_fail (CP_IS_CHART_VIEW (self));

  g_clear_pointer (&self->data, cp_bar_chart_free);
  self->data = data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
