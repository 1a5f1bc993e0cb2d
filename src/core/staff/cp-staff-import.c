/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Staff from CSV: the roster (a row is a person, identified by the identity number; a known one
 * is updated), annual grades of people on the roster, and the pay parameters of a year (with the
 * facility standards, which the same file may set). How a row is checked and written. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cp-facility-store.h"
#include "cp-import.h"
#include "cp-region-store.h"
#include "cp-region.h"
#include "cp-staff-import.h"
#include "cp-staff-store-private.h"
#include "cp-staff-store.h"
#include "cp-text.h"

/* The monthly special additional deduction, in yuan. */
#define DEDUCTION_MAX_YUAN ((double) (CP_SPECIAL_DEDUCTION_MAX_FEN / 100))
/* Where standards set by a parameters file say they come from (data, in Chinese like the rest). */
#define IMPORTED_STANDARDS_SOURCE "参数表导入"

enum
{
  S_COMMUNITY,
  S_ID_NUMBER,
  S_NAME,
  S_POST,
  S_ROLE,
  S_EDUCATION,
  S_QUALIFICATION,
  S_WORK_START,
  S_SERVICE_START,
  S_LEVEL,
  S_YEAR,
  S_STATUS,
  S_STATUS_DATE,
  S_GRID_ROLE,
  S_PHONE,
  S_AGREEMENT_START,
  S_AGREEMENT_END,
  S_DEDUCTION,
  N_S
};

static const CpImportColumn staff_columns[N_S] = {
  { "community", "社区", N_("community"),
    N_("the code of a community in the database (import the communities first)"), TRUE },
  { "id_number", "身份证号", N_("identity number"),
    N_("the 18-character identity number, e.g. 22028119800101011X"), TRUE },
  { "name", "姓名", N_("name"), N_("the person's name, at most 50 characters"), TRUE, TRUE },
  { "post", "岗位", N_("post"), NULL, TRUE },
  { "role", "职务", N_("role"), N_("the role, at most 50 characters, e.g. 党组织书记"), FALSE },
  { "education", "学历", N_("education"), NULL, TRUE },
  { "qualification", "职业资格", N_("qualification"), NULL, FALSE },
  { "work_start", "参加工作时间", N_("work start"), N_("a date such as 2010-07 or 2010-07-01"),
    TRUE },
  { "service_start", "社区工作起始时间", N_("community service start"),
    N_("a date such as 2015-03 or 2015-03-01"), TRUE },
  { "level", "等级", N_("level"), N_("a level of the post, 1 to 18, or nothing"), FALSE },
  { "year", "年份", N_("year"), N_("the year the level holds from, or nothing for this year"),
    FALSE },
  { "status", "状态", N_("status"), NULL, FALSE },
  { "status_date", "状态日期", N_("status date"),
    N_("the day the person left or retired, e.g. 2025-06-30"), FALSE },
  { "grid_role", "网格职务", N_("grid role"), NULL, FALSE },
  { "phone", "电话", N_("phone"), N_("a phone number, at most 20 characters"), FALSE },
  { "agreement_start", "协议起始", N_("agreement start"),
    N_("the first day of the service agreement, e.g. 2024-01-01"), FALSE },
  { "agreement_end", "协议终止", N_("agreement end"),
    N_("the last day of the service agreement, or nothing when open-ended"), FALSE },
  { "special_deduction_yuan", "专项附加扣除", N_("special additional deduction"),
    N_("yuan a month, 0 or more"), FALSE },
};

enum
{
  G_ID_NUMBER,
  G_YEAR,
  G_GRADE,
  N_G
};

static const CpImportColumn grade_columns[N_G] = {
  { "id_number", "身份证号", N_("identity number"),
    N_("the identity number of a person on the roster (import the staff first)"), TRUE },
  { "year", "年份", N_("year"), N_("the year assessed, e.g. 2025"), TRUE },
  { "grade", "等次", N_("grade"), NULL, TRUE },
};

enum
{
  P_YEAR,
  P_KEY,
  P_VALUE,
  N_P
};

static const CpImportColumn parameter_columns[N_P] = {
  { "year", "年份", N_("year"), N_("the year the value holds from, e.g. 2026"), TRUE },
  { "key", "参数", N_("parameter"),
    N_("a parameter's key, e.g. reference_wage_yuan, level_coefficient.7, rate.pension.employer "
       "or area_per_100_households_m2"),
    TRUE },
  { "value", "数值", N_("value"), N_("a number in the parameter's range"), TRUE },
};

/* The facility standards a parameters file may set, after the pay parameters. */
typedef enum
{
  STANDARD_AREA = CP_N_PAY_PARAMS,
  STANDARD_RURAL_BUILDING,
  STANDARD_SERVICE_SHARE,
  N_KEYS
} StandardKey;

static const struct
{
  const char *key;
  double min, max;
  gboolean min_excluded;
} standard_keys[] = {
  [STANDARD_AREA - CP_N_PAY_PARAMS] = { "area_per_100_households_m2", 0,
                                        CP_STANDARDS_AREA_PER_100_MAX_M2, TRUE },
  [STANDARD_RURAL_BUILDING - CP_N_PAY_PARAMS] = { "rural_building_min_m2", 0,
                                                  CP_STANDARDS_RURAL_BUILDING_MAX_M2, FALSE },
  [STANDARD_SERVICE_SHARE - CP_N_PAY_PARAMS] = { "service_share_min", 0, 1, FALSE },
};

/* Auxiliary: what an import keeps while it runs */

typedef struct
{
  CpDate today;
  int this_year;
  GHashTable *params;    /* year → CpPayParams in force (staff) */
  GHashTable *last_rows; /* year → the last row that set a value of it (parameters) */
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_hash_table_unref (d->params);
  g_hash_table_unref (d->last_rows);
  g_free (d);
}

static ImportData *
import_data (CpImport *imp)
{
  ImportData *d = cp_import_get_data (imp);

  if (d != NULL)
    return d;
  d = g_new0 (ImportData, 1);
  d->today = cp_date_today ();
  d->this_year = d->today.year;
  d->params = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  d->last_rows = g_hash_table_new (NULL, NULL);
  cp_import_set_data (imp, d, import_data_free);
  return d;
}

/* The parameters in force in @year, read once an import; NULL when the store failed (the
 * import then stops with its error, added as a problem of the row). */
static const CpPayParams *
params_of_year (CpImport *imp, guint row, int column, int year)
{
  ImportData *d = import_data (imp);
  CpPayParams *params = g_hash_table_lookup (d->params, GINT_TO_POINTER (year));
  g_autoptr (GError) error = NULL;

  if (params != NULL)
    return params;
  params = g_new (CpPayParams, 1);
  if (!cp_staff_store_get_params (cp_import_get_store (imp), year, params, &error))
    {
      g_free (params);
      cp_import_add_problem (imp, row, column, "%s", error->message);
      return NULL;
    }
  g_hash_table_insert (d->params, GINT_TO_POINTER (year), params);
  return params;
}

/* Auxiliary: cells */

/* An identity number (check character, birth date) as stored: upper-case X. */
static gboolean
parse_id_number (CpImport *imp, guint row, int column, const char *text, char **out)
{
  g_autoptr (GError) error = NULL;

  if (!cp_import_parse_code (imp, row, column, text, CP_ID_NUMBER_LENGTH * 4, out))
    return FALSE;
  if (!cp_id_number_check (*out, import_data (imp)->today, NULL, NULL, &error))
    {
      g_autofree char *value = cp_text_quote (*out, -1);
      return cp_import_add_problem (imp, row, column, _("identity number “%s”: %s"), value,
                                    error->message);
    }
  char *upper = g_ascii_strup (*out, -1);
  g_free (*out);
  *out = upper;
  return TRUE;
}

/* A date, not after today; an empty optional cell leaves no date. */
static gboolean
parse_date (CpImport *imp, guint row, int column, const char *text, const char *display,
            gboolean required, CpDate *out)
{
  *out = CP_DATE_NONE;
  if (text == NULL || *text == '\0')
    {
      if (!required || text == NULL)
        return !required;
      return cp_import_add_problem (imp, row, column,
                                    _("%s is empty; enter a date such as 2020-03-15"), display);
    }
  g_autofree char *value = cp_text_quote (text, -1);
  if (!cp_date_parse (text, out))
    return cp_import_add_problem (imp, row, column,
                                  _("%s “%s” is not a date; enter a day such as 2020-03-15 or a "
                                    "month such as 2020-03"),
                                  display, value);
  CpDate today = import_data (imp)->today;
  if (cp_date_compare (*out, today) > 0)
    {
      g_autofree char *today_text = cp_date_format (today);
      return cp_import_add_problem (imp, row, column,
                                    _("%s “%s” lies in the future; enter a date up to today "
                                      "(%s)"),
                                    display, value, today_text);
    }
  return TRUE;
}

/* A choice of an optional column: an empty cell (or none) leaves @fallback. */
static gboolean
parse_optional_choice (CpImport *imp, guint row, int column, const char *text,
                       const CpVocabulary *vocabulary, guint n, int fallback, int *out)
{
  *out = fallback;
  if (text == NULL || *text == '\0')
    return TRUE;
  return cp_import_parse_choice (imp, row, column, text, vocabulary, n, out);
}

/* Staff */

typedef struct
{
  CpStaff staff;
  int year;
  int level;       /* given in the file; 0: none */
  int entry_level; /* for the year, when the person has no level yet */
  CpAgreement agreement; /* start: no date when the row has none */
} StaffItem;

static void
staff_item_clear (gpointer item)
{
  cp_staff_clear (&((StaffItem *) item)->staff);
}

static gboolean
parse_staff_community (CpImport *imp, guint row, const char *text, gint64 *out)
{
  g_autofree char *code = NULL;

  if (!cp_import_parse_code (imp, row, S_COMMUNITY, text, CP_REGION_CODE_MAX_CHARS, &code))
    return FALSE;
  *out = cp_import_lookup_id (imp, code, cp_region_store_find_community);
  if (*out == 0)
    return cp_import_add_problem (imp, row, S_COMMUNITY,
                                  _("unknown community “%s”: use the code of a community in the "
                                    "database (import the communities first)"),
                                  code);
  return TRUE;
}

static gboolean
parse_staff_choices (CpImport *imp, guint row, const char *const *cells, CpStaff *s)
{
  int post = 0, education = 0, qualification = 0, status = 0, grid = 0;
  gboolean ok = cp_import_parse_choice (imp, row, S_POST, cells[S_POST], cp_posts, CP_N_POSTS,
                                        &post);

  ok &= cp_import_parse_choice (imp, row, S_EDUCATION, cells[S_EDUCATION], cp_educations,
                                CP_N_EDUCATIONS, &education);
  ok &= parse_optional_choice (imp, row, S_QUALIFICATION, cells[S_QUALIFICATION],
                               cp_qualifications, CP_N_QUALIFICATIONS, CP_QUALIFICATION_NONE,
                               &qualification);
  ok &= parse_optional_choice (imp, row, S_STATUS, cells[S_STATUS], cp_staff_statuses,
                               CP_N_STAFF_STATUSES, CP_STAFF_ACTIVE, &status);
  ok &= parse_optional_choice (imp, row, S_GRID_ROLE, cells[S_GRID_ROLE], cp_grid_roles,
                               CP_N_GRID_ROLES, CP_GRID_NONE, &grid);
  s->post = post;
  s->education = education;
  s->qualification = qualification;
  s->status = status;
  s->grid_role = grid;
  return ok;
}

static gboolean
parse_staff_dates (CpImport *imp, guint row, const char *const *cells, StaffItem *item)
{
  CpStaff *s = &item->staff;
  gboolean ok = parse_date (imp, row, S_WORK_START, cells[S_WORK_START], _("work start"), TRUE,
                            &s->work_start);

  ok &= parse_date (imp, row, S_SERVICE_START, cells[S_SERVICE_START],
                    _("community service start"), TRUE, &s->service_start);
  ok &= parse_date (imp, row, S_STATUS_DATE, cells[S_STATUS_DATE], _("status date"), FALSE,
                    &s->status_date);
  ok &= parse_date (imp, row, S_AGREEMENT_START, cells[S_AGREEMENT_START], _("agreement start"),
                    FALSE, &item->agreement.start);
  /* An agreement may end in the future. */
  CpDate end = CP_DATE_NONE;
  const char *end_text = cells[S_AGREEMENT_END];
  if (end_text != NULL && *end_text != '\0' && !cp_date_parse (end_text, &end))
    {
      g_autofree char *value = cp_text_quote (end_text, -1);
      ok = cp_import_add_problem (imp, row, S_AGREEMENT_END,
                                  _("agreement end “%s” is not a date; enter a day such as "
                                    "2026-12-31, or nothing when the agreement is open-ended"),
                                  value);
    }
  item->agreement.end = end;
  return ok;
}

/* What the dates say together: the status date for 离职/退休 only, an agreement's end after
 * its start and never without a start. */
static gboolean
check_staff_dates (CpImport *imp, guint row, const StaffItem *item)
{
  const CpStaff *s = &item->staff;

  if (s->status == CP_STAFF_ACTIVE && cp_date_is_set (s->status_date))
    return cp_import_add_problem (imp, row, S_STATUS_DATE,
                                  _("a person on duty (在岗) has no status date; clear it, or set "
                                    "the status to 离职 or 退休"));
  if (s->status != CP_STAFF_ACTIVE && !cp_date_is_set (s->status_date))
    return cp_import_add_problem (imp, row, S_STATUS_DATE,
                                  _("status date is empty; enter the day the person left or "
                                    "retired"));
  if (cp_date_is_set (item->agreement.end) && !cp_date_is_set (item->agreement.start))
    return cp_import_add_problem (imp, row, S_AGREEMENT_START,
                                  _("the agreement has an end but no start; enter its first "
                                    "day"));
  if (cp_date_is_set (item->agreement.end)
      && cp_date_compare (item->agreement.end, item->agreement.start) < 0)
    return cp_import_add_problem (imp, row, S_AGREEMENT_END,
                                  _("the agreement ends before it starts; enter an end on or "
                                    "after the start"));
  return TRUE;
}

static gboolean
parse_deduction (CpImport *imp, guint row, const char *text, gint64 *out_fen)
{
  g_autoptr (GError) error = NULL;
  double yuan = 0;

  *out_fen = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  g_autofree char *value = cp_text_quote (text, -1);
  if (!cp_parse_number (text, CP_NUMBER_DECIMAL, &yuan, &error))
    return cp_import_add_problem (imp, row, S_DEDUCTION, _("special additional deduction “%s” %s"),
                                  value, error->message);
  if (yuan < 0 || yuan > DEDUCTION_MAX_YUAN)
    return cp_import_add_problem (imp, row, S_DEDUCTION,
                                  _("special additional deduction “%s” is outside 0 to %.0f yuan "
                                    "a month"),
                                  value, DEDUCTION_MAX_YUAN);
  *out_fen = cp_money_round_fen (yuan * 100);
  return TRUE;
}

/* The level of the row's year, checked against the post's range of that year; the entry level
 * for a person without one. */
static gboolean
parse_staff_level (CpImport *imp, guint row, const char *const *cells, StaffItem *item)
{
  ImportData *d = import_data (imp);
  gint64 level = 0;
  g_autoptr (GError) error = NULL;

  item->year = d->this_year;
  if (!cp_import_parse_year (imp, row, S_YEAR, cells[S_YEAR], &item->year)
      || !cp_import_parse_count (imp, row, S_LEVEL, cells[S_LEVEL], CP_LEVEL_MAX * 100, &level))
    return FALSE;
  const CpPayParams *params = params_of_year (imp, row, S_LEVEL, item->year);
  if (params == NULL)
    return FALSE;
  if (level != 0 && !cp_post_check_level (params, item->staff.post, (int) level, &error))
    return cp_import_add_problem (imp, row, S_LEVEL, _("in %d: %s"), item->year,
                                  error->message);
  item->level = (int) level;
  item->entry_level = cp_staff_entry_level (params, item->staff.post, item->staff.education,
                                            item->staff.qualification,
                                            item->staff.service_start, item->year);
  return TRUE;
}

static gboolean
check_unique_id_number (CpImport *imp, guint row, const char *id_number)
{
  guint earlier = cp_import_first_row (imp, id_number, strlen (id_number), row);

  if (earlier != 0)
    {
      g_autofree char *masked = cp_id_number_mask (id_number);
      return cp_import_add_problem (imp, row, S_ID_NUMBER,
                                    _("identity number %s also on row %u; a person takes one "
                                      "row"),
                                    masked, earlier);
    }
  return TRUE;
}

static gboolean
parse_staff (CpImport *imp, guint row, const char *const *cells, gpointer data)
{
  StaffItem *item = data;
  CpStaff *s = &item->staff;
  gboolean ok = parse_staff_community (imp, row, cells[S_COMMUNITY], &s->community_id);

  ok &= parse_id_number (imp, row, S_ID_NUMBER, cells[S_ID_NUMBER], &s->id_number);
  ok &= cp_import_parse_text (imp, row, S_NAME, cells[S_NAME], CP_STAFF_NAME_MAX_CHARS,
                              &s->name);
  /* Optional texts: a file may have no such column. */
  if (cells[S_ROLE] != NULL)
    ok &= cp_import_parse_text (imp, row, S_ROLE, cells[S_ROLE], CP_STAFF_ROLE_MAX_CHARS,
                                &s->role);
  if (cells[S_PHONE] != NULL)
    ok &= cp_import_parse_text (imp, row, S_PHONE, cells[S_PHONE], CP_STAFF_PHONE_MAX_CHARS,
                                &s->phone);
  ok &= parse_staff_choices (imp, row, cells, s);
  ok &= parse_staff_dates (imp, row, cells, item);
  ok &= parse_deduction (imp, row, cells[S_DEDUCTION], &s->special_deduction_fen);
  if (s->id_number != NULL)
    ok &= check_unique_id_number (imp, row, s->id_number);
  if (!ok)
    return FALSE;
  if (s->role == NULL)
    s->role = g_strdup ("");
  if (s->phone == NULL)
    s->phone = g_strdup ("");
  if (!check_staff_dates (imp, row, item) || !parse_staff_level (imp, row, cells, item))
    return FALSE;

  /* The rules of the roster, for what the checks above do not say (dates before the birth). */
  g_autoptr (GError) invalid = NULL;
  if (!cp_staff_validate (s, import_data (imp)->today, &invalid))
    return cp_import_add_problem (imp, row, S_ID_NUMBER, "%s", invalid->message);
  return TRUE;
}

static gboolean
write_staff (CpStore *store, gpointer data, GError **error)
{
  StaffItem *item = data;
  CpStaff *s = &item->staff;
  g_autoptr (GError) local = NULL;
  gboolean has_level = FALSE;

  /* A known identity number: that person is updated. */
  s->id = cp_staff_store_find (store, s->id_number, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!_cp_staff_store_write (store, s, error))
    return FALSE;
  item->agreement.staff_id = s->id;
  if (item->level != 0
      && !_cp_staff_store_put_level (store, s->id, item->year, item->level, error))
    return FALSE;
  /* Without a level: the entry level of the year, for a person who has none yet. */
  if (item->level == 0 && item->entry_level > 0
      && (!_cp_staff_store_has_level (store, s->id, item->year, &has_level, error)
          || (!has_level
              && !_cp_staff_store_put_level (store, s->id, item->year, item->entry_level,
                                             error))))
    return FALSE;
  return !cp_date_is_set (item->agreement.start)
         || _cp_staff_store_put_agreement (store, &item->agreement, error);
}

/* Grades */

typedef struct
{
  gint64 staff_id;
  int year;
  CpGrade grade;
} GradeItem;

static gboolean
parse_grade (CpImport *imp, guint row, const char *const *cells, gpointer data)
{
  GradeItem *item = data;
  g_autofree char *id_number = NULL;
  int grade = 0;
  gboolean ok = parse_id_number (imp, row, G_ID_NUMBER, cells[G_ID_NUMBER], &id_number);

  ok &= cp_import_parse_year (imp, row, G_YEAR, cells[G_YEAR], &item->year);
  /* The four grades; "none" is no grade to import. */
  ok &= cp_import_parse_choice (imp, row, G_GRADE, cells[G_GRADE], cp_grades + 1,
                                CP_N_GRADES - 1, &grade);
  item->grade = grade + 1;
  if (id_number == NULL)
    return FALSE;
  item->staff_id = cp_import_lookup_id (imp, id_number, cp_staff_store_find);
  g_autofree char *masked = cp_id_number_mask (id_number);
  if (item->staff_id == 0)
    return cp_import_add_problem (imp, row, G_ID_NUMBER,
                                  _("identity number %s is not on the roster; import the staff "
                                    "first"),
                                  masked);
  if (!ok)
    return FALSE;
  char key[CP_ID_NUMBER_LENGTH + 8];
  int length = g_snprintf (key, sizeof key, "%s\x1f%d", id_number, item->year);
  guint earlier = cp_import_first_row (imp, key, MIN ((gsize) length, sizeof key - 1), row);
  if (earlier != 0)
    return cp_import_add_problem (imp, row, G_YEAR,
                                  _("the grade of %s in %d is also on row %u"), masked,
                                  item->year, earlier);
  return TRUE;
}

static gboolean
write_grade (CpStore *store, gpointer data, GError **error)
{
  GradeItem *item = data;

  return _cp_staff_store_put_grade (store, item->staff_id, item->year, item->grade, error);
}

/* Parameters */

typedef struct
{
  int year;
  int key; /* a CpPayParam, or a StandardKey */
  double value;
} ParameterItem;

static int
lookup_key (const char *text)
{
  int param = cp_pay_param_lookup (text);

  if (param >= 0)
    return param;
  for (guint i = 0; i < G_N_ELEMENTS (standard_keys); i++)
    if (g_ascii_strcasecmp (text, standard_keys[i].key) == 0)
      return CP_N_PAY_PARAMS + (int) i;
  return -1;
}

static gboolean
parse_standard_value (CpImport *imp, guint row, int key, const char *text, double *out)
{
  g_autoptr (GError) error = NULL;
  const char *name = standard_keys[key - CP_N_PAY_PARAMS].key;
  double min = standard_keys[key - CP_N_PAY_PARAMS].min;
  double max = standard_keys[key - CP_N_PAY_PARAMS].max;
  g_autofree char *value = cp_text_quote (text, -1);

  if (!cp_parse_number (text, CP_NUMBER_DECIMAL, out, &error))
    return cp_import_add_problem (imp, row, P_VALUE, _("%s: “%s” %s"), name, value,
                                  error->message);
  if (*out < min || *out > max || (standard_keys[key - CP_N_PAY_PARAMS].min_excluded
                                   && *out <= min))
    return cp_import_add_problem (imp, row, P_VALUE,
                                  standard_keys[key - CP_N_PAY_PARAMS].min_excluded
                                      ? _("%s: %s is outside its range, more than %g up to %g")
                                      : _("%s: %s is outside its range, %g to %g"),
                                  name, value, min, max);
  return TRUE;
}

static gboolean
parse_parameter (CpImport *imp, guint row, const char *const *cells, gpointer data)
{
  ParameterItem *item = data;
  g_autoptr (GError) error = NULL;
  gboolean ok = cp_import_parse_year (imp, row, P_YEAR, cells[P_YEAR], &item->year);

  if (cells[P_KEY] == NULL || cells[P_VALUE] == NULL)
    return FALSE;
  item->key = lookup_key (cells[P_KEY]);
  if (item->key < 0)
    {
      g_autofree char *key = cp_text_quote (cells[P_KEY], -1);
      return cp_import_add_problem (imp, row, P_KEY,
                                    _("unknown parameter “%s”: use a key such as "
                                      "reference_wage_yuan, level_coefficient.7, "
                                      "rate.pension.employer or area_per_100_households_m2"),
                                    key);
    }
  if (*cells[P_VALUE] == '\0')
    return cp_import_add_problem (imp, row, P_VALUE, _("value is empty; enter %s"),
                                  _(parameter_columns[P_VALUE].hint));
  if (item->key < CP_N_PAY_PARAMS
      && !cp_pay_param_parse_value (item->key, cells[P_VALUE], &item->value, &error))
    return cp_import_add_problem (imp, row, P_VALUE, "%s", error->message);
  if (item->key >= CP_N_PAY_PARAMS
      && !parse_standard_value (imp, row, item->key, cells[P_VALUE], &item->value))
    return FALSE;
  if (!ok)
    return FALSE;

  const char *name = item->key < CP_N_PAY_PARAMS
                         ? cp_pay_params_info[item->key].key
                         : standard_keys[item->key - CP_N_PAY_PARAMS].key;
  char key[96];
  int length = g_snprintf (key, sizeof key, "%d\x1f%s", item->year, name);
  guint earlier = cp_import_first_row (imp, key, MIN ((gsize) length, sizeof key - 1), row);
  if (earlier != 0)
    return cp_import_add_problem (imp, row, P_KEY, _("%s of %d is also on row %u"), name,
                                  item->year, earlier);
  g_hash_table_insert (import_data (imp)->last_rows, GINT_TO_POINTER (item->year),
                       GUINT_TO_POINTER (row));
  return TRUE;
}

static gboolean
write_standard (CpStore *store, const ParameterItem *item, GError **error)
{
  CpStandards standards;

  if (!cp_facility_store_get_standards (store, item->year, &standards, NULL, error))
    return FALSE;
  standards.year = item->year;
  if (item->key == STANDARD_AREA)
    standards.area_per_100_households_m2 = item->value;
  else if (item->key == STANDARD_RURAL_BUILDING)
    standards.rural_building_min_m2 = item->value;
  else
    standards.service_share_min = item->value;
  return cp_facility_store_set_standards (store, &standards, IMPORTED_STANDARDS_SOURCE, error);
}

static gboolean
write_parameter (CpStore *store, gpointer data, GError **error)
{
  ParameterItem *item = data;

  if (item->key >= CP_N_PAY_PARAMS)
    return write_standard (store, item, error);
  return _cp_staff_store_put_param (store, item->year, item->key, item->value, error);
}

static int
compare_years (gconstpointer a, gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

/* Each year of the file (and every later year with values of its own) checked as a whole once
 * everything is written: a problem on the year's last row. */
static gboolean
finish_parameters (CpImport *imp, GError **error)
{
  ImportData *d = import_data (imp);
  g_autoptr (GList) years = g_hash_table_get_keys (d->last_rows);

  years = g_list_sort (years, compare_years);
  for (GList *l = years; l != NULL; l = l->next)
    {
      int year = GPOINTER_TO_INT (l->data);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (d->last_rows, l->data));
      g_autoptr (GError) invalid = NULL;
      if (_cp_staff_store_check_params_from (cp_import_get_store (imp), year, &invalid))
        continue;
      if (!g_error_matches (invalid, CP_ERROR, CP_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&invalid));
          return FALSE;
        }
      cp_import_add_problem (imp, row, P_VALUE, _("the parameters do not fit together: %s"),
                             invalid->message);
    }
  return TRUE;
}

static const CpImportKind staff_kind = {
  .key = "staff",
  .zh_label = "社工岗人员",
  .display = N_("Community staff"),
  .domain = "staff",
  .columns = staff_columns,
  .n_columns = N_S,
  .item_size = sizeof (StaffItem),
  .clear_item = staff_item_clear,
  .parse_row = parse_staff,
  .write_item = write_staff,
};

static const CpImportKind grades_kind = {
  .key = "grades",
  .zh_label = "年度考核等次",
  .display = N_("Annual grades"),
  .domain = "staff",
  .columns = grade_columns,
  .n_columns = N_G,
  .item_size = sizeof (GradeItem),
  .parse_row = parse_grade,
  .write_item = write_grade,
};

static const CpImportKind parameters_kind = {
  .key = "parameters",
  .zh_label = "参数",
  .display = N_("Pay parameters and standards"),
  .domain = "staff",
  .columns = parameter_columns,
  .n_columns = N_P,
  .item_size = sizeof (ParameterItem),
  .parse_row = parse_parameter,
  .write_item = write_parameter,
  .finish = finish_parameters,
};

/* Public API */

void
cp_staff_import_register (void)
{
  cp_import_register (&staff_kind);
  cp_import_register (&grades_kind);
  cp_import_register (&parameters_kind);
}
