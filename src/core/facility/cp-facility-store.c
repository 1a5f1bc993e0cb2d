/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-check.h"
#include "cp-facility-store.h"
#include "cp-region-store-private.h"
#include "cp-region-store.h"
#include "cp-store-private.h"

gboolean
cp_facility_store_get_standards (CpStore *store, int year, CpStandards *out, char **out_source,
                                 GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT area_per_100_households_m2, rural_building_min_m2, service_share_min, "
             "rural_coverage_target, source FROM standard WHERE year <= ?1 "
             "ORDER BY year DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  cp_standards_init_default (out, year);
  sqlite3_bind_int (stmt, 1, year);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->area_per_100_households_m2 = sqlite3_column_double (stmt, 0);
      out->rural_building_min_m2 = sqlite3_column_double (stmt, 1);
      out->service_share_min = sqlite3_column_double (stmt, 2);
      out->rural_coverage_target = sqlite3_column_double (stmt, 3);
    }
  if (out_source != NULL)
    *out_source = rc == SQLITE_ROW
                      ? g_strdup ((const char *) sqlite3_column_text (stmt, 4))
                      : g_strdup (_("The plan (蛟政办发〔2023〕1号), defaults"));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the standards"), error);
  return TRUE;
}

gboolean
cp_facility_store_set_standards (CpStore *store, const CpStandards *standards, const char *source,
                                 GError **error)
{
  if (!cp_standards_validate (standards, error) || !cp_store_check_writable (store, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "INSERT OR REPLACE INTO standard (year, area_per_100_households_m2, "
             "rural_building_min_m2, service_share_min, rural_coverage_target, source) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, standards->year);
  sqlite3_bind_double (stmt, 2, standards->area_per_100_households_m2);
  sqlite3_bind_double (stmt, 3, standards->rural_building_min_m2);
  sqlite3_bind_double (stmt, 4, standards->service_share_min);
  sqlite3_bind_double (stmt, 5, standards->rural_coverage_target);
  sqlite3_bind_text (stmt, 6, source != NULL ? source : "", -1, SQLITE_STATIC);
  return _cp_store_step_done (store, stmt, _("Cannot save the standards"), error);
}

gboolean
cp_facility_store_standards_span (CpStore *store, int year, int *out_from, int *out_next,
                                  GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT (SELECT max(year) FROM standard WHERE year <= ?1), "
             "(SELECT min(year) FROM standard WHERE year > ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the standards"), error);
  *out_from = sqlite3_column_int (stmt, 0);
  *out_next = sqlite3_column_int (stmt, 1);
  return TRUE;
}

/* Records the standards in force in @year, as they are, for @year + 1, unless that year has
 * standards of its own: the years after @year keep them whatever @year gets. */
static gboolean
keep_for_year_after (CpStore *store, int year, GError **error)
{
  CpStandards old;
  g_autofree char *old_source = NULL;
  int from = 0, next = 0;

  if (!cp_facility_store_standards_span (store, year, &from, &next, error))
    return FALSE;
  if (next == year + 1)
    return TRUE;
  if (!cp_facility_store_get_standards (store, year, &old, &old_source, error))
    return FALSE;
  old.year = year + 1;
  return cp_facility_store_set_standards (store, &old, old_source, error);
}

gboolean
cp_facility_store_set_standards_keeping (CpStore *store, const CpStandards *standards,
                                         const char *source, gboolean later_keep_old,
                                         GError **error)
{
  g_return_val_if_fail (standards != NULL, FALSE);

  if (!cp_standards_validate (standards, error) || !cp_store_check_writable (store, error)
      || !cp_store_begin (store, error))
    return FALSE;
  if ((later_keep_old && !keep_for_year_after (store, standards->year, error))
      || !cp_facility_store_set_standards (store, standards, source, error)
      || !cp_store_commit (store, error))
    {
      cp_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
cp_facility_store_has_standards (CpStore *store, gboolean *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM standard)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the database"), error);
  *out = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* The number of FACILITY_COLUMNS. */
#define N_FACILITY_FIELDS 16

/* Binds @f to the parameters @first + 1 to @first + N_FACILITY_FIELDS. */
static void
bind_facility_at (sqlite3_stmt *stmt, int first, const CpFacility *f)
{
  sqlite3_bind_int64 (stmt, first + 1, f->community_id);
  sqlite3_bind_text (stmt, first + 2, f->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 3, cp_facility_kinds[f->kind].key, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, first + 4, f->total_area_m2);
  sqlite3_bind_double (stmt, first + 5, f->service_area_m2);
  sqlite3_bind_double (stmt, first + 6, f->office_area_m2);
  sqlite3_bind_int64 (stmt, first + 7, f->independent_offices);
  sqlite3_bind_text (stmt, first + 8, cp_provisions[f->provision].key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 9, cp_statuses[f->status].key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 10, f->year);
  sqlite3_bind_int (stmt, first + 11, f->government_invested ? 1 : 0);
  sqlite3_bind_int (stmt, first + 12, f->property_registered ? 1 : 0);
  sqlite3_bind_int (stmt, first + 13, f->accessible ? 1 : 0);
  sqlite3_bind_int (stmt, first + 14, f->age_friendly ? 1 : 0);
  sqlite3_bind_int (stmt, first + 15, f->child_friendly ? 1 : 0);
  if (f->closed_year != 0)
    sqlite3_bind_int (stmt, first + 16, f->closed_year);
  else
    sqlite3_bind_null (stmt, first + 16);
}

static void
bind_facility_fields (sqlite3_stmt *stmt, const CpFacility *f)
{
  bind_facility_at (stmt, 0, f);
}

#define FACILITY_COLUMNS                                                                           \
  "community_id, name, kind, total_area_m2, service_area_m2, office_area_m2, "                     \
  "independent_offices, provision, status, year, government_invested, property_registered, "      \
  "accessible, age_friendly, child_friendly, closed_year"

gboolean
cp_facility_store_upsert (CpStore *store, CpFacility *facility, GError **error)
{
  g_return_val_if_fail (store != NULL && facility != NULL, FALSE);

  if (!cp_facility_validate (facility, error) || !cp_store_check_writable (store, error))
    return FALSE;

  /* With an id the record is updated in place (it may be renamed); without one the name within
   * its community identifies it, so a corrected import file updates what it imported before. */
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, facility->id > 0
                 ? "UPDATE facility SET (" FACILITY_COLUMNS ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                   "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) WHERE id = ?17 RETURNING id"
                 : "INSERT INTO facility (" FACILITY_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                   "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                   "ON CONFLICT (community_id, name) "
                   "DO UPDATE SET (" FACILITY_COLUMNS ") = (excluded.community_id, "
                   "excluded.name, excluded.kind, excluded.total_area_m2, "
                   "excluded.service_area_m2, excluded.office_area_m2, "
                   "excluded.independent_offices, excluded.provision, excluded.status, "
                   "excluded.year, excluded.government_invested, excluded.property_registered, "
                   "excluded.accessible, excluded.age_friendly, excluded.child_friendly, "
                   "excluded.closed_year) RETURNING id",
      error);
  if (stmt == NULL)
    return FALSE;
  bind_facility_fields (stmt, facility);
  if (facility->id > 0)
    sqlite3_bind_int64 (stmt, 17, facility->id);
  g_autoptr (GError) local_error = NULL;
  facility->id = _cp_store_step_returning_id (store, stmt, _("Cannot save the facility"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (facility->id == 0)
    return cp_set_error (error, CP_ERROR_NOT_FOUND, _("The facility was deleted meanwhile."));
  return TRUE;
}

/* Rows of one import statement: N_FACILITY_FIELDS parameters each, far below SQLite's limit of
 * 32,766. */
#define IMPORT_ROWS 256

/* "INSERT … VALUES (…), (…) … ON CONFLICT … DO UPDATE" of @n rows: one statement's start, reset
 * and bindings for many rows. (The CHECK constraints' IN (…) lists are built again for every row
 * all the same; an import turns the constraints off, see cp_store_set_check_constraints().) */
static char *
import_sql (guint n)
{
  GString *sql = g_string_new ("INSERT INTO facility (" FACILITY_COLUMNS ") VALUES ");

  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  g_string_append (sql, " ON CONFLICT (community_id, name) DO UPDATE SET (" FACILITY_COLUMNS
                        ") = (excluded.community_id, excluded.name, excluded.kind, "
                        "excluded.total_area_m2, excluded.service_area_m2, "
                        "excluded.office_area_m2, excluded.independent_offices, "
                        "excluded.provision, excluded.status, excluded.year, "
                        "excluded.government_invested, excluded.property_registered, "
                        "excluded.accessible, excluded.age_friendly, excluded.child_friendly, "
                        "excluded.closed_year)");
  return g_string_free (sql, FALSE);
}

/* The statement of IMPORT_ROWS rows is kept by the store (by the address of its text, made
 * once); a shorter one, the end of a file, is prepared each time. */
static gboolean
import_rows (CpStore *store, const CpFacility *facilities, guint n, GError **error)
{
  static char *full_sql = NULL;
  static gsize made = 0;
  g_autoptr (sqlite3_stmt) tail = NULL;
  sqlite3_stmt *stmt;

  if (n == IMPORT_ROWS)
    {
      if (g_once_init_enter (&made))
        {
          full_sql = import_sql (IMPORT_ROWS);
          g_once_init_leave (&made, 1);
        }
      stmt = cp_store_prepare_cached (store, full_sql, error);
    }
  else
    {
      g_autofree char *sql = import_sql (n);
      stmt = tail = cp_store_prepare (store, sql, error);
    }
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    bind_facility_at (stmt, (int) i * N_FACILITY_FIELDS, &facilities[i]);
  if (tail != NULL)
    return _cp_store_step_done (store, stmt, _("Cannot save the facility"), error);
  return _cp_store_step_cached (store, stmt, _("Cannot save the facility"), error);
}

gboolean
cp_facility_store_import (CpStore *store, const CpFacility *facilities, guint n, GError **error)
{
  g_return_val_if_fail (store != NULL && (facilities != NULL || n == 0), FALSE);

  for (guint done = 0; done < n; done += IMPORT_ROWS)
    if (!import_rows (store, facilities + done, MIN (n - done, IMPORT_ROWS), error))
      return FALSE;
  return TRUE;
}

gboolean
cp_facility_store_insert (CpStore *store, CpFacility *facility, GError **error)
{
  g_return_val_if_fail (store != NULL && facility != NULL && facility->id == 0, FALSE);

  if (!cp_facility_validate (facility, error) || !cp_store_check_writable (store, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT c.name, EXISTS (SELECT 1 FROM facility f WHERE f.community_id = c.id "
             "AND f.name = ?2) FROM community c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facility->community_id);
  sqlite3_bind_text (stmt, 2, facility->name, -1, SQLITE_STATIC);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return cp_set_error (error, CP_ERROR_NOT_FOUND, _("There is no community with id %lld."),
                         (long long) facility->community_id);
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot save the facility"), error);
  if (sqlite3_column_int (stmt, 1) != 0)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("A facility named “%s” already exists in %s. Choose another name, or "
                           "edit that facility instead."),
                         facility->name, (const char *) sqlite3_column_text (stmt, 0));
  return cp_facility_store_upsert (store, facility, error);
}

gboolean
cp_facility_store_delete (CpStore *store, gint64 id, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "DELETE FROM facility WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _cp_store_step_done (store, stmt, _("Cannot delete the facility"), error);
}

static void
read_facility (sqlite3_stmt *stmt, CpFacility *f)
{
  f->id = sqlite3_column_int64 (stmt, 0);
  f->community_id = sqlite3_column_int64 (stmt, 1);
  f->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  f->kind = MAX (0, cp_vocabulary_lookup (cp_facility_kinds, CP_N_FACILITY_KINDS,
                                          (const char *) sqlite3_column_text (stmt, 3)));
  f->total_area_m2 = sqlite3_column_double (stmt, 4);
  f->service_area_m2 = sqlite3_column_double (stmt, 5);
  f->office_area_m2 = sqlite3_column_double (stmt, 6);
  f->independent_offices = sqlite3_column_int64 (stmt, 7);
  f->provision = MAX (0, cp_vocabulary_lookup (cp_provisions, CP_N_PROVISIONS,
                                               (const char *) sqlite3_column_text (stmt, 8)));
  f->status = MAX (0, cp_vocabulary_lookup (cp_statuses, CP_N_STATUSES,
                                            (const char *) sqlite3_column_text (stmt, 9)));
  f->year = sqlite3_column_int (stmt, 10);
  f->government_invested = sqlite3_column_int (stmt, 11) != 0;
  f->property_registered = sqlite3_column_int (stmt, 12) != 0;
  f->accessible = sqlite3_column_int (stmt, 13) != 0;
  f->age_friendly = sqlite3_column_int (stmt, 14) != 0;
  f->child_friendly = sqlite3_column_int (stmt, 15) != 0;
  f->closed_year = sqlite3_column_int (stmt, 16);
}

GArray *
cp_facility_store_list (CpStore *store, gint64 community_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT id, " FACILITY_COLUMNS " FROM facility WHERE community_id = ?1 ORDER BY name",
      error);
  if (stmt == NULL)
    return NULL;

  GArray *facilities = g_array_new (FALSE, TRUE, sizeof (CpFacility));
  g_array_set_clear_func (facilities, (GDestroyNotify) cp_facility_clear);
  sqlite3_bind_int64 (stmt, 1, community_id);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpFacility f = { 0 };
      read_facility (stmt, &f);
      g_array_append_val (facilities, f);
    }
  if (rc != SQLITE_DONE)
    {
      g_array_unref (facilities);
      cp_store_set_sqlite_error (store, _("Cannot read the facilities"), error);
      return NULL;
    }
  return facilities;
}

/* The check */

/* The facilities that count in year ?1, aggregated per community into the fields of
 * CpFacilityTally; planned work (规划, 在建) counts when ?9 is 1 (unbound: not). Its WHERE is
 * cp_facility_count_in_year() in SQL: the one place the query states it. Append further
 * conditions, then "GROUP BY community_id". */
#define TALLY_SQL                                                                                  \
  "SELECT community_id, count(*) AS counted, sum(total_area_m2) AS area,"                         \
  "       min(total_area_m2) AS smallest, min(service_area_m2 / total_area_m2) AS share,"         \
  "       sum(independent_offices) AS offices,"                                                   \
  "       sum(government_invested AND NOT property_registered) AS unregistered"                   \
  "  FROM facility WHERE kind = 'comprehensive' AND year <= ?1"                                 \
  "   AND (closed_year IS NULL OR ?1 < closed_year)"                                           \
  "   AND CASE status WHEN 'in_use' THEN 1 WHEN 'closed' THEN closed_year IS NOT NULL"          \
  "                   ELSE ?9 IS 1 END"

/* One pass: households latest at or before the year (index seek per community), facilities
 * aggregated per community. Columns as read by read_check_row(). */
static const char check_sql[]
    = "WITH tally AS (" TALLY_SQL " GROUP BY community_id) "
      "SELECT c.id, c.code, c.name, t.code, t.name, c.kind, c.relocation_site,"
      "       " CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?1") ","
      "       f.counted, f.area, f.smallest, f.share, f.offices, f.unregistered "
      "FROM community c JOIN township t ON t.id = c.township_id "
      "LEFT JOIN tally f ON f.community_id = c.id "
      "WHERE ?2 = 0 OR c.township_id = ?2 "
      "ORDER BY t.code, c.code";

/* The rows of the list for the community ids of the JSON array ?2, with their position in it. */
static const char page_sql[]
    = "WITH ids AS (SELECT key AS pos, value AS id FROM json_each(?2)), "
      "tally AS (" TALLY_SQL " AND community_id IN (SELECT id FROM ids) GROUP BY community_id) "
      "SELECT c.id, c.code, c.name, t.code, t.name, c.kind, c.relocation_site, "
      "       " CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?1") ","
      "       f.counted, f.area, f.smallest, f.share, f.offices, f.unregistered, ids.pos "
      "FROM ids JOIN community c ON c.id = ids.id JOIN township t ON t.id = c.township_id "
      "LEFT JOIN tally f ON f.community_id = c.id ORDER BY ids.pos";

/* Reads the tally from six result columns starting at @column: counted, area, smallest, share,
 * offices, unregistered (NULL when the community has no counted facility). */
static void
read_tally (sqlite3_stmt *stmt, int column, CpFacilityTally *tally)
{
  cp_facility_tally_init (tally);
  tally->counted = sqlite3_column_int (stmt, column);
  tally->area_m2 = sqlite3_column_double (stmt, column + 1);
  if (tally->counted > 0)
    {
      tally->smallest_area_m2 = sqlite3_column_double (stmt, column + 2);
      tally->lowest_service_share = sqlite3_column_double (stmt, column + 3);
    }
  tally->independent_offices = sqlite3_column_int64 (stmt, column + 4);
  tally->unregistered = sqlite3_column_int (stmt, column + 5);
}

/* Reads a row of check_sql or page_sql and decides it by cp_facility_rules_check(). */
static void
read_check_row (sqlite3_stmt *stmt, const CpStandards *standards, CpCheckRow *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = (const char *) sqlite3_column_text (stmt, 1);
  row->name = (const char *) sqlite3_column_text (stmt, 2);
  row->township_code = (const char *) sqlite3_column_text (stmt, 3);
  row->township = (const char *) sqlite3_column_text (stmt, 4);
  row->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "rural") == 0
                  ? CP_COMMUNITY_RURAL
                  : CP_COMMUNITY_URBAN;
  row->relocation_site = sqlite3_column_int (stmt, 6) != 0;
  row->households = sqlite3_column_int64 (stmt, 7);
  read_tally (stmt, 8, &row->tally);
  cp_facility_rules_check (row->kind, row->relocation_site, row->households, &row->tally, standards,
                           &row->result);
}

gboolean
cp_facility_store_check_rows (CpStore *store,
                              const CpStandards *standards,
                              gint64 township_id,
                              CpCheckRowFunc func,
                              gpointer user_data,
                              GError **error)
{
  return cp_facility_store_check_rows_full (store, standards, township_id, FALSE, func,
                                            user_data, error);
}

gboolean
cp_facility_store_check_rows_full (CpStore *store,
                                   const CpStandards *standards,
                                   gint64 township_id,
                                   gboolean projected,
                                   CpCheckRowFunc func,
                                   gpointer user_data,
                                   GError **error)
{
  g_return_val_if_fail (store != NULL && standards != NULL && func != NULL, FALSE);

  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, check_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, standards->year);
  sqlite3_bind_int64 (stmt, 2, township_id);
  sqlite3_bind_int (stmt, 9, projected ? 1 : 0);

  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpCheckRow row;
      read_check_row (stmt, standards, &row);
      if (!func (&row, user_data))
        return cp_set_error (error, CP_ERROR_CANCELLED, _("The check was cancelled."));
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot check the facilities"), error);
  return TRUE;
}

/* The window's community list */

/* cp_check_value(what, rural, relocation, households, counted, area, smallest, share, offices,
 * unregistered, area per 100 households, rural building minimum, service share minimum): a
 * figure of cp_facility_rules_check() for sorting, so that the list sorts on the values the check
 * shows.
 * @what: 0 required area, 1 actual area, 2 shortfall, 3 the result's rank (the number of broken
 * rules × 256 + the set of them: compliant communities first, the same failures together). */
static void
check_value_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  CpFacilityTally tally;
  CpCommunityResult result;
  CpStandards standards = {
    .area_per_100_households_m2 = sqlite3_value_double (argv[10]),
    .rural_building_min_m2 = sqlite3_value_double (argv[11]),
    .service_share_min = sqlite3_value_double (argv[12]),
  };

  g_assert (argc == 13);
  cp_facility_tally_init (&tally);
  tally.counted = sqlite3_value_int (argv[4]);
  tally.area_m2 = sqlite3_value_double (argv[5]);
  if (tally.counted > 0)
    {
      tally.smallest_area_m2 = sqlite3_value_double (argv[6]);
      tally.lowest_service_share = sqlite3_value_double (argv[7]);
    }
  tally.independent_offices = sqlite3_value_int64 (argv[8]);
  tally.unregistered = sqlite3_value_int (argv[9]);
  cp_facility_rules_check (sqlite3_value_int (argv[1]) ? CP_COMMUNITY_RURAL : CP_COMMUNITY_URBAN,
                           sqlite3_value_int (argv[2]) != 0, sqlite3_value_int64 (argv[3]), &tally,
                           &standards, &result);
  switch (sqlite3_value_int (argv[0]))
    {
    case 0:
      sqlite3_result_double (context, result.required_area_m2);
      break;
    case 1:
      sqlite3_result_double (context, result.actual_area_m2);
      break;
    case 2:
      sqlite3_result_double (context, result.shortfall_m2);
      break;
    default:
      sqlite3_result_int (context, __builtin_popcount (result.violations) * 256
                                       + (int) result.violations);
      break;
    }
}

static gboolean
register_check_value (CpStore *store, GError **error)
{
  if (sqlite3_create_function_v2 (_cp_store_get_db (store), "cp_check_value", 13,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, check_value_func,
                                  NULL, NULL, NULL)
      != SQLITE_OK)
    return cp_store_set_sqlite_error (store, _("Cannot list the communities"), error);
  return TRUE;
}

#define CHECK_VALUE_SQL(what)                                                                      \
  "cp_check_value(" what ", c.kind = 'rural', c.relocation_site, "                                 \
  CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?1") ", coalesce(f.counted, 0), coalesce(f.area, 0), "       \
  "f.smallest, f.share, coalesce(f.offices, 0), coalesce(f.unregistered, 0), ?4, ?5, ?6)"

/* What each sort key sorts by. */
static const struct
{
  const char *expression;
  gboolean needs_tally;
} sort_keys[CP_COMMUNITY_SORT_NATURAL] = {
  [CP_COMMUNITY_SORT_CODE] = { "c.code", FALSE },
  [CP_COMMUNITY_SORT_TOWNSHIP] = { "t.code", FALSE },
  [CP_COMMUNITY_SORT_NAME] = { "c.name", FALSE },
  [CP_COMMUNITY_SORT_KIND] = { "c.kind", FALSE },
  [CP_COMMUNITY_SORT_HOUSEHOLDS] = { CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?1"), FALSE },
  [CP_COMMUNITY_SORT_REQUIRED] = { CHECK_VALUE_SQL ("0"), TRUE },
  [CP_COMMUNITY_SORT_ACTUAL] = { CHECK_VALUE_SQL ("1"), TRUE },
  [CP_COMMUNITY_SORT_SHORTFALL] = { CHECK_VALUE_SQL ("2"), TRUE },
  [CP_COMMUNITY_SORT_RESULT] = { CHECK_VALUE_SQL ("3"), TRUE },
};

#define LIST_FROM "FROM community c JOIN township t ON t.id = c.township_id "
#define LIST_TALLY "LEFT JOIN tally f ON f.community_id = c.id "
#define LIST_WHERE                                                                                 \
  "WHERE (?2 = 0 OR c.township_id = ?2) AND (?3 IS NULL OR c.code LIKE ?3 ESCAPE '\\' "            \
  "OR c.name LIKE ?3 ESCAPE '\\') "

/* With @decide, the columns after the id are what cp_facility_rules_check() needs (read by
 * read_list_result()). */
#define LIST_DECIDE_COLUMNS                                                                        \
  ", c.kind = 'rural', c.relocation_site, " CP_HOUSEHOLDS_IN_YEAR_SQL ("c.id", "?1")               \
  ", f.counted, f.area, f.smallest, f.share, f.offices, f.unregistered "

static char *
list_sql (CpCommunitySort sort, gboolean descending, gboolean decide)
{
  gboolean tally = decide || (sort < CP_COMMUNITY_SORT_NATURAL && sort_keys[sort].needs_tally);

  /* Composed of the fixed fragments above only; every value is bound. */
  return g_strconcat (tally ? "WITH tally AS (" TALLY_SQL " GROUP BY community_id) " : "",
                      "SELECT c.id", decide ? LIST_DECIDE_COLUMNS : " ", LIST_FROM,
                      tally ? LIST_TALLY : "", LIST_WHERE, "ORDER BY ",
                      sort < CP_COMMUNITY_SORT_NATURAL ? sort_keys[sort].expression : "t.code",
                      sort < CP_COMMUNITY_SORT_NATURAL ? (descending ? " DESC" : " ASC") : "",
                      sort < CP_COMMUNITY_SORT_NATURAL ? ", t.code, c.code" : ", c.code", NULL);
}

/* The result of a row of list_sql (@decide TRUE) under @standards. */
static void
read_list_result (sqlite3_stmt *stmt, const CpStandards *standards, CpCommunityResult *result)
{
  CpFacilityTally tally;

  read_tally (stmt, 4, &tally);
  cp_facility_rules_check (sqlite3_column_int (stmt, 1) ? CP_COMMUNITY_RURAL : CP_COMMUNITY_URBAN,
                           sqlite3_column_int (stmt, 2) != 0, sqlite3_column_int64 (stmt, 3),
                           &tally, standards, result);
}

/* "%@search%" for LIKE with '\' escaping, or NULL for no search. */
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

gboolean
cp_facility_store_filter_community_ids (CpStore *store,
                                        int year,
                                        const CpCommunityFilter *filter,
                                        CpCommunitySort sort,
                                        gboolean descending,
                                        GArray *out_ids,
                                        CpCommunityTotals *out_totals,
                                        GError **error)
{
  CpStandards standards;

  g_return_val_if_fail (store != NULL && filter != NULL && out_ids != NULL, FALSE);

  if (out_totals != NULL)
    *out_totals = (CpCommunityTotals){ 0 };
  if (!cp_facility_store_get_standards (store, year, &standards, NULL, error)
      || !register_check_value (store, error))
    return FALSE;
  /* Deciding every community costs the tally of every facility: only when asked for. */
  gboolean decide = filter->failing != 0 || out_totals != NULL;
  g_autofree char *sql = list_sql (sort, descending, decide);
  g_autofree char *pattern = like_pattern (filter->search);
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, filter->township_id);
  sqlite3_bind_text (stmt, 3, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, standards.area_per_100_households_m2);
  sqlite3_bind_double (stmt, 5, standards.rural_building_min_m2);
  sqlite3_bind_double (stmt, 6, standards.service_share_min);
  sqlite3_bind_int (stmt, 9, filter->projected ? 1 : 0);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (decide)
        {
          CpCommunityResult result;
          read_list_result (stmt, &standards, &result);
          if (out_totals != NULL)
            {
              out_totals->matched++;
              if (result.violations == 0)
                out_totals->compliant++;
              else
                out_totals->failing++;
              out_totals->shortfall_m2 += result.shortfall_m2;
            }
          if (filter->failing != 0 && (result.violations & filter->failing) == 0)
            continue;
        }
      g_array_append_val (out_ids, id);
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot list the communities"), error);
  if (out_totals != NULL)
    out_totals->shortfall_m2 = cp_round1 (out_totals->shortfall_m2);
  return TRUE;
}

gboolean
cp_facility_store_list_community_ids (CpStore *store,
                                      int year,
                                      gint64 township_id,
                                      const char *search,
                                      CpCommunitySort sort,
                                      gboolean descending,
                                      GArray *out_ids,
                                      GError **error)
{
  CpCommunityFilter filter = { township_id, search, 0 };

  return cp_facility_store_filter_community_ids (store, year, &filter, sort, descending, out_ids,
                                                 NULL, error);
}

static char *
ids_json (const gint64 *ids, guint n)
{
  GString *json = g_string_sized_new (n * 8 + 2);
  g_string_append_c (json, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

gboolean
cp_facility_store_read_community_rows (CpStore *store,
                                       int year,
                                       const gint64 *ids,
                                       guint n,
                                       CpCommunityRowFunc func,
                                       gpointer user_data,
                                       GError **error)
{
  return cp_facility_store_read_community_rows_full (store, year, FALSE, ids, n, func, user_data,
                                                     error);
}

gboolean
cp_facility_store_read_community_rows_full (CpStore *store,
                                            int year,
                                            gboolean projected,
                                            const gint64 *ids,
                                            guint n,
                                            CpCommunityRowFunc func,
                                            gpointer user_data,
                                            GError **error)
{
  CpStandards standards;

  g_return_val_if_fail (store != NULL && (ids != NULL || n == 0) && func != NULL, FALSE);

  if (!cp_facility_store_get_standards (store, year, &standards, NULL, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, page_sql, error);
  if (stmt == NULL)
    return FALSE;
  g_autofree char *json = ids_json (ids, n);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, projected ? 1 : 0);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpCheckRow row;
      guint pos = (guint) sqlite3_column_int (stmt, 14);
      read_check_row (stmt, &standards, &row);
      if (pos < n)
        func (pos, &row, user_data);
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the communities"), error);
  return TRUE;
}

gboolean
cp_facility_store_change_years (CpStore *store, int year, GArray *out_years, GError **error)
{
  g_return_val_if_fail (store != NULL && out_years != NULL, FALSE);

  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT year FROM facility WHERE year > ?1 "
             "UNION SELECT closed_year FROM facility WHERE closed_year > ?1 "
             "UNION SELECT year FROM community_year WHERE year > ?1 "
             "UNION SELECT year FROM standard WHERE year > ?1 ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int y = sqlite3_column_int (stmt, 0);
      g_array_append_val (out_years, y);
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the facilities"), error);
  return TRUE;
}
