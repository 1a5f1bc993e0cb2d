/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cp-facility-check.h"
#include "cp-cli.h"
#include "cp-json.h"
#include "cp-report-text.h"
#include "cp-staff-store.h"

typedef struct
{
  GString *out;
  gboolean first;
  GHashTable *projections; /* with --projected: community id → CpProjection */
} JsonState;

/* Auxiliary functions */

guint
cp_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

void
cp_cli_append_padded (GString *out, const char *text, guint width, gboolean right_align)
{
  guint used = cp_cli_display_width (text);
  guint pad = used < width ? width - used : 0;

  if (right_align)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right_align)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append_c (out, ' ');
}

static char *
violations_text (CpViolations violations)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (int rule = 0; rule < CP_N_RULES; rule++)
    if (CP_VIOLATES (violations, rule))
      {
        if (text->len > 0)
          g_string_append (text, C_ ("list separator", ", "));
        g_string_append (text, cp_vocabulary_display (cp_rules, CP_N_RULES, rule));
      }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE)
                       : g_strdup (_("compliant"));
}

/* Callbacks */

static gboolean
print_json_row (const CpCheckRow *row, gpointer user_data)
{
  JsonState *state = user_data;
  GString *out = state->out;

  g_string_append (out, state->first ? "\n  {" : ",\n  {");
  state->first = FALSE;
  g_string_append (out, "\"code\": ");
  cp_json_append_string (out, row->code);
  g_string_append (out, ", \"name\": ");
  cp_json_append_string (out, row->name);
  g_string_append (out, ", \"township\": ");
  cp_json_append_string (out, row->township);
  g_string_append_printf (out, ", \"kind\": \"%s\", \"households\": %" G_GINT64_FORMAT,
                          cp_community_kinds[row->kind].key, row->households);
  g_string_append (out, ", \"required_area_m2\": ");
  cp_json_append_fixed (out, row->result.required_area_m2, 1);
  g_string_append (out, ", \"actual_area_m2\": ");
  cp_json_append_fixed (out, row->result.actual_area_m2, 1);
  g_string_append (out, ", \"shortfall_m2\": ");
  cp_json_append_fixed (out, row->result.shortfall_m2, 1);
  g_string_append (out, ", \"violations\": [");
  gboolean first_rule = TRUE;
  for (int rule = 0; rule < CP_N_RULES; rule++)
    if (CP_VIOLATES (row->result.violations, rule))
      {
        g_string_append_printf (out, "%s\"%s\"", first_rule ? "" : ", ", cp_rules[rule].key);
        first_rule = FALSE;
      }
  g_string_append (out, "]");
  if (state->projections != NULL)
    {
      const CpProjection *p = g_hash_table_lookup (state->projections, &row->id);
      if (p != NULL && p->compliant_from != 0)
        g_string_append_printf (out, ", \"compliant_from\": %d", p->compliant_from);
      else
        g_string_append (out, ", \"compliant_from\": null");
    }
  g_string_append (out, "}");

  /* Stream: a national dataset must not be held in memory as text. */
  cp_cli_flush_if_long (out);
  return TRUE;
}

/* The text table's columns: header, narrowest width in terminal cells, right-aligned. */
static const struct
{
  const char *header;
  guint min_width;
  gboolean right;
} text_columns[] = {
  { N_("Code"), 13, FALSE },       { N_("Township"), 12, FALSE },    { N_("Name"), 16, FALSE },
  { N_("Kind"), 6, FALSE },        { N_("Households"), 8, TRUE },    { N_("Required m²"), 9, TRUE },
  { N_("Actual m²"), 9, TRUE },    { N_("Shortfall m²"), 9, TRUE },
};

#define KIND_COLUMN 3

typedef struct
{
  GString *out;
  guint widths[G_N_ELEMENTS (text_columns)];
  GHashTable *projections; /* with --projected: community id → CpProjection */
} TextState;

static void
append_text_cells (TextState *state, const char *const *cells)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    cp_cli_append_padded (state->out, cells[i], state->widths[i], text_columns[i].right);
}

static gboolean
print_text_row (const CpCheckRow *row, gpointer user_data)
{
  TextState *state = user_data;
  char required[G_ASCII_DTOSTR_BUF_SIZE], actual[G_ASCII_DTOSTR_BUF_SIZE];
  char shortfall[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *households = g_strdup_printf ("%" G_GINT64_FORMAT, row->households);
  g_autofree char *problems = violations_text (row->result.violations);
  g_autofree char *code = NULL;
  g_autofree char *township = NULL;
  g_autofree char *name = NULL;
  const char *cells[] = {
    cp_report_text (row->code, &code),
    cp_report_text (row->township, &township),
    cp_report_text (row->name, &name),
    cp_vocabulary_display (cp_community_kinds, CP_N_COMMUNITY_KINDS, row->kind),
    households,
    g_ascii_formatd (required, sizeof required, "%.1f", row->result.required_area_m2),
    g_ascii_formatd (actual, sizeof actual, "%.1f", row->result.actual_area_m2),
    g_ascii_formatd (shortfall, sizeof shortfall, "%.1f", row->result.shortfall_m2),
  };

  append_text_cells (state, cells);
  g_string_append (state->out, problems);
  const CpProjection *p
      = state->projections != NULL ? g_hash_table_lookup (state->projections, &row->id) : NULL;
  if (p != NULL && p->compliant_from != 0)
    /* Translators: after a community's result with --projected */
    g_string_append_printf (state->out, _(" → compliant from %d with the planned work"),
                            p->compliant_from);
  else if (p != NULL && p->shortfall_m2 > 0)
    /* Translators: after a community's result with --projected: the year all planned work is
     * done, the shortfall left then */
    g_string_append_printf (state->out, _(" → after the planned work (%d) still %.1f m² short"),
                            p->horizon, p->shortfall_m2);
  else if (p != NULL)
    {
      g_autofree char *left = violations_text (p->violations);
      /* Translators: after a community's result with --projected: the year all planned work is
       * done, the rules it still breaks then */
      g_string_append_printf (state->out, _(" → after the planned work (%d) still: %s"),
                              p->horizon, left);
    }
  g_string_append_c (state->out, '\n');
  cp_cli_flush_if_long (state->out);
  return TRUE;
}

static void
print_text_header (TextState *state, int year, const char *city)
{
  const char *cells[G_N_ELEMENTS (text_columns)];

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      cells[i] = _(text_columns[i].header);
      state->widths[i] = MAX (text_columns[i].min_width, cp_cli_display_width (cells[i]));
    }
  for (int kind = 0; kind < CP_N_COMMUNITY_KINDS; kind++)
    state->widths[KIND_COLUMN] = MAX (state->widths[KIND_COLUMN],
                                      cp_cli_display_width (cp_vocabulary_display (
                                          cp_community_kinds, CP_N_COMMUNITY_KINDS, kind)));
  g_string_append_printf (state->out, _("Facility check of %s, %d\n\n"), city, year);
  append_text_cells (state, cells);
  g_string_append_printf (state->out, "%s\n", _("Result"));
}

static void
print_text_summary (GString *out, const CpCheckSummary *s)
{
  g_string_append_printf (
      out,
      _("\nCommunities: %u, compliant: %u (%.1f%%), coverage rate: "
        "%.1f%%, total shortfall: %.1f m²\n"),
      s->communities, s->compliant, 100.0 * cp_facility_check_summary_compliant_rate (s),
      100.0 * cp_facility_check_summary_coverage_rate (s), s->total_shortfall_m2);
  g_string_append_printf (out, _("Standards of %d: %.1f m² per 100 households, rural buildings at "
                                 "least %.1f m², service area at least %.0f%%.\n"),
                          s->year, s->standards.area_per_100_households_m2,
                          s->standards.rural_building_min_m2, 100.0 * s->standards.service_share_min);
}

static void
print_json_head (GString *out, const CpStandards *standards, int year, gboolean projected)
{
  g_string_append_printf (out, "{\"year\": %d,%s\n \"standards\": {\"area_per_100_households_m2\": ",
                          year, projected ? " \"projected\": true," : "");
  cp_json_append_number (out, standards->area_per_100_households_m2, 4);
  g_string_append (out, ", \"rural_building_min_m2\": ");
  cp_json_append_number (out, standards->rural_building_min_m2, 4);
  g_string_append (out, ", \"service_share_min\": ");
  cp_json_append_number (out, standards->service_share_min, 4);
  g_string_append (out, "},\n \"communities\": [");
}

static void
print_json_summary (GString *out, const CpCheckSummary *s)
{
  g_string_append_printf (out, "],\n \"summary\": {\"communities\": %u, \"compliant\": %u, "
                               "\"coverage_rate\": ",
                          s->communities, s->compliant);
  cp_json_append_fixed (out, cp_facility_check_summary_coverage_rate (s), 4);
  g_string_append (out, ", \"total_shortfall_m2\": ");
  cp_json_append_fixed (out, s->total_shortfall_m2, 1);
  g_string_append (out, "}");
}

/* The staff part: each problem of each person on the check day, and who is on duty then; as the
 * JSON's staff key or as lines of text. */

typedef struct
{
  GString *out;
  gboolean json;
  CpPayParams params;
  int year;
  CpDate day;
  gboolean first;
  guint staff;
  guint by_post[CP_N_POSTS];
  guint by_problem[CP_N_STAFF_PROBLEMS];
} StaffState;

static void
append_staff_problem (StaffState *state, const CpStaffRow *row, guint problem)
{
  state->by_problem[problem]++;
  if (state->json)
    {
      g_string_append (state->out, state->first ? "\n   {" : ",\n   {");
      cp_cli_append_person_json (state->out, row);
      g_string_append_printf (state->out, ", \"problem\": \"%s\"}",
                              cp_staff_problem_key (problem));
    }
  else
    {
      g_autofree char *masked = cp_id_number_mask (row->staff->id_number);
      g_autofree char *name = cp_report_text_clean (row->staff->name);
      g_autofree char *community = cp_report_text_clean (row->community);

      cp_cli_append_padded (state->out, community, 12, FALSE);
      cp_cli_append_padded (state->out, name, 10, FALSE);
      cp_cli_append_padded (state->out, masked, 20, FALSE);
      g_string_append_printf (state->out, "%s\n", cp_staff_problem_display (problem));
    }
  state->first = FALSE;
}

static gboolean
print_staff_row (const CpStaffRow *row, gpointer user_data)
{
  StaffState *state = user_data;
  CpStaffCheckInput input;
  CpPayPerson person;

  cp_staff_row_pay_person (row, &person);
  if (cp_pay_is_paid (&person, state->day.year, state->day.month))
    {
      state->staff++;
      state->by_post[row->staff->post]++;
    }
  cp_staff_row_check_input (row, &input);
  CpStaffProblems problems = cp_staff_check (&state->params, &input, state->year, state->day);
  if (problems == 0)
    return TRUE;

  for (guint i = 0; i < CP_N_STAFF_PROBLEMS; i++)
    if (problems & (1u << i))
      append_staff_problem (state, row, i);
  cp_cli_flush_if_long (state->out);
  return TRUE;
}

static gboolean
check_staff (StaffState *state, CpStore *store, int year, GError **error)
{
  state->year = year;
  state->first = TRUE;
  state->day = cp_staff_check_day (year, cp_date_today ());
  return cp_staff_store_get_params (store, year, &state->params, error)
         && cp_staff_store_each (store, year, NULL, print_staff_row, state, error);
}

/* After the facilities' table: the people with a problem, one line each, and the counts. Nothing
 * for a file without staff. */
static gboolean
print_text_staff (GString *out, CpStore *store, int year, GError **error)
{
  StaffState state = { .out = out };
  gsize start = out->len;
  CpDate day = cp_staff_check_day (year, cp_date_today ());

  g_string_append_printf (out, _("\nStaff check of %d, on %04d-%02d-%02d\n\n"), year, day.year,
                          day.month, day.day);
  if (!check_staff (&state, store, year, error))
    return FALSE;
  if (state.staff == 0 && state.first)
    {
      g_string_truncate (out, start);
      return TRUE;
    }
  g_string_append_printf (out, _("\nOn duty: %u (%s %u, %s %u, %s %u, %s %u).\n"), state.staff,
                          cp_vocabulary_display (cp_posts, CP_N_POSTS, CP_POST_HEAD),
                          state.by_post[CP_POST_HEAD],
                          cp_vocabulary_display (cp_posts, CP_N_POSTS, CP_POST_MEMBER),
                          state.by_post[CP_POST_MEMBER],
                          cp_vocabulary_display (cp_posts, CP_N_POSTS, CP_POST_STAFF),
                          state.by_post[CP_POST_STAFF],
                          cp_vocabulary_display (cp_posts, CP_N_POSTS, CP_POST_WELFARE),
                          state.by_post[CP_POST_WELFARE]);
  for (guint i = 0; i < CP_N_STAFF_PROBLEMS; i++)
    g_string_append_printf (out, _("%s: %u\n"), cp_staff_problem_display (i),
                            state.by_problem[i]);
  return TRUE;
}

static gboolean
print_json_staff (GString *out, CpStore *store, int year, GError **error)
{
  StaffState state = { .out = out, .json = TRUE };

  g_string_append (out, ",\n \"staff\": {\"problems\": [");
  if (!check_staff (&state, store, year, error))
    return FALSE;
  g_string_append_printf (out, "],\n  \"summary\": {\"staff\": %u, \"by_post\": {", state.staff);
  for (int post = 0; post < CP_N_POSTS; post++)
    g_string_append_printf (out, "%s\"%s\": %u", post > 0 ? ", " : "", cp_posts[post].key,
                            state.by_post[post]);
  g_string_append (out, "}}}");
  return TRUE;
}

/* Public API */

int
cp_cli_print_check (const char *path, int year, gboolean json)
{
  return cp_cli_print_check_full (path, year, json, FALSE);
}

int
cp_cli_print_check_full (const char *path, int year, gboolean json, gboolean projected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (path, CP_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GString) out = g_string_new (NULL);
  CpStandards standards;
  CpCheckSummary summary;
  JsonState json_state = { out, TRUE };
  TextState text_state = { out };
  g_autoptr (GHashTable) projections = NULL;

  if (store == NULL || !cp_facility_store_get_standards (store, year, &standards, NULL, &error))
    return cp_cli_data_error (error);
  if (cp_store_read_only_reason (store) != NULL && !json)
    g_printerr ("%s\n", cp_store_read_only_reason (store));

  if (projected)
    {
      projections = cp_facility_check_projection (store, year, 0, NULL, 0, NULL, &error);
      if (projections == NULL)
        return cp_cli_data_error (error);
      json_state.projections = text_state.projections = projections;
    }
  if (json)
    print_json_head (out, &standards, year, projected);
  else
    {
      g_autofree char *stored_city = cp_store_get_city_name (store);
      g_autofree char *city = cp_report_text_clean (stored_city);
      print_text_header (&text_state, year, city);
    }
  gpointer state = json ? (gpointer) &json_state : (gpointer) &text_state;
  if (!cp_facility_check_run_full (store, year, 0, projected,
                                   json ? print_json_row : print_text_row, state, &summary, NULL,
                                   &error))
    return cp_cli_data_error (error);
  if (json)
    {
      print_json_summary (out, &summary);
      if (!print_json_staff (out, store, year, &error))
        return cp_cli_data_error (error);
      g_string_append (out, "}\n");
    }
  else
    {
      print_text_summary (out, &summary);
      if (!print_text_staff (out, store, year, &error))
        return cp_cli_data_error (error);
    }
  return cp_cli_write_out (out);
}

int
cp_cli_check (int argc, char **argv)
{
  g_autofree char *year_text = NULL;
  gboolean json = FALSE, projected = FALSE;
  int year = cp_cli_current_year ();
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Check year Y (default: this year)"), "Y" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "projected", 0, 0, G_OPTION_ARG_NONE, &projected,
      N_("Count planned and building facilities from their year, and say from which year each "
         "community passes"),
      NULL },
    { NULL }
  };

  if (!cp_cli_parse_options (_("FILE"), entries, &argc, &argv))
    return CP_EXIT_USAGE;
  if (argc != 2)
    return cp_cli_usage_error (_("check needs exactly one FILE."));
  if (cp_cli_year_option (year_text, &year) != CP_EXIT_OK)
    return CP_EXIT_USAGE;
  return cp_cli_print_check_full (argv[1], year, json, projected);
}
