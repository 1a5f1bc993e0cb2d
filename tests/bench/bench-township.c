/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The township drop-down of the facility page on a large database (3,400 townships at --scale
 * 200) against a small one, in the same run: the time from asking the drop-down to open to its
 * popup painted, and from typing 河南 into its search to the filtered list painted. GtkSearchEntry
 * waits 150 ms after the last key before it searches; that wait is part of the second figure.
 * Usage: bench-township LARGE.db SMALL.db  (needs a display; run under xvfb-run) */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-facility-page.h"
#include "cp-gui-resources.h"

#define RUNS 5

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint painted;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted++;
}

/* Runs the main loop until @done gives TRUE, then until one more frame is painted. */
static void
run_until (GtkWidget *window, gboolean (*done) (gpointer), gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  guint before = painted;
  gtk_widget_queue_draw (window);
  while (painted == before)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

typedef struct
{
  GListModel *list;
  guint n;
} Filtered;

/* The drop-down's filter has run: fewer items than before, none pending. */
static gboolean
is_filtered (gpointer data)
{
  Filtered *filtered = data;
  GListModel *model = filtered->list;

  while (GTK_IS_SINGLE_SELECTION (model))
    model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  if (GTK_IS_FILTER_LIST_MODEL (model)
      && gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) > 0)
    return FALSE;
  return g_list_model_get_n_items (filtered->list) < filtered->n;
}

static gboolean
is_true (gpointer data)
{
  return TRUE;
}

static void
measure (const char *db, double *open_ms, double *search_ms, guint *n_townships, guint *n_found)
{
  g_autoptr (GError) error = NULL;
  CpStore *store = cp_store_open (db, CP_STORE_OPEN_READ_ONLY, &error);

  if (store == NULL)
    g_error ("%s: %s", db, error->message);
  GtkWidget *window = gtk_window_new ();
  CpPage *page = cp_facility_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  cp_page_set_year (page, 2026);
  cp_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  run_until (window, is_true, NULL);

  GtkWidget *drop_down = find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  GtkWidget *popup = find_widget (drop_down, GTK_TYPE_POPOVER);

  GtkWidget *search = find_widget (popup, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list_view = find_widget (popup, GTK_TYPE_LIST_VIEW);
  *n_townships = g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  *open_ms = *search_ms = G_MAXDOUBLE;
  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_signal_emit_by_name (drop_down, "activate");
      run_until (window, is_mapped, popup);
      *open_ms = MIN (*open_ms, (g_get_monotonic_time () - start) / 1000.0);

      GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
      Filtered filtered = { shown, g_list_model_get_n_items (shown) };
      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (search), "河南");
      run_until (window, is_filtered, &filtered);
      *search_ms = MIN (*search_ms, (g_get_monotonic_time () - start) / 1000.0);
      *n_found = g_list_model_get_n_items (filtered.list);
      gtk_editable_set_text (GTK_EDITABLE (search), "");
      gtk_popover_popdown (GTK_POPOVER (popup));
      while (gtk_widget_get_mapped (popup))
        g_main_context_iteration (NULL, TRUE);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  cp_store_free (store);
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      g_printerr ("Usage: bench-township LARGE.db SMALL.db\n");
      return 2;
    }
  gtk_init ();
  (void) cp_gui_get_resource (); /* the page's template */
  double large_open, large_search, small_open, small_search;
  guint large_n, small_n, large_found, small_found;
  measure (argv[2], &small_open, &small_search, &small_n, &small_found);
  measure (argv[1], &large_open, &large_search, &large_n, &large_found);
  g_print ("townships  open (ms)  search 河南 (ms, with the 150 ms wait)  items left\n");
  g_print ("%9u  %9.1f  %9.1f  %u\n", small_n, small_open, small_search, small_found);
  g_print ("%9u  %9.1f  %9.1f  %u\n", large_n, large_open, large_search, large_found);
  g_print ("ratio      %9.2f  %9.2f\n", large_open / small_open, large_search / small_search);
  return 0;
}
