/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole-dataset check: the aggregate query and the rules agree with numbers worked out by
 * hand for a small county. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "cp-facility-check.h"
#include "cp-test-utils.h"

typedef struct
{
  CpTestStore ts;
  CpStore *store; /* ts.store */
  gint64 township_2;
} Fixture;

static gint64
township (CpStore *store, const char *code, const char *name, CpTownshipKind kind)
{
  return cp_test_add_township (store, code, name, kind);
}

static gint64
community (CpStore *store, gint64 township_id, const char *code, CpCommunityKind kind,
           gboolean relocation, gint64 households)
{
  CpCommunity c = cp_test_community (township_id, code);

  c.kind = kind;
  c.relocation_site = relocation;
  c.households = households;
  c.population = households * 2;
  return cp_test_insert_community (store, &c, 0);
}

static void
facility (CpStore *store, gint64 community_id, const char *name, double total, double service,
          CpFacilityStatus status, int year, gint64 offices, gboolean government)
{
  CpFacility f = cp_test_facility (community_id, name, total);

  f.service_area_m2 = service;
  f.status = status;
  f.year = year;
  f.independent_offices = offices;
  f.government_invested = government;
  cp_test_insert_facility (store, &f);
}

/* Two townships, five communities; the expected results are worked out in each test. */
static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  cp_test_store_set_up (&fx->ts, "check");
  fx->store = fx->ts.store;
  CpStore *s = fx->store;

  gint64 t1 = township (s, "001", "民主街道", CP_TOWNSHIP_SUBDISTRICT);
  fx->township_2 = township (s, "100", "新站镇", CP_TOWNSHIP_TOWN);

  gint64 c1 = community (s, t1, "001001", CP_COMMUNITY_URBAN, FALSE, 1000);
  facility (s, c1, "A", 200, 180, CP_STATUS_IN_USE, 2020, 0, FALSE);
  facility (s, c1, "B", 100, 70, CP_STATUS_IN_USE, 2021, 0, FALSE);
  facility (s, c1, "planned", 500, 500, CP_STATUS_PLANNED, 2020, 0, FALSE);

  gint64 c2 = community (s, t1, "001002", CP_COMMUNITY_URBAN, FALSE, 500);
  CpCommunity later = { .id = c2, .township_id = t1, .code = (char *) "001002",
                        .name = (char *) "001002", .households = 800, .population = 1600 };
  cp_test_insert_community (s, &later, 2026);
  facility (s, c2, "C", 150, 150, CP_STATUS_IN_USE, 2024, 0, TRUE);

  gint64 c3 = community (s, fx->township_2, "100001", CP_COMMUNITY_RURAL, TRUE, 300);
  facility (s, c3, "D", 180, 170, CP_STATUS_IN_USE, 2015, 1, FALSE);
  community (s, fx->township_2, "100002", CP_COMMUNITY_RURAL, FALSE, 200);
  gint64 c5 = community (s, fx->township_2, "100003", CP_COMMUNITY_RURAL, FALSE, 400);
  facility (s, c5, "E", 250, 250, CP_STATUS_IN_USE, 2018, 0, FALSE);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  cp_test_store_tear_down (&fx->ts);
}

typedef struct
{
  char code[16];
  double required, actual, shortfall;
  CpViolations violations;
} Seen;

static gboolean
collect (const CpCheckRow *row, gpointer user_data)
{
  GArray *seen = user_data;
  Seen s = { .required = row->result.required_area_m2, .actual = row->result.actual_area_m2,
             .shortfall = row->result.shortfall_m2, .violations = row->result.violations };
  g_strlcpy (s.code, row->code, sizeof s.code);
  g_array_append_val (seen, s);
  return TRUE;
}

#define BIT(rule) (1u << (rule))

static void
assert_row (GArray *seen, guint i, const char *code, double required, double actual,
            double shortfall, CpViolations violations)
{
  Seen *s = &g_array_index (seen, Seen, i);
  g_assert_cmpstr (s->code, ==, code);
  g_assert_cmpfloat (s->required, ==, required);
  g_assert_cmpfloat (s->actual, ==, actual);
  g_assert_cmpfloat (s->shortfall, ==, shortfall);
  g_assert_cmpuint (s->violations, ==, violations);
}

static void
test_year_2025 (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, TRUE, sizeof (Seen));
  CpCheckSummary summary;

  g_assert_true (cp_facility_check_run (fx->store, 2025, 0, collect, seen, &summary, NULL, NULL));
  g_assert_cmpuint (seen->len, ==, 5);
  /* 1000 households need 300 m²; A + B = 300 m² (the planned one does not count); B's service
   * share is 70/100 = 70 % < 80 %. */
  assert_row (seen, 0, "001001", 300, 300, 0, BIT (CP_RULE_SERVICE_SHARE));
  /* 500 households need 150 m²; C is government-invested and not registered. */
  assert_row (seen, 1, "001002", 150, 150, 0, BIT (CP_RULE_REGISTERED));
  /* A relocation village: 300 households need 90 m²; its only building is 180 m² < 200 m² and
   * keeps an independent office, so the relocation site fails as well. */
  assert_row (seen, 2, "100001", 90, 180, 0,
              BIT (CP_RULE_RURAL_BUILDING) | BIT (CP_RULE_NO_OFFICE) | BIT (CP_RULE_RELOCATION));
  /* No facility: 200 households need 60 m², all of it short. */
  assert_row (seen, 3, "100002", 60, 0, 60, BIT (CP_RULE_AREA) | BIT (CP_RULE_COVERAGE));
  assert_row (seen, 4, "100003", 120, 250, 0, 0);

  g_assert_cmpuint (summary.communities, ==, 5);
  g_assert_cmpuint (summary.compliant, ==, 1);
  g_assert_cmpuint (summary.covered, ==, 4);
  g_assert_cmpfloat (cp_facility_check_summary_coverage_rate (&summary), ==, 0.8);
  g_assert_cmpfloat (summary.total_shortfall_m2, ==, 60);
}

static void
test_other_years (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, TRUE, sizeof (Seen));
  CpCheckSummary summary;

  /* 2023: C opens only in 2024, so 001002 has nothing; B (2021) and A (2020) count. */
  g_assert_true (cp_facility_check_run (fx->store, 2023, 0, collect, seen, &summary, NULL, NULL));
  assert_row (seen, 1, "001002", 150, 0, 150, BIT (CP_RULE_AREA) | BIT (CP_RULE_COVERAGE));
  g_array_set_size (seen, 0);
  /* 2026: 001002 has 800 households, needing 240 m² against 150 m². */
  g_assert_true (cp_facility_check_run (fx->store, 2026, 0, collect, seen, &summary, NULL, NULL));
  assert_row (seen, 1, "001002", 240, 150, 90, BIT (CP_RULE_AREA) | BIT (CP_RULE_REGISTERED));
  g_assert_cmpfloat (summary.total_shortfall_m2, ==, 150);
}

static void
test_township_filter (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, TRUE, sizeof (Seen));
  CpCheckSummary summary;

  g_assert_true (
      cp_facility_check_run (fx->store, 2025, fx->township_2, collect, seen, &summary, NULL, NULL));
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_array_index (seen, Seen, 0).code, ==, "100001");
}

static void
test_townships (Fixture *fx, gconstpointer data)
{
  CpCheckSummary summary;
  g_autoptr (GArray) townships
      = cp_facility_check_townships (fx->store, 2025, &summary, NULL, NULL);

  g_assert_cmpuint (townships->len, ==, 2);
  CpTownshipResult *t1 = &g_array_index (townships, CpTownshipResult, 0);
  CpTownshipResult *t2 = &g_array_index (townships, CpTownshipResult, 1);
  g_assert_cmpstr (t1->name, ==, "民主街道");
  g_assert_cmpuint (t1->communities, ==, 2);
  g_assert_cmpint (t1->households, ==, 1500);
  g_assert_cmpfloat (t1->required_area_m2, ==, 450);
  g_assert_cmpfloat (t1->actual_area_m2, ==, 450);
  g_assert_cmpfloat (cp_township_result_area_per_100 (t1), ==, 30.0);
  /* 新站镇: 900 households need 90 + 60 + 120 = 270 m²; it has 180 + 250 = 430 m². */
  g_assert_cmpuint (t2->communities, ==, 3);
  g_assert_cmpuint (t2->compliant, ==, 1);
  g_assert_cmpuint (t2->covered, ==, 2);
  g_assert_cmpfloat (t2->required_area_m2, ==, 270);
  g_assert_cmpfloat (t2->actual_area_m2, ==, 430);
  g_assert_cmpfloat (t2->shortfall_m2, ==, 60);
  g_assert_cmpfloat (fabs (cp_township_result_area_per_100 (t2) - 47.7778), <, 1e-4);
}

static gboolean
stop_at_once (const CpCheckRow *row, gpointer user_data)
{
  return FALSE;
}

static void
test_stop (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CpCheckSummary summary;

  g_assert_false (
      cp_facility_check_run (fx->store, 2025, 0, stop_at_once, NULL, &summary, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/check/year-2025", Fixture, NULL, fixture_set_up, test_year_2025, fixture_tear_down);
  g_test_add ("/check/other-years", Fixture, NULL, fixture_set_up, test_other_years,
              fixture_tear_down);
  g_test_add ("/check/township-filter", Fixture, NULL, fixture_set_up, test_township_filter,
              fixture_tear_down);
  g_test_add ("/check/townships", Fixture, NULL, fixture_set_up, test_townships, fixture_tear_down);
  g_test_add ("/check/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);
  return g_test_run ();
}
