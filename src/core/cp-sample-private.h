/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the domains' sample writers share: the random numbers, the plan of the communities made
 * bad on purpose, and the community being written. Every figure of a community comes from one
 * small PRNG (splitmix64) seeded by the indices of the county copy, the township and the
 * community, never by time; the region writer draws its figures first, then hands the same
 * generator to the facility writer, so the draws (and the rows) come in one fixed order. */
#pragma once

#include <gio/gio.h>

#include "cp-facility.h"
#include "cp-region.h"
#include "cp-store.h"

G_BEGIN_DECLS

#define CP_SAMPLE_CITY_NAME "蛟河市"
#define CP_SAMPLE_CITY_CODE "220281"
#define CP_SAMPLE_NAME_SIZE 192

/* The random numbers */

typedef struct
{
  guint64 state;
} CpSampleRng;

static inline guint64
_cp_sample_rng_next (CpSampleRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline CpSampleRng
_cp_sample_rng_for (guint copy, guint township, guint community)
{
  CpSampleRng rng = { ((guint64) copy << 24) ^ ((guint64) township << 12) ^ community };
  rng.state = _cp_sample_rng_next (&rng);
  return rng;
}

/* Uniform in [0, 1). */
static inline double
_cp_sample_rng_unit (CpSampleRng *rng)
{
  return (double) (_cp_sample_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline double
_cp_sample_rng_between (CpSampleRng *rng, double low, double high)
{
  return low + (high - low) * _cp_sample_rng_unit (rng);
}

/* Uniform integer in [low, high]. */
static inline int
_cp_sample_rng_int (CpSampleRng *rng, int low, int high)
{
  return low + (int) (_cp_sample_rng_next (rng) % (guint64) (high - low + 1));
}

static inline gboolean
_cp_sample_rng_chance (CpSampleRng *rng, double probability)
{
  return _cp_sample_rng_unit (rng) < probability;
}

/* Communities made bad on purpose */

/* The rule a community's facilities break on purpose. */
typedef enum
{
  CP_SAMPLE_DEFECT_NONE,
  CP_SAMPLE_DEFECT_AREA,
  CP_SAMPLE_DEFECT_RURAL_BUILDING,
  CP_SAMPLE_DEFECT_SERVICE_SHARE,
  CP_SAMPLE_DEFECT_OFFICE,
  CP_SAMPLE_DEFECT_COVERAGE,
  CP_SAMPLE_DEFECT_UNREGISTERED,
} CpSampleDefect;

/* A community made bad (or, for a relocation site, good) on purpose in every copy of the
 * county; its main facility opened in @main_year and its households never change, so each rule
 * is broken in every year of the plan. */
typedef struct
{
  guint township; /* index among the county's townships */
  CpCommunityKind kind;
  guint index; /* among the township's communities of that kind */
  CpSampleDefect defect;
  gboolean relocation_site;
  CpProvision provision; /* of the main facility */
  int main_year;
} CpSampleSpecial;

/* The special community at @township, @kind and @index, or NULL. */
const CpSampleSpecial *_cp_sample_find_special (guint township, CpCommunityKind kind, guint index);
/* A random defect (mostly none) for a community of @kind; one draw from @rng. */
CpSampleDefect _cp_sample_draw_defect (CpSampleRng *rng, CpCommunityKind kind);

/* The community being written */

typedef struct
{
  CpSampleRng rng; /* the community's own generator, shared by the domains in turn */
  gint64 id;
  CpCommunityKind kind;
  char name[CP_SAMPLE_NAME_SIZE];
  const char *code; /* its statistical code, the county's code first */
  gint64 households;
  CpSampleDefect defect;
  const CpSampleSpecial *special; /* NULL for most */
} CpSampleCommunity;

/* Called for each community once its region rows are written, with its generator where the
 * region writer left it. */
typedef gboolean (*CpSampleCommunityFunc) (CpSampleCommunity *community, gpointer user_data,
                                           GError **error);

/* The domains' writers */

/* The city's name and code in the settings. */
gboolean _cp_region_sample_write_city (CpStore *store, GError **error);
/* @scale copies of the county: townships, communities and their households a year, calling
 * @each after each community. */
gboolean _cp_region_sample_write (CpStore *store, guint scale, CpSampleCommunityFunc each,
                                  gpointer user_data, GError **error);

/* The standards the sample's facilities are measured against. */
gboolean _cp_facility_sample_write_standards (CpStore *store, GError **error);
/* The facilities of @community, drawn from its generator. */
gboolean _cp_facility_sample_write_community (CpStore *store, CpSampleCommunity *community,
                                              GError **error);

/* The staff of @community, drawn from its generator after its facilities. */
gboolean _cp_staff_sample_write_community (CpStore *store, CpSampleCommunity *community,
                                           GError **error);

G_END_DECLS
