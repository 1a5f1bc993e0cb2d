/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-chart.h"
#include "cp-report-text.h"

/* The most townships a chart shows: above that, those with the largest shortfall. */
#define MAX_BARS 40

static char *
tooltip_new (const char *label, double value, gboolean empty, gboolean below, double reference,
             const CpTownshipResult *t)
{
  if (empty)
    return g_strdup_printf (_("%s: no households recorded"), label);
  if (below)
    return g_strdup_printf (_("%s: %.1f m² per 100 households, below the standard of %g"), label,
                            value, reference);
  if (t->compliant < t->communities)
    /* Translators: a township whose average meets the standard while communities of it do not */
    return g_strdup_printf (_("%s: %.1f m² per 100 households, meets the standard of %g on "
                              "average, but only %u of its %u communities comply"),
                            label, value, reference, t->compliant, t->communities);
  return g_strdup_printf (_("%s: %.1f m² per 100 households, meets the standard of %g"), label,
                          value, reference);
}

/* Shortfall first; equal ones in code order (the array's). */
static int
compare_shortfall (gconstpointer a, gconstpointer b, gpointer townships)
{
  const CpTownshipResult *ta = &g_array_index ((GArray *) townships, CpTownshipResult,
                                               *(const guint *) a);
  const CpTownshipResult *tb = &g_array_index ((GArray *) townships, CpTownshipResult,
                                               *(const guint *) b);

  if (ta->shortfall_m2 != tb->shortfall_m2)
    return ta->shortfall_m2 < tb->shortfall_m2 ? 1 : -1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* The indices of the townships drawn: all of them in code order, or the MAX_BARS with the
 * largest shortfall, largest first. */
static GArray *
townships_shown (GArray *townships)
{
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), townships->len);

  for (guint i = 0; i < townships->len; i++)
    g_array_append_val (shown, i);
  if (townships->len > MAX_BARS)
    {
      g_array_sort_with_data (shown, compare_shortfall, townships);
      g_array_set_size (shown, MAX_BARS);
    }
  return shown;
}

CpBarChart *
cp_facility_chart_new_from_townships (GArray *townships, const CpStandards *standards, int year)
{
  g_return_val_if_fail (townships != NULL && standards != NULL, NULL);

  double reference = standards->area_per_100_households_m2;
  g_autoptr (GArray) shown = townships_shown (townships);
  g_autofree char *title
      = shown->len < townships->len
            /* Translators: %d is the year, then the townships shown and all of them */
            ? g_strdup_printf (_("Facility area per 100 households by township (%d): the %u of "
                                 "%u with the largest shortfall"),
                               year, shown->len, townships->len)
            : g_strdup_printf (_("Facility area per 100 households by township (%d)"), year);
  g_autofree char *reference_label
      = g_strdup_printf (_("Standard %g m² per 100 households"), reference);
  CpBarChart *chart = cp_bar_chart_new (title, _("m² per 100 households"), _("Township"),
                                        _("Actual, meets the standard"),
                                        _("Actual, below the standard"), reference_label,
                                        reference);
  chart->marked_label = g_strdup (_("Meets on average, some communities below"));

  for (guint i = 0; i < shown->len; i++)
    {
      const CpTownshipResult *t
          = &g_array_index (townships, CpTownshipResult, g_array_index (shown, guint, i));
      g_autofree char *name = cp_report_text_clean (t->name);
      double value = cp_township_result_area_per_100 (t);
      gboolean empty = t->households <= 0;

      cp_bar_chart_add_bar (chart, name, value, empty, NULL);
      CpBarChartBar *bar = &g_array_index (chart->bars, CpBarChartBar, i);
      gboolean below = cp_bar_chart_bar_is_below (chart, i);
      bar->tooltip = tooltip_new (name, value, empty, below, reference, t);
      /* An average that meets the standard is not the whole truth: marked when communities of
       * the township fall short (the tooltip says how many comply). */
      bar->marked = !empty && !below && t->compliant < t->communities;
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
