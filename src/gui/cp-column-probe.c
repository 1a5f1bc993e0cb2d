/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-column-probe.h"

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  CpColumnProbe *probe = user_data;

  *probe->probed = probe->column;
  return GTK_ORDERING_LARGER;
}

GtkSorter *
cp_column_probe_sorter (CpColumnProbe *probe)
{
  g_return_val_if_fail (probe != NULL && probe->probed != NULL, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, NULL));
}

int
cp_column_probe_read (GtkSorter *view_sorter, int *probed, gboolean *descending)
{
  g_return_val_if_fail (GTK_IS_SORTER (view_sorter) && probed != NULL, -1);

  /* Two items that differ (a sorter answers EQUAL for an item and itself without asking): the
   * probes do not look at them. */
  *probed = -1;
  GtkOrdering order = gtk_sorter_compare (view_sorter, view_sorter, probed);
  if (descending != NULL)
    *descending = order == GTK_ORDERING_SMALLER;
  return *probed;
}
