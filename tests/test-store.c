/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: opening, pragmas, bad files (empty, not regular, link loops, damaged, locked) and
 * their messages, read-only and newer files, per-year figures. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-store-private.h"
#include "cp-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->dir = cp_test_dir_make ("store");
  fx->path = g_build_filename (fx->dir, "test.db", NULL);
}

/* Removes the folder with whatever a test made in it, read-only files and folders included. */
static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  cp_test_dir_remove (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static char *
file_digest (const char *path)
{
  return cp_test_file_digest (path);
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

  g_assert_true (cp_region_store_upsert_township (store, &t, NULL));
  c.township_id = t.id;
  g_assert_true (cp_region_store_upsert_community (store, &c, 0, NULL));
  c.households = 200;
  c.population = 480;
  g_assert_true (cp_region_store_upsert_community (store, &c, 2024, NULL));
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
  g_assert_cmpint (sqlite3_exec (_cp_store_get_db (store), "PRAGMA user_version = 99", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_clear_pointer (&store, cp_store_free);
  g_autofree char *before = file_digest (fx->path);

  store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (cp_store_is_read_only (store));
  g_assert_nonnull (strstr (cp_store_read_only_reason (store), "newer"));
  /* Reading works; writing is refused with the reason. */
  g_assert_cmpint (cp_region_store_find_community (store, "001001", NULL), >, 0);
  CpTownship t = { .code = (char *) "002", .name = (char *) "长安街道" };
  g_assert_false (cp_region_store_upsert_township (store, &t, &error));
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
  g_assert_true (cp_region_store_get_community (store, id, 2025, &c, NULL));
  g_assert_cmpint (c.households, ==, 200);
  cp_community_clear (&c);
  CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                   .service_area_m2 = 90, .year = 2020 };
  g_assert_false (cp_facility_store_upsert (store, &f, &error));
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
  g_assert_cmpint (cp_region_store_find_community (reader, "001001", NULL), >, 0);
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
      g_assert_true (cp_region_store_get_community (store, id, cases[i].year, &c, NULL));
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
  g_assert_true (cp_facility_store_set_standards (store, &s, "测试", NULL));
  g_assert_true (cp_facility_store_get_standards (store, 2022, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 30);
  g_assert_true (cp_facility_store_get_standards (store, 2026, &s, &source, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 40);
  g_assert_cmpstr (source, ==, "测试");
  s.service_share_min = 2;
  g_assert_false (cp_facility_store_set_standards (store, &s, "坏", &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
}

/* Standards of 2026 (35 m²) in force until changed; 2028 changed to 40 m²: the years between
 * that had inherited them keep 35 when asked to, or take 40. */
static void
test_standards_keep_later_years (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_autofree char *source = NULL;
  int from = -1, next = -1;
  CpStandards s;

  cp_standards_init_default (&s, 2026);
  s.area_per_100_households_m2 = 35;
  g_assert_true (cp_facility_store_set_standards (store, &s, "2026年文件", NULL));
  g_assert_true (cp_facility_store_standards_span (store, 2025, &from, &next, NULL));
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (next, ==, 2026);
  g_assert_true (cp_facility_store_standards_span (store, 2027, &from, &next, NULL));
  g_assert_cmpint (from, ==, 2026);
  g_assert_cmpint (next, ==, 0);

  /* 2027 changed, the later years keep the old value: 2028 gets 2026's row. */
  s.year = 2027;
  s.area_per_100_households_m2 = 40;
  g_assert_true (cp_facility_store_set_standards_keeping (store, &s, "2027年文件", TRUE, NULL));
  g_assert_true (cp_facility_store_get_standards (store, 2027, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 40);
  g_assert_true (cp_facility_store_get_standards (store, 2031, &s, &source, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 35);
  g_assert_cmpstr (source, ==, "2026年文件");
  g_assert_true (cp_facility_store_standards_span (store, 2031, &from, &next, NULL));
  g_assert_cmpint (from, ==, 2028);
  g_assert_cmpint (next, ==, 0);

  /* 2029 changed, the later years take the new value: no row for 2030. */
  s.year = 2029;
  s.area_per_100_households_m2 = 45;
  g_assert_true (cp_facility_store_set_standards_keeping (store, &s, "2029年文件", FALSE, NULL));
  g_assert_true (cp_facility_store_get_standards (store, 2035, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 45);
  g_assert_true (cp_facility_store_get_standards (store, 2028, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 35);

  /* 2027 changed again, keeping: 2028 has a row of its own, nothing else written. */
  s.year = 2027;
  s.area_per_100_households_m2 = 50;
  g_assert_true (cp_facility_store_set_standards_keeping (store, &s, "再改", TRUE, NULL));
  g_assert_true (cp_facility_store_standards_span (store, 2027, &from, &next, NULL));
  g_assert_cmpint (from, ==, 2027);
  g_assert_cmpint (next, ==, 2028);
  g_assert_true (cp_facility_store_get_standards (store, 2028, &s, NULL, NULL));
  g_assert_cmpfloat (s.area_per_100_households_m2, ==, 35);
}

static void
test_constraints (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_autoptr (GError) error = NULL;
  gint64 id = add_community (store);
  sqlite3 *db = _cp_store_get_db (store);

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
  g_assert_false (cp_facility_store_upsert (store, &f, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_autoptr (GArray) list = cp_facility_store_list (store, id, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

/* The facility import writes with the schema's CHECK constraints off, relying on
 * cp_facility_validate(): whatever it accepts, the CHECKs must accept too. Each variant moves
 * one field to a boundary of the schema (resources/sql/001-initial.sql): just inside,
 * on it, and just outside. */
static void
test_validate_implies_checks (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  gint64 id = add_community (store);
  g_autofree char *name_100 = g_strnfill (100, 'x');
  g_autofree char *name_101 = g_strnfill (101, 'x');
  const double areas[] = { -0.1, 0, 0.05, 0.1, 999999.9, 1000000, 1000000.1, NAN, INFINITY };
  const gint64 offices[] = { -1, 0, 1000, 1001 };
  const int years[] = { 1948, 1949, 2100, 2101 };
  const char *names[] = { "", " ", "x", name_100, name_101 };
  GArray *variants = g_array_new (FALSE, FALSE, sizeof (CpFacility));
  guint accepted = 0;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    for (guint field = 0; field < 3; field++)
      {
        CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                         .service_area_m2 = 50, .year = 2020 };
        double *target[] = { &f.total_area_m2, &f.service_area_m2, &f.office_area_m2 };
        *target[field] = field == 0 ? areas[i] : areas[i] == 999999.9 ? 100.1 : areas[i];
        g_array_append_val (variants, f);
      }
  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                       .independent_offices = offices[i], .year = 2020 };
      g_array_append_val (variants, f);
    }
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      CpFacility f = { .community_id = id, .name = (char *) "中心", .total_area_m2 = 100,
                       .year = years[i] };
      g_array_append_val (variants, f);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CpFacility f = { .community_id = id, .name = (char *) names[i], .total_area_m2 = 100,
                       .year = 2020 };
      g_array_append_val (variants, f);
    }

  for (guint i = 0; i < variants->len; i++)
    {
      const CpFacility *f = &g_array_index (variants, CpFacility, i);
      g_autoptr (GError) error = NULL;
      if (!cp_facility_validate (f, NULL))
        continue;
      accepted++;
      /* With the constraints on, as every connection has them. */
      g_assert_true (cp_store_begin (store, NULL));
      gboolean written = cp_facility_store_import (store, f, 1, &error);
      cp_store_rollback (store);
      if (!written)
        g_error ("variant %u (total %g, service %g, office %g, offices %" G_GINT64_FORMAT
                 ", year %d, name “%s”) passes validation but not the schema: %s",
                 i, f->total_area_m2, f->service_area_m2, f->office_area_m2,
                 f->independent_offices, f->year, f->name, error->message);
    }
  /* Accepted, by hand: total 999999.9 and 1000000 (2); service 0, 0.05, 0.1 (3); office the
   * same (3); offices 0 and 1000 (2); years 1949 and 2100 (2); names "x" and 100 characters (2). */
  g_assert_cmpuint (accepted, ==, 14);
  g_array_unref (variants);
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

  g_assert_true (cp_facility_store_upsert (store, &f, NULL));
  gint64 first_id = f.id;
  /* The same name in the same community updates it. */
  f.id = 0;
  f.total_area_m2 = 500;
  g_assert_true (cp_facility_store_upsert (store, &f, NULL));
  g_assert_cmpint (f.id, ==, first_id);

  g_autoptr (GArray) list = cp_facility_store_list (store, id, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  CpFacility *read = &g_array_index (list, CpFacility, 0);
  g_assert_cmpstr (read->name, ==, "永安社区综合服务中心");
  g_assert_cmpfloat (read->total_area_m2, ==, 500);
  g_assert_cmpfloat (read->service_area_m2, ==, 400.2);
  g_assert_cmpint (read->provision, ==, CP_PROVISION_LEASE);
  g_assert_cmpint (read->independent_offices, ==, 1);
  g_assert_true (read->government_invested && read->age_friendly && !read->child_friendly);

  g_assert_true (cp_facility_store_delete (store, first_id, NULL));
  g_autoptr (GArray) empty = cp_facility_store_list (store, id, NULL);
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
  g_assert_cmpint (cp_region_store_find_community (copy, "001001", NULL), >, 0);
}

/* A message of the store: one line, SQLite's words only at the end, never SQL text. */
static void
assert_one_line_without_sql (const GError *error)
{
  g_assert_null (strchr (error->message, '\n'));
  for (const char *const *word = (const char *const[]){ "PRAGMA", "BEGIN", "CREATE TABLE",
                                                        "SELECT", "INSERT", NULL };
       *word != NULL; word++)
    g_assert_null (strstr (error->message, *word));
}

/* A planner database of one community, closed again (everything checkpointed into the file). */
static void
make_database (Fixture *fx)
{
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  g_assert_nonnull (store);
  add_community (store);
}

static void
test_zero_byte_file (Fixture *fx, gconstpointer data)
{
  static const CpStoreOpenFlags flags[] = { CP_STORE_OPEN_DEFAULT, CP_STORE_OPEN_READ_ONLY };
  GStatBuf st;

  g_assert_true (g_file_set_contents (fx->path, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CpStore) store = cp_store_open (fx->path, flags[i], &error);
      g_assert_null (store);
      g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, "is empty"));
      g_assert_nonnull (strstr (error->message, "community-planner init"));
      g_assert_nonnull (strstr (error->message, fx->path));
      assert_one_line_without_sql (error);
      g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
    }
  /* Creating (init, the window's New) may use it. */
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_store_get_schema_version (store), ==, CP_SCHEMA_VERSION);
}

static void
test_empty_sqlite_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  /* A valid SQLite file without a single table is not ours either (only CREATE sets it up). */
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autofree char *before = file_digest (fx->path);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "empty SQLite file"));
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_short_text_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Shorter than a page, SQLite would take it for an empty database and write over it. */
  g_assert_true (g_file_set_contents (fx->path, "x", 1, NULL));
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not an SQLite file"));
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (fx->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "x");
}

static void
test_not_a_regular_file (Fixture *fx, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (fx->dir, "pipe.db", NULL);
  g_autofree char *folder = g_build_filename (fx->dir, "folder.db", NULL);
  const struct
  {
    const char *path;
    const char *words;
  } cases[] = { { fifo, "not a regular file" },
                { folder, "is a folder" },
                { "/dev/zero", "not a regular file" } };

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (CpStoreOpenFlags flags = 0; flags <= CP_STORE_OPEN_READ_ONLY; flags++)
      {
        g_autoptr (GError) error = NULL;
        /* Opening a pipe for reading would wait for a writer forever: it must not be opened. */
        g_autoptr (CpStore) store = cp_store_open (cases[i].path, flags, &error);
        g_assert_null (store);
        g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
        g_assert_nonnull (strstr (error->message, cases[i].words));
        g_assert_nonnull (strstr (error->message, cases[i].path));
        assert_one_line_without_sql (error);
      }
  g_rmdir (folder);
}

static void
test_symlink_loop (Fixture *fx, gconstpointer data)
{
  g_autofree char *a = g_build_filename (fx->dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (fx->dir, "b.db", NULL);
  g_autofree char *dangling = g_build_filename (fx->dir, "dangling.db", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (symlink ("b.db", a), ==, 0);
  g_assert_cmpint (symlink ("a.db", b), ==, 0);
  g_assert_cmpint (symlink ("nowhere.db", dangling), ==, 0);
  g_autoptr (CpStore) store = cp_store_open (a, CP_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "loop of links"));
  g_assert_null (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  store = cp_store_open (dangling, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

static void
test_tables_without_version (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  make_database (fx);
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autofree char *before = file_digest (fx->path);

  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "has tables but no schema version"));
  assert_one_line_without_sql (error);
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

/* Overwrites @length bytes of the file at @offset with 0x55. */
static void
damage (const char *path, goffset offset, gsize length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >=, offset + length);
  memset (contents + offset, 0x55, length);
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
}

static void
test_damaged_first_page (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* The schema on page 1 overwritten behind the 100-byte header: the header still says SQLite. */
  make_database (fx);
  damage (fx->path, 100, 300);
  g_autofree char *before = file_digest (fx->path);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "cannot be read: the file is damaged"));
  g_assert_true (g_str_has_suffix (error->message, "(database disk image is malformed)"));
  assert_one_line_without_sql (error);
  g_autofree char *after = file_digest (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_middle (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *roots = NULL;
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (int));

  /* The schema's pages intact (it takes more than page 1), the root page of every table and
   * index overwritten: opening works, reading the rows fails. */
  make_database (fx);
  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE rootpage > 1",
                                       -1, &roots, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (roots) == SQLITE_ROW)
    {
      int page = sqlite3_column_int (roots, 0);
      g_array_append_val (pages, page);
    }
  sqlite3_finalize (roots);
  sqlite3_close (db);
  g_assert_cmpuint (pages->len, >, 0);
  for (guint i = 0; i < pages->len; i++)
    damage (fx->path, (goffset) (g_array_index (pages, int, i) - 1) * 4096, 4096);
  g_array_unref (pages);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_region_store_count_communities (store, &error), ==, -1);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_A_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read the communities: "));
  g_assert_nonnull (strstr (error->message, "the file is damaged"));
  g_assert_true (g_str_has_suffix (error->message, ")"));
  assert_one_line_without_sql (error);
}

static void
test_locked (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *other = NULL;

  make_database (fx);
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, NULL);
  /* Another connection writes; ours gives up at once instead of after the 5 s busy timeout. */
  g_assert_cmpint (sqlite3_open (fx->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (_cp_store_get_db (store), 1);

  CpTownship t = { .code = (char *) "002", .name = (char *) "长安街道",
                   .kind = CP_TOWNSHIP_SUBDISTRICT };
  g_assert_false (cp_region_store_upsert_township (store, &t, &error));
  g_assert_nonnull (strstr (error->message, "Cannot save the township: another program is using"));
  g_assert_nonnull (strstr (error->message, "Try again in a moment."));
  g_assert_true (g_str_has_suffix (error->message, "(database is locked)"));
  assert_one_line_without_sql (error);
  g_clear_error (&error);
  g_assert_false (cp_store_begin (store, &error));
  g_assert_true (g_str_has_prefix (error->message, "Cannot start writing to the database: "));
  assert_one_line_without_sql (error);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

static void
test_sql_never_shown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  const char *sql = "SELECT name FROM nowhere";

  /* A caller passing its SQL as "what" gets a phrase in its place. */
  g_assert_cmpint (sqlite3_exec (_cp_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_ERROR);
  g_assert_false (cp_store_set_sqlite_error (store, sql, &error));
  g_assert_true (g_str_has_prefix (error->message, "Cannot use the database: "));
  g_assert_true (g_str_has_suffix (error->message, "(no such table: nowhere)"));
  assert_one_line_without_sql (error);
}

/* Adding a facility under a name its community already has is refused and changes nothing; an
 * import's upsert of that name still updates it. */
static void
test_facility_insert_refuses_duplicate (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->path, CP_STORE_OPEN_CREATE, NULL);
  gint64 community = add_community (store);
  CpFacility f = { .community_id = community, .name = (char *) "永安社区综合服务中心",
                   .kind = CP_FACILITY_COMPREHENSIVE, .total_area_m2 = 300,
                   .service_area_m2 = 250, .status = CP_STATUS_IN_USE, .year = 2020 };

  g_assert_true (cp_facility_store_insert (store, &f, NULL));
  gint64 first = f.id;
  g_assert_cmpint (first, >, 0);

  CpFacility again = f;
  again.id = 0;
  again.total_area_m2 = 120;
  again.service_area_m2 = 100;
  g_assert_false (cp_facility_store_insert (store, &again, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A facility named “永安社区综合服务中心” already exists in 永安社区. Choose "
                   "another name, or edit that facility instead.");
  g_autoptr (GArray) facilities = cp_facility_store_list (store, community, NULL);
  g_assert_cmpuint (facilities->len, ==, 1);
  g_assert_cmpfloat (g_array_index (facilities, CpFacility, 0).total_area_m2, ==, 300);

  again.id = 0;
  g_assert_true (cp_facility_store_upsert (store, &again, NULL));
  g_assert_cmpint (again.id, ==, first);
}

/* A file that cannot be looked at (here a name too long for the file system) is a failure with
 * the system's reason, not "not found". */
static void
test_unreadable_path_is_not_not_found (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = g_strnfill (300, 'a');
  g_autofree char *path = g_build_filename (fx->dir, long_name, NULL);

  g_autoptr (CpStore) store = cp_store_open (path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, CP_ERROR, CP_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Cannot open “"));
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
  add_test ("/store/standards-keep-later-years", test_standards_keep_later_years);
  add_test ("/store/constraints", test_constraints);
  add_test ("/store/validate-implies-checks", test_validate_implies_checks);
  add_test ("/store/facility-round-trip", test_facility_round_trip);
  add_test ("/store/facility-insert-refuses-duplicate", test_facility_insert_refuses_duplicate);
  add_test ("/store/unreadable-path-is-not-not-found", test_unreadable_path_is_not_not_found);
  add_test ("/store/backup", test_backup);
  add_test ("/store/zero-byte-file", test_zero_byte_file);
  add_test ("/store/empty-sqlite-file", test_empty_sqlite_file);
  add_test ("/store/short-text-file", test_short_text_file);
  add_test ("/store/not-a-regular-file", test_not_a_regular_file);
  add_test ("/store/symlink-loop", test_symlink_loop);
  add_test ("/store/tables-without-version", test_tables_without_version);
  add_test ("/store/damaged-first-page", test_damaged_first_page);
  add_test ("/store/damaged-middle", test_damaged_middle);
  add_test ("/store/locked", test_locked);
  add_test ("/store/sql-never-shown", test_sql_never_shown);
  return g_test_run ();
}
