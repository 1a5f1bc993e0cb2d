/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-facility-check.h"
#include "cp-sample.h"
#include "cp-store-private.h"
#include "cp-test-utils.h"

/* Auxiliary functions */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = cp_test_dir_make ("sample");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  cp_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static CpStore *
open_new (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  CpStore *store = cp_store_open (path, CP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static CpStore *
open_sample (Fixture *fixture, const char *name, guint scale)
{
  g_autoptr (GError) error = NULL;
  CpStore *store = open_new (fixture, name);

  g_assert_true (cp_sample_write (store, scale, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
query_int64 (CpStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (CpStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  double value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every table, in a fixed order, as one SHA-256. */
static char *
content_digest (CpStore *store)
{
  static const char *const queries[] = {
    "SELECT * FROM setting ORDER BY key",
    "SELECT * FROM standard ORDER BY year",
    "SELECT * FROM township ORDER BY id",
    "SELECT * FROM community ORDER BY id",
    "SELECT * FROM community_year ORDER BY community_id, year",
    "SELECT * FROM facility ORDER BY id",
  };
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = cp_store_prepare (store, queries[q], NULL);
      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (stmt); i++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, i);
            g_checksum_update (checksum, (const guchar *) (text != NULL ? text : "\\N"), -1);
            g_checksum_update (checksum, (const guchar *) "\t", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  guint broken[CP_N_RULES];
  guint relocation_sites;
  guint relocation_sites_compliant;
} RuleCounts;

static gboolean
count_rules (const CpCheckRow *row, gpointer user_data)
{
  RuleCounts *counts = user_data;

  for (guint r = 0; r < CP_N_RULES; r++)
    if (CP_VIOLATES (row->result.violations, r))
      counts->broken[r]++;
  if (row->relocation_site)
    {
      counts->relocation_sites++;
      if (row->result.violations == 0)
        counts->relocation_sites_compliant++;
    }
  return TRUE;
}

static void
check_year (CpStore *store, int year, RuleCounts *counts, CpCheckSummary *summary)
{
  g_autoptr (GError) error = NULL;

  *counts = (RuleCounts){ 0 };
  g_assert_true (
      cp_facility_check_run (store, year, 0, count_rules, counts, summary, NULL, &error));
  g_assert_no_error (error);
}

/* Tests */

static void
test_townships (Fixture *fixture, gconstpointer data)
{
  static const char *const expected[][3] = {
    { "220281001", "民主街道", "subdistrict" },   { "220281002", "长安街道", "subdistrict" },
    { "220281003", "河南街道", "subdistrict" },   { "220281004", "奶子山街道", "subdistrict" },
    { "220281005", "拉法街道", "subdistrict" },   { "220281006", "河北街道", "subdistrict" },
    { "220281007", "新农街道", "subdistrict" },   { "220281100", "新站镇", "town" },
    { "220281101", "天岗镇", "town" },            { "220281102", "白石山镇", "town" },
    { "220281103", "漂河镇", "town" },            { "220281104", "黄松甸镇", "town" },
    { "220281105", "天北镇", "town" },            { "220281106", "松江镇", "town" },
    { "220281107", "庆岭镇", "town" },            { "220281200", "乌林朝鲜族乡", "township" },
    { "220281201", "前进乡", "township" },
  };
  g_autoptr (CpStore) store = open_sample (fixture, "townships.db", 1);
  sqlite3_stmt *stmt
      = cp_store_prepare (store, "SELECT code, name, kind FROM township ORDER BY code", NULL);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      for (int i = 0; i < 3; i++)
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, i), ==, expected[n][i]);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 17);

  /* Community codes extend their township's code by three digits. */
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community c JOIN township t ON "
                                       "t.id = c.township_id WHERE length(c.code) <> 12 OR "
                                       "substr(c.code, 1, 9) <> t.code"),
                   ==, 0);
  /* Subdistricts are mostly 社区, towns and townships mostly 村 with 1–3 社区 each. */
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM (SELECT t.id FROM township t JOIN "
                                       "community c ON c.township_id = t.id WHERE t.kind <> "
                                       "'subdistrict' GROUP BY t.id HAVING sum(c.kind = 'urban') "
                                       "NOT BETWEEN 1 AND 3 OR sum(c.kind = 'rural') < 10)"),
                   ==, 0);
}

static void
test_settings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "settings.db", 1);
  g_autofree char *city = cp_store_get_setting (store, "city_name");
  g_autofree char *code = cp_store_get_setting (store, "city_code");
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  CpStandards standards;

  g_assert_cmpstr (city, ==, "蛟河市");
  g_assert_cmpstr (code, ==, "220281");
  g_assert_true (cp_store_is_sample (store));
  g_assert_true (cp_facility_store_get_standards (store, 2025, &standards, &source, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (source, ==, "蛟政办发〔2023〕1号");
  g_assert_cmpfloat (standards.area_per_100_households_m2, ==, 30.0);
  g_assert_cmpfloat (standards.rural_building_min_m2, ==, 200.0);
  g_assert_cmpfloat (standards.service_share_min, ==, 0.8);
  g_assert_cmpint (query_int64 (store, "SELECT year FROM standard"), ==, 2021);
}

static void
test_population (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "population.db", 1);
  gint64 population
      = query_int64 (store, "SELECT sum(population) FROM community_year WHERE year = 0");
  gint64 households
      = query_int64 (store, "SELECT sum(households) FROM community_year WHERE year = 0");
  gint64 communities = query_int64 (store, "SELECT count(*) FROM community");

  g_assert_cmpint (population, >=, 300000);
  g_assert_cmpint (population, <=, 360000);
  g_assert_cmpfloat ((double) population / (double) households, >=, 2.3);
  g_assert_cmpfloat ((double) population / (double) households, <=, 2.6);
  g_assert_cmpint (communities, >=, 250);
  g_assert_cmpint (communities, <=, 350);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community c JOIN community_year y "
                                       "ON y.community_id = c.id AND y.year = 0 WHERE (c.kind = "
                                       "'urban' AND y.households NOT BETWEEN 800 AND 4000) OR "
                                       "(c.kind = 'rural' AND y.households NOT BETWEEN 150 AND "
                                       "900)"),
                   ==, 0);
  /* Every community has figures from the start. */
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community_year WHERE year = 0"), ==,
                   communities);
}

static void
test_later_figures (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "later.db", 1);

  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community_year WHERE year = 2024"),
                   >, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community_year WHERE year = 2025"),
                   >, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community_year WHERE year NOT IN "
                                       "(0, 2024, 2025)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community_year y JOIN "
                                       "community_year z ON z.community_id = y.community_id AND "
                                       "z.year = 0 WHERE y.year > 0 AND y.households <> "
                                       "z.households"),
                   >, 0);
}

static void
test_facilities (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "facilities.db", 1);

  g_assert_cmpint (query_int64 (store, "SELECT count(DISTINCT provision) FROM facility"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT count(DISTINCT status) FROM facility"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT min(year) FROM facility"), ==, 2012);
  g_assert_cmpint (query_int64 (store, "SELECT max(year) FROM facility"), ==, 2027);
  g_assert_cmpint (query_int64 (store, "SELECT count(DISTINCT kind) FROM facility"), ==, 12);
  /* 0–3 comprehensive facilities a community. */
  g_assert_cmpint (query_int64 (store, "SELECT max(n) FROM (SELECT count(f.id) AS n FROM "
                                       "community c LEFT JOIN facility f ON f.community_id = c.id "
                                       "AND f.kind = 'comprehensive' GROUP BY c.id)"),
                   <=, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM facility WHERE name = "
                                       "(SELECT name FROM community WHERE id = community_id) || "
                                       "'综合服务中心'"),
                   >, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community WHERE relocation_site"),
                   >=, 3);
  /* In use means opened by now; planned means not yet open. */
  g_assert_cmpint (query_int64 (store, "SELECT max(year) FROM facility WHERE status = 'in_use'"),
                   <=, 2025);
  g_assert_cmpint (query_int64 (store, "SELECT min(year) FROM facility WHERE status = "
                                       "'planned'"),
                   >=, 2026);
  double average = query_double (store, "SELECT (SELECT count(*) FROM facility) * 1.0 / "
                                        "(SELECT count(*) FROM community)");
  g_assert_cmpfloat (average, >=, 1.5);
  g_assert_cmpfloat (average, <=, 4.0);
}

static void
test_deterministic (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) first = open_sample (fixture, "first.db", 1);
  g_autoptr (CpStore) second = open_sample (fixture, "second.db", 1);
  g_autofree char *first_digest = content_digest (first);
  g_autofree char *second_digest = content_digest (second);

  g_assert_cmpstr (first_digest, ==, second_digest);

  /* The files themselves are the same bytes once closed. */
  g_autofree char *first_path = g_strdup (cp_store_get_path (first));
  g_autofree char *second_path = g_strdup (cp_store_get_path (second));
  g_clear_pointer (&first, cp_store_free);
  g_clear_pointer (&second, cp_store_free);
  g_autofree char *first_bytes = NULL, *second_bytes = NULL;
  gsize first_size = 0, second_size = 0;
  g_assert_true (g_file_get_contents (first_path, &first_bytes, &first_size, NULL));
  g_assert_true (g_file_get_contents (second_path, &second_bytes, &second_size, NULL));
  g_assert_cmpuint (first_size, ==, second_size);
  g_assert_true (memcmp (first_bytes, second_bytes, first_size) == 0);
}

static void
test_scale_two (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) one = open_sample (fixture, "one.db", 1);
  g_autoptr (CpStore) two = open_sample (fixture, "two.db", 2);
  gint64 communities = query_int64 (one, "SELECT count(*) FROM community");

  g_assert_cmpint (query_int64 (two, "SELECT count(*) FROM community"), ==, 2 * communities);
  g_assert_cmpint (query_int64 (two, "SELECT count(*) FROM township"), ==, 34);
  g_assert_cmpint (query_int64 (two, "SELECT count(DISTINCT name) FROM township"), ==, 34);
  g_assert_cmpint (query_int64 (two, "SELECT count(*) FROM township WHERE code = '900001001' "
                                     "AND name = '民主街道（样例县1）' AND kind = 'subdistrict'"),
                   ==, 1);
  g_assert_cmpint (query_int64 (two, "SELECT count(*) FROM facility f JOIN community c ON "
                                     "c.id = f.community_id WHERE c.code LIKE '220281%'"),
                   ==, query_int64 (one, "SELECT count(*) FROM facility"));
  /* The first copy is 蛟河市 itself, the same as at scale 1. */
  g_assert_cmpint (query_int64 (two, "SELECT sum(population) FROM community_year y JOIN "
                                     "community c ON c.id = y.community_id WHERE y.year = 0 AND "
                                     "c.code LIKE '220281%'"),
                   ==, query_int64 (one, "SELECT sum(population) FROM community_year WHERE "
                                         "year = 0"));
}

static void
test_violations (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "violations.db", 1);
  RuleCounts counts;
  CpCheckSummary summary;

  for (int year = 2023; year <= 2027; year++)
    {
      check_year (store, year, &counts, &summary);
      for (guint r = 0; r < CP_N_RULES; r++)
        {
          if (counts.broken[r] == 0)
            g_test_message ("year %d: nobody breaks %s", year, cp_rules[r].key);
          g_assert_cmpuint (counts.broken[r], >, 0);
        }
    }

  check_year (store, 2025, &counts, &summary);
  double compliant = cp_facility_check_summary_compliant_rate (&summary);
  g_assert_cmpfloat (compliant, >=, 0.5);
  g_assert_cmpfloat (compliant, <=, 0.95);
  g_assert_cmpuint (counts.relocation_sites_compliant, >, 0);
  g_assert_cmpuint (counts.relocation_sites_compliant, <, counts.relocation_sites);
}

static void
test_latest_matters (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "latest.db", 1);
  g_autoptr (GError) error = NULL;
  CpCheckSummary before, after;

  g_autoptr (GArray) t2023 = cp_facility_check_townships (store, 2023, &before, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (GArray) t2025 = cp_facility_check_townships (store, 2025, &after, NULL, &error);
  g_assert_no_error (error);
  gint64 households_2023 = 0, households_2025 = 0;
  for (guint i = 0; i < t2023->len; i++)
    {
      households_2023 += g_array_index (t2023, CpTownshipResult, i).households;
      households_2025 += g_array_index (t2025, CpTownshipResult, i).households;
    }
  g_assert_cmpint (households_2023, !=, households_2025);
  /* Facilities open during the plan: coverage grows from 2023 to 2025. */
  g_assert_cmpuint (before.covered, <, after.covered);
}

static void
test_refusals (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_sample (fixture, "twice.db", 1);
  g_autoptr (CpStore) fresh = open_new (fixture, "zero.db");
  g_autoptr (GError) error = NULL;

  g_assert_false (cp_sample_write (store, 1, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cp_sample_write (fresh, 0, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_cmpint (query_int64 (fresh, "SELECT count(*) FROM township"), ==, 0);
}

static void
test_cancelled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CpStore) store = open_new (fixture, "cancelled.db");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (cp_sample_write (store, 3, cancellable, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
  /* Nothing is left behind, not even the settings. */
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM township"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM setting"), ==, 0);
  g_assert_false (cp_store_is_sample (store));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sample/townships", test_townships);
  ADD ("/sample/settings", test_settings);
  ADD ("/sample/population", test_population);
  ADD ("/sample/later-figures", test_later_figures);
  ADD ("/sample/facilities", test_facilities);
  ADD ("/sample/deterministic", test_deterministic);
  ADD ("/sample/scale-two", test_scale_two);
  ADD ("/sample/violations", test_violations);
  ADD ("/sample/latest-matters", test_latest_matters);
  ADD ("/sample/refusals", test_refusals);
  ADD ("/sample/cancelled", test_cancelled);
#undef ADD
  return g_test_run ();
}
