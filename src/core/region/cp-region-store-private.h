/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SQL shared by the stores of the domains built on the region. */
#pragma once

/* The households of community @community (an SQL expression) in year @year (a parameter): the
 * latest figure recorded at or before that year, 0 when there is none. The one formulation of
 * "households in year Y"; every query that needs it pastes this. */
#define CP_HOUSEHOLDS_IN_YEAR_SQL(community, year)                                                 \
  "coalesce((SELECT households FROM community_year y WHERE y.community_id = " community            \
  " AND y.year <= " year " ORDER BY y.year DESC LIMIT 1), 0)"
