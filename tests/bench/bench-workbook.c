/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: `export workbook` against a bare libxlsxwriter program that writes the same number
 * of rows × columns (the same mix of strings and numbers) in constant_memory mode, measured in
 * the same run. Run by hand:  bench-workbook DB YEAR [FOLDER]  (FOLDER for the output files,
 * default the system's temporary folder; they are removed afterwards). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#include "cp-facility-check.h"
#include "cp-facility-workbook.h"

/* The community sheet's columns: code, township, name, kind, 4 numbers, result, 7 rules. */
#define N_STRING_COLUMNS 12
#define N_NUMBER_COLUMNS 4
#define N_COLUMNS (N_STRING_COLUMNS + N_NUMBER_COLUMNS)
#define ROWS_PER_SHEET 1048576u

static const char *const sample_strings[N_STRING_COLUMNS] = {
  "220281100001", "新站镇", "新站镇第一村", "村", "不合格", "达标", "达标", "未达标", "达标",
  "达标", "达标", "达标",
};

static gboolean
count_row (const CpCheckRow *row, gpointer user_data)
{
  return TRUE;
}

static double
time_check (CpStore *store, int year, guint *out_rows)
{
  CpCheckSummary summary;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!cp_facility_check_run (store, year, 0, count_row, NULL, &summary, NULL, &error))
    g_error ("check: %s", error->message);
  *out_rows = summary.communities;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_export (CpStore *store, int year, const char *path)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!cp_workbook_export (store, year, path, NULL, NULL, NULL, &error))
    g_error ("export: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
check_lxw (lxw_error err, const char *what)
{
  if (err != LXW_NO_ERROR)
    g_error ("%s: %s", what, lxw_strerror (err));
}

/* The bare program: @rows rows of N_COLUMNS cells plus a header row a sheet. */
static double
time_bare (guint rows, const char *path, const char *folder)
{
  gint64 start = g_get_monotonic_time ();
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) folder };
  lxw_workbook *book = workbook_new_opt (path, &options);
  lxw_format *number = workbook_add_format (book);
  lxw_worksheet *ws = NULL;
  lxw_row_t row = 0;

  format_set_num_format (number, "0.0");
  for (guint i = 0; i < rows; i++)
    {
      if (ws == NULL || row >= ROWS_PER_SHEET)
        {
          g_autofree char *name = g_strdup_printf ("Sheet%u", i / (ROWS_PER_SHEET - 1) + 1);
          ws = workbook_add_worksheet (book, name);
          for (lxw_col_t col = 0; col < N_COLUMNS; col++)
            check_lxw (worksheet_write_string (ws, 0, col, "Header", NULL), "header");
          row = 1;
        }
      for (lxw_col_t col = 0; col < N_STRING_COLUMNS; col++)
        check_lxw (worksheet_write_string (ws, row, col, sample_strings[col], NULL), "string");
      for (lxw_col_t col = 0; col < N_NUMBER_COLUMNS; col++)
        check_lxw (worksheet_write_number (ws, row, N_STRING_COLUMNS + col, 100.0 + i % 997 / 10.0,
                                           number),
                   "number");
      row++;
    }
  check_lxw (workbook_close (book), "close");
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
file_megabytes (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0.0;
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int
main (int argc, char **argv)
{
  if (argc < 3)
    {
      g_printerr ("usage: %s DB YEAR [FOLDER]\n", argv[0]);
      return 2;
    }
  int year = atoi (argv[2]);
  const char *folder = argc > 3 ? argv[3] : g_get_tmp_dir ();
  g_autofree char *planner_path = g_build_filename (folder, "bench-planner.xlsx", NULL);
  g_autofree char *bare_path = g_build_filename (folder, "bench-bare.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (argv[1], CP_STORE_OPEN_READ_ONLY, &error);
  guint rows = 0;

  if (store == NULL)
    g_error ("%s", error->message);

  double check = time_check (store, year, &rows);
  double planner = time_export (store, year, planner_path);
  long planner_rss = peak_rss_mb ();
  double bare = time_bare (rows, bare_path, folder);

  g_print ("communities (rows): %u, columns: %d\n", rows, N_COLUMNS);
  g_print ("check alone:        %8.2f s\n", check);
  g_print ("export workbook:    %8.2f s  %8.1f MB  (peak RSS so far %ld MB)\n", planner,
           file_megabytes (planner_path), planner_rss);
  g_print ("bare libxlsxwriter: %8.2f s  %8.1f MB\n", bare, file_megabytes (bare_path));
  g_print ("ratio export / bare: %.2f\n", bare > 0 ? planner / bare : 0.0);
  if (g_getenv ("BENCH_KEEP") == NULL)
    {
      g_remove (planner_path);
      g_remove (bare_path);
    }
  return 0;
}
