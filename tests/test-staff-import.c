/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of staff, grades and pay parameters (tests/data/staff/): Chinese and key headers,
 * UTF-8 with BOM and GB18030, a known identity number updating its person, the entry level for
 * a row without one (worked out by hand below), agreements not doubled on a second import; and
 * every kind of bad row reported as FILE:ROW:COLUMN with the database left as it was (the
 * digest of every row of every table, before and after). */
#include "config.h"

#include <string.h>

#include "cp-facility-store.h"
#include "cp-import.h"
#include "cp-staff-store.h"
#include "cp-store-private.h"
#include "cp-test-utils.h"

/* The identity numbers of tests/data/staff/staff.csv and staff-keys-gb18030.csv. */
#define ID_HEAD "220281197505120115"    /* 张建国 */
#define ID_MEMBER "220281198808080223"  /* 李丽 */
#define ID_STAFF "22028119950315031X"   /* 王浩 */
#define ID_WELFARE "220281196801010426" /* 赵秀英 */
#define ID_LEFT "220281198001010515"    /* 孙伟 */
#define ID_GB_MEMBER "22028119900620062X"
#define ID_GB_HEAD "220281198509090712"

typedef struct
{
  CpTestStore ts;
  CpStore *store;
} Fixture;

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "staff", name, NULL);
}

static gboolean
import (CpStore *store, const char *kind, const char *path, guint *out_rows, GError **error)
{
  const CpImportKind *k = cp_import_kind_lookup (kind);

  g_assert_nonnull (k);
  return cp_import_file (store, k, path, out_rows, NULL, error);
}

static void
import_ok (CpStore *store, const char *kind, const char *name, guint rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_path (name);
  guint written = 0;

  g_assert_true (import (store, kind, path, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, rows);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autofree char *townships = g_build_filename (TEST_DATA_DIR, "fixture-townships.csv", NULL);
  g_autofree char *communities = g_build_filename (TEST_DATA_DIR, "fixture-communities.csv",
                                                   NULL);

  cp_test_store_set_up (&fx->ts, "staff-import");
  fx->store = fx->ts.store;
  g_assert_true (import (fx->store, "townships", townships, NULL, NULL));
  g_assert_true (import (fx->store, "communities", communities, NULL, NULL));
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  cp_test_store_tear_down (&fx->ts);
}

static int
count (CpStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = cp_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* One line a row, "id|year|level", of a person's levels. */
static char *
levels_of (CpStore *store, const char *id_number)
{
  gint64 id = cp_staff_store_find (store, id_number, NULL);
  g_autoptr (GArray) history = cp_staff_store_level_history (store, id, NULL);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < history->len; i++)
    {
      CpLevelEntry *e = &g_array_index (history, CpLevelEntry, i);
      g_string_append_printf (out, "%d:%d;", e->year, e->level);
    }
  return g_string_free (out, FALSE);
}

static CpStaff
get (CpStore *store, const char *id_number)
{
  CpStaff staff;

  g_assert_true (cp_staff_store_get (store, cp_staff_store_find (store, id_number, NULL), &staff,
                                     NULL));
  return staff;
}

/* The digest of every row of every table: the same before and after a failed import. */
static char *
content_digest (CpStore *store)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (sqlite3_stmt) tables = cp_store_prepare (
      store, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr (sqlite3_stmt) rows = cp_store_prepare (store, sql, NULL);
      g_checksum_update (sum, (const guchar *) table, -1);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            const char *text = (const char *) sqlite3_column_text (rows, i);
            g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Staff */

static void
test_staff (Fixture *fx, gconstpointer data)
{
  /* Chinese headers, UTF-8 with a BOM, dates as months and days. */
  import_ok (fx->store, "staff", "staff.csv", 5);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff"), ==, 5);

  CpStaff head = get (fx->store, ID_HEAD);
  g_assert_cmpstr (head.name, ==, "张建国");
  g_assert_cmpint (head.post, ==, CP_POST_HEAD);
  g_assert_cmpstr (head.role, ==, "党委书记");
  g_assert_cmpint (head.education, ==, CP_EDUCATION_BACHELOR);
  g_assert_cmpint (head.qualification, ==, CP_QUALIFICATION_SOCIAL_WORKER);
  g_assert_cmpint (cp_date_compare (head.work_start, cp_date_make (1997, 7, 1)), ==, 0);
  g_assert_cmpint (head.grid_role, ==, CP_GRID_LEADER);
  g_assert_cmpstr (head.phone, ==, "13904321234");
  g_assert_cmpint (head.special_deduction_fen, ==, 150000); /* 1,500 yuan */
  cp_staff_clear (&head);
  CpStaff left = get (fx->store, ID_LEFT);
  g_assert_cmpint (left.status, ==, CP_STAFF_LEFT);
  g_assert_cmpint (cp_date_compare (left.status_date, cp_date_make (2025, 6, 30)), ==, 0);
  cp_staff_clear (&left);

  /* Levels: given (head 9 in 2025; 孙伟 5 in 2024), or the entry level of the row's year:
   * 李丽, member (lowest 4), 大专 (step 0), no qualification, service from 2016-05-01: 8 full
   * years on 2025-01-01, 8 ÷ 3 = 2 → 4 + 0 + 2 = 6.
   * 王浩, worker (lowest 1), 硕士 (step 2) with 助理社会工作师 (step 1), the higher 2, service
   * from 2021-01-01: 4 full years, 4 ÷ 3 = 1 → 1 + 2 + 1 = 4.
   * 赵秀英, a welfare post: no level. */
  g_autofree char *l_head = levels_of (fx->store, ID_HEAD);
  g_autofree char *l_member = levels_of (fx->store, ID_MEMBER);
  g_autofree char *l_staff = levels_of (fx->store, ID_STAFF);
  g_autofree char *l_welfare = levels_of (fx->store, ID_WELFARE);
  g_autofree char *l_left = levels_of (fx->store, ID_LEFT);
  g_assert_cmpstr (l_head, ==, "2025:9;");
  g_assert_cmpstr (l_member, ==, "2025:6;");
  g_assert_cmpstr (l_staff, ==, "2025:4;");
  g_assert_cmpstr (l_welfare, ==, "");
  g_assert_cmpstr (l_left, ==, "2024:5;");

  /* Agreements: 张建国 2024–2026, 李丽 open-ended from 2025, 赵秀英 2023-06 to 2025-05. */
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_agreement"), ==, 3);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_agreement WHERE end_date IS "
                                     "NULL AND start_date = '2025-01-01'"),
                   ==, 1);
}

static void
test_staff_gb18030_keys (Fixture *fx, gconstpointer data)
{
  /* Key headers, GB18030 bytes. 吴海涛, head (lowest 7), 大专, no qualification, service from
   * 2010-01-01: 16 full years on 2026-01-01, 16 ÷ 3 = 5 → 7 + 0 + 5 = 12 in 2026. */
  import_ok (fx->store, "staff", "staff-keys-gb18030.csv", 2);
  CpStaff member = get (fx->store, ID_GB_MEMBER);
  g_assert_cmpstr (member.name, ==, "周婷");
  g_assert_cmpstr (member.role, ==, "");
  g_assert_cmpint (member.status, ==, CP_STAFF_ACTIVE);
  cp_staff_clear (&member);
  g_autofree char *l_member = levels_of (fx->store, ID_GB_MEMBER);
  g_autofree char *l_head = levels_of (fx->store, ID_GB_HEAD);
  g_assert_cmpstr (l_member, ==, "2026:6;");
  g_assert_cmpstr (l_head, ==, "2026:12;");
}

static void
test_staff_update (Fixture *fx, gconstpointer data)
{
  import_ok (fx->store, "staff", "staff.csv", 5);
  g_autofree char *before = content_digest (fx->store);
  /* The same file again: nothing changes (no second agreement, no second level). */
  import_ok (fx->store, "staff", "staff.csv", 5);
  g_autofree char *again = content_digest (fx->store);
  g_assert_cmpstr (again, ==, before);

  /* Known numbers: updated. 张建国 gets level 10 from 2026 (2025's 9 stays); 李丽 has a level
   * already (6 from 2025), so none is added for 2026; her agreement of 2025-01-01 gets its end. */
  import_ok (fx->store, "staff", "staff-update.csv", 2);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff"), ==, 5);
  CpStaff head = get (fx->store, ID_HEAD);
  g_assert_cmpstr (head.role, ==, "党委书记、主任");
  g_assert_cmpint (head.special_deduction_fen, ==, 200000);
  cp_staff_clear (&head);
  CpStaff member = get (fx->store, ID_MEMBER);
  g_assert_cmpint (member.education, ==, CP_EDUCATION_BACHELOR);
  cp_staff_clear (&member);
  g_autofree char *l_head = levels_of (fx->store, ID_HEAD);
  g_autofree char *l_member = levels_of (fx->store, ID_MEMBER);
  g_assert_cmpstr (l_head, ==, "2025:9;2026:10;");
  g_assert_cmpstr (l_member, ==, "2025:6;");
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_agreement"), ==, 3);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM staff_agreement WHERE end_date = "
                                     "'2027-12-31'"),
                   ==, 1);
}

/* Grades and parameters */

static void
test_grades (Fixture *fx, gconstpointer data)
{
  import_ok (fx->store, "staff", "staff.csv", 5);
  import_ok (fx->store, "grades", "grades.csv", 4);
  gint64 head = cp_staff_store_find (fx->store, ID_HEAD, NULL);
  gint64 member = cp_staff_store_find (fx->store, ID_MEMBER, NULL);
  gint64 worker = cp_staff_store_find (fx->store, ID_STAFF, NULL);
  g_assert_cmpint (cp_staff_store_get_grade (fx->store, head, 2024, NULL), ==,
                   CP_GRADE_EXCELLENT);
  g_assert_cmpint (cp_staff_store_get_grade (fx->store, head, 2025, NULL), ==,
                   CP_GRADE_COMPETENT);
  g_assert_cmpint (cp_staff_store_get_grade (fx->store, member, 2025, NULL), ==, CP_GRADE_BASIC);
  g_assert_cmpint (cp_staff_store_get_grade (fx->store, worker, 2025, NULL), ==,
                   CP_GRADE_INCOMPETENT);
  g_assert_cmpint (cp_staff_store_get_grade (fx->store, worker, 2024, NULL), ==, CP_GRADE_NONE);
}

static void
test_parameters (Fixture *fx, gconstpointer data)
{
  CpPayParams p;
  CpStandards standards;
  g_autofree char *source = NULL;

  import_ok (fx->store, "parameters", "parameters.csv", 6);
  g_assert_true (cp_staff_store_get_params (fx->store, 2025, &p, NULL));
  g_assert_cmpfloat (p.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 4800);
  g_assert_cmpfloat (p.value[CP_PARAM_QUALIFICATION_MODE], ==, CP_QUALIFICATION_MODE_ALLOWANCE);
  g_assert_cmpfloat (p.value[CP_PARAM_LEVEL_MIN_HEAD], ==, 7);
  g_assert_true (cp_staff_store_get_params (fx->store, 2026, &p, NULL));
  g_assert_cmpfloat (p.value[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 4800);
  g_assert_cmpint (p.from_year[CP_PARAM_REFERENCE_WAGE_YUAN], ==, 2025);
  g_assert_cmpfloat (p.value[CP_PARAM_LEVEL_MIN_HEAD], ==, 8);
  g_assert_cmpfloat (p.value[CP_PARAM_RATE_PENSION_EMPLOYER], ==, 0.15);

  /* The facility standards of 2026: the two values of the file, the rest as in force. */
  g_assert_true (cp_facility_store_get_standards (fx->store, 2026, &standards, &source, NULL));
  g_assert_cmpfloat (standards.area_per_100_households_m2, ==, 35);
  g_assert_cmpfloat (standards.service_share_min, ==, 0.75);
  g_assert_cmpfloat (standards.rural_building_min_m2, ==, 200);
  g_assert_cmpstr (source, ==, "参数表导入");
  g_assert_true (cp_facility_store_get_standards (fx->store, 2025, &standards, NULL, NULL));
  g_assert_cmpfloat (standards.area_per_100_households_m2, ==, 30);
}

/* Bad files: every kind of problem, FILE:ROW:COLUMN, nothing written */

typedef struct
{
  const char *kind;
  const char *file;
  const char *where; /* ":ROW:COLUMN: " */
  const char *what;  /* a part of the message */
} BadFile;

static const BadFile bad_files[] = {
  { "staff", "err-staff-check-digit.csv", ":3:身份证号: ", "the check character is 0, expected X" },
  { "staff", "err-staff-birth-date.csv", ":3:身份证号: ", "19950230" },
  { "staff", "err-staff-unknown-community.csv", ":3:社区: ", "unknown community “220281999999”" },
  { "staff", "err-staff-level-range.csv", ":3:等级: ", "level 5 is outside" },
  { "staff", "err-staff-unknown-post.csv", ":3:岗位: ", "unknown post “主任”" },
  { "staff", "err-staff-unknown-education.csv", ":3:学历: ", "unknown education “大学”" },
  { "staff", "err-staff-unknown-qualification.csv", ":3:职业资格: ",
    "unknown qualification “心理咨询师”" },
  { "staff", "err-staff-duplicate.csv", ":4:身份证号: ", "also on row 3" },
  { "staff", "err-staff-bad-date.csv", ":3:参加工作时间: ", "“2020-13-01” is not a date" },
  { "staff", "err-staff-future-date.csv", ":3:社区工作起始时间: ", "“2099-01-01” lies in the future" },
  { "grades", "err-grades-not-on-roster.csv", ":3:身份证号: ", "is not on the roster" },
  { "grades", "err-grades-unknown-grade.csv", ":2:等次: ", "unknown grade “良好”" },
  { "parameters", "err-parameters-unknown-key.csv", ":3:参数: ", "unknown parameter “base_wage”" },
  { "parameters", "err-parameters-range.csv", ":3:数值: ", "1.5 is outside the range of base_share" },
  { "parameters", "err-parameters-together.csv", ":4:数值: ",
    "level_min.head (16) is above level_max.head (12)" },
};

static void
test_bad_files (Fixture *fx, gconstpointer data)
{
  /* A roster and parameters already there: the bad files must leave them as they are. */
  import_ok (fx->store, "staff", "staff.csv", 5);
  import_ok (fx->store, "grades", "grades.csv", 4);
  import_ok (fx->store, "parameters", "parameters.csv", 6);
  g_autofree char *before = content_digest (fx->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *b = &bad_files[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *path = data_path (b->file);
      g_autofree char *where = g_strconcat (path, b->where, NULL);

      g_test_message ("%s", b->file);
      g_assert_false (import (fx->store, b->kind, path, NULL, &error));
      g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
      g_test_message ("%s", error->message);
      /* One problem, one line. */
      g_assert_true (g_str_has_prefix (error->message, where));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_nonnull (strstr (error->message, b->what));
      g_autofree char *after = content_digest (fx->store);
      g_assert_cmpstr (after, ==, before);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff-import/staff", test_staff);
  ADD ("/staff-import/staff-gb18030-keys", test_staff_gb18030_keys);
  ADD ("/staff-import/staff-update", test_staff_update);
  ADD ("/staff-import/grades", test_grades);
  ADD ("/staff-import/parameters", test_parameters);
  ADD ("/staff-import/bad-files", test_bad_files);
#undef ADD
  return g_test_run ();
}
