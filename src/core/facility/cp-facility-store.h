/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every SQL statement on facilities and standards: records, the check's aggregate query and the
 * queries of the window's community list. */
#pragma once

#include "cp-facility-rules.h"
#include "cp-store.h"

G_BEGIN_DECLS

/* The standards in force in @year: the latest recorded at or before it, else the plan's
 * defaults. @out_source (optional) gets where they came from. */
gboolean cp_facility_store_get_standards (CpStore *store, int year, CpStandards *out,
                                          char **out_source, GError **error);
/* Validates and records the standards of @standards->year. */
gboolean cp_facility_store_set_standards (CpStore *store, const CpStandards *standards,
                                          const char *source, GError **error);

/* Where the standards in force in @year come from: @out_from gets the year of the recorded
 * standards in force (0 when none is recorded at or before @year: the plan's defaults),
 * @out_next the next year after @year with standards of its own (0: none, in force until
 * changed). */
gboolean cp_facility_store_standards_span (CpStore *store, int year, int *out_from, int *out_next,
                                           GError **error);
/* Like cp_facility_store_set_standards(), for a change asked about: the years after
 * @standards->year that took their standards from the ones in force in that year (up to the next
 * year with standards of its own) keep the values they had when @later_keep_old (the old values
 * and source are recorded for the year after, unless it has standards of its own), or take the
 * new ones. One transaction. */
gboolean cp_facility_store_set_standards_keeping (CpStore *store, const CpStandards *standards,
                                                  const char *source, gboolean later_keep_old,
                                                  GError **error);

/* Whether any year's standards are recorded. */
gboolean cp_facility_store_has_standards (CpStore *store, gboolean *out, GError **error);

/* Without an id, (community, name) identifies the facility: an existing one of that name is
 * updated (what an import needs). With one, that record is updated (it may be renamed). @id in
 * the struct is set on return. */
gboolean cp_facility_store_upsert (CpStore *store, CpFacility *facility, GError **error);
/* Like cp_facility_store_upsert() of each of the @n @facilities in turn, for an import, inside
 * its transaction: they were validated already, no two have the same community and name, and
 * their ids are not read back (no RETURNING, which costs a temporary table a row). Written a few
 * hundred rows a statement. */
gboolean cp_facility_store_import (CpStore *store, const CpFacility *facilities, guint n,
                                   GError **error);
/* Adds a new facility (@facility->id 0; set on return). A name already used in that community
 * is refused (CP_ERROR_INVALID) with a message naming both: nothing is overwritten. */
gboolean cp_facility_store_insert (CpStore *store, CpFacility *facility, GError **error);
gboolean cp_facility_store_delete (CpStore *store, gint64 id, GError **error);
/* An array of CpFacility (cleared on free) of one community, by name. */
GArray *cp_facility_store_list (CpStore *store, gint64 community_id, GError **error);

/* One community in one year as the check decides it. */
typedef struct
{
  gint64 id;
  const char *code;
  const char *name;
  const char *township_code;
  const char *township;
  CpCommunityKind kind;
  gboolean relocation_site;
  gint64 households;
  CpFacilityTally tally;
  CpCommunityResult result;
} CpCheckRow;

/* Called for each community in township code, community code order; the row's strings live
 * until the callback returns. Return FALSE to stop early (the check then fails as cancelled). */
typedef gboolean (*CpCheckRowFunc) (const CpCheckRow *row, gpointer user_data);

/* The check's one aggregate query: every community of @standards->year (of one township, by id;
 * 0 for all), each decided by cp_facility_rules_check() with @standards. Fails with
 * CP_ERROR_CANCELLED when @func returns FALSE. */
gboolean cp_facility_store_check_rows (CpStore *store,
                                       const CpStandards *standards,
                                       gint64 township_id,
                                       CpCheckRowFunc func,
                                       gpointer user_data,
                                       GError **error);
/* The same, planned work (规划, 在建) counted from its year with @projected
 * (cp_facility_count_in_year()). */
gboolean cp_facility_store_check_rows_full (CpStore *store,
                                            const CpStandards *standards,
                                            gint64 township_id,
                                            gboolean projected,
                                            CpCheckRowFunc func,
                                            gpointer user_data,
                                            GError **error);

/* Appends to @out_years, in order, every year after @year in which a check's figures may change:
 * a facility opens or closes, a community's figures or the standards are recorded. After the
 * last of them (or @year, when there is none) nothing changes. */
gboolean cp_facility_store_change_years (CpStore *store, int year, GArray *out_years,
                                         GError **error);

/* Sort keys of the window's community list (the order of its columns). */
typedef enum
{
  CP_COMMUNITY_SORT_CODE,
  CP_COMMUNITY_SORT_TOWNSHIP,
  CP_COMMUNITY_SORT_NAME,
  CP_COMMUNITY_SORT_KIND,
  CP_COMMUNITY_SORT_HOUSEHOLDS,
  CP_COMMUNITY_SORT_REQUIRED,
  CP_COMMUNITY_SORT_ACTUAL,
  CP_COMMUNITY_SORT_SHORTFALL,
  CP_COMMUNITY_SORT_RESULT,
  CP_COMMUNITY_SORT_NATURAL /* township code, community code */
} CpCommunitySort;

/* Appends to @out_ids (gint64) the ids of the communities of the list in @year: of @township_id
 * (0 for all), whose code or name contains @search (plain text; NULL or "" for all), sorted by
 * @sort, ties by township and community code. Areas and results sort by the values
 * cp_facility_rules_check() gives with the standards of @year. */
gboolean cp_facility_store_list_community_ids (CpStore *store,
                                               int year,
                                               gint64 township_id,
                                               const char *search,
                                               CpCommunitySort sort,
                                               gboolean descending,
                                               GArray *out_ids,
                                               GError **error);

/* Which communities the window's list shows in a year. */
typedef struct
{
  gint64 township_id;   /* 0 for all */
  const char *search;   /* code or name contains it (plain text); NULL or "" for all */
  CpViolations failing; /* 0 for all; else those breaking at least one of these rules (all the
                         * rules' bits: every community that falls short) */
  gboolean projected;   /* planned work counted from its year (cp_facility_count_in_year()) */
} CpCommunityFilter;

/* The communities of a filter's township and search, whatever its rules: how many, how many
 * pass and fall short, and their shortfalls added up (to 0.1 m²). */
typedef struct
{
  guint matched;
  guint compliant;
  guint failing;
  double shortfall_m2;
} CpCommunityTotals;

#define CP_ALL_RULES ((CpViolations) ((1u << CP_N_RULES) - 1))

/* Like cp_facility_store_list_community_ids() for @filter: the township and search are
 * conditions of the query, the rules are decided by cp_facility_rules_check() on the rows it
 * returns (the same call as the check, so the list never disagrees with it). @out_totals
 * (optional) gets the totals of the township and search. */
gboolean cp_facility_store_filter_community_ids (CpStore *store,
                                                 int year,
                                                 const CpCommunityFilter *filter,
                                                 CpCommunitySort sort,
                                                 gboolean descending,
                                                 GArray *out_ids,
                                                 CpCommunityTotals *out_totals,
                                                 GError **error);

/* Called once per community found, with its index in the ids asked for; the row's strings live
 * until the callback returns. */
typedef void (*CpCommunityRowFunc) (guint index, const CpCheckRow *row, gpointer user_data);

/* Reads the rows of @n community @ids in @year, decided with the standards of @year. */
gboolean cp_facility_store_read_community_rows (CpStore *store,
                                                int year,
                                                const gint64 *ids,
                                                guint n,
                                                CpCommunityRowFunc func,
                                                gpointer user_data,
                                                GError **error);
/* The same, planned work counted from its year with @projected. */
gboolean cp_facility_store_read_community_rows_full (CpStore *store,
                                                     int year,
                                                     gboolean projected,
                                                     const gint64 *ids,
                                                     guint n,
                                                     CpCommunityRowFunc func,
                                                     gpointer user_data,
                                                     GError **error);

G_END_DECLS
