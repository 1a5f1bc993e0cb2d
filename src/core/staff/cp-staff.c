/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cp-staff-rules.h"
#include "cp-text.h"

const CpVocabulary cp_posts[CP_N_POSTS] = {
  { "head", "社区正职", N_("Community head") },
  { "member", "两委成员", N_("Committee member") },
  { "staff", "专职工作者", N_("Full-time community worker") },
  { "welfare", "公益性岗位", N_("Public-welfare post") },
};

/* The Chinese label lists alternatives after a slash, and "高中及以下" also reads "高中"
 * (cp_vocabulary_lookup()). */
const CpVocabulary cp_educations[CP_N_EDUCATIONS] = {
  { "secondary", "高中及以下/中专", N_("Secondary school or below") },
  { "college", "大专", N_("Junior college") },
  { "bachelor", "本科", N_("Bachelor's degree") },
  { "master", "硕士", N_("Master's degree") },
  { "doctor", "博士", N_("Doctorate") },
};

const CpVocabulary cp_qualifications[CP_N_QUALIFICATIONS] = {
  { "none", "无", N_("No qualification") },
  { "assistant", "助理社会工作师", N_("Assistant social worker") },
  { "social_worker", "社会工作师", N_("Social worker") },
  { "senior", "高级社会工作师", N_("Senior social worker") },
};

const CpVocabulary cp_staff_statuses[CP_N_STAFF_STATUSES] = {
  { "active", "在岗", N_("On duty") },
  { "left", "离职", N_("Left the post") },
  { "retired", "退休", N_("Retired") },
};

const CpVocabulary cp_grid_roles[CP_N_GRID_ROLES] = {
  { "none", "无", N_("No grid role") },
  { "leader", "网格长", N_("Grid leader") },
  { "building", "楼栋长", N_("Building head") },
  { "unit", "单元长", N_("Stairwell head") },
};

const CpVocabulary cp_grades[CP_N_GRADES] = {
  { "none", "无", N_("No grade") },
  { "excellent", "优秀", N_("Excellent") },
  { "competent", "称职", N_("Competent") },
  { "basic", "基本称职", N_("Basically competent") },
  { "incompetent", "不称职", N_("Incompetent") },
};

/* Pay parameters: where each default comes from */

#define SOURCE_DRAFT                                                                               \
  N_("Jilin 2020 draft 《“社工岗”人员基础工资分配办法（试行）》征求意见稿 (sample value)")
#define SOURCE_FORMULA                                                                             \
  N_("Sample value in Jilin's pay formula (吉办发〔2020〕18号 and the 2020 draft); the official "   \
     "figure was not found")
#define SOURCE_MODE                                                                                \
  N_("The program's choice: a qualification raises the entry level, as public social-work "        \
     "personnel systems do (sample value)")
#define SOURCE_WELFARE N_("Sample value: set it to the local pay of public-welfare posts")
#define SOURCE_YEARS N_("Sample value: one level for every 3 full years of community service")
#define SOURCE_ALLOWANCE                                                                           \
  N_("Sample value: a monthly allowance for a social-work qualification")
#define SOURCE_BASE_LIMITS                                                                         \
  N_("National practice: the contribution base lies between 0.6 and 3 times the local average "    \
     "wage")
#define SOURCE_AVERAGE_WAGE                                                                        \
  N_("吉林市 2022 average wage of urban non-private units, ¥77,785 a year ÷ 12 (吉林省统计局 "      \
     "2023)")
#define SOURCE_RATE N_("Sample value: the common national rate; set the rate of 吉林市")

#define LEVEL(post, which, display, value)                                                         \
  { "level_" which "." post, display, value, CP_LEVEL_MIN, CP_LEVEL_MAX, TRUE, SOURCE_DRAFT }
#define COEFFICIENT(n, display)                                                                    \
  [CP_PARAM_LEVEL_COEFFICIENT_1 + n - 1] = {                                                       \
    "level_coefficient." #n, display, 1.0 + 0.1 * (n - 1), 0, 10, FALSE, SOURCE_FORMULA            \
  }
#define RATE(key, display, value) { "rate." key, display, value, 0, 1, FALSE, SOURCE_RATE }

const CpPayParamInfo cp_pay_params_info[CP_N_PAY_PARAMS] = {
  [CP_PARAM_QUALIFICATION_MODE] = { "qualification_mode",
                                    N_("Qualification: level (0) or allowance (1)"), 0, 0, 1, TRUE,
                                    SOURCE_MODE },
  [CP_PARAM_LEVEL_MIN_HEAD] = LEVEL ("head", "min", N_("Community head: lowest level"), 7),
  [CP_PARAM_LEVEL_MAX_HEAD] = LEVEL ("head", "max", N_("Community head: top level"), 18),
  [CP_PARAM_LEVEL_MIN_MEMBER] = LEVEL ("member", "min", N_("Committee member: lowest level"), 4),
  [CP_PARAM_LEVEL_MAX_MEMBER] = LEVEL ("member", "max", N_("Committee member: top level"), 15),
  [CP_PARAM_LEVEL_MIN_STAFF] = LEVEL ("staff", "min", N_("Full-time worker: lowest level"), 1),
  [CP_PARAM_LEVEL_MAX_STAFF] = LEVEL ("staff", "max", N_("Full-time worker: top level"), 12),
  [CP_PARAM_WELFARE_MONTHLY_YUAN] = { "welfare_monthly_yuan",
                                      N_("Public-welfare post: monthly pay (yuan)"), 2000, 0,
                                      100000, FALSE, SOURCE_WELFARE },
  [CP_PARAM_YEARS_PER_LEVEL] = { "years_per_level", N_("Years of service per level"), 3, 1, 10,
                                 TRUE, SOURCE_YEARS },
  [CP_PARAM_REFERENCE_WAGE_YUAN] = { "reference_wage_yuan",
                                     N_("Reference wage (yuan a month)"), 4500, 0, 100000, FALSE,
                                     SOURCE_FORMULA },
  [CP_PARAM_LOCAL_COEFFICIENT] = { "local_coefficient", N_("Local coefficient"), 1.0, 0, 10,
                                   FALSE, SOURCE_FORMULA },
  COEFFICIENT (1, N_("Level 1 coefficient")),
  COEFFICIENT (2, N_("Level 2 coefficient")),
  COEFFICIENT (3, N_("Level 3 coefficient")),
  COEFFICIENT (4, N_("Level 4 coefficient")),
  COEFFICIENT (5, N_("Level 5 coefficient")),
  COEFFICIENT (6, N_("Level 6 coefficient")),
  COEFFICIENT (7, N_("Level 7 coefficient")),
  COEFFICIENT (8, N_("Level 8 coefficient")),
  COEFFICIENT (9, N_("Level 9 coefficient")),
  COEFFICIENT (10, N_("Level 10 coefficient")),
  COEFFICIENT (11, N_("Level 11 coefficient")),
  COEFFICIENT (12, N_("Level 12 coefficient")),
  COEFFICIENT (13, N_("Level 13 coefficient")),
  COEFFICIENT (14, N_("Level 14 coefficient")),
  COEFFICIENT (15, N_("Level 15 coefficient")),
  COEFFICIENT (16, N_("Level 16 coefficient")),
  COEFFICIENT (17, N_("Level 17 coefficient")),
  COEFFICIENT (18, N_("Level 18 coefficient")),
  [CP_PARAM_BASE_SHARE] = { "base_share", N_("Base pay share of the standard"), 0.7, 0, 1, FALSE,
                            SOURCE_FORMULA },
  [CP_PARAM_GRADE_FACTOR_EXCELLENT] = { "grade_factor.excellent",
                                        N_("Performance factor: excellent"), 1.2, 0, 3, FALSE,
                                        SOURCE_FORMULA },
  [CP_PARAM_GRADE_FACTOR_COMPETENT] = { "grade_factor.competent",
                                        N_("Performance factor: competent"), 1.0, 0, 3, FALSE,
                                        SOURCE_FORMULA },
  [CP_PARAM_GRADE_FACTOR_BASIC] = { "grade_factor.basic",
                                    N_("Performance factor: basically competent"), 0.8, 0, 3,
                                    FALSE, SOURCE_FORMULA },
  [CP_PARAM_GRADE_FACTOR_INCOMPETENT] = { "grade_factor.incompetent",
                                          N_("Performance factor: incompetent"), 0, 0, 3, FALSE,
                                          SOURCE_FORMULA },
  [CP_PARAM_GRADE_FACTOR_NONE] = { "grade_factor.none", N_("Performance factor: no grade"), 1.0,
                                   0, 3, FALSE, SOURCE_FORMULA },
  [CP_PARAM_ALLOWANCE_ASSISTANT] = { "qualification_allowance.assistant",
                                     N_("Allowance: assistant social worker (yuan a month)"), 100,
                                     0, 10000, FALSE, SOURCE_ALLOWANCE },
  [CP_PARAM_ALLOWANCE_SOCIAL_WORKER] = { "qualification_allowance.social_worker",
                                         N_("Allowance: social worker (yuan a month)"), 200, 0,
                                         10000, FALSE, SOURCE_ALLOWANCE },
  [CP_PARAM_ALLOWANCE_SENIOR] = { "qualification_allowance.senior",
                                  N_("Allowance: senior social worker (yuan a month)"), 300, 0,
                                  10000, FALSE, SOURCE_ALLOWANCE },
  [CP_PARAM_BASE_FLOOR_SHARE] = { "base_floor_share",
                                  N_("Contribution base floor (times the average wage)"), 0.6, 0,
                                  10, FALSE, SOURCE_BASE_LIMITS },
  [CP_PARAM_BASE_CEILING_SHARE] = { "base_ceiling_share",
                                    N_("Contribution base ceiling (times the average wage)"), 3.0,
                                    0, 10, FALSE, SOURCE_BASE_LIMITS },
  [CP_PARAM_AVERAGE_WAGE_YUAN] = { "average_wage_yuan", N_("Average wage (yuan a month)"), 6482,
                                   0, 1000000, FALSE, SOURCE_AVERAGE_WAGE },
  [CP_PARAM_RATE_PENSION_EMPLOYEE] = RATE ("pension.employee", N_("Pension, employee"), 0.08),
  [CP_PARAM_RATE_MEDICAL_EMPLOYEE] = RATE ("medical.employee", N_("Medical insurance, employee"),
                                           0.02),
  [CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYEE] = RATE ("unemployment.employee",
                                                N_("Unemployment insurance, employee"), 0.005),
  [CP_PARAM_RATE_HOUSING_FUND_EMPLOYEE] = RATE ("housing_fund.employee",
                                                N_("Housing fund, employee"), 0.12),
  [CP_PARAM_RATE_PENSION_EMPLOYER] = RATE ("pension.employer", N_("Pension, employer"), 0.16),
  [CP_PARAM_RATE_MEDICAL_EMPLOYER] = RATE ("medical.employer",
                                           N_("Medical and maternity insurance, employer"), 0.08),
  [CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYER] = RATE ("unemployment.employer",
                                                N_("Unemployment insurance, employer"), 0.005),
  [CP_PARAM_RATE_WORK_INJURY_EMPLOYER] = RATE ("work_injury.employer",
                                               N_("Work injury insurance, employer"), 0.002),
  [CP_PARAM_RATE_HOUSING_FUND_EMPLOYER] = RATE ("housing_fund.employer",
                                                N_("Housing fund, employer"), 0.12),
};

/* The roster */

void
cp_staff_clear (CpStaff *staff)
{
  g_clear_pointer (&staff->id_number, g_free);
  g_clear_pointer (&staff->name, g_free);
  g_clear_pointer (&staff->role, g_free);
  g_clear_pointer (&staff->phone, g_free);
}

static gboolean
check_text (const char *text, const char *field, int max_chars, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (text == NULL)
    return TRUE;
  if (!cp_text_check (text, -1, &local))
    return cp_set_error (error, CP_ERROR_INVALID, "%s: %s", field, local->message);
  if (g_utf8_strlen (text, -1) > max_chars)
    return cp_set_error (error, CP_ERROR_INVALID, _("%s: at most %d characters."), field,
                         max_chars);
  return TRUE;
}

/* Digits, spaces and + - ( ), as phone numbers are written. */
static gboolean
check_phone (const char *phone, GError **error)
{
  if (!check_text (phone, _("Phone"), CP_STAFF_PHONE_MAX_CHARS, error))
    return FALSE;
  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (" +-()", *p) == NULL)
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("Phone: only digits, spaces and + - ( ) may appear, e.g. "
                             "0432-12345678 or 13812345678."));
  return TRUE;
}

/* A date that must be set, a real day and not after @today. */
static gboolean
check_date (CpDate date, const char *field, CpDate today, GError **error)
{
  if (!cp_date_is_set (date))
    return cp_set_error (error, CP_ERROR_INVALID, _("%s: enter a date such as 2020-03-15."),
                         field);
  if (!cp_date_is_valid (date))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("%s: %04d-%02d-%02d is not a day of the calendar."), field, date.year,
                         date.month, date.day);

  g_autofree char *text = cp_date_format (date);
  g_autofree char *today_text = cp_date_format (today);

  if (cp_date_compare (date, today) > 0)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("%s: %s lies in the future; enter a date up to today (%s)."), field,
                         text, today_text);
  return TRUE;
}

/* @date after @earlier (@strictly) or not before it. */
static gboolean
check_order (CpDate date, const char *field, CpDate earlier, const char *earlier_field,
             gboolean strictly, GError **error)
{
  int order = cp_date_compare (date, earlier);

  if (order > 0 || (order == 0 && !strictly))
    return TRUE;

  g_autofree char *text = cp_date_format (date);
  g_autofree char *earlier_text = cp_date_format (earlier);

  return cp_set_error (error, CP_ERROR_INVALID,
                       strictly ? _("%s: %s is not after the %s, %s.")
                                : _("%s: %s is before the %s, %s."),
                       field, text, earlier_field, earlier_text);
}

static gboolean
check_enums (const CpStaff *s, GError **error)
{
  if ((guint) s->post >= CP_N_POSTS || (guint) s->education >= CP_N_EDUCATIONS
      || (guint) s->qualification >= CP_N_QUALIFICATIONS
      || (guint) s->status >= CP_N_STAFF_STATUSES || (guint) s->grid_role >= CP_N_GRID_ROLES)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Post, education, qualification, status or grid role: a value "
                           "outside its list."));
  return TRUE;
}

static gboolean
check_dates (const CpStaff *s, CpDate birth, CpDate today, GError **error)
{
  if (!check_date (s->work_start, _("Work start"), today, error)
      || !check_order (s->work_start, _("Work start"), birth, _("birth date"), TRUE, error)
      || !check_date (s->service_start, _("Service start"), today, error)
      || !check_order (s->service_start, _("Service start"), birth, _("birth date"),
                       TRUE, error))
    return FALSE;
  if (s->status == CP_STAFF_ACTIVE)
    {
      if (cp_date_is_set (s->status_date))
        return cp_set_error (error, CP_ERROR_INVALID,
                             _("Status date: a person on duty has none; leave it empty, or "
                               "set the status to left or retired."));
      return TRUE;
    }
  return check_date (s->status_date, _("Status date"), today, error)
         && check_order (s->status_date, _("Status date"), s->service_start,
                         _("community service start"), FALSE, error);
}

gboolean
cp_staff_validate (const CpStaff *staff, CpDate today, GError **error)
{
  g_return_val_if_fail (staff != NULL, FALSE);

  g_autoptr (GError) local = NULL;
  CpDate birth;

  if (!cp_id_number_check (staff->id_number, today, &birth, NULL, &local))
    return cp_set_error (error, CP_ERROR_INVALID, _("Identity number: %s"), local->message);
  if (cp_text_is_blank (staff->name))
    return cp_set_error (error, CP_ERROR_INVALID, _("Name: enter the person's name."));
  if (!check_text (staff->name, C_("person", "Name"), CP_STAFF_NAME_MAX_CHARS, error)
      || !check_text (staff->role, _("Role"), CP_STAFF_ROLE_MAX_CHARS, error)
      || !check_phone (staff->phone, error) || !check_enums (staff, error)
      || !check_dates (staff, birth, today, error))
    return FALSE;
  if (staff->special_deduction_fen < 0
      || staff->special_deduction_fen > CP_SPECIAL_DEDUCTION_MAX_FEN)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Special additional deduction: enter 0 to %d yuan a month."),
                         (int) (CP_SPECIAL_DEDUCTION_MAX_FEN / 100));
  return TRUE;
}

/* Pay parameters */

int
cp_pay_param_lookup (const char *key)
{
  if (key == NULL)
    return -1;

  g_autofree char *stripped = g_strstrip (g_strdup (key));

  for (int i = 0; i < CP_N_PAY_PARAMS; i++)
    if (g_ascii_strcasecmp (stripped, cp_pay_params_info[i].key) == 0)
      return i;
  return -1;
}

/* A parameter's value as people write it: 0.005, 4500, 2.7. */
static char *
format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* The message, a clause, when @value lies outside @param's range or is not whole. */
static gboolean
check_range (CpPayParam param, double value, GError **error)
{
  const CpPayParamInfo *info = &cp_pay_params_info[param];
  g_autofree char *text = format_value (value);
  g_autofree char *min = format_value (info->min);
  g_autofree char *max = format_value (info->max);

  if (!(value >= info->min && value <= info->max))
    return cp_set_error (error, CP_ERROR_INVALID, _("%s is outside the range of %s, %s to %s"),
                         text, info->key, min, max);
  if (info->whole && value != floor (value))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("%s is not a whole number; %s takes whole numbers from %s to %s"), text,
                         info->key, min, max);
  return TRUE;
}

gboolean
cp_pay_param_parse_value (CpPayParam param, const char *text, double *out, GError **error)
{
  g_return_val_if_fail ((guint) param < CP_N_PAY_PARAMS, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  g_autoptr (GError) local = NULL;
  double value;

  if (param == CP_PARAM_QUALIFICATION_MODE && text != NULL)
    {
      g_autofree char *word = g_strstrip (g_strdup (text));

      int mode = g_ascii_strcasecmp (word, "level") == 0       ? CP_QUALIFICATION_MODE_LEVEL
                 : g_ascii_strcasecmp (word, "allowance") == 0 ? CP_QUALIFICATION_MODE_ALLOWANCE
                                                               : -1;
      if (mode >= 0)
        {
          *out = mode;
          return TRUE;
        }
    }
  if (!cp_parse_number (text, CP_NUMBER_DECIMAL, &value, &local))
    {
      g_autofree char *shown = cp_text_quote (text != NULL ? text : "", -1);

      if (param == CP_PARAM_QUALIFICATION_MODE)
        return cp_set_error (error, CP_ERROR_INVALID,
                             _("“%s” is not a qualification mode; write level or allowance"),
                             shown);
      return cp_set_error (error, CP_ERROR_INVALID, "“%s” %s", shown, local->message);
    }
  if (!check_range (param, value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

void
cp_pay_params_init_default (CpPayParams *params, int year)
{
  g_return_if_fail (params != NULL);

  params->year = year;
  for (int i = 0; i < CP_N_PAY_PARAMS; i++)
    {
      params->value[i] = cp_pay_params_info[i].default_value;
      params->from_year[i] = 0;
    }
}

static gboolean
check_order_of (const CpPayParams *params, CpPayParam low, CpPayParam high, GError **error)
{
  if (params->value[low] <= params->value[high])
    return TRUE;

  g_autofree char *low_text = format_value (params->value[low]);
  g_autofree char *high_text = format_value (params->value[high]);

  return cp_set_error (error, CP_ERROR_INVALID,
                       _("%s (%s) is above %s (%s); lower it or raise %s."),
                       cp_pay_params_info[low].key, low_text, cp_pay_params_info[high].key,
                       high_text, cp_pay_params_info[high].key);
}

gboolean
cp_pay_params_validate (const CpPayParams *params, GError **error)
{
  g_return_val_if_fail (params != NULL, FALSE);

  for (int i = 0; i < CP_N_PAY_PARAMS; i++)
    {
      g_autoptr (GError) local = NULL;

      if (!check_range (i, params->value[i], &local))
        return cp_set_error (error, CP_ERROR_INVALID, _("%s: %s."),
                             _(cp_pay_params_info[i].display), local->message);
    }
  return check_order_of (params, CP_PARAM_LEVEL_MIN_HEAD, CP_PARAM_LEVEL_MAX_HEAD, error)
         && check_order_of (params, CP_PARAM_LEVEL_MIN_MEMBER, CP_PARAM_LEVEL_MAX_MEMBER, error)
         && check_order_of (params, CP_PARAM_LEVEL_MIN_STAFF, CP_PARAM_LEVEL_MAX_STAFF, error)
         && check_order_of (params, CP_PARAM_BASE_FLOOR_SHARE, CP_PARAM_BASE_CEILING_SHARE,
                            error);
}
