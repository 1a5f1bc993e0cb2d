/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-check.h"

/* One pass: households latest at or before the year (index seek per community), facilities
 * aggregated per community. The WHERE of the facility aggregate is cp_facility_counts_in_year()
 * in SQL; the aggregates are the fields of CpFacilityTally. */
static const char check_sql[]
    = "WITH tally AS (" CP_CHECK_TALLY_SQL " GROUP BY community_id) "
      "SELECT c.id, c.code, c.name, t.code, t.name, c.kind, c.relocation_site,"
      "       coalesce((SELECT households FROM community_year y WHERE y.community_id = c.id"
      "                 AND y.year <= ?1 ORDER BY y.year DESC LIMIT 1), 0),"
      "       coalesce(f.counted, 0), coalesce(f.area, 0), f.smallest, f.share,"
      "       coalesce(f.offices, 0), coalesce(f.unregistered, 0) "
      "FROM community c JOIN township t ON t.id = c.township_id "
      "LEFT JOIN tally f ON f.community_id = c.id "
      "WHERE ?2 = 0 OR c.township_id = ?2 "
      "ORDER BY t.code, c.code";

static void
read_row (sqlite3_stmt *stmt, CpCheckRow *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->code = (const char *) sqlite3_column_text (stmt, 1);
  row->name = (const char *) sqlite3_column_text (stmt, 2);
  row->township_code = (const char *) sqlite3_column_text (stmt, 3);
  row->township = (const char *) sqlite3_column_text (stmt, 4);
  row->kind = g_str_equal (sqlite3_column_text (stmt, 5), "rural") ? CP_COMMUNITY_RURAL
                                                                   : CP_COMMUNITY_URBAN;
  row->relocation_site = sqlite3_column_int (stmt, 6) != 0;
  row->households = sqlite3_column_int64 (stmt, 7);

  cp_check_read_tally (stmt, 8, &row->tally);
}

void
cp_check_read_tally (sqlite3_stmt *stmt, int column, CpFacilityTally *tally)
{
  g_return_if_fail (stmt != NULL && tally != NULL);

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

static void
summary_add (CpCheckSummary *summary, const CpCheckRow *row)
{
  summary->communities++;
  if (row->result.violations == 0)
    summary->compliant++;
  if (row->tally.counted > 0)
    summary->covered++;
  if (row->kind == CP_COMMUNITY_RURAL)
    {
      summary->rural++;
      if (row->tally.counted > 0)
        summary->rural_covered++;
    }
  summary->total_shortfall_m2 += row->result.shortfall_m2;
}

gboolean
cp_check_run (CpStore *store,
              int year,
              gint64 township_id,
              CpCheckRowFunc func,
              gpointer user_data,
              CpCheckSummary *summary,
              GCancellable *cancellable,
              GError **error)
{
  g_return_val_if_fail (store != NULL && summary != NULL, FALSE);

  *summary = (CpCheckSummary){ .year = year };
  if (!cp_store_get_standards (store, year, &summary->standards, NULL, error))
    return FALSE;

  sqlite3_stmt *stmt = cp_store_prepare (store, check_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, township_id);

  int rc;
  gboolean stopped = FALSE;
  while (!stopped && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpCheckRow row;
      read_row (stmt, &row);
      cp_rules_check (row.kind, row.relocation_site, row.households, &row.tally,
                      &summary->standards, &row.result);
      summary_add (summary, &row);
      if (func != NULL && !func (&row, user_data))
        stopped = TRUE;
      if ((summary->communities & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        stopped = TRUE;
    }
  sqlite3_finalize (stmt);
  if (stopped)
    return cp_set_error (error, CP_ERROR_CANCELLED, _("The check was cancelled."));
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot check the facilities"), error);
  summary->total_shortfall_m2 = cp_round1 (summary->total_shortfall_m2);
  return TRUE;
}

double
cp_check_summary_coverage_rate (const CpCheckSummary *summary)
{
  return summary->communities > 0 ? (double) summary->covered / summary->communities : 1.0;
}

double
cp_check_summary_compliant_rate (const CpCheckSummary *summary)
{
  return summary->communities > 0 ? (double) summary->compliant / summary->communities : 1.0;
}

void
cp_township_result_clear (CpTownshipResult *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_pointer (&result->name, g_free);
}

double
cp_township_result_area_per_100 (const CpTownshipResult *result)
{
  return result->households > 0 ? result->actual_area_m2 * 100.0 / (double) result->households
                                 : 0.0;
}

struct _CpTownshipTotals
{
  GArray *townships;   /* CpTownshipResult, code order */
  GHashTable *by_code; /* township code → index in townships */
};

static gboolean
load_townships (CpStore *store, CpTownshipTotals *totals, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare (store, "SELECT id, code, name FROM township ORDER BY code",
                                         error);
  if (stmt == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpTownshipResult t = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };
      g_hash_table_insert (totals->by_code, t.code, GUINT_TO_POINTER (totals->townships->len));
      g_array_append_val (totals->townships, t);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the townships"), error);
  return TRUE;
}

CpTownshipTotals *
cp_township_totals_new (CpStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  CpTownshipTotals *totals = g_new0 (CpTownshipTotals, 1);
  totals->townships = g_array_new (FALSE, TRUE, sizeof (CpTownshipResult));
  totals->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_array_set_clear_func (totals->townships, (GDestroyNotify) cp_township_result_clear);
  if (!load_townships (store, totals, error))
    g_clear_pointer (&totals, cp_township_totals_free);
  return totals;
}

void
cp_township_totals_free (CpTownshipTotals *totals)
{
  if (totals == NULL)
    return;
  g_hash_table_unref (totals->by_code);
  g_clear_pointer (&totals->townships, g_array_unref);
  g_free (totals);
}

void
cp_township_totals_add (CpTownshipTotals *totals, const CpCheckRow *row)
{
  gpointer index;

  g_return_if_fail (totals != NULL && row != NULL);

  if (!g_hash_table_lookup_extended (totals->by_code, row->township_code, NULL, &index))
    return;
  CpTownshipResult *t
      = &g_array_index (totals->townships, CpTownshipResult, GPOINTER_TO_UINT (index));
  t->communities++;
  if (row->result.violations == 0)
    t->compliant++;
  if (row->tally.counted > 0)
    t->covered++;
  t->households += row->households;
  t->required_area_m2 += row->result.required_area_m2;
  t->actual_area_m2 += row->result.actual_area_m2;
  t->shortfall_m2 += row->result.shortfall_m2;
}

GArray *
cp_township_totals_finish (CpTownshipTotals *totals)
{
  g_return_val_if_fail (totals != NULL, NULL);

  GArray *townships = g_steal_pointer (&totals->townships);
  cp_township_totals_free (totals);
  for (guint i = 0; i < townships->len; i++)
    {
      CpTownshipResult *t = &g_array_index (townships, CpTownshipResult, i);
      t->required_area_m2 = cp_round1 (t->required_area_m2);
      t->actual_area_m2 = cp_round1 (t->actual_area_m2);
      t->shortfall_m2 = cp_round1 (t->shortfall_m2);
    }
  return townships;
}

static gboolean
add_to_totals (const CpCheckRow *row, gpointer user_data)
{
  cp_township_totals_add (user_data, row);
  return TRUE;
}

GArray *
cp_check_townships (CpStore *store, int year, CpCheckSummary *summary, GCancellable *cancellable,
                    GError **error)
{
  CpCheckSummary local_summary;
  g_autoptr (CpTownshipTotals) totals = cp_township_totals_new (store, error);

  if (totals == NULL
      || !cp_check_run (store, year, 0, add_to_totals, totals,
                        summary != NULL ? summary : &local_summary, cancellable, error))
    return NULL;
  return cp_township_totals_finish (g_steal_pointer (&totals));
}
