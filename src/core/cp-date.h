/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar dates as the plan's records write them: "YYYY-MM-DD", or "YYYY-MM" for a month (read
 * as its first day). No time of day, no time zone. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int year;  /* 0: no date */
  int month; /* 1..12 */
  int day;   /* 1..31 */
} CpDate;

#define CP_DATE_NONE ((CpDate){ 0, 0, 0 })

gboolean cp_date_is_set (CpDate date);
/* Whether @date is a day of the Gregorian calendar (29 February only in leap years). */
gboolean cp_date_is_valid (CpDate date);
CpDate cp_date_make (int year, int month, int day);
/* Parses "YYYY-MM-DD", "YYYY-MM" (day 1), "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年M月D日" and
 * "YYYYMMDD"; FALSE for text that is no date or an impossible day (2023-02-29). */
gboolean cp_date_parse (const char *text, CpDate *out);
/* "YYYY-MM-DD" (a new string), "" for no date. */
char *cp_date_format (CpDate date);
/* <0, 0, >0 as @a is before, the same day as, or after @b; no date sorts first. */
int cp_date_compare (CpDate a, CpDate b);
/* Full years from @from to @to (0 when @to is before @from): 2020-03-15 → 2023-03-14 is 2,
 * → 2023-03-15 is 3. */
int cp_date_full_years (CpDate from, CpDate to);
/* Days in @year (365 or 366) and days of @date's year from @date to 31 December, both counted. */
int cp_date_days_in_year (int year);
int cp_date_days_left_in_year (CpDate date);
/* Today in the local time zone, or the day COMMUNITY_PLANNER_TODAY names ("YYYY-MM-DD"): what
 * the checks, the default year and month and the sample's dates depend on, fixed for tests and
 * for a look at a day to come. */
CpDate cp_date_today (void);

G_END_DECLS
