/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Domain types of the facility plan (DOMAIN.md §1): plain structs and the vocabularies the
 * store, the importer and every report share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word of a closed vocabulary: the key stored in the database, the fixed Chinese label that
 * import files may use, and the English display name (translated through gettext). */
typedef struct
{
  const char *key;
  const char *zh_label;
  const char *display; /* N_() marked; show with _() */
} CpVocabulary;

typedef enum
{
  CP_TOWNSHIP_SUBDISTRICT,
  CP_TOWNSHIP_TOWN,
  CP_TOWNSHIP_TOWNSHIP,
  CP_N_TOWNSHIP_KINDS
} CpTownshipKind;

typedef enum
{
  CP_COMMUNITY_URBAN,
  CP_COMMUNITY_RURAL,
  CP_N_COMMUNITY_KINDS
} CpCommunityKind;

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

extern const CpVocabulary cp_township_kinds[CP_N_TOWNSHIP_KINDS];
extern const CpVocabulary cp_community_kinds[CP_N_COMMUNITY_KINDS];
extern const CpVocabulary cp_facility_kinds[CP_N_FACILITY_KINDS];
extern const CpVocabulary cp_provisions[CP_N_PROVISIONS];
extern const CpVocabulary cp_statuses[CP_N_STATUSES];

/* Index of @text (a key, the Chinese label or the English display name, case-insensitive for
 * ASCII) in @vocabulary of @n words, or -1. */
int cp_vocabulary_lookup (const CpVocabulary *vocabulary, guint n, const char *text);

/* The translated display name of @index in @vocabulary. */
const char *cp_vocabulary_display (const CpVocabulary *vocabulary, guint n, int index);

/* Parses a yes/no cell: 是/否, yes/no, true/false, 1/0 (case-insensitive). */
gboolean cp_parse_yes_no (const char *text, gboolean *out_value);

/* The plan's standards for one year (DOMAIN.md §1); defaults from the plan itself. */
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
  char *code;
  char *name;
  CpTownshipKind kind;
} CpTownship;

typedef struct
{
  gint64 id;
  gint64 township_id;
  char *code;
  char *name;
  CpCommunityKind kind;
  gboolean relocation_site;
  gint64 households; /* for the year asked, latest at or before it */
  gint64 population;
} CpCommunity;

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
  gboolean government_invested;
  gboolean property_registered;
  gboolean accessible;
  gboolean age_friendly;
  gboolean child_friendly;
} CpFacility;

void cp_township_clear (CpTownship *township);
void cp_community_clear (CpCommunity *community);
void cp_facility_clear (CpFacility *facility);

/* Long work reports its progress, 0..1, from whatever thread it runs in. */
typedef void (*CpProgressFunc) (double fraction, gpointer user_data);

#define CP_YEAR_MIN 1949
#define CP_YEAR_MAX 2100

G_END_DECLS
