/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the lists' column views share: their cells' labels, and which column a GtkColumnView
 * sorts by and which way (GTK 4.8 does not tell). The lists are sorted in SQL; each column gets
 * a sorter made here that only records that it was asked. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One column's probe: asked to compare, its sorter writes @column into *@probed. */
typedef struct
{
  int *probed;
  int column;
} CpColumnProbe;

/* The sorter of @probe's column (@probe must outlive it). */
GtkSorter *cp_column_probe_sorter (CpColumnProbe *probe);
/* The column the view's @view_sorter sorts by, -1 for none (the probes write into *@probed),
 * and in @descending (optional) whether it sorts descending. The view's sorter asks the primary
 * column's sorter first and inverts the answer when descending, so one comparison tells both. */
int cp_column_probe_read (GtkSorter *view_sorter, int *probed, gboolean *descending);

/* The label of a list cell: one line, ellipsized, a number right-aligned in tabular figures;
 * @width_chars > 0 keeps room for that many characters (a code never cut short). */
GtkWidget *cp_column_cell_label_new (gboolean numeric, int width_chars);

G_END_DECLS
