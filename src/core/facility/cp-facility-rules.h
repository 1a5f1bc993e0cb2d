/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facility rules of the plan (§三(五)), as pure functions over plain structs.
 * Every surface (command line, window, workbook, summary) decides through these. */
#pragma once

#include "cp-facility.h"

G_BEGIN_DECLS

typedef enum
{
  CP_RULE_AREA,
  CP_RULE_RURAL_BUILDING,
  CP_RULE_SERVICE_SHARE,
  CP_RULE_NO_OFFICE,
  CP_RULE_COVERAGE,
  CP_RULE_RELOCATION,
  CP_RULE_REGISTERED,
  CP_N_RULES
} CpRule;

/* A set of broken rules, bit (1 << CpRule). */
typedef guint CpViolations;

#define CP_VIOLATES(violations, rule) (((violations) & (1u << (rule))) != 0)

/* key = the JSON word, zh_label = the plan's short name, display = English (translated). */
extern const CpVocabulary cp_rules[CP_N_RULES];

/* What the rules need to know of one community's facilities in one year, gathered over the
 * facilities that count in that year (cp_facility_counts_in_year()). */
typedef struct
{
  guint counted;               /* in-use comprehensive facilities */
  double area_m2;              /* their total area */
  double smallest_area_m2;     /* the smallest of them; G_MAXDOUBLE when none */
  double lowest_service_share; /* lowest service area / total area; G_MAXDOUBLE when none */
  gint64 independent_offices;  /* cadres' independent offices in them */
  guint unregistered;          /* government-invested ones without property registration */
} CpFacilityTally;

typedef struct
{
  double required_area_m2;
  double actual_area_m2;
  double shortfall_m2;
  CpViolations violations;
} CpCommunityResult;

void cp_facility_tally_init (CpFacilityTally *tally);

/* A facility counts in @year when it is a comprehensive service facility, in use, and opened in
 * or before @year. A planned, building or closed one does not count. The facility store's
 * aggregate query states the same condition in SQL, next to its one C twin. */
gboolean cp_facility_counts_in_year (const CpFacility *facility, int year);

/* Adds @facility to @tally if it counts in @year. */
void cp_facility_tally_add (CpFacilityTally *tally, const CpFacility *facility, int year);

/* @standards' area per 100 households × @households / 100, rounded to 0.1 m². */
double cp_required_area_m2 (gint64 households, const CpStandards *standards);

/* Applies every rule to one community. */
void cp_facility_rules_check (CpCommunityKind kind, gboolean relocation_site, gint64 households,
                              const CpFacilityTally *tally, const CpStandards *standards,
                              CpCommunityResult *result);

/* Rounds @value to one decimal, as areas are shown and stored. */
double cp_round1 (double value);

G_END_DECLS
