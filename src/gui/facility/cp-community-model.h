/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The communities of the facility list as a GListModel over SQLite: a snapshot of community ids
 * for the current filter, sort and year (one query, filtered and sorted in SQL), and items built
 * in get_item from a small cache of pages fetched by id. Never loads the whole table. */
#pragma once

#include <gio/gio.h>

#include "cp-community-row.h"
#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_COMMUNITY_MODEL (cp_community_model_get_type ())
G_DECLARE_FINAL_TYPE (CpCommunityModel, cp_community_model, CP, COMMUNITY_MODEL, GObject)

CpCommunityModel *cp_community_model_new (void);

/* @store is borrowed: the caller keeps it alive while it is set (NULL empties the model). */
void cp_community_model_set_store (CpCommunityModel *self, CpStore *store);
void cp_community_model_set_year (CpCommunityModel *self, int year);
/* @township_id 0 for all; @search matches code or name anywhere (NULL or "" for all). */
void cp_community_model_set_filter (CpCommunityModel *self, gint64 township_id,
                                    const char *search);
/* @column CP_N_COLUMNS for the natural order (township code, community code). */
void cp_community_model_set_sort (CpCommunityModel *self, CpColumn column, gboolean descending);

/* Runs the snapshot query again (after the setters, or when the data changed). */
gboolean cp_community_model_reload (CpCommunityModel *self, GError **error);
/* Reads one community again (its facilities changed) and tells the list; its position stays. */
void cp_community_model_refresh (CpCommunityModel *self, gint64 community_id);

/* Position of @community_id in the snapshot, or G_MAXUINT. */
guint cp_community_model_find (CpCommunityModel *self, gint64 community_id);
const CpStandards *cp_community_model_get_standards (CpCommunityModel *self);

G_END_DECLS
