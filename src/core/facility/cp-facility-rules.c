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

static gboolean
closed_in_year (const CpFacility *facility, int year)
{
  if (facility->closed_year != 0)
    return facility->closed_year <= year;
  return facility->status == CP_STATUS_CLOSED;
}

gboolean
cp_facility_exists_in_year (const CpFacility *facility, int year)
{
  g_return_val_if_fail (facility != NULL, FALSE);

  return facility->year <= year && !closed_in_year (facility, year);
}

CpFacilityCount
cp_facility_count_in_year (const CpFacility *facility, int year, gboolean projected)
{
  g_return_val_if_fail (facility != NULL, CP_COUNT_NOT_COMPREHENSIVE);

  if (facility->kind != CP_FACILITY_COMPREHENSIVE)
    return CP_COUNT_NOT_COMPREHENSIVE;
  if (closed_in_year (facility, year))
    return CP_COUNT_CLOSED;
  if (facility->year > year)
    return CP_COUNT_OPENS_LATER;
  if (facility->status == CP_STATUS_PLANNED && !projected)
    return CP_COUNT_PLANNED;
  if (facility->status == CP_STATUS_BUILDING && !projected)
    return CP_COUNT_BUILDING;
  return CP_COUNT_YES;
}

gboolean
cp_facility_counts_in_year (const CpFacility *facility, int year)
{
  return cp_facility_count_in_year (facility, year, FALSE) == CP_COUNT_YES;
}

void
cp_facility_tally_add (CpFacilityTally *tally, const CpFacility *facility, int year)
{
  cp_facility_tally_add_full (tally, facility, year, FALSE);
}

void
cp_facility_tally_add_full (CpFacilityTally *tally, const CpFacility *facility, int year,
                            gboolean projected)
{
  g_return_if_fail (tally != NULL);

  if (cp_facility_count_in_year (facility, year, projected) != CP_COUNT_YES)
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

/* Explanations */

static const char *const rule_failures[CP_N_RULES] = {
  [CP_RULE_AREA] = N_("Area per 100 households too small"),
  [CP_RULE_RURAL_BUILDING] = N_("Rural building too small"),
  [CP_RULE_SERVICE_SHARE] = N_("Service area share too low"),
  [CP_RULE_NO_OFFICE] = N_("Has independent offices"),
  [CP_RULE_COVERAGE] = N_("Not covered (no comprehensive service facility in use)"),
  [CP_RULE_RELOCATION] = N_("Relocation site not fully compliant"),
  [CP_RULE_REGISTERED] = N_("Property not registered"),
};

const char *
cp_rule_failure_display (CpRule rule)
{
  g_return_val_if_fail (rule < CP_N_RULES, "");
  return _(rule_failures[rule]);
}

CpRuleOutcome
cp_rule_outcome (CpRule rule, CpCommunityKind kind, gboolean relocation_site, guint counted,
                 CpViolations violations)
{
  if (CP_VIOLATES (violations, rule))
    return CP_OUTCOME_FAILED;
  switch (rule)
    {
    case CP_RULE_RURAL_BUILDING:
      return kind == CP_COMMUNITY_RURAL && counted > 0 ? CP_OUTCOME_PASSED
                                                       : CP_OUTCOME_NOT_APPLICABLE;
    case CP_RULE_SERVICE_SHARE:
    case CP_RULE_NO_OFFICE:
    case CP_RULE_REGISTERED:
      return counted > 0 ? CP_OUTCOME_PASSED : CP_OUTCOME_NOT_APPLICABLE;
    case CP_RULE_RELOCATION:
      return relocation_site ? CP_OUTCOME_PASSED : CP_OUTCOME_NOT_APPLICABLE;
    default:
      return CP_OUTCOME_PASSED;
    }
}

const char *
cp_rule_outcome_display (CpRule rule, CpRuleOutcome outcome)
{
  switch (outcome)
    {
    case CP_OUTCOME_PASSED:
      return C_ ("rule outcome", "Compliant");
    case CP_OUTCOME_FAILED:
      return cp_rule_failure_display (rule);
    case CP_OUTCOME_NOT_APPLICABLE:
    default:
      return C_ ("rule outcome", "Not applicable");
    }
}

char *
cp_facility_count_reason (const CpFacility *f, int year, gboolean projected)
{
  g_return_val_if_fail (f != NULL, NULL);

  switch (cp_facility_count_in_year (f, year, projected))
    {
    case CP_COUNT_YES:
      return NULL;
    case CP_COUNT_NOT_COMPREHENSIVE:
      /* Translators: why a facility does not count; %s is its kind */
      return g_strdup_printf (_("not a comprehensive service facility (%s)"),
                              cp_vocabulary_display (cp_facility_kinds, CP_N_FACILITY_KINDS,
                                                     f->kind));
    case CP_COUNT_CLOSED:
      if (f->closed_year != 0)
        return g_strdup_printf (_("closed from %d"), f->closed_year);
      return g_strdup (_("closed (no closing year: closed in every year)"));
    case CP_COUNT_OPENS_LATER:
      return g_strdup_printf (_("%s, opens in %d"),
                              cp_vocabulary_display (cp_statuses, CP_N_STATUSES, f->status),
                              f->year);
    case CP_COUNT_PLANNED:
      return g_strdup (_("planned, not yet built (counted with projection on)"));
    case CP_COUNT_BUILDING:
    default:
      return g_strdup (_("under construction (counted with projection on)"));
    }
}

static char *
quote (const char *name)
{
  /* Translators: a facility's name quoted in an explanation */
  return g_strdup_printf (_("“%s”"), name);
}

static void
append_sep (GString *text, const char *separator)
{
  if (text->len > 0)
    g_string_append (text, separator);
}

static char *
explain_area (gint64 households, const CpFacility *counted[], guint n,
              const CpStandards *standards, const CpCommunityResult *result)
{
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = quote (counted[i]->name);
      append_sep (list, " + ");
      /* Translators: a counted facility and its area, e.g. “A” 200.0 m² */
      g_string_append_printf (list, _("%s %.1f m²"), name, counted[i]->total_area_m2);
      if (counted[i]->status != CP_STATUS_IN_USE && counted[i]->status != CP_STATUS_CLOSED)
        /* Translators: after a planned facility counted in a projection: its status, year */
        g_string_append_printf (list, _(" (%s %d)"),
                                cp_vocabulary_display (cp_statuses, CP_N_STATUSES,
                                                       counted[i]->status),
                                counted[i]->year);
    }
  /* Translators: households × standard ÷ 100 = required area */
  g_autofree char *required = g_strdup_printf (
      _("%lld households × %.1f m² ÷ 100 = %.1f m² required"), (long long) households,
      standards->area_per_100_households_m2, result->required_area_m2);
  g_autofree char *actual
      = n == 0 ? g_strdup (_("no facility counts"))
               : g_strdup_printf (n == 1 ? _("counted %s") : _("counted %s = %.1f m²"), list->str,
                                  result->actual_area_m2);
  if (CP_VIOLATES (result->violations, CP_RULE_AREA))
    return g_strdup_printf (_("%s; %s; short by %.1f m²"), required, actual,
                            result->shortfall_m2);
  return g_strdup_printf (_("%s; %s"), required, actual);
}

static char *
explain_rural_building (CpCommunityKind kind, const CpFacility *counted[], guint n,
                        const CpStandards *standards, gboolean failed)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const CpFacility *smallest = NULL;

  if (kind != CP_COMMUNITY_RURAL)
    return g_strdup (_("applies to villages only"));
  if (n == 0)
    return g_strdup (_("no facility counts"));
  for (guint i = 0; i < n; i++)
    {
      if (smallest == NULL || counted[i]->total_area_m2 < smallest->total_area_m2)
        smallest = counted[i];
      if (failed && counted[i]->total_area_m2 + 1e-6 < standards->rural_building_min_m2)
        {
          g_autofree char *name = quote (counted[i]->name);
          append_sep (text, C_ ("explanation list", "; "));
          /* Translators: a building below the rural minimum: name, area, minimum */
          g_string_append_printf (text, _("%s %.1f m² < %.0f m²"), name,
                                  counted[i]->total_area_m2, standards->rural_building_min_m2);
        }
    }
  if (failed)
    return g_strdup (text->str);
  g_autofree char *name = quote (smallest->name);
  /* Translators: the smallest building meets the rural minimum: name, area, minimum */
  return g_strdup_printf (_("smallest %s %.1f m² ≥ %.0f m²"), name, smallest->total_area_m2,
                          standards->rural_building_min_m2);
}

static double
service_share (const CpFacility *f)
{
  return f->total_area_m2 > 0 ? f->service_area_m2 / f->total_area_m2 : 1.0;
}

static char *
explain_service_share (const CpFacility *counted[], guint n, const CpStandards *standards,
                       gboolean failed)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const CpFacility *lowest = NULL;

  if (n == 0)
    return g_strdup (_("no facility counts"));
  for (guint i = 0; i < n; i++)
    {
      if (lowest == NULL || service_share (counted[i]) < service_share (lowest))
        lowest = counted[i];
      if (failed && service_share (counted[i]) + 1e-9 < standards->service_share_min)
        {
          g_autofree char *name = quote (counted[i]->name);
          append_sep (text, C_ ("explanation list", "; "));
          /* Translators: name, service area, total area, its share, the minimum share */
          g_string_append_printf (text, _("%s service area %.1f of %.1f m² = %.1f%% < %.0f%%"),
                                  name, counted[i]->service_area_m2, counted[i]->total_area_m2,
                                  100.0 * service_share (counted[i]),
                                  100.0 * standards->service_share_min);
        }
    }
  if (failed)
    return g_strdup (text->str);
  g_autofree char *name = quote (lowest->name);
  /* Translators: the lowest share meets the minimum: name, share, minimum */
  return g_strdup_printf (_("lowest %s %.1f%% ≥ %.0f%%"), name, 100.0 * service_share (lowest),
                          100.0 * standards->service_share_min);
}

static char *
explain_offices (const CpFacility *counted[], guint n)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (n == 0)
    return g_strdup (_("no facility counts"));
  for (guint i = 0; i < n; i++)
    if (counted[i]->independent_offices > 0)
      {
        g_autofree char *name = quote (counted[i]->name);
        append_sep (text, C_ ("explanation list", "; "));
        g_string_append_printf (text,
                                ngettext ("%s has %lld independent office",
                                          "%s has %lld independent offices",
                                          (gulong) counted[i]->independent_offices),
                                name, (long long) counted[i]->independent_offices);
      }
  return text->len > 0 ? g_strdup (text->str) : g_strdup (_("no independent office"));
}

static char *
explain_registered (const CpFacility *counted[], guint n)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint invested = 0;

  if (n == 0)
    return g_strdup (_("no facility counts"));
  for (guint i = 0; i < n; i++)
    {
      invested += counted[i]->government_invested ? 1 : 0;
      if (counted[i]->government_invested && !counted[i]->property_registered)
        {
          g_autofree char *name = quote (counted[i]->name);
          append_sep (text, C_ ("explanation list", "; "));
          g_string_append_printf (text, _("%s: government-invested, property not registered"),
                                  name);
        }
    }
  if (text->len > 0)
    return g_strdup (text->str);
  return g_strdup (invested > 0 ? _("every government-invested facility is registered")
                                : _("no government-invested facility"));
}

static char *
explain_not_counted (const CpFacility *facilities, guint n, int year, gboolean projected)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *why = cp_facility_count_reason (&facilities[i], year, projected);
      if (why == NULL)
        continue;
      g_autofree char *name = quote (facilities[i].name);
      append_sep (text, "\n");
      /* Translators: a facility that does not count in the year, and why */
      g_string_append_printf (text, _("%s does not count in %d: %s"), name, year, why);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

void
cp_facility_rules_explain (CpCommunityKind kind, gboolean relocation_site, gint64 households,
                           const CpFacility *facilities, guint n, const CpStandards *standards,
                           gboolean projected, CpExplanation *out)
{
  CpFacilityTally tally;
  g_autofree const CpFacility **counted = g_new0 (const CpFacility *, n + 1);
  guint n_counted = 0;
  int year = standards->year;

  g_return_if_fail (standards != NULL && out != NULL && (facilities != NULL || n == 0));

  *out = (CpExplanation){ 0 };
  cp_facility_tally_init (&tally);
  for (guint i = 0; i < n; i++)
    if (cp_facility_count_in_year (&facilities[i], year, projected) == CP_COUNT_YES)
      {
        cp_facility_tally_add_full (&tally, &facilities[i], year, projected);
        counted[n_counted++] = &facilities[i];
      }
  cp_facility_rules_check (kind, relocation_site, households, &tally, standards, &out->result);
  CpViolations v = out->result.violations;

  for (guint rule = 0; rule < CP_N_RULES; rule++)
    out->outcomes[rule] = cp_rule_outcome (rule, kind, relocation_site, n_counted, v);

  out->reasons[CP_RULE_AREA] = explain_area (households, counted, n_counted, standards,
                                             &out->result);
  out->reasons[CP_RULE_RURAL_BUILDING] = explain_rural_building (
      kind, counted, n_counted, standards, CP_VIOLATES (v, CP_RULE_RURAL_BUILDING));
  out->reasons[CP_RULE_SERVICE_SHARE] = explain_service_share (
      counted, n_counted, standards, CP_VIOLATES (v, CP_RULE_SERVICE_SHARE));
  out->reasons[CP_RULE_NO_OFFICE] = explain_offices (counted, n_counted);
  out->reasons[CP_RULE_COVERAGE]
      = n_counted == 0
            ? g_strdup_printf (_("no comprehensive service facility counts in %d"), year)
            : g_strdup_printf (ngettext ("%u comprehensive service facility counts",
                                         "%u comprehensive service facilities count", n_counted),
                               n_counted);
  out->reasons[CP_RULE_RELOCATION]
      = !relocation_site ? g_strdup (_("not a relocation site"))
        : CP_VIOLATES (v, CP_RULE_RELOCATION)
            ? g_strdup (_("a relocation site must pass every rule above"))
            : g_strdup (_("passes every rule above"));
  out->reasons[CP_RULE_REGISTERED] = explain_registered (counted, n_counted);
  out->not_counted = explain_not_counted (facilities, n, year, projected);
}

void
cp_explanation_clear (CpExplanation *explanation)
{
  for (guint rule = 0; rule < CP_N_RULES; rule++)
    g_clear_pointer (&explanation->reasons[rule], g_free);
  g_clear_pointer (&explanation->not_counted, g_free);
}

char *
cp_explanation_to_text (const CpExplanation *explanation)
{
  GString *text = g_string_new (NULL);

  for (guint rule = 0; rule < CP_N_RULES; rule++)
    {
      append_sep (text, "\n");
      /* Translators: a rule's line in the explanation: rule, outcome, the figures */
      g_string_append_printf (text, _("%s: %s — %s"),
                              cp_vocabulary_display (cp_rules, CP_N_RULES, rule),
                              cp_rule_outcome_display (rule, explanation->outcomes[rule]),
                              explanation->reasons[rule] != NULL ? explanation->reasons[rule]
                                                                 : "");
    }
  if (explanation->not_counted != NULL)
    g_string_append_printf (text, "\n%s", explanation->not_counted);
  return g_string_free (text, FALSE);
}
