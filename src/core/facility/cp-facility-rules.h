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

/* Whether a facility counts in a year, or why not (the first reason that applies, in this
 * order). */
typedef enum
{
  CP_COUNT_YES,
  CP_COUNT_NOT_COMPREHENSIVE, /* only comprehensive service facilities count */
  CP_COUNT_CLOSED,            /* 停用 without a closing year, or closed in or before the year */
  CP_COUNT_OPENS_LATER,       /* its year is after the year */
  CP_COUNT_PLANNED,           /* 规划, and planned work is not counted */
  CP_COUNT_BUILDING,          /* 在建, and planned work is not counted */
} CpFacilityCount;

/* Whether @facility exists in @year: it opened (or is planned to open) in or before @year and is
 * not closed by then (no closing year, or @year before it). A 停用 facility without a closing
 * year exists in no year (closed since before the records, as schema 1 kept it). */
gboolean cp_facility_exists_in_year (const CpFacility *facility, int year);

/* Whether @facility counts in @year, or why not. It counts when it is a comprehensive service
 * facility that exists in @year (cp_facility_exists_in_year()) and is in use: status 在用, or
 * 停用 with a closing year after @year (in use until then). With @projected, planned work counts
 * too: 规划 and 在建 from the year they are planned to open. The facility store's aggregate
 * query states the same condition in SQL (TALLY_SQL), next to this one C twin. */
CpFacilityCount cp_facility_count_in_year (const CpFacility *facility, int year,
                                           gboolean projected);

/* cp_facility_count_in_year() without planned work is CP_COUNT_YES. */
gboolean cp_facility_counts_in_year (const CpFacility *facility, int year);

/* Adds @facility to @tally if it counts in @year. */
void cp_facility_tally_add (CpFacilityTally *tally, const CpFacility *facility, int year);
/* Adds @facility to @tally if it counts in @year, planned work counted with @projected. */
void cp_facility_tally_add_full (CpFacilityTally *tally, const CpFacility *facility, int year,
                                 gboolean projected);

/* @standards' area per 100 households × @households / 100, rounded to 0.1 m². */
double cp_required_area_m2 (gint64 households, const CpStandards *standards);

/* Applies every rule to one community. */
void cp_facility_rules_check (CpCommunityKind kind, gboolean relocation_site, gint64 households,
                              const CpFacilityTally *tally, const CpStandards *standards,
                              CpCommunityResult *result);

/* Rounds @value to one decimal, as areas are shown and stored. */
double cp_round1 (double value);

/* What a broken rule is called where results are listed: the failure in words (每百户面积不足,
 * 设有独立办公室, …), translated. */
const char *cp_rule_failure_display (CpRule rule);

typedef enum
{
  CP_OUTCOME_PASSED,
  CP_OUTCOME_FAILED,
  CP_OUTCOME_NOT_APPLICABLE, /* 农村单体面积 of a 社区, 安置点 of a community that is not one, a
                              * facility's rule where no facility counts */
} CpRuleOutcome;

/* The outcome of @rule for a community of @kind whose check gave @violations with @counted
 * facilities counted: a rule on the counted facilities does not apply when none counts, 农村单体
 * only to a 村, 安置点 only to a relocation site. */
CpRuleOutcome cp_rule_outcome (CpRule rule, CpCommunityKind kind, gboolean relocation_site,
                               guint counted, CpViolations violations);

/* A rule's outcome in words: 达标, the failure (cp_rule_failure_display()) or 不适用. */
const char *cp_rule_outcome_display (CpRule rule, CpRuleOutcome outcome);

/* Why one community passes or fails each rule in a year, with the figures. */
typedef struct
{
  CpCommunityResult result;           /* as cp_facility_rules_check() decides it */
  CpRuleOutcome outcomes[CP_N_RULES]; /* FAILED exactly for the rules in result.violations */
  char *reasons[CP_N_RULES];          /* the figures behind each outcome, one line, translated */
  char *not_counted; /* a line for each facility that does not count in the year and why, NULL
                      * when every facility counts */
} CpExplanation;

/* Decides one community of @kind in @standards->year with its @n @facilities (every facility of
 * it, counted or not) as cp_facility_rules_check() does, planned work counted with @projected,
 * and says why. */
void cp_facility_rules_explain (CpCommunityKind kind, gboolean relocation_site, gint64 households,
                                const CpFacility *facilities, guint n,
                                const CpStandards *standards, gboolean projected,
                                CpExplanation *out);
void cp_explanation_clear (CpExplanation *explanation);
/* Every rule a line, "rule: outcome — reasons", then the facilities that do not count. */
char *cp_explanation_to_text (const CpExplanation *explanation);
/* Why @facility does not count in @year (with @projected), in words; NULL when it counts. */
char *cp_facility_count_reason (const CpFacility *facility, int year, gboolean projected);

G_END_DECLS
