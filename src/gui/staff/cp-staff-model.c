/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-staff-model.h"

struct _CpStaffModel
{
  CpSqlListModel parent_instance;

  int year;
  CpStaffFilter filter; /* search owned */
  CpStaffSort sort;
  gboolean descending;
  guint generation; /* of the latest reload_async */
  guint loading;    /* reload_async calls not finished */
};

/* What a reading in a thread needs: copies of the model's settings. */
typedef struct
{
  char *db_path;
  int year;
  CpStaffFilter filter; /* search owned */
  CpStaffSort sort;
  gboolean descending;
  guint generation;
} ListRequest;

G_DEFINE_FINAL_TYPE (CpStaffModel, cp_staff_model, CP_TYPE_SQL_LIST_MODEL)

/* The store's sort key of each column; NATURAL for those it does not sort by. */
static const CpStaffSort column_sorts[CP_N_ROSTER_COLUMNS] = {
  [CP_ROSTER_COLUMN_NAME] = CP_STAFF_SORT_NAME,
  [CP_ROSTER_COLUMN_ID_NUMBER] = CP_STAFF_SORT_NATURAL,
  [CP_ROSTER_COLUMN_COMMUNITY] = CP_STAFF_SORT_COMMUNITY,
  [CP_ROSTER_COLUMN_POST] = CP_STAFF_SORT_POST,
  [CP_ROSTER_COLUMN_LEVEL] = CP_STAFF_SORT_LEVEL,
  [CP_ROSTER_COLUMN_GRADE] = CP_STAFF_SORT_NATURAL,
  [CP_ROSTER_COLUMN_STATUS] = CP_STAFF_SORT_STATUS,
  [CP_ROSTER_COLUMN_GRID_ROLE] = CP_STAFF_SORT_NATURAL,
  [CP_ROSTER_COLUMN_SERVICE_START] = CP_STAFF_SORT_SERVICE_START,
};

/* CpSqlListModel implementation */

static gpointer
cp_staff_model_new_item (CpSqlListModel *model, gint64 id)
{
  return cp_roster_row_new (id);
}

static void
update_row (guint index, const CpStaffRow *row, gpointer user_data)
{
  GPtrArray *items = user_data;

  if (index < items->len)
    cp_roster_row_update (g_ptr_array_index (items, index), row);
}

static gboolean
cp_staff_model_fetch_items (CpSqlListModel *model, CpStore *store, const gint64 *ids, guint n,
                            GPtrArray *items, GError **error)
{
  CpStaffModel *self = CP_STAFF_MODEL (model);

  return cp_staff_store_read_rows (store, self->year, ids, n, update_row, items, error);
}

static gboolean
cp_staff_model_list_ids (CpSqlListModel *model, CpStore *store, GArray *ids, GError **error)
{
  CpStaffModel *self = CP_STAFF_MODEL (model);

  return cp_staff_store_list_ids (store, self->year, &self->filter, self->sort, self->descending,
                                  ids, error);
}

/* GObject overrides */

static void
cp_staff_model_finalize (GObject *object)
{
  CpStaffModel *self = CP_STAFF_MODEL (object);

  g_free ((char *) self->filter.search);
  G_OBJECT_CLASS (cp_staff_model_parent_class)->finalize (object);
}

static void
cp_staff_model_class_init (CpStaffModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CpSqlListModelClass *list_class = CP_SQL_LIST_MODEL_CLASS (klass);

  object_class->finalize = cp_staff_model_finalize;
  list_class->item_type = CP_TYPE_ROSTER_ROW;
  list_class->list_ids = cp_staff_model_list_ids;
  list_class->new_item = cp_staff_model_new_item;
  list_class->fetch_items = cp_staff_model_fetch_items;
}

static void
cp_staff_model_init (CpStaffModel *self)
{
  self->year = 2025;
  self->filter = CP_STAFF_FILTER_ALL;
  self->sort = CP_STAFF_SORT_NATURAL;
}

static void
list_request_free (ListRequest *request)
{
  g_free (request->db_path);
  g_free ((char *) request->filter.search);
  g_free (request);
}

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ListRequest *request = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (request->db_path != NULL)
    {
      g_autoptr (CpStore) store = cp_store_open (request->db_path, CP_STORE_OPEN_READ_ONLY,
                                                 &error);
      if (store == NULL
          || !cp_staff_store_list_ids (store, request->year, &request->filter, request->sort,
                                       request->descending, ids, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

/* Public API */

CpStaffModel *
cp_staff_model_new (void)
{
  return g_object_new (CP_TYPE_STAFF_MODEL, NULL);
}

void
cp_staff_model_set_year (CpStaffModel *self, int year)
{
  g_return_if_fail (CP_IS_STAFF_MODEL (self));
  self->year = year;
}

int
cp_staff_model_get_year (CpStaffModel *self)
{
  g_return_val_if_fail (CP_IS_STAFF_MODEL (self), 0);
  return self->year;
}

void
cp_staff_model_set_filter (CpStaffModel *self, const CpStaffFilter *filter)
{
  g_return_if_fail (CP_IS_STAFF_MODEL (self) && filter != NULL);

  g_free ((char *) self->filter.search);
  self->filter = *filter;
  self->filter.search = filter->search != NULL && *filter->search != '\0'
                            ? g_strdup (filter->search)
                            : NULL;
}

gboolean
cp_staff_model_column_sortable (CpRosterColumn column)
{
  return column < CP_N_ROSTER_COLUMNS && column_sorts[column] != CP_STAFF_SORT_NATURAL;
}

void
cp_staff_model_set_sort (CpStaffModel *self, CpRosterColumn column, gboolean descending)
{
  g_return_if_fail (CP_IS_STAFF_MODEL (self));

  self->sort = column < CP_N_ROSTER_COLUMNS ? column_sorts[column] : CP_STAFF_SORT_NATURAL;
  self->descending = self->sort != CP_STAFF_SORT_NATURAL && descending;
}

void
cp_staff_model_reload_async (CpStaffModel *self, const char *db_path,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CP_IS_STAFF_MODEL (self));

  ListRequest *request = g_new0 (ListRequest, 1);
  request->db_path = g_strdup (db_path);
  request->year = self->year;
  request->filter = self->filter;
  request->filter.search = g_strdup (self->filter.search);
  request->sort = self->sort;
  request->descending = self->descending;
  request->generation = ++self->generation;
  self->loading++;

  g_autoptr (GTask) task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, cp_staff_model_reload_async);
  g_task_set_task_data (task, request, (GDestroyNotify) list_request_free);
  g_task_run_in_thread (task, list_thread);
}

gboolean
cp_staff_model_reload_finish (CpStaffModel *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  GTask *task = G_TASK (result);
  ListRequest *request = g_task_get_task_data (task);
  g_autoptr (GError) failure = NULL;
  g_autoptr (GArray) ids = g_task_propagate_pointer (task, &failure);

  self->loading--;
  if (request->generation != self->generation)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "a later reading of the roster superseded this one");
      return FALSE;
    }
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cp_sql_list_model_set_ids (CP_SQL_LIST_MODEL (self), ids);
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  return TRUE;
}

gboolean
cp_staff_model_is_loading (CpStaffModel *self)
{
  g_return_val_if_fail (CP_IS_STAFF_MODEL (self), FALSE);
  return self->loading > 0;
}
