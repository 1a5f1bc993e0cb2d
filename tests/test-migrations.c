/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schema migrations. The store's own source is compiled into this test with its target version a
 * variable and its migrations read from a test resource (tests/migrations/): the program's own
 * SQL files and a schema 4 that exists only here, so nothing of it ships. A copy of
 * tests/data/schema-1.db (made by the program at schema 1, from the fixture-*.csv files) or of
 * tests/data/schema-2.db (the same file taken to schema 2 by 002-staff.sql) is migrated:
 *   real 002, 003: to schema 3 (the program's): a backup "FILE.v1.bak" holds the original's data,
 *             every schema-1 table reads the same, the staff tables are there and empty, every
 *             facility has no closing year, and the schema is the one a new file gets;
 *   real 003: a schema-2 file to 3, its backup "FILE.v2.bak" at schema 2 with the same data;
 *   good 004: the file is at schema 4 (through 2 and 3), the backup holds the original's data,
 *             and every schema-1 table reads the same after the migration;
 *   bad 004:  it changes data, then fails: the open fails with a message, the original file keeps
 *             the same bytes (002 and 003 are undone with it: one transaction), and the backup
 *             holds the same data as the original. */
#include "cp-store.h"

/* The version the store migrates to: 4 (the test's), or 3 (the program's). */
static int test_schema_version = 4;

#undef CP_SCHEMA_VERSION
#define CP_SCHEMA_VERSION test_schema_version
#define CP_STORE_TEST_MIGRATIONS "004-test.sql"
#define cp_core_get_resource cp_test_migrations_get_resource

#include "cp-store.c"

#include "cp-test-utils.h"
#include "test-migrations-bad.h"
#include "test-migrations-good.h"

static GResource *migrations;

GResource *
cp_test_migrations_get_resource (void)
{
  return migrations;
}

static int
db_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every table of @reference (its columns only), read from @path as text. */
/* Reads @path as it lies: no -wal or -shm is made beside it (the reference is the tracked
 * fixture in tests/data, which must stay as committed). */
static sqlite3 *
open_unchanging (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  return db;
}

static char *
dump (const char *path, const char *reference)
{
  sqlite3 *db = NULL, *ref = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  db = open_unchanging (path);
  ref = open_unchanging (reference);
  g_assert_cmpint (sqlite3_prepare_v2 (ref,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
      g_autoptr (GString) columns = g_string_new (NULL);
      sqlite3_stmt *info = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (ref, info_sql, -1, &info, NULL), ==, SQLITE_OK);
      while (sqlite3_step (info) == SQLITE_ROW)
        g_string_append_printf (columns, "%s\"%s\"", columns->len ? ", " : "",
                                (const char *) sqlite3_column_text (info, 1));
      sqlite3_finalize (info);

      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", columns->str,
                                              table, columns->str);
      sqlite3_stmt *rows = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", table);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            g_string_append_printf (out, "%s%s", i ? "|" : "",
                                    sqlite3_column_type (rows, i) == SQLITE_NULL
                                        ? "NULL"
                                        : (const char *) sqlite3_column_text (rows, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (ref);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *dir;
  char *original; /* tests/data/schema-N.db, never opened for writing */
  char *path;     /* its copy, which the store opens */
  char *backup;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  int from = data != NULL ? GPOINTER_TO_INT (data) : 1;
  g_autofree char *name = g_strdup_printf ("schema-%d.db", from);

  fx->dir = cp_test_dir_make ("migrations");
  fx->original = g_build_filename (TEST_DATA_DIR, name, NULL);
  fx->path = g_build_filename (fx->dir, "planner.db", NULL);
  fx->backup = g_strdup_printf ("%s.v%d.bak", fx->path, from);
  cp_test_copy_file (fx->original, fx->path);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  migrations = NULL;
  test_schema_version = 4;
  cp_test_dir_remove (fx->dir);
  g_free (fx->dir);
  g_free (fx->original);
  g_free (fx->path);
  g_free (fx->backup);
}

static void
test_schema_1_file (Fixture *fx, gconstpointer data)
{
  sqlite3 *db = NULL;

  /* The kept file is what this test stands on: schema 1, ours, and the fixture's 4 communities
   * and 5 facilities (tests/data/fixture-communities.csv, fixture-facilities.csv). */
  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, CP_APPLICATION_ID);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM township"), ==, 2);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM community"), ==, 4);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM facility"), ==, 5);
  g_assert_cmpint (db_int (db, "SELECT sum(households) FROM community_year"), ==, 3070);
  sqlite3_close (db);
}

/* The tables, indexes and their SQL of the file at @path. */
static char *
schema_text (const char *path)
{
  sqlite3 *db = open_unchanging (path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
                                       "ORDER BY type, name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
test_migrated_to_program (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump (fx->original, fx->original);
  g_autofree char *fresh = g_build_filename (fx->dir, "fresh.db", NULL);
  sqlite3 *db = NULL;

  int from = data != NULL ? GPOINTER_TO_INT (data) : 1;

  test_schema_version = 3;
  migrations = cp_test_good_get_resource ();
  CpStore *store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_store_get_schema_version (store), ==, 3);
  cp_store_free (store);

  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM facility"), ==, 5);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM facility WHERE closed_year IS NULL"), ==, 5);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'test_migration'"),
                   ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM staff_level"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM pay_parameter"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);

  /* The data of the original reads the same; the backup is at its schema with the same data. */
  g_autofree char *after = dump (fx->path, fx->original);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (fx->backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (fx->backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, from);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'staff'"), ==,
                   from >= 2 ? 1 : 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM pragma_table_info('facility') "
                               "WHERE name = 'closed_year'"),
                   ==, 0);
  sqlite3_close (db);
  g_autofree char *backed_up = dump (fx->backup, fx->original);
  g_assert_cmpstr (backed_up, ==, before);

  /* The migrated file has the schema a new file gets. */
  store = cp_store_open (fresh, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  cp_store_free (store);
  g_autofree char *migrated_schema = schema_text (fx->path);
  g_autofree char *fresh_schema = schema_text (fresh);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
  g_assert_nonnull (strstr (migrated_schema, "table staff_level"));
  g_assert_nonnull (strstr (migrated_schema, "closed_year INTEGER"));
}

static void
test_migrated (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump (fx->original, fx->original);
  sqlite3 *db = NULL;

  migrations = cp_test_good_get_resource ();
  g_assert_false (g_file_test (fx->backup, G_FILE_TEST_EXISTS));
  CpStore *store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (cp_store_get_schema_version (store), ==, 4);
  cp_store_free (store);

  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM facility WHERE closed_year IS NULL"), ==, 5);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM test_migration"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM community WHERE test_note = ''"), ==, 4);
  sqlite3_close (db);

  /* The data of schema 1 reads the same, column for column. */
  g_autofree char *after = dump (fx->path, fx->original);
  g_assert_cmpstr (after, ==, before);

  /* The backup was taken before the migration: schema 1, the same data. */
  g_assert_true (g_file_test (fx->backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (fx->backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'test_migration'"),
                   ==, 0);
  sqlite3_close (db);
  g_autofree char *backed_up = dump (fx->backup, fx->original);
  g_assert_cmpstr (backed_up, ==, before);

  /* Opened again, nothing more happens. */
  g_autofree char *migrated = cp_test_file_digest (fx->path);
  store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_store_get_schema_version (store), ==, 4);
  cp_store_free (store);
  g_autofree char *again = cp_test_file_digest (fx->path);
  g_assert_cmpstr (again, ==, migrated);
}

static void
test_failed (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *digest = cp_test_file_digest (fx->path);
  g_autofree char *before = dump (fx->original, fx->original);

  migrations = cp_test_bad_get_resource ();
  CpStore *store = cp_store_open (fx->path, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (strstr (error->message, "no_such_table") != NULL);

  /* The original: the same bytes, and nothing of the failed migration in it. */
  g_autofree char *digest_after = cp_test_file_digest (fx->path);
  g_assert_cmpstr (digest_after, ==, digest);
  g_autofree char *after = dump (fx->path, fx->original);
  g_assert_cmpstr (after, ==, before);

  /* The backup made before it holds the same data. */
  g_assert_true (g_file_test (fx->backup, G_FILE_TEST_IS_REGULAR));
  g_autofree char *backed_up = dump (fx->backup, fx->original);
  g_assert_cmpstr (backed_up, ==, before);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/migrations/schema-1-file", Fixture, NULL, fixture_set_up, test_schema_1_file,
              fixture_tear_down);
  g_test_add ("/migrations/schema-1-to-program", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_migrated_to_program, fixture_tear_down);
  g_test_add ("/migrations/schema-2-to-program", Fixture, GINT_TO_POINTER (2), fixture_set_up,
              test_migrated_to_program, fixture_tear_down);
  g_test_add ("/migrations/migrated", Fixture, NULL, fixture_set_up, test_migrated,
              fixture_tear_down);
  g_test_add ("/migrations/failed", Fixture, NULL, fixture_set_up, test_failed,
              fixture_tear_down);
  return g_test_run ();
}
