/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Community service facilities: their kinds, how they were provided, their status, the plan's
 * standards per year, and the limits of every field with the checks that enforce them. */
#pragma once

#include "cp-region.h"

G_BEGIN_DECLS

/* Limits of a facility's fields (the CHECK constraints of the schema say the same). */
#define CP_FACILITY_NAME_MAX_CHARS 100
#define CP_FACILITY_AREA_MAX_M2 1000000.0
#define CP_FACILITY_OFFICES_MAX 1000
/* Limits of the standards (the schema checks only the lower bounds and the shares). */
#define CP_STANDARDS_AREA_PER_100_MAX_M2 1000.0
#define CP_STANDARDS_RURAL_BUILDING_MAX_M2 100000.0

typedef enum
{
  CP_FACILITY_COMPREHENSIVE,
  CP_FACILITY_CHILDCARE,
  CP_FACILITY_CHILDREN_HOME,
  CP_FACILITY_ELDERLY_CARE,
  CP_FACILITY_REHABILITATION,
  CP_FACILITY_READING,
  CP_FACILITY_CULTURE_SPORTS,
  CP_FACILITY_FITNESS,
  CP_FACILITY_MARKET,
  CP_FACILITY_EXPRESS,
  CP_FACILITY_CEREMONY,
  CP_FACILITY_BURIAL,
  CP_N_FACILITY_KINDS
} CpFacilityKind;

typedef enum
{
  CP_PROVISION_NEW,
  CP_PROVISION_RELOCATION,
  CP_PROVISION_SWAP,
  CP_PROVISION_LEASE,
  CP_N_PROVISIONS
} CpProvision;

typedef enum
{
  CP_STATUS_PLANNED,
  CP_STATUS_BUILDING,
  CP_STATUS_IN_USE,
  CP_STATUS_CLOSED,
  CP_N_STATUSES
} CpFacilityStatus;

extern const CpVocabulary cp_facility_kinds[CP_N_FACILITY_KINDS];
extern const CpVocabulary cp_provisions[CP_N_PROVISIONS];
extern const CpVocabulary cp_statuses[CP_N_STATUSES];

/* The plan's standards for one year; the defaults are the plan's own. */
typedef struct
{
  int year;
  double area_per_100_households_m2; /* 30 */
  double rural_building_min_m2;      /* 200 */
  double service_share_min;          /* 0.8 */
  double rural_coverage_target;      /* 0.8 by 2025, policy, editable */
} CpStandards;

#define CP_DEFAULT_AREA_PER_100_HOUSEHOLDS_M2 30.0
#define CP_DEFAULT_RURAL_BUILDING_MIN_M2 200.0
#define CP_DEFAULT_SERVICE_SHARE_MIN 0.8
#define CP_DEFAULT_RURAL_COVERAGE_TARGET 0.8

void cp_standards_init_default (CpStandards *standards, int year);

typedef struct
{
  gint64 id;
  gint64 community_id;
  char *name;
  CpFacilityKind kind;
  double total_area_m2;
  double service_area_m2;
  double office_area_m2;
  gint64 independent_offices;
  CpProvision provision;
  CpFacilityStatus status;
  int year; /* opened, or planned to open */
  int closed_year; /* out of use from this year on (停用年份); 0 for none */
  gboolean government_invested;
  gboolean property_registered;
  gboolean accessible;
  gboolean age_friendly;
  gboolean child_friendly;
} CpFacility;

void cp_facility_clear (CpFacility *facility);

/* Whether @standards are usable; otherwise a message naming the field and what would be right. */
gboolean cp_standards_validate (const CpStandards *standards, GError **error);

/* Validates a facility's fields; the message names the field and what would be right. */
gboolean cp_facility_validate (const CpFacility *facility, GError **error);

G_END_DECLS
