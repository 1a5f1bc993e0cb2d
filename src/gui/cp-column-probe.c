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

GtkWidget *
cp_column_cell_label_new (gboolean numeric, int width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (width_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  return label;
}
