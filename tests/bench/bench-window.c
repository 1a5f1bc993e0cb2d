/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to the first painted window, memory, and the frame after jumps through a page's list on a
 * large database, against the same on a small one measured in the same run (the baseline): the
 * facility page (the window's first page), then the 三岗十八级 page shown from the start (its
 * roster: about 4 million people at --scale 2000).
 * Usage: bench-window LARGE.db SMALL.db  (needs a display; run under xvfb-run) */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-application.h"

#define JUMPS 20
/* Before the first jump: the facility chart's thread (a check of every community) finishes. */
#define SETTLE_SECONDS 5

/* Where the staff page's jumps land, as a fraction of the list: the first three are reported
 * one by one. */
static const double staff_jumps[JUMPS] = { 0.25, 0.5, 1.0, 0.0,  0.75, 0.1,  0.9,
                                           0.33, 0.6, 0.05, 0.8, 0.45, 0.2,  0.95,
                                           0.15, 0.7, 0.4, 0.85, 0.3,  0.55 };

typedef struct
{
  const char *page; /* the stack child shown first: "facility" or "staff" */
  gint64 start;
  double first_frame_ms;
  double rows_ms; /* until the list has its rows (the roster is read in a thread) */
  double worst_scroll_ms;
  double scroll_ms[JUMPS];
  double sorted_ms[JUMPS];
  long rss_kb;
  long rss_end_kb; /* after the last jump */
  guint n_rows; /* of the list, at the first jump */
  int jumps;
  GtkAdjustment *vadjustment;
  gint64 jump_time;
} Bench;

static long
status_kb (const char *key)
{
  g_autofree char *status = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  const char *line = strstr (status, key);
  return line != NULL ? atol (line + strlen (key)) : -1;
}

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

/* The list of the page shown. */
static GtkWidget *
visible_column_view (GtkWidget *window)
{
  GtkWidget *stack = find_widget (window, GTK_TYPE_STACK);
  GtkWidget *page = stack != NULL ? gtk_stack_get_visible_child (GTK_STACK (stack)) : NULL;

  return page != NULL ? find_widget (page, GTK_TYPE_COLUMN_VIEW) : NULL;
}

static guint
list_rows (GtkWidget *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static double
jump_fraction (Bench *bench)
{
  if (g_str_equal (bench->page, "staff"))
    return staff_jumps[bench->jumps - 1];
  /* Far apart, so that every jump lands on rows not fetched yet. */
  return ((bench->jumps * 7) % JUMPS) / (JUMPS + 1.0);
}

/* Jumps through the list and times the frame after each jump. */
static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  GtkWidget *view = visible_column_view (widget);

  if (bench->first_frame_ms == 0)
    {
      bench->first_frame_ms = (now - bench->start) / 1000.0;
      bench->rss_kb = status_kb ("VmRSS:");
    }
  if (bench->rows_ms == 0 && view != NULL && list_rows (view) > 0)
    bench->rows_ms = (now - bench->start) / 1000.0;
  if (bench->jump_time != 0 && bench->jumps > 0)
    {
      double ms = (now - bench->jump_time) / 1000.0;
      bench->scroll_ms[bench->jumps - 1] = ms;
      bench->worst_scroll_ms = MAX (bench->worst_scroll_ms, ms);
    }

  /* A list read in the background has its rows when it says so. */
  if (bench->jumps == 0
      && (now - bench->start < SETTLE_SECONDS * G_USEC_PER_SEC
          || (view != NULL && list_rows (view) == 0
              && now - bench->start < 60 * G_USEC_PER_SEC)))
    return G_SOURCE_CONTINUE;
  if (bench->jumps == 0 && view != NULL)
    {
      bench->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
      bench->n_rows = list_rows (view);
    }
  if (bench->vadjustment == NULL || bench->jumps >= JUMPS)
    {
      bench->rss_end_kb = status_kb ("VmRSS:");
      gtk_window_close (GTK_WINDOW (widget));
      return G_SOURCE_REMOVE;
    }
  double upper = gtk_adjustment_get_upper (bench->vadjustment);
  double page = gtk_adjustment_get_page_size (bench->vadjustment);
  bench->jumps++;
  bench->jump_time = g_get_monotonic_time ();
  gtk_adjustment_set_value (bench->vadjustment, (upper - page) * jump_fraction (bench));
  return G_SOURCE_CONTINUE;
}

/* Before the window is first shown (the pages are in it by then): the page to show. */
static void
on_realize (GtkWidget *window, Bench *bench)
{
  GtkWidget *stack = find_widget (window, GTK_TYPE_STACK);

  if (stack != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (stack), bench->page);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, Bench *bench)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, bench, NULL);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median_scroll (Bench *bench)
{
  memcpy (bench->sorted_ms, bench->scroll_ms, sizeof bench->scroll_ms);
  qsort (bench->sorted_ms, bench->jumps, sizeof (double), compare_double);
  return bench->jumps > 0 ? bench->sorted_ms[bench->jumps / 2] : 0;
}

static Bench
run_window (const char *db, const char *page)
{
  Bench bench = { .page = page, .start = g_get_monotonic_time () };
  g_autoptr (CpApplication) app = cp_application_new (db);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &bench);
  g_application_run (G_APPLICATION (app), 0, NULL);
  return bench;
}

static void
report (const char *what, Bench *small, Bench *large)
{
  double small_median = median_scroll (small), large_median = median_scroll (large);

  g_print ("%s: first window: small %.0f ms, large %.0f ms, ratio %.2f\n", what,
           small->first_frame_ms, large->first_frame_ms,
           large->first_frame_ms / MAX (small->first_frame_ms, 1));
  g_print ("%s: list filled after: small %.0f ms, large %.0f ms, ratio %.2f\n", what,
           small->rows_ms, large->rows_ms, large->rows_ms / MAX (small->rows_ms, 1));
  g_print ("%s: RSS at first frame: small %ld kB, large %ld kB; after the jumps: small %ld kB, "
           "large %ld kB\n",
           what, small->rss_kb, large->rss_kb, small->rss_end_kb, large->rss_end_kb);
  g_print ("%s: frame after a jump through the list (%u and %u rows): small median %.1f ms, "
           "worst %.1f ms; large median %.1f ms, worst %.1f ms; ratio of medians %.2f\n",
           what, small->n_rows, large->n_rows, small_median, small->worst_scroll_ms,
           large_median, large->worst_scroll_ms, large_median / MAX (small_median, 0.1));
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      g_printerr ("usage: %s LARGE.db SMALL.db\n", argv[0]);
      return 2;
    }
  Bench small = run_window (argv[2], "facility");
  Bench large = run_window (argv[1], "facility");
  report ("facility page", &small, &large);

  Bench small_staff = run_window (argv[2], "staff");
  Bench large_staff = run_window (argv[1], "staff");
  report ("staff page", &small_staff, &large_staff);
  if (small_staff.jumps >= 3 && large_staff.jumps >= 3)
    g_print ("staff page: frame after the jump to 25%%, 50%%, 100%% of the roster: "
             "small %.1f, %.1f, %.1f ms; large %.1f, %.1f, %.1f ms\n",
             small_staff.scroll_ms[0], small_staff.scroll_ms[1], small_staff.scroll_ms[2],
             large_staff.scroll_ms[0], large_staff.scroll_ms[1], large_staff.scroll_ms[2]);
  g_print ("peak RSS of the process: %ld kB\n", status_kb ("VmHWM:"));
  return 0;
}
