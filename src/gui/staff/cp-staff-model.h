/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 三岗十八级 roster in one year, filtered and sorted in SQL (cp_staff_store_list_ids()): a
 * CpSqlListModel of CpRosterRow. After a setter, cp_staff_model_reload_async() (or
 * cp_sql_list_model_reload(), on the main thread) reads the list again;
 * cp_sql_list_model_refresh() reads one person again. */
#pragma once

#include "cp-roster-row.h"
#include "cp-sql-list-model.h"

G_BEGIN_DECLS

#define CP_TYPE_STAFF_MODEL (cp_staff_model_get_type ())
G_DECLARE_FINAL_TYPE (CpStaffModel, cp_staff_model, CP, STAFF_MODEL, CpSqlListModel)

CpStaffModel *cp_staff_model_new (void);

void cp_staff_model_set_year (CpStaffModel *self, int year);
int cp_staff_model_get_year (CpStaffModel *self);
/* @filter's search is copied. */
void cp_staff_model_set_filter (CpStaffModel *self, const CpStaffFilter *filter);
/* @column CP_N_ROSTER_COLUMNS for the natural order (township, community, post, identity
 * number); a column the store cannot sort by sorts naturally too. */
void cp_staff_model_set_sort (CpStaffModel *self, CpRosterColumn column, gboolean descending);
/* Whether the list can be sorted by @column. */
gboolean cp_staff_model_column_sortable (CpRosterColumn column);

/* Reads the list (the year, filter and sort set now) in a thread on a connection of its own to
 * @db_path, read-only: at 4 million people that takes a second or more, sorted by a column
 * several. cp_staff_model_reload_finish() puts it in the model; a later call supersedes an
 * earlier one, whose finish then fails with G_IO_ERROR_CANCELLED and leaves the model as it is.
 * @db_path NULL empties the list. */
void cp_staff_model_reload_async (CpStaffModel *self, const char *db_path,
                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean cp_staff_model_reload_finish (CpStaffModel *self, GAsyncResult *result,
                                       GError **error);
/* Whether a reading started by cp_staff_model_reload_async() has not finished yet. */
gboolean cp_staff_model_is_loading (CpStaffModel *self);

G_END_DECLS
