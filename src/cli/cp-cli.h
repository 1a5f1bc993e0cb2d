/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: sub-commands that need no display. Its words, options, output and exit
 * statuses (0 done, 1 bad data, 2 bad usage) are a contract that scripts rely on. */
#pragma once

#include <glib.h>

#include "cp-staff-store.h"

G_BEGIN_DECLS

/* Exit statuses of the contract. */
#define CP_EXIT_OK 0
#define CP_EXIT_DATA 1
#define CP_EXIT_USAGE 2

/* Whether @argv names a sub-command (or --help / --version) rather than asking for the window. */
gboolean cp_cli_handles (int argc, char **argv);
/* Runs the sub-command in @argv; returns the exit status. */
int cp_cli_run (int argc, char **argv);

/* check [--year Y] [--json]; in cp-cli-check.c. */
int cp_cli_check (int argc, char **argv);
/* Prints the facility check of @path for @year as text in the locale's language. */
int cp_cli_print_check (const char *path, int year, gboolean json);
/* With @projected, planned work counts from its year, JSON gains "projected": true and each
 * community "compliant_from" (a year or null). */
int cp_cli_print_check_full (const char *path, int year, gboolean json, gboolean projected);

/* export workbook|chart|summary; in cp-cli-export.c. */
int cp_cli_export (int argc, char **argv);

/* Parses @entries out of @argv (leaving the positional words in it); on a bad option prints the
 * one-line hint and returns FALSE. */
gboolean cp_cli_parse_options (const char *parameters, GOptionEntry *entries, int *argc,
                               char ***argv);

/* Prints "community-planner: MESSAGE" and a hint to stderr; returns CP_EXIT_USAGE. */
int cp_cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints "community-planner: MESSAGE" to stderr; returns CP_EXIT_DATA. */
int cp_cli_data_error (const GError *error);
/* The current calendar year. */
int cp_cli_current_year (void);
/* Parses --year's value; FALSE when not a year in range. */
gboolean cp_cli_parse_year (const char *text, int *out_year);

/* Terminal columns of @text (CJK characters take two). */
guint cp_cli_display_width (const char *text);
/* Appends @text padded with spaces to @width terminal columns, then one space. */
void cp_cli_append_padded (GString *out, const char *text, guint width, gboolean right_align);

/* Output is gathered in a GString and written in pieces: a national list must not be held in
 * memory as text. Writes @out to stdout and empties it once it holds more than 64 KiB. */
void cp_cli_flush_if_long (GString *out);
/* Writes the rest of @out to stdout; CP_EXIT_OK, or CP_EXIT_DATA when it could not be written. */
int cp_cli_write_out (GString *out);
/* Reads --year's value @year_text into @year (NULL: not given, @year stays); CP_EXIT_OK, else
 * the usage error printed and CP_EXIT_USAGE. */
int cp_cli_year_option (const char *year_text, int *year);

/* Appends a person's JSON members "id_masked", "name" and "community" (the code). */
void cp_cli_append_person_json (GString *out, const CpStaffRow *row);

/* pay and advance; in cp-cli-staff.c. */
int cp_cli_pay (int argc, char **argv);
int cp_cli_advance (int argc, char **argv);

G_END_DECLS
