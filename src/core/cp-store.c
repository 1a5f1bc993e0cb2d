/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-core-resources.h"
#include "cp-store-private.h"

#define BUSY_TIMEOUT_MS 5000

/* The database file is only ever opened by SQLite, never with open()/fopen() here: POSIX locks
 * belong to the process, so closing any other descriptor of the file would drop the locks of
 * every connection this process holds on it (the window's among them), and another program
 * closing its connection would then delete the WAL under us. stat() and access() open nothing. */

struct _CpStore
{
  sqlite3 *db;
  char *path;
  int schema_version;
  char *read_only_reason;
  GHashTable *statements; /* SQL text (a literal, by address) → prepared statement */
};

/* Auxiliary functions */

/* Whether @what is an SQL statement rather than a phrase: those are never shown to a user. */
static gboolean
looks_like_sql (const char *what)
{
  static const char *const keywords[]
      = { "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "PRAGMA", "BEGIN",  "COMMIT",
          "END",    "ROLLBACK", "CREATE", "DROP", "ALTER",   "WITH",   "SAVEPOINT", "RELEASE",
          "VACUUM", "ATTACH", "DETACH", "ANALYZE", "REINDEX" };

  while (g_ascii_isspace (*what))
    what++;
  if (strchr (what, ';') != NULL || strchr (what, '\n') != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      size_t n = strlen (keywords[i]);
      if (g_ascii_strncasecmp (what, keywords[i], n) == 0
          && (what[n] == '\0' || g_ascii_isspace (what[n])))
        return TRUE;
    }
  return FALSE;
}

/* What an SQLite result code means for the clerk, as a sentence about the file @path. */
static char *
describe_sqlite_code (int code, const char *path)
{
  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_strdup_printf (_("another program is using “%s” (it is writing to it). Try again "
                                "in a moment."),
                              path);
    case SQLITE_CORRUPT:
      return g_strdup_printf (_("“%s” cannot be read: the file is damaged. Use a backup copy of "
                                "it."),
                              path);
    case SQLITE_NOTADB:
      return g_strdup_printf (_("“%s” cannot be read: the file is damaged or it is not a planner "
                                "database."),
                              path);
    case SQLITE_IOERR:
      return g_strdup_printf (_("“%s” cannot be read or written: the file is damaged or the disk "
                                "failed."),
                              path);
    case SQLITE_FULL:
      return g_strdup_printf (_("the disk holding “%s” is full. Free some space and try again."),
                              path);
    case SQLITE_READONLY:
      return g_strdup_printf (_("“%s” cannot be written: the file or its folder is read-only."),
                              path);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return g_strdup_printf (_("“%s” cannot be opened: the file, its folder or its -wal and -shm "
                                "files beside it cannot be reached."),
                              path);
    case SQLITE_CONSTRAINT:
      return g_strdup_printf (_("a value breaks a rule of the database “%s”."), path);
    case SQLITE_NOMEM:
      return g_strdup_printf (_("there is not enough memory to use “%s”."), path);
    default:
      return g_strdup_printf (_("the database “%s” reported an error."), path);
    }
}

gboolean
cp_store_set_sqlite_error (CpStore *store, const char *what, GError **error)
{
  int code = store->db != NULL ? sqlite3_extended_errcode (store->db) : SQLITE_NOMEM;
  CpError cp_code = CP_ERROR_FAILED;

  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      cp_code = CP_ERROR_INVALID;
      break;
    case SQLITE_READONLY:
      cp_code = CP_ERROR_READ_ONLY;
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      cp_code = CP_ERROR_NOT_A_DATABASE;
      break;
    default:
      break;
    }
  if (what == NULL || looks_like_sql (what))
    what = _("Cannot use the database");

  g_autofree char *sentence = describe_sqlite_code (code, store->path);
  /* SQLite's own words (English) stay at the end as detail, on the same line. */
  g_autofree char *detail
      = g_strdup (store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (code));
  g_strdelimit (detail, "\r\n", ' ');
  /* TRANSLATORS: "what failed: why, in a sentence (SQLite's English words)". */
  return cp_set_error (error, cp_code, C_("database error", "%s: %s (%s)"), what, sentence,
                       detail);
}

/* Runs fixed statements (pragmas, migrations from our resources): @what says in words what they
 * do, for the message; the SQL text is never shown. */
static gboolean
exec_fixed (CpStore *store, const char *sql, const char *what, GError **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return cp_store_set_sqlite_error (store, what, error);
  return TRUE;
}

static gboolean
query_int (CpStore *store, const char *sql, int *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return cp_store_set_sqlite_error (store, _("Cannot open the database"), error);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int (stmt, 0);
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot open the database"), error);
  return TRUE;
}

/* Looks at @path with stat() only (no descriptor, so nothing blocks and no lock is dropped).
 * @out_size: -1 when absent. Absent or zero bytes is blank: only @create may make it a database. */
static gboolean
check_file (const char *path, gboolean create, goffset *out_size, GError **error)
{
  GStatBuf st;

  *out_size = -1;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      if (saved == ELOOP)
        return cp_set_error (error, CP_ERROR_NOT_FOUND,
                             _("“%s” cannot be resolved: it is a symbolic link in a loop of "
                               "links. Point the link at a planner database."),
                             path);
      if (saved != ENOENT)
        return cp_set_error (error, CP_ERROR_FAILED, _("Cannot open “%s”: %s"), path,
                             g_strerror (saved));
      if (!create)
        return cp_set_error (error, CP_ERROR_NOT_FOUND,
                             _("The database “%s” does not exist. Create it with "
                               "“community-planner init %s”."),
                             path, path);
      return TRUE;
    }
  if (S_ISDIR (st.st_mode))
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is a folder, not a planner database. Choose a database file."),
                         path);
  if (!S_ISREG (st.st_mode))
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is not a regular file (it is a pipe, a device or a socket), so "
                           "it is not a planner database. Choose a database file."),
                         path);
  *out_size = st.st_size;
  if (st.st_size == 0 && !create)
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is empty (0 bytes): it is not a planner database. Create one "
                           "under a new name with “community-planner init FILE” or New in the "
                           "window."),
                         path);
  return TRUE;
}

/* Root may write any file, so a file without write permission bits counts as read-only too:
 * that is what the clerk who made it read-only meant. */
static gboolean
file_is_writable (const char *path)
{
  struct stat st;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_stat (path, &st) != 0)
    return access (dir, W_OK) == 0;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return FALSE;
  /* WAL needs to create its -wal and -shm files beside the database. */
  return access (path, W_OK) == 0 && access (dir, W_OK) == 0;
}

static gboolean
open_uri (CpStore *store, const char *uri, int flags)
{
  g_clear_pointer (&store->db, sqlite3_close_v2);
  if (sqlite3_open_v2 (uri, &store->db, flags, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, BUSY_TIMEOUT_MS);
  return TRUE;
}

/* Read-only: "mode=ro" sees what other connections keep in the WAL (the window reads in worker
 * threads while it writes). Where even that cannot work — no -shm can be made beside a file on a
 * read-only medium — "immutable=1" reads the file as it lies. */
static gboolean
open_read_only (CpStore *store)
{
  static const char *const modes[] = { "mode=ro", "immutable=1" };
  g_autofree char *escaped = g_uri_escape_string (store->path, "/", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:%s?%s", escaped, modes[i]);
      if (open_uri (store, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX)
          && sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL)
                 == SQLITE_OK)
        return TRUE;
    }
  return FALSE;
}

/* Opens the connection; nothing is written yet (see use_wal()). */
static gboolean
open_connection (CpStore *store, gboolean read_only, gboolean create, GError **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);

  if (!(read_only ? open_read_only (store) : open_uri (store, store->path, flags)))
    return cp_store_set_sqlite_error (store, _("Cannot open the database"), error);
  return exec_fixed (store, "PRAGMA foreign_keys = ON", _("Cannot open the database"), error);
}

/* Once the file is known to be ours (or new): WAL, so that readers never wait for the writer. */
static gboolean
use_wal (CpStore *store, GError **error)
{
  return exec_fixed (store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                     _("Cannot open the database"), error);
}

static gboolean
backup_before_migration (CpStore *store, GError **error)
{
  g_autofree char *backup_path
      = g_strdup_printf ("%s.v%d.bak", store->path, store->schema_version);
  return cp_store_backup (store, backup_path, error);
}

/* The migration of schema N is resources/sql/migration_files[N]: the SQL that takes a file of
 * schema N − 1 to N (001 makes the first schema). The migration tests add a schema of their own
 * after the last through CP_STORE_TEST_MIGRATIONS. */
#ifndef CP_STORE_TEST_MIGRATIONS
#define CP_STORE_TEST_MIGRATIONS
#define CP_STORE_CHECK_MIGRATIONS
#endif
static const char *const migration_files[] = {
  NULL,
  "001-initial.sql",
  "002-staff.sql",
  "003-facility-years.sql",
  CP_STORE_TEST_MIGRATIONS
};
#ifdef CP_STORE_CHECK_MIGRATIONS
G_STATIC_ASSERT (G_N_ELEMENTS (migration_files) == CP_SCHEMA_VERSION + 1);
#endif

static gboolean
run_migration (CpStore *store, int version, GError **error)
{
  g_assert (version > 0 && (gsize) version < G_N_ELEMENTS (migration_files));
  g_autofree char *resource
      = g_strconcat ("/cn/gov/jiaohe/CommunityPlanner/sql/", migration_files[version], NULL);
  g_autoptr (GBytes) bytes
      = g_resource_lookup_data (cp_core_get_resource (), resource, 0, error);
  if (bytes == NULL)
    return FALSE;

  g_autofree char *sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d", CP_APPLICATION_ID);
  const char *what = _("Cannot set up the tables of the database");

  return exec_fixed (store, sql, what, error) && exec_fixed (store, set_version, what, error)
         && exec_fixed (store, set_app_id, what, error);
}

/* Every migration from the file's schema to ours in one transaction: the file is either as it
 * was or at our schema, never in between. */
static gboolean
migrate (CpStore *store, GError **error)
{
  if (store->schema_version > 0 && store->schema_version < CP_SCHEMA_VERSION
      && !backup_before_migration (store, error))
    return FALSE;
  if (!cp_store_begin (store, error))
    return FALSE;
  for (int v = store->schema_version + 1; v <= CP_SCHEMA_VERSION; v++)
    if (!run_migration (store, v, error))
      {
        cp_store_rollback (store);
        return FALSE;
      }
  if (!cp_store_commit (store, error))
    {
      cp_store_rollback (store);
      return FALSE;
    }
  store->schema_version = CP_SCHEMA_VERSION;
  return TRUE;
}

/* Reads who made the file (of @size bytes, -1 when new), before anything is written to it. An
 * SQLite file without tables is blank: only @create may turn it into a planner database. */
static gboolean
check_identity (CpStore *store, goffset size, gboolean create, GError **error)
{
  int app_id = 0, tables = 0, pages = 0;

  if (!query_int (store, "PRAGMA application_id", &app_id, error)
      || !query_int (store, "PRAGMA user_version", &store->schema_version, error)
      || !query_int (store, "SELECT count(*) FROM sqlite_schema", &tables, error)
      || !query_int (store, "PRAGMA page_count", &pages, error))
    return FALSE;
  /* SQLite takes a file shorter than a page for an empty database, whatever it holds. */
  if (size > 0 && pages == 0)
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is not a planner database (it is not an SQLite file). Open a "
                           "file made by this program, or create a new one."),
                         store->path);
  if (app_id != CP_APPLICATION_ID && tables > 0)
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is an SQLite database of another program, not a planner "
                           "database."),
                         store->path);
  if (tables > 0 && store->schema_version == 0)
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” has tables but no schema version, so it is not a planner "
                           "database or it is damaged. Use a backup copy of it."),
                         store->path);
  if (tables == 0 && store->schema_version == 0 && !create)
    return cp_set_error (error, CP_ERROR_NOT_A_DATABASE,
                         _("“%s” is an empty SQLite file: it is not a planner database. Create "
                           "one under a new name with “community-planner init FILE” or New in "
                           "the window."),
                         store->path);
  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Public API */

CpStore *
cp_store_open (const char *path, CpStoreOpenFlags flags, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autoptr (CpStore) store = g_new0 (CpStore, 1);
  gboolean create = (flags & CP_STORE_OPEN_CREATE) != 0;
  goffset size = -1;

  store->path = g_strdup (path);
  store->statements
      = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  if (!check_file (path, create, &size, error))
    return NULL;

  gboolean read_only = (flags & CP_STORE_OPEN_READ_ONLY) || !file_is_writable (path);
  if (read_only && size <= 0)
    {
      cp_set_error (error, CP_ERROR_READ_ONLY,
                    _("Cannot create “%s”: the file or its folder is read-only."), path);
      return NULL;
    }
  if (read_only)
    store->read_only_reason = g_strdup_printf (
        _("“%s” is read-only: you can read and export its data, not change it."), path);

  if (!open_connection (store, read_only, create, error)
      || !check_identity (store, size, create, error))
    return NULL;

  if (store->schema_version > CP_SCHEMA_VERSION)
    {
      if (!read_only && !open_connection (store, TRUE, FALSE, error))
        return NULL;
      g_free (store->read_only_reason);
      store->read_only_reason = g_strdup_printf (
          _("“%s” was made by a newer version of the program (schema %d; this version knows up to "
            "%d). It opens read-only: update the program to change it."),
          path, store->schema_version, CP_SCHEMA_VERSION);
      return g_steal_pointer (&store);
    }
  if (!read_only && !use_wal (store, error))
    return NULL;
  if (store->schema_version < CP_SCHEMA_VERSION)
    {
      if (read_only)
        {
          cp_set_error (error, CP_ERROR_READ_ONLY,
                        _("“%s” uses an older schema (%d) and must be upgraded, but it is "
                          "read-only. Make it writable and open it again."),
                        path, store->schema_version);
          return NULL;
        }
      if (!migrate (store, error))
        return NULL;
    }
  return g_steal_pointer (&store);
}

gboolean
cp_store_backup (CpStore *store, const char *dest_path, GError **error)
{
  sqlite3 *backup_db = NULL;

  g_return_val_if_fail (store != NULL && dest_path != NULL, FALSE);

  if (sqlite3_open_v2 (dest_path, &backup_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      sqlite3_close (backup_db);
      return cp_set_error (error, CP_ERROR_FAILED, _("Cannot write the copy “%s”."), dest_path);
    }
  sqlite3_backup *backup = sqlite3_backup_init (backup_db, "main", store->db, "main");
  int rc = backup != NULL ? sqlite3_backup_step (backup, -1) : SQLITE_ERROR;
  sqlite3_backup_finish (backup);
  sqlite3_close (backup_db);
  if (rc != SQLITE_DONE)
    return cp_set_error (error, CP_ERROR_FAILED, _("Cannot write the copy “%s”."), dest_path);
  return TRUE;
}

void
cp_store_free (CpStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->statements, g_hash_table_unref);
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  g_free (store->path);
  g_free (store->read_only_reason);
  g_free (store);
}

sqlite3 *
_cp_store_get_db (CpStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->db;
}

const char *
cp_store_get_path (CpStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

gboolean
cp_store_owns_file (CpStore *store, const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  struct stat st;

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (store->path, suffixes[i], NULL);
      struct stat other;
      if (g_stat (own, &other) == 0 && other.st_dev == st.st_dev && other.st_ino == st.st_ino)
        return TRUE;
    }
  return FALSE;
}

int
cp_store_get_schema_version (CpStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->schema_version;
}

gboolean
cp_store_is_read_only (CpStore *store)
{
  g_return_val_if_fail (store != NULL, TRUE);
  return store->read_only_reason != NULL;
}

const char *
cp_store_read_only_reason (CpStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->read_only_reason;
}

gboolean
cp_store_check_writable (CpStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (store->read_only_reason != NULL)
    return cp_set_error (error, CP_ERROR_READ_ONLY, "%s", store->read_only_reason);
  return TRUE;
}

sqlite3_stmt *
cp_store_prepare_cached (CpStore *store, const char *sql, GError **error)
{
  g_return_val_if_fail (store != NULL && sql != NULL, NULL);

  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);
  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      cp_store_set_sqlite_error (store, _("Cannot read the database"), error);
      return NULL;
    }
  g_hash_table_insert (store->statements, (gpointer) sql, stmt);
  return stmt;
}

void
cp_store_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

sqlite3_stmt *
cp_store_prepare (CpStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (store != NULL && sql != NULL, NULL);

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cp_store_set_sqlite_error (store, _("Cannot read the database"), error);
      return NULL;
    }
  return stmt;
}

gboolean
cp_store_begin (CpStore *store, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  return exec_fixed (store, "BEGIN IMMEDIATE", _("Cannot start writing to the database"), error);
}

gboolean
cp_store_commit (CpStore *store, GError **error)
{
  return exec_fixed (store, "COMMIT", _("Cannot save the changes"), error);
}

void
cp_store_rollback (CpStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

void
cp_store_set_check_constraints (CpStore *store, gboolean on)
{
  g_return_if_fail (store != NULL);
  /* A flag of the connection in memory: setting it does not fail. */
  sqlite3_exec (store->db, on ? "PRAGMA ignore_check_constraints = 0"
                              : "PRAGMA ignore_check_constraints = 1",
                NULL, NULL, NULL);
}

void
cp_store_set_bulk_write (CpStore *store, gboolean on)
{
  g_return_if_fail (store != NULL);
  /* Sizes in KiB when negative; a smaller size frees the pages beyond it. */
  sqlite3_exec (store->db, on ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -2000", NULL,
                NULL, NULL);
}

gboolean
_cp_store_step_done (CpStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  if (!ok)
    cp_store_set_sqlite_error (store, what, error);
  return ok;
}

gboolean
_cp_store_step_cached (CpStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  if (!ok)
    cp_store_set_sqlite_error (store, what, error);
  cp_store_release (stmt);
  return ok;
}

gint64
_cp_store_step_returning_id (CpStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  gint64 id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    cp_store_set_sqlite_error (store, what, error);
  cp_store_release (stmt);
  return id;
}

char *
cp_store_get_setting (CpStore *store, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "SELECT value FROM setting WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
cp_store_set_setting (CpStore *store, const char *key, const char *value, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "INSERT INTO setting (key, value) VALUES (?1, ?2) "
             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _cp_store_step_done (store, stmt, _("Cannot save the setting"), error);
}

gboolean
cp_store_is_sample (CpStore *store)
{
  g_autofree char *value = cp_store_get_setting (store, "sample");
  return g_strcmp0 (value, "1") == 0;
}

char *
cp_store_get_city_name (CpStore *store)
{
  char *name = cp_store_get_setting (store, "city_name");
  return name != NULL ? name : g_strdup ("蛟河市");
}

gboolean
cp_store_begin_read (CpStore *store, GError **error)
{
  return exec_fixed (store, "SAVEPOINT cp_read_snapshot", _("Cannot read the database"), error);
}

void
cp_store_end_read (CpStore *store)
{
  sqlite3_exec (store->db, "RELEASE cp_read_snapshot", NULL, NULL, NULL);
}
