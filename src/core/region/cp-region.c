/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-region.h"

const CpVocabulary cp_township_kinds[CP_N_TOWNSHIP_KINDS] = {
  { "subdistrict", "街道", N_("Subdistrict") },
  { "town", "镇", N_("Town") },
  { "township", "乡", N_("Rural township") },
};

const CpVocabulary cp_community_kinds[CP_N_COMMUNITY_KINDS] = {
  { "urban", "社区", N_("Urban community") },
  { "rural", "村", N_("Village") },
};

void
cp_township_clear (CpTownship *township)
{
  g_clear_pointer (&township->code, g_free);
  g_clear_pointer (&township->name, g_free);
}

void
cp_community_clear (CpCommunity *community)
{
  g_clear_pointer (&community->code, g_free);
  g_clear_pointer (&community->name, g_free);
}
