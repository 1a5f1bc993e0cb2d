/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-date.h"

gboolean
cp_date_is_set (CpDate date)
{
  return date.year != 0;
}

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year, int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

gboolean
cp_date_is_valid (CpDate date)
{
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12
         && date.day >= 1 && date.day <= days_in_month (date.year, date.month);
}

CpDate
cp_date_make (int year, int month, int day)
{
  return (CpDate){ year, month, day };
}

/* Reads 1 to @max_digits ASCII digits at *@p (exactly @max_digits when @exact) and moves *@p past
 * them. */
static gboolean
read_digits (const char **p, int max_digits, gboolean exact, int *out)
{
  int n = 0, value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n == 0 || (exact && n != max_digits))
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

/* Whether *@p starts with @word; moves past it if so. */
static gboolean
skip_word (const char **p, const char *word)
{
  gsize length = strlen (word);

  if (strncmp (*p, word, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

/* "YYYYMMDD": eight digits and nothing else. */
static gboolean
parse_compact (const char *p, CpDate *out)
{
  for (int i = 0; i < 8; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  if (p[8] != '\0')
    return FALSE;
  out->year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  out->month = (p[4] - '0') * 10 + (p[5] - '0');
  out->day = (p[6] - '0') * 10 + (p[7] - '0');
  return TRUE;
}

/* "YYYY?M[M][?D[D]]" with one separator (- / .) used twice, or "YYYY年M月[D日]"; a month alone
 * reads as its first day. */
static gboolean
parse_separated (const char *p, CpDate *out)
{
  static const char *const separators[] = { "-", "/", "." };
  gboolean chinese = FALSE;
  const char *sep = NULL;

  if (!read_digits (&p, 4, TRUE, &out->year))
    return FALSE;
  if (skip_word (&p, "年"))
    chinese = TRUE;
  for (guint i = 0; !chinese && sep == NULL && i < G_N_ELEMENTS (separators); i++)
    if (skip_word (&p, separators[i]))
      sep = separators[i];
  if (!chinese && sep == NULL)
    return FALSE;
  if (!read_digits (&p, 2, FALSE, &out->month))
    return FALSE;
  if (chinese && !skip_word (&p, "月"))
    return FALSE;
  out->day = 1;
  if (*p == '\0')
    return TRUE;
  if (!chinese && !skip_word (&p, sep))
    return FALSE;
  if (!read_digits (&p, 2, FALSE, &out->day))
    return FALSE;
  if (chinese && !skip_word (&p, "日"))
    return FALSE;
  return *p == '\0';
}

gboolean
cp_date_parse (const char *text, CpDate *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  g_autofree char *copy = g_strstrip (g_strdup (text));
  CpDate date = CP_DATE_NONE;

  if (!parse_compact (copy, &date) && !parse_separated (copy, &date))
    return FALSE;
  if (!cp_date_is_valid (date))
    return FALSE;
  *out = date;
  return TRUE;
}

char *
cp_date_format (CpDate date)
{
  if (!cp_date_is_set (date))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", date.year, date.month, date.day);
}

int
cp_date_compare (CpDate a, CpDate b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  if (a.day != b.day)
    return a.day < b.day ? -1 : 1;
  return 0;
}

int
cp_date_full_years (CpDate from, CpDate to)
{
  if (!cp_date_is_set (from) || !cp_date_is_set (to) || cp_date_compare (to, from) < 0)
    return 0;

  int years = to.year - from.year;

  /* Not yet the anniversary in @to's year (29 February's falls on 1 March in other years). */
  if (to.month < from.month || (to.month == from.month && to.day < from.day))
    years--;
  return years;
}

int
cp_date_days_in_year (int year)
{
  return is_leap (year) ? 366 : 365;
}

int
cp_date_days_left_in_year (CpDate date)
{
  g_return_val_if_fail (cp_date_is_valid (date), 0);

  int day_of_year = date.day;

  for (int m = 1; m < date.month; m++)
    day_of_year += days_in_month (date.year, m);
  return cp_date_days_in_year (date.year) - day_of_year + 1;
}

CpDate
cp_date_today (void)
{
  const char *fixed = g_getenv ("COMMUNITY_PLANNER_TODAY");
  CpDate day;

  if (fixed != NULL && cp_date_parse (fixed, &day))
    return day;

  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return cp_date_make (g_date_time_get_year (now), g_date_time_get_month (now),
                       g_date_time_get_day_of_month (now));
}
