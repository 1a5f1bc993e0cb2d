/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-chart-view.h"
#include "cp-message.h"

struct _CpChartView
{
  GtkDrawingArea parent_instance;

  CpBarChart *data;          /* owned */
  GCancellable *cancellable; /* of the load running, or NULL */
  int current;               /* the bar the keyboard is on, -1 before it came */
};

/* What a load's thread reads. */
typedef struct
{
  char *db_path;
  int year;
  CpChartBuildFunc build;
} LoadRequest;

G_DEFINE_FINAL_TYPE (CpChartView, cp_chart_view, GTK_TYPE_DRAWING_AREA)

/* Auxiliary functions */

/* The accessible description reads out the current bar: its name, value and the standard. */
static void
update_description (CpChartView *self)
{
  g_autofree char *text = NULL;

  if (self->data != NULL && self->current >= 0 && (guint) self->current < self->data->bars->len)
    text = cp_bar_chart_tooltip (self->data, self->current);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
move_to (CpChartView *self, int index)
{
  guint n = self->data != NULL ? self->data->bars->len : 0;

  self->current = n == 0 ? -1 : CLAMP (index, 0, (int) n - 1);
  update_description (self);
}

/* A focus frame around the current bar's slot, from the plot's top to its labels. */
static void
draw_current (CpChartView *self, cairo_t *cr, int width, int height)
{
  CpBarChartLayout layout;
  double x, y, w, h;

  cp_bar_chart_layout (self->data, width, height, &layout);
  cp_bar_chart_bar_rect (&layout, self->current, layout.axis_max, &x, &y, &w, &h);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, (double[]){ 4.0, 3.0 }, 2, 0);
  cairo_rectangle (cr, x - 3, y - 3, w + 6, h + 6);
  cairo_stroke (cr);
}

static void
load_request_free (LoadRequest *request)
{
  g_free (request->db_path);
  g_free (request);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (request->db_path, CP_STORE_OPEN_READ_ONLY, &error);
  CpBarChart *data = store != NULL ? request->build (store, request->year, &error) : NULL;

  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) cp_bar_chart_free);
}

/* Callbacks */

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  CpBarChart *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cp_message_show_error (GTK_WIDGET (source), _("Cannot draw the chart"), error);
      return;
    }
  cp_chart_view_set_data (CP_CHART_VIEW (source), data);
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  CpChartView *self = CP_CHART_VIEW (area);

  if (self->data == NULL)
    return;
  cp_bar_chart_paint (cr, self->data, width, height);
  if (self->current >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    draw_current (self, cr, width, height);
}

/* Left and Right move between the bars, Home and End to the first and last. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, CpChartView *self)
{
  if (self->data == NULL || self->data->bars->len == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
      move_to (self, self->current - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
      move_to (self, self->current + 1);
      return TRUE;
    case GDK_KEY_Home:
      move_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
      move_to (self, (int) self->data->bars->len - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_enter (CpChartView *self)
{
  move_to (self, self->current < 0 ? 0 : self->current);
}

static void
on_focus_leave (CpChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

/* GtkWidget overrides */

/* A view taken out of its window (its page disposed) reads no chart any more. */
static void
cp_chart_view_unroot (GtkWidget *widget)
{
  CpChartView *self = CP_CHART_VIEW (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  GTK_WIDGET_CLASS (cp_chart_view_parent_class)->unroot (widget);
}

/* GObject overrides */

static void
cp_chart_view_dispose (GObject *object)
{
  CpChartView *self = CP_CHART_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cp_chart_view_parent_class)->dispose (object);
}

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
  G_OBJECT_CLASS (klass)->dispose = cp_chart_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = cp_chart_view_finalize;
  GTK_WIDGET_CLASS (klass)->unroot = cp_chart_view_unroot;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cp_chart_view_init (CpChartView *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_chart, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  /* The bars are reachable by keyboard: one Tab stop, arrows between them. */
  self->current = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
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
  if (self->current >= 0)
    move_to (self, self->current);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cp_chart_view_load (CpChartView *self, const char *db_path, int year, CpChartBuildFunc build)
{
  g_return_if_fail (CP_IS_CHART_VIEW (self));
  g_return_if_fail (build != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (db_path == NULL)
    {
      cp_chart_view_set_data (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  LoadRequest *request = g_new0 (LoadRequest, 1);
  request->db_path = g_strdup (db_path);
  request->year = year;
  request->build = build;
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_thread);
}
