/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cp-check.h"
#include "cp-output.h"
#include "cp-report-text.h"
#include "cp-workbook-private.h"

/* The sheet names stay Chinese in every locale: readers refer to sheets by name (links and
 * formulas in their own workbooks, the bureau's instructions, our tests), so the names are part
 * of the file's contract like the command line's words. The cells follow the locale. */
#define SUMMARY_SHEET "汇总"
#define DETAIL_SHEET "设施达标"

#define A4_PAPER 9
#define HEADER_ROW_HEIGHT 32
#define PROGRESS_EVERY 4096 /* rows between progress reports and cancellation checks */
#define ROWS_SHARE 0.9      /* of the progress bar; packing the file is the rest */
#define SNAPSHOT_BEGIN "SAVEPOINT cp_workbook_export"
#define SNAPSHOT_END "RELEASE cp_workbook_export"

typedef enum
{
  /* Body formats, then the same ones for the total row, in this order. */
  FMT_TEXT,
  FMT_COUNT,
  FMT_AREA,
  FMT_RATE,
  FMT_TOTAL_TEXT,
  FMT_TOTAL_COUNT,
  FMT_TOTAL_AREA,
  FMT_TOTAL_RATE,
  FMT_TITLE,
  FMT_NOTE,
  FMT_HEADER,
  FMT_FAIL,
  N_FORMATS
} FormatId;

#define TOTAL_FORMAT(format) ((FormatId) ((format) + FMT_TOTAL_TEXT))

typedef struct
{
  const char *title; /* N_() */
  double width;      /* in characters */
  FormatId format;
} Column;

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

static const Column summary_columns[S_N_COLUMNS] = {
  { N_("Code"), 9, FMT_TEXT },
  { N_("Township"), 14, FMT_TEXT },
  { N_("Communities"), 12, FMT_COUNT },
  { N_("Compliant"), 10, FMT_COUNT },
  { N_("Compliant share"), 10, FMT_RATE },
  { N_("Covered"), 10, FMT_COUNT },
  { N_("Coverage rate"), 10, FMT_RATE },
  { N_("Households"), 11, FMT_COUNT },
  { N_("Required m²"), 12, FMT_AREA },
  { N_("Actual m²"), 12, FMT_AREA },
  { N_("Shortfall m²"), 12, FMT_AREA },
  { N_("m² per 100 households"), 12, FMT_AREA },
  { N_("Standard m² per 100 households"), 12, FMT_AREA },
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

static const Column detail_columns[D_FIRST_RULE] = {
  { N_("Code"), 15, FMT_TEXT },
  { N_("Township"), 12, FMT_TEXT },
  { N_("Name"), 22, FMT_TEXT },
  { N_("Kind"), 10, FMT_TEXT },
  { N_("Households"), 10, FMT_COUNT },
  { N_("Required m²"), 11, FMT_AREA },
  { N_("Actual m²"), 11, FMT_AREA },
  { N_("Shortfall m²"), 11, FMT_AREA },
  { N_("Result"), 13, FMT_TEXT },
};
#define RULE_COLUMN_WIDTH 12

typedef struct
{
  lxw_workbook *book;
  lxw_format *formats[N_FORMATS];
  GPtrArray *sheets; /* lxw_worksheet *, owned by book */
  lxw_error err;     /* the first failure of libxlsxwriter */
  const CpWorkbookOptions *options;
  char *page_header;

  /* Words of every community row, translated once. */
  const char *kinds[CP_N_COMMUNITY_KINDS];
  const char *compliant;
  const char *not_compliant;
  const char *met;
  const char *not_met;

  /* The community sheet being written. */
  lxw_worksheet *detail;
  guint detail_sheets;
  lxw_row_t row; /* next row in it */
  guint64 written;
  guint64 total;
  CpTownshipTotals *totals; /* built up as the rows are written */
  CpProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Writer;

/* Auxiliary functions */

static void
note (Writer *w, lxw_error err)
{
  if (w->err == LXW_NO_ERROR)
    w->err = err;
}

static gpointer
need (Writer *w, gpointer object)
{
  if (object == NULL)
    note (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
  return object;
}

static void
put_string (Writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
            FormatId format)
{
  g_autofree char *scratch = NULL;

  /* Always a string cell, never a formula: "=SUM(A1)" stays those eight characters. */
  if (w->err == LXW_NO_ERROR)
    w->err = worksheet_write_string (ws, row, col, cp_report_text (text, &scratch),
                                     w->formats[format]);
}

static void
put_number (Writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double value,
            FormatId format)
{
  if (w->err == LXW_NO_ERROR)
    w->err = worksheet_write_number (ws, row, col, value, w->formats[format]);
}

static void
put_blank (Writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, FormatId format)
{
  if (w->err == LXW_NO_ERROR)
    w->err = worksheet_write_blank (ws, row, col, w->formats[format]);
}

static gboolean
set_xlsx_error (GError **error, lxw_error err)
{
  return cp_set_error (error, CP_ERROR_FAILED, _("Cannot write the workbook: %s."),
                       lxw_strerror (err));
}

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
add_formats (Writer *w)
{
  static const char *const number_formats[] = { NULL, "0", "0.0", "0.0%" };
  lxw_format **f = w->formats;

  /* Plain text keeps the default format (NULL): libxlsxwriter hashes the whole format on every
   * cell written with a format identical to one seen before, which doubled the export's time. */
  for (int i = 0; i < N_FORMATS; i++)
    f[i] = i == FMT_TEXT ? NULL : need (w, workbook_add_format (w->book));
  if (w->err != LXW_NO_ERROR)
    return;

  for (int i = FMT_TEXT; i <= FMT_RATE; i++)
    {
      if (number_formats[i] != NULL)
        {
          format_set_num_format (f[i], number_formats[i]);
          format_set_num_format (f[TOTAL_FORMAT (i)], number_formats[i]);
        }
      format_set_bold (f[TOTAL_FORMAT (i)]);
      format_set_top (f[TOTAL_FORMAT (i)], LXW_BORDER_THIN);
    }
  format_set_bold (f[FMT_TITLE]);
  format_set_font_size (f[FMT_TITLE], 14);
  format_set_align (f[FMT_TITLE], LXW_ALIGN_CENTER);
  format_set_font_color (f[FMT_NOTE], 0x595959);
  format_set_bold (f[FMT_HEADER]);
  format_set_bg_color (f[FMT_HEADER], 0xDDEBF7);
  format_set_border (f[FMT_HEADER], LXW_BORDER_THIN);
  format_set_text_wrap (f[FMT_HEADER]);
  format_set_align (f[FMT_HEADER], LXW_ALIGN_CENTER);
  format_set_align (f[FMT_HEADER], LXW_ALIGN_VERTICAL_CENTER);
  /* A failed rule is a word first; the colour only repeats it. */
  format_set_font_color (f[FMT_FAIL], 0x9C0006);
}

static void
cache_words (Writer *w)
{
  for (int i = 0; i < CP_N_COMMUNITY_KINDS; i++)
    w->kinds[i] = cp_vocabulary_display (cp_community_kinds, CP_N_COMMUNITY_KINDS, i);
  w->compliant = C_ ("community result", "Compliant");
  w->not_compliant = C_ ("community result", "Not compliant");
  w->met = C_ ("rule result", "Met");
  w->not_met = C_ ("rule result", "Not met");
}

static char *
escape_ampersands (const char *text)
{
  g_autoptr (GString) escaped = g_string_new (text);

  g_string_replace (escaped, "&", "&&", 0);
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

static void
set_properties (Writer *w, const char *title, const char *city, gboolean sample)
{
  /* The bureau and the government are names, not interface words: Chinese in every locale. */
  g_autofree char *author = g_strconcat (city, "民政局", NULL);
  g_autofree char *company = g_strconcat (city, "人民政府", NULL);
  lxw_doc_properties properties = {
    .title = (char *) title,
    .subject = (char *) _("Community service facilities against the plan's standards"),
    .author = author,
    .company = company,
    .comments = sample ? (char *) _("Sample data: the communities and their figures are invented.")
                       : NULL,
    .created = time (NULL),
  };

  note (w, workbook_set_properties (w->book, &properties));
}

static lxw_worksheet *
add_sheet (Writer *w, const char *name)
{
  if (w->err != LXW_NO_ERROR)
    return NULL;
  note (w, workbook_validate_sheet_name (w->book, name));
  if (w->err != LXW_NO_ERROR)
    return NULL;
  lxw_worksheet *ws = need (w, workbook_add_worksheet (w->book, name));
  if (ws != NULL)
    g_ptr_array_add (w->sheets, ws);
  return ws;
}

/* A4 landscape, one page wide, the header row on every page, page numbers in the footer. */
static void
setup_page (Writer *w, lxw_worksheet *ws, lxw_row_t header_row)
{
  worksheet_set_paper (ws, A4_PAPER);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  note (w, worksheet_repeat_rows (ws, header_row, header_row));
  note (w, worksheet_set_header (ws, w->page_header));
  /* TRANSLATORS: the footer of a printed sheet: &P is the page, &N the number of pages; keep
   * "&C" (centre) at the start. */
  note (w, worksheet_set_footer (ws, _("&CPage &P of &N")));
}

static void
write_header (Writer *w, lxw_worksheet *ws, lxw_row_t row, const Column *columns, guint n)
{
  note (w, worksheet_set_row (ws, row, HEADER_ROW_HEIGHT, NULL));
  for (guint col = 0; col < n; col++)
    {
      note (w, worksheet_set_column (ws, col, col, columns[col].width, NULL));
      put_string (w, ws, row, col, _(columns[col].title), FMT_HEADER);
    }
}

/* Summary sheet */

static FormatId
summary_format (guint col, gboolean total)
{
  FormatId format = summary_columns[col].format;
  return total ? TOTAL_FORMAT (format) : format;
}

static void
write_summary_row (Writer *w, lxw_worksheet *ws, lxw_row_t row, const CpTownshipResult *t,
                   double standard, gboolean total)
{
#define FORMAT(col) summary_format (col, total)
  if (t->code != NULL)
    put_string (w, ws, row, S_CODE, t->code, FORMAT (S_CODE));
  else
    put_blank (w, ws, row, S_CODE, FORMAT (S_CODE));
  put_string (w, ws, row, S_NAME, t->name, FORMAT (S_NAME));
  put_number (w, ws, row, S_COMMUNITIES, t->communities, FORMAT (S_COMMUNITIES));
  put_number (w, ws, row, S_COMPLIANT, t->compliant, FORMAT (S_COMPLIANT));
  /* A rate of nothing is left empty rather than shown as 0% or 100%. */
  if (t->communities > 0)
    put_number (w, ws, row, S_COMPLIANT_SHARE, (double) t->compliant / t->communities,
                FORMAT (S_COMPLIANT_SHARE));
  else
    put_blank (w, ws, row, S_COMPLIANT_SHARE, FORMAT (S_COMPLIANT_SHARE));
  put_number (w, ws, row, S_COVERED, t->covered, FORMAT (S_COVERED));
  if (t->communities > 0)
    put_number (w, ws, row, S_COVERAGE, (double) t->covered / t->communities, FORMAT (S_COVERAGE));
  else
    put_blank (w, ws, row, S_COVERAGE, FORMAT (S_COVERAGE));
  put_number (w, ws, row, S_HOUSEHOLDS, (double) t->households, FORMAT (S_HOUSEHOLDS));
  put_number (w, ws, row, S_REQUIRED, t->required_area_m2, FORMAT (S_REQUIRED));
  put_number (w, ws, row, S_ACTUAL, t->actual_area_m2, FORMAT (S_ACTUAL));
  put_number (w, ws, row, S_SHORTFALL, t->shortfall_m2, FORMAT (S_SHORTFALL));
  if (t->households > 0)
    put_number (w, ws, row, S_PER_100, cp_round1 (cp_township_result_area_per_100 (t)),
                FORMAT (S_PER_100));
  else
    put_blank (w, ws, row, S_PER_100, FORMAT (S_PER_100));
  put_number (w, ws, row, S_STANDARD, standard, FORMAT (S_STANDARD));
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
add_chart_series (Writer *w, lxw_chart *chart, lxw_row_t last_row, lxw_col_t col,
                  const char *name, lxw_color_t color)
{
  lxw_chart_series *series = need (w, chart_add_series (chart, NULL, NULL));
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
add_summary_chart (Writer *w, lxw_worksheet *ws, guint n_townships, lxw_row_t at_row)
{
  lxw_chart *chart = need (w, workbook_add_chart (w->book, LXW_CHART_COLUMN));
  lxw_chart_options placement = { .x_offset = 4, .y_offset = 4, .x_scale = 2.4, .y_scale = 1.6 };
  lxw_row_t last_row = S_FIRST_ROW + n_townships - 1;

  if (chart == NULL)
    return;
  add_chart_series (w, chart, last_row, S_PER_100, _("Facility area per 100 households"),
                    0x4472C4);
  add_chart_series (w, chart, last_row, S_STANDARD, _("Standard"), 0xA5A5A5);
  chart_title_set_name (chart, _("Facility area per 100 households by township"));
  chart_axis_set_name (chart->x_axis, _("Township"));
  chart_axis_set_name (chart->y_axis, _("m² per 100 households"));
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  if (w->err == LXW_NO_ERROR)
    note (w, worksheet_insert_chart_opt (ws, at_row, S_CODE, chart, &placement));
}

/* Written whole before the community sheet: in constant_memory mode every sheet's rows go out
 * in order, and the chart refers to cells that are already written. */
/* Fills the summary sheet, which comes first in the workbook but is written last, once the
 * community rows have given the township totals (sheets are written independently). */
static void
write_summary_sheet (Writer *w, lxw_worksheet *ws, const char *title, const char *note_text,
                     GArray *townships, const CpCheckSummary *summary)
{
  double standard = summary->standards.area_per_100_households_m2;
  CpTownshipResult total = { .name = (char *) _("Total") };

  setup_page (w, ws, S_HEADER_ROW);
  note (w, worksheet_set_row (ws, S_TITLE_ROW, 24, NULL));
  if (w->err == LXW_NO_ERROR)
    w->err = worksheet_merge_range (ws, S_TITLE_ROW, 0, S_TITLE_ROW, S_N_COLUMNS - 1, title,
                                    w->formats[FMT_TITLE]);
  put_string (w, ws, S_NOTE_ROW, 0, note_text, FMT_NOTE);
  write_header (w, ws, S_HEADER_ROW, summary_columns, S_N_COLUMNS);

  for (guint i = 0; i < townships->len; i++)
    {
      const CpTownshipResult *t = &g_array_index (townships, CpTownshipResult, i);
      write_summary_row (w, ws, S_FIRST_ROW + i, t, standard, FALSE);
      add_to_total (&total, t);
    }
  total.required_area_m2 = cp_round1 (total.required_area_m2);
  total.actual_area_m2 = cp_round1 (total.actual_area_m2);
  total.shortfall_m2 = cp_round1 (total.shortfall_m2);
  write_summary_row (w, ws, S_FIRST_ROW + townships->len, &total, standard, TRUE);
  if (townships->len > 0)
    add_summary_chart (w, ws, townships->len, S_FIRST_ROW + townships->len + 2);
}

/* Community sheets */

static void
finish_detail_sheet (Writer *w)
{
  if (w->detail != NULL && w->err == LXW_NO_ERROR)
    note (w, worksheet_autofilter (w->detail, 0, 0, w->row - 1, D_N_COLUMNS - 1));
}

static gboolean
start_detail_sheet (Writer *w)
{
  g_autofree char *name = NULL;

  finish_detail_sheet (w);
  w->detail_sheets++;
  name = w->detail_sheets == 1 ? g_strdup (DETAIL_SHEET)
                               : g_strdup_printf ("%s (%u)", DETAIL_SHEET, w->detail_sheets);
  w->detail = add_sheet (w, name);
  if (w->detail == NULL)
    return FALSE;

  setup_page (w, w->detail, 0);
  worksheet_freeze_panes (w->detail, 1, 0);
  write_header (w, w->detail, 0, detail_columns, D_FIRST_RULE);
  for (int rule = 0; rule < CP_N_RULES; rule++)
    {
      lxw_col_t col = D_FIRST_RULE + rule;
      note (w, worksheet_set_column (w->detail, col, col, RULE_COLUMN_WIDTH, NULL));
      put_string (w, w->detail, 0, col, cp_vocabulary_display (cp_rules, CP_N_RULES, rule),
                  FMT_HEADER);
    }
  w->row = 1;
  return w->err == LXW_NO_ERROR;
}

static gboolean
write_community (const CpCheckRow *row, gpointer user_data)
{
  Writer *w = user_data;
  const CpCommunityResult *result = &row->result;

  if (w->row >= w->options->max_rows_per_sheet && !start_detail_sheet (w))
    return FALSE;

  lxw_worksheet *ws = w->detail;
  lxw_row_t r = w->row++;
  cp_township_totals_add (w->totals, row);
  put_string (w, ws, r, D_CODE, row->code, FMT_TEXT);
  put_string (w, ws, r, D_TOWNSHIP, row->township, FMT_TEXT);
  put_string (w, ws, r, D_NAME, row->name, FMT_TEXT);
  put_string (w, ws, r, D_KIND, w->kinds[row->kind], FMT_TEXT);
  put_number (w, ws, r, D_HOUSEHOLDS, (double) row->households, FMT_COUNT);
  put_number (w, ws, r, D_REQUIRED, result->required_area_m2, FMT_AREA);
  put_number (w, ws, r, D_ACTUAL, result->actual_area_m2, FMT_AREA);
  put_number (w, ws, r, D_SHORTFALL, result->shortfall_m2, FMT_AREA);
  if (result->violations == 0)
    put_string (w, ws, r, D_RESULT, w->compliant, FMT_TEXT);
  else
    put_string (w, ws, r, D_RESULT, w->not_compliant, FMT_FAIL);
  for (int rule = 0; rule < CP_N_RULES; rule++)
    {
      gboolean broken = CP_VIOLATES (result->violations, rule);
      put_string (w, ws, r, D_FIRST_RULE + rule, broken ? w->not_met : w->met,
                  broken ? FMT_FAIL : FMT_TEXT);
    }

  if (++w->written % PROGRESS_EVERY == 0)
    {
      report_progress (w, ROWS_SHARE * (double) w->written / (double) MAX (w->total, 1));
      if (g_cancellable_is_cancelled (w->cancellable))
        return FALSE;
    }
  return w->err == LXW_NO_ERROR;
}

/* Files */

/* libxlsxwriter 1.1.4 cannot abandon a workbook, and freeing one leaves the constant_memory
 * temporary files of its sheets open: close them first. */
static void
abandon_workbook (Writer *w)
{
  if (w->book == NULL)
    return;
  for (guint i = 0; i < w->sheets->len; i++)
    {
      lxw_worksheet *ws = g_ptr_array_index (w->sheets, i);
      if (ws->optimize_tmpfile != NULL)
        {
          fclose (ws->optimize_tmpfile);
          ws->optimize_tmpfile = NULL;
          ws->file = NULL;
        }
    }
  lxw_workbook_free (w->book);
  w->book = NULL;
}

static gboolean
run_fixed_statement (CpStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  int rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the database"), error);
  return TRUE;
}

/* Writes every community row in one pass of the check, holding one row at a time, and fills in
 * @summary. */
static gboolean
write_detail_sheets (Writer *w, CpStore *store, int year, CpCheckSummary *summary,
                     GError **error)
{
  g_autoptr (GError) check_error = NULL;

  if (!start_detail_sheet (w))
    return set_xlsx_error (error, w->err);
  if (!cp_check_run (store, year, 0, write_community, w, summary, w->cancellable, &check_error))
    {
      if (w->err != LXW_NO_ERROR)
        return set_xlsx_error (error, w->err);
      if (g_error_matches (check_error, CP_ERROR, CP_ERROR_CANCELLED))
        return set_cancelled_error (error);
      g_propagate_error (error, g_steal_pointer (&check_error));
      return FALSE;
    }
  finish_detail_sheet (w);
  if (w->err != LXW_NO_ERROR)
    return set_xlsx_error (error, w->err);
  report_progress (w, ROWS_SHARE);
  return TRUE;
}

static char *
make_note (CpStore *store, const CpCheckSummary *summary)
{
  g_autofree char *standard
      = g_strdup_printf (_("Standard of %d: %.1f m² of comprehensive service facility per 100 "
                           "households."),
                         summary->year, summary->standards.area_per_100_households_m2);

  if (!cp_store_is_sample (store))
    return g_steal_pointer (&standard);
  return g_strconcat (standard, " ",
                      _("Sample data: the communities and their figures are invented."), NULL);
}

/* Everything up to and including closing @w->book into @output's part file. */
static gboolean
write_workbook (Writer *w, CpStore *store, int year, CpOutput *output, GError **error)
{
  const char *tmp_path = cp_output_get_temp_path (output);
  g_autofree char *dir = g_path_get_dirname (tmp_path);
  g_autofree char *stored_city = cp_store_get_city_name (store);
  g_autofree char *city = cp_report_text_clean (stored_city);
  g_autofree char *title
      = g_strdup_printf (_("Community service facilities of %s, %d"), city, year);
  guint above = w->options->constant_memory_above;
  lxw_workbook_options book_options = {
    .constant_memory = above == 0 || w->total > above,
    .tmpdir = dir, /* beside the output: /tmp may be a small tmpfs */
  };
  CpCheckSummary summary;

  w->book = workbook_new_opt (tmp_path, &book_options);
  if (w->book == NULL)
    return set_xlsx_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED);
  g_autofree char *escaped_title = escape_ampersands (title);
  w->page_header = g_strconcat ("&C", escaped_title, NULL);
  cache_words (w);
  add_formats (w);
  set_properties (w, title, city, cp_store_is_sample (store));
  lxw_worksheet *summary_sheet = add_sheet (w, SUMMARY_SHEET);
  if (summary_sheet == NULL)
    return set_xlsx_error (error, w->err);
  if (!write_detail_sheets (w, store, year, &summary, error))
    return FALSE;

  g_autoptr (GArray) townships = cp_township_totals_finish (g_steal_pointer (&w->totals));
  g_autofree char *note_text = make_note (store, &summary);
  write_summary_sheet (w, summary_sheet, title, note_text, townships, &summary);
  if (w->err != LXW_NO_ERROR)
    return set_xlsx_error (error, w->err);

  /* FIXME: libxlsxwriter 1.1.4 does not check its writes of the parts it packs (temporary
   * files beside the output): a part cut short by a file size limit is zipped as it is and the
   * close succeeds. A full disk fails the zip's own writes, which it does check. */
  lxw_error err = workbook_close (g_steal_pointer (&w->book));
  if (err != LXW_NO_ERROR)
    return set_xlsx_error (error, err);
  return TRUE;
}

static gboolean
export_snapshot (CpStore *store, int year, const char *out_path, Writer *w, GError **error)
{
  gint64 communities = cp_store_count_communities (store, error);

  if (communities < 0)
    return FALSE;
  w->total = (guint64) communities;
  w->totals = cp_township_totals_new (store, error);
  if (w->totals == NULL)
    return FALSE;

  CpOutput *output = cp_output_begin (out_path, error);
  gboolean ok = output != NULL
                && write_workbook (w, store, year, output, error);
  abandon_workbook (w);
  g_clear_pointer (&w->totals, cp_township_totals_free);
  return output != NULL && cp_output_finish (output, ok, error);
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

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled_error (error);

  Writer w = {
    .sheets = g_ptr_array_new (),
    .options = options,
    .progress = progress,
    .progress_data = progress_data,
    .cancellable = cancellable,
  };
  report_progress (&w, 0.0);
  /* One read transaction: the summary and the community rows see the same data. */
  gboolean ok = run_fixed_statement (store, SNAPSHOT_BEGIN, error);
  if (ok)
    {
      ok = export_snapshot (store, year, out_path, &w, error);
      run_fixed_statement (store, SNAPSHOT_END, NULL);
    }
  g_ptr_array_unref (w.sheets);
  g_free (w.page_header);
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
