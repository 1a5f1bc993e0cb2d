/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel over a store query that never loads the whole table: a snapshot of row ids in list
 * order (one query, filtered and sorted by the store), and items built in get_item from a small
 * cache of pages fetched by id. A domain's list derives from it and supplies the two queries. */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_SQL_LIST_MODEL (cp_sql_list_model_get_type ())
G_DECLARE_DERIVABLE_TYPE (CpSqlListModel, cp_sql_list_model, CP, SQL_LIST_MODEL, GObject)

struct _CpSqlListModelClass
{
  GObjectClass parent_class;

  /* The type of the items (set in class_init). */
  GType item_type;
  /* Appends the ids of the list, in list order, to @out_ids (gint64). */
  gboolean (*list_ids) (CpSqlListModel *self, CpStore *store, GArray *out_ids, GError **error);
  /* A new item for @id, empty until fetched. */
  gpointer (*new_item) (CpSqlListModel *self, gint64 id);
  /* Fills @items[i] (of item_type) with the row of @ids[i], for each of the @n. */
  gboolean (*fetch_items) (CpSqlListModel *self, CpStore *store, const gint64 *ids, guint n,
                           GPtrArray *items, GError **error);
};

/* @store is borrowed: the caller keeps it alive while it is set (NULL empties the list at the
 * next reload). */
void cp_sql_list_model_set_store (CpSqlListModel *self, CpStore *store);
CpStore *cp_sql_list_model_get_store (CpSqlListModel *self);

/* Runs the snapshot query again (after a filter or sort changed, or the data did). On failure
 * the list is empty. */
gboolean cp_sql_list_model_reload (CpSqlListModel *self, GError **error);
/* The same with @ids (gint64, in list order) read elsewhere, e.g. in a thread on a connection of
 * its own: replaces the snapshot (the model takes a reference). */
void cp_sql_list_model_set_ids (CpSqlListModel *self, GArray *ids);
/* Reads the row of @id again and tells the list; its item and position stay (a selection of it
 * stays). Nothing to do when @id is not listed or its page is not loaded. */
gboolean cp_sql_list_model_refresh (CpSqlListModel *self, gint64 id, GError **error);
/* Position of @id in the snapshot, or G_MAXUINT. */
guint cp_sql_list_model_find (CpSqlListModel *self, gint64 id);
/* A copy of the snapshot's ids (gint64), in ascending order (not the list's). */
GArray *cp_sql_list_model_dup_sorted_ids (CpSqlListModel *self);

/* The last error of a page fetched in get_item (which cannot return one), or NULL; cleared by
 * reload. The page's items stay empty, and "fetch-failed" (a GError) is emitted. */
const GError *cp_sql_list_model_get_fetch_error (CpSqlListModel *self);

G_END_DECLS
