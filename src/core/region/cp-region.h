/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The region of the plan: townships (街道, 镇, 乡) and their communities (社区, 村) with their
 * households and population per year, the words for their kinds and the limits of their fields. */
#pragma once

#include "cp-error.h"
#include "cp-vocabulary.h"

G_BEGIN_DECLS

/* Codes and names of townships and communities, in characters. */
#define CP_REGION_CODE_MAX_CHARS 32
#define CP_REGION_NAME_MAX_CHARS 100
/* Households or people of one community. */
#define CP_REGION_COUNT_MAX 100000000

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

extern const CpVocabulary cp_township_kinds[CP_N_TOWNSHIP_KINDS];
extern const CpVocabulary cp_community_kinds[CP_N_COMMUNITY_KINDS];

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

void cp_township_clear (CpTownship *township);
void cp_community_clear (CpCommunity *community);

G_END_DECLS
