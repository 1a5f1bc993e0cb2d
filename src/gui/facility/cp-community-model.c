/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-community-model.h"
#include "cp-facility-store.h"

struct _CpCommunityModel
{
  CpSqlListModel parent_instance;

  int year;
  gint64 township_id;
  char *search; /* or NULL */
  CpViolations failing;
  gboolean projected;
  CpCommunityTotals totals;
  CpColumn sort_column;
  gboolean descending;
};

G_DEFINE_FINAL_TYPE (CpCommunityModel, cp_community_model, CP_TYPE_SQL_LIST_MODEL)

/* The columns sort by the store's keys of the same order. */
G_STATIC_ASSERT ((int) CP_N_COLUMNS == (int) CP_COMMUNITY_SORT_NATURAL);
G_STATIC_ASSERT ((int) CP_COLUMN_RESULT == (int) CP_COMMUNITY_SORT_RESULT);
G_STATIC_ASSERT ((int) CP_COLUMN_SHORTFALL == (int) CP_COMMUNITY_SORT_SHORTFALL);

/* CpSqlListModel implementation */

static gpointer
cp_community_model_new_item (CpSqlListModel *model, gint64 id)
{
  return cp_community_row_new (id);
}

static void
update_row (guint index, const CpCheckRow *row, gpointer user_data)
{
  GPtrArray *items = user_data;

  if (index < items->len)
    cp_community_row_update (g_ptr_array_index (items, index), row);
}

static gboolean
cp_community_model_fetch_items (CpSqlListModel *model, CpStore *store, const gint64 *ids,
                                guint n, GPtrArray *items, GError **error)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (model);

  return cp_facility_store_read_community_rows_full (store, self->year, self->projected, ids, n,
                                                     update_row, items, error);
}

static gboolean
cp_community_model_list_ids (CpSqlListModel *model, CpStore *store, GArray *ids, GError **error)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (model);

  CpCommunityFilter filter = { self->township_id, self->search, self->failing,
                               self->projected };

  return cp_facility_store_filter_community_ids (store, self->year, &filter,
                                                 (CpCommunitySort) self->sort_column,
                                                 self->descending, ids, &self->totals, error);
}

/* GObject overrides */

static void
cp_community_model_finalize (GObject *object)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (object);

  g_free (self->search);
  G_OBJECT_CLASS (cp_community_model_parent_class)->finalize (object);
}

static void
cp_community_model_class_init (CpCommunityModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CpSqlListModelClass *list_class = CP_SQL_LIST_MODEL_CLASS (klass);

  object_class->finalize = cp_community_model_finalize;
  list_class->item_type = CP_TYPE_COMMUNITY_ROW;
  list_class->list_ids = cp_community_model_list_ids;
  list_class->new_item = cp_community_model_new_item;
  list_class->fetch_items = cp_community_model_fetch_items;
}

static void
cp_community_model_init (CpCommunityModel *self)
{
  self->sort_column = CP_N_COLUMNS;
  self->year = 2025;
}

/* Public API */

CpCommunityModel *
cp_community_model_new (void)
{
  return g_object_new (CP_TYPE_COMMUNITY_MODEL, NULL);
}

void
cp_community_model_set_store (CpCommunityModel *self, CpStore *store)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));
  cp_sql_list_model_set_store (CP_SQL_LIST_MODEL (self), store);
}

void
cp_community_model_set_year (CpCommunityModel *self, int year)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));
  self->year = year;
}

void
cp_community_model_set_filter (CpCommunityModel *self, gint64 township_id, const char *search)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));

  self->township_id = township_id;
  g_free (self->search);
  self->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
}

void
cp_community_model_set_failing (CpCommunityModel *self, CpViolations failing)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));
  self->failing = failing;
}

void
cp_community_model_set_projected (CpCommunityModel *self, gboolean projected)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));
  self->projected = projected;
}

const CpCommunityTotals *
cp_community_model_get_totals (CpCommunityModel *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_MODEL (self), NULL);
  return &self->totals;
}

gboolean
cp_community_model_recount (CpCommunityModel *self, CpStore *store, GError **error)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_MODEL (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return cp_community_model_list_ids (CP_SQL_LIST_MODEL (self), store, ids, error);
}

void
cp_community_model_set_sort (CpCommunityModel *self, CpColumn column, gboolean descending)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));

  self->sort_column = column;
  self->descending = descending;
}
