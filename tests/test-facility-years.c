/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closing years, projection with planned work and the explanation of each rule, with numbers
 * worked out by hand (issue 9, points 1, 3 and 4). */
#include "config.h"

#include "cp-facility-check.h"
#include "cp-test-utils.h"

/* Closing years, pure */

static void
test_exists_in_year (void)
{
  CpFacility f = cp_test_facility (0, "A", 300.0);

  /* Opened 2020, out of use from 2026: exists 2020–2025. */
  f.closed_year = 2026;
  g_assert_false (cp_facility_exists_in_year (&f, 2019));
  g_assert_true (cp_facility_exists_in_year (&f, 2020));
  g_assert_true (cp_facility_exists_in_year (&f, 2025));
  g_assert_false (cp_facility_exists_in_year (&f, 2026));
  g_assert_cmpint (cp_facility_count_in_year (&f, 2025, FALSE), ==, CP_COUNT_YES);
  g_assert_cmpint (cp_facility_count_in_year (&f, 2026, FALSE), ==, CP_COUNT_CLOSED);
  g_assert_cmpint (cp_facility_count_in_year (&f, 2019, FALSE), ==, CP_COUNT_OPENS_LATER);

  /* 停用 with a closing year: in use until then. */
  f.status = CP_STATUS_CLOSED;
  g_assert_cmpint (cp_facility_count_in_year (&f, 2025, FALSE), ==, CP_COUNT_YES);
  g_assert_cmpint (cp_facility_count_in_year (&f, 2026, FALSE), ==, CP_COUNT_CLOSED);

  /* 停用 without one (as schema 2 kept them): closed in every year. */
  f.closed_year = 0;
  g_assert_false (cp_facility_exists_in_year (&f, 2020));
  g_assert_false (cp_facility_exists_in_year (&f, 2030));
  g_assert_cmpint (cp_facility_count_in_year (&f, 2030, TRUE), ==, CP_COUNT_CLOSED);

  /* Planned work counts only with the projection, from its year. */
  f.status = CP_STATUS_PLANNED;
  f.year = 2027;
  g_assert_cmpint (cp_facility_count_in_year (&f, 2026, TRUE), ==, CP_COUNT_OPENS_LATER);
  g_assert_cmpint (cp_facility_count_in_year (&f, 2027, FALSE), ==, CP_COUNT_PLANNED);
  g_assert_cmpint (cp_facility_count_in_year (&f, 2027, TRUE), ==, CP_COUNT_YES);
  f.status = CP_STATUS_BUILDING;
  g_assert_cmpint (cp_facility_count_in_year (&f, 2027, FALSE), ==, CP_COUNT_BUILDING);
  g_assert_true (cp_facility_counts_in_year (&f, 2027) == FALSE);
  f.kind = CP_FACILITY_ELDERLY_CARE;
  g_assert_cmpint (cp_facility_count_in_year (&f, 2027, TRUE), ==, CP_COUNT_NOT_COMPREHENSIVE);
}

static void
test_validate_closed_year (void)
{
  g_autoptr (GError) error = NULL;
  CpFacility f = cp_test_facility (1, "A", 300.0);

  f.closed_year = 2020; /* the year it opened: allowed */
  g_assert_true (cp_facility_validate (&f, NULL));
  f.closed_year = 2019;
  g_assert_false (cp_facility_validate (&f, &error));
  g_assert_cmpstr (error->message, ==,
                   "Closing year: 2019 is before the opening year 2020; enter 2020 or later.");
  g_clear_error (&error);
  f.closed_year = 2101;
  g_assert_false (cp_facility_validate (&f, &error));
  g_assert_nonnull (strstr (error->message, "Closing year: 2101 is outside"));
}

/* Closing years and projection in the store */

typedef struct
{
  CpTestStore ts;
  CpStore *store;
  gint64 closes, planned, unreachable, growing, compliant, township;
} Fixture;

static void
add_facility (CpStore *store, gint64 community, const char *name, double area,
              CpFacilityStatus status, int year, int closed_year)
{
  CpFacility f = cp_test_facility (community, name, area);

  f.status = status;
  f.year = year;
  f.closed_year = closed_year;
  cp_test_insert_facility (store, &f);
}

/* Five urban communities; 1,000 households need 1000 × 30 ÷ 100 = 300.0 m². */
static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  cp_test_store_set_up (&fx->ts, "facility-years");
  fx->store = fx->ts.store;
  CpStore *s = fx->store;

  fx->township = cp_test_add_township (s, "001", "河南街道", CP_TOWNSHIP_SUBDISTRICT);
  /* 300 m² in use 2020, out of use from 2026. */
  fx->closes = cp_test_add_community (s, fx->township, "001001", CP_COMMUNITY_URBAN, 1000);
  add_facility (s, fx->closes, "旧中心", 300.0, CP_STATUS_IN_USE, 2020, 2026);
  /* 200 m² in use, 150 m² planned for 2027: 100.0 short in 2026, compliant from 2027. */
  fx->planned = cp_test_add_community (s, fx->township, "001002", CP_COMMUNITY_URBAN, 1000);
  add_facility (s, fx->planned, "中心", 200.0, CP_STATUS_IN_USE, 2018, 0);
  add_facility (s, fx->planned, "新中心", 150.0, CP_STATUS_PLANNED, 2027, 0);
  /* 100 m² in use, 120 m² being built for 2027: 300 − 220 = 80.0 m² short when all is done. */
  fx->unreachable = cp_test_add_community (s, fx->township, "001003", CP_COMMUNITY_URBAN, 1000);
  add_facility (s, fx->unreachable, "小中心", 100.0, CP_STATUS_IN_USE, 2018, 0);
  add_facility (s, fx->unreachable, "在建中心", 120.0, CP_STATUS_BUILDING, 2027, 0);
  /* 500 households in 2026 need 150.0 m² (150 in use); 800 from 2028 need 240.0: 90.0 short. */
  fx->growing = cp_test_add_community (s, fx->township, "001004", CP_COMMUNITY_URBAN, 500);
  CpCommunity later = { .id = fx->growing, .township_id = fx->township, .code = (char *) "001004",
                        .name = (char *) "001004", .households = 800, .population = 1600 };
  cp_test_insert_community (s, &later, 2028);
  add_facility (s, fx->growing, "社区中心", 150.0, CP_STATUS_IN_USE, 2018, 0);
  /* Compliant now and later. */
  fx->compliant = cp_test_add_community (s, fx->township, "001005", CP_COMMUNITY_URBAN, 1000);
  add_facility (s, fx->compliant, "大中心", 320.0, CP_STATUS_IN_USE, 2015, 0);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  cp_test_store_tear_down (&fx->ts);
}

typedef struct
{
  gint64 id;
  CpCommunityResult result;
  gboolean seen;
} Probe;

static gboolean
probe_row (const CpCheckRow *row, gpointer user_data)
{
  Probe *probe = user_data;

  if (row->id == probe->id)
    {
      probe->result = row->result;
      probe->seen = TRUE;
    }
  return TRUE;
}

static CpCommunityResult
check_one (Fixture *fx, gint64 id, int year, gboolean projected)
{
  g_autoptr (GError) error = NULL;
  CpCheckSummary summary;
  Probe probe = { id };

  g_assert_true (cp_facility_check_run_full (fx->store, year, 0, projected, probe_row, &probe,
                                             &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (probe.seen);
  return probe.result;
}

static void
test_closed_year_store (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) list = cp_facility_store_list (fx->store, fx->closes, NULL);

  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (g_array_index (list, CpFacility, 0).closed_year, ==, 2026);

  /* 2025: 300.0 of 300.0. 2026: closed, nothing counts: 300.0 short, not covered. */
  CpCommunityResult r = check_one (fx, fx->closes, 2025, FALSE);
  g_assert_cmpuint (r.violations, ==, 0);
  g_assert_cmpfloat (r.actual_area_m2, ==, 300.0);
  r = check_one (fx, fx->closes, 2026, FALSE);
  g_assert_cmpfloat (r.actual_area_m2, ==, 0.0);
  g_assert_cmpfloat (r.shortfall_m2, ==, 300.0);
  g_assert_true (CP_VIOLATES (r.violations, CP_RULE_COVERAGE));

  /* A closing year before the opening year is refused by the schema too. */
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (cp_store_get_path (fx->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE facility SET closed_year = 2019", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_projected_check (Fixture *fx, gconstpointer data)
{
  /* 2027 without planned work: 200.0 of 300.0. With it: 200 + 150 = 350.0, compliant. */
  CpCommunityResult r = check_one (fx, fx->planned, 2027, FALSE);
  g_assert_cmpfloat (r.shortfall_m2, ==, 100.0);
  r = check_one (fx, fx->planned, 2027, TRUE);
  g_assert_cmpfloat (r.actual_area_m2, ==, 350.0);
  g_assert_cmpuint (r.violations, ==, 0);
  /* 2026 with planned work: the 2027 facility is not open yet. */
  r = check_one (fx, fx->planned, 2026, TRUE);
  g_assert_cmpfloat (r.shortfall_m2, ==, 100.0);
  /* 在建 for 2027: 100 + 120 = 220.0, 80.0 short. */
  r = check_one (fx, fx->unreachable, 2027, TRUE);
  g_assert_cmpfloat (r.actual_area_m2, ==, 220.0);
  g_assert_cmpfloat (r.shortfall_m2, ==, 80.0);
}

static void
test_projection (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  int horizon = 0;

  /* The last change: 800 households from 2028. */
  g_assert_true (cp_facility_check_horizon (fx->store, 2026, &horizon, &error));
  g_assert_cmpint (horizon, ==, 2028);

  g_autoptr (GHashTable) all
      = cp_facility_check_projection (fx->store, 2026, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 5);

  CpProjection *p = g_hash_table_lookup (all, &fx->planned);
  g_assert_cmpint (p->compliant_from, ==, 2027);
  g_assert_cmpint (p->horizon, ==, 2028);
  g_assert_cmpfloat (p->shortfall_m2, ==, 0.0);

  p = g_hash_table_lookup (all, &fx->unreachable);
  g_assert_cmpint (p->compliant_from, ==, 0);
  g_assert_cmpfloat (p->shortfall_m2, ==, 80.0);
  g_assert_cmpuint (p->violations, ==, 1u << CP_RULE_AREA);

  /* Compliant in 2026 and 2027, 90.0 m² short from 2028: the plan does not hold it. */
  p = g_hash_table_lookup (all, &fx->growing);
  g_assert_cmpint (p->compliant_from, ==, 0);
  g_assert_cmpfloat (p->shortfall_m2, ==, 90.0);

  /* Closed in 2026, nothing planned: 300.0 short. */
  p = g_hash_table_lookup (all, &fx->closes);
  g_assert_cmpint (p->compliant_from, ==, 0);
  g_assert_cmpfloat (p->shortfall_m2, ==, 300.0);

  p = g_hash_table_lookup (all, &fx->compliant);
  g_assert_cmpint (p->compliant_from, ==, 2026);

  /* From 2025 the closing one passes in 2025 only: not compliant from any year. */
  g_autoptr (GHashTable) from_2025
      = cp_facility_check_projection (fx->store, 2025, 0, NULL, 0, NULL, &error);
  p = g_hash_table_lookup (from_2025, &fx->closes);
  g_assert_cmpint (p->compliant_from, ==, 0);
  p = g_hash_table_lookup (from_2025, &fx->compliant);
  g_assert_cmpint (p->compliant_from, ==, 2025);

  /* One community by id, as the window asks: the same answer. */
  g_autoptr (GHashTable) one
      = cp_facility_check_projection (fx->store, 2026, 0, &fx->planned, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (one), ==, 1);
  p = g_hash_table_lookup (one, &fx->planned);
  g_assert_cmpint (p->compliant_from, ==, 2027);

  /* The township after all planned work (2028): 300 + 80 + 90 = 470.0 m² short. */
  g_autoptr (GArray) townships
      = cp_facility_check_townships_full (fx->store, horizon, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_array_index (townships, CpTownshipResult, 0).shortfall_m2, ==, 470.0);
}

/* Explanations (C locale: the English texts) */

static CpFacility
facility (const char *name, double total, double service, int year)
{
  CpFacility f = cp_test_facility (0, name, total);

  f.service_area_m2 = service;
  f.year = year;
  return f;
}

static void
test_explain_urban (void)
{
  CpStandards standards;
  CpExplanation e;
  CpFacility f[3] = { facility ("A", 200.0, 180.0, 2020), facility ("B", 100.0, 72.0, 2021),
                      facility ("planned", 500.0, 500.0, 2027) };

  f[2].status = CP_STATUS_PLANNED;
  f[1].government_invested = TRUE;
  cp_standards_init_default (&standards, 2026);
  /* 1,050 households need 1050 × 30 ÷ 100 = 315.0 m²; A + B = 300.0: 15.0 short. B's share
   * 72 ÷ 100 = 72.0 % < 80 %. */
  cp_facility_rules_explain (CP_COMMUNITY_URBAN, FALSE, 1050, f, 3, &standards, FALSE, &e);
  g_assert_cmpfloat (e.result.shortfall_m2, ==, 15.0);
  g_assert_cmpuint (e.result.violations, ==,
                    (1u << CP_RULE_AREA) | (1u << CP_RULE_SERVICE_SHARE)
                        | (1u << CP_RULE_REGISTERED));
  g_assert_cmpint (e.outcomes[CP_RULE_AREA], ==, CP_OUTCOME_FAILED);
  g_assert_cmpint (e.outcomes[CP_RULE_RURAL_BUILDING], ==, CP_OUTCOME_NOT_APPLICABLE);
  g_assert_cmpint (e.outcomes[CP_RULE_RELOCATION], ==, CP_OUTCOME_NOT_APPLICABLE);
  g_assert_cmpint (e.outcomes[CP_RULE_NO_OFFICE], ==, CP_OUTCOME_PASSED);
  g_assert_cmpstr (e.reasons[CP_RULE_AREA], ==,
                   "1050 households × 30.0 m² ÷ 100 = 315.0 m² required; "
                   "counted “A” 200.0 m² + “B” 100.0 m² = 300.0 m²; short by 15.0 m²");
  g_assert_cmpstr (e.reasons[CP_RULE_SERVICE_SHARE], ==,
                   "“B” service area 72.0 of 100.0 m² = 72.0% < 80%");
  g_assert_cmpstr (e.reasons[CP_RULE_REGISTERED], ==,
                   "“B”: government-invested, property not registered");
  g_assert_cmpstr (e.reasons[CP_RULE_RURAL_BUILDING], ==, "applies to villages only");
  g_assert_cmpstr (e.not_counted, ==,
                   "“planned” does not count in 2026: Planned, opens in 2027");
  g_autofree char *text = cp_explanation_to_text (&e);
  g_assert_nonnull (strstr (text, "Service area share: Service area share too low — “B”"));
  g_assert_nonnull (strstr (text, "Rural building size: Not applicable — applies to villages"));
  cp_explanation_clear (&e);

  /* 2027 with planned work: 800.0 counted, planned marked. */
  standards.year = 2027;
  cp_facility_rules_explain (CP_COMMUNITY_URBAN, FALSE, 1050, f, 3, &standards, TRUE, &e);
  g_assert_cmpfloat (e.result.actual_area_m2, ==, 800.0);
  g_assert_cmpstr (e.reasons[CP_RULE_AREA], ==,
                   "1050 households × 30.0 m² ÷ 100 = 315.0 m² required; counted “A” 200.0 m² + "
                   "“B” 100.0 m² + “planned” 500.0 m² (Planned 2027) = 800.0 m²");
  g_assert_null (e.not_counted);
  cp_explanation_clear (&e);
}

static void
test_explain_rural (void)
{
  CpStandards standards;
  CpExplanation e;
  CpFacility f[3] = { facility ("D", 180.0, 170.0, 2015), facility ("old", 400.0, 400.0, 2010),
                      facility ("shop", 90.0, 90.0, 2015) };

  f[0].independent_offices = 2;
  f[1].status = CP_STATUS_CLOSED;
  f[2].kind = CP_FACILITY_MARKET;
  cp_standards_init_default (&standards, 2025);
  /* A relocation village of 300 households: 90.0 m² needed, 180.0 counted (area passes);
   * D is 180.0 < 200 m² and has 2 offices, so the relocation site is not fully compliant. */
  cp_facility_rules_explain (CP_COMMUNITY_RURAL, TRUE, 300, f, 3, &standards, FALSE, &e);
  g_assert_cmpint (e.outcomes[CP_RULE_AREA], ==, CP_OUTCOME_PASSED);
  g_assert_cmpstr (e.reasons[CP_RULE_AREA], ==,
                   "300 households × 30.0 m² ÷ 100 = 90.0 m² required; counted “D” 180.0 m²");
  g_assert_cmpstr (e.reasons[CP_RULE_RURAL_BUILDING], ==, "“D” 180.0 m² < 200 m²");
  g_assert_cmpstr (e.reasons[CP_RULE_NO_OFFICE], ==, "“D” has 2 independent offices");
  g_assert_cmpstr (e.reasons[CP_RULE_SERVICE_SHARE], ==, "lowest “D” 94.4% ≥ 80%");
  g_assert_cmpint (e.outcomes[CP_RULE_RELOCATION], ==, CP_OUTCOME_FAILED);
  g_assert_cmpstr (e.not_counted, ==,
                   "“old” does not count in 2025: closed (no closing year: closed in every "
                   "year)\n“shop” does not count in 2025: not a comprehensive service facility "
                   "(Farmers' market)");
  cp_explanation_clear (&e);

  /* Nothing counts: every facility rule is not applicable, coverage fails. */
  cp_facility_rules_explain (CP_COMMUNITY_RURAL, FALSE, 300, f + 1, 2, &standards, FALSE, &e);
  g_assert_cmpint (e.outcomes[CP_RULE_COVERAGE], ==, CP_OUTCOME_FAILED);
  g_assert_cmpint (e.outcomes[CP_RULE_SERVICE_SHARE], ==, CP_OUTCOME_NOT_APPLICABLE);
  g_assert_cmpint (e.outcomes[CP_RULE_RURAL_BUILDING], ==, CP_OUTCOME_NOT_APPLICABLE);
  g_assert_cmpstr (e.reasons[CP_RULE_COVERAGE], ==,
                   "no comprehensive service facility counts in 2025");
  g_assert_cmpstr (cp_rule_outcome_display (CP_RULE_COVERAGE, e.outcomes[CP_RULE_COVERAGE]), ==,
                   "Not covered (no comprehensive service facility in use)");
  cp_explanation_clear (&e);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/facility-years/exists-in-year", test_exists_in_year);
  g_test_add_func ("/facility-years/validate", test_validate_closed_year);
  g_test_add ("/facility-years/closed-year-store", Fixture, NULL, fixture_set_up,
              test_closed_year_store, fixture_tear_down);
  g_test_add ("/facility-years/projected-check", Fixture, NULL, fixture_set_up,
              test_projected_check, fixture_tear_down);
  g_test_add ("/facility-years/projection", Fixture, NULL, fixture_set_up, test_projection,
              fixture_tear_down);
  g_test_add_func ("/facility-years/explain-urban", test_explain_urban);
  g_test_add_func ("/facility-years/explain-rural", test_explain_rural);
  return g_test_run ();
}
