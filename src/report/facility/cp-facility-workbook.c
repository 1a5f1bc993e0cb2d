/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-check.h"
#include "cp-facility-workbook-private.h"
#include "cp-region-store.h"
#include "cp-report-text.h"
#include "cp-staff-workbook.h"
#include "cp-xlsx.h"

/* The sheet names stay Chinese in every locale: readers refer to sheets by name (links and
 * formulas in their own workbooks, the bureau's instructions, our tests), so the names are part
 * of the file's contract like the command line's words. The cells follow the locale. */
#define SUMMARY_SHEET "汇总"
#define DETAIL_SHEET "设施达标"

#define PROGRESS_EVERY 4096 /* rows between progress reports and cancellation checks */
#define ROWS_SHARE 0.9      /* of the progress bar; packing the file is the rest */

/* Summary sheet: title, note, header, one row per township, the total row, the chart. */
enum
{
  S_TITLE_ROW = 0,
  S_NOTE_ROW = 1,
  S_HEADER_ROW = 2,
  S_FIRST_ROW = 3,
};

enum
{
  S_CODE,
  S_NAME,
  S_COMMUNITIES,
  S_COMPLIANT,
  S_COMPLIANT_SHARE,
  S_COVERED,
  S_COVERAGE,
  S_HOUSEHOLDS,
  S_REQUIRED,
  S_ACTUAL,
  S_SHORTFALL,
  S_PER_100,
  S_STANDARD,
  S_N_COLUMNS
};

static const CpXlsxColumn summary_columns[S_N_COLUMNS] = {
  { N_("Code"), 9, CP_XLSX_TEXT },
  { N_("Township"), 14, CP_XLSX_TEXT },
  { N_("Communities"), 12, CP_XLSX_COUNT },
  { N_("Compliant"), 10, CP_XLSX_COUNT },
  { N_("Compliant share"), 10, CP_XLSX_RATE },
  { N_("Covered"), 10, CP_XLSX_COUNT },
  { N_("Coverage rate"), 10, CP_XLSX_RATE },
  { N_("Households"), 11, CP_XLSX_COUNT },
  { N_("Required m²"), 12, CP_XLSX_DECIMAL },
  { N_("Actual m²"), 12, CP_XLSX_DECIMAL },
  { N_("Shortfall m²"), 12, CP_XLSX_DECIMAL },
  { N_("m² per 100 households"), 12, CP_XLSX_DECIMAL },
  { N_("Standard m² per 100 households"), 12, CP_XLSX_DECIMAL },
};

/* Community sheet: the columns of the facility list, code first, then one per rule. */
enum
{
  D_CODE,
  D_TOWNSHIP,
  D_NAME,
  D_KIND,
  D_HOUSEHOLDS,
  D_REQUIRED,
  D_ACTUAL,
  D_SHORTFALL,
  D_RESULT,
  D_FIRST_RULE,
  D_N_COLUMNS = D_FIRST_RULE + CP_N_RULES
};

static const CpXlsxColumn detail_columns[D_FIRST_RULE] = {
  { N_("Code"), 15, CP_XLSX_TEXT },
  { N_("Township"), 12, CP_XLSX_TEXT },
  { N_("Name"), 22, CP_XLSX_TEXT },
  { N_("Kind"), 10, CP_XLSX_TEXT },
  { N_("Households"), 10, CP_XLSX_COUNT },
  { N_("Required m²"), 11, CP_XLSX_DECIMAL },
  { N_("Actual m²"), 11, CP_XLSX_DECIMAL },
  { N_("Shortfall m²"), 11, CP_XLSX_DECIMAL },
  { N_("Result"), 13, CP_XLSX_TEXT },
};
#define RULE_COLUMN_WIDTH 12

typedef struct
{
  CpXlsx *xlsx;
  const CpWorkbookOptions *options;

  /* Words of every community row, translated once. */
  const char *kinds[CP_N_COMMUNITY_KINDS];
  const char *compliant;
  const char *not_compliant;
  const char *met;

  guint64 written;
  guint64 total;
  CpTownshipTotals *totals; /* built up as the rows are written */
  CpProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Writer;

static gboolean
set_cancelled_error (GError **error)
{
  return cp_set_error (error, CP_ERROR_CANCELLED, _("The export was cancelled."));
}

static void
report_progress (Writer *w, double fraction)
{
  if (w->progress != NULL)
    w->progress (fraction, w->progress_data);
}

static void
cache_words (Writer *w)
{
  for (int i = 0; i < CP_N_COMMUNITY_KINDS; i++)
    w->kinds[i] = cp_vocabulary_display (cp_community_kinds, CP_N_COMMUNITY_KINDS, i);
  w->compliant = C_ ("community result", "Compliant");
  w->not_compliant = C_ ("community result", "Not compliant");
  w->met = C_ ("rule result", "Met");
}

static void
set_properties (Writer *w, const char *title, const char *city, gboolean sample)
{
  /* The bureau and the government are names, not interface words: Chinese in every locale. */
  g_autofree char *author = g_strconcat (city, "民政局", NULL);
  g_autofree char *company = g_strconcat (city, "人民政府", NULL);

  cp_xlsx_set_properties (
      w->xlsx, title, _("Community service facilities against the plan's standards"), author,
      company, sample ? _("Sample data: the communities and their figures are invented.") : NULL);
}

/* Summary sheet */

static CpXlsxFormat
summary_format (guint col, gboolean total)
{
  CpXlsxFormat format = summary_columns[col].format;
  return total ? CP_XLSX_TOTAL (format) : format;
}

static void
write_summary_row (CpXlsx *x, lxw_worksheet *ws, lxw_row_t row, const CpTownshipResult *t,
                   double standard, gboolean total)
{
#define FORMAT(col) summary_format (col, total)
  if (t->code != NULL)
    cp_xlsx_string (x, ws, row, S_CODE, t->code, FORMAT (S_CODE));
  else
    cp_xlsx_blank (x, ws, row, S_CODE, FORMAT (S_CODE));
  cp_xlsx_string (x, ws, row, S_NAME, t->name, FORMAT (S_NAME));
  cp_xlsx_number (x, ws, row, S_COMMUNITIES, t->communities, FORMAT (S_COMMUNITIES));
  cp_xlsx_number (x, ws, row, S_COMPLIANT, t->compliant, FORMAT (S_COMPLIANT));
  /* A rate of nothing is left empty rather than shown as 0% or 100%. */
  if (t->communities > 0)
    cp_xlsx_number (x, ws, row, S_COMPLIANT_SHARE, (double) t->compliant / t->communities,
                    FORMAT (S_COMPLIANT_SHARE));
  else
    cp_xlsx_blank (x, ws, row, S_COMPLIANT_SHARE, FORMAT (S_COMPLIANT_SHARE));
  cp_xlsx_number (x, ws, row, S_COVERED, t->covered, FORMAT (S_COVERED));
  if (t->communities > 0)
    cp_xlsx_number (x, ws, row, S_COVERAGE, (double) t->covered / t->communities,
                    FORMAT (S_COVERAGE));
  else
    cp_xlsx_blank (x, ws, row, S_COVERAGE, FORMAT (S_COVERAGE));
  cp_xlsx_number (x, ws, row, S_HOUSEHOLDS, (double) t->households, FORMAT (S_HOUSEHOLDS));
  cp_xlsx_number (x, ws, row, S_REQUIRED, t->required_area_m2, FORMAT (S_REQUIRED));
  cp_xlsx_number (x, ws, row, S_ACTUAL, t->actual_area_m2, FORMAT (S_ACTUAL));
  cp_xlsx_number (x, ws, row, S_SHORTFALL, t->shortfall_m2, FORMAT (S_SHORTFALL));
  if (t->households > 0)
    cp_xlsx_number (x, ws, row, S_PER_100, cp_round1 (cp_township_result_area_per_100 (t)),
                    FORMAT (S_PER_100));
  else
    cp_xlsx_blank (x, ws, row, S_PER_100, FORMAT (S_PER_100));
  cp_xlsx_number (x, ws, row, S_STANDARD, standard, FORMAT (S_STANDARD));
#undef FORMAT
}

static void
add_to_total (CpTownshipResult *total, const CpTownshipResult *t)
{
  total->communities += t->communities;
  total->compliant += t->compliant;
  total->covered += t->covered;
  total->households += t->households;
  total->required_area_m2 += t->required_area_m2;
  total->actual_area_m2 += t->actual_area_m2;
  total->shortfall_m2 += t->shortfall_m2;
}

static void
add_chart_series (CpXlsx *x, lxw_chart *chart, lxw_row_t last_row, lxw_col_t col,
                  const char *name, lxw_color_t color)
{
  lxw_chart_series *series = cp_xlsx_need (x, chart_add_series (chart, NULL, NULL));
  lxw_chart_fill fill = { .color = color };

  if (series == NULL)
    return;
  chart_series_set_categories (series, SUMMARY_SHEET, S_FIRST_ROW, S_NAME, last_row, S_NAME);
  chart_series_set_values (series, SUMMARY_SHEET, S_FIRST_ROW, col, last_row, col);
  chart_series_set_name (series, name);
  chart_series_set_fill (series, &fill);
}

/* libxlsxwriter 1.1.4 has no combined charts, so the standard is a second (grey) column
 * series beside each township's bar rather than a line across the chart. */
static void
add_summary_chart (CpXlsx *x, lxw_worksheet *ws, guint n_townships, lxw_row_t at_row)
{
  lxw_chart *chart = cp_xlsx_need (x, workbook_add_chart (cp_xlsx_get_book (x),
                                                          LXW_CHART_COLUMN));
  lxw_chart_options placement = { .x_offset = 4, .y_offset = 4, .x_scale = 2.4, .y_scale = 1.6 };
  lxw_row_t last_row = S_FIRST_ROW + n_townships - 1;

  if (chart == NULL)
    return;
  add_chart_series (x, chart, last_row, S_PER_100, _("Facility area per 100 households"),
                    0x4472C4);
  add_chart_series (x, chart, last_row, S_STANDARD, _("Standard"), 0xA5A5A5);
  chart_title_set_name (chart, _("Facility area per 100 households by township"));
  chart_axis_set_name (chart->x_axis, _("Township"));
  chart_axis_set_name (chart->y_axis, _("m² per 100 households"));
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  if (cp_xlsx_check (x, NULL))
    cp_xlsx_note (x, worksheet_insert_chart_opt (ws, at_row, S_CODE, chart, &placement));
}

/* Fills the summary sheet, which comes first in the workbook but is written last, once the
 * community rows have given the township totals (sheets are written independently). */
static void
write_summary_sheet (CpXlsx *x, lxw_worksheet *ws, const char *title, const char *note_text,
                     GArray *townships, const CpCheckSummary *summary)
{
  double standard = summary->standards.area_per_100_households_m2;
  CpTownshipResult total = { .name = (char *) _("Total") };

  cp_xlsx_setup_page (x, ws, S_HEADER_ROW);
  cp_xlsx_note (x, worksheet_set_row (ws, S_TITLE_ROW, 24, NULL));
  cp_xlsx_merge (x, ws, S_TITLE_ROW, 0, S_N_COLUMNS - 1, title, CP_XLSX_TITLE);
  cp_xlsx_string (x, ws, S_NOTE_ROW, 0, note_text, CP_XLSX_NOTE);
  cp_xlsx_write_header (x, ws, S_HEADER_ROW, summary_columns, S_N_COLUMNS);

  for (guint i = 0; i < townships->len; i++)
    {
      const CpTownshipResult *t = &g_array_index (townships, CpTownshipResult, i);
      write_summary_row (x, ws, S_FIRST_ROW + i, t, standard, FALSE);
      add_to_total (&total, t);
    }
  total.required_area_m2 = cp_round1 (total.required_area_m2);
  total.actual_area_m2 = cp_round1 (total.actual_area_m2);
  total.shortfall_m2 = cp_round1 (total.shortfall_m2);
  write_summary_row (x, ws, S_FIRST_ROW + townships->len, &total, standard, TRUE);
  if (townships->len > 0)
    add_summary_chart (x, ws, townships->len, S_FIRST_ROW + townships->len + 2);
}

/* Community sheets */

static void
write_detail_header (CpXlsx *x, lxw_worksheet *ws, gpointer user_data)
{
  cp_xlsx_write_header (x, ws, 0, detail_columns, D_FIRST_RULE);
  for (int rule = 0; rule < CP_N_RULES; rule++)
    {
      lxw_col_t col = D_FIRST_RULE + rule;
      cp_xlsx_note (x, worksheet_set_column (ws, col, col, RULE_COLUMN_WIDTH, NULL));
      cp_xlsx_string (x, ws, 0, col, cp_vocabulary_display (cp_rules, CP_N_RULES, rule),
                      CP_XLSX_HEADER);
    }
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Whether the options' filter (if any) keeps community @id. */
static gboolean
is_included (const Writer *w, gint64 id)
{
  const GArray *ids = w->options->community_ids;

  return ids == NULL
         || bsearch (&id, ids->data, ids->len, sizeof (gint64), compare_ids) != NULL;
}

static gboolean
write_community (const CpCheckRow *row, gpointer user_data)
{
  Writer *w = user_data;
  CpXlsx *x = w->xlsx;
  const CpCommunityResult *result = &row->result;
  lxw_worksheet *ws;
  lxw_row_t r;

  if (!is_included (w, row->id))
    return TRUE;
  if (!cp_xlsx_list_next_row (x, &ws, &r))
    return FALSE;
  cp_township_totals_add (w->totals, row);
  cp_xlsx_string (x, ws, r, D_CODE, row->code, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, D_TOWNSHIP, row->township, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, D_NAME, row->name, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, D_KIND, w->kinds[row->kind], CP_XLSX_TEXT);
  cp_xlsx_number (x, ws, r, D_HOUSEHOLDS, (double) row->households, CP_XLSX_COUNT);
  cp_xlsx_number (x, ws, r, D_REQUIRED, result->required_area_m2, CP_XLSX_DECIMAL);
  cp_xlsx_number (x, ws, r, D_ACTUAL, result->actual_area_m2, CP_XLSX_DECIMAL);
  cp_xlsx_number (x, ws, r, D_SHORTFALL, result->shortfall_m2, CP_XLSX_DECIMAL);
  if (result->violations == 0)
    cp_xlsx_string (x, ws, r, D_RESULT, w->compliant, CP_XLSX_TEXT);
  else
    cp_xlsx_string (x, ws, r, D_RESULT, w->not_compliant, CP_XLSX_ALERT);
  for (int rule = 0; rule < CP_N_RULES; rule++)
    {
      CpRuleOutcome outcome = cp_rule_outcome (rule, row->kind, row->relocation_site,
                                               row->tally.counted, result->violations);
      /* A failed rule is a word first (每百户面积不足, …); the colour only repeats it. A rule that
       * does not apply is "—", never 达标. */
      cp_xlsx_string (x, ws, r, D_FIRST_RULE + rule,
                      outcome == CP_OUTCOME_FAILED   ? cp_rule_failure_display (rule)
                      : outcome == CP_OUTCOME_PASSED ? w->met
                                                     : "—",
                      outcome == CP_OUTCOME_FAILED ? CP_XLSX_ALERT : CP_XLSX_TEXT);
    }

  if (++w->written % PROGRESS_EVERY == 0)
    {
      report_progress (w, ROWS_SHARE * (double) w->written / (double) MAX (w->total, 1));
      if (g_cancellable_is_cancelled (w->cancellable))
        return FALSE;
    }
  return cp_xlsx_check (x, NULL);
}

/* Writes every community row in one pass of the check, holding one row at a time, and fills in
 * @summary. */
static gboolean
write_detail_sheets (Writer *w, CpStore *store, int year, CpCheckSummary *summary,
                     GError **error)
{
  g_autoptr (GError) check_error = NULL;

  if (!cp_xlsx_list_start (w->xlsx, DETAIL_SHEET, D_N_COLUMNS, w->options->max_rows_per_sheet,
                           write_detail_header, w))
    return cp_xlsx_check (w->xlsx, error);
  if (!cp_facility_check_run (store, year, 0, write_community, w, summary, w->cancellable,
                              &check_error))
    {
      if (!cp_xlsx_check (w->xlsx, error))
        return FALSE;
      if (g_error_matches (check_error, CP_ERROR, CP_ERROR_CANCELLED))
        return set_cancelled_error (error);
      g_propagate_error (error, g_steal_pointer (&check_error));
      return FALSE;
    }
  cp_xlsx_list_finish (w->xlsx);
  if (!cp_xlsx_check (w->xlsx, error))
    return FALSE;
  report_progress (w, ROWS_SHARE);
  return TRUE;
}

static char *
make_note (CpStore *store, const CpCheckSummary *summary, const GArray *community_ids)
{
  g_autofree char *standard
      = g_strdup_printf (_("Standard of %d: %.1f m² of comprehensive service facility per 100 "
                           "households."),
                         summary->year, summary->standards.area_per_100_households_m2);
  g_autofree char *filtered = NULL;

  if (community_ids != NULL)
    {
      filtered = g_strdup_printf (
          ngettext ("As filtered: the %u community or village the list showed; "
                    "the townships' totals count only it.",
                    "As filtered: the %u communities and villages the list showed; "
                    "the townships' totals count only them.",
                    community_ids->len),
          community_ids->len);
      g_autofree char *both = g_strconcat (filtered, " ", standard, NULL);
      g_free (standard);
      standard = g_steal_pointer (&both);
    }
  if (!cp_store_is_sample (store))
    return g_steal_pointer (&standard);
  return g_strconcat (standard, " ",
                      _("Sample data: the communities and their figures are invented."), NULL);
}

/* With a filter, the townships none of whose communities were kept are left out. */
static void
drop_empty_townships (GArray *townships)
{
  for (guint i = townships->len; i > 0; i--)
    if (g_array_index (townships, CpTownshipResult, i - 1).communities == 0)
      g_array_remove_index (townships, i - 1);
}

/* Everything the workbook holds, written into @w->xlsx. */
static gboolean
write_workbook (Writer *w, CpStore *store, int year, GError **error)
{
  g_autofree char *stored_city = cp_store_get_city_name (store);
  g_autofree char *city = cp_report_text_clean (stored_city);
  gboolean filtered = w->options->community_ids != NULL;
  g_autofree char *title
      = filtered ? g_strdup_printf (_("Community service facilities of %s, %d (as filtered)"),
                                    city, year)
                 : g_strdup_printf (_("Community service facilities of %s, %d"), city, year);
  CpCheckSummary summary;

  cp_xlsx_set_page_header (w->xlsx, title);
  cache_words (w);
  set_properties (w, title, city, cp_store_is_sample (store));
  lxw_worksheet *summary_sheet = cp_xlsx_add_sheet (w->xlsx, SUMMARY_SHEET);
  if (summary_sheet == NULL)
    return cp_xlsx_check (w->xlsx, error);
  if (!write_detail_sheets (w, store, year, &summary, error))
    return FALSE;

  /* The staff sheets after the facility ones, whose golden cells stay as they were. */
  int month = w->options->month != 0 ? w->options->month : cp_staff_report_default_month (year);
  if (!filtered
      && !cp_staff_workbook_write (w->xlsx, store, year, month, w->options->desensitize,
                                   w->options->max_rows_per_sheet, w->cancellable, error))
    return FALSE;

  g_autoptr (GArray) townships = cp_township_totals_finish (g_steal_pointer (&w->totals));
  if (filtered)
    drop_empty_townships (townships);
  g_autofree char *note_text = make_note (store, &summary, w->options->community_ids);
  write_summary_sheet (w->xlsx, summary_sheet, title, note_text, townships, &summary);
  return cp_xlsx_check (w->xlsx, error);
}

static gboolean
export_snapshot (CpStore *store, int year, const char *out_path, Writer *w, GError **error)
{
  gint64 communities = cp_region_store_count_communities (store, error);

  if (communities < 0)
    return FALSE;
  w->total = w->options->community_ids != NULL ? w->options->community_ids->len
                                               : (guint64) communities;
  w->totals = cp_township_totals_new (store, error);
  if (w->totals == NULL)
    return FALSE;

  guint above = w->options->constant_memory_above;
  w->xlsx = cp_xlsx_new (out_path, above == 0 || w->total > above, error);
  gboolean ok = w->xlsx != NULL;
  if (ok)
    {
      gboolean written = write_workbook (w, store, year, error);
      ok = cp_xlsx_finish (g_steal_pointer (&w->xlsx), written, error);
    }
  g_clear_pointer (&w->totals, cp_township_totals_free);
  return ok;
}
/* Public API */

void
cp_workbook_options_init_default (CpWorkbookOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CpWorkbookOptions){
    .max_rows_per_sheet = CP_WORKBOOK_MAX_ROWS,
    .constant_memory_above = CP_WORKBOOK_CONSTANT_MEMORY_ABOVE,
  };
}

gboolean
cp_workbook_export_full (CpStore *store,
                         int year,
                         const char *out_path,
                         const CpWorkbookOptions *options,
                         CpProgressFunc progress,
                         gpointer progress_data,
                         GCancellable *cancellable,
                         GError **error)
{
  CpWorkbookOptions defaults;

  g_return_val_if_fail (store != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (options == NULL)
    {
      cp_workbook_options_init_default (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->max_rows_per_sheet >= 2
                            && options->max_rows_per_sheet <= CP_WORKBOOK_MAX_ROWS,
                        FALSE);
  g_return_val_if_fail (options->month >= 0 && options->month <= 12, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled_error (error);

  Writer w = {
    .options = options,
    .progress = progress,
    .progress_data = progress_data,
    .cancellable = cancellable,
  };
  report_progress (&w, 0.0);
  /* One read transaction: the summary and the community rows see the same data. */
  gboolean ok = cp_store_begin_read (store, error);
  if (ok)
    {
      ok = export_snapshot (store, year, out_path, &w, error);
      cp_store_end_read (store);
    }
  if (ok)
    report_progress (&w, 1.0);
  return ok;
}

gboolean
cp_workbook_export (CpStore *store,
                    int year,
                    const char *out_path,
                    CpProgressFunc progress,
                    gpointer progress_data,
                    GCancellable *cancellable,
                    GError **error)
{
  return cp_workbook_export_full (store, year, out_path, NULL, progress, progress_data,
                                  cancellable, error);
}
