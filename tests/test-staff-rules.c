/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates and the 社工岗 rules with hand-computed numbers: identity numbers, levels, entry and
 * advancement, pay slips with 五险一金 and cumulative income tax, leave, retirement, checks. All
 * with the default parameters unless a test says otherwise. Money in fen. */
#include "config.h"

#include "cp-staff-rules.h"

#define D(y, m, d) cp_date_make (y, m, d)

static void
assert_date (CpDate date, int year, int month, int day)
{
  g_assert_cmpint (date.year, ==, year);
  g_assert_cmpint (date.month, ==, month);
  g_assert_cmpint (date.day, ==, day);
}

/* Dates */

static void
test_date_parse (void)
{
  CpDate d;

  g_assert_true (cp_date_parse ("2020-03-15", &d));
  assert_date (d, 2020, 3, 15);
  g_assert_true (cp_date_parse (" 2020-3-5 ", &d));
  assert_date (d, 2020, 3, 5);
  g_assert_true (cp_date_parse ("2020/03/15", &d));
  assert_date (d, 2020, 3, 15);
  g_assert_true (cp_date_parse ("2020.03.15", &d));
  assert_date (d, 2020, 3, 15);
  g_assert_true (cp_date_parse ("2020年3月15日", &d));
  assert_date (d, 2020, 3, 15);
  g_assert_true (cp_date_parse ("20200315", &d));
  assert_date (d, 2020, 3, 15);
  /* A month alone is its first day. */
  g_assert_true (cp_date_parse ("2020-03", &d));
  assert_date (d, 2020, 3, 1);
  g_assert_true (cp_date_parse ("2020年11月", &d));
  assert_date (d, 2020, 11, 1);
  /* Leap days: 2024 and 2000 are leap years, 2023 and 1900 are not. */
  g_assert_true (cp_date_parse ("2024-02-29", &d));
  g_assert_true (cp_date_parse ("2000-02-29", &d));

  d = D (1, 2, 3);
  const char *bad[] = { "2023-02-29", "1900-02-29", "2020-13-01", "2020-04-31", "20200230",
                        "2020-00-10", "2020-03-00", "", "abc", "2020-03-15x", "2020-03/15",
                        "2020年3月15", "20-03-15", "202003", "2020-", "2020-03-" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (cp_date_parse (bad[i], &d));
  g_assert_false (cp_date_parse (NULL, &d));
  assert_date (d, 1, 2, 3); /* untouched on failure */
}

static void
test_date_format_compare (void)
{
  g_autofree char *text = cp_date_format (D (2020, 3, 5));
  g_autofree char *none = cp_date_format (CP_DATE_NONE);

  g_assert_cmpstr (text, ==, "2020-03-05");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpint (cp_date_compare (D (2020, 3, 5), D (2020, 3, 6)), <, 0);
  g_assert_cmpint (cp_date_compare (D (2020, 4, 1), D (2020, 3, 31)), >, 0);
  g_assert_cmpint (cp_date_compare (D (2020, 3, 5), D (2020, 3, 5)), ==, 0);
  g_assert_cmpint (cp_date_compare (CP_DATE_NONE, D (1900, 1, 1)), <, 0);
  g_assert_false (cp_date_is_set (CP_DATE_NONE));
  g_assert_false (cp_date_is_valid (D (2023, 2, 29)));
  g_assert_true (cp_date_is_valid (D (2024, 2, 29)));
}

static void
test_date_full_years (void)
{
  /* The header's example: 2020-03-15 → 2023-03-14 is 2 years, → 2023-03-15 is 3. */
  g_assert_cmpint (cp_date_full_years (D (2020, 3, 15), D (2023, 3, 14)), ==, 2);
  g_assert_cmpint (cp_date_full_years (D (2020, 3, 15), D (2023, 3, 15)), ==, 3);
  g_assert_cmpint (cp_date_full_years (D (2020, 3, 15), D (2023, 2, 28)), ==, 2);
  g_assert_cmpint (cp_date_full_years (D (2020, 3, 15), D (2020, 3, 15)), ==, 0);
  g_assert_cmpint (cp_date_full_years (D (2020, 3, 15), D (2019, 1, 1)), ==, 0);
  g_assert_cmpint (cp_date_full_years (CP_DATE_NONE, D (2019, 1, 1)), ==, 0);
  /* Born on 29 February: a full year on 1 March of a common year, not on 28 February. */
  g_assert_cmpint (cp_date_full_years (D (2020, 2, 29), D (2021, 2, 28)), ==, 0);
  g_assert_cmpint (cp_date_full_years (D (2020, 2, 29), D (2021, 3, 1)), ==, 1);
  g_assert_cmpint (cp_date_full_years (D (2020, 2, 29), D (2024, 2, 29)), ==, 4);
}

static void
test_date_days (void)
{
  g_assert_cmpint (cp_date_days_in_year (2026), ==, 365);
  g_assert_cmpint (cp_date_days_in_year (2028), ==, 366);
  g_assert_cmpint (cp_date_days_in_year (1900), ==, 365);
  g_assert_cmpint (cp_date_days_in_year (2000), ==, 366);
  g_assert_cmpint (cp_date_days_left_in_year (D (2026, 1, 1)), ==, 365);
  g_assert_cmpint (cp_date_days_left_in_year (D (2026, 12, 31)), ==, 1);
  /* 1 July 2026 is day 31+28+31+30+31+30+1 = 182: 365 − 182 + 1 = 184 left. */
  g_assert_cmpint (cp_date_days_left_in_year (D (2026, 7, 1)), ==, 184);
  /* In 2028, a leap year, 1 March is day 61: 366 − 61 + 1 = 306. */
  g_assert_cmpint (cp_date_days_left_in_year (D (2028, 3, 1)), ==, 306);
}

/* Identity numbers */

/* 22028119900307123 with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
 * 2·7 + 2·9 + 0·10 + 2·5 + 8·8 + 1·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 3·9 + 0·10 + 7·5 + 1·8
 * + 2·4 + 3·2 = 14+18+0+10+64+4+2+9+54+0+0+27+0+35+8+8+6 = 259; 259 mod 11 = 6 → "10X98765432"[6]
 * = '6' (index 0 is '1'). The 17th digit 3 is odd: a man, born 1990-03-07. */
#define ID_MAN "220281199003071236"
/* The 17th digit 1 instead of 3: 259 − 2·3 + 2·1 = 255; 255 mod 11 = 2 → 'X'. */
#define ID_X "22028119900307121X"
/* The 17th digit 2: 259 − 6 + 4 = 257; 257 mod 11 = 4 → '8'; even: a woman. */
#define ID_WOMAN "220281199003071228"

static void
assert_id_error (const char *id, const char *part)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (cp_id_number_check (id, D (2026, 1, 15), NULL, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
test_id_number (void)
{
  CpDate birth = CP_DATE_NONE;
  CpGender gender = CP_GENDER_FEMALE;

  g_assert_cmpint (cp_id_number_check_char (ID_MAN), ==, '6');
  g_assert_cmpint (cp_id_number_check_char (ID_X), ==, 'X');
  g_assert_cmpint (cp_id_number_check_char ("2202811990030712"), ==, 0);
  g_assert_cmpint (cp_id_number_check_char ("2202811990030712a"), ==, 0);

  g_assert_true (cp_id_number_check (ID_MAN, D (2026, 1, 15), &birth, &gender, NULL));
  assert_date (birth, 1990, 3, 7);
  g_assert_cmpint (gender, ==, CP_GENDER_MALE);
  g_assert_true (cp_id_number_check (ID_WOMAN, D (2026, 1, 15), NULL, &gender, NULL));
  g_assert_cmpint (gender, ==, CP_GENDER_FEMALE);
  g_assert_true (cp_id_number_check (ID_X, D (2026, 1, 15), NULL, NULL, NULL));
  g_assert_true (cp_id_number_check ("22028119900307121x", D (2026, 1, 15), NULL, NULL, NULL));

  assert_id_error ("220281199003071235", "the check character is 5, expected 6");
  assert_id_error ("220281199003071239", "expected 6");
  assert_id_error ("220281199003071234", "the check character is 4, expected 6");
  assert_id_error ("220281199003071214", "the check character is 4, expected X");
  /* 19990230: there is no 30 February. The check character does not matter then. */
  assert_id_error ("220281199902301234", "19990230");
  assert_id_error ("220281199902301234", "not a real day");
  assert_id_error ("220281189912311234", "18991231"); /* before 1900 */
  /* Born 2030-01-01, after the day of the check (2026-01-15). */
  assert_id_error ("220281203001011234", "lies in the future");
  assert_id_error ("22028119900307123", "17 characters");
  assert_id_error ("2202811990030712345", "19 characters");
  assert_id_error ("22028119900307A234", "character 15");
  assert_id_error ("", "empty");
  assert_id_error ("22028119900307123Ｘ", "not a digit or X, expected 6");
}

static void
test_id_mask (void)
{
  g_autofree char *masked = cp_id_number_mask (ID_MAN);
  g_autofree char *short_one = cp_id_number_mask ("12345");
  g_autofree char *chinese = cp_id_number_mask ("身份证");

  g_assert_cmpstr (masked, ==, "220281********1236");
  g_assert_cmpstr (short_one, ==, "*****");
  g_assert_cmpstr (chinese, ==, "***");
}

/* Levels */

static void
test_level_range (void)
{
  CpPayParams params;
  g_autoptr (GError) error = NULL;
  int min, max;

  cp_pay_params_init_default (&params, 2026);
  cp_post_level_range (&params, CP_POST_HEAD, &min, &max);
  g_assert_cmpint (min, ==, 7);
  g_assert_cmpint (max, ==, 18);
  cp_post_level_range (&params, CP_POST_MEMBER, &min, &max);
  g_assert_cmpint (min, ==, 4);
  g_assert_cmpint (max, ==, 15);
  cp_post_level_range (&params, CP_POST_STAFF, &min, &max);
  g_assert_cmpint (min, ==, 1);
  g_assert_cmpint (max, ==, 12);
  cp_post_level_range (&params, CP_POST_WELFARE, &min, &max);
  g_assert_cmpint (min, ==, 0);
  g_assert_cmpint (max, ==, 0);
  g_assert_false (cp_post_has_levels (CP_POST_WELFARE));

  g_assert_true (cp_post_check_level (&params, CP_POST_HEAD, 7, NULL));
  g_assert_true (cp_post_check_level (&params, CP_POST_HEAD, 18, NULL));
  g_assert_true (cp_post_check_level (&params, CP_POST_WELFARE, 0, NULL));
  g_assert_false (cp_post_check_level (&params, CP_POST_HEAD, 6, &error));
  g_assert_cmpstr (error->message, ==, "level 6 is outside the levels of Community head, 7 to 18");
  g_clear_error (&error);
  g_assert_false (cp_post_check_level (&params, CP_POST_STAFF, 13, &error));
  g_assert_nonnull (strstr (error->message, "1 to 12"));
  g_clear_error (&error);
  g_assert_false (cp_post_check_level (&params, CP_POST_WELFARE, 3, &error));
  g_assert_nonnull (strstr (error->message, "has no level"));
}

static void
test_entry_level (void)
{
  CpPayParams params;

  cp_pay_params_init_default (&params, 2026);
  /* Staff, 本科 (step 1), service since 2019-06-01: 6 full years on 2026-01-01, 6 ÷ 3 = 2:
   * 1 + 1 + 2 = 4. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_BACHELOR,
                                         CP_QUALIFICATION_NONE, D (2019, 6, 1), 2026), ==, 4);
  /* Service since 2017-01-01: 9 full years on 2026-01-01, 3 levels: 1 + 1 + 3 = 5; since
   * 2017-01-02: 8 full years (9 only on 2026-01-02), 2 levels: 4. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_BACHELOR,
                                         CP_QUALIFICATION_NONE, D (2017, 1, 1), 2026), ==, 5);
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_BACHELOR,
                                         CP_QUALIFICATION_NONE, D (2017, 1, 2), 2026), ==, 4);
  /* Level mode: 大专 (0) with 社会工作师 (2): the higher, 2: 1 + 2 = 3; allowance mode: the
   * education step only: 1 + 0 = 1. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_COLLEGE,
                                         CP_QUALIFICATION_SOCIAL_WORKER, D (2025, 3, 1), 2026),
                   ==, 3);
  /* 硕士 (2) with 高级社会工作师 (3): the higher, not the sum: member 4 + 3 = 7. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_MEMBER, CP_EDUCATION_MASTER,
                                         CP_QUALIFICATION_SENIOR, D (2025, 3, 1), 2026), ==, 7);
  /* Clamped at the top: 博士 3 + 36 years ÷ 3 = 12: 1 + 3 + 12 = 16 → staff top 12. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_DOCTOR,
                                         CP_QUALIFICATION_SENIOR, D (1990, 1, 1), 2026), ==, 12);
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_HEAD, CP_EDUCATION_SECONDARY,
                                         CP_QUALIFICATION_NONE, D (2026, 1, 1), 2026), ==, 7);
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_WELFARE, CP_EDUCATION_DOCTOR,
                                         CP_QUALIFICATION_SENIOR, D (1990, 1, 1), 2026), ==, 0);

  params.value[CP_PARAM_QUALIFICATION_MODE] = CP_QUALIFICATION_MODE_ALLOWANCE;
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_STAFF, CP_EDUCATION_COLLEGE,
                                         CP_QUALIFICATION_SOCIAL_WORKER, D (2025, 3, 1), 2026),
                   ==, 1);
  /* Member: 4 + 硕士 2 = 6 (the qualification counts as an allowance instead). */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_MEMBER, CP_EDUCATION_MASTER,
                                         CP_QUALIFICATION_SENIOR, D (2025, 3, 1), 2026), ==, 6);
  /* Clamped in allowance mode too: head 7 + 3 + 45 years ÷ 3 = 15 → 25 → 18. */
  g_assert_cmpint (cp_staff_entry_level (&params, CP_POST_HEAD, CP_EDUCATION_DOCTOR,
                                         CP_QUALIFICATION_NONE, D (1981, 1, 1), 2026), ==, 18);
}

static CpAdvanceReason
advance (CpStaffPost post, int level, CpDate since, CpGrade grade, int *out_level)
{
  CpPayParams params;

  cp_pay_params_init_default (&params, 2025);
  return cp_staff_advance (&params, post, level, since, grade, 2025, out_level);
}

static void
test_advance (void)
{
  int level = 0;

  /* At level 6 since 2023-01-01: 3 full years on 2026-01-01 (years_per_level 3), 称职: up. */
  g_assert_cmpint (advance (CP_POST_MEMBER, 6, D (2023, 1, 1), CP_GRADE_COMPETENT, &level), ==,
                   CP_ADVANCE_UP);
  g_assert_cmpint (level, ==, 7);
  g_assert_cmpint (advance (CP_POST_MEMBER, 6, D (2021, 7, 1), CP_GRADE_EXCELLENT, &level), ==,
                   CP_ADVANCE_UP);
  g_assert_cmpint (level, ==, 7);
  /* Blocked by years: since 2023-01-02 is 2 full years on 2026-01-01. */
  g_assert_cmpint (advance (CP_POST_MEMBER, 6, D (2023, 1, 2), CP_GRADE_EXCELLENT, &level), ==,
                   CP_ADVANCE_KEEP_YEARS);
  g_assert_cmpint (level, ==, 6);
  /* Blocked by grade: 基本称职 or none, however long. */
  g_assert_cmpint (advance (CP_POST_MEMBER, 6, D (2015, 1, 1), CP_GRADE_BASIC, &level), ==,
                   CP_ADVANCE_KEEP_GRADE);
  g_assert_cmpint (level, ==, 6);
  g_assert_cmpint (advance (CP_POST_MEMBER, 6, D (2015, 1, 1), CP_GRADE_NONE, &level), ==,
                   CP_ADVANCE_KEEP_GRADE);
  g_assert_cmpint (level, ==, 6);
  /* Blocked by the post's top: head 18, member 15, staff 12. */
  g_assert_cmpint (advance (CP_POST_HEAD, 18, D (2015, 1, 1), CP_GRADE_EXCELLENT, &level), ==,
                   CP_ADVANCE_KEEP_TOP);
  g_assert_cmpint (level, ==, 18);
  g_assert_cmpint (advance (CP_POST_STAFF, 12, D (2015, 1, 1), CP_GRADE_COMPETENT, &level), ==,
                   CP_ADVANCE_KEEP_TOP);
  g_assert_cmpint (level, ==, 12);
  g_assert_cmpint (advance (CP_POST_STAFF, 11, D (2015, 1, 1), CP_GRADE_COMPETENT, &level), ==,
                   CP_ADVANCE_UP);
  g_assert_cmpint (level, ==, 12);
  /* 不称职: down one, whatever the years; at the bottom, kept. */
  g_assert_cmpint (advance (CP_POST_STAFF, 5, D (2025, 6, 1), CP_GRADE_INCOMPETENT, &level), ==,
                   CP_ADVANCE_DOWN);
  g_assert_cmpint (level, ==, 4);
  g_assert_cmpint (advance (CP_POST_STAFF, 1, D (2015, 1, 1), CP_GRADE_INCOMPETENT, &level), ==,
                   CP_ADVANCE_KEEP_BOTTOM);
  g_assert_cmpint (level, ==, 1);
  g_assert_cmpint (advance (CP_POST_HEAD, 7, D (2015, 1, 1), CP_GRADE_INCOMPETENT, &level), ==,
                   CP_ADVANCE_KEEP_BOTTOM);
  g_assert_cmpint (level, ==, 7);
  g_assert_cmpint (advance (CP_POST_WELFARE, 0, D (2015, 1, 1), CP_GRADE_EXCELLENT, &level), ==,
                   CP_ADVANCE_NO_LEVEL);
  g_assert_cmpint (level, ==, 0);

  g_assert_cmpstr (cp_advance_reason_key (CP_ADVANCE_UP), ==, "grade_and_years");
  g_assert_cmpstr (cp_advance_reason_key (CP_ADVANCE_DOWN), ==, "incompetent");
  g_assert_cmpstr (cp_advance_reason_key (CP_ADVANCE_KEEP_TOP), ==, "top");
  g_assert_cmpstr (cp_advance_reason_key (CP_ADVANCE_NO_LEVEL), ==, "no_level");
  for (int r = 0; r < CP_N_ADVANCE_REASONS; r++)
    g_assert_cmpstr (cp_advance_reason_display (r), !=, "");
}

/* Pay */

static void
test_round_fen (void)
{
  /* Half a fen goes up: 0.005 yuan = 0.5 fen → 1 fen; 0.004 yuan → 0. */
  g_assert_cmpint (cp_money_round_fen (0.5), ==, 1);
  g_assert_cmpint (cp_money_round_fen (0.4), ==, 0);
  g_assert_cmpint (cp_money_round_fen (0.4999), ==, 0);
  g_assert_cmpint (cp_money_round_fen (1.5), ==, 2);
  g_assert_cmpint (cp_money_round_fen (2.5), ==, 3); /* half up, not to even */
  g_assert_cmpint (cp_money_round_fen (-0.5), ==, -1);
  /* 1.005 yuan × 100 is 100.49999999999999 in binary: it stands for 100.5 fen → 101. Likewise
   * 0.285 × 100 = 28.499999999999996 → 29, and 1.015 × 100 = 101.49999999999999 → 102. */
  g_assert_cmpint (cp_money_round_fen (1.005 * 100), ==, 101);
  g_assert_cmpint (cp_money_round_fen (0.285 * 100), ==, 29);
  g_assert_cmpint (cp_money_round_fen (1.015 * 100), ==, 102);
  /* 0.5% of 6,439.5 yuan... a contribution line: 1,287,900 fen × 0.005 = 6,439.5 → 6,440. */
  g_assert_cmpint (cp_money_round_fen (1287900 * 0.005), ==, 6440);
  g_assert_cmpint (cp_money_round_fen (100.4999), ==, 100);
  g_assert_cmpint (cp_money_round_fen (0), ==, 0);
}

static void
test_income_tax_table (void)
{
  g_assert_cmpint (cp_income_tax_on (0), ==, 0);
  g_assert_cmpint (cp_income_tax_on (-100), ==, 0);
  /* 36,000 yuan × 3% = 1,080 yuan. */
  g_assert_cmpint (cp_income_tax_on (3600000), ==, 108000);
  /* 36,000.01 × 10% − 2,520 = 1,080.001 → 1,080.00. */
  g_assert_cmpint (cp_income_tax_on (3600001), ==, 108000);
  /* 144,000 × 10% − 2,520 = 11,880; 300,000 × 20% − 16,920 = 43,080; 420,000 × 25% − 31,920
   * = 73,080; 660,000 × 30% − 52,920 = 145,080; 960,000 × 35% − 85,920 = 250,080;
   * 1,000,000 × 45% − 181,920 = 268,080. */
  g_assert_cmpint (cp_income_tax_on (14400000), ==, 1188000);
  g_assert_cmpint (cp_income_tax_on (30000000), ==, 4308000);
  g_assert_cmpint (cp_income_tax_on (42000000), ==, 7308000);
  g_assert_cmpint (cp_income_tax_on (66000000), ==, 14508000);
  g_assert_cmpint (cp_income_tax_on (96000000), ==, 25008000);
  g_assert_cmpint (cp_income_tax_on (100000000), ==, 26808000);
  /* 1,234.56 × 3% = 37.0368 → 37.04; 0.16 yuan × 3% = 0.48 fen → 0. */
  g_assert_cmpint (cp_income_tax_on (123456), ==, 3704);
  g_assert_cmpint (cp_income_tax_on (16), ==, 0);
  g_assert_cmpint (cp_income_tax_on (17), ==, 1); /* 0.51 fen */
}

static CpPayPerson
person (CpStaffPost post, int level, CpGrade previous_grade, CpDate service_start)
{
  return (CpPayPerson){
    .post = post,
    .level = level,
    .qualification = CP_QUALIFICATION_NONE,
    .previous_grade = previous_grade,
    .service_start = service_start,
    .status = CP_STAFF_ACTIVE,
  };
}

static void
assert_lines (const CpPaySlip *s, const gint64 employee[4], const gint64 employer[5])
{
  gint64 employee_total = 0, employer_total = 0;

  for (int i = 0; i < CP_N_EMPLOYEE_LINES; i++)
    {
      g_assert_cmpint (s->employee[i], ==, employee[i]);
      employee_total += employee[i];
    }
  for (int i = 0; i < CP_N_EMPLOYER_LINES; i++)
    {
      g_assert_cmpint (s->employer[i], ==, employer[i]);
      employer_total += employer[i];
    }
  g_assert_cmpint (s->employee_total, ==, employee_total);
  g_assert_cmpint (s->employer_total, ==, employer_total);
}

static void
test_slip_head (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_HEAD, 7, CP_GRADE_COMPETENT, D (2015, 3, 1));

  cp_pay_params_init_default (&params, 2026);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  /* Standard = 4,500 × 1.00 × 1.60 (level 7) = 7,200; base = 7,200 × 0.7 = 5,040.00;
   * performance = 7,200 × 0.3 × 1.0 (称职 in 2025) = 2,160.00; gross 7,200.00. */
  g_assert_cmpint (s.level, ==, 7);
  g_assert_cmpint (s.pay_level, ==, 7);
  g_assert_false (s.probation);
  g_assert_cmpint (s.base, ==, 504000);
  g_assert_cmpint (s.performance, ==, 216000);
  g_assert_cmpint (s.allowance, ==, 0);
  g_assert_cmpint (s.gross, ==, 720000);
  /* Limits 0.6 × 6,482 = 3,889.20 and 3 × 6,482 = 19,446.00: 7,200 lies within. */
  g_assert_cmpint (s.contribution_base, ==, 720000);
  /* Employee 8% 576.00, 2% 144.00, 0.5% 36.00, 12% 864.00 (total 1,620.00); employer 16%
   * 1,152.00, 8% 576.00, 0.5% 36.00, 0.2% 14.40, 12% 864.00 (total 2,642.40). */
  assert_lines (&s, (gint64[]){ 57600, 14400, 3600, 86400 },
                (gint64[]){ 115200, 57600, 3600, 1440, 86400 });
  g_assert_cmpint (s.employee_total, ==, 162000);
  g_assert_cmpint (s.employer_total, ==, 264240);
  /* January: 7,200 − 5,000 − 1,620 = 580.00 taxable; × 3% = 17.40. Net 7,200 − 1,620 − 17.40
   * = 5,562.60. */
  g_assert_cmpint (s.taxable_to_date, ==, 58000);
  g_assert_cmpint (s.tax_to_date, ==, 1740);
  g_assert_cmpint (s.income_tax, ==, 1740);
  g_assert_cmpint (s.net, ==, 556260);
  /* December: 12 × 580 = 6,960 × 3% = 208.80 to date, 11 × 17.40 = 191.40 withheld: 17.40. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 12, &s));
  g_assert_cmpint (s.taxable_to_date, ==, 696000);
  g_assert_cmpint (s.tax_to_date, ==, 20880);
  g_assert_cmpint (s.income_tax, ==, 1740);
}

/* A member whose cumulative taxable income crosses 36,000 yuan in December. */
static void
test_slip_member_december (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_MEMBER, 13, CP_GRADE_EXCELLENT, D (2010, 5, 1));

  cp_pay_params_init_default (&params, 2026);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  /* Standard = 4,500 × 2.20 (level 13) = 9,900; base 9,900 × 0.7 = 6,930.00; performance
   * 9,900 × 0.3 × 1.2 (优秀) = 3,564.00; gross 10,494.00. */
  g_assert_cmpint (s.base, ==, 693000);
  g_assert_cmpint (s.performance, ==, 356400);
  g_assert_cmpint (s.gross, ==, 1049400);
  g_assert_cmpint (s.contribution_base, ==, 1049400);
  /* Employee 8% 839.52, 2% 209.88, 0.5% 52.47, 12% 1,259.28: 2,361.15. Employer 16% 1,679.04,
   * 8% 839.52, 0.5% 52.47, 0.2% 20.988 → 20.99, 12% 1,259.28: 3,851.30. */
  assert_lines (&s, (gint64[]){ 83952, 20988, 5247, 125928 },
                (gint64[]){ 167904, 83952, 5247, 2099, 125928 });
  g_assert_cmpint (s.employee_total, ==, 236115);
  g_assert_cmpint (s.employer_total, ==, 385130);
  /* A month's taxable income: 10,494.00 − 5,000 − 2,361.15 = 3,132.85. January: × 3%
   * = 93.9855 → 93.99. */
  g_assert_cmpint (s.taxable_to_date, ==, 313285);
  g_assert_cmpint (s.income_tax, ==, 9399);
  g_assert_cmpint (s.net, ==, 1049400 - 236115 - 9399);

  /* November: 11 × 3,132.85 = 34,461.35 ≤ 36,000: × 3% = 1,033.8405 → 1,033.84 to date;
   * October 31,328.50 × 3% = 939.855 → 939.86: November withholds 93.98. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 11, &s));
  g_assert_cmpint (s.taxable_to_date, ==, 3446135);
  g_assert_cmpint (s.tax_to_date, ==, 103384);
  g_assert_cmpint (s.income_tax, ==, 103384 - 93986);
  /* December: 12 × 3,132.85 = 37,594.20 > 36,000: × 10% − 2,520 = 1,239.42 to date; withheld
   * before: the months' taxes add up to November's tax to date, 1,033.84. December: 205.58.
   * Net 10,494.00 − 2,361.15 − 205.58 = 7,927.27. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 12, &s));
  g_assert_cmpint (s.taxable_to_date, ==, 3759420);
  g_assert_cmpint (s.tax_to_date, ==, 123942);
  g_assert_cmpint (s.income_tax, ==, 20558);
  g_assert_cmpint (s.net, ==, 792727);
}

/* A full-time worker in probation (the first 12 months of service) at one level lower. */
static void
test_slip_staff_probation (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_STAFF, 3, CP_GRADE_NONE, D (2025, 9, 10));

  cp_pay_params_init_default (&params, 2026);
  /* 2026-01 is the 5th month of service: paid at level 2 (1.10): standard 4,950; base 3,465.00;
   * performance 4,950 × 0.3 × 1.0 (no grade) = 1,485.00; gross 4,950.00. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  g_assert_true (s.probation);
  g_assert_cmpint (s.level, ==, 3);
  g_assert_cmpint (s.pay_level, ==, 2);
  g_assert_cmpint (s.base, ==, 346500);
  g_assert_cmpint (s.performance, ==, 148500);
  g_assert_cmpint (s.gross, ==, 495000);
  /* 8% 396.00, 2% 99.00, 0.5% 24.75, 12% 594.00 = 1,113.75; employer 16% 792.00, 8% 396.00,
   * 0.5% 24.75, 0.2% 9.90, 12% 594.00 = 1,816.65. Taxable 4,950 − 5,000 − 1,113.75 < 0: no tax.
   * Net 4,950.00 − 1,113.75 = 3,836.25. */
  assert_lines (&s, (gint64[]){ 39600, 9900, 2475, 59400 },
                (gint64[]){ 79200, 39600, 2475, 990, 59400 });
  g_assert_cmpint (s.taxable_to_date, ==, 0);
  g_assert_cmpint (s.income_tax, ==, 0);
  g_assert_cmpint (s.net, ==, 383625);
  /* 2026-08 is the 12th month (September 2025 + 11): still probation; 2026-09 is not: level 3,
   * 1.20: standard 5,400, base 3,780.00, performance 1,620.00. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 8, &s));
  g_assert_true (s.probation);
  g_assert_cmpint (s.pay_level, ==, 2);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 9, &s));
  g_assert_false (s.probation);
  g_assert_cmpint (s.pay_level, ==, 3);
  g_assert_cmpint (s.base, ==, 378000);
  g_assert_cmpint (s.performance, ==, 162000);
  /* Probation at the post's lowest level stays there. */
  p.level = 1;
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  g_assert_true (s.probation);
  g_assert_cmpint (s.pay_level, ==, 1);
}

/* Probation ends in the middle of the year: the months before and after differ, and the
 * cumulative tax adds both. */
static void
test_slip_probation_ends (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_MEMBER, 14, CP_GRADE_EXCELLENT, D (2025, 7, 1));

  cp_pay_params_init_default (&params, 2026);
  /* January to June 2026 at level 13: the member of test_slip_member_december, gross
   * 10,494.00, taxable 3,132.85 a month. From July at level 14 (2.30): standard 10,350, base
   * 7,245.00, performance 10,350 × 0.3 × 1.2 = 3,726.00, gross 10,971.00; employee 8% 877.68,
   * 2% 219.42, 0.5% 54.855 → 54.86, 12% 1,316.52 = 2,468.48; taxable 10,971.00 − 5,000
   * − 2,468.48 = 3,502.52 a month. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 6, &s));
  g_assert_true (s.probation);
  g_assert_cmpint (s.gross, ==, 1049400);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 12, &s));
  g_assert_false (s.probation);
  g_assert_cmpint (s.pay_level, ==, 14);
  g_assert_cmpint (s.base, ==, 724500);
  g_assert_cmpint (s.performance, ==, 372600);
  g_assert_cmpint (s.gross, ==, 1097100);
  g_assert_cmpint (s.employee_total, ==, 246848);
  /* To December: 6 × 3,132.85 + 6 × 3,502.52 = 18,797.10 + 21,015.12 = 39,812.22; × 10%
   * − 2,520 = 1,461.22. To November: 18,797.10 + 5 × 3,502.52 = 36,309.70 → 3,630.97 − 2,520
   * = 1,110.97. December: 350.25; net 10,971.00 − 2,468.48 − 350.25 = 8,152.27. */
  g_assert_cmpint (s.taxable_to_date, ==, 3981222);
  g_assert_cmpint (s.tax_to_date, ==, 146122);
  g_assert_cmpint (s.income_tax, ==, 35025);
  g_assert_cmpint (s.net, ==, 815227);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 11, &s));
  g_assert_cmpint (s.tax_to_date, ==, 111097);
}

/* A public-welfare post: the fixed pay, below the contribution floor. */
static void
test_slip_welfare_floor (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_WELFARE, 0, CP_GRADE_NONE, D (2026, 1, 5));

  cp_pay_params_init_default (&params, 2026);
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  g_assert_false (s.probation);
  g_assert_cmpint (s.pay_level, ==, 0);
  g_assert_cmpint (s.base, ==, 200000);
  g_assert_cmpint (s.performance, ==, 0);
  g_assert_cmpint (s.allowance, ==, 0);
  g_assert_cmpint (s.gross, ==, 200000);
  /* 2,000 < the floor 0.6 × 6,482 = 3,889.20: contributions on 3,889.20. Employee 8% 311.136
   * → 311.14, 2% 77.784 → 77.78, 0.5% 19.446 → 19.45, 12% 466.704 → 466.70 = 875.07. Employer
   * 16% 622.272 → 622.27, 8% 311.14, 0.5% 19.45, 0.2% 7.7784 → 7.78, 12% 466.70 = 1,427.34. */
  g_assert_cmpint (s.contribution_base, ==, 388920);
  assert_lines (&s, (gint64[]){ 31114, 7778, 1945, 46670 },
                (gint64[]){ 62227, 31114, 1945, 778, 46670 });
  g_assert_cmpint (s.employee_total, ==, 87507);
  g_assert_cmpint (s.employer_total, ==, 142734);
  /* No tax; net 2,000.00 − 875.07 = 1,124.93. */
  g_assert_cmpint (s.income_tax, ==, 0);
  g_assert_cmpint (s.net, ==, 112493);
}

/* Reference wage 10,000: a head at level 18 earns above the ceiling. */
static void
test_slip_ceiling (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_HEAD, 18, CP_GRADE_COMPETENT, D (2000, 1, 1));

  cp_pay_params_init_default (&params, 2026);
  params.value[CP_PARAM_REFERENCE_WAGE_YUAN] = 10000;
  g_assert_true (cp_pay_slip (&params, &p, 2026, 1, &s));
  /* Standard 10,000 × 2.70 = 27,000: base 18,900.00, performance 8,100.00. */
  g_assert_cmpint (s.base, ==, 1890000);
  g_assert_cmpint (s.performance, ==, 810000);
  g_assert_cmpint (s.gross, ==, 2700000);
  /* Ceiling 3 × 6,482 = 19,446.00. Employee 8% 1,555.68, 2% 388.92, 0.5% 97.23, 12% 2,333.52
   * = 4,375.35. Employer 16% 3,111.36, 8% 1,555.68, 0.5% 97.23, 0.2% 38.892 → 38.89,
   * 12% 2,333.52 = 7,136.68. */
  g_assert_cmpint (s.contribution_base, ==, 1944600);
  assert_lines (&s, (gint64[]){ 155568, 38892, 9723, 233352 },
                (gint64[]){ 311136, 155568, 9723, 3889, 233352 });
  g_assert_cmpint (s.employee_total, ==, 437535);
  g_assert_cmpint (s.employer_total, ==, 713668);
  /* Taxable 27,000 − 5,000 − 4,375.35 = 17,624.65 × 3% = 528.7395 → 528.74. */
  g_assert_cmpint (s.taxable_to_date, ==, 1762465);
  g_assert_cmpint (s.income_tax, ==, 52874);
  g_assert_cmpint (s.net, ==, 2700000 - 437535 - 52874);
}

/* Allowance mode: a 社会工作师 gets 200 yuan; 基本称职 last year: performance × 0.8. */
static void
test_slip_allowance (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_STAFF, 5, CP_GRADE_BASIC, D (2018, 4, 1));

  cp_pay_params_init_default (&params, 2026);
  params.value[CP_PARAM_QUALIFICATION_MODE] = CP_QUALIFICATION_MODE_ALLOWANCE;
  p.qualification = CP_QUALIFICATION_SOCIAL_WORKER;
  g_assert_true (cp_pay_slip (&params, &p, 2026, 3, &s));
  /* Standard 4,500 × 1.40 = 6,300: base 4,410.00, performance 6,300 × 0.3 × 0.8 = 1,512.00,
   * allowance 200.00, gross 6,122.00. */
  g_assert_cmpint (s.base, ==, 441000);
  g_assert_cmpint (s.performance, ==, 151200);
  g_assert_cmpint (s.allowance, ==, 20000);
  g_assert_cmpint (s.gross, ==, 612200);
  /* Employee 8% 489.76, 2% 122.44, 0.5% 30.61, 12% 734.64 = 1,377.45. Employer 16% 979.52,
   * 8% 489.76, 0.5% 30.61, 0.2% 12.244 → 12.24, 12% 734.64 = 2,246.77. Taxable 6,122 − 5,000
   * − 1,377.45 < 0: no tax; net 6,122.00 − 1,377.45 = 4,744.55. */
  assert_lines (&s, (gint64[]){ 48976, 12244, 3061, 73464 },
                (gint64[]){ 97952, 48976, 3061, 1224, 73464 });
  g_assert_cmpint (s.employer_total, ==, 224677);
  g_assert_cmpint (s.income_tax, ==, 0);
  g_assert_cmpint (s.net, ==, 474455);
  /* In level mode the same person has no allowance. */
  params.value[CP_PARAM_QUALIFICATION_MODE] = CP_QUALIFICATION_MODE_LEVEL;
  g_assert_true (cp_pay_slip (&params, &p, 2026, 3, &s));
  g_assert_cmpint (s.allowance, ==, 0);
  g_assert_cmpint (s.gross, ==, 592200);
}

/* Who is paid in a month, and income tax over the months paid only. */
static void
test_slip_months (void)
{
  CpPayParams params;
  CpPaySlip s;
  CpPayPerson p = person (CP_POST_HEAD, 8, CP_GRADE_COMPETENT, D (2026, 3, 20));

  cp_pay_params_init_default (&params, 2026);
  g_assert_false (cp_pay_is_paid (&p, 2026, 2));
  g_assert_true (cp_pay_is_paid (&p, 2026, 3));
  s.gross = 1;
  g_assert_false (cp_pay_slip (&params, &p, 2026, 2, &s));
  g_assert_cmpint (s.gross, ==, 0);
  /* From March 2026, in probation at level 7: the head's slip of test_slip_head, gross 7,200.00,
   * employee 1,620.00, taxable 580.00 a month. April counts 2 months (not 4): 1,160.00 × 3%
   * = 34.80 to date, 17.40 withheld in March: 17.40. */
  g_assert_true (cp_pay_slip (&params, &p, 2026, 4, &s));
  g_assert_true (s.probation);
  g_assert_cmpint (s.pay_level, ==, 7);
  g_assert_cmpint (s.gross, ==, 720000);
  g_assert_cmpint (s.employee_total, ==, 162000);
  g_assert_cmpint (s.taxable_to_date, ==, 116000);
  g_assert_cmpint (s.tax_to_date, ==, 3480);
  g_assert_cmpint (s.income_tax, ==, 1740);

  /* Left on 2026-06-15: paid through May, not in June. */
  p.status = CP_STAFF_LEFT;
  p.status_date = D (2026, 6, 15);
  g_assert_true (cp_pay_is_paid (&p, 2026, 5));
  g_assert_false (cp_pay_is_paid (&p, 2026, 6));
  g_assert_false (cp_pay_is_paid (&p, 2027, 1));
  p.status_date = CP_DATE_NONE;
  g_assert_false (cp_pay_is_paid (&p, 2026, 5));
}

/* Leave and retirement */

static void
test_leave (void)
{
  /* Cumulative work years on 1 January 2026; service started long before. */
  CpDate old = D (2000, 1, 1);

  g_assert_cmpint (cp_annual_leave_days (D (2025, 6, 1), old, 2026), ==, 0);  /* 0 years */
  g_assert_cmpint (cp_annual_leave_days (D (2025, 1, 2), old, 2026), ==, 0);  /* 0 years */
  g_assert_cmpint (cp_annual_leave_days (D (2025, 1, 1), old, 2026), ==, 5);  /* 1 */
  g_assert_cmpint (cp_annual_leave_days (D (2016, 1, 2), old, 2026), ==, 5);  /* 9 */
  g_assert_cmpint (cp_annual_leave_days (D (2016, 1, 1), old, 2026), ==, 10); /* 10 */
  g_assert_cmpint (cp_annual_leave_days (D (2006, 1, 2), old, 2026), ==, 10); /* 19 */
  g_assert_cmpint (cp_annual_leave_days (D (2006, 1, 1), old, 2026), ==, 15); /* 20 */
  g_assert_cmpint (cp_annual_leave_days (D (1990, 1, 1), old, 2026), ==, 15); /* 36 */
  /* Joining on 2026-07-01 with 15 years of work (10 days): 184 days left of 365: ⌊184 ÷ 365 ×
   * 10⌋ = ⌊5.04⌋ = 5. Joining 2026-10-01: 92 days left: ⌊2.52⌋ = 2. */
  g_assert_cmpint (cp_annual_leave_days (D (2010, 7, 1), D (2026, 7, 1), 2026), ==, 5);
  g_assert_cmpint (cp_annual_leave_days (D (2010, 7, 1), D (2026, 10, 1), 2026), ==, 2);
  /* With 5 days: 2026-12-31 leaves 1 day: ⌊0.01⌋ = 0. Fewer than 1 work year: 0 anyway. */
  g_assert_cmpint (cp_annual_leave_days (D (2020, 1, 1), D (2026, 12, 31), 2026), ==, 0);
  g_assert_cmpint (cp_annual_leave_days (D (2025, 6, 1), D (2026, 1, 1), 2026), ==, 0);
  /* A leap year divides by 365 too: joining 2028-01-01 with 20+ years: ⌊366 ÷ 365 × 15⌋ = 15. */
  g_assert_cmpint (cp_annual_leave_days (D (2000, 1, 1), D (2028, 1, 1), 2028), ==, 15);
  /* Joining 2028-03-01: 306 days left: ⌊306 ÷ 365 × 15⌋ = ⌊12.58⌋ = 12. */
  g_assert_cmpint (cp_annual_leave_days (D (2000, 1, 1), D (2028, 3, 1), 2028), ==, 12);
  /* Not yet in service that year: no leave. */
  g_assert_cmpint (cp_annual_leave_days (D (2000, 1, 1), D (2027, 3, 1), 2026), ==, 0);
}

static void
assert_retirement (int year, int month, CpGender gender, int age_months, int to_year,
                   int to_month)
{
  int age = 0;
  CpDate r = cp_retirement_month (D (year, month, 15), gender, &age);

  g_assert_cmpint (age, ==, age_months);
  assert_date (r, to_year, to_month, 1);
}

static void
test_retirement (void)
{
  /* Men: born before 1965 at 60 (720 months); from January 1965 one month more every 4 months
   * of birth: 1965-01 → +1 (721); 1966-05 is 16 months on → 16 ÷ 4 + 1 = 5 (725, in 2026-10,
   * DOMAIN.md's example); 1976-08 is 139 on → 34 + 1 = 35 (755): 1976-08 + 62 y 11 m = 2039-07;
   * 1976-09 is 140 on → 36, the most (756, 63): 2039-09. */
  assert_retirement (1964, 12, CP_GENDER_MALE, 720, 2024, 12);
  assert_retirement (1965, 1, CP_GENDER_MALE, 721, 2025, 2);
  assert_retirement (1965, 4, CP_GENDER_MALE, 721, 2025, 5);
  assert_retirement (1965, 5, CP_GENDER_MALE, 722, 2025, 7);
  assert_retirement (1966, 5, CP_GENDER_MALE, 725, 2026, 10);
  assert_retirement (1976, 8, CP_GENDER_MALE, 755, 2039, 7);
  assert_retirement (1976, 9, CP_GENDER_MALE, 756, 2039, 9);
  assert_retirement (1990, 3, CP_GENDER_MALE, 756, 2053, 3);
  /* Women at 55 (660 months): 1969-12 → 2024-12; from 1970-01 +1 (661) → 2025-02; 1981-09 is
   * 140 months on → 36: 58 (696) → 2039-09. */
  assert_retirement (1969, 12, CP_GENDER_FEMALE, 660, 2024, 12);
  assert_retirement (1970, 1, CP_GENDER_FEMALE, 661, 2025, 2);
  assert_retirement (1981, 9, CP_GENDER_FEMALE, 696, 2039, 9);
  /* A woman born 1966-05 is before her reform: 55 → 2021-05. */
  assert_retirement (1966, 5, CP_GENDER_FEMALE, 660, 2021, 5);
}

/* Checks */

static void
test_check_day (void)
{
  assert_date (cp_staff_check_day (2026, D (2026, 5, 20)), 2026, 5, 20);
  assert_date (cp_staff_check_day (2027, D (2026, 5, 20)), 2027, 1, 1);
  assert_date (cp_staff_check_day (2025, D (2026, 5, 20)), 2025, 12, 31);
}

static void
test_check (void)
{
  CpPayParams params;
  CpStaffCheckInput in = {
    .post = CP_POST_HEAD,
    .status = CP_STAFF_ACTIVE,
    .level = 7,
    .grade = CP_GRADE_COMPETENT,
    .birth = D (1980, 6, 1),
    .gender = CP_GENDER_MALE,
    .has_agreement = TRUE,
    .agreement_end = D (2026, 12, 31),
  };
  CpDate day = D (2026, 5, 20);

  cp_pay_params_init_default (&params, 2026);
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==, 0);
  in.level = 6;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==,
                   CP_STAFF_PROBLEM_LEVEL_OUT_OF_RANGE);
  in.level = 0; /* a leveled post without a level */
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==,
                   CP_STAFF_PROBLEM_LEVEL_OUT_OF_RANGE);
  in.level = 18;
  in.agreement_end = D (2026, 5, 19);
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==,
                   CP_STAFF_PROBLEM_AGREEMENT_EXPIRED);
  in.agreement_end = D (2026, 5, 20); /* ends that day: not yet expired */
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==, 0);
  in.agreement_end = CP_DATE_NONE; /* open-ended */
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==, 0);
  in.has_agreement = FALSE;
  in.grade = CP_GRADE_NONE;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==,
                   CP_STAFF_PROBLEM_AGREEMENT_MISSING | CP_STAFF_PROBLEM_GRADE_MISSING);
  /* Full-time workers and welfare posts need no grade; a welfare post has no level. */
  in.has_agreement = TRUE;
  in.post = CP_POST_STAFF;
  in.level = 12;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==, 0);
  in.post = CP_POST_WELFARE;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==,
                   CP_STAFF_PROBLEM_LEVEL_OUT_OF_RANGE);
  in.level = 0;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, day), ==, 0);
  /* A man born 1966-05 retires in 2026-10: reached on 2026-10-01, not on 2026-09-30. */
  in.birth = D (1966, 5, 8);
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, D (2026, 9, 30)), ==, 0);
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, D (2026, 10, 1)), ==,
                   CP_STAFF_PROBLEM_RETIREMENT_REACHED);
  /* Only people on duty have problems. */
  in.status = CP_STAFF_RETIRED;
  in.has_agreement = FALSE;
  g_assert_cmpint (cp_staff_check (&params, &in, 2026, D (2026, 10, 1)), ==, 0);

  g_assert_cmpstr (cp_staff_problem_key (0), ==, "level_out_of_range");
  g_assert_cmpstr (cp_staff_problem_key (1), ==, "agreement_missing");
  g_assert_cmpstr (cp_staff_problem_key (2), ==, "agreement_expired");
  g_assert_cmpstr (cp_staff_problem_key (3), ==, "retirement_reached");
  g_assert_cmpstr (cp_staff_problem_key (4), ==, "grade_missing");
  for (guint i = 0; i < CP_N_STAFF_PROBLEMS; i++)
    g_assert_cmpstr (cp_staff_problem_display (i), !=, "");
}

/* Parameters */

static void
test_params_default (void)
{
  CpPayParams params;

  cp_pay_params_init_default (&params, 2026);
  g_assert_cmpint (params.year, ==, 2026);
  g_assert_true (cp_pay_params_validate (&params, NULL));
  g_assert_cmpfloat (params.value[CP_PARAM_QUALIFICATION_MODE], ==, 0);
  g_assert_cmpfloat (params.value[CP_PARAM_WELFARE_MONTHLY_YUAN], ==, 2000);
  g_assert_cmpfloat (params.value[CP_PARAM_YEARS_PER_LEVEL], ==, 3);
  g_assert_cmpfloat (params.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 4500);
  g_assert_cmpfloat_with_epsilon (params.value[CP_PARAM_LEVEL_COEFFICIENT_1], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (params.value[CP_PARAM_LEVEL_COEFFICIENT_1 + 6], 1.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (params.value[CP_PARAM_LEVEL_COEFFICIENT_18], 2.7, 1e-12);
  g_assert_cmpfloat (params.value[CP_PARAM_AVERAGE_WAGE_YUAN], ==, 6482);
  g_assert_cmpfloat (params.value[CP_PARAM_RATE_WORK_INJURY_EMPLOYER], ==, 0.002);
  g_assert_cmpfloat (params.value[CP_PARAM_GRADE_FACTOR_INCOMPETENT], ==, 0);
  for (int i = 0; i < CP_N_PAY_PARAMS; i++)
    {
      const CpPayParamInfo *info = &cp_pay_params_info[i];

      g_assert_nonnull (info->key);
      g_assert_nonnull (info->display);
      g_assert_nonnull (info->source);
      g_assert_cmpint (params.from_year[i], ==, 0);
      g_assert_cmpint (cp_pay_param_lookup (info->key), ==, i);
      g_assert_true (info->default_value >= info->min && info->default_value <= info->max);
    }
}

static void
test_params_parse (void)
{
  g_autoptr (GError) error = NULL;
  double value = -1;

  g_assert_cmpint (cp_pay_param_lookup ("rate.pension.employer"), ==,
                   CP_PARAM_RATE_PENSION_EMPLOYER);
  g_assert_cmpint (cp_pay_param_lookup ("level_coefficient.7"), ==,
                   CP_PARAM_LEVEL_COEFFICIENT_1 + 6);
  g_assert_cmpint (cp_pay_param_lookup (" level_max.member "), ==, CP_PARAM_LEVEL_MAX_MEMBER);
  g_assert_cmpint (cp_pay_param_lookup ("level_coefficient.19"), ==, -1);
  g_assert_cmpint (cp_pay_param_lookup ("income_tax"), ==, -1);
  g_assert_cmpint (cp_pay_param_lookup (NULL), ==, -1);

  g_assert_true (cp_pay_param_parse_value (CP_PARAM_QUALIFICATION_MODE, "allowance", &value,
                                           NULL));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_true (cp_pay_param_parse_value (CP_PARAM_QUALIFICATION_MODE, " Level", &value, NULL));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_true (cp_pay_param_parse_value (CP_PARAM_QUALIFICATION_MODE, "1", &value, NULL));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_QUALIFICATION_MODE, "津贴制", &value,
                                            &error));
  g_assert_nonnull (strstr (error->message, "write level or allowance"));
  g_clear_error (&error);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_QUALIFICATION_MODE, "2", &value, &error));
  g_assert_cmpstr (error->message, ==, "2 is outside the range of qualification_mode, 0 to 1");
  g_clear_error (&error);

  g_assert_true (cp_pay_param_parse_value (CP_PARAM_RATE_PENSION_EMPLOYEE, "0.08", &value,
                                           NULL));
  g_assert_cmpfloat (value, ==, 0.08);
  g_assert_true (cp_pay_param_parse_value (CP_PARAM_AVERAGE_WAGE_YUAN, "6,482.00", &value, NULL));
  g_assert_cmpfloat (value, ==, 6482);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_RATE_PENSION_EMPLOYEE, "1.5", &value,
                                            &error));
  g_assert_cmpstr (error->message, ==, "1.5 is outside the range of rate.pension.employee, 0 to 1");
  g_clear_error (&error);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_YEARS_PER_LEVEL, "2.5", &value, &error));
  g_assert_cmpstr (error->message, ==,
                   "2.5 is not a whole number; years_per_level takes whole numbers from 1 to 10");
  g_clear_error (&error);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_REFERENCE_WAGE_YUAN, "abc", &value, &error));
  g_assert_nonnull (strstr (error->message, "“abc”"));
  g_clear_error (&error);
  g_assert_false (cp_pay_param_parse_value (CP_PARAM_LEVEL_MIN_HEAD, "-1", &value, &error));
  g_assert_nonnull (strstr (error->message, "level_min.head, 1 to 18"));
  g_assert_cmpfloat (value, ==, 6482); /* untouched on failure */
}

static void
test_params_validate (void)
{
  CpPayParams params;
  g_autoptr (GError) error = NULL;

  cp_pay_params_init_default (&params, 2026);
  /* A post's lowest level above its top is refused… */
  params.value[CP_PARAM_LEVEL_MIN_HEAD] = 16;
  params.value[CP_PARAM_LEVEL_MAX_HEAD] = 10;
  g_assert_false (cp_pay_params_validate (&params, &error));
  g_assert_cmpstr (error->message, ==,
                   "level_min.head (16) is above level_max.head (10); lower it or raise "
                   "level_max.head.");
  g_clear_error (&error);
  /* …equal is a post of one level. */
  params.value[CP_PARAM_LEVEL_MAX_HEAD] = 16;
  g_assert_true (cp_pay_params_validate (&params, NULL));
  params.value[CP_PARAM_BASE_FLOOR_SHARE] = 3.5;
  g_assert_false (cp_pay_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "base_floor_share (3.5) is above base_ceiling_share"));
  g_clear_error (&error);
  params.value[CP_PARAM_BASE_FLOOR_SHARE] = 0.6;
  params.value[CP_PARAM_RATE_MEDICAL_EMPLOYER] = -0.01;
  g_assert_false (cp_pay_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "-0.01 is outside the range of rate.medical.employer"));
  g_clear_error (&error);
  params.value[CP_PARAM_RATE_MEDICAL_EMPLOYER] = 0.08;
  params.value[CP_PARAM_YEARS_PER_LEVEL] = 2.5;
  g_assert_false (cp_pay_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "not a whole number"));
}

/* Staff records */

static CpStaff
valid_staff (void)
{
  return (CpStaff){
    .id_number = (char *) ID_MAN,
    .name = (char *) "王建国",
    .post = CP_POST_STAFF,
    .role = (char *) "",
    .education = CP_EDUCATION_BACHELOR,
    .qualification = CP_QUALIFICATION_ASSISTANT,
    .work_start = D (2012, 7, 1),
    .service_start = D (2018, 3, 1),
    .status = CP_STAFF_ACTIVE,
    .grid_role = CP_GRID_LEADER,
    .phone = (char *) "0432-12345678",
  };
}

static void
assert_staff_error (const CpStaff *staff, const char *part)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (cp_staff_validate (staff, D (2026, 1, 15), &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
test_staff_validate (void)
{
  CpStaff s = valid_staff ();

  g_assert_true (cp_staff_validate (&s, D (2026, 1, 15), NULL));
  s.id_number = (char *) "220281199003071235";
  assert_staff_error (&s, "Identity number: the check character is 5, expected 6");
  s = valid_staff ();
  s.name = (char *) "  ";
  assert_staff_error (&s, "Name");
  s = valid_staff ();
  s.work_start = D (2026, 2, 1);
  assert_staff_error (&s, "lies in the future");
  s = valid_staff ();
  s.work_start = D (1990, 3, 7); /* the birthday */
  assert_staff_error (&s, "is not after the birth date, 1990-03-07");
  s = valid_staff ();
  s.service_start = CP_DATE_NONE;
  assert_staff_error (&s, "Service start");
  s = valid_staff ();
  s.status_date = D (2025, 1, 1);
  assert_staff_error (&s, "a person on duty has none");
  s.status = CP_STAFF_LEFT;
  g_assert_true (cp_staff_validate (&s, D (2026, 1, 15), NULL));
  s.status_date = CP_DATE_NONE;
  assert_staff_error (&s, "Status date");
  s.status_date = D (2017, 1, 1);
  assert_staff_error (&s, "before the community service start, 2018-03-01");
  s = valid_staff ();
  s.phone = (char *) "电话12345";
  assert_staff_error (&s, "Phone");
  s = valid_staff ();
  s.special_deduction_fen = -1;
  assert_staff_error (&s, "Special additional deduction");
  s.special_deduction_fen = CP_SPECIAL_DEDUCTION_MAX_FEN;
  g_assert_true (cp_staff_validate (&s, D (2026, 1, 15), NULL));
  s.post = CP_N_POSTS;
  assert_staff_error (&s, "outside its list");
}

static void
test_vocabularies (void)
{
  g_assert_cmpint (cp_vocabulary_lookup (cp_posts, CP_N_POSTS, "社区正职"), ==, CP_POST_HEAD);
  g_assert_cmpint (cp_vocabulary_lookup (cp_posts, CP_N_POSTS, "两委成员"), ==, CP_POST_MEMBER);
  g_assert_cmpint (cp_vocabulary_lookup (cp_posts, CP_N_POSTS, "专职工作者"), ==, CP_POST_STAFF);
  g_assert_cmpint (cp_vocabulary_lookup (cp_posts, CP_N_POSTS, "welfare"), ==, CP_POST_WELFARE);
  /* 高中及以下/中专: the whole label, each alternative, and 高中 for 高中及以下. */
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "高中及以下/中专"), ==,
                   CP_EDUCATION_SECONDARY);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "高中及以下"), ==,
                   CP_EDUCATION_SECONDARY);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "中专"), ==,
                   CP_EDUCATION_SECONDARY);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "高中"), ==,
                   CP_EDUCATION_SECONDARY);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "高"), ==, -1);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "中"), ==, -1);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "及以下"), ==, -1);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "中专/"), ==, -1);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "本科"), ==,
                   CP_EDUCATION_BACHELOR);
  g_assert_cmpint (cp_vocabulary_lookup (cp_educations, CP_N_EDUCATIONS, "博士"), ==,
                   CP_EDUCATION_DOCTOR);
  g_assert_cmpint (cp_vocabulary_lookup (cp_qualifications, CP_N_QUALIFICATIONS, "社会工作师"),
                   ==, CP_QUALIFICATION_SOCIAL_WORKER);
  g_assert_cmpint (cp_vocabulary_lookup (cp_qualifications, CP_N_QUALIFICATIONS, "无"), ==,
                   CP_QUALIFICATION_NONE);
  g_assert_cmpint (cp_vocabulary_lookup (cp_staff_statuses, CP_N_STAFF_STATUSES, "退休"), ==,
                   CP_STAFF_RETIRED);
  g_assert_cmpint (cp_vocabulary_lookup (cp_staff_statuses, CP_N_STAFF_STATUSES, "left"), ==,
                   CP_STAFF_LEFT);
  g_assert_cmpint (cp_vocabulary_lookup (cp_grid_roles, CP_N_GRID_ROLES, "单元长"), ==,
                   CP_GRID_UNIT);
  g_assert_cmpint (cp_vocabulary_lookup (cp_grades, CP_N_GRADES, "基本称职"), ==, CP_GRADE_BASIC);
  g_assert_cmpint (cp_vocabulary_lookup (cp_grades, CP_N_GRADES, "称职"), ==, CP_GRADE_COMPETENT);
  g_assert_cmpint (cp_vocabulary_lookup (cp_grades, CP_N_GRADES, "none"), ==, CP_GRADE_NONE);
  g_assert_cmpstr (cp_grades[CP_GRADE_NONE].key, ==, "none");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/staff-rules/date-parse", test_date_parse);
  g_test_add_func ("/staff-rules/date-format-compare", test_date_format_compare);
  g_test_add_func ("/staff-rules/date-full-years", test_date_full_years);
  g_test_add_func ("/staff-rules/date-days", test_date_days);
  g_test_add_func ("/staff-rules/id-number", test_id_number);
  g_test_add_func ("/staff-rules/id-mask", test_id_mask);
  g_test_add_func ("/staff-rules/level-range", test_level_range);
  g_test_add_func ("/staff-rules/entry-level", test_entry_level);
  g_test_add_func ("/staff-rules/advance", test_advance);
  g_test_add_func ("/staff-rules/round-fen", test_round_fen);
  g_test_add_func ("/staff-rules/income-tax-table", test_income_tax_table);
  g_test_add_func ("/staff-rules/slip-head", test_slip_head);
  g_test_add_func ("/staff-rules/slip-member-december", test_slip_member_december);
  g_test_add_func ("/staff-rules/slip-staff-probation", test_slip_staff_probation);
  g_test_add_func ("/staff-rules/slip-probation-ends", test_slip_probation_ends);
  g_test_add_func ("/staff-rules/slip-welfare-floor", test_slip_welfare_floor);
  g_test_add_func ("/staff-rules/slip-ceiling", test_slip_ceiling);
  g_test_add_func ("/staff-rules/slip-allowance", test_slip_allowance);
  g_test_add_func ("/staff-rules/slip-months", test_slip_months);
  g_test_add_func ("/staff-rules/leave", test_leave);
  g_test_add_func ("/staff-rules/retirement", test_retirement);
  g_test_add_func ("/staff-rules/check-day", test_check_day);
  g_test_add_func ("/staff-rules/check", test_check);
  g_test_add_func ("/staff-rules/params-default", test_params_default);
  g_test_add_func ("/staff-rules/params-parse", test_params_parse);
  g_test_add_func ("/staff-rules/params-validate", test_params_validate);
  g_test_add_func ("/staff-rules/staff-validate", test_staff_validate);
  g_test_add_func ("/staff-rules/vocabularies", test_vocabularies);
  return g_test_run ();
}
