/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-sql-list-model.h"

#define PAGE_SIZE 256
/* Pages kept; a view needs two or three at a time. */
#define MAX_PAGES 16

typedef struct
{
  CpStore *store;    /* borrowed */
  GArray *ids;       /* gint64, in list order */
  GHashTable *pages; /* page number → GPtrArray of items */
  GError *fetch_error;
} CpSqlListModelPrivate;

enum
{
  SIGNAL_FETCH_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void cp_sql_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (CpSqlListModel, cp_sql_list_model, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (CpSqlListModel)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                cp_sql_list_model_list_model_init))

/* Auxiliary functions */

static GPtrArray *
load_page (CpSqlListModel *self, guint page)
{
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  CpSqlListModelClass *klass = CP_SQL_LIST_MODEL_GET_CLASS (self);
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, priv->ids->len - first);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);
  const gint64 *ids = &g_array_index (priv->ids, gint64, first);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, klass->new_item (self, ids[i]));
  if (priv->store != NULL && !klass->fetch_items (self, priv->store, ids, n, items, &error))
    {
      g_clear_error (&priv->fetch_error);
      priv->fetch_error = g_steal_pointer (&error);
      g_signal_emit (self, signals[SIGNAL_FETCH_FAILED], 0, priv->fetch_error);
    }

  if (g_hash_table_size (priv->pages) >= MAX_PAGES)
    g_hash_table_remove_all (priv->pages);
  g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page), items);
  return items;
}

/* GListModel implementation */

static GType
cp_sql_list_model_get_item_type (GListModel *model)
{
  return CP_SQL_LIST_MODEL_GET_CLASS (model)->item_type;
}

static guint
cp_sql_list_model_get_n_items (GListModel *model)
{
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (CP_SQL_LIST_MODEL (model));

  return priv->ids->len;
}

static gpointer
cp_sql_list_model_get_item (GListModel *model, guint position)
{
  CpSqlListModel *self = CP_SQL_LIST_MODEL (model);
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);

  if (position >= priv->ids->len)
    return NULL;
  guint page = position / PAGE_SIZE;
  GPtrArray *items = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = load_page (self, page);
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
cp_sql_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cp_sql_list_model_get_item_type;
  iface->get_n_items = cp_sql_list_model_get_n_items;
  iface->get_item = cp_sql_list_model_get_item;
}

/* GObject overrides */

static void
cp_sql_list_model_dispose (GObject *object)
{
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (CP_SQL_LIST_MODEL (object));

  priv->store = NULL;
  g_hash_table_remove_all (priv->pages);
  G_OBJECT_CLASS (cp_sql_list_model_parent_class)->dispose (object);
}

static void
cp_sql_list_model_finalize (GObject *object)
{
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (CP_SQL_LIST_MODEL (object));

  g_array_unref (priv->ids);
  g_hash_table_unref (priv->pages);
  g_clear_error (&priv->fetch_error);
  G_OBJECT_CLASS (cp_sql_list_model_parent_class)->finalize (object);
}

static void
cp_sql_list_model_class_init (CpSqlListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_sql_list_model_dispose;
  object_class->finalize = cp_sql_list_model_finalize;
  klass->item_type = G_TYPE_OBJECT;

  signals[SIGNAL_FETCH_FAILED]
      = g_signal_new ("fetch-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cp_sql_list_model_init (CpSqlListModel *self)
{
  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

/* Public API */

void
cp_sql_list_model_set_store (CpSqlListModel *self, CpStore *store)
{
  g_return_if_fail (CP_IS_SQL_LIST_MODEL (self));

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  priv->store = store;
  g_hash_table_remove_all (priv->pages);
}

CpStore *
cp_sql_list_model_get_store (CpSqlListModel *self)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), NULL);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  return priv->store;
}

gboolean
cp_sql_list_model_reload (CpSqlListModel *self, GError **error)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), FALSE);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = priv->store == NULL
                || CP_SQL_LIST_MODEL_GET_CLASS (self)->list_ids (self, priv->store, ids, error);
  guint removed = priv->ids->len;

  if (!ok)
    g_array_set_size (ids, 0);
  g_array_unref (priv->ids);
  priv->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (priv->pages);
  g_clear_error (&priv->fetch_error);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, priv->ids->len);
  return ok;
}

void
cp_sql_list_model_set_ids (CpSqlListModel *self, GArray *ids)
{
  g_return_if_fail (CP_IS_SQL_LIST_MODEL (self) && ids != NULL);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  guint removed = priv->ids->len;

  g_array_unref (priv->ids);
  priv->ids = g_array_ref (ids);
  g_hash_table_remove_all (priv->pages);
  g_clear_error (&priv->fetch_error);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, priv->ids->len);
}

gboolean
cp_sql_list_model_refresh (CpSqlListModel *self, gint64 id, GError **error)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), FALSE);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  guint position = cp_sql_list_model_find (self, id);
  if (position == G_MAXUINT || priv->store == NULL)
    return TRUE;
  GPtrArray *items = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  if (items == NULL)
    return TRUE;
  /* Same object, new figures. */
  g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE)));
  gboolean ok = CP_SQL_LIST_MODEL_GET_CLASS (self)->fetch_items (self, priv->store, &id, 1, one,
                                                                 error);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  return ok;
}

guint
cp_sql_list_model_find (CpSqlListModel *self, gint64 id)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), G_MAXUINT);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  for (guint i = 0; i < priv->ids->len; i++)
    if (g_array_index (priv->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

GArray *
cp_sql_list_model_dup_sorted_ids (CpSqlListModel *self)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), NULL);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), priv->ids->len);
  g_array_append_vals (ids, priv->ids->data, priv->ids->len);
  g_array_sort (ids, compare_ids);
  return ids;
}

const GError *
cp_sql_list_model_get_fetch_error (CpSqlListModel *self)
{
  g_return_val_if_fail (CP_IS_SQL_LIST_MODEL (self), NULL);

  CpSqlListModelPrivate *priv = cp_sql_list_model_get_instance_private (self);
  return priv->fetch_error;
}
