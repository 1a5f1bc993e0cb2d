/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-chart.h"
#include "cp-report-text.h"

static char *
tooltip_new (const char *label, double value, gboolean empty, gboolean below, double reference)
{
  if (empty)
    return g_strdup_printf (_("%s: no households recorded"), label);
  if (below)
    return g_strdup_printf (_("%s: %.1f m² per 100 households, below the standard of %g"), label,
                            value, reference);
  return g_strdup_printf (_("%s: %.1f m² per 100 households, meets the standard of %g"), label,
                          value, reference);
}

CpBarChart *
cp_facility_chart_new_from_townships (GArray *townships, const CpStandards *standards, int year)
{
  g_return_val_if_fail (townships != NULL && standards != NULL, NULL);

  double reference = standards->area_per_100_households_m2;
  g_autofree char *title
      = g_strdup_printf (_("Facility area per 100 households by township (%d)"), year);
  g_autofree char *reference_label
      = g_strdup_printf (_("Standard %g m² per 100 households"), reference);
  CpBarChart *chart = cp_bar_chart_new (title, _("m² per 100 households"), _("Township"),
                                        _("Actual, meets the standard"),
                                        _("Actual, below the standard"), reference_label,
                                        reference);

  for (guint i = 0; i < townships->len; i++)
    {
      const CpTownshipResult *t = &g_array_index (townships, CpTownshipResult, i);
      g_autofree char *label = cp_report_text_clean (t->name);
      double value = cp_township_result_area_per_100 (t);
      gboolean empty = t->households <= 0;

      cp_bar_chart_add_bar (chart, label, value, empty, NULL);
      CpBarChartBar *bar = &g_array_index (chart->bars, CpBarChartBar, i);
      bar->tooltip = tooltip_new (label, value, empty, cp_bar_chart_bar_is_below (chart, i),
                                  reference);
    }
  return chart;
}

CpBarChart *
cp_facility_chart_new (CpStore *store, int year, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  CpCheckSummary summary;
  g_autoptr (GArray) townships = cp_facility_check_townships (store, year, &summary, NULL, error);
  if (townships == NULL)
    return NULL;
  return cp_facility_chart_new_from_townships (townships, &summary.standards, year);
}

gboolean
cp_facility_chart_export (CpStore *store, int year, const char *out_path, GError **error)
{
  g_autoptr (CpBarChart) chart = cp_facility_chart_new (store, year, error);

  return chart != NULL
         && cp_bar_chart_write (chart, CP_FACILITY_CHART_WIDTH, CP_FACILITY_CHART_HEIGHT,
                                out_path, error);
}
