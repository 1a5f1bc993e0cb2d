/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-bar-chart.h"
#include "cp-error.h"
#include "cp-facility-chart.h"
#include "cp-reports.h"
#include "cp-staff-chart.h"

static const CpChartKind charts[] = {
  { "facilities", cp_facility_chart_export },
  { "staff-levels", cp_staff_chart_export_levels },
  { "pay-cost", cp_staff_chart_export_pay_cost },
  { NULL, NULL },
};

const CpChartKind *
cp_reports_get_charts (void)
{
  return charts;
}

const CpChartKind *
cp_reports_find_chart (const char *name)
{
  for (const CpChartKind *kind = charts; kind->name != NULL; kind++)
    if (g_strcmp0 (kind->name, name) == 0)
      return kind;
  return NULL;
}

static char *
chart_names (void)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (const CpChartKind *kind = charts; kind->name != NULL; kind++)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", kind->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
cp_chart_export (CpStore *store, const char *name, int year, const char *out_path,
                 GError **error)
{
  g_return_val_if_fail (store != NULL && name != NULL && out_path != NULL, FALSE);

  const CpChartKind *kind = cp_reports_find_chart (name);
  if (kind == NULL)
    {
      g_autofree char *names = chart_names ();
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("There is no chart “%s”; the charts are: %s."), name, names);
    }
  return cp_bar_chart_check_path (out_path, error) && kind->export (store, year, out_path, error);
}
