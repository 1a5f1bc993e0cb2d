/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sample's region: the 17 real township-level units of 蛟河市, each copy of the county
 * after the first under a made-up county code, with invented 社区 and 村 and their households a
 * year. Rows go in key order: codes ascending, a community's years right after it. */
#include "config.h"

#include <math.h>

#include "cp-region-store.h"
#include "cp-sample-private.h"

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

typedef struct
{
  CpStore *store;
  CpSampleCommunityFunc each;
  gpointer user_data;
} Writer;

/* A community's figures that only the region needs. */
typedef struct
{
  CpSampleCommunity shared;
  gint64 township_id;
  char code[32];
  double persons_per_household;
  gboolean relocation_site;
} RegionCommunity;

/* Auxiliary: one community */

static void
draw_figures (RegionCommunity *rc)
{
  CpSampleCommunity *c = &rc->shared;
  CpSampleRng *rng = &c->rng;
  double u = _cp_sample_rng_unit (rng);

  /* Skewed: most 社区 near 800–1500 households, most 村 near 150–400. */
  c->households = c->kind == CP_COMMUNITY_URBAN ? 800 + llround (3200 * pow (u, 6))
                                                : 150 + llround (750 * pow (u, 5));
  rc->persons_per_household = _cp_sample_rng_between (rng, 2.3, 2.5);
  if (c->special != NULL)
    {
      c->defect = c->special->defect;
      rc->relocation_site = c->special->relocation_site;
      return;
    }
  c->defect = _cp_sample_draw_defect (rng, c->kind);
  rc->relocation_site = _cp_sample_rng_chance (rng, c->kind == CP_COMMUNITY_RURAL ? 0.07 : 0.02);
}

static gboolean
write_year (Writer *writer, const RegionCommunity *rc, int year, gint64 households, GError **error)
{
  return cp_region_store_set_community_year (
      writer->store, rc->shared.id, year, households,
      llround ((double) households * rc->persons_per_household), error);
}

static gboolean
write_years (Writer *writer, RegionCommunity *rc, GError **error)
{
  CpSampleCommunity *c = &rc->shared;

  if (!write_year (writer, rc, 0, c->households, error))
    return FALSE;
  /* Some communities grew or shrank lately: "latest at or before the year" matters. */
  if (c->special != NULL || !_cp_sample_rng_chance (&c->rng, 0.18))
    return TRUE;
  int year = _cp_sample_rng_int (&c->rng, 2024, 2025);
  gint64 changed = llround ((double) c->households * _cp_sample_rng_between (&c->rng, 0.92, 1.12));
  return write_year (writer, rc, year, MAX (changed, 1), error);
}

static gboolean
write_community (Writer *writer, RegionCommunity *rc, GError **error)
{
  draw_figures (rc);
  CpCommunity community = {
    .township_id = rc->township_id,
    .code = rc->code,
    .name = rc->shared.name,
    .kind = rc->shared.kind,
    .relocation_site = rc->relocation_site,
  };
  if (!cp_region_store_save_community (writer->store, &community, error))
    return FALSE;
  rc->shared.id = community.id;
  rc->shared.code = rc->code;
  return write_years (writer, rc, error) && writer->each (&rc->shared, writer->user_data, error);
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
  CpSampleRng rng = _cp_sample_rng_for (copy, 0xfff, 0xfff);

  county->copy = copy;
  /* Copy k ≥ 1 of the county gets the made-up county code "9" + k in five digits. */
  if (copy == 0)
    g_strlcpy (county->county_code, CP_SAMPLE_CITY_CODE, sizeof county->county_code);
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
      guint j = (guint) (_cp_sample_rng_next (&rng) % (i + 1));
      guint16 swap = county->names[i];
      county->names[i] = county->names[j];
      county->names[j] = swap;
    }
}

static void
county_next_name (SampleCounty *county, CpSampleCommunity *c)
{
  g_assert (county->next_name < county->n_names);
  guint16 pair = county->names[county->next_name++];
  g_snprintf (c->name, sizeof c->name, "%s%s%s", name_first[pair / N_SECOND],
              name_second[pair % N_SECOND], c->kind == CP_COMMUNITY_URBAN ? "社区" : "村");
}

static gboolean
write_township_row (Writer *writer, const SampleCounty *county, const SampleTownship *t,
                    const char *code, gint64 *out_id, GError **error)
{
  g_autofree char *name = county->copy == 0
                              ? g_strdup (t->name)
                              : g_strdup_printf ("%s（样例县%u）", t->name, county->copy);

  CpTownship township = { .code = (char *) code, .name = name, .kind = t->kind };

  if (!cp_region_store_upsert_township (writer->store, &township, error))
    return FALSE;
  *out_id = township.id;
  return TRUE;
}

/* Community @n of township @index of @county, named and numbered but not drawn yet. */
static void
community_init (RegionCommunity *rc, SampleCounty *county, guint index, guint n,
                const char *township_code)
{
  const SampleTownship *t = &sample_townships[index];
  gboolean urban = n < t->urban;
  guint kind_index = urban ? n : n - t->urban;
  CpSampleCommunity *c = &rc->shared;

  c->rng = _cp_sample_rng_for (county->copy, index, n);
  c->kind = urban ? CP_COMMUNITY_URBAN : CP_COMMUNITY_RURAL;
  /* As the NBS numbers them: 居委会 from 001, 村委会 from 201. */
  g_snprintf (rc->code, sizeof rc->code, "%s%03u", township_code, (urban ? 1 : 201) + kind_index);
  c->special = _cp_sample_find_special (index, c->kind, kind_index);
  county_next_name (county, c);
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
      RegionCommunity rc = { .township_id = township_id };
      community_init (&rc, county, index, n, code);
      if (!write_community (writer, &rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Private API */

gboolean
_cp_region_sample_write_city (CpStore *store, GError **error)
{
  return cp_store_set_setting (store, "city_name", CP_SAMPLE_CITY_NAME, error)
         && cp_store_set_setting (store, "city_code", CP_SAMPLE_CITY_CODE, error);
}

gboolean
_cp_region_sample_write (CpStore *store, guint scale, CpSampleCommunityFunc each,
                         gpointer user_data, GError **error)
{
  g_autofree SampleCounty *county = g_new0 (SampleCounty, 1);
  Writer writer = { .store = store, .each = each, .user_data = user_data };

  for (guint copy = 0; copy < scale; copy++)
    {
      county_init (county, copy);
      for (guint i = 0; i < G_N_ELEMENTS (sample_townships); i++)
        if (!write_township (&writer, county, i, error))
          return FALSE;
    }
  return TRUE;
}
