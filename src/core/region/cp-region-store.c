/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-region-store-private.h"
#include "cp-region-store.h"
#include "cp-store-private.h"

gboolean
cp_region_store_upsert_township (CpStore *store, CpTownship *township, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO township (code, name, kind) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind "
             "RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, township->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, township->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, cp_township_kinds[township->kind].key, -1, SQLITE_STATIC);
  township->id = _cp_store_step_returning_id (store, stmt, _("Cannot save the township"), error);
  return township->id > 0;
}

static gint64
find_id (CpStore *store, const char *sql, const char *text, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (store, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  return _cp_store_step_returning_id (store, stmt, _("Cannot read the database"), error);
}

gint64
cp_region_store_find_township (CpStore *store, const char *code_or_name, GError **error)
{
  g_return_val_if_fail (store != NULL, 0);
  return find_id (store,
                  "SELECT id FROM township WHERE code = ?1 UNION ALL "
                  "SELECT id FROM township WHERE name = ?1 LIMIT 1",
                  code_or_name, error);
}

gint64
cp_region_store_count_communities (CpStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "SELECT count(*) FROM community", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cp_store_set_sqlite_error (store, _("Cannot read the communities"), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gint64
cp_region_store_find_community (CpStore *store, const char *code, GError **error)
{
  g_return_val_if_fail (store != NULL, 0);
  return find_id (store, "SELECT id FROM community WHERE code = ?1", code, error);
}

gboolean
cp_region_store_save_community (CpStore *store, CpCommunity *community, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO community (township_id, code, name, kind, relocation_site) "
             "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO UPDATE SET "
             "township_id = excluded.township_id, name = excluded.name, kind = excluded.kind, "
             "relocation_site = excluded.relocation_site RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, community->township_id);
  sqlite3_bind_text (stmt, 2, community->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, community->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, cp_community_kinds[community->kind].key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, community->relocation_site ? 1 : 0);
  community->id
      = _cp_store_step_returning_id (store, stmt, _("Cannot save the community"), error);
  return community->id != 0;
}

gboolean
cp_region_store_set_community_year (CpStore *store, gint64 community_id, int year,
                                    gint64 households, gint64 population, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT OR REPLACE INTO community_year (community_id, year, households, "
             "population) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, community_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, households);
  sqlite3_bind_int64 (stmt, 4, population);
  return _cp_store_step_cached (store, stmt, _("Cannot save the community's households"), error);
}

gboolean
cp_region_store_upsert_community (CpStore *store, CpCommunity *community, int year, GError **error)
{
  return cp_region_store_save_community (store, community, error)
         && cp_region_store_set_community_year (store, community->id, year,
                                                community->households, community->population,
                                                error);
}

static gboolean
exists (CpStore *store, const char *sql, const char *what, gboolean *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, what, error);
  *out = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
cp_region_store_has_townships (CpStore *store, gboolean *out, GError **error)
{
  return exists (store, "SELECT EXISTS (SELECT 1 FROM township)", _("Cannot read the database"),
                 out, error);
}

gboolean
cp_region_store_get_community (CpStore *store, gint64 id, int year, CpCommunity *out,
                               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT c.township_id, c.code, c.name, c.kind, c.relocation_site, "
             CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?2") ", "
             CP_COMMUNITY_FIGURE_IN_YEAR_SQL ("population", "c.id", "?2")
             " FROM community c WHERE c.id = ?1", error);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, year);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->id = id;
      out->township_id = sqlite3_column_int64 (stmt, 0);
      out->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      out->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      out->kind = MAX (0, cp_vocabulary_lookup (cp_community_kinds, CP_N_COMMUNITY_KINDS,
                                                (const char *) sqlite3_column_text (stmt, 3)));
      out->relocation_site = sqlite3_column_int (stmt, 4) != 0;
      out->households = sqlite3_column_int64 (stmt, 5);
      out->population = sqlite3_column_int64 (stmt, 6);
    }
  if (rc == SQLITE_DONE)
    return cp_set_error (error, CP_ERROR_NOT_FOUND, _("There is no community with id %lld."),
                         (long long) id);
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the community"), error);
  return TRUE;
}

GArray *
cp_region_store_list_townships (CpStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "SELECT id, code, name, kind FROM township ORDER BY code", error);
  if (stmt == NULL)
    return NULL;

  g_autoptr (GArray) townships = g_array_new (FALSE, TRUE, sizeof (CpTownship));
  g_array_set_clear_func (townships, (GDestroyNotify) cp_township_clear);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpTownship t = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .kind = MAX (0, cp_vocabulary_lookup (cp_township_kinds, CP_N_TOWNSHIP_KINDS,
                                              (const char *) sqlite3_column_text (stmt, 3))),
      };
      g_array_append_val (townships, t);
    }
  if (rc != SQLITE_DONE)
    {
      cp_store_set_sqlite_error (store, _("Cannot read the townships"), error);
      return NULL;
    }
  return g_steal_pointer (&townships);
}
