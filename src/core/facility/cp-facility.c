/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility.h"
#include "cp-text.h"

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
cp_facility_clear (CpFacility *facility)
{
  g_clear_pointer (&facility->name, g_free);
}

gboolean
cp_standards_validate (const CpStandards *standards, GError **error)
{
  g_return_val_if_fail (standards != NULL, FALSE);

  if (standards->year < CP_YEAR_MIN || standards->year > CP_YEAR_MAX)
    return cp_set_error (error, CP_ERROR_INVALID, _("Year %d is outside %d–%d."), standards->year,
                         CP_YEAR_MIN, CP_YEAR_MAX);
  if (!(standards->area_per_100_households_m2 > 0 && standards->area_per_100_households_m2
        <= CP_STANDARDS_AREA_PER_100_MAX_M2))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Area per 100 households must be more than 0 and at most 1000 m²."));
  if (!(standards->rural_building_min_m2 >= 0 && standards->rural_building_min_m2
        <= CP_STANDARDS_RURAL_BUILDING_MAX_M2))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Rural building minimum must be between 0 and 100000 m²."));
  if (!(standards->service_share_min >= 0 && standards->service_share_min <= 1))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Service area share must be between 0%% and 100%%."));
  if (!(standards->rural_coverage_target >= 0 && standards->rural_coverage_target <= 1))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Rural coverage target must be between 0%% and 100%%."));
  return TRUE;
}

gboolean
cp_facility_validate (const CpFacility *f, GError **error)
{
  g_return_val_if_fail (f != NULL, FALSE);

  if (cp_text_is_blank (f->name))
    return cp_set_error (error, CP_ERROR_INVALID, _("Name: enter the facility's name."));
  if (g_utf8_strlen (f->name, -1) > CP_FACILITY_NAME_MAX_CHARS)
    return cp_set_error (error, CP_ERROR_INVALID, _("Name: at most %d characters."),
                         CP_FACILITY_NAME_MAX_CHARS);
  if (!(f->total_area_m2 > 0 && f->total_area_m2 <= CP_FACILITY_AREA_MAX_M2))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Total area: %.1f m² is not possible; enter an area above 0 and at "
                           "most %.0f m²."),
                         f->total_area_m2, CP_FACILITY_AREA_MAX_M2);
  if (!(f->service_area_m2 >= 0))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Service area: %.1f m² is negative; enter 0 or more."),
                         f->service_area_m2);
  if (f->service_area_m2 > f->total_area_m2)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Service area: %.1f m² is larger than the total area %.1f m²."),
                         f->service_area_m2, f->total_area_m2);
  if (!(f->office_area_m2 >= 0))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Office area: %.1f m² is negative; enter 0 or more."),
                         f->office_area_m2);
  if (f->office_area_m2 > f->total_area_m2)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Office area: %.1f m² is larger than the total area %.1f m²."),
                         f->office_area_m2, f->total_area_m2);
  if (f->independent_offices < 0 || f->independent_offices > CP_FACILITY_OFFICES_MAX)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Independent offices: enter a whole number from 0 to %d."),
                         CP_FACILITY_OFFICES_MAX);
  if (f->year < CP_YEAR_MIN || f->year > CP_YEAR_MAX)
    return cp_set_error (error, CP_ERROR_INVALID, _("Year: %d is outside %d–%d."), f->year,
                         CP_YEAR_MIN, CP_YEAR_MAX);
  if (f->closed_year != 0 && (f->closed_year < CP_YEAR_MIN || f->closed_year > CP_YEAR_MAX))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Closing year: %d is outside %d–%d; leave it empty if the facility "
                           "is not closed."),
                         f->closed_year, CP_YEAR_MIN, CP_YEAR_MAX);
  if (f->closed_year != 0 && f->closed_year < f->year)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Closing year: %d is before the opening year %d; enter %d or later."),
                         f->closed_year, f->year, f->year);
  return TRUE;
}
