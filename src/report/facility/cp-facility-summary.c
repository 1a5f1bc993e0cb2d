/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-chart.h"
#include "cp-facility-check.h"
#include "cp-facility-summary.h"
#include "cp-report-text.h"
#include "cp-staff-summary.h"

#define CHART_ASPECT 0.62

typedef struct
{
  char *code;
  char *name;
  char *township;
  gint64 households;
  double required_m2;
  double actual_m2;
  double shortfall_m2;
} Shortfall;

static const CpDocumentColumn township_columns[] = {
  { NULL, N_("Township"), 0.13, FALSE },
  { "column of a count", NC_ ("column of a count", "Communities"), 0.13, TRUE },
  { NULL, N_("Compliant"), 0.115, TRUE },
  { NULL, N_("Coverage"), 0.105, TRUE },
  { NULL, N_("Households"), 0.125, TRUE },
  { NULL, N_("Required m²"), 0.13, TRUE },
  { NULL, N_("Actual m²"), 0.13, TRUE },
  { NULL, N_("Shortfall m²"), 0.135, TRUE },
};

static const CpDocumentColumn projected_columns[] = {
  { NULL, N_("Township"), 0.22, FALSE },
  { NULL, N_("Shortfall now m²"), 0.2, TRUE },
  { NULL, N_("Shortfall after the planned work m²"), 0.3, TRUE },
  { NULL, N_("Still falling short"), 0.28, TRUE },
};

static const CpDocumentColumn shortfall_columns[] = {
  { NULL, N_("No."), 0.055, TRUE },
  { NULL, N_("Code"), 0.15, FALSE },
  { NULL, N_("Township"), 0.13, FALSE },
  { NULL, N_("Community"), 0.21, FALSE },
  { NULL, N_("Households"), 0.12, TRUE },
  { NULL, N_("Required m²"), 0.11, TRUE },
  { NULL, N_("Actual m²"), 0.11, TRUE },
  { NULL, N_("Shortfall m²"), 0.115, TRUE },
};

struct _CpSummary
{
  int year;
  char *city;
  char *bureau;
  char *title;
  char *date;
  gboolean sample;
  CpCheckSummary totals;
  char *standards_source;
  GArray *townships;  /* CpTownshipResult */
  CpBarChart *chart;
  GArray *shortfalls; /* Shortfall, largest first, at most CP_SUMMARY_SHORTFALL_LIMIT */
  guint n_short;      /* communities that break the area rule */
  CpStaffFigures *staff; /* the 社工岗 section's figures */
  int horizon;          /* the year all planned work is done (the last change known) */
  GArray *projected;    /* CpTownshipResult in @horizon with planned work, as townships */
  CpCheckSummary projected_totals;
  CpDocument *document;
};

/* Gathering */

static void
shortfall_clear (Shortfall *s)
{
  g_free (s->code);
  g_free (s->name);
  g_free (s->township);
}

static int
shortfall_compare (gconstpointer a, gconstpointer b)
{
  const Shortfall *x = a, *y = b;

  if (x->shortfall_m2 != y->shortfall_m2)
    return x->shortfall_m2 > y->shortfall_m2 ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

/* Keeps the largest shortfalls: sorts and cuts whenever twice the limit has piled up, so that a
 * national dataset costs a bounded amount of memory. */
static void
shortfalls_trim (GArray *shortfalls)
{
  g_array_sort (shortfalls, shortfall_compare);
  if (shortfalls->len > CP_SUMMARY_SHORTFALL_LIMIT)
    g_array_set_size (shortfalls, CP_SUMMARY_SHORTFALL_LIMIT);
}

typedef struct
{
  CpSummary *summary;
  CpTownshipTotals *totals;
} Gathering;

/* One pass over the communities: the township totals and the largest shortfalls. */
static gboolean
collect_row (const CpCheckRow *row, gpointer user_data)
{
  Gathering *gathering = user_data;
  CpSummary *summary = gathering->summary;

  cp_township_totals_add (gathering->totals, row);
  if (!CP_VIOLATES (row->result.violations, CP_RULE_AREA))
    return TRUE;
  Shortfall s = {
    .code = cp_report_text_clean (row->code),
    .name = cp_report_text_clean (row->name),
    .township = cp_report_text_clean (row->township),
    .households = row->households,
    .required_m2 = row->result.required_area_m2,
    .actual_m2 = row->result.actual_area_m2,
    .shortfall_m2 = row->result.shortfall_m2,
  };
  g_array_append_val (summary->shortfalls, s);
  summary->n_short++;
  if (summary->shortfalls->len >= 2 * CP_SUMMARY_SHORTFALL_LIMIT)
    shortfalls_trim (summary->shortfalls);
  return TRUE;
}

static gboolean
gather (CpSummary *summary, CpStore *store, GCancellable *cancellable, GError **error)
{
  g_autoptr (CpTownshipTotals) totals = cp_township_totals_new (store, error);
  Gathering gathering = { summary, totals };

  if (totals == NULL
      || !cp_facility_check_run (store, summary->year, 0, collect_row, &gathering, &summary->totals,
                                 cancellable, error))
    return FALSE;
  summary->townships = cp_township_totals_finish (g_steal_pointer (&totals));
  shortfalls_trim (summary->shortfalls);
  summary->chart = cp_facility_chart_new_from_townships (summary->townships,
                                                         &summary->totals.standards,
                                                         summary->year);
  CpStandards unused;
  if (!cp_facility_store_get_standards (store, summary->year, &unused, &summary->standards_source,
                                        error))
    return FALSE;
  /* After the planned work: the check in the last year anything changes, planned work counted. */
  if (!cp_facility_check_horizon (store, summary->year, &summary->horizon, error))
    return FALSE;
  summary->projected = cp_facility_check_townships_full (store, summary->horizon, TRUE,
                                                         &summary->projected_totals, cancellable,
                                                         error);
  if (summary->projected == NULL)
    return FALSE;
  summary->staff = cp_staff_figures_new (store, summary->year, cancellable, error);
  return summary->staff != NULL;
}

/* Table cells */

static char *
township_cell (gconstpointer data, int row, guint column)
{
  const CpSummary *summary = data;
  const CpTownshipResult *t = row >= 0 ? &g_array_index (summary->townships, CpTownshipResult,
                                                         row)
                                       : NULL;
  CpTownshipResult total = { .name = (char *) _("Total"),
                             .communities = summary->totals.communities,
                             .compliant = summary->totals.compliant,
                             .covered = summary->totals.covered,
                             .shortfall_m2 = summary->totals.total_shortfall_m2 };

  if (t == NULL)
    {
      for (guint i = 0; i < summary->townships->len; i++)
        {
          const CpTownshipResult *each = &g_array_index (summary->townships, CpTownshipResult, i);
          total.households += each->households;
          total.required_area_m2 += each->required_area_m2;
          total.actual_area_m2 += each->actual_area_m2;
        }
      t = &total;
    }
  switch (column)
    {
    case 0: return cp_report_text_clean (t->name);
    case 1: return g_strdup_printf ("%u", t->communities);
    case 2: return g_strdup_printf ("%u", t->compliant);
    case 3:
      return t->communities > 0 ? g_strdup_printf ("%.1f%%", 100.0 * t->covered / t->communities)
                                : g_strdup ("—");
    case 4: return g_strdup_printf ("%" G_GINT64_FORMAT, t->households);
    case 5: return g_strdup_printf ("%.1f", t->required_area_m2);
    case 6: return g_strdup_printf ("%.1f", t->actual_area_m2);
    default: return g_strdup_printf ("%.1f", t->shortfall_m2);
    }
}

static char *
shortfall_cell (gconstpointer data, int row, guint column)
{
  const CpSummary *summary = data;
  const Shortfall *s = &g_array_index (summary->shortfalls, Shortfall, row);

  switch (column)
    {
    case 0: return g_strdup_printf ("%d", row + 1);
    case 1: return g_strdup (s->code);
    case 2: return g_strdup (s->township);
    case 3: return g_strdup (s->name);
    case 4: return g_strdup_printf ("%" G_GINT64_FORMAT, s->households);
    case 5: return g_strdup_printf ("%.1f", s->required_m2);
    case 6: return g_strdup_printf ("%.1f", s->actual_m2);
    default: return g_strdup_printf ("%.1f", s->shortfall_m2);
    }
}

static char *
projected_cell (gconstpointer data, int row, guint column)
{
  const CpSummary *summary = data;
  const CpTownshipResult *now = row >= 0 ? &g_array_index (summary->townships, CpTownshipResult,
                                                           row)
                                         : NULL;
  const CpTownshipResult *after
      = row >= 0 ? &g_array_index (summary->projected, CpTownshipResult, row) : NULL;
  const CpCheckSummary *t = &summary->projected_totals;

  switch (column)
    {
    case 0: return now != NULL ? cp_report_text_clean (now->name) : g_strdup (_("Total"));
    case 1:
      return g_strdup_printf ("%.1f", now != NULL ? now->shortfall_m2
                                                  : summary->totals.total_shortfall_m2);
    case 2: return g_strdup_printf ("%.1f", after != NULL ? after->shortfall_m2
                                                          : t->total_shortfall_m2);
    default:
      return g_strdup_printf ("%u", after != NULL ? after->communities - after->compliant
                                                  : t->communities - t->compliant);
    }
}

/* Content */

static void
add_figure (CpDocument *document, const char *label, char *value)
{
  g_autofree char *owned = value;

  cp_document_add_figure (document, label, owned);
}

static char *
share_text (guint part, guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  return g_strdup_printf (_("%.1f%% (%u of %u)"), 100.0 * part / whole, part, whole);
}

static void
add_key_figures (CpSummary *summary)
{
  const CpCheckSummary *t = &summary->totals;
  const CpStandards *st = &t->standards;
  CpDocument *d = summary->document;

  cp_document_add_heading (d, _("1. Key figures"));
  add_figure (d, _("Communities and villages"), g_strdup_printf ("%u", t->communities));
  add_figure (d, _("Facility coverage"), share_text (t->covered, t->communities));
  g_autofree char *rural_label = g_strdup_printf (_("Rural coverage (target %.0f%%)"),
                                                  st->rural_coverage_target * 100);
  add_figure (d, rural_label, share_text (t->rural_covered, t->rural));
  add_figure (d, _("Compliant with every rule"), share_text (t->compliant, t->communities));
  add_figure (d, _("Below the area standard"),
              g_strdup_printf (ngettext ("%u community", "%u communities", summary->n_short),
                               summary->n_short));
  add_figure (d, _("Total area shortfall"), g_strdup_printf (_("%.1f m²"), t->total_shortfall_m2));
  add_figure (d, _("Standards in force"),
              g_strdup_printf (_("%g m² per 100 households; rural buildings at least %g m²; "
                                 "service area at least %g%% of the total"),
                               st->area_per_100_households_m2, st->rural_building_min_m2,
                               st->service_share_min * 100));
  add_figure (d, _("Source of the standards"), cp_report_text_clean (summary->standards_source));
}

static void
add_paragraph (CpDocument *document, char *text, gboolean keep_with_next)
{
  g_autofree char *owned = text;

  cp_document_add_paragraph (document, owned);
  if (keep_with_next)
    cp_document_keep_with_next (document);
}

static void
add_shortfall_list (CpSummary *summary)
{
  guint listed = summary->shortfalls->len;
  CpDocument *d = summary->document;

  cp_document_add_heading (d, _("4. Communities below the area standard"));
  if (summary->n_short == 0)
    {
      cp_document_add_paragraph (d, _("Every community meets the area standard."));
      return;
    }
  if (listed < summary->n_short)
    add_paragraph (d, g_strdup_printf (_("The %u largest shortfalls are listed, largest first."),
                                       listed),
                   TRUE);
  else
    add_paragraph (d, g_strdup (_("Largest shortfall first.")), TRUE);
  cp_document_add_table (d, shortfall_columns, G_N_ELEMENTS (shortfall_columns), listed, FALSE,
                         shortfall_cell, summary);
  /* The closing line never stands alone on a page. */
  cp_document_keep_with_next (d);
  if (listed < summary->n_short)
    add_paragraph (d,
                   g_strdup_printf (ngettext ("… %u community falls short in all.",
                                              "… %u communities fall short in all.",
                                              summary->n_short),
                                    summary->n_short),
                   FALSE);
  else
    add_paragraph (d,
                   g_strdup_printf (ngettext ("%u community falls short in all.",
                                              "%u communities fall short in all.",
                                              summary->n_short),
                                    summary->n_short),
                   FALSE);
}

static void
add_projected (CpSummary *summary)
{
  CpDocument *d = summary->document;
  g_autofree char *heading
      = g_strdup_printf (_("5. After the planned work (%d)"), summary->horizon);

  cp_document_add_heading (d, heading);
  /* The same townships in the same order: both lists are every township by code. */
  if (summary->projected->len != summary->townships->len)
    return;
  add_paragraph (d,
                 g_strdup_printf (_("The planned and building facilities counted from the year "
                                    "they are planned to open, with the households and standards "
                                    "of %d: what is still short once all of them are done."),
                                  summary->horizon),
                 TRUE);
  cp_document_add_table (d, projected_columns, G_N_ELEMENTS (projected_columns),
                         summary->projected->len, TRUE, projected_cell, summary);
}

static void
build_content (CpSummary *summary)
{
  CpDocument *d = summary->document;

  cp_document_add_title (d, summary->title);
  g_autofree char *sample = summary->sample
                                ? g_strdup_printf ("\n%s", _("Sample data: the communities and "
                                                             "their figures are invented."))
                                : g_strdup ("");
  g_autofree char *subtitle = g_strdup_printf ("%s    %s%s", summary->bureau, summary->date,
                                               sample);
  cp_document_add_subtitle (d, subtitle, summary->sample);
  add_key_figures (summary);
  /* The chart before the township table: the overview fits on the first page, and the table
   * may go on over the next with its header repeated. */
  cp_document_add_heading (d, _("2. Facility area per 100 households"));
  cp_document_add_chart (d, summary->chart, CHART_ASPECT);
  cp_document_add_heading (d, _("3. Results by township"));
  cp_document_add_table (d, township_columns, G_N_ELEMENTS (township_columns),
                         summary->townships->len, TRUE, township_cell, summary);
  add_shortfall_list (summary);
  add_projected (summary);
  /* Nothing when nobody is on the roster. */
  cp_staff_summary_add_section (d, summary->staff, _("6. Community workers (社工岗)"));
  /* The signatures close the text: they never stand alone on the last page. */
  cp_document_keep_with_next (d);
  cp_document_add_signatures (d);
}

CpSummary *
cp_summary_new (CpStore *store, int year, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  g_autoptr (CpSummary) summary = g_new0 (CpSummary, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  summary->year = year;
  g_autofree char *city = cp_store_get_city_name (store);
  summary->city = cp_report_text_clean (city);
  summary->sample = cp_store_is_sample (store);
  /* TRANSLATORS: the author of the summary, from the city's name */
  summary->bureau = g_strdup_printf (_("%s Civil Affairs Bureau"), summary->city);
  summary->title = g_strdup_printf (
      _("%s Urban and Rural Community Service Facilities Compliance (%d)"), summary->city, year);
  /* TRANSLATORS: a date in g_date_time_format() notation */
  summary->date = g_date_time_format (now, _("%Y-%m-%d"));
  summary->shortfalls = g_array_new (FALSE, TRUE, sizeof (Shortfall));
  g_array_set_clear_func (summary->shortfalls, (GDestroyNotify) shortfall_clear);
  summary->document = cp_document_new ();

  if (!gather (summary, store, cancellable, error))
    return NULL;
  build_content (summary);
  return g_steal_pointer (&summary);
}

void
cp_summary_free (CpSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->city);
  g_free (summary->bureau);
  g_free (summary->title);
  g_free (summary->date);
  g_free (summary->standards_source);
  g_clear_pointer (&summary->document, cp_document_free);
  g_clear_pointer (&summary->townships, g_array_unref);
  g_clear_pointer (&summary->chart, cp_bar_chart_free);
  g_clear_pointer (&summary->shortfalls, g_array_unref);
  g_clear_pointer (&summary->staff, cp_staff_figures_free);
  g_clear_pointer (&summary->projected, g_array_unref);
  g_free (summary);
}

const char *
cp_summary_get_title (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return summary->title;
}

guint
cp_summary_get_n_short (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return summary->n_short;
}

guint
cp_summary_get_n_listed (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return summary->shortfalls->len;
}

const char *
cp_summary_get_listed (CpSummary *summary, guint index, double *out_shortfall_m2)
{
  g_return_val_if_fail (summary != NULL && index < summary->shortfalls->len, NULL);

  const Shortfall *s = &g_array_index (summary->shortfalls, Shortfall, index);
  if (out_shortfall_m2 != NULL)
    *out_shortfall_m2 = s->shortfall_m2;
  return s->code;
}

CpDocument *
cp_summary_get_document (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return summary->document;
}

gboolean
cp_summary_export_pdf (CpStore *store, int year, const char *out_path,
                       GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL && out_path != NULL, FALSE);

  g_autoptr (CpSummary) summary = cp_summary_new (store, year, cancellable, error);
  if (summary == NULL)
    return FALSE;
  return cp_document_export_pdf (summary->document, out_path, summary->title, summary->bureau,
                                 cancellable, error);
}
