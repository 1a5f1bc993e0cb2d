/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The townships and communities the page's filters and the staff dialog choose from: ids and
 * names side by side, ready for a GtkDropDown. */
#pragma once

#include <gtk/gtk.h>

#include "cp-store.h"

G_BEGIN_DECLS

/* Appends every township (code order) to @ids (gint64) and @names. */
gboolean cp_staff_places_townships (CpStore *store, GArray *ids, GtkStringList *names,
                                    GError **error);
/* Appends the communities of @township_id in @year (code order) to @ids and @names. */
gboolean cp_staff_places_communities (CpStore *store, int year, gint64 township_id, GArray *ids,
                                      GtkStringList *names, GError **error);
/* The index of @id in @ids, or @fallback. */
guint cp_staff_places_find (GArray *ids, gint64 id, guint fallback);

G_END_DECLS
