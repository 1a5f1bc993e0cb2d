/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sample's staff: for each community a head, 2–4 other committee members, full-time workers
 * and now and then 公益性岗位, drawn from the community's generator after its facilities. Their
 * identity numbers carry the region code 220281 (in the other copies of the county at scale N,
 * the copy's made-up code) and right check characters; their level of 2023 (or of the year they
 * joined) is the entry level, recorded from the year their seniority reached it, with the level
 * before it from its own first year, so that the runs at a level begin in different years and
 * about a third of the people become due each year; from there the levels follow the
 * advancement rule from the grades drawn for 2023–2026 with the default parameters (none are
 * written: the window shows 示例值). On
 * purpose, some are at their post's top level and a few a level outside its range, some reach
 * retirement age in 2026 or 2027, a few are past it and still on duty, some have no agreement or
 * one that ended in 2025, and a few heads and members have no grade for a year: every problem of
 * cp_staff_check() occurs. Fixed years, never today: the same bytes on every run. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cp-sample-private.h"
#include "cp-staff-rules.h"
#include "cp-staff-store-private.h"

#define FIRST_LEVEL_YEAR 2023
#define LAST_GRADE_YEAR 2026
#define MAX_PEOPLE 16
/* The region code of an identity number: the county's code, 220281 (蛟河市) in the first copy of
 * the county and its made-up code in the others, so that numbers are unique within a copy. */
#define REGION_CODE_LENGTH 6

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
  "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧", "程", "曹",
  "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
  "金", "崔", "朴", "姜", "白", "范", "石", "姚",
};
static const char *const given_male[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
  "宇", "浩", "凯", "健", "俊", "帆", "建国", "志强", "海涛", "国栋", "宏伟", "振华", "文博", "子轩",
};
static const char *const given_female[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "玉兰", "桂芝", "丹", "萍", "红", "玲",
  "雪", "琳", "颖", "倩", "婷", "淑华", "春梅", "海燕", "晓燕", "欣怡", "梓涵", "雨桐", "佳怡",
};
static const char *const member_roles[] = { "副书记", "副主任", "委员", "妇联主席", "监委会主任" };
static const char *const staff_roles[] = { "专职网格员", "社区工作者", "民政专干", "党务专干" };

/* One person being drawn. */
typedef struct
{
  CpStaff staff;
  char region[REGION_CODE_LENGTH + 1];
  char id_number[CP_ID_NUMBER_LENGTH + 1];
  char name[32];
  char phone[16];
  CpDate birth;
  CpGender gender;
  gboolean top;          /* placed at the post's top level */
  gboolean out_of_range; /* placed one level outside the post's range (a check finds it) */
  gboolean no_agreement; /* none on purpose */
  gboolean expired;      /* the latest ended in 2025 */
  gboolean open_ended;
  double grade_skip;     /* chance of no grade in a year (heads and members) */
} Person;

/* Auxiliary: drawing */

static const char *
pick (CpSampleRng *rng, const char *const *words, guint n)
{
  return words[_cp_sample_rng_int (rng, 0, (int) n - 1)];
}

static CpDate
draw_day (CpSampleRng *rng, int year_low, int year_high)
{
  /* One draw a statement: C leaves the order of a call's arguments open. */
  int year = _cp_sample_rng_int (rng, year_low, year_high);
  int month = _cp_sample_rng_int (rng, 1, 12);
  int day = _cp_sample_rng_int (rng, 1, 28);

  return cp_date_make (year, month, day);
}

/* The 17 digits and the check character; the sequence's last digit is odd for men. */
static void
format_id_number (Person *p, int sequence)
{
  g_snprintf (p->id_number, sizeof p->id_number, "%s%04d%02d%02d%03d", p->region, p->birth.year,
              p->birth.month, p->birth.day, sequence);
  p->id_number[17] = cp_id_number_check_char (p->id_number);
  p->id_number[18] = '\0';
}

static int
draw_sequence (CpSampleRng *rng, CpGender gender)
{
  return _cp_sample_rng_int (rng, 0, 499) * 2 + (gender == CP_GENDER_MALE ? 1 : 0);
}

/* Birth years by post: heads 1966–1986, members 1965–1996, workers 1975–2001, welfare posts
 * 1964–1978 (older people, some near retirement). */
static void
draw_birth (CpSampleRng *rng, Person *p)
{
  static const int ranges[CP_N_POSTS][2]
      = { { 1966, 1986 }, { 1965, 1996 }, { 1975, 2001 }, { 1964, 1978 } };
  const int *range = ranges[p->staff.post];

  p->gender = _cp_sample_rng_chance (rng, p->staff.post == CP_POST_HEAD ? 0.6 : 0.4)
                  ? CP_GENDER_MALE
                  : CP_GENDER_FEMALE;
  p->birth = draw_day (rng, range[0], range[1]);
  /* Women retire at 55 (and some months): those born before 1972 have retired already. */
  if (p->gender == CP_GENDER_FEMALE && p->birth.year < 1972)
    p->birth.year += 8;
}

/* Retirement on purpose: in 2026 or 2027 (a man born in 1966 retires at 60 and 5 to 8 months,
 * DOMAIN.md §2), or already in 2024 (born 1964) and still on duty. */
static void
draw_retirement_case (CpSampleRng *rng, Person *p)
{
  double u = _cp_sample_rng_unit (rng);

  if (p->staff.post == CP_POST_HEAD || u >= 0.12)
    return;
  p->gender = CP_GENDER_MALE;
  if (u < 0.02)
    p->birth = draw_day (rng, 1964, 1964);
  else
    p->birth = draw_day (rng, 1966, 1966);
}

static void
draw_education (CpSampleRng *rng, Person *p)
{
  CpStaff *s = &p->staff;
  double u = _cp_sample_rng_unit (rng);

  if (s->post == CP_POST_WELFARE)
    {
      s->education = u < 0.8 ? CP_EDUCATION_SECONDARY : CP_EDUCATION_COLLEGE;
      s->qualification = CP_QUALIFICATION_NONE;
      return;
    }
  s->education = u < 0.12   ? CP_EDUCATION_SECONDARY
                 : u < 0.52 ? CP_EDUCATION_COLLEGE
                 : u < 0.94 ? CP_EDUCATION_BACHELOR
                 : u < 0.995 ? CP_EDUCATION_MASTER
                             : CP_EDUCATION_DOCTOR;
  double q = _cp_sample_rng_unit (rng);
  s->qualification = q < 0.5    ? CP_QUALIFICATION_NONE
                     : q < 0.8  ? CP_QUALIFICATION_ASSISTANT
                     : q < 0.96 ? CP_QUALIFICATION_SOCIAL_WORKER
                                : CP_QUALIFICATION_SENIOR;
}

/* Work from 18–24, community service from then to 10 years later (at the latest in 2026-06),
 * some of them new in 2025 or 2026 (in probation). */
static void
draw_dates (CpSampleRng *rng, Person *p)
{
  CpStaff *s = &p->staff;
  /* Each draw on its own line: MIN () would evaluate it twice. */
  int work_age = _cp_sample_rng_int (rng, 18, 24);
  int work_year = MIN (p->birth.year + work_age, 2025);

  s->work_start = draw_day (rng, work_year, work_year);
  if (_cp_sample_rng_chance (rng, 0.06))
    {
      int year = _cp_sample_rng_int (rng, 2025, 2026);
      int month = _cp_sample_rng_int (rng, 1, 6);
      s->service_start = cp_date_make (year, month, 1);
    }
  else
    {
      int later = _cp_sample_rng_int (rng, 0, 12);
      int year = MIN (work_year + later, 2024);
      s->service_start = cp_date_make (year, _cp_sample_rng_int (rng, 1, 12), 1);
    }
  if (cp_date_compare (s->service_start, s->work_start) < 0)
    s->service_start = s->work_start;
}

static void
draw_status (CpSampleRng *rng, Person *p)
{
  CpStaff *s = &p->staff;
  double u = _cp_sample_rng_unit (rng);

  s->status = CP_STAFF_ACTIVE;
  s->status_date = CP_DATE_NONE;
  if (u >= 0.04 || s->post == CP_POST_HEAD || s->service_start.year >= 2025)
    return;
  s->status = u < 0.025 ? CP_STAFF_LEFT : CP_STAFF_RETIRED;
  s->status_date = cp_date_make (2025, _cp_sample_rng_int (rng, 1, 12), 1);
}

static void
draw_contact (CpSampleRng *rng, Person *p, CpCommunityKind kind)
{
  CpStaff *s = &p->staff;
  double u = _cp_sample_rng_unit (rng);

  if (s->post == CP_POST_STAFF || s->post == CP_POST_WELFARE)
    s->grid_role = kind == CP_COMMUNITY_URBAN
                       ? (u < 0.4 ? CP_GRID_LEADER : u < 0.6 ? CP_GRID_BUILDING
                                                 : u < 0.7 ? CP_GRID_UNIT : CP_GRID_NONE)
                       : (u < 0.5 ? CP_GRID_LEADER : CP_GRID_NONE);
  else
    s->grid_role = u < 0.3 ? CP_GRID_LEADER : CP_GRID_NONE;
  int network = _cp_sample_rng_int (rng, 3, 9);
  int number = _cp_sample_rng_int (rng, 0, 999999999);
  g_snprintf (p->phone, sizeof p->phone, "1%d%09d", network, number);
  s->phone = p->phone;
  s->special_deduction_fen = _cp_sample_rng_chance (rng, 0.3)
                                 ? (gint64) _cp_sample_rng_int (rng, 1, 6) * 50000
                                 : 0;
}

static void
draw_person (CpSampleRng *rng, Person *p, CpStaffPost post, const CpSampleCommunity *c)
{
  CpCommunityKind kind = c->kind;

  memset (p, 0, sizeof *p);
  g_strlcpy (p->region, c->code, sizeof p->region);
  p->staff.post = post;
  draw_birth (rng, p);
  draw_retirement_case (rng, p);
  const char *const *given = p->gender == CP_GENDER_MALE ? given_male : given_female;
  guint n_given = p->gender == CP_GENDER_MALE ? G_N_ELEMENTS (given_male)
                                               : G_N_ELEMENTS (given_female);
  g_snprintf (p->name, sizeof p->name, "%s%s", pick (rng, surnames, G_N_ELEMENTS (surnames)),
              pick (rng, given, n_given));
  p->staff.name = p->name;
  p->staff.role = (char *) (post == CP_POST_HEAD     ? "党组织书记、主任"
                            : post == CP_POST_MEMBER ? pick (rng, member_roles,
                                                             G_N_ELEMENTS (member_roles))
                            : post == CP_POST_STAFF  ? pick (rng, staff_roles,
                                                             G_N_ELEMENTS (staff_roles))
                                                     : "公益性岗位");
  draw_education (rng, p);
  draw_dates (rng, p);
  draw_status (rng, p);
  draw_contact (rng, p, kind);
  format_id_number (p, draw_sequence (rng, p->gender));
  p->staff.id_number = p->id_number;
  double u = _cp_sample_rng_unit (rng);
  p->no_agreement = u < 0.04;
  p->expired = u >= 0.04 && u < 0.08;
  p->open_ended = u >= 0.08 && u < 0.2;
  p->top = cp_post_has_levels (post) && _cp_sample_rng_chance (rng, 0.05);
  p->out_of_range = cp_post_has_levels (post) && !p->top && _cp_sample_rng_chance (rng, 0.01);
  p->grade_skip = post == CP_POST_HEAD || post == CP_POST_MEMBER ? 0.04 : 0.0;
}

/* Roster order: post, then identity number. */
static int
compare_people (gconstpointer a, gconstpointer b)
{
  const Person *pa = a, *pb = b;

  if (pa->staff.post != pb->staff.post)
    return pa->staff.post < pb->staff.post ? -1 : 1;
  return strcmp (pa->id_number, pb->id_number);
}

/* Auxiliary: writing */

static CpGrade
draw_grade (CpSampleRng *rng)
{
  double u = _cp_sample_rng_unit (rng);

  return u < 0.15 ? CP_GRADE_EXCELLENT
         : u < 0.85 ? CP_GRADE_COMPETENT
         : u < 0.97 ? CP_GRADE_BASIC
                    : CP_GRADE_INCOMPETENT;
}

/* The first year of the run that holds @level in @year by seniority alone: the entry level
 * grows a level every years_per_level full years of service, counted on 1 January. */
static int
seniority_run_start (const CpPayParams *params, const CpStaff *s, int level, int year)
{
  while (year > s->service_start.year
         && cp_staff_entry_level (params, s->post, s->education, s->qualification,
                                  s->service_start, year - 1)
                == level)
    year--;
  return year;
}

/* Levels: in 2023 (or the year service started) the entry level, recorded from the year the
 * person's seniority reached it and with the level before it from that one's first year (runs
 * that began in 2021, 2022 or 2023 come due in different years); then each year's grade and
 * the advancement rule. Those placed at the top or outside the range on purpose start in 2023
 * (or the year they joined). */
static gboolean
write_career (CpStore *store, CpSampleRng *rng, const CpPayParams *params, const Person *p,
              GError **error)
{
  const CpStaff *s = &p->staff;
  int first = MAX (FIRST_LEVEL_YEAR, s->service_start.year);
  int min, max;
  int level = cp_staff_entry_level (params, s->post, s->education, s->qualification,
                                    s->service_start, first);
  int run_start = first;

  cp_post_level_range (params, s->post, &min, &max);
  if (p->top)
    level = max;
  else if (p->out_of_range)
    level = min > CP_LEVEL_MIN ? min - 1 : max + 1;
  else
    {
      run_start = seniority_run_start (params, s, level, first);
      if (run_start > s->service_start.year)
        {
          int before = cp_staff_entry_level (params, s->post, s->education, s->qualification,
                                             s->service_start, run_start - 1);
          if (!_cp_staff_store_put_level (store, s->id,
                                          seniority_run_start (params, s, before, run_start - 1),
                                          before, error))
            return FALSE;
        }
    }
  if (!_cp_staff_store_put_level (store, s->id, run_start, level, error))
    return FALSE;
  int last_year = s->status == CP_STAFF_ACTIVE ? LAST_GRADE_YEAR : s->status_date.year - 1;
  for (int year = first; year <= last_year; year++)
    {
      CpGrade grade = draw_grade (rng);
      if (p->grade_skip > 0 && _cp_sample_rng_chance (rng, p->grade_skip))
        grade = CP_GRADE_NONE;
      else if (!_cp_staff_store_put_grade (store, s->id, year, grade, error))
        return FALSE;
      if (year == LAST_GRADE_YEAR)
        break;
      CpDate since = cp_date_make (run_start, 1, 1);
      if (cp_date_compare (s->service_start, since) > 0)
        since = s->service_start;
      int to = level;
      cp_staff_advance (params, s->post, level, since, grade, year, &to);
      if (to != level)
        {
          if (!_cp_staff_store_put_level (store, s->id, year + 1, to, error))
            return FALSE;
          level = to;
          run_start = year + 1;
        }
    }
  return TRUE;
}

/* Three-year agreements from the service start: the latest (covering 2026, open-ended for
 * some) is written, and for some the one before it; an expired one ended on 2025-12-31. */
static gboolean
write_agreement (CpStore *store, CpSampleRng *rng, const Person *p, GError **error)
{
  const CpStaff *s = &p->staff;
  int terms = MAX (0, (2026 - s->service_start.year) / 3);
  CpAgreement a = { s->id, s->service_start, CP_DATE_NONE };

  if (p->no_agreement)
    return TRUE;
  if (p->expired && s->service_start.year <= 2025)
    {
      if (cp_date_compare (a.start, cp_date_make (2023, 1, 1)) < 0)
        a.start = cp_date_make (2023, 1, 1);
      a.end = cp_date_make (2025, 12, 31);
      return _cp_staff_store_put_agreement (store, &a, error);
    }
  if (terms > 0)
    a.start = cp_date_make (s->service_start.year + 3 * terms, 1, 1);
  if (!p->open_ended)
    a.end = cp_date_make (a.start.year + 2, 12, 31);
  if (terms >= 2 && _cp_sample_rng_chance (rng, 0.3))
    {
      CpAgreement before = { s->id, cp_date_make (a.start.year - 3, 1, 1),
                             cp_date_make (a.start.year - 1, 12, 31) };
      if (!_cp_staff_store_put_agreement (store, &before, error))
        return FALSE;
    }
  return _cp_staff_store_put_agreement (store, &a, error);
}

/* Inserts @p; an identity number drawn twice (the same day and sequence) takes the next
 * sequence of the same gender, in a fixed order. */
static gboolean
insert_person (CpStore *store, Person *p, GError **error)
{
  const char *digits = p->id_number + 14;
  int sequence = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');

  for (guint attempt = 0; attempt < 500; attempt++)
    {
      int inserted = _cp_staff_store_try_insert (store, &p->staff, error);
      if (inserted != 0)
        return inserted > 0;
      sequence = (sequence + 2) % 1000;
      format_id_number (p, sequence);
    }
  return cp_set_error (error, CP_ERROR_FAILED, "no free identity number for the sample");
}

/* Private API */

gboolean
_cp_staff_sample_write_community (CpStore *store, CpSampleCommunity *c, GError **error)
{
  static gsize params_ready = 0;
  static CpPayParams params;
  CpSampleRng *rng = &c->rng;
  Person people[MAX_PEOPLE];
  guint n = 0;

  if (g_once_init_enter (&params_ready))
    {
      cp_pay_params_init_default (&params, FIRST_LEVEL_YEAR);
      g_once_init_leave (&params_ready, 1);
    }
  gboolean urban = c->kind == CP_COMMUNITY_URBAN;
  int members = _cp_sample_rng_int (rng, 2, 4);
  int workers = urban ? _cp_sample_rng_int (rng, 2, 4) : _cp_sample_rng_int (rng, 1, 3);
  int welfare = _cp_sample_rng_chance (rng, urban ? 0.6 : 0.4) ? _cp_sample_rng_int (rng, 1, 2)
                                                                : 0;

  draw_person (rng, &people[n++], CP_POST_HEAD, c);
  for (int i = 0; i < members; i++)
    draw_person (rng, &people[n++], CP_POST_MEMBER, c);
  for (int i = 0; i < workers; i++)
    draw_person (rng, &people[n++], CP_POST_STAFF, c);
  for (int i = 0; i < welfare; i++)
    draw_person (rng, &people[n++], CP_POST_WELFARE, c);
  qsort (people, n, sizeof people[0], compare_people);

  for (guint i = 0; i < n; i++)
    {
      Person *p = &people[i];
      p->staff.community_id = c->id;
      p->staff.id_number = p->id_number;
      if (!insert_person (store, p, error)
          || (cp_post_has_levels (p->staff.post)
              && !write_career (store, rng, &params, p, error))
          || !write_agreement (store, rng, p, error))
        return FALSE;
    }
  return TRUE;
}
