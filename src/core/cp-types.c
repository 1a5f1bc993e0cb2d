/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-types.h"

const CpVocabulary cp_township_kinds[CP_N_TOWNSHIP_KINDS] = {
  { "subdistrict", "街道", N_("Subdistrict") },
  { "town", "镇", N_("Town") },
  { "township", "乡", N_("Rural township") },
};

const CpVocabulary cp_community_kinds[CP_N_COMMUNITY_KINDS] = {
  { "urban", "社区", N_("Urban community") },
  { "rural", "村", N_("Village") },
};

const CpVocabulary cp_facility_kinds[CP_N_FACILITY_KINDS] = {
  { "comprehensive", "综合服务设施", N_("Comprehensive service facility") },
  { "childcare", "托育", N_("Childcare") },
  { "children_home", "儿童之家", N_("Children's home") },
  { "elderly_care", "养老", N_("Elderly care") },
  { "rehabilitation", "康复", N_("Rehabilitation") },
  { "reading", "农家书屋", N_("Reading room") },
  { "culture_sports", "文体活动室", N_("Culture and sports room") },
  { "fitness", "健身广场", N_("Fitness square") },
  { "market", "农贸市场", N_("Farmers' market") },
  { "express", "快递站", N_("Express station") },
  { "ceremony", "红白喜事场所", N_("Ceremony venue") },
  { "burial", "公益性安葬设施", N_("Public-welfare burial site") },
};

const CpVocabulary cp_provisions[CP_N_PROVISIONS] = {
  { "new", "新建", N_("New build") },
  { "relocation", "政策还迁", N_("Policy relocation") },
  { "swap", "置换", N_("Swap") },
  { "lease", "租赁", N_("Lease") },
};

const CpVocabulary cp_statuses[CP_N_STATUSES] = {
  { "planned", "规划", N_("Planned") },
  { "building", "在建", N_("Under construction") },
  { "in_use", "在用", N_("In use") },
  { "closed", "停用", N_("Closed") },
};

int
cp_vocabulary_lookup (const CpVocabulary *vocabulary, guint n, const char *text)
{
  g_return_val_if_fail (vocabulary != NULL, -1);

  if (text == NULL)
    return -1;

  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (trimmed, vocabulary[i].key) == 0
          || strcmp (trimmed, vocabulary[i].zh_label) == 0
          || g_ascii_strcasecmp (trimmed, vocabulary[i].display) == 0
          || strcmp (trimmed, _(vocabulary[i].display)) == 0)
        return (int) i;
    }
  return -1;
}

const char *
cp_vocabulary_display (const CpVocabulary *vocabulary, guint n, int index)
{
  g_return_val_if_fail (index >= 0 && (guint) index < n, "");
  return _(vocabulary[index].display);
}

gboolean
cp_parse_yes_no (const char *text, gboolean *out_value)
{
  static const char *const yes[] = { "是", "yes", "true", "1", "y" };
  static const char *const no[] = { "否", "no", "false", "0", "n" };

  if (text == NULL)
    return FALSE;

  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
        {
          *out_value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
        {
          *out_value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

void
cp_standards_init_default (CpStandards *standards, int year)
{
  standards->year = year;
  standards->area_per_100_households_m2 = CP_DEFAULT_AREA_PER_100_HOUSEHOLDS_M2;
  standards->rural_building_min_m2 = CP_DEFAULT_RURAL_BUILDING_MIN_M2;
  standards->service_share_min = CP_DEFAULT_SERVICE_SHARE_MIN;
  standards->rural_coverage_target = CP_DEFAULT_RURAL_COVERAGE_TARGET;
}

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

void
cp_facility_clear (CpFacility *facility)
{
  g_clear_pointer (&facility->name, g_free);
}
