/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cp-cli.h"
#include "cp-date.h"
#include "cp-import.h"
#include "cp-json.h"
#include "cp-reports.h"
#include "cp-sample.h"
#include "cp-staff-rules.h"
#include "cp-store.h"

#define PROGRAM "community-planner"
#define MAX_SCALE 5000

typedef int (*CpCliCommand) (int argc, char **argv);

static int cli_init (int argc, char **argv);
static int cli_import (int argc, char **argv);

static const struct
{
  const char *name;
  CpCliCommand run;
} commands[] = {
  { "init", cli_init },
  { "import", cli_import },
  { "check", cp_cli_check },
  { "pay", cp_cli_pay },
  { "advance", cp_cli_advance },
  { "export", cp_cli_export },
};

/* Auxiliary functions */

int
cp_cli_usage_error (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s: %s %s\n", PROGRAM, message,
              _("Try “community-planner --help” for the usage."));
  return CP_EXIT_USAGE;
}

int
cp_cli_data_error (const GError *error)
{
  /* Import problems already name their place, one a line: FILE:ROW:COLUMN: message. */
  if (g_error_matches (error, CP_ERROR, CP_ERROR_IMPORT))
    g_printerr ("%s\n", error->message);
  else
    g_printerr ("%s: %s\n", PROGRAM, error->message);
  return CP_EXIT_DATA;
}

int
cp_cli_current_year (void)
{
  return cp_date_today ().year;
}

gboolean
cp_cli_parse_year (const char *text, int *out_year)
{
  gint64 year = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, CP_YEAR_MIN, CP_YEAR_MAX, &year, NULL))
    return FALSE;
  *out_year = (int) year;
  return TRUE;
}

int
cp_cli_year_option (const char *year_text, int *year)
{
  if (year_text != NULL && !cp_cli_parse_year (year_text, year))
    return cp_cli_usage_error (_("--year must be a year from %d to %d, not “%s”."), CP_YEAR_MIN,
                               CP_YEAR_MAX, year_text);
  return CP_EXIT_OK;
}

void
cp_cli_flush_if_long (GString *out)
{
  if (out->len > 1 << 16)
    {
      fwrite (out->str, 1, out->len, stdout);
      g_string_truncate (out, 0);
    }
}

int
cp_cli_write_out (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  g_string_truncate (out, 0);
  return fflush (stdout) == 0 ? CP_EXIT_OK : CP_EXIT_DATA;
}

void
cp_cli_append_person_json (GString *out, const CpStaffRow *row)
{
  g_autofree char *masked = cp_id_number_mask (row->staff->id_number);

  g_string_append (out, "\"id_masked\": ");
  cp_json_append_string (out, masked);
  g_string_append (out, ", \"name\": ");
  cp_json_append_string (out, row->staff->name);
  g_string_append (out, ", \"community\": ");
  cp_json_append_string (out, row->community_code);
}

gboolean
cp_cli_parse_options (const char *parameters, GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cp_cli_usage_error ("%s.", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The import kinds of the registry for the help: "townships|communities|facilities". */
static char *
import_kinds_help (void)
{
  g_autoptr (GPtrArray) kinds = cp_import_kinds_list (NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < kinds->len; i++)
    {
      const CpImportKind *kind = g_ptr_array_index (kinds, i);
      if (i > 0)
        g_string_append_c (out, '|');
      /* TRANSLATORS: an import kind in the help: its command-line word (1) and its Chinese name
       * (2), which English leaves out (%2$.0s prints nothing); e.g. "%1$s（%2$s）". */
      g_string_append_printf (out, _("%1$s%2$.0s"), kind->key, kind->zh_label);
    }
  return g_string_free (out, FALSE);
}

/* The charts of the registry for the help: "facilities". */
static char *
chart_names_help (void)
{
  GString *out = g_string_new (NULL);

  for (const CpChartKind *chart = cp_reports_get_charts (); chart->name != NULL; chart++)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", chart->name);
  return g_string_free (out, FALSE);
}

static void
print_help (void)
{
  g_autofree char *kinds = import_kinds_help ();
  g_autofree char *charts = chart_names_help ();

  g_print ("%s\n\n", _("Community Service Planner — plans community service facilities against "
                       "the standards of the 14th five-year plan of 蛟河市."));
  g_print ("%s\n", _("Usage:"));
  g_print ("  %s\n", _("community-planner [--db FILE]                      open the window"));
  g_print ("  %s\n", _("community-planner init FILE [--sample] [--scale N]  create a database"));
  g_print ("  ");
  g_print (_("community-planner import KIND FILE IN.csv          KIND: %s"), kinds);
  g_print ("\n");
  g_print ("  %s\n", _("community-planner check FILE [--year Y] [--json] [--projected]   check "
                       "the facility rules"));
  g_print ("  %s\n", _("community-planner pay FILE [--year Y] [--month M] [--json]   the month's "
                       "pay sheet"));
  g_print ("  %s\n", _("community-planner advance FILE [--year Y] [--json] [--apply]   levels "
                       "on 1 January of Y+1"));
  g_print ("  %s\n", _("community-planner export workbook FILE -o OUT.xlsx [--year Y] [--month M] "
                       "[--desensitize]"));
  g_print ("  ");
  g_print (_("community-planner export chart FILE %s -o OUT.png|svg|pdf [--year Y]"), charts);
  g_print ("\n");
  g_print ("  %s\n", _("community-planner export summary FILE -o OUT.pdf [--year Y]"));
  g_print ("  %s\n", _("community-planner --help | --version"));
  g_print ("\n%s\n", _("Exit status: 0 success, 1 data error, 2 usage error."));
}

/* Sub-commands */

/* SQLite allocates a statement journal for each row the sample writes and frees it after, at
 * the top of the heap; glibc gives the top back to the system whenever more than its trim
 * threshold lies free there, so the heap shrank and grew again row after row (scale 100:
 * 280,000 brk calls, 6 s of system time of 16 s). A threshold above the bulk cache keeps the heap
 * (3.5 s). Set here, for the command that ends when the file is written, not in the window. */
static void
keep_heap_top (void)
{
#ifdef __GLIBC__
  mallopt (M_TRIM_THRESHOLD, 64 << 20);
#endif
}

static int
cli_init (int argc, char **argv)
{
  gboolean sample = FALSE;
  int scale = 1;
  GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample, N_("Fill it with the 蛟河市 sample data"), NULL },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Repeat the sample county N times"), "N" },
    { NULL }
  };

  if (!cp_cli_parse_options (_("FILE"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  if (argc != 2)
    return cp_cli_usage_error (_("init needs exactly one FILE."));
  if (scale < 1 || scale > MAX_SCALE)
    return cp_cli_usage_error (_("--scale must be a whole number from 1 to %d."), MAX_SCALE);
  if (!sample && scale != 1)
    return cp_cli_usage_error (_("--scale applies only with --sample."));

  const char *path = argv[1];
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s: %s\n", PROGRAM,
                  _("The file already exists; choose a new name so that nothing is overwritten."));
      return CP_EXIT_DATA;
    }
  /* A link (dangling, or in a loop) is there already: it is never removed on failure. */
  GStatBuf st;
  gboolean made_here = g_lstat (path, &st) != 0;

  g_autoptr (GError) error = NULL;
  keep_heap_top ();
  g_autoptr (CpStore) store = cp_store_open (path, CP_STORE_OPEN_CREATE, &error);
  if (store == NULL || (sample && !cp_sample_write (store, (guint) scale, NULL, &error)))
    {
      g_clear_pointer (&store, cp_store_free);
      if (made_here)
        g_remove (path);
      return cp_cli_data_error (error);
    }
  return CP_EXIT_OK;
}

static int
cli_import (int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };

  if (!cp_cli_parse_options (_("KIND FILE IN.csv"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  if (argc != 4)
    return cp_cli_usage_error (_("import needs KIND, FILE and IN.csv."));

  const CpImportKind *kind = cp_import_kind_lookup (argv[1]);
  if (kind == NULL)
    {
      g_autofree char *keys = cp_import_kind_keys ();
      return cp_cli_usage_error (_("Unknown KIND “%s”: use %s."), argv[1], keys);
    }

  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (argv[2], CP_STORE_OPEN_DEFAULT, &error);
  guint rows = 0;
  if (store == NULL || !cp_import_file (store, kind, argv[3], &rows, NULL, &error))
    return cp_cli_data_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u row.\n", "Imported %u rows.\n", rows), rows);
  return CP_EXIT_OK;
}

/* Public API */

gboolean
cp_cli_handles (int argc, char **argv)
{
  if (argc < 2)
    return FALSE;
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "--version"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return TRUE;
  return argv[1][0] != '-';
}

int
cp_cli_run (int argc, char **argv)
{
  g_return_val_if_fail (argc >= 2, CP_EXIT_USAGE);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return CP_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return CP_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  return cp_cli_usage_error (_("Unknown command “%s”."), argv[1]);
}
