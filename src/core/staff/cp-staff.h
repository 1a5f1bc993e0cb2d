/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Community workers under 社工岗 management ("三岗十八级"): their posts, education,
 * qualifications, status, grid roles and annual grades, the pay parameters of a year with their
 * defaults and where each default comes from, and the limits of every field with the checks that
 * enforce them. */
#pragma once

#include "cp-date.h"
#include "cp-error.h"
#include "cp-vocabulary.h"

G_BEGIN_DECLS

#define CP_STAFF_NAME_MAX_CHARS 50
#define CP_STAFF_ROLE_MAX_CHARS 50
#define CP_STAFF_PHONE_MAX_CHARS 20
#define CP_ID_NUMBER_LENGTH 18
/* Levels of the scale: 1..18 ("十八级"). */
#define CP_LEVEL_MIN 1
#define CP_LEVEL_MAX 18
/* A person's monthly special additional deduction (专项附加扣除), in fen. */
#define CP_SPECIAL_DEDUCTION_MAX_FEN G_GINT64_CONSTANT (10000000)

typedef enum
{
  CP_POST_HEAD,    /* 社区正职 (党组织书记、居（村）委会主任) */
  CP_POST_MEMBER,  /* 其他"两委"成员 */
  CP_POST_STAFF,   /* 社区专职工作者 */
  CP_POST_WELFARE, /* 公益性岗位: no level, a fixed monthly pay */
  CP_N_POSTS
} CpStaffPost;

typedef enum
{
  CP_EDUCATION_SECONDARY, /* 高中及以下/中专 */
  CP_EDUCATION_COLLEGE,   /* 大专 */
  CP_EDUCATION_BACHELOR,
  CP_EDUCATION_MASTER,
  CP_EDUCATION_DOCTOR,
  CP_N_EDUCATIONS
} CpEducation;

typedef enum
{
  CP_QUALIFICATION_NONE,
  CP_QUALIFICATION_ASSISTANT,     /* 助理社会工作师 */
  CP_QUALIFICATION_SOCIAL_WORKER, /* 社会工作师 */
  CP_QUALIFICATION_SENIOR,        /* 高级社会工作师 */
  CP_N_QUALIFICATIONS
} CpQualification;

typedef enum
{
  CP_STAFF_ACTIVE,  /* 在岗 */
  CP_STAFF_LEFT,    /* 离职 */
  CP_STAFF_RETIRED, /* 退休 */
  CP_N_STAFF_STATUSES
} CpStaffStatus;

typedef enum
{
  CP_GRID_NONE,
  CP_GRID_LEADER,   /* 网格长 */
  CP_GRID_BUILDING, /* 楼栋长 */
  CP_GRID_UNIT,     /* 单元长 */
  CP_N_GRID_ROLES
} CpGridRole;

/* The annual assessment grade (等次); NONE when no grade is recorded. */
typedef enum
{
  CP_GRADE_NONE,
  CP_GRADE_EXCELLENT,   /* 优秀 */
  CP_GRADE_COMPETENT,   /* 称职 */
  CP_GRADE_BASIC,       /* 基本称职 */
  CP_GRADE_INCOMPETENT, /* 不称职 */
  CP_N_GRADES
} CpGrade;

typedef enum
{
  CP_GENDER_FEMALE,
  CP_GENDER_MALE,
} CpGender;

/* Keys as the database and import files store them (cp_grades[CP_GRADE_NONE] is "none"). */
extern const CpVocabulary cp_posts[CP_N_POSTS];
extern const CpVocabulary cp_educations[CP_N_EDUCATIONS];
extern const CpVocabulary cp_qualifications[CP_N_QUALIFICATIONS];
extern const CpVocabulary cp_staff_statuses[CP_N_STAFF_STATUSES];
extern const CpVocabulary cp_grid_roles[CP_N_GRID_ROLES];
extern const CpVocabulary cp_grades[CP_N_GRADES];

/* One person on the roster. Birth date and gender are not stored apart: they come from the
 * identity number (cp_id_number_check()). */
typedef struct
{
  gint64 id;
  gint64 community_id;
  char *id_number; /* 18 characters, upper-case X */
  char *name;
  CpStaffPost post;
  char *role; /* free text, e.g. 党委书记; may be "" */
  CpEducation education;
  CpQualification qualification;
  CpDate work_start;    /* 参加工作时间: cumulative work years (leave) */
  CpDate service_start; /* 社区工作起始时间: years of service (levels, probation) */
  CpStaffStatus status;
  CpDate status_date; /* when status is 离职/退休; no date for 在岗 */
  CpGridRole grid_role;
  char *phone; /* may be "" */
  gint64 special_deduction_fen; /* per month */
} CpStaff;

void cp_staff_clear (CpStaff *staff);

/* Validates @staff's fields on @today (dates may not lie after it): the identity number (check
 * digit, birth date), the name, dates in order (work start ≤ service start is not required;
 * birth < work start, status date for 离职/退休 only), the deduction's range. The message names the
 * field and what would be right. */
gboolean cp_staff_validate (const CpStaff *staff, CpDate today, GError **error);

/* The pay parameters of one year (DOMAIN.md §2). Each is a number; the table below says its key,
 * range, default and the source of the default. */
typedef enum
{
  CP_PARAM_QUALIFICATION_MODE, /* 0: level mode, 1: allowance mode */
  CP_PARAM_LEVEL_MIN_HEAD,
  CP_PARAM_LEVEL_MAX_HEAD,
  CP_PARAM_LEVEL_MIN_MEMBER,
  CP_PARAM_LEVEL_MAX_MEMBER,
  CP_PARAM_LEVEL_MIN_STAFF,
  CP_PARAM_LEVEL_MAX_STAFF,
  CP_PARAM_WELFARE_MONTHLY_YUAN,
  CP_PARAM_YEARS_PER_LEVEL,
  CP_PARAM_REFERENCE_WAGE_YUAN,
  CP_PARAM_LOCAL_COEFFICIENT,
  CP_PARAM_LEVEL_COEFFICIENT_1, /* … through level 18, in order */
  CP_PARAM_LEVEL_COEFFICIENT_18 = CP_PARAM_LEVEL_COEFFICIENT_1 + 17,
  CP_PARAM_BASE_SHARE,
  CP_PARAM_GRADE_FACTOR_EXCELLENT,
  CP_PARAM_GRADE_FACTOR_COMPETENT,
  CP_PARAM_GRADE_FACTOR_BASIC,
  CP_PARAM_GRADE_FACTOR_INCOMPETENT,
  CP_PARAM_GRADE_FACTOR_NONE,
  CP_PARAM_ALLOWANCE_ASSISTANT,
  CP_PARAM_ALLOWANCE_SOCIAL_WORKER,
  CP_PARAM_ALLOWANCE_SENIOR,
  CP_PARAM_BASE_FLOOR_SHARE,
  CP_PARAM_BASE_CEILING_SHARE,
  CP_PARAM_AVERAGE_WAGE_YUAN,
  CP_PARAM_RATE_PENSION_EMPLOYEE,
  CP_PARAM_RATE_MEDICAL_EMPLOYEE,
  CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYEE,
  CP_PARAM_RATE_HOUSING_FUND_EMPLOYEE,
  CP_PARAM_RATE_PENSION_EMPLOYER,
  CP_PARAM_RATE_MEDICAL_EMPLOYER,
  CP_PARAM_RATE_UNEMPLOYMENT_EMPLOYER,
  CP_PARAM_RATE_WORK_INJURY_EMPLOYER,
  CP_PARAM_RATE_HOUSING_FUND_EMPLOYER,
  CP_N_PAY_PARAMS
} CpPayParam;

#define CP_QUALIFICATION_MODE_LEVEL 0
#define CP_QUALIFICATION_MODE_ALLOWANCE 1

typedef struct
{
  const char *key;     /* e.g. "level_coefficient.7", "rate.pension.employer" */
  const char *display; /* marked with N_: its name in the window */
  double default_value;
  double min, max;     /* the range a value may take, both included */
  gboolean whole;      /* a whole number (levels, years, the mode) */
  const char *source;  /* marked with N_: where the default comes from */
} CpPayParamInfo;

extern const CpPayParamInfo cp_pay_params_info[CP_N_PAY_PARAMS];

/* The parameter of @key, or -1. qualification_mode's value may also be the word "level" or
 * "allowance" (cp_pay_param_parse_value()). */
int cp_pay_param_lookup (const char *key);
/* Parses @text as a value of @param (numbers as cp_parse_number() reads them, the mode's words)
 * and checks its range; the message says what would be right. */
gboolean cp_pay_param_parse_value (CpPayParam param, const char *text, double *out,
                                   GError **error);

typedef struct
{
  int year;
  double value[CP_N_PAY_PARAMS];
  /* The year whose recorded value is in force (the latest at or before @year), or 0 when the
   * default is (the window says 示例值 next to it). */
  int from_year[CP_N_PAY_PARAMS];
} CpPayParams;

/* Every parameter at its default, for @year. */
void cp_pay_params_init_default (CpPayParams *params, int year);
/* Whether the parameters fit together: each in its range, each post's lowest level ≤ its top,
 * the floor share ≤ the ceiling share; the message names the parameter. */
gboolean cp_pay_params_validate (const CpPayParams *params, GError **error);

G_END_DECLS
