/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: opening, pragmas, bad files, read-only and newer files, per-year figures. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cp-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->dir = g_dir_make_tmp ("cp-store-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_chmod (path, 0644);
      g_remove (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
pragma_int (CpStore *store, const char *sql)
{
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A township "001" with community "001001" (households 100 from the start, 200 from 2024). */
static gint64
add_community (CpStore *store)
{
  CpTownship t = { .code = (char *) "001", .name = (char *) "民主街道",
                   .kind = CP_TOWNSHIP_SUBDISTRICT };
  CpCommunity c = { .code = (char *) "001001", .name = (char *) "永安社区",
                    .kind = CP_COMMUNITY_URBAN, .households = 100, .population = 250 };

  g_assert_true (cp_store_upsert_township (store, &t, NULL));
  c.township_id = t.id;
  g_assert_true (cp_store_upsert_community (store, &c, 0, NULL));
  c.households = 200;
  c.population = 480;
  g_assert_true (cp_store_upsert_community (store, &c, 2024, NULL));
  return c.id;
}

static void
test_create_and_pragmas (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_false (cp_store_is_read_only (store));
  g_assert_cmpint (cp_store_get_schema_version (store), ==, CP_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 1); /* NORMAL */
  g_assert_cmpint (pragma_int (store, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpint (pragma_int (store, "PRAGMA application_id"), ==, CP_APPLICATION_ID);
  sqlite3_stmt *stmt = cp_store_prepare (store, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
}

static void
test_missing_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char text[] = "代码,名称\n001,民主街道\n";

  g_assert_true (g_file_set_contents (fx->path, text, -1, NULL));
  g_autofree char *before = file_digest (fx->path);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, fx->path));
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_database (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  char bytes[4096];

  /* A valid header followed by garbage: SQLite says "not a database" on the first read. */
  memset (bytes, 0x5a, sizeof bytes);
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (fx->path, bytes, sizeof bytes, NULL));
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
}

static void
test_other_program_database (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
}

static void
test_newer_schema (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);

  add_community (store);
  g_assert_cmpint (sqlite3_exec (cp_store_get_db (store), "PRAGMA user_version = 99", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_clear_pointer (&store, cp_store_free);
  g_autofree char *before = file_digest (fx->path);

  store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (cp_store_is_read_only (store));
  g_assert_nonnull (strstr (cp_store_read_only_reason (store), "newer"));
  /* Reading works; writing is refused with the reason. */
  g_assert_cmpint (cp_store_find_community (store, "001001"), >, 0);
  CpTownship t = { .code = (char *) "002", .name = (char *) "长安街道" };
  g_assert_false (cp_store_upsert_township (store, &t, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
  g_clear_pointer (&store, cp_store_free);
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);

  gint64 id = add_community (store);
  g_clear_pointer (&store, cp_store_free);
  g_assert_cmpint (g_chmod (fx->path, 0444), ==, 0);
  g_autofree char *before = file_digest (fx->path);

  store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (cp_store_is_read_only (store));
  g_assert_nonnull (strstr (cp_store_read_only_reason (store), "read-only"));
  CpCommunity c = { 0 };
  g_assert_true (cp_store_get_community (store, id, 2025, &c, NULL));
  g_assert_cmpint (c.households, ==, 200);
  cp_community_clear (&c);
  CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                   .service_area_m2 = 90, .year = 2020 };
  g_assert_false (cp_store_upsert_facility (store, &f, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
  g_clear_pointer (&store, cp_store_free);
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_sees_live_changes (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) writer = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);

  /* The writer keeps its pages in the WAL; a reader beside it (a worker thread of the window)
   * must see them, not the empty main file. */
  add_community (writer);
  g_autoptr (CpStore) reader = cp_store_open (fx->path, CP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (cp_store_is_read_only (reader));
  g_assert_cmpint (cp_store_get_schema_version (reader), ==, CP_SCHEMA_VERSION);
  g_assert_cmpint (cp_store_find_community (reader, "001001"), >, 0);
}

static void
test_households_by_year (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  gint64 id = add_community (store);
  const struct
  {
    int year;
    gint64 households;
  } cases[] = { { 2000, 100 }, { 2023, 100 }, { 2024, 200 }, { 2030, 200 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CpCommunity c = { 0 };
      g_assert_true (cp_store_get_community (store, id, cases[i].year, &c, NULL));
      g_assert_cmpint (c.households, ==, cases[i].households);
      cp_community_clear (&c);
    }
}

static void
test_standards_by_year (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *source = NULL;
  CpStandards s;

  cp_standards_init_default (&s, 2023);
  s.area_per_100_households_m2 = 40;
  g_assert_true (cp_store_set_standards (store, &s, "测试", NULL));
  g_assert_true (cp_store_get_standards (store, 2022, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 30);
  g_assert_true (cp_store_get_standards (store, 2026, &s, &source, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 40);
  g_assert_cmpstr (source, ==, "测试");
  s.service_share_min = 2;
  g_assert_false (cp_store_set_standards (store, &s, "坏", &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
}

static void
test_constraints (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_autoptr (GError) error = NULL;
  gint64 id = add_community (store);
  sqlite3 *db = cp_store_get_db (store);

  /* The table's CHECK refuses what slips past the C validation; foreign keys are on. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO facility (community_id, name, kind, total_area_m2, "
                                 "service_area_m2, provision, status, year) VALUES (1, 'x', "
                                 "'comprehensive', -1, 0, 'new', 'in_use', 2020)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO facility (community_id, name, kind, total_area_m2, "
                                 "service_area_m2, provision, status, year) VALUES (999, 'x', "
                                 "'comprehensive', 10, 0, 'new', 'in_use', 2020)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                   .service_area_m2 = 120, .year = 2020 };
  g_assert_false (cp_store_upsert_facility (store, &f, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_autoptr (GArray) list = cp_store_list_facilities (store, id, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_facility_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  gint64 id = add_community (store);
  CpFacility f = { .community_id = id, .name = (char *) "永安社区综合服务中心",
                   .kind = CP_FACILITY_COMPREHENSIVE, .total_area_m2 = 450.5,
                   .service_area_m2 = 400.2, .office_area_m2 = 30, .independent_offices = 1,
                   .provision = CP_PROVISION_LEASE, .status = CP_STATUS_IN_USE, .year = 2019,
                   .government_invested = TRUE, .age_friendly = TRUE };

  g_assert_true (cp_store_upsert_facility (store, &f, NULL));
  gint64 first_id = f.id;
  /* The same name in the same community updates it. */
  f.id = 0;
  f.total_area_m2 = 500;
  g_assert_true (cp_store_upsert_facility (store, &f, NULL));
  g_assert_cmpint (f.id, ==, first_id);

  g_autoptr (GArray) list = cp_store_list_facilities (store, id, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  CpFacility *read = &g_array_index (list, CpFacility, 0);
  g_assert_cmpstr (read->name, ==, "永安社区综合服务中心");
  g_assert_cmpfloat (read->total_area_m2, ==, 500);
  g_assert_cmpfloat (read->service_area_m2, ==, 400.2);
  g_assert_cmpint (read->provision, ==, CP_PROVISION_LEASE);
  g_assert_cmpint (read->independent_offices, ==, 1);
  g_assert_true (read->government_invested && read->age_friendly && !read->child_friendly);

  g_assert_true (cp_store_delete_facility (store, first_id, NULL));
  g_autoptr (GArray) empty = cp_store_list_facilities (store, id, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_backup (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_autofree char *copy_path = g_build_filename (fx->dir, "copy.db", NULL);

  add_community (store);
  g_assert_true (cp_store_backup (store, copy_path, NULL));
  g_autoptr (CpStore) copy = cp_store_open (copy_path, CP_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (copy);
  g_assert_cmpint (cp_store_find_community (copy, "001001"), >, 0);
}

static void
add_test (const char *path, void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add_test ("/store/create-and-pragmas", test_create_and_pragmas);
  add_test ("/store/missing-file", test_missing_file);
  add_test ("/store/not-a-database", test_not_a_database);
  add_test ("/store/damaged-database", test_damaged_database);
  add_test ("/store/other-program-database", test_other_program_database);
  add_test ("/store/newer-schema", test_newer_schema);
  add_test ("/store/read-only-file", test_read_only_file);
  add_test ("/store/read-only-sees-live-changes", test_read_only_sees_live_changes);
  add_test ("/store/households-by-year", test_households_by_year);
  add_test ("/store/standards-by-year", test_standards_by_year);
  add_test ("/store/constraints", test_constraints);
  add_test ("/store/facility-round-trip", test_facility_round_trip);
  add_test ("/store/backup", test_backup);
  return g_test_run ();
}
