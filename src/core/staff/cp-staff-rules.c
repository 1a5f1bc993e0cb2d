/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cp-staff-rules.h"

/* Identity numbers */

char
cp_id_number_check_char (const char *id)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check[] = "10X98765432";
  int sum = 0;

  if (id == NULL)
    return 0;
  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (id[i]))
        return 0;
      sum += (id[i] - '0') * weights[i];
    }
  return check[sum % 11];
}

static int
digits_value (const char *text, int n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

static gboolean
check_birth (const char *text, CpDate today, CpDate *out_birth, GError **error)
{
  CpDate birth = cp_date_make (digits_value (text + 6, 4), digits_value (text + 10, 2),
                               digits_value (text + 12, 2));
  char digits[9];

  memcpy (digits, text + 6, 8);
  digits[8] = '\0';
  if (!cp_date_is_valid (birth) || birth.year < 1900)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("the birth date in it, %s (characters 7 to 14), is not a real day"),
                         digits);
  if (cp_date_compare (birth, today) > 0)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("the birth date in it, %s (characters 7 to 14), lies in the future"),
                         digits);
  *out_birth = birth;
  return TRUE;
}

gboolean
cp_id_number_check (const char *text, CpDate today, CpDate *out_birth, CpGender *out_gender,
                    GError **error)
{
  if (text == NULL || *text == '\0')
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("the identity number is empty; enter its 18 characters"));

  glong length = g_utf8_validate (text, -1, NULL) ? g_utf8_strlen (text, -1)
                                                  : (glong) strlen (text);

  if (length != CP_ID_NUMBER_LENGTH)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("the identity number has %ld characters; it needs 18: 17 digits and a "
                           "check character"),
                         length);
  for (int i = 0; i < 17; i++)
    if (!g_ascii_isdigit (text[i]))
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("character %d of the identity number is not a digit; the first 17 "
                             "are digits"),
                           i + 1);

  CpDate birth;

  if (!check_birth (text, today, &birth, error))
    return FALSE;

  char expected = cp_id_number_check_char (text);
  char last = g_ascii_toupper (text[17]);

  if (last != expected)
    {
      /* The last character may be a byte of a wider character: say what it should be only. */
      if (!g_ascii_isdigit (last) && last != 'X')
        return cp_set_error (error, CP_ERROR_INVALID,
                             _("the check character (the 18th) is not a digit or X, expected %c"),
                             expected);
      return cp_set_error (error, CP_ERROR_INVALID, _("the check character is %c, expected %c"),
                           last, expected);
    }
  if (out_birth != NULL)
    *out_birth = birth;
  if (out_gender != NULL)
    *out_gender = (text[16] - '0') % 2 == 1 ? CP_GENDER_MALE : CP_GENDER_FEMALE;
  return TRUE;
}

char *
cp_id_number_mask (const char *id)
{
  if (id == NULL)
    return g_strdup ("");
  if (strlen (id) == CP_ID_NUMBER_LENGTH)
    return g_strdup_printf ("%.6s********%s", id, id + 14);

  glong n = g_utf8_validate (id, -1, NULL) ? g_utf8_strlen (id, -1) : (glong) strlen (id);

  return g_strnfill (n, '*');
}

/* Levels */

static const CpPayParam level_params[CP_N_POSTS][2] = {
  [CP_POST_HEAD] = { CP_PARAM_LEVEL_MIN_HEAD, CP_PARAM_LEVEL_MAX_HEAD },
  [CP_POST_MEMBER] = { CP_PARAM_LEVEL_MIN_MEMBER, CP_PARAM_LEVEL_MAX_MEMBER },
  [CP_POST_STAFF] = { CP_PARAM_LEVEL_MIN_STAFF, CP_PARAM_LEVEL_MAX_STAFF },
};

gboolean
cp_post_has_levels (CpStaffPost post)
{
  return post != CP_POST_WELFARE;
}

void
cp_post_level_range (const CpPayParams *params, CpStaffPost post, int *out_min, int *out_max)
{
  g_return_if_fail (params != NULL);
  g_return_if_fail ((guint) post < CP_N_POSTS);

  int min = 0, max = 0;

  if (cp_post_has_levels (post))
    {
      min = (int) params->value[level_params[post][0]];
      max = (int) params->value[level_params[post][1]];
    }
  if (out_min != NULL)
    *out_min = min;
  if (out_max != NULL)
    *out_max = max;
}

gboolean
cp_post_check_level (const CpPayParams *params, CpStaffPost post, int level, GError **error)
{
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail ((guint) post < CP_N_POSTS, FALSE);

  const char *name = cp_vocabulary_display (cp_posts, CP_N_POSTS, post);
  int min, max;

  if (!cp_post_has_levels (post))
    {
      if (level == 0)
        return TRUE;
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("a public-welfare post has no level; leave the level empty"));
    }
  cp_post_level_range (params, post, &min, &max);
  if (level >= min && level <= max)
    return TRUE;
  return cp_set_error (error, CP_ERROR_INVALID, _("level %d is outside the levels of %s, %d to %d"),
                       level, name, min, max);
}

static int
years_per_level (const CpPayParams *params)
{
  return MAX (1, (int) params->value[CP_PARAM_YEARS_PER_LEVEL]);
}

int
cp_staff_entry_level (const CpPayParams *params, CpStaffPost post, CpEducation education,
                      CpQualification qualification, CpDate service_start, int year)
{
  static const int education_steps[CP_N_EDUCATIONS] = { 0, 0, 1, 2, 3 };
  static const int qualification_steps[CP_N_QUALIFICATIONS] = { 0, 1, 2, 3 };

  g_return_val_if_fail (params != NULL, 0);
  g_return_val_if_fail ((guint) education < CP_N_EDUCATIONS, 0);
  g_return_val_if_fail ((guint) qualification < CP_N_QUALIFICATIONS, 0);

  if (!cp_post_has_levels (post))
    return 0;

  int min, max;
  int step = education_steps[education];
  int years = cp_date_full_years (service_start, cp_date_make (year, 1, 1));

  cp_post_level_range (params, post, &min, &max);
  if (params->value[CP_PARAM_QUALIFICATION_MODE] == CP_QUALIFICATION_MODE_LEVEL)
    step = MAX (step, qualification_steps[qualification]);
  return CLAMP (min + step + years / years_per_level (params), min, max);
}

static const char *const advance_keys[CP_N_ADVANCE_REASONS] = {
  [CP_ADVANCE_UP] = "grade_and_years",
  [CP_ADVANCE_DOWN] = "incompetent",
  [CP_ADVANCE_KEEP_GRADE] = "grade",
  [CP_ADVANCE_KEEP_YEARS] = "years",
  [CP_ADVANCE_KEEP_TOP] = "top",
  [CP_ADVANCE_KEEP_BOTTOM] = "bottom",
  [CP_ADVANCE_NO_LEVEL] = "no_level",
};

static const char *const advance_displays[CP_N_ADVANCE_REASONS] = {
  [CP_ADVANCE_UP] = N_("Up one level: graded excellent or competent, enough years at the level"),
  [CP_ADVANCE_DOWN] = N_("Down one level: graded incompetent"),
  [CP_ADVANCE_KEEP_GRADE] = N_("Kept: graded basically competent, or not graded"),
  [CP_ADVANCE_KEEP_YEARS] = N_("Kept: too few years at the level"),
  [CP_ADVANCE_KEEP_TOP] = N_("Kept: at the post's top level already"),
  [CP_ADVANCE_KEEP_BOTTOM] = N_("Kept: graded incompetent at the post's lowest level"),
  [CP_ADVANCE_NO_LEVEL] = N_("A public-welfare post has no level"),
};

const char *
cp_advance_reason_key (CpAdvanceReason reason)
{
  g_return_val_if_fail ((guint) reason < CP_N_ADVANCE_REASONS, "");
  return advance_keys[reason];
}

const char *
cp_advance_reason_display (CpAdvanceReason reason)
{
  g_return_val_if_fail ((guint) reason < CP_N_ADVANCE_REASONS, "");
  return _(advance_displays[reason]);
}

CpAdvanceReason
cp_staff_advance (const CpPayParams *params, CpStaffPost post, int level, CpDate level_since,
                  CpGrade grade, int year, int *out_level)
{
  g_return_val_if_fail (params != NULL, CP_ADVANCE_NO_LEVEL);
  g_return_val_if_fail (out_level != NULL, CP_ADVANCE_NO_LEVEL);

  int min, max;

  *out_level = level;
  if (!cp_post_has_levels (post))
    return CP_ADVANCE_NO_LEVEL;
  cp_post_level_range (params, post, &min, &max);
  if (grade == CP_GRADE_INCOMPETENT)
    {
      if (level <= min)
        return CP_ADVANCE_KEEP_BOTTOM;
      *out_level = level - 1;
      return CP_ADVANCE_DOWN;
    }
  if (grade != CP_GRADE_EXCELLENT && grade != CP_GRADE_COMPETENT)
    return CP_ADVANCE_KEEP_GRADE;
  /* Full years held at the end of @year, that is on 1 January of the next. */
  if (cp_date_full_years (level_since, cp_date_make (year + 1, 1, 1)) < years_per_level (params))
    return CP_ADVANCE_KEEP_YEARS;
  if (level >= max)
    return CP_ADVANCE_KEEP_TOP;
  *out_level = level + 1;
  return CP_ADVANCE_UP;
}

/* Pay */

gint64
cp_money_round_fen (double fen)
{
  if (fen < 0)
    return -cp_money_round_fen (-fen);
  if (!(fen < 1e12))
    return (gint64) floor (fen + 0.5);
  /* Round to a millionth of a fen first: 4,500 × 0.7 × 100 is 314999.99999999994 in binary, and
   * stands for 315,000 exactly; a product of a few parameters never needs 6 decimals of a fen. */
  gint64 micro = (gint64) llround (fen * 1e6);

  return (micro + 500000) / 1000000;
}

static gint64
yuan_to_fen (double yuan)
{
  return cp_money_round_fen (yuan * 100);
}

static int
month_index (int year, int month)
{
  return year * 12 + (month - 1);
}

gboolean
cp_pay_is_paid (const CpPayPerson *person, int year, int month)
{
  g_return_val_if_fail (person != NULL, FALSE);

  CpDate start = person->service_start;
  int index = month_index (year, month);

  if (!cp_date_is_set (start) || month_index (start.year, start.month) > index)
    return FALSE;
  if (person->status == CP_STAFF_ACTIVE)
    return TRUE;
  return cp_date_is_set (person->status_date)
         && month_index (person->status_date.year, person->status_date.month) > index;
}

static const CpPayParam grade_factors[CP_N_GRADES] = {
  [CP_GRADE_NONE] = CP_PARAM_GRADE_FACTOR_NONE,
  [CP_GRADE_EXCELLENT] = CP_PARAM_GRADE_FACTOR_EXCELLENT,
  [CP_GRADE_COMPETENT] = CP_PARAM_GRADE_FACTOR_COMPETENT,
  [CP_GRADE_BASIC] = CP_PARAM_GRADE_FACTOR_BASIC,
  [CP_GRADE_INCOMPETENT] = CP_PARAM_GRADE_FACTOR_INCOMPETENT,
};

static const CpPayParam allowances[CP_N_QUALIFICATIONS] = {
  [CP_QUALIFICATION_NONE] = -1,
  [CP_QUALIFICATION_ASSISTANT] = CP_PARAM_ALLOWANCE_ASSISTANT,
  [CP_QUALIFICATION_SOCIAL_WORKER] = CP_PARAM_ALLOWANCE_SOCIAL_WORKER,
  [CP_QUALIFICATION_SENIOR] = CP_PARAM_ALLOWANCE_SENIOR,
};

/* Whether month @month of @year is one of the first 12 months of community service (months
 * service start … service start + 11). */
static gboolean
in_probation (const CpPayPerson *person, int year, int month)
{
  return month_index (year, month)
         - month_index (person->service_start.year, person->service_start.month)
         < 12;
}

/* The level pay is computed at: the person's, one lower in probation but not below the post's
 * lowest. A leveled post without a level is paid at the post's lowest (the check reports it). */
static void
set_pay_level (const CpPayParams *params, const CpPayPerson *person, gboolean probation,
               CpPaySlip *slip)
{
  int min, max;

  cp_post_level_range (params, person->post, &min, &max);
  slip->level = person->level;
  slip->pay_level = person->level != 0 ? person->level : min;
  slip->probation = probation;
  if (probation && slip->pay_level > min)
    slip->pay_level--;
  slip->pay_level = CLAMP (slip->pay_level, CP_LEVEL_MIN, CP_LEVEL_MAX);
}

/* Base, performance and allowance of a leveled post. */
static void
set_leveled_pay (const CpPayParams *params, const CpPayPerson *person, CpPaySlip *slip)
{
  const double *v = params->value;
  double standard = v[CP_PARAM_REFERENCE_WAGE_YUAN] * v[CP_PARAM_LOCAL_COEFFICIENT]
                    * v[CP_PARAM_LEVEL_COEFFICIENT_1 + slip->pay_level - 1];
  CpGrade grade = (guint) person->previous_grade < CP_N_GRADES ? person->previous_grade
                                                               : CP_GRADE_NONE;
  CpPayParam allowance = allowances[person->qualification];

  slip->base = yuan_to_fen (standard * v[CP_PARAM_BASE_SHARE]);
  slip->performance = yuan_to_fen (standard * (1 - v[CP_PARAM_BASE_SHARE])
                                   * v[grade_factors[grade]]);
  slip->allowance = 0;
  if (v[CP_PARAM_QUALIFICATION_MODE] == CP_QUALIFICATION_MODE_ALLOWANCE && (int) allowance >= 0)
    slip->allowance = yuan_to_fen (v[allowance]);
}

/* The contribution base and the contributions of both sides, each line rounded on its own. */
static void
set_contributions (const CpPayParams *params, CpPaySlip *slip)
{
  static const CpPayParam employee_rates[CP_N_EMPLOYEE_LINES] = {
    CP_PARAM_RATE_PENSION_EMPLOYEE, CP_PARAM_RATE_MEDICAL_EMPLOYEE,
    CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYEE, CP_PARAM_RATE_HOUSING_FUND_EMPLOYEE
  };
  static const CpPayParam employer_rates[CP_N_EMPLOYER_LINES] = {
    CP_PARAM_RATE_PENSION_EMPLOYER, CP_PARAM_RATE_MEDICAL_EMPLOYER,
    CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYER, CP_PARAM_RATE_WORK_INJURY_EMPLOYER,
    CP_PARAM_RATE_HOUSING_FUND_EMPLOYER
  };
  const double *v = params->value;
  gint64 floor_fen = yuan_to_fen (v[CP_PARAM_BASE_FLOOR_SHARE] * v[CP_PARAM_AVERAGE_WAGE_YUAN]);
  gint64 ceiling_fen = yuan_to_fen (v[CP_PARAM_BASE_CEILING_SHARE]
                                    * v[CP_PARAM_AVERAGE_WAGE_YUAN]);

  slip->contribution_base = CLAMP (slip->gross, floor_fen, MAX (floor_fen, ceiling_fen));
  slip->employee_total = 0;
  for (int i = 0; i < CP_N_EMPLOYEE_LINES; i++)
    {
      slip->employee[i] = cp_money_round_fen (slip->contribution_base * v[employee_rates[i]]);
      slip->employee_total += slip->employee[i];
    }
  slip->employer_total = 0;
  for (int i = 0; i < CP_N_EMPLOYER_LINES; i++)
    {
      slip->employer[i] = cp_money_round_fen (slip->contribution_base * v[employer_rates[i]]);
      slip->employer_total += slip->employer[i];
    }
}

/* Everything of a month's pay but the income tax, in or out of probation: within a year a
 * person's months differ in nothing else. */
static void
month_pay (const CpPayParams *params, const CpPayPerson *person, gboolean probation,
           CpPaySlip *slip)
{
  memset (slip, 0, sizeof *slip);
  if (cp_post_has_levels (person->post))
    {
      set_pay_level (params, person, probation, slip);
      set_leveled_pay (params, person, slip);
    }
  else
    slip->base = yuan_to_fen (params->value[CP_PARAM_WELFARE_MONTHLY_YUAN]);
  slip->gross = slip->base + slip->performance + slip->allowance;
  set_contributions (params, slip);
}

/* 5,000 yuan a month (个人所得税法 第六条) */
#define TAX_THRESHOLD_FEN G_GINT64_CONSTANT (500000)

gboolean
cp_pay_slip (const CpPayParams *params, const CpPayPerson *person, int year, int month,
             CpPaySlip *out)
{
  g_return_val_if_fail (params != NULL && person != NULL && out != NULL, FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);
  g_return_val_if_fail ((guint) person->post < CP_N_POSTS, FALSE);
  g_return_val_if_fail ((guint) person->qualification < CP_N_QUALIFICATIONS, FALSE);

  memset (out, 0, sizeof *out);
  if (!cp_pay_is_paid (person, year, month))
    return FALSE;

  /* Cumulative withholding over the months of the year the person is paid in, up to @month:
   * each month withholds the tax on the income to date less what earlier months withheld. A
   * month's pay is one of two (in probation or not), each worked out once. */
  gboolean leveled = cp_post_has_levels (person->post);
  CpPaySlip pay[2];
  gboolean done[2] = { FALSE, FALSE };
  gint64 income = 0, withheld = 0, taxable = 0, tax_to_date = 0, tax = 0;

  for (int m = 1; m <= month; m++)
    {
      if (!cp_pay_is_paid (person, year, m))
        continue;

      int p = leveled && in_probation (person, year, m);

      if (!done[p])
        month_pay (params, person, p, &pay[p]);
      done[p] = TRUE;
      income += pay[p].gross - TAX_THRESHOLD_FEN - pay[p].employee_total
                - person->special_deduction_fen;
      taxable = MAX (0, income);
      tax_to_date = cp_income_tax_on (taxable);
      tax = MAX (0, tax_to_date - withheld);
      withheld += tax;
    }
  *out = pay[leveled && in_probation (person, year, month)];
  out->year = year;
  out->month = month;
  out->taxable_to_date = taxable;
  out->tax_to_date = tax_to_date;
  out->income_tax = tax;
  out->net = out->gross - out->employee_total - out->income_tax;
  return TRUE;
}

gint64
cp_income_tax_on (gint64 taxable_fen)
{
  /* 个人所得税税率表一 (综合所得适用): the upper limit of each bracket in yuan, the rate in per
   * cent and the quick deduction in yuan. */
  static const struct
  {
    gint64 limit_yuan;
    int percent;
    gint64 deduction_yuan;
  } table[] = {
    { 36000, 3, 0 },        { 144000, 10, 2520 },   { 300000, 20, 16920 },
    { 420000, 25, 31920 },  { 660000, 30, 52920 },  { 960000, 35, 85920 },
    { G_MAXINT64 / 100, 45, 181920 },
  };

  if (taxable_fen <= 0)
    return 0;

  guint i = 0;

  while (i + 1 < G_N_ELEMENTS (table) && taxable_fen > table[i].limit_yuan * 100)
    i++;

  /* In hundredths of a fen, so the rounding is exact: taxable × rate% − deduction. */
  gint64 hundredths = taxable_fen * table[i].percent - table[i].deduction_yuan * 100 * 100;

  return (hundredths + 50) / 100;
}

/* Leave and retirement */

int
cp_annual_leave_days (CpDate work_start, CpDate service_start, int year)
{
  int years = cp_date_full_years (work_start, cp_date_make (year, 1, 1));
  int entitled = years < 1 ? 0 : years < 10 ? 5 : years < 20 ? 10 : 15;

  if (!cp_date_is_set (service_start) || service_start.year < year)
    return entitled;
  if (service_start.year > year)
    return 0;
  /* The joining year: remaining calendar days ÷ 365 × the entitlement, rounded down
   * (《企业职工带薪年休假实施办法》第五条). The rule divides by 365 in leap years too; 366 days
   * left (joining on 1 January of a leap year) still give no more than the entitlement. */
  return cp_date_days_left_in_year (service_start) * entitled / 365;
}

CpDate
cp_retirement_month (CpDate birth, CpGender gender, int *out_age_months)
{
  /* Men from 60 (born from January 1965 on), women in these posts from 55 (born from January
   * 1970 on): one month more for every 4 months of birth, at most 36 (63 and 58). */
  gboolean male = gender == CP_GENDER_MALE;
  int age = (male ? 60 : 55) * 12;
  int since = month_index (birth.year, birth.month) - month_index (male ? 1965 : 1970, 1);

  if (since >= 0)
    age += MIN (36, since / 4 + 1);
  if (out_age_months != NULL)
    *out_age_months = age;
  if (!cp_date_is_set (birth))
    return CP_DATE_NONE;

  int index = month_index (birth.year, birth.month) + age;

  return cp_date_make (index / 12, index % 12 + 1, 1);
}

/* Checks of a person in a year */

static const char *const problem_keys[CP_N_STAFF_PROBLEMS] = {
  "level_out_of_range", "agreement_missing", "agreement_expired", "retirement_reached",
  "grade_missing",
};

static const char *const problem_displays[CP_N_STAFF_PROBLEMS] = {
  N_("Level outside the post's range"),
  N_("No service agreement"),
  N_("Service agreement expired"),
  N_("Retirement age reached, still on duty"),
  N_("No grade for the year"),
};

const char *
cp_staff_problem_key (guint index)
{
  g_return_val_if_fail (index < CP_N_STAFF_PROBLEMS, "");
  return problem_keys[index];
}

const char *
cp_staff_problem_display (guint index)
{
  g_return_val_if_fail (index < CP_N_STAFF_PROBLEMS, "");
  return _(problem_displays[index]);
}

CpDate
cp_staff_check_day (int year, CpDate today)
{
  if (today.year == year)
    return today;
  return today.year < year ? cp_date_make (year, 1, 1) : cp_date_make (year, 12, 31);
}

/* A leveled post with no level recorded (0) counts as out of range, like a level outside the
 * post's range: pay falls back to the post's lowest level until one is recorded. A public-welfare
 * post with a level recorded is out of range too. */
static gboolean
level_out_of_range (const CpPayParams *params, const CpStaffCheckInput *input)
{
  int min, max;

  if (!cp_post_has_levels (input->post))
    return input->level != 0;
  cp_post_level_range (params, input->post, &min, &max);
  return input->level < min || input->level > max;
}

CpStaffProblems
cp_staff_check (const CpPayParams *params, const CpStaffCheckInput *input, int year, CpDate day)
{
  g_return_val_if_fail (params != NULL && input != NULL, 0);

  CpStaffProblems problems = 0;

  if (input->status != CP_STAFF_ACTIVE)
    return 0;
  if (level_out_of_range (params, input))
    problems |= CP_STAFF_PROBLEM_LEVEL_OUT_OF_RANGE;
  if (!input->has_agreement)
    problems |= CP_STAFF_PROBLEM_AGREEMENT_MISSING;
  else if (cp_date_is_set (input->agreement_end) && cp_date_compare (input->agreement_end, day) < 0)
    problems |= CP_STAFF_PROBLEM_AGREEMENT_EXPIRED;
  if (cp_date_is_set (input->birth)
      && cp_date_compare (cp_retirement_month (input->birth, input->gender, NULL), day) <= 0)
    problems |= CP_STAFF_PROBLEM_RETIREMENT_REACHED;
  if ((input->post == CP_POST_HEAD || input->post == CP_POST_MEMBER)
      && input->grade == CP_GRADE_NONE)
    problems |= CP_STAFF_PROBLEM_GRADE_MISSING;
  (void) year;
  return problems;
}
