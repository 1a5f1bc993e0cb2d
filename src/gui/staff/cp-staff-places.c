/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-facility-store.h"
#include "cp-region-store.h"
#include "cp-staff-places.h"

gboolean
cp_staff_places_townships (CpStore *store, GArray *ids, GtkStringList *names, GError **error)
{
  g_autoptr (GArray) townships = cp_region_store_list_townships (store, error);

  if (townships == NULL)
    return FALSE;
  for (guint i = 0; i < townships->len; i++)
    {
      const CpTownship *township = &g_array_index (townships, CpTownship, i);
      g_array_append_val (ids, township->id);
      gtk_string_list_append (names, township->name);
    }
  return TRUE;
}

static void
add_community (guint index, const CpCheckRow *row, gpointer user_data)
{
  GPtrArray *found_names = user_data;

  if (index < found_names->len)
    g_ptr_array_index (found_names, index) = g_strdup (row->name);
}

/* The facility list's query lists a township's communities in code order; a township holds a
 * few dozen, so reading their rows costs nothing. */
gboolean
cp_staff_places_communities (CpStore *store, int year, gint64 township_id, GArray *ids,
                             GtkStringList *names, GError **error)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) found_names = g_ptr_array_new_with_free_func (g_free);

  if (!cp_facility_store_list_community_ids (store, year, township_id, NULL,
                                             CP_COMMUNITY_SORT_NATURAL, FALSE, found, error))
    return FALSE;
  g_ptr_array_set_size (found_names, found->len);
  if (!cp_facility_store_read_community_rows (store, year, (const gint64 *) found->data,
                                              found->len, add_community, found_names, error))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const char *name = g_ptr_array_index (found_names, i);
      g_array_append_val (ids, g_array_index (found, gint64, i));
      gtk_string_list_append (names, name != NULL ? name : "");
    }
  return TRUE;
}

guint
cp_staff_places_find (GArray *ids, gint64 id, guint fallback)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return fallback;
}
