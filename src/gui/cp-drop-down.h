/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drop-downs of names: a vocabulary's, and filling one without telling its handlers. */
#pragma once

#include <gtk/gtk.h>

#include "cp-vocabulary.h"

G_BEGIN_DECLS

/* The display names of the @n entries of @vocabulary, after @first unless it is NULL (an entry
 * such as "All posts" at position 0). */
GtkStringList *cp_drop_down_vocabulary (const char *first, const CpVocabulary *vocabulary,
                                        guint n);
/* Gives @drop_down the display names of @vocabulary's @n entries, in their order. */
void cp_drop_down_set_vocabulary (GtkDropDown *drop_down, const CpVocabulary *vocabulary,
                                  guint n);
/* Gives @drop_down the list @names and chooses its first entry, without calling the handlers
 * connected with @blocked as their data. */
void cp_drop_down_set_names (GtkDropDown *drop_down, GtkStringList *names, gpointer blocked);

G_END_DECLS
