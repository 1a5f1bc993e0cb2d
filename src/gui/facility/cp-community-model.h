/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The communities of the facility list in one year, filtered and sorted: a CpSqlListModel of
 * CpCommunityRow. After a setter, cp_sql_list_model_reload() reads the list again;
 * cp_sql_list_model_refresh() reads one community again (its facilities changed). */
#pragma once

#include "cp-community-row.h"
#include "cp-facility-store.h"
#include "cp-sql-list-model.h"
#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_COMMUNITY_MODEL (cp_community_model_get_type ())
G_DECLARE_FINAL_TYPE (CpCommunityModel, cp_community_model, CP, COMMUNITY_MODEL,
                      CpSqlListModel)

CpCommunityModel *cp_community_model_new (void);

/* @store is borrowed: the caller keeps it alive while it is set (NULL empties the model). */
void cp_community_model_set_store (CpCommunityModel *self, CpStore *store);
void cp_community_model_set_year (CpCommunityModel *self, int year);
/* @township_id 0 for all; @search matches code or name anywhere (NULL or "" for all). */
void cp_community_model_set_filter (CpCommunityModel *self, gint64 township_id,
                                    const char *search);
/* Only the communities breaking one of the rules of @failing (0 for all; CP_ALL_RULES for every
 * community that falls short). */
void cp_community_model_set_failing (CpCommunityModel *self, CpViolations failing);
/* Planned work (规划, 在建) counted from its year (cp_facility_count_in_year()). */
void cp_community_model_set_projected (CpCommunityModel *self, gboolean projected);
/* The totals of the township and search, as of the last reading of the list (whatever
 * cp_community_model_set_failing() asked for). */
const CpCommunityTotals *cp_community_model_get_totals (CpCommunityModel *self);
/* Counts the totals again after a change to one community, leaving the rows where they are. */
gboolean cp_community_model_recount (CpCommunityModel *self, CpStore *store, GError **error);
/* @column CP_N_COLUMNS for the natural order (township code, community code). */
void cp_community_model_set_sort (CpCommunityModel *self, CpColumn column, gboolean descending);

G_END_DECLS
