/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The staff store: the roster, levels, grades, agreements and pay parameters as the schema keeps
 * them, the one-pass reading of a year (the level in force and since when, worked out by hand
 * from the records), its filters and order, the window's list, pay slips and advancement. The
 * identity numbers below carry the right GB 11643 check characters. */
#include "config.h"

#include <string.h>

#include "cp-staff-store-private.h"
#include "cp-staff-store.h"
#include "cp-sample.h"
#include "cp-store-private.h"
#include "cp-test-utils.h"

/* Born 1980-01-01 (male, check X), 1975-05-12 (male), 1990-03-15 (female), 1988-08-08 (male). */
#define ID_A "22028119800101011X"
#define ID_B "220281197505120115"
#define ID_C "220281199003150129"
#define ID_D "220281198808080119"

typedef struct
{
  CpTestStore ts;
  CpStore *store;
  gint64 township_1, township_2;
  gint64 community_1, community_2, community_3; /* 001001, 001002 in township 001; 002001 */
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  cp_test_store_set_up (&fx->ts, "staff-store");
  fx->store = fx->ts.store;
  /* Inserted out of code order: the pass orders by code, not by id. */
  fx->township_2 = cp_test_add_township (fx->store, "002", "长安街道", CP_TOWNSHIP_SUBDISTRICT);
  fx->township_1 = cp_test_add_township (fx->store, "001", "民主街道", CP_TOWNSHIP_SUBDISTRICT);
  fx->community_3 = cp_test_add_community (fx->store, fx->township_2, "002001",
                                           CP_COMMUNITY_URBAN, 1000);
  fx->community_2 = cp_test_add_community (fx->store, fx->township_1, "001002",
                                           CP_COMMUNITY_URBAN, 1000);
  fx->community_1 = cp_test_add_community (fx->store, fx->township_1, "001001",
                                           CP_COMMUNITY_URBAN, 1000);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  cp_test_store_tear_down (&fx->ts);
}

/* A person on duty with the other fields at plain values. The strings are not copied. */
static CpStaff
person (gint64 community_id, const char *id_number, const char *name, CpStaffPost post)
{
  return (CpStaff){
    .community_id = community_id,
    .id_number = (char *) id_number,
    .name = (char *) name,
    .post = post,
    .role = (char *) "",
    .education = CP_EDUCATION_BACHELOR,
    .qualification = CP_QUALIFICATION_NONE,
    .work_start = cp_date_make (2010, 7, 1),
    .service_start = cp_date_make (2015, 3, 1),
    .status = CP_STAFF_ACTIVE,
    .grid_role = CP_GRID_NONE,
    .phone = (char *) "",
  };
}

static gint64
add (CpStore *store, CpStaff staff)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_staff_store_save (store, &staff, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staff.id, >, 0);
  return staff.id;
}

static void
level (CpStore *store, gint64 staff_id, int year, int value)
{
  g_autoptr (GError) error = NULL;
  CpLevelEntry entry = { staff_id, year, value };

  g_assert_true (cp_staff_store_write_levels (store, &entry, 1, &error));
  g_assert_no_error (error);
}

static int
count (CpStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* The rows of a pass, one line each: "id_number level since grade previous agreement". */
typedef struct
{
  GString *out;
  guint stop_after; /* 0: never */
  guint seen;
} Collect;

static gboolean
collect_row (const CpStaffRow *row, gpointer user_data)
{
  Collect *c = user_data;
  g_autofree char *since = cp_date_format (row->level_since);
  g_autofree char *start = cp_date_format (row->agreement.start);
  g_autofree char *end = cp_date_format (row->agreement.end);

  g_string_append_printf (c->out, "%s %s %s %s L%d %s %s %s %s %s-%s\n", row->township_code,
                          row->community_code, cp_posts[row->staff->post].key,
                          row->staff->id_number, row->level, since[0] ? since : "-",
                          cp_grades[row->grade].key, cp_grades[row->previous_grade].key,
                          row->has_agreement ? "A" : "-", start, end);
  return c->stop_after == 0 || ++c->seen < c->stop_after;
}

static char *
pass (CpStore *store, int year, const CpStaffFilter *filter)
{
  g_autoptr (GError) error = NULL;
  Collect c = { g_string_new (NULL), 0, 0 };

  g_assert_true (cp_staff_store_each (store, year, filter, collect_row, &c, &error));
  g_assert_no_error (error);
  return g_string_free (c.out, FALSE);
}

/* The roster */

static void
test_vocabularies (Fixture *fx, gconstpointer data)
{
  /* Every word of every vocabulary is a key the schema's CHECK lists accept, and reads back. */
  static const char *const ids[] = { ID_A, ID_B, ID_C, ID_D };
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      CpStaff s = person (fx->community_1, ids[i % 4], "张三", i % CP_N_POSTS);
      CpStaff back;
      s.education = i % CP_N_EDUCATIONS;
      s.qualification = i % CP_N_QUALIFICATIONS;
      s.status = i % CP_N_STAFF_STATUSES;
      s.status_date = s.status == CP_STAFF_ACTIVE ? CP_DATE_NONE : cp_date_make (2024, 6, 30);
      s.grid_role = i % CP_N_GRID_ROLES;
      s.role = (char *) "党委书记";
      s.phone = (char *) "13800000000";
      s.special_deduction_fen = 150000;
      s.id = cp_staff_store_find (fx->store, ids[i % 4], NULL);
      g_assert_true (cp_staff_store_save (fx->store, &s, &error));
      g_assert_no_error (error);
      g_assert_true (cp_staff_store_get (fx->store, s.id, &back, &error));
      g_assert_cmpint (back.post, ==, s.post);
      g_assert_cmpint (back.education, ==, s.education);
      g_assert_cmpint (back.qualification, ==, s.qualification);
      g_assert_cmpint (back.status, ==, s.status);
      g_assert_cmpint (cp_date_compare (back.status_date, s.status_date), ==, 0);
      g_assert_cmpint (back.grid_role, ==, s.grid_role);
      g_assert_cmpstr (back.role, ==, "党委书记");
      g_assert_cmpstr (back.phone, ==, "13800000000");
      g_assert_cmpint (back.special_deduction_fen, ==, 150000);
      g_assert_cmpint (cp_date_compare (back.work_start, cp_date_make (2010, 7, 1)), ==, 0);
      cp_staff_clear (&back);
    }
  for (guint i = 0; i < CP_N_GRADES; i++)
    {
      gint64 id = cp_staff_store_find (fx->store, ID_A, NULL);
      g_assert_true (cp_staff_store_set_grade (fx->store, id, 2020 + i, i, NULL));
      g_assert_cmpint (cp_staff_store_get_grade (fx->store, id, 2020 + i, NULL), ==, i);
    }
  /* Grade "none" is no row. */
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_grade"), ==, CP_N_GRADES - 1);
}

static void
test_save_find_delete (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CpStaff back;

  /* A lower-case x is stored upper-case and found either way. */
  gint64 a = add (fx->store, person (fx->community_1, "22028119800101011x", "张三",
                                     CP_POST_HEAD));
  g_assert_cmpint (cp_staff_store_find (fx->store, ID_A, NULL), ==, a);
  g_assert_cmpint (cp_staff_store_find (fx->store, "22028119800101011x", NULL), ==, a);
  g_assert_cmpint (cp_staff_store_find (fx->store, ID_B, NULL), ==, 0);
  g_assert_true (cp_staff_store_get (fx->store, a, &back, NULL));
  g_assert_cmpstr (back.id_number, ==, ID_A);
  cp_staff_clear (&back);

  /* The same number for another person: refused, naming who has it (masked number). */
  CpStaff twin = person (fx->community_2, ID_A, "李四", CP_POST_STAFF);
  g_assert_false (cp_staff_store_save (fx->store, &twin, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "220281********011X"));
  g_assert_nonnull (strstr (error->message, "张三"));
  g_assert_nonnull (strstr (error->message, "001001"));
  g_assert_null (strstr (error->message, ID_A));
  g_clear_error (&error);

  /* A wrong check character: cp_staff_validate() refuses it, nothing is written. */
  CpStaff bad = person (fx->community_2, "220281197505120116", "李四", CP_POST_STAFF);
  g_assert_false (cp_staff_store_save (fx->store, &bad, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff"), ==, 1);

  /* Update by id: renamed, moved. */
  CpStaff moved = person (fx->community_3, ID_A, "张三丰", CP_POST_MEMBER);
  moved.id = a;
  g_assert_true (cp_staff_store_save (fx->store, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (cp_staff_store_get (fx->store, a, &back, NULL));
  g_assert_cmpstr (back.name, ==, "张三丰");
  g_assert_cmpint (back.community_id, ==, fx->community_3);
  g_assert_cmpint (back.post, ==, CP_POST_MEMBER);
  cp_staff_clear (&back);

  /* Deleting takes the levels, grades and agreements along. */
  CpAgreement agreement = { a, cp_date_make (2024, 1, 1), CP_DATE_NONE };
  level (fx->store, a, 2024, 5);
  g_assert_true (cp_staff_store_set_grade (fx->store, a, 2024, CP_GRADE_COMPETENT, NULL));
  g_assert_true (cp_staff_store_add_agreement (fx->store, &agreement, NULL));
  g_assert_true (cp_staff_store_delete (fx->store, a, &error));
  g_assert_no_error (error);
  g_assert_false (cp_staff_store_get (fx->store, a, &back, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_FOUND);
  g_assert_cmpint (count (fx->store, "SELECT (SELECT count(*) FROM staff_level) + "
                                     "(SELECT count(*) FROM staff_grade) + "
                                     "(SELECT count(*) FROM staff_agreement)"),
                   ==, 0);
}

/* Runs @sql with ?1 = @id, ?2 = @text, ?3 = @date; SQLite's (extended) result. */
static int
run_sql (sqlite3 *db, const char *sql, gint64 id, const char *text, const char *date)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  int rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc;
}

static void
test_schema_checks (Fixture *fx, gconstpointer data)
{
  sqlite3 *db = _cp_store_get_db (fx->store);
  gint64 a = add (fx->store, person (fx->community_1, ID_A, "张三", CP_POST_STAFF));
  const char *insert = "INSERT INTO staff (community_id, id_number, name, post, education, "
                       "work_start, service_start) VALUES (?1, ?2, 'x', 'staff', 'college', ?3, "
                       "'2015-03-01')";
  /* What the rules refuse, the schema refuses too. */
  static const char *const refused[][2] = {
    { "22028119750512011", "2000-01-01" },  /* 17 characters */
    { "2202811975051201A5", "2000-01-01" }, /* a letter among the digits */
    { "22028119750512011x", "2000-01-01" }, /* lower-case x */
    { ID_B, "2000-02-30" },                 /* no such day (date() alone takes it) */
    { ID_B, "2000-1-1" },                   /* not YYYY-MM-DD */
    { ID_B, "1975-05-12" },                 /* work starts on the birth day */
  };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_cmpint (run_sql (db, insert, fx->community_1, refused[i][0], refused[i][1]), ==,
                     SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (run_sql (db, insert, fx->community_1, ID_B, "1995-05-13"), ==, SQLITE_DONE);

  /* On duty with a status date; left without one; left before the service start; a level out
   * of 1–18; grade "none" (no row); an agreement ending before it starts. */
  static const char *const checks[] = {
    "UPDATE staff SET status_date = '2024-01-01' WHERE id = ?1",
    "UPDATE staff SET status = 'left' WHERE id = ?1",
    "UPDATE staff SET status = 'left', status_date = '2015-02-28' WHERE id = ?1",
    "INSERT INTO staff_level VALUES (?1, 2024, 19)",
    "INSERT INTO staff_level VALUES (?1, 2024, 0)",
    "INSERT INTO staff_grade VALUES (?1, 2024, 'none')",
    "INSERT INTO staff_agreement (staff_id, start_date, end_date) VALUES (?1, '2024-01-01', "
    "'2023-12-31')",
  };
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_assert_cmpint (run_sql (db, checks[i], a, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (run_sql (db,
                            "UPDATE staff SET status = 'left', status_date = '2015-03-01' "
                            "WHERE id = ?1",
                            a, NULL, NULL),
                   ==, SQLITE_DONE);
}

/* Pay parameters */

static void
test_params (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CpPayParams p;

  g_assert_true (cp_staff_store_get_params (fx->store, 2025, &p, &error));
  g_assert_cmpfloat (p.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 4500);
  g_assert_cmpint (p.from_year[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 0);

  /* 2024's value holds in 2024 and later, not before. */
  g_assert_true (cp_staff_store_set_param (fx->store, 2024, CP_PARAM_REFERENCE_WAGE_YUAN, 5000,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (cp_staff_store_get_params (fx->store, 2026, &p, NULL));
  g_assert_cmpfloat (p.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 5000);
  g_assert_cmpint (p.from_year[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 2024);
  g_assert_true (cp_staff_store_get_params (fx->store, 2023, &p, NULL));
  g_assert_cmpfloat (p.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 4500);

  /* Outside its range, or not whole: refused. */
  g_assert_false (cp_staff_store_set_param (fx->store, 2024, CP_PARAM_BASE_SHARE, 1.5, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cp_staff_store_set_param (fx->store, 2024, CP_PARAM_YEARS_PER_LEVEL, 2.5,
                                            &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);

  /* Together: 2026's top level of a head 10 (lowest 7) is fine; then 2025's lowest 12 would
   * hold in 2026 too, above its top 10: refused, and nothing of it is written. */
  g_assert_true (cp_staff_store_set_param (fx->store, 2026, CP_PARAM_LEVEL_MAX_HEAD, 10, &error));
  g_assert_no_error (error);
  g_assert_false (cp_staff_store_set_param (fx->store, 2025, CP_PARAM_LEVEL_MIN_HEAD, 12,
                                            &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026"));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM pay_parameter"), ==, 2);

  /* Clearing 2026's top brings back 18; clearing what leaves a later year bad is refused. */
  g_assert_true (cp_staff_store_set_param (fx->store, 2025, CP_PARAM_LEVEL_MIN_HEAD, 9, NULL));
  g_assert_true (cp_staff_store_set_param (fx->store, 2024, CP_PARAM_LEVEL_MAX_HEAD, 8, &error)
                 == FALSE);
  g_clear_error (&error);
  g_assert_true (cp_staff_store_clear_param (fx->store, 2026, CP_PARAM_LEVEL_MAX_HEAD, &error));
  g_assert_no_error (error);
  g_assert_true (cp_staff_store_get_params (fx->store, 2026, &p, NULL));
  g_assert_cmpfloat (p.value[CP_PARAM_LEVEL_MAX_HEAD], ==, 18);
  g_assert_cmpint (p.from_year[CP_PARAM_LEVEL_MIN_HEAD], ==, 2025);

  /* set_params records only what differs from the values in force. */
  g_assert_true (cp_staff_store_get_params (fx->store, 2027, &p, NULL));
  p.value[CP_PARAM_RATE_PENSION_EMPLOYER] = 0.15;
  p.value[CP_PARAM_QUALIFICATION_MODE] = CP_QUALIFICATION_MODE_ALLOWANCE;
  g_assert_true (cp_staff_store_set_params (fx->store, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM pay_parameter WHERE year = 2027"), ==,
                   2);
  /* Not together (lowest above top): refused before anything is written. */
  p.value[CP_PARAM_LEVEL_MIN_STAFF] = 13;
  g_assert_false (cp_staff_store_set_params (fx->store, &p, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM pay_parameter WHERE year = 2027"), ==,
                   2);
}

/* Levels, grades, agreements */

static void
test_levels (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 head = add (fx->store, person (fx->community_1, ID_A, "张三", CP_POST_HEAD));
  gint64 welfare = add (fx->store, person (fx->community_1, ID_B, "李四", CP_POST_WELFARE));

  /* A head's levels are 7–18 by default: 6 is refused, with nothing of the batch written. */
  CpLevelEntry batch[] = { { head, 2024, 9 }, { head, 2025, 6 } };
  g_assert_false (cp_staff_store_write_levels (fx->store, batch, 2, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "张三"));
  g_assert_nonnull (strstr (error->message, "2025"));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_level"), ==, 0);
  /* With 2025's lowest level of a head at 5, the same batch is fine. */
  g_assert_true (cp_staff_store_set_param (fx->store, 2025, CP_PARAM_LEVEL_MIN_HEAD, 5, NULL));
  g_assert_true (cp_staff_store_write_levels (fx->store, batch, 2, &error));
  g_assert_no_error (error);

  /* A welfare post has no level. */
  CpLevelEntry w = { welfare, 2024, 1 };
  g_assert_false (cp_staff_store_write_levels (fx->store, &w, 1, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);

  CpLevelEntry read[] = { { head, 2024, -1 }, { head, 2025, -1 }, { head, 2026, -1 } };
  g_assert_true (cp_staff_store_read_levels (fx->store, read, 3, NULL));
  g_assert_cmpint (read[0].level, ==, 9);
  g_assert_cmpint (read[1].level, ==, 6);
  g_assert_cmpint (read[2].level, ==, 0);

  /* Level 0 removes the year's record. */
  level (fx->store, head, 2025, 0);
  g_autoptr (GArray) history = cp_staff_store_level_history (fx->store, head, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (g_array_index (history, CpLevelEntry, 0).year, ==, 2024);
  g_assert_cmpint (g_array_index (history, CpLevelEntry, 0).level, ==, 9);
}

static void
test_agreements (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = add (fx->store, person (fx->community_1, ID_A, "张三", CP_POST_STAFF));
  CpAgreement out;
  gboolean found = TRUE;

  g_assert_true (cp_staff_store_latest_agreement (fx->store, a, &out, &found, NULL));
  g_assert_false (found);

  CpAgreement first = { a, cp_date_make (2021, 1, 1), cp_date_make (2023, 12, 31) };
  CpAgreement second = { a, cp_date_make (2024, 1, 1), cp_date_make (2026, 12, 31) };
  g_assert_true (cp_staff_store_add_agreement (fx->store, &second, NULL));
  g_assert_true (cp_staff_store_add_agreement (fx->store, &first, NULL));
  g_assert_true (cp_staff_store_latest_agreement (fx->store, a, &out, &found, NULL));
  g_assert_true (found);
  g_assert_cmpint (cp_date_compare (out.start, second.start), ==, 0);
  g_assert_cmpint (cp_date_compare (out.end, second.end), ==, 0);

  /* The same start again: the end is updated, no second agreement. */
  second.end = CP_DATE_NONE;
  g_assert_true (cp_staff_store_add_agreement (fx->store, &second, NULL));
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_agreement"), ==, 2);
  g_assert_true (cp_staff_store_latest_agreement (fx->store, a, &out, &found, NULL));
  g_assert_false (cp_date_is_set (out.end));

  /* Ending before it starts: refused. */
  CpAgreement backwards = { a, cp_date_make (2027, 1, 1), cp_date_make (2026, 12, 31) };
  g_assert_false (cp_staff_store_add_agreement (fx->store, &backwards, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
}

/* One pass over a year */

static void
test_level_since (Fixture *fx, gconstpointer data)
{
  /* Levels 2019:8, 2020:9, 2021:9, 2023:9 (no record in 2022), 2024:10; service from
   * 2015-03-01 (A), and from 2020-06-01 (B, the same records). */
  CpStaff b_person = person (fx->community_1, ID_B, "李四", CP_POST_HEAD);
  b_person.service_start = cp_date_make (2020, 6, 1);
  gint64 ids[] = { add (fx->store, person (fx->community_1, ID_A, "张三", CP_POST_HEAD)),
                   add (fx->store, b_person) };
  for (guint i = 0; i < 2; i++)
    {
      level (fx->store, ids[i], 2019, 8);
      level (fx->store, ids[i], 2020, 9);
      level (fx->store, ids[i], 2021, 9);
      level (fx->store, ids[i], 2023, 9);
      level (fx->store, ids[i], 2024, 10);
    }
  /* 2018: nothing recorded yet. 2019: 8 since 2019. 2020–2023: the run 2020, 2021, 2023 of 9
   * began in 2020. 2024 and later: 10 since 2024. */
  static const struct
  {
    int year;
    const char *a, *b;
  } expected[] = {
    { 2018, "L0 -", "L0 -" },
    { 2019, "L8 2019-01-01", "L8 2020-06-01" },
    { 2020, "L9 2020-01-01", "L9 2020-06-01" },
    { 2022, "L9 2020-01-01", "L9 2020-06-01" },
    { 2023, "L9 2020-01-01", "L9 2020-06-01" },
    { 2026, "L10 2024-01-01", "L10 2024-01-01" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *all = pass (fx->store, expected[i].year, NULL);
      g_autofree char *a = g_strdup_printf ("001 001001 head " ID_A " %s ", expected[i].a);
      g_autofree char *b = g_strdup_printf ("001 001001 head " ID_B " %s ", expected[i].b);
      g_test_message ("%d:\n%s", expected[i].year, all);
      g_assert_nonnull (strstr (all, a));
      g_assert_nonnull (strstr (all, b));
    }
}

/* Four people in three communities of two townships, added out of order. */
static void
add_roster (Fixture *fx)
{
  CpStaff left = person (fx->community_1, ID_D, "赵六", CP_POST_STAFF);
  left.status = CP_STAFF_LEFT;
  left.status_date = cp_date_make (2025, 7, 15);
  gint64 d = add (fx->store, left);
  gint64 c = add (fx->store, person (fx->community_3, ID_C, "王五", CP_POST_STAFF));
  gint64 b = add (fx->store, person (fx->community_1, ID_B, "李四", CP_POST_HEAD));
  gint64 a = add (fx->store, person (fx->community_1, ID_A, "张三", CP_POST_STAFF));
  CpAgreement agreement = { b, cp_date_make (2023, 1, 1), cp_date_make (2025, 12, 31) };

  level (fx->store, a, 2023, 4);
  level (fx->store, b, 2024, 12);
  level (fx->store, c, 2025, 2);
  level (fx->store, d, 2020, 6);
  g_assert_true (cp_staff_store_set_grade (fx->store, b, 2025, CP_GRADE_EXCELLENT, NULL));
  g_assert_true (cp_staff_store_set_grade (fx->store, b, 2024, CP_GRADE_BASIC, NULL));
  g_assert_true (cp_staff_store_set_grade (fx->store, a, 2025, CP_GRADE_COMPETENT, NULL));
  g_assert_true (cp_staff_store_add_agreement (fx->store, &agreement, NULL));
}

static void
test_each (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  add_roster (fx);
  /* Township code, community code, post (head before staff), identity number. */
  g_autofree char *all = pass (fx->store, 2025, NULL);
  g_assert_cmpstr (all, ==,
                   "001 001001 head " ID_B
                   " L12 2024-01-01 excellent basic A 2023-01-01-2025-12-31\n"
                   "001 001001 staff " ID_A " L4 2023-01-01 competent none - -\n"
                   "001 001001 staff " ID_D " L6 2020-01-01 none none - -\n"
                   "002 002001 staff " ID_C " L2 2025-01-01 none none - -\n");

  CpStaffFilter filter = CP_STAFF_FILTER_ALL;
  filter.township_id = fx->township_2;
  g_autofree char *township = pass (fx->store, 2025, &filter);
  g_assert_cmpstr (township, ==, "002 002001 staff " ID_C " L2 2025-01-01 none none - -\n");

  filter = CP_STAFF_FILTER_ALL;
  filter.community_id = fx->community_1;
  filter.post = CP_POST_STAFF;
  filter.status = CP_STAFF_ACTIVE;
  g_autofree char *staff = pass (fx->store, 2025, &filter);
  g_assert_cmpstr (staff, ==, "001 001001 staff " ID_A " L4 2023-01-01 competent none - -\n");

  /* Search: part of the name, or the last 4 characters of the number (x as X). */
  filter = CP_STAFF_FILTER_ALL;
  filter.search = "五";
  g_autofree char *by_name = pass (fx->store, 2025, &filter);
  g_assert_cmpstr (by_name, ==, "002 002001 staff " ID_C " L2 2025-01-01 none none - -\n");
  filter.search = "011x";
  g_autofree char *by_digits = pass (fx->store, 2025, &filter);
  g_assert_cmpstr (by_digits, ==, "001 001001 staff " ID_A " L4 2023-01-01 competent none - -\n");
  filter.search = "9999";
  g_autofree char *none = pass (fx->store, 2025, &filter);
  g_assert_cmpstr (none, ==, "");

  /* The callback stops the pass: cancelled. */
  Collect c = { g_string_new (NULL), 2, 0 };
  g_assert_false (cp_staff_store_each (fx->store, 2025, NULL, collect_row, &c, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
  g_assert_cmpuint (c.seen, ==, 2);
  g_string_free (c.out, TRUE);
}

static void
test_row_inputs (Fixture *fx, gconstpointer data)
{
  CpStaffRow row = { 0 };
  CpStaff s = person (fx->community_1, ID_C, "王五", CP_POST_MEMBER);
  CpPayPerson pay;
  CpStaffCheckInput check;

  s.special_deduction_fen = 200000;
  row.staff = &s;
  row.level = 5;
  row.grade = CP_GRADE_COMPETENT;
  row.previous_grade = CP_GRADE_EXCELLENT;
  row.has_agreement = TRUE;
  row.agreement.end = cp_date_make (2026, 6, 30);
  cp_staff_row_pay_person (&row, &pay);
  g_assert_cmpint (pay.post, ==, CP_POST_MEMBER);
  g_assert_cmpint (pay.level, ==, 5);
  g_assert_cmpint (pay.previous_grade, ==, CP_GRADE_EXCELLENT);
  g_assert_cmpint (pay.special_deduction_fen, ==, 200000);
  cp_staff_row_check_input (&row, &check);
  /* 220281 19900315 012 9: born 1990-03-15, the 17th digit 2 is even: a woman. */
  g_assert_cmpint (cp_date_compare (check.birth, cp_date_make (1990, 3, 15)), ==, 0);
  g_assert_cmpint (check.gender, ==, CP_GENDER_FEMALE);
  g_assert_cmpint (check.grade, ==, CP_GRADE_COMPETENT);
  g_assert_true (check.has_agreement);
  g_assert_cmpint (cp_date_compare (check.agreement_end, cp_date_make (2026, 6, 30)), ==, 0);
  s.id_number = (char *) ID_A;
  cp_staff_row_check_input (&row, &check);
  g_assert_cmpint (check.gender, ==, CP_GENDER_MALE);
}

/* The window's list */

static void
collect_list_row (guint index, const CpStaffRow *row, gpointer user_data)
{
  GString *out = user_data;
  g_string_append_printf (out, "%u:%s L%d;", index, row->staff->name, row->level);
}

static void
test_list (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GString) out = g_string_new (NULL);

  add_roster (fx);
  /* By level, highest first: 李四 12, 赵六 6, 张三 4, 王五 2. */
  g_assert_true (cp_staff_store_list_ids (fx->store, 2025, NULL, CP_STAFF_SORT_LEVEL, TRUE, ids,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_true (cp_staff_store_read_rows (fx->store, 2025, (gint64 *) ids->data, ids->len,
                                           collect_list_row, out, &error));
  g_assert_cmpstr (out->str, ==, "0:李四 L12;1:赵六 L6;2:张三 L4;3:王五 L2;");

  /* In 2023 only 张三 (4) and 赵六 (6) have a level: ties of 0 in natural order (李四 head
   * before 王五 of township 002), ascending. */
  g_array_set_size (ids, 0);
  g_string_truncate (out, 0);
  g_assert_true (cp_staff_store_list_ids (fx->store, 2023, NULL, CP_STAFF_SORT_LEVEL, FALSE, ids,
                                          NULL));
  g_assert_true (cp_staff_store_read_rows (fx->store, 2023, (gint64 *) ids->data, ids->len,
                                           collect_list_row, out, NULL));
  g_assert_cmpstr (out->str, ==, "0:李四 L0;1:王五 L0;2:张三 L4;3:赵六 L6;");

  /* Natural order descending; a filter by status. */
  g_array_set_size (ids, 0);
  g_string_truncate (out, 0);
  CpStaffFilter filter = CP_STAFF_FILTER_ALL;
  filter.status = CP_STAFF_ACTIVE;
  g_assert_true (cp_staff_store_list_ids (fx->store, 2025, &filter, CP_STAFF_SORT_NATURAL, TRUE,
                                          ids, NULL));
  g_assert_true (cp_staff_store_read_rows (fx->store, 2025, (gint64 *) ids->data, ids->len,
                                           collect_list_row, out, NULL));
  g_assert_cmpstr (out->str, ==, "0:王五 L2;1:张三 L4;2:李四 L12;");

  /* An id no longer there is skipped (its index is not called). */
  gint64 some[] = { g_array_index (ids, gint64, 1), 999999 };
  g_string_truncate (out, 0);
  g_assert_true (cp_staff_store_read_rows (fx->store, 2025, some, 2, collect_list_row, out,
                                           NULL));
  g_assert_cmpstr (out->str, ==, "0:张三 L4;");
}

/* Pay sheets and advancement */

typedef struct
{
  const CpPayParams *params;
  int year, month;
  GString *names;
} SlipCheck;

static gboolean
check_slip (const CpStaffRow *row, const CpPaySlip *slip, gpointer user_data)
{
  SlipCheck *c = user_data;
  CpPayPerson person;
  CpPaySlip direct;

  /* The pass gives what the rule gives for the row. */
  cp_staff_row_pay_person (row, &person);
  g_assert_true (cp_pay_slip (c->params, &person, c->year, c->month, &direct));
  g_assert_cmpint (memcmp (&direct, slip, sizeof direct), ==, 0);
  g_string_append_printf (c->names, "%s;", row->staff->name);
  return TRUE;
}

static void
test_each_slip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CpPayParams params;

  add_roster (fx);
  g_assert_true (cp_staff_store_get_params (fx->store, 2025, &params, NULL));
  /* 赵六 left on 2025-07-15: paid in June, not in July (the month of leaving). */
  static const struct
  {
    int month;
    const char *names;
  } expected[] = { { 6, "李四;张三;赵六;王五;" }, { 7, "李四;张三;王五;" } };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SlipCheck c = { &params, 2025, expected[i].month, g_string_new (NULL) };
      g_assert_true (cp_staff_store_each_slip (fx->store, 2025, expected[i].month, NULL,
                                               check_slip, &c, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (c.names->str, ==, expected[i].names);
      g_string_free (c.names, TRUE);
    }
}

static gboolean
collect_advance (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  g_string_append_printf (user_data, "%s %d>%d %s;", row->staff->name, row->level, to_level,
                          cp_advance_reason_key (reason));
  return TRUE;
}

static void
test_advance (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GArray) previous = g_array_new (FALSE, FALSE, sizeof (CpLevelEntry));
  guint changed = 0;

  add_roster (fx);
  /* Into 2026 (3 years a level by default), on 1 January 2026:
   * 李四 head 12 since 2024-01-01 (2 years), excellent: kept for years;
   * 张三 staff 4 since 2023-01-01 (3 years), competent: up to 5;
   * 王五 staff 2 since 2025-01-01, no grade: kept;
   * 赵六 left: not listed. */
  g_assert_true (cp_staff_store_each_advance (fx->store, 2025, NULL, collect_advance, out,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, "李四 12>12 years;张三 4>5 grade_and_years;王五 2>2 grade;");

  /* 2026 already holds a level of 张三 (7, say, entered by hand): the step overwrites it and
   * hands it back for the undo. */
  gint64 a = cp_staff_store_find (fx->store, ID_A, NULL);
  level (fx->store, a, 2026, 7);
  g_assert_true (cp_staff_store_apply_advance (fx->store, 2025, previous, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (previous->len, ==, 1);
  CpLevelEntry before = g_array_index (previous, CpLevelEntry, 0);
  g_assert_cmpint (before.staff_id, ==, a);
  g_assert_cmpint (before.year, ==, 2026);
  g_assert_cmpint (before.level, ==, 7);
  CpLevelEntry now = { a, 2026, 0 };
  g_assert_true (cp_staff_store_read_levels (fx->store, &now, 1, NULL));
  g_assert_cmpint (now.level, ==, 5);

  /* Undone: 2026 holds 7 again. */
  g_assert_true (cp_staff_store_write_levels (fx->store, (CpLevelEntry *) previous->data,
                                              previous->len, &error));
  g_assert_true (cp_staff_store_read_levels (fx->store, &now, 1, NULL));
  g_assert_cmpint (now.level, ==, 7);
}

static void
test_read_only (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  add_roster (fx);
  cp_store_free (fx->ts.store);
  fx->ts.store = cp_store_open (fx->ts.path, CP_STORE_OPEN_READ_ONLY, &error);
  fx->store = fx->ts.store;
  g_assert_no_error (error);
  g_autofree char *all = pass (fx->store, 2025, NULL);
  g_assert_nonnull (strstr (all, ID_C));
  CpStaff s = person (fx->community_1, "220281199202290116", "钱七", CP_POST_STAFF);
  g_assert_false (cp_staff_store_save (fx->store, &s, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (cp_staff_store_set_param (fx->store, 2025, CP_PARAM_BASE_SHARE, 0.6, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (cp_staff_store_apply_advance (fx->store, 2025, NULL, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
}

/* The sample */

typedef struct
{
  CpPayParams params;
  CpDate day;
  guint people, invalid, problems[CP_N_STAFF_PROBLEMS];
  guint top[CP_N_POSTS], retiring, retirement_reached, no_agreement, expired;
} SampleTally;

static gboolean
tally_sample_row (const CpStaffRow *row, gpointer user_data)
{
  SampleTally *t = user_data;
  const CpStaff *s = row->staff;
  CpStaffCheckInput input;
  int min, max;

  t->people++;
  g_autoptr (GError) invalid = NULL;
  if (!cp_staff_validate (s, cp_date_make (2026, 7, 1), &invalid)
      || !g_str_has_prefix (s->id_number, "220281"))
    {
      g_test_message ("%s: %s", s->name, invalid != NULL ? invalid->message : s->id_number);
      t->invalid++;
    }
  cp_staff_row_check_input (row, &input);
  CpStaffProblems problems = cp_staff_check (&t->params, &input, 2026, t->day);
  for (guint i = 0; i < CP_N_STAFF_PROBLEMS; i++)
    if (problems & (1u << i))
      t->problems[i]++;
  if (s->status != CP_STAFF_ACTIVE)
    return TRUE;
  cp_post_level_range (&t->params, s->post, &min, &max);
  if (cp_post_has_levels (s->post) && row->level == max)
    t->top[s->post]++;
  CpDate retirement = cp_retirement_month (input.birth, input.gender, NULL);
  if (retirement.year == 2026 || retirement.year == 2027)
    t->retiring++;
  if (retirement.year < 2026)
    t->retirement_reached++;
  if (!row->has_agreement)
    t->no_agreement++;
  else if (cp_date_is_set (row->agreement.end)
           && cp_date_compare (row->agreement.end, cp_date_make (2026, 1, 1)) < 0)
    t->expired++;
  return TRUE;
}

/* Levels of year + 1 by person, from a pass. */
static gboolean
note_level (const CpStaffRow *row, gpointer user_data)
{
  g_hash_table_insert (user_data, GINT_TO_POINTER ((int) row->staff->id),
                       GINT_TO_POINTER (row->level));
  return TRUE;
}

typedef struct
{
  GHashTable *next_levels;
  guint checked, moved, up;
} AdvanceCheck;

static gboolean
check_advance (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  AdvanceCheck *c = user_data;
  int next = GPOINTER_TO_INT (g_hash_table_lookup (c->next_levels,
                                                   GINT_TO_POINTER ((int) row->staff->id)));

  g_assert_cmpint (next, ==, to_level);
  c->checked++;
  c->moved += to_level != row->level;
  c->up += reason == CP_ADVANCE_UP;
  return TRUE;
}

static void
test_sample (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SampleTally t = { .day = cp_staff_check_day (2026, cp_date_make (2026, 7, 1)) };

  /* The fixture's townships make the store not empty: a store of its own. */
  g_autofree char *path = g_build_filename (fx->ts.dir, "sample.db", NULL);
  g_autoptr (CpStore) store = cp_store_open (path, CP_STORE_OPEN_CREATE, &error);
  g_assert_true (cp_sample_write (store, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cp_staff_store_get_params (store, 2026, &t.params, NULL));

  /* Every community: one head, 2–4 other members. About 6.8 people a community. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM community c WHERE (SELECT count(*) FROM "
                                 "staff s WHERE s.community_id = c.id AND post = 'head') <> 1 "
                                 "OR (SELECT count(*) FROM staff s WHERE s.community_id = c.id "
                                 "AND post = 'member') NOT BETWEEN 2 AND 4"),
                   ==, 0);
  int communities = count (store, "SELECT count(*) FROM community");
  int people = count (store, "SELECT count(*) FROM staff");
  g_test_message ("%d people in %d communities", people, communities);
  g_assert_cmpint (people, >=, 6 * communities);
  g_assert_cmpint (people, <=, 8 * communities);
  g_assert_cmpint (count (store, "SELECT count(*) FROM staff WHERE post = 'welfare'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM pay_parameter"), ==, 0);

  /* Valid, every problem of the check present, and the cases asked for. */
  g_assert_true (cp_staff_store_each (store, 2026, NULL, tally_sample_row, &t, &error));
  g_assert_cmpuint (t.people, ==, people);
  g_assert_cmpuint (t.invalid, ==, 0);
  for (guint i = 0; i < CP_N_STAFF_PROBLEMS; i++)
    {
      g_test_message ("%s: %u", cp_staff_problem_key (i), t.problems[i]);
      g_assert_cmpuint (t.problems[i], >, 0);
    }
  for (guint post = 0; post < CP_N_POSTS; post++)
    if (cp_post_has_levels (post))
      g_assert_cmpuint (t.top[post], >, 0);
  g_assert_cmpuint (t.retiring, >, 0);
  g_assert_cmpuint (t.retirement_reached, >, 0);
  g_assert_cmpuint (t.no_agreement, >, 0);
  g_assert_cmpuint (t.expired, >, 0);

  /* The levels follow the advancement rule from the grades: what each_advance of a year gives
   * is the level recorded for the next. The runs at a level began in different years, so not
   * everyone comes due at once: fewer than 45% move up in a year (when every run began in
   * 2023, nobody moved up into 2024 and 1,018 of 1,680 did into 2026). */
  for (int year = 2023; year <= 2025; year++)
    {
      g_autoptr (GHashTable) next = g_hash_table_new (NULL, NULL);
      AdvanceCheck c = { next, 0, 0, 0 };
      g_assert_true (cp_staff_store_each (store, year + 1, NULL, note_level, next, NULL));
      g_assert_true (cp_staff_store_each_advance (store, year, NULL, check_advance, &c, &error));
      g_assert_no_error (error);
      g_test_message ("%d: %u checked, %u moved, %u up", year, c.checked, c.moved, c.up);
      g_assert_cmpuint (c.moved, >, 0);
      g_assert_cmpuint (c.up, >, 0);
      g_assert_cmpuint (c.up * 100, <, c.checked * 45);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff-store/vocabularies", test_vocabularies);
  ADD ("/staff-store/save-find-delete", test_save_find_delete);
  ADD ("/staff-store/schema-checks", test_schema_checks);
  ADD ("/staff-store/params", test_params);
  ADD ("/staff-store/levels", test_levels);
  ADD ("/staff-store/agreements", test_agreements);
  ADD ("/staff-store/level-since", test_level_since);
  ADD ("/staff-store/each", test_each);
  ADD ("/staff-store/row-inputs", test_row_inputs);
  ADD ("/staff-store/list", test_list);
  ADD ("/staff-store/each-slip", test_each_slip);
  ADD ("/staff-store/advance", test_advance);
  ADD ("/staff-store/read-only", test_read_only);
  ADD ("/staff-store/sample", test_sample);
#undef ADD
  return g_test_run ();
}
