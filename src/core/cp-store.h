/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One SQLite file per dataset. Every connection is opened here (foreign keys, WAL,
 * synchronous=NORMAL, busy timeout), and schema migrations run here. */
#pragma once

#include <sqlite3.h>

#include "cp-error.h"

G_BEGIN_DECLS

#define CP_SCHEMA_VERSION 3
/* PRAGMA application_id of our files: "CPJH" */
#define CP_APPLICATION_ID 0x43504a48

typedef struct _CpStore CpStore;

/* Statements are freed by g_autoptr (sqlite3_stmt), never by hand. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Long work reports its progress, 0..1, from whatever thread it runs in. */
typedef void (*CpProgressFunc) (double fraction, gpointer user_data);

typedef enum
{
  CP_STORE_OPEN_DEFAULT = 0,
  CP_STORE_OPEN_CREATE = 1 << 0,    /* create the file when absent, empty or without tables */
  CP_STORE_OPEN_READ_ONLY = 1 << 1, /* never write, even if the file allows it */
} CpStoreOpenFlags;

/* Opens (and migrates) @path. A file that cannot be written, or that a newer version of the
 * program made, opens read-only: cp_store_is_read_only() and cp_store_read_only_reason() say so.
 * An existing older file is copied to "@path.vN.bak" with the backup API before migrating.
 * Without CP_STORE_OPEN_CREATE an empty file, a folder, a pipe or a device is refused (looked at
 * with stat(), so nothing blocks). Only SQLite ever opens the file: no other descriptor of it
 * exists in the process, which would drop the locks of the connections already open. */
CpStore *cp_store_open (const char *path, CpStoreOpenFlags flags, GError **error);
void cp_store_free (CpStore *store);
/* Copies the whole database to @dest_path with SQLite's backup API (a consistent snapshot). */
gboolean cp_store_backup (CpStore *store, const char *dest_path, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpStore, cp_store_free)

const char *cp_store_get_path (CpStore *store);
/* Whether @path is the store's database file or one of SQLite's files beside it (-wal, -shm,
 * -journal), under any name (links included). Found by stat() alone: opening and closing such a
 * file outside SQLite would drop the locks SQLite holds on it. */
gboolean cp_store_owns_file (CpStore *store, const char *path);
int cp_store_get_schema_version (CpStore *store);
gboolean cp_store_is_read_only (CpStore *store);
/* Translated sentence why the store is read-only, or NULL. */
const char *cp_store_read_only_reason (CpStore *store);
/* Fails with CP_ERROR_READ_ONLY and the reason when the store is read-only. */
gboolean cp_store_check_writable (CpStore *store, GError **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
gboolean cp_store_begin (CpStore *store, GError **error);
gboolean cp_store_commit (CpStore *store, GError **error);
void cp_store_rollback (CpStore *store);
/* Turns the tables' CHECK constraints off (@on FALSE) or on again for this connection; every
 * prepared statement prepares again at its next step. Only for rows validated by the same rules
 * in C (an import of a kind whose parse_row does), where the constraints' IN (…) lists, built
 * again for every row, cost more than the rest of the write. */
void cp_store_set_check_constraints (CpStore *store, gboolean on);
/* A page cache of 16 MB (@on) or SQLite's 2 MB again, for a write of many rows whose index
 * entries land all over (an import): with the default, each row would read and spill pages. */
void cp_store_set_bulk_write (CpStore *store, gboolean on);

/* Dataset settings: "city_name", "city_code", "sample" ("1" when invented sample data). */
char *cp_store_get_setting (CpStore *store, const char *key);
gboolean cp_store_set_setting (CpStore *store, const char *key, const char *value, GError **error);
gboolean cp_store_is_sample (CpStore *store);
/* The city's name, "蛟河市" when none is recorded. */
char *cp_store_get_city_name (CpStore *store);

/* A read snapshot: every read until cp_store_end_read() sees the same data. */
gboolean cp_store_begin_read (CpStore *store, GError **error);
void cp_store_end_read (CpStore *store);

G_END_DECLS
