/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules of 社工岗 pay, pure functions of their arguments (DOMAIN.md §2): identity numbers,
 * level ranges, the entry level, advancement, the month's pay slip with 五险一金 and income tax
 * withheld by the cumulative method, paid annual leave, the retirement month, and the checks of a
 * person in a year. Money is integer fen. */
#pragma once

#include "cp-staff.h"

G_BEGIN_DECLS

/* Identity numbers (GB 11643-1999) */

/* The check character of the first 17 digits of @id ('0'..'9' or 'X'), or 0 when they are not
 * 17 digits. */
char cp_id_number_check_char (const char *id);
/* Checks @text (18 characters: 17 digits and a check character, a lower-case x accepted): the
 * length, the digits, the birth date (a real day, not after @today, not before 1900) and the check
 * character; the message says which, e.g. "the check character is 5, expected X". @out_birth and
 * @out_gender (optional) get the birth date and the gender (odd 17th digit: male). */
gboolean cp_id_number_check (const char *text, CpDate today, CpDate *out_birth,
                             CpGender *out_gender, GError **error);
/* "220281********1234": the first 6 and last 4 characters, 8 asterisks between (a new string);
 * text that is not 18 characters long is masked whole. */
char *cp_id_number_mask (const char *id);

/* Levels */

/* The levels of @post (welfare posts have none: both 0). */
void cp_post_level_range (const CpPayParams *params, CpStaffPost post, int *out_min,
                          int *out_max);
gboolean cp_post_has_levels (CpStaffPost post);
/* Whether @level lies in @post's range; the message says the range, e.g. "level 19 is outside
 * the levels of 社区正职, 7 to 18". */
gboolean cp_post_check_level (const CpPayParams *params, CpStaffPost post, int level,
                              GError **error);

/* The level a person enters at in @year (DOMAIN.md §2 "Entry level"): the post's lowest, plus the
 * education step (and in level mode the higher of it and the qualification step), plus one level
 * for every years_per_level full years of community service on 1 January of @year, clamped into
 * the post's range. 0 for a welfare post. */
int cp_staff_entry_level (const CpPayParams *params, CpStaffPost post, CpEducation education,
                          CpQualification qualification, CpDate service_start, int year);

typedef enum
{
  CP_ADVANCE_UP,           /* grade 优秀/称职 and years_per_level full years at the level */
  CP_ADVANCE_DOWN,         /* 不称职 */
  CP_ADVANCE_KEEP_GRADE,   /* 基本称职, or no grade */
  CP_ADVANCE_KEEP_YEARS,   /* a good grade, too few years at the level */
  CP_ADVANCE_KEEP_TOP,     /* a good grade and the years, at the post's top already */
  CP_ADVANCE_KEEP_BOTTOM,  /* 不称职 at the post's lowest already */
  CP_ADVANCE_NO_LEVEL,     /* a welfare post */
  CP_N_ADVANCE_REASONS
} CpAdvanceReason;

/* Keys for advance --json ("grade_and_years", "incompetent", "grade", "years", "top", "bottom",
 * "no_level") and translated phrases for the window. */
const char *cp_advance_reason_key (CpAdvanceReason reason);
const char *cp_advance_reason_display (CpAdvanceReason reason);

/* The level on 1 January of @year + 1 of a person at @level in @year with @grade of @year, who
 * has held the level since @level_since (the later of 1 January of the year the level began and
 * the service start). *@out_level gets the new level (the same when kept). */
CpAdvanceReason cp_staff_advance (const CpPayParams *params, CpStaffPost post, int level,
                                  CpDate level_since, CpGrade grade, int year, int *out_level);

/* Pay */

/* What the month's pay of one person depends on. */
typedef struct
{
  CpStaffPost post;
  int level; /* in the year; 0 for a welfare post */
  CpQualification qualification;
  CpGrade previous_grade; /* of the year before */
  CpDate service_start;
  CpStaffStatus status;
  CpDate status_date;
  gint64 special_deduction_fen; /* per month */
} CpPayPerson;

typedef enum
{
  CP_EMPLOYEE_PENSION,
  CP_EMPLOYEE_MEDICAL,
  CP_EMPLOYEE_UNEMPLOYMENT,
  CP_EMPLOYEE_HOUSING_FUND,
  CP_N_EMPLOYEE_LINES
} CpEmployeeLine;

typedef enum
{
  CP_EMPLOYER_PENSION,
  CP_EMPLOYER_MEDICAL,
  CP_EMPLOYER_UNEMPLOYMENT,
  CP_EMPLOYER_WORK_INJURY,
  CP_EMPLOYER_HOUSING_FUND,
  CP_N_EMPLOYER_LINES
} CpEmployerLine;

/* One person's pay for one month, every amount in fen, each line rounded half up on its own. */
typedef struct
{
  int year, month;
  int level;         /* the person's level */
  int pay_level;     /* the level pay is computed at (one lower in probation) */
  gboolean probation; /* in the first 12 months of community service */
  gint64 base, performance, allowance, gross;
  gint64 contribution_base; /* gross clamped to the floor and ceiling */
  gint64 employee[CP_N_EMPLOYEE_LINES];
  gint64 employer[CP_N_EMPLOYER_LINES];
  gint64 employee_total, employer_total;
  gint64 taxable_to_date; /* cumulative taxable income of the year to this month (≥ 0) */
  gint64 tax_to_date;     /* tax on it by the annual table */
  gint64 income_tax;      /* this month's: tax to date − tax withheld in earlier months, ≥ 0 */
  gint64 net;             /* gross − employee total − income tax */
} CpPaySlip;

/* Whether @person is on duty (在岗) in month @month of @year: service started in or before that
 * month, and still 在岗, or left/retired in a later month. */
gboolean cp_pay_is_paid (const CpPayPerson *person, int year, int month);
/* The pay slip of @month of @year. Income tax is withheld by the cumulative method: this
 * function computes the months of the year before @month that @person was paid in, too. FALSE
 * (and @out zeroed) when @person is not paid in that month. */
gboolean cp_pay_slip (const CpPayParams *params, const CpPayPerson *person, int year, int month,
                      CpPaySlip *out);
/* Tax in fen on a cumulative taxable income of @taxable_fen by the annual table of the
 * Individual Income Tax Law (3% … 45% with quick deductions), rounded half up; 0 for ≤ 0. */
gint64 cp_income_tax_on (gint64 taxable_fen);
/* @yuan × @factor … in fen, rounded half up (binary fractions such as 4,500 × 0.7 that lie a hair
 * below a half fen are taken as the half they stand for). */
gint64 cp_money_round_fen (double fen);

/* Leave and retirement */

/* Paid annual leave days in @year: by cumulative work years since @work_start on 1 January
 * (< 1: 0, < 10: 5, < 20: 10, else 15); in the year service starts, the share of the remaining
 * days of the year, rounded down. */
int cp_annual_leave_days (CpDate work_start, CpDate service_start, int year);
/* The month (day 1) a person born on @birth reaches retirement age under the 2024 decision on
 * gradual retirement: men 60, women 55, rising one month every four months of birth from
 * January 1965 (men) / January 1970 (women) to 63 / 58. @out_age_months (optional) gets the age. */
CpDate cp_retirement_month (CpDate birth, CpGender gender, int *out_age_months);

/* Checks of a person in a year */

typedef enum
{
  CP_STAFF_PROBLEM_LEVEL_OUT_OF_RANGE = 1 << 0,
  CP_STAFF_PROBLEM_AGREEMENT_MISSING = 1 << 1,
  CP_STAFF_PROBLEM_AGREEMENT_EXPIRED = 1 << 2,
  CP_STAFF_PROBLEM_RETIREMENT_REACHED = 1 << 3,
  CP_STAFF_PROBLEM_GRADE_MISSING = 1 << 4,
} CpStaffProblems;

#define CP_N_STAFF_PROBLEMS 5
/* The key of problem bit @index (0..4) for check --json, and its translated phrase. */
const char *cp_staff_problem_key (guint index);
const char *cp_staff_problem_display (guint index);

/* What the check of one person in a year looks at. */
typedef struct
{
  CpStaffPost post;
  CpStaffStatus status;
  int level; /* 0: none recorded */
  CpGrade grade; /* of the year */
  CpDate birth;
  CpGender gender;
  gboolean has_agreement;
  CpDate agreement_end; /* of the latest agreement; no date: open-ended */
} CpStaffCheckInput;

/* The day a check of @year looks at: @today within that year, 1 January of a later year,
 * 31 December of an earlier one. */
CpDate cp_staff_check_day (int year, CpDate today);
/* The problems of a person in @year on @day (cp_staff_check_day()); only 在岗 people have any.
 * Level out of the post's range; no agreement; the latest agreement ended before @day;
 * retirement month reached on @day; head or member without a grade of @year. */
CpStaffProblems cp_staff_check (const CpPayParams *params, const CpStaffCheckInput *input,
                                int year, CpDate day);

G_END_DECLS
