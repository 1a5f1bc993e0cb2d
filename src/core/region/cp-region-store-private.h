/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SQL shared by the stores of the domains built on the region. */
#pragma once

/* @column (households or population) of community @community (an SQL expression) in year @year
 * (a parameter): the latest figure recorded at or before that year, 0 when there is none. The
 * one formulation of "the figures of year Y"; every query that needs them pastes this. */
#define CP_COMMUNITY_FIGURE_IN_YEAR_SQL(column, community, year)                                   \
  "coalesce((SELECT " column " FROM community_year y WHERE y.community_id = " community            \
  " AND y.year <= " year " ORDER BY y.year DESC LIMIT 1), 0)"
#define CP_HOUSEHOLDS_IN_YEAR_SQL(community, year)                                                 \
  CP_COMMUNITY_FIGURE_IN_YEAR_SQL ("households", community, year)
