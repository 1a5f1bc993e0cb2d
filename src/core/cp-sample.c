/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every figure comes from a small PRNG (splitmix64) seeded by the indices of the county copy,
 * the township and the community, never by time: the same scale writes the same rows in the
 * same order, and copy 0 (蛟河市 itself) is the same at any scale. A few communities are made
 * deliberately bad so that each rule of cp-rules.h is broken in every year 2023–2027. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cp-facility-store.h"
#include "cp-region-store.h"
#include "cp-sample.h"

#define SAMPLE_CITY_NAME "蛟河市"
#define SAMPLE_CITY_CODE "220281"
#define SAMPLE_STANDARDS_YEAR 2021
#define SAMPLE_STANDARDS_SOURCE "蛟政办发〔2023〕1号"
/* Copy k ≥ 1 of the county gets the made-up county code "9" + k in five digits. */
#define SAMPLE_MAX_SCALE 99999
#define CANCEL_CHECK_EVERY 4096
#define NAME_SIZE 192

/* Auxiliary: the random numbers */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static Rng
rng_for (guint copy, guint township, guint community)
{
  Rng rng = { ((guint64) copy << 24) ^ ((guint64) township << 12) ^ community };
  rng.state = rng_next (&rng);
  return rng;
}

/* Uniform in [0, 1). */
static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_between (Rng *rng, double low, double high)
{
  return low + (high - low) * rng_unit (rng);
}

/* Uniform integer in [low, high]. */
static int
rng_int (Rng *rng, int low, int high)
{
  return low + (int) (rng_next (rng) % (guint64) (high - low + 1));
}

static gboolean
rng_chance (Rng *rng, double probability)
{
  return rng_unit (rng) < probability;
}

/* Auxiliary: the county */

typedef struct
{
  const char *code; /* the last three digits */
  const char *name;
  CpTownshipKind kind;
  guint urban; /* invented 社区 */
  guint rural; /* invented 村 */
} SampleTownship;

/* The 17 township-level units of 蛟河市 (NBS 2022); the counts of 社区 and 村 are invented. */
static const SampleTownship sample_townships[] = {
  { "001", "民主街道", CP_TOWNSHIP_SUBDISTRICT, 6, 0 },
  { "002", "长安街道", CP_TOWNSHIP_SUBDISTRICT, 6, 0 },
  { "003", "河南街道", CP_TOWNSHIP_SUBDISTRICT, 5, 1 },
  { "004", "奶子山街道", CP_TOWNSHIP_SUBDISTRICT, 4, 6 },
  { "005", "拉法街道", CP_TOWNSHIP_SUBDISTRICT, 3, 10 },
  { "006", "河北街道", CP_TOWNSHIP_SUBDISTRICT, 4, 5 },
  { "007", "新农街道", CP_TOWNSHIP_SUBDISTRICT, 3, 12 },
  { "100", "新站镇", CP_TOWNSHIP_TOWN, 3, 28 },
  { "101", "天岗镇", CP_TOWNSHIP_TOWN, 2, 25 },
  { "102", "白石山镇", CP_TOWNSHIP_TOWN, 3, 20 },
  { "103", "漂河镇", CP_TOWNSHIP_TOWN, 2, 24 },
  { "104", "黄松甸镇", CP_TOWNSHIP_TOWN, 2, 23 },
  { "105", "天北镇", CP_TOWNSHIP_TOWN, 1, 20 },
  { "106", "松江镇", CP_TOWNSHIP_TOWN, 2, 19 },
  { "107", "庆岭镇", CP_TOWNSHIP_TOWN, 1, 18 },
  { "200", "乌林朝鲜族乡", CP_TOWNSHIP_TOWNSHIP, 1, 16 },
  { "201", "前进乡", CP_TOWNSHIP_TOWNSHIP, 1, 14 },
};

/* Syllables of invented community names: 永 + 安 → 永安社区, 永安村. */
static const char *const name_first[] = {
  "永", "兴", "东", "新", "红", "光", "长", "富", "和", "太", "福", "德",
  "金", "青", "双", "三", "宝", "吉", "顺", "河", "丰", "庆", "胜", "民",
};
static const char *const name_second[] = {
  "安", "华", "升", "兴", "光", "明", "发", "丰", "胜", "利", "合", "平",
  "山", "河", "林", "泉", "源", "阳", "德", "和", "顺", "盛", "强", "乐",
};
#define N_FIRST G_N_ELEMENTS (name_first)
#define N_SECOND G_N_ELEMENTS (name_second)

typedef enum
{
  DEFECT_NONE,
  DEFECT_AREA,
  DEFECT_RURAL_BUILDING,
  DEFECT_SERVICE_SHARE,
  DEFECT_OFFICE,
  DEFECT_COVERAGE,
  DEFECT_UNREGISTERED,
} Defect;

/* Communities made bad (or, for a relocation site, good) on purpose in every copy; their
 * facilities opened by 2018 and their households never change, so each rule is broken in every
 * year from 2023 on. */
typedef struct
{
  guint township; /* index in sample_townships */
  CpCommunityKind kind;
  guint index; /* among the township's communities of that kind */
  Defect defect;
  gboolean relocation_site;
  CpProvision provision;
} SampleSpecial;

static const SampleSpecial sample_specials[] = {
  { 7, CP_COMMUNITY_RURAL, 0, DEFECT_RURAL_BUILDING, TRUE, CP_PROVISION_RELOCATION },
  { 8, CP_COMMUNITY_RURAL, 1, DEFECT_NONE, TRUE, CP_PROVISION_RELOCATION },
  { 0, CP_COMMUNITY_URBAN, 2, DEFECT_SERVICE_SHARE, FALSE, CP_PROVISION_LEASE },
  { 1, CP_COMMUNITY_URBAN, 1, DEFECT_OFFICE, FALSE, CP_PROVISION_SWAP },
  { 2, CP_COMMUNITY_URBAN, 3, DEFECT_COVERAGE, FALSE, CP_PROVISION_NEW },
  { 4, CP_COMMUNITY_RURAL, 0, DEFECT_UNREGISTERED, FALSE, CP_PROVISION_NEW },
  { 10, CP_COMMUNITY_RURAL, 2, DEFECT_AREA, FALSE, CP_PROVISION_RELOCATION },
};

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

/* Auxiliary: the writer */

typedef struct
{
  CpStore *store;
  GCancellable *cancellable;
  guint64 communities;
} Writer;

typedef struct
{
  Rng rng;
  gint64 id;
  gint64 township_id;
  CpCommunityKind kind;
  char code[32];
  char name[NAME_SIZE];
  gint64 households;
  double persons_per_household;
  gboolean relocation_site;
  Defect defect;
  const SampleSpecial *special;
} SampleCommunity;

static gboolean
write_facility (Writer *writer, const CpFacility *f, GError **error)
{
  CpFacility copy = *f;

  g_assert (f->service_area_m2 + f->office_area_m2 <= f->total_area_m2);
  return cp_store_upsert_facility (writer->store, &copy, error);
}

static gboolean
write_year (Writer *writer, const SampleCommunity *c, int year, gint64 households,
            GError **error)
{
  return cp_region_store_set_community_year (
      writer->store, c->id, year, households,
      llround ((double) households * c->persons_per_household), error);
}

/* Auxiliary: the facilities of one community */

static CpProvision
random_provision (Rng *rng)
{
  double u = rng_unit (rng);
  return u < 0.45 ? CP_PROVISION_NEW
         : u < 0.6 ? CP_PROVISION_RELOCATION
         : u < 0.75 ? CP_PROVISION_SWAP
                    : CP_PROVISION_LEASE;
}

/* Fills the shares of @f: service @share of the total, the office a part of the rest. */
static void
set_areas (Rng *rng, CpFacility *f, double total_m2, double share)
{
  f->total_area_m2 = cp_round1 (total_m2);
  f->service_area_m2 = cp_round1 (f->total_area_m2 * share);
  f->office_area_m2
      = floor ((f->total_area_m2 - f->service_area_m2) * rng_between (rng, 3, 9)) / 10.0;
}

static void
set_features (Rng *rng, CpFacility *f)
{
  f->government_invested = f->provision != CP_PROVISION_LEASE && rng_chance (rng, 0.9);
  f->property_registered = f->government_invested;
  f->accessible = rng_chance (rng, 0.75);
  f->age_friendly = rng_chance (rng, 0.6);
  f->child_friendly = rng_chance (rng, 0.4);
}

static const char *
community_suffix (const SampleCommunity *c)
{
  return c->kind == CP_COMMUNITY_URBAN ? "社区" : "村";
}

/* Year the main facility opened: mostly before the plan, some during it. */
static int
opening_year (Rng *rng, const SampleCommunity *c)
{
  if (c->special != NULL)
    return 2013 + (int) (c->special - sample_specials);
  return rng_chance (rng, 0.88) ? rng_int (rng, 2012, 2022) : rng_int (rng, 2023, 2025);
}

static double
main_area_m2 (Rng *rng, const SampleCommunity *c)
{
  double required = CP_DEFAULT_AREA_PER_100_HOUSEHOLDS_M2 * (double) c->households / 100.0;

  switch (c->defect)
    {
    case DEFECT_AREA:
      return MAX (required * rng_between (rng, 0.55, 0.9), c->kind == CP_COMMUNITY_RURAL ? 200 : 1);
    case DEFECT_RURAL_BUILDING:
      return rng_between (rng, 120, 195);
    default:
      break;
    }
  double area = required * rng_between (rng, 1.05, 1.7);
  if (c->kind == CP_COMMUNITY_RURAL)
    area = MAX (area, rng_between (rng, 210, 460));
  return area;
}

static gboolean
write_main (Writer *writer, SampleCommunity *c, GError **error)
{
  Rng *rng = &c->rng;
  char name[NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };

  g_snprintf (name, sizeof name, "%s%s", c->name,
              c->kind == CP_COMMUNITY_URBAN ? "综合服务中心" : "综合服务站");
  f.provision = c->special != NULL ? c->special->provision : random_provision (rng);
  f.status = CP_STATUS_IN_USE;
  f.year = opening_year (rng, c);
  double share = rng_between (rng, 0.82, 0.93);
  if (c->defect == DEFECT_SERVICE_SHARE)
    share = c->special != NULL ? 0.7 : rng_between (rng, 0.62, 0.78);
  set_areas (rng, &f, main_area_m2 (rng, c), share);
  set_features (rng, &f);
  if (c->defect == DEFECT_OFFICE)
    f.independent_offices = c->special != NULL ? 2 : rng_int (rng, 1, 2);
  if (c->defect == DEFECT_UNREGISTERED)
    {
      f.provision = CP_PROVISION_NEW;
      f.government_invested = TRUE;
      f.property_registered = FALSE;
    }
  return write_facility (writer, &f, error);
}

/* A second station in use, for some larger communities without a defect. */
static gboolean
write_branch (Writer *writer, SampleCommunity *c, GError **error)
{
  Rng *rng = &c->rng;
  char name[NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };

  g_snprintf (name, sizeof name, "%s%s", c->name, "综合服务站（二）");
  f.provision = random_provision (rng);
  f.status = CP_STATUS_IN_USE;
  f.year = rng_int (rng, 2015, 2025);
  double low = c->kind == CP_COMMUNITY_RURAL ? 205 : 80;
  set_areas (rng, &f, rng_between (rng, low, low + 220), rng_between (rng, 0.82, 0.95));
  set_features (rng, &f);
  return write_facility (writer, &f, error);
}

/* One that does not count: planned or being built (new site or extension), or closed. */
static gboolean
write_pending (Writer *writer, SampleCommunity *c, CpFacilityStatus status, GError **error)
{
  Rng *rng = &c->rng;
  char name[NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = CP_FACILITY_COMPREHENSIVE };
  const char *what = status == CP_STATUS_CLOSED ? "原综合服务用房"
                     : status == CP_STATUS_PLANNED ? "综合服务中心（新址）"
                                                   : "综合服务中心（扩建）";

  g_snprintf (name, sizeof name, "%s%s", c->name, what);
  f.status = status;
  if (status == CP_STATUS_CLOSED)
    {
      f.provision = CP_PROVISION_LEASE;
      f.year = rng_int (rng, 2012, 2016);
      set_areas (rng, &f, rng_between (rng, 60, 220), rng_between (rng, 0.5, 0.75));
    }
  else
    {
      f.provision = random_provision (rng);
      f.year = status == CP_STATUS_PLANNED ? rng_int (rng, 2026, 2027) : rng_int (rng, 2025, 2027);
      double low = c->kind == CP_COMMUNITY_RURAL ? 220 : 150;
      set_areas (rng, &f, rng_between (rng, low, low + 500), rng_between (rng, 0.82, 0.92));
    }
  set_features (rng, &f);
  return write_facility (writer, &f, error);
}

static gboolean
write_other (Writer *writer, SampleCommunity *c, CpFacilityKind kind, GError **error)
{
  Rng *rng = &c->rng;
  const SampleKind *k = &sample_kinds[kind];
  char name[NAME_SIZE];
  CpFacility f = { .community_id = c->id, .name = name, .kind = kind };

  g_snprintf (name, sizeof name, "%s%s", c->name,
              c->kind == CP_COMMUNITY_URBAN ? k->urban_suffix : k->rural_suffix);
  f.provision = random_provision (rng);
  double u = rng_unit (rng);
  f.status = u < 0.85 ? CP_STATUS_IN_USE : u < 0.93 ? CP_STATUS_BUILDING : CP_STATUS_PLANNED;
  f.year = f.status == CP_STATUS_IN_USE ? rng_int (rng, 2012, 2025)
           : f.status == CP_STATUS_BUILDING ? rng_int (rng, 2025, 2027)
                                            : rng_int (rng, 2026, 2027);
  set_areas (rng, &f, rng_between (rng, k->min_area_m2, k->max_area_m2),
             rng_between (rng, 0.8, 0.98));
  set_features (rng, &f);
  f.property_registered = f.government_invested && rng_chance (rng, 0.85);
  return write_facility (writer, &f, error);
}

static gboolean
write_others (Writer *writer, SampleCommunity *c, GError **error)
{
  Rng *rng = &c->rng;
  gboolean urban = c->kind == CP_COMMUNITY_URBAN;
  const CpFacilityKind *kinds = urban ? urban_other_kinds : rural_other_kinds;
  guint n_kinds = urban ? G_N_ELEMENTS (urban_other_kinds) : G_N_ELEMENTS (rural_other_kinds);
  guint count = (guint) rng_int (rng, 0, 3);
  guint start = (guint) rng_int (rng, 0, (int) n_kinds - 1);

  /* Consecutive kinds from a random start: never the same kind (and name) twice. */
  for (guint i = 0; i < count; i++)
    if (!write_other (writer, c, kinds[(start + i) % n_kinds], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_facilities (Writer *writer, SampleCommunity *c, GError **error)
{
  Rng *rng = &c->rng;

  if (c->defect == DEFECT_COVERAGE)
    {
      /* Nothing in use: only a building site, or (some villages) nothing at all. */
      if ((c->special != NULL || rng_chance (rng, 0.5))
          && !write_pending (writer, c, CP_STATUS_BUILDING, error))
        return FALSE;
    }
  else if (!write_main (writer, c, error))
    return FALSE;
  if (c->defect == DEFECT_NONE && c->households > 600 && rng_chance (rng, 0.3)
      && !write_branch (writer, c, error))
    return FALSE;
  if (c->defect != DEFECT_COVERAGE && rng_chance (rng, 0.15)
      && !write_pending (writer, c,
                         rng_chance (rng, 0.5) ? CP_STATUS_PLANNED : CP_STATUS_BUILDING, error))
    return FALSE;
  if (rng_chance (rng, 0.08) && !write_pending (writer, c, CP_STATUS_CLOSED, error))
    return FALSE;
  return write_others (writer, c, error);
}

/* Auxiliary: communities */

static Defect
random_defect (Rng *rng, CpCommunityKind kind)
{
  double u = rng_unit (rng);

  if (u < 0.05)
    return DEFECT_AREA;
  if (u < 0.08)
    return kind == CP_COMMUNITY_RURAL ? DEFECT_RURAL_BUILDING : DEFECT_SERVICE_SHARE;
  if (u < 0.11)
    return DEFECT_SERVICE_SHARE;
  if (u < 0.13)
    return DEFECT_OFFICE;
  if (u < 0.16)
    return DEFECT_COVERAGE;
  if (u < 0.19)
    return DEFECT_UNREGISTERED;
  return DEFECT_NONE;
}

static const SampleSpecial *
find_special (guint township, CpCommunityKind kind, guint index)
{
  for (guint i = 0; i < G_N_ELEMENTS (sample_specials); i++)
    {
      const SampleSpecial *s = &sample_specials[i];
      if (s->township == township && s->kind == kind && s->index == index)
        return s;
    }
  return NULL;
}

static void
draw_figures (SampleCommunity *c)
{
  Rng *rng = &c->rng;
  double u = rng_unit (rng);

  /* Skewed: most 社区 near 800–1500 households, most 村 near 150–400. */
  c->households = c->kind == CP_COMMUNITY_URBAN ? 800 + llround (3200 * pow (u, 6))
                                                : 150 + llround (750 * pow (u, 5));
  c->persons_per_household = rng_between (&c->rng, 2.3, 2.5);
  if (c->special != NULL)
    {
      c->defect = c->special->defect;
      c->relocation_site = c->special->relocation_site;
      return;
    }
  c->defect = random_defect (rng, c->kind);
  c->relocation_site = rng_chance (rng, c->kind == CP_COMMUNITY_RURAL ? 0.07 : 0.02);
}

static gboolean
write_years (Writer *writer, SampleCommunity *c, GError **error)
{
  if (!write_year (writer, c, 0, c->households, error))
    return FALSE;
  /* Some communities grew or shrank lately: "latest at or before the year" matters. */
  if (c->special != NULL || !rng_chance (&c->rng, 0.18))
    return TRUE;
  int year = rng_int (&c->rng, 2024, 2025);
  gint64 changed = llround ((double) c->households * rng_between (&c->rng, 0.92, 1.12));
  return write_year (writer, c, year, MAX (changed, 1), error);
}

static gboolean
write_community (Writer *writer, SampleCommunity *c, GError **error)
{
  if (writer->communities++ % CANCEL_CHECK_EVERY == 0
      && g_cancellable_is_cancelled (writer->cancellable))
    return cp_set_error (error, CP_ERROR_CANCELLED, _("Writing the sample data was cancelled."));
  draw_figures (c);
  CpCommunity community = {
    .township_id = c->township_id,
    .code = c->code,
    .name = c->name,
    .kind = c->kind,
    .relocation_site = c->relocation_site,
  };
  if (!cp_region_store_save_community (writer->store, &community, error))
    return FALSE;
  c->id = community.id;
  return write_years (writer, c, error) && write_facilities (writer, c, error);
}

/* Auxiliary: townships and copies of the county */

typedef struct
{
  guint copy;
  char county_code[8];
  guint16 names[N_FIRST * N_SECOND]; /* first × N_SECOND + second, shuffled per copy */
  guint n_names;
  guint next_name;
} SampleCounty;

static void
county_init (SampleCounty *county, guint copy)
{
  Rng rng = rng_for (copy, 0xfff, 0xfff);

  county->copy = copy;
  if (copy == 0)
    g_strlcpy (county->county_code, SAMPLE_CITY_CODE, sizeof county->county_code);
  else
    g_snprintf (county->county_code, sizeof county->county_code, "9%05u", copy);
  county->n_names = 0;
  county->next_name = 0;
  for (guint i = 0; i < N_FIRST; i++)
    for (guint j = 0; j < N_SECOND; j++)
      if (!g_str_equal (name_first[i], name_second[j]))
        county->names[county->n_names++] = (guint16) (i * N_SECOND + j);
  for (guint i = county->n_names - 1; i > 0; i--)
    {
      guint j = (guint) (rng_next (&rng) % (i + 1));
      guint16 swap = county->names[i];
      county->names[i] = county->names[j];
      county->names[j] = swap;
    }
}

static void
county_next_name (SampleCounty *county, SampleCommunity *c)
{
  g_assert (county->next_name < county->n_names);
  guint16 pair = county->names[county->next_name++];
  g_snprintf (c->name, sizeof c->name, "%s%s%s", name_first[pair / N_SECOND],
              name_second[pair % N_SECOND], community_suffix (c));
}

static gboolean
write_township_row (Writer *writer, const SampleCounty *county, const SampleTownship *t,
                    const char *code, gint64 *out_id, GError **error)
{
  g_autofree char *name = county->copy == 0
                              ? g_strdup (t->name)
                              : g_strdup_printf ("%s（样例县%u）", t->name, county->copy);

  CpTownship township = { .code = (char *) code, .name = name, .kind = t->kind };

  if (!cp_store_upsert_township (writer->store, &township, error))
    return FALSE;
  *out_id = township.id;
  return TRUE;
}

static gboolean
write_township (Writer *writer, SampleCounty *county, guint index, GError **error)
{
  const SampleTownship *t = &sample_townships[index];
  char code[16];
  gint64 township_id;

  g_snprintf (code, sizeof code, "%s%s", county->county_code, t->code);
  if (!write_township_row (writer, county, t, code, &township_id, error))
    return FALSE;
  for (guint n = 0; n < t->urban + t->rural; n++)
    {
      gboolean urban = n < t->urban;
      SampleCommunity c = {
        .rng = rng_for (county->copy, index, n),
        .township_id = township_id,
        .kind = urban ? CP_COMMUNITY_URBAN : CP_COMMUNITY_RURAL,
      };
      guint kind_index = urban ? n : n - t->urban;
      /* As the NBS numbers them: 居委会 from 001, 村委会 from 201. */
      g_snprintf (c.code, sizeof c.code, "%s%03u", code, (urban ? 1 : 201) + kind_index);
      c.special = find_special (index, c.kind, kind_index);
      county_next_name (county, &c);
      if (!write_community (writer, &c, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_settings (CpStore *store, GError **error)
{
  CpStandards standards;

  cp_standards_init_default (&standards, SAMPLE_STANDARDS_YEAR);
  return cp_store_set_setting (store, "city_name", SAMPLE_CITY_NAME, error)
         && cp_store_set_setting (store, "city_code", SAMPLE_CITY_CODE, error)
         && cp_store_set_setting (store, "sample", "1", error)
         && cp_store_set_standards (store, &standards, SAMPLE_STANDARDS_SOURCE, error);
}

static gboolean
write_all (Writer *writer, guint scale, GError **error)
{
  g_autofree SampleCounty *county = g_new0 (SampleCounty, 1);

  if (!write_settings (writer->store, error))
    return FALSE;
  for (guint copy = 0; copy < scale; copy++)
    {
      county_init (county, copy);
      for (guint i = 0; i < G_N_ELEMENTS (sample_townships); i++)
        if (!write_township (writer, county, i, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
store_is_empty (CpStore *store, GError **error)
{
  gboolean townships = FALSE, standards = FALSE;

  if (!cp_region_store_has_townships (store, &townships, error)
      || !cp_facility_store_has_standards (store, &standards, error))
    return FALSE;
  if (townships || standards)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("The sample data can only be written into a new, empty database; "
                           "“%s” already has data."),
                         cp_store_get_path (store));
  return TRUE;
}

/* Public API */

gboolean
cp_sample_write (CpStore *store, guint scale, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scale < 1 || scale > SAMPLE_MAX_SCALE)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("The sample scale must be a whole number from 1 to %d."),
                         SAMPLE_MAX_SCALE);
  if (!cp_store_check_writable (store, error) || !store_is_empty (store, error))
    return FALSE;

  /* One transaction, statements prepared once (the stores cache them). Rows go in key order (codes ascending, facilities
   * after their community), so the indexes grow at their ends and a larger page cache was
   * measured not to help (scale 2000: about 20 s with SQLite's default cache, 25 s with 256 MB). */
  Writer writer = { .store = store, .cancellable = cancellable };
  if (!cp_store_begin (store, error))
    return FALSE;
  gboolean ok = write_all (&writer, scale, error);
  if (ok)
    ok = cp_store_commit (store, error);
  if (!ok)
    cp_store_rollback (store);
  return ok;
}
