/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the domain stores (and tests) only: the connection and the steps every store shares. */
#pragma once

#include "cp-store.h"

G_BEGIN_DECLS

/* The connection itself: only store files run statements on it. */
sqlite3 *_cp_store_get_db (CpStore *store);

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
