/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Facilities from CSV: their columns, how a row is checked and written. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-facility-import.h"
#include "cp-facility-store.h"
#include "cp-facility.h"
#include "cp-import.h"
#include "cp-region-store.h"
#include "cp-region.h"
#include "cp-text.h"

enum
{
  F_COMMUNITY,
  F_NAME,
  F_KIND,
  F_TOTAL,
  F_SERVICE,
  F_OFFICE,
  F_OFFICES,
  F_PROVISION,
  F_STATUS,
  F_YEAR,
  F_GOVERNMENT,
  F_REGISTERED,
  F_ACCESSIBLE,
  F_AGE,
  F_CHILD,
  F_CLOSED_YEAR,
  N_F
};

static const CpImportColumn facility_columns[N_F] = {
  { "community", "社区", N_("community"),
    N_("the code of a community in the database (import the communities first)"), TRUE },
  { "name", "名称", N_("name"), N_("the facility's name, at most 100 characters"), TRUE,
    TRUE },
  { "kind", "类型", N_("kind"), NULL, TRUE },
  { "total_area_m2", "总面积", N_("total area"), N_("an area of 0.1 m² or more"), TRUE },
  { "service_area_m2", "服务面积", N_("service area"), N_("an area of 0 m² or more"), TRUE },
  { "office_area_m2", "办公面积", N_("office area"), N_("an area of 0 m² or more"), FALSE },
  { "independent_offices", "独立办公室数", N_("independent offices"),
    N_("a whole number from 0 to 1000"), FALSE },
  { "provision", "建设方式", N_("provision"), NULL, TRUE },
  { "status", "状态", N_("status"), NULL, TRUE },
  { "year", "年份", N_("year"), N_("the year it opened or is planned to open"), TRUE },
  { "government_invested", "政府投资", N_("government invested"), NULL, FALSE },
  { "property_registered", "不动产登记", N_("property registered"), NULL, FALSE },
  { "accessible", "无障碍", N_("accessible"), NULL, FALSE },
  { "age_friendly", "适老化", N_("age-friendly"), NULL, FALSE },
  { "child_friendly", "适儿化", N_("child-friendly"), NULL, FALSE },
  { "closed_year", "停用年份", N_("closing year"),
    N_("the year it is out of use from, not before its year, or nothing"), FALSE },
};

static gboolean
parse_facility_community (CpImport *imp, guint row, const char *text, gint64 *out)
{
  g_autofree char *code = NULL;

  if (!cp_import_parse_code (imp, row, F_COMMUNITY, text, CP_REGION_CODE_MAX_CHARS, &code))
    return FALSE;
  *out = cp_import_lookup_id (imp, code, cp_region_store_find_community);
  if (*out == 0)
    return cp_import_add_problem (imp, row, F_COMMUNITY,
                                  _("unknown community “%s”: use the code of a community in the "
                                    "database (import the communities first)"),
                                  code);
  return TRUE;
}

static gboolean
parse_facility_choices (CpImport *imp, guint row, const char *const *cells, CpFacility *f)
{
  int kind = 0, provision = 0, status = 0;
  gboolean ok = cp_import_parse_choice (imp, row, F_KIND, cells[F_KIND], cp_facility_kinds,
                                        CP_N_FACILITY_KINDS, &kind);

  ok &= cp_import_parse_choice (imp, row, F_PROVISION, cells[F_PROVISION], cp_provisions,
                                CP_N_PROVISIONS, &provision);
  ok &= cp_import_parse_choice (imp, row, F_STATUS, cells[F_STATUS], cp_statuses, CP_N_STATUSES,
                                &status);
  f->kind = kind;
  f->provision = provision;
  f->status = status;
  return ok;
}

static gboolean
parse_facility_areas (CpImport *imp, guint row, const char *const *cells, CpFacility *f)
{
  const double max = CP_FACILITY_AREA_MAX_M2;
  gboolean total_ok = cp_import_parse_area (imp, row, F_TOTAL, cells[F_TOTAL], 0.1, max,
                                            &f->total_area_m2);
  gboolean service_ok = cp_import_parse_area (imp, row, F_SERVICE, cells[F_SERVICE], 0, max,
                                              &f->service_area_m2);
  gboolean office_ok = cp_import_parse_area (imp, row, F_OFFICE, cells[F_OFFICE], 0, max,
                                             &f->office_area_m2);

  if (total_ok && service_ok && f->service_area_m2 > f->total_area_m2)
    service_ok = cp_import_add_problem (
        imp, row, F_SERVICE, _("service area %.1f m² is larger than the total area %.1f m²"),
        f->service_area_m2, f->total_area_m2);
  if (total_ok && office_ok && f->office_area_m2 > f->total_area_m2)
    office_ok = cp_import_add_problem (
        imp, row, F_OFFICE, _("office area %.1f m² is larger than the total area %.1f m²"),
        f->office_area_m2, f->total_area_m2);
  return total_ok && service_ok && office_ok;
}

static gboolean
parse_facility_flags (CpImport *imp, guint row, const char *const *cells, CpFacility *f)
{
  gboolean ok = cp_import_parse_flag (imp, row, F_GOVERNMENT, cells[F_GOVERNMENT],
                                      &f->government_invested);

  ok &= cp_import_parse_flag (imp, row, F_REGISTERED, cells[F_REGISTERED],
                              &f->property_registered);
  ok &= cp_import_parse_flag (imp, row, F_ACCESSIBLE, cells[F_ACCESSIBLE], &f->accessible);
  ok &= cp_import_parse_flag (imp, row, F_AGE, cells[F_AGE], &f->age_friendly);
  ok &= cp_import_parse_flag (imp, row, F_CHILD, cells[F_CHILD], &f->child_friendly);
  return ok;
}

/* A community and name seen twice in the file. */
static gboolean
check_unique_facility (CpImport *imp, guint row, const CpFacility *f, const char *community)
{
  /* The community's id, a unit separator and the name (at most 100 characters of 4 bytes). */
  char key[32 + 4 * CP_FACILITY_NAME_MAX_CHARS];
  int length = g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT "\x1f%s", f->community_id,
                           f->name);
  guint earlier = cp_import_first_row (imp, key, MIN ((gsize) length, sizeof key - 1), row);

  if (earlier != 0)
    {
      g_autofree char *name = cp_text_quote (f->name, -1);
      return cp_import_add_problem (imp, row, F_NAME,
                                    _("duplicate facility “%s” of community “%s” also on row %u"),
                                    name, community, earlier);
    }
  return TRUE;
}

static gboolean
parse_facility (CpImport *imp, guint row, const char *const *cells, gpointer item)
{
  CpFacility *f = item;
  gboolean ok = parse_facility_community (imp, row, cells[F_COMMUNITY], &f->community_id);

  ok &= cp_import_parse_text (imp, row, F_NAME, cells[F_NAME], CP_FACILITY_NAME_MAX_CHARS,
                              &f->name);
  ok &= parse_facility_choices (imp, row, cells, f);
  ok &= parse_facility_areas (imp, row, cells, f);
  ok &= cp_import_parse_count (imp, row, F_OFFICES, cells[F_OFFICES], CP_FACILITY_OFFICES_MAX,
                               &f->independent_offices);
  ok &= cp_import_parse_year (imp, row, F_YEAR, cells[F_YEAR], &f->year);
  ok &= cp_import_parse_year (imp, row, F_CLOSED_YEAR, cells[F_CLOSED_YEAR], &f->closed_year);
  ok &= parse_facility_flags (imp, row, cells, f);
  if (f->community_id != 0 && f->name != NULL)
    ok &= check_unique_facility (imp, row, f, cells[F_COMMUNITY]);

  if (ok && f->closed_year != 0 && f->closed_year < f->year)
    ok = cp_import_add_problem (imp, row, F_CLOSED_YEAR,
                                _("closing year %d is before the year %d it opened: enter %d or "
                                  "later, or nothing"),
                                f->closed_year, f->year, f->year);

  /* The store's own rules, in case they know more than the checks above. */
  g_autoptr (GError) invalid = NULL;
  if (ok && !cp_facility_validate (f, &invalid))
    ok = cp_import_add_problem (imp, row, F_NAME, "%s", invalid->message);
  return ok;
}

/* By community and then name, the key of the facility table's unique index: the bytes of the
 * names compare as SQLite's BINARY collation compares them (memcmp, then the shorter first). */
static int
compare_facilities (gconstpointer a, gconstpointer b)
{
  const CpFacility *fa = a, *fb = b;

  if (fa->community_id != fb->community_id)
    return fa->community_id < fb->community_id ? -1 : 1;
  return strcmp (fa->name, fb->name);
}

static gboolean
write_facilities (CpStore *store, gconstpointer items, guint n, GError **error)
{
  return cp_facility_store_import (store, items, n, error);
}

static const CpImportKind facilities = {
  .key = "facilities",
  .zh_label = "设施",
  .display = N_("Facilities"),
  .domain = "facility",
  .columns = facility_columns,
  .n_columns = N_F,
  .item_size = sizeof (CpFacility),
  .clear_item = (GDestroyNotify) cp_facility_clear,
  .parse_row = parse_facility,
  .write_items = write_facilities,
  .compare_items = compare_facilities,
  .validated = TRUE,
};

/* Public API */

void
cp_facility_import_register (void)
{
  cp_import_register (&facilities);
}
