/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cp-facility-rules.h"

/* Areas carry one decimal: compare with a margin far below 0.05 m² so that a sum of decimal
 * areas that equals the requirement on paper passes despite binary rounding. */
#define AREA_EPSILON 1e-6
#define SHARE_EPSILON 1e-9

const CpVocabulary cp_rules[CP_N_RULES] = {
  { "area", "每百户面积", N_("Area per 100 households") },
  { "rural_building", "农村单体面积", N_("Rural building size") },
  { "service_share", "服务区域占比", N_("Service area share") },
  { "no_office", "取消独立办公室", N_("No independent offices") },
  { "coverage", "设施覆盖", N_("Facility coverage") },
  { "relocation", "安置点全达标", N_("Relocation site fully compliant") },
  { "registered", "不动产登记", N_("Property registration") },
};

double
cp_round1 (double value)
{
  return round (value * 10.0) / 10.0;
}

void
cp_facility_tally_init (CpFacilityTally *tally)
{
  g_return_if_fail (tally != NULL);

  *tally = (CpFacilityTally){
    .smallest_area_m2 = G_MAXDOUBLE,
    .lowest_service_share = G_MAXDOUBLE,
  };
}

gboolean
cp_facility_counts_in_year (const CpFacility *facility, int year)
{
  g_return_val_if_fail (facility != NULL, FALSE);

  return facility->kind == CP_FACILITY_COMPREHENSIVE && facility->status == CP_STATUS_IN_USE
         && facility->year <= year;
}

void
cp_facility_tally_add (CpFacilityTally *tally, const CpFacility *facility, int year)
{
  g_return_if_fail (tally != NULL);

  if (!cp_facility_counts_in_year (facility, year))
    return;

  tally->counted++;
  tally->area_m2 += facility->total_area_m2;
  tally->smallest_area_m2 = MIN (tally->smallest_area_m2, facility->total_area_m2);
  if (facility->total_area_m2 > 0)
    tally->lowest_service_share
        = MIN (tally->lowest_service_share, facility->service_area_m2 / facility->total_area_m2);
  tally->independent_offices += facility->independent_offices;
  if (facility->government_invested && !facility->property_registered)
    tally->unregistered++;
}

double
cp_required_area_m2 (gint64 households, const CpStandards *standards)
{
  g_return_val_if_fail (standards != NULL, 0.0);

  return cp_round1 (standards->area_per_100_households_m2 * (double) households / 100.0);
}

void
cp_facility_rules_check (CpCommunityKind kind, gboolean relocation_site, gint64 households,
                         const CpFacilityTally *tally, const CpStandards *standards,
                         CpCommunityResult *result)
{
  g_return_if_fail (tally != NULL && standards != NULL && result != NULL);

  CpViolations v = 0;
  double required = cp_required_area_m2 (households, standards);
  double actual = cp_round1 (tally->area_m2);

  if (actual + AREA_EPSILON < required)
    v |= 1u << CP_RULE_AREA;
  if (kind == CP_COMMUNITY_RURAL && tally->counted > 0
      && tally->smallest_area_m2 + AREA_EPSILON < standards->rural_building_min_m2)
    v |= 1u << CP_RULE_RURAL_BUILDING;
  if (tally->counted > 0
      && tally->lowest_service_share + SHARE_EPSILON < standards->service_share_min)
    v |= 1u << CP_RULE_SERVICE_SHARE;
  if (tally->independent_offices > 0)
    v |= 1u << CP_RULE_NO_OFFICE;
  if (tally->counted == 0)
    v |= 1u << CP_RULE_COVERAGE;
  /* 安置区…全覆盖、全达标: a relocation site must pass every rule above. */
  if (relocation_site && v != 0)
    v |= 1u << CP_RULE_RELOCATION;
  if (tally->unregistered > 0)
    v |= 1u << CP_RULE_REGISTERED;

  result->required_area_m2 = required;
  result->actual_area_m2 = actual;
  result->shortfall_m2 = MAX (0.0, cp_round1 (required - actual));
  result->violations = v;
}
