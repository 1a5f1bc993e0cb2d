/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-check.h"
#include "cp-region-store.h"

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

typedef struct
{
  CpCheckSummary *summary;
  CpCheckRowFunc func;
  gpointer user_data;
  GCancellable *cancellable;
} Run;

static gboolean
run_row (const CpCheckRow *row, gpointer user_data)
{
  Run *run = user_data;

  summary_add (run->summary, row);
  if (run->func != NULL && !run->func (row, run->user_data))
    return FALSE;
  return (run->summary->communities & 0xfff) != 0 || !g_cancellable_is_cancelled (run->cancellable);
}

gboolean
cp_facility_check_run (CpStore *store, int year, gint64 township_id, CpCheckRowFunc func,
                       gpointer user_data, CpCheckSummary *summary, GCancellable *cancellable,
                       GError **error)
{
  return cp_facility_check_run_full (store, year, township_id, FALSE, func, user_data, summary,
                                     cancellable, error);
}

gboolean
cp_facility_check_run_full (CpStore *store, int year, gint64 township_id, gboolean projected,
                            CpCheckRowFunc func, gpointer user_data, CpCheckSummary *summary,
                            GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL && summary != NULL, FALSE);

  *summary = (CpCheckSummary){ .year = year };
  if (!cp_facility_store_get_standards (store, year, &summary->standards, NULL, error))
    return FALSE;

  Run run = { summary, func, user_data, cancellable };
  if (!cp_facility_store_check_rows_full (store, &summary->standards, township_id, projected,
                                          run_row, &run, error))
    return FALSE;
  summary->total_shortfall_m2 = cp_round1 (summary->total_shortfall_m2);
  return TRUE;
}

double
cp_facility_check_summary_coverage_rate (const CpCheckSummary *summary)
{
  return summary->communities > 0 ? (double) summary->covered / summary->communities : 1.0;
}

double
cp_facility_check_summary_compliant_rate (const CpCheckSummary *summary)
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
  g_autoptr (GArray) townships = cp_region_store_list_townships (store, error);

  if (townships == NULL)
    return FALSE;
  for (guint i = 0; i < townships->len; i++)
    {
      CpTownship *township = &g_array_index (townships, CpTownship, i);
      CpTownshipResult t = {
        .id = township->id,
        .code = g_steal_pointer (&township->code),
        .name = g_steal_pointer (&township->name),
      };
      g_hash_table_insert (totals->by_code, t.code, GUINT_TO_POINTER (totals->townships->len));
      g_array_append_val (totals->townships, t);
    }
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
cp_facility_check_townships (CpStore *store, int year, CpCheckSummary *summary,
                             GCancellable *cancellable, GError **error)
{
  return cp_facility_check_townships_full (store, year, FALSE, summary, cancellable, error);
}

GArray *
cp_facility_check_townships_full (CpStore *store, int year, gboolean projected,
                                  CpCheckSummary *summary, GCancellable *cancellable,
                                  GError **error)
{
  CpCheckSummary local_summary;
  g_autoptr (CpTownshipTotals) totals = cp_township_totals_new (store, error);

  if (totals == NULL
      || !cp_facility_check_run_full (store, year, 0, projected, add_to_totals, totals,
                                      summary != NULL ? summary : &local_summary, cancellable,
                                      error))
    return NULL;
  return cp_township_totals_finish (g_steal_pointer (&totals));
}

/* Projection */

gboolean
cp_facility_check_horizon (CpStore *store, int year, int *out_horizon, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (out_horizon != NULL, FALSE);

  if (!cp_facility_store_change_years (store, year, years, error))
    return FALSE;
  *out_horizon = years->len > 0 ? g_array_index (years, int, years->len - 1) : year;
  return TRUE;
}

typedef struct
{
  GHashTable *projections;
  int year;
  int horizon;
  GCancellable *cancellable;
} Projecting;

/* Years come in order: a pass keeps compliant_from, a failure clears it; after the last year
 * compliant_from is the start of the run of passes that lasts to the horizon. */
static void
project_row (Projecting *p, const CpCheckRow *row)
{
  CpProjection *projection = g_hash_table_lookup (p->projections, &row->id);

  if (projection == NULL)
    {
      gint64 *id = g_new (gint64, 1);
      *id = row->id;
      projection = g_new0 (CpProjection, 1);
      g_hash_table_insert (p->projections, id, projection);
    }
  projection->horizon = p->horizon;
  if (row->result.violations != 0)
    projection->compliant_from = 0;
  else if (projection->compliant_from == 0)
    projection->compliant_from = p->year;
  projection->shortfall_m2 = row->result.shortfall_m2;
  projection->violations = row->result.violations;
}

static gboolean
project_check_row (const CpCheckRow *row, gpointer user_data)
{
  Projecting *p = user_data;

  project_row (p, row);
  return !g_cancellable_is_cancelled (p->cancellable);
}

static void
project_community_row (guint index, const CpCheckRow *row, gpointer user_data)
{
  project_row (user_data, row);
}

GHashTable *
cp_facility_check_projection (CpStore *store, int year, gint64 township_id, const gint64 *ids,
                              guint n, GCancellable *cancellable, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) projections
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_return_val_if_fail (store != NULL, NULL);

  g_array_append_val (years, year);
  if (!cp_facility_store_change_years (store, year, years, error))
    return NULL;
  Projecting p = { projections, year, g_array_index (years, int, years->len - 1), cancellable };
  for (guint i = 0; i < years->len; i++)
    {
      CpStandards standards;
      p.year = g_array_index (years, int, i);
      gboolean ok
          = ids != NULL
                ? cp_facility_store_read_community_rows_full (store, p.year, TRUE, ids, n,
                                                              project_community_row, &p, error)
                : cp_facility_store_get_standards (store, p.year, &standards, NULL, error)
                      && cp_facility_store_check_rows_full (store, &standards, township_id, TRUE,
                                                            project_check_row, &p, error);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&projections);
}
