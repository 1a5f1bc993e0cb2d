/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-staff-chart.h"

#define TEN_THOUSAND_YUAN_FEN 1000000.0

static double
average (const CpBarChart *chart)
{
  double sum = 0;

  for (guint i = 0; i < chart->bars->len; i++)
    sum += g_array_index (chart->bars, CpBarChartBar, i).value;
  return chart->bars->len > 0 ? sum / chart->bars->len : 0;
}

static void
set_last_series (CpBarChart *chart, guint series)
{
  g_array_index (chart->bars, CpBarChartBar, chart->bars->len - 1).series = series;
}

/* The average of the bars as the reference line, labelled @label (taken). */
static void
set_reference (CpBarChart *chart, double reference, char *label)
{
  chart->reference = reference;
  g_free (chart->reference_label);
  chart->reference_label = label;
}

CpBarChart *
cp_staff_chart_new_levels_from (const CpStaffFigures *figures, const CpPayParams *params)
{
  g_return_val_if_fail (figures != NULL && params != NULL, NULL);

  g_autofree char *title = g_strdup_printf (_("Community workers by post and level (%d)"),
                                            figures->year);
  /* Head counts: no reference line (an average of the bars means nothing), a colour a post. */
  CpBarChart *chart = cp_bar_chart_new (title, _("People"), _("Post and level"), "", "", "", 0);
  const char *posts[CP_N_POSTS + 1] = { NULL };

  for (int post = 0; post < CP_N_POSTS; post++)
    posts[post] = cp_vocabulary_display (cp_posts, CP_N_POSTS, post);
  cp_bar_chart_set_series (chart, posts);
  chart->whole_values = TRUE;
  for (int post = 0; post < CP_N_POSTS; post++)
    {
      const char *post_name = posts[post];
      int min = 0, max = 0;

      if (!cp_post_has_levels (post))
        {
          guint n = figures->by_post[post];
          cp_bar_chart_add_bar (chart, post_name, n, FALSE,
                                g_strdup_printf (ngettext ("%s: %u person", "%s: %u people", n),
                                                 post_name, n));
          set_last_series (chart, post);
          continue;
        }
      cp_post_level_range (params, post, &min, &max);
      for (int level = MAX (min, CP_LEVEL_MIN); level <= MIN (max, CP_LEVEL_MAX); level++)
        {
          guint n = figures->by_level[post][level];
          /* TRANSLATORS: a bar of the chart: a post and a level, e.g. "社区正职7级" */
          g_autofree char *label = g_strdup_printf (_("%s, level %d"), post_name, level);
          cp_bar_chart_add_bar (chart, label, n, FALSE,
                                g_strdup_printf (ngettext ("%s: %u person", "%s: %u people", n),
                                                 label, n));
          set_last_series (chart, post);
        }
    }
  return chart;
}

CpBarChart *
cp_staff_chart_new_pay_cost_from (const CpStaffFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);

  g_autofree char *title = g_strdup_printf (_("Pay cost of community workers by township (%d)"),
                                            figures->year);
  /* One colour: a township that costs less than the average is no shortfall. */
  CpBarChart *chart = cp_bar_chart_new (title, _("10,000 yuan"), _("Township"), "", "", "", 0);
  const char *series[] = { _("Gross pay and employer 5+1"), NULL };

  cp_bar_chart_set_series (chart, series);

  for (guint i = 0; i < figures->townships->len; i++)
    {
      const CpStaffTownshipCost *t = &g_array_index (figures->townships, CpStaffTownshipCost, i);
      double value = (double) (t->gross_fen + t->employer_fen) / TEN_THOUSAND_YUAN_FEN;
      char *tooltip = g_strdup_printf (ngettext ("%s: %.1f × 10,000 yuan for %u person",
                                                 "%s: %.1f × 10,000 yuan for %u people", t->staff),
                                       t->name, value, t->staff);
      cp_bar_chart_add_bar (chart, t->name, value, FALSE, tooltip);
    }
  double mean = average (chart);
  set_reference (chart, mean, g_strdup_printf (_("Average %.1f × 10,000 yuan a township"), mean));
  return chart;
}

CpBarChart *
cp_staff_chart_new_levels (CpStore *store, int year, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  CpPayParams params;
  if (!cp_staff_store_get_params (store, year, &params, error))
    return NULL;
  g_autoptr (CpStaffFigures) figures = cp_staff_figures_new (store, year, NULL, error);
  return figures != NULL ? cp_staff_chart_new_levels_from (figures, &params) : NULL;
}

CpBarChart *
cp_staff_chart_new_pay_cost (CpStore *store, int year, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  g_autoptr (CpStaffFigures) figures = cp_staff_figures_new (store, year, NULL, error);
  return figures != NULL ? cp_staff_chart_new_pay_cost_from (figures) : NULL;
}

gboolean
cp_staff_chart_export_levels (CpStore *store, int year, const char *out_path, GError **error)
{
  g_autoptr (CpBarChart) chart = cp_staff_chart_new_levels (store, year, error);

  return chart != NULL
         && cp_bar_chart_write (chart, CP_STAFF_CHART_WIDTH, CP_STAFF_CHART_HEIGHT, out_path,
                                error);
}

gboolean
cp_staff_chart_export_pay_cost (CpStore *store, int year, const char *out_path, GError **error)
{
  g_autoptr (CpBarChart) chart = cp_staff_chart_new_pay_cost (store, year, error);

  return chart != NULL
         && cp_bar_chart_write (chart, CP_STAFF_CHART_WIDTH, CP_STAFF_CHART_HEIGHT, out_path,
                                error);
}
