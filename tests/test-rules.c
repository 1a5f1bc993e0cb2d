/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facility rules with hand-computed numbers and their boundaries. */
#include "config.h"

#include "cp-facility-rules.h"
#include "cp-test-utils.h"

static CpFacility
comprehensive (double total, double service, int year)
{
  CpFacility f = cp_test_facility (0, "综合服务中心", total);

  f.service_area_m2 = service;
  f.year = year;
  return f;
}

/* Checks one community with @n facilities in 2025 under the plan's standards. */
static CpCommunityResult
check (CpCommunityKind kind, gboolean relocation, gint64 households, const CpFacility *f, guint n)
{
  CpStandards standards;
  CpFacilityTally tally;
  CpCommunityResult result;

  cp_standards_init_default (&standards, 2025);
  cp_facility_tally_init (&tally);
  for (guint i = 0; i < n; i++)
    cp_facility_tally_add (&tally, &f[i], 2025);
  cp_facility_rules_check (kind, relocation, households, &tally, &standards, &result);
  return result;
}

static void
test_required_area (void)
{
  CpStandards standards;

  cp_standards_init_default (&standards, 2025);
  g_assert_cmpfloat (cp_required_area_m2 (100, &standards), ==, 30.0);
  g_assert_cmpfloat (cp_required_area_m2 (333, &standards), ==, 99.9);
  g_assert_cmpfloat (cp_required_area_m2 (1250, &standards), ==, 375.0);
  g_assert_cmpfloat (cp_required_area_m2 (0, &standards), ==, 0.0);
  standards.area_per_100_households_m2 = 40;
  g_assert_cmpfloat (cp_required_area_m2 (1250, &standards), ==, 500.0);
}

static void
test_area_boundary (void)
{
  /* 1000 households need exactly 300 m²: 300.0 passes, 299.9 falls 0.1 m² short. */
  CpFacility exact = comprehensive (300.0, 300.0, 2020);
  CpFacility short_by_tenth = comprehensive (299.9, 299.9, 2020);

  CpCommunityResult r = check (CP_COMMUNITY_URBAN, FALSE, 1000, &exact, 1);
  g_assert_cmpuint (r.violations, ==, 0);
  g_assert_cmpfloat (r.required_area_m2, ==, 300.0);
  g_assert_cmpfloat (r.shortfall_m2, ==, 0.0);

  r = check (CP_COMMUNITY_URBAN, FALSE, 1000, &short_by_tenth, 1);
  g_assert_cmpuint (r.violations, ==, 1u << CP_RULE_AREA);
  g_assert_cmpfloat (r.shortfall_m2, ==, 0.1);
}

static void
test_area_sum_of_decimals (void)
{
  /* 33.3 + 33.3 + 33.3 is 99.89999… in binary; on paper it is 99.9, exactly what 333 households
   * need, so it passes. */
  CpFacility three[] = { comprehensive (33.3, 33.3, 2020), comprehensive (33.3, 33.3, 2021),
                         comprehensive (33.3, 33.3, 2022) };

  CpCommunityResult r = check (CP_COMMUNITY_URBAN, FALSE, 333, three, 3);
  g_assert_cmpfloat (r.actual_area_m2, ==, 99.9);
  g_assert_cmpuint (r.violations, ==, 0);
}

static void
test_rural_building (void)
{
  /* 500 households need 150 m²; a village's single building must reach 200 m². */
  CpFacility small = comprehensive (199.9, 199.9, 2020);
  CpFacility enough = comprehensive (200.0, 200.0, 2020);

  g_assert_cmpuint (check (CP_COMMUNITY_RURAL, FALSE, 500, &small, 1).violations, ==,
                    1u << CP_RULE_RURAL_BUILDING);
  g_assert_cmpuint (check (CP_COMMUNITY_RURAL, FALSE, 500, &enough, 1).violations, ==, 0);
  /* The single-building rule is for villages only. */
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 500, &small, 1).violations, ==, 0);
  /* Every building counts: a 400 m² one does not excuse a 150 m² one. */
  CpFacility two[] = { comprehensive (400, 400, 2020), comprehensive (150, 150, 2020) };
  g_assert_cmpuint (check (CP_COMMUNITY_RURAL, FALSE, 500, two, 2).violations, ==,
                    1u << CP_RULE_RURAL_BUILDING);
}

static void
test_service_share (void)
{
  /* 160 of 200 m² is exactly 80 %: passes; 159.9 m² is 79.95 %: fails. */
  CpFacility exact = comprehensive (200, 160, 2020);
  CpFacility below = comprehensive (200, 159.9, 2020);

  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &exact, 1).violations, ==, 0);
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &below, 1).violations, ==,
                    1u << CP_RULE_SERVICE_SHARE);
}

static void
test_no_office (void)
{
  CpFacility f = comprehensive (300, 300, 2020);

  f.independent_offices = 1;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &f, 1).violations, ==,
                    1u << CP_RULE_NO_OFFICE);
  f.independent_offices = 0;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &f, 1).violations, ==, 0);
}

static void
test_coverage_and_counting (void)
{
  /* Nothing counts in 2025: planned, building, closed, opening in 2026, or another kind. */
  CpFacility none[] = { comprehensive (500, 500, 2020), comprehensive (500, 500, 2020),
                        comprehensive (500, 500, 2020), comprehensive (500, 500, 2026),
                        comprehensive (500, 500, 2020) };
  none[0].status = CP_STATUS_PLANNED;
  none[1].status = CP_STATUS_BUILDING;
  none[2].status = CP_STATUS_CLOSED;
  none[4].kind = CP_FACILITY_ELDERLY_CARE;

  CpCommunityResult r = check (CP_COMMUNITY_URBAN, FALSE, 200, none, G_N_ELEMENTS (none));
  g_assert_cmpuint (r.violations, ==, (1u << CP_RULE_AREA) | (1u << CP_RULE_COVERAGE));
  g_assert_cmpfloat (r.actual_area_m2, ==, 0.0);
  g_assert_cmpfloat (r.shortfall_m2, ==, 60.0);

  /* The one opening in 2026 counts from 2026 on. */
  CpStandards standards;
  CpFacilityTally tally;
  cp_standards_init_default (&standards, 2026);
  cp_facility_tally_init (&tally);
  cp_facility_tally_add (&tally, &none[3], 2026);
  cp_facility_rules_check (CP_COMMUNITY_URBAN, FALSE, 200, &tally, &standards, &r);
  g_assert_cmpuint (r.violations, ==, 0);
  g_assert_cmpfloat (r.actual_area_m2, ==, 500.0);
}

static void
test_relocation (void)
{
  CpFacility small = comprehensive (100, 100, 2020);
  CpFacility fine = comprehensive (400, 400, 2020);

  /* 1000 households need 300 m²: 100 m² fails, and at a relocation site that fails it too. */
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, TRUE, 1000, &small, 1).violations, ==,
                    (1u << CP_RULE_AREA) | (1u << CP_RULE_RELOCATION));
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, TRUE, 1000, &fine, 1).violations, ==, 0);
  /* Property registration is not one of the rules a relocation site must pass "above" it. */
  fine.government_invested = TRUE;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, TRUE, 1000, &fine, 1).violations, ==,
                    1u << CP_RULE_REGISTERED);
}

static void
test_registered (void)
{
  CpFacility f = comprehensive (300, 300, 2020);

  f.government_invested = TRUE;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &f, 1).violations, ==,
                    1u << CP_RULE_REGISTERED);
  f.property_registered = TRUE;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &f, 1).violations, ==, 0);
  f.government_invested = FALSE;
  f.property_registered = FALSE;
  g_assert_cmpuint (check (CP_COMMUNITY_URBAN, FALSE, 100, &f, 1).violations, ==, 0);
}

static void
test_edited_standards (void)
{
  CpStandards standards;
  CpFacilityTally tally;
  CpCommunityResult r;
  CpFacility f = comprehensive (300, 225, 2020);

  /* 40 m² per 100 households and 70 % service area: 1000 households need 400 m². */
  cp_standards_init_default (&standards, 2025);
  standards.area_per_100_households_m2 = 40;
  standards.service_share_min = 0.7;
  cp_facility_tally_init (&tally);
  cp_facility_tally_add (&tally, &f, 2025);
  cp_facility_rules_check (CP_COMMUNITY_URBAN, FALSE, 1000, &tally, &standards, &r);
  g_assert_cmpfloat (r.required_area_m2, ==, 400.0);
  g_assert_cmpfloat (r.shortfall_m2, ==, 100.0);
  g_assert_cmpuint (r.violations, ==, 1u << CP_RULE_AREA); /* 75 % ≥ 70 % */
}

static void
test_standards_validate (void)
{
  CpStandards s;
  g_autoptr (GError) error = NULL;

  cp_standards_init_default (&s, 2025);
  g_assert_true (cp_standards_validate (&s, NULL));
  s.area_per_100_households_m2 = -1;
  g_assert_false (cp_standards_validate (&s, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_clear_error (&error);
  cp_standards_init_default (&s, 2025);
  s.service_share_min = 1.2;
  g_assert_false (cp_standards_validate (&s, &error));
  g_clear_error (&error);
  cp_standards_init_default (&s, 1900);
  g_assert_false (cp_standards_validate (&s, NULL));
}

static void
test_facility_validate (void)
{
  CpFacility f = comprehensive (200, 160, 2020);
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_facility_validate (&f, NULL));
  f.total_area_m2 = -5;
  g_assert_false (cp_facility_validate (&f, &error));
  g_assert_true (g_str_has_prefix (error->message, "Total area"));
  g_clear_error (&error);
  f.total_area_m2 = 200;
  f.service_area_m2 = 200.1;
  g_assert_false (cp_facility_validate (&f, &error));
  g_assert_true (g_str_has_prefix (error->message, "Service area"));
  g_clear_error (&error);
  f.service_area_m2 = 100;
  f.name = (char *) "  ";
  g_assert_false (cp_facility_validate (&f, &error));
  g_assert_true (g_str_has_prefix (error->message, "Name"));
}

static void
test_vocabulary (void)
{
  gboolean yes = FALSE;

  g_assert_cmpint (cp_vocabulary_lookup (cp_statuses, CP_N_STATUSES, "在用"), ==, CP_STATUS_IN_USE);
  g_assert_cmpint (cp_vocabulary_lookup (cp_statuses, CP_N_STATUSES, " in_use "), ==,
                   CP_STATUS_IN_USE);
  g_assert_cmpint (cp_vocabulary_lookup (cp_provisions, CP_N_PROVISIONS, "置换"), ==,
                   CP_PROVISION_SWAP);
  g_assert_cmpint (cp_vocabulary_lookup (cp_provisions, CP_N_PROVISIONS, "买"), ==, -1);
  g_assert_true (cp_parse_yes_no ("是", &yes) && yes);
  g_assert_true (cp_parse_yes_no ("FALSE", &yes) && !yes);
  g_assert_true (cp_parse_yes_no ("1", &yes) && yes);
  g_assert_false (cp_parse_yes_no ("也许", &yes));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/required-area", test_required_area);
  g_test_add_func ("/rules/area-boundary", test_area_boundary);
  g_test_add_func ("/rules/area-sum-of-decimals", test_area_sum_of_decimals);
  g_test_add_func ("/rules/rural-building", test_rural_building);
  g_test_add_func ("/rules/service-share", test_service_share);
  g_test_add_func ("/rules/no-office", test_no_office);
  g_test_add_func ("/rules/coverage-and-counting", test_coverage_and_counting);
  g_test_add_func ("/rules/relocation", test_relocation);
  g_test_add_func ("/rules/registered", test_registered);
  g_test_add_func ("/rules/edited-standards", test_edited_standards);
  g_test_add_func ("/rules/standards-validate", test_standards_validate);
  g_test_add_func ("/rules/facility-validate", test_facility_validate);
  g_test_add_func ("/rules/vocabulary", test_vocabulary);
  return g_test_run ();
}
