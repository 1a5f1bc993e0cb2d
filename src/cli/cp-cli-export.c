/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-reports.h"
#include "cp-cli.h"
#include "cp-facility-summary.h"
#include "cp-facility-workbook.h"
#include "cp-vocabulary.h"

typedef enum
{
  EXPORT_WORKBOOK,
  EXPORT_CHART,
  EXPORT_SUMMARY,
} ExportKind;

static gboolean
has_suffix (const char *path, const char *const *suffixes)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Checks the positional words and the output's extension of one export kind. */
static int
check_export_arguments (ExportKind kind, int argc, const char *out_path)
{
  static const char *const xlsx[] = { ".xlsx", NULL };
  static const char *const chart[] = { ".png", ".svg", ".pdf", NULL };
  static const char *const pdf[] = { ".pdf", NULL };
  int expected = kind == EXPORT_CHART ? 4 : 3;

  if (argc != expected)
    return cp_cli_usage_error (kind == EXPORT_CHART ? _("export chart needs FILE and NAME.")
                                                    : _("export needs exactly one FILE."));
  if (out_path == NULL)
    return cp_cli_usage_error (_("Name the output file with -o OUT."));
  if (kind == EXPORT_WORKBOOK && !has_suffix (out_path, xlsx))
    return cp_cli_usage_error (_("The workbook must be written to a .xlsx file."));
  if (kind == EXPORT_CHART && !has_suffix (out_path, chart))
    return cp_cli_usage_error (_("A chart is written as .png, .svg or .pdf."));
  if (kind == EXPORT_SUMMARY && !has_suffix (out_path, pdf))
    return cp_cli_usage_error (_("The summary is written as a .pdf file."));
  return CP_EXIT_OK;
}

static gboolean
run_export (ExportKind kind, CpStore *store, const char *chart_name, int year,
            const CpWorkbookOptions *options, const char *out_path, GError **error)
{
  switch (kind)
    {
    case EXPORT_WORKBOOK:
      return cp_workbook_export_full (store, year, out_path, options, NULL, NULL, NULL, error);
    case EXPORT_CHART:
      return cp_chart_export (store, chart_name, year, out_path, error);
    case EXPORT_SUMMARY:
      return cp_summary_export_pdf (store, year, out_path, NULL, error);
    default:
      g_assert_not_reached ();
    }
}

int
cp_cli_export (int argc, char **argv)
{
  static const char *const kinds[] = { "workbook", "chart", "summary" };
  g_autofree char *year_text = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *month_text = NULL;
  gboolean desensitize = FALSE;
  int year = cp_cli_current_year ();
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to OUT"), "OUT" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Export year Y (default: this year)"),
      "Y" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text,
      N_("Pay sheet of month M (default: this month in this year, else December)"), "M" },
    { "desensitize", 0, 0, G_OPTION_ARG_NONE, &desensitize,
      N_("Leave identity numbers (masked), phones and birth dates out of the roster"), NULL },
    { NULL }
  };
  CpWorkbookOptions options;

  if (!cp_cli_parse_options (_("workbook|chart|summary FILE [NAME] -o OUT"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  if (argc < 2)
    return cp_cli_usage_error (_("export needs workbook, chart or summary."));

  int kind = -1;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (argv[1], kinds[i]))
      kind = (int) i;
  if (kind < 0)
    return cp_cli_usage_error (_("Unknown export “%s”: use workbook, chart or summary."), argv[1]);

  int status = check_export_arguments (kind, argc, out_path);
  if (status != CP_EXIT_OK)
    return status;
  if (cp_cli_year_option (year_text, &year) != CP_EXIT_OK)
    return CP_EXIT_USAGE;

  cp_workbook_options_init_default (&options);
  options.desensitize = desensitize;
  if (month_text != NULL)
    {
      gint64 month = 0;
      if (!g_ascii_string_to_signed (month_text, 10, 1, 12, &month, NULL))
        return cp_cli_usage_error (_("--month must be a month from 1 to 12, not “%s”."),
                                   month_text);
      options.month = (int) month;
    }
  if (kind != EXPORT_WORKBOOK && (month_text != NULL || desensitize))
    return cp_cli_usage_error (_("--month and --desensitize apply only to export workbook."));

  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (argv[2], CP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !run_export (kind, store, kind == EXPORT_CHART ? argv[3] : NULL, year,
                                    &options, out_path, &error))
    return cp_cli_data_error (error);
  return CP_EXIT_OK;
}
