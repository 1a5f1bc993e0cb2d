/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-community-model.h"

#define PAGE_SIZE 256
/* Pages kept; the view needs two or three at a time. */
#define MAX_PAGES 16

struct _CpCommunityModel
{
  GObject parent_instance;

  CpStore *store; /* borrowed */
  int year;
  CpStandards standards;
  gint64 township_id;
  char *pattern; /* LIKE pattern of the search, or NULL */
  CpColumn sort_column;
  gboolean descending;

  GArray *ids;       /* gint64 community ids, in list order */
  GHashTable *pages; /* page number → GPtrArray of CpCommunityRow */
};

static void cp_community_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpCommunityModel, cp_community_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cp_community_model_list_model_init))

/* Households in year ?1: the latest figure at or before it. */
#define HOUSEHOLDS_SQL                                                                             \
  "coalesce((SELECT households FROM community_year y WHERE y.community_id = c.id"                  \
  " AND y.year <= ?1 ORDER BY y.year DESC LIMIT 1), 0)"
#define REQUIRED_SQL "round(?4 * " HOUSEHOLDS_SQL " / 100.0, 1)"
#define ACTUAL_SQL "round(coalesce(f.area, 0), 1)"

/* What each column sorts by; the rule itself is decided by cp_rules_check() through the
 * cp_result_rank() SQL function registered on the connection. */
static const struct
{
  const char *expression;
  gboolean needs_tally;
} sort_keys[CP_N_COLUMNS] = {
  [CP_COLUMN_CODE] = { "c.code", FALSE },
  [CP_COLUMN_TOWNSHIP] = { "t.code", FALSE },
  [CP_COLUMN_NAME] = { "c.name", FALSE },
  [CP_COLUMN_KIND] = { "c.kind", FALSE },
  [CP_COLUMN_HOUSEHOLDS] = { HOUSEHOLDS_SQL, FALSE },
  [CP_COLUMN_REQUIRED] = { REQUIRED_SQL, FALSE },
  [CP_COLUMN_ACTUAL] = { ACTUAL_SQL, TRUE },
  [CP_COLUMN_SHORTFALL] = { "max(0, round(" REQUIRED_SQL " - " ACTUAL_SQL ", 1))", TRUE },
  [CP_COLUMN_RESULT] = { "cp_result_rank(c.kind = 'rural', c.relocation_site, " HOUSEHOLDS_SQL
                         ", coalesce(f.counted, 0), coalesce(f.area, 0), f.smallest, f.share,"
                         " coalesce(f.offices, 0), coalesce(f.unregistered, 0))",
                         TRUE },
};

#define SNAPSHOT_FROM "FROM community c JOIN township t ON t.id = c.township_id "
#define SNAPSHOT_TALLY "LEFT JOIN tally f ON f.community_id = c.id "
#define SNAPSHOT_WHERE                                                                             \
  "WHERE (?2 = 0 OR c.township_id = ?2) AND (?3 IS NULL OR c.code LIKE ?3 ESCAPE '\\' "            \
  "OR c.name LIKE ?3 ESCAPE '\\') "

static const char page_sql[]
    = "WITH ids AS (SELECT key AS pos, value AS id FROM json_each(?2)), "
      "tally AS (" CP_CHECK_TALLY_SQL " AND community_id IN (SELECT id FROM ids)"
      " GROUP BY community_id) "
      "SELECT ids.pos, c.id, c.code, c.name, t.code, t.name, c.kind, c.relocation_site, "
      "       coalesce((SELECT households FROM community_year y WHERE y.community_id = c.id"
      "                 AND y.year <= ?1 ORDER BY y.year DESC LIMIT 1), 0),"
      "       f.counted, f.area, f.smallest, f.share, f.offices, f.unregistered "
      "FROM ids JOIN community c ON c.id = ids.id JOIN township t ON t.id = c.township_id "
      "LEFT JOIN tally f ON f.community_id = c.id ORDER BY ids.pos";

/* Auxiliary functions */

/* cp_result_rank(rural, relocation, households, counted, area, smallest, share, offices,
 * unregistered): the number of broken rules × 256 + the set of them, so that compliant
 * communities sort first and the same failures sort together. */
static void
result_rank_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const CpStandards *standards = sqlite3_user_data (context);
  CpFacilityTally tally;
  CpCommunityResult result;

  cp_facility_tally_init (&tally);
  tally.counted = sqlite3_value_int (argv[3]);
  tally.area_m2 = sqlite3_value_double (argv[4]);
  if (tally.counted > 0)
    {
      tally.smallest_area_m2 = sqlite3_value_double (argv[5]);
      tally.lowest_service_share = sqlite3_value_double (argv[6]);
    }
  tally.independent_offices = sqlite3_value_int64 (argv[7]);
  tally.unregistered = sqlite3_value_int (argv[8]);
  cp_rules_check (sqlite3_value_int (argv[0]) ? CP_COMMUNITY_RURAL : CP_COMMUNITY_URBAN,
                  sqlite3_value_int (argv[1]) != 0, sqlite3_value_int64 (argv[2]), &tally,
                  standards, &result);
  sqlite3_result_int (context, __builtin_popcount (result.violations) * 256 + (int) result.violations);
}

static void
register_functions (CpCommunityModel *self, gboolean add)
{
  if (self->store == NULL)
    return;
  sqlite3_create_function_v2 (cp_store_get_db (self->store), "cp_result_rank", 9,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, &self->standards,
                              add ? result_rank_func : NULL, NULL, NULL, NULL);
}

static char *
like_pattern (const char *search)
{
  if (search == NULL || *search == '\0')
    return NULL;
  GString *pattern = g_string_new ("%");
  for (const char *p = search; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static char *
snapshot_sql (CpColumn column, gboolean descending)
{
  if (column >= CP_N_COLUMNS)
    return g_strdup ("SELECT c.id " SNAPSHOT_FROM SNAPSHOT_WHERE "ORDER BY t.code, c.code");
  /* Composed of the fixed fragments above only; every value is bound. */
  return g_strconcat (sort_keys[column].needs_tally
                          ? "WITH tally AS (" CP_CHECK_TALLY_SQL " GROUP BY community_id) "
                          : "",
                      "SELECT c.id " SNAPSHOT_FROM,
                      sort_keys[column].needs_tally ? SNAPSHOT_TALLY : "", SNAPSHOT_WHERE,
                      "ORDER BY ", sort_keys[column].expression,
                      descending ? " DESC" : " ASC", ", t.code, c.code", NULL);
}

static char *
ids_json (CpCommunityModel *self, guint first, guint n)
{
  GString *json = g_string_sized_new (n * 8 + 2);
  g_string_append_c (json, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (self->ids, gint64, first + i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static void
read_page_row (CpCommunityModel *self, sqlite3_stmt *stmt, CpCommunityRow *row)
{
  CpCheckRow check = {
    .id = sqlite3_column_int64 (stmt, 1),
    .code = (const char *) sqlite3_column_text (stmt, 2),
    .name = (const char *) sqlite3_column_text (stmt, 3),
    .township_code = (const char *) sqlite3_column_text (stmt, 4),
    .township = (const char *) sqlite3_column_text (stmt, 5),
    .kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "rural") == 0
                ? CP_COMMUNITY_RURAL
                : CP_COMMUNITY_URBAN,
    .relocation_site = sqlite3_column_int (stmt, 7) != 0,
    .households = sqlite3_column_int64 (stmt, 8),
  };
  cp_check_read_tally (stmt, 9, &check.tally);
  cp_rules_check (check.kind, check.relocation_site, check.households, &check.tally,
                  &self->standards, &check.result);
  cp_community_row_update (row, &check);
}

/* Reads rows [first, first + n) of the snapshot into @rows (one per position). */
static gboolean
fetch_rows (CpCommunityModel *self, guint first, guint n, GPtrArray *rows, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare (self->store, page_sql, error);
  if (stmt == NULL)
    return FALSE;

  g_autofree char *json = ids_json (self, first, n);
  sqlite3_bind_int (stmt, 1, self->year);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint pos = sqlite3_column_int (stmt, 0);
      if (pos < rows->len)
        read_page_row (self, stmt, g_ptr_array_index (rows, pos));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (self->store, _("Cannot read the communities"), error);
  return TRUE;
}

static GPtrArray *
load_page (CpCommunityModel *self, guint page)
{
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, cp_community_row_new (g_array_index (self->ids, gint64, first + i)));
  if (!fetch_rows (self, first, n, rows, &error))
    g_warning ("%s", error->message);

  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  return rows;
}

/* GListModel implementation */

static GType
cp_community_model_get_item_type (GListModel *model)
{
  return CP_TYPE_COMMUNITY_ROW;
}

static guint
cp_community_model_get_n_items (GListModel *model)
{
  return CP_COMMUNITY_MODEL (model)->ids->len;
}

static gpointer
cp_community_model_get_item (GListModel *model, guint position)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (model);

  if (position >= self->ids->len)
    return NULL;
  guint page = position / PAGE_SIZE;
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
cp_community_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cp_community_model_get_item_type;
  iface->get_n_items = cp_community_model_get_n_items;
  iface->get_item = cp_community_model_get_item;
}

/* GObject overrides */

static void
cp_community_model_dispose (GObject *object)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (object);

  register_functions (self, FALSE);
  self->store = NULL;
  g_hash_table_remove_all (self->pages);
  G_OBJECT_CLASS (cp_community_model_parent_class)->dispose (object);
}

static void
cp_community_model_finalize (GObject *object)
{
  CpCommunityModel *self = CP_COMMUNITY_MODEL (object);

  g_free (self->pattern);
  g_array_unref (self->ids);
  g_hash_table_unref (self->pages);
  G_OBJECT_CLASS (cp_community_model_parent_class)->finalize (object);
}

static void
cp_community_model_class_init (CpCommunityModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_community_model_dispose;
  object_class->finalize = cp_community_model_finalize;
}

static void
cp_community_model_init (CpCommunityModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->sort_column = CP_N_COLUMNS;
  self->year = 2025;
  cp_standards_init_default (&self->standards, self->year);
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

  register_functions (self, FALSE);
  self->store = store;
  register_functions (self, TRUE);
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
  g_free (self->pattern);
  self->pattern = like_pattern (search);
}

void
cp_community_model_set_sort (CpCommunityModel *self, CpColumn column, gboolean descending)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));

  self->sort_column = column;
  self->descending = descending;
}

static gboolean
query_ids (CpCommunityModel *self, GArray *ids, GError **error)
{
  if (!cp_store_get_standards (self->store, self->year, &self->standards, NULL, error))
    return FALSE;
  g_autofree char *sql = snapshot_sql (self->sort_column, self->descending);
  sqlite3_stmt *stmt = cp_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, self->year);
  sqlite3_bind_int64 (stmt, 2, self->township_id);
  sqlite3_bind_text (stmt, 3, self->pattern, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, self->standards.area_per_100_households_m2);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (self->store, _("Cannot list the communities"), error);
  return TRUE;
}

gboolean
cp_community_model_reload (CpCommunityModel *self, GError **error)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_MODEL (self), FALSE);

  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = self->store == NULL || query_ids (self, ids, error);
  guint removed = self->ids->len;

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->pages);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  return ok;
}

void
cp_community_model_refresh (CpCommunityModel *self, gint64 community_id)
{
  g_return_if_fail (CP_IS_COMMUNITY_MODEL (self));

  guint position = cp_community_model_find (self, community_id);
  if (position == G_MAXUINT)
    return;
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  if (rows == NULL)
    return;
  /* Same object, new figures: a selection of it stays. */
  g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE)));
  g_autoptr (GError) error = NULL;
  if (!fetch_rows (self, position, 1, one, &error))
    g_warning ("%s", error->message);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
cp_community_model_find (CpCommunityModel *self, gint64 community_id)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == community_id)
      return i;
  return G_MAXUINT;
}

const CpStandards *
cp_community_model_get_standards (CpCommunityModel *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_MODEL (self), NULL);
  return &self->standards;
}
