/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-drop-down.h"

GtkStringList *
cp_drop_down_vocabulary (const char *first, const CpVocabulary *vocabulary, guint n)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (names, first);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, cp_vocabulary_display (vocabulary, n, i));
  return names;
}

void
cp_drop_down_set_vocabulary (GtkDropDown *drop_down, const CpVocabulary *vocabulary, guint n)
{
  g_autoptr (GtkStringList) names = cp_drop_down_vocabulary (NULL, vocabulary, n);

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
}

void
cp_drop_down_set_names (GtkDropDown *drop_down, GtkStringList *names, gpointer blocked)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_handlers_block_matched (drop_down, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, blocked);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (drop_down, 0);
  g_signal_handlers_unblock_matched (drop_down, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, blocked);
}
