/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pay (the month's pay sheet) and advance (levels on 1 January of the next year): one pass over
 * the store each, printed as JSON or as a table in the locale's language. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cp-cli.h"
#include "cp-json.h"
#include "cp-report-text.h"
#include "cp-staff-store.h"
#include "cp-staff-workbook.h"

typedef struct
{
  GString *out;
  gboolean json;
  gboolean first;
  CpDate today;
  guint n;
  gint64 gross, employer_total, employee_total, tax, net;
} PayState;

typedef struct
{
  GString *out;
  gboolean json;
  gboolean first;
  guint up, down;
} AdvanceState;

/* Auxiliary functions */

/* @fen as yuan with two decimals, exactly ("1234.50", "-0.05"). Digits written by hand: a
 * national pay sheet has some 80 million amounts, and printf was a fifth of its time. */
static void
append_yuan (GString *out, gint64 fen)
{
  guint64 magnitude = fen < 0 ? -(guint64) fen : (guint64) fen;
  char digits[24];
  int at = sizeof digits;

  digits[--at] = (char) ('0' + magnitude % 10);
  magnitude /= 10;
  digits[--at] = (char) ('0' + magnitude % 10);
  magnitude /= 10;
  digits[--at] = '.';
  do
    {
      digits[--at] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (fen < 0)
    digits[--at] = '-';
  g_string_append_len (out, digits + at, (gssize) sizeof digits - at);
}

static char *
yuan_text (gint64 fen)
{
  GString *out = g_string_new (NULL);

  append_yuan (out, fen);
  return g_string_free (out, FALSE);
}

static gboolean
parse_month (const char *text, int *out_month)
{
  gint64 month = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, 12, &month, NULL))
    return FALSE;
  *out_month = (int) month;
  return TRUE;
}

/* Parses FILE, --year and (for pay) --month; returns CP_EXIT_OK or the usage error's status. */
static int
parse_year_month (const char *command, int argc, const char *year_text, int *year,
                  const char *month_text, int *month)
{
  if (argc != 2)
    return cp_cli_usage_error (_("%s needs exactly one FILE."), command);
  if (cp_cli_year_option (year_text, year) != CP_EXIT_OK)
    return CP_EXIT_USAGE;
  if (month != NULL)
    {
      if (month_text != NULL && !parse_month (month_text, month))
        return cp_cli_usage_error (_("--month must be a month from 1 to 12, not “%s”."),
                                   month_text);
      if (month_text == NULL)
        *month = cp_staff_report_default_month (*year);
    }
  return CP_EXIT_OK;
}

static char *
retirement_text (const CpStaff *staff, CpDate today)
{
  CpDate birth;
  CpGender gender;

  if (!cp_id_number_check (staff->id_number, today, &birth, &gender, NULL))
    return NULL;
  CpDate month = cp_retirement_month (birth, gender, NULL);
  return g_strdup_printf ("%04d-%02d", month.year, month.month);
}

/* pay: JSON */

static void
append_pay_json_lines (GString *out, const CpPaySlip *slip)
{
  static const char *const employee[CP_N_EMPLOYEE_LINES]
      = { "pension", "medical", "unemployment", "housing_fund" };
  static const char *const employer[CP_N_EMPLOYER_LINES]
      = { "pension", "medical", "unemployment", "work_injury", "housing_fund" };

  g_string_append (out, ",\n   \"employee\": {");
  for (guint i = 0; i < CP_N_EMPLOYEE_LINES; i++)
    {
      g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", employee[i]);
      append_yuan (out, slip->employee[i]);
    }
  g_string_append (out, "},\n   \"employer\": {");
  for (guint i = 0; i < CP_N_EMPLOYER_LINES; i++)
    {
      g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", employer[i]);
      append_yuan (out, slip->employer[i]);
    }
  g_string_append (out, "}");
}

static void
append_pay_json (PayState *state, const CpStaffRow *row, const CpPaySlip *slip, int leave,
                 const char *retirement)
{
  GString *out = state->out;

  g_string_append (out, state->first ? "\n  {" : ",\n  {");
  cp_cli_append_person_json (out, row);
  g_string_append_printf (out, ", \"post\": \"%s\", \"level\": %d, \"probation\": %s",
                          cp_posts[row->staff->post].key, slip->level,
                          slip->probation ? "true" : "false");
  g_string_append (out, ",\n   \"base\": ");
  append_yuan (out, slip->base);
  g_string_append (out, ", \"performance\": ");
  append_yuan (out, slip->performance);
  g_string_append (out, ", \"allowance\": ");
  append_yuan (out, slip->allowance);
  g_string_append (out, ", \"gross\": ");
  append_yuan (out, slip->gross);
  g_string_append (out, ", \"contribution_base\": ");
  append_yuan (out, slip->contribution_base);
  append_pay_json_lines (out, slip);
  g_string_append (out, ",\n   \"income_tax\": ");
  append_yuan (out, slip->income_tax);
  g_string_append (out, ", \"net\": ");
  append_yuan (out, slip->net);
  g_string_append_printf (out, ", \"leave_days\": %d, \"retirement\": ", leave);
  if (retirement != NULL)
    cp_json_append_string (out, retirement);
  else
    g_string_append (out, "null");
  g_string_append (out, "}");
}

/* pay: text */

static const struct
{
  const char *header;
  guint width;
  gboolean right;
} pay_columns[] = {
  { N_("Community"), 12, FALSE },   { N_("Full name"), 8, FALSE },
  { N_("Identity number"), 18, FALSE }, { N_("Post"), 10, FALSE },
  { N_("Level"), 4, TRUE },          { N_("Gross"), 10, TRUE },
  { N_("Employee 5+1"), 10, TRUE },  { N_("Income tax"), 9, TRUE },
  { N_("Net"), 10, TRUE },           { N_("Employer 5+1"), 10, TRUE },
};

#define POST_COLUMN 3

/* Terminal columns of the widest post name. */
static guint
post_width (void)
{
  guint width = 0;

  for (int post = 0; post < CP_N_POSTS; post++)
    width = MAX (width, cp_cli_display_width (cp_vocabulary_display (cp_posts, CP_N_POSTS, post)));
  return width;
}

static void
append_pay_cells (GString *out, const char *const *cells)
{
  for (guint i = 0; i < G_N_ELEMENTS (pay_columns); i++)
    {
      guint width = MAX (pay_columns[i].width, cp_cli_display_width (_(pay_columns[i].header)));
      if (i == POST_COLUMN)
        width = MAX (width, post_width ());
      cp_cli_append_padded (out, cells[i], width, pay_columns[i].right);
    }
  g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

static void
append_pay_text (PayState *state, const CpStaffRow *row, const CpPaySlip *slip)
{
  g_autofree char *masked = cp_id_number_mask (row->staff->id_number);
  g_autofree char *level = slip->level > 0 ? g_strdup_printf ("%d%s", slip->level,
                                                              slip->probation ? "*" : "")
                                           : g_strdup ("—");
  g_autofree char *gross = yuan_text (slip->gross);
  g_autofree char *employee = yuan_text (slip->employee_total);
  g_autofree char *tax = yuan_text (slip->income_tax);
  g_autofree char *net = yuan_text (slip->net);
  g_autofree char *employer = yuan_text (slip->employer_total);
  g_autofree char *community = NULL;
  g_autofree char *name = NULL;
  const char *cells[] = {
    cp_report_text (row->community, &community),
    cp_report_text (row->staff->name, &name),
    masked,
    cp_vocabulary_display (cp_posts, CP_N_POSTS, row->staff->post),
    level, gross, employee, tax, net, employer,
  };

  append_pay_cells (state->out, cells);
}

static gboolean
pay_row (const CpStaffRow *row, const CpPaySlip *slip, gpointer user_data)
{
  PayState *state = user_data;

  state->n++;
  state->gross += slip->gross;
  state->employee_total += slip->employee_total;
  state->employer_total += slip->employer_total;
  state->tax += slip->income_tax;
  state->net += slip->net;
  if (state->json)
    {
      int leave = cp_annual_leave_days (row->staff->work_start, row->staff->service_start,
                                        slip->year);
      g_autofree char *retirement = retirement_text (row->staff, state->today);
      append_pay_json (state, row, slip, leave, retirement);
      state->first = FALSE;
    }
  else
    append_pay_text (state, row, slip);
  cp_cli_flush_if_long (state->out);
  return TRUE;
}

static void
print_pay_head (PayState *state, CpStore *store, int year, int month)
{
  if (state->json)
    {
      g_string_append_printf (state->out, "{\"year\": %d, \"month\": %d,\n \"staff\": [", year,
                              month);
      return;
    }
  g_autofree char *stored_city = cp_store_get_city_name (store);
  g_autofree char *city = cp_report_text_clean (stored_city);
  const char *cells[G_N_ELEMENTS (pay_columns)];

  g_string_append_printf (state->out, _("Pay sheet of %s, %d-%02d (yuan)\n\n"), city, year,
                          month);
  for (guint i = 0; i < G_N_ELEMENTS (pay_columns); i++)
    cells[i] = _(pay_columns[i].header);
  append_pay_cells (state->out, cells);
}

static void
print_pay_summary (PayState *state)
{
  GString *out = state->out;

  if (state->json)
    {
      g_string_append_printf (out, "],\n \"summary\": {\"staff\": %u, \"gross\": ", state->n);
      append_yuan (out, state->gross);
      g_string_append (out, ", \"employer_total\": ");
      append_yuan (out, state->employer_total);
      g_string_append (out, ", \"net\": ");
      append_yuan (out, state->net);
      g_string_append (out, "}}\n");
      return;
    }
  g_autofree char *gross = yuan_text (state->gross);
  g_autofree char *employee = yuan_text (state->employee_total);
  g_autofree char *tax = yuan_text (state->tax);
  g_autofree char *net = yuan_text (state->net);
  g_autofree char *employer = yuan_text (state->employer_total);
  g_autofree char *count = g_strdup_printf (ngettext ("%u person", "%u people", state->n),
                                            state->n);
  const char *cells[] = { _("Total"), count, "", "", "", gross, employee, tax, net, employer };

  g_string_append_c (out, '\n');
  append_pay_cells (out, cells);
  g_string_append_printf (out, "%s\n",
                          _("* in probation: paid one level lower. Employee 5+1: the person's "
                            "insurance and housing fund; employer 5+1: the employer's."));
}

/* advance */

static gboolean
advance_row (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  AdvanceState *state = user_data;
  GString *out = state->out;

  if (to_level == row->level)
    return TRUE;
  if (to_level > row->level)
    state->up++;
  else
    state->down++;

  if (state->json)
    {
      g_string_append (out, state->first ? "\n  {" : ",\n  {");
      state->first = FALSE;
      cp_cli_append_person_json (out, row);
      g_string_append_printf (out, ", \"post\": \"%s\", \"from\": %d, \"to\": %d, "
                                   "\"reason\": \"%s\"}",
                              cp_posts[row->staff->post].key, row->level, to_level,
                              cp_advance_reason_key (reason));
    }
  else
    {
      g_autofree char *masked = cp_id_number_mask (row->staff->id_number);
      g_autofree char *community = NULL;
      g_autofree char *name = NULL;
      g_autofree char *levels = g_strdup_printf ("%d → %d", row->level, to_level);
      cp_cli_append_padded (out, cp_report_text (row->community, &community), 12, FALSE);
      cp_cli_append_padded (out, cp_report_text (row->staff->name, &name), 8, FALSE);
      cp_cli_append_padded (out, masked, 18, FALSE);
      cp_cli_append_padded (out, cp_vocabulary_display (cp_posts, CP_N_POSTS, row->staff->post),
                            post_width (), FALSE);
      cp_cli_append_padded (out, levels, 8, TRUE);
      g_string_append_printf (out, "%s\n", cp_advance_reason_display (reason));
    }
  cp_cli_flush_if_long (out);
  return TRUE;
}

static int
print_advance (CpStore *store, int year, gboolean json, gboolean apply)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  AdvanceState state = { out, json, TRUE };
  guint changed = 0;

  if (json)
    g_string_append_printf (out, "{\"year\": %d,\n \"changes\": [", year);
  else
    g_string_append_printf (out, _("Level changes on 1 January %d (from the grades of %d)\n\n"),
                            year + 1, year);
  /* The list and the levels written come from one snapshot. */
  if (!cp_store_begin_read (store, &error))
    return cp_cli_data_error (error);
  gboolean ok = cp_staff_store_each_advance (store, year, NULL, advance_row, &state, &error);
  cp_store_end_read (store);
  if (!ok)
    return cp_cli_data_error (error);
  if (apply && !cp_staff_store_apply_advance (store, year, NULL, &changed, &error))
    return cp_cli_data_error (error);

  if (json)
    g_string_append_printf (out, "],\n \"applied\": %s}\n", apply ? "true" : "false");
  else
    {
      if (state.up + state.down == 0)
        g_string_append_printf (out, "%s\n", _("Nobody changes level."));
      g_string_append_printf (out, _("\nUp: %u, down: %u.\n"), state.up, state.down);
      if (apply)
        g_string_append_printf (out, ngettext ("The level of %d was written for %u person.\n",
                                               "The levels of %d were written for %u people.\n",
                                               changed),
                                year + 1, changed);
      else
        g_string_append_printf (out, _("Nothing was written; --apply writes the levels of %d.\n"),
                                year + 1);
    }
  return cp_cli_write_out (out);
}

/* Public API */

int
cp_cli_pay (int argc, char **argv)
{
  g_autofree char *year_text = NULL;
  g_autofree char *month_text = NULL;
  gboolean json = FALSE;
  int year = cp_cli_current_year (), month = 1;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Pay of year Y (default: this year)"),
      "Y" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text,
      N_("Pay of month M (default: this month in this year, else December)"), "M" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };

  if (!cp_cli_parse_options (_("FILE"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  int status = parse_year_month ("pay", argc, year_text, &year, month_text, &month);
  if (status != CP_EXIT_OK)
    return status;

  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (argv[1], CP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return cp_cli_data_error (error);
  if (cp_store_read_only_reason (store) != NULL && !json)
    g_printerr ("%s\n", cp_store_read_only_reason (store));

  g_autoptr (GString) out = g_string_new (NULL);
  PayState state = { out, json, TRUE, cp_date_today () };
  print_pay_head (&state, store, year, month);
  if (!cp_staff_store_each_slip (store, year, month, NULL, pay_row, &state, &error))
    return cp_cli_data_error (error);
  print_pay_summary (&state);
  return cp_cli_write_out (out);
}

int
cp_cli_advance (int argc, char **argv)
{
  g_autofree char *year_text = NULL;
  gboolean json = FALSE, apply = FALSE;
  int year = cp_cli_current_year ();
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      N_("Levels of 1 January after year Y (default: this year)"), "Y" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Write the new levels"), NULL },
    { NULL }
  };

  if (!cp_cli_parse_options (_("FILE"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  int status = parse_year_month ("advance", argc, year_text, &year, NULL, NULL);
  if (status != CP_EXIT_OK)
    return status;
  if (year >= CP_YEAR_MAX)
    return cp_cli_usage_error (_("--year must be before %d: the levels go into the next year."),
                               CP_YEAR_MAX);

  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (argv[1], CP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return cp_cli_data_error (error);
  return print_advance (store, year, json, apply);
}
