/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every SQL statement on townships, communities and their households per year. */
#pragma once

#include "cp-region.h"
#include "cp-store.h"

G_BEGIN_DECLS

/* Upserts key on the code; @id in the struct is set on return. */
gboolean cp_region_store_upsert_township (CpStore *store, CpTownship *township, GError **error);
/* Looks a township up by code or name: its id; 0 when absent (@error unset) or when the
 * database cannot be read (@error set: never mistake that for "absent"). */
gint64 cp_region_store_find_township (CpStore *store, const char *code_or_name, GError **error);
/* Every township in code order: a GArray of CpTownship (cleared on free), NULL on failure. */
GArray *cp_region_store_list_townships (CpStore *store, GError **error);
/* Records the community; @year 0 means its households and population hold from the start. */
gboolean cp_region_store_upsert_community (CpStore *store, CpCommunity *community, int year,
                                           GError **error);
/* Records the community itself (upsert on the code), without figures; @id is set on return. */
gboolean cp_region_store_save_community (CpStore *store, CpCommunity *community, GError **error);
/* Records the households and population of community @community_id from @year on (0: from the
 * start), replacing what that year had. */
gboolean cp_region_store_set_community_year (CpStore *store, gint64 community_id, int year,
                                             gint64 households, gint64 population,
                                             GError **error);
/* Whether the dataset has any township. */
gboolean cp_region_store_has_townships (CpStore *store, gboolean *out, GError **error);
/* Looks a community up by code, as cp_region_store_find_township() does. */
gint64 cp_region_store_find_community (CpStore *store, const char *code, GError **error);
/* How many communities the dataset holds; -1 with @error set on failure. */
gint64 cp_region_store_count_communities (CpStore *store, GError **error);
/* Fills @out with the community of @id and its figures for @year. */
gboolean cp_region_store_get_community (CpStore *store, gint64 id, int year, CpCommunity *out,
                                        GError **error);

G_END_DECLS
