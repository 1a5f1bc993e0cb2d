/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facility check of a whole dataset for one year: the facility store's aggregate query,
 * each community decided by cp_facility_rules_check(); totals per township and for the dataset. */
#pragma once

#include <gio/gio.h>

#include "cp-facility-store.h"

G_BEGIN_DECLS

typedef struct
{
  int year;
  CpStandards standards;
  guint communities;
  guint compliant;
  guint covered;
  guint rural;
  guint rural_covered;
  double total_shortfall_m2;
} CpCheckSummary;

/* Checks every community in @year (optionally of one township, by id; 0 for all). */
gboolean cp_facility_check_run (CpStore *store, int year, gint64 township_id, CpCheckRowFunc func,
                                gpointer user_data, CpCheckSummary *summary,
                                GCancellable *cancellable, GError **error);
/* The same, planned work (规划, 在建) counted from its year with @projected. */
gboolean cp_facility_check_run_full (CpStore *store, int year, gint64 township_id,
                                     gboolean projected, CpCheckRowFunc func, gpointer user_data,
                                     CpCheckSummary *summary, GCancellable *cancellable,
                                     GError **error);

/* What the planned work does for one community, from the check's year on. */
typedef struct
{
  int compliant_from; /* from this year on it passes every rule in every later year, with the
                       * planned work counted from its year; 0 when the plan leaves it short */
  int horizon;        /* the year of the last change known (the check's year when none) */
  double shortfall_m2;     /* its shortfall in the horizon year, all planned work done */
  CpViolations violations; /* the rules it breaks then */
} CpProjection;

/* The last year after @year in which a facility opens or closes, or a community's figures or the
 * standards change (cp_facility_store_change_years()); @year when none. */
gboolean cp_facility_check_horizon (CpStore *store, int year, int *out_horizon, GError **error);

/* Each community's projection from @year (of @township_id, 0 for all; or, with @ids, the @n
 * communities @ids): the check with planned work counted, in @year and each later year in which
 * something changes. A hash table of community id (gint64 *) → CpProjection *. */
GHashTable *cp_facility_check_projection (CpStore *store, int year, gint64 township_id,
                                          const gint64 *ids, guint n, GCancellable *cancellable,
                                          GError **error);

/* One township's totals in a year: what the summary sheet, the chart and the printed summary show. */
typedef struct
{
  gint64 id;
  char *code;
  char *name;
  guint communities;
  guint compliant;
  guint covered;
  gint64 households;
  double required_area_m2;
  double actual_area_m2;
  double shortfall_m2;
} CpTownshipResult;

void cp_township_result_clear (CpTownshipResult *result);

/* Facility area per 100 households of @result (0 when it has no households). */
double cp_township_result_area_per_100 (const CpTownshipResult *result);

/* Township totals built up row by row during a check (for a report that writes the rows too). */
typedef struct _CpTownshipTotals CpTownshipTotals;

/* Every township of @store, with nothing added yet. */
CpTownshipTotals *cp_township_totals_new (CpStore *store, GError **error);
void cp_township_totals_free (CpTownshipTotals *totals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTownshipTotals, cp_township_totals_free)
void cp_township_totals_add (CpTownshipTotals *totals, const CpCheckRow *row);
/* Frees @totals and returns its CpTownshipResult array in code order, areas rounded to 0.1 m². */
GArray *cp_township_totals_finish (CpTownshipTotals *totals);

/* Runs the check of @year and returns an array of CpTownshipResult in township code order
 * (every township, also those without communities); @summary (optional) gets the totals. */
GArray *cp_facility_check_townships (CpStore *store, int year, CpCheckSummary *summary,
                                     GCancellable *cancellable, GError **error);
/* The same, planned work counted from its year with @projected. */
GArray *cp_facility_check_townships_full (CpStore *store, int year, gboolean projected,
                                          CpCheckSummary *summary, GCancellable *cancellable,
                                          GError **error);

/* Share of communities with at least one counted facility, 0..1 (1 when there are none). */
double cp_facility_check_summary_coverage_rate (const CpCheckSummary *summary);
double cp_facility_check_summary_compliant_rate (const CpCheckSummary *summary);

G_END_DECLS
