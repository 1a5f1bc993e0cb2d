/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to the first painted window, memory, and scrolling of the facility list on a large
 * database, against the same on a small one measured in the same run (the baseline).
 * Usage: bench-window LARGE.db SMALL.db  (needs a display; run under xvfb-run) */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-application.h"

#define JUMPS 20

typedef struct
{
  gint64 start;
  double first_frame_ms;
  double worst_scroll_ms;
  double scroll_ms[JUMPS];
  long rss_kb;
  int jumps;
  GtkAdjustment *vadjustment;
  gint64 jump_time;
  GtkWidget *window;
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
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Jumps through the list and times the frame after each jump. */
static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->first_frame_ms == 0)
    {
      bench->first_frame_ms = (now - bench->start) / 1000.0;
      bench->rss_kb = status_kb ("VmRSS:");
      GtkWidget *view = find_column_view (widget);
      bench->vadjustment = view != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view))
                                        : NULL;
    }
  else if (bench->jump_time != 0)
    {
      double ms = (now - bench->jump_time) / 1000.0;
      bench->scroll_ms[bench->jumps - 1] = ms;
      bench->worst_scroll_ms = MAX (bench->worst_scroll_ms, ms);
    }

  /* Let the chart's thread (a check of every community) finish before jumping. */
  if (bench->jumps == 0 && now - bench->start < 5 * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  if (bench->vadjustment == NULL || bench->jumps >= JUMPS)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return G_SOURCE_REMOVE;
    }
  double upper = gtk_adjustment_get_upper (bench->vadjustment);
  bench->jumps++;
  bench->jump_time = g_get_monotonic_time ();
  /* Far apart, so that every jump lands on rows not fetched yet. */
  gtk_adjustment_set_value (bench->vadjustment, upper * ((bench->jumps * 7) % JUMPS) / (JUMPS + 1.0));
  return G_SOURCE_CONTINUE;
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, Bench *bench)
{
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
  qsort (bench->scroll_ms, JUMPS, sizeof (double), compare_double);
  return bench->scroll_ms[JUMPS / 2];
}

static Bench
run_window (const char *db)
{
  Bench bench = { .start = g_get_monotonic_time () };
  g_autoptr (CpApplication) app = cp_application_new (db);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &bench);
  g_application_run (G_APPLICATION (app), 0, NULL);
  return bench;
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      g_printerr ("usage: %s LARGE.db SMALL.db\n", argv[0]);
      return 2;
    }
  Bench small = run_window (argv[2]);
  Bench large = run_window (argv[1]);
  long peak = status_kb ("VmHWM:");

  g_print ("first window: small %.0f ms, large %.0f ms, ratio %.2f\n", small.first_frame_ms,
           large.first_frame_ms, large.first_frame_ms / MAX (small.first_frame_ms, 1));
  g_print ("RSS at first frame: small %ld kB, large %ld kB (peak of the process %ld kB)\n",
           small.rss_kb, large.rss_kb, peak);
  g_print ("frame after a jump through the list: small median %.1f ms, worst %.1f ms; "
           "large median %.1f ms, worst %.1f ms\n",
           median_scroll (&small), small.worst_scroll_ms, median_scroll (&large),
           large.worst_scroll_ms);
  return 0;
}
