/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sample's facilities: for each community a comprehensive facility (or, for a coverage
 * defect, none in use), sometimes a second station, a planned, building or closed one, and up to
 * three of the other kinds, all drawn from the community's generator after its region figures.
 * A community's defect decides which rule its facilities break. */
#include "config.h"

#include <math.h>

#include "cp-facility-rules.h"
#include "cp-facility-store.h"
#include "cp-sample-private.h"

#define SAMPLE_STANDARDS_YEAR 2021
#define SAMPLE_STANDARDS_SOURCE "蛟政办发〔2023〕1号"

/* Facilities besides the comprehensive one: what a community of each kind may have. */
static const CpFacilityKind urban_other_kinds[] = {
  CP_FACILITY_ELDERLY_CARE, CP_FACILITY_CHILDCARE, CP_FACILITY_CHILDREN_HOME,
  CP_FACILITY_REHABILITATION, CP_FACILITY_CULTURE_SPORTS, CP_FACILITY_FITNESS,
  CP_FACILITY_EXPRESS, CP_FACILITY_MARKET, CP_FACILITY_READING,
};
static const CpFacilityKind rural_other_kinds[] = {
  CP_FACILITY_READING, CP_FACILITY_FITNESS, CP_FACILITY_CULTURE_SPORTS,
  CP_FACILITY_ELDERLY_CARE, CP_FACILITY_CHILDREN_HOME, CP_FACILITY_CEREMONY,
  CP_FACILITY_BURIAL, CP_FACILITY_EXPRESS, CP_FACILITY_MARKET,
};

typedef struct
{
  const char *urban_suffix;
  const char *rural_suffix;
  double min_area_m2;
  double max_area_m2;
} SampleKind;

static const SampleKind sample_kinds[CP_N_FACILITY_KINDS] = {
  [CP_FACILITY_CHILDCARE] = { "托育园", "托育点", 80, 300 },
  [CP_FACILITY_CHILDREN_HOME] = { "儿童之家", "儿童之家", 30, 120 },
  [CP_FACILITY_ELDERLY_CARE] = { "日间照料中心", "互助养老服务站", 100, 600 },
  [CP_FACILITY_REHABILITATION] = { "康复站", "康复站", 50, 200 },
  [CP_FACILITY_READING] = { "阅读空间", "农家书屋", 20, 80 },
  [CP_FACILITY_CULTURE_SPORTS] = { "文体活动室", "文体活动室", 60, 300 },
  [CP_FACILITY_FITNESS] = { "健身广场", "健身广场", 300, 2000 },
  [CP_FACILITY_MARKET] = { "农贸市场", "集贸市场", 300, 3000 },
  [CP_FACILITY_EXPRESS] = { "快递综合服务站", "快递综合服务站", 20, 80 },
  [CP_FACILITY_CEREMONY] = { "红白喜事办理点", "红白喜事办理点", 150, 500 },
  [CP_FACILITY_BURIAL] = { "公益性公墓", "公益性公墓", 1000, 10000 },
};

/* Auxiliary: one facility's figures */

static gboolean
write_facility (CpStore *store, const CpFacility *f, GError **error)
{
  CpFacility copy = *f;

  g_assert (f->service_area_m2 + f->office_area_m2 <= f->total_area_m2);
  return cp_facility_store_upsert (store, &copy, error);
}

static CpProvision
random_provision (CpSampleRng *rng)
{
  double u = _cp_sample_rng_unit (rng);
  return u < 0.45 ? CP_PROVISION_NEW
         : u < 0.6 ? CP_PROVISION_RELOCATION
         : u < 0.75 ? CP_PROVISION_SWAP
                    : CP_PROVISION_LEASE;
}

/* Fills the shares of @f: service @share of the total, the office a part of the rest. */
static void
set_areas (CpSampleRng *rng, CpFacility *f, double total_m2, double share)
{
  f->total_area_m2 = cp_round1 (total_m2);
  f->service_area_m2 = cp_round1 (f->total_area_m2 * share);
  f->office_area_m2 = floor ((f->total_area_m2 - f->service_area_m2)
                             * _cp_sample_rng_between (rng, 3, 9))
                      / 10.0;
}

/* Like set_areas() with a total drawn in [@low_m2, @high_m2) and a share in [@share_low,
 * @share_high). The share is drawn first: the order GCC gave the two draws when they were
 * arguments of one call, kept so that the sample stays what it was, and now the same with any
 * compiler. */
static void
draw_areas (CpSampleRng *rng, CpFacility *f, double low_m2, double high_m2, double share_low,
            double share_high)
{
  double share = _cp_sample_rng_between (rng, share_low, share_high);
  double total_m2 = _cp_sample_rng_between (rng, low_m2, high_m2);

  set_areas (rng, f, total_m2, share);
}

static void
set_features (CpSampleRng *rng, CpFacility *f)
{
  f->government_invested = f->provision != CP_PROVISION_LEASE && _cp_sample_rng_chance (rng, 0.9);
  f->property_registered = f->government_invested;
  f->accessible = _cp_sample_rng_chance (rng, 0.75);
  f->age_friendly = _cp_sample_rng_chance (rng, 0.6);
  f->child_friendly = _cp_sample_rng_chance (rng, 0.4);
}

/* Auxiliary: the comprehensive facilities */

/* Year the main facility opened: mostly before the plan, some during it. */
static int
opening_year (CpSampleRng *rng, const CpSampleCommunity *c)
{
  if (c->special != NULL)
    return c->special->main_year;
  return _cp_sample_rng_chance (rng, 0.88) ? _cp_sample_rng_int (rng, 2012, 2022)
                                           : _cp_sample_rng_int (rng, 2023, 2025);
}

static double
main_area_m2 (CpSampleRng *rng, const CpSampleCommunity *c)
{
  double required = CP_DEFAULT_AREA_PER_100_HOUSEHOLDS_M2 * (double) c->households / 100.0;

  switch (c->defect)
    {
    case CP_SAMPLE_DEFECT_AREA:
      return MAX (required * _cp_sample_rng_between (rng, 0.55, 0.9),
                  c->kind == CP_COMMUNITY_RURAL ? 200 : 1);
    case CP_SAMPLE_DEFECT_RURAL_BUILDING:
      return _cp_sample_rng_between (rng, 120, 195);
    default:
      break;
    }
  double area = required * _cp_sample_rng_between (rng, 1.05, 1.7);
  if (c->kind == CP_COMMUNITY_RURAL)
    area = MAX (area, _cp_sample_rng_between (rng, 210, 460));
  return area;
}

/* Breaks the rule of @c's defect on its main facility @f, where the defect is about it. */
static void
apply_main_defect (CpSampleRng *rng, const CpSampleCommunity *c, CpFacility *f)
{
  if (c->defect == CP_SAMPLE_DEFECT_OFFICE)
    f->independent_offices = c->special != NULL ? 2 : _cp_sample_rng_int (rng, 1, 2);
  if (c->defect == CP_SAMPLE_DEFECT_UNREGISTERED)
    {
      f->provision = CP_PROVISION_NEW;
      f->government_invested = TRUE;
      f->property_registered = FALSE;
    }
}

static gboolean
write_main (CpStore *store, CpSampleCommunity *c, GError **error)
{
  CpSampleRng *rng = &c->rng;
  char name[CP_SAMPLE_NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };

  g_snprintf (name, sizeof name, "%s%s", c->name,
              c->kind == CP_COMMUNITY_URBAN ? "综合服务中心" : "综合服务站");
  f.provision = c->special != NULL ? c->special->provision : random_provision (rng);
  f.status = CP_STATUS_IN_USE;
  f.year = opening_year (rng, c);
  double share = _cp_sample_rng_between (rng, 0.82, 0.93);
  if (c->defect == CP_SAMPLE_DEFECT_SERVICE_SHARE)
    share = c->special != NULL ? 0.7 : _cp_sample_rng_between (rng, 0.62, 0.78);
  set_areas (rng, &f, main_area_m2 (rng, c), share);
  set_features (rng, &f);
  apply_main_defect (rng, c, &f);
  return write_facility (store, &f, error);
}

/* A second station in use, for some larger communities without a defect. */
static gboolean
write_branch (CpStore *store, CpSampleCommunity *c, GError **error)
{
  CpSampleRng *rng = &c->rng;
  char name[CP_SAMPLE_NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };

  g_snprintf (name, sizeof name, "%s%s", c->name, "综合服务站（二）");
  f.provision = random_provision (rng);
  f.status = CP_STATUS_IN_USE;
  f.year = _cp_sample_rng_int (rng, 2015, 2025);
  double low = c->kind == CP_COMMUNITY_RURAL ? 205 : 80;
  draw_areas (rng, &f, low, low + 220, 0.82, 0.95);
  set_features (rng, &f);
  return write_facility (store, &f, error);
}

static void
set_pending_figures (CpSampleRng *rng, const CpSampleCommunity *c, CpFacility *f)
{
  if (f->status == CP_STATUS_CLOSED)
    {
      f->provision = CP_PROVISION_LEASE;
      f->year = _cp_sample_rng_int (rng, 2012, 2016);
      draw_areas (rng, f, 60, 220, 0.5, 0.75);
      return;
    }
  f->provision = random_provision (rng);
  f->year = f->status == CP_STATUS_PLANNED ? _cp_sample_rng_int (rng, 2026, 2027)
                                           : _cp_sample_rng_int (rng, 2025, 2027);
  double low = c->kind == CP_COMMUNITY_RURAL ? 220 : 150;
  draw_areas (rng, f, low, low + 500, 0.82, 0.92);
}

/* One that does not count: planned or being built (new site or extension), or closed. */
static gboolean
write_pending (CpStore *store, CpSampleCommunity *c, CpFacilityStatus status, GError **error)
{
  char name[CP_SAMPLE_NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };
  const char *what = status == CP_STATUS_CLOSED ? "原综合服务用房"
                     : status == CP_STATUS_PLANNED ? "综合服务中心（新址）"
                                                   : "综合服务中心（扩建）";

  g_snprintf (name, sizeof name, "%s%s", c->name, what);
  f.status = status;
  set_pending_figures (&c->rng, c, &f);
  set_features (&c->rng, &f);
  return write_facility (store, &f, error);
}

/* Auxiliary: the other kinds */

static gboolean
write_other (CpStore *store, CpSampleCommunity *c, CpFacilityKind kind, GError **error)
{
  CpSampleRng *rng = &c->rng;
  const SampleKind *k = &sample_kinds[kind];
  char name[CP_SAMPLE_NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = kind };

  g_snprintf (name, sizeof name, "%s%s", c->name,
              c->kind == CP_COMMUNITY_URBAN ? k->urban_suffix : k->rural_suffix);
  f.provision = random_provision (rng);
  double u = _cp_sample_rng_unit (rng);
  f.status = u < 0.85 ? CP_STATUS_IN_USE : u < 0.93 ? CP_STATUS_BUILDING : CP_STATUS_PLANNED;
  f.year = f.status == CP_STATUS_IN_USE   ? _cp_sample_rng_int (rng, 2012, 2025)
           : f.status == CP_STATUS_BUILDING ? _cp_sample_rng_int (rng, 2025, 2027)
                                            : _cp_sample_rng_int (rng, 2026, 2027);
  draw_areas (rng, &f, k->min_area_m2, k->max_area_m2, 0.8, 0.98);
  set_features (rng, &f);
  f.property_registered = f.government_invested && _cp_sample_rng_chance (rng, 0.85);
  return write_facility (store, &f, error);
}

static gboolean
write_others (CpStore *store, CpSampleCommunity *c, GError **error)
{
  CpSampleRng *rng = &c->rng;
  gboolean urban = c->kind == CP_COMMUNITY_URBAN;
  const CpFacilityKind *kinds = urban ? urban_other_kinds : rural_other_kinds;
  guint n_kinds = urban ? G_N_ELEMENTS (urban_other_kinds) : G_N_ELEMENTS (rural_other_kinds);
  guint count = (guint) _cp_sample_rng_int (rng, 0, 3);
  guint start = (guint) _cp_sample_rng_int (rng, 0, (int) n_kinds - 1);

  /* Consecutive kinds from a random start: never the same kind (and name) twice. */
  for (guint i = 0; i < count; i++)
    if (!write_other (store, c, kinds[(start + i) % n_kinds], error))
      return FALSE;
  return TRUE;
}

/* The comprehensive facility in use, or for a coverage defect nothing in use: only a building
 * site, or (some villages) nothing at all. */
static gboolean
write_comprehensive (CpStore *store, CpSampleCommunity *c, GError **error)
{
  if (c->defect != CP_SAMPLE_DEFECT_COVERAGE)
    return write_main (store, c, error);
  if (c->special != NULL || _cp_sample_rng_chance (&c->rng, 0.5))
    return write_pending (store, c, CP_STATUS_BUILDING, error);
  return TRUE;
}

/* Private API */

gboolean
_cp_facility_sample_write_standards (CpStore *store, GError **error)
{
  CpStandards standards;

  cp_standards_init_default (&standards, SAMPLE_STANDARDS_YEAR);
  return cp_facility_store_set_standards (store, &standards, SAMPLE_STANDARDS_SOURCE, error);
}

gboolean
_cp_facility_sample_write_community (CpStore *store, CpSampleCommunity *c, GError **error)
{
  CpSampleRng *rng = &c->rng;

  if (!write_comprehensive (store, c, error))
    return FALSE;
  if (c->defect == CP_SAMPLE_DEFECT_NONE && c->households > 600
      && _cp_sample_rng_chance (rng, 0.3) && !write_branch (store, c, error))
    return FALSE;
  if (c->defect != CP_SAMPLE_DEFECT_COVERAGE && _cp_sample_rng_chance (rng, 0.15)
      && !write_pending (store, c,
                         _cp_sample_rng_chance (rng, 0.5) ? CP_STATUS_PLANNED
                                                          : CP_STATUS_BUILDING,
                         error))
    return FALSE;
  if (_cp_sample_rng_chance (rng, 0.08) && !write_pending (store, c, CP_STATUS_CLOSED, error))
    return FALSE;
  return write_others (store, c, error);
}
