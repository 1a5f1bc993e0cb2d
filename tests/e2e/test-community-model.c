/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facility list's model over SQLite: filter, sort by every column in SQL, rows built from
 * pages, a row refreshed in place. No display needed. Figures from the 蛟河 sample (scale 1),
 * read off `community-planner check --json` by hand. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cp-community-model.h"
#include "cp-sample.h"

typedef struct
{
  char *dir;
  CpStore *store;
  CpCommunityModel *model;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("cp-model-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (f->dir, "sample.db", NULL);
  f->store = cp_store_open (path, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cp_sample_write (f->store, 1, NULL, &error));
  g_assert_no_error (error);
  f->model = cp_community_model_new ();
  cp_community_model_set_store (f->model, f->store);
  cp_community_model_set_year (f->model, 2025);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (cp_store_get_path (f->store));

  g_clear_object (&f->model);
  g_clear_pointer (&f->store, cp_store_free);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static CpCommunityRow *
row_at (Fixture *f, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (f->model), position);
}

/* Totals of the township and search; the rule filter in the store's query. Figures counted by
 * hand from `check --json --year 2025` of the sample: 290 communities, 56 falling short (18 on
 * the area, 16 property registration, 10 an independent office; 26 on either of the last two),
 * shortfalls 2,759.4 m²; 河南街道 (id 3) 6 communities, 5 falling short, 1,058.0 m². */
static void
test_failing_filter (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const CpCommunityTotals *totals = cp_community_model_get_totals (f->model);

  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 290);
  g_assert_cmpuint (totals->matched, ==, 290);
  g_assert_cmpuint (totals->compliant, ==, 234);
  g_assert_cmpuint (totals->failing, ==, 56);
  g_assert_cmpfloat_with_epsilon (totals->shortfall_m2, 2759.4, 1e-6);

  cp_community_model_set_failing (f->model, CP_ALL_RULES);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 56);
  g_assert_cmpuint (totals->matched, ==, 290);
  g_assert_cmpuint (totals->compliant, ==, 234);
  for (guint i = 0; i < 56; i++)
    {
      g_autoptr (CpCommunityRow) row = row_at (f, i);
      g_assert_false (cp_community_row_is_compliant (row));
    }

  cp_community_model_set_failing (f->model, 1u << CP_RULE_AREA);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 18);
  for (guint i = 0; i < 18; i++)
    {
      g_autoptr (CpCommunityRow) row = row_at (f, i);
      g_assert_true (CP_VIOLATES (cp_community_row_get_result (row)->violations, CP_RULE_AREA));
    }

  cp_community_model_set_failing (f->model, (1u << CP_RULE_REGISTERED) | (1u << CP_RULE_NO_OFFICE));
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 26);

  /* Sorted by shortfall, the filter still applies. */
  cp_community_model_set_sort (f->model, CP_COLUMN_SHORTFALL, TRUE);
  cp_community_model_set_failing (f->model, CP_ALL_RULES);
  cp_community_model_set_filter (f->model, 3, NULL);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 5);
  g_assert_cmpuint (totals->matched, ==, 6);
  g_assert_cmpuint (totals->compliant, ==, 1);
  g_assert_cmpuint (totals->failing, ==, 5);
  g_assert_cmpfloat_with_epsilon (totals->shortfall_m2, 1058.0, 1e-6);
  g_assert_no_error (error);
}

static void
test_filter (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 290);

  cp_community_model_set_filter (f->model, 0, "220281001002");
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  g_autoptr (CpCommunityRow) row = row_at (f, 0);
  const CpCommunityResult *result = cp_community_row_get_result (row);
  g_assert_cmpstr (cp_community_row_get_name (row), ==, "顺山社区");
  g_assert_cmpfloat_with_epsilon (result->required_area_m2, 242.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->actual_area_m2, 185.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->shortfall_m2, 56.9, 1e-9);
  g_assert_cmpuint (result->violations, ==, 1u << CP_RULE_AREA);

  /* LIKE's wildcards in the search are plain characters. */
  cp_community_model_set_filter (f->model, 0, "%");
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
}

static double
sort_value (CpCommunityRow *row, CpColumn column)
{
  const CpCommunityResult *result = cp_community_row_get_result (row);

  switch (column)
    {
    case CP_COLUMN_REQUIRED:
      return result->required_area_m2;
    case CP_COLUMN_ACTUAL:
      return result->actual_area_m2;
    case CP_COLUMN_SHORTFALL:
      return result->shortfall_m2;
    case CP_COLUMN_RESULT:
      return __builtin_popcount (result->violations);
    default:
      g_assert_not_reached ();
    }
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  for (CpColumn column = 0; column <= CP_N_COLUMNS; column++)
    for (int descending = 0; descending < 2; descending++)
      {
        cp_community_model_set_sort (f->model, column, descending);
        g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 290);
        if (column < CP_COLUMN_REQUIRED || column == CP_N_COLUMNS)
          continue;
        for (guint i = 1; i < 290; i++)
          {
            g_autoptr (CpCommunityRow) a = row_at (f, i - 1);
            g_autoptr (CpCommunityRow) b = row_at (f, i);
            if (descending)
              g_assert_cmpfloat (sort_value (a, column), >=, sort_value (b, column));
            else
              g_assert_cmpfloat (sort_value (a, column), <=, sort_value (b, column));
          }
      }
  /* The largest shortfall of the sample first. */
  cp_community_model_set_sort (f->model, CP_COLUMN_SHORTFALL, TRUE);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_autoptr (CpCommunityRow) first = row_at (f, 0);
  g_assert_cmpfloat (cp_community_row_get_result (first)->shortfall_m2, >, 0);
  /* Compliant ones first when sorted by result. */
  cp_community_model_set_sort (f->model, CP_COLUMN_RESULT, FALSE);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_autoptr (CpCommunityRow) top = row_at (f, 0);
  g_autoptr (CpCommunityRow) bottom = row_at (f, 289);
  g_assert_true (cp_community_row_is_compliant (top));
  g_assert_false (cp_community_row_is_compliant (bottom));
}

static void
test_refresh (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  cp_community_model_set_filter (f->model, 0, "220281001002");
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_autoptr (CpCommunityRow) row = row_at (f, 0);
  CpFacility facility = {
    .community_id = cp_community_row_get_id (row),
    .name = (char *) "新建综合服务中心",
    .kind = CP_FACILITY_COMPREHENSIVE,
    .total_area_m2 = 60.0,
    .service_area_m2 = 50.0,
    .provision = CP_PROVISION_NEW,
    .status = CP_STATUS_IN_USE,
    .year = 2025,
  };
  g_assert_true (cp_facility_store_upsert (f->store, &facility, &error));
  g_assert_true (cp_sql_list_model_refresh (CP_SQL_LIST_MODEL (f->model), facility.community_id,
                                            &error));
  g_assert_no_error (error);
  g_autoptr (CpCommunityRow) again = row_at (f, 0);
  /* The same object, now 185.5 + 60.0 = 245.5 m² against 242.4 m². */
  g_assert_true (again == row);
  g_assert_cmpfloat_with_epsilon (cp_community_row_get_result (row)->actual_area_m2, 245.5, 1e-9);
  g_assert_true (cp_community_row_is_compliant (row));

  /* The totals above the list are counted again (they said 0 compliant, 1 short, 56.9 m²). */
  const CpCommunityTotals *totals = cp_community_model_get_totals (f->model);
  g_assert_cmpuint (totals->failing, ==, 1);
  g_assert_true (cp_community_model_recount (f->model, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (totals->matched, ==, 1);
  g_assert_cmpuint (totals->compliant, ==, 1);
  g_assert_cmpuint (totals->failing, ==, 0);
  g_assert_cmpfloat_with_epsilon (totals->shortfall_m2, 0.0, 1e-9);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
}

static void
on_fetch_failed (CpSqlListModel *model, const GError *error, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_nonnull (error);
  (*calls)++;
}

/* A page that cannot be read (another program dropped the facilities) is not only logged: the
 * list says so with "fetch-failed", and keeps the error; the rows stay, empty. */
static void
test_fetch_failed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint calls = 0;
  sqlite3 *db = NULL;

  g_signal_connect (f->model, "fetch-failed", G_CALLBACK (on_fetch_failed), &calls);
  g_assert_true (cp_sql_list_model_reload (CP_SQL_LIST_MODEL (f->model), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), >, 0);

  g_assert_cmpint (sqlite3_open (cp_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE facility", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_autoptr (CpCommunityRow) row = row_at (f, 0);
  g_assert_nonnull (row);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_nonnull (cp_sql_list_model_get_fetch_error (CP_SQL_LIST_MODEL (f->model)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/community-model/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);
  g_test_add ("/community-model/failing-filter", Fixture, NULL, fixture_set_up,
              test_failing_filter, fixture_tear_down);
  g_test_add ("/community-model/sort", Fixture, NULL, fixture_set_up, test_sort,
              fixture_tear_down);
  g_test_add ("/community-model/fetch-failed", Fixture, NULL, fixture_set_up, test_fetch_failed,
              fixture_tear_down);
  g_test_add ("/community-model/refresh", Fixture, NULL, fixture_set_up, test_refresh,
              fixture_tear_down);
  return g_test_run ();
}
