/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the domain stores (and tests) only: the connection and the steps every store shares. */
#pragma once

#include "cp-store.h"

G_BEGIN_DECLS

/* The connection itself: only store files run statements on it. */
sqlite3 *_cp_store_get_db (CpStore *store);

/* Prepares @sql (a fixed statement; values are bound, never pasted in). */
sqlite3_stmt *cp_store_prepare (CpStore *store, const char *sql, GError **error);
/* Like cp_store_prepare(), for hot paths: the statement is prepared once per @sql (a string
 * literal, looked up by address) and belongs to the store. Reset it with cp_store_release() after
 * use; never finalize it. */
sqlite3_stmt *cp_store_prepare_cached (CpStore *store, const char *sql, GError **error);
/* Resets a cached statement and clears its bindings. */
void cp_store_release (sqlite3_stmt *stmt);
/* Sets @error from the connection's last error and returns FALSE: "@what: a translated sentence
 * on what the error means for the file (SQLite's own words)". @what is a translated phrase such
 * as the translation of "Cannot save the facility"; SQL text there is never shown (a generic phrase is). */
gboolean cp_store_set_sqlite_error (CpStore *store, const char *what, GError **error);

/* Runs a prepared write to its end (the caller frees it). */
gboolean _cp_store_step_done (CpStore *store, sqlite3_stmt *stmt, const char *what,
                              GError **error);
/* Runs a cached write (cp_store_prepare_cached()) to its end and releases it. */
gboolean _cp_store_step_cached (CpStore *store, sqlite3_stmt *stmt, const char *what,
                                GError **error);
/* Runs a cached "… RETURNING id" (or a SELECT of one id) and releases it; 0 when there is no row,
 * 0 with @error set on failure. */
gint64 _cp_store_step_returning_id (CpStore *store, sqlite3_stmt *stmt, const char *what,
                                    GError **error);

G_END_DECLS
