/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cp-staff-store-private.h"
#include "cp-staff-store.h"
#include "cp-store-private.h"

/* The columns of one person in a year (STAFF_ROW_SELECT), in order. */
enum
{
  R_ID,
  R_COMMUNITY_ID,
  R_ID_NUMBER,
  R_NAME,
  R_POST,
  R_ROLE,
  R_EDUCATION,
  R_QUALIFICATION,
  R_WORK_START,
  R_SERVICE_START,
  R_STATUS,
  R_STATUS_DATE,
  R_GRID_ROLE,
  R_PHONE,
  R_DEDUCTION,
  R_TOWNSHIP_ID,
  R_TOWNSHIP_CODE,
  R_TOWNSHIP,
  R_COMMUNITY_CODE,
  R_COMMUNITY,
  R_LEVELS,
  R_GRADE,
  R_PREVIOUS_GRADE,
  R_AGREEMENT,
};

#define STAFF_COLUMNS                                                                              \
  "s.id, s.community_id, s.id_number, s.name, s.post, s.role, s.education, s.qualification, "     \
  "s.work_start, s.service_start, s.status, s.status_date, s.grid_role, s.phone, "                \
  "s.special_deduction_fen"

/* One person in the year :year, everything the rules need, by index seeks only: the levels
 * recorded at or before the year (year × 100 + level, comma-separated: the run of equal levels
 * that ends at the latest is worked out in C), the grades of the year and the year before, the
 * latest agreement ("start end", end empty when open-ended). */
#define STAFF_ROW_SELECT                                                                           \
  "SELECT " STAFF_COLUMNS ", t.id, t.code, t.name, c.code, c.name, "                              \
  "(SELECT group_concat (l.year * 100 + l.level) FROM staff_level l "                             \
  "  WHERE l.staff_id = s.id AND l.year <= :year), "                                              \
  "(SELECT g.grade FROM staff_grade g WHERE g.staff_id = s.id AND g.year = :year), "              \
  "(SELECT g.grade FROM staff_grade g WHERE g.staff_id = s.id AND g.year = :year - 1), "          \
  "(SELECT a.start_date || ' ' || coalesce (a.end_date, '') FROM staff_agreement a "              \
  "  WHERE a.staff_id = s.id ORDER BY a.start_date DESC LIMIT 1) "

/* The planner's choice: by an id, or for a search (the last 4 digits by their index). */
#define FROM_JOIN                                                                                  \
  " FROM township t JOIN community c ON c.township_id = t.id JOIN staff s ON s.community_id = c.id"
/* In natural order, the tables in this order (CROSS JOIN fixes it): townships by code, their
 * communities by code (community_township), their staff by post and identity number
 * (staff_roster), so that the rows come in order as they are read: the roster is never
 * sorted. */
#define FROM_NATURAL                                                                               \
  " FROM township t CROSS JOIN community c ON c.township_id = t.id "                              \
  "CROSS JOIN staff s ON s.community_id = c.id"

/* Township code, community code, post, identity number. c.id changes nothing (community codes
 * are unique) but tells SQLite that each community's people come in the order of staff_roster:
 * without it, it sorts every community's people again. */
#define NATURAL_ORDER "t.code, c.code, c.id, s.post, s.id_number"

/* Auxiliary: values */

/* The index of @key in @vocabulary (keys as the database stores them), or @fallback. */
static int
key_index (const CpVocabulary *vocabulary, guint n, const char *key, int fallback)
{
  if (key == NULL)
    return fallback;
  for (guint i = 0; i < n; i++)
    if (strcmp (vocabulary[i].key, key) == 0)
      return (int) i;
  return fallback;
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static int
digits (const char *text, int n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

/* "YYYY-MM-DD" as the database stores it (CHECK (date(x) IS x)); no date for anything else. */
static CpDate
date_from_text (const char *text)
{
  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return CP_DATE_NONE;
  CpDate date = { digits (text, 4), digits (text + 5, 2), digits (text + 8, 2) };
  if (date.year <= 0 || date.month <= 0 || date.day <= 0)
    return CP_DATE_NONE;
  return date;
}

static void
bind_date (sqlite3_stmt *stmt, int index, CpDate date)
{
  char text[16];

  if (!cp_date_is_set (date))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static int
param_index (sqlite3_stmt *stmt, const char *name)
{
  return sqlite3_bind_parameter_index (stmt, name);
}

/* Binds @value to the parameter @name when the statement has it. */
static void
bind_named_int64 (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  int index = param_index (stmt, name);
  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_named_text (sqlite3_stmt *stmt, const char *name, const char *value)
{
  int index = param_index (stmt, name);
  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* The identity number as stored: upper-case X. */
static char *
normalized_id_number (const char *text)
{
  return g_ascii_strup (text != NULL ? text : "", -1);
}

/* Birth date (characters 7–14) and gender (the 17th digit, odd for men) of a stored number. */
static void
id_number_person (const char *id, CpDate *out_birth, CpGender *out_gender)
{
  *out_birth = CP_DATE_NONE;
  *out_gender = CP_GENDER_FEMALE;
  if (id == NULL || strlen (id) != CP_ID_NUMBER_LENGTH)
    return;
  CpDate birth = { digits (id + 6, 4), digits (id + 10, 2), digits (id + 12, 2) };
  if (birth.year > 0 && birth.month > 0 && birth.day > 0)
    *out_birth = birth;
  *out_gender = g_ascii_isdigit (id[16]) && (id[16] - '0') % 2 == 1 ? CP_GENDER_MALE
                                                                      : CP_GENDER_FEMALE;
}

/* Auxiliary: transactions */

gboolean
_cp_staff_store_begin (CpStore *store, gboolean *out_own, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  *out_own = sqlite3_get_autocommit (_cp_store_get_db (store)) != 0;
  if (*out_own)
    return cp_store_begin (store, error);
  if (sqlite3_exec (_cp_store_get_db (store), "SAVEPOINT cp_staff", NULL, NULL, NULL) != SQLITE_OK)
    return cp_store_set_sqlite_error (store, _("Cannot start writing to the database"), error);
  return TRUE;
}

gboolean
_cp_staff_store_end (CpStore *store, gboolean own, gboolean ok, GError **error)
{
  sqlite3 *db = _cp_store_get_db (store);

  if (own)
    {
      if (ok && cp_store_commit (store, error))
        return TRUE;
      cp_store_rollback (store);
      return FALSE;
    }
  if (ok && sqlite3_exec (db, "RELEASE cp_staff", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  if (ok)
    cp_store_set_sqlite_error (store, _("Cannot save the changes"), error);
  sqlite3_exec (db, "ROLLBACK TO cp_staff; RELEASE cp_staff", NULL, NULL, NULL);
  return FALSE;
}

/* Pay parameters */

gboolean
cp_staff_store_get_params (CpStore *store, int year, CpPayParams *out, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT key, year, value FROM pay_parameter WHERE year <= ?1 ORDER BY year", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  cp_pay_params_init_default (out, year);
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Keys this version does not know (a later version's) are left alone. */
      int param = cp_pay_param_lookup ((const char *) sqlite3_column_text (stmt, 0));
      if (param < 0)
        continue;
      out->from_year[param] = sqlite3_column_int (stmt, 1);
      out->value[param] = sqlite3_column_double (stmt, 2);
    }
  cp_store_release (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the pay parameters"), error);
  return TRUE;
}

gboolean
_cp_staff_store_put_param (CpStore *store, int year, CpPayParam param, double value,
                           GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO pay_parameter (year, key, value) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (year, key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, cp_pay_params_info[param].key, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, value);
  return _cp_store_step_cached (store, stmt, _("Cannot save the pay parameters"), error);
}

gboolean
_cp_staff_store_check_params_from (CpStore *store, int year, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT DISTINCT year FROM pay_parameter WHERE year > ?1 ORDER BY year", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_append_val (years, year);
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int later = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, later);
    }
  cp_store_release (stmt);
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the pay parameters"), error);

  /* The parameters of any year are those of the latest of these at or before it. */
  for (guint i = 0; i < years->len; i++)
    {
      CpPayParams params;
      g_autoptr (GError) invalid = NULL;
      int y = g_array_index (years, int, i);
      if (!cp_staff_store_get_params (store, y, &params, error))
        return FALSE;
      if (!cp_pay_params_validate (&params, &invalid))
        return cp_set_error (error, CP_ERROR_INVALID, _("The pay parameters of %d: %s"), y,
                             invalid->message);
    }
  return TRUE;
}

static gboolean
check_param_value (CpPayParam param, double value, GError **error)
{
  const CpPayParamInfo *info = &cp_pay_params_info[param];

  if (value >= info->min && value <= info->max && (!info->whole || value == (gint64) value))
    return TRUE;
  return cp_set_error (error, CP_ERROR_INVALID,
                       info->whole ? _("%s (%s) is %g; enter a whole number from %g to %g")
                                   : _("%s (%s) is %g; enter a number from %g to %g"),
                       _(info->display), info->key, value, info->min, info->max);
}

gboolean
cp_staff_store_set_param (CpStore *store, int year, CpPayParam param, double value,
                          GError **error)
{
  gboolean own;

  g_return_val_if_fail ((guint) param < CP_N_PAY_PARAMS, FALSE);
  if (!check_param_value (param, value, error) || !_cp_staff_store_begin (store, &own, error))
    return FALSE;
  gboolean ok = _cp_staff_store_put_param (store, year, param, value, error)
                && _cp_staff_store_check_params_from (store, year, error);
  return _cp_staff_store_end (store, own, ok, error);
}

gboolean
cp_staff_store_set_params (CpStore *store, const CpPayParams *params, GError **error)
{
  CpPayParams in_force;
  gboolean own;

  g_return_val_if_fail (params != NULL, FALSE);
  if (!cp_pay_params_validate (params, error)
      || !cp_staff_store_get_params (store, params->year, &in_force, error)
      || !_cp_staff_store_begin (store, &own, error))
    return FALSE;
  gboolean ok = TRUE;
  for (guint p = 0; ok && p < CP_N_PAY_PARAMS; p++)
    if (params->value[p] != in_force.value[p])
      ok = _cp_staff_store_put_param (store, params->year, p, params->value[p], error);
  ok = ok && _cp_staff_store_check_params_from (store, params->year, error);
  return _cp_staff_store_end (store, own, ok, error);
}

gboolean
cp_staff_store_clear_param (CpStore *store, int year, CpPayParam param, GError **error)
{
  gboolean own;

  g_return_val_if_fail ((guint) param < CP_N_PAY_PARAMS, FALSE);
  if (!_cp_staff_store_begin (store, &own, error))
    return FALSE;
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "DELETE FROM pay_parameter WHERE year = ?1 AND key = ?2", error);
  gboolean ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_text (stmt, 2, cp_pay_params_info[param].key, -1, SQLITE_STATIC);
      ok = _cp_store_step_cached (store, stmt, _("Cannot save the pay parameters"), error);
    }
  ok = ok && _cp_staff_store_check_params_from (store, year, error);
  return _cp_staff_store_end (store, own, ok, error);
}

/* The roster */

/* Binds the fields of @staff to ?1 … ?14 (community … deduction). */
static void
bind_staff (sqlite3_stmt *stmt, const CpStaff *staff, const char *id_number)
{
  sqlite3_bind_int64 (stmt, 1, staff->community_id);
  sqlite3_bind_text (stmt, 2, id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, staff->name != NULL ? staff->name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, cp_posts[staff->post].key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, staff->role != NULL ? staff->role : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, cp_educations[staff->education].key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, cp_qualifications[staff->qualification].key, -1, SQLITE_STATIC);
  bind_date (stmt, 8, staff->work_start);
  bind_date (stmt, 9, staff->service_start);
  sqlite3_bind_text (stmt, 10, cp_staff_statuses[staff->status].key, -1, SQLITE_STATIC);
  bind_date (stmt, 11, staff->status == CP_STAFF_ACTIVE ? CP_DATE_NONE : staff->status_date);
  sqlite3_bind_text (stmt, 12, cp_grid_roles[staff->grid_role].key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, staff->phone != NULL ? staff->phone : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, staff->special_deduction_fen);
}

gboolean
_cp_staff_store_write (CpStore *store, CpStaff *staff, GError **error)
{
  g_autofree char *id_number = normalized_id_number (staff->id_number);
  sqlite3_stmt *stmt;

  if (staff->id == 0)
    stmt = cp_store_prepare_cached (
        store, "INSERT INTO staff (community_id, id_number, name, post, role, education, "
               "qualification, work_start, service_start, status, status_date, grid_role, phone, "
               "special_deduction_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
               "?12, ?13, ?14)", error);
  else
    stmt = cp_store_prepare_cached (
        store, "UPDATE staff SET community_id = ?1, id_number = ?2, name = ?3, post = ?4, "
               "role = ?5, education = ?6, qualification = ?7, work_start = ?8, "
               "service_start = ?9, status = ?10, status_date = ?11, grid_role = ?12, "
               "phone = ?13, special_deduction_fen = ?14 WHERE id = ?15", error);
  if (stmt == NULL)
    return FALSE;
  bind_staff (stmt, staff, id_number);
  if (staff->id != 0)
    sqlite3_bind_int64 (stmt, 15, staff->id);
  if (!_cp_store_step_cached (store, stmt, _("Cannot save the person"), error))
    return FALSE;
  if (staff->id == 0)
    staff->id = sqlite3_last_insert_rowid (_cp_store_get_db (store));
  else if (sqlite3_changes (_cp_store_get_db (store)) == 0)
    return cp_set_error (error, CP_ERROR_NOT_FOUND,
                         _("The person to update is no longer on the roster."));
  return TRUE;
}

int
_cp_staff_store_try_insert (CpStore *store, CpStaff *staff, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO staff (community_id, id_number, name, post, role, education, "
             "qualification, work_start, service_start, status, status_date, grid_role, phone, "
             "special_deduction_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
             "?12, ?13, ?14)", error);

  if (stmt == NULL)
    return -1;
  bind_staff (stmt, staff, staff->id_number);
  int rc = sqlite3_step (stmt);
  /* A failed statement is undone on its own; the transaction goes on. */
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      cp_store_release (stmt);
      return 0;
    }
  if (rc != SQLITE_DONE)
    cp_store_set_sqlite_error (store, _("Cannot save the person"), error);
  cp_store_release (stmt);
  if (rc != SQLITE_DONE)
    return -1;
  staff->id = sqlite3_last_insert_rowid (_cp_store_get_db (store));
  return 1;
}

/* Refuses @id_number when another person than @self has it, naming that person. */
static gboolean
check_id_number_free (CpStore *store, const char *id_number, gint64 self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT s.id, s.name, c.name FROM staff s JOIN community c ON c.id = s.community_id "
             "WHERE s.id_number = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_STATIC);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == self))
    return TRUE;
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
  g_autofree char *masked = cp_id_number_mask (id_number);
  return cp_set_error (error, CP_ERROR_INVALID,
                       _("The identity number %s is already on the roster: %s of %s. Edit that "
                         "person instead."),
                       masked, column_text (stmt, 1), column_text (stmt, 2));
}

gboolean
cp_staff_store_save (CpStore *store, CpStaff *staff, GError **error)
{
  g_return_val_if_fail (store != NULL && staff != NULL, FALSE);

  if (!cp_store_check_writable (store, error)
      || !cp_staff_validate (staff, cp_date_today (), error))
    return FALSE;
  g_autofree char *id_number = normalized_id_number (staff->id_number);
  if (!check_id_number_free (store, id_number, staff->id, error))
    return FALSE;
  return _cp_staff_store_write (store, staff, error);
}

/* Fills @out from the columns R_ID … R_DEDUCTION of @stmt: the strings point into the row. */
static void
read_staff_borrowed (sqlite3_stmt *stmt, CpStaff *out)
{
  out->id = sqlite3_column_int64 (stmt, R_ID);
  out->community_id = sqlite3_column_int64 (stmt, R_COMMUNITY_ID);
  out->id_number = (char *) column_text (stmt, R_ID_NUMBER);
  out->name = (char *) column_text (stmt, R_NAME);
  out->post = key_index (cp_posts, CP_N_POSTS, column_text (stmt, R_POST), CP_POST_STAFF);
  out->role = (char *) column_text (stmt, R_ROLE);
  out->education = key_index (cp_educations, CP_N_EDUCATIONS, column_text (stmt, R_EDUCATION),
                              CP_EDUCATION_SECONDARY);
  out->qualification = key_index (cp_qualifications, CP_N_QUALIFICATIONS,
                                  column_text (stmt, R_QUALIFICATION), CP_QUALIFICATION_NONE);
  out->work_start = date_from_text (column_text (stmt, R_WORK_START));
  out->service_start = date_from_text (column_text (stmt, R_SERVICE_START));
  out->status = key_index (cp_staff_statuses, CP_N_STAFF_STATUSES, column_text (stmt, R_STATUS),
                           CP_STAFF_ACTIVE);
  out->status_date = date_from_text ((const char *) sqlite3_column_text (stmt, R_STATUS_DATE));
  out->grid_role = key_index (cp_grid_roles, CP_N_GRID_ROLES, column_text (stmt, R_GRID_ROLE),
                              CP_GRID_NONE);
  out->phone = (char *) column_text (stmt, R_PHONE);
  out->special_deduction_fen = sqlite3_column_int64 (stmt, R_DEDUCTION);
}

gboolean
cp_staff_store_get (CpStore *store, gint64 id, CpStaff *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = cp_store_prepare (store, "SELECT " STAFF_COLUMNS " FROM staff s WHERE s.id = ?1", error);

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return cp_set_error (error, CP_ERROR_NOT_FOUND, _("The person is no longer on the roster."));
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
  read_staff_borrowed (stmt, out);
  out->id_number = g_strdup (out->id_number);
  out->name = g_strdup (out->name);
  out->role = g_strdup (out->role);
  out->phone = g_strdup (out->phone);
  return TRUE;
}

gint64
cp_staff_store_find (CpStore *store, const char *id_number, GError **error)
{
  g_autofree char *normalized = normalized_id_number (id_number);
  sqlite3_stmt *stmt
      = cp_store_prepare_cached (store, "SELECT id FROM staff WHERE id_number = ?1", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
  return _cp_store_step_returning_id (store, stmt, _("Cannot read the roster"), error);
}

gboolean
cp_staff_store_delete (CpStore *store, gint64 id, GError **error)
{
  if (!cp_store_check_writable (store, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, "DELETE FROM staff WHERE id = ?1",
                                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _cp_store_step_done (store, stmt, _("Cannot remove the person"), error);
}

/* Levels, grades, agreements */

gboolean
_cp_staff_store_put_level (CpStore *store, gint64 staff_id, int year, int level, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO staff_level (staff_id, year, level) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (staff_id, year) DO UPDATE SET level = excluded.level", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int (stmt, 3, level);
  return _cp_store_step_cached (store, stmt, _("Cannot save the level"), error);
}

static gboolean
remove_level (CpStore *store, gint64 staff_id, int year, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "DELETE FROM staff_level WHERE staff_id = ?1 AND year = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  return _cp_store_step_cached (store, stmt, _("Cannot save the level"), error);
}

gboolean
_cp_staff_store_has_level (CpStore *store, gint64 staff_id, int year, gboolean *out,
                           GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT EXISTS (SELECT 1 FROM staff_level WHERE staff_id = ?1 AND year <= ?2)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  int rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  cp_store_release (stmt);
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the levels"), error);
  return TRUE;
}

/* The post and name of person @staff_id. */
static gboolean
read_post (CpStore *store, gint64 staff_id, CpStaffPost *out_post, char **out_name,
           GError **error)
{
  sqlite3_stmt *stmt
      = cp_store_prepare_cached (store, "SELECT post, name FROM staff WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_post = key_index (cp_posts, CP_N_POSTS, column_text (stmt, 0), CP_POST_STAFF);
      *out_name = g_strdup (column_text (stmt, 1));
    }
  cp_store_release (stmt);
  if (rc == SQLITE_DONE)
    return cp_set_error (error, CP_ERROR_NOT_FOUND, _("The person is no longer on the roster."));
  if (rc != SQLITE_ROW)
    return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
  return TRUE;
}

/* The parameters of @year, read once a call (@cache: year → CpPayParams). */
static const CpPayParams *
cached_params (CpStore *store, GHashTable *cache, int year, GError **error)
{
  CpPayParams *params = g_hash_table_lookup (cache, GINT_TO_POINTER (year));

  if (params != NULL)
    return params;
  params = g_new (CpPayParams, 1);
  if (!cp_staff_store_get_params (store, year, params, error))
    {
      g_free (params);
      return NULL;
    }
  g_hash_table_insert (cache, GINT_TO_POINTER (year), params);
  return params;
}

static gboolean
write_level_entry (CpStore *store, GHashTable *cache, const CpLevelEntry *entry, GError **error)
{
  CpStaffPost post = CP_POST_STAFF;
  g_autofree char *name = NULL;
  g_autoptr (GError) invalid = NULL;

  if (entry->level == 0)
    return remove_level (store, entry->staff_id, entry->year, error);
  if (!read_post (store, entry->staff_id, &post, &name, error))
    return FALSE;
  const CpPayParams *params = cached_params (store, cache, entry->year, error);
  if (params == NULL)
    return FALSE;
  if (!cp_post_check_level (params, post, entry->level, &invalid))
    return cp_set_error (error, CP_ERROR_INVALID, _("%s in %d: %s"), name, entry->year,
                         invalid->message);
  return _cp_staff_store_put_level (store, entry->staff_id, entry->year, entry->level, error);
}

gboolean
cp_staff_store_write_levels (CpStore *store, const CpLevelEntry *entries, guint n,
                             GError **error)
{
  g_autoptr (GHashTable) cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gboolean own;

  if (!_cp_staff_store_begin (store, &own, error))
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n; i++)
    ok = write_level_entry (store, cache, &entries[i], error);
  return _cp_staff_store_end (store, own, ok, error);
}

gboolean
cp_staff_store_read_levels (CpStore *store, CpLevelEntry *entries, guint n, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT level FROM staff_level WHERE staff_id = ?1 AND year = ?2", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, entries[i].staff_id);
      sqlite3_bind_int (stmt, 2, entries[i].year);
      int rc = sqlite3_step (stmt);
      entries[i].level = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
      cp_store_release (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return cp_store_set_sqlite_error (store, _("Cannot read the levels"), error);
    }
  return TRUE;
}

GArray *
cp_staff_store_level_history (CpStore *store, gint64 staff_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (
      store, "SELECT year, level FROM staff_level WHERE staff_id = ?1 ORDER BY year", error);
  GArray *history;
  int rc;

  if (stmt == NULL)
    return NULL;
  history = g_array_new (FALSE, FALSE, sizeof (CpLevelEntry));
  sqlite3_bind_int64 (stmt, 1, staff_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpLevelEntry entry
          = { staff_id, sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1) };
      g_array_append_val (history, entry);
    }
  if (rc != SQLITE_DONE)
    {
      g_array_unref (history);
      cp_store_set_sqlite_error (store, _("Cannot read the levels"), error);
      return NULL;
    }
  return history;
}

gboolean
_cp_staff_store_put_grade (CpStore *store, gint64 staff_id, int year, CpGrade grade,
                           GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO staff_grade (staff_id, year, grade) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (staff_id, year) DO UPDATE SET grade = excluded.grade", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, cp_grades[grade].key, -1, SQLITE_STATIC);
  return _cp_store_step_cached (store, stmt, _("Cannot save the grade"), error);
}

gboolean
cp_staff_store_set_grade (CpStore *store, gint64 staff_id, int year, CpGrade grade,
                          GError **error)
{
  g_return_val_if_fail ((guint) grade < CP_N_GRADES, FALSE);
  if (!cp_store_check_writable (store, error))
    return FALSE;
  if (grade != CP_GRADE_NONE)
    return _cp_staff_store_put_grade (store, staff_id, year, grade, error);

  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "DELETE FROM staff_grade WHERE staff_id = ?1 AND year = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  return _cp_store_step_cached (store, stmt, _("Cannot save the grade"), error);
}

CpGrade
cp_staff_store_get_grade (CpStore *store, gint64 staff_id, int year, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT grade FROM staff_grade WHERE staff_id = ?1 AND year = ?2", error);
  CpGrade grade = CP_GRADE_NONE;

  if (stmt == NULL)
    return CP_GRADE_NONE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    grade = key_index (cp_grades, CP_N_GRADES, column_text (stmt, 0), CP_GRADE_NONE);
  cp_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    cp_store_set_sqlite_error (store, _("Cannot read the grades"), error);
  return grade;
}

gboolean
_cp_staff_store_put_agreement (CpStore *store, const CpAgreement *agreement, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "INSERT INTO staff_agreement (staff_id, start_date, end_date) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (staff_id, start_date) DO UPDATE SET end_date = excluded.end_date",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, agreement->staff_id);
  bind_date (stmt, 2, agreement->start);
  bind_date (stmt, 3, agreement->end);
  return _cp_store_step_cached (store, stmt, _("Cannot save the service agreement"), error);
}

gboolean
cp_staff_store_add_agreement (CpStore *store, const CpAgreement *agreement, GError **error)
{
  g_return_val_if_fail (agreement != NULL, FALSE);

  if (!cp_store_check_writable (store, error))
    return FALSE;
  if (!cp_date_is_valid (agreement->start))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("The service agreement has no start date; enter the day it starts."));
  if (cp_date_is_set (agreement->end)
      && (!cp_date_is_valid (agreement->end)
          || cp_date_compare (agreement->end, agreement->start) < 0))
    {
      g_autofree char *start = cp_date_format (agreement->start);
      return cp_set_error (error, CP_ERROR_INVALID,
                           _("The service agreement ends before it starts (%s); enter an end "
                             "on or after the start, or none for an open-ended agreement."),
                           start);
    }
  return _cp_staff_store_put_agreement (store, agreement, error);
}

gboolean
cp_staff_store_latest_agreement (CpStore *store, gint64 staff_id, CpAgreement *out,
                                 gboolean *out_found, GError **error)
{
  sqlite3_stmt *stmt = cp_store_prepare_cached (
      store, "SELECT start_date, end_date FROM staff_agreement WHERE staff_id = ?1 "
             "ORDER BY start_date DESC LIMIT 1", error);

  *out_found = FALSE;
  *out = (CpAgreement){ staff_id, CP_DATE_NONE, CP_DATE_NONE };
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_found = TRUE;
      out->start = date_from_text ((const char *) sqlite3_column_text (stmt, 0));
      out->end = date_from_text ((const char *) sqlite3_column_text (stmt, 1));
    }
  cp_store_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the service agreements"), error);
  return TRUE;
}

/* One pass over a year */

void
cp_staff_row_pay_person (const CpStaffRow *row, CpPayPerson *out)
{
  const CpStaff *s = row->staff;

  *out = (CpPayPerson){
    .post = s->post,
    .level = row->level,
    .qualification = s->qualification,
    .previous_grade = row->previous_grade,
    .service_start = s->service_start,
    .status = s->status,
    .status_date = s->status_date,
    .special_deduction_fen = s->special_deduction_fen,
  };
}

void
cp_staff_row_check_input (const CpStaffRow *row, CpStaffCheckInput *out)
{
  const CpStaff *s = row->staff;

  *out = (CpStaffCheckInput){
    .post = s->post,
    .status = s->status,
    .level = row->level,
    .grade = row->grade,
    .has_agreement = row->has_agreement,
    .agreement_end = row->agreement.end,
  };
  id_number_person (s->id_number, &out->birth, &out->gender);
}

/* The level in force and since when, from "year×100+level,…" (records at or before the year,
 * in any order): the latest record's level, held since 1 January of the first year of the run of
 * equal levels that ends at it, or since the service start when that is later. */
static void
read_level_history (const char *text, CpDate service_start, int *out_level, CpDate *out_since)
{
  int years[64], levels[64];
  guint n = 0;

  *out_level = 0;
  *out_since = CP_DATE_NONE;
  for (const char *p = text; p != NULL && *p != '\0' && n < G_N_ELEMENTS (years);)
    {
      char *end = NULL;
      long value = strtol (p, &end, 10);
      if (end == p)
        break;
      years[n] = (int) (value / 100);
      levels[n++] = (int) (value % 100);
      p = *end == ',' ? end + 1 : end;
    }
  if (n == 0)
    return;

  guint latest = 0;
  for (guint i = 1; i < n; i++)
    if (years[i] > years[latest])
      latest = i;
  /* The last year before the latest with another level; the run starts after it. */
  int other = 0;
  for (guint i = 0; i < n; i++)
    if (years[i] < years[latest] && levels[i] != levels[latest] && years[i] > other)
      other = years[i];
  int first = years[latest];
  for (guint i = 0; i < n; i++)
    if (years[i] > other && years[i] < first)
      first = years[i];

  *out_level = levels[latest];
  *out_since = cp_date_make (first, 1, 1);
  if (cp_date_compare (service_start, *out_since) > 0)
    *out_since = service_start;
}

/* Fills @row (and @staff) from the current row of @stmt (STAFF_ROW_SELECT). */
static void
read_row (sqlite3_stmt *stmt, CpStaffRow *row, CpStaff *staff)
{
  read_staff_borrowed (stmt, staff);
  memset (row, 0, sizeof *row);
  row->staff = staff;
  row->township_id = sqlite3_column_int64 (stmt, R_TOWNSHIP_ID);
  row->township_code = column_text (stmt, R_TOWNSHIP_CODE);
  row->township = column_text (stmt, R_TOWNSHIP);
  row->community_code = column_text (stmt, R_COMMUNITY_CODE);
  row->community = column_text (stmt, R_COMMUNITY);
  if (cp_post_has_levels (staff->post))
    read_level_history ((const char *) sqlite3_column_text (stmt, R_LEVELS), staff->service_start,
                        &row->level, &row->level_since);
  row->grade = key_index (cp_grades, CP_N_GRADES,
                          (const char *) sqlite3_column_text (stmt, R_GRADE), CP_GRADE_NONE);
  row->previous_grade = key_index (cp_grades, CP_N_GRADES,
                                   (const char *) sqlite3_column_text (stmt, R_PREVIOUS_GRADE),
                                   CP_GRADE_NONE);
  const char *agreement = (const char *) sqlite3_column_text (stmt, R_AGREEMENT);
  row->agreement.staff_id = staff->id;
  if (agreement != NULL)
    {
      row->has_agreement = TRUE;
      row->agreement.start = date_from_text (agreement);
      row->agreement.end = strlen (agreement) > 11 ? date_from_text (agreement + 11)
                                                   : CP_DATE_NONE;
    }
}

/* Whether @search is meant as the last 4 characters of an identity number (digits, X last). */
static gboolean
is_last4 (const char *search)
{
  if (strlen (search) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (search[i]) && !(i == 3 && (search[i] == 'X' || search[i] == 'x')))
      return FALSE;
  return TRUE;
}

static gboolean
has_search (const CpStaffFilter *filter)
{
  return filter != NULL && filter->search != NULL && *filter->search != '\0';
}

/* Appends the conditions of @filter (fixed SQL; the values are bound by bind_filter()). */
static void
append_filter (GString *sql, const CpStaffFilter *filter)
{
  const char *joiner = " WHERE ";

  if (filter == NULL)
    return;
#define COND(text)                                                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_string_append (sql, joiner);                                                                 \
    g_string_append (sql, text);                                                                   \
    joiner = " AND ";                                                                              \
  }                                                                                                \
  G_STMT_END
  if (filter->township_id != 0)
    COND ("t.id = :township");
  if (filter->community_id != 0)
    COND ("c.id = :community");
  if (filter->post >= 0 && filter->post < CP_N_POSTS)
    COND ("s.post = :post");
  if (filter->status >= 0 && filter->status < CP_N_STAFF_STATUSES)
    COND ("s.status = :status");
  if (filter->search != NULL && *filter->search != '\0')
    COND (is_last4 (filter->search) ? "s.id_last4 = :search" : "instr (s.name, :search) > 0");
#undef COND
}

static void
bind_filter (sqlite3_stmt *stmt, int year, const CpStaffFilter *filter)
{
  bind_named_int64 (stmt, ":year", year);
  if (filter == NULL)
    return;
  bind_named_int64 (stmt, ":township", filter->township_id);
  bind_named_int64 (stmt, ":community", filter->community_id);
  if (filter->post >= 0 && filter->post < CP_N_POSTS)
    bind_named_text (stmt, ":post", cp_posts[filter->post].key);
  if (filter->status >= 0 && filter->status < CP_N_STAFF_STATUSES)
    bind_named_text (stmt, ":status", cp_staff_statuses[filter->status].key);
  if (filter->search != NULL && *filter->search != '\0')
    {
      g_autofree char *search = is_last4 (filter->search) ? g_ascii_strup (filter->search, -1)
                                                          : g_strdup (filter->search);
      bind_named_text (stmt, ":search", search);
    }
}

gboolean
cp_staff_store_each (CpStore *store, int year, const CpStaffFilter *filter, CpStaffRowFunc func,
                     gpointer user_data, GError **error)
{
  g_autoptr (GString) sql = g_string_new (STAFF_ROW_SELECT);
  int rc;

  g_return_val_if_fail (func != NULL, FALSE);
  g_string_append (sql, has_search (filter) ? FROM_JOIN : FROM_NATURAL);
  append_filter (sql, filter);
  g_string_append (sql, " ORDER BY " NATURAL_ORDER);
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, year, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CpStaff staff;
      CpStaffRow row;
      read_row (stmt, &row, &staff);
      if (!func (&row, user_data))
        return cp_set_error (error, CP_ERROR_CANCELLED, _("Reading the roster was cancelled."));
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
  return TRUE;
}

/* The window's roster list */

/* The sort key of @sort, before the natural order. */
static const char *
sort_key (CpStaffSort sort)
{
  switch (sort)
    {
    case CP_STAFF_SORT_NAME:
      return "s.name";
    case CP_STAFF_SORT_COMMUNITY:
      return "c.name";
    case CP_STAFF_SORT_POST:
      return "s.post";
    case CP_STAFF_SORT_LEVEL:
      return "(SELECT l.level FROM staff_level l WHERE l.staff_id = s.id AND l.year <= :year "
             "ORDER BY l.year DESC LIMIT 1)";
    case CP_STAFF_SORT_STATUS:
      return "s.status";
    case CP_STAFF_SORT_SERVICE_START:
      return "s.service_start";
    case CP_STAFF_SORT_NATURAL:
    default:
      return NULL;
    }
}

gboolean
cp_staff_store_list_ids (CpStore *store, int year, const CpStaffFilter *filter, CpStaffSort sort,
                         gboolean descending, GArray *out_ids, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT s.id");
  const char *key = sort_key (sort);
  int rc;

  g_return_val_if_fail (out_ids != NULL, FALSE);
  g_string_append (sql, key == NULL && !descending && !has_search (filter) ? FROM_NATURAL
                                                                          : FROM_JOIN);
  append_filter (sql, filter);
  g_string_append (sql, " ORDER BY ");
  if (key != NULL)
    g_string_append_printf (sql, "%s %s, " NATURAL_ORDER, key, descending ? "DESC" : "ASC");
  else if (descending)
    g_string_append (sql, "t.code DESC, c.code DESC, c.id DESC, s.post DESC, s.id_number DESC");
  else
    g_string_append (sql, NATURAL_ORDER);
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, year, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (out_ids, id);
    }
  if (rc != SQLITE_DONE)
    return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
  return TRUE;
}

gboolean
cp_staff_store_read_rows (CpStore *store, int year, const gint64 *ids, guint n,
                          CpStaffListRowFunc func, gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt
      = cp_store_prepare_cached (store, STAFF_ROW_SELECT FROM_JOIN " WHERE s.id = :id", error);

  g_return_val_if_fail (func != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      bind_named_int64 (stmt, ":year", year);
      bind_named_int64 (stmt, ":id", ids[i]);
      int rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          CpStaff staff;
          CpStaffRow row;
          read_row (stmt, &row, &staff);
          func (i, &row, user_data);
        }
      cp_store_release (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return cp_store_set_sqlite_error (store, _("Cannot read the roster"), error);
    }
  return TRUE;
}

/* Pay sheets and advancement */

typedef struct
{
  const CpPayParams *params;
  int year, month;
  CpStaffSlipFunc func;
  gpointer user_data;
} SlipPass;

static gboolean
slip_row (const CpStaffRow *row, gpointer user_data)
{
  SlipPass *pass = user_data;
  CpPayPerson person;
  CpPaySlip slip;

  cp_staff_row_pay_person (row, &person);
  if (!cp_pay_slip (pass->params, &person, pass->year, pass->month, &slip))
    return TRUE;
  return pass->func (row, &slip, pass->user_data);
}

gboolean
cp_staff_store_each_slip (CpStore *store, int year, int month, const CpStaffFilter *filter,
                          CpStaffSlipFunc func, gpointer user_data, GError **error)
{
  CpPayParams params;

  g_return_val_if_fail (func != NULL && month >= 1 && month <= 12, FALSE);
  if (!cp_staff_store_get_params (store, year, &params, error))
    return FALSE;
  SlipPass pass = { &params, year, month, func, user_data };
  return cp_staff_store_each (store, year, filter, slip_row, &pass, error);
}

typedef struct
{
  const CpPayParams *params;
  int year;
  CpStaffAdvanceFunc func;
  gpointer user_data;
} AdvancePass;

static gboolean
advance_row (const CpStaffRow *row, gpointer user_data)
{
  AdvancePass *pass = user_data;
  int to_level = row->level;

  if (row->staff->status != CP_STAFF_ACTIVE || row->level == 0
      || !cp_post_has_levels (row->staff->post))
    return TRUE;
  CpAdvanceReason reason = cp_staff_advance (pass->params, row->staff->post, row->level,
                                             row->level_since, row->grade, pass->year, &to_level);
  return pass->func (row, to_level, reason, pass->user_data);
}

gboolean
cp_staff_store_each_advance (CpStore *store, int year, const CpStaffFilter *filter,
                             CpStaffAdvanceFunc func, gpointer user_data, GError **error)
{
  CpPayParams params;

  g_return_val_if_fail (func != NULL, FALSE);
  if (!cp_staff_store_get_params (store, year, &params, error))
    return FALSE;
  AdvancePass pass = { &params, year, func, user_data };
  return cp_staff_store_each (store, year, filter, advance_row, &pass, error);
}

static gboolean
collect_change (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  GArray *changes = user_data;

  if (to_level != row->level)
    {
      CpLevelEntry change = { row->staff->id, 0, to_level };
      g_array_append_val (changes, change);
    }
  return TRUE;
}

gboolean
cp_staff_store_apply_advance (CpStore *store, int year, GArray *out_previous,
                              guint *out_changed, GError **error)
{
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (CpLevelEntry));
  guint previous_len = out_previous != NULL ? out_previous->len : 0;
  gboolean own;

  if (out_changed != NULL)
    *out_changed = 0;
  if (!cp_store_check_writable (store, error)
      || !cp_staff_store_each_advance (store, year, NULL, collect_change, changes, error)
      || !_cp_staff_store_begin (store, &own, error))
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < changes->len; i++)
    {
      CpLevelEntry *change = &g_array_index (changes, CpLevelEntry, i);
      CpLevelEntry previous = { change->staff_id, year + 1, 0 };
      ok = cp_staff_store_read_levels (store, &previous, 1, error)
           && _cp_staff_store_put_level (store, change->staff_id, year + 1, change->level,
                                         error);
      if (ok && out_previous != NULL)
        g_array_append_val (out_previous, previous);
    }
  if (!_cp_staff_store_end (store, own, ok, error))
    {
      if (out_previous != NULL)
        g_array_set_size (out_previous, previous_len);
      return FALSE;
    }
  if (out_changed != NULL)
    *out_changed = changes->len;
  return TRUE;
}
